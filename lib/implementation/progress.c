/* Where mandates stand, and what rolls up from them (implementation.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tansiq/clock.h"
#include "tansiq/meetings.h"
#include "tansiq/registry.h"
#include "index.h"
#include "views.h"

/* ---- the rules ---- */

/* The k-th anniversary of `start` (a 29 February falls on the 28th in other years). */
static int anniv(int start, int k)
{
	int y = start / 10000 + k, md = start % 10000;

	if (md == 229 && ts_month_days(y, 2) < 29)
		md = 228;
	return y * 10000 + md;
}

/* The anniversaries of `start` on or before `day`: start + k years for k = 1, 2... */
static int whole_years(int start, int day)
{
	int md = start % 10000, k;

	if (md == 229 && ts_month_days(day / 10000, 2) < 29)
		md = 228; /* that year's anniversary of a 29 February */
	k = day / 10000 - start / 10000 - (day % 10000 < md ? 1 : 0);
	return k > 0 ? k : 0;
}

void ts_mandate_judge(const ts_mandate_terms *t, const ts_report_fact *r, int nr, int on, ts_standing *o)
{
	int last = -1, passed = 0, before = t->start; /* the latest deadline passed, the one before it */
	int end = t->due_lo ? t->due_hi : INT_MAX;

	memset(o, 0, sizeof(*o));
	for (int k = 0; k < nr; k++)
		if (r[k].day <= on) {
			last = k;
			o->reports++;
		}
	o->status = last >= 0 ? r[last].status : TS_MS_NOT_STARTED;
	o->progress = last >= 0 ? r[last].progress : 0;
	o->last_report = last >= 0 ? r[last].day : 0;
	o->silent = o->reports == 0;

	switch (t->recurrence) {
	case TS_REC_NONE:
		if (!t->due_lo)
			return; /* a standing mandate, without a deadline, is never late */
		if (on >= t->due_lo) {
			o->due = 1;
			o->deadline = t->due_hi;
		} else {
			o->next_deadline = t->due_hi;
		}
		o->late = on > t->due_hi && o->status != TS_MS_IMPLEMENTED && o->status != TS_MS_NOT_IMPLEMENTED;
		o->missed = o->late ? t->due_hi : 0;
		return;
	case TS_REC_YEARLY: {
		int k, kp;
#define ANNIV(k) anniv(t->start, (k))
		if (!t->start)
			return;
		k = whole_years(t->start, on < end ? on : end); /* the anniversaries reached */
		if (k > 0) {
			o->due = 1;
			o->deadline = ANNIV(k);
		}
		kp = k > 0 && ANNIV(k) < on ? k : k - 1; /* the last one passed */
		if (kp >= 1) {
			passed = ANNIV(kp);
			before = kp >= 2 ? ANNIV(kp - 1) : t->start;
		}
		if (ANNIV(k + 1) <= end && ANNIV(k + 1) > on)
			o->next_deadline = ANNIV(k + 1);
#undef ANNIV
		break;
	}
	case TS_REC_EACH_SESSION:
		for (int i = 0; i < t->nsessions; i++) {
			int s = t->sessions[i];
			if (s <= t->start || s > end)
				continue;
			if (s > on) {
				o->next_deadline = s;
				break;
			}
			o->due = 1;
			o->deadline = s;
			if (s < on) {
				before = passed ? passed : t->start;
				passed = s;
			}
		}
		break;
	default:
		return;
	}
	if (passed) {
		int since = 0;
		for (int k = 0; k < nr; k++)
			if (r[k].day > before && r[k].day <= on)
				since = 1;
		o->late = !since;
		o->missed = o->late ? passed : 0;
	}
}

/* ---- shared by the views ---- */

