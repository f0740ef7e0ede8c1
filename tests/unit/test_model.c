/* test_model.c - the fit score: feature extraction, scoring math, the rules fallback, training
 * with liblinear on synthetic history where segment=saas and seniority=vp truly drive the
 * outcome, the JSON round trip and the explanation. Synthetic leads come from a fixed-seed
 * generator, and liblinear is deterministic for a fixed problem, so every run is the same. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/features.h"
#include "core/model.h"
#include "core/model_train.h"
#include "io/model_json.h"

#define SYNTH_N 1000

/* ---- a synthetic closed history ---- */

static uint64_t rng;

static uint64_t rng_next(void)
{
	rng ^= rng >> 12; /* xorshift64* */
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717u;
}

static double rng_uniform(void)
{
	return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static const char *pick(const char *const *list, size_t n)
{
	return list[rng_next() % n];
}

/* n leads whose outcome depends only on segment=saas and a VP title (plus noise). */
static void synth_history(struct lead *leads, signed char *labels, size_t n, uint64_t seed)
{
	static const char *const segments[] = {"saas", "fintech", "retail", "manufacturing", "health"};
	static const char *const titles[] = {"CEO", "VP Sales", "Director of IT", "Sales Manager", "Engineer",
					     NULL, "Vice President, Marketing", "Analyst"};
	static const char *const sources[] = {"web_form", "webinar", "referral", "event", "phone"};
	static const char *const countries[] = {"fr", "de", "us", "gb"};
	static const int64_t sizes[] = {-1, 5, 30, 120, 500, 2000, 8000};
	size_t i;
	double z;

	rng = seed;
	for (i = 0; i < n; i++) {
		struct lead *l = &leads[i];

		lead_init(l);
		l->segment = pick(segments, 5);
		l->title = pick(titles, 8);
		l->source = pick(sources, 5);
		l->country = pick(countries, 4);
		l->employees = sizes[rng_next() % 7];
		l->channel = rng_next() % 2 ? CHANNEL_INBOUND : CHANNEL_OUTBOUND;
		z = -2.5 + (strcmp(l->segment, "saas") == 0 ? 2.5 : 0) +
		    (seniority_of(l->title) == SENIORITY_VP ? 2.5 : 0);
		labels[i] = rng_uniform() < model_sigmoid(z) ? 1 : 0;
	}
}

static struct lead synth_leads[SYNTH_N];
static signed char synth_labels[SYNTH_N];

static struct fit_model *train_synth(struct train_report *rep)
{
	struct fit_model *m = NULL;
	struct bt_error err;

	bt_error_clear(&err);
	synth_history(synth_leads, synth_labels, SYNTH_N, 20261123);
	assert_int_equal(model_train(synth_leads, synth_labels, SYNTH_N, &m, rep, &err), 0);
	assert_non_null(m);
	return m;
}

/* ---- features ---- */

static void test_features_in_fixed_order_lower_cased(void **state)
{
	char names[FEATURES_MAX][FEATURE_NAME_MAX];
	struct lead l;

	lead_init(&l);
	l.segment = "SaaS";
	l.source = "web_form";
	l.channel = CHANNEL_OUTBOUND;
	l.employees = 120;
	l.country = "FR";
	l.title = "VP Sales";
	assert_int_equal(features_of(&l, names, FEATURES_MAX), 6);
	assert_string_equal(names[0], "segment=saas");
	assert_string_equal(names[1], "source=web_form");
	assert_string_equal(names[2], "channel=outbound");
	assert_string_equal(names[3], "size=51-200");
	assert_string_equal(names[4], "country=fr");
	assert_string_equal(names[5], "seniority=vp");
	assert_int_equal(features_of(&l, names, 2), 2); /* never writes past max */
}

static void test_features_of_unknown_lead(void **state)
{
	char names[FEATURES_MAX][FEATURE_NAME_MAX];
	struct lead l;

	lead_init(&l);
	l.segment = "";
	assert_int_equal(features_of(&l, names, FEATURES_MAX), 6);
	assert_string_equal(names[0], "segment=unknown");
	assert_string_equal(names[1], "source=unknown");
	assert_string_equal(names[2], "channel=inbound");
	assert_string_equal(names[3], "size=unknown");
	assert_string_equal(names[4], "country=unknown");
	assert_string_equal(names[5], "seniority=unknown");
}

static void test_size_band_edges(void **state)
{
	static const struct {
		int64_t employees;
		const char *band;
	} cases[] = {
		{-1, "unknown"}, {0, "1-10"},        {1, "1-10"},           {10, "1-10"},       {11, "11-50"},
		{50, "11-50"},   {51, "51-200"},     {200, "51-200"},       {201, "201-1000"},  {1000, "201-1000"},
		{1001, "1001-5000"}, {5000, "1001-5000"}, {5001, "5001+"},  {400000, "5001+"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(size_band_name(size_band_of(cases[i].employees)), cases[i].band);
}

static void test_seniority_by_whole_words(void **state)
{
	static const struct {
		const char *title;
		enum seniority s;
	} cases[] = {
		{"CEO", SENIORITY_C_LEVEL},
		{"Chief Revenue Officer", SENIORITY_C_LEVEL},
		{"Co-Founder", SENIORITY_C_LEVEL},
		{"owner", SENIORITY_C_LEVEL},
		{"President", SENIORITY_C_LEVEL},
		{"cmo / cro", SENIORITY_C_LEVEL},
		{"Vice President, Sales", SENIORITY_VP},
		{"vice-president marketing", SENIORITY_VP},
		{"SVP Engineering", SENIORITY_VP},
		{"EVP", SENIORITY_VP},
		{"VP of Ops", SENIORITY_VP},
		{"Head of Growth", SENIORITY_DIRECTOR},
		{"IT DIRECTOR", SENIORITY_DIRECTOR},
		{"Team Lead", SENIORITY_MANAGER},
		{"Account Manager", SENIORITY_MANAGER},
		{"Software Engineer", SENIORITY_INDIVIDUAL},
		{"Leadership Coach", SENIORITY_INDIVIDUAL},   /* "lead" must be a whole word */
		{"Headhunter", SENIORITY_INDIVIDUAL},
		{"Vice Chair", SENIORITY_INDIVIDUAL},
		{"Supercalifragilisticexpialidocious Manager", SENIORITY_MANAGER},
		{"VP & CEO", SENIORITY_C_LEVEL},               /* the most senior word wins */
		{"Sales Manager, reports to the VP", SENIORITY_VP},
		{"", SENIORITY_UNKNOWN},
		{" - ", SENIORITY_UNKNOWN},
		{NULL, SENIORITY_UNKNOWN},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (seniority_of(cases[i].title) != cases[i].s)
			fail_msg("title \"%s\": got %s, want %s", cases[i].title ? cases[i].title : "(null)",
				 seniority_name(seniority_of(cases[i].title)), seniority_name(cases[i].s));
	}
}

static void test_long_value_is_cut_on_a_character_boundary(void **state)
{
	char names[FEATURES_MAX][FEATURE_NAME_MAX], seg[200];
	struct lead l;
	size_t i, len;

	for (i = 0; i + 2 < sizeof(seg); i += 2)
		memcpy(seg + i, "\xc3\xa9", 2); /* é */
	seg[i] = '\0';
	lead_init(&l);
	l.segment = seg;
	features_of(&l, names, FEATURES_MAX);
	len = strlen(names[0]);
	assert_true(len < FEATURE_NAME_MAX);
	assert_int_equal(strncmp(names[0], "segment=", 8), 0);
	assert_int_equal((len - 8) % 2, 0); /* whole two-byte characters only */
	assert_int_equal((unsigned char)names[0][len - 1], 0xa9);
}

static void test_feature_labels_read_as_words(void **state)
{
	char buf[128];

	assert_string_equal(feature_label("segment=saas", buf, sizeof(buf)), "segment is saas");
	assert_string_equal(feature_label("seniority=vp", buf, sizeof(buf)), "title is VP level");
	assert_string_equal(feature_label("seniority=c_level", buf, sizeof(buf)), "title is C-level");
	assert_string_equal(feature_label("seniority=unknown", buf, sizeof(buf)), "no title given");
	assert_string_equal(feature_label("size=51-200", buf, sizeof(buf)), "company has 51-200 employees");
	assert_string_equal(feature_label("size=unknown", buf, sizeof(buf)), "company size unknown");
	assert_string_equal(feature_label("country=fr", buf, sizeof(buf)), "country is FR");
	assert_string_equal(feature_label("source=unknown", buf, sizeof(buf)), "source unknown");
	assert_string_equal(feature_label("channel=inbound", buf, sizeof(buf)), "channel is inbound");
	assert_string_equal(feature_label("mystery", buf, sizeof(buf)), "mystery");
	assert_string_equal(feature_label("segment=saas", buf, 8), "segment");
}

/* ---- scoring ---- */

static struct fit_model *hand_model(void)
{
	static const struct {
		const char *f;
		double w;
	} ws[] = {{"seniority=vp", 1.2}, {"segment=saas", 0.8}, {"country=fr", -0.5}, {"segment=retail", -1.5}};
	struct fit_model *m = fit_model_new(4);
	size_t i;

	assert_non_null(m);
	m->bias = -1.0;
	for (i = 0; i < 4; i++) {
		m->w[i].feature = strdup(ws[i].f);
		m->w[i].weight = ws[i].w;
		m->w[i].count = 10;
	}
	assert_int_equal(fit_model_sort(m), 0);
	return m;
}

static void test_score_is_sigmoid_of_bias_plus_weights(void **state)
{
	struct fit_model *m = hand_model();
	struct lead l;

	lead_init(&l);
	l.segment = "saas";
	l.title = "VP Sales";
	l.country = "FR";
	/* -1.0 + 0.8 + 1.2 - 0.5 = 0.5; 1 / (1 + e^-0.5) */
	assert_float_equal(model_score(m, &l), 0.6224593312018546, 1e-15);
	l.segment = "biotech"; /* unseen: weighs 0 */
	l.title = NULL;
	l.country = "de";
	assert_float_equal(model_score(m, &l), 0.2689414213699951, 1e-15);
	assert_non_null(fit_model_weight(m, "segment=retail"));
	assert_null(fit_model_weight(m, "segment=biotech"));
	fit_model_free(&m);
	assert_null(m);
	fit_model_free(&m);
}

static void test_sigmoid_does_not_overflow(void **state)
{
	assert_float_equal(model_sigmoid(0), 0.5, 0);
	assert_float_equal(model_sigmoid(1000), 1.0, 0);
	assert_float_equal(model_sigmoid(-1000), 0.0, 0);
}

static void test_rules_score_stays_within_bounds(void **state)
{
	static const char *const titles[] = {NULL, "Engineer", "Team Lead", "Head of IT", "VP Sales", "CEO"};
	static const char *const sources[] = {NULL, "web_form", "Referral", "event", "webinar", "phone"};
	static const int64_t sizes[] = {-1, 3, 30, 150, 600, 3000, 90000};
	double s, lo = 1, hi = 0;
	struct lead l;
	size_t i, j, k;

	lead_init(&l);
	for (i = 0; i < 6; i++)
		for (j = 0; j < 6; j++)
			for (k = 0; k < 7; k++) {
				l.title = titles[i];
				l.source = sources[j];
				l.employees = sizes[k];
				s = model_rules_score(&l);
				lo = s < lo ? s : lo;
				hi = s > hi ? s : hi;
			}
	assert_float_equal(lo, 0.05, 1e-12);
	assert_float_equal(hi, 0.33, 1e-12);
	l.title = "VP Sales";
	l.employees = 500;
	l.source = "webinar";
	assert_float_equal(model_rules_score(&l), 0.05 + 0.12 + 0.05 + 0.05, 1e-12);
}

/* ---- training ---- */

static void test_auc_counts_ties_half(void **state)
{
	static const double s1[] = {0.1, 0.4, 0.35, 0.8};
	static const signed char l1[] = {0, 0, 1, 1};
	static const double s2[] = {0.3, 0.3, 0.3, 0.3};
	static const double s3[] = {0.2, 0.5, 0.5, 0.9};
	static const signed char l3[] = {0, 1, 0, 1};

	assert_float_equal(model_auc(s1, l1, 4), 0.75, 1e-12);
	assert_float_equal(model_auc(s2, l1, 4), 0.5, 1e-12);
	assert_float_equal(model_auc(s3, l3, 4), 0.875, 1e-12); /* one tied pair of four */
	assert_float_equal(model_auc(s1, (const signed char[]){1, 1, 1, 1}, 4), 0.5, 1e-12);
}

static void test_training_recovers_the_true_drivers(void **state)
{
	struct train_report rep;
	struct fit_model *m = train_synth(&rep);
	const struct fit_weight *saas = fit_model_weight(m, "segment=saas");
	const struct fit_weight *vp = fit_model_weight(m, "seniority=vp");
	int64_t sum = 0;
	size_t i;

	assert_non_null(saas);
	assert_non_null(vp);
	assert_true(saas->weight > 1.0);
	assert_true(vp->weight > 1.0);
	for (i = 0; i < m->n; i++) /* nothing else comes close */
		if (&m->w[i] != saas && &m->w[i] != vp)
			assert_true(m->w[i].weight < 0.5 * saas->weight && m->w[i].weight < 0.5 * vp->weight);
	assert_int_equal(rep.n_test, SYNTH_N / 5);
	assert_int_equal(rep.n_train, SYNTH_N - SYNTH_N / 5);
	assert_true(rep.auc > 0.75);
	for (i = 0; i < FIT_BUCKETS; i++)
		sum += rep.calibration[i].count;
	assert_int_equal(sum, (int64_t)rep.n_test);
	assert_int_equal(m->trained_on, SYNTH_N);
	assert_int_equal(m->positives, (int64_t)rep.positives);
	assert_float_equal(m->auc, rep.auc, 0);
	assert_true(saas->count > SYNTH_N / 10 && saas->count < SYNTH_N / 3);
	fit_model_free(&m);
}

static void test_calibration_buckets_follow_the_outcomes(void **state)
{
	struct train_report rep;
	struct fit_model *m = train_synth(&rep);
	double pred = 0, obs = 0;
	size_t i;

	for (i = 0; i < FIT_BUCKETS; i++) {
		const struct fit_bucket *b = &rep.calibration[i];

		if (!b->count)
			continue;
		assert_true(b->mean_predicted >= i / 10.0 && b->mean_predicted < (i + 1) / 10.0);
		pred += b->mean_predicted * (double)b->count;
		obs += b->observed * (double)b->count;
	}
	/* over all held-out leads, predicted and observed totals are close */
	assert_true(fabs(pred - obs) < (double)rep.n_test / 10);
	fit_model_free(&m);
}

static void test_training_is_deterministic(void **state)
{
	struct fit_model *a = train_synth(NULL), *b = train_synth(NULL);
	size_t i;

	assert_int_equal(a->n, b->n);
	assert_memory_equal(&a->bias, &b->bias, sizeof(double));
	for (i = 0; i < a->n; i++) {
		assert_string_equal(a->w[i].feature, b->w[i].feature);
		assert_memory_equal(&a->w[i].weight, &b->w[i].weight, sizeof(double));
	}
	fit_model_free(&a);
	fit_model_free(&b);
}

static void test_training_refuses_one_class(void **state)
{
	struct fit_model sentinel, *m = &sentinel; /* a refusal must clear *out */
	struct bt_error err;
	size_t i;

	synth_history(synth_leads, synth_labels, 100, 7);
	for (i = 0; i < 100; i++)
		synth_labels[i] = 0;
	bt_error_clear(&err);
	assert_int_equal(model_train(synth_leads, synth_labels, 100, &m, NULL, &err), -BT_REFUSED);
	assert_null(m);
	assert_int_equal(err.code, BT_REFUSED);
	assert_non_null(strstr(err.message, "both good and bad"));
}

static void test_training_refuses_a_short_or_unbalanced_history(void **state)
{
	struct fit_model *m = NULL;
	struct bt_error err;
	size_t i;

	synth_history(synth_leads, synth_labels, 100, 7);
	for (i = 0; i < 100; i++)
		synth_labels[i] = i % 2;
	bt_error_clear(&err);
	assert_int_equal(model_train(synth_leads, synth_labels, 19, &m, NULL, &err), -BT_REFUSED);
	assert_non_null(strstr(err.message, "at least 20"));
	for (i = 0; i < 100; i++) /* every good lead sits in the held-out fifth */
		synth_labels[i] = i % 5 == 4;
	assert_int_equal(model_train(synth_leads, synth_labels, 100, &m, NULL, &err), -BT_REFUSED);
	assert_non_null(strstr(err.message, "fit the check model"));
	synth_labels[3] = 2;
	assert_int_equal(model_train(synth_leads, synth_labels, 100, &m, NULL, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "label");
	assert_null(m);
}

static void test_training_twenty_leads_is_enough(void **state)
{
	struct fit_model *m = NULL;
	struct bt_error err;
	size_t i;

	synth_history(synth_leads, synth_labels, 20, 11);
	for (i = 0; i < 20; i++)
		synth_labels[i] = i % 3 == 0;
	bt_error_clear(&err);
	assert_int_equal(model_train(synth_leads, synth_labels, 20, &m, NULL, &err), 0);
	assert_int_equal(m->n_test, 4);
	fit_model_free(&m);
}

/* ---- JSON and explanation ---- */

static char *dump(const struct fit_model *m)
{
	json_t *j = fit_model_json(m);
	char *text = json_dumps(j, 0);

	json_decref(j);
	return text;
}

static void test_json_round_trips_exactly(void **state)
{
	struct fit_model *m = train_synth(NULL), *back;
	struct bt_error err;
	char *text;
	size_t i;

	m->version = 3;
	m->trained_at = 1795420980;
	text = dump(m);
	bt_error_clear(&err);
	back = fit_model_from_json(text, &err);
	assert_non_null(back);
	assert_int_equal(back->version, 3);
	assert_int_equal(back->trained_at, 1795420980);
	assert_memory_equal(&back->bias, &m->bias, sizeof(double));
	assert_memory_equal(&back->auc, &m->auc, sizeof(double));
	assert_int_equal(back->trained_on, m->trained_on);
	assert_int_equal(back->positives, m->positives);
	assert_int_equal(back->n_test, m->n_test);
	assert_int_equal(back->n, m->n);
	for (i = 0; i < m->n; i++) {
		assert_string_equal(back->w[i].feature, m->w[i].feature);
		assert_memory_equal(&back->w[i].weight, &m->w[i].weight, sizeof(double));
		assert_int_equal(back->w[i].count, m->w[i].count);
	}
	assert_memory_equal(back->calibration, m->calibration, sizeof(m->calibration));
	for (i = 0; i < 50; i++) {
		double a = model_score(m, &synth_leads[i]), b = model_score(back, &synth_leads[i]);

		assert_memory_equal(&a, &b, sizeof(double));
	}
	free(text);
	fit_model_free(&m);
	fit_model_free(&back);
}

static void test_json_refuses_a_damaged_model(void **state)
{
	static const struct {
		const char *text;
		const char *field;
	} cases[] = {
		{"not json", "model"},
		{"[]", "model"},
		{"{\"bias\": 0}", "weights"},
		{"{\"weights\": []}", "bias"},
		{"{\"bias\": \"x\", \"weights\": []}", "bias"},
		{"{\"bias\": 0, \"auc\": 1.5, \"weights\": []}", "auc"},
		{"{\"bias\": 0, \"auc\": 0.7, \"weights\": [{\"feature\": \"a=1\"}]}", "weights[0].weight"},
		{"{\"bias\": 0, \"auc\": 0.7, \"weights\": [{\"feature\": \"nope\", \"weight\": 1}]}", "weights[0].feature"},
		{"{\"bias\": 0, \"auc\": 0.7, \"weights\": [{\"feature\": \"a=1\", \"weight\": 1}, "
		 "{\"feature\": \"a=1\", \"weight\": 2}]}", "weights"},
		{"{\"bias\": 0, \"auc\": 0.7, \"weights\": [{\"feature\": \"a=1\", \"weight\": 1, \"count\": -3}]}",
		 "weights[0].count"},
		{"{\"bias\": 0, \"auc\": 0.7, \"trained_on\": 5, \"positives\": 6, \"weights\": []}", "positives"},
		{"{\"bias\": 0, \"auc\": 0.7, \"trained_at\": \"yesterday\", \"weights\": []}", "trained_at"},
		{"{\"bias\": 0, \"auc\": 0.7, \"weights\": [], \"calibration\": [1]}", "calibration"},
	};
	struct bt_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bt_error_clear(&err);
		assert_null(fit_model_from_json(cases[i].text, &err));
		assert_int_equal(err.code, BT_BAD_INPUT);
		if (strcmp(err.field, cases[i].field) != 0)
			fail_msg("%s: field %s, want %s (%s)", cases[i].text, err.field, cases[i].field, err.message);
	}
}

static void test_explain_names_the_strongest_sign_first(void **state)
{
	struct fit_model *m = train_synth(NULL);
	char *text = model_explain(m, 3);
	const char *good = strstr(text, "Strongest signs of a good lead: title is VP level (x");
	const char *against = strstr(text, "Strongest signs against:");

	if (!good || !against)
		fail_msg("explain text does not lead with the VP title:\n%s", text);
	assert_true(good < against);
	assert_non_null(strstr(good, "segment is saas (x")); /* the other true driver, second */
	assert_true(strstr(good, "segment is saas") < against);
	assert_non_null(strstr(text, "learned from 1000 closed leads"));
	assert_non_null(strstr(text, "AUC 0.8"));
	assert_non_null(strstr(text, "Checked on 200 held-out leads"));
	free(text);
	fit_model_free(&m);
}

static void test_explain_of_an_empty_model(void **state)
{
	struct fit_model *m = fit_model_new(0);
	char *text = model_explain(m, 5);

	assert_non_null(strstr(text, "Strongest signs of a good lead: none."));
	free(text);
	fit_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_features_in_fixed_order_lower_cased),
		cmocka_unit_test(test_features_of_unknown_lead),
		cmocka_unit_test(test_size_band_edges),
		cmocka_unit_test(test_seniority_by_whole_words),
		cmocka_unit_test(test_long_value_is_cut_on_a_character_boundary),
		cmocka_unit_test(test_feature_labels_read_as_words),
		cmocka_unit_test(test_score_is_sigmoid_of_bias_plus_weights),
		cmocka_unit_test(test_sigmoid_does_not_overflow),
		cmocka_unit_test(test_rules_score_stays_within_bounds),
		cmocka_unit_test(test_auc_counts_ties_half),
		cmocka_unit_test(test_training_recovers_the_true_drivers),
		cmocka_unit_test(test_calibration_buckets_follow_the_outcomes),
		cmocka_unit_test(test_training_is_deterministic),
		cmocka_unit_test(test_training_refuses_one_class),
		cmocka_unit_test(test_training_refuses_a_short_or_unbalanced_history),
		cmocka_unit_test(test_training_twenty_leads_is_enough),
		cmocka_unit_test(test_json_round_trips_exactly),
		cmocka_unit_test(test_json_refuses_a_damaged_model),
		cmocka_unit_test(test_explain_names_the_strongest_sign_first),
		cmocka_unit_test(test_explain_of_an_empty_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
