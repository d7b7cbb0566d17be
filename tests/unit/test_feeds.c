/* The importers of conflict event data (feeds.h), on small files written here: ACLED's 31-column
 * dyadic export, a monadic one with an event split over rows (adjacent, far apart and beyond the
 * pending window), an older variant (iso3, inter as numbers and text, 1-Apr-23 dates), UCDP GED
 * and UCDP/PRIO ACD. Each asserts the counts, what was stored, that the aggregates equal a
 * GROUP BY over the events, that the same file twice changes nothing, that a revised file
 * updates, that a bad row fails the whole import naming its line, field and value, and that
 * skip_invalid keeps the good rows and reports the bad ones. */
#include "unit.h"
#include "tansiq/embedded.h"
#include "tansiq/feeds.h"

/* ---- helpers ---- */

/* The world's countries, as the default data have them (nothing else: the tests stay fast). */
static int setup_countries(void **state)
{
	fixture *fx;
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;
	const ts_embedded *f = ts_embedded_find(ts_default_data, "countries.csv");

	if (setup(state))
		return -1;
	fx = *state;
	if (!f || ts_store_begin(fx->st, &err) ||
	    ts_import_csv(fx->st, &ts_entity_country, (const char *)f->data, f->len, &s, &err) ||
	    ts_store_commit(fx->st, &err)) {
		fprintf(stderr, "countries: %s\n", err.detail);
		return -1;
	}
	return 0;
}

typedef struct rejects {
	int n;
	long line[8];
	char field[8][32], value[8][64], reason[8][200];
} rejects;

static void on_reject(void *ctx, long line, const char *field, const char *value, const char *reason)
{
	rejects *r = ctx;

	if (r->n < 8) {
		r->line[r->n] = line;
		snprintf(r->field[r->n], sizeof(r->field[0]), "%s", field);
		snprintf(r->value[r->n], sizeof(r->value[0]), "%s", value);
		snprintf(r->reason[r->n], sizeof(r->reason[0]), "%s", reason);
	}
	r->n++;
}

/* Imports text in one transaction, committed on success and rolled back on failure. */
static int run(ts_store *st, ts_feed_kind kind, const char *text, const ts_feed_opts *o, ts_feed_stats *s, ts_error *err)
{
	ts_feed_reader r;
	ts_feed_mem m;
	int rc;

	ts_error_clear(err);
	ts_feed_reader_mem(&r, &m, text, strlen(text));
	if (ts_store_begin(st, err))
		return -1;
	rc = ts_feed_import(st, kind, &r, o, s, err);
	if (rc)
		ts_store_rollback(st);
	else if (ts_store_commit(st, err))
		return -1;
	return rc;
}

static void import_ok(ts_store *st, ts_feed_kind kind, const char *text, ts_feed_stats *s)
{
	ts_error err = TS_ERROR_INIT;

	must(run(st, kind, text, NULL, s, &err), &err);
}

static int one_row(void *ctx, const ts_value *c, int n)
{
	ts_buf *b = ctx;

	for (int i = 0; i < n; i++) {
		if (c[i].type == TS_V_INT)
			ts_buf_printf(b, "%lld|", c[i].i);
		else
			ts_buf_printf(b, "%s|", c[i].type == TS_V_NULL ? "NULL" : c[i].s);
	}
	ts_buf_adds(b, "\n");
	return 0;
}

/* The rows of a query as text, "a|b|\n" a row; the caller frees it. */
static char *rows(ts_store *st, const char *sql)
{
	ts_buf b = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;

	must(ts_store_exec(st, sql, NULL, 0, one_row, &b, NULL, &err), &err);
	ts_buf_adds(&b, "");
	return b.data ? b.data : strdup("");
}

static long scalar(ts_store *st, const char *sql)
{
	char *s = rows(st, sql);
	long n = atol(s);

	free(s);
	return n;
}

