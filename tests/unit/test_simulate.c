/* test_simulate.c - the Monte Carlo model of `baton simulate` (core/simulate.c): the same seed
 * gives the same numbers and another seed others, percentiles bracket the mean, calibration
 * replaces a default only with enough history and says what it counted, a lead's facts counted
 * as report forecast counts them (sim_history_fact), the specialized split,
 * and the property the model is built to show: lumped revenue swings more than specialized. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/simulate.h"

#define QUARTERS 4
#define RUNS 400

/* A history past every threshold: 6 months, 1300 inbound mqls, 600 outbound leads by 2 SDRs,
 * 300 closed, 80 won with amounts, 70 cycle samples, every role staffed. */
static void big_history(struct sim_history *h)
{
	memset(h, 0, sizeof(*h));
	h->months = 6.0;
	h->flow_months = 6.0;
	h->inbound = 2000;
	h->outbound = 600;
	h->mql = 1300;
	h->mql_inbound = 1300;
	h->handoffs = 500;
	h->sql = 400;
	h->sql_inbound = 260;
	h->sql_outbound = 30;
	h->won = 90;
	h->lost = 210;
	h->won_with_amount = 80;
	h->won_cents = 80 * 1500000;
	h->days_to_won = 42.0;
	h->cycle_samples = 70;
	h->reps[ROLE_MRR] = 1;
	h->reps[ROLE_SDR] = 2;
	h->reps[ROLE_AE] = 4;
	h->reps[ROLE_CSM] = 1;
	h->reps[ROLE_MANAGER] = 1;
}

static int is_default(const struct sim_params *p, enum sim_param_id id)
{
	return strcmp(p->p[id].source, "default") == 0;
}

static void test_same_seed_gives_identical_quarters(void **state)
{
	struct sim_params p;
	struct sim_quarter a[QUARTERS], b[QUARTERS];
	int m;

	sim_params_default(&p);
	for (m = 0; m < SIM_MODEL_COUNT; m++) {
		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		assert_int_equal(sim_run(&p, (enum sim_model)m, QUARTERS, 50, 42, a), SIM_OK);
		assert_int_equal(sim_run(&p, (enum sim_model)m, QUARTERS, 50, 42, b), SIM_OK);
		assert_memory_equal(a, b, sizeof(a));
	}
}

static void test_different_seed_gives_different_quarters(void **state)
{
	struct sim_params p;
	struct sim_quarter a[QUARTERS], b[QUARTERS];
	int m;

	sim_params_default(&p);
	for (m = 0; m < SIM_MODEL_COUNT; m++) {
		assert_int_equal(sim_run(&p, (enum sim_model)m, QUARTERS, 50, 1, a), SIM_OK);
		assert_int_equal(sim_run(&p, (enum sim_model)m, QUARTERS, 50, 2, b), SIM_OK);
		assert_true(a[0].mean != b[0].mean);
		assert_true(memcmp(a, b, sizeof(a)) != 0);
	}
}

static void test_percentiles_bracket_the_mean_and_revenue_is_positive(void **state)
{
	struct sim_params p;
	struct sim_quarter q[QUARTERS];
	int m, i;

	sim_params_default(&p);
	for (m = 0; m < SIM_MODEL_COUNT; m++) {
		assert_int_equal(sim_run(&p, (enum sim_model)m, QUARTERS, RUNS, 1, q), SIM_OK);
		for (i = 0; i < QUARTERS; i++) {
			assert_true(q[i].mean > 0);
			assert_true(q[i].p10 > 0);
			assert_true(q[i].p10 <= q[i].mean);
			assert_true(q[i].mean <= q[i].p90);
			assert_true(q[i].swing > 0 && q[i].swing < 1);
			assert_true(q[i].stddev > 0);
		}
	}
}

static void test_no_leads_means_no_revenue(void **state)
{
	struct sim_params p;
	struct sim_quarter q[2];

	sim_params_default(&p);
	sim_params_set(&p, SIM_P_INBOUND, 0, "test");
	sim_params_set(&p, SIM_P_OUTBOUND, 0, "test");
	assert_int_equal(sim_run(&p, SIM_LUMPED, 2, 20, 1, q), SIM_OK);
	assert_true(q[0].mean == 0 && q[1].p90 == 0 && q[1].swing == 0);
	assert_int_equal(sim_run(&p, SIM_SPECIALIZED, 2, 20, 1, q), SIM_OK);
	assert_true(q[0].mean == 0 && q[1].p90 == 0 && q[1].swing == 0);
}

