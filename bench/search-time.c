/* The search benchmark's driver (bench/search.sh): in one process, on the corpus of
 * bench/search-gen.py, the speed of indexing and of queries, and the recall of the Arabic
 * queries asked in other forms than the indexed words, for Tansiq and for FTS5's own unicode61
 * tokenizer. Built and run by bench/search.sh, or by hand:
 *
 *   cc -O2 -Iinclude bench/search-time.c build/libtansiq.a -o build/search-time \
 *      $(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd) -lstemmer -lpthread -lm
 *   build/search-time DATA_DIR CORPUS_DIR [RUNS]
 *
 * DATA_DIR holds a store made by `tansiq init` (its organs are the documents' organs); the
 * documents are added to it. CORPUS_DIR holds corpus.tsv and queries.tsv and receives two plain
 * SQLite files: fts-tansiq.db and fts-unicode61.db.
 *
 *  1. Indexing: every document created with ts_record_create() in one transaction, as an
 *     administrator (the product's write path: checks, the row, the search index, the audit log);
 *     then the same titles and bodies into plain FTS5 tables, one per language, with the tansiq
 *     tokenizer of the language, then with unicode61 remove_diacritics 2. MB/s of body text.
 *  2. Queries, RUNS times each after one not counted: ts_search() with its facets and snippets
 *     and the JSON made as the API sends it, for the anonymous public and for an administrator;
 *     then on the plain tables, the three languages' tables each asked
 *     MATCH + bm25 + highlight + snippet ORDER BY rank LIMIT 20, tansiq and unicode61.
 *  3. Where ts_search()'s time goes: its statements rerun apart on the store's database (the
 *     copies follow lib/search/search.c as of its one-pass version; see part_names).
 *  4. Recall and precision of the Arabic variant queries against the generator's truth: every
 *     match counted on the plain tables (not a page), and the count checked against ts_search()'s
 *     total for documents in Arabic as an administrator.
 *
 * Prints tables; the last line is "target met" or "target missed". Exit status 0 when the
 * median of ts_search() (anonymous) is under 5 ms and the mean recall of tansiq beats
 * unicode61's by 0.2 or more, 1 when not, 2 when it could not run. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timing.h"

#include "tansiq/tansiq.h"
#include "tansiq/text.h"
#include "../lib/search/search_int.h" /* ts_search_expr: the same FTS5 expression for every side */

#define TARGET_MS 5.0
#define MAX_FTS 16

typedef struct doc {
	char *id, *lang, *kind, *date, *organ, *level, *title, *body;
} doc;

typedef struct query {
	char *group, *lang, *q, *lemma, *forms;
	int *rel, nrel;
} query;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "search-time: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(2);
}

/* The whole of a file, NUL-terminated. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		die("cannot read", path);
	s = malloc((size_t)n + 1);
	if (!s || fread(s, 1, (size_t)n, f) != (size_t)n)
		die("cannot read", path);
	fclose(f);
	s[n] = 0;
	*len = (size_t)n;
	return s;
}

/* Splits the lines of s in place into TAB-separated fields: the number of lines; f receives
 * nf pointers per line (missing fields are ""). */
static size_t split(char *s, int nf, char ***out)
{
	size_t n = 0, cap = 1024;
	char **f = malloc(cap * (size_t)nf * sizeof(char *));

	while (f && *s) {
		char *eol = strchr(s, '\n');
		if (eol)
			*eol = 0;
		if (n == cap) {
			char **g = realloc(f, (cap *= 2) * (size_t)nf * sizeof(char *));
			if (!g)
				break;
			f = g;
		}
		for (int k = 0; k < nf; k++) {
			char *t = strchr(s, '\t');
			f[n * (size_t)nf + (size_t)k] = s;
			if (t) {
				*t = 0;
				s = t + 1;
			} else {
				s += strlen(s);
			}
		}
		n++;
		if (!eol)
			break;
		s = eol + 1;
	}
	if (!f)
		die("out of memory", NULL);
	*out = f;
	return n;
}