int iv_day(const char *on, int *day, ts_error *err)
{
	char today[TS_UTC_SIZE];
	int lo, hi;

	if (!on) {
		ts_utc(time(NULL), 1, today, sizeof(today));
		on = today;
	}
	if (strlen(on) != 10 || ts_pdate_range(on, &lo, &hi))
		return ts_fail(err, TS_INVALID_PARAMETER, "on", "on must be a day as YYYY-MM-DD, e.g. 2018-11-29; '%.20s' is not",
			       on);
	*day = lo;
	return 0;
}

json_t *iv_day_json(int day)
{
	char s[16];

	if (!day)
		return json_null();
	snprintf(s, sizeof(s), "%04d-%02d-%02d", day / 10000, day / 100 % 100, day % 100);
	return json_string(s);
}

json_t *iv_standing_json(const ts_standing *s)
{
	return json_pack("{s:s, s:i, s:i, s:o, s:o, s:o, s:b, s:b, s:b, s:o}", "status",
			 ts_report_statuses[s->status].value, "progress", s->progress, "reports", s->reports, "last_report",
			 iv_day_json(s->last_report), "deadline", iv_day_json(s->deadline), "next_deadline",
			 iv_day_json(s->next_deadline), "due", s->due, "late", s->late, "silent", s->silent, "missed",
			 iv_day_json(s->missed));
}

json_t *iv_counts_json(const iv_counts *c)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "mandates", (json_int_t)c->mandates, "due",
			 (json_int_t)c->due, "reported", (json_int_t)c->reported, "implemented",
			 (json_int_t)c->implemented, "not_implemented", (json_int_t)c->not_implemented, "late",
			 (json_int_t)c->late, "silent", (json_int_t)c->silent);
}

json_t *iv_progress_json(double sum_wp, double sum_w)
{
	if (sum_w <= 0)
		return json_null();
	return json_real((double)(long long)(sum_wp / sum_w * 10 + 0.5) / 10); /* one decimal */
}

json_t *iv_names_json(ts_store *st, const char *entity, const char *id)
{
	static const char *const name[] = {"name_ar", "name_en", "name_fr"};
	const ts_entity *e = ts_schema_entity(ts_store_schema(st), entity);
	json_t *rec = NULL, *out = json_object();
	ts_error ignored = TS_ERROR_INIT;

	if (!(e && id && ts_record_get(st, e, id, &rec, &ignored) == 0))
		rec = NULL;
	for (int i = 0; i < 3; i++) {
		json_t *v = json_object_get(rec, name[i]);
		json_object_set(out, name[i], json_is_string(v) ? v : json_null());
	}
	json_decref(rec);
	return out;
}

/* The reference of an addressee key "kind:id": its kind's entry, and *id; NULL for a key that
 * names no record. */
static const ix_addressee_ref *key_ref(const char *key, const char **id)
{
	const char *colon = key ? strchr(key, ':') : NULL;
	char kind[32];

	if (!colon || colon - key >= (long)sizeof(kind))
		return NULL;
	snprintf(kind, sizeof(kind), "%.*s", (int)(colon - key), key);
	*id = colon + 1;
	return ix_addressee_ref_of(kind);
}

json_t *iv_addressee_json(ts_store *st, const char *key)
{
	const ix_addressee_ref *ref;
	const char *id;
	json_t *o;

	if ((ref = key_ref(key, &id))) {
		o = iv_names_json(st, ref->entity, id);
		json_object_set_new(o, "key", json_string(key));
		return o;
	}
	for (int i = 0; key && ts_addressee_kinds[i].value; i++)
		if (!strcmp(key, ts_addressee_kinds[i].value))
			return json_pack("{s:s, s:s, s:s, s:s}", "key", key, "name_ar", ts_addressee_kinds[i].label[TS_AR],
					 "name_en", ts_addressee_kinds[i].label[TS_EN], "name_fr",
					 ts_addressee_kinds[i].label[TS_FR]);
	return json_pack("{s:s?, s:n, s:n, s:n}", "key", key, "name_ar", "name_en", "name_fr");
}

