/* store_account.c - the accounts table: the companies leads are matched to by domain, with
 * their owner AE and SDR (and whether those are active reps). Portable SQL through db.h's row
 * helpers; see store.h. */
#include "store/store.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

#define ACCOUNT_COLS                                                                                                   \
	"id, name, domain, segment, employees, territory, owner, sdr, target, created_at, "                            \
	"(SELECT active FROM reps r WHERE r.name = accounts.owner), (SELECT active FROM reps r WHERE r.name = accounts.sdr)"

static void read_account(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct account *acc = out;

	memset(acc, 0, sizeof(*acc));
	db_read(db, st, "itttntttdidd", a, NULL, &acc->id, &acc->name, &acc->domain, &acc->segment, &acc->employees,
		&acc->territory, &acc->owner, &acc->sdr, &acc->target, &acc->created_at, &acc->owner_active,
		&acc->sdr_active);
}

int store_account_add(struct store *s, struct account *acc, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO accounts(name, domain, segment, employees, territory, owner, sdr, target, "
		"created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
	int rc = db_add(s->db, sql, "tttntttdi", &acc->id, err, acc->name, acc->domain, acc->segment, acc->employees,
			acc->territory, acc->owner, acc->sdr, acc->target, acc->created_at);

	if (rc == -BT_REFUSED)
		rc = bt_fail(err, BT_REFUSED, "domain", 0, "an account with domain %s already exists", acc->domain);
	return rc;
}

int store_account_by_domain(struct store *s, struct arena *a, const char *domain, struct account *out,
			    struct bt_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS " FROM accounts WHERE domain = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "t", err, domain), read_account, a, out, err);

	return store_found(rc, err, "account", "no account with domain %s", domain);
}

int store_account_list(struct store *s, struct arena *a, struct account **out, size_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS " FROM accounts ORDER BY id";

	return store_list(s->db, db_query(s->db, sql, "", err), read_account, a, (void **)out, n, sizeof(**out), err);
}
