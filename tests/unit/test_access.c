/* Unit tests of roles and confidentiality levels: who reads which level, and the query layer
 * applying it to lists, totals, counts, single reads and exports.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-access
 */
#include <unistd.h>

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

/* One state per level; each viewer sees exactly the levels up to its own. */
static void test_query_layer(void **state)
{
	static const char *const levels[] = {"public", "members", "secretariat", "restricted"};
	static const struct {
		unsigned roles;
		long visible;
	} viewers[] = {{0, 1}, {TS_ROLE_DELEGATE, 2}, {TS_ROLE_SECRETARIAT, 3}, {TS_ROLE_ADMIN, 4}};
	char dir[256], id[8];
	ts_store *st;
	ts_error err = TS_ERROR_INIT;
	const ts_entity *e = entity("states");

	(void)state;
	assert_int_equal(ts_init(), 0);
	make_dir(dir, sizeof(dir));
	assert_int_equal(ts_store_open(&st, dir, 1, &err), 0);
	for (int i = 0; i < 4; i++) {
		json_t *rec = json_pack("{s:s, s:s, s:s, s:i, s:s}", "id", "", "name_en", levels[i], "status", "member",
					"accession_year", 2000, "level", levels[i]);
		snprintf(id, sizeof(id), "XL%c", 'A' + i);
		json_object_set_new(rec, "id", json_string(id));
		assert_int_equal(ts_record_create(st, e, rec, NULL, &err), 0);
		json_decref(rec);
	}
	for (size_t k = 0; k < sizeof(viewers) / sizeof(viewers[0]); k++) {
		ts_viewer v = {viewers[k].roles, "someone", ""};
		ts_query q;
		json_t *page, *all, *rec;
		long n;
		ts_store_set_viewer(st, &v);
		ts_query_init(&q, e);
		assert_int_equal(ts_records_list(st, &q, &page, &err), 0);
		assert_int_equal(json_integer_value(json_object_get(page, "total")), viewers[k].visible);
		assert_int_equal((long)json_array_size(json_object_get(page, "items")), viewers[k].visible);
		json_decref(page);
		ts_query_free(&q);
		assert_int_equal(ts_records_count(st, e, "status", "member", &n, &err), 0);
		assert_int_equal(n, viewers[k].visible);
		assert_int_equal(ts_export_json(st, e, &all, &err), 0);
		assert_int_equal((long)json_array_size(all), viewers[k].visible);
		json_decref(all);
		for (int i = 0; i < 4; i++) {
			ts_error e2 = TS_ERROR_INIT;
			snprintf(id, sizeof(id), "XL%c", 'A' + i);
			if (i < viewers[k].visible) {
				assert_int_equal(ts_record_get(st, e, id, &rec, &e2), 0);
				json_decref(rec);
			} else {
				assert_int_equal(ts_record_get(st, e, id, &rec, &e2), -1);
				assert_int_equal(e2.code, TS_NOT_FOUND);
			}
		}
	}
	ts_store_close(st);
	test_remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_query_layer),
	};
	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
