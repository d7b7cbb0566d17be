/* The OpenAPI 3.1 document, derived from the entity descriptions: one schema per entity (as
 * stored, as created, as patched), one list and one item path per collection. */
#include <stdio.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h"
#include "tansiq/implementation.h"
#include "tansiq/mediation.h"
#include "tansiq/search.h"
#include "tansiq/meetings.h"
#include "tansiq/openapi.h"

#define PDATE_RE "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

static json_t *field_schema(const ts_field *f, int nullable)
{
	json_t *o = json_object();
	const char *type = "string";

	switch (f->type) {
	case TS_INT: type = "integer"; break;
	case TS_REAL: type = "number"; break;
	case TS_BOOL: type = "boolean"; break;
	default: break;
	}
	json_object_set_new(o, "type", nullable ? json_pack("[s,s]", type, "null") : json_string(type));
	json_object_set_new(o, "description", json_string(f->label[TS_EN]));
	if (f->type == TS_TEXT) {
		json_object_set_new(o, "maxLength", json_integer(ts_field_max_len(f)));
		if (ts_pattern_regex(f->pattern))
			json_object_set_new(o, "pattern", json_string(ts_pattern_regex(f->pattern)));
	}
	if ((f->type == TS_INT || f->type == TS_REAL) && f->min < f->max) {
		json_object_set_new(o, "minimum", json_integer(f->min));
		json_object_set_new(o, "maximum", json_integer(f->max));
	}
	if (f->type == TS_PDATE)
		json_object_set_new(o, "pattern", json_string(PDATE_RE));
	if (f->flags & TS_F_DERIVED)
		json_object_set_new(o, "readOnly", json_true());
	if (f->type == TS_REF)
		json_object_set_new(o, "description", json_pack("s", f->label[TS_EN]));
	if (f->type == TS_ENUM) {
		json_t *vals = json_array();
		for (const ts_enum_value *v = f->values; v->value; v++)
			json_array_append_new(vals, json_string(v->value));
		if (nullable)
			json_array_append_new(vals, json_null());
		json_object_set_new(o, "enum", vals);
	}
	return o;
}

/* kind: 0 record as returned, 1 input for create, 2 patch */
static json_t *entity_schema(const ts_entity *e, int kind)
{
	json_t *props = json_object(), *req = json_array();

	for (int i = 0; i < e->nfields; i++) {
		const ts_field *f = &e->fields[i];
		int required = (f->flags & (TS_F_REQUIRED | TS_F_KEY)) != 0;
		if ((f->flags & TS_F_KEY) && kind == 1 && (e->flags & TS_E_AUTO_ID))
			required = 0;
		json_object_set_new(props, f->name, field_schema(f, !required || kind == 2 ? !(f->flags & TS_F_KEY) : 0));
		if (kind == 0 || (kind == 1 && required))
			json_array_append_new(req, json_string(f->name));
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:b}", "type", "object", "description", e->label[TS_EN],
			 "properties", props, "required", req, "additionalProperties", 0);
}

static json_t *ref(const char *name)
{
	char r[128];

	snprintf(r, sizeof(r), "#/components/schemas/%s", name);
	return json_pack("{s:s}", "$ref", r);
}

static json_t *content(const char *type, json_t *schema)
{
	return json_pack("{s:{s:o}}", type, "schema", schema);
}

static json_t *ok(const char *desc, json_t *schema)
{
	return json_pack("{s:s, s:o}", "description", desc, "content", content("application/json", schema));
}

static json_t *problem(const char *desc)
{
	return json_pack("{s:s, s:o}", "description", desc, "content",
			 content("application/problem+json", ref("Problem")));
}

static void add_problems(json_t *responses, const char *codes)
{
	static const struct {
		const char *code, *desc;
	} all[] = {
		{"400", "malformed request or unknown parameter"}, {"401", "sign-in required"},
		{"403", "missing CSRF token or not allowed"}, {"404", "no such record"},
		{"409", "duplicate, or referred to by other records"}, {"413", "request body too large"},
		{"415", "body is not JSON"}, {"422", "invalid record"},
	};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strstr(codes, all[i].code))
			json_object_set_new(responses, all[i].code, problem(all[i].desc));
}

static json_t *param(const char *name, const char *desc, json_t *schema)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:o}", "name", name, "in", "query", "description", desc, "required", 0,
			 "schema", schema);
}

/* Who writes an entity, for x-tansiq-writers: its writer roles (with administrators), the owner
 * field that binds delegates, and whether records name a team (which binds mediators). */
static json_t *writers(const ts_entity *e)
{
	json_t *a = ts_roles_json((e->writers ? e->writers : TS_ROLE_SECRETARIAT) | TS_ROLE_ADMIN);

	return json_pack("{s:o, s:s?, s:b}", "roles", a, "owner", e->owner, "team", ts_entity_field(e, "team") != NULL);
}

/* One operation with a JSON answer (and a JSON body when body is given). */
static json_t *op(const char *summary, const char *status, const char *what, json_t *answer, json_t *body,
		  const char *problems, const json_t *security)
{
	json_t *resp = json_object(), *o;

	if (answer)
		json_object_set_new(resp, status, ok(what, answer));
	else
		json_object_set_new(resp, status, json_pack("{s:s}", "description", what));
	add_problems(resp, problems);
	o = json_pack("{s:s, s:o, s:O}", "summary", summary, "responses", resp, "security", security);
	if (body)
		json_object_set_new(o, "requestBody", json_pack("{s:b, s:o}", "required", 1, "content",
								content("application/json", body)));
	return o;
}

