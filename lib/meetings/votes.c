/* Votes, quorum and the organs' cycles (votes.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tansiq/access.h"
#include "tansiq/clock.h"
#include "tansiq/meetings.h"
#include "tansiq/records.h"
#include "tansiq/votes.h"

/* ---- the arithmetic ---- */

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long num(const json_t *o, const char *k) { return (long)json_integer_value(json_object_get(o, k)); }
static int is(const json_t *o, const char *k, const char *v)
{
	const char *s = str(o, k);
	return s && !strcmp(s, v);
}

int ts_decision_rule_read(const json_t *rec, ts_decision_rule *r, ts_error *err)
{
	memset(r, 0, sizeof(*r));
	r->quorum_num = num(rec, "quorum_num");
	r->quorum_den = num(rec, "quorum_den");
	r->majority_num = num(rec, "majority_num");
	r->majority_den = num(rec, "majority_den");
	r->quorum_of_voting = is(rec, "quorum_base", "voting_members");
	r->consensus = json_is_true(json_object_get(rec, "consensus"));
	r->more_than = is(rec, "majority_compare", "more_than");
	r->base = is(rec, "majority_base", "present") ? TS_BASE_PRESENT
		: is(rec, "majority_base", "voting_members") ? TS_BASE_VOTING_MEMBERS : TS_BASE_PRESENT_AND_VOTING;
	r->abstentions_count = json_is_true(json_object_get(rec, "abstentions_count"));
	r->suspended_vote = is(rec, "voters", "all_members");
	if (r->quorum_den < 1 || r->majority_den < 1 || r->quorum_num < 0 || r->majority_num < 1 ||
	    r->quorum_num > r->quorum_den || r->majority_num > r->majority_den)
		return ts_fail(err, TS_INVALID_VALUE, "rule",
			       "decision rule '%.60s' has an impossible fraction (quorum %ld/%ld, majority %ld/%ld); "
			       "fractions are at most 1 with a denominator of at least 1", str(rec, "id") ? str(rec, "id") : "",
			       r->quorum_num, r->quorum_den, r->majority_num, r->majority_den);
	return 0;
}

/* The members, and the members present, that the quorum counts. */
static long quorum_members(const ts_decision_rule *r, const ts_tally *t)
{
	return r->quorum_of_voting ? t->voters : t->members;
}

static long quorum_present(const ts_decision_rule *r, const ts_tally *t)
{
	return r->quorum_of_voting ? t->present_voters : t->present;
}

long ts_quorum_required(const ts_decision_rule *r, long members)
{
	if (r->quorum_num <= 0 || r->quorum_den <= 0 || members <= 0)
		return 0;
	return (long)(((long long)members * r->quorum_num + r->quorum_den - 1) / r->quorum_den);
}

void ts_decide(const ts_decision_rule *r, const ts_tally *t, ts_decision *d)
{
	long long part;

	memset(d, 0, sizeof(*d));
	d->quorum = ts_quorum_required(r, quorum_members(r, t));
	d->quorum_met = quorum_present(r, t) >= d->quorum;
	d->not_voting = t->present_voters - t->yes - t->no - t->abstain;
	if (d->not_voting < 0)
		d->not_voting = 0;
	switch (r->base) {
	case TS_BASE_PRESENT: d->base = t->present_voters; break;
	case TS_BASE_VOTING_MEMBERS: d->base = t->voters; break;
	default: d->base = t->yes + t->no + (r->abstentions_count ? t->abstain : 0); break;
	}
	part = (long long)d->base * r->majority_num;
	if (r->majority_den <= 0)
		d->required = 1;
	else if (r->more_than)
		d->required = (long)(part / r->majority_den + 1);
	else
		d->required = (long)((part + r->majority_den - 1) / r->majority_den);
	if (d->required < 1)
		d->required = 1; /* nothing is adopted with no vote for it */
	if (!d->quorum_met) {
		d->decided_by = "no_quorum";
		return;
	}
	d->adopted = t->yes >= d->required;
	d->decided_by = d->adopted ? "majority" : "short_of_majority";
}

