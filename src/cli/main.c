/* main.c - baton's command line: global options (--db, --now, --json, anywhere on the line),
 * one table of commands, dispatch, and the mapping of errors to exit codes (SPEC section 5):
 * 0 ok, 1 usage, 2 bad input, 3 not found, 4 refused, 5 storage failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "service/replay.h"
#include "core/clock.h"
#include "http/http.h"
#include "util/arena.h"

#define GLOBAL_USAGE                                                                                                  \
	"usage: baton [--db URL] [--now RFC3339] [--json] COMMAND ...\n"                                               \
	"\n"                                                                                                           \
	"  --db URL       the store: a SQLite file path or postgres://... (default $BATON_DB or ./baton.db)\n"                             \
	"  --now TIME     the clock for this command, RFC 3339 (default: the wall clock)\n"                             \
	"  --json         print machine-readable JSON on stdout\n"                                                      \
	"\n"                                                                                                           \
	"Exit codes: 0 ok, 1 usage, 2 bad input, 3 not found, 4 refused, 5 storage failure.\n"                          \
	"`baton help COMMAND` or `baton COMMAND --help` explains a command.\n"

/* a number macro as a string literal, so a help text says what the code does (HTTP_WORKERS) */
#define NUM_(n) #n
#define NUM(n) NUM_(n)

