/* simulate.h - the Monte Carlo model of `baton simulate` (SPEC section 6, docs/simulation.md):
 * a revenue team over quarters, `lumped` (every rep prospects and closes) against `specialized`
 * (the same headcount split into MRR, SDR, AE and CSM). Pure: no I/O, no clock, no globals;
 * the same parameters and seed give the same numbers. The parameters start from documented
 * defaults and are replaced by the store's own rates only when its history is large enough. */
#ifndef BATON_SIMULATE_H
#define BATON_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/report.h"
#include "core/stage.h"

#define SIM_WEEKS_PER_QUARTER 13
#define SIM_MAX_QUARTERS 40
#define SIM_MAX_RUNS 100000
#define SIM_MAX_REPS 1000
#define SIM_MIN_REPS_SPECIALIZED 4 /* one MRR, SDR, AE and CSM */
/* The work one simulation may do, in rep-weeks: runs x simulated weeks (warm-up included) x
 * (reps + SIM_WORK_BASE_REPS), both models together; a run-week costs about as much as 8 reps
 * even with none (the whole org's inbound leads, the customers). About 2.5 s with the release
 * build on a 2-core machine, 5 s at worst (docs/simulation.md, "Bounds"); the CLI and the HTTP
 * API refuse more (service_sim_budget). */
#define SIM_WORK_BASE_REPS 8
#define SIM_MAX_WORK 10000000
#define SIM_SOURCE_LEN 112

/* Calibration thresholds: below them the default stands (docs/simulation.md, "Calibration"). */
#define SIM_MIN_MONTHS 3.0    /* months of history for any rate */
#define SIM_FLOW_MONTHS 3.0   /* the last months of history the flow and the funnel are counted over */
#define SIM_MIN_LEADS 200     /* leads of a channel for its volume and conversion */
#define SIM_MIN_CLOSED 200    /* won + lost opportunities for the win rate, deal size, cycle */
#define SIM_MIN_SAMPLES 30    /* won deals with an amount (deal size) or an sql time (cycle) */
#define SIM_MIN_STORE_REPS 2  /* active non-manager reps for the store's headcount to count */
#define SIM_MIN_RENEWALS 30   /* renewal dates decided (renewed + churned) for the churn rate */
#define SIM_MIN_EXPANSIONS 30 /* expansions won for the expansion rate */

enum sim_model { SIM_LUMPED, SIM_SPECIALIZED, SIM_MODEL_COUNT };

/* The parameters, in the order they are printed; names and meanings in docs/simulation.md. */
enum sim_param_id {
	SIM_P_REPS,              /* headcount (non-manager reps) of both models */
	SIM_P_INBOUND,           /* inbound leads past the fit filter, per week, whole org */
	SIM_P_OUTBOUND,          /* target leads a full-time prospector reaches per week */
	SIM_P_INBOUND_SQL_RATE,  /* share of inbound leads answered fast that become opportunities */
	SIM_P_OUTBOUND_SQL_RATE, /* share of outbound leads that become opportunities */
	SIM_P_LATE_FACTOR,       /* conversion multiplier for an inbound lead answered late */
	SIM_P_PROSPECT_WEEKS,    /* mean weeks from reaching a target lead to its opportunity */
	SIM_P_WIN_RATE,          /* share of opportunities won */
	SIM_P_DEAL_SIZE,         /* mean won deal, currency units */
	SIM_P_DEAL_SIGMA,        /* lognormal sigma of deal sizes */
	SIM_P_CYCLE_WEEKS,       /* mean weeks of closing work from opportunity to decision */
	SIM_P_DEAL_LOAD,         /* open deals a full-time closer can work at full speed */
	SIM_P_BUSY_DEALS,        /* open deals at which a lumped rep stops prospecting */
	SIM_P_RESTART_DEALS,     /* open deals at or below which a busy lumped rep prospects again */
	SIM_P_MIN_PROSPECT,      /* share of the week a busy lumped rep still prospects */
	SIM_P_MRR_CAPACITY,      /* inbound leads per week one MRR answers fast */
	SIM_P_CSM_ACCOUNTS,      /* customers one CSM covers */
	SIM_P_CHURN_COVERED,     /* quarterly churn of a customer covered by a CSM */
	SIM_P_CHURN_UNCOVERED,   /* quarterly churn of a customer nobody covers */
	SIM_P_EXPAND_COVERED,    /* quarterly chance a covered customer expands */
	SIM_P_EXPAND_UNCOVERED,  /* quarterly chance an uncovered customer expands */
	SIM_P_EXPAND_SHARE,      /* an expansion's size as a share of the customer's value */
	SIM_P_SHARE_MRR,         /* share of the specialized headcount that is MRR */
	SIM_P_SHARE_SDR,         /* share that is SDR */
	SIM_P_SHARE_CSM,         /* share that is CSM (AE: the rest) */
	SIM_P_WARMUP_WEEKS,      /* weeks simulated before the first reported quarter */
	SIM_P_COUNT
};

struct sim_param {
	double value;
	char source[SIM_SOURCE_LEN]; /* "default", "store: <what was counted>" or "option --reps" */
};

