/* Statistics, common threads and alerts: the conflicts in member states per year, events by
 * member state, the common threads, the alerts' list, manual raising, the rules' run, the life
 * cycle (acknowledge, respond, close) and the Atom feed. The library decides who may do what. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/api_int.h"
#include "tansiq/conflicts.h"

/* A year parameter: empty or absent is 0 (open). */
static int year_param(const char *name, const char *value, int *out, ts_error *err)
{
	char *end;
	long y;

	*out = 0;
	if (!value || !*value)
		return 0;
	y = strtol(value, &end, 10);
	if (*end || y < 1946 || y > 2100)
		return ts_fail(err, TS_INVALID_PARAMETER, name, "parameter '%s': '%.20s' is not a year from 1946 to 2100, "
			       "such as 2015", name, value);
	*out = (int)y;
	return 0;
}

/* GET /api/v1/stats/conflicts?year= */
int h_stats_conflicts(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"year", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *out;
	int year;

	if (read_params(rq, &w) || year_param("year", w.values[0], &year, err) ||
	    ts_stats_conflicts(rq->st, year, &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}

/* GET /api/v1/stats/states?from=&to= */
int h_stats_states(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"from", "to", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *out;

	if (read_params(rq, &w) || ts_stats_states(rq->st, w.values[0], w.values[1], &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}

/* GET /api/v1/threads?from=&to= */
int h_threads(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"from", "to", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *out;
	int from, to;

	if (read_params(rq, &w) || year_param("from", w.values[0], &from, err) || year_param("to", w.values[1], &to, err) ||
	    ts_threads(rq->st, from, to, &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}

static int raise_alert(request *rq, json_t *body, json_t **out, ts_error *err)
{
	return ts_alert_raise(rq->st, body, out, err);
}

/* GET /api/v1/alerts (the list) and POST (raise one by hand). */
int h_alerts(request *rq, response *rs, ts_error *err)
{
	json_t *body, *alert = NULL;
	int rc;

	if (!strcmp(rq->method, "GET"))
		return list_records(rq, rs, &ts_entity_alert, err);
	if (check_no_params(rq, err) || !(body = parse_body(rq, err)))
		return -1;
	rc = txn(rq, raise_alert, body, &alert, err);
	json_decref(body);
	if (rc)
		return -1;
	snprintf(rs->location, sizeof(rs->location), "/api/v1/alerts/%s", json_string_value(json_object_get(alert, "id")));
	return reply_json(rs, 201, alert, 0);
}

static int run_rules(request *rq, json_t *body, json_t **out, ts_error *err)
{
	(void)body;
	return ts_alerts_evaluate(rq->st, out, err);
}

/* POST /api/v1/alerts/run */
int h_alerts_run(request *rq, response *rs, ts_error *err)
{
	json_t *out = NULL;

	if (check_no_params(rq, err) || txn(rq, run_rules, NULL, &out, err))
		return -1;
	return reply_json(rs, 200, out, 0);
}

static int step(request *rq, json_t *body, json_t **out, ts_error *err)
{
	if (!strcmp(rq->p2, "acknowledge"))
		return ts_alert_acknowledge(rq->st, rq->p1, out, err);
	if (!strcmp(rq->p2, "respond"))
		return ts_alert_respond(rq->st, rq->p1, body, out, err);
	return ts_alert_close(rq->st, rq->p1, out, err);
}

/* POST /api/v1/alerts/{id}/acknowledge|respond|close */
int h_alert_step(request *rq, response *rs, ts_error *err)
{
	json_t *body = NULL, *alert = NULL;
	int rc;

	if (strcmp(rq->p2, "acknowledge") && strcmp(rq->p2, "respond") && strcmp(rq->p2, "close"))
		return ts_fail(err, TS_NOT_FOUND, "step", "an alert moves on by /acknowledge, /respond or /close, not "
			       "/%.40s", rq->p2);
	if (check_no_params(rq, err))
		return -1;
	/* the response has a body; acknowledging and closing take none (an empty object is allowed) */
	if (!strcmp(rq->p2, "respond") || rq->body_len) {
		if (!(body = parse_body(rq, err)))
			return -1;
		if (strcmp(rq->p2, "respond") && json_object_size(body)) {
			json_decref(body);
			return ts_fail(err, TS_UNKNOWN_FIELD, NULL, "/%s takes no body; send none (or {})", rq->p2);
		}
	}
	rc = txn(rq, step, body, &alert, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 200, alert, 0);
}

/* GET /api/v1/alerts.atom?lang= */
int h_alerts_atom(request *rq, response *rs, ts_error *err)
{
	ts_buf out = TS_BUF_INIT;

	if (check_no_params(rq, err) || ts_alerts_atom(rq->st, rq->lang, NULL, &out, err)) {
		ts_buf_free(&out);
		return -1;
	}
	return reply_buf(rs, &out, "application/atom+xml; charset=utf-8", 1, err);
}
