/* report.c - the reports of SPEC section 6 over streamed lead facts, obligations and handoff
 * events; see report.h and docs/reports.md, which defines every column. Each report is a kind
 * in the table at the end: what it reads, which --by it takes, and how it adds a row of input
 * to its groups and turns the groups into tables. Groups are keyed by the --by value. */
#include "core/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "core/tz.h"
#include "util/arena.h"

#define Z80 1.2815515655446004 /* the normal quantile of 0.90: an 80% two-sided interval */

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
	struct i64vec speeds;
	int64_t status[4];          /* open, met, breached, cancelled */
	int64_t value, valued;      /* pipeline: cents, opportunities with an amount */
	double ev, var;             /* forecast */
	int64_t handoffs, accepted, rejected, held, won_after_held;
	int64_t replied, met_sql, meetings; /* ab */
	int64_t opps, opps_in, value_in;    /* marketing: new opportunities of the period */
};

struct report_run {
	const struct report_kind *kind;
	struct report_opts o;
	struct arena *a;
	struct group **groups;
	size_t ngroups, capgroups;
	size_t *slots; /* hash: group index + 1, 0 empty */
	size_t nslots;
	/* the month cache of month_key() */
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
};

struct report_kind {
	const char *name;
	unsigned needs;
	unsigned by;     /* bits (1u << enum report_by) it accepts */
	enum report_by default_by;
	void (*fact)(struct report_run *, const struct report_fact *);
	void (*obligation)(struct report_run *, const struct report_obligation *);
	void (*event)(struct report_run *, const struct report_event *);
	int (*finish)(struct report_run *, struct report *, struct bt_error *);
};

static const char *const by_names[BY_COUNT] = {"none", "source", "channel", "segment", "rep", "team", "month"};

int report_by_parse(const char *s, enum report_by *out)
{
	for (int i = 1; i < BY_COUNT; i++)
		if (strcmp(s, by_names[i]) == 0) {
			*out = (enum report_by)i;
			return 0;
		}
	return -1;
}

const char *report_by_name(enum report_by by)
{
	return (unsigned)by < BY_COUNT ? by_names[by] : "none";
}

/* ---------------------------------------------------------------- statistics */

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

int64_t report_quantile(int64_t *v, size_t n, double q)
{
	size_t rank;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_i64);
	rank = (size_t)ceil(q * (double)n);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

double report_two_proportion_p(int64_t x1, int64_t n1, int64_t x2, int64_t n2)
{
	double p1, p2, p, se, z;

	if (n1 <= 0 || n2 <= 0)
		return 1;
	p1 = (double)x1 / (double)n1;
	p2 = (double)x2 / (double)n2;
	p = (double)(x1 + x2) / (double)(n1 + n2);
	se = sqrt(p * (1 - p) * (1.0 / (double)n1 + 1.0 / (double)n2));
	if (!(se > 0))
		return 1;
	z = (p1 - p2) / se;
	return erfc(fabs(z) / sqrt(2.0));
}

int report_sample_ok(int64_t x1, int64_t n1, int64_t x2, int64_t n2)
{
	double p;

	if (n1 <= 0 || n2 <= 0)
		return 0;
	p = (double)(x1 + x2) / (double)(n1 + n2);
	return (double)n1 * p >= 5 && (double)n1 * (1 - p) >= 5 && (double)n2 * p >= 5 && (double)n2 * (1 - p) >= 5;
}

static void vec_push(struct arena *a, struct i64vec *v, int64_t x)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		int64_t *nv = arena_alloc(a, cap * sizeof(*nv));

		if (v->n)
			memcpy(nv, v->v, v->n * sizeof(*nv));
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = x;
}

/* ---------------------------------------------------------------- cells and tables */

static struct cell c_str(const char *s)
{
	return s ? (struct cell){.kind = CELL_STR, .s = s} : (struct cell){.kind = CELL_NULL};
}

static struct cell c_int(int64_t i)
{
	return (struct cell){.kind = CELL_INT, .i = i};
}

static struct cell c_real(double r, int digits)
{
	double m = pow(10, digits);

	return isfinite(r) ? (struct cell){.kind = CELL_REAL, .r = round(r * m) / m} : (struct cell){.kind = CELL_NULL};
}

/* num / den rounded to 4 decimals, null when den is 0. */
static struct cell c_rate(int64_t num, int64_t den)
{
	return den > 0 ? c_real((double)num / (double)den, 4) : (struct cell){.kind = CELL_NULL};
}

