/* test_contract.c - the calendar of a customer's contract (SPEC 8.12, src/core/contract.c and
 * clock_add_months): the renewal date a term of months gives, month ends clamped (Jan 31 + 1
 * month is Feb 28, Feb 29 in a leap year), the time of day kept on the org's wall clock across
 * a DST change; the renewal review due that many calendar days before the renewal date; the
 * health-check periods counted from live. One table, one runner. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/contract.h"

#include "unit.h"

enum what { RENEWS_AT, REVIEW_DUE, HEALTH_DUE };

struct contract_case {
	const char *name;
	enum what what;
	const char *zone; /* NULL: UTC */
	const char *from; /* won or renewal start; the renewal date; live */
	int64_t n;        /* term months; review `before` minutes; health period k (every 90d) */
	const char *want;
};

#define DAYS(d) ((int64_t)(d) * 1440)

static const struct contract_case cases[] = {
	{"test_renewal_date_is_twelve_months_later_by_default", RENEWS_AT, NULL, "2026-03-15T10:00:00Z", 0,
	 "2027-03-15T10:00:00Z"},
	{"test_renewal_date_of_jan_31_plus_one_month_is_feb_28", RENEWS_AT, NULL, "2026-01-31T15:00:00Z", 1,
	 "2026-02-28T15:00:00Z"},
	{"test_renewal_date_of_jan_31_plus_one_month_in_a_leap_year_is_feb_29", RENEWS_AT, NULL,
	 "2028-01-31T15:00:00Z", 1, "2028-02-29T15:00:00Z"},
	{"test_renewal_date_of_feb_29_plus_twelve_months_is_feb_28", RENEWS_AT, NULL, "2028-02-29T09:00:00Z", 12,
	 "2029-02-28T09:00:00Z"},
	{"test_renewal_date_of_aug_31_plus_six_months_is_the_end_of_february", RENEWS_AT, NULL,
	 "2026-08-31T09:00:00Z", 6, "2027-02-28T09:00:00Z"},
	{"test_renewal_date_crosses_the_year", RENEWS_AT, NULL, "2026-11-30T09:00:00Z", 3, "2027-02-28T09:00:00Z"},
	{"test_renewal_date_of_a_long_term_runs_whole_years", RENEWS_AT, NULL, "2026-05-31T09:00:00Z", 36,
	 "2029-05-31T09:00:00Z"},
	/* 10:00 in Paris in October (UTC+2) is still 10:00 in November (UTC+1) */
	{"test_renewal_date_keeps_the_org_wall_time_across_dst", RENEWS_AT, "Europe/Paris", "2026-10-15T08:00:00Z", 1,
	 "2026-11-15T09:00:00Z"},
	/* 09:00 in New York on Jan 31 (UTC-5): Feb 28 09:00 */
	{"test_renewal_date_month_end_is_the_org_local_date", RENEWS_AT, "America/New_York", "2026-01-31T14:00:00Z",
	 1, "2026-02-28T14:00:00Z"},
	{"test_renewal_date_late_evening_in_new_york_is_its_local_day", RENEWS_AT, "America/New_York",
	 /* Jan 31 23:30 in New York is Feb 1 04:30 UTC: the local Jan 31 gives Feb 28 23:30 */
	 "2026-02-01T04:30:00Z", 1, "2026-03-01T04:30:00Z"},
	{"test_review_is_due_ninety_calendar_days_before_the_renewal_date", REVIEW_DUE, NULL, "2027-01-31T14:00:00Z",
	 DAYS(90), "2026-11-02T14:00:00Z"},
	/* 15:00 in Paris on Jan 31 (UTC+1), 90 days earlier is Nov 2 15:00, still UTC+1 */
	{"test_review_due_in_paris_keeps_its_wall_time", REVIEW_DUE, "Europe/Paris", "2027-01-31T14:00:00Z", DAYS(90),
	 "2026-11-02T14:00:00Z"},
	/* a renewal on Jul 1 10:00 Paris (UTC+2): 180 days before is Jan 2 10:00 (UTC+1) */
	{"test_review_due_across_dst_is_calendar_days_not_hours", REVIEW_DUE, "Europe/Paris", "2027-07-01T08:00:00Z",
	 DAYS(180), "2027-01-02T09:00:00Z"},
	{"test_first_health_check_ends_ninety_days_after_live", HEALTH_DUE, "Europe/Paris", "2026-02-10T09:00:00Z", 1,
	 "2026-05-11T08:00:00Z"},
	{"test_second_health_check_ends_one_hundred_eighty_days_after_live", HEALTH_DUE, "Europe/Paris",
	 "2026-02-10T09:00:00Z", 2, "2026-08-09T08:00:00Z"},
	{"test_health_check_periods_in_utc", HEALTH_DUE, NULL, "2026-02-10T09:00:00Z", 4, "2027-02-05T09:00:00Z"},
};

static void run_case(void **state)
{
	const struct contract_case *c = *state;
	int64_t from = unit_at(c->from), got = 0;
	char buf[CLOCK_RFC3339_LEN];

	switch (c->what) {
	case RENEWS_AT: got = contract_renews_at(c->zone, from, c->n); break;
	case REVIEW_DUE: got = contract_review_due(c->zone, from, c->n); break;
	case HEALTH_DUE: got = contract_health_due(c->zone, from, DAYS(90), c->n); break;
	}
	assert_string_equal(clock_format_rfc3339(got, buf), c->want);
}

UNIT_TABLE_MAIN("contract", cases, run_case, NULL, NULL)
