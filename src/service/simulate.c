/* simulate.c - counts the store's history for `baton simulate` with the reports' rules: the
 * leads per channel and the stages they ever reached are `report funnel --by channel` itself
 * (service_report), the customers' renewals, churns and customer-months `report customers --by
 * month`, the won amounts and the sql-to-won days `report forecast`'s counting of the same
 * lead_facts rows (sim_history_fact), plus the span of the leads and the active reps per role. Reads only; the numbers feed sim_calibrate() (docs/simulation.md, "Calibration"). Then
 * the models, the search for the best split and the verdict. */
#include "service/simulate.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "service/views.h"
#include "util/arena.h"

#define SECONDS_PER_MONTH (365.2425 / 12.0 * 86400.0)

/* The first lead's creation and the last lead update: the span of the history. */
struct span {
	int64_t first, last;
};

static int span_lead(void *ctx, const struct lead *l)
{
	struct span *sp = ctx;

	if (!sp->first || l->created_at < sp->first)
		sp->first = l->created_at;
	if (l->updated_at > sp->last)
		sp->last = l->updated_at;
	return 0;
}

static void history_fact(void *ctx, const struct report_fact *f)
{
	sim_history_fact(ctx, f);
}

/* The integer in column `col` of row `row` of t (0 when t has no such column). */
static int64_t cell_int(const struct report_table *t, size_t row, const char *col)
{
	size_t c;

	for (c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c], col) == 0)
			return t->cells[row * t->ncols + c].i;
	return 0;
}

/* The lead counts of h from `report funnel --by channel --from FROM` (the leads created since
 * `from`; INT64_MIN / 2: all). */
static int funnel_counts(struct service *svc, struct sim_history *h, int64_t from, struct bt_error *err)
{
	struct arena *a = arena_new();
	struct report r;
	size_t i;
	int rc = service_report(svc, a, "funnel", BY_CHANNEL, from, INT64_MAX / 2, &r, err);

	for (i = 0; !rc && i < r.tables[0].nrows; i++) {
		const struct report_table *t = &r.tables[0];
		int64_t leads = cell_int(t, i, "leads"), mql = cell_int(t, i, "mql"), sql = cell_int(t, i, "sql");

		if (strcmp(t->cells[i * t->ncols].s, "inbound") == 0) {
			h->inbound += leads;
			h->mql_inbound += mql;
			h->sql_inbound += sql;
		} else {
			h->outbound += leads;
			h->sql_outbound += sql;
		}
		h->mql += mql;
		h->sql += sql;
		h->handoffs += cell_int(t, i, "handoff");
		h->won += cell_int(t, i, "won");
		h->lost += cell_int(t, i, "lost");
	}
	arena_free(&a);
	return rc;
}

/* The customers of h from `report customers --by month` (the whole history): renewed,
 * churned and expansions summed over the months, and the live customers at each month's end. */
static int customer_counts(struct service *svc, struct sim_history *h, struct bt_error *err)
{
	struct arena *a = arena_new();
	struct report r;
	size_t i;
	int rc = service_report(svc, a, "customers", BY_MONTH, INT64_MIN / 2, INT64_MAX / 2, &r, err);

	for (i = 0; !rc && i < r.tables[0].nrows; i++) {
		h->renewed += cell_int(&r.tables[0], i, "renewed");
		h->churned += cell_int(&r.tables[0], i, "churned");
		h->customer_months += cell_int(&r.tables[0], i, "live");
		h->expansions += cell_int(&r.tables[0], i, "expansions");
	}
	arena_free(&a);
	return rc;
}

