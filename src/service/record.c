/* record.c - the one place where a lead's decided events are recorded, inside the caller's
 * transaction: each event is projected onto the lead (lead_apply), the lead's row and the
 * events are written, then the consequences that follow from events alone are decided by the
 * core and stored: SLA obligations (sla_after) and their reminders, credit (credit_after),
 * tune-out alerts, and the new owner told of an assignment (service/notify.c). Also
 * what the use cases and the timers record alongside: a follow-up task, and the managers told
 * of a lead nobody can take. It calls no use case: the use cases and tick.c call it. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/credit.h"
#include "core/intake.h"
#include "core/report.h"
#include "core/sla.h"
#include "service/notify.h"
#include "service/record.h"
#include "service/service.h"
#include "service/work.h"
#include "util/arena.h"

/* Loads the calendars the SLA rules may count business time in for lead l's events (SPEC 8.4):
 * the reps sla_owner_names() names, and the lead's rotation when sla_needs_pool(). */
static int load_owners(struct service *svc, struct arena *a, const struct lead *l, const struct decision *d,
		       struct sla_owners *o, struct bt_error *err)
{
	const char **names = arena_alloc(a, (1 + 2 * d->n) * sizeof(*names));
	struct rep *reps = arena_alloc(a, (1 + 2 * d->n) * sizeof(*reps));
	struct rep *pool = NULL;
	size_t n = sla_owner_names(svc->pb, l, d->events, d->n, names), i, npool = 0;
	int rc = 0, role;

	memset(o, 0, sizeof(*o));
	for (i = 0; !rc && i < n; i++) {
		rc = store_rep_get(svc->store, a, names[i], &reps[o->nreps], err);
		if (rc == -BT_NOT_FOUND) {
			bt_error_clear(err); /* a rep gone: the org's calendar */
			rc = 0;
		} else if (!rc) {
			o->nreps++;
		}
	}
	role = sla_needs_pool(svc->pb) ? intake_rotation(svc->pb, l, 1) : -1;
	if (!rc && role >= 0)
		rc = store_rep_roster(svc->store, a, role, &pool, &npool, err);
	o->reps = reps;
	o->pool = pool;
	o->npool = npool;
	return rc;
}

/* Puts `due` (the caller's obligation, changed and not yet written) in place of its stored
 * row among the lead's owed obligations open[0..*n), or takes it out if it is no longer owed:
 * the list store_obligations_open() would read once `due` was written. */
static void owed_as_now(struct obligation *open, size_t *n, const struct obligation *due)
{
	size_t i;

	for (i = 0; i < *n && open[i].id != due->id; i++)
		;
	if (i == *n)
		return;
	if (due->status == OB_OPEN || (due->status == OB_BREACHED && !due->settled_at))
		open[i] = *due;
	else
		memmove(&open[i], &open[i + 1], (--*n - i) * sizeof(*open));
}

/* The obligation `id` among rows[0..n) as read from the store, or NULL. */
static const struct obligation *as_read(const struct obligation *rows, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].id == id)
			return &rows[i];
	return NULL;
}

/* 1 if obligation ob, as the rules changed it, has another owner or due time than it had as
 * read (was; NULL: unknown): its reminder, if any, is then another one. */
static int moved(const struct obligation *ob, const struct obligation *was)
{
	return !was || ob->due != was->due || !ob->owner != !was->owner ||
	       (ob->owner && strcmp(ob->owner, was->owner) != 0);
}

/* Stores what the SLA rules decided; `due` (NULL if none) is an obligation of the lead the
 * caller changed and not yet written: written here once, with what the rules change on it.
 * An obligation opened, or given another owner or due time, gets its reminder (SPEC 8.6; from
 * `at`, when it happened). */
static int record_sla(struct service *svc, struct arena *a, const struct lead *before, const struct lead *l,
		      const struct decision *d, int is_new, const struct obligation *due, int64_t at,
		      struct bt_error *err)
{
	struct obligation *open = NULL, *stored = NULL;
	struct sla_owners owners;
	struct sla_plan plan;
	size_t nopen = 0, nstored, i;
	int rc = 0, written = 0;

