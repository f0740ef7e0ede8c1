/* model_train.h - learns the fit model from the store's closed history with liblinear
 * (L2-regularised logistic regression). The caller (the `model train` use case) loads the
 * closed leads and their outcomes; this decides the weights and how well they rank leads
 * that were held out. See docs/fit-model.md. */
#ifndef BATON_MODEL_TRAIN_H
#define BATON_MODEL_TRAIN_H

#include <stddef.h>

#include "core/lead.h"
#include "core/model.h"
#include "util/error.h"

#define MODEL_TRAIN_MIN_LEADS 20 /* fewer closed leads than this: refused */
#define MODEL_TRAIN_C 1.0        /* liblinear's C: the cost of a training error against weight size */
#define MODEL_TRAIN_HOLDOUT 5    /* every 5th lead by position is held out to check the model */

struct train_report {
	size_t n_train;   /* leads of the check fit (four of every five) */
	size_t n_test;    /* held-out leads (every 5th by position) */
	size_t positives; /* good leads in the whole history */
	double auc;       /* the check fit ranking the held-out leads, ties counted half */
	struct fit_bucket calibration[FIT_BUCKETS]; /* the check fit on the held-out leads */
};

/* Learns a model from n closed leads and their labels (1 good, 0 bad): the held-out fifth
 * measures AUC and calibration, then the returned model is refitted on all n leads. Returns
 * 0 and sets *out (the caller frees it with fit_model_free()) and *rep (rep may be NULL), or
 * -BT_REFUSED when there are fewer than MODEL_TRAIN_MIN_LEADS leads or a class is missing
 * (from the history, the fit or the held-out fifth), -BT_BAD_INPUT for a label other than 0
 * or 1, -BT_STORAGE when out of memory; err says why. */
int model_train(const struct lead *leads, const signed char *labels, size_t n, struct fit_model **out,
		struct train_report *rep, struct bt_error *err);

/* The rank AUC of scores against labels (1 good, 0 bad), ties counted half; 0.5 when a class
 * is missing. Sorts nothing in place: scores and labels are only read. */
double model_auc(const double *scores, const signed char *labels, size_t n);

#endif
