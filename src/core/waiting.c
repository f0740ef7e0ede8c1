/* waiting.c - routing the leads that wait for their rotation; see waiting.h. */
#include "core/waiting.h"

#include <string.h>

#include "core/absence.h"
#include "core/bizclock.h"
#include "util/arena.h"

/* How rotation `role` treats hours and capacity: the inbound pool as the playbook says, any
 * other rotation (outbound SDRs) capacity only, as intake_route() does. */
static void rotation_rules(const struct playbook *pb, int role, int *hours, int *capacity)
{
	const struct pb_pool *in = &pb->routing.inbound;
	int inbound = in->on && (int)in->role == role;

	*hours = inbound ? in->respect_hours : 0;
	*capacity = inbound ? in->respect_capacity : 1;
}

/* The first instant in (after, until] at which rep r becomes eligible by time alone: an opening
 * of its working hours (when the rotation respects them) outside its absences, or the end of an
 * absence when it then works; -1 if none. */
static int64_t rep_opening(const struct playbook *pb, const struct rep *r, int hours, int64_t after, int64_t until)
{
	const struct absence *ab;
	int64_t best = -1, t;
	struct bizclock bc;
	size_t i;

	if (hours) {
		bizclock_init(&bc, pb, NULL, r); /* the rep's own calendar (SPEC 8.4) */
		t = bizclock_next_start(&bc, after);
		/* an opening inside an absence is none: the next one after it */
		while (t != BIZCLOCK_NEVER && t <= until && (ab = rep_away(r, t)) != NULL)
			t = bizclock_next_start(&bc, ab->finish - 1);
		if (t != BIZCLOCK_NEVER && t <= until)
			best = t;
	}
	for (i = 0; i < r->naway; i++) {
		t = r->away[i].finish;
		if (!absence_counts(&r->away[i]) || t <= after || t > until || (best >= 0 && t >= best))
			continue;
		if (!rep_away(r, t) && (!hours || route_rep_working(pb, r, t)))
			best = t;
	}
	return best;
}

int64_t waiting_next_opening(const struct playbook *pb, int role, const struct rep *pool, size_t n, int64_t after,
			     int64_t until)
{
	int64_t best = -1;
	int hours, capacity;
	size_t i;

	rotation_rules(pb, role, &hours, &capacity);
	for (i = 0; i < n; i++) {
		const struct rep *r = &pool[i];
		int64_t t;

		if (!r->active || (capacity && r->capacity >= 0 && r->open_leads >= r->capacity))
			continue;
		t = rep_opening(pb, r, hours, after, until);
		if (t >= 0 && (best < 0 || t < best))
			best = t;
	}
	return best;
}

unsigned waiting_channels(const struct playbook *pb, int role)
{
	unsigned ch = 0;

	if (pb->routing.inbound.on && (int)pb->routing.inbound.role == role)
		ch |= WAITING_INBOUND;
	if (pb->routing.outbound_on && role == ROLE_SDR)
		ch |= WAITING_OUTBOUND;
	return ch;
}

int waiting_anyone(const struct playbook *pb, int role, const struct rep *pool, size_t n, int64_t at)
{
	struct route_pick pick;
	int hours, capacity;

	rotation_rules(pb, role, &hours, &capacity);
	return route_round_robin(pb, pool, n, 0, hours, capacity, NULL, at, "", &pick) == 0;
}

int waiting_route(const struct playbook *pb, const struct lead *l, int reassigns, const struct rep *pool, size_t n,
		  const struct route_wrr *rotation, int64_t at, struct arena *a, struct intake_result *res)
{
	struct intake_req req = {0};
	size_t i;

	memset(res, 0, sizeof(*res));
	req.lead = (struct lead *)l;
	req.pool = pool;
	req.npool = n;
	req.rotation = rotation;
	intake_route(pb, &req, at, a, res);
	if (!res->owner) {
		memset(res, 0, sizeof(*res));
		return -1;
	}
	for (i = 0; reassigns > 0 && i < res->d.n; i++)
		if (res->d.events[i]->type == EV_ASSIGNED) {
			res->d.events[i]->type = EV_REASSIGNED;
			event_put_int(res->d.events[i], a, "reassigns", reassigns);
		}
	return 0;
}
