/* Accounts, sign-in with throttling, sessions and API tokens. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "tansiq/audit.h"
#include "tansiq/auth.h"
#include "tansiq/clock.h"
#include "tansiq/schema.h"

int ts_init(void) { return sodium_init() < 0 ? -1 : 0; }

void ts_random_password(char *out, size_t n)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[n] = '\0';
}

void ts_random_hex(char *out, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++)
		out[i] = hex[randombytes_uniform(16)];
	out[n] = '\0';
}

static void random_token(char out[TS_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TS_TOKEN_LEN + 1, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Tokens are stored as the hex of their BLAKE2b hash: a stolen database yields no credential. */
static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int exec(ts_store *st, const char *sql, const ts_value *p, int n, ts_row_fn fn, void *ctx, long *changes,
		ts_error *err)
{
	return ts_store_exec(st, sql, p, n, fn, ctx, changes, err);
}

#define TEXT(s) ((ts_value){TS_V_TEXT, 0, (s)})
#define INT(i) ((ts_value){TS_V_INT, (i), NULL})

/* ---- accounts ---- */

#define ACCOUNT_COLUMNS "\"username\", \"role\", \"state\", \"disabled\", \"failed_logins\", \"locked_until\", " \
			"\"created\", \"last_login\""

static void account_from(ts_account *a, const ts_value *c)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", c[0].type == TS_V_TEXT ? c[0].s : "");
	if (c[1].type != TS_V_TEXT || ts_roles_parse(c[1].s, &a->roles, NULL))
		a->roles = 0; /* an unreadable role grants nothing */
	if (c[2].type == TS_V_TEXT)
		snprintf(a->state, sizeof(a->state), "%s", c[2].s);
	a->disabled = c[3].type == TS_V_INT && c[3].i != 0;
	a->failed_logins = c[4].type == TS_V_INT ? (int)c[4].i : 0;
	a->locked_until = c[5].type == TS_V_INT ? c[5].i : 0;
	if (c[6].type == TS_V_TEXT)
		snprintf(a->created, sizeof(a->created), "%s", c[6].s);
	if (c[7].type == TS_V_TEXT)
		snprintf(a->last_login, sizeof(a->last_login), "%s", c[7].s);
}

static int account_row(void *ctx, const ts_value *c, int n)
{
	if (n >= 8)
		account_from(ctx, c);
	return 1;
}

/* An account's columns followed by up to two text columns (a password hash, a token's id and
 * last use). */
struct account_plus {
	ts_account a;
	char extra[2][crypto_pwhash_STRBYTES];
};

static int account_plus_row(void *ctx, const ts_value *c, int n)
{
	struct account_plus *r = ctx;

	if (n < 8)
		return 1;
	account_from(&r->a, c);
	for (int i = 8; i < n && i < 10; i++)
		snprintf(r->extra[i - 8], sizeof(r->extra[0]), "%s", c[i].type == TS_V_TEXT ? c[i].s : "");
	return 1;
}

json_t *ts_account_json(const ts_account *a)
{
	json_t *roles = ts_roles_json(a->roles);
	char locked[32];

	if (a->locked_until > (long long)time(NULL))
		ts_utc((time_t)a->locked_until, 0, locked, sizeof(locked));
	return json_pack("{s:s, s:o, s:s?, s:b, s:s?, s:i, s:s, s:s?}", "username", a->username, "roles", roles, "state",
			 a->state[0] ? a->state : NULL, "disabled", a->disabled, "locked_until",
			 a->locked_until > (long long)time(NULL) ? locked : NULL, "failed_logins", a->failed_logins,
			 "created", a->created, "last_login", a->last_login[0] ? a->last_login : NULL);
}

void ts_account_viewer(const ts_account *a, ts_viewer *v)
{
	memset(v, 0, sizeof(*v));
	v->roles = a->roles;
	snprintf(v->username, sizeof(v->username), "%s", a->username);
	snprintf(v->state, sizeof(v->state), "%s", a->state);
}