/* Accounts: one's own account and API tokens; the administrators' user management. */
static void account_paths(json_t *paths, const json_t *security)
{
	json_t *account = json_pack("{s:s, s:{s:{s:s}, s:{s:s, s:{s:s}}, s:{s:[s,s]}, s:{s:s}, s:{s:[s,s]}, s:{s:s}, s:{s:s}, s:{s:[s,s]}}}",
		"type", "object", "properties", "username", "type", "string", "roles", "type", "array", "items", "type", "string",
		"state", "type", "string", "null", "disabled", "type", "boolean", "locked_until", "type", "string", "null",
		"failed_logins", "type", "integer", "created", "type", "string", "last_login", "type", "string", "null");
	json_t *token = json_pack("{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:[s,s]}, s:{s:s}}}", "type", "object",
		"properties", "id", "type", "string", "name", "type", "string", "created", "type", "string", "last_used",
		"type", "string", "null", "token", "type", "string");
	json_t *pw = json_pack("{s:s, s:{s:{s:s}, s:{s:s}}, s:[s,s], s:b}", "type", "object", "properties",
		"current_password", "type", "string", "new_password", "type", "string", "required", "current_password",
		"new_password", "additionalProperties", 0);
	json_t *new_user = json_pack("{s:s, s:{s:{s:s}, s:{s:s, s:{s:s}}, s:{s:s}, s:{s:s}}, s:[s,s], s:b}", "type",
		"object", "properties", "username", "type", "string", "roles", "type", "array", "items", "type", "string",
		"state", "type", "string", "password", "type", "string", "required", "username", "roles",
		"additionalProperties", 0);
	json_t *user_patch = json_pack("{s:s, s:{s:{s:s, s:{s:s}}, s:{s:[s,s]}, s:{s:s}, s:{s:s}, s:{s:s}}, s:b}", "type",
		"object", "properties", "roles", "type", "array", "items", "type", "string", "state", "type", "string", "null",
		"disabled", "type", "boolean", "unlock", "type", "boolean", "password", "type", "string",
		"additionalProperties", 0);
	json_t *named = json_pack("{s:s, s:{s:{s:s}}, s:[s], s:b}", "type", "object", "properties", "name", "type",
		"string", "required", "name", "additionalProperties", 0);
	json_t *id_param = json_pack("[{s:s, s:s, s:b, s:{s:s}}]", "name", "id", "in", "path", "required", 1, "schema",
		"type", "string");
	json_t *name_param = json_pack("[{s:s, s:s, s:b, s:{s:s}}]", "name", "username", "in", "path", "required", 1,
		"schema", "type", "string");

	json_object_set_new(paths, "/api/v1/account", json_pack("{s:o, s:o}",
		"get", op("my account", "200", "the signed-in account", json_incref(account), NULL, "401", security),
		"patch", op("change my password (ends my other sessions)", "200", "the account", json_incref(account), pw,
			    "401 403 415 422", security)));
	json_object_set_new(paths, "/api/v1/account/tokens", json_pack("{s:o, s:o}",
		"get", op("my API tokens", "200", "the live tokens, without their secrets",
			  json_pack("{s:s, s:O}", "type", "array", "items", token), NULL, "401", security),
		"post", op("create an API token: its secret is in `token`, shown this once", "201", "the token",
			   json_incref(token), named, "401 403 415 422", security)));
	json_object_set_new(paths, "/api/v1/account/tokens/{id}", json_pack("{s:o, s:o}", "parameters", id_param,
		"delete", op("revoke one of my API tokens", "204", "revoked", NULL, NULL, "401 403 404", security)));
	json_object_set_new(paths, "/api/v1/users", json_pack("{s:o, s:o}",
		"get", op("every account (administrators)", "200", "the accounts",
			  json_pack("{s:s, s:O}", "type", "array", "items", account), NULL, "401 403", security),
		"post", op("create an account (administrators); without a password one is generated and returned once as "
			   "`password`", "201", "the account", json_incref(account), new_user, "401 403 409 415 422", security)));
	json_object_set_new(paths, "/api/v1/users/{username}", json_pack("{s:o, s:o, s:o}", "parameters", name_param,
		"get", op("one account (administrators)", "200", "the account", json_incref(account), NULL, "401 403 404",
			  security),
		"patch", op("change roles, state, disabled, unlock or password (administrators)", "200", "the account",
			    json_incref(account), user_patch, "401 403 404 415 422", security)));
	json_decref(account);
	json_decref(token);
}

static json_t *string_param(const char *name, const char *desc)
{
	return param(name, desc, json_pack("{s:s}", "type", "string"));
}

/* The `id` path parameter of an address under a record. */
static json_t *id_path(void)
{
	return json_pack("[{s:s, s:s, s:b, s:{s:s}}]", "name", "id", "in", "path", "required", 1, "schema", "type", "string");
}

/* The `lang` query parameter: the language of the texts of the answer. */
static json_t *lang_param(const char *what)
{
	char desc[160];

	snprintf(desc, sizeof(desc), "language of %s and error texts (ar, en, fr)", what);
	return param("lang", desc, json_pack("{s:s, s:[s,s,s]}", "type", "string", "enum", "ar", "en", "fr"));
}

/* Meetings and votes: quorum, the vote's operations, the organs' cycles, the calendar feed. */
static void meeting_paths(json_t *paths, const json_t *security)
{
	json_t *obj = json_pack("{s:s}", "type", "object");
	json_t *one = id_path();
	json_t *lang = lang_param("titles, places");
	json_t *open = json_pack("{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s, s:[s,s]}, s:{s:s}}, s:[s,s], s:b}", "type", "object",
				 "properties", "meeting", "type", "string", "resolution", "type", "string", "method", "type",
				 "string", "enum", "ballot", "consensus", "rule", "type", "string", "required", "meeting",
				 "resolution", "additionalProperties", 0);
	json_t *ballot = json_pack("{s:s, s:{s:{s:s, s:[s,s,s]}}, s:[s], s:b}", "type", "object", "properties", "choice",
				   "type", "string", "enum", "yes", "no", "abstain", "required", "choice",
				   "additionalProperties", 0);
	json_t *o;

	o = op("the quorum of a meeting from its attendance, under its organ's decision rule (or `rule`)", "200",
	       "members, quorum required, present, whether it is met, who is present", json_incref(obj), NULL, "400 404",
	       security);
	json_object_set_new(o, "parameters", json_pack("[o, O]",
		string_param("rule", "a decision rule to apply instead of the organ's"), lang));
	json_object_set_new(paths, "/api/v1/meetings/{id}/quorum", json_pack("{s:O, s:o}", "parameters", one, "get", o));
	o = op("open a vote on a draft during a meeting in session (the chair: secretariat); `consensus` records adoption "
	       "by consensus at once", "201", "the vote", ref("Vote"), open, "400 401 403 409 415 422", security);
	json_object_set_new(o, "x-tansiq-writers", writers(&ts_entity_vote));
	json_object_set_new(json_object_get(paths, "/api/v1/votes"), "post", o);
	json_object_set_new(paths, "/api/v1/votes/{id}/tally", json_pack("{s:O, s:o}", "parameters", one, "get",
		op("a vote with its rule, its tally (live while open) and its roll call", "200", "the tally",
		   json_incref(obj), NULL, "404", security)));
	json_object_set_new(paths, "/api/v1/votes/{id}/ballots/{state}", json_pack("{s:[O, {s:s, s:s, s:b, s:{s:s}}], s:o}",
		"parameters", json_array_get(one, 0), "name", "state", "in", "path", "required", 1, "schema", "type", "string",
		"put", op("cast or change the ballot of a state in an open vote: only its delegate, for a member in good "
			  "standing recorded as present", "200", "the ballot", ref("Ballot"), ballot, "400 401 403 404 409 415 422",
			  security)));
	json_object_set_new(json_object_get(json_object_get(paths, "/api/v1/votes/{id}/ballots/{state}"), "put"),
			    "x-tansiq-writers", writers(&ts_entity_ballot));
	json_object_set_new(paths, "/api/v1/votes/{id}/close", json_pack("{s:O, s:o}", "parameters", one, "post",
		op("close a vote (the chair: secretariat): the result follows from the rule and the draft is adopted or not",
		   "200", "the vote closed", ref("Vote"), NULL, "401 403 404 409", security)));
	json_object_set_new(json_object_get(json_object_get(paths, "/api/v1/votes/{id}/close"), "post"),
			    "x-tansiq-writers", writers(&ts_entity_vote));
	o = op("each periodic organ's cycle: last session, next planned, when the next was due, whether it is overdue",
	       "200", "the cycles", json_incref(obj), NULL, "400", security);
	json_object_set_new(o, "parameters", json_pack("[o, O]",
		string_param("on", "the day to judge on (YYYY-MM-DD), today by default"), lang));
	json_object_set_new(paths, "/api/v1/cycles", json_pack("{s:o}", "get", o));
	o = json_pack("{s:s, s:{s:{s:s, s:{s:{s:{s:s}}}}, s:o}, s:O}", "summary",
		      "the meetings the caller may read as an iCalendar feed (RFC 5545); calendar applications subscribe with "
		      "Basic credentials or an API token to see more than the public meetings",
		      "responses", "200", "description", "text/calendar", "content", "text/calendar", "schema", "type",
		      "string", "400", problem("unknown parameter"), "security", security);
	json_object_set_new(o, "parameters", json_pack("[o, O]", string_param("organ", "only the meetings of this organ"), lang));
	json_object_set_new(paths, "/api/v1/calendar.ics", json_pack("{s:o}", "get", o));
	json_decref(obj);
	json_decref(one);
	json_decref(lang);
}

