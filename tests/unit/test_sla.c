/* test_sla.c - the SLA timers of SPEC section 4 (src/core/sla.c), on plain structs: which
 * obligations sla_after() opens, advances, meets or cancels for the events just decided on a
 * lead, and what sla_breach() does with an overdue one (the breach at the due time, the rule's
 * on_breach actions; a reassigned lead's new obligation running from that due time, as tick
 * composes it with intake_route). Two tables of cases, one runner each: a case is the lead
 * before, its open obligations, the events (or the overdue obligation), the playbook and the
 * expected outcome. The clock is Europe/Paris, mon-fri 09:00-18:00, 2026-12-25 off; every
 * instant is in UTC with its Paris time in a comment (UTC+1 in November and December). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/intake.h"
#include "core/sla.h"
#include "util/arena.h"

#include "unit.h"

#define MAX_FIELDS 5
#define MAX_EVS 4
#define MAX_OBS 4
#define MAX_REPS 4

/* ---------------------------------------------------------------- the playbooks */

enum pb_variant { PB_DEFAULT, PB_CALENDAR, PB_TEAMS, PB_CUSTOMERS, PB_VARIANT_COUNT };

/* PB_CALENDAR: every rule in calendar time, speed to lead for web forms only, an A row only,
 * other breach actions and a no-show that passes to the MRR. */
static const char *const pb_texts[PB_VARIANT_COUNT] = {
	[PB_DEFAULT] = NULL, /* the built-in playbook */
	[PB_CALENDAR] = "org: {name: Test Co, timezone: Europe/Paris, holidays: [2026-12-25]}\n"
			"fit:\n"
			"  grades: {A: 0.30, B: 0.10, C: 0.0}\n"
			"sla:\n"
			"  speed_to_lead: {applies: {channel: inbound, source: [web_form]}, first_touch_within: 1h,\n"
			"                  on_breach: [notify_manager]}\n"
			"  follow_up: {A: {touches: 3, within: 2d}}\n"
			"  handoff_response: {within: 4h, on_breach: [escalate_manager, flag]}\n"
			"  notes_review: {before_meeting: true}\n"
			"  no_show: {attempts: 3, within: 1h, then: mrr}\n",
	/* PB_TEAMS (SPEC 8.4): the default calendar in Paris, a New York team working 09:00-17:00 */
	[PB_TEAMS] = "org: {name: Test Co, timezone: Europe/Paris}\n"
		     "teams:\n"
		     "  amer: {timezone: America/New_York,\n"
		     "         business_hours: {days: [mon, tue, wed, thu, fri], start: \"09:00\", end: \"17:00\"}}\n"
		     "routing:\n"
		     "  inbound: {role: mrr, strategy: round_robin, respect_hours: true}\n"
		     "sla:\n"
		     "  speed_to_lead: {first_touch_within: 5m, business_time: true, on_breach: [reassign]}\n"
		     "  handoff_response: {within: 24h, business_time: true}\n",
	/* PB_CUSTOMERS (SPEC 8.12): the customer's rules, in Paris's calendar */
	[PB_CUSTOMERS] = "org: {name: Test Co, timezone: Europe/Paris}\n"
			 "sla:\n"
			 "  onboarding: {live_within: 30d, on_breach: [notify_manager]}\n"
			 "  renewal_review: {before: 90d}\n"
			 "  health_check: {every: 90d}\n",
};

static struct playbook *pbs[PB_VARIANT_COUNT];

/* ---------------------------------------------------------------- how a case is written */

struct field_spec {
	const char *key;
	const char *s; /* a string field; NULL: the integer i */
	int64_t i;
};
#define S(k, v) {(k), (v), 0}
#define I(k, v) {(k), NULL, (v)}

struct ev_spec {
	const char *type; /* NULL ends the list */
	const char *at;
	const char *actor;
	const char *to;   /* the stage it moves the lead to, NULL if none */
	struct field_spec f[MAX_FIELDS];
};
/* The event type named name (the case tables spell types as the store does). */
static enum event_type type_named(const char *name)
{
	enum event_type t = EV_COUNT;

	assert_int_equal(event_type_parse(name, &t), 0);
	return t;
}

#define EV(type_, at_, actor_, to_, ...) {.type = (type_), .at = (at_), .actor = (actor_), .to = (to_), .f = {__VA_ARGS__}}

/* The lead before the events. */
struct lead_spec {
	const char *stage;    /* default mql */
	int outbound;
	const char *source;
	const char *grade;
	const char *owner;
	const char *handed_by;
	int reviewed;
	const char *mql_at;   /* when it last became an mql */
	const char *first_touch_at;
	const char *renews_at; /* its contract's renewal date (SPEC 8.12), NULL none */
};

/* An open obligation of the lead, as the store returns it. */
struct ob_spec {
	int64_t id; /* 0 ends the list */
	enum ob_rule rule;
	const char *owner;
	const char *opened;
	const char *due;
	int need, progress;
	int64_t meeting;
	int breached;  /* 1: breached and not settled (still owed, SPEC 8.2) */
	int waiting;   /* 1: owner NULL, waiting for the mrr pool (SPEC 8.1) */
	int reassigns;
};
#define OB(id_, rule_, owner_, due_, ...) {.id = (id_), .rule = (rule_), .owner = (owner_), .due = (due_), __VA_ARGS__}

/* An obligation sla_after() must open. */
struct ob_want {
	enum ob_rule rule;
	const char *owner;
	const char *opened;
	const char *due; /* NULL ends the list */
	int need, progress;
	int64_t meeting;
	int waiting;   /* 1: owner NULL, waiting for the mrr pool */
	int reassigns;
};
#define OPEN(rule_, owner_, opened_, due_, ...) {.rule = (rule_), .owner = (owner_), .opened = (opened_), .due = (due_), __VA_ARGS__}

/* A change sla_after() must make to an open obligation. */
struct change_want {
	int64_t id; /* 0 ends the list */
	enum ob_status status;
	const char *closed; /* closed_at, for a met or cancelled one */
	const char *owner;  /* the new owner, NULL: unchanged */
	int progress;
	const char *settled; /* a breached one: when it left the queue, NULL: it did not */
	const char *done;    /* ... and when its work was done */
	int waiting;         /* 1: passed to nobody (the pool) */
};
#define CHANGE(id_, status_, ...) {.id = (id_), .status = (status_), __VA_ARGS__}

struct sla_case {
	const char *name;
	enum pb_variant pb;
	struct lead_spec lead;
	struct ob_spec open[MAX_OBS];
	struct ev_spec evs[MAX_EVS];
	struct ob_want opens[MAX_OBS];
	struct change_want changes[MAX_OBS];
	const char *disagrees; /* SPEC DISAGREES: what the code does instead; the case is skipped */
};

/* ---------------------------------------------------------------- instants */

#define MON_0900 "2026-11-23T08:00:00Z" /* monday 09:00 */
#define MON_0903 "2026-11-23T08:03:00Z" /* monday 09:03 */
#define MON_0905 "2026-11-23T08:05:00Z" /* monday 09:05 */
#define MON_0908 "2026-11-23T08:08:00Z" /* monday 09:08 */
#define WED_1500 "2026-11-25T14:00:00Z" /* wednesday 15:00: monday 09:00 + 24 business hours */
#define WED_1400 "2026-11-25T13:00:00Z" /* wednesday 14:00, a meeting */
#define WED_1405 "2026-11-25T13:05:00Z" /* wednesday 14:05 */
#define WED_1415 "2026-11-25T13:15:00Z" /* wednesday 14:15 */
#define THU_1400 "2026-11-26T13:00:00Z" /* thursday 14:00 */
#define FRI_1558 "2026-11-27T14:58:00Z" /* friday 15:58 */
#define FRI_1758 "2026-11-27T16:58:00Z" /* friday 17:58 */
#define FRI_1858 "2026-11-27T17:58:00Z" /* friday 18:58, after closing */
#define FRI_1958 "2026-11-27T18:58:00Z" /* friday 19:58 */
#define FRI_1759 "2026-11-27T16:59:00Z" /* friday 17:59 */
#define SAT_1100 "2026-11-28T10:00:00Z" /* saturday 11:00 */
#define MON2_0903 "2026-11-30T08:03:00Z" /* the next monday 09:03 */
#define MON2_0904 "2026-11-30T08:04:00Z" /* the next monday 09:04 */
#define MON2_0905 "2026-11-30T08:05:00Z" /* the next monday 09:05 */
#define MON2_0909 "2026-11-30T08:09:00Z" /* the next monday 09:09 */
#define TUE2_1100 "2026-12-01T10:00:00Z" /* tuesday 11:00 */
#define THU_XMAS_EVE_1758 "2026-12-24T16:58:00Z" /* thursday 17:58, christmas eve */
#define MON_AFTER_XMAS_0903 "2026-12-28T08:03:00Z" /* monday 09:03, after christmas and the weekend */

