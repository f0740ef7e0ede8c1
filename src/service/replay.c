/* replay.c - `baton replay` underneath (SPEC 8.10): reads the source store's events in id order
 * and re-drives the inputs among them (replay_inputs: a rep, an account or an absence added, a
 * lead created or restored, a lifecycle action, a manager's assign, a meeting's outcome)
 * through the real use cases (admin, absence, intake, act, meeting) into the scratch store, its
 * clock set to each event's time and its timers run before each; what the engine decides (assignment, breaches,
 * reassignment, credit, notifications) is not copied but decided again under the scratch's
 * playbook. Reads the source only; see replay.h and NOTES-replay.md. */
#include "service/replay.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action_args.h"
#include "core/clock.h"
#include "io/args_json.h"
#include "io/event_json.h"
#include "service/absence.h"
#include "service/act.h"
#include "service/admin.h"
#include "service/intake.h"
#include "service/meeting.h"
#include "service/service.h"
#include "service/tick.h"
#include "util/arena.h"

/* source events read per query */
#define REPLAY_BATCH 500
/* source events per transaction of the scratch (store_batch_begin: each use case a savepoint in
 * it); bounds the rollback journal the scratch keeps in memory */
#define REPLAY_COMMIT 5000

/* A payload key that names an argument differently, renamed to the argument's name (the events
 * record what was decided: "answers", "meeting_start"; the actions take "set", "meeting"). */
static const struct {
	const char *recorded, *arg;
} replay_renames[] = {
	{"answers", "set"},
	{"meeting_start", "meeting"},
	{"meeting_minutes", "minutes"},
	{"owner", "to"}, /* a manager's hand: the new owner */
};

/* The routing's own words for an AE the rep named (act.c); any other handoff was routed. */
#define NAMED_AE "named by the rep who handed off"

struct replay_run {
	struct service *src, *dst;
	struct arena *a;     /* per event, reset after each */
	int64_t *leads;      /* source lead id -> scratch lead id, 0: none (filtered out of the replay) */
	size_t nleads;
	const struct event *ev; /* the event being re-driven */
	int64_t last_id;     /* the last event read */
	int64_t last_at;     /* its time */
	int64_t ticked_at;   /* the clock of the last tick run before an input */
	struct replay_stats *st;
	struct bt_error *err;
	int rc;
};

/* Keeps scratch id `to` for source lead `from` (the map grows in the run's own memory). */
static int map_lead(struct replay_run *r, int64_t from, int64_t to)
{
	if (from <= 0)
		return 0;
	if ((size_t)from >= r->nleads) {
		size_t n = (size_t)from * 2 + 16;
		int64_t *grown = realloc(r->leads, n * sizeof(*grown));

		if (!grown)
			return bt_fail(r->err, BT_STORAGE, NULL, 0, "out of memory");
		memset(grown + r->nleads, 0, (n - r->nleads) * sizeof(*grown));
		r->leads = grown;
		r->nleads = n;
	}
	r->leads[from] = to;
	return 0;
}

static int64_t scratch_lead(const struct replay_run *r, int64_t from)
{
	return from > 0 && (size_t)from < r->nleads ? r->leads[from] : 0;
}

/* A refusal of the scratch is the proposal's doing: counted, the replay goes on (and, with
 * BATON_REPLAY_TRACE set, told on stderr: the source event and the scratch's reason). */
static int refused(struct replay_run *r, int rc)
{
	if (rc == -BT_REFUSED || rc == -BT_DENIED || rc == -BT_BAD_INPUT || rc == -BT_NOT_FOUND) {
		r->st->skipped++;
		if (getenv("BATON_REPLAY_TRACE"))
			fprintf(stderr, "replay: event %lld (%s, lead %lld) skipped: %s\n", (long long)r->ev->id,
				event_type_name(r->ev->type), (long long)r->ev->lead, r->err->message);
		bt_error_clear(r->err);
		return 0;
	}
	if (!rc)
		r->st->replayed++;
	return rc;
}

