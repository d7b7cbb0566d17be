/* Meetings, resolutions and votes: the sessions of the organs (and conferences outside them),
 * their agendas and attendance, resolutions with their numbered paragraphs and sponsors, the
 * decision rules of each organ, and votes with their ballots. The descriptions below join the
 * registry's in ts_schema_all(); their own checks (guards) live with them. */
#ifndef TANSIQ_MEETINGS_H
#define TANSIQ_MEETINGS_H

#include "tansiq/schema.h"

extern const ts_entity ts_entity_decision_rule, ts_entity_resolution_category, ts_entity_meeting,
	ts_entity_agenda_item, ts_entity_attendance, ts_entity_resolution, ts_entity_paragraph,
	ts_entity_sponsor, ts_entity_vote, ts_entity_ballot;

struct ts_store;
/* Whether a resolution (with its derived session and summit flag) can belong to a meeting: the
 * session of its code is the meeting's session number, and (IS) marks the resolutions of a
 * Summit's meetings and only those. Fails with TS_INVALID_VALUE on "meeting". */
int ts_resolution_fits_meeting(struct ts_store *st, const json_t *res, const json_t *meeting, ts_error *err);

#endif
