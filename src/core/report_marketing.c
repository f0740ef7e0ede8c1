/* report_marketing.c - `report marketing` (SPEC section 6, docs/reports.md): per period (the
 * playbook's week, month or quarter) the filter rate, MQL to SQL, acceptance and inbound
 * pipeline share, each against the playbook's minimum, pass or fail. */
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "core/report_priv.h"
#include "core/tz.h"
#include "util/arena.h"

/* The period of instant t: "2026-11" (month), "2026-Q4" (quarter) or "2026-W48" (ISO week). */
static const char *period_key(struct report_run *r, int64_t t)
{
	const char *p = r->o.pb->sla.marketing.on ? r->o.pb->sla.marketing.period : "month";
	const char *m = report_month_key(r, t);
	struct local_time lt;

	if (p && strcmp(p, "quarter") == 0 && strlen(m) == 7) {
		long mon = strtol(m + 5, NULL, 10);

		return arena_printf(r->a, "%.4s-Q%ld", m, (mon - 1) / 3 + 1);
	}
	if (p && strcmp(p, "week") == 0 && tz_local(r->o.pb->org.timezone, t, &lt) == 0) {
		/* the Monday of its week, as a date */
		char buf[16];

		return arena_printf(r->a, "week of %s", clock_format_date(lt.day - lt.weekday, buf));
	}
	return m;
}

void report_marketing_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;

	if (!in_period(r, f->created_at))
		return;
	g = report_group_get(r, period_key(r, f->created_at), NULL);
	if (f->reached & (1u << STAGE_SQL)) { /* the period's new pipeline */
		g->opps++;
		g->value += f->amount;
		if (f->channel == CHANNEL_INBOUND) {
			g->opps_in++;
			g->value_in += f->amount;
		}
	}
	if (f->channel != CHANNEL_INBOUND)
		return;
	g->leads++;
	if (f->reached & (1u << STAGE_FILTERED))
		g->reached[STAGE_FILTERED]++;
	if (f->reached & (1u << STAGE_MQL)) {
		g->reached[STAGE_MQL]++;
		if (f->reached & (1u << STAGE_SQL))
			g->pairs[0]++;
	}
	if (f->reached & (1u << STAGE_HANDOFF)) {
		g->handoffs++;
		if (f->reached & (1u << STAGE_SQL))
			g->accepted++;
	}
}

/* One metric of a period; money: num and den are cents, shown in currency units. */
static void marketing_row(struct report_run *r, struct report_table *t, const char *period, const char *metric,
			  int64_t num, int64_t den, double min, int has_min, int money)
{
	struct cell *row = report_table_add(r->a, t);
	double v = den > 0 ? (double)num / (double)den : NAN;

	row[0] = c_str(period);
	row[1] = c_str(metric);
	row[2] = c_rate(num, den);
	row[3] = money ? c_money((double)num) : c_int(num);
	row[4] = money ? c_money((double)den) : c_int(den);
	if (has_min) {
		row[5] = c_share(min);
		row[6] = den > 0 ? c_bool(v >= min) : c_null();
	}
}

int report_marketing_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"period", "metric", "value", "numerator", "denominator", "minimum", "pass"};
	const struct pb_sla *sla = &r->o.pb->sla;
	int on = sla->marketing.on, fails = 0;

	report_table_init(&out->tables[0], "rows", cols, 7);
	report_groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct report_table *t = &out->tables[0];
		int by_value = g->value > 0;
		struct cell *row = report_table_add(r->a, t);

		row[0] = c_str(g->key);
		row[1] = c_str("inquiries");
		row[2] = row[3] = c_int(g->leads);
		marketing_row(r, t, g->key, "filter_rate", g->reached[STAGE_FILTERED], g->leads, 0, 0, 0);
		marketing_row(r, t, g->key, "mql_to_sql", g->pairs[0], g->reached[STAGE_MQL],
			      sla->marketing.mql_to_sql_min, on, 0);
		marketing_row(r, t, g->key, "acceptance", g->accepted, g->handoffs, sla->marketing.acceptance_min, on,
			      0);
		marketing_row(r, t, g->key, "inbound_pipeline_share", by_value ? g->value_in : g->opps_in,
			      by_value ? g->value : g->opps, sla->marketing.inbound_pipeline_share_min, on, by_value);
	}
	for (size_t i = 0; i < out->tables[0].nrows; i++) {
		struct cell *c = &out->tables[0].cells[i * 7 + 6];

		fails += c->kind == CELL_BOOL && !c->i;
	}
	report_extra(out, "period", c_str(on ? sla->marketing.period : "month"));
	report_extra(out, "failing", c_int(fails));
	return 0;
}
