/* A growable byte buffer with a ceiling, always NUL-terminated (like curl's dynbuf and git's
 * strbuf). */
#ifndef TANSIQ_BUF_H
#define TANSIQ_BUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct ts_buf {
	char *data;   /* NULL until the first append; then NUL-terminated */
	size_t len;
	size_t cap;
	size_t max;   /* appends that would pass this size fail; 0 means 64 MiB */
} ts_buf;

#define TS_BUF_INIT {0, 0, 0, 0}

/* Each returns 0, or -1 when the buffer would pass its maximum or memory runs out (the buffer
 * then keeps its previous content). */
int ts_buf_add(ts_buf *b, const void *data, size_t len);
int ts_buf_adds(ts_buf *b, const char *s);
int ts_buf_addc(ts_buf *b, char c);
int ts_buf_printf(ts_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ts_buf_vprintf(ts_buf *b, const char *fmt, va_list ap);
/* The content, never NULL ("" when empty). */
const char *ts_buf_str(const ts_buf *b);
void ts_buf_reset(ts_buf *b);
/* Frees the memory; the buffer may be reused after. */
void ts_buf_free(ts_buf *b);
/* Hands the content to the caller (free() it), leaving the buffer empty. */
char *ts_buf_detach(ts_buf *b, size_t *len);

#endif
