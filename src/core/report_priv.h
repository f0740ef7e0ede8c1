/* report_priv.h - what the files of the reports share; internal to src/core/report*.c. Every
 * report counts its input into groups keyed by the --by value (report_group.c) and turns them
 * into tables of cells. Each report's steps (fact, obligation, event or routing event; finish)
 * are in its own file (report_funnel.c, report_speed.c, report_sla.c: sla and followup,
 * report_handoff.c, report_pipeline.c: pipeline and forecast, report_marketing.c, report_ab.c,
 * report_routing.c, report_customers.c), named in the table of reports in report.c, which calls them; they call
 * report_group.c and report_stats.c, never report.c. */
#ifndef BATON_REPORT_PRIV_H
#define BATON_REPORT_PRIV_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report.h"

struct i64vec {
	int64_t *v;
	size_t n, cap;
};

/* Everything any report counts for one group; each report uses its own part. */
struct group {
	const char *key;
	const char *sub;            /* sla: the rule; followup: the grade; handoff: the side */
	int64_t leads;
	int64_t reached[STAGE_COUNT];
	int64_t pairs[STAGE_COUNT]; /* funnel: reached chain[i] and chain[i + 1] */
	int64_t touched, within;    /* speed */
	struct i64vec speeds;       /* speed: (minutes, leads) pairs */
	int64_t status[4];          /* open, met, breached, cancelled */
	int64_t value, valued;      /* pipeline: cents, opportunities with an amount */
	double ev, var;             /* forecast */
	int64_t handoffs, accepted, rejected, held, won_after_held;
	int64_t replied, met_sql, meetings; /* ab */
	int64_t opps, opps_in, value_in;    /* marketing: new opportunities of the period */
	int64_t routing[8];                 /* routing: a rep's counts (report_routing.c) */
	/* customers (report_customers.c): live at the period's end, went live in it and the seconds
	 * from won to live of those; renewals whose date falls in it: due, renewed, churned, still
	 * pending, and their previous, new and kept (min of the two) annual values in cents; the
	 * expansions won in it (cents), and those of them won on customers renewed or churned in it;
	 * how many expansions were won in it */
	int64_t live, went_live, to_live;
	int64_t due, renewed, churned, pending, prev, next, kept;
	int64_t expansion_won, expansion_retained, expansions;
};

/* customers: one customer as its events went (report_customers.c) */
struct customer {
	int64_t won_at, live_at, churned_at;
	int64_t renews_at; /* the current period's renewal date, 0 once decided by a churn */
	const char *csm;   /* the live event's owner, else who took it live */
	/* its lead's segment (--by segment; from its facts), NULL: none */
	const char *segment;
	int64_t expanded;  /* cents of the expansions won on it in the period */
	int64_t expansions; /* how many of them */
	int decided;       /* a renewal dated in the period was renewed or churned */
	int64_t decided_at; /* that renewal's date */
	/* unit (report_unit.c): its lead's channel (from its facts), whether it became a customer in
	 * the period (won, not an expansion) and at what annual value, and its renewals dated in the
	 * period renewed and churned */
	int channel, is_new;
	int64_t new_value, renewals, churns;
};

/* The customer of lead id, created on first use (report_customers.c; in the run's arena). */
struct customer *report_customer(struct report_run *r, int64_t id);

/* One run of a report: its kind and options, the groups it counts into and what some reports
 * keep besides; everything in the arena `a`. */
struct report_run {
	const struct report_kind *kind;
	struct report_opts o;
	struct arena *a;
	struct group **groups;
	size_t ngroups, capgroups;
	size_t *slots; /* hash: group index + 1, 0 empty */
	size_t nslots;
	/* the month cache of report_month_key() */
	int64_t month_lo, month_hi;
	const char *month_name;
	/* handoff: per lead, the rep of its last handoff, and the AE whose meeting was held */
	const char **sdr_of, **held_ae;
	int64_t nlead_slots;
	struct report_table reasons, alerts;
	/* forecast: history */
	int64_t closed[STAGE_COUNT], won[STAGE_COUNT];
	struct i64vec days[STAGE_COUNT];
	int64_t won_total, won_value;
	/* marketing: per period and channel */
	/* speed, sla: leads of the period imported as history (SPEC 8.8), left out */
	int64_t history;
	/* customers: per lead id, NULL when it is none */
	struct customer **customers;
	int64_t ncustomer_slots;
};

/* The steps of a report: one per kind of input, then finish (0 or a negative code). */
typedef void report_fact_fn(struct report_run *r, const struct report_fact *f);
typedef void report_obligation_fn(struct report_run *r, const struct report_obligation *o);
typedef void report_event_fn(struct report_run *r, const struct report_event *ev);
typedef void report_routed_fn(struct report_run *r, const struct event *ev);
typedef int report_finish_fn(struct report_run *r, struct report *out, struct bt_error *err);

/* One report, a row of report.c's table: what it reads, the --by it takes (and its default),
 * and its steps; a NULL step skips that input. */
