/* A mediation process's stages and its dossier (mediation.h). */
#include <stdio.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h"
#include "tansiq/records.h"
#include "tansiq/utf8.h"
#include "mediation_int.h"

enum { REASON_MIN = 10 };

/* The viewer is the secretariat (or an administrator), or the process's lead (by their account). */
static int may_move(ts_store *st, const json_t *p, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	json_t *lead = NULL;
	int ok;

	if (!v || !v->roles)
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "sign in to move a mediation process on");
	if (v->roles & (TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN))
		return 0;
	ok = med_str(p, "lead") && med_get_any(st, &ts_entity_mediator, med_str(p, "lead"), &lead, err) == 0 &&
	     med_str(lead, "account") && !strcmp(med_str(lead, "account"), v->username);
	json_decref(lead);
	return ok ? 0 : ts_fail(err, TS_FORBIDDEN, NULL, "only the secretariat or the process's lead mediator moves it on");
}

int ts_process_stage(ts_store *st, const char *process, const char *stage, const char *date, const char *reason,
		     json_t **out, ts_error *err)
{
	json_t *p = NULL, *rec = NULL, *patch;
	const char *from, *since;
	char today[32];
	int to, was, rc = -1;

	*out = NULL;
	if (!process || !*process)
		return ts_fail(err, TS_NOT_FOUND, "id", "give the id of a mediation process (tansiq process list)");
	if (ts_record_get(st, &ts_entity_process, process, &p, err))
		return -1;
	if (may_move(st, p, err))
		goto done;
	to = ts_enum_index(ts_process_stages, stage);
	if (to < 0) {
		ts_fail(err, stage ? TS_INVALID_VALUE : TS_REQUIRED, "stage", "%s%.40s%sthe stages are exploration, "
			"pre_negotiation, ceasefire, framework, comprehensive, implementation and closed", stage ? "'" : "",
			stage ? stage : "", stage ? "' is not a stage; " : "give the stage: ");
		goto done;
	}
	from = med_str(p, "stage");
	was = ts_enum_index(ts_process_stages, from);
	if (to == was) {
		ts_fail(err, TS_WRONG_STAGE, "stage", "process %s is at stage %s already", process, from);
		goto done;
	}
	/* going back (a ceasefire broken, a process reopened) is explained */
	if (to < was && (!reason || ts_utf8_len(reason) < REASON_MIN)) {
		ts_fail(err, reason ? TS_INVALID_VALUE : TS_REQUIRED, "reason", "going back from %s to %s needs the reason, %d "
			"characters at least (a ceasefire broken, talks suspended...)", from, stage, REASON_MIN);
		goto done;
	}
	med_today(today);
	if (!date || !*date)
		date = today;
	if (!ts_pdate_valid(date) || strlen(date) != 10) {
		ts_fail(err, TS_INVALID_VALUE, "on", "'%.20s' is not a day; write the date of the transition as YYYY-MM-DD", date);
		goto done;
	}
	if (ts_pdate_cmp(date, today) > 0) {
		ts_fail(err, TS_INVALID_VALUE, "on", "%s is in the future: a transition is recorded when it has happened", date);
		goto done;
	}
	since = med_str(p, "stage_on");
	if (since && ts_pdate_cmp(date, since) < 0) {
		ts_fail(err, TS_INVALID_VALUE, "on", "the process reached %s on %s: the next stage is not dated before that", from,
			since);
		goto done;
	}
	{
		char at[32];
		json_t *in;
		/* the lead moves their process on: the writes go as the secretariat's, in their name */
		ts_viewer as = *ts_store_viewer(st), self = as;
		as.roles |= TS_ROLE_SECRETARIAT;
		ts_store_set_viewer(st, &as);
		med_stamp(at);
		in = json_pack("{ss ss ss ss ss ss}", "process", process, "stage", stage, "from_stage", from, "on", date,
			       "recorded_at", at, "recorded_by", med_actor(st));
		if (reason && *reason)
			json_object_set_new(in, "reason", json_string(reason));
		rc = med_create(st, &ts_entity_stage, in, &rec, err);
		json_decref(in);
		if (!rc) {
			patch = json_pack("{ss ss}", "stage", stage, "stage_on", date);
			rc = med_update(st, &ts_entity_process, process, patch, out, err);
		}
		ts_store_set_viewer(st, &self);
	}
done:
	json_decref(rec);
	json_decref(p);
	return rc;
}

/* Records of e under a process (field = id), as the viewer reads them, sorted by sort. */
static json_t *under(ts_store *st, const ts_entity *e, const char *field, const char *id, const char *sort, ts_error *err)
{
	ts_query q;
	json_t *page = NULL, *items;

	ts_query_init(&q, e);
	if (ts_query_param(&q, field, id, err) || ts_query_param(&q, "sort", sort, err) ||
	    ts_query_param(&q, "limit", "1000", err) || ts_records_list(st, &q, &page, err)) {
		ts_query_free(&q);
		return NULL;
	}
	ts_query_free(&q);
	items = json_incref(json_object_get(page, "items"));
	json_decref(page);
	return items;
}

int ts_process_dossier(ts_store *st, const char *process, json_t **out, ts_error *err)
{
	json_t *p = NULL, *d, *stages, *team, *agreements, *journal = NULL, *a, *m;
	size_t i;
	int in;

	*out = NULL;
	if (ts_record_get(st, &ts_entity_process, process, &p, err))
		return -1;
	if (!(stages = under(st, &ts_entity_stage, "process", process, "on", err)) ||
	    !(team = under(st, &ts_entity_assignment, "process", process, "since", err)))
		goto fail_stages;
	if (!(agreements = under(st, &ts_entity_agreement, "process", process, "signed_on", err)))
		goto fail_team;
	json_array_foreach(team, i, a) {
		m = NULL;
		if (ts_record_get(st, &ts_entity_mediator, med_str(a, "mediator"), &m, err) == 0) {
			json_object_set(a, "mediator_record", m);
			json_decref(m);
		}
	}
	json_array_foreach(agreements, i, a) {
		json_t *prov = under(st, &ts_entity_provision, "agreement", med_str(a, "id"), "number", err);
		if (!prov)
			goto fail_all;
		json_object_set_new(a, "provisions", prov);
	}
	/* the journal is the team's: others get null, not an empty list that would say it exists */
	in = ts_viewer_in_team(st, med_str(p, "team"), err);
	if (in < 0)
		goto fail_all;
	if (in || (ts_store_viewer(st)->roles & TS_ROLE_ADMIN))
		if (!(journal = under(st, &ts_entity_journal, "process", process, "-at", err)))
			goto fail_all;
	d = json_pack("{so so so so so}", "process", p, "stages", stages, "team", team, "agreements", agreements, "journal",
		      journal ? journal : json_null());
	*out = d;
	return 0;
fail_all:
	json_decref(agreements);
fail_team:
	json_decref(team);
fail_stages:
	json_decref(stages);
	json_decref(p);
	return -1;
}
