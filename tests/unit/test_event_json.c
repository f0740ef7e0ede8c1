/* test_event_json.c - the store's direct payload encoder (event_payload_text) writes the same
 * JSON object as jansson's (event_payload_json), for hostile strings and nested keys; and the
 * exported event shape keeps "from"/"to" and never lets a payload key hide them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/event_json.h"
#include "util/arena.h"

static void assert_same_json(const struct event *ev)
{
	struct strbuf sb;
	json_t *direct, *lib = event_payload_json(ev);
	json_error_t jerr;

	strbuf_init(&sb);
	event_payload_text(ev, &sb);
	direct = json_loads(sb.buf, 0, &jerr);
	if (!direct)
		fail_msg("not JSON: %s (%s)", sb.buf, jerr.text);
	assert_true(json_equal(direct, lib));
	json_decref(direct);
	json_decref(lib);
	strbuf_release(&sb);
}

static void test_direct_encoder_matches_jansson_on_hostile_strings(void **state)
{
	static const char *const values[] = {
		"", "plain", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\r", "\x01\x02\x1f ctl",
		"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80", "{\"not\": \"json\"}", "\\u0000 literal",
	};
	struct arena *a = arena_new();
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct event *ev = event_new(a, "touch", 1000, 1, "alice");

		event_put_str(ev, a, "note", values[i]);
		event_put_str(ev, a, values[i][0] ? values[i] : "k", "key");
		event_put_int(ev, a, "n", -9223372036854775807LL - 1);
		event_put_int(ev, a, "m", 9223372036854775807LL);
		event_put_real(ev, a, "score", 0.1 + 0.2);
		event_put_bool(ev, a, "first", 1);
		assert_same_json(ev);
	}
	arena_free(&a);
}

static void test_direct_encoder_nests_dotted_keys_even_when_interleaved(void **state)
{
	struct arena *a = arena_new();
	struct event *ev = event_new(a, "handoff", 1000, 1, "alice");

	event_put_str(ev, a, "notes.summary", "s");
	event_put_str(ev, a, "ae", "erin");
	event_put_str(ev, a, "answers.budget", "yes");
	event_put_str(ev, a, "notes.mobile_phone", "+33");
	event_put_int(ev, a, "to.0", 3);
	assert_same_json(ev);
	arena_free(&a);
}

static void test_exported_event_keeps_stage_keys(void **state)
{
	struct arena *a = arena_new();
	struct event *ev = event_new(a, "created", 1795420980, 7, "admin");
	json_t *o;

	event_set_stage(ev, -1, STAGE_INQUIRY);
	event_put_str(ev, a, "to", "not the stage");
	o = event_to_json(ev);
	assert_true(json_is_null(json_object_get(o, "from")));
	assert_string_equal(json_string_value(json_object_get(o, "to")), "inquiry");
	assert_string_equal(json_string_value(json_object_get(o, "at")), "2026-11-23T08:03:00Z");
	assert_int_equal(json_integer_value(json_object_get(o, "lead")), 7);
	json_decref(o);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direct_encoder_matches_jansson_on_hostile_strings),
		cmocka_unit_test(test_direct_encoder_nests_dotted_keys_even_when_interleaved),
		cmocka_unit_test(test_exported_event_keeps_stage_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
