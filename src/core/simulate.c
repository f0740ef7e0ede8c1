/* simulate.c - the Monte Carlo revenue model of `baton simulate`; docs/simulation.md writes the
 * same model down with its equations. Time moves in weeks. Each run draws leads, conversions,
 * lags, cycles and deal sizes from its own xoshiro256** generator seeded from (seed, model,
 * run), so a run's numbers depend on nothing else. Pure: no I/O, no clock, no globals; the
 * scratch memory of sim_run is freed before it returns. */
#include "core/simulate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- parameters */

static const struct sim_param_def {
	const char *name;
	double dflt;
} defs[SIM_P_COUNT] = {
	[SIM_P_REPS] = {"reps", 10},
	[SIM_P_INBOUND] = {"inbound_per_week", 30},
	[SIM_P_OUTBOUND] = {"outbound_per_week", 15},
	[SIM_P_INBOUND_SQL_RATE] = {"inbound_sql_rate", 0.10},
	[SIM_P_OUTBOUND_SQL_RATE] = {"outbound_sql_rate", 0.06},
	[SIM_P_LATE_FACTOR] = {"late_factor", 0.5},
	[SIM_P_PROSPECT_WEEKS] = {"prospect_weeks", 6},
	[SIM_P_WIN_RATE] = {"win_rate", 0.25},
	[SIM_P_DEAL_SIZE] = {"deal_size", 12000},
	[SIM_P_DEAL_SIGMA] = {"deal_sigma", 0.8},
	[SIM_P_CYCLE_WEEKS] = {"cycle_weeks", 8},
	[SIM_P_DEAL_LOAD] = {"deal_load", 12},
	[SIM_P_BUSY_DEALS] = {"busy_deals", 4},
	[SIM_P_RESTART_DEALS] = {"restart_deals", 0},
	[SIM_P_MIN_PROSPECT] = {"min_prospect", 0.1},
	[SIM_P_MRR_CAPACITY] = {"mrr_capacity", 40},
	[SIM_P_CSM_ACCOUNTS] = {"csm_accounts", 60},
	[SIM_P_CHURN_COVERED] = {"churn_covered", 0.03},
	[SIM_P_CHURN_UNCOVERED] = {"churn_uncovered", 0.08},
	[SIM_P_EXPAND_COVERED] = {"expand_covered", 0.08},
	[SIM_P_EXPAND_UNCOVERED] = {"expand_uncovered", 0.02},
	[SIM_P_EXPAND_SHARE] = {"expand_share", 0.3},
	[SIM_P_SHARE_MRR] = {"share_mrr", 0.1},
	[SIM_P_SHARE_SDR] = {"share_sdr", 0.3},
	[SIM_P_SHARE_CSM] = {"share_csm", 0.1},
	[SIM_P_WARMUP_WEEKS] = {"warmup_weeks", 26},
};

/* The parameters that are shares or probabilities: they must lie in [0, 1]. */
static const enum sim_param_id unit_params[] = {
	SIM_P_INBOUND_SQL_RATE, SIM_P_OUTBOUND_SQL_RATE, SIM_P_LATE_FACTOR,	SIM_P_WIN_RATE,
	SIM_P_MIN_PROSPECT,	SIM_P_CHURN_COVERED,	 SIM_P_CHURN_UNCOVERED, SIM_P_EXPAND_COVERED,
	SIM_P_EXPAND_UNCOVERED, SIM_P_SHARE_MRR,	 SIM_P_SHARE_SDR,	SIM_P_SHARE_CSM,
};

const char *sim_param_name(enum sim_param_id id)
{
	return (unsigned)id < SIM_P_COUNT ? defs[id].name : "?";
}

const char *sim_model_name(enum sim_model m)
{
	return m == SIM_LUMPED ? "lumped" : m == SIM_SPECIALIZED ? "specialized" : "?";
}

void sim_params_set(struct sim_params *p, enum sim_param_id id, double value, const char *source)
{
	if ((unsigned)id >= SIM_P_COUNT)
		return;
	p->p[id].value = value;
	snprintf(p->p[id].source, sizeof(p->p[id].source), "%s", source ? source : "");
}

