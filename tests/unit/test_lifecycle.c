/* test_lifecycle.c - the state machine table, permissions, the handoff rules and the
 * projection of events (and which events change only updated_at), on plain structs with the
 * default playbook: no store, no clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/lifecycle.h"
#include "util/arena.h"

#include "unit.h"

#define NOW 1795420980 /* 2026-11-23T08:03:00Z */

struct fixture {
	struct playbook *pb;
	struct arena *a;
	struct rep mrr, sdr, ae, ae2, manager, inactive;
	struct lead lead;
};

static int setup(void **state)
{
	static struct fixture f;
	struct bt_error err;

	memset(&f, 0, sizeof(f));
	f.pb = playbook_default(&err);
	assert_non_null(f.pb);
	f.a = arena_new();
	f.mrr = unit_rep(1, "alice", ROLE_MRR);
	f.sdr = unit_rep(2, "sam", ROLE_SDR);
	f.ae = unit_rep(3, "erin", ROLE_AE);
	f.ae2 = unit_rep(4, "eric", ROLE_AE);
	f.manager = unit_rep(5, "maria", ROLE_MANAGER);
	f.inactive = unit_rep(6, "gone", ROLE_MRR);
	f.inactive.active = 0;
	lead_init(&f.lead);
	f.lead.id = 7;
	f.lead.email = "ada@acme.com";
	f.lead.stage = STAGE_WORKING;
	f.lead.owner = "alice";
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	playbook_free(&f->pb);
	arena_free(&f->a);
	return 0;
}

static int decide(struct fixture *f, struct action_req *req, struct decision *d, struct bt_error *err)
{
	memset(d, 0, sizeof(*d));
	bt_error_clear(err);
	return lifecycle_decide(f->pb, &f->lead, req, NOW, f->a, d, err);
}

static void test_transition_table_matches_the_spec(void **state)
{
	/* rows: action; columns: stage; 1 = allowed (SPEC section 3 plus touch/qualify where work goes on) */
	static const char *const expect[ACT_COUNT] = {
		/*              inq mql wrk hnd sql won liv lst flt nur dsq tgt chu */
		[ACT_TOUCH] = "0 1 1 1 1 1 1 0 0 1 0 1 0",   [ACT_QUALIFY] = "0 1 1 1 1 0 0 0 0 0 0 1 0",
		[ACT_HANDOFF] = "0 0 1 0 0 0 0 0 0 0 0 0 0", [ACT_REVIEW] = "0 0 0 1 1 0 0 0 0 0 0 0 0",
		[ACT_ACCEPT] = "0 0 0 1 0 0 0 0 0 0 0 0 0",  [ACT_REJECT] = "0 0 0 1 0 0 0 0 0 0 0 0 0",
		[ACT_NURTURE] = "0 0 1 0 0 0 0 0 0 0 0 0 0", [ACT_DISQUALIFY] = "0 0 1 0 0 0 0 0 0 0 0 0 0",
		[ACT_WIN] = "0 0 0 0 1 0 0 0 0 0 0 0 0",     [ACT_LOSE] = "0 0 0 0 1 0 0 0 0 0 0 0 0",
		[ACT_LIVE] = "0 0 0 0 0 1 0 0 0 0 0 0 0",    [ACT_RESTORE] = "0 0 0 0 0 0 0 0 1 0 0 0 0",
		[ACT_RECYCLE] = "0 0 0 0 0 0 0 0 0 1 0 0 0",
		[ACT_ASSIGN] = "0 1 1 1 1 0 0 0 0 0 0 1 0",
		/* a customer's contract (SPEC 8.12): renew and churn once live; lapse (tick) once won */
		[ACT_RENEW] = "0 0 0 0 0 0 1 0 0 0 0 0 0",   [ACT_CHURN] = "0 0 0 0 0 0 1 0 0 0 0 0 0",
		[ACT_LAPSE] = "0 0 0 0 0 1 1 0 0 0 0 0 0",
		/* an upsell of a live customer handed to an AE */
		[ACT_EXPAND] = "0 0 0 0 0 0 1 0 0 0 0 0 0",
	};
	int a, s;

	for (a = 0; a < ACT_COUNT; a++)
		for (s = 0; s < STAGE_COUNT; s++)
			assert_int_equal(lifecycle_can((enum action)a, (enum stage)s), expect[a][2 * s] == '1');
}

