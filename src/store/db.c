/* db.c - dispatch of the driver interface to the backend's operations, and above them the row
 * helpers (db_query, db_read, db_row, db_run, db_add) that bind and read by signature, so both
 * backends get them through the same operations; see db.h. */
#include "store/db.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/arena.h"

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
	return st ? db->ops->step(st, err) : -BT_STORAGE;
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

const char *db_param_next(const char *p)
{
	char quote = 0;

	for (; *p; p++) {
		if (quote)
			quote = *p == quote ? 0 : quote;
		else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '$' && p[1] >= '0' && p[1] <= '9')
			return p;
	}
	return NULL;
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

int db_disposable(struct db *db, struct bt_error *err)
{
	return db->ops->disposable ? db_exec(db, db->ops->disposable, err) : 0;
}

int db_healthy(struct db *db, struct bt_error *err)
{
	int rc = db_exec(db, "SELECT 1", err);

	if (!rc && db->ops->healthy)
		rc = db->ops->healthy(db, err);
	return rc;
}

/* ---------------------------------------------------------------- one call per row */

/* Binds the values of *ap to $1, $2 ... as the letters of params say; 0 or -BT_STORAGE. */
static int bind_params(struct db *db, struct db_stmt *st, const char *params, va_list *ap, struct bt_error *err)
{
	const struct db_ops *ops = db->ops;

	for (int i = 0; params[i]; i++) {
		int64_t v;

		switch (params[i]) {
		case 'i': ops->bind_int(st, i + 1, va_arg(*ap, int64_t)); break;
		case 'd': ops->bind_int(st, i + 1, va_arg(*ap, int)); break;
		case 'r': ops->bind_real(st, i + 1, va_arg(*ap, double)); break;
		case 't': ops->bind_text(st, i + 1, va_arg(*ap, const char *)); break;
		case 'p':
		case 'n':
			v = va_arg(*ap, int64_t);
			if (params[i] == 'p' ? v > 0 : v >= 0)
				ops->bind_int(st, i + 1, v);
			else
				ops->bind_text(st, i + 1, NULL);
			break;
		default:
			return bt_fail(err, BT_STORAGE, NULL, 0, "bad parameter signature \"%s\" at '%c'", params,
				       params[i]);
		}
	}
	return 0;
}

/* Reads columns 0, 1 ... into the pointers of *ap as the letters of results say; `borrow`
 * allows the letter s (the row stays current after the call). */
static int read_results(struct db *db, struct db_stmt *st, const char *results, int borrow, struct arena *a,
			va_list *ap, struct bt_error *err)
{
	for (int i = 0; results[i]; i++) {
		char c = results[i] == 's' && !borrow ? '?' : results[i];
		int null = db_col_null(db, st, i);
		const char **text;

		switch (c) {
		case 'i':
		case 'n': *va_arg(*ap, int64_t *) = !null ? db_col_int(db, st, i) : c == 'n' ? -1 : 0; break;
		case 'd': *va_arg(*ap, int *) = null ? 0 : (int)db_col_int(db, st, i); break;
		case 'r': *va_arg(*ap, double *) = db_col_real(db, st, i); break;
		case 's':
		case 't':
			text = va_arg(*ap, const char **);
			*text = null       ? NULL
				: c == 's' ? db_col_text(db, st, i)
					   : arena_strdup(a, db_col_text(db, st, i));
			break;
		default:
			return bt_fail(err, BT_STORAGE, NULL, 0, "bad result signature \"%s\" at '%c'", results,
				       results[i]);
		}
	}
	return 0;
}

/* Prepares sql and binds params from *ap; NULL with *err filled. */
static struct db_stmt *query_va(struct db *db, const char *sql, const char *params, va_list *ap, struct bt_error *err)
{
	struct db_stmt *st = db_prepare(db, sql, err);

	if (st && bind_params(db, st, params, ap, err)) {
		db_done(db, st);
		st = NULL;
	}
	return st;
}

struct db_stmt *db_query(struct db *db, const char *sql, const char *params, struct bt_error *err, ...)
{
	struct db_stmt *st;
	va_list ap;

	va_start(ap, err);
	st = query_va(db, sql, params, &ap, err);
	va_end(ap);
	return st;
}

int db_read(struct db *db, struct db_stmt *st, const char *results, struct arena *a, struct bt_error *err, ...)
{
	va_list ap;
	int rc;

	va_start(ap, err);
	rc = read_results(db, st, results, 1, a, &ap, err);
	va_end(ap);
	return rc;
}

int db_row(struct db *db, const char *sql, const char *params, const char *results, struct arena *a,
	   struct bt_error *err, ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, err);
	st = query_va(db, sql, params, &ap, err);
	rc = db_step(db, st, err);
	if (rc == 1 && read_results(db, st, results, 0, a, &ap, err))
		rc = -BT_STORAGE;
	va_end(ap);
	db_done(db, st);
	return rc;
}

/* db_run is db_add with id NULL: one step whose row, if any, is not read. */
int db_add(struct db *db, const char *sql, const char *params, int64_t *id, struct bt_error *err, ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, err);
	st = query_va(db, sql, params, &ap, err);
	va_end(ap);
	rc = !st ? -BT_STORAGE : id ? db_insert(db, st, id, err) : db_step(db, st, err);
	db_done(db, st);
	return rc < 0 ? rc : 0;
}
