/* decision.c - the list of events a decision of the core returns (struct decision, declared in
 * lifecycle.h): appending one. Below every deciding file (lifecycle, absence, intake, breach,
 * sla), so that they call one way. */
#include "core/lifecycle.h"

#include "util/arena.h"

void decision_add(struct decision *d, struct arena *a, struct event *ev)
{
	*(struct event **)arena_push(a, (void **)&d->events, &d->n, &d->cap, sizeof(ev)) = ev;
}
