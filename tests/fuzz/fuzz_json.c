/* Fuzzes a JSON request body the way the API reads it (src/server/api.c): json_loadb with
 * JSON_REJECT_DUPLICATES, then, for an object, ts_record_check against every entity of the
 * registry, and ts_record_create and ts_record_update (a PATCH of one existing record) into a
 * real store holding the organisation's default data (SQLite in a temporary directory, opened
 * once). Every input runs in one transaction that is rolled back, so each starts from the same
 * store; the creates run in the registry's order, so that a state created by an input can be
 * referred to by the person the same input creates.
 *
 * Invariants besides "no crash, no leak, no UB":
 *   - a body Jansson refuses gives the API's invalid-json error, which passes check_error;
 *   - every failure passes check_error (fuzz_common.h) and is a client error (4xx, never
 *     storage, busy or internal);
 *   - a record ts_record_check refuses is refused by ts_record_create too;
 *   - a created or updated record passes ts_record_check, and reading it back gives it again;
 *   - a created record adds one to its entity's count; the rollback restores every count.
 *
 *   tools/fuzz.sh json
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_store *st;
static const ts_schema *schema;
static char **first_id; /* an existing record of each entity (NULL when it has none) */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ts_error err = TS_ERROR_INIT;
	ts_viewer admin = {0};

	(void)argc;
	(void)argv;
	st = fuzz_store();
	schema = ts_store_schema(st);
	/* an administrator reads and writes every level */
	admin.roles = TS_ROLE_ADMIN;
	snprintf(admin.username, sizeof(admin.username), "%s", "fuzz");
	ts_store_set_viewer(st, &admin);
	ts_store_set_actor(st, "fuzz", "127.0.0.1");
	if (ts_store_begin(st, &err) || ts_registry_load_defaults(st, &err) || ts_store_commit(st, &err))
		die("loading the default data: %s", err.detail);
	first_id = calloc((size_t)schema->nentities, sizeof(*first_id));
	if (!first_id)
		die("out of memory");
	for (int i = 0; i < schema->nentities; i++) {
		ts_query q;
		json_t *page = NULL, *it;
		ts_query_init(&q, schema->entities[i]);
		q.limit = 1;
		if (ts_records_list(st, &q, &page, &err))
			die("listing %s: %s", schema->entities[i]->collection, err.detail);
		it = json_array_get(json_object_get(page, "items"), 0);
		if (json_string_value(json_object_get(it, "id")))
			first_id[i] = strdup(json_string_value(json_object_get(it, "id")));
		json_decref(page);
		ts_query_free(&q);
	}
	return 0;
}

/* A failure must be the client's fault, reported as the API reports it. */
static void client_error(const ts_error *err, const char *what, const ts_entity *e)
{
	char where[96];
	int status = ts_code_status(err->code);

	snprintf(where, sizeof(where), "%s %s", what, e->collection);
	check_error(err, where);
	if (status < 400 || status > 499)
		die("%s failed with %s (%d): %s", where, ts_code_name(err->code), status, err->detail);
}

/* A record the store gave back: valid, and read back the same. */
static void stored(const ts_entity *e, const json_t *rec, const char *what)
{
	ts_error err = TS_ERROR_INIT;
	json_t *again = NULL;
	const char *id = json_string_value(json_object_get(rec, "id"));

	if (!json_is_object(rec) || !id)
		die("%s %s: no record or no id given back", what, e->collection);
	if (ts_record_check(e, rec, &err))
		die("%s %s: the stored record fails the check: %s: %s", what, e->collection, ts_code_name(err.code),
		    err.detail);
	if (ts_record_get(st, e, id, &again, &err))
		die("%s %s: record '%s' cannot be read back: %s: %s", what, e->collection, id, ts_code_name(err.code),
		    err.detail);
	if (!json_equal(rec, again)) {
		char *a = json_dumps(rec, JSON_SORT_KEYS), *b = json_dumps(again, JSON_SORT_KEYS);
		die("%s %s: given back %s, read back %s", what, e->collection, a ? a : "?", b ? b : "?");
	}
	json_decref(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t je;
	json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	long *before;
	int *check_failed;
	ts_error err = TS_ERROR_INIT;

	if (!body) {
		/* the API's answer to a body Jansson refuses */
		ts_fail(&err, TS_INVALID_JSON, NULL, "line %d, column %d: %s", je.line, je.column, je.text);
		check_error(&err, "json_loadb");
		return 0;
	}
	before = calloc((size_t)schema->nentities, sizeof(*before));
	check_failed = calloc((size_t)schema->nentities, sizeof(*check_failed));
	if (!before || !check_failed)
		die("out of memory");

	for (int i = 0; i < schema->nentities; i++) {
		const ts_entity *e = schema->entities[i];
		ts_error cerr = TS_ERROR_INIT;
		if (ts_record_check(e, body, &cerr)) {
			check_failed[i] = 1;
			client_error(&cerr, "ts_record_check", e);
		} else if (cerr.code != TS_OK || cerr.nitems) {
			die("%s: record passed the check with errors recorded", e->collection);
		}
		before[i] = fuzz_count(st, e);
	}
	if (!json_is_object(body))
		goto done; /* the API refuses it before any of this: "the body must be one JSON object" */

	if (ts_store_begin(st, &err))
		die("begin: %s", err.detail);
	for (int i = 0; i < schema->nentities; i++) {
		const ts_entity *e = schema->entities[i];
		ts_error cerr = TS_ERROR_INIT;
		json_t *out = NULL;
		long n0 = fuzz_count(st, e);
		if (ts_record_create(st, e, body, &out, &cerr)) {
			client_error(&cerr, "ts_record_create", e);
			if (out)
				die("create %s failed but gave a record", e->collection);
		} else {
			/* an auto-id entity adds an id the input lacked; the check ran without it */
			if (check_failed[i] && !(e->flags & TS_E_AUTO_ID))
				die("create %s accepted a record ts_record_check refuses", e->collection);
			if (cerr.code != TS_OK)
				die("create %s succeeded with an error set: %s", e->collection, cerr.detail);
			stored(e, out, "create");
			if (fuzz_count(st, e) != n0 + 1)
				die("create %s: %ld records after creating one over %ld", e->collection, fuzz_count(st, e), n0);
			json_decref(out);
		}
	}
	for (int i = 0; i < schema->nentities; i++) {
		const ts_entity *e = schema->entities[i];
		ts_error cerr = TS_ERROR_INIT;
		json_t *out = NULL;
		if (!first_id[i])
			continue;
		if (ts_record_update(st, e, first_id[i], body, &out, &cerr)) {
			client_error(&cerr, "ts_record_update", e);
		} else {
			if (cerr.code != TS_OK)
				die("update %s succeeded with an error set: %s", e->collection, cerr.detail);
			stored(e, out, "update");
			json_decref(out);
		}
	}
	ts_store_rollback(st);
	for (int i = 0; i < schema->nentities; i++)
		if (fuzz_count(st, schema->entities[i]) != before[i])
			die("%ld %s after the rollback, expected %ld", fuzz_count(st, schema->entities[i]),
			    schema->entities[i]->collection, before[i]);
done:
	free(before);
	free(check_failed);
	json_decref(body);
	return 0;
}
