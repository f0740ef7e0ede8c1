/* store_outbox.c - the outbox table: notifications queued by the use cases (store_outbox_add,
 * declared in store.h), read back for delivery and each attempt's outcome recorded (see
 * store_outbox.h). Portable SQL through db.h's row helpers: each update is one statement, made
 * durable by the caller's store_begin() .. store_commit(). */
#include "store/store.h"
#include "store/store_outbox.h"
#include "store/store_priv.h"
#include "util/arena.h"

int store_outbox_add(struct store *s, int64_t at, const char *kind, const char *rep, int64_t lead, const char *payload,
		     int64_t *id, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO outbox(at, kind, rep, lead, payload, next_at) VALUES ($1, $2, $3, $4, $5, $1)";

	return db_add(s->db, sql, "ittpt", id ? id : &(int64_t){0}, err, at, kind, rep, lead, payload ? payload : "{}");
}

int store_outbox_due(struct store *s, struct arena *a, int64_t now, int max, struct outbox_row **rows, size_t *n,
		     struct bt_error *err)
{
	/* a sign-in link (kind sign_in) is for its rep's email alone, never a webhook (MERGE(notify):
	 * NOTIFY's delivery by channel sends it by email only) */
	static const char sql[] = "SELECT id, at, kind, rep, lead, payload, attempts, next_at FROM outbox "
				  "WHERE delivered_at IS NULL AND COALESCE(next_at, at) <= $1 AND kind <> 'sign_in' "
				  "ORDER BY at, id LIMIT $2";
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (max <= 0)
		return 0;
	st = db_query(s->db, sql, "id", err, now, max);
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
	int rc = db_run(s->db, sql, "ii", err, at, id);

	return store_found(rc < 0 ? rc : db_changes(s->db) > 0, err, "outbox", "no outbox row %lld", (long long)id);
}

int store_outbox_retry(struct store *s, int64_t id, int attempts, int64_t next_at, struct bt_error *err)
{
	static const char sql[] =
		"UPDATE outbox SET attempts = $1, next_at = $2 WHERE id = $3 AND delivered_at IS NULL";
	int rc = db_run(s->db, sql, "dii", err, attempts, next_at, id);

	return store_found(rc < 0 ? rc : db_changes(s->db) > 0, err, "outbox", "no undelivered outbox row %lld",
			   (long long)id);
}

int store_outbox_backlog(struct store *s, int64_t *pending, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL";
	int rc;

	*pending = 0;
	rc = db_row(s->db, sql, "", "i", NULL, err, pending);
	return rc < 0 ? rc : 0;
}
