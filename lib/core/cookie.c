/* The Cookie request header (RFC 6265): see include/tansiq/http_parse.h. */
#include <string.h>

#include "tansiq/http_parse.h"

static int ows(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E */
static int cookie_octet(unsigned char c)
{
	return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
}

/* tchar of RFC 9110 section 5.6.2 */
static int tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* Checks the value v[0..n) of the wanted cookie and copies it without its quotes. */
static int take(const char *v, size_t n, char *out, size_t size)
{
	if (n >= 1 && (v[0] == '"' || v[n - 1] == '"')) {
		if (n < 2 || v[0] != '"' || v[n - 1] != '"')
			return -1; /* one quote without the other */
		v++;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++)
		if (!cookie_octet((unsigned char)v[i]))
			return -1;
	if (n >= size)
		return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	return 1;
}

int ts_cookie_getn(const char *header, size_t len, const char *name, char *out, size_t size)
{
	const char *p, *end;
	size_t nlen;

	if (!out || !size)
		return -1;
	out[0] = '\0';
	if (!name || !*name)
		return -1;
	for (nlen = 0; name[nlen]; nlen++)
		if (!tchar((unsigned char)name[nlen]))
			return -1;
	if (!header)
		return 0;
	p = header;
	end = header + len;
	while (p < end) {
		const char *pair, *stop, *eq, *nend, *v, *vend;

		while (p < end && ows((unsigned char)*p))
			p++;
		pair = p;
		stop = memchr(pair, ';', (size_t)(end - pair));
		if (!stop)
			stop = end;
		p = stop < end ? stop + 1 : end;
		eq = memchr(pair, '=', (size_t)(stop - pair));
		if (!eq)
			continue; /* no '=': not a cookie-pair */
		nend = eq;
		while (nend > pair && ows((unsigned char)nend[-1]))
			nend--;
		if ((size_t)(nend - pair) != nlen || memcmp(pair, name, nlen))
			continue;
		v = eq + 1;
		vend = stop;
		while (v < vend && ows((unsigned char)*v))
			v++;
		while (vend > v && ows((unsigned char)vend[-1]))
			vend--;
		if (take(v, (size_t)(vend - v), out, size) < 0) {
			out[0] = '\0';
			return -1;
		}
		return 1;
	}
	return 0;
}

int ts_cookie_get(const char *header, const char *name, char *out, size_t size)
{
	return ts_cookie_getn(header, header ? strlen(header) : 0, name, out, size);
}
