/* route.h - who gets a lead (SPEC section 4, routing; 8.5, the weighted rotation). Round robin
 * takes the reps of a pool in the order they were added, skips the inactive, the away (SPEC 8.3), those outside their
 * working hours (when the pool respects hours) and those at capacity (when it respects
 * capacity), and goes on after the last rep it gave a lead to. The weighted rotation is a smooth
 * weighted round robin over the same eligible reps (nginx's upstream balancer) whose ties follow
 * that order, so with equal weights it is exactly the round robin. Pure: the caller supplies the
 * reps and the rotation's state (its cursor, its balancer) and stores what comes back. */
#ifndef BATON_ROUTE_H
#define BATON_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/lead.h"
#include "core/playbook.h"
#include "core/rep.h"

struct arena;

/* 1 if rep r works at instant now: inside the hours of its own calendar (bizclock_init: its
 * zone and hours, else its team's, else the org's; SPEC 8.4), on a day that is not a holiday. */
int route_rep_working(const struct playbook *pb, const struct rep *r, int64_t now);

/* Why a rep can or cannot take a lead at an instant (SPEC 4 and 8.3-8.5); the routing report
 * counts the skips by reason. */
enum route_skip {
	ROUTE_ELIGIBLE,
	ROUTE_INACTIVE,
	ROUTE_AWAY,      /* inside one of its absences (SPEC 8.3) */
	ROUTE_OFF_HOURS, /* outside its working hours (when the rotation respects hours) */
	ROUTE_FULL,      /* at capacity (when the rotation respects capacity) */
	ROUTE_SKIP_COUNT
};

struct route_pick {
	const struct rep *rep; /* the chosen rep (borrowed from the array), NULL if nobody is eligible */
	char why[256];         /* the reason, in words, for the event and `lead show` */
	/* route_weighted: the reps of the rotation it could not consider, by reason (names
	 * borrowed from the reps, arrays in its arena); route_round_robin leaves them empty */
	const char **skipped[ROUTE_SKIP_COUNT];
	size_t nskipped[ROUTE_SKIP_COUNT];
};

/* The key of the routing event's list of the reps a pick skipped for reason `why`
 * ("skipped_hours", "skipped_capacity"), which `report routing` counts; NULL for a reason the
 * event does not list (eligible, inactive). Static string. */
const char *route_skip_key(enum route_skip why);

/* Whether rep r can take a lead of a rotation at `at`: ROUTE_ELIGIBLE, or the first reason it
 * cannot (inactive, then away, then hours, then capacity). respect_hours / respect_capacity as the
 * rotation says. */
enum route_skip route_eligible(const struct playbook *pb, const struct rep *r, int64_t at, int respect_hours,
			       int respect_capacity);

/* Picks by round robin among reps[0..n) (sorted by id) after the rep with id `cursor`
 * (0 = from the start), skipping `exclude` (a name, may be NULL). Fills *out; returns 0 if a
 * rep was picked, -1 if nobody is eligible (out->why says why). The plain rotation of the
 * handoffs and the customers; the lead rotations are route_weighted's. */
int route_round_robin(const struct playbook *pb, const struct rep *reps, size_t n, int64_t cursor, int respect_hours,
		      int respect_capacity, const char *exclude, int64_t now, const char *pool, struct route_pick *out);

/* One rep of a weighted rotation's balancer. */
struct route_wrr_peer {
	int64_t id;      /* the rep (its order of addition) */
	int64_t weight;  /* its weight when it was last picked from */
	int64_t current; /* its current weight: += weight at each pick, -= the total when picked */
};

/* A rotation's state (SPEC 8.5): its cursor and the balancer of its last pick, which the service
 * loads before a pick and stores after it (as the cursor alone was). */
struct route_wrr {
	int64_t last;                 /* id of the last rep given a lead (the cursor), 0 = none yet */
	struct route_wrr_peer *peers; /* the reps the last pick chose among, by id (borrowed) */
	size_t n;
};

/* What a rotation picks among and how. */
struct route_rotation {
	const struct rep *reps; /* its reps, sorted by id */
	size_t n;
	int respect_hours;      /* skip reps outside their working hours */
	int respect_capacity;   /* skip reps at capacity */
	const char *exclude;    /* the current owner a reassignment passes over, or NULL */
	const char *what;       /* the pool in words, for the reason ("mrr reps") */
};

/* Picks the next rep of rotation rot at `now` by smooth weighted round robin from state `in`
 * (SPEC 8.5). The reps it chooses among are the eligible ones other than rot->exclude, each
 * with rep_weight(); when they or their weights differ from in's, the balancer starts again
 * from zero. Each adds its weight to its current weight, the highest is picked (a tie goes to
 * the first after in->last, in id order) and loses the sum of the weights. Returns 0 with
 * *pick filled and *out the new state (peers in arena a; in is not changed), or -1 when nobody
 * is eligible (*out = *in, pick->why says why). pick->skipped lists who was not eligible. */
int route_weighted(const struct playbook *pb, const struct route_rotation *rot, const struct route_wrr *in, int64_t now,
		   struct arena *a, struct route_wrr *out, struct route_pick *pick);

/* Adds to the open leads of the reps of reps[0..n) that have a capacity the leads another
 * writer routed to them and has not stored yet, given as "id:count,..." (its in-flight row,
 * PostgreSQL with several servers), so that capacity counts them. Ids of no rep of the list
 * and counts below 1 add nothing. Returns 0, or -1 at the first unreadable entry (those before
 * it added). */
int route_inflight_add(struct rep *reps, size_t n, const char *text);

/* Copies into out[] the reps of pool[0..n) whose territories include `territory`; returns
 * how many (0 when territory is NULL). */
size_t route_in_territory(const struct rep *pool, size_t n, const char *territory, struct rep *out);

/* The managers to tell about a lead that waits for pool[0..n): each rep's manager once, in the
 * pool's order; when no rep has one, every active manager of all[0..nall). Fills out[] (room
 * for n + nall names, borrowed); returns how many. */
size_t route_pool_managers(const struct rep *pool, size_t n, const struct rep *all, size_t nall, const char **out);

/* Picks the AE that receives a handoff of lead l from rep `from`, by the playbook's
 * routing.handoff rule: `to` (the AEs of the hander's pod, of the lead's territory, or all of
 * them) by round robin after the AE rotation's `cursor`, then `fallback` when nobody fits.
 * aes[0..n) are the AEs sorted by id; the subset is built in arena a. Fills *out; returns 0 if
 * an AE was picked, -1 if nobody (or the playbook routes no handoffs). */
int route_handoff(const struct playbook *pb, const struct lead *l, const struct rep *from, const struct rep *aes,
		  size_t n, int64_t cursor, int64_t now, struct arena *a, struct route_pick *out);

/* Picks the CSM of a new customer by routing.customers (round robin, capacity as the playbook
 * says) among csms[0..n) after `cursor`; 0 with *out filled, or -1 if nobody or it is off. */
int route_customer(const struct playbook *pb, const struct rep *csms, size_t n, int64_t cursor, int64_t now,
		   struct route_pick *out);

#endif
