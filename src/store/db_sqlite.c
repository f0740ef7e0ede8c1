/* db_sqlite.c - the SQLite backend of db.h: one connection, WAL, foreign keys, full sync,
 * a busy timeout for concurrent writers, and a cache of prepared statements. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

#define STMT_CACHE 256

extern const char schema_sqlite_text[];

struct cached {
	const char *sql;     /* the constant the statement was prepared from (compared by address) */
	sqlite3_stmt *stmt;
};

struct sqlite_db {
	struct db base;      /* must be first */
	sqlite3 *conn;
	struct cached cache[STMT_CACHE];
	int ncache;
};

static int fail(struct sqlite_db *d, struct bt_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(d->conn);
	enum bt_code bc = BT_STORAGE;

	if ((code & 0xff) == SQLITE_CONSTRAINT)
		bc = BT_REFUSED;
	return bt_fail(err, bc, NULL, 0, "%s: %s", what, sqlite3_errmsg(d->conn));
}

static void sq_close(struct db *db)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	int i;

	for (i = 0; i < d->ncache; i++)
		sqlite3_finalize(d->cache[i].stmt);
	sqlite3_close(d->conn);
	free(d);
}

static int sq_exec(struct db *db, const char *sql, struct bt_error *err)
{
	struct sqlite_db *d = (struct sqlite_db *)db;

	if (sqlite3_exec(d->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(d, err, "store");
	return 0;
}

/* Copies sql with every $N parameter (outside quotes) written ?N: SQLite numbers "$N" by
 * order of first appearance, "?N" by N, which is what the portable $N means. Caller frees. */
static char *numbered_params(const char *sql)
{
	char *out = strdup(sql);

	for (const char *p = sql; out && (p = db_param_next(p)) != NULL; p++)
		out[p - sql] = '?';
	return out;
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql, struct bt_error *err)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	sqlite3_stmt *st = NULL;
	char *text;
	int i, rc;

	for (i = 0; i < d->ncache; i++)
		if (d->cache[i].sql == sql)
			return (struct db_stmt *)d->cache[i].stmt;
	text = numbered_params(sql);
	if (!text) {
		bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
		return NULL;
	}
	rc = sqlite3_prepare_v3(d->conn, text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	free(text);
	if (rc != SQLITE_OK) {
		fail(d, err, "store: prepare");
		return NULL;
	}
	if (d->ncache == STMT_CACHE) {
		sqlite3_finalize(st);
		bt_fail(err, BT_STORAGE, NULL, 0, "store: more than %d distinct statements", STMT_CACHE);
		return NULL;
	}
	d->cache[d->ncache].sql = sql;
	d->cache[d->ncache].stmt = st;
	d->ncache++;
	return (struct db_stmt *)st;
}

static void sq_bind_int(struct db_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64((sqlite3_stmt *)st, i, v);
}

static void sq_bind_real(struct db_stmt *st, int i, double v)
{
	sqlite3_bind_double((sqlite3_stmt *)st, i, v);
}

static void sq_bind_text(struct db_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text((sqlite3_stmt *)st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null((sqlite3_stmt *)st, i);
}

static int sq_step(struct db_stmt *st, struct bt_error *err)
{
	sqlite3_stmt *s = (sqlite3_stmt *)st;
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	rc = sqlite3_extended_errcode(sqlite3_db_handle(s));
	return bt_fail(err, (rc & 0xff) == SQLITE_CONSTRAINT ? BT_REFUSED : BT_STORAGE, NULL, 0, "store: %s",
		       sqlite3_errmsg(sqlite3_db_handle(s)));
}

static int sq_insert(struct db_stmt *st, int64_t *id, struct bt_error *err)
{
	int rc = sq_step(st, err);

	if (rc < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(sqlite3_db_handle((sqlite3_stmt *)st));
	return 0;
}

static int sq_col_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type((sqlite3_stmt *)st, i) == SQLITE_NULL;
}

static int64_t sq_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64((sqlite3_stmt *)st, i);
}

static double sq_col_real(struct db_stmt *st, int i)
{
	return sqlite3_column_double((sqlite3_stmt *)st, i);
}

static const char *sq_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text((sqlite3_stmt *)st, i);
}

static void sq_done(struct db_stmt *st)
{
	sqlite3_reset((sqlite3_stmt *)st);
	sqlite3_clear_bindings((sqlite3_stmt *)st);
}

static int64_t sq_changes(struct db *db)
{
	return sqlite3_changes64(((struct sqlite_db *)db)->conn);
}

static int sq_cache(struct db *db, int kb, struct bt_error *err)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size=-%d", kb > 0 ? kb : 2048);
	return sq_exec(db, sql, err);
}