/* ---- reading what a decision needs ---- */

static const ts_entity *entity(ts_store *st, const char *name) { return ts_schema_entity(ts_store_schema(st), name); }

/* Reads a record the viewer may see; a missing one is reported on `field` as an unknown
 * reference (an input naming it), or as not found when field is NULL (the address naming it). */
static int get(ts_store *st, const ts_entity *e, const char *id, const char *field, json_t **out, ts_error *err)
{
	ts_error e2 = TS_ERROR_INIT;

	if (!id || !*id) {
		*out = NULL;
		return ts_failm(err, TS_REQUIRED, field ? field : "id", TS_M_REQUIRED, NULL, NULL, NULL, NULL);
	}
	if (ts_record_get(st, e, id, out, &e2) == 0)
		return 0;
	if (e2.code != TS_NOT_FOUND || !field) {
		*err = e2;
		return -1;
	}
	return ts_failm(err, TS_UNKNOWN_REFERENCE, field, TS_M_UNKNOWN_REFERENCE, e->name, id, e->collection, NULL);
}

/* The rule that governs a meeting: `rule` when given, else its organ's. *out NULL when none. */
static int rule_for(ts_store *st, const json_t *meeting, const char *rule, json_t **out, ts_error *err)
{
	json_t *organ = NULL;
	int rc = 0;

	*out = NULL;
	if (!rule && str(meeting, "organ")) {
		if (get(st, entity(st, "organ"), str(meeting, "organ"), "organ", &organ, err))
			return -1;
		rule = str(organ, "decision_rule");
	}
	if (rule)
		rc = get(st, &ts_entity_decision_rule, rule, "rule", out, err);
	json_decref(organ);
	return rc;
}

static json_t *where(ts_store *st, const ts_entity *e, const char *cond, const char *a, const char *b, ts_error *err)
{
	ts_value p[2] = {{TS_V_TEXT, 0, a}, {TS_V_TEXT, 0, b}};
	json_t *out = NULL;

	if (ts_records_where(st, e, cond, p, b ? 2 : (a ? 1 : 0), 0, &out, err))
		return NULL;
	return out;
}

/* Everything about who is there: the tally's member counts, and the lists for the quorum view.
 * Every record counts, whoever asks: a hidden attendance still makes the quorum. */
struct roll {
	ts_tally t;
	json_t *states;       /* every state, by id */
	json_t *statuses;     /* state id -> status */
	json_t *voters;       /* state ids present and entitled to vote, sorted */
	json_t *shown;        /* those of them whose attendance the viewer reads */
	json_t *present;      /* [{state, status}] of member states present */
	json_t *observers;    /* state ids of observers present */
	json_t *organisations;
};

static void roll_free(struct roll *r)
{
	json_decref(r->states);
	json_decref(r->statuses);
	json_decref(r->voters);
	json_decref(r->shown);
	json_decref(r->present);
	json_decref(r->observers);
	json_decref(r->organisations);
	memset(r, 0, sizeof(*r));
}

static int entitled(const ts_decision_rule *rule, const char *status)
{
	return status && (!strcmp(status, "member") || (rule->suspended_vote && !strcmp(status, "suspended")));
}

/* Counts who is there for a meeting under a rule; with `named`, also lists the states and
 * organisations present whose attendance the viewer reads (for the quorum and roll-call views;
 * a ballot or a close needs only the counts). */