/* ---------------------------------------------------------------- sla_after cases */

static const struct sla_case after_cases[] = {
	/* ---- speed to lead: business time from the assignment ---- */
	{.name = "test_speed_to_lead_opens_for_the_owner_five_business_minutes_out",
	 .lead = {.source = "web_form"},
	 .evs = {EV("assigned", MON_0900, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "alice", MON_0900, MON_0905)}},
	{.name = "test_speed_to_lead_crosses_weekend",
	 /* 2 minutes on friday, 3 on monday: monday 09:03 */
	 .lead = {.source = "web_form"},
	 .evs = {EV("assigned", FRI_1758, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "alice", FRI_1758, MON2_0903)}},
	{.name = "test_speed_to_lead_crosses_holiday_and_weekend",
	 /* 2 minutes on christmas eve, friday 25 off, the weekend, 3 on monday 28 */
	 .lead = {.source = "web_form"},
	 .evs = {EV("assigned", THU_XMAS_EVE_1758, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "alice", THU_XMAS_EVE_1758, MON_AFTER_XMAS_0903)}},
	{.name = "test_speed_to_lead_from_a_saturday_counts_from_monday_opening",
	 .lead = {.source = "web_form"},
	 .evs = {EV("assigned", SAT_1100, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "alice", SAT_1100, MON2_0905)}},
	{.name = "test_speed_to_lead_in_calendar_time_without_business_time",
	 .pb = PB_CALENDAR,
	 .lead = {.source = "web_form"},
	 .evs = {EV("assigned", FRI_1758, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "alice", FRI_1758, FRI_1858)}},
	{.name = "test_speed_to_lead_applies_only_to_its_sources",
	 .pb = PB_CALENDAR,
	 .lead = {.source = "phone"},
	 .evs = {EV("assigned", FRI_1758, "system", NULL, S("owner", "alice"))}},
	{.name = "test_speed_to_lead_does_not_apply_to_outbound_leads",
	 .lead = {.stage = "target", .outbound = 1, .source = "target_list"},
	 .evs = {EV("assigned", MON_0900, "system", NULL, S("owner", "sam"))}},
	{.name = "test_touch_of_an_earlier_life_does_not_stop_speed_to_lead",
	 /* touched in october, nurtured, recycled on monday: the recycled mql is owed a first touch */
	 .lead = {.source = "web_form", .mql_at = MON_0900, .first_touch_at = "2026-10-05T08:00:00Z"},
	 .evs = {EV("assigned", MON_0903, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "alice", MON_0903, MON_0908)}},
	{.name = "test_first_touch_by_the_owner_meets_speed_to_lead",
	 .lead = {.source = "web_form", .owner = "alice"},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON_0905)},
	 .evs = {EV("touch", MON_0903, "alice", "working", S("kind", "call"), I("first", 1))},
	 .changes = {CHANGE(1, OB_MET, .closed = MON_0903)}},
	{.name = "test_touch_by_another_rep_leaves_speed_to_lead_open",
	 .lead = {.source = "web_form", .owner = "alice"},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON_0905)},
	 .evs = {EV("touch", MON_0903, "bob", NULL, S("kind", "call"), I("first", 0))}},
	{.name = "test_first_touch_after_the_due_time_does_not_meet_speed_to_lead",
	 /* SPEC 4: met by the first touch "and breached if the due time passes first": a touch at
	  * 09:08 of an obligation due 09:05 leaves it to the timer, which breaches it at 09:05 */
	 .lead = {.source = "web_form", .owner = "alice"},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON_0905)},
	 .evs = {EV("touch", MON_0908, "alice", "working", S("kind", "call"), I("first", 1))}},

	/* ---- follow-up: the grade picks the row, calendar days from becoming mql ---- */
	{.name = "test_follow_up_grade_a_is_six_touches_within_ten_days",
	 .lead = {.stage = "inquiry", .source = "web_form"},
	 .evs = {EV("mql", MON_0903, "system", "mql", S("grade", "A")),
		 EV("assigned", MON_0903, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", MON_0903, "2026-12-03T08:03:00Z", .need = 6),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_0903, MON_0908)}},
	{.name = "test_follow_up_grade_b_is_four_touches_within_fourteen_days",
	 .lead = {.stage = "inquiry", .source = "web_form"},
	 .evs = {EV("mql", MON_0903, "system", "mql", S("grade", "B")),
		 EV("assigned", MON_0903, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", MON_0903, "2026-12-07T08:03:00Z", .need = 4),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_0903, MON_0908)}},
	{.name = "test_follow_up_grade_c_is_two_touches_within_twenty_one_days",
	 .lead = {.stage = "inquiry", .source = "web_form"},
	 .evs = {EV("mql", MON_0903, "system", "mql", S("grade", "C")),
		 EV("assigned", MON_0903, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", MON_0903, "2026-12-14T08:03:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_0903, MON_0908)}},
	{.name = "test_follow_up_counts_calendar_days_across_a_weekend",
	 /* friday 17:58 + 10 days is the monday after next, same time: not business time */
	 .lead = {.stage = "inquiry", .source = "web_form"},
	 .evs = {EV("mql", FRI_1758, "system", "mql", S("grade", "A")),
		 EV("assigned", FRI_1758, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", FRI_1758, "2026-12-07T16:58:00Z", .need = 6),
		   OPEN(OB_SPEED_TO_LEAD, "alice", FRI_1758, MON2_0903)}},
	{.name = "test_follow_up_needs_a_row_for_the_grade",
	 /* PB_CALENDAR has an A row only */
	 .pb = PB_CALENDAR,
	 .lead = {.stage = "inquiry", .source = "web_form"},
	 .evs = {EV("mql", FRI_1758, "system", "mql", S("grade", "B")),
		 EV("assigned", FRI_1758, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "alice", FRI_1758, FRI_1858)}},
	{.name = "test_follow_up_row_of_another_playbook",
	 .pb = PB_CALENDAR,
	 .lead = {.stage = "inquiry", .source = "web_form"},
	 .evs = {EV("mql", FRI_1758, "system", "mql", S("grade", "A")),
		 EV("assigned", FRI_1758, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", FRI_1758, "2026-11-29T16:58:00Z", .need = 3),
		   OPEN(OB_SPEED_TO_LEAD, "alice", FRI_1758, FRI_1858)}},
	{.name = "test_follow_up_touch_by_the_owner_counts",
	 .lead = {.stage = "working", .grade = "C", .owner = "alice"},
	 .open = {OB(3, OB_FOLLOW_UP, "alice", "2026-12-14T08:03:00Z", .need = 2)},
	 .evs = {EV("touch", MON_0905, "alice", NULL, S("kind", "email"), I("first", 0))},
	 .changes = {CHANGE(3, OB_OPEN, .progress = 1)}},
	{.name = "test_follow_up_is_met_at_its_last_touch",
	 .lead = {.stage = "working", .grade = "C", .owner = "alice"},
	 .open = {OB(3, OB_FOLLOW_UP, "alice", "2026-12-14T08:03:00Z", .need = 2, .progress = 1)},
	 .evs = {EV("touch", MON_0905, "alice", NULL, S("kind", "email"), I("first", 0))},
	 .changes = {CHANGE(3, OB_MET, .closed = MON_0905, .progress = 2)}},
	{.name = "test_follow_up_touch_by_another_rep_does_not_count",
	 .lead = {.stage = "working", .grade = "C", .owner = "alice"},
	 .open = {OB(3, OB_FOLLOW_UP, "alice", "2026-12-14T08:03:00Z", .need = 2, .progress = 1)},
	 .evs = {EV("touch", MON_0905, "bob", NULL, S("kind", "email"), I("first", 0))}},
	{.name = "test_first_touch_meets_speed_to_lead_and_counts_toward_follow_up",
	 .lead = {.grade = "A", .owner = "alice"},
	 .open = {OB(1, OB_FOLLOW_UP, "alice", "2026-12-03T08:03:00Z", .need = 6),
		  OB(2, OB_SPEED_TO_LEAD, "alice", MON_0908)},
	 .evs = {EV("touch", MON_0905, "alice", "working", S("kind", "call"), I("first", 1))},
	 .changes = {CHANGE(1, OB_OPEN, .progress = 1), CHANGE(2, OB_MET, .closed = MON_0905)}},
	{.name = "test_follow_up_moves_with_the_lead_to_its_new_owner",
	 /* already touched: no new speed to lead, but the cadence is now bob's */
	 .lead = {.stage = "working", .grade = "B", .owner = "alice", .mql_at = MON_0900, .first_touch_at = MON_0903},
	 .open = {OB(4, OB_FOLLOW_UP, "alice", "2026-12-07T08:00:00Z", .need = 4, .progress = 1)},
	 .evs = {EV("reassigned", MON_0905, "system", NULL, S("owner", "bob"))},
	 .changes = {CHANGE(4, OB_OPEN, .owner = "bob", .progress = 1)}},

	/* ---- handoff response and notes review ---- */
	{.name = "test_handoff_response_is_24_business_hours",
	 /* 24h of business time with a 9-hour day: 9 monday + 9 tuesday + 6 wednesday */
	 .lead = {.stage = "working", .grade = "B", .owner = "alice"},
	 .open = {OB(4, OB_FOLLOW_UP, "alice", "2026-12-07T08:00:00Z", .need = 4, .progress = 2)},
	 .evs = {EV("handoff", MON_0900, "alice", "handoff", S("ae", "erin"))},
	 .opens = {OPEN(OB_HANDOFF_RESPONSE, "erin", MON_0900, WED_1500)},
	 .changes = {CHANGE(4, OB_CANCELLED, .closed = MON_0900, .progress = 2)}},
	{.name = "test_handoff_response_crosses_weekend",
	 /* 4h thursday + 9h friday + 9h monday + 2h tuesday */
	 .lead = {.stage = "working", .owner = "alice"},
	 .evs = {EV("handoff", THU_1400, "alice", "handoff", S("ae", "erin"))},
	 .opens = {OPEN(OB_HANDOFF_RESPONSE, "erin", THU_1400, TUE2_1100)}},
	{.name = "test_handoff_response_in_calendar_time_without_business_time",
	 .pb = PB_CALENDAR,
	 .lead = {.stage = "working", .owner = "alice"},
	 .evs = {EV("handoff", FRI_1558, "alice", "handoff", S("ae", "erin"))},
	 .opens = {OPEN(OB_HANDOFF_RESPONSE, "erin", FRI_1558, FRI_1958)}},
	{.name = "test_handoff_with_a_meeting_asks_the_ae_to_review_notes_before_it",
	 .lead = {.stage = "working", .owner = "alice"},
	 .evs = {EV("handoff", MON_0900, "alice", "handoff", S("ae", "erin"), S("meeting_start", WED_1400), I("meeting", 9))},
	 .opens = {OPEN(OB_HANDOFF_RESPONSE, "erin", MON_0900, WED_1500),
		   OPEN(OB_NOTES_REVIEW, "erin", MON_0900, WED_1400, .meeting = 9)}},
	{.name = "test_handoff_by_an_mrr_gives_the_ae_the_same_obligations",
	 /* whoever hands off, the receiving AE owes the answer */
	 .lead = {.stage = "working", .owner = "mona"},
	 .evs = {EV("handoff", MON_0900, "mona", "handoff", S("ae", "erin"))},
	 .opens = {OPEN(OB_HANDOFF_RESPONSE, "erin", MON_0900, WED_1500)}},
	{.name = "test_accept_meets_handoff_response",
	 .lead = {.stage = "handoff", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(5, OB_HANDOFF_RESPONSE, "erin", WED_1500)},
	 .evs = {EV("accept", MON_0905, "erin", "sql")},
	 .changes = {CHANGE(5, OB_MET, .closed = MON_0905)}},
	{.name = "test_reject_meets_handoff_response_and_cancels_the_notes_review",
	 .lead = {.stage = "handoff", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(5, OB_HANDOFF_RESPONSE, "erin", WED_1500), OB(6, OB_NOTES_REVIEW, "erin", WED_1400, .meeting = 9)},
	 .evs = {EV("reject", MON_0905, "erin", "working", S("reason", "wrong_person"), S("owner", "alice"))},
	 .changes = {CHANGE(5, OB_MET, .closed = MON_0905), CHANGE(6, OB_CANCELLED, .closed = MON_0905)}},
	{.name = "test_review_meets_notes_review",
	 .lead = {.stage = "handoff", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(5, OB_HANDOFF_RESPONSE, "erin", WED_1500), OB(6, OB_NOTES_REVIEW, "erin", WED_1400, .meeting = 9)},
	 .evs = {EV("review", MON_0905, "erin", NULL)},
	 .changes = {CHANGE(6, OB_MET, .closed = MON_0905)}},
	{.name = "test_moved_meeting_moves_the_notes_review_to_its_new_start",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(6, OB_NOTES_REVIEW, "erin", WED_1400, .meeting = 9)},
	 .evs = {EV("meeting_rescheduled", MON_0905, "erin", NULL, I("meeting", 9), S("ae", "erin"),
		    S("new_start", "2026-11-26T09:00:00Z"), I("new_meeting", 10))},
	 .opens = {OPEN(OB_NOTES_REVIEW, "erin", MON_0905, "2026-11-26T09:00:00Z", .meeting = 10)},
	 .changes = {CHANGE(6, OB_CANCELLED, .closed = MON_0905)}},
	{.name = "test_moved_meeting_after_review_asks_no_new_review",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice", .reviewed = 1},
	 .evs = {EV("meeting_rescheduled", MON_0905, "erin", NULL, I("meeting", 9), S("ae", "erin"),
		    S("new_start", "2026-11-26T09:00:00Z"), I("new_meeting", 10))}},

	/* ---- no-show: the AE's attempts within the window from the meeting's start ---- */
	{.name = "test_no_show_gives_the_ae_its_attempts_from_the_meeting_start",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice"},
	 .evs = {EV("meeting_no_show", WED_1405, "erin", NULL, I("meeting", 9), S("ae", "erin"), S("start", WED_1400),
		    I("attempts_before", 0))},
	 .opens = {OPEN(OB_NO_SHOW, "erin", WED_1405, WED_1415, .need = 2, .meeting = 9)}},
	{.name = "test_no_show_counts_the_attempts_already_made",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice"},
	 .evs = {EV("meeting_no_show", WED_1405, "erin", NULL, I("meeting", 9), S("ae", "erin"), S("start", WED_1400),
		    I("attempts_before", 1))},
	 .opens = {OPEN(OB_NO_SHOW, "erin", WED_1405, WED_1415, .need = 2, .progress = 1, .meeting = 9)}},
	{.name = "test_no_show_after_all_attempts_owes_nothing",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice"},
	 .evs = {EV("meeting_no_show", WED_1405, "erin", NULL, I("meeting", 9), S("ae", "erin"), S("start", WED_1400),
		    I("attempts_before", 2))}},
	{.name = "test_no_show_attempt_by_the_ae_meets_it",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(7, OB_NO_SHOW, "erin", WED_1415, .need = 2, .progress = 1, .meeting = 9)},
	 .evs = {EV("touch", WED_1405, "erin", NULL, S("kind", "call"), I("first", 0))},
	 .changes = {CHANGE(7, OB_MET, .closed = WED_1405, .progress = 2)}},
	{.name = "test_no_show_attempt_by_the_sdr_does_not_count",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(7, OB_NO_SHOW, "erin", WED_1415, .need = 2, .progress = 1, .meeting = 9)},
	 .evs = {EV("touch", WED_1405, "alice", NULL, S("kind", "call"), I("first", 0))}},

	/* ---- leaving the work, and coming back ---- */
	{.name = "test_nurture_cancels_open_work_and_sets_the_recycle_timer",
	 .lead = {.stage = "working", .grade = "B", .owner = "alice"},
	 .open = {OB(4, OB_FOLLOW_UP, "alice", "2026-12-07T08:00:00Z", .need = 4, .progress = 1)},
	 .evs = {EV("nurture", MON_0905, "alice", "nurture", S("until", "2027-03-01T08:00:00Z"), S("reason", "later"))},
	 .opens = {OPEN(OB_RECYCLE, NULL, MON_0905, "2027-03-01T08:00:00Z")},
	 .changes = {CHANGE(4, OB_CANCELLED, .closed = MON_0905, .progress = 1)}},
	{.name = "test_reject_to_nurture_sets_the_recycle_timer",
	 .lead = {.stage = "handoff", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(5, OB_HANDOFF_RESPONSE, "erin", WED_1500)},
	 .evs = {EV("reject", MON_0905, "erin", "nurture", S("reason", "bad_timing"), S("owner", "alice"),
		    S("until", "2027-02-21T08:05:00Z"))},
	 .opens = {OPEN(OB_RECYCLE, NULL, MON_0905, "2027-02-21T08:05:00Z")},
	 .changes = {CHANGE(5, OB_MET, .closed = MON_0905)}},
	{.name = "test_recycle_brings_back_the_follow_up_of_its_grade",
	 .lead = {.stage = "nurture", .grade = "B", .owner = "alice", .mql_at = "2026-09-01T08:00:00Z",
		  .first_touch_at = "2026-09-01T09:00:00Z"},
	 .open = {OB(8, OB_RECYCLE, NULL, MON_0903)},
	 .evs = {EV("recycled", MON_0903, "system", "mql"),
		 EV("assigned", MON_0903, "system", NULL, S("owner", "alice"))},
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", MON_0903, "2026-12-07T08:03:00Z", .need = 4),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_0903, MON_0908)},
	 .changes = {CHANGE(8, OB_MET, .closed = MON_0903)}},
	{.name = "test_lost_cancels_every_open_obligation",
	 .lead = {.stage = "sql", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(6, OB_NOTES_REVIEW, "erin", WED_1400, .meeting = 9),
		  OB(7, OB_NO_SHOW, "erin", WED_1415, .need = 2, .meeting = 8)},
	 .evs = {EV("lost", MON_0905, "erin", "lost", S("reason", "price"))},
	 .changes = {CHANGE(6, OB_CANCELLED, .closed = MON_0905), CHANGE(7, OB_CANCELLED, .closed = MON_0905)}},
	{.name = "test_disqualify_cancels_every_open_obligation",
	 .lead = {.grade = "A", .owner = "alice"},
	 .open = {OB(1, OB_FOLLOW_UP, "alice", "2026-12-03T08:03:00Z", .need = 6), OB(2, OB_SPEED_TO_LEAD, "alice", MON_0908)},
	 .evs = {EV("disqualify", MON_0905, "alice", "disqualified", S("reason", "student"))},
	 .changes = {CHANGE(1, OB_CANCELLED, .closed = MON_0905), CHANGE(2, OB_CANCELLED, .closed = MON_0905)}},

	/* ---- SPEC 8.1: no lead waits without a clock ---- */
	{.name = "test_a_lead_nobody_can_take_gets_its_clock_at_intake_owned_by_its_pool",
	 /* saturday 11:00: due monday 09:05, counted in the org's calendar */
	 .lead = {.stage = "inquiry", .source = "web_form"},
	 .evs = {EV("mql", SAT_1100, "system", "mql", S("grade", "C")), EV("unassigned", SAT_1100, "system", NULL)},
	 .opens = {OPEN(OB_FOLLOW_UP, NULL, SAT_1100, "2026-12-19T10:00:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, NULL, SAT_1100, MON2_0905, .waiting = 1)}},
	{.name = "test_routing_a_waiting_lead_passes_its_obligation_due_time_unchanged",
	 .lead = {.source = "web_form", .mql_at = SAT_1100},
	 .open = {OB(1, OB_SPEED_TO_LEAD, NULL, MON2_0905, .opened = SAT_1100, .waiting = 1)},
	 .evs = {EV("assigned", "2026-11-30T08:00:00Z", "system", NULL, S("owner", "alice"))},
	 .changes = {CHANGE(1, OB_OPEN, .owner = "alice")}},
	{.name = "test_a_waiting_lead_breached_then_routed_gives_its_owner_the_breached_obligation",
	 .lead = {.source = "web_form", .mql_at = SAT_1100},
	 .open = {OB(1, OB_SPEED_TO_LEAD, NULL, MON2_0905, .opened = SAT_1100, .waiting = 1, .breached = 1)},
	 .evs = {EV("assigned", TUE2_1100, "system", NULL, S("owner", "alice"))},
	 .changes = {CHANGE(1, OB_BREACHED, .owner = "alice")}},

	/* ---- SPEC 8.2: reassignment, the queue ---- */
	{.name = "test_a_reassignment_opens_the_new_owners_window_and_counts_it",
	 .lead = {.source = "web_form", .owner = "alice", .mql_at = MON_0900},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON_0905, .opened = MON_0900, .breached = 1)},
	 .evs = {EV("reassigned", MON_0905, "system", NULL, S("owner", "bob"), S("previous_owner", "alice"),
		    I("reassigns", 1))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, "bob", MON_0905, "2026-11-23T08:10:00Z", .reassigns = 1)},
	 /* alice's breached one leaves her queue: the lead is no longer hers */
	 .changes = {CHANGE(1, OB_BREACHED, .settled = MON_0905)}},
	{.name = "test_a_reassignment_that_finds_nobody_sends_the_lead_back_to_its_pool_with_a_new_window",
	 .lead = {.source = "web_form", .owner = "alice", .mql_at = MON_0900},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", FRI_1758, .opened = MON_0900, .breached = 1)},
	 .evs = {EV("unassigned", FRI_1758, "system", NULL, S("previous_owner", "alice"), I("reassigns", 1))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, NULL, FRI_1758, MON2_0903, .waiting = 1, .reassigns = 1)},
	 .changes = {CHANGE(1, OB_BREACHED, .settled = FRI_1758)}},
	{.name = "test_the_first_touch_after_a_breach_records_done_at",
	 .lead = {.source = "web_form", .owner = "alice", .mql_at = MON_0900},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON_0905, .opened = MON_0900, .breached = 1)},
	 .evs = {EV("touch", MON_0908, "alice", "working", S("kind", "call"), I("first", 1))},
	 .changes = {CHANGE(1, OB_BREACHED, .settled = MON_0908, .done = MON_0908)}},
	{.name = "test_a_breached_handoff_answered_late_records_done_at",
	 .lead = {.stage = "handoff", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(1, OB_HANDOFF_RESPONSE, "erin", WED_1500, .opened = MON_0900, .breached = 1)},
	 .evs = {EV("accept", THU_1400, "erin", "sql")},
	 .changes = {CHANGE(1, OB_BREACHED, .settled = THU_1400, .done = THU_1400)}},
	{.name = "test_a_breached_obligation_leaves_the_queue_when_the_lead_leaves_the_stage_without_done_at",
	 .lead = {.stage = "working", .source = "web_form", .owner = "alice", .mql_at = MON_0900,
		  .first_touch_at = MON_0903},
	 .open = {OB(1, OB_FOLLOW_UP, "alice", THU_1400, .opened = MON_0900, .need = 4, .progress = 1, .breached = 1)},
	 .evs = {EV("disqualify", FRI_1558, "alice", "disqualified", S("reason", "no budget"))},
	 .changes = {CHANGE(1, OB_BREACHED, .progress = 1, .settled = FRI_1558)}},

	/* ---- SPEC 8.3: a manager's hand; an absence ---- */
	{.name = "test_a_managers_hand_passes_every_owed_obligation_due_times_unchanged",
	 .lead = {.source = "web_form", .owner = "alice", .mql_at = MON_0900},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON_0905, .opened = MON_0900),
		  OB(2, OB_FOLLOW_UP, "alice", THU_1400, .opened = MON_0900, .need = 4, .progress = 1)},
	 .evs = {EV("assigned", MON_0903, "maria", NULL, S("owner", "bob"), S("previous_owner", "alice"), I("manual", 1),
		    S("by", "maria"), S("reason", "speaks German"))},
	 .changes = {CHANGE(1, OB_OPEN, .owner = "bob"), CHANGE(2, OB_OPEN, .owner = "bob", .progress = 1)}},
	{.name = "test_a_managers_hand_passes_a_breached_obligation_still_owed",
	 .lead = {.stage = "working", .source = "web_form", .owner = "alice", .mql_at = MON_0900,
		  .first_touch_at = MON_0903},
	 .open = {OB(1, OB_FOLLOW_UP, "alice", THU_1400, .opened = MON_0900, .need = 4, .progress = 1, .breached = 1)},
	 .evs = {EV("assigned", FRI_1558, "maria", NULL, S("owner", "bob"), S("previous_owner", "alice"), I("manual", 1))},
	 .changes = {CHANGE(1, OB_BREACHED, .owner = "bob", .progress = 1)}},
	{.name = "test_a_managers_hand_on_a_waiting_lead_takes_its_pools_clock",
	 .lead = {.source = "web_form", .mql_at = SAT_1100},
	 .open = {OB(1, OB_SPEED_TO_LEAD, NULL, MON2_0905, .opened = SAT_1100, .waiting = 1)},
	 .evs = {EV("assigned", "2026-11-28T11:00:00Z", "maria", NULL, S("owner", "bob"), I("manual", 1))},
	 .changes = {CHANGE(1, OB_OPEN, .owner = "bob")}},
	{.name = "test_a_managers_hand_moves_a_handoffs_response_to_the_new_ae",
	 .lead = {.stage = "handoff", .owner = "erin", .handed_by = "alice"},
	 .open = {OB(1, OB_HANDOFF_RESPONSE, "erin", WED_1500, .opened = MON_0900),
		  OB(2, OB_NOTES_REVIEW, "erin", THU_1400, .opened = MON_0900, .meeting = 3)},
	 .evs = {EV("assigned", WED_1400, "maria", NULL, S("owner", "eric"), S("previous_owner", "erin"), I("manual", 1))},
	 .changes = {CHANGE(1, OB_OPEN, .owner = "eric"), CHANGE(2, OB_OPEN, .owner = "eric")}},
	{.name = "test_an_absence_sends_an_untouched_lead_back_to_its_pool_with_its_clock",
	 /* alice's absence starts friday 19:58: the first touch still due monday 09:03 */
	 .lead = {.source = "web_form", .owner = "alice", .mql_at = FRI_1758},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON2_0903, .opened = FRI_1758)},
	 .evs = {EV("unassigned", FRI_1958, "system", NULL, S("previous_owner", "alice"), I("absence", 4))},
	 .changes = {CHANGE(1, OB_OPEN, .waiting = 1)}},
	{.name = "test_an_absence_sends_a_breached_lead_back_to_its_pool_with_a_new_window",
	 /* breached and kept by alice (max_reassign spent): the pool owes it anew from the start */
	 .lead = {.source = "web_form", .owner = "alice", .mql_at = MON_0900},
	 .open = {OB(1, OB_SPEED_TO_LEAD, "alice", MON_0905, .opened = MON_0900, .breached = 1, .reassigns = 1)},
	 .evs = {EV("unassigned", FRI_1758, "system", NULL, S("previous_owner", "alice"), I("absence", 4))},
	 .opens = {OPEN(OB_SPEED_TO_LEAD, NULL, FRI_1758, MON2_0903, .waiting = 1, .reassigns = 1)},
	 .changes = {CHANGE(1, OB_BREACHED, .settled = FRI_1758)}},

	/* ---- a customer (SPEC 8.12): calendar days in Paris (UTC+1 in winter, UTC+2 in summer) ---- */
	{.name = "test_won_opens_onboarding_for_the_ae_thirty_calendar_days_out_and_the_lapse_timer",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "sql", .owner = "erin"},
	 .evs = {EV("won", "2026-01-31T14:00:00Z", "erin", "won", I("amount_cents", 1200000), I("term_months", 1),
		    S("renews_at", "2026-02-28T14:00:00Z"))},
	 .opens = {OPEN(OB_ONBOARDING, "erin", "2026-01-31T14:00:00Z", "2026-03-02T14:00:00Z"),
		   OPEN(OB_LAPSE, NULL, "2026-01-31T14:00:00Z", "2026-02-28T14:00:00Z")}},
	{.name = "test_won_without_the_onboarding_rule_opens_only_the_lapse_timer",
	 .lead = {.stage = "sql", .owner = "erin"},
	 .evs = {EV("won", "2026-01-31T14:00:00Z", "erin", "won", I("amount_cents", 1200000), I("term_months", 12),
		    S("renews_at", "2027-01-31T14:00:00Z"))},
	 .opens = {OPEN(OB_LAPSE, NULL, "2026-01-31T14:00:00Z", "2027-01-31T14:00:00Z")}},
	{.name = "test_live_meets_onboarding_and_opens_the_csm_renewal_review_and_first_health_check",
	 /* review: 90 days before Jan 31 15:00 is Nov 2 15:00; health check: Feb 10 10:00 + 90 days is
	  * May 11 10:00, summer time */
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "won", .owner = "erin", .renews_at = "2027-01-31T14:00:00Z"},
	 .open = {OB(1, OB_ONBOARDING, "erin", "2026-03-02T14:00:00Z"), OB(2, OB_LAPSE, NULL, "2027-01-31T14:00:00Z")},
	 .evs = {EV("live", "2026-02-10T09:00:00Z", "erin", "live", S("owner", "chloe"))},
	 .opens = {OPEN(OB_RENEWAL_REVIEW, "chloe", "2026-02-10T09:00:00Z", "2026-11-02T14:00:00Z"),
		   OPEN(OB_HEALTH_CHECK, "chloe", "2026-02-10T09:00:00Z", "2026-05-11T08:00:00Z")},
	 .changes = {CHANGE(1, OB_MET, .closed = "2026-02-10T09:00:00Z")}},
	{.name = "test_live_after_the_onboarding_breach_settles_it_as_done",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "won", .owner = "erin", .renews_at = "2027-01-31T14:00:00Z"},
	 .open = {OB(1, OB_ONBOARDING, "erin", "2026-03-02T14:00:00Z", .breached = 1)},
	 .evs = {EV("live", "2026-03-05T09:00:00Z", "erin", "live", S("owner", "chloe"))},
	 .opens = {OPEN(OB_RENEWAL_REVIEW, "chloe", "2026-03-05T09:00:00Z", "2026-11-02T14:00:00Z"),
		   OPEN(OB_HEALTH_CHECK, "chloe", "2026-03-05T09:00:00Z", "2026-06-03T08:00:00Z")},
	 .changes = {CHANGE(1, OB_BREACHED, .settled = "2026-03-05T09:00:00Z", .done = "2026-03-05T09:00:00Z")}},
	{.name = "test_renewal_review_of_a_term_shorter_than_its_window_is_due_at_live",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "won", .owner = "erin", .renews_at = "2026-02-28T14:00:00Z"},
	 .evs = {EV("live", "2026-02-10T09:00:00Z", "erin", "live", S("owner", "chloe"))},
	 .opens = {OPEN(OB_RENEWAL_REVIEW, "chloe", "2026-02-10T09:00:00Z", "2026-02-10T09:00:00Z"),
		   OPEN(OB_HEALTH_CHECK, "chloe", "2026-02-10T09:00:00Z", "2026-05-11T08:00:00Z")}},
	{.name = "test_renew_meets_the_review_and_moves_the_lapse_to_the_new_renewal_date",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe", .renews_at = "2027-01-31T14:00:00Z"},
	 .open = {OB(1, OB_RENEWAL_REVIEW, "chloe", "2026-11-02T14:00:00Z"),
		  OB(2, OB_LAPSE, NULL, "2027-01-31T14:00:00Z")},
	 .evs = {EV("renewed", "2026-10-01T08:00:00Z", "chloe", NULL, I("previous_cents", 1200000),
		    I("amount_cents", 1500000), S("starts_at", "2027-01-31T14:00:00Z"), I("term_months", 12),
		    S("renews_at", "2028-01-31T14:00:00Z"))},
	 .opens = {OPEN(OB_LAPSE, NULL, "2026-10-01T08:00:00Z", "2028-01-31T14:00:00Z"),
		   OPEN(OB_RENEWAL_REVIEW, "chloe", "2026-10-01T08:00:00Z", "2027-11-02T14:00:00Z")},
	 .changes = {CHANGE(1, OB_MET, .closed = "2026-10-01T08:00:00Z"),
		     CHANGE(2, OB_MET, .closed = "2026-10-01T08:00:00Z")}},
	{.name = "test_renew_after_the_review_breach_settles_it_as_done",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe", .renews_at = "2027-01-31T14:00:00Z"},
	 .open = {OB(1, OB_RENEWAL_REVIEW, "chloe", "2026-11-02T14:00:00Z", .breached = 1)},
	 .evs = {EV("renewed", "2026-12-01T08:00:00Z", "chloe", NULL, I("amount_cents", 1200000),
		    S("renews_at", "2028-01-31T14:00:00Z"))},
	 .opens = {OPEN(OB_LAPSE, NULL, "2026-12-01T08:00:00Z", "2028-01-31T14:00:00Z"),
		   OPEN(OB_RENEWAL_REVIEW, "chloe", "2026-12-01T08:00:00Z", "2027-11-02T14:00:00Z")},
	 .changes = {CHANGE(1, OB_BREACHED, .settled = "2026-12-01T08:00:00Z", .done = "2026-12-01T08:00:00Z")}},
	{.name = "test_health_check_touch_by_the_csm_in_its_period_meets_it_and_opens_the_next",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe"},
	 .open = {OB(1, OB_HEALTH_CHECK, "chloe", "2026-05-11T08:00:00Z")},
	 .evs = {EV("touch", "2026-04-01T08:00:00Z", "chloe", NULL, S("kind", "call"), I("first", 0))},
	 .opens = {OPEN(OB_HEALTH_CHECK, "chloe", "2026-04-01T08:00:00Z", "2026-08-09T08:00:00Z")},
	 .changes = {CHANGE(1, OB_MET, .closed = "2026-04-01T08:00:00Z")}},
	{.name = "test_health_check_touch_before_its_period_leaves_it_open",
	 /* the period of the check due Aug 9 starts May 11: a touch on Apr 1 belongs to the one before */
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe"},
	 .open = {OB(1, OB_HEALTH_CHECK, "chloe", "2026-08-09T08:00:00Z")},
	 .evs = {EV("touch", "2026-04-01T08:00:00Z", "chloe", NULL, S("kind", "call"), I("first", 0))}},
	{.name = "test_health_check_touch_by_another_rep_leaves_it_open",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe"},
	 .open = {OB(1, OB_HEALTH_CHECK, "chloe", "2026-05-11T08:00:00Z")},
	 .evs = {EV("touch", "2026-04-01T08:00:00Z", "erin", NULL, S("kind", "call"), I("first", 0))}},
	{.name = "test_health_check_breach_opens_the_next_period_at_its_due_time",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe"},
	 .open = {OB(1, OB_HEALTH_CHECK, "chloe", "2026-05-11T08:00:00Z", .breached = 1)},
	 .evs = {EV("breach", "2026-05-11T08:00:00Z", "system", NULL, S("rule", "health_check"), S("owner", "chloe"),
		    I("obligation", 1))},
	 .opens = {OPEN(OB_HEALTH_CHECK, "chloe", "2026-05-11T08:00:00Z", "2026-08-09T08:00:00Z")}},
	{.name = "test_late_health_check_touch_settles_the_breached_one_and_meets_the_current",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe"},
	 .open = {OB(1, OB_HEALTH_CHECK, "chloe", "2026-05-11T08:00:00Z", .breached = 1),
		  OB(2, OB_HEALTH_CHECK, "chloe", "2026-08-09T08:00:00Z")},
	 .evs = {EV("touch", "2026-05-20T08:00:00Z", "chloe", NULL, S("kind", "call"), I("first", 0))},
	 .opens = {OPEN(OB_HEALTH_CHECK, "chloe", "2026-05-20T08:00:00Z", "2026-11-07T09:00:00Z")},
	 .changes = {CHANGE(1, OB_BREACHED, .settled = "2026-05-20T08:00:00Z", .done = "2026-05-20T08:00:00Z"),
		     CHANGE(2, OB_MET, .closed = "2026-05-20T08:00:00Z")}},
	{.name = "test_churn_cancels_the_customer_obligations_and_settles_a_breached_review",
	 .pb = PB_CUSTOMERS,
	 .lead = {.stage = "live", .owner = "chloe", .renews_at = "2027-01-31T14:00:00Z"},
	 .open = {OB(1, OB_HEALTH_CHECK, "chloe", "2026-12-01T08:00:00Z"),
		  OB(2, OB_RENEWAL_REVIEW, "chloe", "2026-11-02T14:00:00Z", .breached = 1),
		  OB(3, OB_LAPSE, NULL, "2027-01-31T14:00:00Z")},
	 .evs = {EV("churned", "2026-11-20T08:00:00Z", "chloe", "churned", S("reason", "budget"),
		    I("amount_cents", 1200000))},
	 .changes = {CHANGE(1, OB_CANCELLED, .closed = "2026-11-20T08:00:00Z"),
		     CHANGE(2, OB_BREACHED, .settled = "2026-11-20T08:00:00Z"),
		     CHANGE(3, OB_CANCELLED, .closed = "2026-11-20T08:00:00Z")}},
};

