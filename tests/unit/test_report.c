/* test_report.c - the reports' core over hand-made facts: the statistics (nearest-rank
 * quantiles, the two-proportion z-test against R's prop.test without continuity correction,
 * the sample-size rule), funnel counts and conversions, speed percentiles and SLA share,
 * grouping by month in the org's zone, the forecast's expected value and interval, the A/B
 * verdicts, the routing report's counts from routing events (SPEC 8.5) and from the store's
 * counts per day, speed and funnel over counted leads equal to one by one, and the refusal of a
 * --by a report does not take. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "core/report.h"
#include "util/arena.h"

static int64_t at(const char *s)
{
	int64_t t = 0;

	assert_int_equal(clock_parse_rfc3339(s, &t), 0);
	return t;
}

static struct playbook *pb;

static int setup(void **state)
{
	struct bt_error err;

	pb = playbook_default(&err);
	return pb ? 0 : -1;
}

static int teardown(void **state)
{
	playbook_free(&pb);
	return 0;
}

/* A fact for lead id created at `created` that reached the stages in `mask`. */
static struct report_fact fact(int64_t id, const char *created, unsigned mask)
{
	struct report_fact f;

	memset(&f, 0, sizeof(f));
	f.lead = id;
	f.created_at = at(created);
	f.channel = CHANNEL_INBOUND;
	f.reached = mask;
	f.speed = -1;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (mask & (1u << s)) {
			f.at[s] = f.created_at + s * 3600;
			f.stage = (enum stage)s;
		}
	return f;
}

#define R(s) (1u << (s))

/* The cell of column `col` in row `row` of table t. */
static const struct cell *cell(const struct report_table *t, size_t row, const char *col)
{
	assert_true(row < t->nrows);
	for (size_t k = 0; k < t->ncols; k++)
		if (strcmp(t->cols[k], col) == 0)
			return &t->cells[row * t->ncols + k];
	fail_msg("no column %s", col);
	return NULL;
}

static struct report run(const char *name, enum report_by by, const struct report_fact *f, size_t n, struct arena *a)
{
	struct report_opts o = {.by = by, .from = INT64_MIN / 2, .to = INT64_MAX / 2, .now = at("2026-11-30T12:00:00Z"), .pb = pb};
	struct bt_error err;
	struct report out;
	struct report_run *r = report_start(name, &o, a, &err);

	assert_non_null(r);
	for (size_t i = 0; i < n; i++)
		report_fact(r, &f[i]);
	assert_int_equal(report_finish(r, &out, &err), 0);
	return out;
}

/* Tables t1 and t2 have the same columns and the same first row. */
static void assert_same_first_row(const struct report_table *t1, const struct report_table *t2)
{
	assert_int_equal(t1->ncols, t2->ncols);
	for (size_t k = 0; k < t1->ncols; k++) {
		assert_int_equal(t1->cells[k].kind, t2->cells[k].kind);
		if (t1->cells[k].kind == CELL_INT)
			assert_int_equal(t1->cells[k].i, t2->cells[k].i);
		if (t1->cells[k].kind == CELL_REAL || t1->cells[k].kind == CELL_RATE)
			assert_true(t1->cells[k].r == t2->cells[k].r);
	}
}

static void test_quantiles_are_nearest_rank(void **state)
{
	int64_t v[] = {9, 1, 5, 3, 7};
	int64_t one[] = {4};

	assert_int_equal(report_quantile(v, 5, 0.5), 5);
	assert_int_equal(report_quantile(v, 5, 0.9), 9);
	assert_int_equal(report_quantile(v, 5, 0.2), 1);
	assert_int_equal(report_quantile(one, 1, 0.9), 4);
	assert_int_equal(report_quantile(NULL, 0, 0.5), 0);
}

