/* UTF-8, strictly (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
#ifndef TANSIQ_UTF8_H
#define TANSIQ_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Number of characters of s, or -1 when s is not valid UTF-8. */
long ts_utf8_len(const char *s);
/* Length in bytes of the valid sequence at s (1 to 4), or 0 when s does not start one. */
int ts_utf8_seq(const unsigned char *s);
/* The code point at s (n bytes left) into *cp: the sequence's length (1 to 4), or 0 when s does
 * not start a valid sequence within those n bytes. Reads no byte past the first that is wrong. */
int ts_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Writes code point cp (at most U+10FFFF, not a surrogate) into out (4 bytes of room); returns
 * its length in bytes. */
int ts_utf8_encode(uint32_t cp, char *out);
/* Removes from s, in place, every byte that is not part of a valid sequence (a value cut in the
 * middle of a character by a length limit, say). */
void ts_utf8_sanitize(char *s);

#endif
