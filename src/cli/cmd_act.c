/* cmd_act.c - the lifecycle commands (touch, qualify, handoff, review, accept, reject,
 * nurture, disqualify, close, live, renew, churn, expand, and `lead assign`): each takes --by and the options that core/action_args.c's
 * table gives its action, set through the table's setters into a struct action_input, and runs
 * it through service_act, the same path the HTTP API takes. The dispatcher opens the service
 * (RUN_SETUP). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/action_args.h"
#include "io/lead_json.h"
#include "service/act.h"

#define OPTS_MAX 16

/* Runs in on lead idarg and prints the new state. */
static int act(struct cli *cli, const char *idarg, const char *by, struct action_input *in)
{
	struct service *svc = cli->svc;
	struct lead l;
	int64_t id;
	int rc = cli_lead_id(cli, idarg, &id);

	if (rc)
		return cli_exit(rc);
	if (!by)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0, "%s: --by REP is required", action_name(in->req.action)));
	rc = service_act(svc, cli->a, id, by, in->to, &in->req, &l, &cli->err);
	if (!rc && cli->json) {
		cli_print_json(lead_json(&l, svc->pb));
	} else if (!rc) {
		printf("%s: lead %lld (%s) is %s (%s), owner %s.\n", action_name(in->req.action), (long long)l.id, l.email,
		       svc->pb->stages[l.stage].label, stage_name(l.stage), l.owner ? l.owner : "unassigned");
	}
	return cli_exit(rc);
}

/* The words of one action command: --by, then an option per row of the table that `takes`
 * (close's outcome is a word of its own, not an option), their text in text[]. */
struct act_words {
	struct cli_opt opts[OPTS_MAX];
	const struct arg_spec *rows[OPTS_MAX];
	const char *text[OPTS_MAX];
	const char *by;
	const char *pos[2];
	size_t n; /* rows */
};

/* Parses the command's words into w and in->req's key=value lists; 0, 1 for --help, or a
 * negative code. */
static int parse_words(struct cli *cli, int argc, char **argv, unsigned takes, int npos, struct act_words *w,
		       struct action_input *in)
{
	size_t i, k = 0;

	memset(w, 0, sizeof(*w));
	w->opts[k++] = (struct cli_opt){"by", OPT_STR, &w->by};
	for (i = 0; i < action_args_n && k + 1 < OPTS_MAX; i++) {
		const struct arg_spec *s = &action_args[i];

		if (!(s->actions & takes) || s->kind == ARG_OUTCOME)
			continue;
		w->rows[w->n] = s;
		if (s->kind == ARG_KV)
			w->opts[k++] = (struct cli_opt){arg_cli_name(s), OPT_KV, arg_field(s, in)};
		else
			w->opts[k++] = (struct cli_opt){arg_cli_name(s), OPT_STR, &w->text[w->n]};
		w->n++;
	}
	return cli_parse(cli, cli->cmd, argc, argv, w->opts, w->pos, npos, npos, NULL);
}

/* Sets the fields given as text through the table's setters, in the table's order. */
static int set_words(struct cli *cli, struct act_words *w, struct action_input *in)
{
	struct arg_ctx ctx = {cli->a, cli->svc->pb->org.timezone};
	size_t i;
	int rc;

	for (i = 0; i < w->n; i++)
		if (w->text[i] && (rc = arg_set_text(w->rows[i], in, w->text[i], &ctx, &cli->err)))
			return rc;
	return 0;
}

/* The text given for option `name`, or NULL. */
static const char *given(const struct act_words *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->rows[i]->name, name) == 0)
			return w->text[i];
	return NULL;
}

static int handoff_check(struct cli *cli, struct act_words *w, struct action_input *in)
{
	if (given(w, "minutes") && !given(w, "meeting"))
		return bt_fail(&cli->err, BT_USAGE, "minutes", 0, "handoff: --minutes goes with --meeting");
	return 0;
}

static int qualify_check(struct cli *cli, struct act_words *w, struct action_input *in)
{
	if (!in->req.set.n)
		return bt_fail(&cli->err, BT_USAGE, "set", 0, "qualify: --set field=value is required (at least one)");
	return 0;
}

/* close ID won|lost: the outcome word goes through the table's outcome row. */
static int close_check(struct cli *cli, struct act_words *w, struct action_input *in)
{
	int rc = arg_set_text(arg_find(action_args, action_args_n, "outcome", ARG_ACT(ACT_WIN)), in, w->pos[1], NULL,
			      &cli->err);

	if (rc)
		return rc;
	if (given(w, "amount") && !arg_find(action_args, action_args_n, "amount", ARG_ACT(in->req.action)))
		return bt_fail(&cli->err, BT_USAGE, "amount", 0, "close lost takes no --amount");
	if (given(w, "term_months") && !arg_find(action_args, action_args_n, "term_months", ARG_ACT(in->req.action)))
		return bt_fail(&cli->err, BT_USAGE, "term-months", 0, "close lost takes no --term-months");
	return 0;
}

