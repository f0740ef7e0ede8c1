/* playbook_walk.c - the walker under the playbook's schema (SPEC section 4): it matches a YAML
 * map against a table of keys (struct pb_key), reads each value by its type (durations, times,
 * fractions, closed sets of names, lists) into the offset its key names, and records every
 * error with its key path and line, suggesting the key a typo stands for. It knows no key of
 * the playbook: the tables are playbook_schema.c's, which calls it, never the reverse. The
 * YAML values are libfyaml nodes, seen as struct pb_node outside this file. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "core/bounds.h"
#include "core/clock.h"
#include "core/playbook_priv.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* ---------------------------------------------------------------- the context and its errors */

void pb_ctx_init(struct pb_ctx *c, struct playbook *pb)
{
	memset(c, 0, sizeof(*c));
	c->pb = pb;
	c->arena = pb->arena;
	c->errs = calloc(1, sizeof(*c->errs));
	if (!c->errs) {
		fputs("baton: out of memory\n", stderr);
		abort();
	}
}

void pb_ctx_release(struct pb_ctx *c)
{
	free(c->errs);
	free(c->lines);
	c->errs = NULL;
	c->lines = NULL;
}

void pb_error(struct pb_ctx *c, const char *path, int line, const char *fmt, ...)
{
	struct bt_error *e;
	va_list ap;

	c->nfound++;
	if (c->errs->n >= PB_MAX_ERRORS)
		return;
	e = &c->errs->items[c->errs->n++];
	bt_fail(e, BT_BAD_INPUT, path, line, "%s", "");
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
}

/* Remembers the line of a key path, for the checks across keys (playbook.c). */
static void note_line(struct pb_ctx *c, const char *path, int line)
{
	struct pb_line *grown;
	size_t cap;

	if (c->nlines == c->caplines) {
		cap = c->caplines ? 2 * c->caplines : 256;
		grown = realloc(c->lines, cap * sizeof(*grown));
		if (!grown) {
			fputs("baton: out of memory\n", stderr);
			abort();
		}
		c->lines = grown;
		c->caplines = cap;
	}
	snprintf(c->lines[c->nlines].path, sizeof(c->lines[c->nlines].path), "%s", path);
	c->lines[c->nlines++].line = line;
}

/* ---------------------------------------------------------------- values */

/* A struct pb_node is a libfyaml node: the two conversions between them. */
static struct fy_node *fy(struct pb_node *n)
{
	return (struct fy_node *)(void *)n;
}

static struct pb_node *node(struct fy_node *n)
{
	return (struct pb_node *)(void *)n;
}

int pb_node_line(struct pb_node *n, int fallback)
{
	struct fy_token *t;
	const struct fy_mark *m;
	struct fy_node_pair *p;
	void *it = NULL;

	if (!n)
		return fallback;
	if (fy_node_is_scalar(fy(n))) {
		t = fy_node_get_scalar_token(fy(n));
		m = t ? fy_token_start_mark(t) : NULL;
		return m ? m->line + 1 : fallback;
	}
	if (fy_node_is_mapping(fy(n))) {
		p = fy_node_mapping_iterate(fy(n), &it);
		return p ? pb_node_line(node(fy_node_pair_key(p)), fallback) : fallback;
	}
	return pb_node_line(node(fy_node_sequence_iterate(fy(n), &it)), fallback);
}

int pb_is_null(struct pb_node *v)
{
	static const char *const nulls[] = {"~", "null", "Null", "NULL", ""};
	const char *s;
	size_t i, len;

	if (!v || fy_node_is_null(fy(v)))
		return 1;
	if (!fy_node_is_scalar(fy(v)) || fy_node_get_style(fy(v)) != FYNS_PLAIN)
		return 0;
	s = fy_node_get_scalar(fy(v), &len);
	for (i = 0; s && i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strlen(nulls[i]) == len && memcmp(nulls[i], s, len) == 0)
			return 1;
	return 0;
}

const char *pb_kind(struct pb_ctx *c, struct pb_node *v)
{
	size_t len;
	const char *s;

	if (pb_is_null(v))
		return "nothing";
	if (fy_node_is_mapping(fy(v)))
		return "a map";
	if (fy_node_is_sequence(fy(v)))
		return "a list";
	s = fy_node_get_scalar(fy(v), &len);
	return arena_printf(c->arena, "the text \"%.*s\"", (int)(len > 60 ? 60 : len), s ? s : "");
}

