/* Mediation (resolution 53/45-POL): the network of mediators, special envoys and experts that the
 * member states nominate and the secretariat approves, the versioned code of conduct they sign,
 * the matching of candidates to a mediation process (hard rules, then weighted scores, each with
 * its reasons), and the processes themselves: their mandate, team, stages, journal (read by the
 * team and the secretariat's leadership only), agreements and provisions. Contact groups, the
 * yearly conferences (meetings), training sessions and field missions complete the picture.
 * Every entity came with migration 9; docs/internals/mediation.md tells the design. */
#ifndef TANSIQ_MEDIATION_H
#define TANSIQ_MEDIATION_H

#include <time.h>
#include <jansson.h>
#include "tansiq/error.h"
#include "tansiq/schema.h"
#include "tansiq/store.h"

extern const ts_entity ts_entity_expertise, ts_entity_code_of_conduct, ts_entity_mediator, ts_entity_interest,
	ts_entity_field_mission, ts_entity_training, ts_entity_trainee, ts_entity_match_weight, ts_entity_process,
	ts_entity_assignment, ts_entity_stage, ts_entity_journal, ts_entity_agreement, ts_entity_provision;

/* The stages of a process, in order: exploration ... implementation, then closed. */
extern const ts_enum_value ts_process_stages[];
/* The language levels of a mediator's languages ("ar:native en:fluent"), from the best. */
extern const ts_enum_value ts_language_levels[];

/* The time the module's stamps and "today" are taken from: t, or the system clock when t is 0
 * (tests fix it). */
void ts_mediation_set_clock(time_t t);

/* ---- the network (network.c) ---- */

/* The secretariat decides on a nomination: decision is "approved", "declined" (reason required,
 * 10 characters at least) or "withdrawn" (by the secretariat, or by the nominating state's
 * delegate). Only a nomination still "nominated" can be approved or declined; an approved member
 * can be withdrawn. TS_WRONG_STAGE otherwise, TS_FORBIDDEN for other callers. */
int ts_mediator_decide(ts_store *st, const char *id, const char *decision, const char *reason, json_t **out,
		       ts_error *err);
/* A member of the network signs the current code of conduct (code NULL: the current one; else it
 * must be the current one). The member signs for themselves (their account), or the secretariat
 * records a signature given on paper. No code adopted yet: TS_WRONG_STAGE saying so. */
int ts_mediator_sign(ts_store *st, const char *id, const char *code, json_t **out, ts_error *err);
/* The code of conduct in force: the adopted one of highest version, as the store's viewer reads
 * it, in *out; *out = NULL (and 0 returned) when none is adopted yet. */
int ts_code_current(ts_store *st, json_t **out, ts_error *err);

/* ---- matching (match.c) ---- */

/* The criteria of the soft score, whose weights are the records of match-weights. */
extern const ts_enum_value ts_match_criteria[];

typedef struct ts_match_opts {
	int limit;        /* candidates returned (0: 20); the excluded are all counted, `limit` shown */
	int with_excluded;/* list the excluded candidates with the rule that excluded each */
} ts_match_opts;

/* Ranks the approved members of the network for process `process`:
 *   hard rules (a candidate failing one is excluded, the first rule failed named): available;
 *   signed the current code of conduct (waived, and said so, while none is adopted); not a
 *   national of a state party; no declared interest touching a party (a state party, or a party
 *   named); below their maximum load of open processes; not already on the process's team;
 *   soft scores, each weight times a share in [0, 1]: the parties' languages spoken (native and
 *   fluent count whole, working half, basic a quarter), experience in the process's region and
 *   its country, the expertise the process needs, certificates, seniority (years, 25 counting
 *   whole) and current load (none counts whole).
 * Ties are broken by id: the ranking is deterministic. Reads every candidate, whoever asks (the
 * caller checks the viewer may match: the secretariat). *out:
 *   {"process": id, "code": {id, version} | null, "weights": {criterion: weight},
 *    "candidates": [{"id", "name_en", "name_ar", "name_fr", "kind", "nationality", "score", "rank",
 *                    "reasons": [{"criterion", "points", "detail"}]}],
 *    "excluded": [{"id", "name_en", ..., "rule", "detail"}],
 *    "counts": {"roster": N, "eligible": N, "excluded": N, "by_rule": {rule: N}}} */
int ts_match(ts_store *st, const char *process, const ts_match_opts *opts, json_t **out, ts_error *err);
/* The hard rules for one candidate: 0 when mediator may join process, else -1 with err naming
 * the rule (field "mediator") and the fix. Used when a member is placed on a process's team. */
int ts_match_check(ts_store *st, const char *process, const char *mediator, ts_error *err);

/* ---- processes (process.c) ---- */

/* Moves a process to `stage` on `date` (NULL: today), recording a stage record. Going back to an
 * earlier stage (and reopening a closed process) needs a reason of 10 characters at least; the
 * date is not before the last transition's. The secretariat, or the process's lead. */
int ts_process_stage(ts_store *st, const char *process, const char *stage, const char *date, const char *reason,
		     json_t **out, ts_error *err);
/* The whole process as its viewer reads it: the record, its stages (the timeline), team (with
 * the members' names), agreements with their provisions, and the journal when the viewer may
 * read it ("journal": null otherwise, so that outsiders learn nothing of it). */
int ts_process_dossier(ts_store *st, const char *process, json_t **out, ts_error *err);

#endif
