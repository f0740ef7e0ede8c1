/* cmd_webhook.c - `baton webhook drain|sign`: sends the outbox's due notifications to the
 * playbook's escalation.webhook (service/webhook.c), and signs a file's bytes the way baton
 * signs a webhook body, so a receiver can check its own verification. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "service/webhook.h"
#include "util/file.h"

#define DRAIN_DEFAULT_MAX 100
#define DRAIN_LIMIT 100000
#define SIGN_FILE_MAX (64 * 1024 * 1024)

static int webhook_drain_cmd(struct cli *cli, const char *max_arg)
{
	struct webhook_stats st;
	struct service svc;
	int64_t max = DRAIN_DEFAULT_MAX;
	int rc = 0;

	if (max_arg)
		rc = cli_int(cli, max_arg, "max", 1, DRAIN_LIMIT, &max);
	if (rc)
		return cli_exit(rc);
	rc = cli_service(cli, &svc);
	if (!rc)
		rc = webhook_drain(&svc, cli->now, (int)max, NULL, &st, &cli->err);
	if (rc) {
		service_close(&svc);
		return cli_exit(rc);
	}
	if (cli->json) {
		cli_print_json(json_pack("{s:i, s:i, s:i}", "sent", st.sent, "failed", st.failed, "pending", st.pending));
	} else if (!svc.pb->webhook.on) {
		printf("The playbook has no escalation.webhook: nothing was sent; %d notification%s wait%s in the "
		       "outbox.\n",
		       st.pending, st.pending == 1 ? "" : "s", st.pending == 1 ? "s" : "");
	} else {
		printf("Sent %d webhook%s to %s.\n", st.sent, st.sent == 1 ? "" : "s", svc.pb->webhook.url);
		if (st.failed)
			printf("%d failed and will be retried (last: %s).\n", st.failed, st.last_error);
		printf("%d notification%s still pending in the outbox.\n", st.pending, st.pending == 1 ? "" : "s");
	}
	service_close(&svc);
	return 0;
}

static int webhook_sign_cmd(struct cli *cli, const char *secret, const char *path)
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

int cmd_webhook(struct cli *cli, int argc, char **argv)
{
	const char *max = NULL, *secret = NULL, *pos[2] = {0};
	const struct cli_opt opts[] = {{"max", OPT_STR, &max}, {"secret", OPT_STR, &secret}, {NULL, 0, NULL}};
	const struct command *cmd = cli->cmd;
	int n = 0, rc;

	if (!cmd)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "webhook: the command is not in the command table"));
	rc = cli_parse(cli, cmd, argc, argv, opts, pos, 1, 2, &n);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "drain") == 0 && n == 1 && !secret)
		return webhook_drain_cmd(cli, max);
	if (strcmp(pos[0], "sign") == 0 && n == 2 && !max)
		return webhook_sign_cmd(cli, secret, pos[1]);
	cli_usage(cmd, stderr);
	return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0,
				"webhook: expected `drain [--max N]` or `sign --secret S FILE`"));
}
