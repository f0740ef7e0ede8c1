/* store_sla.c - the store's tables for the agreement enforced: meetings' status, obligations
 * (the timers, claimed by due time), follow-up tasks, credit, rejection streaks and calendar
 * blocks. Portable SQL through db.h, like store.c. */
#include <string.h>

#include "store/store.h"
#include "store/store_priv.h"
#include "util/arena.h"

int store_meeting_get(struct store *s, struct arena *a, int64_t id, struct meeting *out, struct bt_error *err)
{
	static const char sql[] = "SELECT id, lead, ae, booked_by, start, minutes, status, created_at, sequence "
				  "FROM meetings WHERE id = $1";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, id);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		memset(out, 0, sizeof(*out));
		out->id = db_col_int(s->db, st, 0);
		out->lead = db_col_int(s->db, st, 1);
		out->ae = store_col_str(s->db, st, 2, a);
		out->booked_by = store_col_str(s->db, st, 3, a);
		out->start = db_col_int(s->db, st, 4);
		out->minutes = (int)db_col_int(s->db, st, 5);
		meeting_status_parse(db_col_text(s->db, st, 6), &out->status);
		out->created_at = db_col_int(s->db, st, 7);
		out->sequence = (int)db_col_int(s->db, st, 8);
		rc = 0;
	} else if (rc == 0) {
		rc = bt_fail(err, BT_NOT_FOUND, "meeting", 0, "no meeting %lld", (long long)id);
	}
	db_done(s->db, st);
	return rc;
}

int store_meeting_set_status(struct store *s, int64_t id, enum meeting_status status, struct bt_error *err)
{
	static const char sql[] = "UPDATE meetings SET status = $1 WHERE id = $2";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, meeting_status_name(status));
	db_bind_int(s->db, st, 2, id);
	return store_run(s->db, st, err);
}

/* ---------------------------------------------------------------- obligations */

#define OB_COLS "id, rule, lead, owner, due, status, opened_at, closed_at, meeting, need, progress"

static void read_ob(struct db *db, struct db_stmt *st, struct arena *a, struct obligation *o)
{
	memset(o, 0, sizeof(*o));
	o->id = db_col_int(db, st, 0);
	ob_rule_parse(db_col_text(db, st, 1), &o->rule);
	o->lead = db_col_int(db, st, 2);
	o->owner = store_col_str(db, st, 3, a);
	o->due = db_col_int(db, st, 4);
	ob_status_parse(db_col_text(db, st, 5), &o->status);
	o->opened_at = db_col_int(db, st, 6);
	o->closed_at = store_col_int_or(db, st, 7, 0);
	o->meeting = store_col_int_or(db, st, 8, 0);
	o->need = (int)db_col_int(db, st, 9);
	o->progress = (int)db_col_int(db, st, 10);
}

int store_obligation_add(struct store *s, struct obligation *ob, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO obligations(rule, lead, owner, due, status, opened_at, closed_at, meeting, "
				  "need, progress) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, ob_rule_name(ob->rule));
	db_bind_int(s->db, st, 2, ob->lead);
	db_bind_text(s->db, st, 3, ob->owner);
	db_bind_int(s->db, st, 4, ob->due);
	db_bind_text(s->db, st, 5, ob_status_name(ob->status));
	db_bind_int(s->db, st, 6, ob->opened_at);
	store_bind_opt_int(s->db, st, 7, ob->closed_at, ob->closed_at > 0);
	store_bind_opt_int(s->db, st, 8, ob->meeting, ob->meeting > 0);
	db_bind_int(s->db, st, 9, ob->need);
	db_bind_int(s->db, st, 10, ob->progress);
	rc = db_insert(s->db, st, &ob->id, err);
	db_done(s->db, st);
	return rc;
}

int store_obligation_update(struct store *s, const struct obligation *ob, struct bt_error *err)
{
	static const char sql[] = "UPDATE obligations SET owner = $1, status = $2, progress = $3, closed_at = $4 "
				  "WHERE id = $5";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, ob->owner);
	db_bind_text(s->db, st, 2, ob_status_name(ob->status));
	db_bind_int(s->db, st, 3, ob->progress);
	store_bind_opt_int(s->db, st, 4, ob->closed_at, ob->closed_at > 0);
	db_bind_int(s->db, st, 5, ob->id);
	return store_run(s->db, st, err);
}

