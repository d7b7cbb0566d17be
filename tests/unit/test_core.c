/* Unit tests of the core: the error table and the recording of problems, the growable buffer,
 * and the CSV reader and writer.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-core
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tansiq/tansiq.h"

/* ---- the error table --------------------------------------------------------------------- */

static void test_error_table_complete(void **state)
{
	(void)state;
	assert_true(TS_CODE_COUNT > 1);
	for (int c = 0; c < TS_CODE_COUNT; c++) {
		const char *name = ts_code_name((ts_code)c);
		int status = ts_code_status((ts_code)c);

		assert_non_null(name);
		assert_true(strlen(name) > 0);
		assert_true(status >= 200 && status <= 599);
		for (int l = 0; l < TS_LANG_COUNT; l++) {
			const char *title = ts_code_title((ts_code)c, (ts_lang)l);
			const char *hint = ts_code_hint((ts_code)c, (ts_lang)l);
			assert_non_null(title);
			assert_non_null(hint);
			assert_true(strlen(title) > 0);
			if (c != TS_OK)
				assert_true(strlen(hint) > 0);
		}
		/* names are stable identifiers: lowercase, digits and '-' */
		assert_int_equal(strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-"), strlen(name));
		/* and unique */
		for (int o = 0; o < c; o++)
			assert_string_not_equal(name, ts_code_name((ts_code)o));
	}
	assert_string_equal(ts_code_name(TS_OK), "ok");
	assert_int_equal(ts_code_status(TS_OK), 200);
	assert_string_equal(ts_code_name(TS_INVALID_VALUE), "invalid-value");
	assert_int_equal(ts_code_status(TS_INVALID_VALUE), 422);
	assert_int_equal(ts_code_status(TS_NOT_FOUND), 404);
	assert_int_equal(ts_code_status(TS_DUPLICATE), 409);
	assert_int_equal(ts_code_status(TS_INTERNAL), 500);
	/* the titles of one code differ between languages */
	assert_string_not_equal(ts_code_title(TS_NOT_FOUND, TS_AR), ts_code_title(TS_NOT_FOUND, TS_EN));
	assert_string_not_equal(ts_code_title(TS_NOT_FOUND, TS_FR), ts_code_title(TS_NOT_FOUND, TS_EN));
	/* out-of-range codes and languages do not read past the table */
	assert_string_equal(ts_code_name((ts_code)9999), ts_code_name(TS_INTERNAL));
	assert_string_equal(ts_code_title(TS_OK, (ts_lang)7), ts_code_title(TS_OK, TS_EN));
}

static void test_lang_from_header(void **state)
{
	(void)state;
	assert_int_equal(ts_lang_from_header("ar-SA,en;q=0.8"), TS_AR);
	assert_int_equal(ts_lang_from_header("fr"), TS_FR);
	assert_int_equal(ts_lang_from_header(NULL), TS_EN);
	assert_int_equal(ts_lang_from_header("de"), TS_EN);
	assert_int_equal(ts_lang_from_header(""), TS_EN);
	assert_int_equal(ts_lang_from_header("en"), TS_EN);
	assert_int_equal(ts_lang_from_header("de-DE, fr;q=0.5"), TS_FR);
	assert_int_equal(ts_lang_from_header("FR-ca"), TS_FR);
	assert_int_equal(ts_lang_from_header("arn"), TS_EN); /* Mapudungun is not Arabic */
	assert_string_equal(ts_lang_code(TS_AR), "ar");
	assert_string_equal(ts_lang_code(TS_EN), "en");
	assert_string_equal(ts_lang_code(TS_FR), "fr");
}

static void test_fail_keeps_first(void **state)
{
	ts_error err = TS_ERROR_INIT;

	(void)state;
	assert_int_equal(ts_fail(&err, TS_REQUIRED, "name_en", "field '%s' is required", "name_en"), -1);
	assert_int_equal(ts_fail(&err, TS_INVALID_VALUE, "iso2", "bad %d", 2), -1);
	assert_int_equal(ts_fail(&err, TS_UNKNOWN_FIELD, NULL, "third"), -1);

	assert_int_equal(err.code, TS_REQUIRED);
	assert_string_equal(err.field, "name_en");
	assert_string_equal(err.detail, "field 'name_en' is required");
	assert_int_equal(err.nitems, 3);
	assert_int_equal(err.items[0].code, TS_REQUIRED);
	assert_string_equal(err.items[0].field, "name_en");
	assert_int_equal(err.items[1].code, TS_INVALID_VALUE);
	assert_string_equal(err.items[1].field, "iso2");
	assert_string_equal(err.items[1].detail, "bad 2");
	assert_int_equal(err.items[2].code, TS_UNKNOWN_FIELD);
	assert_string_equal(err.items[2].field, "");
	assert_string_equal(err.items[2].detail, "third");

	/* more problems than items: the count stops at the maximum */
	for (int i = 0; i < 40; i++)
		ts_fail(&err, TS_INVALID_VALUE, "x", "more %d", i);
	assert_int_equal(err.nitems, TS_ERROR_MAX_ITEMS);
	assert_int_equal(err.code, TS_REQUIRED);

	ts_error_clear(&err);
	assert_int_equal(err.code, TS_OK);
	assert_int_equal(err.nitems, 0);
	assert_string_equal(err.detail, "");

	/* a NULL error is allowed */
	assert_int_equal(ts_fail(NULL, TS_INTERNAL, NULL, "nobody listens"), -1);
}

static void test_error_prefix(void **state)
{
	ts_error err = TS_ERROR_INIT;
	char big[600];

	(void)state;
	ts_fail(&err, TS_INVALID_VALUE, "iso2", "first");
	ts_fail(&err, TS_REQUIRED, "name_en", "second");
	ts_error_prefix(&err, 0, "line %d: ", 12);
	assert_string_equal(err.detail, "line 12: first");
	assert_string_equal(err.items[0].detail, "line 12: first");
	assert_string_equal(err.items[1].detail, "line 12: second");
	assert_string_equal(err.field, "iso2");

	/* a detail at the limit stays NUL-terminated and keeps the prefix */
	ts_error_clear(&err);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ts_fail(&err, TS_INVALID_VALUE, NULL, "%s", big);
	assert_int_equal(strlen(err.detail), sizeof(err.detail) - 1);
	ts_error_prefix(&err, 0, "line 3: ");
	assert_int_equal(strlen(err.detail), sizeof(err.detail) - 1);
	assert_memory_equal(err.detail, "line 3: xxx", 11);
}

/* Catalogued details: the English detail is rendered at once, each language on demand, with
 * the "line N: " prefix of ts_error_at in the same language. */
static void test_error_messages(void **state)
{
	ts_error err = TS_ERROR_INIT;
	char ar[512], en[512], fr[512];

	(void)state;
	assert_int_equal(ts_failm(&err, TS_INVALID_VALUE, "id", TS_M_ISO3, "sau", NULL, NULL, NULL), -1);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_string_equal(err.field, "id");
	assert_int_equal(err.nitems, 1);
	assert_int_equal(err.items[0].msg, TS_M_ISO3);
	assert_non_null(strstr(err.detail, "'sau'"));
	ts_error_item_text(&err.items[0], TS_EN, en, sizeof(en));
	assert_string_equal(en, err.items[0].detail);
	ts_error_item_text(&err.items[0], TS_AR, ar, sizeof(ar));
	ts_error_item_text(&err.items[0], TS_FR, fr, sizeof(fr));
	assert_non_null(strstr(ar, "sau"));
	assert_non_null(strstr(fr, "sau"));
	assert_string_not_equal(ar, en);
	assert_string_not_equal(fr, en);

	ts_error_at(&err, 0, 'l', 12);
	assert_int_equal(err.line, 12);
	assert_int_equal(err.items[0].line, 12);
	assert_memory_equal(err.detail, "line 12: ", 9);
	ts_error_item_text(&err.items[0], TS_EN, en, sizeof(en));
	assert_memory_equal(en, "line 12: ", 9);
	ts_error_item_text(&err.items[0], TS_FR, fr, sizeof(fr));
	assert_non_null(strstr(fr, "12"));
	assert_null(strstr(fr, "line 12"));
	ts_error_item_text(&err.items[0], TS_AR, ar, sizeof(ar));
	assert_non_null(strstr(ar, "12"));

	/* a later problem on another record: the error's line stays the first */
	ts_failm(&err, TS_REQUIRED, "name_en", TS_M_REQUIRED, NULL, NULL, NULL, NULL);
	ts_error_at(&err, 1, 'r', 30);
	assert_int_equal(err.line, 12);
	assert_int_equal(err.items[1].line, 30);
	assert_memory_equal(err.items[1].detail, "record 30: ", 11);
	assert_memory_equal(err.items[0].detail, "line 12: ", 9);

	/* an uncatalogued detail is given as it is in every language */
	ts_error_clear(&err);
	ts_fail(&err, TS_INTERNAL, NULL, "plain %d", 1);
	ts_error_item_text(&err.items[0], TS_AR, ar, sizeof(ar));
	assert_string_equal(ar, "plain 1");
}

/* Arguments, details and rendered texts stay valid UTF-8 whatever the length limits cut. */
static void test_error_messages_utf8(void **state)
{
	char arg[400];
	size_t n = 0;

	(void)state;
	arg[n++] = 'a'; /* odd offset: limits fall inside two-byte letters */
	while (n + 2 < sizeof(arg)) {
		memcpy(arg + n, "\xd8\xb9", 2);
		n += 2;
	}
	arg[n] = '\0';
	for (int l = 0; l < TS_LANG_COUNT; l++) {
		ts_error err = TS_ERROR_INIT;
		ts_failm(&err, TS_INVALID_VALUE, arg, TS_M_ENUM, arg, arg, arg, arg);
		ts_fail(&err, TS_INVALID_VALUE, arg, "%s %s", arg, arg);
		ts_error_at(&err, 0, 'l', 7);
		for (int i = 0; i < err.nitems; i++) {
			/* every size a caller might give, the API's 512 bytes included */
			for (size_t size = 1; size <= 512; size++) {
				char out[512];
				json_t *j;
				memset(out, 'X', sizeof(out));
				ts_error_item_text(&err.items[i], (ts_lang)l, out, size);
				if (strnlen(out, size) >= size)
					fail_msg("lang %d item %d size %zu: not terminated", l, i, size);
				j = json_string(out);
				if (!j)
					fail_msg("lang %d item %d size %zu: not valid UTF-8: %s", l, i, size, out);
				json_decref(j);
			}
			for (int k = 0; k < 2; k++) {
				json_t *j = json_string(k ? err.items[i].field : err.items[i].detail);
				assert_non_null(j);
				json_decref(j);
			}
		}
	}
}

/* ---- ts_buf ------------------------------------------------------------------------------ */

static void test_buf_growth(void **state)
{
	ts_buf b = TS_BUF_INIT;
	char *p;
	size_t n;

	(void)state;
	assert_null(b.data);
	assert_string_equal(ts_buf_str(&b), "");
	for (int i = 0; i < 10000; i++)
		assert_int_equal(ts_buf_addc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 10000);
	assert_true(b.cap > b.len);
	assert_int_equal(strlen(ts_buf_str(&b)), 10000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(ts_buf_adds(&b, "END"), 0);
	assert_string_equal(ts_buf_str(&b) + 10000, "END");
	assert_int_equal(ts_buf_add(&b, "", 0), 0);
	assert_int_equal(b.len, 10003);

	ts_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(ts_buf_str(&b), "");
	assert_int_equal(ts_buf_adds(&b, "kept"), 0);

	p = ts_buf_detach(&b, &n);
	assert_int_equal(n, 4);
	assert_string_equal(p, "kept");
	free(p);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	p = ts_buf_detach(&b, &n); /* an empty buffer still gives a string */
	assert_non_null(p);
	assert_string_equal(p, "");
	assert_int_equal(n, 0);
	free(p);
	ts_buf_free(&b);
}

static void test_buf_max(void **state)
{
	ts_buf b = TS_BUF_INIT;

	(void)state;
	b.max = 10;
	assert_int_equal(ts_buf_adds(&b, "12345678"), 0);
	assert_int_equal(ts_buf_adds(&b, "abc"), -1);
	assert_string_equal(ts_buf_str(&b), "12345678");
	assert_int_equal(b.len, 8);
	assert_int_equal(ts_buf_adds(&b, "90"), 0); /* exactly the maximum */
	assert_string_equal(ts_buf_str(&b), "1234567890");
	assert_int_equal(ts_buf_addc(&b, 'x'), -1);
	assert_int_equal(ts_buf_printf(&b, "%d", 1), -1);
	assert_string_equal(ts_buf_str(&b), "1234567890");
	assert_int_equal(b.len, 10);
	/* a huge length does not wrap around */
	assert_int_equal(ts_buf_add(&b, "x", SIZE_MAX), -1);
	assert_int_equal(ts_buf_add(&b, "x", SIZE_MAX - 5), -1);
	assert_int_equal(b.len, 10);
	ts_buf_free(&b);
}

static void test_buf_printf(void **state)
{
	ts_buf b = TS_BUF_INIT;
	char big[5000];

	(void)state;
	assert_int_equal(ts_buf_printf(&b, "%s=%d", "limit", 50), 0);
	assert_int_equal(ts_buf_printf(&b, ", %s", "q"), 0);
	assert_string_equal(ts_buf_str(&b), "limit=50, q");
	assert_int_equal(b.len, strlen("limit=50, q"));
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ts_buf_printf(&b, "[%s]", big), 0);
	assert_int_equal(b.len, strlen("limit=50, q") + sizeof(big) + 1);
	assert_int_equal(b.data[b.len - 1], ']');
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(ts_buf_printf(&b, "%s", ""), 0);
	ts_buf_free(&b);
}

/* ---- CSV reader -------------------------------------------------------------------------- */

/* Reads the next record and checks its line and cells (NULL-terminated list). */
static void expect_record(ts_csv *r, long line, ...)
{
	ts_error err = TS_ERROR_INIT;
	va_list ap;
	int i = 0;
	const char *want;

	assert_int_equal(ts_csv_next(r, &err), 1);
	assert_int_equal(err.code, TS_OK);
	assert_int_equal(r->line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		assert_true(i < r->ncells);
		assert_string_equal(ts_csv_cell(r, i), want);
		i++;
	}
	va_end(ap);
	assert_int_equal(r->ncells, i);
}

static void expect_end(ts_csv *r)
{
	ts_error err = TS_ERROR_INIT;

	assert_int_equal(ts_csv_next(r, &err), 0);
	assert_int_equal(err.code, TS_OK);
	assert_int_equal(ts_csv_next(r, &err), 0);
}

static void test_csv_simple(void **state)
{
	static const char in[] = "id,name\nSAU,Saudi Arabia\nEGY,\n,Egypt\n";
	ts_csv r;

	(void)state;
	ts_csv_init(&r, in, strlen(in));
	expect_record(&r, 1, "id", "name", NULL);
	expect_record(&r, 2, "SAU", "Saudi Arabia", NULL);
	expect_record(&r, 3, "EGY", "", NULL);
	expect_record(&r, 4, "", "Egypt", NULL);
	expect_end(&r);
	assert_string_equal(ts_csv_cell(&r, 99), "");
	assert_string_equal(ts_csv_cell(&r, -1), "");
	ts_csv_free(&r);
}

static void test_csv_quoted(void **state)
{
	static const char in[] =
		"a,b,c\n"
		"\"x, y\",\"say \"\"hi\"\"\",\"\"\n"
		"\"one\ntwo\nthree\",z,\"\"\"\"\n"
		"after,the,newlines\n";
	ts_csv r;

	(void)state;
	ts_csv_init(&r, in, strlen(in));
	expect_record(&r, 1, "a", "b", "c", NULL);
	expect_record(&r, 2, "x, y", "say \"hi\"", "", NULL);
	expect_record(&r, 3, "one\ntwo\nthree", "z", "\"", NULL);
	/* the record after a cell spanning lines 3-5 starts on line 6 */
	expect_record(&r, 6, "after", "the", "newlines", NULL);
	expect_end(&r);
	ts_csv_free(&r);
}

static void test_csv_crlf_bom_blank(void **state)
{
	static const char in[] = "\xEF\xBB\xBFid,name\r\n\r\n\nSAU,\"Saudi\r\nArabia\"\r\n\r\nEGY,Egypt";
	ts_csv r;

	(void)state;
	ts_csv_init(&r, in, strlen(in));
	expect_record(&r, 1, "id", "name", NULL); /* the BOM is not part of the first cell */
	expect_record(&r, 4, "SAU", "Saudi\r\nArabia", NULL);
	expect_record(&r, 7, "EGY", "Egypt", NULL); /* no line end after the last record */
	expect_end(&r);
	ts_csv_free(&r);

	/* an empty input and an input of blank lines have no record */
	ts_csv_init(&r, "", 0);
	expect_end(&r);
	ts_csv_free(&r);
	ts_csv_init(&r, "\r\n\n\n", 4);
	expect_end(&r);
	ts_csv_free(&r);
	ts_csv_init(&r, "\xEF\xBB\xBF", 3);
	expect_end(&r);
	ts_csv_free(&r);

	/* a record that is one empty quoted cell is a record, not a blank line */
	ts_csv_init(&r, "\"\"\n", 3);
	expect_record(&r, 1, "", NULL);
	expect_end(&r);
	ts_csv_free(&r);
}

static void test_csv_not_a_bom_twice(void **state)
{
	static const char in[] = "\xEF\xBB\xBF\xEF\xBB\xBFid\n";
	ts_csv r;

	(void)state;
	/* only one BOM is skipped; a second one is data */
	ts_csv_init(&r, in, strlen(in));
	expect_record(&r, 1, "\xEF\xBB\xBFid", NULL);
	expect_end(&r);
	ts_csv_free(&r);
}

static void expect_csv_error(const char *in, int nrecords, long line, const char *words)
{
	ts_csv r;
	ts_error err = TS_ERROR_INIT;
	char want[32];

	ts_csv_init(&r, in, strlen(in));
	for (int i = 0; i < nrecords; i++)
		assert_int_equal(ts_csv_next(&r, &err), 1);
	assert_int_equal(ts_csv_next(&r, &err), -1);
	assert_int_equal(err.code, TS_INVALID_CSV);
	snprintf(want, sizeof(want), "line %ld:", line);
	if (!strstr(err.detail, want))
		fail_msg("detail '%s' does not name '%s'", err.detail, want);
	if (!strstr(err.detail, words))
		fail_msg("detail '%s' does not say '%s'", err.detail, words);
	ts_csv_free(&r);
}

static void test_csv_errors(void **state)
{
	(void)state;
	/* a quoted cell opened on line 3 and never closed */
	expect_csv_error("id,name\nSAU,x\nEGY,\"Egypt\nmore\n", 2, 3, "not closed");
	expect_csv_error("\"", 0, 1, "not closed");
	/* text after a closing quote */
	expect_csv_error("id,name\n\"SAU\"x,y\n", 1, 2, "after a closing quote");
	expect_csv_error("a\n\"multi\nline\" tail\n", 1, 3, "after a closing quote");
	/* a quote inside an unquoted cell */
	expect_csv_error("id,name\nSAU,Saudi \"Arabia\"\n", 1, 2, "quote inside an unquoted cell");
}

static void test_csv_too_many_cells(void **state)
{
	ts_buf in = TS_BUF_INIT;
	ts_csv r;
	ts_error err = TS_ERROR_INIT;

	(void)state;
	for (int i = 0; i < TS_CSV_MAX_CELLS; i++)
		ts_buf_adds(&in, i ? ",c" : "c");
	ts_buf_adds(&in, "\n");
	ts_csv_init(&r, in.data, in.len);
	assert_int_equal(ts_csv_next(&r, &err), 1);
	assert_int_equal(r.ncells, TS_CSV_MAX_CELLS);
	assert_string_equal(ts_csv_cell(&r, TS_CSV_MAX_CELLS - 1), "c");
	ts_csv_free(&r);

	ts_buf_reset(&in);
	for (int i = 0; i <= TS_CSV_MAX_CELLS; i++)
		ts_buf_adds(&in, i ? ",c" : "c");
	ts_csv_init(&r, in.data, in.len);
	assert_int_equal(ts_csv_next(&r, &err), -1);
	assert_int_equal(err.code, TS_INVALID_CSV);
	ts_csv_free(&r);
	ts_buf_free(&in);
}

/* ---- CSV writer -------------------------------------------------------------------------- */

static void test_csv_writer_round_trip(void **state)
{
	static const char *const rows[][4] = {
		{"id", "name", "notes", "empty"},
		{"SAU", "Saudi Arabia", "plain", ""},
		{"X,Y", "say \"hi\"", "two\nlines", ""},
		{"\"", "cr\r\nlf", "المملكة العربية السعودية", ","},
		{"", "", "", ""},
	};
	ts_buf out = TS_BUF_INIT;
	ts_csv r;
	ts_error err = TS_ERROR_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (int j = 0; j < 4; j++)
			assert_int_equal(ts_csv_write_cell(&out, rows[i][j], j == 3), 0);
	/* quoting only where needed, CRLF at the end of each record */
	assert_memory_equal(out.data, "id,name,notes,empty\r\nSAU,Saudi Arabia,plain,\r\n", 46);
	assert_non_null(strstr(out.data, "\"X,Y\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"));

	ts_csv_init(&r, out.data, out.len);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(ts_csv_next(&r, &err), 1);
		assert_int_equal(r.ncells, 4);
		for (int j = 0; j < 4; j++)
			assert_string_equal(ts_csv_cell(&r, j), rows[i][j]);
	}
	assert_int_equal(ts_csv_next(&r, &err), 0);
	assert_int_equal(err.code, TS_OK);
	ts_csv_free(&r);
	ts_buf_free(&out);
}

static void test_csv_writer_refusal(void **state)
{
	ts_buf out = TS_BUF_INIT;

	(void)state;
	out.max = 8;
	assert_int_equal(ts_csv_write_cell(&out, "abc", 0), 0);
	assert_int_equal(ts_csv_write_cell(&out, "a long cell", 1), -1);
	ts_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_table_complete),
		cmocka_unit_test(test_lang_from_header),
		cmocka_unit_test(test_fail_keeps_first),
		cmocka_unit_test(test_error_prefix),
		cmocka_unit_test(test_error_messages),
		cmocka_unit_test(test_error_messages_utf8),
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_buf_max),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_csv_simple),
		cmocka_unit_test(test_csv_quoted),
		cmocka_unit_test(test_csv_crlf_bom_blank),
		cmocka_unit_test(test_csv_not_a_bom_twice),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_csv_too_many_cells),
		cmocka_unit_test(test_csv_writer_round_trip),
		cmocka_unit_test(test_csv_writer_refusal),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
