/* intake.c - the intake use cases: new leads inside a unit of work whose routing pools serve
 * every lead of it (lead add is a work of one lead, lead import and the API's group commit
 * many), and restoring a filtered lead. The core decides (intake_decide, intake_route); this
 * file loads, records and notifies; see service/intake.h. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "service/intake.h"
#include "service/record.h"
#include "service/service.h"
#include "service/work.h"
#include "util/arena.h"

/* Tells the managers that lead l waits unassigned: the managers of the pool's reps, or every
 * manager when the pool names none; one outbox row each and one "notified" event. */
int intake_notify_unassigned(struct work *b, struct arena *a, const struct lead *l, int role, const char *why,
			     int64_t at, struct bt_error *err)
{
	struct store *s = b->svc->store;
	json_t *to = json_array(), *payload;
	struct event *ev;
	char *text;
	size_t i, j;
	int rc = 0;

	for (i = 0; role >= 0 && b->pool[role] && i < b->npool[role]; i++) {
		const char *m = b->pool[role][i].manager;
		int seen = 0;

		for (j = 0; m && j < json_array_size(to); j++)
			seen |= strcmp(json_string_value(json_array_get(to, j)), m) == 0;
		if (m && !seen)
			json_array_append_new(to, json_string(m));
	}
	if (json_array_size(to) == 0) {
		rc = work_managers(b, err);
		for (i = 0; !rc && i < b->nmanagers; i++)
			if (b->managers[i].active)
				json_array_append_new(to, json_string(b->managers[i].name));
	}
	payload = json_pack("{s:I, s:s, s:s}", "lead", (json_int_t)l->id, "email", l->email, "reason", why);
	text = json_dumps(payload, JSON_COMPACT);
	for (i = 0; !rc && i < json_array_size(to); i++)
		rc = store_outbox_add(s, at, "unassigned_lead", json_string_value(json_array_get(to, i)), l->id, text,
				      NULL, err);
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

/* Records a routing result: moves the cached cursor and counts, tells managers if needed. */
static int after_route(struct work *b, struct arena *a, const struct lead *l, int role, const struct intake_result *res,
		       struct bt_error *err)
{
	work_assigned(b, role, res);
	if (res->unassigned)
		return intake_notify_unassigned(b, a, l, role, res->why, b->svc->now, err);
	return 0;
}

int intake_add(struct work *b, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
	       struct bt_error *err)
{
	struct service *svc = b->svc;
	struct intake_req req = {0};
	struct intake_result res;
	struct account acc;
	struct lead existing, l;
	const char *named, *domain;
	int rc, role;

	memset(out, 0, sizeof(*out));
	rc = intake_validate(in, a, err);
	if (rc)
		return rc;
	req.lead = in;
	req.actor = actor;
	req.model = svc->model;
	rc = store_lead_by_email(svc->store, a, in->email, &existing, err);
	if (rc == 0)
		req.existing = &existing;
	else if (rc != -BT_NOT_FOUND)
		return rc;
	domain = intake_email_domain(in->email);
	if (!req.existing && domain && !intake_freemail(domain)) {
		rc = store_account_by_domain(svc->store, a, domain, &acc, err);
		if (rc == 0)
			req.account = &acc;
		else if (rc != -BT_NOT_FOUND)
			return rc;
	}
	role = intake_pool(svc->pb, in, req.account, &named);
	if (!req.existing && role >= 0) {
		rc = work_pool(b, role, err);
		if (rc)
			return rc;
		req.pool = b->pool[role];
		req.npool = b->npool[role];
		req.cursor = b->cursor[role];
	}
	rc = intake_decide(svc->pb, &req, svc->now, a, &res, err);
	if (rc)
		return rc;
	if (res.duplicate) {
		l = existing;
		rc = service_record(svc, a, &l, &res.d, 0, err);
	} else {
		lead_init(&l);
		rc = service_record(svc, a, &l, &res.d, 1, err);
		if (!rc && !res.filtered)
			rc = after_route(b, a, &l, role, &res, err);
	}
	if (rc)
		return rc;
	b->added++;
	out->lead = l.id;
	out->duplicate = res.duplicate;
	out->filtered = res.filtered;
	out->unassigned = res.unassigned;
	return 0;
}

int service_intake(struct service *svc, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
		   struct bt_error *err)
{
	struct work w;
	int rc = work_begin(&w, svc, 0, err);

	if (rc)
		return rc;
	rc = intake_add(&w, a, in, actor, out, err);
	if (rc) {
		work_abort(&w);
		return rc;
	}
	return work_commit(&w, err);
}

int service_restore(struct service *svc, struct arena *a, int64_t id, const char *by, struct lead *out,
		    struct bt_error *err)
{
	struct action_req act = {.action = ACT_RESTORE};
	struct intake_req req = {0};
	struct intake_result res;
	struct work b;
	struct decision d = {0};
	struct account acc;
	struct rep actor;
	const char *named;
	size_t i;
	int rc = work_begin(&b, svc, 0, err), role;

	if (rc)
		return rc;
	rc = store_lead_get(svc->store, a, id, out, err);
	if (!rc) {
		rc = store_rep_get(svc->store, a, by, &actor, err);
		if (rc == -BT_NOT_FOUND)
			rc = bt_fail(err, BT_NOT_FOUND, "by", 0, "--by %s: no rep named %s", by, by);
	}
	if (rc)
		goto fail;
	act.actor = &actor;
	act.reason = arena_printf(a, "restored by %s", by);
	rc = lifecycle_decide(svc->pb, out, &act, svc->now, a, &d, err);
	if (rc)
		goto fail;
	for (i = 0; i < d.n; i++)
		lead_apply(out, d.events[i], a);
	if (out->account && store_account_by_domain(svc->store, a, intake_email_domain(out->email), &acc, err) == 0)
		req.account = &acc;
	req.lead = out;
	role = intake_pool(svc->pb, out, req.account, &named);
	if (role >= 0) {
		rc = work_pool(&b, role, err);
		if (rc)
			goto fail;
		req.pool = b.pool[role];
		req.npool = b.npool[role];
		req.cursor = b.cursor[role];
	}
	memset(&res, 0, sizeof(res));
	intake_route(svc->pb, &req, svc->now, a, &res);
	rc = store_lead_get(svc->store, a, id, out, err); /* record from the stored state */
	for (i = 0; !rc && i < res.d.n; i++)
		decision_add(&d, a, res.d.events[i]);
	if (!rc)
		rc = service_record(svc, a, out, &d, 0, err);
	if (!rc)
		rc = after_route(&b, a, out, role, &res, err);
	if (rc)
		goto fail;
	return work_commit(&b, err);
fail:
	work_abort(&b);
	return rc;
}
