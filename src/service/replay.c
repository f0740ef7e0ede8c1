/* replay.c - `baton replay` underneath (SPEC 8.10): reads the source store's events in id order
 * into items waiting for their time (an input copied, any other event its time only) and each
 * lead's recorded actions into its line, then re-drives them in time order into the scratch
 * store, a day behind the reading, its timers run before each (replay_tick): an input through
 * its use case (replay_input.c), an owner's action by the lead's owner in the scratch at the
 * same business-time offset from when it got the lead. What the engine decides (assignment,
 * breaches, reassignment, credit, notifications) is decided again under the scratch's playbook.
 * Reads the source only; see replay.h and docs/replay.md. */
#include "service/replay_priv.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizclock.h"
#include "core/open_load.h"
#include "core/replay_queue.h"
#include "io/event_json.h"
#include "service/service.h"
#include "service/tick.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* how far the scratch's clock stays behind the reading of the source: an action may be re-driven
 * up to that much earlier than it was recorded (seconds) */
#define REPLAY_LAG (24 * 3600)

/* source events read per query */
#define REPLAY_BATCH 500

/* source events per transaction of the scratch (store_batch_begin: each use case a savepoint in
 * it); bounds the rollback journal the scratch keeps in memory */
#define REPLAY_COMMIT 5000

/* Runs the scratch's timers at its clock, once per instant: a tick's outcome does not depend on
 * how often it runs (its consequences are recorded at their due times), and every use case
 * catches up with its own clock first (usecase_begin). With an obligation due, outside the
 * batch: a tick that runs many (a week of leads breaching at once) would be one savepoint, and
 * SQLite's in-memory sub-journal makes each statement in a savepoint cost the pages it already
 * wrote; its own transactions do not (same outcome: the tick is never refused). */
static int replay_tick(struct replay_run *r)
{
	struct tick_report tr = {0};
	struct obligation due;
	struct store *s = r->dst->store;
	int rc, alone;

	if (r->ticked && r->dst->now == r->ticked_at)
		return 0;
	r->ticked = 1;
	r->ticked_at = r->dst->now;
	rc = store_obligation_next_due(s, r->a, r->dst->now, &due, r->err);
	alone = rc == 0;
	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(r->err);
		rc = 0;
	}
	if (!rc && alone)
		rc = store_batch_end(s, 1, r->err);
	tr.a = r->a;
	if (!rc)
		rc = service_tick(r->dst, &tr, r->err);
	tick_report_release(&tr);
	if (!rc && alone)
		rc = store_batch_begin(s, r->err);
	return rc;
}

/* Commits the scratch's batch every REPLAY_COMMIT items re-driven and opens the next. */
static int replay_commit_now(struct replay_run *r)
{
	int rc;

	if (++r->done % REPLAY_COMMIT != 0)
		return 0;
	rc = store_batch_end(r->dst->store, 1, r->err);
	return rc ? rc : store_batch_begin(r->dst->store, r->err);
}

/* A walk of a store's events (replay_each_event): the caller's function and where it got to. */
struct each_run {
	int (*fn)(void *ctx, const struct event *ev);
	void *ctx;
	int64_t seen;    /* events read */
	int64_t last_id; /* the last of them */
	int rc;          /* fn's last return */
};

static int each_event(void *ctx, const struct event *ev)
{
	struct each_run *e = ctx;

	e->seen++;
	e->last_id = ev->id;
	e->rc = e->fn(e->ctx, ev);
	return e->rc;
}

/* Fills data[0..EV_COUNT) with the event types whose data a replay reads: its inputs (re-driven
 * with their arguments) and those lead_apply() reads (who holds a lead, on both sides); the
 * others come without (a breach, a notification: their time and lead are enough). */
static void replay_data_types(unsigned char *data)
{
	int t;

	for (t = 0; t < EV_COUNT; t++)
		data[t] = replay_input_of((enum event_type)t) || lead_apply_reads_data(t);
}

