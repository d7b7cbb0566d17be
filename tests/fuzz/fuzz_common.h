/* Helpers shared by the fuzzers (tests/fuzz/fuzz_*.c). Built by tools/fuzz.sh with
 * clang -fsanitize=fuzzer,address,undefined. A broken invariant calls die(), which prints
 * what went wrong and aborts, so that libFuzzer saves the input as a crash reproducer. */
#ifndef TANSIQ_FUZZ_COMMON_H
#define TANSIQ_FUZZ_COMMON_H

#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "tansiq/tansiq.h"
#include "../common/tmpdir.h"

/* libFuzzer's entry points, declared once for every fuzzer. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Defines LLVMFuzzerInitialize as a call of setup(), for the fuzzers whose set-up takes no
 * arguments: FUZZ_INITIALIZE(feeds_fuzz_init) */
#define FUZZ_INITIALIZE(setup)                                                                               \
	int LLVMFuzzerInitialize(int *argc, char ***argv)                                                    \
	{                                                                                                    \
		(void)argc;                                                                                  \
		(void)argv;                                                                                  \
		setup();                                                                                     \
		return 0;                                                                                    \
	}

__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("INVARIANT BROKEN: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* True when s[0..n) is valid UTF-8 as JSON (and so the API's problem+json) needs it. */
static inline int utf8_ok(const char *s, size_t n)
{
	json_t *j = json_stringn(s, n);

	json_decref(j);
	return j != NULL;
}


/* Checks what every error must satisfy: a code when it failed, items whose first is the
 * primary error, no internal error (an item's), and details, fields and the texts the API
 * renders in each language (512 bytes, as src/server/api.c) that are valid UTF-8, since they
 * go into JSON problem documents. */
static inline void check_error(const ts_error *err, const char *where)
{
	char text[512];

	if (err->code == TS_OK)
		die("%s: failed without an error code", where);
	if (err->nitems < 1 || err->nitems > TS_ERROR_MAX_ITEMS)
		die("%s: %d items", where, err->nitems);
	if (err->items[0].code != err->code)
		die("%s: first item is not the primary error (%s, item %s)", where, ts_code_name(err->code),
		    ts_code_name(err->items[0].code));
	if (!utf8_ok(err->detail, strlen(err->detail)))
		die("%s: detail is not valid UTF-8: \"%s\"", where, err->detail);
	if (!utf8_ok(err->field, strlen(err->field)))
		die("%s: field is not valid UTF-8: \"%s\"", where, err->field);
	for (int i = 0; i < err->nitems; i++) {
		const ts_error_item *it = &err->items[i];
		if (it->code == TS_INTERNAL)
			die("%s: item %d is an internal error: %s", where, i, it->detail);
		if (!utf8_ok(it->detail, strlen(it->detail)))
			die("%s: detail of item %d is not valid UTF-8: \"%s\"", where, i, it->detail);
		if (!utf8_ok(it->field, strlen(it->field)))
			die("%s: field of item %d is not valid UTF-8: \"%s\"", where, i, it->field);
		for (int l = 0; l < TS_LANG_COUNT; l++) {
			ts_error_item_text(it, (ts_lang)l, text, sizeof(text));
			if (!*text)
				die("%s: item %d has no text in %s", where, i, ts_lang_code((ts_lang)l));
			if (!utf8_ok(text, strlen(text)))
				die("%s: item %d in %s is not valid UTF-8: \"%s\"", where, i, ts_lang_code((ts_lang)l),
				    text);
		}
	}
}

/* A store in a fresh temporary directory, removed at exit. */
static char fuzz_dir[256] __attribute__((unused));

static inline void fuzz_remove_dir(void)
{
	test_remove_dir(fuzz_dir);
}

static inline ts_store *fuzz_store(void)
{
	const char *tmp = getenv("TMPDIR");
	ts_error err = TS_ERROR_INIT;
	ts_store *st = NULL;

	if (ts_init())
		die("ts_init failed");
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/tansiq-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fuzz_dir))
		die("mkdtemp failed");
	atexit(fuzz_remove_dir);
	if (ts_store_open(&st, fuzz_dir, 1, &err))
		die("ts_store_open: %s", err.detail);
	return st;
}

/* How many records of e the store's viewer sees; dies on a storage error. */
static inline long fuzz_count(ts_store *st, const ts_entity *e)
{
	ts_error err = TS_ERROR_INIT;
	long n = -1;

	if (ts_records_count(st, e, NULL, NULL, &n, &err))
		die("count %s: %s", e->collection, err.detail);
	return n;
}

#endif