static const struct command commands[] = {
	{"init", cmd_init, 0, "create the store with a playbook (the built-in default if none)",
	 "usage: baton init [--playbook FILE]\n\n"
	 "Creates the store (--db) and records the playbook as version 1. Without --playbook the\n"
	 "built-in default is used (`baton playbook show` prints it). Refused (exit 4) if the store\n"
	 "already has a playbook.\n"},
	{"playbook", cmd_playbook, 0, "check, show or apply the playbook (the written agreement)",
	 "usage: baton playbook check FILE\n"
	 "       baton playbook show\n"
	 "       baton playbook apply FILE\n\n"
	 "check  validates FILE and prints every error as FILE:LINE: key.path: message (exit 2)\n"
	 "show   prints the playbook in force (its YAML; --json: the parsed structure)\n"
	 "apply  validates FILE and stores it as the next version; applying is an event\n"},
	{"rep", cmd_rep, RUN_SETUP, "add, list and change reps",
	 "usage: baton rep add NAME --role mrr|sdr|ae|csm|manager [--team T] [--manager M]\n"
	 "                 [--territory X,Y] [--pod P] [--capacity N] [--hours HH:MM-HH:MM]\n"
	 "                 [--timezone ZONE] [--weight N] [--email E] [--slack ID]\n"
	 "                 [--full-name \"Ada Lovelace\"]\n"
	 "       baton rep list [--role R]\n"
	 "       baton rep set NAME [--active true|false] [--capacity N] [--hours HH:MM-HH:MM]\n"
	 "                 [--team T] [--manager M] [--pod P] [--territory X,Y] [--timezone ZONE]\n"
	 "                 [--weight N] [--email E] [--slack ID] [--full-name \"Ada Lovelace\"]\n"
	 "       baton rep away NAME --from T --to T [--reason R]\n"
	 "       baton rep away NAME --list\n"
	 "       baton rep away NAME --cancel ID\n\n"
	 "Reps are routed to in the order they were added. --capacity caps the open leads a rep\n"
	 "owns (none by default); --hours sets its working hours on its calendar's business days\n"
	 "(its team's or the org's business hours by default); --timezone (an IANA name such as\n"
	 "America/Chicago; default: back to its team's or the org's) is the zone its hours are\n"
	 "read in. A rep's calendar is its own zone and hours, else its team's (the playbook's\n"
	 "teams:), else the org's; routing and its obligations' business time use it. An\n"
	 "inactive rep gets no leads and may not act.\n"
	 "--weight (1 to 100, default 1) is the rep's share of the lead rotations: a smooth\n"
	 "weighted round robin, so weights 3/1/1 give exactly 3, 1 and 1 of every 5 leads while\n"
	 "the same reps are eligible; equal weights are the plain rotation (docs/routing.md).\n"
	 "--email (unique among reps) and --slack (a Slack member id such as U012AB3CD) are where\n"
	 "the playbook's notify: section reaches the rep (docs/notifications.md); \"\" clears one.\n"
	 "--full-name is the rep's name as a CRM writes it: `lead import` and `account import`\n"
	 "match a history row's owner to a rep by name, email or full name (docs/import.md).\n"
	 "away  an absence: T is an RFC 3339 time, or a date YYYY-MM-DD meaning whole days in the\n"
	 "      rep's time zone (--to inclusive: --from 2026-12-21 --to 2026-12-24 is four days).\n"
	 "      While away the rep gets no leads and no meetings. When the absence starts, its\n"
	 "      untouched mql leads go back to the rotation (routing.absence: reassign_untouched,\n"
	 "      or keep), its other work stays, and its manager is told (an `absence` notification\n"
	 "      and event); on its return the rotation goes on where it was. --list shows its\n"
	 "      absences (upcoming, away, over, cancelled); --cancel ID drops an upcoming one or\n"
	 "      ends one now. An absence of at most 366 days, overlapping none of the rep's others.\n"},
	{"account", cmd_account, RUN_SETUP, "add, list and import accounts (companies)",
	 "usage: baton account add NAME --domain D [--segment S] [--employees N] [--territory T]\n"
	 "                     [--owner AE] [--sdr SDR] [--target]\n"
	 "       baton account list\n"
	 "       baton account import FILE.csv\n\n"
	 "A lead whose email domain is an account's domain is matched to it (free-mail domains\n"
	 "never match): the account's segment and size apply, and its owner or SDR gets the lead.\n"
	 "import  a company export (HubSpot companies: Company name, Company Domain Name or Website\n"
	 "      URL, Industry, Number of Employees, Company owner; Salesforce accounts: Account Name,\n"
	 "      Website, Industry, Employees, Account Owner): one account per row, its website cut to\n"
	 "      its domain, its owner matched to an AE or CSM by name, email or full name (others\n"
	 "      listed, the account kept without owner), a known domain counted as a duplicate, bad\n"
	 "      rows named by line and field (--json: {\"rows\", \"imported\", \"duplicates\",\n"
	 "      \"bad\", \"errors\", \"unmatched_owners\"}; docs/import.md)\n"},
	{"lead", cmd_lead, RUN_SETUP, "take in, show and list leads",
	 "usage: baton lead add --email E [--name N] [--title T] [--company C] [--phone P] [--mobile M]\n"
	 "                      [--source S] [--channel inbound|outbound] [--segment S] [--employees N]\n"
	 "                      [--country C] [--timezone ZONE]\n"
	 "       baton lead import FILE.csv [--map Src=dst,..] [--source S] [--strict] [--dry-run]\n"
	 "                              [--encoding E] [--keep]\n"
	 "       baton lead show ID\n"
	 "       baton lead list [--stage S] [--owner REP] [--source S] [--unassigned] [--q TEXT]\n"
	 "                       [--sort FIELD[,-FIELD]] [--offset N] [--limit N]\n"
	 "       baton lead restore ID --by REP\n"
	 "       baton lead assign ID --to REP --by MANAGER --reason TEXT\n\n"
	 "add   intake: the email is normalised first (Unicode NFKC, so fullwidth letters are plain;\n"
	 "      white space and invisible characters at the ends dropped; case folded, so\n"
	 "      Eve@Corp.example is eve@corp.example) and refused unless it is a plausible address\n"
	 "      (one @, a domain with a dot, no control, space or invisible character inside, at\n"
	 "      most 254 characters); then dedupe by email (a known email adds an event to the\n"
	 "      existing lead), account match by email domain, the fit filter, the fit score and\n"
	 "      grade, then routing (round robin over the playbook's inbound role, by territory when\n"
	 "      the playbook says so, or the account's owner or SDR); nobody eligible: the lead waits\n"
	 "      unassigned and the managers are told; --timezone is the lead's IANA zone\n"
	 "      (default: its country's when the country keeps one time, such as FR)\n"
	 "import  the same intake for every row of a CSV file (HubSpot and Salesforce headers are\n"
	 "      recognised; --map renames others); bad rows are reported with line and field and\n"
	 "      skipped, or with --strict nothing is stored; a summary at the end. The file is\n"
	 "      UTF-8, or UTF-16 with a byte-order mark; --encoding windows-1252 (or iso-8859-1,\n"
	 "      utf-16le, ...) converts another; a row that is not UTF-8 is refused (docs/import.md).\n"
	 "      A row with its history (a creation date or a stage: Create Date, Created Date,\n"
	 "      Lifecycle Stage, Lead Status, Status) comes in as history: its own creation time\n"
	 "      (a date without offset in the org's zone), its stage mapped by the playbook's\n"
	 "      import.stages then HubSpot's and Salesforce's defaults (an unknown value: inquiry,\n"
	 "      listed), its owner (Contact owner, Lead Owner, Opportunity Owner, Owner) matched to a\n"
	 "      rep by name, email or full name (unmatched ones listed), its amount and close date (a\n"
	 "      won or live row with both: a 12-month contract renewing on the close date's next\n"
	 "      anniversary, docs/customers.md); one `imported` event with the original values; not\n"
	 "      routed; an obligation only where its window still runs (docs/import.md). --dry-run prints what would happen and changes nothing\n"
	 "      (--json: {\"rows\", \"stages\", \"unmatched_owners\", \"unmapped_values\",\n"
	 "      \"obligations\", \"errors\"}).\n"
	 "      --keep keeps the columns baton does not know as each lead's attributes (at most 50,\n"
	 "      a value at most 2,000 characters; utm_source, utm_medium, utm_campaign also set the\n"
	 "      source and channel by the playbook's intake.utm). Line breaks in one-line fields\n"
	 "      become spaces.\n"
	 "show  the lead with its timeline, open obligations and meetings\n"
	 "list  every matching lead (no hidden limit; --limit N to cut; --unassigned: no owner).\n"
	 "      --q TEXT finds TEXT in the email, name or company, whatever its case or accents\n"
	 "      (muller finds Müller). --sort orders by id (the default), email, name, company,\n"
	 "      stage (lifecycle order), owner, source, channel, segment, country, grade, score,\n"
	 "      touches, first_touch_at, created_at or updated_at, '-' before a field to reverse,\n"
	 "      empty values last; --offset N skips the first N (a page: --offset 50 --limit 50)\n"
	 "restore  bring a filtered lead back to mql and route it\n"
	 "assign  a manager's hand: the lead (open work: mql, target, working, handoff, sql) goes to\n"
	 "      REP, a rep of the manager's team, active and not away (an AE for handoff and sql).\n"
	 "      The lead's open obligations move with it, due times unchanged; one `assigned` event\n"
	 "      with \"manual\": true, \"by\" and \"reason\". Refused (exit 4) for a rep who is not\n"
	 "      a manager, and for a lead or a REP outside the manager's team.\n"},
	{"touch", cmd_act, RUN_SETUP, "log a call, email or social touch",
	 "usage: baton touch ID --by REP --kind call|email|social [--outcome O] [--note T] [--variant V]\n"
	 "                  [--minutes N]\n\n"
	 "The owner's first touch moves an mql or target lead to working. --variant names the A/B\n"
	 "variant of the message (report ab); outcomes replied, connected and meeting count as a\n"
	 "reply; --minutes is the time the rep spent on it (1-600; `advise` weighs touches by it,\n"
	 "else call 15, email 5, social 3 minutes).\n"},
	{"qualify", cmd_act, RUN_SETUP, "record qualification answers",
	 "usage: baton qualify ID --by REP --set field=value [field=value ...]\n\n"
	 "Fields and allowed values come from the playbook's qualification section.\n"},
	{"handoff", cmd_act, RUN_SETUP, "pass a qualified lead to an AE",
	 "usage: baton handoff ID --by REP [--to AE] [--meeting RFC3339 [--minutes N]] --note key=value ...\n\n"
	 "Refused (exit 4), naming every missing item, unless the playbook's qualification rule\n"
	 "(handoff_requires) and required notes (notes_require) are met. Without --to the\n"
	 "playbook's routing.handoff picks the AE (the rep's pod, then the rotation). A meeting\n"
	 "is booked only into the AE's free time: inside its working hours on a business day and\n"
	 "clear of its other meetings (default 30 minutes).\n"},
	{"review", cmd_act, RUN_SETUP, "the AE marks the handoff notes reviewed",
	 "usage: baton review ID --by AE\n"},
	{"accept", cmd_act, RUN_SETUP, "the AE accepts a handoff (the lead becomes an SQL)",
	 "usage: baton accept ID --by AE [--amount N]\n\n"
	 "--amount is the AE's estimate of the opportunity's value: the pipeline and forecast\n"
	 "reports count it, and `close won` without --amount keeps it as the won amount.\n"},
	{"reject", cmd_act, RUN_SETUP, "the AE rejects a handoff with a reason code",
	 "usage: baton reject ID --by AE --reason CODE [--until DATE|RFC3339]\n\n"
	 "The playbook's rejections table decides where the lead goes (working with the rep who\n"
	 "handed it off, nurture or disqualified); an unknown code is refused and the known ones listed.\n"
	 "A lead sent to nurture recycles at --until (default: 90 days later). The lead's booked\n"
	 "meetings are cancelled (so are they by disqualify and close lost).\n"},
	{"nurture", cmd_act, RUN_SETUP, "park a lead until a recycle date",
	 "usage: baton nurture ID --by REP --until DATE|RFC3339 [--reason R]\n\n"
	 "A DATE (YYYY-MM-DD) means the start of that day in the org's time zone.\n"},
	{"disqualify", cmd_act, RUN_SETUP, "end a lead that will never buy",
	 "usage: baton disqualify ID --by REP --reason R\n"},
	{"close", cmd_act, RUN_SETUP, "close an opportunity won or lost",
	 "usage: baton close ID won|lost --by AE [--amount N] [--term-months M] [--reason R]\n\n"
	 "--amount is the deal value (up to two decimals). Won, it records the contract: --amount is\n"
	 "its annual value whatever the term, and it renews --term-months calendar months later\n"
	 "(1-120, default 12; Jan 31 + 1 month is Feb 28), in the org's time zone (docs/customers.md).\n"},
	{"live", cmd_act, RUN_SETUP, "the customer is live (customer success takes over)",
	 "usage: baton live ID --by AE\n\n"
	 "With routing.customers the lead goes to the next CSM of the rotation.\n"},
	{"renew", cmd_act, RUN_SETUP, "a live customer's contract renews for a new period",
	 "usage: baton renew ID --by CSM [--amount N] [--term-months M]\n\n"
	 "The new period starts at the old renewal date and runs --term-months (default: the\n"
	 "current term); --amount is the new annual value (default: unchanged). One `renewed`\n"
	 "event with previous_cents, amount_cents, term_months, starts_at and renews_at.\n"},
	{"churn", cmd_act, RUN_SETUP, "a live customer churns (stage churned)",
	 "usage: baton churn ID --by CSM --reason R\n\n"
	 "The customer moves to the final stage churned; its open obligations are cancelled. A\n"
	 "contract not renewed by its renewal date is churned by `tick` with the reason lapsed.\n"},
	{"expand", cmd_act, RUN_SETUP, "hand an upsell of a live customer to an AE",
	 "usage: baton expand ID --by CSM --to AE --amount N [--note key=value ...]\n\n"
	 "A new opportunity linked to customer ID (its \"parent\"), handed to the AE as a handoff:\n"
	 "the playbook's required notes and the customer's qualification go with it, the AE accepts\n"
	 "or rejects it (sla.handoff_response applies). Closed won, its amount is added to the\n"
	 "customer's annual value (an `expanded` event on the customer). Prints the opportunity.\n"},
	{"meeting", cmd_meeting, RUN_SETUP, "meeting outcomes and the invitation",
	 "usage: baton meeting held|no-show MEETING --by AE\n"
	 "       baton meeting reschedule MEETING --by REP --initiator seller|prospect [--at RFC3339]\n"
	 "       baton meeting cancel MEETING --by REP --initiator seller|prospect\n"
	 "       baton meeting ics MEETING\n\n"
	 "held/no-show  by the meeting's AE (or a manager), once it has started. A held meeting earns\n"
	 "              the rep who booked it meeting_held credit; a no-show gives the AE sla.no_show's\n"
	 "              attempts to make within its window, then the task passes to the `then` role.\n"
	 "reschedule    to --at (booked only into the AE's free time), or without --at a task to find\n"
	 "              a new time for the role the playbook names. The notice is the time left before\n"
	 "              the meeting: a seller who moves it with less than sla.reschedule_notice leaves\n"
	 "              the booking rep its seller_late_cancel credit.\n"
	 "cancel        the same notice rule; a task to rebook goes to the role the playbook names.\n"
	 "ics           the meeting as an iCalendar invitation (METHOD:REQUEST, or CANCEL).\n"},
	{"availability", cmd_availability, RUN_SETUP, "the AEs' calendars that bookings respect",
	 "usage: baton availability set REP --ics FILE\n"
	 "       baton availability add REP FROM TO\n\n"
	 "set  replaces the rep's busy times with those of an iCalendar export (events, recurrences\n"
	 "     expanded, free/busy periods) over the next 180 days; its out-of-office events\n"
	 "     (X-MICROSOFT-CDO-BUSYSTATUS:OOF, or a SUMMARY that begins \"Out of office\") are\n"
	 "     also absences of the rep (see `baton rep away`), replacing those read before\n"
	 "add  adds a block of availability (RFC 3339 times). Once a rep has availability, meetings\n"
	 "     are booked only inside it; without any, inside its working hours on business days.\n"
	 "Either way busy times and other meetings are excluded; a clash is refused with the next\n"
	 "free slots.\n"},
	{"tick", cmd_tick, RUN_SETUP, "run every timer due by --now",
	 "usage: baton tick\n\n"
	 "Runs every obligation due by --now in due order: breaches and their actions (reassign,\n"
	 "notify_manager, escalate_manager, flag), the no-show task passing on, nurture recycling.\n"
	 "Everything takes effect at the obligation's due time, so the outcome is the same however\n"
	 "often tick runs; a second tick at the same time does nothing.\n"
	 "--json: [{\"type\", \"rule\", \"lead\", \"rep\", \"at\"}].\n"},
	{"sla", cmd_sla, RUN_SETUP, "list obligations",
	 "usage: baton sla [--open|--breached] [--rep R] [--sort FIELD[,-FIELD]] [--offset N] [--limit N]\n\n"
	 "--json: [{\"id\", \"rule\", \"lead\", \"owner\", \"due\", \"status\"}], status open|met|breached|cancelled.\n"
	 "--sort  by id, due, rule, lead, owner, status or done_at, a leading - for descending, several\n"
	 "        keys separated by commas (default: by due time, then id); --offset and --limit page\n"
	 "        the sorted list, as GET /api/v1/sla does.\n"},
	{"queue", cmd_queue, RUN_SETUP, "a rep's work list, most urgent first",
	 "usage: baton queue --rep R [--working]\n\n"
	 "What the rep owes: breached first, then by due time, then grade; then its open tasks.\n"
	 "--working  then the leads it owns in an open stage that owe nothing now (the longest\n"
	 "           unchanged first); --json: lines of kind \"working\" with \"stage\", \"updated_at\".\n"},
	{"task", cmd_task, RUN_SETUP, "follow-up tasks owned by the role the playbook names",
	 "usage: baton task list [--rep R] [--all]\n"
	 "       baton task add LEAD --kind K --to REP --by REP\n"
	 "       baton task done ID --by REP\n\n"
	 "Tasks: reschedule_prospect_initiated, reschedule_seller_initiated,\n"
	 "reengage_stalled_opportunity, reschedule_no_show. A task is given only to a rep of the role\n"
	 "the playbook's tasks table names (refused, exit 4, otherwise).\n"},
	{"report", cmd_report, RUN_SETUP, "reports computed from the events",
	 "usage: baton report NAME [--from D] [--to D] [--by source|channel|segment|rep|team|month]\n"
	 "                    [--format table|json|csv]\n\n"
	 "funnel     leads that ever reached each stage, and stage-to-stage conversion\n"
	 "speed      speed to lead: p50, p90 minutes to the first touch, share within the SLA\n"
	 "sla        per rule: obligations, met, breached, compliance (--by rep: the owner)\n"
	 "handoff    acceptance per SDR and per AE, meeting-to-won per AE, rejection reasons,\n"
	 "           tune-out alerts (no --by)\n"
	 "followup   share of MQLs that got the full follow-up cadence of their grade\n"
	 "pipeline   open opportunity value (accept --amount) by source; the inbound share\n"
	 "marketing  filter rate, MQL to SQL, acceptance, inbound pipeline share per period,\n"
	 "           against the playbook's minimums, pass or fail (no --by)\n"
	 "credit     what counts for each rep and for marketing: meeting_held, seller_late_cancel,\n"
	 "           sql_accepted, won_amount, mql_to_sql, a CSM's renewal and expansion_sourced\n"
	 "           (the playbook's credit rules; no --by)\n"
	 "forecast   expected won value by month from open pipeline and historical win rates,\n"
	 "           with an 80% interval (no --by)\n"
	 "ab         touch variants: reply, meeting and SQL rates, two-proportion test (no --by)\n"
	 "routing    per rep: leads its rotation gave it and their share against its weight's\n"
	 "           share, routing decisions that skipped it (hours, capacity, away), leads moved\n"
	 "           by hand and by breaches, in and out (no --by)\n"
	 "customers  customers live, went live and days from won to live; renewals due in the\n"
	 "           period, renewed, churned, expansion won, gross and net revenue retention\n"
	 "           (--by rep: per CSM; --by segment: per segment of the lead; --by month: per\n"
	 "           month of the live and of the renewal date; docs/customers.md)\n"
	 "unit       per channel (inbound, outbound, all): LTV (annual value x gross margin /\n"
	 "           churn rate) against CAC (reps' and marketing's costs / new customers), every\n"
	 "           input listed; needs the playbook's economics (no --by; docs/customers.md)\n\n"
	 "--from/--to  the period [from, to): a date (midnight in the org's zone) or an RFC 3339\n"
	 "           time; cohort reports count the leads created in it (docs/reports.md)\n"
	 "--by       one row per source, channel, segment, rep (who worked the lead), team, or\n"
	 "           month of creation; without it one row keyed all\n"
	 "--format   table (default), json (the spec's shape, as --json) or csv (the rows table)\n"},
	{"advise", cmd_advise, RUN_SETUP, "the 80/20 advisor: where the team should split roles",
	 "usage: baton advise [--format table|json|csv]\n\n"
	 "From the touches reps logged (touch --minutes, else call 15, email 5, social 3 minutes),\n"
	 "the active reps per role and the inbound volume of the last 90 days: recommends a split\n"
	 "where a role spends more than 20% of its time on a function not its own (qualifying\n"
	 "inbound leads, prospecting, closing, managing customers), where inbound volume passes\n"
	 "200 leads a month per MRR, or where 3 or more AEs have no SDR; each recommendation shows\n"
	 "the numbers behind it (docs/advise.md).\n"},
	{"simulate", cmd_simulate, RUN_SETUP, "lumped against today's split and the best split: revenue and its swing",
	 "usage: baton simulate [--quarters N] [--runs N] [--seed S] [--reps N] [--format table|json|csv]\n\n"
	 "A Monte Carlo model of the revenue team (docs/simulation.md): `lumped` (every rep prospects\n"
	 "and closes, and stops prospecting while busy closing) against `specialized` (the same\n"
	 "headcount split into MRR, SDR, AE and CSM as the store splits it today) and `best` (the\n"
	 "split of the same headcount with the most revenue at no worse swing than today's: a\n"
	 "search of at most 64 splits, SPEC 8.11). For each model and quarter: the revenue mean,\n"
	 "p10 and p90 across runs and the swing (standard deviation / mean across runs); how much\n"
	 "of each role's capacity its work takes and which role binds; a verdict in words:\n"
	 "\"Specialise: 3 MRR, 9 SDR, 8 AE, 2 CSM makes 61% more a quarter with a swing of 0.22\n"
	 "against 0.29 lumped\", or \"Stay lumped: ...\" and the role that binds, or no clear winner\n"
	 "when the gap is within the runs' noise; then every parameter with its value and source:\n"
	 "\"default\", or \"store: ...\" once the store's history is large enough (3 months and 200\n"
	 "leads of a channel, or 200 closed opportunities).\n"
	 "--quarters  quarters to report, 1 to 40 (default 4)\n"
	 "--runs      simulated runs, 1 to 100000 (default 1000)\n"
	 "--seed      the random seed (default 1): the same seed prints the same numbers\n"
	 "--reps      the headcount of both models, 4 to 1000 (default: the store's active non-manager\n"
	 "            reps, or 10 when it has fewer than 2); the specialized split needs 4 (exit 2)\n"
	 "Bound: runs x (26 + 13 x quarters) weeks x (reps + 8) is at most 10000000 (a few seconds);\n"
	 "      more exits 2 naming --runs and the most runs that fit (1000 runs of 4 quarters: up\n"
	 "      to 120 reps). The search for the best split does at most as much again. The API's\n"
	 "      GET /api/v1/simulate has the same bound (422).\n"
	 "--format    table (default), json (as --json) or csv (the rows only)\n"
	 "--json: {\"report\": \"simulate\", \"params\": [{\"name\", \"value\", \"source\"}], \"rows\": [{\"model\",\n"
	 "\"quarter\", \"revenue_mean\", \"revenue_p10\", \"revenue_p90\", \"swing\"}], \"runs\", \"seed\",\n"
	 "\"quarters\", \"reps\", \"split\", \"current_split\", \"best_split\", \"utilisation\", \"binds\",\n"
	 "\"search\", \"history\", \"verdict\"}; money in currency units.\n"},
	{"replay", cmd_replay, RUN_SETUP | RUN_READONLY, "what a playbook change would have done to the recorded history",
	 "usage: baton replay --playbook FILE [--changes CHANGES.json] [--from T] [--to T] [--format table|json]\n\n"
	 "Re-runs the store's own history in a scratch store under the playbook FILE (SPEC 8.10): the\n"
	 "recorded inflow (intake, history rows, reinquiries) at its recorded times and fields, the\n"
	 "reps, accounts and absences as they changed, each lead's recorded actions, the timers run\n"
	 "between them; routing, timers, breaches, reassignments, notifications and credit follow FILE.\n"
	 "An action the lead's owner took is taken by the lead's owner under FILE, as long after that\n"
	 "owner got the lead, in its business hours, as it was after the recorded actor got it (at\n"
	 "most a day earlier than recorded); one the scratch refuses is skipped, with its reason.\n"
	 "Prints the recorded reports (current), the replay's (proposed) and their differences (delta):\n"
	 "sla, speed, routing, funnel, credit, the peak of open leads per rep (load) and the\n"
	 "notifications queued per kind. The store itself is only read. Assumption, printed first: " REPLAY_ASSUMPTION ".\n"
	 "Replaying with the playbook in force gives no difference (docs/replay.md).\n"
	 "--changes     changes to reps besides the playbook (docs/replay.md), checked before anything\n"
	 "              runs: {\"reps\": {NAME: {SETTING: VALUE}}, \"absences\": [{\"rep\", \"from\", \"to\",\n"
	 "              \"reason\"}]}; the settings are `rep set`'s (weight, territories, capacity, team,\n"
	 "              pod, manager, hours, timezone, active, email, slack, full_name) with its checks;\n"
	 "              each rep is re-created with them and its absences entered at once by admin\n"
	 "--from, --to  the reports' window (the replay always runs the whole history)\n"
	 "--format      table (default) or json (as --json)\n"
	 "BATON_REPLAY_TRACE=1 tells each skipped or moved action on stderr.\n"
	 "--json: {\"from\", \"to\", \"assumption\", \"changes\" (as given, or null), \"replayed\": {\"events\",\n"
	 "\"replayed\", \"moved\", \"skipped\", \"skipped_reasons\": [{\"reason\", \"count\"}]}, \"current\":\n"
	 "{REPORT: {...}}, \"proposed\": {...}, \"delta\": {...}}, each report as `report NAME --json`;\n"
	 "\"load\": {\"rows\": [{\"rep\", \"peak_open\"}]}, \"notifications\": {\"rows\": [{\"kind\", \"count\"}], \"total\"}.\n"},
	{"export", cmd_export, RUN_SETUP, "print every lead or event",
	 "usage: baton export leads|events [--format csv|json]\n\n"
	 "events: one object per event, {\"id\", \"at\", \"type\", \"lead\", \"actor\", ...}; every event\n"
	 "that sets a stage carries \"from\" and \"to\" (from is null at creation).\n"
	 "csv: RFC 4180; a text cell starting with =, +, -, @, a tab or a carriage return is\n"
	 "prefixed with ' so that a spreadsheet shows it instead of running it as a formula\n"
	 "(numbers are not; json is verbatim; lead import reads the quote back off).\n"},
	{"model", cmd_model, RUN_SETUP, "train and explain the fit model",
	 "usage: baton model train\n"
	 "       baton model show\n\n"
	 "train  learns a logistic regression (liblinear) from the closed history: good = reached sql\n"
	 "       and not lost; bad = lost, disqualified, or rejected by an AE into nurture. Features:\n"
	 "       segment, source, channel, company size band, country, title seniority. A fifth is\n"
	 "       held out to report the AUC and the calibration; the model is stored as a new version.\n"
	 "       New leads use it once it learned from min_history closed leads (fit.model.use: auto),\n"
	 "       always (on) or never (off); until then they are graded by the rules score.\n"
	 "show   the model in words: the strongest signs for and against a good lead\n"},
	{"notify", cmd_notify, 0, "deliver the outbox by email, Slack and webhook; say what cannot",
	 "usage: baton notify drain [--max N]\n"
	 "       baton notify check\n\n"
	 "drain  sends every notification due in the outbox (assignments, reminders, breaches,\n"
	 "       handoffs, unassigned leads, ...) by its channel — email through SMTP, Slack, the\n"
	 "       signed webhook — at most N per channel (default 100), oldest first, as `baton\n"
	 "       serve` does continuously: for deployments without a server (run it from cron).\n"
	 "       Each row is claimed first, so two drains (or servers) never send one twice. A\n"
	 "       failure is retried after 30s, doubling up to 1h; a reminder of work no longer\n"
	 "       owed is skipped. Prints how many were sent, skipped, failed and are still\n"
	 "       pending (--json: {\"sent\", \"failed\", \"skipped\", \"pending\"}). A channel whose\n"
	 "       secret's environment variable is unset sends nothing (exit 4, saying which).\n"
	 "check  says what keeps notifications from anyone, as the server does at start: a kind\n"
	 "       that is on with no channel, reps without an email for a kind sent by email, a\n"
	 "       channel whose environment variable is unset, the undeliverable ones so far\n"
	 "       (--json: the lines). See docs/notifications.md.\n"},
	{"webhook", cmd_webhook, 0, "deliver the outbox (notify drain's old name); sign a body",
	 "usage: baton webhook drain [--max N]\n"
	 "       baton webhook sign --secret S FILE\n\n"
	 "drain  the same as `baton notify drain`: every channel, the signed webhook included. The\n"
	 "       webhook's body is signed with the secret in the environment variable that\n"
	 "       secret_env names (refused, exit 4, if it is unset or empty: nothing is sent\n"
	 "       unsigned). A 2xx answer marks it delivered. Delivery is at least once: receivers\n"
	 "       dedupe on X-Baton-Delivery.\n"
	 "sign   prints sha256=<hex>, the X-Baton-Signature baton would send for FILE's bytes\n"
	 "       (- reads stdin), so a receiver can check its verification\n"},
	{"demo", cmd_demo, 0, "a new store with a realistic organisation and a quarter of history",
	 "usage: baton demo [--leads N] [--seed S]\n\n"
	 "Creates the store (--db) with the built-in playbook and the customers' timers (refused, exit\n"
	 "4, if it already has a playbook) and builds an organisation (a head of sales, teams of MRRs,\n"
	 "SDRs and AEs in pods, CSMs, target and customer accounts) and 13 weeks of history up to\n"
	 "--now: N leads (default 2000) arrive and are touched, qualified, handed off, met, accepted or\n"
	 "rejected, won (on terms of 1 to 24 months), lost, nurtured and recycled; before them, a year\n"
	 "of customers won (about N/13); customers go live, get health checks, expand, renew, churn or\n"
	 "lapse; the timers fire in between, all through the same use cases as the other commands.\n"
	 "The same --seed (default 1) and --now give the same store. Prints a summary (--json: an\n"
	 "object of counts). See docs/demo.md.\n"},
	{"serve", cmd_serve, 0, "the HTTP API",
	 "usage: baton serve [--listen ADDR:PORT]\n\n"
	 "Serves the JSON API of docs/api.md on ADDR:PORT (default 127.0.0.1:8080) with " NUM(HTTP_WORKERS) " worker\n"
	 "threads, runs the SLA timers every second and delivers the outbox continuously (a\n"
	 "notification leaves within about a second of its commit; see `baton notify`). At start\n"
	 "it says once on stderr what keeps notifications from anyone (`baton notify check`).\n"
	 "Every call but GET /healthz needs Authorization: Bearer TOKEN (see `baton token`). One\n"
	 "JSON log line per request on stderr. SIGTERM or SIGINT finishes the requests in flight\n"
	 "and exits 0. With --now the server's clock is frozen at that time (for tests); its\n"
	 "deliveries then count real seconds from it, so that retries come due.\n"},
	{"token", cmd_token, RUN_SETUP, "API credentials",
	 "usage: baton token create --rep R | --intake\n"
	 "       baton token revoke ID\n\n"
	 "create  prints {\"id\", \"token\"}: the token is shown once and stored only as a hash.\n"
	 "        An intake token (a web form) may only create leads; a rep's token acts as the rep.\n"
	 "revoke  the token stops working at once\n"},
	{"migrate", cmd_migrate, 0, "copy a store whole into an empty one (SQLite to PostgreSQL)",
	 "usage: baton migrate --from STORE --to STORE\n\n"
	 "Copies every row of --from (a SQLite file or a postgres:// URL) into --to, which must hold no\n"
	 "store yet (a new SQLite path, or an empty PostgreSQL database made with createdb): events,\n"
	 "ids, rotation cursors, tokens and the outbox included, in one transaction. Then counts the\n"
	 "rows of every table on both sides and prints them; exit 5 if any differ. Stop the servers\n"
	 "writing to --from first. See docs/scaling.md.\n"},
	{"help", cmd_help, 0, "explain a command", "usage: baton help [COMMAND]\n"},
};

