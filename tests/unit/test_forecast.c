/* The risk forecast: first its numerics on small synthetic data with known answers (the ROC AUC
 * as the Mann-Whitney statistic with ties, the Brier score, the features of a month, logistic
 * and Poisson regressions that recover the coefficients the data were drawn from, a separable
 * case that stays finite), then on a real store: refusals before there is enough data or a
 * model, five countries over five years where the two at war get a high probability and the
 * three calm ones a low one, what a reader who may not read some events is forecast, and the
 * backtest's baselines on a case small enough to check by hand. */
#include <math.h>

#include "unit.h"
#include "../../lib/conflicts/model.h"

static void near(double got, double want, double tol, const char *what)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("%s: %.6f, expected %.6f (within %g)", what, got, want, tol);
}

/* A deterministic generator: uniform in (0, 1), and a standard normal (Box-Muller). */
static unsigned long long rng_state;
static double uniform(void)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return ((double)(rng_state >> 11) + 0.5) / 9007199254740992.0;
}
static double normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
}
static double poisson(double mu)
{
	double l = exp(-mu), p = 1;
	int k = 0;

	do {
		k++;
		p *= uniform();
	} while (p > l);
	return k - 1;
}

/* ---- numerics ---- */

static void test_auc(void **state)
{
	const double y[] = {0, 0, 1, 1}, sep[] = {0.1, 0.2, 0.8, 0.9}, rev[] = {0.9, 0.8, 0.2, 0.1},
		     flat[] = {0.3, 0.3, 0.3, 0.3}, ties[] = {0.1, 0.4, 0.4, 0.8}, ones[] = {1, 1, 1, 1};

	(void)state;
	near(fc_auc(sep, y, 4), 1, 1e-12, "separated");
	near(fc_auc(rev, y, 4), 0, 1e-12, "reversed");
	near(fc_auc(flat, y, 4), 0.5, 1e-12, "a constant");
	/* positives 0.4 and 0.8 against negatives 0.1 and 0.4: 1 + 0.5 + 1 + 1 out of 4 */
	near(fc_auc(ties, y, 4), 0.875, 1e-12, "a tie counts one half");
	near(fc_auc(sep, ones, 4), -1, 0, "no negative: undefined");
	near(fc_auc(sep, y, 0), -1, 0, "nothing: undefined");
}

static void test_brier(void **state)
{
	const double y[] = {0, 1, 1, 0}, half[] = {0.5, 0.5, 0.5, 0.5}, p[] = {0.1, 0.7, 1, 0.4};

	(void)state;
	near(fc_brier(y, y, 4), 0, 0, "perfect");
	near(fc_brier(half, y, 4), 0.25, 1e-12, "one half everywhere");
	near(fc_brier(p, y, 4), (0.01 + 0.09 + 0 + 0.16) / 4, 1e-12, "by hand");
}

static void test_features(void **state)
{
	/* months 0..13 */
	const long f[] = {0, 0, 30, 0, 0, 0, 0, 0, 100, 10, 20, 25, 40, 4};
	const long e[] = {1, 0, 3, 0, 0, 0, 0, 0, 9, 2, 4, 5, 7, 0};
	double x[FC_NFEAT];

	(void)state;
	fc_features(f, e, 12, 25, x);
	near(x[0], log1p(40), 1e-12, "this month");
	near(x[1], log1p((20 + 25 + 40) / 3.0), 1e-12, "the last quarter");
	near(x[2], log1p((0 + 30 + 100 + 10 + 20 + 25 + 40) / 12.0), 1e-12, "the last year (months 1..12)");
	near(x[3], 4 / 12.0, 1e-12, "30, 100, 25 and 40 are conflict months");
	near(x[4], log1p((20 + 25 + 40) / 3.0) - log1p((0 + 100 + 10) / 3.0), 1e-12, "the trend (months 7..9)");
	near(x[5], log1p(7), 1e-12, "events");
	/* months before the first count as zero */
	fc_features(f, e, 2, 25, x);
	near(x[2], log1p(30 / 12.0), 1e-12, "a short history");
	near(x[3], 1 / 12.0, 1e-12, "a short history's share");
}

