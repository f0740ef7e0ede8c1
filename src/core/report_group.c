/* report_group.c - what every report is built of (report_priv.h): the groups it counts into,
 * found by (key, sub) in an open-addressing hash table and sorted for output; the key of a lead
 * by --by (source, channel, segment, rep, team, the month of creation in the org's zone); the
 * tables of cells a report finishes into; and the growable vectors of values. */
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "core/report_priv.h"
#include "core/tz.h"
#include "util/arena.h"

void report_vec_push(struct arena *a, struct i64vec *v, int64_t x)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		int64_t *nv = arena_alloc(a, cap * sizeof(*nv));

		if (v->n)
			memcpy(nv, v->v, v->n * sizeof(*nv));
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = x;
}

/* ---------------------------------------------------------------- tables */

void report_table_init(struct report_table *t, const char *name, const char *const *cols, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->cols = cols;
	t->ncols = ncols;
}

struct cell *report_table_add(struct arena *a, struct report_table *t)
{
	struct cell *row;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct cell *nc = arena_alloc(a, cap * t->ncols * sizeof(*nc));

		if (t->nrows)
			memcpy(nc, t->cells, t->nrows * t->ncols * sizeof(*nc));
		t->cells = nc;
		t->cap = cap;
	}
	row = t->cells + t->nrows++ * t->ncols;
	for (size_t i = 0; i < t->ncols; i++)
		row[i] = c_null();
	return row;
}

void report_extra(struct report *out, const char *key, struct cell c)
{
	if (out->nextras < REPORT_MAX_EXTRAS) {
		out->extra_keys[out->nextras] = key;
		out->extras[out->nextras++] = c;
	}
}

void report_history_note(struct report_run *r, struct report *out)
{
	if (!r->history)
		return;
	report_extra(out, "history_leads", c_int(r->history));
	report_extra(
		out, "note",
		c_str(arena_printf(r->a, "%lld leads imported as history are not counted", (long long)r->history)));
}

/* ---------------------------------------------------------------- groups */

static uint64_t hash2(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;

	for (; a && *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (; b && *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ULL;
	return h;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

struct group *report_group_get(struct report_run *r, const char *key, const char *sub)
{
	size_t i;
	struct group *g;

	if (r->ngroups * 2 >= r->nslots) {
		size_t n = r->nslots ? r->nslots * 2 : 64;
		size_t *slots = arena_alloc(r->a, n * sizeof(*slots));

		memset(slots, 0, n * sizeof(*slots));
		for (i = 0; i < r->ngroups; i++) {
			size_t h = hash2(r->groups[i]->key, r->groups[i]->sub) & (n - 1);

			while (slots[h])
				h = (h + 1) & (n - 1);
			slots[h] = i + 1;
		}
		r->slots = slots;
		r->nslots = n;
	}
	for (i = hash2(key, sub) & (r->nslots - 1); r->slots[i]; i = (i + 1) & (r->nslots - 1)) {
		g = r->groups[r->slots[i] - 1];
		if (same(g->key, key) && same(g->sub, sub))
			return g;
	}
	if (r->ngroups == r->capgroups) {
		size_t cap = r->capgroups ? r->capgroups * 2 : 32;
		struct group **ng = arena_alloc(r->a, cap * sizeof(*ng));

		if (r->ngroups)
			memcpy(ng, r->groups, r->ngroups * sizeof(*ng));
		r->groups = ng;
		r->capgroups = cap;
	}
	g = arena_alloc(r->a, sizeof(*g));
	memset(g, 0, sizeof(*g));
	g->key = arena_strdup(r->a, key);
	g->sub = arena_strdup(r->a, sub);
	r->groups[r->ngroups++] = g;
	r->slots[i] = r->ngroups;
	return g;
}

static int cmp_group(const void *x, const void *y)
{
	const struct group *a = *(struct group *const *)x, *b = *(struct group *const *)y;
	int c = strcmp(a->sub ? a->sub : "", b->sub ? b->sub : "");

	return c ? c : strcmp(a->key, b->key);
}

void report_groups_sort(struct report_run *r)
{
	if (r->ngroups > 1)
		qsort(r->groups, r->ngroups, sizeof(*r->groups), cmp_group);
}

const struct report_rep *report_rep_find(const struct report_run *r, const char *name)
{
	for (size_t i = 0; name && i < r->o.nreps; i++)
		if (strcmp(r->o.reps[i].name, name) == 0)
			return &r->o.reps[i];
	return NULL;
}

const char *report_month_key(struct report_run *r, int64_t t)
{
	const char *zone = r->o.pb->org.timezone;
	struct local_time lt;
	int64_t first, next_day, lo, hi;
	char date[16], d[16];
	long month;

	if (r->month_name && t >= r->month_lo && t < r->month_hi)
		return r->month_name;
	if (tz_local(zone, t, &lt))
		return "?";
	clock_format_date(lt.day, date); /* YYYY-MM-DD */
	month = strtol(date + 5, NULL, 10);
	first = lt.day - (strtol(date + 8, NULL, 10) - 1);
	for (next_day = first + 27;; next_day++) { /* the first day of the next month */
		clock_format_date(next_day, d);
		if (strtol(d + 5, NULL, 10) != month)
			break;
	}
	date[7] = '\0';
	if (tz_utc(zone, first, 0, &lo) || tz_utc(zone, next_day, 0, &hi))
		return "?";
	r->month_lo = lo;
	r->month_hi = hi;
	r->month_name = arena_strdup(r->a, date);
	return r->month_name;
}

const char *report_key_of(struct report_run *r, const struct report_fact *f, const char *rep)
{
	const struct report_rep *p;

	switch (r->o.by) {
	case BY_SOURCE: return f->source ? f->source : "(none)";
	case BY_CHANNEL: return channel_name(f->channel);
	case BY_SEGMENT: return f->segment ? f->segment : "(none)";
	case BY_REP: return rep ? rep : "(unassigned)";
	case BY_TEAM: p = report_rep_find(r, rep); return p && p->team ? p->team : "(no team)";
	case BY_MONTH: return report_month_key(r, f->created_at);
	default: return "all";
	}
}
