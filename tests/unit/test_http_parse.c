/* Unit tests of the HTTP request pieces parsed without the server: the Cookie header
 * (ts_cookie_get, ts_cookie_getn).
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-http_parse
 */
#include "unit.h"

/* Runs ts_cookie_get on header for name with a buffer of size bytes; checks the result and
 * the value given. */
#define COOKIE(header, name, size, want_rc, want_value)                                    \
	do {                                                                                \
		char out_[256];                                                             \
		memset(out_, 'X', sizeof(out_));                                            \
		assert_int_equal(ts_cookie_get((header), (name), out_, (size)), (want_rc)); \
		assert_string_equal(out_, (want_value));                                    \
	} while (0)

static void test_cookie_simple(void **state)
{
	(void)state;
	COOKIE("a=b", "a", 64, 1, "b");
	COOKIE("a=b; c=d", "c", 64, 1, "d");
	COOKIE("a=b; c=d", "a", 64, 1, "b");
	COOKIE("a=b;c=d", "c", 64, 1, "d"); /* no space after ';' */
	COOKIE("a=b; c=d", "e", 64, 0, "");
	COOKIE("", "a", 64, 0, "");
	COOKIE(NULL, "a", 64, 0, "");
	/* a value may hold '=' */
	COOKIE("t=YWJj==; u=1", "t", 64, 1, "YWJj==");
	/* an empty value is found, and is empty */
	COOKIE("a=; b=2", "a", 64, 1, "");
	/* the session cookie as the server sets it */
	COOKIE("lang=ar; tansiq_session=Zm9vYmFyLWJhei0xMjM0NTY3ODkwLWFiY2RlZmdoaWo", "tansiq_session", 128, 1,
	       "Zm9vYmFyLWJhei0xMjM0NTY3ODkwLWFiY2RlZmdoaWo");
}

static void test_cookie_whitespace(void **state)
{
	(void)state;
	COOKIE("  a=b  ", "a", 64, 1, "b");
	COOKIE("x=1 ;  a = b ; c=d", "a", 64, 1, "b");
	COOKIE("x=1;\ta\t=\tb\t;c=d", "a", 64, 1, "b");
	COOKIE("a=   ", "a", 64, 1, "");
	/* a space inside a value is refused */
	COOKIE("a=b c", "a", 64, -1, "");
	/* whitespace inside the name: another name */
	COOKIE("a b=c", "a", 64, 0, "");
	COOKIE("a b=c", "b", 64, 0, "");
}

static void test_cookie_quoted(void **state)
{
	(void)state;
	COOKIE("c=\"d\"", "c", 64, 1, "d");
	COOKIE("a=b; c=\"d\"; e=f", "c", 64, 1, "d");
	COOKIE("c=\"\"", "c", 64, 1, "");
	COOKIE("c= \"d\" ", "c", 64, 1, "d");
	/* unbalanced or inner quotes */
	COOKIE("c=\"d", "c", 64, -1, "");
	COOKIE("c=d\"", "c", 64, -1, "");
	COOKIE("c=\"", "c", 64, -1, "");
	COOKIE("c=\"d\"e\"", "c", 64, -1, "");
	COOKIE("c=d\"e", "c", 64, -1, "");
	/* ';' ends the pair even inside quotes (cookie-octet excludes it) */
	COOKIE("c=\"d;e\"", "c", 64, -1, "");
	COOKIE("c=\"d;e\"; e=1", "e", 64, 1, "1");
}

static void test_cookie_names(void **state)
{
	(void)state;
	/* names are case-sensitive and compared whole */
	COOKIE("A=1; a=2", "a", 64, 1, "2");
	COOKIE("ab=1; a=2", "a", 64, 1, "2");
	COOKIE("a=1", "ab", 64, 0, "");
	COOKIE("xa=1; ax=2", "a", 64, 0, "");
	/* the first of duplicate names decides, even when it is refused */
	COOKIE("a=1; a=2", "a", 64, 1, "1");
	COOKIE("b=0; a=first; a=second", "a", 64, 1, "first");
	COOKIE("a=x y; a=2", "a", 64, -1, "");
	/* pairs without '=' are skipped; their text is not a name */
	COOKIE("a; b=2", "a", 64, 0, "");
	COOKIE("a; b=2", "b", 64, 1, "2");
	COOKIE(";;; ; b=2;;", "b", 64, 1, "2");
	/* ',' does not separate pairs */
	COOKIE("x=1, a=2", "a", 64, 0, "");
	COOKIE("x=1, a=2", "x", 64, -1, "");
	/* an empty name never matches */
	COOKIE("=1; a=2", "a", 64, 1, "2");
	/* the name asked for must be a token */
	COOKIE("a=1", "", 64, -1, "");
	COOKIE("a b=1", "a b", 64, -1, "");
	COOKIE("a;b=1", "a;b", 64, -1, "");
	COOKIE("a=b=1", "a=b", 64, -1, "");
	{
		char out[8] = "X";
		assert_int_equal(ts_cookie_get("a=1", NULL, out, sizeof(out)), -1);
		assert_string_equal(out, "");
	}
	/* legacy RFC 2965 attributes are just other names */
	COOKIE("$Version=1; a=\"v\"; $Path=\"/\"", "a", 64, 1, "v");
	COOKIE("$Version=1; a=\"v\"; $Path=\"/\"", "$Path", 64, 1, "/");
}

