/* tick.c - `baton tick`: every obligation due by the clock, in due order, each with its
 * consequences taking effect at its due time (so the outcome is the same whether tick runs
 * every second or once a day): the breach event, notify/escalate/flag notifications in the
 * outbox, reassignment to the next rep of the rotation (whose own obligation then runs from
 * that due time), the no-show task passing on, and nurture recycling. Obligations that come
 * due because of what tick did are processed in the same run, still in due order. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizclock.h"
#include "core/clock.h"
#include "core/intake.h"
#include "service/service.h"
#include "util/arena.h"

#define TICK_BATCH 500 /* obligations per transaction */

static void item(struct tick_report *r, const char *type, const struct obligation *ob, const char *rep,
		 const char *detail)
{
	struct tick_item *it = arena_push(r->a, (void **)&r->items, &r->n, &r->cap, sizeof(*it));

	it->type = type;
	it->rule = ob_rule_name(ob->rule);
	it->lead = ob->lead;
	it->rep = rep ? arena_strdup(r->a, rep) : NULL;
	it->at = ob->due;
	it->detail = detail ? arena_strdup(r->a, detail) : NULL;
}

/* Queues a notification about obligation ob for rep `to` and records who was told. */
static int notify(struct service *svc, struct arena *a, struct decision *d, const struct obligation *ob,
		  const char *kind, const char *to, struct bt_error *err)
{
	char due[CLOCK_RFC3339_LEN];
	json_t *j = json_pack("{s:s, s:s, s:I, s:s?, s:s}", "kind", kind, "rule", ob_rule_name(ob->rule), "lead",
			      (json_int_t)ob->lead, "owner", ob->owner, "due", clock_format_rfc3339(ob->due, due));
	char *text = json_dumps(j, JSON_COMPACT);
	struct event *ev = event_new(a, kind, ob->due, ob->lead, "system");
	int rc = 0;

	event_put_str(ev, a, "rule", ob_rule_name(ob->rule));
	event_put_str(ev, a, "recipient", to);
	if (!to)
		event_put_str(ev, a, "note", "nobody to tell: the owner has no manager");
	decision_add(d, a, ev);
	if (to)
		rc = store_outbox_add(svc->store, ob->due, kind, to, ob->lead, text, NULL, err);
	free(text);
	json_decref(j);
	return rc;
}

/* The manager of rep `name`, or NULL. */
static const char *manager_of(struct service *svc, struct arena *a, const char *name)
{
	struct bt_error ignored;
	struct rep r;

	if (!name || store_rep_get(svc->store, a, name, &r, &ignored))
		return NULL;
	return r.manager;
}

/* 1 if rep `name` exists and is active. */
static int rep_active(struct service *svc, struct arena *a, const char *name)
{
	struct bt_error ignored;
	struct rep r;

	return store_rep_get(svc->store, a, name, &r, &ignored) == 0 && r.active;
}

/* Routes the lead to the next rep of its rotation other than `exclude`, at time `at`. */
static int reroute(struct service *svc, struct intake_batch *b, struct arena *a, struct lead *l, const char *exclude,
		   int64_t at, struct intake_result *res, int *role_out, struct bt_error *err)
{
	struct intake_req req = {0};
	const char *named;
	int rc, role;

	req.lead = l;
	req.exclude = exclude;
	req.rotation_only = exclude != NULL;
	role = intake_pool(svc->pb, l, NULL, &named);
	if (role < 0 && exclude && svc->pb->routing.inbound.on)
		role = (int)svc->pb->routing.inbound.role;
	if (role >= 0) {
		rc = intake_batch_pool(b, role, err);
		if (rc)
			return rc;
		req.pool = b->pool[role];
		req.npool = b->npool[role];
		req.cursor = b->cursor[role];
	}
	if (svc->pb->routing.inbound.respect_hours) {
		/* due at (or after) closing time: the rotation is asked when the office opens */
		struct bizclock bc;

		bizclock_init(&bc, &svc->pb->org, -1, -1);
		if (bizclock_valid(&bc) && !bizclock_open(&bc, at))
			at = bizclock_next_open(&bc, at);
	}
	memset(res, 0, sizeof(*res));
	intake_route(svc->pb, &req, at, a, res);
	*role_out = role;
	return 0;
}

