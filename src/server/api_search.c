/* Search and documents (search.h): GET /api/v1/search, and POST /api/v1/documents/import, which
 * stores a file (text, HTML or PDF) as a document. */
#include <stdio.h>
#include <string.h>

#include "server/api_int.h"

struct search_params {
	ts_search_query q;
	ts_error *err;
	int failed;
};

static int search_param(void *ctx, const char *name, const char *value)
{
	struct search_params *w = ctx;

	if (!w->failed && ts_search_param(&w->q, name, value, w->err))
		w->failed = 1;
	return 0;
}

int h_search(request *rq, response *rs, ts_error *err)
{
	struct search_params w = {.err = err};
	json_t *res;

	ts_search_query_init(&w.q);
	/* a record found in several languages is shown in the reader's */
	snprintf(w.q.prefer, sizeof(w.q.prefer), "%s", ts_lang_code(rq->lang));
	http_params(rq, search_param, &w);
	if (w.failed || ts_search(rq->st, &w.q, &res, err))
		return -1;
	return reply_json(rs, 200, res, 1);
}

/* The document's fields that the import takes as query parameters. */
static const char *const import_fields[] = {
	"title", "lang", "kind", "date", "organ", "author", "level", "team", "meeting", "resolution", "conflict",
	"process", "states", "persons", NULL,
};

struct import_params {
	const char *filename;
	json_t *meta;
	ts_error *err;
	int failed;
};

static int import_param(void *ctx, const char *name, const char *value)
{
	struct import_params *w = ctx;
	const ts_field *f;
	json_t *v;

	if (w->failed)
		return 0;
	if (!strcmp(name, "filename")) {
		w->filename = value;
		return 0;
	}
	for (int i = 0; import_fields[i]; i++) {
		if (strcmp(import_fields[i], name))
			continue;
		f = ts_entity_field(&ts_entity_document, name);
		v = ts_field_parse(f, value ? value : "", w->err);
		if (!v) {
			w->failed = 1;
			return 0;
		}
		json_object_set_new(w->meta, name, v);
		return 0;
	}
	ts_fail(w->err, TS_UNKNOWN_PARAMETER, name,
		"unknown parameter '%.40s'; use filename and the document's title, lang, kind, date, organ, author, level, "
		"team, meeting, resolution, conflict, process, states or persons", name);
	w->failed = 1;
	return 0;
}

static int import_doc(request *rq, json_t *rec, json_t **out, ts_error *err)
{
	return ts_record_create(rq->st, &ts_entity_document, rec, out, err);
}

int h_document_import(request *rq, response *rs, ts_error *err)
{
	struct import_params w = {NULL, json_object(), err, 0};
	json_t *doc = NULL, *rec = NULL;
	int rc;

	/* who may not write a document learns nothing more of the file than that */
	if (ts_access_need_role(rq->st, ts_entity_document.writers, "the secretariat, analysts and mediators",
				"import a document", err)) {
		json_decref(w.meta);
		return -1;
	}
	http_params(rq, import_param, &w);
	if (!w.failed && (!w.filename || !*w.filename)) {
		ts_fail(err, TS_INVALID_PARAMETER, "filename",
			"parameter 'filename' is required: the file's name, whose extension (.txt, .html, .pdf) tells its format");
		w.failed = 1;
	}
	if (!w.failed && !rq->body_len) {
		ts_fail(err, TS_INVALID_VALUE, "body", "the request has no body; send the file's bytes as the body");
		w.failed = 1;
	}
	if (w.failed) {
		json_decref(w.meta);
		return -1;
	}
	/* the file is read before the write lock is taken: pdftotext may take minutes over a PDF, and
	 * every other writer would wait for it */
	rc = ts_doc_from_file(w.filename, rq->body ? rq->body : "", rq->body_len, w.meta, &rec, err) ||
	     txn(rq, import_doc, rec, &doc, err);
	json_decref(rec);
	json_decref(w.meta);
	if (rc)
		return -1;
	snprintf(rs->location, sizeof(rs->location), "/api/v1/documents/%s", json_string_value(json_object_get(doc, "id")));
	return reply_json(rs, 201, doc, 0);
}
