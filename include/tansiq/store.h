/* Storage behind one interface. SQLite is the first backend; the SQL the store writes is kept to
 * what PostgreSQL accepts too (quoted identifiers, ? placeholders rewritten by a backend that
 * needs $n, no SQLite-only functions). */
#ifndef TANSIQ_STORE_H
#define TANSIQ_STORE_H

#include <jansson.h>
#include "tansiq/error.h"
#include "tansiq/schema.h"

typedef struct ts_store ts_store;

/* Opens the store in data directory `dir` (SQLite file dir/tansiq.db), with WAL and foreign
 * keys on, and runs the migrations not yet applied. With create == 0 a missing database fails
 * with TS_NOT_INITIALISED; with create != 0 the directory and database are created. The
 * caller frees the store with ts_store_close(). */
int ts_store_open(ts_store **out, const char *dir, int create, ts_error *err);
void ts_store_close(ts_store *st);

/* The schema whose tables the store holds. */
const ts_schema *ts_store_schema(const ts_store *st);

/* Transactions: one per request that writes. begin takes the write lock at once (SQLite
 * BEGIN IMMEDIATE), so a writer never fails half-way for lack of it. A commit that fails rolls
 * the transaction back. */
int ts_store_begin(ts_store *st, ts_error *err);
int ts_store_commit(ts_store *st, ts_error *err);
/* Whether a transaction is open on this handle. */
int ts_store_in_txn(const ts_store *st);
void ts_store_rollback(ts_store *st);

/* A number that changes whenever the data may have changed: at once after a commit in this
 * process, within 50 ms after a commit by another process. Used to keep caches of responses
 * honest. */
unsigned long long ts_store_version(ts_store *st);

/* Parameters and result cells of a statement. */
typedef enum ts_vtype { TS_V_NULL, TS_V_INT, TS_V_TEXT, TS_V_REAL } ts_vtype;
typedef struct ts_value {
	ts_vtype type;
	long long i;
	const char *s;
	double d; /* TS_V_REAL (a parameter only: real columns are read as their text) */
} ts_value;

/* Called once per result row with its cells; return non-zero to stop. */
typedef int (*ts_row_fn)(void *ctx, const ts_value *cells, int ncells);

/* Runs one SQL statement with ? parameters; for a query, row() is called per row (it may be
 * NULL). *changes (may be NULL) receives the number of rows changed. Constraint violations fail
 * with TS_DUPLICATE or TS_REFERENCED; other failures with TS_STORAGE. */
int ts_store_exec(ts_store *st, const char *sql, const ts_value *params, int nparams,
		  ts_row_fn row, void *ctx, long *changes, ts_error *err);

#endif