static int roll_call(ts_store *st, const char *meeting, const ts_decision_rule *rule, int named, struct roll *r,
		     ts_error *err)
{
	json_t *att, *seen = NULL, *v;
	ts_value p = {TS_V_TEXT, 0, meeting};
	size_t i;

	memset(r, 0, sizeof(*r));
	if (!(r->states = where(st, entity(st, "state"), "1 = 1", NULL, NULL, err)))
		return -1;
	if (!(att = where(st, &ts_entity_attendance, "\"meeting\" = ?", meeting, NULL, err)) ||
	    (named && ts_records_where(st, &ts_entity_attendance, "\"meeting\" = ?", &p, 1, 1, &seen, err))) {
		json_decref(att);
		roll_free(r);
		return -1;
	}
	/* every attendance counts; only those the viewer reads are named */
	if (seen) {
		json_t *ids = json_object();
		json_array_foreach(seen, i, v)
			json_object_set_new(ids, json_string_value(json_object_get(v, "id")), json_true());
		json_decref(seen);
		seen = ids;
	}
	r->statuses = json_object();
	r->voters = json_array();
	r->shown = json_array();
	r->present = json_array();
	r->observers = json_array();
	r->organisations = json_array();
	json_array_foreach(r->states, i, v) {
		const char *s = str(v, "status");
		if (!s)
			continue;
		json_object_set_new(r->statuses, str(v, "id"), json_string(s));
		if (!strcmp(s, "member") || !strcmp(s, "suspended")) {
			r->t.members++;
			r->t.voters += entitled(rule, s);
		}
	}
	json_array_foreach(att, i, v) {
		const char *state = str(v, "state"), *s;
		int shown = seen && json_object_get(seen, str(v, "id")) != NULL;
		if (!state) {
			if (shown)
				json_array_append(r->organisations, json_object_get(v, "organisation"));
			continue;
		}
		s = json_string_value(json_object_get(r->statuses, state));
		if (s && (!strcmp(s, "member") || !strcmp(s, "suspended"))) {
			if (shown)
				json_array_append_new(r->present, json_pack("{s:s, s:s}", "state", state, "status", s));
			r->t.present++;
			if (entitled(rule, s)) {
				r->t.present_voters++;
				json_array_append_new(r->voters, json_string(state));
				if (shown)
					json_array_append_new(r->shown, json_string(state));
			}
		} else if (shown) {
			json_array_append_new(r->observers, json_string(state));
		}
	}
	json_decref(att);
	json_decref(seen);
	return 0;
}

/* ---- quorum ---- */

int ts_meeting_quorum(ts_store *st, const char *meeting, const char *rule_id, json_t **out, ts_error *err)
{
	json_t *m = NULL, *rule = NULL;
	ts_decision_rule r;
	ts_decision d;
	struct roll roll;

	*out = NULL;
	if (get(st, &ts_entity_meeting, meeting, NULL, &m, err) || rule_for(st, m, rule_id, &rule, err))
		goto fail;
	if (rule && ts_decision_rule_read(rule, &r, err))
		goto fail;
	if (!rule)
		memset(&r, 0, sizeof(r));
	if (roll_call(st, meeting, &r, 1, &roll, err))
		goto fail;
	ts_decide(&r, &roll.t, &d);
	*out = json_pack("{s:s, s:o, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "meeting", meeting,
			 "rule", rule ? json_incref(rule) : json_null(), "members", (json_int_t)quorum_members(&r, &roll.t),
			 "voters", (json_int_t)roll.t.voters, "quorum", (json_int_t)d.quorum, "present",
			 (json_int_t)quorum_present(&r, &roll.t), "present_voters", (json_int_t)roll.t.present_voters,
			 "met", rule ? json_boolean(d.quorum_met) : json_null(), "present_states", json_incref(roll.present),
			 "observers", json_incref(roll.observers), "organisations", json_incref(roll.organisations));
	roll_free(&roll);
	json_decref(m);
	json_decref(rule);
	return *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
fail:
	json_decref(m);
	json_decref(rule);
	return -1;
}

/* ---- votes ---- */

static int only(const json_t *in, const char *const *keys, ts_error *err)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)in, k, v) {
		int ok = 0;
		for (const char *const *p = keys; *p; p++)
			ok |= !strcmp(*p, k);
		if (!ok)
			return ts_fail(err, TS_UNKNOWN_FIELD, k, "unknown field '%.40s'; a vote is opened with meeting, "
				       "resolution, method (ballot or consensus) and, optionally, rule", k);
		if (!json_is_string(v))
			return ts_failm(err, TS_INVALID_VALUE, k, TS_M_TEXT_TYPE, NULL, NULL, NULL, NULL);
	}
	return 0;
}

