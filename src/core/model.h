/* model.h - the fit score (SPEC section 4, fit.model): the chance that a new lead becomes a
 * real opportunity. A learned model is a logistic regression over the one-hot features of
 * features.h; below min_history closed leads the transparent rules score stands in. Pure:
 * no I/O, no clock, no liblinear (training lives in model_train.c). See docs/fit-model.md. */
#ifndef BATON_MODEL_H
#define BATON_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/lead.h"

#define FIT_BUCKETS 10 /* calibration buckets: [0, 0.1), [0.1, 0.2), ... [0.9, 1] */

/* One calibration bucket: the held-out leads whose predicted probability fell in it. */
struct fit_bucket {
	double mean_predicted; /* mean predicted probability, 0 when count is 0 */
	double observed;       /* share that were good leads, 0 when count is 0 */
	int64_t count;         /* held-out leads in the bucket */
};

struct fit_weight {
	char *feature;  /* owned, "segment=saas" */
	double weight;  /* log-odds added when a lead has the feature */
	int64_t count;  /* leads of the history that had it */
};

struct fit_model {
	int64_t version;       /* the store's version number, 0 until stored */
	int64_t trained_at;    /* seconds since the epoch, set by the caller, 0 unknown */
	double bias;           /* log-odds of a lead with no known feature */
	size_t n;              /* weights */
	struct fit_weight *w;  /* owned, sorted by feature (strcmp) for bsearch, no duplicates */
	double auc;            /* on the held-out fifth, 0.5 = guessing, 1 = perfect ranking */
	int64_t trained_on;    /* closed leads the weights were learned from */
	int64_t positives;     /* of which good leads */
	int64_t n_test;        /* held-out leads behind auc and calibration */
	struct fit_bucket calibration[FIT_BUCKETS]; /* on the held-out leads */
};

/* Returns a zeroed model with room for n weights (feature names NULL), or NULL when out of
 * memory; the caller frees it with fit_model_free(). */
struct fit_model *fit_model_new(size_t n);

/* Frees the model and its weights and sets *m to NULL; NULL-safe. */
void fit_model_free(struct fit_model **m);

/* Sorts the weights by feature; returns 0, or -1 if a feature appears twice. */
int fit_model_sort(struct fit_model *m);

/* The weight of a feature, or NULL if the model does not know it; borrowed from m. */
const struct fit_weight *fit_model_weight(const struct fit_model *m, const char *feature);

/* The learned probability (0..1) that the lead is good: sigmoid(bias + weights of its
 * features); features the model has not seen weigh 0. */
double model_score(const struct fit_model *m, const struct lead *l);

/* The rules score, the transparent fallback while no learned model is used: 0.05, plus by
 * seniority c_level 0.15, vp 0.12, director 0.08, manager 0.04; by company size 201-1000
 * 0.05, 1001 and more 0.08; by source referral, event or webinar 0.05. Within [0.05, 0.33]. */
double model_rules_score(const struct lead *l);

/* The logistic function 1 / (1 + e^-z), computed without overflow. */
double model_sigmoid(double z);

/* A text for `model show`: what it learned from, up to top strongest signs for and against a
 * good lead in words, each as odds against a typical lead of the history (weights centred
 * within their feature group), the AUC and the calibration. Caller frees. */
char *model_explain(const struct fit_model *m, size_t top);

#endif