int store_obligations_open(struct store *s, struct arena *a, int64_t lead, struct obligation **out, size_t *n,
			   struct bt_error *err)
{
	static const char sql[] = "SELECT " OB_COLS " FROM obligations WHERE lead = $1 AND status = 'open' ORDER BY id";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, lead);
	while ((rc = db_step(s->db, st, err)) == 1)
		read_ob(s->db, st, a, arena_push(a, (void **)out, n, &cap, sizeof(**out)));
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* Runs one next-due query (sql takes now and, if `after`, the due and id to resume after); 0
 * with *out, -BT_NOT_FOUND, or an error. */
static int next_due(struct store *s, struct arena *a, const char *sql, int after, int64_t now, int64_t after_due,
		    int64_t after_id, struct obligation *out, struct bt_error *err)
{
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, now);
	if (after) {
		db_bind_int(s->db, st, 2, after_due);
		db_bind_int(s->db, st, 3, after_id);
	}
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		read_ob(s->db, st, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = -BT_NOT_FOUND;
	}
	db_done(s->db, st);
	return rc;
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
					"o.closed_at, o.meeting, o.need, o.progress FROM obligations o "
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
				  "($2 = '' OR owner = $2) AND ($3 = '' OR status = $3) ORDER BY due, id";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	struct arena *a = NULL;
	int rc, stop = 0;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, f->lead);
	db_bind_text(s->db, st, 2, f->owner ? f->owner : "");
	db_bind_text(s->db, st, 3, f->status >= 0 ? ob_status_name((enum ob_status)f->status) : "");
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct obligation o;

		if (!a)
			a = arena_new();
		read_ob(s->db, st, a, &o);
		stop = fn(ctx, &o);
		arena_reset(a); /* one arena for the whole walk, emptied per row */
		if (stop)
			break;
	}
	arena_free(&a);
	db_done(s->db, st);
	return rc < 0 ? rc : stop;
}

/* ---------------------------------------------------------------- tasks */

#define TASK_COLS "id, kind, lead, meeting, role, rep, status, created_at, done_at, done_by, note"

static void read_task(struct db *db, struct db_stmt *st, struct arena *a, struct task *t)
{
	memset(t, 0, sizeof(*t));
	t->id = db_col_int(db, st, 0);
	t->kind = store_col_str(db, st, 1, a);
	t->lead = db_col_int(db, st, 2);
	t->meeting = store_col_int_or(db, st, 3, 0);
	role_parse(db_col_text(db, st, 4), &t->role);
	t->rep = store_col_str(db, st, 5, a);
	t->status = store_col_str(db, st, 6, a);
	t->created_at = db_col_int(db, st, 7);
	t->done_at = store_col_int_or(db, st, 8, 0);
	t->done_by = store_col_str(db, st, 9, a);
	t->note = store_col_str(db, st, 10, a);
}

int store_task_add(struct store *s, struct task *t, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO tasks(kind, lead, meeting, role, rep, status, created_at, note) "
				  "VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, t->kind);
	db_bind_int(s->db, st, 2, t->lead);
	store_bind_opt_int(s->db, st, 3, t->meeting, t->meeting > 0);
	db_bind_text(s->db, st, 4, role_name(t->role));
	db_bind_text(s->db, st, 5, t->rep);
	db_bind_int(s->db, st, 6, t->created_at);
	db_bind_text(s->db, st, 7, t->note);
	rc = db_insert(s->db, st, &t->id, err);
	db_done(s->db, st);
	t->status = "open";
	return rc;
}

