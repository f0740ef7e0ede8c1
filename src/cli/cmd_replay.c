/* cmd_replay.c - `baton replay --playbook FILE` (SPEC 8.10): re-drives the store's history under
 * the proposed playbook in a scratch SQLite store (service/replay.c), then prints, for each report
 * it compares, the recorded report (current), the replay's (proposed) and their difference
 * (delta). The store itself is only read. --format table|json (--json is json). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "io/report_out.h"
#include "service/admin.h"
#include "service/replay.h"
#include "service/views.h"
#include "util/arena.h"
#include "util/file.h"

/* the playbook file's largest size, as `playbook apply` */
#define REPLAY_PLAYBOOK_MAX (1 << 20)

/* The reports a replay compares, in the order printed (the rest of SPEC 8.10's: NOTES-replay.md). */
static const char *const replay_reports[] = {"sla", "funnel"};
#define REPLAY_NREPORTS (sizeof(replay_reports) / sizeof(replay_reports[0]))

static json_t *json_delta(json_t *a, json_t *b);

/* 1 if rows x and y are the same row: their text members (the rule, the group's key) equal. */
static int same_row(json_t *x, json_t *y)
{
	const char *k;
	json_t *v;

	json_object_foreach(x, k, v) {
		if (json_is_string(v) && !json_equal(v, json_object_get(y, k)))
			return 0;
	}
	json_object_foreach(y, k, v) {
		if (json_is_string(v) && !json_equal(v, json_object_get(x, k)))
			return 0;
	}
	return 1;
}

/* A copy of row with "only": side (a row one side of the comparison lacks). */
static json_t *only_row(json_t *row, const char *side)
{
	json_t *out = json_deep_copy(row);

	json_object_set_new(out, "only", json_string(side));
	return out;
}

/* The rows of b against those of a: matched rows by their text members, the others whole. */
static json_t *rows_delta(json_t *a, json_t *b)
{
	json_t *out = json_array(), *x, *y;
	size_t i, j;

	json_array_foreach(a, i, x) {
		json_t *match = NULL;

		json_array_foreach(b, j, y) {
			if (json_is_object(x) && json_is_object(y) && same_row(x, y)) {
				match = y;
				break;
			}
		}
		json_array_append_new(out, match ? json_delta(x, match) : only_row(x, "current"));
	}
	json_array_foreach(b, j, y) {
		int found = 0;

		json_array_foreach(a, i, x) {
			if (json_is_object(x) && json_is_object(y) && same_row(x, y)) {
				found = 1;
				break;
			}
		}
		if (!found)
			json_array_append_new(out, only_row(y, "proposed"));
	}
	return out;
}

/* b - a, field by field: numbers subtracted, strings kept when equal (the row's labels) or both
 * given, objects by key over what both hold, arrays of rows matched by their text members (a
 * row on one side only given whole with "only": "current" or "proposed"); a new reference. */
static json_t *json_delta(json_t *a, json_t *b)
{
	json_t *out, *v;
	const char *k;

	if (json_is_integer(a) && json_is_integer(b))
		return json_integer(json_integer_value(b) - json_integer_value(a));
	if (json_is_number(a) && json_is_number(b))
		return json_real(json_number_value(b) - json_number_value(a));
	if (json_is_object(a) && json_is_object(b)) {
		out = json_object();
		json_object_foreach(a, k, v) {
			json_t *w = json_object_get(b, k);

			if (w)
				json_object_set_new(out, k, json_delta(v, w));
		}
		return out;
	}
	if (json_is_array(a) && json_is_array(b))
		return rows_delta(a, b);
	if (json_equal(a, b))
		return json_incref(a);
	return json_pack("{s:O, s:O}", "current", a, "proposed", b);
}

/* Writes path[LABEL] to out: the row's text members joined by '/' (its rule, its group), else
 * its position. */
static void row_label(json_t *row, size_t i, const char *path, char *out, size_t size)
{
	const char *k;
	json_t *v;
	size_t len;

	snprintf(out, size, "%s[", path);
	json_object_foreach(row, k, v) {
		len = strlen(out);
		if (json_is_string(v) && strcmp(k, "only") != 0)
			snprintf(out + len, size - len, "%s%s", out[len - 1] == '[' ? "" : "/", json_string_value(v));
	}
	len = strlen(out);
	if (out[len - 1] == '[')
		snprintf(out + len, size - len, "%zu", i);
	len = strlen(out);
	snprintf(out + len, size - len, "]");
}

