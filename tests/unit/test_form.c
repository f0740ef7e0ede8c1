/* test_form.c - what web forms send (SPEC 8.9, core/form.c): the one table of field names
 * (form aliases and CRM headers), the attributes' limits, line breaks folded in one-line
 * fields, and utm_* mapped to source and channel with and without the playbook's intake.utm
 * (read with line-numbered errors). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/form.h"
#include "core/playbook.h"
#include "util/arena.h"
#include "unit.h"

static void test_aliases_name_the_known_fields(void **state)
{
	static const struct {
		const char *name;
		const char *field; /* NULL: an attribute */
	} cases[] = {
		{"firstName", "first_name"},   {"first_name", "first_name"}, {"First Name", "first_name"},
		{"lastName", "last_name"},     {"last_name", "last_name"},   {"emailAddress", "email"},
		{"email_address", "email"},    {"Email", "email"},           {"E-mail", "email"},
		{"companyName", "company"},    {"company_name", "company"},  {"organization", "company"},
		{"phoneNumber", "phone"},      {"phone_number", "phone"},    {"jobTitle", "title"},
		{"job_title", "title"},        {"Job Title", "title"},       {"Lead Source", "source"},
		{"Number of Employees", "employees"}, {"Country/Region", "country"}, {"timeZone", "timezone"},
		{"utm_source", NULL},          {"message", NULL},            {"consent", NULL},
		{"", NULL},                    {"__", NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = form_field(cases[i].name);

		if (!cases[i].field)
			assert_null(got);
		else
			assert_string_equal(got ? got : "(none)", cases[i].field);
	}
}

/* A text of n copies of c (at most 2,100). */
static const char *repeat(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

static void test_attribute_limits_name_the_field(void **state)
{
	char k64[70], k65[70], v2000[2100], v2001[2100];
	struct {
		const char *key;
		const char *text; /* NULL: a number or a boolean */
		size_t n;         /* attributes kept before it */
		int ok;
		const char *field;
	} cases[] = {
		{"message", "hello\nthere", 0, 1, NULL},
		{"consent", NULL, 49, 1, NULL},
		{"the_51st", NULL, 50, 0, "attributes"},
		{repeat(k64, 'k', 64), "x", 0, 1, NULL},
		{repeat(k65, 'k', 65), "x", 0, 0, "attributes"},
		{"", "x", 0, 0, "attributes"},
		{"two\nlines", "x", 0, 0, "attributes"},
		{"message", repeat(v2000, 'v', 2000), 0, 1, NULL},
		{"message", repeat(v2001, 'v', 2001), 0, 0, "message"},
		{"message", "bell\a", 0, 0, "message"},
	};
	struct bt_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bt_error_clear(&err);
		int rc = form_attr_check(cases[i].key, cases[i].text, cases[i].n, &err);

		if (cases[i].ok) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -BT_BAD_INPUT);
			assert_string_equal(err.field, cases[i].field);
		}
	}
}

static void test_line_breaks_fold_into_one_space(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{"Head of\nSales", "Head of Sales"},
		{"Head of\r\nSales", "Head of Sales"},
		{"Head of\rSales", "Head of Sales"},
		{"Head of \r\n\r\n  Sales", "Head of Sales"},
		{"Head of\xE2\x80\xA8Sales", "Head of Sales"},
		{"Head of\xE2\x80\xA9Sales", "Head of Sales"},
		{"\nCTO\n", "CTO"},
		{"CTO", "CTO"},
		{"", ""},
		{"\n", ""},
		{"caf\xC3\xA9\nbar", "caf\xC3\xA9 bar"},
	};
	struct arena *a = arena_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(form_fold(cases[i].in, a), cases[i].out);
	assert_null(form_fold(NULL, a));
	arena_free(&a);
}

/* The default playbook with `tail` appended. */
static struct playbook *with(const char *tail, struct bt_error *err)
{
	const char *base = playbook_default_yaml();
	size_t n = strlen(base), m = strlen(tail);
	char *text = malloc(n + m + 2);
	struct playbook *pb;

	memcpy(text, base, n);
	text[n] = '\n';
	memcpy(text + n + 1, tail, m + 1);
	pb = playbook_parse(text, n + m + 1, "test.yaml", err, NULL);
	free(text);
	return pb;
}

