/* Unit tests of accounts, sign-in and its throttling, sessions and API tokens.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-auth
 */
#include "unit.h"

#define PW "correct horse battery"

static void morocco(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;
	json_t *rec = json_pack("{s:s, s:s, s:s, s:i}", "id", "MAR", "name_en", "Morocco", "status", "member",
				"accession_year", 1969);

	assert_int_equal(ts_record_create(st, entity("states"), rec, NULL, &err), 0);
	json_decref(rec);
	rec = json_pack("{s:s, s:s, s:s, s:i}", "id", "RUS", "name_en", "Russia", "status", "observer", "observer_since", 2005);
	assert_int_equal(ts_record_create(st, entity("states"), rec, NULL, &err), 0);
	json_decref(rec);
}

/* Whether the JSON text of j contains text. */
static int dumps_has(const json_t *j, const char *text)
{
	char *d = json_dumps(j, 0);
	int has = d && strstr(d, text) != NULL;

	free(d);
	return has;
}

/* Creates an account in its own transaction; returns the error code. */
static ts_code make_account(ts_store *st, const char *name, const char *pw, unsigned roles, const char *state, ts_error *err)
{
	ts_error_clear(err);
	assert_int_equal(ts_store_begin(st, err), 0);
	if (ts_account_create(st, name, pw, roles, state, err)) {
		ts_store_rollback(st);
		return err->code;
	}
	assert_int_equal(ts_store_commit(st, err), 0);
	return TS_OK;
}

static void test_accounts(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	ts_account a;
	json_t *list;
	char pw[17];

	morocco(st);
	ts_random_password(pw, 16);
	assert_int_equal(strlen(pw), 16);
	assert_int_equal(make_account(st, "admin", pw, TS_ROLE_ADMIN, NULL, &err), TS_OK);
	assert_int_equal(make_account(st, "admin", "another-password", TS_ROLE_ADMIN, NULL, &err), TS_DUPLICATE);
	assert_string_equal(err.field, "username");
	assert_int_equal(make_account(st, "Admin", "another-password", TS_ROLE_ADMIN, NULL, &err), TS_INVALID_VALUE);
	assert_string_equal(err.field, "username");
	assert_int_equal(make_account(st, "short", "2short", TS_ROLE_ADMIN, NULL, &err), TS_INVALID_VALUE);
	assert_string_equal(err.field, "password");
	assert_int_equal(make_account(st, "norole", PW, 0, NULL, &err), TS_REQUIRED);
	assert_string_equal(err.field, "roles");
	/* a delegate is bound to one member state, and only a delegate is */
	assert_int_equal(make_account(st, "amina", PW, TS_ROLE_DELEGATE, NULL, &err), TS_REQUIRED);
	assert_string_equal(err.field, "state");
	assert_int_equal(make_account(st, "amina", PW, TS_ROLE_DELEGATE, "XYZ", &err), TS_UNKNOWN_REFERENCE);
	assert_int_equal(make_account(st, "amina", PW, TS_ROLE_DELEGATE, "RUS", &err), TS_UNKNOWN_REFERENCE); /* an observer */
	assert_int_equal(make_account(st, "amina", PW, TS_ROLE_ANALYST, "MAR", &err), TS_INVALID_VALUE);
	assert_int_equal(make_account(st, "amina", PW, TS_ROLE_DELEGATE | TS_ROLE_ANALYST, "MAR", &err), TS_OK);

	assert_int_equal(ts_account_get(st, "amina", &a, &err), 0);
	assert_int_equal(a.roles, TS_ROLE_DELEGATE | TS_ROLE_ANALYST);
	assert_string_equal(a.state, "MAR");
	assert_false(a.disabled);
	assert_int_equal(ts_account_get(st, "nobody", &a, &err), -1);
	assert_int_equal(err.code, TS_NOT_FOUND);

	assert_int_equal(ts_account_list(st, &list, &err), 0);
	assert_int_equal(json_array_size(list), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 1), "username")), "amina");
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_array_get(list, 1), "roles"), 0)), "delegate");
	assert_false(dumps_has(list, "argon2")); /* no hash ever leaves */
	json_decref(list);

	/* roles change; the last administrator stays */
	ts_error_clear(&err);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_account_set_roles(st, "amina", TS_ROLE_MEDIATOR, NULL, &err), 0);
	assert_int_equal(ts_account_set_roles(st, "admin", TS_ROLE_SECRETARIAT, NULL, &err), -1);
	assert_int_equal(err.code, TS_FORBIDDEN);
	ts_error_clear(&err);
	assert_int_equal(ts_account_set_disabled(st, "admin", 1, &err), -1);
	assert_int_equal(err.code, TS_FORBIDDEN);
	ts_error_clear(&err);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_account_get(st, "amina", &a, &err), 0);
	assert_int_equal(a.roles, TS_ROLE_MEDIATOR);
	assert_string_equal(a.state, "");

	/* every account change is in the audit log, without the password */
	{
		ts_audit_query q = TS_AUDIT_QUERY_INIT;
		json_t *page;
		q.collection = "accounts";
		assert_int_equal(ts_audit_list(st, &q, &page, &err), 0);
		assert_int_equal(json_array_size(json_object_get(page, "items")), 3);
		assert_false(dumps_has(page, PW));
		json_decref(page);
	}
}

