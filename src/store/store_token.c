/* store_token.c - tokens (only hashes are stored) and idempotency answers; see store_token.h. */
#include "store/store_token.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

int store_token_add(struct store *s, struct token_row *t, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO tokens(hash, rep, intake, created_at) VALUES ($1, $2, $3, $4)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, t->hash);
	db_bind_text(s->db, st, 2, t->rep);
	db_bind_int(s->db, st, 3, t->intake);
	db_bind_int(s->db, st, 4, t->created_at);
	rc = db_insert(s->db, st, &t->id, err);
	db_done(s->db, st);
	return rc;
}

int store_token_get(struct store *s, struct arena *a, int64_t id, struct token_row *out, struct bt_error *err)
{
	static const char sql[] = "SELECT id, hash, rep, intake, created_at, revoked_at FROM tokens WHERE id = $1";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, id);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		memset(out, 0, sizeof(*out));
		out->id = db_col_int(s->db, st, 0);
		out->hash = store_col_str(s->db, st, 1, a);
		out->rep = store_col_str(s->db, st, 2, a);
		out->intake = (int)db_col_int(s->db, st, 3);
		out->created_at = db_col_int(s->db, st, 4);
		out->revoked_at = store_col_int_or(s->db, st, 5, 0);
		rc = 0;
	} else if (rc == 0) {
		rc = bt_fail(err, BT_NOT_FOUND, "token", 0, "no token %lld", (long long)id);
	}
	db_done(s->db, st);
	return rc;
}

int store_token_revoke(struct store *s, int64_t id, int64_t at, struct bt_error *err)
{
	static const char sql[] = "UPDATE tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, id);
	db_bind_int(s->db, st, 2, at);
	rc = store_run(s->db, st, err);
	if (!rc && db_changes(s->db) == 0)
		rc = bt_fail(err, BT_NOT_FOUND, "token", 0, "no token %lld", (long long)id);
	return rc;
}

int store_idem_get(struct store *s, struct arena *a, int64_t token, const char *key, int *status, const char **body,
		   struct bt_error *err)
{
	static const char sql[] = "SELECT status, body FROM idempotency WHERE token = $1 AND key = $2";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, token);
	db_bind_text(s->db, st, 2, key);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		*status = (int)db_col_int(s->db, st, 0);
		*body = store_col_str(s->db, st, 1, a);
		rc = 0;
	} else if (rc == 0) {
		rc = -BT_NOT_FOUND;
	}
	db_done(s->db, st);
	return rc;
}

int store_idem_put(struct store *s, int64_t token, const char *key, int status, const char *body, int64_t at,
		   struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO idempotency(token, key, status, body, created_at) VALUES ($1, $2, $3, $4, $5)";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, token);
	db_bind_text(s->db, st, 2, key);
	db_bind_int(s->db, st, 3, status);
	db_bind_text(s->db, st, 4, body);
	db_bind_int(s->db, st, 5, at);
	return store_run(s->db, st, err);
}
