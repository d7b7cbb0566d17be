/* Statistics, common threads and alerts, on small fixtures of countries, member states,
 * conflicts, conflict-years and field reports: the share of conflicts in member states computed
 * by hand (accession years, suspended members and observers, what each reader counts); the
 * co-occurrence counts and lifts of the common threads; the escalation rule on synthetic months,
 * its evidence as the alert's readers read it, and a second run that raises nothing; the forecast
 * rules skipped without a model, then raised from a fitted one by scope and horizon; every step
 * of the life cycle allowed and refused, by status and by role; responses that must name an
 * existing record or give their reasons; hours to response on a fixed clock; and what a
 * members-level reader sees of a secretariat alert (nothing: not listed, not counted, not in the
 * feed). */
#include <time.h>

#include "unit.h"

/* ---- helpers ---- */

static const char *s(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long n(const json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* Countries and states: SDN, AFG, MLI members since 1969; CIV a member from 2001; SYR a member
 * suspended since 2012; THA and RUS observers; SSD, UKR, COL not in the organisation. */
static void world(ts_store *st)
{
	static const char *const countries[][3] = {
		{"SDN", "Sudan", "السودان"}, {"AFG", "Afghanistan", "أفغانستان"}, {"MLI", "Mali", "مالي"},
		{"CIV", "Côte d'Ivoire", "كوت ديفوار"}, {"SYR", "Syria", "سوريا"}, {"THA", "Thailand", "تايلاند"},
		{"RUS", "Russian Federation", "روسيا"}, {"SSD", "South Sudan", "جنوب السودان"}, {"UKR", "Ukraine", "أوكرانيا"},
		{"COL", "Colombia", "كولومبيا"},
	};
	ts_error err = TS_ERROR_INIT;
	char buf[400];

	must(ts_store_begin(st, &err), &err);
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++) {
		snprintf(buf, sizeof(buf), "{\"id\":\"%s\",\"name_en\":\"%s\",\"name_ar\":\"%s\",\"name_fr\":\"%s\"}",
			 countries[i][0], countries[i][1], countries[i][2], countries[i][1]);
		make(st, "countries", buf);
	}
	make(st, "states", "{\"id\":\"SDN\",\"name_en\":\"Sudan\",\"status\":\"member\",\"accession_year\":1969}");
	make(st, "states", "{\"id\":\"AFG\",\"name_en\":\"Afghanistan\",\"status\":\"member\",\"accession_year\":1969}");
	make(st, "states", "{\"id\":\"MLI\",\"name_en\":\"Mali\",\"status\":\"member\",\"accession_year\":1969}");
	make(st, "states", "{\"id\":\"CIV\",\"name_en\":\"Côte d'Ivoire\",\"status\":\"member\",\"accession_year\":2001}");
	make(st, "states", "{\"id\":\"SYR\",\"name_en\":\"Syria\",\"status\":\"suspended\",\"accession_year\":1972,"
			   "\"suspended_since\":\"2012-08\"}");
	make(st, "states", "{\"id\":\"THA\",\"name_en\":\"Thailand\",\"status\":\"observer\",\"observer_since\":1998}");
	make(st, "states", "{\"id\":\"RUS\",\"name_en\":\"Russia\",\"status\":\"observer\",\"observer_since\":2005}");
	must(ts_store_commit(st, &err), &err);
}

static void conflict(ts_store *st, const char *id, const char *countries, const char *causes, const char *level,
		     const int *years)
{
	char buf[600];

	snprintf(buf, sizeof(buf), "{\"id\":\"%s\",\"name_en\":\"Conflict %s\",\"type\":\"intrastate\",\"countries\":\"%s\""
		 "%s%s%s,\"level\":\"%s\"}", id, id, countries, causes ? ",\"root_causes\":\"" : "", causes ? causes : "",
		 causes ? "\"" : "", level);
	make(st, "conflicts", buf);
	for (int i = 0; years[i]; i++) {
		snprintf(buf, sizeof(buf), "{\"conflict\":\"%s\",\"year\":%d,\"intensity\":\"minor\",\"countries\":\"%s\","
			 "\"level\":\"%s\"}", id, years[i], countries, level);
		make(st, "conflict-years", buf);
	}
}

/* Conflicts active in 2015: c1 (SDN), c2 (UKR RUS: an observer only), c3 (SYR: suspended, counted),
 * c4 (THA: an observer), c5 (SSD SDN: partly in a member), c6 (COL); c8 (MLI) is secretariat-level.
 * c7 (CIV) in 2000, before CIV acceded, and in 2002, after. */
static void conflicts(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	static const int y2015[] = {2015, 0}, y2000_2002[] = {2000, 2002, 0};

	must(ts_store_begin(st, &err), &err);
	conflict(st, "c1", "SDN", "governance,identity", "public", y2015);
	conflict(st, "c2", "UKR RUS", NULL, "public", y2015);
	conflict(st, "c3", "SYR", "governance,foreign_intervention", "public", y2015);
	conflict(st, "c4", "THA", "identity", "public", y2015);
	conflict(st, "c5", "SSD SDN", "identity,resources", "public", y2015);
	conflict(st, "c6", "COL", "inequality", "public", y2015);
	conflict(st, "c7", "CIV", "governance", "public", y2000_2002);
	conflict(st, "c8", "MLI", "extremism", "secretariat", y2015);
	make(st, "events", "{\"date\":\"2015-03-10\",\"country\":\"SDN\",\"event_type\":\"battles\",\"actor1_type\":"
			   "\"state_forces\",\"actor2_type\":\"rebel_group\",\"fatalities\":10}");
	make(st, "events", "{\"date\":\"2015-05-02\",\"country\":\"SYR\",\"event_type\":\"explosions_remote_violence\","
			   "\"actor1_type\":\"state_forces\",\"actor2_type\":\"civilians\",\"fatalities\":5}");
	/* outside 2015: not a feature of MLI's conflict in 2015 */
	make(st, "events", "{\"date\":\"2016-01-10\",\"country\":\"MLI\",\"event_type\":\"battles\",\"actor1_type\":"
			   "\"rebel_group\",\"fatalities\":3}");
	make(st, "events", "{\"date\":\"2015-01-10\",\"country\":\"COL\",\"event_type\":\"riots\",\"actor1_type\":"
			   "\"rioters\",\"fatalities\":0}");
	must(ts_store_commit(st, &err), &err);
}

static const json_t *year_of(const json_t *out, int year)
{
	const json_t *y;
	size_t i;

	json_array_foreach(json_object_get(out, "years"), i, y)
		if (n(y, "year") == year)
			return y;
	fail_msg("no year %d", year);
	return NULL;
}

/* ---- statistics ---- */

static void test_stats_conflicts(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL, *c;
	const json_t *y;
	size_t i;
	int found5 = 0;

	world(fx->st);
	conflicts(fx->st);

	/* an administrator counts c8 too: 7 in the world, 4 in member states (c1, c3, c5, c8) */
	must(ts_stats_conflicts(fx->st, 0, &out, &err), &err);
	y = year_of(out, 2015);
	assert_int_equal(n(y, "world"), 7);
	assert_int_equal(n(y, "members"), 4);
	assert_float_equal(json_real_value(json_object_get(y, "share")), 0.571, 1e-9);
	assert_null(json_object_get(y, "conflicts")); /* every year: counts only */
	/* CIV acceded in 2001: its conflict of 2000 is not in a member state, that of 2002 is */
	assert_int_equal(n(year_of(out, 2000), "members"), 0);
	assert_int_equal(n(year_of(out, 2000), "world"), 1);
	assert_int_equal(n(year_of(out, 2002), "members"), 1);
	assert_int_equal(json_array_size(json_object_get(out, "years")), 3);
	json_decref(out);

	/* a delegate (members level) neither sees nor counts the secretariat's conflict: 3 of 6 */
	as(fx->st, TS_ROLE_DELEGATE, "del", "SAU");
	must(ts_stats_conflicts(fx->st, 2015, &out, &err), &err);
	y = year_of(out, 2015);
	assert_int_equal(n(y, "world"), 6);
	assert_int_equal(n(y, "members"), 3);
	assert_float_equal(json_real_value(json_object_get(y, "share")), 0.5, 1e-9);
	assert_int_equal(json_array_size(json_object_get(y, "conflicts")), 3);
	json_array_foreach(json_object_get(y, "conflicts"), i, c) {
		assert_string_not_equal(s(c, "id"), "c8");
		assert_string_not_equal(s(c, "id"), "c4"); /* an observer's */
		if (!strcmp(s(c, "id"), "c5")) {
			/* only the member state among the conflict's countries */
			assert_int_equal(json_array_size(json_object_get(c, "states")), 1);
			assert_string_equal(json_string_value(json_array_get(json_object_get(c, "states"), 0)), "SDN");
			assert_string_equal(s(c, "name_en"), "Conflict c5");
			found5 = 1;
		}
		if (!strcmp(s(c, "id"), "c3"))
			assert_string_equal(json_string_value(json_array_get(json_object_get(c, "states"), 0)), "SYR");
	}
	assert_true(found5);
	json_decref(out);

	/* a year without conflicts: zero, no share */
	must(ts_stats_conflicts(fx->st, 1990, &out, &err), &err);
	assert_int_equal(n(year_of(out, 1990), "world"), 0);
	assert_true(json_is_null(json_object_get(year_of(out, 1990), "share")));
	json_decref(out);
	refused(ts_stats_conflicts(fx->st, 1800, &out, &err), &err, TS_INVALID_PARAMETER, "year");
	assert_null(out);
}

static const json_t *find_key(const json_t *arr, const char *a, const char *b)
{
	const json_t *x;
	size_t i;

	json_array_foreach(arr, i, x)
		if (b ? (!strcmp(s(x, "a"), a) && !strcmp(s(x, "b"), b)) || (!strcmp(s(x, "a"), b) && !strcmp(s(x, "b"), a))
		      : !strcmp(s(x, "key"), a))
			return x;
	return NULL;
}

static void test_threads(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL, *f;
	const json_t *p;

	world(fx->st);
	conflicts(fx->st);
	/* 2015, as an administrator: c1, c3, c5 and c8 */
	must(ts_threads(fx->st, 2015, 2015, &out, &err), &err);
	f = json_object_get(out, "features");
	assert_int_equal(n(out, "conflicts"), 4);
	assert_int_equal(n(find_key(f, "actor:state_forces", NULL), "count"), 3); /* c1, c5 (SDN's events), c3 */
	assert_int_equal(n(find_key(f, "cause:governance", NULL), "count"), 2);
	assert_int_equal(n(find_key(f, "cause:identity", NULL), "count"), 2);  /* c4 is an observer's: not counted */
	assert_int_equal(n(find_key(f, "event:battles", NULL), "count"), 2);
	assert_int_equal(n(find_key(f, "cause:extremism", NULL), "count"), 1);
	assert_null(find_key(f, "cause:inequality", NULL)); /* Colombia's */
	assert_null(find_key(f, "actor:rioters", NULL));
	assert_string_equal(s(json_array_get(f, 0), "key"), "actor:state_forces"); /* most frequent first */
	assert_string_equal(s(find_key(f, "cause:governance", NULL), "kind"), "cause");
	assert_string_equal(s(find_key(f, "cause:governance", NULL), "value"), "governance");
	/* battles and state forces together in 2 of 4: lift 2*4/(2*3) */
	p = find_key(json_object_get(out, "pairs"), "event:battles", "actor:state_forces");
	assert_non_null(p);
	assert_int_equal(n(p, "count"), 2);
	assert_float_equal(json_real_value(json_object_get(p, "lift")), 1.333, 1e-9);
	p = find_key(json_object_get(out, "pairs"), "cause:governance", "cause:identity");
	assert_int_equal(n(p, "count"), 1);
	assert_float_equal(json_real_value(json_object_get(p, "lift")), 1.0, 1e-9);
	assert_null(find_key(json_object_get(out, "pairs"), "cause:extremism", "event:battles")); /* MLI's is 2016 */
	json_decref(out);

	/* a delegate: c8 is not there */
	as(fx->st, TS_ROLE_DELEGATE, "del", "SAU");
	must(ts_threads(fx->st, 2015, 2015, &out, &err), &err);
	assert_int_equal(n(out, "conflicts"), 3);
	assert_null(find_key(json_object_get(out, "features"), "cause:extremism", NULL));
	json_decref(out);
	refused(ts_threads(fx->st, 2016, 2015, &out, &err), &err, TS_INVALID_PARAMETER, "to");
}

/* ---- the escalation rule ---- */

static void event(ts_store *st, const char *country, const char *date, int fatalities, const char *level)
{
	char buf[300];

	snprintf(buf, sizeof(buf), "{\"date\":\"%s\",\"country\":\"%s\",\"event_type\":\"battles\",\"fatalities\":%d,"
		 "\"level\":\"%s\"}", date, country, fatalities, level);
	make(st, "events", buf);
}

/* Six months of 10 fatalities then 25 + 15 in July (and 100 the secretariat reads) in Sudan; 20 a
 * month then 50 in Afghanistan; 30 in Syria in July after nothing; 100 in Thailand (an observer). */
static void months(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	char date[16];

	must(ts_store_begin(st, &err), &err);
	for (int m = 1; m <= 6; m++) {
		snprintf(date, sizeof(date), "2023-%02d-15", m);
		event(st, "SDN", date, 10, "public");
		event(st, "AFG", date, 20, "public");
	}
	event(st, "SDN", "2023-07-01", 25, "public");
	event(st, "SDN", "2023-07-02", 15, "members");
	event(st, "SDN", "2023-07-03", 100, "secretariat");
	event(st, "AFG", "2023-07-01", 50, "public");
	event(st, "SYR", "2023-07-01", 30, "public");
	event(st, "THA", "2023-07-01", 100, "public");
	make(st, "alert-rules", "{\"id\":\"esc\",\"name_en\":\"Escalation\",\"kind\":\"escalation\",\"window\":6,\"factor\":3,"
				"\"min_fatalities\":25,\"severity\":\"high\"}");
	must(ts_store_commit(st, &err), &err);
}

static long alerts_count(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	long c = -1;

	must(ts_records_count(st, entity("alerts"), NULL, NULL, &c, &err), &err);
	return c;
}

static json_t *run(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;

	must(ts_store_begin(st, &err), &err);
	must(ts_alerts_evaluate(st, &out, &err), &err);
	must(ts_store_commit(st, &err), &err);
	return out;
}

static void test_escalation(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out, *ev, *a, *sdn = NULL, *syr = NULL;
	size_t i;

	world(fx->st);
	months(fx->st);
	ts_alerts_set_clock(1688212800); /* 2023-07-01T12:00:00Z */
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	out = run(fx->st);
	assert_string_equal(s(out, "month"), "2023-07");
	/* Sudan (40 = 4 x 10) and Syria (30 after none); not Afghanistan (50 < 3 x 20), nor Thailand */
	assert_int_equal(json_array_size(json_object_get(out, "items")), 2);
	json_array_foreach(json_object_get(out, "items"), i, a) {
		if (!strcmp(s(a, "country"), "SDN"))
			sdn = a;
		if (!strcmp(s(a, "country"), "SYR"))
			syr = a;
	}
	assert_non_null(sdn);
	assert_non_null(syr);
	assert_string_equal(s(sdn, "kind"), "escalation");
	assert_string_equal(s(sdn, "rule"), "esc");
	assert_string_equal(s(sdn, "month"), "2023-07");
	assert_string_equal(s(sdn, "status"), "open");
	assert_string_equal(s(sdn, "severity"), "high");
	assert_string_equal(s(sdn, "level"), "members");
	assert_string_equal(s(sdn, "raised_at"), "2023-07-01T12:00:00Z");
	assert_string_equal(s(sdn, "raised_by"), "ana");
	assert_string_equal(s(sdn, "title_en"), "Sudan: 40 fatalities in 2023-07, 4.0 times the mean of the 6 months before (10)");
	assert_string_equal(s(sdn, "title_fr"), "Sudan : 40 morts en 2023-07, 4,0 fois la moyenne des 6 mois précédents (10)");
	assert_non_null(strstr(s(sdn, "title_ar"), "السودان"));
	assert_string_equal(s(syr, "title_en"), "Syria: 30 fatalities in 2023-07, after none in the 6 months before");
	/* the evidence counts what members read: the secretariat's 100 neither counted nor named */
	ev = load(s(sdn, "evidence"));
	assert_int_equal(n(ev, "fatalities"), 40);
	assert_int_equal(n(ev, "events"), 2);
	assert_float_equal(json_number_value(json_object_get(ev, "trailing_mean")), 10.0, 1e-9);
	assert_int_equal(json_array_size(json_object_get(ev, "top_events")), 2);
	{
		/* most fatalities first: the 25 before the 15 */
		json_t *first = NULL;
		as_admin(fx->st);
		must(ts_record_get(fx->st, entity("events"), json_string_value(json_array_get(json_object_get(ev, "top_events"), 0)),
				   &first, &err), &err);
		assert_int_equal(n(first, "fatalities"), 25);
		json_decref(first);
		as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	}
	json_decref(ev);
	json_decref(out);
	assert_int_equal(alerts_count(fx->st), 2);

	/* idempotent: a second run raises nothing */
	out = run(fx->st);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
	json_decref(out);
	assert_int_equal(alerts_count(fx->st), 2);

	/* events by member state, as members read them: Sudan 100 (6 x 10 + 40), not 200 */
	must(ts_stats_states(fx->st, "2023-01", "2023-07", &out, &err), &err);
	/* most fatalities first: Afghanistan (6 x 20 + 50), then Sudan */
	a = json_array_get(json_object_get(out, "items"), 0);
	assert_string_equal(s(a, "state"), "AFG");
	assert_int_equal(n(a, "fatalities"), 170);
	a = json_array_get(json_object_get(out, "items"), 1);
	assert_string_equal(s(a, "state"), "SDN");
	assert_int_equal(n(a, "fatalities"), 100);
	assert_int_equal(n(a, "events"), 8);
	/* every member state is listed, with zero when it has no event; observers are not */
	assert_int_equal(json_array_size(json_object_get(out, "items")), 5);
	assert_int_equal(n(out, "fatalities"), 300);
	json_decref(out);

	/* a delegate does not run rules */
	as(fx->st, TS_ROLE_DELEGATE, "del", "SAU");
	refused(ts_alerts_evaluate(fx->st, &out, &err), &err, TS_FORBIDDEN, NULL);
	ts_alerts_set_clock(0);
}

/* ---- the forecast rules ---- */

static void test_forecast_rule(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL, *a, *ev, *fit = NULL;
	char date[16];
	size_t i;
	int sdn = 0, tha = 0;

	world(fx->st);
	/* 30 months: Sudan and Thailand (an observer) at 100 fatalities a month, Afghanistan at none */
	must(ts_store_begin(fx->st, &err), &err);
	for (int m = 0; m < 30; m++) {
		snprintf(date, sizeof(date), "%04d-%02d-15", 2021 + m / 12, m % 12 + 1);
		event(fx->st, "SDN", date, 100, "public");
		event(fx->st, "THA", date, 100, "public");
		event(fx->st, "AFG", date, 0, "public");
	}
	make(fx->st, "alert-rules", "{\"id\":\"fc\",\"name_en\":\"Forecast\",\"kind\":\"forecast\",\"horizon\":1,"
				    "\"threshold\":0.5,\"severity\":\"high\"}");
	make(fx->st, "alert-rules", "{\"id\":\"fc-world\",\"name_en\":\"Forecast, world\",\"kind\":\"forecast\",\"scope\":"
				    "\"world\",\"horizon\":2,\"threshold\":0.5,\"severity\":\"medium\"}");
	must(ts_store_commit(fx->st, &err), &err);

	/* no model yet: the forecast rules are skipped, and say why */
	out = run(fx->st);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
	assert_int_equal(json_array_size(json_object_get(out, "skipped")), 2);
	assert_non_null(strstr(s(json_array_get(json_object_get(out, "skipped"), 0), "reason"), "forecast fit"));
	json_decref(out);

	must(ts_store_begin(fx->st, &err), &err);
	must(ts_forecast_fit(fx->st, &fit, &err), &err);
	must(ts_store_commit(fx->st, &err), &err);
	json_decref(fit);
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	out = run(fx->st);
	assert_int_equal(json_array_size(json_object_get(out, "skipped")), 0);
	/* fc: Sudan only (Afghanistan's probability is low, Thailand is not a member); fc-world: Sudan and
	 * Thailand */
	assert_int_equal(json_array_size(json_object_get(out, "items")), 3);
	json_array_foreach(json_object_get(out, "items"), i, a) {
		assert_string_not_equal(s(a, "country"), "AFG");
		assert_string_equal(s(a, "kind"), "forecast");
		ev = load(s(a, "evidence"));
		assert_true(json_number_value(json_object_get(ev, "p")) >= 0.5);
		assert_string_equal(s(ev, "month"), s(a, "month"));
		if (!strcmp(s(a, "rule"), "fc")) {
			char title[200];
			assert_string_equal(s(a, "country"), "SDN");
			assert_string_equal(s(a, "month"), "2023-07");
			assert_int_equal(n(ev, "horizon"), 1);
			snprintf(title, sizeof(title), "Sudan: forecast probability %d%% of 25+ fatalities in 2023-07",
				 (int)(json_number_value(json_object_get(ev, "p")) * 100 + 0.5));
			assert_string_equal(s(a, "title_en"), title);
			assert_non_null(strstr(s(a, "title_fr"), "Sudan : probabilité prévue de "));
			sdn++;
		} else {
			assert_string_equal(s(a, "month"), "2023-08");
			tha += !strcmp(s(a, "country"), "THA");
		}
		json_decref(ev);
	}
	assert_int_equal(sdn, 1);
	assert_int_equal(tha, 1);
	json_decref(out);
	out = run(fx->st);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
	json_decref(out);
}

/* ---- the life cycle ---- */

static json_t *raise_one(ts_store *st, const char *json, ts_error *err, int *rc)
{
	json_t *in = load(json), *out = NULL;

	ts_error_clear(err);
	*rc = ts_alert_raise(st, in, &out, err);
	json_decref(in);
	return out;
}

static void test_life_cycle(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *a = NULL, *in;
	char id[64];
	int rc;
	const time_t t0 = 1700000000; /* 2023-11-14T22:13:20Z */

	world(fx->st);
	ts_alerts_set_clock(t0);
	must(ts_store_begin(fx->st, &err), &err);
	/* a field report, then an alert raised from it by hand */
	as_admin(fx->st);
	make(fx->st, "events", "{\"id\":\"fr1\",\"date\":\"2023-11-12\",\"country\":\"SDN\",\"event_type\":"
			       "\"violence_against_civilians\",\"fatalities\":12,\"level\":\"members\"}");
	ts_store_set_viewer(fx->st, NULL);
	a = raise_one(fx->st, "{\"country\":\"SDN\",\"severity\":\"high\",\"title_en\":\"x\"}", &err, &rc);
	refused(rc, &err, TS_UNAUTHENTICATED, NULL);
	as(fx->st, TS_ROLE_DELEGATE, "del", "SDN");
	a = raise_one(fx->st, "{\"country\":\"SDN\",\"severity\":\"high\",\"title_en\":\"x\"}", &err, &rc);
	refused(rc, &err, TS_FORBIDDEN, NULL);
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	a = raise_one(fx->st, "{\"country\":\"AFG\",\"event\":\"fr1\",\"severity\":\"high\",\"title_en\":\"x\"}", &err, &rc);
	refused(rc, &err, TS_INVALID_VALUE, "country"); /* the report is from Sudan */
	a = raise_one(fx->st, "{\"event\":\"nope\",\"severity\":\"high\",\"title_en\":\"x\"}", &err, &rc);
	refused(rc, &err, TS_UNKNOWN_REFERENCE, "event");
	a = raise_one(fx->st, "{\"event\":\"fr1\",\"severity\":\"high\",\"title_en\":\"x\",\"status\":\"closed\"}", &err, &rc);
	refused(rc, &err, TS_UNKNOWN_FIELD, "status");
	a = raise_one(fx->st, "{\"event\":\"fr1\",\"severity\":\"critical\",\"title_en\":\"Attack on a camp in Darfur\","
			      "\"title_ar\":\"هجوم على مخيم في دارفور\",\"title_fr\":\"Attaque d'un camp au Darfour\"}", &err, &rc);
	must(rc, &err);
	assert_string_equal(s(a, "kind"), "manual");
	assert_string_equal(s(a, "country"), "SDN");   /* from the report */
	assert_string_equal(s(a, "month"), "2023-11"); /* from the report */
	assert_string_equal(s(a, "status"), "open");
	assert_string_equal(s(a, "level"), "members");
	assert_string_equal(s(a, "raised_by"), "ana");
	snprintf(id, sizeof(id), "%s", s(a, "id"));
	json_decref(a);

	/* open: cannot close, and an analyst cannot respond */
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	assert_int_equal(ts_alert_close(fx->st, id, &a, &err), -1);
	assert_non_null(strstr(err.detail, "record the response first"));
	refused(-1, &err, TS_WRONG_STAGE, "status");
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	in = load("{\"response_kind\":\"statement\",\"response_text\":\"The Secretary-General condemns the attack.\"}");
	refused(ts_alert_respond(fx->st, id, in, &a, &err), &err, TS_FORBIDDEN, NULL);
	json_decref(in);
	as(fx->st, TS_ROLE_DELEGATE, "del", "SDN");
	refused(ts_alert_acknowledge(fx->st, id, &a, &err), &err, TS_FORBIDDEN, NULL);

	/* acknowledged by the analyst, once */
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	must(ts_alert_acknowledge(fx->st, id, &a, &err), &err);
	assert_string_equal(s(a, "status"), "acknowledged");
	assert_string_equal(s(a, "acknowledged_by"), "ana");
	json_decref(a);
	refused(ts_alert_acknowledge(fx->st, id, &a, &err), &err, TS_WRONG_STAGE, "status");
	refused(ts_alert_acknowledge(fx->st, "no-such-alert", &a, &err), &err, TS_NOT_FOUND, NULL);

	/* the response: every kind checked, nothing written when refused */
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	{
		static const struct {
			const char *json;
			ts_code code;
			const char *field;
		} bad[] = {
			{"{}", TS_REQUIRED, "response_kind"},
			{"{\"response_kind\":\"prayer\"}", TS_INVALID_VALUE, "response_kind"},
			{"{\"response_kind\":\"meeting\"}", TS_REQUIRED, "response_meeting"},
			{"{\"response_kind\":\"meeting\",\"response_meeting\":\"cfm-99\"}", TS_UNKNOWN_REFERENCE, "response_meeting"},
			{"{\"response_kind\":\"resolution\",\"response_resolution\":\"9-99-pol\"}", TS_UNKNOWN_REFERENCE,
			 "response_resolution"},
			{"{\"response_kind\":\"mandate\",\"response_mandate\":\"m-0\"}", TS_UNKNOWN_REFERENCE, "response_mandate"},
			{"{\"response_kind\":\"statement\",\"response_meeting\":\"cfm-45\",\"response_text\":\"t\"}", TS_INVALID_VALUE,
			 "response_meeting"},
			{"{\"response_kind\":\"mediation_process\"}", TS_REQUIRED, "response_process"},
			{"{\"response_kind\":\"mediation_process\",\"response_process\":\"OIC contact group, Jeddah talks\"}",
			 TS_UNKNOWN_REFERENCE, "response_process"},
			{"{\"response_kind\":\"statement\"}", TS_REQUIRED, "response_text"},
			{"{\"response_kind\":\"no_action\"}", TS_REQUIRED, "response_text"},
			{"{\"response_kind\":\"no_action\",\"response_text\":\"not now\"}", TS_INVALID_VALUE, "response_text"},
			{"{\"response_kind\":\"statement\",\"response_text\":\"x\",\"closed_at\":\"2020-01-01T00:00:00Z\"}",
			 TS_UNKNOWN_FIELD, "closed_at"},
		};
		for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			in = load(bad[k].json);
			ts_error_clear(&err);
			if (!ts_alert_respond(fx->st, id, in, &a, &err))
				fail_msg("response %s accepted", bad[k].json);
			refused(-1, &err, bad[k].code, bad[k].field);
			json_decref(in);
		}
		must(ts_record_get(fx->st, entity("alerts"), id, &a, &err), &err);
		assert_string_equal(s(a, "status"), "acknowledged");
		json_decref(a);
	}
	/* 50 hours and 10 minutes later: 50 whole hours */
	ts_alerts_set_clock(t0 + 50 * 3600 + 600);
	/* the process is a record of the mediation module (mediation.h) */
	make(fx->st, "processes", "{\"id\":\"jeddah-talks\",\"title_en\":\"Jeddah talks\",\"country\":\"SDN\","
	     "\"authority\":\"secretary_general\",\"sg_decision\":\"Letter of the Secretary-General, 2023-05-01\"}");
	in = load("{\"response_kind\":\"mediation_process\",\"response_process\":\"jeddah-talks\","
		  "\"response_text\":\"The envoy met both parties.\"}");
	must(ts_alert_respond(fx->st, id, in, &a, &err), &err);
	json_decref(in);
	assert_string_equal(s(a, "status"), "responded");
	assert_string_equal(s(a, "response_kind"), "mediation_process");
	assert_string_equal(s(a, "response_process"), "jeddah-talks");
	assert_string_equal(s(a, "responded_by"), "sec");
	assert_string_equal(s(a, "responded_at"), "2023-11-17T00:23:20Z");
	assert_int_equal(n(a, "hours_to_response"), 50);
	json_decref(a);
	in = load("{\"response_kind\":\"statement\",\"response_text\":\"again\"}");
	refused(ts_alert_respond(fx->st, id, in, &a, &err), &err, TS_WRONG_STAGE, "status");
	json_decref(in);

	/* closed by the secretariat only, once */
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	refused(ts_alert_close(fx->st, id, &a, &err), &err, TS_FORBIDDEN, NULL);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	must(ts_alert_close(fx->st, id, &a, &err), &err);
	assert_string_equal(s(a, "status"), "closed");
	assert_string_equal(s(a, "closed_by"), "sec");
	json_decref(a);
	refused(ts_alert_close(fx->st, id, &a, &err), &err, TS_WRONG_STAGE, "status");
	refused(ts_alert_acknowledge(fx->st, id, &a, &err), &err, TS_WRONG_STAGE, "status");

	/* an open alert may be responded to at once (no_action with its reasons) */
	a = raise_one(fx->st, "{\"country\":\"AFG\",\"severity\":\"low\",\"title_en\":\"Protest in Kabul\"}", &err, &rc);
	must(rc, &err);
	snprintf(id, sizeof(id), "%s", s(a, "id"));
	json_decref(a);
	in = load("{\"response_kind\":\"no_action\",\"response_text\":\"A peaceful protest, no violence reported.\"}");
	must(ts_alert_respond(fx->st, id, in, &a, &err), &err);
	json_decref(in);
	assert_string_equal(s(a, "status"), "responded");
	assert_int_equal(n(a, "hours_to_response"), 0);
	json_decref(a);
	must(ts_store_commit(fx->st, &err), &err);
	ts_alerts_set_clock(0);
}