/* ---------------------------------------------------------------- sla_breach cases */

struct rep_spec {
	int64_t id; /* 0 ends the list */
	const char *name;
};

struct breach_case {
	const char *name;
	enum pb_variant pb;
	struct ob_spec ob;     /* the overdue obligation */
	unsigned actions;      /* enum pb_action bits */
	int pass_task;
	enum role pass_to;
	int recycle;           /* 1: no breach event, the lead comes back */
	/* a reassignment, composed as tick does it: the lead (mql, inbound, owned by ob.owner),
	 * the pool of its rotation and its cursor; the new owner and its obligation's due time */
	struct rep_spec pool[MAX_REPS];
	int64_t cursor;
	const char *new_owner;
	const char *new_due;
	const char *disagrees;
};

static const struct breach_case breach_cases[] = {
	{.name = "test_speed_to_lead_breach_takes_effect_at_the_due_time",
	 .ob = OB(11, OB_SPEED_TO_LEAD, "alice", MON2_0904, .opened = FRI_1759),
	 .actions = PB_ACT_NOTIFY_MANAGER | PB_ACT_REASSIGN},
	{.name = "test_reassigned_lead_opens_the_new_owners_obligation_from_the_due_time",
	 /* SPEC: a speed-to-lead breach due 09:04 that is reassigned opens the new owner's
	  * obligation from 09:04 (due 09:09), however late tick runs */
	 .ob = OB(11, OB_SPEED_TO_LEAD, "alice", MON2_0904, .opened = FRI_1759),
	 .actions = PB_ACT_NOTIFY_MANAGER | PB_ACT_REASSIGN,
	 .pool = {{1, "alice"}, {2, "bob"}, {3, "carol"}}, .cursor = 1, .new_owner = "bob", .new_due = MON2_0909},
	{.name = "test_reassign_goes_to_the_next_rep_other_than_the_owner",
	 /* carol had the last lead: next is alice, the owner, so bob */
	 .ob = OB(11, OB_SPEED_TO_LEAD, "alice", MON2_0904, .opened = FRI_1759),
	 .actions = PB_ACT_NOTIFY_MANAGER | PB_ACT_REASSIGN,
	 .pool = {{1, "alice"}, {2, "bob"}, {3, "carol"}}, .cursor = 3, .new_owner = "bob", .new_due = MON2_0909},
	{.name = "test_speed_to_lead_breach_runs_the_playbooks_actions",
	 .pb = PB_CALENDAR,
	 .ob = OB(11, OB_SPEED_TO_LEAD, "alice", FRI_1858, .opened = FRI_1758),
	 .actions = PB_ACT_NOTIFY_MANAGER},
	{.name = "test_handoff_response_breach_escalates_to_the_manager",
	 .ob = OB(12, OB_HANDOFF_RESPONSE, "erin", WED_1500, .opened = MON_0900),
	 .actions = PB_ACT_ESCALATE_MANAGER},
	{.name = "test_handoff_response_breach_runs_the_playbooks_actions",
	 .pb = PB_CALENDAR,
	 .ob = OB(12, OB_HANDOFF_RESPONSE, "erin", FRI_1958, .opened = FRI_1558),
	 .actions = PB_ACT_ESCALATE_MANAGER | PB_ACT_FLAG},
	{.name = "test_notes_review_breach_flags_the_ae",
	 .ob = OB(13, OB_NOTES_REVIEW, "erin", WED_1400, .opened = MON_0900, .meeting = 9),
	 .actions = PB_ACT_FLAG},
	{.name = "test_notes_review_without_on_breach_only_records_the_breach",
	 .pb = PB_CALENDAR,
	 .ob = OB(13, OB_NOTES_REVIEW, "erin", WED_1400, .opened = MON_0900, .meeting = 9)},
	{.name = "test_no_show_breach_passes_the_task_to_the_sdr",
	 .ob = OB(14, OB_NO_SHOW, "erin", WED_1415, .opened = WED_1405, .need = 2, .meeting = 9),
	 .pass_task = 1, .pass_to = ROLE_SDR},
	{.name = "test_no_show_breach_passes_the_task_to_the_role_the_playbook_names",
	 .pb = PB_CALENDAR,
	 .ob = OB(14, OB_NO_SHOW, "erin", WED_1415, .opened = WED_1405, .need = 3, .meeting = 9),
	 .pass_task = 1, .pass_to = ROLE_MRR},
	{.name = "test_follow_up_breach_is_recorded_without_actions",
	 .ob = OB(15, OB_FOLLOW_UP, "alice", "2026-12-03T08:03:00Z", .opened = MON_0903, .need = 6, .progress = 2)},
	{.name = "test_recycle_timer_is_not_a_breach",
	 .ob = OB(16, OB_RECYCLE, NULL, "2027-03-01T08:00:00Z", .opened = MON_0905), .recycle = 1},
};

