/* cmd_export.c - `baton export leads|events [--format csv|json]`: everything out, streamed
 * row by row. CSV goes through io/csv_out (RFC 4180 quoting, formula-like text neutralised);
 * JSON is verbatim. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "io/csv_out.h"
#include "io/event_json.h"
#include "io/lead_json.h"

struct export_ctx {
	int csv;
	struct csv_out out; /* the CSV rows, when csv */
	int first;
	const struct playbook *pb;
};

/* Prints o, decref'd here, as the next element of the JSON array streamed on stdout. */
static void print_item(struct export_ctx *c, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

	printf("%s\n  %s", c->first ? "[" : ",", s);
	c->first = 0;
	free(s);
	json_decref(o);
}

/* Writes the CSV header row of the n columns cols, when the format is csv. */
static void print_head(struct export_ctx *c, const char *const *cols, size_t n)
{
	size_t i;

	if (!c->csv)
		return;
	for (i = 0; i < n; i++)
		csv_text(&c->out, cols[i]);
	csv_end_row(&c->out);
}

static int export_event(void *ctx, const struct event *ev)
{
	struct export_ctx *c = ctx;

	if (c->csv) {
		char id[24], at[CLOCK_RFC3339_LEN], lead[24];
		json_t *p = event_payload_json(ev);
		char *data = json_dumps(p, JSON_COMPACT | JSON_PRESERVE_ORDER);

		snprintf(id, sizeof(id), "%lld", (long long)ev->id);
		snprintf(lead, sizeof(lead), "%lld", (long long)ev->lead);
		csv_number(&c->out, id);
		csv_text(&c->out, clock_format_rfc3339(ev->at, at));
		csv_text(&c->out, event_type_name(ev->type));
		csv_number(&c->out, ev->lead ? lead : NULL);
		csv_text(&c->out, ev->actor);
		csv_text(&c->out, ev->sets_stage && ev->from >= 0 ? stage_name((enum stage)ev->from) : NULL);
		csv_text(&c->out, ev->sets_stage ? stage_name((enum stage)ev->to) : NULL);
		csv_text(&c->out, data);
		csv_end_row(&c->out);
		free(data);
		json_decref(p);
	} else {
		print_item(c, event_to_json(ev));
	}
	return 0;
}

static const char *const lead_cols[] = {"id", "email", "name", "title", "company", "phone", "mobile", "channel",
					"source", "segment", "employees", "country", "stage", "owner", "grade", "score",
					"created_at", "attributes"};

static int export_lead(void *ctx, const struct lead *l)
{
	struct export_ctx *c = ctx;

	if (c->csv) {
		char id[24], emp[24], score[32], at[CLOCK_RFC3339_LEN];

		snprintf(id, sizeof(id), "%lld", (long long)l->id);
		snprintf(emp, sizeof(emp), "%lld", (long long)l->employees);
		snprintf(score, sizeof(score), "%.4f", l->score);
		csv_number(&c->out, id);
		csv_text(&c->out, l->email);
		csv_text(&c->out, l->name);
		csv_text(&c->out, l->title);
		csv_text(&c->out, l->company);
		csv_text(&c->out, l->phone);
		csv_text(&c->out, l->mobile);
		csv_text(&c->out, channel_name(l->channel));
		csv_text(&c->out, l->source);
		csv_text(&c->out, l->segment);
		csv_number(&c->out, l->employees >= 0 ? emp : NULL);
		csv_text(&c->out, l->country);
		csv_text(&c->out, stage_name(l->stage));
		csv_text(&c->out, l->owner);
		csv_text(&c->out, l->grade);
		csv_number(&c->out, l->score >= 0 ? score : NULL);
		csv_text(&c->out, clock_format_rfc3339(l->created_at, at));
		csv_text(&c->out, l->attributes); /* the JSON object's text (SPEC 8.9), empty when none */
		csv_end_row(&c->out);
	} else {
		print_item(c, lead_json(l, c->pb));
	}
	return 0;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *pos[1];
	const struct cli_opt opts[] = {{"format", OPT_STR, &format}, {NULL, 0, NULL}};
	struct export_ctx ctx = {0};
	struct lead_filter f = {0};
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, pos, 1, 1, NULL);

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
	csv_out_init(&ctx.out, stdout);
	ctx.pb = cli->svc->pb;
	if (strcmp(pos[0], "events") == 0) {
		static const char *const cols[] = {"id", "at", "type", "lead", "actor", "from", "to", "data"};

		print_head(&ctx, cols, sizeof(cols) / sizeof(cols[0]));
		rc = store_event_each(cli->svc->store, 0, export_event, &ctx, &cli->err);
	} else {
		print_head(&ctx, lead_cols, sizeof(lead_cols) / sizeof(lead_cols[0]));
		rc = store_lead_each(cli->svc->store, &f, export_lead, &ctx, &cli->err);
	}
	if (!ctx.csv && !rc)
		fputs(ctx.first ? "[]\n" : "\n]\n", stdout);
	return cli_exit(rc);
}