	if (!is_new)
		rc = store_obligations_open(svc->store, a, l->id, &open, &nopen, err);
	if (!rc)
		rc = load_owners(svc, a, l, d, &owners, err);
	if (rc)
		return rc;
	nstored = nopen; /* the rows as read, so that a write sets only what changed */
	if (nopen) {
		stored = arena_alloc(a, nopen * sizeof(*stored));
		memcpy(stored, open, nopen * sizeof(*stored));
	}
	if (due)
		owed_as_now(open, &nopen, due);
	sla_after(svc->pb, before, l, d->events, d->n, open, nopen, &owners, a, &plan);
	for (i = 0; due && i < plan.nchange; i++)
		written |= plan.change[i].id == due->id;
	if (due && !written)
		rc = store_obligation_change(svc->store, due, as_read(stored, nstored, due->id), err);
	for (i = 0; !rc && i < plan.nopen; i++) {
		plan.open[i].lead = l->id;
		rc = store_obligation_add(svc->store, &plan.open[i], err);
		if (!rc)
			rc = notify_reminder(svc, &plan.open[i], at, err);
	}
	for (i = 0; !rc && i < plan.nchange; i++) {
		const struct obligation *was = as_read(stored, nstored, plan.change[i].id);

		rc = store_obligation_change(svc->store, &plan.change[i], was, err);
		if (!rc && moved(&plan.change[i], was))
			rc = notify_reminder(svc, &plan.change[i], at, err);
	}
	return rc;
}

/* Stores the credit the events earned: a "credit" event and a credits row each. */
static int record_credit(struct service *svc, struct arena *a, const struct lead *l, const struct decision *d,
			 struct bt_error *err)
{
	struct credit_list cl = {0};
	int64_t earned = 0;
	size_t i;
	int rc = 0, k;

	credit_after(svc->pb, l, d->events, d->n, a, &cl);
	for (i = 0; i < cl.n; i++)
		if (credit_is_meeting(&cl.items[i])) { /* has the lead earned one before? read only then */
			for (k = 0; !rc && !earned && k < CREDIT_KIND_COUNT; k++)
				if (credit_kind_flags((enum credit_kind)k) & CREDF_MEETING)
					rc = store_credit_count(svc->store, l->id, (enum credit_kind)k, &earned, err);
			break;
		}
	if (rc)
		return rc;
	credit_meeting_once(&cl, earned > 0);
	for (i = 0; !rc && i < cl.n; i++) {
		const struct credit *c = &cl.items[i];
		const struct event *why = d->events[c->event];
		struct event *ev = event_new(a, EV_CREDIT, why->at, l->id, "system");

		event_put_str(ev, a, "kind", credit_kind_name(c->kind));
		event_put_str(ev, a, "rep", c->rep);
		if (c->amount)
			event_put_int(ev, a, "amount_cents", c->amount);
		event_put_str(ev, a, "reason", c->reason);
		event_put_int(ev, a, "for_event", why->id);
		rc = store_event_append(svc->store, ev, err);
		if (!rc)
			rc = store_credit_add(svc->store, ev->id, l->id, c->rep, c->kind, c->amount, why->at, err);
	}
	return rc;
}

/* Tune-out (sla.tune_out): an AE's run of rejections on one source; the Nth raises an alert. */
static int record_tune_out(struct service *svc, struct arena *a, const struct lead *before, const struct lead *l,
			   const struct decision *d, struct bt_error *err)
{
	const char *source = l->source ? l->source : "(none)";
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < d->n; i++) {
		const struct event *e = d->events[i];
		int reject = e->type == EV_REJECT;
		const char *ae = before->owner ? before->owner : e->actor; /* the AE who received it */
		int64_t run = 0;

		if (!reject && e->type != EV_ACCEPT)
			continue;
		rc = store_streak(svc->store, ae, source, !reject, &run, err);
		if (!rc && reject && svc->pb->sla.tune_out > 0 && run == svc->pb->sla.tune_out) {
			struct event *ev = event_new(a, EV_TUNE_OUT, e->at, l->id, "system");
			struct rep aer;
			const char *boss;
			json_t *j;
			char *payload;

			event_put_str(ev, a, "ae", ae);
			event_put_str(ev, a, "source", source);
			event_put_int(ev, a, "rejections", run);
			rc = store_event_append(svc->store, ev, err);
			if (rc)
				break;
			j = json_pack("{s:s, s:s, s:I}", "ae", ae, "source", source, "rejections", (json_int_t)run);
			payload = json_dumps(j, JSON_COMPACT);
			/* the AE's manager hears of it */
			boss = store_rep_get(svc->store, a, ae, &aer, err) == 0 ? aer.manager : NULL;
			rc = notify_add(svc, &(struct notice){"tune_out", boss, l->id, payload, e->at, 0}, err);
			free(payload);
			json_decref(j);
		}
	}
	return rc;
}

