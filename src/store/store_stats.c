/* store_stats.c - whole-store counts; see store_stats.h. Portable SQL through db.h, so the same
 * statements run on SQLite and PostgreSQL; read only. */
#include "store/store_stats.h"
#include "store/store_priv.h"

int store_event_count(struct store *s, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM events";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	*n = 0;
	if (!st)
		return -BT_STORAGE;
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		*n = db_col_int(s->db, st, 0);
		rc = 0;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}
