/* lists.c - leads, obligations and a rep's work list, searched, seen, sorted and paged; see
 * lists.h. A list in its own order streams: only the page's items are kept. A sorted one
 * collects one row per matching item (the sort's values, and for obligations a copy), sorts
 * them and then hands out the page; leads are read again by id for it, so a sorted list of
 * 100,000 leads holds their ids and keys, not the leads. */
#include "service/lists.h"

#include <stddef.h>
#include <string.h>

#include "core/search.h"
#include "core/visibility.h"
#include "util/arena.h"

/* ---------------------------------------------------------------- the fields of each list */

static const char *channel_word(int v)
{
	return channel_name((enum channel)v);
}

static const char *rule_word(int v)
{
	return ob_rule_name((enum ob_rule)v);
}

static const char *status_word(int v)
{
	return ob_status_name((enum ob_status)v);
}

#define LEAD(f) offsetof(struct lead, f)
/* stage in the lifecycle's order (inquiry, mql, working, ...), the others by name or value */
const struct sort_field lead_sort_fields[] = {
	{"id", SORT_INT, LEAD(id), NULL},
	{"email", SORT_TEXT, LEAD(email), NULL},
	{"name", SORT_TEXT, LEAD(name), NULL},
	{"company", SORT_TEXT, LEAD(company), NULL},
	{"stage", SORT_ENUM, LEAD(stage), NULL},
	{"owner", SORT_TEXT, LEAD(owner), NULL},
	{"source", SORT_TEXT, LEAD(source), NULL},
	{"channel", SORT_ENUM, LEAD(channel), channel_word},
	{"segment", SORT_TEXT, LEAD(segment), NULL},
	{"country", SORT_TEXT, LEAD(country), NULL},
	{"grade", SORT_TEXT, LEAD(grade), NULL},
	{"score", SORT_REAL, LEAD(score), NULL},
	{"touches", SORT_INT, LEAD(touches), NULL},
	{"first_touch_at", SORT_TIME, LEAD(first_touch_at), NULL},
	{"created_at", SORT_TIME, LEAD(created_at), NULL},
	{"updated_at", SORT_TIME, LEAD(updated_at), NULL},
};
const size_t lead_sort_fields_n = sizeof(lead_sort_fields) / sizeof(lead_sort_fields[0]);
#undef LEAD

#define OB(f) offsetof(struct obligation, f)
const struct sort_field ob_sort_fields[] = {
	{"id", SORT_INT, OB(id), NULL},
	{"due", SORT_TIME, OB(due), NULL},
	{"rule", SORT_ENUM, OB(rule), rule_word},
	{"lead", SORT_INT, OB(lead), NULL},
	{"owner", SORT_TEXT, OB(owner), NULL},
	{"status", SORT_ENUM, OB(status), status_word},
	{"done_at", SORT_TIME, OB(done_at), NULL},
};
const size_t ob_sort_fields_n = sizeof(ob_sort_fields) / sizeof(ob_sort_fields[0]);
#undef OB

#define QI(f) offsetof(struct qitem, f)
/* grade: A first, ungraded last; breached: 0 before 1 (-breached puts them first) */
const struct sort_field queue_sort_fields[] = {
	{"due", SORT_TIME, QI(due), NULL},           {"breached", SORT_FLAG, QI(breached), NULL},
	{"kind", SORT_ENUM, QI(kind), NULL},         {"grade", SORT_INT, QI(grade), NULL},
	{"lead", SORT_INT, QI(lead), NULL},          {"rule", SORT_TEXT, QI(rule), NULL},
	{"email", SORT_TEXT, QI(l.email), NULL},     {"name", SORT_TEXT, QI(l.name), NULL},
	{"company", SORT_TEXT, QI(l.company), NULL},
};
const size_t queue_sort_fields_n = sizeof(queue_sort_fields) / sizeof(queue_sort_fields[0]);
#undef QI

/* ---------------------------------------------------------------- walking a list */

/* What a walk over a list keeps: how many items matched, the rows of a sorted list, and the
 * page's bounds in the list's own order. */
struct walk {
	struct service *svc;
	struct arena *a;
	const struct list_viewer *v;
	const struct sort_spec *spec;
	int64_t matched;
	int64_t first, last;   /* the page of an unsorted list: [first, last), last < 0: no end */
	int stop_at_page_end;  /* no total wanted */
	struct sort_row *rows; /* a sorted list's */
	size_t n, cap;
	void *ctx;             /* the caller's fn and ctx */
	int (*lead_fn)(void *ctx, const struct lead *l);
	int (*ob_fn)(void *ctx, const struct obligation *ob);
	const char *q;
	struct bt_error *err;
};

static void walk_init(struct walk *w, struct service *svc, struct arena *a, const struct list_viewer *v,
		      const struct sort_spec *spec, int64_t *total, struct bt_error *err)
{
	memset(w, 0, sizeof(*w));
	w->svc = svc;
	w->a = a;
	w->v = v;
	w->spec = spec;
	w->first = spec->offset > 0 ? spec->offset : 0;
	w->last = spec->limit > 0 ? w->first + spec->limit : -1;
	w->stop_at_page_end = !total;
	w->err = err;
}

/* Where the item just matched falls: 1 in the page (hand it out), 0 before it or while sorting
 * (keep walking), 2 past its end when no total is wanted (stop). Counts it. */
