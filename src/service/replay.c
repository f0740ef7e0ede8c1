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
#include "core/bizclock.h"
#include "core/clock.h"
#include "core/open_load.h"
#include "core/replay_queue.h"
#include "io/args_json.h"
#include "io/event_json.h"
#include "service/absence.h"
#include "service/act.h"
#include "service/admin.h"
#include "service/history.h"
#include "service/intake.h"
#include "service/meeting.h"
#include "service/service.h"
#include "service/task.h"
#include "service/tick.h"
#include "service/usecase.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* what replay_absence re-drives: an absence entered, or cancelled */
enum { ABSENCE_REPLAY_ADD, ABSENCE_REPLAY_CANCEL };

/* how far the scratch's clock stays behind the reading of the source: an action may be re-driven
 * up to that much earlier than it was recorded (seconds) */
#define REPLAY_LAG (24 * 3600)

/* source events read per query */
#define REPLAY_BATCH 500

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

/* Source ids -> scratch ids (0: none), grown in the run's own memory. */
struct replay_ids {
	int64_t *to; /* owned, by source id */
	size_t n;
};

/* A source event waiting for its time in the scratch: an input (a copy of it) or only its time
 * (the timers run then, as they did before it in the source). */
struct item {
	struct item *next;
	int64_t id, at, lead;
	enum event_type type;
	int sets_stage, from, to;
	char *actor;   /* owned, NULL none */
	char *payload; /* owned payload text; NULL: only its time counts */
	/* owned: a lead's creation (its payload); alone, through the intake; with `payload` (the
	 * imported event's), a history row */
	json_t *created;
};

struct replay_run {
	struct service *src, *dst;
	struct arena *a;              /* per event, reset after each */
	struct replay_ids leads;      /* 0: none (filtered out of the replay) */
	struct replay_ids absences;
	/* the source events read and not yet re-driven, in the order read (the scratch lags the
	 * reading by REPLAY_LAG, so that an action may move earlier than it was recorded) */
	struct item *first, *last;
	/* a created event held until the next one says whether a history row made it (an
	 * `imported` event of the same lead follows) or the intake did */
	struct item *held;
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
	struct replay_stats *st;
	struct bt_error *err;
};

/* Keeps scratch id `to` for source id `from` in m. */
static int ids_set(struct replay_run *r, struct replay_ids *m, int64_t from, int64_t to)
{
	if (from <= 0)
		return 0;
	if ((size_t)from >= m->n) {
		size_t n = (size_t)from * 2 + 16;
		int64_t *grown = realloc(m->to, n * sizeof(*grown));

		if (!grown)
			return bt_fail(r->err, BT_STORAGE, NULL, 0, "out of memory");
		memset(grown + m->n, 0, (n - m->n) * sizeof(*grown));
		m->to = grown;
		m->n = n;
	}
	m->to[from] = to;
	return 0;
}

/* The scratch id of source id `from` in m, 0 if none. */
static int64_t ids_get(const struct replay_ids *m, int64_t from)
{
	return from > 0 && (size_t)from < m->n ? m->to[from] : 0;
}

static int64_t scratch_lead(const struct replay_run *r, int64_t from)
{
	return ids_get(&r->leads, from);
}

/* Counts a skip under its reason: the event type and the scratch's words, numbers as N. */
static void skip_reason(struct replay_stats *st, const char *what, const char *message)
{
	char reason[sizeof(st->reasons[0].reason)];
	size_t i, n = 0;
	int len = snprintf(reason, sizeof(reason), "%s: ", what);

	n = len > 0 && (size_t)len < sizeof(reason) ? (size_t)len : 0;
	for (; *message && n + 1 < sizeof(reason); message++) {
		if (*message >= '0' && *message <= '9') {
			while (message[1] >= '0' && message[1] <= '9')
				message++;
			reason[n++] = 'N';
		} else {
			reason[n++] = *message;
		}
	}
	reason[n] = '\0';
	for (i = 0; i < st->nreasons; i++)
		if (strcmp(st->reasons[i].reason, reason) == 0)
			break;
	if (i == st->nreasons && st->nreasons < REPLAY_REASONS) {
		memcpy(st->reasons[i].reason, reason, n + 1);
		st->reasons[i].count = 0;
		st->nreasons++;
	}
	if (i < st->nreasons)
		st->reasons[i].count++;
}

/* A refusal of the scratch is the proposal's doing: counted with its reason, the replay goes on
 * (and, with BATON_REPLAY_TRACE set, told on stderr: the source event and the scratch's words). */
