/* store_copy.c - `baton migrate` underneath: every table of schema version STORE_COPY_VERSION
 * (the counts per day of migration 20 as they are, slots included), in an order that satisfies
 * the foreign keys, copied row by row with its ids through db.h (values as text, the REAL
 * score as a double), inside one transaction of the destination and one read snapshot of the
 * source; then the destination's id sequences are moved past the copied ids (db_reseed) and
 * the rows of every table are counted on both sides. */
#include "store/store_copy.h"

#include <string.h>

#include "store/store.h"
#include "store/store_priv.h"

struct copy_table {
	const char *name;   /* the table */
	const char *select; /* its rows from the source, in a fixed order */
	const char *insert; /* one row into the destination */
	const char *count;  /* rows, on either side */
	int ncols;
	int real_col;       /* the REAL column, -1 if none */
	int has_id;         /* an identity id to reseed */
};

/* the rows of table t (all but the schema version in meta): columns, $1..$n, filter */
#define T(t, cols, params, where, n, real, id)                                                           \
	{                                                                                                  \
		t, "SELECT " cols " FROM " t where " ORDER BY 1", "INSERT INTO " t "(" cols ") VALUES (" params ")", \
		    "SELECT COUNT(*) FROM " t where, n, real, id                                                 \
	}

static const struct copy_table tables[STORE_COPY_TABLES] = {
	T("meta", "key, value",
	  "$1, $2", " WHERE key <> 'schema_version'", 2, -1, 0),
	T("playbooks", "version, applied_at, actor, text",
	  "$1, $2, $3, $4", "", 4, -1, 0),
	T("models", "version, trained_at, data",
	  "$1, $2, $3", "", 3, -1, 0),
	T("reps", "id, name, role, team, manager, territories, pod, capacity, hours_start, hours_end, active, created_at, weight, timezone, email, slack, full_name",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17", "", 17, -1, 1),
	T("accounts", "id, name, domain, segment, employees, territory, owner, sdr, target, created_at",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10", "", 10, -1, 1),
	T("leads", "id, email, name, title, company, phone, mobile, source, channel, segment, employees, country, territory, account, stage, owner, handed_by, ae, score, grade, reason, answers, notes, reviewed, nurture_until, amount, touches, first_touch_at, created_at, updated_at, mql_at, timezone, attributes, renews_at, term_months, parent",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36", "", 36, 18, 1),
	T("lead_facts", "lead, created_at, channel, source, segment, grade, worked_by, stage, reached, at_inquiry, at_mql, at_working, at_handoff, at_sql, at_won, at_live, at_lost, at_filtered, at_nurture, at_disqualified, at_target, speed, amount, variant, replied, at_churned",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26", "", 26, -1, 0),
	T("events", "id, at, type, lead, actor, from_stage, to_stage, data",
	  "$1, $2, $3, $4, $5, $6, $7, $8", "", 8, -1, 1),
	T("meetings", "id, lead, ae, booked_by, start, minutes, status, created_at, sequence",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9", "", 9, -1, 1),
	T("obligations", "id, rule, lead, owner, due, status, opened_at, closed_at, data, meeting, need, progress, pool, reassigns, settled_at, done_at",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16", "", 16, -1, 1),
	T("tasks", "id, kind, lead, meeting, role, rep, status, created_at, done_at, done_by, note",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11", "", 11, -1, 1),
	T("credits", "id, event, lead, rep, kind, amount, at",
	  "$1, $2, $3, $4, $5, $6, $7", "", 7, -1, 1),
	T("outbox", "id, at, kind, rep, lead, payload, attempts, next_at, delivered_at, channel, address, status, last_error, claimed_until, claimed_by",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15", "", 15, -1, 1),
	T("tokens", "id, hash, rep, intake, created_at, revoked_at",
	  "$1, $2, $3, $4, $5, $6", "", 6, -1, 1),
	T("idempotency", "token, key, status, body, created_at",
	  "$1, $2, $3, $4, $5", "", 5, -1, 0),
	T("availability", "id, rep, start, finish, kind, source",
	  "$1, $2, $3, $4, $5, $6", "", 6, -1, 1),
	T("streaks", "ae, source, rejections",
	  "$1, $2, $3", "", 3, -1, 0),
	T("absences", "id, rep, start, finish, reason, source, created_at, cancelled_at, begun_at, due",
	  "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10", "", 10, -1, 1),
	T("notify_undeliverable", "kind, n",
	  "$1, $2", "", 2, -1, 0),

	T("signin_links", "id, hash, rep, created_at, expires_at, used_at",
	  "$1, $2, $3, $4, $5, $6", "", 6, -1, 1),
	T("sessions", "id, hash, rep, created_at, last_seen_at, revoked_at",
	  "$1, $2, $3, $4, $5, $6", "", 6, -1, 1),
	T("obligation_days", "due_day, rule, status, slot, n",
	  "$1, $2, $3, $4, $5", "", 5, -1, 0),
	T("routing_days", "at_day, rep, kind, slot, n",
	  "$1, $2, $3, $4, $5", "", 5, -1, 0),};

/* Runs a COUNT(*) statement; *n. */
static int count_rows(struct db *db, const char *sql, int64_t *n, struct bt_error *err)
{
	int rc;

	*n = 0;
	rc = db_row(db, sql, "", "i", NULL, err, n);
	return rc < 0 ? rc : 0;
}

/* -BT_REFUSED unless `to` is empty and both stores are at the version this file knows. */
static int check_stores(struct store *from, struct store *to, struct bt_error *err)
{
	static const char *const must_be_empty[] = {"playbooks", "reps", "leads", "events"};
	int64_t n;
	size_t i;
	int rc;

	if (store_schema_version(from) != STORE_COPY_VERSION || store_schema_version(to) != STORE_COPY_VERSION)
		return bt_fail(err, BT_REFUSED, "to", 0,
			       "migrate copies stores at schema version %d; the source is at %d, the destination at %d",
			       STORE_COPY_VERSION, store_schema_version(from), store_schema_version(to));
	for (i = 0; i < sizeof(must_be_empty) / sizeof(must_be_empty[0]); i++) {
		const struct copy_table *t = NULL;

		for (int k = 0; k < STORE_COPY_TABLES; k++)
			if (strcmp(tables[k].name, must_be_empty[i]) == 0)
				t = &tables[k];
		rc = count_rows(to->db, t->count, &n, err);
		if (rc)
			return rc;
		if (n > 0)
			return bt_fail(err, BT_REFUSED, "to", 0,
				       "the destination already holds a store (%lld rows in %s): migrate copies into an empty one",
				       (long long)n, t->name);
	}
	return 0;
}

/* Copies the rows of table t; *rows is how many. */
static int copy_table(struct store *from, struct store *to, const struct copy_table *t, int64_t *rows,
		      struct bt_error *err)
{
	struct db_stmt *src = db_prepare(from->db, t->select, err), *dst;
	int rc;

	*rows = 0;
	if (!src)
		return -BT_STORAGE;
	while ((rc = db_step(from->db, src, err)) == 1) {
		dst = db_prepare(to->db, t->insert, err);
		if (!dst) {
			rc = -BT_STORAGE;
			break;
		}
		for (int c = 0; c < t->ncols; c++) {
			if (db_col_null(from->db, src, c))
				db_bind_text(to->db, dst, c + 1, NULL);
			else if (c == t->real_col)
				db_bind_real(to->db, dst, c + 1, db_col_real(from->db, src, c));
			else
				db_bind_text(to->db, dst, c + 1, db_col_text(from->db, src, c));
		}
		rc = store_run(to->db, dst, err);
		if (rc)
			break;
		(*rows)++;
	}
	db_done(from->db, src);
	if (rc < 0)
		return bt_fail(err, (enum bt_code)-rc, "to", 0, "copying %s: %s", t->name, err->message);
	return t->has_id ? db_reseed(to->db, t->name, err) : 0;
}

int store_copy(struct store *from, struct store *to, struct store_copy_report *rep,
	       void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx, struct bt_error *err)
{
	int rc, i;

	memset(rep, 0, sizeof(*rep));
	rc = store_read_begin(from, err);
	if (rc)
		return rc;
	rc = store_begin(to, err);
	if (!rc && (rc = check_stores(from, to, err)))
		store_rollback(to);
	for (i = 0; !rc && i < STORE_COPY_TABLES; i++) {
		int64_t rows;

		rc = copy_table(from, to, &tables[i], &rows, err);
		if (rc) {
			store_rollback(to);
			break;
		}
		if (progress)
			progress(ctx, tables[i].name, rows);
	}
	if (!rc)
		rc = store_commit(to, err); /* durable before anything is counted */
	for (i = 0; !rc && i < STORE_COPY_TABLES; i++) {
		rep->table[i] = tables[i].name;
		rc = count_rows(from->db, tables[i].count, &rep->from[i], err);
		if (!rc)
			rc = count_rows(to->db, tables[i].count, &rep->to[i], err);
		rep->n = i + 1;
		rep->mismatches += !rc && rep->from[i] != rep->to[i];
	}
	store_read_end(from);
	return rc;
}