/* Prints every non-zero difference of delta d under `path`, one line each; how many. */
static int print_changes(json_t *d, const char *path)
{
	char sub[256];
	json_t *v;
	const char *k;
	size_t i;
	int n = 0;

	if (json_is_number(d) && json_number_value(d) != 0) {
		printf("  %s %+g\n", path, json_number_value(d));
		return 1;
	}
	if (json_is_object(d) && json_is_string(json_object_get(d, "only"))) {
		char *row = json_dumps(d, JSON_COMPACT);

		printf("  %s only in %s: %s\n", path, json_string_value(json_object_get(d, "only")), row ? row : "?");
		free(row);
		return 1;
	}
	if (json_is_object(d) && json_object_get(d, "current") && json_object_get(d, "proposed")) {
		char *c = json_dumps(json_object_get(d, "current"), JSON_ENCODE_ANY | JSON_COMPACT);
		char *p = json_dumps(json_object_get(d, "proposed"), JSON_ENCODE_ANY | JSON_COMPACT);

		printf("  %s %s -> %s\n", path, c ? c : "?", p ? p : "?");
		free(c);
		free(p);
		return 1;
	}
	if (json_is_object(d))
		json_object_foreach(d, k, v) {
			snprintf(sub, sizeof(sub), "%s.%s", path, k);
			n += print_changes(v, sub);
		}
	if (json_is_array(d))
		json_array_foreach(d, i, v) {
			row_label(v, i, path, sub, sizeof(sub));
			n += print_changes(v, sub);
		}
	return n;
}

/* Computes report `name` on svc into *json (and prints its table when table is set). */
static int one_report(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json, int table,
		      struct bt_error *err)
{
	struct arena *a = arena_new();
	struct report r;
	int rc = service_report(svc, a, name, BY_NONE, from, to, &r, err);

	if (!rc) {
		*json = report_json(&r, from, to, BY_NONE);
		if (table)
			report_print_table(&r, stdout);
	}
	arena_free(&a);
	return rc;
}

/* Fills out's current, proposed and delta with the reports of src and dst. */
static int compare(struct service *src, struct service *dst, int64_t from, int64_t to, int table, json_t *out,
		   struct bt_error *err)
{
	json_t *cur = json_object(), *pro = json_object(), *delta = json_object();
	size_t i;
	int rc = 0;

	json_object_set_new(out, "current", cur);
	json_object_set_new(out, "proposed", pro);
	json_object_set_new(out, "delta", delta);
	for (i = 0; !rc && i < REPLAY_NREPORTS; i++) {
		json_t *c = NULL, *p = NULL;

		if (table)
			printf("\n%s, current:\n", replay_reports[i]);
		rc = one_report(src, replay_reports[i], from, to, &c, table, err);
		if (!rc && table)
			printf("\n%s, proposed:\n", replay_reports[i]);
		if (!rc)
			rc = one_report(dst, replay_reports[i], from, to, &p, table, err);
		if (rc) {
			json_decref(c);
			break;
		}
		json_object_set_new(delta, replay_reports[i], json_delta(c, p));
		json_object_set_new(cur, replay_reports[i], c);
		json_object_set_new(pro, replay_reports[i], p);
		if (table) {
			printf("\n%s, differences:\n", replay_reports[i]);
			if (!print_changes(json_object_get(delta, replay_reports[i]), replay_reports[i]))
				printf("  none\n");
		}
	}
	return rc;
}

/* Removes the scratch store's file and SQLite's companions. */
static void scratch_remove(const char *path)
{
	char side[4096 + 8];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static int replay_run(struct cli *cli, const char *text, const char *name, int64_t from, int64_t to, int table)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	char when[CLOCK_RFC3339_LEN];
	struct service dst;
	struct replay_stats st;
	json_t *out;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/baton-replay-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return bt_fail(&cli->err, BT_STORAGE, "replay", 0, "cannot create a scratch store in %s", path);
	close(fd);
	unlink(path); /* the store creates it */
	rc = service_init(&dst, path, text, name, cli->now, &cli->err);
	if (rc) {
		scratch_remove(path);
		return rc; /* the proposal does not parse: its error names the line */
	}
	rc = service_replay(cli->svc, &dst, &st, &cli->err);
	out = json_object();
	json_object_set_new(out, "from",
			    from > INT64_MIN / 2 ? json_string(clock_format_rfc3339(from, when)) : json_null());
	json_object_set_new(out, "to", to < INT64_MAX / 2 ? json_string(clock_format_rfc3339(to, when)) : json_null());
	json_object_set_new(out, "assumption", json_string(REPLAY_ASSUMPTION));
	json_object_set_new(out, "replayed",
			    json_pack("{s:I, s:I, s:I}", "events", (json_int_t)st.events, "replayed",
				      (json_int_t)st.replayed, "skipped", (json_int_t)st.skipped));
	if (!rc && table)
		printf("Assumption: %s.\nReplayed %lld of %lld events (%lld refused under the proposal).\n",
		       REPLAY_ASSUMPTION, (long long)st.replayed, (long long)st.events, (long long)st.skipped);
	if (!rc) {
		dst.now = cli->now; /* both sides are read at the same moment */
		rc = compare(cli->svc, &dst, from, to, table, out, &cli->err);
	}
	if (!rc && !table)
		cli_print_json(out);
	else
		json_decref(out);
	service_close(&dst);
	if (getenv("BATON_REPLAY_KEEP")) /* to compare `export events` of both sides */
		fprintf(stderr, "replay: the scratch store is kept at %s\n", path);
	else
		scratch_remove(path);
	return rc;
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
	if (!rc)
		rc = replay_run(cli, text, playbook, f, t, strcmp(format, "table") == 0);
	free(text);
	return cli_exit(rc);
}
