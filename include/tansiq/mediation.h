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
	int limit;        /* candidates returned (0: 20; at most 1000); the excluded are all counted, `limit` shown */
	int with_excluded;/* list the excluded candidates with the rule that excluded each */
} ts_match_opts;

/* Ranks the approved members of the network for process `process`:
 *   hard rules, tried in this order (a candidate failing one is excluded, the first rule failed
 *   named): availability (not 'unavailable'; 'limited' passes); code_of_conduct (signed the
 *   current code; waived, and said so, while none is adopted); nationality (not a national of a
 *   state party); interest (no declared interest whose country is a state party or whose party,
 *   trimmed and in either case, is one of the process's parties, separated by ';'); load (open
 *   places, those not ended on processes not closed, below max_load, 2 when unset); team (not on
 *   this process's team already);
 *   soft scores, each weight (the match-weights record of the criterion; none: 0) times a share
 *   in [0, 1]: the parties' languages spoken (the mean over the process's languages: native and
 *   fluent 1, working or no level 0.5, basic 0.25; skipped when the process names none),
 *   experience in the region of the process's country and in the country or a state party,
 *   the share of the expertise the process needs (skipped when it names none), certificates
 *   (one 0.5, two or more 1), seniority (years, 25 counting whole) and current load (1 - open
 *   places / max_load; halved for a 'limited' candidate).
 * Each criterion's points are rounded to hundredths and the score is their sum; a criterion
 * weighing 0 or skipped gives no reason. Sorted by score, then id: equal scores still get
 * distinct ranks, the lower id first, so the ranking is deterministic. Reads every candidate,
 * whoever asks (the caller checks the viewer may match: the secretariat). TS_NOT_FOUND (field
 * "process") for an unknown process; TS_INVALID_VALUE ("limit") above 1000. *out:
 *   {"process": id, "code": {id, version} | null, "waived": ["code_of_conduct"] | [],
 *    "weights": {criterion: weight}, "skipped": [criterion],
 *    "candidates": [{"id", "name_en", "name_ar", "name_fr", "kind", "nationality", "availability",
 *                    "score", "rank", "reasons": [{"criterion", "points", "detail"}]}],
 *    "excluded": [{"id", "name_en", ..., "rule", "detail"}] (the first `limit` by id; empty
 *                 unless with_excluded),
 *    "counts": {"roster": N, "eligible": N, "excluded": N, "by_rule": {rule: N, every rule}}}
 * The roster is read by one pass of SQL over the columns scored, not as records: see match.c. */
int ts_match(ts_store *st, const char *process, const ts_match_opts *opts, json_t **out, ts_error *err);
/* The hard rules for one candidate, by the same code as ts_match: 0 when mediator may join
 * process, else -1 with err (TS_INVALID_VALUE, field "mediator") naming the rule and the fix. A
 * member not approved is refused too; an unknown member or process is TS_UNKNOWN_REFERENCE.
 * Used when a member is placed on a process's team. */
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
