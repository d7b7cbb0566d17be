/* What the mediation module's files share (internal to lib/mediation). */
#ifndef TANSIQ_MEDIATION_INT_H
#define TANSIQ_MEDIATION_INT_H

#include <jansson.h>
#include "tansiq/access.h"
#include "tansiq/mediation.h"
#include "tansiq/store.h"

/* While an action of this module writes (a decision on a nomination, a signature, a stage), the
 * guards keep the derived fields it sets; otherwise a derived field keeps its stored value (or its
 * default), whatever the input says. Set and cleared around one write by med_write. */
extern _Thread_local int med_acting;

/* Updates record id of e with patch (taken) as an action of this module: derived fields pass. */
int med_update(ts_store *st, const ts_entity *e, const char *id, json_t *patch, json_t **out, ts_error *err);
/* Creates a record as an action of this module (input is not taken). */
int med_create(ts_store *st, const ts_entity *e, const json_t *input, json_t **out, ts_error *err);

/* The viewer's account name, or "tansiq" when none (the command line without an account). */
const char *med_actor(ts_store *st);
/* Whether the viewer writes only as a mediator (no secretariat, administrator or delegate role
 * that would let them write the record otherwise). */
int med_only_mediator(ts_store *st);

/* Reads a record whoever asks (the module's own rules must see every record): 0 and *out, or
 * TS_NOT_FOUND. */
int med_get_any(ts_store *st, const ts_entity *e, const char *id, json_t **out, ts_error *err);

/* A string member of a JSON object, NULL when absent or not a string. */
const char *med_str(const json_t *o, const char *k);

/* A stamp of now, "2026-11-23T10:00:00Z", and today's date "2026-11-23", from the clock that
 * ts_mediation_set_clock fixes for tests. */
void med_stamp(char out[32]);
void med_today(char out[32]);

#endif
