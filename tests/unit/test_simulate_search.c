/* test_simulate_search.c - the search for the best split (core/simulate_search.c, SPEC 8.11):
 * on small exact models (revenue and swing as formulas of the counts) it finds the best split
 * within the swing limit, keeps today's when nothing beats it, stays within its bound of
 * evaluations, refuses a split with an empty role; on the Monte Carlo model it is
 * deterministic and never returns less than the start. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/simulate.h"

#define MRR(t) ((double)(t)[ROLE_MRR])
#define SDR(t) ((double)(t)[ROLE_SDR])
#define AE(t) ((double)(t)[ROLE_AE])
#define CSM(t) ((double)(t)[ROLE_CSM])

/* Closing binds: the deals SDRs and MRRs make are closed up to 5 per AE; CSMs add a little. */
static int closing_binds(void *ctx, struct sim_candidate *c)
{
	c->revenue = fmin(2 * MRR(c->team) + 3 * SDR(c->team), 5 * AE(c->team)) + 0.5 * CSM(c->team);
	c->swing = 0.3;
	return 0;
}

/* Revenue grows with SDRs and AEs, and so does the swing with AEs: the limit caps the AEs. */
static int swing_caps_the_aes(void *ctx, struct sim_candidate *c)
{
	c->revenue = AE(c->team) + SDR(c->team);
	c->swing = 0.1 * AE(c->team);
	return 0;
}

/* Every split makes the same: nothing beats today's. */
static int flat(void *ctx, struct sim_candidate *c)
{
	c->revenue = 100;
	c->swing = 0.2;
	return 0;
}

/* The best split of every split of the start's headcount within the start's swing (ties: the
 * first in counting order), by brute force. */
static void brute_force(sim_eval_fn eval, const int start[ROLE_MANAGER], int best[ROLE_MANAGER])
{
	struct sim_candidate s, c, b;
	int n = start[0] + start[1] + start[2] + start[3], m, d, a;

	memcpy(s.team, start, sizeof(s.team));
	eval(NULL, &s);
	b = s;
	for (m = 1; m < n; m++)
		for (d = 1; m + d < n; d++)
			for (a = 1; m + d + a < n; a++) {
				c.team[ROLE_MRR] = m;
				c.team[ROLE_SDR] = d;
				c.team[ROLE_AE] = a;
				c.team[ROLE_CSM] = n - m - d - a;
				eval(NULL, &c);
				if (c.swing <= s.swing && c.revenue > b.revenue)
					b = c;
			}
	memcpy(best, b.team, sizeof(b.team));
}

static void test_the_search_finds_the_best_split_within_the_swing_and_the_bound(void **state)
{
	static const struct {
		const char *name;
		sim_eval_fn eval;
		int start[ROLE_MANAGER];
		int max_evals;
		int rc;
		int best[ROLE_MANAGER]; /* what the search returns */
		int evals;              /* how many splits it evaluated */
		int global;             /* 1: best is also the brute-force best */
	} cases[] = {
		{"closing binds: reps move to AEs",
		 closing_binds,
		 {4, 4, 1, 1},
		 SIM_SEARCH_EVALS,
		 SIM_OK,
		 {2, 4, 3, 1},
		 21,
		 1},
		{"closing binds, larger team",
		 closing_binds,
		 {6, 6, 6, 4},
		 SIM_SEARCH_EVALS,
		 SIM_OK,
		 {1, 12, 8, 1},
		 61,
		 1},
		{"the swing limit caps the AEs",
		 swing_caps_the_aes,
		 {2, 2, 2, 2},
		 SIM_SEARCH_EVALS,
		 SIM_OK,
		 {1, 4, 2, 1},
		 23,
		 1},
		{"nothing beats today's split", flat, {2, 2, 2, 2}, SIM_SEARCH_EVALS, SIM_OK, {2, 2, 2, 2}, 19, 1},
		{"the bound stops the search", closing_binds, {4, 4, 1, 1}, 5, SIM_OK, {2, 4, 3, 1}, 5, 0},
		{"three evaluations: the best of them", closing_binds, {4, 4, 1, 1}, 3, SIM_OK, {2, 4, 3, 1}, 3, 0},
		{"one evaluation: today's split", closing_binds, {4, 4, 1, 1}, 1, SIM_OK, {4, 4, 1, 1}, 1, 0},
		{"an empty role is refused", flat, {0, 4, 4, 2}, SIM_SEARCH_EVALS, SIM_ERR_REPS, {0, 0, 0, 0}, 0, 0},
	};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct sim_candidate best;
		int evals = -1, rc, brute[ROLE_MANAGER];

		memset(&best, 0, sizeof(best));
		rc = sim_search(cases[k].eval, NULL, cases[k].start, cases[k].max_evals, &best, &evals);
		if (rc != cases[k].rc || evals != cases[k].evals ||
		    (rc == SIM_OK && memcmp(best.team, cases[k].best, sizeof(best.team)) != 0))
			fail_msg("%s: rc %d, %d evaluations, best %d %d %d %d", cases[k].name, rc, evals, best.team[0],
				 best.team[1], best.team[2], best.team[3]);
		if (!cases[k].global)
			continue;
		brute_force(cases[k].eval, cases[k].start, brute);
		if (memcmp(best.team, brute, sizeof(brute)) != 0) {
			struct sim_candidate b;

			memcpy(b.team, brute, sizeof(brute));
			cases[k].eval(NULL, &b);
			if (b.revenue > best.revenue)
				fail_msg("%s: the brute force finds %d %d %d %d, revenue %f > %f", cases[k].name,
					 brute[0], brute[1], brute[2], brute[3], b.revenue, best.revenue);
		}
	}
}