static int lang_index(const char *l) { return !strcmp(l, "ar") ? 0 : !strcmp(l, "en") ? 1 : 2; }
static const char *const langs[3] = {"ar", "en", "fr"};

static void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die(sql, msg);
}

static sqlite3 *open_db(const char *path, int fresh, int ro)
{
	sqlite3 *db;
	if (fresh)
		remove(path);
	if (sqlite3_open_v2(path, &db, ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK)
		die("cannot open", path);
	if (ts_fts_register(db) != SQLITE_OK)
		die("no FTS5 in this SQLite", path);
	return db;
}

/* Fills plain FTS5 tables p_ar, p_en, p_fr made with tokenizer tok, followed by the table's
 * language when lang: the wall seconds. */
static double fill_plain(sqlite3 *db, const char *tok, int lang, doc *d, size_t n)
{
	sqlite3_stmt *ins[3];
	double t0;

	for (int l = 0; l < 3; l++) {
		char sql[256], tk[64];
		snprintf(tk, sizeof(tk), "%s%s%s", tok, lang ? " " : "", lang ? langs[l] : "");
		snprintf(sql, sizeof(sql), "CREATE VIRTUAL TABLE p_%s USING fts5(title, body, tokenize = '%s')", langs[l], tk);
		exec(db, sql);
		snprintf(sql, sizeof(sql), "INSERT INTO p_%s (rowid, title, body) VALUES (?, ?, ?)", langs[l]);
		if (sqlite3_prepare_v2(db, sql, -1, &ins[l], NULL) != SQLITE_OK)
			die(sql, sqlite3_errmsg(db));
	}
	t0 = ms(CLOCK_MONOTONIC);
	exec(db, "BEGIN");
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = ins[lang_index(d[i].lang)];
		sqlite3_bind_int64(s, 1, (sqlite3_int64)i);
		sqlite3_bind_text(s, 2, d[i].title, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, d[i].body, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			die("inserting into a plain FTS5 table", sqlite3_errmsg(db));
		sqlite3_reset(s);
	}
	exec(db, "COMMIT");
	for (int l = 0; l < 3; l++)
		sqlite3_finalize(ins[l]);
	return (ms(CLOCK_MONOTONIC) - t0) / 1e3;
}

/* Runs sql with text parameter p (and int parameter k when k > 0): rows stepped through, every
 * column read as text (as a caller would); the number of rows. */
static long run(sqlite3 *db, const char *sql, const char *p, int k)
{
	sqlite3_stmt *s;
	long rows = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(db));
	sqlite3_bind_text(s, 1, p, -1, SQLITE_STATIC);
	if (k > 0)
		sqlite3_bind_int(s, 2, k);
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(s); c++)
			(void)sqlite3_column_text(s, c);
		rows++;
	}
	sqlite3_finalize(s);
	return rows;
}

/* The plain tables' equivalent of a search: each language's table asked for the best 20 with
 * their highlighted title and snippet (ORDER BY rank: FTS5 sorts, then marks only the rows
 * returned). */
static void plain_search(sqlite3 *db, const char *expr)
{
	for (int l = 0; l < 3; l++) {
		char sql[512];
		snprintf(sql, sizeof(sql),
			 "SELECT rowid, rank, highlight(p_%s, 0, char(2), char(3)), snippet(p_%s, 1, char(2), char(3), '…', 24) "
			 "FROM p_%s WHERE p_%s MATCH ? AND rank MATCH 'bm25(10.0, 1.0)' ORDER BY rank LIMIT ?",
			 langs[l], langs[l], langs[l], langs[l]);
		run(db, sql, expr, 20);
	}
}

/* The rowids (document numbers) an Arabic plain table matches: into a bitmap; their count. */
static long matches(sqlite3 *db, const char *expr, unsigned char *hit, size_t n)
{
	sqlite3_stmt *s;
	long c = 0;

	memset(hit, 0, n);
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM p_ar WHERE p_ar MATCH ?", -1, &s, NULL) != SQLITE_OK)
		die("matching", sqlite3_errmsg(db));
	sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		sqlite3_int64 r = sqlite3_column_int64(s, 0);
		if (r >= 0 && (size_t)r < n)
			hit[r] = 1, c++;
	}
	sqlite3_finalize(s);
	return c;
}

