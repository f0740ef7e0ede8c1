/* test_assign.c - a manager's hand (SPEC 8.3) as the lifecycle action ACT_ASSIGN
 * (src/core/lifecycle.c): who may (a manager, on a lead owned in its team or by nobody), to whom
 * (a rep of its team, active, not away, an AE for an opportunity), with a reason; and the one
 * `assigned` event it appends ("manual": true, "by", "reason", the owners before and after).
 * One table of cases, one runner, on plain structs with the built-in playbook. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/absence.h"
#include "core/lifecycle.h"
#include "util/arena.h"

#include "unit.h"

#define NOW "2026-11-23T09:00:00Z" /* monday 10:00 Paris */

/* The people of every case: maria manages alice, bob, erin and eric; mike manages xavier;
 * gone is inactive, away is away now; boss has no manager. */
enum who { MARIA, ALICE, BOB, ERIN, ERIC, MIKE, XAVIER, GONE, AWAY, CHLOE, WHO_COUNT };

struct assign_case {
	const char *name;
	enum who by;
	const char *stage;         /* the lead's stage */
	const char *owner;         /* the lead's owner, NULL: nobody (waiting) */
	int to;                    /* the new owner (enum who), -1: none given */
	const char *reason;        /* NULL: none given */
	int rc;                    /* 0, or the negative code */
	const char *field;         /* the refusal's field */
	const char *message;       /* a part of the refusal's message */
};

static const struct assign_case cases[] = {
	{"test_a_manager_assigns_its_teams_lead_to_a_rep_of_its_team", MARIA, "mql", "alice", BOB, "speaks German", 0,
	 NULL, NULL},
	{"test_a_manager_assigns_a_working_lead", MARIA, "working", "alice", BOB, "holiday cover", 0, NULL, NULL},
	{"test_a_manager_assigns_a_lead_nobody_owns_yet", MARIA, "mql", NULL, ALICE, "on call", 0, NULL, NULL},
	{"test_a_manager_gives_an_opportunity_to_another_ae", MARIA, "sql", "erin", ERIC, "erin is overbooked", 0, NULL,
	 NULL},
	{"test_a_rep_may_not_assign", ALICE, "mql", "alice", BOB, "too busy", -BT_DENIED, "by",
	 "lead assign refused: only a manager may do it; alice is a mrr rep"},
	{"test_another_teams_manager_may_not", MIKE, "mql", "alice", XAVIER, "help", -BT_DENIED, "by",
	 "manager mike acts only on the leads of its team"},
	{"test_a_manager_may_not_give_a_lead_outside_its_team", MARIA, "mql", "alice", XAVIER, "help", -BT_DENIED, "to",
	 "xavier's manager is mike; manager maria assigns only within its team"},
	{"test_an_inactive_rep_gets_no_lead", MARIA, "mql", "alice", GONE, "x", -BT_REFUSED, "to", "gone is inactive"},
	{"test_an_away_rep_gets_no_lead", MARIA, "mql", "alice", AWAY, "x", -BT_REFUSED, "to",
	 "away is away until 2026-11-27T17:00:00Z (absence 1)"},
	{"test_an_opportunity_goes_to_an_ae_only", MARIA, "handoff", "erin", BOB, "x", -BT_REFUSED, "to",
	 "lead 7 is handoff, an AE's; bob is a mrr rep"},
	{"test_a_lead_is_not_worked_by_a_csm", MARIA, "working", "alice", CHLOE, "x", -BT_REFUSED, "to",
	 "chloe is a csm, not a rep who works leads"},
	{"test_the_owner_already_is_refused", MARIA, "mql", "alice", ALICE, "x", -BT_REFUSED, "to", "lead 7 is alice's already"},
	{"test_the_new_owner_is_required", MARIA, "mql", "alice", -1, "x", -BT_USAGE, "to", "to is required"},
	{"test_a_reason_is_required", MARIA, "mql", "alice", BOB, NULL, -BT_USAGE, "reason", "reason is required"},
	{"test_an_empty_reason_is_none", MARIA, "mql", "alice", BOB, "", -BT_USAGE, "reason", "reason is required"},
	{"test_a_lead_that_left_the_work_is_not_assigned", MARIA, "won", "erin", ERIC, "x", -BT_REFUSED, "stage",
	 "cannot lead assign"},
};