int ts_account_get(ts_store *st, const char *username, ts_account *a, ts_error *err)
{
	ts_value p = TEXT(username);

	memset(a, 0, sizeof(*a));
	if (exec(st, "SELECT " ACCOUNT_COLUMNS " FROM \"accounts\" WHERE \"username\" = ?", &p, 1, account_row, a, NULL,
		 err))
		return -1;
	if (!a->username[0])
		return ts_fail(err, TS_NOT_FOUND, "username", "no account named '%.63s' (see tansiq user list)", username);
	return 0;
}

static int list_row(void *ctx, const ts_value *c, int n)
{
	ts_account a;

	if (n < 8)
		return 1;
	account_from(&a, c);
	json_array_append_new(ctx, ts_account_json(&a));
	return 0;
}

int ts_account_list(ts_store *st, json_t **out, ts_error *err)
{
	*out = json_array();
	if (exec(st, "SELECT " ACCOUNT_COLUMNS " FROM \"accounts\" ORDER BY \"username\"", NULL, 0, list_row, *out, NULL,
		 err)) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int password_check(const char *password, ts_error *err)
{
	size_t n = strlen(password);

	if (n < TS_PASSWORD_MIN)
		return ts_fail(err, TS_INVALID_VALUE, "password", "a password needs at least %d characters; this one has %zu",
			       TS_PASSWORD_MIN, n);
	if (n > TS_PASSWORD_MAX)
		return ts_fail(err, TS_INVALID_VALUE, "password", "a password has at most %d characters", TS_PASSWORD_MAX);
	return 0;
}

static int found_row(void *ctx, const ts_value *c, int n)
{
	(void)c;
	(void)n;
	*(int *)ctx = 1;
	return 1;
}

/* A delegate is bound to one member state (a member or a suspended member); no other role is. */
static int roles_check(ts_store *st, unsigned roles, const char *state, ts_error *err)
{
	int found = 0;
	ts_value p;

	if (!roles)
		return ts_fail(err, TS_REQUIRED, "roles",
			       "an account needs at least one role: delegate, mediator, analyst, secretariat or admin");
	if (!(roles & TS_ROLE_DELEGATE)) {
		if (state && *state)
			return ts_fail(err, TS_INVALID_VALUE, "state", "only a delegate is bound to a state; give no state or add the role delegate");
		return 0;
	}
	if (!state || !*state)
		return ts_fail(err, TS_REQUIRED, "state", "a delegate is bound to one member state: give its ISO alpha-3 code, e.g. MAR");
	p = TEXT(state);
	if (exec(st, "SELECT 1 FROM \"states\" WHERE \"id\" = ? AND \"status\" IN ('member', 'suspended')", &p, 1,
		 found_row, &found, NULL, err))
		return -1;
	if (!found)
		return ts_fail(err, TS_UNKNOWN_REFERENCE, "state", "'%.10s' is not the ISO alpha-3 code of a member state (see tansiq list states)",
			       state);
	return 0;
}

static int audit_account(ts_store *st, const char *action, const ts_account *before, const char *username,
			 const char *note, ts_error *err)
{
	ts_account after;
	json_t *b = before ? ts_account_json(before) : NULL, *a;
	int rc;

	if (ts_account_get(st, username, &after, err)) {
		json_decref(b);
		return -1;
	}
	a = ts_account_json(&after);
	json_object_del(a, "locked_until"); /* time-dependent views, not state */
	if (b)
		json_object_del(b, "locked_until");
	json_object_set_new(a, "locked", json_boolean(after.locked_until > (long long)time(NULL)));
	if (b)
		json_object_set_new(b, "locked", json_boolean(before->locked_until > (long long)time(NULL)));
	if (note)
		json_object_set_new(a, "note", json_string(note));
	rc = ts_audit_append(st, action, "accounts", username, b, a, err);
	json_decref(a);
	json_decref(b);
	return rc;
}

int ts_account_create(ts_store *st, const char *username, const char *password, unsigned roles, const char *state,
		      ts_error *err)
{
	char hash[crypto_pwhash_STRBYTES], now[32], names[96];
	ts_value p[5];

	if (!ts_username_valid(username))
		return ts_fail(err, TS_INVALID_VALUE, "username",
			       "username '%.40s' must be 2 to 63 lowercase letters, digits, '.', '_' or '-'", username);
	if (password_check(password, err) || roles_check(st, roles, state, err))
		return -1;
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory while hashing the password");
	ts_utc(time(NULL), 0, now, sizeof(now));
	ts_roles_format(roles, names, sizeof(names));
	p[0] = TEXT(username);
	p[1] = TEXT(hash);
	p[2] = TEXT(names);
	p[3] = TEXT(now);
	p[4] = (roles & TS_ROLE_DELEGATE) ? TEXT(state) : (ts_value){TS_V_NULL, 0, NULL};
	if (exec(st, "INSERT INTO \"accounts\" (\"username\", \"password_hash\", \"role\", \"created\", \"state\") "
		     "VALUES (?, ?, ?, ?, ?)", p, 5, NULL, NULL, NULL, err)) {
		if (err->code == TS_DUPLICATE) {
			ts_error_clear(err);
			return ts_fail(err, TS_DUPLICATE, "username", "an account named '%s' already exists", username);
		}
		return -1;
	}
	return audit_account(st, "create", NULL, username, NULL, err);
}

/* Runs an UPDATE of one account (the last parameter is the username) and audits it. */
static int account_change(ts_store *st, const char *username, const char *sql, ts_value *p, int n,
			  const char *note, ts_error *err)
{
	ts_account before;

	if (ts_account_get(st, username, &before, err) || exec(st, sql, p, n, NULL, NULL, NULL, err))
		return -1;
	return audit_account(st, "update", &before, username, note, err);
}

static int end_sessions(ts_store *st, const char *username, ts_error *err)
{
	ts_value p = TEXT(username);

	return exec(st, "DELETE FROM \"sessions\" WHERE \"username\" = ?", &p, 1, NULL, NULL, NULL, err);
}

int ts_account_set_password(ts_store *st, const char *username, const char *password, ts_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	ts_value p[2];

	if (password_check(password, err))
		return -1;
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory while hashing the password");
	p[0] = TEXT(hash);
	p[1] = TEXT(username);
	if (account_change(st, username, "UPDATE \"accounts\" SET \"password_hash\" = ?, \"failed_logins\" = 0, "
			   "\"locked_until\" = 0 WHERE \"username\" = ?", p, 2, "password changed", err))
		return -1;
	return end_sessions(st, username, err);
}

/* Refuses (naming field) to take the last enabled administrator away. */
static int keep_an_admin(ts_store *st, const char *username, const char *field, ts_error *err)
{
	int others = 0;
	ts_value q = TEXT(username);

	if (exec(st, "SELECT 1 FROM \"accounts\" WHERE \"username\" <> ? AND \"disabled\" = 0 AND "
		     "(',' || \"role\" || ',') LIKE '%,admin,%'", &q, 1, found_row, &others, NULL, err))
		return -1;
	if (!others)
		return ts_fail(err, TS_FORBIDDEN, field, "'%s' is the last enabled administrator; make another one first",
			       username);
	return 0;
}

int ts_account_set_roles(ts_store *st, const char *username, unsigned roles, const char *state, ts_error *err)
{
	char names[96];
	ts_account a;
	ts_value p[3];

	if (ts_account_get(st, username, &a, err) || roles_check(st, roles, state, err))
		return -1;
	if ((a.roles & TS_ROLE_ADMIN) && !(roles & TS_ROLE_ADMIN) && !a.disabled && keep_an_admin(st, username, "roles", err))
		return -1;
	ts_roles_format(roles, names, sizeof(names));
	p[0] = TEXT(names);
	p[1] = (roles & TS_ROLE_DELEGATE) ? TEXT(state) : (ts_value){TS_V_NULL, 0, NULL};
	p[2] = TEXT(username);
	return account_change(st, username, "UPDATE \"accounts\" SET \"role\" = ?, \"state\" = ? WHERE \"username\" = ?", p,
			      3, NULL, err);
}

int ts_account_set_disabled(ts_store *st, const char *username, int disabled, ts_error *err)
{
	ts_account a;
	ts_value p[2] = {INT(disabled ? 1 : 0), TEXT(username)};

	if (ts_account_get(st, username, &a, err))
		return -1;
	if (disabled && (a.roles & TS_ROLE_ADMIN) && !a.disabled && keep_an_admin(st, username, "disabled", err))
		return -1;
	if (account_change(st, username, "UPDATE \"accounts\" SET \"disabled\" = ? WHERE \"username\" = ?", p, 2, NULL, err))
		return -1;
	return disabled ? end_sessions(st, username, err) : 0;
}

int ts_account_unlock(ts_store *st, const char *username, ts_error *err)
{
	ts_value p = TEXT(username);

	return account_change(st, username, "UPDATE \"accounts\" SET \"failed_logins\" = 0, \"locked_until\" = 0 "
			      "WHERE \"username\" = ?", &p, 1, "unlocked", err);
}

/* ---- sign-in ---- */

struct throttle {
	long long failures, window_start, locked_until;
};

static int throttle_row(void *ctx, const ts_value *c, int n)
{
	struct throttle *t = ctx;

	if (n == 3) {
		t->failures = c[0].i;
		t->window_start = c[1].i;
		t->locked_until = c[2].i;
	}
	return 1;
}

/* Counts a wrong password against the account (when it exists) and the address, in a
 * transaction of its own. Returns the time the account is now locked until (0 if not). */
static long long count_failure(ts_store *st, const char *username, int account_exists, const char *address,
			       long long now, ts_error *err)
{
	struct throttle t = {0, 0, 0};
	ts_value p[4];
	long long locked = 0;

	if (ts_store_begin(st, err))
		return -1;
	if (account_exists) {
		ts_account a;
		if (ts_account_get(st, username, &a, err))
			goto fail;
		if (a.failed_logins + 1 >= TS_LOGIN_MAX_FAILURES)
			locked = now + TS_LOGIN_LOCK_SECONDS;
		p[0] = INT(locked ? 0 : a.failed_logins + 1);
		p[1] = INT(locked ? locked : a.locked_until);
		p[2] = TEXT(username);
		if (exec(st, "UPDATE \"accounts\" SET \"failed_logins\" = ?, \"locked_until\" = ? WHERE \"username\" = ?", p,
			 3, NULL, NULL, NULL, err))
			goto fail;
		/* the lock is a change of the account: the administrators see it in the audit log */
		if (locked && audit_account(st, "update", &a, username, "locked after repeated wrong passwords", err))
			goto fail;
	}
	p[0] = TEXT(address);
	if (exec(st, "SELECT \"failures\", \"window_start\", \"locked_until\" FROM \"login_failures\" WHERE \"address\" = ?",
		 p, 1, throttle_row, &t, NULL, err))
		goto fail;
	if (t.window_start + TS_LOGIN_LOCK_SECONDS <= now) {
		t.failures = 0;
		t.window_start = now;
	}
	t.failures++;
	if (t.failures >= TS_ADDRESS_MAX_FAILURES)
		t.locked_until = now + TS_LOGIN_LOCK_SECONDS;
	p[0] = TEXT(address);
	p[1] = INT(t.failures);
	p[2] = INT(t.window_start);
	p[3] = INT(t.locked_until);
	if (exec(st, "INSERT INTO \"login_failures\" (\"address\", \"failures\", \"window_start\", \"locked_until\") "
		     "VALUES (?, ?, ?, ?) ON CONFLICT (\"address\") DO UPDATE SET \"failures\" = excluded.\"failures\", "
		     "\"window_start\" = excluded.\"window_start\", \"locked_until\" = excluded.\"locked_until\"",
		 p, 4, NULL, NULL, NULL, err) ||
	    ts_store_commit(st, err))
		goto fail;
	return locked;
fail:
	ts_store_rollback(st);
	return -1;
}

/* A hash to verify against when the name is unknown, so that the answer takes as long. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[21];

	ts_random_password(pw, 20);
	if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		dummy_hash[0] = '\0';
}

int ts_sign_in(ts_store *st, const char *username, const char *password, const char *address, ts_account *a,
	       ts_error *err)
{
	long long now = (long long)time(NULL);
	struct throttle t = {0, 0, 0};
	struct account_plus r;
	ts_value p = TEXT(address);
	char until[32];
	int known;

	memset(a, 0, sizeof(*a));
	memset(&r, 0, sizeof(r));
	if (exec(st, "SELECT \"failures\", \"window_start\", \"locked_until\" FROM \"login_failures\" WHERE \"address\" = ?",
		 &p, 1, throttle_row, &t, NULL, err))
		return -1;
	if (t.locked_until > now) {
		ts_utc((time_t)t.locked_until, 0, until, sizeof(until));
		return ts_fail(err, TS_TOO_MANY_ATTEMPTS, NULL,
			       "too many wrong sign-ins from %.60s; sign-in from this address is refused until %s", address, until);
	}
	p = TEXT(username);
	if (ts_username_valid(username) &&
	    exec(st, "SELECT " ACCOUNT_COLUMNS ", \"password_hash\" FROM \"accounts\" WHERE \"username\" = ?", &p, 1,
		 account_plus_row, &r, NULL, err))
		return -1;
	known = r.a.username[0] != '\0';
	if (known && r.a.locked_until > now) {
		ts_utc((time_t)r.a.locked_until, 0, until, sizeof(until));
		return ts_fail(err, TS_ACCOUNT_LOCKED, "username",
			       "account '%s' is locked after %d wrong passwords until %s", username, TS_LOGIN_MAX_FAILURES, until);
	}
	/* the same work for an unknown name as for a wrong password */
	pthread_once(&dummy_once, make_dummy);
	if (crypto_pwhash_str_verify(known ? r.extra[0] : dummy_hash, password, strlen(password)) != 0 || !known) {
		long long locked = count_failure(st, username, known, address, now, err);
		if (locked < 0)
			return -1;
		if (locked > 0) {
			ts_utc((time_t)locked, 0, until, sizeof(until));
			return ts_fail(err, TS_ACCOUNT_LOCKED, "username",
				       "wrong password; account '%s' is now locked after %d wrong passwords until %s", username,
				       TS_LOGIN_MAX_FAILURES, until);
		}
		return ts_fail(err, TS_BAD_CREDENTIALS, "password", "sign-in refused for '%.40s'", username);
	}
	if (r.a.disabled)
		return ts_fail(err, TS_ACCOUNT_DISABLED, "username", "account '%s' is disabled", username);
	{
		ts_value q[2] = {TEXT(until), TEXT(username)};
		ts_utc((time_t)now, 0, until, sizeof(until));
		if (exec(st, "UPDATE \"accounts\" SET \"failed_logins\" = 0, \"last_login\" = ? WHERE \"username\" = ?", q, 2,
			 NULL, NULL, NULL, err))
			return -1;
		snprintf(r.a.last_login, sizeof(r.a.last_login), "%s", until);
		r.a.failed_logins = 0;
	}
	*a = r.a;
	return 0;
}

