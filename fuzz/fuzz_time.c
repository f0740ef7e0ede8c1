/* fuzz_time.c - libFuzzer target for the time parsers (src/core/clock.c) and what reads
 * their results (tz.c, bizclock.c). Each line of the input goes through the RFC 3339, date,
 * duration and HH:MM parsers, and what parses must write back and read again the same. Lines
 * 1-6 then make a business clock: an instant, a duration, opening and closing HH:MM, a
 * holiday date, and a zone (a name, or a pick from a list); line 7's length adds weekend days
 * and line 8 gives friday its own "HH:MM-HH:MM" (hours per weekday); the answers are checked. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizclock.h"
#include "core/clock.h"
#include "core/tz.h"

#define MAX_LINES 8

static const char *const zones[] = {"Europe/Paris", "America/New_York", "UTC", "Australia/Lord_Howe",
				    "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo", "Europe/London"};

#define FAIL(...)                                                                                                   \
	do {                                                                                                        \
		fprintf(stderr, __VA_ARGS__);                                                                       \
		abort();                                                                                            \
	} while (0)

/* Every parser on s; what parses must round-trip. */
static void parse_all(const char *s)
{
	char buf[CLOCK_RFC3339_LEN], dbuf[24];
	int64_t t, t2, days, days2, minutes, minutes2;
	int hm;

	if (clock_parse_rfc3339(s, &t) == 0) {
		if (t < CLOCK_MIN || t > CLOCK_MAX)
			FAIL("rfc3339 '%s' out of range: %lld\n", s, (long long)t);
		clock_format_rfc3339(t, buf);
		if (clock_parse_rfc3339(buf, &t2) || t2 != t)
			FAIL("rfc3339 '%s' -> %lld -> '%s' does not read back\n", s, (long long)t, buf);
	}
	if (clock_parse_date(s, &days) == 0) {
		clock_format_date(days, dbuf);
		if (strcmp(dbuf, s) != 0 || clock_parse_date(dbuf, &days2) || days2 != days)
			FAIL("date '%s' -> %lld -> '%s'\n", s, (long long)days, dbuf);
	}
	if (clock_parse_duration(s, &minutes) == 0) {
		if (minutes < 1)
			FAIL("duration '%s' -> %lld\n", s, (long long)minutes);
		clock_format_duration(minutes, dbuf);
		if (clock_parse_duration(dbuf, &minutes2) || minutes2 != minutes)
			FAIL("duration '%s' -> %lld -> '%s'\n", s, (long long)minutes, dbuf);
	}
	if (clock_parse_hhmm(s, &hm) == 0 && (hm < 0 || hm > 1440))
		FAIL("hhmm '%s' -> %d\n", s, hm);
}

static void check_local(const char *zone, int64_t t)
{
	struct local_time lt;
	int64_t u;
	char buf[32];

	if (tz_local(zone, t, &lt))
		return;
	if (lt.minute < 0 || lt.minute >= 1440 || lt.weekday < 0 || lt.weekday > 6 || lt.second < 0 || lt.second > 59)
		FAIL("tz_local %s %lld: minute %d weekday %d second %d\n", zone, (long long)t, lt.minute, lt.weekday,
		     lt.second);
	if (tz_utc(zone, lt.day, lt.minute, &u))
		FAIL("tz_utc %s refused a day tz_local gave\n", zone);
	tz_format(zone, t, buf);
}

static void check_bizclock(char **line, int nlines)
{
	int64_t t = 1795424400LL, minutes = 90, holiday, r, between, next; /* 2026-11-23T09:00:00Z */
	int start = 9 * 60, end = 18 * 60;
	const char *zone = zones[0];
	struct bizclock bc;

	if (nlines > 0)
		clock_parse_rfc3339(line[0], &t);
	if (nlines > 1)
		clock_parse_duration(line[1], &minutes);
	if (nlines > 2)
		clock_parse_hhmm(line[2], &start);
	if (nlines > 3)
		clock_parse_hhmm(line[3], &end);
	if (nlines > 5)
		zone = tz_known(line[5]) ? line[5] : zones[strlen(line[5]) % (sizeof(zones) / sizeof(zones[0]))];
	memset(&bc, 0, sizeof(bc));
	bc.zone = zone;
	pb_hours_set(&bc.hours, 0x1f | (nlines > 6 ? (unsigned)strlen(line[6]) << 5 : 0u), start, end);
	if (nlines > 7) /* friday's own hours (SPEC 8.4: hours per weekday) */
		clock_parse_hours(line[7], &bc.hours.start[4], &bc.hours.end[4]);
	if (nlines > 4 && clock_parse_date(line[4], &holiday) == 0) {
		bc.holidays = &holiday;
		bc.nholidays = 1;
	}
	check_local(zone, t);
	if (!bizclock_valid(&bc))
		return;
	next = bizclock_next_open(&bc, t);
	if (next != BIZCLOCK_NEVER && (next < t || !bizclock_open(&bc, next)))
		FAIL("next_open(%lld) = %lld is not an open instant after it\n", (long long)t, (long long)next);
	r = bizclock_add(&bc, t, minutes);
	if (r == BIZCLOCK_NEVER)
		return;
	if (r < t)
		FAIL("bizclock_add(%lld, %lld) = %lld is before the start\n", (long long)t, (long long)minutes, (long long)r);
	between = bizclock_between(&bc, t, r);
	if (between != minutes)
		FAIL("%s %02d:%02d-%02d:%02d: bizclock_add(%lld, %lldm) = %lld but bizclock_between says %lldm\n", zone,
		     start / 60, start % 60, end / 60, end % 60, (long long)t, (long long)minutes, (long long)r,
		     (long long)between);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *line[MAX_LINES], *p, *nl;
	int n = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	for (p = text; n < MAX_LINES; p = nl + 1) {
		nl = strchr(p, '\n');
		line[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
	}
	for (int i = 0; i < n; i++)
		parse_all(line[i]);
	check_bizclock(line, n);
	free(text);
	return 0;
}
