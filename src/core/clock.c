/* clock.c - RFC 3339 instants, dates, durations; pure arithmetic, no time zone database and
 * no wall clock (local time lives in tz.c). See clock.h. */
#include "core/clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

static int days_in_month(int64_t y, unsigned m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dm[m - 1];
}

/* Reads exactly n digits at *p into *v and advances; returns 0 or -1. */
static int digits(const char **p, int n, int *v)
{
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		x = x * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*v = x;
	return 0;
}

static int parse_ymd(const char **p, int *y, int *mo, int *d)
{
	if (digits(p, 4, y) || **p != '-')
		return -1;
	(*p)++;
	if (digits(p, 2, mo) || **p != '-')
		return -1;
	(*p)++;
	if (digits(p, 2, d))
		return -1;
	if (*y < 1900 || *y > 9999 || *mo < 1 || *mo > 12 || *d < 1 || *d > days_in_month(*y, (unsigned)*mo))
		return -1;
	return 0;
}

int clock_parse_rfc3339(const char *s, int64_t *out)
{
	const char *p = s;
	int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;

	if (!s || parse_ymd(&p, &y, &mo, &d))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi) || *p++ != ':' || digits(&p, 2, &se))
		return -1;
	if (h > 23 || mi > 59 || se > 60)
		return -1;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		p++;
		if (digits(&p, 2, &oh) || *p++ != ':' || digits(&p, 2, &om) || oh > 23 || om > 59)
			return -1;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + (se > 59 ? 59 : se) -
	       sign * (oh * 3600 + om * 60);
	/* the instant must be writable back as RFC 3339 in UTC: years 1900 to 9999 */
	if (*out < CLOCK_MIN || *out > CLOCK_MAX)
		return -1;
	return 0;
}

char *clock_format_rfc3339(int64_t t, char *buf)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400, y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, CLOCK_RFC3339_LEN, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60));
	return buf;
}

int clock_parse_date(const char *s, int64_t *days)
{
	const char *p = s;
	int y, mo, d;

	if (!s || parse_ymd(&p, &y, &mo, &d) || *p)
		return -1;
	*days = days_from_civil(y, (unsigned)mo, (unsigned)d);
	return 0;
}

char *clock_format_date(int64_t days, char *buf)
{
	int64_t y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, 16, "%04lld-%02u-%02u", (long long)y, m, d);
	return buf;
}

int64_t clock_add_months(int64_t days, int64_t months)
{
	int64_t y, m0;
	unsigned m, d;
	int last;

	civil_from_days(days, &y, &m, &d);
	m0 = y * 12 + (m - 1) + months;
	y = m0 >= 0 ? m0 / 12 : (m0 - 11) / 12;
	m = (unsigned)(m0 - y * 12) + 1;
	last = days_in_month(y, m);
	return days_from_civil(y, m, d > (unsigned)last ? (unsigned)last : d);
}

int clock_parse_duration(const char *s, int64_t *minutes)
{
	int64_t n = 0, mult;
	const char *p = s;

	if (!s || !isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		n = n * 10 + (*p - '0');
		if (n > 100000000)
			return -1;
		p++;
	}
	switch (*p) {
	case 'm': mult = 1; break;
	case 'h': mult = 60; break;
	case 'd': mult = 1440; break;
	default: return -1;
	}
	if (p[1] || n < 1)
		return -1;
	*minutes = n * mult;
	return 0;
}

char *clock_format_duration(int64_t minutes, char *buf)
{
	if (minutes % 1440 == 0)
		snprintf(buf, 24, "%lldd", (long long)(minutes / 1440));
	else if (minutes % 60 == 0)
		snprintf(buf, 24, "%lldh", (long long)(minutes / 60));
	else
		snprintf(buf, 24, "%lldm", (long long)minutes);
	return buf;
}

int clock_parse_hhmm(const char *s, int *minutes)
{
	const char *p = s;
	int h, m;

	if (!s || digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &m) || *p)
		return -1;
	if (h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int clock_parse_hours(const char *s, int *start, int *end)
{
	char a[6];
	const char *dash = s ? strchr(s, '-') : NULL;
	int x, y;

	if (!dash || dash - s != 5)
		return -1;
	memcpy(a, s, 5);
	a[5] = '\0';
	if (clock_parse_hhmm(a, &x) || clock_parse_hhmm(dash + 1, &y) || x >= y)
		return -1;
	*start = x;
	*end = y;
	return 0;
}