/* The feast-or-famine property: with the defaults, every quarter of the lumped organisation
 * has a larger swing (stddev / mean across runs) than the specialized one, for several seeds
 * and horizons. Nothing in the model compares the two: it follows from reps who stop
 * prospecting while they close. */
static void test_lumped_swings_more_than_specialized(void **state)
{
	static const uint64_t seeds[] = {1, 7, 2024};
	struct sim_params p;
	struct sim_quarter lumped[8], special[8];
	size_t s;
	int i;

	sim_params_default(&p);
	for (s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++) {
		int quarters = s == 0 ? 8 : QUARTERS;

		assert_int_equal(sim_run(&p, SIM_LUMPED, quarters, RUNS, seeds[s], lumped), SIM_OK);
		assert_int_equal(sim_run(&p, SIM_SPECIALIZED, quarters, RUNS, seeds[s], special), SIM_OK);
		for (i = 0; i < quarters; i++)
			assert_true(lumped[i].swing > special[i].swing);
	}
}

static void test_little_history_keeps_every_default(void **state)
{
	struct sim_params p;
	struct sim_history h;
	int i;

	memset(&h, 0, sizeof(h));
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	for (i = 0; i < SIM_P_COUNT; i++)
		assert_string_equal(p.p[i].source, "default");
	assert_true(p.p[SIM_P_REPS].value == 10);

	big_history(&h);
	h.mql_inbound = SIM_MIN_LEADS - 1;
	h.outbound = SIM_MIN_LEADS - 1;
	h.won = 60;
	h.lost = SIM_MIN_CLOSED - 61;
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	assert_true(is_default(&p, SIM_P_INBOUND) && is_default(&p, SIM_P_INBOUND_SQL_RATE));
	assert_true(is_default(&p, SIM_P_OUTBOUND) && is_default(&p, SIM_P_OUTBOUND_SQL_RATE));
	assert_true(is_default(&p, SIM_P_WIN_RATE) && is_default(&p, SIM_P_DEAL_SIZE));
	assert_true(is_default(&p, SIM_P_CYCLE_WEEKS));
}

/* A long history whose flow is counted over its last quarter (service: SIM_FLOW_MONTHS): the
 * weekly rates are per week of that quarter, the source says so; the time threshold is the
 * whole history's. */
static void test_the_flow_is_per_week_of_its_window(void **state)
{
	struct sim_params p;
	struct sim_history h;

	big_history(&h);
	h.months = 15.0;
	h.flow_months = SIM_FLOW_MONTHS;
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	assert_float_equal(p.p[SIM_P_INBOUND].value, 1300.0 / (3.0 * 365.2425 / 12.0 / 7.0), 1e-9);
	assert_string_equal(p.p[SIM_P_INBOUND].source, "store: 1300 inbound mqls over 3.0 months");
	assert_float_equal(p.p[SIM_P_OUTBOUND].value, 600.0 / (3.0 * 365.2425 / 12.0 / 7.0) / 2.0, 1e-9);
}

static void test_short_history_keeps_the_rates(void **state)
{
	struct sim_params p;
	struct sim_history h;

	big_history(&h);
	h.months = SIM_MIN_MONTHS - 0.1;
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	assert_true(is_default(&p, SIM_P_INBOUND) && is_default(&p, SIM_P_WIN_RATE));
	assert_true(is_default(&p, SIM_P_OUTBOUND_SQL_RATE) && is_default(&p, SIM_P_CYCLE_WEEKS));
	/* the headcount is not a rate: it counts today's team */
	assert_true(p.p[SIM_P_REPS].value == 8);
	assert_string_equal(p.p[SIM_P_REPS].source, "store: 8 active non-manager reps");
}

