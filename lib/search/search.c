/* Searching (search.h): the user's words made an FTS5 expression, run on the index of each
 * language (index.c) under the reader's access condition, hits merged by BM25, snippets marked,
 * facets counted over the whole result. What the reader may not read is filtered in the same SQL
 * as the match, so it is never ranked, counted or quoted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h" /* ts_enum_index */
#include "tansiq/records.h"
#include "tansiq/registry.h"
#include "tansiq/search.h"
#include "search_int.h"

#define MAX_TERMS 32
#define MAX_OFFSET 1000
#define MARK_ON "\x02"
#define MARK_OFF "\x03"

void ts_search_query_init(ts_search_query *q)
{
	memset(q, 0, sizeof(*q));
	q->limit = TS_SEARCH_LIMIT_DEFAULT;
}

static int number(const char *name, const char *value, long lo, long hi, long *out, ts_error *err)
{
	char *end;
	long n = strtol(value, &end, 10);

	if (!*value || *end || n < lo || n > hi)
		return ts_fail(err, TS_INVALID_PARAMETER, name, "parameter '%s': '%.40s' is not a number from %ld to %ld", name,
			       value, lo, hi);
	*out = n;
	return 0;
}

int ts_search_param(ts_search_query *q, const char *name, const char *value, ts_error *err)
{
	long n;

	if (!value)
		value = "";
	if (!strcmp(name, "q")) {
		if (strlen(value) > TS_SEARCH_MAX_QUERY)
			return ts_fail(err, TS_INVALID_PARAMETER, "q", "parameter 'q' is longer than %d bytes; search for fewer words",
				       TS_SEARCH_MAX_QUERY);
		snprintf(q->q, sizeof(q->q), "%s", value);
		return 0;
	}
	if (!strcmp(name, "lang")) {
		if (*value && strcmp(value, "ar") && strcmp(value, "en") && strcmp(value, "fr"))
			return ts_fail(err, TS_INVALID_PARAMETER, "lang", "parameter 'lang': '%.20s' is not a language; use ar, en or fr",
				       value);
		snprintf(q->lang, sizeof(q->lang), "%s", value);
		return 0;
	}
	if (!strcmp(name, "kind")) {
		if (*value && ts_enum_index(ts_document_kinds, value) < 0)
			return ts_fail(err, TS_INVALID_PARAMETER, "kind",
				       "parameter 'kind': '%.20s' is not a kind of document; use resolution, report, communique, "
				       "statement, press or note", value);
		snprintf(q->kind, sizeof(q->kind), "%s", value);
		return 0;
	}
	if (!strcmp(name, "type")) {
		const ts_entity *e = *value ? ts_schema_entity(ts_schema_all(), value) : NULL;
		if (*value && (!e || !ts_search_indexed(e) || strcmp(e->collection, value)))
			return ts_fail(err, TS_INVALID_PARAMETER, "type",
				       "parameter 'type': '%.30s' is not searched; use documents, states, organisations, organs, "
				       "persons, meetings, resolutions, paragraphs, conflicts or processes", value);
		snprintf(q->type, sizeof(q->type), "%s", value);
		return 0;
	}
	if (!strcmp(name, "organ")) {
		if (strlen(value) >= sizeof(q->organ))
			return ts_fail(err, TS_INVALID_PARAMETER, "organ", "parameter 'organ': give the id of an organ, such as cfm");
		snprintf(q->organ, sizeof(q->organ), "%s", value);
		return 0;
	}
	if (!strcmp(name, "year")) {
		if (!*value) {
			q->year = 0;
			return 0;
		}
		if (number("year", value, 1000, 2999, &n, err))
			return -1;
		q->year = (int)n;
		return 0;
	}
	if (!strcmp(name, "limit"))
		return number("limit", value, 1, TS_SEARCH_LIMIT_MAX, &q->limit, err);
	if (!strcmp(name, "offset"))
		return number("offset", value, 0, MAX_OFFSET, &q->offset, err);
	return ts_fail(err, TS_UNKNOWN_PARAMETER, name,
		       "unknown parameter '%.40s'; use q, lang, kind, type, organ, year, limit or offset", name);
}

