/* cmd_lead.c - `baton lead add|show|list|restore|assign`: intake of one lead, a lead with its
 * timeline, and lists (a manager's `lead assign` is a lifecycle action: cmd_act.c). Intake
 * goes through service_intake (validate, dedupe, filter, route). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action_args.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/tz.h"
#include "io/event_words.h"
#include "io/lead_json.h"
#include "io/table_out.h"
#include "core/search.h"
#include "service/lists.h"
#include "service/views.h"
#include "util/arena.h"
#include "service/intake.h"

/* The intake options are the rows of core/action_args.c's intake table, set by its setters. */
static int lead_add(struct cli *cli, int argc, char **argv)
{
	struct cli_opt opts[16];
	const char *text[16] = {0};
	struct arg_ctx ctx = {cli->a, NULL};
	struct intake_outcome out;
	struct service *svc;
	struct lead in, l;
	size_t i;
	int rc;

	for (i = 0; i < intake_args_n && i + 1 < sizeof(opts) / sizeof(opts[0]); i++)
		opts[i] = (struct cli_opt){arg_cli_name(&intake_args[i]), OPT_STR, &text[i]};
	opts[i] = (struct cli_opt){NULL, 0, NULL};
	rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!text[0]) /* the first row is the email */
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "email", 0, "lead add: --email is required"));
	lead_init(&in);
	for (i = 0; i < intake_args_n; i++)
		if (text[i] && (rc = arg_set_text(&intake_args[i], &in, text[i], &ctx, &cli->err)))
			return cli_exit(rc);
	intake_default_source(&in);
	svc = cli->svc;
	rc = service_intake(svc, cli->a, &in, "admin", &out, &cli->err);
	if (!rc)
		rc = store_lead_get(svc->store, cli->a, out.lead, &l, &cli->err);
	if (!rc && cli->json) {
		json_t *o = lead_json(&l, svc->pb);

		json_object_set_new(o, "duplicate", json_boolean(out.duplicate));
		cli_print_json(o);
	} else if (!rc) {
		if (out.duplicate)
			printf("Known lead: %s is lead %lld; the new inquiry was added to its timeline.\n", l.email,
			       (long long)l.id);
		cli_print_lead_card(cli, svc, &l);
	}
	return cli_exit(rc);
}

/* What its form sent beyond baton's fields (SPEC 8.9), one line a field, line breaks as spaces. */
static void print_attributes(const struct lead *l)
{
	json_t *o = lead_attributes_json(l), *v;
	const char *k, *s;
	size_t i = 0;

	json_object_foreach(o, k, v) {
		printf("  %s %s: ", i++ ? "         " : "Form     ", k);
		if (json_is_string(v)) {
			for (s = json_string_value(v); *s; s++)
				putchar(*s == '\n' || *s == '\r' ? ' ' : *s);
		} else {
			char *t = json_dumps(v, JSON_ENCODE_ANY);

			fputs(t ? t : "", stdout);
			free(t);
		}
		putchar('\n');
	}
	json_decref(o);
}