/* (value, count) pairs give the quantile of the values repeated: 1, 1, 5, 9 */
static void test_counted_quantiles_are_nearest_rank_of_the_repeated_values(void **state)
{
	int64_t pairs[] = {9, 1, 1, 2, 5, 1, 7, 0};

	assert_int_equal(report_quantile_counted(pairs, 4, 0.5), 1);
	assert_int_equal(report_quantile_counted(pairs, 4, 0.75), 5);
	assert_int_equal(report_quantile_counted(pairs, 4, 0.9), 9);
	assert_int_equal(report_quantile_counted(pairs, 4, 0.1), 1);
	assert_int_equal(report_quantile_counted(NULL, 0, 0.5), 0);
}

static void test_two_proportion_test_matches_r(void **state)
{
	/* prop.test(c(30, 50), c(100, 100), correct = FALSE)$p.value = 0.003892417 */
	assert_true(fabs(report_two_proportion_p(30, 100, 50, 100) - 0.003892417) < 1e-6);
	/* prop.test(c(12, 15), c(80, 90), correct = FALSE)$p.value = 0.7667 (no difference) */
	assert_true(fabs(report_two_proportion_p(12, 80, 15, 90) - 0.7667) < 1e-3);
	assert_true(report_two_proportion_p(0, 10, 0, 10) == 1);
	assert_true(report_two_proportion_p(1, 0, 1, 10) == 1);
	assert_true(report_sample_ok(30, 100, 50, 100));
	assert_false(report_sample_ok(1, 10, 2, 10));
}

static void test_funnel_counts_every_stage_reached_and_converts(void **state)
{
	struct arena *a = arena_new();
	struct report_fact f[] = {
		fact(1, "2026-11-02T09:00:00Z", R(STAGE_INQUIRY) | R(STAGE_MQL) | R(STAGE_WORKING) | R(STAGE_HANDOFF) | R(STAGE_SQL)),
		fact(2, "2026-11-03T09:00:00Z", R(STAGE_INQUIRY) | R(STAGE_MQL) | R(STAGE_WORKING) | R(STAGE_HANDOFF)),
		fact(3, "2026-11-04T09:00:00Z", R(STAGE_INQUIRY) | R(STAGE_MQL)),
		fact(4, "2026-11-05T09:00:00Z", R(STAGE_INQUIRY) | R(STAGE_FILTERED)),
	};
	struct report r = run("funnel", BY_NONE, f, 4, a);
	const struct report_table *t = &r.tables[0];

	assert_int_equal(t->nrows, 1);
	assert_string_equal(cell(t, 0, "key")->s, "all");
	assert_int_equal(cell(t, 0, "inquiry")->i, 4);
	assert_int_equal(cell(t, 0, "mql")->i, 3);
	assert_int_equal(cell(t, 0, "handoff")->i, 2);
	assert_int_equal(cell(t, 0, "sql")->i, 1);
	assert_int_equal(cell(t, 0, "filtered")->i, 1);
	assert_true(fabs(cell(t, 0, "inquiry_to_mql")->r - 0.75) < 1e-9);
	assert_true(fabs(cell(t, 0, "handoff_to_sql")->r - 0.5) < 1e-9);
	assert_int_equal(cell(t, 0, "sql_to_won")->kind, CELL_RATE); /* 0 of 1: a rate, not null */
	assert_true(cell(t, 0, "sql_to_won")->r == 0);
	arena_free(&a);
}

/* the funnel over a store's counted rows (report_fact.count, report_counted_facts) equals the
 * funnel over the same leads one by one */