/* ---- sessions ---- */

int ts_session_create(ts_store *st, const ts_account *a, char *token_out, ts_session *s, ts_error *err)
{
	char hash[65];
	ts_value p[4];

	memset(s, 0, sizeof(*s));
	random_token(token_out);
	random_token(s->csrf);
	s->account = *a;
	s->expires = (long long)time(NULL) + TS_SESSION_SECONDS;
	token_hash(token_out, hash);
	p[0] = TEXT(hash);
	p[1] = TEXT(a->username);
	p[2] = TEXT(s->csrf);
	p[3] = INT(s->expires);
	return exec(st, "INSERT INTO \"sessions\" (\"token_hash\", \"username\", \"csrf\", \"expires\") VALUES (?, ?, ?, ?)",
		    p, 4, NULL, NULL, NULL, err);
}

static int session_row(void *ctx, const ts_value *c, int n)
{
	ts_session *s = ctx;

	if (n == 10 && c[8].type == TS_V_TEXT) {
		account_from(&s->account, c);
		snprintf(s->csrf, sizeof(s->csrf), "%s", c[8].s);
		s->expires = c[9].i;
	}
	return 1;
}

int ts_session_find(ts_store *st, const char *token, ts_session *s, ts_error *err)
{
	char hash[65];
	ts_value p[2];

	memset(s, 0, sizeof(*s));
	if (!token || strlen(token) != TS_TOKEN_LEN)
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "no session; sign in");
	token_hash(token, hash);
	p[0] = TEXT(hash);
	p[1] = INT((long long)time(NULL));
	if (exec(st, "SELECT a.\"username\", a.\"role\", a.\"state\", a.\"disabled\", a.\"failed_logins\", a.\"locked_until\", "
		     "a.\"created\", a.\"last_login\", s.\"csrf\", s.\"expires\" FROM \"sessions\" s "
		     "JOIN \"accounts\" a ON a.\"username\" = s.\"username\" "
		     "WHERE s.\"token_hash\" = ? AND s.\"expires\" > ? AND a.\"disabled\" = 0",
		 p, 2, session_row, s, NULL, err))
		return -1;
	if (!s->account.username[0])
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "the session has expired or ended; sign in again");
	return 0;
}

