/* test_rep_settings.c - a rep's settings as words (src/core/rep_settings.c): what `rep add`,
 * `rep set` and a replay's changes (service/replay_changes.c) give a rep, each setting checked
 * with the command line's bounds and messages and applied, its name added to what changed.
 * One table: a setting and its words, then either the rep after them or the field refused
 * and the start of the message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/clock.h"
#include "core/rep_settings.h"
#include "util/arena.h"

#include "unit.h"

/* What a case checks of the rep after its setting. */
struct want {
	int64_t capacity, weight;
	int hours_start, hours_end, active;
	const char *territories, *timezone;
};

static const struct rep_settings_case {
	const char *name;
	size_t slot;          /* offsetof the words in struct rep_settings */
	const char *words;
	const char *field;    /* refused: the field named; NULL: applied */
	const char *message;  /* refused: how the message starts */
	struct want want;     /* applied: the rep after */
	const char *changed;  /* applied: what changed */
} cases[] = {
	{"test_capacity_takes_a_whole_number", offsetof(struct rep_settings, capacity), "5", NULL, NULL,
	 {5, 0, -1, -1, 1, NULL, NULL}, "capacity"},
	{"test_capacity_none_lifts_the_cap", offsetof(struct rep_settings, capacity), "none", NULL, NULL,
	 {-1, 0, -1, -1, 1, NULL, NULL}, "capacity"},
	{"test_capacity_below_zero_is_refused", offsetof(struct rep_settings, capacity), "-1", "capacity",
	 "--capacity must be a whole number from 0 to 100000, got '-1'", {-1, 0, -1, -1, 1, NULL, NULL}, NULL},
	{"test_capacity_past_its_bound_is_refused", offsetof(struct rep_settings, capacity), "100001", "capacity",
	 "--capacity must be a whole number from 0 to 100000", {-1, 0, -1, -1, 1, NULL, NULL}, NULL},
	{"test_hours_are_read_as_minutes", offsetof(struct rep_settings, hours), "09:00-14:00", NULL, NULL,
	 {-1, 0, 540, 840, 1, NULL, NULL}, "hours"},
	{"test_hours_backwards_are_refused", offsetof(struct rep_settings, hours), "14:00-09:00", "hours",
	 "--hours must be HH:MM-HH:MM", {-1, 0, -1, -1, 1, NULL, NULL}, NULL},
	{"test_timezone_takes_an_iana_zone", offsetof(struct rep_settings, timezone), "America/New_York", NULL, NULL,
	 {-1, 0, -1, -1, 1, NULL, "America/New_York"}, "timezone"},
	{"test_timezone_unknown_is_refused", offsetof(struct rep_settings, timezone), "Mars/Base", "timezone",
	 "--timezone: unknown time zone 'Mars/Base'", {-1, 0, -1, -1, 1, NULL, NULL}, NULL},
	{"test_active_false_takes_the_rep_out", offsetof(struct rep_settings, active), "false", NULL, NULL,
	 {-1, 0, -1, -1, 0, NULL, NULL}, "active"},
	{"test_active_other_words_are_refused", offsetof(struct rep_settings, active), "no", "active",
	 "--active must be true or false", {-1, 0, -1, -1, 1, NULL, NULL}, NULL},
	{"test_territory_is_kept_as_given", offsetof(struct rep_settings, territory), "fr,es", NULL, NULL,
	 {-1, 0, -1, -1, 1, "fr,es", NULL}, "territory"},
	{"test_territory_empty_clears_it", offsetof(struct rep_settings, territory), "", NULL, NULL,
	 {-1, 0, -1, -1, 1, NULL, NULL}, "territory"},
	{"test_weight_goes_through_the_rep_args_row", offsetof(struct rep_settings, rep_args[0]), "2", NULL, NULL,
	 {-1, 2, -1, -1, 1, NULL, NULL}, "weight"},
	{"test_weight_past_its_bound_is_refused", offsetof(struct rep_settings, rep_args[0]), "101", "weight",
	 "weight must be a whole number from 1 to 100", {-1, 0, -1, -1, 1, NULL, NULL}, NULL},
};

static void run_case(void **state)
{
	const struct rep_settings_case *c = *state;
	struct rep_settings s;
	struct rep r = unit_rep(1, "r1", ROLE_MRR);
	struct arena *a = arena_new();
	struct strbuf changed;
	struct bt_error err;
	int rc;

	memset(&s, 0, sizeof(s));
	*(const char **)((char *)&s + c->slot) = c->words;
	strbuf_init(&changed);
	rc = rep_settings_apply(&r, &s, a, &changed, &err);
	if (c->field) {
		assert_int_equal(rc, -BT_BAD_INPUT);
		assert_string_equal(err.field, c->field);
		assert_memory_equal(err.message, c->message, strlen(c->message));
	} else {
		assert_int_equal(rc, 0);
		assert_int_equal(r.capacity, c->want.capacity);
		assert_int_equal(r.weight, c->want.weight);
		assert_int_equal(r.hours_start, c->want.hours_start);
		assert_int_equal(r.hours_end, c->want.hours_end);
		assert_int_equal(r.active, c->want.active);
		if (c->want.territories)
			assert_string_equal(r.territories, c->want.territories);
		else
			assert_null(r.territories);
		if (c->want.timezone)
			assert_string_equal(r.timezone, c->want.timezone);
		else
			assert_null(r.timezone);
		assert_string_equal(changed.buf, c->changed);
	}
	strbuf_release(&changed);
	arena_free(&a);
}

UNIT_TABLE_MAIN("rep_settings", cases, run_case, NULL, NULL)
