/* feed.c - the live dashboard's feed: the events committed since the last look, the
 * obligations coming due soon, each with whom it concerns loaded; see feed.h. */
#include "service/feed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/idgaps.h"

/* Skipped runs asked about per poll at most (the oldest first). */
#define FEED_RUNS 32
/* Seconds the managers are trusted before they are read again (a rep event reloads at once). */
#define FEED_ROSTER_TTL 10.0
/* Obligations read per due-soon scan. */
#define FEED_DUE_BATCH 1000

/* An obligation announced due soon: remembered until it is due. */
struct announced {
	int64_t id, due;
};

struct feed {
	struct idgaps ids;
	/* every rep, by name: who exists, and their managers */
	struct arena *roster_a;
	struct rep *reps;
	size_t nreps;
	double roster_at; /* when it was read (feed_poll's clock), < 0: read again */
	/* the obligations announced, by id */
	struct announced *due;
	size_t ndue, capdue;
	/* where the due-soon scan resumes (0, 0: at the start of the window) */
	int64_t scan_due, scan_id;
};

/* One walk over events (a poll or a replay) and what it loaded. */
struct walk {
	struct feed *f;
	struct service *svc;
	double now;
	int replay;         /* 1: a replay (deliver what the feed passed); 0: a poll (what it sees now) */
	feed_fn fn;
	void *ctx;
	struct arena *a;    /* the leads loaded */
	struct lead lead;   /* the last one loaded (events of a lead come together) */
	int has_lead;
	size_t n;           /* events read */
	struct bt_error *err;
	int failed;         /* a load failed: *err holds why */
};

static void walk_init(struct walk *w, struct feed *f, struct service *svc, double now, feed_fn fn, void *ctx,
		      struct bt_error *err)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->svc = svc;
	w->now = now;
	w->fn = fn;
	w->ctx = ctx;
	w->err = err;
}

static int cmp_rep(const void *x, const void *y)
{
	return strcmp(((const struct rep *)x)->name, ((const struct rep *)y)->name);
}

static const struct rep *rep_find(const struct feed *f, const char *name)
{
	struct rep key;

	if (!name || !f->nreps)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.name = name;
	return bsearch(&key, f->reps, f->nreps, sizeof(*f->reps), cmp_rep);
}

/* The manager of rep `name`, NULL when none or no such rep. */
static const char *boss_of(const struct feed *f, const char *name)
{
	const struct rep *r = rep_find(f, name);

	return r ? r->manager : NULL;
}

/* Reads every rep (each role's roster) anew. 0 or negative. */
static int roster_load(struct feed *f, struct service *svc, double now, struct bt_error *err)
{
	struct arena *a = arena_new();
	struct rep *all = NULL;
	size_t n = 0, cap = 0;
	int role, rc = 0;

	for (role = 0; role < ROLE_COUNT && rc == 0; role++) {
		struct rep *some;
		size_t k, m;

		rc = store_rep_roster(svc->store, a, role, &some, &m, err);
		for (k = 0; rc == 0 && k < m; k++)
			*(struct rep *)arena_push(a, (void **)&all, &n, &cap, sizeof(*all)) = some[k];
	}
	if (rc) {
		arena_free(&a);
		return rc;
	}
	qsort(all, n, sizeof(*all), cmp_rep);
	arena_free(&f->roster_a);
	f->roster_a = a;
	f->reps = all;
	f->nreps = n;
	f->roster_at = now;
	return 0;
}

/* Reads the reps again when a rep event asked for it or they are older than FEED_ROSTER_TTL. */
static int roster_fresh(struct feed *f, struct service *svc, double now, struct bt_error *err)
{
	if (f->roster_at >= 0 && now - f->roster_at <= FEED_ROSTER_TTL)
		return 0;
	return roster_load(f, svc, now, err);
}

struct feed *feed_open(struct service *svc, struct bt_error *err)
{
	struct feed *f = bt_calloc(sizeof(*f), err);
	int64_t last = 0;

	if (!f)
		return NULL;
	if (store_event_last(svc->store, &last, err)) {
		free(f);
		return NULL;
	}
	idgaps_init(&f->ids, last);
	f->roster_at = -1;
	return f;
}

