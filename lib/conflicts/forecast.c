/* The risk forecast (conflicts.h): for each horizon h = 1..6, a penalised logistic regression of
 * "25 or more fatalities in month t+h" and a penalised Poisson regression of the fatalities of
 * month t+h, on features of the country's months up to t (model.h); fitted on the country-month
 * series, stored in forecast_models, applied to the reader's series, and backtested from
 * rolling origins. docs/internals/forecast.md explains the model and its choices. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tansiq/clock.h"
#include "tansiq/conflicts.h"
#include "tansiq/records.h"
#include "model.h"

/* The L2 penalty of the standardised slopes: a N(0, 1) prior on each. */
#define LAMBDA 1.0
/* The model is fitted on at least this many months of data. */
#define MIN_MONTHS 24
/* The version of the stored model's JSON: a model of another version is refitted. */
#define MODEL_VERSION 1
#define FIT_HINT "tansiq forecast fit (or POST /api/v1/forecast/fit)"

/* One horizon's fitted model: standardisation and both regressions' coefficients. */
typedef struct fitted {
	double mean[FC_NCOEF], sd[FC_NCOEF];
	double logit[FC_NCOEF], pois[FC_NCOEF];
	long rows, positives;
	double ymax; /* the most fatalities of any month of the training outcomes: the ceiling of an
		      * expected count, which a log link would otherwise extrapolate without bound */
} fitted;

/* The training design of a series: one row per country and month t with a full history
 * (t >= T0), time-major (row (t - T0) * nc + c), so that the rows of the months up to t are a
 * prefix. Each row is [1, features...]. */
#define T0 (FC_HISTORY - 1)
typedef struct design {
	const ts_series *s;
	int nc;
	double *X;        /* raw rows */
	double *Z, *y, *ycount; /* work: standardised prefix and outcomes */
} design;

static const long *fat(const ts_series *s, int c) { return s->fatalities + (size_t)c * (size_t)s->nmonths; }
static const long *evs(const ts_series *s, int c) { return s->events + (size_t)c * (size_t)s->nmonths; }

static void design_free(design *d)
{
	free(d->X);
	free(d->Z);
	free(d->y);
	free(d->ycount);
}

static int design_build(const ts_series *s, design *d, ts_error *err)
{
	size_t rows = s->nmonths > T0 ? (size_t)(s->nmonths - T0) * (size_t)s->ncountries : 0;

	memset(d, 0, sizeof(*d));
	d->s = s;
	d->nc = s->ncountries;
	d->X = malloc((rows + 1) * FC_NCOEF * sizeof(double));
	d->Z = malloc((rows + 1) * FC_NCOEF * sizeof(double));
	d->y = malloc((rows + 1) * sizeof(double));
	d->ycount = malloc((rows + 1) * sizeof(double));
	if (!d->X || !d->Z || !d->y || !d->ycount) {
		design_free(d);
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	}
	for (int t = T0; t < s->nmonths; t++)
		for (int c = 0; c < d->nc; c++) {
			double *x = d->X + ((size_t)(t - T0) * (size_t)d->nc + (size_t)c) * FC_NCOEF;
			x[0] = 1;
			fc_features(fat(s, c), evs(s, c), t, TS_FORECAST_THRESHOLD, x + 1);
		}
	return 0;
}

/* Fits horizon h on the rows of months T0..tmax (their outcomes, at t + h, must be known).
 * m's coefficients are the starting point (a warm start when they come from a previous fit). */
static void fit_horizon(design *d, int h, int tmax, int with_poisson, fitted *m)
{
	size_t n = (size_t)(tmax - T0 + 1) * (size_t)d->nc;

	memcpy(d->Z, d->X, n * FC_NCOEF * sizeof(double));
	fc_standardise(d->Z, n, FC_NCOEF, m->mean, m->sd);
	m->positives = 0;
	m->ymax = 0;
	for (int t = T0; t <= tmax; t++)
		for (int c = 0; c < d->nc; c++) {
			size_t i = (size_t)(t - T0) * (size_t)d->nc + (size_t)c;
			long v = fat(d->s, c)[t + h];
			d->y[i] = v >= TS_FORECAST_THRESHOLD;
			d->ycount[i] = (double)v;
			m->positives += v >= TS_FORECAST_THRESHOLD;
			if ((double)v > m->ymax)
				m->ymax = (double)v;
		}
	m->rows = (long)n;
	/* a fit that stops at FC_MAX_ITER keeps the best point reached: still a usable model */
	(void)fc_glm_fit(FC_LOGISTIC, d->Z, d->y, n, FC_NCOEF, LAMBDA, m->logit);
	if (with_poisson)
		(void)fc_glm_fit(FC_POISSON, d->Z, d->ycount, n, FC_NCOEF, LAMBDA, m->pois);
}

