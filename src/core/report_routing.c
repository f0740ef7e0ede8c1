/* report_routing.c - `report routing` (SPEC 8.5, docs/reports.md) over the routing events of
 * the period (assigned, reassigned, unassigned), in id order: per rep the leads its rotation
 * gave it and their share against its weight's share of its role, how many routing decisions
 * skipped it and why (the lists a rotation's event carries, core/route.c's route_skip_key),
 * the leads a manager moved to or from it, and the reassignments after a breach into or away
 * from it. One row per rep, in the order reps were added. The store may count the whole days
 * of the period for it (its routing_days, by these rules and column names): those counts come
 * in through report_routing_count() and add to the events of the partial days. */
#include <string.h>

#include "core/report_priv.h"
#include "util/names.h"

/* The counts of a rep, in struct group's `routing` (after the row's weight and shares). */
enum routing_count {
	RC_ASSIGNED,
	RC_SKIPPED_HOURS,
	RC_SKIPPED_CAPACITY,
	RC_SKIPPED_AWAY,
	RC_MANUAL_IN,
	RC_MANUAL_OUT,
	RC_SLA_IN,
	RC_SLA_OUT,
	RC_COUNT
};

/* The counts' columns, in enum routing_count's order; the lists of skipped reps a routing
 * event may carry are keyed by their column's name (route_skip_key). */
static const char *const count_names[RC_COUNT] = {"assignments", "skipped_hours", "skipped_capacity", "skipped_away",
						  "manual_in",   "manual_out",    "sla_in",           "sla_out"};

void report_routing_count(struct report_run *r, const char *rep, const char *kind, int64_t n)
{
	int k = names_find(count_names, RC_COUNT, kind);

	if (rep && k >= 0)
		report_group_get(r, rep, "routing")->routing[k] += n;
}

void report_routing_each(const struct event *ev, void (*fn)(void *ctx, const char *rep, const char *kind), void *ctx)
{
	const char *owner = event_get_str(ev, "owner"), *previous = event_get_str(ev, "previous_owner");
	const struct field *manual = event_get(ev, "manual");
	int after_breach = event_get(ev, "reassigns") != NULL;
	const char *counted[2][2] = {{NULL, NULL}, {NULL, NULL}}; /* (rep, column) of owner, previous */
	size_t i, k;

	if (ev->type != EV_ASSIGNED && ev->type != EV_REASSIGNED && ev->type != EV_UNASSIGNED)
		return;
	if (ev->type == EV_ASSIGNED && manual && manual->i) {
		counted[0][1] = count_names[RC_MANUAL_IN];
		counted[1][1] = count_names[RC_MANUAL_OUT];
	} else if (ev->type == EV_ASSIGNED && event_get(ev, "rotation")) {
		counted[0][1] = count_names[RC_ASSIGNED];
	} else if (after_breach && (ev->type == EV_REASSIGNED || ev->type == EV_UNASSIGNED)) {
		/* away from the owner when the breach moved it (to a rep or back to the pool); into
		 * the rep who then took it, at once or after waiting */
		if (ev->type == EV_REASSIGNED)
			counted[0][1] = count_names[RC_SLA_IN];
		counted[1][1] = count_names[RC_SLA_OUT];
	}
	counted[0][0] = owner;
	counted[1][0] = previous;
	for (i = 0; i < 2; i++)
		if (counted[i][0] && counted[i][1])
			fn(ctx, counted[i][0], counted[i][1]);
	for (i = 0; i < ev->nfields; i++)
		for (k = RC_SKIPPED_HOURS; k <= RC_SKIPPED_AWAY; k++)
			if (ev->fields[i].item && ev->fields[i].s && strcmp(ev->fields[i].key, count_names[k]) == 0)
				fn(ctx, ev->fields[i].s, count_names[k]);
}

static void count_one(void *ctx, const char *rep, const char *kind)
{
	report_routing_count(ctx, rep, kind, 1);
}

void report_routing_routed(struct report_run *r, const struct event *ev)
{
	if (in_period(r, ev->at))
		report_routing_each(ev, count_one, r);
}

int report_routing_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"rep",          "weight",        "assignments",      "share",
				     "weight_share", "skipped_hours", "skipped_capacity", "skipped_away",
				     "manual_in",    "manual_out",    "sla_in",           "sla_out"};
	int64_t total = 0, role_weight[ROLE_COUNT] = {0};
	size_t i;
	int k;

	report_table_init(&out->tables[0], "rows", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->o.nreps; i++) {
		const struct report_rep *p = &r->o.reps[i];

		role_weight[p->role] += p->weight;
		total += report_group_get(r, p->name, "routing")->routing[RC_ASSIGNED];
	}
	for (i = 0; i < r->o.nreps; i++) {
		const struct report_rep *p = &r->o.reps[i];
		const int64_t *n = report_group_get(r, p->name, "routing")->routing;
		struct cell *row = report_table_add(r->a, &out->tables[0]);

		row[0] = c_str(p->name);
		row[1] = c_int(p->weight);
		row[2] = c_int(n[RC_ASSIGNED]);
		row[3] = c_rate(n[RC_ASSIGNED], total);
		row[4] = c_rate(p->weight, role_weight[p->role]);
		for (k = RC_SKIPPED_HOURS; k < RC_COUNT; k++)
			row[5 + k - RC_SKIPPED_HOURS] = c_int(n[k]);
	}
	report_extra(out, "assignments", c_int(total));
	return 0;
}
