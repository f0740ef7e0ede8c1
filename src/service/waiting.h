/* waiting.h - the leads nobody owns yet, routed at the first instant someone is eligible
 * (SPEC 8.1): right after an action that may have made someone eligible (capacity freed, a rep
 * added, activated or back), and in time order by the timers when only time does it (a rep's
 * hours open). The core decides (core/waiting.h); this loads and records, in the caller's
 * unit of work. */
#ifndef BATON_SERVICE_WAITING_H
#define BATON_SERVICE_WAITING_H

#include <stdint.h>

#include "util/error.h"

struct work;
struct arena;
struct tick_report;

/* Routes, at instant `at`, the leads that were waiting then, oldest first, each to the rep its
 * rotation picks, while anyone is eligible; records each in the open work w and reports it in
 * r (type "assign", or "reassign" for a lead that waits after a reassignment) when r is not
 * NULL. Remembers `at` as the last instant the rotations were tried. 0 or a negative code. */
int waiting_settle(struct work *w, struct arena *a, int64_t at, struct tick_report *r, struct bt_error *err);

/* The first instant in (last tried, until] at which time alone makes someone eligible for a
 * waiting lead (a rep's working hours open, a rep comes back from an absence); *out = -1 when
 * there is none or no lead waits. 0 or a negative code. */
int waiting_next(struct work *w, struct arena *a, int64_t until, int64_t *out, struct bt_error *err);

#endif
