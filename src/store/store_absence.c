/* store_absence.c - the absences table (SPEC 8.3): each rep's periods away, entered by hand
 * ("manual") or read from a calendar ("ics"), which routing and booking consult through the
 * reps they are loaded with, and whose starts the timers process when they come due. Portable
 * SQL through db.h's row helpers; see store.h. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

#define ABSENCE_COLS "id, rep, start, finish, reason, source, created_at, cancelled_at, begun_at"

static void read_absence(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct absence *ab = out;
	const char *source = NULL;

	memset(ab, 0, sizeof(*ab));
	db_read(db, st, "itiitsiii", a, NULL, &ab->id, &ab->rep, &ab->start, &ab->finish, &ab->reason, &source,
		&ab->created_at, &ab->cancelled_at, &ab->begun_at);
	absence_source_parse(source, &ab->source);
}

/* When ab's start is due, or -1 (SQL NULL) once it has begun or was cancelled. */
static int64_t due_of(const struct absence *ab)
{
	return ab->begun_at || ab->cancelled_at ? -1 : absence_due(ab);
}

int store_absence_add(struct store *s, struct absence *ab, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO absences(rep, start, finish, reason, source, created_at, cancelled_at, "
				  "begun_at, due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

	store_rep_forget(s);
	return db_add(s->db, sql, "tiittippn", &ab->id, err, ab->rep, ab->start, ab->finish, ab->reason,
		      absence_source_name(ab->source), ab->created_at, ab->cancelled_at, ab->begun_at, due_of(ab));
}

int store_absence_update(struct store *s, const struct absence *ab, struct bt_error *err)
{
	static const char sql[] = "UPDATE absences SET finish = $1, cancelled_at = $2, begun_at = $3, due = $4 "
				  "WHERE id = $5";

	store_rep_forget(s);
	return db_run(s->db, sql, "ippni", err, ab->finish, ab->cancelled_at, ab->begun_at, due_of(ab), ab->id);
}

int store_absence_get(struct store *s, struct arena *a, const char *rep, int64_t id, struct absence *out,
		      struct bt_error *err)
{
	static const char sql[] = "SELECT " ABSENCE_COLS " FROM absences WHERE id = $1 AND rep = $2";
	int rc = store_one(s->db, db_query(s->db, sql, "it", err, id, rep), read_absence, a, out, err);

	return store_found(rc, err, "cancel", "%s has no absence %lld", rep, (long long)id);
}

int store_absence_list(struct store *s, struct arena *a, const char *rep, struct absence **out, size_t *n,
		       struct bt_error *err)
{
	static const char sql[] = "SELECT " ABSENCE_COLS " FROM absences WHERE rep = $1 ORDER BY start, id";

	return store_list(s->db, db_query(s->db, sql, "t", err, rep), read_absence, a, (void **)out, n, sizeof(**out),
			  err);
}

int store_absence_clear(struct store *s, const char *rep, enum absence_source source, struct bt_error *err)
{
	static const char sql[] = "DELETE FROM absences WHERE rep = $1 AND source = $2 AND begun_at IS NULL";

	store_rep_forget(s);
	return db_run(s->db, sql, "tt", err, rep, absence_source_name(source));
}

int store_absence_next_due(struct store *s, struct arena *a, int64_t until, struct absence *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " ABSENCE_COLS " FROM absences WHERE due IS NOT NULL AND due <= $1 "
				  "ORDER BY due, id LIMIT 1";
	/* PostgreSQL: the claim, as for obligations: one server processes a start, the others skip it */
	static const char sql_claim[] = "SELECT " ABSENCE_COLS " FROM absences WHERE due IS NOT NULL AND due <= $1 "
					"ORDER BY due, id LIMIT 1 FOR UPDATE SKIP LOCKED";
	int rc = store_one(s->db, db_query(s->db, store_locking(s) ? sql_claim : sql, "i", err, until), read_absence, a,
			   out, err);

	return store_found(rc, err, "absence", "no absence starts by then");
}

static int cmp_rep_name(const void *x, const void *y)
{
	const struct absence *a = x, *b = y;
	int c = strcmp(a->rep, b->rep);

	if (c)
		return c;
	return (a->start > b->start) - (a->start < b->start);
}

int store_absence_attach(struct store *s, struct arena *a, struct rep *reps, size_t n, struct bt_error *err)
{
	static const char sql[] = "SELECT " ABSENCE_COLS " FROM absences WHERE finish > start AND (cancelled_at IS "
				  "NULL OR begun_at IS NOT NULL) AND ($1 = '' OR rep = $1)";
	struct absence *all = NULL;
	size_t nall = 0, i, lo, hi;
	int rc;

	for (i = 0; i < n; i++) {
		reps[i].away = NULL;
		reps[i].naway = 0;
	}
	if (!n)
		return 0;
	rc = store_list(s->db, db_query(s->db, sql, "t", err, n == 1 ? reps[0].name : ""), read_absence, a,
			(void **)&all, &nall, sizeof(*all), err);
	if (rc || !nall)
		return rc;
	qsort(all, nall, sizeof(*all), cmp_rep_name);
	for (i = 0; i < n; i++) {
		/* the first absence of the rep, by binary search over the sorted names */
		lo = 0;
		hi = nall;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (strcmp(all[mid].rep, reps[i].name) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		reps[i].away = &all[lo];
		while (lo + reps[i].naway < nall && strcmp(all[lo + reps[i].naway].rep, reps[i].name) == 0)
			reps[i].naway++;
		if (!reps[i].naway)
			reps[i].away = NULL;
	}
	return 0;
}
