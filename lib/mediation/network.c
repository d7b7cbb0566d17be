/* The network's actions: the secretariat's decision on a nomination, and the signature of the
 * code of conduct in force (mediation.h). */
#include <stdio.h>
#include <string.h>

#include "tansiq/records.h"
#include "tansiq/utf8.h"
#include "mediation_int.h"

enum { REASON_MIN = 10 };

int ts_code_current(ts_store *st, json_t **out, ts_error *err)
{
	json_t *all = NULL, *c, *best = NULL;
	size_t i;

	*out = NULL;
	if (ts_records_where(st, &ts_entity_code_of_conduct, "\"status\" = 'adopted'", NULL, 0, 1, &all, err))
		return -1;
	json_array_foreach(all, i, c)
		if (!best || json_integer_value(json_object_get(c, "version")) > json_integer_value(json_object_get(best, "version")))
			best = c;
	*out = best ? json_incref(best) : NULL;
	json_decref(all);
	return 0;
}

static int wrong_status(const json_t *m, const char *step, const char *fix, ts_error *err)
{
	return ts_fail(err, TS_WRONG_STAGE, "status", "%s is %s: it cannot be %s; %s", med_str(m, "id"), med_str(m, "status"),
		       step, fix);
}

/* Ends the member's open places on teams today, as the secretariat (who places members). */
static int end_places(ts_store *st, const char *id, ts_error *err)
{
	ts_value q = {TS_V_TEXT, 0, id, 0};
	json_t *places = NULL, *a;
	ts_viewer as = *ts_store_viewer(st), self = as;
	char today[32];
	size_t i;
	int rc = 0;

	if (ts_records_where(st, &ts_entity_assignment, "\"mediator\" = ? AND \"until\" IS NULL", &q, 1, 0, &places, err))
		return -1;
	med_today(today);
	as.roles |= TS_ROLE_SECRETARIAT;
	ts_store_set_viewer(st, &as);
	json_array_foreach(places, i, a) {
		const char *since = med_str(a, "since");
		json_t *patch = json_pack("{ss}", "until", since && ts_pdate_cmp(since, today) > 0 ? since : today);
		rc = ts_record_update(st, &ts_entity_assignment, med_str(a, "id"), patch, NULL, err);
		json_decref(patch);
		if (rc)
			break;
	}
	ts_store_set_viewer(st, &self);
	json_decref(places);
	return rc;
}

int ts_mediator_decide(ts_store *st, const char *id, const char *decision, const char *reason, json_t **out,
		       ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	json_t *m = NULL, *patch;
	const char *status;
	char at[32];
	int withdraw = decision && !strcmp(decision, "withdrawn");

	*out = NULL;
	if (!decision || (strcmp(decision, "approved") && strcmp(decision, "declined") && !withdraw))
		return ts_fail(err, TS_INVALID_VALUE, "decision", "a decision on a nomination is approved, declined or withdrawn");
	if (!id || !*id)
		return ts_fail(err, TS_NOT_FOUND, "id", "give the id of a member of the network (tansiq mediator list)");
	if (ts_record_get(st, &ts_entity_mediator, id, &m, err))
		return -1;
	/* the nominating state's delegate may withdraw its own nomination; the rest is the secretariat's */
	if (!(withdraw && v && (v->roles & TS_ROLE_DELEGATE) && med_str(m, "nominating_state") &&
	      !strcmp(v->state, med_str(m, "nominating_state"))) &&
	    ts_access_need_role(st, TS_ROLE_SECRETARIAT, "the secretariat", withdraw ? "withdraw a member of the network"
				   : "decide on a nomination", err))
		goto fail;
	status = med_str(m, "status");
	if (!withdraw && strcmp(status, "nominated")) {
		wrong_status(m, decision, "the nomination was decided already; a member approved is withdrawn, and a state "
			     "nominates anew after a decline", err);
		goto fail;
	}
	if (withdraw && (!strcmp(status, "withdrawn") || !strcmp(status, "declined"))) {
		wrong_status(m, "withdrawn", "it is out of the network already", err);
		goto fail;
	}
	if (strcmp(decision, "approved") && (!reason || ts_utf8_len(reason) < REASON_MIN)) {
		ts_fail(err, reason ? TS_INVALID_VALUE : TS_REQUIRED, "reason", "a nomination %s gives its reasons, %d characters "
			"at least", decision, REASON_MIN);
		goto fail;
	}
	/* a member withdrawn leaves their teams today (and their account the teams' journals) */
	if (withdraw && end_places(st, id, err))
		goto fail;
	med_stamp(at);
	patch = json_pack("{ss ss ss}", "status", decision, "decided_at", at, "decided_by", med_actor(st));
	json_object_set_new(patch, "decision_reason", reason && *reason ? json_string(reason) : json_null());
	json_decref(m);
	return med_update(st, &ts_entity_mediator, id, patch, out, err);
fail:
	json_decref(m);
	return -1;
}

int ts_mediator_sign(ts_store *st, const char *id, const char *code, json_t **out, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	json_t *m = NULL, *cur = NULL, *patch;
	char at[32];
	int rc = -1;

	*out = NULL;
	if (!v || !v->roles)
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "sign in to sign the code of conduct");
	if (!id || !*id)
		return ts_fail(err, TS_NOT_FOUND, "id", "give the id of a member of the network (tansiq mediator list)");
	if (ts_record_get(st, &ts_entity_mediator, id, &m, err))
		return -1;
	if (!(v->roles & (TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN)) &&
	    (!med_str(m, "account") || strcmp(med_str(m, "account"), v->username))) {
		ts_fail(err, TS_FORBIDDEN, NULL, "a member signs the code of conduct for themselves, with their own account (or "
			"the secretariat records a signature given on paper)");
		goto done;
	}
	if (strcmp(med_str(m, "status"), "approved") && strcmp(med_str(m, "status"), "nominated")) {
		wrong_status(m, "signing the code", "only nominated and approved members sign it", err);
		goto done;
	}
	if (ts_code_current(st, &cur, err))
		goto done;
	if (!cur) {
		ts_fail(err, TS_WRONG_STAGE, "code", "no code of conduct is adopted yet (resolution 53/45-POL asked for one; it "
			"is pending): there is nothing to sign until the secretariat records an adopted version");
		goto done;
	}
	if (code && *code && strcmp(code, med_str(cur, "id"))) {
		ts_fail(err, TS_INVALID_VALUE, "code", "'%.60s' is not the code of conduct in force; sign '%s' (version %d)", code,
			med_str(cur, "id"), (int)json_integer_value(json_object_get(cur, "version")));
		goto done;
	}
	if (med_str(m, "code_signed") && !strcmp(med_str(m, "code_signed"), med_str(cur, "id"))) {
		ts_fail(err, TS_WRONG_STAGE, "code", "%s signed version %d already", id,
			(int)json_integer_value(json_object_get(cur, "version")));
		goto done;
	}
	med_stamp(at);
	patch = json_pack("{ss ss}", "code_signed", med_str(cur, "id"), "code_signed_at", at);
	rc = med_update(st, &ts_entity_mediator, id, patch, out, err);
done:
	json_decref(cur);
	json_decref(m);
	return rc;
}
