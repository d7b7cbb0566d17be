/* Resolution codes: N/SS-CAT and its Arabic form SS/N-letter (rescode.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tansiq/rescode.h"
#include "tansiq/utf8.h"

#define EXAMPLE "write it as N/SS-CAT, e.g. 53/45-POL, or 45/10-P(IS) for the Summit"

static int fail(ts_error *err, const char *field, const char *text, const char *why)
{
	return ts_fail(err, TS_INVALID_VALUE, field, "field '%s': '%.40s' is not a resolution code: %s; " EXAMPLE,
		       field, text, why);
}

/* The value of a decimal digit at s (ASCII, Arabic-Indic U+0660.. or Eastern U+06F0..) and its
 * length in bytes, or -1. */
static int digit(const unsigned char *s, int *len)
{
	if (s[0] >= '0' && s[0] <= '9') {
		*len = 1;
		return s[0] - '0';
	}
	/* U+0660..U+0669 is D9 A0..D9 A9; U+06F0..U+06F9 is DB B0..DB B9 */
	if (s[0] == 0xD9 && s[1] >= 0xA0 && s[1] <= 0xA9) {
		*len = 2;
		return s[1] - 0xA0;
	}
	if (s[0] == 0xDB && s[1] >= 0xB0 && s[1] <= 0xB9) {
		*len = 2;
		return s[1] - 0xB0;
	}
	return -1;
}

static const unsigned char *skip_spaces(const unsigned char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A number of 1 to 4 digits; -1 when there is none or it is longer. */
static int number(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	int v = 0, n = 0, len, d;

	while ((d = digit(p, &len)) >= 0) {
		if (++n > 4)
			return -1;
		v = v * 10 + d;
		p += len;
	}
	if (!n)
		return -1;
	*pp = p;
	return v;
}

/* Arabic letters (U+0620..U+064A), the block's two-byte sequences D8 A0..D9 8A. */
static int arabic_letter(const unsigned char *s)
{
	return (s[0] == 0xD8 && s[1] >= 0xA0) || (s[0] == 0xD9 && s[1] <= 0x8A && s[1] >= 0x80);
}

int ts_rescode_parse(const char *text, ts_rescode *out, const char *field, ts_error *err)
{
	const unsigned char *p;
	int a, b;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (!text || ts_utf8_len(text) < 0)
		return fail(err, field, "", "it is empty or not valid UTF-8");
	p = skip_spaces((const unsigned char *)text);
	if ((a = number(&p)) < 0)
		return fail(err, field, text, "it must start with a number of 1 to 4 digits");
	p = skip_spaces(p);
	if (*p++ != '/')
		return fail(err, field, text, "a '/' must follow the first number");
	p = skip_spaces(p);
	if ((b = number(&p)) < 0)
		return fail(err, field, text, "a number of 1 to 4 digits must follow the '/'");
	p = skip_spaces(p);
	if (p[0] == '-')
		p++;
	else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x90 || p[2] == 0x91 || p[2] == 0x93))
		p += 3; /* hyphen, non-breaking hyphen, en dash */
	else
		return fail(err, field, text, "a '-' and the category must follow the numbers");
	p = skip_spaces(p);
	if (arabic_letter(p)) {
		out->arabic = 1;
		while (arabic_letter(p) || (*p == ' ' && arabic_letter(skip_spaces(p)))) {
			int len = *p == ' ' ? 1 : 2;
			if (n + (size_t)len >= sizeof(out->category))
				return fail(err, field, text, "the category is too long");
			memcpy(out->category + n, p, (size_t)len);
			n += (size_t)len;
			p += len;
		}
	} else {
		while (isalpha(*p) || *p == '&') {
			if (n + 1 >= sizeof(out->category))
				return fail(err, field, text, "the category is too long");
			out->category[n++] = (char)*p++;
		}
		if (!n)
			return fail(err, field, text, "the category must be letters such as POL, S&T or PoA, or an Arabic letter");
	}
	out->category[n] = '\0';
	p = skip_spaces(p);
	if (!strncmp((const char *)p, "(IS)", 4)) {
		out->summit = 1;
		p = skip_spaces(p + 4);
	}
	if (*p)
		return fail(err, field, text, "unexpected text after the category");
	out->number = out->arabic ? b : a;
	out->session = out->arabic ? a : b;
	if (out->number < 1)
		return fail(err, field, text, "the resolution's number starts at 1");
	if (out->session < 1 || out->session > 999)
		return fail(err, field, text, "the session must be 1 to 999");
	return 0;
}

int ts_rescode_format(const ts_rescode *c, const char *category, int arabic, char *out, size_t size)
{
	int n = snprintf(out, size, "%d/%d-%s%s", arabic ? c->session : c->number, arabic ? c->number : c->session,
			 category, c->summit ? "(IS)" : "");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int ts_rescode_slug(const ts_rescode *c, const char *category, char *out, size_t size)
{
	int n = snprintf(out, size, "%d-%d-", c->number, c->session);
	size_t len;

	if (n < 0 || (size_t)n >= size)
		return -1;
	len = (size_t)n;
	for (const char *p = category; *p; p++) {
		char ch = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '-';
		if (ch == '-' && out[len - 1] == '-')
			continue;
		if (len + 1 >= size || !isascii((unsigned char)*p))
			return -1;
		out[len++] = ch;
	}
	if (out[len - 1] == '-')
		len--;
	if (c->summit) {
		if (len + 4 >= size)
			return -1;
		memcpy(out + len, "-is", 3);
		len += 3;
	}
	out[len] = '\0';
	return 0;
}