/* An operation whose answer is not JSON (a feed, a CSV file). */
static json_t *op_text(const char *summary, const char *type, const char *what, const char *problems,
		       const json_t *security)
{
	json_t *resp = json_pack("{s:{s:s, s:o}}", "200", "description", what, "content",
				 content(type, json_pack("{s:s}", "type", "string")));

	add_problems(resp, problems);
	return json_pack("{s:s, s:o, s:O}", "summary", summary, "responses", resp, "security", security);
}

/* Implementation of decisions: progress, the gap, mandates from a paragraph, feeds, the yearly
 * progress report. */
static void implementation_paths(json_t *paths, const json_t *security)
{
	json_t *obj = json_pack("{s:s}", "type", "object");
	json_t *one = id_path();
	json_t *lang = lang_param("names");
	json_t *on = string_param("on", "the day to judge on (YYYY-MM-DD), today by default");
	json_t *addressee = string_param("addressee", "only the mandates of this addressee: oic, secretary_general, "
				       "all_states, organ:ID, state:ISO3, contact_group:ID or partner:ID");
	json_t *o, *made;
	static const struct {
		const char *path, *summary;
	} progress[] = {
		{"/api/v1/resolutions/{id}/progress", "a resolution's progress: rolled up from its mandates to its operative "
						      "paragraphs and to it, with each mandate's standing"},
		{"/api/v1/results/{id}/progress", "a programme (or any result) with its subtree, each node's progress rolled "
						  "up from its mandates and activities"},
		{"/api/v1/mandates/{id}/progress", "a mandate's standing (status, progress, deadlines, late, silent) and its "
						   "timeline of reports"},
	};

	o = op("the commitment-implementation gap: mandates due, reported, implemented, late and silent, by addressee, "
	       "organ, category or year; the years for a chart; the addressees who never report, named", "200", "the gap",
	       json_incref(obj), NULL, "400", security);
	json_object_set_new(o, "parameters", json_pack("[o, O, o, o, O, o, o, O]",
		param("by", "how to group", json_pack("{s:s, s:[s,s,s,s]}", "type", "string", "enum", "addressee", "organ",
						      "category", "year")), on,
		string_param("organ", "only the mandates of the resolutions (and programmes) of this organ"),
		string_param("category", "only the mandates of resolutions of this category"), addressee,
		string_param("resolution", "only the mandates of this resolution"),
		param("year", "only the mandates given in this year", json_pack("{s:s}", "type", "integer")), lang));
	json_object_set_new(paths, "/api/v1/gap", json_pack("{s:o}", "get", o));
	for (size_t i = 0; i < sizeof(progress) / sizeof(progress[0]); i++) {
		o = op(progress[i].summary, "200", "the roll-up", json_incref(obj), NULL, "400 404", security);
		json_object_set_new(o, "parameters", json_pack("[O, O]", on, lang));
		json_object_set_new(paths, progress[i].path, json_pack("{s:O, s:o}", "parameters", one, "get", o));
	}
	made = json_pack("{s:s, s:{s:{s:s, s:{s:s}}}, s:[s], s:b}", "type", "object", "properties", "mandates", "type",
			 "array", "items", "$ref", "#/components/schemas/MandateInput", "required", "mandates",
			 "additionalProperties", 0);
	o = op("turn an operative paragraph into mandates, all or none: one per addressee; each takes the paragraph's text "
	       "as its action unless given", "201", "the mandates created", json_incref(obj), made,
	       "400 401 403 404 409 415 422", security);
	json_object_set_new(o, "x-tansiq-writers", writers(&ts_entity_mandate));
	json_object_set_new(paths, "/api/v1/paragraphs/{id}/mandates", json_pack("{s:O, s:o}", "parameters", one, "post", o));
	o = op_text("the deadlines of the mandates the caller may read, a year back and a year ahead, as an iCalendar "
		    "feed (RFC 5545)", "text/calendar", "text/calendar", "400", security);
	json_object_set_new(o, "parameters", json_pack("[O, O]", addressee, lang));
	json_object_set_new(paths, "/api/v1/deadlines.ics", json_pack("{s:o}", "get", o));
	o = op_text("the mandates that became late, newest first, as an Atom feed (RFC 4287)", "application/atom+xml",
		    "application/atom+xml", "400", security);
	json_object_set_new(o, "parameters", json_pack("[O, O]", addressee, lang));
	json_object_set_new(paths, "/api/v1/late.atom", json_pack("{s:o}", "get", o));
	o = json_pack("{s:o}", "get", op_text("the yearly progress report: every mandate the caller may read with the "
					      "status, progress, day and narrative of its latest report, as CSV",
					      "text/csv", "text/csv", "400", security));
	json_object_set_new(o, "post", json_pack("{s:s, s:{s:b, s:o}, s:{s:o}, s:O, s:o}", "summary",
		"take the progress report back (the same CSV): mandates are created or updated, and a status that differs "
		"from a mandate's latest report files a new report; the same file twice changes nothing",
		"requestBody", "required", 1, "content", content("text/csv", json_pack("{s:s}", "type", "string")),
		"responses", "200", ok("rows, created, updated, unchanged, reports", json_incref(obj)), "security", security,
		"x-tansiq-writers", writers(&ts_entity_mandate)));
	add_problems(json_object_get(json_object_get(o, "post"), "responses"), "400 401 403 409 413 415 422");
	json_object_set_new(paths, "/api/v1/progress-report.csv", o);
	json_decref(obj);
	json_decref(one);
	json_decref(lang);
	json_decref(on);
	json_decref(addressee);
}

