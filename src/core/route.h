/* route.h - who gets a lead (SPEC section 4, routing). Round robin takes the reps of a pool in
 * the order they were added, skips the inactive, those outside their working hours (when the
 * pool respects hours) and those at capacity (when it respects capacity), and goes on after
 * the last rep it gave a lead to. Pure: the caller supplies the reps and the rotation cursor. */
#ifndef BATON_ROUTE_H
#define BATON_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/playbook.h"
#include "core/rep.h"

struct route_pick {
	const struct rep *rep; /* the chosen rep (borrowed from the array), NULL if nobody is eligible */
	char why[256];         /* the reason, in words, for the event and `lead show` */
};

/* 1 if rep r works at instant now: a business day that is not a holiday, inside its hours
 * (its own, or the org's business hours), in the org's time zone. */
int route_rep_working(const struct playbook *pb, const struct rep *r, int64_t now);

/* Picks by round robin among reps[0..n) (sorted by id) after the rep with id `cursor`
 * (0 = from the start), skipping `exclude` (a name, may be NULL). Fills *out; returns 0 if a
 * rep was picked, -1 if nobody is eligible (out->why says why). */
int route_round_robin(const struct playbook *pb, const struct rep *reps, size_t n, int64_t cursor, int respect_hours,
		      int respect_capacity, const char *exclude, int64_t now, const char *pool, struct route_pick *out);

#endif