static void test_invalid_transition_names_stage_and_allowed_actions(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_ACCEPT, .actor = &f->ae};
	struct decision d;
	struct bt_error err;

	assert_int_equal(decide(f, &req, &d, &err), -BT_REFUSED);
	assert_int_equal(d.n, 0);
	assert_non_null(strstr(err.message, "is working (Working)"));
	assert_non_null(strstr(err.message, "allowed here: touch, qualify, handoff, nurture, disqualify"));
}

static void test_owner_first_touch_moves_mql_to_working(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_TOUCH, .actor = &f->mrr, .kind = "call"};
	struct decision d;
	struct bt_error err;

	f->lead.stage = STAGE_MQL;
	assert_int_equal(decide(f, &req, &d, &err), 0);
	assert_int_equal(d.n, 1);
	assert_true(d.events[0]->sets_stage);
	assert_int_equal(d.events[0]->from, STAGE_MQL);
	assert_int_equal(d.events[0]->to, STAGE_WORKING);
	assert_int_equal(event_get_int(d.events[0], "first", 0), 1);
	req.actor = &f->sdr; /* not the owner: recorded, no stage change */
	assert_int_equal(decide(f, &req, &d, &err), 0);
	assert_false(d.events[0]->sets_stage);
	assert_int_equal(event_get_int(d.events[0], "first", 1), 0);
}

static void test_touch_kind_must_be_known(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_TOUCH, .actor = &f->mrr, .kind = "fax"};
	struct decision d;
	struct bt_error err;

	assert_int_equal(decide(f, &req, &d, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "kind");
}

static void test_inactive_rep_may_not_act(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_TOUCH, .actor = &f->inactive, .kind = "call"};
	struct decision d;
	struct bt_error err;

	assert_int_equal(decide(f, &req, &d, &err), -BT_DENIED);
	assert_non_null(strstr(err.message, "inactive"));
}

static void test_handoff_names_every_missing_item(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_HANDOFF, .actor = &f->mrr, .to = &f->ae};
	struct decision d;
	struct bt_error err;

	kv_set(&f->lead.answers, f->a, "budget", "yes");
	assert_int_equal(decide(f, &req, &d, &err), -BT_REFUSED);
	assert_non_null(strstr(err.message, "need is not answered"));
	assert_non_null(strstr(err.message, "at least 3 of the qualification fields must be answered, 1 are"));
	assert_non_null(strstr(err.message, "missing: authority, need, timeline"));
	assert_non_null(strstr(err.message, "note direct_phone is missing"));
	assert_non_null(strstr(err.message, "note current_systems is missing"));
}

static void test_unknown_answer_does_not_count_toward_at_least(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_HANDOFF, .actor = &f->mrr, .to = &f->ae};
	struct decision d;
	struct bt_error err;
	static const char *const notes[] = {"direct_phone", "mobile_phone", "summary", "company_changes",
					    "current_systems"};
	size_t i;

	for (i = 0; i < 5; i++)
		kv_set(&req.notes, f->a, notes[i], "x");
	kv_set(&f->lead.answers, f->a, "need", "routing");
	kv_set(&f->lead.answers, f->a, "budget", "unknown");
	kv_set(&f->lead.answers, f->a, "timeline", "later");
	assert_int_equal(decide(f, &req, &d, &err), -BT_REFUSED);
	assert_non_null(strstr(err.message, "2 are"));
	kv_set(&f->lead.answers, f->a, "authority", "influencer");
	assert_int_equal(decide(f, &req, &d, &err), 0);
	assert_int_equal(d.events[0]->to, STAGE_HANDOFF);
	assert_string_equal(event_get_str(d.events[0], "ae"), "erin");
	assert_string_equal(event_get_str(d.events[0], "notes.summary"), "x");
}

static void test_only_the_owning_ae_or_a_manager_accepts(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_ACCEPT, .actor = &f->sdr};
	struct decision d;
	struct bt_error err;

	f->lead.stage = STAGE_HANDOFF;
	f->lead.owner = "erin";
	f->lead.handed_by = "sam";
	assert_int_equal(decide(f, &req, &d, &err), -BT_DENIED);
	assert_non_null(strstr(err.message, "only the AE"));
	req.actor = &f->ae2;
	assert_int_equal(decide(f, &req, &d, &err), -BT_DENIED);
	req.actor = &f->manager;
	req.owner_manager = "maria";
	assert_int_equal(decide(f, &req, &d, &err), 0);
	req.actor = &f->ae;
	assert_int_equal(decide(f, &req, &d, &err), 0);
	assert_int_equal(d.events[0]->to, STAGE_SQL);
}

