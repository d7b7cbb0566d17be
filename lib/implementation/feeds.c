/* The feeds of the implementation views (implementation.h): deadlines as iCalendar, mandates
 * that became late as Atom. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tansiq/clock.h"
#include "tansiq/ics.h"
#include "views.h"
#include "../core/xml.h"

static const char *const lang_code[] = {"ar", "en", "fr"};

/* The mandates of the view that the feed covers: visible, and the addressee's when given. */
static int covered(const iv_view *v, int i, int addressee)
{
	return (!addressee || v->ix->m[i].addressee == addressee) && ix_mandate_visible(v->ix, &v->rd, i);
}

static int open_feed(ts_store *st, const char *addressee, iv_view *v, int *key, ts_error *err)
{
	if (addressee && ts_addressee_key_check(addressee, err))
		return -1;
	if (iv_open(st, NULL, v, err))
		return -1;
	*key = addressee ? ix_find(v->ix, addressee) : 0;
	if (addressee && !*key)
		*key = -1; /* an addressee with no mandate: an empty feed */
	return 0;
}

/* The mandate record of dense index i, for its texts. */
static json_t *mandate_rec(ts_store *st, const iv_view *v, int i)
{
	json_t *rec = NULL;
	ts_error ignored = TS_ERROR_INIT;

	if (ts_record_get(st, &ts_entity_mandate, ix_str(v->ix, v->ix->m[i].id), &rec, &ignored))
		return NULL;
	return rec;
}

/* The action of a mandate in lang, else English. */
static const char *action_in(const json_t *rec, ts_lang lang)
{
	char k[16];
	const char *s;

	snprintf(k, sizeof(k), "action_%s", lang_code[lang]);
	s = json_string_value(json_object_get(rec, k));
	return s && *s ? s : json_string_value(json_object_get(rec, "action_en"));
}

static const char *addressee_in(const json_t *a, ts_lang lang)
{
	char k[16];
	const char *s;

	snprintf(k, sizeof(k), "name_%s", lang_code[lang]);
	s = json_string_value(json_object_get(a, k));
	if (!s || !*s)
		s = json_string_value(json_object_get(a, "name_en"));
	return s ? s : json_string_value(json_object_get(a, "key"));
}

/* ---- deadlines ---- */

static const char *const due_word[] = {"موعد نهائي", "Due", "Échéance"};
static const char *const cal_name[] = {"مواعيد التكليفات", "Mandate deadlines", "Échéances des mandats"};

int ts_deadlines_ics(ts_store *st, const char *addressee, ts_lang lang, const char *base_url, ts_buf *out, ts_error *err)
{
	iv_view v;
	int key, rc;
	json_t *events = json_array();
	int from, to;

	if (open_feed(st, addressee, &v, &key, err)) {
		json_decref(events);
		return -1;
	}
	/* a year back and a year ahead: what a calendar shows */
	from = v.on - 10000;
	to = v.on + 10000;
	for (int i = 0; i < v.ix->nm && json_array_size(events) < 5000; i++) {
		int days[32], n;
		json_t *rec, *a;
		if (!covered(&v, i, key) || !(n = iv_deadlines(&v.ix->m[i].terms, from, to, days, 32)))
			continue;
		if (!(rec = mandate_rec(st, &v, i)))
			continue;
		a = iv_addressee_json(st, ix_str(v.ix, v.ix->m[i].addressee));
		for (int k = 0; k < n; k++) {
			char id[128], title[1200], path[128], day[16];
			json_t *ev;
			snprintf(id, sizeof(id), "mandate-%s-%d", ix_str(v.ix, v.ix->m[i].id), days[k]);
			snprintf(title, sizeof(title), "%s: %s", due_word[lang], action_in(rec, lang));
			snprintf(path, sizeof(path), "mandates/%s", ix_str(v.ix, v.ix->m[i].id));
			snprintf(day, sizeof(day), "%04d-%02d-%02d", days[k] / 10000, days[k] / 100 % 100, days[k] % 100);
			ev = json_pack("{s:s, s:s, s:s, s:s?, s:s}", "id", id, "start", day, "path", path, "place_en",
				       addressee_in(a, lang), "title_en", title);
			json_array_append_new(events, ev);
		}
		json_decref(a);
		json_decref(rec);
	}
	rc = ts_ics_write(out, events, TS_EN, cal_name[lang], base_url, time(NULL), err);
	json_decref(events);
	iv_close(&v);
	return rc;
}

/* ---- mandates that became late ---- */

typedef struct late {
	int mandate, since; /* since: the deadline passed (the day before it became late) */
	int reports, status; /* its standing: the reports counted, the latest status */
} late;

static int newest_first(const void *a, const void *b)
{
	const late *x = a, *y = b;
	if (x->since != y->since)
		return x->since > y->since ? -1 : 1;
	return x->mandate - y->mandate;
}

