/* Unit tests of the entity descriptions: partial dates, checking and parsing of values over
 * the registry's real fields, whole-record checks with the entities' rules, the schema
 * description and the OpenAPI document.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-schema
 */
#include "unit.h"



/* Parses text with a field: expects a value (whose JSON dump is want) or, when want is NULL,
 * a TS_INVALID_VALUE naming the field. */
static void expect_parse(const ts_field *f, const char *text, const char *want)
{
	ts_error err = TS_ERROR_INIT;
	json_t *v = ts_field_parse(f, text, &err);

	if (want) {
		char *got;
		if (!v)
			fail_msg("field %s: '%s' refused: %s", f->name, text, err.detail);
		got = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		if (strcmp(got, want))
			fail_msg("field %s: '%s' parsed as %s, expected %s", f->name, text, got, want);
		free(got);
		assert_int_equal(err.code, TS_OK);
		json_decref(v);
	} else {
		if (v) {
			char *got = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
			fail_msg("field %s: '%s' accepted as %s", f->name, text, got);
		}
		assert_int_equal(err.code, TS_INVALID_VALUE);
		assert_string_equal(err.field, f->name);
		assert_true(strlen(err.detail) > 0);
	}
}

/* Checks a JSON value (given as JSON text) with a field. */
static void expect_value_check(const ts_field *f, const char *json, int ok)
{
	ts_error err = TS_ERROR_INIT;
	json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);

	assert_non_null(v);
	if (ok) {
		if (ts_field_check(f, v, &err))
			fail_msg("field %s: %s refused: %s", f->name, json, err.detail);
	} else {
		if (!ts_field_check(f, v, &err))
			fail_msg("field %s: %s accepted", f->name, json);
		assert_int_equal(err.code, TS_INVALID_VALUE);
		assert_string_equal(err.field, f->name);
	}
	json_decref(v);
}

/* ---- partial dates ----------------------------------------------------------------------- */

static void test_pdate_valid(void **state)
{
	(void)state;
	assert_true(ts_pdate_valid("2024-02-29"));
	assert_false(ts_pdate_valid("2023-02-29"));
	assert_true(ts_pdate_valid("2000-02-29"));
	assert_false(ts_pdate_valid("1900-02-29"));
	assert_true(ts_pdate_valid("2019"));
	assert_true(ts_pdate_valid("2019-12"));
	assert_true(ts_pdate_valid("2019-12-31"));
	assert_false(ts_pdate_valid("2019-13"));
	assert_false(ts_pdate_valid("2019-00"));
	assert_false(ts_pdate_valid("2019-04-31"));
	assert_false(ts_pdate_valid("2019-04-00"));
	assert_false(ts_pdate_valid("19-01"));
	assert_false(ts_pdate_valid("2019-1-01"));
	assert_false(ts_pdate_valid("2019-01-1"));
	assert_false(ts_pdate_valid("0000"));
	assert_false(ts_pdate_valid(""));
	assert_false(ts_pdate_valid("2019-"));
	assert_false(ts_pdate_valid("2019/01/01"));
	assert_false(ts_pdate_valid("20190101"));
	assert_false(ts_pdate_valid("2019-01-01T00:00"));
	assert_false(ts_pdate_valid(" 2019"));
	assert_false(ts_pdate_valid("+019"));
}

/* ---- values, field by field -------------------------------------------------------------- */