static void test_enough_history_replaces_the_rates_and_says_what_was_counted(void **state)
{
	struct sim_params p;
	struct sim_history h;
	double weeks = 6.0 * 365.2425 / 12.0 / 7.0;

	big_history(&h);
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	assert_float_equal(p.p[SIM_P_INBOUND].value, 1300 / weeks, 1e-9);
	assert_string_equal(p.p[SIM_P_INBOUND].source, "store: 1300 inbound mqls over 6.0 months");
	assert_float_equal(p.p[SIM_P_INBOUND_SQL_RATE].value, 0.2, 1e-12);
	assert_string_equal(p.p[SIM_P_INBOUND_SQL_RATE].source, "store: 260 of 1300 inbound mqls reached sql");
	assert_float_equal(p.p[SIM_P_OUTBOUND].value, 600 / weeks / 2, 1e-9);
	assert_float_equal(p.p[SIM_P_OUTBOUND_SQL_RATE].value, 0.05, 1e-12);
	assert_float_equal(p.p[SIM_P_WIN_RATE].value, 0.3, 1e-12);
	assert_string_equal(p.p[SIM_P_WIN_RATE].source, "store: 90 won of 300 closed");
	assert_float_equal(p.p[SIM_P_DEAL_SIZE].value, 15000, 1e-9);
	assert_float_equal(p.p[SIM_P_CYCLE_WEEKS].value, 6, 1e-12);
	assert_float_equal(p.p[SIM_P_SHARE_SDR].value, 0.25, 1e-12);
	assert_string_equal(p.p[SIM_P_SHARE_SDR].source, "store: 2 of 8 active reps are sdr");
	/* what the store cannot tell stays a default */
	assert_true(is_default(&p, SIM_P_LATE_FACTOR) && is_default(&p, SIM_P_BUSY_DEALS));
	assert_true(is_default(&p, SIM_P_DEAL_SIGMA) && is_default(&p, SIM_P_WARMUP_WEEKS));

	/* too few won amounts or cycle samples: the win rate moves, deal size and cycle do not */
	h.won_with_amount = SIM_MIN_SAMPLES - 1;
	h.cycle_samples = SIM_MIN_SAMPLES - 1;
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	assert_false(is_default(&p, SIM_P_WIN_RATE));
	assert_true(is_default(&p, SIM_P_DEAL_SIZE) && is_default(&p, SIM_P_CYCLE_WEEKS));
}

/* The churn and the expansion of a covered customer from report customers' renewals and
 * expansions: churned (won) per customer-month, compounded over a quarter, once SIM_MIN_RENEWALS
 * renewal dates are decided (SIM_MIN_EXPANSIONS expansions won) over enough time; the uncovered
 * customers' rates and the expansions' size stay defaults (no store says them). */
static void test_churn_and_expansion_are_calibrated_per_customer_month_once_there_are_enough(void **state)
{
	static const struct {
		enum sim_param_id param; /* SIM_P_CHURN_COVERED or SIM_P_EXPAND_COVERED */
		double months;
		int64_t renewed, churned, expansions, customer_months;
		double want; /* < 0: the default stays */
		const char *source;
	} cases[] = {
		/* 30 decided: enough; 5 of 300 customer-months is 1/60 a month */
		{SIM_P_CHURN_COVERED, 6.0, 25, 5, 0, 300, 1.0 - (59.0 / 60.0) * (59.0 / 60.0) * (59.0 / 60.0),
		 "store: 5 churned over 300 customer-months (25 renewed)"},
		{SIM_P_CHURN_COVERED, 6.0, 24, 5, 0, 300, -1, NULL}, /* 29: not enough */
		{SIM_P_CHURN_COVERED, SIM_MIN_MONTHS - 0.1, 40, 10, 0, 300, -1, NULL},
		{SIM_P_CHURN_COVERED, 6.0, 30, 0, 0, 300, 0.0, "store: 0 churned over 300 customer-months (30 renewed)"},
		{SIM_P_CHURN_COVERED, 6.0, 40, 0, 0, 0, -1, NULL}, /* nobody was ever live at a month's end */
		/* 30 won: enough; 30 of 600 customer-months is 1/20 a month */
		{SIM_P_EXPAND_COVERED, 6.0, 0, 0, 30, 600, 1.0 - (19.0 / 20.0) * (19.0 / 20.0) * (19.0 / 20.0),
		 "store: 30 expansions won over 600 customer-months"},
		{SIM_P_EXPAND_COVERED, 6.0, 0, 0, 29, 600, -1, NULL}, /* not enough */
		{SIM_P_EXPAND_COVERED, SIM_MIN_MONTHS - 0.1, 0, 0, 60, 600, -1, NULL},
		{SIM_P_EXPAND_COVERED, 6.0, 0, 0, 40, 0, -1, NULL},
		/* more expansions than customer-months: at most one a month, a certain quarter */
		{SIM_P_EXPAND_COVERED, 6.0, 0, 0, 50, 40, 1.0, "store: 50 expansions won over 40 customer-months"},
	};
	struct sim_params p;
	struct sim_history h;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		big_history(&h);
		h.months = cases[i].months;
		h.renewed = cases[i].renewed;
		h.churned = cases[i].churned;
		h.expansions = cases[i].expansions;
		h.customer_months = cases[i].customer_months;
		sim_params_default(&p);
		sim_calibrate(&p, &h);
		if (cases[i].want < 0) {
			assert_true(is_default(&p, cases[i].param));
		} else {
			assert_float_equal(p.p[cases[i].param].value, cases[i].want, 1e-12);
			assert_string_equal(p.p[cases[i].param].source, cases[i].source);
		}
		assert_true(is_default(&p, SIM_P_CHURN_UNCOVERED) && is_default(&p, SIM_P_EXPAND_UNCOVERED) &&
			    is_default(&p, SIM_P_EXPAND_SHARE));
	}
}

