/* replay.h - `baton replay` underneath (SPEC 8.10): the source store's recorded history re-driven
 * through the real use cases into a scratch store that runs a proposed playbook; the reports
 * are then read from both (service_report). Design: docs/replay.md. */
#ifndef BATON_REPLAY_H
#define BATON_REPLAY_H

#include <jansson.h>
#include <stdint.h>

#include "util/error.h"

struct event;
struct service;
struct replay_changes;

/* The line every replay prints first: what it assumes of the reps' behaviour. */
#define REPLAY_ASSUMPTION                                                                                              \
	"each lead's recorded story is replayed as recorded, by whoever owns the lead under the proposal, "            \
	"at the same business-time offset from the moment that owner got it"

/* how many different reasons for skipping a replay keeps (the first met) */
#define REPLAY_REASONS 10

/* What a replay did. */
struct replay_stats {
	int64_t events;   /* source events read */
	int64_t replayed; /* re-driven through a use case */
	int64_t skipped;  /* re-driven and refused by the scratch (the proposal changed the lead's path) */
	int64_t moved;    /* actions re-driven by another rep or at another time than recorded */
	/* the first reasons met, each "TYPE: the scratch's words" (numbers written N), and how
	 * many were skipped for it */
	struct {
		char reason[128];
		int64_t count;
	} reasons[REPLAY_REASONS];
	size_t nreasons;
};

/* Re-drives every recorded event of src (read only) into dst, a new store the caller opened
 * with service_init() under the proposal: reps, accounts, absences, the inflow (created,
 * restored), the lifecycle actions, managers' assigns and meeting outcomes, each at its
 * recorded time (dst->now), with dst's timers run before each event and, at the end, at the
 * last event's time; each rep re-created with the changes (may be NULL) of replay_changes.h.
 * Returns 0 or a negative code (a refusal of the scratch is counted in *st, not an error). */
int service_replay(struct service *src, struct service *dst, const struct replay_changes *changes,
		   struct replay_stats *st, struct bt_error *err);

/* Calls fn(ctx, ev) for every event of svc's store in id order (read in batches) until fn
 * returns non-zero. 0, the store's error, or fn's non-zero return. */
int replay_each_event(struct service *svc, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		      struct bt_error *err);

/* What a comparison asks: the proposal (its YAML text and the name its errors are told by),
 * the moment both sides are read at, the reports' window [from, to) (INT64_MIN / 2 and
 * INT64_MAX / 2 when open), and the changes to reps (CHANGES.json: replay_changes.h; NULL:
 * none; borrowed). */
struct replay_request {
	const char *text;
	const char *name;
	int64_t now;
	int64_t from, to;
	json_t *changes;
};

/* The whole of `baton replay` but its printing (SPEC 8.10): a scratch SQLite store under
 * rq->text in $TMPDIR (removed at the end, unless BATON_REPLAY_KEEP is set: then its path is
 * told on stderr), the history of src replayed into it (service_replay), and the reports of
 * both read at rq->now: *out = {"from", "to", "assumption", "changes" (rq->changes as given,
 * or null), "replayed": {"events", "replayed", "skipped"}, "current": {REPORT: {...}},
 * "proposed": {...}, "delta": {...}} (io/json_delta.h), a new reference the caller decrefs. src is only read. Returns 0 or a negative code (a
 * proposal that does not parse: BT_BAD_INPUT naming its line; changes that do not check:
 * BT_BAD_INPUT naming the path, before anything runs). */
int service_replay_compare(struct service *src, const struct replay_request *rq, json_t **out, struct bt_error *err);

#endif
