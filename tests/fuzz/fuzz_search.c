/* Fuzzes the query syntax of search (ts_search_expr, lib/search/search_int.h; the syntax is told
 * by ts_search() in include/tansiq/search.h): the input is what a user types in the search box,
 * bytes as they come (up to its first NUL, as the C string the API and the CLI pass). The FTS5
 * expression it makes is run, as ts_search() runs it (bm25, highlight, snippet), on FTS5 tables
 * of an in-memory SQLite database with the tokenizer "tansiq ar", "tansiq en" and "tansiq fr"
 * (ts_fts_register) holding a few rows in their language. Invariants besides "no crash, no leak,
 * no UB":
 *   - the expression is appended to what the buffer held, which is left as it was when no term is
 *     found (return 0), and is not empty otherwise;
 *   - at most 32 terms must or may be found (the terms beyond are dropped);
 *   - outside its double-quoted strings (a quote doubled inside), the expression holds only
 *     parentheses, spaces, '*' after a string, and the operators AND, OR and NOT; no control
 *     character anywhere;
 *   - the same query gives the same expression;
 *   - prepared and stepped to the end on each table, it never fails: no FTS5 syntax error, no
 *     other error.
 *
 *   tools/fuzz.sh search
 */
#include <stdint.h>

#include <sqlite3.h>

#include "fuzz_common.h"
#include "tansiq/text.h"
#include "../../lib/search/search_int.h"

#define MAX_TERMS 32
#define PREFIX "P: "

static sqlite3 *db;
static sqlite3_stmt *queries[3];
static const char *const langs[3] = {"ar", "en", "fr"};

static void exec(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("%s: %s", sql, msg ? msg : "?");
}

static void setup(void)
{
	if (ts_init())
		die("ts_init failed");
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || ts_fts_register(db) != SQLITE_OK)
		die("cannot open an in-memory database with the tansiq tokenizer");
	exec("CREATE VIRTUAL TABLE ar USING fts5(title, body, tokenize = 'tansiq ar')");
	exec("CREATE VIRTUAL TABLE en USING fts5(title, body, tokenize = 'tansiq en')");
	exec("CREATE VIRTUAL TABLE fr USING fts5(title, body, tokenize = 'tansiq fr')");
	exec("INSERT INTO ar (rowid, title, body) VALUES"
	     " (1, 'تقرير المؤتمر الثاني حول الوساطة', 'عُقد المؤتمر في إسطنبول عام ٢٠١٨ وناقش دور الوسطاء والوساطة'),"
	     " (2, 'شبكة الوسطاء', 'تضم شبكة الوسطاء شخصيات من الدول الأعضاء'),"
	     " (3, 'القرار 53/45-س', 'يدعو إلى إنشاء شبكة الوسطاء ومدونة قواعد السلوك للوسـاطة'),"
	     " (4, 'تعاون سعودي كويتي', 'برنامج مشترك للأمن الغذائي')");
	exec("INSERT INTO en (rowid, title, body) VALUES"
	     " (1, 'Second OIC Conference on Mediation', 'Mediators from member states met in 2018.'),"
	     " (2, 'Network of mediators', 'The network of OIC mediators: terms of reference.'),"
	     " (3, 'Saudi Arabia and Kuwait', 'A cooperation agreement, NEAR and OR as words.')");
	exec("INSERT INTO fr (rowid, title, body) VALUES"
	     " (1, 'Deuxième conférence sur la médiation', 'Les médiateurs des États membres à Istanbul en 2018.'),"
	     " (2, 'Communiqué final', 'Le Sommet salue les efforts de l''Organisation en faveur d''une médiation.')");
	for (int l = 0; l < 3; l++) {
		char sql[512];
		snprintf(sql, sizeof sql,
			 "SELECT rowid, bm25(%s, 10.0, 1.0), highlight(%s, 0, char(2), char(3)), "
			 "snippet(%s, 1, char(2), char(3), '…', 24) FROM %s WHERE %s MATCH ? ORDER BY 2",
			 langs[l], langs[l], langs[l], langs[l], langs[l]);
		if (sqlite3_prepare_v2(db, sql, -1, &queries[l], NULL) != SQLITE_OK)
			die("%s: %s", sql, sqlite3_errmsg(db));
	}
}

FUZZ_INITIALIZE(setup)

/* Whether expr (after the prefix) has the shape the invariants say; else dies saying where. */
static void check_shape(const char *q, const char *expr, size_t len)
{
	size_t i = 0;
	int after_string = 0;

	while (i < len) {
		unsigned char c = (unsigned char)expr[i];
		if (c < 0x20 || c == 0x7f)
			die("control character 0x%02x at %zu of the expression of \"%s\": %s", c, i, q, expr);
		if (c == '"') {
			for (i++; i < len; i++)
				if (expr[i] == '"') {
					if (i + 1 < len && expr[i + 1] == '"')
						i++;
					else
						break;
				}
			if (i >= len)
				die("unterminated string in the expression of \"%s\": %s", q, expr);
			i++;
			after_string = 1;
			continue;
		}
		if (c == '(' || c == ')') {
			i++;
			after_string = 0;
			continue;
		}
		if (c == ' ') {
			i++;
			continue;
		}
		if (c == '*') {
			if (!after_string)
				die("'*' after no string at %zu in the expression of \"%s\": %s", i, q, expr);
			i++;
			continue;
		}
		if (!strncmp(expr + i, "AND ", 4) || !strncmp(expr + i, "NOT ", 4)) {
			i += 4;
			after_string = 0;
			continue;
		}
		if (!strncmp(expr + i, "OR ", 3)) {
			i += 3;
			after_string = 0;
			continue;
		}
		die("'%c' outside a string at %zu in the expression of \"%s\": %s", c, i, q, expr);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ts_buf out = TS_BUF_INIT, again = TS_BUF_INIT;
	char *q = malloc(size + 1);
	int n, m;
	size_t plen = strlen(PREFIX);

	if (!q)
		die("out of memory");
	memcpy(q, data, size);
	q[size] = '\0';

	ts_buf_adds(&out, PREFIX);
	n = ts_search_expr(q, &out);
	if (!ts_buf_str(&out) || out.len < plen || memcmp(out.data, PREFIX, plen))
		die("the expression of \"%s\" did not keep what the buffer held", q);
	if (n < 0 || n > MAX_TERMS)
		die("%d terms for \"%s\"", n, q);
	if (n == 0 && out.len != plen)
		die("no term for \"%s\", yet an expression: %s", q, out.data + plen);
	if (n > 0 && out.len == plen)
		die("%d terms for \"%s\", yet no expression", n, q);
	m = ts_search_expr(q, &again);
	if (m != n || again.len != out.len - plen || (again.len && memcmp(again.data, out.data + plen, again.len)))
		die("\"%s\" gave two expressions: %s and %s", q, out.data + plen, again.len ? again.data : "");
	check_shape(q, out.data + plen, out.len - plen);

	if (n > 0) {
		const char *expr = out.data + plen;
		for (int l = 0; l < 3; l++) {
			sqlite3_stmt *st = queries[l];
			int rc;
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, expr, (int)strlen(expr), SQLITE_STATIC);
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				;
			if (rc != SQLITE_DONE)
				die("the expression of \"%s\" fails on the table %s (%d): %s\n  expression: %s", q, langs[l], rc,
				    sqlite3_errmsg(db), expr);
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
		}
	}
	ts_buf_free(&out);
	ts_buf_free(&again);
	free(q);
	return 0;
}
