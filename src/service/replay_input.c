/* replay_input.c - one recorded input re-driven into a replay's scratch store through its use
 * case (the table replay_inputs: a rep, an account or an absence added or changed, a lead
 * created, imported as history or inquiring again, a lifecycle action, a manager's assign, a
 * meeting's outcome, a task done), and what the scratch refused counted under its reason.
 * replay.c decides when and by whom; see replay_priv.h and docs/replay.md. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "io/args_json.h"
#include "io/event_json.h"
#include "service/absence.h"
#include "service/act.h"
#include "service/admin.h"
#include "service/history.h"
#include "service/intake.h"
#include "service/meeting.h"
#include "service/replay_changes.h"
#include "service/replay_priv.h"
#include "service/service.h"
#include "service/task.h"
#include "service/usecase.h"
#include "util/arena.h"

/* what replay_absence re-drives: an absence entered, or cancelled */
enum { ABSENCE_REPLAY_ADD, ABSENCE_REPLAY_CANCEL };

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

int64_t replay_scratch_lead(const struct replay_run *r, int64_t from)
{
	return ids_get(&r->leads, from);
}

int replay_expansion_own(struct replay_run *r, const struct event *ev, int *own)
{
	int64_t parent = ev->type == EV_CREATED ? event_get_int(ev, "parent", 0) : 0;

	*own = parent > 0 || ids_get(&r->expansions, ev->lead) > 0;
	if (parent > 0)
		return ids_set(r, &r->expansions, ev->lead, parent);
	if (ev->type == EV_EXPANSION) /* from here its lead's events are re-driven as any lead's */
		return ids_set(r, &r->expansions, event_get_int(ev, "opportunity", 0), 0);
	return 0;
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
int replay_refused(struct replay_run *r, int rc)
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

/* What replay_refused() tells of the event being re-driven. */
void replay_doing(struct replay_run *r, enum event_type type, int64_t id, int64_t lead)
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
		return rc == -BT_NOT_FOUND ? replay_refused(r, rc) : rc;
	got = rep_get_settings(ev, &rep);
	if (got < 0)
		return replay_refused(r, bt_fail(r->err, BT_BAD_INPUT, "role", 0, "rep %s: unknown role", name));
	/* the proposal's settings of the rep stand over the recorded ones, from its start on */
	rc = replay_changes_rep(r->changes, &rep, r->a, r->err);
	if (rc)
		return rc;
	if (ev->type == EV_REP_ADDED) {
		rep.id = 0;
		rc = replay_refused(r, service_rep_add(r->dst, &rep, r->err));
		return rc ? rc : replay_changes_absences(r->changes, r->dst, r->a, rep.name, r->err);
	}
	return got ? replay_refused(r, service_rep_set(r->dst, &rep, event_get_str(ev, "changed"), r->err)) : 0;
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
		return rc == -BT_NOT_FOUND ? replay_refused(r, rc) : rc;
	acc.id = 0;
	return replay_refused(r, service_account_add(r->dst, &acc, r->err));
}

/* A meeting's outcome (held, no-show, reschedule, cancel): the scratch's meeting of the lead
 * that starts when the recorded one did (the scratch numbers its meetings itself), at its
 * recorded time; marked by the scratch meeting's AE when the recorded hand owned the lead. */
