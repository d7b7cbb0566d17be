/* Conflict monitoring and early warning: the world's countries, conflicts and their years
 * (UCDP/PRIO), conflict events in one common model (ACLED, UCDP GED and analysts' field reports),
 * their country-month and admin1-month aggregates, the risk forecast, the statistics and common
 * threads of the conflicts in member states, and alerts that close only with a recorded response.
 *
 * Events are many (millions): they are written by the importers (feeds.h) in bulk, bypassing the
 * generic record layer, and by analysts one at a time through it (a field report). Either way
 * the aggregates are kept in step in the same transaction, so that a map or a country page reads
 * a few thousand aggregate rows, never the events. Every aggregate row carries the level and team
 * of the events it counts: no figure counts an event its reader may not read (access.h). */
#ifndef TANSIQ_CONFLICTS_H
#define TANSIQ_CONFLICTS_H

#include <time.h>
#include <jansson.h>
#include "tansiq/buf.h"
#include "tansiq/error.h"
#include "tansiq/schema.h"
#include "tansiq/store.h"

extern const ts_entity ts_entity_country, ts_entity_conflict, ts_entity_conflict_year, ts_entity_event_import,
	ts_entity_event, ts_entity_alert_rule, ts_entity_alert;

/* The common taxonomy: event types (ACLED's six), their sub-types (ACLED's 25), actor types
 * (ACLED's inter codes 1 to 8, in that order), root causes of conflicts, the precision of an
 * event's date and of its place. Each is terminated by a {NULL} entry. */
extern const ts_enum_value ts_event_types[], ts_sub_event_types[], ts_actor_types[], ts_root_causes[],
	ts_date_precisions[], ts_geo_precisions[], ts_conflict_types[];
/* The event type a sub-type belongs to ("armed_clash" -> "battles"); NULL when unknown. */
const char *ts_sub_event_parent(const char *sub);
/* Index of value in a {NULL}-terminated list, -1 when absent. */
int ts_enum_index(const ts_enum_value *values, const char *value);
/* Calls fn with each item of a list separated by spaces or commas (a conflict's countries, its
 * root causes): the item NUL-terminated (cut to 63 bytes) and its length in the list. Stops at
 * the first non-zero return of fn and returns it; 0 when every item was taken. */
typedef int (*ts_item_fn)(void *ctx, const char *item, size_t len);
int ts_list_each(const char *list, ts_item_fn fn, void *ctx);

/* ---- months ---- */

/* A month as a number: year * 12 + (month - 1). From "YYYY-MM" or any date starting with it;
 * -1 when malformed. */
int ts_month_parse(const char *s);
/* Writes "YYYY-MM" (8 bytes with the terminator). */
void ts_month_format(int month, char out[8]);

/* ---- aggregates ---- */

/* One event as the aggregates see it. level is the level's name; team NULL or "" for none. */
typedef struct ts_event_key {
	const char *country;  /* ISO alpha-3 */
	const char *admin1;   /* may be NULL */
	int month;            /* ts_month_parse() */
	const char *type;     /* ts_event_types value */
	const char *level;
	const char *team;
} ts_event_key;

/* Adds (sign +1) or removes (-1) the counts of events to the aggregates: `events` events with
 * `fatalities` deaths in all (the counts may be negative themselves: a net change). A row whose
 * events fall to zero is removed. Must run inside the transaction that writes the events. */
int ts_event_agg_add(ts_store *st, const ts_event_key *k, long events, long fatalities, int sign, ts_error *err);

/* A batch of aggregate changes accumulated in memory (the importer's: one upsert per key at the
 * end instead of one per event). */
typedef struct ts_event_agg_batch ts_event_agg_batch;
ts_event_agg_batch *ts_event_agg_batch_new(void);
/* Returns -1 when out of memory. */
int ts_event_agg_batch_add(ts_event_agg_batch *b, const ts_event_key *k, long events, long fatalities);
/* Applies the batch (inside the transaction) and empties it. */
int ts_event_agg_batch_flush(ts_store *st, ts_event_agg_batch *b, ts_error *err);
void ts_event_agg_batch_free(ts_event_agg_batch *b);

/* Rebuilds both aggregate tables from the events (a repair, and the test that they agree). */
int ts_event_agg_rebuild(ts_store *st, ts_error *err);

/* Country-month (by_admin1 0) or admin1-month (1) figures that the store's viewer may read:
 * {"items":[{"country","admin1"?,"month","events","fatalities","types":{type:[events,fatalities]}}],
 *  "from","to"}, sorted by country (admin1) and month. country NULL: every country; from and to
 * ("YYYY-MM", NULL for open) bound the months. */
int ts_event_months(ts_store *st, const char *country, int by_admin1, const char *from, const char *to, json_t **out,
		    ts_error *err);

/* The monthly series of every country with events the viewer may read, months without events
 * counted as zero, from the first month with an event to `through` (-1: the last such month). */
typedef struct ts_series {
	int ncountries;
	char (*country)[4];  /* ISO alpha-3, sorted */
	int first, nmonths;  /* months first .. first + nmonths - 1 */
	long *fatalities;    /* [c * nmonths + m] */
	long *events;        /* [c * nmonths + m] */
} ts_series;
int ts_series_load(ts_store *st, int through, ts_series *out, ts_error *err);
void ts_series_free(ts_series *s);

/* ---- forecast (forecast.c) ---- */

#define TS_FORECAST_HORIZONS 6
/* The probability of 25 or more fatalities in a month counted as "a conflict month". */
#define TS_FORECAST_THRESHOLD 25

