/* test_action_args.c - the one table of action and intake arguments (src/core/action_args.c)
 * and its setters: the command line's text setters and the API's JSON setters
 * (src/io/args_json.c) fill the same fields with the same bounds and messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/action_args.h"
#include "io/args_json.h"
#include "util/arena.h"

static const struct arg_spec *row(const char *name, enum action act)
{
	const struct arg_spec *s = arg_find(action_args, action_args_n, name, ARG_ACT(act));

	assert_non_null(s);
	return s;
}

static void test_each_action_names_a_field_once(void **state)
{
	size_t i, j;
	int act;

	for (act = 0; act < ACT_COUNT; act++)
		for (i = 0; i < action_args_n; i++)
			for (j = i + 1; j < action_args_n; j++)
				if ((action_args[i].actions & ARG_ACT(act)) && (action_args[j].actions & ARG_ACT(act)))
					assert_string_not_equal(action_args[i].name, action_args[j].name);
	for (i = 0; i < action_args_n; i++) {
		assert_true(action_args[i].offset < sizeof(struct action_input));
		assert_true(action_args[i].kind < ARG_KIND_COUNT);
		assert_true(action_args[i].actions != 0);
	}
	for (i = 0; i < intake_args_n; i++)
		assert_true(intake_args[i].offset < sizeof(struct lead));
}

static void test_minutes_is_a_touch_or_a_meeting_by_the_action(void **state)
{
	struct action_input in;
	struct bt_error err;

	assert_int_equal(row("minutes", ACT_TOUCH)->bound, BOUND_TOUCH_MINUTES);
	assert_int_equal(row("minutes", ACT_HANDOFF)->bound, BOUND_MEETING_MINUTES);
	assert_null(arg_find(action_args, action_args_n, "minutes", ARG_ACT(ACT_ACCEPT)));
	action_input_init(&in, ACT_HANDOFF);
	assert_int_equal(in.req.meeting_minutes, 30);
	assert_int_equal(arg_set_text(row("minutes", ACT_TOUCH), &in, "2", NULL, &err), 0);
	assert_int_equal(in.req.minutes, 2);
	assert_int_equal(in.req.meeting_minutes, 30);
	assert_int_equal(arg_set_text(row("minutes", ACT_HANDOFF), &in, "2", NULL, &err), -BT_BAD_INPUT);
	assert_string_equal(err.message, "minutes must be a whole number from 5 to 480, got '2'");
	assert_int_equal(arg_set_text(row("minutes", ACT_HANDOFF), &in, "45", NULL, &err), 0);
	assert_int_equal(in.req.meeting_minutes, 45);
}

static void test_text_setters_fill_the_field_of_their_row(void **state)
{
	struct arena *a = arena_new();
	struct arg_ctx ctx = {a, "Europe/Berlin"};
	struct action_input in;
	struct bt_error err;

	action_input_init(&in, ACT_WIN);
	assert_int_equal(arg_set_text(row("amount", ACT_WIN), &in, "12000.5", &ctx, &err), 0);
	assert_int_equal(in.req.amount_cents, 1200050);
	assert_int_equal(arg_set_text(row("amount", ACT_WIN), &in, "12.345", &ctx, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "amount");
	assert_int_equal(arg_set_text(row("outcome", ACT_LOSE), &in, "lost", &ctx, &err), 0);
	assert_int_equal(in.req.action, ACT_LOSE);
	assert_int_equal(arg_set_text(row("outcome", ACT_LOSE), &in, "maybe", &ctx, &err), -BT_USAGE);
	assert_string_equal(err.message, "close: the outcome must be won or lost, got 'maybe'");
	/* a date is midnight in the org's zone: 2027-01-02T00:00+01:00 */
	assert_int_equal(arg_set_text(row("until", ACT_NURTURE), &in, "2027-01-02", &ctx, &err), 0);
	assert_int_equal(in.req.until, 1798848000 - 3600);
	assert_int_equal(arg_set_text(row("until", ACT_NURTURE), &in, "soon", &ctx, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "until");
	assert_int_equal(arg_set_text(row("meeting", ACT_HANDOFF), &in, "2026-11-24T10:00:00Z", &ctx, &err), 0);
	assert_int_equal(in.req.meeting_start, 1795514400);
	assert_int_equal(arg_set_text(row("to", ACT_HANDOFF), &in, "erin", &ctx, &err), 0);
	assert_string_equal(in.to, "erin");
	arena_free(&a);
}

