/* Meetings, resolutions and votes: resolution codes, the arithmetic of decisions under three
 * rule sets (quorum just met and just missed, ties, abstentions that count or not), and the
 * whole flow against a real store: attendance, a vote opened, ballots, closing, the draft's
 * new status, and the refusals that change nothing. */
#include "unit.h"

/* ---- resolution codes ---- */

static void test_rescode_latin(void **state)
{
	ts_rescode c;
	ts_error err = TS_ERROR_INIT;
	char out[TS_RESCODE_MAX], slug[64];

	(void)state;
	assert_int_equal(ts_rescode_parse("53/45-POL", &c, "code", &err), 0);
	assert_int_equal(c.number, 53);
	assert_int_equal(c.session, 45);
	assert_string_equal(c.category, "POL");
	assert_false(c.summit);
	assert_false(c.arabic);
	assert_int_equal(ts_rescode_parse(" 45 / 10 – P (IS) ", &c, "code", &err), 0);
	assert_int_equal(c.number, 45);
	assert_int_equal(c.session, 10);
	assert_true(c.summit);
	assert_int_equal(ts_rescode_format(&c, "P", 0, out, sizeof(out)), 0);
	assert_string_equal(out, "45/10-P(IS)");
	assert_int_equal(ts_rescode_slug(&c, "P", slug, sizeof(slug)), 0);
	assert_string_equal(slug, "45-10-p-is");
	assert_int_equal(ts_rescode_parse("1/44-S&T", &c, "code", &err), 0);
	assert_int_equal(ts_rescode_slug(&c, "S&T", slug, sizeof(slug)), 0);
	assert_string_equal(slug, "1-44-s-t");
	assert_int_equal(ts_rescode_parse("1/46-PoA", &c, "code", &err), 0);
	assert_string_equal(c.category, "PoA");
	assert_int_equal(ts_rescode_format(&c, "PoA", 0, out, 5), -1); /* too small */
}

static void test_rescode_arabic(void **state)
{
	ts_rescode c;
	ts_error err = TS_ERROR_INIT;
	char out[TS_RESCODE_MAX];

	(void)state;
	/* the sources' form: the session first, the category as a letter */
	assert_int_equal(ts_rescode_parse("45/53-س", &c, "code", &err), 0);
	assert_true(c.arabic);
	assert_int_equal(c.number, 53);
	assert_int_equal(c.session, 45);
	assert_string_equal(c.category, "س");
	assert_int_equal(ts_rescode_format(&c, "س", 1, out, sizeof(out)), 0);
	assert_string_equal(out, "45/53-س");
	assert_int_equal(ts_rescode_format(&c, "POL", 0, out, sizeof(out)), 0);
	assert_string_equal(out, "53/45-POL");
	/* Arabic-Indic digits */
	assert_int_equal(ts_rescode_parse("٤٥/٥٣-س", &c, "code", &err), 0);
	assert_int_equal(c.number, 53);
	assert_int_equal(c.session, 45);
}

static void test_rescode_bad(void **state)
{
	static const char *const bad[] = {
		"", "POL", "53/45", "53-45-POL", "53/45-", "53/45-P0L", "53/45-POL extra", "12345/45-POL",
		"53/0-POL", "0/45-POL", "53/1000-POL", "/45-POL", "53/45-POL(IS", "53/45-\xff",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ts_rescode c;
		ts_error err = TS_ERROR_INIT;
		if (ts_rescode_parse(bad[i], &c, "code", &err) == 0)
			fail_msg("'%s' parsed", bad[i]);
		assert_int_equal(err.code, TS_INVALID_VALUE);
		assert_string_equal(err.field, "code");
		assert_non_null(strstr(err.detail, "N/SS-CAT"));
	}
}

/* ---- the arithmetic ---- */

static const ts_decision_rule oic = {2, 3, 0, 1, 2, 3, 0, TS_BASE_PRESENT_AND_VOTING, 0, 0};
static const ts_decision_rule simple = {1, 2, 0, 0, 1, 2, 1, TS_BASE_PRESENT_AND_VOTING, 0, 0};
static const ts_decision_rule counting = {1, 2, 0, 0, 1, 2, 1, TS_BASE_PRESENT_AND_VOTING, 1, 0};