/* ---- the query's syntax ---- */

/* Whether s (n bytes) holds something a word is made of: an ASCII letter or digit, or any
 * character beyond ASCII that the tokenizer may take (it decides; a term it makes nothing of
 * matches nothing, see quote()). */
static int wordy(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80)
			return 1;
	}
	return 0;
}

/* Appends s (n bytes) as an FTS5 string: in double quotes, a quote doubled; control characters,
 * which no text holds, become spaces. */
static void quote(ts_buf *out, const char *s, size_t n)
{
	ts_buf_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			ts_buf_adds(out, "\"\"");
		else
			ts_buf_addc(out, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
	}
	ts_buf_addc(out, '"');
}

/* Makes the FTS5 expression of the user's words q: terms and phrases ANDed, OR between two of
 * them, -term excluded, term* a prefix. Returns the number of terms that must or may be found
 * (0: nothing to search for). */
int ts_search_expr(const char *q, ts_buf *out)
{
	ts_buf pos = TS_BUF_INIT, neg = TS_BUF_INIT;
	int npos = 0, nterms = 0, or_next = 0, group_open = 0;
	const char *p = q;

	while (*p && nterms < MAX_TERMS) {
		const char *s, *e;
		int negative = 0, prefix = 0, phrase = 0;
		ts_buf *dst;
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
			continue;
		}
		if (*p == '-' && p[1] && p[1] != ' ') {
			negative = 1;
			p++;
		}
		if (*p == '"') {
			phrase = 1;
			s = ++p;
			while (*p && *p != '"')
				p++;
			e = p;
			if (*p)
				p++;
		} else {
			s = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '"')
				p++;
			e = p;
		}
		if (!phrase && e - s == 2 && !memcmp(s, "OR", 2) && !negative) {
			or_next = npos > 0;
			continue;
		}
		if (!phrase)
			while (e > s && e[-1] == '*') {
				prefix = 1;
				e--;
			}
		if (!wordy(s, (size_t)(e - s))) {
			or_next = 0;
			continue;
		}
		nterms++;
		dst = negative ? &neg : &pos;
		if (negative) {
			ts_buf_adds(dst, " NOT ");
		} else if (npos && or_next) {
			/* a OR b: the previous term and this one make one group */
			ts_buf_adds(dst, " OR ");
		} else {
			if (group_open)
				ts_buf_adds(dst, ")");
			ts_buf_adds(dst, npos ? " AND (" : "(");
			group_open = 1;
		}
		quote(dst, s, (size_t)(e - s));
		if (prefix)
			ts_buf_adds(dst, " *");
		if (!negative)
			npos++;
		or_next = 0;
	}
	if (group_open)
		ts_buf_adds(&pos, ")");
	if (npos) {
		ts_buf_add(out, pos.data, pos.len);
		ts_buf_add(out, neg.data ? neg.data : "", neg.len);
	}
	ts_buf_free(&pos);
	ts_buf_free(&neg);
	return npos;
}

/* ---- running it ---- */

typedef struct hit {
	char *collection, *rid, *lang, *title, *snippet;
	double score;
} hit;

typedef struct hits {
	hit *v;
	size_t n, cap;
	int oom;
	const char *prefer; /* the language whose item stands for a record found in several */
} hits;

static char *dup(const char *s) { return s ? strdup(s) : strdup(""); }

/* BM25 as the store gives a real: its text. */
static double score(const ts_value *c)
{
	return c->type == TS_V_TEXT ? strtod(c->s, NULL) : (double)c->i;
}

