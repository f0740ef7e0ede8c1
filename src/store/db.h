/* db.h - the SQL driver under the store: open, transactions, prepared statements with bound
 * parameters ($1, $2 ... in the SQL text, which both SQLite and PostgreSQL read), rows and
 * columns. store.c speaks portable SQL through it; db_sqlite.c implements it today and a
 * libpq implementation plugs in behind the same table of operations. */
#ifndef BATON_DB_H
#define BATON_DB_H

#include <stdint.h>

#include "util/error.h"

struct db;
struct db_stmt;

struct db_ops {
	const char *name; /* "sqlite" */
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct bt_error *err);
	struct db_stmt *(*prepare)(struct db *db, const char *sql, struct bt_error *err);
	void (*bind_int)(struct db_stmt *st, int i, int64_t v);
	void (*bind_real)(struct db_stmt *st, int i, double v);
	void (*bind_text)(struct db_stmt *st, int i, const char *v);
	int (*step)(struct db_stmt *st, struct bt_error *err);
	int (*insert)(struct db_stmt *st, int64_t *id, struct bt_error *err);
	int (*col_null)(struct db_stmt *st, int i);
	int64_t (*col_int)(struct db_stmt *st, int i);
	double (*col_real)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	void (*done)(struct db_stmt *st);
	int64_t (*changes)(struct db *db);
};

struct db {
	const struct db_ops *ops; /* the backend */
};

/* Opens (creating if `create`) the SQLite file at path in WAL mode with foreign keys on and
 * synchronous=FULL; returns 0 and *out (freed by db_close), or -BT_STORAGE / -BT_NOT_FOUND. */
int db_open_sqlite(const char *path, int create, struct db **out, struct bt_error *err);

/* Closes the connection and sets *db to NULL; NULL-safe. */
void db_close(struct db **db);

/* Runs SQL text without parameters (may hold several statements); 0 or -BT_STORAGE. */
int db_exec(struct db *db, const char *sql, struct bt_error *err);

/* Starts a write transaction (taking the write lock at once); 0 or -BT_STORAGE. */
int db_begin(struct db *db, struct bt_error *err);
/* Commits; the data is durable when it returns 0. */
int db_commit(struct db *db, struct bt_error *err);
/* Rolls back the open transaction, if any. */
void db_rollback(struct db *db);

/* Returns the prepared statement for sql (cached per connection by the text's address, so
 * pass string constants), reset and ready for binding; NULL with *err on failure. The
 * statement belongs to the connection: end each use with db_done(). */
struct db_stmt *db_prepare(struct db *db, const char *sql, struct bt_error *err);

/* Binds parameter i (1-based). NULL text binds SQL NULL. Text is not copied: it must stay
 * valid until the statement's db_done(). */
void db_bind_int(struct db *db, struct db_stmt *st, int i, int64_t v);
void db_bind_real(struct db *db, struct db_stmt *st, int i, double v);
void db_bind_text(struct db *db, struct db_stmt *st, int i, const char *v);

/* Advances: 1 = a row is ready, 0 = done, negative = error (*err filled). */
int db_step(struct db *db, struct db_stmt *st, struct bt_error *err);

/* Runs an INSERT (written without RETURNING) and sets *id to the new row's id, the backend's
 * way (SQLite: last_insert_rowid; a PostgreSQL driver adds RETURNING id when it prepares an
 * INSERT). 0, or negative with *err filled. */
int db_insert(struct db *db, struct db_stmt *st, int64_t *id, struct bt_error *err);

/* Column i (0-based) of the current row; text is borrowed until the next step or done. */
int db_col_null(struct db *db, struct db_stmt *st, int i);
int64_t db_col_int(struct db *db, struct db_stmt *st, int i);
double db_col_real(struct db *db, struct db_stmt *st, int i);
const char *db_col_text(struct db *db, struct db_stmt *st, int i);

/* Ends the use of a statement: resets it and clears its bindings. */
void db_done(struct db *db, struct db_stmt *st);

/* Rows changed by the last statement. */
int64_t db_changes(struct db *db);

#endif