/* Fits the model (docs/internals/forecast.md) on the country-month series the store's viewer
 * reads (the caller runs it with full access: the CLI as an administrator, the API with an
 * administrator viewer set for the call) and stores it in forecast_models, replacing the
 * previous model: inside the caller's transaction when one is open, else in its own, begun
 * only after the fitting. *out (may be NULL) receives a summary {fitted_at, from, through,
 * countries, threshold, horizons:[{h, rows, positives, coefficients:{name: value},
 * expected_coefficients}]} (coefficients of the standardised features). TS_WRONG_STAGE, naming
 * the fix, when the data hold fewer than 24 months or no conflict month to learn from; nothing
 * is stored then. */
int ts_forecast_fit(ts_store *st, json_t **out, ts_error *err);
/* The forecast of each country (NULL: every country with events the viewer reads) for the next
 * 1 to 6 months after the viewer's last month with data, from the stored model and the viewer's
 * series: {"model":{"fitted_at","through","threshold"},"through":"YYYY-MM","items":[{"country",
 * "horizons":[{"h","month","p","expected"}]}],"no_events":[horizons]}, items sorted by country.
 * A country asked for without events the viewer reads is forecast from zero features and
 * marked "no_events":true; without a country, "no_events" gives that forecast once. TS_NOT_FOUND
 * (with the fix: tansiq forecast fit) when no model was fitted, and on "country" for a country
 * that does not exist. The caller owns *out. */
int ts_forecast(ts_store *st, const char *country, json_t **out, ts_error *err);
/* The rolling-origin backtest over the viewer's series: each of the last `origins` (6 to 120)
 * months is forecast from h months before by a model fitted on the outcomes known then; Brier
 * score and ROC AUC (null when undefined) of the model and of the baselines (persistence: 1 when
 * the origin month was a conflict month, else 0; the country's historical rate), per horizon:
 * {origins, countries, from, to, threshold, horizons:[{h, n, positives, model:{brier, auc},
 * persistence:{...}, historical:{...}}]}. TS_INVALID_PARAMETER for origins out of range,
 * TS_WRONG_STAGE when the data hold fewer than origins + 34 months. */
int ts_forecast_backtest(ts_store *st, int origins, json_t **out, ts_error *err);

/* ---- statistics and common threads (stats.c) ---- */

/* Active conflicts in the world and in member states per year (the UCDP/PRIO conflict-years),
 * and the share; year 0: every year. */
int ts_stats_conflicts(ts_store *st, int year, json_t **out, ts_error *err);
/* Events and fatalities by member state over months from..to (NULL: open). */
int ts_stats_states(ts_store *st, const char *from, const char *to, json_t **out, ts_error *err);
/* Which root causes, actor types and event types occur together across the conflicts located in
 * member states active in years from..to (0: open). */
int ts_threads(ts_store *st, int from, int to, json_t **out, ts_error *err);

/* ---- alerts (alerts.c) ---- */

/* Runs every enabled rule the viewer reads (analysts, the secretariat, administrators) against
 * the latest forecast and aggregates and raises the alerts that are not raised yet (one per rule,
 * country and month; running twice raises nothing new). The figures are read as a members-level
 * reader, whoever runs it, so that an alert (level members, or its rule's level when higher)
 * never counts or names an event its readers may not read.
 * *out: {"month": the latest month with events, "items": [the alerts raised],
 *        "skipped": [{"rule","reason"}] (forecast rules while no forecast can be made)}. */
int ts_alerts_evaluate(ts_store *st, json_t **out, ts_error *err);
/* The time the alerts' stamps are taken from: t, or the system clock when t is 0 (tests fix
 * it; a process sets it before it serves). */
void ts_alerts_set_clock(time_t t);
/* The kinds of response to an alert (meeting ... no_action), {NULL}-terminated. */
extern const ts_enum_value ts_response_kinds[];
/* The life cycle: open -> acknowledged -> responded -> closed. Each checks who may act and what
 * the alert's state allows; a response names what was done (a meeting, resolution, mandate,
 * mediation process, statement, or a reasoned decision to take no action).
 *   raise: analysts and the secretariat; input {country, severity, title_ar?, title_en,
 *     title_fr?, event? (a field report, whose country and month it takes), month?, evidence?,
 *     level? (members by default), team?}; kind manual.
 *   acknowledge: open -> acknowledged; analysts and the secretariat.
 *   respond: open or acknowledged -> responded; the secretariat; input {response_kind,
 *     response_meeting | response_resolution | response_mandate (an existing record, required
 *     for those kinds) | response_process (mediation_process), response_text (required for a
 *     statement, and for no_action as its reasons, 20 characters at least)}; hours_to_response
 *     is the whole hours from raised_at.
 *   close: responded -> closed; the secretariat.
 * A step the status does not allow fails with TS_WRONG_STAGE (409) naming the status and the
 * step to take first; a role that may not take it with TS_FORBIDDEN. */
int ts_alert_raise(ts_store *st, const json_t *input, json_t **out, ts_error *err);
int ts_alert_acknowledge(ts_store *st, const char *id, json_t **out, ts_error *err);
int ts_alert_respond(ts_store *st, const char *id, const json_t *input, json_t **out, ts_error *err);
int ts_alert_close(ts_store *st, const char *id, json_t **out, ts_error *err);
/* The alerts the viewer may read as an Atom feed, newest first. */
int ts_alerts_atom(ts_store *st, ts_lang lang, const char *base, ts_buf *out, ts_error *err);

#endif