static void test_parse_text(void **state)
{
	const ts_field *name = field("states", "name_en");
	const ts_field *notes = field("states", "notes");
	char longtext[260];

	(void)state;
	expect_parse(name, "Saudi Arabia", "\"Saudi Arabia\"");
	expect_parse(name, "", "null");
	expect_parse(name, NULL, "null");
	expect_parse(field("states", "name_ar"), "المملكة العربية السعودية",
		     "\"المملكة العربية السعودية\"");
	/* length in characters: 200 Arabic letters (400 bytes) fit a 200-character field */
	{
		char ar[402];
		for (int i = 0; i < 200; i++)
			memcpy(ar + 2 * i, "\xd8\xb9", 2);
		ar[400] = '\0';
		{
			ts_error err = TS_ERROR_INIT;
			json_t *v = ts_field_parse(name, ar, &err);
			assert_non_null(v);
			json_decref(v);
		}
		memcpy(ar + 400, "x", 2);
		expect_parse(name, ar, NULL);
	}
	memset(longtext, 'a', 201);
	longtext[201] = '\0';
	expect_parse(name, longtext, NULL);
	longtext[200] = '\0';
	{
		ts_error err = TS_ERROR_INIT;
		json_t *v = ts_field_parse(name, longtext, &err);
		assert_non_null(v);
		json_decref(v);
	}
	/* a long text field takes far more */
	{
		char *big = malloc(5001);
		ts_error err = TS_ERROR_INIT;
		json_t *v;
		memset(big, 'n', 5000);
		big[5000] = '\0';
		v = ts_field_parse(notes, big, &err);
		assert_non_null(v);
		json_decref(v);
		free(big);
	}
	/* checks of JSON values */
	expect_value_check(name, "\"Egypt\"", 1);
	expect_value_check(name, "null", 1);
	expect_value_check(name, "12", 0);
	expect_value_check(name, "true", 0);
	expect_value_check(name, "[\"x\"]", 0);
	assert_int_equal(ts_field_check(name, NULL, NULL), 0);
}

static void test_parse_invalid_utf8(void **state)
{
	static const char csv[] = "id,name_en\nSAU,Saudi \xff\xfe Arabia\nEGY,\xc0\xaf\nDZA,\xe2\x82\n";
	const ts_field *name = field("states", "name_en");
	ts_csv r;
	ts_error err = TS_ERROR_INIT;

	(void)state;
	ts_csv_init(&r, csv, strlen(csv));
	assert_int_equal(ts_csv_next(&r, &err), 1);
	for (int row = 0; row < 3; row++) {
		assert_int_equal(ts_csv_next(&r, &err), 1);
		expect_parse(name, ts_csv_cell(&r, 1), NULL);
		/* also for references and enums, whose text goes through the same check */
		expect_parse(field("persons", "nationality"), ts_csv_cell(&r, 1), NULL);
		expect_parse(field("states", "status"), ts_csv_cell(&r, 1), NULL);
	}
	assert_int_equal(ts_csv_next(&r, &err), 0);
	ts_csv_free(&r);
	expect_parse(name, "truncated \xd8", NULL);
	expect_parse(name, "\xf0\x9f\x98\x80 emoji", "\"\xf0\x9f\x98\x80 emoji\"");
}

/* UTF-8 that is well-formed in shape but not valid: a surrogate, overlong forms, code points
 * past U+10FFFF. They must be refused as invalid values like any other bad UTF-8. */
static void test_parse_invalid_utf8_strict(void **state)
{
	static const char *const bad[] = {
		"\xed\xa0\x80",         /* U+D800, a surrogate */
		"\xe0\x80\xaf",         /* overlong '/' */
		"\xf0\x80\x80\xaf",     /* overlong '/' */
		"\xf4\x90\x80\x80",     /* U+110000 */
		"\xf5\x80\x80\x80",     /* lead byte F5 */
		"\xf7\xbf\xbf\xbf",     /* lead byte F7 */
	};
	const ts_field *name = field("states", "name_en");

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ts_error err = TS_ERROR_INIT;
		json_t *v = ts_field_parse(name, bad[i], &err);
		if (v)
			fail_msg("bad UTF-8 #%zu accepted", i);
		if (err.code != TS_INVALID_VALUE)
			fail_msg("bad UTF-8 #%zu: %s (%s), expected invalid-value", i, ts_code_name(err.code), err.detail);
	}
}

