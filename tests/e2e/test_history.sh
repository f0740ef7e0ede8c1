#!/bin/sh
# test_history.sh - a team's history comes in as history (SPEC 8.8): last year's 300-row
# HubSpot contacts export (generated here, deterministically) keeps each row's creation date,
# mapped stage and owner, and a tick three hours later records no breach, no reassignment and
# queues no notification, with a playbook whose notify: is on; a Salesforce leads export; the
# playbook's import.stages; --dry-run changes nothing and answers the spec's JSON; an unknown
# owner is listed; a row from 2 minutes ago gets its still-running speed-to-lead obligation; a
# customer with amount and close date gets only its contract's lapse timer (SPEC 8.12);
# report speed leaves the history out and says so.
. "$(dirname "$0")/lib.sh"
DATA=${BATON_TEST_DATA:-tests/data}

cat >"$T/pb.yaml" <<'YAML'
org: {name: Example Co, timezone: Europe/Paris}
routing:
  inbound: {role: mrr, strategy: round_robin}
sla:
  speed_to_lead: {first_touch_within: 5m, business_time: false, on_breach: [notify_manager, reassign]}
notify:
  channels:
    webhook: {url: "http://127.0.0.1:9/hook"}
  on:
    assigned: [webhook]
    reminder: {before_due: 2m, via: [webhook]}
    breach: [webhook]
    unassigned_lead: [webhook]
import:
  stages:
    "Demo Booked": sql
YAML
b init --playbook "$T/pb.yaml"
expect_rc "setup: a playbook with notify: on and import.stages" 0
b rep add maria --role manager --email maria@example.com
b rep add ada --role mrr --manager maria --full-name "Ada Lovelace"
b rep add bob --role mrr --manager maria --email bob@example.com
b rep add carol --role mrr --manager maria
b --json rep list
expect_jq "rep list shows the full name" '[.[] | select(.name == "ada") | .full_name] | join("")' "Ada Lovelace"

# 300 rows from 2025, HubSpot's columns; the expected stage and owner of each row beside it.
# Owners by full name, email and name (any case); stages through every default, "Unqualified".
awk -v T="$T" 'BEGIN {
	n = split("subscriber,lead,marketingqualifiedlead,salesqualifiedlead,opportunity,customer,evangelist,other,Demo Booked", st, ",")
	split("inquiry,inquiry,mql,working,sql,live,live,inquiry,sql", to, ",")
	split("Ada Lovelace,BOB@example.com,Carol", ow, ",")
	split("ada,bob,carol", rep, ",")
	printf "\357\273\277\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Company Name\",\"Lifecycle Stage\",\"Lead Status\",\"Contact owner\",\"Create Date\",\"Amount\",\"Close Date\"\r\n" > (T "/hubspot.csv")
	for (i = 1; i <= 300; i++) {
		s = (i - 1) % n + 1; o = (i - 1) % 3 + 1
		status = (s <= 2 && i % 5 == 0) ? "Unqualified" : "Open"
		stage = (s <= 2 && i % 5 == 0) ? "disqualified" : to[s]
		month = (i - 1) % 12 + 1; day = (i - 1) % 28 + 1
		amount = (to[s] == "live") ? sprintf("%d,500.00", i) : ""
		cdate = (to[s] == "live") ? sprintf("2025-%02d-%02d", month, day) : ""
		printf "\"%d\",\"First%d\",\"Last%d\",\"p%d@co%d.example\",\"Co %d\",\"%s\",\"%s\",\"%s\",\"2025-%02d-%02d 10:%02d\",\"%s\",\"%s\"\r\n", \
			i, i, i, i, i, i, st[s], status, ow[o], month, day, i % 60, amount, cdate > (T "/hubspot.csv")
		printf "p%d@co%d.example %s %s\n", i, i, stage, rep[o] > (T "/expected")
	}
}'
sort "$T/expected" >"$T/expected.sorted"

# ---------------------------------------------------------------- --dry-run changes nothing
snapshot "$T/before"
b --json lead import "$T/hubspot.csv" --dry-run
expect_rc "--dry-run exits 0" 0
expect_jq "--dry-run answers exactly the spec's keys" 'keys | join(",")' \
	"errors,obligations,rows,stages,unmapped_values,unmatched_owners"