int ts_addressee_key_check(const char *key, ts_error *err)
{
	const char *id;

	if (key_ref(key, &id) && *id)
		return 0;
	for (int i = 0; ts_addressee_kinds[i].value; i++)
		if (!strcmp(key, ts_addressee_kinds[i].value) && !ix_addressee_ref_of(key))
			return 0;
	return ts_fail(err, TS_INVALID_PARAMETER, "addressee",
		       "addressee '%.60s' is not an addressee key; write oic, secretary_general, all_states, organ:ID, "
		       "state:ISO3, contact_group:ID or partner:ID, e.g. state:SAU", key);
}

/* ---- roll-ups ---- */

int iv_rollup_init(const ix_index *ix, iv_rollup *ru)
{
	memset(ru, 0, sizeof(*ru));
	ru->para = calloc((size_t)ix->np + 1, sizeof(*ru->para));
	ru->res = calloc((size_t)ix->nres + 1, sizeof(*ru->res));
	ru->result = calloc((size_t)ix->nresults + 1, sizeof(*ru->result));
	return ru->para && ru->res && ru->result ? 0 : -1;
}

void iv_rollup_free(iv_rollup *ru)
{
	free(ru->para);
	free(ru->res);
	free(ru->result);
	memset(ru, 0, sizeof(*ru));
}

void iv_rollup_add(const ix_index *ix, iv_rollup *ru, int i, const ts_standing *s)
{
	const ix_mandate *m = &ix->m[i];

	if (m->para >= 0) {
		ru->para[m->para].wp += (double)m->weight * s->progress;
		ru->para[m->para].w += m->weight;
		iv_count(&ru->para[m->para].c, s);
	}
	if (m->result >= 0) {
		ru->result[m->result].wp += (double)m->weight * s->progress;
		ru->result[m->result].w += m->weight;
		iv_count(&ru->result[m->result].c, s);
	}
}

/* Paragraphs to resolutions, results up their tree (the reader's view of each node). */
void iv_rollup_finish(const ix_index *ix, const ix_reader *rd, iv_rollup *ru)
{
	int maxdepth = 0;

	for (int p = 0; p < ix->np; p++) {
		int r = ix->p[p].res;
		if (r < 0 || ru->para[p].w <= 0)
			continue;
		ru->res[r].wp += ix->p[p].weight * (ru->para[p].wp / ru->para[p].w);
		ru->res[r].w += ix->p[p].weight;
		iv_add(&ru->res[r].c, &ru->para[p].c);
	}
	for (int i = 0; i < ix->nresults; i++)
		if (ix->results[i].depth > maxdepth)
			maxdepth = ix->results[i].depth;
	for (int d = maxdepth; d > 0; d--)
		for (int i = 0; i < ix->nresults; i++) {
			const ix_result *x = &ix->results[i];
			if (x->depth != d || x->parent < 0 || ru->result[i].w <= 0 || !ix_visible(rd, x->level, x->team))
				continue;
			ru->result[x->parent].wp += x->weight * (ru->result[i].wp / ru->result[i].w);
			ru->result[x->parent].w += x->weight;
			iv_add(&ru->result[x->parent].c, &ru->result[i].c);
		}
}

/* ---- one mandate ---- */

static int by_day_then_filed(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *dx = json_string_value(json_object_get(x, "reported_on")), *dy = json_string_value(json_object_get(y, "reported_on"));
	const char *fx = json_string_value(json_object_get(x, "filed_at")), *fy = json_string_value(json_object_get(y, "filed_at"));
	int c = ts_pdate_cmp(dx ? dx : "0001", dy ? dy : "0001");
	if (c)
		return c;
	c = strcmp(dx ? dx : "", dy ? dy : ""); /* "2018-11" before "2018-11-29" */
	return c ? c : strcmp(fx ? fx : "", fy ? fy : "");
}