/* Writes a resolution's new status after a vote. */
static int settle(ts_store *st, const json_t *vote, int adopted, ts_error *err)
{
	char today[32];
	json_t *patch;
	int rc;

	ts_utc(time(NULL), 1, today, sizeof(today));
	patch = json_pack("{s:s, s:s}", "status", adopted ? "adopted" : "not_adopted", "meeting", str(vote, "meeting"));
	if (adopted)
		json_object_set_new(patch, "adopted_on", json_string(today));
	rc = ts_record_update(st, &ts_entity_resolution, str(vote, "resolution"), patch, NULL, err);
	json_decref(patch);
	return rc;
}

int ts_vote_open(ts_store *st, const json_t *input, json_t **out, ts_error *err)
{
	static const char *const keys[] = {"meeting", "resolution", "method", "rule", NULL};
	const char *method;
	json_t *m = NULL, *res = NULL, *rule = NULL, *open = NULL, *vote = NULL;
	ts_decision_rule r;
	ts_decision d;
	struct roll roll = {0};
	char now[32];
	int consensus, rc = -1;

	*out = NULL;
	if (!json_is_object(input))
		return ts_fail(err, TS_INVALID_JSON, NULL, "a vote is opened with a JSON object");
	if (only(input, keys, err))
		return -1;
	method = str(input, "method") ? str(input, "method") : "ballot";
	consensus = !strcmp(method, "consensus");
	if (!consensus && strcmp(method, "ballot"))
		return ts_fail(err, TS_INVALID_VALUE, "method", "field 'method': '%.20s' is not ballot or consensus", method);
	if (get(st, &ts_entity_meeting, str(input, "meeting"), "meeting", &m, err) ||
	    ts_access_check_write(st, &ts_entity_vote, m, err) || /* the chair's, before anything is said of the stage */
	    get(st, &ts_entity_resolution, str(input, "resolution"), "resolution", &res, err))
		goto fail;
	if (!is(m, "status", "in_session")) {
		ts_fail(err, TS_WRONG_STAGE, "meeting", "meeting '%.60s' is %s, not in session; set its status to "
			"in_session to put drafts to the vote", str(m, "id"), str(m, "status"));
		goto fail;
	}
	if (ts_resolution_fits_meeting(st, res, m, err))
		goto fail;
	if (!is(res, "status", "draft")) {
		ts_fail(err, TS_WRONG_STAGE, "resolution", "resolution '%.60s' is %s; only a draft is put to the vote",
			str(res, "id"), str(res, "status"));
		goto fail;
	}
	if (!(open = where(st, &ts_entity_vote, "\"resolution\" = ? AND \"status\" = 'open'", str(res, "id"), NULL, err)))
		goto fail;
	if (json_array_size(open)) {
		ts_fail(err, TS_WRONG_STAGE, "resolution", "draft '%.60s' already has an open vote ('%.40s'); close it first",
			str(res, "id"), str(json_array_get(open, 0), "id"));
		goto fail;
	}
	if (rule_for(st, m, str(input, "rule"), &rule, err))
		goto fail;
	if (!rule) {
		ts_fail(err, TS_REQUIRED, "rule", "meeting '%.60s' has no organ with decision rules; name the rule to "
			"apply (field 'rule', one of the decision-rules)", str(m, "id"));
		goto fail;
	}
	if (ts_decision_rule_read(rule, &r, err) || roll_call(st, str(m, "id"), &r, 0, &roll, err))
		goto fail;
	ts_decide(&r, &roll.t, &d);
	if (!d.quorum_met) {
		ts_fail(err, TS_QUORUM_NOT_MET, "meeting", "quorum not met at meeting '%.60s': %ld member states are "
			"recorded as present, and rule '%.60s' needs %ld of %ld; record the attendance first",
			str(m, "id"), quorum_present(&r, &roll.t), str(rule, "id"), d.quorum,
			quorum_members(&r, &roll.t));
		goto fail;
	}
	if (consensus && !r.consensus) {
		ts_fail(err, TS_INVALID_VALUE, "method", "rule '%.60s' does not provide for decisions by consensus; "
			"open a ballot instead", str(rule, "id"));
		goto fail;
	}
	ts_utc(time(NULL), 0, now, sizeof(now));
	vote = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:O, s:O}", "meeting", str(m, "id"),
			 "resolution", str(res, "id"), "rule", str(rule, "id"), "method", method, "status", "open",
			 "opened_at", now, "members",
			 (json_int_t)(quorum_members(&r, &roll.t)), "quorum", (json_int_t)d.quorum,
			 "present", (json_int_t)quorum_present(&r, &roll.t), "level", json_object_get(m, "level"), "team",
			 json_object_get(m, "team"));
	if (ts_record_create(st, &ts_entity_vote, vote, out, err))
		goto fail;
	if (consensus) {
		json_t *patch = json_pack("{s:s, s:s, s:s, s:s}", "status", "closed", "closed_at", now, "outcome", "adopted",
					  "decided_by", "consensus");
		json_t *closed = NULL;
		int urc = ts_record_update(st, &ts_entity_vote, str(*out, "id"), patch, &closed, err);
		json_decref(patch);
		json_decref(*out);
		*out = closed;
		if (urc || settle(st, closed, 1, err))
			goto fail;
	}
	rc = 0;
