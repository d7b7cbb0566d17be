/* The mediation module's records and actions (mediation.h), on the organisation's default data:
 * what the default data say of the mediation architecture (the code of conduct pending, the
 * field missions, the conferences); nominations by a state's delegate and their refusals; the
 * secretariat's decisions and who may take them; a member keeping their own profile and nothing
 * else; the code of conduct's versions, the signature, and a new version superseding the old;
 * a process opened from a resolution paragraph with a team of its own; its stages forward, back
 * with a reason only, never dated before the last; a member placed on the team as its lead; the
 * journal that only the team (and the leadership) reads; agreements and their provisions. */
#include "unit.h"

/* ---- helpers ---- */

/* Creating refused with this code, naming this field. */
static void make_refused(ts_store *st, const char *collection, const char *json, ts_code code, const char *field)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(json), *out = NULL;

	if (!ts_record_create(st, entity(collection), in, &out, &err))
		fail_msg("creating %s %s accepted; expected %s", collection, json, ts_code_name(code));
	if (err.code != code || (field && strcmp(err.field, field)))
		fail_msg("creating %s %s refused with %s naming '%s' (%s); expected %s naming '%s'", collection, json,
			 ts_code_name(err.code), err.field, err.detail, ts_code_name(code), field ? field : "");
	json_decref(in);
}

static const char *s(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static json_t *get(ts_store *st, const char *collection, const char *id)
{
	ts_error err = TS_ERROR_INIT;
	json_t *r = NULL;

	must(ts_record_get(st, entity(collection), id, &r, &err), &err);
	return r;
}

static void update(ts_store *st, const char *collection, const char *id, const char *json)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(json);

	must(ts_record_update(st, entity(collection), id, in, NULL, &err), &err);
	json_decref(in);
}

static long count(ts_store *st, const char *collection, const char *field, const char *value)
{
	ts_error err = TS_ERROR_INIT;
	long n = -1;

	must(ts_records_count(st, entity(collection), field, value, &n, &err), &err);
	return n;
}

static void account(ts_store *st, const char *name, unsigned roles, const char *state)
{
	ts_error err = TS_ERROR_INIT;

	must(ts_account_create(st, name, "a long enough password", roles, state, &err), &err);
}

/* The default data, the accounts of the story, and two nominations approved. */
static void world(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;

	as_admin(st);
	must(ts_registry_load_defaults(st, &err), &err);
	account(st, "sec", TS_ROLE_SECRETARIAT, NULL);
	account(st, "chief", TS_ROLE_ADMIN, NULL);
	account(st, "del-sau", TS_ROLE_DELEGATE, "SAU");
	account(st, "amina", TS_ROLE_MEDIATOR, NULL);
	account(st, "omar", TS_ROLE_MEDIATOR, NULL);
	ts_mediation_set_clock(1700000000); /* 2023-11-14T22:13:20Z */
}

/* ---- the default data ---- */

static void test_default_data(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *cur = (json_t *)1, *c;

	world(fx->st);
	c = get(fx->st, "codes-of-conduct", "code-of-conduct-1");
	assert_string_equal(s(c, "status"), "pending");
	assert_string_equal(s(c, "mandate"), "53-45-pol-op-code-of-conduct-m1");
	json_decref(c);
	must(ts_code_current(fx->st, &cur, &err), &err);
	assert_null(cur); /* pending since 2018: nothing is in force */
	assert_int_equal(count(fx->st, "field-missions", NULL, NULL), 8);
	assert_int_equal(count(fx->st, "meetings", "topic", "mediation"), 2);
	assert_int_equal(count(fx->st, "contact-group-members", "role", "co_chair"), 4);
	assert_int_equal(count(fx->st, "match-weights", NULL, NULL), 7);
	assert_int_equal(count(fx->st, "mediators", NULL, NULL), 0); /* no invented people */
	c = get(fx->st, "trainings", "mediation-simulation-2018");
	assert_string_equal(s(c, "meeting"), "mediation-conference-2");
	json_decref(c);
}