int service_sim_history(struct service *svc, struct sim_history *h, struct bt_error *err)
{
	struct span sp = {0, 0};
	struct lead_filter all;
	struct arena *a = arena_new();
	struct rep *reps = NULL;
	size_t n = 0, i;
	int rc;

	memset(h, 0, sizeof(*h));
	memset(&all, 0, sizeof(all));
	rc = store_lead_each(svc->store, &all, span_lead, &sp, err);
	if (rc)
		goto done;
	h->months = sp.first && sp.last > sp.first ? (double)(sp.last - sp.first) / SECONDS_PER_MONTH : 0;
	h->flow_months = h->months;
	if (h->months > SIM_FLOW_MONTHS) { /* the last quarter: the team as it works now */
		h->flow_from = sp.last - (int64_t)(SIM_FLOW_MONTHS * SECONDS_PER_MONTH);
		h->flow_months = SIM_FLOW_MONTHS;
	}
	rc = funnel_counts(svc, h, h->flow_from ? h->flow_from : INT64_MIN / 2, err);
	if (!rc)
		rc = customer_counts(svc, h, err);
	if (!rc)
		rc = store_report_facts(svc->store, 0, history_fact, h, err);
	if (!rc)
		rc = store_rep_list(svc->store, a, -1, &reps, &n, err);
	if (rc)
		goto done;
	h->days_to_won = h->cycle_samples ? h->won_days / (double)h->cycle_samples : 0;
	for (i = 0; i < n; i++)
		if (reps[i].active && (unsigned)reps[i].role < ROLE_COUNT)
			h->reps[reps[i].role]++;
done:
	arena_free(&a);
	return rc;
}

/* ---------------------------------------------------------------- the whole run */

int service_sim_budget(const struct sim_params *p, const struct sim_request *rq, struct bt_error *err)
{
	int64_t work = sim_work(p, rq->quarters, rq->runs), most = sim_max_runs(p, rq->quarters);
	long reps = lround(p->p[SIM_P_REPS].value);

	if (work > 0 && work <= SIM_MAX_WORK)
		return 0;
	if (most >= 1)
		return bt_fail(err, BT_BAD_INPUT, "runs", 0,
			       "%d runs of %d quarters with %ld reps is too much work for one simulation "
			       "(runs x %d weeks x (reps + %d) = %lld rep-weeks, at most %d): give at most %lld "
			       "runs, or fewer quarters or reps",
			       rq->runs, rq->quarters, reps, sim_weeks(p, rq->quarters), SIM_WORK_BASE_REPS,
			       (long long)work, SIM_MAX_WORK, (long long)most);
	return bt_fail(err, BT_BAD_INPUT, rq->reps > 0 ? "reps" : "quarters", 0,
		       "even one run of %d quarters with %ld reps is more than the %d rep-weeks one simulation may "
		       "do: give fewer quarters or reps",
		       rq->quarters, reps, SIM_MAX_WORK);
}

static int run_failed(struct bt_error *err, const char *what, int rc)
{
	return bt_fail(err, rc == SIM_ERR_NOMEM ? BT_STORAGE : BT_BAD_INPUT, NULL, 0, "the %s model cannot run: %s",
		       what, rc == SIM_ERR_NOMEM ? "out of memory" : "a parameter is out of range");
}

/* The runs behind each candidate of the search: rq's runs, at most SIM_SEARCH_RUNS, and so few
 * that SIM_SEARCH_EVALS candidates do at most SIM_MAX_WORK (0: not even one run). */
static int search_runs(const struct sim_result *r)
{
	int64_t one = sim_work(&r->p, r->rq.quarters, 1), most = one > 0 ? SIM_MAX_WORK / SIM_SEARCH_EVALS / one : 0;
	int64_t runs = r->rq.runs < SIM_SEARCH_RUNS ? r->rq.runs : SIM_SEARCH_RUNS;

	return (int)(runs < most ? runs : most);
}

/* Searches the best split from today's (sim_search_split, with few runs), then runs it as
 * today's; it replaces today's only if it still makes at least as much at no worse swing. */
