/* sort.c - a list's sort and page: the request's words read against the list's fields, the
 * rows compared key by key (empty last, then the direction), ties in the list's own order;
 * see sort.h. */
#include "core/sort.h"

#include <stdlib.h>
#include <string.h>

#include "core/search.h"
#include "util/arena.h"
#include "util/strbuf.h"

const char *sort_field_names(const struct sort_field *t, size_t n, struct arena *a)
{
	struct strbuf sb;
	const char *out;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", t[i].name);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* The field of t[0..n) named s[0..len), or NULL. */
static const struct sort_field *find(const struct sort_field *t, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(t[i].name) == len && strncmp(t[i].name, s, len) == 0)
			return &t[i];
	return NULL;
}

/* Fails naming "sort": what is wrong, then the known fields. */
static int refuse(const struct sort_field *t, size_t n, struct bt_error *err, const char *what, int len, const char *s)
{
	struct arena *a = arena_new();
	int rc = bt_fail(err, BT_USAGE, "sort", 0, "%s '%.*s' (sort by %s, each with '-' before it to reverse)", what,
			 len > 64 ? 64 : len, s, sort_field_names(t, n, a));

	arena_free(&a);
	return rc;
}

int sort_parse(const char *text, const struct sort_field *t, size_t n, struct sort_spec *spec, struct bt_error *err)
{
	const char *p = text;
	size_t i;

	spec->n = 0;
	if (!p || !*p)
		return 0;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		int desc = len && *p == '-';
		const struct sort_field *f = find(t, n, p + desc, len - (size_t)desc);

		if (!f)
			return refuse(t, n, err, len ? "unknown sort field" : "empty sort field", (int)len, p);
		for (i = 0; i < spec->n; i++)
			if (spec->keys[i].field == f)
				return refuse(t, n, err, "sort field named twice:", (int)len, p);
		if (spec->n == SORT_MAX_KEYS)
			return bt_fail(err, BT_USAGE, "sort", 0, "sort by at most %d fields", SORT_MAX_KEYS);
		spec->keys[spec->n].field = f;
		spec->keys[spec->n].desc = desc;
		spec->n++;
		if (!end)
			return 0;
		p = end + 1;
	}
}

void sort_row_fill(struct sort_row *row, const struct sort_spec *spec, const void *item, size_t seq, int64_t id,
		   struct arena *a)
{
	size_t k;

	memset(row, 0, sizeof(*row));
	row->seq = seq;
	row->item = (void *)item;
	row->id = id;
	row->spec = spec;
	for (k = 0; k < spec->n; k++) {
		const struct sort_field *f = spec->keys[k].field;
		const char *at = (const char *)item + f->offset;
		struct sort_value *v = &row->v[k];
		const char *s = NULL;
		int64_t i;

		switch (f->kind) {
		case SORT_TEXT:
			memcpy(&s, at, sizeof(s));
			v->empty = !s;
			v->text = s ? search_fold(s, a) : NULL;
			break;
		case SORT_INT:
		case SORT_TIME:
			memcpy(&i, at, sizeof(i));
			v->empty = f->kind == SORT_TIME && i == 0;
			v->num = (double)i;
			break;
		case SORT_REAL:
			memcpy(&v->num, at, sizeof(v->num));
			v->empty = v->num < 0;
			break;
		case SORT_ENUM:
		case SORT_FLAG: {
			int e;

			memcpy(&e, at, sizeof(e));
			v->num = e;
			if (f->names)
				v->text = f->names(e);
			break;
		}
		}
	}
}

/* Compares two values of one key: empty last, then text or number, then the direction. */
static int cmp_value(const struct sort_value *x, const struct sort_value *y, int desc)
{
	int c;

	if (x->empty || y->empty)
		return x->empty - y->empty;
	if (x->text && y->text)
		c = strcmp(x->text, y->text);
	else
		c = x->num < y->num ? -1 : x->num > y->num;
	return desc ? -c : c;
}

static int cmp_rows(const void *px, const void *py)
{
	const struct sort_row *x = px, *y = py;
	size_t k;
	int c;

	for (k = 0; k < x->spec->n; k++)
		if ((c = cmp_value(&x->v[k], &y->v[k], x->spec->keys[k].desc)) != 0)
			return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void sort_rows(struct sort_row *rows, size_t n)
{
	if (n > 1 && rows[0].spec->n)
		qsort(rows, n, sizeof(*rows), cmp_rows);
}

void sort_page(const struct sort_spec *spec, size_t n, size_t *from, size_t *count)
{
	size_t off = spec->offset > 0 ? (size_t)spec->offset : 0;

	*from = off < n ? off : n;
	*count = n - *from;
	if (spec->limit > 0 && (size_t)spec->limit < *count)
		*count = (size_t)spec->limit;
}
