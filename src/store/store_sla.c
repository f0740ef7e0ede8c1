/* store_sla.c - the obligations table: the agreement's timers (speed to lead, follow-up,
 * handoff acceptance, notes review, no-show), opened and met or breached as the rules decide,
 * claimed by due time by the tick (on PostgreSQL with row locks, so each runs once however
 * many servers tick). Portable SQL through db.h's row helpers; see store.h. */
#include <string.h>

#include "store/store.h"
#include "store/store_priv.h"
#include "util/arena.h"

#define OB_COLS                                                                                                  \
	"id, rule, lead, owner, due, status, opened_at, closed_at, meeting, need, progress, pool, reassigns, "   \
	"settled_at, done_at"

static void read_ob(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct obligation *o = out;
	const char *rule, *status, *pool;

	memset(o, 0, sizeof(*o));
	db_read(db, st, "isitisiiiddsdii", a, NULL, &o->id, &rule, &o->lead, &o->owner, &o->due, &status,
		&o->opened_at, &o->closed_at, &o->meeting, &o->need, &o->progress, &pool, &o->reassigns, &o->settled_at,
		&o->done_at);
	ob_rule_parse(rule, &o->rule);
	ob_status_parse(status, &o->status);
	o->has_pool = pool && role_parse(pool, &o->pool) == 0;
}

/* The pool's name of a waiting obligation, or NULL. */
static const char *pool_name(const struct obligation *ob)
{
	return !ob->owner && ob->has_pool ? role_name(ob->pool) : NULL;
}

/* Counts ob in (n = 1) or out of (n = -1) its due day's rule and status as `status` says
 * (obligation_days, store_days.c; an obligation's rule and due never change). */
static int count_day(struct store *s, const struct obligation *ob, enum ob_status status, int n,
		     struct bt_error *err)
{
	return store_days_add(s, DAYS_OBLIGATIONS, ob->due / 86400, ob_rule_name(ob->rule), ob_status_name(status), n,
			      err);
}

int store_obligation_add(struct store *s, struct obligation *ob, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO obligations(rule, lead, owner, due, status, opened_at, closed_at, meeting, "
				  "need, progress, pool, reassigns) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
				  "$12)";
	int rc = db_add(s->db, sql, "tititippddtd", &ob->id, err, ob_rule_name(ob->rule), ob->lead, ob->owner, ob->due,
			ob_status_name(ob->status), ob->opened_at, ob->closed_at, ob->meeting, ob->need, ob->progress,
			pool_name(ob), ob->reassigns);

	return rc ? rc : count_day(s, ob, ob->status, 1, err);
}

/* Counts the change of ob's status from `was` (obligation_days), when it changed. */
static int count_change(struct store *s, const struct obligation *ob, enum ob_status was, struct bt_error *err)
{
	int rc = 0;

	if (was != ob->status && !(rc = count_day(s, ob, was, -1, err)))
		rc = count_day(s, ob, ob->status, 1, err);
	return rc;
}

/* Writes every column an update may change; its status was `was` (-1: read it first). */
static int update_row(struct store *s, const struct obligation *ob, int was, struct bt_error *err)
{
	static const char sql[] = "UPDATE obligations SET owner = $1, status = $2, progress = $3, closed_at = $4, "
				  "pool = $5, settled_at = $6, done_at = $7 WHERE id = $8";
	static const char sql_status[] = "SELECT status FROM obligations WHERE id = $1";
	enum ob_status st;
	int rc = 0;

	if (was < 0) {
		struct db_stmt *q = db_query(s->db, sql_status, "i", err, ob->id);

		was = (int)ob->status; /* no row: nothing to move */
		if ((rc = db_step(s->db, q, err)) == 1 && ob_status_parse(db_col_text(s->db, q, 0), &st) == 0)
			was = (int)st;
		db_done(s->db, q);
		if (rc < 0)
			return rc;
	}
	rc = db_run(s->db, sql, "ttdptppi", err, ob->owner, ob_status_name(ob->status), ob->progress, ob->closed_at,
		    pool_name(ob), ob->settled_at, ob->done_at, ob->id);
	return rc ? rc : count_change(s, ob, (enum ob_status)was, err);
}

int store_obligation_update(struct store *s, const struct obligation *ob, struct bt_error *err)
{
	return update_row(s, ob, -1, err);
}

/* 1 if x and y are the same text, or both NULL. */
static int same_text(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

int store_obligation_change(struct store *s, const struct obligation *ob, const struct obligation *was,
			    struct bt_error *err)
{
	/* no owner to check against the reps, no index of owner and pool to move but status's */
	static const char sql[] = "UPDATE obligations SET status = $1, closed_at = $2, settled_at = $3, done_at = $4 "
				  "WHERE id = $5";

	/* the pool column as read: a role's name or NULL, as pool_name() writes it */
	int rc;

	if (!was || !same_text(ob->owner, was->owner) || ob->progress != was->progress ||
	    !same_text(pool_name(ob), was->has_pool ? role_name(was->pool) : NULL))
		return update_row(s, ob, was ? (int)was->status : -1, err);
	rc = db_run(s->db, sql, "tpppi", err, ob_status_name(ob->status), ob->closed_at, ob->settled_at, ob->done_at,
		    ob->id);
	return rc ? rc : count_change(s, ob, was->status, err);
}

int store_obligations_open(struct store *s, struct arena *a, int64_t lead, struct obligation **out, size_t *n,
			   struct bt_error *err)
{
	/* what the lead still owes: open, and breached but not yet settled (SPEC 8.2) */
	static const char sql[] = "SELECT " OB_COLS " FROM obligations WHERE lead = $1 AND (status = 'open' OR "
				  "(status = 'breached' AND settled_at IS NULL)) ORDER BY id";

	return store_list(s->db, db_query(s->db, sql, "i", err, lead), read_ob, a, (void **)out, n, sizeof(**out), err);
}

/* Runs one next-due query (sql takes now and, if `after`, the due and id to resume after); 0
 * with *out, -BT_NOT_FOUND, or an error. */
static int next_due(struct store *s, struct arena *a, const char *sql, int after, int64_t now, int64_t after_due,
		    int64_t after_id, struct obligation *out, struct bt_error *err)
{
	struct db_stmt *st = after ? db_query(s->db, sql, "iii", err, now, after_due, after_id)
				   : db_query(s->db, sql, "i", err, now);
	int rc = store_one(s->db, st, read_ob, a, out, err);

	return rc == 1 ? 0 : rc == 0 ? -BT_NOT_FOUND : rc;
}

int store_obligation_get(struct store *s, struct arena *a, int64_t id, struct obligation *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " OB_COLS " FROM obligations WHERE id = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "i", err, id), read_ob, a, out, err);

	return store_found(rc, err, "obligation", "no obligation %lld", (long long)id);
}

