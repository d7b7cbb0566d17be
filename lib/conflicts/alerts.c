/* Alerts (conflicts.h): raised by the rules from the forecast and the monthly aggregates, or by
 * hand from a field report, and carried through their life cycle: open -> acknowledged ->
 * responded -> closed. An alert closes only with a recorded response: a meeting, a resolution, a
 * mandate, a mediation process, a statement, or a reasoned decision to take no action. Every
 * write goes through the record layer in the caller's transaction, so the audit log has it.
 * Definitions and choices: docs/internals/alerts.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tansiq/access.h"
#include "tansiq/clock.h"
#include "tansiq/conflicts.h"
#include "tansiq/mediation.h"
#include "tansiq/implementation.h"
#include "tansiq/meetings.h"
#include "tansiq/records.h"
#include "tansiq/registry.h"
#include "tansiq/utf8.h"
#include "../core/xml.h"

#define NO_ACTION_REASON_MIN 20
#define EVIDENCE_EVENTS 20
#define TITLE_SIZE 1024

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static const char *const lang_code[] = {"ar", "en", "fr"};

/* ---- the clock ---- */

static time_t fixed_now;

void ts_alerts_set_clock(time_t t) { fixed_now = t; }

static time_t now(void) { return fixed_now ? fixed_now : time(NULL); }

static void stamp(char out[TS_UTC_SIZE]) { ts_utc(now(), 0, out, TS_UTC_SIZE); }

/* "2026-11-23T00:24:55Z" as seconds since the epoch; -1 when malformed. */
static time_t utc_parse(const char *s)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	if (!s || !(end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm)) || *end)
		return -1;
	return timegm(&tm);
}

/* ---- who acts ---- */

static const char *actor(ts_store *st)
{
	const ts_viewer *v = ts_store_viewer(st);

	return v && v->username[0] ? v->username : "tansiq";
}

/* ---- names ---- */

/* The country's name in each language (English when a language has none; the code when the
 * country is not in the list). */
typedef struct names {
	char n[TS_LANG_COUNT][160];
} names;

static void country_names(ts_store *st, const char *code, names *out)
{
	json_t *all = NULL, *c;
	ts_value p = {TS_V_TEXT, 0, code, 0};
	ts_error ignored = TS_ERROR_INIT;

	c = ts_records_where(st, &ts_entity_country, "\"id\" = ?", &p, 1, 0, &all, &ignored) ? NULL
											 : json_array_get(all, 0);
	for (int l = 0; l < TS_LANG_COUNT; l++) {
		char k[16];
		const char *s;
		snprintf(k, sizeof(k), "name_%s", lang_code[l]);
		s = str(c, k);
		if (!s || !*s)
			s = str(c, "name_en");
		snprintf(out->n[l], sizeof(out->n[l]), "%s", s && *s ? s : code);
		ts_utf8_sanitize(out->n[l]); /* a name cut inside a character */
	}
	json_decref(all);
}

static int is_member_state(ts_store *st, const char *code, ts_error *err)
{
	const ts_entity *e = ts_schema_entity(ts_schema_all(), "states");
	ts_value p = {TS_V_TEXT, 0, code, 0};
	json_t *rows = NULL;
	int yes;

	if (!e || ts_records_where(st, e, "\"id\" = ? AND \"status\" IN ('member', 'suspended')", &p, 1, 0, &rows, err))
		return -1;
	yes = json_array_size(rows) > 0;
	json_decref(rows);
	return yes;
}

/* ---- raising ---- */

/* Whether the rule has raised an alert for the country and month already (whoever may read it). */
static int raised_before(ts_store *st, const char *rule, const char *country, const char *month, ts_error *err)
{
	ts_value p[3] = {{TS_V_TEXT, 0, rule, 0}, {TS_V_TEXT, 0, country, 0}, {TS_V_TEXT, 0, month, 0}};
	json_t *rows = NULL;
	int yes;

	if (ts_records_where(st, &ts_entity_alert, "\"rule\" = ? AND \"country\" = ? AND \"month\" = ?", p, 3, 0, &rows,
			     err))
		return -1;
	yes = json_array_size(rows) > 0;
	json_decref(rows);
	return yes;
}

