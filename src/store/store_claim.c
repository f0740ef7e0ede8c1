/* store_claim.c - the rows behind a claim of the rotations (PostgreSQL, several writers; see
 * service/work.h's work_claim): the claim's own short transaction, committed without waiting
 * for its flush, and each writer's in-flight leads, the leads it routed whose batch has not
 * committed yet, kept in meta under "inflight.<writer>" as "rep id:count,..." so that another
 * writer's capacity counts them. SQLite has one writer: nothing here does anything there. */
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store/store_priv.h"
#include "util/strbuf.h"

int store_shared(struct store *s)
{
	return db_has(s->db, DB_ROW_LOCKS);
}

int store_holds_rows(struct store *s, int *held, struct bt_error *err)
{
	int64_t yes = 0;
	int rc;

	*held = 0;
	if (!db_has(s->db, DB_ROW_LOCKS))
		return 0;
	rc = db_row(s->db, "SELECT CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN 0 ELSE 1 END", "", "i", NULL,
		    err, &yes);
	*held = yes != 0;
	return rc < 0 ? rc : 0;
}

/* The text "a\nb\n..." of names[0..n) in s->scratch (PostgreSQL splits it with
 * string_to_array: an email holds no line break). */
static const char *name_list(struct store *s, const char *const *names, size_t n)
{
	size_t i;

	strbuf_reset(&s->scratch);
	for (i = 0; i < n; i++)
		strbuf_addf(&s->scratch, "%s%s", i ? "\n" : "", names[i]);
	return s->scratch.buf;
}

int store_hold_new(struct store *s, const char *const *names, size_t n, int *known, struct bt_error *err)
{
	/* one advisory lock a name, taken in the order of their hashes: two batches holding some
	 * of the same names never wait on each other in a circle */
	static const char sql_hold[] =
		"SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT "
		"hashtextextended(e, 0) AS h FROM unnest(string_to_array($1, E'\\n')) AS e ORDER BY 1) AS o) AS l";
	/* then, in a statement of its own (a snapshot taken after the locks), the names stored */
	static const char sql_known[] = "SELECT email FROM leads WHERE email = ANY(string_to_array($1, E'\\n'))";
	struct db_stmt *st;
	const char *email;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		known[i] = 0;
	if (!n || !store_locking(s))
		return 0;
	rc = db_row(s->db, sql_hold, "t", "", NULL, err, name_list(s, names, n));
	if (rc < 0)
		return rc;
	st = db_query(s->db, sql_known, "t", err, name_list(s, names, n));
	while ((rc = db_step(s->db, st, err)) == 1) {
		email = db_col_text(s->db, st, 0);
		for (i = 0; email && i < n; i++)
			known[i] |= strcmp(names[i], email) == 0;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_writer_id(struct store *s, int64_t *id, struct bt_error *err)
{
	int rc;

	*id = s->writer_id;
	if (s->writer_id || !db_has(s->db, DB_ROW_LOCKS))
		return 0;
	rc = db_row(s->db, "SELECT pg_backend_pid()", "", "i", NULL, err, &s->writer_id);
	*id = s->writer_id;
	return rc < 0 ? rc : 0;
}

int store_claim_begin(struct store *s, struct bt_error *err)
{
	int rc;

	if (!db_has(s->db, DB_ROW_LOCKS))
		return store_begin(s, err);
	/* store_begin's BEGIN with the claim's settings, in one round trip. PostgreSQL writes WAL
	 * in order: the batch's own synchronous commit, later, flushes the claim with it, so a
	 * crash can lose a claim only with the batch that used it. A claim waits for a rotation at
	 * most 10 s, then fails as a conflict (lock_not_available): the batch is run again, so no
	 * wait the database cannot see (a batch waits for its own claim) lasts */
	s->claim_due = s->claim_id = 0;
	s->none_waiting = 0;
	rc = db_exec(s->db, "BEGIN; SET LOCAL synchronous_commit = off; SET LOCAL lock_timeout = '10s'", err);
	s->writing = rc == 0;
	if (rc)
		db_rollback(s->db);
	return rc;
}

int store_inflight_read(struct store *s, int64_t self, struct arena *a, const char ***texts, size_t *n,
			struct bt_error *err)
{
	/* the rows of the writers alive but `self`; locked (FOR SHARE) so that none commits its
	 * batch, which deletes its row, while this transaction counts its leads as in flight:
	 * each lead is counted once, in flight or stored */
	static const char sql[] = "SELECT value FROM meta WHERE key LIKE 'inflight.%' AND key <> $1 "
				  "AND CAST(substr(key, 10) AS integer) IN (SELECT pid FROM pg_stat_activity) "
				  "FOR SHARE";
	char key[40];
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*texts = NULL;
	*n = 0;
	if (!db_has(s->db, DB_ROW_LOCKS))
		return 0;
	snprintf(key, sizeof(key), "inflight.%lld", (long long)self);
	st = db_query(s->db, sql, "t", err, key);
	while ((rc = db_step(s->db, st, err)) == 1)
		*(const char **)arena_push(a, (void **)texts, n, &cap,
					   sizeof(**texts)) = arena_strdup(a, db_col_text(s->db, st, 0));
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

static void inflight_text(const int64_t *ids, const int64_t *counts, size_t n, struct strbuf *sb)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < n; i++)
		if (counts[i] > 0)
			strbuf_addf(sb, "%s%lld:%lld", sb->len ? "," : "", (long long)ids[i], (long long)counts[i]);
}

int store_inflight_set(struct store *s, int64_t self, const int64_t *ids, const int64_t *counts, size_t n,
		       struct bt_error *err)
{
	static const char sql_set[] = "INSERT INTO meta(key, value) VALUES ($1, $2) "
				      "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	static const char sql_clear[] = "DELETE FROM meta WHERE key = $1";
	char key[40];

	if (!db_has(s->db, DB_ROW_LOCKS))
		return 0;
	snprintf(key, sizeof(key), "inflight.%lld", (long long)self);
	inflight_text(ids, counts, n, &s->scratch);
	if (!s->scratch.len)
		return db_run(s->db, sql_clear, "t", err, key);
	return db_run(s->db, sql_set, "tt", err, key, s->scratch.buf);
}

int store_claim_set(struct store *s, const char *rotation, const struct route_wrr *w, int64_t self, const int64_t *ids,
		    const int64_t *counts, size_t n, struct bt_error *err)
{
	/* the cursor, the balancer and the in-flight row (empty for none) in one statement */
	static const char sql[] = "INSERT INTO meta(key, value) VALUES ($1, $2), ($3, $4), ($5, $6) "
				  "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	char key[40], wkey[128], last[32];
	struct strbuf wrr;
	int rc;

	if (!db_has(s->db, DB_ROW_LOCKS)) {
		rc = store_rotation_set(s, rotation, w, err);
		return rc ? rc : store_inflight_set(s, self, ids, counts, n, err);
	}
	snprintf(key, sizeof(key), "inflight.%lld", (long long)self);
	snprintf(wkey, sizeof(wkey), "%s.wrr", rotation);
	snprintf(last, sizeof(last), "%lld", (long long)w->last);
	strbuf_init(&wrr);
	store_balancer_text(w, &wrr);
	inflight_text(ids, counts, n, &s->scratch);
	rc = db_run(s->db, sql, "tttttt", err, rotation, last, wkey, wrr.buf, key, s->scratch.buf);
	strbuf_release(&wrr);
	return rc;
}