static void assert_rows(ts_store *st, const char *sql, const char *want)
{
	char *got = rows(st, sql);

	if (strcmp(got, want))
		fail_msg("%s\ngot:\n%s\nwanted:\n%s", sql, got, want);
	free(got);
}

/* The aggregates kept by the importer equal those rebuilt from the events (a GROUP BY). */
static void assert_aggregates(ts_store *st)
{
	static const char *const sql[] = {
		"SELECT country, month, event_type, level, team, events, fatalities FROM event_country_months ORDER BY 1, 2, 3, 4, 5",
		"SELECT country, admin1, month, event_type, level, team, events, fatalities FROM event_admin1_months ORDER BY 1, 2, 3, 4, 5, 6",
	};
	ts_error err = TS_ERROR_INIT;
	char *kept[2];

	for (int i = 0; i < 2; i++)
		kept[i] = rows(st, sql[i]);
	must(ts_store_begin(st, &err), &err);
	must(ts_event_agg_rebuild(st, &err), &err);
	for (int i = 0; i < 2; i++) {
		char *built = rows(st, sql[i]);
		if (strcmp(kept[i], built))
			fail_msg("aggregates kept:\n%s\nrebuilt from the events:\n%s", kept[i], built);
		free(built);
		free(kept[i]);
	}
	ts_store_rollback(st);
}