/* The file is still the one opened: SQLite keeps working on a deleted or moved file through its
 * open descriptor, while every new connection fails (SQLITE_FCNTL_HAS_MOVED says which). */
static int sq_healthy(struct db *db, struct bt_error *err)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	int moved = 0;

	if (sqlite3_file_control(d->conn, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK || moved)
		return bt_fail(err, BT_STORAGE, "db", 0, "the store's file was deleted or moved since the server opened it");
	return 0;
}

static const struct db_ops sqlite_ops = {
	.name = "sqlite",
	.schema = schema_sqlite_text,
	.begin_write = "BEGIN IMMEDIATE", /* take the write lock at once: two writers never deadlock */
	.begin_read = "BEGIN",            /* WAL: a read transaction is a snapshot */
	.lock_schema = NULL,
	.reseed = NULL,                   /* INTEGER PRIMARY KEY: the next id is max(id) + 1 */
	.features = DB_INDEX_HINTS,
	/* a scratch store: nothing synced, the rollback journal (savepoints need one) in memory, one
	   connection holding the lock for good, a page cache of 128 MB */
	.disposable = "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; "
		      "PRAGMA cache_size=-131072;",
	.close = sq_close,       .exec = sq_exec,         .prepare = sq_prepare,
	.bind_int = sq_bind_int,  .bind_real = sq_bind_real, .bind_text = sq_bind_text, .step = sq_step,
	.insert = sq_insert,      .col_null = sq_col_null, .col_int = sq_col_int,   .col_real = sq_col_real,
	.col_text = sq_col_text,  .done = sq_done,         .changes = sq_changes,
	.conflict = NULL,         .cache = sq_cache,          .healthy = sq_healthy,
};

/* Process-wide settings, before SQLite's first use: no memory statistics (they take a global
 * mutex on every allocation); each connection is used by one thread at a time. */
static void once_config(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

int db_open_sqlite(const char *path, enum db_mode mode, struct db **out, struct bt_error *err)
{
	struct sqlite_db *d;
	int flags = SQLITE_OPEN_NOMUTEX | (mode == DB_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		    (mode == DB_CREATE ? SQLITE_OPEN_CREATE : 0);

	if (mode != DB_CREATE && access(path, F_OK) != 0)
		return bt_fail(err, BT_NOT_FOUND, "db", 0, "no store at %s: run `baton init` first", path);
	once_config();
	d = calloc(1, sizeof(*d));
	if (!d)
		return bt_fail(err, BT_STORAGE, "db", 0, "out of memory");
	d->base.ops = &sqlite_ops;
	if (sqlite3_open_v2(path, &d->conn, flags, NULL) != SQLITE_OK) {
		bt_fail(err, BT_STORAGE, "db", 0, "cannot open %s: %s", path, d->conn ? sqlite3_errmsg(d->conn) : "no memory");
		sqlite3_close(d->conn);
		free(d);
		return -BT_STORAGE;
	}
	sqlite3_busy_timeout(d->conn, 10000);
	/* read only: setting the journal mode would write the file's header */
	if (sq_exec(&d->base,
		    mode == DB_READONLY ? "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
					: "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
					  "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=4000;",
		    err)) {
		sq_close(&d->base);
		return bt_fail(err, BT_STORAGE, "db", 0, "cannot use %s as a store: %s", path, err->message);
	}
	*out = &d->base;
	return 0;
}
