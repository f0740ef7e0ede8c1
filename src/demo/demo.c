/* demo.c - `baton demo`'s driver: creates the store (service_init), adds the organisation and
 * the accounts through the use cases, then runs a quarter of simulated time day by day. Each
 * lead's next moves are timed steps in one priority queue; the clock (svc->now) only moves
 * forward, `tick` runs every simulated hour, and each day is one store batch (every use case a
 * savepoint), so nothing is fsync'd per action. It sits on top of the demo's files: what the
 * steps do is in demo_lead.c and demo_deal.c, the state and queue they share in demo_state.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/tz.h"
#include "demo/demo_state.h"
#include "demo/demo_step.h"
#include "store/store_stats.h"
#include "util/arena.h"
#include "service/absence.h"
#include "service/admin.h"

#define QUARTER_DAYS 91          /* 13 weeks before the end day */
#define COMMIT_EVERY 20000       /* use cases per batch at most */
#define TARGETS_PER_POD 7        /* outbound target accounts per SDR */
#define CUSTOMERS_PER_TEAM 6     /* accounts that are already customers */

/* ---------------------------------------------------------------- small helpers */

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fputs("baton: out of memory\n", stderr);
		abort();
	}
	return p;
}

/* ---------------------------------------------------------------- the organisation */

/* Adds rep r through service_rep_add, under a unique name; returns its index or -1. */
static int add_rep(struct demo *d, enum role role, int team, int pod, const char *manager, const char *territories,
		   const char *podname, int64_t capacity, int hours_start, int hours_end)
{
	struct drep *dr = &d->reps[d->nreps];
	struct rep r;
	char base[32];
	size_t mask = d->rep_hash_cap - 1, k;
	int n = 1, rc;

	demo_rep_name(&d->rng, team >= 0 ? d->teams[team].region : REGION_EMEA, base, sizeof(base));
	snprintf(dr->name, sizeof(dr->name), "%s", base);
	while (demo_rep_find(d, dr->name) >= 0)
		snprintf(dr->name, sizeof(dr->name), "%s%d", base, ++n);
	r = (struct rep){.name = dr->name,
			 .role = role,
			 .team = team >= 0 ? d->teams[team].name : NULL,
			 .manager = manager,
			 .territories = territories,
			 .pod = podname,
			 .capacity = capacity,
			 .hours_start = hours_start,
			 .hours_end = hours_end,
			 .active = 1};
	rc = demo_outcome(d, service_rep_add(d->svc, &r, d->err), NULL);
	if (rc)
		return rc < 0 ? rc : -1;
	dr->role = role;
	dr->team = team;
	dr->pod = pod;
	for (k = demo_hash(dr->name) & mask; d->rep_hash[k]; k = (k + 1) & mask)
		;
	d->rep_hash[k] = (uint32_t)(d->nreps + 1);
	d->by_role[role][d->nrole[role]++] = (int)d->nreps;
	d->rep->reps[role]++;
	return (int)d->nreps++;
}

/* Draws the way rep i works (once: some are fast, some slow, one AE tunes a source out). */
static void traits(struct demo *d, int i, int nth)
{
	struct drep *r = &d->reps[i];
	static const double speeds[] = {1.5, 4.0, 30.0};

	r->speed = speeds[nth % 3] * (0.8 + 0.4 * drng_unit(&d->rng));
	r->cadence = 0.8 + 2.2 * drng_unit(&d->rng);
	r->max_touches = 3 + (int)drng_below(&d->rng, 5);
	r->reject = 0.06 + 0.14 * drng_unit(&d->rng);
	r->respond = nth % 3 == 2 ? 700 : 90 + 300 * drng_unit(&d->rng);
	r->review = nth % 3 == 1 ? 0.55 : 0.85 + 0.13 * drng_unit(&d->rng);
	r->noshow_diligent = drng_chance(&d->rng, 0.6);
	r->skill = -0.06 + 0.12 * drng_unit(&d->rng);
}