void sim_params_default(struct sim_params *p)
{
	int i;

	for (i = 0; i < SIM_P_COUNT; i++)
		sim_params_set(p, (enum sim_param_id)i, defs[i].dflt, "default");
}

/* Sets a calibrated parameter with a printf-formatted source. */
static void calibrated(struct sim_params *p, enum sim_param_id id, double value, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void calibrated(struct sim_params *p, enum sim_param_id id, double value, const char *fmt, ...)
{
	char buf[SIM_SOURCE_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sim_params_set(p, id, value, buf);
}

void sim_history_fact(struct sim_history *h, const struct report_fact *f)
{
	int won = (f->reached & (1u << STAGE_WON)) != 0;

	if (!won)
		return;
	if (f->amount > 0) {
		h->won_with_amount++;
		h->won_cents += f->amount;
	}
	if ((f->reached & (1u << STAGE_SQL)) && f->at[STAGE_SQL] > 0 && f->at[STAGE_WON] >= f->at[STAGE_SQL]) {
		h->won_days += (double)(f->at[STAGE_WON] - f->at[STAGE_SQL]) / 86400.0;
		h->cycle_samples++;
	}
}

/* The quarterly chance of what happened `n` times over `months` customer-months: n per
 * customer-month (at most 1), compounded over a quarter's three months. */
static double quarterly(int64_t n, int64_t months)
{
	double monthly = fmin(1.0, (double)n / (double)months);

	return 1.0 - pow(1.0 - monthly, 3.0);
}

void sim_calibrate(struct sim_params *p, const struct sim_history *h)
{
	double weeks = h->flow_months * 365.2425 / 12.0 / 7.0;
	int enough_time = h->months >= SIM_MIN_MONTHS;
	int64_t staff = 0, closed = h->won + h->lost;
	int r, every_role = 1;

	for (r = ROLE_MRR; r <= ROLE_CSM; r++) {
		staff += h->reps[r];
		every_role = every_role && h->reps[r] > 0;
	}
	if (staff >= SIM_MIN_STORE_REPS)
		calibrated(p, SIM_P_REPS, (double)staff, "store: %lld active non-manager reps", (long long)staff);
	if (every_role) {
		static const enum sim_param_id share_of[] = {[ROLE_MRR] = SIM_P_SHARE_MRR, [ROLE_SDR] = SIM_P_SHARE_SDR,
							     [ROLE_CSM] = SIM_P_SHARE_CSM};

		for (r = ROLE_MRR; r <= ROLE_CSM; r++)
			if (r != ROLE_AE)
				calibrated(p, share_of[r], (double)h->reps[r] / (double)staff,
					   "store: %lld of %lld active reps are %s", (long long)h->reps[r], (long long)staff,
					   role_name((enum role)r));
	}
	if (enough_time && h->mql_inbound >= SIM_MIN_LEADS) {
		calibrated(p, SIM_P_INBOUND, (double)h->mql_inbound / weeks, "store: %lld inbound mqls over %.1f months",
			   (long long)h->mql_inbound, h->flow_months);
		calibrated(p, SIM_P_INBOUND_SQL_RATE, (double)h->sql_inbound / (double)h->mql_inbound,
			   "store: %lld of %lld inbound mqls reached sql", (long long)h->sql_inbound,
			   (long long)h->mql_inbound);
	}
	if (enough_time && h->outbound >= SIM_MIN_LEADS) {
		calibrated(p, SIM_P_OUTBOUND_SQL_RATE, (double)h->sql_outbound / (double)h->outbound,
			   "store: %lld of %lld outbound leads reached sql", (long long)h->sql_outbound,
			   (long long)h->outbound);
		if (h->reps[ROLE_SDR] > 0)
			calibrated(p, SIM_P_OUTBOUND, (double)h->outbound / weeks / (double)h->reps[ROLE_SDR],
				   "store: %lld outbound leads over %.1f months, %lld sdrs", (long long)h->outbound,
				   h->flow_months, (long long)h->reps[ROLE_SDR]);
	}
	if (enough_time && h->renewed + h->churned >= SIM_MIN_RENEWALS && h->customer_months > 0)
		calibrated(p, SIM_P_CHURN_COVERED, quarterly(h->churned, h->customer_months),
			   "store: %lld churned over %lld customer-months (%lld renewed)", (long long)h->churned,
			   (long long)h->customer_months, (long long)h->renewed);
	if (enough_time && h->expansions >= SIM_MIN_EXPANSIONS && h->customer_months > 0)
		calibrated(p, SIM_P_EXPAND_COVERED, quarterly(h->expansions, h->customer_months),
			   "store: %lld expansions won over %lld customer-months", (long long)h->expansions,
			   (long long)h->customer_months);
	if (!enough_time || closed < SIM_MIN_CLOSED)
		return;
	calibrated(p, SIM_P_WIN_RATE, (double)h->won / (double)closed, "store: %lld won of %lld closed", (long long)h->won,
		   (long long)closed);
	if (h->won_with_amount >= SIM_MIN_SAMPLES)
		calibrated(p, SIM_P_DEAL_SIZE, (double)h->won_cents / 100.0 / (double)h->won_with_amount,
			   "store: mean of %lld won amounts", (long long)h->won_with_amount);
	if (h->cycle_samples >= SIM_MIN_SAMPLES)
		calibrated(p, SIM_P_CYCLE_WEEKS, fmax(1.0, h->days_to_won / 7.0),
			   "store: mean sql to won of %lld won deals", (long long)h->cycle_samples);
}

int sim_split(const struct sim_params *p, int counts[ROLE_MANAGER])
{
	double want[ROLE_MANAGER];
	int n = (int)lround(p->p[SIM_P_REPS].value), r, sum = 0;

	if (n < SIM_MIN_REPS_SPECIALIZED)
		return SIM_ERR_REPS;
	want[ROLE_MRR] = n * p->p[SIM_P_SHARE_MRR].value;
	want[ROLE_SDR] = n * p->p[SIM_P_SHARE_SDR].value;
	want[ROLE_CSM] = n * p->p[SIM_P_SHARE_CSM].value;
	want[ROLE_AE] = n - want[ROLE_MRR] - want[ROLE_SDR] - want[ROLE_CSM];
	for (r = 0; r < ROLE_MANAGER; r++) {
		counts[r] = want[r] < 1 ? 1 : (int)floor(want[r]);
		sum += counts[r];
	}
	while (sum != n) { /* largest remainder (or largest excess), ties to the lower role number */
		int best = -1;

		for (r = 0; r < ROLE_MANAGER; r++) {
			double gap = want[r] - counts[r];

			if (sum > n && counts[r] <= 1)
				continue;
			if (best < 0 || (sum < n ? gap > want[best] - counts[best] : gap < want[best] - counts[best]))
				best = r;
		}
		counts[best] += sum < n ? 1 : -1;
		sum += sum < n ? 1 : -1;
	}
	return SIM_OK;
}

/* ---------------------------------------------------------------- random draws */

struct sim_rng {
	uint64_t s[4]; /* xoshiro256** state, never all zero */
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* Seeds the generator of run `run` of `model`: independent of every other run. */
static void rng_seed(struct sim_rng *r, uint64_t seed, int model, int run)
{
	uint64_t x = seed ^ (0xD1B54A32D192ED03ULL * (uint64_t)(model + 1));
	int i;

	x += 0xA0761D6478BD642FULL * (uint64_t)(run + 1);
	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rng_next(struct sim_rng *r)
{
	uint64_t result = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;

	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rotl(r->s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static double uniform(struct sim_rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Standard normal (Box-Muller). */
static double normal(struct sim_rng *r)
{
	double u1 = 1.0 - uniform(r), u2 = uniform(r);

	return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* Poisson(lambda): Knuth's product below 50, the rounded normal approximation above. */
static int64_t poisson(struct sim_rng *r, double lambda)
{
	double limit, prod = 1.0;
	int64_t k = 0;

	if (!(lambda > 0))
		return 0;
	if (lambda >= 50) {
		double x = floor(lambda + sqrt(lambda) * normal(r) + 0.5);

		return x < 0 ? 0 : (int64_t)x;
	}
	limit = exp(-lambda);
	for (;;) {
		prod *= uniform(r);
		if (prod <= limit)
			return k;
		k++;
	}
}

/* Binomial(n, p): Bernoulli trials up to 40, geometric gaps while n p < 40, else the rounded
 * normal approximation clipped to [0, n]. */
static int64_t binomial(struct sim_rng *r, int64_t n, double p)
{
	int64_t k = 0, i;

	if (n <= 0 || !(p > 0))
		return 0;
	if (p >= 1)
		return n;
	if (p > 0.5)
		return n - binomial(r, n, 1.0 - p);
	if (n <= 40) {
		for (i = 0; i < n; i++)
			k += uniform(r) < p;
		return k;
	}
	if ((double)n * p < 40) {
		double logq = log1p(-p), pos = 0;

		for (;;) {
			pos += floor(log(1.0 - uniform(r)) / logq) + 1;
			if (pos > (double)n)
				return k;
			k++;
		}
	}
	{
		double x = floor((double)n * p + sqrt((double)n * p * (1 - p)) * normal(r) + 0.5);

		return x < 0 ? 0 : x > (double)n ? n : (int64_t)x;
	}
}

/* A lognormal draw with the given mean and log-scale sigma. */
static double lognormal(struct sim_rng *r, double mean, double sigma)
{
	return mean * exp(sigma * normal(r) - sigma * sigma / 2);
}

/* ---------------------------------------------------------------- one simulated organisation */

struct deal {
	int32_t owner; /* closer index; -1 while a specialized prospect has no AE yet */
	int32_t left;  /* prospect: weeks until it becomes an opportunity; open: weeks of work left */
	int32_t open;  /* 1 an open opportunity, 0 a prospect in flight */
};

struct world {
	const struct sim_params *p;
	enum sim_model model;
	struct sim_rng rng;
	int nclosers;          /* lumped: every rep; specialized: the AEs */
	int mrrs, sdrs, csms;  /* specialized only */
	int *open;             /* open opportunities per closer */
	int *busy;             /* lumped: 1 while the rep is closing and has stopped prospecting */
	double *share;         /* share of this week each closer prospects */
	double *progress;      /* chance this week that each of the closer's deals moves one week */
	int cursor;            /* round robin over closers */
	struct deal *deals;    /* prospects in flight and open opportunities */
	size_t n, cap;
	int64_t customers;
	double value;          /* the customers' total value (deals won plus expansions) */
	double churn_w[2];     /* weekly churn chance, [0] uncovered, [1] covered by a CSM */
	double expand_w[2];    /* weekly expansion chance, likewise */
	int64_t arrived;       /* inbound leads of this week */
	double use[ROLE_MANAGER]; /* sum over the reported weeks of each role's load (sim_usage) */
};

#define PV(w, id) ((w)->p->p[(id)].value)

static int deal_add(struct world *w, int owner, int open, int64_t left)
{
	struct deal *d;

	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		struct deal *nd = realloc(w->deals, cap * sizeof(*nd));

		if (!nd)
			return SIM_ERR_NOMEM;
		w->deals = nd;
		w->cap = cap;
	}
	d = &w->deals[w->n++];
	d->owner = owner;
	d->open = open;
	d->left = left < 1 ? 1 : left > 100000 ? 100000 : (int32_t)left;
	if (open)
		w->open[owner]++;
	return SIM_OK;
}

/* The next AE of the rotation (specialized). */
static int next_closer(struct world *w)
{
	w->cursor = (w->cursor + 1) % w->nclosers;
	return w->cursor;
}

/* Opens `k` new opportunities for closer `owner` (-1: the next AE of the rotation each). */
static int open_deals(struct world *w, int owner, int64_t k)
{
	for (; k > 0; k--) {
		int c = owner >= 0 ? owner : next_closer(w);
		int64_t cycle = 1 + poisson(&w->rng, fmax(0, PV(w, SIM_P_CYCLE_WEEKS) - 1));

		if (deal_add(w, c, 1, cycle))
			return SIM_ERR_NOMEM;
	}
	return SIM_OK;
}

/* Starts `k` prospects that become opportunities after their lag (owner as open_deals). */
static int start_prospects(struct world *w, int owner, int64_t k)
{
	for (; k > 0; k--) {
		int64_t lag = 1 + poisson(&w->rng, fmax(0, PV(w, SIM_P_PROSPECT_WEEKS) - 1));

		if (deal_add(w, owner, 0, lag))
			return SIM_ERR_NOMEM;
	}
	return SIM_OK;
}

/* Step 1: each closer's prospecting share s and closing progress q from its open deals o. */
static void plan_week(struct world *w)
{
	double load = PV(w, SIM_P_DEAL_LOAD), busy = PV(w, SIM_P_BUSY_DEALS), smin = PV(w, SIM_P_MIN_PROSPECT);
	double restart = PV(w, SIM_P_RESTART_DEALS);
	int c;

	for (c = 0; c < w->nclosers; c++) {
		double o = w->open[c], s = 0, capacity;

		if (w->model == SIM_LUMPED) {
			/* busy from busy_deals open deals on, until the pipeline drained to restart_deals */
			w->busy[c] = w->busy[c] ? o > restart : o >= busy;
			s = w->busy[c] || o >= busy ? smin : 1 - (1 - smin) * o / busy;
		}
		capacity = (1 - s) * load;
		w->share[c] = s;
		w->progress[c] = o > 0 && capacity < o ? capacity / o : 1;
	}
}

/* Step 2: closing work and prospects arriving; returns the revenue of deals won. */
static double work_deals(struct world *w)
{
	double won = 0, win = PV(w, SIM_P_WIN_RATE);
	size_t i = 0;

	while (i < w->n) {
		struct deal *d = &w->deals[i];

		if (!d->open) {
			if (--d->left == 0) { /* the prospect became an opportunity: a handoff in specialized */
				d->owner = d->owner >= 0 ? d->owner : next_closer(w);
				d->open = 1;
				d->left = (int32_t)(1 + poisson(&w->rng, fmax(0, PV(w, SIM_P_CYCLE_WEEKS) - 1)));
				w->open[d->owner]++;
			}
			i++;
			continue;
		}
		if (w->progress[d->owner] < 1 && uniform(&w->rng) >= w->progress[d->owner]) {
			i++;
			continue;
		}
		if (--d->left > 0) {
			i++;
			continue;
		}
		w->open[d->owner]--;
		if (uniform(&w->rng) < win) {
			double amount = lognormal(&w->rng, PV(w, SIM_P_DEAL_SIZE), PV(w, SIM_P_DEAL_SIGMA));

			won += amount;
			w->customers++;
			w->value += amount;
		}
		*d = w->deals[--w->n]; /* the last deal moves here and is looked at next */
	}
	return won;
}

/* Step 3: this week's inbound leads become opportunities, fast or late. */
static int inbound(struct world *w)
{
	int64_t n = w->arrived = poisson(&w->rng, PV(w, SIM_P_INBOUND));
	double rate = PV(w, SIM_P_INBOUND_SQL_RATE), late = rate * PV(w, SIM_P_LATE_FACTOR);
	int c;

	if (w->model == SIM_SPECIALIZED) {
		double cap = floor(w->mrrs * PV(w, SIM_P_MRR_CAPACITY));
		int64_t fast = (double)n < cap ? n : (int64_t)cap;

		return open_deals(w, -1, binomial(&w->rng, fast, rate) + binomial(&w->rng, n - fast, late));
	}
	/* lumped: round robin over the reps; a rep answers fast in the share of its week it prospects */
	for (c = 0; c < w->nclosers; c++) {
		int rep = (w->cursor + 1 + c) % w->nclosers;
		int64_t m = n / w->nclosers + (c < n % w->nclosers), fast = binomial(&w->rng, m, w->share[rep]);

		if (open_deals(w, rep, binomial(&w->rng, fast, rate) + binomial(&w->rng, m - fast, late)))
			return SIM_ERR_NOMEM;
	}
	w->cursor = (int)((w->cursor + n) % w->nclosers);
	return SIM_OK;
}

/* Step 4: prospecting: outbound leads reached this week start prospects. */
static int outbound(struct world *w)
{
	double per = PV(w, SIM_P_OUTBOUND), rate = PV(w, SIM_P_OUTBOUND_SQL_RATE);
	int c;

	if (w->model == SIM_SPECIALIZED) {
		for (c = 0; c < w->sdrs; c++)
			if (start_prospects(w, -1, binomial(&w->rng, poisson(&w->rng, per), rate)))
				return SIM_ERR_NOMEM;
		return SIM_OK;
	}
	for (c = 0; c < w->nclosers; c++)
		if (start_prospects(w, c, binomial(&w->rng, poisson(&w->rng, w->share[c] * per), rate)))
			return SIM_ERR_NOMEM;
	return SIM_OK;
}

/* Step 5: customers churn and expand; returns the expansion revenue. */
static double customers(struct world *w)
{
	int64_t cover = w->model == SIM_SPECIALIZED ? (int64_t)(w->csms * PV(w, SIM_P_CSM_ACCOUNTS)) : 0;
	int64_t covered = w->customers < cover ? w->customers : cover, k, e;
	double avg, revenue = 0;

	k = binomial(&w->rng, covered, w->churn_w[1]) + binomial(&w->rng, w->customers - covered, w->churn_w[0]);
	if (k > 0) {
		w->value -= (double)k * w->value / (double)w->customers;
		w->customers -= k;
		if (w->customers == 0)
			w->value = 0;
	}
	covered = w->customers < cover ? w->customers : cover;
	e = binomial(&w->rng, covered, w->expand_w[1]) + binomial(&w->rng, w->customers - covered, w->expand_w[0]);
	avg = w->customers > 0 ? w->value / (double)w->customers : 0;
	for (; e > 0; e--)
		revenue += PV(w, SIM_P_EXPAND_SHARE) * lognormal(&w->rng, avg, PV(w, SIM_P_DEAL_SIGMA));
	w->value += revenue;
	return revenue;
}

/* One week of the organisation; adds its revenue to *revenue. */
static int week(struct world *w, double *revenue)
{
	plan_week(w);
	*revenue += work_deals(w);
	if (inbound(w) || outbound(w))
		return SIM_ERR_NOMEM;
	*revenue += customers(w);
	return SIM_OK;
}

/* a / b, 0 when b is not positive (a capacity of 0: no load measured). */
static double share_of(double a, double b)
{
	return b > 0 ? a / b : 0;
}

/* Adds this week's load of each role to w->use (struct sim_usage says what each is). */
static void measure(struct world *w)
{
	double open = 0, share = 0;
	int c;

	for (c = 0; c < w->nclosers; c++) {
		open += w->open[c];
		share += w->share[c];
	}
	w->use[ROLE_AE] += share_of(open, w->nclosers * PV(w, SIM_P_DEAL_LOAD));
	if (w->model == SIM_LUMPED) {
		w->use[ROLE_SDR] += share / w->nclosers;
		return;
	}
	w->use[ROLE_MRR] += share_of((double)w->arrived, w->mrrs * PV(w, SIM_P_MRR_CAPACITY));
	w->use[ROLE_SDR] += 1;
	w->use[ROLE_CSM] += share_of((double)w->customers, w->csms * PV(w, SIM_P_CSM_ACCOUNTS));
}

/* The weekly chance of an event that happens with chance q in a quarter. */
static double weekly(double q)
{
	return 1 - pow(1 - q, 1.0 / SIM_WEEKS_PER_QUARTER);
}

/* ---------------------------------------------------------------- runs and statistics */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The q-quantile of sorted v[0..n) with linear interpolation between order statistics. */
static double quantile(const double *v, int n, double q)
{
	double h = (n - 1) * q;
	int lo = (int)floor(h);

	return lo + 1 < n ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[n - 1];
}

static void summarize(double *v, int n, struct sim_quarter *out)
{
	double sum = 0, ss = 0;
	int i;

	for (i = 0; i < n; i++)
		sum += v[i];
	out->mean = sum / n;
	for (i = 0; i < n; i++)
		ss += (v[i] - out->mean) * (v[i] - out->mean);
	out->stddev = n > 1 ? sqrt(ss / (n - 1)) : 0;
	out->swing = out->mean > 0 ? out->stddev / out->mean : 0;
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	out->p10 = quantile(v, n, 0.10);
	out->p90 = quantile(v, n, 0.90);
}

void sim_verdict(const struct sim_quarter q[SIM_MODEL_COUNT][SIM_MAX_QUARTERS], int quarters, int runs,
		 struct sim_verdict *out)
{
	double se[SIM_MODEL_COUNT] = {0};
	enum sim_model m, other;
	int i;

	memset(out, 0, sizeof(*out));
	out->quarters = quarters;
	out->runs = runs;
	for (m = 0; m < SIM_MODEL_COUNT; m++) {
		for (i = 0; i < quarters; i++) {
			out->revenue[m] += q[m][i].mean;
			out->swing[m] += q[m][i].swing;
			se[m] += q[m][i].stddev;
		}
		out->swing[m] = quarters > 0 ? out->swing[m] / quarters : 0;
		se[m] = runs > 0 ? se[m] / sqrt((double)runs) : 0;
	}
	out->more = out->revenue[SIM_SPECIALIZED] >= out->revenue[SIM_LUMPED] ? SIM_SPECIALIZED : SIM_LUMPED;
	other = out->more == SIM_SPECIALIZED ? SIM_LUMPED : SIM_SPECIALIZED;
	if (out->revenue[other] > 0) {
		out->gain = out->revenue[out->more] / out->revenue[other] - 1;
		out->noise = 2 * sqrt(se[SIM_LUMPED] * se[SIM_LUMPED] + se[SIM_SPECIALIZED] * se[SIM_SPECIALIZED]) /
			     out->revenue[other];
	}
	if (out->swing[other] > 0)
		out->swing_change = out->swing[out->more] / out->swing[other] - 1;
	/* one run says nothing of the noise: no winner from it */
	out->ahead = runs > 1 && out->revenue[out->more] > out->revenue[other] &&
			     (out->revenue[other] <= 0 || out->gain > out->noise)
		     ? out->more
		     : SIM_MODEL_COUNT;
}

/* 0 if every parameter is finite, not negative, and shares and chances are at most 1. */
static int params_valid(const struct sim_params *p)
{
	size_t i;

	for (i = 0; i < SIM_P_COUNT; i++)
		if (!isfinite(p->p[i].value) || p->p[i].value < 0)
			return SIM_ERR_ARGS;
	for (i = 0; i < sizeof(unit_params) / sizeof(unit_params[0]); i++)
		if (p->p[unit_params[i]].value > 1)
			return SIM_ERR_ARGS;
	if (p->p[SIM_P_SHARE_MRR].value + p->p[SIM_P_SHARE_SDR].value + p->p[SIM_P_SHARE_CSM].value > 1 + 1e-9)
		return SIM_ERR_ARGS;
	return SIM_OK;
}

/* Sets up w for one run: the team of the model, an empty pipeline, no customers. */
static void world_reset(struct world *w, uint64_t seed, int run)
{
	rng_seed(&w->rng, seed, (int)w->model, run);
	memset(w->open, 0, (size_t)w->nclosers * sizeof(*w->open));
	memset(w->busy, 0, (size_t)w->nclosers * sizeof(*w->busy));
	w->cursor = w->nclosers - 1;
	w->n = 0;
	w->customers = 0;
	w->value = 0;
}

int sim_weeks(const struct sim_params *p, int quarters)
{
	return (int)lround(fmin(fmax(p->p[SIM_P_WARMUP_WEEKS].value, 0), 520)) + quarters * SIM_WEEKS_PER_QUARTER;
}

int64_t sim_work(const struct sim_params *p, int quarters, int runs)
{
	double reps = p->p[SIM_P_REPS].value;

	if (quarters < 1 || quarters > SIM_MAX_QUARTERS || runs < 1 || runs > SIM_MAX_RUNS || !(reps >= 1) ||
	    reps > SIM_MAX_REPS)
		return 0;
	return (int64_t)runs * sim_weeks(p, quarters) * (lround(reps) + SIM_WORK_BASE_REPS);
}

int64_t sim_max_runs(const struct sim_params *p, int quarters)
{
	int64_t one = sim_work(p, quarters, 1);

	return one > 0 ? SIM_MAX_WORK / one : 0;
}

int sim_run(const struct sim_params *p, enum sim_model model, int quarters, int runs, uint64_t seed,
	    struct sim_quarter *out)
{
	return sim_run_team(p, model, NULL, quarters, runs, seed, out, NULL);
}

/* 0 if team counts reps in all, at least one of each role. */
static int team_valid(const int team[ROLE_MANAGER], int reps)
{
	int r, sum = 0;

	for (r = 0; r < ROLE_MANAGER; r++) {
		if (team[r] < 1)
			return SIM_ERR_REPS;
		sum += team[r];
	}
	return sum == reps ? SIM_OK : SIM_ERR_REPS;
}

int sim_run_team(const struct sim_params *p, enum sim_model model, const int team[ROLE_MANAGER], int quarters,
		 int runs, uint64_t seed, struct sim_quarter *out, struct sim_usage *use)
{
	struct world w;
	int reps = (int)lround(p->p[SIM_P_REPS].value), split[ROLE_MANAGER], run, q, rc = SIM_OK;
	int warmup = (int)lround(fmin(p->p[SIM_P_WARMUP_WEEKS].value, 520));
	int weeks = sim_weeks(p, quarters), t;
	double *samples = NULL;

	if (quarters < 1 || quarters > SIM_MAX_QUARTERS || runs < 1 || runs > SIM_MAX_RUNS || reps < 1 ||
	    reps > SIM_MAX_REPS || (model != SIM_LUMPED && model != SIM_SPECIALIZED) || params_valid(p) ||
	    sim_work(p, quarters, runs) > SIM_MAX_WORK)
		return SIM_ERR_ARGS;
	memset(&w, 0, sizeof(w));
	w.p = p;
	w.model = model;
	w.nclosers = reps;
	if (model == SIM_SPECIALIZED) {
		if (team)
			memcpy(split, team, sizeof(split));
		if (team ? team_valid(split, reps) : sim_split(p, split))
			return SIM_ERR_REPS;
		w.nclosers = split[ROLE_AE];
		w.mrrs = split[ROLE_MRR];
		w.sdrs = split[ROLE_SDR];
		w.csms = split[ROLE_CSM];
	}
	w.churn_w[0] = weekly(p->p[SIM_P_CHURN_UNCOVERED].value);
	w.churn_w[1] = weekly(p->p[SIM_P_CHURN_COVERED].value);
	w.expand_w[0] = weekly(p->p[SIM_P_EXPAND_UNCOVERED].value);
	w.expand_w[1] = weekly(p->p[SIM_P_EXPAND_COVERED].value);
	w.open = calloc((size_t)w.nclosers, sizeof(*w.open));
	w.busy = calloc((size_t)w.nclosers, sizeof(*w.busy));
	w.share = calloc((size_t)w.nclosers, sizeof(*w.share));
	w.progress = calloc((size_t)w.nclosers, sizeof(*w.progress));
	samples = calloc((size_t)quarters * (size_t)runs, sizeof(*samples));
	if (!w.open || !w.busy || !w.share || !w.progress || !samples) {
		rc = SIM_ERR_NOMEM;
		goto done;
	}
	for (run = 0; run < runs; run++) {
		world_reset(&w, seed, run);
		for (t = 0; t < weeks; t++) {
			double revenue = 0;

			if (week(&w, &revenue)) {
				rc = SIM_ERR_NOMEM;
				goto done;
			}
			if (t < warmup)
				continue;
			samples[(size_t)((t - warmup) / SIM_WEEKS_PER_QUARTER) * (size_t)runs + (size_t)run] += revenue;
			measure(&w);
		}
	}
	for (q = 0; q < quarters; q++)
		summarize(samples + (size_t)q * (size_t)runs, runs, &out[q]);
	for (q = 0; use && q < ROLE_MANAGER; q++)
		use->role[q] = w.use[q] / ((double)runs * (weeks - warmup));
done:
	free(samples);
	free(w.open);
	free(w.busy);
	free(w.share);
	free(w.progress);
	free(w.deals);
	return rc;
}