static void test_standardise(void **state)
{
	double X[] = {1, 2, 7, 1, 4, 7, 1, 6, 7}, mean[3], sd[3];

	(void)state;
	fc_standardise(X, 3, 3, mean, sd);
	near(mean[1], 4, 1e-12, "mean");
	near(sd[1], 2, 1e-12, "sd");
	near(sd[2], 1, 0, "a constant column keeps sd 1");
	near(X[1], -1, 1e-12, "standardised");
	near(X[7], 1, 1e-12, "standardised");
	near(X[0], 1, 0, "the intercept is left alone");
}

static void test_logistic_recovers(void **state)
{
	const size_t n = 20000;
	const double truth[3] = {-1, 2, -0.5};
	double *X = malloc(n * 3 * sizeof(double)), *y = malloc(n * sizeof(double)), beta[3] = {0};
	int it;

	(void)state;
	rng_state = 42;
	for (size_t i = 0; i < n; i++) {
		double *x = X + i * 3;
		x[0] = 1;
		x[1] = normal();
		x[2] = normal();
		y[i] = uniform() < fc_mean(FC_LOGISTIC, fc_eta(x, truth, 3));
	}
	it = fc_glm_fit(FC_LOGISTIC, X, y, n, 3, 1e-6, beta);
	assert_true(it > 0 && it < 20);
	for (int j = 0; j < 3; j++)
		near(beta[j], truth[j], 0.08, "a coefficient drawn from");
	/* a warm start at the answer converges at once to the same point */
	{
		double again[3] = {beta[0], beta[1], beta[2]};
		assert_true(fc_glm_fit(FC_LOGISTIC, X, y, n, 3, 1e-6, again) <= 2);
		near(again[1], beta[1], 1e-6, "warm start");
	}
	free(X);
	free(y);
}

static void test_logistic_separable(void **state)
{
	/* y = 1 exactly when x > 0: without a penalty the slope runs to infinity */
	double X[40], y[20], beta[2] = {0}, p[20];

	(void)state;
	for (int i = 0; i < 20; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = i - 9.5;
		y[i] = i >= 10;
	}
	assert_true(fc_glm_fit(FC_LOGISTIC, X, y, 20, 2, 1.0, beta) > 0);
	assert_true(isfinite(beta[1]) && beta[1] > 0.5 && beta[1] < 50);
	for (int i = 0; i < 20; i++)
		p[i] = fc_mean(FC_LOGISTIC, fc_eta(X + 2 * i, beta, 2));
	near(fc_auc(p, y, 20), 1, 0, "separable: AUC 1");
	assert_true(fc_brier(p, y, 20) < 0.05);
	/* all negatives: the intercept stays finite, the probability tiny */
	for (int i = 0; i < 20; i++)
		y[i] = 0;
	beta[0] = beta[1] = 0;
	fc_glm_fit(FC_LOGISTIC, X, y, 20, 2, 1.0, beta);
	assert_true(isfinite(beta[0]) && fc_mean(FC_LOGISTIC, beta[0]) < 1e-3);
}

static void test_poisson_recovers(void **state)
{
	const size_t n = 20000;
	const double truth[2] = {1.5, 0.8};
	double *X = malloc(n * 2 * sizeof(double)), *y = malloc(n * sizeof(double)), beta[2] = {0};

	(void)state;
	rng_state = 7;
	for (size_t i = 0; i < n; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = normal();
		y[i] = poisson(fc_mean(FC_POISSON, fc_eta(X + 2 * i, truth, 2)));
	}
	assert_true(fc_glm_fit(FC_POISSON, X, y, n, 2, 1e-6, beta) > 0);
	near(beta[0], truth[0], 0.03, "intercept");
	near(beta[1], truth[1], 0.03, "slope");
	/* a start where exp(eta) overflows: started again from zero, the same answer */
	{
		double far[2] = {50, 50};
		assert_true(fc_glm_fit(FC_POISSON, X, y, n, 2, 1e-6, far) > 0);
		near(far[1], beta[1], 1e-5, "from a start that overflows");
	}
	free(X);
	free(y);
}

/* ---- on a store ---- */

static void add(ts_store *st, const char *country, int month, long events, long fatalities, const char *level)
{
	ts_error err = TS_ERROR_INIT;
	ts_event_key k = {country, NULL, month, "battles", level, NULL};

	must(ts_event_agg_add(st, &k, events, fatalities, +1, &err), &err);
}

