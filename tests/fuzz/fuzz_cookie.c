/* Fuzzes the Cookie header parser (ts_cookie_getn, ts_cookie_get; include/tansiq/http_parse.h).
 * The input is a header value, bytes as they come (NUL included). If its first line is short
 * and starts with '@' ("@lang\n..."), the rest of that line is a cookie name to look up too,
 * besides the fixed names tansiq_session, a and $Version.
 *
 * Each name is looked up with several buffer sizes, and the result is compared with a second,
 * deliberately naive implementation written from RFC 6265 (split on ';', then on the first
 * '='). Invariants besides "no crash, no leak, no UB":
 *   - the result is 1, 0 or -1; out is NUL-terminated inside its size, and "" unless found;
 *   - a found value is only cookie-octets, fits the buffer, and is the naive parser's value;
 *   - a value found with a large buffer is found with a buffer of exactly its length + 1 and
 *     refused with one byte less;
 *   - on the header cut at its first NUL, ts_cookie_get and ts_cookie_getn agree;
 *   - "name=VALUE" alone, or after "x=1; ", or followed by "; name=other", gives VALUE again.
 *
 *   tools/fuzz.sh cookie
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BIG 8192

static int octet(unsigned char c)
{
	return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
}

static int is_token(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      strchr("!#$%&'*+-.^_`|~", c)))
			return 0;
	}
	return 1;
}

/* The naive oracle: copies each pair, trims it with isspace-free loops, compares. Returns like
 * ts_cookie_getn with an unbounded buffer (the value in *val, malloc'd, when 1). */
static int naive(const unsigned char *h, size_t len, const char *name, char **val)
{
	size_t i = 0;

	*val = NULL;
	if (!is_token(name))
		return -1;
	while (i <= len) {
		size_t j = i, a, b, eq;
		while (j < len && h[j] != ';')
			j++;
		/* the pair is h[i..j) */
		a = i;
		b = j;
		while (a < b && (h[a] == ' ' || h[a] == '\t'))
			a++;
		for (eq = a; eq < b && h[eq] != '='; eq++)
			;
		if (eq < b) {
			size_t ne = eq, vs = eq + 1, ve = b;
			while (ne > a && (h[ne - 1] == ' ' || h[ne - 1] == '\t'))
				ne--;
			if (ne - a == strlen(name) && !memcmp(h + a, name, ne - a)) {
				while (vs < ve && (h[vs] == ' ' || h[vs] == '\t'))
					vs++;
				while (ve > vs && (h[ve - 1] == ' ' || h[ve - 1] == '\t'))
					ve--;
				if (ve - vs >= 2 && h[vs] == '"' && h[ve - 1] == '"') {
					vs++;
					ve--;
				}
				for (size_t k = vs; k < ve; k++)
					if (!octet(h[k]))
						return -1;
				*val = malloc(ve - vs + 1);
				if (!*val)
					die("out of memory");
				memcpy(*val, h + vs, ve - vs);
				(*val)[ve - vs] = '\0';
				return 1;
			}
		}
		i = j + 1;
	}
	return 0;
}

static void check_out(int rc, const char *out, size_t size, const char *what)
{
	size_t n = strnlen(out, size);

	if (rc < -1 || rc > 1)
		die("%s: result %d", what, rc);
	if (n >= size)
		die("%s: out not NUL-terminated within %zu bytes", what, size);
	if (rc != 1 && n)
		die("%s: result %d with a value \"%s\"", what, rc, out);
	for (size_t i = 0; i < n; i++)
		if (!octet((unsigned char)out[i]))
			die("%s: byte 0x%02x in the value", what, (unsigned char)out[i]);
}

