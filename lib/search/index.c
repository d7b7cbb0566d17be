/* The search index (search.h): the texts of documents and records, one row of search_items (what
 * the search filters and counts: collection, id, language, level, team, facets) and one of
 * search_texts (title and body) per record and language, indexed by the FTS5 table of that
 * language and kind (search_int.h: external content on search_texts, tokenizer "tansiq",
 * text.h). The record layer
 * calls ts_search_index() on every write, inside the writing transaction, so the index never
 * says what the records do not. */
#include <stdlib.h>
#include <string.h>

#include "tansiq/buf.h"
#include "tansiq/records.h"
#include "tansiq/search.h"
#include "search_int.h"

/* What is searched: documents, and the records a reader looks for by name or words. */
static const char *const indexed[] = {
	"documents", "states", "organisations", "organs", "persons", "meetings",
	"resolutions", "paragraphs", "conflicts", "processes", NULL,
};

const char *const ts_search_langs[3] = {"ar", "en", "fr"};
const char *const ts_search_tables[TS_SEARCH_TABLES] = {
	"search_doc_ar", "search_doc_en", "search_doc_fr", "search_rec_ar", "search_rec_en", "search_rec_fr",
};

int ts_search_indexed(const ts_entity *e)
{
	for (int i = 0; e && indexed[i]; i++)
		if (!strcmp(indexed[i], e->collection))
			return 1;
	return 0;
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The language of a field from its name's suffix (_ar, _en, _fr); -1 for a field of no language. */
static int field_lang(const char *name)
{
	size_t n = strlen(name);

	for (int l = 0; n > 3 && l < 3; l++)
		if (name[n - 3] == '_' && !strcmp(name + n - 2, ts_search_langs[l]))
			return l;
	return -1;
}

/* Whether a field's text is searched: the names, titles, searchable and long texts (not the
 * notes, which say where facts come from, nor accounts). */
static int searched(const ts_field *f)
{
	if (f->type != TS_TEXT || (f->flags & (TS_F_KEY | TS_F_ACCOUNT)) || !strcmp(f->name, "notes"))
		return 0;
	return (f->flags & (TS_F_SEARCH | TS_F_TITLE)) || ((f->flags & TS_F_LONG) && field_lang(f->name) >= 0);
}

static void add_text(ts_buf *b, const char *s)
{
	if (!s || !*s)
		return;
	if (b->len)
		ts_buf_adds(b, "\n");
	ts_buf_adds(b, s);
}

void ts_search_texts_free(ts_search_text t[3])
{
	for (int l = 0; l < 3; l++) {
		ts_buf_free(&t[l].title);
		ts_buf_free(&t[l].body);
	}
}

int ts_search_texts(const ts_entity *e, const json_t *rec, ts_search_text t[3])
{
	int any = 0;

	for (int l = 0; l < 3; l++) {
		t[l] = (ts_search_text){0, TS_BUF_INIT, TS_BUF_INIT};
	}
	if (!rec)
		return 0;
	if (!strcmp(e->collection, "documents")) {
		const char *lang = str(rec, "lang");
		for (int l = 0; lang && l < 3; l++) {
			if (strcmp(lang, ts_search_langs[l]))
				continue;
			t[l].used = 1;
			add_text(&t[l].title, str(rec, "title"));
			add_text(&t[l].body, str(rec, "body"));
			add_text(&t[l].body, str(rec, "author"));
		}
		goto out;
	}
	/* the languages the record has text in */
	for (int i = 0; i < e->nfields; i++) {
		const ts_field *f = &e->fields[i];
		int l = field_lang(f->name);
		const char *v = str(rec, f->name);
		if (l >= 0 && searched(f) && v && *v)
			t[l].used = any = 1;
	}
	if (!any)
		t[1].used = 1; /* names of no language (a conflict's parties): indexed once, in English */
	for (int l = 0; l < 3; l++) {
		if (!t[l].used)
			continue;
		for (int i = 0; i < e->nfields; i++) {
			const ts_field *f = &e->fields[i];
			int fl = field_lang(f->name);
			const char *v = str(rec, f->name);
			if (!searched(f) || !v || !*v || (fl >= 0 && fl != l))
				continue;
			if ((f->flags & TS_F_TITLE) && !t[l].title.len && !(f->flags & TS_F_LONG))
				add_text(&t[l].title, v);
			else
				add_text(&t[l].body, v);
		}
	}
out:
	for (int l = 0; l < 3; l++)
		if ((t[l].title.len && !ts_buf_str(&t[l].title)) || (t[l].body.len && !ts_buf_str(&t[l].body))) {
			ts_search_texts_free(t);
			return -1;
		}
	return 0;
}

/* The year of a partial date, 0 when none. */
static long long year_of(const char *d)
{
	return d && strlen(d) >= 4 ? atoi(d) : 0;
}

static int unindex(ts_store *st, const ts_entity *e, const char *id, ts_error *err)
{
	ts_value p[2] = {{TS_V_TEXT, 0, e->collection, 0}, {TS_V_TEXT, 0, id, 0}};
	int doc = !strcmp(e->collection, "documents");

	for (int l = 0; l < 3; l++) {
		char sql[400];
		snprintf(sql, sizeof(sql),
			 "INSERT INTO \"%s\" (\"%s\", rowid, \"title\", \"body\") SELECT 'delete', t.\"id\", t.\"title\", "
			 "t.\"body\" FROM \"search_items\" i JOIN \"search_texts\" t ON t.\"id\" = i.\"id\" "
			 "WHERE i.\"collection\" = ? AND i.\"rid\" = ? AND i.\"lang\" = '%s'",
			 TS_SEARCH_TABLE(doc, l), TS_SEARCH_TABLE(doc, l), ts_search_langs[l]);
		if (ts_store_exec(st, sql, p, 2, NULL, NULL, NULL, err))
			return -1;
	}
	if (ts_store_exec(st, "DELETE FROM \"search_texts\" WHERE \"id\" IN (SELECT \"id\" FROM \"search_items\" "
			  "WHERE \"collection\" = ? AND \"rid\" = ?)", p, 2, NULL, NULL, NULL, err))
		return -1;
	return ts_store_exec(st, "DELETE FROM \"search_items\" WHERE \"collection\" = ? AND \"rid\" = ?", p, 2, NULL, NULL,
			     NULL, err);
}

static int put(ts_store *st, const ts_entity *e, const json_t *rec, ts_error *err)
{
	ts_search_text t[3];
	int doc = !strcmp(e->collection, "documents"), rc = 0;
	const char *id = str(rec, "id");

	if (ts_search_texts(e, rec, t))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	for (int l = 0; l < 3 && !rc; l++) {
		char sql[400];
		ts_value p[10] = {
			{TS_V_TEXT, 0, e->collection, 0},
			{TS_V_TEXT, 0, id, 0},
			{TS_V_TEXT, 0, ts_search_langs[l], 0},
			{TS_V_TEXT, 0, str(rec, "level") ? str(rec, "level") : "public", 0},
			{str(rec, "team") ? TS_V_TEXT : TS_V_NULL, 0, str(rec, "team"), 0},
			{doc ? TS_V_TEXT : TS_V_NULL, 0, doc ? str(rec, "kind") : NULL, 0},
			{doc && year_of(str(rec, "date")) ? TS_V_INT : TS_V_NULL, doc ? year_of(str(rec, "date")) : 0, NULL, 0},
			{doc && str(rec, "organ") ? TS_V_TEXT : TS_V_NULL, 0, doc ? str(rec, "organ") : NULL, 0},
			{TS_V_TEXT, 0, ts_buf_str(&t[l].title), 0},
			{TS_V_TEXT, 0, ts_buf_str(&t[l].body), 0},
		};
		if (!t[l].used)
			continue;
		ts_value q[5] = {p[8], p[9], p[0], p[1], p[2]};
		rc = ts_store_exec(st,
				   "INSERT INTO \"search_items\" (\"collection\", \"rid\", \"lang\", \"level\", \"team\", \"kind\", "
				   "\"year\", \"organ\") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				   p, 8, NULL, NULL, NULL, err);
		if (!rc)
			rc = ts_store_exec(st,
					   "INSERT INTO \"search_texts\" (\"id\", \"title\", \"body\") SELECT \"id\", ?, ? FROM "
					   "\"search_items\" WHERE \"collection\" = ? AND \"rid\" = ? AND \"lang\" = ?",
					   q, 5, NULL, NULL, NULL, err);
		snprintf(sql, sizeof(sql),
			 "INSERT INTO \"%s\" (rowid, \"title\", \"body\") SELECT t.\"id\", t.\"title\", t.\"body\" FROM "
			 "\"search_items\" i JOIN \"search_texts\" t ON t.\"id\" = i.\"id\" WHERE i.\"collection\" = ? AND "
			 "i.\"rid\" = ? AND i.\"lang\" = ?",
			 TS_SEARCH_TABLE(doc, l));
		if (!rc)
			rc = ts_store_exec(st, sql, p, 3, NULL, NULL, NULL, err);
	}
	ts_search_texts_free(t);
	return rc;
}

/* Whether a change touches what the index holds: the texts, the level, the team or the facets. */
static int differs(const ts_entity *e, const json_t *a, const json_t *b)
{
	static const char *const meta[] = {"id", "level", "team", "lang", "kind", "date", "organ", NULL};

	for (int i = 0; meta[i]; i++)
		if (!json_equal(json_object_get(a, meta[i]) ? json_object_get(a, meta[i]) : json_null(),
				json_object_get(b, meta[i]) ? json_object_get(b, meta[i]) : json_null()))
			return 1;
	for (int i = 0; i < e->nfields; i++) {
		const char *n = e->fields[i].name;
		const char *x = str(a, n), *y = str(b, n);
		if (searched(&e->fields[i]) || !strcmp(n, "body"))
			if ((x == NULL) != (y == NULL) || (x && strcmp(x, y)))
				return 1;
	}
	return 0;
}

int ts_search_index(ts_store *st, const ts_entity *e, const json_t *before, const json_t *after, ts_error *err)
{
	if (!ts_search_indexed(e))
		return 0;
	if (before && after && !differs(e, before, after))
		return 0;
	if (before && unindex(st, e, str(before, "id"), err))
		return -1;
	return after ? put(st, e, after, err) : 0;
}

int ts_search_reindex(ts_store *st, long *items, ts_error *err)
{
	const ts_schema *s = ts_store_schema(st);
	long n = 0;

	if (ts_store_exec(st, "DELETE FROM \"search_texts\"", NULL, 0, NULL, NULL, NULL, err) ||
	    ts_store_exec(st, "DELETE FROM \"search_items\"", NULL, 0, NULL, NULL, NULL, err))
		return -1;
	for (int t = 0; t < TS_SEARCH_TABLES; t++) {
		char sql[128];
		snprintf(sql, sizeof(sql), "INSERT INTO \"%s\" (\"%s\") VALUES ('delete-all')", ts_search_tables[t],
			 ts_search_tables[t]);
		if (ts_store_exec(st, sql, NULL, 0, NULL, NULL, NULL, err))
			return -1;
	}
	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		json_t *all = NULL;
		size_t k;
		json_t *rec;
		if (!ts_search_indexed(e))
			continue;
		if (ts_records_where(st, e, "1 = 1", NULL, 0, 0, &all, err))
			return -1;
		json_array_foreach(all, k, rec) {
			if (put(st, e, rec, err)) {
				json_decref(all);
				return -1;
			}
			n++;
		}
		json_decref(all);
	}
	if (items)
		*items = n;
	return 0;
}