#define N_AFTER (sizeof(after_cases) / sizeof(after_cases[0]))
#define N_BREACH (sizeof(breach_cases) / sizeof(breach_cases[0]))

/* ---------------------------------------------------------------- helpers */

/* Checks instant got against the RFC 3339 string want (readable on failure). */
static void assert_instant(int64_t got, const char *want)
{
	char buf[CLOCK_RFC3339_LEN];

	assert_string_equal(clock_format_rfc3339(got, buf), want);
}

static void assert_same_str(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got ? got : "(null)", want);
}

/* The lead of a case, before its events. */
static void build_lead(const struct lead_spec *s, struct lead *l)
{
	lead_init(l);
	l->id = 7;
	l->email = "ada@acme.example";
	l->stage = STAGE_MQL;
	if (s->stage)
		assert_int_equal(stage_parse(s->stage, &l->stage), 0);
	l->channel = s->outbound ? CHANNEL_OUTBOUND : CHANNEL_INBOUND;
	l->source = s->source;
	l->grade = s->grade;
	l->owner = s->owner;
	l->handed_by = s->handed_by;
	l->reviewed = s->reviewed;
	l->mql_at = unit_at(s->mql_at);
	l->first_touch_at = unit_at(s->first_touch_at);
	l->renews_at = unit_at(s->renews_at);
}

