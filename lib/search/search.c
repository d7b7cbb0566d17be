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
#include "tansiq/text.h"
#include "search_int.h"

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
	long n = 0; /* set by number() when it succeeds; 0 keeps -O3 from seeing it unset */

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

static int one_token(void *ctx, const char *token, size_t len, size_t start, size_t end, int colocated)
{
	(void)ctx, (void)token, (void)len, (void)start, (void)end, (void)colocated;
	return 1;
}

/* Whether s (n bytes) holds a word the tokenizer makes a token of (text.h), not only
 * punctuation such as « — » or ،؟. Without a tokenizer (out of memory), any letter, digit or
 * character beyond ASCII counts. */
static int wordy(ts_text *tx, const char *s, size_t n)
{
	if (tx)
		return ts_text_tokens(tx, s, n, TS_TEXT_BOUNDS, one_token, NULL) == 1; /* no stemming needed */
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
	ts_text *tx = ts_text_new(TS_EN);

	while (*p) {
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
		if (!wordy(tx, s, (size_t)(e - s))) {
			or_next = 0;
			continue;
		}
		if (++nterms > TS_SEARCH_MAX_TERMS) {
			npos = -1;
			break;
		}
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
	ts_text_free(tx);
	if (group_open)
		ts_buf_adds(&pos, ")");
	if (npos > 0) {
		ts_buf_add(out, pos.data, pos.len);
		ts_buf_add(out, neg.data ? neg.data : "", neg.len);
	}
	ts_buf_free(&pos);
	ts_buf_free(&neg);
	return npos;
}

/* ---- running it ---- */

/* One pass over every match of every table gives both the facets (counted over the whole result)
 * and the ranking (among the matches that pass the filters): BM25 has to be computed for each
 * match anyway, and a second pass would walk them all again. A match holds small values only:
 * interned collection names and organs, indexes, the score; the id of a document is read for the
 * page only. */
typedef struct row {
	const char *collection; /* an entity's collection name (interned) */
	char *rid;              /* records only (a record counts once across its languages) */
	int kind, organ, year;  /* documents: index in ts_document_kinds, in rows.organs; -1, 0: none */
	int t;                  /* the table: its language is t % 3 */
	long long rowid;
	double score;           /* -bm25(): the higher, the better */
} row;

typedef struct rows {
	row *v;
	size_t n, cap;
	char **organs;
	int norgans, cap_organs;
	const ts_schema *schema;
	const char *last;       /* the last collection interned */
	int t, oom;
} rows;

static double real(const ts_value *c)
{
	return c->type == TS_V_TEXT ? strtod(c->s, NULL) : (double)c->i;
}

static int intern_organ(rows *r, const char *s)
{
	for (int i = 0; i < r->norgans; i++)
		if (!strcmp(r->organs[i], s))
			return i;
	if (r->norgans == r->cap_organs) {
		int cap = r->cap_organs ? r->cap_organs * 2 : 16;
		char **v = realloc(r->organs, (size_t)cap * sizeof(*v));
		if (!v)
			return r->oom = 1, -1;
		r->organs = v, r->cap_organs = cap;
	}
	if (!(r->organs[r->norgans] = strdup(s)))
		return r->oom = 1, -1;
	return r->norgans++;
}

/* A match of table r->t: collection, rid, kind, year, organ, bm25, rowid. */
static int collect_row(void *ctx, const ts_value *c, int n)
{
	rows *r = ctx;
	row x = {NULL, NULL, -1, -1, 0, r->t, 0, 0};

	if (n < 7 || c[0].type != TS_V_TEXT)
		return 0;
	if (!r->last || strcmp(r->last, c[0].s)) {
		const ts_entity *e = ts_schema_entity(r->schema, c[0].s);
		if (!e)
			return 0; /* an entity this program does not know: not searched */
		r->last = e->collection;
	}
	x.collection = r->last;
	if (r->t >= 3 && !(x.rid = strdup(c[1].type == TS_V_TEXT ? c[1].s : "")))
		return r->oom = 1;
	if (c[2].type == TS_V_TEXT)
		x.kind = ts_enum_index(ts_document_kinds, c[2].s);
	if (c[3].type == TS_V_INT)
		x.year = (int)c[3].i;
	if (c[4].type == TS_V_TEXT && (x.organ = intern_organ(r, c[4].s)) < 0) {
		free(x.rid);
		return 1;
	}
	x.score = -real(&c[5]);
	x.rowid = c[6].i;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		row *v = realloc(r->v, cap * sizeof(*v));
		if (!v) {
			free(x.rid);
			return r->oom = 1;
		}
		r->v = v, r->cap = cap;
	}
	r->v[r->n++] = x;
	return 0;
}