static void test_headcount_below_two_keeps_ten_and_partial_roles_keep_the_shares(void **state)
{
	struct sim_params p;
	struct sim_history h;

	memset(&h, 0, sizeof(h));
	h.reps[ROLE_AE] = 1;
	h.reps[ROLE_MANAGER] = 3;
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	assert_true(p.p[SIM_P_REPS].value == 10);
	assert_true(is_default(&p, SIM_P_REPS));

	h.reps[ROLE_AE] = 5;
	h.reps[ROLE_SDR] = 1; /* no MRR, no CSM: the store's mix says nothing about a split */
	sim_params_default(&p);
	sim_calibrate(&p, &h);
	assert_true(p.p[SIM_P_REPS].value == 6);
	assert_true(is_default(&p, SIM_P_SHARE_MRR) && is_default(&p, SIM_P_SHARE_SDR) &&
		    is_default(&p, SIM_P_SHARE_CSM));
}

static void test_split_of_the_headcount(void **state)
{
	struct sim_params p;
	int c[ROLE_MANAGER];

	sim_params_default(&p);
	assert_int_equal(sim_split(&p, c), SIM_OK);
	assert_int_equal(c[ROLE_MRR], 1);
	assert_int_equal(c[ROLE_SDR], 3);
	assert_int_equal(c[ROLE_AE], 5);
	assert_int_equal(c[ROLE_CSM], 1);

	sim_params_set(&p, SIM_P_REPS, 4, "test");
	assert_int_equal(sim_split(&p, c), SIM_OK);
	assert_true(c[ROLE_MRR] == 1 && c[ROLE_SDR] == 1 && c[ROLE_AE] == 1 && c[ROLE_CSM] == 1);

	sim_params_set(&p, SIM_P_REPS, 23, "test");
	assert_int_equal(sim_split(&p, c), SIM_OK);
	assert_int_equal(c[ROLE_MRR] + c[ROLE_SDR] + c[ROLE_AE] + c[ROLE_CSM], 23);
	assert_int_equal(c[ROLE_SDR], 7); /* 6.9 */
	assert_int_equal(c[ROLE_AE], 12); /* 11.5 */

	sim_params_set(&p, SIM_P_REPS, 3, "test");
	assert_int_equal(sim_split(&p, c), SIM_ERR_REPS);
}

static void test_too_few_reps_refuse_only_the_specialized_model(void **state)
{
	struct sim_params p;
	struct sim_quarter q[1];

	sim_params_default(&p);
	sim_params_set(&p, SIM_P_REPS, 3, "test");
	assert_int_equal(sim_run(&p, SIM_SPECIALIZED, 1, 10, 1, q), SIM_ERR_REPS);
	assert_int_equal(sim_run(&p, SIM_LUMPED, 1, 10, 1, q), SIM_OK);
}

