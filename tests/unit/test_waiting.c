/* test_waiting.c - the leads that wait for their rotation (src/core/waiting.c, SPEC 8.1): when
 * time alone makes someone eligible (the next opening of a rep's hours), whether anyone is
 * eligible now, and the routing of a waiting lead (an "assigned" event at that instant, or
 * "reassigned" with its count when it waits after a reassignment found nobody), and a rep's
 * return from an absence as an opening (SPEC 8.3). The built-in playbook: Europe/Paris,
 * mon-fri 09:00-18:00, inbound mrr rotation respecting hours and capacity; each rep in its own
 * calendar (SPEC 8.4). One table of cases, one runner. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/absence.h"
#include "core/clock.h"
#include "core/waiting.h"
#include "util/arena.h"

#include "unit.h"

#define SAT_1000 "2026-11-28T09:00:00Z" /* saturday 10:00 Paris */
#define MON_0900 "2026-11-30T08:00:00Z" /* monday 09:00 Paris */
#define MON_1000 "2026-11-30T09:00:00Z" /* monday 10:00 Paris */
#define MON_1400 "2026-11-30T13:00:00Z" /* monday 14:00 Paris */
#define MON_1900 "2026-11-30T18:00:00Z" /* monday 19:00 Paris */
#define TUE_0900 "2026-12-01T08:00:00Z" /* tuesday 09:00 Paris */

struct waiting_case {
	const char *name;
	const char *after;   /* the last instant the rotation was tried */
	const char *until;   /* the horizon */
	int alice_active, bob_active;
	int bob_full;        /* bob at capacity */
	int bob_from_14;     /* bob works 14:00-18:00 */
	const char *opening; /* waiting_next_opening expected, NULL: none (-1) */
	const char *at;      /* the instant waiting_anyone / waiting_route are asked */
	int anyone;
	const char *owner;   /* waiting_route's pick, NULL: nobody (-1) */
	int reassigns;       /* the lead's reassignments so far */
	const char *event;   /* the routing event's type */
	const char *bob_zone; /* bob's own time zone (SPEC 8.4), NULL: the org's */
	const char *away_from, *away_to; /* alice's absence (SPEC 8.3), NULL: none */
	int no_hours;        /* the rotation does not respect hours */
};

static const struct waiting_case cases[] = {
	{"test_a_saturday_lead_waits_for_the_monday_opening", SAT_1000, TUE_0900, 1, 1, 0, 0, MON_0900, SAT_1000, 0,
	 NULL, 0, NULL, NULL, NULL, NULL, 0},
	{"test_at_the_opening_the_rotation_gives_the_lead", SAT_1000, TUE_0900, 1, 1, 0, 0, MON_0900, MON_0900, 1,
	 "alice", 0, "assigned", NULL, NULL, NULL, 0},
	{"test_an_opening_past_the_horizon_is_not_one", SAT_1000, "2026-11-30T07:59:00Z", 1, 1, 0, 0, NULL,
	 SAT_1000, 0, NULL, 0, NULL, NULL, NULL, NULL, 0},
	{"test_inside_hours_the_next_opening_is_tomorrows", MON_1000, TUE_0900, 1, 1, 0, 0, TUE_0900, MON_1000, 1,
	 "alice", 0, "assigned", NULL, NULL, NULL, 0},
	{"test_a_rep_with_later_hours_opens_at_its_own_start", MON_1000, TUE_0900, 0, 1, 0, 1, MON_1400, MON_1000, 0,
	 NULL, 0, NULL, NULL, NULL, NULL, 0},
	{"test_an_inactive_rep_never_opens", SAT_1000, TUE_0900, 0, 0, 0, 0, NULL, MON_0900, 0, NULL, 0, NULL, NULL, NULL, NULL, 0},
	{"test_a_full_rep_does_not_open", SAT_1000, TUE_0900, 0, 1, 1, 0, NULL, MON_0900, 0, NULL, 0, NULL, NULL, NULL, NULL, 0},
	{"test_a_lead_waiting_after_a_reassignment_is_reassigned_with_its_count", MON_1900, TUE_0900, 1, 1, 0, 0,
	 TUE_0900, TUE_0900, 1, "alice", 1, "reassigned", NULL, NULL, NULL, 0},
	/* alice already works at 10:00 (tried then): the next opening is bob's, at 14:00 */
	{"test_the_rotation_skips_the_rep_out_of_hours", MON_1000, TUE_0900, 1, 1, 0, 1, MON_1400, MON_1000, 1, "alice",
	 0, "assigned", NULL, NULL, NULL, 0},
	/* follow the sun: at 19:00 in Paris (13:00 in New York) bob, in New York, takes the lead; a
	 * saturday lead's next opening is monday 09:00 New York when nobody in Paris works */
	{"test_a_rep_in_new_york_works_when_paris_has_closed", SAT_1000, TUE_0900, 0, 1, 0, 0, "2026-11-30T14:00:00Z",
	 MON_1900, 1, "bob", 0, "assigned", "America/New_York", NULL, NULL, 0},
	/* ---- absences (SPEC 8.3): a rep's return is an opening; an opening inside an absence is none ---- */
	{"test_the_end_of_an_absence_inside_hours_is_an_opening", MON_1000, TUE_0900, 1, 0, 0, 0, MON_1400, MON_1000, 0,
	 NULL, 0, NULL, NULL, "2026-11-30T07:00:00Z", MON_1400, 0},
	{"test_back_at_the_opening_the_rotation_gives_the_lead", MON_1000, TUE_0900, 1, 0, 0, 0, MON_1400, MON_1400, 1,
	 "alice", 0, "assigned", NULL, "2026-11-30T07:00:00Z", MON_1400, 0},
	{"test_an_opening_inside_an_absence_is_none_the_return_is", SAT_1000, TUE_0900, 1, 0, 0, 0, MON_1400, MON_0900, 0,
	 NULL, 0, NULL, NULL, SAT_1000, MON_1400, 0},
	{"test_a_return_at_night_opens_at_the_next_working_hours", SAT_1000, TUE_0900, 1, 0, 0, 0, TUE_0900, MON_1900, 0,
	 NULL, 0, NULL, NULL, SAT_1000, MON_1900, 0},
	{"test_without_hours_a_return_is_still_an_opening", MON_1000, TUE_0900, 1, 0, 0, 0, MON_1900, MON_1400, 0, NULL, 0,
	 NULL, NULL, MON_0900, MON_1900, 1},
	{"test_without_hours_or_absences_time_opens_nothing", MON_1000, TUE_0900, 1, 0, 0, 0, NULL, MON_1400, 1, "alice", 0,
	 "assigned", NULL, NULL, NULL, 1},
};