static int refused(struct replay_run *r, int rc)
{
	if (rc == -BT_REFUSED || rc == -BT_DENIED || rc == -BT_BAD_INPUT || rc == -BT_NOT_FOUND) {
		r->st->skipped++;
		skip_reason(r->st, r->what, r->err->message);
		if (getenv("BATON_REPLAY_TRACE"))
			fprintf(stderr, "replay: event %lld (%s, lead %lld) skipped: %s\n", (long long)r->what_id,
				r->what, (long long)r->what_lead, r->err->message);
		bt_error_clear(r->err);
		return 0;
	}
	if (!rc)
		r->st->replayed++;
	return rc;
}

/* What refused() tells of the event being re-driven. */
static void doing(struct replay_run *r, enum event_type type, int64_t id, int64_t lead)
{
	r->what = event_type_name(type);
	r->what_id = id;
	r->what_lead = lead;
}

/* rep_added: the rep as the event says it was added (rep_get_settings), or, from a store that
 * wrote no settings on its rep events, as the source holds it now; rep_updated: the settings
 * it says the rep had from then on (an event without them was taken in at rep_added). */
static int replay_rep(struct replay_run *r, const struct event *ev, int unused)
{
	const char *name = event_get_str(ev, "rep");
	struct rep rep;
	int rc, got;

	if (!name)
		return 0;
	rc = store_rep_get(ev->type == EV_REP_ADDED ? r->src->store : r->dst->store, r->a, name, &rep, r->err);
	if (rc)
		return rc == -BT_NOT_FOUND ? refused(r, rc) : rc;
	got = rep_get_settings(ev, &rep);
	if (got < 0)
		return refused(r, bt_fail(r->err, BT_BAD_INPUT, "role", 0, "rep %s: unknown role", name));
	if (ev->type == EV_REP_ADDED) {
		rep.id = 0;
		return refused(r, service_rep_add(r->dst, &rep, r->err));
	}
	return got ? refused(r, service_rep_set(r->dst, &rep, event_get_str(ev, "changed"), r->err)) : 0;
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
static int replay_absence(struct replay_run *r, const struct event *ev, int act)
{
	const char *actor = ev->actor && strcmp(ev->actor, "admin") != 0 ? ev->actor : NULL;
	const char *name = event_get_str(ev, "rep");
	struct absence out;
	struct rep by;
	int rc = actor ? store_rep_get(r->dst->store, r->a, actor, &by, r->err) : 0;

	if (!rc && act == ABSENCE_REPLAY_ADD)
		rc = service_absence_add(r->dst, r->a, actor ? &by : NULL, name, event_get_str(ev, "from"),
					 event_get_str(ev, "to"), event_get_str(ev, "reason"), &out, r->err);
	else if (!rc)
		rc = service_absence_cancel(r->dst, r->a, actor ? &by : NULL, name,
					    ids_get(&r->absences, event_get_int(ev, "absence", 0)), &out, r->err);
	if (!rc && act == ABSENCE_REPLAY_ADD)
		rc = ids_set(r, &r->absences, event_get_int(ev, "absence", 0), out.id);
	return refused(r, rc);
}

/* A task to find: the open one of a kind on a lead (task_done names the source's id). */
struct task_find {
	const char *kind;
	int64_t id; /* the first found, 0 none */
};

static int task_found(void *ctx, const struct task *t)
{
	struct task_find *f = ctx;

	if (strcmp(pb_task_name(t->kind), f->kind) != 0)
		return 0;
	f->id = t->id;
	return 1;
}

/* task_done: the scratch's oldest open task of the same kind on the lead, done by the same hand. */
static int replay_task_done(struct replay_run *r, const struct event *ev, int unused)
{
	struct task_find f = {event_get_str(ev, "kind"), 0};
	int64_t lead = scratch_lead(r, ev->lead);
	struct task out;
	int rc;

	if (!lead || !f.kind)
		return refused(r, bt_fail(r->err, BT_NOT_FOUND, "task", 0, "no task to replay"));
	rc = store_task_each(r->dst->store, NULL, lead, 1, task_found, &f, r->err);
	if (rc < 0)
		return rc;
	if (!f.id)
		return refused(r, bt_fail(r->err, BT_NOT_FOUND, "task", 0,
					  "lead %lld has no open %s task in the replay", (long long)lead, f.kind));
	return refused(r, service_task_done(r->dst, r->a, f.id, ev->actor, &out, r->err));
}

/* reinquiry: the same person again, through the intake with the lead's email and the recorded
 * source and channel. */
static int replay_reinquiry(struct replay_run *r, const struct event *ev, int unused)
{
	int64_t lead = scratch_lead(r, ev->lead);
	const char *ch = event_get_str(ev, "channel");
	struct intake_outcome out;
	struct lead known, in;
	int rc;

	if (!lead)
		return refused(r, bt_fail(r->err, BT_NOT_FOUND, "lead", 0, "the lead is not in the replay"));
	rc = store_lead_get(r->dst->store, r->a, lead, &known, r->err);
	if (rc)
		return refused(r, rc);
	lead_init(&in);
	in.email = known.email;
	in.source = event_get_str(ev, "source");
	if (ch && channel_parse(ch, &in.channel))
		return refused(r, bt_fail(r->err, BT_BAD_INPUT, "channel", 0, "unknown channel %s", ch));
	return refused(r, service_intake(r->dst, r->a, &in, ev->actor, &out, r->err));
}

/* A creation's intake fields (its payload) into *in (strings in r->a). */
static int created_lead(struct replay_run *r, json_t *created, struct lead *in)
{
	struct arg_ctx ctx = {r->a, r->dst->pb->org.timezone};

	lead_init(in);
	return args_json_fill(intake_args, intake_args_n, 0, created, in, &ctx, r->err);
}

/* A lead's creation through the intake, as its actor gave it, at its time. */
static int replay_intake(struct replay_run *r, const struct item *it)
{
	struct intake_outcome out;
	struct lead in;
	int rc = created_lead(r, it->created, &in);

	if (!rc)
		rc = service_intake(r->dst, r->a, &in, it->actor, &out, r->err);
	if (!rc)
		rc = ids_set(r, &r->leads, it->lead, out.lead);
	return refused(r, rc);
}

/* A lead's creation and ev, the `imported` event that follows it: one history row, through
 * history_add at the time it was imported, its columns as the row wrote them. */
static int replay_history(struct replay_run *r, const struct item *it, const struct event *ev)
{
	const char *imported = event_get_str(ev, "imported_at");
	struct history_row h = {
		event_get_str(ev, "original.create_date"), event_get_str(ev, "original.lifecycle_stage"),
		event_get_str(ev, "original.lead_status"), event_get_str(ev, "original.status"),
		event_get_str(ev, "original.owner"),       event_get_str(ev, "original.amount"),
		event_get_str(ev, "original.close_date")};
	struct history_outcome out;
	struct lead in, l;
	struct rep *reps;
	struct work w;
	size_t n;
	int rc = created_lead(r, it->created, &in);

	if (!imported || clock_parse_rfc3339(imported, &r->dst->now))
		r->dst->now = ev->at;
	if (!rc)
		rc = store_rep_list(r->dst->store, r->a, -1, &reps, &n, r->err);
	if (!rc && !(rc = usecase_begin(&w, r->dst, r->err))) {
		rc = history_add(r->dst, &w, r->a, &in, &h, reps, n, it->actor, 0, &out, r->err);
		rc = work_end(&w, rc, r->err);
	}
	if (!rc && !out.duplicate && !(rc = store_lead_by_email(r->dst->store, r->a, in.email, &l, r->err)))
		rc = ids_set(r, &r->leads, ev->lead, l.id);
	return refused(r, rc);
}

/* created: never re-driven by the table (replay_event holds it for the next event). */
static int replay_created(struct replay_run *r, const struct event *ev, int unused)
{
	return 0;
}

/* No lead in the scratch for a source lead (the proposal filtered it out, or its creation was
 * refused). */
static int no_lead(struct replay_run *r)
{
	return bt_fail(r->err, BT_NOT_FOUND, "lead", 0, "the lead is not in the replay");
}

/* Lifecycle action `action` on source lead `src_lead` by `actor`: its recorded arguments
 * (payload, an event's, which this takes) through act (the same table as the CLI and API). */
static int act_payload(struct replay_run *r, int64_t src_lead, enum action action, const char *actor, json_t *payload)
{
	struct arg_ctx ctx = {r->a, r->dst->pb->org.timezone};
	struct action_input in;
	struct lead l;
	const char *routing = json_string_value(json_object_get(payload, "routing"));
	json_t *cents = json_object_get(payload, "amount_cents");
	int64_t lead = scratch_lead(r, src_lead);
	size_t i;
	int rc;

	if (!lead) {
		json_decref(payload);
		return refused(r, no_lead(r));
	}
	for (i = 0; i < sizeof(replay_renames) / sizeof(replay_renames[0]); i++) {
		json_t *v = json_object_get(payload, replay_renames[i].recorded);

		if (v)
			json_object_set(payload, replay_renames[i].arg, v);
	}
	action_input_init(&in, action);
	rc = args_json_fill(action_args, action_args_n, ARG_ACT(action), payload, &in, &ctx, r->err);
	if (!rc && json_is_integer(cents))
		in.req.amount_cents = json_integer_value(cents);
	/* an AE the rep named is named again; a routed one is routed under the proposal */
	if (!rc && action == ACT_HANDOFF && (!routing || strcmp(routing, NAMED_AE) == 0))
		in.to = arena_strdup(r->a, json_string_value(json_object_get(payload, "ae")));
	json_decref(payload);
	if (!rc)
		rc = service_act(r->dst, r->a, lead, actor, in.to, &in.req, &l, r->err);
	return refused(r, rc);
}

/* A lifecycle action by its recorded actor at its recorded time. */
static int replay_act(struct replay_run *r, const struct event *ev, int act)
{
	return act_payload(r, ev->lead, (enum action)act, ev->actor, event_payload_json(ev));
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

	return refused(r, lead ? service_restore(r->dst, r->a, lead, ev->actor, &l, r->err) : no_lead(r));
}

/* The recorded events a replay re-drives (the inputs), each with its use case and the action or
 * meeting outcome it was; every other event is the engine's to decide again (NOTES-replay.md). */
static const struct replay_input {
	enum event_type type;
	int (*fn)(struct replay_run *r, const struct event *ev, int arg);
	int arg;
} replay_inputs[] = {
	{EV_REP_ADDED, replay_rep, 0},
	{EV_REP_UPDATED, replay_rep, 0},
	{EV_ACCOUNT_ADDED, replay_account, 0},
	{EV_ABSENCE_ADDED, replay_absence, ABSENCE_REPLAY_ADD},
	{EV_ABSENCE_CANCELLED, replay_absence, ABSENCE_REPLAY_CANCEL},
	{EV_TASK_DONE, replay_task_done, 0},
	{EV_REINQUIRY, replay_reinquiry, 0},
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

/* Runs the scratch's timers at its clock. */
static int replay_tick(struct replay_run *r)
{
	struct tick_report tr = {0};
	int rc;

	tr.a = r->a;
	rc = service_tick(r->dst, &tr, r->err);
	tick_report_release(&tr);
	return rc;
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

/* Calls fn(ctx, ev) for the events of svc's store after id `after`, in id order. */
static int each_after(struct service *svc, int64_t after, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		      struct bt_error *err)
{
	struct each_run e = {fn, ctx, 0, after, 0};
	int64_t last = after, upto = 0;
	int rc = store_event_last(svc->store, &upto, err);

	while (!rc && last < upto) {
		int64_t before = e.seen;

		rc = store_event_range(svc->store, last, upto, REPLAY_BATCH, each_event, &e, err);
		if (!rc)
			rc = e.rc;
		if (!rc && e.seen == before)
			break; /* the ids left are gaps */
		last = e.last_id;
	}
	return rc;
}

/* The input row of an event type, NULL: the engine's to decide again. */
static const struct replay_input *input_of(enum event_type type)
{
	size_t i;

	for (i = 0; i < sizeof(replay_inputs) / sizeof(replay_inputs[0]); i++)
		if (replay_inputs[i].type == type)
			return &replay_inputs[i];
	return NULL;
}

/* ---------------------------------------------------------------- re-attribution (SPEC 8.10)
 * A lifecycle action its lead's owner took in the source waits in the lead's line (core/
 * replay_queue.c) and is taken by the lead's owner in the scratch, as far after the moment that
 * owner got the lead, in its calendar, as the recorded action was after the moment its actor
 * got it, in the actor's (bizclock_shift). Who holds which lead since when is counted from the
 * events of each side (core/open_load.c). With the playbook in force both sides agree, and
 * every action falls at its recorded time, by its recorded actor. */

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

static int out_of_memory(struct replay_run *r)
{
	return bt_fail(r->err, BT_STORAGE, NULL, 0, "out of memory");
}

static int dst_owners_feed(void *ctx, const struct event *ev)
{
	struct replay_run *r = ctx;

	r->dst_seen = ev->id;
	return open_load_event(r->dst_owners, ev) ? out_of_memory(r) : 0;
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
	doing(r, s->type, s->id, lead);
	rc = refused(r, rc);
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
			return replay_queue_schedule(r->q, lead, s->got) ? out_of_memory(r) : 0;
		struct bizclock from, to;
		struct rep was, is;
		const char *owner;

		rc = scratch_owners(r);
		if (rc)
			return rc;
		owner = open_load_owner(r->dst_owners, scratch_lead(r, lead), &got2);
		if (owner && !(rc = rep_calendar(r, r->src, s->actor, &was, &from)) &&
		    !(rc = rep_calendar(r, r->dst, owner, &is, &to)))
			at2 = bizclock_shift(&from, s->got, s->at, &to, got2);
		if (rc)
			return rc;
		if (at2 != BIZCLOCK_NEVER) {
			free(s->owner);
			s->owner = strdup(owner);
			s->got2 = got2;
			if (!s->owner || replay_queue_schedule(r->q, lead, at2 < r->dst->now ? r->dst->now : at2))
				return out_of_memory(r);
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
	owner = open_load_owner(r->dst_owners, scratch_lead(r, lead), &got2);
	if (!owner || strcmp(owner, s->owner) != 0 || got2 != s->got2)
		return story_schedule(r, lead); /* it changed hands: its new owner's time */
	doing(r, s->type, s->id, lead);
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
	rc = act_payload(r, lead, s->action, owner, payload);
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
		return out_of_memory(r);
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
		return out_of_memory(r);
	}
	rc = replay_queue_push(r->q, ev->lead, ev->id, s);
	if (rc < 0) {
		story_free(s);
		return out_of_memory(r);
	}
	return rc ? story_schedule(r, ev->lead) : 0;
}

static void item_free(struct item *it)
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
static struct item *item_new(const struct event *ev, int copy, int created)
{
	struct item *it = calloc(1, sizeof(*it));
	struct strbuf sb;

	if (!it)
		return NULL;
	*it = (struct item){NULL,     ev->id, ev->at, ev->lead, ev->type, ev->sets_stage,
			    ev->from, ev->to, NULL,   NULL,     NULL};
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
static int item_push(struct replay_run *r, struct item *it)
{
	if (!it)
		return out_of_memory(r);
	if (r->last)
		r->last->next = it;
	else
		r->first = it;
	r->last = it;
	return 0;
}

/* The event an item copied (its fields in r->a). */
static int item_event(struct replay_run *r, const struct item *it, struct event *ev)
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
static int item_run(struct replay_run *r, const struct item *it)
{
	const struct replay_input *in = input_of(it->type);
	struct event ev;
	int rc;

	doing(r, it->created ? EV_CREATED : it->type, it->id, it->lead);
	r->dst->now = it->at;
	rc = replay_tick(r);
	if (!rc && it->created && it->payload && !(rc = item_event(r, it, &ev)))
		rc = replay_history(r, it, &ev);
	else if (!rc && it->created)
		rc = replay_intake(r, it);
	else if (!rc && it->payload && in && !(rc = item_event(r, it, &ev)))
		rc = in->fn(r, &ev, in->arg);
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
		struct item *it = r->first;

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
	const struct replay_input *in = input_of(ev->type);
	struct item *held = r->held;
	const char *owner;
	int64_t got = 0;
	int rc = 0, history = held && ev->type == EV_IMPORTED && ev->lead == held->lead;

	r->st->events++;
	r->last_at = ev->at;
	r->held = NULL;
	if (history) {
		struct item *imported = item_new(ev, 1, 0);

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
	owner = in && in->fn == replay_act ? open_load_owner(r->src_owners, ev->lead, &got) : NULL;
	if (rc || !in)
		; /* an event the engine decides again, or the imported half of a history row */
	else if (ev->type == EV_CREATED && !(r->held = item_new(ev, 1, 1)))
		rc = out_of_memory(r);
	else if (ev->type != EV_CREATED && owner && ev->actor && strcmp(owner, ev->actor) == 0)
		rc = story_push(r, ev, in->arg, got); /* the owner's: by the scratch's owner */
	else if (ev->type != EV_CREATED)
		rc = item_push(r, item_new(ev, 1, 0));
	if (!rc && !in && !history)
		rc = item_push(r, item_new(ev, 0, 0));
	if (!rc && open_load_event(r->src_owners, ev))
		rc = out_of_memory(r);
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

int service_replay(struct service *src, struct service *dst, struct replay_stats *st, struct bt_error *err)
{
	struct replay_run r;
	int rc = 0;

	memset(&r, 0, sizeof(r));
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
		rc = out_of_memory(&r);
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
		struct item *next = r.first->next;

		item_free(r.first);
		r.first = next;
	}
	if (!rc && r.last_at) {
		dst->now = r.last_at;
		rc = replay_tick(&r);
	}
	replay_queue_free(&r.q, story_free);
	open_load_free(&r.src_owners);
	open_load_free(&r.dst_owners);
	free(r.leads.to);
	free(r.absences.to);
	arena_free(&r.a);
	return rc;
}