static void run_case(void **state)
{
	const struct assign_case *c = *state;
	static const char *const names[WHO_COUNT] = {"maria", "alice", "bob",  "erin", "eric",
						     "mike",  "xavier", "gone", "away", "chloe"};
	static const enum role roles[WHO_COUNT] = {ROLE_MANAGER, ROLE_MRR, ROLE_MRR, ROLE_AE,  ROLE_AE,
						   ROLE_MANAGER, ROLE_MRR, ROLE_MRR, ROLE_MRR, ROLE_CSM};
	struct rep reps[WHO_COUNT];
	struct absence away = {0};
	struct bt_error err;
	struct playbook *pb = playbook_default(&err);
	struct arena *a = arena_new();
	struct action_req req;
	struct decision d = {0};
	struct lead l;
	const struct event *ev;
	int i, rc;

	assert_non_null(pb);
	for (i = 0; i < WHO_COUNT; i++) {
		reps[i] = unit_rep(i + 1, names[i], roles[i]);
		reps[i].manager = i == MIKE || i == MARIA ? NULL : i == XAVIER ? "mike" : "maria";
	}
	reps[GONE].active = 0;
	away.id = 1;
	away.rep = "away";
	away.start = unit_at("2026-11-23T07:00:00Z");
	away.finish = unit_at("2026-11-27T17:00:00Z");
	reps[AWAY].away = &away;
	reps[AWAY].naway = 1;
	lead_init(&l);
	l.id = 7;
	l.email = "ada@acme.example";
	assert_int_equal(stage_parse(c->stage, &l.stage), 0);
	l.owner = c->owner;
	memset(&req, 0, sizeof(req));
	req.action = ACT_ASSIGN;
	req.actor = &reps[c->by];
	req.owner_manager = c->owner && strcmp(c->owner, "xavier") != 0 ? "maria" : NULL;
	req.to = c->to >= 0 ? &reps[c->to] : NULL;
	req.reason = c->reason;
	bt_error_clear(&err);
	rc = lifecycle_decide(pb, &l, &req, unit_at(NOW), a, &d, &err);
	assert_int_equal(rc, c->rc);
	if (rc) {
		assert_int_equal(d.n, 0);
		assert_string_equal(err.field, c->field);
		if (!strstr(err.message, c->message))
			fail_msg("message \"%s\" does not say \"%s\"", err.message, c->message);
	} else {
		/* one assigned event, manual, by the manager, with the owners and the reason */
		assert_int_equal(d.n, 1);
		ev = d.events[0];
		assert_int_equal(ev->type, EV_ASSIGNED);
		assert_int_equal(ev->at, unit_at(NOW));
		assert_false(ev->sets_stage);
		assert_string_equal(ev->actor, names[c->by]);
		assert_string_equal(event_get_str(ev, "owner"), names[c->to]);
		if (c->owner)
			assert_string_equal(event_get_str(ev, "previous_owner"), c->owner);
		else
			assert_null(event_get_str(ev, "previous_owner"));
		assert_int_equal(event_get_int(ev, "manual", 0), 1);
		assert_string_equal(event_get_str(ev, "by"), names[c->by]);
		assert_string_equal(event_get_str(ev, "reason"), c->reason);
		assert_int_equal(lead_apply(&l, ev, a), 0);
		assert_string_equal(l.owner, names[c->to]); /* the projection gives it the new owner */
		assert_true(lifecycle_may(&l, &reps[MARIA], "maria", ACT_ASSIGN));
		assert_false(lifecycle_may(&l, &reps[c->to], "maria", ACT_ASSIGN));
	}
	arena_free(&a);
	playbook_free(&pb);
}

UNIT_TABLE_MAIN("assign", cases, run_case, NULL, NULL)