/* Calls fn(ctx, ev) for the events of svc's store after id `after`, in id order. */
static int each_after(struct service *svc, int64_t after, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		      struct bt_error *err)
{
	struct each_run e = {fn, ctx, 0, after, 0};
	int64_t last = after, upto = 0;
	unsigned char data[EV_COUNT];
	int rc = store_event_last(svc->store, &upto, err);

	replay_data_types(data);

	while (!rc && last < upto) {
		int64_t before = e.seen;

		rc = store_event_range_some(svc->store, last, upto, REPLAY_BATCH, data, each_event, &e, err);
		if (!rc)
			rc = e.rc;
		if (!rc && e.seen == before)
			break; /* the ids left are gaps */
		last = e.last_id;
	}
	return rc;
}

/* ---------------------------------------------------------------- re-attribution (SPEC 8.10)
 * A lifecycle action its lead's owner took in the source waits in the lead's line (core/
 * replay_queue.c) and is taken by the lead's owner in the scratch, as far after the moment that
 * owner got the lead, in its calendar, as the recorded action was after the moment its actor
 * got it, in the actor's (bizclock_shift). Who holds which lead since when is counted from the
 * events of each side (core/open_load.c). An action whose rep got the lead at the same moment
 * on both sides falls at its recorded time, whatever the proposal did to that rep's hours. With
 * the playbook in force both sides agree, and every action falls at its recorded time, by its
 * recorded actor. */

/* A lifecycle action waiting for its time. */
struct story {
	json_t *payload;  /* the source event's, owned */
	char *actor;      /* the recorded actor, owned */
	enum action action;
	enum event_type type;
	int64_t id, at;   /* the source event and its time */
	int64_t got;      /* when the recorded actor got the lead */
	int64_t lead;     /* the source lead */
	char *owner;      /* the scratch's owner it is scheduled for (owned), NULL before */
	int64_t got2;     /* ... and when that owner got the lead */
	int awake;        /* 1 once the scratch reached `got`: scheduled for its owner then */
};

static void story_free(void *p)
{
	struct story *s = p;

	if (!s)
		return;
	json_decref(s->payload);
	free(s->actor);
	free(s->owner);
	free(s);
}

static int dst_owners_feed(void *ctx, const struct event *ev)
{
	struct replay_run *r = ctx;

	r->dst_seen = ev->id;
	return open_load_event(r->dst_owners, ev) ? replay_out_of_memory(r) : 0;
}

/* Brings who holds which lead in the scratch up to its last event. */
static int scratch_owners(struct replay_run *r)
{
	return each_after(r->dst, r->dst_seen, dst_owners_feed, r, r->err);
}

/* The calendar of rep `name` in svc into *bc (rep, which it borrows, filled); the org's when
 * the rep is gone. */
static int rep_calendar(struct replay_run *r, struct service *svc, const char *name, struct rep *rep,
			struct bizclock *bc)
{
	int rc = store_rep_get(svc->store, r->a, name, rep, r->err);

	if (rc && rc != -BT_NOT_FOUND)
		return rc;
	bt_error_clear(r->err);
	bizclock_init(bc, svc->pb, NULL, rc ? NULL : rep);
	return 0;
}

/* Skips the first of lead's line (why: the scratch's words) and takes it out. */
static int story_skip(struct replay_run *r, int64_t lead, struct story *s, int rc)
{
	replay_doing(r, s->type, s->id, lead);
	rc = replay_refused(r, rc);
	story_free(s);
	replay_queue_pop(r->q, lead);
	return rc;
}

/* Schedules the first of lead's line for the lead's owner in the scratch now (skipping the
 * actions of a lead nobody holds there). */
