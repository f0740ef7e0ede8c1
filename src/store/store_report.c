/* store_report.c - what the reports read, streamed to the core: every lead's lead_facts row,
 * or the leads counted in the order of the index lead_facts_funnel; every obligation with the
 * facts of its lead, or the obligations counted per rule and status (whole days from
 * obligation_days, the rest on obligations_report); the routing events counted per rep (whole
 * days from routing_days, the rest from the events); and the events of the handoff report
 * (through the partial index events_handoff_report). Strings handed to the callbacks are
 * borrowed from the current row. Portable SQL through db.h's row helpers. */
#include <jansson.h>
#include <string.h>

#include "core/clock.h"
#include "store/store.h"
#include "io/event_json.h"
#include "store/store_priv.h"

#define FACT_COLS                                                                                                     \
	"f.lead, f.created_at, f.channel, f.stage, f.reached, f.source, f.segment, f.grade, f.worked_by, f.variant, " \
	"f.speed, f.amount, f.replied, f.at_inquiry, f.at_mql, f.at_working, f.at_handoff, f.at_sql, f.at_won, "     \
	"f.at_live, f.at_lost, f.at_filtered, f.at_nurture, f.at_disqualified, f.at_target, f.at_churned"
#define FACT_NCOLS 25

/* Reads the FACT_COLS starting at column `base` into *f (strings borrowed). */
static void read_fact(struct db *db, struct db_stmt *st, int base, struct report_fact *f)
{
	int c = base;

	f->lead = db_col_int(db, st, c++);
	f->created_at = db_col_int(db, st, c++);
	f->channel = (enum channel)db_col_int(db, st, c++);
	f->stage = (enum stage)db_col_int(db, st, c++);
	f->reached = (unsigned)db_col_int(db, st, c++);
	f->source = db_col_text(db, st, c++);
	f->segment = db_col_text(db, st, c++);
	f->grade = db_col_text(db, st, c++);
	f->worked_by = db_col_text(db, st, c++);
	f->variant = db_col_text(db, st, c++);
	f->speed = store_col_int_or(db, st, c++, -1);
	f->amount = db_col_int(db, st, c++);
	f->replied = (int)db_col_int(db, st, c++);
	for (int i = 0; i < STAGE_COUNT; i++)
		f->at[i] = store_col_int_or(db, st, c++, 0);
	if ((unsigned)f->channel >= CHANNEL_COUNT)
		f->channel = CHANNEL_INBOUND;
	if ((unsigned)f->stage >= STAGE_COUNT)
		f->stage = STAGE_INQUIRY;
}

/* Reads only the columns of a "light" report (no stage times, grade, variant or reply). */
static void read_fact_light(struct db *db, struct db_stmt *st, struct report_fact *f)
{
	memset(f, 0, sizeof(*f));
	f->lead = db_col_int(db, st, 0);
	f->created_at = db_col_int(db, st, 1);
	f->channel = (enum channel)db_col_int(db, st, 2);
	f->stage = (enum stage)db_col_int(db, st, 3);
	f->reached = (unsigned)db_col_int(db, st, 4);
	f->source = db_col_text(db, st, 5);
	f->segment = db_col_text(db, st, 6);
	f->worked_by = db_col_text(db, st, 7);
	f->speed = store_col_int_or(db, st, 8, -1);
	f->amount = db_col_int(db, st, 9);
	if ((unsigned)f->channel >= CHANNEL_COUNT)
		f->channel = CHANNEL_INBOUND;
	if ((unsigned)f->stage >= STAGE_COUNT)
		f->stage = STAGE_INQUIRY;
}

int store_report_facts(struct store *s, int light, void (*fn)(void *ctx, const struct report_fact *f), void *ctx,
		       struct bt_error *err)
{
	static const char sql[] = "SELECT " FACT_COLS " FROM lead_facts f ORDER BY f.lead";
	static const char sql_light[] = "SELECT f.lead, f.created_at, f.channel, f.stage, f.reached, f.source, "
					"f.segment, f.worked_by, f.speed, f.amount FROM lead_facts f ORDER BY f.lead";
	struct db_stmt *st = db_query(s->db, light ? sql_light : sql, "", err);
	struct report_fact f;
	int rc;