static int collect_hit(void *ctx, const ts_value *c, int n)
{
	hits *h = ctx;
	hit x;

	if (n < 6)
		return 0;
	for (size_t i = 0; i < h->n; i++) /* the same record in another language: keep the best */
		if (!strcmp(h->v[i].collection, c[0].s) && !strcmp(h->v[i].rid, c[1].s)) {
			int pref = *h->prefer && !strcmp(c[2].s, h->prefer), was = *h->prefer && !strcmp(h->v[i].lang, h->prefer);
			if (pref || (!was && score(&c[3]) < h->v[i].score)) {
				char *t = dup(c[4].s), *s = dup(c[5].s), *l = dup(c[2].s);
				if (!t || !s || !l) {
					free(t), free(s), free(l);
					return h->oom = 1;
				}
				free(h->v[i].title), free(h->v[i].snippet), free(h->v[i].lang);
				h->v[i].title = t, h->v[i].snippet = s, h->v[i].lang = l, h->v[i].score = score(&c[3]);
			}
			return 0;
		}
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 32;
		hit *v = realloc(h->v, cap * sizeof(*v));
		if (!v)
			return h->oom = 1;
		h->v = v, h->cap = cap;
	}
	x = (hit){dup(c[0].s), dup(c[1].s), dup(c[2].s), dup(c[4].s), dup(c[5].s), score(&c[3])};
	h->v[h->n++] = x;
	if (!x.collection || !x.rid || !x.lang || !x.title || !x.snippet)
		return h->oom = 1;
	return 0;
}

static void hits_free(hits *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].collection), free(h->v[i].rid), free(h->v[i].lang);
		free(h->v[i].title), free(h->v[i].snippet);
	}
	free(h->v);
}

/* Documents and other records are ranked in tables of their own (search_int.h), whose BM25
 * scores do not compare: each hit's score becomes its share of the best of its kind, so that the
 * best document and the best record come first together, then the rest in the order of their
 * share. Scores are then positive, the higher the better. */
static void normalise(hits *h)
{
	double best[2] = {0, 0};

	for (size_t i = 0; i < h->n; i++) {
		int d = !strcmp(h->v[i].collection, "documents");
		h->v[i].score = -h->v[i].score; /* bm25(): the lower, the better */
		if (h->v[i].score > best[d])
			best[d] = h->v[i].score;
	}
	for (size_t i = 0; i < h->n; i++) {
		int d = !strcmp(h->v[i].collection, "documents");
		h->v[i].score = best[d] > 0 ? h->v[i].score / best[d] : 0;
	}
}

static int by_score(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	int c;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	c = strcmp(x->collection, y->collection);
	return c ? c : strcmp(x->rid, y->rid);
}

/* The filters of q other than the match, on the item alias i, with their parameters. */
static void filters(const ts_search_query *q, ts_buf *sql, ts_value *p, int *np)
{
	if (*q->type) {
		ts_buf_adds(sql, " AND i.\"collection\" = ?");
		p[(*np)++] = (ts_value){TS_V_TEXT, 0, q->type, 0};
	}
	if (*q->kind) {
		ts_buf_adds(sql, " AND i.\"kind\" = ?");
		p[(*np)++] = (ts_value){TS_V_TEXT, 0, q->kind, 0};
	}
	if (*q->organ) {
		ts_buf_adds(sql, " AND i.\"organ\" = ?");
		p[(*np)++] = (ts_value){TS_V_TEXT, 0, q->organ, 0};
	}
	if (q->year) {
		ts_buf_adds(sql, " AND i.\"year\" = ?");
		p[(*np)++] = (ts_value){TS_V_INT, q->year, NULL, 0};
	}
}

/* The text between the marks made a JSON array: plain text first, then matched and plain in
 * turn. */
static json_t *segments(const char *s)
{
	json_t *a = json_array();
	int on = 0;

	while (a && s) {
		size_t n = strcspn(s, on ? MARK_OFF : MARK_ON);
		json_array_append_new(a, json_stringn(s, n));
		if (!s[n])
			break;
		s += n + 1;
		on = !on;
	}
	return a;
}

/* The first words of a marked text, marks removed, cut at a word before 100 bytes. */
static void untitled(const char *s, ts_buf *out)
{
	size_t cut = 0, n = 0;

	if (!s)
		return;
	if (!strncmp(s, "…", strlen("…")))
		s += strlen("…");
	for (; s[n] && n < 100; n++)
		if (s[n] == ' ' || s[n] == '\n')
			cut = n;
	if (!s[n])
		cut = n;
	for (size_t i = 0; i < cut; i++)
		if (s[i] != MARK_ON[0] && s[i] != MARK_OFF[0])
			ts_buf_addc(out, s[i] == '\n' ? ' ' : s[i]);
	if (s[n])
		ts_buf_adds(out, "…");
}

