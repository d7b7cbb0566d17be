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

/* ---- what the tests of the modules share ---- */

/* Fails the test with the error when rc is not 0. */
static inline void must(int rc, const ts_error *err)
{
	if (rc)
		fail_msg("%s: %s (field '%s', line %ld)", ts_code_name(err->code), err->detail, err->field, err->line);
}

/* Creates a record from test JSON, failing the test when refused; made_record() returns the record
 * stored (the caller owns it). */
static inline json_t *made_record(ts_store *st, const char *collection, const char *json)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(json), *out = NULL;

	if (ts_record_create(st, entity(collection), in, &out, &err))
		fail_msg("creating %s %s: %s: %s (field '%s')", collection, json, ts_code_name(err.code), err.detail, err.field);
	json_decref(in);
	return out;
}

static inline void make(ts_store *st, const char *collection, const char *json)
{
	json_decref(made_record(st, collection, json));
}

/* Refused with this code (naming this field, when given; saying `says`, when given); err is
 * cleared for the next call. */
static inline void refused_saying(int rc, ts_error *err, ts_code code, const char *field, const char *says)
{
	if (rc == 0)
		fail_msg("accepted; expected %s on '%s'", ts_code_name(code), field ? field : "");
	if (err->code != code)
		fail_msg("refused with %s (%s); expected %s", ts_code_name(err->code), err->detail, ts_code_name(code));
	if (field && strcmp(err->field, field))
		fail_msg("refused naming '%s' (%s); expected '%s'", err->field, err->detail, field);
	if (says && !strstr(err->detail, says))
		fail_msg("refused saying \"%s\"; expected it to say \"%s\"", err->detail, says);
	ts_error_clear(err);
}

static inline void refused(int rc, ts_error *err, ts_code code, const char *field)
{
	refused_saying(rc, err, code, field, NULL);
}

/* The store reads and writes as this viewer (a delegate's state, or NULL), in their name. */
static inline void as(ts_store *st, unsigned roles, const char *user, const char *state)
{
	ts_viewer v;

	memset(&v, 0, sizeof(v));
	v.roles = roles;
	snprintf(v.username, sizeof(v.username), "%s", user ? user : "");
	snprintf(v.state, sizeof(v.state), "%s", state ? state : "");
	ts_store_set_viewer(st, &v);
	ts_store_set_actor(st, user && *user ? user : "tester", "local");
}

#endif
