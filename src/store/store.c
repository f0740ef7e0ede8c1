/* store.c - the store itself over db.h: opening it and running the migrations, transactions
 * (write, read, batch), the helpers the store_*.c files share (store_priv.h) and the named
 * cursors of the meta table. Each table has its own file (store_rep.c, store_lead.c, ...);
 * all of them speak portable SQL ($N parameters). See store.h for the contract. */
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/arena.h"
#include "util/strbuf.h"

#include "store/store_priv.h"

/* ---------------------------------------------------------------- migrations */

static int schema_version(struct db *db)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'schema_version'";
	struct bt_error ignored;
	struct db_stmt *st = db_prepare(db, sql, &ignored);
	int v = 0;

	if (!st)
		return 0;
	if (db_step(db, st, &ignored) == 1)
		v = (int)strtol(db_col_text(db, st, 0), NULL, 10);
	db_done(db, st);
	return v;
}

/* The schema version read inside the migration's open transaction: behind a savepoint, since
 * on a new PostgreSQL database the meta table does not exist yet and a failed statement would
 * end the whole transaction there. */
static int schema_version_tx(struct db *db)
{
	struct bt_error ignored;
	int v;

	if (db_exec(db, "SAVEPOINT version", &ignored))
		return 0;
	v = schema_version(db);
	if (v == 0)
		db_exec(db, "ROLLBACK TO version", &ignored);
	db_exec(db, "RELEASE version", &ignored);
	return v;
}

/* Runs migration section n (sql) unless another process already did: the version is read
 * again under the write lock (SQLite) or the schema's advisory lock (PostgreSQL), so two
 * processes opening a new store never race. */
static int migrate_one(struct store *s, long n, const char *sql, struct bt_error *err)
{
	char vbuf[160];
	int rc = db_begin(s->db, err);

	if (!rc && (rc = db_lock_schema(s->db, err)))
		db_rollback(s->db);
	if (rc)
		return rc;
	if (schema_version_tx(s->db) >= n) {
		db_rollback(s->db);
		return 0;
	}
	snprintf(vbuf, sizeof(vbuf),
		 "INSERT INTO meta(key, value) VALUES ('schema_version', '%ld') "
		 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		 n);
	rc = db_exec(s->db, sql, err);
	if (!rc)
		rc = db_exec(s->db, vbuf, err);
	if (!rc)
		rc = db_commit(s->db, err);
	if (rc) {
		db_rollback(s->db);
		return bt_fail(err, BT_STORAGE, NULL, 0, "migration %ld failed: %s", n, err->message);
	}
	return 0;
}

/* Runs every "-- migration N" section of `schema` with N > the store's version, in order
 * (`readonly`: refuses the store if there is one); refuses a store migrated by a newer baton
 * (a version past the last section here). */
static int migrate(struct store *s, const char *schema, int readonly, struct bt_error *err)
{
	const char *p = schema, *marker = "-- migration ";
	int current = schema_version(s->db);
	long last = 0;

	s->version = current;
	while ((p = strstr(p, marker)) != NULL) {
		long n = strtol(p + strlen(marker), NULL, 10);
		const char *body = strchr(p, '\n'), *next;
		char *sql;
		size_t len;
		int rc;

		if (!body)
			break;
		next = strstr(body, marker);
		len = next ? (size_t)(next - body) : strlen(body);
		p = next ? next : body + len;
		last = n;
		if (n <= current)
			continue;
		if (readonly)
			return bt_fail(err, BT_REFUSED, "db", 0,
				       "the store is at schema version %d, older than this baton's, and a store opened read "
				       "only is not migrated: run another command on it first (`baton rep list`)",
				       current);
		sql = malloc(len + 1);
		if (!sql)
			return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
		memcpy(sql, body, len);
		sql[len] = '\0';
		rc = migrate_one(s, n, sql, err);
		free(sql);
		if (rc)
			return rc;
		s->version = (int)n;
	}
	if (current > last) /* a newer baton migrated it: no section here ran */
		return bt_fail(err, BT_REFUSED, "db", 0,
			       "the store is at schema version %d, written by a newer baton; this one knows up to "
			       "version %ld: upgrade baton",
			       current, last);
	return 0;
}

int store_open(const char *url, enum store_mode mode, struct store **out, struct bt_error *err)
{
	struct store *s;
	int rc;

	if (!url || !url[0])
		return bt_fail(err, BT_USAGE, "db", 0, "no store given");
	s = calloc(1, sizeof(*s));
	if (!s)
		return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	strbuf_init(&s->scratch);
	rc = db_open(url, mode == STORE_READONLY ? DB_READONLY : mode == STORE_CREATE ? DB_CREATE : DB_EXISTING, &s->db,
		     err);
	/* never write baton's tables into a file that is not a baton store */
	if (!rc && mode != STORE_CREATE && schema_version(s->db) == 0)
		rc = bt_fail(err, BT_NOT_FOUND, "db", 0, "%s is not a baton store: run `baton init` first", url);
	if (!rc)
		rc = migrate(s, db_schema(s->db), mode == STORE_READONLY, err);
	if (rc) {
		store_close(&s);
		return rc;
	}
	*out = s;
	return 0;
}

