/* The error table (errors.def) turned into lookups, and the recording of problems. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tansiq/error.h"

static const struct {
	const char *name;
	int status;
	const char *title[TS_LANG_COUNT];
	const char *hint[TS_LANG_COUNT];
} codes[] = {
#define X(e, name, status, t_ar, t_en, t_fr, h_ar, h_en, h_fr) \
	{name, status, {t_ar, t_en, t_fr}, {h_ar, h_en, h_fr}},
#include "tansiq/errors.def"
#undef X
};

static ts_code valid(ts_code c)
{
	return (unsigned)c < TS_CODE_COUNT ? c : TS_INTERNAL;
}

const char *ts_code_name(ts_code c) { return codes[valid(c)].name; }
int ts_code_status(ts_code c) { return codes[valid(c)].status; }

const char *ts_code_title(ts_code c, ts_lang l)
{
	return codes[valid(c)].title[(unsigned)l < TS_LANG_COUNT ? l : TS_EN];
}

const char *ts_code_hint(ts_code c, ts_lang l)
{
	return codes[valid(c)].hint[(unsigned)l < TS_LANG_COUNT ? l : TS_EN];
}

void ts_error_clear(ts_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int ts_fail(ts_error *err, ts_code code, const char *field, const char *fmt, ...)
{
	char detail[sizeof(err->detail)];
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (err->code == TS_OK) {
		err->code = code;
		snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
		snprintf(err->detail, sizeof(err->detail), "%s", detail);
	}
	if (err->nitems < TS_ERROR_MAX_ITEMS) {
		ts_error_item *it = &err->items[err->nitems++];
		it->code = code;
		snprintf(it->field, sizeof(it->field), "%s", field ? field : "");
		snprintf(it->detail, sizeof(it->detail), "%s", detail);
	}
	return -1;
}

static void prepend(char *dst, size_t size, const char *prefix)
{
	size_t p = strlen(prefix), d = strnlen(dst, size - 1);

	if (p >= size)
		p = size - 1;
	if (p + d >= size)
		d = size - 1 - p;
	memmove(dst + p, dst, d);
	memcpy(dst, prefix, p);
	dst[p + d] = '\0';
}

void ts_error_prefix(ts_error *err, int from, const char *fmt, ...)
{
	char prefix[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	if (from == 0)
		prepend(err->detail, sizeof(err->detail), prefix);
	for (int i = from; i < err->nitems; i++)
		prepend(err->items[i].detail, sizeof(err->items[i].detail), prefix);
}

const char *ts_lang_code(ts_lang l)
{
	static const char *const names[] = {"ar", "en", "fr"};
	return names[(unsigned)l < TS_LANG_COUNT ? l : TS_EN];
}

ts_lang ts_lang_from_header(const char *h)
{
	/* Accept-Language lists tags in preference order (q-values are rarely other than
	 * descending); take the first tag whose primary subtag we serve. */
	const char *p = h;

	while (p && *p) {
		while (*p == ' ' || *p == ',')
			p++;
		for (int l = 0; l < TS_LANG_COUNT; l++) {
			const char *c = ts_lang_code((ts_lang)l);
			if (strncasecmp(p, c, 2) == 0 && (p[2] == '\0' || p[2] == '-' || p[2] == ';' ||
							 p[2] == ',' || p[2] == ' '))
				return (ts_lang)l;
		}
		p = strchr(p, ',');
	}
	return TS_EN;
}
