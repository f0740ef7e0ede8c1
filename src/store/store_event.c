/* store_event.c - the events table: the append-only log of what happened to each lead (and
 * to the org: playbooks applied), read back in id order to replay or show a lead's history, and
 * the routing events of a period for `report routing`, and the events after an id for the live
 * dashboard's feed (service/feed.c).
 * Portable SQL through db.h; see store.h. */
#include "store/store.h"

#include "io/event_json.h"
#include "store/store_priv.h"
#include "util/arena.h"
#include "util/strbuf.h"

int store_event_append(struct store *s, struct event *ev, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO events(at, type, lead, actor, from_stage, to_stage, data) "
				  "VALUES ($1, $2, $3, $4, $5, $6, $7)";

	strbuf_reset(&s->scratch);
	event_payload_text(ev, &s->scratch);
	return db_add(s->db, sql, "itptttt", &ev->id, err, ev->at, event_type_name(ev->type), ev->lead, ev->actor,
		      ev->sets_stage && ev->from >= 0 ? stage_name((enum stage)ev->from) : NULL,
		      ev->sets_stage ? stage_name((enum stage)ev->to) : NULL, s->scratch.buf);
}

/* Reads the event of the current row of st (id, at, type, lead, actor, from_stage, to_stage,
 * data) into a new arena *a (the caller frees it), its data only where data is NULL or
 * data[type] is 1; NULL with *err when its type is unknown. */
static struct event *read_event(struct db *db, struct db_stmt *st, const unsigned char *data, struct arena **a,
				struct bt_error *err)
{
	struct event *ev;
	enum event_type type;
	enum stage to, from;

	if (event_type_parse(db_col_text(db, st, 2), &type)) {
		bt_fail(err, BT_STORAGE, "events", 0, "event %lld has a type this baton does not know: %s",
			(long long)db_col_int(db, st, 0), db_col_text(db, st, 2));
		return NULL;
	}
	*a = arena_new();
	ev = event_new(*a, type, db_col_int(db, st, 1), store_col_int_or(db, st, 3, 0), db_col_text(db, st, 4));
	ev->id = db_col_int(db, st, 0);
	if (!db_col_null(db, st, 6) && stage_parse(db_col_text(db, st, 6), &to) == 0) {
		int f = -1;

		if (!db_col_null(db, st, 5) && stage_parse(db_col_text(db, st, 5), &from) == 0)
			f = (int)from;
		event_set_stage(ev, f, to);
	}
	if (!data || data[type])
		event_payload_parse(ev, *a, db_col_text(db, st, 7));
	return ev;
}

/* Calls fn for each event of the walk st, in its order, until fn returns non-zero (the data of
 * the types data says, all when NULL); db_step's error, else fn's last return. Ends st. */
static int walk_some(struct db *db, struct db_stmt *st, const unsigned char *data,
		     int (*fn)(void *ctx, const struct event *ev), void *ctx, struct bt_error *err)
{
	int rc, stop = 0;

	while ((rc = db_step(db, st, err)) == 1) {
		struct arena *a = NULL;
		struct event *ev = read_event(db, st, data, &a, err);

		if (!ev) {
			rc = -BT_STORAGE;
			break;
		}
		stop = fn(ctx, ev);
		arena_free(&a);
		if (stop)
			break;
	}
	db_done(db, st);
	return rc < 0 ? rc : stop;
}

static int walk_events(struct db *db, struct db_stmt *st, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		       struct bt_error *err)
{
	return walk_some(db, st, NULL, fn, ctx, err);
}

int store_event_each(struct store *s, int64_t lead, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		     struct bt_error *err)
{
	static const char sql_all[] =
		"SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events ORDER BY id";
	static const char sql_lead[] = "SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events "
				       "WHERE lead = $1 ORDER BY id";

	return walk_events(s->db, lead ? db_query(s->db, sql_lead, "i", err, lead) : db_query(s->db, sql_all, "", err),
			   fn, ctx, err);
}

int store_event_routing(struct store *s, int64_t from, int64_t to, int (*fn)(void *ctx, const struct event *ev),
			void *ctx, struct bt_error *err)
{
	/* the partial index's own words (migration 10: OR, not IN, so that SQLite builds no table
	 * for every event appended; see migration 13), read by type and time */
	static const char sql[] = "SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events "
				  "WHERE (type = 'assigned' OR type = 'reassigned' OR type = 'unassigned') "
				  "AND at >= $1 AND at < $2 ORDER BY id";

	return walk_events(s->db, db_query(s->db, sql, "ii", err, from, to), fn, ctx, err);
}

int store_touches_since(struct store *s, int64_t lead, const char *actor, int64_t since, int64_t *n,
			struct bt_error *err)
{
	static const char sql[] =
		"SELECT COUNT(*) FROM events WHERE lead = $1 AND type = 'touch' AND actor = $2 AND at >= $3";

	return store_count(s, sql, lead, actor, since, n, err);
}

int store_event_last(struct store *s, int64_t *id, struct bt_error *err)
{
	static const char sql[] = "SELECT MAX(id) FROM events";
	int rc;

	*id = 0;
	rc = db_row(s->db, sql, "", "i", NULL, err, id);
	return rc < 0 ? rc : 0;
}

int store_event_ids(struct store *s, int64_t after, int64_t upto, int64_t *ids, size_t cap, size_t *n,
		    struct bt_error *err)
{
	static const char sql[] = "SELECT id FROM events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3";
	struct db_stmt *st = db_query(s->db, sql, "iii", err, after, upto, (int64_t)cap);
	int rc;

	*n = 0;
	while ((rc = db_step(s->db, st, err)) == 1 && *n < cap)
		ids[(*n)++] = db_col_int(s->db, st, 0);
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_event_range(struct store *s, int64_t after, int64_t upto, size_t limit,
		      int (*fn)(void *ctx, const struct event *ev), void *ctx, struct bt_error *err)
{
	return store_event_range_some(s, after, upto, limit, NULL, fn, ctx, err);
}

int store_event_range_some(struct store *s, int64_t after, int64_t upto, size_t limit, const unsigned char *data,
			   int (*fn)(void *ctx, const struct event *ev), void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events "
				  "WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3";

	return walk_some(s->db, db_query(s->db, sql, "iii", err, after, upto, (int64_t)limit), data, fn, ctx, err);
}
