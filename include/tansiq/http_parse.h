/* Pieces of an HTTP request that are parsed without the server: the Cookie header. Pure
 * functions over bytes, with no allocation and no global state, so that the unit tests and the
 * fuzzers (tests/fuzz/fuzz_cookie.c) reach them directly. */
#ifndef TANSIQ_HTTP_PARSE_H
#define TANSIQ_HTTP_PARSE_H

#include <stddef.h>

/* Finds the cookie `name` in the value of a Cookie request header and copies its value into
 * out (size bytes, always NUL-terminated when size > 0).
 *
 * The syntax is RFC 6265 section 4.2.1, read as section 5.4 and browsers do:
 *   - pairs are separated by ';' (a ',' is part of a pair, not a separator); spaces and tabs
 *     around a pair, around its name and around its value are skipped;
 *   - a pair without '=' is ignored; names are compared exactly (case-sensitive);
 *   - a value in double quotes ("d") is given without its quotes;
 *   - when a name appears more than once, the first occurrence decides (a browser sends the
 *     cookie of the most specific path first).
 *
 * Returns
 *    1  found: out holds the value (possibly empty);
 *    0  the header has no cookie of that name (or header is NULL): out is "";
 *   -1  refused: the first cookie of that name has a value that is longer than size - 1
 *       bytes, has a byte RFC 6265 does not allow in a value (controls, space, '"' inside,
 *       ',', ';', '\\', bytes above 0x7E), or an unbalanced quote; or name is not an RFC 9110
 *       token; or out is NULL or size is 0. out is "".
 * A refused cookie is not a missing one: the caller should treat it as wrong credentials, not
 * as their absence. */
int ts_cookie_get(const char *header, const char *name, char *out, size_t size);

/* The same over header[0..len), which may hold NUL bytes (a NUL is neither whitespace nor a
 * byte of a name or a value: a pair "name\0x=v" does not match "name", and a NUL inside the
 * value refuses it). */
int ts_cookie_getn(const char *header, size_t len, const char *name, char *out, size_t size);

#endif