/* Whether the rule raises an alert for the country and month: the country is a member state
 * (unless the rule's scope is the world) and the rule has not raised it before. 1 yes, 0 no, -1
 * on error. */
static int to_raise(ts_store *st, const json_t *rule, const char *country, const char *month, ts_error *err)
{
	int world = str(rule, "scope") && !strcmp(str(rule, "scope"), "world"), m;

	if (!world && (m = is_member_state(st, country, err)) <= 0)
		return m;
	if ((m = raised_before(st, str(rule, "id"), country, month, err)))
		return m < 0 ? -1 : 0;
	return 1;
}

/* The level of the alerts a rule raises: members, or the rule's own when it is higher. */
static const char *alert_level(const json_t *rule)
{
	int l = ts_level_parse(str(rule, "level"));

	return l > TS_LEVEL_MEMBERS ? str(rule, "level") : "members";
}

static int raise_rec(ts_store *st, const json_t *rule, const char *country, const char *month,
		     char titles[TS_LANG_COUNT][TITLE_SIZE], json_t *evidence, json_t *raised, ts_error *err)
{
	char at[TS_UTC_SIZE];
	char *ev = json_dumps(evidence, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
	json_t *rec, *made = NULL;
	int rc;

	stamp(at);
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:O}", "kind", str(rule, "kind"),
			"rule", str(rule, "id"), "country", country, "month", month, "severity", str(rule, "severity"),
			"title_ar", titles[TS_AR], "title_en", titles[TS_EN], "title_fr", titles[TS_FR], "evidence",
			ev ? ev : "{}", "status", "open", "raised_at", at, "raised_by", actor(st), "level",
			alert_level(rule), "team", json_object_get(rule, "team") ? json_object_get(rule, "team") : json_null());
	free(ev);
	if (json_is_null(json_object_get(rec, "team")))
		json_object_del(rec, "team");
	rc = ts_record_create(st, &ts_entity_alert, rec, &made, err);
	json_decref(rec);
	if (!rc)
		json_array_append_new(raised, made);
	return rc;
}

/* The ids of the events of the country and month with most fatalities that the store's viewer
 * reads (the evaluation's reader: members). */
static int top_events(ts_store *st, const char *country, const char *month, json_t *ids, ts_error *err)
{
	ts_value p[2] = {{TS_V_TEXT, 0, country, 0}, {TS_V_TEXT, 0, month, 0}};
	json_t *rows = NULL, *r;
	size_t i;

	if (ts_records_where(st, &ts_entity_event, "\"country\" = ? AND \"month\" = ?", p, 2, 1, &rows, err))
		return -1;
	/* most fatalities first, then by id (records_where sorts by id) */
	for (size_t k = 0; k < EVIDENCE_EVENTS && json_array_size(rows); k++) {
		size_t best = 0;
		json_int_t most = -1;
		json_array_foreach(rows, i, r) {
			json_int_t f = json_integer_value(json_object_get(r, "fatalities"));
			if (f > most) {
				most = f;
				best = i;
			}
		}
		json_array_append_new(ids, json_string(str(json_array_get(rows, best), "id")));
		json_array_remove(rows, best);
	}
	json_decref(rows);
	return 0;
}

static double round2(double x) { return floor(x * 100.0 + 0.5) / 100.0; }

/* French writes a decimal comma. */
static void fr_decimal(char *s)
{
	for (; *s; s++)
		if (*s == '.')
			*s = ',';
}

/* Forecast rules: each country in scope whose probability at the rule's horizon reaches the
 * threshold. The forecast is `fc` (ts_forecast's answer). */