static int replay_meeting(struct replay_run *r, const struct event *ev, int act)
{
	const char *start = event_get_str(ev, "start"), *moved = event_get_str(ev, "new_start");
	int64_t lead = replay_scratch_lead(r, ev->lead), when = 0, to = 0, id = 0;
	struct meeting *ms, m;
	const char *by = ev->actor;
	size_t n, i;
	int rc;

	if (!lead || !start || clock_parse_rfc3339(start, &when) || (moved && clock_parse_rfc3339(moved, &to)))
		return replay_refused(r, bt_fail(r->err, BT_NOT_FOUND, "meeting", 0, "no meeting to replay"));
	rc = store_meeting_list(r->dst->store, r->a, lead, NULL, 0, &ms, &n, r->err);
	for (i = 0; !rc && i < n; i++)
		if (ms[i].start == when && (!id || ms[i].status == MEETING_BOOKED)) {
			id = ms[i].id;
			/* the lead's owner (its AE) marked it: the AE of the scratch's meeting does */
			by = r->owned && ms[i].ae ? ms[i].ae : ev->actor;
		}
	if (rc)
		return rc;
	if (!id)
		return replay_refused(r,
				      bt_fail(r->err, BT_NOT_FOUND, "meeting", 0,
					      "lead %lld has no meeting at %s in the replay", (long long)lead, start));
	return replay_refused(
		r, service_meeting(r->dst, r->a, id, act, by, to, event_get_str(ev, "initiator"), &m, r->err));
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
	return replay_refused(r, rc);
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
	int64_t lead = replay_scratch_lead(r, ev->lead);
	struct task out;
	int rc;

	if (!lead || !f.kind)
		return replay_refused(r, bt_fail(r->err, BT_NOT_FOUND, "task", 0, "no task to replay"));
	rc = store_task_each(r->dst->store, NULL, lead, 1, task_found, &f, r->err);
	if (rc < 0)
		return rc;
	if (!f.id)
		return replay_refused(r,
				      bt_fail(r->err, BT_NOT_FOUND, "task", 0,
					      "lead %lld has no open %s task in the replay", (long long)lead, f.kind));
	return replay_refused(r, service_task_done(r->dst, r->a, f.id, ev->actor, &out, r->err));
}

/* reinquiry: the same person again, through the intake with the lead's email and the recorded
 * source and channel. */
static int replay_reinquiry(struct replay_run *r, const struct event *ev, int unused)
{
	int64_t lead = replay_scratch_lead(r, ev->lead);
	const char *ch = event_get_str(ev, "channel");
	struct intake_outcome out;
	struct lead known, in;
	int rc;

	if (!lead)
		return replay_refused(r, bt_fail(r->err, BT_NOT_FOUND, "lead", 0, "the lead is not in the replay"));
	rc = store_lead_get(r->dst->store, r->a, lead, &known, r->err);
	if (rc)
		return replay_refused(r, rc);
	lead_init(&in);
	in.email = known.email;
	in.source = event_get_str(ev, "source");
	if (ch && channel_parse(ch, &in.channel))
		return replay_refused(r, bt_fail(r->err, BT_BAD_INPUT, "channel", 0, "unknown channel %s", ch));
	return replay_refused(r, service_intake(r->dst, r->a, &in, ev->actor, &out, r->err));
}

/* A creation's intake fields (its payload) into *in (strings in r->a). */
static int created_lead(struct replay_run *r, json_t *created, struct lead *in)
{
	struct arg_ctx ctx = {r->a, r->dst->pb->org.timezone};

	lead_init(in);
	return args_json_fill(intake_args, intake_args_n, 0, created, in, &ctx, r->err);
}

/* A lead's creation through the intake, as its actor gave it, at its time. */
int replay_intake(struct replay_run *r, const struct replay_item *it)
{
	struct intake_outcome out;
	struct lead in;
	int rc = created_lead(r, it->created, &in);

	memset(&out, 0, sizeof(out));
	if (!rc)
		rc = service_intake(r->dst, r->a, &in, it->actor, &out, r->err);
	if (!rc)
		rc = ids_set(r, &r->leads, it->lead, out.lead);
	return replay_refused(r, rc);
}

/* A lead's creation and ev, the `imported` event that follows it: one history row, through
 * history_add at the time it was imported, its columns as the row wrote them. */