static void test_funnel_over_counted_leads_equals_one_by_one(void **state)
{
	struct arena *a = arena_new();
	unsigned sql = R(STAGE_INQUIRY) | R(STAGE_MQL) | R(STAGE_WORKING) | R(STAGE_HANDOFF) | R(STAGE_SQL);
	unsigned mql = R(STAGE_INQUIRY) | R(STAGE_MQL);
	struct report_fact one[5], counted[2];

	assert_int_equal(report_counted_facts("funnel", BY_NONE), REPORT_FACTS_REACHED);
	assert_int_equal(report_counted_facts("funnel", BY_SOURCE), REPORT_FACTS_SOURCE);
	assert_int_equal(report_counted_facts("funnel", BY_CHANNEL), REPORT_FACTS_SOURCE);
	assert_int_equal(report_counted_facts("funnel", BY_REP), REPORT_FACTS_EACH);
	assert_int_equal(report_counted_facts("speed", BY_NONE), REPORT_FACTS_SPEED);
	assert_int_equal(report_counted_facts("speed", BY_MONTH), REPORT_FACTS_EACH);
	assert_int_equal(report_counted_facts("pipeline", BY_SOURCE), REPORT_FACTS_EACH);
	for (int i = 0; i < 5; i++)
		one[i] = fact(i + 1, "2026-11-02T09:00:00Z", i < 2 ? sql : mql);
	counted[0] = fact(0, "2026-11-02T09:00:00Z", sql);
	counted[0].count = 2;
	counted[1] = fact(0, "2026-11-02T09:00:00Z", mql);
	counted[1].count = 3;
	struct report a1 = run("funnel", BY_NONE, one, 5, a), a2 = run("funnel", BY_NONE, counted, 2, a);
	const struct report_table *t1 = &a1.tables[0], *t2 = &a2.tables[0];

	assert_int_equal(cell(t2, 0, "leads")->i, 5);
	assert_same_first_row(t1, t2);
	assert_true(fabs(cell(t2, 0, "mql_to_working")->r - 0.4) < 1e-9);
	arena_free(&a);
}

static void test_funnel_by_month_uses_the_org_zone(void **state)
{
	struct arena *a = arena_new();
	/* 2026-11-30T23:30Z is already December 1st in Paris */
	struct report_fact f[] = {fact(1, "2026-11-30T22:30:00Z", R(STAGE_INQUIRY)), fact(2, "2026-11-30T23:30:00Z", R(STAGE_INQUIRY)),
				  fact(3, "2026-12-15T10:00:00Z", R(STAGE_INQUIRY))};
	struct report r = run("funnel", BY_MONTH, f, 3, a);
	const struct report_table *t = &r.tables[0];

	assert_int_equal(t->nrows, 2);
	assert_string_equal(cell(t, 0, "key")->s, "2026-11");
	assert_int_equal(cell(t, 0, "leads")->i, 1);
	assert_string_equal(cell(t, 1, "key")->s, "2026-12");
	assert_int_equal(cell(t, 1, "leads")->i, 2);
	arena_free(&a);
}

static void test_speed_percentiles_and_share_within_the_sla(void **state)
{
	struct arena *a = arena_new();
	struct report_fact f[6];
	int64_t speeds[] = {1, 2, 4, 8, 30, -1};

	for (int i = 0; i < 6; i++) {
		f[i] = fact(i + 1, "2026-11-02T09:00:00Z", R(STAGE_INQUIRY) | R(STAGE_MQL));
		f[i].speed = speeds[i];
		f[i].worked_by = i % 2 ? "bob" : "alice";
	}
	struct report r = run("speed", BY_NONE, f, 6, a);
	const struct report_table *t = &r.tables[0];

	assert_int_equal(cell(t, 0, "leads")->i, 6);
	assert_int_equal(cell(t, 0, "touched")->i, 5);
	assert_int_equal(cell(t, 0, "untouched")->i, 1);
	assert_int_equal(cell(t, 0, "p50_minutes")->i, 4);
	assert_int_equal(cell(t, 0, "p90_minutes")->i, 30);
	assert_int_equal(cell(t, 0, "within_sla")->i, 3); /* 1, 2, 4 <= 5 minutes */
	assert_true(fabs(cell(t, 0, "share_within_sla")->r - 0.5) < 1e-9);
	r = run("speed", BY_REP, f, 6, a);
	t = &r.tables[0];
	assert_int_equal(t->nrows, 2);
	assert_string_equal(cell(t, 0, "key")->s, "alice");
	assert_int_equal(cell(t, 0, "p50_minutes")->i, 4); /* 1, 4, 30 */
	arena_free(&a);
}