/* Appends to out the forms of q's lemma (q->forms: "form:count ...") that q's expression does
 * not match, tried one by one in probe (an FTS5 table of one column, tokenizer tansiq ar). */
static void misses(sqlite3 *probe, const query *q, const char *expr, ts_buf *out)
{
	char *forms = strdup(q->forms), *save = NULL;
	long all = 0, lost = 0;
	int shown = 0;
	ts_buf line = TS_BUF_INIT;

	exec(probe, "DELETE FROM probe");
	for (char *t = strtok_r(forms, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char *colon = strrchr(t, ':');
		sqlite3_stmt *s;
		int hit = 0;
		long n = colon ? atol(colon + 1) : 0;
		if (colon)
			*colon = 0;
		exec(probe, "DELETE FROM probe");
		sqlite3_prepare_v2(probe, "INSERT INTO probe (w) VALUES (?)", -1, &s, NULL);
		sqlite3_bind_text(s, 1, t, -1, SQLITE_STATIC);
		sqlite3_step(s);
		sqlite3_finalize(s);
		sqlite3_prepare_v2(probe, "SELECT 1 FROM probe WHERE probe MATCH ?", -1, &s, NULL);
		sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
		hit = sqlite3_step(s) == SQLITE_ROW;
		sqlite3_finalize(s);
		all += n;
		if (!hit) {
			lost += n;
			if (shown++ < 8)
				ts_buf_printf(&line, " %s:%ld", t, n);
		}
	}
	if (lost)
		ts_buf_printf(out, "  %s (%s): %.1f%% of its words missed:%s%s\n", q->q, q->lemma, 100.0 * (double)lost / (double)all,
			      ts_buf_str(&line), shown > 8 ? " ..." : "");
	ts_buf_free(&line);
	free(forms);
}

/* The marks of a page, as ts_search() makes them: the 20 best documents (BM25 over the
 * documents' tables; the tables of other records are left out), then for each one statement that
 * highlights its title and cuts a snippet of its body. */
static void marks(sqlite3 *db, const char *const *fts, int nfts, const char *expr, const char *access)
{
	struct top {
		int t;
		sqlite3_int64 rowid;
		double score;
	} top[64];
	int n = 0;

	for (int k = 0; k < nfts && n < 40; k++) {
		char sql[1024];
		sqlite3_stmt *s;
		if (!strstr(fts[k], "doc"))
			continue;
		snprintf(sql, sizeof(sql),
			 "SELECT %s.rowid, bm25(%s, 10.0, 1.0) FROM %s JOIN search_items i ON i.id = %s.rowid WHERE %s MATCH ? "
			 "AND %s ORDER BY 2 LIMIT 20", fts[k], fts[k], fts[k], fts[k], fts[k], access);
		if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
			die(sql, sqlite3_errmsg(db));
		sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW && n < 60)
			top[n++] = (struct top){k, sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1)};
		sqlite3_finalize(s);
	}
	for (int i = 0; i < n && i < 20; i++) { /* the best 20 (bm25: the lower, the better) */
		int b = i;
		for (int j = i + 1; j < n; j++)
			if (top[j].score < top[b].score)
				b = j;
		struct top x = top[i];
		top[i] = top[b], top[b] = x;
	}
	for (int i = 0; i < n && i < 20; i++) {
		char sql[1024];
		sqlite3_stmt *s;
		const char *f = fts[top[i].t];
		snprintf(sql, sizeof(sql),
			 "SELECT highlight(%s, 0, char(2), char(3)), snippet(%s, 1, char(2), char(3), '…', 24), i.rid FROM %s "
			 "JOIN search_items i ON i.id = %s.rowid WHERE %s MATCH ? AND %s.rowid = ?", f, f, f, f, f, f);
		if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
			die(sql, sqlite3_errmsg(db));
		sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, top[i].rowid);
		while (sqlite3_step(s) == SQLITE_ROW)
			(void)sqlite3_column_text(s, 1);
		sqlite3_finalize(s);
	}
}

