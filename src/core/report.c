/* report.c - the reports of SPEC section 6 and 8.5 over streamed lead facts, obligations,
 * handoff and routing events; see report.h and docs/reports.md, which defines every column.
 * Each report is a kind in the table below: what it reads, which --by it takes, and the steps
 * (in report_<name>.c, see report_priv.h) that add a row of input to its groups and turn the
 * groups into tables. This file starts a run, hands it each row of input and finishes it
 * through the report's steps. */
#include "core/report.h"

#include <string.h>

#include "core/report_priv.h"
#include "util/arena.h"
#include "util/names.h"

static const char *const by_names[BY_COUNT] = {"none", "source", "channel", "segment", "rep", "team", "month"};

int report_by_parse(const char *s, enum report_by *out)
{
	int i = names_find(by_names, BY_COUNT, s);

	if (i <= BY_NONE) /* "none" is not a --by */
		return -1;
	*out = (enum report_by)i;
	return 0;
}

const char *report_by_name(enum report_by by)
{
	return names_at(by_names, BY_COUNT, (int)by, "none");
}

/* ---------------------------------------------------------------- the table of reports */

static const struct report_kind kinds[] = {
	{"funnel", NEED_FACTS, REPORT_ANY_BY, BY_NONE, report_funnel_fact, NULL, NULL, NULL, report_funnel_finish},
	{"speed", NEED_FACTS, REPORT_ANY_BY, BY_NONE, report_speed_fact, NULL, NULL, NULL, report_speed_finish},
	{"sla", NEED_OBLIGATIONS | NEED_HISTORY, REPORT_ANY_BY, BY_NONE, NULL, report_sla_obligation, NULL, NULL,
	 report_sla_finish},
	{"handoff", NEED_EVENTS, 0, BY_NONE, NULL, NULL, report_handoff_event, NULL, report_handoff_finish},
	{"followup", NEED_OBLIGATIONS, REPORT_ANY_BY, BY_NONE, NULL, report_followup_obligation, NULL, NULL,
	 report_followup_finish},
	{"pipeline", NEED_FACTS, REPORT_ANY_BY, BY_SOURCE, report_pipeline_fact, NULL, NULL, NULL,
	 report_pipeline_finish},
	{"marketing", NEED_FACTS, 0, BY_NONE, report_marketing_fact, NULL, NULL, NULL, report_marketing_finish},
	{"forecast", NEED_FACTS, 0, BY_NONE, report_forecast_fact, NULL, NULL, NULL, report_forecast_finish},
	{"ab", NEED_FACTS, 0, BY_NONE, report_ab_fact, NULL, NULL, NULL, report_ab_finish},
	{"routing", NEED_ROUTING, 0, BY_NONE, NULL, NULL, NULL, report_routing_routed, report_routing_finish},
	{"customers", NEED_FACTS | NEED_CUSTOMERS,
	 REPORT_BY_BIT(BY_REP) | REPORT_BY_BIT(BY_SEGMENT) | REPORT_BY_BIT(BY_MONTH), BY_NONE, report_customers_fact,
	 NULL, report_customers_event, NULL, report_customers_finish},
	{"unit", NEED_FACTS | NEED_CUSTOMERS, 0, BY_NONE, report_unit_fact, NULL, report_unit_event, NULL,
	 report_unit_finish},
};

static const struct report_kind *kind_find(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

int report_known(const char *name)
{
	return kind_find(name) != NULL;
}

const char *report_names(void)
{
	return "funnel, speed, sla, handoff, followup, pipeline, marketing, forecast, ab, routing, customers, unit";
}

int report_light(const char *name)
{
	return strcmp(name, "funnel") == 0 || strcmp(name, "speed") == 0 || strcmp(name, "marketing") == 0;
}

enum report_facts report_counted_facts(const char *name, enum report_by by)
{
	/* what the index lead_facts_funnel holds (migration 20): reached, source, channel, speed */
	int indexed = by == BY_NONE || by == BY_SOURCE || by == BY_CHANNEL;

	if (strcmp(name, "funnel") == 0 && indexed)
		return by == BY_NONE ? REPORT_FACTS_REACHED : REPORT_FACTS_SOURCE;
	if (strcmp(name, "speed") == 0 && indexed)
		return REPORT_FACTS_SPEED;
	return REPORT_FACTS_EACH;
}

enum report_obligations report_obligations_how(const char *name, enum report_by by)
{
	if (strcmp(name, "sla") != 0 || (by != BY_NONE && by != BY_REP && by != BY_TEAM))
		return REPORT_OB_WITH_FACTS;
	return by == BY_NONE ? REPORT_OB_COUNTED : REPORT_OB_BARE;
}

unsigned report_needs(const char *name)
{
	const struct report_kind *k = kind_find(name);

	return k ? k->needs : 0;
}

struct report_run *report_start(const char *name, const struct report_opts *o, struct arena *a, struct bt_error *err)
{
	const struct report_kind *k = kind_find(name);
	struct report_run *r;

	if (!k) {
		bt_fail(err, BT_USAGE, "report", 0, "unknown report '%s' (known: %s, credit)", name, report_names());
		return NULL;
	}
	if (o->by != BY_NONE && !(k->by & REPORT_BY_BIT(o->by))) {
		if (k->by == REPORT_BY_BIT(BY_REP))
			bt_fail(err, BT_USAGE, "by", 0, "report %s groups by rep only, not '%s'", name,
				report_by_name(o->by));
		else if (k->by == (REPORT_BY_BIT(BY_REP) | REPORT_BY_BIT(BY_MONTH)))
			bt_fail(err, BT_USAGE, "by", 0, "report %s groups by rep or month, not '%s'", name,
				report_by_name(o->by));
		else if (k->by)
			bt_fail(err, BT_USAGE, "by", 0,
				"report %s groups by source, channel, segment, rep, team or month, not '%s'", name,
				report_by_name(o->by));
		else
			bt_fail(err, BT_USAGE, "by", 0, "report %s takes no --by", name);
		return NULL;
	}
	r = arena_alloc(a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->kind = k;
	r->o = *o;
	if (r->o.by == BY_NONE)
		r->o.by = k->default_by;
	r->a = a;
	{
		static const char *acols[] = {"at", "ae", "source", "consecutive_rejections", "lead"};

		report_table_init(&r->alerts, "alerts", acols, 5);
	}
	return r;
}

void report_fact(struct report_run *r, const struct report_fact *f)
{
	if (r->kind->fact)
		r->kind->fact(r, f);
}

void report_obligation(struct report_run *r, const struct report_obligation *o)
{
	if (r->kind->obligation)
		r->kind->obligation(r, o);
}

void report_event(struct report_run *r, const struct report_event *ev)
{
	if (r->kind->event)
		r->kind->event(r, ev);
}

void report_routed(struct report_run *r, const struct event *ev)
{
	if (r->kind->routed)
		r->kind->routed(r, ev);
}

void report_routed_count(struct report_run *r, const char *rep, const char *kind, int64_t n)
{
	if (r->kind->routed == report_routing_routed)
		report_routing_count(r, rep, kind, n);
}

void report_history(struct report_run *r, int64_t n)
{
	r->history = n;
}

int report_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	memset(out, 0, sizeof(*out));
	out->name = r->kind->name;
	out->ntables = 1;
	return r->kind->finish(r, out, err);
}