int store_task_get(struct store *s, struct arena *a, int64_t id, struct task *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " TASK_COLS " FROM tasks WHERE id = $1";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, id);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		read_task(s->db, st, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = bt_fail(err, BT_NOT_FOUND, "task", 0, "no task %lld", (long long)id);
	}
	db_done(s->db, st);
	return rc;
}

int store_task_update(struct store *s, const struct task *t, struct bt_error *err)
{
	static const char sql[] = "UPDATE tasks SET status = $1, done_at = $2, done_by = $3, rep = $4 WHERE id = $5";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, t->status);
	store_bind_opt_int(s->db, st, 2, t->done_at, t->done_at > 0);
	db_bind_text(s->db, st, 3, t->done_by);
	db_bind_text(s->db, st, 4, t->rep);
	db_bind_int(s->db, st, 5, t->id);
	return store_run(s->db, st, err);
}

int store_task_each(struct store *s, const char *rep, int64_t lead, int open_only,
		    int (*fn)(void *ctx, const struct task *t), void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT " TASK_COLS " FROM tasks WHERE ($1 = '' OR rep = $1) AND ($2 = 0 OR lead = $2) "
				  "AND ($3 = 0 OR status = 'open') ORDER BY created_at, id";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	struct arena *a = NULL;
	int rc, stop = 0;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, rep ? rep : "");
	db_bind_int(s->db, st, 2, lead);
	db_bind_int(s->db, st, 3, open_only);
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct task t;

		if (!a)
			a = arena_new();
		read_task(s->db, st, a, &t);
		stop = fn(ctx, &t);
		arena_reset(a);
		if (stop)
			break;
	}
	arena_free(&a);
	db_done(s->db, st);
	return rc < 0 ? rc : stop;
}

/* ---------------------------------------------------------------- credit and streaks */

int store_credit_add(struct store *s, int64_t event, int64_t lead, const char *rep, const char *kind, int64_t amount,
		     int64_t at, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO credits(event, lead, rep, kind, amount, at) VALUES ($1, $2, $3, $4, $5, $6)";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, event);
	store_bind_opt_int(s->db, st, 2, lead, lead > 0);
	db_bind_text(s->db, st, 3, rep);
	db_bind_text(s->db, st, 4, kind);
	db_bind_int(s->db, st, 5, amount);
	db_bind_int(s->db, st, 6, at);
	return store_run(s->db, st, err);
}

int store_credit_sum(struct store *s, int64_t from, int64_t to,
		     int (*fn)(void *ctx, const char *rep, const char *role, const char *kind, int64_t count, int64_t amount),
		     void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT c.rep, COALESCE(r.role, c.rep), c.kind, COUNT(*), SUM(c.amount) FROM credits c "
				  "LEFT JOIN reps r ON r.name = c.rep WHERE c.at >= $1 AND c.at < $2 "
				  "GROUP BY c.rep, r.role, c.kind ORDER BY MIN(r.id) NULLS FIRST, c.rep, c.kind";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc, stop = 0;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, from);
	db_bind_int(s->db, st, 2, to);
	while ((rc = db_step(s->db, st, err)) == 1) {
		stop = fn(ctx, db_col_text(s->db, st, 0), db_col_text(s->db, st, 1), db_col_text(s->db, st, 2),
			  db_col_int(s->db, st, 3), db_col_int(s->db, st, 4));
		if (stop)
			break;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : stop;
}

