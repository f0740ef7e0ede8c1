/* account_import.c - `account import`: a company export (HubSpot companies, Salesforce
 * accounts) in as accounts (SPEC 8.8); see service_account_import in import.h. Each row is one
 * account added as `account add` adds it (service_account_add), its owner matched like a lead's
 * (core/history.c's history_owner). */
#include <string.h>

#include "core/bounds.h"
#include "core/history.h"
#include "core/intake.h"
#include "io/csv_accounts.h"
#include "io/csv_import.h"
#include "service/admin.h"
#include "service/import.h"
#include "util/arena.h"
#include "util/text.h"

struct acc_ctx {
	struct service *svc;
	struct import_report *rep;
	struct arena *row;  /* reset every row */
	struct rep *reps;   /* every rep, for the owners */
	size_t nreps;
	struct bt_error *err;
};

/* The domain of a website as CRMs write it ("https://www.acme.com/about", "acme.com"), in a. */
static char *domain_of(struct arena *a, const char *web)
{
	const char *p = web, *end;

	if (strncmp(p, "http://", 7) == 0)
		p += 7;
	else if (strncmp(p, "https://", 8) == 0)
		p += 8;
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	for (end = p; *end && *end != '/' && *end != ':' && *end != '?' && *end != '#'; end++)
		;
	return arena_strndup(a, p, (size_t)(end - p));
}

/* The rep the owner column names when it may own an account (an AE or CSM), else NULL. */
static const char *account_owner(const struct acc_ctx *c, const char *raw)
{
	const char *name = history_owner(c->reps, c->nreps, raw);
	size_t i;

	for (i = 0; name && i < c->nreps; i++)
		if (strcmp(c->reps[i].name, name) == 0)
			return c->reps[i].role == ROLE_AE || c->reps[i].role == ROLE_CSM ? name : NULL;
	return NULL;
}

/* Checks one row into acc; 0 or -BT_BAD_INPUT naming the field. */
static int check_row(struct acc_ctx *c, const struct account_row *row, struct account *acc, struct bt_error *err)
{
	int rc;

	memset(acc, 0, sizeof(*acc));
	acc->employees = -1;
	if (!row->name)
		return bt_fail(err, BT_BAD_INPUT, "name", 0, "the company name is empty; every account needs one");
	if (!row->domain)
		return bt_fail(
			err, BT_BAD_INPUT, "domain", 0,
			"the domain is empty; every account needs its web domain (Company Domain Name, Website)");
	if ((rc = text_check("name", row->name, 200, 0, err)) || (rc = text_check("segment", row->segment, 64, 0, err)))
		return rc;
	acc->name = row->name;
	acc->segment = row->segment;
	acc->domain = domain_of(c->row, row->domain);
	if ((rc = intake_check_domain((char *)acc->domain, err)))
		return rc;
	if (row->employees && csv_import_employees(row->employees, &acc->employees))
		return bt_fail(err, BT_BAD_INPUT, "employees", 0,
			       "the number of employees \"%.40s\" is not a count; write it as 250, 1,000 or 51-200",
			       row->employees);
	if (row->employees && bound_int(BOUND_EMPLOYEES, acc->employees, err))
		return -BT_BAD_INPUT;
	acc->owner = account_owner(c, row->owner);
	return 0;
}

static int on_row(void *vctx, int64_t line, const struct account_row *row)
{
	struct acc_ctx *c = vctx;
	struct account acc, known;
	struct bt_error rowerr;
	int rc;

	c->rep->rows++;
	bt_error_clear(&rowerr);
	rc = check_row(c, row, &acc, &rowerr);
	if (!rc) {
		rc = store_account_by_domain(c->svc->store, c->row, acc.domain, &known, &rowerr);
		if (rc == 0) {
			c->rep->duplicates++;
			goto done;
		}
		if (rc == -BT_NOT_FOUND) {
			bt_error_clear(&rowerr);
			rc = service_account_add(c->svc, &acc, &rowerr);
		}
	}
	if (rc == -BT_BAD_INPUT || rc == -BT_REFUSED) {
		import_add_error(c->rep, line, rowerr.field, rowerr.message);
	} else if (rc) {
		*c->err = rowerr;
		return rc;
	} else {
		c->rep->imported++;
		if (row->owner && !acc.owner)
			import_names_add(&c->rep->unmatched, row->owner);
	}
done:
	arena_reset(c->row);
	return 0;
}

int service_account_import(struct service *svc, FILE *f, struct import_report *rep, struct bt_error *err)
{
	struct arena *keep = arena_new();
	struct acc_ctx c = {svc, rep, arena_new(), NULL, 0, err};
	int rc;

	memset(rep, 0, sizeof(*rep));
	rc = store_rep_list(svc->store, keep, -1, &c.reps, &c.nreps, err);
	if (!rc)
		rc = csv_accounts_read(f, on_row, &c, err);
	arena_free(&c.row);
	arena_free(&keep);
	return rc;
}
