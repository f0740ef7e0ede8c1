/* service.c - the use cases; see service.h. Each write runs in one transaction: begin, load,
 * decide (core), apply events to the lead (lead_apply), append events, write state, commit. */
#include "service/work.h"
#include "service/service.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/fit.h"
#include "core/meeting.h"
#include "core/tz.h"
#include "io/model_json.h"
#include "util/arena.h"
#include "service/meeting.h"
#include "service/record.h"

/* Loads the playbook in force (and the latest fit model when the playbook uses one). */
static int load_playbook(struct service *svc, struct bt_error *err)
{
	struct arena *a = arena_new();
	const char *text = NULL;
	int rc = store_playbook_current(svc->store, a, &text, &svc->pb_version, err);

	if (!rc) {
		svc->pb = playbook_parse(text, strlen(text), "stored playbook", err, NULL);
		if (!svc->pb)
			rc = bt_fail(err, BT_STORAGE, "playbook", err->line, "the stored playbook does not parse: %s",
				     err->message);
	}
	if (!rc && svc->pb->fit.on && svc->pb->fit.model_use != PB_MODEL_OFF) {
		const char *data;
		int64_t version;

		rc = store_model_current(svc->store, a, &data, &version, err);
		if (rc == -BT_NOT_FOUND) {
			rc = 0;
		} else if (!rc) {
			svc->model = fit_model_from_json(data, err);
			if (!svc->model)
				rc = bt_fail(err, BT_STORAGE, "model", 0, "stored fit model %lld is unreadable: %s",
					     (long long)version, err->message);
			else
				svc->model->version = version;
		}
	}
	arena_free(&a);
	return rc;
}

int service_open(struct service *svc, const char *url, int64_t now, struct bt_error *err)
{
	int rc;

	memset(svc, 0, sizeof(*svc));
	svc->now = now;
	rc = store_open(url, 0, &svc->store, err);
	if (!rc)
		rc = load_playbook(svc, err);
	if (rc)
		service_close(svc);
	return rc;
}

int service_refresh(struct service *svc, struct bt_error *err)
{
	int64_t version = 0, model = 0;
	int rc = store_versions(svc->store, &version, &model, err);
	int uses_model = svc->pb->fit.on && svc->pb->fit.model_use != PB_MODEL_OFF;

	/* a playbook applied, or a model trained, by another process since */
	if (rc || (version == svc->pb_version && (!uses_model || model == (svc->model ? svc->model->version : 0))))
		return rc;
	playbook_free(&svc->pb);
	fit_model_free(&svc->model);
	return load_playbook(svc, err);
}

void service_close(struct service *svc)
{
	store_close(&svc->store);
	playbook_free(&svc->pb);
	fit_model_free(&svc->model);
}

int service_init(struct service *svc, const char *url, const char *text, const char *name, int64_t now,
		 struct bt_error *err)
{
	struct work w;
	struct arena *a = arena_new();
	const char *old = NULL;
	int64_t version = 0;
	int rc;

	memset(svc, 0, sizeof(*svc));
	svc->now = now;
	if (!text)
		text = playbook_default_yaml();
	svc->pb = playbook_parse(text, strlen(text), name ? name : "default playbook", err, NULL);
	if (!svc->pb) {
		rc = -(int)err->code;
		goto done;
	}
	rc = store_open(url, 1, &svc->store, err);
	if (rc)
		goto done;
	rc = work_begin(&w, svc, WORK_NO_CATCH_UP, err);
	if (rc)
		goto done;
	if (store_playbook_current(svc->store, a, &old, &version, err) == 0) {
		work_abort(&w);
		rc = bt_fail(err, BT_REFUSED, "db", 0, "%s is already a baton store (playbook version %lld)", url,
			     (long long)version);
		goto done;
	}
	rc = store_playbook_put(svc->store, text, now, "admin", &svc->pb_version, err);
	if (!rc)
		rc = work_commit(&w, err);
	if (rc)
		work_abort(&w);
done:
	arena_free(&a);
	if (rc)
		service_close(svc);
	return rc;
}

int service_playbook_apply(struct service *svc, const char *text, const char *name, int64_t *version,
			   struct bt_error *err)
{
	struct work w;
	struct playbook *pb = playbook_parse(text, strlen(text), name, err, NULL);
	int rc;

	if (!pb)
		return -(int)err->code;
	rc = work_begin(&w, svc, 0, err); /* what was due runs under the old playbook */
	if (rc) {
		playbook_free(&pb);
		return rc;
	}
	rc = store_playbook_put(svc->store, text, svc->now, "admin", version, err);
	if (!rc)
		rc = work_commit(&w, err);
	if (rc) {
		work_abort(&w);
		playbook_free(&pb);
		return rc;
	}
	playbook_free(&svc->pb);
	svc->pb = pb;
	svc->pb_version = *version;
	return 0;
}

/* Appends an org-level event (no lead) inside the open transaction. */
static int org_event(struct service *svc, enum event_type type, const char *key, const char *val, struct bt_error *err)
{
	struct arena *a = arena_new();
	struct event *ev = event_new(a, type, svc->now, 0, "admin");
	int rc;

	event_put_str(ev, a, key, val);
	rc = store_event_append(svc->store, ev, err);
	arena_free(&a);
	return rc;
}

