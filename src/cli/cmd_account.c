/* cmd_account.c - `baton account add|list|import`: the companies leads are matched to. */
#include <stdio.h>
#include <string.h>

#include "core/bounds.h"
#include "cli/cli.h"
#include "core/intake.h"
#include "io/lead_json.h"
#include "io/table_out.h"
#include "util/arena.h"
#include "util/text.h"
#include "service/admin.h"
#include "service/import.h"

/* Lower-cases and checks a web domain ("acme.com"); 0 or -BT_BAD_INPUT. */
static int check_domain(struct cli *cli, char *d)
{
	return intake_check_domain(d, &cli->err);
}

static int account_add(struct cli *cli, int argc, char **argv)
{
	const char *domain = NULL, *segment = NULL, *employees = NULL, *territory = NULL, *owner = NULL, *sdr = NULL,
		   *pos[1];
	int target = 0;
	const struct cli_opt opts[] = {{"domain", OPT_STR, &domain},       {"segment", OPT_STR, &segment},
				       {"employees", OPT_STR, &employees}, {"territory", OPT_STR, &territory},
				       {"owner", OPT_STR, &owner},         {"sdr", OPT_STR, &sdr},
				       {"target", OPT_FLAG, &target},      {NULL, 0, NULL}};
	struct account acc = {0};
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!domain)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "domain", 0, "account add: --domain is required"));
	if (!pos[0][0])
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "name", 0, "an account needs a name"));
	if ((rc = text_check("name", pos[0], 200, 0, &cli->err)) || (rc = text_check("segment", segment, 64, 0, &cli->err)) ||
	    (rc = text_check("territory", territory, 64, 0, &cli->err)))
		return cli_exit(rc);
	acc.name = pos[0];
	acc.domain = arena_strdup(cli->a, domain);
	acc.segment = segment;
	acc.territory = territory;
	acc.owner = owner;
	acc.sdr = sdr;
	acc.target = target;
	acc.employees = -1;
	if ((rc = check_domain(cli, (char *)acc.domain)))
		return cli_exit(rc);
	if (employees && (rc = bound_int_text(BOUND_EMPLOYEES, employees, &acc.employees, &cli->err)))
		return cli_exit(rc);
	if (!rc)
		rc = service_account_add(cli->svc, &acc, &cli->err);
	if (!rc && cli->json)
		cli_print_json(account_json(&acc));
	else if (!rc)
		printf("Added account %s (%s)%s.\n", acc.name, acc.domain, acc.target ? ", on the target list" : "");
	return cli_exit(rc);
}

static int account_list(struct cli *cli, int argc, char **argv)
{
	static const char *const head[] = {"ID", "NAME", "DOMAIN", "SEGMENT", "EMPLOYEES", "TERRITORY", "OWNER", "SDR", "TARGET"};
	struct cli_rows rows = {0};
	struct account *accs;
	size_t n, i;
	int rc = cli_parse(cli, cli->cmd, argc, argv, NULL, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	rc = store_account_list(cli->svc->store, cli->a, &accs, &n, &cli->err);
	if (!rc)
		cli_rows_begin(cli, &rows, 9, head);
	for (i = 0; !rc && i < n; i++) {
		const struct account *acc = &accs[i];
		char id[CLI_NUM_LEN], emp[CLI_NUM_LEN];
		const char *cells[] = {cli_num(id, acc->id),
				       acc->name,
				       acc->domain,
				       acc->segment,
				       acc->employees >= 0 ? cli_num(emp, acc->employees) : NULL,
				       acc->territory,
				       acc->owner,
				       acc->sdr,
				       acc->target ? "yes" : "no"};

		cli_rows_add(&rows, rows.arr ? account_json(acc) : NULL, cells);
	}
	return cli_exit(cli_rows_end(&rows, rc));
}

/* `account import FILE.csv` (SPEC 8.8): a company export in; a summary, or --json
 * {"rows", "imported", "duplicates", "bad", "errors", "unmatched_owners"}. */
static int account_import(struct cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct import_report rep;
	FILE *f;
	size_t i;
	int rc = cli_parse(cli, cli->cmd, argc, argv, NULL, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	f = fopen(pos[0], "rb");
	if (!f)
		return cli_exit(bt_fail(&cli->err, BT_NOT_FOUND, "file", 0, "cannot read %s", pos[0]));
	rc = service_account_import(cli->svc, f, &rep, &cli->err);
	fclose(f);
	if (rc) {
		import_report_release(&rep);
		return cli_exit(rc);
	}
	if (cli->json) {
		json_t *o = json_object();

		json_object_set_new(o, "rows", json_integer(rep.rows));
		json_object_set_new(o, "imported", json_integer(rep.imported));
		json_object_set_new(o, "duplicates", json_integer(rep.duplicates));
		json_object_set_new(o, "bad", json_integer(rep.bad));
		json_object_set_new(o, "errors", cli_import_errors_json(&rep));
		json_object_set_new(o, "unmatched_owners", cli_import_names_json(&rep.unmatched));
		cli_print_json(o);
	} else {
		cli_import_print_errors(pos[0], &rep);
		printf("%lld rows read: %lld accounts imported, %lld duplicates, %lld bad rows skipped.\n",
		       (long long)rep.rows, (long long)rep.imported, (long long)rep.duplicates, (long long)rep.bad);
		for (i = 0; i < rep.unmatched.n; i++)
			printf("%s%s", i ? ", " : "Owners that name no AE or CSM (imported without an owner): ",
			       rep.unmatched.items[i]);
		if (rep.unmatched.n)
			printf("\n");
	}
	import_report_release(&rep);
	return 0;
}

int cmd_account(struct cli *cli, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"add", account_add}, {"list", account_list}, {"import", account_import}, {NULL, NULL}};

	return cli_dispatch(cli, cli->cmd, subs, argc, argv);
}