expect_jq "--dry-run counts the rows" .rows 300
expect_jq "--dry-run counts the stages" '.stages | to_entries | sort_by(.key) | map("\(.key)=\(.value)") | join(" ")' \
	"$(cut -d' ' -f2 "$T/expected" | sort | uniq -c | awk '{printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $1}')"
# a customer row with an amount and a close date is a contract (SPEC 8.12): baton's own lapse
# timer, due at its renewal date, is all it opens; nobody owes anything for last year's rows
CUSTOMERS=$(awk '$2 == "live"' "$T/expected" | wc -l | tr -d ' ')
expect_jq "--dry-run: last year's rows owe nothing; each customer's contract gets its lapse timer" .obligations "$CUSTOMERS"
expect_jq "--dry-run: every owner matched" '.unmatched_owners | length' 0
expect_unchanged "--dry-run changes nothing" "$T/before"
b lead import "$T/hubspot.csv" --dry-run
expect_out "--dry-run says so in words" "Dry run, nothing changed"

# ---------------------------------------------------------------- last year's export
b --json lead import "$T/hubspot.csv"
expect_rc "the HubSpot export imports" 0
expect_jq "300 leads imported" .imported 300
expect_jq "all 300 as history" .history 300
expect_jq "no obligation opened but the contracts' lapse timers" .obligations "$CUSTOMERS"
expect_jq "no row refused" '.errors | length' 0
expect_jq "no column left out" .ignored_columns "Record ID"
b --json lead list --limit 1000
printf '%s' "$OUT" | jq -r '.[] | "\(.email) \(.stage) \(.owner)"' | sort >"$T/got"
if cmp -s "$T/expected.sorted" "$T/got"; then ok "every row at its mapped stage and owner"; else not_ok "every row at its mapped stage and owner" "$(diff "$T/expected.sorted" "$T/got" | head -6)"; fi
b --json lead show 1
expect_jq "a row keeps its creation time (2025-01-01 10:01 in Paris)" .created_at "2025-01-01T09:01:00Z"
b --json export events
expect_jq "one imported event per row" '[.[] | select(.type == "imported")] | length' 300
expect_jq "the imported event carries the original values" \
	'[.[] | select(.type == "imported" and .lead == 1)][0].original | "\(.lifecycle_stage)|\(.lead_status)|\(.owner)|\(.create_date)"' \
	"subscriber|Open|Ada Lovelace|2025-01-01 10:01"
expect_jq "no row was routed" '[.[] | select(.type == "assigned" or .type == "unassigned")] | length' 0
expect_jq "a customer keeps its amount and close date (midnight in Paris)" \
	'[.[] | select(.type == "imported" and .lead == 6)][0] | "\(.amount_cents) \(.closed_at)"' "650000 2025-06-05T22:00:00Z"

NOW=2026-11-23T12:00:00Z
b tick
expect_rc "tick three hours later" 0
got=$(sql "SELECT COUNT(*) FROM obligations WHERE rule = 'lapse' AND status = 'open' AND due > $(date -u -d 2026-11-23T12:00:00Z +%s)")
if [ "$got" = "$CUSTOMERS" ]; then ok "after the tick: every contract's lapse timer still runs, due after now"; else
	not_ok "after the tick: every contract's lapse timer still runs, due after now" "got $got of $CUSTOMERS"
fi
for q in "SELECT COUNT(*) FROM obligations WHERE rule <> 'lapse'" "SELECT COUNT(*) FROM events WHERE type IN ('breach', 'reassigned', 'notify', 'escalate')" "SELECT COUNT(*) FROM outbox"; do
	got=$(sql "$q")
	if [ "$got" = 0 ]; then ok "after the tick: $q is 0"; else not_ok "after the tick: $q is 0" "got $got"; fi
done
b --json report speed --from 2025-01-01 --to 2026-01-01
expect_jq "report speed leaves the history out" '.rows[0].leads // 0' 0
expect_jq "report speed says so" .note "$(awk '$2 != "inquiry" && $2 != "disqualified"' "$T/expected" | wc -l | tr -d ' ') leads imported as history are not counted"
b --json report sla --from 2025-01-01 --to 2026-01-01
expect_jq "report sla counts no obligation of the history" '.rows | map(.obligations) | add // 0' 0
expect_jq "report sla says it left the history out (every row of last year)" .note \
	"300 leads imported as history are not counted"

