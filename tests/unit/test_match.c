/* Matching the network to a mediation process (ts_match, ts_match_check) on a small fixture: a
 * process on Sudan (state party SDN; parties "Sudanese Armed Forces; Rapid Support Forces";
 * languages ar en; two areas of expertise) and a roster of members, each excluded by one hard
 * rule or scored by hand: the exact ranking, the points of each reason, two members of equal
 * score ranked by id, what a weight record changes (weights are data; a missing one weighs 0),
 * the code of conduct waived while none is adopted and required once one is, open places
 * counted only on processes not closed and places not ended, two runs equal, and the refusals of
 * ts_match_check (and of placing a member on a team, which calls it). */
#include <math.h>

#include "unit.h"

/* ---- helpers ---- */

static const char *s(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static double num(const json_t *o, const char *k) { return json_number_value(json_object_get(o, k)); }

static void begin(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	must(ts_store_begin(st, &err), &err);
}

static void commit(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	must(ts_store_commit(st, &err), &err);
}

/* A member of the network, nominated by the Secretary-General; extra is more JSON members. */
static void member(ts_store *st, const char *id, const char *nationality, const char *extra)
{
	char buf[800];

	snprintf(buf, sizeof(buf), "{\"id\":\"%s\",\"name_en\":\"Member %s\",\"kind\":\"mediator\",\"nominated_by\":"
		 "\"secretary_general\",\"nationality\":\"%s\"%s%s}", id, id, nationality, extra ? "," : "", extra ? extra : "");
	make(st, "mediators", buf);
}

static void approve(ts_store *st, const char *id)
{
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;

	must(ts_mediator_decide(st, id, "approved", NULL, &out, &err), &err);
	json_decref(out);
}

static void weight(ts_store *st, const char *criterion, double w)
{
	ts_error err = TS_ERROR_INIT;
	json_t *patch = json_pack("{sf}", "weight", w);

	begin(st);
	must(ts_record_update(st, entity("match-weights"), criterion, patch, NULL, &err), &err);
	commit(st);
	json_decref(patch);
}

/* The world, the process p-sdn (and p-som, p-old), the weights of the default data, and the
 * roster:
 *   amina   SEN  ar:fluent en:native, both areas, africa, SDN, 25 years, 2 certificates;
 *                a place on p-old (closed) and an ended one on p-som: no open place    12.00
 *   bilal   TUR  ar:working en:fluent, ceasefire-security, middle_east, SSD, 10 years,
 *                1 certificate, limited, one open place of 2 (p-som)                    4.90
 *   dawud,  MYS  en:basic, no expertise, africa, 5 years (equal scores: dawud first)     2.58
 *   dina
 *   unav    SEN  unavailable                                            excluded: availability
 *   sudani  SDN  a national of the state party                          excluded: nationality
 *   tied    EGY  an interest in " rapid support FORCES "                excluded: interest
 *   hamid   EGY  an interest touching the state SDN                     excluded: interest
 *   busy    MYS  max_load 1, on p-som                                   excluded: load
 *   onteam  SEN  already on p-sdn's team                                excluded: team
 *   nomi    SEN  nominated, not approved: not in the roster
 *   gone    SEN  approved, then withdrawn: not in the roster */
static void fixture_world(ts_store *st)
{
	static const char *const countries[][3] = {
		{"SDN", "Sudan", "africa"}, {"SSD", "South Sudan", "africa"}, {"SOM", "Somalia", "africa"},
		{"SEN", "Senegal", "africa"}, {"EGY", "Egypt", "africa"}, {"TUR", "Türkiye", "europe"},
		{"MYS", "Malaysia", "asia"},
	};
	static const char *const weights[][2] = {{"languages", "3"}, {"region", "1"}, {"country", "2"}, {"expertise", "3"},
						 {"certificates", "1"}, {"seniority", "1"}, {"load", "1"}};
	char buf[400];
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;

	ts_mediation_set_clock(1795000000); /* 2026-11-18 */
	begin(st);
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++) {
		snprintf(buf, sizeof(buf), "{\"id\":\"%s\",\"name_en\":\"%s\",\"region\":\"%s\"}", countries[i][0],
			 countries[i][1], countries[i][2]);
		make(st, "countries", buf);
	}
	make(st, "states", "{\"id\":\"SDN\",\"name_en\":\"Sudan\",\"status\":\"member\",\"accession_year\":1969}");
	make(st, "states", "{\"id\":\"SEN\",\"name_en\":\"Senegal\",\"status\":\"member\",\"accession_year\":1969}");
	for (size_t i = 0; i < sizeof(weights) / sizeof(weights[0]); i++) {
		snprintf(buf, sizeof(buf), "{\"id\":\"%s\",\"weight\":%s}", weights[i][0], weights[i][1]);
		make(st, "match-weights", buf);
	}
	make(st, "expertise-areas", "{\"id\":\"ceasefire-security\",\"name_en\":\"Ceasefire and security arrangements\"}");
	make(st, "expertise-areas", "{\"id\":\"process-design\",\"name_en\":\"Process design\"}");
	make(st, "expertise-areas", "{\"id\":\"power-sharing\",\"name_en\":\"Power sharing\"}");
	make(st, "processes", "{\"id\":\"p-sdn\",\"title_en\":\"Sudan talks\",\"country\":\"SDN\",\"authority\":"
			      "\"secretary_general\",\"sg_decision\":\"Letter of the Secretary-General, 2026-05-02\","
			      "\"party_states\":\"SDN\",\"parties\":\"Sudanese Armed Forces; Rapid Support Forces\","
			      "\"languages\":\"ar en\",\"expertise\":\"ceasefire-security process-design\"}");
	make(st, "processes", "{\"id\":\"p-som\",\"title_en\":\"Somalia talks\",\"country\":\"SOM\",\"authority\":"
			      "\"secretary_general\",\"sg_decision\":\"Letter of the Secretary-General, 2026-01-10\","
			      "\"party_states\":\"SOM\",\"languages\":\"so ar\"}");
	make(st, "processes", "{\"id\":\"p-old\",\"title_en\":\"Old talks\",\"country\":\"SOM\",\"authority\":"
			      "\"secretary_general\",\"sg_decision\":\"Letter of the Secretary-General, 2020-01-10\"}");
	make(st, "trainings", "{\"id\":\"t1\",\"title_en\":\"Mediation for Peace 1\",\"kind\":\"certificate_programme\"}");
	make(st, "trainings", "{\"id\":\"t2\",\"title_en\":\"Mediation for Peace 2\",\"kind\":\"certificate_programme\"}");

	member(st, "amina", "SEN", "\"languages\":\"ar:fluent en:native\",\"expertise\":\"ceasefire-security process-design\","
		   "\"regions\":\"africa\",\"countries\":\"SDN\",\"experience_years\":31,\"max_load\":2");
	member(st, "bilal", "TUR", "\"languages\":\"ar:working en:fluent fr:native\",\"expertise\":\"ceasefire-security "
		   "power-sharing\",\"regions\":\"middle_east\",\"countries\":\"SSD\",\"experience_years\":10,"
		   "\"availability\":\"limited\",\"max_load\":2");
	member(st, "dina", "MYS", "\"languages\":\"en:basic\",\"regions\":\"africa\",\"experience_years\":5,\"max_load\":2");
	member(st, "dawud", "MYS", "\"languages\":\"en:basic\",\"regions\":\"africa\",\"experience_years\":5,\"max_load\":2");
	member(st, "unav", "SEN", "\"languages\":\"ar:native\",\"availability\":\"unavailable\"");
	member(st, "sudani", "SDN", "\"languages\":\"ar:native en:fluent\",\"countries\":\"SDN\",\"experience_years\":20");
	member(st, "tied", "EGY", "\"languages\":\"ar:native\"");
	member(st, "hamid", "EGY", "\"languages\":\"ar:native\"");
	member(st, "busy", "MYS", "\"max_load\":1");
	member(st, "onteam", "SEN", "\"max_load\":3");
	member(st, "nomi", "SEN", "\"languages\":\"ar:native en:native\"");
	member(st, "gone", "SEN", "\"languages\":\"ar:native en:native\"");
	commit(st);

	/* the secretariat approves */
	as(st, TS_ROLE_SECRETARIAT, "sec", NULL);
	begin(st);
	approve(st, "amina");
	approve(st, "bilal");
	approve(st, "dina");
	approve(st, "dawud");
	approve(st, "unav");
	approve(st, "sudani");
	approve(st, "tied");
	approve(st, "hamid");
	approve(st, "busy");
	approve(st, "onteam");
	approve(st, "gone");
	must(ts_mediator_decide(st, "gone", "withdrawn", "Withdrew from the network in writing", &out, &err), &err);
	json_decref(out);
	commit(st);

	begin(st);
	make(st, "interests", "{\"mediator\":\"tied\",\"kind\":\"party\",\"party\":\" rapid support FORCES \","
			      "\"description\":\"Adviser to the party's delegation, 2019-2020\"}");
	make(st, "interests", "{\"mediator\":\"hamid\",\"kind\":\"state\",\"country\":\"SDN\",\"description\":\"Consultant "
			      "to the government, 2021\"}");
	make(st, "interests", "{\"mediator\":\"amina\",\"kind\":\"party\",\"party\":\"Another Front\",\"description\":"
			      "\"Board member\"}"); /* touches no party of p-sdn */
	make(st, "training-participants", "{\"training\":\"t1\",\"mediator\":\"amina\",\"result\":\"certified\","
					  "\"certificate\":\"Mediation for Peace\"}");
	make(st, "training-participants", "{\"training\":\"t2\",\"mediator\":\"amina\",\"result\":\"certified\","
					  "\"certificate\":\"Mediation for Peace\"}");
	make(st, "training-participants", "{\"training\":\"t1\",\"mediator\":\"bilal\",\"result\":\"certified\","
					  "\"certificate\":\"Mediation for Peace\"}");
	make(st, "training-participants", "{\"training\":\"t1\",\"mediator\":\"dina\",\"result\":\"completed\"}");
	/* places: amina on p-old (to be closed) and on p-som (ended); bilal and busy on p-som; onteam on p-sdn */
	make(st, "process-team", "{\"process\":\"p-old\",\"mediator\":\"amina\",\"role\":\"member\"}");
	make(st, "process-team", "{\"process\":\"p-som\",\"mediator\":\"amina\",\"role\":\"member\",\"since\":\"2026-01-10\","
				 "\"until\":\"2026-06-30\"}");
	make(st, "process-team", "{\"process\":\"p-som\",\"mediator\":\"bilal\",\"role\":\"lead\"}");
	make(st, "process-team", "{\"process\":\"p-som\",\"mediator\":\"busy\",\"role\":\"member\"}");
	make(st, "process-team", "{\"process\":\"p-sdn\",\"mediator\":\"onteam\",\"role\":\"member\"}");
	must(ts_process_stage(st, "p-old", "closed", NULL, NULL, &out, &err), &err);
	/* declared after bilal's place on p-som: it touches Somalia, not Sudan */
	make(st, "interests", "{\"mediator\":\"bilal\",\"kind\":\"state\",\"country\":\"SOM\",\"description\":\"Adviser\"}");
	json_decref(out);
	commit(st);
}

