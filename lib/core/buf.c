#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/buf.h"

#define DEFAULT_MAX ((size_t)64 << 20)

static int grow(ts_buf *b, size_t extra)
{
	size_t max = b->max ? b->max : DEFAULT_MAX;
	size_t need, cap;
	char *p;

	if (extra > max || b->len + extra + 1 > max + 1)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int ts_buf_add(ts_buf *b, const void *data, size_t len)
{
	if (grow(b, len))
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int ts_buf_adds(ts_buf *b, const char *s) { return ts_buf_add(b, s, strlen(s)); }
int ts_buf_addc(ts_buf *b, char c) { return ts_buf_add(b, &c, 1); }

int ts_buf_vprintf(ts_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || grow(b, (size_t)n))
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int ts_buf_printf(ts_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ts_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *ts_buf_str(const ts_buf *b) { return b->data ? b->data : ""; }

void ts_buf_reset(ts_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void ts_buf_free(ts_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *ts_buf_detach(ts_buf *b, size_t *len)
{
	char *p = b->data;

	if (!p)
		p = calloc(1, 1);
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