struct routing_counts {
	struct service *svc;
	int64_t at;
	int rc;
	struct bt_error *err;
};

static void on_routing_count(void *ctx, const char *rep, const char *kind)
{
	struct routing_counts *c = ctx;

	if (!c->rc)
		c->rc = store_routing_count(c->svc->store, c->at, rep, kind, c->err);
}

/* What routing event ev counts for `report routing`, counted in the store's day (routing_days). */
static int record_routing_counts(struct service *svc, const struct event *ev, struct bt_error *err)
{
	struct routing_counts c = {svc, ev->at, 0, err};

	report_routing_each(ev, on_routing_count, &c);
	return c.rc;
}

/* service_record(), and record_due()'s obligation `due` (NULL if none) written once. */
static int record(struct service *svc, struct arena *a, struct lead *l, struct decision *d, int is_new,
		  const struct obligation *due, struct bt_error *err)
{
	struct lead before = *l;
	size_t i;
	int rc, stamp = !is_new; /* only updated_at changes: write it alone */

	for (i = 0; i < d->n; i++) {
		stamp &= lead_apply_stamps_only(d->events[i]);
		if (lead_apply(l, d->events[i], a))
			return bt_fail(err, BT_STORAGE, NULL, 0, "event %s cannot be applied",
				       event_type_name(d->events[i]->type));
	}
	rc = is_new  ? store_lead_insert(svc->store, l, err)
	     : stamp ? store_lead_stamp(svc->store, l->id, l->updated_at, err)
		     : store_lead_update(svc->store, l, err);
	for (i = 0; !rc && i < d->n; i++) {
		d->events[i]->lead = l->id;
		if (!(rc = store_event_append(svc->store, d->events[i], err)))
			rc = record_routing_counts(svc, d->events[i], err);
	}
	if (!rc)
		rc = record_sla(svc, a, is_new ? NULL : &before, l, d, is_new, due,
				d->n ? d->events[d->n - 1]->at : svc->now, err);
	for (i = 0; !rc && i < d->n; i++) /* the new owner hears of it (notify.on.assigned) */
		rc = notify_assigned(svc, l, d->events[i], err);
	if (!rc && !is_new)
		rc = record_credit(svc, a, l, d, err);
	if (!rc && !is_new)
		rc = record_tune_out(svc, a, &before, l, d, err);
	for (i = 0; !rc && !is_new && i < d->n; i++) {
		/* follow-up work on a lead that ended or went back is moot */
		if (event_type_flags(d->events[i]->type) & (EVF_ENDS_WORK | EVF_SENDS_BACK))
			rc = store_tasks_cancel(svc->store, l->id, d->events[i]->at, err);
	}
	return rc;
}

int service_record(struct service *svc, struct arena *a, struct lead *l, struct decision *d, int is_new,
		   struct bt_error *err)
{
	return record(svc, a, l, d, is_new, NULL, err);
}

int record_due(struct service *svc, struct arena *a, struct lead *l, struct decision *d, const struct obligation *due,
	       struct bt_error *err)
{
	return record(svc, a, l, d, 0, due, err);
}

/* ---------------------------------------------------------------- follow-up tasks */

/* Sets *out to the rep of `role` on lead l (and meeting m, may be NULL), or NULL; 0, or a
 * storage failure passed up. */
