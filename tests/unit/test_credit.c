/* test_credit.c - the credit rules of SPEC section 4 (credit_after, src/core/credit.c): the
 * rep who made the handoff earns the SDR credits whatever its role (meeting_held,
 * seller_late_cancel, sql_accepted), marketing only when an MQL becomes an SQL (mql_to_sql),
 * the AE who accepted the lead the won amount; the customer's CSM a renewal, and the rep who
 * handed an expansion to an AE its won amount (SPEC 8.12); a kind the playbook leaves out earns
 * nothing.
 * One table of cases, one runner: the lead after the events, the events, the playbook, and
 * the credits expected, in order. Whether a seller's move was late (less notice than
 * sla.reschedule_notice) is decided when the meeting is moved and arrives as the event's
 * `late` flag. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/credit.h"
#include "util/arena.h"

#include "unit.h"

#define MAX_FIELDS 6
#define MAX_EVS 4
#define MAX_CREDITS 4

#define MON_0900 "2026-11-23T08:00:00Z" /* monday 09:00 Paris */

/* ---------------------------------------------------------------- the playbooks */

enum pb_variant { PB_DEFAULT, PB_SDR_MEETINGS_ONLY, PB_NO_CREDIT, PB_CSM, PB_VARIANT_COUNT };

#define ORG "org: {name: Test Co, timezone: Europe/Paris}\n"
static const char *const pb_texts[PB_VARIANT_COUNT] = {
	[PB_DEFAULT] = NULL, /* the built-in playbook */
	[PB_SDR_MEETINGS_ONLY] = ORG "credit: {sdr: [meeting_held]}\n",
	[PB_NO_CREDIT] = ORG, /* a section left out is off */
	[PB_CSM] = ORG "credit: {sdr: [sql_accepted], ae: [won_amount], csm: [renewal, expansion_sourced]}\n",
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
	const char *actor;
	struct field_spec f[MAX_FIELDS];
};
/* The event type named name (the case tables spell types as the store does). */
static enum event_type type_named(const char *name)
{
	enum event_type t = EV_COUNT;

	assert_int_equal(event_type_parse(name, &t), 0);
	return t;
}

#define EV(type_, actor_, ...) {.type = (type_), .actor = (actor_), .f = {__VA_ARGS__}}

/* The lead after the events. */
struct lead_spec {
	const char *owner;
	const char *handed_by; /* the rep who made the handoff */
	const char *ae;        /* the AE who accepted it */
	int was_mql;           /* it became an MQL at some point (mql_at set) */
	int64_t parent;        /* an expansion's customer, 0 none */
};

struct credit_want {
	const char *rep; /* NULL ends the list */
	const char *kind;
	int64_t amount;  /* cents */
	size_t event;    /* index of the event that earned it */
	const char *reason; /* a part of the reason, or NULL */
};
#define CREDIT(rep_, kind_, ev_, ...) {.rep = (rep_), .kind = (kind_), .event = (ev_), __VA_ARGS__}

struct credit_case {
	const char *name;
	enum pb_variant pb;
	struct lead_spec lead;
	struct ev_spec evs[MAX_EVS];
	struct credit_want want[MAX_CREDITS];
	const char *disagrees; /* SPEC DISAGREES: what the code does instead; the case is skipped */
};

/* ---------------------------------------------------------------- the cases */