/* The model's probability and expected fatalities for a row of raw features. */
static void predict(const fitted *m, const double raw[FC_NFEAT], double *p, double *expected)
{
	double z[FC_NCOEF];

	z[0] = 1;
	for (int j = 1; j < FC_NCOEF; j++)
		z[j] = (raw[j - 1] - m->mean[j]) / m->sd[j];
	*p = fc_mean(FC_LOGISTIC, fc_eta(z, m->logit, FC_NCOEF));
	if (expected) {
		*expected = fc_mean(FC_POISSON, fc_eta(z, m->pois, FC_NCOEF));
		if (*expected > m->ymax)
			*expected = m->ymax;
	}
}

static double round_to(double v, double unit) { return round(v / unit) * unit; }

static json_t *coefficients(const double *beta)
{
	json_t *o = json_object();

	for (int j = 0; j < FC_NCOEF; j++)
		json_object_set_new(o, fc_coef_names[j], json_real(round_to(beta[j], 1e-6)));
	return o;
}

static json_t *doubles(const double *v, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_real(v[i]));
	return a;
}

static int read_doubles(const json_t *a, double *v, int n)
{
	if (json_array_size(a) != (size_t)n)
		return -1;
	for (int i = 0; i < n; i++) {
		const json_t *x = json_array_get(a, (size_t)i);
		if (!json_is_number(x))
			return -1;
		v[i] = json_number_value(x);
	}
	return 0;
}

static json_t *model_json(const fitted *m, int countries)
{
	json_t *names = json_array();

	for (int j = 0; j < FC_NCOEF; j++)
		json_array_append_new(names, json_string(fc_coef_names[j]));
	return json_pack("{s:i, s:i, s:f, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:i, s:f}", "version", MODEL_VERSION, "threshold",
			 TS_FORECAST_THRESHOLD, "lambda", LAMBDA, "coefficients", names, "mean", doubles(m->mean, FC_NCOEF), "sd",
			 doubles(m->sd, FC_NCOEF), "logistic", doubles(m->logit, FC_NCOEF), "poisson",
			 doubles(m->pois, FC_NCOEF), "rows", (json_int_t)m->rows, "positives", (json_int_t)m->positives,
			 "countries", countries, "ceiling", m->ymax);
}

static int model_parse(const char *text, fitted *m)
{
	json_t *j = json_loads(text, 0, NULL), *names;
	int rc = -1;

	if (!j)
		return -1;
	names = json_object_get(j, "coefficients");
	if (json_integer_value(json_object_get(j, "version")) != MODEL_VERSION ||
	    json_integer_value(json_object_get(j, "threshold")) != TS_FORECAST_THRESHOLD ||
	    json_array_size(names) != FC_NCOEF)
		goto done;
	for (int i = 0; i < FC_NCOEF; i++)
		if (!json_is_string(json_array_get(names, (size_t)i)) ||
		    strcmp(json_string_value(json_array_get(names, (size_t)i)), fc_coef_names[i]))
			goto done;
	if (read_doubles(json_object_get(j, "mean"), m->mean, FC_NCOEF) ||
	    read_doubles(json_object_get(j, "sd"), m->sd, FC_NCOEF) ||
	    read_doubles(json_object_get(j, "logistic"), m->logit, FC_NCOEF) ||
	    read_doubles(json_object_get(j, "poisson"), m->pois, FC_NCOEF))
		goto done;
	for (int i = 0; i < FC_NCOEF; i++)
		if (!(m->sd[i] > 0))
			goto done;
	m->rows = (long)json_integer_value(json_object_get(j, "rows"));
	m->positives = (long)json_integer_value(json_object_get(j, "positives"));
	/* a model stored before the ceiling was kept has none: no ceiling */
	m->ymax = json_is_number(json_object_get(j, "ceiling")) ? json_number_value(json_object_get(j, "ceiling")) : HUGE_VAL;
	rc = 0;
done:
	json_decref(j);
	return rc;
}

