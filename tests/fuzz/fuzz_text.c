/* Fuzzes the language layer of search (ts_text_tokens, ts_text_normalise; include/tansiq/text.h).
 * The first byte of the input chooses the language (its value mod 3: ar, en, fr) and, with its
 * bit 0x80, the prefix flag; the rest is the text, bytes as they come (invalid UTF-8, NUL and
 * presentation forms included), copied to a buffer of its exact size so that a read past its end
 * is caught. Invariants besides "no crash, no leak, no UB":
 *   - ts_text_tokens returns 0, and gives the same tokens when run again;
 *   - each token is 1 to TS_TEXT_MAX_TOKEN bytes of valid UTF-8 without NUL;
 *   - its offsets are inside the text, start < end, the words come in order without overlapping,
 *     and each word [start, end) is valid UTF-8 (cut at character boundaries);
 *   - a colocated token follows a token of the same word (same offsets);
 *   - ts_text_normalise returns 0, valid UTF-8, and normalising its output changes nothing.
 *
 *   tools/fuzz.sh text
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "tansiq/text.h"
#include "tansiq/utf8.h"

static ts_text *tok[3];

static void setup(void)
{
	static const ts_lang langs[3] = {TS_AR, TS_EN, TS_FR};

	for (int i = 0; i < 3; i++)
		if (!(tok[i] = ts_text_new(langs[i])))
			die("ts_text_new(%d) failed", i);
}

FUZZ_INITIALIZE(setup)

/* Whether s (len bytes) is valid UTF-8, and has no NUL unless nul. */
static int valid_utf8(const char *s, size_t len, int nul)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		int n;

		if (s[i] == 0) {
			if (!nul)
				return 0;
			i++;
			continue;
		}
		if (!(n = ts_utf8_decode((const unsigned char *)s + i, len - i, &cp)))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

struct check {
	const char *text;
	size_t size;
	size_t last_start, last_end;
	int have_word;
	ts_buf all; /* every token and its offsets, to compare two runs */
};

static int on_token(void *ctx, const char *token, size_t len, size_t start, size_t end, int colocated)
{
	struct check *c = ctx;

	if (len == 0 || len > TS_TEXT_MAX_TOKEN)
		die("token of %zu bytes", len);
	if (!valid_utf8(token, len, 0))
		die("token is not valid UTF-8 (%zu bytes)", len);
	if (!(start < end && end <= c->size))
		die("offsets [%zu, %zu) outside a text of %zu bytes", start, end, c->size);
	if (colocated) {
		if (!c->have_word || start != c->last_start || end != c->last_end)
			die("colocated token [%zu, %zu) does not follow its word", start, end);
	} else {
		if (c->have_word && start < c->last_end)
			die("word [%zu, %zu) overlaps the previous one ending at %zu", start, end, c->last_end);
		if (!valid_utf8(c->text + start, end - start, 0))
			die("word [%zu, %zu) is not cut at character boundaries", start, end);
		c->have_word = 1;
		c->last_start = start;
		c->last_end = end;
	}
	if (ts_buf_printf(&c->all, "%d:%zu:%zu:%.*s\n", colocated, start, end, (int)len, token))
		die("out of memory");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct check a = {0}, b = {0};
	ts_buf norm = TS_BUF_INIT, again = TS_BUF_INIT;
	ts_text *t;
	int flags;
	char *text;

	if (size < 1)
		return 0;
	t = tok[data[0] % 3];
	flags = data[0] & 0x80 ? TS_TEXT_PREFIX : 0;
	size--;
	text = malloc(size ? size : 1);
	if (!text)
		die("out of memory");
	memcpy(text, data + 1, size);

	a.text = b.text = text;
	a.size = b.size = size;
	if (ts_text_tokens(t, text, size, flags, on_token, &a) != 0)
		die("ts_text_tokens failed");
	if (ts_text_tokens(t, text, size, flags, on_token, &b) != 0)
		die("ts_text_tokens failed the second time");
	if (strcmp(ts_buf_str(&a.all), ts_buf_str(&b.all)))
		die("two runs gave different tokens");

	if (ts_text_normalise(text, size, &norm) != 0)
		die("ts_text_normalise failed");
	if (!valid_utf8(norm.data, norm.len, 1))
		die("normalised text is not valid UTF-8");
	if (ts_text_normalise(norm.data, norm.len, &again) != 0)
		die("ts_text_normalise failed on its output");
	if (norm.len != again.len || memcmp(norm.data, again.data, norm.len))
		die("normalising twice changes the text");

	ts_buf_free(&a.all);
	ts_buf_free(&b.all);
	ts_buf_free(&norm);
	ts_buf_free(&again);
	free(text);
	return 0;
}
