/* tz.h - local time, from libical's time zone data: which weekday and minute of the day an
 * instant is in a zone, and which instant a local wall time is; and the zone of a country that
 * keeps one time. Used by routing (working hours), business time, the tables people read and a
 * lead's zone (SPEC 8.4). */
#ifndef BATON_TZ_H
#define BATON_TZ_H

#include <stddef.h>
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

/* The IANA name a CRM export means by zone: zone itself when libical knows it, else HubSpot's
 * spelling of it ("america_slash_new_york", "europe_slash_paris": "_slash_" for '/', lower
 * case) written back ("America/New_York") when that is a known zone; else zone unchanged (the
 * caller refuses it). The name written back lives in buf (size n); returns zone or buf. */
const char *tz_from_crm(const char *zone, char *buf, size_t n);

/* Converts instant utc to the local time of zone; returns 0, or -1 for an unknown zone. */
int tz_local(const char *zone, int64_t utc, struct local_time *out);

/* The instant of local wall time (day, minute) in zone; a wall time skipped by a DST change
 * maps to the instant just after the gap. Returns 0, or -1 for an unknown zone. */
int tz_utc(const char *zone, int64_t day, int minute, int64_t *utc);

/* Writes instant utc as local "YYYY-MM-DD HH:MM" in zone into buf (>= 20 bytes); returns buf. */
char *tz_format(const char *zone, int64_t utc, char *buf);

/* The IANA zone of a country given as an ISO 3166 alpha-2 code (any case; "UK" for GB) when the
 * whole country keeps one time (FR -> Europe/Paris); NULL for a country split between zones (US,
 * CA, BR, ...), an unknown code or NULL. Static string. */
const char *tz_of_country(const char *country);

/* The table behind tz_of_country, for its tests: how many countries, and the code of the i-th
 * (its zone in *zone), or NULL past the end. Static strings. */
size_t tz_country_count(void);
const char *tz_country_at(size_t i, const char **zone);

#endif
