/* db.h - the SQL driver under the store: open, transactions, prepared statements with bound
 * parameters ($1, $2 ... in the SQL text, which both SQLite and PostgreSQL read), rows and
 * columns. store.c speaks portable SQL through it; db_sqlite.c and db_pg.c (libpq) implement
 * it behind one table of operations, and db_open.c picks one by the URL. Where the engines
 * differ, the driver says so through the few hooks at the end of the table (schema,
 * transaction verbs, features, conflicts). */
#ifndef BATON_DB_H
#define BATON_DB_H

#include <stdint.h>

#include "util/error.h"

struct arena;
struct db;
struct db_stmt;

/* What a backend can do beyond the portable SQL; store code picks a statement's variant by it. */
enum db_feature {
	DB_ROW_LOCKS = 1,   /* writers run concurrently: reads that decide a write take row locks
			       (SELECT ... FOR UPDATE, claims with SKIP LOCKED); SQLite's single
			       writer lock already serialises them */
	DB_INDEX_HINTS = 2, /* SELECT ... FROM t INDEXED BY i (SQLite only) */
};

struct db_ops {
	const char *name;        /* "sqlite", "postgres" */
	const char *schema;      /* the backend's migrations ("-- migration N" sections) */
	const char *begin_write; /* starts a write transaction ("BEGIN IMMEDIATE", "BEGIN") */
	const char *begin_read;  /* starts a read transaction that sees one moment */
	const char *lock_schema; /* run first in a migration's transaction, NULL if none needed */
	const char *reseed;      /* printf format (%s = table) that moves an id sequence past the
				    largest id after rows were copied with their ids; NULL if none */
	int features;            /* enum db_feature bits */
	/* run on a store nobody needs after a crash (a replay's scratch): no sync, the rollback
	   journal in memory; NULL if the engine has no such setting */
	const char *disposable;
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
	int (*conflict)(struct db *db);                      /* see db_conflict() */
	int (*cache)(struct db *db, int kb, struct bt_error *err); /* NULL: no page cache to size */
	int (*healthy)(struct db *db, struct bt_error *err);       /* see db_healthy(); NULL: none */
};

struct db {
	const struct db_ops *ops; /* the backend */
};

/* 1 if url names a PostgreSQL database (postgres:// or postgresql://). */
int db_url_is_pg(const char *url);

/* How a database is opened: an existing one, created if missing, or an existing one read only
 * (every write through it fails: SQLite SQLITE_OPEN_READONLY, PostgreSQL
 * default_transaction_read_only). */
enum db_mode { DB_EXISTING = 0, DB_CREATE = 1, DB_READONLY = 2 };

/* Opens the store's database: a PostgreSQL URL with db_open_pg, anything else as a SQLite
 * file with db_open_sqlite; returns 0 and *out (freed by db_close) or a negative code. */
int db_open(const char *url, enum db_mode mode, struct db **out, struct bt_error *err);

/* Connects to the PostgreSQL database at url (which must exist: `createdb`); DB_CREATE is
 * DB_EXISTING, DB_READONLY sets the session's default_transaction_read_only. Returns 0 and
 * *out (freed by db_close), or -BT_STORAGE. */
int db_open_pg(const char *url, enum db_mode mode, struct db **out, struct bt_error *err);

/* Opens (creating with DB_CREATE) the SQLite file at path in WAL mode with foreign keys on and
 * synchronous=FULL, or with DB_READONLY read only (the journal mode left as the file has it);
 * returns 0 and *out (freed by db_close), or -BT_STORAGE / -BT_NOT_FOUND. */
int db_open_sqlite(const char *path, enum db_mode mode, struct db **out, struct bt_error *err);

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

/* Advances: 1 = a row is ready, 0 = done, negative = error (*err filled). A NULL st (a
 * prepare that failed, *err already filled) returns -BT_STORAGE. */
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

/* Ends the use of a statement: resets it and clears its bindings; NULL-safe. */
void db_done(struct db *db, struct db_stmt *st);

/* Rows changed by the last statement. */
int64_t db_changes(struct db *db);

/* ---------------------------------------------------------------- one call per row */