static void test_bad_arguments_are_refused(void **state)
{
	struct sim_params p;
	struct sim_quarter q[SIM_MAX_QUARTERS + 1];

	sim_params_default(&p);
	assert_int_equal(sim_run(&p, SIM_LUMPED, 0, 10, 1, q), SIM_ERR_ARGS);
	assert_int_equal(sim_run(&p, SIM_LUMPED, SIM_MAX_QUARTERS + 1, 10, 1, q), SIM_ERR_ARGS);
	assert_int_equal(sim_run(&p, SIM_LUMPED, 1, 0, 1, q), SIM_ERR_ARGS);
	assert_int_equal(sim_run(&p, SIM_LUMPED, 1, SIM_MAX_RUNS + 1, 1, q), SIM_ERR_ARGS);
	sim_params_set(&p, SIM_P_WIN_RATE, 1.5, "test");
	assert_int_equal(sim_run(&p, SIM_LUMPED, 1, 10, 1, q), SIM_ERR_ARGS);
	sim_params_default(&p);
	sim_params_set(&p, SIM_P_SHARE_SDR, 0.95, "test");
	assert_int_equal(sim_run(&p, SIM_SPECIALIZED, 1, 10, 1, q), SIM_ERR_ARGS);
}

static void test_the_work_of_one_simulation_is_bounded(void **state)
{
	struct sim_params p;
	struct sim_quarter q[12];
	int64_t most;

	sim_params_default(&p);
	sim_params_set(&p, SIM_P_REPS, 1000, "test");
	assert_int_equal(sim_weeks(&p, 12), 26 + 12 * 13);
	assert_true(sim_work(&p, 12, 2000) == 2000LL * 182 * (1000 + SIM_WORK_BASE_REPS));
	most = sim_max_runs(&p, 12);
	assert_true(most >= 1);
	assert_true(sim_work(&p, 12, (int)most) <= SIM_MAX_WORK);
	assert_true(sim_work(&p, 12, (int)most + 1) > SIM_MAX_WORK);
	/* the request of issue 13 (~1 minute of a server thread) is refused before any work */
	assert_int_equal(sim_run(&p, SIM_LUMPED, 12, 2000, 1, q), SIM_ERR_ARGS);
	assert_int_equal(sim_run(&p, SIM_LUMPED, 12, (int)most + 1, 1, q), SIM_ERR_ARGS);
	/* the defaults fit with the demo's headcount (22): the CLI's 1000 runs, the dashboard's 500 */
	sim_params_set(&p, SIM_P_REPS, 22, "test");
	assert_true(sim_work(&p, 4, 1000) <= SIM_MAX_WORK);
	assert_true(sim_work(&p, 4, 500) <= SIM_MAX_WORK);
	assert_true(sim_work(&p, 0, 10) == 0);
}

/* The verdict: the model with more revenue comes out ahead only past two standard errors of the
 * difference; with few runs the same gap is no clear winner; swings compared the same way. */
static void test_the_verdict_says_who_comes_out_ahead_beyond_the_noise(void **state)
{
	static const struct {
		const char *name;
		double lumped, specialized; /* mean revenue of each quarter */
		double sd;                  /* standard deviation of each quarter, both models */
		int runs;
		enum sim_model ahead;       /* SIM_MODEL_COUNT: no clear winner */
		double gain;
	} cases[] = {
		{"specialized makes 25% more, 1000 runs", 100000, 125000, 30000, 1000, SIM_SPECIALIZED, 0.25},
		{"lumped makes 25% more, 1000 runs", 125000, 100000, 30000, 1000, SIM_LUMPED, 0.25},
		{"25% more over 4 runs is within the noise", 100000, 125000, 30000, 4, SIM_MODEL_COUNT, 0.25},
		{"the same revenue is no winner", 100000, 100000, 30000, 1000, SIM_MODEL_COUNT, 0},
		{"one run tells nothing of the noise", 100000, 125000, 0, 1, SIM_MODEL_COUNT, 0.25},
		{"revenue against none", 0, 1000, 0, 10, SIM_SPECIALIZED, 0},
	};
	struct sim_quarter q[SIM_MODEL_COUNT][SIM_MAX_QUARTERS];
	struct sim_verdict v;
	size_t k;
	int i;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		memset(q, 0, sizeof(q));
		for (i = 0; i < QUARTERS; i++) {
			q[SIM_LUMPED][i] = (struct sim_quarter){cases[k].lumped, 0, 0, cases[k].sd, 0.4};
			q[SIM_SPECIALIZED][i] = (struct sim_quarter){cases[k].specialized, 0, 0, cases[k].sd, 0.3};
		}
		sim_verdict(q, QUARTERS, cases[k].runs, &v);
		if (v.ahead != cases[k].ahead || fabs(v.gain - cases[k].gain) > 1e-9)
			fail_msg("%s: ahead %d, gain %f", cases[k].name, (int)v.ahead, v.gain);
		assert_true(fabs(v.revenue[SIM_SPECIALIZED] - QUARTERS * cases[k].specialized) < 1e-6);
	}
	/* the swing of the one with more revenue against the other's: 0.3 against 0.4, 25% less */
	assert_int_equal(v.more, SIM_SPECIALIZED);
	assert_true(fabs(v.swing_change + 0.25) < 1e-9);
}

