/* test_ical.c - the iCalendar adapter: busy intervals read from calendar texts (zones, DST,
 * recurrences, all-day, free and cancelled events, overrides, VFREEBUSY), the out-of-office
 * events among them (SPEC 8.3: the times the calendar's owner is away), errors with their
 * line and property, the sample exports of tests/data/ics ($BATON_TEST_DATA, default
 * tests/data; expectations in tests/data/ics/README.md) and the invitation parsed back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "io/ical.h"
#include "util/file.h"
#include "util/strbuf.h"

/* ---------------------------------------------------------------- helpers */

static int64_t at(const char *rfc3339)
{
	int64_t t = 0;

	assert_int_equal(clock_parse_rfc3339(rfc3339, &t), 0);
	return t;
}

struct got {
	struct busy *b;
	size_t n;
	struct bt_error err;
	int rc;
};

static void got_read(struct got *g, const char *text, size_t len, const char *from, const char *to, const char *zone)
{
	bt_error_clear(&g->err);
	g->b = NULL;
	g->n = 0;
	g->rc = ical_busy_read(text, len, at(from), at(to), zone, &g->b, &g->n, &g->err);
}

/* Reads text over [from, to) with default zone Europe/Paris. */
static void got_text(struct got *g, const char *text, const char *from, const char *to)
{
	got_read(g, text, strlen(text), from, to, "Europe/Paris");
}

static void got_free(struct got *g)
{
	free(g->b);
	g->b = NULL;
}

/* Asserts interval i is [start, end). */
static void assert_busy(const struct got *g, size_t i, const char *start, const char *end)
{
	char a[CLOCK_RFC3339_LEN], b[CLOCK_RFC3339_LEN];

	assert_true(i < g->n);
	assert_string_equal(clock_format_rfc3339(g->b[i].start, a), start);
	assert_string_equal(clock_format_rfc3339(g->b[i].end, b), end);
}

/* Asserts the read failed with bad input at line, blaming field. */
static void assert_fails(const struct got *g, int line, const char *field)
{
	if (g->rc == 0)
		fail_msg("expected an error at line %d (%s), got %zu intervals", line, field, g->n);
	assert_int_equal(g->rc, -BT_BAD_INPUT);
	assert_int_equal(g->err.code, BT_BAD_INPUT);
	if (g->err.line != line || strcmp(g->err.field, field) != 0)
		fail_msg("expected line %d field \"%s\", got line %d field \"%s\": %s", line, field, g->err.line,
			 g->err.field, g->err.message);
	assert_null(g->b);
	assert_int_equal(g->n, 0);
}

/* A VCALENDAR around the given lines (each ending in "\n"); header lines 1-3, body from line 4. */
#define CAL(body) "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//baton//test//EN\n" body "END:VCALENDAR\n"

static const char *data_dir(void)
{
	const char *d = getenv("BATON_TEST_DATA");

	return d && *d ? d : "tests/data";
}

/* Reads tests/data/ics/<name> over [from, to) in Europe/Paris. */
static void got_sample(struct got *g, const char *name, const char *from, const char *to)
{
	struct bt_error e = {0};
	char path[512], *text = NULL;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/ics/%s", data_dir(), name);
	if (file_read(path, ICAL_MAX_BYTES, &text, &len, &e))
		fail_msg("cannot read %s: %s", path, e.message);
	got_read(g, text, len, from, to, "Europe/Paris");
	free(text);
}

/* ---------------------------------------------------------------- events and zones */

static void test_utc_event_is_busy(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T150000Z\nDTEND:20260318T153000Z\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_busy(&g, 0, "2026-03-18T15:00:00Z", "2026-03-18T15:30:00Z");
	got_free(&g);
}