static const struct credit_case cases[] = {
	/* ---- the SDR side: the rep who made the handoff ---- */
	{.name = "test_accepted_handoff_credits_the_sdr_and_marketing",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("accept", "erin")},
	 .want = {CREDIT("sam", "sql_accepted", 0, .reason = "erin accepted the handoff"),
		  CREDIT("marketing", "mql_to_sql", 0, .reason = "marketing qualified lead became an SQL")}},
	{.name = "test_sdr_credit_goes_to_an_mrr_who_made_the_handoff",
	 .lead = {.owner = "erin", .handed_by = "mona", .ae = "erin", .was_mql = 1},
	 .evs = {EV("accept", "erin")},
	 .want = {CREDIT("mona", "sql_accepted", 0), CREDIT("marketing", "mql_to_sql", 0)}},
	{.name = "test_accept_by_a_manager_still_credits_the_hander",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("accept", "maria")},
	 .want = {CREDIT("sam", "sql_accepted", 0, .reason = "maria accepted"), CREDIT("marketing", "mql_to_sql", 0)}},
	{.name = "test_held_meeting_credits_the_rep_who_made_the_handoff",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("meeting_held", "erin", I("meeting", 9), S("ae", "erin"), S("booked_by", "sam"))},
	 .want = {CREDIT("sam", "meeting_held", 0, .reason = "held")}},
	{.name = "test_held_meeting_booked_by_an_mrr_credits_the_mrr",
	 .lead = {.owner = "erin", .handed_by = "mona", .ae = "erin"},
	 .evs = {EV("meeting_held", "erin", I("meeting", 9), S("ae", "erin"), S("booked_by", "mona"))},
	 .want = {CREDIT("mona", "meeting_held", 0)}},
	{.name = "test_seller_late_cancel_keeps_the_sdr_credit",
	 /* cancelled by the seller with 1 day's notice, under the 2 days of reschedule_notice */
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("meeting_cancelled", "erin", I("meeting", 9), S("booked_by", "sam"), S("initiator", "seller"),
		    I("notice_minutes", 1440), I("late", 1))},
	 .want = {CREDIT("sam", "seller_late_cancel", 0, .reason = "with 1440 minutes' notice")}},
	{.name = "test_seller_late_reschedule_keeps_the_sdr_credit",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("meeting_rescheduled", "erin", I("meeting", 9), S("booked_by", "sam"), S("initiator", "seller"),
		    I("notice_minutes", 90), I("late", 1), S("new_start", "2026-11-30T09:00:00Z"))},
	 .want = {CREDIT("sam", "seller_late_cancel", 0, .reason = "with 90 minutes' notice")}},
	{.name = "test_seller_cancel_with_enough_notice_earns_nothing",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("meeting_cancelled", "erin", I("meeting", 9), S("booked_by", "sam"), S("initiator", "seller"),
		    I("notice_minutes", 4320), I("late", 0))}},
	{.name = "test_prospect_cancel_earns_nothing",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("meeting_cancelled", "sam", I("meeting", 9), S("booked_by", "sam"), S("initiator", "prospect"),
		    I("notice_minutes", 60), I("late", 0))}},
	{.name = "test_no_show_earns_nothing",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("meeting_no_show", "erin", I("meeting", 9), S("booked_by", "sam"), S("ae", "erin"))}},

	/* ---- marketing: only when an MQL becomes an SQL ---- */
	{.name = "test_marketing_gets_no_credit_for_an_outbound_lead",
	 /* target -> working -> handoff -> sql: never an MQL */
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("accept", "erin")},
	 .want = {CREDIT("sam", "sql_accepted", 0)}},
	{.name = "test_marketing_gets_no_credit_for_meetings_or_wins",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("meeting_held", "erin", I("meeting", 9), S("booked_by", "sam")),
		 EV("won", "erin", I("amount_cents", 1200000))},
	 .want = {CREDIT("sam", "meeting_held", 0), CREDIT("erin", "won_amount", 1, .amount = 1200000)}},
	{.name = "test_handoff_and_reject_earn_nothing",
	 .lead = {.owner = "sam", .handed_by = "sam", .was_mql = 1},
	 .evs = {EV("handoff", "sam", S("ae", "erin")), EV("reject", "erin", S("reason", "not_qualified"), S("owner", "sam"))}},

	/* ---- the AE: the won amount ---- */
	{.name = "test_won_amount_goes_to_the_ae_who_accepted",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("won", "erin", I("amount_cents", 4500000))},
	 .want = {CREDIT("erin", "won_amount", 0, .amount = 4500000, .reason = "closed won")}},
	{.name = "test_won_amount_goes_to_the_ae_even_when_a_manager_closes",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("won", "maria", I("amount_cents", 990))},
	 .want = {CREDIT("erin", "won_amount", 0, .amount = 990)}},
	{.name = "test_won_amount_goes_to_the_accepting_ae_not_a_later_owner",
	 .lead = {.owner = "carl", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("won", "erin", I("amount_cents", 100))},
	 .want = {CREDIT("erin", "won_amount", 0, .amount = 100)}},
	{.name = "test_lost_earns_nothing",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("lost", "erin", S("reason", "price"))}},

	/* ---- the playbook decides which kinds count ---- */
	{.name = "test_kinds_left_out_of_the_playbook_earn_nothing",
	 .pb = PB_SDR_MEETINGS_ONLY,
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("accept", "erin"), EV("meeting_cancelled", "erin", I("meeting", 9), S("booked_by", "sam"), I("late", 1)),
		 EV("meeting_held", "erin", I("meeting", 10), S("booked_by", "sam")), EV("won", "erin", I("amount_cents", 100))},
	 .want = {CREDIT("sam", "meeting_held", 2)}},
	{.name = "test_playbook_without_credit_section_credits_nobody",
	 .pb = PB_NO_CREDIT,
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("accept", "erin"), EV("meeting_held", "erin", I("meeting", 9), S("booked_by", "sam")),
		 EV("won", "erin", I("amount_cents", 100))}},

	/* ---- the CSM (SPEC 8.12): renewals and the expansions it sourced ---- */
	{.name = "test_renewal_credits_the_customers_csm_even_when_a_manager_renews",
	 .pb = PB_CSM,
	 .lead = {.owner = "chloe", .handed_by = "sam", .ae = "erin"},
	 .evs = {EV("renewed", "maria", I("previous_cents", 1200000), I("amount_cents", 1500000))},
	 .want = {CREDIT("chloe", "renewal", 0, .reason = "renewed")}},
	{.name = "test_won_expansion_credits_the_csm_who_handed_it_off_and_the_ae",
	 .pb = PB_CSM,
	 .lead = {.owner = "eric", .handed_by = "chloe", .ae = "eric", .parent = 7},
	 .evs = {EV("won", "eric", I("amount_cents", 400000), I("parent", 7))},
	 .want = {CREDIT("eric", "won_amount", 0, .amount = 400000),
		  CREDIT("chloe", "expansion_sourced", 0, .amount = 400000, .reason = "expansion of customer 7")}},
	{.name = "test_accepted_expansion_earns_no_sql_credit",
	 .pb = PB_CSM,
	 .lead = {.owner = "eric", .handed_by = "chloe", .ae = "eric", .parent = 7},
	 .evs = {EV("accept", "eric")}},
	{.name = "test_csm_credit_left_out_of_the_playbook_earns_nothing",
	 .lead = {.owner = "eric", .handed_by = "chloe", .ae = "eric", .parent = 7},
	 .evs = {EV("renewed", "chloe", I("amount_cents", 100)), EV("won", "eric", I("amount_cents", 100))},
	 .want = {CREDIT("eric", "won_amount", 1, .amount = 100)}},

	/* ---- a batch: each credit names the event that earned it ---- */
	{.name = "test_each_credit_names_the_event_that_earned_it",
	 .lead = {.owner = "erin", .handed_by = "sam", .ae = "erin", .was_mql = 1},
	 .evs = {EV("review", "erin"), EV("meeting_held", "erin", I("meeting", 9), S("booked_by", "sam")),
		 EV("accept", "erin", I("amount_cents", 500))},
	 .want = {CREDIT("sam", "meeting_held", 1), CREDIT("sam", "sql_accepted", 2), CREDIT("marketing", "mql_to_sql", 2)}},
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* ---------------------------------------------------------------- the runner */

