/* model.c - scoring a lead with a learned fit model or with the rules fallback, and
 * explaining a model in a sales-ops lead's words; see model.h. The rules are tables so that
 * the header, docs/fit-model.md and this file can be checked against each other at a glance. */
#include "core/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/features.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* Rules score: a prior from what sales teams agree on, in points of probability. */
static const double rules_base = 0.05;
static const double rules_seniority[SENIORITY_COUNT] = {
	[SENIORITY_C_LEVEL] = 0.15, [SENIORITY_VP] = 0.12, [SENIORITY_DIRECTOR] = 0.08,
	[SENIORITY_MANAGER] = 0.04,
};
static const double rules_size[SIZE_COUNT] = {
	[SIZE_201_1000] = 0.05, [SIZE_1001_5000] = 0.08, [SIZE_5001_PLUS] = 0.08,
};
static const char *const rules_warm_sources[] = {"referral", "event", "webinar"};
static const double rules_warm_source = 0.05;

struct fit_model *fit_model_new(size_t n)
{
	struct fit_model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	if (n) {
		m->w = calloc(n, sizeof(*m->w));
		if (!m->w) {
			free(m);
			return NULL;
		}
	}
	m->n = n;
	return m;
}

void fit_model_free(struct fit_model **mp)
{
	struct fit_model *m = mp ? *mp : NULL;
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		free(m->w[i].feature);
	free(m->w);
	free(m);
	*mp = NULL;
}

static int cmp_weight(const void *a, const void *b)
{
	return strcmp(((const struct fit_weight *)a)->feature, ((const struct fit_weight *)b)->feature);
}

int fit_model_sort(struct fit_model *m)
{
	size_t i;

	if (m->n > 1)
		qsort(m->w, m->n, sizeof(*m->w), cmp_weight);
	for (i = 1; i < m->n; i++)
		if (strcmp(m->w[i - 1].feature, m->w[i].feature) == 0)
			return -1;
	return 0;
}

static int cmp_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct fit_weight *)elem)->feature);
}

const struct fit_weight *fit_model_weight(const struct fit_model *m, const char *feature)
{
	if (!m->n)
		return NULL;
	return bsearch(feature, m->w, m->n, sizeof(*m->w), cmp_key);
}

double model_sigmoid(double z)
{
	double e;

	if (z >= 0)
		return 1.0 / (1.0 + exp(-z));
	e = exp(z);
	return e / (1.0 + e);
}

double model_score(const struct fit_model *m, const struct lead *l)
{
	char names[FEATURES_MAX][FEATURE_NAME_MAX];
	size_t i, n = features_of(l, names, FEATURES_MAX);
	const struct fit_weight *w;
	double z = m->bias;

	for (i = 0; i < n; i++)
		if ((w = fit_model_weight(m, names[i])))
			z += w->weight;
	return model_sigmoid(z);
}

double model_rules_score(const struct lead *l)
{
	double s = rules_base;
	size_t i;

	s += rules_seniority[seniority_of(l->title)];
	s += rules_size[size_band_of(l->employees)];
	for (i = 0; l->source && i < sizeof(rules_warm_sources) / sizeof(rules_warm_sources[0]); i++)
		if (strcasecmp(l->source, rules_warm_sources[i]) == 0) {
			s += rules_warm_source;
			break;
		}
	return s;
}

/* ---- explaining a model ---- */

/* A weight as the explanation shows it: its effect against a typical lead of the history,
 * that is minus the count-weighted mean weight of its group (the features sharing its
 * "name=" prefix). Every lead has one value per group, so only these differences mean
 * anything; the split between bias and group weights is arbitrary. */
struct sign {
	const struct fit_weight *w;
	double effect; /* log-odds against a typical lead */
};

static size_t group_len(const char *feature)
{
	const char *eq = strchr(feature, '=');

	return eq ? (size_t)(eq - feature) : strlen(feature);
}

/* Fills signs[0..m->n) in feature order; m->w is sorted, so a group is one run. */
static void centre_groups(const struct fit_model *m, struct sign *signs)
{
	size_t i = 0, j, k, len;
	double sum, cnt;

	while (i < m->n) {
		len = group_len(m->w[i].feature);
		sum = cnt = 0;
		for (j = i; j < m->n && group_len(m->w[j].feature) == len &&
			    strncmp(m->w[j].feature, m->w[i].feature, len) == 0; j++) {
			sum += m->w[j].weight * (double)m->w[j].count;
			cnt += (double)m->w[j].count;
		}
		for (k = i; k < j; k++) {
			signs[k].w = &m->w[k];
			signs[k].effect = m->w[k].weight - (cnt > 0 ? sum / cnt : 0);
		}
		i = j;
	}
}

