/* db_open.c - the choice of the engine: db_open() reads the store's URL and opens it with the
 * PostgreSQL driver (db_pg.c) or the SQLite one (db_sqlite.c). It sits above the drivers and
 * db.c, which the drivers call (db_param_next), so the engines never call back up; see db.h. */
#include <string.h>

#include "store/db.h"

int db_url_is_pg(const char *url)
{
	return url && (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0);
}

int db_open(const char *url, enum db_mode mode, struct db **out, struct bt_error *err)
{
	return db_url_is_pg(url) ? db_open_pg(url, mode, out, err) : db_open_sqlite(url, mode, out, err);
}