static int walk_place(struct walk *w)
{
	int64_t i = w->matched++;

	if (w->spec->n)
		return 0;
	if (w->last >= 0 && i >= w->last)
		return w->stop_at_page_end ? 2 : 0;
	return i >= w->first;
}

/* Collects a row of a sorted list (item borrowed: the caller keeps it alive or copies it). */
static void walk_row(struct walk *w, const void *item, int64_t id)
{
	struct sort_row *r;

	if (!w->spec->n)
		return;
	r = arena_push(w->a, (void **)&w->rows, &w->n, &w->cap, sizeof(*r));
	sort_row_fill(r, w->spec, item, w->n - 1, id, w->a);
}

/* 1 if the viewer may see lead l, 0 if not, -1 with w->err set. */
static int walk_sees_lead(struct walk *w, const struct lead *l)
{
	return w->v->everyone ? 1 : view_lead_visible(w->svc, w->a, w->v->rep, l, w->err);
}

static int lead_one(void *ctx, const struct lead *l)
{
	struct walk *w = ctx;
	int seen, at;

	if (w->q && !search_lead(l, w->q))
		return 0;
	if ((seen = walk_sees_lead(w, l)) <= 0)
		return seen;
	at = walk_place(w);
	walk_row(w, l, l->id);
	if (at == 2)
		return 1; /* the page is full and no total is wanted: done */
	return at ? w->lead_fn(w->ctx, l) : 0;
}

int list_leads(struct service *svc, struct arena *a, const struct list_viewer *v, struct lead_query *q,
	       int (*fn)(void *ctx, const struct lead *l), void *ctx, int64_t *total, struct bt_error *err)
{
	struct walk w;
	size_t from, count, i;
	int rc;

	walk_init(&w, svc, a, v, &q->sort, total, err);
	w.lead_fn = fn;
	w.ctx = ctx;
	w.q = q->q;
	/* the store may cut the list itself only when nothing past it is looked at */
	q->filter.limit = v->everyone && !q->q && !q->sort.n && !total && w.last >= 0 ? w.last : 0;
	rc = store_lead_each(svc->store, &q->filter, lead_one, &w, err);
	if (rc < 0)
		return rc;
	if (total)
		*total = w.matched;
	if (!q->sort.n || rc)
		return rc < 0 ? rc : 0;
	sort_rows(w.rows, w.n);
	sort_page(&q->sort, w.n, &from, &count);
	for (i = from; i < from + count; i++) {
		struct lead l;

		if ((rc = store_lead_get(svc->store, a, w.rows[i].id, &l, err)) != 0 || (rc = fn(ctx, &l)) != 0)
			return rc < 0 ? rc : 0;
	}
	return 0;
}

static int ob_one(void *ctx, const struct obligation *ob)
{
	struct walk *w = ctx;
	int seen = w->v->everyone ? 1 : view_owed_visible(w->svc, w->a, w->v->rep, ob, w->err), at;

	if (seen <= 0)
		return seen;
	at = walk_place(w);
	if (w->spec->n) { /* the store's strings live until the next row: the row keeps a copy */
		struct obligation *copy = arena_alloc(w->a, sizeof(*copy));

		*copy = *ob;
		copy->owner = ob->owner ? arena_strdup(w->a, ob->owner) : NULL;
		walk_row(w, copy, ob->id);
	}
	if (at == 2)
		return 1;
	return at ? w->ob_fn(w->ctx, ob) : 0;
}

int list_obligations(struct service *svc, struct arena *a, const struct list_viewer *v, const struct ob_filter *f,
		     const struct sort_spec *spec, int (*fn)(void *ctx, const struct obligation *ob), void *ctx,
		     int64_t *total, struct bt_error *err)
{
	struct walk w;
	size_t from, count, i;
	int rc;

	walk_init(&w, svc, a, v, spec, total, err);
	w.ob_fn = fn;
	w.ctx = ctx;
	rc = store_obligation_each(svc->store, f, ob_one, &w, err);
	if (rc < 0)
		return rc;
	if (total)
		*total = w.matched;
	if (!spec->n || rc)
		return 0;
	sort_rows(w.rows, w.n);
	sort_page(spec, w.n, &from, &count);
	for (i = from; i < from + count; i++)
		if ((rc = fn(ctx, w.rows[i].item)) != 0)
			return rc < 0 ? rc : 0;
	return 0;
}

void list_queue(struct qitem *items, size_t n, const struct sort_spec *spec, struct arena *a, struct qitem **page,
		size_t *np)
{
	size_t from, count, i;

	sort_page(spec, n, &from, &count);
	if (!spec->n) {
		*page = count ? items + from : items; /* an empty work list may have no array */
		*np = count;
		return;
	}
	{
		struct sort_row *rows = arena_alloc(a, (n ? n : 1) * sizeof(*rows));
		struct qitem *out = arena_alloc(a, (count ? count : 1) * sizeof(*out));

		for (i = 0; i < n; i++)
			sort_row_fill(&rows[i], spec, &items[i], i, items[i].id, a);
		sort_rows(rows, n);
		for (i = 0; i < count; i++)
			out[i] = *(const struct qitem *)rows[from + i].item;
		*page = out;
		*np = count;
	}
}
