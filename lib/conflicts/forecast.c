/* The risk forecast (conflicts.h): being built. */
#include "tansiq/conflicts.h"

int ts_forecast_fit(ts_store *st, json_t **out, ts_error *err)
{
	(void)st;
	if (out)
		*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "the forecast is not built yet");
}

int ts_forecast(ts_store *st, const char *country, json_t **out, ts_error *err)
{
	(void)st;
	(void)country;
	*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "the forecast is not built yet");
}

int ts_forecast_backtest(ts_store *st, int origins, json_t **out, ts_error *err)
{
	(void)st;
	(void)origins;
	*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "the forecast is not built yet");
}
