/* The forecast's addresses: GET /api/v1/forecast?country=, POST /api/v1/forecast/fit and
 * GET /api/v1/forecast/backtest?origins=N (docs/internals/forecast.md). */
#include <stdlib.h>
#include <string.h>

#include "server/api_int.h"
#include "tansiq/conflicts.h"

/* GET /api/v1/forecast?country=ISO3: from the stored model and the caller's series. */
int h_forecast(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"country", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *out;

	if (read_params(rq, &w) || ts_forecast(rq->st, w.values[0], &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}

/* POST /api/v1/forecast/fit: analysts, the secretariat and administrators. The model is fitted
 * on every event whatever the caller reads (it learns how conflict months follow each other, and
 * each reader's forecast applies it to that reader's own series only), so the load runs as an
 * administrator; the caller's viewer is put back before answering. */
int h_forecast_fit(request *rq, response *rs, ts_error *err)
{
	const ts_viewer *who = ts_store_viewer(rq->st);
	ts_viewer saved = *who, admin;
	json_t *out = NULL;
	int rc;

	if (check_no_params(rq, err))
		return -1;
	if (!(who->roles & (TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN)))
		return ts_fail(err, who->roles ? TS_FORBIDDEN : TS_UNAUTHENTICATED, NULL,
			       "fitting the forecast is for analysts, the secretariat and administrators; account '%s' is none of "
			       "them",
			       who->username);
	admin = saved;
	admin.roles |= TS_ROLE_ADMIN;
	ts_store_set_viewer(rq->st, &admin);
	rc = ts_forecast_fit(rq->st, &out, err);
	ts_store_set_viewer(rq->st, &saved);
	if (rc)
		return -1;
	return reply_json(rs, 200, out, 0);
}

/* GET /api/v1/forecast/backtest?origins=N (6 to 120, default 24), on the caller's series. */
int h_forecast_backtest(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"origins", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *out;
	long origins = 24;

	if (read_params(rq, &w))
		return -1;
	if (w.values[0]) {
		char *end;
		origins = strtol(w.values[0], &end, 10);
		if (!*w.values[0] || *end || origins < 6 || origins > 120)
			return ts_fail(err, TS_INVALID_PARAMETER, "origins",
				       "parameter 'origins': '%.20s' is not a number of months from 6 to 120; e.g. origins=24",
				       w.values[0]);
	}
	if (ts_forecast_backtest(rq->st, (int)origins, &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}