static json_t *match(ts_store *st, int limit, int with_excluded)
{
	ts_error err = TS_ERROR_INIT;
	ts_match_opts o = {limit, with_excluded};
	json_t *out = NULL;

	must(ts_match(st, "p-sdn", &o, &out, &err), &err);
	return out;
}

/* The ids of the candidates, in order, joined by spaces. */
static const char *order(const json_t *out, char *buf, size_t size)
{
	const json_t *c;
	size_t i;

	buf[0] = 0;
	json_array_foreach(json_object_get(out, "candidates"), i, c)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? " " : "", s(c, "id"));
	return buf;
}

static const json_t *candidate(const json_t *out, const char *id)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(out, "candidates"), i, c)
		if (!strcmp(s(c, "id"), id))
			return c;
	fail_msg("no candidate %s", id);
	return NULL;
}

static const json_t *reason(const json_t *c, const char *criterion)
{
	const json_t *r;
	size_t i;

	json_array_foreach(json_object_get(c, "reasons"), i, r)
		if (!strcmp(s(r, "criterion"), criterion))
			return r;
	return NULL;
}

static void points(const json_t *c, const char *criterion, double want, const char *says)
{
	const json_t *r = reason(c, criterion);

	if (!r)
		fail_msg("%s has no reason %s", s(c, "id"), criterion);
	if (fabs(num(r, "points") - want) > 1e-9)
		fail_msg("%s: %s gives %.2f points; expected %.2f (%s)", s(c, "id"), criterion, num(r, "points"), want,
			 s(r, "detail"));
	if (says && !strstr(s(r, "detail"), says))
		fail_msg("%s: %s says \"%s\"; expected \"%s\"", s(c, "id"), criterion, s(r, "detail"), says);
}

