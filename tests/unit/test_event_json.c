/* test_event_json.c - the store's direct payload encoder (event_payload_text) writes the same
 * JSON object as jansson's (event_payload_json), for hostile strings and nested keys; and the
 * exported event shape keeps "from"/"to" and never lets a payload key hide them; list items
 * are a JSON array both ways, and the old object shape of a "notified" event's recipients is
 * read back as the list. A string json_text_plain() passes is written by jansson as it is. The
 * stored text gives common keys their codes (issue 20), read back as the names. */
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
	struct arena *a = arena_new();
	struct event *back = event_new(a, ev->type, ev->at, ev->lead, ev->actor);
	json_t *direct, *lib = event_payload_json(ev), *read;
	json_error_t jerr;

	strbuf_init(&sb);
	event_payload_text(ev, &sb);
	direct = json_loads(sb.buf, 0, &jerr);
	if (!direct)
		fail_msg("not JSON: %s (%s)", sb.buf, jerr.text);
	/* the stored text (key codes) reads back as the same payload */
	assert_int_equal(event_payload_parse(back, a, sb.buf), 0);
	read = event_payload_json(back);
	assert_true(json_equal(read, lib));
	json_decref(read);
	json_decref(direct);
	json_decref(lib);
	strbuf_release(&sb);
	arena_free(&a);
}

static void test_direct_encoder_matches_jansson_on_hostile_strings(void **state)
{
	static const char *const values[] = {
		"",
		"plain",
		"quote \" backslash \\ slash /",
		"tab\tnewline\nreturn\r",
		"\x01\x02\x1f ctl",
		"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80",
		"{\"not\": \"json\"}",
		"\\u0000 literal",
	};
	struct arena *a = arena_new();
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct event *ev = event_new(a, EV_TOUCH, 1000, 1, "alice");

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

/* What json_text_plain() passes, jansson writes as it is between quotes: then the tick's
 * outbox may write the payload without jansson. It may refuse more than it must (non-ASCII
 * letters, DEL: jansson would write those as they are too). */
static void test_plain_text_is_what_jansson_writes_unescaped(void **state)
{
	static const struct {
		const char *s;
		int plain;
	} cases[] = {
		{"", 1},
		{"mrr1", 1},
		{"Ada Lovelace-2 (Paris) ~!/", 1},
		{"quote \"", 0},
		{"back\\slash", 0},
		{"tab\t", 0},
		{"\b\f", 0},
		{"\x01", 0},
		{"del \x7f", 0},
		{"caf\xc3\xa9", 0},
		{"bad \xff utf-8", 0},
	};
	size_t i;

	assert_true(json_text_plain(NULL)); /* no owner: null, no text to escape */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *j = json_string(cases[i].s);
		char *text = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		size_t n = strlen(cases[i].s);
		int as_is = text && strlen(text) == n + 2 && strncmp(text + 1, cases[i].s, n) == 0;

		free(text);
		json_decref(j);
		assert_int_equal(json_text_plain(cases[i].s), cases[i].plain);
		assert_true(!cases[i].plain || as_is);
	}
}

