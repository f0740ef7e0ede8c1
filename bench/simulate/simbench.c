/* simbench.c - the reference of bench/simulate/run.sh: the plain models of `baton simulate`
 * (core/simulate.c's sim_run_team) with the default parameters and a given team, without the
 * store, the search for the best split or the output. `simbench RUNS QUARTERS SEED MRR SDR AE
 * CSM lumped|both` runs the lumped model (both: then the specialized one, as issue 16's
 * simulate did) and prints the first quarter's mean revenue of each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/simulate.h"

int main(int argc, char **argv)
{
	struct sim_params p;
	struct sim_quarter q[SIM_MAX_QUARTERS];
	struct sim_usage u;
	int team[ROLE_MANAGER], runs, quarters, reps = 0, r, m, models;
	uint64_t seed;

	if (argc != 9) {
		fprintf(stderr, "usage: simbench RUNS QUARTERS SEED MRR SDR AE CSM lumped|both\n");
		return 2;
	}
	runs = (int)strtol(argv[1], NULL, 10);
	quarters = (int)strtol(argv[2], NULL, 10);
	seed = strtoull(argv[3], NULL, 10);
	for (r = 0; r < ROLE_MANAGER; r++)
		reps += team[r] = (int)strtol(argv[4 + r], NULL, 10);
	models = strcmp(argv[8], "both") == 0 ? SIM_MODEL_COUNT : 1;
	sim_params_default(&p);
	sim_params_set(&p, SIM_P_REPS, reps, "bench");
	sim_params_set(&p, SIM_P_SHARE_MRR, (double)team[ROLE_MRR] / reps, "bench");
	sim_params_set(&p, SIM_P_SHARE_SDR, (double)team[ROLE_SDR] / reps, "bench");
	sim_params_set(&p, SIM_P_SHARE_CSM, (double)team[ROLE_CSM] / reps, "bench");
	for (m = 0; m < models; m++) {
		int rc = sim_run_team(&p, (enum sim_model)m, team, quarters, runs, seed, q, &u);

		if (rc) {
			fprintf(stderr, "simbench: %s: error %d\n", sim_model_name((enum sim_model)m), rc);
			return 1;
		}
		printf("%s quarter 1 mean %.2f\n", sim_model_name((enum sim_model)m), q[0].mean);
	}
	return 0;
}