/* ---- nominations and decisions ---- */

#define NOMINEE "{\"id\":\"m1\",\"name_en\":\"Nominee One\",\"nationality\":\"SAU\",\"nominating_state\":\"SAU\"," \
		"\"languages\":\"ar:native en:fluent\",\"expertise\":\"process-design\",\"regions\":\"middle_east\"," \
		"\"account\":\"amina\"}"

static void test_nominations(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *m, *out = NULL;

	world(fx->st);
	/* a delegate nominates for their own state only; the status is the secretariat's to set */
	as(fx->st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	make_refused(fx->st, "mediators", "{\"name_en\":\"X\",\"nationality\":\"EGY\",\"nominating_state\":\"EGY\"}",
		     TS_FORBIDDEN, "nominating_state");
	make_refused(fx->st, "mediators", "{\"name_en\":\"X\",\"nationality\":\"SAU\"}", TS_REQUIRED, "nominating_state");
	make_refused(fx->st, "mediators", "{\"name_en\":\"X\",\"nationality\":\"SAU\",\"nominating_state\":\"SAU\","
		     "\"languages\":\"arabic\"}", TS_INVALID_VALUE, "languages");
	make_refused(fx->st, "mediators", "{\"name_en\":\"X\",\"nationality\":\"SAU\",\"nominating_state\":\"SAU\","
		     "\"expertise\":\"juggling\"}", TS_INVALID_VALUE, "expertise");
	make_refused(fx->st, "mediators", "{\"name_en\":\"X\",\"nationality\":\"SAU\",\"nominating_state\":\"SAU\","
		     "\"languages\":\"ar:native en ar:basic\"}", TS_INVALID_VALUE, "languages");
	m = made_record(fx->st, "mediators", "{\"id\":\"m1\",\"name_en\":\"Nominee One\",\"nationality\":\"SAU\","
		 "\"nominating_state\":\"SAU\",\"status\":\"approved\",\"languages\":\"ar:native en:fluent\",\"account\":\"amina\"}");
	assert_string_equal(s(m, "status"), "nominated");
	json_decref(m);
	assert_int_equal(count(fx->st, "mediators", NULL, NULL), 1);

	/* the delegate cannot approve; the secretariat can, once; a decline gives reasons */
	refused(ts_mediator_decide(fx->st, "m1", "approved", NULL, &out, &err), &err, TS_FORBIDDEN, NULL);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	make_refused(fx->st, "mediators", "{\"name_en\":\"X\",\"nationality\":\"SAU\",\"nominated_by\":\"secretary_general\","
		     "\"nominating_state\":\"SAU\"}", TS_INVALID_VALUE, "nominating_state");
	json_decref(made_record(fx->st, "mediators", "{\"id\":\"m2\",\"name_en\":\"Nominee Two\",\"nationality\":\"TUR\","
			 "\"nominated_by\":\"secretary_general\",\"account\":\"omar\"}"));
	refused(ts_mediator_decide(fx->st, "m2", "declined", "no", &out, &err), &err, TS_INVALID_VALUE, "reason");
	refused(ts_mediator_decide(fx->st, "m2", "promoted", NULL, &out, &err), &err, TS_INVALID_VALUE, "decision");
	must(ts_mediator_decide(fx->st, "m1", "approved", NULL, &out, &err), &err);
	assert_string_equal(s(out, "status"), "approved");
	assert_string_equal(s(out, "decided_by"), "sec");
	assert_string_equal(s(out, "decided_at"), "2023-11-14T22:13:20Z");
	json_decref(out);
	refused(ts_mediator_decide(fx->st, "m1", "approved", NULL, &out, &err), &err, TS_WRONG_STAGE, "status");
	/* a status written by hand is ignored: the decision is the action's */
	update(fx->st, "mediators", "m1", "{\"status\":\"declined\"}");
	m = get(fx->st, "mediators", "m1");
	assert_string_equal(s(m, "status"), "approved");
	json_decref(m);

	/* the member keeps their own profile, not the nomination, not another's */
	as(fx->st, TS_ROLE_MEDIATOR, "amina", NULL);
	update(fx->st, "mediators", "m1", "{\"languages\":\"ar:native en:fluent fr:working\",\"availability\":\"limited\"}");
	{
		json_t *in = load("{\"nationality\":\"EGY\"}");
		refused(ts_record_update(fx->st, entity("mediators"), "m1", in, NULL, &err), &err, TS_FORBIDDEN, "nationality");
		json_decref(in);
		in = load("{\"languages\":\"tr:native\"}");
		refused(ts_record_update(fx->st, entity("mediators"), "m2", in, NULL, &err), &err, TS_FORBIDDEN, "account");
		json_decref(in);
	}
	make_refused(fx->st, "mediators", "{\"name_en\":\"Me Again\",\"nationality\":\"SAU\",\"nominating_state\":\"SAU\"}",
		     TS_FORBIDDEN, NULL);
	/* declared interests: their own, not another's */
	json_decref(made_record(fx->st, "interests", "{\"mediator\":\"m1\",\"kind\":\"state\",\"country\":\"YEM\","
			 "\"description\":\"Adviser to a ministry, 2015\"}"));
	make_refused(fx->st, "interests", "{\"mediator\":\"m2\",\"kind\":\"state\",\"country\":\"YEM\","
		     "\"description\":\"not mine\"}", TS_FORBIDDEN, "account");
	make_refused(fx->st, "interests", "{\"mediator\":\"m1\",\"kind\":\"party\",\"description\":\"which party?\"}",
		     TS_REQUIRED, "party");
	m = get(fx->st, "mediators", "m1");
	assert_string_equal(s(m, "languages"), "ar:native en:fluent fr:working");
	assert_string_equal(s(m, "nationality"), "SAU");
	json_decref(m);

	/* the nominating state withdraws its own nominee */
	as(fx->st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	refused(ts_mediator_decide(fx->st, "m2", "withdrawn", "no longer available", &out, &err), &err, TS_FORBIDDEN, NULL);
	must(ts_mediator_decide(fx->st, "m1", "withdrawn", "appointed minister at home", &out, &err), &err);
	assert_string_equal(s(out, "status"), "withdrawn");
	json_decref(out);
	ts_mediation_set_clock(0);
}

/* ---- the code of conduct ---- */

static void test_code_of_conduct(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL, *cur = NULL;

	world(fx->st);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	json_decref(made_record(fx->st, "mediators", NOMINEE));
	must(ts_mediator_decide(fx->st, "m1", "approved", NULL, &out, &err), &err);
	json_decref(out);
	/* nothing to sign while the code is pending */
	as(fx->st, TS_ROLE_MEDIATOR, "amina", NULL);
	refused(ts_mediator_sign(fx->st, "m1", NULL, &out, &err), &err, TS_WRONG_STAGE, "code");
	/* adopted: a text and a date are required */
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	{
		json_t *in = load("{\"status\":\"adopted\"}");
		refused(ts_record_update(fx->st, entity("codes-of-conduct"), "code-of-conduct-1", in, NULL, &err), &err,
			TS_REQUIRED, NULL);
		json_decref(in);
	}
	update(fx->st, "codes-of-conduct", "code-of-conduct-1",
	       "{\"status\":\"adopted\",\"adopted_on\":\"2024-05-01\",\"text_en\":\"Impartiality, consent, confidentiality.\"}");
	/* another member cannot sign for amina; amina signs */
	as(fx->st, TS_ROLE_MEDIATOR, "omar", NULL);
	refused(ts_mediator_sign(fx->st, "m1", NULL, &out, &err), &err, TS_FORBIDDEN, NULL);
	as(fx->st, TS_ROLE_MEDIATOR, "amina", NULL);
	refused(ts_mediator_sign(fx->st, "m1", "code-of-conduct-9", &out, &err), &err, TS_INVALID_VALUE, "code");
	must(ts_mediator_sign(fx->st, "m1", NULL, &out, &err), &err);
	assert_string_equal(s(out, "code_signed"), "code-of-conduct-1");
	json_decref(out);
	refused(ts_mediator_sign(fx->st, "m1", NULL, &out, &err), &err, TS_WRONG_STAGE, "code");
	/* version 2 supersedes version 1: the member must sign again */
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	json_decref(made_record(fx->st, "codes-of-conduct", "{\"id\":\"code-of-conduct-2\",\"version\":2,\"title_en\":\"Code, v2\","
			 "\"status\":\"adopted\",\"adopted_on\":\"2025-01-10\",\"text_en\":\"Also: gender and inclusion.\"}"));
	must(ts_code_current(fx->st, &cur, &err), &err);
	assert_string_equal(s(cur, "id"), "code-of-conduct-2");
	json_decref(cur);
	cur = get(fx->st, "codes-of-conduct", "code-of-conduct-1");
	assert_string_equal(s(cur, "status"), "superseded");
	json_decref(cur);
	make_refused(fx->st, "codes-of-conduct", "{\"id\":\"coc-again\",\"version\":2,\"title_en\":\"Again\"}", TS_DUPLICATE,
		     "version");
	refused(ts_record_delete(fx->st, entity("codes-of-conduct"), "code-of-conduct-2", &err), &err, TS_INVALID_VALUE,
		"status");
	/* an older version is not adopted over a newer one */
	{
		json_t *in = load("{\"status\":\"adopted\"}");
		refused(ts_record_update(fx->st, entity("codes-of-conduct"), "code-of-conduct-1", in, NULL, &err), &err,
			TS_INVALID_VALUE, "status");
		json_decref(in);
	}
	as(fx->st, TS_ROLE_MEDIATOR, "amina", NULL);
	must(ts_mediator_sign(fx->st, "m1", NULL, &out, &err), &err);
	assert_string_equal(s(out, "code_signed"), "code-of-conduct-2");
	json_decref(out);
	ts_mediation_set_clock(0);
}

/* ---- processes ---- */

#define PROCESS "{\"id\":\"sudan-talks\",\"title_en\":\"Sudan talks\",\"country\":\"SDN\",\"paragraph\":\"53-45-pol-op-7\"," \
		"\"party_states\":\"SDN\",\"parties\":\"Sudanese Armed Forces; Rapid Support Forces\",\"languages\":\"ar en\"," \
		"\"stage\":\"closed\"}"

static void stage(ts_store *st, const char *to, const char *on, const char *reason)
{
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;

	must(ts_process_stage(st, "sudan-talks", to, on, reason, &out, &err), &err);
	assert_string_equal(s(out, "stage"), to);
	json_decref(out);
}

static void test_process(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *p, *out = NULL, *d;
	char entry[64];

	world(fx->st);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	/* opened from a paragraph, or by a decision of the Secretary-General that it names */
	make_refused(fx->st, "processes", "{\"title_en\":\"X\",\"country\":\"SDN\"}", TS_REQUIRED, "paragraph");
	make_refused(fx->st, "processes", "{\"title_en\":\"X\",\"country\":\"SDN\",\"authority\":\"secretary_general\"}",
		     TS_REQUIRED, "sg_decision");
	make_refused(fx->st, "processes", "{\"title_en\":\"X\",\"country\":\"SDN\",\"paragraph\":\"53-45-pol-op-7\","
		     "\"party_states\":\"SDN XXX\"}", TS_INVALID_VALUE, "party_states");
	make_refused(fx->st, "processes", "{\"title_en\":\"X\",\"country\":\"SDN\",\"paragraph\":\"53-45-pol-op-7\","
		     "\"partners\":\"un nato\"}", TS_INVALID_VALUE, "partners");
	assert_int_equal(count(fx->st, "processes", NULL, NULL), 0);
	assert_int_equal(count(fx->st, "teams", NULL, NULL), 0);
	p = made_record(fx->st, "processes", PROCESS);
	json_decref(p);
	p = get(fx->st, "processes", "sudan-talks");
	assert_string_equal(s(p, "stage"), "exploration"); /* derived: the input's stage is ignored */
	assert_string_equal(s(p, "opened_on"), "2023-11-14");
	assert_string_equal(s(p, "team"), "sudan-talks");
	json_decref(p);
	assert_int_equal(count(fx->st, "team-members", "team", "sudan-talks"), 1); /* sec, who opened it */
	make_refused(fx->st, "processes", "{\"title_en\":\"X\",\"country\":\"SDN\",\"paragraph\":\"53-45-pol-op-7\","
		     "\"level\":\"restricted\",\"team\":\"sudan-talks\"}", TS_INVALID_VALUE, "level");
	ts_mediation_set_clock(1735689600); /* 2025-01-01 */
	refused(ts_process_stage(fx->st, "sudan-talks", "ceasefire", "2025-06-01", NULL, &out, &err), &err, TS_INVALID_VALUE,
		"on"); /* not yet */

	/* stages: forward (a stage may be skipped), back only with a reason, never dated before */
	refused(ts_process_stage(fx->st, "sudan-talks", "exploration", NULL, NULL, &out, &err), &err, TS_WRONG_STAGE, "stage");
	refused(ts_process_stage(fx->st, "sudan-talks", "truce", NULL, NULL, &out, &err), &err, TS_INVALID_VALUE, "stage");
	stage(fx->st, "pre_negotiation", "2023-11-20", NULL);
	stage(fx->st, "framework", "2024-02-01", NULL);
	refused(ts_process_stage(fx->st, "sudan-talks", "ceasefire", "2024-03-01", NULL, &out, &err), &err, TS_REQUIRED,
		"reason");
	refused(ts_process_stage(fx->st, "sudan-talks", "ceasefire", "2024-03-01", "broken", &out, &err), &err,
		TS_INVALID_VALUE, "reason");
	refused(ts_process_stage(fx->st, "sudan-talks", "implementation", "2024-01-01", NULL, &out, &err), &err,
		TS_INVALID_VALUE, "on");
	stage(fx->st, "ceasefire", "2024-03-01", "the framework collapsed after renewed fighting in El Fasher");
	assert_int_equal(count(fx->st, "process-stages", "process", "sudan-talks"), 3);
	p = get(fx->st, "processes", "sudan-talks");
	assert_string_equal(s(p, "stage_on"), "2024-03-01");
	json_decref(p);
	/* an analyst does not move it on */
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	refused(ts_process_stage(fx->st, "sudan-talks", "framework", NULL, NULL, &out, &err), &err, TS_FORBIDDEN, NULL);

	/* the team: an approved member placed as lead; their account joins the team */
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	json_decref(made_record(fx->st, "mediators", NOMINEE));
	json_decref(made_record(fx->st, "mediators", "{\"id\":\"m2\",\"name_en\":\"Nominee Two\",\"nationality\":\"TUR\","
			 "\"nominated_by\":\"secretary_general\",\"account\":\"omar\"}"));
	must(ts_mediator_decide(fx->st, "m1", "approved", NULL, &out, &err), &err);
	json_decref(out);
	must(ts_mediator_decide(fx->st, "m2", "approved", NULL, &out, &err), &err);
	json_decref(out);
	json_decref(made_record(fx->st, "process-team", "{\"id\":\"a1\",\"process\":\"sudan-talks\",\"mediator\":\"m1\",\"role\":\"lead\","
			 "\"since\":\"2024-03-02\"}"));
	p = get(fx->st, "processes", "sudan-talks");
	assert_string_equal(s(p, "lead"), "m1");
	json_decref(p);
	assert_int_equal(count(fx->st, "team-members", "account", "amina"), 1);
	make_refused(fx->st, "process-team", "{\"process\":\"sudan-talks\",\"mediator\":\"m2\",\"role\":\"lead\"}",
		     TS_INVALID_VALUE, "role");
	/* already on the team: the matching's rule names it before the uniqueness of the place */
	make_refused(fx->st, "process-team", "{\"process\":\"sudan-talks\",\"mediator\":\"m1\",\"role\":\"member\"}",
		     TS_INVALID_VALUE, "mediator");

	/* the account acting for a placed member: the secretariat's to change, and the team follows */
	as(fx->st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	{
		json_t *in = load("{\"account\":\"del-sau\"}");
		refused(ts_record_update(fx->st, entity("mediators"), "m1", in, NULL, &err), &err, TS_FORBIDDEN, "account");
		json_decref(in);
	}
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	update(fx->st, "mediators", "m2", "{\"account\":null}");
	update(fx->st, "mediators", "m1", "{\"account\":\"omar\"}");
	assert_int_equal(count(fx->st, "team-members", "account", "amina"), 0);
	assert_int_equal(count(fx->st, "team-members", "account", "omar"), 1);
	update(fx->st, "mediators", "m1", "{\"account\":\"amina\"}");
	assert_int_equal(count(fx->st, "team-members", "account", "omar"), 0);
	update(fx->st, "mediators", "m2", "{\"account\":\"omar\"}");

	/* the lead moves the process on too */
	as(fx->st, TS_ROLE_MEDIATOR, "amina", NULL);
	stage(fx->st, "framework", "2024-04-01", NULL);

	/* the journal: written by the team, read by the team and the leadership, nobody else */
	d = made_record(fx->st, "journal-entries", "{\"process\":\"sudan-talks\",\"kind\":\"contact\",\"text\":\"Met the RSF "
		 "delegation in Jeddah.\",\"level\":\"public\"}");
	assert_string_equal(s(d, "level"), "restricted");
	assert_string_equal(s(d, "author"), "amina");
	assert_string_equal(s(d, "team"), "sudan-talks");
	snprintf(entry, sizeof(entry), "%s", s(d, "id"));
	json_decref(d);
	{
		json_t *in = load("{\"text\":\"rewritten\"}");
		refused(ts_record_update(fx->st, entity("journal-entries"), entry, in, NULL, &err), &err, TS_KEPT_AS_FILED, NULL);
		json_decref(in);
	}
	as(fx->st, TS_ROLE_MEDIATOR, "omar", NULL); /* approved, but not on this team */
	make_refused(fx->st, "journal-entries", "{\"process\":\"sudan-talks\",\"text\":\"I was not there.\"}", TS_FORBIDDEN,
		     "team");
	refused(ts_record_get(fx->st, entity("journal-entries"), entry, &d, &err), &err, TS_NOT_FOUND, NULL);
	assert_int_equal(count(fx->st, "journal-entries", NULL, NULL), 0);
	must(ts_process_dossier(fx->st, "sudan-talks", &d, &err), &err);
	assert_true(json_is_null(json_object_get(d, "journal")));
	assert_int_equal(json_array_size(json_object_get(d, "stages")), 4);
	json_decref(d);
	as(fx->st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	refused(ts_record_get(fx->st, entity("journal-entries"), entry, &d, &err), &err, TS_NOT_FOUND, NULL);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec2", NULL); /* the secretariat, not on the team */
	refused(ts_record_get(fx->st, entity("journal-entries"), entry, &d, &err), &err, TS_NOT_FOUND, NULL);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL); /* on the team: opened it */
	d = get(fx->st, "journal-entries", entry);
	json_decref(d);
	as(fx->st, TS_ROLE_ADMIN, "chief", NULL); /* the leadership */
	must(ts_process_dossier(fx->st, "sudan-talks", &d, &err), &err);
	assert_int_equal(json_array_size(json_object_get(d, "journal")), 1);
	json_decref(d);

	/* an agreement and its provisions, by the lead; they take the process's team */
	as(fx->st, TS_ROLE_MEDIATOR, "amina", NULL);
	d = made_record(fx->st, "agreements", "{\"id\":\"jeddah-1\",\"process\":\"sudan-talks\",\"title_en\":\"Jeddah declaration\","
		 "\"kind\":\"ceasefire\",\"signed_on\":\"2024-04-10\",\"parties\":\"SAF; RSF\"}");
	assert_string_equal(s(d, "team"), "sudan-talks");
	json_decref(d);
	json_decref(made_record(fx->st, "provisions", "{\"id\":\"p1\",\"agreement\":\"jeddah-1\",\"number\":\"1\",\"category\":\"ceasefire\","
			 "\"text_en\":\"A short-term ceasefire of seven days.\"}"));
	json_decref(made_record(fx->st, "provisions", "{\"id\":\"p2\",\"agreement\":\"jeddah-1\",\"number\":\"2\",\"category\":"
			 "\"humanitarian\",\"text_en\":\"Safe passage for humanitarian aid.\"}"));
	make_refused(fx->st, "provisions", "{\"agreement\":\"jeddah-1\",\"number\":\"2\",\"category\":\"justice\","
		     "\"text_en\":\"Same number again.\"}", TS_DUPLICATE, "number");
	make_refused(fx->st, "provisions", "{\"agreement\":\"jeddah-1\",\"category\":\"amnesty\",\"text_en\":\"t\"}",
		     TS_INVALID_VALUE, "category");
	update(fx->st, "provisions", "p2", "{\"status\":\"partial\",\"status_on\":\"2024-05-01\"}");
	as(fx->st, TS_ROLE_MEDIATOR, "omar", NULL); /* not on the team: writes nothing under it */
	make_refused(fx->st, "provisions", "{\"agreement\":\"jeddah-1\",\"number\":\"3\",\"category\":\"justice\","
		     "\"text_en\":\"t\"}", TS_FORBIDDEN, "team");
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	must(ts_process_dossier(fx->st, "sudan-talks", &d, &err), &err);
	{
		json_t *ag = json_array_get(json_object_get(d, "agreements"), 0);
		json_t *pr = json_object_get(ag, "provisions");
		assert_int_equal(json_array_size(pr), 2);
		assert_string_equal(s(json_array_get(pr, 1), "status"), "partial");
		assert_int_equal(json_array_size(json_object_get(d, "team")), 1);
	}
	json_decref(d);

	/* the lead leaves: their account leaves the team, and the process has no lead */
	update(fx->st, "process-team", "a1", "{\"until\":\"2024-06-30\"}");
	assert_int_equal(count(fx->st, "team-members", "account", "amina"), 0);
	p = get(fx->st, "processes", "sudan-talks");
	assert_null(s(p, "lead"));
	json_decref(p);
	/* closed: nobody joins, nor comes back by clearing the end of their place */
	stage(fx->st, "closed", "2024-07-01", NULL);
	make_refused(fx->st, "process-team", "{\"process\":\"sudan-talks\",\"mediator\":\"m2\"}", TS_WRONG_STAGE, "process");
	{
		json_t *in = load("{\"until\":null}");
		refused(ts_record_update(fx->st, entity("process-team"), "a1", in, NULL, &err), &err, TS_WRONG_STAGE, "process");
		json_decref(in);
	}
	assert_int_equal(count(fx->st, "team-members", "account", "amina"), 0);

	/* a member withdrawn leaves the teams they are on */
	stage(fx->st, "implementation", "2024-08-01", "reopened: the parties asked the OIC to monitor the agreement");
	json_decref(made_record(fx->st, "process-team", "{\"id\":\"a2\",\"process\":\"sudan-talks\",\"mediator\":\"m2\","
				"\"since\":\"2024-08-01\"}"));
	assert_int_equal(count(fx->st, "team-members", "account", "omar"), 1);
	must(ts_mediator_decide(fx->st, "m2", "withdrawn", "left the service of the organisation", &out, &err), &err);
	json_decref(out);
	assert_int_equal(count(fx->st, "team-members", "account", "omar"), 0);
	p = get(fx->st, "process-team", "a2");
	assert_string_equal(s(p, "until"), "2025-01-01");
	json_decref(p);
	ts_mediation_set_clock(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_default_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nominations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_of_conduct, setup, teardown),
		cmocka_unit_test_setup_teardown(test_process, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