static void rows_free(rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].rid);
	free(r->v);
	for (int i = 0; i < r->norgans; i++)
		free(r->organs[i]);
	free(r->organs);
}

/* Records grouped (collection, id), documents first in table order. */
static int by_record(const void *a, const void *b)
{
	const row *x = a, *y = b;
	int c;

	if (!x->rid || !y->rid)
		return x->rid ? 1 : y->rid ? -1 : 0;
	c = strcmp(x->collection, y->collection);
	return c ? c : strcmp(x->rid, y->rid);
}

enum { F_TYPE, F_LANG, F_KIND, F_YEAR, F_ORGAN, NFACETS };

/* The query's filters, resolved to the values rows hold. */
typedef struct want {
	const char *type; /* interned, or NULL */
	int lang, kind, organ, year; /* -1 (organ -2: one no match has), 0 for year: any */
} want;

/* Which of the filters row x fails: a bit per facet. */
static unsigned fails(const want *w, const row *x)
{
	unsigned f = 0;

	if (w->type && w->type != x->collection)
		f |= 1u << F_TYPE;
	if (w->lang >= 0 && w->lang != x->t % 3)
		f |= 1u << F_LANG;
	if (w->kind >= 0 && w->kind != x->kind)
		f |= 1u << F_KIND;
	if (w->year && w->year != x->year)
		f |= 1u << F_YEAR;
	if (w->organ != -1 && w->organ != x->organ)
		f |= 1u << F_ORGAN;
	return f;
}

/* The counts of the facets: by collection (a few), language, kind, year and organ. */
typedef struct counts {
	const char *types[64];
	long ntype[64], lang[3], kind[8], *organ;
	int ntypes;
	long year[3000];
} counts;

static void count_type(counts *c, const char *type)
{
	for (int i = 0; i < c->ntypes; i++)
		if (c->types[i] == type) {
			c->ntype[i]++;
			return;
		}
	if (c->ntypes < 64) {
		c->types[c->ntypes] = type;
		c->ntype[c->ntypes++] = 1;
	}
}

/* Counts the rows of one match (r[0..n): a document, or a record's items in each language) into
 * the facets: once per facet value when some item passes every filter but the facet's own; the
 * language once per item. Returns the item that passes every filter and stands for the match (the
 * reader's language, else the best score), or NULL. */
