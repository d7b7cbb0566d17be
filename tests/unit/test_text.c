/* The language layer of search (lib/search/text.c, lib/search/fts.c): the golden files of
 * tests/golden/text/, the offsets FTS5 highlights with, normalisation, and an FTS5 table in an
 * in-memory database where الوساطة finds وساطة, والوساطات and بالوساطة, which the default
 * unicode61 tokenizer does not. */
#include <libgen.h>
#include <sqlite3.h>
#include <unistd.h>

#include "unit.h"
#include "tansiq/text.h"

/* ---- golden files ----------------------------------------------------------------------------- */

/* The folder of the golden files: from the source root (tools/check.sh runs the tests there),
 * or beside this file (meson test runs them in the build folder, and __FILE__ is relative to
 * it), or TS_GOLDEN_DIR. */
static const char *golden_dir(char *out, size_t size)
{
	const char *env = getenv("TS_GOLDEN_DIR");
	char file[512];

	if (env && *env)
		return env;
	if (access("tests/golden/text/ar.txt", R_OK) == 0)
		return "tests/golden/text";
	snprintf(file, sizeof file, "%s", __FILE__);
	snprintf(out, size, "%s/../golden/text", dirname(file));
	return out;
}

static void golden(const char *name, ts_lang lang)
{
	char dir[600], path[700], line[4096];
	ts_text *t = ts_text_new(lang);
	ts_buf errors = TS_BUF_INIT;
	FILE *f;
	int lineno = 0, cases = 0;

	assert_non_null(t);
	snprintf(path, sizeof path, "%s/%s", golden_dir(dir, sizeof dir), name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s (run from the source folder or set TS_GOLDEN_DIR)", path);
	while (fgets(line, sizeof line, f)) {
		char *tab, *nl;
		ts_buf got = TS_BUF_INIT;

		lineno++;
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		tab = strchr(line, '\t');
		if (!tab) {
			ts_buf_printf(&errors, "  %s:%d: no TAB between the input and the tokens\n", name, lineno);
			continue;
		}
		*tab = '\0';
		assert_int_equal(ts_text_tokens_str(t, line, strlen(line), 0, &got), 0);
		if (strcmp(ts_buf_str(&got), tab + 1))
			ts_buf_printf(&errors, "  %s:%d: %s\n    expected: %s\n    got:      %s\n", name, lineno, line,
				      tab + 1, ts_buf_str(&got));
		ts_buf_free(&got);
		cases++;
	}
	fclose(f);
	ts_text_free(t);
	if (errors.len) {
		fprintf(stderr, "%s", errors.data);
		ts_buf_free(&errors);
		fail_msg("%s: lines differ from the golden file (above)", name);
	}
	assert_true(cases >= 20);
}

static void test_golden_ar(void **state)
{
	(void)state;
	golden("ar.txt", TS_AR);
}

static void test_golden_en(void **state)
{
	(void)state;
	golden("en.txt", TS_EN);
}

static void test_golden_fr(void **state)
{
	(void)state;
	golden("fr.txt", TS_FR);
}

/* ---- offsets ---------------------------------------------------------------------------------- */

struct collect {
	const char *text;
	ts_buf words; /* the original words the offsets point at, "|"-separated */
	ts_buf tokens;
};

static int collect(void *ctx, const char *token, size_t len, size_t start, size_t end, int colocated)
{
	struct collect *c = ctx;

	assert_true(start < end);
	assert_true(end <= strlen(c->text));
	if (!colocated) {
		ts_buf_add(&c->words, c->text + start, end - start);
		ts_buf_addc(&c->words, '|');
	}
	ts_buf_add(&c->tokens, token, len);
	ts_buf_addc(&c->tokens, colocated ? '+' : ' ');
	return 0;
}

static void test_offsets(void **state)
{
	const char *text = "Le 30 juin, «الوَسَاطَة» (médiation) l’organisation; ٥٣/٤٥ وبالوساطات!";
	struct collect c = {text, TS_BUF_INIT, TS_BUF_INIT};
	ts_text *t = ts_text_new(TS_FR);

	(void)state;
	assert_int_equal(ts_text_tokens(t, text, strlen(text), 0, collect, &c), 0);
	assert_string_equal(ts_buf_str(&c.words), "Le|30|juin|الوَسَاطَة|médiation|organisation|٥٣|٤٥|وبالوساطات|");
	assert_string_equal(ts_buf_str(&c.tokens), "le 30 juin وساط mediat organis 53 45 وساط ");
	/* a non-zero return of the callback stops and is returned */
	ts_buf_free(&c.words);
	ts_buf_free(&c.tokens);
	ts_text_free(t);
}

static int stop_second(void *ctx, const char *token, size_t len, size_t start, size_t end, int colocated)
{
	int *n = ctx;

	(void)token, (void)len, (void)start, (void)end, (void)colocated;
	return ++*n == 2 ? 42 : 0;
}

static void test_stop_and_bad_input(void **state)
{
	ts_text *t = ts_text_new(TS_AR);
	ts_buf out = TS_BUF_INIT;
	int n = 0;
	/* invalid UTF-8 (a cut sequence, an overlong form, a surrogate) separates words */
	const char bad[] = "ab\xD8" "cd \xC0\xAF" "ef\xED\xA0\x80gh \xD9";

	(void)state;
	assert_int_equal(ts_text_tokens(t, "one two three", 13, 0, stop_second, &n), 42);
	assert_int_equal(n, 2);
	assert_int_equal(ts_text_tokens_str(t, bad, sizeof bad - 1, 0, &out), 0);
	assert_string_equal(ts_buf_str(&out), "ab cd ef gh");
	ts_buf_reset(&out);
	/* only diacritics and tatweel: no token; empty text: none */
	assert_int_equal(ts_text_tokens_str(t, "ـَـُ", strlen("ـَـُ"), 0, &out), 0);
	assert_int_equal(ts_text_tokens_str(t, "", 0, 0, &out), 0);
	assert_string_equal(ts_buf_str(&out), "");
	assert_null(ts_text_new((ts_lang)7));
	assert_int_equal(ts_text_lang(t), TS_AR);
	ts_buf_free(&out);
	ts_text_free(t);
}

static void test_prefix(void **state)
{
	ts_text *t = ts_text_new(TS_FR);
	ts_buf out = TS_BUF_INIT;

	(void)state;
	/* not stemmed, but normalised and without the article: a prefix of the stem وساط */
	assert_int_equal(ts_text_tokens_str(t, "الوسا", strlen("الوسا"), TS_TEXT_PREFIX, &out), 0);
	assert_string_equal(ts_buf_str(&out), "وسا");
	ts_buf_reset(&out);
	assert_int_equal(ts_text_tokens_str(t, "Négo", strlen("Négo"), TS_TEXT_PREFIX, &out), 0);
	assert_string_equal(ts_buf_str(&out), "nego");
	ts_buf_free(&out);
	ts_text_free(t);
}

static void test_normalise(void **state)
{
	const char *in = "الإسلاميّة، إلى مستوى؛ مسؤول ١٢٣ ۴۵ ﻣﻨﻈﻤﺔ Élève ŒUVRE straße – ok";
	ts_buf out = TS_BUF_INIT;

	(void)state;
	assert_int_equal(ts_text_normalise(in, strlen(in), &out), 0);
	assert_string_equal(out.data, "الاسلاميه، الي مستوي؛ مسءول 123 45 منظمه eleve oeuvre strasse – ok");
	ts_buf_reset(&out);
	assert_int_equal(ts_text_normalise("a\xFF" "b", 3, &out), 0);
	assert_string_equal(out.data, "ab");
	ts_buf_free(&out);
	assert_int_equal(ts_text_normalise("", 0, &out), 0);
	assert_string_equal(ts_buf_str(&out), "");
	ts_buf_free(&out);
}

/* ---- FTS5 ------------------------------------------------------------------------------------- */

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fail_msg("%s: %s", sql, err ? err : "?");
	}
}

