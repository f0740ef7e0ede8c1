/* csv_accounts.h - the CSV adapter of `baton account import` (SPEC 8.8): streams a company
 * export (HubSpot companies: Company name, Company Domain Name, Industry, Number of Employees,
 * Company owner; Salesforce accounts: Account Name, Website, Industry, Employees, Account
 * Owner) with libcsv and hands each record over as its raw values. It does no intake: the
 * caller checks, dedupes and records (service/account_import.c). docs/import.md is the
 * user's page. */
#ifndef BATON_CSV_ACCOUNTS_H
#define BATON_CSV_ACCOUNTS_H

#include <stdint.h>
#include <stdio.h>

#include "util/error.h"

/* One company row as written (trimmed); NULL when absent or empty. Borrowed for the call. */
struct account_row {
	const char *name;      /* Company name, Name, Account Name */
	const char *domain;    /* Company Domain Name, Website URL, Website, Domain: a domain or a URL */
	const char *segment;   /* Industry, Segment */
	const char *employees; /* Number of Employees, Employees */
	const char *owner;     /* Company owner, Account Owner, Owner */
};

/* Streams f: reads the header, then calls on_row(ctx, line, row) for each record (line: the
 * 1-based line where it starts). A non-zero return from on_row stops the read and is returned.
 * Returns 0 at end of file, or -BT_BAD_INPUT with *err for a file that cannot be read (empty,
 * no name column, a quote never closed). */
int csv_accounts_read(FILE *f, int (*on_row)(void *ctx, int64_t line, const struct account_row *row), void *ctx,
		      struct bt_error *err);

#endif
