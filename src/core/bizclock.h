/* bizclock.h - business time (SPEC section 4, durations with `business_time: true`) in one
 * calendar: a time zone, hours per weekday and holidays. Only the seconds inside the day's hours
 * count, on days that are not holidays. Hours are local wall-clock hours; on a DST change day
 * the real elapsed time inside them counts. A rep's calendar is built from its own zone and
 * hours, its team's and the org's (SPEC 8.4): routing asks whether a rep works, the SLA code
 * when an obligation falls due in its owner's calendar. Pure: no I/O, no wall clock. Instants
 * are UTC seconds since the epoch, durations are minutes. See docs/business-time.md. */
#ifndef BATON_BIZCLOCK_H
#define BATON_BIZCLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "core/playbook.h"
#include "core/rep.h"

/* "Never": what bizclock_add and bizclock_next_open return when there is no business time at
 * all (no open day, hours past 24:00, an unknown zone) or the answer is past CLOCK_MAX. */
#define BIZCLOCK_NEVER INT64_MAX

/* A calendar. */
struct bizclock {
	const char *zone;         /* IANA zone name (borrowed, e.g. from the playbook) */
	/* local hours per weekday, minutes after midnight; a day with start >= end is closed */
	struct pb_hours hours;
	const int64_t *holidays;  /* local days (days since 1970-01-01), ascending (borrowed) */
	size_t nholidays;
};

/* Fills bc with the calendar of rep r, or of team `team` when r is NULL (r's own team when
 * given; a team the playbook does not describe, or NULL, is the org's): the zone is r's own
 * (`rep set --timezone`), else its team's, else the org's; the hours r's own (`--hours`, the
 * same on each day the calendar is open), else its team's, else the org's; the holidays its
 * team's, else the org's. So bizclock_init(bc, pb, NULL, NULL) is the org's calendar. Borrows
 * from pb and r, which must outlive bc. */
void bizclock_init(struct bizclock *bc, const struct playbook *pb, const char *team, const struct rep *r);

/* 1 if bc has business time at all (an open day, every open day within 00:00-24:00, a known
 * zone). */
int bizclock_valid(const struct bizclock *bc);

/* The instant `minutes` of business time after `from`, counted from the next opening when from
 * is outside hours; an end exactly at closing stays at closing. minutes <= 0 returns from;
 * returns BIZCLOCK_NEVER if bc is not valid or the answer is past CLOCK_MAX. */
int64_t bizclock_add(const struct bizclock *bc, int64_t from, int64_t minutes);

/* Whole business minutes in [a, b) (rounded down); 0 if b <= a or bc is not valid. */
int64_t bizclock_between(const struct bizclock *bc, int64_t a, int64_t b);

/* 1 if t is inside business hours (an open day, not a holiday, start <= local time < end). */
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

/* The instant that lies after `got2` in calendar `to` as `at` lies after `got` in calendar
 * `from` (a replayed action, SPEC 8.10: by whoever owns the lead, at the same business-time
 * offset from the moment that owner got it): the whole business minutes of [got, at) in `from`
 * added to got2 in `to`, plus what is left of `at` past the instant those minutes reach from
 * got in `from` (the seconds of a minute, the time after hours). So the same calendar and
 * got2 == got give `at` back. When `from` has no business time the offset is calendar time;
 * BIZCLOCK_NEVER when `to` has none. */
int64_t bizclock_shift(const struct bizclock *from, int64_t got, int64_t at, const struct bizclock *to, int64_t got2);

#endif
