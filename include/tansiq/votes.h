/* Votes under an organ's decision rules: quorum from attendance, a vote opened on a draft during
 * a meeting, ballots cast by the delegates of the member states present, the result computed
 * from the rules when the chair closes the vote, and each organ's cycle of sessions.
 *
 * The arithmetic (ts_decide) is pure and separate from the store; the operations below run
 * inside the caller's transaction, as the store's viewer (access.h), and write through the
 * records layer, so that every change is checked and in the audit log. */
#ifndef TANSIQ_VOTES_H
#define TANSIQ_VOTES_H

#include <jansson.h>
#include "tansiq/error.h"
#include "tansiq/store.h"

/* What the majority is counted on. */
typedef enum ts_majority_base {
	TS_BASE_PRESENT_AND_VOTING, /* yes + no (+ abstentions when they count as votes cast) */
	TS_BASE_PRESENT,            /* the members entitled to vote who are present */
	TS_BASE_VOTING_MEMBERS      /* all members entitled to vote */
} ts_majority_base;

/* A decision rule (the decision-rules collection) as numbers. */
typedef struct ts_decision_rule {
	long quorum_num, quorum_den;  /* quorum: this fraction of the members (0/1: none) */
	int quorum_of_voting;         /* counted on members entitled to vote, not all members */
	int consensus;                /* decisions by consensus first */
	long majority_num, majority_den;
	int more_than;                /* yes must be more than the fraction, not at least it */
	ts_majority_base base;
	int abstentions_count;        /* abstentions are votes cast (with TS_BASE_PRESENT_AND_VOTING) */
	int suspended_vote;           /* suspended members vote too */
} ts_decision_rule;

/* Reads a decision-rules record. Fails with TS_INVALID_VALUE on a malformed one. */
int ts_decision_rule_read(const json_t *rec, ts_decision_rule *r, ts_error *err);

/* The counts a decision is made from. */
typedef struct ts_tally {
	long members;        /* member states (suspended ones included) */
	long voters;         /* member states entitled to vote */
	long present;        /* of the member states, those present */
	long present_voters; /* of those entitled to vote, those present */
	long yes, no, abstain;
} ts_tally;

typedef struct ts_decision {
	long quorum;        /* members that must be present */
	int quorum_met;
	long base;          /* the number the majority is a fraction of */
	long required;      /* yes votes needed (at least 1) */
	long not_voting;    /* present voters without a ballot */
	int adopted;
	const char *decided_by; /* "majority", "short_of_majority" or "no_quorum" */
} ts_decision;

/* The members needed for a quorum of `members` under r: the fraction rounded up. */
long ts_quorum_required(const ts_decision_rule *r, long members);
/* Decides a vote: quorum, majority base, yes votes required, outcome. */
void ts_decide(const ts_decision_rule *r, const ts_tally *t, ts_decision *d);

/* The quorum of a meeting from its attendance, under the rule of its organ (or `rule`, an id,
 * when given): {meeting, rule, members, quorum, present, present_voters, met, present_states:
 * [{state, status}], observers: [...], organisations: [...]}. A meeting without a rule answers
 * rule null and met null. */
int ts_meeting_quorum(ts_store *st, const char *meeting, const char *rule, json_t **out, ts_error *err);

/* Opens a vote on a draft during a meeting in session: input {meeting, resolution, method
 * ("ballot" or "consensus"), rule (optional: the organ's)}. Refuses a meeting not in session, a
 * resolution that is not a draft or already has an open vote (TS_WRONG_STAGE), a quorum not met
 * (TS_QUORUM_NOT_MET). Consensus is recorded at once: the vote is closed, the draft adopted.
 * *out is the vote record. */
int ts_vote_open(ts_store *st, const json_t *input, json_t **out, ts_error *err);

/* Casts or changes the ballot of `state` ("yes", "no" or "abstain") in an open vote. Only a
 * delegate of that state casts it (TS_FORBIDDEN), only for a member state in good standing that
 * is recorded as present (TS_NOT_ENTITLED), only while the vote is open (TS_VOTE_CLOSED).
 * *out is the ballot. */
int ts_vote_cast(ts_store *st, const char *vote, const char *state, const char *choice, json_t **out,
		 ts_error *err);

/* Closes an open vote: present voters without a ballot are recorded as not voting, the result is
 * computed from the rule, and the draft becomes adopted or not_adopted. *out is the vote. */
int ts_vote_close(ts_store *st, const char *vote, json_t **out, ts_error *err);

/* A vote with its rule, its tally (live while open) and the roll call: {vote, rule, quorum,
 * tally: {yes, no, abstain, not_voting, base, required, adopted (while open: as it would be
 * now)}, roll_call: [{state, name_ar, name_en, name_fr, choice, cast_at}]}. */
int ts_vote_report(ts_store *st, const char *vote, json_t **out, ts_error *err);

/* Each periodic organ's cycle on the day `on` (YYYY-MM-DD; NULL: today, UTC): {today, organs:
 * [{organ, name_ar, name_en, name_fr, cycle_months, last, next, due, overdue}]}: the last
 * ordinary session held (or in session), the next one planned for a day not yet past, when the
 * next was due, and whether it is overdue (due before that day and none planned). A malformed
 * `on` fails with TS_INVALID_PARAMETER. */
int ts_organ_cycles(ts_store *st, const char *on, json_t **out, ts_error *err);

#endif
