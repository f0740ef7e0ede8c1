/* model_json.c - a fit model to and from JSON with jansson; see model_json.h. Reading checks
 * every field (finite numbers, probabilities within 0..1, counts not negative, no feature
 * twice) so that a hand-edited or damaged version is refused by name, not half-loaded. */
#include "io/model_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/features.h"

json_t *fit_model_json(const struct fit_model *m)
{
	json_t *o = json_object(), *ws = json_array(), *cal = json_array(), *w, *b;
	char when[CLOCK_RFC3339_LEN];
	size_t i;

	json_object_set_new(o, "version", json_integer(m->version));
	json_object_set_new(o, "trained_at",
			    m->trained_at ? json_string(clock_format_rfc3339(m->trained_at, when)) : json_null());
	json_object_set_new(o, "bias", json_real(m->bias));
	json_object_set_new(o, "auc", json_real(m->auc));
	json_object_set_new(o, "trained_on", json_integer(m->trained_on));
	json_object_set_new(o, "positives", json_integer(m->positives));
	json_object_set_new(o, "n_test", json_integer(m->n_test));
	for (i = 0; i < m->n; i++) {
		w = json_object();
		json_object_set_new(w, "feature", json_string(m->w[i].feature));
		json_object_set_new(w, "weight", json_real(m->w[i].weight));
		json_object_set_new(w, "count", json_integer(m->w[i].count));
		json_array_append_new(ws, w);
	}
	json_object_set_new(o, "weights", ws);
	for (i = 0; i < FIT_BUCKETS; i++) {
		b = json_object();
		json_object_set_new(b, "from", json_real((double)i / FIT_BUCKETS));
		json_object_set_new(b, "to", json_real((double)(i + 1) / FIT_BUCKETS));
		json_object_set_new(b, "mean_predicted", json_real(m->calibration[i].mean_predicted));
		json_object_set_new(b, "observed", json_real(m->calibration[i].observed));
		json_object_set_new(b, "count", json_integer(m->calibration[i].count));
		json_array_append_new(cal, b);
	}
	json_object_set_new(o, "calibration", cal);
	return o;
}

/* "weights[3].weight" from a prefix ("" at the top) and a key, for error messages. */
static const char *path(char *buf, size_t size, const char *prefix, const char *key)
{
	snprintf(buf, size, "%s%s%s", prefix, *prefix ? "." : "", key);
	return buf;
}

/* Reads number o[key] into *out: required, finite, within lo..hi. Returns 0 or -code. */
static int get_real(json_t *o, const char *prefix, const char *key, double lo, double hi, double *out,
		    struct bt_error *err)
{
	json_t *v = json_object_get(o, key);
	char field[64];

	path(field, sizeof(field), prefix, key);
	if (!json_is_number(v))
		return bt_fail(err, BT_BAD_INPUT, field, 0, "fit model: %s must be a number", field);
	*out = json_number_value(v);
	if (!isfinite(*out) || *out < lo || *out > hi)
		return bt_fail(err, BT_BAD_INPUT, field, 0, "fit model: %s is %g, outside %g..%g", field, *out, lo, hi);
	return 0;
}

