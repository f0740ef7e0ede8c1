/* cmd_serve.c - `baton serve` and `baton token create|revoke`: the HTTP API and its
 * credentials. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/http.h"
#include "service/token.h"

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *listen = NULL;
	const struct cli_opt opts[] = {{"listen", OPT_STR, &listen}, {NULL, 0, NULL}};
	struct http_server *s;
	struct service svc;
	sigset_t set;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	rc = cli_service(cli, &svc); /* the store must exist and hold a playbook */
	service_close(&svc);
	if (rc)
		return cli_exit(rc);
	/* the signals are waited for by the main thread only: block them before threads start */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	s = http_start(cli->db, listen ? listen : "127.0.0.1:8080", cli->fixed_now, &cli->err);
	if (!s)
		return cli_exit(-(int)cli->err.code);
	fprintf(stderr, "baton: serving %s on http://%s\n", cli->db, listen ? listen : "127.0.0.1:8080");
	http_run_until_signal(s);
	http_stop(&s);
	fprintf(stderr, "baton: stopped\n");
	return 0;
}

int cmd_token(struct cli *cli, int argc, char **argv)
{
	const char *rep = NULL, *pos[2] = {0};
	int intake = 0, n = 0;
	const struct cli_opt opts[] = {{"rep", OPT_STR, &rep}, {"intake", OPT_FLAG, &intake}, {NULL, 0, NULL}};
	const struct command *cmd = cli->cmd;
	int rc = cli_parse(cli, cmd, argc, argv, opts, pos, 1, 2, &n);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "create") == 0 && n == 1) {
		char *token = NULL;
		int64_t id;

		if (!!rep == !!intake)
			return cli_exit(bt_fail(&cli->err, BT_USAGE, "rep", 0, "token create: give --rep R or --intake"));
		if (!rc)
			rc = service_token_create(cli->svc, rep, &id, &token, &cli->err);
		if (!rc && cli->json)
			cli_print_json(json_pack("{s:I, s:s}", "id", (json_int_t)id, "token", token));
		else if (!rc)
			printf("token %lld for %s (shown once, keep it secret):\n%s\n", (long long)id, rep ? rep : "intake", token);
		free(token);
		return cli_exit(rc);
	}
	if (strcmp(pos[0], "revoke") == 0 && n == 2) {
		int64_t id;

		if (cli_int(cli, pos[1], "id", 1, INT64_MAX, &id))
			return cli_exit(-(int)cli->err.code);
		if (!rc)
			rc = service_token_revoke(cli->svc, id, &cli->err);
		if (!rc && cli->json)
			cli_print_json(json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
		else if (!rc)
			printf("token %lld revoked\n", (long long)id);
		return cli_exit(rc);
	}
	cli_usage(cmd, stderr);
	return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "token: expected create --rep R | --intake, or revoke ID"));
}