static const char *rule_of(const json_t *out, const char *id, const char **detail)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(out, "excluded"), i, c)
		if (!strcmp(s(c, "id"), id)) {
			*detail = s(c, "detail");
			return s(c, "rule");
		}
	fail_msg("%s is not among the excluded", id);
	return NULL;
}

static long long count(const json_t *out, const char *k)
{
	return json_integer_value(json_object_get(json_object_get(out, "counts"), k));
}

static long long by_rule(const json_t *out, const char *rule)
{
	return json_integer_value(json_object_get(json_object_get(json_object_get(out, "counts"), "by_rule"), rule));
}

/* ---- tests ---- */

static void test_ranking(void **state)
{
	fixture *fx = *state;
	json_t *out;
	const json_t *c;
	char buf[200];

	fixture_world(fx->st);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	out = match(fx->st, 0, 1);
	assert_string_equal(order(out, buf, sizeof(buf)), "amina bilal dawud dina");
	assert_string_equal(s(out, "process"), "p-sdn");

	c = candidate(out, "amina");
	assert_int_equal(json_integer_value(json_object_get(c, "rank")), 1);
	assert_float_equal(num(c, "score"), 12.0, 1e-9);
	assert_string_equal(s(c, "name_en"), "Member amina");
	assert_string_equal(s(c, "nationality"), "SEN");
	points(c, "languages", 3, "speaks ar (fluent), en (native): 2 of 2 languages of the parties");
	points(c, "region", 1, "africa");
	points(c, "country", 2, "SDN");
	points(c, "expertise", 3, "2 of the 2 areas");
	points(c, "certificates", 1, "2 certificates");
	points(c, "seniority", 1, "31 years"); /* 25 count whole */
	points(c, "load", 1, "no open process"); /* a closed process and an ended place do not count */
	assert_int_equal(json_array_size(json_object_get(c, "reasons")), 7);

	c = candidate(out, "bilal");
	assert_int_equal(json_integer_value(json_object_get(c, "rank")), 2);
	assert_float_equal(num(c, "score"), 4.9, 1e-9);
	points(c, "languages", 2.25, "ar (working), en (fluent)");
	points(c, "region", 0, "no experience in africa");
	points(c, "country", 0, "no experience in SDN");
	points(c, "expertise", 1.5, "1 of the 2");
	points(c, "certificates", 0.5, "1 certificate");
	points(c, "seniority", 0.4, "10 years");
	points(c, "load", 0.25, "1 open process of 2 at most; partly available");

	/* equal scores, distinct ranks: by id */
	assert_float_equal(num(candidate(out, "dawud"), "score"), 2.58, 1e-9);
	assert_float_equal(num(candidate(out, "dina"), "score"), 2.58, 1e-9);
	assert_int_equal(json_integer_value(json_object_get(candidate(out, "dawud"), "rank")), 3);
	assert_int_equal(json_integer_value(json_object_get(candidate(out, "dina"), "rank")), 4);
	points(candidate(out, "dina"), "languages", 0.38, "en (basic): 1 of 2"); /* 3 x 0.25 / 2 = 0.375 */
	points(candidate(out, "dina"), "certificates", 0, "no certificate"); /* completed, not certified */

	/* the roster: the approved only (not nomi, nominated; not gone, withdrawn) */
	assert_int_equal(count(out, "roster"), 10);
	assert_int_equal(count(out, "eligible"), 4);
	assert_int_equal(count(out, "excluded"), 6);
	assert_int_equal(by_rule(out, "availability"), 1);
	assert_int_equal(by_rule(out, "code_of_conduct"), 0);
	assert_int_equal(by_rule(out, "nationality"), 1);
	assert_int_equal(by_rule(out, "interest"), 2);
	assert_int_equal(by_rule(out, "load"), 1);
	assert_int_equal(by_rule(out, "team"), 1);
	json_decref(out);
}

