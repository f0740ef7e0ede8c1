/* report_customers.c - `report customers` (SPEC 8.12): the customers' won, live, renewed and
 * churned events, in id order, followed per customer. Over the period [from, to): the customers
 * live at its end, those that went live in it and their mean days from won to live; over the
 * contract periods whose renewal date falls in it: renewals due, renewed, churned (a churn or a
 * lapse, whenever it happened), still pending (neither yet), and the retention of the decided
 * ones: gross = sum of min(new, previous annual value) / sum of previous, net = sum of new /
 * sum of previous (a churned customer's new value is 0), net = (sum of new + the expansions won
 * in the period on those customers) / sum of previous; expansion_won is every expansion won in
 * the period (its customer's `expanded` events), expansions how many. One row keyed all, or one per CSM (--by rep:
 * who the customer went to at live, else the rep who took it live), or one per month in the
 * org's zone (--by month: the month of the live, of the renewal date; live: at the end of each
 * month, or at the period's end or now for the last; an expansion in the month of its
 * customer's decided renewal, else of its live). */
#include <string.h>

#include "core/report_priv.h"
#include "util/arena.h"

struct customer *report_customer(struct report_run *r, int64_t id)
{
	if (id >= r->ncustomer_slots) {
		int64_t n = r->ncustomer_slots ? r->ncustomer_slots : 1024;
		struct customer **t;

		while (n <= id)
			n *= 2;
		t = arena_alloc(r->a, (size_t)n * sizeof(*t));
		memset(t, 0, (size_t)n * sizeof(*t));
		if (r->ncustomer_slots)
			memcpy(t, r->customers, (size_t)r->ncustomer_slots * sizeof(*t));
		r->customers = t;
		r->ncustomer_slots = n;
	}
	if (!r->customers[id]) {
		r->customers[id] = arena_alloc(r->a, sizeof(**r->customers));
		memset(r->customers[id], 0, sizeof(**r->customers));
	}
	return r->customers[id];
}

/* The group of customer c for what happened (or falls due) at t: its CSM by rep, t's month by
 * month, else the one row. */
static struct group *group_of(struct report_run *r, const struct customer *c, int64_t t)
{
	switch (r->o.by) {
	case BY_REP: return report_group_get(r, c->csm ? c->csm : "(none)", NULL);
	case BY_SEGMENT: return report_group_get(r, c->segment ? c->segment : "(none)", NULL);
	case BY_MONTH: return report_group_get(r, report_month_key(r, t), NULL);
	default: return report_group_get(r, "all", NULL);
	}
}

void report_customers_fact(struct report_run *r, const struct report_fact *f)
{
	if ((f->reached & (1u << STAGE_WON)) && f->segment)
		report_customer(r, f->lead)->segment = arena_strdup(r->a, f->segment);
}

/* --by month: counts customer c as live in each month of the period at whose end (or at the
 * period's end, or now, whichever comes first) it is live. */
static void live_by_month(struct report_run *r, const struct customer *c)
{
	int64_t stop = r->o.to < r->o.now ? r->o.to : r->o.now;
	int64_t t = c->live_at > r->o.from ? c->live_at : r->o.from, end;
	const char *key;

	while (t < stop) {
		key = report_month_key(r, t);
		end = r->month_hi < stop ? r->month_hi : stop;
		if (c->live_at >= end || (c->churned_at && c->churned_at < end))
			break;
		report_group_get(r, key, NULL)->live++;
		t = r->month_hi;
	}
}

/* A contract period renewing at `date` decided: renewed (at annual value `next`, cents) or
 * churned (next 0), from annual value `prev`. Counted when its date falls in the period. */
static void decided(struct report_run *r, struct customer *c, int64_t date, int renewed, int64_t prev, int64_t next)
{
	struct group *g;

	if (!date || !in_period(r, date))
		return;
	c->decided = 1;
	c->decided_at = date;
	g = group_of(r, c, date);
	g->due++;
	g->renewed += renewed;
	g->churned += !renewed;
	g->prev += prev;
	g->next += next;
	g->kept += next < prev ? next : prev;
}