/* Conflict events: importing a dataset's file; the country-month and admin1-month aggregates. */
static void events_paths(json_t *paths, const json_t *security)
{
	json_t *obj = json_pack("{s:s}", "type", "object");
	json_t *o;

	{
		json_t *n = json_pack("{s:s}", "type", "integer");
		json_t *counts = json_pack("{s:s, s:[s,s,s,s,s,s,s,s,s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:O, s:O, s:O, s:O, s:O, "
					   "s:O, s:O, s:{s:s}, s:{s:s, s:{s:s, s:{s:O, s:{s:s}, s:{s:s}, s:{s:s}}}}}}",
			"type", "object", "required", "dataset", "format", "rows", "events", "added", "updated", "unchanged",
			"merged", "rejected", "dry_run", "rejects", "properties", "dataset", "type", "string", "import", "type",
			"string", "format", "type", "string", "rows", n, "events", n, "added", n, "updated", n, "unchanged", n,
			"merged", n, "rejected", n, "dry_run", "type", "boolean", "rejects", "type", "array", "items", "type",
			"object", "properties", "line", n, "field", "type", "string", "value", "type", "string", "reason", "type",
			"string");
		json_decref(n);
		o = json_pack("{s:s, s:s, s:{s:b, s:o}, s:{s:o}, s:O, s:o}", "summary",
			"import a dataset's file (the path names it: acled, ucdp-ged or ucdp-acd): applied whole or not at all, "
			"unless skip_invalid; the same file twice changes nothing",
			"description", "The body is the file as text/csv: an ACLED export, a UCDP GED or a UCDP/PRIO ACD CSV file. "
			"A bad row answers 422 naming its line, field and value, and nothing is written; a missing required column "
			"422 'required'; malformed CSV 400. The answer gives the counts and the first 100 rejected rows (with "
			"skip_invalid). The body is bounded by the server's --max-body (1 MiB by default): larger files are "
			"imported with the command line (tansiq import acled FILE).",
			"requestBody", "required", 1, "content", content("text/csv", json_pack("{s:s}", "type", "string")),
			"responses", "200", ok("the counts of the import", counts), "security", security,
			"x-tansiq-writers", writers(&ts_entity_event));
	}
	add_problems(json_object_get(o, "responses"), "400 401 403 404 413 415 422");
	json_object_set_new(o, "parameters", json_pack("[o, o]",
		param("skip_invalid", "put in the valid rows and report the rejected ones with their reasons",
		      json_pack("{s:s}", "type", "boolean")),
		param("dry_run", "check and count, write nothing", json_pack("{s:s}", "type", "boolean"))));
	json_object_set_new(paths, "/api/v1/imports/{dataset}", json_pack("{s:[{s:s, s:s, s:b, s:{s:s, s:[s,s,s]}}], s:o}",
		"parameters", "name", "dataset", "in", "path", "required", 1, "schema", "type", "string", "enum", "acled",
		"ucdp-ged", "ucdp-acd", "post", o));
	for (int admin1 = 0; admin1 < 2; admin1++) {
		o = op(admin1 ? "events and fatalities by admin1 and month, by event type, that the caller may read"
			      : "events and fatalities by country and month, by event type, that the caller may read",
		       "200", "the aggregates", json_incref(obj), NULL, "400", security);
		json_object_set_new(o, "parameters", json_pack("[o, o, o]",
			string_param("country", "only this country (ISO alpha-3)"),
			string_param("from", "from this month (YYYY-MM)"), string_param("to", "to this month (YYYY-MM)")));
		json_object_set_new(paths, admin1 ? "/api/v1/admin1-months" : "/api/v1/country-months",
				    json_pack("{s:o}", "get", o));
	}
	json_decref(obj);
}

/* The risk forecast: per country and horizon; fitting the model; the backtest
 * (docs/internals/forecast.md). */
static void forecast_paths(json_t *paths, const json_t *security)
{
	json_t *obj = json_pack("{s:s}", "type", "object");
	json_t *o;

	o = op("the forecast of each country with events the caller may read, for the next 1 to 6 months after the last "
	       "month with data: p, the probability of 25 or more fatalities in the month, and expected, the expected "
	       "fatalities; from the stored model applied to the caller's series. no_events gives the forecast of a country "
	       "without events. 404 when no model was fitted (POST /api/v1/forecast/fit) or the country is unknown",
	       "200", "the forecast: model {fitted_at, through, threshold}, through, items [{country, horizons [{h, month, p, "
	       "expected}]}], no_events", json_incref(obj), NULL, "400 404", security);
	json_object_set_new(o, "parameters", json_pack("[o]", string_param("country", "only this country (ISO alpha-3)")));
	json_object_set_new(paths, "/api/v1/forecast", json_pack("{s:o}", "get", o));
	o = op("fit the model again on every event stored, whatever the caller reads, and store it (analysts, the "
	       "secretariat and administrators); 409 when the data hold fewer than 24 months or no month with 25 or more "
	       "fatalities", "200", "the model fitted: fitted_at, from, through, countries, horizons [{h, rows, positives, "
	       "coefficients, expected_coefficients}]", json_incref(obj), NULL, "400 401 403 409", security);
	json_object_set_new(o, "x-tansiq-writers", writers(&ts_entity_event)); /* the same roles as events' */
	json_object_set_new(paths, "/api/v1/forecast/fit", json_pack("{s:o}", "post", o));
	o = op("the rolling-origin backtest on the caller's series: each of the last `origins` months forecast from h "
	       "months before by a model fitted on what was known then; Brier score and ROC AUC of the model and of two "
	       "baselines (persistence, the country's historical rate), per horizon; 409 when the data are too short",
	       "200", "the backtest: origins, countries, from, to, horizons [{h, n, positives, model, persistence, "
	       "historical: {brier, auc}}]", json_incref(obj), NULL, "400 409", security);
	json_object_set_new(o, "parameters", json_pack("[o]", param("origins", "how many months to test, 6 to 120 (default 24)",
								    json_pack("{s:s, s:i, s:i}", "type", "integer",
									      "minimum", 6, "maximum", 120))));
	json_object_set_new(paths, "/api/v1/forecast/backtest", json_pack("{s:o}", "get", o));
	json_decref(obj);
}

