/* cmd_report.c - `baton report NAME`: the reports of SPEC section 6 (funnel, speed, sla,
 * handoff, followup, pipeline, marketing, credit, forecast, ab) and 8.5 (routing), computed
 * from what the events recorded; docs/reports.md defines every column. --format
 * table|json|csv (--json is json). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/tz.h"
#include "io/lead_json.h"
#include "io/report_out.h"
#include "io/table_out.h"
#include "util/arena.h"
#include "service/views.h"

static int report_credit(struct cli *cli, struct service *svc, int64_t from, int64_t to, const char *format)
{
	static const char *const head[REPORT_CREDIT_NCOLS] = {
		"REP", "ROLE", "MEETING_HELD", "SELLER_LATE_CANCEL", "SQL_ACCEPTED", "WON_AMOUNT", "MQL_TO_SQL",
		"RENEWAL", "EXPANSION_SOURCED"};
	struct table *t;
	json_t *o, *rows;
	size_t i, k;
	int rc = view_report_credit(svc, from, to, &o, &cli->err);

	if (rc)
		return cli_exit(rc);
	if (strcmp(format, "json") == 0) {
		cli_print_json(o);
		return 0;
	}
	if (strcmp(format, "csv") == 0) {
		report_credit_print_csv(o, stdout);
		json_decref(o);
		return 0;
	}
	rows = json_object_get(o, "rows");
	t = table_new(REPORT_CREDIT_NCOLS, head);
	for (i = 0; i < json_array_size(rows); i++) {
		char *cells[REPORT_CREDIT_NCOLS];

		for (k = 0; k < REPORT_CREDIT_NCOLS; k++)
			cells[k] = report_credit_cell(json_array_get(rows, i), k);
		table_row(t, (const char *const *)cells);
		for (k = 0; k < REPORT_CREDIT_NCOLS; k++)
			free(cells[k]);
	}
	table_print(t, stdout);
	table_free(&t);
	json_decref(o);
	return 0;
}

/* Prints report r in the format asked; json is its JSON (the reference is taken). */
static void print_report(const struct report *r, json_t *json, const char *format)
{
	if (strcmp(format, "json") == 0) {
		cli_print_json(json); /* takes the reference */
		return;
	}
	json_decref(json);
	if (strcmp(format, "csv") == 0)
		report_print_csv(r, stdout);
	else
		report_print_table(r, stdout);
}

/* Sets *format to the one asked, by default table (json with --json); 0, or -BT_BAD_INPUT
 * unless it is table, json or csv. */
static int read_format(struct cli *cli, const char **format)
{
	if (!*format)
		*format = cli->json ? "json" : "table";
	if (strcmp(*format, "table") != 0 && strcmp(*format, "json") != 0 && strcmp(*format, "csv") != 0)
		return bt_fail(&cli->err, BT_BAD_INPUT, "format", 0, "--format must be table, json or csv");
	return 0;
}

static int report_other(struct cli *cli, struct service *svc, const char *name, enum report_by by, int64_t from,
			int64_t to, const char *format)
{
	struct arena *a = arena_new();
	struct report r;
	int rc = service_report(svc, a, name, by, from, to, &r, &cli->err);

	if (!rc)
		print_report(&r, report_json(&r, from, to, by), format);
	arena_free(&a);
	return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *by = NULL, *format = NULL, *pos[1];
	const struct cli_opt opts[] = {{"from", OPT_STR, &from}, {"to", OPT_STR, &to}, {"by", OPT_STR, &by},
				       {"format", OPT_STR, &format}, {NULL, 0, NULL}};
	int64_t f = INT64_MIN / 2, t = INT64_MAX / 2;
	enum report_by group = BY_NONE;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if ((rc = read_format(cli, &format)))
		return cli_exit(rc);
	if (strcmp(pos[0], "credit") != 0 && !report_known(pos[0]))
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "report", 0, "unknown report '%s' (known: %s, credit)", pos[0],
					report_names()));
	if (by && report_by_parse(by, &group))
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0,
					"--by must be source, channel, segment, rep, team or month, got '%s'", by));
	if (by && strcmp(pos[0], "credit") == 0)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0, "report credit takes no --by (one row per rep)"));
	if (!rc)
		rc = cli_window(cli, from, to, &f, &t);
	if (!rc)
		rc = strcmp(pos[0], "credit") == 0 ? report_credit(cli, cli->svc, f, t, format)
						   : report_other(cli, cli->svc, pos[0], group, f, t, format);
	return cli_exit(rc);
}

int cmd_advise(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {{"format", OPT_STR, &format}, {NULL, 0, NULL}};
	struct arena *a;
	struct report r;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if ((rc = read_format(cli, &format)))
		return cli_exit(rc);
	a = arena_new();
	rc = service_advise(cli->svc, a, &r, &cli->err);
	if (!rc) {
		json_t *o = report_json(&r, INT64_MIN, INT64_MAX, BY_NONE);

		/* advise has no period or grouping */
		json_object_del(o, "from");
		json_object_del(o, "to");
		json_object_del(o, "by");
		print_report(&r, o, format);
	}
	arena_free(&a);
	return cli_exit(rc);
}