static void test_crlf_and_lf_read_alike(void **state)
{
	static const char *const crlf = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
					"DTSTART:20260318T150000Z\r\nDURATION:PT45M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
	struct got g;

	got_text(&g, crlf, "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_busy(&g, 0, "2026-03-18T15:00:00Z", "2026-03-18T15:45:00Z");
	got_free(&g);
}

static const char paris_vtimezone[] = "BEGIN:VTIMEZONE\nTZID:Europe/Paris\n"
				      "BEGIN:DAYLIGHT\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\n"
				      "DTSTART:19700329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\n"
				      "BEGIN:STANDARD\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\n"
				      "DTSTART:19701025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\n"
				      "END:VTIMEZONE\n";

static void test_tzid_with_vtimezone(void **state)
{
	char text[2048];
	struct got g;

	snprintf(text, sizeof(text), CAL("%s"
					 "BEGIN:VEVENT\nUID:w@x\nDTSTART;TZID=Europe/Paris:20260318T100000\n"
					 "DTEND;TZID=Europe/Paris:20260318T113000\nEND:VEVENT\n"
					 "BEGIN:VEVENT\nUID:s@x\nDTSTART;TZID=Europe/Paris:20260715T100000\n"
					 "DTEND;TZID=Europe/Paris:20260715T110000\nEND:VEVENT\n"),
		 paris_vtimezone);
	got_text(&g, text, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_busy(&g, 0, "2026-03-18T09:00:00Z", "2026-03-18T10:30:00Z"); /* CET, +01:00 */
	assert_busy(&g, 1, "2026-07-15T08:00:00Z", "2026-07-15T09:00:00Z"); /* CEST, +02:00 */
	got_free(&g);
}

static void test_vtimezone_with_windows_name(void **state)
{
	/* Outlook names zones the Windows way and always ships the VTIMEZONE */
	struct got g;

	got_text(&g, CAL("BEGIN:VTIMEZONE\nTZID:Pacific Standard Time\n"
			 "BEGIN:STANDARD\nDTSTART:16011104T020000\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\n"
			 "TZOFFSETFROM:-0700\nTZOFFSETTO:-0800\nEND:STANDARD\n"
			 "BEGIN:DAYLIGHT\nDTSTART:16010311T020000\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\n"
			 "TZOFFSETFROM:-0800\nTZOFFSETTO:-0700\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
			 "BEGIN:VEVENT\nUID:p@x\nDTSTART;TZID=\"Pacific Standard Time\":20260318T090000\n"
			 "DTEND;TZID=\"Pacific Standard Time\":20260318T100000\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_busy(&g, 0, "2026-03-18T16:00:00Z", "2026-03-18T17:00:00Z"); /* PDT, -07:00 */
	got_free(&g);
}

static void test_tzid_without_vtimezone_uses_libical_zones(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:ny@x\nDTSTART;TZID=America/New_York:20260408T090000\n"
			 "DTEND;TZID=America/New_York:20260408T093000\nEND:VEVENT\n"),
		 "2026-04-01T00:00:00Z", "2026-04-15T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_busy(&g, 0, "2026-04-08T13:00:00Z", "2026-04-08T13:30:00Z");
	got_free(&g);
}

static void test_floating_time_is_in_default_zone(void **state)
{
	static const char text[] = CAL("BEGIN:VEVENT\nUID:f@x\nDTSTART:20260318T100000\nDTEND:20260318T110000\nEND:VEVENT\n");
	struct got g;

	got_text(&g, text, "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_busy(&g, 0, "2026-03-18T09:00:00Z", "2026-03-18T10:00:00Z");
	got_free(&g);
	got_read(&g, text, strlen(text), "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z", "America/New_York");
	assert_int_equal(g.rc, 0);
	assert_busy(&g, 0, "2026-03-18T14:00:00Z", "2026-03-18T15:00:00Z");
	got_free(&g);
	got_read(&g, text, strlen(text), "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z", NULL); /* UTC */
	assert_int_equal(g.rc, 0);
	assert_busy(&g, 0, "2026-03-18T10:00:00Z", "2026-03-18T11:00:00Z");
	got_free(&g);
	got_read(&g, text, strlen(text), "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z", "Nowhere/Atlantis");
	assert_int_equal(g.rc, -BT_BAD_INPUT);
	assert_string_equal(g.err.field, "default_zone");
}

/* ---------------------------------------------------------------- recurrences */

static void test_weekly_rrule_with_exdate_keeps_local_time_across_dst(void **state)
{
	char text[2048];
	struct got g;

	/* Mondays 10:00-11:00 Paris; 23 March excluded; summer time starts on 29 March 2026 */
	snprintf(text, sizeof(text), CAL("%s"
					 "BEGIN:VEVENT\nUID:weekly@x\nDTSTART;TZID=Europe/Paris:20260105T100000\n"
					 "DTEND;TZID=Europe/Paris:20260105T110000\nRRULE:FREQ=WEEKLY;BYDAY=MO\n"
					 "EXDATE;TZID=Europe/Paris:20260323T100000\nEND:VEVENT\n"),
		 paris_vtimezone);
	got_text(&g, text, "2026-03-09T00:00:00Z", "2026-04-14T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 5);
	assert_busy(&g, 0, "2026-03-09T09:00:00Z", "2026-03-09T10:00:00Z");
	assert_busy(&g, 1, "2026-03-16T09:00:00Z", "2026-03-16T10:00:00Z");
	assert_busy(&g, 2, "2026-03-30T08:00:00Z", "2026-03-30T09:00:00Z"); /* still 10:00 local */
	assert_busy(&g, 3, "2026-04-06T08:00:00Z", "2026-04-06T09:00:00Z");
	assert_busy(&g, 4, "2026-04-13T08:00:00Z", "2026-04-13T09:00:00Z");
	got_free(&g);
}

static void test_exdate_lists_and_utc_exdates(void **state)
{
	struct got g;

	/* daily 10:00 Paris; EXDATE as a comma list in UTC, and a whole-day EXDATE */
	got_text(&g, CAL("BEGIN:VEVENT\nUID:d@x\nDTSTART;TZID=Europe/Paris:20260302T100000\nDURATION:PT30M\n"
			 "RRULE:FREQ=DAILY;COUNT=5\nEXDATE:20260303T090000Z,20260305T090000Z\n"
			 "EXDATE;VALUE=DATE:20260306\nEND:VEVENT\n"),
		 "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_busy(&g, 0, "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z");
	assert_busy(&g, 1, "2026-03-04T09:00:00Z", "2026-03-04T09:30:00Z");
	got_free(&g);
}

static void test_rrule_started_long_ago_and_until_and_count(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:old@x\nDTSTART:20100104T080000Z\nDTEND:20100104T083000Z\n"
			 "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:ended@x\nDTSTART:20260105T120000Z\nDTEND:20260105T130000Z\n"
			 "RRULE:FREQ=DAILY;UNTIL=20260310T120000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:counted@x\nDTSTART:20260309T150000Z\nDTEND:20260309T160000Z\n"
			 "RRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n"),
		 "2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z");
	assert_int_equal(g.rc, 0);
	/* the week of 9 March 2026 is an even number of weeks after 4 January 2010: on; the
	 * ended series: 9 and 10 March; the counted one: 9, 10 and 11 March */
	assert_int_equal(g.n, 7);
	assert_busy(&g, 0, "2026-03-09T08:00:00Z", "2026-03-09T08:30:00Z");
	assert_busy(&g, 1, "2026-03-09T12:00:00Z", "2026-03-09T13:00:00Z");
	assert_busy(&g, 2, "2026-03-09T15:00:00Z", "2026-03-09T16:00:00Z");
	assert_busy(&g, 3, "2026-03-10T12:00:00Z", "2026-03-10T13:00:00Z");
	assert_busy(&g, 4, "2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z");
	assert_busy(&g, 5, "2026-03-11T15:00:00Z", "2026-03-11T16:00:00Z");
	assert_busy(&g, 6, "2026-03-12T08:00:00Z", "2026-03-12T08:30:00Z");
	got_free(&g);
	got_text(&g, CAL("BEGIN:VEVENT\nUID:old@x\nDTSTART:20100104T080000Z\nDTEND:20100104T083000Z\n"
			 "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-30T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2); /* the off week, then 23 and 26 March */
	assert_busy(&g, 0, "2026-03-23T08:00:00Z", "2026-03-23T08:30:00Z");
	assert_busy(&g, 1, "2026-03-26T08:00:00Z", "2026-03-26T08:30:00Z");
	got_free(&g);
	got_text(&g, CAL("BEGIN:VEVENT\nUID:gone@x\nDTSTART:20100104T080000Z\nDTEND:20100104T083000Z\n"
			 "RRULE:FREQ=DAILY;UNTIL=20250101T000000Z\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-30T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 0);
}

static void test_hourly_rule_keeps_its_phase(void **state)
{
	struct got g;

	/* every 5 hours from 1 January 2026 00:00Z: 8 March 00:00Z is hour 1584 = 5 * 316 + 4 */
	got_text(&g, CAL("BEGIN:VEVENT\nUID:h@x\nDTSTART:20260101T000000Z\nDURATION:PT10M\n"
			 "RRULE:FREQ=HOURLY;INTERVAL=5\nEND:VEVENT\n"),
		 "2026-03-08T01:00:00Z", "2026-03-08T12:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 3);
	assert_busy(&g, 0, "2026-03-08T01:00:00Z", "2026-03-08T01:10:00Z");
	assert_busy(&g, 1, "2026-03-08T06:00:00Z", "2026-03-08T06:10:00Z");
	assert_busy(&g, 2, "2026-03-08T11:00:00Z", "2026-03-08T11:10:00Z");
	got_free(&g);
}

static void test_rule_that_never_matches_ends_quickly(void **state)
{
	clock_t cpu = clock();
	struct got g;

	/* 30 February never comes: libical would scan for years without the window's limit */
	got_text(&g, CAL("BEGIN:VEVENT\nUID:n@x\nDTSTART:20200101T090000Z\nDTEND:20200101T100000Z\n"
			 "RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:m@x\nDTSTART:20200101T090000Z\nDTEND:20200101T100000Z\n"
			 "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n"),
		 "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 0);
	assert_null(g.b);
	/* processor time, generous: unbounded, libical takes seconds here */
	assert_true(clock() - cpu < 2 * CLOCKS_PER_SEC);
}

static void test_override_replaces_one_instance(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:series@x\nDTSTART:20260302T090000Z\nDTEND:20260302T100000Z\n"
			 "RRULE:FREQ=DAILY;COUNT=4\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:series@x\nRECURRENCE-ID:20260303T090000Z\n"
			 "DTSTART:20260303T140000Z\nDTEND:20260303T143000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:series@x\nRECURRENCE-ID;TZID=Europe/Paris:20260304T100000\n"
			 "DTSTART;TZID=Europe/Paris:20260304T100000\nDTEND;TZID=Europe/Paris:20260304T110000\n"
			 "STATUS:CANCELLED\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:other@x\nRECURRENCE-ID:20260305T090000Z\n"
			 "DTSTART:20260305T070000Z\nDTEND:20260305T073000Z\nEND:VEVENT\n"),
		 "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 4);
	assert_busy(&g, 0, "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z");
	assert_busy(&g, 1, "2026-03-03T14:00:00Z", "2026-03-03T14:30:00Z"); /* moved */
	/* 4 March cancelled; the override on 5 March belongs to another series */
	assert_busy(&g, 2, "2026-03-05T07:00:00Z", "2026-03-05T07:30:00Z");
	assert_busy(&g, 3, "2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z");
	got_free(&g);
}

static void test_rdate_instants_and_periods(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:r@x\nDTSTART:20260302T090000Z\nDURATION:PT1H\n"
			 "RDATE:20260310T090000Z,20260312T160000Z\n"
			 "RDATE;VALUE=PERIOD:20260320T080000Z/PT2H\nEND:VEVENT\n"),
		 "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 4);
	assert_busy(&g, 0, "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z");
	assert_busy(&g, 1, "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z");
	assert_busy(&g, 2, "2026-03-12T16:00:00Z", "2026-03-12T17:00:00Z");
	assert_busy(&g, 3, "2026-03-20T08:00:00Z", "2026-03-20T10:00:00Z");
	got_free(&g);
}

static void test_too_many_intervals_in_window(void **state)
{
	struct got g;

	/* hourly for 12 years: more than 100,000 separate hours */
	got_text(&g, CAL("BEGIN:VEVENT\nUID:many@x\nDTSTART:20260101T000000Z\nDURATION:PT30M\n"
			 "RRULE:FREQ=HOURLY\nEND:VEVENT\n"),
		 "2026-01-01T00:00:00Z", "2039-01-01T00:00:00Z");
	assert_fails(&g, 4, "VEVENT");
	assert_non_null(strstr(g.err.message, "100000"));
}

/* tests/data/ics/bad-dense-rrule.ics (fuzz/regressions/ical): a yearly rule with every weekday,
 * hour, minute and second makes libical walk 31,622,400 times a year, most of it inside its
 * jump to the window (13 s, unseen by the instance count); refused from its FREQ and BY parts
 * before libical starts, with the bound in the message */
static void test_dense_yearly_rule_is_refused_before_libical_walks_it(void **state)
{
	struct got g;

	got_sample(&g, "bad-dense-rrule.ics", "2026-11-22T00:00:00Z", "2027-05-22T00:00:00Z");
	assert_fails(&g, 8, "RRULE");
	assert_non_null(strstr(g.err.message, "about 31622400 times a year"));
	assert_non_null(strstr(g.err.message, "2000000 per file"));
}

/* Rules within the walk budget expand as before (a weekly rule on 7 days and 24 hours walks at
 * most 366 x 24 = 8,784 times a year); the budget is per file: a FREQ=DAILY rule on every hour
 * and minute walks 366 x 24 x 60 = 527,040 a year, 1,054,080 with the jump to the window, so
 * the second one passes the 2,000,000 and is refused at its RRULE (line 14). */
static void test_walk_budget_adds_up_over_the_file(void **state)
{
	static char text[65536];
	char h[128] = "", m[256] = "";
	size_t n = 0;
	struct got g;
	int i;

	for (i = 0; i < 24; i++)
		snprintf(h + strlen(h), sizeof(h) - strlen(h), "%s%d", i ? "," : "", i);
	for (i = 0; i < 60; i++)
		snprintf(m + strlen(m), sizeof(m) - strlen(m), "%s%d", i ? "," : "", i);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\n");
	for (i = 0; i < 2; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "BEGIN:VEVENT\nUID:w%d@x\nDTSTART:20200106T000000Z\nDTEND:20200106T000100Z\n"
				      "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=%s\nEND:VEVENT\n",
				      i, h);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "END:VCALENDAR\n");
	got_text(&g, text, "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 7 * 24);
	got_free(&g);
	n = (size_t)snprintf(text, sizeof(text), "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\n");
	for (i = 0; i < 2; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "BEGIN:VEVENT\nUID:d%d@x\nDTSTART:20200106T000000Z\nDTEND:20200106T000001Z\n"
				      "RRULE:FREQ=DAILY;BYHOUR=%s;BYMINUTE=%s\nEND:VEVENT\n",
				      i, h, m);
	snprintf(text + n, sizeof(text) - n, "END:VCALENDAR\n");
	got_text(&g, text, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z");
	assert_fails(&g, 14, "RRULE");
	assert_non_null(strstr(g.err.message, "about 527040 times a year"));
}

/* 4,000 STANDARD blocks took 11 s and 186 MB: at most 1,000 VTIMEZONE, STANDARD and DAYLIGHT
 * components in a file; the one past it is named with its BEGIN line */
static void test_vtimezone_with_more_than_1000_blocks_is_refused(void **state)
{
	struct strbuf b;
	struct got g;
	int i;

	strbuf_init(&b);
	strbuf_addstr(&b, "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\nBEGIN:VTIMEZONE\nTZID:Many\n");
	for (i = 0; i < 1000; i++) /* with the VTIMEZONE, 1,001 components; block k begins on 6 + 6(k-1) */
		strbuf_addf(&b, "BEGIN:STANDARD\nDTSTART:%04d1025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n"
				"TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n",
			    1601 + i % 400);
	strbuf_addstr(&b, "END:VTIMEZONE\nBEGIN:VEVENT\nUID:e@x\nDTSTART;TZID=Many:20260318T100000\n"
			  "DTEND;TZID=Many:20260318T110000\nEND:VEVENT\nEND:VCALENDAR\n");
	got_read(&g, b.buf, b.len, "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z", "Europe/Paris");
	assert_fails(&g, 6 + 6 * 999, "STANDARD");
	assert_non_null(strstr(g.err.message, "more than 1000 VTIMEZONE, STANDARD and DAYLIGHT"));
	strbuf_release(&b);
}

/* tests/data/ics/bad-zone-changes.ics (fuzz/regressions/ical): four monthly rules from the year
 * 1 make libical compute about 97,500 changes of the zone (2.4 s, 440 MB under ASan); refused
 * at the first time that uses the zone, with the estimate and the bound */
static void test_vtimezone_rules_from_the_year_1_are_refused_at_the_first_time_using_them(void **state)
{
	struct got g;

	got_sample(&g, "bad-zone-changes.ics", "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z");
	assert_fails(&g, 33, "TZID");
	assert_non_null(strstr(g.err.message, "about 97492 time zone changes"));
	assert_non_null(strstr(g.err.message, "at most 20000 per file"));
}

/* Each growth of the year libical covers a zone to re-expands it all, so it is charged in full
 * again: a monthly and a yearly rule from 1601 (13 changes a year) cost 5,605 changes to 2031;
 * an EXDATE in 2400 adds 10,467 (to 2405: allowed), a second in 2500 another 11,767 (to 2505:
 * past 20,000, refused at its line, 25) */
static void test_far_times_in_a_vtimezone_are_charged_again(void **state)
{
	struct got g;
	const char *zone = "BEGIN:VTIMEZONE\nTZID:Since 1601\nBEGIN:STANDARD\nDTSTART:16010101T030000\n"
			   "RRULE:FREQ=MONTHLY;BYMONTHDAY=1\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\n"
			   "END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\n"
			   "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n"
			   "END:DAYLIGHT\nEND:VTIMEZONE\n";
	char text[2048];

	snprintf(text, sizeof(text),
		 "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\n%sBEGIN:VEVENT\nUID:o@x\n"
		 "DTSTART;TZID=Since 1601:20260318T100000\nDTEND;TZID=Since 1601:20260318T110000\n"
		 "RRULE:FREQ=WEEKLY\nEXDATE;TZID=Since 1601:24000318T100000\nEND:VEVENT\nEND:VCALENDAR\n",
		 zone);
	got_text(&g, text, "2026-03-16T00:00:00Z", "2026-03-30T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_busy(&g, 0, "2026-03-18T09:00:00Z", "2026-03-18T10:00:00Z");
	got_free(&g);
	snprintf(text, sizeof(text),
		 "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\n%sBEGIN:VEVENT\nUID:o@x\n"
		 "DTSTART;TZID=Since 1601:20260318T100000\nDTEND;TZID=Since 1601:20260318T110000\n"
		 "RRULE:FREQ=WEEKLY\nEXDATE;TZID=Since 1601:24000318T100000\nEXDATE;TZID=Since 1601:25000318T100000\n"
		 "END:VEVENT\nEND:VCALENDAR\n",
		 zone);
	got_text(&g, text, "2026-03-16T00:00:00Z", "2026-03-30T00:00:00Z");
	assert_fails(&g, 25, "TZID");
}

/* ---------------------------------------------------------------- what blocks time */

static void test_all_day_event_blocks_the_local_day(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:off@x\nDTSTART;VALUE=DATE:20260401\nDTEND;VALUE=DATE:20260403\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:one@x\nDTSTART;VALUE=DATE:20260320\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_busy(&g, 0, "2026-03-19T23:00:00Z", "2026-03-20T23:00:00Z"); /* no DTEND: one day */
	assert_busy(&g, 1, "2026-03-31T22:00:00Z", "2026-04-02T22:00:00Z"); /* two summer days */
	got_free(&g);
}

static void test_all_day_series_across_dst(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:fri@x\nDTSTART;VALUE=DATE:20260320\nDTEND;VALUE=DATE:20260321\n"
			 "RRULE:FREQ=WEEKLY\nEND:VEVENT\n"),
		 "2026-03-19T00:00:00Z", "2026-04-04T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 3);
	assert_busy(&g, 0, "2026-03-19T23:00:00Z", "2026-03-20T23:00:00Z");
	assert_busy(&g, 1, "2026-03-26T23:00:00Z", "2026-03-27T23:00:00Z");
	assert_busy(&g, 2, "2026-04-02T22:00:00Z", "2026-04-03T22:00:00Z"); /* summer time */
	got_free(&g);
}

static void test_transparent_and_cancelled_events_block_nothing(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:free@x\nDTSTART:20260318T080000Z\nDTEND:20260318T120000Z\n"
			 "TRANSP:TRANSPARENT\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:gone@x\nDTSTART:20260318T130000Z\nDTEND:20260318T140000Z\n"
			 "STATUS:CANCELLED\nRRULE:FREQ=DAILY\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:busy@x\nDTSTART:20260318T150000Z\nDTEND:20260318T160000Z\n"
			 "TRANSP:OPAQUE\nSTATUS:TENTATIVE\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_busy(&g, 0, "2026-03-18T15:00:00Z", "2026-03-18T16:00:00Z");
	got_free(&g);
}

static void test_overlapping_and_touching_events_merge(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:c@x\nDTSTART:20260318T140000Z\nDTEND:20260318T150000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nDTEND:20260318T103000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:b@x\nDTSTART:20260318T100000Z\nDTEND:20260318T110000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:d@x\nDTSTART:20260318T150000Z\nDTEND:20260318T153000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:e@x\nDTSTART:20260318T141500Z\nDTEND:20260318T143000Z\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_busy(&g, 0, "2026-03-18T09:00:00Z", "2026-03-18T11:00:00Z");
	assert_busy(&g, 1, "2026-03-18T14:00:00Z", "2026-03-18T15:30:00Z");
	got_free(&g);
}

static void test_window_keeps_overlapping_intervals_whole(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260315T230000Z\nDTEND:20260316T010000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:b@x\nDTSTART:20260315T220000Z\nDTEND:20260316T000000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:c@x\nDTSTART:20260323T000000Z\nDTEND:20260323T010000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:z@x\nDTSTART:20260318T100000Z\nDTEND:20260318T100000Z\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	/* a overlaps the start and is kept whole; b ends where the window begins; c begins where it
	 * ends; z lasts no time */
	assert_int_equal(g.n, 1);
	assert_busy(&g, 0, "2026-03-15T23:00:00Z", "2026-03-16T01:00:00Z");
	got_free(&g);
}

static void test_freebusy_periods(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VFREEBUSY\nDTSTART:20260316T000000Z\nDTEND:20260323T000000Z\n"
			 "FREEBUSY;FBTYPE=BUSY:20260316T090000Z/20260316T100000Z,20260317T140000Z/PT1H30M\n"
			 "FREEBUSY;FBTYPE=FREE:20260318T080000Z/20260318T170000Z\n"
			 "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260316T093000Z/20260316T110000Z\n"
			 "END:VFREEBUSY\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_busy(&g, 0, "2026-03-16T09:00:00Z", "2026-03-16T11:00:00Z");
	assert_busy(&g, 1, "2026-03-17T14:00:00Z", "2026-03-17T15:30:00Z");
	got_free(&g);
}

static void test_empty_text_values_and_alarms_are_tolerated(void **state)
{
	struct got g;

	/* Google writes empty DESCRIPTION and LOCATION lines, which libical flags; a VALARM's
	 * oddities do not matter to busy time */
	got_text(&g, CAL("BEGIN:VEVENT\nUID:g@x\nDTSTART:20260318T150000Z\nDTEND:20260318T160000Z\n"
			 "DESCRIPTION:\nLOCATION:\nX-GOOGLE-CONFERENCE:https://meet.google.com/abc\n"
			 "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT10M\nREPEAT:often\nEND:VALARM\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	got_free(&g);
}

static void test_several_calendars_in_one_text(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nDTEND:20260318T100000Z\nEND:VEVENT\n")
		     "\n" CAL("BEGIN:VEVENT\nUID:b@x\nDTSTART:20260319T090000Z\nDTEND:20260319T100000Z\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	got_free(&g);
}

/* ---------------------------------------------------------------- errors */

static void test_garbage_fails_at_its_line(void **state)
{
	struct got g;

	got_text(&g, "<html><body>Sign in</body></html>\n", "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 1, "");
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nEND:VEVENT\n") "trailing words\n",
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 9, "");
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nthis line has no colon\nDTSTART:20260318T090000Z\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 6, "VEVENT");
	got_text(&g, "", "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 1, "");
	got_text(&g, "END:VCALENDAR\n", "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 1, "");
	got_read(&g, "BEGIN:VCALENDAR\n\0\n", 18, "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z", "UTC");
	assert_fails(&g, 2, "");
}

static void test_no_vcalendar_fails(void **state)
{
	struct got g;

	got_text(&g, "\nBEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nEND:VEVENT\n", "2026-03-16T00:00:00Z",
		 "2026-03-23T00:00:00Z");
	assert_fails(&g, 2, "VCALENDAR");
}

static void test_missing_dtstart_fails_at_the_event(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nEND:VEVENT\n"
			 "BEGIN:VEVENT\nUID:b@x\nSUMMARY:no start\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 8, "DTSTART");
	assert_non_null(strstr(g.err.message, "b@x"));
}

static void test_dtend_before_dtstart_fails_at_dtend(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nSUMMARY:x\nDTEND:20260318T080000Z\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 8, "DTEND");
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nDURATION:-PT1H\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 7, "DURATION");
}

static void test_unknown_tzid_fails_at_its_property(void **state)
{
	struct got g;

	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART;TZID=Mars/Olympus_Mons:20260318T090000\n"
			 "DTEND;TZID=Mars/Olympus_Mons:20260318T100000\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 6, "TZID");
	assert_non_null(strstr(g.err.message, "Mars/Olympus_Mons"));
	/* in an EXDATE of a cancelled series: still an invalid calendar */
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nSTATUS:CANCELLED\n"
			 "RRULE:FREQ=DAILY\nEXDATE;TZID=Moon/Tranquility:20260319T090000\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 9, "TZID");
}

static void test_libical_errors_name_line_and_property(void **state)
{
	struct got g;

	/* a folded DESCRIPTION (lines 6-8) before the bad value: lines are physical lines */
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDESCRIPTION:one\n two\n three\nDTSTART:2026-03-18 09:00\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 9, "DTSTART");
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nRRULE:FREQ=FORTNIGHTLY\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 7, "RRULE");
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nDTEND:\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 7, "DTEND");
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nFROBNICATE:yes\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 7, "FROBNICATE");
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nRRULE:FREQ=MINUTELY\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 7, "RRULE");
}

static void test_truncated_text_fails(void **state)
{
	struct got g;

	got_text(&g, "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\n",
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_fails(&g, 1, "VCALENDAR");
	assert_non_null(strstr(g.err.message, "END"));
}

static void test_text_over_ten_megabytes_fails(void **state)
{
	size_t len = ICAL_MAX_BYTES + 1;
	char *big = malloc(len);
	struct got g;

	assert_non_null(big);
	memset(big, ' ', len);
	got_read(&g, big, len, "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z", "UTC");
	assert_int_equal(g.rc, -BT_BAD_INPUT);
	assert_int_equal(g.err.line, 0);
	assert_non_null(strstr(g.err.message, "10 MB"));
	free(big);
}

static void test_no_libical_state_leaks_between_calls(void **state)
{
	struct got g;
	int fatal = icalerror_get_errors_are_fatal();
	icalerrorstate es = icalerror_get_error_state(ICAL_MALFORMEDDATA_ERROR);

	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:garbage\nEND:VEVENT\n"), "2026-03-16T00:00:00Z",
		 "2026-03-23T00:00:00Z");
	assert_fails(&g, 6, "DTSTART");
	assert_int_equal(icalerrno, ICAL_NO_ERROR);
	assert_int_equal(icalerror_get_errors_are_fatal(), fatal);
	assert_int_equal(icalerror_get_error_state(ICAL_MALFORMEDDATA_ERROR), es);
	got_text(&g, CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T090000Z\nDURATION:PT1H\nEND:VEVENT\n"),
		 "2026-03-16T00:00:00Z", "2026-03-23T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.err.code, BT_OK);
	got_free(&g);
}

/* ---------------------------------------------------------------- sample files */

static void test_sample_google_export(void **state)
{
	struct got g;

	got_sample(&g, "google.ics", "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z");
	if (g.rc)
		fail_msg("google.ics: line %d %s: %s", g.err.line, g.err.field, g.err.message);
	assert_int_equal(g.n, 7);
	assert_busy(&g, 0, "2026-03-16T09:00:00Z", "2026-03-16T10:00:00Z");
	assert_busy(&g, 1, "2026-03-18T15:00:00Z", "2026-03-18T15:30:00Z");
	assert_busy(&g, 2, "2026-03-25T13:00:00Z", "2026-03-25T15:00:00Z");
	assert_busy(&g, 3, "2026-03-30T12:00:00Z", "2026-03-30T13:00:00Z");
	assert_busy(&g, 4, "2026-03-31T22:00:00Z", "2026-04-02T22:00:00Z");
	assert_busy(&g, 5, "2026-04-06T08:00:00Z", "2026-04-06T09:00:00Z");
	assert_busy(&g, 6, "2026-04-08T13:00:00Z", "2026-04-08T13:30:00Z");
	got_free(&g);
}

static void test_sample_outlook_export(void **state)
{
	struct got g;

	got_sample(&g, "outlook.ics", "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z");
	if (g.rc)
		fail_msg("outlook.ics: line %d %s: %s", g.err.line, g.err.field, g.err.message);
	assert_int_equal(g.n, 6);
	assert_busy(&g, 0, "2026-03-17T10:00:00Z", "2026-03-17T11:00:00Z");
	assert_busy(&g, 1, "2026-03-24T10:00:00Z", "2026-03-24T11:00:00Z");
	assert_busy(&g, 2, "2026-03-26T23:00:00Z", "2026-03-27T23:00:00Z");
	assert_busy(&g, 3, "2026-03-31T09:00:00Z", "2026-03-31T10:00:00Z");
	assert_busy(&g, 4, "2026-04-02T12:00:00Z", "2026-04-02T13:00:00Z");
	assert_busy(&g, 5, "2026-04-07T09:00:00Z", "2026-04-07T10:00:00Z");
	got_free(&g);
}

/* ---------------------------------------------------------------- out of office (SPEC 8.3) */

struct away_case {
	const char *name;
	const char *file;         /* a sample of tests/data/ics, or NULL: text */
	const char *text;
	const char *from, *to;    /* the window */
	const char *away;         /* the intervals, "START END" joined by ", "; "" for none */
};

static const struct away_case away_cases[] = {
	{"test_out_of_office_in_the_outlook_sample_is_its_oof_day", "outlook.ics", NULL, "2026-03-16T00:00:00Z",
	 "2026-04-13T00:00:00Z", "2026-03-26T23:00:00Z 2026-03-27T23:00:00Z"},
	{"test_out_of_office_sample_oof_days_summaries_and_a_weekly_one", "out-of-office.ics", NULL,
	 "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z",
	 "2026-12-06T23:00:00Z 2026-12-08T23:00:00Z, 2026-12-10T12:00:00Z 2026-12-10T17:00:00Z, "
	 "2026-12-11T13:00:00Z 2026-12-11T17:00:00Z, 2026-12-18T13:00:00Z 2026-12-18T17:00:00Z"},
	{"test_the_google_sample_has_no_out_of_office", "google.ics", NULL, "2026-03-16T00:00:00Z",
	 "2026-04-13T00:00:00Z", ""},
	{"test_oof_busy_status_in_any_case", NULL,
	 CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T100000Z\nDTEND:20260318T120000Z\n"
	     "X-MICROSOFT-CDO-BUSYSTATUS:oof\nEND:VEVENT\n"),
	 "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z", "2026-03-18T10:00:00Z 2026-03-18T12:00:00Z"},
	{"test_a_summary_that_begins_out_of_office_in_any_case", NULL,
	 CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T100000Z\nDTEND:20260318T120000Z\n"
	     "SUMMARY:OUT OF OFFICE - back on Monday\nEND:VEVENT\n"),
	 "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z", "2026-03-18T10:00:00Z 2026-03-18T12:00:00Z"},
	{"test_a_summary_that_only_mentions_out_of_office_is_a_meeting", NULL,
	 CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T100000Z\nDTEND:20260318T120000Z\n"
	     "SUMMARY:Plan the out of office rota\nEND:VEVENT\n"),
	 "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z", ""},
	{"test_a_busy_or_free_status_is_no_absence", NULL,
	 CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART:20260318T100000Z\nDTEND:20260318T120000Z\n"
	     "X-MICROSOFT-CDO-BUSYSTATUS:BUSY\nEND:VEVENT\n"),
	 "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z", ""},
	{"test_a_cancelled_out_of_office_is_none", NULL,
	 CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART;VALUE=DATE:20260318\nSTATUS:CANCELLED\n"
	     "X-MICROSOFT-CDO-BUSYSTATUS:OOF\nEND:VEVENT\n"),
	 "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z", ""},
	{"test_out_of_office_days_in_a_row_merge_into_one_absence", NULL,
	 CAL("BEGIN:VEVENT\nUID:a@x\nDTSTART;VALUE=DATE:20260316\nSUMMARY:Out of office\nEND:VEVENT\n"
	     "BEGIN:VEVENT\nUID:b@x\nDTSTART;VALUE=DATE:20260317\nSUMMARY:Out of office\nEND:VEVENT\n"),
	 "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z", "2026-03-15T23:00:00Z 2026-03-17T23:00:00Z"},
};

static void run_away_case(void **state)
{
	const struct away_case *c = *state;
	struct busy *b = NULL, *away = NULL;
	struct bt_error err = {0};
	char path[512], *text = NULL, x[CLOCK_RFC3339_LEN], y[CLOCK_RFC3339_LEN];
	size_t len = 0, n = 0, naway = 0, i, j;
	struct strbuf sb;
	int rc;

	if (c->file) {
		snprintf(path, sizeof(path), "%s/ics/%s", data_dir(), c->file);
		if (file_read(path, ICAL_MAX_BYTES, &text, &len, &err))
			fail_msg("cannot read %s: %s", path, err.message);
	}
	rc = ical_read(c->file ? text : c->text, c->file ? len : strlen(c->text), at(c->from), at(c->to), "Europe/Paris",
		       &b, &n, &away, &naway, &err);
	free(text);
	if (rc)
		fail_msg("line %d %s: %s", err.line, err.field, err.message);
	strbuf_init(&sb);
	for (i = 0; i < naway; i++) {
		strbuf_addf(&sb, "%s%s %s", i ? ", " : "", clock_format_rfc3339(away[i].start, x),
			    clock_format_rfc3339(away[i].end, y));
		/* an absence is busy time too */
		for (j = 0; j < n && !(b[j].start <= away[i].start && away[i].end <= b[j].end); j++)
			;
		assert_true(j < n);
	}
	assert_string_equal(sb.buf, c->away);
	strbuf_release(&sb);
	free(b);
	free(away);
}

static void test_sample_freebusy(void **state)
{
	struct got g;

	got_sample(&g, "freebusy.ics", "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 3);
	assert_busy(&g, 0, "2026-03-16T09:00:00Z", "2026-03-16T11:00:00Z");
	assert_busy(&g, 1, "2026-03-17T14:00:00Z", "2026-03-17T15:30:00Z");
	assert_busy(&g, 2, "2026-03-18T08:00:00Z", "2026-03-18T08:30:00Z");
	got_free(&g);
}

static void test_sample_bad_files(void **state)
{
	/* the table of tests/data/ics/README.md */
	static const struct {
		const char *file;
		int line;
		const char *field;
	} bad[] = {
		{"bad-garbage.ics", 1, ""},
		{"bad-no-vcalendar.ics", 1, "VCALENDAR"},
		{"bad-no-dtstart.ics", 10, "DTSTART"},
		{"bad-dtend-before-dtstart.ics", 8, "DTEND"},
		{"bad-unknown-tzid.ics", 7, "TZID"},
		{"bad-value.ics", 9, "DTSTART"},
		{"bad-truncated.ics", 1, "VCALENDAR"},
		{"bad-minutely.ics", 8, "RRULE"},
		{"bad-dense-rrule.ics", 8, "RRULE"},
		{"bad-zone-changes.ics", 33, "TZID"},
	};
	struct got g;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		got_sample(&g, bad[i].file, "2026-03-16T00:00:00Z", "2026-04-13T00:00:00Z");
		if (g.rc != -BT_BAD_INPUT || g.err.line != bad[i].line || strcmp(g.err.field, bad[i].field) != 0)
			fail_msg("%s: expected line %d field \"%s\", got rc %d line %d field \"%s\": %s", bad[i].file,
				 bad[i].line, bad[i].field, g.rc, g.err.line, g.err.field, g.err.message);
	}
}

/* ---------------------------------------------------------------- the invitation */

static struct ical_invite invite(void)
{
	struct ical_invite inv = {
		.meeting_id = 42,
		.start = 1795420980, /* 2026-11-23T08:03:00Z */
		.minutes = 30,
		.organizer_name = "Claire Martin",
		.organizer_email = "claire.martin@example.com",
		.attendee_name = "Zoë \"ZB\" Brun; Acme, Inc.",
		.attendee_email = "zoe.brun@acme.example",
		.booked_by = "Hugo Bernard",
		.summary = "Acme <> Example Co: discovery",
		.description = "Needs: replace the spreadsheet.\nBudget: yes",
		.status = "booked",
		.sequence = 1,
		.stamp = 1795000000,
		.uid_domain = "baton.local",
	};
	return inv;
}

static icalparameter *param_of(icalproperty *p, icalparameter_kind kind)
{
	icalparameter *a = icalproperty_get_first_parameter(p, kind);

	assert_non_null(a);
	return a;
}

static void assert_crlf(const char *text)
{
	const char *p;
	size_t len = strlen(text);

	assert_true(len > 2);
	assert_memory_equal(text + len - 2, "\r\n", 2);
	for (p = text; (p = strchr(p, '\n')) != NULL; p++)
		assert_true(p > text && p[-1] == '\r');
}

static void test_invite_parses_back(void **state)
{
	struct ical_invite inv = invite();
	char *text = ical_invite_write(&inv);
	icalcomponent *cal, *ev;
	icalproperty *p;

	assert_non_null(text);
	assert_crlf(text);
	cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_REQUEST);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), "meeting-42@baton.local");
	assert_true(icaltime_is_utc(icalcomponent_get_dtstart(ev)));
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtstart(ev)), 1795420980);
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtend(ev)), 1795420980 + 30 * 60);
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtstamp(ev)), 1795000000);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
	assert_int_equal(icalcomponent_get_sequence(ev), 1);
	assert_string_equal(icalcomponent_get_summary(ev), "Acme <> Example Co: discovery");
	assert_non_null(strstr(icalcomponent_get_description(ev), "Budget: yes"));
	assert_non_null(strstr(icalcomponent_get_description(ev), "Booked by Hugo Bernard."));
	p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_organizer(p), "mailto:claire.martin@example.com");
	assert_string_equal(icalparameter_get_cn(param_of(p, ICAL_CN_PARAMETER)), "Claire Martin");
	p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_attendee(p), "mailto:zoe.brun@acme.example");
	assert_string_equal(icalparameter_get_cn(param_of(p, ICAL_CN_PARAMETER)), "Zoë \"ZB\" Brun; Acme, Inc.");
	assert_int_equal(icalparameter_get_rsvp(param_of(p, ICAL_RSVP_PARAMETER)), ICAL_RSVP_TRUE);
	assert_int_equal(icalparameter_get_partstat(param_of(p, ICAL_PARTSTAT_PARAMETER)), ICAL_PARTSTAT_NEEDSACTION);
	assert_null(icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY));
	p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_x_name(p), "X-BATON-BOOKED-BY");
	assert_string_equal(icalproperty_get_x(p), "Hugo Bernard");
	icalcomponent_free(cal);
	free(text);
}