/* The reports of a mandate the viewer reads, oldest first. */
int iv_timeline(ts_store *st, const char *mandate, json_t **out, ts_error *err)
{
	ts_value p = {TS_V_TEXT, 0, mandate};
	json_t *items;

	if (ts_records_where(st, &ts_entity_report, "\"mandate\" = ?", &p, 1, 1, &items, err))
		return -1;
	ts_json_array_sort(items, by_day_then_filed);
	*out = items;
	return 0;
}

int iv_open(ts_store *st, const char *on, iv_view *v, ts_error *err)
{
	memset(v, 0, sizeof(*v));
	if (iv_day(on, &v->on, err) || ix_get(st, &v->ix, err))
		return -1;
	if (ix_reader_init(st, v->ix, &v->rd, err)) {
		ix_release(v->ix);
		v->ix = NULL;
		return -1;
	}
	return 0;
}

void iv_close(iv_view *v)
{
	ix_reader_free(&v->rd);
	ix_release(v->ix);
	v->ix = NULL;
}

int ts_mandate_progress(ts_store *st, const char *mandate, const char *on, json_t **out, ts_error *err)
{
	iv_view v;
	json_t *rec = NULL, *reports = NULL;
	ts_standing s;
	int i;

	*out = NULL;
	if (ts_record_get(st, &ts_entity_mandate, mandate, &rec, err) || iv_open(st, on, &v, err)) {
		json_decref(rec);
		return -1;
	}
	i = lookup_mandate(v.ix, mandate);
	if (i < 0 || !ix_mandate_visible(v.ix, &v.rd, i)) {
		iv_close(&v);
		json_decref(rec);
		return ts_fail(err, TS_NOT_FOUND, NULL, "no mandate '%.60s'", mandate);
	}
	ix_judge(v.ix, &v.rd, i, v.on, &s);
	if (iv_timeline(st, mandate, &reports, err)) {
		iv_close(&v);
		json_decref(rec);
		return -1;
	}
	*out = json_pack("{s:o, s:o, s:o, s:o, s:o}", "on", iv_day_json(v.on), "mandate", rec, "addressee",
			 iv_addressee_json(st, ix_str(v.ix, v.ix->m[i].addressee)), "standing", iv_standing_json(&s),
			 "reports", reports);
	iv_close(&v);
	return 0;
}

/* ---- a resolution ---- */

/* A mandate for lists (views.h). */
json_t *iv_mandate_brief(const json_t *rec, json_t *addressee, const ts_standing *s)
{
	json_t *o = json_object();
	static const char *const keep[] = {"id", "paragraph", "result", "action_ar", "action_en", "action_fr", "due",
					   "recurrence", "report_to", "weight", NULL};

	for (int k = 0; keep[k]; k++) {
		json_t *v = json_object_get(rec, keep[k]);
		json_object_set(o, keep[k], v ? v : json_null());
	}
	json_object_set_new(o, "addressee", addressee);
	json_object_set_new(o, "standing", iv_standing_json(s));
	return o;
}

