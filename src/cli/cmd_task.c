/* cmd_task.c - `baton task list|add|done`: the follow-up tasks the playbook gives to a role. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/tz.h"
#include "io/lead_json.h"
#include "io/table_out.h"
#include "service/task.h"

static json_t *task_json(const struct task *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "kind", json_string(pb_task_name(t->kind)));
	json_object_set_new(o, "lead", json_integer(t->lead));
	json_object_set_new(o, "meeting", t->meeting ? json_integer(t->meeting) : json_null());
	json_object_set_new(o, "role", json_string(role_name(t->role)));
	json_object_set_new(o, "rep", json_str_or_null(t->rep));
	json_object_set_new(o, "status", json_string(task_status_name(t->status)));
	json_object_set_new(o, "created_at", json_time_or_null(t->created_at));
	json_object_set_new(o, "done_at", json_time_or_null(t->done_at));
	json_object_set_new(o, "done_by", json_str_or_null(t->done_by));
	return o;
}

static int list_one(void *vrows, const struct task *t)
{
	struct cli_rows *rows = vrows;
	char id[CLI_NUM_LEN], lead[CLI_NUM_LEN], when[24];
	const char *cells[] = {cli_num(id, t->id),
			       pb_task_name(t->kind),
			       cli_num(lead, t->lead),
			       role_name(t->role),
			       t->rep,
			       task_status_name(t->status),
			       tz_format(rows->zone, t->created_at, when)};

	cli_rows_add(rows, rows->arr ? task_json(t) : NULL, cells);
	return 0;
}

int cmd_task(struct cli *cli, int argc, char **argv)
{
	const char *rep = NULL, *by = NULL, *kind = NULL, *to = NULL, *pos[2] = {0};
	int all = 0, n = 0;
	const struct cli_opt opts[] = {{"rep", OPT_STR, &rep}, {"by", OPT_STR, &by},  {"kind", OPT_STR, &kind},
				       {"to", OPT_STR, &to},   {"all", OPT_FLAG, &all}, {NULL, 0, NULL}};
	const struct command *cmd = cli->cmd;
	struct task t;
	int64_t id;
	int rc = cli_parse(cli, cmd, argc, argv, opts, pos, 1, 2, &n);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "list") == 0 && n == 1) {
		struct cli_rows rows;

		if (!rc && rep) {
			struct rep r;

			rc = store_rep_get(cli->svc->store, cli->a, rep, &r, &cli->err);
		}
		if (!rc) {
			static const char *const head[] = {"ID", "TASK", "LEAD", "ROLE", "HOLDER", "STATUS", "CREATED"};

			cli_rows_begin(cli, &rows, 7, head);
			rc = cli_rows_end(&rows,
					  store_task_each(cli->svc->store, rep, 0, !all, list_one, &rows, &cli->err));
		}
		return cli_exit(rc);
	}
	if (n != 2 || (strcmp(pos[0], "done") != 0 && strcmp(pos[0], "add") != 0)) {
		cli_usage(cmd, stderr);
		return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "task: expected list, add LEAD or done ID"));
	}
	if (!by)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0, "task %s: --by REP is required", pos[0]));
	if (strcmp(pos[0], "add") == 0) {
		if ((rc = cli_lead_id(cli, pos[1], &id)))
			return cli_exit(rc);
		if (!kind || !to)
			return cli_exit(bt_fail(&cli->err, BT_USAGE, kind ? "to" : "kind", 0, "task add: --kind K and --to REP are required"));
	} else if ((rc = cli_id(cli, pos[1], "task", "a task id", &id))) {
		return cli_exit(rc);
	}
	if (!rc)
		rc = strcmp(pos[0], "add") == 0 ? service_task_add(cli->svc, cli->a, id, kind, to, by, &t, &cli->err)
						: service_task_done(cli->svc, cli->a, id, by, &t, &cli->err);
	if (!rc && cli->json)
		cli_print_json(task_json(&t));
	else if (!rc)
		printf("task %lld (%s on lead %lld) is %s, held by %s.\n", (long long)t.id, pb_task_name(t.kind),
		       (long long)t.lead, task_status_name(t.status), t.rep ? t.rep : "nobody");
	return cli_exit(rc);
}