/* Adds team t: a manager, three MRRs, `pods` pods of an SDR and an AE, and CSMs. */
static int build_team(struct demo *d, int t, int head)
{
	static const char *const terr[REGION_COUNT][3] = {{"FR", "DE", "UK"}, {"US-East,US", "US-West,US", "CA"}};
	static const char *const region_terr[REGION_COUNT] = {"FR,DE,UK", "US-East,US-West,US,CA"};
	struct dteam *tm = &d->teams[t];
	char pod[40];
	int i, m, idx, ae0 = -1;

	tm->first_rep = (int)d->nreps;
	m = add_rep(d, ROLE_MANAGER, t, -1, d->reps[head].name, region_terr[tm->region], NULL, -1, -1, -1);
	if (m < 0)
		return m;
	tm->manager = m;
	for (i = 0; i < 3; i++) {
		/* one part-timer and one rep with a capped queue show routing skip reps */
		int part = t == 1 && i == 2, capped = t == 0 && i == 1;

		idx = add_rep(d, ROLE_MRR, t, -1, d->reps[m].name, region_terr[tm->region], NULL, capped ? 40 : -1,
			      part ? 9 * 60 : -1, part ? 14 * 60 : -1);
		if (idx < 0)
			return idx;
		traits(d, idx, i + t);
	}
	for (i = 0; i < d->pods; i++) {
		snprintf(pod, sizeof(pod), "%s-p%d", tm->name, i + 1);
		idx = add_rep(d, ROLE_SDR, t, i, d->reps[m].name, terr[tm->region][i % 3], pod, -1, -1, -1);
		if (idx < 0)
			return idx;
		traits(d, idx, i + t + 1);
	}
	for (i = 0; i < d->pods; i++) {
		snprintf(pod, sizeof(pod), "%s-p%d", tm->name, i + 1);
		idx = add_rep(d, ROLE_AE, t, i, d->reps[m].name, terr[tm->region][i % 3], pod, -1, -1, -1);
		if (idx < 0)
			return idx;
		traits(d, idx, i + t);
		if (ae0 < 0)
			ae0 = idx;
	}
	if (t < 2) {
		/* in each region an AE who rejects web-form leads until it tunes the source out */
		d->reps[ae0 + 1].picky_src = "web_form";
		d->reps[ae0 + 1].reject = 0.35;
	}
	for (i = 0; i < (tm->region == REGION_EMEA ? 2 : 1) * (d->pods + 2) / 3; i++) {
		idx = add_rep(d, ROLE_CSM, t, -1, d->reps[m].name, region_terr[tm->region], NULL, -1, -1, -1);
		if (idx < 0)
			return idx;
		traits(d, idx, i);
	}
	tm->nreps = (int)d->nreps - tm->first_rep;
	return 0;
}

/* Adds one account through service_account_add, drawing another company on a taken domain. */
static int add_account(struct demo *d, int t, int target, int owner, int sdr)
{
	struct dacct *ac = &d->accts[d->naccts];
	int tries, rc = 1;

	for (tries = 0; tries < 20 && rc == 1; tries++) {
		struct account acc;

		demo_company_draw(&d->rng, d->teams[t].region, &ac->c);
		acc = (struct account){.name = ac->c.name,
				       .domain = ac->c.domain,
				       .segment = ac->c.segment,
				       .employees = ac->c.employees,
				       .territory = ac->c.territory,
				       .owner = owner >= 0 ? d->reps[owner].name : NULL,
				       .sdr = sdr >= 0 ? d->reps[sdr].name : NULL,
				       .target = target};
		rc = demo_outcome(d, service_account_add(d->svc, &acc, d->err), NULL);
	}
	if (rc)
		return rc < 0 ? rc : 0; /* the pool ran out of names: one account fewer */
	ac->target = target;
	ac->owner = owner;
	ac->sdr = sdr;
	if (target)
		d->targets[d->ntargets++] = (int)d->naccts;
	else
		d->customers[d->ncustomers++] = (int)d->naccts;
	d->rep->accounts++;
	d->rep->target_accounts += target;
	d->rep->customer_accounts += !target;
	d->naccts++;
	return 0;
}