void report_customers_event(struct report_run *r, const struct report_event *ev)
{
	struct customer *c;

	if (ev->lead <= 0)
		return;
	c = report_customer(r, ev->lead);
	switch (ev->type) {
	case EV_WON:
		c->won_at = ev->at;
		c->renews_at = ev->renews_at;
		break;
	case EV_LIVE:
		c->live_at = ev->at;
		c->csm = arena_strdup(r->a, ev->owner ? ev->owner : ev->actor);
		if (in_period(r, ev->at) && c->won_at) {
			struct group *g = group_of(r, c, ev->at);

			g->went_live++;
			g->to_live += ev->at - c->won_at;
		}
		break;
	case EV_RENEWED:
		decided(r, c, ev->starts_at, 1, ev->previous, ev->amount);
		c->renews_at = ev->renews_at;
		break;
	case EV_CHURNED:
		c->churned_at = ev->at;
		decided(r, c, ev->renews_at ? ev->renews_at : c->renews_at, 0, ev->amount, 0);
		c->renews_at = 0;
		break;
	case EV_EXPANDED:
		if (in_period(r, ev->at)) {
			c->expanded += ev->amount;
			c->expansions++;
		}
		break;
	default: break;
	}
}

int report_customers_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"key",
					   "live",
					   "went_live",
					   "days_to_live",
					   "renewals_due",
					   "renewed",
					   "churned",
					   "pending",
					   "previous_value",
					   "new_value",
					   "expansion_won",
					   "expansions",
					   "gross_revenue_retention",
					   "net_revenue_retention"};
	const size_t ncols = sizeof(cols) / sizeof(cols[0]);
	int64_t id;
	size_t i;

	for (id = 0; id < r->ncustomer_slots; id++) {
		const struct customer *c = r->customers[id];

		if (!c)
			continue;
		if (r->o.by == BY_MONTH && c->live_at)
			live_by_month(r, c);
		else if (c->live_at && c->live_at < r->o.to && !(c->churned_at && c->churned_at < r->o.to))
			group_of(r, c, c->live_at)->live++;
		if (c->expansions) {
			struct group *g = group_of(r, c, c->decided ? c->decided_at : c->live_at);

			g->expansion_won += c->expanded;
			g->expansions += c->expansions;
			if (c->decided)
				g->expansion_retained += c->expanded;
		}
		if (c->renews_at && in_period(r, c->renews_at)) {
			struct group *g = group_of(r, c, c->renews_at);

			g->due++;
			g->pending++;
		}
	}
	if (r->o.by == BY_NONE)
		report_group_get(r, "all", NULL);
	report_groups_sort(r);
	memset(out, 0, sizeof(*out));
	out->name = "customers";
	out->ntables = 1;
	report_table_init(&out->tables[0], "rows", cols, ncols);
	for (i = 0; i < r->ngroups; i++) {
		const struct group *g = r->groups[i];
		struct cell *row = report_table_add(r->a, &out->tables[0]);

		row[0] = c_str(g->key);
		row[1] = c_int(g->live);
		row[2] = c_int(g->went_live);
		row[3] = g->went_live ? c_real((double)g->to_live / (double)g->went_live / 86400.0, 1) : c_null();
		row[4] = c_int(g->due);
		row[5] = c_int(g->renewed);
		row[6] = c_int(g->churned);
		row[7] = c_int(g->pending);
		row[8] = c_money((double)g->prev);
		row[9] = c_money((double)g->next);
		row[10] = c_money((double)g->expansion_won);
		row[11] = c_int(g->expansions);
		row[12] = c_rate(g->kept, g->prev);
		row[13] = c_rate(g->next + g->expansion_retained, g->prev);
	}
	(void)err;
	return 0;
}
