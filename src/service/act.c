/* act.c - the lifecycle actions of SPEC section 3 (touch, qualify, handoff, accept, reject,
 * nurture, disqualify, close, live) and a manager's hand (lead assign, SPEC 8.3) as one use
 * case: it loads the lead, the acting rep, the manager of the owner, the rep assigned, the AE
 * or CSM routing picks (route_handoff, route_customer), lets
 * lifecycle_decide() decide, books the handoff's meeting, frees the AE's calendar when the
 * opportunity ends, records and tells the receiving AE; an expansion (SPEC 8.12) opens the
 * customer's upsell as a lead of its own handed to the AE, and when it is won grows the
 * customer's annual value; see act.h. */
#include "service/act.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/intake.h"
#include "service/meeting.h"
#include "service/notify.h"
#include "service/record.h"
#include "service/service.h"
#include "service/usecase.h"
#include "service/waiting.h"
#include "util/arena.h"

/* Loads the AEs and their rotation and lets the core pick the AE for a handoff from `sdr`
 * (routing.handoff: to, then fallback); req->to stays NULL when nobody fits. */
static int route_handoff_load(struct service *svc, struct arena *a, const struct lead *l, const struct rep *sdr,
			      struct action_req *req, struct bt_error *err)
{
	struct route_pick pick;
	struct rep *aes;
	size_t n;
	int64_t cursor;
	int rc;

	if (!svc->pb->routing.handoff_on)
		return 0; /* lifecycle refuses: no AE named */
	rc = store_rep_list(svc->store, a, ROLE_AE, &aes, &n, err);
	if (!rc)
		rc = store_cursor_get(svc->store, service_cursor_key(a, ROLE_AE), &cursor, err);
	if (rc)
		return rc;
	if (route_handoff(svc->pb, l, sdr, aes, n, cursor, svc->now, a, &pick) == 0) {
		req->to = pick.rep;
		req->to_reason = arena_strdup(a, pick.why);
	}
	return 0;
}

/* The receiving AE (and its systems) hear of the handoff of lead l by `by` (notify.on.handoff). */
static int notify_handoff(struct service *svc, const struct lead *l, const char *ae, const char *by,
			  const char *meeting_start, struct bt_error *err)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s?}", "lead", (json_int_t)l->id, "ae", ae, "by", by, "meeting_start",
			      meeting_start);
	char *text = json_dumps(j, JSON_COMPACT);
	int rc = notify_add(svc, &(struct notice){"handoff", ae, l->id, text, svc->now, 0}, err);

	free(text);
	json_decref(j);
	return rc;
}

/* A free address for the k-th expansion of customer c: its email with "+expansion<k>" after
 * the local part (leads' emails are unique); in a. */
static int expansion_email(struct service *svc, struct arena *a, const struct lead *c, const char **out,
			   struct bt_error *err)
{
	const char *at = strchr(c->email, '@');
	struct lead seen;
	int k, rc;

	for (k = 1; k < 10000; k++) {
		*out = arena_printf(a, "%.*s+expansion%d%s", (int)(at ? at - c->email : (long)strlen(c->email)),
				    c->email, k, at ? at : "");
		rc = store_lead_by_email(svc->store, a, *out, &seen, err);
		if (rc == -BT_NOT_FOUND)
			return 0;
		if (rc)
			return rc;
	}
	return bt_fail(err, BT_REFUSED, "email", 0, "customer %lld has too many expansions", (long long)c->id);
}

/* expand (SPEC 8.12): the opportunity of customer c that req hands to req->to, a lead of its
 * own (its "parent" c, the customer's fields and qualification, source expansion) created in
 * the CSM's hands and handed off as any handoff, its amount the AE's estimate. Sets *out to it
 * and names it on the customer's `expansion` event (d's). */
static int expand_open(struct service *svc, struct arena *a, const struct lead *c, const struct action_req *req,
		       struct decision *d, struct lead *out, struct bt_error *err)
{
	struct action_req h = *req;
	struct decision cd = {0}, hd = {0};
	struct lead o = *c;
	struct event *ev;
	size_t i;
	int rc = expansion_email(svc, a, c, &o.email, err);