static void test_invite_folds_long_utf8_lines(void **state)
{
	struct ical_invite inv = invite();
	char desc[1024], *text, *line, *next;
	icalcomponent *cal;
	size_t i;

	for (i = 0; i + 2 < 600; i += 2)
		memcpy(desc + i, "\xc3\xa9", 2); /* é */
	desc[i] = '\0';
	inv.description = desc;
	inv.booked_by = NULL;
	text = ical_invite_write(&inv);
	assert_non_null(text);
	for (line = text; *line; line = next + 2) {
		next = strstr(line, "\r\n");
		assert_non_null(next);
		assert_true(next - line <= 75);
		/* a fold never splits a character: no line starts inside one */
		assert_false((line[0] == ' ' ? line[1] & 0xC0 : line[0] & 0xC0) == 0x80);
	}
	cal = icalparser_parse_string(text);
	assert_string_equal(icalcomponent_get_description(icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)),
			    desc);
	icalcomponent_free(cal);
	free(text);
}

static void test_invite_is_deterministic(void **state)
{
	struct ical_invite inv = invite();
	char *a = ical_invite_write(&inv), *b = ical_invite_write(&inv);

	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b); /* DTSTAMP is the struct's, not the wall clock's */
	free(a);
	free(b);
}

static void test_invite_cancelled_is_method_cancel(void **state)
{
	struct ical_invite inv = invite();
	icalcomponent *cal, *ev;
	char *text;

	inv.status = "cancelled";
	inv.sequence = 2;
	text = ical_invite_write(&inv);
	assert_non_null(text);
	assert_crlf(text);
	assert_non_null(strstr(text, "METHOD:CANCEL\r\n"));
	cal = icalparser_parse_string(text);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_CANCEL);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	assert_int_equal(icalcomponent_get_sequence(ev), 2);
	assert_string_equal(icalcomponent_get_uid(ev), "meeting-42@baton.local");
	icalcomponent_free(cal);
	free(text);
}

