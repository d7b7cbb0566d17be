/* Conflict monitoring's foundation: months, the number type of coordinates and thresholds, the
 * guards of conflicts and field reports, the country-month and admin1-month aggregates kept in
 * step with events (created, changed, deleted, batched) and agreeing with a recount, what each
 * reader is counted, and the monthly series with its empty months. */
#include <math.h>

#include "unit.h"

static void load_defaults(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;

	must(ts_store_begin(st, &err), &err);
	must(ts_registry_load_defaults(st, &err), &err);
	must(ts_store_commit(st, &err), &err);
}

/* Creates a record in its own transaction; returns 0 or the error in err. */
static int create(ts_store *st, const char *collection, const char *json, json_t **out, ts_error *err)
{
	json_t *in = load(json);
	int rc;

	ts_error_clear(err);
	if (ts_store_begin(st, err)) {
		json_decref(in);
		return -1;
	}
	rc = ts_record_create(st, entity(collection), in, out, err);
	json_decref(in);
	if (rc) {
		ts_store_rollback(st);
		return -1;
	}
	return ts_store_commit(st, err);
}

/* The events and fatalities of one country-month as the viewer reads them (0, 0 when none). */
static void month_of(ts_store *st, const char *country, const char *month, long *events, long *fatalities)
{
	ts_error err = TS_ERROR_INIT;
	json_t *out, *it;
	size_t i;

	*events = *fatalities = 0;
	must(ts_event_months(st, country, 0, month, month, &out, &err), &err);
	json_array_foreach(json_object_get(out, "items"), i, it) {
		*events += (long)json_integer_value(json_object_get(it, "events"));
		*fatalities += (long)json_integer_value(json_object_get(it, "fatalities"));
	}
	json_decref(out);
}

/* Every row of both aggregate tables, in order, as one text. */
static int dump_row(void *ctx, const ts_value *c, int n)
{
	ts_buf *b = ctx;

	for (int i = 0; i < n; i++) {
		if (c[i].type == TS_V_INT)
			ts_buf_printf(b, "%lld|", c[i].i);
		else
			ts_buf_printf(b, "%s|", c[i].type == TS_V_TEXT ? c[i].s : "");
	}
	ts_buf_adds(b, "\n");
	return 0;
}

static char *dump_aggregates(ts_store *st)
{
	ts_buf b = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;

	must(ts_store_exec(st, "SELECT * FROM \"event_country_months\" ORDER BY 1, 2, 3, 4, 5", NULL, 0, dump_row, &b,
			   NULL, &err), &err);
	must(ts_store_exec(st, "SELECT * FROM \"event_admin1_months\" ORDER BY 1, 2, 3, 4, 5, 6", NULL, 0, dump_row, &b,
			   NULL, &err), &err);
	return ts_buf_detach(&b, NULL);
}

/* ---- months and numbers ---- */

static void test_months(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(ts_month_parse("2023-04"), 2023 * 12 + 3);
	assert_int_equal(ts_month_parse("2023-04-30"), 2023 * 12 + 3);
	assert_int_equal(ts_month_parse("2023-13"), -1);
	assert_int_equal(ts_month_parse("2023-00"), -1);
	assert_int_equal(ts_month_parse("2023-4"), -1);
	assert_int_equal(ts_month_parse("2023"), -1);
	assert_int_equal(ts_month_parse(NULL), -1);
	ts_month_format(2023 * 12 + 11, out);
	assert_string_equal(out, "2023-12");
	ts_month_format(ts_month_parse("1999-01"), out);
	assert_string_equal(out, "1999-01");
	ts_month_format(-1, out);
	assert_string_equal(out, "");
}

static void test_real_field(void **state)
{
	const ts_field *lat = field("events", "latitude");
	ts_error err = TS_ERROR_INIT;
	json_t *v;
	char num[32];
	static const char *const bad[] = {"abc", "nan", "inf", "0x10", "1e999", "12,5", "", NULL};

	(void)state;
	v = ts_field_parse(lat, "15.6445", &err);
	assert_non_null(v);
	assert_true(json_is_real(v));
	assert_true(fabs(json_real_value(v) - 15.6445) < 1e-12);
	assert_string_equal(ts_field_text(lat, v, num), "15.6445");
	json_decref(v);
	v = ts_field_parse(lat, "-3", &err);
	assert_true(fabs(json_real_value(v) + 3) < 1e-12);
	json_decref(v);
	/* out of range: named, with the range */
	assert_null(ts_field_parse(lat, "91", &err));
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_string_equal(err.field, "latitude");
	assert_non_null(strstr(err.detail, "-90"));
	for (int i = 1; bad[i]; i++) {
		ts_error_clear(&err);
		v = ts_field_parse(lat, bad[i - 1], &err);
		if (v)
			fail_msg("'%s' was taken as a number", bad[i - 1]);
		assert_string_equal(err.field, "latitude");
	}
	/* JSON: an integer is a number too, a string is not */
	v = json_integer(12);
	assert_int_equal(ts_field_check(lat, v, &err), 0);
	json_decref(v);
	v = json_string("12");
	assert_int_not_equal(ts_field_check(lat, v, &err), 0);
	json_decref(v);
}

