/* test_csv_out.c - the one CSV cell writer (io/csv_out): RFC 4180 quoting, CRLF rows, text
 * cells that start like a spreadsheet formula (=, +, -, @, tab, carriage return) prefixed with
 * a single quote (OWASP), number cells, negative ones too, written as they are, and the
 * importer's test for a neutralised cell. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/csv_out.h"
#include "io/report_out.h"

/* The row that the cells make: kinds[i] 't' for text, 'n' for number; the caller frees it. */
static char *row(const char *kinds, const char *const *cells)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	struct csv_out out;

	assert_non_null(f);
	csv_out_init(&out, f);
	for (i = 0; kinds[i]; i++) {
		if (kinds[i] == 'n')
			csv_number(&out, cells[i]);
		else
			csv_text(&out, cells[i]);
	}
	csv_end_row(&out);
	fclose(f);
	return buf;
}

static void expect_text(const char *cell, const char *written)
{
	const char *cells[1] = {cell};
	char *got = row("t", cells), want[256];

	snprintf(want, sizeof(want), "%s\r\n", written);
	assert_string_equal(got, want);
	free(got);
}

static void expect_number(const char *cell, const char *written)
{
	const char *cells[1] = {cell};
	char *got = row("n", cells), want[256];

	snprintf(want, sizeof(want), "%s\r\n", written);
	assert_string_equal(got, want);
	free(got);
}

static void test_text_cells_that_start_like_a_formula_are_prefixed(void **state)
{
	expect_text("=1+1", "'=1+1");
	expect_text("+1+1", "'+1+1");
	expect_text("-2+3", "'-2+3");
	expect_text("@SUM(A1)", "'@SUM(A1)");
	expect_text("\tname", "'\tname");
	expect_text("\rname", "\"'\rname\"");
	expect_text("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	expect_text("-3", "'-3"); /* text that looks like a number is still text */
}

static void test_plain_text_is_left_alone_and_quoted_only_when_needed(void **state)
{
	expect_text("Ada Lovelace", "Ada Lovelace");
	expect_text("a=b", "a=b"); /* only the first character counts */
	expect_text(" =1", " =1");
	expect_text("Acme, Inc.", "\"Acme, Inc.\"");
	expect_text("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_text("two\nlines", "\"two\nlines\"");
	expect_text("", "");
	expect_text(NULL, "");
}

static void test_number_cells_stay_numbers(void **state)
{
	expect_number("-3", "-3");
	expect_number("-0.25", "-0.25");
	expect_number("42", "42");
	expect_number("1e+20", "1e+20");
	expect_number("-1.5E-3", "-1.5E-3");
	expect_number(NULL, "");
}

static void test_a_number_cell_that_is_not_a_number_is_neutralised_as_text(void **state)
{
	expect_number("-2+3", "'-2+3");
	expect_number("=1", "'=1");
	expect_number("-", "'-");
	expect_number("1,5", "\"1,5\"");
	expect_number("-inf", "'-inf");
}

static void test_cells_are_separated_by_commas_and_rows_end_with_crlf(void **state)
{
	const char *cells[] = {"id", "-1", "=x", "Acme"};
	char *got = row("tntt", cells);

	assert_string_equal(got, "id,-1,'=x,Acme\r\n");
	free(got);
}

static void test_is_number(void **state)
{
	assert_true(csv_is_number("0"));
	assert_true(csv_is_number("-12.5"));
	assert_true(csv_is_number("3e7"));
	assert_false(csv_is_number(""));
	assert_false(csv_is_number("+1"));
	assert_false(csv_is_number("1."));
	assert_false(csv_is_number(".5"));
	assert_false(csv_is_number("1e"));
	assert_false(csv_is_number("12a"));
	assert_false(csv_is_number(NULL));
}

static void test_an_importer_recognises_a_neutralised_cell(void **state)
{
	assert_true(csv_neutralised("'=x", 3));
	assert_true(csv_neutralised("'+1", 3));
	assert_true(csv_neutralised("'-2", 3));
	assert_true(csv_neutralised("'@a", 3));
	assert_true(csv_neutralised("'\tname", 6));
	assert_false(csv_neutralised("'", 1));
	assert_false(csv_neutralised("'a", 2));
	assert_false(csv_neutralised("''=", 3));
	assert_false(csv_neutralised("=x", 2));
	assert_false(csv_neutralised("'\0", 2));
}

static void test_a_report_neutralises_its_text_cells_and_not_its_numbers(void **state)
{
	static const char *const cols[] = {"key", "delta", "rate", "note"};
	struct cell cells[] = {
		{.kind = CELL_STR, .s = "-2+3"}, {.kind = CELL_INT, .i = -3}, {.kind = CELL_REAL, .r = -0.25},
		{.kind = CELL_STR, .s = "-3"},   {.kind = CELL_STR, .s = "web"}, {.kind = CELL_INT, .i = 4},
		{.kind = CELL_NULL},             {.kind = CELL_BOOL, .i = 1},
	};
	struct report r = {.name = "t", .ntables = 1};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	r.tables[0] = (struct report_table){.name = "rows", .cols = cols, .ncols = 4, .nrows = 2, .cells = cells};
	report_print_csv(&r, f);
	fclose(f);
	assert_string_equal(buf, "key,delta,rate,note\r\n'-2+3,-3,-0.25,'-3\r\nweb,4,,true\r\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_cells_that_start_like_a_formula_are_prefixed),
		cmocka_unit_test(test_plain_text_is_left_alone_and_quoted_only_when_needed),
		cmocka_unit_test(test_number_cells_stay_numbers),
		cmocka_unit_test(test_a_number_cell_that_is_not_a_number_is_neutralised_as_text),
		cmocka_unit_test(test_cells_are_separated_by_commas_and_rows_end_with_crlf),
		cmocka_unit_test(test_is_number),
		cmocka_unit_test(test_an_importer_recognises_a_neutralised_cell),
		cmocka_unit_test(test_a_report_neutralises_its_text_cells_and_not_its_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
