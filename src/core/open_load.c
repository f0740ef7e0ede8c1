/* open_load.c - the peak of open leads per rep over a window (open_load.h). Each lead keeps
 * only its owner (a row index) and its stage; an event is applied to a lead rebuilt from those
 * two by lead_apply(), the one function that says what an event does to a lead, and the counts
 * of the old and the new owner move when the lead is open (mql, target, working, handoff, sql,
 * stage_is_open()) on either side. */
#include "core/open_load.h"

#include <stdlib.h>
#include <string.h>

#include "core/lead.h"
#include "util/arena.h"

struct open_load_row {
	char *rep;    /* owned */
	int64_t open; /* open leads it holds now */
	int64_t peak; /* the most it held at once within the window */
};

/* A lead as the count needs it. */
struct open_load_lead {
	int64_t got;   /* when its owner got it */
	int32_t owner; /* row index, -1: none */
	uint8_t stage; /* enum stage */
	uint8_t seen;  /* 1 once created */
};

struct open_load {
	int64_t from, to;
	int entered;                 /* 1 once an event at or after `from` was applied */
	struct open_load_row *rows;  /* owned */
	size_t nrows, caprows;
	struct open_load_lead *leads; /* owned, by lead id */
	size_t nleads;
	struct arena *a; /* what lead_apply copies, reset after each event */
};

struct open_load *open_load_new(int64_t from, int64_t to)
{
	struct open_load *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->from = from;
	l->to = to;
	l->a = arena_new();
	if (!l->a) {
		free(l);
		return NULL;
	}
	return l;
}

void open_load_free(struct open_load **lp)
{
	struct open_load *l = lp ? *lp : NULL;
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->nrows; i++)
		free(l->rows[i].rep);
	free(l->rows);
	free(l->leads);
	arena_free(&l->a);
	free(l);
	*lp = NULL;
}

/* The row of rep name, added when new; -1 when out of memory. */
static int32_t row_of(struct open_load *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->nrows; i++)
		if (strcmp(l->rows[i].rep, name) == 0)
			return (int32_t)i;
	if (l->nrows == l->caprows) {
		size_t cap = l->caprows ? l->caprows * 2 : 16;
		struct open_load_row *grown = realloc(l->rows, cap * sizeof(*grown));

		if (!grown)
			return -1;
		l->rows = grown;
		l->caprows = cap;
	}
	l->rows[l->nrows].rep = strdup(name);
	if (!l->rows[l->nrows].rep)
		return -1;
	l->rows[l->nrows].open = 0;
	l->rows[l->nrows].peak = 0;
	return (int32_t)l->nrows++;
}

int open_load_rep(struct open_load *l, const char *name)
{
	return row_of(l, name) < 0 ? -1 : 0;
}

/* The lead with id `id`, the table grown to hold it; NULL when out of memory. */
static struct open_load_lead *lead_of(struct open_load *l, int64_t id)
{
	if ((size_t)id >= l->nleads) {
		size_t n = (size_t)id * 2 + 16, i;
		struct open_load_lead *grown = realloc(l->leads, n * sizeof(*grown));

		if (!grown)
			return NULL;
		for (i = l->nleads; i < n; i++)
			grown[i] = (struct open_load_lead){0, -1, STAGE_INQUIRY, 0};
		l->leads = grown;
		l->nleads = n;
	}
	return &l->leads[id];
}

/* Moves the count of row `owner` by d (none: nothing), its peak kept when inside the window. */
static void move(struct open_load *l, int32_t owner, int64_t d, int inside)
{
	if (owner < 0)
		return;
	l->rows[owner].open += d;
	if (inside && l->rows[owner].open > l->rows[owner].peak)
		l->rows[owner].peak = l->rows[owner].open;
}

int open_load_event(struct open_load *l, const struct event *ev)
{
	struct open_load_lead *ld;
	struct lead lead;
	int32_t owner;
	int inside = ev->at >= l->from && ev->at < l->to, was, is, rc = 0;
	size_t i;

	if (inside && !l->entered) { /* what the reps held when the window opened */
		l->entered = 1;
		for (i = 0; i < l->nrows; i++)
			l->rows[i].peak = l->rows[i].open;
	}
	if (ev->lead <= 0 || lead_apply_stamps_only(ev))
		return 0;
	ld = lead_of(l, ev->lead);
	if (!ld)
		return -1;
	lead_init(&lead);
	lead.stage = (enum stage)ld->stage;
	lead.owner = ld->owner >= 0 ? l->rows[ld->owner].rep : NULL;
	was = ld->seen && ld->owner >= 0 && stage_is_open((enum stage)ld->stage);
	if (lead_apply(&lead, ev, l->a))
		rc = -1;
	owner = lead.owner ? row_of(l, lead.owner) : -1;
	arena_reset(l->a);
	if (rc || (lead.owner && owner < 0))
		return -1;
	is = owner >= 0 && stage_is_open(lead.stage);
	if (was)
		move(l, ld->owner, -1, inside);
	if (is)
		move(l, owner, 1, inside);
	if (owner != ld->owner || !ld->seen)
		ld->got = ev->at;
	ld->owner = owner;
	ld->stage = (uint8_t)lead.stage;
	ld->seen = 1;
	return 0;
}

const char *open_load_owner(const struct open_load *l, int64_t lead, int64_t *got)
{
	const struct open_load_lead *ld = lead > 0 && (size_t)lead < l->nleads ? &l->leads[lead] : NULL;

	if (!ld || !ld->seen || ld->owner < 0)
		return NULL;
	if (got)
		*got = ld->got;
	return l->rows[ld->owner].rep;
}

size_t open_load_rows(const struct open_load *l)
{
	return l->nrows;
}

const char *open_load_row(const struct open_load *l, size_t i, int64_t *peak)
{
	if (i >= l->nrows)
		return NULL;
	*peak = l->rows[i].peak;
	return l->rows[i].rep;
}