int ts_session_end(ts_store *st, const char *token, ts_error *err)
{
	char hash[65];
	ts_value p;

	if (!token)
		return 0;
	token_hash(token, hash);
	p = TEXT(hash);
	return exec(st, "DELETE FROM \"sessions\" WHERE \"token_hash\" = ?", &p, 1, NULL, NULL, NULL, err);
}

/* ---- API tokens ---- */

static int token_info_row(void *ctx, const ts_value *c, int n)
{
	if (n == 4)
		json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s?}", "id", c[0].s, "name", c[1].s, "created", c[2].s,
						     "last_used", c[3].type == TS_V_TEXT ? c[3].s : NULL));
	return 0;
}

int ts_token_create(ts_store *st, const char *username, const char *name, char *token_out, json_t **info,
		    ts_error *err)
{
	char secret[TS_TOKEN_LEN + 1], hash[65], id[13], now[32];
	ts_value p[5];
	ts_account a;
	size_t n = name ? strlen(name) : 0;

	*info = NULL;
	if (n < 1 || n > 100)
		return ts_fail(err, n ? TS_INVALID_VALUE : TS_REQUIRED, "name",
			       "a token needs a name of 1 to 100 characters that says what uses it, e.g. \"nightly export\"");
	if (ts_account_get(st, username, &a, err))
		return -1;
	random_token(secret);
	snprintf(token_out, TS_API_TOKEN_LEN + 1, TS_API_TOKEN_PREFIX "%s", secret);
	token_hash(token_out, hash);
	ts_random_hex(id, 12);
	ts_utc(time(NULL), 0, now, sizeof(now));
	p[0] = TEXT(id);
	p[1] = TEXT(hash);
	p[2] = TEXT(username);
	p[3] = TEXT(name);
	p[4] = TEXT(now);
	if (exec(st, "INSERT INTO \"api_tokens\" (\"id\", \"token_hash\", \"username\", \"name\", \"created\") "
		     "VALUES (?, ?, ?, ?, ?)", p, 5, NULL, NULL, NULL, err))
		return -1;
	*info = json_pack("{s:s, s:s, s:s, s:n}", "id", id, "name", name, "created", now, "last_used");
	{
		json_t *audited = json_pack("{s:s, s:s, s:s}", "id", id, "name", name, "account", username);
		int rc = ts_audit_append(st, "create", "api-tokens", id, NULL, audited, err);
		json_decref(audited);
		if (rc) {
			json_decref(*info);
			*info = NULL;
			return -1;
		}
	}
	return 0;
}

