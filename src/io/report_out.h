/* report_out.h - a finished report (core/report.h) as the spec's JSON, a table for people or
 * CSV: the adapters' side of the reports. */
#ifndef BATON_REPORT_OUT_H
#define BATON_REPORT_OUT_H

#include <jansson.h>
#include <stdio.h>

#include "core/report.h"

/* The report as JSON: {"report", "from", "to", "by", <extras>, "rows": [...], <other tables>};
 * from/to outside the clock's range print as null. The caller owns the result. */
json_t *report_json(const struct report *r, int64_t from, int64_t to, enum report_by by);

/* Prints every table of the report for people (the extras as "key: value" lines) to f. */
void report_print_table(const struct report *r, FILE *f);

/* Prints the report's main table ("rows") as CSV to f through io/csv_out.h (RFC 4180, CRLF;
 * text cells that start like a formula are prefixed with a single quote, numbers are not). */
void report_print_csv(const struct report *r, FILE *f);

/* `report credit` (service/views.h: view_report_credit's JSON, {"rows": [...]}) has its own
 * columns, report_credit_cols[0..REPORT_CREDIT_NCOLS). */
#define REPORT_CREDIT_NCOLS 9
extern const char *const report_credit_cols[REPORT_CREDIT_NCOLS];

/* The cell of column k of credit row `row` as text: a string as it is, a number as JSON writes
 * it, "" when absent. Returns malloc'd text the caller frees. */
char *report_credit_cell(const json_t *row, size_t k);

/* Prints the credit report's rows as CSV to f (numbers as numbers, text neutralised), as
 * report_print_csv does for the others. */
void report_credit_print_csv(const json_t *credit, FILE *f);

#endif