/* Looks up a command by name in the table; NULL if unknown. */
static const struct command *cli_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int cmd_help(struct cli *cli, int argc, char **argv)
{
	const struct command *c;
	size_t i;

	if (argc > 1 && cli_is_help(argv[1])) {
		cli_usage(cli_command("help"), stdout);
		return 0;
	}
	if (argc > 1) {
		c = cli_command(argv[1]);
		if (!c)
			return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "no command named %s", argv[1]));
		cli_usage(c, stdout);
		return 0;
	}
	fputs(GLOBAL_USAGE, stdout);
	fputs("\nCommands:\n", stdout);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-11s %s\n", commands[i].name, commands[i].summary);
	return 0;
}

/* Takes --db, --now and --json out of argv wherever they stand; returns the new argc. */
static int global_options(struct cli *cli, int argc, char **argv)
{
	int i, n = 1;
	const char *now = NULL;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char **dest = NULL;
		const char *val = NULL;

		if (strcmp(arg, "--json") == 0) {
			cli->json = 1;
			continue;
		}
		if (strcmp(arg, "--db") == 0 || strncmp(arg, "--db=", 5) == 0)
			dest = &cli->db;
		else if (strcmp(arg, "--now") == 0 || strncmp(arg, "--now=", 6) == 0)
			dest = &now;
		if (!dest) {
			argv[n++] = argv[i];
			continue;
		}
		val = strchr(arg, '=');
		if (val) {
			val++;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			return bt_fail(&cli->err, BT_USAGE, arg + 2, 0, "%s needs a value", arg);
		}
		*dest = val;
	}
	if (now) {
		if (clock_parse_rfc3339(now, &cli->now))
			return bt_fail(&cli->err, BT_USAGE, "now", 0,
				       "--now must be an RFC 3339 time such as 2026-11-23T08:03:00Z, got '%s'", now);
		cli->fixed_now = cli->now;
	} else {
		cli->now = (int64_t)time(NULL); /* the one read of the wall clock */
	}
	if (cli->db && !cli->db[0])
		return bt_fail(&cli->err, BT_USAGE, "db", 0, "--db needs a store path");
	if (!cli->db)
		cli->db = getenv("BATON_DB");
	if (!cli->db || !cli->db[0])
		cli->db = "baton.db";
	return n;
}

