/* test_sort.c - a list's sort and page (core/sort.h): `sort=` read against the list's fields
 * (an unknown, empty or repeated field refused naming "sort" and listing the known ones), rows
 * ordered key by key with empty values last in either direction and ties in the list's own
 * order, text without case or accents, and the page cut by offset and limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/sort.h"
#include "util/arena.h"

#include "unit.h"

/* The items of the test list, in its own order. */
struct item {
	int64_t id;
	const char *name;
	int64_t due; /* 0: none */
	double score; /* < 0: none */
};

static const struct sort_field fields[] = {
	{"id", SORT_INT, offsetof(struct item, id), NULL},
	{"name", SORT_TEXT, offsetof(struct item, name), NULL},
	{"due", SORT_TIME, offsetof(struct item, due), NULL},
	{"score", SORT_REAL, offsetof(struct item, score), NULL},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static const struct item items[] = {
	{1, "bob", 300, 0.5}, {2, "Ádám", 0, -1}, {3, NULL, 100, 0.9}, {4, "alice", 100, 0.5}, {5, "Bob", 200, -1},
};
#define NITEMS (sizeof(items) / sizeof(items[0]))

struct sort_case {
	const char *name;
	const char *sort;
	int64_t offset, limit;
	const char *want; /* the page's ids, "1,2,3" */
};

static const struct sort_case cases[] = {
	{"test_no_sort_keeps_the_lists_own_order", NULL, 0, 0, "1,2,3,4,5"},
	{"test_text_sorts_without_case_or_accents_empty_last", "name", 0, 0, "2,4,1,5,3"},
	{"test_descending_text_keeps_empty_last", "-name", 0, 0, "1,5,4,2,3"},
	{"test_ties_keep_the_lists_own_order", "due", 0, 0, "3,4,5,1,2"},
	{"test_a_second_key_breaks_the_first_ones_ties", "due,-id", 0, 0, "4,3,5,1,2"},
	{"test_a_descending_number_keeps_empty_last", "-score", 0, 0, "3,1,4,2,5"},
	{"test_a_page_is_cut_after_the_sort", "-score", 1, 2, "1,4"},
	{"test_a_page_without_a_sort_is_cut_in_the_lists_order", NULL, 3, 10, "4,5"},
	{"test_an_offset_past_the_end_gives_an_empty_page", "id", 9, 2, ""},
};

static void run_case(void **state)
{
	const struct sort_case *c = *state;
	struct arena *a = arena_new();
	struct sort_row rows[NITEMS];
	struct sort_spec spec;
	struct bt_error err;
	char got[64] = "";
	size_t i, from, count, len = 0;

	memset(&spec, 0, sizeof(spec));
	spec.offset = c->offset;
	spec.limit = c->limit;
	assert_int_equal(sort_parse(c->sort, fields, NFIELDS, &spec, &err), 0);
	for (i = 0; i < NITEMS; i++)
		sort_row_fill(&rows[i], &spec, &items[i], i, items[i].id, a);
	sort_rows(rows, NITEMS);
	sort_page(&spec, NITEMS, &from, &count);
	for (i = from; i < from + count; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%lld", i > from ? "," : "", (long long)rows[i].id);
	assert_string_equal(got, c->want);
	arena_free(&a);
}

static void test_a_bad_sort_is_refused_naming_the_field(void **state)
{
	static const struct {
		const char *text, *says;
	} bad[] = {
		{"bogus", "unknown sort field 'bogus' (sort by id, name, due, score"},
		{"name,-bogus", "unknown sort field '-bogus'"},
		{"name,", "empty sort field"},
		{"name,-name", "named twice"},
		{"id,name,due,score,id", "named twice"},
	};
	struct sort_spec spec;
	struct bt_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bt_error_clear(&err);
		assert_int_equal(sort_parse(bad[i].text, fields, NFIELDS, &spec, &err), -BT_USAGE);
		assert_string_equal(err.field, "sort");
		if (!strstr(err.message, bad[i].says))
			fail_msg("'%s': [%s] lacks [%s]", bad[i].text, err.message, bad[i].says);
	}
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + 1];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};

		tests[i] = t;
	}
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_a_bad_sort_is_refused_naming_the_field);
	return cmocka_run_group_tests_name("sort", tests, NULL, NULL);
}
