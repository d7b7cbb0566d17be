/* Fuzzes the CSV import of states over arbitrary bytes, against a real store (SQLite in a
 * temporary directory, opened once). Each input is imported inside a transaction that is
 * rolled back, so every run starts from the same store: a few states and a person that
 * refers to one of them.
 *
 *   tools/fuzz.sh import
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_store *st;
static const ts_entity *states;
static long nstates;

static const char seed_states[] =
	"id,iso2,gw_code,name_ar,name_en,name_fr,status,accession_year,observer_since,suspended_since,group,notes\n"
	"SAU,SA,670,السعودية,Saudi Arabia,Arabie saoudite,member,1969,,,arab,\n"
	"EGY,EG,651,مصر,Egypt,Égypte,member,1969,,,arab,\"notes, with \"\"quotes\"\"\"\n"
	"SYR,SY,652,سوريا,Syria,Syrie,suspended,1970,,2012-08,arab,\n"
	"BIH,BA,346,البوسنة والهرسك,Bosnia and Herzegovina,Bosnie-Herzégovine,observer,,1994,,,\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;
	json_t *person;

	(void)argc;
	(void)argv;
	st = fuzz_store();
	states = ts_schema_entity(ts_store_schema(st), "states");
	person = json_pack("{s:s, s:s, s:s}", "id", "someone", "name_en", "Someone", "nationality", "SAU");
	if (ts_store_begin(st, &err) || ts_import_csv(st, states, seed_states, strlen(seed_states), &s, &err) ||
	    ts_record_create(st, ts_schema_entity(ts_store_schema(st), "persons"), person, NULL, &err) ||
	    ts_store_commit(st, &err))
		die("seeding the store: %s", err.detail);
	json_decref(person);
	if (ts_records_count(st, states, NULL, NULL, &nstates, &err))
		die("count: %s", err.detail);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;
	long n = -1;
	int rc;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (ts_store_begin(st, &err))
		die("begin: %s", err.detail);
	rc = ts_import_csv(st, states, copy, size, &s, &err);
	if (rc) {
		check_error(&err, utf8_ok(copy, size), "ts_import_csv");
		if (err.code == TS_STORAGE || err.code == TS_INTERNAL || err.code == TS_BUSY)
			die("import failed with %s: %s", ts_code_name(err.code), err.detail);
		/* errors about a row name its line */
		if (err.code != TS_INVALID_CSV && err.line < 1)
			die("import error without a line: %s", err.detail);
	} else {
		if (s.created + s.updated + s.unchanged != s.rows)
			die("stats: %ld rows, %ld created, %ld updated, %ld unchanged", s.rows, s.created, s.updated,
			    s.unchanged);
		if (ts_records_count(st, states, NULL, NULL, &n, &err))
			die("count after import: %s", err.detail);
		if (n != nstates + s.created)
			die("%ld states after creating %ld over %ld", n, s.created, nstates);
		if (err.code != TS_OK)
			die("import succeeded with an error set: %s", err.detail);
	}
	ts_store_rollback(st);
	/* the rollback leaves the store as it was */
	ts_error_clear(&err);
	if (ts_records_count(st, states, NULL, NULL, &n, &err) || n != nstates)
		die("%ld states after the rollback, expected %ld", n, nstates);
	free(copy);
	return 0;
}
