/* open_load.h - the peak number of open leads each rep held over a window (SPEC 8.10's
 * "load"), counted from a store's events in id order: each event's effect on its lead's owner
 * and stage is lead_apply()'s, so any two stores with the same events count the same peaks.
 * Who holds each lead since when is kept too (open_load_owner: a replay's re-attribution).
 * Pure: the caller reads the events and feeds them in. */
#ifndef BATON_OPEN_LOAD_H
#define BATON_OPEN_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

struct open_load;

/* Returns a new count of the window [from, to) (NULL when out of memory); the caller frees it
 * with open_load_free(). */
struct open_load *open_load_new(int64_t from, int64_t to);

/* Frees *lp and its rows, and clears the pointer (NULL: nothing). */
void open_load_free(struct open_load **lp);

/* Adds rep `name` (copied) as a row with no lead yet, so a rep who never held one is shown
 * (a name added twice is one row). 0, or -1 when out of memory. */
int open_load_rep(struct open_load *l, const char *name);

/* Applies event ev (the next in id order) to the count. 0, or -1 when out of memory or when
 * the event cannot be applied to a lead (a corrupt store: lead_apply's -1). */
int open_load_event(struct open_load *l, const struct event *ev);

/* The owner of lead `lead` after the events applied so far (borrowed from l; NULL: none or an
 * unknown lead), and in *got (may be NULL) the time of the event that made it the owner. */
const char *open_load_owner(const struct open_load *l, int64_t lead, int64_t *got);

/* How many rows (reps, in the order they were first named). */
size_t open_load_rows(const struct open_load *l);

/* Row i's rep (borrowed from l) and its peak of open leads within the window; NULL past the end. */
const char *open_load_row(const struct open_load *l, size_t i, int64_t *peak);

#endif
