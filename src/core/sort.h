/* sort.h - the order and the page of a list as a request names them: `?sort=due,-grade`
 * (`--sort` on the command line) over the fields of the list's own table, each ascending or,
 * after a '-', descending, and `offset`/`limit`. A list keeps its own order (the queue's
 * urgency, the leads' ids) unless a sort is named, and that order breaks every tie. Empty
 * values (null) come last whichever the direction; text compares in its search form
 * (core/search.h: no case, no accents). Pure: the caller collects one row per item, with the
 * values of the sort's fields read through the table (an offset and a kind per field). */
#ifndef BATON_SORT_H
#define BATON_SORT_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct arena;

#define SORT_MAX_KEYS 4

/* How a field's value is read from the item (at the field's offset). */
enum sort_kind {
	SORT_TEXT, /* const char *: NULL is empty */
	SORT_INT,  /* int64_t */
	SORT_TIME, /* int64_t seconds: 0 is empty */
	SORT_REAL, /* double: below 0 is empty (a score not computed) */
	SORT_ENUM, /* an enum (int): by its name when the field has one, else in the enum's order */
	SORT_FLAG, /* int: 0 or 1 */
};

/* One field a list may be sorted by. */
struct sort_field {
	const char *name;             /* as the request writes it: "due" */
	enum sort_kind kind;
	size_t offset;                /* of the value in the item */
	const char *(*names)(int v);  /* SORT_ENUM: the value's name to compare, or NULL */
};

struct sort_key {
	const struct sort_field *field;
	int desc; /* 1: descending ('-field') */
};

/* A sort and a page. No key: the list's own order. */
struct sort_spec {
	struct sort_key keys[SORT_MAX_KEYS];
	size_t n;
	int64_t offset; /* items skipped, >= 0 */
	int64_t limit;  /* items kept after them; <= 0: every one */
};

/* Reads text, "field[,-field]..." (at most SORT_MAX_KEYS, no field twice), against the fields
 * t[0..n) into spec's keys (its page is left alone): 0, or -BT_USAGE naming the field "sort"
 * with a message that names the unknown field and lists the known ones. NULL or "" sets no
 * key. */
int sort_parse(const char *text, const struct sort_field *t, size_t n, struct sort_spec *spec, struct bt_error *err);

/* The known fields of t[0..n) as "a, b, c" (in a). */
const char *sort_field_names(const struct sort_field *t, size_t n, struct arena *a);

/* An item's value for one key of the sort. */
struct sort_value {
	int empty;
	const char *text; /* SORT_TEXT and named SORT_ENUM */
	double num;       /* the others */
};

/* One item of a list being sorted: its place in the list's own order and its values for the
 * sort's keys (text already in search form, in the arena). */
struct sort_row {
	size_t seq;                   /* its place in the list's own order */
	void *item;                   /* the caller's (borrowed) */
	int64_t id;                   /* the caller's */
	const struct sort_spec *spec; /* borrowed, for the comparison */
	struct sort_value v[SORT_MAX_KEYS];
};

/* Fills row from item (its values for spec's keys, read at each field's offset; text folded
 * into a); seq, item and id as given. */
void sort_row_fill(struct sort_row *row, const struct sort_spec *spec, const void *item, size_t seq, int64_t id,
		   struct arena *a);

/* Sorts rows[0..n) by their spec's keys, ties in their own order (seq). */
void sort_rows(struct sort_row *rows, size_t n);

/* The page of n items spec asks for: the first index *from and the count *count (0 when the
 * offset passes the end). */
void sort_page(const struct sort_spec *spec, size_t n, size_t *from, size_t *count);

#endif
