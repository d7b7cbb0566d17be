/* Conflict events: importing a dataset's file, and the country-month and admin1-month
 * aggregates. */
#include "server/api_int.h"
#include "tansiq/conflicts.h"

int h_import_feed(request *rq, response *rs, ts_error *err)
{
	(void)rq;
	(void)rs;
	return ts_fail(err, TS_NOT_FOUND, NULL, "not built yet");
}

/* GET /api/v1/country-months and /admin1-months?country=&from=&to= */
static int months(request *rq, response *rs, int by_admin1, ts_error *err)
{
	static const char *const names[] = {"country", "from", "to", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *out;

	if (read_params(rq, &w) || ts_event_months(rq->st, w.values[0], by_admin1, w.values[1], w.values[2], &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}

int h_country_months(request *rq, response *rs, ts_error *err) { return months(rq, rs, 0, err); }
int h_admin1_months(request *rq, response *rs, ts_error *err) { return months(rq, rs, 1, err); }
