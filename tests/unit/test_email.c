/* test_email.c - email_normalize(): the one rule for an email address (core/email.h). Each
 * way the same person can be written gives one canonical form; what is not a plausible
 * address is refused naming the field "email". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/email.h"
#include "util/arena.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	struct arena *a = *state;

	arena_free(&a);
	return 0;
}

/* Normalises in and checks it gives want, and that want gives itself back (idempotent). */
static void same(struct arena *a, const char *in, const char *want)
{
	struct bt_error err;
	const char *out = "untouched", *again = NULL;

	bt_error_clear(&err);
	if (email_normalize(in, a, &out, &err) != 0)
		fail_msg("'%s' was refused: %s", in, err.message);
	assert_string_equal(out, want);
	assert_int_equal(email_normalize(out, a, &again, &err), 0);
	assert_string_equal(again, want);
}

/* Checks that in is refused naming "email", with a message containing text, *out untouched. */
static void refused(struct arena *a, const char *in, const char *text)
{
	struct bt_error err;
	const char *out = "untouched";

	bt_error_clear(&err);
	assert_int_equal(email_normalize(in, a, &out, &err), -BT_BAD_INPUT);
	assert_int_equal(err.code, BT_BAD_INPUT);
	assert_string_equal(err.field, "email");
	if (!strstr(err.message, text))
		fail_msg("'%s': message [%s] lacks [%s]", in, err.message, text);
	assert_string_equal(out, "untouched");
}

static void test_one_person_one_form(void **state)
{
	struct arena *a = *state;

	same(a, "eve@corp.example", "eve@corp.example");
	same(a, "Eve@Corp.example", "eve@corp.example");
	same(a, "EVE@CORP.EXAMPLE", "eve@corp.example");
	same(a, " eve@corp.example ", "eve@corp.example");
	same(a, "\teve@corp.example\r\n", "eve@corp.example");
	/* fullwidth letters, at sign and full stop (U+FF45 ..., U+FF20, U+FF0E) */
	same(a, "\xef\xbd\x85\xef\xbd\x96\xef\xbd\x85\xef\xbc\xa0\xef\xbd\x83\xef\xbd\x8f\xef\xbd\x92\xef\xbd\x90"
		"\xef\xbc\x8e\xef\xbd\x85\xef\xbd\x98\xef\xbd\x81\xef\xbd\x8d\xef\xbd\x90\xef\xbd\x8c\xef\xbd\x85",
	     "eve@corp.example");
	/* fullwidth capitals: NFKC then case folding */
	same(a, "\xef\xbc\xa5ve@corp.example", "eve@corp.example");
}

/* Printable ASCII takes a shorter road (no libunistring tables): it must end where the full rule
 * ends. A trailing zero-width space, which the full rule trims, sends the same text down the
 * long road; both answers, and both refusals' messages, must be the same. */
static void test_the_ascii_road_and_the_full_rule_agree(void **state)
{
	static const char *const ins[] = {"eve@corp.example", "  Eve.O'Neil+sales@Corp.Example ", "EVE@CORP.EXAMPLE",
					  "a b@corp.example", "eve@corp", "eve@@corp.example", "@corp.example",
					  "eve@corp..example", "<eve@corp.example>", "eve,adam@corp.example"};
	struct arena *a = *state;
	size_t i;

	for (i = 0; i < sizeof(ins) / sizeof(ins[0]); i++) {
		const char *fast = NULL, *slow = NULL;
		struct bt_error e1, e2;
		char *longer = arena_printf(a, "%s\xe2\x80\x8b", ins[i]);
		int r1, r2;

		bt_error_clear(&e1);
		bt_error_clear(&e2);
		r1 = email_normalize(ins[i], a, &fast, &e1);
		r2 = email_normalize(longer, a, &slow, &e2);
		assert_int_equal(r1, r2);
		if (r1 == 0)
			assert_string_equal(fast, slow);
		else
			assert_string_equal(e1.message, e2.message);
	}
}

static void test_surrounding_invisible_and_space_are_trimmed(void **state)
{
	struct arena *a = *state;

	same(a, "\xc2\xa0" "eve@corp.example\xc2\xa0", "eve@corp.example");             /* NBSP */
	same(a, "\xe2\x80\xaf" "eve@corp.example", "eve@corp.example");                 /* U+202F */
	same(a, "eve@corp.example\xe2\x80\xa8", "eve@corp.example");                    /* U+2028 */
	same(a, "eve@corp.example\xe2\x80\xa9", "eve@corp.example");                    /* U+2029 */
	same(a, "\xef\xbb\xbf" "eve@corp.example", "eve@corp.example");                 /* BOM */
	same(a, "\xe2\x80\x8b" "eve@corp.example\xe2\x80\x8b", "eve@corp.example");     /* ZWSP */
	same(a, "\xe2\x81\xa0\xe2\x80\x8d" " eve@corp.example \xe2\x80\x8c", "eve@corp.example");
}

