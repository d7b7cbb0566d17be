/* Accounts and sign-in sessions. Passwords are hashed with Argon2id (libsodium's
 * crypto_pwhash_str) and never stored or logged in clear; session tokens are stored hashed. */
#ifndef TANSIQ_AUTH_H
#define TANSIQ_AUTH_H

#include "tansiq/store.h"

#define TS_TOKEN_LEN 43   /* characters of a session token or CSRF token (256 bits, base64url) */
#define TS_SESSION_SECONDS (12 * 3600)

/* Must be called once before any other function of the library that hashes or draws random
 * numbers (it initialises libsodium). Returns 0, or -1 when the system has no randomness. */
int ts_init(void);

/* Fills out with a random password of n characters (n >= 12) from an unambiguous alphabet,
 * NUL-terminated; out holds n+1 bytes. */
void ts_random_password(char *out, size_t n);
/* Fills out (n+1 bytes) with n random lowercase hex digits. */
void ts_random_hex(char *out, size_t n);

/* Creates an account with role `role` ("admin"). Fails with TS_DUPLICATE if the name is taken.
 * Runs inside the caller's transaction. */
int ts_account_create(ts_store *st, const char *username, const char *password, const char *role,
		      ts_error *err);
/* Checks a username and password. On success writes the role to role_out (32 bytes). Fails
 * with TS_BAD_CREDENTIALS, the same for an unknown user and a wrong password. */
int ts_account_verify(ts_store *st, const char *username, const char *password, char *role_out,
		      ts_error *err);

/* A signed-in session. */
typedef struct ts_session {
	char username[64];
	char role[32];
	char csrf[TS_TOKEN_LEN + 1];
	long long expires;
} ts_session;

/* Opens a session for a verified user; token_out (TS_TOKEN_LEN+1 bytes) receives the secret for
 * the cookie, s the session. Inside the caller's transaction. */
int ts_session_create(ts_store *st, const char *username, const char *role, char *token_out,
		      ts_session *s, ts_error *err);
/* Finds the live session of a token; TS_UNAUTHENTICATED when none or expired. */
int ts_session_find(ts_store *st, const char *token, ts_session *s, ts_error *err);
/* Ends the session of a token (nothing when none). */
int ts_session_end(ts_store *st, const char *token, ts_error *err);

#endif
