/* cmd_playbook.c - `baton init` and `baton playbook check|show|apply`: the written agreement
 * validated (line-numbered errors), printed and versioned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/playbook.h"
#include "io/playbook_json.h"
#include "util/file.h"
#include "service/admin.h"

#define PLAYBOOK_MAX (1024 * 1024)

/* Prints one playbook error as FILE:LINE: key.path: message. */
static void print_pb_error(const char *file, const struct bt_error *e)
{
	if (e->line > 0)
		fprintf(stderr, "baton: %s:%d: %s%s%s\n", file, e->line, e->field[0] ? e->field : "",
			e->field[0] ? ": " : "", e->message);
	else
		fprintf(stderr, "baton: %s: %s%s%s\n", file, e->field[0] ? e->field : "", e->field[0] ? ": " : "",
			e->message);
}

/* Reads and parses FILE, printing every error; returns the playbook or NULL (cli->err set). */
static int load_file(struct cli *cli, const char *file, char **text)
{
	size_t len;
	struct pb_errors all;
	struct playbook *pb;
	int i;

	if (file_read(file, PLAYBOOK_MAX, text, &len, &cli->err))
		return -(int)cli->err.code;
	if (strlen(*text) != len) {
		free(*text);
		*text = NULL;
		return bt_fail(&cli->err, BT_BAD_INPUT, "file", 0, "%s contains a NUL byte: not a YAML text file",
			       file);
	}
	all.n = 0;
	pb = playbook_parse(*text, len, file, &cli->err, &all);
	if (pb) {
		playbook_free(&pb);
		return 0;
	}
	for (i = 0; i < all.n; i++)
		print_pb_error(file, &all.items[i]);
	if (all.n == 0)
		print_pb_error(file, &cli->err);
	free(*text);
	*text = NULL;
	bt_fail(&cli->err, BT_BAD_INPUT, "playbook", 0, "%s: %d error%s", file, all.n ? all.n : 1,
		all.n == 1 || all.n == 0 ? "" : "s");
	return -BT_BAD_INPUT;
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	const char *file = NULL;
	const struct cli_opt opts[] = {{"playbook", OPT_STR, &file}, {NULL, 0, NULL}};
	struct service svc;
	char *text = NULL;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (file && (rc = load_file(cli, file, &text)))
		return cli_exit(rc);
	rc = service_init(&svc, cli->db, text, file, cli->now, &cli->err);
	free(text);
	if (rc)
		return cli_exit(rc);
	if (cli->json) {
		json_t *o = json_object();

		json_object_set_new(o, "db", json_string(cli->db));
		json_object_set_new(o, "playbook_version", json_integer(svc.pb_version));
		json_object_set_new(o, "org", json_string(svc.pb->org.name));
		cli_print_json(o);
	} else {
		printf("Created %s with the %s playbook of %s (version %lld).\n", cli->db, file ? file : "built-in",
		       svc.pb->org.name, (long long)svc.pb_version);
	}
	service_close(&svc);
	return 0;
}

static int playbook_check(struct cli *cli, const char *file)
{
	char *text = NULL;
	int rc = load_file(cli, file, &text);

	if (rc)
		return cli_exit(rc);
	free(text);
	if (cli->json) {
		json_t *o = json_object();

		json_object_set_new(o, "file", json_string(file));
		json_object_set_new(o, "valid", json_true());
		cli_print_json(o);
	} else {
		printf("%s: valid\n", file);
	}
	return 0;
}

static int playbook_show(struct cli *cli)
{
	struct service svc;
	int rc = cli_service(cli, &svc);

	if (rc)
		return cli_exit(rc);
	if (cli->json) {
		json_t *o = playbook_to_json(svc.pb);

		json_object_set_new(o, "version", json_integer(svc.pb_version));
		cli_print_json(o);
	} else {
		printf("# playbook version %lld\n", (long long)svc.pb_version);
		fputs(svc.pb->text, stdout);
		if (svc.pb->text[0] && svc.pb->text[strlen(svc.pb->text) - 1] != '\n')
			fputc('\n', stdout);
	}
	service_close(&svc);
	return 0;
}

static int playbook_apply(struct cli *cli, const char *file)
{
	struct service svc;
	char *text = NULL;
	int64_t version;
	int rc = load_file(cli, file, &text);

	if (rc)
		return cli_exit(rc);
	rc = cli_service(cli, &svc);
	if (!rc)
		rc = service_playbook_apply(&svc, text, file, &version, &cli->err);
	free(text);
	if (rc) {
		service_close(&svc);
		return cli_exit(rc);
	}
	if (cli->json) {
		json_t *o = json_object();

		json_object_set_new(o, "version", json_integer(version));
		cli_print_json(o);
	} else {
		printf("Applied %s as playbook version %lld.\n", file, (long long)version);
	}
	service_close(&svc);
	return 0;
}

int cmd_playbook(struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = cli->cmd;
	const char *pos[2] = {0};
	int n = 0, rc = cli_parse(cli, cmd, argc, argv, NULL, pos, 1, 2, &n);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "show") == 0 && n == 1)
		return playbook_show(cli);
	if (strcmp(pos[0], "check") == 0 && n == 2)
		return playbook_check(cli, pos[1]);
	if (strcmp(pos[0], "apply") == 0 && n == 2)
		return playbook_apply(cli, pos[1]);
	cli_usage(cmd, stderr);
	return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "playbook: expected check FILE, show or apply FILE"));
}
