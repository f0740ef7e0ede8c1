/* visibility.h - who may see a lead, and what a rep owes (docs/api.md, roles): a rep sees the
 * leads it owns or handed off and the obligations it owes; a manager also its team's — those
 * of the reps whose manager it is — and the leads nobody holds (filtered or unassigned: the
 * managers' to handle); an intake token sees none. Pure: the caller loads the managers of the
 * reps concerned, and only when visibility_needs_team() says the answer can turn on them. Who
 * may act on a lead is lifecycle_may() (lifecycle.h). */
#ifndef BATON_VISIBILITY_H
#define BATON_VISIBILITY_H

#include "core/lead.h"
#include "core/rep.h"

/* The reps through whom a lead is seen, in the order they are asked. */
enum lead_holder { HOLDER_OWNER, HOLDER_HANDED_BY, HOLDER_COUNT };

/* The rep holding lead l as h (its owner, the rep who handed it off), or NULL; borrowed from l. */
const char *lead_holder(const struct lead *l, enum lead_holder h);

/* 1 if what `me` may see can turn on the managers of the reps concerned (me is a manager),
 * else 0: the caller need not load them. */
int visibility_needs_team(const struct rep *me);

/* 1 if `me` (NULL: an intake token) may see lead l, else 0. boss[h] is the manager of
 * lead_holder(l, h), NULL when it has none or was not loaded. */
int visible_lead(const struct rep *me, const struct lead *l, const char *const boss[HOLDER_COUNT]);

/* 1 if `me` (NULL: an intake token) may see what rep `holder` holds — a lead it owns or handed
 * off, an obligation it owes: its own, and a manager its team's — else 0 (and 0 for a NULL
 * holder: what nobody holds). boss is holder's manager, NULL when none or not loaded. */
int visible_held(const struct rep *me, const char *holder, const char *boss);

/* 1 if `me` (NULL: an intake token) may see rep r's contact details (its email and Slack id,
 * SPEC 8.6): its own, and every manager any rep's; else 0 — a rep does not read another's. */
int visible_contact(const struct rep *me, const struct rep *r);

/* 1 if `me` may see an obligation owed by `owner`: as visible_held(); one that nobody owes
 * because its lead waits for its pool (`waiting`, SPEC 8.1) is the managers' to see, and
 * baton's own timers (a recycle: no owner, no pool) nobody's; else 0. */
int visible_owed(const struct rep *me, const char *owner, int waiting, const char *boss);

#endif