static void test_quorum(void **state)
{
	ts_tally t = {57, 56, 37, 37, 0, 0, 0};
	ts_decision d;

	(void)state;
	assert_int_equal(ts_quorum_required(&oic, 57), 38); /* 2/3 of 57 = 38: rounded up */
	assert_int_equal(ts_quorum_required(&oic, 56), 38);
	assert_int_equal(ts_quorum_required(&oic, 54), 36);
	assert_int_equal(ts_quorum_required(&simple, 57), 29);
	ts_decide(&oic, &t, &d);
	assert_false(d.quorum_met);
	assert_string_equal(d.decided_by, "no_quorum");
	assert_false(d.adopted);
	t.present = t.present_voters = 38;
	t.yes = 38;
	ts_decide(&oic, &t, &d);
	assert_true(d.quorum_met);
	assert_true(d.adopted);
}

static void test_majorities(void **state)
{
	ts_tally t = {57, 56, 40, 40, 20, 10, 5};
	ts_decision d;

	(void)state;
	/* OIC: two-thirds of those present and voting; 20 of 30 is exactly two-thirds */
	ts_decide(&oic, &t, &d);
	assert_int_equal(d.base, 30);
	assert_int_equal(d.required, 20);
	assert_int_equal(d.not_voting, 5);
	assert_true(d.adopted);
	t.yes = 19;
	ts_decide(&oic, &t, &d);
	assert_int_equal(d.required, 20); /* 2/3 of 29 = 19.33 */
	assert_false(d.adopted);
	assert_string_equal(d.decided_by, "short_of_majority");

	/* simple majority: a tie fails, one more yes carries */
	t = (ts_tally){57, 56, 30, 30, 10, 10, 5};
	ts_decide(&simple, &t, &d);
	assert_int_equal(d.required, 11);
	assert_false(d.adopted);
	t.yes = 11;
	ts_decide(&simple, &t, &d);
	assert_true(d.adopted);

	/* abstentions that count: 11 yes, 10 no, 5 abstentions is not more than half of 26 */
	ts_decide(&counting, &t, &d);
	assert_int_equal(d.base, 26);
	assert_int_equal(d.required, 14);
	assert_false(d.adopted);

	/* nobody voting adopts nothing */
	t = (ts_tally){57, 56, 40, 40, 0, 0, 40};
	ts_decide(&oic, &t, &d);
	assert_int_equal(d.required, 1);
	assert_false(d.adopted);
}

static void test_rule_read(void **state)
{
	json_t *rec = load("{\"id\":\"r\",\"quorum_num\":2,\"quorum_den\":3,\"quorum_base\":\"members\",\"consensus\":true,"
			   "\"majority_num\":1,\"majority_den\":2,\"majority_compare\":\"more_than\",\"majority_base\":"
			   "\"present\",\"abstentions_count\":false,\"voters\":\"all_members\"}");
	ts_decision_rule r;
	ts_error err = TS_ERROR_INIT;

	(void)state;
	assert_int_equal(ts_decision_rule_read(rec, &r, &err), 0);
	assert_true(r.consensus);
	assert_true(r.more_than);
	assert_int_equal(r.base, TS_BASE_PRESENT);
	assert_true(r.suspended_vote);
	json_object_set_new(rec, "majority_num", json_integer(3));
	assert_int_equal(ts_decision_rule_read(rec, &r, &err), -1);
	assert_string_equal(err.field, "rule");
	json_decref(rec);
}

/* ---- the flow against a store ---- */

static void add(ts_store *st, const char *collection, const char *json)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(json);

	must(ts_record_create(st, entity(collection), in, NULL, &err), &err);
	json_decref(in);
}

static void as_delegate(ts_store *st, const char *state)
{
	ts_viewer v = {TS_ROLE_DELEGATE, "", ""};

	snprintf(v.username, sizeof(v.username), "del-%s", state);
	snprintf(v.state, sizeof(v.state), "%s", state);
	ts_store_set_viewer(st, &v);
}

