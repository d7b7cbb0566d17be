/* Fuzzes the progress report taken back (ts_mandates_status_import) over arbitrary bytes, against
 * a real store holding the default data (53/45-POL's mandates and reports), opened once. Each
 * input is imported as an administrator inside a transaction that is rolled back, so every run
 * starts from the same store.
 *
 * Invariants besides "no crash, no leak, no UB":
 *   - a failure is a user error (never storage, internal or busy), checked by check_error; one
 *     about a row names its line;
 *   - on success the stats add up, the mandates counted grew by those created and the reports by
 *     those filed (at most one a row);
 *   - then the progress report exported and taken back changes nothing: every row unchanged, no
 *     report filed (the contract of implementation.h);
 *   - the rollback restores the counts.
 *
 *   tools/fuzz.sh progress_csv
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "tansiq/implementation.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_store *st;
static const ts_entity *mandates, *reports;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ts_error err = TS_ERROR_INIT;
	ts_viewer admin = {0};

	(void)argc;
	(void)argv;
	st = fuzz_store();
	admin.roles = TS_ROLE_ADMIN;
	snprintf(admin.username, sizeof(admin.username), "%s", "fuzz");
	ts_store_set_viewer(st, &admin);
	ts_store_set_actor(st, "fuzz", "127.0.0.1");
	if (ts_store_begin(st, &err) || ts_registry_load_defaults(st, &err) || ts_store_commit(st, &err))
		die("loading the default data: %s", err.detail);
	mandates = ts_schema_entity(ts_store_schema(st), "mandates");
	reports = ts_schema_entity(ts_store_schema(st), "implementation-reports");
	if (!mandates || !reports)
		die("no mandates or implementation-reports in the schema");
	return 0;
}

/* Lines in a CSV text, for the bound on the reports filed (a row may span lines: an upper bound). */
static long lines_in(const char *s, size_t n)
{
	long k = 1;

	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n' || s[i] == '\r';
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s, again;
	long filed = -1, refiled = -1, m0, r0, m1, r1;
	ts_buf out = TS_BUF_INIT;

	m0 = fuzz_count(st, mandates);
	r0 = fuzz_count(st, reports);
	if (ts_store_begin(st, &err))
		die("begin: %s", err.detail);
	if (ts_mandates_status_import(st, (const char *)data, size, &s, &filed, &err)) {
		check_error(&err, "ts_mandates_status_import");
		if (err.code == TS_STORAGE || err.code == TS_INTERNAL || err.code == TS_BUSY)
			die("import failed with %s: %s", ts_code_name(err.code), err.detail);
		if (err.code != TS_INVALID_CSV && err.line < 1)
			die("%s without a line: %s", ts_code_name(err.code), err.detail);
	} else {
		if (err.code != TS_OK)
			die("import succeeded with an error set: %s", err.detail);
		if (s.created + s.updated + s.unchanged != s.rows)
			die("stats: %ld rows, %ld created, %ld updated, %ld unchanged", s.rows, s.created, s.updated,
			    s.unchanged);
		if (filed < 0 || filed > s.rows || filed > lines_in((const char *)data, size))
			die("%ld reports filed from %ld rows", filed, s.rows);
		if ((m1 = fuzz_count(st, mandates)) != m0 + s.created)
			die("%ld mandates after creating %ld over %ld", m1, s.created, m0);
		if ((r1 = fuzz_count(st, reports)) != r0 + filed)
			die("%ld reports after filing %ld over %ld", r1, filed, r0);
		/* what the store now holds, exported and taken back, changes nothing */
		if (ts_mandates_status_export(st, &out, &err))
			die("export after an import: %s: %s", ts_code_name(err.code), err.detail);
		if (ts_mandates_status_import(st, ts_buf_str(&out), out.len, &again, &refiled, &err)) {
			check_error(&err, "import of the export");
			die("the export was refused: %s: %s (line %ld, field '%s')\n%s", ts_code_name(err.code), err.detail,
			    err.line, err.field, ts_buf_str(&out));
		}
		if (again.rows != m1 || again.unchanged != again.rows || refiled != 0)
			die("the export taken back changed something: %ld rows of %ld mandates, %ld unchanged, %ld created, "
			    "%ld updated, %ld reports filed\n%s", again.rows, m1, again.unchanged, again.created, again.updated,
			    refiled, ts_buf_str(&out));
		ts_buf_free(&out);
	}
	ts_store_rollback(st);
	if (fuzz_count(st, mandates) != m0 || fuzz_count(st, reports) != r0)
		die("the rollback left %ld mandates and %ld reports, not %ld and %ld", fuzz_count(st, mandates),
		    fuzz_count(st, reports), m0, r0);
	return 0;
}
