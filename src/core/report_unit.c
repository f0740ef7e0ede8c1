/* report_unit.c - `report unit` (SPEC 8.12): the lifetime value of a customer against what it
 * cost to win one, per channel (inbound, outbound) and for all. Its inputs: the won leads'
 * channels (their facts), the customers' won, renewed and churned events, the reps in the store
 * and the playbook's economics. Over the period [from, to):
 *   LTV = the mean annual value of the customers won in it x gross_margin / churn rate, the churn
 *         rate being churned / (renewed + churned) over the renewal dates in the period (null,
 *         with its reason, when nothing churned or nothing was due);
 *   CAC = the costs of the period / the customers won in it: each active rep costs its role's
 *         cost_per_rep_year for the years it was in the store during the period, marketing its
 *         spend per month. MRRs and marketing are inbound's, SDRs outbound's; AEs and CSMs are
 *         shared by the channels in proportion to their new customers.
 * Every input is a column or an extra of the report, so that each figure can be recomputed. */
#include <string.h>

#include "core/playbook.h"
#include "core/report_priv.h"

#define YEAR_SECONDS (365.0 * 86400.0)

double report_unit_years(int64_t start, int64_t end)
{
	return end > start ? (double)(end - start) / YEAR_SECONDS : 0.0;
}

int report_unit_ltv(double annual_value, double gross_margin, double churn_rate, double *ltv)
{
	if (!(churn_rate > 0.0))
		return -1;
	*ltv = annual_value * gross_margin / churn_rate;
	return 0;
}

int report_unit_cac(double direct, double shared, int64_t customers, int64_t all_customers, double *cac)
{
	if (customers <= 0 || all_customers <= 0)
		return -1;
	*cac = (direct + shared * (double)customers / (double)all_customers) / (double)customers;
	return 0;
}

void report_unit_fact(struct report_run *r, const struct report_fact *f)
{
	if (f->reached & (1u << STAGE_WON))
		report_customer(r, f->lead)->channel = (int)f->channel;
}

void report_unit_event(struct report_run *r, const struct report_event *ev)
{
	struct customer *c;
	int64_t date;

	if (ev->lead <= 0)
		return;
	c = report_customer(r, ev->lead);
	switch (ev->type) {
	case EV_WON:
		c->renews_at = ev->renews_at;
		if (!ev->parent && in_period(r, ev->at)) {
			c->is_new = 1;
			c->new_value = ev->amount;
		}
		break;
	case EV_RENEWED:
		c->renewals += ev->starts_at && in_period(r, ev->starts_at);
		c->renews_at = ev->renews_at;
		break;
	case EV_CHURNED:
		date = ev->renews_at ? ev->renews_at : c->renews_at;
		c->churns += date && in_period(r, date);
		c->renews_at = 0;
		break;
	default: break;
	}
}

/* What one row (a channel, or all: channel < 0) adds up. */
struct unit_sums {
	int64_t customers, value, renewals, churns; /* value: cents */
};

static void sum_channel(const struct report_run *r, int channel, struct unit_sums *s)
{
	int64_t id;

	memset(s, 0, sizeof(*s));
	for (id = 0; id < r->ncustomer_slots; id++) {
		const struct customer *c = r->customers[id];

		if (!c || (channel >= 0 && c->channel != channel))
			continue;
		s->customers += c->is_new;
		s->value += c->is_new ? c->new_value : 0;
		s->renewals += c->renewals;
		s->churns += c->churns;
	}
}

/* The costs of the period by role (units of the currency) and the rep-years behind them; the
 * period runs from `start` (from, else the first rep's arrival) to the earlier of to and now. */
struct unit_costs {
	double rep_years[ROLE_COUNT];
	double cost[ROLE_COUNT];
	double months, marketing;
};

static void period_costs(const struct report_run *r, const struct pb_economics *e, struct unit_costs *k)
{
	int64_t start = r->o.from, end = r->o.to < r->o.now ? r->o.to : r->o.now;
	size_t i;
	int role;

	memset(k, 0, sizeof(*k));
	if (start <= INT64_MIN / 4) { /* no --from: since the first rep came */
		start = end;
		for (i = 0; i < r->o.nreps; i++)
			if (r->o.reps[i].created_at < start)
				start = r->o.reps[i].created_at;
	}
	for (i = 0; i < r->o.nreps; i++) {
		const struct report_rep *p = &r->o.reps[i];

		if (p->active && (unsigned)p->role < ROLE_COUNT)
			k->rep_years[p->role] += report_unit_years(p->created_at > start ? p->created_at : start, end);
	}
	for (role = 0; role < ROLE_COUNT; role++)
		k->cost[role] = k->rep_years[role] * (double)e->cost_per_rep_year[role];
	k->months = report_unit_years(start, end) * 12.0;
	k->marketing = k->months * (double)e->marketing_spend_month;
}

