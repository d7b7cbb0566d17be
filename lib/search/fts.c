/* The FTS5 tokenizer "tansiq" (include/tansiq/text.h, docs/internals/search.md): FTS5 calls it
 * for the documents it indexes, for the queries it parses and for highlight() and snippet(); each
 * call goes through ts_text_tokens(), so that a query meets the documents in the same normalised
 * and stemmed forms. */
#include <string.h>

#include <sqlite3.h>

#include "tansiq/text.h"

/* The fts5_api of db (NULL when the library has no FTS5), as SQLite documents: the function
 * fts5() hands it through a pointer of type "fts5_api_ptr". */
static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

/* tokenize = 'tansiq LANG [LATIN]': the language of the text, or auto and the language of its
 * words in Latin script. */
static int tok_create(void *unused, const char **args, int nargs, Fts5Tokenizer **out)
{
	ts_lang lang = TS_EN;
	const char *a = nargs > 0 ? args[0] : "auto";

	(void)unused;
	*out = NULL;
	if (nargs > 2 || (nargs == 2 && strcmp(a, "auto") != 0))
		return SQLITE_ERROR;
	if (!strcmp(a, "auto"))
		a = nargs == 2 ? args[1] : "en";
	if (!strcmp(a, "ar"))
		lang = TS_AR;
	else if (!strcmp(a, "en"))
		lang = TS_EN;
	else if (!strcmp(a, "fr"))
		lang = TS_FR;
	else
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)ts_text_new(lang);
	return *out ? SQLITE_OK : SQLITE_NOMEM;
}

static void tok_delete(Fts5Tokenizer *t)
{
	ts_text_free((ts_text *)t);
}

struct tok_ctx {
	void *ctx;
	int (*token)(void *ctx, int tflags, const char *token, int ntoken, int start, int end);
};

static int tok_token(void *ctx, const char *token, size_t len, size_t start, size_t end, int colocated)
{
	struct tok_ctx *c = ctx;

	return c->token(c->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, token, (int)len, (int)start, (int)end);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct tok_ctx c = {ctx, token};
	int rc;

	if (n <= 0)
		return SQLITE_OK;
	/* highlight() and snippet() only map the positions of the matches to the text */
	rc = ts_text_tokens((ts_text *)t, text, (size_t)n,
			    (flags & FTS5_TOKENIZE_PREFIX ? TS_TEXT_PREFIX : 0) | (flags & FTS5_TOKENIZE_AUX ? TS_TEXT_BOUNDS : 0),
			    tok_token, &c);
	return rc == -1 ? SQLITE_NOMEM : rc;
}

int ts_fts_register(sqlite3 *db)
{
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = fts5_api_of(db);

	if (!api)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "tansiq", NULL, &tok, NULL);
}
