/* Fuzzes the CSV import over arbitrary bytes, against a real store (SQLite in a temporary
 * directory, opened once). The input is imported as states; an input starting with a line
 * "@collection" (e.g. "@organs", whose parent refers to organs of the same file) is imported
 * into that collection instead. Each input is imported inside a transaction that is rolled
 * back, so every run starts from the same store: a few states, a person that refers to one of
 * them, two organs and a contact group that refers to one.
 *
 *   tools/fuzz.sh import
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_store *st;

static const char seed_states[] =
	"id,iso2,gw_code,name_ar,name_en,name_fr,status,accession_year,observer_since,suspended_since,group,notes\n"
	"SAU,SA,670,السعودية,Saudi Arabia,Arabie saoudite,member,1969,,,arab,\n"
	"EGY,EG,651,مصر,Egypt,Égypte,member,1969,,,arab,\"notes, with \"\"quotes\"\"\"\n"
	"SYR,SY,652,سوريا,Syria,Syrie,suspended,1970,,2012-08,arab,\n"
	"BIH,BA,346,البوسنة والهرسك,Bosnia and Herzegovina,Bosnie-Herzégovine,observer,,1994,,,\n";

static const char seed_organs[] =
	"id,acronym,name_en,kind,cycle,cycle_months,parent\n"
	"sub,,Subsidiary,subsidiary,as_convened,,cfm\n"
	"cfm,CFM,Council of Foreign Ministers,council,periodic,12,\n";

static const ts_entity *entity(const char *collection)
{
	const ts_entity *e = ts_schema_entity(ts_store_schema(st), collection);

	if (!e)
		die("no entity %s", collection);
	return e;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;
	json_t *person, *group;

	(void)argc;
	(void)argv;
	st = fuzz_store();
	/* an administrator imports (the store refuses writes from the anonymous public) */
	{
		ts_viewer admin = {0};
		admin.roles = TS_ROLE_ADMIN;
		snprintf(admin.username, sizeof(admin.username), "%s", "fuzz");
		ts_store_set_viewer(st, &admin);
		ts_store_set_actor(st, "fuzz", "127.0.0.1");
	}
	person = json_pack("{s:s, s:s, s:s}", "id", "someone", "name_en", "Someone", "nationality", "SAU");
	group = json_pack("{s:s, s:s, s:s}", "id", "mediation", "name_en", "Mediation", "organ", "cfm");
	if (ts_store_begin(st, &err) ||
	    ts_import_csv(st, entity("states"), seed_states, strlen(seed_states), &s, &err) ||
	    ts_import_csv(st, entity("organs"), seed_organs, strlen(seed_organs), &s, &err) ||
	    ts_record_create(st, entity("persons"), person, NULL, &err) ||
	    ts_record_create(st, entity("contact-groups"), group, NULL, &err) ||
	    ts_store_commit(st, &err))
		die("seeding the store: %s", err.detail);
	json_decref(person);
	json_decref(group);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	const char *csv;
	size_t len;
	const ts_entity *e = entity("states");
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;
	long n = -1, before;
	int rc;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	csv = copy;
	len = size;
	if (size > 1 && copy[0] == '@') {
		const char *nl = memchr(copy, '\n', size);
		char name[64];
		if (nl && (size_t)(nl - copy) < sizeof(name)) {
			memcpy(name, copy + 1, (size_t)(nl - copy) - 1);
			name[nl - copy - 1] = '\0';
			if (ts_schema_entity(ts_store_schema(st), name))
				e = entity(name);
			len = size - (size_t)(nl + 1 - copy);
			csv = nl + 1;
		}
	}
	before = fuzz_count(st, e);
	if (ts_store_begin(st, &err))
		die("begin: %s", err.detail);
	rc = ts_import_csv(st, e, csv, len, &s, &err);
	if (rc) {
		check_error(&err, "ts_import_csv");
		if (err.code == TS_STORAGE || err.code == TS_INTERNAL || err.code == TS_BUSY)
			die("import failed with %s: %s", ts_code_name(err.code), err.detail);
		/* errors about a row name its line */
		if (err.code != TS_INVALID_CSV && err.line < 1)
			die("import error without a line: %s", err.detail);
	} else {
		if (s.created + s.updated + s.unchanged != s.rows)
			die("stats: %ld rows, %ld created, %ld updated, %ld unchanged", s.rows, s.created, s.updated,
			    s.unchanged);
		n = fuzz_count(st, e);
		if (n != before + s.created)
			die("%ld %s after creating %ld over %ld", n, e->collection, s.created, before);
		if (err.code != TS_OK)
			die("import succeeded with an error set: %s", err.detail);
	}
	ts_store_rollback(st);
	/* the rollback leaves the store as it was */
	if ((n = fuzz_count(st, e)) != before)
		die("%ld %s after the rollback, expected %ld", n, e->collection, before);
	free(copy);
	return 0;
}