static void build_ob(const struct ob_spec *s, struct obligation *o)
{
	memset(o, 0, sizeof(*o));
	o->id = s->id;
	o->rule = s->rule;
	o->lead = 7;
	o->owner = s->owner;
	o->opened_at = unit_at(s->opened);
	o->due = unit_at(s->due);
	o->status = OB_OPEN;
	o->need = s->need;
	o->progress = s->progress;
	o->meeting = s->meeting;
	o->reassigns = s->reassigns;
	if (s->breached) {
		o->status = OB_BREACHED;
		o->closed_at = o->due;
	}
	o->has_pool = s->waiting;
	o->pool = ROLE_MRR;
}

static struct event *build_event(const struct ev_spec *s, enum stage from, struct arena *a)
{
	struct event *ev = event_new(a, type_named(s->type), unit_at(s->at), 7, s->actor);
	enum stage to;
	size_t i;

	if (s->to) {
		assert_int_equal(stage_parse(s->to, &to), 0);
		event_set_stage(ev, (int)from, to);
	}
	for (i = 0; i < MAX_FIELDS && s->f[i].key; i++) {
		if (s->f[i].s)
			event_put_str(ev, a, s->f[i].key, s->f[i].s);
		else
			event_put_int(ev, a, s->f[i].key, s->f[i].i);
	}
	return ev;
}