int store_streak(struct store *s, const char *ae, const char *source, int reset, int64_t *count, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO streaks(ae, source, rejections) VALUES ($1, $2, $3) "
				  "ON CONFLICT (ae, source) DO UPDATE SET rejections = CASE WHEN $3 = 0 THEN 0 "
				  "ELSE streaks.rejections + 1 END";
	static const char get[] = "SELECT rejections FROM streaks WHERE ae = $1 AND source = $2";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, ae);
	db_bind_text(s->db, st, 2, source);
	db_bind_int(s->db, st, 3, reset ? 0 : 1);
	rc = store_run(s->db, st, err);
	if (rc)
		return rc;
	st = db_prepare(s->db, get, err);
	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, ae);
	db_bind_text(s->db, st, 2, source);
	rc = db_step(s->db, st, err);
	*count = rc == 1 ? db_col_int(s->db, st, 0) : 0;
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- calendar blocks */

int store_block_add(struct store *s, const char *rep, const struct block *b, const char *source, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO availability(rep, start, finish, kind, source) VALUES ($1, $2, $3, $4, $5)";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, rep);
	db_bind_int(s->db, st, 2, b->start);
	db_bind_int(s->db, st, 3, b->finish);
	db_bind_text(s->db, st, 4, b->busy ? "busy" : "free");
	db_bind_text(s->db, st, 5, source);
	return store_run(s->db, st, err);
}

int store_block_clear(struct store *s, const char *rep, const char *source, struct bt_error *err)
{
	static const char sql[] = "DELETE FROM availability WHERE rep = $1 AND source = $2";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, rep);
	db_bind_text(s->db, st, 2, source);
	return store_run(s->db, st, err);
}

int store_block_list(struct store *s, struct arena *a, const char *rep, int64_t from, int64_t to, struct block **out,
		     size_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT start, finish, kind FROM availability WHERE rep = $1 AND finish > $2 AND "
				  "start < $3 ORDER BY start, id";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, rep);
	db_bind_int(s->db, st, 2, from);
	db_bind_int(s->db, st, 3, to);
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct block *b = arena_push(a, (void **)out, n, &cap, sizeof(**out));

		b->start = db_col_int(s->db, st, 0);
		b->finish = db_col_int(s->db, st, 1);
		b->busy = strcmp(db_col_text(s->db, st, 2), "busy") == 0;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- counts for the rules */

static int count(struct store *s, const char *sql, int64_t lead, const char *text, int64_t since, int64_t *n,
		 struct bt_error *err)
{
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	*n = 0;
	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, lead);
	db_bind_text(s->db, st, 2, text);
	db_bind_int(s->db, st, 3, since);
	rc = db_step(s->db, st, err);
	if (rc == 1)
		*n = db_col_int(s->db, st, 0);
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_credit_count(struct store *s, int64_t lead, const char *kind, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM credits WHERE lead = $1 AND kind = $2 AND at >= $3";

	return count(s, sql, lead, kind, INT64_MIN, n, err);
}

int store_touches_since(struct store *s, int64_t lead, const char *actor, int64_t since, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM events WHERE lead = $1 AND type = 'touch' AND actor = $2 AND at >= $3";

	return count(s, sql, lead, actor, since, n, err);
}

int store_tasks_cancel(struct store *s, int64_t lead, int64_t at, struct bt_error *err)
{
	static const char sql[] = "UPDATE tasks SET status = 'cancelled', done_at = $2 WHERE lead = $1 AND status = 'open'";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, lead);
	db_bind_int(s->db, st, 2, at);
	return store_run(s->db, st, err);
}

int store_rep_open_leads(struct store *s, const char *name, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM leads WHERE $1 = $1 AND owner = $2 AND $3 = $3 AND "
				  "stage IN ('mql', 'target', 'working', 'handoff', 'sql')";

	return count(s, sql, 0, name, 0, n, err);
}

int store_obligation_count(struct store *s, enum ob_status st, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM obligations WHERE $1 = $1 AND status = $2 AND $3 = $3";

	return count(s, sql, 0, ob_status_name(st), 0, n, err);
}

int store_lead_count(struct store *s, const char *stage, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM leads WHERE $1 = $1 AND stage = $2 AND $3 = $3";

	return count(s, sql, 0, stage, 0, n, err);
}
