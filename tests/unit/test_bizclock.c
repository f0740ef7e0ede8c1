/* test_bizclock.c - business time: the SPEC's two examples, weekends, holidays, starting outside
 * hours, ending at close, both DST changes of Europe/Paris and America/New_York (inside and
 * outside the hours), long durations, between() as the inverse of add(), and the "never" clock;
 * hours per weekday, and a rep's calendar built from its own zone and hours, its team's and the
 * org's (SPEC 8.4). Every expected instant is written in UTC, with the local time it stands for
 * in a comment. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/bizclock.h"
#include "core/clock.h"
#include "core/playbook.h"
#include "core/tz.h"

#define MON_FRI 0x1fu
#define MON_THU 0x0fu
#define EVERY_DAY 0x7fu
#define SUNDAY 0x40u
#define HM(h, m) ((h) * 60 + (m))

static int64_t christmas[1]; /* 2026-12-25, a friday */

/* The instant of an RFC 3339 string. */
static int64_t at(const char *s)
{
	int64_t t = 0;

	assert_int_equal(clock_parse_rfc3339(s, &t), 0);
	return t;
}

/* Checks instant got against the RFC 3339 string want (readable on failure). */
static void assert_instant(int64_t got, const char *want)
{
	char buf[CLOCK_RFC3339_LEN];

	assert_true(got != BIZCLOCK_NEVER);
	assert_string_equal(clock_format_rfc3339(got, buf), want);
}

/* A clock built the way the SLA code builds the org's: from a playbook (borrowed by bc). */
static void clock_of(struct bizclock *bc, struct playbook *pb, const char *zone, unsigned days, int start, int end,
		     int64_t *holidays, size_t nholidays)
{
	memset(pb, 0, sizeof(*pb));
	pb->org.name = "Test Co";
	pb->org.timezone = zone;
	pb_hours_set(&pb->org.hours, days, start, end);
	pb->org.holidays = holidays;
	pb->org.nholidays = nholidays;
	bizclock_init(bc, pb, NULL, NULL);
}

/* The default playbook's clock: Europe/Paris, mon-fri 09:00-18:00, 2026-12-25 off. */
static void paris(struct bizclock *bc, struct playbook *pb)
{
	assert_int_equal(clock_parse_date("2026-12-25", &christmas[0]), 0);
	clock_of(bc, pb, "Europe/Paris", MON_FRI, HM(9, 0), HM(18, 0), christmas, 1);
}

/* A rep of `team` (may be NULL) with its own zone (NULL: none) and hours (-1: none). */
static struct rep rep_of(const char *team, const char *zone, int start, int end)
{
	struct rep r;

	memset(&r, 0, sizeof(r));
	r.name = "ada";
	r.team = team;
	r.timezone = zone;
	r.hours_start = start;
	r.hours_end = end;
	r.active = 1;
	r.capacity = -1;
	return r;
}

/* ---- the SPEC's examples ---- */

static void test_five_minutes_after_friday_1758_is_monday_0903(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	int64_t from = at("2026-11-27T16:58:00Z"); /* friday 17:58 in Paris (UTC+1) */

	paris(&bc, &pb);
	/* 2 minutes on friday, 3 on monday: monday 2026-11-30 09:03 Paris */
	assert_instant(bizclock_add(&bc, from, 5), "2026-11-30T08:03:00Z");
	assert_int_equal(bizclock_between(&bc, from, at("2026-11-30T08:03:00Z")), 5);
}

static void test_24h_of_business_time_is_two_days_and_six_hours(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	int64_t from = at("2026-11-23T08:00:00Z"); /* monday 09:00 Paris */

	paris(&bc, &pb);
	/* 1440 = 540 monday + 540 tuesday + 360 wednesday: wednesday 15:00 Paris */
	assert_instant(bizclock_add(&bc, from, 24 * 60), "2026-11-25T14:00:00Z");
	assert_int_equal(bizclock_between(&bc, from, at("2026-11-25T14:00:00Z")), 1440);
}

/* ---- days off, starting outside hours, closing time ---- */

static void test_weekend_is_skipped(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	/* friday 17:00 + 2h: 1h friday, 1h monday -> monday 10:00 Paris */
	assert_instant(bizclock_add(&bc, at("2026-11-27T16:00:00Z"), 120), "2026-11-30T09:00:00Z");
	/* friday 18:00 to monday 09:00 holds no business time */
	assert_int_equal(bizclock_between(&bc, at("2026-11-27T17:00:00Z"), at("2026-11-30T08:00:00Z")), 0);
	assert_false(bizclock_open(&bc, at("2026-11-28T10:00:00Z"))); /* saturday 11:00 */
	assert_false(bizclock_open(&bc, at("2026-11-29T10:00:00Z"))); /* sunday 11:00 */
	/* a whole week, monday 09:00 to monday 09:00: 5 x 540 */
	assert_int_equal(bizclock_between(&bc, at("2026-11-23T08:00:00Z"), at("2026-11-30T08:00:00Z")), 2700);
}

static void test_holiday_is_skipped(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	/* thursday 2026-12-24 17:00 + 2h: 1h thursday, friday 25 off, weekend -> monday 28 10:00 Paris */
	assert_instant(bizclock_add(&bc, at("2026-12-24T16:00:00Z"), 120), "2026-12-28T09:00:00Z");
	assert_false(bizclock_open(&bc, at("2026-12-25T10:00:00Z"))); /* friday 11:00, the holiday */
	/* starting on the holiday counts from monday's opening */
	assert_instant(bizclock_add(&bc, at("2026-12-25T10:00:00Z"), 5), "2026-12-28T08:05:00Z");
	assert_instant(bizclock_next_open(&bc, at("2026-12-25T10:00:00Z")), "2026-12-28T08:00:00Z");
	/* the week of christmas has 4 business days */
	assert_int_equal(bizclock_between(&bc, at("2026-12-21T08:00:00Z"), at("2026-12-28T08:00:00Z")), 4 * 540);
}

