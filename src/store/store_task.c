/* store_task.c - the tasks table: the follow-up work the playbook gives a role (reschedule a
 * no-show, ...), held by a rep until done or cancelled with its lead. Portable SQL through
 * db.h's row helpers; see store.h. */
#include "store/store.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

#define TASK_COLS "id, kind, lead, meeting, role, rep, status, created_at, done_at, done_by, note"

static void read_task(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct task *t = out;
	const char *kind, *role, *status;

	memset(t, 0, sizeof(*t));
	db_read(db, st, "itiisttiitt", a, NULL, &t->id, &kind, &t->lead, &t->meeting, &role, &t->rep, &status,
		&t->created_at, &t->done_at, &t->done_by, &t->note);
	t->kind = PB_TASK_COUNT; /* a kind no longer known reads as "?" */
	task_kind_parse(kind, &t->kind);
	role_parse(role, &t->role);
	task_status_parse(status, &t->status);
}

int store_task_add(struct store *s, struct task *t, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO tasks(kind, lead, meeting, role, rep, status, created_at, note) "
				  "VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)";
	int rc = db_add(s->db, sql, "tipttit", &t->id, err, pb_task_name(t->kind), t->lead, t->meeting,
			role_name(t->role), t->rep, t->created_at, t->note);

	t->status = TASK_OPEN;
	return rc;
}

int store_task_get(struct store *s, struct arena *a, int64_t id, struct task *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " TASK_COLS " FROM tasks WHERE id = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "i", err, id), read_task, a, out, err);

	return store_found(rc, err, "task", "no task %lld", (long long)id);
}

int store_task_update(struct store *s, const struct task *t, struct bt_error *err)
{
	static const char sql[] = "UPDATE tasks SET status = $1, done_at = $2, done_by = $3, rep = $4 WHERE id = $5";

	return db_run(s->db, sql, "tptti", err, task_status_name(t->status), t->done_at, t->done_by, t->rep, t->id);
}

int store_task_each(struct store *s, const char *rep, int64_t lead, int open_only,
		    int (*fn)(void *ctx, const struct task *t), void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT " TASK_COLS
				  " FROM tasks WHERE ($1 = '' OR rep = $1) AND ($2 = 0 OR lead = $2) "
				  "AND ($3 = 0 OR status = 'open') ORDER BY created_at, id";
	struct db_stmt *st = db_query(s->db, sql, "tid", err, rep ? rep : "", lead, open_only);
	struct arena *a = NULL;
	struct task t;
	int rc, stop = 0;

	while ((rc = store_next(s->db, st, read_task, &a, &t, err)) == 1 && (stop = fn(ctx, &t)) == 0)
		;
	return store_walk_end(s->db, st, &a, rc < 0 ? rc : stop);
}

int store_tasks_cancel(struct store *s, int64_t lead, int64_t at, struct bt_error *err)
{
	static const char sql[] =
		"UPDATE tasks SET status = 'cancelled', done_at = $2 WHERE lead = $1 AND status = 'open'";

	return db_run(s->db, sql, "ii", err, lead, at);
}
