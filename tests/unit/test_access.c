/* Unit tests of roles and confidentiality levels: who reads which level, and the query layer
 * applying it to lists, totals, counts, single reads and exports.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-access
 */
#include "unit.h"

static void test_roles(void **state)
{
	unsigned r;
	char text[128];
	ts_error err = TS_ERROR_INIT;

	(void)state;
	assert_int_equal(ts_roles_parse("admin,analyst", &r, &err), 0);
	assert_int_equal(r, TS_ROLE_ADMIN | TS_ROLE_ANALYST);
	ts_roles_format(r, text, sizeof(text));
	assert_string_equal(text, "analyst,admin");
	assert_int_equal(ts_roles_parse("", &r, &err), 0);
	assert_int_equal(r, 0);
	assert_int_equal(ts_roles_parse("admin,emperor", &r, &err), -1);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_non_null(strstr(err.detail, "emperor"));
}

static void test_levels(void **state)
{
	ts_viewer v = {0};

	(void)state;
	assert_int_equal(ts_viewer_max_level(NULL), TS_LEVEL_PUBLIC);
	assert_int_equal(ts_viewer_max_level(&v), TS_LEVEL_PUBLIC);
	v.roles = TS_ROLE_DELEGATE;
	assert_int_equal(ts_viewer_max_level(&v), TS_LEVEL_MEMBERS);
	v.roles = TS_ROLE_ANALYST | TS_ROLE_MEDIATOR;
	assert_int_equal(ts_viewer_max_level(&v), TS_LEVEL_MEMBERS);
	v.roles = TS_ROLE_SECRETARIAT;
	assert_int_equal(ts_viewer_max_level(&v), TS_LEVEL_SECRETARIAT);
	v.roles = TS_ROLE_ADMIN;
	assert_int_equal(ts_viewer_max_level(&v), TS_LEVEL_RESTRICTED);
}

/* Runs one create/update/delete as viewer v in its own transaction; returns the error code
 * (TS_OK when it went through). */
static ts_code attempt(ts_store *st, const ts_viewer *v, const char *what, const char *collection, const char *id,
		  const char *json)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = json ? json_loads(json, 0, NULL) : NULL;
	int rc;

	ts_store_set_viewer(st, v);
	assert_int_equal(ts_store_begin(st, &err), 0);
	if (!strcmp(what, "create"))
		rc = ts_record_create(st, entity(collection), in, NULL, &err);
	else if (!strcmp(what, "update"))
		rc = ts_record_update(st, entity(collection), id, in, NULL, &err);
	else
		rc = ts_record_delete(st, entity(collection), id, &err);
	if (rc)
		ts_store_rollback(st);
	else
		assert_int_equal(ts_store_commit(st, &err), 0);
	json_decref(in);
	as_admin(st);
	return rc ? err.code : TS_OK;
}

/* Accounts med (mediator, on team t1), med2 (mediator, on no team), sec (secretariat) and
 * del (delegate of MAR); team t1; and Morocco. */
static void people(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	json_t *rec;

	assert_int_equal(ts_store_begin(st, &err), 0);
	rec = json_pack("{s:s, s:s, s:s, s:i}", "id", "MAR", "name_en", "Morocco", "status", "member", "accession_year", 1969);
	assert_int_equal(ts_record_create(st, entity("states"), rec, NULL, &err), 0);
	json_decref(rec);
	assert_int_equal(ts_account_create(st, "med", "password-of-med", TS_ROLE_MEDIATOR, NULL, &err), 0);
	assert_int_equal(ts_account_create(st, "med2", "password-of-med2", TS_ROLE_MEDIATOR, NULL, &err), 0);
	assert_int_equal(ts_account_create(st, "sec", "password-of-sec", TS_ROLE_SECRETARIAT, NULL, &err), 0);
	assert_int_equal(ts_account_create(st, "del", "password-of-del", TS_ROLE_DELEGATE, "MAR", &err), 0);
	rec = json_pack("{s:s, s:s}", "id", "t1", "name_en", "Team one");
	assert_int_equal(ts_record_create(st, entity("teams"), rec, NULL, &err), 0);
	json_decref(rec);
	rec = json_pack("{s:s, s:s, s:s}", "team", "t1", "account", "med", "role", "lead");
	assert_int_equal(ts_record_create(st, entity("team-members"), rec, NULL, &err), 0);
	json_decref(rec);
	assert_int_equal(ts_store_commit(st, &err), 0);
}

static const ts_viewer anon = {0, "", ""}, delegate = {TS_ROLE_DELEGATE, "del", "MAR"},
		       med = {TS_ROLE_MEDIATOR, "med", ""}, med2 = {TS_ROLE_MEDIATOR, "med2", ""},
		       sec = {TS_ROLE_SECRETARIAT, "sec", ""}, admin = {TS_ROLE_ADMIN, "admin", ""};