static void test_forecast_weighs_open_value_by_stage_rates(void **state)
{
	struct arena *a = arena_new();
	struct report_fact f[2];

	f[0] = fact(1, "2026-11-20T09:00:00Z", R(STAGE_HANDOFF) | R(STAGE_SQL));
	f[0].amount = 1000000; /* 10,000.00 at sql: default rate 0.40 */
	f[1] = fact(2, "2026-11-21T09:00:00Z", R(STAGE_HANDOFF));
	f[1].amount = 500000; /* 5,000.00 at handoff: default rate 0.25 */
	struct report r = run("forecast", BY_NONE, f, 2, a);
	double ev = 0, low = -1, high = -1;

	for (size_t i = 0; i < r.nextras; i++) {
		if (strcmp(r.extra_keys[i], "expected_value") == 0)
			ev = r.extras[i].r;
		if (strcmp(r.extra_keys[i], "low") == 0)
			low = r.extras[i].r;
		if (strcmp(r.extra_keys[i], "high") == 0)
			high = r.extras[i].r;
	}
	assert_true(fabs(ev - (10000 * 0.40 + 5000 * 0.25)) < 0.01);
	/* sd = sqrt(10000^2 * .4 * .6 + 5000^2 * .25 * .75) = 5,303.30: high = 5,250 + 1.2816 sd = 12,114.08 */
	assert_true(fabs(high - 12114.08) < 0.01);
	assert_true(low == 0);
	arena_free(&a);
}

static void test_ab_names_the_better_variant_or_a_small_sample(void **state)
{
	struct arena *a = arena_new();
	struct report_fact f[400];
	size_t n = 0;

	for (int i = 0; i < 200; i++) {
		f[n] = fact(n + 1, "2026-11-02T09:00:00Z", R(STAGE_INQUIRY));
		f[n].variant = "A";
		f[n].replied = i < 30; /* 15% */
		n++;
		f[n] = fact(n + 1, "2026-11-02T09:00:00Z", R(STAGE_INQUIRY));
		f[n].variant = "B";
		f[n].replied = i < 60; /* 30% */
		n++;
	}
	struct report r = run("ab", BY_NONE, f, n, a);
	const struct report_table *t = &r.tables[0];

	assert_string_equal(cell(t, 0, "verdict")->s, "baseline");
	assert_non_null(strstr(cell(t, 1, "verdict")->s, "reply rate higher than A"));
	assert_true(cell(t, 1, "reply_p")->r < 0.001);
	r = run("ab", BY_NONE, f, 8, a);
	assert_string_equal(cell(&r.tables[0], 1, "verdict")->s, "sample too small to tell");
	arena_free(&a);
}

/* The row of table t whose column col is s. */
static size_t row_where(const struct report_table *t, const char *col, const char *s, const char *col2, const char *s2)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (strcmp(cell(t, r, col)->s, s) == 0 && strcmp(cell(t, r, col2)->s, s2) == 0)
			return r;
	fail_msg("no row %s=%s, %s=%s", col, s, col2, s2);
	return 0;
}

/* sla over obligations one by one and over a store's counted rows (report_obligation.count)
 * gives the same sums; rows due outside the period are left out */
