/* model_train.c - the fit model learned with liblinear; see model_train.h. Feature names are
 * mapped to liblinear's 1-based column indices by a small hash table; every lead is one
 * sparse row of 1.0s plus liblinear's bias column. The check fit (4/5) is scored through
 * model_score(), the same path that scores new leads. Temporary memory lives in one arena. */
#include "core/model_train.h"

#include <limits.h>
#include <linear.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/features.h"
#include "util/arena.h"

struct feat {
	const char *name; /* in the arena, NULL for an empty slot */
	int index;        /* liblinear column, 1-based */
	int64_t count;    /* leads that have it */
};

struct feat_map {
	struct feat *slots; /* open addressing, cap a power of two */
	size_t cap;
	size_t n;           /* features, also the last index given */
};

struct dataset {
	struct feature_node **rows; /* one per lead: its features by index, bias, then -1 */
	double *y;                  /* labels as liblinear reads them: 1 good, 0 bad */
	size_t nfeat;
};

static void silent(const char *s)
{
}

static uint64_t hash_name(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static void map_grow(struct feat_map *fm, struct arena *a)
{
	size_t cap = fm->cap ? fm->cap * 2 : 256, i, j;
	struct feat *slots = arena_alloc(a, cap * sizeof(*slots));

	for (i = 0; i < fm->cap; i++) {
		if (!fm->slots[i].name)
			continue;
		for (j = hash_name(fm->slots[i].name) & (cap - 1); slots[j].name; j = (j + 1) & (cap - 1))
			;
		slots[j] = fm->slots[i];
	}
	fm->slots = slots; /* the old table stays in the arena until the end */
	fm->cap = cap;
}

/* The column of a feature name, adding it (and counting one more lead) as needed. */
static int map_add(struct feat_map *fm, struct arena *a, const char *name)
{
	size_t j;

	if (2 * (fm->n + 1) > fm->cap)
		map_grow(fm, a);
	for (j = hash_name(name) & (fm->cap - 1); fm->slots[j].name; j = (j + 1) & (fm->cap - 1))
		if (strcmp(fm->slots[j].name, name) == 0) {
			fm->slots[j].count++;
			return fm->slots[j].index;
		}
	fm->slots[j].name = arena_strdup(a, name);
	fm->slots[j].index = (int)++fm->n;
	fm->slots[j].count = 1;
	return fm->slots[j].index;
}

/* Builds one sparse row per lead; liblinear wants indices ascending within a row. */
static void build(const struct lead *leads, const signed char *labels, size_t n, struct feat_map *fm,
		  struct dataset *ds, struct arena *a)
{
	char names[FEATURES_MAX][FEATURE_NAME_MAX];
	struct feature_node *row, t;
	size_t i, j, k, m;

	ds->rows = arena_alloc(a, n * sizeof(*ds->rows));
	ds->y = arena_alloc(a, n * sizeof(*ds->y));
	for (i = 0; i < n; i++) {
		m = features_of(&leads[i], names, FEATURES_MAX);
		row = arena_alloc(a, (m + 2) * sizeof(*row));
		for (j = 0; j < m; j++) {
			row[j].index = map_add(fm, a, names[j]);
			row[j].value = 1.0;
			for (k = j; k > 0 && row[k - 1].index > row[k].index; k--) {
				t = row[k - 1];
				row[k - 1] = row[k];
				row[k] = t;
			}
		}
		row[m].index = 0; /* the bias column, numbered once every feature is known */
		row[m].value = 1.0;
		row[m + 1].index = -1;
		ds->rows[i] = row;
		ds->y[i] = labels[i];
	}
	ds->nfeat = fm->n;
	for (i = 0; i < n; i++) {
		for (row = ds->rows[i]; row->index; row++)
			;
		row->index = (int)ds->nfeat + 1;
	}
}

/* Fits rows[0..l) and returns the model in baton's terms (weights for "good", sorted), or
 * NULL when out of memory. */
static struct fit_model *fit(struct feature_node **rows, double *y, size_t l, const struct feat_map *fm,
			     size_t nfeat)
{
	struct problem prob = {.l = (int)l, .n = (int)nfeat + 1, .y = y, .x = rows, .bias = 1.0};
	struct parameter param;
	struct model *lm;
	struct fit_model *m = NULL;
	int labels[2], good = 0;
	size_t i;

	memset(&param, 0, sizeof(param));
	param.solver_type = L2R_LR;
	param.eps = 0.001;
	param.C = MODEL_TRAIN_C;
	param.p = 0.1;
	set_print_string_function(silent);
	lm = train(&prob, &param);
	if (!lm)
		goto done;
	get_labels(lm, labels); /* liblinear orders classes as first seen; find "good" */
	if (get_nr_class(lm) == 2 && labels[1] == 1)
		good = 1;
	m = fit_model_new(nfeat);
	if (!m)
		goto done;
	for (i = 0; i < fm->cap; i++) {
		const struct feat *f = &fm->slots[i];
		struct fit_weight *w;

		if (!f->name)
			continue;
		w = &m->w[f->index - 1];
		w->weight = get_decfun_coef(lm, f->index, good);
		w->count = f->count;
		w->feature = strdup(f->name);
		if (!w->feature) {
			fit_model_free(&m);
			goto done;
		}
	}
	m->bias = get_decfun_bias(lm, good);
	fit_model_sort(m); /* names are unique in the map */
done:
	free_and_destroy_model(&lm);
	destroy_param(&param);
	return m;
}

struct scored {
	double p;
	signed char label;
};

static int cmp_scored(const void *a, const void *b)
{
	double x = ((const struct scored *)a)->p, y = ((const struct scored *)b)->p;

	return (x > y) - (x < y);
}

static double auc_sorted(const struct scored *s, size_t n)
{
	double rank_sum = 0, pos = 0, neg;
	size_t i = 0, j, k;

	while (i < n) {
		for (j = i; j < n && s[j].p == s[i].p; j++)
			;
		for (k = i; k < j; k++) /* ties share the mean of ranks i+1 .. j */
			if (s[k].label)
				rank_sum += (double)(i + 1 + j) / 2.0;
		i = j;
	}
	for (i = 0; i < n; i++)
		pos += s[i].label ? 1 : 0;
	neg = (double)n - pos;
	if (pos == 0 || neg == 0)
		return 0.5;
	return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg);
}