# ---------------------------------------------------------------- a row from 2 minutes ago
printf 'Email,Lifecycle Stage,Contact owner,Create Date\nfresh@new.example,marketingqualifiedlead,ada,2026-11-23 12:58\nstranger@new.example,lead,Zed Unknown,2026-11-23 12:00\nbad@new.example,lead,ada,yesterday\n' >"$T/recent.csv"
b --json lead import "$T/recent.csv"
expect_jq "the recent rows import" .imported 2
expect_jq "its running speed-to-lead is opened" .obligations 1
expect_jq "an unknown owner is listed" '.unmatched_owners | join(",")' "Zed Unknown"
expect_jq "a bad date names its field and line" '[.errors[] | "\(.line):\(.field)"] | join(",")' "4:create_date"
b --json sla --open
expect_jq "the recent mql owes its first touch, to its owner, due 5 minutes after its creation" \
	'[.[] | select(.rule != "lapse") | "\(.rule) \(.owner) \(.status) \(.due)"] | join(",")' "speed_to_lead ada open 2026-11-23T12:03:00Z"
printf 'Email,Lead Status,Lead Owner,Created Date\nother@new.example,Open - Not Contacted,Zed Unknown,11/2/2025\n' >"$T/recent2.csv"
b lead import "$T/recent2.csv"
expect_out "the summary in words lists the unknown owner" "Owners that name no rep (imported without an owner): Zed Unknown"
b tick
b --json lead list --q other@new.example
expect_jq "last year's mql without owner stays unassigned after a tick (no rotation waits on history)" \
	'.[0] | "\(.stage) \(.owner)"' "mql null"
OTHER=$(printf '%s' "$OUT" | jq '.[0].id')
b --json export events
expect_jq "... and nothing happened to it but its import" \
	"[.[] | select(.lead == $OTHER) | .type] | join(\",\")" "created,imported"

# ---------------------------------------------------------------- a Salesforce leads export
b rep add tom --role mrr --full-name "Tom Reyes"
b --json lead import "$DATA/csv/salesforce_export.csv"
expect_jq "a Salesforce export imports as history" .history 7
expect_jq "its other owner is listed" '.unmatched_owners | join(",")' "Sara Kim"
b --json lead list --owner tom
expect_jq "Tom's rows keep their stages (Open - Not Contacted: mql, Working - Contacted: working)" \
	'[.[] | .stage] | sort | join(",")' "mql,mql,mql,working"

# ---------------------------------------------------------------- import.stages checked
printf 'org: {name: X, timezone: UTC}\nimport:\n  stages:\n    "Demo Booked": booked\n' >"$T/bad.yaml"
b playbook check "$T/bad.yaml"
expect_rc "an import.stages target that is no stage is refused" 2
expect_err "with its line" ":4:"

# ---------------------------------------------------------------- account import
b rep add erin --role ae --full-name "Erin Moss"
printf '\357\273\277"Record ID","Company name","Company Domain Name","Industry","Number of Employees","Company owner"\r\n1,Acme,acme.example,Manufacturing,"1,000",Erin Moss\r\n2,Beta,https://www.Beta.example/about,Retail,51-200,bob\r\n3,Gamma,,Retail,5,\r\n4,Acme again,ACME.example,,,\r\n' >"$T/companies.csv"
b --json account import "$T/companies.csv"
expect_rc "a HubSpot companies export imports" 0
expect_jq "its summary" '"\(.rows) \(.imported) \(.duplicates) \(.bad)"' "4 2 1 1"
expect_jq "a row without domain is named by line and field" '[.errors[] | "\(.line):\(.field)"] | join(",")' "4:domain"
expect_jq "an owner who is no AE or CSM is listed" '.unmatched_owners | join(",")' "bob"
b --json account list
expect_jq "the accounts keep name, domain, segment, size and owner" \
	'[.[] | "\(.name) \(.domain) \(.segment) \(.employees) \(.owner)"] | join(",")' \
	"Acme acme.example Manufacturing 1000 erin,Beta beta.example Retail 51 null"
printf 'Account Name,Website,Industry,Employees,Account Owner\nDelta,delta.example,Energy,300,erin\n' >"$T/accounts.csv"
b account import "$T/accounts.csv"
expect_out "a Salesforce accounts export imports" "1 accounts imported"
