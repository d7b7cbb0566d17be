/* The audit log: every change to a record (who, when, from where, which record, before and
 * after) appended to a log that the application never updates or deletes. Each entry carries a
 * BLAKE2b hash over its content and the hash of the entry before it, so that an entry edited,
 * removed or moved directly in the database breaks the chain at that entry. */
#ifndef TANSIQ_AUDIT_H
#define TANSIQ_AUDIT_H

#include <jansson.h>
#include "tansiq/store.h"

#define TS_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Says who makes the following changes through this store handle and from which address
 * ("cli:alice" and "local", "admin" and "192.0.2.1"). Both are copied. Until it is called, the
 * actor is "unknown". */
void ts_store_set_actor(ts_store *st, const char *actor, const char *address);

/* Appends one entry, inside the caller's transaction: action is "create", "update" or
 * "delete"; before and after are the record (NULL when there is none). Called by the record
 * functions of records.h for every change, so callers never need to. */
int ts_audit_append(ts_store *st, const char *action, const char *collection, const char *id,
		    const json_t *before, const json_t *after, ts_error *err);

/* What an audit listing asks for; NULL fields do not filter. */
typedef struct ts_audit_query {
	const char *collection;
	const char *record;   /* record id */
	const char *actor;
	const char *since;    /* ISO 8601 date or time, inclusive */
	const char *until;    /* exclusive */
	long limit;           /* 1..1000 */
	long long before_seq; /* entries with a smaller sequence number only; 0: from the newest */
} ts_audit_query;

#define TS_AUDIT_QUERY_INIT {NULL, NULL, NULL, NULL, NULL, 50, 0}

/* Newest first: *out = {"items":[{seq, at, actor, address, action, collection, record, before,
 * after, hash}...], "next_cursor": "SEQ" | null}. */
int ts_audit_list(ts_store *st, const ts_audit_query *q, json_t **out, ts_error *err);

/* The outcome of a verification. */
typedef struct ts_audit_report {
	long entries;          /* entries read */
	long long bad_seq;     /* the first entry at fault, 0 when the chain is whole */
	long long good_seq;    /* the last entry of the intact start of the chain */
	char problem[256];     /* what is wrong with it */
	char head[65];         /* hash of the last entry: keep it elsewhere to detect a cut tail */
} ts_audit_report;

/* Walks the whole chain. Returns 0 with the report filled (bad_seq 0: intact), or -1 when the
 * log cannot be read. */
int ts_audit_verify(ts_store *st, ts_audit_report *r, ts_error *err);

#endif