/* The row helpers (after lwan's db_prepare_stmt / db_stmt_step) prepare, bind and step in one
 * call, on either backend. The values to bind and the places to read into follow `sql` as
 * variadic arguments, described by two signatures, one letter a value:
 *
 *   params ($1, $2 ... in order)          results (columns 0, 1 ... in order)
 *   i  int64_t                            i  int64_t *      (SQL NULL reads 0)
 *   d  int                                d  int *          (SQL NULL reads 0)
 *   r  double                             r  double *
 *   t  const char *, NULL binds SQL NULL  t  const char **  copied into the arena `a`, NULL for
 *   p  int64_t, SQL NULL unless > 0                         SQL NULL
 *      (an id or a time, 0 for none)
 *   n  int64_t, SQL NULL when < 0        n  int64_t *      (SQL NULL reads -1)
 *      (a count, -1 for none)            s  const char **  borrowed from the row, NULL for SQL
 *                                                          NULL (db_read only: valid until the
 *                                                          next db_step or db_done)
 *
 * The arguments are the params' values first, then the results' pointers, each of exactly the
 * type its letter names (variadic arguments are not converted: pass an int64_t for `i`, cast
 * a literal as (int64_t)0). An unknown letter is a programming error: the call fails with
 * -BT_STORAGE and names it. Text bound is not copied; it need only live through the call. */

/* Prepares sql and binds params, for walking rows: db_step() then db_read() each row, then
 * db_done(). Returns the statement, or NULL with *err filled (db_step(NULL) then returns
 * -BT_STORAGE, and db_done(NULL) does nothing, so the walk needs no check of its own). */
struct db_stmt *db_query(struct db *db, const char *sql, const char *params, struct bt_error *err, ...);

/* Reads the current row's columns 0, 1 ... into the results' pointers (text into a; a may be
 * NULL when results has no `t`). 0, or -BT_STORAGE on a bad signature (*err filled unless
 * err is NULL). */
int db_read(struct db *db, struct db_stmt *st, const char *results, struct arena *a, struct bt_error *err, ...);

/* One call per row: prepares sql, binds params, steps once, reads the first row into the
 * results' pointers and ends the statement. Returns 1 if a row was read, 0 if there was none
 * (the pointers are left as they were), negative with *err filled on error. */
int db_row(struct db *db, const char *sql, const char *params, const char *results, struct arena *a,
	   struct bt_error *err, ...);

/* Runs an INSERT (written without RETURNING) with params bound through db_insert() and sets
 * *id to the new row's id; 0, or db_insert's negative code (-BT_REFUSED: a unique key taken).
 * With id NULL, runs any statement that returns no rows (db_run). */
int db_add(struct db *db, const char *sql, const char *params, int64_t *id, struct bt_error *err, ...);

/* Runs a statement that returns no rows (UPDATE, DELETE, an INSERT whose id is not wanted)
 * with params bound: db_add without an id, db_run(db, sql, params, err, ...). 0, or negative
 * with *err filled. */
#define db_run(db, sql, params, ...) db_add((db), (sql), (params), NULL, __VA_ARGS__)

/* ---------------------------------------------------------------- backend hooks */

/* For the drivers: the first "$N" parameter at or after p outside quoted text, NULL if none.
 * Walk a statement by passing its text, then each result + 1 (never inside quotes). */
const char *db_param_next(const char *p);

/* 1 if the backend has feature f (enum db_feature). */
int db_has(struct db *db, enum db_feature f);

/* The backend's migration text (static). */
const char *db_schema(struct db *db);

/* Starts a read transaction in which every statement sees the same moment; 0 or -BT_STORAGE. */
int db_read_begin(struct db *db, struct bt_error *err);

/* Serialises migrations between processes inside the open transaction (PostgreSQL: an
 * advisory lock; SQLite: nothing, BEGIN IMMEDIATE already holds the write lock). */
int db_lock_schema(struct db *db, struct bt_error *err);

/* After rows were inserted with explicit ids into `table` (a constant name), moves its id
 * sequence past them (PostgreSQL); a no-op where ids come from the rows themselves. */
int db_reseed(struct db *db, const char *table, struct bt_error *err);

/* 1 if the current (or last) transaction failed on a conflict with a concurrent one (deadlock,
 * serialization failure, a unique key taken meanwhile) that running it again may resolve;
 * cleared when the next transaction begins. */
int db_conflict(struct db *db);

/* Sizes this connection's page cache in kB where the backend has one (SQLite). */
int db_cache(struct db *db, int kb, struct bt_error *err);

/* Trades durability for speed on a database nobody needs after a crash or a power cut (a
 * replay's scratch store): the backend's `disposable` settings, none where it has none. 0 or
 * a negative code. */
int db_disposable(struct db *db, struct bt_error *err);

/* 0 if the database answers a query and is still where it was opened (a SQLite file that was
 * deleted or moved away, its folder removed, is not); -BT_STORAGE with *err saying why. */
int db_healthy(struct db *db, struct bt_error *err);

#endif
