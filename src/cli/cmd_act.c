/* cmd_act.c - the lifecycle commands (touch, qualify, handoff, review, accept, reject,
 * nurture, disqualify, close, live): each parses its options into a struct action_req and
 * runs it through service_act, the same path the HTTP API takes. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/bounds.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/tz.h"
#include "io/lead_json.h"
#include "service/views.h"

/* Runs req on lead pos and prints the new state. */
static int act(struct cli *cli, const char *idarg, const char *by, const char *to, struct action_req *req)
{
	struct service svc;
	struct lead l;
	int64_t id;
	int rc = cli_lead_id(cli, idarg, &id);

	if (rc)
		return cli_exit(rc);
	if (!by)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0, "%s: --by REP is required", action_name(req->action)));
	rc = cli_service(cli, &svc);
	if (rc)
		return cli_exit(rc);
	rc = service_act(&svc, cli->a, id, by, to, req, &l, &cli->err);
	if (!rc && cli->json) {
		cli_print_json(lead_json(&l, svc.pb));
	} else if (!rc) {
		printf("%s: lead %lld (%s) is %s (%s), owner %s.\n", action_name(req->action), (long long)l.id, l.email,
		       svc.pb->stages[l.stage].label, stage_name(l.stage), l.owner ? l.owner : "unassigned");
	}
	service_close(&svc);
	return cli_exit(rc);
}

#define PARSE(cmdname, opts, pos, min, max)                                                                           \
	do {                                                                                                          \
		int prc_ = cli_parse(cli, cli_command(cmdname), argc, argv, opts, pos, min, max, NULL);               \
		if (prc_)                                                                                             \
			return prc_ > 0 ? 0 : cli_exit(prc_);                                                        \
	} while (0)

int cmd_touch(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {.action = ACT_TOUCH};
	const char *by = NULL, *minutes = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by},           {"kind", OPT_STR, &req.kind},
				       {"outcome", OPT_STR, &req.outcome}, {"note", OPT_STR, &req.note},
				       {"variant", OPT_STR, &req.variant}, {"minutes", OPT_STR, &minutes},
				       {NULL, 0, NULL}};
	int rc;

	PARSE("touch", opts, pos, 1, 1);
	if (!req.kind)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "kind", 0, "touch: --kind call|email|social is required"));
	if (minutes && (rc = bound_int_text(BOUND_TOUCH_MINUTES, minutes, &req.minutes, &cli->err)))
		return cli_exit(rc);
	return act(cli, pos[0], by, NULL, &req);
}

int cmd_qualify(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {.action = ACT_QUALIFY};
	const char *by = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {"set", OPT_KV, &req.set}, {NULL, 0, NULL}};

	PARSE("qualify", opts, pos, 1, 1);
	return act(cli, pos[0], by, NULL, &req);
}

int cmd_handoff(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {.action = ACT_HANDOFF};
	const char *by = NULL, *to = NULL, *meeting = NULL, *minutes = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by},           {"to", OPT_STR, &to},
				       {"meeting", OPT_STR, &meeting}, {"minutes", OPT_STR, &minutes},
				       {"note", OPT_KV, &req.notes},   {NULL, 0, NULL}};
	int64_t m = 30;
	int rc;

	PARSE("handoff", opts, pos, 1, 1);
	if (meeting && (rc = cli_time(cli, meeting, "meeting", &req.meeting_start)))
		return cli_exit(rc);
	if (minutes && !meeting)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "minutes", 0, "handoff: --minutes goes with --meeting"));
	if (minutes && (rc = bound_int_text(BOUND_MEETING_MINUTES, minutes, &m, &cli->err)))
		return cli_exit(rc);
	req.meeting_minutes = (int)m;
	return act(cli, pos[0], by, to, &req);
}

static int simple(struct cli *cli, int argc, char **argv, const char *cmdname, enum action action)
{
	struct action_req req = {.action = action};
	const char *by = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {NULL, 0, NULL}};

	PARSE(cmdname, opts, pos, 1, 1);
	return act(cli, pos[0], by, NULL, &req);
}

int cmd_review(struct cli *cli, int argc, char **argv)
{
	return simple(cli, argc, argv, "review", ACT_REVIEW);
}


int cmd_live(struct cli *cli, int argc, char **argv)
{
	return simple(cli, argc, argv, "live", ACT_LIVE);
}

static int parse_until(struct cli *cli, const char *s, int64_t *out);

int cmd_reject(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {.action = ACT_REJECT};
	const char *by = NULL, *until = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {"reason", OPT_STR, &req.reason}, {"until", OPT_STR, &until},
				       {NULL, 0, NULL}};
	int rc;

	PARSE("reject", opts, pos, 1, 1);
	if (until && (rc = parse_until(cli, until, &req.until)))
		return cli_exit(rc);
	return act(cli, pos[0], by, NULL, &req);
}

int cmd_disqualify(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {.action = ACT_DISQUALIFY};
	const char *by = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {"reason", OPT_STR, &req.reason}, {NULL, 0, NULL}};

	PARSE("disqualify", opts, pos, 1, 1);
	return act(cli, pos[0], by, NULL, &req);
}

/* Reads --until: a DATE (the start of that day in the org's zone) or an RFC 3339 time. */
static int parse_until(struct cli *cli, const char *s, int64_t *out)
{
	struct service svc;
	int rc = cli_service(cli, &svc);

	if (!rc)
		rc = view_parse_until(&svc, s, out, &cli->err);
	service_close(&svc);
	return rc;
}

int cmd_nurture(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {.action = ACT_NURTURE};
	const char *by = NULL, *until = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {"until", OPT_STR, &until}, {"reason", OPT_STR, &req.reason},
				       {NULL, 0, NULL}};
	int rc;

	PARSE("nurture", opts, pos, 1, 1);
	if (!until)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "until", 0, "nurture: --until DATE is required"));
	if ((rc = parse_until(cli, until, &req.until)))
		return cli_exit(rc);
	return act(cli, pos[0], by, NULL, &req);
}


int cmd_accept(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {.action = ACT_ACCEPT};
	const char *by = NULL, *amount = NULL, *pos[1];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {"amount", OPT_STR, &amount}, {NULL, 0, NULL}};
	int rc;

	PARSE("accept", opts, pos, 1, 1);
	if (amount && (rc = bound_amount_text(amount, &req.amount_cents, &cli->err)))
		return cli_exit(rc);
	return act(cli, pos[0], by, NULL, &req);
}

int cmd_close(struct cli *cli, int argc, char **argv)
{
	struct action_req req = {0};
	const char *by = NULL, *amount = NULL, *pos[2];
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {"amount", OPT_STR, &amount}, {"reason", OPT_STR, &req.reason},
				       {NULL, 0, NULL}};
	int rc;

	PARSE("close", opts, pos, 2, 2);
	if (strcmp(pos[1], "won") == 0)
		req.action = ACT_WIN;
	else if (strcmp(pos[1], "lost") == 0)
		req.action = ACT_LOSE;
	else
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "outcome", 0, "close: the outcome must be won or lost, got '%s'", pos[1]));
	if (amount && req.action == ACT_LOSE)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "amount", 0, "close lost takes no --amount"));
	if (amount && (rc = bound_amount_text(amount, &req.amount_cents, &cli->err)))
		return cli_exit(rc);
	return act(cli, pos[0], by, NULL, &req);
}
