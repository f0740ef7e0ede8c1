/* intake.c - the intake use cases: a batch of new leads in one transaction with the routing
 * pools cached (lead add is a batch of one, lead import many), and restoring a filtered lead.
 * The core decides (intake_decide, intake_route); this file loads, records and notifies. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "service/service.h"
#include "util/arena.h"

int intake_batch_begin(struct service *svc, struct intake_batch *b, struct bt_error *err)
{
	int rc;

	memset(b, 0, sizeof(*b));
	b->svc = svc;
	rc = store_begin(svc->store, err);
	if (rc)
		return rc;
	b->a = arena_new();
	if (!svc->in_tick && (rc = service_catch_up(svc, err))) {
		intake_batch_abort(b);
		return rc;
	}
	return 0;
}

void intake_batch_attach(struct service *svc, struct intake_batch *b)
{
	memset(b, 0, sizeof(*b));
	b->svc = svc;
	b->a = arena_new();
}

int intake_batch_detach(struct intake_batch *b, struct bt_error *err)
{
	int role, rc = 0;

	for (role = 0; !rc && role < ROLE_COUNT; role++)
		if (b->moved[role])
			rc = store_cursor_set(b->svc->store, service_cursor_key(b->a, role), b->cursor[role], err);
	arena_free(&b->a);
	b->svc = NULL;
	return rc;
}

void intake_batch_release(struct intake_batch *b, const char *name)
{
	size_t i;
	int role;

	for (role = 0; name && role < ROLE_COUNT; role++)
		for (i = 0; b->pool[role] && i < b->npool[role]; i++)
			if (strcmp(b->pool[role][i].name, name) == 0 && b->pool[role][i].open_leads > 0)
				b->pool[role][i].open_leads--;
}

void intake_batch_abort(struct intake_batch *b)
{
	if (b->svc)
		store_rollback(b->svc->store);
	arena_free(&b->a);
	b->svc = NULL;
}

int intake_batch_commit(struct intake_batch *b, struct bt_error *err)
{
	int role, rc = 0;

	for (role = 0; !rc && role < ROLE_COUNT; role++)
		if (b->moved[role])
			rc = store_cursor_set(b->svc->store, service_cursor_key(b->a, role), b->cursor[role], err);
	if (!rc)
		rc = store_commit(b->svc->store, err);
	if (rc) {
		intake_batch_abort(b);
		return rc;
	}
	arena_free(&b->a);
	b->svc = NULL;
	return 0;
}

int intake_batch_pool(struct intake_batch *b, int role, struct bt_error *err)
{
	int rc;

	if (b->loaded[role])
		return 0;
	/* the cursor first: on PostgreSQL reading it locks the rotation until commit, so the open
	 * leads counted next already include every lead another server routed before */
	rc = store_cursor_get(b->svc->store, service_cursor_key(b->a, role), &b->cursor[role], err);
	if (!rc)
		rc = store_rep_list(b->svc->store, b->a, role, &b->pool[role], &b->npool[role], err);
	b->loaded[role] = rc == 0;
	return rc;
}

/* Counts a new open lead for rep `name` in every cached pool (capacity stays exact). */
static void count_open(struct intake_batch *b, const char *name)
{
	size_t i;
	int role;

	for (role = 0; role < ROLE_COUNT; role++)
		for (i = 0; b->pool[role] && i < b->npool[role]; i++)
			if (strcmp(b->pool[role][i].name, name) == 0)
				b->pool[role][i].open_leads++;
}

/* Tells the managers that lead l waits unassigned: the managers of the pool's reps, or every
 * manager when the pool names none; one outbox row each and one "notified" event. */
int intake_batch_notify_unassigned(struct intake_batch *b, struct arena *a, const struct lead *l, int role,
				   const char *why, int64_t at, struct bt_error *err)
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
		if (!b->managers_loaded) {
			rc = store_rep_list(s, b->a, ROLE_MANAGER, &b->managers, &b->nmanagers, err);
			b->managers_loaded = 1;
		}
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

void intake_batch_assigned(struct intake_batch *b, int role, const struct intake_result *res)
{
	if (res->moved_cursor && role >= 0) {
		b->cursor[role] = res->new_cursor;
		b->moved[role] = 1;
	}
	if (res->owner)
		count_open(b, res->owner);
}

/* Records a routing result: moves the cached cursor and counts, tells managers if needed. */
static int after_route(struct intake_batch *b, struct arena *a, const struct lead *l, int role,
		       const struct intake_result *res, struct bt_error *err)
{
	intake_batch_assigned(b, role, res);
	if (res->unassigned)
		return intake_batch_notify_unassigned(b, a, l, role, res->why, b->svc->now, err);
	return 0;
}

int intake_batch_add(struct intake_batch *b, struct arena *a, struct lead *in, const char *actor,
		     struct intake_outcome *out, struct bt_error *err)
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
		rc = intake_batch_pool(b, role, err);
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
	struct intake_batch b;
	int rc = intake_batch_begin(svc, &b, err);

	if (rc)
		return rc;
	rc = intake_batch_add(&b, a, in, actor, out, err);
	if (rc) {
		intake_batch_abort(&b);
		return rc;
	}
	return intake_batch_commit(&b, err);
}

int service_restore(struct service *svc, struct arena *a, int64_t id, const char *by, struct lead *out,
		    struct bt_error *err)
{
	struct action_req act = {.action = ACT_RESTORE};
	struct intake_req req = {0};
	struct intake_result res;
	struct intake_batch b;
	struct decision d = {0};
	struct account acc;
	struct rep actor;
	const char *named;
	size_t i;
	int rc = intake_batch_begin(svc, &b, err), role;

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
		rc = intake_batch_pool(&b, role, err);
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
	return intake_batch_commit(&b, err);
fail:
	intake_batch_abort(&b);
	return rc;
}
