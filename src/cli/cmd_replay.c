/* cmd_replay.c - `baton replay --playbook FILE [--changes CHANGES.json]` (SPEC 8.10): re-drives
 * the store's history under the proposed playbook, and the proposed changes to reps
 * (service/replay_changes.h), in a scratch SQLite store (service/replay_compare.c), then prints,
 * for each report it compares, the recorded report (current), the replay's (proposed) and their difference
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

/* Reads CHANGES.json at path into *out (a new reference); 0 or -BT_BAD_INPUT naming its line. */
static int read_changes(struct cli *cli, const char *path, json_t **out)
{
	char *text = NULL;
	size_t len;
	json_error_t jerr;
	int rc = file_read(path, REPLAY_PLAYBOOK_MAX, &text, &len, &cli->err);

	*out = NULL;
	if (!rc)
		*out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!rc && !*out)
		rc = bt_fail(&cli->err, BT_BAD_INPUT, "changes", jerr.line, "%s: line %d: %s", path, jerr.line,
			     jerr.text);
	free(text);
	return rc;
}

/* Prints the changes to reps the replay applied, a line each (the table's first lines). */
static void print_changes(json_t *c)
{
	json_t *reps = json_object_get(c, "reps"), *v, *x;
	const char *name, *key, *sep;
	size_t i;

	if (json_is_null(c))
		return;
	printf("Changes to reps:\n");
	json_object_foreach(reps, name, v) {
		sep = "";
		printf("  %s:", name);
		json_object_foreach(v, key, x) {
			char *s = json_is_string(x) ? NULL : json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT);

			printf("%s %s %s", sep, key, s ? s : json_string_value(x));
			free(s);
			sep = ",";
		}
		printf("\n");
	}
	json_array_foreach(json_object_get(c, "absences"), i, v) {
		const char *reason = json_string_value(json_object_get(v, "reason"));

		printf("  %s away from %s to %s%s%s%s\n", json_string_value(json_object_get(v, "rep")),
		       json_string_value(json_object_get(v, "from")), json_string_value(json_object_get(v, "to")),
		       reason ? " (" : "", reason ? reason : "", reason ? ")" : "");
	}
}

/* Prints the comparison for people: the changes to reps, the assumption, the counts, then each report's numbers
 * current, proposed and their difference side by side (io/json_delta.h). */
static void print_table(json_t *o)
{
	json_t *cur = json_object_get(o, "current"), *pro = json_object_get(o, "proposed"), *v;
	json_t *done = json_object_get(o, "replayed");
	const char *name;

	size_t i;

	print_changes(json_object_get(o, "changes"));
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
	const char *playbook = NULL, *changes = NULL, *from = NULL, *to = NULL, *format = NULL;
	const struct cli_opt opts[] = {{"playbook", OPT_STR, &playbook}, {"changes", OPT_STR, &changes},
				       {"from", OPT_STR, &from},         {"to", OPT_STR, &to},
				       {"format", OPT_STR, &format},     {NULL, 0, NULL}};
	int64_t f = INT64_MIN / 2, t = INT64_MAX / 2;
	char *text = NULL;
	json_t *ch = NULL;
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
	if (!rc && changes)
		rc = read_changes(cli, changes, &ch);
	if (!rc) {
		struct replay_request rq = {text, playbook, cli->now, f, t, ch};
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
	json_decref(ch);
	return cli_exit(rc);
}
