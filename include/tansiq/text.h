/* The language layer of search: normalisation, stemming and tokenisation of Arabic, English
 * and French text, and the SQLite FTS5 tokenizer "tansiq" built on them. The design, the
 * choices (what folds, what is stripped, in which order) and their limits are in
 * docs/internals/search.md; the expected results are the golden files tests/golden/text/.
 *
 * The script of each word decides its pipeline: a word in Arabic script always goes through the
 * Arabic one (normalisation, clitics, Snowball's Arabic stemmer); a word in Latin script through
 * the stemmer of the text's language (Snowball English or French), or none when the language is
 * Arabic. Stemmers are not thread-safe: a ts_text belongs to one thread at a time. */
#ifndef TANSIQ_TEXT_H
#define TANSIQ_TEXT_H

#include <stddef.h>

#include "tansiq/buf.h"
#include "tansiq/error.h" /* ts_lang */

struct sqlite3;

/* Words longer than this (in bytes of normalised text) are cut at a character boundary and not
 * stemmed: no language has such words, and a token has to stay small in the index. */
#define TS_TEXT_MAX_TOKEN 128

/* Flags of ts_text_tokens(). */
enum {
	/* The text is a prefix query ("وسا*"): each word is normalised and its unambiguous
	 * proclitics (ال, بال, وال, لل...) removed, but it is not stemmed, so that it stays a
	 * prefix of the stems it should find. */
	TS_TEXT_PREFIX = 1,
	/* Only the words' boundaries: one token per word (the word as written, not normalised nor
	 * stemmed, never a colocated form), at the positions the other modes give it. For FTS5's
	 * highlight() and snippet() (FTS5_TOKENIZE_AUX), which need where the tokens are, not what
	 * they are: it spares stemming every word of the texts shown. */
	TS_TEXT_BOUNDS = 2
};

typedef struct ts_text ts_text;

/* A tokenizer for text in language lang (TS_AR, TS_EN or TS_FR): lang chooses the stemmer of the
 * words in Latin script (TS_AR: none, only lower-case and accent folding). NULL when memory runs
 * out or lang is none of the three. Free it with ts_text_free(). */
ts_text *ts_text_new(ts_lang lang);
void ts_text_free(ts_text *t);
/* The language given to ts_text_new(). */
ts_lang ts_text_lang(const ts_text *t);

/* Receives one token: its normalised and stemmed form (valid UTF-8, not NUL-terminated, at most
 * TS_TEXT_MAX_TOKEN bytes) and the byte offsets [start, end) of the word it comes from in the
 * text given to ts_text_tokens(). colocated is 1 for a second form of the same word at the same
 * position (an Arabic word that may or may not begin with a conjunction or a preposition:
 * "وقرار" is "and a resolution" or a word of its own). A non-zero return stops the
 * tokenisation, and ts_text_tokens() returns it. */
typedef int (*ts_text_token_fn)(void *ctx, const char *token, size_t len, size_t start, size_t end,
				int colocated);

/* Splits text (n bytes, UTF-8, not necessarily NUL-terminated) into words, normalises and stems
 * each, and calls fn for each token in order. Words are runs of letters, digits and combining
 * marks of any script (tatweel and Arabic diacritics included); an apostrophe ends a word, except
 * in English between two letters (the stemmer removes "'s"); in French an elided word before an
 * apostrophe (l', d', qu', jusqu'...) gives no token. Bytes that are not valid UTF-8 separate
 * words. flags: TS_TEXT_PREFIX or 0. Returns 0, the first non-zero value returned by fn, or -1
 * when memory runs out. */
int ts_text_tokens(ts_text *t, const char *text, size_t n, int flags, ts_text_token_fn fn, void *ctx);

/* The tokens of text, each followed by a space when more follow, into out (appended); a
 * colocated form is written "primary|second". For tests, tools and logs. 0, or -1 when memory
 * runs out. */
int ts_text_tokens_str(ts_text *t, const char *text, size_t n, int flags, ts_buf *out);

/* Appends to out the normalised form of text (n bytes): Arabic letter variants unified (أ إ آ ٱ
 * into ا, ى into ي, ة into ه, ؤ ئ into ء), diacritics, superscript alef and tatweel removed,
 * presentation forms replaced by letters, Arabic-Indic and Eastern Arabic-Indic digits into ASCII,
 * Latin letters lower-cased and their accents folded (é into e, œ into oe, ß into ss...). What is
 * not a word character is copied as it is; invalid UTF-8 is dropped. Normalisation depends on the
 * script, not on the language, hence no language argument. 0, or -1 when memory runs out. */
int ts_text_normalise(const char *text, size_t n, ts_buf *out);

/* Registers the FTS5 tokenizer "tansiq" on db, for tables created with
 *   tokenize = 'tansiq ar' | 'tansiq en' | 'tansiq fr' | 'tansiq auto' | 'tansiq auto fr'
 * (the language of the column's text; "auto" is for text of mixed or unknown language: Arabic
 * words get the Arabic pipeline, which every mode does, and Latin words the stemmer of the second
 * argument, English by default). Queries go through the same pipeline; a prefix query is not
 * stemmed (TS_TEXT_PREFIX). Must be called on each connection that reads or writes such a table.
 * Returns an SQLite result code: SQLITE_OK, or SQLITE_ERROR when the SQLite library has no
 * FTS5. */
int ts_fts_register(struct sqlite3 *db);

#endif