/* issue 13.2: a manager acts on the leads owned within its team only; handing a lead off gives
 * the hander's manager no right over the AE's deal */
static void test_a_manager_acts_only_on_leads_owned_in_its_team(void **state)
{
	struct fixture *f = *state;
	struct rep other = unit_rep(9, "mark", ROLE_MANAGER);
	struct action_req req = {.action = ACT_ACCEPT, .actor = &other, .owner_manager = "maria"};
	enum action acts[] = {ACT_ACCEPT, ACT_REJECT, ACT_REVIEW};
	struct decision d;
	struct bt_error err;
	size_t i;

	f->lead.stage = STAGE_HANDOFF;
	f->lead.owner = "erin";    /* an AE of maria's team */
	f->lead.handed_by = "sam"; /* whatever team handed it off */
	assert_int_equal(decide(f, &req, &d, &err), -BT_DENIED);
	assert_non_null(strstr(err.message, "acts only on the leads of its team"));
	assert_string_equal(err.field, "by");
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
		assert_int_equal(lifecycle_may(&f->lead, &other, "maria", acts[i]), 0);
		assert_int_equal(lifecycle_may(&f->lead, &f->manager, "maria", acts[i]), 1);
	}
	/* without a manager on the owner nobody's team holds it: no manager acts */
	assert_int_equal(lifecycle_may(&f->lead, &f->manager, NULL, ACT_ACCEPT), 0);
	/* a lead nobody owns (filtered, waiting) is every manager's to handle */
	f->lead.owner = NULL;
	f->lead.stage = STAGE_FILTERED;
	assert_int_equal(lifecycle_may(&f->lead, &other, NULL, ACT_RESTORE), 1);
	f->lead.stage = STAGE_SQL;
	assert_int_equal(lifecycle_may(&f->lead, &other, NULL, ACT_WIN), 1);
}

static void test_rejection_reason_decides_the_stage(void **state)
{
	struct fixture *f = *state;
	struct action_req req = {.action = ACT_REJECT, .actor = &f->ae};
	struct decision d;
	struct bt_error err;
	static const struct {
		const char *code;
		enum stage to;
	} cases[] = {{"not_qualified", STAGE_WORKING},
		     {"wrong_person", STAGE_WORKING},
		     {"bad_timing", STAGE_NURTURE},
		     {"no_budget", STAGE_NURTURE},
		     {"duplicate", STAGE_DISQUALIFIED}};
	size_t i;

	f->lead.stage = STAGE_HANDOFF;
	f->lead.owner = "erin";
	f->lead.handed_by = "sam";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		req.reason = cases[i].code;
		assert_int_equal(decide(f, &req, &d, &err), 0);
		assert_int_equal(d.events[0]->to, cases[i].to);
		assert_string_equal(event_get_str(d.events[0], "owner"), "sam");
	}
	req.reason = "meh";
	assert_int_equal(decide(f, &req, &d, &err), -BT_REFUSED);
	assert_non_null(
		strstr(err.message, "known reasons: not_qualified, wrong_person, bad_timing, no_budget, duplicate"));
}

/* SPEC 8.12: close won records the contract (the annual value, a 12-month term by default, the
 * renewal date in the org's calendar); renew starts the next period at the old renewal date,
 * with the new value (Nov 23 09:03 Paris + 6 months: May 23 09:03, summer time); churn and
 * lapse end it. */
