/* Mediation: the network's decisions and signatures, the matching, a process's stages and its
 * dossier, the code of conduct in force. The library decides who may do what (mediation.h); the
 * matching, which reveals the whole roster's declared interests, is the secretariat's, checked
 * here before anything else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/api_int.h"
#include "tansiq/access.h"
#include "tansiq/mediation.h"

/* A body that may be absent (or {}), else an object of the given keys (none when keys is NULL);
 * *body is NULL when none was sent. */
static int optional_body(request *rq, const char *const *keys, const char *what, json_t **body, ts_error *err)
{
	*body = NULL;
	if (!rq->body_len)
		return 0;
	if (!(*body = parse_body(rq, err)))
		return -1;
	if (keys ? only_keys(*body, keys, what, err)
		 : json_object_size(*body) && ts_fail(err, TS_UNKNOWN_FIELD, json_object_iter_key(json_object_iter(*body)),
						      "%s takes no body; send none (or {})", what)) {
		json_decref(*body);
		*body = NULL;
		return -1;
	}
	return 0;
}

static int decide(request *rq, json_t *body, json_t **out, ts_error *err)
{
	static const struct {
		const char *step, *decision;
	} steps[] = {{"approve", "approved"}, {"decline", "declined"}, {"withdraw", "withdrawn"}};
	const char *reason = NULL;

	if (body_string(body, "reason", &reason, err))
		return -1;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!strcmp(rq->p2, steps[i].step))
			return ts_mediator_decide(rq->st, rq->p1, steps[i].decision, reason, out, err);
	return ts_fail(err, TS_INTERNAL, NULL, "no decision '%.40s'", rq->p2);
}

/* POST /api/v1/mediators/{id}/approve|decline|withdraw */
int h_mediator_decision(request *rq, response *rs, ts_error *err)
{
	static const char *const keys[] = {"reason", NULL};
	int approve = !strcmp(rq->p2, "approve");
	json_t *body = NULL, *m = NULL;
	int rc;

	if (!approve && strcmp(rq->p2, "decline") && strcmp(rq->p2, "withdraw"))
		return ts_fail(err, TS_NOT_FOUND, "decision", "a member of the network is decided on by /approve, /decline or "
			       "/withdraw, and signs the code of conduct by /sign; not /%.40s", rq->p2);
	if (check_no_params(rq, err) ||
	    optional_body(rq, approve ? NULL : keys, approve ? "an approval" : "a decision", &body, err))
		return -1;
	rc = txn(rq, decide, body, &m, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 200, m, 0);
}

static int sign(request *rq, json_t *body, json_t **out, ts_error *err)
{
	const char *code = NULL;

	return body_string(body, "code", &code, err) || ts_mediator_sign(rq->st, rq->p1, code, out, err);
}

/* POST /api/v1/mediators/{id}/sign {"code"?} */
int h_mediator_sign(request *rq, response *rs, ts_error *err)
{
	static const char *const keys[] = {"code", NULL};
	json_t *body = NULL, *m = NULL;
	int rc;

	if (check_no_params(rq, err) || optional_body(rq, keys, "signing the code of conduct", &body, err))
		return -1;
	rc = txn(rq, sign, body, &m, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 200, m, 0);
}

/* GET /api/v1/processes/{id}/match?limit=&excluded=1: the secretariat (and administrators). */
int h_process_match(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"limit", "excluded", NULL};
	struct params w = {names, {NULL}, err, 0};
	const ts_viewer *v = ts_store_viewer(rq->st);
	ts_match_opts opts = {0, 0};
	json_t *out = NULL;

	/* first who asks: the ranking shows every candidate's declared interests and load */
	if (!(v->roles & (TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN)))
		return ts_fail(err, v->roles ? TS_FORBIDDEN : TS_UNAUTHENTICATED, NULL, "matching candidates to a process is "
			       "the secretariat's (it reads the whole roster's declared interests); account '%s' is not of the "
			       "secretariat", v->username);
	if (read_params(rq, &w))
		return -1;
	if (w.values[0]) {
		char *end;
		long n = strtol(w.values[0], &end, 10);
		if (!*w.values[0] || *end || n < 1 || n > 1000)
			return ts_fail(err, TS_INVALID_PARAMETER, "limit", "parameter 'limit': '%.20s' is not a number of "
				       "candidates from 1 to 1000; e.g. limit=20", w.values[0]);
		opts.limit = (int)n;
	}
	if (w.values[1]) {
		if (strcmp(w.values[1], "1") && strcmp(w.values[1], "0") && strcmp(w.values[1], "true") &&
		    strcmp(w.values[1], "false"))
			return ts_fail(err, TS_INVALID_PARAMETER, "excluded", "parameter 'excluded': '%.20s' is neither 1 nor 0; "
				       "excluded=1 lists the excluded candidates with the rule that excluded each", w.values[1]);
		opts.with_excluded = !strcmp(w.values[1], "1") || !strcmp(w.values[1], "true");
	}
	if (ts_match(rq->st, rq->p1, &opts, &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}

static int stage(request *rq, json_t *body, json_t **out, ts_error *err)
{
	const char *to = NULL, *on = NULL, *reason = NULL;

	return body_string(body, "stage", &to, err) || body_string(body, "on", &on, err) ||
	       body_string(body, "reason", &reason, err) || ts_process_stage(rq->st, rq->p1, to, on, reason, out, err);
}

/* POST /api/v1/processes/{id}/stage {"stage", "on"?, "reason"?} */
int h_process_stage(request *rq, response *rs, ts_error *err)
{
	static const char *const keys[] = {"stage", "on", "reason", NULL};
	json_t *body, *p = NULL;
	int rc;

	if (check_no_params(rq, err) || !(body = parse_body(rq, err)))
		return -1;
	rc = only_keys(body, keys, "a stage", err) || txn(rq, stage, body, &p, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 200, p, 0);
}

/* GET /api/v1/processes/{id}/dossier */
int h_process_dossier(request *rq, response *rs, ts_error *err)
{
	json_t *out = NULL;

	if (check_no_params(rq, err) || ts_process_dossier(rq->st, rq->p1, &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}

/* GET /api/v1/codes-of-conduct/current: {"current": the adopted version of highest number, or
 * null while none is adopted}. */
int h_code_current(request *rq, response *rs, ts_error *err)
{
	json_t *code = NULL;

	if (check_no_params(rq, err) || ts_code_current(rq->st, &code, err))
		return -1;
	return reply_json(rs, 200, json_pack("{s:o}", "current", code ? code : json_null()), 1);
}