/* ---- timings ---- */

enum { S_ANON, S_ADMIN, S_PLAIN_TANSIQ, S_PLAIN_U61, NSIDES };
static const char *const side_names[NSIDES] = {
	"ts_search, anonymous (public docs)", "ts_search, administrator (all)", "plain FTS5, tansiq tokenizer",
	"plain FTS5, unicode61"};

/* ts_search()'s statements apart (lib/search/search.c), on the store's database, for the
 * anonymous reader: its one pass over every match of every table (the facets' values and BM25),
 * the best 20 alone (the least a ranked answer costs), the marks of the page's 20 hits (one
 * statement each: highlight and snippet of one rowid), and the matches counted (FTS5's floor). */
enum { P_PASS, P_TOP, P_MARKS, P_COUNT, NPARTS };
static const char *const part_names[NPARTS] = {
	"one pass: every match joined to search_items, bm25", "the best 20 alone: ORDER BY bm25 LIMIT 20",
	"marks of 20 hits: highlight + snippet, one rowid each", "count(*) of the matches alone"};

typedef struct series {
	double *v;
	int n, cap;
} series;

static void add(series *s, double x)
{
	if (s->n == s->cap) {
		double *v = realloc(s->v, (size_t)(s->cap = s->cap ? s->cap * 2 : 64) * sizeof(double));
		if (!v)
			die("out of memory", NULL);
		s->v = v;
	}
	s->v[s->n++] = x;
}

static double sp(series *s, double p)
{
	if (!s->n)
		return 0;
	qsort(s->v, (size_t)s->n, sizeof(double), cmp);
	return pct(s->v, s->n, p);
}

static void search(ts_store *st, const ts_viewer *v, const char *text, const char *lang, const char *type,
		   long *total)
{
	ts_search_query q;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;
	char *body;

	ts_store_set_viewer(st, v);
	ts_search_query_init(&q);
	if (ts_search_param(&q, "q", text, &err) || (lang && ts_search_param(&q, "lang", lang, &err)) ||
	    (type && ts_search_param(&q, "type", type, &err)) || ts_search(st, &q, &out, &err))
		die("ts_search", err.detail);
	if (total)
		*total = (long)json_integer_value(json_object_get(out, "total"));
	body = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(15));
	free(body);
	json_decref(out);
}