fail:
	roll_free(&roll);
	json_decref(m);
	json_decref(res);
	json_decref(rule);
	json_decref(open);
	json_decref(vote);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* An open vote with its rule, read for a ballot or (chair set: by one who may close it) for
 * closing. */
static int open_vote(ts_store *st, const char *id, int chair, json_t **vote, ts_decision_rule *r, json_t **rule,
		     ts_error *err)
{
	*rule = NULL;
	if (get(st, &ts_entity_vote, id, NULL, vote, err))
		return -1;
	if (chair && ts_access_check_write(st, &ts_entity_vote, *vote, err))
		goto fail;
	if (!is(*vote, "status", "open")) {
		ts_fail(err, TS_VOTE_CLOSED, NULL, "the vote '%.40s' on '%.60s' was closed at %s; its result is recorded",
			id, str(*vote, "resolution"), str(*vote, "closed_at") ? str(*vote, "closed_at") : "?");
		goto fail;
	}
	if (get(st, &ts_entity_decision_rule, str(*vote, "rule"), "rule", rule, err) ||
	    ts_decision_rule_read(*rule, r, err))
		goto fail;
	return 0;
fail:
	json_decref(*vote);
	json_decref(*rule);
	*vote = *rule = NULL;
	return -1;
}

static int contains(const json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (!strcmp(json_string_value(v), s))
			return 1;
	return 0;
}

