/* model_json.h - a fit model as JSON text, so the store can keep every trained version and
 * `model show --json` can print one. Weights are written with 17 significant digits, so a
 * model read back scores every lead exactly as the one written. See docs/fit-model.md. */
#ifndef BATON_MODEL_JSON_H
#define BATON_MODEL_JSON_H

#include <jansson.h>

#include "core/model.h"
#include "util/error.h"

/* The model as {"version", "trained_at", "bias", "auc", "trained_on", "positives", "n_test",
 * "weights": [{"feature", "weight", "count"}], "calibration": [{"from", "to",
 * "mean_predicted", "observed", "count"}]}; caller decrefs. */
json_t *fit_model_json(const struct fit_model *m);

/* Reads a model written by fit_model_json(); returns it (the caller frees it with
 * fit_model_free()), or NULL with err naming the bad field (BT_BAD_INPUT). */
struct fit_model *fit_model_from_json(const char *text, struct bt_error *err);

#endif
