/* test_bounds.c - the value rules both adapters share (src/core/bounds.c, issue 13.10): the
 * bounds of each field, whole numbers written as text, and amounts with at most two decimals
 * whether they come as text (the command line) or as a JSON number (the API). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/bounds.h"

static void test_touch_and_meeting_minutes_have_one_rule_each(void **state)
{
	struct bt_error err;
	int64_t v = 0;

	assert_int_equal(bound_int(BOUND_TOUCH_MINUTES, 2, &err), 0); /* the API refused it (5..480) */
	assert_int_equal(bound_int(BOUND_TOUCH_MINUTES, 600, &err), 0);
	assert_int_equal(bound_int(BOUND_TOUCH_MINUTES, 601, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "minutes");
	assert_string_equal(err.message, "minutes must be a whole number from 1 to 600, got '601'");
	assert_int_equal(bound_int(BOUND_MEETING_MINUTES, 4, &err), -BT_BAD_INPUT);
	assert_int_equal(bound_int(BOUND_MEETING_MINUTES, 480, &err), 0);
	assert_int_equal(bound_int_text(BOUND_EMPLOYEES, "250", &v, &err), 0);
	assert_int_equal(v, 250);
	assert_int_equal(bound_int_text(BOUND_EMPLOYEES, " 250", &v, &err), -BT_BAD_INPUT);
	assert_int_equal(bound_int_text(BOUND_EMPLOYEES, "25o", &v, &err), -BT_BAD_INPUT);
	assert_int_equal(bound_int_text(BOUND_EMPLOYEES, "10000001", &v, &err), -BT_BAD_INPUT);
	assert_string_equal(err.message, "employees must be a whole number from 0 to 10000000, got '10000001'");
}

static void test_amount_as_text_takes_at_most_two_decimals(void **state)
{
	static const struct {
		const char *in;
		int64_t cents; /* -1: refused */
	} cases[] = {{"0", 0}, {"12000", 1200000}, {"12000.5", 1200050}, {"12000.50", 1200050}, {"12.345", -1},
		     {"-5", -1}, {"1e3", -1}, {"12.", -1}, {".5", -1}, {"", -1}, {"1000000000000", 100000000000000},
		     {"1000000000000.01", -1}, {"1000000000001", -1}};
	struct bt_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t c = -7;
		int rc = bound_amount_text(cases[i].in, &c, &err);

		if (cases[i].cents < 0) {
			assert_int_equal(rc, -BT_BAD_INPUT);
			assert_string_equal(err.field, "amount");
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(c, cases[i].cents);
		}
	}
}

static void test_amount_as_a_json_number_is_never_rounded(void **state)
{
	struct bt_error err;
	int64_t c = 0;

	assert_int_equal(bound_amount_number(12.35, &c, &err), 0);
	assert_int_equal(c, 1235);
	assert_int_equal(bound_amount_number(0.1, &c, &err), 0);
	assert_int_equal(c, 10);
	assert_int_equal(bound_amount_number(12.345, &c, &err), -BT_BAD_INPUT); /* was rounded to 1235 */
	assert_non_null(strstr(err.message, "got '12.345'"));
	assert_int_equal(bound_amount_number(-5, &c, &err), -BT_BAD_INPUT);
	assert_int_equal(bound_amount_number(1e13, &c, &err), -BT_BAD_INPUT);
	assert_int_equal(bound_amount_number(1e300, &c, &err), -BT_BAD_INPUT);
	assert_int_equal(bound_amount_number(250000, &c, &err), 0);
	assert_int_equal(c, 25000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_touch_and_meeting_minutes_have_one_rule_each),
		cmocka_unit_test(test_amount_as_text_takes_at_most_two_decimals),
		cmocka_unit_test(test_amount_as_a_json_number_is_never_rounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
