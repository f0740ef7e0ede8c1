/* route.c - round robin over a pool of reps; see route.h for the exact rule. */
#include "core/route.h"

#include <stdio.h>
#include <string.h>

#include "core/absence.h"
#include "core/tz.h"
#include "util/arena.h"

static int is_holiday(const struct playbook *pb, int64_t day)
{
	size_t i;

	for (i = 0; i < pb->org.nholidays; i++)
		if (pb->org.holidays[i] == day)
			return 1;
	return 0;
}

/* 1 if rep r works at local time lt (see route_rep_working). */
static int working_at(const struct playbook *pb, const struct rep *r, const struct local_time *lt)
{
	int start = r->hours_start >= 0 ? r->hours_start : pb->org.hours.start;
	int end = r->hours_start >= 0 ? r->hours_end : pb->org.hours.end;

	if (!(pb->org.hours.days & (1u << lt->weekday)) || is_holiday(pb, lt->day))
		return 0;
	return lt->minute >= start && lt->minute < end;
}

int route_rep_working(const struct playbook *pb, const struct rep *r, int64_t now)
{
	struct local_time lt;

	return tz_local(pb->org.timezone, now, &lt) == 0 && working_at(pb, r, &lt);
}

enum route_skip route_eligible(const struct playbook *pb, const struct rep *r, int64_t at, int respect_hours,
			       int respect_capacity)
{
	if (!r->active)
		return ROUTE_INACTIVE;
	if (rep_away(r, at))
		return ROUTE_AWAY;
	if (respect_hours && !route_rep_working(pb, r, at))
		return ROUTE_OFF_HOURS;
	if (respect_capacity && r->capacity >= 0 && r->open_leads >= r->capacity)
		return ROUTE_FULL;
	return ROUTE_ELIGIBLE;
}

int route_round_robin(const struct playbook *pb, const struct rep *reps, size_t n, int64_t cursor, int respect_hours,
		      int respect_capacity, const char *exclude, int64_t now, const char *pool, struct route_pick *out)
{
	static const char *const words[ROUTE_SKIP_COUNT] = {"", "inactive", "away", "off-hours", "at-capacity"};
	int skipped[ROUTE_SKIP_COUNT] = {0}, nskipped = 0;
	size_t start = 0, k;

	out->rep = NULL;
	out->why[0] = '\0';
	while (start < n && reps[start].id <= cursor)
		start++;
	for (k = 0; k < n; k++) {
		const struct rep *r = &reps[(start + k) % n];
		enum route_skip why;

		if (exclude && strcmp(r->name, exclude) == 0)
			continue;
		why = route_eligible(pb, r, now, respect_hours, respect_capacity);
		if (why != ROUTE_ELIGIBLE) {
			skipped[why]++;
			nskipped++;
			continue;
		}
		out->rep = r;
		snprintf(out->why, sizeof(out->why), "round robin over %s: next in rotation%s", pool,
			 nskipped ? " after skipping" : "");
		if (nskipped) {
			size_t len = strlen(out->why);
			int s, first = 1;

			for (s = 1; s < ROUTE_SKIP_COUNT; s++)
				if (skipped[s]) {
					len += (size_t)snprintf(out->why + len, sizeof(out->why) - len, "%s %s",
								first ? "" : ",", words[s]);
					first = 0;
				}
			snprintf(out->why + len, sizeof(out->why) - len, " reps");
		}
		return 0;
	}
	k = (size_t)snprintf(out->why, sizeof(out->why),
			     "nobody eligible in %s: %zu reps, %d inactive, %d outside working hours, %d at capacity", pool,
			     n, skipped[ROUTE_INACTIVE], skipped[ROUTE_OFF_HOURS], skipped[ROUTE_FULL]);
	if (skipped[ROUTE_AWAY] && k < sizeof(out->why))
		snprintf(out->why + k, sizeof(out->why) - k, ", %d away", skipped[ROUTE_AWAY]);
	return -1;
}

size_t route_in_territory(const struct rep *pool, size_t n, const char *territory, struct rep *out)
{
	size_t i, k = 0;

	for (i = 0; territory && i < n; i++)
		if (rep_list_has(pool[i].territories, territory))
			out[k++] = pool[i];
	return k;
}

size_t route_pool_managers(const struct rep *pool, size_t n, const struct rep *all, size_t nall, const char **out)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		const char *m = pool[i].manager;

		for (j = 0; m && j < k; j++)
			if (strcmp(out[j], m) == 0)
				m = NULL;
		if (m)
			out[k++] = m;
	}
	for (i = 0; !k && i < nall; i++)
		if (all[i].active)
			out[k++] = all[i].name;
	return k;
}

/* Round robin over the AEs one handoff strategy allows; 0 with *out set, or -1 if nobody. */
static int pick_ae(const struct playbook *pb, const struct lead *l, const struct rep *from, enum pb_handoff_to how,
		   const struct rep *aes, size_t n, int64_t cursor, int64_t now, struct arena *a, struct route_pick *out)
{
	struct rep *subset = arena_alloc(a, (n ? n : 1) * sizeof(*subset));
	const char *what = "AEs";
	size_t k = 0, i;

	switch (how) {
	case PB_HANDOFF_POD_AE:
		if (!from->pod)
			return -1;
		for (i = 0; i < n; i++)
			if (aes[i].pod && strcmp(aes[i].pod, from->pod) == 0)
				subset[k++] = aes[i];
		what = arena_printf(a, "the AEs of pod %s", from->pod);
		break;
	case PB_HANDOFF_TERRITORY_ROUND_ROBIN:
		k = route_in_territory(aes, n, l->territory, subset);
		what = arena_printf(a, "the AEs of territory %s", l->territory ? l->territory : "(none)");
		break;
	case PB_HANDOFF_ROUND_ROBIN:
		if (n)
			memcpy(subset, aes, n * sizeof(*subset));
		k = n;
		break;
	}
	return route_round_robin(pb, subset, k, cursor, 0, 1, NULL, now, what, out);
}

int route_handoff(const struct playbook *pb, const struct lead *l, const struct rep *from, const struct rep *aes,
		  size_t n, int64_t cursor, int64_t now, struct arena *a, struct route_pick *out)
{
	const struct pb_routing *r = &pb->routing;

	memset(out, 0, sizeof(*out));
	if (!r->handoff_on)
		return -1; /* the lifecycle then refuses: no AE named */
	if (pick_ae(pb, l, from, r->handoff_to, aes, n, cursor, now, a, out) == 0)
		return 0;
	if (r->handoff_fallback_on)
		return pick_ae(pb, l, from, r->handoff_fallback, aes, n, cursor, now, a, out);
	return -1;
}

int route_customer(const struct playbook *pb, const struct rep *csms, size_t n, int64_t cursor, int64_t now,
		   struct route_pick *out)
{
	memset(out, 0, sizeof(*out));
	if (!pb->routing.customers.on || pb->routing.customers.after != STAGE_LIVE)
		return -1;
	return route_round_robin(pb, csms, n, cursor, 0, pb->routing.customers.respect_capacity, NULL, now,
				 "customer success", out);
}
