/* idgaps.c - the ids a follower has not seen yet; see idgaps.h. */
#include "util/idgaps.h"

#include <stdlib.h>
#include <string.h>

void idgaps_init(struct idgaps *g, int64_t last)
{
	memset(g, 0, sizeof(*g));
	g->last = last;
}

void idgaps_release(struct idgaps *g)
{
	free(g->runs);
	idgaps_init(g, g->last);
}

static void drop(struct idgaps *g, size_t i)
{
	memmove(&g->runs[i], &g->runs[i + 1], (g->n - i - 1) * sizeof(*g->runs));
	g->n--;
}

/* Inserts run r at position i; past IDGAPS_MAX the oldest goes first. 0, or -1 out of memory. */
static int insert(struct idgaps *g, size_t i, struct idgap r)
{
	if (g->n == IDGAPS_MAX) {
		size_t k, old = 0;

		for (k = 1; k < g->n; k++)
			if (g->runs[k].since < g->runs[old].since)
				old = k;
		drop(g, old);
		if (old < i)
			i--;
	}
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 8;
		struct idgap *nr = realloc(g->runs, cap * sizeof(*nr));

		if (!nr)
			return -1;
		g->runs = nr;
		g->cap = cap;
	}
	memmove(&g->runs[i + 1], &g->runs[i], (g->n - i) * sizeof(*g->runs));
	g->runs[i] = r;
	g->n++;
	return 0;
}

int idgaps_see(struct idgaps *g, int64_t id, double now)
{
	size_t i;

	if (id > g->last) {
		if (id > g->last + 1)
			insert(g, g->n, (struct idgap){g->last + 1, id - 1, now}); /* out of memory: forgotten */
		g->last = id;
		return 1;
	}
	for (i = 0; i < g->n; i++) {
		struct idgap *r = &g->runs[i];

		if (id < r->lo)
			break; /* the runs are in id order */
		if (id > r->hi)
			continue;
		if (r->lo == r->hi)
			drop(g, i);
		else if (id == r->lo)
			r->lo++;
		else if (id == r->hi)
			r->hi--;
		else {
			/* split in two: the lower half stays, the upper one goes after it (out of memory:
			 * forgotten) */
			struct idgap upper = {id + 1, r->hi, r->since};

			r->hi = id - 1;
			insert(g, i + 1, upper);
		}
		return 1;
	}
	return 0;
}

int idgaps_missing(const struct idgaps *g, int64_t id)
{
	size_t i;

	for (i = 0; i < g->n && g->runs[i].lo <= id; i++)
		if (id <= g->runs[i].hi)
			return 1;
	return 0;
}

void idgaps_expire(struct idgaps *g, double before)
{
	size_t i = 0;

	while (i < g->n)
		if (g->runs[i].since < before)
			drop(g, i);
		else
			i++;
}
