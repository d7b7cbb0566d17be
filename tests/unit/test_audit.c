/* Unit tests of the audit log: every change leaves one entry with who, where, before and after;
 * the hash chain catches an entry edited, removed or moved directly in the database.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-audit
 */
#include <unistd.h>

#include "unit.h"

/* Changes made in these tests are signed by a test actor from a documentation address. */
static int setup_actor(void **state)
{
	fixture *fx;

	if (setup(state))
		return -1;
	fx = *state;
	ts_store_set_actor(fx->st, "tester", "192.0.2.7");
	return 0;
}

static void run(ts_store *st, const char *sql)
{
	ts_error err = TS_ERROR_INIT;

	if (ts_store_exec(st, sql, NULL, 0, NULL, NULL, NULL, &err))
		fail_msg("%s: %s", sql, err.detail);
}

/* Three changes to one state, each in its own transaction as the API makes them. */
static void three_changes(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	json_t *rec = load("{\"id\":\"XAA\",\"name_en\":\"Testland\",\"status\":\"member\",\"accession_year\":1999}");
	json_t *patch = load("{\"notes\":\"first note\"}");

	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_create(st, entity("states"), rec, NULL, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_update(st, entity("states"), "XAA", patch, NULL, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_delete(st, entity("states"), "XAA", &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	json_decref(rec);
	json_decref(patch);
}

static void test_entries_of_changes(void **state)
{
	fixture *fx = *state;
	ts_audit_query q = TS_AUDIT_QUERY_INIT;
	ts_error err = TS_ERROR_INIT;
	json_t *page, *items, *e;

	three_changes(fx->st);
	assert_int_equal(ts_audit_list(fx->st, &q, &page, &err), 0);
	items = json_object_get(page, "items");
	assert_int_equal(json_array_size(items), 3);
	/* newest first */
	e = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(e, "action")), "delete");
	assert_string_equal(json_string_value(json_object_get(e, "actor")), "tester");
	assert_string_equal(json_string_value(json_object_get(e, "address")), "192.0.2.7");
	assert_string_equal(json_string_value(json_object_get(e, "collection")), "states");
	assert_string_equal(json_string_value(json_object_get(e, "record")), "XAA");
	assert_true(json_is_null(json_object_get(e, "after")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(e, "before"), "notes")), "first note");
	e = json_array_get(items, 1);
	assert_string_equal(json_string_value(json_object_get(e, "action")), "update");
	assert_true(json_is_null(json_object_get(json_object_get(e, "before"), "notes")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(e, "after"), "notes")), "first note");
	e = json_array_get(items, 2);
	assert_string_equal(json_string_value(json_object_get(e, "action")), "create");
	assert_true(json_is_null(json_object_get(e, "before")));
	json_decref(page);
}

static void test_no_change_no_entry(void **state)
{
	fixture *fx = *state;
	ts_audit_query q = TS_AUDIT_QUERY_INIT;
	ts_error err = TS_ERROR_INIT;
	json_t *rec = load("{\"id\":\"XAB\",\"name_en\":\"Same\",\"status\":\"member\",\"accession_year\":2000}");
	json_t *same = load("{\"name_en\":\"Same\"}"), *page;

	assert_int_equal(ts_record_create(fx->st, entity("states"), rec, NULL, &err), 0);
	assert_int_equal(ts_record_update(fx->st, entity("states"), "XAB", same, NULL, &err), 0);
	assert_int_equal(ts_audit_list(fx->st, &q, &page, &err), 0);
	assert_int_equal(json_array_size(json_object_get(page, "items")), 1);
	json_decref(page);
	json_decref(rec);
	json_decref(same);
}

static void test_refused_change_no_entry(void **state)
{
	fixture *fx = *state;
	ts_audit_query q = TS_AUDIT_QUERY_INIT;
	ts_error err = TS_ERROR_INIT;
	json_t *bad = load("{\"id\":\"XAC\",\"name_en\":\"Bad\",\"status\":\"emperor\"}"), *page;

	assert_int_equal(ts_record_create(fx->st, entity("states"), bad, NULL, &err), -1);
	ts_error_clear(&err);
	assert_int_equal(ts_audit_list(fx->st, &q, &page, &err), 0);
	assert_int_equal(json_array_size(json_object_get(page, "items")), 0);
	json_decref(page);
	json_decref(bad);
}

