/* test_clock.c - RFC 3339 instants, dates, durations and local time (libical zones). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/clock.h"
#include "core/tz.h"

static void test_rfc3339_utc_round_trips(void **state)
{
	char buf[CLOCK_RFC3339_LEN];
	int64_t t;

	assert_int_equal(clock_parse_rfc3339("2026-11-23T08:03:00Z", &t), 0);
	assert_int_equal(t, 1795420980);
	assert_string_equal(clock_format_rfc3339(t, buf), "2026-11-23T08:03:00Z");
	assert_int_equal(clock_parse_rfc3339("1970-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t, 0);
}

static void test_rfc3339_offsets_and_fractions(void **state)
{
	int64_t a, b;

	assert_int_equal(clock_parse_rfc3339("2026-11-23T09:03:00+01:00", &a), 0);
	assert_int_equal(clock_parse_rfc3339("2026-11-23T08:03:00.250Z", &b), 0);
	assert_int_equal(a, b);
	assert_int_equal(clock_parse_rfc3339("2026-11-23T03:03:00-05:00", &a), 0);
	assert_int_equal(a, b);
}

static void test_rfc3339_rejects_malformed(void **state)
{
	static const char *const bad[] = {
		"", "2026-11-23", "2026-11-23T08:03:00", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
		"2026-11-23T24:00:00Z", "2026-11-23T08:60:00Z", "2026-11-23T08:03:00+1:00", "2026-11-23T08:03:00Zjunk",
		"yesterday", "2026-11-23T08:03:00.Z", "26-11-23T08:03:00Z",
	};
	size_t i;
	int64_t t;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(clock_parse_rfc3339(bad[i], &t), -1);
	assert_int_equal(clock_parse_rfc3339("2028-02-29T00:00:00Z", &t), 0); /* leap year */
}

static void test_dates(void **state)
{
	char buf[16];
	int64_t d;

	assert_int_equal(clock_parse_date("2026-12-25", &d), 0);
	assert_int_equal(d, 20812);
	assert_string_equal(clock_format_date(d, buf), "2026-12-25");
	assert_int_equal(clock_parse_date("2026-12-32", &d), -1);
	assert_int_equal(clock_parse_date("2026-12-25T00:00:00Z", &d), -1);
}

static void test_durations(void **state)
{
	char buf[24];
	int64_t m;

	assert_int_equal(clock_parse_duration("5m", &m), 0);
	assert_int_equal(m, 5);
	assert_int_equal(clock_parse_duration("24h", &m), 0);
	assert_int_equal(m, 1440);
	assert_int_equal(clock_parse_duration("10d", &m), 0);
	assert_int_equal(m, 14400);
	assert_string_equal(clock_format_duration(14400, buf), "10d");
	assert_string_equal(clock_format_duration(90, buf), "90m");
	assert_string_equal(clock_format_duration(120, buf), "2h");
	assert_int_equal(clock_parse_duration("0m", &m), -1);
	assert_int_equal(clock_parse_duration("-5m", &m), -1);
	assert_int_equal(clock_parse_duration("5x", &m), -1);
	assert_int_equal(clock_parse_duration("5", &m), -1);
	assert_int_equal(clock_parse_duration("5mm", &m), -1);
	assert_int_equal(clock_parse_duration("99999999999d", &m), -1);
}

static void test_hhmm(void **state)
{
	int m;

	assert_int_equal(clock_parse_hhmm("09:00", &m), 0);
	assert_int_equal(m, 540);
	assert_int_equal(clock_parse_hhmm("24:00", &m), 0);
	assert_int_equal(m, 1440);
	assert_int_equal(clock_parse_hhmm("24:01", &m), -1);
	assert_int_equal(clock_parse_hhmm("9:00", &m), -1);
	assert_int_equal(clock_parse_hhmm("09:60", &m), -1);
}

static void test_local_time_paris_winter_and_summer(void **state)
{
	struct local_time lt;
	int64_t t;

	clock_parse_rfc3339("2026-11-27T16:58:00Z", &t); /* Friday 17:58 in Paris (UTC+1) */
	assert_int_equal(tz_local("Europe/Paris", t, &lt), 0);
	assert_int_equal(lt.weekday, 4);
	assert_int_equal(lt.minute, 17 * 60 + 58);
	assert_int_equal(lt.offset, 3600);
	clock_parse_rfc3339("2026-07-01T12:00:00Z", &t); /* summer: UTC+2 */
	assert_int_equal(tz_local("Europe/Paris", t, &lt), 0);
	assert_int_equal(lt.minute, 14 * 60);
	assert_int_equal(lt.offset, 7200);
	assert_int_equal(tz_local("Mars/Olympus_Mons", t, &lt), -1);
	assert_int_equal(tz_known("America/New_York"), 1);
	assert_int_equal(tz_known("Europe/Pariss"), 0);
}

static void test_local_wall_time_to_utc(void **state)
{
	int64_t day, t;
	char buf[CLOCK_RFC3339_LEN];

	clock_parse_date("2027-02-01", &day);
	assert_int_equal(tz_utc("Europe/Paris", day, 0, &t), 0);
	assert_string_equal(clock_format_rfc3339(t, buf), "2027-01-31T23:00:00Z");
	clock_parse_date("2026-07-01", &day);
	assert_int_equal(tz_utc("America/New_York", day, 9 * 60, &t), 0);
	assert_string_equal(clock_format_rfc3339(t, buf), "2026-07-01T13:00:00Z");
	/* 02:30 on the spring-forward night in Paris does not exist: lands after the gap */
	clock_parse_date("2026-03-29", &day);
	assert_int_equal(tz_utc("Europe/Paris", day, 150, &t), 0);
	assert_true(t >= 1774746000 - 3600 && t <= 1774746000 + 3600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3339_utc_round_trips),
		cmocka_unit_test(test_rfc3339_offsets_and_fractions),
		cmocka_unit_test(test_rfc3339_rejects_malformed),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_hhmm),
		cmocka_unit_test(test_local_time_paris_winter_and_summer),
		cmocka_unit_test(test_local_wall_time_to_utc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
