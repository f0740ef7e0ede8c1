/* store_stats.c - whole-store counts; see store_stats.h. Portable SQL through db.h, so the same
 * statements run on SQLite and PostgreSQL; read only. */
#include "store/store_stats.h"
#include "store/store_priv.h"

int store_event_count(struct store *s, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM events";
	int rc;

	*n = 0;
	rc = db_row(s->db, sql, "", "i", NULL, err, n);
	return rc < 0 ? rc : 0;
}
