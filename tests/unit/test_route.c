/* test_route.c - the round robin of SPEC section 4 (route_round_robin, src/core/route.c): reps
 * of a pool in the order they were added, skipping the inactive, the away (SPEC 8.3), those
 * outside their working hours (respect_hours) and those at capacity (respect_capacity), going
 * on after the last rep given a lead; and `reassign`, the next rep of the rotation other than the current owner.
 * One table of cases, one runner: each case is a pool, a cursor, a clock and the reps that
 * successive leads go to — by the plain round robin, and by the weighted rotation of SPEC 8.5
 * (route_weighted) with every weight equal, which must be exactly the same rotation. The clock is the built-in playbook's: Europe/Paris, mon-fri
 * 09:00-18:00, 2026-12-25 off; every instant is in UTC with its Paris time in a comment. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "core/absence.h"
#include "core/clock.h"
#include "core/playbook.h"
#include "core/route.h"
#include "util/arena.h"

#define MAX_REPS 6
#define REP(i, n, ...) {.id = (i), .name = (n), __VA_ARGS__}

#define MON_0859 "2026-11-23T07:59:00Z" /* monday 08:59, before opening */
#define MON_1000 "2026-11-23T09:00:00Z" /* monday 10:00 */
#define MON_2000 "2026-11-23T19:00:00Z" /* monday 20:00, after closing */
#define FRI_1759 "2026-11-27T16:59:00Z" /* friday 17:59, the last open minute */
#define FRI_1800 "2026-11-27T17:00:00Z" /* friday 18:00, closed */
#define SAT_1100 "2026-11-28T10:00:00Z" /* saturday 11:00 */
#define XMAS_1100 "2026-12-25T10:00:00Z" /* friday 11:00, the holiday */

/* A rep as a case writes it; the struct rep is built from it. */
struct rep_spec {
	int64_t id;        /* order of addition; 0 ends the list */
	const char *name;
	const char *hours; /* "HH:MM-HH:MM" of its own, NULL = the org's business hours */
	int inactive;
	int64_t capacity;  /* 0 = no limit */
	int64_t open;      /* open leads it owns */
	const char *away_from, *away_to; /* an absence (SPEC 8.3), RFC 3339; NULL = none */
};

struct route_case {
	const char *name;
	struct rep_spec reps[MAX_REPS]; /* the pool, sorted by id */
	int64_t cursor;                 /* id of the last rep given a lead, 0 = none yet */
	int respect_hours, respect_capacity;
	const char *exclude; /* the current owner, for a reassignment */
	const char *now;
	const char *picks;   /* the reps successive leads go to, space separated; "-" = nobody */
	const char *why;     /* a part of the last pick's reason, or NULL */
};