static void test_sla_sums_single_and_counted_obligations(void **state)
{
	struct arena *a = arena_new();
	struct report_opts o = {.by = BY_REP, .from = at("2026-11-01T00:00:00Z"), .to = at("2026-12-01T00:00:00Z"), .pb = pb};
	struct report_obligation ob[] = {
		{.rule = "first_touch", .owner = "alice", .status = "met", .due = at("2026-11-02T09:05:00Z")},
		{.rule = "first_touch", .owner = "alice", .status = "met", .due = at("2026-11-03T09:05:00Z"), .count = 1},
		{.rule = "first_touch", .owner = "alice", .status = "breached", .due = at("2026-11-04T09:05:00Z")},
		{.rule = "first_touch", .owner = "bob", .status = "breached", .due = o.from, .count = 4},
		{.rule = "sql_review", .owner = NULL, .status = "open", .due = o.from, .count = 2},
		{.rule = "first_touch", .owner = "bob", .status = "met", .due = at("2026-12-01T00:00:00Z"), .count = 9},
	};
	struct bt_error err;
	struct report out;
	struct report_run *r = report_start("sla", &o, a, &err);
	const struct report_table *t;
	size_t k;

	assert_non_null(r);
	for (size_t i = 0; i < sizeof(ob) / sizeof(ob[0]); i++)
		report_obligation(r, &ob[i]);
	assert_int_equal(report_finish(r, &out, &err), 0);
	t = &out.tables[0];
	k = row_where(t, "rule", "all", "key", "all");
	assert_int_equal(cell(t, k, "obligations")->i, 9);
	assert_int_equal(cell(t, k, "open")->i, 2);
	assert_int_equal(cell(t, k, "met")->i, 2);
	assert_int_equal(cell(t, k, "breached")->i, 5);
	assert_true(fabs(cell(t, k, "compliance")->r - 0.2857) < 1e-9); /* 2 / 7, 4 places */
	k = row_where(t, "rule", "first_touch", "key", "alice");
	assert_int_equal(cell(t, k, "met")->i, 2);
	assert_int_equal(cell(t, k, "breached")->i, 1);
	k = row_where(t, "rule", "first_touch", "key", "bob");
	assert_int_equal(cell(t, k, "obligations")->i, 4);
	assert_int_equal(cell(t, k, "met")->i, 0);
	arena_free(&a);
}

/* speed over the store's counted rows (per source, channel and minutes: REPORT_FACTS_SPEED)
 * equals speed over the same leads one by one, history left out in both */
static void test_speed_over_counted_leads_equals_one_by_one(void **state)
{
	static const int64_t speeds[] = {1, 2, 4, 4, 30, -1, -2, -2};
	static const struct {
		int64_t speed, count;
	} counted[] = {{4, 2}, {-1, 1}, {30, 1}, {1, 1}, {-2, 2}, {2, 1}};
	struct arena *a = arena_new();
	unsigned mql = R(STAGE_INQUIRY) | R(STAGE_MQL);
	struct report_fact one[8], rows[6];

	for (int i = 0; i < 8; i++) {
		one[i] = fact(i + 1, "2026-11-02T09:00:00Z", mql);
		one[i].speed = speeds[i];
	}
	for (int i = 0; i < 6; i++) {
		rows[i] = fact(0, "2026-11-02T09:00:00Z", mql);
		rows[i].speed = counted[i].speed;
		rows[i].count = counted[i].count;
	}
	struct report a1 = run("speed", BY_NONE, one, 8, a), a2 = run("speed", BY_NONE, rows, 6, a);
	const struct report_table *t1 = &a1.tables[0], *t2 = &a2.tables[0];

	assert_int_equal(cell(t2, 0, "leads")->i, 6);
	assert_int_equal(cell(t2, 0, "p50_minutes")->i, 4);
	assert_same_first_row(t1, t2);
	assert_int_equal(a1.nextras, a2.nextras);
	for (size_t k = 0; k < a1.nextras; k++) {
		assert_string_equal(a1.extra_keys[k], a2.extra_keys[k]);
		assert_int_equal(a1.extras[k].kind, a2.extras[k].kind);
		assert_int_equal(a1.extras[k].i, a2.extras[k].i);
	}
	arena_free(&a);
}