/* ---- facets ---- */

typedef struct row {
	char *collection, *rid, *lang, *kind, *organ;
	long long year;
} row;

typedef struct rows {
	row *v;
	size_t n, cap;
	int oom;
} rows;

static int collect_row(void *ctx, const ts_value *c, int n)
{
	rows *r = ctx;
	row x;

	if (n < 6)
		return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		row *v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return r->oom = 1;
		r->v = v, r->cap = cap;
	}
	x = (row){dup(c[0].s), dup(c[1].s), dup(c[2].s), c[3].type == TS_V_TEXT ? strdup(c[3].s) : NULL,
		  c[5].type == TS_V_TEXT ? strdup(c[5].s) : NULL, c[4].type == TS_V_INT ? c[4].i : 0};
	r->v[r->n++] = x;
	if (!x.collection || !x.rid || !x.lang)
		return r->oom = 1;
	return 0;
}

static void rows_free(rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].collection), free(r->v[i].rid), free(r->v[i].lang);
		free(r->v[i].kind), free(r->v[i].organ);
	}
	free(r->v);
}

static int by_record(const void *a, const void *b)
{
	const row *x = a, *y = b;
	int c = strcmp(x->collection, y->collection);

	return c ? c : strcmp(x->rid, y->rid);
}

enum { F_TYPE, F_LANG, F_KIND, F_YEAR, F_ORGAN, NFACETS };
static const char *const facet_names[NFACETS] = {"type", "lang", "kind", "year", "organ"};

/* Which of the query's filters row x fails: a bit per facet. */
static unsigned fails(const ts_search_query *q, const row *x)
{
	unsigned f = 0;

	if (*q->type && strcmp(q->type, x->collection))
		f |= 1u << F_TYPE;
	if (*q->lang && strcmp(q->lang, x->lang))
		f |= 1u << F_LANG;
	if (*q->kind && (!x->kind || strcmp(q->kind, x->kind)))
		f |= 1u << F_KIND;
	if (q->year && x->year != q->year)
		f |= 1u << F_YEAR;
	if (*q->organ && (!x->organ || strcmp(q->organ, x->organ)))
		f |= 1u << F_ORGAN;
	return f;
}

static void count_value(json_t *facet, const char *value)
{
	json_t *n;

	if (!value)
		return;
	n = json_object_get(facet, value);
	json_object_set_new(facet, value, json_integer(n ? json_integer_value(n) + 1 : 1));
}

/* Counts the rows of one record (r[0..n), its items in each language) into the facets: once per
 * facet value, when some item passes every filter but the facet's own; the language once per
 * item. Returns whether the record passes every filter. */
static int count_record(const ts_search_query *q, const row *r, size_t n, json_t *facets[NFACETS])
{
	unsigned passes_but[NFACETS] = {0};
	int passes = 0;
	char year[16];

	for (size_t i = 0; i < n; i++) {
		unsigned f = fails(q, &r[i]);
		passes |= f == 0;
		for (int d = 0; d < NFACETS; d++)
			if (!(f & ~(1u << d))) {
				passes_but[d] = 1;
				if (d == F_LANG)
					count_value(facets[F_LANG], r[i].lang);
			}
	}
	snprintf(year, sizeof(year), "%lld", r->year);
	if (passes_but[F_TYPE])
		count_value(facets[F_TYPE], r->collection);
	if (passes_but[F_KIND])
		count_value(facets[F_KIND], r->kind);
	if (passes_but[F_YEAR] && r->year)
		count_value(facets[F_YEAR], year);
	if (passes_but[F_ORGAN])
		count_value(facets[F_ORGAN], r->organ);
	return passes;
}

