/* The interface a storage backend implements (private to lib/store). */
#ifndef TANSIQ_STORE_INT_H
#define TANSIQ_STORE_INT_H

#include "tansiq/access.h"
#include "tansiq/store.h"

typedef struct ts_backend_ops {
	const char *name;
	/* Opens (or with create, creates) the database of a data directory. */
	int (*open)(void **db, const char *dir, int create, ts_error *err);
	void (*close)(void *db);
	/* Runs one statement with ? parameters, as ts_store_exec(). */
	int (*exec)(void *db, const char *sql, const ts_value *params, int nparams, ts_row_fn row,
		    void *ctx, long *changes, ts_error *err);
	unsigned long long (*version)(void *db);
	/* SQL keywords that differ between backends. */
	const char *begin_sql;
} ts_backend_ops;

extern const ts_backend_ops ts_sqlite_backend;

struct ts_store {
	const ts_backend_ops *ops;
	void *db;
	const ts_schema *schema;
	int in_txn;
	unsigned long long data_version; /* the backend's, when last asked */
	long long polled_at;             /* when, in ms of CLOCK_MONOTONIC_COARSE */
	int polled;
	char actor[96];   /* who makes the changes (ts_store_set_actor), for the audit log */
	char address[64];
	ts_viewer viewer; /* who reads (ts_store_set_viewer): decides what records are visible */
};


#endif
