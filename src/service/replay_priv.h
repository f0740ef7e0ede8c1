/* replay_priv.h - what the two halves of `baton replay` share (not for other files): the run's
 * state, the items and the table of inputs. replay.c reads the source, keeps the items and the
 * actions waiting, and re-drives them in time order; replay_input.c re-drives one input through
 * its use case (replay_inputs) and counts what the scratch refused. replay.c calls
 * replay_input.c, never the other way. */
#ifndef BATON_REPLAY_PRIV_H
#define BATON_REPLAY_PRIV_H

#include <jansson.h>
#include <stdint.h>

#include "core/action_args.h"
#include "core/event.h"
#include "service/replay.h"

struct arena;
struct open_load;
struct replay_queue;

/* Source ids -> scratch ids (0: none), grown in the run's own memory. */
struct replay_ids {
	int64_t *to; /* owned, by source id */
	size_t n;
};

/* A source event waiting for its time in the scratch: an input (a copy of it) or only its time
 * (the timers run then, as they did before it in the source). */
struct replay_item {
	struct replay_item *next;
	int64_t id, at, lead;
	enum event_type type;
	int sets_stage, from, to;
	char *actor;   /* owned, NULL none */
	char *payload; /* owned payload text; NULL: only its time counts */
	/* owned: a lead's creation (its payload); alone, through the intake; with `payload` (the
	 * imported event's), a history row */
	json_t *created;
	/* 1: its actor owned the lead when it was recorded */
	int owned;
};

struct replay_run {
	struct service *src, *dst;
	struct arena *a;              /* per event, reset after each */
	struct replay_ids leads;      /* 0: none (filtered out of the replay) */
	struct replay_ids absences;
	/* an expansion's source lead -> its customer's, until the customer's `expansion` event
	 * (SPEC 8.12) re-drives expand, which makes the expansion's creation and handoff again */
	struct replay_ids expansions;
	/* the source events read and not yet re-driven, in the order read (the scratch lags the
	 * reading by REPLAY_LAG, so that an action may move earlier than it was recorded) */
	struct replay_item *first, *last;
	/* a created event held until the next one says whether a history row made it (an
	 * `imported` event of the same lead follows) or the intake did */
	struct replay_item *held;
	const char *what;  /* the type of the event being re-driven (event_type_name) */
	int64_t what_id;   /* its source id */
	int64_t what_lead; /* its source lead */
	int64_t last_at;   /* the time of the last source event */
	/* who holds each lead since when, on both sides (re-attribution) */
	struct open_load *src_owners, *dst_owners;
	/* the last scratch event fed to dst_owners */
	int64_t dst_seen;
	/* the leads' actions waiting for their time */
	struct replay_queue *q;
	/* 1: the input being re-driven was recorded by the lead's owner */
	int owned;
	/* the scratch's clock at its last tick (replay_tick runs once per instant), 0: none yet */
	int64_t ticked_at;
	int ticked;
	/* items and actions re-driven (a commit every REPLAY_COMMIT) */
	int64_t done;
	/* the proposal's changes to reps (replay_changes.h), NULL: none */
	const struct replay_changes *changes;
	struct replay_stats *st;
	struct bt_error *err;
};

/* A recorded event a replay re-drives (an input), with its use case and the action or meeting
 * outcome it was; every other event is the engine's to decide again (docs/replay.md). */
struct replay_input {
	enum event_type type;
	int (*fn)(struct replay_run *r, const struct event *ev, int arg);
	int arg;
	/* 1: a lifecycle action, taken by the lead's owner under the proposal when its recorded
	 * actor owned the lead (re-attribution) */
	int story;
};

/* The input row of an event type; NULL: the engine's to decide again. Static. */
const struct replay_input *replay_input_of(enum event_type type);

/* The scratch's lead for source lead `from`, 0 if none (filtered out, or refused). */
int64_t replay_scratch_lead(const struct replay_run *r, int64_t from);

/* Sets *own to 1 when source event ev is the making of an expansion (SPEC 8.12: its lead's
 * creation with a parent, and that lead's events until its customer's `expansion` event):
 * expand, re-driven from that event, makes them again. 0, or a negative code (out of memory). */
int replay_expansion_own(struct replay_run *r, const struct event *ev, int *own);

/* Counts rc, a use case's answer: a refusal (refused, denied, bad input, not found) is the
 * proposal's doing, counted as skipped under its reason (r->err cleared) and 0 returned; 0 is
 * counted as replayed; any other code is returned. */
int replay_refused(struct replay_run *r, int rc);

/* Names the event being re-driven (for replay_refused's reasons and trace). */
void replay_doing(struct replay_run *r, enum event_type type, int64_t id, int64_t lead);

/* Fails with BT_STORAGE "out of memory"; returns its code. */
int replay_out_of_memory(struct replay_run *r);

/* A lead's creation (it->created) through the intake as its actor gave it, at the scratch's
 * clock; the source lead mapped to the scratch's. replay_refused's answer. */
int replay_intake(struct replay_run *r, const struct replay_item *it);

/* A lead's creation and ev, its `imported` event: one history row through history_add at the
 * time it was imported. replay_refused's answer. */
int replay_history(struct replay_run *r, const struct replay_item *it, const struct event *ev);

/* Lifecycle action `action` on source lead src_lead by `actor`, its recorded arguments in
 * payload (an event's, which this takes), through act. replay_refused's answer. */
int replay_act_payload(struct replay_run *r, int64_t src_lead, enum action action, const char *actor, json_t *payload);

#endif