static int best_split(struct sim_result *r, struct bt_error *err)
{
	struct sim_candidate c;
	double rev, swing, best_rev, best_swing;
	int rc;

	memcpy(r->best, r->split, sizeof(r->best));
	memcpy(r->best_q, r->q[SIM_SPECIALIZED], sizeof(r->best_q));
	r->best_use = r->use[SIM_SPECIALIZED];
	r->search_runs = search_runs(r);
	if (r->search_runs < 1)
		return 0;
	rc = sim_search_split(&r->p, r->split, r->rq.quarters, r->search_runs, r->rq.seed, SIM_SEARCH_EVALS, &c,
			      &r->search_evals);
	if (rc)
		return run_failed(err, "best split", rc);
	if (memcmp(c.team, r->split, sizeof(c.team)) == 0)
		return 0;
	{
		struct sim_quarter q[SIM_MAX_QUARTERS];
		struct sim_usage u;

		rc = sim_run_team(&r->p, SIM_SPECIALIZED, c.team, r->rq.quarters, r->rq.runs, r->rq.seed, q, &u);
		if (rc)
			return run_failed(err, "best split", rc);
		sim_score(r->q[SIM_SPECIALIZED], r->rq.quarters, &rev, &swing);
		sim_score(q, r->rq.quarters, &best_rev, &best_swing);
		if (best_rev < rev || best_swing > swing)
			return 0;
		memcpy(r->best, c.team, sizeof(r->best));
		memcpy(r->best_q, q, sizeof(r->best_q));
		r->best_use = u;
	}
	return 0;
}

int service_simulate(struct service *svc, const struct sim_request *rq, struct sim_result *out, struct bt_error *err)
{
	int m, rc;

	memset(out, 0, sizeof(*out));
	out->rq = *rq;
	rc = service_sim_history(svc, &out->h, err);
	if (rc)
		return rc;
	sim_params_default(&out->p);
	sim_calibrate(&out->p, &out->h);
	if (rq->reps > 0)
		sim_params_set(&out->p, SIM_P_REPS, (double)rq->reps, "option --reps");
	if (lround(out->p.p[SIM_P_REPS].value) > SIM_MAX_REPS)
		return bt_fail(err, BT_BAD_INPUT, "reps", 0,
			       "the store has %.0f active non-manager reps, more than the model's %d; give --reps",
			       out->p.p[SIM_P_REPS].value, SIM_MAX_REPS);
	if (sim_split(&out->p, out->split))
		return bt_fail(err, BT_BAD_INPUT, "reps", 0,
			       "the specialized model needs at least %d reps (one MRR, SDR, AE and CSM) and the "
			       "store has %.0f active non-manager reps; give --reps %d or more",
			       SIM_MIN_REPS_SPECIALIZED, out->p.p[SIM_P_REPS].value, SIM_MIN_REPS_SPECIALIZED);
	rc = service_sim_budget(&out->p, rq, err);
	if (rc)
		return rc;
	for (m = 0; m < SIM_MODEL_COUNT; m++) {
		rc = sim_run_team(&out->p, (enum sim_model)m, out->split, rq->quarters, rq->runs, rq->seed, out->q[m],
				  &out->use[m]);
		if (rc)
			return run_failed(err, sim_model_name((enum sim_model)m), rc);
	}
	return best_split(out, err);
}

/* x rounded to `decimals` places (money: 2). */
static double rounded(double x, int decimals)
{
	double f = pow(10, decimals);

	return round(x * f) / f;
}

/* A parameter's value as JSON: an integer when it is whole, else rounded to 4 places. */
static json_t *param_json(double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(rounded(v, 4));
}

enum role sim_binding_role(const struct sim_usage *u)
{
	enum role r = ROLE_MRR;

	if (u->role[ROLE_AE] > u->role[r])
		r = ROLE_AE;
	if (u->role[ROLE_CSM] > u->role[r])
		r = ROLE_CSM;
	return r;
}

/* "4 MRR, 5 SDR, 10 AE, 3 CSM" */
static void split_words(struct strbuf *sb, const int team[ROLE_MANAGER])
{
	strbuf_addf(sb, "%d MRR, %d SDR, %d AE, %d CSM", team[ROLE_MRR], team[ROLE_SDR], team[ROLE_AE], team[ROLE_CSM]);
}