static int holder(struct service *svc, struct arena *a, const struct lead *l, const struct meeting *m, enum role role,
		  const char **out, struct bt_error *err)
{
	*out = NULL;
	switch (role) {
	case ROLE_AE: *out = m ? m->ae : l->ae ? l->ae : l->owner; return 0;
	case ROLE_SDR:
	case ROLE_MRR: *out = m ? m->booked_by : l->handed_by ? l->handed_by : l->owner; return 0;
	case ROLE_CSM: *out = l->owner; return 0;
	case ROLE_MANAGER: return service_manager_of(svc, a, l->owner, out, err);
	default: return 0;
	}
}

int record_task(struct service *svc, struct arena *a, struct task *t, const char *actor, struct decision *d,
		struct bt_error *err)
{
	int rc = store_task_add(svc->store, t, err);
	struct event *ev;

	if (rc)
		return rc;
	ev = event_new(a, EV_TASK, t->created_at, t->lead, actor);
	event_put_int(ev, a, "task", t->id);
	event_put_str(ev, a, "kind", pb_task_name(t->kind));
	event_put_str(ev, a, "role", role_name(t->role));
	event_put_str(ev, a, "holder", t->rep);
	decision_add(d, a, ev);
	return 0;
}

int record_follow_up(struct service *svc, struct arena *a, const struct lead *l, enum pb_task kind, int64_t meeting,
		     int role, int64_t at, struct decision *d, struct bt_error *err)
{
	struct meeting m, *mp = NULL;
	struct task t = {0};
	int rc;

	if (role < 0) {
		if (!svc->pb->tasks_on || !svc->pb->task_set[kind])
			return 0; /* the playbook gives this work to nobody: no task */
		role = (int)svc->pb->tasks[kind];
	}
	if (meeting) {
		rc = store_meeting_get(svc->store, a, meeting, &m, err);
		if (rc == -BT_NOT_FOUND)
			bt_error_clear(err); /* the meeting is gone: the lead's own holders */
		else if (rc)
			return rc;
		else
			mp = &m;
	}
	t.kind = kind;
	t.lead = l->id;
	t.meeting = meeting;
	t.role = (enum role)role;
	t.created_at = at;
	rc = holder(svc, a, l, mp, t.role, &t.rep, err);
	return rc ? rc : record_task(svc, a, &t, "system", d, err);
}

/* ---------------------------------------------------------------- a lead nobody can take */

int record_unassigned(struct work *w, struct arena *a, const struct lead *l, int role, const char *why, int64_t at,
		      struct bt_error *err)
{
	struct store *s = w->svc->store;
	const struct rep *pool = role >= 0 ? w->pool[role] : NULL;
	size_t npool = pool ? w->npool[role] : 0, n, i;
	const char **names;
	json_t *to = json_array(), *payload;
	struct event *ev;
	char *text;
	int rc = 0;

	/* who is told is the core's rule (route_pool_managers): the pool's managers, else every
	 * active manager, loaded only then */
	names = arena_alloc(a, (npool + 1) * sizeof(*names));
	n = route_pool_managers(pool, npool, NULL, 0, names);
	if (n == 0 && (rc = work_managers(w, err)) == 0) {
		names = arena_alloc(a, (npool + w->nmanagers + 1) * sizeof(*names));
		n = route_pool_managers(pool, npool, w->managers, w->nmanagers, names);
	}
	for (i = 0; i < n; i++)
		json_array_append_new(to, json_string(names[i]));
	payload = json_pack("{s:I, s:s, s:s}", "lead", (json_int_t)l->id, "email", l->email, "reason", why);
	text = json_dumps(payload, JSON_COMPACT);
	for (i = 0; !rc && i < json_array_size(to); i++)
		rc = notify_add(w->svc,
				&(struct notice){"unassigned_lead", json_string_value(json_array_get(to, i)), l->id,
						 text, at, 0},
				err);
	if (!rc) {
		ev = event_new(a, EV_NOTIFIED, at, l->id, "system");
		event_put_str(ev, a, "kind", "unassigned_lead");
		for (i = 0; i < json_array_size(to); i++)
			event_put_item(ev, a, "recipients", json_string_value(json_array_get(to, i)));
		if (json_array_size(to) == 0)
			event_put_str(ev, a, "note", "no active manager to tell");
		rc = store_event_append(s, ev, err);
	}
	free(text);
	json_decref(payload);
	json_decref(to);
	return rc;
}