void cli_print_lead_card(struct cli *cli, const struct service *svc, const struct lead *l)
{
	char buf[32];
	size_t i;

	printf("Lead %lld  %s\n", (long long)l->id, l->email);
	if (l->name || l->title || l->company)
		printf("  %s%s%s%s%s\n", l->name ? l->name : "", l->title ? ", " : "", l->title ? l->title : "",
		       l->company ? " at " : "", l->company ? l->company : "");
	printf("  Stage     %s (%s): %s\n", svc->pb->stages[l->stage].label, stage_name(l->stage),
	       svc->pb->stages[l->stage].definition);
	if (l->reason)
		printf("  Reason    %s\n", l->reason);
	printf("  Owner     %s", l->owner ? l->owner : "unassigned");
	if (l->handed_by)
		printf("   handed off by %s", l->handed_by);
	if (l->ae)
		printf("   AE %s", l->ae);
	printf("\n  Channel   %s, source %s\n", channel_name(l->channel), l->source ? l->source : "-");
	if (l->segment || l->employees >= 0 || l->country)
		printf("  Company   segment %s, %s employees, country %s\n", l->segment ? l->segment : "-",
		       l->employees >= 0 ? (snprintf(buf, sizeof(buf), "%lld", (long long)l->employees), buf) : "?",
		       l->country ? l->country : "-");
	if (lead_zone(l)) {
		struct local_time lt;

		printf("  Time zone %s (%s)", lead_zone(l), l->timezone ? "given" : "from its country");
		if (tz_local(lead_zone(l), svc->now, &lt) == 0)
			printf(", %02d:%02d there now", lt.minute / 60, lt.minute % 60);
		printf("\n");
	}
	if (l->phone || l->mobile)
		printf("  Phone     %s   mobile %s\n", l->phone ? l->phone : "-", l->mobile ? l->mobile : "-");
	if (l->grade || l->score >= 0)
		printf("  Fit       grade %s, score %.2f\n", l->grade ? l->grade : "-", l->score);
	if (l->nurture_until)
		printf("  Nurture   until %s\n", tz_format(svc->pb->org.timezone, l->nurture_until, buf));
	if (l->amount)
		printf("  Amount    %lld.%02lld\n", (long long)(l->amount / 100), (long long)(l->amount % 100));
	for (i = 0; i < l->answers.n; i++)
		printf("  %s %-10s %s\n", i ? "         " : "Qualified", l->answers.items[i].key, l->answers.items[i].value);
	for (i = 0; i < l->notes.n; i++)
		printf("  %s %-16s %s\n", i ? "         " : "Notes    ", l->notes.items[i].key, l->notes.items[i].value);
	if (l->notes.n)
		printf("  Reviewed  %s\n", l->reviewed ? "yes" : "not yet");
	print_attributes(l);
	(void)cli;
}

struct show_ctx {
	struct table *table; /* the timeline */
	const char *zone;
};

/* One timeline row for people, its details in words (JSON output comes from view_lead_detail). */
static int collect_event(void *ctx, const struct event *ev)
{
	struct show_ctx *c = ctx;
	struct strbuf details;
	char when[24], move[64];
	const char *cells[5];

	if (ev->sets_stage)
		snprintf(move, sizeof(move), "%s -> %s", ev->from >= 0 ? stage_name((enum stage)ev->from) : "",
			 stage_name((enum stage)ev->to));
	else
		move[0] = '\0';
	strbuf_init(&details);
	event_payload_words(ev, c->zone, &details);
	cells[0] = tz_format(c->zone, ev->at, when);
	cells[1] = event_type_name(ev->type);
	cells[2] = move;
	cells[3] = ev->actor;
	cells[4] = details.buf;
	table_row(c->table, cells);
	strbuf_release(&details);
	return 0;
}

/* Parses the words of a sub-command about one lead (show, restore) with the options opts,
 * the lead's id into *id; 0, 1 (--help printed) or a negative code. */
static int parse_lead_words(struct cli *cli, int argc, char **argv, const struct cli_opt *opts, int64_t *id)
{
	const char *pos[1];
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, pos, 1, 1, NULL);

	return rc ? rc : cli_lead_id(cli, pos[0], id);
}

static int lead_show(struct cli *cli, int argc, char **argv)
{
	struct show_ctx ctx = {0};
	struct meeting *ms;
	struct lead l;
	size_t nm = 0, i;
	int64_t id;
	int rc = parse_lead_words(cli, argc, argv, NULL, &id);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	rc = store_lead_get(cli->svc->store, cli->a, id, &l, &cli->err);
	if (!rc)
		rc = store_meeting_list(cli->svc->store, cli->a, id, NULL, 0, &ms, &nm, &cli->err);
	if (rc)
		goto done;
	ctx.zone = cli->svc->pb->org.timezone;
	if (cli->json) {
		json_t *o;

		rc = view_lead_detail(cli->svc, cli->a, id, &o, &cli->err);
		if (!rc)
			cli_print_json(o);
	} else {
		static const char *const head[] = {"WHEN", "EVENT", "STAGE", "BY", "DETAILS"};

		cli_print_lead_card(cli, cli->svc, &l);
		for (i = 0; i < nm; i++) {
			char when[24];

			printf("  %s %lld: %s, %d minutes with %s, booked by %s, %s\n", i ? "       " : "Meeting", (long long)ms[i].id,
			       tz_format(ctx.zone, ms[i].start, when), ms[i].minutes, ms[i].ae, ms[i].booked_by,
			       meeting_status_name(ms[i].status));
		}
		printf("\nTimeline (%s)\n", ctx.zone);
		ctx.table = table_new(5, head);
		rc = store_event_each(cli->svc->store, id, collect_event, &ctx, &cli->err);
		if (!rc)
			table_print(ctx.table, stdout);
		table_free(&ctx.table);
	}
done:
	return cli_exit(rc);
}