int replay_history(struct replay_run *r, const struct replay_item *it, const struct event *ev)
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

	memset(&out, 0, sizeof(out));
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
	return replay_refused(r, rc);
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
int replay_act_payload(struct replay_run *r, int64_t src_lead, enum action action, const char *actor, json_t *payload)
{
	struct arg_ctx ctx = {r->a, r->dst->pb->org.timezone};
	struct action_input in;
	struct lead l = {0};
	const char *routing = json_string_value(json_object_get(payload, "routing"));
	json_t *cents = json_object_get(payload, "amount_cents");
	int64_t lead = replay_scratch_lead(r, src_lead), opportunity;
	size_t i;
	int rc;

	if (!lead) {
		json_decref(payload);
		return replay_refused(r, no_lead(r));
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
	/* an AE the rep named is named again; a routed one is routed under the proposal; an
	 * expansion goes to the AE it went to */
	if (!rc && ((action == ACT_HANDOFF && (!routing || strcmp(routing, NAMED_AE) == 0)) || action == ACT_EXPAND))
		in.to = arena_strdup(r->a, json_string_value(json_object_get(payload, "ae")));
	opportunity = json_integer_value(json_object_get(payload, "opportunity"));
	json_decref(payload);
	if (!rc)
		rc = service_act(r->dst, r->a, lead, actor, in.to, &in.req, &l, r->err);
	if (!rc && action == ACT_EXPAND) /* l is the expansion expand made again */
		rc = ids_set(r, &r->leads, opportunity, l.id);
	return replay_refused(r, rc);
}

/* A lifecycle action by its recorded actor at its recorded time. */
static int replay_act(struct replay_run *r, const struct event *ev, int act)
{
	return replay_act_payload(r, ev->lead, (enum action)act, ev->actor, event_payload_json(ev));
}

/* churned by a CSM's hand; a lapse is the engine's to decide again (tick, SPEC 8.12). */
static int replay_churn(struct replay_run *r, const struct event *ev, int act)
{
	const char *reason = event_get_str(ev, "reason");

	return reason && strcmp(reason, "lapsed") == 0 ? 0 : replay_act(r, ev, act);
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
	int64_t lead = replay_scratch_lead(r, ev->lead);

	return replay_refused(r, lead ? service_restore(r->dst, r->a, lead, ev->actor, &l, r->err) : no_lead(r));
}

/* The recorded events a replay re-drives (the inputs), each with its use case and the action or
 * meeting outcome it was; every other event is the engine's to decide again (docs/replay.md). */
static const struct replay_input replay_inputs[] = {
	{EV_REP_ADDED, replay_rep, 0, 0},
	{EV_REP_UPDATED, replay_rep, 0, 0},
	{EV_ACCOUNT_ADDED, replay_account, 0, 0},
	{EV_ABSENCE_ADDED, replay_absence, ABSENCE_REPLAY_ADD, 0},
	{EV_ABSENCE_CANCELLED, replay_absence, ABSENCE_REPLAY_CANCEL, 0},
	{EV_TASK_DONE, replay_task_done, 0, 0},
	{EV_REINQUIRY, replay_reinquiry, 0, 0},
	{EV_CREATED, replay_created, 0, 0},
	{EV_RESTORED, replay_restored, 0, 0},
	{EV_ASSIGNED, replay_assign, ACT_ASSIGN, 0},
	{EV_REASSIGNED, replay_assign, ACT_ASSIGN, 0},
	{EV_TOUCH, replay_act, ACT_TOUCH, 1},
	{EV_QUALIFY, replay_act, ACT_QUALIFY, 1},
	{EV_HANDOFF, replay_act, ACT_HANDOFF, 1},
	{EV_REVIEW, replay_act, ACT_REVIEW, 1},
	{EV_ACCEPT, replay_act, ACT_ACCEPT, 1},
	{EV_REJECT, replay_act, ACT_REJECT, 1},
	{EV_NURTURE, replay_act, ACT_NURTURE, 1},
	{EV_DISQUALIFY, replay_act, ACT_DISQUALIFY, 1},
	{EV_WON, replay_act, ACT_WIN, 1},
	{EV_LOST, replay_act, ACT_LOSE, 1},
	{EV_LIVE, replay_act, ACT_LIVE, 1},
	{EV_RENEWED, replay_act, ACT_RENEW, 1},
	{EV_CHURNED, replay_churn, ACT_CHURN, 1},
	{EV_EXPANSION, replay_act, ACT_EXPAND, 1}, /* its lead made again (replay_expansion_own) */
	{EV_MEETING_HELD, replay_meeting, MEET_HELD, 0},
	{EV_MEETING_NO_SHOW, replay_meeting, MEET_NO_SHOW, 0},
	{EV_MEETING_RESCHEDULED, replay_meeting, MEET_RESCHEDULE, 0},
	{EV_MEETING_CANCELLED, replay_meeting, MEET_CANCEL, 0},
};

/* The input row of an event type, NULL: the engine's to decide again. */
const struct replay_input *replay_input_of(enum event_type type)
{
	size_t i;

	for (i = 0; i < sizeof(replay_inputs) / sizeof(replay_inputs[0]); i++)
		if (replay_inputs[i].type == type)
			return &replay_inputs[i];
	return NULL;
}

int replay_out_of_memory(struct replay_run *r)
{
	return bt_fail(r->err, BT_STORAGE, NULL, 0, "out of memory");
}
