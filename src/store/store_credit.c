/* store_credit.c - what reps earn and how AEs reject: the credits table (the event that earned
 * each credit, the rep, its kind and amount) summed per rep and kind for a period, and the
 * streaks table (each AE's current run of rejections per lead source). Portable SQL through
 * db.h's row helpers; see store.h. */
#include "store/store.h"

#include "store/store_priv.h"

int store_credit_add(struct store *s, int64_t event, int64_t lead, const char *rep, enum credit_kind kind,
		     int64_t amount, int64_t at, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO credits(event, lead, rep, kind, amount, at) VALUES ($1, $2, $3, $4, $5, $6)";

	return db_run(s->db, sql, "ipttii", err, event, lead, rep, credit_kind_name(kind), amount, at);
}

int store_credit_sum(struct store *s, int64_t from, int64_t to,
		     int (*fn)(void *ctx, const char *rep, const char *role, enum credit_kind kind, int64_t count,
			       int64_t amount),
		     void *ctx, struct bt_error *err)
{
	static const char sql[] =
		"SELECT c.rep, COALESCE(r.role, c.rep), c.kind, COUNT(*), SUM(c.amount) FROM credits c "
		"LEFT JOIN reps r ON r.name = c.rep WHERE c.at >= $1 AND c.at < $2 "
		"GROUP BY c.rep, r.role, c.kind ORDER BY MIN(r.id) NULLS FIRST, c.rep, c.kind";
	struct db_stmt *st = db_query(s->db, sql, "ii", err, from, to);
	int rc, stop = 0;

	while ((rc = db_step(s->db, st, err)) == 1) {
		enum credit_kind kind = CREDIT_KIND_COUNT;

		credit_kind_parse(db_col_text(s->db, st, 2), &kind);
		stop = fn(ctx, db_col_text(s->db, st, 0), db_col_text(s->db, st, 1), kind, db_col_int(s->db, st, 3),
			  db_col_int(s->db, st, 4));
		if (stop)
			break;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : stop;
}

int store_credit_count(struct store *s, int64_t lead, enum credit_kind kind, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM credits WHERE lead = $1 AND kind = $2 AND at >= $3";

	return store_count(s, sql, lead, credit_kind_name(kind), INT64_MIN, n, err);
}

int store_streak(struct store *s, const char *ae, const char *source, int reset, int64_t *count, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO streaks(ae, source, rejections) VALUES ($1, $2, $3) "
				  "ON CONFLICT (ae, source) DO UPDATE SET rejections = CASE WHEN $3 = 0 THEN 0 "
				  "ELSE streaks.rejections + 1 END";
	static const char get[] = "SELECT rejections FROM streaks WHERE ae = $1 AND source = $2";
	int rc = db_run(s->db, sql, "ttd", err, ae, source, reset ? 0 : 1);

	if (rc)
		return rc;
	*count = 0;
	rc = db_row(s->db, get, "tt", "i", NULL, err, ae, source, count);
	return rc < 0 ? rc : 0;
}
