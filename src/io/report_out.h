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

#endif
