/* db.c - dispatch of the driver interface to the backend's operations; see db.h. */
#include "store/db.h"

#include <stdio.h>
#include <string.h>

void db_close(struct db **db)
{
	if (db && *db) {
		(*db)->ops->close(*db);
		*db = NULL;
	}
}

int db_exec(struct db *db, const char *sql, struct bt_error *err)
{
	return db->ops->exec(db, sql, err);
}

int db_url_is_pg(const char *url)
{
	return url && (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0);
}

int db_open(const char *url, int create, struct db **out, struct bt_error *err)
{
	return db_url_is_pg(url) ? db_open_pg(url, create, out, err) : db_open_sqlite(url, create, out, err);
}

int db_begin(struct db *db, struct bt_error *err)
{
	return db->ops->exec(db, db->ops->begin_write, err);
}

int db_commit(struct db *db, struct bt_error *err)
{
	return db->ops->exec(db, "COMMIT", err);
}

void db_rollback(struct db *db)
{
	struct bt_error ignored;

	db->ops->exec(db, "ROLLBACK", &ignored);
}

struct db_stmt *db_prepare(struct db *db, const char *sql, struct bt_error *err)
{
	return db->ops->prepare(db, sql, err);
}

void db_bind_int(struct db *db, struct db_stmt *st, int i, int64_t v)
{
	db->ops->bind_int(st, i, v);
}

void db_bind_real(struct db *db, struct db_stmt *st, int i, double v)
{
	db->ops->bind_real(st, i, v);
}

void db_bind_text(struct db *db, struct db_stmt *st, int i, const char *v)
{
	db->ops->bind_text(st, i, v);
}

int db_step(struct db *db, struct db_stmt *st, struct bt_error *err)
{
	return db->ops->step(st, err);
}

int db_insert(struct db *db, struct db_stmt *st, int64_t *id, struct bt_error *err)
{
	return db->ops->insert(st, id, err);
}

int db_col_null(struct db *db, struct db_stmt *st, int i)
{
	return db->ops->col_null(st, i);
}

int64_t db_col_int(struct db *db, struct db_stmt *st, int i)
{
	return db->ops->col_int(st, i);
}

double db_col_real(struct db *db, struct db_stmt *st, int i)
{
	return db->ops->col_real(st, i);
}

const char *db_col_text(struct db *db, struct db_stmt *st, int i)
{
	return db->ops->col_text(st, i);
}

void db_done(struct db *db, struct db_stmt *st)
{
	if (st)
		db->ops->done(st);
}

int64_t db_changes(struct db *db)
{
	return db->ops->changes(db);
}

int db_has(struct db *db, enum db_feature f)
{
	return (db->ops->features & (int)f) != 0;
}

const char *db_schema(struct db *db)
{
	return db->ops->schema;
}

int db_read_begin(struct db *db, struct bt_error *err)
{
	return db->ops->exec(db, db->ops->begin_read, err);
}

int db_lock_schema(struct db *db, struct bt_error *err)
{
	return db->ops->lock_schema ? db->ops->exec(db, db->ops->lock_schema, err) : 0;
}

int db_reseed(struct db *db, const char *table, struct bt_error *err)
{
	char sql[512];

	if (!db->ops->reseed)
		return 0;
	snprintf(sql, sizeof(sql), db->ops->reseed, table, table);
	return db->ops->exec(db, sql, err);
}

int db_conflict(struct db *db)
{
	return db->ops->conflict ? db->ops->conflict(db) : 0;
}

int db_cache(struct db *db, int kb, struct bt_error *err)
{
	return db->ops->cache ? db->ops->cache(db, kb, err) : 0;
}

int db_healthy(struct db *db, struct bt_error *err)
{
	int rc = db_exec(db, "SELECT 1", err);

	if (!rc && db->ops->healthy)
		rc = db->ops->healthy(db, err);
	return rc;
}
