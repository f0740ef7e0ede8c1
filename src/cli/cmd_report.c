/* cmd_report.c - `baton report NAME`: the reports of SPEC section 6, computed in the store
 * from what the events recorded. `report credit` is what counts for whom; the other reports
 * arrive with their issue. --format table|json|csv (--json is json). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/tz.h"
#include "io/lead_json.h"
#include "io/table_out.h"
#include "service/views.h"

/* Reads --from/--to: a date (the start of that day in the org's time zone) or an RFC 3339 time. */
static int period_bound(struct cli *cli, const char *zone, const char *s, const char *field, int64_t *out)
{
	int64_t day;

	if (clock_parse_rfc3339(s, out) == 0)
		return 0;
	if (clock_parse_date(s, &day) == 0 && tz_utc(zone, day, 0, out) == 0)
		return 0;
	return bt_fail(&cli->err, BT_BAD_INPUT, field, 0, "--%s must be a date (YYYY-MM-DD) or an RFC 3339 time, got '%s'",
		       field, s);
}

static int report_credit(struct cli *cli, struct service *svc, int64_t from, int64_t to, const char *format)
{
	json_t *o, *rows;
	size_t i;
	int rc = view_report_credit(svc, from, to, &o, &cli->err);

	if (rc)
		return cli_exit(rc);
	if (strcmp(format, "json") == 0) {
		cli_print_json(o);
		return 0;
	}
	rows = json_object_get(o, "rows");
	{
		static const char *const head[] = {"REP", "ROLE", "MEETING_HELD", "SELLER_LATE_CANCEL", "SQL_ACCEPTED",
						   "WON_AMOUNT", "MQL_TO_SQL"};
		static const char *const keys[] = {"rep", "role", "meeting_held", "seller_late_cancel", "sql_accepted",
						   "won_amount", "mql_to_sql"};
		struct table *t = table_new(7, head);
		int csv = strcmp(format, "csv") == 0;
		size_t k;

		if (csv)
			printf("rep,role,meeting_held,seller_late_cancel,sql_accepted,won_amount,mql_to_sql\r\n");
		for (i = 0; i < json_array_size(rows); i++) {
			json_t *r = json_array_get(rows, i);
			char *cells[7];

			for (k = 0; k < 7; k++) {
				json_t *v = json_object_get(r, keys[k]);

				cells[k] = v ? (json_is_string(v) ? strdup(json_string_value(v))
								  : json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15)))
					     : strdup("");
			}
			if (csv)
				printf("%s,%s,%s,%s,%s,%s,%s\r\n", cells[0], cells[1], cells[2], cells[3], cells[4], cells[5],
				       cells[6]);
			else
				table_row(t, (const char *const *)cells);
			for (k = 0; k < 7; k++)
				free(cells[k]);
		}
		if (!csv)
			table_print(t, stdout);
		table_free(&t);
	}
	json_decref(o);
	return 0;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *by = NULL, *format = NULL, *pos[1];
	const struct cli_opt opts[] = {{"from", OPT_STR, &from}, {"to", OPT_STR, &to}, {"by", OPT_STR, &by},
				       {"format", OPT_STR, &format}, {NULL, 0, NULL}};
	int64_t f = INT64_MIN / 2, t = INT64_MAX / 2;
	struct service svc;
	int rc = cli_parse(cli, cli_command("report"), argc, argv, opts, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!format)
		format = cli->json ? "json" : "table";
	if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "format", 0, "--format must be table, json or csv"));
	if (strcmp(pos[0], "credit") != 0)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "report", 0,
					"report %s is not built yet; this version has: credit", pos[0]));
	if (by)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0, "report credit takes no --by in this version"));
	rc = cli_service(cli, &svc);
	if (!rc && from)
		rc = period_bound(cli, svc.pb->org.timezone, from, "from", &f);
	if (!rc && to)
		rc = period_bound(cli, svc.pb->org.timezone, to, "to", &t);
	if (!rc && f >= t)
		rc = bt_fail(&cli->err, BT_BAD_INPUT, "to", 0, "--to must come after --from");
	if (!rc)
		rc = report_credit(cli, &svc, f, t, format);
	service_close(&svc);
	return cli_exit(rc);
}
