/* contract.c - the calendar arithmetic of a customer's contract; see contract.h. */
#include "core/contract.h"

#include "core/clock.h"
#include "core/tz.h"

/* t's local day and seconds into it in zone; UTC when the zone is unknown. */
static void local_of(const char *zone, int64_t t, int64_t *day, int64_t *secs)
{
	struct local_time lt;

	if (zone && tz_local(zone, t, &lt) == 0) {
		*day = lt.day;
		*secs = (int64_t)lt.minute * 60 + lt.second;
		return;
	}
	*day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	*secs = t - *day * 86400;
}

/* The instant of local (day, secs) in zone; UTC when the zone is unknown. */
static int64_t utc_of(const char *zone, int64_t day, int64_t secs)
{
	int64_t t;

	if (zone && tz_utc(zone, day, (int)(secs / 60), &t) == 0)
		return t + secs % 60;
	return day * 86400 + secs;
}

int64_t contract_add_months(const char *zone, int64_t t, int64_t months)
{
	int64_t day, secs;

	local_of(zone, t, &day, &secs);
	return utc_of(zone, clock_add_months(day, months), secs);
}

int64_t contract_shift(const char *zone, int64_t t, int64_t minutes)
{
	int64_t day, secs, days = minutes / 1440;

	local_of(zone, t, &day, &secs);
	return utc_of(zone, day + days, secs) + (minutes - days * 1440) * 60;
}

int64_t contract_renews_at(const char *zone, int64_t start, int64_t term_months)
{
	return contract_add_months(zone, start, term_months > 0 ? term_months : CONTRACT_TERM_DEFAULT);
}

int64_t contract_review_due(const char *zone, int64_t renews_at, int64_t before)
{
	return contract_shift(zone, renews_at, -before);
}

int64_t contract_health_due(const char *zone, int64_t live_at, int64_t every, int64_t k)
{
	return contract_shift(zone, live_at, every * k);
}