static void test_invite_status_and_defaults(void **state)
{
	struct ical_invite inv = invite();
	icalcomponent *cal, *ev;
	icalproperty *p;
	char *text;

	inv.status = "rescheduled";
	inv.summary = NULL;
	inv.description = NULL;
	inv.booked_by = NULL;
	inv.organizer_name = NULL;
	inv.organizer_email = NULL; /* reps have no email in baton: a no-reply organizer */
	text = ical_invite_write(&inv);
	assert_non_null(text);
	assert_non_null(strstr(text, "METHOD:REQUEST\r\n"));
	cal = icalparser_parse_string(text);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_TENTATIVE);
	assert_string_equal(icalcomponent_get_summary(ev), "Meeting with Zoë \"ZB\" Brun; Acme, Inc.");
	assert_null(icalcomponent_get_first_property(ev, ICAL_DESCRIPTION_PROPERTY));
	p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	assert_string_equal(icalproperty_get_organizer(p), "mailto:noreply@baton.local");
	assert_null(icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER));
	assert_null(icalcomponent_get_first_property(ev, ICAL_X_PROPERTY)); /* no X-BATON-BOOKED-BY */
	icalcomponent_free(cal);
	free(text);
}

/* The invitation's description (SPEC 8.4). */
static const char *invite_description(const struct ical_invite *inv, char *buf, size_t size)
{
	char *text = ical_invite_write(inv);
	icalcomponent *cal, *ev;

	assert_non_null(text);
	cal = icalparser_parse_string(text);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	snprintf(buf, size, "%s", icalcomponent_get_description(ev));
	icalcomponent_free(cal);
	free(text);
	return buf;
}