int main(int argc, char **argv)
{
	ts_store *st;
	ts_error err = TS_ERROR_INIT;
	ts_viewer admin = {TS_ROLE_ADMIN, "bench", ""}, anon = {0, "", ""};
	int runs = argc > 3 ? atoi(argv[3]) : 10;
	char path[4096], *ctext, *qtext, **cf, **qf;
	size_t clen, qlen, nd, nq;
	doc *d;
	query *qs;
	double body_mb = 0, store_s, store_cpu, plain_t_s, plain_u_s;
	sqlite3 *pt, *pu, *sdb;
	const char *fts[MAX_FTS];
	int nfts = 0;
	ts_buf access = TS_BUF_INIT;
	series side[NSIDES] = {{0}}, part[NPARTS] = {{0}};
	int met;

	if (argc < 3 || runs < 1) {
		fprintf(stderr, "usage: search-time DATA_DIR CORPUS_DIR [RUNS]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/corpus.tsv", argv[2]);
	ctext = slurp(path, &clen);
	nd = split(ctext, 8, &cf);
	d = calloc(nd, sizeof(doc));
	for (size_t i = 0; d && i < nd; i++) {
		char **f = cf + i * 8;
		d[i] = (doc){f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]};
		body_mb += (double)strlen(f[7]) / 1e6;
	}
	snprintf(path, sizeof(path), "%s/queries.tsv", argv[2]);
	qtext = slurp(path, &qlen);
	nq = split(qtext, 6, &qf);
	qs = calloc(nq, sizeof(query));
	if (!d || !qs)
		die("out of memory", NULL);
	for (size_t i = 0; i < nq; i++) {
		char **f = qf + i * 6, *p = f[4];
		qs[i] = (query){f[0], f[1], f[2], f[3], f[5], NULL, 0};
		qs[i].rel = malloc((strlen(p) / 2 + 1) * sizeof(int));
		while (qs[i].rel && *p) {
			char *e;
			qs[i].rel[qs[i].nrel++] = (int)strtol(p, &e, 10);
			p = *e ? e + 1 : e;
		}
	}
	printf("Corpus: %zu documents, %.1f MB of body text (%.0f bytes a document); %zu queries; %d runs each\n\n", nd,
	       body_mb, body_mb * 1e6 / (double)nd, nq, runs);

	/* ---- 1. indexing */
	if (ts_init() || ts_store_open(&st, argv[1], 0, &err))
		die("opening the store", err.detail);
	ts_store_set_viewer(st, &admin);
	fprintf(stderr, "search-time: creating %zu documents in the store...\n", nd);
	{
		double w0 = ms(CLOCK_MONOTONIC), c0 = ms(CLOCK_PROCESS_CPUTIME_ID);
		if (ts_store_begin(st, &err))
			die("begin", err.detail);
		for (size_t i = 0; i < nd; i++) {
			json_t *rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", d[i].id, "title", d[i].title,
						"lang", d[i].lang, "kind", d[i].kind, "date", d[i].date, "organ", d[i].organ,
						"level", d[i].level, "body", d[i].body);
			if (!rec || ts_record_create(st, &ts_entity_document, rec, NULL, &err)) {
				fprintf(stderr, "search-time: document %s: %s\n", d[i].id, err.detail);
				return 2;
			}
			json_decref(rec);
			if (i % 20000 == 19999)
				fprintf(stderr, "search-time:   %zu\n", i + 1);
		}
		if (ts_store_commit(st, &err))
			die("commit", err.detail);
		store_s = (ms(CLOCK_MONOTONIC) - w0) / 1e3;
		store_cpu = (ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1e3;
	}
	fprintf(stderr, "search-time: the plain FTS5 tables, tansiq then unicode61...\n");
	snprintf(path, sizeof(path), "%s/fts-tansiq.db", argv[2]);
	pt = open_db(path, 1, 0);
	plain_t_s = fill_plain(pt, "tansiq", 1, d, nd);
	snprintf(path, sizeof(path), "%s/fts-unicode61.db", argv[2]);
	pu = open_db(path, 1, 0);
	plain_u_s = fill_plain(pu, "unicode61 remove_diacritics 2", 0, d, nd);

	printf("Indexing %.1f MB of body text            seconds     MB/s\n", body_mb);
	printf("  tansiq: ts_record_create, one transaction %7.1f %8.2f   (CPU %.1f s: checks, row, index, audit)\n",
	       store_s, body_mb / store_s, store_cpu);
	printf("  tansiq: plain FTS5, tokenize 'tansiq LANG' %7.1f %8.2f\n", plain_t_s, body_mb / plain_t_s);
	printf("  unicode61 remove_diacritics 2, plain FTS5 %7.1f %8.2f\n\n", plain_u_s, body_mb / plain_u_s);

	/* the store's FTS5 tables, for ts_search()'s statements apart */
	snprintf(path, sizeof(path), "%s/tansiq.db", argv[1]);
	sdb = open_db(path, 0, 1);
	{
		sqlite3_stmt *s;
		sqlite3_prepare_v2(sdb,
				   "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%fts5%' AND "
				   "sql LIKE '%search_texts%' ORDER BY name", -1, &s, NULL);
		while (s && sqlite3_step(s) == SQLITE_ROW && nfts < MAX_FTS)
			fts[nfts++] = strdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	ts_access_sql(&anon, "i", 1, &access);

	/* ---- 2, 3. queries */
	fprintf(stderr, "search-time: %zu queries, %d runs each...\n", nq, runs);
	printf("Query latency, ms (median over the runs of each query; the rows: by group of queries)\n");
	printf("%-14s %4s %8s %8s %8s %8s   %8s %8s %8s %8s  %s\n", "group", "n", "anon", "admin", "tansiq", "u61",
	       "pass", "top20", "marks", "count", "matches (admin total)");
	{
		const char *groups[] = {"ar-variant", "en", "fr", "two-words", "phrase", "prefix", "or", NULL};
		for (int g = 0; groups[g]; g++) {
			series gs[NSIDES] = {{0}}, gp[NPARTS] = {{0}};
			long tot_lo = -1, tot_hi = 0;
			int n = 0;
			for (size_t i = 0; i < nq; i++) {
				ts_buf expr = TS_BUF_INIT;
				series one[NSIDES] = {{0}}, onep[NPARTS] = {{0}};
				long total = 0;
				if (strcmp(qs[i].group, groups[g]))
					continue;
				n++;
				if (!ts_search_expr(qs[i].q, &expr) || !ts_buf_str(&expr))
					die("no expression for", qs[i].q);
				for (int r = -1; r < runs; r++) {
					double t;
					t = ms(CLOCK_MONOTONIC);
					search(st, NULL, qs[i].q, NULL, NULL, NULL);
					if (r >= 0)
						add(&one[S_ANON], ms(CLOCK_MONOTONIC) - t);
					t = ms(CLOCK_MONOTONIC);
					search(st, &admin, qs[i].q, NULL, NULL, &total);
					if (r >= 0)
						add(&one[S_ADMIN], ms(CLOCK_MONOTONIC) - t);
					t = ms(CLOCK_MONOTONIC);
					plain_search(pt, ts_buf_str(&expr));
					if (r >= 0)
						add(&one[S_PLAIN_TANSIQ], ms(CLOCK_MONOTONIC) - t);
					t = ms(CLOCK_MONOTONIC);
					plain_search(pu, ts_buf_str(&expr));
					if (r >= 0)
						add(&one[S_PLAIN_U61], ms(CLOCK_MONOTONIC) - t);
					/* ts_search()'s statements apart, every FTS5 table of the index, anonymous */
					for (int p = 0; p < NPARTS; p++) {
						t = ms(CLOCK_MONOTONIC);
						if (p == P_MARKS)
							marks(sdb, fts, nfts, ts_buf_str(&expr), ts_buf_str(&access));
						for (int k = 0; k < nfts && p != P_MARKS; k++) {
							char sql[1024];
							const char *f = fts[k];
							if (p == P_PASS)
								snprintf(sql, sizeof(sql),
									 "SELECT i.collection, i.rid, i.kind, i.year, i.organ, bm25(%s, 10.0, 1.0), "
									 "%s.rowid FROM %s JOIN search_items i ON i.id = %s.rowid WHERE %s MATCH ? AND %s",
									 f, f, f, f, f, ts_buf_str(&access));
							else if (p == P_TOP)
								snprintf(sql, sizeof(sql),
									 "SELECT i.collection, i.rid, bm25(%s, 10.0, 1.0) FROM %s JOIN search_items i ON "
									 "i.id = %s.rowid WHERE %s MATCH ? AND %s ORDER BY 3 LIMIT ?",
									 f, f, f, f, ts_buf_str(&access));
							else
								snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE %s MATCH ?", f, f);
							run(sdb, sql, ts_buf_str(&expr), p == P_TOP ? 20 : 0);
						}
						if (r >= 0)
							add(&onep[p], ms(CLOCK_MONOTONIC) - t);
					}
				}
				for (int s = 0; s < NSIDES; s++) {
					for (int k = 0; k < one[s].n; k++)
						add(&side[s], one[s].v[k]);
					add(&gs[s], sp(&one[s], 0.5));
					free(one[s].v);
				}
				for (int p = 0; p < NPARTS; p++) {
					for (int k = 0; k < onep[p].n; k++)
						add(&part[p], onep[p].v[k]);
					add(&gp[p], sp(&onep[p], 0.5));
					free(onep[p].v);
				}
				if (tot_lo < 0 || total < tot_lo)
					tot_lo = total;
				if (total > tot_hi)
					tot_hi = total;
				ts_buf_free(&expr);
			}
			if (!n)
				continue;
			printf("%-14s %4d", groups[g], n);
			for (int s = 0; s < NSIDES; s++)
				printf(" %8.2f", sp(&gs[s], 0.5));
			printf("  ");
			for (int p = 0; p < NPARTS; p++)
				printf(" %8.2f", sp(&gp[p], 0.5));
			printf("  %ld to %ld\n", tot_lo, tot_hi);
			for (int s = 0; s < NSIDES; s++)
				free(gs[s].v);
			for (int p = 0; p < NPARTS; p++)
				free(gp[p].v);
		}
	}
	printf("\nAll %zu queries x %d runs        median ms   p99 ms\n", nq, runs);
	for (int s = 0; s < NSIDES; s++)
		printf("  %-36s %8.2f %8.2f\n", side_names[s], sp(&side[s], 0.5), sp(&side[s], 0.99));
	printf("ts_search's statements apart (anonymous, all %d FTS5 tables of the index):\n", nfts);
	for (int p = 0; p < NPARTS; p++)
		printf("  %-50s %8.2f %8.2f\n", part_names[p], sp(&part[p], 0.5), sp(&part[p], 0.99));

	/* ---- 4. recall */
	{
		unsigned char *ht = malloc(nd), *hu = malloc(nd), *rel = malloc(nd);
		double rt = 0, ru = 0, pt_sum = 0, pu_sum = 0;
		int n = 0, agree = 1;
		const char *doc_ar = NULL;
		ts_buf missed = TS_BUF_INIT;
		sqlite3 *probe = open_db(":memory:", 0, 0);
		exec(probe, "CREATE VIRTUAL TABLE probe USING fts5(w, tokenize = 'tansiq ar')");
		for (int k = 0; k < nfts; k++)
			if (strstr(fts[k], "doc_ar") || !strcmp(fts[k], "search_ar"))
				doc_ar = fts[k];
		if (!ht || !hu || !rel)
			die("out of memory", NULL);
		printf("\nRecall of the Arabic queries in other forms (every match counted; relevant: the documents with "
		       "any form of the lemma)\n");
		printf("%-16s %-12s %8s  %8s %7s %7s  %8s %7s %7s\n", "query", "lemma", "relevant", "tansiq", "recall", "prec.",
		       "u61", "recall", "prec.");
		for (size_t i = 0; i < nq; i++) {
			ts_buf expr = TS_BUF_INIT;
			long ct, cu, tt, tu, total = 0;
			if (strcmp(qs[i].group, "ar-variant"))
				continue;
			ts_search_expr(qs[i].q, &expr);
			memset(rel, 0, nd);
			for (int k = 0; k < qs[i].nrel; k++)
				if (qs[i].rel[k] >= 0 && (size_t)qs[i].rel[k] < nd)
					rel[qs[i].rel[k]] = 1;
			ct = matches(pt, ts_buf_str(&expr), ht, nd);
			cu = matches(pu, ts_buf_str(&expr), hu, nd);
			tt = tu = 0;
			for (size_t k = 0; k < nd; k++) {
				tt += ht[k] && rel[k];
				tu += hu[k] && rel[k];
			}
			/* ts_search's total counts the default data's Arabic documents too */
			search(st, &admin, qs[i].q, "ar", "documents", &total);
			if (doc_ar) {
				char sql[512];
				sqlite3_stmt *c;
				snprintf(sql, sizeof(sql),
					 "SELECT count(*) FROM %s JOIN search_items i ON i.id = %s.rowid WHERE %s MATCH ? AND "
					 "i.collection = 'documents' AND i.rid NOT LIKE 'gen-%%'", doc_ar, doc_ar, doc_ar);
				if (sqlite3_prepare_v2(sdb, sql, -1, &c, NULL) != SQLITE_OK)
					die(sql, sqlite3_errmsg(sdb));
				sqlite3_bind_text(c, 1, ts_buf_str(&expr), -1, SQLITE_STATIC);
				if (sqlite3_step(c) == SQLITE_ROW)
					total -= sqlite3_column_int64(c, 0);
				sqlite3_finalize(c);
			}
			if (total != ct) {
				agree = 0;
				fprintf(stderr, "search-time: %s: ts_search's total %ld (the generated documents), the plain tansiq "
					"table %ld\n", qs[i].q, total, ct);
			}
			misses(probe, &qs[i], ts_buf_str(&expr), &missed);
			{
				double r1 = qs[i].nrel ? (double)tt / qs[i].nrel : 1, r2 = qs[i].nrel ? (double)tu / qs[i].nrel : 1;
				double p1 = ct ? (double)tt / (double)ct : 1, p2 = cu ? (double)tu / (double)cu : 1;
				/* %-*s counts bytes: pad Arabic (2 bytes a letter) by its letters */
				int w1 = 16 + (int)(strlen(qs[i].q) - strlen(qs[i].q) / 2), w2 = 12 + (int)(strlen(qs[i].lemma) / 2);
				printf("%-*s %-*s %8d  %8ld %7.3f %7.3f  %8ld %7.3f %7.3f\n", w1, qs[i].q, w2, qs[i].lemma, qs[i].nrel,
				       ct, r1, p1, cu, r2, p2);
				rt += r1, ru += r2, pt_sum += p1, pu_sum += p2;
			}
			n++;
			ts_buf_free(&expr);
		}
		if (n) {
			rt /= n, ru /= n, pt_sum /= n, pu_sum /= n;
		}
		printf("%-29s %8s  %8s %7.3f %7.3f  %8s %7.3f %7.3f\n", "mean of the queries", "", "", rt, pt_sum, "", ru,
		       pu_sum);
		printf("ts_search's total (documents in Arabic, administrator, less the default data's) %s the plain tansiq "
		       "table's count%s\n", agree ? "equals" : "DIFFERS FROM", agree ? " for every query" : " (above)");
		printf("\nForms of the lemmas that tansiq does not join to the query, as written in the first 2,000 documents "
		       "(form:occurrences):\n%s", ts_buf_str(&missed) ? ts_buf_str(&missed) : "  none\n");
		ts_buf_free(&missed);
		sqlite3_close(probe);
		met = sp(&side[S_ANON], 0.5) < TARGET_MS && rt >= ru + 0.2;
		printf("\nTargets: median ts_search under %.0f ms: %s (%.2f ms anonymous, %.2f ms administrator); recall well "
		       "above unicode61's: %s (%.3f against %.3f)\n",
		       TARGET_MS, sp(&side[S_ANON], 0.5) < TARGET_MS ? "PASS" : "MISS", sp(&side[S_ANON], 0.5),
		       sp(&side[S_ADMIN], 0.5), rt >= ru + 0.2 ? "PASS" : "MISS", rt, ru);
		free(ht), free(hu), free(rel);
	}
	printf("%s\n", met ? "target met" : "target missed");

	for (int s = 0; s < NSIDES; s++)
		free(side[s].v);
	for (int p = 0; p < NPARTS; p++)
		free(part[p].v);
	for (int k = 0; k < nfts; k++)
		free((void *)fts[k]);
	for (size_t i = 0; i < nq; i++)
		free(qs[i].rel);
	ts_buf_free(&access);
	sqlite3_close(pt);
	sqlite3_close(pu);
	sqlite3_close(sdb);
	ts_store_close(st);
	free(qs), free(d), free(cf), free(qf), free(ctext), free(qtext);
	return met ? 0 : 1;
}
