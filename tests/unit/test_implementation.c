/* Implementation of decisions: the rules of a mandate's standing (partial-date deadlines, yearly
 * and each-session recurrence, reports after the day asked about), then, on a real store with the
 * default data: who may file a report and what the guard fills in or refuses, reports kept as
 * filed, mandates made from a paragraph, programme trees without loops, weighted roll-ups, the
 * gap with its silent addressees and member states, what each reader is counted, the progress
 * report CSV both ways, and the shared index seeing writes made through another handle. */
#include <time.h>

#include "unit.h"
#include "tansiq/embedded.h"
#include "tansiq/implementation.h"

/* ---- helpers ---- */

/* Tries to create a record; returns the result, err set on failure. */
/* Refused with this code naming this field; err is kept for the test to read further. */
static void refused_kept(int rc, const ts_error *err, ts_code code, const char *field)
{
	if (rc == 0)
		fail_msg("accepted; expected %s on '%s'", ts_code_name(code), field ? field : "");
	if (err->code != code)
		fail_msg("refused with %s (%s); expected %s", ts_code_name(err->code), err->detail, ts_code_name(code));
	if (field && strcmp(err->field, field))
		fail_msg("refused naming '%s' (%s); expected '%s'", err->field, err->detail, field);
}

static int try_make(ts_store *st, const char *collection, const char *json, ts_error *err)
{
	json_t *in = load(json);
	int rc;

	ts_error_clear(err);
	rc = ts_record_create(st, entity(collection), in, NULL, err);
	json_decref(in);
	return rc;
}

static void as_public(ts_store *st)
{
	ts_store_set_viewer(st, NULL);
}

/* How many records a collection holds, hidden ones too (counted as an administrator). */
static long count_all(ts_store *st, const char *collection, const char *field, const char *value)
{
	ts_viewer saved = *ts_store_viewer(st);
	ts_error err = TS_ERROR_INIT;
	long n = -1;

	as_admin(st);
	must(ts_records_count(st, entity(collection), field, value, &n, &err), &err);
	ts_store_set_viewer(st, &saved);
	return n;
}

static void load_defaults(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;

	must(ts_store_begin(st, &err), &err);
	must(ts_registry_load_defaults(st, &err), &err);
	must(ts_store_commit(st, &err), &err);
}

static const char *sget(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t iget(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	if (!json_is_integer(v))
		fail_msg("'%s' is not an integer", k);
	return json_integer_value(v);
}

static int bget(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	if (!json_is_boolean(v))
		fail_msg("'%s' is not a boolean", k);
	return json_is_true(v);
}

static void assert_near(const json_t *v, double want)
{
	if (!json_is_number(v))
		fail_msg("not a number; expected %.2f", want);
	if (json_number_value(v) < want - 0.051 || json_number_value(v) > want + 0.051)
		fail_msg("%.3f; expected %.2f", json_number_value(v), want);
}

/* Today plus `days`, UTC, as YYYY-MM-DD. */
static void day_from_today(int days, char out[16])
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* s with its first `from` replaced by `to` (which must be there); the caller frees it. */
static char *replaced(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	ts_buf b = TS_BUF_INIT;
	size_t n;

	if (!at)
		fail_msg("no '%s' to replace", from);
	ts_buf_add(&b, s, (size_t)(at - s));
	ts_buf_adds(&b, to);
	ts_buf_adds(&b, at + strlen(from));
	return ts_buf_detach(&b, &n);
}

/* The line (from 1) of the first `what` in s. */
static long line_of(const char *s, const char *what)
{
	const char *at = strstr(s, what);
	long line = 1;

	if (!at)
		fail_msg("no '%s' in the file", what);
	for (; s < at; s++)
		line += *s == '\n';
	return line;
}

/* The element of an array whose key is value, NULL if none. */
static json_t *find(const json_t *array, const char *key, const char *value)
{
	size_t i;
	json_t *o;

	json_array_foreach(array, i, o) {
		if (sget(o, key) && !strcmp(sget(o, key), value))
			return o;
	}
	return NULL;
}

/* ---- partial dates as ranges of days ---- */

static void test_pdate_range(void **state)
{
	int lo = -1, hi = -1;

	(void)state;
	assert_int_equal(ts_pdate_range("2019", &lo, &hi), 0);
	assert_int_equal(lo, 20190101);
	assert_int_equal(hi, 20191231);
	assert_int_equal(ts_pdate_range("2019-02", &lo, &hi), 0);
	assert_int_equal(lo, 20190201);
	assert_int_equal(hi, 20190228);
	assert_int_equal(ts_pdate_range("2020-02", &lo, &hi), 0);
	assert_int_equal(hi, 20200229); /* a leap year */
	assert_int_equal(ts_pdate_range("1900-02", &lo, &hi), 0);
	assert_int_equal(hi, 19000228); /* not one */
	assert_int_equal(ts_pdate_range("2019-05-06", &lo, &hi), 0);
	assert_int_equal(lo, 20190506);
	assert_int_equal(hi, 20190506);
	static const char *const bad[] = {"2019-13", "2019-02-30", "2019-00", "19", "2019/05", "2019-5", "nonsense", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		lo = hi = -1;
		if (ts_pdate_range(bad[i], &lo, &hi) != -1)
			fail_msg("'%s' read as a date", bad[i]);
		assert_int_equal(lo, 0);
		assert_int_equal(hi, 0);
	}
	lo = hi = -1;
	assert_int_equal(ts_pdate_range(NULL, &lo, &hi), -1);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 0);
}

/* ---- the rules ---- */

static ts_mandate_terms once(const char *due)
{
	ts_mandate_terms t;

	memset(&t, 0, sizeof(t));
	t.start = 20180501;
	t.recurrence = TS_REC_NONE;
	if (due)
		assert_int_equal(ts_pdate_range(due, &t.due_lo, &t.due_hi), 0);
	return t;
}

static void test_judge_once(void **state)
{
	ts_mandate_terms t = once("2019");
	ts_report_fact r[2];
	ts_standing s;

	(void)state;
	/* before the year of the deadline: not due, the deadline to come is the year's last day */
	ts_mandate_judge(&t, NULL, 0, 20181231, &s);
	assert_false(s.due);
	assert_false(s.late);
	assert_true(s.silent);
	assert_int_equal(s.next_deadline, 20191231);
	assert_int_equal(s.deadline, 0);
	assert_int_equal(s.status, TS_MS_NOT_STARTED);
	/* "due in 2019" is not late on 31 December 2019, and is on 1 January 2020 */
	ts_mandate_judge(&t, NULL, 0, 20191231, &s);
	assert_true(s.due);
	assert_false(s.late);
	assert_int_equal(s.deadline, 20191231);
	ts_mandate_judge(&t, NULL, 0, 20200101, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20191231);
	assert_int_equal(s.next_deadline, 0);

	/* a month: due by its last day */
	t = once("2019-02");
	ts_mandate_judge(&t, NULL, 0, 20190228, &s);
	assert_false(s.late);
	ts_mandate_judge(&t, NULL, 0, 20190301, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20190228);

	/* in progress is still late; the latest report gives status and progress */
	t = once("2019");
	r[0] = (ts_report_fact){20190301, TS_MS_IN_PROGRESS, 20};
	r[1] = (ts_report_fact){20190601, TS_MS_IN_PROGRESS, 40};
	ts_mandate_judge(&t, r, 2, 20200101, &s);
	assert_true(s.late);
	assert_false(s.silent);
	assert_int_equal(s.reports, 2);
	assert_int_equal(s.status, TS_MS_IN_PROGRESS);
	assert_int_equal(s.progress, 40);
	assert_int_equal(s.last_report, 20190601);

	/* implemented, or declared not implemented: not late */
	r[1] = (ts_report_fact){20190601, TS_MS_IMPLEMENTED, 100};
	ts_mandate_judge(&t, r, 2, 20200101, &s);
	assert_false(s.late);
	assert_int_equal(s.status, TS_MS_IMPLEMENTED);
	assert_int_equal(s.progress, 100);
	r[1] = (ts_report_fact){20190601, TS_MS_NOT_IMPLEMENTED, 0};
	ts_mandate_judge(&t, r, 2, 20200101, &s);
	assert_false(s.late);
	assert_int_equal(s.status, TS_MS_NOT_IMPLEMENTED);

	/* a report dated after the day asked about is not counted */
	r[0] = (ts_report_fact){20200105, TS_MS_IMPLEMENTED, 100};
	ts_mandate_judge(&t, r, 1, 20200101, &s);
	assert_true(s.late);
	assert_true(s.silent);
	assert_int_equal(s.reports, 0);
	assert_int_equal(s.status, TS_MS_NOT_STARTED);
	assert_int_equal(s.progress, 0);
	assert_int_equal(s.last_report, 0);
	ts_mandate_judge(&t, r, 1, 20200105, &s);
	assert_false(s.late);
	assert_int_equal(s.reports, 1);

	/* without a deadline a mandate is never late, nor due */
	t = once(NULL);
	ts_mandate_judge(&t, NULL, 0, 20991231, &s);
	assert_false(s.late);
	assert_false(s.due);
	assert_true(s.silent);
	assert_int_equal(s.next_deadline, 0);
}

