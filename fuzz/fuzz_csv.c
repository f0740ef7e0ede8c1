/* fuzz_csv.c - libFuzzer target for the CSV importers (src/io/csv_import.c, csv_accounts.c). The
 * input is a whole CRM export streamed from memory through charset_to_utf8 (src/io/charset.c: a
 * UTF-16 byte-order mark converts) and csv_import_read, then as a company export through
 * csv_accounts_read; a first line "#map: A=email; B=company" is taken off and given as the --map
 * pairs, then a line "#encoding: NAME" as --encoding, then a line "#keep" turns --keep on (the
 * columns no field takes kept as attributes, SPEC 8.9). Every row handed over must carry readable
 * strings, its history columns go through history_stage and history_parse_time
 * (core/history.c), and a cell also goes through csv_import_employees and history_parse_time. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/lead.h"
#include "io/charset.h"
#include "io/csv_accounts.h"
#include "io/csv_import.h"
#include "util/arena.h"
#include "util/kv.h"

static size_t sink; /* keeps the reads of the strings from being optimized away */
static struct history_row hist; /* the history columns of the row on_row is handed */

static void touch(const char *s)
{
	if (s)
		sink += strlen(s);
}

static int on_row(void *ctx, int64_t line, struct lead *l)
{
	(void)ctx;
	if (line < 1 || l->employees < -1)
		abort();
	touch(l->email);
	touch(l->name);
	touch(l->title);
	touch(l->company);
	touch(l->phone);
	touch(l->mobile);
	touch(l->source);
	touch(l->segment);
	touch(l->country);
	touch(l->attributes);
	{
		const char *unmapped;
		enum stage st = history_stage(NULL, &hist, &unmapped);
		int64_t t;

		if ((unsigned)st >= STAGE_COUNT)
			abort();
		touch(unmapped);
		touch(hist.owner);
		touch(hist.amount);
		if (history_parse_time(hist.created, "Europe/Paris", &t) == 0)
			sink += (size_t)t;
		if (history_parse_time(hist.close_date, "America/New_York", &t) == 0)
			sink += (size_t)t;
	}
	return 0;
}

static int on_account(void *ctx, int64_t line, const struct account_row *r)
{
	(void)ctx;
	if (line < 1)
		abort();
	touch(r->name);
	touch(r->domain);
	touch(r->segment);
	touch(r->employees);
	touch(r->owner);
	return 0;
}

static int on_error(void *ctx, int64_t line, const char *field, const char *message)
{
	(void)ctx;
	if (line < 1 || !message)
		abort();
	touch(field);
	touch(message);
	return 0;
}

static void ignored(void *ctx, const char *column)
{
	(void)ctx;
	touch(column);
}

/* Reads "#map: A=b; C=d" (one line, without its newline) into map. */
static void read_map(const char *line, size_t len, struct kvlist *map, struct arena *a)
{
	char *text = arena_strndup(a, line, len), *save = NULL, *pair;

	for (pair = strtok_r(text, ";", &save); pair; pair = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(pair, '=');

		while (*pair == ' ')
			pair++;
		if (!eq)
			continue;
		*eq = '\0';
		kv_set(map, a, pair, eq + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct csv_import_cfg cfg = {0};
	struct kvlist map = {0};
	struct arena *a = arena_new();
	struct bt_error err;
	const char *encoding = NULL;
	char *copy;
	FILE *f;

	if (size >= 6 && memcmp(text, "#map: ", 6) == 0) {
		const char *nl = memchr(text, '\n', size);
		size_t len = nl ? (size_t)(nl - text) : size;

		read_map(text + 6, len - 6, &map, a);
		cfg.map = &map;
		text += nl ? len + 1 : len;
		size -= nl ? len + 1 : len;
	}
	if (size >= 11 && memcmp(text, "#encoding: ", 11) == 0) {
		const char *nl = memchr(text, '\n', size);
		size_t len = nl ? (size_t)(nl - text) : size;

		encoding = arena_strndup(a, text + 11, len - 11);
		text += nl ? len + 1 : len;
		size -= nl ? len + 1 : len;
	}
	if (size >= 6 && memcmp(text, "#keep\n", 6) == 0) { /* lead import --keep (SPEC 8.9) */
		cfg.keep = 1;
		text += 6;
		size -= 6;
	}
	cfg.source = "fuzz";
	cfg.ignored = ignored;
	cfg.history = &hist;
	/* a copy of exactly size bytes, so that a read past the end is caught */
	copy = malloc(size ? size : 1);
	if (size)
		memcpy(copy, text, size);
	f = fmemopen(copy, size, "r"); /* glibc >= 2.22 takes an empty buffer */
	if (f) {
		bt_error_clear(&err);
		if (charset_to_utf8(&f, encoding, &err) == 0)
			csv_import_read(f, &cfg, on_row, on_error, NULL, &err);
		else if (!err.message[0])
			abort(); /* a refusal says why */
		fclose(f);
	}
	f = fmemopen(copy, size, "r");
	if (f) {
		bt_error_clear(&err);
		csv_accounts_read(f, on_account, NULL, &err);
		fclose(f);
	}
	{
		char *cell = arena_strndup(a, text, size > 64 ? 64 : size);
		int64_t n;

		if (csv_import_employees(cell, &n) == 0 && n < 0)
			abort();
		if (history_parse_time(cell, "Europe/Paris", &n) == 0)
			sink += (size_t)n;
	}
	free(copy);
	arena_free(&a);
	return 0;
}
