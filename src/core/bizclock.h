/* bizclock.h - business time (SPEC section 4, durations with `business_time: true`): only the
 * seconds inside business hours count, in the org's time zone, on business days that are not
 * holidays. Hours are local wall-clock hours; on a DST change day the real elapsed time inside
 * them counts. Pure: no I/O, no wall clock; the SLA code asks when an obligation falls due.
 * Instants are UTC seconds since the epoch, durations are minutes. See docs/business-time.md. */
#ifndef BATON_BIZCLOCK_H
#define BATON_BIZCLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "core/playbook.h"

/* "Never": what bizclock_add and bizclock_next_open return when there is no business time at
 * all (no business day, start >= end, an unknown zone) or the answer is past CLOCK_MAX. */
#define BIZCLOCK_NEVER INT64_MAX

struct bizclock {
	const char *zone;         /* IANA zone name (borrowed, e.g. from the playbook) */
	unsigned days;            /* business days: bit 0 = monday ... bit 6 = sunday */
	int start, end;           /* local hours, minutes after midnight; valid when 0 <= start < end <= 1440 */
	const int64_t *holidays;  /* local days (days since 1970-01-01), ascending (borrowed) */
	size_t nholidays;
};

/* Fills bc from the org's zone, days, hours and holidays (borrowed: org must outlive bc);
 * rep_start / rep_end >= 0 replace the start / end of the day with a rep's own hours. */
void bizclock_init(struct bizclock *bc, const struct pb_org *org, int rep_start, int rep_end);

/* 1 if bc has business time at all (a business day, 0 <= start < end <= 1440, a known zone). */
int bizclock_valid(const struct bizclock *bc);

/* The instant `minutes` of business time after `from`, counted from the next opening when from
 * is outside hours; an end exactly at closing stays at closing. minutes <= 0 returns from;
 * returns BIZCLOCK_NEVER if bc is not valid or the answer is past CLOCK_MAX. */
int64_t bizclock_add(const struct bizclock *bc, int64_t from, int64_t minutes);

/* Whole business minutes in [a, b) (rounded down); 0 if b <= a or bc is not valid. */
int64_t bizclock_between(const struct bizclock *bc, int64_t a, int64_t b);

/* 1 if t is inside business hours (a business day, not a holiday, start <= local time < end). */
int bizclock_open(const struct bizclock *bc, int64_t t);

/* The first instant >= t inside business hours (t itself if open), or BIZCLOCK_NEVER. */
int64_t bizclock_next_open(const struct bizclock *bc, int64_t t);

/* The first opening strictly after t: the start of the next stretch of business hours that
 * begins after t (when t is inside hours, the one after the current stretch), or
 * BIZCLOCK_NEVER. */
int64_t bizclock_next_start(const struct bizclock *bc, int64_t t);

/* Calendar time: from + minutes * 60 (rules without business_time), saturating at
 * BIZCLOCK_NEVER (and at INT64_MIN for a negative overflow). */
int64_t bizclock_add_calendar(int64_t from, int64_t minutes);

#endif
