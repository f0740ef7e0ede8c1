/* replay.h - `baton replay` underneath (SPEC 8.10): the source store's recorded history re-driven
 * through the real use cases into a scratch store that runs a proposed playbook; the reports
 * are then read from both (service_report). Design and state: NOTES-replay.md. */
#ifndef BATON_REPLAY_H
#define BATON_REPLAY_H

#include <stdint.h>

#include "util/error.h"

struct service;

/* The line every replay prints first: what it assumes of the reps' behaviour. */
#define REPLAY_ASSUMPTION                                                                                              \
	"each lead's recorded story is replayed as recorded, by whoever owns the lead under the proposal, "            \
	"at the same business-time offset from the moment that owner got it"

/* What a replay did. */
struct replay_stats {
	int64_t events;   /* source events read */
	int64_t replayed; /* re-driven through a use case */
	int64_t skipped;  /* re-driven and refused by the scratch (the proposal changed the lead's path) */
};

/* Re-drives every recorded event of src (read only) into dst, a new store the caller opened
 * with service_init() under the proposal: reps, accounts, absences, the inflow (created,
 * restored), the lifecycle actions, managers' assigns and meeting outcomes, each at its
 * recorded time (dst->now), with dst's timers run before each event and, at the end, at the
 * last event's time. Returns 0 or a negative code (a refusal of the scratch is
 * counted in *st, not an error). */
int service_replay(struct service *src, struct service *dst, struct replay_stats *st, struct bt_error *err);

#endif