/* "AE capacity binds (1.40 of it used)" for u, or when no role is full "no role's capacity
 * binds (the fullest, CSM, at 0.93)". */
static void binds_words(struct strbuf *sb, const struct sim_usage *u)
{
	enum role b = sim_binding_role(u);
	static const char *const upper[ROLE_MANAGER] = {"MRR", "SDR", "AE", "CSM"};

	if (u->role[b] >= 1)
		strbuf_addf(sb, "%s capacity binds (%.2f of it used)", upper[b], u->role[b]);
	else
		strbuf_addf(sb, "no role's capacity binds (the fullest, %s, at %.2f)", upper[b], u->role[b]);
}

/* Today's split against the best one found. */
static void today_words(const struct sim_result *r, struct strbuf *sb)
{
	double rev, swing, best_rev, best_swing;

	sim_score(r->q[SIM_SPECIALIZED], r->rq.quarters, &rev, &swing);
	sim_score(r->best_q, r->rq.quarters, &best_rev, &best_swing);
	strbuf_addstr(sb, "; today's split, ");
	split_words(sb, r->split);
	if (memcmp(r->best, r->split, sizeof(r->best)) == 0)
		strbuf_addf(sb,
			    r->search_evals == 1 ? ", is the only split tried, and in it "
						 : ", is the best of the %d splits tried, and in it ",
			    r->search_evals);
	else
		strbuf_addf(sb, ", makes %.1f%% less a quarter than that with a swing of %.2f, and in it ",
			    best_rev > 0 ? (1 - rev / best_rev) * 100 : 0, swing);
	binds_words(sb, &r->use[SIM_SPECIALIZED]);
}

void sim_verdict_words(const struct sim_result *r, struct strbuf *sb)
{
	struct sim_quarter(*q)[SIM_MAX_QUARTERS] = malloc(
		sizeof(struct sim_quarter[SIM_MODEL_COUNT][SIM_MAX_QUARTERS]));
	struct sim_verdict v;

	if (!q) {
		strbuf_addstr(sb, "no verdict: out of memory");
		return;
	}
	memcpy(q[SIM_LUMPED], r->q[SIM_LUMPED], sizeof(q[0]));
	memcpy(q[SIM_SPECIALIZED], r->best_q, sizeof(q[0]));
	sim_verdict(q, r->rq.quarters, r->rq.runs, &v);
	free(q);
	if (v.ahead == SIM_SPECIALIZED) {
		strbuf_addstr(sb, "Specialise: ");
		split_words(sb, r->best);
		strbuf_addf(sb, " makes %.0f%% more a quarter with a swing of %.2f against %.2f lumped", v.gain * 100,
			    v.swing[SIM_SPECIALIZED], v.swing[SIM_LUMPED]);
	} else if (v.ahead == SIM_LUMPED) {
		strbuf_addf(sb,
			    "Stay lumped: lumped makes %.0f%% more a quarter with a swing of %.2f against %.2f for the "
			    "best split, ",
			    v.gain * 100, v.swing[SIM_LUMPED], v.swing[SIM_SPECIALIZED]);
		split_words(sb, r->best);
		strbuf_addstr(sb, ", because in it ");
		binds_words(sb, &r->best_use);
	} else {
		strbuf_addstr(sb, v.more == SIM_LUMPED ? "No clear winner: lumped makes "
						       : "No clear winner: the best split, ");
		if (v.more == SIM_LUMPED)
			strbuf_addf(sb, "%+.1f%% a quarter against the best split, ", v.gain * 100);
		split_words(sb, r->best);
		if (v.more != SIM_LUMPED)
			strbuf_addf(sb, ", makes %+.1f%% a quarter against lumped", v.gain * 100);
		if (v.runs < 2)
			strbuf_addstr(sb, ", but one run cannot tell it from chance");
		else
			strbuf_addf(sb, ", within the noise of %d runs (+-%.1f%%; more runs narrow it)", v.runs,
				    v.noise * 100);
	}
	today_words(r, sb);
}

