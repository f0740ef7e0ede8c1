/* store_calendar.c - the availability table: each rep's free and busy blocks, entered by hand
 * ("manual") or read from a calendar ("ics"), which booking and routing consult. Portable SQL
 * through db.h's row helpers; see store.h. */
#include "store/store.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

int store_block_add(struct store *s, const char *rep, const struct block *b, const char *source, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO availability(rep, start, finish, kind, source) VALUES ($1, $2, $3, $4, $5)";

	return db_run(s->db, sql, "tiitt", err, rep, b->start, b->finish, b->busy ? "busy" : "free", source);
}

int store_block_clear(struct store *s, const char *rep, const char *source, struct bt_error *err)
{
	static const char sql[] = "DELETE FROM availability WHERE rep = $1 AND source = $2";

	return db_run(s->db, sql, "tt", err, rep, source);
}

int store_block_list(struct store *s, struct arena *a, const char *rep, int64_t from, int64_t to, struct block **out,
		     size_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT start, finish, kind FROM availability WHERE rep = $1 AND finish > $2 AND "
				  "start < $3 ORDER BY start, id";
	struct db_stmt *st = db_query(s->db, sql, "tii", err, rep, from, to);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct block *b = arena_push(a, (void **)out, n, &cap, sizeof(**out));

		b->start = db_col_int(s->db, st, 0);
		b->finish = db_col_int(s->db, st, 1);
		b->busy = strcmp(db_col_text(s->db, st, 2), "busy") == 0;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}