/* Error details quote values; cutting a quoted value must not cut a character in two, or the
 * detail is not valid UTF-8 and cannot go into a JSON problem document. */
static void test_error_detail_utf8(void **state)
{
	const ts_field *fields[] = {field("states", "status"), field("states", "suspended_since"),
				    field("states", "id"), field("organs", "id"), field("states", "gw_code"),
				    field("organisations", "partner")};
	char text[256];

	(void)state;
	for (int shift = 0; shift < 2; shift++) {
		/* 'a' or nothing, then Arabic letters (2 bytes each): every byte count gets cut */
		size_t n = 0;
		if (shift)
			text[n++] = 'a';
		for (int i = 0; i < 100; i++, n += 2)
			memcpy(text + n, "\xd8\xb9", 2);
		text[n] = '\0';
		for (size_t f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
			ts_error err = TS_ERROR_INIT;
			json_t *v = ts_field_parse(fields[f], text, &err), *d;
			assert_null(v);
			d = json_string(err.detail);
			if (!d)
				fail_msg("%s: detail is not valid UTF-8: %s", fields[f]->name, err.detail);
			json_decref(d);
		}
	}
}

static void test_parse_patterns(void **state)
{
	const ts_field *iso3 = field("states", "id");
	const ts_field *iso2 = field("states", "iso2");
	const ts_field *slug = field("organs", "id");

	(void)state;
	assert_int_equal(iso3->pattern, TS_P_ISO3);
	assert_int_equal(iso2->pattern, TS_P_ISO2);
	assert_int_equal(slug->pattern, TS_P_SLUG);

	expect_parse(iso3, "SAU", "\"SAU\"");
	expect_parse(iso3, "XKX", "\"XKX\"");
	expect_parse(iso3, "sau", NULL);
	expect_parse(iso3, "SA", NULL);
	expect_parse(iso3, "SAUD", NULL);
	expect_parse(iso3, "S4U", NULL);
	expect_parse(iso3, "SA ", NULL);

	expect_parse(iso2, "SA", "\"SA\"");
	expect_parse(iso2, "S", NULL);
	expect_parse(iso2, "SAU", NULL);
	expect_parse(iso2, "sa", NULL);

	expect_parse(slug, "cfm", "\"cfm\"");
	expect_parse(slug, "friends-of-mediation", "\"friends-of-mediation\"");
	expect_parse(slug, "9-a", "\"9-a\"");
	expect_parse(slug, "-cfm", NULL);
	expect_parse(slug, "CFM", NULL);
	expect_parse(slug, "c_f_m", NULL);
	expect_parse(slug, "c f", NULL);
	{
		char s[70];
		memset(s, 'a', 63);
		s[63] = '\0';
		expect_parse(slug, s, "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"");
		s[63] = 'a';
		s[64] = '\0';
		expect_parse(slug, s, NULL);
	}
	assert_string_equal(ts_pattern_regex(TS_P_ISO3), "^[A-Z]{3}$");
	assert_string_equal(ts_pattern_regex(TS_P_ISO2), "^[A-Z]{2}$");
	assert_non_null(ts_pattern_regex(TS_P_SLUG));
	assert_null(ts_pattern_regex(TS_P_NONE));
}

static void test_parse_int(void **state)
{
	const ts_field *year = field("states", "accession_year"); /* 1969..2100 */
	const ts_field *gw = field("states", "gw_code");           /* 2..999 */
	const ts_field *months = field("organs", "cycle_months");   /* 1..120 */

	(void)state;
	assert_int_equal(year->type, TS_INT);
	expect_parse(year, "1969", "1969");
	expect_parse(year, "2100", "2100");
	expect_parse(year, "1968", NULL);
	expect_parse(year, "2101", NULL);
	expect_parse(year, "", "null");
	expect_parse(year, "19x9", NULL);
	expect_parse(year, "1969.0", NULL);
	expect_parse(year, "x", NULL);
	expect_parse(year, "99999999999999999999999", NULL);
	expect_parse(gw, "2", "2");
	expect_parse(gw, "1", NULL);
	expect_parse(gw, "-670", NULL);
	expect_parse(months, "120", "120");
	expect_parse(months, "0", NULL);
	expect_value_check(year, "1990", 1);
	expect_value_check(year, "1990.5", 0);
	expect_value_check(year, "\"1990\"", 0);
	expect_value_check(year, "1900", 0);
	expect_value_check(year, "9223372036854775807", 0);
}

static void test_parse_bool(void **state)
{
	const ts_field *partner = field("organisations", "partner");

	(void)state;
	assert_int_equal(partner->type, TS_BOOL);
	expect_parse(partner, "true", "true");
	expect_parse(partner, "1", "true");
	expect_parse(partner, "yes", "true");
	expect_parse(partner, "false", "false");
	expect_parse(partner, "0", "false");
	expect_parse(partner, "no", "false");
	expect_parse(partner, "", "null");
	expect_parse(partner, "TRUE", NULL);
	expect_parse(partner, "maybe", NULL);
	expect_value_check(partner, "false", 1);
	expect_value_check(partner, "1", 0);
	expect_value_check(partner, "\"true\"", 0);
}

static void test_parse_enum(void **state)
{
	const ts_field *status = field("states", "status");
	const ts_field *group = field("states", "group");

	(void)state;
	assert_int_equal(status->type, TS_ENUM);
	expect_parse(status, "member", "\"member\"");
	expect_parse(status, "suspended", "\"suspended\"");
	expect_parse(status, "observer", "\"observer\"");
	expect_parse(status, "Member", NULL);
	expect_parse(status, "members", NULL);
	expect_parse(group, "arab", "\"arab\"");
	expect_parse(group, "european", NULL);
	expect_value_check(status, "\"member\"", 1);
	expect_value_check(status, "3", 0);
	{
		/* the detail lists the allowed values */
		ts_error err = TS_ERROR_INIT;
		json_t *v = ts_field_parse(status, "nope", &err);
		assert_null(v);
		assert_non_null(strstr(err.detail, "member, suspended, observer"));
	}
}

static void test_parse_pdate_ref(void **state)
{
	const ts_field *since = field("states", "suspended_since");
	const ts_field *nat = field("persons", "nationality");
	char id65[66];

	(void)state;
	assert_int_equal(since->type, TS_PDATE);
	expect_parse(since, "2019", "\"2019\"");
	expect_parse(since, "2019-05", "\"2019-05\"");
	expect_parse(since, "2024-02-29", "\"2024-02-29\"");
	expect_parse(since, "2023-02-29", NULL);
	expect_parse(since, "19-01", NULL);
	expect_parse(since, "yesterday", NULL);
	expect_value_check(since, "2019", 0);

	assert_int_equal(nat->type, TS_REF);
	expect_parse(nat, "SAU", "\"SAU\"");
	expect_parse(nat, "", "null");
	memset(id65, 'A', 65);
	id65[65] = '\0';
	expect_parse(nat, id65, NULL);
	id65[64] = '\0';
	expect_parse(nat, id65, "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"");
	expect_value_check(nat, "\"\"", 0);
	expect_value_check(nat, "7", 0);
}

/* Every field of every entity accepts its own example (the hints and the API document show
 * them to people). */
static void test_examples_valid(void **state)
{
	const ts_schema *s = ts_schema_all();

	(void)state;
	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		assert_non_null(e->fields);
		assert_string_equal(e->fields[0].name, "id");
		assert_true(e->fields[0].flags & TS_F_KEY);
		assert_non_null(ts_entity_field(e, e->default_sort));
		assert_ptr_equal(ts_schema_entity(s, e->name), e);
		assert_ptr_equal(ts_schema_entity(s, e->collection), e);
		for (int j = 0; j < e->nfields; j++) {
			const ts_field *f = &e->fields[j];
			if (f->type == TS_REF)
				assert_non_null(ts_schema_entity(s, f->ref));
			for (int l = 0; l < TS_LANG_COUNT; l++)
				assert_true(f->label[l] && *f->label[l]);
			if (f->example) {
				ts_error err = TS_ERROR_INIT;
				json_t *v = ts_field_parse(f, f->example, &err);
				if (!v)
					fail_msg("%s.%s: example '%s' refused: %s", e->collection, f->name, f->example,
						 err.detail);
				json_decref(v);
			}
		}
	}
	assert_null(ts_schema_entity(s, "nations"));
	assert_null(ts_schema_entity(s, NULL));
	assert_null(ts_entity_field(entity("states"), "capital"));
}

static void test_entity_helpers(void **state)
{
	char table[64];

	(void)state;
	ts_entity_table(entity("office-terms"), table, sizeof(table));
	assert_string_equal(table, "office_terms");
	ts_entity_table(entity("states"), table, 4);
	assert_string_equal(table, "sta");
	assert_string_equal(ts_entity_title_field(entity("states"), TS_AR)->name, "name_ar");
	assert_string_equal(ts_entity_title_field(entity("states"), TS_FR)->name, "name_fr");
	assert_string_equal(ts_entity_title_field(entity("offices"), TS_EN)->name, "title_en");
	assert_string_equal(ts_entity_title_field(entity("contact-group-members"), TS_EN)->name, "id");
	assert_ptr_equal(ts_schema_entity(ts_schema_all(), "office_term"), entity("office-terms"));
}

static void test_field_format(void **state)
{
	char out[64];
	json_t *v;

	(void)state;
	ts_field_format(field("states", "name_en"), NULL, out, sizeof(out));
	assert_string_equal(out, "");
	v = json_null();
	ts_field_format(field("states", "name_en"), v, out, sizeof(out));
	assert_string_equal(out, "");
	v = json_integer(1969);
	ts_field_format(field("states", "accession_year"), v, out, sizeof(out));
	assert_string_equal(out, "1969");
	json_decref(v);
	ts_field_format(field("organisations", "partner"), json_true(), out, sizeof(out));
	assert_string_equal(out, "true");
	ts_field_format(field("organisations", "partner"), json_false(), out, sizeof(out));
	assert_string_equal(out, "false");
	v = json_string("a,b");
	ts_field_format(field("states", "name_en"), v, out, sizeof(out));
	assert_string_equal(out, "a,b");
	json_decref(v);
}

/* ---- whole records ----------------------------------------------------------------------- */


/* Checks a record; want is TS_OK or the code expected in the items, naming field (if given). */
static void expect_record(const char *collection, const char *json, ts_code want, const char *fieldname)
{
	ts_error err = TS_ERROR_INIT;
	json_t *rec = load(json);
	int rc = ts_record_check(entity(collection), rec, &err);

	json_decref(rec);
	if (want == TS_OK) {
		if (rc)
			fail_msg("%s %s refused: %s", collection, json, err.detail);
		assert_int_equal(err.nitems, 0);
		return;
	}
	if (!rc)
		fail_msg("%s %s accepted, expected %s", collection, json, ts_code_name(want));
	for (int i = 0; i < err.nitems; i++)
		if (err.items[i].code == want && (!fieldname || !strcmp(err.items[i].field, fieldname)))
			return;
	fail_msg("%s %s: no %s on '%s'; primary %s on '%s': %s", collection, json, ts_code_name(want),
		 fieldname ? fieldname : "", ts_code_name(err.code), err.field, err.detail);
}

#define SAU "\"id\":\"SAU\",\"name_ar\":\"السعودية\",\"name_en\":\"Saudi Arabia\",\"name_fr\":\"Arabie saoudite\""

static void test_record_check_basic(void **state)
{
	(void)state;
	expect_record("states", "{" SAU ",\"status\":\"member\",\"accession_year\":1969}", TS_OK, NULL);
	expect_record("states", "{" SAU ",\"status\":\"member\",\"accession_year\":1969,\"capital\":\"Riyadh\"}",
		      TS_UNKNOWN_FIELD, "capital");
	expect_record("states", "{\"id\":\"SAU\",\"name_ar\":\"x\",\"name_fr\":\"y\",\"status\":\"member\","
		      "\"accession_year\":1969}", TS_REQUIRED, "name_en");
	/* null and "" are "not given" */
	expect_record("states", "{\"id\":\"SAU\",\"name_ar\":\"x\",\"name_en\":null,\"name_fr\":\"y\","
		      "\"status\":\"member\",\"accession_year\":1969}", TS_REQUIRED, "name_en");
	expect_record("states", "{\"id\":\"SAU\",\"name_ar\":\"x\",\"name_en\":\"\",\"name_fr\":\"y\","
		      "\"status\":\"member\",\"accession_year\":1969}", TS_REQUIRED, "name_en");
	expect_record("states", "{" SAU ",\"status\":\"member\",\"accession_year\":1969,\"iso2\":\"sa\"}",
		      TS_INVALID_VALUE, "iso2");
	expect_record("states", "{" SAU ",\"status\":\"emperor\"}", TS_INVALID_VALUE, "status");
	{
		/* not an object */
		ts_error err = TS_ERROR_INIT;
		json_t *a = json_array();
		assert_int_equal(ts_record_check(entity("states"), a, &err), -1);
		assert_int_equal(err.code, TS_INVALID_JSON);
		json_decref(a);
	}
	{
		/* several problems are all reported; the first is primary */
		ts_error err = TS_ERROR_INIT;
		json_t *rec = load("{\"id\":\"sau\",\"iso2\":\"S\",\"status\":\"x\",\"bogus\":1}");
		assert_int_equal(ts_record_check(entity("states"), rec, &err), -1);
		assert_int_equal(err.nitems, 5); /* id, iso2, status, bogus, name_en */
		assert_int_equal(err.code, err.items[0].code);
		assert_string_equal(err.field, err.items[0].field);
		json_decref(rec);
	}
}

static void test_record_check_required_if(void **state)
{
	(void)state;
	expect_record("states", "{" SAU ",\"status\":\"suspended\",\"accession_year\":1969}", TS_REQUIRED,
		      "suspended_since");
	expect_record("states", "{" SAU ",\"status\":\"suspended\",\"accession_year\":1969,"
		      "\"suspended_since\":\"2012-08\"}", TS_OK, NULL);
	expect_record("states", "{" SAU ",\"status\":\"member\"}", TS_REQUIRED, "accession_year");
	expect_record("states", "{" SAU ",\"status\":\"observer\"}", TS_REQUIRED, "observer_since");
	expect_record("states", "{" SAU ",\"status\":\"observer\",\"observer_since\":2005}", TS_OK, NULL);
	expect_record("organs", "{\"id\":\"cfm\",\"name_en\":\"CFM\",\"kind\":\"council\",\"cycle\":\"periodic\"}",
		      TS_REQUIRED, "cycle_months");
	expect_record("organs", "{\"id\":\"cfm\",\"name_en\":\"CFM\",\"kind\":\"council\",\"cycle\":\"permanent\"}",
		      TS_OK, NULL);
}

static void test_record_check_one_of(void **state)
{
	(void)state;
	expect_record("contact-group-members",
		      "{\"group\":\"friends-of-mediation\",\"state\":\"TUR\",\"role\":\"member\"}", TS_OK, NULL);
	expect_record("contact-group-members",
		      "{\"group\":\"friends-of-mediation\",\"organ\":\"secretariat\",\"role\":\"member\"}", TS_OK, NULL);
	expect_record("contact-group-members",
		      "{\"group\":\"friends-of-mediation\",\"state\":\"TUR\",\"organ\":\"secretariat\",\"role\":\"member\"}",
		      TS_INVALID_VALUE, "state");
	expect_record("contact-group-members", "{\"group\":\"friends-of-mediation\",\"role\":\"member\"}",
		      TS_INVALID_VALUE, "state");
	expect_record("contact-group-members",
		      "{\"group\":\"friends-of-mediation\",\"state\":null,\"organ\":\"\",\"role\":\"member\"}",
		      TS_INVALID_VALUE, "state");
}

static void test_record_check_not_before(void **state)
{
	(void)state;
#define TERM(start, end) "{\"office\":\"secretary-general\",\"person\":\"x\",\"start\":" start ",\"end\":" end "}"
	expect_record("office-terms", TERM("\"2016\"", "\"2021\""), TS_OK, NULL);
	expect_record("office-terms", TERM("\"2021\"", "\"2016\""), TS_INVALID_VALUE, "end");
	expect_record("office-terms", TERM("\"2019-05\"", "\"2019\""), TS_OK, NULL);
	expect_record("office-terms", TERM("\"2019\"", "\"2019-05\""), TS_OK, NULL);
	expect_record("office-terms", TERM("\"2019-05-10\"", "\"2019-05\""), TS_OK, NULL);
	expect_record("office-terms", TERM("\"2019-05\"", "\"2019-04\""), TS_INVALID_VALUE, "end");
	expect_record("office-terms", TERM("\"2019-05-10\"", "\"2019-05-09\""), TS_INVALID_VALUE, "end");
	expect_record("office-terms", TERM("\"2019-05-10\"", "\"2019-05-10\""), TS_OK, NULL);
	expect_record("office-terms", TERM("null", "\"1990\""), TS_OK, NULL);
	expect_record("office-terms", TERM("\"2020\"", "null"), TS_OK, NULL);
#undef TERM
}

/* ---- describing the schema --------------------------------------------------------------- */

static void test_schema_describe(void **state)
{
	const ts_schema *s = ts_schema_all();
	json_t *d = ts_schema_describe(s);
	json_t *ents;

	(void)state;
	assert_non_null(d);
	ents = json_object_get(d, "entities");
	assert_true(json_is_array(ents));
	assert_int_equal(json_array_size(ents), s->nentities);
	assert_int_equal(s->nentities, 47);
	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		json_t *found = NULL, *x;
		size_t k;
		json_array_foreach(ents, k, x)
			if (!strcmp(json_string_value(json_object_get(x, "collection")), e->collection))
				found = x;
		if (!found)
			fail_msg("collection %s not described", e->collection);
		assert_string_equal(json_string_value(json_object_get(found, "name")), e->name);
		assert_int_equal(json_array_size(json_object_get(found, "fields")), e->nfields);
		assert_int_equal(json_is_true(json_object_get(found, "auto_id")), !!(e->flags & TS_E_AUTO_ID));
		assert_int_equal(json_is_true(json_object_get(found, "actions")), !!(e->flags & TS_E_ACTIONS));
		assert_true(json_is_string(json_object_get(json_object_get(found, "labels"), "ar")));
	}
	{
		/* a field with its details */
		json_t *states = json_array_get(ents, 0), *f, *status = NULL;
		size_t k;
		assert_string_equal(json_string_value(json_object_get(states, "collection")), "states");
		json_array_foreach(json_object_get(states, "fields"), k, f)
			if (!strcmp(json_string_value(json_object_get(f, "name")), "status"))
				status = f;
		assert_non_null(status);
		assert_string_equal(json_string_value(json_object_get(status, "type")), "enum");
		assert_true(json_is_true(json_object_get(status, "required")));
		assert_int_equal(json_array_size(json_object_get(status, "values")), 3);
	}
	json_decref(d);
}