/* Five countries over 60 months from 2019-01: SDN and SOM at war (25 to 224 fatalities in most
 * months, a calm one in ten), MAR, SEN and TUN calm (0 to 5, an event or two). */
static void five_countries(ts_store *st)
{
	static const char *const war[] = {"SDN", "SOM"}, *const calm[] = {"MAR", "SEN", "TUN"};
	ts_error err = TS_ERROR_INIT;
	int first = ts_month_parse("2019-01");

	rng_state = 2024;
	must(ts_store_begin(st, &err), &err);
	for (int m = 0; m < 60; m++) {
		for (int i = 0; i < 2; i++)
			add(st, war[i], first + m, 5 + (long)(uniform() * 20), uniform() < 0.1 ? 3 : 25 + (long)(uniform() * 200), "public");
		for (int i = 0; i < 3; i++)
			add(st, calm[i], first + m, 1 + (long)(uniform() * 2), (long)(uniform() * 6), "public");
	}
	must(ts_store_commit(st, &err), &err);
}

static const json_t *item(const json_t *fc, const char *country)
{
	size_t i;
	const json_t *it;

	json_array_foreach(json_object_get(fc, "items"), i, it)
		if (!strcmp(json_string_value(json_object_get(it, "country")), country))
			return it;
	fail_msg("no forecast for %s", country);
	return NULL;
}

static double p_at(const json_t *it, int h)
{
	return json_number_value(json_object_get(json_array_get(json_object_get(it, "horizons"), (size_t)h - 1), "p"));
}

static void load_defaults(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;

	must(ts_store_begin(st, &err), &err);
	must(ts_registry_load_defaults(st, &err), &err);
	must(ts_store_commit(st, &err), &err);
}

static void test_refusals(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;
	int first = ts_month_parse("2022-01");

	/* nothing at all, then 12 months: too short */
	assert_int_equal(ts_forecast_fit(fx->st, &out, &err), -1);
	assert_int_equal(err.code, TS_WRONG_STAGE);
	assert_non_null(strstr(err.detail, "import"));
	for (int m = 0; m < 12; m++)
		add(fx->st, "SDN", first + m, 2, 24, "public");
	ts_error_clear(&err);
	assert_int_equal(ts_forecast_fit(fx->st, &out, &err), -1);
	assert_int_equal(err.code, TS_WRONG_STAGE);
	assert_non_null(strstr(err.detail, "12"));
	/* 36 months without a month of 25 fatalities: nothing to learn */
	for (int m = 12; m < 36; m++)
		add(fx->st, "SDN", first + m, 2, 24, "public");
	ts_error_clear(&err);
	assert_int_equal(ts_forecast_fit(fx->st, &out, &err), -1);
	assert_int_equal(err.code, TS_WRONG_STAGE);
	assert_non_null(strstr(err.detail, "25 or more"));
	assert_null(out);
	/* no model: the forecast says how to fit one */
	ts_error_clear(&err);
	assert_int_equal(ts_forecast(fx->st, NULL, &out, &err), -1);
	assert_int_equal(err.code, TS_NOT_FOUND);
	assert_non_null(strstr(err.detail, "tansiq forecast fit"));
	/* the backtest: origins out of range, data too short */
	ts_error_clear(&err);
	assert_int_equal(ts_forecast_backtest(fx->st, 5, &out, &err), -1);
	assert_int_equal(err.code, TS_INVALID_PARAMETER);
	assert_string_equal(err.field, "origins");
	ts_error_clear(&err);
	assert_int_equal(ts_forecast_backtest(fx->st, 24, &out, &err), -1);
	assert_int_equal(err.code, TS_WRONG_STAGE);
	assert_non_null(strstr(err.detail, "58 months"));
}

/* A short history whose deaths came in a few huge months: the log link would extrapolate the
 * expected count far beyond anything seen (tens of millions in the browser test of the map); it
 * is capped at the worst month of the training outcomes. */