/* rep_added: the rep as the source holds it now (its later changes are not replayed yet). */
static int replay_rep(struct replay_run *r, const struct event *ev, int unused)
{
	const char *name = event_get_str(ev, "rep");
	struct rep rep;
	int rc;

	if (!name)
		return 0;
	rc = store_rep_get(r->src->store, r->a, name, &rep, r->err);
	if (rc)
		return rc == -BT_NOT_FOUND ? refused(r, rc) : rc;
	rep.id = 0;
	return refused(r, service_rep_add(r->dst, &rep, r->err));
}

/* account_added: the account as the source holds it now. */
static int replay_account(struct replay_run *r, const struct event *ev, int unused)
{
	const char *domain = event_get_str(ev, "domain");
	struct account acc;
	int rc;

	if (!domain)
		return 0;
	rc = store_account_by_domain(r->src->store, r->a, domain, &acc, r->err);
	if (rc)
		return rc == -BT_NOT_FOUND ? refused(r, rc) : rc;
	acc.id = 0;
	return refused(r, service_account_add(r->dst, &acc, r->err));
}

/* A meeting's outcome (held, no-show, reschedule, cancel): the scratch's meeting of the lead
 * that starts when the recorded one did (the scratch numbers its meetings itself). */
static int replay_meeting(struct replay_run *r, const struct event *ev, int act)
{
	const char *start = event_get_str(ev, "start"), *moved = event_get_str(ev, "new_start");
	int64_t lead = scratch_lead(r, ev->lead), when = 0, to = 0, id = 0;
	struct meeting *ms, m;
	size_t n, i;
	int rc;

	if (!lead || !start || clock_parse_rfc3339(start, &when) || (moved && clock_parse_rfc3339(moved, &to)))
		return refused(r, bt_fail(r->err, BT_NOT_FOUND, "meeting", 0, "no meeting to replay"));
	rc = store_meeting_list(r->dst->store, r->a, lead, NULL, 0, &ms, &n, r->err);
	for (i = 0; !rc && i < n; i++)
		if (ms[i].start == when && (!id || ms[i].status == MEETING_BOOKED))
			id = ms[i].id;
	if (rc)
		return rc;
	if (!id)
		return refused(r, bt_fail(r->err, BT_NOT_FOUND, "meeting", 0,
					  "lead %lld has no meeting at %s in the replay", (long long)lead, start));
	return refused(
		r, service_meeting(r->dst, r->a, id, act, ev->actor, to, event_get_str(ev, "initiator"), &m, r->err));
}

/* absence_added: the same absence entered by the same hand (a rep, or the command line). */
static int replay_absence(struct replay_run *r, const struct event *ev, int unused)
{
	struct absence out;
	struct rep by;
	int rc = 0;

	if (ev->actor && strcmp(ev->actor, "admin") != 0)
		rc = store_rep_get(r->dst->store, r->a, ev->actor, &by, r->err);
	if (rc)
		return refused(r, rc);
	return refused(r, service_absence_add(r->dst, r->a, ev->actor && strcmp(ev->actor, "admin") != 0 ? &by : NULL,
					      event_get_str(ev, "rep"), event_get_str(ev, "from"),
					      event_get_str(ev, "to"), event_get_str(ev, "reason"), &out, r->err));
}

/* created: the recorded intake fields, through the intake as the actor gave them. */
static int replay_created(struct replay_run *r, const struct event *ev, int unused)
{
	struct arg_ctx ctx = {r->a, r->dst->pb->org.timezone};
	struct intake_outcome out;
	struct lead in;
	json_t *payload = event_payload_json(ev);
	int rc;

	lead_init(&in);
	rc = args_json_fill(intake_args, intake_args_n, 0, payload, &in, &ctx, r->err);
	json_decref(payload);
	if (!rc)
		rc = service_intake(r->dst, r->a, &in, ev->actor, &out, r->err);
	if (!rc)
		return refused(r, map_lead(r, ev->lead, out.lead));
	return refused(r, rc);
}