/* SPEC 8.4: the description gives the meeting in the AE's and the prospect's local times */
static void test_invite_says_the_aes_and_the_prospects_local_times(void **state)
{
	struct ical_invite inv = invite();
	char buf[512];

	inv.organizer_zone = "Europe/Paris";
	inv.attendee_zone = "America/New_York";
	assert_string_equal(invite_description(&inv, buf, sizeof(buf)),
			    "Needs: replace the spreadsheet.\nBudget: yes\n\n"
			    "When: 2026-11-23 09:03 in Europe/Paris (Claire Martin), 2026-11-23 03:03 in "
			    "America/New_York (your time); 30 minutes.\n\nBooked by Hugo Bernard.");
	inv.attendee_zone = "Europe/Paris"; /* the same zone: said once */
	inv.description = NULL;
	inv.booked_by = NULL;
	assert_string_equal(invite_description(&inv, buf, sizeof(buf)),
			    "When: 2026-11-23 09:03 in Europe/Paris (Claire Martin); 30 minutes.");
	inv.attendee_zone = "Mars/Olympus"; /* unknown: left out */
	inv.organizer_name = NULL;
	assert_string_equal(invite_description(&inv, buf, sizeof(buf)), "When: 2026-11-23 09:03 in Europe/Paris; 30 minutes.");
	inv.organizer_zone = NULL; /* no zone: no line */
	inv.description = "x";
	assert_string_equal(invite_description(&inv, buf, sizeof(buf)), "x");
}