static ts_mandate_terms yearly(int start, const char *until)
{
	ts_mandate_terms t;

	memset(&t, 0, sizeof(t));
	t.start = start;
	t.recurrence = TS_REC_YEARLY;
	if (until)
		assert_int_equal(ts_pdate_range(until, &t.due_lo, &t.due_hi), 0);
	return t;
}

static void test_judge_yearly(void **state)
{
	ts_mandate_terms t = yearly(20180501, NULL);
	ts_report_fact r[3];
	ts_standing s;

	(void)state;
	/* the first anniversary is the first deadline */
	ts_mandate_judge(&t, NULL, 0, 20190430, &s);
	assert_false(s.due);
	assert_false(s.late);
	assert_int_equal(s.next_deadline, 20190501);
	ts_mandate_judge(&t, NULL, 0, 20190501, &s);
	assert_true(s.due);
	assert_false(s.late); /* on the day itself */
	assert_int_equal(s.deadline, 20190501);
	assert_int_equal(s.next_deadline, 20200501);
	ts_mandate_judge(&t, NULL, 0, 20190502, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20190501);

	/* a report in the first year covers the first anniversary, not the second */
	r[0] = (ts_report_fact){20181129, TS_MS_IN_PROGRESS, 0};
	ts_mandate_judge(&t, r, 1, 20190502, &s);
	assert_false(s.late);
	ts_mandate_judge(&t, r, 1, 20200501, &s);
	assert_false(s.late);
	ts_mandate_judge(&t, r, 1, 20200502, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20200501);
	assert_int_equal(s.deadline, 20200501);
	assert_int_equal(s.next_deadline, 20210501);

	/* a report between the two anniversaries: the second is met, the third is not */
	r[1] = (ts_report_fact){20200301, TS_MS_IN_PROGRESS, 30};
	ts_mandate_judge(&t, r, 2, 20200502, &s);
	assert_false(s.late);
	ts_mandate_judge(&t, r, 2, 20210502, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20210501);

	/* years late; a report comes and it is no longer late */
	ts_mandate_judge(&t, r, 2, 20230609, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20230501);
	r[2] = (ts_report_fact){20230610, TS_MS_IN_PROGRESS, 50};
	ts_mandate_judge(&t, r, 3, 20230611, &s);
	assert_false(s.late);
	assert_int_equal(s.reports, 3);
	assert_int_equal(s.progress, 50);
	/* not counted the day before it was made */
	ts_mandate_judge(&t, r, 3, 20230609, &s);
	assert_true(s.late);
	assert_int_equal(s.reports, 2);

	/* recurring until 2020: no deadline after the last anniversary in 2020 */
	t = yearly(20180501, "2020");
	ts_mandate_judge(&t, r, 2, 20220601, &s);
	assert_int_equal(s.deadline, 20200501);
	assert_int_equal(s.next_deadline, 0);

	/* no start known: no anniversary to count from */
	t = yearly(0, NULL);
	ts_mandate_judge(&t, NULL, 0, 20300101, &s);
	assert_false(s.due);
	assert_false(s.late);
}

/* A yearly mandate given on 29 February has a deadline in every year, and each is a real day. */
static void test_judge_yearly_leap_day(void **state)
{
	ts_mandate_terms t = yearly(20200229, NULL);
	ts_standing s;
	char day[16];
	int lo, hi;

	(void)state;
	ts_mandate_judge(&t, NULL, 0, 20210315, &s);
	assert_true(s.due);
	assert_true(s.late);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", s.deadline / 10000, s.deadline / 100 % 100, s.deadline % 100);
	if (ts_pdate_range(day, &lo, &hi))
		fail_msg("the deadline %s is not a day", day);
	assert_in_range(s.deadline, 20210228, 20210301);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", s.next_deadline / 10000, s.next_deadline / 100 % 100,
		 s.next_deadline % 100);
	if (ts_pdate_range(day, &lo, &hi))
		fail_msg("the next deadline %s is not a day", day);
	/* in a leap year the anniversary is the 29th again */
	ts_mandate_judge(&t, NULL, 0, 20240301, &s);
	assert_int_equal(s.deadline, 20240229);
	/* the anniversary of a common year is reached by 1 March at the latest */
	ts_mandate_judge(&t, NULL, 0, 20210301, &s);
	assert_true(s.due);
	assert_in_range(s.deadline, 20210228, 20210301);
	/* in a common year it falls on 28 February: reached that day, not yet passed */
	ts_mandate_judge(&t, NULL, 0, 20210228, &s);
	assert_true(s.due);
	assert_int_equal(s.deadline, 20210228);
	assert_false(s.late);
	ts_mandate_judge(&t, NULL, 0, 20210227, &s);
	assert_false(s.due);
	assert_int_equal(s.next_deadline, 20210228);
}

static void test_judge_each_session(void **state)
{
	static const int sessions[] = {20170101, 20190110, 20200115, 20210120};
	ts_mandate_terms t;
	ts_report_fact r[2];
	ts_standing s;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.start = 20180501;
	t.recurrence = TS_REC_EACH_SESSION;
	t.sessions = sessions;
	t.nsessions = 4;
	/* a session before the mandate was given asks nothing */
	ts_mandate_judge(&t, NULL, 0, 20180601, &s);
	assert_false(s.due);
	assert_int_equal(s.next_deadline, 20190110);
	ts_mandate_judge(&t, NULL, 0, 20190110, &s);
	assert_true(s.due);
	assert_false(s.late);
	assert_int_equal(s.deadline, 20190110);
	assert_int_equal(s.next_deadline, 20200115);
	ts_mandate_judge(&t, NULL, 0, 20190111, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20190110);
	/* a report before the first session covers it, not the next one */
	r[0] = (ts_report_fact){20181201, TS_MS_IN_PROGRESS, 10};
	ts_mandate_judge(&t, r, 1, 20190111, &s);
	assert_false(s.late);
	ts_mandate_judge(&t, r, 1, 20200116, &s);
	assert_true(s.late);
	assert_int_equal(s.missed, 20200115);
	r[1] = (ts_report_fact){20190601, TS_MS_IN_PROGRESS, 30};
	ts_mandate_judge(&t, r, 2, 20200116, &s);
	assert_false(s.late);
	assert_int_equal(s.progress, 30);
	/* until 2020: the 2021 session asks nothing */
	assert_int_equal(ts_pdate_range("2020", &t.due_lo, &t.due_hi), 0);
	ts_mandate_judge(&t, r, 2, 20210201, &s);
	assert_int_equal(s.deadline, 20200115);
	assert_int_equal(s.next_deadline, 0);
	/* no session at all: never due */
	t.nsessions = 0;
	t.due_lo = t.due_hi = 0;
	ts_mandate_judge(&t, NULL, 0, 20300101, &s);
	assert_false(s.due);
	assert_false(s.late);
}