struct sim_params {
	struct sim_param p[SIM_P_COUNT];
};

/* What the store's history holds, counted by the service (src/service/simulate.c) with the
 * reports' counting rules: the lead counts are `report funnel --by channel`'s, the won amounts
 * and the sql-to-won sample `report forecast`'s (sim_history_fact), so simulate and replay
 * (which compares those reports) calibrate from the same history. */
struct sim_history {
	/* from the first lead's creation to the last lead update (every lead event updates it) */
	double months;
	/* the flow and the funnel's counts below are the leads created in the last quarter of that
	 * (SIM_FLOW_MONTHS before the last update, from flow_from; the whole history when it is
	 * shorter): the team as it works now, not a year when only the won deals were kept */
	double flow_months;
	int64_t flow_from; /* 0: the whole history */
	int64_t inbound;            /* inbound leads, filtered ones included (funnel: leads) */
	int64_t outbound;           /* outbound leads */
	int64_t mql;                /* leads that ever became mql (funnel: mql) */
	int64_t mql_inbound;        /* inbound leads that ever became mql (past the fit filter) */
	int64_t handoffs;           /* leads ever handed off to an AE (funnel: handoff) */
	int64_t sql;                /* leads ever accepted by an AE (funnel: sql) */
	int64_t sql_inbound;        /* of them inbound */
	int64_t sql_outbound;       /* of them outbound */
	int64_t won;                /* leads ever won (funnel: won) */
	int64_t lost;               /* leads ever lost (funnel: lost) */
	int64_t won_with_amount;    /* leads ever won with an amount > 0 (forecast's won amounts) */
	int64_t won_cents;          /* sum of their amounts, cents */
	double days_to_won;         /* mean days from the first sql to won, over cycle_samples */
	double won_days;            /* their sum (sim_history_fact; days_to_won once all are fed) */
	int64_t cycle_samples;      /* won leads that reached sql before winning (forecast's sql won) */
	/* `report customers --by month` over the whole history, summed over its rows: the renewal
	 * dates decided (renewed; churned, lapses included) and the live customers at each month's
	 * end (or now, for this month), the customer-months the churn is counted over */
	int64_t renewed, churned, customer_months;
	/* its `expansions` summed: the expansions won over those customer-months */
	int64_t expansions;
	int64_t reps[ROLE_COUNT];   /* active reps per role */
};
/* One reported quarter of one model, over the runs; money in currency units. */
struct sim_quarter {
	double mean;   /* mean revenue (new deals won + expansions) */
	double p10;    /* 10th percentile across runs (linear interpolation) */
	double p90;    /* 90th percentile */
	double stddev; /* sample standard deviation across runs */
	double swing;  /* stddev / mean, 0 when the mean is 0 */
};

/* Return codes of sim_run. */
enum { SIM_OK = 0, SIM_ERR_ARGS = -1, SIM_ERR_REPS = -2, SIM_ERR_NOMEM = -3 };

/* The parameter's printed name ("win_rate"); static string, "?" if out of range. */
const char *sim_param_name(enum sim_param_id id);

/* The model's name ("lumped", "specialized"); static string. */
const char *sim_model_name(enum sim_model m);

/* Fills p with every default, each with source "default". */
void sim_params_default(struct sim_params *p);

/* Sets one parameter and its source (copied, cut to SIM_SOURCE_LEN - 1 bytes). */
void sim_params_set(struct sim_params *p, enum sim_param_id id, double value, const char *source);

/* Counts one lead's report facts (its lead_facts row, as the reports read it) into h with
 * `report forecast`'s rules: a lead that ever reached won with an amount > 0 adds to
 * won_with_amount and won_cents (their mean is the forecast's mean_won_amount); one that
 * reached sql and won, won at or after its first sql, adds the days between to won_days and
 * one to cycle_samples (the forecast's sql sample, whose median it prints). */
void sim_history_fact(struct sim_history *h, const struct report_fact *f);

/* Replaces defaults by the store's rates where h has enough history (thresholds above),
 * recording what was counted as the source; leaves the others alone. */
void sim_calibrate(struct sim_params *p, const struct sim_history *h);

/* The specialized split of p's headcount into counts[ROLE_MRR..ROLE_CSM] (largest remainder
 * of the shares, at least one each); 0, or SIM_ERR_REPS below SIM_MIN_REPS_SPECIALIZED reps. */
int sim_split(const struct sim_params *p, int counts[ROLE_MANAGER]);

/* The weeks one run simulates: p's warm-up (at most 520) plus quarters of 13 weeks. */
int sim_weeks(const struct sim_params *p, int quarters);

/* The work of `runs` runs of `quarters` quarters with p's headcount, in rep-weeks:
 * runs x sim_weeks x (reps + SIM_WORK_BASE_REPS); 0 if the arguments are out of range. */
int64_t sim_work(const struct sim_params *p, int quarters, int runs);

/* The most runs of `quarters` quarters with p's headcount that fit SIM_MAX_WORK (0: not even
 * one run fits). */
