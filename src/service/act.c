/* act.c - the lifecycle actions of SPEC section 3 (touch, qualify, handoff, accept, reject,
 * nurture, disqualify, close, live) and a manager's hand (lead assign, SPEC 8.3) as one use
 * case: it loads the lead, the acting rep, the manager of the owner, the rep assigned, the AE
 * or CSM routing picks (route_handoff, route_customer), lets
 * lifecycle_decide() decide, books the handoff's meeting, frees the AE's calendar when the
 * opportunity ends, records and tells the receiving AE; see act.h. */
#include "service/act.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "service/meeting.h"
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
	if (req->action == ACT_HANDOFF) {
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
	rc = service_record(svc, a, out, &d, 0, err);
	if (!rc && req->action == ACT_HANDOFF) {
		/* the receiving AE (and its systems) hear of the handoff through the webhook */
		json_t *j = json_pack("{s:I, s:s, s:s, s:s?}", "lead", (json_int_t)out->id, "ae", req->to->name, "by",
				      actor.name, "meeting_start", event_get_str(d.events[d.n - 1], "meeting_start"));
		char *text = json_dumps(j, JSON_COMPACT);

		rc = store_outbox_add(svc->store, svc->now, "handoff", req->to->name, out->id, text, NULL, err);
		free(text);
		json_decref(j);
	}
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
