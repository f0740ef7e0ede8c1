/* cmd_export.c - `baton export leads|events [--format csv|json]`: everything out, streamed
 * row by row. CSV is written with RFC 4180 quoting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "io/event_json.h"
#include "io/lead_json.h"

/* Writes one CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(const char *s, int last)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', stdout);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', stdout);
			fputc(*s, stdout);
		}
		fputc('"', stdout);
	} else {
		fputs(s, stdout);
	}
	fputs(last ? "\r\n" : ",", stdout);
}

struct export_ctx {
	int csv;
	int first;
	const struct playbook *pb;
};

static int export_event(void *ctx, const struct event *ev)
{
	struct export_ctx *c = ctx;

	if (c->csv) {
		char id[24], at[CLOCK_RFC3339_LEN], lead[24];
		json_t *p = event_payload_json(ev);
		char *data = json_dumps(p, JSON_COMPACT | JSON_PRESERVE_ORDER);

		snprintf(id, sizeof(id), "%lld", (long long)ev->id);
		snprintf(lead, sizeof(lead), "%lld", (long long)ev->lead);
		csv_field(id, 0);
		csv_field(clock_format_rfc3339(ev->at, at), 0);
		csv_field(ev->type, 0);
		csv_field(ev->lead ? lead : "", 0);
		csv_field(ev->actor, 0);
		csv_field(ev->sets_stage && ev->from >= 0 ? stage_name((enum stage)ev->from) : "", 0);
		csv_field(ev->sets_stage ? stage_name((enum stage)ev->to) : "", 0);
		csv_field(data, 1);
		free(data);
		json_decref(p);
	} else {
		json_t *o = event_to_json(ev);
		char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

		printf("%s\n  %s", c->first ? "[" : ",", s);
		c->first = 0;
		free(s);
		json_decref(o);
	}
	return 0;
}

static const char *const lead_cols[] = {"id", "email", "name", "title", "company", "phone", "mobile", "channel",
					"source", "segment", "employees", "country", "stage", "owner", "grade", "score",
					"created_at"};

static int export_lead(void *ctx, const struct lead *l)
{
	struct export_ctx *c = ctx;

	if (c->csv) {
		char id[24], emp[24], score[32], at[CLOCK_RFC3339_LEN];

		snprintf(id, sizeof(id), "%lld", (long long)l->id);
		snprintf(emp, sizeof(emp), "%lld", (long long)l->employees);
		snprintf(score, sizeof(score), "%.4f", l->score);
		csv_field(id, 0);
		csv_field(l->email, 0);
		csv_field(l->name, 0);
		csv_field(l->title, 0);
		csv_field(l->company, 0);
		csv_field(l->phone, 0);
		csv_field(l->mobile, 0);
		csv_field(channel_name(l->channel), 0);
		csv_field(l->source, 0);
		csv_field(l->segment, 0);
		csv_field(l->employees >= 0 ? emp : "", 0);
		csv_field(l->country, 0);
		csv_field(stage_name(l->stage), 0);
		csv_field(l->owner, 0);
		csv_field(l->grade, 0);
		csv_field(l->score >= 0 ? score : "", 0);
		csv_field(clock_format_rfc3339(l->created_at, at), 1);
	} else {
		json_t *o = lead_json(l, c->pb);
		char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

		printf("%s\n  %s", c->first ? "[" : ",", s);
		c->first = 0;
		free(s);
		json_decref(o);
	}
	return 0;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *pos[1];
	const struct cli_opt opts[] = {{"format", OPT_STR, &format}, {NULL, 0, NULL}};
	struct export_ctx ctx = {0};
	struct lead_filter f = {0};
	struct service svc;
	size_t i;
	int rc = cli_parse(cli, cli_command("export"), argc, argv, opts, pos, 1, 1, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (strcmp(pos[0], "leads") != 0 && strcmp(pos[0], "events") != 0)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, NULL, 0, "export: expected leads or events, got '%s'", pos[0]));
	if (!format)
		format = cli->json ? "json" : "csv";
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "format", 0, "--format must be csv or json, got '%s'", format));
	ctx.csv = strcmp(format, "csv") == 0;
	ctx.first = 1;
	rc = cli_service(cli, &svc);
	if (rc)
		return cli_exit(rc);
	ctx.pb = svc.pb;
	if (strcmp(pos[0], "events") == 0) {
		if (ctx.csv)
			fputs("id,at,type,lead,actor,from,to,data\r\n", stdout);
		rc = store_event_each(svc.store, 0, export_event, &ctx, &cli->err);
	} else {
		if (ctx.csv)
			for (i = 0; i < sizeof(lead_cols) / sizeof(lead_cols[0]); i++)
				csv_field(lead_cols[i], i + 1 == sizeof(lead_cols) / sizeof(lead_cols[0]));
		rc = store_lead_each(svc.store, &f, export_lead, &ctx, &cli->err);
	}
	if (!ctx.csv && !rc)
		fputs(ctx.first ? "[]\n" : "\n]\n", stdout);
	service_close(&svc);
	return cli_exit(rc);
}
