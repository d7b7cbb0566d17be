/* Documents and search: the archive of documents in the three languages (resolution texts,
 * reports, communiqués, statements, press, notes), their import from text, HTML and PDF files,
 * and one search across documents and records (states, organs, people, meetings, resolutions,
 * their paragraphs, conflicts, mediation processes) that understands Arabic, English and French
 * (text.h) and never finds, counts or shows a snippet of what its reader may not read.
 * docs/internals/search.md tells the design. */
#ifndef TANSIQ_SEARCH_H
#define TANSIQ_SEARCH_H

#include <stddef.h>
#include <jansson.h>
#include "tansiq/buf.h"
#include "tansiq/error.h"
#include "tansiq/schema.h"
#include "tansiq/store.h"

extern const ts_entity ts_entity_document;
/* The kinds of document: resolution, report, communique, statement, press, note. */
extern const ts_enum_value ts_document_kinds[];

/* The longest body a document takes, in bytes of UTF-8 text (about 4,000 pages). */
#define TS_DOCUMENT_MAX_BODY 8000000

/* ---- the index (index.c) ---- */

/* Whether records of e are searched (documents, and the records named above). */
int ts_search_indexed(const ts_entity *e);

/* Keeps the index in step with a write of a record of e: before is the record as it was (NULL
 * when created), after as it is stored (NULL when deleted). Called by the record layer
 * (records.h) inside the writing transaction; a no-op for entities not searched. 0 or -1. */
int ts_search_index(ts_store *st, const ts_entity *e, const json_t *before, const json_t *after, ts_error *err);

/* Builds the index again from the records (after a migration, or to repair it): every searched
 * record of every entity, whoever may read it. *items (may be NULL) receives the number of
 * indexed records. The caller runs it inside a transaction. */
int ts_search_reindex(ts_store *st, long *items, ts_error *err);

/* ---- searching (search.c) ---- */

#define TS_SEARCH_LIMIT_DEFAULT 20
#define TS_SEARCH_LIMIT_MAX 100
/* Queries longer than this (bytes) are refused: nobody types them, and each word costs a scan. */
#define TS_SEARCH_MAX_QUERY 500
/* Nor more words than this (terms and phrases, each counting once). */
#define TS_SEARCH_MAX_TERMS 32

/* What a search asks for. Fill it with ts_search_param() so that every parameter is checked. */
typedef struct ts_search_query {
	char q[TS_SEARCH_MAX_QUERY + 1]; /* the words; see ts_search() for the syntax */
	char lang[3];       /* "ar", "en", "fr" or "" (any): the language of the texts searched */
	char prefer[3];     /* "ar", "en", "fr" or "": a record found in several languages is shown in
			     * this one (the reader's), else in the one it matched best */
	char kind[16];      /* a document kind or "": documents of that kind only */
	char type[32];      /* a collection ("documents", "states"...) or "": that collection only */
	char organ[64];     /* an organ's id or "": documents by that organ only */
	int year;           /* 0 or the year of the documents' date */
	long limit, offset; /* the page: limit 1..TS_SEARCH_LIMIT_MAX, offset from 0 */
} ts_search_query;

/* Starts a query (no words, any language, limit TS_SEARCH_LIMIT_DEFAULT). */
void ts_search_query_init(ts_search_query *q);
/* Applies one parameter: q, lang, kind, type, organ, year, limit or offset. Unknown names fail
 * with TS_UNKNOWN_PARAMETER, bad values with TS_INVALID_PARAMETER, naming the parameter and what
 * it takes. */
int ts_search_param(ts_search_query *q, const char *name, const char *value, ts_error *err);