/* One state per level (the restricted one for team t1); each viewer sees exactly the levels up
 * to its own, and a team's members its restricted records too: in lists, totals, counts, single
 * reads and exports. */
static void test_query_layer(void **state)
{
	static const char *const levels[] = {"public", "members", "secretariat", "restricted"};
	static const struct {
		const ts_viewer *v;
		unsigned visible; /* bit i: the record at level i */
	} viewers[] = {{&anon, 1}, {&delegate, 3}, {&med, 3 | 8}, {&med2, 3}, {&sec, 7}, {&admin, 15}};
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	const ts_entity *e = entity("states");
	char id[8];

	people(st);
	for (int i = 0; i < 4; i++) {
		json_t *rec = json_pack("{s:s, s:s, s:s, s:i, s:s}", "id", "", "name_en", levels[i], "status", "member",
					"accession_year", 2000, "level", levels[i]);
		snprintf(id, sizeof(id), "XL%c", 'A' + i);
		json_object_set_new(rec, "id", json_string(id));
		if (i == 3)
			json_object_set_new(rec, "team", json_string("t1"));
		assert_int_equal(ts_record_create(st, e, rec, NULL, &err), 0);
		json_decref(rec);
	}
	for (size_t k = 0; k < sizeof(viewers) / sizeof(viewers[0]); k++) {
		long visible = 1 + __builtin_popcount(viewers[k].visible); /* and Morocco, public */
		ts_query q;
		json_t *page, *all, *rec;
		long n;
		ts_store_set_viewer(st, viewers[k].v);
		ts_query_init(&q, e);
		assert_int_equal(ts_records_list(st, &q, &page, &err), 0);
		assert_int_equal(json_integer_value(json_object_get(page, "total")), visible);
		assert_int_equal((long)json_array_size(json_object_get(page, "items")), visible);
		json_decref(page);
		ts_query_free(&q);
		assert_int_equal(ts_records_count(st, e, "status", "member", &n, &err), 0);
		assert_int_equal(n, visible);
		assert_int_equal(ts_export_json(st, e, &all, &err), 0);
		assert_int_equal((long)json_array_size(all), visible);
		json_decref(all);
		for (int i = 0; i < 4; i++) {
			ts_error e2 = TS_ERROR_INIT;
			snprintf(id, sizeof(id), "XL%c", 'A' + i);
			if (viewers[k].visible & (1u << i)) {
				assert_int_equal(ts_record_get(st, e, id, &rec, &e2), 0);
				json_decref(rec);
			} else {
				assert_int_equal(ts_record_get(st, e, id, &rec, &e2), -1);
				assert_int_equal(e2.code, TS_NOT_FOUND);
			}
		}
	}
}

/* Who writes the registry: the secretariat and administrators; nobody writes above what they read,
 * and what one may not read answers "not found", even to a writer. */
static void test_write_rights(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	long n;
	ts_error err = TS_ERROR_INIT;

	people(st);
	assert_int_equal(attempt(st, &anon, "create", "organs", NULL, "{\"id\":\"x1\",\"name_en\":\"X\",\"kind\":\"council\"}"),
			 TS_UNAUTHENTICATED);
	assert_int_equal(attempt(st, &delegate, "create", "organs", NULL, "{\"id\":\"x1\",\"name_en\":\"X\",\"kind\":\"council\"}"),
			 TS_FORBIDDEN);
	assert_int_equal(attempt(st, &med, "create", "organs", NULL, "{\"id\":\"x1\",\"name_en\":\"X\",\"kind\":\"council\"}"),
			 TS_FORBIDDEN);
	assert_int_equal(ts_records_count(st, entity("organs"), NULL, NULL, &n, &err), 0);
	assert_int_equal(n, 0); /* nothing written */
	assert_int_equal(attempt(st, &sec, "create", "organs", NULL, "{\"id\":\"x1\",\"name_en\":\"X\",\"kind\":\"council\"}"),
			 TS_OK);
	assert_int_equal(attempt(st, &sec, "update", "organs", "x1", "{\"seat\":\"Jeddah\"}"), TS_OK);
	assert_int_equal(attempt(st, &delegate, "update", "organs", "x1", "{\"seat\":\"Rabat\"}"), TS_FORBIDDEN);
	assert_int_equal(attempt(st, &delegate, "delete", "organs", "x1", NULL), TS_FORBIDDEN);

	/* the secretariat is not on team t1: it may not file, read or change t1's restricted records */
	assert_int_equal(attempt(st, &sec, "create", "organs", NULL,
			    "{\"id\":\"x2\",\"name_en\":\"X2\",\"kind\":\"council\",\"level\":\"restricted\",\"team\":\"t1\"}"),
			 TS_FORBIDDEN);
	assert_int_equal(attempt(st, &admin, "create", "organs", NULL,
			    "{\"id\":\"x2\",\"name_en\":\"X2\",\"kind\":\"council\",\"level\":\"restricted\",\"team\":\"t1\"}"),
			 TS_OK);
	assert_int_equal(attempt(st, &sec, "update", "organs", "x2", "{\"seat\":\"Rabat\"}"), TS_NOT_FOUND);
	assert_int_equal(attempt(st, &sec, "delete", "organs", "x2", NULL), TS_NOT_FOUND);
	/* ... nor refer to one: it does not exist for them */
	assert_int_equal(attempt(st, &sec, "create", "organs", NULL, "{\"id\":\"x3\",\"name_en\":\"X3\",\"kind\":\"council\",\"parent\":\"x2\"}"),
			 TS_UNKNOWN_REFERENCE);
	/* ... nor move a record out of its own reach */
	assert_int_equal(attempt(st, &sec, "update", "organs", "x1", "{\"level\":\"restricted\",\"team\":\"t1\"}"), TS_FORBIDDEN);
	/* a restricted record names its team */
	assert_int_equal(attempt(st, &admin, "create", "organs", NULL, "{\"id\":\"x4\",\"name_en\":\"X4\",\"kind\":\"council\",\"level\":\"restricted\"}"),
			 TS_REQUIRED);
	/* a record that refers to x1 and that the secretariat cannot see: the refusal names nothing */
	assert_int_equal(attempt(st, &admin, "update", "organs", "x2", "{\"parent\":\"x1\"}"), TS_OK);
	{
		ts_error e2 = TS_ERROR_INIT;
		ts_store_set_viewer(st, &sec);
		assert_int_equal(ts_store_begin(st, &e2), 0);
		assert_int_equal(ts_record_delete(st, entity("organs"), "x1", &e2), -1);
		ts_store_rollback(st);
		assert_int_equal(e2.code, TS_REFERENCED);
		assert_null(strstr(e2.detail, "x2"));
		assert_null(strstr(e2.detail, "1 "));
		as_admin(st);
	}
}

