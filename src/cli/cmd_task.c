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

struct list_ctx {
	json_t *arr;
	struct table *t;
	const char *zone;
};

static int list_one(void *vctx, const struct task *t)
{
	struct list_ctx *c = vctx;

	if (c->arr) {
		json_array_append_new(c->arr, task_json(t));
	} else {
		char id[24], lead[24], when[24];
		const char *cells[7];

		snprintf(id, sizeof(id), "%lld", (long long)t->id);
		snprintf(lead, sizeof(lead), "%lld", (long long)t->lead);
		cells[0] = id;
		cells[1] = pb_task_name(t->kind);
		cells[2] = lead;
		cells[3] = role_name(t->role);
		cells[4] = t->rep;
		cells[5] = task_status_name(t->status);
		cells[6] = tz_format(c->zone, t->created_at, when);
		table_row(c->t, cells);
	}
	return 0;
}

static int task_id(struct cli *cli, const char *s, int64_t *id)
{
	const char *p;

	for (p = s; *p; p++)
		if (*p < '0' || *p > '9')
			break;
	if (!*s || *p || strlen(s) > 18 || cli_int(cli, s, "task", 1, INT64_MAX, id))
		return bt_fail(&cli->err, BT_BAD_INPUT, "task", 0, "'%s' is not a task id", s);
	return 0;
}

int cmd_task(struct cli *cli, int argc, char **argv)
{
	const char *rep = NULL, *by = NULL, *kind = NULL, *to = NULL, *pos[2] = {0};
	int all = 0, n = 0;
	const struct cli_opt opts[] = {{"rep", OPT_STR, &rep}, {"by", OPT_STR, &by},  {"kind", OPT_STR, &kind},
				       {"to", OPT_STR, &to},   {"all", OPT_FLAG, &all}, {NULL, 0, NULL}};
	const struct command *cmd = cli_command("task");
	struct task t;
	int64_t id;
	int rc = cli_parse(cli, cmd, argc, argv, opts, pos, 1, 2, &n);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "list") == 0 && n == 1) {
		struct list_ctx c = {0};

		if (!rc && rep) {
			struct rep r;

			rc = store_rep_get(cli->svc->store, cli->a, rep, &r, &cli->err);
		}
		if (!rc) {
			c.zone = cli->svc->pb->org.timezone;
			if (cli->json)
				c.arr = json_array();
			else {
				static const char *const head[] = {"ID", "TASK", "LEAD", "ROLE", "HOLDER", "STATUS", "CREATED"};

				c.t = table_new(7, head);
			}
			rc = store_task_each(cli->svc->store, rep, 0, !all, list_one, &c, &cli->err);
			if (c.arr && !rc)
				cli_print_json(c.arr);
			else if (c.arr)
				json_decref(c.arr);
			if (c.t && !rc)
				table_print(c.t, stdout);
			table_free(&c.t);
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
	} else if ((rc = task_id(cli, pos[1], &id))) {
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