static void test_expected_ceiling(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *fit = NULL, *fc = NULL, *it, *h;
	int first = ts_month_parse("2021-01");
	size_t i, j;

	load_defaults(fx->st);
	/* SDN: 0 or 40 a month, then from the 21st month doubling from 100 to 51,200; MAR: 30 every
	 * fifth month */
	for (int m = 0; m < 30; m++) {
		add(fx->st, "SDN", first + m, 3, m >= 20 ? 100L << (m - 20) : m % 2 ? 40 : 0, "public");
		add(fx->st, "MAR", first + m, 1, m % 5 == 0 ? 30 : 0, "public");
	}
	must(ts_forecast_fit(fx->st, &fit, &err), &err);
	must(ts_forecast(fx->st, NULL, &fc, &err), &err);
	json_array_foreach(json_object_get(fc, "items"), i, it)
		json_array_foreach(json_object_get(it, "horizons"), j, h)
			if (json_number_value(json_object_get(h, "expected")) > 51200)
				fail_msg("%s h=%zu: expected %.0f, above the worst month seen (51,200)",
					 json_string_value(json_object_get(it, "country")), j + 1,
					 json_number_value(json_object_get(h, "expected")));
	json_decref(fit);
	json_decref(fc);
}

static void test_five_countries(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *fit = NULL, *fc = NULL, *one = NULL, *bt = NULL, *h;
	size_t i;

	load_defaults(fx->st);
	five_countries(fx->st);
	must(ts_forecast_fit(fx->st, &fit, &err), &err);
	assert_string_equal(json_string_value(json_object_get(fit, "through")), "2023-12");
	assert_int_equal(json_integer_value(json_object_get(fit, "countries")), 5);
	assert_int_equal(json_array_size(json_object_get(fit, "horizons")), 6);
	h = json_array_get(json_object_get(fit, "horizons"), 0);
	/* months 11..58 of 5 countries have a full history and a known next month */
	assert_int_equal(json_integer_value(json_object_get(h, "rows")), 48 * 5);
	assert_true(json_integer_value(json_object_get(h, "positives")) > 70);
	assert_true(json_is_number(json_object_get(json_object_get(h, "coefficients"), "log_mean3")));

	must(ts_forecast(fx->st, NULL, &fc, &err), &err);
	assert_string_equal(json_string_value(json_object_get(fc, "through")), "2023-12");
	assert_int_equal(json_array_size(json_object_get(fc, "items")), 5);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(fc, "items"), 0), "country")), "MAR");
	for (const char *const *c = (const char *const[]){"SDN", "SOM", NULL}; *c; c++)
		if (!(p_at(item(fc, *c), 1) > 0.5))
			fail_msg("%s at war: p(h=1) = %.3f, expected > 0.5", *c, p_at(item(fc, *c), 1));
	for (const char *const *c = (const char *const[]){"MAR", "SEN", "TUN", NULL}; *c; c++)
		if (!(p_at(item(fc, *c), 1) < 0.2))
			fail_msg("%s calm: p(h=1) = %.3f, expected < 0.2", *c, p_at(item(fc, *c), 1));
	json_array_foreach(json_object_get(item(fc, "SDN"), "horizons"), i, h) {
		assert_int_equal(json_integer_value(json_object_get(h, "h")), (json_int_t)i + 1);
		assert_true(json_number_value(json_object_get(h, "expected")) > 25);
	}
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(item(fc, "SDN"), "horizons"), 5),
							   "month")), "2024-06");
	assert_true(json_number_value(json_object_get(json_array_get(json_object_get(fc, "no_events"), 0), "p")) < 0.2);

	/* one country; a country without events; an unknown one */
	must(ts_forecast(fx->st, "SOM", &one, &err), &err);
	assert_int_equal(json_array_size(json_object_get(one, "items")), 1);
	near(p_at(item(one, "SOM"), 1), p_at(item(fc, "SOM"), 1), 0, "the same alone");
	json_decref(one);
	must(ts_forecast(fx->st, "FRA", &one, &err), &err);
	assert_true(json_is_true(json_object_get(item(one, "FRA"), "no_events")));
	assert_true(p_at(item(one, "FRA"), 1) < 0.2);
	json_decref(one);
	assert_int_equal(ts_forecast(fx->st, "XXX", &one, &err), -1);
	assert_int_equal(err.code, TS_NOT_FOUND);
	assert_string_equal(err.field, "country");

	/* the backtest: 24 months, 5 countries */
	must(ts_forecast_backtest(fx->st, 24, &bt, &err), &err);
	assert_int_equal(json_integer_value(json_object_get(bt, "countries")), 5);
	json_array_foreach(json_object_get(bt, "horizons"), i, h) {
		double auc = json_number_value(json_object_get(json_object_get(h, "model"), "auc"));
		assert_int_equal(json_integer_value(json_object_get(h, "n")), 24 * 5);
		if (!(auc > 0.8))
			fail_msg("h=%zu: the model's AUC %.3f, expected > 0.8", i + 1, auc);
	}
	json_decref(fit);
	json_decref(fc);
	json_decref(bt);
}