static void check_open(const struct obligation *got, const struct ob_want *want)
{
	assert_string_equal(ob_rule_name(got->rule), ob_rule_name(want->rule));
	assert_int_equal(got->id, 0);
	assert_int_equal(got->lead, 7);
	assert_int_equal(got->status, OB_OPEN);
	assert_same_str(got->owner, want->owner);
	assert_instant(got->opened_at, want->opened);
	assert_instant(got->due, want->due);
	assert_int_equal(got->need, want->need);
	assert_int_equal(got->progress, want->progress);
	assert_int_equal(got->meeting, want->meeting);
	assert_int_equal(got->has_pool, want->waiting);
	if (want->waiting)
		assert_int_equal(got->pool, ROLE_MRR);
	assert_int_equal(got->reassigns, want->reassigns);
}

static void check_change(const struct obligation *got, const struct change_want *want, const struct ob_spec *was)
{
	assert_int_equal(got->id, want->id);
	assert_string_equal(ob_status_name(got->status), ob_status_name(want->status));
	if (want->waiting)
		assert_null(got->owner);
	else
		assert_same_str(got->owner, want->owner ? want->owner : was->owner);
	assert_int_equal(got->has_pool, want->waiting);
	assert_int_equal(got->progress, want->progress);
	if (want->status == OB_OPEN)
		assert_int_equal(got->closed_at, 0);
	else if (was->breached)
		assert_instant(got->closed_at, was->due); /* a breach closed it at its due time */
	else
		assert_instant(got->closed_at, want->closed);
	if (want->settled)
		assert_instant(got->settled_at, want->settled);
	else
		assert_int_equal(got->settled_at, 0);
	if (want->done)
		assert_instant(got->done_at, want->done);
	else
		assert_int_equal(got->done_at, 0);
	assert_instant(got->due, was->due); /* a change never moves a due time */
}

