/* replay_queue.c - each lead's line of actions and the heap of their scheduled firsts; see
 * replay_queue.h. Actions live in one pool linked by index per line; the lines are found by
 * lead id; the heap holds (at, id, lead) and keeps entries until they come up, when an entry
 * that is no longer its line's schedule is dropped. */
#include "core/replay_queue.h"

#include <stdlib.h>
#include <string.h>

struct action {
	int64_t id;   /* the source event */
	void *data;   /* the caller's */
	int64_t next; /* the next in its line, -1 none; in the free list, the next free */
};

struct line {
	int64_t first, last; /* pool indexes, -1: empty */
	int64_t at;          /* when its first is scheduled, INT64_MIN: not scheduled */
};

struct entry {
	int64_t at, id, lead;
};

struct replay_queue {
	struct action *pool;
	int64_t npool, cappool, free; /* free: the first free slot, -1 none */
	struct line *lines;           /* by lead id */
	int64_t nlines;
	struct entry *heap;
	int64_t nheap, capheap;
};

struct replay_queue *replay_queue_new(void)
{
	struct replay_queue *q = calloc(1, sizeof(*q));

	if (q)
		q->free = -1;
	return q;
}

void replay_queue_free(struct replay_queue **qp, void (*drop)(void *data))
{
	struct replay_queue *q = qp ? *qp : NULL;
	int64_t i, k;

	if (!q)
		return;
	for (i = 0; drop && i < q->nlines; i++)
		for (k = q->lines[i].first; k >= 0; k = q->pool[k].next)
			drop(q->pool[k].data);
	free(q->pool);
	free(q->lines);
	free(q->heap);
	free(q);
	*qp = NULL;
}

/* Grows *items (of `size` bytes each, *cap of them) to hold n; 0 or -1. */
static int grow(void **items, int64_t *cap, int64_t n, size_t size)
{
	int64_t c = *cap ? *cap : 16;
	void *p;

	if (n <= *cap)
		return 0;
	while (c < n)
		c *= 2;
	p = realloc(*items, (size_t)c * size);
	if (!p)
		return -1;
	*items = p;
	*cap = c;
	return 0;
}

/* Lead's line, the table grown to hold it; NULL when out of memory. */
static struct line *line_of(struct replay_queue *q, int64_t lead)
{
	if (lead >= q->nlines) {
		int64_t n = q->nlines, i;

		if (grow((void **)&q->lines, &n, lead + 1, sizeof(*q->lines)))
			return NULL;
		for (i = q->nlines; i < n; i++)
			q->lines[i] = (struct line){-1, -1, INT64_MIN};
		q->nlines = n;
	}
	return &q->lines[lead];
}

int replay_queue_push(struct replay_queue *q, int64_t lead, int64_t id, void *data)
{
	struct line *l = lead > 0 ? line_of(q, lead) : NULL;
	int64_t k;

	if (!l)
		return -1;
	if (q->free >= 0) {
		k = q->free;
		q->free = q->pool[k].next;
	} else {
		if (grow((void **)&q->pool, &q->cappool, q->npool + 1, sizeof(*q->pool)))
			return -1;
		k = q->npool++;
	}
	q->pool[k] = (struct action){id, data, -1};
	if (l->last >= 0)
		q->pool[l->last].next = k;
	else
		l->first = k;
	l->last = k;
	return l->first == k;
}

/* 1 if entry x comes before entry y: earlier, or as early and recorded first. */
static int before(const struct entry *x, const struct entry *y)
{
	return x->at < y->at || (x->at == y->at && x->id < y->id);
}

static void swap(struct entry *x, struct entry *y)
{
	struct entry t = *x;

	*x = *y;
	*y = t;
}

int replay_queue_schedule(struct replay_queue *q, int64_t lead, int64_t at)
{
	struct line *l = lead > 0 && lead < q->nlines ? &q->lines[lead] : NULL;
	int64_t i;

	if (!l || l->first < 0)
		return 0;
	if (grow((void **)&q->heap, &q->capheap, q->nheap + 1, sizeof(*q->heap)))
		return -1;
	l->at = at;
	i = q->nheap++;
	q->heap[i] = (struct entry){at, q->pool[l->first].id, lead};
	while (i > 0 && before(&q->heap[i], &q->heap[(i - 1) / 2])) {
		swap(&q->heap[i], &q->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return 0;
}

void *replay_queue_first(const struct replay_queue *q, int64_t lead)
{
	const struct line *l = lead > 0 && lead < q->nlines ? &q->lines[lead] : NULL;

	return l && l->first >= 0 ? q->pool[l->first].data : NULL;
}

/* Takes the heap's top out. */
static void heap_drop(struct replay_queue *q)
{
	int64_t i = 0;

	q->heap[0] = q->heap[--q->nheap];
	for (;;) {
		int64_t c = 2 * i + 1;

		if (c >= q->nheap)
			break;
		if (c + 1 < q->nheap && before(&q->heap[c + 1], &q->heap[c]))
			c++;
		if (!before(&q->heap[c], &q->heap[i]))
			break;
		swap(&q->heap[c], &q->heap[i]);
		i = c;
	}
}

int replay_queue_next(struct replay_queue *q, int64_t *lead, int64_t *at, void **data)
{
	while (q->nheap > 0) {
		const struct entry *e = &q->heap[0];
		const struct line *l = &q->lines[e->lead];

		if (l->first >= 0 && q->pool[l->first].id == e->id && l->at == e->at) {
			*lead = e->lead;
			*at = e->at;
			*data = q->pool[l->first].data;
			return 1;
		}
		heap_drop(q); /* rescheduled, or taken out */
	}
	return 0;
}

int replay_queue_pop(struct replay_queue *q, int64_t lead)
{
	struct line *l = lead > 0 && lead < q->nlines ? &q->lines[lead] : NULL;
	int64_t k;

	if (!l || l->first < 0)
		return 0;
	k = l->first;
	l->first = q->pool[k].next;
	if (l->first < 0)
		l->last = -1;
	l->at = INT64_MIN;
	q->pool[k].next = q->free;
	q->free = k;
	return l->first >= 0;
}
