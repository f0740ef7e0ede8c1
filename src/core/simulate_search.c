/* simulate_search.c - the best split of `baton simulate` (SPEC 8.11, docs/simulation.md "The
 * best split"): a bounded coarse-to-fine hill climb over the counts of MRR, SDR, AE and CSM of
 * one headcount, for the highest revenue whose swing is no worse than today's split's. The
 * search takes its evaluator as a function, so the unit tests drive it with a small exact
 * model; sim_search_split plugs in the Monte Carlo model. Pure: no I/O, no clock, no globals. */
#include <stdlib.h>
#include <string.h>

#include "core/simulate.h"

void sim_score(const struct sim_quarter *q, int quarters, double *revenue, double *swing)
{
	int i;

	*revenue = 0;
	*swing = 0;
	for (i = 0; i < quarters; i++) {
		*revenue += q[i].mean;
		*swing += q[i].swing;
	}
	*swing = quarters > 0 ? *swing / quarters : 0;
}

/* The candidates evaluated so far, each once. */
struct seen {
	struct sim_candidate c[SIM_SEARCH_EVALS];
	int n, max;
};

/* Evaluates team (or finds it evaluated) into *out; 1 when the bound is reached first, 0, or
 * eval's negative code. */
static int evaluate(struct seen *s, sim_eval_fn eval, void *ctx, const int team[ROLE_MANAGER],
		    struct sim_candidate *out)
{
	int i, rc;

	for (i = 0; i < s->n; i++)
		if (memcmp(s->c[i].team, team, sizeof(s->c[i].team)) == 0) {
			*out = s->c[i];
			return 0;
		}
	if (s->n >= s->max)
		return 1;
	memset(out, 0, sizeof(*out));
	memcpy(out->team, team, sizeof(out->team));
	rc = eval(ctx, out);
	if (rc)
		return rc;
	s->c[s->n++] = *out;
	return 0;
}

/* The moves of the climb: `step` reps from each role marked -1 to each marked +1. One role to
 * another, then two to the other two (roles that work together, as SDRs and AEs, gain only
 * together: one of them alone barely moves the revenue). */
static const signed char moves[][ROLE_MANAGER] = {
	{-1, 1, 0, 0},  {-1, 0, 1, 0},  {-1, 0, 0, 1},  {1, -1, 0, 0},  {0, -1, 1, 0},  {0, -1, 0, 1},
	{1, 0, -1, 0},  {0, 1, -1, 0},  {0, 0, -1, 1},  {1, 0, 0, -1},  {0, 1, 0, -1},  {0, 0, 1, -1},
	{-1, 1, 1, -1}, {-1, 1, -1, 1}, {-1, -1, 1, 1}, {1, -1, -1, 1}, {1, -1, 1, -1}, {1, 1, -1, -1},
};

/* The best move of `step` reps from *cur, within the swing limit and better than *cur; 1 and
 * *cur moved when there is one, 0 when none, else a negative code. */
static int climb(struct seen *s, sim_eval_fn eval, void *ctx, int step, double limit, struct sim_candidate *cur)
{
	struct sim_candidate best = *cur, c;
	size_t m;
	int r, rc, moved = 0;

	for (m = 0; m < sizeof(moves) / sizeof(moves[0]); m++) {
		int team[ROLE_MANAGER], ok = 1;

		for (r = 0; r < ROLE_MANAGER; r++) {
			team[r] = cur->team[r] + moves[m][r] * step;
			ok = ok && team[r] >= 1;
		}
		if (!ok)
			continue;
		rc = evaluate(s, eval, ctx, team, &c);
		if (rc < 0)
			return rc;
		if (rc == 0 && c.swing <= limit && c.revenue > best.revenue) {
			best = c;
			moved = 1;
		}
	}
	*cur = best;
	return moved;
}

int sim_search(sim_eval_fn eval, void *ctx, const int start[ROLE_MANAGER], int max_evals, struct sim_candidate *best,
	       int *evals)
{
	struct seen *s = NULL;
	int r, n = 0, step, rc;

	*evals = 0;
	for (r = 0; r < ROLE_MANAGER; r++) {
		if (start[r] < 1)
			return SIM_ERR_REPS;
		n += start[r];
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return SIM_ERR_NOMEM;
	s->max = max_evals < 1 ? 1 : max_evals > SIM_SEARCH_EVALS ? SIM_SEARCH_EVALS : max_evals;
	rc = evaluate(s, eval, ctx, start, best);
	for (step = n / 4 > 1 ? n / 4 : 1; rc == 0 && step >= 1; step /= 2) {
		double limit = s->c[0].swing;

		while ((rc = climb(s, eval, ctx, step, limit, best)) == 1)
			;
	}
	*evals = s->n;
	free(s);
	return rc < 0 ? rc : SIM_OK;
}

/* ---------------------------------------------------------------- the Monte Carlo evaluator */

struct split_eval {
	const struct sim_params *p;
	int quarters, runs;
	uint64_t seed;
	struct sim_quarter q[SIM_MAX_QUARTERS];
};

static int split_eval(void *ctx, struct sim_candidate *c)
{
	struct split_eval *e = ctx;
	int rc = sim_run_team(e->p, SIM_SPECIALIZED, c->team, e->quarters, e->runs, e->seed, e->q, NULL);

	if (!rc)
		sim_score(e->q, e->quarters, &c->revenue, &c->swing);
	return rc;
}

int sim_search_split(const struct sim_params *p, const int start[ROLE_MANAGER], int quarters, int runs, uint64_t seed,
		     int max_evals, struct sim_candidate *best, int *evals)
{
	struct split_eval e;

	memset(&e, 0, sizeof(e));
	e.p = p;
	e.quarters = quarters;
	e.runs = runs;
	e.seed = seed;
	return sim_search(split_eval, &e, start, max_evals, best, evals);
}