const char *sim_row_model(int m)
{
	return m < SIM_MODEL_COUNT ? sim_model_name((enum sim_model)m) : "best";
}

/* {"mrr", "sdr", "ae", "csm"} of a split. */
static json_t *split_json(const int team[ROLE_MANAGER])
{
	json_t *o = json_object();
	int k;

	for (k = ROLE_MRR; k < ROLE_MANAGER; k++)
		json_object_set_new(o, role_name((enum role)k), json_integer(team[k]));
	return o;
}

/* {"mrr", "sdr", "ae", "csm"} of the load of each role, rounded to 4 places. */
static json_t *usage_json(const struct sim_usage *u)
{
	json_t *o = json_object();
	int k;

	for (k = ROLE_MRR; k < ROLE_MANAGER; k++)
		json_object_set_new(o, role_name((enum role)k), json_real(rounded(u->role[k], 4)));
	return o;
}

/* Which report each figure of "history" is, so that a reader can check it against the report
 * (and replay, which compares those reports, counts the same history). */
static const struct {
	const char *figure, *report;
} history_reports[] = {
	{"inbound", "funnel --by channel: leads of row inbound"},
	{"outbound", "funnel --by channel: leads of row outbound"},
	{"mql", "funnel --by channel: mql, summed over the rows"},
	{"mql_inbound", "funnel --by channel: mql of row inbound"},
	{"handoffs", "funnel --by channel: handoff, summed"},
	{"sql", "funnel --by channel: sql, summed"},
	{"sql_inbound", "funnel --by channel: sql of row inbound"},
	{"sql_outbound", "funnel --by channel: sql of row outbound"},
	{"won", "funnel --by channel: won, summed"},
	{"lost", "funnel --by channel: lost, summed"},
	{"won_amount", "forecast: the won leads with an amount, won_valued of them; won_amount / won_valued is "
		       "mean_won_amount"},
	{"days_to_won", "forecast: the mean over the sample of basis row sql (cycle_samples leads won after their "
			"sql), of which the report prints the median"},
	{"months", "the leads: first created to last updated"},
	{"flow_months", "the last 3 months of that (from flow_from, null: the whole history), the window of every "
			"funnel --by channel figure: funnel --by channel --from flow_from"},
	{"renewed", "customers --by month: renewed, summed over the months"},
	{"churned", "customers --by month: churned (lapses included), summed over the months"},
	{"customer_months", "customers --by month: live (at each month's end, or now), summed over the months"},
	{"expansions", "customers --by month: expansions (won), summed over the months"},
};

static json_t *history_reports_json(void)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < sizeof(history_reports) / sizeof(history_reports[0]); i++)
		json_object_set_new(o, history_reports[i].figure, json_string(history_reports[i].report));
	return o;
}

