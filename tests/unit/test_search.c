/* test_search.c - finding a lead by what a person types (core/search.h): the query and the
 * lead's email, name and company in one search form (no case, no accents, compatibility
 * characters as their plain letters), matched as a substring; and the query's own checks. One
 * table of cases, one runner: a lead, a query as typed, and whether it is found. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/search.h"
#include "util/arena.h"

#include "unit.h"

struct search_case {
	const char *name;
	const char *email, *lname, *company; /* the lead */
	const char *q;                       /* as typed */
	int found;
};

static const struct search_case cases[] = {
	{"test_a_company_is_found_by_a_part_of_its_name", "ada@ae.example", "Ada Lovelace", "Analytical Engines", "engine",
	 1},
	{"test_case_does_not_matter", "ada@ae.example", "Ada Lovelace", "Analytical Engines", "LOVELACE", 1},
	{"test_the_email_is_searched", "ada@ae.example", "Ada Lovelace", NULL, "@AE.EX", 1},
	{"test_accents_do_not_matter_in_the_query", "zoe@m.example", "Zoë Müller", "Müller GmbH", "muller", 1},
	{"test_accents_do_not_matter_in_the_lead", "zoe@m.example", "Zoe Muller", NULL, "ZOË MÜLLER", 1},
	{"test_an_accented_capital_matches_its_small_letter", "e@x.example", NULL, "École Polytechnique", "école", 1},
	/* e + U+0301 (combining acute) against the precomposed é */
	{"test_a_decomposed_accent_matches_a_composed_one", "e@x.example", NULL, "Caf\xc3\xa9 Noir", "cafe\xcc\x81", 1},
	/* fullwidth ＡＣＭＥ (U+FF21 ...) */
	{"test_fullwidth_letters_match_plain_ones", "bob@acme.example", NULL, NULL,
	 "\xef\xbc\xa1\xef\xbc\xa3\xef\xbc\xad\xef\xbc\xa5", 1},
	{"test_a_sharp_s_matches_ss", "k@x.example", "Klaus Strauß", NULL, "STRAUSS", 1},
	{"test_white_space_around_the_query_is_dropped", "ada@ae.example", "Ada Lovelace", NULL, "  ada lov ", 1},
	{"test_a_query_in_no_field_finds_nothing", "ada@ae.example", "Ada Lovelace", "Analytical Engines", "babbage", 0},
	{"test_a_lead_without_name_or_company_is_searched_by_email", "x@y.example", NULL, NULL, "lovelace", 0},
	{"test_words_must_be_next_to_each_other", "ada@ae.example", "Ada Lovelace", NULL, "lovelace ada", 0},
};

static void run_case(void **state)
{
	const struct search_case *c = *state;
	struct arena *a = arena_new();
	struct bt_error err;
	const char *q = NULL;
	struct lead l;

	lead_init(&l);
	l.email = c->email;
	l.name = c->lname;
	l.company = c->company;
	bt_error_clear(&err);
	assert_int_equal(search_query(c->q, "q", a, &q, &err), 0);
	assert_non_null(q);
	assert_int_equal(search_lead(&l, q), c->found);
	arena_free(&a);
}

static void test_an_empty_query_is_no_filter(void **state)
{
	struct arena *a = arena_new();
	struct bt_error err;
	const char *q = "untouched";

	assert_int_equal(search_query("   ", "q", a, &q, &err), 0);
	assert_null(q);
	assert_int_equal(search_query(NULL, "q", a, &q, &err), 0);
	assert_null(q);
	arena_free(&a);
}

static void test_a_bad_query_is_refused_naming_its_field(void **state)
{
	static const char *const bad[] = {"a\x01" "b", "\xff\xfe", NULL};
	struct arena *a = arena_new();
	struct bt_error err;
	char longer[SEARCH_MAX_CHARS + 2];
	const char *q;
	size_t i;

	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	for (i = 0; bad[i]; i++) {
		bt_error_clear(&err);
		assert_int_equal(search_query(bad[i], "q", a, &q, &err), -BT_BAD_INPUT);
		assert_string_equal(err.field, "q");
	}
	assert_int_equal(search_query(longer, "q", a, &q, &err), -BT_BAD_INPUT);
	arena_free(&a);
}

static void test_the_search_form_is_its_own_form(void **state)
{
	static const char *const texts[] = {"Zoë Müller", "ÉCOLE", "Straße", "ＡＣＭＥ", "plain ascii"};
	struct arena *a = arena_new();
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const char *f = search_fold(texts[i], a);

		assert_string_equal(search_fold(f, a), f);
	}
	assert_string_equal(search_fold("Zoë Müller", a), "zoe muller");
	arena_free(&a);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + 3];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};

		tests[i] = t;
	}
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_an_empty_query_is_no_filter);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_a_bad_query_is_refused_naming_its_field);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_the_search_form_is_its_own_form);
	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