static char *replaced(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	ts_buf b = TS_BUF_INIT;

	if (!at)
		fail_msg("'%s' not in the fixture", from);
	ts_buf_printf(&b, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return b.data;
}

/* ---- fixtures ---- */

#define ACLED31_HEADER                                                                                            \
	"event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"   \
	"inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"   \
	"location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\r\n"

static const char acled31[] = ACLED31_HEADER
	"SUD1,2023-04-15,2023,1,Political violence,Battles,Armed clash,Military Forces of Sudan (2019-),,1,"
	"Rapid Support Forces,,2,12,,729,Northern Africa,Sudan,Khartoum,Khartoum,,Khartoum,15.5007,32.5599,1,"
	"Sudan Tribune,National,\"Fighting broke out in Khartoum, near the airport.\",56,,1681900000\r\n"
	"SUD2,2023-04-16,2023,2,Political violence,Explosions/Remote violence,Air/drone strike,"
	"Military Forces of Sudan (2019-),,State forces,Rapid Support Forces,,Rebel group,12,,729,Northern Africa,Sudan,"
	"Khartoum,Bahri,,Bahri,15.6445,32.5350,2,Radio Dabanga,National,Air strikes on RSF positions.,3,,1681900001\r\n"
	"PAK7,2023-05-02,2023,3,Demonstrations,Protests,Peaceful protest,Protesters (Pakistan),,6,,,0,60,,586,"
	"Southern Asia,Pakistan,Punjab,Lahore,,Lahore,31.5497,74.3436,3,Dawn,National,\"Traders protested \"\"taxes\"\".\","
	"0,crowd size=no report,1681900002\r\n";

/* ---- ACLED ---- */

static void test_acled_dyadic(void **state)
{
	fixture *fx = *state;
	ts_feed_stats s;
	ts_audit_query q = TS_AUDIT_QUERY_INIT;
	json_t *audit;
	ts_error err = TS_ERROR_INIT;

	import_ok(fx->st, TS_FEED_ACLED, acled31, &s);
	assert_int_equal(s.rows, 3);
	assert_int_equal(s.events, 3);
	assert_int_equal(s.added, 3);
	assert_int_equal(s.merged, 0);
	assert_string_equal(s.format, "acled, 31 columns, dyadic");
	assert_rows(fx->st, "SELECT id, source_id, date, month, date_precision, country, admin1, place, geo_precision, event_type, "
		    "sub_event_type, actor1_type, actor2, actor2_type, fatalities, dataset FROM events ORDER BY id",
		    "acled-pak7|PAK7|2023-05-02|2023-05|month|PAK|Punjab|Lahore|region|protests|peaceful_protest|protesters|NULL|NULL|0|acled|\n"
		    "acled-sud1|SUD1|2023-04-15|2023-04|day|SDN|Khartoum|Khartoum|place|battles|armed_clash|state_forces|"
		    "Rapid Support Forces|rebel_group|56|acled|\n"
		    "acled-sud2|SUD2|2023-04-16|2023-04|week|SDN|Khartoum|Bahri|near|explosions_remote_violence|air_drone_strike|"
		    "state_forces|Rapid Support Forces|rebel_group|3|acled|\n");
	assert_rows(fx->st, "SELECT notes, round(latitude * 10000) FROM events WHERE id = 'acled-pak7'",
		    "Traders protested \"taxes\".|315497.0|\n");
	/* the events name their import, which counts them; one audit entry for the whole file */
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM events WHERE origin IS NOT NULL AND origin = (SELECT id FROM event_imports)"), 3);
	assert_rows(fx->st, "SELECT dataset, rows, added, updated, unchanged, merged, rejected, format FROM event_imports",
		    "acled|3|3|0|0|0|0|acled, 31 columns, dyadic|\n");
	q.collection = "event-imports";
	must(ts_audit_list(fx->st, &q, &audit, &err), &err);
	assert_int_equal(json_array_size(json_object_get(audit, "items")), 1);
	json_decref(audit);
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM audit_log WHERE collection = 'events'"), 0);
	assert_rows(fx->st, "SELECT country, month, event_type, events, fatalities FROM event_country_months ORDER BY 1, 2, 3",
		    "PAK|2023-05|protests|1|0|\nSDN|2023-04|battles|1|56|\nSDN|2023-04|explosions_remote_violence|1|3|\n");
	assert_aggregates(fx->st);
}

static void test_acled_again_and_revised(void **state)
{
	fixture *fx = *state;
	ts_feed_stats s;
	char *revised = replaced(acled31, "Air strikes on RSF positions.,3,", "Air strikes on RSF positions.,9,");
	char *before, *after;

	import_ok(fx->st, TS_FEED_ACLED, acled31, &s);
	before = rows(fx->st, "SELECT * FROM events ORDER BY id");
	/* the same file again: nothing changes */
	import_ok(fx->st, TS_FEED_ACLED, acled31, &s);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.updated, 0);
	assert_int_equal(s.unchanged, 3);
	after = rows(fx->st, "SELECT * FROM events ORDER BY id");
	assert_string_equal(before, after);
	free(after);
	assert_aggregates(fx->st);
	/* ACLED revised the fatalities of one event: it is updated, its aggregates follow */
	import_ok(fx->st, TS_FEED_ACLED, revised, &s);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.unchanged, 2);
	assert_int_equal(scalar(fx->st, "SELECT fatalities FROM events WHERE id = 'acled-sud2'"), 9);
	assert_int_equal(scalar(fx->st, "SELECT fatalities FROM event_country_months WHERE country = 'SDN' AND "
				       "event_type = 'explosions_remote_violence'"), 9);
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM events"), 3);
	assert_aggregates(fx->st);
	free(before);
	free(revised);
}