static int story_schedule(struct replay_run *r, int64_t lead)
{
	struct story *s;
	int rc = 0;

	while (!rc && (s = replay_queue_first(r->q, lead)) != NULL) {
		int64_t got2 = 0, at2 = BIZCLOCK_NEVER;

		if (!s->awake) /* it wakes when the scratch reaches the time its actor got the lead */
			return replay_queue_schedule(r->q, lead, s->got) ? replay_out_of_memory(r) : 0;
		struct bizclock from, to;
		struct rep was, is;
		const char *owner;

		rc = scratch_owners(r);
		if (rc)
			return rc;
		owner = open_load_owner(r->dst_owners, replay_scratch_lead(r, lead), &got2);
		/* the same rep got it at the same moment: the action as recorded, even when the
		 * proposal changed the rep's hours (a cut-off) */
		if (owner && got2 == s->got && strcmp(owner, s->actor) == 0)
			at2 = s->at;
		else if (owner && !(rc = rep_calendar(r, r->src, s->actor, &was, &from)) &&
			 !(rc = rep_calendar(r, r->dst, owner, &is, &to)))
			at2 = bizclock_shift(&from, s->got, s->at, &to, got2);
		if (rc)
			return rc;
		if (at2 != BIZCLOCK_NEVER) {
			free(s->owner);
			s->owner = strdup(owner);
			s->got2 = got2;
			if (!s->owner || replay_queue_schedule(r->q, lead, at2 < r->dst->now ? r->dst->now : at2))
				return replay_out_of_memory(r);
			return 0;
		}
		rc = story_skip(
			r, lead, s,
			owner ? bt_fail(r->err, BT_REFUSED, "owner", 0, "its owner %s has no working hours", owner)
			      : bt_fail(r->err, BT_REFUSED, "owner", 0, "the lead has no owner under the proposal"));
	}
	return rc;
}

/* Re-drives the first of lead's line, whose time `at` came (scheduled for s->owner): by the
 * lead's owner in the scratch now, after the timers due by then (rescheduled when the lead
 * changed hands since); a first not yet woken is scheduled now (story_schedule). */
static int story_run(struct replay_run *r, int64_t lead, int64_t at, struct story *s)
{
	const char *owner;
	int64_t got2 = 0;
	json_t *payload;
	int rc;

	if (!s->awake) {
		s->awake = 1;
		return story_schedule(r, lead);
	}
	r->dst->now = at;
	rc = replay_tick(r);
	if (!rc)
		rc = scratch_owners(r);
	if (rc)
		return rc;
	owner = open_load_owner(r->dst_owners, replay_scratch_lead(r, lead), &got2);
	if (!owner || strcmp(owner, s->owner) != 0 || got2 != s->got2)
		return story_schedule(r, lead); /* it changed hands: its new owner's time */
	replay_doing(r, s->type, s->id, lead);
	if (strcmp(owner, s->actor) != 0 || at != s->at) {
		r->st->moved++;
		if (getenv("BATON_REPLAY_TRACE"))
			fprintf(stderr,
				"replay: event %lld (%s, lead %lld) by %s %+llds after it got the lead, replayed by %s "
				"%+llds after\n",
				(long long)s->id, r->what, (long long)lead, s->actor, (long long)(s->at - s->got),
				owner, (long long)(at - got2));
	}
	payload = s->payload;
	s->payload = NULL;
	rc = replay_act_payload(r, lead, s->action, owner, payload);
	story_free(s);
	if (replay_queue_pop(r->q, lead) && !rc)
		rc = story_schedule(r, lead);
	return rc;
}

/* Puts lifecycle action ev, which its lead's owner took (got: when it got the lead), in the
 * lead's line; the first of a line wakes when the scratch reaches `got`. */
static int story_push(struct replay_run *r, const struct event *ev, int act, int64_t got)
{
	struct story *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return replay_out_of_memory(r);
	*s = (struct story){event_payload_json(ev),
			    strdup(ev->actor),
			    (enum action)act,
			    ev->type,
			    ev->id,
			    ev->at,
			    got,
			    ev->lead,
			    NULL,
			    0,
			    0};
	if (!s->payload || !s->actor) {
		story_free(s);
		return replay_out_of_memory(r);
	}
	rc = replay_queue_push(r->q, ev->lead, ev->id, s);
	if (rc < 0) {
		story_free(s);
		return replay_out_of_memory(r);
	}
	return rc ? story_schedule(r, ev->lead) : 0;
}

static void item_free(struct replay_item *it)
{
	if (!it)
		return;
	free(it->actor);
	free(it->payload);
	json_decref(it->created);
	free(it);
}

/* A new item of source event ev: with a copy of its payload (`copy`), else its time only; with
 * its payload as a creation (`created`). NULL when out of memory. */
