/* test_rep_event_settings.c - a rep event carries the rep's settings (src/core/rep.c,
 * rep_put_settings / rep_get_settings), so that a replay sets a rep as it was from that event on
 * (SPEC 8.10): every setting comes back as written, a text setting left out comes back NULL, an
 * event written without settings leaves the rep as it was, an unknown role is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/event.h"
#include "core/rep.h"
#include "util/arena.h"

#include "unit.h"

struct settings_case {
	const char *name;
	int with_settings; /* 1: the event carries rep_put_settings of the rep below */
	const char *role;  /* written over settings.role when not NULL */
	int want;          /* rep_get_settings' answer */
};

static const struct settings_case cases[] = {
	{"test_every_setting_comes_back_as_written", 1, NULL, 1},
	{"test_an_event_without_settings_leaves_the_rep", 0, NULL, 0},
	{"test_an_unknown_role_is_refused", 1, "wizard", -1},
};

static void run_case(void **state)
{
	const struct settings_case *c = *state;
	struct arena *a = arena_new();
	struct event *ev = event_new(a, EV_REP_UPDATED, unit_at("2026-11-30T08:00:00Z"), 0, "admin");
	struct rep r = unit_rep(7, "ada", ROLE_SDR), back = unit_rep(7, "ada", ROLE_MRR);

	r.team = "emea";
	r.manager = "maria";
	r.pod = "p1";
	r.capacity = 12;
	r.hours_start = 8 * 60;
	r.hours_end = 16 * 60;
	r.timezone = "Europe/Paris";
	r.active = 0;
	r.weight = 3;
	r.email = "ada@example.com";
	r.full_name = "Ada Lovelace";
	back.slack = "U0";
	event_put_str(ev, a, "rep", "ada");
	if (c->role)
		event_put_str(ev, a, "settings.role", c->role);
	if (c->with_settings)
		rep_put_settings(ev, a, &r);
	assert_int_equal(rep_get_settings(ev, &back), c->want);
	if (c->want == 1) {
		assert_int_equal(back.role, ROLE_SDR);
		assert_string_equal(back.team, "emea");
		assert_string_equal(back.manager, "maria");
		assert_null(back.territories);
		assert_string_equal(back.pod, "p1");
		assert_int_equal(back.capacity, 12);
		assert_int_equal(back.hours_start, 8 * 60);
		assert_int_equal(back.hours_end, 16 * 60);
		assert_string_equal(back.timezone, "Europe/Paris");
		assert_int_equal(back.active, 0);
		assert_int_equal(back.weight, 3);
		assert_string_equal(back.email, "ada@example.com");
		assert_null(back.slack); /* left out: cleared */
		assert_string_equal(back.full_name, "Ada Lovelace");
	} else if (c->want == 0) {
		assert_int_equal(back.role, ROLE_MRR);
		assert_string_equal(back.slack, "U0");
	}
	arena_free(&a);
}

UNIT_TABLE_MAIN("rep_settings", cases, run_case, NULL, NULL)