static int run_forecast_rule(ts_store *st, const json_t *rule, const json_t *fc, json_t *raised, ts_error *err)
{
	json_int_t h = json_integer_value(json_object_get(rule, "horizon"));
	double threshold = json_number_value(json_object_get(rule, "threshold"));
	json_t *item, *hz;
	size_t i, j;

	json_array_foreach(json_object_get(fc, "items"), i, item) {
		const char *country = str(item, "country");
		json_array_foreach(json_object_get(item, "horizons"), j, hz) {
			double p = json_number_value(json_object_get(hz, "p"));
			const char *month = str(hz, "month");
			char titles[TS_LANG_COUNT][TITLE_SIZE];
			names nm;
			json_t *ev;
			int m, pct;
			if (json_integer_value(json_object_get(hz, "h")) != h || !month || !country || p < threshold)
				continue;
			if ((m = to_raise(st, rule, country, month, err)) <= 0) {
				if (m < 0)
					return -1;
				continue;
			}
			country_names(st, country, &nm);
			pct = (int)floor(p * 100.0 + 0.5);
			snprintf(titles[TS_EN], TITLE_SIZE, "%s: forecast probability %d%% of %d+ fatalities in %s", nm.n[TS_EN], pct,
				 TS_FORECAST_THRESHOLD, month);
			snprintf(titles[TS_FR], TITLE_SIZE, "%s : probabilité prévue de %d %% de %d morts ou plus en %s", nm.n[TS_FR],
				 pct, TS_FORECAST_THRESHOLD, month);
			snprintf(titles[TS_AR], TITLE_SIZE, "%s: احتمال متوقع بنسبة %d%% لسقوط %d قتيلًا أو أكثر في %s", nm.n[TS_AR],
				 pct, TS_FORECAST_THRESHOLD, month);
			ev = json_pack("{s:s, s:I, s:s, s:f, s:f, s:f, s:o}", "rule", str(rule, "id"), "horizon", h, "month",
				       month, "p", p, "threshold", threshold, "expected",
				       json_number_value(json_object_get(hz, "expected")), "through",
				       json_is_string(json_object_get(fc, "through")) ? json_incref(json_object_get(fc, "through"))
										: json_null());
			if (raise_rec(st, rule, country, month, titles, ev, raised, err)) {
				json_decref(ev);
				return -1;
			}
			json_decref(ev);
		}
	}
	return 0;
}

/* Escalation rules: each country in scope whose fatalities in the latest month reach `factor`
 * times the mean of the `window` months before it, and `min_fatalities`. */
static int run_escalation_rule(ts_store *st, const ts_viewer *as_reader, const ts_viewer *as_writer,
			       const json_t *rule, const ts_series *s, json_t *raised, ts_error *err)
{
	int window = (int)json_integer_value(json_object_get(rule, "window"));
	double factor = json_number_value(json_object_get(rule, "factor"));
	long least = (long)json_integer_value(json_object_get(rule, "min_fatalities"));
	int last = s->nmonths - 1;
	char month[8];

	if (window < 1)
		window = 6;
	if (last < 1)
		return 0; /* no month before the latest: no mean to compare with */
	ts_month_format(s->first + last, month);
	for (int c = 0; c < s->ncountries; c++) {
		const long *f = s->fatalities + (size_t)c * (size_t)s->nmonths;
		long now_f = f[last], sum = 0;
		int n = 0, m;
		double mean;
		char titles[TS_LANG_COUNT][TITLE_SIZE], ratio[32];
		names nm;
		json_t *ev, *ids;
		for (int k = last - 1; k >= 0 && n < window; k--, n++)
			sum += f[k];
		mean = (double)sum / n;
		if (now_f < least || now_f <= 0 || (double)now_f < factor * mean)
			continue;
		if ((m = to_raise(st, rule, s->country[c], month, err)) <= 0) {
			if (m < 0)
				return -1;
			continue;
		}
		country_names(st, s->country[c], &nm);
		if (mean > 0) {
			snprintf(ratio, sizeof(ratio), "%.1f", now_f / mean);
			snprintf(titles[TS_EN], TITLE_SIZE, "%s: %ld fatalities in %s, %s times the mean of the %d months before (%.0f)",
				 nm.n[TS_EN], now_f, month, ratio, n, mean);
			snprintf(titles[TS_AR], TITLE_SIZE, "%s: %ld قتيلًا في %s، أي %s ضعف متوسط الأشهر الـ%d السابقة (%.0f)",
				 nm.n[TS_AR], now_f, month, ratio, n, mean);
			fr_decimal(ratio);
			snprintf(titles[TS_FR], TITLE_SIZE, "%s : %ld morts en %s, %s fois la moyenne des %d mois précédents (%.0f)",
				 nm.n[TS_FR], now_f, month, ratio, n, mean);
		} else {
			snprintf(titles[TS_EN], TITLE_SIZE, "%s: %ld fatalities in %s, after none in the %d months before", nm.n[TS_EN],
				 now_f, month, n);
			snprintf(titles[TS_AR], TITLE_SIZE, "%s: %ld قتيلًا في %s، بعد أن لم يُسجَّل أي قتيل في الأشهر الـ%d السابقة",
				 nm.n[TS_AR], now_f, month, n);
			snprintf(titles[TS_FR], TITLE_SIZE, "%s : %ld morts en %s, après aucun dans les %d mois précédents", nm.n[TS_FR],
				 now_f, month, n);
		}
		/* the events of the month, as the alert's readers read them */
		ids = json_array();
		ts_store_set_viewer(st, as_reader);
		m = top_events(st, s->country[c], month, ids, err);
		ts_store_set_viewer(st, as_writer);
		if (m) {
			json_decref(ids);
			return -1;
		}
		ev = json_pack("{s:s, s:s, s:I, s:I, s:i, s:f, s:f, s:o, s:I, s:o}", "rule", str(rule, "id"), "month", month,
			       "fatalities", (json_int_t)now_f, "events",
			       (json_int_t)s->events[(size_t)c * (size_t)s->nmonths + (size_t)last], "window", n, "trailing_mean",
			       round2(mean), "factor", factor, "ratio", mean > 0 ? json_real(round2(now_f / mean)) : json_null(),
			       "min_fatalities", (json_int_t)least, "top_events", ids);
		if (raise_rec(st, rule, s->country[c], month, titles, ev, raised, err)) {
			json_decref(ev);
			return -1;
		}
		json_decref(ev);
	}
	return 0;
}

