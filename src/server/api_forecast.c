/* The forecast's addresses (being built). */
#include "server/api_int.h"
#include "tansiq/conflicts.h"

int h_forecast(request *rq, response *rs, ts_error *err) { (void)rq; (void)rs; return ts_fail(err, TS_NOT_FOUND, NULL, "not built yet"); }
int h_forecast_fit(request *rq, response *rs, ts_error *err) { (void)rq; (void)rs; return ts_fail(err, TS_NOT_FOUND, NULL, "not built yet"); }
int h_forecast_backtest(request *rq, response *rs, ts_error *err) { (void)rq; (void)rs; return ts_fail(err, TS_NOT_FOUND, NULL, "not built yet"); }