static void test_acled_monadic(void **state)
{
	fixture *fx = *state;
	ts_feed_stats s;
	/* SUD1 on three rows: two adjacent, one after another event; fatalities repeated on each */
	static const char monadic[] = ACLED31_HEADER
		"SUD1,2023-04-15,2023,1,Political violence,Battles,Armed clash,Military Forces of Sudan (2019-),,1,,,,10,,729,"
		"Northern Africa,Sudan,Khartoum,Khartoum,,Khartoum,15.5,32.5,1,Sudan Tribune,National,Clashes.,40,,1\r\n"
		"SUD1,2023-04-15,2023,1,Political violence,Battles,Armed clash,Rapid Support Forces,,2,,,,20,,729,"
		"Northern Africa,Sudan,Khartoum,Khartoum,,Khartoum,15.5,32.5,1,Sudan Tribune,National,Clashes.,40,,1\r\n"
		"SUD3,2023-04-20,2023,1,Political violence,Violence against civilians,Attack,Unidentified Armed Group (Sudan),,3,"
		"Civilians (Sudan),,7,37,Civilian targeting,729,Northern Africa,Sudan,North Darfur,,,El Fasher,13.6,25.3,1,"
		"Local,Local,Attack.,5,,1\r\n"
		"SUD1,2023-04-15,2023,1,Political violence,Battles,Armed clash,Military Forces of Sudan (2019-),,1,,,,10,,729,"
		"Northern Africa,Sudan,Khartoum,Khartoum,,Khartoum,15.5,32.5,1,Sudan Tribune,National,Clashes.,40,,1\r\n";

	import_ok(fx->st, TS_FEED_ACLED, monadic, &s);
	assert_int_equal(s.rows, 4);
	assert_int_equal(s.events, 2);
	assert_int_equal(s.merged, 2);
	assert_int_equal(s.added, 2);
	assert_string_equal(s.format, "acled, 31 columns, monadic");
	assert_rows(fx->st, "SELECT id, actor1, actor1_type, actor2, actor2_type, fatalities FROM events ORDER BY id",
		    "acled-sud1|Military Forces of Sudan (2019-)|state_forces|Rapid Support Forces|rebel_group|40|\n"
		    "acled-sud3|Unidentified Armed Group (Sudan)|political_militia|Civilians (Sudan)|civilians|5|\n");
	/* fatalities counted once */
	assert_int_equal(scalar(fx->st, "SELECT sum(fatalities) FROM event_country_months"), 45);
	assert_aggregates(fx->st);
	import_ok(fx->st, TS_FEED_ACLED, monadic, &s);
	assert_int_equal(s.unchanged, 2);
	assert_int_equal(s.added + s.updated, 0);
	assert_aggregates(fx->st);
}

/* An event's second row far after its first (beyond the rows kept pending in memory): merged in
 * the store, fatalities still counted once. */
static void test_acled_monadic_far(void **state)
{
	fixture *fx = *state;
	ts_feed_stats s;
	ts_buf b = TS_BUF_INIT;

	ts_buf_adds(&b, "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,iso,admin1,fatalities\n");
	ts_buf_adds(&b, "YEM1,2022-01-01,Battles,Armed clash,Houthis,2,887,Marib,7\n");
	for (int i = 0; i < 10000; i++)
		ts_buf_printf(&b, "YEM%d,2022-01-%02d,Riots,Mob violence,Rioters (Yemen),5,887,Aden,0\n", 100 + i, 1 + i % 28);
	ts_buf_adds(&b, "YEM1,2022-01-01,Battles,Armed clash,Military Forces of Yemen,1,887,Marib,7\n");
	import_ok(fx->st, TS_FEED_ACLED, b.data, &s);
	assert_int_equal(s.rows, 10002);
	assert_int_equal(s.events, 10001);
	assert_int_equal(s.merged, 1);
	assert_rows(fx->st, "SELECT actor1, actor2, actor2_type, fatalities FROM events WHERE id = 'acled-yem1'",
		    "Houthis|Military Forces of Yemen|state_forces|7|\n");
	assert_int_equal(scalar(fx->st, "SELECT sum(fatalities) FROM event_country_months"), 7);
	assert_int_equal(scalar(fx->st, "SELECT sum(events) FROM event_country_months"), 10001);
	assert_aggregates(fx->st);
	ts_buf_free(&b);
}

