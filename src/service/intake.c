/* intake.c - the intake use cases: new leads inside a unit of work whose routing pools serve
 * every lead of it (lead add is a work of one lead, lead import and the API's group commit
 * many), and restoring a filtered lead. The core decides (intake_decide, intake_route); this
 * file loads, records and notifies; see service/intake.h. */
#include <string.h>

#include "service/intake.h"
#include "service/record.h"
#include "service/service.h"
#include "service/usecase.h"
#include "util/arena.h"

/* Records a routing result: keeps the rotation's new state and counts, tells managers if needed. */
static int after_route(struct work *b, struct arena *a, const struct lead *l, int role, const struct intake_result *res,
		       struct bt_error *err)
{
	work_assigned(b, role, res);
	if (res->unassigned)
		return record_unassigned(b, a, l, role, res->why, b->svc->now, err);
	return 0;
}

/* Loads the account of `domain` into *acc with whether its owner and SDR are away now (the
 * core sends the lead to the rotation then: intake_pool); 0, -BT_NOT_FOUND (no account) or a
 * storage failure. */
static int account_load(struct service *svc, struct arena *a, const char *domain, struct account *acc,
			struct bt_error *err)
{
	const char *who[2] = {NULL, NULL};
	int *away[2], i, rc = store_account_by_domain(svc->store, a, domain, acc, err);
	struct rep r;

	if (rc)
		return rc;
	who[0] = acc->owner;
	who[1] = acc->sdr;
	away[0] = &acc->owner_away;
	away[1] = &acc->sdr_away;
	acc->owner_away = acc->sdr_away = 0;
	for (i = 0; !rc && i < 2; i++) {
		if (!who[i])
			continue;
		rc = store_rep_get(svc->store, a, who[i], &r, err);
		*away[i] = rc == 0 && rep_away(&r, svc->now) != NULL;
		if (rc == -BT_NOT_FOUND) {
			bt_error_clear(err);
			rc = 0;
		}
	}
	return rc;
}

int intake_load(struct work *b, struct arena *a, struct lead *in, const char *actor, int new_only,
		struct intake_item *it, struct bt_error *err)
{
	struct service *svc = b->svc;
	const char *named, *domain;
	int rc;

	memset(it, 0, sizeof(*it));
	it->role = -1;
	rc = intake_validate(in, a, err);
	if (rc)
		return rc;
	it->req.lead = in;
	it->req.actor = actor;
	it->req.model = svc->model;
	/* new_only: loaded as a new lead, which intake_hold_new checks (nothing read, nor locked) */
	rc = new_only ? -BT_NOT_FOUND : store_lead_by_email(svc->store, a, in->email, &it->existing, err);
	if (rc == 0)
		it->req.existing = &it->existing;
	else if (rc != -BT_NOT_FOUND)
		return rc;
	domain = intake_email_domain(in->email);
	if (!it->req.existing && domain && !intake_freemail(domain)) {
		rc = account_load(svc, a, domain, &it->acc, err);
		if (rc == 0)
			it->req.account = &it->acc;
		else if (rc != -BT_NOT_FOUND)
			return rc;
	}
	it->role = intake_pool(svc->pb, in, it->req.account, &named);
	return 0;
}

int intake_hold_new(struct work *w, struct arena *a, struct intake_item *const *items, size_t n, struct bt_error *err)
{
	const char **emails = arena_alloc(a, (n ? n : 1) * sizeof(*emails));
	int *known = arena_alloc(a, (n ? n : 1) * sizeof(*known));
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		emails[i] = items[i]->req.lead->email;
	rc = store_hold_new(w->svc->store, emails, n, known, err);
	for (i = 0; !rc && i < n; i++)
		items[i]->known = known[i];
	return rc;
}

int intake_rotation_of(const struct intake_item *it)
{
	return it->req.existing ? -1 : it->role;
}

int intake_choose(struct work *b, struct arena *a, struct intake_item *it, struct bt_error *err)
{
	int rc, role = intake_rotation_of(it);

	if (role >= 0) {
		rc = work_pool(b, role, &it->req.pool, &it->req.npool, &it->req.rotation, err);
		if (rc)
			return rc;
	}
	rc = intake_decide(b->svc->pb, &it->req, b->svc->now, a, &it->res, err);
	if (!rc && !it->res.duplicate && !it->res.filtered)
		work_assigned(b, it->role, &it->res);
	return rc;
}

int intake_record(struct work *b, struct arena *a, struct intake_item *it, struct intake_outcome *out,
		  struct bt_error *err)
{
	struct service *svc = b->svc;
	struct lead l;
	int rc;

	memset(out, 0, sizeof(*out));
	if (it->res.duplicate) {
		l = it->existing;
		rc = service_record(svc, a, &l, &it->res.d, 0, err);
	} else {
		lead_init(&l);
		rc = service_record(svc, a, &l, &it->res.d, 1, err);
		if (!rc && !it->res.filtered && it->res.unassigned)
			rc = record_unassigned(b, a, &l, it->role, it->res.why, svc->now, err);
	}
	if (rc)
		return rc;
	b->added++;
	out->lead = l.id;
	out->duplicate = it->res.duplicate;
	out->filtered = it->res.filtered;
	out->unassigned = it->res.unassigned;
	return 0;
}

int intake_add(struct work *b, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
	       struct bt_error *err)
{
	struct intake_item it;
	int rc = intake_load(b, a, in, actor, 0, &it, err);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = intake_choose(b, a, &it, err);
	if (!rc)
		rc = intake_record(b, a, &it, out, err);
	return rc;
}

int service_intake(struct service *svc, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
		   struct bt_error *err)
{
	struct work w;
	int rc = usecase_begin(&w, svc, err);

	if (!rc)
		rc = intake_add(&w, a, in, actor, out, err);
	return work_end(&w, rc, err);
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
	int rc = usecase_begin(&b, svc, err), role;

	if (rc)
		return rc;
	rc = store_lead_get(svc->store, a, id, out, err);
	if (!rc) {
		rc = store_rep_get(svc->store, a, by, &actor, err);
		if (rc == -BT_NOT_FOUND)
			rc = bt_fail(err, BT_NOT_FOUND, "by", 0, "--by %s: no rep named %s", by, by);
	}
	if (rc)
		goto done;
	act.actor = &actor;
	act.reason = arena_printf(a, "restored by %s", by);
	rc = lifecycle_decide(svc->pb, out, &act, svc->now, a, &d, err);
	if (rc)
		goto done;
	for (i = 0; i < d.n; i++)
		lead_apply(out, d.events[i], a);
	if (out->account && account_load(svc, a, intake_email_domain(out->email), &acc, err) == 0)
		req.account = &acc;
	req.lead = out;
	role = intake_pool(svc->pb, out, req.account, &named);
	if (role >= 0) {
		rc = work_pool(&b, role, &req.pool, &req.npool, &req.rotation, err);
		if (rc)
			goto done;
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
done:
	return work_end(&b, rc, err);
}
