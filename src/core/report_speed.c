/* report_speed.c - `report speed` (SPEC section 6, docs/reports.md): speed to lead per group,
 * the p50 and p90 minutes from creation to the first touch of the MQLs the speed-to-lead rule
 * covers, and the share touched within the rule's time. Leads imported as history (SPEC 8.8)
 * are left out, and counted in a note. */
#include <string.h>

#include "core/lead.h"
#include "core/playbook.h"
#include "core/report_priv.h"

/* 1 if the speed-to-lead rule (or, when it is off, the inbound channel) covers the lead. */
static int speed_applies(const struct report_run *r, const struct report_fact *f)
{
	const struct pb_speed_to_lead *s = &r->o.pb->sla.speed_to_lead;

	if (!s->on)
		return f->channel == CHANNEL_INBOUND;
	if (s->channel >= 0 && (int)f->channel != s->channel)
		return 0;
	if (s->sources.n) {
		for (size_t i = 0; i < s->sources.n; i++)
			if (f->source && strcmp(s->sources.items[i], f->source) == 0)
				return 1;
		return 0;
	}
	return 1;
}

void report_speed_fact(struct report_run *r, const struct report_fact *f)
{
	const struct pb_speed_to_lead *s = &r->o.pb->sla.speed_to_lead;
	int64_t n = f->count > 0 ? f->count : 1;
	struct group *g;

	if (!in_period(r, f->created_at) || !(f->reached & (1u << STAGE_MQL)) || !speed_applies(r, f))
		return;
	if (f->speed == LEAD_SPEED_HISTORY) { /* its window was over before it was imported */
		r->history += n;
		return;
	}
	g = report_group_get(r, report_key_of(r, f, f->worked_by), NULL);
	g->leads += n;
	if (f->speed >= 0) {
		g->touched += n;
		/* (minutes, leads) pairs: report_quantile_counted */
		report_vec_push(r->a, &g->speeds, f->speed);
		report_vec_push(r->a, &g->speeds, n);
		if (s->on && f->speed <= s->within)
			g->within += n;
	}
}

int report_speed_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"key",         "leads",       "touched",    "untouched",
				     "p50_minutes", "p90_minutes", "within_sla", "share_within_sla"};
	const struct pb_speed_to_lead *s = &r->o.pb->sla.speed_to_lead;

	report_table_init(&out->tables[0], "rows", cols, 8);
	if (r->o.by == BY_NONE)
		report_group_get(r, "all", NULL);
	report_groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = report_table_add(r->a, &out->tables[0]);

		row[0] = c_str(g->key);
		row[1] = c_int(g->leads);
		row[2] = c_int(g->touched);
		row[3] = c_int(g->leads - g->touched);
		if (g->touched) {
			row[4] = c_int(report_quantile_counted(g->speeds.v, g->speeds.n / 2, 0.5));
			row[5] = c_int(report_quantile_counted(g->speeds.v, g->speeds.n / 2, 0.9));
		}
		if (s->on) {
			row[6] = c_int(g->within);
			row[7] = c_rate(g->within, g->leads);
		}
	}
	report_extra(out, "sla_minutes", s->on ? c_int(s->within) : c_null());
	report_extra(out, "business_time", c_bool(s->on && s->business_time));
	report_history_note(r, out);
	return 0;
}