static void test_acled_old_variant(void **state)
{
	fixture *fx = *state;
	ts_feed_stats s;
	static const char old[] =
		"data_id,iso3,event_id_cnty,event_id_no_cnty,event_date,year,event_type,sub_event_type,actor1,inter1,actor2,"
		"inter2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n"
		"101,AFG,AFG10,10,1-Apr-23,2023,Explosions/Remote violence,Remote explosive/landmine/IED,Taliban,Rebel group,"
		"Civilians (Afghanistan),7,Afghanistan,Kabul,Kabul,34.5,69.2,1,Pajhwok,IED.,2\n"
		"102,,NIG20,20,01 April 2023,2023,Violence against civilians,Abduction/forced disappearance,Bandits,3,,,Nigeria,"
		"Zamfara,Gusau,12.1,6.6,2,Premium Times,Abduction.,0\n"
		"103,SYR,SYR30,30,15-Jun-98,1998,Remote violence,,Government of Syria,1,,,Syria,Idlib,Idlib,35.9,36.6,1,SANA,x,1\n"
		"104,PAK,PAK40,40,2023-04-03,2023,Battles,Government regains territory,Military Forces of Pakistan,"
		"External/Other forces,,,Pakistan,Khyber Pakhtunkhwa,Peshawar,34.0,71.5,1,Dawn,y,0\n";

	import_ok(fx->st, TS_FEED_ACLED, old, &s);
	assert_int_equal(s.added, 4);
	assert_string_equal(s.format, "acled, 21 columns, before 2023, dyadic");
	assert_rows(fx->st, "SELECT id, country, date, event_type, sub_event_type, actor1_type, actor2_type FROM events ORDER BY id",
		    "acled-afg10|AFG|2023-04-01|explosions_remote_violence|remote_explosive_landmine_ied|rebel_group|civilians|\n"
		    "acled-nig20|NGA|2023-04-01|violence_against_civilians|abduction_forced_disappearance|political_militia|NULL|\n"
		    "acled-pak40|PAK|2023-04-03|battles|government_regains_territory|external_other|NULL|\n"
		    "acled-syr30|SYR|1998-06-15|explosions_remote_violence|NULL|state_forces|NULL|\n");
	assert_aggregates(fx->st);
}

/* A bad row fails the whole import with its line, field and value; nothing is written. */
static void test_acled_bad_rows(void **state)
{
	fixture *fx = *state;
	static const struct {
		const char *from, *to, *field, *value;
		long line;
	} cases[] = {
		{",729,Northern Africa,Sudan,Khartoum,Bahri", ",999,Northern Africa,Sudan,Khartoum,Bahri", "iso", "999", 3},
		{"SUD2,2023-04-16", "SUD2,2023-02-30", "event_date", "2023-02-30", 3},
		{"Air strikes on RSF positions.,3,", "Air strikes on RSF positions.,three,", "fatalities", "three", 3},
		{"Explosions/Remote violence,Air/drone strike", "Explosions,Air/drone strike", "event_type", "Explosions", 3},
		{"Protests,Peaceful protest", "Protests,Armed clash", "sub_event_type", "Armed clash", 4},
		{"15.6445,32.5350", "95.6445,32.5350", "latitude", "95.6445", 3},
		{"Rebel group,12", "Warlords,12", "inter2", "Warlords", 3},
	};
	ts_feed_stats s;
	ts_error err = TS_ERROR_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *bad = replaced(acled31, cases[i].from, cases[i].to);
		if (!run(fx->st, TS_FEED_ACLED, bad, NULL, &s, &err))
			fail_msg("case %zu accepted", i);
		assert_int_equal(err.code, TS_INVALID_VALUE);
		assert_string_equal(err.field, cases[i].field);
		assert_int_equal(err.line, cases[i].line);
		if (!strstr(err.detail, cases[i].value))
			fail_msg("case %zu: '%s' does not show the value '%s'", i, err.detail, cases[i].value);
		free(bad);
	}
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM events"), 0);
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM event_imports"), 0);
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM event_country_months"), 0);
	/* a header without a required column */
	{
		char *bad = replaced(acled31, "event_date,", "date,");
		assert_int_not_equal(run(fx->st, TS_FEED_ACLED, bad, NULL, &s, &err), 0);
		assert_int_equal(err.code, TS_REQUIRED);
		assert_string_equal(err.field, "event_date");
		assert_int_equal(err.line, 1);
		free(bad);
	}
	/* malformed CSV */
	{
		char *bad = replaced(acled31, "\"Traders", "\"Trad\"ers");
		assert_int_not_equal(run(fx->st, TS_FEED_ACLED, bad, NULL, &s, &err), 0);
		assert_int_equal(err.code, TS_INVALID_CSV);
		free(bad);
	}
}