	if (rc)
		return rc;
	o.id = 0;
	o.parent = c->id;
	o.source = "expansion";
	intake_created(&o, svc->now, req->actor->name, a, &cd);
	event_set_stage(cd.events[0], -1, STAGE_WORKING); /* the CSM found the work: no speed to lead */
	ev = event_new(a, EV_ASSIGNED, svc->now, 0, "system");
	event_put_str(ev, a, "owner", c->owner);
	event_put_str(ev, a, "routing", "the customer's CSM");
	decision_add(&cd, a, ev);
	if (c->answers.n) { /* the customer's qualification goes with its expansion */
		ev = event_new(a, EV_QUALIFY, svc->now, 0, req->actor->name);
		for (i = 0; i < c->answers.n; i++)
			event_put_str(ev, a, arena_printf(a, "answers.%s", c->answers.items[i].key),
				      c->answers.items[i].value);
		decision_add(&cd, a, ev);
	}
	lead_init(out);
	rc = service_record(svc, a, out, &cd, 1, err);
	h.action = ACT_HANDOFF;
	h.to_reason = "named by the CSM who expanded the customer";
	if (!rc)
		rc = lifecycle_decide(svc->pb, out, &h, svc->now, a, &hd, err);
	if (!rc)
		rc = service_record(svc, a, out, &hd, 0, err);
	if (!rc)
		rc = notify_handoff(svc, out, req->to->name, req->actor->name, NULL, err);
	if (!rc)
		event_put_int(d->events[0], a, "opportunity", out->id);
	return rc;
}

/* An expansion `won` closed won: its customer's annual value grows by its amount (an
 * `expanded` event on the customer), unless the customer churned meanwhile. */
static int expand_won(struct service *svc, struct arena *a, const struct lead *won, struct bt_error *err)
{
	struct decision d = {0};
	struct lead c;
	struct event *ev;
	int rc = store_lead_get(svc->store, a, won->parent, &c, err);

	if (rc || !(ev = lifecycle_expanded(&c, won, won->owner, svc->now, a)))
		return rc;
	decision_add(&d, a, ev);
	return service_record(svc, a, &c, &d, 0, err);
}

/* expand's input (SPEC 8.12): the AE named `to` (loaded into *target), a note of its own (what
 * the upsell is), and the customer c's handoff notes where the expand gives no value of the key,
 * so that the playbook's required notes are asked of what the AE will read. */
static int expand_prepare(struct service *svc, struct arena *a, const struct lead *c, const char *to,
			  struct rep *target, struct action_req *req, struct bt_error *err)
{
	size_t i;
	int rc;

	if (!req->notes.n)
		return bt_fail(err, BT_USAGE, "notes", 0,
			       "expand: --note key=value is required (what the upsell is, e.g. summary=...)");
	for (i = 0; i < c->notes.n; i++)
		if (!kv_get(&req->notes, c->notes.items[i].key))
			kv_set(&req->notes, a, c->notes.items[i].key, c->notes.items[i].value);
	if (!to)
		return 0; /* the core refuses: no AE named */
	rc = store_rep_get(svc->store, a, to, target, err);
	if (rc == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "to", 0, "to: no rep named %s", to);
	req->to = target;
	return rc;
}

int service_act(struct service *svc, struct arena *a, int64_t id, const char *by, const char *to,
		struct action_req *req, struct lead *out, struct bt_error *err)
{
	struct work w;
	struct decision d = {0};
	struct rep actor, target, *csms;
	size_t ncsm, i;
	int rc = usecase_begin(&w, svc, err);

