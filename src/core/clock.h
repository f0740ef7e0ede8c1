/* clock.h - instants, dates and durations as baton reads and writes them. Every instant is
 * seconds since the Unix epoch in UTC (int64_t); nothing here reads the wall clock. The
 * caller passes `now` (from --now, or the wall clock read once by the adapter). */
#ifndef BATON_CLOCK_H
#define BATON_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#define CLOCK_MIN (-2208988800LL) /* 1900-01-01T00:00:00Z */
#define CLOCK_MAX 253402300799LL   /* 9999-12-31T23:59:59Z */
#define CLOCK_RFC3339_LEN 32 /* room for "2026-11-23T08:03:00Z" and its NUL, with margin */

/* Parses RFC 3339 ("2026-11-23T08:03:00Z", "...T09:03:00+01:00", fraction ignored) into
 * *out; returns 0, or -1 if the text is not a valid RFC 3339 date-time. */
int clock_parse_rfc3339(const char *s, int64_t *out);

/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least CLOCK_RFC3339_LEN bytes); returns buf. */
char *clock_format_rfc3339(int64_t t, char *buf);

/* Parses a calendar date "YYYY-MM-DD" into days since 1970-01-01; returns 0 or -1. */
int clock_parse_date(const char *s, int64_t *days);

/* Writes a day number as "YYYY-MM-DD" into buf (at least 16 bytes); returns buf. */
char *clock_format_date(int64_t days, char *buf);

/* The day `months` calendar months after day number `days` (before it when negative), on the
 * same day of the month, or that month's last day when it has fewer (Jan 31 + 1 month: Feb 28,
 * or 29 in a leap year). */
int64_t clock_add_months(int64_t days, int64_t months);

/* Parses a duration "<n>m", "<n>h" or "<n>d" (n >= 1) into minutes; returns 0 or -1. */
int clock_parse_duration(const char *s, int64_t *minutes);

/* Writes minutes as the shortest exact duration ("5m", "24h", "10d") into buf (>= 24 bytes). */
char *clock_format_duration(int64_t minutes, char *buf);

/* Parses "HH:MM" (00:00 to 24:00) into minutes after midnight; returns 0 or -1. */
int clock_parse_hhmm(const char *s, int *minutes);

/* Parses working hours "HH:MM-HH:MM" (each 00:00 to 24:00, start before end) into minutes after
 * midnight; returns 0, or -1 leaving *start and *end untouched. */
int clock_parse_hours(const char *s, int *start, int *end);

#endif