const char *pb_text_of(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want)
{
	size_t len;
	const char *s;

	if (pb_is_null(v) || !fy_node_is_scalar(fy(v))) {
		pb_error(c, path, line, "expected %s, found %s", want, pb_kind(c, v));
		return NULL;
	}
	s = fy_node_get_scalar(fy(v), &len);
	return arena_strndup(c->arena, s ? s : "", s ? len : 0);
}

const char *pb_url_of(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *const *schemes,
		      const char *example)
{
	const char *s = pb_text_of(c, v, path, line, arena_printf(c->arena, "a URL such as %s", example));
	size_t skip = 0, i, n;

	if (!s)
		return NULL;
	for (i = 0; schemes[i] && !skip; i++) {
		n = strlen(schemes[i]);
		if (strncmp(s, schemes[i], n) == 0 && strncmp(s + n, "://", 3) == 0)
			skip = n + 3;
	}
	if (skip && s[skip] && s[skip] != '/' && !strpbrk(s, " \t\r\n"))
		return s;
	{
		struct strbuf known;

		strbuf_init(&known);
		for (i = 0; schemes[i]; i++)
			strbuf_addf(&known, "%s%s://", i == 0 ? "" : schemes[i + 1] ? ", " : " or ", schemes[i]);
		pb_error(c, path, line, "\"%s\" is not %s address: it must start with %s and name a host, e.g. %s", s,
			 strcmp(schemes[0], "http") == 0 ? "a web" : "an", known.buf, example);
		strbuf_release(&known);
	}
	return NULL;
}

struct pb_node *pb_lookup(struct pb_node *m, const char *key)
{
	return m && fy_node_is_mapping(fy(m)) ? node(fy_node_mapping_lookup_by_string(fy(m), key, FY_NT)) : NULL;
}

/* Like pb_text_of, for numbers and booleans: quoted text is refused, so "10" is not 10. */
static const char *plain_of(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want)
{
	const char *s = pb_text_of(c, v, path, line, want);

	if (s && fy_node_get_style(fy(v)) != FYNS_PLAIN) {
		pb_error(c, path, line, "expected %s, found the quoted text \"%s\" (write it without quotes)", want, s);
		return NULL;
	}
	return s;
}

static const char *set_name(const struct pb_enum *e, int i)
{
	return e->names ? e->names[i] : e->name_at(i);
}

int pb_set_find(const struct pb_enum *e, const char *s)
{
	int i;

	for (i = 0; set_name(e, i); i++)
		if (strcmp(set_name(e, i), s) == 0)
			return i;
	return -1;
}