/* The Monte Carlo model: the same seed finds the same split with the same revenue, at least
 * the start's at no worse swing (common random numbers: candidates are compared on the same
 * luck). */
static void test_the_split_search_is_deterministic_and_no_worse_than_the_start(void **state)
{
	struct sim_params p;
	struct sim_candidate a, b;
	struct sim_quarter q[2];
	int start[ROLE_MANAGER], ea, eb;
	double rev, swing;

	sim_params_default(&p);
	assert_int_equal(sim_split(&p, start), SIM_OK);
	assert_int_equal(sim_search_split(&p, start, 2, 20, 3, 12, &a, &ea), SIM_OK);
	assert_int_equal(sim_search_split(&p, start, 2, 20, 3, 12, &b, &eb), SIM_OK);
	assert_int_equal(ea, eb);
	assert_true(ea <= 12);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(sim_run_team(&p, SIM_SPECIALIZED, start, 2, 20, 3, q, NULL), SIM_OK);
	sim_score(q, 2, &rev, &swing);
	assert_true(a.revenue >= rev);
	assert_true(a.swing <= swing);
	assert_int_equal(a.team[0] + a.team[1] + a.team[2] + a.team[3], 10);
}

/* A team of another headcount or with an empty role is refused; the usage of a run is the
 * load of each role (SDRs prospect full time). */
static void test_a_team_must_be_the_headcount_and_usage_is_measured(void **state)
{
	struct sim_params p;
	struct sim_quarter q[1];
	struct sim_usage u;
	static const int eleven[ROLE_MANAGER] = {2, 3, 5, 1}, empty[ROLE_MANAGER] = {0, 4, 5, 1},
			 ten[ROLE_MANAGER] = {1, 3, 5, 1};

	sim_params_default(&p);
	assert_int_equal(sim_run_team(&p, SIM_SPECIALIZED, eleven, 1, 5, 1, q, &u), SIM_ERR_REPS);
	assert_int_equal(sim_run_team(&p, SIM_SPECIALIZED, empty, 1, 5, 1, q, &u), SIM_ERR_REPS);
	assert_int_equal(sim_run_team(&p, SIM_SPECIALIZED, ten, 1, 5, 1, q, &u), SIM_OK);
	assert_true(u.role[ROLE_SDR] == 1);
	/* 30 inbound leads a week on average for one MRR who answers 40 */
	assert_true(u.role[ROLE_MRR] > 0.6 && u.role[ROLE_MRR] < 0.9);
	assert_true(u.role[ROLE_AE] > 0 && u.role[ROLE_CSM] >= 0);
	assert_int_equal(sim_run_team(&p, SIM_LUMPED, NULL, 1, 5, 1, q, &u), SIM_OK);
	assert_true(u.role[ROLE_MRR] == 0 && u.role[ROLE_CSM] == 0);
	assert_true(u.role[ROLE_SDR] > 0 && u.role[ROLE_SDR] <= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_search_finds_the_best_split_within_the_swing_and_the_bound),
		cmocka_unit_test(test_the_split_search_is_deterministic_and_no_worse_than_the_start),
		cmocka_unit_test(test_a_team_must_be_the_headcount_and_usage_is_measured),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