static void test_sign_in_throttled(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT, e_user = TS_ERROR_INIT, e_pass = TS_ERROR_INIT;
	ts_account a;

	assert_int_equal(make_account(st, "editor", PW, TS_ROLE_SECRETARIAT, NULL, &err), TS_OK);
	assert_int_equal(make_account(st, "other", PW, TS_ROLE_ADMIN, NULL, &err), TS_OK);
	assert_int_equal(ts_sign_in(st, "editor", PW, "192.0.2.1", &a, &err), 0);
	assert_string_equal(a.username, "editor");
	assert_int_equal(a.roles, TS_ROLE_SECRETARIAT);
	assert_string_not_equal(a.last_login, "");

	/* an unknown name and a wrong password are refused alike */
	assert_int_equal(ts_sign_in(st, "editor", "wrong-password", "192.0.2.1", &a, &e_pass), -1);
	assert_int_equal(ts_sign_in(st, "nobody", PW, "192.0.2.1", &a, &e_user), -1);
	assert_int_equal(e_pass.code, TS_BAD_CREDENTIALS);
	assert_int_equal(e_user.code, TS_BAD_CREDENTIALS);
	assert_string_equal(e_pass.field, e_user.field);
	assert_string_equal(a.username, "");

	/* the fifth wrong password in a row locks the account, which then refuses even the right one */
	for (int i = 2; i <= TS_LOGIN_MAX_FAILURES; i++) {
		ts_error_clear(&err);
		assert_int_equal(ts_sign_in(st, "editor", "wrong-password", "192.0.2.2", &a, &err), -1);
	}
	assert_int_equal(err.code, TS_ACCOUNT_LOCKED);
	assert_non_null(strstr(err.detail, "locked"));
	ts_error_clear(&err);
	assert_int_equal(ts_sign_in(st, "editor", PW, "192.0.2.3", &a, &err), -1);
	assert_int_equal(err.code, TS_ACCOUNT_LOCKED);
	assert_non_null(strstr(err.detail, "until"));
	/* other accounts are not affected */
	assert_int_equal(ts_sign_in(st, "other", PW, "192.0.2.3", &a, &err), 0);
	/* an administrator unlocks it */
	ts_error_clear(&err);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_account_unlock(st, "editor", &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_sign_in(st, "editor", PW, "192.0.2.3", &a, &err), 0);

	/* an address that keeps guessing (here, names that do not exist) is refused for a while, for
	 * every account */
	for (int i = 0; i < TS_ADDRESS_MAX_FAILURES; i++) {
		char name[32];
		snprintf(name, sizeof(name), "guess%d", i);
		ts_error_clear(&err);
		assert_int_equal(ts_sign_in(st, name, "wrong-password", "198.51.100.9", &a, &err), -1);
	}
	ts_error_clear(&err);
	assert_int_equal(ts_sign_in(st, "editor", PW, "198.51.100.9", &a, &err), -1);
	assert_int_equal(err.code, TS_TOO_MANY_ATTEMPTS);
	assert_non_null(strstr(err.detail, "198.51.100.9"));
	ts_error_clear(&err);
	assert_int_equal(ts_sign_in(st, "editor", PW, "192.0.2.4", &a, &err), 0);

	/* a disabled account cannot sign in */
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_account_set_disabled(st, "editor", 1, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_sign_in(st, "editor", PW, "192.0.2.4", &a, &err), -1);
	assert_int_equal(err.code, TS_ACCOUNT_DISABLED);
}