/* ---- on a store: who files a report, and what the guard fills in ---- */

static long reports_of(ts_store *st, const char *mandate)
{
	return count_all(st, "implementation-reports", "mandate", mandate);
}

static void test_report_guard(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *m, *r;
	char tomorrow[16], today[16], json[400];
	long before;

	load_defaults(st);
	day_from_today(1, tomorrow);
	day_from_today(0, today);
	m = made_record(st, "mandates", "{\"paragraph\":\"53-45-pol-op-8\",\"addressee\":\"state\",\"addressee_state\":\"SAU\","
				"\"action_en\":\"Offer training to diplomats\"}");
	assert_string_equal(sget(m, "id"), "53-45-pol-op-8-m2");
	json_decref(m);
	json_decref(made_record(st, "mandates", "{\"paragraph\":\"53-45-pol-op-8\",\"addressee\":\"all_states\","
					 "\"action_en\":\"Offer similar training\"}"));
	json_decref(made_record(st, "mandates", "{\"paragraph\":\"53-45-pol-op-8\",\"addressee\":\"secretary_general\","
					 "\"action_en\":\"Report in confidence\",\"level\":\"secretariat\"}"));
	before = count_all(st, "implementation-reports", NULL, NULL);
	assert_int_equal(before, 5);

	/* a delegate of another state: refused, naming the mandate and both states */
	as(st, TS_ROLE_DELEGATE, "del-tur", "TUR");
	refused_kept(try_make(st, "implementation-reports",
			 "{\"mandate\":\"53-45-pol-op-8-m2\",\"status\":\"in_progress\",\"reported_on\":\"2019-06-01\"}", &err),
		&err, TS_FORBIDDEN, "mandate");
	assert_non_null(strstr(err.detail, "SAU"));
	assert_non_null(strstr(err.detail, "TUR"));
	/* nor on a mandate of the Secretary-General */
	refused_kept(try_make(st, "implementation-reports", "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"in_progress\"}", &err),
		&err, TS_FORBIDDEN, "mandate");
	assert_int_equal(count_all(st, "implementation-reports", NULL, NULL), before);

	/* the state's own delegate: the report is that state's */
	as(st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	r = made_record(st, "implementation-reports",
		 "{\"mandate\":\"53-45-pol-op-8-m2\",\"status\":\"in_progress\",\"progress\":30,\"reported_on\":\"2019-06-01\"}");
	assert_string_equal(sget(r, "state"), "SAU");
	assert_string_equal(sget(r, "level"), "public");
	assert_non_null(sget(r, "filed_at"));
	json_decref(r);
	/* on a mandate to all member states: filed for the delegate's state */
	r = made_record(st, "implementation-reports",
		 "{\"mandate\":\"53-45-pol-op-8-m3\",\"status\":\"in_progress\",\"reported_on\":\"2019-06-01\"}");
	assert_string_equal(sget(r, "state"), "SAU");
	json_decref(r);
	/* an unknown mandate, or one the delegate cannot read, is named as such, not as a report
	 * "for no state" */
	refused_kept(try_make(st, "implementation-reports", "{\"mandate\":\"no-such-mandate\",\"status\":\"in_progress\"}", &err),
		&err, TS_UNKNOWN_REFERENCE, "mandate");
	refused_kept(try_make(st, "implementation-reports", "{\"mandate\":\"53-45-pol-op-8-m4\",\"status\":\"in_progress\"}", &err),
		&err, TS_UNKNOWN_REFERENCE, "mandate");
	/* ... and never for another state */
	assert_int_equal(try_make(st, "implementation-reports",
				  "{\"mandate\":\"53-45-pol-op-8-m3\",\"state\":\"TUR\",\"status\":\"in_progress\"}", &err),
			 -1);
	assert_int_equal(err.code, TS_FORBIDDEN);

	/* the secretariat files for the state only the state's report */
	as_admin(st);
	refused_kept(try_make(st, "implementation-reports",
			 "{\"mandate\":\"53-45-pol-op-8-m2\",\"state\":\"TUR\",\"status\":\"in_progress\"}", &err),
		&err, TS_INVALID_VALUE, "state");
	refused_kept(try_make(st, "implementation-reports",
			 "{\"mandate\":\"53-45-pol-op-7-m1\",\"state\":\"SAU\",\"status\":\"in_progress\"}", &err),
		&err, TS_INVALID_VALUE, "state");
	r = made_record(st, "implementation-reports", "{\"mandate\":\"53-45-pol-op-8-m2\",\"status\":\"in_progress\",\"reported_on\":\"2019-07-01\"}");
	assert_string_equal(sget(r, "state"), "SAU");
	json_decref(r);

	/* status and progress agree */
	r = made_record(st, "implementation-reports", "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"implemented\",\"reported_on\":\"2019-08-01\"}");
	assert_int_equal(iget(r, "progress"), 100);
	json_decref(r);
	refused_kept(try_make(st, "implementation-reports",
			 "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"implemented\",\"progress\":60}", &err),
		&err, TS_INVALID_VALUE, "progress");
	refused_kept(try_make(st, "implementation-reports",
			 "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"not_started\",\"progress\":20}", &err),
		&err, TS_INVALID_VALUE, "progress");
	refused_kept(try_make(st, "implementation-reports",
			 "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"in_progress\",\"progress\":140}", &err),
		&err, TS_INVALID_VALUE, "progress");
	r = made_record(st, "implementation-reports", "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"not_started\"}");
	assert_int_equal(iget(r, "progress"), 0);
	assert_string_equal(sget(r, "reported_on"), today); /* no day given: today */
	json_decref(r);

	/* a report tells what has happened */
	snprintf(json, sizeof(json), "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"in_progress\",\"reported_on\":\"%s\"}",
		 tomorrow);
	refused_kept(try_make(st, "implementation-reports", json, &err), &err, TS_INVALID_VALUE, "reported_on");
	refused_kept(try_make(st, "implementation-reports",
			 "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"in_progress\",\"reported_on\":\"2999\"}", &err),
		&err, TS_INVALID_VALUE, "reported_on");
	snprintf(json, sizeof(json), "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"in_progress\",\"reported_on\":\"%s\"}",
		 today);
	json_decref(made_record(st, "implementation-reports", json));

	/* an unknown mandate is an unknown reference */
	refused_kept(try_make(st, "implementation-reports", "{\"mandate\":\"no-such-mandate\",\"status\":\"in_progress\"}", &err),
		&err, TS_UNKNOWN_REFERENCE, "mandate");

	/* a report is never more open than its mandate, and takes its team */
	r = made_record(st, "implementation-reports",
		 "{\"mandate\":\"53-45-pol-op-8-m4\",\"status\":\"in_progress\",\"level\":\"public\",\"reported_on\":\"2019-06-01\"}");
	assert_string_equal(sget(r, "level"), "secretariat");
	as_public(st);
	ts_error_clear(&err);
	assert_int_equal(ts_record_get(st, entity("implementation-reports"), sget(r, "id"), &m, &err), -1);
	assert_int_equal(err.code, TS_NOT_FOUND);
	as(st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	ts_error_clear(&err);
	assert_int_equal(ts_record_get(st, entity("implementation-reports"), sget(r, "id"), &m, &err), -1);
	json_decref(r);
	as_admin(st);
	json_decref(made_record(st, "teams", "{\"id\":\"t1\",\"name_en\":\"Team one\"}"));
	json_decref(made_record(st, "mandates", "{\"paragraph\":\"53-45-pol-op-8\",\"addressee\":\"oic\",\"action_en\":\"Closed work\","
					 "\"level\":\"restricted\",\"team\":\"t1\"}"));
	r = made_record(st, "implementation-reports", "{\"mandate\":\"53-45-pol-op-8-m5\",\"status\":\"in_progress\",\"reported_on\":\"2019-06-01\"}");
	assert_string_equal(sget(r, "level"), "restricted");
	assert_string_equal(sget(r, "team"), "t1");
	json_decref(r);
	/* a more closed report than its mandate stays as closed */
	r = made_record(st, "implementation-reports",
		 "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"in_progress\",\"level\":\"secretariat\",\"reported_on\":\"2019-06-01\"}");
	assert_string_equal(sget(r, "level"), "secretariat");
	json_decref(r);
	assert_int_equal(reports_of(st, "53-45-pol-op-8-m2"), 2);
}

/* ---- kept as filed ---- */

static void test_append_only(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *r, *patch, *again = NULL;
	const ts_embedded *f;
	ts_import_stats stats;
	ts_buf csv = TS_BUF_INIT;
	char *changed;
	char id[80];

	load_defaults(st);
	r = made_record(st, "implementation-reports",
		 "{\"mandate\":\"53-45-pol-op-7-m1\",\"status\":\"in_progress\",\"progress\":50,\"reported_on\":\"2019-01-01\"}");
	snprintf(id, sizeof(id), "%s", sget(r, "id"));

	/* a change is refused, and the report stays as it was */
	patch = load("{\"progress\":60}");
	refused_kept(ts_record_update(st, entity("implementation-reports"), id, patch, NULL, &err), &err, TS_KEPT_AS_FILED, NULL);
	json_decref(patch);
	must(ts_record_get(st, entity("implementation-reports"), id, &again, &err), &err);
	assert_true(json_equal(r, again));
	json_decref(again);
	/* so is a deletion */
	ts_error_clear(&err);
	refused_kept(ts_record_delete(st, entity("implementation-reports"), id, &err), &err, TS_KEPT_AS_FILED, NULL);
	assert_int_equal(count_all(st, "implementation-reports", "id", id), 1);
	/* what changes nothing passes */
	patch = load("{\"progress\":50}");
	ts_error_clear(&err);
	must(ts_record_update(st, entity("implementation-reports"), id, patch, &again, &err), &err);
	assert_true(json_equal(r, again));
	json_decref(again);
	json_decref(patch);
	json_decref(r);

	/* the default data imported again: every report unchanged, the moment it was filed kept */
	f = ts_embedded_find(ts_default_data, "implementation-reports.csv");
	assert_non_null(f);
	must(ts_store_begin(st, &err), &err);
	must(ts_import_csv(st, entity("implementation-reports"), (const char *)f->data, f->len, &stats, &err), &err);
	must(ts_store_commit(st, &err), &err);
	assert_int_equal(stats.rows, 5);
	assert_int_equal(stats.unchanged, 5);
	assert_int_equal(stats.updated, 0);
	assert_int_equal(stats.created, 0);

	/* an export imported again is unchanged; one with a report changed is refused at its line */
	must(ts_export_csv(st, entity("implementation-reports"), &csv, &err), &err);
	must(ts_store_begin(st, &err), &err);
	must(ts_import_csv(st, entity("implementation-reports"), ts_buf_str(&csv), csv.len, &stats, &err), &err);
	must(ts_store_commit(st, &err), &err);
	assert_int_equal(stats.rows, 6);
	assert_int_equal(stats.unchanged, 6);
	changed = replaced(ts_buf_str(&csv), ",not_started,0,2018-11-29,", ",not_started,0,2018-11-28,");
	must(ts_store_begin(st, &err), &err);
	refused_kept(ts_import_csv(st, entity("implementation-reports"), changed, strlen(changed), &stats, &err), &err,
		TS_KEPT_AS_FILED, NULL);
	ts_store_rollback(st);
	assert_int_equal(err.line, line_of(changed, "2018-11-28"));
	free(changed);
	ts_buf_free(&csv);
	assert_int_equal(count_all(st, "implementation-reports", "reported_on", "2018-11-28"), 0);
	assert_int_equal(count_all(st, "implementation-reports", NULL, NULL), 6);
}

/* ---- mandates from a paragraph ---- */

static int from_paragraph(ts_store *st, const char *paragraph, const char *items, json_t **out, ts_error *err)
{
	json_t *in = load(items);
	int rc;

	ts_error_clear(err);
	if (ts_store_begin(st, err)) {
		json_decref(in);
		return -1;
	}
	rc = ts_mandates_from_paragraph(st, paragraph, in, out, err);
	json_decref(in);
	if (rc) {
		ts_store_rollback(st);
		return -1;
	}
	if (ts_store_commit(st, err)) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static void test_mandates_from_paragraph(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *made = NULL, *para = NULL, *m;

	load_defaults(st);
	as(st, TS_ROLE_SECRETARIAT, "sec", NULL);
	must(from_paragraph(st, "53-45-pol-op-7",
			    "[{\"addressee\":\"secretary_general\",\"due\":\"2019-05\"},"
			    " {\"addressee\":\"state\",\"addressee_state\":\"SAU\",\"action_en\":\"Name national mediators\"}]",
			    &made, &err), &err);
	assert_int_equal(json_array_size(made), 2);
	must(ts_record_get(st, entity("paragraphs"), "53-45-pol-op-7", &para, &err), &err);
	m = json_array_get(made, 0);
	assert_string_equal(sget(m, "id"), "53-45-pol-op-7-m2"); /* m1 is the default data's */
	assert_string_equal(sget(m, "paragraph"), "53-45-pol-op-7");
	assert_string_equal(sget(m, "due"), "2019-05");
	/* the paragraph's text is the action unless one is given */
	assert_string_equal(sget(m, "action_en"), sget(para, "text_en"));
	assert_string_equal(sget(m, "action_ar"), sget(para, "text_ar"));
	assert_string_equal(sget(m, "action_fr"), sget(para, "text_fr"));
	m = json_array_get(made, 1);
	assert_string_equal(sget(m, "id"), "53-45-pol-op-7-m3");
	assert_string_equal(sget(m, "action_en"), "Name national mediators");
	assert_string_equal(sget(m, "addressee_state"), "SAU");
	json_decref(made);
	json_decref(para);
	assert_int_equal(count_all(st, "mandates", "paragraph", "53-45-pol-op-7"), 3);

	/* all or none: the second item's problem is reported at item 2 and nothing is kept */
	refused_kept(from_paragraph(st, "53-45-pol-op-5", "[{\"addressee\":\"oic\"}, {\"addressee\":\"state\"}]", &made, &err),
		&err, TS_REQUIRED, "addressee_state");
	assert_int_equal(err.line, 2);
	assert_int_equal(count_all(st, "mandates", "paragraph", "53-45-pol-op-5"), 1);
	refused_kept(from_paragraph(st, "53-45-pol-op-5", "[{\"addressee\":\"oic\"}, {\"addressee\":\"nobody\"}]", &made, &err),
		&err, TS_INVALID_VALUE, "addressee");
	assert_int_equal(err.line, 2);
	assert_int_equal(count_all(st, "mandates", "paragraph", "53-45-pol-op-5"), 1);
	/* what the list must be */
	refused_kept(from_paragraph(st, "53-45-pol-op-5", "[]", &made, &err), &err, TS_INVALID_VALUE, "mandates");
	refused_kept(from_paragraph(st, "53-45-pol-op-5", "{\"addressee\":\"oic\"}", &made, &err), &err, TS_INVALID_VALUE,
		"mandates");
	refused_kept(from_paragraph(st, "53-45-pol-op-5", "[{\"addressee\":\"oic\",\"paragraph\":\"53-45-pol-op-4\"}]", &made,
			       &err), &err, TS_INVALID_VALUE, "paragraph");
	refused_kept(from_paragraph(st, "no-such-paragraph", "[{\"addressee\":\"oic\"}]", &made, &err), &err, TS_NOT_FOUND, NULL);
	assert_int_equal(count_all(st, "mandates", NULL, NULL), 9);

	/* a preambular paragraph gives no mandate */
	as_admin(st);
	json_decref(made_record(st, "paragraphs", "{\"id\":\"53-45-pol-pp-1\",\"resolution\":\"53-45-pol\",\"kind\":\"preambular\","
					   "\"text_en\":\"Recalling the Charter\"}"));
	refused_kept(from_paragraph(st, "53-45-pol-pp-1", "[{\"addressee\":\"oic\"}]", &made, &err), &err, TS_INVALID_VALUE,
		"paragraph");
	assert_int_equal(count_all(st, "mandates", "paragraph", "53-45-pol-pp-1"), 0);
	ts_error_clear(&err);
	refused_kept(try_make(st, "mandates", "{\"paragraph\":\"53-45-pol-pp-1\",\"addressee\":\"oic\",\"action_en\":\"x\"}", &err),
		&err, TS_INVALID_VALUE, "paragraph");

	/* an id taken by a mandate the writer cannot read is taken all the same */
	json_decref(made_record(st, "teams", "{\"id\":\"t1\",\"name_en\":\"Team one\"}"));
	must(from_paragraph(st, "53-45-pol-op-4", "[{\"addressee\":\"oic\",\"level\":\"restricted\",\"team\":\"t1\"}]", &made,
			    &err), &err);
	assert_string_equal(sget(json_array_get(made, 0), "id"), "53-45-pol-op-4-m2");
	json_decref(made);
	as(st, TS_ROLE_SECRETARIAT, "sec", NULL);
	must(from_paragraph(st, "53-45-pol-op-4", "[{\"addressee\":\"secretary_general\"}]", &made, &err), &err);
	assert_string_equal(sget(json_array_get(made, 0), "id"), "53-45-pol-op-4-m3");
	json_decref(made);
	/* and a delegate may not make mandates */
	as(st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	refused_kept(from_paragraph(st, "53-45-pol-op-4", "[{\"addressee\":\"oic\"}]", &made, &err), &err, TS_FORBIDDEN, NULL);
	assert_int_equal(count_all(st, "mandates", "paragraph", "53-45-pol-op-4"), 3);
}

/* ---- programmes: a tree, never a loop ---- */

static void test_result_cycle(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *patch;
	ts_import_stats stats;
	static const char loop_csv[] = "id,parent,kind,title_en\nx,y,goal,X\ny,x,goal,Y\n";

	json_decref(made_record(st, "results", "{\"id\":\"a\",\"kind\":\"programme_of_action\",\"title_en\":\"A\"}"));
	json_decref(made_record(st, "results", "{\"id\":\"b\",\"parent\":\"a\",\"kind\":\"priority_area\",\"title_en\":\"B\"}"));
	json_decref(made_record(st, "results", "{\"id\":\"c\",\"parent\":\"b\",\"kind\":\"goal\",\"title_en\":\"C\"}"));
	patch = load("{\"parent\":\"c\"}");
	refused_kept(ts_record_update(st, entity("results"), "a", patch, NULL, &err), &err, TS_INVALID_VALUE, "parent");
	json_decref(patch);
	patch = load("{\"parent\":\"a\"}");
	ts_error_clear(&err);
	refused_kept(ts_record_update(st, entity("results"), "a", patch, NULL, &err), &err, TS_INVALID_VALUE, "parent");
	/* moving a branch elsewhere in the tree is no loop */
	ts_error_clear(&err);
	must(ts_record_update(st, entity("results"), "c", patch, NULL, &err), &err);
	json_decref(patch);
	/* nor is a loop let in by an import */
	must(ts_store_begin(st, &err), &err);
	assert_int_equal(ts_import_csv(st, entity("results"), loop_csv, strlen(loop_csv), &stats, &err), -1);
	ts_store_rollback(st);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_string_equal(err.field, "parent");
	assert_int_equal(count_all(st, "results", NULL, NULL), 3);
}

/* ---- roll-ups ---- */

static void report(ts_store *st, const char *mandate, const char *status, int progress, const char *on)
{
	char json[300];

	snprintf(json, sizeof(json), "{\"mandate\":\"%s\",\"status\":\"%s\",\"progress\":%d,\"reported_on\":\"%s\"}", mandate,
		 status, progress, on);
	json_decref(made_record(st, "implementation-reports", json));
}

static json_t *paragraph_of(const json_t *progress, const char *id)
{
	json_t *p = find(json_object_get(progress, "paragraphs"), "paragraph", id);

	if (!p)
		fail_msg("no paragraph %s in the roll-up", id);
	return p;
}

static void test_rollups(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *p = NULL, *c;

	json_decref(made_record(st, "meetings", "{\"id\":\"m-w\",\"kind\":\"other\",\"title_en\":\"A meeting\",\"start\":\"2020-01-01\"}"));
	json_decref(made_record(st, "resolutions", "{\"id\":\"r-w\",\"title_en\":\"Weighed\",\"status\":\"adopted\",\"meeting\":\"m-w\","
					    "\"adopted_on\":\"2020-01-01\"}"));
	json_decref(made_record(st, "paragraphs", "{\"id\":\"p1\",\"resolution\":\"r-w\",\"number\":1,\"weight\":3,\"text_en\":\"One\"}"));
	json_decref(made_record(st, "paragraphs", "{\"id\":\"p2\",\"resolution\":\"r-w\",\"number\":2,\"weight\":1,\"text_en\":\"Two\"}"));
	json_decref(made_record(st, "paragraphs", "{\"id\":\"p3\",\"resolution\":\"r-w\",\"number\":3,\"weight\":5,\"text_en\":\"Three\"}"));
	json_decref(made_record(st, "mandates", "{\"id\":\"ma\",\"paragraph\":\"p1\",\"addressee\":\"oic\",\"action_en\":\"A\",\"weight\":1}"));
	json_decref(made_record(st, "mandates", "{\"id\":\"mb\",\"paragraph\":\"p1\",\"addressee\":\"oic\",\"action_en\":\"B\",\"weight\":3}"));
	json_decref(made_record(st, "mandates", "{\"id\":\"mc\",\"paragraph\":\"p2\",\"addressee\":\"oic\",\"action_en\":\"C\"}"));
	json_decref(made_record(st, "mandates", "{\"id\":\"md\",\"paragraph\":\"p2\",\"addressee\":\"oic\",\"action_en\":\"D\","
					 "\"level\":\"secretariat\"}"));
	report(st, "ma", "implemented", 100, "2020-06-01");
	report(st, "mb", "in_progress", 20, "2020-06-01");
	report(st, "mc", "in_progress", 50, "2020-06-01");

	/* the secretariat counts D (no report: 0%): p1 = (1×100 + 3×20)/4 = 40, p2 = (50 + 0)/2 = 25,
	 * the resolution (3×40 + 1×25)/4 = 36.25; p3 has no mandate and does not count */
	as(st, TS_ROLE_SECRETARIAT, "sec", NULL);
	must(ts_resolution_progress(st, "r-w", "2020-12-31", &p, &err), &err);
	assert_string_equal(sget(p, "on"), "2020-12-31");
	assert_near(json_object_get(paragraph_of(p, "p1"), "progress"), 40.0);
	assert_near(json_object_get(paragraph_of(p, "p2"), "progress"), 25.0);
	assert_true(json_is_null(json_object_get(paragraph_of(p, "p3"), "progress")));
	assert_int_equal(iget(json_object_get(paragraph_of(p, "p3"), "counts"), "mandates"), 0);
	assert_near(json_object_get(p, "progress"), 36.25);
	c = json_object_get(p, "counts");
	assert_int_equal(iget(c, "mandates"), 4);
	assert_int_equal(iget(c, "reported"), 3);
	assert_int_equal(iget(c, "implemented"), 1);
	assert_int_equal(iget(c, "silent"), 1);
	assert_int_equal(json_array_size(json_object_get(paragraph_of(p, "p2"), "mandates")), 2);
	json_decref(p);

	/* the public does not count D: p2 = 50, the resolution (3×40 + 50)/4 = 42.5 */
	as_public(st);
	must(ts_resolution_progress(st, "r-w", "2020-12-31", &p, &err), &err);
	assert_near(json_object_get(paragraph_of(p, "p2"), "progress"), 50.0);
	assert_near(json_object_get(p, "progress"), 42.5);
	assert_int_equal(iget(json_object_get(p, "counts"), "mandates"), 3);
	assert_null(find(json_object_get(paragraph_of(p, "p2"), "mandates"), "id", "md"));
	json_decref(p);

	/* before the reports: nothing done yet */
	must(ts_resolution_progress(st, "r-w", "2020-05-31", &p, &err), &err);
	assert_near(json_object_get(p, "progress"), 0.0);
	assert_int_equal(iget(json_object_get(p, "counts"), "reported"), 0);
	assert_int_equal(iget(json_object_get(p, "counts"), "silent"), 3);
	json_decref(p);

	/* refusals */
	refused_kept(ts_resolution_progress(st, "r-w", "2020-13-01", &p, &err), &err, TS_INVALID_PARAMETER, "on");
	ts_error_clear(&err);
	refused_kept(ts_resolution_progress(st, "r-w", "2020", &p, &err), &err, TS_INVALID_PARAMETER, "on");
	ts_error_clear(&err);
	refused_kept(ts_resolution_progress(st, "no-such", NULL, &p, &err), &err, TS_NOT_FOUND, NULL);

	/* a programme: root ← g1 (weight 1, 100%), g2 (weight 3, 20%): (100 + 3×20)/4 = 40 */
	as_admin(st);
	json_decref(made_record(st, "results", "{\"id\":\"prog\",\"kind\":\"programme_of_action\",\"title_en\":\"Prog\",\"start\":\"2020\"}"));
	json_decref(made_record(st, "results", "{\"id\":\"g1\",\"parent\":\"prog\",\"kind\":\"goal\",\"title_en\":\"G1\",\"weight\":1}"));
	json_decref(made_record(st, "results", "{\"id\":\"g2\",\"parent\":\"prog\",\"kind\":\"goal\",\"title_en\":\"G2\",\"weight\":3}"));
	json_decref(made_record(st, "mandates", "{\"id\":\"a1\",\"result\":\"g1\",\"addressee\":\"oic\",\"action_en\":\"Activity 1\"}"));
	json_decref(made_record(st, "mandates", "{\"id\":\"a2\",\"result\":\"g2\",\"addressee\":\"oic\",\"action_en\":\"Activity 2\"}"));
	report(st, "a1", "implemented", 100, "2020-06-01");
	report(st, "a2", "in_progress", 20, "2020-06-01");
	must(ts_result_progress(st, "prog", "2021-01-01", &p, &err), &err);
	assert_near(json_object_get(p, "progress"), 40.0);
	assert_int_equal(iget(json_object_get(p, "counts"), "mandates"), 2);
	assert_int_equal(json_array_size(json_object_get(p, "children")), 2);
	assert_near(json_object_get(find(json_object_get(p, "children"), "result", "g1"), "progress"), 100.0);
	assert_near(json_object_get(find(json_object_get(p, "children"), "result", "g2"), "progress"), 20.0);
	json_decref(p);
	must(ts_result_progress(st, "g2", "2021-01-01", &p, &err), &err);
	assert_int_equal(json_array_size(json_object_get(p, "mandates")), 1);
	assert_string_equal(sget(json_array_get(json_object_get(p, "mandates"), 0), "id"), "a2");
	json_decref(p);

	/* one mandate: its standing and its timeline, oldest first */
	report(st, "mb", "in_progress", 35, "2020-09-01");
	report(st, "mb", "in_progress", 25, "2020-07-01");
	must(ts_mandate_progress(st, "mb", "2020-08-01", &p, &err), &err);
	assert_int_equal(iget(json_object_get(p, "standing"), "progress"), 25); /* the 1 September report is to come */
	assert_int_equal(iget(json_object_get(p, "standing"), "reports"), 2);
	assert_string_equal(sget(json_object_get(p, "standing"), "last_report"), "2020-07-01");
	assert_int_equal(json_array_size(json_object_get(p, "reports")), 3);
	assert_string_equal(sget(json_array_get(json_object_get(p, "reports"), 0), "reported_on"), "2020-06-01");
	assert_string_equal(sget(json_array_get(json_object_get(p, "reports"), 1), "reported_on"), "2020-07-01");
	assert_string_equal(sget(json_array_get(json_object_get(p, "reports"), 2), "reported_on"), "2020-09-01");
	assert_string_equal(sget(json_object_get(p, "addressee"), "key"), "oic");
	json_decref(p);
}

/* ---- the gap ---- */

static json_t *gap(ts_store *st, const char *by, const char *on, const char *addressee)
{
	ts_gap_query q;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;

	memset(&q, 0, sizeof(q));
	q.by = by;
	q.on = on;
	q.addressee = addressee;
	must(ts_gap(st, &q, &out, &err), &err);
	return out;
}

static json_int_t counted(const json_t *g, const char *what)
{
	return iget(json_object_get(g, "counts"), what);
}

static void test_gap(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *g, *grp, *o;
	ts_gap_query q;
	long members;
	size_t i;

	load_defaults(st);
	members = count_all(st, "states", "status", "member");
	assert_true(members > 40);

	/* the default data on the day after the 2nd conference: 7 mandates, 5 reported, 2 implemented,
	 * nothing due yet */
	g = gap(st, NULL, "2018-11-30", NULL);
	assert_string_equal(sget(g, "by"), "addressee");
	assert_int_equal(counted(g, "mandates"), 7);
	assert_int_equal(counted(g, "reported"), 5);
	assert_int_equal(counted(g, "implemented"), 2);
	assert_int_equal(counted(g, "silent"), 2);
	assert_int_equal(counted(g, "due"), 0);
	assert_int_equal(counted(g, "late"), 0);
	grp = json_object_get(g, "groups");
	assert_int_equal(counted(find(grp, "key", "oic"), "mandates"), 5);
	assert_int_equal(counted(find(grp, "key", "secretary_general"), "mandates"), 1);
	assert_int_equal(counted(find(grp, "key", "organ:secretariat"), "mandates"), 1);
	assert_string_equal(sget(find(grp, "key", "organ:secretariat"), "name_en"), "General Secretariat");
	assert_int_equal(json_array_size(json_object_get(g, "silent")), 0);
	assert_int_equal(json_array_size(json_object_get(g, "silent_states")), 0);
	json_decref(g);

	/* a mandate to Saudi Arabia and one to all member states, both due in June 2019; Saudi Arabia
	 * reports on the second only */
	json_decref(made_record(st, "mandates", "{\"paragraph\":\"53-45-pol-op-8\",\"addressee\":\"state\",\"addressee_state\":\"SAU\","
					 "\"action_en\":\"Train\",\"due\":\"2019-06\"}"));
	json_decref(made_record(st, "mandates", "{\"paragraph\":\"53-45-pol-op-5\",\"addressee\":\"all_states\","
					 "\"action_en\":\"Partner\",\"due\":\"2019-06\"}"));
	as(st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	json_decref(made_record(st, "implementation-reports", "{\"mandate\":\"53-45-pol-op-5-m2\",\"status\":\"in_progress\","
						       "\"progress\":10,\"reported_on\":\"2019-03-01\"}"));
	as_admin(st);

	/* before June nothing new is due, and no member state is silent */
	g = gap(st, "addressee", "2019-02-01", NULL);
	assert_int_equal(counted(g, "mandates"), 9);
	assert_int_equal(counted(g, "due"), 0);
	assert_int_equal(json_array_size(json_object_get(g, "silent")), 0);
	assert_int_equal(json_array_size(json_object_get(g, "silent_states")), 0);
	/* the report of March is not counted in February */
	assert_int_equal(counted(g, "reported"), 5);
	json_decref(g);

	g = gap(st, "addressee", "2019-07-01", NULL);
	assert_int_equal(counted(g, "mandates"), 9);
	assert_int_equal(counted(g, "due"), 3); /* the two, and the first yearly conference (May 2019) */
	assert_int_equal(counted(g, "reported"), 6);
	assert_int_equal(counted(g, "late"), 2); /* the yearly one was reported on in November 2018 */
	grp = json_object_get(g, "groups");
	assert_int_equal(counted(find(grp, "key", "state:SAU"), "late"), 1);
	assert_string_equal(sget(find(grp, "key", "state:SAU"), "name_en"), "Saudi Arabia");
	assert_int_equal(counted(find(grp, "key", "all_states"), "reported"), 1);
	/* Saudi Arabia never reported on its own mandate: named among the silent */
	assert_int_equal(json_array_size(json_object_get(g, "silent")), 1);
	o = json_array_get(json_object_get(g, "silent"), 0);
	assert_string_equal(sget(o, "key"), "state:SAU");
	assert_int_equal(iget(o, "due"), 1);
	/* every member state but Saudi Arabia owes the report to all member states */
	assert_int_equal((long)json_array_size(json_object_get(g, "silent_states")), members - 1);
	assert_null(find(json_object_get(g, "silent_states"), "state", "SAU"));
	assert_non_null(find(json_object_get(g, "silent_states"), "state", "TUR"));
	assert_null(find(json_object_get(g, "silent_states"), "state", "SYR")); /* suspended */
	json_array_foreach(json_object_get(g, "silent_states"), i, o)
		assert_int_equal(iget(o, "due"), 1);
	/* the years the mandates were given, for the chart */
	assert_int_equal(json_array_size(json_object_get(g, "years")), 1);
	assert_int_equal(iget(json_array_get(json_object_get(g, "years"), 0), "year"), 2018);
	json_decref(g);

	/* filters and other groupings */
	g = gap(st, "organ", "2019-07-01", "state:SAU");
	assert_int_equal(counted(g, "mandates"), 1);
	assert_int_equal(json_array_size(json_object_get(g, "groups")), 1);
	assert_string_equal(sget(json_array_get(json_object_get(g, "groups"), 0), "key"), "cfm");
	json_decref(g);
	g = gap(st, "category", "2019-07-01", NULL);
	assert_int_equal(counted(find(json_object_get(g, "groups"), "key", "pol"), "mandates"), 9);
	json_decref(g);
	g = gap(st, "year", "2019-07-01", NULL);
	assert_int_equal(iget(json_array_get(json_object_get(g, "groups"), 0), "key"), 2018);
	json_decref(g);
	g = gap(st, NULL, "2019-07-01", "partner:nobody");
	assert_int_equal(counted(g, "mandates"), 0);
	json_decref(g);

	/* refusals name the parameter */
	memset(&q, 0, sizeof(q));
	q.by = "nonsense";
	refused_kept(ts_gap(st, &q, &g, &err), &err, TS_INVALID_PARAMETER, "by");
	memset(&q, 0, sizeof(q));
	q.on = "2019-02-30";
	ts_error_clear(&err);
	refused_kept(ts_gap(st, &q, &g, &err), &err, TS_INVALID_PARAMETER, "on");
	memset(&q, 0, sizeof(q));
	q.year = 1800;
	ts_error_clear(&err);
	refused_kept(ts_gap(st, &q, &g, &err), &err, TS_INVALID_PARAMETER, "year");
	memset(&q, 0, sizeof(q));
	q.addressee = "everyone";
	ts_error_clear(&err);
	refused_kept(ts_gap(st, &q, &g, &err), &err, TS_INVALID_PARAMETER, "addressee");
	memset(&q, 0, sizeof(q));
	q.organ = "no-such-organ";
	ts_error_clear(&err);
	refused_kept(ts_gap(st, &q, &g, &err), &err, TS_INVALID_PARAMETER, "organ");
}

/* ---- what each reader is counted ---- */

static void test_visibility(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *g, *p = NULL;
	ts_buf atom = TS_BUF_INIT, csv = TS_BUF_INIT;

	load_defaults(st);
	/* a secretariat-level mandate, late since 2019; a public one whose only report is the
	 * secretariat's */
	json_decref(made_record(st, "mandates", "{\"id\":\"closed-m\",\"paragraph\":\"53-45-pol-op-8\",\"addressee\":\"oic\","
					 "\"action_en\":\"A closed mandate\",\"due\":\"2019-01\",\"level\":\"secretariat\"}"));
	json_decref(made_record(st, "mandates", "{\"id\":\"open-m\",\"paragraph\":\"53-45-pol-op-8\",\"addressee\":\"oic\","
					 "\"action_en\":\"An open mandate\",\"due\":\"2019-01\"}"));
	json_decref(made_record(st, "implementation-reports", "{\"mandate\":\"open-m\",\"status\":\"implemented\","
						       "\"reported_on\":\"2018-12-01\",\"level\":\"secretariat\"}"));

	as(st, TS_ROLE_SECRETARIAT, "sec", NULL);
	g = gap(st, NULL, "2019-07-01", NULL);
	assert_int_equal(counted(g, "mandates"), 9);
	assert_int_equal(counted(g, "late"), 1); /* closed-m */
	assert_int_equal(counted(g, "implemented"), 3);
	json_decref(g);
	must(ts_resolution_progress(st, "53-45-pol", "2019-07-01", &p, &err), &err);
	assert_int_equal(iget(json_object_get(p, "counts"), "mandates"), 9);
	json_decref(p);

	as_public(st);
	g = gap(st, NULL, "2019-07-01", NULL);
	assert_int_equal(counted(g, "mandates"), 8);
	assert_int_equal(counted(g, "implemented"), 2);
	assert_int_equal(counted(g, "late"), 1); /* open-m: the public reads no report on it */
	json_decref(g);
	/* a delegate reads the members level: no more */
	as(st, TS_ROLE_DELEGATE, "del-sau", "SAU");
	g = gap(st, NULL, "2019-07-01", NULL);
	assert_int_equal(counted(g, "mandates"), 8);
	json_decref(g);
	as_public(st);
	must(ts_resolution_progress(st, "53-45-pol", "2019-07-01", &p, &err), &err);
	assert_int_equal(iget(json_object_get(p, "counts"), "mandates"), 8);
	assert_null(find(json_object_get(paragraph_of(p, "53-45-pol-op-8"), "mandates"), "id", "closed-m"));
	assert_int_equal(iget(json_object_get(find(json_object_get(paragraph_of(p, "53-45-pol-op-8"), "mandates"), "id",
						   "open-m"), "standing"), "reports"), 0);
	json_decref(p);
	refused_kept(ts_mandate_progress(st, "closed-m", NULL, &p, &err), &err, TS_NOT_FOUND, NULL);
	must(ts_mandate_progress(st, "open-m", "2019-07-01", &p, &err), &err);
	assert_int_equal(json_array_size(json_object_get(p, "reports")), 0);
	assert_true(bget(json_object_get(p, "standing"), "late"));
	json_decref(p);

	/* the feeds and the progress report: nothing of the closed mandate, not even its id */
	must(ts_late_atom(st, NULL, TS_EN, NULL, &atom, &err), &err);
	assert_null(strstr(ts_buf_str(&atom), "closed-m"));
	assert_non_null(strstr(ts_buf_str(&atom), "open-m"));
	ts_buf_free(&atom);
	must(ts_deadlines_ics(st, NULL, TS_EN, NULL, &atom, &err), &err);
	assert_null(strstr(ts_buf_str(&atom), "closed-m"));
	ts_buf_free(&atom);
	must(ts_mandates_status_export(st, &csv, &err), &err);
	assert_null(strstr(ts_buf_str(&csv), "closed-m"));
	assert_non_null(strstr(ts_buf_str(&csv), "open-m"));
	ts_buf_free(&csv);
	as(st, TS_ROLE_SECRETARIAT, "sec", NULL);
	must(ts_late_atom(st, NULL, TS_EN, NULL, &atom, &err), &err);
	assert_non_null(strstr(ts_buf_str(&atom), "closed-m"));
	assert_null(strstr(ts_buf_str(&atom), "open-m")); /* implemented, for those who read the report */
	ts_buf_free(&atom);
}

/* ---- the progress report, both ways ---- */

static int import_status(ts_store *st, const char *csv, ts_import_stats *stats, long *reports, ts_error *err)
{
	ts_error_clear(err);
	if (ts_store_begin(st, err))
		return -1;
	if (ts_mandates_status_import(st, csv, strlen(csv), stats, reports, err)) {
		ts_store_rollback(st);
		return -1;
	}
	return ts_store_commit(st, err);
}

static void test_status_csv(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	ts_buf a = TS_BUF_INIT, b = TS_BUF_INIT;
	ts_import_stats stats;
	long reports = -1, lines = 0;
	char *changed, *bad;
	json_t *p = NULL;
	static const char old_row[] = ",not_started,0,2018-11-29,";
	static const char new_row[] = ",in_progress,10,2019-03-01,";

	load_defaults(st);
	must(ts_mandates_status_export(st, &a, &err), &err);
	for (const char *s = ts_buf_str(&a); *s; s++)
		lines += *s == '\n';
	assert_int_equal(lines, 8); /* the header and 7 mandates */
	assert_non_null(strstr(ts_buf_str(&a), "status,progress,reported_on,narrative_en"));

	/* the same bytes back: nothing changes, no report is filed */
	must(import_status(st, ts_buf_str(&a), &stats, &reports, &err), &err);
	assert_int_equal(stats.rows, 7);
	assert_int_equal(stats.unchanged, 7);
	assert_int_equal(stats.created, 0);
	assert_int_equal(stats.updated, 0);
	assert_int_equal(reports, 0);
	assert_int_equal(count_all(st, "implementation-reports", NULL, NULL), 5);
	must(ts_mandates_status_export(st, &b, &err), &err);
	assert_string_equal(ts_buf_str(&a), ts_buf_str(&b));
	ts_buf_free(&b);

	/* a status changed: one new report, the old one kept */
	changed = replaced(ts_buf_str(&a), old_row, new_row);
	must(import_status(st, changed, &stats, &reports, &err), &err);
	assert_int_equal(reports, 1);
	assert_int_equal(stats.unchanged, 7);
	assert_int_equal(count_all(st, "implementation-reports", NULL, NULL), 6);
	assert_int_equal(reports_of(st, "53-45-pol-op-code-of-conduct-m1"), 2);
	must(ts_mandate_progress(st, "53-45-pol-op-code-of-conduct-m1", "2019-06-01", &p, &err), &err);
	assert_string_equal(sget(json_object_get(p, "standing"), "status"), "in_progress");
	assert_int_equal(iget(json_object_get(p, "standing"), "progress"), 10);
	assert_string_equal(sget(json_object_get(p, "standing"), "last_report"), "2019-03-01");
	assert_int_equal(json_array_size(json_object_get(p, "reports")), 2);
	json_decref(p);
	/* the same file again: that report is the latest, nothing new */
	must(import_status(st, changed, &stats, &reports, &err), &err);
	assert_int_equal(reports, 0);
	assert_int_equal(count_all(st, "implementation-reports", NULL, NULL), 6);
	/* and the export now says so */
	must(ts_mandates_status_export(st, &b, &err), &err);
	assert_string_equal(ts_buf_str(&b), changed);
	ts_buf_free(&b);

	/* a progress out of range: refused at its line, naming the column, nothing filed */
	bad = replaced(changed, new_row, ",in_progress,140,2019-04-01,");
	assert_int_equal(import_status(st, bad, &stats, &reports, &err), -1);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_string_equal(err.field, "progress");
	assert_int_equal(err.line, line_of(bad, ",140,"));
	free(bad);
	assert_int_equal(count_all(st, "implementation-reports", NULL, NULL), 6);

	/* a column that is no field; a status without the mandate's id */
	assert_int_equal(import_status(st, "id,colour\n53-45-pol-op-4-m1,blue\n", &stats, &reports, &err), -1);
	assert_int_equal(err.code, TS_UNKNOWN_FIELD);
	assert_string_equal(err.field, "colour");
	assert_int_equal(import_status(st, "paragraph,addressee,action_en,status\n53-45-pol-op-4,oic,New,in_progress\n",
				       &stats, &reports, &err), -1);
	assert_int_equal(err.code, TS_REQUIRED);
	assert_string_equal(err.field, "id");
	assert_int_equal(err.line, 2);
	assert_int_equal(import_status(st, "", &stats, &reports, &err), -1);
	assert_int_equal(err.code, TS_INVALID_CSV);
	assert_int_equal(count_all(st, "mandates", NULL, NULL), 7);
	assert_int_equal(count_all(st, "implementation-reports", NULL, NULL), 6);
	free(changed);
	ts_buf_free(&a);
}

/* ---- the shared index and other handles on the same data ---- */

static void test_index_other_handle(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st, *other = NULL;
	ts_error err = TS_ERROR_INIT;
	json_t *g, *p = NULL;

	load_defaults(st);
	must(ts_store_open(&other, fx->dir, 0, &err), &err);
	as_admin(other);
	g = gap(st, NULL, "2030-01-01", NULL);
	assert_int_equal(counted(g, "reported"), 5);
	json_decref(g);
	g = gap(st, NULL, "2030-01-01", NULL); /* from the index built above */
	assert_int_equal(counted(g, "reported"), 5);
	json_decref(g);

	/* a report filed through the other handle */
	must(ts_store_begin(other, &err), &err);
	report(other, "53-45-pol-op-4-m1", "in_progress", 30, "2019-01-01");
	must(ts_store_commit(other, &err), &err);
	g = gap(st, NULL, "2030-01-01", NULL);
	assert_int_equal(counted(g, "reported"), 6);
	json_decref(g);
	must(ts_mandate_progress(st, "53-45-pol-op-4-m1", "2030-01-01", &p, &err), &err);
	assert_int_equal(iget(json_object_get(p, "standing"), "progress"), 30);
	json_decref(p);

	/* a write rolled back is seen only while its transaction lasts, and by its own handle */
	must(ts_store_begin(other, &err), &err);
	report(other, "53-45-pol-op-5-m1", "in_progress", 40, "2019-01-01");
	g = gap(other, NULL, "2030-01-01", NULL);
	assert_int_equal(counted(g, "reported"), 7);
	json_decref(g);
	ts_store_rollback(other);
	g = gap(other, NULL, "2030-01-01", NULL);
	assert_int_equal(counted(g, "reported"), 6);
	json_decref(g);
	g = gap(st, NULL, "2030-01-01", NULL);
	assert_int_equal(counted(g, "reported"), 6);
	json_decref(g);
	ts_store_close(other);
}

static int teardown_index(void **state)
{
	ts_implementation_reset();
	return teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdate_range),
		cmocka_unit_test(test_judge_once),
		cmocka_unit_test(test_judge_yearly),
		cmocka_unit_test(test_judge_yearly_leap_day),
		cmocka_unit_test(test_judge_each_session),
		cmocka_unit_test_setup_teardown(test_report_guard, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_append_only, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_mandates_from_paragraph, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_result_cycle, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_rollups, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_gap, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_visibility, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_status_csv, setup, teardown_index),
		cmocka_unit_test_setup_teardown(test_index_other_handle, setup, teardown_index),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
