/* cmd_import.c - `baton lead import FILE.csv`: bulk intake with a progress bar on a terminal
 * (rate and time left, on stderr) and a summary at the end (--json: the spec's shape). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/import.h"
#include "util/arena.h"

struct progress {
	uint64_t total;     /* file size in bytes, 0 if unknown */
	double start;       /* monotonic seconds */
	double last;        /* last redraw */
	int shown;
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void draw(void *ctx, uint64_t bytes, int64_t rows)
{
	struct progress *p = ctx;
	double now = mono(), rate, left;
	int width = 30, fill, i;
	char bar[64];

	if (now - p->last < 0.1 && bytes < p->total)
		return;
	p->last = now;
	p->shown = 1;
	rate = (double)bytes / (now - p->start > 1e-6 ? now - p->start : 1e-6);
	left = p->total > bytes && rate > 0 ? (double)(p->total - bytes) / rate : 0;
	fill = p->total ? (int)((double)bytes * width / (double)p->total) : 0;
	for (i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[width] = '\0';
	fprintf(stderr, "\r[%s] %3d%%  %lld rows  %.0f rows/s  %d s left ", bar,
		p->total ? (int)(bytes * 100 / p->total) : 0, (long long)rows,
		(double)rows / (now - p->start > 1e-6 ? now - p->start : 1e-6), (int)(left + 0.5));
	fflush(stderr);
}

/* Splits "A=b,C=d" into map (the --map option may also be given several times). */
static int parse_map(struct cli *cli, const char *spec, struct kvlist *map)
{
	char *copy = arena_strdup(cli->a, spec), *save = NULL, *tok;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq || eq == tok || !eq[1])
			return bt_fail(&cli->err, BT_USAGE, "map", 0, "--map takes Source Column=field pairs, got '%s'", tok);
		*eq = '\0';
		kv_set(map, cli->a, tok, eq + 1);
	}
	return 0;
}

int cli_lead_import(struct cli *cli, int argc, char **argv)
{
	const char *mapspec = NULL, *source = NULL, *pos[1];
	int strict = 0, keep = 0;
	const struct cli_opt opts[] = {{"map", OPT_STR, &mapspec}, {"source", OPT_STR, &source},
				       {"strict", OPT_FLAG, &strict}, {"keep", OPT_FLAG, &keep}, {NULL, 0, NULL}};
	struct import_opts io = {0};
	struct import_report rep;
	struct progress prog = {0};
	struct kvlist map = {0};
	struct stat stbuf;
	FILE *f;
	size_t i;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (mapspec && (rc = parse_map(cli, mapspec, &map)))
		return cli_exit(rc);
	f = fopen(pos[0], "rb");
	if (!f)
		return cli_exit(bt_fail(&cli->err, BT_NOT_FOUND, "file", 0, "cannot read %s", pos[0]));
	io.map = map.n ? &map : NULL;
	io.source = source;
	io.strict = strict;
	io.keep = keep;
	io.actor = "import";
	if (isatty(STDERR_FILENO) && fstat(fileno(f), &stbuf) == 0) {
		prog.total = (uint64_t)stbuf.st_size;
		prog.start = prog.last = mono();
		io.progress = draw;
		io.progress_ctx = &prog;
	}
	if (!rc)
		rc = service_import(cli->svc, f, &io, &rep, &cli->err);
	else
		memset(&rep, 0, sizeof(rep));
	fclose(f);
	if (prog.shown)
		fputs("\n", stderr);
	if (rc && !rep.strict_refused) {
		import_report_release(&rep);
		return cli_exit(rc);
	}
	if (cli->json) {
		json_t *o = json_object(), *errs = json_array();

		json_object_set_new(o, "imported", json_integer(rep.imported));
		json_object_set_new(o, "duplicates", json_integer(rep.duplicates));
		json_object_set_new(o, "filtered", json_integer(rep.filtered));
		for (i = 0; i < rep.nerrors; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "line", json_integer(rep.errors[i].line));
			json_object_set_new(e, "field", rep.errors[i].field[0] ? json_string(rep.errors[i].field) : json_null());
			json_object_set_new(e, "message", json_string(rep.errors[i].message));
			json_array_append_new(errs, e);
		}
		json_object_set_new(o, "errors", errs);
		json_object_set_new(o, "rows", json_integer(rep.rows));
		json_object_set_new(o, "unassigned", json_integer(rep.unassigned));
		json_object_set_new(o, "bad", json_integer(rep.bad));
		json_object_set_new(o, "stored", json_boolean(!rep.strict_refused));
		json_object_set_new(o, "ignored_columns", json_string(rep.ignored));
		cli_print_json(o);
	} else {
		for (i = 0; i < rep.nerrors; i++)
			fprintf(stderr, "baton: %s:%lld: %s%s%s\n", pos[0], (long long)rep.errors[i].line, rep.errors[i].field,
				rep.errors[i].field[0] ? ": " : "", rep.errors[i].message);
		if (rep.bad > (int64_t)rep.nerrors)
			fprintf(stderr, "baton: ... and %lld more bad rows\n", (long long)(rep.bad - (int64_t)rep.nerrors));
		if (rep.ignored[0])
			printf("Columns not imported: %s\n", rep.ignored);
		if (rep.strict_refused)
			printf("%lld rows read, %lld bad: nothing imported (--strict).\n", (long long)rep.rows, (long long)rep.bad);
		else
			printf("%lld rows read: %lld leads imported (%lld filtered, %lld unassigned), %lld duplicates, %lld bad rows skipped.\n",
			       (long long)rep.rows, (long long)rep.imported, (long long)rep.filtered, (long long)rep.unassigned,
			       (long long)rep.duplicates, (long long)rep.bad);
	}
	import_report_release(&rep);
	return rep.strict_refused ? cli_exit(rc) : 0;
}