static void test_contract_from_won_to_renewal_to_churn(void **state)
{
	struct fixture *f = *state;
	struct rep csm = unit_rep(7, "chloe", ROLE_CSM);
	struct action_req win = {.action = ACT_WIN, .actor = &f->ae, .amount_cents = 1200000};
	struct action_req renew = {.action = ACT_RENEW, .actor = &csm, .amount_cents = 1500000, .term_months = 6};
	struct action_req churn = {.action = ACT_CHURN, .actor = &csm};
	struct action_req lapse = {.action = ACT_LAPSE};
	struct decision d;
	struct bt_error err;

	f->lead.stage = STAGE_SQL;
	f->lead.owner = "erin";
	assert_int_equal(decide(f, &win, &d, &err), 0);
	assert_int_equal(event_get_int(d.events[0], "term_months", 0), 12);
	assert_string_equal(event_get_str(d.events[0], "renews_at"), "2027-11-23T08:03:00Z");
	assert_int_equal(lead_apply(&f->lead, d.events[0], f->a), 0);
	assert_int_equal(f->lead.amount, 1200000);
	assert_int_equal(f->lead.renews_at, unit_at("2027-11-23T08:03:00Z"));

	assert_int_equal(decide(f, &renew, &d, &err), -BT_REFUSED); /* won, not yet live */
	f->lead.stage = STAGE_LIVE;
	f->lead.owner = "chloe";
	assert_int_equal(decide(f, &renew, &d, &err), 0);
	assert_int_equal(event_get_int(d.events[0], "previous_cents", 0), 1200000);
	assert_int_equal(event_get_int(d.events[0], "amount_cents", 0), 1500000);
	assert_string_equal(event_get_str(d.events[0], "starts_at"), "2027-11-23T08:03:00Z");
	assert_string_equal(event_get_str(d.events[0], "renews_at"), "2028-05-23T07:03:00Z");
	assert_false(d.events[0]->sets_stage);
	assert_int_equal(lead_apply(&f->lead, d.events[0], f->a), 0);
	assert_int_equal(f->lead.term_months, 6);

	assert_int_equal(decide(f, &churn, &d, &err), -BT_USAGE); /* a churn says why */
	assert_string_equal(err.field, "reason");
	churn.reason = "budget";
	assert_int_equal(decide(f, &lapse, &d, &err), 0);
	assert_string_equal(event_get_str(d.events[0], "reason"), "lapsed");
	assert_string_equal(d.events[0]->actor, "system");
	assert_int_equal(decide(f, &churn, &d, &err), 0);
	assert_int_equal(d.events[0]->to, STAGE_CHURNED);
	assert_int_equal(event_get_int(d.events[0], "amount_cents", 0), 1500000);
	assert_string_equal(event_get_str(d.events[0], "renews_at"), "2028-05-23T07:03:00Z");
	churn.actor = &f->ae; /* the CSM owns a live customer: the AE may not churn it */
	assert_int_equal(decide(f, &churn, &d, &err), -BT_DENIED);
}

/* expand (SPEC 8.12): the owner of a live customer hands an upsell to an AE with an amount and
 * the playbook's required notes; a won expansion is no contract and never goes live; its win
 * adds its amount to the customer's value (lifecycle_expanded), not to a churned one's. */
static void test_expansion_from_expand_to_the_customers_value(void **state)
{
	struct fixture *f = *state;
	struct rep csm = unit_rep(7, "chloe", ROLE_CSM);
	struct action_req expand = {.action = ACT_EXPAND, .actor = &csm, .to = &f->ae2};
	struct action_req win = {.action = ACT_WIN, .actor = &f->ae, .amount_cents = 400000};
	struct action_req live = {.action = ACT_LIVE, .actor = &f->ae};
	struct lead opp;
	struct decision d;
	struct bt_error err;
	struct event *ev;
	static const char *const notes[] = {"direct_phone", "mobile_phone", "summary", "company_changes",
					    "current_systems"};
	size_t i;

	f->lead.stage = STAGE_LIVE;
	f->lead.owner = "chloe";
	f->lead.amount = 1200000;
	kv_set(&f->lead.answers, f->a, "need", "x");
	kv_set(&f->lead.answers, f->a, "budget", "yes");
	kv_set(&f->lead.answers, f->a, "timeline", "q1");
	assert_int_equal(decide(f, &expand, &d, &err), -BT_USAGE); /* no amount */
	assert_string_equal(err.field, "amount");
	expand.amount_cents = 300000;
	assert_int_equal(decide(f, &expand, &d, &err), -BT_REFUSED); /* the required notes */
	assert_non_null(strstr(err.message, "note summary is missing"));
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		kv_set(&expand.notes, f->a, notes[i], "x");
	expand.to = &csm;
	assert_int_equal(decide(f, &expand, &d, &err), -BT_REFUSED); /* to an AE only */
	assert_string_equal(err.field, "to");
	expand.to = &f->ae2;
	expand.actor = &f->ae;
	assert_int_equal(decide(f, &expand, &d, &err), -BT_DENIED); /* the customer's CSM expands it */
	expand.actor = &csm;
	assert_int_equal(decide(f, &expand, &d, &err), 0);
	assert_int_equal(d.events[0]->type, EV_EXPANSION);
	assert_false(d.events[0]->sets_stage);
	assert_int_equal(event_get_int(d.events[0], "amount_cents", 0), 300000);
	assert_string_equal(event_get_str(d.events[0], "notes.summary"), "x");

	opp = f->lead;
	opp.id = 43;
	opp.parent = f->lead.id;
	opp.stage = STAGE_SQL;
	opp.owner = "erin";
	opp.amount = 300000;
	f->lead = opp;
	assert_int_equal(decide(f, &win, &d, &err), 0);
	assert_null(event_get_str(d.events[0], "renews_at")); /* no contract of its own */
	assert_int_equal(event_get_int(d.events[0], "parent", 0), opp.parent);
	assert_int_equal(lead_apply(&f->lead, d.events[0], f->a), 0);
	assert_int_equal(f->lead.renews_at, 0);
	assert_int_equal(decide(f, &live, &d, &err), -BT_REFUSED);

	opp = f->lead;
	f->lead.id = opp.parent;
	f->lead.parent = 0;
	f->lead.stage = STAGE_LIVE;
	f->lead.amount = 1200000;
	ev = lifecycle_expanded(&f->lead, &opp, "erin", NOW, f->a);
	assert_non_null(ev);
	assert_int_equal(event_get_int(ev, "opportunity", 0), 43);
	assert_int_equal(event_get_int(ev, "previous_cents", 0), 1200000);
	assert_int_equal(event_get_int(ev, "value_cents", 0), 1600000);
	assert_int_equal(lead_apply(&f->lead, ev, f->a), 0);
	assert_int_equal(f->lead.amount, 1600000);
	f->lead.stage = STAGE_CHURNED;
	assert_null(lifecycle_expanded(&f->lead, &opp, "erin", NOW, f->a));
}