struct list_ctx {
	struct cli_rows rows;
	const struct playbook *pb;
};

static int list_one(void *ctx, const struct lead *l)
{
	struct list_ctx *c = ctx;
	char id[CLI_NUM_LEN];
	const char *cells[] = {cli_num(id, l->id),   l->email, l->name,  l->company,
			       stage_name(l->stage), l->owner, l->source, l->grade};

	cli_rows_add(&c->rows, c->rows.arr ? lead_json(l, c->pb) : NULL, cells);
	return 0;
}

static int lead_list(struct cli *cli, int argc, char **argv)
{
	static const char *const head[] = {"ID", "EMAIL", "NAME", "COMPANY", "STAGE", "OWNER", "SOURCE", "GRADE"};
	const char *stage = NULL, *owner = NULL, *source = NULL, *limit = NULL, *offset = NULL, *sort = NULL, *q = NULL;
	struct lead_query lq;
	struct lead_filter *f = &lq.filter;
	const struct list_viewer everyone = {1, NULL};
	const struct cli_opt opts[] = {{"stage", OPT_STR, &stage},
				       {"owner", OPT_STR, &owner},
				       {"source", OPT_STR, &source},
				       {"limit", OPT_STR, &limit},
				       {"offset", OPT_STR, &offset},
				       {"sort", OPT_STR, &sort},
				       {"q", OPT_STR, &q},
				       {"unassigned", OPT_FLAG, &f->unassigned},
				       {NULL, 0, NULL}};
	struct list_ctx ctx = {0};
	enum stage st;
	int rc;

	memset(&lq, 0, sizeof(lq));
	rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (stage && stage_parse(stage, &st))
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "stage", 0,
					"--stage '%s' is not a stage (inquiry, mql, working, handoff, sql, won, live, lost, "
					"filtered, nurture, disqualified, target)",
					stage));
	if ((limit && (rc = cli_int(cli, limit, "limit", 1, INT64_MAX, &lq.sort.limit))) ||
	    (offset && (rc = cli_int(cli, offset, "offset", 0, INT64_MAX, &lq.sort.offset))) ||
	    (rc = sort_parse(sort, lead_sort_fields, lead_sort_fields_n, &lq.sort, &cli->err)) ||
	    (rc = search_query(q, "q", cli->a, &lq.q, &cli->err)))
		return cli_exit(rc);
	f->stage = stage;
	f->owner = owner;
	f->source = source;
	ctx.pb = cli->svc->pb;
	cli_rows_begin(cli, &ctx.rows, 8, head);
	rc = cli_rows_end(&ctx.rows, list_leads(cli->svc, cli->a, &everyone, &lq, list_one, &ctx, NULL, &cli->err));
	if (!rc && !cli->json)
		printf("%lld lead%s\n", (long long)ctx.rows.n, ctx.rows.n == 1 ? "" : "s");
	return cli_exit(rc);
}

static int lead_restore(struct cli *cli, int argc, char **argv)
{
	const char *by = NULL;
	const struct cli_opt opts[] = {{"by", OPT_STR, &by}, {NULL, 0, NULL}};
	struct lead l;
	int64_t id;
	int rc = parse_lead_words(cli, argc, argv, opts, &id);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!by)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "by", 0, "lead restore: --by REP is required"));
	rc = service_restore(cli->svc, cli->a, id, by, &l, &cli->err);
	if (!rc && cli->json)
		cli_print_json(lead_json(&l, cli->svc->pb));
	else if (!rc)
		printf("restore: lead %lld (%s) is %s (%s), owner %s.\n", (long long)l.id, l.email,
		       cli->svc->pb->stages[l.stage].label, stage_name(l.stage), l.owner ? l.owner : "unassigned");
	return cli_exit(rc);
}

int cmd_lead(struct cli *cli, int argc, char **argv)
{
	static const struct cli_sub subs[] = {{"add", lead_add},	    {"import", cli_lead_import}, {"show", lead_show},
					      {"list", lead_list},	    {"restore", lead_restore},   {"assign", cmd_act},
					      {NULL, NULL}};

	return cli_dispatch(cli, cli->cmd, subs, argc, argv);
}
