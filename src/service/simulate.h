/* simulate.h - the service half of `baton simulate`: counts what the store's history holds
 * (leads per channel, stages reached, won amounts, cycle times, active reps per role) into a
 * struct sim_history that the pure model (core/simulate.h) calibrates its parameters from. */
#ifndef BATON_SERVICE_SIMULATE_H
#define BATON_SERVICE_SIMULATE_H

#include <jansson.h>

#include "core/simulate.h"
#include "service/service.h"
#include "util/strbuf.h"

/* Fills *h (zeroed first) from every lead, every lead event and the active reps of svc's
 * store; reads only. Returns 0 or a negative code with err set. */
int service_sim_history(struct service *svc, struct sim_history *h, struct bt_error *err);

/* What a caller asks of a simulation (the options of `baton simulate`). */
struct sim_request {
	int quarters;  /* 1 .. SIM_MAX_QUARTERS */
	int runs;      /* 1 .. SIM_MAX_RUNS */
	uint64_t seed;
	int64_t reps;  /* headcount to simulate, < 0: the store's (calibrated) */
};

/* A whole simulation: the parameters used, today's split and the best one found, the history
 * counted, the revenue per quarter of each and what each role's capacity carried. */
struct sim_result {
	struct sim_request rq;
	struct sim_params p;
	/* today's split (the store's shares of the headcount): the "specialized" model */
	int split[ROLE_MANAGER];
	/* the best split found (SPEC 8.11): split itself when the search found none better */
	int best[ROLE_MANAGER];
	struct sim_history h;
	struct sim_quarter q[SIM_MODEL_COUNT][SIM_MAX_QUARTERS];
	/* the best split's quarters, run as q's (rq's runs and seed) */
	struct sim_quarter best_q[SIM_MAX_QUARTERS];
	/* the load of each role: use[SIM_LUMPED], use[SIM_SPECIALIZED] (today's split) */
	struct sim_usage use[SIM_MODEL_COUNT];
	struct sim_usage best_use;
	/* the search: runs behind each candidate (0: not searched, too much work) and candidates */
	int search_runs, search_evals;
};

/* The one bound on a simulation's work, for every adapter: 0 if rq's runs and quarters with
 * p's headcount (rq->reps or the store's) fit SIM_MAX_WORK, else -BT_BAD_INPUT naming "runs"
 * (and the most runs that fit) -- or "reps"/"quarters" if not even one run fits. */
int service_sim_budget(const struct sim_params *p, const struct sim_request *rq, struct bt_error *err);

/* Counts the history, calibrates the parameters, applies rq->reps and runs both models into
 * *out (the CLI and the HTTP API share it). 0, or -BT_BAD_INPUT (too few or too many reps, a
 * parameter out of range, field "reps"; more work than SIM_MAX_WORK, service_sim_budget),
 * -BT_STORAGE. */
int service_simulate(struct service *svc, const struct sim_request *rq, struct sim_result *out, struct bt_error *err);

/* Appends the verdict of r in words to sb (SPEC 8.11): lumped against the best split
 * (sim_verdict over their quarters), "Specialise: 4 MRR, 5 SDR, 10 AE, 3 CSM makes 31% more a
 * quarter with a swing of 0.21 against 0.40 lumped", "Stay lumped: ... because in it AE
 * capacity binds ...", or "No clear winner: ..." within the runs' noise; then today's split
 * against the best and the role whose capacity binds in it. */
void sim_verdict_words(const struct sim_result *r, struct strbuf *sb);

/* The model of the m-th group of rows: "lumped", "specialized" (today's split), or for
 * m == SIM_MODEL_COUNT "best" (the best split); static string. */
const char *sim_row_model(int m);

/* The role whose capacity binds in a split: the MRR, AE or CSM with the highest load of u. */
enum role sim_binding_role(const struct sim_usage *u);

/* The result as `simulate --json` prints it: {"report", "params", "rows" (models lumped,
 * specialized: today's split, best: the best split), "runs", "seed", "quarters", "reps",
 * "split" (today's, as before), "current_split", "best_split", "utilisation", "binds",
 * "search", "history", "verdict"} ("verdict": sim_verdict_words); caller decrefs. */
json_t *sim_result_json(const struct sim_result *r);

#endif