/* A case that shows the code disagreeing with the SPEC is kept, asserting the SPEC, but skipped. */
static void skip_if_disagrees(const char *disagrees)
{
	if (disagrees) {
		print_message("SPEC DISAGREES: %s\n", disagrees);
		skip();
	}
}

/* ---------------------------------------------------------------- the runners */

static void run_after_case(void **state)
{
	const struct sla_case *c = *state;
	const struct playbook *pb = pbs[c->pb];
	struct arena *a;
	struct obligation open[MAX_OBS];
	struct event *evs[MAX_EVS];
	struct lead before, after;
	struct sla_plan plan;
	size_t nopen = 0, nev = 0, nwant = 0, nchange = 0, i, k;

	skip_if_disagrees(c->disagrees);
	a = arena_new();
	assert_non_null(a);
	build_lead(&c->lead, &before);
	after = before;
	for (; nopen < MAX_OBS && c->open[nopen].id; nopen++)
		build_ob(&c->open[nopen], &open[nopen]);
	for (; nev < MAX_EVS && c->evs[nev].type; nev++) {
		evs[nev] = build_event(&c->evs[nev], after.stage, a);
		assert_int_equal(lead_apply(&after, evs[nev], a), 0);
	}
	sla_after(pb, &before, &after, evs, nev, open, nopen, NULL, a, &plan);

	while (nwant < MAX_OBS && c->opens[nwant].due)
		nwant++;
	while (nchange < MAX_OBS && c->changes[nchange].id)
		nchange++;
	for (i = 0; i < plan.nopen && i < nwant; i++)
		check_open(&plan.open[i], &c->opens[i]);
	assert_int_equal(plan.nopen, nwant);
	for (i = 0; i < plan.nchange && i < nchange; i++) {
		for (k = 0; k < nopen && c->open[k].id != c->changes[i].id; k++)
			;
		assert_true(k < nopen);
		check_change(&plan.change[i], &c->changes[i], &c->open[k]);
	}
	assert_int_equal(plan.nchange, nchange);
	arena_free(&a);
}

/* What tick does with a reassignment: the rotation at the due time, then the SLA rules. */
static void run_reassign(const struct breach_case *c, const struct playbook *pb, const struct obligation *ob,
			 struct arena *a)
{
	struct rep pool[MAX_REPS];
	struct intake_req req;
	struct route_wrr rotation = {c->cursor, NULL, 0};
	struct intake_result res;
	struct lead before, after;
	struct sla_plan plan;
	struct lead_spec spec = {.source = "web_form", .owner = ob->owner, .mql_at = FRI_1759};
	size_t n, i;

	for (n = 0; n < MAX_REPS && c->pool[n].id; n++) {
		memset(&pool[n], 0, sizeof(pool[n]));
		pool[n].id = c->pool[n].id;
		pool[n].name = c->pool[n].name;
		pool[n].role = ROLE_MRR;
		pool[n].capacity = -1;
		pool[n].hours_start = pool[n].hours_end = -1;
		pool[n].active = 1;
	}
	build_lead(&spec, &before);
	memset(&req, 0, sizeof(req));
	req.lead = &before;
	req.pool = pool;
	req.npool = n;
	req.rotation = &rotation;
	req.actor = "system";
	req.exclude = ob->owner;
	req.rotation_only = 1;
	memset(&res, 0, sizeof(res));
	intake_route(pb, &req, ob->due, a, &res);
	assert_same_str(res.owner, c->new_owner);
	assert_int_equal(res.d.n, 1);
	assert_int_equal(res.d.events[0]->type, EV_ASSIGNED);
	assert_int_equal(res.d.events[0]->at, ob->due);
	res.d.events[0]->type = EV_REASSIGNED;
	after = before;
	for (i = 0; i < res.d.n; i++)
		assert_int_equal(lead_apply(&after, res.d.events[i], a), 0);
	sla_after(pb, &before, &after, res.d.events, res.d.n, NULL, 0, NULL, a, &plan);
	assert_int_equal(plan.nopen, 1);
	assert_int_equal(plan.nchange, 0);
	assert_int_equal(plan.open[0].rule, OB_SPEED_TO_LEAD);
	assert_same_str(plan.open[0].owner, c->new_owner);
	assert_int_equal(plan.open[0].opened_at, ob->due);
	assert_instant(plan.open[0].due, c->new_due);
}

static void run_breach_case(void **state)
{
	const struct breach_case *c = *state;
	const struct playbook *pb = pbs[c->pb];
	struct arena *a;
	struct decision d = {0};
	struct obligation ob;
	struct sla_breach out;
	const struct event *ev;

	skip_if_disagrees(c->disagrees);
	a = arena_new();
	assert_non_null(a);
	build_ob(&c->ob, &ob);
	sla_breach(pb, &ob, a, &d, &out);
	assert_int_equal(out.actions, c->actions);
	assert_int_equal(out.pass_task, c->pass_task);
	if (c->pass_task)
		assert_string_equal(role_name(out.pass_to), role_name(c->pass_to));
	assert_int_equal(out.recycle, c->recycle);
	if (c->recycle) {
		assert_int_equal(d.n, 0);
	} else {
		assert_int_equal(d.n, 1);
		ev = d.events[0];
		assert_int_equal(ev->type, EV_BREACH);
		assert_int_equal(ev->at, ob.due); /* at the due time, not when tick runs */
		assert_int_equal(ev->lead, 7);
		assert_false(ev->sets_stage);
		assert_string_equal(event_get_str(ev, "rule"), ob_rule_name(ob.rule));
		assert_same_str(event_get_str(ev, "owner"), ob.owner);
		assert_int_equal(event_get_int(ev, "obligation", 0), ob.id);
	}
	if (c->pool[0].id)
		run_reassign(c, pb, &ob, a);
	arena_free(&a);
}