static void test_excluded(void **state)
{
	fixture *fx = *state;
	json_t *out;
	const char *d;
	const json_t *c;
	size_t i;

	fixture_world(fx->st);
	out = match(fx->st, 0, 1);
	assert_int_equal(json_array_size(json_object_get(out, "excluded")), 6);
	assert_string_equal(rule_of(out, "unav", &d), "availability");
	assert_string_equal(rule_of(out, "sudani", &d), "nationality");
	assert_non_null(strstr(d, "national of SDN"));
	assert_string_equal(rule_of(out, "tied", &d), "interest"); /* trimmed, either case */
	assert_non_null(strstr(d, "Adviser to the party's delegation"));
	assert_string_equal(rule_of(out, "hamid", &d), "interest");
	assert_non_null(strstr(d, "SDN, a state party"));
	assert_string_equal(rule_of(out, "busy", &d), "load");
	assert_non_null(strstr(d, "max_load 1"));
	assert_string_equal(rule_of(out, "onteam", &d), "team");
	/* sorted by id */
	json_array_foreach(json_object_get(out, "excluded"), i, c)
		if (i)
			assert_true(strcmp(s(json_array_get(json_object_get(out, "excluded"), i - 1), "id"), s(c, "id")) < 0);
	json_decref(out);

	/* limit: the first `limit` shown, all counted; without with_excluded, none listed */
	out = match(fx->st, 2, 0);
	assert_int_equal(json_array_size(json_object_get(out, "candidates")), 2);
	assert_int_equal(json_array_size(json_object_get(out, "excluded")), 0);
	assert_int_equal(count(out, "eligible"), 4);
	assert_int_equal(count(out, "excluded"), 6);
	json_decref(out);
	out = match(fx->st, 3, 1);
	assert_int_equal(json_array_size(json_object_get(out, "excluded")), 3);
	assert_string_equal(s(json_array_get(json_object_get(out, "excluded"), 0), "id"), "busy");
	json_decref(out);
}