int store_obligation_next_due(struct store *s, struct arena *a, int64_t now, struct obligation *out,
			      struct bt_error *err)
{
	static const char sql[] = "SELECT " OB_COLS " FROM obligations WHERE status = 'open' AND due <= $1 "
				  "ORDER BY due, id LIMIT 1";
	/* PostgreSQL: the claim. The obligation and its lead are locked until commit, and rows
	 * another server holds are skipped (it is running them), so however many servers tick, each
	 * obligation runs once; a lead a request is working on waits for the next tick. The claim
	 * resumes after the last one of the transaction: the index entries of the rows it already
	 * closed stay until commit, and walking them again each time would cost quadratic time. */
	static const char sql_claim[] = "SELECT o.id, o.rule, o.lead, o.owner, o.due, o.status, o.opened_at, "
					"o.closed_at, o.meeting, o.need, o.progress, o.pool, o.reassigns, "
					"o.settled_at, o.done_at FROM obligations o "
					"JOIN leads l ON l.id = o.lead WHERE o.status = 'open' AND o.due <= $1 "
					"AND o.due >= $2 AND (o.due > $2 OR o.id > $3) "
					"ORDER BY o.due, o.id LIMIT 1 FOR NO KEY UPDATE OF o, l SKIP LOCKED";
	int rc;

	if (!db_has(s->db, DB_ROW_LOCKS))
		return next_due(s, a, sql, 0, now, 0, 0, out, err);
	rc = next_due(s, a, sql_claim, 1, now, s->claim_due, s->claim_id, out, err);
	if (rc == -BT_NOT_FOUND && s->claim_id) /* one that came due earlier than the last: from the start */
		rc = next_due(s, a, sql_claim, 1, now, INT64_MIN, 0, out, err);
	if (rc == 0) {
		s->claim_due = out->due;
		s->claim_id = out->id;
	}
	return rc;
}

int store_obligation_each(struct store *s, const struct ob_filter *f, int (*fn)(void *ctx, const struct obligation *ob),
			  void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT " OB_COLS " FROM obligations WHERE ($1 = 0 OR lead = $1) AND "
				  "($2 = '' OR owner = $2) AND ($3 = '' OR status = $3) AND "
				  "($4 = 0 OR (owner IS NULL AND pool IS NOT NULL)) ORDER BY due, id";
	/* the test of the partial index obligations_owed, word for word (SQLite uses a partial index
	 * only for a query whose WHERE implies the index's own) */
	static const char sql_owed[] = "SELECT " OB_COLS " FROM obligations WHERE owner = $1 AND (status = 'open' OR "
				       "(status = 'breached' AND settled_at IS NULL)) AND ($2 = '' OR status = $2) "
				       "ORDER BY due, id";
	const char *status = f->status >= 0 ? ob_status_name((enum ob_status)f->status) : "";
	struct db_stmt *st = f->owed && f->owner && !f->lead && !f->waiting
				     ? db_query(s->db, sql_owed, "tt", err, f->owner, status)
				     : db_query(s->db, sql, "ittd", err, f->lead, f->owner ? f->owner : "", status, f->waiting);
	struct arena *a = NULL;
	struct obligation o;
	int rc, stop = 0;

	while ((rc = store_next(s->db, st, read_ob, &a, &o, err)) == 1 && (stop = fn(ctx, &o)) == 0)
		;
	return store_walk_end(s->db, st, &a, rc < 0 ? rc : stop);
}

int store_obligations_due(struct store *s, struct arena *a, int64_t from, int64_t to, int64_t after_due,
			  int64_t after_id, size_t limit, struct obligation **out, size_t *n, struct bt_error *err)
{
	/* a range of the (status, due) index, resumed after the last one read */
	static const char sql[] = "SELECT " OB_COLS " FROM obligations WHERE status = 'open' AND due > $1 AND due <= $2 "
				  "AND due >= $3 AND (due > $3 OR id > $4) ORDER BY due, id LIMIT $5";

	return store_list(s->db, db_query(s->db, sql, "iiiii", err, from, to, after_due, after_id, (int64_t)limit),
			  read_ob, a, (void **)out, n, sizeof(**out), err);
}

int store_obligation_count(struct store *s, enum ob_status st, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM obligations WHERE $1 = $1 AND status = $2 AND $3 = $3";

	return store_count(s, sql, 0, ob_status_name(st), 0, n, err);
}
