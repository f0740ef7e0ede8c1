/* cmd_notify.c - `baton notify drain|check` and `baton webhook drain|sign`: sends the outbox's
 * due notifications by their channels (service/deliver.c) for deployments without a server,
 * says what keeps notifications from anyone (service/notify.c, as the server says it at
 * start), and signs a file's bytes the way baton signs a webhook body, so a receiver can check
 * its own verification. `webhook drain` is `notify drain`'s old name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "service/deliver.h"
#include "service/notify.h"
#include "service/webhook.h"
#include "util/arena.h"
#include "util/file.h"

#define DRAIN_DEFAULT_MAX 100
#define DRAIN_LIMIT 100000
#define SIGN_FILE_MAX (64 * 1024 * 1024)

static const char *plural(int n)
{
	return n == 1 ? "" : "s";
}

static int drain_cmd(struct cli *cli, const char *max_arg)
{
	struct notify_stats st;
	struct service svc;
	int64_t max = DRAIN_DEFAULT_MAX;
	int rc = 0;

	if (max_arg)
		rc = cli_int(cli, max_arg, "max", 1, DRAIN_LIMIT, &max);
	if (rc)
		return cli_exit(rc);
	rc = cli_service(cli, &svc);
	if (!rc)
		rc = notify_drain(&svc, cli->now, (int)max, NULL, &st, &cli->err);
	if (rc && (rc != -BT_REFUSED || st.sent + st.failed + st.skipped == 0)) {
		service_close(&svc);
		return cli_exit(rc); /* refused with nothing sent: nothing to report but why */
	}
	if (cli->json) {
		cli_print_json(json_pack("{s:i, s:i, s:i, s:i}", "sent", st.sent, "failed", st.failed, "skipped",
					 st.skipped, "pending", st.pending));
	} else {
		printf("Sent %d notification%s.\n", st.sent, plural(st.sent));
		if (st.skipped)
			printf("%d reminder%s skipped: the work was no longer owed.\n", st.skipped, plural(st.skipped));
		if (st.failed)
			printf("%d failed and will be retried (last: %s).\n", st.failed, st.last_error);
		printf("%d notification%s still pending in the outbox.\n", st.pending, plural(st.pending));
	}
	service_close(&svc);
	return cli_exit(rc); /* a channel refused: said on stderr, exit 4, after the others' report */
}

static int check_cmd(struct cli *cli)
{
	struct arena *a;
	struct service svc;
	const char **lines;
	size_t n = 0, i;
	int rc = cli_service(cli, &svc);
	json_t *arr;

	if (rc)
		return cli_exit(rc);
	a = arena_new();
	rc = notify_check(&svc, a, &lines, &n, &cli->err);
	if (!rc && cli->json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_string(lines[i]));
		cli_print_json(arr);
	} else if (!rc) {
		for (i = 0; i < n; i++)
			printf("%s\n", lines[i]);
		if (!n)
			printf("notify: every notification that is on can reach its recipients.\n");
	}
	arena_free(&a);
	service_close(&svc);
	return cli_exit(rc);
}

static int sign_cmd(struct cli *cli, const char *secret, const char *path)
{
	char *body = NULL, *sig;
	size_t len = 0;
	int rc;

	if (!secret || !*secret)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "secret", 0, "webhook sign: --secret S is required"));
	rc = file_read(strcmp(path, "-") == 0 ? "/dev/stdin" : path, SIGN_FILE_MAX, &body, &len, &cli->err);
	if (rc)
		return cli_exit(rc);
	sig = webhook_sign(secret, body, len);
	free(body);
	if (!sig)
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "file", 0, "%s: out of memory", path));
	if (cli->json)
		cli_print_json(json_pack("{s:s}", "signature", sig));
	else
		printf("%s\n", sig);
	free(sig);
	return 0;
}

int cmd_notify(struct cli *cli, int argc, char **argv)
{
	const char *max = NULL, *pos[1] = {0};
	const struct cli_opt opts[] = {{"max", OPT_STR, &max}, {NULL, 0, NULL}};
	const struct command *cmd = cli->cmd;
	int rc;

	if (!cmd)
		return cli_exit(
			bt_fail(&cli->err, BT_USAGE, NULL, 0, "notify: the command is not in the command table"));
	rc = cli_parse(cli, cmd, argc, argv, opts, pos, 1, 1, NULL);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "drain") == 0)
		return drain_cmd(cli, max);
	if (strcmp(pos[0], "check") == 0 && !max)
		return check_cmd(cli);
	cli_usage(cmd, stderr);
	return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "notify: expected `drain [--max N]` or `check`"));
}

int cmd_webhook(struct cli *cli, int argc, char **argv)
{
	const char *max = NULL, *secret = NULL, *pos[2] = {0};
	const struct cli_opt opts[] = {{"max", OPT_STR, &max}, {"secret", OPT_STR, &secret}, {NULL, 0, NULL}};
	const struct command *cmd = cli->cmd;
	int n = 0, rc;

	if (!cmd)
		return cli_exit(
			bt_fail(&cli->err, BT_USAGE, NULL, 0, "webhook: the command is not in the command table"));
	rc = cli_parse(cli, cmd, argc, argv, opts, pos, 1, 2, &n);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "drain") == 0 && n == 1 && !secret)
		return drain_cmd(cli, max);
	if (strcmp(pos[0], "sign") == 0 && n == 2 && !max)
		return sign_cmd(cli, secret, pos[1]);
	cli_usage(cmd, stderr);
	return cli_exit(
		bt_fail(&cli->err, BT_USAGE, NULL, 0, "webhook: expected `drain [--max N]` or `sign --secret S FILE`"));
}
