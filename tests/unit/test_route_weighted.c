/* test_route_weighted.c - the weighted rotation of SPEC 8.5 (route_weighted, src/core/route.c):
 * a smooth weighted round robin as nginx's upstream balancer does it — each eligible rep adds
 * its weight to its current weight, the highest is picked and loses the sum of the weights —
 * whose ties go to the first rep after the last one given, in the order reps were added; the
 * balancer starts again from zero whenever the reps it picks among (eligible, other than the
 * owner a reassignment passes over) or their weights change. One table of cases, one runner:
 * each case is a pool of weighted reps and the steps of a run — the rep each lead goes to, and
 * the changes between leads (a weight, a rep leaving or coming back, a reassignment). Every
 * instant is Monday 2026-11-23 10:00 in Paris, inside the built-in playbook's hours. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "core/playbook.h"
#include "core/route.h"
#include "util/arena.h"

#define MAX_REPS 5
#define MON_1000 "2026-11-23T09:00:00Z" /* monday 10:00 in Paris */

struct wrr_rep {
	const char *name; /* NULL ends the list; ids follow the order, from 1 */
	int64_t weight;
};

struct wrr_case {
	const char *name;
	struct wrr_rep reps[MAX_REPS];
	int64_t cursor; /* id of the last rep given a lead before the run, 0 = none */
	/* the run, space separated: a rep's name is the rep the next lead goes to, "-" nobody;
	 * "w:NAME=N" sets a weight, "off:NAME" / "on:NAME" takes a rep out of the rotation (away,
	 * at capacity, off hours: the core sees it as not eligible) or back, "x:NAME" makes the
	 * next lead a reassignment away from NAME */
	const char *steps;
	int repeat;     /* the steps run this many times in a row (0: once) */
	const char *counts; /* after the run, "NAME=N ..." leads each rep was given, or NULL */
};

static const struct wrr_case cases[] = {
	/* ---- the nginx sequence and its exact shares ---- */
	{"test_weights_3_1_1_give_the_smooth_sequence_a_b_a_c_a",
	 {{"ana", 3}, {"ben", 1}, {"cy", 1}}, 0, "ana ben ana cy ana", 0, NULL},
	{"test_weights_3_1_1_give_exactly_30_10_10_of_50",
	 {{"ana", 3}, {"ben", 1}, {"cy", 1}}, 0, "ana ben ana cy ana", 10, "ana=30 ben=10 cy=10"},
	{"test_weights_5_1_1_give_nginx_a_a_b_a_c_a_a",
	 {{"ana", 5}, {"ben", 1}, {"cy", 1}}, 0, "ana ana ben ana cy ana ana", 3, "ana=15 ben=3 cy=3"},
	{"test_weights_2_3_4_share_every_nine_leads_exactly",
	 {{"ana", 2}, {"ben", 3}, {"cy", 4}}, 0, "cy ben ana cy ben cy ana ben cy", 4, "ana=8 ben=12 cy=16"},
	{"test_the_heaviest_rep_need_not_be_the_first_added",
	 {{"ana", 1}, {"ben", 1}, {"cy", 3}}, 0, "cy ana cy ben cy", 2, "ana=2 ben=2 cy=6"},
	{"test_a_rep_alone_gets_every_lead", {{"ana", 9}}, 0, "ana ana ana", 0, NULL},

	/* ---- equal weights are the round robin of section 4 ---- */
	{"test_equal_weights_are_the_round_robin",
	 {{"ana", 1}, {"ben", 1}, {"cy", 1}}, 0, "ana ben cy ana ben cy ana", 0, NULL},
	{"test_equal_weights_other_than_one_are_the_round_robin",
	 {{"ana", 4}, {"ben", 4}, {"cy", 4}}, 2, "cy ana ben cy", 0, NULL},

	/* ---- ties go to the first rep after the last one given ---- */
	{"test_a_tie_goes_to_the_first_rep_added_at_the_start",
	 {{"ana", 2}, {"ben", 2}, {"cy", 1}}, 0, "ana ben cy ana ben", 0, NULL},
	{"test_a_tie_goes_to_the_first_rep_after_the_cursor",
	 {{"ana", 2}, {"ben", 2}, {"cy", 1}}, 1, "ben ana cy ana ben", 0, NULL},
	{"test_a_tie_after_the_last_rep_added_wraps_to_the_first",
	 {{"ana", 2}, {"ben", 2}, {"cy", 1}}, 3, "ana ben cy ana ben", 0, NULL},

	/* ---- a change of the eligible set starts the balancer over ---- */
	{"test_a_rep_leaving_restarts_the_balancer_among_the_others",
	 {{"ana", 3}, {"ben", 1}, {"cy", 1}}, 0, "ana ben off:cy ana ben ana ana", 0, NULL},
	{"test_a_rep_coming_back_does_not_catch_up",
	 /* cy missed two leads while away; back, it gets its one in five, no more */
	 {{"ana", 3}, {"ben", 1}, {"cy", 1}}, 0, "off:cy ana ben on:cy ana ben ana cy ana ana ben ana cy ana", 0,
	 "ana=7 ben=3 cy=2"},
	{"test_a_weight_change_restarts_the_balancer",
	 /* after ana ben, the old balancer would give ana; from zero with 1/1/1 it is cy, then ana */
	 {{"ana", 3}, {"ben", 1}, {"cy", 1}}, 0, "ana ben w:ana=1 cy ana ben cy", 0, NULL},
	{"test_a_weight_change_takes_effect_at_once",
	 {{"ana", 1}, {"ben", 1}}, 0, "ana ben w:ben=3 ben ana ben ben", 0, NULL},
	{"test_nobody_eligible_leaves_the_state_as_it_was",
	 {{"ana", 3}, {"ben", 1}}, 0, "ana off:ana off:ben - on:ana on:ben ben ana ana", 0, NULL},

	/* ---- reassignment: the rep the rotation picks next, the current owner excluded ---- */
	{"test_reassign_goes_to_the_heaviest_other_rep",
	 {{"ana", 3}, {"ben", 1}, {"cy", 1}}, 0, "ana x:ben ana", 0, NULL},
	{"test_reassign_away_from_the_heaviest_goes_after_the_cursor",
	 {{"ana", 3}, {"ben", 1}, {"cy", 1}}, 0, "ana x:ana ben", 0, NULL},
	{"test_reassign_among_equal_weights_is_the_round_robin_s",
	 /* section 4: the next rep after the cursor other than the owner, then on after it */
	 {{"ana", 1}, {"ben", 1}, {"cy", 1}}, 1, "x:ben cy ana ben cy", 0, NULL},
	{"test_reassign_with_nobody_else_finds_nobody",
	 {{"ana", 3}, {"ben", 1}}, 0, "off:ben x:ana - ana", 0, NULL},
};

