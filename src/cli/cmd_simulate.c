/* cmd_simulate.c - `baton simulate`: reads the options, counts the store's history (service),
 * calibrates the model's parameters from it, runs the lumped and the specialized organisation
 * (core/simulate.c) and prints revenue per quarter with its swing, and every parameter with
 * where its value came from. --format table|json|csv (--json is json); docs/simulation.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/csv_out.h"
#include "io/table_out.h"
#include "service/simulate.h"

struct sim_options {
	int64_t quarters, runs, seed, reps; /* reps < 0: not given */
	const char *format;
};

/* The quarters of the m-th group of rows (sim_row_model). */
static const struct sim_quarter *row_quarters(const struct sim_result *r, int m)
{
	return m < SIM_MODEL_COUNT ? r->q[m] : r->best_q;
}

static void print_csv(const struct sim_options *o, const struct sim_result *r)
{
	static const char *const head[] = {"model", "quarter", "revenue_mean", "revenue_p10", "revenue_p90", "swing"};
	struct csv_out out;
	char cell[48];
	int m, i, k;

	csv_out_init(&out, stdout);
	for (k = 0; k < 6; k++)
		csv_text(&out, head[k]);
	csv_end_row(&out);
	for (m = 0; m <= SIM_MODEL_COUNT; m++)
		for (i = 0; i < o->quarters; i++) {
			const struct sim_quarter *q = row_quarters(r, m);

			csv_text(&out, sim_row_model(m));
			snprintf(cell, sizeof(cell), "%d", i + 1);
			csv_number(&out, cell);
			snprintf(cell, sizeof(cell), "%.2f", q[i].mean);
			csv_number(&out, cell);
			snprintf(cell, sizeof(cell), "%.2f", q[i].p10);
			csv_number(&out, cell);
			snprintf(cell, sizeof(cell), "%.2f", q[i].p90);
			csv_number(&out, cell);
			snprintf(cell, sizeof(cell), "%.4f", q[i].swing);
			csv_number(&out, cell);
			csv_end_row(&out);
		}
}

/* The lines under the rows: what SWING is (core/simulate.c summarize()) and the verdict. */
static void print_verdict(const struct sim_options *o, const struct sim_result *r)
{
	struct strbuf sb;

	strbuf_init(&sb);
	sim_verdict_words(r, &sb);
	printf("\nSWING: how much a quarter's revenue varies from run to run: its standard deviation over the %lld "
	       "runs divided by its mean (0.25: a typical run lands about 25%% above or below the mean).\n",
	       (long long)o->runs);
	printf("Verdict: %s.\n", sb.buf);
	strbuf_release(&sb);
}

/* What each role's capacity carried in each model (struct sim_usage), with its legend. */
static void print_usage(const struct sim_result *r)
{
	static const char *const head[] = {"UTILISATION", "MRR", "SDR", "AE", "CSM", "BINDS"};
	const struct sim_usage *use[] = {&r->use[SIM_LUMPED], &r->use[SIM_SPECIALIZED], &r->best_use};
	struct table *t = table_new(6, head);
	char cells[6][32];
	const char *row[6];
	int m, k;

	for (k = 0; k < 6; k++)
		row[k] = cells[k];
	for (m = 0; m <= SIM_MODEL_COUNT; m++) {
		snprintf(cells[0], sizeof(cells[0]), "%s", sim_row_model(m));
		for (k = ROLE_MRR; k < ROLE_MANAGER; k++)
			snprintf(cells[1 + k], sizeof(cells[1 + k]),
				 m == SIM_LUMPED && (k == ROLE_MRR || k == ROLE_CSM) ? "-" : "%.2f", use[m]->role[k]);
		snprintf(cells[5], sizeof(cells[5]), "%s", m == SIM_LUMPED ? "-" : role_name(sim_binding_role(use[m])));
		table_row(t, row);
	}
	fputc('\n', stdout);
	table_print(t, stdout);
	printf("\nUTILISATION: the share of each role's capacity its work takes (above 1 the work waits): MRR inbound "
	       "leads over what the MRRs answer fast, AE open deals over what the closers work at full speed, CSM "
	       "customers over what the CSMs cover; SDRs prospect full time (1). Lumped: SDR is the share of the week "
	       "the reps prospect, AE their open deals over their closing capacity.\n");
	table_free(&t);
}