const char *pb_set_list(struct pb_ctx *c, const struct pb_enum *e)
{
	struct strbuf sb;
	const char *out;
	int i;

	strbuf_init(&sb);
	for (i = 0; set_name(e, i); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", set_name(e, i));
	out = arena_strdup(c->arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* Reads one name of set e from v; returns its index, or -1 after an error listing the set. */
static int name_of(struct pb_ctx *c, struct pb_node *v, const struct pb_enum *e, const char *path, int line)
{
	const char *s;
	size_t len;
	int i;

	if (pb_is_null(v) || !fy_node_is_scalar(fy(v))) {
		pb_error(c, path, line, "expected a %s (%s), found %s", e->what, pb_set_list(c, e), pb_kind(c, v));
		return -1;
	}
	s = fy_node_get_scalar(fy(v), &len);
	for (i = 0; set_name(e, i); i++)
		if (strlen(set_name(e, i)) == len && memcmp(set_name(e, i), s, len) == 0)
			return i;
	pb_error(c, path, line, "\"%.*s\" is not a known %s; use one of: %s", (int)len, s, e->what, pb_set_list(c, e));
	return -1;
}

/* ---------------------------------------------------------------- walking maps and lists */

static void join(char *out, const char *path, const char *name)
{
	snprintf(out, PB_PATH_MAX, "%s%s%s", path, *path ? "." : "", name);
}

static void join_index(char *out, const char *path, size_t i)
{
	snprintf(out, PB_PATH_MAX, "%s[%zu]", path, i);
}

static const char *keys_list(struct pb_ctx *c, const struct pb_key *keys)
{
	struct strbuf sb;
	const char *out;
	int i;

	strbuf_init(&sb);
	for (i = 0; keys[i].name; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", keys[i].name);
	out = arena_strdup(c->arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* Edit distance of two short names, capped: enough to say "did you mean". */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[PB_PATH_MAX + 1], diag, up;

	if (la > PB_PATH_MAX || lb > PB_PATH_MAX)
		return INT_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* Reports an unknown key; returns the index of the known key it is a typo of, or -1. */
static int unknown_key(struct pb_ctx *c, const struct pb_key *keys, const char *name, const char *path,
		       const char *where, int line)
{
	const char *best = NULL;
	int i, d, bestd = INT_MAX, besti = -1;

	for (i = 0; keys[i].name; i++) {
		d = distance(name, keys[i].name);
		if (d < bestd && d <= (int)strlen(keys[i].name) / 3 + 1) {
			bestd = d;
			besti = i;
			best = keys[i].name;
		}
	}
	pb_error(c, path, line, "unknown key \"%s\" in %s%s%s%s; known keys: %s", name, *where ? where : "the playbook",
		 best ? " (did you mean \"" : "", best ? best : "", best ? "\"?)" : "", keys_list(c, keys));
	return besti;
}

/* The key of a pair as text, or NULL after an error: keys are plain names. */
static const char *key_name(struct pb_ctx *c, struct fy_node *k, const char *path, int line)
{
	if (pb_is_null(node(k)) || !fy_node_is_scalar(k)) {
		pb_error(c, path, line, "a key must be a name, found %s", pb_kind(c, node(k)));
		return NULL;
	}
	return pb_text_of(c, node(k), path, line, "a name");
}

/* 1 if v is a node of `type` (a map or a list), else 0 after an error saying it expected `want`. */
static int expect(struct pb_ctx *c, struct pb_node *v, enum fy_node_type type, const char *path, int line,
		  const char *want)
{
	if (!pb_is_null(v) && fy_node_get_type(fy(v)) == type)
		return 1;
	pb_error(c, path, line, "expected %s, found %s", want, pb_kind(c, v));
	return 0;
}

int pb_each_entry(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, pb_entry_fn fn,
		  void *arg)
{
	char sub[PB_PATH_MAX];
	struct fy_node_pair *p;
	void *it = NULL;
	const char *name;
	size_t i = 0;
	int kline;

	if (!expect(c, v, FYNT_MAPPING, path, line, want))
		return -1;
	while ((p = fy_node_mapping_iterate(fy(v), &it))) {
		kline = pb_node_line(node(fy_node_pair_key(p)), line);
		name = key_name(c, fy_node_pair_key(p), path, kline);
		if (name) {
			join(sub, path, name);
			note_line(c, sub, kline);
			fn(c, name, node(fy_node_pair_value(p)), sub, kline, i, arg);
		}
		i++;
	}
	return (int)i;
}

int pb_each_item(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, pb_item_fn fn,
		 void *arg)
{
	char sub[PB_PATH_MAX];
	struct fy_node *item;
	void *it = NULL;
	size_t i = 0;
	int iline;

	if (!expect(c, v, FYNT_SEQUENCE, path, line, want))
		return -1;
	while ((item = fy_node_sequence_iterate(fy(v), &it))) {
		join_index(sub, path, i);
		iline = pb_node_line(node(item), line);
		note_line(c, sub, iline);
		fn(c, node(item), sub, iline, i, arg);
		i++;
	}
	return (int)i;
}

/* Room for one zeroed element of `size` bytes per pair or item of v (at least one), in the arena. */
static void *room_for(struct pb_ctx *c, struct pb_node *v, size_t size)
{
	int n = 0;

	if (v && fy_node_is_mapping(fy(v)))
		n = fy_node_mapping_item_count(fy(v));
	else if (v && fy_node_is_sequence(fy(v)))
		n = fy_node_sequence_item_count(fy(v));
	return arena_alloc(c->arena, (size_t)(n > 0 ? n : 1) * size);
}

void *pb_read_entries(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, size_t size,
		      pb_entry_fn fn, size_t *n)
{
	void *items = room_for(c, v, size);
	int got = pb_each_entry(c, v, path, line, want, fn, items);

	*n = got > 0 ? (size_t)got : 0;
	return items;
}

void *pb_read_items(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, size_t size,
		    pb_item_fn fn, size_t *n)
{
	void *items = room_for(c, v, size);
	int got = pb_each_item(c, v, path, line, want, fn, items);

	*n = got > 0 ? (size_t)got : 0;
	return items;
}

void pb_walk_map(struct pb_ctx *c, struct pb_node *m, const struct pb_key *keys, void *base, const char *path, int line)
{
	char sub[PB_PATH_MAX];
	unsigned char seen[PB_MAX_KEYS] = {0};
	struct fy_node_pair *p;
	void *it = NULL;
	const char *name;
	int i, kline;

	if (pb_is_null(m) || !fy_node_is_mapping(fy(m))) {
		pb_error(c, path, line, "expected a map with the keys %s; found %s", keys_list(c, keys), pb_kind(c, m));
		return;
	}
	while ((p = fy_node_mapping_iterate(fy(m), &it))) {
		kline = pb_node_line(node(fy_node_pair_key(p)), line);
		name = key_name(c, fy_node_pair_key(p), path, kline);
		if (!name)
			continue;
		join(sub, path, name);
		for (i = 0; keys[i].name && strcmp(keys[i].name, name) != 0; i++)
			;
		if (!keys[i].name) {
			i = unknown_key(c, keys, name, sub, path, kline);
			if (i >= 0 && !seen[i])
				seen[i] = 2; /* a typo of it: already said, do not also call it missing */
			continue;
		}
		seen[i] = 1;
		note_line(c, sub, kline);
		pb_read_value(c, node(fy_node_pair_value(p)), base, &keys[i], sub, kline);
	}
	for (i = 0; keys[i].name; i++) {
		if ((keys[i].flags & PB_REQUIRED) && !seen[i]) {
			join(sub, path, keys[i].name);
			pb_error(c, sub, line, "is required but missing from %s", *path ? path : "the playbook");
		}
	}
}

int pb_walk_root(struct pb_ctx *c, struct pb_node *root, const struct pb_key *keys, void *base)
{
	int map = root && fy_node_is_mapping(fy(root));

	pb_walk_map(c, root, keys, base, "", map ? 1 : pb_node_line(root, 1));
	return map ? 0 : -1;
}

/* ---------------------------------------------------------------- one reader per type */

static void read_map(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		     int line)
{
	pb_walk_map(c, v, k->sub, base, path, line);
}

static void read_str(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		     int line)
{
	const char *s = pb_text_of(c, v, path, line, "text");

	if (s && !*s)
		pb_error(c, path, line, "must not be empty");
	else if (s)
		*PB_AT(base, k->off, const char *) = s;
}

static void read_bool(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	const char *s = plain_of(c, v, path, line, "true or false");

	if (s && strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
		pb_error(c, path, line, "expected true or false, found \"%s\"", s);
	else if (s)
		*PB_AT(base, k->off, int) = strcmp(s, "true") == 0;
}

/* Reads a whole number from min to max; returns 0, or -1 after an error. */
static int whole(struct pb_ctx *c, struct pb_node *v, const struct pb_key *k, long long max, const char *path, int line,
		 long long *out)
{
	const char *s = plain_of(c, v, path, line, "a whole number");
	int64_t x;

	if (!s)
		return -1;
	if (bound_parse_whole(s, &x) != 0) {
		pb_error(c, path, line, "expected a whole number of at least %lld, found \"%s\"", k->min, s);
		return -1;
	}
	if (x < k->min || x > max) {
		pb_error(c, path, line, "%lld is out of range: it must be %s %lld", (long long)x,
			 x < k->min ? "at least" : "at most", x < k->min ? k->min : max);
		return -1;
	}
	*out = x;
	return 0;
}

static void read_int(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		     int line)
{
	long long x;

	if (whole(c, v, k, 1000000, path, line, &x) == 0)
		*PB_AT(base, k->off, int) = (int)x;
}

static void read_i64(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		     int line)
{
	long long x;

	if (whole(c, v, k, 1000000000000LL, path, line, &x) == 0)
		*PB_AT(base, k->off, int64_t) = x;
}

static void read_fraction(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			  int line)
{
	const char *s = plain_of(c, v, path, line, "a fraction from 0 to 1");
	char *end;
	double x;

	if (!s)
		return;
	errno = 0;
	x = strtod(s, &end);
	if (end == s || *end || errno == ERANGE || !isfinite(x))
		pb_error(c, path, line, "expected a fraction from 0 to 1 (15%% is 0.15), found \"%s\"", s);
	else if (x < 0 || x > 1)
		pb_error(c, path, line, "%s is out of range: a fraction must be from 0 to 1 (15%% is 0.15)", s);
	else
		*PB_AT(base, k->off, double) = x;
}

static void read_duration(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			  int line)
{
	const char *s = pb_text_of(c, v, path, line, "a duration such as 5m, 24h or 10d");
	int64_t minutes;

	if (s && clock_parse_duration(s, &minutes) != 0)
		pb_error(c, path, line,
			 "\"%s\" is not a duration: write a whole number of at least 1 followed by m (minutes), "
			 "h (hours) or d (days), e.g. 5m, 24h, 10d",
			 s);
	else if (s)
		*PB_AT(base, k->off, int64_t) = minutes;
}

static void read_hhmm(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	const char *s = pb_text_of(c, v, path, line, "a time of day such as \"09:00\"");
	int minutes;

	if (s && clock_parse_hhmm(s, &minutes) != 0)
		pb_error(c, path, line, "\"%s\" is not a time of day: write HH:MM from 00:00 to 24:00, e.g. \"09:00\"",
			 s);
	else if (s)
		*PB_AT(base, k->off, int) = minutes;
}

static void read_enum(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	int i = name_of(c, v, k->set, path, line);

	if (i >= 0)
		*PB_AT(base, k->off, int) = k->set->base + i;
}

static void read_word(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	int i = name_of(c, v, k->set, path, line);

	if (i >= 0)
		*PB_AT(base, k->off, const char *) = set_name(k->set, i);
}

struct bits_arg {
	const struct pb_enum *set;
	unsigned bits;
};

static void bits_item(struct pb_ctx *c, struct pb_node *v, const char *path, int line, size_t i, void *arg)
{
	struct bits_arg *b = arg;
	int n = name_of(c, v, b->set, path, line);

	if (n >= 0)
		b->bits |= 1u << (b->set->base + n);
}

static void read_bits(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	struct bits_arg b = {k->set, 0};
	int n;

	if (pb_is_null(v) || !fy_node_is_sequence(fy(v))) {
		pb_error(c, path, line, "expected a list of %ss such as [%s], found %s", k->set->what,
			 set_name(k->set, 0), pb_kind(c, v));
		return;
	}
	n = pb_each_item(c, v, path, line, "a list", bits_item, &b);

	if (n >= 0 && n < k->min)
		pb_error(c, path, line, "needs at least %lld %s; use some of: %s", k->min, k->set->what,
			 pb_set_list(c, k->set));
	else if (n >= 0)
		*PB_AT(base, k->off, unsigned) = b.bits;
}

static void list_item(struct pb_ctx *c, struct pb_node *v, const char *path, int line, size_t i, void *arg)
{
	struct pb_list *l = arg;
	const char *s = pb_text_of(c, v, path, line, "a name");
	size_t j;

	if (!s)
		return;
	if (!*s) {
		pb_error(c, path, line, "must not be empty");
		return;
	}
	for (j = 0; j < l->n; j++) {
		if (strcmp(l->items[j], s) == 0) {
			pb_error(c, path, line, "\"%s\" is listed twice", s);
			return;
		}
	}
	l->items[l->n++] = s;
}

static void read_list(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	struct pb_list *l = PB_AT(base, k->off, struct pb_list);
	int n;

	l->items = room_for(c, v, sizeof(*l->items));
	l->n = 0;
	n = pb_each_item(c, v, path, line, "a list of names such as [a, b]", list_item, l);
	if (n >= 0 && n < k->min)
		pb_error(c, path, line, "needs at least %lld item%s", k->min, k->min == 1 ? "" : "s");
}

static void read_call(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	k->read(c, v, base, k, path, line);
}

/* The reader of each type of value. */
static const pb_read_fn readers[PB_TYPE_COUNT] = {
	[PB_MAP] = read_map,   [PB_STR] = read_str,           [PB_BOOL] = read_bool,         [PB_INT] = read_int,
	[PB_I64] = read_i64,   [PB_FRACTION] = read_fraction, [PB_DURATION] = read_duration, [PB_HHMM] = read_hhmm,
	[PB_ENUM] = read_enum, [PB_WORD] = read_word,         [PB_BITS] = read_bits,         [PB_LIST] = read_list,
	[PB_READ] = read_call,
};

/* Reads v as key k says. Errors about a scalar point at its own line, others at the key's. */
void pb_read_value(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path, int line)
{
	if (v && fy_node_is_scalar(fy(v)))
		line = pb_node_line(v, line);
	if (k->flags & PB_SETS_ON)
		*PB_AT(base, k->on, int) = 1;
	readers[k->type](c, v, base, k, path, line);
}