static void test_names(void **state)
{
	assert_string_equal(sim_param_name(SIM_P_REPS), "reps");
	assert_string_equal(sim_param_name(SIM_P_WIN_RATE), "win_rate");
	assert_string_equal(sim_param_name(SIM_P_COUNT), "?");
	assert_string_equal(sim_model_name(SIM_LUMPED), "lumped");
	assert_string_equal(sim_model_name(SIM_SPECIALIZED), "specialized");
}

/* sim_history_fact counts a lead's facts with report forecast's rules: won with an amount for
 * the deal size, won at or after its first sql for the cycle; nothing else counts. */
static void test_history_counts_a_lead_as_the_forecast_does(void **state)
{
	static const struct {
		const char *what;
		unsigned reached;
		int64_t sql_at, won_at, amount;
		int64_t valued, samples;
		double days;
	} cases[] = {
		{"won after sql, with an amount", 1u << STAGE_SQL | 1u << STAGE_WON, 86400, 3 * 86400, 500, 1, 1, 2.0},
		{"won without an amount", 1u << STAGE_SQL | 1u << STAGE_WON, 86400, 86400 + 43200, 0, 0, 1, 0.5},
		{"won, never sql", 1u << STAGE_WON, 0, 86400, 700, 1, 0, 0},
		{"won before its sql time", 1u << STAGE_SQL | 1u << STAGE_WON, 2 * 86400, 86400, 700, 1, 0, 0},
		{"sql and lost", 1u << STAGE_SQL | 1u << STAGE_LOST, 86400, 0, 900, 0, 0, 0},
		{"an open lead with an estimate", 1u << STAGE_SQL, 86400, 0, 900, 0, 0, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sim_history h;
		struct report_fact f;

		memset(&h, 0, sizeof(h));
		memset(&f, 0, sizeof(f));
		f.reached = cases[i].reached;
		f.at[STAGE_SQL] = cases[i].sql_at;
		f.at[STAGE_WON] = cases[i].won_at;
		f.amount = cases[i].amount;
		sim_history_fact(&h, &f);
		if (h.won_with_amount != cases[i].valued || h.won_cents != cases[i].valued * cases[i].amount ||
		    h.cycle_samples != cases[i].samples || fabs(h.won_days - cases[i].days) > 1e-9)
			fail_msg("%s: valued %lld cents %lld samples %lld days %g", cases[i].what,
				 (long long)h.won_with_amount, (long long)h.won_cents, (long long)h.cycle_samples,
				 h.won_days);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_gives_identical_quarters),
		cmocka_unit_test(test_different_seed_gives_different_quarters),
		cmocka_unit_test(test_percentiles_bracket_the_mean_and_revenue_is_positive),
		cmocka_unit_test(test_no_leads_means_no_revenue),
		cmocka_unit_test(test_lumped_swings_more_than_specialized),
		cmocka_unit_test(test_little_history_keeps_every_default),
		cmocka_unit_test(test_short_history_keeps_the_rates),
		cmocka_unit_test(test_the_flow_is_per_week_of_its_window),
		cmocka_unit_test(test_enough_history_replaces_the_rates_and_says_what_was_counted),
		cmocka_unit_test(test_churn_and_expansion_are_calibrated_per_customer_month_once_there_are_enough),
		cmocka_unit_test(test_headcount_below_two_keeps_ten_and_partial_roles_keep_the_shares),
		cmocka_unit_test(test_split_of_the_headcount),
		cmocka_unit_test(test_too_few_reps_refuse_only_the_specialized_model),
		cmocka_unit_test(test_bad_arguments_are_refused),
		cmocka_unit_test(test_the_work_of_one_simulation_is_bounded),
		cmocka_unit_test(test_the_verdict_says_who_comes_out_ahead_beyond_the_noise),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_history_counts_a_lead_as_the_forecast_does),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