static struct replay_item *item_new(const struct event *ev, int copy, int created)
{
	struct replay_item *it = calloc(1, sizeof(*it));
	struct strbuf sb;

	if (!it)
		return NULL;
	memset(it, 0, sizeof(*it));
	it->id = ev->id;
	it->at = ev->at;
	it->lead = ev->lead;
	it->type = ev->type;
	it->sets_stage = ev->sets_stage;
	it->from = ev->from;
	it->to = ev->to;
	if (copy && ev->actor)
		it->actor = strdup(ev->actor);
	if (copy && created)
		it->created = event_payload_json(ev);
	if (copy && !created) {
		strbuf_init(&sb);
		event_payload_text(ev, &sb);
		it->payload = strbuf_detach(&sb);
	}
	if (copy && ((ev->actor && !it->actor) || (created ? !it->created : !it->payload))) {
		item_free(it);
		return NULL;
	}
	return it;
}

/* Appends it (NULL: out of memory) to the items waiting. */
static int item_push(struct replay_run *r, struct replay_item *it)
{
	if (!it)
		return replay_out_of_memory(r);
	if (r->last)
		r->last->next = it;
	else
		r->first = it;
	r->last = it;
	return 0;
}

/* The event an item copied (its fields in r->a). */
static int item_event(struct replay_run *r, const struct replay_item *it, struct event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->id = it->id;
	ev->at = it->at;
	ev->type = it->type;
	ev->lead = it->lead;
	ev->actor = it->actor;
	ev->sets_stage = it->sets_stage;
	ev->from = it->from;
	ev->to = it->to;
	if (event_payload_parse(ev, r->a, it->payload))
		return bt_fail(r->err, BT_STORAGE, "payload", 0, "event %lld: its payload is not JSON",
			       (long long)it->id);
	return 0;
}

/* Re-drives item it at its time: the scratch's timers, then its input (if any). */
static int item_run(struct replay_run *r, const struct replay_item *it)
{
	const struct replay_input *in = replay_input_of(it->type);
	struct event ev;
	int rc;

	replay_doing(r, it->created ? EV_CREATED : it->type, it->id, it->lead);
	r->dst->now = it->at;
	rc = replay_tick(r);
	if (!rc && it->created && it->payload && !(rc = item_event(r, it, &ev)))
		rc = replay_history(r, it, &ev);
	else if (!rc && it->created)
		rc = replay_intake(r, it);
	else if (!rc && it->payload && in && !(rc = item_event(r, it, &ev))) {
		r->owned = it->owned;
		rc = in->fn(r, &ev, in->arg);
		r->owned = 0;
	}
	return rc;
}

/* Re-drives, in time order (ties by the source's ids), the items read up to `items` and the
 * actions whose time comes by `actions`. */
static int drain(struct replay_run *r, int64_t items, int64_t actions)
{
	int rc = 0;

	while (!rc) {
		int64_t lead = 0, at = 0;
		void *data = NULL;
		int action = replay_queue_next(r->q, &lead, &at, &data) && at <= actions;
		struct replay_item *it = r->first;

		if (it && it->at <= items &&
		    (!action || it->at < at || (it->at == at && it->id < ((struct story *)data)->id))) {
			r->first = it->next;
			if (!r->first)
				r->last = NULL;
			rc = item_run(r, it);
			item_free(it);
		} else if (action) {
			rc = story_run(r, lead, at, data);
		} else {
			break;
		}
		if (!rc)
			rc = replay_commit_now(r);
		arena_reset(r->a);
	}
	return rc;
}

/* Skips every action still waiting (its time falls after the recorded history's end). */
static int story_end(struct replay_run *r)
{
	int64_t lead, at;
	void *data;
	int rc = 0;

	while (!rc && replay_queue_next(r->q, &lead, &at, &data))
		while (!rc && (data = replay_queue_first(r->q, lead)) != NULL)
			rc = story_skip(
				r, lead, data,
				bt_fail(r->err, BT_REFUSED, "at", 0, "its time falls after the recorded history"));
	return rc;
}

/* Reads source event ev: an input is copied to wait for its time (a creation held until the
 * next event says whether a history row made it), an action of its lead's owner goes to the
 * lead's line, any other event leaves its time (the timers run then); then re-drives what is
 * due REPLAY_LAG before ev. */