static struct cell c_money(double cents)
{
	return c_real(cents / 100.0, 2);
}

static struct cell c_bool(int b)
{
	return (struct cell){.kind = CELL_BOOL, .i = b != 0};
}

static struct cell c_null(void)
{
	return (struct cell){.kind = CELL_NULL};
}

static void table_init(struct report_table *t, const char *name, const char *const *cols, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->cols = cols;
	t->ncols = ncols;
}

/* Appends a row and returns its cells (all null) to fill. */
static struct cell *table_add(struct arena *a, struct report_table *t)
{
	struct cell *row;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct cell *nc = arena_alloc(a, cap * t->ncols * sizeof(*nc));

		if (t->nrows)
			memcpy(nc, t->cells, t->nrows * t->ncols * sizeof(*nc));
		t->cells = nc;
		t->cap = cap;
	}
	row = t->cells + t->nrows++ * t->ncols;
	for (size_t i = 0; i < t->ncols; i++)
		row[i] = c_null();
	return row;
}

static void extra(struct report *out, const char *key, struct cell c)
{
	if (out->nextras < REPORT_MAX_EXTRAS) {
		out->extra_keys[out->nextras] = key;
		out->extras[out->nextras++] = c;
	}
}

/* ---------------------------------------------------------------- groups */

