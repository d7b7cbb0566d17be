/* The registry of the organisation: member and observer states, organisations and
 * partnerships, organs, people and the offices they hold, contact groups. */
#ifndef TANSIQ_REGISTRY_H
#define TANSIQ_REGISTRY_H

#include <jansson.h>
#include "tansiq/schema.h"
#include "tansiq/store.h"

/* Every entity Tansiq stores, in the order their tables are created and their default data is
 * loaded (referenced entities first). */
const ts_schema *ts_schema_all(void);

/* Loads the organisation's default data set (the CSV files of data/, embedded in the binary at
 * build time) into an empty store, inside the caller's transaction. */
int ts_registry_load_defaults(ts_store *st, ts_error *err);

/* The organisation at a glance: counts of states by status and group, of organs, partners and
 * contact groups, and the current Secretary-General. The caller owns *out. */
int ts_registry_summary(ts_store *st, json_t **out, ts_error *err);

#endif
