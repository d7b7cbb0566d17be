/* Values derived from the data and kept in memory between requests (the implementation index,
 * the matching's roster), shared read-only by every thread that reads the same database in the
 * same state (internal to lib/).
 *
 * A value is known by the database file it was read from (path, device and inode: two stores in
 * one process never share one) and by the newest audit-log entry (sequence and hash) among the
 * collections it derives from: every write through the record layer appends one, so a value
 * whose key is no longer the store's is built again. Records written by direct SQL leave no
 * entry and are not seen until the next audited write. One build serves every thread that asks
 * while it runs. Inside a transaction (whose writes may yet be rolled back), or for a database
 * in memory, a value is built for its caller alone. */
#ifndef TANSIQ_CACHE_H
#define TANSIQ_CACHE_H

#include <pthread.h>
#include "tansiq/error.h"
#include "tansiq/store.h"

/* The first member of a cached value: its counted references and its key. */
typedef struct ts_cached {
	int refs;
	char db[512];
	unsigned long long dev, ino;
	long long seq;
	char hash[72];
} ts_cached;

typedef struct ts_cache {
	const char *const *collections; /* NULL-terminated: what the value derives from */
	void (*free_value)(ts_cached *v);
	pthread_mutex_t lock;
	pthread_cond_t built;
	int building;
	ts_cached *current;             /* the value kept, or NULL */
} ts_cache;

#define TS_CACHE_INIT(collections, free_value) \
	{(collections), (free_value), PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, NULL}

/* Builds a value from the store's data; *out points at its ts_cached member. */
typedef int (*ts_cache_build_fn)(ts_store *st, ts_cached **out, ts_error *err);

/* The value for the store's data now: the one kept when its key is the store's, else built (once
 * for all the threads that ask meanwhile). Release it with ts_cache_release. */
int ts_cache_get(ts_cache *c, ts_store *st, ts_cache_build_fn build, ts_cached **out, ts_error *err);
void ts_cache_release(ts_cache *c, ts_cached *v);
/* Lets the value kept go (tests that change the data behind the audit log's back). */
void ts_cache_reset(ts_cache *c);

#endif