static uint64_t hash2(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;

	for (; a && *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (; b && *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ULL;
	return h;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The group (key, sub), created on first use; key and sub are copied. */
static struct group *group_get(struct report_run *r, const char *key, const char *sub)
{
	size_t i;
	struct group *g;

	if (r->ngroups * 2 >= r->nslots) {
		size_t n = r->nslots ? r->nslots * 2 : 64;
		size_t *slots = arena_alloc(r->a, n * sizeof(*slots));

		memset(slots, 0, n * sizeof(*slots));
		for (i = 0; i < r->ngroups; i++) {
			size_t h = hash2(r->groups[i]->key, r->groups[i]->sub) & (n - 1);

			while (slots[h])
				h = (h + 1) & (n - 1);
			slots[h] = i + 1;
		}
		r->slots = slots;
		r->nslots = n;
	}
	for (i = hash2(key, sub) & (r->nslots - 1); r->slots[i]; i = (i + 1) & (r->nslots - 1)) {
		g = r->groups[r->slots[i] - 1];
		if (same(g->key, key) && same(g->sub, sub))
			return g;
	}
	if (r->ngroups == r->capgroups) {
		size_t cap = r->capgroups ? r->capgroups * 2 : 32;
		struct group **ng = arena_alloc(r->a, cap * sizeof(*ng));

		if (r->ngroups)
			memcpy(ng, r->groups, r->ngroups * sizeof(*ng));
		r->groups = ng;
		r->capgroups = cap;
	}
	g = arena_alloc(r->a, sizeof(*g));
	memset(g, 0, sizeof(*g));
	g->key = arena_strdup(r->a, key);
	g->sub = arena_strdup(r->a, sub);
	r->groups[r->ngroups++] = g;
	r->slots[i] = r->ngroups;
	return g;
}

static int cmp_group(const void *x, const void *y)
{
	const struct group *a = *(struct group *const *)x, *b = *(struct group *const *)y;
	int c = strcmp(a->sub ? a->sub : "", b->sub ? b->sub : "");

	return c ? c : strcmp(a->key, b->key);
}

/* Groups in order of (sub, key). */
static void groups_sort(struct report_run *r)
{
	if (r->ngroups > 1)
		qsort(r->groups, r->ngroups, sizeof(*r->groups), cmp_group);
}

static const struct report_rep *rep_find(const struct report_run *r, const char *name)
{
	for (size_t i = 0; name && i < r->o.nreps; i++)
		if (strcmp(r->o.reps[i].name, name) == 0)
			return &r->o.reps[i];
	return NULL;
}

/* The local month ("2026-11") of instant t in the org's zone; cached for its month. */
static const char *month_key(struct report_run *r, int64_t t)
{
	const char *zone = r->o.pb->org.timezone;
	struct local_time lt;
	int64_t first, next_day, lo, hi;
	char date[16], d[16];
	long month;

	if (r->month_name && t >= r->month_lo && t < r->month_hi)
		return r->month_name;
	if (tz_local(zone, t, &lt))
		return "?";
	clock_format_date(lt.day, date); /* YYYY-MM-DD */
	month = strtol(date + 5, NULL, 10);
	first = lt.day - (strtol(date + 8, NULL, 10) - 1);
	for (next_day = first + 27;; next_day++) { /* the first day of the next month */
		clock_format_date(next_day, d);
		if (strtol(d + 5, NULL, 10) != month)
			break;
	}
	date[7] = '\0';
	if (tz_utc(zone, first, 0, &lo) || tz_utc(zone, next_day, 0, &hi))
		return "?";
	r->month_lo = lo;
	r->month_hi = hi;
	r->month_name = arena_strdup(r->a, date);
	return r->month_name;
}

/* The group key of a lead by --by; `rep` replaces the lead's rep (sla: the obligation's owner). */
static const char *key_of(struct report_run *r, const struct report_fact *f, const char *rep)
{
	const struct report_rep *p;

	switch (r->o.by) {
	case BY_SOURCE:
		return f->source ? f->source : "(none)";
	case BY_CHANNEL:
		return channel_name(f->channel);
	case BY_SEGMENT:
		return f->segment ? f->segment : "(none)";
	case BY_REP:
		return rep ? rep : "(unassigned)";
	case BY_TEAM:
		p = rep_find(r, rep);
		return p && p->team ? p->team : "(no team)";
	case BY_MONTH:
		return month_key(r, f->created_at);
	default:
		return "all";
	}
}

static int in_period(const struct report_run *r, int64_t t)
{
	return t >= r->o.from && t < r->o.to;
}

/* ---------------------------------------------------------------- funnel */

static const enum stage funnel_stages[] = {STAGE_INQUIRY, STAGE_TARGET,  STAGE_MQL,      STAGE_WORKING,
					   STAGE_HANDOFF, STAGE_SQL,     STAGE_WON,      STAGE_LIVE,
					   STAGE_LOST,    STAGE_FILTERED, STAGE_NURTURE, STAGE_DISQUALIFIED};
/* the conversions shown: (from, to) */
static const enum stage funnel_steps[][2] = {{STAGE_INQUIRY, STAGE_MQL},  {STAGE_MQL, STAGE_WORKING},
					     {STAGE_WORKING, STAGE_HANDOFF}, {STAGE_HANDOFF, STAGE_SQL},
					     {STAGE_SQL, STAGE_WON}};
#define NSTEPS (sizeof(funnel_steps) / sizeof(funnel_steps[0]))
#define NFUNNEL (sizeof(funnel_stages) / sizeof(funnel_stages[0]))

static void funnel_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;
	int64_t n = f->count > 0 ? f->count : 1;

	if (!in_period(r, f->created_at))
		return;
	g = group_get(r, key_of(r, f, f->worked_by), NULL);
	g->leads += n;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (f->reached & (1u << s))
			g->reached[s] += n;
	for (size_t i = 0; i < NSTEPS; i++)
		if ((f->reached & (1u << funnel_steps[i][0])) && (f->reached & (1u << funnel_steps[i][1])))
			g->pairs[i] += n;
}

static int funnel_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	const size_t ncols = 2 + NFUNNEL + NSTEPS;
	const char **cols = arena_alloc(r->a, ncols * sizeof(*cols));
	size_t i, c = 0;

	cols[c++] = "key";
	cols[c++] = "leads";
	for (i = 0; i < NFUNNEL; i++)
		cols[c++] = stage_name(funnel_stages[i]);
	for (i = 0; i < NSTEPS; i++)
		cols[c++] = arena_printf(r->a, "%s_to_%s", stage_name(funnel_steps[i][0]), stage_name(funnel_steps[i][1]));
	table_init(&out->tables[0], "rows", cols, ncols);
	if (r->o.by == BY_NONE)
		group_get(r, "all", NULL); /* the one row, even over no leads */
	groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = table_add(r->a, &out->tables[0]);

		c = 0;
		row[c++] = c_str(g->key);
		row[c++] = c_int(g->leads);
		for (i = 0; i < NFUNNEL; i++)
			row[c++] = c_int(g->reached[funnel_stages[i]]);
		for (i = 0; i < NSTEPS; i++)
			row[c++] = c_rate(g->pairs[i], g->reached[funnel_steps[i][0]]);
	}
	return 0;
}

/* ---------------------------------------------------------------- speed */

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

static void speed_fact(struct report_run *r, const struct report_fact *f)
{
	const struct pb_speed_to_lead *s = &r->o.pb->sla.speed_to_lead;
	struct group *g;

	if (!in_period(r, f->created_at) || !(f->reached & (1u << STAGE_MQL)) || !speed_applies(r, f))
		return;
	g = group_get(r, key_of(r, f, f->worked_by), NULL);
	g->leads++;
	if (f->speed >= 0) {
		g->touched++;
		vec_push(r->a, &g->speeds, f->speed);
		if (s->on && f->speed <= s->within)
			g->within++;
	}
}