/* Statistics, common threads and alerts. */
static void alerts_paths(json_t *paths, const json_t *security)
{
	json_t *obj = json_pack("{s:s}", "type", "object");
	json_t *integer = json_pack("{s:s}", "type", "integer"), *string = json_pack("{s:s}", "type", "string");
	json_t *conflicts = json_pack("{s:s, s:{s:{s:s, s:{s:s, s:{s:O, s:O, s:O, s:{s:[s,s]}, s:{s:s, s:O}}}}}}", "type", "object",
		"properties", "years", "type", "array", "items", "type", "object", "properties", "year", integer, "world",
		integer, "members", integer, "share", "type", "number", "null", "conflicts", "type", "array", "items", obj);
	json_t *states = json_pack("{s:s, s:{s:O, s:O, s:O, s:O, s:{s:s, s:{s:s, s:{s:O, s:O, s:O, s:O}}}}}", "type",
		"object", "properties", "from", string, "to", string, "events", integer, "fatalities", integer, "items", "type",
		"array", "items", "type", "object", "properties", "state", string, "name_en", string, "events", integer,
		"fatalities", integer);
	json_t *threads = json_pack("{s:s, s:{s:O, s:{s:s, s:{s:s, s:{s:O, s:O, s:O, s:O}}}, s:{s:s, s:{s:s, s:{s:O, s:O, s:O, s:{s:s}}}}}}",
		"type", "object", "properties", "conflicts", integer, "features", "type", "array", "items", "type", "object",
		"properties", "key", string, "kind", string, "value", string, "count", integer, "pairs", "type", "array",
		"items", "type", "object", "properties", "a", string, "b", string, "count", integer, "lift", "type", "number");
	json_t *raise = json_pack("{s:s, s:{s:O, s:{s:s, s:[s,s,s,s]}, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}, s:[s,s,s], s:b}",
		"type", "object", "properties", "country", string, "severity", "type", "string", "enum", "low", "medium", "high",
		"critical", "title_ar", string, "title_en", string, "title_fr", string, "event", string, "month", string,
		"evidence", string, "level", string, "team", string, "required", "country", "severity", "title_en",
		"additionalProperties", 0);
	json_t *respond = json_pack("{s:s, s:s, s:{s:{s:s, s:[s,s,s,s,s,s]}, s:O, s:O, s:O, s:O, s:O}, s:b}", "type", "object",
		"description", "respond: the response (response_kind, and response_meeting, response_resolution or "
		"response_mandate for those kinds, response_process for a mediation process, response_text for a statement "
		"or, 20 characters at least, the reasons of a decision to take no action); acknowledge and close: no body",
		"properties", "response_kind", "type", "string", "enum", "meeting", "resolution", "mandate",
		"mediation_process", "statement", "no_action", "response_meeting", string, "response_resolution", string,
		"response_mandate", string, "response_process", string, "response_text", string, "additionalProperties", 0);
	json_t *run = json_pack("{s:s, s:{s:O, s:{s:s, s:o}, s:{s:s, s:O}}}", "type", "object", "properties", "month",
		string, "items", "type", "array", "items", ref("Alert"), "skipped", "type", "array", "items", obj);
	json_t *o;

	o = op("active conflicts in the world and in member states per year (UCDP/PRIO conflict-years the caller may "
	       "read), and the share; with `year`, the conflicts in member states with the states involved", "200",
	       "the counts", conflicts, NULL, "400", security);
	json_object_set_new(o, "parameters", json_pack("[o, o]", param("year", "only this year (1946-2100)",
		json_incref(integer)), lang_param("error texts")));
	json_object_set_new(paths, "/api/v1/stats/conflicts", json_pack("{s:o}", "get", o));
	o = op("events and fatalities the caller may read, by member state (every member state, zero when none), most "
	       "fatalities first", "200", "the figures", states, NULL, "400", security);
	json_object_set_new(o, "parameters", json_pack("[o, o, o]", string_param("from", "from this month (YYYY-MM)"),
						       string_param("to", "to this month (YYYY-MM)"), lang_param("error texts")));
	json_object_set_new(paths, "/api/v1/stats/states", json_pack("{s:o}", "get", o));
	o = op("the root causes, actor types and event types that occur together across the conflicts in member states: "
	       "each feature with the number of conflicts that have it, each pair with its count and lift", "200",
	       "the table", threads, NULL, "400", security);
	json_object_set_new(o, "parameters", json_pack("[o, o, o]",
		param("from", "from this year", json_incref(integer)), param("to", "to this year", json_incref(integer)),
		lang_param("error texts")));
	json_object_set_new(paths, "/api/v1/threads", json_pack("{s:o}", "get", o));
	o = op("raise an alert by hand, usually from a field report (`event`): analysts and the secretariat", "201",
	       "the alert, open", ref("Alert"), raise, "400 401 403 404 415 422", security);
	json_object_set_new(o, "x-tansiq-writers", writers(&ts_entity_alert));
	json_object_set_new(json_object_get(paths, "/api/v1/alerts"), "post", o);
	o = op("run the alert rules (analysts and the secretariat): raise the alerts not raised yet, one per rule, "
	       "country and month; forecast rules are skipped, and listed, while no forecast can be made", "200",
	       "the alerts raised", run, NULL, "401 403", security);
	json_object_set_new(o, "x-tansiq-writers", writers(&ts_entity_alert));
	json_object_set_new(paths, "/api/v1/alerts/run", json_pack("{s:o}", "post", o));
	o = op("move an alert on: acknowledge (open; analysts and the secretariat), respond (open or acknowledged; the "
	       "secretariat, with the response) or close (responded; the secretariat). A step its status does not allow "
	       "is refused (409) with the step to take first", "200", "the alert", ref("Alert"), respond,
	       "400 401 403 404 409 415 422", security);
	json_object_set_new(json_object_get(o, "requestBody"), "required", json_false());
	json_object_set_new(o, "x-tansiq-writers", writers(&ts_entity_alert));
	json_object_set_new(paths, "/api/v1/alerts/{id}/{step}", json_pack("{s:[{s:s, s:s, s:b, s:{s:s}}, {s:s, s:s, s:b, s:{s:s, s:[s,s,s]}}], s:o}",
		"parameters", "name", "id", "in", "path", "required", 1, "schema", "type", "string", "name", "step", "in",
		"path", "required", 1, "schema", "type", "string", "enum", "acknowledge", "respond", "close", "post", o));
	o = op_text("the alerts the caller may read, newest first, as an Atom feed (RFC 4287): each role's feed is what "
		    "it reads", "application/atom+xml", "application/atom+xml", "400", security);
	json_object_set_new(o, "parameters", json_pack("[o]", lang_param("the titles")));
	json_object_set_new(paths, "/api/v1/alerts.atom", json_pack("{s:o}", "get", o));
	json_decref(obj);
	json_decref(integer);
	json_decref(string);
}

/* Search across documents and records, and the import of a file as a document
 * (docs/internals/search.md). */