static void test_list_filters_and_pages(void **state)
{
	fixture *fx = *state;
	ts_audit_query q = TS_AUDIT_QUERY_INIT;
	ts_error err = TS_ERROR_INIT;
	json_t *page;

	three_changes(fx->st);
	q.record = "XAA";
	q.limit = 2;
	assert_int_equal(ts_audit_list(fx->st, &q, &page, &err), 0);
	assert_int_equal(json_array_size(json_object_get(page, "items")), 2);
	assert_true(json_is_string(json_object_get(page, "next_cursor")));
	q.before_seq = atoll(json_string_value(json_object_get(page, "next_cursor")));
	json_decref(page);
	assert_int_equal(ts_audit_list(fx->st, &q, &page, &err), 0);
	assert_int_equal(json_array_size(json_object_get(page, "items")), 1);
	assert_true(json_is_null(json_object_get(page, "next_cursor")));
	json_decref(page);
	q = (ts_audit_query)TS_AUDIT_QUERY_INIT;
	q.actor = "someone-else";
	assert_int_equal(ts_audit_list(fx->st, &q, &page, &err), 0);
	assert_int_equal(json_array_size(json_object_get(page, "items")), 0);
	json_decref(page);
}

static void test_verify_intact(void **state)
{
	fixture *fx = *state;
	ts_audit_report r;
	ts_error err = TS_ERROR_INIT;

	three_changes(fx->st);
	assert_int_equal(ts_audit_verify(fx->st, &r, &err), 0);
	assert_int_equal(r.entries, 3);
	assert_int_equal(r.bad_seq, 0);
	assert_int_equal(strlen(r.head), 64);
}

static void expect_broken(ts_store *st, long long seq, const char *word)
{
	ts_audit_report r;
	ts_error err = TS_ERROR_INIT;

	assert_int_equal(ts_audit_verify(st, &r, &err), 0);
	if (r.bad_seq != seq || !strstr(r.problem, word))
		fail_msg("expected entry %lld '%s', got %lld: %s", seq, word, r.bad_seq, r.problem);
}

static void test_verify_edited(void **state)
{
	fixture *fx = *state;

	three_changes(fx->st);
	run(fx->st, "UPDATE audit_log SET after = replace(after, 'first note', 'forged note') WHERE seq = 2");
	expect_broken(fx->st, 2, "edited");
}

static void test_verify_actor_edited(void **state)
{
	fixture *fx = *state;

	three_changes(fx->st);
	run(fx->st, "UPDATE audit_log SET actor = 'somebody' WHERE seq = 3");
	expect_broken(fx->st, 3, "edited");
}

static void test_verify_removed(void **state)
{
	fixture *fx = *state;

	three_changes(fx->st);
	run(fx->st, "DELETE FROM audit_log WHERE seq = 2");
	expect_broken(fx->st, 3, "missing");
}

static void test_verify_reordered(void **state)
{
	fixture *fx = *state;

	three_changes(fx->st);
	/* swap the contents of entries 1 and 2, hashes and all */
	run(fx->st, "UPDATE audit_log SET seq = 100 WHERE seq = 1");
	run(fx->st, "UPDATE audit_log SET seq = 1 WHERE seq = 2");
	run(fx->st, "UPDATE audit_log SET seq = 2 WHERE seq = 100");
	expect_broken(fx->st, 1, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_entries_of_changes, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_no_change_no_entry, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_refused_change_no_entry, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters_and_pages, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_verify_intact, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_verify_edited, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_verify_actor_edited, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_verify_removed, setup_actor, teardown),
		cmocka_unit_test_setup_teardown(test_verify_reordered, setup_actor, teardown),
	};
	return cmocka_run_group_tests_name("audit", tests, group_setup, NULL);
}