static int speed_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"key", "leads", "touched", "untouched", "p50_minutes", "p90_minutes",
				     "within_sla", "share_within_sla"};
	const struct pb_speed_to_lead *s = &r->o.pb->sla.speed_to_lead;

	table_init(&out->tables[0], "rows", cols, 8);
	if (r->o.by == BY_NONE)
		group_get(r, "all", NULL);
	groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = table_add(r->a, &out->tables[0]);

		row[0] = c_str(g->key);
		row[1] = c_int(g->leads);
		row[2] = c_int(g->touched);
		row[3] = c_int(g->leads - g->touched);
		if (g->touched) {
			row[4] = c_int(report_quantile(g->speeds.v, g->speeds.n, 0.5));
			row[5] = c_int(report_quantile(g->speeds.v, g->speeds.n, 0.9));
		}
		if (s->on) {
			row[6] = c_int(g->within);
			row[7] = c_rate(g->within, g->leads);
		}
	}
	extra(out, "sla_minutes", s->on ? c_int(s->within) : c_null());
	extra(out, "business_time", c_bool(s->on && s->business_time));
	return 0;
}

/* ---------------------------------------------------------------- sla and followup */

static int status_index(const char *s)
{
	static const char *const names[] = {"open", "met", "breached", "cancelled"};

	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static void sla_obligation(struct report_run *r, const struct report_obligation *o)
{
	int st = status_index(o->status);
	int64_t n = o->count > 0 ? o->count : 1;

	if (st < 0 || !in_period(r, o->due))
		return;
	group_get(r, key_of(r, &o->lead, o->owner), o->rule)->status[st] += n;
	group_get(r, "all", "~all rules")->status[st] += n;
}

static int sla_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"rule", "key", "obligations", "open", "met", "breached", "cancelled",
					   "compliance"};
	int64_t met = 0, breached = 0;

	table_init(&out->tables[0], "rows", cols, 8);
	groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row;
		int all = strcmp(g->sub, "~all rules") == 0;

		row = table_add(r->a, &out->tables[0]);
		row[0] = c_str(all ? "all" : g->sub);
		row[1] = c_str(g->key);
		row[2] = c_int(g->status[0] + g->status[1] + g->status[2] + g->status[3]);
		for (int i = 0; i < 4; i++)
			row[3 + i] = c_int(g->status[i]);
		row[7] = c_rate(g->status[1], g->status[1] + g->status[2]);
		if (all) {
			met = g->status[1];
			breached = g->status[2];
		}
	}
	extra(out, "compliance", c_rate(met, met + breached));
	return 0;
}

static void followup_obligation(struct report_run *r, const struct report_obligation *o)
{
	int st = status_index(o->status);

	if (st < 0 || strcmp(o->rule, "follow_up") != 0 || !in_period(r, o->opened_at))
		return;
	group_get(r, key_of(r, &o->lead, o->lead.worked_by), o->lead.grade ? o->lead.grade : "(none)")->status[st]++;
	group_get(r, key_of(r, &o->lead, o->lead.worked_by), "~all grades")->status[st]++;
}