json_t *sim_result_json(const struct sim_result *r)
{
	struct strbuf verdict;
	json_t *root = json_object(), *params = json_array(), *rows = json_array(), *jh = json_object();
	const struct sim_params *p = &r->p;
	const struct sim_history *h = &r->h;
	char when[CLOCK_RFC3339_LEN];
	int i, m;

	for (i = 0; i < SIM_P_COUNT; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "name", json_string(sim_param_name((enum sim_param_id)i)));
		json_object_set_new(e, "value",
				    i == SIM_P_DEAL_SIZE ? json_real(rounded(p->p[i].value, 2))
							 : param_json(p->p[i].value));
		json_object_set_new(e, "source", json_string(p->p[i].source));
		json_array_append_new(params, e);
	}
	for (m = 0; m <= SIM_MODEL_COUNT; m++)
		for (i = 0; i < r->rq.quarters; i++) {
			const struct sim_quarter *q = m < SIM_MODEL_COUNT ? &r->q[m][i] : &r->best_q[i];
			json_t *e = json_object();

			json_object_set_new(e, "model", json_string(sim_row_model(m)));
			json_object_set_new(e, "quarter", json_integer(i + 1));
			json_object_set_new(e, "revenue_mean", json_real(rounded(q->mean, 2)));
			json_object_set_new(e, "revenue_p10", json_real(rounded(q->p10, 2)));
			json_object_set_new(e, "revenue_p90", json_real(rounded(q->p90, 2)));
			json_object_set_new(e, "swing", json_real(rounded(q->swing, 4)));
			json_array_append_new(rows, e);
		}
	json_object_set_new(jh, "months", json_real(rounded(h->months, 2)));
	json_object_set_new(jh, "flow_months", json_real(rounded(h->flow_months, 2)));
	json_object_set_new(jh, "flow_from",
			    h->flow_from ? json_string(clock_format_rfc3339(h->flow_from, when)) : json_null());
	json_object_set_new(jh, "inbound", json_integer(h->inbound));
	json_object_set_new(jh, "outbound", json_integer(h->outbound));
	json_object_set_new(jh, "mql", json_integer(h->mql));
	json_object_set_new(jh, "handoffs", json_integer(h->handoffs));
	json_object_set_new(jh, "sql", json_integer(h->sql));
	json_object_set_new(jh, "won", json_integer(h->won));
	json_object_set_new(jh, "lost", json_integer(h->lost));
	json_object_set_new(jh, "won_amount", json_real(rounded((double)h->won_cents / 100.0, 2)));
	json_object_set_new(jh, "days_to_won", json_real(rounded(h->days_to_won, 2)));
	json_object_set_new(jh, "mql_inbound", json_integer(h->mql_inbound));
	json_object_set_new(jh, "sql_inbound", json_integer(h->sql_inbound));
	json_object_set_new(jh, "sql_outbound", json_integer(h->sql_outbound));
	json_object_set_new(jh, "won_valued", json_integer(h->won_with_amount));
	json_object_set_new(jh, "cycle_samples", json_integer(h->cycle_samples));
	json_object_set_new(jh, "renewed", json_integer(h->renewed));
	json_object_set_new(jh, "churned", json_integer(h->churned));
	json_object_set_new(jh, "customer_months", json_integer(h->customer_months));
	json_object_set_new(jh, "expansions", json_integer(h->expansions));
	json_object_set_new(jh, "reports", history_reports_json());
	json_object_set_new(root, "report", json_string("simulate"));
	json_object_set_new(root, "params", params);
	json_object_set_new(root, "rows", rows);
	json_object_set_new(root, "runs", json_integer(r->rq.runs));
	json_object_set_new(root, "seed", json_integer((json_int_t)r->rq.seed));
	json_object_set_new(root, "quarters", json_integer(r->rq.quarters));
	json_object_set_new(root, "reps", json_integer((json_int_t)lround(p->p[SIM_P_REPS].value)));
	json_object_set_new(root, "split", split_json(r->split));
	json_object_set_new(root, "current_split", split_json(r->split));
	json_object_set_new(root, "best_split", split_json(r->best));
	json_object_set_new(root, "utilisation",
			    json_pack("{s:o,s:o,s:o}", "lumped", usage_json(&r->use[SIM_LUMPED]), "specialized",
				      usage_json(&r->use[SIM_SPECIALIZED]), "best", usage_json(&r->best_use)));
	json_object_set_new(root, "binds",
			    json_pack("{s:s,s:s}", "specialized", role_name(sim_binding_role(&r->use[SIM_SPECIALIZED])),
				      "best", role_name(sim_binding_role(&r->best_use))));
	json_object_set_new(root, "search",
			    json_pack("{s:i,s:i,s:i}", "runs", r->search_runs, "evaluated", r->search_evals, "bound",
				      SIM_SEARCH_EVALS));
	json_object_set_new(root, "history", jh);
	strbuf_init(&verdict);
	sim_verdict_words(r, &verdict);
	json_object_set_new(root, "verdict", json_string(verdict.buf));
	strbuf_release(&verdict);
	return root;
}
