/* demo_state.c - the helpers every step of `baton demo` uses on the driver's state (demo_state.h):
 * the queue of timed steps (a binary heap ordered by time, then by push order), the tick, and
 * running a use case on a lead and counting its outcome. It runs no step itself: the steps are in
 * demo_lead.c and demo_deal.c, the loop that runs them in demo.c. */
#include <stdlib.h>
#include <string.h>

#include "demo/demo_state.h"
#include "service/act.h"
#include "service/tick.h"

const char *const demo_sources[DEMO_NSOURCES] = {"web_form", "webinar", "event", "referral", "phone", "target_list"};

/* ---------------------------------------------------------------- small helpers */

int64_t demo_biz(struct demo *d, int64_t t, double minutes)
{
	int64_t m = minutes < 1 ? 1 : (int64_t)minutes, r = bizclock_add(&d->bc, t, m);

	return r == BIZCLOCK_NEVER ? t + m * 60 : r;
}

int demo_rep_find(const struct demo *d, const char *name)
{
	size_t mask = d->rep_hash_cap - 1, k;

	if (!name)
		return -1;
	for (k = demo_hash(name) & mask; d->rep_hash[k]; k = (k + 1) & mask)
		if (strcmp(d->reps[d->rep_hash[k] - 1].name, name) == 0)
			return (int)d->rep_hash[k] - 1;
	return -1;
}

int demo_outcome(struct demo *d, int rc, int64_t *kind)
{
	d->rep->use_cases++;
	d->since_commit++;
	if (rc == 0)
		return 0;
	if (rc == -BT_STORAGE)
		return rc;
	d->rep->refusals++;
	if (kind)
		(*kind)++;
	else
		d->rep->refused_other++;
	return 1;
}

int demo_get(struct demo *d, const struct dlead *dl, struct lead *l)
{
	return store_lead_get(d->svc->store, d->a, dl->id, l, d->err);
}

int demo_get_owner(struct demo *d, const struct dlead *dl, unsigned stages, struct lead *l, int *by)
{
	int rc = demo_get(d, dl, l);

	*by = -1;
	if (!rc && (stages & (1u << l->stage)))
		*by = demo_owner(d, l);
	return rc;
}

int demo_act(struct demo *d, const struct dlead *dl, int by, const char *to, struct action_req *req, struct lead *out,
	     int64_t *kind)
{
	return demo_outcome(d, service_act(d->svc, d->a, dl->id, d->reps[by].name, to, req, out, d->err), kind);
}

int demo_owner(const struct demo *d, const struct lead *l)
{
	return l->owner ? demo_rep_find(d, l->owner) : -1;
}

/* ---------------------------------------------------------------- the queue of steps */

static int item_before(const struct ditem *a, const struct ditem *b)
{
	return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

void demo_push(struct demo *d, int64_t at, uint32_t i, enum demo_step step, int64_t aux)
{
	struct ditem it = {0};
	size_t k;

	if (at < d->svc->now)
		at = d->svc->now;
	if (at > d->end)
		return; /* after "today": it has not happened */
	if (d->nheap == d->cap_heap) {
		d->cap_heap = d->cap_heap ? d->cap_heap * 2 : 4096;
		d->heap = realloc(d->heap, d->cap_heap * sizeof(*d->heap));
		if (!d->heap)
			abort();
	}
	it.at = at;
	it.seq = d->seq++;
	it.lead = i;
	it.step = (uint16_t)step;
	it.aux = aux;
	for (k = d->nheap++; k > 0 && item_before(&it, &d->heap[(k - 1) / 2]); k = (k - 1) / 2)
		d->heap[k] = d->heap[(k - 1) / 2];
	d->heap[k] = it;
}

struct ditem demo_pop(struct demo *d)
{
	struct ditem top = d->heap[0], last = d->heap[--d->nheap];
	size_t k = 0, c;

	for (;;) {
		c = 2 * k + 1;
		if (c >= d->nheap)
			break;
		if (c + 1 < d->nheap && item_before(&d->heap[c + 1], &d->heap[c]))
			c++;
		if (!item_before(&d->heap[c], &last))
			break;
		d->heap[k] = d->heap[c];
		k = c;
	}
	if (d->nheap)
		d->heap[k] = last;
	return top;
}

/* ---------------------------------------------------------------- the timers */

int demo_tick(struct demo *d)
{
	struct tick_report tr;
	int rc = service_tick(d->svc, &tr, d->err);

	tick_report_release(&tr);
	d->rep->ticks++;
	d->last_tick = d->svc->now;
	return rc;
}

struct demo_rng *demo_rng_of(struct demo *d, uint32_t i)
{
	return d->leads[i].flags & DF_PAST ? &d->yrng : &d->rng;
}

struct demo_rng *demo_crng_of(struct demo *d, uint32_t i)
{
	return d->leads[i].flags & DF_PAST ? &d->yrng : &d->crng;
}
