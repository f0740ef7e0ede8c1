/* store_lead.c - the leads table and its projection for the reports (lead_facts): a lead's
 * current state as the events left it, written whole on each change, read one at a time (by
 * id or email, row-locked when deciding a write on PostgreSQL) or walked with a filter.
 * Portable SQL through db.h; see store.h. */
#include "store/store.h"

#include <jansson.h>
#include <stdlib.h>

#include "io/event_json.h"
#include "store/store_priv.h"
#include "util/arena.h"

#define LEAD_COLS                                                                                                      \
	"l.id, l.email, l.name, l.title, l.company, l.phone, l.mobile, l.source, l.channel, l.segment, l.employees, "  \
	"l.country, l.account, l.stage, l.owner, l.handed_by, l.ae, l.score, l.grade, l.reason, l.answers, l.notes, "  \
	"l.reviewed, l.nurture_until, l.amount, l.touches, l.first_touch_at, l.created_at, l.updated_at, "             \
	"l.territory, l.mql_at, f.reached, f.worked_by, f.speed, f.variant, f.replied, " FACT_AT_COLS                  \
	", l.timezone, l.attributes, l.renews_at, l.term_months, l.parent"
#define FACT_AT_COLS                                                                                                   \
	"f.at_inquiry, f.at_mql, f.at_working, f.at_handoff, f.at_sql, f.at_won, f.at_live, f.at_lost, "               \
	"f.at_filtered, f.at_nurture, f.at_disqualified, f.at_target, f.at_churned"
#define LEAD_FROM " FROM leads l LEFT JOIN lead_facts f ON f.lead = l.id "
/* A lead imported as history whose window was over (speed LEAD_SPEED_HISTORY, SPEC 8.8) does not
 * wait for a rotation: without an owner it stays unassigned until a manager assigns it. */
#define NOT_HISTORY "(f.speed IS NULL OR f.speed <> -2)"
_Static_assert(LEAD_SPEED_HISTORY == -2, "NOT_HISTORY names LEAD_SPEED_HISTORY");

static void read_lead(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct lead *l = out;

	lead_init(l);
	l->id = db_col_int(db, st, 0);
	l->email = store_col_str(db, st, 1, a);
	l->name = store_col_str(db, st, 2, a);
	l->title = store_col_str(db, st, 3, a);
	l->company = store_col_str(db, st, 4, a);
	l->phone = store_col_str(db, st, 5, a);
	l->mobile = store_col_str(db, st, 6, a);
	l->source = store_col_str(db, st, 7, a);
	channel_parse(db_col_text(db, st, 8), &l->channel);
	l->segment = store_col_str(db, st, 9, a);
	l->employees = store_col_int_or(db, st, 10, -1);
	l->country = store_col_str(db, st, 11, a);
	l->account = store_col_int_or(db, st, 12, 0);
	stage_parse(db_col_text(db, st, 13), &l->stage);
	l->owner = store_col_str(db, st, 14, a);
	l->handed_by = store_col_str(db, st, 15, a);
	l->ae = store_col_str(db, st, 16, a);
	l->score = db_col_null(db, st, 17) ? -1 : db_col_real(db, st, 17);
	l->grade = store_col_str(db, st, 18, a);
	l->reason = store_col_str(db, st, 19, a);
	kvlist_parse(&l->answers, a, db_col_text(db, st, 20));
	kvlist_parse(&l->notes, a, db_col_text(db, st, 21));
	l->reviewed = (int)db_col_int(db, st, 22);
	l->nurture_until = store_col_int_or(db, st, 23, 0);
	l->amount = db_col_int(db, st, 24);
	l->touches = db_col_int(db, st, 25);
	l->first_touch_at = store_col_int_or(db, st, 26, 0);
	l->created_at = db_col_int(db, st, 27);
	l->updated_at = db_col_int(db, st, 28);
	l->territory = store_col_str(db, st, 29, a);
	l->mql_at = store_col_int_or(db, st, 30, 0);
	l->reached = (unsigned)store_col_int_or(db, st, 31, 0);
	l->worked_by = store_col_str(db, st, 32, a);
	l->speed_minutes = store_col_int_or(db, st, 33, -1);
	l->variant = store_col_str(db, st, 34, a);
	l->replied = (int)store_col_int_or(db, st, 35, 0);
	for (int i = 0; i < STAGE_COUNT; i++)
		l->reached_at[i] = store_col_int_or(db, st, 36 + i, 0);
	l->timezone = store_col_str(db, st, 36 + STAGE_COUNT, a);
	l->attributes = store_col_str(db, st, 37 + STAGE_COUNT, a);
	l->renews_at = store_col_int_or(db, st, 38 + STAGE_COUNT, 0);
	l->term_months = store_col_int_or(db, st, 39 + STAGE_COUNT, 0);
	l->parent = store_col_int_or(db, st, 40 + STAGE_COUNT, 0);
}