static const char utm_yaml[] = "intake:\n"
			       "  utm:\n"
			       "    source: {google: paid_search, LinkedIn: paid_social}\n"
			       "    medium: {cpc: paid_search, email: newsletter}\n"
			       "    campaign: {webinar-q4: webinar}\n"
			       "    channel: {sdr_sequence: outbound}\n";

static void test_utm_sets_source_and_channel(void **state)
{
	static const struct {
		int mapped; /* 1: with utm_yaml, 0: the default playbook */
		const char *given_source;
		int given_channel;
		const char *utm_source, *utm_medium, *utm_campaign;
		const char *source;
		enum channel channel;
	} cases[] = {
		/* without intake.utm, utm_source becomes the source when none is given */
		{0, NULL, 0, "google", "cpc", NULL, "google", CHANNEL_INBOUND},
		{0, "webinar", 0, "google", NULL, NULL, "webinar", CHANNEL_INBOUND},
		{0, NULL, 0, NULL, "cpc", NULL, NULL, CHANNEL_INBOUND},
		{0, NULL, 0, "", NULL, NULL, NULL, CHANNEL_INBOUND},
		/* a utm_source that is no source (too long) is left */
		{0, NULL, 0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL, NULL,
		 CHANNEL_INBOUND},
		/* with it: campaign, then medium, then source, ignoring case */
		{1, NULL, 0, "google", NULL, NULL, "paid_search", CHANNEL_INBOUND},
		{1, NULL, 0, "linkedin", NULL, NULL, "paid_social", CHANNEL_INBOUND},
		{1, NULL, 0, "Google", "Email", NULL, "newsletter", CHANNEL_INBOUND},
		{1, NULL, 0, "google", "email", "webinar-q4", "webinar", CHANNEL_INBOUND},
		{1, NULL, 0, "bing", "banner", NULL, "bing", CHANNEL_INBOUND},
		{1, "event", 0, "google", "cpc", NULL, "event", CHANNEL_INBOUND},
		{1, NULL, 0, "apollo", "sdr_sequence", NULL, "apollo", CHANNEL_OUTBOUND},
		{1, NULL, 1, "apollo", "sdr_sequence", NULL, "apollo", CHANNEL_INBOUND},
	};
	struct bt_error err;
	struct playbook *pbs[2];
	size_t i;

	(void)state;
	pbs[0] = playbook_default(&err);
	pbs[1] = with(utm_yaml, &err);
	assert_non_null(pbs[0]);
	assert_non_null(pbs[1]);
	assert_int_equal(pbs[1]->utm.source.n, 2);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct form_utm u = {cases[i].utm_source, cases[i].utm_medium, cases[i].utm_campaign};
		struct lead l;

		lead_init(&l);
		l.source = cases[i].given_source;
		form_utm_apply(&pbs[cases[i].mapped]->utm, &u, l.source != NULL, cases[i].given_channel, &l);
		if (cases[i].source)
			assert_string_equal(l.source ? l.source : "(none)", cases[i].source);
		else
			assert_null(l.source);
		assert_int_equal(l.channel, cases[i].channel);
	}
	playbook_free(&pbs[0]);
	playbook_free(&pbs[1]);
}

static void test_intake_utm_errors_name_key_and_line(void **state)
{
	static const struct {
		const char *tail;
		const char *field;
		int line; /* of the tail: 1 is its first line */
	} cases[] = {
		{"intake:\n  utm:\n    channel: {sdr: sideways}\n", "intake.utm.channel.sdr", 3},
		{"intake:\n  utm:\n    source: [google]\n", "intake.utm.source", 3},
		{"intake:\n  utm:\n    medium:\n      cpc: {a: b}\n", "intake.utm.medium.cpc", 4},
		{"intake:\n  utm:\n    term: {x: y}\n", "intake.utm.term", 3},
	};
	int base = 1;
	size_t i;

	(void)state;
	for (const char *p = playbook_default_yaml(); *p; p++)
		base += *p == '\n';
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bt_error err;
		struct playbook *pb = with(cases[i].tail, &err);

		assert_null(pb);
		assert_string_equal(err.field, cases[i].field);
		assert_int_equal(err.line, base + cases[i].line);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aliases_name_the_known_fields),
		cmocka_unit_test(test_attribute_limits_name_the_field),
		cmocka_unit_test(test_line_breaks_fold_into_one_space),
		cmocka_unit_test(test_utm_sets_source_and_channel),
		cmocka_unit_test(test_intake_utm_errors_name_key_and_line),
	};

	return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