/* Five member states, one suspended, one observer; rule: quorum 3/5, simple majority. */
static void small_world(ts_store *st)
{
	static const char *const states[][2] = {
		{"AAA", "member"}, {"BBB", "member"}, {"CCC", "member"}, {"DDD", "member"}, {"EEE", "member"},
		{"SSS", "suspended"}, {"OOO", "observer"},
	};
	char json[256];

	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		snprintf(json, sizeof(json), "{\"id\":\"%s\",\"name_en\":\"%s\",\"status\":\"%s\"%s}", states[i][0],
			 states[i][0], states[i][1], !strcmp(states[i][1], "member") ? ",\"accession_year\":1970"
			 : !strcmp(states[i][1], "suspended") ? ",\"accession_year\":1970,\"suspended_since\":\"2012\""
			 : ",\"observer_since\":2000");
		add(st, "states", json);
	}
	add(st, "decision-rules", "{\"id\":\"r\",\"name_en\":\"r\",\"quorum_num\":3,\"quorum_den\":5,\"majority_num\":1,"
				 "\"majority_den\":2,\"majority_compare\":\"more_than\",\"consensus\":false}");
	add(st, "organs", "{\"id\":\"o\",\"name_en\":\"Organ\",\"kind\":\"council\",\"cycle\":\"periodic\",\"cycle_months\":12,"
			 "\"decision_rule\":\"r\"}");
	add(st, "meetings", "{\"id\":\"m\",\"organ\":\"o\",\"session_number\":1,\"title_en\":\"First\",\"start\":\"2030-01-01\","
			   "\"status\":\"in_session\"}");
	add(st, "resolutions", "{\"id\":\"d\",\"title_en\":\"Draft\"}");
}

static long count(ts_store *st, const char *collection)
{
	long n = -1;
	ts_error err = TS_ERROR_INIT;

	must(ts_records_count(st, entity(collection), NULL, NULL, &n, &err), &err);
	return n;
}

static void test_vote_flow(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *in = load("{\"meeting\":\"m\",\"resolution\":\"d\"}"), *vote = NULL, *b = NULL, *res = NULL, *q = NULL;
	char id[80];

	small_world(st);
	add(st, "attendance", "{\"meeting\":\"m\",\"state\":\"AAA\"}");
	add(st, "attendance", "{\"meeting\":\"m\",\"state\":\"BBB\"}");
	add(st, "attendance", "{\"meeting\":\"m\",\"state\":\"SSS\"}");
	add(st, "attendance", "{\"meeting\":\"m\",\"state\":\"OOO\"}");
	/* 3 of 6 members present (the suspended one counts among the members): 4 needed */
	must(ts_meeting_quorum(st, "m", NULL, &q, &err), &err);
	assert_int_equal(json_integer_value(json_object_get(q, "members")), 6);
	assert_int_equal(json_integer_value(json_object_get(q, "quorum")), 4);
	assert_int_equal(json_integer_value(json_object_get(q, "present")), 3);
	assert_int_equal(json_integer_value(json_object_get(q, "present_voters")), 2);
	assert_true(json_is_false(json_object_get(q, "met")));
	json_decref(q);
	assert_int_equal(ts_vote_open(st, in, &vote, &err), -1);
	assert_int_equal(err.code, TS_QUORUM_NOT_MET);
	assert_int_equal(count(st, "votes"), 0);
	add(st, "attendance", "{\"meeting\":\"m\",\"state\":\"CCC\"}");
	ts_error_clear(&err);
	must(ts_vote_open(st, in, &vote, &err), &err);
	snprintf(id, sizeof(id), "%s", json_string_value(json_object_get(vote, "id")));
	json_decref(vote);

	/* a second vote on the same draft, attendance while the vote is open */
	assert_int_equal(ts_vote_open(st, in, &vote, &err), -1);
	assert_int_equal(err.code, TS_WRONG_STAGE);
	ts_error_clear(&err);
	{
		json_t *late = load("{\"meeting\":\"m\",\"state\":\"DDD\"}");
		assert_int_equal(ts_record_create(st, entity("attendance"), late, NULL, &err), -1);
		assert_int_equal(err.code, TS_WRONG_STAGE);
		json_decref(late);
	}

	/* ballots: own state only, members in good standing present only */
	as_delegate(st, "AAA");
	ts_error_clear(&err);
	assert_int_equal(ts_vote_cast(st, id, "BBB", "yes", &b, &err), -1);
	assert_int_equal(err.code, TS_FORBIDDEN);
	as_delegate(st, "SSS");
	ts_error_clear(&err);
	assert_int_equal(ts_vote_cast(st, id, "SSS", "yes", &b, &err), -1);
	assert_int_equal(err.code, TS_NOT_ENTITLED);
	as_delegate(st, "DDD");
	ts_error_clear(&err);
	assert_int_equal(ts_vote_cast(st, id, "DDD", "yes", &b, &err), -1);
	assert_int_equal(err.code, TS_NOT_ENTITLED);
	assert_int_equal(count(st, "ballots"), 0);
	as_delegate(st, "AAA");
	must(ts_vote_cast(st, id, "AAA", "no", &b, &err), &err);
	json_decref(b);
	must(ts_vote_cast(st, id, "AAA", "yes", &b, &err), &err); /* changed before the close */
	assert_string_equal(json_string_value(json_object_get(b, "choice")), "yes");
	json_decref(b);
	as_delegate(st, "BBB");
	must(ts_vote_cast(st, id, "BBB", "abstain", &b, &err), &err);
	json_decref(b);
	assert_int_equal(count(st, "ballots"), 2);

	/* a delegate does not close; the chair does */
	ts_error_clear(&err);
	assert_int_equal(ts_vote_close(st, id, &vote, &err), -1);
	assert_int_equal(err.code, TS_FORBIDDEN);
	as_admin(st);
	must(ts_vote_close(st, id, &vote, &err), &err);
	/* 1 yes, 0 no: more than half of the 1 present and voting */
	assert_string_equal(json_string_value(json_object_get(vote, "outcome")), "adopted");
	assert_int_equal(json_integer_value(json_object_get(vote, "yes")), 1);
	assert_int_equal(json_integer_value(json_object_get(vote, "abstain")), 1);
	assert_int_equal(json_integer_value(json_object_get(vote, "not_voting")), 1); /* CCC */
	json_decref(vote);
	assert_int_equal(count(st, "ballots"), 3);
	must(ts_record_get(st, entity("resolutions"), "d", &res, &err), &err);
	assert_string_equal(json_string_value(json_object_get(res, "status")), "adopted");
	assert_string_equal(json_string_value(json_object_get(res, "meeting")), "m");
	json_decref(res);

	/* after the close */
	as_delegate(st, "AAA");
	ts_error_clear(&err);
	assert_int_equal(ts_vote_cast(st, id, "AAA", "no", &b, &err), -1);
	assert_int_equal(err.code, TS_VOTE_CLOSED);
	json_decref(in);
}

