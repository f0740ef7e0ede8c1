/* lists.h - the lists the command line and the API page and sort (core/sort.h): leads (narrowed
 * by the store, searched by core/search.h, seen as core/visibility.h lets the viewer),
 * obligations, and a rep's work list. Each list has one table of the fields it may be sorted by
 * (the names `--sort` and `?sort=` take, docs/api.md) and keeps its own order otherwise; each
 * answers how many items match in all (the API's X-Total-Count) beside the page. */
#ifndef BATON_LISTS_H
#define BATON_LISTS_H

#include "core/sort.h"
#include "service/views.h"

/* The fields each list may be sorted by. */
extern const struct sort_field lead_sort_fields[];
extern const size_t lead_sort_fields_n;
extern const struct sort_field ob_sort_fields[];
extern const size_t ob_sort_fields_n;
extern const struct sort_field queue_sort_fields[];
extern const size_t queue_sort_fields_n;

/* Who looks at a list. */
struct list_viewer {
	int everyone;          /* 1: every item (the command line's operator) */
	const struct rep *rep; /* else the token's rep; NULL: an intake token, which sees none */
};

/* Which leads, in which order. */
struct lead_query {
	struct lead_filter filter; /* what the store narrows (its limit is set here, not by the caller) */
	const char *q;             /* the search form of the query (search_query), NULL: every lead */
	struct sort_spec sort;     /* order and page; no key: by id */
};

/* Calls fn for each lead of the page q asks for, in its order, that v may see; sets *total to
 * how many leads match and v may see in all (total NULL: not needed, the walk may stop at the
 * page's end). Stops when fn returns non-zero: a negative value is returned as the error. */
int list_leads(struct service *svc, struct arena *a, const struct list_viewer *v, struct lead_query *q,
	       int (*fn)(void *ctx, const struct lead *l), void *ctx, int64_t *total, struct bt_error *err);

/* The same for the obligations f matches (in the store's order, by due time then id, when the
 * spec names no key) that v may see: what it owes itself, a manager also its team's and what
 * waits for a pool (visible_owed). */
int list_obligations(struct service *svc, struct arena *a, const struct list_viewer *v, const struct ob_filter *f,
		     const struct sort_spec *spec, int (*fn)(void *ctx, const struct obligation *ob), void *ctx,
		     int64_t *total, struct bt_error *err);

/* Orders a work list (view_queue's, most urgent first) as spec says and sets *page and *np to
 * the page it asks for (in a, or within items). */
void list_queue(struct qitem *items, size_t n, const struct sort_spec *spec, struct arena *a, struct qitem **page,
		size_t *np);

#endif