void store_close(struct store **s)
{
	if (!s || !*s)
		return;
	store_days_clear(*s);
	db_close(&(*s)->db);
	strbuf_release(&(*s)->scratch);
	arena_free(&(*s)->rep_arena);
	free((*s)->answers_text);
	free((*s)->notes_text);
	free(*s);
	*s = NULL;
}

int store_schema_version(struct store *s)
{
	return s->version;
}

int store_cache(struct store *s, int kb, struct bt_error *err)
{
	return db_cache(s->db, kb, err);
}

int store_disposable(struct store *s, struct bt_error *err)
{
	return db_disposable(s->db, err);
}

int store_healthy(struct store *s, struct bt_error *err)
{
	return db_healthy(s->db, err);
}

int store_retryable(struct store *s)
{
	return db_conflict(s->db);
}

int store_locking(const struct store *s)
{
	return s->writing && db_has(s->db, DB_ROW_LOCKS);
}

int store_begin(struct store *s, struct bt_error *err)
{
	int rc;

	s->claim_due = s->claim_id = 0;
	store_rep_forget(s);
	/* in a batch the outer transaction holds the store: what was counted still holds */
	if (s->batch)
		return db_exec(s->db, "SAVEPOINT use_case", err);
	s->none_waiting = 0;
	store_days_clear(s);
	rc = db_begin(s->db, err);
	s->writing = rc == 0;
	return rc;
}

int store_commit(struct store *s, struct bt_error *err)
{
	int rc;

	store_rep_forget(s);
	if (s->batch) {
		rc = db_exec(s->db, "RELEASE use_case", err);
		store_days_settle(s, rc == 0);
		return rc;
	}
	s->none_waiting = 0;
	s->writing = 0;
	rc = store_days_flush(s, err);
	return rc ? rc : db_commit(s->db, err);
}

void store_rollback(struct store *s)
{
	struct bt_error ignored = {0};

	s->claim_due = s->claim_id = 0; /* what was claimed since is open again */
	store_rep_forget(s);
	s->none_waiting = 0;            /* and a lead routed since may wait again */
	if (!s->batch) {
		s->writing = 0;
		store_days_clear(s);
		db_rollback(s->db);
		return;
	}
	store_days_settle(s, 0);
	db_exec(s->db, "ROLLBACK TO use_case", &ignored);
	db_exec(s->db, "RELEASE use_case", &ignored);
}

int store_read_begin(struct store *s, struct bt_error *err)
{
	return s->batch ? 0 : db_read_begin(s->db, err);
}

void store_read_end(struct store *s)
{
	struct bt_error ignored = {0};

	if (!s->batch)
		db_exec(s->db, "COMMIT", &ignored);
}

int store_batch_begin(struct store *s, struct bt_error *err)
{
	int rc;

	if (s->batch)
		return bt_fail(err, BT_USAGE, "batch", 0, "a batch is already open");
	s->none_waiting = 0;
	store_days_clear(s);
	rc = db_begin(s->db, err);
	if (!rc)
		s->batch = s->writing = 1;
	return rc;
}

int store_batch_end(struct store *s, int commit, struct bt_error *err)
{
	int rc = 0;

	if (!s->batch)
		return 0;
	s->batch = s->writing = 0;
	s->none_waiting = 0;
	store_days_settle(s, commit);
	if (commit && (rc = store_days_flush(s, err)) == 0)
		return db_commit(s->db, err);
	store_days_clear(s);
	db_rollback(s->db);
	return rc;
}

/* ---------------------------------------------------------------- helpers */

int store_run(struct db *db, struct db_stmt *st, struct bt_error *err)
{
	int rc = db_step(db, st, err);

	db_done(db, st);
	return rc < 0 ? rc : 0;
}

const char *store_col_str(struct db *db, struct db_stmt *st, int i, struct arena *a)
{
	return db_col_null(db, st, i) ? NULL : arena_strdup(a, db_col_text(db, st, i));
}

int64_t store_col_int_or(struct db *db, struct db_stmt *st, int i, int64_t dflt)
{
	return db_col_null(db, st, i) ? dflt : db_col_int(db, st, i);
}

void store_bind_opt_int(struct db *db, struct db_stmt *st, int i, int64_t v, int present)
{
	if (present)
		db_bind_int(db, st, i, v);
	else
		db_bind_text(db, st, i, NULL);
}

int store_one(struct db *db, struct db_stmt *st,
	      void (*reader)(struct db *db, struct db_stmt *st, struct arena *a, void *out), struct arena *a, void *out,
	      struct bt_error *err)
{
	int rc = db_step(db, st, err);

	if (rc == 1)
		reader(db, st, a, out);
	db_done(db, st);
	return rc;
}