/* A lifecycle action: its recorded arguments through act (the same table as the CLI and API). */
static int replay_act(struct replay_run *r, const struct event *ev, int act)
{
	struct arg_ctx ctx = {r->a, r->dst->pb->org.timezone};
	struct action_input in;
	enum action action = (enum action)act;
	struct lead l;
	const char *routing = event_get_str(ev, "routing");
	int64_t lead = scratch_lead(r, ev->lead), cents;
	size_t i;
	int rc;

	json_t *payload;

	if (!lead)
		return refused(r, -BT_NOT_FOUND);
	payload = event_payload_json(ev);
	for (i = 0; i < sizeof(replay_renames) / sizeof(replay_renames[0]); i++) {
		json_t *v = json_object_get(payload, replay_renames[i].recorded);

		if (v)
			json_object_set(payload, replay_renames[i].arg, v);
	}
	action_input_init(&in, action);
	rc = args_json_fill(action_args, action_args_n, ARG_ACT(action), payload, &in, &ctx, r->err);
	json_decref(payload);
	if (rc)
		return refused(r, rc);
	cents = event_get_int(ev, "amount_cents", -1);
	if (cents >= 0)
		in.req.amount_cents = cents;
	/* an AE the rep named is named again; a routed one is routed under the proposal */
	if (action == ACT_HANDOFF && (!routing || strcmp(routing, NAMED_AE) == 0))
		in.to = event_get_str(ev, "ae");
	return refused(r, service_act(r->dst, r->a, lead, ev->actor, in.to, &in.req, &l, r->err));
}

/* assigned or reassigned by a manager's hand (lead assign; the routing's are decided again). */
static int replay_assign(struct replay_run *r, const struct event *ev, int act)
{
	return event_get_str(ev, "by") ? replay_act(r, ev, act) : 0;
}

/* restored: a filtered lead let in by a rep. */
static int replay_restored(struct replay_run *r, const struct event *ev, int unused)
{
	struct lead l;
	int64_t lead = scratch_lead(r, ev->lead);

	return refused(r, lead ? service_restore(r->dst, r->a, lead, ev->actor, &l, r->err) : -BT_NOT_FOUND);
}

/* The recorded events a replay re-drives (the inputs), each with its use case and the action or
 * meeting outcome it was; every other event is the engine's to decide again (NOTES-replay.md). */
static const struct replay_input {
	enum event_type type;
	int (*fn)(struct replay_run *r, const struct event *ev, int arg);
	int arg;
} replay_inputs[] = {
	{EV_REP_ADDED, replay_rep, 0},
	{EV_ACCOUNT_ADDED, replay_account, 0},
	{EV_ABSENCE_ADDED, replay_absence, 0},
	{EV_CREATED, replay_created, 0},
	{EV_RESTORED, replay_restored, 0},
	{EV_ASSIGNED, replay_assign, ACT_ASSIGN},
	{EV_REASSIGNED, replay_assign, ACT_ASSIGN},
	{EV_TOUCH, replay_act, ACT_TOUCH},
	{EV_QUALIFY, replay_act, ACT_QUALIFY},
	{EV_HANDOFF, replay_act, ACT_HANDOFF},
	{EV_REVIEW, replay_act, ACT_REVIEW},
	{EV_ACCEPT, replay_act, ACT_ACCEPT},
	{EV_REJECT, replay_act, ACT_REJECT},
	{EV_NURTURE, replay_act, ACT_NURTURE},
	{EV_DISQUALIFY, replay_act, ACT_DISQUALIFY},
	{EV_WON, replay_act, ACT_WIN},
	{EV_LOST, replay_act, ACT_LOSE},
	{EV_LIVE, replay_act, ACT_LIVE},
	{EV_MEETING_HELD, replay_meeting, MEET_HELD},
	{EV_MEETING_NO_SHOW, replay_meeting, MEET_NO_SHOW},
	{EV_MEETING_RESCHEDULED, replay_meeting, MEET_RESCHEDULE},
	{EV_MEETING_CANCELLED, replay_meeting, MEET_CANCEL},
};