static const char *const feed_title[] = {"التكليفات المتأخرة", "Mandates that became late", "Mandats en retard"};
static const char *const late_word[] = {"متأخر", "Late", "En retard"};
static const char *const deadline_word[] = {"الموعد النهائي", "deadline", "échéance"};
static const char *const status_word[] = {"آخر حالة", "last status", "dernier statut"};
static const char *const no_report[] = {"لا تقرير", "no report", "aucun rapport"};

/* The day after d (YYYYMMDD). */
static int day_after(int d)
{
	int y = d / 10000, m = d / 100 % 100, dd = d % 100;

	if (dd < ts_month_days(y, m))
		return d + 1;
	if (m < 12)
		return y * 10000 + (m + 1) * 100 + 1;
	return (y + 1) * 10000 + 101;
}

int ts_late_atom(ts_store *st, const char *addressee, ts_lang lang, const char *base_url, ts_buf *out, ts_error *err)
{
	iv_view v;
	int key, n = 0, updated;
	late *list;
	char day[16], stamp[TS_UTC_SIZE];
	const char *base = base_url ? base_url : "";
	ts_buf feed_id = TS_BUF_INIT, self = TS_BUF_INIT;

	if (open_feed(st, addressee, &v, &key, err))
		return -1;
	if (!(list = malloc(((size_t)v.ix->nm + 1) * sizeof(*list)))) {
		iv_close(&v);
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	}
	for (int i = 0; i < v.ix->nm; i++) {
		ts_standing s;
		if (!covered(&v, i, key))
			continue;
		ix_judge(v.ix, &v.rd, i, v.on, &s);
		if (!s.late)
			continue;
		/* it became late the day after the deadline it missed */
		list[n].mandate = i;
		list[n].since = s.missed;
		list[n].reports = s.reports;
		list[n].status = s.status;
		n++;
	}
	qsort(list, (size_t)n, sizeof(*list), newest_first);
	if (n > 200)
		n = 200;

	/* the feed changed when its newest entry did; an empty feed on the day it is read */
	updated = n ? day_after(list[0].since) : v.on;
	snprintf(stamp, sizeof(stamp), "%04d-%02d-%02dT00:00:00Z", updated / 10000, updated / 100 % 100, updated % 100);
	ts_buf_printf(&feed_id, "tag:tansiq,2018:late%s%s", addressee ? "/" : "", addressee ? addressee : "");
	ts_buf_printf(&self, "/api/v1/late.atom%s%s", addressee ? "?addressee=" : "", addressee ? addressee : "");
	ts_atom_head(out, lang_code[lang], feed_title[lang], ts_buf_str(&feed_id), stamp, base, ts_buf_str(&self));
	ts_buf_free(&feed_id);
	ts_buf_free(&self);
	for (int k = 0; k < n; k++) {
		int i = list[k].mandate, d = day_after(list[k].since);
		const char *id = ix_str(v.ix, v.ix->m[i].id);
		json_t *rec = mandate_rec(st, &v, i), *a;
		if (!rec)
			continue;
		a = iv_addressee_json(st, ix_str(v.ix, v.ix->m[i].addressee));
		snprintf(day, sizeof(day), "%04d-%02d-%02d", list[k].since / 10000, list[k].since / 100 % 100,
			 list[k].since % 100);
		ts_buf_adds(out, "  <entry>\n    <id>tag:tansiq,2018:mandate/");
		ts_xml_text(out, id);
		ts_buf_printf(out, "/late/%s</id>\n    <title>", day);
		ts_xml_text(out, late_word[lang]);
		ts_buf_adds(out, ": ");
		ts_xml_text(out, action_in(rec, lang));
		ts_buf_printf(out, "</title>\n    <updated>%04d-%02d-%02dT00:00:00Z</updated>\n", d / 10000, d / 100 % 100,
			      d % 100);
		ts_buf_adds(out, "    <link rel=\"alternate\" type=\"text/html\" href=\"");
		ts_xml_text(out, base);
		ts_buf_adds(out, "/#/mandates/");
		ts_xml_text(out, id);
		ts_buf_adds(out, "\"/>\n    <category term=\"");
		ts_xml_text(out, ix_str(v.ix, v.ix->m[i].addressee));
		ts_buf_adds(out, "\"/>\n    <content type=\"text\">");
		ts_xml_text(out, addressee_in(a, lang));
		ts_buf_printf(out, " — %s %s — %s: ", deadline_word[lang], day, status_word[lang]);
		if (list[k].reports)
			ts_xml_text(out, ts_report_statuses[list[k].status].label[lang]);
		else
			ts_xml_text(out, no_report[lang]);
		ts_buf_adds(out, "</content>\n  </entry>\n");
		json_decref(a);
		json_decref(rec);
	}
	ts_buf_adds(out, "</feed>\n");
	free(list);
	iv_close(&v);
	return 0;
}