struct report_kind {
	const char *name;
	unsigned needs;
	unsigned by;     /* bits (1u << enum report_by) it accepts */
	enum report_by default_by;
	report_fact_fn *fact;
	report_obligation_fn *obligation;
	report_event_fn *event;
	report_routed_fn *routed;
	report_finish_fn *finish;
};

/* The bit of a --by value in struct report_kind's `by`, and every --by there is. */
#define REPORT_BY_BIT(x) (1u << (x))
#define REPORT_ANY_BY                                                                                                  \
	(REPORT_BY_BIT(BY_SOURCE) | REPORT_BY_BIT(BY_CHANNEL) | REPORT_BY_BIT(BY_SEGMENT) | REPORT_BY_BIT(BY_REP) |    \
	 REPORT_BY_BIT(BY_TEAM) | REPORT_BY_BIT(BY_MONTH))

/* ---------------------------------------------------------------- the reports, for report.c's table */

/* Each report's steps, in report_<name>.c (forecast in report_pipeline.c, followup in
 * report_sla.c). */
report_fact_fn report_funnel_fact, report_speed_fact, report_pipeline_fact, report_forecast_fact, report_marketing_fact,
	report_ab_fact;
report_obligation_fn report_sla_obligation, report_followup_obligation;
report_event_fn report_handoff_event, report_customers_event, report_unit_event;
report_fact_fn report_unit_fact, report_customers_fact;
report_routed_fn report_routing_routed;
/* `report routing`: n more of column `kind` for rep (report_routed_count). */
void report_routing_count(struct report_run *r, const char *rep, const char *kind, int64_t n);
report_finish_fn report_funnel_finish, report_speed_finish, report_sla_finish, report_followup_finish,
	report_handoff_finish, report_pipeline_finish, report_forecast_finish, report_marketing_finish,
	report_ab_finish, report_routing_finish, report_customers_finish, report_unit_finish;

/* ---------------------------------------------------------------- cells */

static inline struct cell c_str(const char *s)
{
	return s ? (struct cell){.kind = CELL_STR, .s = s} : (struct cell){.kind = CELL_NULL};
}

static inline struct cell c_int(int64_t i)
{
	return (struct cell){.kind = CELL_INT, .i = i};
}

static inline struct cell c_real(double r, int digits)
{
	double m = pow(10, digits);

	return isfinite(r) ? (struct cell){.kind = CELL_REAL, .r = round(r * m) / m} : (struct cell){.kind = CELL_NULL};
}

/* A share from 0 to 1 rounded to 4 decimals (CELL_RATE: a percentage in tables), null if not finite. */
static inline struct cell c_share(double r)
{
	struct cell c = c_real(r, 4);

	if (c.kind == CELL_REAL)
		c.kind = CELL_RATE;
	return c;
}

/* num / den as a share (c_share), null when den is 0. */
static inline struct cell c_rate(int64_t num, int64_t den)
{
	return den > 0 ? c_share((double)num / (double)den) : (struct cell){.kind = CELL_NULL};
}

static inline struct cell c_money(double cents)
{
	return c_real(cents / 100.0, 2);
}

static inline struct cell c_bool(int b)
{
	return (struct cell){.kind = CELL_BOOL, .i = b != 0};
}

static inline struct cell c_null(void)
{
	return (struct cell){.kind = CELL_NULL};
}

/* ---------------------------------------------------------------- report_group.c */

/* Appends x to v (growing it in arena a). */
void report_vec_push(struct arena *a, struct i64vec *v, int64_t x);

/* Clears table t and names it and its ncols columns (cols borrowed). */
void report_table_init(struct report_table *t, const char *name, const char *const *cols, size_t ncols);

/* Appends a row and returns its cells (all null) to fill; in arena a. */
struct cell *report_table_add(struct arena *a, struct report_table *t);

/* Adds a top-level scalar to the report (past REPORT_MAX_EXTRAS it is dropped). */
void report_extra(struct report *out, const char *key, struct cell c);
/* When the run left out leads imported as history, says so: the extras "history_leads" and
 * "note" ("N leads imported as history are not counted"). */
void report_history_note(struct report_run *r, struct report *out);

/* The group (key, sub), created on first use; key and sub are copied (sub may be NULL). */
struct group *report_group_get(struct report_run *r, const char *key, const char *sub);

/* Sorts the groups in order of (sub, key). */
void report_groups_sort(struct report_run *r);

/* The rep named `name`, or NULL; borrowed from the options. */
const struct report_rep *report_rep_find(const struct report_run *r, const char *name);

/* The local month ("2026-11") of instant t in the org's zone, "?" if the zone fails; cached
 * for its month (run-owned). */
const char *report_month_key(struct report_run *r, int64_t t);

/* The group key of a lead by --by; `rep` replaces the lead's rep (sla: the obligation's
 * owner). Static, borrowed or run-owned. */
const char *report_key_of(struct report_run *r, const struct report_fact *f, const char *rep);

/* 1 if instant t lies in the period [from, to). */
static inline int in_period(const struct report_run *r, int64_t t)
{
	return t >= r->o.from && t < r->o.to;
}

#endif
