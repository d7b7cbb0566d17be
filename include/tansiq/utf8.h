/* UTF-8, strictly (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
#ifndef TANSIQ_UTF8_H
#define TANSIQ_UTF8_H

#include <stddef.h>

/* Number of characters of s, or -1 when s is not valid UTF-8. */
long ts_utf8_len(const char *s);
/* Length in bytes of the valid sequence at s (1 to 4), or 0 when s does not start one. */
int ts_utf8_seq(const unsigned char *s);
/* Removes from s, in place, every byte that is not part of a valid sequence (a value cut in the
 * middle of a character by a length limit, say). */
void ts_utf8_sanitize(char *s);

#endif