int ts_resolution_progress(ts_store *st, const char *resolution, const char *on, json_t **out, ts_error *err)
{
	ts_value p = {TS_V_TEXT, 0, resolution};
	json_t *res = NULL, *paras = NULL, *mandates = NULL, *plist, *by_para;
	iv_view v;
	iv_rollup ru;
	int r;
	size_t i;
	json_t *pr;

	*out = NULL;
	if (ts_record_get(st, &ts_entity_resolution, resolution, &res, err))
		return -1;
	if (iv_open(st, on, &v, err)) {
		json_decref(res);
		return -1;
	}
	if (iv_rollup_init(v.ix, &ru) ||
	    ts_records_where(st, &ts_entity_paragraph, "\"resolution\" = ? AND \"kind\" = 'operative'", &p, 1, 1, &paras,
			     err) ||
	    ts_records_where(st, &ts_entity_mandate,
			     "\"paragraph\" IN (SELECT \"id\" FROM \"paragraphs\" WHERE \"resolution\" = ?)", &p, 1, 1,
			     &mandates, err)) {
		if (!err->code)
			ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto fail;
	}
	r = lookup_res(v.ix, resolution);
	by_para = json_object();
	json_array_foreach(mandates, i, pr) {
		const char *id = json_string_value(json_object_get(pr, "id"));
		int m = lookup_mandate(v.ix, id);
		ts_standing s;
		json_t *list;
		const char *para = json_string_value(json_object_get(pr, "paragraph"));
		if (m < 0 || !ix_mandate_visible(v.ix, &v.rd, m))
			continue; /* written since the index was built, or hidden by its paragraph */
		ix_judge(v.ix, &v.rd, m, v.on, &s);
		iv_rollup_add(v.ix, &ru, m, &s);
		if (!(list = json_object_get(by_para, para))) {
			list = json_array();
			json_object_set_new(by_para, para, list);
		}
		json_array_append_new(list, iv_mandate_brief(pr, iv_addressee_json(st, ix_str(v.ix, v.ix->m[m].addressee)), &s));
	}
	iv_rollup_finish(v.ix, &v.rd, &ru);
	plist = json_array();
	json_array_foreach(paras, i, pr) {
		const char *id = json_string_value(json_object_get(pr, "id"));
		int pi = lookup_para(v.ix, id);
		iv_node *n = pi >= 0 ? &ru.para[pi] : NULL;
		json_t *ms = json_object_get(by_para, id);
		static const iv_node none;
		if (!n)
			n = (iv_node *)&none;
		json_array_append_new(plist, json_pack("{s:s, s:O, s:O, s:O, s:O, s:O, s:o, s:o, s:o}", "paragraph", id,
			"number", json_object_get(pr, "number"), "text_ar", json_object_get(pr, "text_ar"), "text_en",
			json_object_get(pr, "text_en"), "text_fr", json_object_get(pr, "text_fr"), "weight",
			json_object_get(pr, "weight"), "progress", iv_progress_json(n->wp, n->w), "counts",
			iv_counts_json(&n->c), "mandates", ms ? json_incref(ms) : json_array()));
	}
	json_decref(by_para);
	{
		static const iv_node none;
		const iv_node *n = r >= 0 ? &ru.res[r] : &none;
		*out = json_pack("{s:o, s:o, s:o, s:o, s:o}", "on", iv_day_json(v.on), "resolution", res, "progress",
				 iv_progress_json(n->wp, n->w), "counts", iv_counts_json(&n->c), "paragraphs", plist);
	}
	res = NULL;
	iv_rollup_free(&ru);
	json_decref(paras);
	json_decref(mandates);
	iv_close(&v);
	return 0;
fail:
	iv_rollup_free(&ru);
	json_decref(res);
	json_decref(paras);
	json_decref(mandates);
	iv_close(&v);
	return -1;
}

/* ---- deadlines in a window ---- */

int iv_deadlines(const ts_mandate_terms *t, int from, int to, int *out, int max)
{
	int n = 0, end = t->due_lo ? t->due_hi : INT_MAX;

	switch (t->recurrence) {
	case TS_REC_NONE:
		if (t->due_hi && t->due_hi >= from && t->due_hi <= to && max > 0)
			out[n++] = t->due_hi;
		break;
	case TS_REC_YEARLY:
		if (!t->start)
			break;
		for (int k = whole_years(t->start, from - 1) + 1; n < max; k++) {
			int d = anniv(t->start, k);
			if (d > to || d > end)
				break;
			if (d >= from)
				out[n++] = d;
		}
		break;
	case TS_REC_EACH_SESSION:
		for (int i = 0; i < t->nsessions && n < max; i++) {
			int s = t->sessions[i];
			if (s > t->start && s <= end && s >= from && s <= to)
				out[n++] = s;
		}
		break;
	default:
		break;
	}
	return n;
}