/* The rep index of the n-th rep of `role` in team t, or -1. */
static int team_rep(const struct demo *d, int t, enum role role, int n)
{
	const struct dteam *tm = &d->teams[t];
	int i;

	for (i = tm->first_rep; i < tm->first_rep + tm->nreps; i++)
		if (d->reps[i].role == role && n-- == 0)
			return i;
	return -1;
}

static int build_org(struct demo *d, int nteams)
{
	size_t maxreps = 2 + (size_t)nteams * (size_t)(8 + 3 * d->pods), i;
	int head, t, k, rc, ntargets = TARGETS_PER_POD * d->pods;

	d->nteams = (size_t)nteams;
	d->teams = xcalloc(d->nteams, sizeof(*d->teams));
	d->reps = xcalloc(maxreps, sizeof(*d->reps));
	for (d->rep_hash_cap = 64; d->rep_hash_cap < maxreps * 2; d->rep_hash_cap *= 2)
		;
	d->rep_hash = xcalloc(d->rep_hash_cap, sizeof(*d->rep_hash));
	for (i = 0; i < ROLE_COUNT; i++)
		d->by_role[i] = xcalloc(maxreps, sizeof(int));
	for (t = 0; t < nteams; t++) {
		d->teams[t].region = t % 2 ? REGION_NA : REGION_EMEA;
		if (t < 2)
			snprintf(d->teams[t].name, sizeof(d->teams[t].name), "%s", t ? "na" : "emea");
		else
			snprintf(d->teams[t].name, sizeof(d->teams[t].name), "%s-%d", t % 2 ? "na" : "emea", t / 2 + 1);
	}
	head = add_rep(d, ROLE_MANAGER, -1, -1, NULL, NULL, NULL, -1, -1, -1);
	if (head < 0)
		return head;
	for (t = 0; t < nteams; t++)
		if ((rc = build_team(d, t, head)) < 0)
			return rc;
	d->rep->teams = nteams;
	for (i = 0; i < REGION_COUNT; i++)
		d->region_ae[i] = xcalloc(d->nrole[ROLE_AE], sizeof(int));
	for (i = 0; i < d->nrole[ROLE_AE]; i++) {
		int ae = d->by_role[ROLE_AE][i];
		enum demo_region r = d->teams[d->reps[ae].team].region;

		d->region_ae[r][d->nregion_ae[r]++] = ae;
	}
	d->accts = xcalloc((size_t)nteams * (size_t)(ntargets + CUSTOMERS_PER_TEAM), sizeof(*d->accts));
	d->targets = xcalloc((size_t)nteams * (size_t)ntargets, sizeof(int));
	d->customers = xcalloc((size_t)nteams * CUSTOMERS_PER_TEAM, sizeof(int));
	for (t = 0; t < nteams; t++) {
		for (k = 0; k < ntargets; k++) {
			int sdr = team_rep(d, t, ROLE_SDR, k % d->pods);
			/* a few named accounts: the pod's AE owns them and works their leads itself */
			int owner = k % 7 == 3 ? team_rep(d, t, ROLE_AE, k % d->pods) : -1;

			if ((rc = add_account(d, t, 1, owner, sdr)) < 0)
				return rc;
		}
		for (k = 0; k < CUSTOMERS_PER_TEAM; k++) {
			int owner = k % 2 ? team_rep(d, t, ROLE_AE, k % d->pods) : team_rep(d, t, ROLE_CSM, 0);

			if ((rc = add_account(d, t, 0, owner, -1)) < 0)
				return rc;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- arrivals */

/* The share of a day's inquiries: weekdays full, weekends and holidays light, a slow rise over
 * the quarter (marketing is ramping up). */
static double day_weight(struct demo *d, int k)
{
	int64_t noon;
	struct local_time lt;
	double w;

	if (tz_utc(d->zone, d->day0 + k, 12 * 60, &noon) || tz_local(d->zone, noon, &lt))
		return 1;
	w = bizclock_open(&d->bc, noon) ? 1.0 : 0.375;
	return w * (0.85 + 0.3 * k / (double)QUARTER_DAYS);
}

/* A local minute of the day at which an inquiry arrives. */
static int arrival_minute(struct demo *d, int business_day)
{
	if (!business_day)
		return 8 * 60 + (int)drng_below(&d->rng, 14 * 60);
	if (drng_chance(&d->rng, 0.82)) /* office hours, busier in the morning */
		return 9 * 60 + (int)(9 * 60 * pow(drng_unit(&d->rng), 1.2));
	return drng_chance(&d->rng, 0.3) ? 7 * 60 + (int)drng_below(&d->rng, 120)
					 : 18 * 60 + (int)drng_below(&d->rng, 5 * 60);
}

static int cmp_time(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Queues the `count` arrivals of day k, in time order. */
static void push_arrivals(struct demo *d, int k, int64_t count)
{
	int64_t *times = xcalloc((size_t)count, sizeof(*times)), noon;
	int business = 0;
	int64_t j;

	if (tz_utc(d->zone, d->day0 + k, 12 * 60, &noon) == 0)
		business = bizclock_open(&d->bc, noon);
	for (j = 0; j < count; j++) {
		int64_t t = d->end + 1;
		int tries;

		for (tries = 0; tries < 30 && t > d->end; tries++)
			if (tz_utc(d->zone, d->day0 + k, arrival_minute(d, business), &t))
				t = d->end + 1;
		if (t > d->end) /* the last day: only what came before now */
			t = d->svc->now + (int64_t)(drng_unit(&d->rng) * (double)(d->end - d->svc->now));
		if (t < d->svc->now) /* before the office was set up on the first morning */
			t = d->svc->now + (int64_t)drng_below(&d->rng, 3600);
		times[j] = t + (int64_t)drng_below(&d->rng, 60);
		if (times[j] > d->end)
			times[j] = d->end;
	}
	qsort(times, (size_t)count, sizeof(*times), cmp_time);
	for (j = 0; j < count && d->nleads < d->cap_leads; j++)
		demo_push(d, times[j], (uint32_t)d->nleads++, ST_ARRIVE, 0);
	free(times);
}

/* ---------------------------------------------------------------- the run */

static int commit(struct demo *d, int reopen)
{
	int rc = store_batch_end(d->svc->store, 1, d->err);

	d->since_commit = 0;
	if (!rc && reopen)
		rc = store_batch_begin(d->svc->store, d->err);
	return rc;
}

/* The steps, indexed by enum demo_step: what each does (demo_lead.c, demo_deal.c). */
static const struct demo_step_def {
	const char *name; /* as the docs and a debugger call it */
	int (*run)(struct demo *d, uint32_t i, int64_t aux);
} demo_steps[ST_COUNT] = {
	[ST_ARRIVE] = {"arrive", dstep_arrive},
	[ST_TOUCH] = {"touch", dstep_touch},
	[ST_QUALIFY] = {"qualify", dstep_qualify},
	[ST_HANDOFF] = {"handoff", dstep_handoff},
	[ST_REVIEW] = {"review", dstep_review},
	[ST_DECIDE] = {"decide", dstep_decide},
	[ST_MEET_MOVE] = {"meet_move", dstep_meet_move},
	[ST_MEET_OUTCOME] = {"meet_outcome", dstep_meet_outcome},
	[ST_NOSHOW_TRY] = {"noshow_try", dstep_noshow_try},
	[ST_OPP] = {"opp", dstep_opp},
	[ST_CLOSE] = {"close", dstep_close},
	[ST_LIVE] = {"live", dstep_live},
	[ST_CSM] = {"csm", dstep_csm},
	[ST_GIVEUP] = {"giveup", dstep_giveup},
	[ST_RECYCLED] = {"recycled", dstep_recycled},
	[ST_RESTORE] = {"restore", dstep_restore},
	[ST_ASSIGN] = {"assign", dstep_assign},
	[ST_RENEWAL] = {"renewal", dstep_renewal},
	[ST_EXPAND] = {"expand", dstep_expand},
	[ST_EXP_DECIDE] = {"exp_decide", dstep_exp_decide},
	[ST_EXP_CLOSE] = {"exp_close", dstep_exp_close},
	[ST_PAST] = {"past", dstep_past},
};

/* Runs one queued step at d->svc->now; a lead that never got stored (a duplicate inquiry) has
 * no steps after its arrival (ST_ARRIVE, or a past customer's first phase, aux 0). 0, or a
 * negative code that ends the demo (storage). */
static int run_step(struct demo *d, const struct ditem *it)
{
	int arrival = it->step == ST_ARRIVE || (it->step == ST_PAST && it->aux == 0);

	if (it->step >= ST_COUNT || !demo_steps[it->step].run)
		return 0;
	if (!arrival && !d->leads[it->lead].id)
		return 0;
	return demo_steps[it->step].run(d, it->lead, it->aux);
}

/* Runs every step due before `limit` (and the hourly ticks in between). */
static int run_until(struct demo *d, int64_t limit, int64_t *next_tick)
{
	int rc = 0;

	while (!rc && d->nheap && d->heap[0].at < limit) {
		struct ditem it = demo_pop(d);

		while (!rc && *next_tick <= it.at) {
			d->svc->now = *next_tick;
			rc = demo_tick(d);
			*next_tick += 3600;
		}
		d->svc->now = it.at;
		if (!rc)
			rc = run_step(d, &it);
		arena_reset(d->a);
		if (!rc && d->since_commit >= COMMIT_EVERY)
			rc = commit(d, 1);
	}
	return rc;
}

/* The year before the quarter: each day one batch, its past customers' inquiries queued (demo_year.c)
 * and every step and tick due run. */
static int run_year(struct demo *d)
{
	int64_t next_tick = (d->svc->now / 3600 + 1) * 3600, dstart, dend;
	int k, rc = 0;

	for (k = -DEMO_YEAR_DAYS; !rc && k < 0; k++) {
		if (tz_utc(d->zone, d->day0 + k, 0, &dstart) || tz_utc(d->zone, d->day0 + k + 1, 0, &dend))
			break;
		if ((rc = store_batch_begin(d->svc->store, d->err)))
			break;
		if (d->svc->now < dstart)
			d->svc->now = dstart;
		demo_year_day(d, k);
		rc = run_until(d, dend, &next_tick);
		if (!rc)
			rc = commit(d, 0);
		else
			store_batch_end(d->svc->store, 0, NULL);
	}
	return rc;
}

static int run_quarter(struct demo *d, int ndays)
{
	double *w = xcalloc((size_t)ndays, sizeof(*w)), total = 0, cum = 0;
	int64_t next_tick, done = 0;
	int k, rc = 0;

	for (k = 0; k < ndays; k++) {
		w[k] = day_weight(d, k);
		if (k == ndays - 1) { /* only the part of the last day before now */
			int64_t s0 = 0;

			tz_utc(d->zone, d->day0 + k, 0, &s0);
			w[k] *= (double)(d->end - s0) / 86400.0;
		}
		total += w[k];
	}
	next_tick = (d->svc->now / 3600 + 1) * 3600;
	for (k = 0; !rc && k < ndays; k++) {
		int64_t dstart, dend, upto, count;

		if (tz_utc(d->zone, d->day0 + k, 0, &dstart) || tz_utc(d->zone, d->day0 + k + 1, 0, &dend))
			break;
		cum += w[k];
		upto = (int64_t)llround((double)d->o->leads * cum / total);
		count = upto - done;
		done = upto;
		rc = store_batch_begin(d->svc->store, d->err);
		if (rc)
			break;
		if (d->svc->now < dstart)
			d->svc->now = dstart;
		push_arrivals(d, k, count);
		rc = run_until(d, dend < d->end + 1 ? dend : d->end + 1, &next_tick);
		if (!rc && d->end < dend) { /* today: what the clock already decided */
			d->svc->now = d->end;
			rc = demo_tick(d);
		}
		if (!rc)
			rc = commit(d, 0);
		else
			store_batch_end(d->svc->store, 0, NULL);
		if (d->o->progress)
			d->o->progress(d->o->progress_ctx, k + 1, ndays, d->rep->arrivals, d->rep->use_cases);
	}
	free(w);
	return rc;
}

/* Fills the counts of the report that come from the store. */
static int summarise(struct demo *d)
{
	struct service *svc = d->svc;
	int64_t n;
	size_t i;
	int s, rc = 0;

	for (s = 0; !rc && s < STAGE_COUNT; s++) {
		rc = store_lead_count(svc->store, stage_name((enum stage)s), &d->rep->stages[s], d->err);
		if (!rc)
			d->rep->leads += d->rep->stages[s];
	}
	if (!rc)
		rc = store_obligation_count(svc->store, OB_BREACHED, &d->rep->breaches, d->err);
	if (!rc)
		rc = store_obligation_count(svc->store, OB_OPEN, &d->rep->obligations_open, d->err);
	if (!rc)
		rc = store_event_count(svc->store, &n, d->err);
	if (!rc)
		d->rep->events = n;
	d->rep->pipeline = d->rep->stages[STAGE_HANDOFF] + d->rep->stages[STAGE_SQL];
	for (i = 0; i < d->nleads; i++)
		if (d->leads[i].flags & DF_OPEN_OPP)
			d->rep->pipeline_cents += (int64_t)d->leads[i].estimate * 100;
	return rc;
}

static void release(struct demo *d)
{
	size_t i;

	for (i = 0; i < d->nreps; i++)
		free(d->reps[i].cal);
	for (i = 0; i < ROLE_COUNT; i++)
		free(d->by_role[i]);
	for (i = 0; i < REGION_COUNT; i++)
		free(d->region_ae[i]);
	free(d->reps);
	free(d->teams);
	free(d->rep_hash);
	free(d->accts);
	free(d->targets);
	free(d->customers);
	free(d->leads);
	free(d->emails);
	free(d->recent);
	free(d->heap);
	arena_free(&d->a);
}

/* The organisation grows with the volume: teams up to twelve, then more pods (an SDR and an
 * AE each) per team, so that an AE has at most a handful of meetings a day. */
static void org_size(int64_t leads, int *teams, int *pods)
{
	int64_t t = (leads + 1250) / 2500, p;

	t = t < 2 ? 2 : t > 12 ? 12 : t;
	p = 3 * ((leads + 7800 * t - 1) / (7800 * t));
	*teams = (int)t;
	*pods = (int)(p < 3 ? 3 : p);
}

/* What the demo's playbook adds to the built-in one (SPEC 8.12): each text goes on the line after
 * the section it names (the built-in playbook has both), or at the end without it. */
static const struct demo_playbook_add {
	const char *after; /* a section's line, "\nsla:\n" */
	const char *text;
} demo_playbook_adds[] = {
	/* the customers' timers */
	{"\nsla:\n", "  onboarding:       {live_within: 30d, on_breach: [notify_manager]}\n"
		     "  renewal_review:   {before: 10d}\n"
		     "  health_check:     {every: 30d}\n"},
	/* the CSMs' credit: renewals and the expansions they hand off */
	{"\ncredit:\n", "  csm:       [renewal, expansion_sourced]\n"},
};

/* What `report unit` weighs, SPEC 8.12's example. */
static const char demo_economics[] = "\neconomics:\n"
				     "  gross_margin: 0.8\n"
				     "  cost_per_rep_year: {mrr: 60000, sdr: 70000, ae: 120000, csm: 80000}\n"
				     "  marketing_spend_month: 20000\n";

/* The demo's playbook: the built-in one with demo_playbook_adds, the economics, and its North
 * American teams in New York (SPEC 8.4: the rotation follows the sun between Paris and New
 * York). Free with free(). */
static char *demo_playbook(int nteams)
{
	const char *base = playbook_default_yaml(), *at;
	size_t cap = strlen(base) + sizeof(demo_economics) + 64 + (size_t)nteams * 64, len = 0, k;
	char *text;
	int t;

	for (k = 0; k < sizeof(demo_playbook_adds) / sizeof(demo_playbook_adds[0]); k++)
		cap += strlen(demo_playbook_adds[k].text);
	text = xcalloc(cap, 1);
	len = (size_t)snprintf(text, cap, "%s", base);
	for (k = 0; k < sizeof(demo_playbook_adds) / sizeof(demo_playbook_adds[0]); k++) {
		const struct demo_playbook_add *add = &demo_playbook_adds[k];
		size_t n = strlen(add->text), head;

		at = strstr(text, add->after);
		head = at ? (size_t)(at - text) + strlen(add->after) : len;
		memmove(text + head + n, text + head, len - head + 1);
		memcpy(text + head, add->text, n);
		len += n;
	}
	len += (size_t)snprintf(text + len, cap - len, "%s\nteams:\n", demo_economics);
	for (t = 1; t < nteams; t += 2)
		len += t < 2 ? (size_t)snprintf(text + len, cap - len, "  na: {timezone: America/New_York}\n")
			     : (size_t)snprintf(text + len, cap - len, "  na-%d: {timezone: America/New_York}\n",
						t / 2 + 1);
	return text;
}

/* What a manager's week holds besides the flow of leads (SPEC 8.3): an MRR of the first team
 * away for a week in the middle of the quarter (its untouched leads go back to the rotation when
 * it starts), and a lead the manager gives by hand to another rep (ST_ASSIGN). */
static int plan_team_life(struct demo *d)
{
	char from[CLOCK_RFC3339_LEN], to[CLOCK_RFC3339_LEN];
	int64_t start, finish, assign_at;
	struct absence ab;
	int mrr = d->nrole[ROLE_MRR] ? d->by_role[ROLE_MRR][0] : -1, rc;

	if (mrr < 0 || tz_utc(d->zone, d->day0 + 42, 0, &start) || tz_utc(d->zone, d->day0 + 49, 0, &finish) ||
	    tz_utc(d->zone, d->day0 + 30, 10 * 60 + 30, &assign_at))
		return 0;
	rc = demo_outcome(d,
			  service_absence_add(d->svc, d->a, NULL, d->reps[mrr].name, clock_format_rfc3339(start, from),
					      clock_format_rfc3339(finish, to), "Vacation", &ab, d->err),
			  NULL);
	demo_push(d, assign_at, 0, ST_ASSIGN, 0);
	return rc < 0 ? rc : 0;
}

int demo_build(const char *url, const struct demo_opts *o, struct demo_report *r, struct bt_error *err)
{
	struct service svc;
	struct demo d;
	struct bt_error ignored;
	struct local_time lt;
	int64_t setup, morning;
	size_t i;
	char *text;
	int rc, ndays, nteams;

	memset(r, 0, sizeof(*r));
	memset(&d, 0, sizeof(d));
	if (o->leads < 1)
		return bt_fail(err, BT_BAD_INPUT, "leads", 0, "--leads must be at least 1");
	/* the store is created a day before the year of customers before the quarter begins */
	org_size(o->leads, &nteams, &d.pods);
	text = demo_playbook(nteams);
	rc = service_init(&svc, url, text, "demo playbook",
			  o->end - (QUARTER_DAYS + DEMO_YEAR_DAYS + 1) * 86400LL - 3600, err);
	free(text);
	if (rc)
		return rc;
	/* a larger page cache: the store's indexes outgrow the default one past ~20000 leads (a
	 * hint: a backend without one ignores it) */
	bt_error_clear(&ignored);
	store_cache(svc.store, o->leads > 20000 ? 524288 : 65536, &ignored);
	d.svc = &svc;
	d.o = o;
	d.rep = r;
	d.err = err;
	d.end = o->end;
	d.zone = svc.pb->org.timezone;
	d.a = arena_new();
	drng_seed(&d.rng, o->seed);
	drng_seed(&d.crng, o->seed ^ 0x637573746f6d6572ULL); /* "customer" */
	drng_seed(&d.xrng, o->seed ^ 0x657870616e64ULL);     /* "expand" */
	drng_seed(&d.yrng, o->seed ^ 0x70617374ULL);         /* "past" */
	bizclock_init(&d.bc, svc.pb, NULL, NULL);
	if (tz_local(d.zone, d.end, &lt) || tz_utc(d.zone, lt.day - QUARTER_DAYS, 0, &d.start) ||
	    tz_utc(d.zone, lt.day - QUARTER_DAYS - DEMO_YEAR_DAYS, 7 * 60, &setup) ||
	    tz_utc(d.zone, lt.day - QUARTER_DAYS, 7 * 60, &morning)) {
		rc = bt_fail(err, BT_BAD_INPUT, "now", 0, "the playbook's time zone %s is unknown", d.zone);
		goto done;
	}
	d.day0 = lt.day - QUARTER_DAYS;
	ndays = QUARTER_DAYS + 1;
	r->start = d.start;
	r->end = d.end;
	/* some 150 customers a year for 2000 leads a quarter, at least 12 */
	d.npast = o->leads * 3 / 40 < 12 ? 12 : o->leads * 3 / 40;
	/* and room for the expansions and the year's customers */
	d.cap_leads = (size_t)o->leads + (size_t)o->leads / 8 + 8 + (size_t)d.npast;
	d.leads = xcalloc(d.cap_leads, sizeof(*d.leads));
	for (d.emails_cap = 1024; d.emails_cap < d.cap_leads * 2; d.emails_cap *= 2)
		;
	d.emails = xcalloc(d.emails_cap, sizeof(*d.emails));
	d.recent = xcalloc(256, sizeof(*d.recent));
	d.cal_base = d.start;
	d.cal_slots = (size_t)((d.end - d.start) / 1800 + 60 * 48);
	/* the organisation and the accounts, at 07:00 on the first day of the year before */
	svc.now = setup;
	rc = store_batch_begin(svc.store, err);
	if (!rc)
		rc = build_org(&d, nteams);
	if (!rc)
		rc = commit(&d, 0);
	else
		store_batch_end(svc.store, 0, NULL);
	if (!rc)
		rc = plan_team_life(&d);
	for (i = 0; !rc && i < d.nreps; i++)
		if (d.reps[i].role == ROLE_AE)
			d.reps[i].cal = xcalloc(d.cal_slots / 8 + 1, 1);
	if (!rc)
		rc = run_year(&d);
	/* the quarter's first morning starts at 07:00, as when the organisation was set up then */
	if (svc.now < morning)
		svc.now = morning > d.start ? morning : d.start;
	if (!rc)
		rc = run_quarter(&d, ndays);
	if (!rc)
		rc = summarise(&d);
done:
	release(&d);
	service_close(&svc);
	return rc;
}
