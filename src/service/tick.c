/* tick.c - `baton tick`: every obligation due by the clock, in due order (and every absence
 * that starts, in time order among them), each with its consequences taking effect at its due
 * time (so the outcome is the same whether tick runs every second or once a day). The core
 * decides what a due obligation does (breach_decide: the breach, reassignment, notifications,
 * recycling); this file loads what that needs, records it (events, outbox, the no-show task)
 * and keeps the rotation's cache. Obligations that come due because of what tick did are
 * processed in the same run, still in due order. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/breach.h"
#include "core/clock.h"
#include "core/notify.h"
#include "service/absence_start.h"
#include "io/event_json.h"
#include "service/notify.h"
#include "service/record.h"
#include "service/service.h"
#include "service/tick.h"
#include "service/waiting.h"
#include "service/work.h"
#include "util/arena.h"

/* obligations per transaction: each commit syncs the WAL; 1,000 hold the store about as long
 * (some 50 ms) as 500 did before the catch-up wrote fewer rows per obligation */
#define TICK_BATCH 1000

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

/* Writes one notification of the breach of ob (notify_add: to the rep it names, by the
 * channels the playbook gives it, nothing when it gives none); a "breach" row carries the
 * obligation, the others say their kind too. The payload is jansson's compact text, written
 * directly when no value needs an escape (rule, kind and time never do; an owner's name of
 * printable ASCII neither), the catch-up's hot path. */
static int outbox(struct service *svc, struct arena *a, const struct obligation *ob, const struct breach_notice *n,
		  struct bt_error *err)
{
	char due[CLOCK_RFC3339_LEN];
	const char *kind = event_type_name(n->kind), *rule = ob_rule_name(ob->rule), *text;
	struct notify_route route;
	char *dumped = NULL;
	json_t *j;
	int rc;

	if (!notify_route(svc->pb, kind, n->to, &route))
		return 0; /* no row: no payload to write either */
	clock_format_rfc3339(ob->due, due);
	if (json_text_plain(ob->owner)) {
		const char *head = n->kind == EV_BREACH ? "" : arena_printf(a, "\"kind\":\"%s\",", kind);
		const char *owner = ob->owner ? arena_printf(a, "\"%s\"", ob->owner) : "null";

		text = arena_printf(a, "{%s\"rule\":\"%s\",\"lead\":%lld,\"owner\":%s,\"due\":\"%s\"}", head, rule,
				    (long long)ob->lead, owner, due);
	} else {
		j = n->kind == EV_BREACH ? json_pack("{s:s, s:I, s:s?, s:s}", "rule", rule, "lead",
						     (json_int_t)ob->lead, "owner", ob->owner, "due", due)
					 : json_pack("{s:s, s:s, s:I, s:s?, s:s}", "kind", kind, "rule", rule, "lead",
						     (json_int_t)ob->lead, "owner", ob->owner, "due", due);
		text = dumped = json_dumps(j, JSON_COMPACT);
		json_decref(j);
	}
	rc = text ? notify_add(svc, &(struct notice){kind, n->to, ob->lead, text, ob->due, 0}, err)
		  : bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	free(dumped);
	return rc;
}

/* Sets *active to 1 if rep `name` exists and is active, else 0; 0, or a storage failure passed
 * up (a failed read is not "the rep is gone"). */
static int rep_active(struct service *svc, struct arena *a, const char *name, int *active, struct bt_error *err)
{
	struct rep r;
	int rc = store_rep_get(svc->store, a, name, &r, err);

	*active = rc == 0 && r.active;
	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(err);
		rc = 0;
	}
	return rc;
}

/* Handles one due obligation inside the batch: loads what breach_decide() needs, lets it
 * decide, records what it decided. */
static int run_one(struct service *svc, struct work *b, struct arena *a, struct obligation *ob, struct tick_report *r,
		   struct bt_error *err)
{
	struct breach_in in = {0};
	struct breach_out out;
	struct lead l;
	size_t i;
	int rc = store_lead_get(svc->store, a, ob->lead, &l, err), role;