static void run_case(void **state)
{
	const struct credit_case *c = *state;
	struct arena *a;
	struct event *evs[MAX_EVS];
	struct credit_list out = {0};
	struct lead l;
	size_t nev, nwant = 0, i, k;

	if (c->disagrees) {
		print_message("SPEC DISAGREES: %s\n", c->disagrees);
		skip();
	}
	a = arena_new();
	assert_non_null(a);
	lead_init(&l);
	l.id = 7;
	l.email = "ada@acme.example";
	l.stage = STAGE_SQL;
	l.owner = c->lead.owner;
	l.handed_by = c->lead.handed_by;
	l.parent = c->lead.parent;
	l.ae = c->lead.ae;
	l.mql_at = c->lead.was_mql ? unit_at("2026-11-02T08:00:00Z") : 0;
	for (nev = 0; nev < MAX_EVS && c->evs[nev].type; nev++) {
		const struct ev_spec *s = &c->evs[nev];

		evs[nev] = event_new(a, type_named(s->type), unit_at(MON_0900) + (int64_t)nev * 60, 7, s->actor);
		for (k = 0; k < MAX_FIELDS && s->f[k].key; k++) {
			if (s->f[k].s)
				event_put_str(evs[nev], a, s->f[k].key, s->f[k].s);
			else
				event_put_int(evs[nev], a, s->f[k].key, s->f[k].i);
		}
	}
	credit_after(pbs[c->pb], &l, evs, nev, a, &out);
	while (nwant < MAX_CREDITS && c->want[nwant].rep)
		nwant++;
	for (i = 0; i < out.n && i < nwant; i++) {
		const struct credit *got = &out.items[i];
		const struct credit_want *w = &c->want[i];

		assert_string_equal(got->rep, w->rep);
		assert_string_equal(credit_kind_name(got->kind), w->kind);
		assert_int_equal(got->amount, w->amount);
		assert_int_equal(got->event, w->event);
		assert_non_null(got->reason);
		if (w->reason && !strstr(got->reason, w->reason))
			fail_msg("reason \"%s\" does not say \"%s\"", got->reason, w->reason);
	}
	assert_int_equal(out.n, nwant);
	arena_free(&a);
}

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

UNIT_TABLE_MAIN("credit", cases, run_case, group_setup, group_teardown)
