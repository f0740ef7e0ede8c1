/* store_token.c - tokens (only hashes are stored) and idempotency answers; see store_token.h.
 * Portable SQL through db.h's row helpers. */
#include "store/store_token.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

int store_token_add(struct store *s, struct token_row *t, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO tokens(hash, rep, intake, created_at) VALUES ($1, $2, $3, $4)";

	return db_add(s->db, sql, "ttdi", &t->id, err, t->hash, t->rep, t->intake, t->created_at);
}

static void read_token(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct token_row *t = out;

	memset(t, 0, sizeof(*t));
	db_read(db, st, "ittdii", a, NULL, &t->id, &t->hash, &t->rep, &t->intake, &t->created_at, &t->revoked_at);
}

int store_token_get(struct store *s, struct arena *a, int64_t id, struct token_row *out, struct bt_error *err)
{
	static const char sql[] = "SELECT id, hash, rep, intake, created_at, revoked_at FROM tokens WHERE id = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "i", err, id), read_token, a, out, err);

	return store_found(rc, err, "token", "no token %lld", (long long)id);
}

int store_token_revoke(struct store *s, int64_t id, int64_t at, struct bt_error *err)
{
	static const char sql[] = "UPDATE tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1";
	int rc = db_run(s->db, sql, "ii", err, id, at);

	return store_found(rc < 0 ? rc : db_changes(s->db) > 0, err, "token", "no token %lld", (long long)id);
}

int store_idem_get(struct store *s, struct arena *a, int64_t token, const char *key, int *status, const char **body,
		   struct bt_error *err)
{
	static const char sql[] = "SELECT status, body FROM idempotency WHERE token = $1 AND key = $2";
	int rc = db_row(s->db, sql, "it", "dt", a, err, token, key, status, body);

	return rc == 1 ? 0 : rc == 0 ? -BT_NOT_FOUND : rc;
}

int store_idem_put(struct store *s, int64_t token, const char *key, int status, const char *body, int64_t at,
		   struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO idempotency(token, key, status, body, created_at) VALUES ($1, $2, $3, $4, $5)";

	return db_run(s->db, sql, "itdti", err, token, key, status, body, at);
}