/* ---------------------------------------------------------------- owners' calendars (SPEC 8.4) */

/* A rep whose calendar sla_after() is given: its team and own zone. */
struct cal_rep_spec {
	const char *name; /* NULL ends the list */
	const char *team;
	const char *timezone;
};

/* Events on a lead of PB_TEAMS, with the reps loaded for them (the lead's rotation, then the
 * owners), and the one obligation that must open. June 2026: Paris is UTC+2, New York
 * UTC-4, Chicago UTC-5. */
struct owner_case {
	const char *name;
	const char *stage; /* the lead's before the events (an mql lead's mql_at: friday 12 June) */
	struct ev_spec evs[2]; /* the events, the second may be left out */
	struct cal_rep_spec pool[MAX_REPS];
	struct cal_rep_spec owners[MAX_REPS];
	enum ob_rule rule;
	const char *owner;
	const char *due;
};

static const struct owner_case owner_cases[] = {
	{"test_a_waiting_lead_counts_its_pools_team_calendar", "inquiry",
	 /* friday 12 June 18:00 in New York: its pool, all amer, opens monday 09:00 New York */
	 {EV("mql", "2026-06-12T22:00:00Z", "system", "mql")},
	 {{"nina", "amer", NULL}, {"noah", "amer", NULL}},
	 {{NULL, NULL, NULL}},
	 OB_SPEED_TO_LEAD, NULL, "2026-06-15T13:05:00Z"},
	{"test_a_waiting_lead_of_a_pool_spanning_teams_counts_the_orgs", "inquiry",
	 /* the same lead, a pool of amer and emea: monday 09:05 in Paris */
	 {EV("mql", "2026-06-12T22:00:00Z", "system", "mql")},
	 {{"nina", "amer", NULL}, {"eve", "emea", NULL}},
	 {{NULL, NULL, NULL}},
	 OB_SPEED_TO_LEAD, NULL, "2026-06-15T07:05:00Z"},
	{"test_a_lead_routed_at_intake_counts_its_owners_calendar_from_the_start", "inquiry",
	 /* monday 16:30Z, routed at once to nina in New York: 12:35 New York, not tuesday in Paris */
	 {EV("mql", "2026-06-15T16:30:00Z", "system", "mql"),
	  EV("assigned", "2026-06-15T16:30:00Z", "system", NULL, S("owner", "nina"))},
	 {{"eve", "emea", NULL}, {"nina", "amer", NULL}},
	 {{"nina", "amer", NULL}},
	 OB_SPEED_TO_LEAD, "nina", "2026-06-15T16:35:00Z"},
	{"test_a_reassignment_counts_in_the_new_owners_calendar", "mql",
	 /* monday 16:30Z: Paris has closed (18:30), New York works (12:30): due 12:35 New York */
	 {EV("reassigned", "2026-06-15T16:30:00Z", "system", NULL, S("owner", "nina"), I("reassigns", 1))},
	 {{NULL, NULL, NULL}},
	 {{"nina", "amer", NULL}},
	 OB_SPEED_TO_LEAD, "nina", "2026-06-15T16:35:00Z"},
	{"test_a_reassignment_to_a_paris_rep_waits_for_paris", "mql",
	 {EV("reassigned", "2026-06-15T16:30:00Z", "system", NULL, S("owner", "eve"), I("reassigns", 1))},
	 {{NULL, NULL, NULL}},
	 {{"eve", "emea", NULL}},
	 OB_SPEED_TO_LEAD, "eve", "2026-06-16T07:05:00Z"},
	{"test_a_reps_own_zone_counts_over_its_teams", "mql",
	 /* 16:58 in Chicago (17:58 in New York): 2 minutes monday, then tuesday 09:03 Chicago */
	 {EV("reassigned", "2026-06-15T21:58:00Z", "system", NULL, S("owner", "carl"), I("reassigns", 1))},
	 {{NULL, NULL, NULL}},
	 {{"carl", "amer", "America/Chicago"}},
	 OB_SPEED_TO_LEAD, "carl", "2026-06-16T14:03:00Z"},
	{"test_an_owner_whose_calendar_is_not_given_counts_the_orgs", "mql",
	 {EV("reassigned", "2026-06-15T16:30:00Z", "system", NULL, S("owner", "nina"), I("reassigns", 1))},
	 {{NULL, NULL, NULL}},
	 {{NULL, NULL, NULL}},
	 OB_SPEED_TO_LEAD, "nina", "2026-06-16T07:05:00Z"},
	{"test_handoff_response_counts_in_the_aes_calendar", "working",
	 /* monday 09:00 in New York + 24 business hours of 8-hour days: wednesday 17:00 New York */
	 {EV("handoff", "2026-06-15T13:00:00Z", "sam", "handoff", S("ae", "alex"))},
	 {{NULL, NULL, NULL}},
	 {{"alex", "amer", NULL}},
	 OB_HANDOFF_RESPONSE, "alex", "2026-06-17T21:00:00Z"},
};

/* reps[] from specs (up to MAX_REPS, ended by a NULL name); returns how many. */
static size_t build_reps(const struct cal_rep_spec *specs, struct rep *reps)
{
	size_t n;

	for (n = 0; n < MAX_REPS && specs[n].name; n++) {
		memset(&reps[n], 0, sizeof(reps[n]));
		reps[n].id = (int64_t)n + 1;
		reps[n].name = specs[n].name;
		reps[n].role = ROLE_MRR;
		reps[n].team = specs[n].team;
		reps[n].timezone = specs[n].timezone;
		reps[n].capacity = -1;
		reps[n].hours_start = reps[n].hours_end = -1;
		reps[n].active = 1;
	}
	return n;
}

static void run_owner_case(void **state)
{
	const struct owner_case *c = *state;
	const struct playbook *pb = pbs[PB_TEAMS];
	struct rep pool[MAX_REPS], reps[MAX_REPS];
	struct sla_owners owners = {reps, build_reps(c->owners, reps), pool, build_reps(c->pool, pool)};
	struct lead_spec spec = {.source = "web_form", .stage = c->stage};
	struct lead before, after;
	struct sla_plan plan;
	struct event *evs[2];
	const char *names[5];
	struct arena *a = arena_new();
	size_t n;

	assert_non_null(a);
	if (strcmp(c->stage, "inquiry") != 0)
		spec.mql_at = "2026-06-12T22:00:00Z";
	build_lead(&spec, &before);
	after = before;
	for (n = 0; n < 2 && c->evs[n].type; n++) {
		evs[n] = build_event(&c->evs[n], after.stage, a);
		assert_int_equal(lead_apply(&after, evs[n], a), 0);
	}
	/* the service loads the calendars of the reps the core names */
	assert_true(sla_owner_names(pb, &after, evs, n, names) >= (c->owner ? 1 : 0));
	assert_true(sla_needs_pool(pb));
	sla_after(pb, &before, &after, evs, n, NULL, 0, &owners, a, &plan);
	assert_int_equal(plan.nopen, 1);
	assert_string_equal(ob_rule_name(plan.open[0].rule), ob_rule_name(c->rule));
	assert_same_str(plan.open[0].owner, c->owner);
	assert_instant(plan.open[0].due, c->due);
	arena_free(&a);
}

#define N_OWNER (sizeof(owner_cases) / sizeof(owner_cases[0]))

/* ---------------------------------------------------------------- main */

static int group_setup(void **state)
{
	if (unit_playbooks_load(pbs, pb_texts, PB_VARIANT_COUNT))
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	unit_playbooks_free(pbs, PB_VARIANT_COUNT);
	return 0;
}

int main(void)
{
	struct CMUnitTest tests[N_AFTER + N_BREACH + N_OWNER];
	size_t i;

	for (i = 0; i < N_AFTER; i++) {
		struct CMUnitTest t = {after_cases[i].name, run_after_case, NULL, NULL, (void *)&after_cases[i]};

		tests[i] = t;
	}
	for (i = 0; i < N_BREACH; i++) {
		struct CMUnitTest t = {breach_cases[i].name, run_breach_case, NULL, NULL, (void *)&breach_cases[i]};

		tests[N_AFTER + i] = t;
	}
	for (i = 0; i < N_OWNER; i++) {
		struct CMUnitTest t = {owner_cases[i].name, run_owner_case, NULL, NULL, (void *)&owner_cases[i]};

		tests[N_AFTER + N_BREACH + i] = t;
	}
	return cmocka_run_group_tests_name("sla", tests, group_setup, group_teardown);
}
