/* cmd_sla.c - `baton tick`, `baton sla` and `baton queue`: the timers run, the obligations
 * listed, and a rep's work list (breached first, then by due time, then grade), each line
 * saying what is owed and by when in the rep's words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/bizclock.h"
#include "core/clock.h"
#include "core/tz.h"
#include "io/lead_json.h"
#include "io/table_out.h"
#include "service/lists.h"
#include "service/views.h"
#include "util/arena.h"
#include "service/tick.h"

int cmd_tick(struct cli *cli, int argc, char **argv)
{
	struct tick_report r;
	size_t i;
	int rc = cli_parse(cli, cli->cmd, argc, argv, NULL, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!rc) {
		struct timespec t0, t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = service_tick(cli->svc, &r, &cli->err);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (getenv("BATON_TIMING"))
			fprintf(stderr, "baton: tick: store work %.3f ms, %lld obligations\n",
				(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
				(long long)r.obligations);
	}
	if (rc) {
		return cli_exit(rc);
	}
	if (cli->json) {
		json_t *arr = json_array();

		for (i = 0; i < r.n; i++) {
			const struct tick_item *it = &r.items[i];
			json_t *o = json_object();

			json_object_set_new(o, "type", json_string(it->type));
			json_object_set_new(o, "rule", json_string(it->rule));
			json_object_set_new(o, "lead", json_integer(it->lead));
			json_object_set_new(o, "rep", json_str_or_null(it->rep));
			json_object_set_new(o, "at", json_time_or_null(it->at));
			if (it->detail)
				json_object_set_new(o, "detail", json_string(it->detail));
			json_array_append_new(arr, o);
		}
		cli_print_json(arr);
	} else {
		for (i = 0; i < r.n; i++) {
			const struct tick_item *it = &r.items[i];
			char when[24];

			printf("%s  %-8s %-16s lead %-6lld %s%s%s\n", tz_format(cli->svc->pb->org.timezone, it->at, when), it->type,
			       it->rule, (long long)it->lead, it->rep ? it->rep : "-", it->detail ? "  " : "",
			       it->detail ? it->detail : "");
		}
		printf("%lld obligation%s due, %zu action%s.\n", (long long)r.obligations, r.obligations == 1 ? "" : "s",
		       r.n, r.n == 1 ? "" : "s");
	}
	tick_report_release(&r);
	return 0;
}

static int sla_one(void *vrows, const struct obligation *ob)
{
	struct cli_rows *rows = vrows;
	char id[CLI_NUM_LEN], lead[CLI_NUM_LEN], due[24];
	const char *cells[] = {cli_num(id, ob->id), ob_rule_name(ob->rule),            cli_num(lead, ob->lead),
			       ob->owner,           tz_format(rows->zone, ob->due, due), ob_status_name(ob->status)};

	cli_rows_add(rows, rows->arr ? obligation_json(ob) : NULL, cells);
	return 0;
}

int cmd_sla(struct cli *cli, int argc, char **argv)
{
	static const char *const head[] = {"ID", "RULE", "LEAD", "OWNER", "DUE", "STATUS"};
	int open = 0, breached = 0;
	const char *rep = NULL, *limit = NULL, *offset = NULL, *sort = NULL;
	const struct cli_opt opts[] = {{"open", OPT_FLAG, &open},   {"breached", OPT_FLAG, &breached},
				       {"rep", OPT_STR, &rep},      {"limit", OPT_STR, &limit},
				       {"offset", OPT_STR, &offset}, {"sort", OPT_STR, &sort},
				       {NULL, 0, NULL}};
	const struct list_viewer everyone = {1, NULL};
	struct ob_filter f = {0, NULL, -1, 0, 0};
	struct sort_spec spec;
	struct cli_rows rows;
	int rc;

	memset(&spec, 0, sizeof(spec));
	rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (open && breached)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "open", 0, "sla: --open and --breached exclude each other"));
	if ((limit && (rc = cli_int(cli, limit, "limit", 1, INT64_MAX, &spec.limit))) ||
	    (offset && (rc = cli_int(cli, offset, "offset", 0, INT64_MAX, &spec.offset))) ||
	    (rc = sort_parse(sort, ob_sort_fields, ob_sort_fields_n, &spec, &cli->err)))
		return cli_exit(rc);
	f.status = open ? OB_OPEN : breached ? OB_BREACHED : -1;
	f.owner = rep;
	if (rep) {
		struct rep r;

		rc = store_rep_get(cli->svc->store, cli->a, rep, &r, &cli->err);
	}
	if (!rc) {
		cli_rows_begin(cli, &rows, 6, head);
		rc = cli_rows_end(&rows, list_obligations(cli->svc, cli->a, &everyone, &f, &spec, sla_one, &rows, NULL,
							  &cli->err));
	}
	return cli_exit(rc);
}

/* "in 3 min", "2 h ago" */
static const char *relative(struct arena *a, int64_t due, int64_t now)
{
	int64_t d = due - now, m = (d < 0 ? -d : d) / 60;
	const char *span = m < 120 ? arena_printf(a, "%lld min", (long long)m)
			   : m < 2880 ? arena_printf(a, "%lld h", (long long)(m / 60))
				      : arena_printf(a, "%lld days", (long long)(m / 1440));

	return d >= 0 ? arena_printf(a, "in %s", span) : arena_printf(a, "%s ago", span);
}

