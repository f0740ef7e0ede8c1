/* waiting.h - a lead nobody owns waits for its rotation, with its clock running (SPEC 8.1):
 * it is routed at the first instant someone is eligible — a rep's working hours open, capacity
 * frees up, a rep is added, activated or comes back — and the routing event carries that
 * instant. The service finds the instants (time alone: waiting_next_opening; an action: right
 * after it) and asks waiting_route() at each. Pure: no I/O, the clock is an argument. */
#ifndef BATON_WAITING_H
#define BATON_WAITING_H

#include "core/intake.h"

/* The first instant in (after, until] at which a rep of pool[0..n) who could take a lead of
 * rotation `role` (active, under capacity when the rotation respects it) becomes eligible by
 * time alone: it starts working (when the rotation respects hours) outside its absences, or
 * comes back from an absence (SPEC 8.3); -1 if none. pool: the reps of `role`, sorted by id. */
int64_t waiting_next_opening(const struct playbook *pb, int role, const struct rep *pool, size_t n, int64_t after,
			     int64_t until);

/* Which channels' waiting leads rotation `role` routes: WAITING_INBOUND when it is the inbound
 * rotation, WAITING_OUTBOUND when it is the SDRs' outbound one (the rotations intake_pool()
 * names); 0 when no lead waits for it. */
enum { WAITING_INBOUND = 1, WAITING_OUTBOUND = 2 };
unsigned waiting_channels(const struct playbook *pb, int role);

/* 1 if some rep of pool[0..n) could take a lead of rotation `role` at `at` (territories aside). */
int waiting_anyone(const struct playbook *pb, int role, const struct rep *pool, size_t n, int64_t at);

/* Routes waiting lead l at `at` among pool[0..n) (the reps of its rotation, sorted by id) from
 * the rotation's state (route_weighted: its cursor and balancer; NULL: none). Returns 0 with
 * *res filled — an "assigned" event, or "reassigned" with `reassigns` when it waits after a
 * reassignment found nobody (SPEC 8.2) — or -1 when nobody can take it now (*res then holds
 * no event). Strings in a. */
int waiting_route(const struct playbook *pb, const struct lead *l, int reassigns, const struct rep *pool, size_t n,
		  const struct route_wrr *rotation, int64_t at, struct arena *a, struct intake_result *res);

#endif
