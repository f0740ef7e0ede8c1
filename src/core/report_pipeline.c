/* report_pipeline.c - the reports of the open opportunities (SPEC section 6, docs/reports.md):
 * `report pipeline`, their value per group and the inbound share; `report forecast`, the value
 * they are expected to win per month of expected close, from the win rates and days to won of
 * the closed history (defaults below FORECAST_MIN_CLOSED), with an 80% interval. */
#include <stdio.h>
#include <string.h>

#include "core/report_priv.h"
#include "util/arena.h"

#define Z80 1.2815515655446004 /* the normal quantile of 0.90: an 80% two-sided interval */

static int is_open_opportunity(const struct report_fact *f)
{
	return f->stage == STAGE_HANDOFF || f->stage == STAGE_SQL;
}

void report_pipeline_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;
	int64_t opened = f->at[STAGE_HANDOFF] ? f->at[STAGE_HANDOFF] : f->at[STAGE_SQL];

	if (!is_open_opportunity(f) || !in_period(r, opened))
		return;
	g = report_group_get(r, report_key_of(r, f, f->worked_by), NULL);
	g->leads++;
	g->value += f->amount;
	g->valued += f->amount > 0;
	g = report_group_get(r, channel_name(f->channel), "~channel");
	g->leads++;
	g->value += f->amount;
}

int report_pipeline_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"key", "opportunities", "valued", "value", "share_of_value"};
	int64_t total = 0, count = 0, in_v = 0, in_n = 0;
	size_t k;

	report_table_init(&out->tables[0], "rows", cols, 5);
	report_groups_sort(r);
	for (k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];

		if (!g->sub) {
			total += g->value;
			count += g->leads;
		} else if (strcmp(g->key, "inbound") == 0) {
			in_v = g->value;
			in_n = g->leads;
		}
	}
	for (k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row;

		if (g->sub)
			continue;
		row = report_table_add(r->a, &out->tables[0]);
		row[0] = c_str(g->key);
		row[1] = c_int(g->leads);
		row[2] = c_int(g->valued);
		row[3] = c_money((double)g->value);
		row[4] = c_rate(g->value, total);
	}
	report_extra(out, "opportunities", c_int(count));
	report_extra(out, "value", c_money((double)total));
	report_extra(out, "inbound_value", c_money((double)in_v));
	report_extra(out, "inbound_share", total > 0 ? c_rate(in_v, total) : c_rate(in_n, count));
	report_extra(out, "inbound_share_basis", c_str(total > 0 ? "value" : "count"));
	return 0;
}

static const enum stage forecast_stages[] = {STAGE_HANDOFF, STAGE_SQL};
#define FORECAST_MIN_CLOSED 20
static const double forecast_default_rate[] = {0.25, 0.40};
static const int64_t forecast_default_days[] = {45, 30};

static void forecast_history(struct report_run *r, const struct report_fact *f)
{
	int won = (f->reached & (1u << STAGE_WON)) != 0, lost = (f->reached & (1u << STAGE_LOST)) != 0;

	if (!won && !lost)
		return;
	for (size_t i = 0; i < 2; i++) {
		enum stage s = forecast_stages[i];

		if (!(f->reached & (1u << s)))
			continue;
		r->closed[s]++;
		if (won) {
			r->won[s]++;
			if (f->at[STAGE_WON] >= f->at[s])
				report_vec_push(r->a, &r->days[s], (f->at[STAGE_WON] - f->at[s]) / 86400);
		}
	}
	if (won && f->amount > 0) {
		r->won_total++;
		r->won_value += f->amount;
	}
}

/* Open opportunities are kept as groups keyed by lead (sub "~opp") until finish. */
void report_forecast_fact(struct report_run *r, const struct report_fact *f)
{
	forecast_history(r, f);
	if (is_open_opportunity(f)) {
		char key[24];
		struct group *g;

		snprintf(key, sizeof(key), "%lld", (long long)f->lead);
		g = report_group_get(r, key, "~opp");
		g->leads = f->stage;
		g->value = f->amount;
		g->handoffs = f->at[f->stage];
	}
}