/* One routing event as a case writes it: its type and time, its owner and previous owner, whether
 * a rotation picked it, whether a manager moved it, whether a breach did (reassigns), and the
 * reps it skipped ("hours:ana capacity:ben"). */
struct routed {
	enum event_type type;
	const char *at, *owner, *previous;
	int rotation, manual, after_breach;
	const char *skipped;
};

/* The routing report counts, per rep, from the routing events alone. */
static void test_routing_counts_each_rep_from_the_routing_events(void **state)
{
	static const struct routed evs[] = {
		{EV_ASSIGNED, "2026-11-02T09:00:00Z", "ana", NULL, 1, 0, 0, NULL},
		{EV_ASSIGNED, "2026-11-02T09:01:00Z", "ben", NULL, 1, 0, 0, "hours:cy"},
		{EV_ASSIGNED, "2026-11-02T09:02:00Z", "ana", NULL, 1, 0, 0, "hours:cy capacity:ben"},
		{EV_ASSIGNED, "2026-11-02T09:03:00Z", "ana", NULL, 1, 0, 0, NULL},
		{EV_UNASSIGNED, "2026-11-02T20:00:00Z", NULL, NULL, 1, 0, 0, "hours:ana hours:ben hours:cy"},
		/* a breach moves ana's lead to cy; another goes back to the pool, then to ben */
		{EV_REASSIGNED, "2026-11-02T09:08:00Z", "cy", "ana", 1, 0, 1, NULL},
		{EV_UNASSIGNED, "2026-11-02T17:55:00Z", NULL, "ana", 1, 0, 1, "hours:ben"},
		{EV_REASSIGNED, "2026-11-03T09:00:00Z", "ben", NULL, 1, 0, 1, NULL},
		/* a manager's hand; the owner of an account; a lead outside the period */
		{EV_ASSIGNED, "2026-11-04T10:00:00Z", "cy", "ben", 0, 1, 0, NULL},
		{EV_ASSIGNED, "2026-11-04T11:00:00Z", "cy", NULL, 0, 0, 0, NULL},
		{EV_ASSIGNED, "2026-12-01T00:00:00Z", "ben", NULL, 1, 0, 0, "hours:ana"},
	};
	static const struct report_rep reps[] = {
		{"ana", ROLE_MRR, NULL, 3, 0, 1}, {"ben", ROLE_MRR, NULL, 1, 0, 1}, {"cy", ROLE_MRR, NULL, 1, 0, 1},
		{"dan", ROLE_AE, NULL, 1, 0, 1}};
	static const struct {
		const char *rep;
		int64_t weight, assignments;
		double share, weight_share; /* -1: null */
		int64_t hours, capacity, away, manual_in, manual_out, sla_in, sla_out;
	} want[] = {
		{"ana", 3, 3, 0.75, 0.6, 1, 0, 0, 0, 0, 0, 2},
		{"ben", 1, 1, 0.25, 0.2, 2, 1, 0, 0, 1, 1, 0},
		{"cy", 1, 0, 0, 0.2, 3, 0, 0, 1, 0, 1, 0},
		{"dan", 1, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0}, /* counted by the store's days */
	};
	struct arena *a = arena_new();
	struct report_opts o = {.by = BY_NONE, .from = at("2026-11-01T00:00:00Z"), .to = at("2026-12-01T00:00:00Z"),
				.pb = pb, .reps = reps, .nreps = 4};
	struct bt_error err;
	struct report out;
	struct report_run *r = report_start("routing", &o, a, &err);
	const struct report_table *t;
	size_t i;

	assert_non_null(r);
	assert_int_equal(report_needs("routing"), NEED_ROUTING);
	for (i = 0; i < sizeof(evs) / sizeof(evs[0]); i++) {
		struct event *ev = event_new(a, evs[i].type, at(evs[i].at), (int64_t)i + 1, "system");
		char skipped[64], *tok, *save = NULL;

		event_put_str(ev, a, "owner", evs[i].owner);
		event_put_str(ev, a, "previous_owner", evs[i].previous);
		if (evs[i].rotation)
			event_put_str(ev, a, "rotation", "mrr");
		if (evs[i].manual)
			event_put_bool(ev, a, "manual", 1);
		if (evs[i].after_breach)
			event_put_int(ev, a, "reassigns", 1);
		snprintf(skipped, sizeof(skipped), "%s", evs[i].skipped ? evs[i].skipped : "");
		for (tok = strtok_r(skipped, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			char *colon = strchr(tok, ':');

			*colon = '\0';
			event_put_item(ev, a, strcmp(tok, "hours") == 0 ? "skipped_hours" : "skipped_capacity", colon + 1);
		}
		report_routed(r, ev);
	}
	/* what the store counted per day adds to the events of the period's partial days */
	report_routed_count(r, "dan", "manual_in", 2);
	report_routed_count(r, "dan", "no_such_column", 5);
	report_routed_count(r, NULL, "manual_in", 5);
	assert_int_equal(report_finish(r, &out, &err), 0);
	t = &out.tables[0];
	assert_int_equal(t->ncols, 12);
	assert_int_equal(t->nrows, 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(cell(t, i, "rep")->s, want[i].rep);
		assert_int_equal(cell(t, i, "weight")->i, want[i].weight);
		assert_int_equal(cell(t, i, "assignments")->i, want[i].assignments);
		assert_true(fabs(cell(t, i, "share")->r - want[i].share) < 1e-9);
		assert_true(fabs(cell(t, i, "weight_share")->r - want[i].weight_share) < 1e-9);
		assert_int_equal(cell(t, i, "skipped_hours")->i, want[i].hours);
		assert_int_equal(cell(t, i, "skipped_capacity")->i, want[i].capacity);
		assert_int_equal(cell(t, i, "skipped_away")->i, want[i].away);
		assert_int_equal(cell(t, i, "manual_in")->i, want[i].manual_in);
		assert_int_equal(cell(t, i, "manual_out")->i, want[i].manual_out);
		assert_int_equal(cell(t, i, "sla_in")->i, want[i].sla_in);
		assert_int_equal(cell(t, i, "sla_out")->i, want[i].sla_out);
	}
	arena_free(&a);
}

static void test_a_by_the_report_does_not_take_is_refused(void **state)
{
	struct arena *a = arena_new();
	struct report_opts o = {.by = BY_SOURCE, .from = 0, .to = 1, .pb = pb};
	struct bt_error err;

	assert_null(report_start("handoff", &o, a, &err));
	assert_int_equal(err.code, BT_USAGE);
	assert_string_equal(err.field, "by");
	assert_null(report_start("nosuch", &o, a, &err));
	assert_non_null(strstr(err.message, "funnel"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantiles_are_nearest_rank),
		cmocka_unit_test(test_counted_quantiles_are_nearest_rank_of_the_repeated_values),
		cmocka_unit_test(test_two_proportion_test_matches_r),
		cmocka_unit_test(test_funnel_counts_every_stage_reached_and_converts),
		cmocka_unit_test(test_funnel_over_counted_leads_equals_one_by_one),
		cmocka_unit_test(test_funnel_by_month_uses_the_org_zone),
		cmocka_unit_test(test_speed_percentiles_and_share_within_the_sla),
		cmocka_unit_test(test_speed_over_counted_leads_equals_one_by_one),
		cmocka_unit_test(test_sla_sums_single_and_counted_obligations),
		cmocka_unit_test(test_forecast_weighs_open_value_by_stage_rates),
		cmocka_unit_test(test_ab_names_the_better_variant_or_a_small_sample),
		cmocka_unit_test(test_routing_counts_each_rep_from_the_routing_events),
		cmocka_unit_test(test_a_by_the_report_does_not_take_is_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