int store_list(struct db *db, struct db_stmt *st,
	       void (*reader)(struct db *db, struct db_stmt *st, struct arena *a, void *out), struct arena *a, void **out,
	       size_t *n, size_t size, struct bt_error *err)
{
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = db_step(db, st, err)) == 1)
		reader(db, st, a, arena_push(a, out, n, &cap, size));
	db_done(db, st);
	return rc < 0 ? rc : 0;
}

int store_next(struct db *db, struct db_stmt *st,
	       void (*reader)(struct db *db, struct db_stmt *st, struct arena *a, void *out), struct arena **a, void *out,
	       struct bt_error *err)
{
	int rc = db_step(db, st, err);

	if (rc == 1) {
		if (*a)
			arena_reset(*a); /* one arena for the whole walk, emptied per row */
		else
			*a = arena_new();
		reader(db, st, *a, out);
	}
	return rc;
}

int store_walk_end(struct db *db, struct db_stmt *st, struct arena **a, int rc)
{
	arena_free(a);
	db_done(db, st);
	return rc;
}

int store_found(int rc, struct bt_error *err, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (rc != 0)
		return rc < 0 ? rc : 0;
	va_start(ap, fmt);
	rc = bt_vfail(err, BT_NOT_FOUND, field, 0, fmt, ap);
	va_end(ap);
	return rc;
}

int store_count(struct store *s, const char *sql, int64_t a, const char *text, int64_t b, int64_t *n,
		struct bt_error *err)
{
	int rc;

	*n = 0;
	rc = db_row(s->db, sql, "iti", "i", NULL, err, a, text, b, n);
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- cursors */

int store_cursor_get(struct store *s, const char *key, int64_t *val, struct bt_error *err)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = $1";
	/* PostgreSQL, writing: the cursor's row is created if need be and locked until commit, so
	 * concurrent rotations take their turns one after the other and never give the same turn */
	static const char sql_lock[] = "INSERT INTO meta(key, value) VALUES ($1, '0') ON CONFLICT (key) "
				       "DO UPDATE SET value = meta.value RETURNING value";
	struct db_stmt *st = db_query(s->db, store_locking(s) ? sql_lock : sql, "t", err, key);
	int rc = db_step(s->db, st, err);

	*val = rc == 1 ? strtoll(db_col_text(s->db, st, 0), NULL, 10) : 0;
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* Writes the text value of meta key `key`. */
static int meta_set(struct store *s, const char *key, const char *value, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO meta(key, value) VALUES ($1, $2) "
				  "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

	return db_run(s->db, sql, "tt", err, key, value);
}

int store_cursor_set(struct store *s, const char *key, int64_t val, struct bt_error *err)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)val);
	return meta_set(s, key, buf, err);
}

/* Parses the balancer's text "id:weight:current,..." into w (peers in a); -1 if it is not one
 * (w then has none). */
static int parse_balancer(const char *text, struct arena *a, struct route_wrr *w)
{
	size_t cap = 1;
	const char *p;

	w->n = 0;
	w->peers = NULL;
	if (!text || !*text)
		return 0;
	for (p = text; *p; p++)
		cap += *p == ',';
	w->peers = arena_alloc(a, cap * sizeof(*w->peers));
	for (p = text; *p && w->n < cap;) {
		struct route_wrr_peer *e = &w->peers[w->n];
		char *end;

		e->id = strtoll(p, &end, 10);
		if (*end != ':')
			goto bad;
		e->weight = strtoll(end + 1, &end, 10);
		if (*end != ':' || e->weight < 1)
			goto bad;
		e->current = strtoll(end + 1, &end, 10);
		if (*end && *end != ',')
			goto bad;
		w->n++;
		p = *end ? end + 1 : end;
	}
	return 0;
bad:
	w->n = 0;
	return -1;
}

int store_rotation_get(struct store *s, struct arena *a, const char *key, struct route_wrr *out, struct bt_error *err)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = $1";
	const char *text = NULL;
	char wkey[128];
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cursor_get(s, key, &out->last, err);
	if (rc)
		return rc;
	snprintf(wkey, sizeof(wkey), "%s.wrr", key);
	rc = db_row(s->db, sql, "t", "t", a, err, wkey, &text);
	if (rc < 0)
		return rc;
	parse_balancer(text, a, out); /* an unreadable one starts from zero, as a new one does */
	return 0;
}

void store_balancer_text(const struct route_wrr *w, struct strbuf *sb)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < w->n; i++)
		strbuf_addf(sb, "%s%lld:%lld:%lld", i ? "," : "", (long long)w->peers[i].id, (long long)w->peers[i].weight,
			    (long long)w->peers[i].current);
}

int store_rotation_set(struct store *s, const char *key, const struct route_wrr *w, struct bt_error *err)
{
	char wkey[128];
	int rc = store_cursor_set(s, key, w->last, err);

	if (rc)
		return rc;
	store_balancer_text(w, &s->scratch);
	snprintf(wkey, sizeof(wkey), "%s.wrr", key);
	return meta_set(s, wkey, s->scratch.buf, err);
}
