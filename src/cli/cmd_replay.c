/* cmd_replay.c - `baton replay --playbook FILE` (SPEC 8.10): re-drives the store's history under
 * the proposed playbook in a scratch SQLite store (service/replay_compare.c), then prints, for each
 * report it compares, the recorded report (current), the replay's (proposed) and their difference
 * (delta). The store itself is only read. --format table|json (--json is json). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/json_delta.h"
#include "service/replay.h"
#include "util/file.h"

/* the playbook file's largest size, as `playbook apply` */
#define REPLAY_PLAYBOOK_MAX (1 << 20)

/* Prints the comparison for people: the assumption, the counts, then each report's numbers
 * current, proposed and their difference side by side (io/json_delta.h). */
static void print_table(json_t *o)
{
	json_t *cur = json_object_get(o, "current"), *pro = json_object_get(o, "proposed"), *v;
	json_t *done = json_object_get(o, "replayed");
	const char *name;

	size_t i;

	printf("Assumption: %s.\nReplayed %lld of %lld events (%lld refused under the proposal); %lld actions taken "
	       "by another rep or at another time.\n",
	       json_string_value(json_object_get(o, "assumption")),
	       (long long)json_integer_value(json_object_get(done, "replayed")),
	       (long long)json_integer_value(json_object_get(done, "events")),
	       (long long)json_integer_value(json_object_get(done, "skipped")),
	       (long long)json_integer_value(json_object_get(done, "moved")));
	v = json_object_get(done, "skipped_reasons");
	for (i = 0; i < json_array_size(v); i++)
		printf("  skipped %lld: %s\n",
		       (long long)json_integer_value(json_object_get(json_array_get(v, i), "count")),
		       json_string_value(json_object_get(json_array_get(v, i), "reason")));
	json_object_foreach(cur, name, v) {
		printf("\n%s%*s %12s %12s %12s\n", name, (int)(53 - strlen(name)), "", "current", "proposed", "delta");
		if (!json_delta_print(v, json_object_get(pro, name), "", stdout))
			printf("  no difference\n");
	}
}

int cmd_replay(struct cli *cli, int argc, char **argv)
{
	const char *playbook = NULL, *from = NULL, *to = NULL, *format = NULL;
	const struct cli_opt opts[] = {{"playbook", OPT_STR, &playbook},
				       {"from", OPT_STR, &from},
				       {"to", OPT_STR, &to},
				       {"format", OPT_STR, &format},
				       {NULL, 0, NULL}};
	int64_t f = INT64_MIN / 2, t = INT64_MAX / 2;
	char *text = NULL;
	size_t len;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!format)
		format = cli->json ? "json" : "table";
	if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0)
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "format", 0, "--format must be table or json"));
	if (!playbook)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "playbook", 0, "replay: --playbook FILE is required"));
	rc = cli_window(cli, from, to, &f, &t);
	if (!rc)
		rc = file_read(playbook, REPLAY_PLAYBOOK_MAX, &text, &len, &cli->err);
	if (!rc) {
		struct replay_request rq = {text, playbook, cli->now, f, t};
		json_t *out = NULL;

		rc = service_replay_compare(cli->svc, &rq, &out, &cli->err);
		if (!rc && strcmp(format, "table") == 0) {
			print_table(out);
			json_decref(out);
		} else if (!rc) {
			cli_print_json(out);
		}
	}
	free(text);
	return cli_exit(rc);
}
