/* args.c - option parsing from a table, value conversion, shared printing; see cli.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "io/table_out.h"
#include "service/views.h"
#include "util/arena.h"
#include "util/strbuf.h"

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t len)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == len && strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

static int add_kv(struct cli *cli, const char *cmd, const char *optname, struct kvlist *l, const char *word)
{
	const char *eq = strchr(word, '=');
	char *key;

	if (!eq || eq == word)
		return bt_fail(&cli->err, BT_USAGE, optname, 0, "%s: --%s takes key=value, got '%s'", cmd, optname, word);
	key = arena_strndup(cli->a, word, (size_t)(eq - word));
	kv_set(l, cli->a, key, eq + 1);
	return 0;
}

int cli_parse(struct cli *cli, const struct command *cmd, int argc, char **argv, const struct cli_opt *opts,
	      const char **pos, int min, int max, int *npos)
{
	const struct cli_opt *last_kv = NULL;
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (cli_is_help(arg)) {
			cli_usage(cmd, stdout);
			return 1;
		}
		if (strncmp(arg, "--", 2) == 0 && arg[2]) {
			const char *name = arg + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const struct cli_opt *o = find_opt(opts, name, len);
			const char *val = eq ? eq + 1 : NULL;

			if (!o) {
				cli_usage(cmd, stderr);
				return bt_fail(&cli->err, BT_USAGE, name, 0, "%s: unknown option --%.*s", cmd->name, (int)len, name);
			}
			if (o->kind == OPT_FLAG) {
				if (val)
					return bt_fail(&cli->err, BT_USAGE, o->name, 0, "%s: --%s takes no value", cmd->name, o->name);
				*(int *)o->dest = 1;
				continue;
			}
			if (!val) {
				if (i + 1 >= argc)
					return bt_fail(&cli->err, BT_USAGE, o->name, 0, "%s: --%s needs a value", cmd->name,
						       o->name);
				val = argv[++i];
			}
			if (o->kind == OPT_STR) {
				if (*(const char **)o->dest)
					return bt_fail(&cli->err, BT_USAGE, o->name, 0, "%s: --%s is given twice", cmd->name,
						       o->name);
				*(const char **)o->dest = val;
				last_kv = NULL;
			} else {
				int rc = add_kv(cli, cmd->name, o->name, o->dest, val);

				if (rc)
					return rc;
				last_kv = o;
			}
			continue;
		}
		if (last_kv && strchr(arg, '=')) {
			int rc = add_kv(cli, cmd->name, last_kv->name, last_kv->dest, arg);

			if (rc)
				return rc;
			continue;
		}
		if (n >= max) {
			cli_usage(cmd, stderr);
			return bt_fail(&cli->err, BT_USAGE, NULL, 0, "%s: unexpected argument '%s'", cmd->name, arg);
		}
		pos[n++] = arg;
	}
	if (n < min) {
		cli_usage(cmd, stderr);
		return bt_fail(&cli->err, BT_USAGE, NULL, 0, "%s: missing argument", cmd->name);
	}
	if (npos)
		*npos = n;
	if (cli->setup_pending) { /* --help was a value (--note --help): the command runs */
		cli->setup_pending = 0;
		return cli_setup(cli, 0, NULL);
	}
	return 0;
}

int cli_dispatch(struct cli *cli, const struct command *cmd, const struct cli_sub *subs, int argc, char **argv)
{
	const struct cli_sub *s;
	struct strbuf names;
	int rc;

	for (s = subs; argc >= 2 && s->name; s++)
		if (strcmp(argv[1], s->name) == 0)
			return s->run(cli, argc - 1, argv + 1);
	if (argc >= 2 && cli_is_help(argv[1])) {
		cli_usage(cmd, stdout);
		return 0;
	}
	cli_usage(cmd, stderr);
	strbuf_init(&names); /* "add, list or set" */
	for (s = subs; s->name; s++)
		strbuf_addf(&names, "%s%s", s == subs ? "" : s[1].name ? ", " : " or ", s->name);
	rc = bt_fail(&cli->err, BT_USAGE, NULL, 0, "%s: expected %s", cmd->name, names.buf);
	strbuf_release(&names);
	return cli_exit(rc);
}