static void test_unique_together(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *dup;

	small_world(fx->st);
	dup = load("{\"id\":\"m2\",\"organ\":\"o\",\"session_number\":1,\"title_en\":\"Again\",\"start\":\"2031-01-01\"}");
	assert_int_equal(ts_record_create(fx->st, entity("meetings"), dup, NULL, &err), -1);
	assert_int_equal(err.code, TS_DUPLICATE);
	assert_string_equal(err.field, "session_number");
	assert_non_null(strstr(err.detail, "'m'"));
	/* another kind of session may carry the same number */
	json_object_set_new(dup, "kind", json_string("extraordinary"));
	ts_error_clear(&err);
	must(ts_record_create(fx->st, entity("meetings"), dup, NULL, &err), &err);
	json_decref(dup);
}

static void test_cycles(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *c = NULL, *o;
	size_t i;
	int seen = 0;

	small_world(fx->st);
	add(fx->st, "meetings", "{\"id\":\"m0\",\"organ\":\"o\",\"title_en\":\"x\",\"start\":\"2029-02-28\",\"status\":\"held\"}");
	must(ts_organ_cycles(fx->st, "2031-03-01", &c, &err), &err);
	json_array_foreach(json_object_get(c, "organs"), i, o) {
		if (strcmp(json_string_value(json_object_get(o, "organ")), "o"))
			continue;
		seen = 1;
		/* the meeting in session is the last; the next is due a year after it */
		assert_string_equal(json_string_value(json_object_get(json_object_get(o, "last"), "id")), "m");
		assert_string_equal(json_string_value(json_object_get(o, "due")), "2031-01-01");
		assert_true(json_is_true(json_object_get(o, "overdue")));
	}
	assert_true(seen);
	json_decref(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rescode_latin),
		cmocka_unit_test(test_rescode_arabic),
		cmocka_unit_test(test_rescode_bad),
		cmocka_unit_test(test_quorum),
		cmocka_unit_test(test_majorities),
		cmocka_unit_test(test_rule_read),
		cmocka_unit_test_setup_teardown(test_vote_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unique_together, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cycles, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