/* ---- guards ---- */

static void test_conflict_guard(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *c = NULL;

	load_defaults(fx->st);
	must(create(fx->st, "conflicts", "{\"id\":\"sudan-gov\",\"name_en\":\"Sudan: Government\",\"type\":\"intrastate\","
			"\"countries\":\"SDN SSD\",\"root_causes\":\"governance,identity\"}", &c, &err), &err);
	assert_string_equal(json_string_value(json_object_get(c, "countries")), "SDN SSD");
	json_decref(c);
	assert_int_not_equal(create(fx->st, "conflicts", "{\"name_en\":\"X\",\"type\":\"intrastate\",\"countries\":\"SDN XYZ\"}",
				    NULL, &err), 0);
	assert_string_equal(err.field, "countries");
	assert_non_null(strstr(err.detail, "XYZ"));
	assert_int_not_equal(create(fx->st, "conflicts", "{\"name_en\":\"X\",\"type\":\"intrastate\",\"root_causes\":\"greed\"}",
				    NULL, &err), 0);
	assert_string_equal(err.field, "root_causes");
	assert_non_null(strstr(err.detail, "state_fragility")); /* the vocabulary is listed */
	/* a conflict-year once per conflict and year */
	must(create(fx->st, "conflict-years", "{\"conflict\":\"sudan-gov\",\"year\":2015,\"intensity\":\"minor\"}", NULL,
		    &err), &err);
	assert_int_not_equal(create(fx->st, "conflict-years", "{\"conflict\":\"sudan-gov\",\"year\":2015,\"intensity\":\"war\"}",
				    NULL, &err), 0);
	assert_int_equal(err.code, TS_DUPLICATE);
}