static void test_invite_refuses_missing_fields(void **state)
{
	struct ical_invite inv = invite();

	assert_null(ical_invite_write(NULL));
	inv.attendee_email = NULL;
	assert_null(ical_invite_write(&inv));
	inv = invite();
	inv.attendee_email = "";
	assert_null(ical_invite_write(&inv));
	inv = invite();
	inv.minutes = 0;
	assert_null(ical_invite_write(&inv));
	inv = invite();
	inv.uid_domain = NULL;
	assert_null(ical_invite_write(&inv));
}

static void test_invite_reads_back_as_busy(void **state)
{
	struct ical_invite inv = invite();
	char *text = ical_invite_write(&inv);
	struct got g;

	assert_non_null(text);
	got_text(&g, text, "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_busy(&g, 0, "2026-11-23T08:03:00Z", "2026-11-23T08:33:00Z");
	got_free(&g);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utc_event_is_busy),
		cmocka_unit_test(test_crlf_and_lf_read_alike),
		cmocka_unit_test(test_tzid_with_vtimezone),
		cmocka_unit_test(test_vtimezone_with_windows_name),
		cmocka_unit_test(test_tzid_without_vtimezone_uses_libical_zones),
		cmocka_unit_test(test_floating_time_is_in_default_zone),
		cmocka_unit_test(test_weekly_rrule_with_exdate_keeps_local_time_across_dst),
		cmocka_unit_test(test_exdate_lists_and_utc_exdates),
		cmocka_unit_test(test_rrule_started_long_ago_and_until_and_count),
		cmocka_unit_test(test_hourly_rule_keeps_its_phase),
		cmocka_unit_test(test_rule_that_never_matches_ends_quickly),
		cmocka_unit_test(test_override_replaces_one_instance),
		cmocka_unit_test(test_rdate_instants_and_periods),
		cmocka_unit_test(test_too_many_intervals_in_window),
		cmocka_unit_test(test_dense_yearly_rule_is_refused_before_libical_walks_it),
		cmocka_unit_test(test_walk_budget_adds_up_over_the_file),
		cmocka_unit_test(test_vtimezone_with_more_than_1000_blocks_is_refused),
		cmocka_unit_test(test_vtimezone_rules_from_the_year_1_are_refused_at_the_first_time_using_them),
		cmocka_unit_test(test_far_times_in_a_vtimezone_are_charged_again),
		cmocka_unit_test(test_all_day_event_blocks_the_local_day),
		cmocka_unit_test(test_all_day_series_across_dst),
		cmocka_unit_test(test_transparent_and_cancelled_events_block_nothing),
		cmocka_unit_test(test_overlapping_and_touching_events_merge),
		cmocka_unit_test(test_window_keeps_overlapping_intervals_whole),
		cmocka_unit_test(test_freebusy_periods),
		cmocka_unit_test(test_empty_text_values_and_alarms_are_tolerated),
		cmocka_unit_test(test_several_calendars_in_one_text),
		cmocka_unit_test(test_garbage_fails_at_its_line),
		cmocka_unit_test(test_no_vcalendar_fails),
		cmocka_unit_test(test_missing_dtstart_fails_at_the_event),
		cmocka_unit_test(test_dtend_before_dtstart_fails_at_dtend),
		cmocka_unit_test(test_unknown_tzid_fails_at_its_property),
		cmocka_unit_test(test_libical_errors_name_line_and_property),
		cmocka_unit_test(test_truncated_text_fails),
		cmocka_unit_test(test_text_over_ten_megabytes_fails),
		cmocka_unit_test(test_no_libical_state_leaks_between_calls),
		cmocka_unit_test(test_sample_google_export),
		cmocka_unit_test(test_sample_outlook_export),
		cmocka_unit_test(test_sample_freebusy),
		cmocka_unit_test(test_sample_bad_files),
		cmocka_unit_test(test_invite_parses_back),
		cmocka_unit_test(test_invite_folds_long_utf8_lines),
		cmocka_unit_test(test_invite_is_deterministic),
		cmocka_unit_test(test_invite_cancelled_is_method_cancel),
		cmocka_unit_test(test_invite_status_and_defaults),
		cmocka_unit_test(test_invite_says_the_aes_and_the_prospects_local_times),
		cmocka_unit_test(test_invite_refuses_missing_fields),
		cmocka_unit_test(test_invite_reads_back_as_busy),
#define AWAY(i) {away_cases[i].name, run_away_case, NULL, NULL, (void *)&away_cases[i]}
		AWAY(0), AWAY(1), AWAY(2), AWAY(3), AWAY(4), AWAY(5), AWAY(6), AWAY(7), AWAY(8),
#undef AWAY
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