/* Runs the scratch's timers at its clock. With an obligation due, outside the batch: a tick
 * that runs many (a week of leads breaching at once) would be one savepoint, and SQLite's
 * in-memory sub-journal makes each statement in a savepoint cost the pages it already wrote;
 * its own transactions do not (same outcome: the tick is never refused). */
static int replay_tick(struct replay_run *r)
{
	struct tick_report tr = {0};
	struct obligation due;
	struct store *s = r->dst->store;
	int rc = store_obligation_next_due(s, r->a, r->dst->now, &due, r->err), alone = rc == 0;

	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(r->err);
		rc = 0;
	}
	if (!rc && alone)
		rc = store_batch_end(s, 1, r->err);
	if (!rc)
		rc = service_tick(r->dst, &tr, r->err);
	tick_report_release(&tr);
	if (!rc && alone)
		rc = store_batch_begin(s, r->err);
	return rc;
}

static int replay_event(void *ctx, const struct event *ev)
{
	struct replay_run *r = ctx;
	size_t i;
	int rc = 0;

	r->st->events++;
	r->last_id = ev->id;
	r->ev = ev;
	r->last_at = ev->at;
	r->dst->now = ev->at;
	/* the timers run before an input only, once per instant: what the engine decided is decided
	 * again, a tick's outcome does not depend on how often it runs, and every use case catches
	 * up with its own clock first (usecase_begin) */
	for (i = 0; i < sizeof(replay_inputs) / sizeof(replay_inputs[0]); i++)
		if (replay_inputs[i].type == ev->type) {
			if (ev->at != r->ticked_at) {
				r->ticked_at = ev->at;
				rc = replay_tick(r);
			}
			if (!rc)
				rc = replay_inputs[i].fn(r, ev, replay_inputs[i].arg);
			break;
		}
	arena_reset(r->a);
	if (!rc && r->st->events % REPLAY_COMMIT == 0 && !(rc = store_batch_end(r->dst->store, 1, r->err)))
		rc = store_batch_begin(r->dst->store, r->err);
	r->rc = rc;
	return rc;
}

int service_replay(struct service *src, struct service *dst, struct replay_stats *st, struct bt_error *err)
{
	struct replay_run r = {src, dst, arena_new(), NULL, 0, NULL, 0, 0, INT64_MIN, st, err, 0};
	int64_t last = 0, upto = 0;
	unsigned char input[EV_COUNT] = {0}; /* the data of the inputs only is read */
	size_t i;
	int rc;

	for (i = 0; i < sizeof(replay_inputs) / sizeof(replay_inputs[0]); i++)
		input[replay_inputs[i].type] = 1;
	memset(st, 0, sizeof(*st));
	rc = store_event_last(src->store, &upto, err);
	if (!rc) /* the scratch is thrown away: many use cases per transaction */
		rc = store_batch_begin(dst->store, err);
	while (!rc && last < upto) {
		int64_t before = st->events;

		rc = store_event_range_some(src->store, last, upto, REPLAY_BATCH, input, replay_event, &r, err);
		if (!rc)
			rc = r.rc;
		if (!rc && st->events == before)
			break; /* the ids left are gaps */
		last = r.last_id;
	}
	if (!rc && r.last_at) {
		dst->now = r.last_at;
		rc = replay_tick(&r);
	}
	if (!rc)
		rc = store_batch_end(dst->store, 1, err);
	else
		store_batch_end(dst->store, 0, NULL);
	free(r.leads);
	arena_free(&r.a);
	return rc;
}