static void test_case_folding_beyond_ascii(void **state)
{
	struct arena *a = *state;

	same(a, "\xc3\x89VE@corp.example", "\xc3\xa9ve@corp.example");   /* ÉVE -> éve */
	same(a, "E\xcc\x81ve@corp.example", "\xc3\xa9ve@corp.example");   /* E + combining acute -> é */
	same(a, "stra\xc3\x9f" "e@corp.example", "strasse@corp.example"); /* ß folds to ss */
	same(a, "STRASSE@corp.example", "strasse@corp.example");
	/* an IDN domain in Unicode is kept, NFKC and folded */
	same(a, "eve@B\xc3\x9c" "CHER.example", "eve@b\xc3\xbc" "cher.example");
}

static void test_invisible_or_space_inside_is_refused(void **state)
{
	static const char *const inside[] = {
		"e\xe2\x80\x8bve@corp.example",      /* U+200B zero width space */
		"e\xe2\x80\x8cve@corp.example",      /* U+200C zero width non-joiner */
		"e\xe2\x80\x8dve@corp.example",      /* U+200D zero width joiner */
		"e\xe2\x81\xa0ve@corp.example",      /* U+2060 word joiner */
		"e\xef\xbb\xbfve@corp.example",      /* U+FEFF BOM */
		"e\xc2\xad" "ve@corp.example",       /* U+00AD soft hyphen */
	};
	static const char *const space[] = {
		"eve\xc2\xa0@corp.example",          /* U+00A0, NFKC makes it a space */
		"eve@corp\xe2\x80\xaf.example",      /* U+202F */
		"eve\xe2\x80\xa8@corp.example",      /* U+2028 line separator */
		"eve\xe2\x80\xa9@corp.example",      /* U+2029 paragraph separator */
		"e ve@corp.example",
	};
	struct arena *a = *state;
	size_t i;

	for (i = 0; i < sizeof(inside) / sizeof(inside[0]); i++)
		refused(a, inside[i], "an invisible character");
	for (i = 0; i < sizeof(space) / sizeof(space[0]); i++)
		refused(a, space[i], "white space");
	refused(a, "e\xe2\x80\x8bve@corp.example", "(U+200B) at character 2");
}

static void test_bytes_that_are_not_text_are_refused(void **state)
{
	struct arena *a = *state;

	refused(a, "e\xff" "ve@corp.example", "not valid UTF-8");
	refused(a, "caf\xe9@corp.example", "not valid UTF-8");           /* Latin-1 */
	refused(a, "e\xc0\xaf" "ve@corp.example", "not valid UTF-8");    /* overlong '/' */
	refused(a, "e\xed\xa0\x80" "ve@corp.example", "not valid UTF-8"); /* a surrogate */
	refused(a, "eve@corp.example\xe2\x80", "not valid UTF-8");        /* cut short */
	refused(a, "e\x7fve@corp.example", "a control character (U+007F)");
	refused(a, "e\x01ve@corp.example", "a control character");
	refused(a, "e\xc2\x85ve@corp.example", "U+0085");                 /* C1 next line */
	refused(a, "e\xee\x80\x80ve@corp.example", "private-use");        /* U+E000 */
}

/* Writes n copies of unit then tail into buf (large enough), NUL-terminated. */
static void repeat(char *buf, const char *unit, size_t n, const char *tail)
{
	size_t k = strlen(unit), i;

	for (i = 0; i < n; i++)
		memcpy(buf + i * k, unit, k);
	memcpy(buf + n * k, tail, strlen(tail) + 1);
}

static void test_shape(void **state)
{
	struct arena *a = *state;
	char big[EMAIL_MAX_INPUT + 2], at254[300], at255[300], wide[600];

	refused(a, NULL, "required");
	refused(a, "", "required");
	refused(a, " \xc2\xa0\xe2\x80\x8b ", "required");
	refused(a, "not-an-email", "is not an email address");
	refused(a, "@corp.example", "is not an email address");
	refused(a, "eve@", "is not an email address");
	refused(a, "eve@bob@corp.example", "is not an email address");
	refused(a, "eve\xef\xbc\xa0" "bob@corp.example", "is not an email address"); /* a fullwidth second @ */
	refused(a, "eve@localhost", "has no valid domain");
	refused(a, "eve@.corp.example", "has no valid domain");
	refused(a, "eve@corp..example", "has no valid domain");
	refused(a, "eve@corp.example.", "has no valid domain");
	refused(a, "Eve <eve@corp.example>", "white space");
	refused(a, "eve@corp.example,bob@corp.example", "cannot have");
	/* at most 254 characters, counted in characters, not bytes */
	repeat(at254, "x", 245, "@corp.exa");
	same(a, at254, at254);
	repeat(at255, "x", 246, "@corp.exa");
	refused(a, at255, "longer than 254 characters");
	repeat(wide, "\xc3\xa9", 249, "@c.ex"); /* 254 characters in 503 bytes */
	same(a, wide, wide);
	repeat(wide, "\xc3\xa9", 250, "@c.ex");
	refused(a, wide, "longer than 254 characters");
	memset(big, ' ', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big + 100, "eve@corp.example", 16);
	refused(a, big, "longer than 254 characters");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_person_one_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_ascii_road_and_the_full_rule_agree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_surrounding_invisible_and_space_are_trimmed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_folding_beyond_ascii, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invisible_or_space_inside_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bytes_that_are_not_text_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shape, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