int ts_alerts_evaluate(ts_store *st, json_t **out, ts_error *err)
{
	ts_viewer writer = *ts_store_viewer(st);
	/* a members-level reader: any signed-in role reads members; no account, so no team */
	const ts_viewer reader = {TS_ROLE_ANALYST, "", ""};
	json_t *rules = NULL, *raised = json_array(), *skipped = json_array(), *fc = NULL, *rule;
	ts_value yes = {TS_V_INT, 1, NULL, 0};
	ts_series s;
	ts_error fcerr = TS_ERROR_INIT;
	char month[8] = "";
	int rc = -1, fc_failed = 0;
	size_t i;

	*out = NULL;
	memset(&s, 0, sizeof(s));
	if (ts_access_need_role(st, TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, "analysts and the secretariat", "run the alert rules", err))
		goto done;
	/* the rules the runner reads: who cannot read a rule does not run it */
	if (ts_records_where(st, &ts_entity_alert_rule, "\"enabled\" = ?", &yes, 1, 1, &rules, err))
		goto done;
	ts_store_set_viewer(st, &reader);
	rc = ts_series_load(st, -1, &s, err);
	if (!rc && ts_forecast(st, NULL, &fc, &fcerr))
		fc_failed = 1;
	ts_store_set_viewer(st, &writer);
	if (rc) {
		rc = -1;
		goto done;
	}
	rc = -1;
	if (s.nmonths)
		ts_month_format(s.first + s.nmonths - 1, month);
	json_array_foreach(rules, i, rule) {
		const char *kind = str(rule, "kind");
		if (kind && !strcmp(kind, "forecast")) {
			if (fc_failed) {
				json_array_append_new(skipped, json_pack("{s:s, s:s}", "rule", str(rule, "id"), "reason",
									 fcerr.detail[0] ? fcerr.detail : "no forecast"));
				continue;
			}
			if (run_forecast_rule(st, rule, fc, raised, err))
				goto done;
		} else if (kind && !strcmp(kind, "escalation")) {
			if (run_escalation_rule(st, &reader, &writer, rule, &s, raised, err))
				goto done;
		}
	}
	*out = json_pack("{s:s?, s:O, s:O}", "month", month[0] ? month : NULL, "items", raised, "skipped", skipped);
	rc = *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
done:
	ts_store_set_viewer(st, &writer);
	ts_series_free(&s);
	json_decref(rules);
	json_decref(raised);
	json_decref(skipped);
	json_decref(fc);
	return rc;
}