int ts_token_list(ts_store *st, const char *username, json_t **out, ts_error *err)
{
	ts_value p = TEXT(username);

	*out = json_array();
	if (exec(st, "SELECT \"id\", \"name\", \"created\", \"last_used\" FROM \"api_tokens\" WHERE \"username\" = ? "
		     "AND \"revoked\" IS NULL ORDER BY \"created\" DESC, \"id\"", &p, 1, token_info_row, *out, NULL, err)) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int ts_token_revoke(ts_store *st, const char *username, const char *id, ts_error *err)
{
	char now[32];
	ts_value p[3];
	long changes = 0;
	json_t *before;
	int rc;

	ts_utc(time(NULL), 0, now, sizeof(now));
	p[0] = TEXT(now);
	p[1] = TEXT(id);
	p[2] = TEXT(username);
	if (exec(st, "UPDATE \"api_tokens\" SET \"revoked\" = ? WHERE \"id\" = ? AND \"username\" = ? AND \"revoked\" IS NULL",
		 p, 3, NULL, NULL, &changes, err))
		return -1;
	if (changes == 0)
		return ts_fail(err, TS_NOT_FOUND, "id", "account '%s' has no live token '%.20s'", username, id);
	before = json_pack("{s:s, s:s}", "id", id, "account", username);
	rc = ts_audit_append(st, "delete", "api-tokens", id, before, NULL, err);
	json_decref(before);
	return rc;
}

int ts_token_find(ts_store *st, const char *token, ts_account *a, ts_error *err)
{
	char hash[65], now[32], minute_ago[32];
	struct account_plus r;
	ts_value p[2];
	long long t = (long long)time(NULL);

	memset(a, 0, sizeof(*a));
	memset(&r, 0, sizeof(r));
	if (!token || strlen(token) != TS_API_TOKEN_LEN || strncmp(token, TS_API_TOKEN_PREFIX, 4))
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "the bearer token is not a Tansiq API token (tsq_...)");
	token_hash(token, hash);
	p[0] = TEXT(hash);
	if (exec(st, "SELECT a.\"username\", a.\"role\", a.\"state\", a.\"disabled\", a.\"failed_logins\", a.\"locked_until\", "
		     "a.\"created\", a.\"last_login\", t.\"id\", t.\"last_used\" FROM \"api_tokens\" t "
		     "JOIN \"accounts\" a ON a.\"username\" = t.\"username\" "
		     "WHERE t.\"token_hash\" = ? AND t.\"revoked\" IS NULL AND a.\"disabled\" = 0",
		 p, 1, account_plus_row, &r, NULL, err))
		return -1;
	if (!r.a.username[0])
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "the API token is unknown or revoked, or its account is disabled");
	*a = r.a;
	/* the last use, to the minute: a write only when it moves, not on every request */
	ts_utc((time_t)(t - 60), 0, minute_ago, sizeof(minute_ago));
	if (r.extra[1][0] && strcmp(r.extra[1], minute_ago) >= 0)
		return 0;
	ts_utc((time_t)t, 0, now, sizeof(now));
	p[0] = TEXT(now);
	p[1] = TEXT(r.extra[0]);
	return exec(st, "UPDATE \"api_tokens\" SET \"last_used\" = ? WHERE \"id\" = ?", p, 2, NULL, NULL, NULL, err);
}
