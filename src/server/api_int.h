/* What the API's handler files share (internal to src/server): answering, reading parameters
 * and bodies, running a transaction, and the handlers of each module for api.c's route table. */
#ifndef TANSIQ_API_INT_H
#define TANSIQ_API_INT_H

#include <jansson.h>
#include "server/server.h"
#include "tansiq/tansiq.h"

/* Answers with a JSON document (taking the reference); cacheable while the data do not change. */
int reply_json(response *rs, int status, json_t *j, int cacheable);
/* Answers with a text the library wrote into a buffer (a feed, a CSV file), with its media type. */
int reply_buf(response *rs, ts_buf *out, const char *type, int cacheable, ts_error *err);

/* The query parameters of an address that is not a list: lang, and the names it takes besides
 * (NULL-terminated, at most 8), whose values land in values[] (NULL when not given). Any other
 * name fails with TS_UNKNOWN_PARAMETER listing the names taken. */
struct params {
	const char *const *names;
	const char *values[8];
	ts_error *err;
	int failed;
};
int read_params(request *rq, struct params *w);
/* An address that takes no parameter but lang. */
int check_no_params(request *rq, ts_error *err);

/* The body as one JSON object (Content-Type application/json), or NULL with err set. */
json_t *parse_body(request *rq, ts_error *err);
/* The body's keys must all be among `allowed` (a NULL-terminated list); `what` names the body. */
int only_keys(json_t *body, const char *const *allowed, const char *what, ts_error *err);
/* A string member of the body (NULL when absent); a member of another type fails. */
int body_string(json_t *body, const char *key, const char **out, ts_error *err);

/* A page of a collection's list, from the query parameters (filters, sort, cursor, q). */
int list_records(request *rq, response *rs, const ts_entity *e, ts_error *err);

/* Runs fn in one transaction: all of it or nothing. */
typedef int (*txn_fn)(request *rq, json_t *body, json_t **out, ts_error *err);
int txn(request *rq, txn_fn fn, json_t *body, json_t **out, ts_error *err);

/* ---- handlers of the modules (route table in api.c) ---- */

/* Conflicts: imports and aggregates (api_events.c). */
int h_import_feed(request *rq, response *rs, ts_error *err);
int h_country_months(request *rq, response *rs, ts_error *err);
int h_admin1_months(request *rq, response *rs, ts_error *err);
/* The forecast (api_forecast.c). */
int h_forecast(request *rq, response *rs, ts_error *err);
int h_forecast_fit(request *rq, response *rs, ts_error *err);
int h_forecast_backtest(request *rq, response *rs, ts_error *err);
/* Statistics, common threads and alerts (api_alerts.c). */
int h_stats_conflicts(request *rq, response *rs, ts_error *err);
int h_stats_states(request *rq, response *rs, ts_error *err);
int h_threads(request *rq, response *rs, ts_error *err);
int h_alerts(request *rq, response *rs, ts_error *err);
int h_alerts_run(request *rq, response *rs, ts_error *err);
int h_alert_step(request *rq, response *rs, ts_error *err);
int h_alerts_atom(request *rq, response *rs, ts_error *err);
/* Mediation (api_mediation.c). */
int h_mediator_decision(request *rq, response *rs, ts_error *err);
int h_mediator_sign(request *rq, response *rs, ts_error *err);
int h_process_match(request *rq, response *rs, ts_error *err);
int h_process_stage(request *rq, response *rs, ts_error *err);
int h_process_dossier(request *rq, response *rs, ts_error *err);
int h_code_current(request *rq, response *rs, ts_error *err);
/* Search and documents (api_search.c). */
int h_search(request *rq, response *rs, ts_error *err);
int h_document_import(request *rq, response *rs, ts_error *err);

#endif
