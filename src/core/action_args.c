/* action_args.c - the tables of action, intake and rep arguments and their setters; see
 * action_args.h. */
#include "core/action_args.h"

#include <string.h>

#include "core/clock.h"
#include "core/lead.h"
#include "core/rep.h"
#include "core/tz.h"

#define IN(field) offsetof(struct action_input, field)
#define LEAD(field) offsetof(struct lead, field)
#define REP(field) offsetof(struct rep, field)
#define ACTS_CLOSE (ARG_ACT(ACT_WIN) | ARG_ACT(ACT_LOSE))

const struct arg_spec action_args[] = {
	{"kind", ARG_TEXT, IN(req.kind), 0, ARG_ACT(ACT_TOUCH), NULL},
	{"outcome", ARG_TEXT, IN(req.outcome), 0, ARG_ACT(ACT_TOUCH), NULL},
	{"outcome", ARG_OUTCOME, IN(req.action), 0, ACTS_CLOSE, NULL},
	{"note", ARG_TEXT, IN(req.note), 0, ARG_ACT(ACT_TOUCH), NULL},
	{"variant", ARG_TEXT, IN(req.variant), 0, ARG_ACT(ACT_TOUCH), NULL},
	{"minutes", ARG_WHOLE, IN(req.minutes), BOUND_TOUCH_MINUTES, ARG_ACT(ACT_TOUCH), NULL},
	{"set", ARG_KV, IN(req.set), 0, ARG_ACT(ACT_QUALIFY), NULL},
	{"to", ARG_TEXT, IN(to), 0, ARG_ACT(ACT_HANDOFF) | ARG_ACT(ACT_ASSIGN) | ARG_ACT(ACT_EXPAND), NULL},
	{"meeting", ARG_TIME, IN(req.meeting_start), 0, ARG_ACT(ACT_HANDOFF), NULL},
	{"minutes", ARG_WHOLE, IN(req.meeting_minutes), BOUND_MEETING_MINUTES, ARG_ACT(ACT_HANDOFF), NULL},
	{"notes", ARG_KV, IN(req.notes), 0, ARG_ACT(ACT_HANDOFF) | ARG_ACT(ACT_EXPAND), "note"},
	{"amount", ARG_AMOUNT, IN(req.amount_cents), 0,
	 ARG_ACT(ACT_ACCEPT) | ARG_ACT(ACT_WIN) | ARG_ACT(ACT_RENEW) | ARG_ACT(ACT_EXPAND), NULL},
	{"term_months", ARG_WHOLE, IN(req.term_months), BOUND_TERM_MONTHS, ARG_ACT(ACT_WIN) | ARG_ACT(ACT_RENEW),
	 "term-months"},
	{"reason", ARG_TEXT, IN(req.reason), 0,
	 ARG_ACT(ACT_REJECT) | ARG_ACT(ACT_NURTURE) | ARG_ACT(ACT_DISQUALIFY) | ACTS_CLOSE | ARG_ACT(ACT_ASSIGN) |
		 ARG_ACT(ACT_CHURN),
	 NULL},
	{"until", ARG_UNTIL, IN(req.until), 0, ARG_ACT(ACT_REJECT) | ARG_ACT(ACT_NURTURE), NULL},
};
const size_t action_args_n = sizeof(action_args) / sizeof(action_args[0]);

const struct arg_spec intake_args[] = {
	{"email", ARG_TEXT, LEAD(email), 0, 0, NULL},
	{"name", ARG_TEXT, LEAD(name), 0, 0, NULL},
	{"title", ARG_TEXT, LEAD(title), 0, 0, NULL},
	{"company", ARG_TEXT, LEAD(company), 0, 0, NULL},
	{"phone", ARG_TEXT, LEAD(phone), 0, 0, NULL},
	{"mobile", ARG_TEXT, LEAD(mobile), 0, 0, NULL},
	{"source", ARG_TEXT, LEAD(source), 0, 0, NULL},
	{"channel", ARG_CHANNEL, LEAD(channel), 0, 0, NULL},
	{"segment", ARG_TEXT, LEAD(segment), 0, 0, NULL},
	{"employees", ARG_WHOLE, LEAD(employees), BOUND_EMPLOYEES, 0, NULL},
	{"country", ARG_TEXT, LEAD(country), 0, 0, NULL},
	{"timezone", ARG_TEXT, LEAD(timezone), 0, 0, NULL},
};
const size_t intake_args_n = sizeof(intake_args) / sizeof(intake_args[0]);

const struct arg_spec meeting_args[] = {
	{"at", ARG_TIME, offsetof(struct meeting_input, at), 0, 0, NULL},
	{"initiator", ARG_TEXT, offsetof(struct meeting_input, initiator), 0, 0, NULL},
};
const size_t meeting_args_n = sizeof(meeting_args) / sizeof(meeting_args[0]);

