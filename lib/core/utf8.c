#include "tansiq/utf8.h"

int ts_utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4 : 0;
	}
	return 0;
}

long ts_utf8_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		int k = ts_utf8_seq(p);
		if (!k)
			return -1;
		p += k;
		n++;
	}
	return n;
}

void ts_utf8_sanitize(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;

	while (*r) {
		int k = ts_utf8_seq(r);
		if (!k) {
			r++;
			continue;
		}
		while (k--)
			*w++ = *r++;
	}
	*w = '\0';
}