static int followup_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"grade", "key", "mqls", "full_cadence", "missed", "in_progress", "moved_on",
					   "share_full"};
	const struct playbook *pb = r->o.pb;

	table_init(&out->tables[0], "rows", cols, 8);
	if (r->o.by == BY_NONE)
		group_get(r, "all", "~all grades");
	groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = table_add(r->a, &out->tables[0]);
		int all = strcmp(g->sub, "~all grades") == 0;

		row[0] = c_str(all ? "all" : g->sub);
		row[1] = c_str(g->key);
		row[2] = c_int(g->status[0] + g->status[1] + g->status[2] + g->status[3]);
		row[3] = c_int(g->status[1]);
		row[4] = c_int(g->status[2]);
		row[5] = c_int(g->status[0]);
		row[6] = c_int(g->status[3]);
		row[7] = c_rate(g->status[1], g->status[1] + g->status[2]);
	}
	/* the cadence each grade owes, from the playbook */
	{
		static const char *ccols[] = {"grade", "touches", "within_days"};
		struct report_table *t = &out->tables[out->ntables++];

		table_init(t, "cadence", ccols, 3);
		for (size_t i = 0; i < pb->sla.nfollow_up; i++) {
			struct cell *row = table_add(r->a, t);

			row[0] = c_str(pb->sla.follow_up[i].grade);
			row[1] = c_int(pb->sla.follow_up[i].touches);
			row[2] = c_real((double)pb->sla.follow_up[i].within / 1440.0, 2);
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- handoff */

static void lead_slots(struct report_run *r, int64_t lead)
{
	int64_t n;

	if (lead < r->nlead_slots)
		return;
	n = r->nlead_slots ? r->nlead_slots : 1024;
	while (n <= lead)
		n *= 2;
	const char **s = arena_alloc(r->a, (size_t)n * sizeof(*s)), **h = arena_alloc(r->a, (size_t)n * sizeof(*h));
	memset(s, 0, (size_t)n * sizeof(*s));
	memset(h, 0, (size_t)n * sizeof(*h));
	if (r->nlead_slots) {
		memcpy(s, r->sdr_of, (size_t)r->nlead_slots * sizeof(*s));
		memcpy(h, r->held_ae, (size_t)r->nlead_slots * sizeof(*h));
	}
	r->sdr_of = s;
	r->held_ae = h;
	r->nlead_slots = n;
}

/* A rep name kept for the whole run (interned through the group table). */
static const char *keep(struct report_run *r, const char *name)
{
	return name ? group_get(r, name, "~name")->key : NULL;
}

static void handoff_event(struct report_run *r, const struct report_event *ev)
{
	int in = in_period(r, ev->at);
	const char *sdr;

	if (ev->lead <= 0)
		return;
	lead_slots(r, ev->lead);
	sdr = r->sdr_of[ev->lead];
	if (ev->type == EV_HANDOFF) {
		r->sdr_of[ev->lead] = keep(r, ev->actor);
		if (in) {
			group_get(r, ev->actor, "sdr")->handoffs++;
			if (ev->ae)
				group_get(r, ev->ae, "ae")->handoffs++;
		}
	} else if (ev->type == EV_ACCEPT || ev->type == EV_REJECT) {
		int acc = ev->type == EV_ACCEPT;

		if (!in)
			return;
		if (sdr) {
			struct group *g = group_get(r, sdr, "sdr");

			acc ? g->accepted++ : g->rejected++;
		}
		struct group *g = group_get(r, ev->actor, "ae");
		acc ? g->accepted++ : g->rejected++;
		if (!acc)
			group_get(r, ev->reason ? ev->reason : "(none)", "~reason")->leads++;
	} else if (ev->type == EV_MEETING_HELD) {
		if (in && ev->ae && !r->held_ae[ev->lead]) {
			r->held_ae[ev->lead] = keep(r, ev->ae);
			group_get(r, ev->ae, "ae")->held++;
		}
	} else if (ev->type == EV_WON) {
		if (r->held_ae[ev->lead])
			group_get(r, r->held_ae[ev->lead], "ae")->won_after_held++;
	} else if (ev->type == EV_TUNE_OUT && in) {
		struct cell *row = table_add(r->a, &r->alerts);
		char buf[CLOCK_RFC3339_LEN];

		row[0] = c_str(arena_strdup(r->a, clock_format_rfc3339(ev->at, buf)));
		row[1] = c_str(arena_strdup(r->a, ev->ae ? ev->ae : ev->actor));
		row[2] = c_str(arena_strdup(r->a, ev->source));
		row[3] = c_int(ev->count);
		row[4] = c_int(ev->lead);
	}
}

static int handoff_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"side", "rep", "role", "handoffs", "accepted", "rejected", "pending",
				     "acceptance_rate", "meetings_held", "won_after_meeting", "meeting_to_won"};
	static const char *rcols[] = {"reason", "rejections", "share", "goes_to"};
	int64_t total_rej = 0;
	size_t k;

	table_init(&out->tables[0], "rows", cols, 11);
	table_init(&out->tables[1], "reasons", rcols, 4);
	out->tables[2] = r->alerts;
	out->ntables = 3;
	groups_sort(r);
	for (k = 0; k < r->ngroups; k++)
		if (strcmp(r->groups[k]->sub, "~reason") == 0)
			total_rej += r->groups[k]->leads;
	for (k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		const struct report_rep *p;
		struct cell *row;

		if (strcmp(g->sub, "~reason") == 0) {
			const struct pb_rejection *rj = playbook_rejection(r->o.pb, g->key);

			row = table_add(r->a, &out->tables[1]);
			row[0] = c_str(g->key);
			row[1] = c_int(g->leads);
			row[2] = c_rate(g->leads, total_rej);
			row[3] = rj ? c_str(stage_name(rj->to)) : c_null();
			continue;
		}
		if (strcmp(g->sub, "sdr") != 0 && strcmp(g->sub, "ae") != 0)
			continue;
		if (!g->handoffs && !g->accepted && !g->rejected && !g->held)
			continue;
		p = rep_find(r, g->key);
		row = table_add(r->a, &out->tables[0]);
		row[0] = c_str(g->sub);
		row[1] = c_str(g->key);
		row[2] = p ? c_str(role_name(p->role)) : c_null();
		row[3] = c_int(g->handoffs);
		row[4] = c_int(g->accepted);
		row[5] = c_int(g->rejected);
		row[6] = c_int(g->handoffs - g->accepted - g->rejected > 0 ? g->handoffs - g->accepted - g->rejected : 0);
		row[7] = c_rate(g->accepted, g->accepted + g->rejected);
		if (g->sub[0] == 'a') {
			row[8] = c_int(g->held);
			row[9] = c_int(g->won_after_held);
			row[10] = c_rate(g->won_after_held, g->held);
		}
	}
	extra(out, "tune_out_alerts", c_int((int64_t)r->alerts.nrows));
	return 0;
}