static void unit_row(struct report_run *r, struct report_table *t, const char *key, int channel,
		     const struct pb_economics *e, const struct unit_costs *k)
{
	struct unit_sums s, all;
	struct cell *row = report_table_add(r->a, t);
	double shared = k->cost[ROLE_AE] + k->cost[ROLE_CSM];
	double mrr = channel != CHANNEL_OUTBOUND ? k->cost[ROLE_MRR] : 0.0;
	double sdr = channel != CHANNEL_INBOUND ? k->cost[ROLE_SDR] : 0.0;
	double market = channel != CHANNEL_OUTBOUND ? k->marketing : 0.0;
	double share, ltv = 0.0, cac = 0.0, mean = 0.0, churn = 0.0;
	int has_ltv = 0, has_cac;
	const char *why = NULL;

	sum_channel(r, channel, &s);
	sum_channel(r, -1, &all);
	/* all bears every shared cost; a channel its share of the new customers (none without any) */
	share = channel < 0 ? 1.0 : all.customers ? (double)s.customers / (double)all.customers : 0.0;
	if (s.customers)
		mean = (double)s.value / 100.0 / (double)s.customers;
	if (s.renewals + s.churns)
		churn = (double)s.churns / (double)(s.renewals + s.churns);
	if (!s.customers)
		why = "no customer was won in the period: no annual value";
	else if (!(s.renewals + s.churns))
		why = "no renewal dated in the period was decided: no churn rate";
	else if (report_unit_ltv(mean, e->gross_margin, churn, &ltv))
		why = "no customer churned: the churn rate is 0, the lifetime unbounded";
	else
		has_ltv = 1;
	has_cac = report_unit_cac(mrr + sdr + market, shared, s.customers, all.customers, &cac) == 0;
	row[0] = c_str(key);
	row[1] = c_int(s.customers);
	row[2] = s.customers ? c_real(mean, 2) : c_null();
	row[3] = c_real(e->gross_margin, 4);
	row[4] = c_int(s.renewals);
	row[5] = c_int(s.churns);
	row[6] = c_rate(s.churns, s.renewals + s.churns);
	row[7] = has_ltv ? c_real(ltv, 2) : c_null();
	row[8] = why ? c_str(why) : c_null();
	row[9] = c_real(mrr, 2);
	row[10] = c_real(sdr, 2);
	row[11] = c_real(market, 2);
	row[12] = c_real(shared, 2);
	row[13] = c_real(share, 4);
	row[14] = c_real(mrr + sdr + market + shared * share, 2);
	row[15] = has_cac ? c_real(cac, 2) : c_null();
	row[16] = has_ltv && has_cac && cac > 0.0 ? c_real(ltv / cac, 2) : c_null();
}

int report_unit_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {
		"key",      "new_customers",   "annual_value", "gross_margin",    "renewed",
		"churned",  "churn_rate",      "ltv",          "ltv_null_reason", "cost_mrr",
		"cost_sdr", "marketing_spend", "cost_shared",  "shared_share",    "cost",
		"cac",      "ltv_to_cac",
	};
	static const char *const years_keys[ROLE_COUNT] = {"rep_years_mrr", "rep_years_sdr", "rep_years_ae",
							   "rep_years_csm", NULL};
	static const char *const cost_keys[ROLE_COUNT] = {"cost_mrr", "cost_sdr", "cost_ae", "cost_csm", NULL};
	const struct pb_economics *e = &r->o.pb->economics;
	struct unit_costs k;
	int role;

	if (!e->on)
		return bt_fail(err, BT_REFUSED, "economics", 0,
			       "report unit needs the playbook's economics section (gross_margin, cost_per_rep_year, "
			       "marketing_spend_month)");
	period_costs(r, e, &k);
	memset(out, 0, sizeof(*out));
	out->name = "unit";
	out->ntables = 1;
	report_table_init(&out->tables[0], "rows", cols, sizeof(cols) / sizeof(cols[0]));
	unit_row(r, &out->tables[0], "inbound", CHANNEL_INBOUND, e, &k);
	unit_row(r, &out->tables[0], "outbound", CHANNEL_OUTBOUND, e, &k);
	unit_row(r, &out->tables[0], "all", -1, e, &k);
	report_extra(out, "months", c_real(k.months, 4));
	report_extra(out, "marketing_spend_month", c_int(e->marketing_spend_month));
	for (role = ROLE_MRR; role <= ROLE_CSM; role++) {
		report_extra(out, years_keys[role], c_real(k.rep_years[role], 4));
		report_extra(out, cost_keys[role], c_real(k.cost[role], 2));
	}
	return 0;
}