/* Checks that the rep named `name` exists and has one of the roles in `mask` (bit per role). */
static int check_rep_role(struct service *svc, const char *name, unsigned mask, const char *field, const char *what,
			  struct bt_error *err)
{
	struct arena *a = arena_new();
	struct rep r;
	int rc = store_rep_get(svc->store, a, name, &r, err);

	if (rc == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, field, 0, "--%s %s: no rep named %s", field, name, name);
	else if (!rc && !(mask & (1u << r.role)))
		rc = bt_fail(err, BT_BAD_INPUT, field, 0, "--%s %s: %s is a %s rep, not %s", field, name, name,
			     role_name(r.role), what);
	else if (!rc && !r.active)
		rc = bt_fail(err, BT_REFUSED, field, 0, "--%s %s: %s is inactive", field, name, name);
	arena_free(&a);
	return rc;
}

int service_rep_add(struct service *svc, struct rep *r, struct bt_error *err)
{
	struct work w;
	int rc = work_begin(&w, svc, 0, err);

	if (rc)
		return rc;
	if (r->manager)
		rc = check_rep_role(svc, r->manager, 1u << ROLE_MANAGER, "manager", "a manager", err);
	r->created_at = svc->now;
	if (!rc)
		rc = store_rep_add(svc->store, r, err);
	if (!rc)
		rc = org_event(svc, EV_REP_ADDED, "rep", r->name, err);
	if (!rc)
		rc = work_commit(&w, err);
	if (rc)
		work_abort(&w);
	return rc;
}

int service_rep_set(struct service *svc, struct rep *r, const char *changed, struct bt_error *err)
{
	struct work w;
	int rc = work_begin(&w, svc, 0, err);

	if (rc)
		return rc;
	if (r->manager)
		rc = check_rep_role(svc, r->manager, 1u << ROLE_MANAGER, "manager", "a manager", err);
	if (!rc)
		rc = store_rep_update(svc->store, r, err);
	if (!rc) {
		struct arena *a = arena_new();
		struct event *ev = event_new(a, EV_REP_UPDATED, svc->now, 0, "admin");

		event_put_str(ev, a, "rep", r->name);
		event_put_str(ev, a, "changed", changed);
		rc = store_event_append(svc->store, ev, err);
		arena_free(&a);
	}
	if (!rc)
		rc = work_commit(&w, err);
	if (rc)
		work_abort(&w);
	return rc;
}

int service_account_add(struct service *svc, struct account *acc, struct bt_error *err)
{
	struct work w;
	int rc = work_begin(&w, svc, 0, err);

	if (rc)
		return rc;
	if (acc->owner)
		rc = check_rep_role(svc, acc->owner, 1u << ROLE_AE | 1u << ROLE_CSM, "owner", "an AE or CSM", err);
	if (!rc && acc->sdr)
		rc = check_rep_role(svc, acc->sdr, 1u << ROLE_SDR | 1u << ROLE_MRR, "sdr", "an SDR", err);
	acc->created_at = svc->now;
	if (!rc)
		rc = store_account_add(svc->store, acc, err);
	if (!rc)
		rc = org_event(svc, EV_ACCOUNT_ADDED, "domain", acc->domain, err);
	if (!rc)
		rc = work_commit(&w, err);
	if (rc)
		work_abort(&w);
	return rc;
}

const char *service_cursor_key(struct arena *a, int role)
{
	return arena_printf(a, "rotation.%s", role_name((enum role)role));
}

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

int service_manager_of(struct service *svc, struct arena *a, const char *name, const char **boss, struct bt_error *err)
{
	struct rep r;
	int rc;

	*boss = NULL;
	if (!name)
		return 0;
	rc = store_rep_get(svc->store, a, name, &r, err);
	if (rc == -BT_NOT_FOUND) { /* not a rep (any more): nobody's team */
		bt_error_clear(err);
		return 0;
	}
	if (!rc)
		*boss = r.manager;
	return rc;
}

int service_act(struct service *svc, struct arena *a, int64_t id, const char *by, const char *to,
		struct action_req *req, struct lead *out, struct bt_error *err)
{
	struct work w;
	struct decision d = {0};
	struct rep actor, target, *csms;
	size_t ncsm, i;
	int rc = work_begin(&w, svc, 0, err);

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
				rc = bt_fail(err, BT_NOT_FOUND, "to", 0, "--to %s: no rep named %s", to, to);
			req->to = &target;
			req->to_reason = "named by the rep who handed off";
		} else if (lifecycle_can(ACT_HANDOFF, out->stage)) {
			rc = route_handoff_load(svc, a, out, &actor, req, err);
		}
	} else if (req->action == ACT_LIVE && svc->pb->routing.customers.on &&
		   svc->pb->routing.customers.after == STAGE_LIVE) {
		int64_t cursor;
		struct route_pick pick;

		rc = store_rep_list(svc->store, a, (int)svc->pb->routing.customers.role, &csms, &ncsm, err);
		if (!rc)
			rc = store_cursor_get(svc->store, service_cursor_key(a, (int)svc->pb->routing.customers.role), &cursor, err);
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
		rc = store_cursor_set(svc->store, service_cursor_key(a, (int)svc->pb->routing.customers.role), req->csm->id, err);
	if (!rc)
		rc = work_commit(&w, err);
done:
	if (rc)
		work_abort(&w);
	return rc;
}
