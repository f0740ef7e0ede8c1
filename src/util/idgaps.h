/* idgaps.h - the ids of an append-only table read in id order by a follower (the live
 * dashboard's feed) when ids can commit out of order (PostgreSQL: an id is taken at insert,
 * seen at commit, and a rolled-back one never appears): the highest id seen, and the runs of
 * lower ids not yet seen, each remembered from when it was first skipped until it expires. A
 * follower delivers an id once: the first time idgaps_see() says it is new. Pure: the caller
 * passes the time. */
#ifndef BATON_IDGAPS_H
#define BATON_IDGAPS_H

#include <stddef.h>
#include <stdint.h>

/* The runs remembered at most: past it, the oldest is forgotten first. */
#define IDGAPS_MAX 1024

/* A run of ids not seen yet, lo..hi inclusive. */
struct idgap {
	int64_t lo, hi;
	double since; /* when it was first skipped (the caller's clock, seconds) */
};

struct idgaps {
	int64_t last;        /* the highest id seen */
	struct idgap *runs;  /* by lo, owned; NULL while none */
	size_t n, cap;
};

/* Starts following after id `last` (everything up to it counts as seen). */
void idgaps_init(struct idgaps *g, int64_t last);

/* Frees the runs. */
void idgaps_release(struct idgaps *g);

/* Records id as seen at time now. Returns 1 if it was not seen before (deliver it): above
 * `last` (the ids skipped become a run, since now) or inside a run; else 0 (seen already, or
 * below every run: forgotten). */
int idgaps_see(struct idgaps *g, int64_t id, double now);

/* 1 if id is in a run (skipped, not seen yet, not forgotten), else 0. */
int idgaps_missing(const struct idgaps *g, int64_t id);

/* Forgets the runs first skipped before `before` (ids that were rolled back, or took longer). */
void idgaps_expire(struct idgaps *g, double before);

#endif
