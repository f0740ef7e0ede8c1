/* absence_start.h - the timer of absences (SPEC 8.3): when a rep's absence starts, its
 * untouched mql leads go back to the rotation (routing.absence) and its manager is told by an
 * `absence` notification and event. tick.c runs the starts in time order with the obligations
 * and the openings of the waiting leads, then routes the leads waiting at that instant. The
 * core decides (absence_start_decide); this loads and records, in the caller's unit of work. */
#ifndef BATON_ABSENCE_START_H
#define BATON_ABSENCE_START_H

#include <stdint.h>

#include "core/absence.h"
#include "util/error.h"

struct work;
struct arena;
struct tick_report;

/* The absence whose start is due first, at or before `until`, into *out (in a) with *found 1;
 * *found 0 when none. 0 or a negative code. */
int absence_next(struct work *w, struct arena *a, int64_t until, struct absence *out, int *found, struct bt_error *err);

/* Processes the start of absence ab at its due time (absence_due) in the open work w: its
 * rep's untouched mql leads back to the rotation, its manager told (outbox and event), the
 * absence marked begun; reports each in r (types "unassigned" and "absence") when r is not
 * NULL. The caller then routes the leads waiting at that instant (waiting_settle). 0 or a
 * negative code. */
int absence_start(struct work *w, struct arena *a, struct absence *ab, struct tick_report *r, struct bt_error *err);

#endif