static void test_replaying_events_rebuilds_the_lead(void **state)
{
	struct fixture *f = *state;
	struct lead live, replay;
	struct event *evs[8];
	struct decision d;
	struct bt_error err;
	struct action_req touch = {.action = ACT_TOUCH, .actor = &f->mrr, .kind = "call"};
	struct action_req qualify = {.action = ACT_QUALIFY, .actor = &f->mrr};
	size_t n = 0, i;

	lead_init(&live);
	evs[n] = event_new(f->a, EV_CREATED, NOW, 9, "admin");
	event_put_str(evs[n], f->a, "email", "x@y.example");
	event_put_str(evs[n], f->a, "channel", "inbound");
	event_set_stage(evs[n], -1, STAGE_INQUIRY);
	lead_apply(&live, evs[n++], f->a);
	evs[n] = event_new(f->a, EV_MQL, NOW, 9, "system");
	event_set_stage(evs[n], STAGE_INQUIRY, STAGE_MQL);
	lead_apply(&live, evs[n++], f->a);
	evs[n] = event_new(f->a, EV_ASSIGNED, NOW, 9, "system");
	event_put_str(evs[n], f->a, "owner", "alice");
	lead_apply(&live, evs[n++], f->a);
	assert_int_equal(lifecycle_decide(f->pb, &live, &touch, NOW + 60, f->a, (memset(&d, 0, sizeof(d)), &d), &err),
			 0);
	lead_apply(&live, evs[n++] = d.events[0], f->a);
	kv_set(&qualify.set, f->a, "budget", "yes");
	assert_int_equal(
		lifecycle_decide(f->pb, &live, &qualify, NOW + 120, f->a, (memset(&d, 0, sizeof(d)), &d), &err), 0);
	lead_apply(&live, evs[n++] = d.events[0], f->a);

	lead_init(&replay);
	for (i = 0; i < n; i++)
		assert_int_equal(lead_apply(&replay, evs[i], f->a), 0);
	assert_int_equal(replay.stage, STAGE_WORKING);
	assert_int_equal(replay.stage, live.stage);
	assert_string_equal(replay.owner, "alice");
	assert_string_equal(replay.email, live.email);
	assert_int_equal(replay.touches, 1);
	assert_int_equal(replay.first_touch_at, NOW + 60);
	assert_string_equal(kv_get(&replay.answers, "budget"), "yes");
	assert_int_equal(replay.updated_at, live.updated_at);
}

/* An event lead_apply_stamps_only() names changes nothing of a lead but updated_at, whatever
 * it carries; a routing, a touch or a change of stage is not one. */
