/* report_out.c - prints a finished report as JSON (jansson), an aligned table (table_out) or
 * CSV (csv_out: text cells neutralised, numbers as they are); see report_out.h. */
#include "io/report_out.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "io/csv_out.h"
#include "io/table_out.h"

static json_t *cell_json(const struct cell *c)
{
	switch (c->kind) {
	case CELL_STR:
		return json_string(c->s);
	case CELL_INT:
		return json_integer(c->i);
	case CELL_REAL:
	case CELL_RATE:
		return json_real(c->r);
	case CELL_BOOL:
		return json_boolean(c->i);
	default:
		return json_null();
	}
}

static json_t *table_json(const struct report_table *t)
{
	json_t *rows = json_array();

	for (size_t i = 0; i < t->nrows; i++) {
		json_t *o = json_object();

		for (size_t k = 0; k < t->ncols; k++)
			json_object_set_new(o, t->cols[k], cell_json(&t->cells[i * t->ncols + k]));
		json_array_append_new(rows, o);
	}
	return rows;
}

static json_t *time_or_null(int64_t t)
{
	char buf[CLOCK_RFC3339_LEN];

	return t > CLOCK_MIN && t < CLOCK_MAX ? json_string(clock_format_rfc3339(t, buf)) : json_null();
}

json_t *report_json(const struct report *r, int64_t from, int64_t to, enum report_by by)
{
	json_t *o = json_object();

	json_object_set_new(o, "report", json_string(r->name));
	json_object_set_new(o, "from", time_or_null(from));
	json_object_set_new(o, "to", time_or_null(to));
	json_object_set_new(o, "by", by == BY_NONE ? json_null() : json_string(report_by_name(by)));
	for (size_t i = 0; i < r->nextras; i++)
		json_object_set_new(o, r->extra_keys[i], cell_json(&r->extras[i]));
	for (size_t i = 0; i < r->ntables; i++)
		json_object_set_new(o, r->tables[i].name, table_json(&r->tables[i]));
	return o;
}

/* The cell as text (malloc'd; NULL for null): for people (`people`) a rate is a percentage
 * with one decimal ("92.7%", "100.0%"); for CSV it stays the number. */
static char *cell_text(const struct cell *c, int people)
{
	char buf[64];

	switch (c->kind) {
	case CELL_STR:
		return strdup(c->s);
	case CELL_INT:
		snprintf(buf, sizeof(buf), "%" PRId64, c->i);
		return strdup(buf);
	case CELL_REAL:
		snprintf(buf, sizeof(buf), "%.15g", c->r);
		return strdup(buf);
	case CELL_RATE:
		snprintf(buf, sizeof(buf), people ? "%.1f%%" : "%.15g", people ? c->r * 100 : c->r);
		return strdup(buf);
	case CELL_BOOL:
		return strdup(c->i ? "true" : "false");
	default:
		return NULL;
	}
}

static void print_one(const struct report_table *t, FILE *f)
{
	char **head = calloc(t->ncols, sizeof(*head)), **cells = calloc(t->ncols, sizeof(*cells));
	struct table *out;
	size_t i, k;

	for (k = 0; k < t->ncols; k++) {
		head[k] = strdup(t->cols[k]);
		for (char *p = head[k]; *p; p++)
			*p = *p == '_' ? ' ' : (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	}
	out = table_new(t->ncols, (const char *const *)head);
	for (i = 0; i < t->nrows; i++) {
		for (k = 0; k < t->ncols; k++)
			cells[k] = cell_text(&t->cells[i * t->ncols + k], 1);
		table_row(out, (const char *const *)cells);
		for (k = 0; k < t->ncols; k++)
			free(cells[k]);
	}
	table_print(out, f);
	table_free(&out);
	for (k = 0; k < t->ncols; k++)
		free(head[k]);
	free(head);
	free(cells);
}

void report_print_table(const struct report *r, FILE *f)
{
	for (size_t i = 0; i < r->ntables; i++) {
		if (i)
			fprintf(f, "\n%s:\n", r->tables[i].name);
		if (r->tables[i].nrows)
			print_one(&r->tables[i], f);
		else
			fprintf(f, "(none)\n");
	}
	if (r->nextras)
		fputc('\n', f);
	for (size_t i = 0; i < r->nextras; i++) {
		char *v = cell_text(&r->extras[i], 1);

		fprintf(f, "%s: %s\n", r->extra_keys[i], v ? v : "-");
		free(v);
	}
}

void report_print_csv(const struct report *r, FILE *f)
{
	const struct report_table *t = &r->tables[0];
	struct csv_out out;

	csv_out_init(&out, f);
	for (size_t k = 0; k < t->ncols; k++)
		csv_text(&out, t->cols[k]);
	csv_end_row(&out);
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t k = 0; k < t->ncols; k++) {
			const struct cell *c = &t->cells[i * t->ncols + k];
			char *v = cell_text(c, 0);

			/* only text is neutralised: a number (a negative delta too) stays a number */
			if (c->kind == CELL_STR)
				csv_text(&out, v);
			else
				csv_number(&out, v);
			free(v);
		}
		csv_end_row(&out);
	}
}

/* The columns of `report credit`, in its CSV and table order. */
const char *const report_credit_cols[REPORT_CREDIT_NCOLS] = {
	"rep",        "role",       "meeting_held", "seller_late_cancel", "sql_accepted",
	"won_amount", "mql_to_sql", "renewal",      "expansion_sourced",
};

char *report_credit_cell(const json_t *row, size_t k)
{
	json_t *v = json_object_get(row, report_credit_cols[k]);

	if (!v)
		return strdup("");
	return json_is_string(v) ? strdup(json_string_value(v)) : json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
}

void report_credit_print_csv(const json_t *credit, FILE *f)
{
	const json_t *rows = json_object_get(credit, "rows");
	struct csv_out out;
	size_t i, k;

	csv_out_init(&out, f);
	for (k = 0; k < REPORT_CREDIT_NCOLS; k++)
		csv_text(&out, report_credit_cols[k]);
	csv_end_row(&out);
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *r = json_array_get(rows, i);

		for (k = 0; k < REPORT_CREDIT_NCOLS; k++) {
			char *cell = report_credit_cell(r, k);

			if (json_is_number(json_object_get(r, report_credit_cols[k])))
				csv_number(&out, cell);
			else
				csv_text(&out, cell);
			free(cell);
		}
		csv_end_row(&out);
	}
}
