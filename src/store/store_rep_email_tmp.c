/* store_rep_email_tmp.c - TEMPORARY (branch signin): store_rep_by_email() over the reps.email
 * column of the temporary migration 14, until NOTIFY's own is merged; see
 * store_rep_email_tmp.h. */
#include "store/store_rep_email_tmp.h"

#include "store/store_priv.h"

int store_rep_by_email(struct store *s, struct arena *a, const char *email, struct rep *out, struct bt_error *err)
{
	static const char sql[] = "SELECT name FROM reps WHERE email = $1 ORDER BY id LIMIT 1";
	const char *name = NULL;
	int rc = db_row(s->db, sql, "t", "t", a, err, email, &name);

	if (rc <= 0)
		return store_found(rc, err, "email", "no rep has that email");
	return store_rep_get(s, a, name, out, err);
}
