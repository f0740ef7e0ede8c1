/* waiting.c - routing the leads that wait for their rotation; see waiting.h. */
#include "service/waiting.h"

#include <string.h>

#include "core/waiting.h"
#include "service/record.h"
#include "service/service.h"
#include "service/tick.h"
#include "service/work.h"
#include "util/arena.h"

/* The meta key of the last instant rotation `role` was tried for waiting leads, in a. */
static const char *tried_key(struct arena *a, int role)
{
	return arena_printf(a, "waiting.%s", role_name((enum role)role));
}

/* The reassignments behind lead l's waiting speed-to-lead obligation (0 if none); 0 or an error. */
static int waiting_reassigns(struct service *svc, struct arena *a, const struct lead *l, int *out, struct bt_error *err)
{
	struct obligation *obs;
	size_t n, i;
	int rc = store_obligations_open(svc->store, a, l->id, &obs, &n, err);

	*out = 0;
	for (i = 0; !rc && i < n; i++)
		if (obs[i].rule == OB_SPEED_TO_LEAD && !obs[i].owner)
			*out = obs[i].reassigns;
	return rc;
}

static void report(struct tick_report *r, const char *type, const struct lead *l, const struct intake_result *res,
		   int64_t at)
{
	struct tick_item *it;

	if (!r)
		return;
	it = arena_push(r->a, (void **)&r->items, &r->n, &r->cap, sizeof(*it));
	it->type = type;
	it->rule = "speed_to_lead";
	it->lead = l->id;
	it->rep = arena_strdup(r->a, res->owner);
	it->at = at;
	it->detail = res->why ? arena_strdup(r->a, res->why) : NULL;
}

/* Marks `at` as the last instant rotation `role` was tried (never moving it back). */
static int tried(struct work *w, struct arena *a, int role, int64_t at, struct bt_error *err)
{
	int64_t last = 0;
	int rc = store_cursor_get(w->svc->store, tried_key(a, role), &last, err);

	if (!rc && at > last)
		rc = store_cursor_set(w->svc->store, tried_key(a, role), at, err);
	return rc;
}

/* 1 if leads may wait for rotation `role`: the inbound pool's, or the outbound SDRs'. */
int waiting_settle(struct work *w, struct arena *a, int64_t at, struct tick_report *r, struct bt_error *err)
{
	struct service *svc = w->svc;
	const struct playbook *pb = svc->pb;
	int blocked[ROLE_COUNT] = {0}, seen[ROLE_COUNT] = {0};
	unsigned channels = 0;
	struct lead *leads = NULL;
	size_t n = 0, i;
	int64_t count, since;
	int rc = store_leads_waiting_count(svc->store, &count, &since, err), role;

	if (rc || count == 0 || since > at)
		return rc;
	/* the rotations leads wait for: nobody eligible in any, nothing to read */
	for (role = 0; !rc && role < ROLE_COUNT; role++) {
		if (!waiting_channels(pb, role))
			continue;
		rc = work_pool(w, role, NULL, NULL, NULL, err);
		seen[role] = 1;
		blocked[role] = !rc && !waiting_anyone(pb, role, w->pool[role], w->npool[role], at);
		if (!blocked[role])
			channels |= waiting_channels(pb, role);
	}
	if (!rc && channels)
		rc = store_leads_waiting(svc->store, a, at, (channels & WAITING_INBOUND) != 0,
					 (channels & WAITING_OUTBOUND) != 0, &leads, &n, err);
	for (i = 0; !rc && i < n; i++) {
		struct lead *l = &leads[i];
		struct intake_result res;
		int reassigns;

		role = intake_rotation(svc->pb, l, 0);
		if (role < 0 || blocked[role])
			continue;
		rc = work_pool(w, role, NULL, NULL, NULL, err);
		if (rc)
			break;
		seen[role] = 1;
		if (!waiting_anyone(svc->pb, role, w->pool[role], w->npool[role], at)) {
			blocked[role] = 1; /* nobody of this rotation now: the next lead neither */
			continue;
		}
		rc = waiting_reassigns(svc, a, l, &reassigns, err);
		if (rc)
			break;
		if (waiting_route(svc->pb, l, reassigns, w->pool[role], w->npool[role], &w->rotation[role], at, a,
				  &res))
			continue; /* not this lead (its territory waits): the others may still go */
		rc = service_record(svc, a, l, &res.d, 0, err);
		if (rc)
			break;
		work_assigned(w, role, &res);
		report(r, reassigns ? "reassign" : "assign", l, &res, at);
	}
	for (role = 0; !rc && role < ROLE_COUNT; role++)
		if (seen[role])
			rc = tried(w, a, role, at, err);
	return rc;
}

/* 1 if time alone may make a rep of rotation `role` eligible: its hours open (when the
 * rotation respects them), or one of its reps comes back from an absence. Loads the pool. */
static int time_opens(struct work *w, int role, int *out, struct bt_error *err)
{
	const struct pb_pool *in = &w->svc->pb->routing.inbound;
	size_t i;
	int rc = work_pool(w, role, NULL, NULL, NULL, err);

	*out = in->on && (int)in->role == role && in->respect_hours;
	for (i = 0; !rc && !*out && i < w->npool[role]; i++)
		*out = w->pool[role][i].naway > 0;
	return rc;
}

int waiting_next(struct work *w, struct arena *a, int64_t until, int64_t *out, struct bt_error *err)
{
	struct service *svc = w->svc;
	int opens[ROLE_COUNT] = {0}, any = 0, rc = 0, role;
	int64_t count, since;

	*out = -1;
	rc = store_leads_waiting_count(svc->store, &count, &since, err);
	if (rc || count == 0 || since > until)
		return rc;
	for (role = 0; !rc && role < ROLE_COUNT; role++)
		if (waiting_channels(svc->pb, role) && !(rc = time_opens(w, role, &opens[role], err)))
			any |= opens[role];
	if (rc || !any) /* only working hours and returns open by time alone */
		return rc;
	for (role = 0; !rc && role < ROLE_COUNT; role++) {
		int64_t last = 0, t;

		if (!opens[role])
			continue;
		rc = store_cursor_get(svc->store, tried_key(a, role), &last, err);
		/* from the last try, or (never tried) from just before the oldest lead began to wait */
		if (last < since - 1)
			last = since - 1;
		t = rc ? -1 : waiting_next_opening(svc->pb, role, w->pool[role], w->npool[role], last, until);
		if (t >= 0 && (*out < 0 || t < *out))
			*out = t;
	}
	return rc;
}