int ts_vote_cast(ts_store *st, const char *id, const char *state, const char *choice, json_t **out, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	json_t *vote = NULL, *rule = NULL, *mine = NULL;
	ts_decision_rule r;
	struct roll roll = {0};
	const char *status;
	char now[32];
	int rc = -1;

	*out = NULL;
	if (open_vote(st, id, 0, &vote, &r, &rule, err))
		return -1;
	if (!choice || (strcmp(choice, "yes") && strcmp(choice, "no") && strcmp(choice, "abstain"))) {
		ts_fail(err, TS_INVALID_VALUE, "choice", "field 'choice': '%.20s' is not yes, no or abstain",
			choice ? choice : "(none)");
		goto done;
	}
	if (!(v->roles & TS_ROLE_DELEGATE)) {
		ts_fail(err, TS_FORBIDDEN, "state", "only a delegate casts a state's ballot; account '%s' is not a delegate",
			v->username);
		goto done;
	}
	if (strcmp(v->state, state)) {
		ts_fail(err, TS_FORBIDDEN, "state", "a delegate of %s votes only for %s, not for %.10s",
			v->state[0] ? v->state : "(no state)", v->state[0] ? v->state : "their own state", state);
		goto done;
	}
	if (roll_call(st, str(vote, "meeting"), &r, 0, &roll, err))
		goto done;
	status = json_string_value(json_object_get(roll.statuses, state));
	if (!entitled(&r, status)) {
		ts_fail(err, TS_NOT_ENTITLED, "state", "%.10s is %s; under rule '%.60s' only members in good standing vote",
			state, status ? (!strcmp(status, "suspended") ? "a suspended member" : !strcmp(status, "observer")
					 ? "an observer" : status) : "not a state of the registry", str(rule, "id"));
		goto done;
	}
	if (!contains(roll.voters, state)) {
		ts_fail(err, TS_NOT_ENTITLED, "state", "%.10s is not recorded as present at meeting '%.60s'; the "
			"secretariat records attendance before the vote opens", state, str(vote, "meeting"));
		goto done;
	}
	if (!(mine = where(st, &ts_entity_ballot, "\"vote\" = ? AND \"state\" = ?", id, state, err)))
		goto done;
	ts_utc(time(NULL), 0, now, sizeof(now));
	if (json_array_size(mine)) {
		json_t *patch = json_pack("{s:s, s:s}", "choice", choice, "cast_at", now);
		rc = ts_record_update(st, &ts_entity_ballot, str(json_array_get(mine, 0), "id"), patch, out, err);
		json_decref(patch);
	} else {
		json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:O, s:O}", "vote", id, "state", state, "choice", choice,
				      "cast_at", now, "level", json_object_get(vote, "level"),
				      "team", json_object_get(vote, "team"));
		rc = ts_record_create(st, &ts_entity_ballot, b, out, err);
		json_decref(b);
	}
done:
	roll_free(&roll);
	json_decref(vote);
	json_decref(rule);
	json_decref(mine);
	return rc;
}

/* Counts the ballots of a vote into t; by_state (may be NULL) gets state -> ballot. */
static int count_ballots(ts_store *st, const char *id, ts_tally *t, json_t *by_state, ts_error *err)
{
	json_t *ballots = where(st, &ts_entity_ballot, "\"vote\" = ?", id, NULL, err), *b;
	size_t i;

	if (!ballots)
		return -1;
	json_array_foreach(ballots, i, b) {
		t->yes += is(b, "choice", "yes");
		t->no += is(b, "choice", "no");
		t->abstain += is(b, "choice", "abstain");
		if (by_state)
			json_object_set(by_state, str(b, "state"), b);
	}
	json_decref(ballots);
	return 0;
}

int ts_vote_close(ts_store *st, const char *id, json_t **out, ts_error *err)
{
	json_t *vote = NULL, *rule = NULL, *by_state = json_object(), *patch = NULL, *s;
	ts_decision_rule r;
	ts_decision d;
	struct roll roll = {0};
	char now[32];
	size_t i;
	int rc = -1;

	*out = NULL;
	if (open_vote(st, id, 1, &vote, &r, &rule, err))
		goto done;
	if (roll_call(st, str(vote, "meeting"), &r, 0, &roll, err) || count_ballots(st, id, &roll.t, by_state, err))
		goto done;
	ts_utc(time(NULL), 0, now, sizeof(now));
	/* those present and entitled who did not vote are on the roll call as such */
	json_array_foreach(roll.voters, i, s) {
		json_t *b;
		if (json_object_get(by_state, json_string_value(s)))
			continue;
		b = json_pack("{s:s, s:O, s:s, s:s, s:O, s:O}", "vote", id, "state", s, "choice", "not_voting",
			      "cast_at", now, "level", json_object_get(vote, "level"),
			      "team", json_object_get(vote, "team"));
		rc = ts_record_create(st, &ts_entity_ballot, b, NULL, err);
		json_decref(b);
		if (rc)
			goto done;
		rc = -1;
	}
	ts_decide(&r, &roll.t, &d);
	patch = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "status", "closed",
			  "closed_at", now, "outcome",
			  d.adopted ? "adopted" : "not_adopted", "decided_by", d.decided_by, "members",
			  (json_int_t)(quorum_members(&r, &roll.t)), "quorum", (json_int_t)d.quorum,
			  "present", (json_int_t)quorum_present(&r, &roll.t), "yes", (json_int_t)roll.t.yes, "no",
			  (json_int_t)roll.t.no, "abstain", (json_int_t)roll.t.abstain, "not_voting", (json_int_t)d.not_voting,
			  "base", (json_int_t)d.base, "required", (json_int_t)d.required);
	if (ts_record_update(st, &ts_entity_vote, id, patch, out, err) || settle(st, vote, d.adopted, err))
		goto done;
	rc = 0;