/* Ownership, on descriptions that bind writers: a delegate writes for their own state, a
 * mediator in their own teams. */
static void test_ownership(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_entity reports = *entity("states");
	ts_entity journal = *entity("organs");
	json_t *mar = json_pack("{s:s, s:s}", "id", "MAR", "level", "members");
	json_t *dza = json_pack("{s:s, s:s}", "id", "DZA", "level", "members");
	json_t *high = json_pack("{s:s, s:s}", "id", "MAR", "level", "secretariat");
	json_t *t1 = json_pack("{s:s, s:s, s:s}", "id", "j", "level", "restricted", "team", "t1");
	json_t *t1m = json_pack("{s:s, s:s, s:s}", "id", "j", "level", "members", "team", "t1");
	json_t *none = json_pack("{s:s, s:s}", "id", "j", "level", "members");
	ts_viewer stateless = {TS_ROLE_DELEGATE, "del", ""};
	ts_error err = TS_ERROR_INIT;

	people(st);
	reports.writers = TS_ROLE_DELEGATE | TS_ROLE_SECRETARIAT;
	reports.owner = "id";
	journal.writers = TS_ROLE_MEDIATOR;
#define WRITE(v, e, rec) (ts_store_set_viewer(st, v), ts_error_clear(&err), ts_access_check_write(st, e, rec, &err))
	assert_int_equal(WRITE(&delegate, &reports, mar), 0);
	assert_int_equal(WRITE(&delegate, &reports, dza), -1);
	assert_int_equal(err.code, TS_FORBIDDEN);
	assert_string_equal(err.field, "id");
	assert_non_null(strstr(err.detail, "DZA"));
	assert_int_equal(WRITE(&stateless, &reports, mar), -1);
	assert_int_equal(WRITE(&delegate, &reports, high), -1); /* above what a delegate reads */
	assert_string_equal(err.field, "level");
	assert_int_equal(WRITE(&sec, &reports, dza), 0);        /* the secretariat has no bounds */
	assert_int_equal(WRITE(&med, &reports, mar), -1);       /* not a writer */

	assert_int_equal(WRITE(&med, &journal, t1), 0);
	assert_int_equal(WRITE(&med, &journal, t1m), 0);
	assert_int_equal(WRITE(&med2, &journal, t1), -1);
	assert_int_equal(WRITE(&med2, &journal, t1m), -1);
	assert_int_equal(WRITE(&med, &journal, none), -1);
	assert_int_equal(WRITE(&sec, &journal, none), -1);
	assert_int_equal(WRITE(&admin, &journal, t1), 0);
	assert_int_equal(WRITE(&anon, &journal, none), -1);
	assert_int_equal(err.code, TS_UNAUTHENTICATED);
#undef WRITE
	as_admin(st);
	json_decref(mar);
	json_decref(dza);
	json_decref(high);
	json_decref(t1);
	json_decref(t1m);
	json_decref(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_levels),
		cmocka_unit_test_setup_teardown(test_query_layer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_rights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ownership, setup, teardown),
	};
	return cmocka_run_group_tests_name("access", tests, group_setup, NULL);
}