static void search_paths(json_t *paths, const json_t *security)
{
	json_t *string = json_pack("{s:s}", "type", "string");
	json_t *marked = json_pack("{s:s, s:O, s:s}", "type", "array", "items", string, "description",
		"the text in pieces: plain, then matched words and plain in turn (the odd elements are the matches)");
	json_t *facet = json_pack("{s:s, s:{s:s, s:{s:O, s:{s:s}}}}", "type", "array", "items", "type", "object",
		"properties", "value", string, "count", "type", "integer");
	json_t *hit = json_pack("{s:s, s:{s:O, s:O, s:O, s:O, s:O, s:{s:s}, s:O, s:{s:[s,s]}, s:{s:[s,s]}, s:{s:[s,s]}}}",
		"type", "object", "properties", "type", string, "id", string, "title", string, "title_marked", marked, "lang",
		string, "score", "type", "number", "snippet", marked, "kind", "type", "string", "null", "date", "type",
		"string", "null", "organ", "type", "string", "null");
	json_t *result = json_pack("{s:s, s:{s:O, s:{s:s}, s:{s:s, s:O}, s:{s:s, s:{s:O, s:O, s:O, s:O, s:O}}}}", "type",
		"object", "properties", "query", string, "total", "type", "integer", "items", "type", "array", "items", hit,
		"facets", "type", "object", "properties", "type", facet, "lang", facet, "kind", facet, "year", facet, "organ",
		facet);
	json_t *kinds = json_array(), *o, *resp;

	for (int i = 0; ts_document_kinds[i].value; i++)
		json_array_append_new(kinds, json_string(ts_document_kinds[i].value));
	o = op("search documents and records (states, organisations, organs, people, meetings, resolutions and their "
	       "paragraphs, conflicts, mediation processes) in Arabic, English and French: a word finds its other forms "
	       "(الوساطة finds وساطة, والوساطات, بالوساطة). Words are all required; \"a phrase\" keeps its words together; "
	       "prefix* finds the words that begin so; OR between two words finds either; -word leaves out the texts with "
	       "it. Ranked by BM25, the title weighing ten times the text. Only what the caller may read is found, counted "
	       "or quoted", "200", "the hits of the page, their total and the facets", result, NULL, "400", security);
	json_object_set_new(o, "parameters", json_pack("[o, o, o, o, o, o, o, o]",
		param("q", "the words to find (required; at most 500 bytes)", json_pack("{s:s, s:i}", "type", "string", "maxLength", 500)),
		param("lang", "only texts in this language (also the language of error texts)",
		      json_pack("{s:s, s:[s,s,s]}", "type", "string", "enum", "ar", "en", "fr")),
		param("kind", "only documents of this kind", json_pack("{s:s, s:o}", "type", "string", "enum", kinds)),
		param("type", "only this collection: documents, states, organisations, organs, persons, meetings, "
			      "resolutions, paragraphs, conflicts or processes", json_incref(string)),
		param("organ", "only documents issued by this organ (its id)", json_incref(string)),
		param("year", "only documents of this year", json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1000,
								   "maximum", 2999)),
		param("limit", "hits in the page (1-100, default 20)", json_pack("{s:s, s:i, s:i}", "type", "integer",
										 "minimum", 1, "maximum", 100)),
		param("offset", "hits skipped first (0-1000, default 0)", json_pack("{s:s, s:i, s:i}", "type", "integer",
										    "minimum", 0, "maximum", 1000))));
	json_object_set_new(paths, "/api/v1/search", json_pack("{s:o}", "get", o));

	resp = json_object();
	json_object_set_new(resp, "201", ok("the document stored, with the text read from the file", ref("Document")));
	add_problems(resp, "400 401 403 409 413 422");
	o = json_pack("{s:s, s:o, s:O, s:{s:b, s:{s:{s:{s:s, s:s}}, s:{s:{s:s, s:s}}, s:{s:{s:s, s:s}}}}}", "summary",
		"store a file as a document: its bytes are the body (text/plain, text/html, application/pdf; PDF is read "
		"through poppler's pdftotext), the document's fields are query parameters. The title defaults to the file's "
		"own (HTML title, PDF title, else its first line), the language to the one its text is in, the kind to note. "
		"A file that cannot be read stores nothing", "responses", resp, "security", security, "requestBody",
		"required", 1, "content", "text/plain", "schema", "type", "string", "format", "binary", "text/html", "schema",
		"type", "string", "format", "binary", "application/pdf", "schema", "type", "string", "format", "binary");
	json_object_set_new(o, "x-tansiq-writers", writers(&ts_entity_document));
	{
		static const char *const fields[] = {"title", "lang", "kind", "date", "organ", "author", "level", "team",
						     "meeting", "resolution", "conflict", "process", "states", "persons"};
		json_t *ps = json_array();
		json_array_append_new(ps, json_pack("{s:s, s:s, s:s, s:b, s:O}", "name", "filename", "in", "query",
			"description", "the file's name; its extension (.txt, .md, .html, .htm, .pdf) tells the format",
			"required", 1, "schema", string));
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			json_array_append_new(ps, param(fields[i], "the document's field of this name (schema Document)",
							json_incref(string)));
		json_object_set_new(o, "parameters", ps);
	}
	json_object_set_new(paths, "/api/v1/documents/import", json_pack("{s:o}", "post", o));
	json_decref(string);
	json_decref(marked);
	json_decref(facet);
	json_decref(hit);
}

/* Mediation: decisions on the network's members and their signatures of the code of conduct, the
 * code in force, the matching, a process's stages and its dossier (docs/internals/mediation.md). */
static void mediation_paths(json_t *paths, const json_t *security)
{
	json_t *obj = json_pack("{s:s}", "type", "object"), *string = json_pack("{s:s}", "type", "string");
	json_t *one = id_path(), *lang = lang_param("error texts");
	json_t *decision = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:b}", "type", "object", "description",
		"approve: no body (or {}); decline: the reasons, 10 characters at least; withdraw: the reasons", "properties",
		"reason", "type", "string", "description", "the reasons of a decline or a withdrawal", "additionalProperties", 0);
	json_t *signing = json_pack("{s:s, s:{s:{s:s, s:s}}, s:b}", "type", "object", "properties", "code", "type", "string",
		"description", "the id of the code of conduct in force (checked); absent: the code in force",
		"additionalProperties", 0);
	json_t *stage = json_pack("{s:s, s:{s:{s:s, s:s, s:o}, s:{s:s, s:s, s:s}, s:{s:s, s:s}}, s:[s], s:b}", "type",
		"object", "properties", "stage", "type", "string", "description", "the stage to move to", "enum", json_array(),
		"on", "type", "string", "pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description",
		"the day of the transition (today by default), not before the last one's", "reason", "type", "string",
		"description", "why the process goes back (10 characters at least): required for an earlier stage",
		"required", "stage", "additionalProperties", 0);
	json_t *reason = json_pack("{s:s, s:{s:O, s:o, s:O}}", "type", "object", "properties", "criterion", string,
				   "points", json_pack("{s:s}", "type", "number"), "detail", string);
	json_t *candidate = json_pack("{s:s, s:{s:O, s:O, s:O, s:O, s:O, s:O, s:{s:s}, s:{s:s}, s:{s:s, s:o}}}", "type",
		"object", "properties", "id", string, "name_en", string, "name_ar", string, "name_fr", string, "kind", string,
		"nationality", string, "score", "type", "number", "rank", "type", "integer", "reasons", "type", "array",
		"items", reason);
	json_t *excluded = json_pack("{s:s, s:{s:O, s:O, s:O, s:O}}", "type", "object", "properties", "id", string,
				     "name_en", string, "rule", string, "detail", string);
	json_t *match = json_pack("{s:s, s:{s:O, s:{s:[s,s]}, s:O, s:{s:s, s:o}, s:{s:s, s:o}, s:O}}", "type", "object",
		"properties", "process", string, "code", "type", "object", "null", "weights", obj, "candidates", "type",
		"array", "items", candidate, "excluded", "type", "array", "items", excluded, "counts", obj);
	json_t *dossier = json_pack("{s:s, s:{s:o, s:{s:s, s:o}, s:{s:s, s:o}, s:{s:s, s:o}, s:{s:[s,s], s:o, s:s}}}",
		"type", "object", "properties", "process", ref("MediationProcess"), "stages", "type", "array", "items",
		ref("ProcessStage"), "team", "type", "array", "items", ref("ProcessTeamMember"), "agreements", "type", "array",
		"items", ref("Agreement"), "journal", "type", "array", "null", "items", ref("JournalEntry"), "description",
		"the journal, newest first, for its team and administrators; null for everyone else");
	json_t *o;

	for (int i = 0; ts_process_stages[i].value; i++)
		json_array_append_new(json_object_get(json_object_get(json_object_get(stage, "properties"), "stage"), "enum"),
				      json_string(ts_process_stages[i].value));

	o = op("the secretariat's decision on a nomination: approve or decline (with reasons, 10 characters at least) a "
	       "member still nominated; withdraw (with reasons) a member nominated or approved, which the nominating "
	       "state's delegate may also do. A decision the status does not allow is refused (409)", "200",
	       "the member of the network, with status, decided_at, decided_by and decision_reason", ref("Mediator"),
	       decision, "400 401 403 404 409 415 422", security);
	json_object_set_new(json_object_get(o, "requestBody"), "required", json_false());
	json_object_set_new(o, "x-tansiq-writers", json_pack("{s:o, s:s, s:b}", "roles",
		ts_roles_json(TS_ROLE_SECRETARIAT | TS_ROLE_DELEGATE | TS_ROLE_ADMIN), "owner", "nominating_state", "team", 0));
	json_object_set_new(paths, "/api/v1/mediators/{id}/{decision}", json_pack(
		"{s:[O, {s:s, s:s, s:b, s:{s:s, s:[s,s,s]}}], s:o}", "parameters", json_array_get(one, 0), "name", "decision",
		"in", "path", "required", 1, "schema", "type", "string", "enum", "approve", "decline", "withdraw", "post", o));
	o = op("sign the code of conduct in force: a member for themselves (their account), or the secretariat recording "
	       "a signature given on paper; 409 while no code is adopted, or when this version is signed already", "200",
	       "the member of the network, with code_signed and code_signed_at", ref("Mediator"), signing,
	       "400 401 403 404 409 415 422", security);
	json_object_set_new(json_object_get(o, "requestBody"), "required", json_false());
	json_object_set_new(o, "x-tansiq-writers", json_pack("{s:o, s:b}", "roles",
		ts_roles_json(TS_ROLE_MEDIATOR | TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN), "team", 0));
	json_object_set_new(paths, "/api/v1/mediators/{id}/sign", json_pack("{s:O, s:o}", "parameters", one, "post", o));
	o = op("the code of conduct in force: the adopted version of highest number, or null while none is adopted "
	       "(resolution 53/45-POL asked for one; it is recorded as pending)", "200", "{current: the code, or null}",
	       json_pack("{s:s, s:{s:{s:[o, {s:s}]}}, s:[s]}", "type", "object", "properties", "current", "oneOf",
			 ref("CodeOfConduct"), "type", "null", "required", "current"), NULL, "400", security);
	json_object_set_new(o, "parameters", json_pack("[O]", lang));
	json_object_set_new(paths, "/api/v1/codes-of-conduct/current", json_pack("{s:o}", "get", o));
	o = op("rank the approved members of the network for a process (the secretariat and administrators only: it reads "
	       "the whole roster's declared interests). Hard rules first (available, signed the code in force, not a "
	       "national of a state party, no declared interest touching a party, below their maximum load, not on the "
	       "team already): a candidate failing one is excluded, the rule named; then weighted scores (match-weights), "
	       "each with its reasons. Ties are broken by id", "200", "the ranking", match, NULL, "400 401 403 404", security);
	json_object_set_new(o, "parameters", json_pack("[o, o, O]",
		param("limit", "candidates listed (1-1000, default 20)", json_pack("{s:s, s:i, s:i}", "type", "integer",
										   "minimum", 1, "maximum", 1000)),
		param("excluded", "1: list the excluded candidates, each with the rule that excluded it",
		      json_pack("{s:s, s:[s,s,s,s]}", "type", "string", "enum", "1", "0", "true", "false")), lang));
	json_object_set_new(paths, "/api/v1/processes/{id}/match", json_pack("{s:O, s:o}", "parameters", one, "get", o));
	o = op("move a process to another stage (the secretariat, or the process's lead mediator), recording a dated "
	       "stage; going back needs a reason. The stages are written only this way", "200", "the process",
	       ref("MediationProcess"), stage, "400 401 403 404 409 415 422", security);
	json_object_set_new(o, "x-tansiq-writers", json_pack("{s:o, s:b}", "roles",
		ts_roles_json(TS_ROLE_SECRETARIAT | TS_ROLE_MEDIATOR | TS_ROLE_ADMIN), "team", 1));
	json_object_set_new(paths, "/api/v1/processes/{id}/stage", json_pack("{s:O, s:o}", "parameters", one, "post", o));
	o = op("a process as its reader reads it: the record, its stages (the timeline), team (each with its "
	       "mediator_record), agreements with their provisions, and the journal for its team and administrators "
	       "(null for everyone else)", "200", "the dossier", dossier, NULL, "400 404", security);
	json_object_set_new(o, "parameters", json_pack("[O]", lang));
	json_object_set_new(paths, "/api/v1/processes/{id}/dossier", json_pack("{s:O, s:o}", "parameters", one, "get", o));
	json_decref(obj);
	json_decref(string);
	json_decref(one);
	json_decref(lang);
}