done:
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	roll_free(&roll);
	json_decref(vote);
	json_decref(rule);
	json_decref(by_state);
	json_decref(patch);
	return rc;
}

int ts_vote_report(ts_store *st, const char *id, json_t **out, ts_error *err)
{
	json_t *vote = NULL, *rule = NULL, *by_state = json_object(), *calls = json_array(), *s;
	ts_decision_rule r;
	ts_decision d;
	struct roll roll = {0};
	size_t i;
	int rc = -1;

	*out = NULL;
	if (get(st, &ts_entity_vote, id, NULL, &vote, err) ||
	    get(st, &ts_entity_decision_rule, str(vote, "rule"), "rule", &rule, err) || ts_decision_rule_read(rule, &r, err))
		goto done;
	if (roll_call(st, str(vote, "meeting"), &r, 1, &roll, err) || count_ballots(st, id, &roll.t, by_state, err))
		goto done;
	ts_decide(&r, &roll.t, &d);
	/* the roll call: while open, every state present and entitled (with its ballot so far);
	 * once closed, the ballots as recorded */
	json_array_foreach(roll.states, i, s) {
		const char *sid = str(s, "id");
		json_t *b = json_object_get(by_state, sid);
		if (!b && (is(vote, "status", "closed") || !contains(roll.shown, sid)))
			continue;
		json_array_append_new(calls, json_pack("{s:s, s:O, s:O, s:O, s:O, s:O}", "state", sid, "name_ar",
						       json_object_get(s, "name_ar"), "name_en", json_object_get(s, "name_en"),
						       "name_fr", json_object_get(s, "name_fr"), "choice",
						       b ? json_object_get(b, "choice") : json_null(), "cast_at",
						       b ? json_object_get(b, "cast_at") : json_null()));
	}
	*out = json_pack("{s:O, s:O, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:b, s:s}, s:O}", "vote", vote,
			 "rule", rule, "tally", "members", (json_int_t)(quorum_members(&r, &roll.t)),
			 "quorum", (json_int_t)d.quorum, "present", (json_int_t)quorum_present(&r, &roll.t), "yes",
			 (json_int_t)roll.t.yes, "no", (json_int_t)roll.t.no, "abstain", (json_int_t)roll.t.abstain, "base",
			 (json_int_t)d.base, "required", (json_int_t)d.required, "quorum_met", d.quorum_met, "adopted",
			 d.adopted, "decided_by", d.decided_by, "roll_call", calls);
	if (is(vote, "status", "closed")) {
		/* the record, not a recount: the result as it was decided */
		json_t *t = json_object_get(*out, "tally");
		static const char *const keys[] = {"members", "quorum", "present", "yes", "no", "abstain", "base", "required"};
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			json_object_set(t, keys[k], json_object_get(vote, keys[k]));
		json_object_set(t, "decided_by", json_object_get(vote, "decided_by"));
		json_object_set_new(t, "adopted", json_boolean(is(vote, "outcome", "adopted")));
		json_object_set_new(t, "quorum_met", json_boolean(!is(vote, "decided_by", "no_quorum")));
		json_object_set(t, "not_voting", json_object_get(vote, "not_voting"));
	} else {
		json_object_set_new(json_object_get(*out, "tally"), "not_voting", json_integer(d.not_voting));
	}
	rc = *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
done:
	roll_free(&roll);
	json_decref(vote);
	json_decref(rule);
	json_decref(by_state);
	json_decref(calls);
	return rc;
}