static void test_cookie_bytes(void **state)
{
	(void)state;
	/* every cookie-octet is accepted */
	COOKIE("a=!#$%&'()*+-./0123456789:<=>?@AZ[]^_`az{|}~", "a", 128, 1, "!#$%&'()*+-./0123456789:<=>?@AZ[]^_`az{|}~");
	/* controls, backslash, DEL and non-ASCII bytes are refused */
	COOKIE("a=b\\c", "a", 64, -1, "");
	COOKIE("a=b\rc", "a", 64, -1, "");
	COOKIE("a=b\nc", "a", 64, -1, "");
	COOKIE("a=b\x01", "a", 64, -1, "");
	COOKIE("a=b\x7f", "a", 64, -1, "");
	COOKIE("a=\xd9\x85", "a", 64, -1, "");
	/* but only in the cookie asked for */
	COOKIE("x=\xd9\x85\x01; a=ok", "a", 64, 1, "ok");
}

static void test_cookie_length(void **state)
{
	char big[300];

	(void)state;
	/* size counts the NUL: a 3-byte value needs 4 bytes */
	COOKIE("a=abc", "a", 4, 1, "abc");
	COOKIE("a=abc", "a", 3, -1, "");
	COOKIE("a=\"abc\"", "a", 4, 1, "abc");
	COOKIE("a=", "a", 1, 1, "");
	COOKIE("a=b", "a", 1, -1, "");
	{
		char out[4] = "XYZ";
		assert_int_equal(ts_cookie_get("a=b", "a", out, 0), -1);
		assert_string_equal(out, "XYZ"); /* nothing written */
		assert_int_equal(ts_cookie_get("a=b", "a", NULL, 8), -1);
	}
	/* a long value after a long header */
	memset(big, 'v', sizeof(big));
	memcpy(big, "x=", 2);
	big[200] = ';';
	memcpy(big + 201, " a=", 3);
	big[sizeof(big) - 1] = '\0';
	COOKIE(big, "a", 100, 1, big + 204);
	COOKIE(big, "a", 95, -1, "");
}

static void test_cookie_nul(void **state)
{
	char out[32];

	(void)state;
	/* a NUL ends a C string header */
	assert_int_equal(ts_cookie_get("a=1\0; b=2", "b", out, sizeof(out)), 0);
	/* with an explicit length, a NUL is neither whitespace nor part of a name or value */
	assert_int_equal(ts_cookie_getn("x=1; a\0x=2; b=3", 15, "a", out, sizeof(out)), 0);
	assert_int_equal(ts_cookie_getn("x=1; a\0x=2; b=3", 15, "b", out, sizeof(out)), 1);
	assert_string_equal(out, "3");
	assert_int_equal(ts_cookie_getn("a=1\0" "2; b=3", 10, "a", out, sizeof(out)), -1);
	assert_string_equal(out, "");
	assert_int_equal(ts_cookie_getn("\0a=1", 4, "a", out, sizeof(out)), 0);
	/* the length is honoured: nothing is read past it */
	assert_int_equal(ts_cookie_getn("a=12345", 4, "a", out, sizeof(out)), 1);
	assert_string_equal(out, "12");
	assert_int_equal(ts_cookie_getn("a=1", 0, "a", out, sizeof(out)), 0);
	assert_int_equal(ts_cookie_getn(NULL, 5, "a", out, sizeof(out)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cookie_simple),  cmocka_unit_test(test_cookie_whitespace),
		cmocka_unit_test(test_cookie_quoted),  cmocka_unit_test(test_cookie_names),
		cmocka_unit_test(test_cookie_bytes),   cmocka_unit_test(test_cookie_length),
		cmocka_unit_test(test_cookie_nul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