static void test_acled_skip_invalid(void **state)
{
	fixture *fx = *state;
	ts_feed_opts o = TS_FEED_OPTS_INIT;
	ts_feed_stats s;
	rejects rj = {0};
	ts_error err = TS_ERROR_INIT;
	char *bad1 = replaced(acled31, ",729,Northern Africa,Sudan,Khartoum,Bahri", ",999,Northern Africa,Sudan,Khartoum,Bahri");
	char *bad2 = replaced(bad1, "PAK7,2023-05-02", "PAK7,yesterday");

	o.skip_invalid = 1;
	o.reject = on_reject;
	o.reject_ctx = &rj;
	must(run(fx->st, TS_FEED_ACLED, bad2, &o, &s, &err), &err);
	assert_int_equal(s.rows, 3);
	assert_int_equal(s.added, 1);
	assert_int_equal(s.rejected, 2);
	assert_int_equal(rj.n, 2);
	assert_int_equal(rj.line[0], 3);
	assert_string_equal(rj.field[0], "iso");
	assert_string_equal(rj.value[0], "999");
	assert_int_equal(rj.line[1], 4);
	assert_string_equal(rj.field[1], "event_date");
	assert_string_equal(rj.value[1], "yesterday");
	assert_non_null(strstr(rj.reason[1], "not a day"));
	assert_rows(fx->st, "SELECT id FROM events", "acled-sud1|\n");
	assert_rows(fx->st, "SELECT rows, added, rejected FROM event_imports", "3|1|2|\n");
	assert_aggregates(fx->st);
	/* a dry run counts and writes nothing */
	o.skip_invalid = 0;
	o.dry_run = 1;
	must(run(fx->st, TS_FEED_ACLED, acled31, &o, &s, &err), &err);
	assert_int_equal(s.added, 2);
	assert_int_equal(s.unchanged, 1);
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM events"), 1);
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM event_imports"), 1);
	free(bad1);
	free(bad2);
}

/* ---- UCDP ---- */

#define GED_HEADER                                                                                                \
	"id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"       \
	"dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b," \
	"number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"       \
	"where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id," \
	"region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,"   \
	"high,low,gwnoa,gwnob\n"

static const char ged[] = GED_HEADER
	"244657,SUD-2019-1-309-1,2019,1,Clear,1,309,309,Sudan: Government,1234,1234,Government of Sudan - SRF,112,112,"
	"Government of Sudan,3000,3000,SRF,2,\"article\",Reuters,2019-01-02,Clashes,x,1,Kutum town,Kutum,North Darfur state,"
	"Kutum district,14.2,24.66,POINT (24.66 14.2),180000,Sudan,625,Africa,1,1,2019-01-01 00:00:00.000,"
	"2019-01-01 00:00:00.000,3,4,0,0,7,9,6,625,\n"
	"244658,SUD-2019-3-1-1,2019,1,Clear,3,500,500,RSF - Civilians,5,5,RSF - Civilians,200,200,RSF,1,1,Civilians,1,"
	"a,Radio Dabanga,2019-02-10,Attack on village,x,4,North Darfur state,,North Darfur state,,14.0,25.0,"
	"POINT (25 14),180001,Sudan,625,Africa,1,2,2019-02-10,2019-02-12,0,0,12,0,12,12,12,625,\n"
	"301000,AFG-2020,2020,1,Clear,2,600,600,IS - Taliban,6,6,IS - Taliban,300,300,IS,301,301,Taleban,1,"
	"a,Pajhwok,2020-03-01,Clashes,x,2,Nangarhar,,Nangarhar province,,34.4,70.4,POINT (70.4 34.4),1,Afghanistan,700,"
	"Asia,1,5,2020-01-01,2020-12-31,1,1,0,0,2,,,700,\n";

