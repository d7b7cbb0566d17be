/* Accounts, sign-in, sessions and API tokens. Passwords are hashed with Argon2id (libsodium's
 * crypto_pwhash_str) and never stored or logged in clear; session and API tokens are stored as
 * their BLAKE2b hash, so a copy of the database yields no credential. Every change to an account
 * or a token is written to the audit log (collections "accounts" and "api-tokens"). */
#ifndef TANSIQ_AUTH_H
#define TANSIQ_AUTH_H

#include <jansson.h>

#include "tansiq/access.h"
#include "tansiq/store.h"

#define TS_TOKEN_LEN 43   /* characters of a session token or CSRF token (256 bits, base64url) */
#define TS_SESSION_SECONDS (12 * 3600)
#define TS_API_TOKEN_PREFIX "tsq_"
#define TS_API_TOKEN_LEN (4 + TS_TOKEN_LEN) /* "tsq_" and 256 random bits */
#define TS_PASSWORD_MIN 12
#define TS_PASSWORD_MAX 1024

/* Sign-in throttling: after TS_LOGIN_MAX_FAILURES wrong passwords in a row an account is locked
 * for TS_LOGIN_LOCK_SECONDS (an administrator may unlock it sooner); an address that sends
 * TS_ADDRESS_MAX_FAILURES wrong sign-ins within TS_LOGIN_LOCK_SECONDS is refused for as long. */
#define TS_LOGIN_MAX_FAILURES 5
#define TS_ADDRESS_MAX_FAILURES 20
#define TS_LOGIN_LOCK_SECONDS (15 * 60)

/* Must be called once before any other function of the library that hashes or draws random
 * numbers (it initialises libsodium). Returns 0, or -1 when the system has no randomness. */
int ts_init(void);

/* Fills out with a random password of n characters (n >= 12) from an unambiguous alphabet,
 * NUL-terminated; out holds n+1 bytes. */
void ts_random_password(char *out, size_t n);
/* Fills out (n+1 bytes) with n random lowercase hex digits. */
void ts_random_hex(char *out, size_t n);

/* An account as read from the store (never its password hash). */
typedef struct ts_account {
	char username[64];
	unsigned roles;            /* TS_ROLE_* of access.h */
	char state[4];             /* a delegate's member state (ISO alpha-3), else "" */
	int disabled;
	int failed_logins;         /* wrong passwords since the last sign-in */
	long long locked_until;    /* Unix time; locked while in the future */
	char created[32];
	char last_login[32];       /* "" when never */
} ts_account;

/* The account as JSON: {username, roles: [...], state, disabled, locked_until, failed_logins,
 * created, last_login}. */
json_t *ts_account_json(const ts_account *a);
/* The viewer (access.h) an account reads and writes as. */
void ts_account_viewer(const ts_account *a, ts_viewer *v);

/* Creates an account. username: 2 to 63 of a-z 0-9 . _ - ; password: TS_PASSWORD_MIN to
 * TS_PASSWORD_MAX characters; roles: at least one; state: the ISO alpha-3 code of a member
 * state, required for a delegate and refused for the other roles. Fails with TS_DUPLICATE when the
 * name is taken, TS_INVALID_VALUE / TS_REQUIRED naming the field. Inside the caller's
 * transaction; audited. */
int ts_account_create(ts_store *st, const char *username, const char *password, unsigned roles,
		      const char *state, ts_error *err);
/* Reads one account; TS_NOT_FOUND when none. */
int ts_account_get(ts_store *st, const char *username, ts_account *a, ts_error *err);
/* Every account, by username: *out is a JSON array of ts_account_json(). */
int ts_account_list(ts_store *st, json_t **out, ts_error *err);
/* Sets a new password and ends the account's sessions. Inside the caller's transaction;
 * audited (without the password). */
int ts_account_set_password(ts_store *st, const char *username, const char *password, ts_error *err);
/* Sets the roles and the state (same rules as create). Inside the caller's transaction; audited. */
int ts_account_set_roles(ts_store *st, const char *username, unsigned roles, const char *state,
			 ts_error *err);
/* Disables (ending its sessions; its tokens stop working) or enables an account. Refuses to
 * disable the last enabled administrator. Inside the caller's transaction; audited. */
int ts_account_set_disabled(ts_store *st, const char *username, int disabled, ts_error *err);
/* Clears the failed sign-ins and the lock of an account. Inside the caller's transaction;
 * audited. */
int ts_account_unlock(ts_store *st, const char *username, ts_error *err);

/* Signs in with a password from an address, applying the throttling above, in transactions of
 * its own (a failure is counted even though the sign-in fails). On success fills a. Fails with
 * TS_BAD_CREDENTIALS (the same for an unknown name and a wrong password), TS_ACCOUNT_LOCKED
 * (saying until when), TS_TOO_MANY_ATTEMPTS (the address) or TS_ACCOUNT_DISABLED. */
int ts_sign_in(ts_store *st, const char *username, const char *password, const char *address,
	       ts_account *a, ts_error *err);

/* A signed-in session. */
typedef struct ts_session {
	ts_account account;
	char csrf[TS_TOKEN_LEN + 1];
	long long expires;
} ts_session;

/* Opens a session for a signed-in account; token_out (TS_TOKEN_LEN+1 bytes) receives the secret
 * for the cookie, s the session. Inside the caller's transaction. */
int ts_session_create(ts_store *st, const ts_account *a, char *token_out, ts_session *s, ts_error *err);
/* Finds the live session of a token and its (enabled) account; TS_UNAUTHENTICATED when none or
 * expired. */
int ts_session_find(ts_store *st, const char *token, ts_session *s, ts_error *err);
/* Ends the session of a token (nothing when none). */
int ts_session_end(ts_store *st, const char *token, ts_error *err);

/* Creates an API token named `name` (1 to 100 characters) for an account. token_out
 * (TS_API_TOKEN_LEN+1 bytes) receives the secret, which is never stored and cannot be shown
 * again; *info the token's description {id, name, created, last_used}. Inside the caller's
 * transaction; audited. */
int ts_token_create(ts_store *st, const char *username, const char *name, char *token_out, json_t **info,
		    ts_error *err);
/* The live tokens of an account, newest first: a JSON array of {id, name, created, last_used}. */
int ts_token_list(ts_store *st, const char *username, json_t **out, ts_error *err);
/* Revokes a token of an account; TS_NOT_FOUND when the account has no live token of that id.
 * Inside the caller's transaction; audited. */
int ts_token_revoke(ts_store *st, const char *username, const char *id, ts_error *err);
/* Finds the enabled account of a live token and notes its use (at most once a minute);
 * TS_UNAUTHENTICATED when the token is unknown, revoked or its account disabled. */
int ts_token_find(ts_store *st, const char *token, ts_account *a, ts_error *err);

#endif