static void test_weights_are_data(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out;
	char buf[200];

	fixture_world(fx->st);
	/* the region weighs 20, the languages nothing: dawud and dina (africa) pass bilal */
	weight(fx->st, "region", 20);
	weight(fx->st, "languages", 0);
	out = match(fx->st, 0, 0);
	assert_string_equal(order(out, buf, sizeof(buf)), "amina dawud dina bilal");
	assert_float_equal(num(candidate(out, "dawud"), "score"), 21.2, 1e-9);
	assert_null(reason(candidate(out, "dawud"), "languages")); /* weighs nothing: no reason */
	assert_float_equal(num(json_object_get(out, "weights"), "region"), 20, 1e-9);
	json_decref(out);

	/* a missing record weighs 0 */
	begin(fx->st);
	must(ts_record_delete(fx->st, entity("match-weights"), "load", &err), &err);
	commit(fx->st);
	out = match(fx->st, 0, 0);
	assert_float_equal(num(json_object_get(out, "weights"), "load"), 0, 1e-9);
	assert_null(reason(candidate(out, "amina"), "load"));
	assert_float_equal(num(candidate(out, "amina"), "score"), 27.0, 1e-9);
	json_decref(out);
}

static void test_code_of_conduct(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out, *signed_ = NULL;
	const char *d;
	char buf[200];

	fixture_world(fx->st);
	/* none adopted: the rule is waived, and the answer says so */
	out = match(fx->st, 0, 0);
	assert_true(json_is_null(json_object_get(out, "code")));
	assert_int_equal(json_array_size(json_object_get(out, "waived")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(out, "waived"), 0)), "code_of_conduct");
	json_decref(out);

	/* adopted: only amina and bilal sign it */
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	begin(fx->st);
	make(fx->st, "codes-of-conduct", "{\"id\":\"code-1\",\"version\":1,\"title_en\":\"Code of conduct\",\"status\":"
					 "\"adopted\",\"adopted_on\":\"2026-09-01\",\"text_en\":\"The mediator is impartial.\"}");
	must(ts_mediator_sign(fx->st, "amina", NULL, &signed_, &err), &err);
	json_decref(signed_);
	must(ts_mediator_sign(fx->st, "bilal", "code-1", &signed_, &err), &err);
	json_decref(signed_);
	commit(fx->st);
	out = match(fx->st, 0, 1);
	assert_string_equal(order(out, buf, sizeof(buf)), "amina bilal");
	assert_string_equal(s(json_object_get(out, "code"), "id"), "code-1");
	assert_int_equal(json_array_size(json_object_get(out, "waived")), 0);
	assert_string_equal(rule_of(out, "dina", &d), "code_of_conduct");
	assert_non_null(strstr(d, "has not signed the code of conduct in force, code-1 (version 1)"));
	/* the rules are tried in order: the unavailable member is excluded for that, first */
	assert_string_equal(rule_of(out, "unav", &d), "availability");
	assert_int_equal(by_rule(out, "code_of_conduct"), 7); /* dawud dina sudani tied hamid busy onteam */
	json_decref(out);
}

