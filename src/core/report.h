/* report.h - the reports of SPEC section 6 (funnel, speed, sla, handoff, followup, pipeline,
 * marketing, forecast, ab), 8.5 (routing) and 8.12 (customers, unit), computed by the core from what the store streams
 * to it: one fact row per lead (the lead's projection of its events), the obligations, the
 * handoff events and the routing events.
 * A report is started, fed, then finished into a plain table; adapters print it as a table,
 * CSV or the JSON of the spec. The credit report lives in credit.h. No I/O here. */
#ifndef BATON_REPORT_H
#define BATON_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/stage.h"
#include "util/error.h"

struct arena;
struct playbook;

enum report_by { BY_NONE, BY_SOURCE, BY_CHANNEL, BY_SEGMENT, BY_REP, BY_TEAM, BY_MONTH, BY_COUNT };

/* What a report reads; report_needs() says which of these to stream. */
enum report_input {
	NEED_FACTS = 1,
	NEED_OBLIGATIONS = 2,
	NEED_EVENTS = 4,
	NEED_ROUTING = 8,
	NEED_HISTORY = 16,
	NEED_CUSTOMERS = 32, /* the customers' won, live, renewed and churned events (struct report_event) */
};

/* One lead as the reports see it; strings are borrowed for the call. */
struct report_fact {
	int64_t lead;
	int64_t created_at;
	enum channel channel;
	enum stage stage;             /* now */
	unsigned reached;             /* bit (1u << stage) per stage ever reached */
	int64_t at[STAGE_COUNT];      /* when it first reached each stage, 0 never */
	const char *source, *segment, *grade, *worked_by, *variant; /* may be NULL */
	int64_t speed;                /* minutes to the first touch, -1 untouched, LEAD_SPEED_HISTORY */
	int64_t amount;               /* cents: won amount, else the AE's estimate, else 0 */
	int replied;
	int64_t count;                /* leads this row stands for (report_counted_facts); 0 is 1 */
};

/* One obligation with the facts of its lead (for grouping); or, read without facts
 * (report_obligations_how), one due in the period, or `count` of those due in the period with
 * the same rule and status (owner NULL): `due` is then any instant in the period. */
struct report_obligation {
	const char *rule, *owner, *status; /* owner may be NULL */
	int64_t due, opened_at;
	int64_t count;                     /* how many obligations this row stands for; 0 is 1 */
	struct report_fact lead;           /* source, segment, channel, grade, created_at, worked_by */
};

/* One event the handoff report reads (handoff, accept, reject, meeting_held, won, lost,
 * tune_out), in id order; strings borrowed. */
struct report_event {
	int64_t id, at, lead;
	enum event_type type;
	const char *actor;
	const char *ae;     /* handoff, meeting_held, tune_out: the AE */
	const char *reason; /* reject */
	const char *source; /* tune_out */
	int64_t count;      /* tune_out: consecutive rejections */
	/* the customers' events (SPEC 8.12): live: the CSM it went to (NULL: it stayed the AE's);
	 * won, renewed: the annual value and renewal date; renewed: the previous value and the
	 * new period's start (the old renewal date); churned: the value lost and its renewal date */
	const char *owner;
	int64_t amount, previous; /* cents */
	int64_t renews_at, starts_at; /* 0 when absent */
	int64_t parent;               /* won: the customer an expansion grows, 0 for a new customer */
};

struct report_rep {
	const char *name;
	enum role role;
	const char *team; /* may be NULL */
	int64_t weight;   /* its weight in a weighted rotation (rep_weight) */
	int64_t created_at; /* when it was added: `report unit` costs it from then */
	int active;         /* 0 once deactivated: `report unit` costs only active reps */
};

struct report_opts {
	enum report_by by;
	int64_t from, to;              /* the period [from, to) */
	int64_t now;                   /* the clock: forecasts and pipelines are as of now */
	const struct playbook *pb;     /* borrowed */
	const struct report_rep *reps; /* borrowed; team and role lookups */
	size_t nreps;
};

/* A cell's kind; CELL_RATE is a share from 0 to 1 (a conversion, a compliance, a rate): JSON and
 * CSV write its number, tables for people a percentage ("92.7%"). */
enum cell_kind { CELL_NULL, CELL_STR, CELL_INT, CELL_REAL, CELL_BOOL, CELL_RATE };

struct cell {
	enum cell_kind kind;
	const char *s; /* CELL_STR */
	int64_t i;     /* CELL_INT, CELL_BOOL */
	double r;      /* CELL_REAL, CELL_RATE */
};

/* A table of a report: named columns (snake_case), rows of cells. */
struct report_table {
	const char *name;   /* "rows" for the main table; "reasons", "alerts", "basis" ... */
	const char *const *cols;
	size_t ncols, nrows, cap;
	struct cell *cells; /* nrows * ncols */
};

#define REPORT_MAX_TABLES 4
#define REPORT_MAX_EXTRAS 12

/* A finished report; everything lives in the arena it was started with. */
struct report {
	const char *name;
	struct report_table tables[REPORT_MAX_TABLES]; /* tables[0] is "rows" */
	size_t ntables;
	const char *extra_keys[REPORT_MAX_EXTRAS];     /* top-level scalars, e.g. inbound_share */
	struct cell extras[REPORT_MAX_EXTRAS];
	size_t nextras;
};

struct report_run;