static void test_direct_encoder_nests_dotted_keys_even_when_interleaved(void **state)
{
	struct arena *a = arena_new();
	struct event *ev = event_new(a, EV_HANDOFF, 1000, 1, "alice");

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
	struct event *ev = event_new(a, EV_CREATED, 1795420980, 7, "admin");
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

/* The payload of ev as the store writes it; the caller frees it. */
static char *payload_text(const struct event *ev)
{
	struct strbuf sb;

	strbuf_init(&sb);
	event_payload_text(ev, &sb);
	return strbuf_detach(&sb);
}

static void test_list_items_are_a_json_array(void **state)
{
	struct arena *a = arena_new();
	struct event *ev = event_new(a, EV_NOTIFIED, 1000, 1, "system");
	char *text;

	event_put_str(ev, a, "kind", "unassigned_lead");
	event_put_item(ev, a, "recipients", "boss");
	event_put_str(ev, a, "notes.x", "y");
	event_put_item(ev, a, "recipients", "boss2");
	event_put_item(ev, a, "recipients", NULL);
	text = payload_text(ev);
	assert_string_equal(
		text, "{\"K\":\"unassigned_lead\",\"RC\":[\"boss\",\"boss2\"],\"notes\":{\"x\":\"y\"}}");
	assert_same_json(ev);
	assert_string_equal(event_get_str(ev, "recipients"), "boss");
	free(text);
	arena_free(&a);
}

static void test_a_list_reads_back_as_the_same_list(void **state)
{
	struct arena *a = arena_new();
	struct event *ev = event_new(a, EV_NOTIFIED, 1000, 1, "system");
	char *text;

	assert_int_equal(event_payload_parse(ev, a, "{\"kind\":\"k\",\"recipients\":[\"boss\",\"boss2\"]}"), 0);
	assert_int_equal(ev->nfields, 3);
	assert_true(ev->fields[1].item && ev->fields[2].item);
	text = payload_text(ev);
	assert_string_equal(text, "{\"K\":\"k\",\"RC\":[\"boss\",\"boss2\"]}");
	free(text);
	arena_free(&a);
}

static void test_the_old_object_shape_of_recipients_reads_as_a_list(void **state)
{
	static const char old[] = "{\"kind\":\"unassigned_lead\",\"recipients\":{\"0\":\"boss\",\"1\":\"boss2\"}}";
	struct arena *a = arena_new();
	struct event *ev = event_new(a, EV_NOTIFIED, 1000, 1, "system");
	struct event *other = event_new(a, EV_TOUCH, 1000, 1, "alice");
	json_t *j;
	char *text;

	assert_int_equal(event_payload_parse(ev, a, old), 0);
	text = payload_text(ev);
	assert_string_equal(text, "{\"K\":\"unassigned_lead\",\"RC\":[\"boss\",\"boss2\"]}");
	free(text);
	j = event_to_json(ev);
	assert_int_equal(json_array_size(json_object_get(j, "recipients")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "recipients"), 1)), "boss2");
	json_decref(j);
	/* only that list of that event: another event's object keyed "0" stays an object */
	assert_int_equal(event_payload_parse(other, a, "{\"notes\":{\"0\":\"a\"}}"), 0);
	text = payload_text(other);
	assert_string_equal(text, "{\"notes\":{\"0\":\"a\"}}");
	free(text);
	arena_free(&a);
}

/* issue 20: a payload an older baton stored (names) and one stored now (codes) read alike; a
 * user's nested key that looks like a code, and a top-level capital key no code has, stay as
 * they are; the raw reader of the reports finds a member under either form. */
static void test_key_codes_and_names_read_alike(void **state)
{
	static const char old[] = "{\"owner\":\"ada\",\"routing\":\"round robin\",\"skipped_hours\":[\"bob\"],"
				  "\"notes\":{\"K\":\"user key\"},\"ZZ\":1}";
	static const char now[] = "{\"W\":\"ada\",\"G\":\"round robin\",\"H\":[\"bob\"],"
				  "\"notes\":{\"K\":\"user key\"},\"ZZ\":1}";
	struct arena *a = arena_new();
	struct event *e1 = event_new(a, EV_ASSIGNED, 1000, 1, "system");
	struct event *e2 = event_new(a, EV_ASSIGNED, 1000, 1, "system");
	json_t *j1, *j2, *raw;
	char *text;

	assert_int_equal(event_payload_parse(e1, a, old), 0);
	assert_int_equal(event_payload_parse(e2, a, now), 0);
	j1 = event_payload_json(e1);
	j2 = event_payload_json(e2);
	assert_true(json_equal(j1, j2));
	assert_string_equal(json_string_value(json_object_get(j2, "owner")), "ada");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j2, "notes"), "K")), "user key");
	assert_int_equal(json_integer_value(json_object_get(j2, "ZZ")), 1);
	text = payload_text(e1);
	assert_string_equal(text, now);
	free(text);
	raw = json_loads(now, 0, NULL);
	assert_string_equal(json_string_value(event_payload_member(raw, "owner")), "ada");
	assert_null(event_payload_member(raw, "reason"));
	json_decref(raw);
	raw = json_loads(old, 0, NULL);
	assert_string_equal(json_string_value(event_payload_member(raw, "routing")), "round robin");
	json_decref(raw);
	json_decref(j1);
	json_decref(j2);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direct_encoder_matches_jansson_on_hostile_strings),
		cmocka_unit_test(test_direct_encoder_nests_dotted_keys_even_when_interleaved),
		cmocka_unit_test(test_plain_text_is_what_jansson_writes_unescaped),
		cmocka_unit_test(test_exported_event_keeps_stage_keys),
		cmocka_unit_test(test_list_items_are_a_json_array),
		cmocka_unit_test(test_a_list_reads_back_as_the_same_list),
		cmocka_unit_test(test_the_old_object_shape_of_recipients_reads_as_a_list),
		cmocka_unit_test(test_key_codes_and_names_read_alike),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