/* ---------------------------------------------------------------- pipeline */

static int is_open_opportunity(const struct report_fact *f)
{
	return f->stage == STAGE_HANDOFF || f->stage == STAGE_SQL;
}

static void pipeline_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;
	int64_t opened = f->at[STAGE_HANDOFF] ? f->at[STAGE_HANDOFF] : f->at[STAGE_SQL];

	if (!is_open_opportunity(f) || !in_period(r, opened))
		return;
	g = group_get(r, key_of(r, f, f->worked_by), NULL);
	g->leads++;
	g->value += f->amount;
	g->valued += f->amount > 0;
	g = group_get(r, channel_name(f->channel), "~channel");
	g->leads++;
	g->value += f->amount;
}

static int pipeline_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"key", "opportunities", "valued", "value", "share_of_value"};
	int64_t total = 0, count = 0, in_v = 0, in_n = 0;
	size_t k;

	table_init(&out->tables[0], "rows", cols, 5);
	groups_sort(r);
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
		row = table_add(r->a, &out->tables[0]);
		row[0] = c_str(g->key);
		row[1] = c_int(g->leads);
		row[2] = c_int(g->valued);
		row[3] = c_money((double)g->value);
		row[4] = c_rate(g->value, total);
	}
	extra(out, "opportunities", c_int(count));
	extra(out, "value", c_money((double)total));
	extra(out, "inbound_value", c_money((double)in_v));
	extra(out, "inbound_share", total > 0 ? c_rate(in_v, total) : c_rate(in_n, count));
	extra(out, "inbound_share_basis", c_str(total > 0 ? "value" : "count"));
	return 0;
}

/* ---------------------------------------------------------------- marketing */

/* The period of instant t: "2026-11" (month), "2026-Q4" (quarter) or "2026-W48" (ISO week). */
static const char *period_key(struct report_run *r, int64_t t)
{
	const char *p = r->o.pb->sla.marketing.on ? r->o.pb->sla.marketing.period : "month";
	const char *m = month_key(r, t);
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

static void marketing_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;

	if (!in_period(r, f->created_at))
		return;
	g = group_get(r, period_key(r, f->created_at), NULL);
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
	struct cell *row = table_add(r->a, t);
	double v = den > 0 ? (double)num / (double)den : NAN;

	row[0] = c_str(period);
	row[1] = c_str(metric);
	row[2] = c_rate(num, den);
	row[3] = money ? c_money((double)num) : c_int(num);
	row[4] = money ? c_money((double)den) : c_int(den);
	if (has_min) {
		row[5] = c_real(min, 4);
		row[6] = den > 0 ? c_bool(v >= min) : c_null();
	}
}