int main(int argc, char **argv)
{
	struct cli cli;
	const struct command *c;
	int rc;

	memset(&cli, 0, sizeof(cli));
	argc = global_options(&cli, argc, argv);
	if (argc < 0) {
		fprintf(stderr, "baton: %s\n", cli.err.message);
		return BT_USAGE;
	}
	if (argc < 2 || cli_is_help(argv[1])) {
		fputs(GLOBAL_USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? BT_USAGE : 0;
	}
	c = cli_command(argv[1]);
	if (!c) {
		fprintf(stderr, "baton: unknown command '%s' (see `baton help`)\n", argv[1]);
		return BT_USAGE;
	}
	cli.cmd = c;
	cli.a = arena_new();
	rc = c->flags & RUN_SETUP ? cli_exit(cli_setup(&cli, argc - 1, argv + 1)) : 0;
	if (rc == 0)
		rc = c->run(&cli, argc - 1, argv + 1);
	cli_teardown(&cli);
	if (rc != 0 && cli.err.code != BT_OK) {
		fprintf(stderr, "baton: %s\n", cli.err.message);
		rc = cli.err.code == BT_DENIED ? BT_REFUSED : (int)cli.err.code; /* the CLI has exit codes 0..5 */
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		/* output that did not reach its file (a full disk) is not a success */
		fprintf(stderr, "baton: cannot write the output\n");
		rc = BT_STORAGE;
	}
	arena_free(&cli.a);
	return rc;
}