/* ---- what each reader sees ---- */

static void test_access(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *a = NULL, *page = NULL;
	ts_query q;
	ts_buf feed = TS_BUF_INIT;
	char secret[64];
	int rc;

	world(fx->st);
	ts_alerts_set_clock(1700000000);
	must(ts_store_begin(fx->st, &err), &err);
	as(fx->st, TS_ROLE_SECRETARIAT, "sec", NULL);
	a = raise_one(fx->st, "{\"country\":\"SDN\",\"severity\":\"high\",\"title_en\":\"Sudan: for the secretariat\","
			      "\"level\":\"secretariat\"}", &err, &rc);
	must(rc, &err);
	snprintf(secret, sizeof(secret), "%s", s(a, "id"));
	json_decref(a);
	a = raise_one(fx->st, "{\"country\":\"AFG\",\"severity\":\"low\",\"title_en\":\"Afghanistan: for members\","
			      "\"title_fr\":\"Afghanistan : pour les membres\"}", &err, &rc);
	must(rc, &err);
	json_decref(a);
	must(ts_store_commit(fx->st, &err), &err);

	/* the secretariat reads both */
	ts_query_init(&q, entity("alerts"));
	must(ts_records_list(fx->st, &q, &page, &err), &err);
	assert_int_equal(n(page, "total"), 2);
	json_decref(page);
	must(ts_alerts_atom(fx->st, TS_FR, "https://tansiq.example", &feed, &err), &err);
	assert_non_null(strstr(ts_buf_str(&feed), "Sudan: for the secretariat"));
	assert_non_null(strstr(ts_buf_str(&feed), "Afghanistan : pour les membres"));
	assert_non_null(strstr(ts_buf_str(&feed), "xml:lang=\"fr\""));
	ts_buf_free(&feed);

	/* a delegate reads, lists and counts only the members' alert, and cannot act on the other */
	as(fx->st, TS_ROLE_DELEGATE, "del", "SAU");
	must(ts_records_list(fx->st, &q, &page, &err), &err);
	assert_int_equal(n(page, "total"), 1);
	assert_string_equal(s(json_array_get(json_object_get(page, "items"), 0), "country"), "AFG");
	json_decref(page);
	must(ts_alerts_atom(fx->st, TS_EN, NULL, &feed, &err), &err);
	assert_null(strstr(ts_buf_str(&feed), "for the secretariat"));
	assert_non_null(strstr(ts_buf_str(&feed), "Afghanistan: for members"));
	ts_buf_free(&feed);
	as(fx->st, TS_ROLE_ANALYST, "ana", NULL);
	refused(ts_alert_acknowledge(fx->st, secret, &a, &err), &err, TS_NOT_FOUND, NULL);
	/* the public reads no alert */
	ts_store_set_viewer(fx->st, NULL);
	must(ts_records_list(fx->st, &q, &page, &err), &err);
	assert_int_equal(n(page, "total"), 0);
	json_decref(page);
	must(ts_alerts_atom(fx->st, TS_AR, NULL, &feed, &err), &err);
	assert_null(strstr(ts_buf_str(&feed), "<entry>"));
	assert_non_null(strstr(ts_buf_str(&feed), "<title>الإنذارات</title>"));
	ts_buf_free(&feed);
	ts_query_free(&q);
	ts_alerts_set_clock(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stats_conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forecast_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_life_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
