/* The error table (errors.def) turned into lookups, and the recording of problems. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tansiq/error.h"
#include "tansiq/utf8.h"

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
	/* a %.60s may have cut a character in two: details must stay valid UTF-8 for JSON */
	ts_utf8_sanitize(detail);
	if (err->code == TS_OK) {
		err->code = code;
		snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
		ts_utf8_sanitize(err->field);
		snprintf(err->detail, sizeof(err->detail), "%s", detail);
	}
	if (err->nitems < TS_ERROR_MAX_ITEMS) {
		ts_error_item *it = &err->items[err->nitems++];
		it->code = code;
		snprintf(it->field, sizeof(it->field), "%s", field ? field : "");
		ts_utf8_sanitize(it->field);
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
	ts_utf8_sanitize(dst);
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

static const char *const messages[TS_M_COUNT][TS_LANG_COUNT] = {
	[TS_M_NONE] = {"", "", ""},
#define M(id, en, ar, fr) [TS_M_##id] = {ar, en, fr},
#include "tansiq/messages.def"
#undef M
};

/* Writes template t with {f} and {1}..{4} replaced. */
static void render(const char *t, const char *field, const char *const *args, char *out, size_t size)
{
	size_t n = 0;

	if (!size)
		return;
	while (*t && n + 1 < size) {
		const char *v = NULL;
		if (t[0] == '{' && t[1] && t[2] == '}') {
			if (t[1] == 'f')
				v = field;
			else if (t[1] >= '1' && t[1] < '1' + TS_MSG_ARGS)
				v = args[t[1] - '1'];
		}
		if (v) {
			while (*v && n + 1 < size)
				out[n++] = *v++;
			t += 3;
		} else {
			out[n++] = *t++;
		}
	}
	out[n] = '\0';
	ts_utf8_sanitize(out); /* a cut value must not leave half a character */
}

int ts_failm(ts_error *err, ts_code code, const char *field, ts_msg msg, const char *a1, const char *a2,
	     const char *a3, const char *a4)
{
	const char *in[TS_MSG_ARGS] = {a1, a2, a3, a4};
	char args[TS_MSG_ARGS][96];
	char detail[512];
	int had = err ? err->nitems : 0;

	if (!err)
		return -1;
	for (int i = 0; i < TS_MSG_ARGS; i++) {
		snprintf(args[i], sizeof(args[i]), "%s", in[i] ? in[i] : "");
		ts_utf8_sanitize(args[i]);
	}
	{
		const char *av[TS_MSG_ARGS] = {args[0], args[1], args[2], args[3]};
		render(messages[(unsigned)msg < TS_M_COUNT ? msg : TS_M_NONE][TS_EN], field ? field : "", av, detail,
		       sizeof(detail));
	}
	ts_fail(err, code, field, "%s", detail);
	if (err->nitems > had) {
		ts_error_item *it = &err->items[err->nitems - 1];
		it->msg = msg;
		memcpy(it->args, args, sizeof(args));
	}
	return -1;
}

void ts_error_at(ts_error *err, int from, char unit, long n)
{
	if (!err->line)
		err->line = n;
	for (int i = from; i < err->nitems; i++) {
		err->items[i].line = n;
		err->items[i].unit = unit;
	}
	ts_error_prefix(err, from, "%s %ld: ", unit == 'r' ? "record" : "line", n);
}

void ts_error_item_text(const ts_error_item *it, ts_lang lang, char *out, size_t size)
{
	char prefix[64] = "", num[32];
	const char *nv[TS_MSG_ARGS] = {num, "", "", ""};
	const char *av[TS_MSG_ARGS] = {it->args[0], it->args[1], it->args[2], it->args[3]};
	size_t p;

	if ((unsigned)lang >= TS_LANG_COUNT)
		lang = TS_EN;
	if (it->msg == TS_M_NONE || it->msg >= TS_M_COUNT) {
		snprintf(out, size, "%s", it->detail);
		ts_utf8_sanitize(out);
		return;
	}
	if (it->line) {
		snprintf(num, sizeof(num), "%ld", it->line);
		render(messages[it->unit == 'r' ? TS_M_RECORD : TS_M_LINE][lang], "", nv, prefix, sizeof(prefix));
	}
	if (!size)
		return;
	p = strlen(prefix);
	if (p >= size)
		p = size - 1;
	memcpy(out, prefix, p);
	out[p] = '\0';
	render(messages[it->msg][lang], it->field, av, out + p, size - p);
	ts_utf8_sanitize(out); /* the prefix too may have been cut */
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