static row *count_match(const want *w, int prefer, row *r, size_t n, counts *c)
{
	unsigned passes_but = 0;
	row *best = NULL;

	for (size_t i = 0; i < n; i++) {
		unsigned f = fails(w, &r[i]);
		if (!f && (!best || (r[i].t % 3 == prefer) > (best->t % 3 == prefer) ||
			   ((r[i].t % 3 == prefer) == (best->t % 3 == prefer) && r[i].score > best->score)))
			best = &r[i];
		for (int d = 0; d < NFACETS; d++)
			if (!(f & ~(1u << d))) {
				passes_but |= 1u << d;
				if (d == F_LANG)
					c->lang[r[i].t % 3]++;
			}
	}
	if (passes_but & (1u << F_TYPE))
		count_type(c, r->collection);
	if ((passes_but & (1u << F_KIND)) && r->kind >= 0 && r->kind < 8)
		c->kind[r->kind]++;
	if ((passes_but & (1u << F_YEAR)) && r->year > 0 && r->year < 3000)
		c->year[r->year]++;
	if ((passes_but & (1u << F_ORGAN)) && r->organ >= 0)
		c->organ[r->organ]++;
	return best;
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

static void facet_add(json_t *a, const char *value, long n)
{
	if (n > 0)
		json_array_append_new(a, json_pack("{s:s, s:I}", "value", value, "count", (json_int_t)n));
}

static json_t *facets_json(const counts *c, const rows *r)
{
	json_t *f = json_object(), *a;
	char year[8];

	json_object_set_new(f, "type", a = json_array());
	for (int i = 0; i < c->ntypes; i++)
		facet_add(a, c->types[i], c->ntype[i]);
	ts_json_array_sort(a, by_count);
	json_object_set_new(f, "lang", a = json_array());
	for (int l = 0; l < 3; l++)
		facet_add(a, ts_search_langs[l], c->lang[l]);
	ts_json_array_sort(a, by_count);
	json_object_set_new(f, "kind", a = json_array());
	for (int k = 0; k < 8 && ts_document_kinds[k].value; k++)
		facet_add(a, ts_document_kinds[k].value, c->kind[k]);
	ts_json_array_sort(a, by_count);
	json_object_set_new(f, "year", a = json_array());
	for (int y = 2999; y > 0; y--)
		if (c->year[y]) {
			snprintf(year, sizeof(year), "%d", y);
			facet_add(a, year, c->year[y]);
		}
	json_object_set_new(f, "organ", a = json_array());
	for (int i = 0; i < r->norgans; i++)
		facet_add(a, r->organs[i], c->organ[i]);
	ts_json_array_sort(a, by_count);
	return f;
}

/* The ranking: documents and other records are ranked in tables of their own (search_int.h),
 * whose BM25 scores do not compare. Each hit's score becomes its share of the best of its kind,
 * so that the best document and the best record come first together, then the rest in the order
 * of their share; documents first on a tie, then by position in the index. */
static int by_share(const void *a, const void *b)
{
	const row *x = *(const row *const *)a, *y = *(const row *const *)b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if ((x->t < 3) != (y->t < 3))
		return x->t < 3 ? -1 : 1;
	return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
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

/* A hit's title and snippet, marked, and the document's id and facts. */
struct marks {
	char *title, *snippet, *rid;
};

static int marks_row(void *ctx, const ts_value *c, int n)
{
	struct marks *m = ctx;

	if (n >= 3 && !m->title) {
		m->title = strdup(c[0].type == TS_V_TEXT ? c[0].s : "");
		m->snippet = strdup(c[1].type == TS_V_TEXT ? c[1].s : "");
		m->rid = strdup(c[2].type == TS_V_TEXT ? c[2].s : "");
	}
	return 0;
}

/* The access condition again: a write committed since the pass may have given the row's id to
 * another record, or another level to this one. */
static int marks(ts_store *st, const row *x, const char *expr, const char *access, struct marks *m, ts_error *err)
{
	const char *fts = ts_search_tables[x->t];
	ts_value p[2] = {{TS_V_TEXT, 0, expr, 0}, {TS_V_INT, x->rowid, NULL, 0}};
	ts_buf sql = TS_BUF_INIT;
	int rc;

	ts_buf_printf(&sql,
		      "SELECT highlight(\"%s\", 0, char(2), char(3)), snippet(\"%s\", 1, char(2), char(3), '…', 24), i.\"rid\" "
		      "FROM \"%s\" JOIN \"search_items\" i ON i.\"id\" = \"%s\".rowid WHERE \"%s\" MATCH ? AND \"%s\".rowid = ? "
		      "AND %s",
		      fts, fts, fts, fts, fts, fts, access);
	rc = ts_buf_str(&sql) ? ts_store_exec(st, ts_buf_str(&sql), p, 2, marks_row, m, NULL, err)
			      : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	ts_buf_free(&sql);
	if (rc)
		return -1;
	if (!m->title && !m->snippet && !m->rid)
		return 1; /* gone, or moved out of the reader's reach, since the pass */
	if (!m->title || !m->snippet || !m->rid)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	return 0;
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

/* The answer's item for hit x. */
static json_t *hit_json(ts_store *st, const row *x, const char *expr, const char *access, ts_error *err)
{
	struct marks m = {NULL, NULL, NULL};
	ts_buf plain = TS_BUF_INIT;
	json_t *o = NULL, *title, *seg;
	size_t k;

	switch (marks(st, x, expr, access, &m, err)) {
	case 1:
		o = json_null(); /* left out of the page */
		goto out;
	case -1:
		goto out;
	}
	o = json_object();
	title = segments(m.title);
	json_array_foreach(title, k, seg)
		ts_buf_adds(&plain, json_string_value(seg));
	if (!plain.len) { /* a record named by its text (a paragraph): the snippet's beginning */
		untitled(m.snippet, &plain);
		json_decref(title);
		title = json_pack("[s]", ts_buf_str(&plain) ? ts_buf_str(&plain) : "");
	}
	json_object_set_new(o, "type", json_string(x->collection));
	json_object_set_new(o, "id", json_string(m.rid));
	json_object_set_new(o, "title", json_string(ts_buf_str(&plain) ? ts_buf_str(&plain) : ""));
	json_object_set_new(o, "title_marked", title);
	json_object_set_new(o, "lang", json_string(ts_search_langs[x->t % 3]));
	json_object_set_new(o, "score", json_real(x->score));
	json_object_set_new(o, "snippet", segments(m.snippet));
	if (x->t < 3) {
		ts_value p = {TS_V_TEXT, 0, m.rid, 0};
		ts_buf sql = TS_BUF_INIT;
		int rc;
		ts_buf_adds(&sql, "SELECT \"kind\", \"date\", \"organ\" FROM \"documents\" WHERE \"id\" = ? AND ");
		ts_access_sql(ts_store_viewer(st), NULL, 1, &sql);
		rc = ts_buf_str(&sql) ? ts_store_exec(st, ts_buf_str(&sql), &p, 1, doc_meta, o, NULL, err)
				      : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		ts_buf_free(&sql);
		if (rc) {
			json_decref(o);
			o = NULL;
		}
	}
out:
	free(m.title);
	free(m.snippet);
	free(m.rid);
	ts_buf_free(&plain);
	return o;
}

int ts_search(ts_store *st, const ts_search_query *q, json_t **out, ts_error *err)
{
	ts_buf expr = TS_BUF_INIT, access = TS_BUF_INIT;
	rows r = {0};
	counts *c = NULL;
	row **hits = NULL;
	size_t nhits = 0, i = 0, docs;
	double best[2] = {0, 0};
	want w = {NULL, -1, -1, -1, q->year};
	int prefer = -1, rc = 0;
	json_t *items = NULL;

	*out = NULL;
	switch (ts_search_expr(q->q, &expr)) {
	case -1:
		ts_buf_free(&expr);
		return ts_fail(err, TS_INVALID_PARAMETER, "q", "parameter 'q' has more than %d words; search for fewer",
			       TS_SEARCH_MAX_TERMS);
	case 0:
		ts_buf_free(&expr);
		return ts_fail(err, TS_INVALID_PARAMETER, "q",
			       "parameter 'q': give a word to search for, such as الوساطة, mediation or médiation");
	}
	if (!ts_buf_str(&expr)) {
		ts_buf_free(&expr);
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	}
	r.schema = ts_store_schema(st);
	ts_access_sql(ts_store_viewer(st), "i", 1, &access);
	for (int t = 0; t < TS_SEARCH_TABLES && !rc; t++) {
		const char *fts = ts_search_tables[t];
		ts_buf sql = TS_BUF_INIT;
		ts_value p = {TS_V_TEXT, 0, ts_buf_str(&expr), 0};
		ts_buf_printf(&sql,
			      "SELECT i.\"collection\", i.\"rid\", i.\"kind\", i.\"year\", i.\"organ\", bm25(\"%s\", 10.0, 1.0), "
			      "\"%s\".rowid FROM \"%s\" JOIN \"search_items\" i ON i.\"id\" = \"%s\".rowid WHERE \"%s\" MATCH ? AND %s",
			      fts, fts, fts, fts, fts, ts_buf_str(&access));
		r.t = t;
		r.last = NULL;
		rc = ts_buf_str(&sql) ? ts_store_exec(st, ts_buf_str(&sql), &p, 1, collect_row, &r, NULL, err)
				      : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		ts_buf_free(&sql);
	}
	if (!rc && r.oom)
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	c = rc ? NULL : calloc(1, sizeof(*c));
	hits = rc ? NULL : malloc((r.n ? r.n : 1) * sizeof(*hits));
	if (!rc && (!c || !hits || !(c->organ = calloc((size_t)r.norgans + 1, sizeof(long)))))
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (!rc) {
		/* the filters as the rows hold them */
		if (*q->type) {
			const ts_entity *e = ts_schema_entity(r.schema, q->type);
			w.type = e ? e->collection : "";
		}
		for (int l = 0; l < 3; l++) {
			if (!strcmp(q->lang, ts_search_langs[l]))
				w.lang = l;
			if (!strcmp(q->prefer, ts_search_langs[l]))
				prefer = l;
		}
		if (*q->kind)
			w.kind = ts_enum_index(ts_document_kinds, q->kind);
		if (*q->organ) {
			w.organ = -2;
			for (int k = 0; k < r.norgans; k++)
				if (!strcmp(r.organs[k], q->organ))
					w.organ = k;
		}
		/* documents (one item each), then each record's items together */
		if (r.n) /* no match at all: r.v is NULL, which qsort may not be given */
			qsort(r.v, r.n, sizeof(row), by_record);
		for (docs = 0; docs < r.n && !r.v[docs].rid; docs++) {
			row *h = count_match(&w, prefer, &r.v[docs], 1, c);
			if (h)
				hits[nhits++] = h;
		}
		for (i = docs; i < r.n;) {
			size_t j = i + 1;
			row *h;
			while (j < r.n && !by_record(&r.v[i], &r.v[j]))
				j++;
			if ((h = count_match(&w, prefer, &r.v[i], j - i, c)))
				hits[nhits++] = h;
			i = j;
		}
		for (i = 0; i < nhits; i++)
			if (hits[i]->score > best[hits[i]->t < 3])
				best[hits[i]->t < 3] = hits[i]->score;
		for (i = 0; i < nhits; i++)
			hits[i]->score = best[hits[i]->t < 3] > 0 ? hits[i]->score / best[hits[i]->t < 3] : 0;
		qsort(hits, nhits, sizeof(*hits), by_share);
		items = json_array();
		for (i = (size_t)q->offset; i < nhits && i < (size_t)(q->offset + q->limit); i++) {
			json_t *o = hit_json(st, hits[i], ts_buf_str(&expr), ts_buf_str(&access), err);
			if (!o) {
				rc = -1;
				break;
			}
			if (json_is_null(o))
				continue;
			json_array_append_new(items, o);
		}
	}
	if (!rc)
		*out = json_pack("{s:s, s:I, s:o, s:o}", "query", q->q, "total", (json_int_t)nhits, "items", items, "facets",
				 facets_json(c, &r));
	else
		json_decref(items);
	if (c)
		free(c->organ);
	free(c);
	free(hits);
	rows_free(&r);
	ts_buf_free(&expr);
	ts_buf_free(&access);
	return rc;
}
