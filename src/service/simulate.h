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

/* A whole simulation: the parameters used, the specialized split, the history counted and
 * the revenue per quarter of each model. */
struct sim_result {
	struct sim_request rq;
	struct sim_params p;
	int split[ROLE_MANAGER];
	struct sim_history h;
	struct sim_quarter q[SIM_MODEL_COUNT][SIM_MAX_QUARTERS];
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

/* Appends the verdict of r (sim_verdict over its quarters) in words to sb: "specialized comes
 * out ahead: +31.0% revenue over 4 quarters (...), swing -17% (...)", the opposite, or "no
 * clear winner" when the difference is within the runs' noise. */
void sim_verdict_words(const struct sim_result *r, struct strbuf *sb);

/* The result as `simulate --json` prints it: {"report", "params", "rows", "runs", "seed",
 * "quarters", "reps", "split", "history", "verdict"} ("verdict": sim_verdict_words); caller
 * decrefs. */
json_t *sim_result_json(const struct sim_result *r);

#endif
