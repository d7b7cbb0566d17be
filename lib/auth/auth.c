/* Accounts and sessions. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "tansiq/auth.h"

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

/* Tokens are stored as the hex of their BLAKE2b hash: a stolen database yields no session. */
static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int ts_account_create(ts_store *st, const char *username, const char *password, const char *role, ts_error *err)
{
	char hash[crypto_pwhash_STRBYTES], now[32];
	time_t t = time(NULL);
	size_t n = strlen(username);
	ts_value p[4];

	if (n < 2 || n > 63 || strspn(username, "abcdefghijklmnopqrstuvwxyz0123456789._-") != n)
		return ts_fail(err, TS_INVALID_VALUE, "username",
			       "username '%.40s' must be 2 to 63 lowercase letters, digits, '.', '_' or '-'", username);
	if (strlen(password) < 12)
		return ts_fail(err, TS_INVALID_VALUE, "password", "a password needs at least 12 characters");
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory while hashing the password");
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	p[0] = (ts_value){TS_V_TEXT, 0, username};
	p[1] = (ts_value){TS_V_TEXT, 0, hash};
	p[2] = (ts_value){TS_V_TEXT, 0, role};
	p[3] = (ts_value){TS_V_TEXT, 0, now};
	if (ts_store_exec(st, "INSERT INTO \"accounts\" (\"username\", \"password_hash\", \"role\", \"created\") "
			  "VALUES (?, ?, ?, ?)", p, 4, NULL, NULL, NULL, err)) {
		if (err->code == TS_DUPLICATE) {
			ts_error_clear(err);
			return ts_fail(err, TS_DUPLICATE, "username", "an account named '%s' already exists", username);
		}
		return -1;
	}
	return 0;
}

struct account_row {
	char hash[crypto_pwhash_STRBYTES];
	char role[32];
	int found, disabled;
};

static int account_row(void *ctx, const ts_value *c, int n)
{
	struct account_row *a = ctx;

	if (n == 3 && c[0].type == TS_V_TEXT && c[1].type == TS_V_TEXT) {
		snprintf(a->hash, sizeof(a->hash), "%s", c[0].s);
		snprintf(a->role, sizeof(a->role), "%s", c[1].s);
		a->disabled = c[2].type == TS_V_INT && c[2].i != 0;
		a->found = 1;
	}
	return 1;
}

int ts_account_verify(ts_store *st, const char *username, const char *password, char *role_out, ts_error *err)
{
	struct account_row a = {0};
	ts_value p = {TS_V_TEXT, 0, username};

	if (ts_store_exec(st, "SELECT \"password_hash\", \"role\", \"disabled\" FROM \"accounts\" WHERE \"username\" = ?",
			  &p, 1, account_row, &a, NULL, err))
		return -1;
	if (!a.found || a.disabled ||
	    crypto_pwhash_str_verify(a.hash, password, strlen(password)) != 0)
		return ts_fail(err, TS_BAD_CREDENTIALS, "password", "sign-in refused for '%.40s'", username);
	snprintf(role_out, 32, "%s", a.role);
	return 0;
}

int ts_session_create(ts_store *st, const char *username, const char *role, char *token_out, ts_session *s,
		      ts_error *err)
{
	char hash[65];
	ts_value p[4];

	memset(s, 0, sizeof(*s));
	random_token(token_out);
	random_token(s->csrf);
	snprintf(s->username, sizeof(s->username), "%s", username);
	snprintf(s->role, sizeof(s->role), "%s", role);
	s->expires = (long long)time(NULL) + TS_SESSION_SECONDS;
	token_hash(token_out, hash);
	p[0] = (ts_value){TS_V_TEXT, 0, hash};
	p[1] = (ts_value){TS_V_TEXT, 0, username};
	p[2] = (ts_value){TS_V_TEXT, 0, s->csrf};
	p[3] = (ts_value){TS_V_INT, s->expires, NULL};
	return ts_store_exec(st, "INSERT INTO \"sessions\" (\"token_hash\", \"username\", \"csrf\", \"expires\") "
			     "VALUES (?, ?, ?, ?)", p, 4, NULL, NULL, NULL, err);
}

static int session_row(void *ctx, const ts_value *c, int n)
{
	ts_session *s = ctx;

	if (n == 4 && c[0].type == TS_V_TEXT && c[1].type == TS_V_TEXT && c[2].type == TS_V_TEXT) {
		snprintf(s->username, sizeof(s->username), "%s", c[0].s);
		snprintf(s->role, sizeof(s->role), "%s", c[1].s);
		snprintf(s->csrf, sizeof(s->csrf), "%s", c[2].s);
		s->expires = c[3].i;
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
	p[0] = (ts_value){TS_V_TEXT, 0, hash};
	p[1] = (ts_value){TS_V_INT, (long long)time(NULL), NULL};
	if (ts_store_exec(st, "SELECT s.\"username\", a.\"role\", s.\"csrf\", s.\"expires\" FROM \"sessions\" s "
			  "JOIN \"accounts\" a ON a.\"username\" = s.\"username\" "
			  "WHERE s.\"token_hash\" = ? AND s.\"expires\" > ? AND a.\"disabled\" = 0",
			  p, 2, session_row, s, NULL, err))
		return -1;
	if (!s->username[0])
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
	p = (ts_value){TS_V_TEXT, 0, hash};
	return ts_store_exec(st, "DELETE FROM \"sessions\" WHERE \"token_hash\" = ?", &p, 1, NULL, NULL, NULL, err);
}