static const struct route_case cases[] = {
	/* ---- the order of the rotation ---- */
	{"test_first_lead_goes_to_the_first_rep_added",
	 {REP(1, "alice"), REP(2, "bob"), REP(3, "carol")}, 0, 1, 1, NULL, MON_1000, "alice",
	 "round robin over mrr reps: next in rotation"},
	{"test_rotation_follows_the_order_reps_were_added",
	 {REP(1, "alice"), REP(2, "bob"), REP(3, "carol")}, 0, 1, 1, NULL, MON_1000, "alice bob carol alice bob carol alice", NULL},
	{"test_rotation_order_is_addition_not_names",
	 {REP(2, "zoe"), REP(5, "adam"), REP(9, "mia")}, 0, 1, 1, NULL, MON_1000, "zoe adam mia zoe", NULL},
	{"test_rotation_goes_on_after_the_last_rep_given_a_lead",
	 {REP(1, "alice"), REP(2, "bob"), REP(3, "carol")}, 2, 1, 1, NULL, MON_1000, "carol alice bob", NULL},
	{"test_rotation_wraps_after_the_last_rep_added",
	 {REP(1, "alice"), REP(2, "bob"), REP(3, "carol")}, 3, 1, 1, NULL, MON_1000, "alice", NULL},
	{"test_rotation_resumes_after_a_rep_that_left_the_pool", /* bob (2) was given the last lead, then left */
	 {REP(1, "alice"), REP(3, "carol"), REP(4, "dave")}, 2, 1, 1, NULL, MON_1000, "carol dave alice", NULL},
	{"test_rotation_after_a_cursor_past_every_rep_starts_over",
	 {REP(1, "alice"), REP(2, "bob")}, 7, 1, 1, NULL, MON_1000, "alice bob", NULL},

	/* ---- inactive reps ---- */
	{"test_inactive_rep_is_skipped",
	 {REP(1, "alice"), REP(2, "bob", .inactive = 1), REP(3, "carol")}, 1, 1, 1, NULL, MON_1000, "carol alice carol",
	 "after skipping inactive reps"},
	{"test_inactive_rep_is_skipped_without_respect_hours_or_capacity",
	 {REP(1, "alice", .inactive = 1), REP(2, "bob")}, 0, 0, 0, NULL, MON_1000, "bob bob", "inactive"},

	/* ---- working hours ---- */
	{"test_rep_outside_its_own_hours_is_skipped",
	 {REP(1, "alice", .hours = "14:00-22:00"), REP(2, "bob"), REP(3, "carol")}, 0, 1, 1, NULL, MON_1000, "bob carol bob",
	 "after skipping off-hours reps"},
	{"test_rep_with_evening_hours_works_after_the_office_closes",
	 {REP(1, "alice", .hours = "14:00-22:00"), REP(2, "bob"), REP(3, "carol")}, 0, 1, 1, NULL, MON_2000, "alice alice", "off-hours"},
	{"test_working_hours_are_ignored_without_respect_hours",
	 {REP(1, "alice", .hours = "14:00-22:00"), REP(2, "bob"), REP(3, "carol")}, 0, 0, 1, NULL, MON_1000, "alice bob carol", NULL},
	{"test_nobody_is_in_hours_before_opening",
	 {REP(1, "alice"), REP(2, "bob")}, 0, 1, 1, NULL, MON_0859, "-", "2 outside working hours"},
	{"test_rep_works_until_the_last_minute_before_closing",
	 {REP(1, "alice"), REP(2, "bob")}, 0, 1, 1, NULL, FRI_1759, "alice bob", NULL},
	{"test_nobody_is_in_hours_at_closing_time",
	 {REP(1, "alice"), REP(2, "bob")}, 0, 1, 1, NULL, FRI_1800, "-", "2 outside working hours"},
	{"test_nobody_is_in_hours_on_a_weekend_even_with_own_hours",
	 {REP(1, "alice", .hours = "08:00-20:00"), REP(2, "bob"), REP(3, "carol")}, 0, 1, 1, NULL, SAT_1100, "-",
	 "nobody eligible in mrr reps: 3 reps, 0 inactive, 3 outside working hours, 0 at capacity"},
	{"test_nobody_is_in_hours_on_a_holiday",
	 {REP(1, "alice"), REP(2, "bob"), REP(3, "carol")}, 0, 1, 1, NULL, XMAS_1100, "-", "3 outside working hours"},
	{"test_weekend_does_not_matter_without_respect_hours",
	 {REP(1, "alice"), REP(2, "bob")}, 1, 0, 1, NULL, SAT_1100, "bob alice", NULL},

	/* ---- capacity ---- */
	{"test_rep_at_capacity_is_skipped",
	 {REP(1, "alice", .capacity = 2, .open = 2), REP(2, "bob"), REP(3, "carol")}, 0, 1, 1, NULL, MON_1000, "bob carol bob",
	 "after skipping at-capacity reps"},
	{"test_rep_below_capacity_still_gets_leads",
	 {REP(1, "alice", .capacity = 2, .open = 1), REP(2, "bob")}, 0, 1, 1, NULL, MON_1000, "alice bob bob", NULL},
	{"test_capacity_fills_as_leads_are_given",
	 {REP(1, "alice", .capacity = 1), REP(2, "bob", .capacity = 2), REP(3, "carol")}, 0, 1, 1, NULL, MON_1000,
	 "alice bob carol bob carol carol", NULL},
	{"test_capacity_is_ignored_without_respect_capacity",
	 {REP(1, "alice", .capacity = 1, .open = 5), REP(2, "bob")}, 0, 1, 0, NULL, MON_1000, "alice bob alice", NULL},
	{"test_nobody_eligible_when_everyone_is_at_capacity",
	 {REP(1, "alice", .capacity = 1, .open = 1), REP(2, "bob", .capacity = 3, .open = 3)}, 0, 1, 1, NULL, MON_1000, "-",
	 "2 reps, 0 inactive, 0 outside working hours, 2 at capacity"},

	/* ---- every reason at once ---- */
	{"test_every_skipped_reason_is_named",
	 {REP(1, "alice", .inactive = 1), REP(2, "bob", .hours = "14:00-22:00"), REP(3, "carol", .capacity = 1, .open = 1), REP(4, "dave")},
	 0, 1, 1, NULL, MON_1000, "dave", "after skipping inactive, off-hours, at-capacity reps"},
	{"test_empty_pool_finds_nobody", {{0}}, 0, 1, 1, NULL, MON_1000, "-", "nobody eligible in mrr reps: 0 reps"},

	/* ---- reassign: the next rep of the rotation other than the current owner ---- */
	{"test_reassign_takes_the_next_rep_after_the_cursor",
	 {REP(1, "alice"), REP(2, "bob"), REP(3, "carol")}, 1, 1, 1, "bob", MON_1000, "carol", NULL},
	{"test_reassign_skips_the_owner_when_it_is_next",
	 {REP(1, "alice"), REP(2, "bob"), REP(3, "carol")}, 3, 1, 1, "alice", MON_1000, "bob", NULL},
	{"test_reassign_between_two_reps_goes_to_the_other",
	 {REP(1, "alice"), REP(2, "bob")}, 2, 1, 1, "alice", MON_1000, "bob bob", NULL},
	{"test_reassign_with_no_other_eligible_rep_finds_nobody",
	 {REP(1, "alice"), REP(2, "bob", .inactive = 1)}, 0, 1, 1, "alice", MON_1000, "-", "1 inactive"},
	{"test_reassign_still_skips_reps_outside_hours",
	 {REP(1, "alice"), REP(2, "bob", .hours = "14:00-22:00"), REP(3, "carol")}, 1, 1, 1, "alice", MON_1000, "carol", "off-hours"},

	/* ---- absences (SPEC 8.3): an away rep gets no lead, and the rotation goes on past it ---- */
	{"test_an_away_rep_is_skipped",
	 {REP(1, "alice"), REP(2, "bob", .away_from = MON_0859, .away_to = FRI_1800), REP(3, "carol")}, 1, 1, 1, NULL,
	 MON_1000, "carol alice carol", "after skipping away reps"},
	{"test_an_absence_ending_before_now_skips_nobody",
	 {REP(1, "alice"), REP(2, "bob", .away_from = MON_0859, .away_to = MON_1000), REP(3, "carol")}, 1, 1, 1, NULL,
	 MON_1000, "bob carol alice", NULL},
	{"test_an_absence_starting_later_skips_nobody_now",
	 {REP(1, "alice"), REP(2, "bob", .away_from = MON_2000, .away_to = SAT_1100)}, 1, 1, 1, NULL, MON_1000, "bob", NULL},
	{"test_away_counts_even_when_hours_are_not_respected",
	 {REP(1, "alice", .away_from = MON_0859, .away_to = FRI_1800), REP(2, "bob")}, 0, 0, 0, NULL, MON_1000, "bob bob",
	 NULL},
	{"test_everyone_away_finds_nobody_and_says_so",
	 {REP(1, "alice", .away_from = MON_0859, .away_to = FRI_1800), REP(2, "bob", .inactive = 1)}, 0, 1, 1, NULL,
	 MON_1000, "-", "1 inactive, 0 outside working hours, 0 at capacity, 1 away"},
	{"test_an_inactive_rep_away_counts_as_inactive",
	 {REP(1, "alice", .inactive = 1, .away_from = MON_0859, .away_to = FRI_1800)}, 0, 1, 1, NULL, MON_1000, "-",
	 "1 inactive, 0 outside working hours, 0 at capacity"},
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static struct playbook *pb; /* the built-in playbook */

/* "HH:MM-HH:MM" into minutes after midnight. */
static void parse_hours(const char *s, int *start, int *end)
{
	int h1, m1, h2, m2;

	assert_int_equal(sscanf(s, "%2d:%2d-%2d:%2d", &h1, &m1, &h2, &m2), 4);
	*start = h1 * 60 + m1;
	*end = h2 * 60 + m2;
}

/* Fills reps[] (their absences in away[]) from the case's specs; returns how many. */
static size_t build_reps(const struct rep_spec *spec, struct rep *reps, struct absence *away)
{
	size_t n;

	for (n = 0; n < MAX_REPS && spec[n].id; n++) {
		struct rep *r = &reps[n];

		memset(r, 0, sizeof(*r));
		r->id = spec[n].id;
		r->name = spec[n].name;
		r->role = ROLE_MRR;
		r->active = !spec[n].inactive;
		r->capacity = spec[n].capacity ? spec[n].capacity : -1;
		r->open_leads = spec[n].open;
		r->hours_start = r->hours_end = -1;
		if (spec[n].hours)
			parse_hours(spec[n].hours, &r->hours_start, &r->hours_end);
		if (spec[n].away_from) {
			memset(&away[n], 0, sizeof(away[n]));
			away[n].id = (int64_t)n + 1;
			away[n].rep = r->name;
			away[n].start = unit_at(spec[n].away_from);
			away[n].finish = unit_at(spec[n].away_to);
			r->away = &away[n];
			r->naway = 1;
		}
	}
	return n;
}

/* Runs the case's leads through one rotation: route_round_robin (weighted 0) or route_weighted
 * with every rep of weight `weighted`. */
static void run_rotation(const struct route_case *c, int64_t weighted)
{
	struct rep reps[MAX_REPS];
	struct absence away[MAX_REPS];
	size_t n = build_reps(c->reps, reps, away), i;
	int64_t cursor = c->cursor, now = unit_at(c->now);
	char picks[256], *tok, *save = NULL;
	struct route_pick out = {0};
	struct route_wrr wrr = {c->cursor, NULL, 0}, next;
	struct route_rotation rot = {reps, n, c->respect_hours, c->respect_capacity, c->exclude, "mrr reps"};
	struct arena *a = arena_new();

	for (i = 0; i < n; i++)
		reps[i].weight = weighted;
	assert_true(strlen(c->picks) < sizeof(picks));
	memcpy(picks, c->picks, strlen(c->picks) + 1);
	for (tok = strtok_r(picks, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		int rc = weighted ? route_weighted(pb, &rot, &wrr, now, a, &next, &out)
				  : route_round_robin(pb, reps, n, cursor, c->respect_hours, c->respect_capacity,
						      c->exclude, now, "mrr reps", &out);

		if (strcmp(tok, "-") == 0) {
			assert_int_equal(rc, -1);
			assert_null(out.rep);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_non_null(out.rep);
		assert_string_equal(out.rep->name, tok);
		/* the caller moves the cursor and counts the lead toward the rep's capacity */
		cursor = out.rep->id;
		wrr = next;
		reps[out.rep - reps].open_leads++;
	}
	if (c->why && !strstr(out.why, c->why))
		fail_msg("reason \"%s\" does not say \"%s\"", out.why, c->why);
	arena_free(&a);
}

static void run_case(void **state)
{
	const struct route_case *c = *state;

	run_rotation(c, 0);
	run_rotation(c, 1); /* SPEC 8.5: equal weights are exactly this rotation */
	run_rotation(c, 7);
}

static int group_setup(void **state)
{
	struct bt_error err;

	pb = playbook_default(&err);
	return pb ? 0 : -1;
}

static int group_teardown(void **state)
{
	playbook_free(&pb);
	return 0;
}

UNIT_TABLE_MAIN("route", cases, run_case, group_setup, group_teardown)