static void look_up(const unsigned char *h, size_t len, const char *name)
{
	static const size_t sizes[] = {1, 2, 8, 44, 128, BIG};
	char *out = malloc(BIG), *want, *hdr;
	int rc, nrc;
	size_t vlen;

	if (!out)
		return;
	nrc = naive(h, len, name, &want);
	rc = ts_cookie_getn((const char *)h, len, name, out, BIG);
	check_out(rc, out, BIG, "getn");
	if (nrc == 1 && strlen(want) >= BIG)
		nrc = -1; /* too long for the buffer */
	if (rc != nrc)
		die("'%s': ts_cookie_getn gives %d, the naive parser %d (\"%s\")", name, rc, nrc, want ? want : "");
	if (rc == 1 && strcmp(out, want))
		die("'%s': ts_cookie_getn gives \"%s\", the naive parser \"%s\"", name, out, want);
	free(want);

	/* every buffer size: the same answer when it fits, a refusal when it does not */
	vlen = strlen(out);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *o = malloc(sizes[i]);
		int r;
		if (!o)
			break;
		r = ts_cookie_getn((const char *)h, len, name, o, sizes[i]);
		check_out(r, o, sizes[i], "getn (small buffer)");
		if (rc == 1 && vlen < sizes[i] && (r != 1 || strcmp(o, out)))
			die("'%s': found \"%s\" with %d bytes but %d \"%s\" with %zu", name, out, BIG, r, o, sizes[i]);
		if (rc == 1 && vlen >= sizes[i] && r != -1)
			die("'%s': a %zu-byte value with a %zu-byte buffer gives %d", name, vlen, sizes[i], r);
		if (rc != 1 && r != rc)
			die("'%s': %d with %d bytes, %d with %zu", name, rc, BIG, r, sizes[i]);
		free(o);
	}
	if (rc == 1) {
		char *o = malloc(vlen + 1);
		if (!o)
			die("out of memory");
		if (ts_cookie_getn((const char *)h, len, name, o, vlen + 1) != 1 || strcmp(o, out))
			die("'%s': not found with a buffer of exactly its length + 1", name);
		if (ts_cookie_getn((const char *)h, len, name, o, vlen) != -1)
			die("'%s': found with a buffer one byte too small", name);
		free(o);
	}

	/* the header as a C string (cut at its first NUL): both entry points agree */
	hdr = malloc(len + 1);
	if (!hdr)
		die("out of memory");
	memcpy(hdr, h, len);
	hdr[len] = '\0';
	{
		char *o2 = malloc(BIG);
		int r1, r2;
		if (!o2)
			die("out of memory");
		r1 = ts_cookie_get(hdr, name, out, BIG);
		r2 = ts_cookie_getn(hdr, strlen(hdr), name, o2, BIG);
		check_out(r1, out, BIG, "get");
		if (r1 != r2 || strcmp(out, o2))
			die("'%s': ts_cookie_get %d \"%s\", ts_cookie_getn %d \"%s\"", name, r1, out, r2, o2);
		free(o2);
	}

	/* a found value survives being written back as a cookie in other company */
	if (rc == 1 || (rc = ts_cookie_get(hdr, name, out, BIG)) == 1) {
		size_t n = 2 * strlen(name) + strlen(out) + 64;
		char *again = malloc(n), *o = malloc(BIG);
		/* another cookie ("<name>_", never the same name) before or after, quotes, spaces,
		 * tabs, a duplicate after */
		if (!again || !o)
			die("out of memory");
		for (int i = 0; i < 7; i++) {
			switch (i) {
			case 0: snprintf(again, n, "%s=%s", name, out); break;
			case 1: snprintf(again, n, "%s_=1; %s=%s", name, name, out); break;
			case 2: snprintf(again, n, "%s=%s; %s_=1", name, out, name); break;
			case 3: snprintf(again, n, "%s=\"%s\"", name, out); break;
			case 4: snprintf(again, n, " %s = %s ;", name, out); break;
			case 5: snprintf(again, n, "\t%s=\t%s\t", name, out); break;
			default: snprintf(again, n, "%s=%s; %s=other", name, out, name); break;
			}
			if (ts_cookie_get(again, name, o, BIG) != 1 || strcmp(o, out))
				die("'%s': \"%s\" does not give \"%s\" again", name, again, out);
		}
		free(again);
		free(o);
	}
	free(hdr);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"tansiq_session", "a", "$Version"};
	const unsigned char *h = data;
	size_t len = size;
	char extra[64] = "";

	if (size > 1 && data[0] == '@') {
		const uint8_t *nl = memchr(data, '\n', size < sizeof(extra) ? size : sizeof(extra));
		if (nl) {
			memcpy(extra, data + 1, (size_t)(nl - data) - 1);
			extra[nl - data - 1] = '\0';
			h = nl + 1;
			len = size - (size_t)(nl + 1 - data);
		}
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		look_up(h, len, names[i]);
	if (extra[0] || (h != data))
		look_up(h, len, extra);
	return 0;
}
