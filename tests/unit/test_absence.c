/* test_absence.c - absences (src/core/absence.c, SPEC 8.3): the period of `rep away` (a date is
 * a whole day in the rep's zone, --to inclusive, across a change of summer time; an RFC 3339
 * time as given), who is away when (one cancelled before it began is none, one cancelled while
 * on ends then), the checks of a new absence and of a cancellation, who may enter or read them,
 * and what the start of one decides (the untouched mql leads back to the rotation, the rest
 * kept; routing.absence: keep). Tables of cases, one runner each. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/absence.h"
#include "util/arena.h"

#include "unit.h"

/* ---------------------------------------------------------------- the period of `rep away` */

struct period_case {
	const char *name;
	const char *zone;
	const char *from, *to; /* as typed */
	int rc;
	const char *start, *finish; /* expected, RFC 3339 UTC; or the field refused */
};

static const struct period_case periods[] = {
	{"test_a_date_is_a_whole_day_in_the_reps_zone", "Europe/Paris", "2026-11-24", "2026-11-24", 0,
	 "2026-11-23T23:00:00Z", "2026-11-24T23:00:00Z"},
	{"test_to_is_the_last_day_away_inclusive", "Europe/Paris", "2026-12-21", "2026-12-24", 0, "2026-12-20T23:00:00Z",
	 "2026-12-24T23:00:00Z"},
	{"test_days_across_the_change_to_summer_time", "Europe/Paris", "2026-03-28", "2026-03-29", 0,
	 "2026-03-27T23:00:00Z", "2026-03-29T22:00:00Z"},
	{"test_a_date_in_new_york_is_new_yorks_day", "America/New_York", "2026-11-24", "2026-11-24", 0,
	 "2026-11-24T05:00:00Z", "2026-11-25T05:00:00Z"},
	{"test_rfc3339_times_are_taken_as_given", "Europe/Paris", "2026-11-24T09:00:00Z", "2026-11-24T10:30:00+01:00", 0,
	 "2026-11-24T09:00:00Z", "2026-11-24T09:30:00Z"},
	{"test_a_date_and_a_time_mix", "Europe/Paris", "2026-11-24T13:00:00Z", "2026-11-25", 0, "2026-11-24T13:00:00Z",
	 "2026-11-25T23:00:00Z"},
	{"test_to_before_from_is_refused", "Europe/Paris", "2026-11-25", "2026-11-24", -BT_BAD_INPUT, "to", NULL},
	{"test_an_empty_period_is_refused", "Europe/Paris", "2026-11-24T09:00:00Z", "2026-11-24T09:00:00Z", -BT_BAD_INPUT,
	 "to", NULL},
	{"test_a_from_that_is_no_date_is_refused", "Europe/Paris", "next week", "2026-11-24", -BT_BAD_INPUT, "from", NULL},
	{"test_a_to_that_is_no_date_is_refused", "Europe/Paris", "2026-11-24", "2026-02-30", -BT_BAD_INPUT, "to", NULL},
	{"test_more_than_366_days_is_refused", "Europe/Paris", "2026-01-01", "2027-01-02", -BT_BAD_INPUT, "to", NULL},
	{"test_366_days_is_allowed", "Europe/Paris", "2026-01-01", "2027-01-01", 0, "2025-12-31T23:00:00Z",
	 "2027-01-01T23:00:00Z"},
};

static void run_period(void **state)
{
	const struct period_case *c = *state;
	struct bt_error err;
	int64_t start = 0, finish = 0;
	int rc = absence_period(c->zone, c->from, c->to, &start, &finish, &err);

	assert_int_equal(rc, c->rc);
	if (rc) {
		assert_string_equal(err.field, c->start);
		return;
	}
	assert_int_equal(start, unit_at(c->start));
	assert_int_equal(finish, unit_at(c->finish));
}

/* ---------------------------------------------------------------- who is away when; the checks */

#define MON_0900 "2026-11-23T08:00:00Z" /* monday 09:00 Paris */
#define MON_1200 "2026-11-23T11:00:00Z"
#define TUE_0000 "2026-11-23T23:00:00Z" /* tuesday 00:00 Paris */
#define WED_0000 "2026-11-24T23:00:00Z"

struct away_case {
	const char *name;
	const char *start, *finish; /* the rep's one absence */
	const char *cancelled, *begun; /* NULL: not */
	const char *at;
	const char *status;        /* absence_status at `at` */
	int away;                  /* rep_away at `at` */
	const char *new_from, *new_to; /* a new absence checked at `at` (NULL: none) */
	int new_rc;
	int cancel_rc;             /* absence_check_cancel at `at` */
};