static void test_field_reports(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *e = NULL, *patch;
	long n, f;
	char id[64];

	load_defaults(fx->st);
	as(fx->st, TS_ROLE_ANALYST, "analyst", NULL);
	must(create(fx->st, "events", "{\"date\":\"2023-04-15\",\"country\":\"SDN\",\"admin1\":\"Khartoum\",\"event_type\":"
			"\"battles\",\"sub_event_type\":\"armed_clash\",\"fatalities\":30,\"latitude\":15.6,\"longitude\":32.5}",
		    &e, &err), &err);
	assert_string_equal(json_string_value(json_object_get(e, "dataset")), "field");
	assert_string_equal(json_string_value(json_object_get(e, "month")), "2023-04");
	snprintf(id, sizeof(id), "%s", json_string_value(json_object_get(e, "id")));
	json_decref(e);
	month_of(fx->st, "SDN", "2023-04", &n, &f);
	assert_int_equal(n, 1);
	assert_int_equal(f, 30);

	/* refused, nothing counted: an imported dataset, a sub-type of another type, a month for a day,
	 * a best estimate above the high one, a delegate */
	assert_int_not_equal(create(fx->st, "events", "{\"dataset\":\"acled\",\"date\":\"2023-04-15\",\"country\":\"SDN\","
				    "\"event_type\":\"battles\"}", NULL, &err), 0);
	assert_string_equal(err.field, "dataset");
	assert_int_not_equal(create(fx->st, "events", "{\"date\":\"2023-04-15\",\"country\":\"SDN\",\"event_type\":\"battles\","
				    "\"sub_event_type\":\"grenade\"}", NULL, &err), 0);
	assert_string_equal(err.field, "sub_event_type");
	assert_int_not_equal(create(fx->st, "events", "{\"date\":\"2023-04\",\"country\":\"SDN\",\"event_type\":\"riots\"}",
				    NULL, &err), 0);
	assert_string_equal(err.field, "date");
	assert_int_not_equal(create(fx->st, "events", "{\"date\":\"2023-04-15\",\"country\":\"SDN\",\"event_type\":\"riots\","
				    "\"fatalities\":9,\"fatalities_high\":3}", NULL, &err), 0);
	assert_string_equal(err.field, "fatalities");
	assert_int_not_equal(create(fx->st, "events", "{\"date\":\"2023-04-15\",\"country\":\"XXX\",\"event_type\":\"riots\"}",
				    NULL, &err), 0);
	as(fx->st, TS_ROLE_DELEGATE, "delegate", NULL);
	assert_int_not_equal(create(fx->st, "events", "{\"date\":\"2023-04-15\",\"country\":\"SDN\",\"event_type\":\"riots\"}",
				    NULL, &err), 0);
	assert_int_equal(err.code, TS_FORBIDDEN);
	as(fx->st, TS_ROLE_ANALYST, "analyst", NULL);
	month_of(fx->st, "SDN", "2023-04", &n, &f);
	assert_int_equal(n, 1);
	assert_int_equal(f, 30);

	/* a correction moves the counts: fatalities, then the month */
	patch = load("{\"fatalities\":12}");
	must(ts_store_begin(fx->st, &err), &err);
	must(ts_record_update(fx->st, entity("events"), id, patch, NULL, &err), &err);
	must(ts_store_commit(fx->st, &err), &err);
	json_decref(patch);
	month_of(fx->st, "SDN", "2023-04", &n, &f);
	assert_int_equal(f, 12);
	patch = load("{\"date\":\"2023-05-02\"}");
	must(ts_store_begin(fx->st, &err), &err);
	must(ts_record_update(fx->st, entity("events"), id, patch, &e, &err), &err);
	must(ts_store_commit(fx->st, &err), &err);
	json_decref(patch);
	assert_string_equal(json_string_value(json_object_get(e, "month")), "2023-05");
	json_decref(e);
	month_of(fx->st, "SDN", "2023-04", &n, &f);
	assert_int_equal(n, 0);
	month_of(fx->st, "SDN", "2023-05", &n, &f);
	assert_int_equal(n, 1);
	assert_int_equal(f, 12);

	/* deleted: no row left behind */
	must(ts_store_begin(fx->st, &err), &err);
	must(ts_record_delete(fx->st, entity("events"), id, &err), &err);
	must(ts_store_commit(fx->st, &err), &err);
	{
		char *d = dump_aggregates(fx->st);
		assert_string_equal(d, "");
		free(d);
	}
}

/* ---- aggregates ---- */

