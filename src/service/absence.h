/* absence.h - the absences' use cases (SPEC 8.3): `rep away NAME --from T --to T`, `--list`,
 * `--cancel ID` and the API's /reps/{name}/absences, and the out-of-office events of an imported
 * calendar. Who may is the core's (absence_may); an absence that starts by now is processed in
 * the same unit of work (its rep's untouched leads back to the rotation, its manager told),
 * one that ends early (cancelled while on) makes its rep eligible again at once. */
#ifndef BATON_SVC_ABSENCE_H
#define BATON_SVC_ABSENCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/absence.h"
#include "io/ical.h"
#include "util/error.h"

struct service;
struct work;
struct arena;

/* Enters an absence of rep `name` by `by` (NULL: the command line), from and to as
 * absence_period reads them in the rep's zone, with `reason` (may be NULL); fills *out (in a)
 * as stored, begun already when it starts by now. -BT_NOT_FOUND (no such rep), -BT_DENIED,
 * -BT_BAD_INPUT, -BT_REFUSED (overlapping another), or a storage failure. */
int service_absence_add(struct service *svc, struct arena *a, const struct rep *by, const char *name, const char *from,
			const char *to, const char *reason, struct absence *out, struct bt_error *err);

/* Loads every absence of rep `name` (cancelled ones too), by start, into *out (in a), as `by`
 * (NULL: the command line) may read them. */
int service_absence_list(struct service *svc, struct arena *a, const struct rep *by, const char *name,
			 struct absence **out, size_t *n, struct bt_error *err);

/* Cancels absence `id` of rep `name` by `by` (NULL: the command line): one not begun is
 * dropped; one going on ends now (its rep is eligible again at once). Fills *out (in a). */
int service_absence_cancel(struct service *svc, struct arena *a, const struct rep *by, const char *name, int64_t id,
			   struct absence *out, struct bt_error *err);

/* In the open work w: replaces the absences of rep `name` read from its calendar before (those
 * not begun) with the out-of-office intervals away[0..n) that have not ended by now (one that
 * began already and is read again is kept, not doubled), then processes the starts due by now.
 * Sets *added to how many were entered. 0 or a negative code. */
int absence_calendar_sync(struct work *w, struct arena *a, const char *name, const struct busy *away, size_t n,
			  size_t *added, struct bt_error *err);

#endif