static void test_openapi_document(void **state)
{
	const ts_schema *s = ts_schema_all();
	json_t *doc = ts_openapi_document(s, "9.9.9");
	json_t *paths, *schemas;
	char path[128];

	(void)state;
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "info"), "version")), "9.9.9");
	paths = json_object_get(doc, "paths");
	schemas = json_object_get(json_object_get(doc, "components"), "schemas");
	assert_true(json_is_object(paths));
	assert_true(json_is_object(schemas));
	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		snprintf(path, sizeof(path), "/api/v1/%s", e->collection);
		if (!json_object_get(paths, path))
			fail_msg("no path %s", path);
		assert_non_null(json_object_get(json_object_get(paths, path), "get"));
		/* votes are opened by their own operation and alerts raised by theirs, at the same
		 * address; ballots are only cast through theirs */
		assert_int_equal(json_object_get(json_object_get(paths, path), "post") != NULL,
				 !(e->flags & TS_E_ACTIONS) || !strcmp(e->collection, "votes") ||
					 !strcmp(e->collection, "alerts"));
		snprintf(path, sizeof(path), "/api/v1/%s/{id}", e->collection);
		if (!json_object_get(paths, path))
			fail_msg("no path %s", path);
		/* nor are implementation reports changed or deleted: they are kept as filed */
		assert_int_equal(json_object_get(json_object_get(paths, path), "patch") != NULL,
				 !(e->flags & (TS_E_ACTIONS | TS_E_APPEND_ONLY)));
		assert_int_equal(json_object_get(json_object_get(paths, path), "delete") != NULL,
				 !(e->flags & (TS_E_ACTIONS | TS_E_APPEND_ONLY)));
		assert_non_null(json_object_get(schemas, e->schema_name));
	}
	assert_non_null(json_object_get(paths, "/api/v1/schema"));
	assert_non_null(json_object_get(paths, "/api/v1/openapi.json"));
	assert_non_null(json_object_get(schemas, "Problem"));
	{
		/* the document serialises */
		char *txt = json_dumps(doc, JSON_COMPACT);
		assert_non_null(txt);
		assert_true(strlen(txt) > 1000);
		free(txt);
	}
	json_decref(doc);
}

