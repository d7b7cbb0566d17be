/* Records of any entity: listing with filters, sort and cursor pagination, reading, creating,
 * updating, deleting, and CSV/JSON import and export. Everything is driven by the entity
 * descriptions (schema.h); nothing here is written per entity. Records are Jansson objects
 * whose keys are the entity's field names. */
#ifndef TANSIQ_RECORDS_H
#define TANSIQ_RECORDS_H

#include <jansson.h>
#include "tansiq/buf.h"
#include "tansiq/store.h"

#define TS_QUERY_MAX_FILTERS 16
#define TS_LIMIT_DEFAULT 50
#define TS_LIMIT_MAX 1000

/* What a list asks for. Fill it with ts_query_param() so every parameter is checked. */
typedef struct ts_query {
	const ts_entity *entity;
	int nfilters;
	const ts_field *filter_field[TS_QUERY_MAX_FILTERS];
	json_t *filter_value[TS_QUERY_MAX_FILTERS];
	const ts_field *sort;   /* NULL: the entity's default sort */
	int desc;
	long limit;             /* 1..TS_LIMIT_MAX */
	json_t *after;          /* decoded cursor: [sort value, id], or NULL */
	char *q;                /* text to find in the searchable fields, or NULL */
} ts_query;

/* Starts a query on an entity (limit TS_LIMIT_DEFAULT, default sort). */
void ts_query_init(ts_query *q, const ts_entity *e);
/* Applies one parameter: limit, cursor, sort (field or -field), q, or a field name (filter by
 * equality; the value in its text form). Unknown names fail with TS_UNKNOWN_PARAMETER, bad
 * values with TS_INVALID_PARAMETER, naming the parameter and the fix. */
int ts_query_param(ts_query *q, const char *name, const char *value, ts_error *err);
void ts_query_free(ts_query *q);

/* Lists records: *out = {"items":[...], "total":N, "next_cursor":"..."|null}. */
int ts_records_list(ts_store *st, const ts_query *q, json_t **out, ts_error *err);
/* Counts records of e whose field equals value (value NULL: all records). */
int ts_records_count(ts_store *st, const ts_entity *e, const char *field, const char *value,
		     long *out, ts_error *err);
/* Reads one record; TS_NOT_FOUND when there is none. */
int ts_record_get(ts_store *st, const ts_entity *e, const char *id, json_t **out, ts_error *err);

/* Records of e that meet a condition (SQL with ? parameters, written by the library's own
 * modules, never from user text), sorted by id, as a JSON array in *out. With visible set only
 * those the store's viewer reads; else all of them (for the modules' own rules, which must see
 * every record whoever asks). */
int ts_records_where(ts_store *st, const ts_entity *e, const char *where, const ts_value *params, int nparams,
		     int visible, json_t **out, ts_error *err);

/* Whether id names a record of e, whoever may read it: an id in a list of ids in a text field
 * (a process's countries, a document's states) refers to a record as a reference field does. 0,
 * or TS_INVALID_VALUE naming field, the id, an example of the list and the command that lists the
 * records. */
int ts_record_id_known(ts_store *st, const ts_entity *e, const char *id, const char *field, const char *example,
		       ts_error *err);
/* Creates a record from input (checked: unknown fields, types, required, rules, references,
 * unique values). An auto-id entity gets an id when none is given. *out (may be NULL) receives
 * the stored record. The caller runs it inside a transaction. */
int ts_record_create(ts_store *st, const ts_entity *e, const json_t *input, json_t **out,
		     ts_error *err);
/* Changes the fields given in patch (null clears a field); the id cannot change. */
int ts_record_update(ts_store *st, const ts_entity *e, const char *id, const json_t *patch,
		     json_t **out, ts_error *err);
/* Deletes a record; TS_REFERENCED, naming who refers to it, when other records do. */
int ts_record_delete(ts_store *st, const ts_entity *e, const char *id, ts_error *err);

/* Sorts a JSON array in place with qsort's cmp, called with pointers to json_t * elements. Out of
 * memory, the array is left as it was. */
void ts_json_array_sort(json_t *arr, int (*cmp)(const void *, const void *));

/* Outcome of an import. */
typedef struct ts_import_stats {
	long rows, created, updated, unchanged;
} ts_import_stats;

/* Imports CSV text (header row of field names, then one record a row): a row whose id exists
 * updates that record, else creates one. Stops at the first bad row with err naming its line,
 * field and value; the caller rolls the transaction back, so a file is applied whole or not
 * at all. */
int ts_import_csv(ts_store *st, const ts_entity *e, const char *data, size_t len,
		  ts_import_stats *stats, ts_error *err);
/* Same for a JSON array of records (or {"items":[...]}); err->line is the element's index+1. */
int ts_import_json(ts_store *st, const ts_entity *e, const json_t *doc, ts_import_stats *stats,
		   ts_error *err);
/* Writes records of e as CSV: a header naming every field, then one row per record. */
int ts_csv_write_records(ts_buf *out, const ts_entity *e, const json_t *items, ts_error *err);
/* Writes every record of e, sorted by id, as CSV (all fields, header first). */
int ts_export_csv(ts_store *st, const ts_entity *e, ts_buf *out, ts_error *err);
/* Every record of e, sorted by id, as a JSON array. */
int ts_export_json(ts_store *st, const ts_entity *e, json_t **out, ts_error *err);

#endif