	if (rc)
		return rc;
	rc = store_lead_get(svc->store, a, id, out, err);
	if (!rc && by) {
		rc = store_rep_get(svc->store, a, by, &actor, err);
		if (rc == -BT_NOT_FOUND)
			rc = bt_fail(err, BT_NOT_FOUND, "by", 0, "--by %s: no rep named %s", by, by);
		req->actor = &actor;
	}
	if (rc)
		goto done;
	if (by && actor.role == ROLE_MANAGER && (rc = service_manager_of(svc, a, out->owner, &req->owner_manager, err)))
		goto done;
	if (req->action == ACT_EXPAND) {
		rc = expand_prepare(svc, a, out, to, &target, req, err);
	} else if (req->action == ACT_HANDOFF) {
		if (to) {
			rc = store_rep_get(svc->store, a, to, &target, err);
			if (rc == -BT_NOT_FOUND)
				rc = bt_fail(err, BT_NOT_FOUND, "to", 0, "to: no rep named %s", to);
			req->to = &target;
			req->to_reason = "named by the rep who handed off";
		} else if (lifecycle_can(ACT_HANDOFF, out->stage)) {
			rc = route_handoff_load(svc, a, out, &actor, req, err);
		}
	} else if (req->action == ACT_ASSIGN && to) { /* a manager's hand: the new owner (SPEC 8.3) */
		rc = store_rep_get(svc->store, a, to, &target, err);
		if (rc == -BT_NOT_FOUND)
			rc = bt_fail(err, BT_NOT_FOUND, "to", 0, "to: no rep named %s", to);
		req->to = &target;
	} else if (req->action == ACT_LIVE && svc->pb->routing.customers.on &&
		   svc->pb->routing.customers.after == STAGE_LIVE) {
		int64_t cursor;
		struct route_pick pick;

		rc = store_rep_list(svc->store, a, (int)svc->pb->routing.customers.role, &csms, &ncsm, err);
		if (!rc)
			rc = store_cursor_get(svc->store, service_cursor_key(a, (int)svc->pb->routing.customers.role),
					      &cursor, err);
		if (!rc && route_customer(svc->pb, csms, ncsm, cursor, svc->now, &pick) == 0) {
			req->csm = pick.rep;
			req->csm_reason = arena_strdup(a, pick.why);
		}
	}
	if (!rc)
		rc = lifecycle_decide(svc->pb, out, req, svc->now, a, &d, err);
	if (rc)
		goto done;
	for (i = 0; i < d.n; i++) {
		if (req->action == ACT_HANDOFF && req->meeting_start && d.events[i]->type == EV_HANDOFF) {
			struct meeting m = {0};

			m.lead = out->id;
			m.ae = req->to->name;
			m.booked_by = actor.name;
			m.start = req->meeting_start;
			m.minutes = req->meeting_minutes;
			rc = service_book(svc, a, req->to, &m, 0, err);
			if (!rc)
				event_put_int(d.events[i], a, "meeting", m.id);
			if (rc)
				goto done;
		}
	}
	if (lifecycle_frees_calendar(req->action)) {
		int64_t cancelled = 0;

		/* the AE's calendar is freed when the opportunity ends */
		rc = store_meetings_cancel(svc->store, out->id, &cancelled, err);
		if (rc)
			goto done;
		if (cancelled)
			event_put_int(d.events[d.n - 1], a, "meetings_cancelled", cancelled);
	}
	if (req->action == ACT_EXPAND) {
		struct lead opp;

		rc = expand_open(svc, a, out, req, &d, &opp, err);
		if (!rc)
			rc = service_record(svc, a, out, &d, 0, err);
		if (!rc)
			*out = opp; /* what the command shows: the opportunity */
	} else {
		rc = service_record(svc, a, out, &d, 0, err);
	}
	if (!rc && req->action == ACT_HANDOFF)
		rc = notify_handoff(svc, out, req->to->name, actor.name,
				    event_get_str(d.events[d.n - 1], "meeting_start"), err);
	if (!rc && req->action == ACT_WIN && out->parent)
		rc = expand_won(svc, a, out, err);
	if (!rc && req->action == ACT_HANDOFF && req->to && !to)
		rc = store_cursor_set(svc->store, service_cursor_key(a, ROLE_AE), req->to->id, err);
	if (!rc && req->csm)
		rc = store_cursor_set(svc->store, service_cursor_key(a, (int)svc->pb->routing.customers.role),
				      req->csm->id, err);
	/* the lead leaving its owner's open work may free capacity for a waiting one (SPEC 8.1) */
	if (!rc)
		rc = waiting_settle(&w, a, svc->now, NULL, err);
done:
	return work_end(&w, rc, err);
}