int report_forecast_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"month", "opportunities", "pipeline_value", "expected_value", "low", "high"};
	static const char *bcols[] = {"stage", "closed", "won", "win_rate", "median_days_to_won", "basis"};
	double rate[STAGE_COUNT] = {0}, mean_won;
	int64_t days[STAGE_COUNT] = {0};
	size_t k, nopp = 0;
	struct group **opps;
	struct report_run tmp;

	report_table_init(&out->tables[0], "rows", cols, 6);
	report_table_init(&out->tables[1], "basis", bcols, 6);
	out->ntables = 2;
	for (size_t i = 0; i < 2; i++) {
		enum stage s = forecast_stages[i];
		int hist = r->closed[s] >= FORECAST_MIN_CLOSED;
		struct cell *row = report_table_add(r->a, &out->tables[1]);

		rate[s] = hist ? (double)r->won[s] / (double)r->closed[s] : forecast_default_rate[i];
		days[s] = hist && r->days[s].n ? report_quantile(r->days[s].v, r->days[s].n, 0.5)
					       : forecast_default_days[i];
		row[0] = c_str(stage_name(s));
		row[1] = c_int(r->closed[s]);
		row[2] = c_int(r->won[s]);
		row[3] = c_share(rate[s]);
		row[4] = c_int(days[s]);
		row[5] = c_str(hist ? "history"
				    : arena_printf(r->a, "default (fewer than %d closed)", FORECAST_MIN_CLOSED));
	}
	mean_won = r->won_total ? (double)r->won_value / (double)r->won_total : 0;
	/* sum the open opportunities into months (new groups keyed by month) */
	opps = arena_alloc(r->a, (r->ngroups + 1) * sizeof(*opps));
	for (k = 0; k < r->ngroups; k++)
		if (r->groups[k]->sub && strcmp(r->groups[k]->sub, "~opp") == 0)
			opps[nopp++] = r->groups[k];
	tmp = *r;
	tmp.groups = NULL;
	tmp.ngroups = tmp.capgroups = 0;
	tmp.slots = NULL;
	tmp.nslots = 0;
	for (k = 0; k < nopp; k++) {
		struct group *o = opps[k], *m;
		enum stage s = (enum stage)o->leads;
		double v = o->value > 0 ? (double)o->value : mean_won, p = rate[s];
		int64_t close = o->handoffs + days[s] * 86400;

		if (close < r->o.now)
			close = r->o.now; /* overdue: expected this month */
		m = report_group_get(&tmp, report_month_key(&tmp, close), NULL);
		m->leads++;
		m->value += (int64_t)v;
		m->ev += v * p;
		m->var += v * v * p * (1 - p);
	}
	report_groups_sort(&tmp);
	double tot_ev = 0, tot_var = 0;
	for (k = 0; k < tmp.ngroups; k++) {
		struct group *m = tmp.groups[k];
		struct cell *row = report_table_add(r->a, &out->tables[0]);
		double sd = sqrt(m->var);

		row[0] = c_str(m->key);
		row[1] = c_int(m->leads);
		row[2] = c_money((double)m->value);
		row[3] = c_money(m->ev);
		row[4] = c_money(m->ev - Z80 * sd > 0 ? m->ev - Z80 * sd : 0);
		row[5] = c_money(m->ev + Z80 * sd);
		tot_ev += m->ev;
		tot_var += m->var;
	}
	report_extra(out, "open_opportunities", c_int((int64_t)nopp));
	report_extra(out, "expected_value", c_money(tot_ev));
	report_extra(out, "low", c_money(tot_ev - Z80 * sqrt(tot_var) > 0 ? tot_ev - Z80 * sqrt(tot_var) : 0));
	report_extra(out, "high", c_money(tot_ev + Z80 * sqrt(tot_var)));
	report_extra(out, "interval", c_real(0.8, 2));
	report_extra(out, "mean_won_amount", c_money(mean_won));
	return 0;
}