/* Handles one due obligation inside the batch. */
static int run_one(struct service *svc, struct intake_batch *b, struct arena *a, struct obligation *ob,
		   struct tick_report *r, struct bt_error *err)
{
	struct decision d = {0};
	struct sla_breach br;
	struct intake_result res;
	struct lead l;
	size_t i;
	int rc = store_lead_get(svc->store, a, ob->lead, &l, err), role = -1;

	if (rc)
		return rc;
	sla_breach(svc->pb, ob, a, &d, &br);
	ob->closed_at = ob->due;
	ob->status = br.recycle ? OB_MET : OB_BREACHED;
	if (br.recycle) {
		struct action_req act = {.action = ACT_RECYCLE};
		struct lead after = l;
		struct bt_error why;

		bt_error_clear(&why);
		rc = lifecycle_decide(svc->pb, &l, &act, ob->due, a, &d, &why);
		if (rc == -BT_REFUSED || rc == -BT_DENIED) {
			/* the lead moved on, or the playbook now forbids it: say so, never pretend it was met */
			struct event *ev = event_new(a, "recycle_refused", ob->due, l.id, "system");

			ob->status = OB_CANCELLED;
			event_put_str(ev, a, "reason", why.message);
			decision_add(&d, a, ev);
			item(r, "recycle_refused", ob, NULL, why.message);
			rc = store_obligation_update(svc->store, ob, err);
			return rc ? rc : service_record(svc, a, &l, &d, 0, err);
		}
		if (!rc)
			rc = store_obligation_update(svc->store, ob, err);
		if (rc)
			return rc;
		for (i = 0; i < d.n; i++)
			lead_apply(&after, d.events[i], a);
		if (l.owner && rep_active(svc, a, l.owner)) {
			/* back to the rep who nurtured it: it knows the lead */
			struct event *ev = event_new(a, "assigned", ob->due, l.id, "system");

			memset(&res, 0, sizeof(res));
			res.owner = arena_strdup(a, l.owner);
			res.why = "back to its owner after nurture";
			event_put_str(ev, a, "owner", res.owner);
			event_put_str(ev, a, "routing", res.why);
			decision_add(&res.d, a, ev);
		} else {
			rc = reroute(svc, b, a, &after, NULL, ob->due, &res, &role, err);
		}
		for (i = 0; !rc && i < res.d.n; i++)
			decision_add(&d, a, res.d.events[i]);
		item(r, "recycle", ob, res.owner, "nurture -> mql");
		if (res.owner)
			item(r, "assign", ob, res.owner, res.why);
	} else {
		rc = store_obligation_update(svc->store, ob, err);
		if (!rc) {
			/* every breach reaches the webhook, whatever else the rule does */
			char due[CLOCK_RFC3339_LEN];
			json_t *j = json_pack("{s:s, s:I, s:s?, s:s}", "rule", ob_rule_name(ob->rule), "lead",
					      (json_int_t)ob->lead, "owner", ob->owner, "due",
					      clock_format_rfc3339(ob->due, due));
			char *text = json_dumps(j, JSON_COMPACT);

			rc = store_outbox_add(svc->store, ob->due, "breach", ob->owner, ob->lead, text, NULL, err);
			free(text);
			json_decref(j);
		}
		if (rc)
			return rc;
		item(r, "breach", ob, ob->owner, NULL);
		if (br.actions & PB_ACT_REASSIGN) {
			rc = reroute(svc, b, a, &l, ob->owner, ob->due, &res, &role, err);
			for (i = 0; !rc && i < res.d.n; i++) {
				struct event *ev = res.d.events[i];

				if (strcmp(ev->type, "assigned") == 0) {
					ev->type = "reassigned";
					event_put_str(ev, a, "previous_owner", ob->owner);
				}
				decision_add(&d, a, ev);
			}
			item(r, res.owner ? "reassign" : "unassigned", ob, res.owner, res.why);
		}
		if (!rc && (br.actions & PB_ACT_NOTIFY_MANAGER)) {
			const char *m = manager_of(svc, a, ob->owner);

			rc = notify(svc, a, &d, ob, "notify", m, err);
			item(r, "notify", ob, m, NULL);
		}
		if (!rc && (br.actions & PB_ACT_ESCALATE_MANAGER)) {
			const char *m = manager_of(svc, a, ob->owner);

			rc = notify(svc, a, &d, ob, "escalate", m, err);
			item(r, "escalate", ob, m, NULL);
		}
		if (!rc && (br.actions & PB_ACT_FLAG)) {
			rc = notify(svc, a, &d, ob, "flag", ob->owner, err);
			item(r, "flag", ob, ob->owner, NULL);
		}
		if (!rc && br.pass_task)
			rc = service_task_pass(svc, a, &l, ob, br.pass_to, &d, r, err);
	}
	if (!rc)
		rc = service_record(svc, a, &l, &d, 0, err);
	if (!rc && role >= 0 && res.owner) {
		intake_batch_assigned(b, role, &res);
		if (!br.recycle && ob->owner && strcmp(res.owner, ob->owner) != 0)
			intake_batch_release(b, ob->owner); /* the previous owner has one open lead less */
	}
	if (!rc && role >= 0 && res.unassigned)
		rc = intake_batch_notify_unassigned(b, a, &l, role, res.why, ob->due, err);
	return rc;
}