static void test_deterministic(void **state)
{
	fixture *fx = *state;
	json_t *a, *b;

	fixture_world(fx->st);
	a = match(fx->st, 0, 1);
	b = match(fx->st, 0, 1);
	assert_true(json_equal(a, b));
	json_decref(a);
	json_decref(b);
}

/* The roster kept in memory between calls follows every change: a member who becomes unavailable
 * leaves the ranking, a nomination approved joins it, a place that ends frees the load. */
static void test_roster_follows_changes(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out, *patch;
	const char *detail = NULL;
	char buf[200];

	fixture_world(fx->st);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	out = match(fx->st, 0, 1);
	assert_string_equal(order(out, buf, sizeof(buf)), "amina bilal dawud dina");
	json_decref(out);

	begin(fx->st);
	patch = json_pack("{ss}", "availability", "unavailable");
	must(ts_record_update(fx->st, entity("mediators"), "dina", patch, NULL, &err), &err);
	json_decref(patch);
	approve(fx->st, "nomi");
	commit(fx->st);
	out = match(fx->st, 0, 1);
	/* nomi: languages 3 and load 1, 4.00, between bilal (4.90) and dawud (2.58) */
	assert_string_equal(order(out, buf, sizeof(buf)), "amina bilal nomi dawud");
	assert_string_equal(rule_of(out, "dina", &detail), "availability");
	json_decref(out);
}

static void test_check(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;

	fixture_world(fx->st);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	must(ts_match_check(fx->st, "p-sdn", "amina", &err), &err);
	refused_saying(ts_match_check(fx->st, "p-sdn", "sudani", &err), &err, TS_INVALID_VALUE, "mediator",
		"is a national of SDN, a state party to process p-sdn: a mediator is not placed on a process of their own state");
	refused_saying(ts_match_check(fx->st, "p-sdn", "nomi", &err), &err, TS_INVALID_VALUE, "mediator",
		"only approved members of the network are placed on a team; approve the nomination first");
	refused_saying(ts_match_check(fx->st, "p-sdn", "gone", &err), &err, TS_INVALID_VALUE, "mediator", "is withdrawn");
	refused_saying(ts_match_check(fx->st, "p-sdn", "unav", &err), &err, TS_INVALID_VALUE, "mediator", "rule availability");
	refused_saying(ts_match_check(fx->st, "p-sdn", "tied", &err), &err, TS_INVALID_VALUE, "mediator", "rule interest");
	refused_saying(ts_match_check(fx->st, "p-sdn", "busy", &err), &err, TS_INVALID_VALUE, "mediator", "raise their max_load");
	refused_saying(ts_match_check(fx->st, "p-sdn", "onteam", &err), &err, TS_INVALID_VALUE, "mediator", "rule team");
	refused_saying(ts_match_check(fx->st, "p-sdn", "nobody", &err), &err, TS_UNKNOWN_REFERENCE, "mediator", NULL);
	refused_saying(ts_match_check(fx->st, "p-none", "amina", &err), &err, TS_UNKNOWN_REFERENCE, "process", NULL);
	/* bilal's interest touches Somalia: free for Sudan, not for Somalia */
	must(ts_match_check(fx->st, "p-sdn", "bilal", &err), &err);
	refused_saying(ts_match_check(fx->st, "p-som", "bilal", &err), &err, TS_INVALID_VALUE, "mediator", "SOM, a state party");

	/* placing a member on the team runs the same rules; nothing is written when refused */
	{
		json_t *in = load("{\"process\":\"p-sdn\",\"mediator\":\"sudani\",\"role\":\"member\"}"), *out = NULL;
		begin(fx->st);
		refused_saying(ts_record_create(fx->st, entity("process-team"), in, NULL, &err), &err, TS_INVALID_VALUE, "mediator",
			"national of SDN");
		ts_store_rollback(fx->st);
		json_decref(in);
		out = match(fx->st, 0, 0);
		assert_int_equal(by_rule(out, "team"), 1);
		json_decref(out);
	}
	{
		ts_match_opts o = {0, 0};
		json_t *out = NULL;
		refused_saying(ts_match(fx->st, "p-none", &o, &out, &err), &err, TS_NOT_FOUND, "process", NULL);
		assert_null(out);
		o.limit = 100000;
		refused_saying(ts_match(fx->st, "p-sdn", &o, &out, &err), &err, TS_INVALID_VALUE, "limit", NULL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_excluded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weights_are_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_of_conduct, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roster_follows_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