static void test_stamp_only_events_change_nothing_but_updated_at(void **state)
{
	struct fixture *f = *state;
	int t;

	for (t = 0; t < EV_COUNT; t++) {
		struct event *ev = event_new(f->a, (enum event_type)t, NOW, 7, "system");
		struct lead l = f->lead;

		event_put_str(ev, f->a, "owner", "bob");
		event_put_str(ev, f->a, "reason", "no budget");
		event_put_int(ev, f->a, "amount_cents", 500);
		if (!lead_apply_stamps_only(ev))
			continue;
		assert_int_equal(lead_apply(&l, ev, f->a), 0);
		assert_int_equal(l.updated_at, NOW);
		l.updated_at = f->lead.updated_at;
		assert_memory_equal(&l, &f->lead, sizeof(l));
	}
	assert_false(lead_apply_stamps_only(event_new(f->a, EV_REASSIGNED, NOW, 7, "system")));
	assert_false(lead_apply_stamps_only(event_new(f->a, EV_TOUCH, NOW, 7, "alice")));
	assert_true(lead_apply_stamps_only(event_new(f->a, EV_BREACH, NOW, 7, "system")));
	{
		struct event *ev = event_new(f->a, EV_BREACH, NOW, 7, "system");

		event_set_stage(ev, STAGE_WORKING, STAGE_NURTURE);
		assert_false(lead_apply_stamps_only(ev));
	}
}

/* A refusal of the input names the field as the API's JSON does ("reason is required: one of
 * ..."), never a command-line flag: the page shows the message as it is (issue 16). */
static void test_input_refusals_name_the_field_not_a_flag(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *name;
		enum action action;
		enum stage stage;
		int who;               /* 0 the MRR owner, 1 the AE owner */
		const char *reason;
		int64_t until;         /* seconds from NOW */
		int64_t amount;
		const char *field;
		const char *message;   /* what the message starts with */
	} cases[] = {
		{"reject without a reason lists the codes", ACT_REJECT, STAGE_HANDOFF, 1, NULL, 0, 0, "reason",
		 "reason is required: one of not_qualified, wrong_person, bad_timing, no_budget, duplicate"},
		{"reject recycled in the past", ACT_REJECT, STAGE_HANDOFF, 1, "bad_timing", -60, 0, "until",
		 "until must be in the future"},
		{"nurture until the past", ACT_NURTURE, STAGE_WORKING, 0, NULL, -60, 0, "until", "until must be in the future"},
		{"disqualify without a reason", ACT_DISQUALIFY, STAGE_WORKING, 0, NULL, 0, 0, "reason",
		 "reason is required: why the lead is disqualified"},
		{"a negative won amount", ACT_WIN, STAGE_SQL, 1, NULL, 0, -100, "amount", "amount must not be negative"},
		{"a touch without a kind", ACT_TOUCH, STAGE_WORKING, 0, NULL, 0, 0, "kind", "kind must be call, email or social"},
		{"qualify without answers", ACT_QUALIFY, STAGE_WORKING, 0, NULL, 0, 0, "set", "set is required"},
	};
	struct decision d;
	struct bt_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct action_req req = {.action = cases[i].action, .actor = cases[i].who ? &f->ae : &f->mrr};

		req.reason = cases[i].reason;
		req.until = cases[i].until ? NOW + cases[i].until : 0;
		req.amount_cents = cases[i].amount;
		f->lead.stage = cases[i].stage;
		f->lead.owner = cases[i].who ? "erin" : "alice";
		f->lead.handed_by = "sam";
		assert_true(decide(f, &req, &d, &err) < 0);
		if (strcmp(err.field, cases[i].field) != 0 ||
		    strncmp(err.message, cases[i].message, strlen(cases[i].message)) != 0 || strstr(err.message, "--"))
			fail_msg("%s: field %s, message \"%s\"", cases[i].name, err.field, err.message);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transition_table_matches_the_spec),
		cmocka_unit_test_setup_teardown(test_invalid_transition_names_stage_and_allowed_actions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_owner_first_touch_moves_mql_to_working, setup, teardown),
		cmocka_unit_test_setup_teardown(test_touch_kind_must_be_known, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inactive_rep_may_not_act, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handoff_names_every_missing_item, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_answer_does_not_count_toward_at_least, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_the_owning_ae_or_a_manager_accepts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_manager_acts_only_on_leads_owned_in_its_team, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejection_reason_decides_the_stage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_input_refusals_name_the_field_not_a_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaying_events_rebuilds_the_lead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamp_only_events_change_nothing_but_updated_at, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contract_from_won_to_renewal_to_churn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expansion_from_expand_to_the_customers_value, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