/* A facet's counts as [{"value", "count"}...], the largest first (years: the latest first). */
static int by_count(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t cx = json_integer_value(json_object_get(x, "count")), cy = json_integer_value(json_object_get(y, "count"));

	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strcmp(json_string_value(json_object_get(x, "value")), json_string_value(json_object_get(y, "value")));
}

static int by_value_desc(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;

	return -strcmp(json_string_value(json_object_get(x, "value")), json_string_value(json_object_get(y, "value")));
}

static json_t *facet_list(json_t *counts, int years)
{
	json_t *a = json_array();
	const char *k;
	json_t *v;

	json_object_foreach(counts, k, v)
		json_array_append_new(a, json_pack("{s:s, s:I}", "value", k, "count", json_integer_value(v)));
	ts_json_array_sort(a, years ? by_value_desc : by_count);
	return a;
}

static int run_facets(ts_store *st, const ts_search_query *q, const char *expr, const char *access, long *total,
		      json_t *out, ts_error *err)
{
	rows r = {0};
	json_t *facets[NFACETS];
	int rc = 0;
	size_t i = 0, docs = 0;

	for (int t = 0; t < TS_SEARCH_TABLES && !rc; t++) {
		const char *fts = ts_search_tables[t];
		ts_buf sql = TS_BUF_INIT;
		ts_value p = {TS_V_TEXT, 0, expr, 0};
		ts_buf_printf(&sql,
			      "SELECT i.\"collection\", i.\"rid\", i.\"lang\", i.\"kind\", i.\"year\", i.\"organ\" FROM \"%s\" "
			      "JOIN \"search_items\" i ON i.\"id\" = \"%s\".rowid WHERE \"%s\" MATCH ? AND %s",
			      fts, fts, fts, access);
		rc = ts_buf_str(&sql) ? ts_store_exec(st, ts_buf_str(&sql), &p, 1, collect_row, &r, NULL, err)
				      : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		ts_buf_free(&sql);
	}
	if (!rc && r.oom)
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	for (int d = 0; d < NFACETS; d++)
		facets[d] = json_object();
	*total = 0;
	if (!rc) {
		/* documents have one item each; the records' items are grouped after them */
		for (size_t k = 0; k < r.n; k++)
			if (!strcmp(r.v[k].collection, "documents")) {
				row t = r.v[docs];
				r.v[docs++] = r.v[k];
				r.v[k] = t;
			}
		for (; i < docs; i++)
			*total += count_record(q, &r.v[i], 1, facets);
		qsort(r.v + docs, r.n - docs, sizeof(row), by_record);
		while (i < r.n) {
			size_t j = i + 1;
			while (j < r.n && !by_record(&r.v[i], &r.v[j]))
				j++;
			*total += count_record(q, &r.v[i], j - i, facets);
			i = j;
		}
	}
	for (int d = 0; d < NFACETS; d++) {
		json_object_set_new(out, facet_names[d], facet_list(facets[d], d == F_YEAR));
		json_decref(facets[d]);
	}
	rows_free(&r);
	return rc;
}

/* The fields a document's hit shows beside its title. */
static int doc_meta(void *ctx, const ts_value *c, int n)
{
	json_t *o = ctx;
	static const char *const names[] = {"kind", "date", "organ"};

	for (int k = 0; k < n && k < 3; k++)
		json_object_set_new(o, names[k], c[k].type == TS_V_TEXT ? json_string(c[k].s) : json_null());
	return 0;
}