static const struct away_case aways[] = {
	{"test_before_its_start_the_rep_is_not_away", TUE_0000, WED_0000, NULL, NULL, MON_1200, "upcoming", 0, NULL, NULL,
	 0, 0},
	{"test_from_its_start_the_rep_is_away", TUE_0000, WED_0000, NULL, TUE_0000, TUE_0000, "away", 1, NULL, NULL, 0, 0},
	{"test_at_its_finish_the_rep_is_back", TUE_0000, WED_0000, NULL, TUE_0000, WED_0000, "over", 0, NULL, NULL, 0,
	 -BT_REFUSED},
	{"test_one_cancelled_before_it_began_is_none", TUE_0000, WED_0000, MON_1200, NULL, "2026-11-24T10:00:00Z",
	 "cancelled", 0, TUE_0000, WED_0000, 0, -BT_REFUSED},
	{"test_one_cancelled_while_on_ends_then", TUE_0000, "2026-11-24T10:00:00Z", "2026-11-24T10:00:00Z", TUE_0000,
	 "2026-11-24T09:59:00Z", "away", 1, NULL, NULL, 0, 0},
	{"test_an_overlapping_absence_is_refused", TUE_0000, WED_0000, NULL, NULL, MON_1200, "upcoming", 0, MON_0900,
	 "2026-11-24T08:00:00Z", -BT_REFUSED, 0},
	{"test_an_absence_right_after_another_is_fine", TUE_0000, WED_0000, NULL, NULL, MON_1200, "upcoming", 0, WED_0000,
	 "2026-11-26T23:00:00Z", 0, 0},
	{"test_an_absence_over_already_is_refused", TUE_0000, WED_0000, NULL, NULL, MON_1200, "upcoming", 0, MON_0900,
	 "2026-11-23T10:00:00Z", -BT_BAD_INPUT, 0},
};

static void run_away(void **state)
{
	const struct away_case *c = *state;
	struct absence ab = {0}, neu = {0};
	struct rep r = unit_rep(1, "alice", ROLE_MRR);
	struct bt_error err;
	int64_t at = unit_at(c->at);

	ab.id = 3;
	ab.rep = "alice";
	ab.start = unit_at(c->start);
	ab.finish = unit_at(c->finish);
	ab.cancelled_at = unit_at(c->cancelled);
	ab.begun_at = unit_at(c->begun);
	r.away = &ab;
	r.naway = 1;
	assert_string_equal(absence_status_name(absence_status(&ab, at)), c->status);
	assert_int_equal(rep_away(&r, at) != NULL, c->away);
	assert_int_equal(absence_check_cancel(&ab, at, &err), c->cancel_rc);
	if (!c->new_from)
		return;
	neu.rep = "alice";
	neu.start = unit_at(c->new_from);
	neu.finish = unit_at(c->new_to);
	neu.reason = "holiday";
	assert_int_equal(absence_check_new(&neu, r.away, r.naway, at, &err), c->new_rc);
	if (c->new_rc == -BT_REFUSED)
		assert_non_null(strstr(err.message, "alice is already away from 2026-11-23T23:00:00Z to "
						    "2026-11-24T23:00:00Z (absence 3)"));
}

/* ---------------------------------------------------------------- who may */

struct may_case {
	const char *name;
	const char *me;      /* NULL: the command line */
	enum role role;
	const char *rep, *manager; /* the rep whose absences, and its manager */
	int write;
	int rc;
};

static const struct may_case mays[] = {
	{"test_the_command_line_may_all", NULL, ROLE_MANAGER, "alice", "maria", 1, 0},
	{"test_a_manager_enters_its_teams", "maria", ROLE_MANAGER, "alice", "maria", 1, 0},
	{"test_a_manager_enters_its_own", "maria", ROLE_MANAGER, "maria", NULL, 1, 0},
	{"test_another_teams_manager_may_not_enter", "mike", ROLE_MANAGER, "alice", "maria", 1, -BT_DENIED},
	{"test_another_teams_manager_may_not_read", "mike", ROLE_MANAGER, "alice", "maria", 0, -BT_DENIED},
	{"test_a_rep_reads_its_own", "alice", ROLE_MRR, "alice", "maria", 0, 0},
	{"test_a_rep_may_not_enter_its_own", "alice", ROLE_MRR, "alice", "maria", 1, -BT_DENIED},
	{"test_a_rep_may_not_read_anothers", "bob", ROLE_MRR, "alice", "maria", 0, -BT_DENIED},
};

static void run_may(void **state)
{
	const struct may_case *c = *state;
	struct rep me = unit_rep(1, c->me ? c->me : "x", c->role), r = unit_rep(2, c->rep, ROLE_MRR);
	struct bt_error err;

	r.manager = c->manager;
	assert_int_equal(absence_may(c->me ? &me : NULL, &r, c->write, &err), c->rc);
	if (c->rc)
		assert_string_equal(err.field, "by");
}