static void run_case(void **state)
{
	const struct waiting_case *c = *state;
	struct bt_error err;
	struct playbook *pb = playbook_default(&err);
	struct arena *a = arena_new();
	struct route_wrr bob_last = {2, NULL, 0}; /* bob had the last lead */
	struct rep pool[2] = {unit_rep(1, "alice", ROLE_MRR), unit_rep(2, "bob", ROLE_MRR)};
	struct intake_result res;
	struct absence away;
	struct lead l;
	int64_t got;
	size_t i;
	int rc;

	assert_non_null(pb);
	if (c->no_hours)
		pb->routing.inbound.respect_hours = 0;
	if (c->away_from) {
		memset(&away, 0, sizeof(away));
		away.id = 1;
		away.rep = "alice";
		away.start = unit_at(c->away_from);
		away.finish = unit_at(c->away_to);
		pool[0].away = &away;
		pool[0].naway = 1;
	}
	pool[0].active = c->alice_active;
	pool[1].active = c->bob_active;
	if (c->bob_full) {
		pool[1].capacity = 3;
		pool[1].open_leads = 3;
	}
	pool[1].timezone = c->bob_zone;
	if (c->bob_from_14) {
		pool[1].hours_start = 14 * 60;
		pool[1].hours_end = 18 * 60;
	}
	got = waiting_next_opening(pb, ROLE_MRR, pool, 2, unit_at(c->after), unit_at(c->until));
	if (c->opening)
		assert_int_equal(got, unit_at(c->opening));
	else
		assert_int_equal(got, -1);
	assert_int_equal(waiting_anyone(pb, ROLE_MRR, pool, 2, unit_at(c->at)), c->anyone);
	lead_init(&l);
	l.id = 7;
	l.email = "ada@acme.example";
	l.channel = CHANNEL_INBOUND;
	l.stage = STAGE_MQL;
	rc = waiting_route(pb, &l, c->reassigns, pool, 2, &bob_last, unit_at(c->at), a, &res);
	if (!c->owner) {
		assert_int_equal(rc, -1);
		assert_int_equal(res.d.n, 0);
	} else {
		assert_int_equal(rc, 0);
		assert_string_equal(res.owner, c->owner);
		assert_int_equal(res.d.n, 1);
		assert_string_equal(event_type_name(res.d.events[0]->type), c->event);
		assert_int_equal(res.d.events[0]->at, unit_at(c->at)); /* the instant it was routed */
		assert_int_equal(event_get_int(res.d.events[0], "reassigns", 0), c->reassigns);
		for (i = 0; i < res.d.n; i++)
			assert_string_equal(event_get_str(res.d.events[i], "owner"), c->owner);
	}
	arena_free(&a);
	playbook_free(&pb);
}

UNIT_TABLE_MAIN("waiting", cases, run_case, NULL, NULL)