static int too_short(int nmonths, ts_error *err)
{
	return ts_fail(err, TS_WRONG_STAGE, NULL,
		       "the forecast is fitted on at least %d months of events and the data hold %d; import more history "
		       "(tansiq import acled FILE, tansiq import ucdp-ged FILE) and fit again",
		       MIN_MONTHS, nmonths);
}

/* ---- fitting ---- */

static int store_models(ts_store *st, const fitted *m, int countries, const char *fitted_at, const char *through,
			ts_error *err)
{
	int own = !ts_store_in_txn(st);

	if (own && ts_store_begin(st, err))
		return -1;
	if (ts_store_exec(st, "DELETE FROM \"forecast_models\"", NULL, 0, NULL, NULL, NULL, err))
		goto fail;
	for (int h = 1; h <= TS_FORECAST_HORIZONS; h++) {
		json_t *j = model_json(&m[h - 1], countries);
		char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(17)) : NULL;
		ts_value p[4] = {{TS_V_INT, h, NULL, 0}, {TS_V_TEXT, 0, fitted_at, 0}, {TS_V_TEXT, 0, through, 0},
				 {TS_V_TEXT, 0, text, 0}};
		int rc;
		json_decref(j);
		if (!text) {
			ts_fail(err, TS_INTERNAL, NULL, "out of memory");
			goto fail;
		}
		rc = ts_store_exec(st,
				   "INSERT INTO \"forecast_models\" (\"horizon\", \"fitted_at\", \"through\", \"model\") VALUES "
				   "(?, ?, ?, ?)",
				   p, 4, NULL, NULL, NULL, err);
		free(text);
		if (rc)
			goto fail;
	}
	return own ? ts_store_commit(st, err) : 0;
fail:
	if (own)
		ts_store_rollback(st);
	return -1;
}

int ts_forecast_fit(ts_store *st, json_t **out, ts_error *err)
{
	ts_series s;
	design d;
	fitted m[TS_FORECAST_HORIZONS];
	char fitted_at[TS_UTC_SIZE], through[8];
	json_t *hs;
	int L;

	if (out)
		*out = NULL;
	if (ts_series_load(st, -1, &s, err))
		return -1;
	if (s.ncountries == 0 || s.nmonths < MIN_MONTHS) {
		int n = s.nmonths;
		ts_series_free(&s);
		return too_short(n, err);
	}
	if (design_build(&s, &d, err)) {
		ts_series_free(&s);
		return -1;
	}
	L = s.nmonths - 1;
	memset(m, 0, sizeof(m));
	for (int h = 1; h <= TS_FORECAST_HORIZONS; h++) {
		fit_horizon(&d, h, L - h, 1, &m[h - 1]);
		if (m[h - 1].positives == 0) {
			char first[8];
			ts_month_format(s.first, first);
			ts_month_format(s.first + L, through);
			design_free(&d);
			ts_series_free(&s);
			return ts_fail(err, TS_WRONG_STAGE, NULL,
				       "no country had %d or more fatalities in a month from %s to %s: the model has nothing to "
				       "learn from; import events with fatalities (tansiq import acled FILE) and fit again",
				       TS_FORECAST_THRESHOLD, first, through);
		}
	}
	ts_utc(time(NULL), 0, fitted_at, sizeof(fitted_at));
	ts_month_format(s.first + L, through);
	if (store_models(st, m, s.ncountries, fitted_at, through, err)) {
		design_free(&d);
		ts_series_free(&s);
		return -1;
	}
	if (out) {
		char first[8];
		ts_month_format(s.first, first);
		hs = json_array();
		for (int h = 1; h <= TS_FORECAST_HORIZONS; h++)
			json_array_append_new(hs, json_pack("{s:i, s:I, s:I, s:o, s:o}", "h", h, "rows", (json_int_t)m[h - 1].rows,
							    "positives", (json_int_t)m[h - 1].positives, "coefficients",
							    coefficients(m[h - 1].logit), "expected_coefficients",
							    coefficients(m[h - 1].pois)));
		*out = json_pack("{s:s, s:s, s:s, s:i, s:i, s:o}", "fitted_at", fitted_at, "from", first, "through", through,
				 "countries", s.ncountries, "threshold", TS_FORECAST_THRESHOLD, "horizons", hs);
	}
	design_free(&d);
	ts_series_free(&s);
	if (out && !*out)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	return 0;
}

/* ---- the forecast ---- */

struct stored {
	fitted m[TS_FORECAST_HORIZONS];
	int seen[TS_FORECAST_HORIZONS];
	char fitted_at[TS_UTC_SIZE], through[8];
	int bad;
};

