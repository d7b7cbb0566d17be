/* Fuzzes the text of documents from files (ts_doc_text, ts_doc_format_of, ts_doc_guess_lang;
 * include/tansiq/search.h): the HTML converter and the text path. The first byte of the input
 * chooses the format (even: HTML, odd: text); the rest is the file, bytes as they come, copied to
 * a buffer of its exact size so that a read past its end is caught. PDF is left out (it runs
 * pdftotext). Invariants besides "no crash, no leak, no UB":
 *   - ts_doc_text succeeds, or fails with TS_INVALID_VALUE and a well-formed error (check_error)
 *     that names the file; a file that is valid UTF-8 without NUL fails only for having no text;
 *   - its text is valid UTF-8 without NUL or control characters other than tab and line feed,
 *     not empty, without white space at either end, and never longer than the file;
 *   - the title is set, valid UTF-8 without NUL, 1 to 500 bytes;
 *   - converting twice gives the same text;
 *   - ts_doc_format_of and ts_doc_guess_lang answer one of their values.
 *
 *   tools/fuzz.sh html
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "tansiq/search.h"
#include "tansiq/utf8.h"

/* Whether s[0..len) is valid UTF-8 without NUL. */
static int valid_utf8(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		int n;

		if (s[i] == 0)
			return 0;
		if (!(n = ts_utf8_decode((const unsigned char *)s + i, len - i, &cp)))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char name[] = "fuzz/input.html";
	ts_doc_format fmt;
	ts_error err = TS_ERROR_INIT, err2 = TS_ERROR_INIT;
	ts_buf out = TS_BUF_INIT, again = TS_BUF_INIT;
	char *file, *title = NULL, *title2 = NULL;
	const char *lang;
	int rc, f;

	if (size < 1)
		return 0;
	fmt = data[0] % 2 ? TS_DOC_TEXT : TS_DOC_HTML;
	size--;
	file = malloc(size ? size : 1);
	if (!file)
		die("out of memory");
	memcpy(file, data + 1, size);

	f = ts_doc_format_of(NULL, file, size);
	if (f != -1 && f != TS_DOC_TEXT && f != TS_DOC_HTML && f != TS_DOC_PDF)
		die("ts_doc_format_of gave %d", f);
	lang = ts_doc_guess_lang(file, size);
	if (strcmp(lang, "ar") && strcmp(lang, "en") && strcmp(lang, "fr"))
		die("ts_doc_guess_lang gave '%s'", lang);

	rc = ts_doc_text(name, file, size, fmt, &out, &title, &err);
	if (rc) {
		size_t skip = size >= 3 && !memcmp(file, "\xEF\xBB\xBF", 3) ? 3 : 0;
		check_error(&err, "ts_doc_text");
		if (err.code != TS_INVALID_VALUE)
			die("ts_doc_text failed with %s: %s", ts_code_name(err.code), err.detail);
		if (!strstr(err.detail, name))
			die("the error does not name the file: %s", err.detail);
		if (valid_utf8(file + skip, size - skip) && !strstr(err.detail, "has no text"))
			die("valid UTF-8 refused: %s", err.detail);
		if (out.len || title)
			die("a failure left text or a title");
	} else {
		if (!out.len)
			die("empty text");
		if (!valid_utf8(out.data, out.len))
			die("the text is not valid UTF-8");
		for (size_t i = 0; i < out.len; i++) {
			unsigned char c = (unsigned char)out.data[i];
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
				die("control character 0x%02x at %zu", c, i);
		}
		if (space(out.data[0]) || space(out.data[out.len - 1]))
			die("white space at an end of the text");
		if (out.len > size)
			die("%zu bytes of text from a file of %zu", out.len, size);
		if (!title || !*title || strlen(title) > 500 || !valid_utf8(title, strlen(title)))
			die("bad title");
		if (ts_doc_text(name, file, size, fmt, &again, &title2, &err2) || again.len != out.len ||
		    memcmp(again.data, out.data, out.len) || strcmp(title, title2))
			die("a second conversion differs");
	}
	free(title);
	free(title2);
	ts_buf_free(&out);
	ts_buf_free(&again);
	free(file);
	return 0;
}