static void test_holiday_listed_twice_or_on_a_weekend_counts_once(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	int64_t hol[3];

	assert_int_equal(clock_parse_date("2026-12-25", &hol[0]), 0);
	hol[1] = hol[0];
	hol[2] = hol[0] + 1; /* saturday 26: not a business day anyway */
	clock_of(&bc, &pb, "Europe/Paris", MON_FRI, HM(9, 0), HM(18, 0), hol, 3);
	/* 4 weeks from monday 2026-12-07 (the walk skips whole weeks here): 19 days */
	assert_int_equal(bizclock_between(&bc, at("2026-12-07T08:00:00Z"), at("2027-01-04T08:00:00Z")), 19 * 540);
	/* 19 days of 540 minutes end at the close of the 19th business day, friday 2027-01-01
	 * (not a holiday here), 18:00 CET */
	assert_instant(bizclock_add(&bc, at("2026-12-07T08:00:00Z"), 19 * 540), "2027-01-01T17:00:00Z");
}

static void test_starting_outside_hours_counts_from_next_opening(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	/* saturday 11:00 -> monday 09:05 Paris */
	assert_instant(bizclock_add(&bc, at("2026-11-28T10:00:00Z"), 5), "2026-11-30T08:05:00Z");
	/* tuesday 07:00, before opening -> tuesday 09:05 */
	assert_instant(bizclock_add(&bc, at("2026-11-24T06:00:00Z"), 5), "2026-11-24T08:05:00Z");
	/* tuesday 20:00, the evening -> wednesday 09:05 */
	assert_instant(bizclock_add(&bc, at("2026-11-24T19:00:00Z"), 5), "2026-11-25T08:05:00Z");
	/* friday 18:00 exactly is closed -> monday 09:05 */
	assert_instant(bizclock_add(&bc, at("2026-11-27T17:00:00Z"), 5), "2026-11-30T08:05:00Z");
	/* an instant with seconds keeps them */
	assert_instant(bizclock_add(&bc, at("2026-11-24T08:00:30Z"), 1), "2026-11-24T08:01:30Z");
}

static void test_ending_exactly_at_close_lands_at_close(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	/* 9h from monday 09:00 -> monday 18:00, not tuesday 09:00 */
	assert_instant(bizclock_add(&bc, at("2026-11-23T08:00:00Z"), 540), "2026-11-23T17:00:00Z");
	/* 1h from friday 17:00 -> friday 18:00, not monday */
	assert_instant(bizclock_add(&bc, at("2026-11-27T16:00:00Z"), 60), "2026-11-27T17:00:00Z");
	/* one minute more goes to the next opening */
	assert_instant(bizclock_add(&bc, at("2026-11-27T16:00:00Z"), 61), "2026-11-30T08:01:00Z");
	/* 18:00 itself is closed; 17:59 is open */
	assert_false(bizclock_open(&bc, at("2026-11-27T17:00:00Z")));
	assert_true(bizclock_open(&bc, at("2026-11-27T16:59:00Z")));
}

static void test_zero_minutes_is_from_itself(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	assert_instant(bizclock_add(&bc, at("2026-11-28T10:00:00Z"), 0), "2026-11-28T10:00:00Z");
	assert_int_equal(bizclock_between(&bc, at("2026-11-24T10:00:00Z"), at("2026-11-24T09:00:00Z")), 0);
}

static void test_open_and_next_open(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	assert_true(bizclock_open(&bc, at("2026-11-23T08:00:00Z")));  /* monday 09:00 */
	assert_false(bizclock_open(&bc, at("2026-11-23T07:59:59Z"))); /* monday 08:59:59 */
	assert_instant(bizclock_next_open(&bc, at("2026-11-23T10:17:03Z")), "2026-11-23T10:17:03Z");
	assert_instant(bizclock_next_open(&bc, at("2026-11-23T07:59:59Z")), "2026-11-23T08:00:00Z");
	assert_instant(bizclock_next_open(&bc, at("2026-11-27T17:00:00Z")), "2026-11-30T08:00:00Z");
	/* summer: 09:00 Paris is 07:00Z */
	assert_instant(bizclock_next_open(&bc, at("2026-07-04T12:00:00Z")), "2026-07-06T07:00:00Z");
}

/* ---- daylight saving: Europe/Paris ---- */

static void test_paris_spring_forward_weekend(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	/* sunday 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z). Friday 17:00 CET (16:00Z) + 2h:
	 * 1h friday, 1h monday -> monday 10:00 CEST = 08:00Z (64 calendar hours later, not 65) */
	assert_instant(bizclock_add(&bc, at("2026-03-27T16:00:00Z"), 120), "2026-03-30T08:00:00Z");
	/* monday 23 09:00 CET (08:00Z) to monday 30 09:00 CEST (07:00Z): still 5 days of 9 hours */
	assert_int_equal(bizclock_between(&bc, at("2026-03-23T08:00:00Z"), at("2026-03-30T07:00:00Z")), 2700);
	/* 24h from thursday 26 09:00 CET (08:00Z): 540 thu + 540 fri + 360 mon -> monday 15:00 CEST */
	assert_instant(bizclock_add(&bc, at("2026-03-26T08:00:00Z"), 1440), "2026-03-30T13:00:00Z");
}