static int marketing_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"period", "metric", "value", "numerator", "denominator", "minimum", "pass"};
	const struct pb_sla *sla = &r->o.pb->sla;
	int on = sla->marketing.on, fails = 0;

	table_init(&out->tables[0], "rows", cols, 7);
	groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct report_table *t = &out->tables[0];
		int by_value = g->value > 0;
		struct cell *row = table_add(r->a, t);

		row[0] = c_str(g->key);
		row[1] = c_str("inquiries");
		row[2] = row[3] = c_int(g->leads);
		marketing_row(r, t, g->key, "filter_rate", g->reached[STAGE_FILTERED], g->leads, 0, 0, 0);
		marketing_row(r, t, g->key, "mql_to_sql", g->pairs[0], g->reached[STAGE_MQL], sla->marketing.mql_to_sql_min, on,
			      0);
		marketing_row(r, t, g->key, "acceptance", g->accepted, g->handoffs, sla->marketing.acceptance_min, on, 0);
		marketing_row(r, t, g->key, "inbound_pipeline_share", by_value ? g->value_in : g->opps_in,
			      by_value ? g->value : g->opps, sla->marketing.inbound_pipeline_share_min, on, by_value);
	}
	for (size_t i = 0; i < out->tables[0].nrows; i++) {
		struct cell *c = &out->tables[0].cells[i * 7 + 6];

		fails += c->kind == CELL_BOOL && !c->i;
	}
	extra(out, "period", c_str(on ? sla->marketing.period : "month"));
	extra(out, "failing", c_int(fails));
	return 0;
}

/* ---------------------------------------------------------------- forecast */

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
				vec_push(r->a, &r->days[s], (f->at[STAGE_WON] - f->at[s]) / 86400);
		}
	}
	if (won && f->amount > 0) {
		r->won_total++;
		r->won_value += f->amount;
	}
}

/* Open opportunities are kept as groups keyed by lead (sub "~opp") until finish. */
static void forecast_fact(struct report_run *r, const struct report_fact *f)
{
	forecast_history(r, f);
	if (is_open_opportunity(f)) {
		char key[24];
		struct group *g;

		snprintf(key, sizeof(key), "%lld", (long long)f->lead);
		g = group_get(r, key, "~opp");
		g->leads = f->stage;
		g->value = f->amount;
		g->handoffs = f->at[f->stage];
	}
}

static int forecast_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"month", "opportunities", "pipeline_value", "expected_value", "low", "high"};
	static const char *bcols[] = {"stage", "closed", "won", "win_rate", "median_days_to_won", "basis"};
	double rate[STAGE_COUNT] = {0}, mean_won;
	int64_t days[STAGE_COUNT] = {0};
	size_t k, nopp = 0;
	struct group **opps;
	struct report_run tmp;

	table_init(&out->tables[0], "rows", cols, 6);
	table_init(&out->tables[1], "basis", bcols, 6);
	out->ntables = 2;
	for (size_t i = 0; i < 2; i++) {
		enum stage s = forecast_stages[i];
		int hist = r->closed[s] >= FORECAST_MIN_CLOSED;
		struct cell *row = table_add(r->a, &out->tables[1]);

		rate[s] = hist ? (double)r->won[s] / (double)r->closed[s] : forecast_default_rate[i];
		days[s] = hist && r->days[s].n ? report_quantile(r->days[s].v, r->days[s].n, 0.5) : forecast_default_days[i];
		row[0] = c_str(stage_name(s));
		row[1] = c_int(r->closed[s]);
		row[2] = c_int(r->won[s]);
		row[3] = c_real(rate[s], 4);
		row[4] = c_int(days[s]);
		row[5] = c_str(hist ? "history" : arena_printf(r->a, "default (fewer than %d closed)", FORECAST_MIN_CLOSED));
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
		m = group_get(&tmp, month_key(&tmp, close), NULL);
		m->leads++;
		m->value += (int64_t)v;
		m->ev += v * p;
		m->var += v * v * p * (1 - p);
	}
	groups_sort(&tmp);
	double tot_ev = 0, tot_var = 0;
	for (k = 0; k < tmp.ngroups; k++) {
		struct group *m = tmp.groups[k];
		struct cell *row = table_add(r->a, &out->tables[0]);
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
	extra(out, "open_opportunities", c_int((int64_t)nopp));
	extra(out, "expected_value", c_money(tot_ev));
	extra(out, "low", c_money(tot_ev - Z80 * sqrt(tot_var) > 0 ? tot_ev - Z80 * sqrt(tot_var) : 0));
	extra(out, "high", c_money(tot_ev + Z80 * sqrt(tot_var)));
	extra(out, "interval", c_real(0.8, 2));
	extra(out, "mean_won_amount", c_money(mean_won));
	return 0;
}

/* ---------------------------------------------------------------- ab */

static void ab_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;

	if (!f->variant || !in_period(r, f->created_at))
		return;
	g = group_get(r, f->variant, NULL);
	g->leads++;
	g->replied += f->replied != 0;
	g->meetings += (f->reached & (1u << STAGE_HANDOFF)) != 0;
	g->met_sql += (f->reached & (1u << STAGE_SQL)) != 0;
}