int ts_search(ts_store *st, const ts_search_query *q, json_t **out, ts_error *err)
{
	ts_buf expr = TS_BUF_INIT, access = TS_BUF_INIT;
	hits h = {.prefer = q->prefer};
	json_t *res = NULL, *items, *facets;
	long total = 0;
	int rc = 0;

	*out = NULL;
	if (!ts_search_expr(q->q, &expr) || !ts_buf_str(&expr)) {
		ts_buf_free(&expr);
		return ts_fail(err, TS_INVALID_PARAMETER, "q",
			       "parameter 'q': give a word to search for, such as الوساطة, mediation or médiation");
	}
	ts_access_sql(ts_store_viewer(st), "i", 1, &access);
	for (int t = 0; t < TS_SEARCH_TABLES && !rc; t++) {
		const char *fts = ts_search_tables[t];
		int docs = t < 3;
		ts_buf sql = TS_BUF_INIT;
		ts_value p[8];
		int np = 0;
		if (*q->lang && strcmp(q->lang, ts_search_langs[t % 3]))
			continue;
		/* only documents have a kind, an organ and a year */
		if ((*q->type && docs != !strcmp(q->type, "documents")) || (!docs && (*q->kind || *q->organ || q->year)))
			continue;
		p[np++] = (ts_value){TS_V_TEXT, 0, ts_buf_str(&expr), 0};
		ts_buf_printf(&sql,
			      "SELECT i.\"collection\", i.\"rid\", i.\"lang\", bm25(\"%s\", 10.0, 1.0), "
			      "highlight(\"%s\", 0, char(2), char(3)), snippet(\"%s\", 1, char(2), char(3), '…', 24) "
			      "FROM \"%s\" JOIN \"search_items\" i ON i.\"id\" = \"%s\".rowid WHERE \"%s\" MATCH ? AND %s",
			      fts, fts, fts, fts, fts, fts, ts_buf_str(&access));
		filters(q, &sql, p, &np);
		ts_buf_adds(&sql, " ORDER BY 4 LIMIT ?");
		p[np++] = (ts_value){TS_V_INT, q->offset + q->limit, NULL, 0};
		rc = ts_buf_str(&sql) ? ts_store_exec(st, ts_buf_str(&sql), p, np, collect_hit, &h, NULL, err)
				      : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		ts_buf_free(&sql);
	}
	if (!rc && h.oom)
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	res = json_object();
	facets = json_object();
	items = json_array();
	if (!rc)
		rc = run_facets(st, q, ts_buf_str(&expr), ts_buf_str(&access), &total, facets, err);
	if (!rc) {
		normalise(&h);
		qsort(h.v, h.n, sizeof(hit), by_score);
		for (size_t i = (size_t)q->offset; i < h.n && i < (size_t)(q->offset + q->limit) && !rc; i++) {
			hit *x = &h.v[i];
			json_t *o = json_object(), *title = segments(x->title);
			ts_buf plain = TS_BUF_INIT;
			size_t k;
			json_t *seg;
			json_array_foreach(title, k, seg)
				ts_buf_adds(&plain, json_string_value(seg));
			json_object_set_new(o, "type", json_string(x->collection));
			json_object_set_new(o, "id", json_string(x->rid));
			if (!plain.len) { /* a record named by its text (a paragraph): the snippet's beginning */
				untitled(x->snippet, &plain);
				json_decref(title);
				title = json_pack("[s]", ts_buf_str(&plain) ? ts_buf_str(&plain) : "");
			}
			json_object_set_new(o, "title", json_string(ts_buf_str(&plain) ? ts_buf_str(&plain) : ""));
			json_object_set_new(o, "title_marked", title);
			json_object_set_new(o, "lang", json_string(x->lang));
			json_object_set_new(o, "score", json_real(x->score));
			json_object_set_new(o, "snippet", segments(x->snippet));
			ts_buf_free(&plain);
			if (!strcmp(x->collection, "documents")) {
				ts_value p = {TS_V_TEXT, 0, x->rid, 0};
				rc = ts_store_exec(st, "SELECT \"kind\", \"date\", \"organ\" FROM \"documents\" WHERE \"id\" = ?", &p,
						   1, doc_meta, o, NULL, err);
			}
			json_array_append_new(items, o);
		}
	}
	if (rc) {
		json_decref(res);
		json_decref(items);
		json_decref(facets);
		res = NULL;
	} else {
		json_object_set_new(res, "query", json_string(q->q));
		json_object_set_new(res, "total", json_integer(total));
		json_object_set_new(res, "items", items);
		json_object_set_new(res, "facets", facets);
	}
	hits_free(&h);
	ts_buf_free(&expr);
	ts_buf_free(&access);
	*out = res;
	return rc;
}
