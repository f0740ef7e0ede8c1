/* meeting.h - the meeting and calendar use cases: booking into an AE's free time, the free
 * slots a handoff may book, a meeting's outcome (held, no-show, reschedule, cancel) and the
 * AEs' availability (iCalendar or by hand). */
#ifndef BATON_SVC_MEETING_H
#define BATON_SVC_MEETING_H

#include <stddef.h>
#include <stdint.h>

#include "core/meeting.h"
#include "core/rep.h"
#include "util/error.h"

struct service;
struct arena;

/* Books meeting m (lead, ae, booked_by, start, minutes set) into the free time of `ae`,
 * ignoring meeting `skip` (one being moved); sets m->id. A clash is refused (-BT_REFUSED)
 * with what is in the way and the next free slots. */
int service_book(struct service *svc, struct arena *a, const struct rep *ae, struct meeting *m, int64_t skip,
		 struct bt_error *err);

/* Fills slots[0..max) with the free starts (on the half hour) of a `minutes` meeting with AE
 * `ae` from `from` on, ending by `to` and within 14 days, as service_book would accept them;
 * *n says how many. Reads only. */
int service_free_slots(struct service *svc, struct arena *a, const struct rep *ae, int64_t from, int64_t to,
		       int minutes, int64_t *slots, size_t max, size_t *n, struct bt_error *err);

enum meeting_action { MEET_HELD, MEET_NO_SHOW, MEET_RESCHEDULE, MEET_CANCEL, MEET_ACTION_COUNT };

/* The outcome named s: held, no-show (also written no_show), reschedule or cancel; 0, or -1. */
int meeting_action_parse(const char *s, enum meeting_action *out);

/* A meeting outcome by the rep named `by`: held, no-show, reschedule (to `at`, or a task to
 * find a new time when at is 0) or cancel, initiated by "seller" or "prospect". Records the
 * lead's event (credit, SLA and tasks follow); fills *out with the meeting (the new one after
 * a reschedule). */
int service_meeting(struct service *svc, struct arena *a, int64_t id, enum meeting_action act, const char *by,
		    int64_t at, const char *initiator, struct meeting *out, struct bt_error *err);

/* Replaces the busy blocks of rep `name` from source "ics" with those read from an
 * iCalendar text over the next 180 days, and its absences read from it before with the
 * calendar's out-of-office events (SPEC 8.3: absence_calendar_sync); sets *n to how many busy
 * blocks, *absences to how many absences were entered. */
int service_availability_ics(struct service *svc, const char *name, const char *text, size_t len, size_t *n,
			     size_t *absences, struct bt_error *err);

/* Adds a free block [from, to) to rep `name`'s availability. */
int service_availability_add(struct service *svc, const char *name, int64_t from, int64_t to, struct bt_error *err);

#endif
