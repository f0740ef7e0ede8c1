/* test_unit_economics.c - the formulas of `report unit` (SPEC 8.12, src/core/report_unit.c):
 * LTV = annual value x gross margin / churn rate, null (refused) when the churn rate is 0; CAC =
 * (a channel's direct costs + the shared costs x its share of the new customers) / its new
 * customers, null without a new customer; the years a period spans, in 365-day years. One
 * table, one runner. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/report.h"

#include "unit.h"

enum formula { LTV, CAC, YEARS };

struct unit_case {
	const char *name;
	enum formula formula;
	double a, b, c;   /* LTV: value, margin, churn; CAC: direct, shared; YEARS: unused */
	int64_t n, all;   /* CAC: the channel's new customers, all new customers */
	const char *from; /* YEARS: the period */
	const char *to;
	int rc;      /* 0 or -1 (null) */
	double want; /* when rc is 0 */
};

static const struct unit_case cases[] = {
	{"test_ltv_is_annual_value_times_margin_over_churn", LTV, 9000, 0.8, 0.5, 0, 0, NULL, NULL, 0, 14400},
	{"test_ltv_of_a_full_churn_is_one_year_of_margin", LTV, 6000, 0.8, 1.0, 0, 0, NULL, NULL, 0, 4800},
	{"test_ltv_is_null_when_nothing_churns", LTV, 12000, 0.8, 0.0, 0, 0, NULL, NULL, -1, 0},
	{"test_cac_of_one_channel_adds_its_share_of_the_shared_costs", CAC, 720000, 640000, 0, 1, 2, NULL, NULL, 0,
	 1040000},
	{"test_cac_of_all_channels_is_every_cost_over_every_customer", CAC, 1000000, 640000, 0, 2, 2, NULL, NULL, 0,
	 820000},
	{"test_cac_of_a_channel_without_new_customers_is_null", CAC, 280000, 640000, 0, 0, 2, NULL, NULL, -1, 0},
	{"test_cac_without_any_new_customer_is_null", CAC, 280000, 640000, 0, 0, 0, NULL, NULL, -1, 0},
	{"test_two_common_years_are_two_years", YEARS, 0, 0, 0, 0, 0, "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z",
	 0, 2.0},
	{"test_a_leap_year_is_a_little_more_than_a_year", YEARS, 0, 0, 0, 0, 0, "2028-01-01T00:00:00Z",
	 "2029-01-01T00:00:00Z", 0, 366.0 / 365.0},
	{"test_an_empty_period_is_no_time", YEARS, 0, 0, 0, 0, 0, "2027-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 0,
	 0.0},
};

static void run_case(void **state)
{
	const struct unit_case *c = *state;
	double got = 0.0;
	int rc = 0;

	switch (c->formula) {
	case LTV: rc = report_unit_ltv(c->a, c->b, c->c, &got); break;
	case CAC: rc = report_unit_cac(c->a, c->b, c->n, c->all, &got); break;
	case YEARS: got = report_unit_years(unit_at(c->from), unit_at(c->to)); break;
	}
	assert_int_equal(rc, c->rc);
	if (!rc)
		assert_float_equal(got, c->want, 1e-9);
}

UNIT_TABLE_MAIN("unit_economics", cases, run_case, NULL, NULL)