json_t *ts_openapi_document(const ts_schema *s, const char *version)
{
	json_t *schemas = json_object(), *paths = json_object();
	json_t *security = json_pack("[{s:[]}, {s:[]}, {s:[]}]", "bearer", "basic", "session");

	json_object_set_new(schemas, "Problem", json_pack(
		"{s:s, s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:{s:s}}}, s:[s,s,s,s]}",
		"type", "object", "description", "An error (RFC 9457 problem details)", "properties",
		"type", "type", "string", "title", "type", "string", "status", "type", "integer", "detail", "type", "string",
		"code", "type", "string", "hint", "type", "string", "field", "type", "string", "line", "type", "integer",
		"errors", "type", "array", "items", "type", "object",
		"required", "type", "title", "status", "code"));

	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		char name[96], path[128], desc[160];
		json_t *params = json_array(), *sortv = json_array(), *list_resp, *item_params;

		json_object_set_new(schemas, e->schema_name, entity_schema(e, 0));
		snprintf(name, sizeof(name), "%sInput", e->schema_name);
		json_object_set_new(schemas, name, entity_schema(e, 1));
		snprintf(name, sizeof(name), "%sPatch", e->schema_name);
		json_object_set_new(schemas, name, entity_schema(e, 2));
		snprintf(name, sizeof(name), "%sPage", e->schema_name);
		json_object_set_new(schemas, name, json_pack("{s:s, s:{s:{s:s, s:o}, s:{s:s}, s:{s:[s,s]}}, s:[s,s,s]}",
			"type", "object", "properties", "items", "type", "array", "items", ref(e->schema_name),
			"total", "type", "integer", "next_cursor", "type", "string", "null",
			"required", "items", "total", "next_cursor"));

		json_array_append_new(params, param("limit", "page size (1-1000, default 50)",
						    json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1, "maximum", 1000)));
		json_array_append_new(params, param("cursor", "next_cursor of the previous page", json_pack("{s:s}", "type", "string")));
		for (int j = 0; j < e->nfields; j++) {
			json_array_append_new(sortv, json_string(e->fields[j].name));
			snprintf(name, sizeof(name), "-%s", e->fields[j].name);
			json_array_append_new(sortv, json_string(name));
		}
		json_array_append_new(params, param("sort", "field to sort on; - before it for descending order",
						    json_pack("{s:s, s:o}", "type", "string", "enum", sortv)));
		json_array_append_new(params, param("q", "text to find in the names and titles", json_pack("{s:s}", "type", "string")));
		json_array_append_new(params, param("lang", ts_entity_field(e, "lang")
			? "language of error titles and hints (ar, en, fr), and only records in this language"
			: "language of error titles and hints (ar, en, fr)",
			json_pack("{s:s, s:[s,s,s]}", "type", "string", "enum", "ar", "en", "fr")));
		for (int j = 0; j < e->nfields; j++) {
			const ts_field *f = &e->fields[j];
			if (!strcmp(f->name, "lang"))
				continue; /* the lang parameter above */
			snprintf(desc, sizeof(desc), "only records whose %s equals this value (empty: not known)", f->name);
			json_array_append_new(params, param(f->name, desc, json_pack("{s:s}", "type", "string")));
		}

		list_resp = json_object();
		snprintf(name, sizeof(name), "%sPage", e->schema_name);
		json_object_set_new(list_resp, "200", ok("a page of records", ref(name)));
		add_problems(list_resp, "400");
		snprintf(path, sizeof(path), "/api/v1/%s", e->collection);
		json_object_set_new(paths, path, json_pack("{s:{s:s, s:[s], s:o, s:o}}", "get", "summary", e->label[TS_EN],
							   "tags", e->collection, "parameters", params, "responses", list_resp));
		/* votes and ballots are written through their own operations (meeting_paths) */
		if (!(e->flags & TS_E_ACTIONS)) {
			json_t *post_resp = json_object();
			snprintf(name, sizeof(name), "%sInput", e->schema_name);
			json_object_set_new(post_resp, "201", ok("the record created", ref(e->schema_name)));
			add_problems(post_resp, "400 401 403 409 413 415 422");
			json_object_set_new(json_object_get(paths, path), "post", json_pack(
				"{s:s, s:[s], s:{s:b, s:o}, s:o, s:O, s:o}", "summary", "create", "tags", e->collection,
				"requestBody", "required", 1, "content", content("application/json", ref(name)), "responses",
				post_resp, "security", security, "x-tansiq-writers", writers(e)));
		}
		snprintf(path, sizeof(path), "/api/v1/%s/{id}", e->collection);
		item_params = json_pack("[{s:s, s:s, s:b, s:{s:s}}]", "name", "id", "in", "path", "required", 1, "schema",
					"type", "string");
		{
			json_t *get_resp = json_object(), *item;
			json_object_set_new(get_resp, "200", ok("the record", ref(e->schema_name)));
			add_problems(get_resp, "404");
			item = json_pack("{s:o, s:{s:s, s:[s], s:o}}", "parameters", item_params, "get", "summary", "read one",
					 "tags", e->collection, "responses", get_resp);
			if (!(e->flags & (TS_E_ACTIONS | TS_E_APPEND_ONLY))) {
				json_t *patch_resp = json_object(), *del_resp = json_object();
				json_object_set_new(patch_resp, "200", ok("the record changed", ref(e->schema_name)));
				add_problems(patch_resp, "400 401 403 404 409 413 415 422");
				json_object_set_new(del_resp, "204", json_pack("{s:s}", "description", "deleted"));
				add_problems(del_resp, "401 403 404 409");
				snprintf(name, sizeof(name), "%sPatch", e->schema_name);
				json_object_set_new(item, "patch", json_pack("{s:s, s:[s], s:{s:b, s:o}, s:o, s:O, s:o}", "summary",
					"change some fields", "tags", e->collection, "requestBody", "required", 1, "content",
					content("application/json", ref(name)), "responses", patch_resp, "security", security,
					"x-tansiq-writers", writers(e)));
				json_object_set_new(item, "delete", json_pack("{s:s, s:[s], s:o, s:O, s:o}", "summary", "delete",
					"tags", e->collection, "responses", del_resp, "security", security, "x-tansiq-writers",
					writers(e)));
			}
			json_object_set_new(paths, path, item);
		}
	}
	json_object_set_new(paths, "/api/v1/schema", json_pack("{s:{s:s, s:{s:o}}}", "get", "summary",
		"the entity descriptions: fields, types, labels in Arabic, English and French", "responses", "200",
		ok("the schema", json_pack("{s:s}", "type", "object"))));
	json_object_set_new(paths, "/api/v1/summary", json_pack("{s:{s:s, s:{s:o}}}", "get", "summary",
		"the organisation at a glance", "responses", "200", ok("counts and the current Secretary-General",
		json_pack("{s:s}", "type", "object"))));
	{
		json_t *params = json_array(), *resp = json_object();
		static const char *const names[][2] = {
			{"collection", "only changes to records of this collection"}, {"record", "only changes to this record id"},
			{"actor", "only changes made by this account"}, {"since", "from this date or UTC time, inclusive"},
			{"until", "before this date or UTC time"}, {"cursor", "next_cursor of the previous page"},
		};
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			json_array_append_new(params, param(names[i][0], names[i][1], json_pack("{s:s}", "type", "string")));
		json_array_append_new(params, param("limit", "page size (1-1000, default 50)",
						    json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1, "maximum", 1000)));
		json_object_set_new(resp, "200", ok("changes, newest first: who, when, from where, the record before and after",
						    json_pack("{s:s, s:{s:{s:s}, s:{s:[s,s]}}}", "type", "object", "properties", "items",
							      "type", "array", "next_cursor", "type", "string", "null")));
		add_problems(resp, "400 401 403");
		json_object_set_new(paths, "/api/v1/audit", json_pack("{s:{s:s, s:o, s:o, s:O}}", "get", "summary",
			"the audit log (administrators)", "parameters", params, "responses", resp, "security", security));
	}
	json_object_set_new(paths, "/api/v1/openapi.json", json_pack("{s:{s:s, s:{s:o}}}", "get", "summary",
		"this document", "responses", "200", ok("the OpenAPI document", json_pack("{s:s}", "type", "object"))));
	{
		json_t *sess = json_pack("{s:s, s:s, s:{s:{s:s}, s:{s:s, s:{s:s}}, s:{s:s}, s:{s:[s,s]}, s:{s:s}, s:{s:s}}}",
					 "type", "object", "description", "the signed-in account (as /api/v1/account) and its session",
					 "properties", "username", "type", "string", "roles", "type", "array", "items", "type",
					 "string", "role", "type", "string", "state", "type", "string", "null", "csrf", "type",
					 "string", "expires", "type", "integer");
		json_t *login = json_pack("{s:s, s:{s:{s:s}, s:{s:s}}, s:[s,s], s:b}", "type", "object", "properties",
					  "username", "type", "string", "password", "type", "string", "required",
					  "username", "password", "additionalProperties", 0);
		json_t *r_get = json_object(), *r_post = json_object(), *r_del = json_object();
		json_object_set_new(r_get, "200", ok("who is signed in", json_incref(sess)));
		add_problems(r_get, "401");
		json_object_set_new(r_post, "200", ok("signed in; the cookie is set", sess));
		add_problems(r_post, "400 401 415");
		json_object_set_new(r_del, "204", json_pack("{s:s}", "description", "signed out"));
		json_object_set_new(paths, "/api/v1/session", json_pack(
			"{s:{s:s, s:o}, s:{s:s, s:{s:b, s:o}, s:o}, s:{s:s, s:o}}",
			"get", "summary", "the signed-in account", "responses", r_get,
			"post", "summary", "sign in", "requestBody", "required", 1, "content", content("application/json", login),
			"responses", r_post, "delete", "summary", "sign out", "responses", r_del));
	}
	account_paths(paths, security);
	meeting_paths(paths, security);
	implementation_paths(paths, security);
	events_paths(paths, security);
	forecast_paths(paths, security);
	alerts_paths(paths, security);
	mediation_paths(paths, security);
	search_paths(paths, security);
	json_decref(security);
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:o, s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:{s:s, s:s}}}}",
			 "openapi", "3.1.0", "info", "title", "Tansiq API", "version", version, "description",
			 "The information system of the Organisation of Islamic Cooperation: the registry of the organisation. "
			 "Errors are application/problem+json (RFC 9457).",
			 "servers", "url", "/", "paths", paths, "components", "schemas", schemas, "securitySchemes",
			 "basic", "type", "http", "scheme", "basic", "session", "type", "apiKey", "in", "cookie", "name",
			 "tansiq_session", "bearer", "type", "http", "scheme", "bearer");
}