/* What a reader is forecast from: only the events they may read. */
static void test_access(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *fc = NULL;
	int first = ts_month_parse("2019-01");

	load_defaults(fx->st);
	five_countries(fx->st);
	/* YEM's events are for the secretariat only */
	for (int m = 0; m < 60; m++)
		add(fx->st, "YEM", first + m, 10, 100, "secretariat");
	must(ts_forecast_fit(fx->st, NULL, &err), &err);
	must(ts_forecast(fx->st, NULL, &fc, &err), &err);
	assert_int_equal(json_array_size(json_object_get(fc, "items")), 6);
	assert_true(p_at(item(fc, "YEM"), 1) > 0.5);
	json_decref(fc);
	ts_store_set_viewer(fx->st, NULL);
	must(ts_forecast(fx->st, NULL, &fc, &err), &err);
	assert_int_equal(json_array_size(json_object_get(fc, "items")), 5);
	json_decref(fc);
	must(ts_forecast(fx->st, "YEM", &fc, &err), &err);
	assert_true(json_is_true(json_object_get(item(fc, "YEM"), "no_events")));
	assert_true(p_at(item(fc, "YEM"), 1) < 0.2);
	json_decref(fc);
}

/* Two countries over 40 months from 2020-01: A (SDN) has 30 fatalities in even months and 0 in
 * odd ones, B (MAR) none. The backtest over 6 origins forecasts months 34..39. At h = 1
 * persistence always says the opposite for A and rightly 0 for B; the historical rate of A at
 * origin o is the share of even months in 0..o. */
static void test_baselines_by_hand(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *bt = NULL, *h1, *pers, *hist;
	int first = ts_month_parse("2020-01");

	for (int m = 0; m < 40; m++) {
		add(fx->st, "SDN", first + m, 3, m % 2 ? 0 : 30, "public");
		add(fx->st, "MAR", first + m, 1, 0, "public");
	}
	must(ts_forecast_backtest(fx->st, 6, &bt, &err), &err);
	assert_string_equal(json_string_value(json_object_get(bt, "from")), "2022-11"); /* month 34 */
	assert_string_equal(json_string_value(json_object_get(bt, "to")), "2023-04");
	h1 = json_array_get(json_object_get(bt, "horizons"), 0);
	assert_int_equal(json_integer_value(json_object_get(h1, "n")), 12);
	assert_int_equal(json_integer_value(json_object_get(h1, "positives")), 3);
	pers = json_object_get(h1, "persistence");
	hist = json_object_get(h1, "historical");
	near(json_number_value(json_object_get(pers, "brier")), 6 / 12.0, 1e-6, "persistence's Brier");
	/* 3 positives scored 0 against 3 negatives scored 1 and 6 scored 0: 18 ties of 27 pairs */
	near(json_number_value(json_object_get(pers, "auc")), 9 / 27.0, 1e-6, "persistence's AUC");
	/* A at origins 33, 35, 37 (share 1/2, then a conflict month) and 34, 36, 38 (18/35, 19/37,
	 * 20/39, then a calm one); B always 0 and right */
	near(json_number_value(json_object_get(hist, "brier")),
	     (3 * 0.25 + pow(18 / 35.0, 2) + pow(19 / 37.0, 2) + pow(20 / 39.0, 2)) / 12, 1e-6, "historical Brier");
	near(json_number_value(json_object_get(hist, "auc")), 18 / 27.0, 1e-6, "historical AUC");
	/* the model sees this month's fatalities, which decide next month's: it separates them */
	near(json_number_value(json_object_get(json_object_get(h1, "model"), "auc")), 1, 1e-6, "model's AUC");
	json_decref(bt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auc),
		cmocka_unit_test(test_brier),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_standardise),
		cmocka_unit_test(test_logistic_recovers),
		cmocka_unit_test(test_logistic_separable),
		cmocka_unit_test(test_poisson_recovers),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_five_countries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expected_ceiling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_baselines_by_hand, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