static int stored_row(void *ctx, const ts_value *c, int n)
{
	struct stored *s = ctx;
	long long h = c[0].i;

	(void)n;
	if (h < 1 || h > TS_FORECAST_HORIZONS || !c[1].s || !c[2].s || !c[3].s || model_parse(c[3].s, &s->m[h - 1])) {
		s->bad = 1;
		return 0;
	}
	s->seen[h - 1] = 1;
	snprintf(s->fitted_at, sizeof(s->fitted_at), "%s", c[1].s);
	snprintf(s->through, sizeof(s->through), "%.7s", c[2].s);
	return 0;
}

static int load_models(ts_store *st, struct stored *s, ts_error *err)
{
	memset(s, 0, sizeof(*s));
	if (ts_store_exec(st, "SELECT \"horizon\", \"fitted_at\", \"through\", \"model\" FROM \"forecast_models\" ORDER BY \"horizon\"",
			  NULL, 0, stored_row, s, NULL, err))
		return -1;
	for (int h = 0; h < TS_FORECAST_HORIZONS; h++)
		if (!s->seen[h])
			s->bad = 1;
	if (s->bad)
		return ts_fail(err, TS_NOT_FOUND, NULL, "%s; fit it: %s",
			       s->seen[0] ? "the stored forecast model is incomplete or of another version"
					  : "no forecast model has been fitted yet",
			       FIT_HINT);
	return 0;
}

/* The horizons of one country from its series (f and e, months 0..t), or from zeros (f NULL). */
static json_t *horizons(const struct stored *m, const long *f, const long *e, int t, int last)
{
	static const long zero[1] = {0};
	json_t *a = json_array();
	double raw[FC_NFEAT];

	if (f)
		fc_features(f, e, t, TS_FORECAST_THRESHOLD, raw);
	else
		fc_features(zero, zero, 0, TS_FORECAST_THRESHOLD, raw);
	for (int h = 1; h <= TS_FORECAST_HORIZONS; h++) {
		double p, x;
		char month[8];
		predict(&m->m[h - 1], raw, &p, &x);
		ts_month_format(last + h, month);
		json_array_append_new(a, json_pack("{s:i, s:s, s:f, s:f}", "h", h, "month", month, "p", round_to(p, 1e-4),
						   "expected", round_to(x, 0.1)));
	}
	return a;
}

int ts_forecast(ts_store *st, const char *country, json_t **out, ts_error *err)
{
	struct stored *m = malloc(sizeof(*m));
	ts_series s;
	json_t *items, *rec = NULL;
	int last, found = 0;
	char through[8];

	*out = NULL;
	if (!m)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (load_models(st, m, err))
		goto fail;
	if (country && ts_record_get(st, &ts_entity_country, country, &rec, err)) {
		if (err->code == TS_NOT_FOUND) {
			ts_error_clear(err);
			ts_fail(err, TS_NOT_FOUND, "country",
				"no country '%.20s': give a country's ISO alpha-3 code, e.g. SDN (tansiq list countries)", country);
		}
		goto fail;
	}
	json_decref(rec);
	if (ts_series_load(st, -1, &s, err))
		goto fail;
	/* the reader's last month with data; when the reader sees no event, the model's */
	last = s.ncountries ? s.first + s.nmonths - 1 : ts_month_parse(m->through);
	ts_month_format(last, through);
	items = json_array();
	for (int c = 0; c < s.ncountries; c++) {
		if (country && strcmp(s.country[c], country))
			continue;
		found = 1;
		json_array_append_new(items, json_pack("{s:s, s:o}", "country", s.country[c], "horizons",
						       horizons(m, fat(&s, c), evs(&s, c), s.nmonths - 1, last)));
	}
	if (country && !found)
		json_array_append_new(items, json_pack("{s:s, s:o, s:b}", "country", country, "horizons",
						       horizons(m, NULL, NULL, 0, last), "no_events", 1));
	*out = json_pack("{s:{s:s, s:s, s:i}, s:s, s:o}", "model", "fitted_at", m->fitted_at, "through", m->through,
			 "threshold", TS_FORECAST_THRESHOLD, "through", through, "items", items);
	if (*out && !country)
		json_object_set_new(*out, "no_events", horizons(m, NULL, NULL, 0, last));
	ts_series_free(&s);
	free(m);
	return *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
fail:
	free(m);
	return -1;
}

