/* tz.c - local time through libical's built-in zone data, and the zone of a country that has
 * only one; see tz.h. */
#include "core/tz.h"

#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"

/* The libical zone of that name; the last one looked up is remembered (libical searches its
 * list of zones by name, and routing asks for the org's zone once per lead). */
static icaltimezone *zone_of(const char *zone)
{
	static _Thread_local char last_name[64];
	static _Thread_local icaltimezone *last;

	if (!zone || !zone[0])
		return NULL;
	if (last && strcmp(zone, last_name) == 0)
		return last;
	if (zone[0] == 'U' && zone[1] == 'T' && zone[2] == 'C' && !zone[3])
		return icaltimezone_get_utc_timezone();
	last = icaltimezone_get_builtin_timezone(zone);
	if (last)
		snprintf(last_name, sizeof(last_name), "%s", zone);
	return last;
}

int tz_known(const char *zone)
{
	return zone_of(zone) != NULL;
}

const char *tz_from_crm(const char *zone, char *buf, size_t n)
{
	size_t k = 0;
	int word = 1; /* the next letter starts a word: upper case */
	const char *p;

	if (!zone || !strstr(zone, "_slash_") || tz_known(zone))
		return zone;
	for (p = zone; *p && k + 1 < n; p++) {
		char c = *p;

		if (strncmp(p, "_slash_", 7) == 0) {
			buf[k++] = '/';
			p += 6;
			word = 1;
			continue;
		}
		if (c >= 'a' && c <= 'z' && word)
			c = (char)(c - 'a' + 'A');
		word = c == '_' || c == '-';
		buf[k++] = c;
	}
	if (*p)
		return zone; /* too long to be a zone */
	buf[k] = '\0';
	return tz_known(buf) ? buf : zone;
}

/* libical expands a zone's rules only up to about 2582: past that, every look-up expands them
 * all again (tens of milliseconds: a long business-time walk took minutes, found by
 * fuzz/fuzz_time.c) and summer time is lost. The rules in force after 2100 are yearly ones and
 * the Gregorian calendar repeats every 400 years (146097 days, whole weeks), so an instant from
 * 2500 on takes the offset of the same instant 400 (800, ...) years earlier. */
#define TZ_CYCLE 12622780800LL /* 400 years, in seconds */
#define TZ_FOLD 16725225600LL  /* 2500-01-01T00:00:00Z */
#define TZ_FAR 4102444800LL    /* 2100-01-01T00:00:00Z */

static int offset_at_utc_uncached(icaltimezone *z, int64_t utc)
{
	static _Thread_local icaltimezone *covered; /* the zone last expanded up to 2500 */
	icaltimezone *utc_zone = icaltimezone_get_utc_timezone();
	struct icaltimetype tt;
	int is_dst = 0;

	if (utc >= TZ_FOLD)
		utc -= ((utc - TZ_FOLD) / TZ_CYCLE + 1) * TZ_CYCLE;
	if (utc >= TZ_FAR && covered != z) {
		/* one expansion up to 2500 now, rather than one every 5 years of a long walk */
		tt = icaltime_from_timet_with_zone((time_t)(TZ_FOLD - 1), 0, utc_zone);
		icaltimezone_get_utc_offset_of_utc_time(z, &tt, &is_dst);
		covered = z;
	}
	tt = icaltime_from_timet_with_zone((time_t)utc, 0, utc_zone);
	return icaltimezone_get_utc_offset_of_utc_time(z, &tt, &is_dst);
}

/* The offsets last computed, by zone and instant: routing asks for the same instant once per rep
 * of a pool and per lead of a batch (an import gives every lead the same clock), and libical's
 * look-up walks its expanded rules each time. */
#define TZ_MEMO 64
struct tz_memo {
	icaltimezone *zone;
	int64_t utc;
	int offset;
};

static int offset_at_utc(icaltimezone *z, int64_t utc)
{
	static _Thread_local struct tz_memo memo[TZ_MEMO];
	/* by the instant alone (Fibonacci hashing, the top 6 bits): the zone is compared */
	struct tz_memo *m = &memo[((uint64_t)utc * 0x9E3779B97F4A7C15ULL) >> 58];

	if (m->zone != z || m->utc != utc) {
		m->offset = offset_at_utc_uncached(z, utc);
		m->zone = z;
		m->utc = utc;
	}
	return m->offset;
}

int tz_local(const char *zone, int64_t utc, struct local_time *out)
{
	icaltimezone *z = zone_of(zone);
	int64_t local, day;

	if (!z || utc < CLOCK_MIN || utc > CLOCK_MAX)
		return -1;
	out->offset = offset_at_utc(z, utc);
	local = utc + out->offset;
	day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	out->day = day;
	out->weekday = (int)(((day % 7) + 7 + 3) % 7); /* 1970-01-01 was a thursday */
	out->minute = (int)((local - day * 86400) / 60);
	out->second = (int)((local - day * 86400) % 60);
	return 0;
}