static void print_table(const struct sim_options *o, const struct sim_result *r)
{
	const struct sim_params *p = &r->p;
	const int *split = r->split, *best = r->best;

	static const char *const head[] = {"MODEL", "QUARTER", "REVENUE_MEAN", "REVENUE_P10", "REVENUE_P90", "SWING"};
	static const char *const phead[] = {"PARAMETER", "VALUE", "SOURCE"};
	struct table *t = table_new(6, head), *pt = table_new(3, phead);
	char cells[6][48];
	const char *row[6];
	int m, i, k;

	printf("%lld quarters, %lld runs, seed %lld, %ld reps (specialized, today's split: %d mrr, %d sdr, %d ae, %d "
	       "csm; best: %d mrr, %d sdr, %d ae, %d csm, of %d splits tried with %d runs each)\n\n",
	       (long long)o->quarters, (long long)o->runs, (long long)o->seed, lround(p->p[SIM_P_REPS].value),
	       split[ROLE_MRR], split[ROLE_SDR], split[ROLE_AE], split[ROLE_CSM], best[ROLE_MRR], best[ROLE_SDR],
	       best[ROLE_AE], best[ROLE_CSM], r->search_evals, r->search_runs);
	for (k = 0; k < 6; k++)
		row[k] = cells[k];
	for (m = 0; m <= SIM_MODEL_COUNT; m++)
		for (i = 0; i < o->quarters; i++) {
			const struct sim_quarter *q = row_quarters(r, m);

			snprintf(cells[0], sizeof(cells[0]), "%s", sim_row_model(m));
			snprintf(cells[1], sizeof(cells[1]), "%d", i + 1);
			snprintf(cells[2], sizeof(cells[2]), "%.2f", q[i].mean);
			snprintf(cells[3], sizeof(cells[3]), "%.2f", q[i].p10);
			snprintf(cells[4], sizeof(cells[4]), "%.2f", q[i].p90);
			snprintf(cells[5], sizeof(cells[5]), "%.3f", q[i].swing);
			table_row(t, row);
		}
	table_print(t, stdout);
	print_usage(r);
	print_verdict(o, r);
	fputc('\n', stdout);
	for (i = 0; i < SIM_P_COUNT; i++) {
		const char *prow[3];
		double v = p->p[i].value;

		if (v == floor(v) && fabs(v) < 1e15)
			snprintf(cells[1], sizeof(cells[1]), "%.0f", v);
		else
			snprintf(cells[1], sizeof(cells[1]), i == SIM_P_DEAL_SIZE ? "%.2f" : "%.4g", v);
		prow[0] = sim_param_name((enum sim_param_id)i);
		prow[1] = cells[1];
		prow[2] = p->p[i].source;
		table_row(pt, prow);
	}
	table_print(pt, stdout);
	table_free(&t);
	table_free(&pt);
}

/* Reads and checks the options into *o; 0, 1 (--help printed) or a negative code. */
static int read_options(struct cli *cli, int argc, char **argv, struct sim_options *o)
{
	const char *quarters = NULL, *runs = NULL, *seed = NULL, *reps = NULL;
	const struct cli_opt opts[] = {{"quarters", OPT_STR, &quarters}, {"runs", OPT_STR, &runs},
				       {"seed", OPT_STR, &seed},         {"reps", OPT_STR, &reps},
				       {"format", OPT_STR, &o->format},  {NULL, 0, NULL}};
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc;
	o->quarters = 4;
	o->runs = 1000;
	o->seed = 1;
	o->reps = -1;
	if (!o->format)
		o->format = cli->json ? "json" : "table";
	if (strcmp(o->format, "table") != 0 && strcmp(o->format, "json") != 0 && strcmp(o->format, "csv") != 0)
		return bt_fail(&cli->err, BT_BAD_INPUT, "format", 0, "--format must be table, json or csv, got '%s'",
			       o->format);
	if (quarters && (rc = cli_int(cli, quarters, "quarters", 1, SIM_MAX_QUARTERS, &o->quarters)))
		return rc;
	if (runs && (rc = cli_int(cli, runs, "runs", 1, SIM_MAX_RUNS, &o->runs)))
		return rc;
	if (seed && (rc = cli_int(cli, seed, "seed", 0, INT64_MAX, &o->seed)))
		return rc;
	if (reps && (rc = cli_int(cli, reps, "reps", SIM_MIN_REPS_SPECIALIZED, SIM_MAX_REPS, &o->reps)))
		return rc;
	return 0;
}

int cmd_simulate(struct cli *cli, int argc, char **argv)
{
	struct sim_request rq;
	struct sim_result *res;
	struct sim_options o;
	int rc;

	memset(&o, 0, sizeof(o));
	rc = read_options(cli, argc, argv, &o);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	res = malloc(sizeof(*res));
	if (!res) {
		return cli_exit(bt_fail(&cli->err, BT_STORAGE, NULL, 0, "out of memory"));
	}
	rq.quarters = (int)o.quarters;
	rq.runs = (int)o.runs;
	rq.seed = (uint64_t)o.seed;
	rq.reps = o.reps;
	rc = service_simulate(cli->svc, &rq, res, &cli->err);
	if (rc) {
		free(res);
		return cli_exit(rc);
	}
	if (strcmp(o.format, "json") == 0)
		cli_print_json_digits(sim_result_json(res), 15);
	else if (strcmp(o.format, "csv") == 0)
		print_csv(&o, res);
	else
		print_table(&o, res);
	free(res);
	return 0;
}