/* ---- raising by hand ---- */

/* The first key of the object that is not in `allowed` (NULL-terminated); NULL when none. */
static const char *unknown_key(const json_t *in, const char *const allowed[])
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)in, key, v) {
		int ok = 0;
		for (int k = 0; allowed[k]; k++)
			ok |= !strcmp(key, allowed[k]);
		if (!ok)
			return key;
	}
	return NULL;
}

int ts_alert_raise(ts_store *st, const json_t *input, json_t **out, ts_error *err)
{
	static const char *const allowed[] = {"country", "severity", "title_ar", "title_en", "title_fr", "event", "month",
					      "evidence", "level", "team", NULL};
	const char *key;
	json_t *rec = NULL, *event = NULL;
	char at[TS_UTC_SIZE];
	int rc = -1;

	*out = NULL;
	if (ts_access_need_role(st, TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, "analysts and the secretariat", "raise an alert", err))
		return -1;
	if (!json_is_object(input))
		return ts_fail(err, TS_INVALID_JSON, NULL, "an alert is a JSON object: {country, severity, title_en, event...}");
	if ((key = unknown_key(input, allowed)))
		return ts_fail(err, TS_UNKNOWN_FIELD, key, "'%.40s' is not given when raising an alert; give country, "
			       "severity, title_ar, title_en, title_fr, event (a field report), month, evidence, level, team",
			       key);
	rec = json_deep_copy(input);
	if (json_is_string(json_object_get(rec, "event"))) {
		/* the field report the alert comes from: one the raiser reads */
		ts_error missing = TS_ERROR_INIT;
		if (ts_record_get(st, &ts_entity_event, str(rec, "event"), &event, &missing)) {
			if (missing.code != TS_NOT_FOUND) {
				*err = missing;
				goto done;
			}
			ts_fail(err, TS_UNKNOWN_REFERENCE, "event", "no field report '%.60s' that you may read; give the id "
				"of an event (tansiq list events --filter dataset=field)", str(rec, "event"));
			goto done;
		}
		if (!json_is_string(json_object_get(rec, "country")))
			json_object_set(rec, "country", json_object_get(event, "country"));
		else if (str(event, "country") && strcmp(str(rec, "country"), str(event, "country"))) {
			ts_fail(err, TS_INVALID_VALUE, "country", "the field report '%.60s' is from %s, not %.10s; leave country "
				"out to take the report's", str(rec, "event"), str(event, "country"), str(rec, "country"));
			goto done;
		}
		if (!json_object_get(rec, "month") && str(event, "month"))
			json_object_set(rec, "month", json_object_get(event, "month"));
	}
	if (json_is_string(json_object_get(rec, "month"))) {
		if (ts_month_parse(str(rec, "month")) < 0 || strlen(str(rec, "month")) != 7) {
			ts_fail(err, TS_INVALID_VALUE, "month", "'%.20s' is not a month; write YYYY-MM, e.g. 2023-05",
				str(rec, "month"));
			goto done;
		}
	}
	stamp(at);
	json_object_set_new(rec, "kind", json_string("manual"));
	json_object_set_new(rec, "status", json_string("open"));
	json_object_set_new(rec, "raised_at", json_string(at));
	json_object_set_new(rec, "raised_by", json_string(actor(st)));
	if (!json_object_get(rec, "level"))
		json_object_set_new(rec, "level", json_string("members"));
	rc = ts_record_create(st, &ts_entity_alert, rec, out, err);
done:
	json_decref(rec);
	json_decref(event);
	return rc;
}

/* ---- the life cycle ---- */

/* The alert, as the viewer reads it, and its status. */
static int load(ts_store *st, const char *id, json_t **alert, ts_error *err)
{
	if (!id || !*id)
		return ts_fail(err, TS_NOT_FOUND, "id", "give the id of an alert (tansiq alert list)");
	return ts_record_get(st, &ts_entity_alert, id, alert, err);
}