int tz_utc(const char *zone, int64_t day, int minute, int64_t *utc)
{
	icaltimezone *z = zone_of(zone);
	int64_t wall = day * 86400 + (int64_t)minute * 60, guess;
	int off;

	if (!z)
		return -1;
	/* two rounds settle the offset; a wall time in a spring-forward gap lands after it */
	off = offset_at_utc(z, wall);
	guess = wall - off;
	off = offset_at_utc(z, guess);
	guess = wall - off;
	if (offset_at_utc(z, guess) != off)
		guess = wall - offset_at_utc(z, guess);
	*utc = guess;
	return 0;
}

char *tz_format(const char *zone, int64_t utc, char *buf)
{
	struct local_time lt;
	char date[16];

	if (tz_local(zone, utc, &lt)) {
		char iso[CLOCK_RFC3339_LEN];

		snprintf(buf, 20, "%.16s", clock_format_rfc3339(utc, iso));
		return buf;
	}
	snprintf(buf, 20, "%s %02d:%02d", clock_format_date(lt.day, date), lt.minute / 60, lt.minute % 60);
	return buf;
}

/* ---------------------------------------------------------------- the zone of a country */

/* Countries (ISO 3166 alpha-2, sorted) whose whole territory keeps one time: a lead from there
 * is in that zone. Countries the time zone database splits (US, CA, MX, BR, AU, RU, ES with
 * the Canaries, PT with the Azores, ...) are left out: their leads have no zone unless given. */
static const struct {
	const char code[3];
	const char *zone;
} country_zones[] = {
	{"AE", "Asia/Dubai"},         {"AT", "Europe/Vienna"},      {"BE", "Europe/Brussels"},
	{"BG", "Europe/Sofia"},       {"CH", "Europe/Zurich"},      {"CO", "America/Bogota"},
	{"CR", "America/Costa_Rica"}, {"CZ", "Europe/Prague"},      {"DE", "Europe/Berlin"},
	{"DK", "Europe/Copenhagen"},  {"EE", "Europe/Tallinn"},     {"EG", "Africa/Cairo"},
	{"FI", "Europe/Helsinki"},    {"FR", "Europe/Paris"},       {"GB", "Europe/London"},
	{"GR", "Europe/Athens"},      {"HK", "Asia/Hong_Kong"},     {"HR", "Europe/Zagreb"},
	{"HU", "Europe/Budapest"},    {"IE", "Europe/Dublin"},      {"IL", "Asia/Jerusalem"},
	{"IN", "Asia/Kolkata"},       {"IS", "Atlantic/Reykjavik"}, {"IT", "Europe/Rome"},
	{"JP", "Asia/Tokyo"},         {"KE", "Africa/Nairobi"},     {"KR", "Asia/Seoul"},
	{"LT", "Europe/Vilnius"},     {"LU", "Europe/Luxembourg"},  {"LV", "Europe/Riga"},
	{"MA", "Africa/Casablanca"},  {"MT", "Europe/Malta"},       {"NG", "Africa/Lagos"},
	{"NL", "Europe/Amsterdam"},   {"NO", "Europe/Oslo"},        {"PA", "America/Panama"},
	{"PE", "America/Lima"},       {"PH", "Asia/Manila"},        {"PL", "Europe/Warsaw"},
	{"QA", "Asia/Qatar"},         {"RO", "Europe/Bucharest"},   {"RS", "Europe/Belgrade"},
	{"SA", "Asia/Riyadh"},        {"SE", "Europe/Stockholm"},   {"SG", "Asia/Singapore"},
	{"SI", "Europe/Ljubljana"},   {"SK", "Europe/Bratislava"},  {"TH", "Asia/Bangkok"},
	{"TR", "Europe/Istanbul"},    {"TW", "Asia/Taipei"},        {"UK", "Europe/London"},
	{"UY", "America/Montevideo"}, {"VN", "Asia/Ho_Chi_Minh"},   {"ZA", "Africa/Johannesburg"},
};

const char *tz_of_country(const char *country)
{
	size_t lo = 0, hi = sizeof(country_zones) / sizeof(country_zones[0]);
	char code[3];

	if (!country || !country[0] || !country[1] || country[2])
		return NULL;
	code[0] = (char)(country[0] & ~0x20); /* ASCII upper case */
	code[1] = (char)(country[1] & ~0x20);
	code[2] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(country_zones[mid].code, code);

		if (c == 0)
			return country_zones[mid].zone;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t tz_country_count(void)
{
	return sizeof(country_zones) / sizeof(country_zones[0]);
}

const char *tz_country_at(size_t i, const char **zone)
{
	if (i >= tz_country_count())
		return NULL;
	*zone = country_zones[i].zone;
	return country_zones[i].code;
}
