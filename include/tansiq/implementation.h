/* Implementation of decisions: the mandates that operative paragraphs (and programmes of action)
 * give to addressees, the implementation reports the addressees file, and what follows from them:
 * each mandate's standing on a day, progress rolled up to paragraphs, resolutions, programmes and
 * organs, the commitment-implementation gap, and the deadline and lateness feeds.
 *
 * Nothing computed here is stored: a mandate's status is its latest report, a resolution's
 * progress the weighted mean of its paragraphs'. The computations run on an index of every
 * mandate and report held in memory, rebuilt when the collections it reads change (the newest
 * audit entry of those collections moves),
 * and filtered for the store's viewer (access.h) on every call: no figure counts a mandate or a
 * report its reader may not read. */
#ifndef TANSIQ_IMPLEMENTATION_H
#define TANSIQ_IMPLEMENTATION_H

#include <jansson.h>
#include "tansiq/buf.h"
#include "tansiq/error.h"
#include "tansiq/records.h"
#include "tansiq/schema.h"
#include "tansiq/store.h"

extern const ts_entity ts_entity_result, ts_entity_mandate, ts_entity_report;
/* The kinds of addressee (oic, secretary_general, organ, state, all_states, contact_group, partner)
 * and the statuses of a report (not_started, in_progress, implemented, not_implemented). */
extern const ts_enum_value ts_addressee_kinds[], ts_report_statuses[];

/* ---- where a mandate stands: the pure rules ---- */

/* A partial date as the range of days it covers, each day as YYYYMMDD: "2019" is 20190101 to
 * 20191231. Returns -1 (and *lo = *hi = 0) for NULL or a malformed date. */
int ts_pdate_range(const char *s, int *lo, int *hi);

enum { TS_REC_NONE = 0, TS_REC_YEARLY, TS_REC_EACH_SESSION };
enum { TS_MS_NOT_STARTED = 0, TS_MS_IN_PROGRESS, TS_MS_IMPLEMENTED, TS_MS_NOT_IMPLEMENTED };

/* What decides a mandate's deadlines. Days are YYYYMMDD, 0 when not known. */
typedef struct ts_mandate_terms {
	int start;          /* the day it runs from: its own (first day), else the end of the session
			     * that adopted its resolution (the last day of adopted_on, else of the
			     * meeting), else its programme's start */
	int due_lo, due_hi; /* once: the deadline; recurring: the last day it recurs (0: no end) */
	int recurrence;     /* TS_REC_* */
	const int *sessions; /* each session: the first days of the sessions of the organ it reports
			      * to, ascending */
	int nsessions;
} ts_mandate_terms;

/* One report, as far as the rules need it: its day (first day of a partial date), status and
 * progress. */
typedef struct ts_report_fact {
	int day;
	int status;   /* TS_MS_* */
	int progress; /* 0..100 */
} ts_report_fact;

/* A mandate's standing on a day. */
typedef struct ts_standing {
	int status, progress; /* of the latest report filed by that day; not started and 0 without one */
	int reports;          /* reports dated by that day */
	int last_report;      /* the day of the latest, 0 if none */
	int deadline;         /* the latest deadline reached by that day (its last day), 0 if none */
	int next_deadline;    /* the first deadline after that day, 0 if none */
	int due;              /* a deadline has been reached */
	int late;             /* a deadline has passed with the mandate neither implemented nor declared
			       * not implemented (once), or with no report since the deadline before it
			       * (recurring) */
	int silent;           /* no report at all */
	int missed;           /* when late: the deadline whose passing made it so */
} ts_standing;

/* Judges a mandate on day `on` (YYYYMMDD) from its terms and its reports, oldest first (reports
 * dated after `on` are not counted). */
void ts_mandate_judge(const ts_mandate_terms *t, const ts_report_fact *r, int nr, int on, ts_standing *out);

/* ---- operations (in the caller's transaction, as the store's viewer) ---- */

/* Turns an operative paragraph into mandates, all or none: items is an array of mandate inputs
 * (addressee, addressee_*, due, recurrence, report_to, weight, action_*...) without paragraph;
 * each gets the paragraph, and the paragraph's text as its action when none is given. *out is
 * the array of mandates created. A problem in item i is reported with err->line = i + 1. */
int ts_mandates_from_paragraph(ts_store *st, const char *paragraph, const json_t *items, json_t **out,
			       ts_error *err);

