/* cmd_migrate.c - `baton migrate --from STORE --to STORE`: moves a store whole (events, ids,
 * cursors, tokens) into an empty one, typically a SQLite file into a PostgreSQL database when
 * one machine is no longer enough (docs/scaling.md), and proves it by the row counts. */
#include <stdio.h>

#include "cli/cli.h"
#include "store/store_copy.h"

static void on_table(void *ctx, const char *table, int64_t rows)
{
	struct cli *cli = ctx;

	if (!cli->json)
		fprintf(stderr, "baton: copied %-12s %lld rows\n", table, (long long)rows);
}

/* Prints the counts of every table, as a table or as JSON. */
static void print_report(struct cli *cli, const char *from, const char *to, const struct store_copy_report *r)
{
	int i;

	if (cli->json) {
		json_t *tables = json_array();

		for (i = 0; i < r->n; i++)
			json_array_append_new(tables, json_pack("{s:s, s:I, s:I}", "table", r->table[i], "from",
								(json_int_t)r->from[i], "to", (json_int_t)r->to[i]));
		cli_print_json(json_pack("{s:s, s:s, s:o, s:b}", "from", from, "to", to, "tables", tables,
					 "counts_match", r->mismatches == 0));
		return;
	}
	printf("%-12s %12s %12s\n", "TABLE", "FROM", "TO");
	for (i = 0; i < r->n; i++)
		printf("%-12s %12lld %12lld%s\n", r->table[i], (long long)r->from[i], (long long)r->to[i],
		       r->from[i] == r->to[i] ? "" : "  MISMATCH");
	if (r->mismatches == 0)
		printf("Every count matches: %s now holds the whole store.\n", to);
}

int cmd_migrate(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	const struct cli_opt opts[] = {{"from", OPT_STR, &from}, {"to", OPT_STR, &to}, {NULL, 0, NULL}};
	struct store_copy_report rep;
	struct store *src = NULL, *dst = NULL;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!from || !to)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, from ? "to" : "from", 0,
					"migrate: give --from STORE and --to STORE"));
	rc = store_open(from, 0, &src, &cli->err);
	if (!rc)
		rc = store_open(to, 1, &dst, &cli->err);
	if (!rc)
		rc = store_copy(src, dst, &rep, on_table, cli, &cli->err);
	if (!rc) {
		print_report(cli, from, to, &rep);
		if (rep.mismatches)
			rc = bt_fail(&cli->err, BT_STORAGE, NULL, 0, "migrate: %d table%s differ after the copy",
				     rep.mismatches, rep.mismatches == 1 ? "" : "s");
	}
	store_close(&src);
	store_close(&dst);
	return cli_exit(rc);
}