/* ---------------------------------------------------------------- the start of an absence */

struct start_case {
	const char *name;
	int keep;           /* routing.absence: keep */
	const char *stages; /* the rep's open leads, one letter each: m mql untouched, t mql touched before it
			       became one again, w working, h handoff, M mql touched since */
	const char *moved;  /* indexes of the leads that go back, as digits */
	int kept;
};

static const struct start_case starts[] = {
	{"test_untouched_mql_leads_go_back_the_rest_stays", 0, "mwmhM", "02", 3},
	{"test_a_lead_touched_in_an_earlier_life_is_untouched", 0, "t", "0", 0},
	{"test_keep_leaves_every_lead", 1, "mwm", "", 3},
	{"test_a_rep_without_leads_moves_nothing", 0, "", "", 0},
};

static void run_start(void **state)
{
	const struct start_case *c = *state;
	struct bt_error err;
	struct playbook *pb = playbook_default(&err);
	struct arena *a = arena_new();
	struct absence ab = {0};
	struct absence_plan plan;
	struct lead leads[8];
	size_t n = strlen(c->stages), i;
	int64_t at = unit_at(TUE_0000);

	assert_non_null(pb);
	pb->routing.absence = c->keep ? PB_ABSENCE_KEEP : PB_ABSENCE_REASSIGN_UNTOUCHED;
	ab.id = 4;
	ab.rep = "alice";
	ab.start = at;
	ab.finish = unit_at(WED_0000);
	ab.reason = "day off";
	for (i = 0; i < n; i++) {
		lead_init(&leads[i]);
		leads[i].id = (int64_t)i + 10;
		leads[i].owner = "alice";
		leads[i].mql_at = unit_at(MON_0900);
		leads[i].stage = c->stages[i] == 'w' ? STAGE_WORKING : c->stages[i] == 'h' ? STAGE_HANDOFF : STAGE_MQL;
		if (c->stages[i] == 't')
			leads[i].first_touch_at = unit_at("2026-10-01T08:00:00Z");
		if (c->stages[i] == 'M' || c->stages[i] == 'w' || c->stages[i] == 'h')
			leads[i].first_touch_at = unit_at(MON_1200);
	}
	absence_start_decide(pb, &ab, leads, n, at, a, &plan);
	assert_int_equal(plan.nmoved, strlen(c->moved));
	for (i = 0; i < plan.nmoved; i++) {
		const struct event *ev = plan.d[i].events[0];

		assert_int_equal(plan.moved[i], (size_t)(c->moved[i] - '0'));
		assert_int_equal(plan.d[i].n, 1);
		assert_int_equal(ev->type, EV_UNASSIGNED);
		assert_int_equal(ev->at, at);
		assert_int_equal(ev->lead, leads[plan.moved[i]].id);
		assert_string_equal(event_get_str(ev, "previous_owner"), "alice");
		assert_int_equal(event_get_int(ev, "absence", 0), 4);
	}
	assert_int_equal(plan.kept, (size_t)c->kept);
	assert_int_equal(plan.event->type, EV_ABSENCE);
	assert_int_equal(plan.event->lead, 0);
	assert_int_equal(plan.event->at, at);
	assert_string_equal(event_get_str(plan.event, "rep"), "alice");
	assert_string_equal(event_get_str(plan.event, "from"), TUE_0000);
	assert_string_equal(event_get_str(plan.event, "to"), WED_0000);
	assert_string_equal(event_get_str(plan.event, "policy"), c->keep ? "keep" : "reassign_untouched");
	assert_int_equal(event_get_int(plan.event, "moved", -1), (int64_t)plan.nmoved);
	assert_int_equal(event_get_int(plan.event, "kept", -1), c->kept);
	arena_free(&a);
	playbook_free(&pb);
}

/* ---------------------------------------------------------------- the tables */

#define TESTS(table, runner)                                                                                          \
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {                                                        \
		struct CMUnitTest t = {table[i].name, runner, NULL, NULL, (void *)&table[i]};                             \
                                                                                                                        \
		tests[n++] = t;                                                                                         \
	}

int main(void)
{
	struct CMUnitTest tests[sizeof(periods) / sizeof(periods[0]) + sizeof(aways) / sizeof(aways[0]) +
			       sizeof(mays) / sizeof(mays[0]) + sizeof(starts) / sizeof(starts[0])];
	size_t i, n = 0;

	TESTS(periods, run_period)
	TESTS(aways, run_away)
	TESTS(mays, run_may)
	TESTS(starts, run_start)
	return _cmocka_run_group_tests("absence", tests, n, NULL, NULL);
}
