/* test_bizclock_shift.c - a replayed action's time (src/core/bizclock.c, bizclock_shift; SPEC
 * 8.10): as far after the moment its new owner got the lead, in that owner's calendar, as the
 * recorded action was after the moment its actor got it, in the actor's. The same calendar and
 * moment give the recorded time back, whatever the hour (the identity of a replay); the
 * business minutes move, the time after hours is carried over. Paris is mon-fri 09:00-18:00
 * (UTC+1 in November), New York mon-fri 09:00-17:00 (UTC-5); instants in UTC, local in comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/bizclock.h"
#include "core/playbook.h"

#include "unit.h"

#define MON_FRI 0x1fu

struct shift_case {
	const char *name;
	const char *got, *at; /* the recorded actor got the lead, then acted (Paris calendar) */
	int new_york;         /* 1: the new owner works New York's hours, 0: Paris's */
	const char *got2;     /* the new owner got the lead */
	const char *want;
};

static const struct shift_case cases[] = {
	{"test_the_same_owner_acts_at_the_recorded_time", "2026-11-30T08:00:00Z", "2026-11-30T08:07:30Z", 0,
	 "2026-11-30T08:00:00Z", "2026-11-30T08:07:30Z"},
	/* got 17:50 Monday, acted 20:00 (after hours) */
	{"test_the_same_owner_after_hours_acts_at_the_recorded_time", "2026-11-30T16:50:00Z", "2026-11-30T19:00:00Z", 0,
	 "2026-11-30T16:50:00Z", "2026-11-30T19:00:00Z"},
	/* got Friday 17:00, acted Monday 09:30 */
	{"test_the_same_owner_over_a_weekend_acts_at_the_recorded_time", "2026-11-27T16:00:00Z", "2026-11-30T08:30:00Z",
	 0, "2026-11-27T16:00:00Z", "2026-11-30T08:30:00Z"},
	/* 7.5 minutes after 09:00, then after 10:00 */
	{"test_an_owner_who_got_it_later_acts_as_much_later", "2026-11-30T08:00:00Z", "2026-11-30T08:07:30Z", 0,
	 "2026-11-30T09:00:00Z", "2026-11-30T09:07:30Z"},
	/* 10 business minutes from Monday 17:55 (to Tuesday 09:05), then from 17:58: Tuesday 09:08 */
	{"test_the_offset_is_business_time_across_the_night", "2026-11-30T16:55:00Z", "2026-12-01T08:05:00Z", 0,
	 "2026-11-30T16:58:00Z", "2026-12-01T08:08:00Z"},
	/* 60 business minutes then an hour after closing; from Tuesday 09:00: 10:00, then 11:00 */
	{"test_the_time_after_hours_is_carried_over", "2026-11-30T16:00:00Z", "2026-11-30T18:00:00Z", 0,
	 "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z"},
	/* 30 minutes after 09:00 Paris; the New York owner got it at 03:00 its time: 09:30 New York */
	{"test_the_new_owner_acts_in_its_own_hours", "2026-11-30T08:00:00Z", "2026-11-30T08:30:00Z", 1,
	 "2026-11-30T08:00:00Z", "2026-11-30T14:30:00Z"},
	{"test_an_action_before_the_lead_was_got_keeps_its_distance", "2026-11-30T08:00:00Z", "2026-11-30T07:59:00Z", 0,
	 "2026-11-30T09:00:00Z", "2026-11-30T08:59:00Z"},
};

/* The calendar of an org in `zone` open mon-fri from `start` to `end` (minutes), in *pb. */
static void calendar(struct bizclock *bc, struct playbook *pb, const char *zone, int start, int end)
{
	memset(pb, 0, sizeof(*pb));
	pb->org.name = "Test Co";
	pb->org.timezone = zone;
	pb_hours_set(&pb->org.hours, MON_FRI, start, end);
	bizclock_init(bc, pb, NULL, NULL);
}

static void run_case(void **state)
{
	const struct shift_case *c = *state;
	struct playbook paris_pb, ny_pb;
	struct bizclock paris, ny;
	char buf[CLOCK_RFC3339_LEN];

	calendar(&paris, &paris_pb, "Europe/Paris", 9 * 60, 18 * 60);
	calendar(&ny, &ny_pb, "America/New_York", 9 * 60, 17 * 60);
	assert_string_equal(clock_format_rfc3339(bizclock_shift(&paris, unit_at(c->got), unit_at(c->at),
								c->new_york ? &ny : &paris, unit_at(c->got2)),
						 buf),
			    c->want);
}

UNIT_TABLE_MAIN("bizclock_shift", cases, run_case, NULL, NULL)