/* Strongest first; equal effects by feature name, so the text is the same on every run. */
static int cmp_strength(const void *a, const void *b)
{
	const struct sign *x = a, *y = b;
	double fx = fabs(x->effect), fy = fabs(y->effect);

	if (fx != fy)
		return fx > fy ? -1 : 1;
	return strcmp(x->w->feature, y->w->feature);
}

static void add_odds(struct strbuf *sb, double effect)
{
	double odds = exp(effect);

	if (odds >= 10)
		strbuf_addf(sb, "x%.0f odds", odds);
	else if (odds >= 1)
		strbuf_addf(sb, "x%.1f odds", odds);
	else
		strbuf_addf(sb, "x%.2f odds", odds);
}

/* Appends " label (x2.3 odds, 140 leads), ...\n" for up to top signs of one direction;
 * effects within 5% of even odds are not signs. */
static void add_signs(struct strbuf *sb, const struct sign *signs, size_t n, int dir, size_t top)
{
	const double even = log(1.05);
	char label[128];
	size_t i, shown = 0;

	for (i = 0; i < n && shown < top; i++) {
		if (dir > 0 ? signs[i].effect <= even : signs[i].effect >= -even)
			continue;
		strbuf_addstr(sb, shown ? ", " : " ");
		strbuf_addstr(sb, feature_label(signs[i].w->feature, label, sizeof(label)));
		strbuf_addstr(sb, " (");
		add_odds(sb, signs[i].effect);
		strbuf_addf(sb, ", %lld leads)", (long long)signs[i].w->count);
		shown++;
	}
	strbuf_addstr(sb, shown ? ".\n" : " none.\n");
}

static void add_calibration(struct strbuf *sb, const struct fit_model *m)
{
	char range[16];
	size_t i;

	strbuf_addstr(sb, "Calibration on the held-out leads (predicted chance -> share that were good):\n");
	for (i = 0; i < FIT_BUCKETS; i++) {
		const struct fit_bucket *b = &m->calibration[i];

		if (!b->count)
			continue;
		snprintf(range, sizeof(range), "%zu-%zu%%:", i * 100 / FIT_BUCKETS, (i + 1) * 100 / FIT_BUCKETS);
		strbuf_addf(sb, "  %-8s %3.0f%% -> %3.0f%%  (%lld leads)\n", range, b->mean_predicted * 100,
			    b->observed * 100, (long long)b->count);
	}
}

char *model_explain(const struct fit_model *m, size_t top)
{
	struct arena *a = arena_new();
	struct sign *signs = arena_alloc(a, (m->n + 1) * sizeof(*signs));
	struct strbuf sb;
	char day[16];

	strbuf_init(&sb);
	strbuf_addstr(&sb, "Fit model");
	if (m->version)
		strbuf_addf(&sb, " v%lld", (long long)m->version);
	if (m->trained_at)
		strbuf_addf(&sb, " (trained %s)", clock_format_date(m->trained_at / 86400, day));
	strbuf_addf(&sb, ": learned from %lld closed leads, %lld good and %lld bad", (long long)m->trained_on,
		    (long long)m->positives, (long long)(m->trained_on - m->positives));
	if (m->trained_on > 0)
		strbuf_addf(&sb, " (%.0f%% became real opportunities)",
			    100.0 * (double)m->positives / (double)m->trained_on);
	strbuf_addstr(&sb, ".\n");

	centre_groups(m, signs);
	if (m->n > 1)
		qsort(signs, m->n, sizeof(*signs), cmp_strength);
	strbuf_addstr(&sb, "Strongest signs of a good lead:");
	add_signs(&sb, signs, m->n, 1, top);
	strbuf_addstr(&sb, "Strongest signs against:");
	add_signs(&sb, signs, m->n, -1, top);
	arena_free(&a);
	strbuf_addstr(&sb, "(xN odds: other things equal, the odds that a lead with that sign becomes a real "
			   "opportunity are N times those of a typical lead in the history.)\n");

	strbuf_addf(&sb, "Checked on %lld held-out leads: AUC %.2f (0.5 is a coin toss, 1.0 ranks every "
			 "good lead above every bad one).\n", (long long)m->n_test, m->auc);
	if (m->n_test)
		add_calibration(&sb, m);
	return strbuf_detach(&sb);
}