/* Unit economics (SPEC 8.12, `report unit`), the pure formulas its rows are made of. */

/* The years from `start` to `end` (seconds; 365-day years), 0 when end <= start. */
double report_unit_years(int64_t start, int64_t end);

/* Lifetime value: annual_value x gross_margin / churn_rate. Returns 0 and sets *ltv, or -1 when
 * the churn rate is 0 (or below): no churn gives no finite lifetime, and LTV is then null. */
int report_unit_ltv(double annual_value, double gross_margin, double churn_rate, double *ltv);

/* The customer acquisition cost of a channel: (its direct costs + the shared costs x its share
 * of the new customers) / its new customers. Returns 0 and sets *cac, or -1 when it has no new
 * customer (CAC is then null). */
int report_unit_cac(double direct, double shared, int64_t customers, int64_t all_customers, double *cac);

/* 1 if NAME is a report computed here (not credit). */
int report_known(const char *name);
/* The names of the reports computed here, comma separated (static string). */
const char *report_names(void);
/* NEED_HISTORY: how many leads created in the period were imported as history (SPEC 8.8:
 * their window was over before the import; speed LEAD_SPEED_HISTORY), which the report leaves
 * out and says so. */
void report_history(struct report_run *r, int64_t n);

/* Which inputs report NAME reads (enum report_input bits); 0 if unknown. */
unsigned report_needs(const char *name);
/* 1 if report NAME reads only the light facts (see store_report_facts). */
int report_light(const char *name);
/* How a report reads the obligations: every one with its lead's facts; only rule, owner and
 * status of those due in the period; or those due in the period counted per rule and status. */
enum report_obligations { REPORT_OB_WITH_FACTS, REPORT_OB_BARE, REPORT_OB_COUNTED };
/* How report NAME grouped by `by` reads the obligations (sla by nothing: counted; by rep or
 * team: bare; the rest: with facts). */
enum report_obligations report_obligations_how(const char *name, enum report_by by);
/* How a report reads the leads: each one's facts, or those created in the period counted per
 * set of stages reached (funnel by nothing); per set, source and channel (funnel by source or
 * channel); or, of those that reached mql, per set, source, channel and minutes to the first
 * touch (speed by nothing, source or channel). A counted report_fact has `count`, `reached`,
 * `created_at` (any instant in the period) and what it is counted by; the rest zero, speed -1. */
enum report_facts { REPORT_FACTS_EACH, REPORT_FACTS_REACHED, REPORT_FACTS_SOURCE, REPORT_FACTS_SPEED };
/* How report NAME grouped by `by` reads the leads (REPORT_FACTS_EACH: one by one). */
enum report_facts report_counted_facts(const char *name, enum report_by by);
/* Parses a --by value; 0 and *out, or -1. */
int report_by_parse(const char *s, enum report_by *out);
/* The --by value's name ("source"); static string. */
const char *report_by_name(enum report_by by);

/* Starts report NAME (allocations in a, which must outlive the report); refuses (usage) a
 * --by the report does not take, naming the ones it does. Returns NULL and fills err on error. */
struct report_run *report_start(const char *name, const struct report_opts *o, struct arena *a, struct bt_error *err);
/* Feeds one lead. */
void report_fact(struct report_run *r, const struct report_fact *f);
/* Feeds one obligation. */
void report_obligation(struct report_run *r, const struct report_obligation *o);
/* Feeds one event (in id order). */
void report_event(struct report_run *r, const struct report_event *ev);
/* Feeds one routing event of the period (assigned, reassigned, unassigned; in id order). */
void report_routed(struct report_run *r, const struct event *ev);
/* Feeds n counted by the routing events of the period in `kind` (a column of `report routing`:
 * "assignments", "skipped_hours", ... "sla_out") for rep `rep`; an unknown kind is left out.
 * Instead of, or besides, report_routed() for other events: the counts add up. */
void report_routed_count(struct report_run *r, const char *rep, const char *kind, int64_t n);
/* What routing event ev (assigned, reassigned, unassigned; nothing for another type) counts in
 * `report routing`: fn(ctx, rep, kind) once for each rep and column it counts one more in
 * (kind: "assignments", ... "sla_out"; strings borrowed from ev and static). The one rule, for
 * the report and for the store's counts per day (routing_days). */
void report_routing_each(const struct event *ev, void (*fn)(void *ctx, const char *rep, const char *kind), void *ctx);
/* Computes the report into *out (in the run's arena); 0 or a negative code. */
int report_finish(struct report_run *r, struct report *out, struct bt_error *err);

/* Statistics, exposed for tests. */
/* The q-quantile (0..1) of v[0..n) by the nearest-rank method (sorts v); 0 when n = 0. */
int64_t report_quantile(int64_t *v, size_t n, double q);
/* The same over npairs (value, count) pairs laid out in v as v[2i], v[2i + 1] (sorted in place
 * by value): as if each value were there count times; 0 when they count nothing. */
int64_t report_quantile_counted(int64_t *v, size_t npairs, double q);
/* Two-sided p-value of the two-proportion z-test of x1/n1 against x2/n2; 1 when undefined. */
double report_two_proportion_p(int64_t x1, int64_t n1, int64_t x2, int64_t n2);
/* 1 if the normal approximation of that test holds: n*p and n*(1-p) >= 5 in both groups
 * with the pooled p. */
int report_sample_ok(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

#endif