static int wrong_stage(const json_t *alert, const char *step, const char *fix, ts_error *err)
{
	return ts_fail(err, TS_WRONG_STAGE, "status", "alert %s is %s: it cannot be %s; %s", str(alert, "id"),
		       str(alert, "status"), step, fix);
}

/* Moves the alert to `status`, stamped now and by the actor in <status>_at and <status>_by, with
 * what `patch` adds (NULL: nothing); the patch is let go. */
static int step_to(ts_store *st, const char *id, const char *status, json_t *patch, json_t **out, ts_error *err)
{
	char at[TS_UTC_SIZE], k[32];
	int rc;

	if (!patch)
		patch = json_object();
	stamp(at);
	json_object_set_new(patch, "status", json_string(status));
	snprintf(k, sizeof(k), "%s_at", status);
	json_object_set_new(patch, k, json_string(at));
	snprintf(k, sizeof(k), "%s_by", status);
	json_object_set_new(patch, k, json_string(actor(st)));
	rc = ts_record_update(st, &ts_entity_alert, id, patch, out, err);
	json_decref(patch);
	return rc;
}

int ts_alert_acknowledge(ts_store *st, const char *id, json_t **out, ts_error *err)
{
	json_t *a = NULL;
	int rc = -1;

	*out = NULL;
	if (ts_access_need_role(st, TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, "analysts and the secretariat", "acknowledge an alert", err) ||
	    load(st, id, &a, err))
		return -1;
	if (strcmp(str(a, "status"), "open"))
		wrong_stage(a, "acknowledged", !strcmp(str(a, "status"), "closed") ? "it is closed"
					       : "it was acknowledged already; record the response (respond) or close it", err);
	else
		rc = step_to(st, id, "acknowledged", NULL, out, err);
	json_decref(a);
	return rc;
}

/* The record a response refers to exists (and the viewer reads it). */
static int response_ref(ts_store *st, const json_t *in, const char *field, const ts_entity *e, const char *what,
			const char *list, ts_error *err)
{
	json_t *r = NULL;
	ts_error missing = TS_ERROR_INIT;

	if (!json_is_string(json_object_get(in, field)) || !*str(in, field))
		return ts_fail(err, TS_REQUIRED, field, "a response by %s names it: give %s, the id of %s (%s)", what, field,
			       what, list);
	if (ts_record_get(st, e, str(in, field), &r, &missing))
		return ts_fail(err, TS_UNKNOWN_REFERENCE, field, "there is no %s '%.60s'; give the id of an existing one (%s), "
			       "or create it first", e->name, str(in, field), list);
	json_decref(r);
	return 0;
}

