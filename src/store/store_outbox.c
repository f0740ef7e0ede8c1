/* store_outbox.c - the outbox table (see store_outbox.h): rows queued in the caller's
 * transaction, claimed by a sender in a short transaction of its own, and each attempt's
 * outcome recorded. Portable SQL through db.h's row helpers; the claim takes row locks with
 * SKIP LOCKED on PostgreSQL, whose writers run concurrently. */
#include "store/store_outbox.h"

#include "core/playbook.h"
#include "store/store.h"
#include "store/store_priv.h"
#include "util/arena.h"
#include "util/names.h"

static const char *const status_names[OUTBOX_STATUS_COUNT] = {"pending", "sent", "skipped", "undeliverable"};

const char *outbox_status_name(enum outbox_status st)
{
	return names_at(status_names, OUTBOX_STATUS_COUNT, (int)st, "?");
}

/* The channel's name, NULL for none (-1). */
static const char *channel_text(int channel)
{
	return channel >= 0 ? pb_channel_name((enum pb_channel)channel) : NULL;
}

int store_outbox_add(struct store *s, const struct outbox_row *r, int64_t *id, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO outbox(at, kind, rep, lead, payload, next_at, channel, address, status, "
				  "last_error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
	/* the catch-up's many breaches for the webhook: the columns' defaults, fewer values to bind */
	static const char sql_webhook[] =
		"INSERT INTO outbox(at, kind, rep, lead, payload, next_at) VALUES ($1, $2, $3, "
		"$4, $5, $6)";
	const char *payload = r->payload ? r->payload : "{}";
	int64_t next_at = r->next_at ? r->next_at : r->at, unused;

	if (!id)
		id = &unused;
	static const char count[] = "INSERT INTO notify_undeliverable(kind, n) VALUES ($1, 1) "
				    "ON CONFLICT(kind) DO UPDATE SET n = notify_undeliverable.n + 1";
	int rc;

	if (r->channel == PB_CHANNEL_WEBHOOK && r->status == OUTBOX_PENDING && !r->address && !r->last_error)
		return db_add(s->db, sql_webhook, "ittpti", id, err, r->at, r->kind, r->rep, r->lead, payload, next_at);
	rc = db_add(s->db, sql, "ittptitttt", id, err, r->at, r->kind, r->rep, r->lead, payload, next_at,
		    channel_text(r->channel), r->address, outbox_status_name(r->status), r->last_error);
	if (!rc && r->status == OUTBOX_UNDELIVERABLE)
		rc = db_run(s->db, count, "t", err, r->kind);
	return rc;
}

#define ROW_COLS "id, at, kind, rep, lead, payload, attempts, next_at, channel, address, status, last_error"

static void read_row(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct outbox_row *r = out;
	const char *channel = NULL, *status = NULL;
	enum pb_channel ch;
	int64_t next_at = -1;

	db_read(db, st, "iittitdnstst", a, NULL, &r->id, &r->at, &r->kind, &r->rep, &r->lead, &r->payload, &r->attempts,
		&next_at, &channel, &r->address, &status, &r->last_error);
	r->payload = r->payload ? r->payload : "{}";
	r->next_at = next_at >= 0 ? next_at : r->at;
	r->channel = pb_channel_parse(channel, &ch) == 0 ? (int)ch : -1;
	r->status = (enum outbox_status)names_find(status_names, OUTBOX_STATUS_COUNT, status);
}

int store_outbox_any_due(struct store *s, int channel, int64_t now, int64_t wall, int *any, struct bt_error *err)
{
	static const char sql[] = "SELECT 1 FROM outbox WHERE status = 'pending' AND channel = $1 AND next_at <= $2 "
				  "AND (claimed_until IS NULL OR claimed_until <= $3) LIMIT 1";
	int64_t one = 0;
	int rc = db_row(s->db, sql, "tii", "i", NULL, err, channel_text(channel), now, wall, &one);

	*any = rc == 1;
	return rc < 0 ? rc : 0;
}

int store_outbox_claim(struct store *s, struct arena *a, int channel, int64_t now, int64_t wall, int64_t until,
		       const char *me, int max, struct outbox_row **rows, size_t *n, struct bt_error *err)
{
#define DUE_WHERE                                                                                                      \
	"WHERE status = 'pending' AND channel = $1 AND next_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $3) "
	static const char sql[] = "SELECT " ROW_COLS " FROM outbox " DUE_WHERE "ORDER BY at, id LIMIT $4";
	static const char sql_lock[] = "SELECT " ROW_COLS " FROM outbox " DUE_WHERE
				       "ORDER BY at, id LIMIT $4 FOR UPDATE SKIP LOCKED";
	static const char claim[] = "UPDATE outbox SET claimed_until = $1, claimed_by = $2 WHERE id = $3 AND status = "
				    "'pending' AND (claimed_until IS NULL OR claimed_until <= $4)";
	struct outbox_row *all = NULL;
	size_t nall = 0, i, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (max <= 0)
		return 0;
	rc = store_list(
		s->db,
		db_query(s->db, store_locking(s) ? sql_lock : sql, "tiid", err, channel_text(channel), now, wall, max),
		read_row, a, (void **)&all, &nall, sizeof(*all), err);
	for (i = 0; !rc && i < nall; i++) {
		rc = db_run(s->db, claim, "itii", err, until, me, all[i].id, wall);
		if (!rc && db_changes(s->db) == 1) /* else another sender took it first */
			*(struct outbox_row *)arena_push(a, (void **)rows, n, &cap, sizeof(**rows)) = all[i];
	}
	return rc;
#undef DUE_WHERE
}

int store_outbox_due(struct store *s, struct arena *a, int64_t now, int max, struct outbox_row **rows, size_t *n,
		     struct bt_error *err)
{
	static const char sql[] = "SELECT " ROW_COLS " FROM outbox WHERE status = 'pending' AND next_at <= $1 "
				  "ORDER BY at, id LIMIT $2";

	*rows = NULL;
	*n = 0;
	if (max <= 0)
		return 0;
	return store_list(s->db, db_query(s->db, sql, "id", err, now, max), read_row, a, (void **)rows, n,
			  sizeof(**rows), err);
}

/* The answer of an update of row id that must find it: 0, or -BT_NOT_FOUND naming `what`. */
static int changed(struct store *s, int rc, int64_t id, const char *what, struct bt_error *err)
{
	return store_found(rc < 0 ? rc : db_changes(s->db) > 0, err, "outbox", "no %soutbox row %lld", what,
			   (long long)id);
}

int store_outbox_delivered(struct store *s, int64_t id, int64_t at, const char *payload, struct bt_error *err)
{
	static const char sql[] = "UPDATE outbox SET status = 'sent', delivered_at = COALESCE(delivered_at, $1), "
				  "payload = COALESCE($2, payload), claimed_until = NULL WHERE id = $3";

	return changed(s, db_run(s->db, sql, "iti", err, at, payload, id), id, "", err);
}

int store_outbox_skipped(struct store *s, int64_t id, const char *why, struct bt_error *err)
{
	static const char sql[] = "UPDATE outbox SET status = 'skipped', last_error = $1, claimed_until = NULL "
				  "WHERE id = $2 AND status = 'pending'";

	return changed(s, db_run(s->db, sql, "ti", err, why, id), id, "pending ", err);
}

int store_outbox_retry(struct store *s, int64_t id, int attempts, int64_t next_at, const char *why,
		       struct bt_error *err)
{
	static const char sql[] =
		"UPDATE outbox SET attempts = $1, next_at = $2, last_error = $3, claimed_until = NULL "
		"WHERE id = $4 AND status = 'pending'";

	return changed(s, db_run(s->db, sql, "diti", err, attempts, next_at, why, id), id, "undelivered ", err);
}

int store_outbox_release(struct store *s, int64_t id, struct bt_error *err)
{
	static const char sql[] = "UPDATE outbox SET claimed_until = NULL WHERE id = $1 AND status = 'pending'";

	return db_run(s->db, sql, "i", err, id);
}

int store_outbox_backlog(struct store *s, int64_t *pending, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM outbox WHERE status = 'pending'";
	int rc;

	*pending = 0;
	rc = db_row(s->db, sql, "", "i", NULL, err, pending);
	return rc < 0 ? rc : 0;
}

/* Calls fn(ctx, kind, n) for each row (kind, count) of st, then lets st go. 0 or -BT_STORAGE. */
static int kinds_walk(struct store *s, struct db_stmt *st, void (*fn)(void *ctx, const char *kind, int64_t n),
		      void *ctx, struct bt_error *err)
{
	const char *kind;
	int64_t count;
	int rc;

	while ((rc = db_step(s->db, st, err)) == 1)
		if (db_read(s->db, st, "si", NULL, err, &kind, &count) == 0)
			fn(ctx, kind, count);
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_outbox_kinds(struct store *s, int64_t from, int64_t to, void (*fn)(void *ctx, const char *kind, int64_t n),
		       void *ctx, struct bt_error *err)
{
	static const char sql[] =
		"SELECT kind, COUNT(*) FROM outbox WHERE at >= $1 AND at < $2 GROUP BY kind ORDER BY kind";

	return kinds_walk(s, db_query(s->db, sql, "ii", err, from, to), fn, ctx, err);
}

int store_outbox_undeliverable(struct store *s, void (*fn)(void *ctx, const char *kind, int64_t n), void *ctx,
			       struct bt_error *err)
{
	static const char sql[] = "SELECT kind, n FROM notify_undeliverable ORDER BY kind";

	return kinds_walk(s, db_query(s->db, sql, "", err), fn, ctx, err);
}
