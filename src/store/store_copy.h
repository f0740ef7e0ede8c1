/* store_copy.h - moving a store (`baton migrate`): every row of one store copied into another,
 * empty one, ids and events included, in one transaction of the destination, then the row
 * counts of every table compared. SQLite to PostgreSQL is the way a team grows; any pair of
 * backends works. */
#ifndef BATON_STORE_COPY_H
#define BATON_STORE_COPY_H

#include <stdint.h>

#include "util/error.h"

struct store;

#define STORE_COPY_TABLES 23 /* the tables of schema version STORE_COPY_VERSION */
#define STORE_COPY_VERSION 21 /* the schema version whose tables and columns store_copy knows */

struct store_copy_report {
	const char *table[STORE_COPY_TABLES]; /* static names, in copy order */
	int64_t from[STORE_COPY_TABLES];      /* rows in the source */
	int64_t to[STORE_COPY_TABLES];        /* rows in the destination after the copy */
	int n;                                /* tables filled */
	int mismatches;                       /* tables whose counts differ */
};

/* Copies every row of `from` into `to`, which must hold no store yet (no playbook, rep, lead or
 * event: -BT_REFUSED otherwise), then counts both into *rep. Both must be at schema version
 * STORE_COPY_VERSION (-BT_REFUSED naming the versions otherwise). `progress`, if not NULL, is
 * called after each table. Returns 0 (check rep->mismatches), or a negative code with nothing
 * written to `to`. */
int store_copy(struct store *from, struct store *to, struct store_copy_report *rep,
	       void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx, struct bt_error *err);

#endif