/* Runs the due obligations one by one in due order inside the batch; with commit_every > 0
 * the batch is committed and begun again every that many (a long standalone tick). */
static int run_due(struct service *svc, struct intake_batch *b, int *in_batch, struct tick_report *r, int commit_every,
		   struct bt_error *err)
{
	struct arena *a = arena_new();
	int rc = 0;

	for (;;) {
		struct obligation ob;

		if (!*in_batch) {
			rc = intake_batch_begin(svc, b, err);
			if (rc)
				break;
			*in_batch = 1;
		}
		rc = store_obligation_next_due(svc->store, a, svc->now, &ob, err);
		if (rc == -BT_NOT_FOUND) {
			rc = 0;
			break;
		}
		if (!rc)
			rc = run_one(svc, b, a, &ob, r, err);
		if (rc)
			break;
		r->obligations++;
		arena_reset(a);
		if (commit_every && r->obligations % commit_every == 0) {
			*in_batch = 0;
			rc = intake_batch_commit(b, err);
			if (rc)
				break;
		}
	}
	arena_free(&a);
	return rc;
}

int service_tick(struct service *svc, struct tick_report *r, struct bt_error *err)
{
	struct intake_batch b;
	int rc, in_batch = 0;

	memset(r, 0, sizeof(*r));
	r->a = arena_new();
	svc->in_tick = 1;
	rc = run_due(svc, &b, &in_batch, r, TICK_BATCH, err);
	if (in_batch) {
		if (rc)
			intake_batch_abort(&b);
		else
			rc = intake_batch_commit(&b, err);
	}
	svc->in_tick = 0;
	return rc;
}

int service_catch_up(struct service *svc, struct bt_error *err)
{
	struct tick_report r;
	struct intake_batch b;
	int rc, in_batch = 1;

	if (svc->in_tick)
		return 0;
	memset(&r, 0, sizeof(r));
	r.a = arena_new();
	svc->in_tick = 1;
	intake_batch_attach(svc, &b);
	rc = run_due(svc, &b, &in_batch, &r, 0, err);
	if (!rc)
		rc = intake_batch_detach(&b, err);
	else
		arena_free(&b.a);
	svc->in_tick = 0;
	tick_report_release(&r);
	return rc;
}

int service_begin(struct service *svc, struct bt_error *err)
{
	int rc = store_begin(svc->store, err);

	if (!rc && (rc = service_catch_up(svc, err)))
		store_rollback(svc->store);
	return rc;
}

void tick_report_release(struct tick_report *r)
{
	arena_free(&r->a);
	r->items = NULL;
	r->n = 0;
}