static struct playbook *pb; /* the built-in playbook */

/* The rep of reps[0..n) named `name` (fails the test if none). */
static struct rep *find(struct rep *reps, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(reps[i].name, name) == 0)
			return &reps[i];
	fail_msg("no rep %s in the case", name);
	return NULL;
}

/* Applies a change step ("w:", "off:", "on:", "x:") to the pool; 1 if tok was one. */
static int change(char *tok, struct rep *reps, size_t n, const char **exclude)
{
	char *eq;

	if (strncmp(tok, "w:", 2) == 0) {
		eq = strchr(tok, '=');
		assert_non_null(eq);
		*eq = '\0';
		find(reps, n, tok + 2)->weight = strtoll(eq + 1, NULL, 10);
	} else if (strncmp(tok, "off:", 4) == 0) {
		find(reps, n, tok + 4)->active = 0;
	} else if (strncmp(tok, "on:", 3) == 0) {
		find(reps, n, tok + 3)->active = 1;
	} else if (strncmp(tok, "x:", 2) == 0) {
		*exclude = find(reps, n, tok + 2)->name;
	} else {
		return 0;
	}
	return 1;
}

/* Checks "NAME=N ..." against the leads each rep was given. */
static void check_counts(const char *counts, struct rep *reps, size_t n, const int *given)
{
	char text[128], *tok, *save = NULL;

	assert_true(strlen(counts) < sizeof(text));
	memcpy(text, counts, strlen(counts) + 1);
	for (tok = strtok_r(text, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');

		assert_non_null(eq);
		*eq = '\0';
		assert_int_equal(given[find(reps, n, tok) - reps], strtol(eq + 1, NULL, 10));
	}
}

static void run_case(void **state)
{
	const struct wrr_case *c = *state;
	struct rep reps[MAX_REPS];
	struct route_wrr wrr = {c->cursor, NULL, 0}, next;
	struct route_rotation rot = {reps, 0, 1, 1, NULL, "mrr reps"};
	struct arena *a = arena_new();
	int given[MAX_REPS] = {0}, round;
	size_t n;

	for (n = 0; n < MAX_REPS && c->reps[n].name; n++) {
		reps[n] = unit_rep((int64_t)n + 1, c->reps[n].name, ROLE_MRR);
		reps[n].weight = c->reps[n].weight;
	}
	rot.n = n;
	for (round = 0; round < (c->repeat ? c->repeat : 1); round++) {
		char steps[256], *tok, *save = NULL;

		assert_true(strlen(c->steps) < sizeof(steps));
		memcpy(steps, c->steps, strlen(c->steps) + 1);
		for (tok = strtok_r(steps, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			struct route_pick pick;
			int rc;

			if (change(tok, reps, n, &rot.exclude))
				continue;
			rc = route_weighted(pb, &rot, &wrr, unit_at(MON_1000), a, &next, &pick);
			rot.exclude = NULL;
			if (strcmp(tok, "-") == 0) {
				assert_int_equal(rc, -1);
				assert_null(pick.rep);
				assert_int_equal(next.last, wrr.last);
				assert_int_equal(next.n, wrr.n);
				continue;
			}
			assert_int_equal(rc, 0);
			if (strcmp(pick.rep->name, tok) != 0)
				fail_msg("round %d: the lead went to %s, not %s (%s)", round, pick.rep->name, tok, pick.why);
			assert_int_equal(next.last, pick.rep->id);
			given[pick.rep - reps]++;
			wrr = next;
		}
	}
	if (c->counts)
		check_counts(c->counts, reps, n, given);
	arena_free(&a);
}

/* Over any Σweights consecutive leads within an unchanged set, each rep gets exactly its
 * weight, whatever the weights and wherever the window starts. */
static void test_every_window_of_the_weight_sum_is_exact(void **state)
{
	static const int64_t sets[][MAX_REPS] = {
		{3, 1, 1}, {5, 1, 1}, {2, 3, 4}, {7, 7, 1}, {100, 1}, {1, 2, 3, 4, 5}, {10, 10, 10, 10, 1}, {6, 4},
	};
	static const char *const names[MAX_REPS] = {"r1", "r2", "r3", "r4", "r5"};
	struct arena *a = arena_new();
	size_t s;

	for (s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		struct rep reps[MAX_REPS];
		struct route_rotation rot = {reps, 0, 1, 1, NULL, "mrr reps"};
		struct route_wrr wrr = {0, NULL, 0}, next;
		int64_t total = 0, i, seq[600];
		size_t n, k;

		for (n = 0; n < MAX_REPS && sets[s][n]; n++) {
			reps[n] = unit_rep((int64_t)n + 1, names[n], ROLE_MRR);
			reps[n].weight = sets[s][n];
			total += sets[s][n];
		}
		rot.n = n;
		assert_true(3 * total <= 600);
		for (i = 0; i < 3 * total; i++) {
			struct route_pick pick;

			assert_int_equal(route_weighted(pb, &rot, &wrr, unit_at(MON_1000), a, &next, &pick), 0);
			seq[i] = pick.rep - reps;
			wrr = next;
		}
		for (i = 0; i + total <= 3 * total; i++) {
			int64_t got[MAX_REPS] = {0}, j;

			for (j = i; j < i + total; j++)
				got[seq[j]]++;
			for (k = 0; k < n; k++)
				if (got[k] != sets[s][k])
					fail_msg("set %zu, window from lead %lld: %s got %lld, weight %lld", s, (long long)i,
						 names[k], (long long)got[k], (long long)sets[s][k]);
		}
		arena_reset(a);
	}
	arena_free(&a);
}

/* The routing event lists who was skipped and why; the reason names the weight when weights
 * differ and says the round robin's words when they do not. */
static void test_a_pick_lists_the_skipped_reps_by_reason(void **state)
{
	struct rep reps[4] = {unit_rep(1, "ana", ROLE_MRR), unit_rep(2, "ben", ROLE_MRR), unit_rep(3, "cy", ROLE_MRR),
			      unit_rep(4, "dee", ROLE_MRR)};
	struct route_rotation rot = {reps, 4, 1, 1, NULL, "mrr reps"};
	struct route_wrr wrr = {0, NULL, 0}, next;
	struct route_pick pick;
	struct arena *a = arena_new();

	reps[0].hours_start = 14 * 60; /* ana works 14:00-22:00: off at 10:00 */
	reps[0].hours_end = 22 * 60;
	reps[1].capacity = 1; /* ben is full */
	reps[1].open_leads = 1;
	reps[2].active = 0; /* cy is inactive: not listed, nor counted as skipped by the report */
	reps[3].weight = 2;
	assert_int_equal(route_weighted(pb, &rot, &wrr, unit_at(MON_1000), a, &next, &pick), 0);
	assert_string_equal(pick.rep->name, "dee");
	assert_int_equal(pick.nskipped[ROUTE_OFF_HOURS], 1);
	assert_string_equal(pick.skipped[ROUTE_OFF_HOURS][0], "ana");
	assert_int_equal(pick.nskipped[ROUTE_FULL], 1);
	assert_string_equal(pick.skipped[ROUTE_FULL][0], "ben");
	assert_int_equal(pick.nskipped[ROUTE_INACTIVE], 1);
	assert_string_equal(route_skip_key(ROUTE_OFF_HOURS), "skipped_hours");
	assert_string_equal(route_skip_key(ROUTE_FULL), "skipped_capacity");
	assert_null(route_skip_key(ROUTE_INACTIVE));
	assert_string_equal(pick.why, "round robin over mrr reps: next in rotation after skipping inactive, off-hours, "
				      "at-capacity reps");
	reps[0].hours_start = reps[0].hours_end = -1;
	assert_int_equal(route_weighted(pb, &rot, &next, unit_at(MON_1000), a, &wrr, &pick), 0);
	assert_string_equal(pick.rep->name, "dee"); /* the set changed: from zero, dee (2) before ana (1) */
	assert_string_equal(pick.why, "weighted round robin over mrr reps: weight 2 of 3 after skipping inactive, "
				      "at-capacity reps");
	arena_free(&a);
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

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + 2];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};

		tests[i] = t;
	}
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_every_window_of_the_weight_sum_is_exact);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_a_pick_lists_the_skipped_reps_by_reason);
	return cmocka_run_group_tests_name("route_weighted", tests, group_setup, group_teardown);
}