/* ---- the backtest ---- */

struct scores {
	double *p[3]; /* model, persistence, historical */
	double *y;
	size_t n;
};

static json_t *skill(const double *p, const double *y, size_t n)
{
	double auc = fc_auc(p, y, n);

	return json_pack("{s:f, s:o}", "brier", round_to(fc_brier(p, y, n), 1e-6), "auc",
			 auc >= 0 ? json_real(round_to(auc, 1e-6)) : json_null());
}

int ts_forecast_backtest(ts_store *st, int origins, json_t **out, ts_error *err)
{
	ts_series s;
	design d;
	struct scores sc;
	json_t *hs;
	int L, need, rc = -1;
	char from[8], to[8];

	*out = NULL;
	if (origins < 6 || origins > 120)
		return ts_fail(err, TS_INVALID_PARAMETER, "origins",
			       "origins %d is out of range: give from 6 to 120 months (default 24)", origins);
	if (ts_series_load(st, -1, &s, err))
		return -1;
	/* the earliest fit (h = 6, first target month) needs 12 months of training rows */
	need = origins + 2 * TS_FORECAST_HORIZONS + T0 + 12 - 1;
	if (s.ncountries == 0 || s.nmonths < need) {
		int n = s.nmonths;
		ts_series_free(&s);
		return ts_fail(err, TS_WRONG_STAGE, "origins",
			       "a backtest over %d months needs %d months of events and the data hold %d; give fewer origins "
			       "(at least 6, which needs %d months) or import more history",
			       origins, need, n, 6 + 2 * TS_FORECAST_HORIZONS + T0 + 12 - 1);
	}
	if (design_build(&s, &d, err)) {
		ts_series_free(&s);
		return -1;
	}
	L = s.nmonths - 1;
	memset(&sc, 0, sizeof(sc));
	for (int i = 0; i < 3; i++)
		sc.p[i] = malloc((size_t)origins * (size_t)s.ncountries * sizeof(double));
	sc.y = malloc((size_t)origins * (size_t)s.ncountries * sizeof(double));
	hs = json_array();
	if (!sc.p[0] || !sc.p[1] || !sc.p[2] || !sc.y || !hs) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	for (int h = 1; h <= TS_FORECAST_HORIZONS; h++) {
		fitted m;
		long positives = 0;
		memset(&m, 0, sizeof(m));
		sc.n = 0;
		/* each of the last `origins` months is forecast from h months before: a model fitted on
		 * the outcomes known then (months up to the origin), from the features of the origin */
		for (int target = L - origins + 1; target <= L; target++) {
			int o = target - h;
			fit_horizon(&d, h, o - h, 0, &m);
			for (int c = 0; c < s.ncountries; c++) {
				const long *f = fat(&s, c);
				double raw[FC_NFEAT], over = 0;
				fc_features(f, evs(&s, c), o, TS_FORECAST_THRESHOLD, raw);
				predict(&m, raw, &sc.p[0][sc.n], NULL);
				sc.p[1][sc.n] = f[o] >= TS_FORECAST_THRESHOLD;
				for (int t = 0; t <= o; t++)
					over += f[t] >= TS_FORECAST_THRESHOLD;
				sc.p[2][sc.n] = over / (o + 1);
				sc.y[sc.n] = f[target] >= TS_FORECAST_THRESHOLD;
				positives += f[target] >= TS_FORECAST_THRESHOLD;
				sc.n++;
			}
		}
		json_array_append_new(hs, json_pack("{s:i, s:I, s:I, s:o, s:o, s:o}", "h", h, "n", (json_int_t)sc.n, "positives",
						    (json_int_t)positives, "model", skill(sc.p[0], sc.y, sc.n), "persistence",
						    skill(sc.p[1], sc.y, sc.n), "historical", skill(sc.p[2], sc.y, sc.n)));
	}
	ts_month_format(s.first + L - origins + 1, from);
	ts_month_format(s.first + L, to);
	*out = json_pack("{s:i, s:i, s:s, s:s, s:i, s:O}", "origins", origins, "countries", s.ncountries, "from", from, "to",
			 to, "threshold", TS_FORECAST_THRESHOLD, "horizons", hs);
	rc = *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
done:
	json_decref(hs);
	for (int i = 0; i < 3; i++)
		free(sc.p[i]);
	free(sc.y);
	design_free(&d);
	ts_series_free(&s);
	return rc;
}