/* Searches for q->q among what the store's viewer may read. The syntax: words (all must be
 * found, in any form: الوساطة finds وساطة, والوساطات, بالوساطة; "mediators" finds "mediation"'s
 * stem mates), "a phrase" (the words in that order), a prefix* (words beginning so), OR between
 * two words or phrases, and -word for texts without it. Characters with no meaning are ignored:
 * there is no syntax error. A query with no word (only punctuation), or with more than
 * TS_SEARCH_MAX_TERMS, fails with TS_INVALID_PARAMETER naming q.
 *
 * *out = {"query": q, "total": N, "items": [hit...], "facets": {"type": {...}, "lang": {...},
 *         "kind": {...}, "year": {...}, "organ": {...}}}
 * where a hit is {"type": collection, "id", "title", "lang", "score", "snippet": [...]} plus, for
 * a document, "kind", "date", "organ"; "snippet" alternates plain text and matched words, from
 * the plain (["before ", "match", " after"]: the odd elements are the matches). Hits are ranked by
 * BM25 with the title weighing ten times the body, documents and other records apart: "score" is
 * the share of the best score of its kind (the best document and the best record have 1), and
 * hits are sorted by it, documents first on a tie. A record found in several languages counts
 * once, under q->prefer's language when found in it, else its best. Facets count the hits by value over the
 * whole result, before the page is cut, under every filter but their own. */
int ts_search(ts_store *st, const ts_search_query *q, json_t **out, ts_error *err);

/* ---- documents from files (import.c) ---- */

/* The formats a document's body is read from. */
typedef enum ts_doc_format { TS_DOC_TEXT, TS_DOC_HTML, TS_DOC_PDF } ts_doc_format;

/* The format of a file from its name's extension (.txt .text .md, .html .htm .xhtml, .pdf, in any
 * case) or, failing that, from its first bytes (data may be NULL): "%PDF-" is PDF, "<!doctype html"
 * or "<html" (after a byte order mark and white space) HTML, valid UTF-8 text. -1 for none. */
int ts_doc_format_of(const char *name, const char *data, size_t len);

/* The text of data (len bytes) in format fmt, into text (appended: valid UTF-8 without NUL or
 * control characters but tab and line feed, trimmed, never empty). Text and HTML must be UTF-8 (a
 * byte order mark is dropped, CRLF made LF). HTML is stripped of its tags, comments, scripts,
 * styles and head, its entities decoded (the common named ones, &#N; and &#xN;; unknown ones kept
 * as they are), its white space collapsed and its blocks made lines; its text is never longer than
 * the file. PDF is given to poppler's pdftotext (a child process; no shell). *title (may be NULL)
 * receives the title the file gives (HTML's <title>, else the first non-empty line, a Markdown
 * heading's '#' aside, at most 500 bytes), to be freed; NULL on failure. name is only for the
 * messages. A file that is not UTF-8 (the message gives the byte's offset), not a PDF pdftotext
 * reads, empty of text (a scanned PDF: there is no OCR), or larger than TS_DOCUMENT_MAX_BODY fails
 * with TS_INVALID_VALUE naming the file; pdftotext missing fails with TS_IO saying which package
 * installs it. */
int ts_doc_text(const char *name, const char *data, size_t len, ts_doc_format fmt, ts_buf *text, char **title,
		ts_error *err);

/* The language of a text: "ar" when most letters are Arabic, else "fr" or "en" from the
 * frequency of their common words (le, la, des, est, pour... against the, of, and, is, that...),
 * "en" on a tie or without letters. Reads the first 256 KiB; bytes that are not UTF-8 do no harm. */
const char *ts_doc_guess_lang(const char *text, size_t len);

/* Makes a document record from a file: its body from ts_doc_text() (the format from
 * ts_doc_format_of()), and title (the file's, else its name), lang (guessed), source (the file's
 * base name) and format from the file unless meta (a document's fields, may be NULL) gives them;
 * kind is "note" unless given; meta's other fields (date, organ, level, links...) are copied.
 * *out receives the record, not yet stored nor checked (create it with ts_record_create()); NULL
 * on failure, with err naming the file. */
int ts_doc_from_file(const char *name, const char *data, size_t len, const json_t *meta, json_t **out,
		     ts_error *err);

#endif
