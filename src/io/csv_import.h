/* csv_import.h - the CSV adapter of `baton lead import`: streams a CRM export (HubSpot,
 * Salesforce, baton's own `export leads --format csv`, or any file with an email column) with
 * libcsv, maps its header to lead fields and hands each record over as a struct lead. It does
 * no intake: the caller validates, dedupes and records. Memory stays constant whatever the
 * file size; docs/import.md is the user's page. */
#ifndef BATON_CSV_IMPORT_H
#define BATON_CSV_IMPORT_H

#include <stdint.h>
#include <stdio.h>

#include "util/error.h"

struct lead;
struct kvlist;
struct history_row;
struct pb_intake_utm;

struct csv_import_cfg {
	const struct kvlist *map;  /* --map pairs: source column header -> baton field; may be NULL */
	const char *source;        /* --source: the source of every row that has none; may be NULL */
	/* --keep: the columns no field takes become the lead's attributes (SPEC 8.9: core/form.h's
	 * limits, a row past them is an error), their utm_* values mapped by utm */
	int keep;
	const struct pb_intake_utm *utm; /* the playbook's intake.utm; may be NULL */
	/* Called about every 64 KiB of input and once at the end with the bytes read so far. */
	void (*progress)(void *ctx, uint64_t bytes_read);
	/* Called once per header column that is not imported (unknown, a duplicate of a field
	 * already taken, or one of baton's export columns id, stage, grade, score,
	 * created_at), in file order, after the header is read and before the first row. */
	void (*ignored)(void *ctx, const char *column);
	/* Filled before each on_row with the row's history columns (SPEC 8.8: creation date,
	 * stage, owner, amount, close date), pointing into the same buffer as the lead's strings;
	 * may be NULL. */
	struct history_row *history;
};

/* Streams f: reads the header row, maps its columns to lead fields, then for each record calls
 * on_row(ctx, line, lead) with a lead filled from the row (lead_init'ed first; its strings point
 * into a writable buffer valid only during the call), or on_error(ctx, line, field, message)
 * for a row that cannot be read (field is a baton field name such as "employees", or NULL for
 * the whole row); that row is then skipped. line is the 1-based physical line where the record
 * starts. A non-zero return from a callback stops the read and is returned as is. Returns 0 at
 * end of file, or a negative bt_code with *err for a file that cannot be read (empty, no email
 * column, a --map naming an unknown column or field, a quote never closed, an I/O error). */
int csv_import_read(FILE *f, const struct csv_import_cfg *cfg, int (*on_row)(void *ctx, int64_t line, struct lead *l),
		    int (*on_error)(void *ctx, int64_t line, const char *field, const char *message), void *ctx,
		    struct bt_error *err);

/* Parses an employee count as CRM exports write it: "250", "1,000", "1 000", a range "51-200"
 * or "51 - 200" (its lower bound), "10000+"; returns 0 and sets *out, or -1. The count is not
 * bounded here (at most 18 digits): rows are checked against BOUND_EMPLOYEES (core/bounds.c). */
int csv_import_employees(const char *s, int64_t *out);

/* The baton field names a --map destination may use, NULL-terminated; static. */
extern const char *const csv_import_fields[];

#endif
