/* Internal to lib/search: what the index and the search share. */
#ifndef TANSIQ_SEARCH_INT_H
#define TANSIQ_SEARCH_INT_H

#include <jansson.h>
#include "tansiq/buf.h"
#include "tansiq/schema.h"

/* The languages of the index, in the order of its tables: search_ar, search_en, search_fr. */
extern const char *const ts_search_langs[3];

/* The FTS5 tables of the index: documents in Arabic, English and French, then the other records
 * in the same order. Apart, so that BM25's length normalisation compares a long report with other
 * documents, and a state's name with other records' names. */
#define TS_SEARCH_TABLES 6
extern const char *const ts_search_tables[TS_SEARCH_TABLES];
/* The table of the rows of a document (doc) or a record in language l (0 to 2). */
#define TS_SEARCH_TABLE(doc, l) ts_search_tables[((doc) ? 0 : 3) + (l)]

/* The text of a record in one language, as the index holds it. */
typedef struct ts_search_text {
	int used; /* the record has text in this language */
	ts_buf title, body;
} ts_search_text;

/* The texts of record rec of entity e in each language ([0] Arabic, [1] English, [2] French): a
 * document in its own language; another record in each language it has a field in (name_ar,
 * summary_fr...), with its fields of no language (codes, parties) in each; a record with text in
 * no language, once in English. 0, or -1 when memory runs out (t is then freed). */
int ts_search_texts(const ts_entity *e, const json_t *rec, ts_search_text t[3]);
void ts_search_texts_free(ts_search_text t[3]);

/* Makes the FTS5 expression of a user's query (search.h tells the syntax) into out (appended):
 * each term quoted, so that no input is an FTS5 syntax error. Returns the number of terms that
 * must or may be found; 0 when there is none, -1 when there are more than TS_SEARCH_MAX_TERMS
 * (out is then left as it was). */
int ts_search_expr(const char *q, ts_buf *out);

#endif