/* Writes the lead's lead_facts row (the part of its projection the reports scan). */
static int write_facts(struct store *s, const struct lead *l, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO lead_facts(lead, created_at, channel, source, segment, grade, worked_by, stage, reached, "
		"speed, amount, variant, replied, at_inquiry, at_mql, at_working, at_handoff, at_sql, at_won, at_live, "
		"at_lost, at_filtered, at_nurture, at_disqualified, at_target, at_churned) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		"$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) "
		"ON CONFLICT (lead) DO UPDATE SET created_at = excluded.created_at, channel = excluded.channel, "
		"source = excluded.source, segment = excluded.segment, grade = excluded.grade, "
		"worked_by = excluded.worked_by, stage = excluded.stage, reached = excluded.reached, "
		"speed = excluded.speed, amount = excluded.amount, variant = excluded.variant, "
		"replied = excluded.replied, at_inquiry = excluded.at_inquiry, at_mql = excluded.at_mql, "
		"at_working = excluded.at_working, at_handoff = excluded.at_handoff, at_sql = excluded.at_sql, "
		"at_won = excluded.at_won, at_live = excluded.at_live, at_lost = excluded.at_lost, "
		"at_filtered = excluded.at_filtered, at_nurture = excluded.at_nurture, "
		"at_disqualified = excluded.at_disqualified, at_target = excluded.at_target, at_churned = excluded.at_churned";
	struct db *db = s->db;
	struct db_stmt *st = db_prepare(db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_int(db, st, 1, l->id);
	db_bind_int(db, st, 2, l->created_at);
	db_bind_int(db, st, 3, l->channel);
	db_bind_text(db, st, 4, l->source);
	db_bind_text(db, st, 5, l->segment);
	db_bind_text(db, st, 6, l->grade);
	db_bind_text(db, st, 7, l->worked_by);
	db_bind_int(db, st, 8, l->stage);
	db_bind_int(db, st, 9, l->reached);
	/* untouched: NULL; a lead imported as history keeps LEAD_SPEED_HISTORY (not measured) */
	store_bind_opt_int(db, st, 10, l->speed_minutes, l->speed_minutes != -1);
	db_bind_int(db, st, 11, l->amount);
	db_bind_text(db, st, 12, l->variant);
	db_bind_int(db, st, 13, l->replied);
	for (int i = 0; i < STAGE_COUNT; i++)
		store_bind_opt_int(db, st, 14 + i, l->reached_at[i], l->reached_at[i] > 0);
	return store_run(db, st, err);
}

/* Binds the 35 state columns (everything but id) as $1..$35; the JSON texts of answers and
 * notes live in the store until the next bind. */
static void bind_lead(struct store *s, struct db_stmt *st, const struct lead *l)
{
	struct db *db = s->db;
	json_t *answers = l->answers.n ? kvlist_json(&l->answers) : NULL;
	json_t *notes = l->notes.n ? kvlist_json(&l->notes) : NULL;
	char *a, *n;

	free(s->answers_text);
	free(s->notes_text);
	a = s->answers_text = answers ? json_dumps(answers, JSON_COMPACT) : NULL;
	n = s->notes_text = notes ? json_dumps(notes, JSON_COMPACT) : NULL;

	db_bind_text(db, st, 1, l->email);
	db_bind_text(db, st, 2, l->name);
	db_bind_text(db, st, 3, l->title);
	db_bind_text(db, st, 4, l->company);
	db_bind_text(db, st, 5, l->phone);
	db_bind_text(db, st, 6, l->mobile);
	db_bind_text(db, st, 7, l->source);
	db_bind_text(db, st, 8, channel_name(l->channel));
	db_bind_text(db, st, 9, l->segment);
	store_bind_opt_int(db, st, 10, l->employees, l->employees >= 0);
	db_bind_text(db, st, 11, l->country);
	store_bind_opt_int(db, st, 12, l->account, l->account > 0);
	db_bind_text(db, st, 13, stage_name(l->stage));
	db_bind_text(db, st, 14, l->owner);
	db_bind_text(db, st, 15, l->handed_by);
	db_bind_text(db, st, 16, l->ae);
	if (l->score >= 0)
		db_bind_real(db, st, 17, l->score);
	else
		db_bind_text(db, st, 17, NULL);
	db_bind_text(db, st, 18, l->grade);
	db_bind_text(db, st, 19, l->reason);
	db_bind_text(db, st, 20, a ? a : "{}");
	db_bind_text(db, st, 21, n ? n : "{}");
	db_bind_int(db, st, 22, l->reviewed);
	store_bind_opt_int(db, st, 23, l->nurture_until, l->nurture_until > 0);
	db_bind_int(db, st, 24, l->amount);
	db_bind_int(db, st, 25, l->touches);
	store_bind_opt_int(db, st, 26, l->first_touch_at, l->first_touch_at > 0);
	db_bind_int(db, st, 27, l->created_at);
	db_bind_int(db, st, 28, l->updated_at);
	db_bind_text(db, st, 29, l->territory);
	store_bind_opt_int(db, st, 30, l->mql_at, l->mql_at > 0);
	db_bind_text(db, st, 31, l->timezone);
	db_bind_text(db, st, 32, l->attributes);
	store_bind_opt_int(db, st, 33, l->renews_at, l->renews_at > 0);
	store_bind_opt_int(db, st, 34, l->term_months, l->term_months > 0);
	store_bind_opt_int(db, st, 35, l->parent, l->parent > 0);
	json_decref(answers);
	json_decref(notes);
}

/* Writes lead l with sql, an INSERT of its state columns ($1..$35) that sets *id, or (id
 * NULL) an UPDATE of them WHERE id = $36; then its lead_facts row. */
static int write_lead(struct store *s, const char *sql, const struct lead *l, int64_t *id, struct bt_error *err)
{
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	if (!l->owner)
		s->none_waiting = 0; /* it may wait for a rotation: count again */
	bind_lead(s, st, l);
	if (id) {
		rc = db_insert(s->db, st, id, err);
		db_done(s->db, st);
	} else {
		db_bind_int(s->db, st, 36, l->id);
		rc = store_run(s->db, st, err);
	}
	return rc ? rc : write_facts(s, l, err);
}

int store_lead_insert(struct store *s, struct lead *l, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO leads(email, name, title, company, phone, mobile, source, channel, "
		"segment, employees, country, account, stage, owner, handed_by, ae, score, grade, "
		"reason, answers, notes, reviewed, nurture_until, amount, touches, first_touch_at, "
		"created_at, updated_at, territory, mql_at, timezone, attributes, renews_at, term_months, parent) VALUES ($1, "
		"$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, "
		"$24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35)";

	return write_lead(s, sql, l, &l->id, err);
}

int store_lead_update(struct store *s, const struct lead *l, struct bt_error *err)
{
	static const char sql[] =
		"UPDATE leads SET email = $1, name = $2, title = $3, company = $4, phone = $5, "
		"mobile = $6, source = $7, channel = $8, segment = $9, employees = $10, country = $11, "
		"account = $12, stage = $13, owner = $14, handed_by = $15, ae = $16, score = $17, "
		"grade = $18, reason = $19, answers = $20, notes = $21, reviewed = $22, "
		"nurture_until = $23, amount = $24, touches = $25, first_touch_at = $26, "
		"created_at = $27, updated_at = $28, territory = $29, mql_at = $30, timezone = $31, attributes = $32, "
		"renews_at = $33, term_months = $34, parent = $35 WHERE id = $36";

	return write_lead(s, sql, l, NULL, err);
}

int store_lead_stamp(struct store *s, int64_t id, int64_t updated_at, struct bt_error *err)
{
	static const char sql[] = "UPDATE leads SET updated_at = $1 WHERE id = $2";

	return db_run(s->db, sql, "ii", err, updated_at, id);
}

/* In a write transaction on PostgreSQL a lead is read with its row locked until commit (the
 * lock an UPDATE takes, which inserts referring to the lead do not wait for): two servers
 * never both decide from the same state of a lead and overwrite each other. */
#define LEAD_LOCK " FOR NO KEY UPDATE OF l"

int store_lead_get(struct store *s, struct arena *a, int64_t id, struct lead *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.id = $1";
	static const char sql_lock[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.id = $1" LEAD_LOCK;
	struct db_stmt *st = db_query(s->db, store_locking(s) ? sql_lock : sql, "i", err, id);
	int rc = store_one(s->db, st, read_lead, a, out, err);

	return store_found(rc, err, "lead", "no lead %lld", (long long)id);
}

int store_lead_by_email(struct store *s, struct arena *a, const char *email, struct lead *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.email = $1";
	static const char sql_lock[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.email = $1" LEAD_LOCK;
	struct db_stmt *st = db_query(s->db, store_locking(s) ? sql_lock : sql, "t", err, email);
	int rc = store_one(s->db, st, read_lead, a, out, err);

	return store_found(rc, err, "email", "no lead with email %s", email);
}

int store_lead_each(struct store *s, const struct lead_filter *f, int (*fn)(void *ctx, const struct lead *l), void *ctx,
		    struct bt_error *err)
{
	static const char sql[] =
		"SELECT " LEAD_COLS LEAD_FROM "WHERE ($1 = '' OR l.stage = $1) AND "
		"($2 = '' OR l.owner = $2) AND ($3 = '' OR l.source = $3) AND ($5 = 0 OR l.owner IS NULL) "
		"AND ($6 = 0 OR (l.owner IS NULL AND l.stage IN ('mql', 'target') AND " NOT_HISTORY ")) ORDER BY l.id "
		"LIMIT $4";
	struct db_stmt *st = db_query(s->db, sql, "tttidd", err, f->stage ? f->stage : "", f->owner ? f->owner : "",
				      f->source ? f->source : "", f->limit > 0 ? f->limit : (int64_t)INT64_MAX,
				      f->unassigned, f->waiting);
	struct arena *a = NULL;
	struct lead l;
	int rc, stop = 0;

	while ((rc = store_next(s->db, st, read_lead, &a, &l, err)) == 1 && (stop = fn(ctx, &l)) == 0)
		;
	return store_walk_end(s->db, st, &a, rc < 0 ? rc : stop);
}

int store_leads_waiting(struct store *s, struct arena *a, int64_t at, int inbound, int outbound, struct lead **out,
			size_t *n, struct bt_error *err)
{
	/* the leads of a channel whose rotation can take none now are not even read */
#define WAITING_WHERE                                                                                                  \
	"WHERE l.owner IS NULL AND l.stage IN ('mql', 'target') AND " NOT_HISTORY " "                                  \
	"AND COALESCE(l.mql_at, l.created_at) <= $1 "                                                                  \
	"AND (($2 <> 0 AND l.channel = 'inbound') OR ($3 <> 0 AND l.channel = 'outbound')) ORDER BY l.id"
	static const char sql[] = "SELECT " LEAD_COLS LEAD_FROM WAITING_WHERE;
	/* PostgreSQL: a lead another server is routing right now is its to route */
	static const char sql_lock[] = "SELECT " LEAD_COLS LEAD_FROM WAITING_WHERE LEAD_LOCK " SKIP LOCKED";
#undef WAITING_WHERE

	return store_list(s->db, db_query(s->db, store_locking(s) ? sql_lock : sql, "idd", err, at, inbound, outbound),
			  read_lead, a, (void **)out, n, sizeof(**out), err);
}

int store_leads_owned(struct store *s, struct arena *a, const char *rep, struct lead **out, size_t *n,
		      struct bt_error *err)
{
	static const char sql[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.owner = $1 AND l.stage IN ('mql', 'target', "
				  "'working', 'handoff', 'sql') ORDER BY l.id";
	static const char sql_lock[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.owner = $1 AND l.stage IN ('mql', "
				       "'target', 'working', 'handoff', 'sql') ORDER BY l.id" LEAD_LOCK;

	return store_list(s->db, db_query(s->db, store_locking(s) ? sql_lock : sql, "t", err, rep), read_lead, a,
			  (void **)out, n, sizeof(**out), err);
}

int store_leads_waiting_count(struct store *s, int64_t *n, int64_t *since, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*), COALESCE(MIN(COALESCE(l.mql_at, l.created_at)), 0)" LEAD_FROM
				  "WHERE l.owner IS NULL AND l.stage IN ('mql', 'target') AND " NOT_HISTORY;
	int rc;

	*n = *since = 0;
	if (s->none_waiting)
		return 0; /* counted none in this transaction, and no lead was written unowned since */
	rc = db_row(s->db, sql, "", "ii", NULL, err, n, since);
	if (rc < 0)
		return rc;
	/* SQLite: this writer holds the store, so none stays none until it writes an unowned lead */
	s->none_waiting = *n == 0 && s->writing && !db_has(s->db, DB_ROW_LOCKS);
	return 0;
}

int store_lead_count(struct store *s, const char *stage, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM leads WHERE $1 = $1 AND stage = $2 AND $3 = $3";

	return store_count(s, sql, 0, stage, 0, n, err);
}