int cli_is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_int(struct cli *cli, const char *s, const char *field, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v < min || v > max)
		return bt_fail(&cli->err, BT_BAD_INPUT, field, 0, "--%s must be a whole number from %lld to %lld, got '%s'",
			       field, (long long)min, (long long)max, s ? s : "");
	*out = v;
	return 0;
}

int cli_time(struct cli *cli, const char *s, const char *field, int64_t *out)
{
	if (clock_parse_rfc3339(s, out))
		return bt_fail(&cli->err, BT_BAD_INPUT, field, 0,
			       "--%s must be an RFC 3339 time such as 2026-11-23T09:00:00Z or 2026-11-23T10:00:00+01:00, got '%s'",
			       field, s ? s : "");
	return 0;
}

int cli_id(struct cli *cli, const char *s, const char *field, const char *what, int64_t *out)
{
	const char *p;

	for (p = s; p && *p; p++)
		if (*p < '0' || *p > '9')
			break;
	if (!s || !*s || *p || strlen(s) > 18 || cli_int(cli, s, field, 1, INT64_MAX, out))
		return bt_fail(&cli->err, BT_BAD_INPUT, field, 0, "'%s' is not %s", s ? s : "", what);
	return 0;
}

int cli_lead_id(struct cli *cli, const char *s, int64_t *out)
{
	return cli_id(cli, s, "id", "a lead id (a whole number from 1)", out);
}

int cli_service(struct cli *cli, struct service *svc)
{
	return service_open(svc, cli->db, cli->now, &cli->err);
}

int cli_setup(struct cli *cli, int argc, char **argv)
{
	int i, rc;

	for (i = 1; i < argc; i++)
		if (cli_is_help(argv[i])) {
			cli->setup_pending = 1;
			return 0;
		}
	if (cli->cmd && (cli->cmd->flags & RUN_READONLY))
		rc = service_open_readonly(&cli->service, cli->db, cli->now, &cli->err);
	else
		rc = service_open(&cli->service, cli->db, cli->now, &cli->err);
	if (!rc)
		cli->svc = &cli->service;
	return rc;
}

void cli_teardown(struct cli *cli)
{
	if (cli->svc)
		service_close(cli->svc);
	cli->svc = NULL;
	cli->setup_pending = 0;
}

void cli_rows_begin(struct cli *cli, struct cli_rows *r, size_t ncols, const char *const *head)
{
	r->arr = cli->json ? json_array() : NULL;
	r->t = cli->json ? NULL : table_new(ncols, head);
	r->n = 0;
	r->zone = cli->svc ? cli->svc->pb->org.timezone : NULL;
}

void cli_rows_add(struct cli_rows *r, json_t *o, const char *const *cells)
{
	if (r->arr)
		json_array_append_new(r->arr, o);
	else
		table_row(r->t, cells);
	r->n++;
}

int cli_rows_end(struct cli_rows *r, int rc)
{
	if (r->arr && !rc)
		cli_print_json(r->arr); /* takes the reference */
	else if (r->arr)
		json_decref(r->arr);
	r->arr = NULL;
	if (r->t && !rc)
		table_print(r->t, stdout);
	table_free(&r->t);
	return rc;
}

const char *cli_num(char buf[CLI_NUM_LEN], int64_t v)
{
	snprintf(buf, CLI_NUM_LEN, "%lld", (long long)v);
	return buf;
}

void cli_print_json(json_t *v)
{
	cli_print_json_digits(v, 10);
}

void cli_print_json_digits(json_t *v, int digits)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(digits));

	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
	}
	json_decref(v);
}

int cli_exit(int rc)
{
	rc = rc < 0 ? -rc : rc;
	return rc == BT_DENIED ? BT_REFUSED : rc;
}

void cli_usage(const struct command *cmd, FILE *f)
{
	fputs(cmd->usage, f);
}

int cli_window(struct cli *cli, const char *from, const char *to, int64_t *f, int64_t *t)
{
	int rc = 0;

	if (from)
		rc = view_parse_bound(cli->svc, from, "from", f, &cli->err);
	if (!rc && to)
		rc = view_parse_bound(cli->svc, to, "to", t, &cli->err);
	if (!rc && *f >= *t)
		rc = bt_fail(&cli->err, BT_BAD_INPUT, "to", 0, "--to must come after --from");
	return rc;
}