static void test_json_and_text_take_and_refuse_the_same_values(void **state)
{
	static const char *const minutes[] = {"0", "1", "600", "601", "-3"};
	struct arena *a = arena_new();
	struct arg_ctx ctx = {a, "UTC"};
	struct action_input t, j;
	struct bt_error et, ej;
	size_t i;

	for (i = 0; i < sizeof(minutes) / sizeof(minutes[0]); i++) {
		json_t *v = json_loads(minutes[i], JSON_DECODE_ANY, NULL);
		int rt, rj;

		action_input_init(&t, ACT_TOUCH);
		action_input_init(&j, ACT_TOUCH);
		rt = arg_set_text(row("minutes", ACT_TOUCH), &t, minutes[i], &ctx, &et);
		rj = arg_set_json(row("minutes", ACT_TOUCH), &j, v, &ctx, &ej);
		assert_int_equal(rt, rj);
		if (rt)
			assert_string_equal(et.message, ej.message);
		else
			assert_int_equal(t.req.minutes, j.req.minutes);
		json_decref(v);
	}
	arena_free(&a);
}

static void test_a_json_body_fills_an_action_through_the_table(void **state)
{
	struct arena *a = arena_new();
	struct arg_ctx ctx = {a, "UTC"};
	struct action_input in;
	struct bt_error err;
	json_t *o;

	o = json_loads("{\"to\": \"erin\", \"meeting\": \"2026-11-24T10:00:00Z\", \"minutes\": 45,"
		       " \"notes\": {\"pain\": \"slow handoffs\"}}", 0, NULL);
	action_input_init(&in, ACT_HANDOFF);
	assert_int_equal(args_json_fill(action_args, action_args_n, ARG_ACT(ACT_HANDOFF), o, &in, &ctx, &err), 0);
	assert_string_equal(in.to, "erin");
	assert_int_equal(in.req.meeting_minutes, 45);
	assert_int_equal(in.req.minutes, 0);
	assert_int_equal(in.req.notes.n, 1);
	assert_string_equal(in.req.notes.items[0].value, "slow handoffs");
	json_decref(o);
	o = json_loads("{\"minutes\": \"30\"}", 0, NULL);
	action_input_init(&in, ACT_TOUCH);
	assert_int_equal(args_json_fill(action_args, action_args_n, ARG_ACT(ACT_TOUCH), o, &in, &ctx, &err), -BT_BAD_INPUT);
	assert_string_equal(err.message, "minutes must be a whole number from 1 to 600, got '30'");
	json_decref(o);
	o = json_loads("{\"set\": {\"budget\": 5}}", 0, NULL);
	action_input_init(&in, ACT_QUALIFY);
	assert_int_equal(args_json_fill(action_args, action_args_n, ARG_ACT(ACT_QUALIFY), o, &in, &ctx, &err), -BT_BAD_INPUT);
	assert_string_equal(err.message, "set.budget must be a string");
	json_decref(o);
	o = json_loads("{\"amount\": 12.345}", 0, NULL);
	action_input_init(&in, ACT_ACCEPT);
	assert_int_equal(args_json_fill(action_args, action_args_n, ARG_ACT(ACT_ACCEPT), o, &in, &ctx, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "amount");
	json_decref(o);
	arena_free(&a);
}

static void test_intake_fields_and_the_default_source_are_written_once(void **state)
{
	struct arena *a = arena_new();
	struct arg_ctx ctx = {a, NULL};
	struct bt_error err;
	struct lead l;
	json_t *o;

	lead_init(&l);
	assert_int_equal(arg_set_text(arg_find(intake_args, intake_args_n, "employees", 0), &l, "10000001", &ctx, &err),
			 -BT_BAD_INPUT);
	assert_string_equal(err.message, "employees must be a whole number from 0 to 10000000, got '10000001'");
	o = json_loads("{\"email\": \"eve@corp.example\", \"channel\": \"outbound\", \"employees\": 250}", 0, NULL);
	assert_int_equal(args_json_fill(intake_args, intake_args_n, 0, o, &l, &ctx, &err), 0);
	json_decref(o);
	assert_string_equal(l.email, "eve@corp.example");
	assert_int_equal(l.channel, CHANNEL_OUTBOUND);
	assert_int_equal(l.employees, 250);
	intake_default_source(&l);
	assert_string_equal(l.source, "target_list");
	lead_init(&l);
	l.source = "";
	intake_default_source(&l);
	assert_string_equal(l.source, "web_form");
	l.source = "webinar";
	intake_default_source(&l);
	assert_string_equal(l.source, "webinar");
	assert_int_equal(arg_set_text(arg_find(intake_args, intake_args_n, "channel", 0), &l, "sideways", &ctx, &err),
			 -BT_BAD_INPUT);
	assert_string_equal(err.message, "--channel must be inbound or outbound, got 'sideways'");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_action_names_a_field_once),
		cmocka_unit_test(test_minutes_is_a_touch_or_a_meeting_by_the_action),
		cmocka_unit_test(test_text_setters_fill_the_field_of_their_row),
		cmocka_unit_test(test_json_and_text_take_and_refuse_the_same_values),
		cmocka_unit_test(test_a_json_body_fills_an_action_through_the_table),
		cmocka_unit_test(test_intake_fields_and_the_default_source_are_written_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
