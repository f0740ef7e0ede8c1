/* store_priv.h - what the store's source files share and nobody else sees: the store itself
 * and the small helpers over db.h. */
#ifndef BATON_STORE_PRIV_H
#define BATON_STORE_PRIV_H

#include "store/db.h"
#include "util/strbuf.h"

struct arena;

struct store {
	struct db *db;
	int version;           /* schema version after migrations */
	struct strbuf scratch; /* reused to build payload text */
	char *answers_text;    /* bound JSON of the last lead written (malloc'd) */
	char *notes_text;
	int batch;             /* inside store_batch_begin: use cases nest as savepoints */
	int writing;           /* inside a write transaction (store_begin or a batch) */
	int64_t claim_due;     /* the last obligation claimed in this transaction (PostgreSQL: the */
	int64_t claim_id;      /* next claim resumes after it); 0 when none */
};

/* 1 if reads that decide a write must lock their rows: inside a write transaction on a
 * backend whose writers run concurrently (db_has DB_ROW_LOCKS: PostgreSQL). */
int store_locking(const struct store *s);

/* Runs a prepared statement that returns no rows, then ends its use; 0 or the error. */
int store_run(struct db *db, struct db_stmt *st, struct bt_error *err);
/* Column i as a string copied into a, NULL for SQL NULL. */
const char *store_col_str(struct db *db, struct db_stmt *st, int i, struct arena *a);
/* Column i as an integer, dflt for SQL NULL. */
int64_t store_col_int_or(struct db *db, struct db_stmt *st, int i, int64_t dflt);
/* Binds v to parameter i, or SQL NULL when !present. */
void store_bind_opt_int(struct db *db, struct db_stmt *st, int i, int64_t v, int present);

#endif
