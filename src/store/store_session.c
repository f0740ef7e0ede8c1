/* store_session.c - the signin_links and sessions tables (only hashes are stored); see
 * store_session.h. Portable SQL through db.h's row helpers. */
#include "store/store_session.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

int store_signin_link_add(struct store *s, struct signin_link *l, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO signin_links(hash, rep, created_at, expires_at) VALUES ($1, $2, $3, $4)";

	return db_add(s->db, sql, "ttii", &l->id, err, l->hash, l->rep, l->created_at, l->expires_at);
}

int store_signin_link_count(struct store *s, const char *rep, int64_t since, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM signin_links WHERE rep = $1 AND created_at >= $2";
	int rc;

	*n = 0;
	rc = db_row(s->db, sql, "ti", "i", NULL, err, rep, since, n);
	return rc < 0 ? rc : 0;
}

static void read_link(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct signin_link *l = out;

	memset(l, 0, sizeof(*l));
	db_read(db, st, "ittiii", a, NULL, &l->id, &l->hash, &l->rep, &l->created_at, &l->expires_at, &l->used_at);
}

int store_signin_link_get(struct store *s, struct arena *a, const char *hash, struct signin_link *out,
			  struct bt_error *err)
{
	static const char sql[] =
		"SELECT id, hash, rep, created_at, expires_at, used_at FROM signin_links WHERE hash = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "t", err, hash), read_link, a, out, err);

	return store_found(rc, err, "link", "no such sign-in link");
}

int store_signin_link_use(struct store *s, int64_t id, int64_t now, struct bt_error *err)
{
	static const char sql[] =
		"UPDATE signin_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2";
	int rc = db_run(s->db, sql, "ii", err, id, now);

	if (rc < 0)
		return rc;
	return db_changes(s->db) > 0 ? 0
				     : bt_fail(err, BT_REFUSED, "link", 0, "the sign-in link was used or has expired");
}

int store_session_add(struct store *s, struct session_row *r, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO sessions(hash, rep, created_at, last_seen_at) VALUES ($1, $2, $3, $4)";

	return db_add(s->db, sql, "ttii", &r->id, err, r->hash, r->rep, r->created_at, r->last_seen_at);
}

static void read_session(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct session_row *r = out;

	memset(r, 0, sizeof(*r));
	db_read(db, st, "ittiii", a, NULL, &r->id, &r->hash, &r->rep, &r->created_at, &r->last_seen_at, &r->revoked_at);
}

int store_session_get(struct store *s, struct arena *a, const char *hash, struct session_row *out, struct bt_error *err)
{
	static const char sql[] =
		"SELECT id, hash, rep, created_at, last_seen_at, revoked_at FROM sessions WHERE hash = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "t", err, hash), read_session, a, out, err);

	return store_found(rc, err, "session", "no such session");
}

int store_session_seen(struct store *s, int64_t id, int64_t at, struct bt_error *err)
{
	static const char sql[] = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2";

	return db_run(s->db, sql, "ii", err, id, at);
}

int store_session_revoke(struct store *s, int64_t id, int64_t at, struct bt_error *err)
{
	static const char sql[] = "UPDATE sessions SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1";

	return db_run(s->db, sql, "ii", err, id, at);
}
