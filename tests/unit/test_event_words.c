/* test_event_words.c - an event's payload in words for `lead show` (event_payload_words): each
 * shape the events carry (scalars, lists, nested objects, times, amounts in cents, booleans,
 * the old object shape of a "notified" event's recipients) reads as words, never as JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "io/event_json.h"
#include "io/event_words.h"
#include "util/arena.h"

static const struct {
	const char *name;
	enum event_type type;
	const char *payload; /* as the store keeps it */
	const char *words;   /* in Europe/Paris */
} cases[] = {
	{"an empty payload writes nothing", EV_REVIEW, "{}", ""},
	{"scalars, underscores as spaces", EV_BREACH, "{\"rule\":\"speed_to_lead\",\"owner\":\"alice\",\"obligation\":37}",
	 "rule: speed_to_lead; owner: alice; obligation: 37"},
	{"the old recipients object reads as a list", EV_NOTIFIED, "{\"kind\":\"breach\",\"recipients\":{\"0\":\"maria\"}}",
	 "kind: breach; recipients: maria"},
	{"a list joined by commas", EV_NOTIFIED, "{\"recipients\":[\"maria\",\"boss2\"]}", "recipients: maria, boss2"},
	{"a nested object as name=value", EV_QUALIFY, "{\"answers\":{\"budget\":\"yes\",\"need\":\"Routing\"}}",
	 "answers: budget=yes, need=Routing"},
	{"a time in the zone, an amount in cents, a boolean", EV_HANDOFF,
	 "{\"meeting_start\":\"2026-11-24T09:00:00Z\",\"amount_cents\":2400050,\"manual\":true,\"first\":false}",
	 "meeting start: 2026-11-24 10:00; amount: 24000.50; manual: yes; first: no"},
	{"text with a separator is quoted, control characters are spaces", EV_HANDOFF,
	 "{\"notes\":{\"summary\":\"a; b\",\"systems\":\"HubSpot, Aircall\"},\"note\":\"line\\none\"}",
	 "notes: summary=\"a; b\", systems=\"HubSpot, Aircall\"; note: line one"},
	{"a real number", EV_MQL, "{\"score\":0.2213,\"grade\":\"B\"}", "score: 0.2213; grade: B"},
	{"an empty list writes nothing", EV_ASSIGNED, "{\"skipped_hours\":[],\"owner\":\"bob\"}", "owner: bob"},
};

static void test_every_payload_shape_reads_as_words(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena *a = arena_new();
		struct event *ev = event_new(a, cases[i].type, 1000, 1, "system");
		struct strbuf sb;

		assert_int_equal(event_payload_parse(ev, a, cases[i].payload), 0);
		strbuf_init(&sb);
		event_payload_words(ev, "Europe/Paris", &sb);
		if (strcmp(sb.buf, cases[i].words) != 0)
			fail_msg("%s: \"%s\", expected \"%s\"", cases[i].name, sb.buf, cases[i].words);
		assert_null(strchr(sb.buf, '{'));
		strbuf_release(&sb);
		arena_free(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_payload_shape_reads_as_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
