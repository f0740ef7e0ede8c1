/* route.c - round robin and smooth weighted round robin over a pool of reps; see route.h for
 * the exact rules. */
#include "core/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizclock.h"
#include "core/absence.h"
#include "core/tz.h"
#include "util/arena.h"

int route_rep_working(const struct playbook *pb, const struct rep *r, int64_t now)
{
	struct bizclock bc;

	bizclock_init(&bc, pb, NULL, r);
	return bizclock_open(&bc, now);
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

static const char *const skip_words[ROUTE_SKIP_COUNT] = {"", "inactive", "away", "off-hours", "at-capacity"};

const char *route_skip_key(enum route_skip why)
{
	static const char *const keys[ROUTE_SKIP_COUNT] = {
		[ROUTE_AWAY] = "skipped_away",
		[ROUTE_OFF_HOURS] = "skipped_hours",
		[ROUTE_FULL] = "skipped_capacity",
	};

	return (unsigned)why < ROUTE_SKIP_COUNT ? keys[why] : NULL;
}

/* Appends to the reason of a pick (out->why, the rotation and its rule in words) the reasons of
 * the reps passed over on the way, skipped[] counted by enum route_skip. */
static void say_skips(struct route_pick *out, const int *skipped)
{
	size_t len = strlen(out->why);
	int s, first = 1;

	for (s = 1; s < ROUTE_SKIP_COUNT && len < sizeof(out->why); s++)
		if (skipped[s]) {
			len += (size_t)snprintf(out->why + len, sizeof(out->why) - len, "%s %s",
						first ? " after skipping" : ",", skip_words[s]);
			first = 0;
		}
	if (!first && len < sizeof(out->why))
		snprintf(out->why + len, sizeof(out->why) - len, " reps");
}

/* The reason nobody of the pool's n reps was eligible, skipped[] counted by reason. */
static void say_nobody(struct route_pick *out, const char *pool, size_t n, const int *skipped)
{
	int k = snprintf(out->why, sizeof(out->why),
			 "nobody eligible in %s: %zu reps, %d inactive, %d outside working hours, %d at capacity", pool, n,
			 skipped[ROUTE_INACTIVE], skipped[ROUTE_OFF_HOURS], skipped[ROUTE_FULL]);

	if (skipped[ROUTE_AWAY] && k >= 0 && (size_t)k < sizeof(out->why))
		snprintf(out->why + k, sizeof(out->why) - (size_t)k, ", %d away", skipped[ROUTE_AWAY]);
}

/* The index of the first of reps[0..n) (sorted by id) after the rep with id `cursor`. */
static size_t after_cursor(const struct rep *reps, size_t n, int64_t cursor)
{
	size_t start = 0;

	while (start < n && reps[start].id <= cursor)
		start++;
	return start;
}

int route_round_robin(const struct playbook *pb, const struct rep *reps, size_t n, int64_t cursor, int respect_hours,
		      int respect_capacity, const char *exclude, int64_t now, const char *pool, struct route_pick *out)
{
	int skipped[ROUTE_SKIP_COUNT] = {0};
	size_t start = after_cursor(reps, n, cursor), k;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < n; k++) {
		const struct rep *r = &reps[(start + k) % n];
		enum route_skip why;

		if (exclude && strcmp(r->name, exclude) == 0)
			continue;
		why = route_eligible(pb, r, now, respect_hours, respect_capacity);
		if (why != ROUTE_ELIGIBLE) {
			skipped[why]++;
			continue;
		}
		out->rep = r;
		snprintf(out->why, sizeof(out->why), "round robin over %s: next in rotation", pool);
		say_skips(out, skipped);
		return 0;
	}
	say_nobody(out, pool, n, skipped);
	return -1;
}

/* ---------------------------------------------------------------- the weighted rotation */

/* 1 if peers[0..n) are the reps and weights of the state's last pick. */
static int same_set(const struct route_wrr_peer *peers, size_t n, const struct route_wrr *in)
{
	size_t i;

	if (!in || n != in->n)
		return 0;
	for (i = 0; i < n; i++)
		if (peers[i].id != in->peers[i].id || peers[i].weight != in->peers[i].weight)
			return 0;
	return 1;
}

/* The balancer's step over peers[0..m) (sorted by id): each adds its weight, the highest current
 * weight wins, a tie going to the first after `last` in id order; the winner loses the total.
 * Returns the winner's index. */
