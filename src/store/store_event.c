/* store_event.c - the events table: the append-only log of what happened to each lead (and
 * to the org: playbooks applied), read back in id order to replay or show a lead's history.
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

int store_event_each(struct store *s, int64_t lead, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		     struct bt_error *err)
{
	static const char sql_all[] =
		"SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events ORDER BY id";
	static const char sql_lead[] = "SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events "
				       "WHERE lead = $1 ORDER BY id";
	struct db_stmt *st = lead ? db_query(s->db, sql_lead, "i", err, lead) : db_query(s->db, sql_all, "", err);
	int rc, stop = 0;

	while ((rc = db_step(s->db, st, err)) == 1) {
		struct arena *a;
		struct event *ev;
		enum event_type type;
		enum stage to, from;

		if (event_type_parse(db_col_text(s->db, st, 2), &type)) {
			rc = bt_fail(err, BT_STORAGE, "events", 0, "event %lld has a type this baton does not know: %s",
				     (long long)db_col_int(s->db, st, 0), db_col_text(s->db, st, 2));
			break;
		}
		a = arena_new();
		ev = event_new(a, type, db_col_int(s->db, st, 1), store_col_int_or(s->db, st, 3, 0),
			       db_col_text(s->db, st, 4));

		ev->id = db_col_int(s->db, st, 0);
		if (!db_col_null(s->db, st, 6) && stage_parse(db_col_text(s->db, st, 6), &to) == 0) {
			int f = -1;

			if (!db_col_null(s->db, st, 5) && stage_parse(db_col_text(s->db, st, 5), &from) == 0)
				f = (int)from;
			event_set_stage(ev, f, to);
		}
		event_payload_parse(ev, a, db_col_text(s->db, st, 7));
		stop = fn(ctx, ev);
		arena_free(&a);
		if (stop)
			break;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : stop;
}

int store_touches_since(struct store *s, int64_t lead, const char *actor, int64_t since, int64_t *n,
			struct bt_error *err)
{
	static const char sql[] =
		"SELECT COUNT(*) FROM events WHERE lead = $1 AND type = 'touch' AND actor = $2 AND at >= $3";

	return store_count(s, sql, lead, actor, since, n, err);
}
