/* What the cmocka unit tests share: cmocka's prelude, the library, and lookups that fail the
 * test instead of returning NULL. */
#ifndef TANSIQ_UNIT_H
#define TANSIQ_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tansiq/tansiq.h"
#include "../common/tmpdir.h"

static inline const ts_entity *entity(const char *collection)
{
	const ts_entity *e = ts_schema_entity(ts_schema_all(), collection);

	if (!e)
		fail_msg("no entity '%s'", collection);
	return e;
}

static inline const ts_field *field(const char *collection, const char *name)
{
	const ts_field *f = ts_entity_field(entity(collection), name);

	if (!f)
		fail_msg("no field '%s' in '%s'", name, collection);
	return f;
}

/* Makes the store read and write as an administrator, as the CLI does (tests of access set
 * other viewers themselves). */
static inline void as_admin(ts_store *st)
{
	ts_viewer v = {TS_ROLE_ADMIN, "tester", ""};

	ts_store_set_viewer(st, &v);
	ts_store_set_actor(st, "tester", "local");
}

/* Makes a fresh temporary data directory; out receives its path. */
static inline void make_dir(char *out, size_t size)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(out, size, "%s/tansiq-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(out))
		fail_msg("mkdtemp %s failed", out);
}

/* A fresh store in a temporary directory, for each test (cmocka setup and teardown). */
typedef struct fixture {
	char dir[256];
	ts_store *st;
} fixture;

static inline int group_setup(void **state)
{
	(void)state;
	return ts_init();
}

static inline int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	ts_error err = TS_ERROR_INIT;

	if (!fx)
		return -1;
	make_dir(fx->dir, sizeof(fx->dir));
	if (ts_store_open(&fx->st, fx->dir, 1, &err)) {
		fprintf(stderr, "ts_store_open: %s\n", err.detail);
		free(fx);
		return -1;
	}
	as_admin(fx->st);
	*state = fx;
	return 0;
}

static inline int teardown(void **state)
{
	fixture *fx = *state;

	ts_store_close(fx->st);
	test_remove_dir(fx->dir);
	free(fx);
	return 0;
}

/* Parses test JSON; a typo in a test fails it. The caller owns the result. */
static inline json_t *load(const char *json)
{
	json_error_t jerr;
	json_t *j = json_loads(json, 0, &jerr);

	if (!j)
		fail_msg("bad test JSON: %s: %s", json, jerr.text);
	return j;
}

#endif
