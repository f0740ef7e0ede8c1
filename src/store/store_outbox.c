/* store_outbox.c - reading the outbox back for delivery and recording each attempt's outcome;
 * see store_outbox.h. Portable SQL through db.h, like store.c: each update is one statement,
 * made durable by the caller's store_begin() .. store_commit(). */
#include "store/store.h"
#include "store/store_outbox.h"
#include "store/store_priv.h"
#include "util/arena.h"

int store_outbox_due(struct store *s, struct arena *a, int64_t now, int max, struct outbox_row **rows, size_t *n,
		     struct bt_error *err)
{
	static const char sql[] = "SELECT id, at, kind, rep, lead, payload, attempts, next_at FROM outbox "
				  "WHERE delivered_at IS NULL AND COALESCE(next_at, at) <= $1 ORDER BY at, id LIMIT $2";
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (max <= 0)
		return 0;
	st = db_prepare(s->db, sql, err);
	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, now);
	db_bind_int(s->db, st, 2, max);
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct outbox_row *r = arena_push(a, (void **)rows, n, &cap, sizeof(**rows));
		const char *payload;

		r->id = db_col_int(s->db, st, 0);
		r->at = db_col_int(s->db, st, 1);
		r->kind = store_col_str(s->db, st, 2, a);
		r->rep = store_col_str(s->db, st, 3, a);
		r->lead = store_col_int_or(s->db, st, 4, 0);
		payload = store_col_str(s->db, st, 5, a);
		r->payload = payload ? payload : "{}";
		r->attempts = (int)db_col_int(s->db, st, 6);
		r->next_at = store_col_int_or(s->db, st, 7, r->at);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_outbox_delivered(struct store *s, int64_t id, int64_t at, struct bt_error *err)
{
	static const char sql[] = "UPDATE outbox SET delivered_at = COALESCE(delivered_at, $1) WHERE id = $2";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, at);
	db_bind_int(s->db, st, 2, id);
	rc = store_run(s->db, st, err);
	if (!rc && db_changes(s->db) == 0)
		rc = bt_fail(err, BT_NOT_FOUND, "outbox", 0, "no outbox row %lld", (long long)id);
	return rc;
}

int store_outbox_retry(struct store *s, int64_t id, int attempts, int64_t next_at, struct bt_error *err)
{
	static const char sql[] =
		"UPDATE outbox SET attempts = $1, next_at = $2 WHERE id = $3 AND delivered_at IS NULL";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, attempts);
	db_bind_int(s->db, st, 2, next_at);
	db_bind_int(s->db, st, 3, id);
	rc = store_run(s->db, st, err);
	if (!rc && db_changes(s->db) == 0)
		rc = bt_fail(err, BT_NOT_FOUND, "outbox", 0, "no undelivered outbox row %lld", (long long)id);
	return rc;
}

int store_outbox_backlog(struct store *s, int64_t *pending, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	*pending = 0;
	if (!st)
		return -BT_STORAGE;
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		*pending = db_col_int(s->db, st, 0);
		rc = 0;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}
