/* table_out.c - padded text tables; see table_out.h. */
#include "io/table_out.h"

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

struct table {
	struct arena *arena;
	size_t ncols;
	size_t nrows;   /* including the header */
	size_t cap;
	const char **cells; /* nrows * ncols */
};

static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

struct table *table_new(size_t ncols, const char *const *header)
{
	struct arena *a = arena_new();
	struct table *t = arena_alloc(a, sizeof(*t));

	t->arena = a;
	t->ncols = ncols;
	table_row(t, header);
	return t;
}

void table_row(struct table *t, const char *const *cells)
{
	size_t i;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		const char **n = arena_alloc(t->arena, cap * t->ncols * sizeof(*n));

		if (t->nrows)
			memcpy(n, t->cells, t->nrows * t->ncols * sizeof(*n));
		t->cells = n;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = arena_strdup(t->arena, cells[i] ? cells[i] : "-");
	t->nrows++;
}

void table_print(const struct table *t, FILE *f)
{
	size_t *w = calloc(t->ncols, sizeof(*w)), r, c;

	if (!w)
		return;
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			size_t x = width(t->cells[r * t->ncols + c]);

			if (x > w[c])
				w[c] = x;
		}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];

			fputs(s, f);
			if (c + 1 < t->ncols)
				fprintf(f, "%*s", (int)(w[c] - width(s) + 2), "");
		}
		fputc('\n', f);
	}
	free(w);
}

void table_free(struct table **t)
{
	if (!t || !*t)
		return;
	arena_free(&(*t)->arena); /* the table lives in its arena */
	*t = NULL;
}