/* ---- reading (the viewer's view, on a day: `on` is YYYY-MM-DD, NULL for today, UTC) ----
 *
 * A mandate's standing in JSON (the "standing" objects below) is {status, progress, reports,
 * last_report, deadline, next_deadline, due, late, silent}, days as YYYY-MM-DD or null.
 * Counts ("counts" objects) are {mandates, due, reported, implemented, not_implemented, late,
 * silent}. A malformed `on` fails with TS_INVALID_PARAMETER naming "on". */

/* One mandate with its standing and its timeline: {on, mandate: record, addressee: {key,
 * name_ar, name_en, name_fr}, standing, reports: [report records, oldest first]}. */
int ts_mandate_progress(ts_store *st, const char *mandate, const char *on, json_t **out, ts_error *err);

/* A resolution's roll-up: {on, resolution, progress, counts, paragraphs: [{paragraph, number,
 * weight, progress, counts, mandates: [{id, addressee: {...}, action_ar, action_en, action_fr,
 * due, recurrence, weight, standing}]}]}. progress is null when no mandate counts. */
int ts_resolution_progress(ts_store *st, const char *resolution, const char *on, json_t **out, ts_error *err);

/* A programme (or any result) with its subtree: {on, result, progress, counts, children:
 * [{result, kind, code, title_ar, title_en, title_fr, weight, progress, counts, children}],
 * mandates: [{id, addressee, action_*, due, standing}]} (its own mandates and activities). */
int ts_result_progress(ts_store *st, const char *result, const char *on, json_t **out, ts_error *err);

/* What the gap view asks for. NULL fields do not filter. */
typedef struct ts_gap_query {
	const char *by;        /* "addressee" (default), "organ", "category" or "year" */
	const char *on;        /* YYYY-MM-DD; NULL: today */
	const char *organ, *category, *addressee, *resolution;
	long year;             /* the year mandates were given; 0: any */
} ts_gap_query;

/* The commitment-implementation gap: {on, by, counts (all), groups: [{key, name_ar, name_en,
 * name_fr, counts, progress}], years: [{year, counts}] (by the year mandates were given, for the
 * chart), silent: [{key, name_*, due}] (addressees with mandates due who never reported on any),
 * silent_states: [{state, name_*, due}] (member states that never reported on a mandate to all
 * member states that is due)}. Groups by organ carry the organ's roll-up (the mean of its
 * resolutions and programmes); other groups the weighted mean of their mandates. Unknown `by`
 * or a malformed filter fails with TS_INVALID_PARAMETER. */
int ts_gap(ts_store *st, const ts_gap_query *q, json_t **out, ts_error *err);

/* An addressee key: "oic", "secretary_general", "all_states", "organ:pcsu", "state:SAU",
 * "contact_group:friends-of-mediation", "partner:un". Checks one given as a parameter. */
int ts_addressee_key_check(const char *key, ts_error *err);

/* ---- feeds ---- */

/* The deadlines of the mandates of one addressee (NULL: all) as an iCalendar feed (RFC 5545): an
 * all-day event on each deadline of the coming and past year, summarised in `lang`. */
int ts_deadlines_ics(ts_store *st, const char *addressee, ts_lang lang, const char *base_url, ts_buf *out,
		     ts_error *err);
/* The mandates that became late (one entry each, newest first, at most 200), as an Atom feed
 * (RFC 4287), for one addressee (NULL: all), in `lang`. base_url makes the links absolute. */
int ts_late_atom(ts_store *st, const char *addressee, ts_lang lang, const char *base_url, ts_buf *out,
		 ts_error *err);

/* ---- the yearly progress report, as CSV both ways ----
 *
 * Columns: the mandate's fields, then status, progress, reported_on and narrative_en of its
 * latest report. Export writes every mandate the viewer reads; import takes the same file back:
 * mandates are created or updated, and a row whose status columns differ from the mandate's
 * latest report files a new report (its history is kept). A file exported and imported again
 * changes nothing. */
int ts_mandates_status_export(ts_store *st, ts_buf *out, ts_error *err);
int ts_mandates_status_import(ts_store *st, const char *data, size_t len, ts_import_stats *stats,
			      long *reports, ts_error *err);

/* Drops the process's index (tests, and memory checkers at exit). */
void ts_implementation_reset(void);

#endif
