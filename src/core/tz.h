/* tz.h - the org's local time, from libical's time zone data: which weekday and minute of the
 * day an instant is in a zone, and which instant a local wall time is. Used by routing
 * (working hours), business time and the tables people read. */
#ifndef BATON_TZ_H
#define BATON_TZ_H

#include <stdint.h>

struct local_time {
	int64_t day;  /* local calendar day, days since 1970-01-01 */
	int weekday;  /* 0 = monday ... 6 = sunday */
	int minute;   /* minutes after local midnight */
	int second;   /* seconds after the minute */
	int offset;   /* seconds east of UTC in force at that instant */
};

/* 1 if libical knows the zone name, else 0. */
int tz_known(const char *zone);

/* Converts instant utc to the local time of zone; returns 0, or -1 for an unknown zone. */
int tz_local(const char *zone, int64_t utc, struct local_time *out);

/* The instant of local wall time (day, minute) in zone; a wall time skipped by a DST change
 * maps to the instant just after the gap. Returns 0, or -1 for an unknown zone. */
int tz_utc(const char *zone, int64_t day, int minute, int64_t *utc);

/* Writes instant utc as local "YYYY-MM-DD HH:MM" in zone into buf (>= 20 bytes); returns buf. */
char *tz_format(const char *zone, int64_t utc, char *buf);

#endif