double model_auc(const double *scores, const signed char *labels, size_t n)
{
	struct arena *a = arena_new();
	struct scored *s = arena_alloc(a, (n + 1) * sizeof(*s));
	size_t i;
	double auc;

	for (i = 0; i < n; i++) {
		s[i].p = scores[i];
		s[i].label = labels[i] ? 1 : 0;
	}
	qsort(s, n, sizeof(*s), cmp_scored);
	auc = auc_sorted(s, n);
	arena_free(&a);
	return auc;
}

static void calibrate(const struct scored *s, size_t n, struct fit_bucket *buckets)
{
	size_t i, b;

	memset(buckets, 0, FIT_BUCKETS * sizeof(*buckets));
	for (i = 0; i < n; i++) {
		b = (size_t)(s[i].p * FIT_BUCKETS);
		if (b >= FIT_BUCKETS)
			b = FIT_BUCKETS - 1;
		buckets[b].mean_predicted += s[i].p;
		buckets[b].observed += s[i].label;
		buckets[b].count++;
	}
	for (b = 0; b < FIT_BUCKETS; b++)
		if (buckets[b].count) {
			buckets[b].mean_predicted /= (double)buckets[b].count;
			buckets[b].observed /= (double)buckets[b].count;
		}
}

/* Refuses a history that cannot train or be checked; returns 0 or a negative code. */
static int check_history(const signed char *labels, size_t n, size_t *positives, struct bt_error *err)
{
	static const char *const part_names[2] = {"four-fifths used to fit the check model",
						  "held-out fifth (every 5th lead)"};
	size_t i, part, good[2] = {0, 0}, all[2] = {0, 0};

	if (n > INT_MAX / 2)
		return bt_fail(err, BT_BAD_INPUT, "history", 0, "%zu closed leads are more than liblinear takes", n);
	for (i = 0; i < n; i++) {
		if (labels[i] != 0 && labels[i] != 1)
			return bt_fail(err, BT_BAD_INPUT, "label", 0,
				       "lead %zu of the history has label %d; labels are 1 (good) or 0 (bad)", i + 1,
				       labels[i]);
		part = i % MODEL_TRAIN_HOLDOUT == MODEL_TRAIN_HOLDOUT - 1;
		good[part] += (size_t)labels[i];
		all[part]++;
	}
	*positives = good[0] + good[1];
	if (n < MODEL_TRAIN_MIN_LEADS)
		return bt_fail(err, BT_REFUSED, "history", 0,
			       "the fit model needs at least %d closed leads to learn from; the history has %zu",
			       MODEL_TRAIN_MIN_LEADS, n);
	if (*positives == 0 || *positives == n)
		return bt_fail(err, BT_REFUSED, "history", 0,
			       "all %zu closed leads are %s; the fit model needs both good and bad outcomes to learn from",
			       n, *positives ? "good" : "bad");
	for (part = 0; part < 2; part++)
		if (good[part] == 0 || good[part] == all[part])
			return bt_fail(err, BT_REFUSED, "history", 0,
				       "the %s has only %s leads (%zu), so the model cannot be %s; it needs more closed history",
				       part_names[part], good[part] ? "good" : "bad", all[part], part ? "checked" : "fitted");
	return 0;
}

