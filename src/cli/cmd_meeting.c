/* cmd_meeting.c - `baton meeting held|no-show|reschedule|cancel|ics` and `baton availability
 * set|add`: meeting outcomes (with the initiator and the notice), the invitation as
 * iCalendar, and the AE calendars that bookings respect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/action_args.h"
#include "core/clock.h"
#include "io/ical.h"
#include "io/lead_json.h"
#include "service/views.h"
#include "util/arena.h"
#include "util/file.h"
#include "service/meeting.h"

static int meeting_ics(struct cli *cli, const char *idarg)
{
	int64_t id, lead;
	char *text = NULL;
	int rc = cli_id(cli, idarg, "meeting", "a meeting id", &id);

	if (rc)
		return cli_exit(rc);
	if (!rc)
		rc = view_meeting_ics(cli->svc, cli->a, id, &text, &lead, &cli->err);
	if (!rc)
		fputs(text, stdout);
	free(text);
	return cli_exit(rc);
}

int cmd_meeting(struct cli *cli, int argc, char **argv)
{
	/* --at and --initiator are the rows of core/action_args.c's meeting table */
	const char *by = NULL, *text[2] = {NULL, NULL}, *pos[2] = {0};
	const struct cli_opt opts[] = {{"by", OPT_STR, &by},
				       {arg_cli_name(&meeting_args[0]), OPT_STR, &text[0]},
				       {arg_cli_name(&meeting_args[1]), OPT_STR, &text[1]},
				       {NULL, 0, NULL}};
	const struct command *cmd = cli->cmd;
	struct arg_ctx ctx = {cli->a, NULL};
	struct meeting_input in = {0, NULL};
	enum meeting_action act;
	struct meeting m;
	int64_t id;
	size_t i;
	int rc = cli_parse(cli, cmd, argc, argv, opts, pos, 2, 2, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "ics") == 0)
		return meeting_ics(cli, pos[1]);
	if (strcmp(pos[0], "no_show") == 0 || meeting_action_parse(pos[0], &act)) {
		cli_usage(cmd, stderr);
		return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "meeting: expected held, no-show, reschedule, cancel or ics"));
	}
	if ((rc = cli_id(cli, pos[1], "meeting", "a meeting id", &id)))
		return cli_exit(rc);
	if (!by)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0, "meeting %s: --by REP is required", pos[0]));
	if (!text[1] && (act == MEET_RESCHEDULE || act == MEET_CANCEL))
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "initiator", 0,
					"meeting %s: --initiator seller|prospect is required", pos[0]));
	if (text[0] && act != MEET_RESCHEDULE)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "at", 0, "meeting %s: --at goes with reschedule only", pos[0]));
	for (i = 0; i < meeting_args_n; i++)
		if (text[i] && (rc = arg_set_text(&meeting_args[i], &in, text[i], &ctx, &cli->err)))
			return cli_exit(rc);
	rc = service_meeting(cli->svc, cli->a, id, act, by, in.at, in.initiator, &m, &cli->err);
	if (!rc && cli->json) {
		cli_print_json(meeting_json(&m));
	} else if (!rc) {
		char buf[CLOCK_RFC3339_LEN];

		printf("meeting %lld (lead %lld) is %s, %s with %s.\n", (long long)m.id, (long long)m.lead,
		       meeting_status_name(m.status), clock_format_rfc3339(m.start, buf), m.ae);
	}
	return cli_exit(rc);
}

int cmd_availability(struct cli *cli, int argc, char **argv)
{
	const char *ics = NULL, *pos[4] = {0};
	const struct cli_opt opts[] = {{"ics", OPT_STR, &ics}, {NULL, 0, NULL}};
	const struct command *cmd = cli->cmd;
	int n = 0, rc = cli_parse(cli, cmd, argc, argv, opts, pos, 2, 4, &n);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "set") == 0 && n == 2) {
		char *text = NULL;
		size_t len = 0, blocks = 0, absences = 0;

		if (!ics)
			return cli_exit(bt_fail(&cli->err, BT_USAGE, "ics", 0, "availability set: --ics FILE is required"));
		if (file_read(ics, 10 * 1024 * 1024, &text, &len, &cli->err))
			return cli_exit(-(int)cli->err.code);
		if (!rc)
			rc = service_availability_ics(cli->svc, pos[1], text, len, &blocks, &absences, &cli->err);
		free(text);
		if (rc == -BT_BAD_INPUT && cli->err.line > 0) /* name the file and line, as for the playbook */
			bt_fail(&cli->err, BT_BAD_INPUT, cli->err.field, cli->err.line, "%s:%d: %s%s%s", ics, cli->err.line,
				cli->err.field, cli->err.field[0] ? ": " : "", cli->err.message);
		if (!rc && cli->json)
			cli_print_json(json_pack("{s:s, s:I, s:I}", "rep", pos[1], "busy_blocks", (json_int_t)blocks,
						 "absences", (json_int_t)absences));
		else if (!rc && absences)
			printf("%s: %zu busy block%s read from %s for the next 180 days; %zu out-of-office absence%s (rep "
			       "away %s --list).\n",
			       pos[1], blocks, blocks == 1 ? "" : "s", ics, absences, absences == 1 ? "" : "s", pos[1]);
		else if (!rc)
			printf("%s: %zu busy block%s read from %s for the next 180 days.\n", pos[1], blocks, blocks == 1 ? "" : "s",
			       ics);
		return cli_exit(rc);
	}
	if (strcmp(pos[0], "add") == 0 && n == 4) {
		int64_t from, to;

		if ((rc = cli_time(cli, pos[2], "from", &from)) || (rc = cli_time(cli, pos[3], "to", &to)))
			return cli_exit(rc);
		if (!rc)
			rc = service_availability_add(cli->svc, pos[1], from, to, &cli->err);
		if (!rc && cli->json)
			cli_print_json(json_pack("{s:s, s:o, s:o}", "rep", pos[1], "from", json_time_or_null(from), "to",
						 json_time_or_null(to)));
		else if (!rc)
			printf("%s is available from %s to %s.\n", pos[1], pos[2], pos[3]);
		return cli_exit(rc);
	}
	cli_usage(cmd, stderr);
	return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "availability: expected set REP --ics FILE or add REP FROM TO"));
}