/* The rowids that match query in table, in rowid order, "1 2 3". */
static void matches(sqlite3 *db, const char *table, const char *query, char *out, size_t size)
{
	char sql[256];
	sqlite3_stmt *st;
	size_t len = 0;

	snprintf(sql, sizeof sql, "SELECT rowid FROM %s WHERE %s MATCH ?1 ORDER BY rowid", table, table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	out[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW)
		len += (size_t)snprintf(out + len, size - len, "%s%lld", len ? " " : "", sqlite3_column_int64(st, 0));
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
}

static const char *const arabic_docs[] = {
	"تقرير عن وساطة المنظمة في النزاع",            /* 1 وساطة */
	"والوساطات التي قامت بها الأمانة العامة لمنظمة التعاون الإسلامي", /* 2 */
	"رحب المجلس بالوساطة بين الدولتين",               /* 3 بالوساطة */
	"اجتماع اللجنة التنفيذية في جدة",                 /* 4 nothing of it */
	"قرار ٥٣/٤٥ بشأن الوسيط والمبعوث الخاص",          /* 5 */
};

static void fill(sqlite3 *db, const char *table)
{
	char sql[256];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "INSERT INTO %s(rowid, body) VALUES (?1, ?2)", table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof arabic_docs / sizeof arabic_docs[0]; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 2, arabic_docs[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

static void test_fts_arabic(void **state)
{
	sqlite3 *db;
	char got[128];
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(ts_fts_register(db), SQLITE_OK);
	exec(db, "CREATE VIRTUAL TABLE ar USING fts5(body, tokenize = 'tansiq ar')");
	exec(db, "CREATE VIRTUAL TABLE uni USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
	fill(db, "ar");
	fill(db, "uni");

	/* the point of the work: one form finds the others */
	matches(db, "ar", "الوساطة", got, sizeof got);
	assert_string_equal(got, "1 2 3");
	matches(db, "ar", "وساطات", got, sizeof got);
	assert_string_equal(got, "1 2 3");
	matches(db, "ar", "الوَسَاطَة", got, sizeof got);
	assert_string_equal(got, "1 2 3");
	/* and unicode61 finds none of them */
	matches(db, "uni", "الوساطة", got, sizeof got);
	assert_string_equal(got, "");
	matches(db, "uni", "وساطة", got, sizeof got);
	assert_string_equal(got, "1");

	/* a phrase, across the variants of its words (لمنظمة, الإسلامي) */
	matches(db, "ar", "\"منظمة التعاون الاسلامي\"", got, sizeof got);
	assert_string_equal(got, "2");
	matches(db, "ar", "\"التعاون منظمة\"", got, sizeof got);
	assert_string_equal(got, "");
	/* a prefix: the article goes, the prefix is not stemmed */
	matches(db, "ar", "الوسا*", got, sizeof got);
	assert_string_equal(got, "1 2 3");
	matches(db, "ar", "وسي*", got, sizeof got);
	assert_string_equal(got, "5");
	/* digits in either script, and a boolean query */
	matches(db, "ar", "53", got, sizeof got);
	assert_string_equal(got, "5");
	matches(db, "ar", "الوساطة AND الدولة", got, sizeof got);
	assert_string_equal(got, "3");
	matches(db, "ar", "لجنة", got, sizeof got);
	assert_string_equal(got, "4");

	/* highlight() marks the words as written in the document */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT highlight(ar, 0, '[', ']') FROM ar WHERE ar MATCH ?1 "
					      "ORDER BY rowid", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, "الوساطة الدولتين", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "رحب المجلس [بالوساطة] بين [الدولتين]");
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_fts_latin(void **state)
{
	sqlite3 *db;
	char got[128];

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(ts_fts_register(db), SQLITE_OK);
	exec(db, "CREATE VIRTUAL TABLE en USING fts5(title, body, tokenize = 'tansiq en')");
	exec(db, "CREATE VIRTUAL TABLE fr USING fts5(title, body, tokenize = 'tansiq fr')");
	exec(db, "CREATE VIRTUAL TABLE mixed USING fts5(body, tokenize = 'tansiq auto fr')");
	exec(db, "INSERT INTO en(rowid, title, body) VALUES"
		 " (1, 'Mediation', 'The Organisation''s mediators met the parties.'),"
		 " (2, 'Elections', 'Observers of the elections.')");
	exec(db, "INSERT INTO fr(rowid, title, body) VALUES"
		 " (1, 'La médiation', 'Les médiateurs de l''Organisation ont négocié.'),"
		 " (2, 'Élections', 'Les observateurs des élections.')");
	exec(db, "INSERT INTO mixed(rowid, body) VALUES (1, 'La médiation (الوساطة) de l''OCI'), (2, 'Élection')");

	matches(db, "en", "mediator", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "en", "organisations", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "en", "\"the organisation mediator\"", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "en", "elect*", got, sizeof got);
	assert_string_equal(got, "2");
	/* French: accents or none, singular or plural; the elided article gives no token */
	matches(db, "fr", "médiations", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "fr", "mediation", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "fr", "negocie", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "fr", "ELECTION", got, sizeof got);
	assert_string_equal(got, "2");
	matches(db, "fr", "\"médiateur de l’organisation\"", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "fr", "l", got, sizeof got);
	assert_string_equal(got, "");
	/* auto: Arabic words the Arabic way, the others the French way */
	matches(db, "mixed", "وساطة", got, sizeof got);
	assert_string_equal(got, "1");
	matches(db, "mixed", "élections", got, sizeof got);
	assert_string_equal(got, "2");

	/* an unknown language is refused when the table is created */
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE bad USING fts5(b, tokenize = 'tansiq de')",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE bad USING fts5(b, tokenize = 'tansiq ar en')",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* ---- word boundaries only (TS_TEXT_BOUNDS) ---- */

struct positions {
	size_t n, start[64], end[64];
};

static int position(void *ctx, const char *token, size_t len, size_t start, size_t end, int colocated)
{
	struct positions *p = ctx;

	(void)token, (void)len;
	if (!colocated && p->n < 64) {
		p->start[p->n] = start;
		p->end[p->n++] = end;
	}
	return 0;
}

/* highlight() and snippet() count positions in the bounds mode: they must be the positions the
 * index gave the same text, word for word, or the marks land on the wrong words. */
static void test_bounds(void **state)
{
	static const char *const texts[] = {
		"والوساطة بالوساطة للوساطة وقرارات لوساطة الدولتين قراراتها وساطتها ٢٠١٨ الـــوساطة الوَساطة",
		"l'Organisation d'une médiation jusqu'à lorsqu'il qu'elle a négocié ́ ̀ é the organisation's mediators",
		"Mixed: الوساطة and médiation, 53/45-POL, e\xcc\x81te\xcc\x81, x\xcc\x81\xcc\x80",
	};
	const ts_lang langs[] = {TS_AR, TS_EN, TS_FR};

	(void)state;
	for (size_t l = 0; l < 3; l++) {
		ts_text *t = ts_text_new(langs[l]);
		assert_non_null(t);
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			struct positions a = {0}, b = {0};
			assert_int_equal(ts_text_tokens(t, texts[i], strlen(texts[i]), 0, position, &a), 0);
			assert_int_equal(ts_text_tokens(t, texts[i], strlen(texts[i]), TS_TEXT_BOUNDS, position, &b), 0);
			if (a.n != b.n)
				fail_msg("lang %zu, text %zu: %zu tokens indexed, %zu in the bounds mode", l, i, a.n, b.n);
			for (size_t k = 0; k < a.n; k++)
				if (a.start[k] != b.start[k] || a.end[k] != b.end[k])
					fail_msg("lang %zu, text %zu, token %zu: [%zu, %zu) indexed, [%zu, %zu) in the bounds mode", l,
						 i, k, a.start[k], a.end[k], b.start[k], b.end[k]);
		}
		ts_text_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_ar),
		cmocka_unit_test(test_golden_en),
		cmocka_unit_test(test_golden_fr),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_stop_and_bad_input),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_fts_arabic),
		cmocka_unit_test(test_fts_latin),
		cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