	if (rc)
		return rc;
	in.lead = &l;
	in.ob = ob;
	if (ob->rule == OB_RECYCLE && l.owner && (rc = rep_active(svc, a, l.owner, &in.owner_active, err)))
		return rc;
	if ((sla_breach_actions(svc->pb, ob->rule) & (PB_ACT_NOTIFY_MANAGER | PB_ACT_ESCALATE_MANAGER)) &&
	    (rc = service_manager_of(svc, a, ob->owner, &in.manager, err)))
		return rc;
	role = breach_rotation(svc->pb, &l, ob, in.owner_active);
	if (role >= 0) {
		rc = work_pool(b, role, &in.pool, &in.npool, &in.rotation, err);
		if (rc)
			return rc;
	}
	if (!ob->owner && (sla_breach_actions(svc->pb, ob->rule) & (PB_ACT_NOTIFY_MANAGER | PB_ACT_ESCALATE_MANAGER))) {
		rc = work_managers(b, err); /* a waiting lead's pool may name no manager: then every one */
		if (rc)
			return rc;
		in.managers = b->managers;
		in.nmanagers = b->nmanagers;
	}
	rc = breach_decide(svc->pb, &in, a, &out, err);
	if (rc)
		return rc;
	ob->closed_at = ob->due;
	ob->status = out.status; /* written with the lead's other obligations (record_due) */
	for (i = 0; !rc && i < out.nnotices; i++)
		rc = outbox(svc, a, ob, &out.notices[i], err);
	for (i = 0; i < out.nlines; i++)
		item(r, out.lines[i].type, ob, out.lines[i].rep, out.lines[i].detail);
	if (!rc && out.pass_task) { /* the no-show task passes on to the role the playbook names */
		size_t before = out.d.n;

		rc = record_follow_up(svc, a, &l, PB_TASK_RESCHEDULE_NO_SHOW, ob->meeting, (int)out.pass_to, ob->due,
				      &out.d, err);
		if (!rc && out.d.n > before)
			item(r, "task", ob, event_get_str(out.d.events[out.d.n - 1], "holder"), "reschedule_no_show");
	}
	if (!rc)
		rc = record_due(svc, a, &l, &out.d, ob, err);
	if (!rc && out.role >= 0 && out.route.owner)
		work_assigned(b, out.role, &out.route);
	/* reassigned, or back to the pool: the previous owner has one open lead less */
	if (!rc && out.routed && ob->rule != OB_RECYCLE && ob->owner &&
	    (!out.route.owner || strcmp(out.route.owner, ob->owner) != 0))
		work_release(b, ob->owner);
	if (!rc && out.role >= 0 && out.route.unassigned)
		rc = record_unassigned(b, a, &l, out.role, out.route.why, ob->due, err);
	return rc;
}

/* Runs the due obligations one by one in due order inside the open work *w, with the starts
 * of absences (SPEC 8.3) in time order among them, and routes the waiting leads at each
 * instant someone becomes eligible for them (an opening of working hours or the end of an
 * absence, in time order with the obligations; right after an obligation, whose reassignment
 * may free capacity, or an absence's start, whose leads go back to the rotation; at the end,
 * now); with commit_every > 0 the work is committed and begun
 * again every that many obligations (a long standalone tick), *open saying whether one is open
 * when it returns. At the same instant an obligation comes first: a lead still waiting at its
 * due time has breached. */
static int run_due(struct service *svc, struct work *w, int *open, struct tick_report *r, int commit_every,
		   struct bt_error *err)
{
	struct arena *a = arena_new();
	int rc = 0;

	for (;;) {
		struct obligation ob;
		struct absence ab;
		int64_t opening, until;
		int away = 0;

		if (!*open) {
			rc = work_begin(w, svc, err);
			if (rc)
				break;
			*open = 1;
		}
		rc = waiting_next(w, a, svc->now, &opening, err);
		until = opening >= 0 ? opening : svc->now;
		if (!rc)
			rc = absence_next(w, a, until, &ab, &away, err);
		if (!rc && away)
			until = absence_due(&ab);
		if (!rc)
			rc = store_obligation_next_due(svc->store, a, until, &ob, err);
		if (rc == -BT_NOT_FOUND && away) { /* an absence starts: then whoever can take its leads gets them */
			rc = absence_start(w, a, &ab, r, err);
			if (!rc)
				rc = waiting_settle(w, a, until, r, err);
			arena_reset(a);
			if (rc)
				break;
			continue;
		}
		if (rc == -BT_NOT_FOUND) {
			rc = 0;
			if (opening < 0)
				break;
			rc = waiting_settle(w, a, opening, r, err);
			arena_reset(a);
			if (rc)
				break;
			continue;
		}
		if (!rc)
			rc = run_one(svc, w, a, &ob, r, err);
		if (!rc)
			rc = waiting_settle(w, a, ob.due, r, err);
		if (rc)
			break;
		r->obligations++;
		arena_reset(a);
		if (commit_every && r->obligations % commit_every == 0) {
			*open = 0;
			rc = work_commit(w, err);
			if (rc)
				break;
		}
	}
	if (!rc && *open)
		rc = waiting_settle(w, a, svc->now, r, err);
	arena_free(&a);
	return rc;
}

int service_tick(struct service *svc, struct tick_report *r, struct bt_error *err)
{
	struct work w;
	int rc, open = 0;

	memset(r, 0, sizeof(*r));
	r->a = arena_new();
	rc = run_due(svc, &w, &open, r, TICK_BATCH, err);
	if (open) {
		if (rc)
			work_abort(&w);
		else
			rc = work_commit(&w, err);
	}
	return rc;
}

int tick_catch_up(struct work *w, struct bt_error *err)
{
	struct tick_report r;
	int rc, open = 1;

	memset(&r, 0, sizeof(r));
	r.a = arena_new();
	rc = run_due(w->svc, w, &open, &r, 0, err);
	tick_report_release(&r);
	return rc;
}

void tick_report_release(struct tick_report *r)
{
	arena_free(&r->a);
	r->items = NULL;
	r->n = 0;
}
