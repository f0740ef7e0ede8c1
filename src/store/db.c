/* db.c - dispatch of the driver interface to the backend's operations; see db.h. */
#include "store/db.h"

#include <stddef.h>

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

int db_begin(struct db *db, struct bt_error *err)
{
	return db->ops->exec(db, db->ops->name[0] == 's' ? "BEGIN IMMEDIATE" : "BEGIN", err);
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