static void test_aggregates_agree(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	static const char *const types[] = {"battles", "riots", "protests"};
	static const char *const countries[] = {"SDN", "MLI", "YEM"};
	static const char *const levels[] = {"public", "members", "secretariat"};
	char *before, *after;

	load_defaults(fx->st);
	for (int i = 0; i < 60; i++) {
		char json[400];
		snprintf(json, sizeof(json),
			 "{\"date\":\"2022-%02d-%02d\",\"country\":\"%s\",\"admin1\":\"%s\",\"event_type\":\"%s\",\"fatalities\":%d,"
			 "\"level\":\"%s\"}",
			 1 + i % 12, 1 + i % 28, countries[i % 3], i % 2 ? "North" : "South", types[i % 3], i * 7 % 50,
			 levels[i % 3]);
		must(create(fx->st, "events", json, NULL, &err), &err);
	}
	before = dump_aggregates(fx->st);
	assert_true(strlen(before) > 0);
	must(ts_store_begin(fx->st, &err), &err);
	must(ts_event_agg_rebuild(fx->st, &err), &err);
	must(ts_store_commit(fx->st, &err), &err);
	after = dump_aggregates(fx->st);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_batch(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	ts_event_agg_batch *b = ts_event_agg_batch_new();
	long n, f;
	char *once, *twice;

	load_defaults(fx->st);
	assert_non_null(b);
	/* enough keys to make the table grow */
	for (int i = 0; i < 5000; i++) {
		char admin1[16];
		ts_event_key k = {i % 2 ? "SDN" : "MLI", admin1, 2020 * 12 + i % 24, "battles", "public", NULL};
		snprintf(admin1, sizeof(admin1), "a%d", i % 300);
		assert_int_equal(ts_event_agg_batch_add(b, &k, 1, 2), 0);
	}
	must(ts_store_begin(fx->st, &err), &err);
	must(ts_event_agg_batch_flush(fx->st, b, &err), &err);
	must(ts_store_commit(fx->st, &err), &err);
	month_of(fx->st, "SDN", "2020-02", &n, &f);
	/* i odd and i % 24 == 1: 5000 / 24 rounded, all odd */
	assert_int_equal(n, 209);
	assert_int_equal(f, 418);
	once = dump_aggregates(fx->st);
	/* a batch that adds and takes away the same leaves nothing changed */
	{
		ts_event_key k = {"SDN", "a1", 2020 * 12 + 1, "battles", "public", NULL};
		assert_int_equal(ts_event_agg_batch_add(b, &k, 3, 10), 0);
		assert_int_equal(ts_event_agg_batch_add(b, &k, -3, -10), 0);
	}
	must(ts_store_begin(fx->st, &err), &err);
	must(ts_event_agg_batch_flush(fx->st, b, &err), &err);
	must(ts_store_commit(fx->st, &err), &err);
	twice = dump_aggregates(fx->st);
	assert_string_equal(once, twice);
	free(once);
	free(twice);
	ts_event_agg_batch_free(b);
}

static void test_readers(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	long n, f;
	json_t *out;

	load_defaults(fx->st);
	must(create(fx->st, "events", "{\"date\":\"2023-01-10\",\"country\":\"MLI\",\"event_type\":\"battles\",\"fatalities\":5}",
		    NULL, &err), &err);
	must(create(fx->st, "events", "{\"date\":\"2023-01-11\",\"country\":\"MLI\",\"event_type\":\"battles\",\"fatalities\":40,"
			"\"level\":\"secretariat\"}", NULL, &err), &err);
	ts_store_set_viewer(fx->st, NULL);
	month_of(fx->st, "MLI", "2023-01", &n, &f);
	assert_int_equal(n, 1);
	assert_int_equal(f, 5);
	as(fx->st, TS_ROLE_DELEGATE, "delegate", NULL);
	month_of(fx->st, "MLI", "2023-01", &n, &f);
	assert_int_equal(f, 5);
	as(fx->st, TS_ROLE_SECRETARIAT, "secretariat", NULL);
	month_of(fx->st, "MLI", "2023-01", &n, &f);
	assert_int_equal(n, 2);
	assert_int_equal(f, 45);
	/* bad months are refused naming the parameter */
	assert_int_not_equal(ts_event_months(fx->st, NULL, 0, "2023-13", NULL, &out, &err), 0);
	assert_string_equal(err.field, "from");
	ts_error_clear(&err);
	assert_int_not_equal(ts_event_months(fx->st, NULL, 1, NULL, "soon", &out, &err), 0);
	assert_string_equal(err.field, "to");
}

static void test_series(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	ts_series s;

	load_defaults(fx->st);
	must(create(fx->st, "events", "{\"date\":\"2022-11-10\",\"country\":\"YEM\",\"event_type\":\"battles\",\"fatalities\":30}",
		    NULL, &err), &err);
	must(create(fx->st, "events", "{\"date\":\"2023-02-01\",\"country\":\"YEM\",\"event_type\":\"riots\",\"fatalities\":1}",
		    NULL, &err), &err);
	must(create(fx->st, "events", "{\"date\":\"2023-01-05\",\"country\":\"AFG\",\"event_type\":\"battles\"}", NULL, &err),
	     &err);
	must(ts_series_load(fx->st, -1, &s, &err), &err);
	assert_int_equal(s.ncountries, 2);
	assert_string_equal(s.country[0], "AFG");
	assert_string_equal(s.country[1], "YEM");
	assert_int_equal(s.first, 2022 * 12 + 10);
	assert_int_equal(s.nmonths, 4); /* 2022-11 to 2023-02, the empty December counted */
	assert_int_equal(s.fatalities[1 * 4 + 0], 30);
	assert_int_equal(s.fatalities[1 * 4 + 1], 0);
	assert_int_equal(s.events[1 * 4 + 1], 0);
	assert_int_equal(s.fatalities[1 * 4 + 3], 1);
	assert_int_equal(s.events[0 * 4 + 2], 1);
	ts_series_free(&s);
	/* through a later month: zeros up to it */
	must(ts_series_load(fx->st, 2023 * 12 + 5, &s, &err), &err);
	assert_int_equal(s.nmonths, 8);
	assert_int_equal(s.events[1 * 8 + 7], 0);
	ts_series_free(&s);
	/* nobody reads anything: an empty series */
	must(ts_store_exec(fx->st, "DELETE FROM \"event_country_months\"", NULL, 0, NULL, NULL, NULL, &err), &err);
	must(ts_series_load(fx->st, -1, &s, &err), &err);
	assert_int_equal(s.ncountries, 0);
	ts_series_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_real_field),
		cmocka_unit_test_setup_teardown(test_conflict_guard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aggregates_agree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_series, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