/* Every entity carries a confidentiality level, so that the query layer can decide who reads
 * it: an entity described without one fails here. Defaults are valid values of their field. */
static void test_every_entity_has_a_level(void **state)
{
	const ts_schema *s = ts_schema_all();

	(void)state;
	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		const ts_field *f = ts_entity_field(e, "level");
		if (!f || f->type != TS_ENUM || !f->def)
			fail_msg("%s has no level field with a default", e->collection);
		for (int j = 0; j < e->nfields; j++) {
			ts_error err = TS_ERROR_INIT;
			json_t *v;
			if (!e->fields[j].def)
				continue;
			v = ts_field_parse(&e->fields[j], e->fields[j].def, &err);
			if (!v)
				fail_msg("%s.%s: default '%s' is not valid: %s", e->collection, e->fields[j].name,
					 e->fields[j].def, err.detail);
			json_decref(v);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_entity_has_a_level),
		cmocka_unit_test(test_pdate_valid),
		cmocka_unit_test(test_parse_text),
		cmocka_unit_test(test_parse_invalid_utf8),
		cmocka_unit_test(test_parse_invalid_utf8_strict),
		cmocka_unit_test(test_error_detail_utf8),
		cmocka_unit_test(test_parse_patterns),
		cmocka_unit_test(test_parse_int),
		cmocka_unit_test(test_parse_bool),
		cmocka_unit_test(test_parse_enum),
		cmocka_unit_test(test_parse_pdate_ref),
		cmocka_unit_test(test_examples_valid),
		cmocka_unit_test(test_entity_helpers),
		cmocka_unit_test(test_field_format),
		cmocka_unit_test(test_record_check_basic),
		cmocka_unit_test(test_record_check_required_if),
		cmocka_unit_test(test_record_check_one_of),
		cmocka_unit_test(test_record_check_not_before),
		cmocka_unit_test(test_schema_describe),
		cmocka_unit_test(test_openapi_document),
	};
	return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