	while ((rc = db_step(s->db, st, err)) == 1) {
		if (light)
			read_fact_light(s->db, st, &f);
		else
			read_fact(s->db, st, 0, &f);
		fn(ctx, &f);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_report_facts_counted(struct store *s, enum report_facts how, int64_t from, int64_t to,
			       void (*fn)(void *ctx, const struct report_fact *f), void *ctx, struct bt_error *err)
{
	/* each grouped by a prefix of the index lead_facts_funnel (reached, source, channel, speed,
	 * created_at; migration 20), so walked in its order: no sort, nothing read but the index */
	static const char *const sql[] = {
		[REPORT_FACTS_REACHED] = "SELECT f.reached, COUNT(*) FROM lead_facts f "
					 "WHERE f.created_at >= $1 AND f.created_at < $2 GROUP BY f.reached",
		[REPORT_FACTS_SOURCE] = "SELECT f.reached, COUNT(*), f.source, f.channel FROM lead_facts f "
					"WHERE f.created_at >= $1 AND f.created_at < $2 "
					"GROUP BY f.reached, f.source, f.channel",
		[REPORT_FACTS_SPEED] = "SELECT f.reached, COUNT(*), f.source, f.channel, f.speed FROM lead_facts f "
				       "WHERE f.created_at >= $1 AND f.created_at < $2 AND (f.reached & $3) <> 0 "
				       "GROUP BY f.reached, f.source, f.channel, f.speed",
	};
	struct db_stmt *st;
	struct report_fact f;
	int rc;

	if (how == REPORT_FACTS_EACH || how > REPORT_FACTS_SPEED)
		return bt_fail(err, BT_STORAGE, NULL, 0, "store_report_facts_counted: not a way of counting");
	st = how == REPORT_FACTS_SPEED ? db_query(s->db, sql[how], "iii", err, from, to, (int64_t)1 << STAGE_MQL)
				       : db_query(s->db, sql[how], "ii", err, from, to);
	while ((rc = db_step(s->db, st, err)) == 1) {
		memset(&f, 0, sizeof(f));
		f.created_at = from; /* every lead counted was created in the period */
		f.reached = (unsigned)db_col_int(s->db, st, 0);
		f.count = db_col_int(s->db, st, 1);
		f.speed = -1;
		if (how != REPORT_FACTS_REACHED) {
			f.source = db_col_text(s->db, st, 2);
			f.channel = (enum channel)db_col_int(s->db, st, 3);
			if ((unsigned)f.channel >= CHANNEL_COUNT)
				f.channel = CHANNEL_INBOUND;
		}
		if (how == REPORT_FACTS_SPEED)
			f.speed = store_col_int_or(s->db, st, 4, -1);
		fn(ctx, &f);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* Feeds the obligations of each rule and status due in [from, to) as one counted row each: a
 * range count of the index obligations_report, which walks the index without decoding it. */
static int obligations_ranged(struct store *s, int64_t from, int64_t to,
			      void (*fn)(void *ctx, const struct report_obligation *o), void *ctx, struct bt_error *err)
{
	/* named on SQLite: its planner would rather take obligations_open (status, due) and read
	 * the table; PostgreSQL's picks by itself */
	static const char sql[] = "SELECT COUNT(*) FROM obligations INDEXED BY obligations_report "
				  "WHERE rule = $1 AND status = $2 AND due >= $3 AND due < $4";
	static const char sql_plain[] = "SELECT COUNT(*) FROM obligations "
					"WHERE rule = $1 AND status = $2 AND due >= $3 AND due < $4";
	struct report_obligation o;
	int rc = 0;

	memset(&o, 0, sizeof(o));
	o.due = o.opened_at = from; /* every obligation counted is due in the period */
	for (int r = 0; r < OB_RULE_COUNT && rc == 0 && from < to; r++)
		for (int k = 0; k < OB_STATUS_COUNT && rc == 0; k++) {
			o.rule = ob_rule_name((enum ob_rule)r);
			o.status = ob_status_name((enum ob_status)k);
			/* the statement is cached by the connection: a reset, not a new prepare */
			rc = db_row(s->db, db_has(s->db, DB_INDEX_HINTS) ? sql : sql_plain, "ttii", "i", NULL, err, o.rule,
				    o.status, from, to, &o.count);
			if (rc == 1) {
				if (o.count > 0)
					fn(ctx, &o);
				rc = 0;
			}
		}
	return rc < 0 ? rc : 0;
}

#define DAY_SECONDS 86400

/* The whole UTC days of [from, to) whose counts the tables of days hold (migration 20): from
 * day *first to day *end (excluded; none when *first >= *end). A row of the days 0 and before
 * may hold instants of two days (t / 86400 rounds toward zero): only days from 1 on are read
 * from the counts. */
static void whole_days(int64_t from, int64_t to, int64_t *first, int64_t *end)
{
	*first = from <= DAY_SECONDS ? 1 : (from - 1) / DAY_SECONDS + 1;
	*end = to < DAY_SECONDS ? 0 : to / DAY_SECONDS;
}

/* Feeds the obligations of each rule and status due in [from, to): the whole days of the
 * period from the counts of obligation_days (one row per day, rule, status and slot, kept by
 * store_days.c), the parts of a day at either end as obligations_ranged() counts them. */
static int obligations_counted(struct store *s, int64_t from, int64_t to,
			       void (*fn)(void *ctx, const struct report_obligation *o), void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT rule, status, SUM(n) FROM obligation_days "
				  "WHERE due_day >= $1 AND due_day < $2 GROUP BY rule, status";
	struct report_obligation o;
	struct db_stmt *st;
	int64_t first, end;
	int rc;

	whole_days(from, to, &first, &end);
	if (first >= end)
		return obligations_ranged(s, from, to, fn, ctx, err);
	if ((rc = obligations_ranged(s, from, first * DAY_SECONDS, fn, ctx, err)) ||
	    (rc = obligations_ranged(s, end * DAY_SECONDS, to, fn, ctx, err)))
		return rc;
	memset(&o, 0, sizeof(o));
	o.due = o.opened_at = from; /* every obligation counted is due in the period */
	st = db_query(s->db, sql, "ii", err, first, end);
	while ((rc = db_step(s->db, st, err)) == 1) {
		o.rule = db_col_text(s->db, st, 0);
		o.status = db_col_text(s->db, st, 1);
		o.count = db_col_int(s->db, st, 2);
		if (o.count > 0)
			fn(ctx, &o);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_report_obligations(struct store *s, enum report_obligations how, int64_t from, int64_t to,
			     void (*fn)(void *ctx, const struct report_obligation *o), void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT o.rule, o.owner, o.status, o.due, o.opened_at, " FACT_COLS
				  " FROM obligations o JOIN lead_facts f ON f.lead = o.lead ORDER BY o.id";
	/* without the lead's facts (grouped by rep or team): rule, owner and status of those due in
	 * the period, read from the index obligations_report */
	static const char sql_bare[] = "SELECT o.rule, o.owner, o.status FROM obligations o "
				       "WHERE o.due >= $1 AND o.due < $2";
	struct db_stmt *st;
	struct report_obligation o;
	int rc;

	if (how == REPORT_OB_COUNTED)
		return obligations_counted(s, from, to, fn, ctx, err);
	st = how == REPORT_OB_WITH_FACTS ? db_query(s->db, sql, "", err) : db_query(s->db, sql_bare, "ii", err, from, to);
	memset(&o, 0, sizeof(o));
	if (how == REPORT_OB_BARE) {
		o.due = o.opened_at = from; /* every row read is due in the period */
		o.count = 1;
	}
	while ((rc = db_step(s->db, st, err)) == 1) {
		o.rule = db_col_text(s->db, st, 0);
		o.owner = db_col_text(s->db, st, 1);
		o.status = db_col_text(s->db, st, 2);
		if (how == REPORT_OB_WITH_FACTS) {
			o.due = db_col_int(s->db, st, 3);
			o.opened_at = db_col_int(s->db, st, 4);
			o.count = 1;
			read_fact(s->db, st, 5, &o.lead);
		}
		fn(ctx, &o);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_report_routing(struct store *s, int64_t from, int64_t to, int (*routed)(void *ctx, const struct event *ev),
			 void (*counted)(void *ctx, const char *rep, const char *kind, int64_t n), void *ctx,
			 struct bt_error *err)
{
	static const char sql[] = "SELECT rep, kind, SUM(n) FROM routing_days "
				  "WHERE at_day >= $1 AND at_day < $2 GROUP BY rep, kind";
	struct db_stmt *st;
	int64_t first, end;
	int rc;

	whole_days(from, to, &first, &end);
	if (first >= end)
		return store_event_routing(s, from, to, routed, ctx, err);
	if ((rc = store_event_routing(s, from, first * DAY_SECONDS, routed, ctx, err)) ||
	    (rc = store_event_routing(s, end * DAY_SECONDS, to, routed, ctx, err)))
		return rc;
	st = db_query(s->db, sql, "ii", err, first, end);
	while ((rc = db_step(s->db, st, err)) == 1)
		counted(ctx, db_col_text(s->db, st, 0), db_col_text(s->db, st, 1), db_col_int(s->db, st, 2));
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* Clears *ev and reads a row's id, at, lead, type and actor (columns 0 to 4) into it; 0, or
 * -BT_STORAGE for a type this baton does not know. */
static int read_event_head(struct db *db, struct db_stmt *st, struct report_event *ev, struct bt_error *err)
{
	memset(ev, 0, sizeof(*ev));
	ev->id = db_col_int(db, st, 0);
	ev->at = db_col_int(db, st, 1);
	ev->lead = store_col_int_or(db, st, 2, 0);
	if (event_type_parse(db_col_text(db, st, 3), &ev->type))
		return bt_fail(err, BT_STORAGE, "events", 0, "event %lld has a type this baton does not know: %s",
			       (long long)ev->id, db_col_text(db, st, 3));
	ev->actor = db_col_text(db, st, 4);
	return 0;
}

int store_report_events(struct store *s, void (*fn)(void *ctx, const struct report_event *ev), void *ctx,
			struct bt_error *err)
{
	/* the test is the partial index's own (migration 13), so that SQLite uses it (named: SQLite's
	 * planner would rather walk the primary key for ORDER BY); PostgreSQL's planner picks by
	 * itself, and proves the IN list within the index's test */
	static const char sql[] = "SELECT id, at, lead, type, actor, data FROM events INDEXED BY events_handoff_report "
				  "WHERE (type = 'handoff' OR type = 'accept' OR type = 'reject' OR type = "
				  "'meeting_held' OR type = 'won' OR type = 'lost' OR type = 'tune_out') ORDER BY id";
	static const char sql_plain[] = "SELECT id, at, lead, type, actor, data FROM events "
					"WHERE type IN ('handoff', 'accept', 'reject', 'meeting_held', 'won', 'lost', "
					"'tune_out') ORDER BY id";
	struct db_stmt *st = db_query(s->db, db_has(s->db, DB_INDEX_HINTS) ? sql : sql_plain, "", err);
	struct report_event ev;
	int rc;

	while ((rc = db_step(s->db, st, err)) == 1) {
		const char *data = db_col_text(s->db, st, 5);
		json_t *o = NULL;

		if ((rc = read_event_head(s->db, st, &ev, err)))
			break;
		if (ev.type != EV_ACCEPT && ev.type != EV_WON && ev.type != EV_LOST && data)
			o = json_loads(data, 0, NULL);
		if (o) {
			ev.ae = json_string_value(event_payload_member(o, "ae"));
			ev.reason = json_string_value(event_payload_member(o, "reason"));
			ev.source = json_string_value(event_payload_member(o, "source"));
			ev.count = json_integer_value(event_payload_member(o, "rejections"));
		}
		fn(ctx, &ev);
		json_decref(o);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* The instant of the payload's RFC 3339 field `key`, 0 when absent or unreadable. */
static int64_t payload_time(json_t *o, const char *key)
{
	const char *text = json_string_value(event_payload_member(o, key));
	int64_t t = 0;

	if (!text || clock_parse_rfc3339(text, &t))
		return 0;
	return t;
}

int store_report_customers(struct store *s, void (*fn)(void *ctx, const struct report_event *ev), void *ctx,
			   struct bt_error *err)
{
	/* the partial index events_customers_report, asked with its own words (as above) */
	static const char sql[] = "SELECT id, at, lead, type, actor, data FROM events INDEXED BY events_customers_report "
				  "WHERE (type = 'won' OR type = 'live' OR type = 'renewed' OR type = 'churned' OR "
				  "type = 'expanded') "
				  "ORDER BY id";
	static const char sql_plain[] = "SELECT id, at, lead, type, actor, data FROM events "
					"WHERE type IN ('won', 'live', 'renewed', 'churned', 'expanded') ORDER BY id";
	struct db_stmt *st = db_query(s->db, db_has(s->db, DB_INDEX_HINTS) ? sql : sql_plain, "", err);
	struct report_event ev;
	int rc;

	while ((rc = db_step(s->db, st, err)) == 1) {
		const char *data = db_col_text(s->db, st, 5);
		json_t *o;

		if ((rc = read_event_head(s->db, st, &ev, err)))
			break;
		o = data ? json_loads(data, 0, NULL) : NULL;
		ev.owner = json_string_value(event_payload_member(o, "owner"));
		ev.amount = json_integer_value(event_payload_member(o, "amount_cents"));
		ev.previous = json_integer_value(event_payload_member(o, "previous_cents"));
		ev.renews_at = payload_time(o, "renews_at");
		ev.starts_at = payload_time(o, "starts_at");
		ev.parent = json_integer_value(event_payload_member(o, "parent"));
		fn(ctx, &ev);
		json_decref(o);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_report_touches(struct store *s,
			 void (*fn)(void *ctx, int64_t at, const char *actor, const char *kind, int64_t minutes,
				    const struct report_fact *lead),
			 void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT e.at, e.actor, e.data, " FACT_COLS
				  " FROM events e JOIN lead_facts f ON f.lead = e.lead WHERE e.type = 'touch' ORDER BY e.id";
	struct db_stmt *st = db_query(s->db, sql, "", err);
	struct report_fact f;
	int rc;

	while ((rc = db_step(s->db, st, err)) == 1) {
		json_t *o = json_loads(db_col_text(s->db, st, 2), 0, NULL);

		read_fact(s->db, st, 3, &f);
		fn(ctx, db_col_int(s->db, st, 0), db_col_text(s->db, st, 1),
		   json_string_value(event_payload_member(o, "kind")), json_integer_value(event_payload_member(o, "minutes")),
		   &f);
		json_decref(o);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_report_history_count(struct store *s, int64_t from, int64_t to, int64_t *n, struct bt_error *err)
{
	/* the partial index lead_facts_history: empty without history */
	static const char sql[] = "SELECT COUNT(*) FROM lead_facts WHERE speed = -2 AND created_at >= $1 AND created_at < $2";
	int rc;

	*n = 0;
	rc = db_row(s->db, sql, "ii", "i", NULL, err, from, to, n);
	return rc < 0 ? rc : 0;
}