static void test_ged(void **state)
{
	fixture *fx = *state;
	ts_feed_stats s;
	ts_error err = TS_ERROR_INIT;

	/* conflict 309 is known: its events are linked to it */
	must(ts_store_begin(fx->st, &err), &err);
	{
		json_t *c = load("{\"id\":\"ucdp-309\",\"ucdp_id\":309,\"name_en\":\"Sudan: Government\",\"type\":\"intrastate\"}");
		must(ts_record_create(fx->st, &ts_entity_conflict, c, NULL, &err), &err);
		json_decref(c);
	}
	must(ts_store_commit(fx->st, &err), &err);
	import_ok(fx->st, TS_FEED_UCDP_GED, ged, &s);
	assert_int_equal(s.added, 3);
	assert_rows(fx->st, "SELECT id, source_id, dataset, country, date, date_precision, geo_precision, event_type, sub_event_type, "
		    "actor1_type, actor2_type, fatalities, fatalities_low, fatalities_high, conflict, admin1 FROM events ORDER BY id",
		    "ged-244657|244657|ucdp_ged|SDN|2019-01-01|day|place|battles|armed_clash|state_forces|rebel_group|7|6|9|"
		    "ucdp-309|North Darfur state|\n"
		    "ged-244658|244658|ucdp_ged|SDN|2019-02-10|days|admin1|violence_against_civilians|attack|NULL|civilians|12|12|12|"
		    "NULL|North Darfur state|\n"
		    "ged-301000|301000|ucdp_ged|AFG|2020-01-01|year|near|battles|armed_clash|NULL|NULL|2|NULL|NULL|NULL|"
		    "Nangarhar province|\n");
	assert_aggregates(fx->st);
	import_ok(fx->st, TS_FEED_UCDP_GED, ged, &s);
	assert_int_equal(s.unchanged, 3);
	/* an unknown Gleditsch-Ward code */
	{
		char *bad = replaced(ged, "Afghanistan,700,", "Afghanistan,7000,");
		assert_int_not_equal(run(fx->st, TS_FEED_UCDP_GED, bad, NULL, &s, &err), 0);
		assert_string_equal(err.field, "country_id");
		assert_int_equal(err.line, 4);
		free(bad);
	}
}

static const char acd[] =
	"\"conflict_id\",\"location\",\"side_a\",\"side_a_id\",\"side_a_2nd\",\"side_b\",\"side_b_id\",\"side_b_2nd\","
	"\"incompatibility\",\"territory_name\",\"year\",\"intensity_level\",\"cumulative_intensity\",\"type_of_conflict\","
	"\"start_date\",\"start_prec\",\"start_date2\",\"start_prec2\",\"ep_end\",\"ep_end_date\",\"ep_end_prec\",\"gwno_a\","
	"\"gwno_a_2nd\",\"gwno_b\",\"gwno_b_2nd\",\"gwno_loc\",\"region\",\"version\"\n"
	"\"309\",\"Sudan\",\"Government of Sudan\",\"112\",\"\",\"SPLM/A\",\"466\",\"\",\"2\",\"\",\"1983\",\"2\",\"1\",\"3\","
	"\"1971-07-22\",\"1\",\"1983-05-17\",\"1\",\"0\",\"\",\"\",\"625\",\"\",\"\",\"\",\"625\",\"4\",\"23.1\"\n"
	"\"309\",\"Sudan\",\"Government of Sudan\",\"112\",\"\",\"SRF\",\"467\",\"\",\"2\",\"\",\"2015\",\"1\",\"1\",\"4\","
	"\"1971-07-22\",\"1\",\"1983-05-17\",\"1\",\"1\",\"2015-12-31\",\"\",\"625\",\"\",\"\",\"\",\"625, 626\",\"4\",\"23.1\"\n"
	"\"222\",\"Hyderabad\",\"Government of India\",\"141\",\"\",\"Government of Hyderabad\",\"142\",\"\",\"1\","
	"\"Hyderabad\",\"1948\",\"1\",\"0\",\"2\",\"1948-09-13\",\"1\",\"1948-09-13\",\"1\",\"1\",\"1948-09-18\",\"\",\"750\","
	"\"\",\"751\",\"\",\"751\",\"3\",\"23.1\"\n";