int ts_alert_respond(ts_store *st, const char *id, const json_t *input, json_t **out, ts_error *err)
{
	static const struct {
		const char *kind, *field;
	} refs[] = {{"meeting", "response_meeting"}, {"resolution", "response_resolution"}, {"mandate", "response_mandate"},
		    {"mediation_process", "response_process"}};
	static const char *const allowed[] = {"response_kind", "response_meeting", "response_resolution", "response_mandate",
					      "response_process", "response_text", NULL};
	json_t *a = NULL, *patch;
	const char *kind, *key, *status, *text;
	time_t raised;
	int rc = -1;

	*out = NULL;
	if (ts_access_need_role(st, TS_ROLE_SECRETARIAT, "the secretariat", "record the response to an alert", err) || load(st, id, &a, err))
		return -1;
	status = str(a, "status");
	if (strcmp(status, "open") && strcmp(status, "acknowledged")) {
		wrong_stage(a, "responded to again", !strcmp(status, "closed") ? "it is closed with its response recorded"
					 : "its response is recorded; close it (close)", err);
		goto done;
	}
	if (!json_is_object(input)) {
		ts_fail(err, TS_INVALID_JSON, NULL, "a response is a JSON object: {response_kind, response_meeting..., response_text}");
		goto done;
	}
	if ((key = unknown_key(input, allowed))) {
		ts_fail(err, TS_UNKNOWN_FIELD, key, "'%.40s' is not part of a response; give response_kind, "
			"response_meeting, response_resolution, response_mandate, response_process, response_text", key);
		goto done;
	}
	kind = str(input, "response_kind");
	if (!kind || ts_enum_index(ts_response_kinds, kind) < 0) {
		ts_fail(err, kind ? TS_INVALID_VALUE : TS_REQUIRED, "response_kind", "%s%s%sresponse_kind is one of meeting, "
			"resolution, mandate, mediation_process, statement, no_action", kind ? "'" : "", kind ? kind : "",
			kind ? "' is not a response; " : "");
		goto done;
	}
	/* a reference given belongs to its kind of response only */
	for (size_t k = 0; k < sizeof(refs) / sizeof(refs[0]); k++)
		if (json_object_get(input, refs[k].field) && !json_is_null(json_object_get(input, refs[k].field)) &&
		    strcmp(kind, refs[k].kind)) {
			ts_fail(err, TS_INVALID_VALUE, refs[k].field, "%s belongs to a response of kind %s, not %s; leave it out "
				"or change response_kind", refs[k].field, refs[k].kind, kind);
			goto done;
		}
	text = json_is_string(json_object_get(input, "response_text")) ? str(input, "response_text") : NULL;
	if ((!strcmp(kind, "meeting") &&
	     response_ref(st, input, "response_meeting", &ts_entity_meeting, "a meeting", "tansiq list meetings", err)) ||
	    (!strcmp(kind, "resolution") &&
	     response_ref(st, input, "response_resolution", &ts_entity_resolution, "a resolution", "tansiq list resolutions",
			  err)) ||
	    (!strcmp(kind, "mandate") &&
	     response_ref(st, input, "response_mandate", &ts_entity_mandate, "a mandate", "tansiq list mandates", err)) ||
	    (!strcmp(kind, "mediation_process") &&
	     response_ref(st, input, "response_process", &ts_entity_process, "a mediation process", "tansiq process list", err)))
		goto done;
	if (!strcmp(kind, "statement") && (!text || !*text)) {
		ts_fail(err, TS_REQUIRED, "response_text", "a response by a statement gives its text: response_text");
		goto done;
	}
	if (!strcmp(kind, "no_action") && (!text || ts_utf8_len(text) < NO_ACTION_REASON_MIN)) {
		ts_fail(err, text ? TS_INVALID_VALUE : TS_REQUIRED, "response_text", "a decision to take no action gives its "
			"reasons in response_text, %d characters at least", NO_ACTION_REASON_MIN);
		goto done;
	}
	patch = json_deep_copy(input);
	if ((raised = utc_parse(str(a, "raised_at"))) >= 0)
		json_object_set_new(patch, "hours_to_response",
				    json_integer((json_int_t)(now() > raised ? (now() - raised) / 3600 : 0)));
	rc = step_to(st, id, "responded", patch, out, err);
done:
	json_decref(a);
	return rc;
}

int ts_alert_close(ts_store *st, const char *id, json_t **out, ts_error *err)
{
	json_t *a = NULL;
	int rc = -1;

	*out = NULL;
	if (ts_access_need_role(st, TS_ROLE_SECRETARIAT, "the secretariat", "close an alert", err) || load(st, id, &a, err))
		return -1;
	if (!strcmp(str(a, "status"), "closed"))
		wrong_stage(a, "closed again", "it is closed already", err);
	else if (strcmp(str(a, "status"), "responded"))
		wrong_stage(a, "closed without a recorded response",
			    "record the response first (POST /api/v1/alerts/{id}/respond, or tansiq alert respond ID --kind "
			    "meeting|resolution|mandate|mediation_process|statement|no_action), then close it", err);
	else
		rc = step_to(st, id, "closed", NULL, out, err);
	json_decref(a);
	return rc;
}

/* ---- the Atom feed ---- */

static const char *const feed_title[] = {"الإنذارات", "Alerts", "Alertes"};

static const char *title_in(const json_t *a, ts_lang lang)
{
	char k[16];
	const char *s;

	snprintf(k, sizeof(k), "title_%s", lang_code[lang]);
	s = str(a, k);
	return s && *s ? s : str(a, "title_en");
}