void feed_free(struct feed **fp)
{
	struct feed *f = fp ? *fp : NULL;

	if (!f)
		return;
	idgaps_release(&f->ids);
	arena_free(&f->roster_a);
	free(f->due);
	free(f);
	*fp = NULL;
}

int64_t feed_last(const struct feed *f)
{
	return f->ids.last;
}

/* Fills what fact names and concerns from the store: the lead's holders now (w->lead), the
 * managers of every rep named; an actor who is no rep ("system", "admin") names nobody. */
static int load_fact(struct walk *w, struct stream_fact *fact)
{
	struct feed *f = w->f;
	int k, h;

	if (!w->has_lead || w->lead.id != fact->lead) {
		w->has_lead = 0;
		arena_reset(w->a);
		if (store_lead_get(w->svc->store, w->a, fact->lead, &w->lead, w->err) == 0)
			w->has_lead = 1;
		else if (w->err->code != BT_NOT_FOUND)
			return -BT_STORAGE;
	}
	if (w->has_lead) {
		fact->l = &w->lead;
		for (h = 0; h < HOLDER_COUNT; h++)
			fact->boss[h] = boss_of(f, lead_holder(&w->lead, (enum lead_holder)h));
	}
	if (!rep_find(f, fact->named[NAMED_ACTOR]))
		fact->named[NAMED_ACTOR] = NULL;
	for (k = 0; k < NAMED_COUNT; k++)
		fact->named_boss[k] = boss_of(f, fact->named[k]);
	return 0;
}

/* store_event_range's callback: one event of a poll or a replay. */
static int on_event(void *ctx, const struct event *ev)
{
	struct walk *w = ctx;
	struct feed_item it;

	w->n++;
	if (w->replay ? idgaps_missing(&w->f->ids, ev->id) : !idgaps_see(&w->f->ids, ev->id, w->now))
		return 0; /* seen already, or (a replay) still awaited: it comes live */
	if (ev->type == EV_REP_ADDED || ev->type == EV_REP_UPDATED)
		w->f->roster_at = -1; /* a new rep, a new manager: read them again before the next */
	memset(&it, 0, sizeof(it));
	if (!w->replay && (ev->type == EV_TOKEN_REVOKED || ev->type == EV_SIGNED_OUT || ev->type == EV_REP_UPDATED)) {
		it.id = ev->id;
		it.ev = ev;
		it.token = ev->type == EV_TOKEN_REVOKED ? event_get_int(ev, "token", 0) : 0;
		it.session = ev->type == EV_SIGNED_OUT ? event_get_int(ev, "session", 0) : 0;
		it.rep = ev->type == EV_REP_UPDATED ? event_get_str(ev, "rep") : NULL;
		return it.token || it.session || it.rep ? w->fn(w->ctx, &it) : 0;
	}
	if (stream_fact_of(ev, &it.fact))
		return 0;
	if (roster_fresh(w->f, w->svc, w->now, w->err))
		return w->failed = -BT_STORAGE;
	if (load_fact(w, &it.fact))
		return w->failed = -BT_STORAGE;
	it.id = ev->id;
	it.ev = ev;
	return w->fn(w->ctx, &it);
}

/* Reads the ids alone after `after` up to `upto`, as seen: nobody listens. 0 or negative. */
static int pass_ids(struct feed *f, struct service *svc, int64_t after, int64_t upto, double now, size_t *n,
		    struct bt_error *err)
{
	int64_t ids[FEED_BATCH];
	size_t i;
	int rc = store_event_ids(svc->store, after, upto, ids, FEED_BATCH, n, err);

	for (i = 0; rc == 0 && i < *n; i++)
		idgaps_see(&f->ids, ids[i], now);
	return rc;
}