const struct arg_spec rep_args[] = {
	{"weight", ARG_WHOLE, REP(weight), BOUND_WEIGHT, 0, NULL},
	{"email", ARG_TEXT, REP(email), 0, 0, NULL},
	{"slack", ARG_TEXT, REP(slack), 0, 0, NULL},
	{"full_name", ARG_TEXT, REP(full_name), 0, 0, "full-name"},
};
const size_t rep_args_n = sizeof(rep_args) / sizeof(rep_args[0]);

const struct arg_spec *arg_find(const struct arg_spec *t, size_t n, const char *name, unsigned mask)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0 && (!mask || (t[i].actions & mask)))
			return &t[i];
	return NULL;
}

const char *arg_cli_name(const struct arg_spec *s)
{
	return s->cli ? s->cli : s->name;
}

void *arg_field(const struct arg_spec *s, void *base)
{
	return (char *)base + s->offset;
}

void action_input_init(struct action_input *in, enum action act)
{
	memset(in, 0, sizeof(*in));
	in->req.action = act;
	in->req.meeting_minutes = 30;
}

int arg_until(const char *zone, const char *s, int64_t *out, struct bt_error *err)
{
	int64_t day;

	if (s && clock_parse_rfc3339(s, out) == 0)
		return 0;
	if (!s || clock_parse_date(s, &day))
		return bt_fail(err, BT_BAD_INPUT, "until", 0,
			       "until must be a date (YYYY-MM-DD) or an RFC 3339 time, got '%s'", s ? s : "");
	if (tz_utc(zone, day, 0, out))
		return bt_fail(err, BT_STORAGE, "timezone", 0, "unknown time zone %s", zone ? zone : "");
	return 0;
}

int arg_outcome(const char *s, enum action *out)
{
	if (s && strcmp(s, "won") == 0)
		*out = ACT_WIN;
	else if (s && strcmp(s, "lost") == 0)
		*out = ACT_LOSE;
	else
		return -1;
	return 0;
}

void intake_default_source(struct lead *l)
{
	if (!l->source || !l->source[0])
		l->source = l->channel == CHANNEL_OUTBOUND ? "target_list" : "web_form";
}

/* ---------------------------------------------------------------- the setters, one per kind */

static int set_text(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx, struct bt_error *err)
{
	*(const char **)f = t;
	return 0;
}

static int set_whole(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx, struct bt_error *err)
{
	return bound_int_text(s->bound, t, f, err);
}

static int set_amount(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx, struct bt_error *err)
{
	return bound_amount_text(t, f, err);
}

static int set_time(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (clock_parse_rfc3339(t, f))
		return bt_fail(
			err, BT_BAD_INPUT, s->name, 0,
			"--%s must be an RFC 3339 time such as 2026-11-23T09:00:00Z or 2026-11-23T10:00:00+01:00, got '%s'",
			s->name, t ? t : "");
	return 0;
}

static int set_until(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx, struct bt_error *err)
{
	return arg_until(ctx ? ctx->zone : NULL, t, f, err);
}

static int set_kv(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx, struct bt_error *err)
{
	return bt_fail(err, BT_USAGE, s->name, 0, "--%s takes key=value words", s->name);
}

/* Refuses text t for row s with `code`: "<what>, got '<t>'"; returns -code. */
static int refuse(const struct arg_spec *s, const char *t, enum bt_code code, const char *what, struct bt_error *err)
{
	return bt_fail(err, code, s->name, 0, "%s, got '%s'", what, t ? t : "");
}

static int set_channel(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx,
		       struct bt_error *err)
{
	return channel_parse(t, f) ? refuse(s, t, BT_BAD_INPUT, "--channel must be inbound or outbound", err) : 0;
}

static int set_outcome(const struct arg_spec *s, void *f, const char *t, const struct arg_ctx *ctx,
		       struct bt_error *err)
{
	return arg_outcome(t, f) ? refuse(s, t, BT_USAGE, "close: the outcome must be won or lost", err) : 0;
}

static int (*const text_setters[ARG_KIND_COUNT])(const struct arg_spec *, void *, const char *, const struct arg_ctx *,
						 struct bt_error *) = {
	[ARG_TEXT] = set_text,   [ARG_WHOLE] = set_whole, [ARG_AMOUNT] = set_amount,   [ARG_TIME] = set_time,
	[ARG_UNTIL] = set_until, [ARG_KV] = set_kv,       [ARG_CHANNEL] = set_channel, [ARG_OUTCOME] = set_outcome,
};

int arg_set_text(const struct arg_spec *s, void *base, const char *text, const struct arg_ctx *ctx,
		 struct bt_error *err)
{
	return text_setters[s->kind](s, arg_field(s, base), text, ctx, err);
}