static int replay_event(void *ctx, const struct event *ev)
{
	struct replay_run *r = ctx;
	const struct replay_input *in = replay_input_of(ev->type);
	struct replay_item *held = r->held;
	struct replay_item *it = NULL;
	const char *owner;
	int64_t got = 0;
	int rc = 0, owned, own, history = held && ev->type == EV_IMPORTED && ev->lead == held->lead;

	r->st->events++;
	r->last_at = ev->at;
	if ((rc = replay_expansion_own(r, ev, &own)) != 0)
		return rc;
	if (own)
		in = NULL; /* expand makes it again */
	r->held = NULL;
	if (history) {
		struct replay_item *imported = item_new(ev, 1, 0);

		if (imported) { /* the history row: the creation with the imported event's payload */
			held->payload = imported->payload;
			imported->payload = NULL;
			held->type = EV_IMPORTED;
			item_free(imported);
		}
		rc = item_push(r, imported ? held : NULL);
		in = NULL;
	} else if (held) {
		rc = item_push(r, held);
	}
	if (held && rc)
		item_free(held);
	owner = in ? open_load_owner(r->src_owners, ev->lead, &got) : NULL;
	owned = owner && ev->actor && strcmp(owner, ev->actor) == 0;
	if (!rc && in && ev->type == EV_CREATED) {
		r->held = item_new(ev, 1, 1);
		rc = r->held ? 0 : replay_out_of_memory(r);
	} else if (!rc && in && owned && in->story) {
		rc = story_push(r, ev, in->arg, got); /* the owner's: by the scratch's owner */
	} else if (!rc && !history && in) { /* an input's copy (the timers run at its time) */
		it = item_new(ev, in != NULL, 0);
		if (it)
			it->owned = owned;
		rc = item_push(r, it);
	}
	if (!rc && open_load_event(r->src_owners, ev))
		rc = replay_out_of_memory(r);
	if (!rc)
		rc = drain(r, ev->at - REPLAY_LAG, ev->at - REPLAY_LAG);
	arena_reset(r->a);
	return rc;
}

int replay_each_event(struct service *svc, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		      struct bt_error *err)
{
	return each_after(svc, 0, fn, ctx, err);
}

int service_replay(struct service *src, struct service *dst, const struct replay_changes *changes,
		   struct replay_stats *st, struct bt_error *err)
{
	struct replay_run r;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.changes = changes;
	r.src = src;
	r.dst = dst;
	r.st = st;
	r.err = err;
	r.what = "";
	r.a = arena_new();

	memset(st, 0, sizeof(*st));
	r.src_owners = open_load_new(INT64_MIN, INT64_MAX);
	r.dst_owners = open_load_new(INT64_MIN, INT64_MAX);
	r.q = replay_queue_new();
	if (!r.a || !r.src_owners || !r.dst_owners || !r.q)
		rc = replay_out_of_memory(&r);
	if (!rc) /* the scratch is thrown away: many use cases per transaction */
		rc = store_batch_begin(dst->store, err);
	if (!rc)
		rc = replay_each_event(src, replay_event, &r, err);
	if (!rc && r.held) {
		rc = item_push(&r, r.held);
		r.held = NULL;
	}
	if (!rc) /* every item; the actions up to the last recorded event */
		rc = drain(&r, INT64_MAX, r.last_at);
	if (!rc)
		rc = story_end(&r);
	item_free(r.held);
	while (r.first) {
		struct replay_item *next = r.first->next;

		item_free(r.first);
		r.first = next;
	}
	if (!rc && r.last_at) {
		dst->now = r.last_at;
		rc = replay_tick(&r);
	}
	if (!rc)
		rc = store_batch_end(dst->store, 1, err);
	else
		store_batch_end(dst->store, 0, NULL);
	replay_queue_free(&r.q, story_free);
	open_load_free(&r.src_owners);
	open_load_free(&r.dst_owners);
	free(r.leads.to);
	free(r.absences.to);
	free(r.expansions.to);
	arena_free(&r.a);
	return rc;
}
