/* Documents from files (search.h): text, HTML and PDF bodies made plain text. STUB: being written. */
#include <string.h>

#include "tansiq/search.h"

int ts_doc_format_of(const char *name, const char *data, size_t len)
{
	(void)name, (void)data, (void)len;
	return TS_DOC_TEXT;
}

int ts_doc_text(const char *name, const char *data, size_t len, ts_doc_format fmt, ts_buf *text, char **title,
		ts_error *err)
{
	(void)fmt;
	if (title)
		*title = NULL;
	if (ts_buf_add(text, data, len))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	(void)name;
	return 0;
}

const char *ts_doc_guess_lang(const char *text, size_t len)
{
	(void)text, (void)len;
	return "en";
}

int ts_doc_from_file(const char *name, const char *data, size_t len, const json_t *meta, json_t **out, ts_error *err)
{
	(void)name, (void)data, (void)len, (void)meta;
	*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "not yet");
}