static int ab_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"variant", "leads", "replied", "reply_rate", "reply_p", "meetings", "meeting_rate",
				     "meeting_p", "sql", "sql_rate", "sql_p", "verdict"};
	struct group *base;

	table_init(&out->tables[0], "rows", cols, 12);
	groups_sort(r);
	if (!r->ngroups) {
		extra(out, "baseline", c_null());
		return 0;
	}
	base = r->groups[0];
	extra(out, "baseline", c_str(base->key));
	extra(out, "alpha", c_real(0.05, 2));
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = table_add(r->a, &out->tables[0]);
		const int64_t x[3] = {g->replied, g->meetings, g->met_sql}, bx[3] = {base->replied, base->meetings, base->met_sql};
		static const char *const what[3] = {"reply", "meeting", "sql"};
		char verdict[256] = "";
		size_t vn = 0;
		int small = 0;

		row[0] = c_str(g->key);
		row[1] = c_int(g->leads);
		for (int m = 0; m < 3; m++) {
			row[2 + m * 3] = c_int(x[m]);
			row[3 + m * 3] = c_rate(x[m], g->leads);
			if (k == 0)
				continue;
			if (!report_sample_ok(x[m], g->leads, bx[m], base->leads)) {
				small = 1;
				continue;
			}
			double p = report_two_proportion_p(x[m], g->leads, bx[m], base->leads);

			row[4 + m * 3] = c_real(p, 4);
			if (p < 0.05 && vn < sizeof(verdict) - 80) {
				int better = (double)x[m] / (double)g->leads > (double)bx[m] / (double)base->leads;

				vn += (size_t)snprintf(verdict + vn, sizeof(verdict) - vn, "%s%s rate %s than %.40s (p=%.4f)",
						       vn ? "; " : "", what[m], better ? "higher" : "lower", base->key, p);
			}
		}
		if (k == 0)
			row[11] = c_str("baseline");
		else if (vn)
			row[11] = c_str(arena_strdup(r->a, verdict));
		else if (small)
			row[11] = c_str("sample too small to tell");
		else
			row[11] = c_str("no significant difference");
	}
	return 0;
}

/* ---------------------------------------------------------------- the table of reports */

#define B(x) (1u << (x))
#define ANY_BY (B(BY_SOURCE) | B(BY_CHANNEL) | B(BY_SEGMENT) | B(BY_REP) | B(BY_TEAM) | B(BY_MONTH))

static const struct report_kind kinds[] = {
	{"funnel", NEED_FACTS, ANY_BY, BY_NONE, funnel_fact, NULL, NULL, funnel_finish},
	{"speed", NEED_FACTS, ANY_BY, BY_NONE, speed_fact, NULL, NULL, speed_finish},
	{"sla", NEED_OBLIGATIONS, ANY_BY, BY_NONE, NULL, sla_obligation, NULL, sla_finish},
	{"handoff", NEED_EVENTS, 0, BY_NONE, NULL, NULL, handoff_event, handoff_finish},
	{"followup", NEED_OBLIGATIONS, ANY_BY, BY_NONE, NULL, followup_obligation, NULL, followup_finish},
	{"pipeline", NEED_FACTS, ANY_BY, BY_SOURCE, pipeline_fact, NULL, NULL, pipeline_finish},
	{"marketing", NEED_FACTS, 0, BY_NONE, marketing_fact, NULL, NULL, marketing_finish},
	{"forecast", NEED_FACTS, 0, BY_NONE, forecast_fact, NULL, NULL, forecast_finish},
	{"ab", NEED_FACTS, 0, BY_NONE, ab_fact, NULL, NULL, ab_finish},
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
	return "funnel, speed, sla, handoff, followup, pipeline, marketing, forecast, ab";
}

int report_light(const char *name)
{
	return strcmp(name, "funnel") == 0 || strcmp(name, "speed") == 0 || strcmp(name, "marketing") == 0;
}

int report_counted_facts(const char *name, enum report_by by)
{
	return strcmp(name, "funnel") == 0 && by == BY_NONE;
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
	if (o->by != BY_NONE && !(k->by & B(o->by))) {
		if (k->by)
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

		table_init(&r->alerts, "alerts", acols, 5);
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

int report_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	memset(out, 0, sizeof(*out));
	out->name = r->kind->name;
	out->ntables = 1;
	return r->kind->finish(r, out, err);
}