/* ---- cycles ---- */

/* A partial date moved by n months, at the same precision; a day past the month's end becomes
 * its last day. */
static void add_months(const char *pdate, long n, char out[16])
{
	int y = atoi(pdate), m = strlen(pdate) >= 7 ? atoi(pdate + 5) : 1, d = strlen(pdate) >= 10 ? atoi(pdate + 8) : 1;
	long total = (long)y * 12 + (m - 1) + n;

	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	if (d > ts_month_days(y, m))
		d = ts_month_days(y, m);
	if (strlen(pdate) >= 10)
		snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
	else if (strlen(pdate) >= 7)
		snprintf(out, 16, "%04d-%02d", y, m);
	else
		snprintf(out, 16, "%04d", y);
}

/* A session as the cycles name it, or null. */
static json_t *brief(const json_t *m)
{
	if (!m)
		return json_null();
	return json_pack("{s:O, s:O, s:O, s:O}", "id", json_object_get(m, "id"), "start", json_object_get(m, "start"),
			 "session_number", json_object_get(m, "session_number"), "status", json_object_get(m, "status"));
}

int ts_organ_cycles(ts_store *st, const char *on, json_t **out, ts_error *err)
{
	json_t *organs = NULL, *list, *o;
	char today[TS_UTC_SIZE];
	size_t i;

	*out = NULL;
	if (on && (strlen(on) != 10 || !ts_pdate_valid(on)))
		return ts_fail(err, TS_INVALID_PARAMETER, "on", "parameter 'on': '%.20s' is not a date YYYY-MM-DD", on);
	if (on)
		snprintf(today, sizeof(today), "%s", on);
	else
		ts_utc(time(NULL), 1, today, sizeof(today));
	list = json_array();
	if (ts_records_where(st, entity(st, "organ"), "\"cycle\" = 'periodic' AND \"cycle_months\" IS NOT NULL", NULL, 0,
			     1, &organs, err))
		goto fail;
	json_array_foreach(organs, i, o) {
		ts_value p = {TS_V_TEXT, 0, str(o, "id")};
		json_t *ms = NULL, *m, *last = NULL, *next = NULL, *item;
		char due[16] = "";
		size_t j;
		int overdue;
		if (ts_records_where(st, &ts_entity_meeting, "\"organ\" = ? AND \"kind\" = 'ordinary'", &p, 1, 1, &ms, err))
			goto fail;
		json_array_foreach(ms, j, m) {
			const char *start = str(m, "start");
			if ((is(m, "status", "held") || is(m, "status", "in_session")) &&
			    (!last || strcmp(start, str(last, "start")) > 0))
				last = m;
			/* a planned session whose day has passed without it being held is not the next */
			if (is(m, "status", "planned") && ts_pdate_cmp(start, today) >= 0 &&
			    (!next || strcmp(start, str(next, "start")) < 0))
				next = m;
		}
		if (last)
			add_months(str(last, "start"), num(o, "cycle_months"), due);
		overdue = last && !next && ts_pdate_cmp(due, today) < 0;
		item = json_pack("{s:O, s:O, s:O, s:O, s:O, s:o, s:o, s:o, s:b}", "organ", json_object_get(o, "id"), "name_ar",
				 json_object_get(o, "name_ar"), "name_en", json_object_get(o, "name_en"), "name_fr",
				 json_object_get(o, "name_fr"), "cycle_months", json_object_get(o, "cycle_months"),
				 "last", brief(last), "next", brief(next), "due", due[0] ? json_string(due) : json_null(),
				 "overdue", overdue);
		json_array_append_new(list, item);
		json_decref(ms);
	}
	json_decref(organs);
	*out = json_pack("{s:s, s:o}", "today", today, "organs", list);
	return 0;
fail:
	json_decref(organs);
	json_decref(list);
	return -1;
}