static void test_acd(void **state)
{
	fixture *fx = *state;
	ts_feed_stats s;

	import_ok(fx->st, TS_FEED_UCDP_ACD, acd, &s);
	assert_int_equal(s.rows, 3);
	assert_int_equal(s.events, 3);
	assert_int_equal(s.added, 5); /* 2 conflicts, 3 conflict-years */
	assert_rows(fx->st, "SELECT id, ucdp_id, name_en, type, incompatibility, intensity, countries, start, \"end\", side_b FROM "
		    "conflicts ORDER BY id",
		    "ucdp-222|222|Hyderabad: Hyderabad|interstate|territory|minor|NULL|1948-09-13|1948-09-18|Government of Hyderabad|\n"
		    "ucdp-309|309|Sudan: Government|internationalised|government|war|SDN SSD|1971-07-22|2015-12-31|SRF|\n");
	{
		char *notes = rows(fx->st, "SELECT notes FROM conflicts WHERE id = 'ucdp-222'");
		assert_non_null(strstr(notes, "751"));
		free(notes);
	}
	assert_rows(fx->st, "SELECT id, conflict, year, intensity, type, countries FROM conflict_years ORDER BY id",
		    "ucdp-222-1948|ucdp-222|1948|minor|interstate|NULL|\n"
		    "ucdp-309-1983|ucdp-309|1983|war|intrastate|SDN|\n"
		    "ucdp-309-2015|ucdp-309|2015|minor|internationalised|SDN SSD|\n");
	import_ok(fx->st, TS_FEED_UCDP_ACD, acd, &s);
	assert_int_equal(s.added + s.updated, 0);
	assert_int_equal(s.unchanged, 5);
	assert_int_equal(scalar(fx->st, "SELECT count(*) FROM event_imports WHERE dataset = 'ucdp_acd'"), 2);
}

static void test_names_and_access(void **state)
{
	fixture *fx = *state;
	ts_feed_kind k;
	ts_feed_stats s;
	ts_error err = TS_ERROR_INIT;
	ts_viewer delegate = {TS_ROLE_DELEGATE, "d", "SDN"};

	assert_int_equal(ts_feed_parse("ucdp-ged", &k), 0);
	assert_int_equal(k, TS_FEED_UCDP_GED);
	assert_string_equal(ts_feed_name(TS_FEED_UCDP_ACD), "ucdp-acd");
	assert_int_equal(ts_feed_parse("gdelt", &k), -1);
	/* a delegate does not write events */
	ts_store_set_viewer(fx->st, &delegate);
	assert_int_not_equal(run(fx->st, TS_FEED_ACLED, acled31, NULL, &s, &err), 0);
	assert_int_equal(err.code, TS_FORBIDDEN);
	as_admin(fx->st);
	/* empty input */
	assert_int_not_equal(run(fx->st, TS_FEED_ACLED, "", NULL, &s, &err), 0);
	assert_int_equal(err.code, TS_INVALID_CSV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_acled_dyadic, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_acled_again_and_revised, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_acled_monadic, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_acled_monadic_far, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_acled_old_variant, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_acled_bad_rows, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_acled_skip_invalid, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_ged, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_acd, setup_countries, teardown),
		cmocka_unit_test_setup_teardown(test_names_and_access, setup_countries, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
