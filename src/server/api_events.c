/* Conflict events: importing a dataset's file, and the country-month and admin1-month
 * aggregates. */
#include <string.h>

#include "server/api_int.h"
#include "tansiq/access.h"
#include "tansiq/conflicts.h"
#include "tansiq/feeds.h"

#define MAX_REJECTS 100

/* The first rejected rows, for the answer. */
static void on_reject(void *ctx, long line, const char *field, const char *value, const char *reason)
{
	json_t *a = ctx;

	if (json_array_size(a) < MAX_REJECTS)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)line, "field", field, "value",
						   value, "reason", reason));
}

static int flag(const char *name, const char *v, int *out, ts_error *err)
{
	if (!v || !strcmp(v, "false")) {
		*out = 0;
		return 0;
	}
	if (!strcmp(v, "true")) {
		*out = 1;
		return 0;
	}
	return ts_fail(err, TS_INVALID_PARAMETER, name, "%s is true or false, not '%.40s'", name, v);
}

/* POST /api/v1/imports/{acled|ucdp-ged|ucdp-acd}?skip_invalid=&dry_run= with a text/csv body: the
 * file applied whole or not at all (unless skip_invalid), in one transaction. */
int h_import_feed(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"skip_invalid", "dry_run", NULL};
	struct params w = {names, {NULL}, err, 0};
	ts_feed_opts o = TS_FEED_OPTS_INIT;
	ts_feed_stats s;
	ts_feed_kind kind;
	ts_feed_reader r;
	ts_feed_mem m;
	json_t *rejects, *out;
	const char *ct;
	int rc;

	if (ts_feed_parse(rq->p1, &kind))
		return ts_fail(err, TS_NOT_FOUND, "dataset", "no dataset '%.60s': the datasets imported are acled, ucdp-ged and "
			       "ucdp-acd", rq->p1);
	/* who may, before anything is said of the request */
	if (!(ts_store_viewer(rq->st)->roles & (TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN)))
		return ts_fail(err, TS_FORBIDDEN, NULL, "importing a dataset is for analysts and the secretariat; account '%s' "
			       "is neither", ts_store_viewer(rq->st)->username);
	if (read_params(rq, &w) || flag("skip_invalid", w.values[0], &o.skip_invalid, err) ||
	    flag("dry_run", w.values[1], &o.dry_run, err))
		return -1;
	ct = http_header(rq, "Content-Type");
	if (!ct || strncmp(ct, "text/csv", 8))
		return ts_fail(err, TS_UNSUPPORTED_MEDIA_TYPE, "Content-Type",
			       "send the dataset's file as text/csv, not '%.60s'", ct ? ct : "(none)");
	if (!(rejects = json_array()))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	o.file = ts_feed_name(kind);
	o.reject = on_reject;
	o.reject_ctx = rejects;
	ts_feed_reader_mem(&r, &m, rq->body, rq->body_len);
	if (ts_store_begin(rq->st, err)) {
		json_decref(rejects);
		return -1;
	}
	rc = ts_feed_import(rq->st, kind, &r, &o, &s, err);
	if (rc || o.dry_run)
		ts_store_rollback(rq->st);
	else if (ts_store_commit(rq->st, err))
		rc = -1;
	if (rc) {
		json_decref(rejects);
		return -1;
	}
	out = json_pack("{s:s, s:s*, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:o}", "dataset", ts_feed_name(kind),
			"import", s.import_id[0] ? s.import_id : NULL, "format", s.format, "rows", (json_int_t)s.rows, "events",
			(json_int_t)s.events, "added", (json_int_t)s.added, "updated", (json_int_t)s.updated, "unchanged",
			(json_int_t)s.unchanged, "merged", (json_int_t)s.merged, "rejected", (json_int_t)s.rejected, "dry_run",
			o.dry_run, "rejects", rejects);
	return reply_json(rs, 200, out, 0);
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
