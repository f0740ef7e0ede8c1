/* import.h - bulk intake of a CSV file of leads: every row goes through the same intake as
 * `lead add` (validate, dedupe, match, filter, score, route), in transactions of a few
 * thousand rows. Bad rows are reported with line, field and reason and skipped; in strict
 * mode a first pass checks every row and nothing is stored if any is bad. */
#ifndef BATON_IMPORT_H
#define BATON_IMPORT_H

#include <stdint.h>
#include <stdio.h>

#include "io/csv_import.h"
#include "service/service.h"

#define IMPORT_MAX_ERRORS 1000 /* errors kept with their text; all are counted */
#define IMPORT_MAX_NAMES 100   /* unmatched owners and unknown stage values listed, each once */
#define IMPORT_NAME_LEN 128    /* bytes kept of each */

/* Distinct values of a column, in the order first seen: the first IMPORT_MAX_NAMES. */
struct import_names {
	char items[IMPORT_MAX_NAMES][IMPORT_NAME_LEN];
	size_t n;
};

struct import_error {
	int64_t line;
	char field[48];
	char message[256];
};

struct import_report {
	int64_t rows;        /* records read (bad ones included) */
	int64_t imported;    /* leads stored, filtered ones included */
	int64_t duplicates;  /* rows whose email was already known (not stored twice) */
	int64_t filtered;    /* stored leads that the fit filter kept out */
	int64_t unassigned;  /* stored leads that nobody could take */
	int64_t bad;         /* rows skipped for bad input */
	struct import_error *errors; /* the first IMPORT_MAX_ERRORS bad rows, malloc'd */
	size_t nerrors;
	int strict_refused;  /* 1 if --strict found bad rows and stored nothing */
	char ignored[512];   /* the header columns that were not imported, comma-separated */
	/* history (SPEC 8.8): rows that carried their own creation date or stage */
	int64_t history;
	int64_t stages[STAGE_COUNT];    /* rows (history or not) by the stage they import at */
	int64_t obligations;            /* obligations opened (--dry-run: every row's; else history rows') */
	struct import_names unmatched;  /* owner values that name no rep */
	struct import_names unmapped;   /* stage values no map knows (imported at inquiry) */
};

struct import_opts {
	const struct kvlist *map;  /* --map pairs, may be NULL */
	const char *source;        /* --source, may be NULL */
	int strict;                /* --strict: store nothing if any row is bad (f must be seekable) */
	int keep;    /* --keep: unknown columns become the leads' attributes (SPEC 8.9) */
	const char *actor;         /* recorded as the events' actor */
	int dry_run;               /* --dry-run: decide every row, record nothing */
	void (*progress)(void *ctx, uint64_t bytes_read, int64_t rows); /* may be NULL */
	void *progress_ctx;
};

/* Imports the CSV stream f (history rows as history, SPEC 8.8: service/history.h); fills *rep (free it with import_report_release). Returns 0, or
 * a negative code (a file that cannot be read, storage; with --strict and bad rows,
 * -BT_BAD_INPUT and rep->strict_refused). */
int service_import(struct service *svc, FILE *f, const struct import_opts *opts, struct import_report *rep,
		   struct bt_error *err);

/* Counts a bad row and keeps its line, field (may be NULL) and message among the first
 * IMPORT_MAX_ERRORS. */
void import_add_error(struct import_report *rep, int64_t line, const char *field, const char *message);

/* Adds v (NULL: nothing) to the list, once. */
void import_names_add(struct import_names *names, const char *v);

/* Imports the company export f as accounts (SPEC 8.8, io/csv_accounts.h): each row's website
 * cut to its domain, its owner matched to an AE or CSM by name, email or full name (others
 * listed in rep->unmatched, the account kept without owner), a known domain counted as a
 * duplicate. Fills rows, imported, duplicates, bad, errors and unmatched of *rep (free it with
 * import_report_release). Returns 0, or a negative code (a file that cannot be read, storage). */
int service_account_import(struct service *svc, FILE *f, struct import_report *rep, struct bt_error *err);

/* Frees what the report holds. */
void import_report_release(struct import_report *rep);

#endif
