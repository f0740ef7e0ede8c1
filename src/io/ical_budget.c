/* ical_budget.c - estimates of libical's hidden work (see ical_budget.h): what a recurrence
 * rule walks in a year, and how many changes a VTIMEZONE expands to. ical_busy.c and ical_time.c
 * charge them against the limits of ical.h before they let libical start. */
#include "io/ical_budget.h"

/* The number of values in one of libical's BY arrays (ended by ICAL_RECURRENCE_ARRAY_MAX). */
static int64_t by_count(const short *by, int size)
{
	int n = 0;

	while (n < size && by[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n;
}

static int64_t at_least_1(int64_t n)
{
	return n > 0 ? n : 1;
}

int64_t ical_rule_walk_per_year(const struct icalrecurrencetype *rule)
{
	int64_t days, times, nday = by_count(rule->by_day, ICAL_BY_DAY_SIZE);
	int day_lists = nday || by_count(rule->by_month_day, ICAL_BY_MONTHDAY_SIZE) ||
			by_count(rule->by_year_day, ICAL_BY_YEARDAY_SIZE) ||
			by_count(rule->by_week_no, ICAL_BY_WEEKNO_SIZE);

	times = at_least_1(by_count(rule->by_minute, ICAL_BY_MINUTE_SIZE)) *
		at_least_1(by_count(rule->by_second, ICAL_BY_SECOND_SIZE));
	switch (rule->freq) {
	case ICAL_SECONDLY_RECURRENCE: return 366LL * 86400;
	case ICAL_MINUTELY_RECURRENCE: return 366LL * 1440 * at_least_1(by_count(rule->by_second, ICAL_BY_SECOND_SIZE));
	case ICAL_HOURLY_RECURRENCE: return 366LL * 24 * times;
	case ICAL_DAILY_RECURRENCE: days = 366; break;
	case ICAL_WEEKLY_RECURRENCE: days = 53 * at_least_1(nday); break;
	case ICAL_MONTHLY_RECURRENCE: days = day_lists ? 366 : 12; break;
	default: /* YEARLY */ days = day_lists ? 366 : at_least_1(by_count(rule->by_month, ICAL_BY_MONTH_SIZE)); break;
	}
	if (days > 366)
		days = 366;
	return days * at_least_1(by_count(rule->by_hour, ICAL_BY_HOUR_SIZE)) * times;
}

int64_t ical_rule_instances_per_year(const struct icalrecurrencetype *rule)
{
	static const int64_t periods[] = {
		[ICAL_SECONDLY_RECURRENCE] = 366LL * 86400,
		[ICAL_MINUTELY_RECURRENCE] = 366LL * 1440,
		[ICAL_HOURLY_RECURRENCE] = 366LL * 24,
		[ICAL_DAILY_RECURRENCE] = 366,
		[ICAL_WEEKLY_RECURRENCE] = 53,
		[ICAL_MONTHLY_RECURRENCE] = 12,
		[ICAL_YEARLY_RECURRENCE] = 1,
	};
	int64_t n, days = 0, walk = ical_rule_walk_per_year(rule);
	int i, every = rule->freq == ICAL_YEARLY_RECURRENCE ? 53 : rule->freq == ICAL_MONTHLY_RECURRENCE ? 5 : 1;

	for (i = 0; i < ICAL_BY_DAY_SIZE && rule->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		days += icalrecurrencetype_day_position(rule->by_day[i]) ? 1 : every;
	n = rule->freq >= ICAL_SECONDLY_RECURRENCE && rule->freq <= ICAL_YEARLY_RECURRENCE ? periods[rule->freq] : 1;
	n *= at_least_1(days) * at_least_1(by_count(rule->by_month, ICAL_BY_MONTH_SIZE)) *
	     at_least_1(by_count(rule->by_month_day, ICAL_BY_MONTHDAY_SIZE)) *
	     at_least_1(by_count(rule->by_week_no, ICAL_BY_WEEKNO_SIZE));
	if (n > walk) /* before the year and time lists: no overflow */
		return walk;
	n *= at_least_1(by_count(rule->by_year_day, ICAL_BY_YEARDAY_SIZE));
	if (n > walk)
		return walk;
	n *= at_least_1(by_count(rule->by_hour, ICAL_BY_HOUR_SIZE)) *
	     at_least_1(by_count(rule->by_minute, ICAL_BY_MINUTE_SIZE)) *
	     at_least_1(by_count(rule->by_second, ICAL_BY_SECOND_SIZE));
	return n < walk ? n : walk;
}

/* The changes one STANDARD or DAYLIGHT block expands to up to the end of year. */
static int64_t observance_changes(icalcomponent *obs, int year)
{
	icalproperty *p = icalcomponent_get_first_property(obs, ICAL_DTSTART_PROPERTY);
	struct icalrecurrencetype rule;
	int64_t n = 1, k, years;
	int from, to;

	if (!p)
		return 0;
	from = icalproperty_get_dtstart(p).year;
	for (p = icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(obs, ICAL_RDATE_PROPERTY))
		n++;
	for (p = icalcomponent_get_first_property(obs, ICAL_RRULE_PROPERTY); p;
	     p = icalcomponent_get_next_property(obs, ICAL_RRULE_PROPERTY)) {
		rule = icalproperty_get_rrule(p);
		to = year;
		if (!icaltime_is_null_time(rule.until) && rule.until.year < to)
			to = rule.until.year;
		years = (int64_t)to - from + 1;
		if (years <= 0)
			continue;
		k = ical_rule_instances_per_year(&rule) * years;
		if (rule.count > 0 && k > rule.count)
			k = rule.count;
		n += k;
	}
	return n;
}

int64_t ical_zone_changes(icalcomponent *vtz, int year)
{
	icalcompiter it;
	icalcomponent *obs;
	icalcomponent_kind k;
	int64_t n = 0;

	for (it = icalcomponent_begin_component(vtz, ICAL_ANY_COMPONENT); (obs = icalcompiter_deref(&it));
	     icalcompiter_next(&it)) {
		k = icalcomponent_isa(obs);
		if (k == ICAL_XSTANDARD_COMPONENT || k == ICAL_XDAYLIGHT_COMPONENT)
			n += observance_changes(obs, year);
		if (n > ((int64_t)1 << 50))
			break; /* far past any limit: no overflow */
	}
	return n;
}