static void test_paris_spring_forward_inside_hours(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	/* a team working sundays 00:00-06:00: on 2026-03-29 the hour 02:00-03:00 does not exist;
	 * 00:00 CET = 03-28T23:00Z to 06:00 CEST = 03-29T04:00Z is 5 real hours */
	clock_of(&bc, &pb, "Europe/Paris", SUNDAY, HM(0, 0), HM(6, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z")), 300);
	assert_instant(bizclock_add(&bc, at("2026-03-28T23:00:00Z"), 300), "2026-03-29T04:00:00Z");
	/* 2h after 00:00 CET is 01:00Z = 03:00 CEST */
	assert_instant(bizclock_add(&bc, at("2026-03-28T23:00:00Z"), 120), "2026-03-29T01:00:00Z");
	assert_true(bizclock_open(&bc, at("2026-03-29T01:00:00Z")));
	/* one minute more than the day holds: next sunday 00:01 CEST = 04-04T22:01Z */
	assert_instant(bizclock_add(&bc, at("2026-03-28T23:00:00Z"), 301), "2026-04-04T22:01:00Z");

	/* hours 01:00-04:00 every day: 01:00 CET = 00:00Z to 04:00 CEST = 02:00Z, 120 minutes */
	clock_of(&bc, &pb, "Europe/Paris", EVERY_DAY, HM(1, 0), HM(4, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-03-28T22:00:00Z"), at("2026-03-29T22:00:00Z")), 120);
	/* 150 from sunday's opening: 120 sunday, then monday 01:00 CEST (03-29T23:00Z) + 30 */
	assert_instant(bizclock_add(&bc, at("2026-03-29T00:00:00Z"), 150), "2026-03-29T23:30:00Z");
}

static void test_paris_fall_back_weekend(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	/* sunday 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z). Friday 17:00 CEST (15:00Z) + 2h:
	 * 1h friday, 1h monday -> monday 10:00 CET = 09:00Z (66 calendar hours later, not 65) */
	assert_instant(bizclock_add(&bc, at("2026-10-23T15:00:00Z"), 120), "2026-10-26T09:00:00Z");
	/* monday 19 09:00 CEST (07:00Z) to monday 26 09:00 CET (08:00Z): 5 days of 9 hours */
	assert_int_equal(bizclock_between(&bc, at("2026-10-19T07:00:00Z"), at("2026-10-26T08:00:00Z")), 2700);
}

static void test_paris_fall_back_inside_hours(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	/* sundays 00:00-06:00 on 2026-10-25: 00:00 CEST = 10-24T22:00Z to 06:00 CET = 10-25T05:00Z,
	 * 7 real hours (02:00-03:00 happens twice) */
	clock_of(&bc, &pb, "Europe/Paris", SUNDAY, HM(0, 0), HM(6, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z")), 420);
	assert_instant(bizclock_add(&bc, at("2026-10-24T22:00:00Z"), 420), "2026-10-25T05:00:00Z");
	/* 3h after 00:00 CEST is 01:00Z: the second 02:00, in CET */
	assert_instant(bizclock_add(&bc, at("2026-10-24T22:00:00Z"), 180), "2026-10-25T01:00:00Z");
	/* one minute more than the day holds: next sunday 00:01 CET = 10-31T23:01Z */
	assert_instant(bizclock_add(&bc, at("2026-10-24T22:00:00Z"), 421), "2026-10-31T23:01:00Z");

	/* hours 02:00-02:30 every day: on 2026-10-25 they happen twice, 02:00-02:30 CEST
	 * (00:00Z-00:30Z) and 02:00-02:30 CET (01:00Z-01:30Z): 60 real minutes */
	clock_of(&bc, &pb, "Europe/Paris", EVERY_DAY, HM(2, 0), HM(2, 30), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-10-24T22:00:00Z"), at("2026-10-25T22:00:00Z")), 60);
	assert_instant(bizclock_add(&bc, at("2026-10-25T00:00:00Z"), 30), "2026-10-25T00:30:00Z");
	assert_instant(bizclock_add(&bc, at("2026-10-25T00:00:00Z"), 31), "2026-10-25T01:01:00Z");
	assert_instant(bizclock_add(&bc, at("2026-10-25T00:00:00Z"), 60), "2026-10-25T01:30:00Z");
	/* then monday 02:00 CET = 10-26T01:00Z */
	assert_instant(bizclock_add(&bc, at("2026-10-25T00:00:00Z"), 61), "2026-10-26T01:01:00Z");
	assert_false(bizclock_open(&bc, at("2026-10-25T00:45:00Z"))); /* 02:45 CEST */
	assert_true(bizclock_open(&bc, at("2026-10-25T01:15:00Z")));  /* 02:15 CET */
	assert_instant(bizclock_next_open(&bc, at("2026-10-25T00:45:00Z")), "2026-10-25T01:00:00Z");
}

/* ---- daylight saving: America/New_York ---- */

static void test_new_york_spring_forward(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	/* sunday 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z). Friday 17:00 EST (22:00Z) + 2h:
	 * 1h friday, 1h monday -> monday 10:00 EDT = 14:00Z */
	clock_of(&bc, &pb, "America/New_York", MON_FRI, HM(9, 0), HM(18, 0), NULL, 0);
	assert_instant(bizclock_add(&bc, at("2026-03-06T22:00:00Z"), 120), "2026-03-09T14:00:00Z");

	/* sundays 00:00-06:00: 00:00 EST = 05:00Z to 06:00 EDT = 10:00Z, 5 real hours */
	clock_of(&bc, &pb, "America/New_York", SUNDAY, HM(0, 0), HM(6, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-03-07T12:00:00Z"), at("2026-03-08T12:00:00Z")), 300);
	assert_instant(bizclock_add(&bc, at("2026-03-08T05:00:00Z"), 300), "2026-03-08T10:00:00Z");
	/* 2h after 00:00 EST is 07:00Z = 03:00 EDT */
	assert_instant(bizclock_add(&bc, at("2026-03-08T05:00:00Z"), 120), "2026-03-08T07:00:00Z");

	/* hours 01:00-04:00 on sunday: 01:00 EST = 06:00Z to 04:00 EDT = 08:00Z, 120 minutes */
	clock_of(&bc, &pb, "America/New_York", SUNDAY, HM(1, 0), HM(4, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-03-07T12:00:00Z"), at("2026-03-08T12:00:00Z")), 120);

	/* hours 02:00-03:00 on sunday fall entirely in the gap: no business time on 03-08; the
	 * next opening is sunday 03-15 02:00 EDT = 06:00Z */
	clock_of(&bc, &pb, "America/New_York", SUNDAY, HM(2, 0), HM(3, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-03-07T12:00:00Z"), at("2026-03-08T12:00:00Z")), 0);
	assert_instant(bizclock_next_open(&bc, at("2026-03-07T17:00:00Z")), "2026-03-15T06:00:00Z");
	assert_instant(bizclock_add(&bc, at("2026-03-07T17:00:00Z"), 5), "2026-03-15T06:05:00Z");
}

static void test_new_york_fall_back(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	/* sunday 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z). Friday 17:00 EDT (21:00Z) + 2h:
	 * 1h friday, 1h monday -> monday 10:00 EST = 15:00Z */
	clock_of(&bc, &pb, "America/New_York", MON_FRI, HM(9, 0), HM(18, 0), NULL, 0);
	assert_instant(bizclock_add(&bc, at("2026-10-30T21:00:00Z"), 120), "2026-11-02T15:00:00Z");

	/* sundays 00:00-06:00: 00:00 EDT = 04:00Z to 06:00 EST = 11:00Z, 7 real hours */
	clock_of(&bc, &pb, "America/New_York", SUNDAY, HM(0, 0), HM(6, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-10-31T12:00:00Z"), at("2026-11-01T12:00:00Z")), 420);
	assert_instant(bizclock_add(&bc, at("2026-11-01T04:00:00Z"), 420), "2026-11-01T11:00:00Z");

	/* hours 01:00-04:00 on sunday: 01:00 EDT = 05:00Z to 04:00 EST = 09:00Z, 240 minutes
	 * (01:00-02:00 EDT, 01:00-02:00 EST, 02:00-04:00 EST) */
	clock_of(&bc, &pb, "America/New_York", SUNDAY, HM(1, 0), HM(4, 0), NULL, 0);
	assert_int_equal(bizclock_between(&bc, at("2026-10-31T12:00:00Z"), at("2026-11-01T12:00:00Z")), 240);
	assert_instant(bizclock_add(&bc, at("2026-10-31T12:00:00Z"), 90), "2026-11-01T06:30:00Z");
	assert_instant(bizclock_add(&bc, at("2026-10-31T12:00:00Z"), 240), "2026-11-01T09:00:00Z");
}

/* ---- long durations ---- */

static void test_ten_business_days_and_two_weeks(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	/* 10 business days of 540 minutes from monday 2026-11-02 09:00 CET: friday 13 18:00 CET */
	assert_instant(bizclock_add(&bc, at("2026-11-02T08:00:00Z"), 10 * 540), "2026-11-13T17:00:00Z");
	/* "10d" = 14400 = 26 x 540 + 360 from monday 2026-01-05 09:00 CET: 5 weeks + monday 02-09,
	 * then 6h on tuesday 02-10 -> 15:00 CET */
	assert_instant(bizclock_add(&bc, at("2026-01-05T08:00:00Z"), 10 * 1440), "2026-02-10T14:00:00Z");
	/* "14d" = 20160 = 37 x 540 + 180: 7 weeks + monday 02-23 + tuesday 02-24, then 3h on
	 * wednesday 02-25 -> 12:00 CET */
	assert_instant(bizclock_add(&bc, at("2026-01-05T08:00:00Z"), 14 * 1440), "2026-02-25T11:00:00Z");
	assert_int_equal(bizclock_between(&bc, at("2026-01-05T08:00:00Z"), at("2026-02-25T11:00:00Z")), 14 * 1440);
}

static void test_365_days_of_business_time(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	int64_t from = at("2026-01-05T08:00:00Z"); /* monday 09:00 CET */

	paris(&bc, &pb);
	/* 365 x 1440 = 525600 = 973 x 540 + 180. 973 full days + the holiday 2026-12-25 = 974
	 * weekdays = 194 weeks + mon..thu; the 180 minutes are friday's 09:00-12:00 of week 195.
	 * That friday is 2026-01-05 + 194 x 7 + 4 = 1362 days = 2029-09-28, in CEST: 10:00Z. */
	assert_instant(bizclock_add(&bc, from, 365 * 1440), "2029-09-28T10:00:00Z");
	assert_int_equal(bizclock_between(&bc, from, at("2029-09-28T10:00:00Z")), 365 * 1440);
	assert_int_equal(bizclock_between(&bc, from, at("2029-09-28T09:59:00Z")), 365 * 1440 - 1);
	/* from a saturday, the count starts on monday: same answer */
	assert_instant(bizclock_add(&bc, at("2026-01-03T10:00:00Z"), 365 * 1440), "2029-09-28T10:00:00Z");
}

/* ---- between() is the inverse of add() ---- */

/* For starts every 97 minutes over 12 days from `first` and a set of durations: between(from,
 * add(from, d)) == d, add never goes back, and a longer duration never ends earlier. */
static void check_inverse(const struct bizclock *bc, const char *first)
{
	static const int64_t durations[] = {1, 2, 5, 59, 60, 61, 119, 179, 539, 540, 541, 1080, 1440, 2000, 5400, 20160};
	int64_t from = at(first), t;
	size_t i;

	for (t = from; t < from + 12 * 86400; t += 97 * 60) {
		int64_t prev = t;

		for (i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
			int64_t end = bizclock_add(bc, t, durations[i]);

			assert_true(end != BIZCLOCK_NEVER);
			assert_true(end >= prev);
			assert_true(end - t >= durations[i] * 60);
			assert_int_equal(bizclock_between(bc, t, end), durations[i]);
			if (bizclock_open(bc, t))
				assert_int_equal(bizclock_between(bc, t, end - 60), durations[i] - 1);
			prev = end;
		}
	}
}

static void test_between_is_the_inverse_of_add(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	paris(&bc, &pb);
	check_inverse(&bc, "2026-03-22T00:00:00Z");
	check_inverse(&bc, "2026-12-20T00:00:00Z");
	clock_of(&bc, &pb, "Europe/Paris", EVERY_DAY, HM(1, 0), HM(4, 0), NULL, 0);
	check_inverse(&bc, "2026-10-20T00:00:00Z");
	clock_of(&bc, &pb, "America/New_York", SUNDAY, HM(0, 0), HM(6, 0), NULL, 0);
	check_inverse(&bc, "2026-03-01T00:00:00Z");
	check_inverse(&bc, "2026-10-28T00:00:00Z");
}

/* Minute by minute across a DST week, between() counts exactly the minutes that are open. */
static void check_counts_open_minutes(const struct bizclock *bc, const char *first)
{
	int64_t from = at(first), t, n = 0;

	for (t = from; t < from + 7 * 86400; t += 60) {
		assert_int_equal(bizclock_between(bc, from, t), n);
		n += bizclock_open(bc, t);
	}
}

static void test_between_counts_exactly_the_open_minutes(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	clock_of(&bc, &pb, "Europe/Paris", EVERY_DAY, HM(0, 30), HM(3, 30), NULL, 0);
	check_counts_open_minutes(&bc, "2026-03-26T00:00:00Z");
	clock_of(&bc, &pb, "Europe/Paris", EVERY_DAY, HM(2, 0), HM(2, 30), NULL, 0);
	check_counts_open_minutes(&bc, "2026-10-22T00:00:00Z");
	clock_of(&bc, &pb, "America/New_York", EVERY_DAY, HM(1, 0), HM(24, 0), NULL, 0);
	check_counts_open_minutes(&bc, "2026-10-29T00:00:00Z");
}

/* ---- other clocks ---- */

static void test_four_day_week(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	/* mon-thu 08:00-18:30 in New York: 630 minutes a day */
	clock_of(&bc, &pb, "America/New_York", MON_THU, HM(8, 0), HM(18, 30), NULL, 0);
	/* thursday 2026-11-19 18:00 EST (23:00Z) + 1h: 30 thursday, 30 monday -> monday 08:30 EST */
	assert_instant(bizclock_add(&bc, at("2026-11-19T23:00:00Z"), 60), "2026-11-23T13:30:00Z");
	assert_false(bizclock_open(&bc, at("2026-11-20T15:00:00Z"))); /* friday 10:00 EST */
	/* 8 days of 630 from monday 2026-11-09 08:00 EST (13:00Z): thursday 19 18:30 EST */
	assert_instant(bizclock_add(&bc, at("2026-11-09T13:00:00Z"), 8 * 630), "2026-11-19T23:30:00Z");
	assert_int_equal(bizclock_between(&bc, at("2026-11-09T13:00:00Z"), at("2026-11-23T13:00:00Z")), 8 * 630);
}

static void test_rep_hours_override_the_org_hours(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	struct rep r = rep_of(NULL, NULL, HM(12, 0), HM(20, 0));
	int start = 0, end = 0;

	paris(&bc, &pb);
	bizclock_init(&bc, &pb, NULL, &r);
	assert_true(pb_hours_uniform(&bc.hours, &start, &end));
	assert_int_equal(start, HM(12, 0));
	assert_int_equal(end, HM(20, 0));
	assert_int_equal(pb_hours_days(&bc.hours), MON_FRI);
	assert_int_equal(bc.nholidays, 1);
	/* friday 19:58 + 5m: 2 friday, 3 monday -> monday 12:03 Paris */
	assert_instant(bizclock_add(&bc, at("2026-11-27T18:58:00Z"), 5), "2026-11-30T11:03:00Z");
	assert_false(bizclock_open(&bc, at("2026-11-30T09:00:00Z"))); /* monday 10:00 */
	/* 10:00-18:00 */
	r = rep_of(NULL, NULL, HM(10, 0), HM(18, 0));
	bizclock_init(&bc, &pb, NULL, &r);
	assert_false(bizclock_open(&bc, at("2026-11-30T08:30:00Z"))); /* monday 09:30 */
	assert_true(bizclock_open(&bc, at("2026-11-30T16:30:00Z")));  /* monday 17:30 */
	assert_int_equal(bizclock_between(&bc, at("2026-11-30T00:00:00Z"), at("2026-12-01T00:00:00Z")), 480);
}

/* ---- hours per weekday, teams and a rep's own zone (SPEC 8.4) ---- */

/* Paris, mon-thu 08:00-17:00 and friday 08:00-13:00: a short friday. */
static void short_friday(struct bizclock *bc, struct playbook *pb)
{
	int d;

	clock_of(bc, pb, "Europe/Paris", MON_THU, HM(8, 0), HM(17, 0), NULL, 0);
	pb->org.hours.start[4] = HM(8, 0);
	pb->org.hours.end[4] = HM(13, 0);
	bizclock_init(bc, pb, NULL, NULL);
	for (d = 0; d < 4; d++)
		assert_int_equal(bc->hours.end[d], HM(17, 0));
}

static void test_hours_per_weekday(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	int64_t friday[1];
	int start, end;

	short_friday(&bc, &pb);
	assert_int_equal(pb_hours_days(&bc.hours), MON_FRI);
	assert_false(pb_hours_uniform(&bc.hours, &start, &end));
	/* friday 2026-11-27 12:58 Paris (11:58Z) + 5m: 2 friday, 3 monday -> monday 08:03 */
	assert_instant(bizclock_add(&bc, at("2026-11-27T11:58:00Z"), 5), "2026-11-30T07:03:00Z");
	assert_true(bizclock_open(&bc, at("2026-11-27T11:59:00Z")));  /* friday 12:59 */
	assert_false(bizclock_open(&bc, at("2026-11-27T12:00:00Z"))); /* friday 13:00: closed */
	assert_true(bizclock_open(&bc, at("2026-11-26T15:59:00Z")));  /* thursday 16:59 */
	assert_instant(bizclock_next_open(&bc, at("2026-11-27T12:30:00Z")), "2026-11-30T07:00:00Z");
	assert_instant(bizclock_next_start(&bc, at("2026-11-26T09:00:00Z")), "2026-11-27T07:00:00Z");
	/* a week: 4 x 540 + 300 minutes, whole weeks skipped arithmetically the same */
	assert_int_equal(bizclock_between(&bc, at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z")), 4 * 540 + 300);
	assert_int_equal(bizclock_between(&bc, at("2026-11-02T00:00:00Z"), at("2026-11-30T00:00:00Z")),
			 4 * (4 * 540 + 300));
	/* 10 weeks and a bit, and back */
	assert_int_equal(bizclock_between(&bc, at("2026-11-23T07:00:00Z"),
					  bizclock_add(&bc, at("2026-11-23T07:00:00Z"), 10 * 2460 + 600)),
			 10 * 2460 + 600);
	/* a holiday on the short friday takes off its 5 hours only */
	assert_int_equal(clock_parse_date("2026-11-27", &friday[0]), 0);
	pb.org.holidays = friday;
	pb.org.nholidays = 1;
	bizclock_init(&bc, &pb, NULL, NULL);
	assert_int_equal(bizclock_between(&bc, at("2026-11-02T00:00:00Z"), at("2026-11-30T00:00:00Z")),
			 4 * 2460 - 300);
}

/* The playbook of a team in Paris (the org) and one in New York (SPEC 8.4's example). */
static void two_teams(struct bizclock *bc, struct playbook *pb, struct pb_team *amer, int64_t *july4)
{
	paris(bc, pb);
	memset(amer, 0, sizeof(*amer));
	amer->cal.name = "amer";
	amer->cal.timezone = "America/New_York";
	amer->has_hours = 1;
	pb_hours_set(&amer->cal.hours, MON_FRI, HM(9, 0), HM(17, 0));
	assert_int_equal(clock_parse_date("2026-07-03", july4), 0); /* observed, a friday */
	amer->cal.holidays = july4;
	amer->cal.nholidays = 1;
	amer->has_holidays = 1;
	pb->teams = amer;
	pb->nteams = 1;
}

static void test_new_york_team_calendar(void **state)
{
	struct playbook pb;
	struct pb_team amer;
	struct bizclock bc, org;
	struct rep ny = rep_of("amer", NULL, -1, -1), emea = rep_of("emea", NULL, -1, -1);
	int64_t july4, t = at("2026-06-15T16:30:00Z"); /* monday: 18:30 in Paris, 12:30 in New York */

	two_teams(&org, &pb, &amer, &july4);
	bizclock_init(&bc, &pb, NULL, &ny);
	assert_string_equal(bc.zone, "America/New_York");
	assert_int_equal(bc.nholidays, 1);
	assert_true(bizclock_open(&bc, t));
	assert_false(bizclock_open(&org, t));
	/* a team the playbook does not describe, or none, works the org's calendar */
	bizclock_init(&bc, &pb, NULL, &emea);
	assert_string_equal(bc.zone, "Europe/Paris");
	assert_false(bizclock_open(&bc, t));
	bizclock_init(&bc, &pb, "amer", NULL); /* a pool of the team: its calendar */
	assert_true(bizclock_open(&bc, t));
	/* friday 12 June 16:58 in New York (20:58Z) + 5m: 2 friday minutes, then monday 09:03 */
	assert_instant(bizclock_add(&bc, at("2026-06-12T20:58:00Z"), 5), "2026-06-15T13:03:00Z");
	/* the team's holiday (friday 3 July) and not the org's christmas */
	assert_false(bizclock_open(&bc, at("2026-07-03T15:00:00Z")));
	assert_true(bizclock_open(&bc, at("2026-12-25T15:00:00Z")));
	/* friday 21:30 in New York (saturday 03:30 in Paris): closed until monday 09:00 New York */
	assert_instant(bizclock_next_open(&bc, at("2026-06-13T01:30:00Z")), "2026-06-15T13:00:00Z");
}

static void test_rep_zone_and_hours_over_the_team(void **state)
{
	struct playbook pb;
	struct pb_team amer;
	struct bizclock bc, org;
	struct rep chicago = rep_of("amer", "America/Chicago", -1, -1);
	struct rep early = rep_of("amer", NULL, HM(7, 0), HM(15, 0));
	int64_t july4;

	two_teams(&org, &pb, &amer, &july4);
	/* its own zone, the team's hours and holidays: 09:00-17:00 in Chicago */
	bizclock_init(&bc, &pb, NULL, &chicago);
	assert_string_equal(bc.zone, "America/Chicago");
	assert_false(bizclock_open(&bc, at("2026-06-15T13:30:00Z"))); /* 08:30 CDT */
	assert_true(bizclock_open(&bc, at("2026-06-15T14:30:00Z")));  /* 09:30 CDT */
	assert_true(bizclock_open(&bc, at("2026-06-15T21:30:00Z")));  /* 16:30 CDT, 17:30 in New York */
	assert_false(bizclock_open(&bc, at("2026-07-03T16:00:00Z"))); /* the team's holiday */
	/* its own hours on the team's days, in the team's zone */
	bizclock_init(&bc, &pb, NULL, &early);
	assert_true(bizclock_open(&bc, at("2026-06-15T11:30:00Z")));  /* 07:30 EDT */
	assert_false(bizclock_open(&bc, at("2026-06-15T19:30:00Z"))); /* 15:30 EDT */
	assert_false(bizclock_open(&bc, at("2026-06-13T11:30:00Z"))); /* saturday */
	/* own hours over hours per weekday: the same on each open day of the calendar */
	amer.cal.hours.end[4] = HM(13, 0);
	bizclock_init(&bc, &pb, NULL, &early);
	assert_int_equal(bc.hours.end[4], HM(15, 0));
	assert_int_equal(bc.hours.end[5], 0);
}

/* The New York team over the 2026 spring change (8 March) and the weeks when New York and Paris
 * are 5 hours apart instead of 6 (until Paris changes on 29 March). */
static void test_new_york_team_across_dst(void **state)
{
	struct playbook pb;
	struct pb_team amer;
	struct bizclock bc, org;
	int64_t july4;

	two_teams(&org, &pb, &amer, &july4);
	bizclock_init(&bc, &pb, "amer", NULL);
	/* friday 6 March 16:58 EST (21:58Z) + 5m: 2 friday, 3 monday 9 March 09:03 EDT (13:03Z) */
	assert_instant(bizclock_add(&bc, at("2026-03-06T21:58:00Z"), 5), "2026-03-09T13:03:00Z");
	/* a full week over the change is still 5 x 8 hours */
	assert_int_equal(bizclock_between(&bc, at("2026-03-02T00:00:00Z"), at("2026-03-16T00:00:00Z")), 10 * 480);
	/* 16:30Z on monday 16 March: 17:30 in Paris (open) and 12:30 in New York (open) */
	assert_true(bizclock_open(&org, at("2026-03-16T16:30:00Z")));
	assert_true(bizclock_open(&bc, at("2026-03-16T16:30:00Z")));
	/* 17:00Z: Paris has closed, New York still works (13:00 EDT) */
	assert_false(bizclock_open(&org, at("2026-03-16T17:00:00Z")));
	assert_true(bizclock_open(&bc, at("2026-03-16T17:00:00Z")));
	/* New York opens at 13:00Z in those weeks, 14:00Z from 2 November */
	assert_instant(bizclock_next_open(&bc, at("2026-03-17T05:00:00Z")), "2026-03-17T13:00:00Z");
	assert_instant(bizclock_next_open(&bc, at("2026-11-03T05:00:00Z")), "2026-11-03T14:00:00Z");
}

static void test_no_business_time_is_never(void **state)
{
	static const struct {
		const char *zone;
		unsigned days;
		int start, end, rep_start, rep_end;
	} broken[] = {
		{"Europe/Paris", 0, HM(9, 0), HM(18, 0), -1, -1},               /* no business day */
		{"Europe/Paris", MON_FRI, HM(9, 0), HM(9, 0), -1, -1},          /* start == end */
		{"Europe/Paris", MON_FRI, HM(9, 0), HM(18, 0), HM(18, 0), HM(9, 0)}, /* a rep's hours backwards */
		{"Mars/Olympus_Mons", MON_FRI, HM(9, 0), HM(18, 0), -1, -1},    /* an unknown zone */
		{"Europe/Paris", MON_FRI, HM(9, 0), HM(25, 0), -1, -1},         /* past the end of the day */
	};
	struct playbook pb;
	struct bizclock bc;
	int64_t t = at("2026-11-23T10:00:00Z");
	size_t k;

	for (k = 0; k < sizeof(broken) / sizeof(broken[0]); k++) {
		struct rep r = rep_of(NULL, NULL, broken[k].rep_start, broken[k].rep_end);

		clock_of(&bc, &pb, broken[k].zone, broken[k].days, broken[k].start, broken[k].end, NULL, 0);
		bizclock_init(&bc, &pb, NULL, &r);
		assert_false(bizclock_valid(&bc));
		assert_true(bizclock_add(&bc, t, 5) == BIZCLOCK_NEVER);
		assert_true(bizclock_next_open(&bc, t) == BIZCLOCK_NEVER);
		assert_int_equal(bizclock_between(&bc, t, t + 86400 * 30), 0);
		assert_false(bizclock_open(&bc, t));
	}
	paris(&bc, &pb);
	assert_true(bizclock_valid(&bc));
	/* "never" stays never, and nothing past 9999-12-31 is answered */
	assert_true(bizclock_add(&bc, BIZCLOCK_NEVER, 5) == BIZCLOCK_NEVER);
	assert_true(bizclock_add(&bc, at("9999-12-31T16:00:00Z"), 120) == BIZCLOCK_NEVER);
	assert_true(bizclock_add(&bc, t, INT64_MAX) == BIZCLOCK_NEVER);
}

/* fuzz/regressions/time: libical gives up its rules after about 2582 (summer time lost, every
 * look-up minutes long over a walk); tz.c folds those years onto the 400-year cycle */
static void test_summer_time_holds_until_9999(void **state)
{
	struct local_time lt;

	assert_int_equal(tz_local("Europe/Paris", at("2600-07-01T12:00:00Z"), &lt), 0);
	assert_int_equal(lt.offset, 7200);
	assert_int_equal(tz_local("Europe/Paris", at("9999-07-01T12:00:00Z"), &lt), 0);
	assert_int_equal(lt.offset, 7200);
	assert_int_equal(lt.minute, HM(14, 0));
	assert_int_equal(tz_local("Europe/Paris", at("9999-12-31T12:00:00Z"), &lt), 0);
	assert_int_equal(lt.offset, 3600);
	assert_int_equal(tz_local("America/New_York", at("4321-08-15T12:00:00Z"), &lt), 0);
	assert_int_equal(lt.offset, -4 * 3600);
}

/* fuzz/regressions/time: a minute a day for 10000 days reaches past 9999: "never", at once */
static void test_far_business_time_is_never_and_a_long_walk_is_right(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	int64_t t = at("2026-11-23T09:00:00Z"), r;

	clock_of(&bc, &pb, "Pacific/Chatham", MON_FRI, HM(23, 59), HM(24, 0), NULL, 0);
	assert_true(bizclock_add(&bc, t, 10000 * 1440) == BIZCLOCK_NEVER);
	paris(&bc, &pb);
	r = bizclock_add(&bc, t, 1000000 * 540LL); /* a million 9-hour days: about 3840 years */
	assert_true(r != BIZCLOCK_NEVER);
	assert_int_equal(bizclock_between(&bc, t, r), 1000000 * 540LL);
}

/* fuzz/regressions/time: on the range's first and last days the window of a day reached past
 * it, and between() gave 0 for time that add() had counted */
static void test_the_first_and_last_days_of_the_range_count(void **state)
{
	struct playbook pb;
	struct bizclock bc;
	int64_t t = at("9999-12-30T11:59:59Z"), r;

	paris(&bc, &pb);
	r = bizclock_add(&bc, t, 90);
	assert_instant(r, "9999-12-30T13:29:59Z");
	assert_int_equal(bizclock_between(&bc, t, r), 90);
	/* the rest of thursday 9999-12-30 (13:00 to 18:00 in Paris), then friday's 9 hours */
	assert_int_equal(bizclock_between(&bc, t, at("9999-12-31T23:59:59Z")), 5 * 60 + 9 * 60);
	t = at("1900-01-01T09:00:00Z");
	r = bizclock_add(&bc, t, 60);
	assert_true(r != BIZCLOCK_NEVER);
	assert_int_equal(bizclock_between(&bc, t, r), 60);
}

/* fuzz/regressions/time: the next opening after the range's last instant lies past 9999:
 * "never", not an instant nobody can read */
static void test_no_opening_past_the_range(void **state)
{
	struct playbook pb;
	struct bizclock bc;

	clock_of(&bc, &pb, "America/Sao_Paulo", MON_FRI, HM(23, 59), HM(24, 0), NULL, 0);
	/* 20:59:59 on friday 9999-12-31 in Sao Paulo: the window opens at 02:59 UTC in 10000 */
	assert_true(bizclock_next_open(&bc, at("9999-12-31T23:59:59Z")) == BIZCLOCK_NEVER);
	/* a day earlier, thursday's window opens at 02:59 UTC on friday */
	assert_instant(bizclock_next_open(&bc, at("9999-12-30T23:59:59Z")), "9999-12-31T02:59:00Z");
}

/* SPEC 8.4: a lead's zone from a country that keeps one time; the table is sorted (a binary
 * search reads it) and every zone is one libical knows. */
static void test_single_zone_countries(void **state)
{
	const char *zone, *prev = "", *code;
	size_t i;

	assert_string_equal(tz_of_country("FR"), "Europe/Paris");
	assert_string_equal(tz_of_country("fr"), "Europe/Paris");
	assert_string_equal(tz_of_country("DE"), "Europe/Berlin");
	assert_string_equal(tz_of_country("GB"), "Europe/London");
	assert_string_equal(tz_of_country("uk"), "Europe/London");
	assert_string_equal(tz_of_country("JP"), "Asia/Tokyo");
	assert_null(tz_of_country("US")); /* several zones: none */
	assert_null(tz_of_country("CA"));
	assert_null(tz_of_country("BR"));
	assert_null(tz_of_country("ES")); /* the Canaries */
	assert_null(tz_of_country("FRA"));
	assert_null(tz_of_country("F"));
	assert_null(tz_of_country(""));
	assert_null(tz_of_country(NULL));
	assert_true(tz_country_count() > 40);
	for (i = 0; (code = tz_country_at(i, &zone)) != NULL; i++) {
		if (strcmp(prev, code) >= 0)
			fail_msg("%s comes after %s", code, prev);
		if (!tz_known(zone))
			fail_msg("%s: libical does not know %s", code, zone);
		assert_string_equal(tz_of_country(code), zone);
		prev = code;
	}
	assert_int_equal(i, tz_country_count());
}

/* Issue 17: HubSpot writes a zone as "america_slash_new_york"; tz_from_crm() reads it back. */
static void test_crm_zone_names(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"america_slash_new_york", "America/New_York"},
		{"europe_slash_paris", "Europe/Paris"},
		{"america_slash_argentina_slash_buenos_aires", "America/Argentina/Buenos_Aires"},
		{"asia_slash_tokyo", "Asia/Tokyo"},
		{"Europe/Berlin", "Europe/Berlin"},             /* an IANA name as it is */
		{"mars_slash_olympus_mons", "mars_slash_olympus_mons"}, /* unknown: as given, refused later */
		{"Eastern", "Eastern"},                         /* no _slash_: untouched */
		{"", ""},
	};
	char buf[72], tiny[8];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(tz_from_crm(cases[i].in, buf, sizeof(buf)), cases[i].out);
	assert_null(tz_from_crm(NULL, buf, sizeof(buf)));
	/* no room for the name written back: the value as given */
	assert_string_equal(tz_from_crm("america_slash_new_york", tiny, sizeof(tiny)), "america_slash_new_york");
}

static void test_calendar_add(void **state)
{
	assert_instant(bizclock_add_calendar(at("2026-11-27T16:58:00Z"), 5), "2026-11-27T17:03:00Z");
	assert_instant(bizclock_add_calendar(at("2026-11-27T16:58:00Z"), 10 * 1440), "2026-12-07T16:58:00Z");
	assert_true(bizclock_add_calendar(BIZCLOCK_NEVER, 5) == BIZCLOCK_NEVER);
	assert_true(bizclock_add_calendar(0, INT64_MAX) == BIZCLOCK_NEVER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_five_minutes_after_friday_1758_is_monday_0903),
		cmocka_unit_test(test_24h_of_business_time_is_two_days_and_six_hours),
		cmocka_unit_test(test_weekend_is_skipped),
		cmocka_unit_test(test_holiday_is_skipped),
		cmocka_unit_test(test_holiday_listed_twice_or_on_a_weekend_counts_once),
		cmocka_unit_test(test_starting_outside_hours_counts_from_next_opening),
		cmocka_unit_test(test_ending_exactly_at_close_lands_at_close),
		cmocka_unit_test(test_zero_minutes_is_from_itself),
		cmocka_unit_test(test_open_and_next_open),
		cmocka_unit_test(test_paris_spring_forward_weekend),
		cmocka_unit_test(test_paris_spring_forward_inside_hours),
		cmocka_unit_test(test_paris_fall_back_weekend),
		cmocka_unit_test(test_paris_fall_back_inside_hours),
		cmocka_unit_test(test_new_york_spring_forward),
		cmocka_unit_test(test_new_york_fall_back),
		cmocka_unit_test(test_ten_business_days_and_two_weeks),
		cmocka_unit_test(test_365_days_of_business_time),
		cmocka_unit_test(test_between_is_the_inverse_of_add),
		cmocka_unit_test(test_between_counts_exactly_the_open_minutes),
		cmocka_unit_test(test_four_day_week),
		cmocka_unit_test(test_rep_hours_override_the_org_hours),
		cmocka_unit_test(test_hours_per_weekday),
		cmocka_unit_test(test_new_york_team_calendar),
		cmocka_unit_test(test_rep_zone_and_hours_over_the_team),
		cmocka_unit_test(test_new_york_team_across_dst),
		cmocka_unit_test(test_no_business_time_is_never),
		cmocka_unit_test(test_summer_time_holds_until_9999),
		cmocka_unit_test(test_far_business_time_is_never_and_a_long_walk_is_right),
		cmocka_unit_test(test_the_first_and_last_days_of_the_range_count),
		cmocka_unit_test(test_no_opening_past_the_range),
		cmocka_unit_test(test_single_zone_countries),
		cmocka_unit_test(test_crm_zone_names),
		cmocka_unit_test(test_calendar_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