static const char *label_of(const ts_entity *e, const char *field, const char *value, ts_lang lang)
{
	const ts_field *f = ts_entity_field(e, field);

	for (int i = 0; f && f->values && value && f->values[i].value; i++)
		if (!strcmp(f->values[i].value, value))
			return f->values[i].label[lang];
	return value ? value : "";
}

int ts_alerts_atom(ts_store *st, ts_lang lang, const char *base, ts_buf *out, ts_error *err)
{
	ts_query q;
	json_t *page = NULL, *a;
	size_t i;
	char updated[TS_UTC_SIZE];
	const char *b = base ? base : "";

	ts_query_init(&q, &ts_entity_alert);
	if (ts_query_param(&q, "sort", "-raised_at", err) || ts_query_param(&q, "limit", "200", err) ||
	    ts_records_list(st, &q, &page, err)) {
		ts_query_free(&q);
		return -1;
	}
	ts_query_free(&q);
	/* the feed changed when its newest entry did; an empty feed at the epoch */
	snprintf(updated, sizeof(updated), "%s", "1970-01-01T00:00:00Z");
	json_array_foreach(json_object_get(page, "items"), i, a) {
		const char *t = str(a, "closed_at") ? str(a, "closed_at") : str(a, "responded_at") ? str(a, "responded_at")
			      : str(a, "acknowledged_at") ? str(a, "acknowledged_at") : str(a, "raised_at");
		if (t && strcmp(t, updated) > 0)
			snprintf(updated, sizeof(updated), "%s", t);
	}
	ts_atom_head(out, lang_code[lang], feed_title[lang], "tag:tansiq,2023:alerts", updated, b, "/api/v1/alerts.atom");
	json_array_foreach(json_object_get(page, "items"), i, a) {
		const char *t = str(a, "closed_at") ? str(a, "closed_at") : str(a, "responded_at") ? str(a, "responded_at")
			      : str(a, "acknowledged_at") ? str(a, "acknowledged_at") : str(a, "raised_at");
		ts_buf_adds(out, "  <entry>\n    <id>tag:tansiq,2023:alert/");
		ts_xml_text(out, str(a, "id"));
		ts_buf_adds(out, "</id>\n    <title>");
		ts_xml_text(out, title_in(a, lang));
		ts_buf_adds(out, "</title>\n    <updated>");
		ts_xml_text(out, t ? t : "1970-01-01T00:00:00Z");
		ts_buf_adds(out, "</updated>\n");
		if (str(a, "raised_at")) {
			ts_buf_adds(out, "    <published>");
			ts_xml_text(out, str(a, "raised_at"));
			ts_buf_adds(out, "</published>\n");
		}
		ts_buf_adds(out, "    <link rel=\"alternate\" type=\"text/html\" href=\"");
		ts_xml_text(out, b);
		ts_buf_adds(out, "/#/alerts/");
		ts_xml_text(out, str(a, "id"));
		ts_buf_adds(out, "\"/>\n    <category term=\"");
		ts_xml_text(out, str(a, "severity"));
		ts_buf_adds(out, "\" label=\"");
		ts_xml_text(out, label_of(&ts_entity_alert, "severity", str(a, "severity"), lang));
		ts_buf_adds(out, "\"/>\n    <category term=\"");
		ts_xml_text(out, str(a, "country"));
		ts_buf_adds(out, "\"/>\n    <content type=\"text\">");
		ts_xml_text(out, label_of(&ts_entity_alert, "kind", str(a, "kind"), lang));
		ts_buf_adds(out, " — ");
		ts_xml_text(out, label_of(&ts_entity_alert, "severity", str(a, "severity"), lang));
		ts_buf_adds(out, " — ");
		ts_xml_text(out, label_of(&ts_entity_alert, "status", str(a, "status"), lang));
		if (str(a, "response_kind")) {
			ts_buf_adds(out, " — ");
			ts_xml_text(out, label_of(&ts_entity_alert, "response_kind", str(a, "response_kind"), lang));
		}
		ts_buf_adds(out, "</content>\n  </entry>\n");
	}
	ts_buf_adds(out, "</feed>\n");
	json_decref(page);
	return 0;
}