int model_train(const struct lead *leads, const signed char *labels, size_t n, struct fit_model **out,
		struct train_report *rep, struct bt_error *err)
{
	struct arena *a = NULL;
	struct feat_map fm = {0};
	struct dataset ds;
	struct feature_node **train_rows;
	struct fit_model *check = NULL, *m = NULL;
	struct train_report r;
	struct scored *test;
	double *train_y;
	size_t i, positives = 0;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	rc = check_history(labels, n, &positives, err);
	if (rc)
		return rc;
	a = arena_new();
	build(leads, labels, n, &fm, &ds, a);

	train_rows = arena_alloc(a, n * sizeof(*train_rows));
	train_y = arena_alloc(a, n * sizeof(*train_y));
	test = arena_alloc(a, n * sizeof(*test));
	for (i = 0; i < n; i++)
		if (i % MODEL_TRAIN_HOLDOUT != MODEL_TRAIN_HOLDOUT - 1) {
			train_rows[r.n_train] = ds.rows[i];
			train_y[r.n_train++] = ds.y[i];
		}
	check = fit(train_rows, train_y, r.n_train, &fm, ds.nfeat);
	if (!check) {
		rc = bt_fail(err, BT_STORAGE, "model", 0, "out of memory while training the fit model");
		goto done;
	}
	for (i = MODEL_TRAIN_HOLDOUT - 1; i < n; i += MODEL_TRAIN_HOLDOUT) {
		test[r.n_test].p = model_score(check, &leads[i]);
		test[r.n_test++].label = labels[i];
	}
	qsort(test, r.n_test, sizeof(*test), cmp_scored);
	r.auc = auc_sorted(test, r.n_test);
	calibrate(test, r.n_test, r.calibration);
	r.positives = positives;

	m = fit(ds.rows, ds.y, n, &fm, ds.nfeat); /* the returned model learns from every lead */
	if (!m) {
		rc = bt_fail(err, BT_STORAGE, "model", 0, "out of memory while training the fit model");
		goto done;
	}
	m->auc = r.auc;
	m->trained_on = (int64_t)n;
	m->positives = (int64_t)positives;
	m->n_test = (int64_t)r.n_test;
	memcpy(m->calibration, r.calibration, sizeof(m->calibration));
	*out = m;
	if (rep)
		*rep = r;
done:
	fit_model_free(&check);
	arena_free(&a);
	return rc;
}