/* An option a command requires, and the word its usage shows for the value ("--reason CODE");
 * the core refuses a missing one too, in the API's words ("reason is required: ..."). */
struct act_need {
	const char *name;
	const char *value;
};

#define ACT_NEEDS 2

/* A lifecycle command: the action it runs, the rows of the argument table whose options it
 * takes, its positional words (the lead, and close's outcome), what the command line
 * requires beyond the table (NULL: nothing), the command whose help it is part of (NULL:
 * its own; "lead" for `lead assign`) and the options it requires. */
struct act_command {
	const char *name;
	enum action action;
	unsigned takes;
	int npos;
	int (*check)(struct cli *cli, struct act_words *w, struct action_input *in);
	const char *group;
	struct act_need needs[ACT_NEEDS];
};

static const struct act_command act_commands[] = {
	{"touch", ACT_TOUCH, ARG_ACT(ACT_TOUCH), 1, NULL, NULL, {{"kind", "call|email|social"}, {NULL, NULL}}},
	{"qualify", ACT_QUALIFY, ARG_ACT(ACT_QUALIFY), 1, qualify_check, NULL, {{NULL, NULL}, {NULL, NULL}}},
	{"handoff", ACT_HANDOFF, ARG_ACT(ACT_HANDOFF), 1, handoff_check, NULL, {{NULL, NULL}, {NULL, NULL}}},
	{"review", ACT_REVIEW, ARG_ACT(ACT_REVIEW), 1, NULL, NULL, {{NULL, NULL}, {NULL, NULL}}},
	{"accept", ACT_ACCEPT, ARG_ACT(ACT_ACCEPT), 1, NULL, NULL, {{NULL, NULL}, {NULL, NULL}}},
	{"reject", ACT_REJECT, ARG_ACT(ACT_REJECT), 1, NULL, NULL, {{"reason", "CODE"}, {NULL, NULL}}},
	{"nurture", ACT_NURTURE, ARG_ACT(ACT_NURTURE), 1, NULL, NULL, {{"until", "DATE"}, {NULL, NULL}}},
	{"disqualify", ACT_DISQUALIFY, ARG_ACT(ACT_DISQUALIFY), 1, NULL, NULL, {{"reason", "R"}, {NULL, NULL}}},
	{"close", ACT_WIN, ARG_ACT(ACT_WIN) | ARG_ACT(ACT_LOSE), 2, close_check, NULL, {{NULL, NULL}, {NULL, NULL}}},
	{"live", ACT_LIVE, ARG_ACT(ACT_LIVE), 1, NULL, NULL, {{NULL, NULL}, {NULL, NULL}}},
	{"assign", ACT_ASSIGN, ARG_ACT(ACT_ASSIGN), 1, NULL, "lead", {{"to", "REP"}, {"reason", "TEXT"}}},
	{"renew", ACT_RENEW, ARG_ACT(ACT_RENEW), 1, NULL, NULL, {{NULL, NULL}, {NULL, NULL}}},
	{"churn", ACT_CHURN, ARG_ACT(ACT_CHURN), 1, NULL, NULL, {{"reason", "R"}, {NULL, NULL}}},
	{"expand", ACT_EXPAND, ARG_ACT(ACT_EXPAND), 1, NULL, NULL, {{"to", "AE"}, {"amount", "N"}}},
};

/* The command line's own refusal of a required option c does not have: "reject: --reason CODE
 * is required"; 0 when every one is given. */
static int check_needs(struct cli *cli, const struct act_command *c, const struct act_words *w)
{
	size_t i;

	for (i = 0; i < ACT_NEEDS && c->needs[i].name; i++)
		if (!given(w, c->needs[i].name))
			return bt_fail(&cli->err, BT_USAGE, c->needs[i].name, 0, "%s%s%s: --%s %s is required",
				       c->group ? c->group : "", c->group ? " " : "", c->name, c->needs[i].name,
				       c->needs[i].value);
	return 0;
}

int cmd_act(struct cli *cli, int argc, char **argv)
{
	const struct act_command *c = NULL;
	struct action_input in;
	struct act_words w;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(act_commands) / sizeof(act_commands[0]); i++)
		if (strcmp(act_commands[i].name, argv[0]) == 0)
			c = &act_commands[i];
	if (!c)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "%s is not a lifecycle command", argv[0]));
	action_input_init(&in, c->action);
	rc = parse_words(cli, argc, argv, c->takes, c->npos, &w, &in);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if ((rc = check_needs(cli, c, &w)) || (c->check && (rc = c->check(cli, &w, &in))) ||
	    (rc = set_words(cli, &w, &in)))
		return cli_exit(rc);
	return act(cli, w.pos[0], w.by, &in);
}