int cmd_queue(struct cli *cli, int argc, char **argv)
{
	const char *rep = NULL;
	int working = 0;
	const struct cli_opt opts[] = {{"rep", OPT_STR, &rep}, {"working", OPT_FLAG, &working}, {NULL, 0, NULL}};
	struct qitem *items = NULL;
	struct rep r;
	size_t n = 0, owed = 0, i;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!rep)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "rep", 0, "queue: --rep R is required"));
	rc = store_rep_get(cli->svc->store, cli->a, rep, &r, &cli->err);
	if (!rc)
		rc = working ? view_queue_working(cli->svc, cli->a, rep, &items, &n, &cli->err)
			     : view_queue(cli->svc, cli->a, rep, &items, &n, &cli->err);
	if (rc) {
		return cli_exit(rc);
	}
	if (cli->json) {
		cli_print_json(view_queue_json(items, n));
	} else {
		struct bizclock bc;

		bizclock_init(&bc, cli->svc->pb, NULL, &r); /* in the rep's own time (SPEC 8.4) */
		printf("Work list of %s (%s), %s\n", rep, role_name(r.role), bc.zone);
		for (i = 0; i < n; i++) {
			const struct qitem *q = &items[i];
			char when[24];

			if (q->kind == QITEM_WORKING) {
				if (!i || items[i - 1].kind != QITEM_WORKING)
					printf("%s  Working leads, nothing due now (the longest unchanged first):\n",
					       owed ? "" : "  nothing owed\n");
				printf("  %-8s %s (lead %lld, grade %s): %s, last change %s (%s)\n", "working", q->l.email,
				       (long long)q->lead, q->l.grade ? q->l.grade : "-", cli->svc->pb->stages[q->l.stage].label,
				       tz_format(bc.zone, q->due, when),
				       relative(cli->a, q->due, cli->svc->now));
				continue;
			}
			owed++;
			if (q->kind == QITEM_TASK)
				printf("  %-8s %s on %s (lead %lld)\n", "TASK", q->what, q->l.email, (long long)q->lead);
			else
				printf("  %-8s %s for %s%s (lead %lld, grade %s): %s %s (%s)\n", q->breached ? "BREACHED" : "due",
				       q->what, q->l.email,
				       q->l.name || q->l.company
					       ? arena_printf(cli->a, " (%s%s%s)", q->l.name ? q->l.name : "",
							      q->l.name && q->l.company ? ", " : "", q->l.company ? q->l.company : "")
					       : "",
				       (long long)q->lead, q->l.grade ? q->l.grade : "-", q->breached ? "was due" : "due by",
				       tz_format(bc.zone, q->due, when), relative(cli->a, q->due, cli->svc->now));
		}
		if (!owed && (!n || items[0].kind != QITEM_WORKING))
			printf("  nothing owed\n");
	}
	return 0;
}
