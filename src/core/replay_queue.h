/* replay_queue.h - the actions a replay holds (SPEC 8.10): each lead's recorded actions wait in
 * its own line, in their order; only the first of a line is scheduled, at the time its new
 * owner would act (bizclock_shift), and the scheduled firsts are taken earliest first (ties by
 * the source event's id) from a min-heap. A first rescheduled (its lead changed hands) is
 * scheduled again; the entry it had is dropped when it comes up. Pure: no I/O, no clock. */
#ifndef BATON_REPLAY_QUEUE_H
#define BATON_REPLAY_QUEUE_H

#include <stdint.h>

struct replay_queue;

/* Returns a new empty queue (NULL when out of memory); free it with replay_queue_free(). */
struct replay_queue *replay_queue_new(void);

/* Frees *qp, calling drop(data) (NULL: nothing) on every action still held, and clears *qp. */
void replay_queue_free(struct replay_queue **qp, void (*drop)(void *data));

/* Appends the action `data` (the caller's, source event `id`) to lead's line. Returns 1 when it
 * is the line's first (the caller schedules it), 0 when others wait before it, -1 out of memory. */
int replay_queue_push(struct replay_queue *q, int64_t lead, int64_t id, void *data);

/* Schedules the first of lead's line at `at` (again, if it was). 0, or -1 out of memory. */
int replay_queue_schedule(struct replay_queue *q, int64_t lead, int64_t at);

/* The first of lead's line (NULL: none waits). */
void *replay_queue_first(const struct replay_queue *q, int64_t lead);

/* The earliest scheduled first, left in the queue: 1 with *lead, *at and *data set, 0 if none
 * is scheduled. */
int replay_queue_next(struct replay_queue *q, int64_t *lead, int64_t *at, void **data);

/* Takes the first of lead's line out (done or skipped: its data is the caller's again). Returns
 * 1 when another now heads the line (the caller schedules it), else 0. */
int replay_queue_pop(struct replay_queue *q, int64_t lead);

#endif
