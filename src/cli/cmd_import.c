/* cmd_import.c - `baton lead import FILE.csv`: bulk intake with a progress bar on a terminal
 * (rate and time left, on stderr) and a summary at the end (--json: the spec's shape). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/charset.h"
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

json_t *cli_import_names_json(const struct import_names *names)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < names->n; i++)
		json_array_append_new(arr, json_string(names->items[i]));
	return arr;
}

json_t *cli_import_errors_json(const struct import_report *rep)
{
	json_t *errs = json_array();
	size_t i;

	for (i = 0; i < rep->nerrors; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "line", json_integer(rep->errors[i].line));
		json_object_set_new(e, "field", rep->errors[i].field[0] ? json_string(rep->errors[i].field) : json_null());
		json_object_set_new(e, "message", json_string(rep->errors[i].message));
		json_array_append_new(errs, e);
	}
	return errs;
}

void cli_import_print_errors(const char *file, const struct import_report *rep)
{
	size_t i;

	for (i = 0; i < rep->nerrors; i++)
		fprintf(stderr, "baton: %s:%lld: %s%s%s\n", file, (long long)rep->errors[i].line, rep->errors[i].field,
			rep->errors[i].field[0] ? ": " : "", rep->errors[i].message);
	if (rep->bad > (int64_t)rep->nerrors)
		fprintf(stderr, "baton: ... and %lld more bad rows\n", (long long)(rep->bad - (int64_t)rep->nerrors));
}

/* Prints the list after its label, comma-separated, when it has names. */
static void print_names(const char *label, const struct import_names *names)
{
	size_t i;

	if (!names->n)
		return;
	printf("%s", label);
	for (i = 0; i < names->n; i++)
		printf("%s%s", i ? ", " : " ", names->items[i]);
	printf("%s\n", names->n == IMPORT_MAX_NAMES ? ", ..." : "");
}

/* --dry-run's answer (SPEC 8.8): what the import would do; the store is untouched. */
static void print_dry_run(struct cli *cli, const struct import_report *rep)
{
	int s;

	if (cli->json) {
		json_t *o = json_object(), *stages = json_object();

		for (s = 0; s < STAGE_COUNT; s++)
			if (rep->stages[s])
				json_object_set_new(stages, stage_name((enum stage)s), json_integer(rep->stages[s]));
		json_object_set_new(o, "rows", json_integer(rep->rows));
		json_object_set_new(o, "stages", stages);
		json_object_set_new(o, "unmatched_owners", cli_import_names_json(&rep->unmatched));
		json_object_set_new(o, "unmapped_values", cli_import_names_json(&rep->unmapped));
		json_object_set_new(o, "obligations", json_integer(rep->obligations));
		json_object_set_new(o, "errors", cli_import_errors_json(rep));
		cli_print_json(o);
		return;
	}
	printf("Dry run, nothing changed: %lld rows read, %lld would be imported (%lld with their history), %lld "
	       "duplicates, %lld bad rows.\n",
	       (long long)rep->rows, (long long)rep->imported, (long long)rep->history, (long long)rep->duplicates,
	       (long long)rep->bad);
	printf("Stages:");
	for (s = 0; s < STAGE_COUNT; s++)
		if (rep->stages[s])
			printf(" %s %lld", stage_name((enum stage)s), (long long)rep->stages[s]);
	if (rep->ignored[0])
		printf("\nColumns not imported: %s", rep->ignored);
	printf("\nObligations that would open (their window still running): %lld\n", (long long)rep->obligations);
	print_names("Owners that name no rep (imported without an owner):", &rep->unmatched);
	print_names("Stage values no map knows (imported at inquiry):", &rep->unmapped);
}

int cli_lead_import(struct cli *cli, int argc, char **argv)
{
	const char *mapspec = NULL, *source = NULL, *encoding = NULL, *pos[1];
	int strict = 0, dry_run = 0, keep = 0;
	const struct cli_opt opts[] = {{"map", OPT_STR, &mapspec},      {"source", OPT_STR, &source},
				       {"strict", OPT_FLAG, &strict},   {"encoding", OPT_STR, &encoding},
				       {"dry-run", OPT_FLAG, &dry_run}, {"keep", OPT_FLAG, &keep},
				       {NULL, 0, NULL}};
	struct import_opts io = {0};
	struct import_report rep;
	struct progress prog = {0};
	struct kvlist map = {0};
	struct stat stbuf;
	FILE *f;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (mapspec && (rc = parse_map(cli, mapspec, &map)))
		return cli_exit(rc);
	f = fopen(pos[0], "rb");
	if (!f)
		return cli_exit(bt_fail(&cli->err, BT_NOT_FOUND, "file", 0, "cannot read %s", pos[0]));
	rc = charset_to_utf8(&f, encoding, &cli->err); /* Windows-1252, UTF-16: to UTF-8 first */
	io.map = map.n ? &map : NULL;
	io.source = source;
	io.strict = strict;
	io.dry_run = dry_run;
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
	if (!cli->json)
		cli_import_print_errors(pos[0], &rep);
	if (dry_run) {
		print_dry_run(cli, &rep);
	} else if (cli->json) {
		json_t *o = json_object();

		json_object_set_new(o, "imported", json_integer(rep.imported));
		json_object_set_new(o, "duplicates", json_integer(rep.duplicates));
		json_object_set_new(o, "filtered", json_integer(rep.filtered));
		json_object_set_new(o, "errors", cli_import_errors_json(&rep));
		json_object_set_new(o, "rows", json_integer(rep.rows));
		json_object_set_new(o, "unassigned", json_integer(rep.unassigned));
		json_object_set_new(o, "bad", json_integer(rep.bad));
		json_object_set_new(o, "stored", json_boolean(!rep.strict_refused));
		json_object_set_new(o, "ignored_columns", json_string(rep.ignored));
		json_object_set_new(o, "history", json_integer(rep.history));
		json_object_set_new(o, "obligations", json_integer(rep.obligations));
		json_object_set_new(o, "unmatched_owners", cli_import_names_json(&rep.unmatched));
		json_object_set_new(o, "unmapped_values", cli_import_names_json(&rep.unmapped));
		cli_print_json(o);
	} else {
		if (rep.ignored[0])
			printf("Columns not imported: %s\n", rep.ignored);
		if (rep.strict_refused)
			printf("%lld rows read, %lld bad: nothing imported (--strict).\n", (long long)rep.rows, (long long)rep.bad);
		else
			printf("%lld rows read: %lld leads imported (%lld filtered, %lld unassigned), %lld duplicates, %lld bad rows skipped.\n",
			       (long long)rep.rows, (long long)rep.imported, (long long)rep.filtered, (long long)rep.unassigned,
			       (long long)rep.duplicates, (long long)rep.bad);
		if (rep.history)
			printf("%lld rows came in as history (their own creation date, stage and owner; not routed); "
			       "%lld obligations still running opened.\n",
			       (long long)rep.history, (long long)rep.obligations);
		print_names("Owners that name no rep (imported without an owner):", &rep.unmatched);
		print_names("Stage values no map knows (imported at inquiry):", &rep.unmapped);
	}
	import_report_release(&rep);
	return rep.strict_refused ? cli_exit(rc) : 0;
}
