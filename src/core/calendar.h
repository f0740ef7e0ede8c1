/* calendar.h - an AE's free time (SPEC section 4, Booking): its availability blocks when it has
 * set any (else its working hours on business days), minus its absences (SPEC 8.3), its busy
 * blocks (imported from its calendar) and its booked meetings. A meeting can only be booked into free time; a clash is
 * refused with the next free slots. Pure. */
#ifndef BATON_CALENDAR_H
#define BATON_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/meeting.h"
#include "core/playbook.h"
#include "core/rep.h"

struct block {
	int64_t start, finish; /* UTC seconds */
	int busy;              /* 1 busy (from a calendar), 0 free (availability) */
};

struct calendar {
	const struct playbook *pb;
	const struct rep *ae;
	const struct block *blocks; /* the AE's free and busy blocks, any order */
	size_t nblocks;
	int has_free;               /* 1 if the AE has ever set availability: free blocks rule */
	const struct meeting *meetings; /* the AE's meetings */
	size_t nmeetings;
	int64_t skip;               /* a meeting id to ignore (the one being moved), 0 none */
};

/* 1 if [start, start + minutes) is free; else 0 with *why (static) saying what is in the way. */
int calendar_free(const struct calendar *c, int64_t start, int minutes, const char **why);

/* Fills slots[0..max) with the next free starts of `minutes` at or after `after`, on the half
 * hour, within 14 days; returns how many were found. */
size_t calendar_next_free(const struct calendar *c, int64_t after, int minutes, int64_t *slots, size_t max);

#endif