static void test_sessions(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	char token[TS_TOKEN_LEN + 1], token2[TS_TOKEN_LEN + 1];
	ts_session s, found;
	ts_account a;

	assert_int_equal(make_account(st, "editor", PW, TS_ROLE_SECRETARIAT, NULL, &err), TS_OK);
	assert_int_equal(make_account(st, "boss", PW, TS_ROLE_ADMIN, NULL, &err), TS_OK);
	assert_int_equal(ts_account_get(st, "editor", &a, &err), 0);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_session_create(st, &a, token, &s, &err), 0);
	assert_int_equal(ts_session_create(st, &a, token2, &s, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(strlen(token), TS_TOKEN_LEN);
	assert_int_equal(strlen(s.csrf), TS_TOKEN_LEN);
	assert_string_not_equal(token, token2);
	assert_string_equal(s.account.username, "editor");
	assert_true(s.expires > 0);

	assert_int_equal(ts_session_find(st, token2, &found, &err), 0);
	assert_string_equal(found.account.username, "editor");
	assert_int_equal(found.account.roles, TS_ROLE_SECRETARIAT);
	assert_string_equal(found.csrf, s.csrf);
	assert_int_equal(found.expires, s.expires);

	/* unknown, malformed and missing tokens */
	{
		char other[TS_TOKEN_LEN + 1];
		memcpy(other, token, sizeof(other));
		other[0] = other[0] == 'A' ? 'B' : 'A';
		assert_int_equal(ts_session_find(st, other, &found, &err), -1);
		assert_int_equal(err.code, TS_UNAUTHENTICATED);
		ts_error_clear(&err);
		assert_int_equal(ts_session_find(st, "short", &found, &err), -1);
		ts_error_clear(&err);
		assert_int_equal(ts_session_find(st, NULL, &found, &err), -1);
		ts_error_clear(&err);
	}

	/* ending one session leaves the other */
	assert_int_equal(ts_session_end(st, token, &err), 0);
	assert_int_equal(ts_session_find(st, token, &found, &err), -1);
	ts_error_clear(&err);
	assert_int_equal(ts_session_find(st, token2, &found, &err), 0);

	/* a role change applies to the live session at once */
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_account_set_roles(st, "editor", TS_ROLE_ANALYST, NULL, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_session_find(st, token2, &found, &err), 0);
	assert_int_equal(found.account.roles, TS_ROLE_ANALYST);

	/* a new password ends every session */
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_account_set_password(st, "editor", "a brand new password", &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_session_find(st, token2, &found, &err), -1);
	ts_error_clear(&err);
	assert_int_equal(ts_sign_in(st, "editor", PW, "192.0.2.1", &a, &err), -1);
	ts_error_clear(&err);
	assert_int_equal(ts_sign_in(st, "editor", "a brand new password", "192.0.2.1", &a, &err), 0);
}

static void test_tokens(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	char token[TS_API_TOKEN_LEN + 1], token2[TS_API_TOKEN_LEN + 1];
	json_t *info, *info2, *list;
	ts_account a;
	const char *id;

	assert_int_equal(make_account(st, "script", PW, TS_ROLE_ANALYST, NULL, &err), TS_OK);
	assert_int_equal(make_account(st, "boss", PW, TS_ROLE_ADMIN, NULL, &err), TS_OK);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_token_create(st, "script", "", token, &info, &err), -1);
	assert_string_equal(err.field, "name");
	ts_error_clear(&err);
	assert_int_equal(ts_token_create(st, "script", "nightly export", token, &info, &err), 0);
	assert_int_equal(ts_token_create(st, "script", "dashboard", token2, &info2, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(strlen(token), TS_API_TOKEN_LEN);
	assert_memory_equal(token, "tsq_", 4);
	id = json_string_value(json_object_get(info, "id"));
	assert_non_null(id);

	/* the secret is stored nowhere: the list names the tokens, never their secrets */
	assert_int_equal(ts_token_list(st, "script", &list, &err), 0);
	assert_int_equal(json_array_size(list), 2);
	assert_false(dumps_has(list, token + 4));
	json_decref(list);

	assert_int_equal(ts_token_find(st, token, &a, &err), 0);
	assert_string_equal(a.username, "script");
	assert_int_equal(a.roles, TS_ROLE_ANALYST);
	{
		char keep = token[10];
		token[10] = keep == 'x' ? 'y' : 'x';
		assert_int_equal(ts_token_find(st, token, &a, &err), -1);
		token[10] = keep;
	}
	assert_int_equal(err.code, TS_UNAUTHENTICATED);
	ts_error_clear(&err);

	/* only its owner revokes a token; a revoked token no longer works */
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_token_revoke(st, "boss", id, &err), -1);
	assert_int_equal(err.code, TS_NOT_FOUND);
	ts_error_clear(&err);
	assert_int_equal(ts_token_revoke(st, "script", json_string_value(json_object_get(info2, "id")), &err), 0);
	assert_int_equal(ts_token_revoke(st, "script", json_string_value(json_object_get(info2, "id")), &err), -1);
	ts_error_clear(&err);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_token_find(st, token2, &a, &err), -1);
	ts_error_clear(&err);
	assert_int_equal(ts_token_list(st, "script", &list, &err), 0);
	assert_int_equal(json_array_size(list), 1);
	json_decref(list);

	/* a disabled account's tokens stop working */
	assert_int_equal(ts_token_find(st, token, &a, &err), 0);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_account_set_disabled(st, "script", 1, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_token_find(st, token, &a, &err), -1);
	json_decref(info);
	json_decref(info2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_accounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_in_throttled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
	};
	return cmocka_run_group_tests_name("auth", tests, group_setup, NULL);
}