int64_t sim_max_runs(const struct sim_params *p, int quarters);

/* Which organisation comes out ahead over the reported quarters (sim_verdict). */
struct sim_verdict {
	/* the quarters compared, and the runs behind each */
	int quarters, runs;
	/* each model's sum of its quarters' mean revenue, and mean of their swings */
	double revenue[SIM_MODEL_COUNT], swing[SIM_MODEL_COUNT];
	/* the model with more revenue beyond the noise; SIM_MODEL_COUNT: no clear winner */
	enum sim_model ahead;
	/* the model with more revenue, even within the noise */
	enum sim_model more;
	/* more's revenue over the other's, minus 1 (0.31: 31% more) */
	double gain;
	/* the gain the runs cannot tell from chance (two standard errors of the difference) */
	double noise;
	/* more's swing over the other's, minus 1 (-0.17: 17% less) */
	double swing_change;
};

/* Compares the two models over q[m][0..quarters) of `runs` runs each: the model whose summed
 * mean revenue is higher comes out ahead when the difference is more than two standard errors
 * of it (each model's: the sum of its quarters' standard deviations over sqrt(runs), an upper
 * bound whatever the quarters' correlation); else, and always from a single run, no clear winner
 * (ahead = SIM_MODEL_COUNT). */
void sim_verdict(const struct sim_quarter q[SIM_MODEL_COUNT][SIM_MAX_QUARTERS], int quarters, int runs,
		 struct sim_verdict *out);

/* What each role's capacity carried over the reported weeks of every run, as a share of it
 * (1: full; above 1 the work waits), indexed by role: specialized, MRR the inbound leads over
 * mrrs x mrr_capacity, SDR 1 (they prospect full time), AE the open deals over
 * aes x deal_load, CSM the customers over csms x csm_accounts; lumped, AE the open deals over
 * reps x deal_load and SDR the mean share of the week the reps prospect, MRR and CSM 0. */
struct sim_usage {
	double role[ROLE_MANAGER];
};

/* As sim_run, with the specialized team given as counts[ROLE_MRR..ROLE_CSM] (NULL: sim_split;
 * ignored for lumped) and, when use is not NULL, the capacity each role carried. Runs of the
 * same seed draw from the same generators whatever the team (common random numbers), so two
 * teams are compared on the same luck. Returns as sim_run (SIM_ERR_REPS: a count below 1 or a
 * team that is not p's headcount). */
int sim_run_team(const struct sim_params *p, enum sim_model model, const int team[ROLE_MANAGER], int quarters, int runs,
		 uint64_t seed, struct sim_quarter *out, struct sim_usage *use);

/* Runs `runs` simulations of `model` from `seed` and fills out[0..quarters) with the revenue
 * of each quarter across runs. Scratch memory is allocated and freed inside. Returns SIM_OK,
 * SIM_ERR_ARGS (quarters, runs or reps out of range, or more work than SIM_MAX_WORK),
 * SIM_ERR_REPS (too few reps for the specialized split) or SIM_ERR_NOMEM. */
int sim_run(const struct sim_params *p, enum sim_model model, int quarters, int runs, uint64_t seed,
	    struct sim_quarter *out);

/* ---------------------------------------------------------------- the best split (simulate_search.c) */

/* The most candidate splits one search evaluates, the start included (docs/simulation.md, "The
 * best split"), and the most runs behind each. */
#define SIM_SEARCH_EVALS 64
#define SIM_SEARCH_RUNS 100

/* A split of the headcount and how it did: the sum of its quarters' mean revenue and the mean
 * of their swings (as sim_verdict counts them). */
struct sim_candidate {
	int team[ROLE_MANAGER];
	double revenue;
	double swing;
};

/* Fills c's revenue and swing from c->team; 0 or a negative code. */
typedef int (*sim_eval_fn)(void *ctx, struct sim_candidate *c);

/* The split with the highest revenue whose swing is no worse than start's, by a coarse-to-fine
 * hill climb from start: moves of `step` reps from one role to another (every role keeping at
 * least one), the best improving move taken until none improves, step halved from a quarter of
 * the headcount down to 1; each split evaluated once, at most max_evals in all (start
 * included). Deterministic: ties keep the earlier candidate. Fills *best (start when nothing
 * better is found) and *evals; returns 0, SIM_ERR_REPS (a count of start below 1) or eval's
 * code. */
int sim_search(sim_eval_fn eval, void *ctx, const int start[ROLE_MANAGER], int max_evals, struct sim_candidate *best,
	       int *evals);

/* sim_search over the specialized model: each candidate run `runs` times from `seed`
 * (sim_run_team, common random numbers) over `quarters` quarters. Returns as sim_search, or
 * sim_run_team's code. */
int sim_search_split(const struct sim_params *p, const int start[ROLE_MANAGER], int quarters, int runs, uint64_t seed,
		     int max_evals, struct sim_candidate *best, int *evals);

/* The sum of q[0..quarters)'s means into *revenue and the mean of their swings into *swing. */
void sim_score(const struct sim_quarter *q, int quarters, double *revenue, double *swing);

#endif