int feed_poll(struct feed *f, struct service *svc, double now, int facts, feed_fn fn, void *ctx, struct bt_error *err)
{
	struct walk w;
	struct idgap runs[FEED_RUNS];
	size_t nruns = 0, i, n = 0;
	int rc = 0;

	walk_init(&w, f, svc, now, fn, ctx, err);

	idgaps_expire(&f->ids, now - FEED_GAP_TTL);
	/* the skipped ids first (older), by run: each one query of a range of the primary key */
	for (i = 0; i < f->ids.n && nruns < FEED_RUNS; i++)
		runs[nruns++] = f->ids.runs[i];
	if (facts)
		w.a = arena_new();
	for (i = 0; rc >= 0 && i < nruns; i++)
		rc = facts ? store_event_range(svc->store, runs[i].lo - 1, runs[i].hi, FEED_BATCH, on_event, &w, err)
			   : pass_ids(f, svc, runs[i].lo - 1, runs[i].hi, now, &n, err);
	w.n = 0;
	if (rc >= 0)
		rc = facts ? store_event_range(svc->store, f->ids.last, INT64_MAX, FEED_BATCH, on_event, &w, err)
			   : pass_ids(f, svc, f->ids.last, INT64_MAX, now, &w.n, err);
	arena_free(&w.a);
	if (w.failed)
		return w.failed;
	return rc < 0 ? rc : (int)w.n;
}

int feed_replay(struct feed *f, struct service *svc, double now, int64_t after, size_t limit, feed_fn fn, void *ctx,
		int *cut, struct bt_error *err)
{
	struct walk w;
	int rc;

	walk_init(&w, f, svc, now, fn, ctx, err);
	w.replay = 1;
	w.a = arena_new();
	*cut = 0;
	rc = store_event_range(svc->store, after, f->ids.last, limit, on_event, &w, err);
	arena_free(&w.a);
	if (w.failed)
		return w.failed;
	*cut = w.n >= limit;
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- due soon */

static int cmp_announced(const void *x, const void *y)
{
	int64_t a = ((const struct announced *)x)->id, b = ((const struct announced *)y)->id;

	return a < b ? -1 : a > b;
}

/* Forgets the obligations due by now (they are breached or met, not due soon). */
static void forget_due(struct feed *f, int64_t now)
{
	size_t i, k = 0;

	for (i = 0; i < f->ndue; i++)
		if (f->due[i].due > now)
			f->due[k++] = f->due[i];
	f->ndue = k;
}

/* Remembers obligation ob as announced, after the ones in id order (announce_sort puts it in
 * place). 0, or -1 out of memory. */
static int remember(struct feed *f, const struct obligation *ob)
{
	if (f->ndue == f->capdue) {
		size_t cap = f->capdue ? f->capdue * 2 : 64;
		struct announced *nd = realloc(f->due, cap * sizeof(*nd));

		if (!nd)
			return -1;
		f->due = nd;
		f->capdue = cap;
	}
	f->due[f->ndue++] = (struct announced){ob->id, ob->due};
	return 0;
}

int feed_due(struct feed *f, struct service *svc, double now, feed_fn fn, void *ctx, struct bt_error *err)
{
	struct arena *a = arena_new();
	struct obligation *obs;
	size_t n, i, sorted;
	int rc;

	forget_due(f, svc->now);
	sorted = f->ndue; /* one scan reads each obligation once: only the earlier scans' to search */
	rc = roster_fresh(f, svc, now, err);
	if (rc == 0)
		rc = store_obligations_due(svc->store, a, svc->now, svc->now + stream_due_window(svc->pb), f->scan_due,
					   f->scan_id, FEED_DUE_BATCH, &obs, &n, err);
	if (rc == 0 && n == FEED_DUE_BATCH) { /* more: the next call goes on after the last */
		f->scan_due = obs[n - 1].due;
		f->scan_id = obs[n - 1].id;
	} else {
		f->scan_due = f->scan_id = 0;
	}
	for (i = 0; rc == 0 && i < n; i++) {
		struct announced key = {obs[i].id, 0};
		struct feed_item it;
		int k;

		memset(&it, 0, sizeof(it));
		if ((sorted && bsearch(&key, f->due, sorted, sizeof(*f->due), cmp_announced)) ||
		    stream_fact_due(&obs[i], &it.fact))
			continue;
		for (k = 0; k < NAMED_COUNT; k++)
			it.fact.named_boss[k] = boss_of(f, it.fact.named[k]);
		it.ob = &obs[i];
		if (remember(f, &obs[i]) == 0)
			rc = fn(ctx, &it);
	}
	if (f->ndue > sorted)
		qsort(f->due, f->ndue, sizeof(*f->due), cmp_announced);
	arena_free(&a);
	return rc < 0 ? rc : 0;
}