static size_t balance(struct route_wrr_peer *peers, size_t m, int64_t last)
{
	size_t start = 0, best = 0, k;
	int64_t total = 0;

	while (start < m && peers[start].id <= last)
		start++;
	for (k = 0; k < m; k++) {
		peers[k].current += peers[k].weight;
		total += peers[k].weight;
	}
	for (k = 0; k < m; k++) {
		size_t i = (start + k) % m;

		if (k == 0 || peers[i].current > peers[best].current)
			best = i;
	}
	peers[best].current -= total;
	return best;
}

/* Fills pick->why for a weighted pick of `r`: the round robin's words when every weight is the
 * same (then it is the round robin), else the weight's share; with the reasons of the reps
 * passed over between the cursor and r, as the round robin says them. */
static void say_weighted(const struct route_rotation *rot, const enum route_skip *why, int64_t last,
			 const struct route_wrr_peer *peers, size_t m, const struct rep *r, struct route_pick *pick)
{
	int skipped[ROUTE_SKIP_COUNT] = {0}, equal = 1;
	size_t start = after_cursor(rot->reps, rot->n, last), k;
	int64_t total = 0;

	for (k = 0; k < m; k++) {
		total += peers[k].weight;
		equal &= peers[k].weight == peers[0].weight;
	}
	for (k = 0; k < rot->n; k++) {
		size_t i = (start + k) % rot->n;

		if (&rot->reps[i] == r)
			break;
		skipped[why[i]]++;
	}
	if (equal)
		snprintf(pick->why, sizeof(pick->why), "round robin over %s: next in rotation", rot->what);
	else
		snprintf(pick->why, sizeof(pick->why), "weighted round robin over %s: weight %lld of %lld", rot->what,
			 (long long)rep_weight(r), (long long)total);
	say_skips(pick, skipped);
}

int route_weighted(const struct playbook *pb, const struct route_rotation *rot, const struct route_wrr *in,
		   int64_t now, struct arena *a, struct route_wrr *out, struct route_pick *pick)
{
	static const struct route_wrr none = {0, NULL, 0};
	struct route_wrr_peer *peers = arena_alloc(a, (rot->n ? rot->n : 1) * sizeof(*peers));
	enum route_skip *why = arena_alloc(a, (rot->n ? rot->n : 1) * sizeof(*why));
	const struct rep **at = arena_alloc(a, (rot->n ? rot->n : 1) * sizeof(*at));
	int skipped[ROUTE_SKIP_COUNT] = {0};
	size_t i, m = 0, best;

	memset(pick, 0, sizeof(*pick));
	in = in ? in : &none;
	*out = *in;
	for (i = 0; i < rot->n; i++) {
		const struct rep *r = &rot->reps[i];

		why[i] = ROUTE_ELIGIBLE;
		if (rot->exclude && strcmp(r->name, rot->exclude) == 0)
			continue;
		why[i] = route_eligible(pb, r, now, rot->respect_hours, rot->respect_capacity);
		if (why[i] != ROUTE_ELIGIBLE) {
			if (!pick->skipped[why[i]])
				pick->skipped[why[i]] = arena_alloc(a, rot->n * sizeof(*pick->skipped[why[i]]));
			pick->skipped[why[i]][pick->nskipped[why[i]]++] = r->name;
			skipped[why[i]]++;
			continue;
		}
		at[m] = r;
		peers[m++] = (struct route_wrr_peer){r->id, rep_weight(r), 0};
	}
	if (!m) {
		say_nobody(pick, rot->what, rot->n, skipped);
		return -1;
	}
	/* the same reps with the same weights go on from where they were; any change starts over */
	if (same_set(peers, m, in))
		for (i = 0; i < m; i++)
			peers[i].current = in->peers[i].current;
	best = balance(peers, m, in->last);
	pick->rep = at[best];
	out->last = at[best]->id;
	out->peers = peers;
	out->n = m;
	say_weighted(rot, why, in->last, peers, m, at[best], pick);
	return 0;
}

int route_inflight_add(struct rep *reps, size_t n, const char *text)
{
	const char *p = text;
	size_t i;

	while (p && *p) {
		char *end;
		int64_t id = strtoll(p, &end, 10), count;

		if (end == p || *end != ':')
			return -1;
		p = end + 1;
		count = strtoll(p, &end, 10);
		if (end == p || (*end && *end != ','))
			return -1;
		for (i = 0; count > 0 && i < n; i++)
			if (reps[i].id == id && reps[i].capacity >= 0)
				reps[i].open_leads += count;
		p = *end ? end + 1 : NULL;
	}
	return 0;
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
	if (k)
		return k;
	for (i = 0; i < nall; i++) /* the pool names none: every active manager */
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