/* Reads whole number o[key] (0 when absent) into *out; it must not be negative. */
static int get_count(json_t *o, const char *prefix, const char *key, int64_t *out, struct bt_error *err)
{
	json_t *v = json_object_get(o, key);
	char field[64];

	*out = 0;
	if (!v)
		return 0;
	path(field, sizeof(field), prefix, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return bt_fail(err, BT_BAD_INPUT, field, 0, "fit model: %s must be a whole number, 0 or more", field);
	*out = json_integer_value(v);
	return 0;
}

static int read_weights(json_t *ws, struct fit_model *m, struct bt_error *err)
{
	char prefix[48], field[64];
	const char *name;
	json_t *w, *f;
	size_t i;
	int rc;

	json_array_foreach(ws, i, w) {
		snprintf(prefix, sizeof(prefix), "weights[%zu]", i);
		if (!json_is_object(w))
			return bt_fail(err, BT_BAD_INPUT, prefix, 0, "fit model: %s must be an object", prefix);
		f = json_object_get(w, "feature");
		name = json_string_value(f);
		if (!name || !*name || strlen(name) >= FEATURE_NAME_MAX || !strchr(name, '='))
			return bt_fail(err, BT_BAD_INPUT, path(field, sizeof(field), prefix, "feature"), 0,
				       "fit model: %s must be a feature name such as \"segment=saas\" (under %d bytes)",
				       field, FEATURE_NAME_MAX);
		m->w[i].feature = strdup(name);
		if (!m->w[i].feature)
			return bt_fail(err, BT_STORAGE, "model", 0, "out of memory");
		rc = get_real(w, prefix, "weight", -HUGE_VAL, HUGE_VAL, &m->w[i].weight, err);
		if (!rc)
			rc = get_count(w, prefix, "count", &m->w[i].count, err);
		if (rc)
			return rc;
	}
	if (fit_model_sort(m))
		return bt_fail(err, BT_BAD_INPUT, "weights", 0, "fit model: a feature appears twice in weights");
	return 0;
}

static int read_calibration(json_t *cal, struct fit_model *m, struct bt_error *err)
{
	char prefix[48];
	json_t *b;
	size_t i;
	int rc;

	if (!cal)
		return 0;
	if (!json_is_array(cal) || json_array_size(cal) != FIT_BUCKETS)
		return bt_fail(err, BT_BAD_INPUT, "calibration", 0,
			       "fit model: calibration must be a list of %d buckets", FIT_BUCKETS);
	json_array_foreach(cal, i, b) {
		snprintf(prefix, sizeof(prefix), "calibration[%zu]", i);
		if (!json_is_object(b))
			return bt_fail(err, BT_BAD_INPUT, prefix, 0, "fit model: %s must be an object", prefix);
		rc = get_real(b, prefix, "mean_predicted", 0, 1, &m->calibration[i].mean_predicted, err);
		if (!rc)
			rc = get_real(b, prefix, "observed", 0, 1, &m->calibration[i].observed, err);
		if (!rc)
			rc = get_count(b, prefix, "count", &m->calibration[i].count, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int read_model(json_t *o, struct fit_model *m, struct bt_error *err)
{
	json_t *at = json_object_get(o, "trained_at");
	int rc;

	rc = get_count(o, "", "version", &m->version, err);
	if (!rc && at && !json_is_null(at) &&
	    (!json_is_string(at) || clock_parse_rfc3339(json_string_value(at), &m->trained_at)))
		rc = bt_fail(err, BT_BAD_INPUT, "trained_at", 0,
			     "fit model: trained_at must be an RFC 3339 time or null");
	if (!rc)
		rc = get_real(o, "", "bias", -HUGE_VAL, HUGE_VAL, &m->bias, err);
	if (!rc)
		rc = get_real(o, "", "auc", 0, 1, &m->auc, err);
	if (!rc)
		rc = get_count(o, "", "trained_on", &m->trained_on, err);
	if (!rc)
		rc = get_count(o, "", "positives", &m->positives, err);
	if (!rc)
		rc = get_count(o, "", "n_test", &m->n_test, err);
	if (!rc && m->positives > m->trained_on)
		rc = bt_fail(err, BT_BAD_INPUT, "positives", 0, "fit model: positives (%lld) exceeds trained_on (%lld)",
			     (long long)m->positives, (long long)m->trained_on);
	if (!rc)
		rc = read_weights(json_object_get(o, "weights"), m, err);
	if (!rc)
		rc = read_calibration(json_object_get(o, "calibration"), m, err);
	return rc;
}

struct fit_model *fit_model_from_json(const char *text, struct bt_error *err)
{
	json_error_t jerr;
	json_t *o = json_loads(text ? text : "", 0, &jerr), *ws;
	struct fit_model *m = NULL;

	if (!json_is_object(o)) {
		if (o)
			bt_fail(err, BT_BAD_INPUT, "model", 0, "fit model: the JSON text is not an object");
		else
			bt_fail(err, BT_BAD_INPUT, "model", jerr.line, "fit model: %s", jerr.text);
		goto done;
	}
	ws = json_object_get(o, "weights");
	if (!json_is_array(ws)) {
		bt_fail(err, BT_BAD_INPUT, "weights", 0, "fit model: weights must be a list");
		goto done;
	}
	m = fit_model_new(json_array_size(ws));
	if (!m) {
		bt_fail(err, BT_STORAGE, "model", 0, "out of memory");
		goto done;
	}
	if (read_model(o, m, err))
		fit_model_free(&m);
done:
	json_decref(o);
	return m;
}
