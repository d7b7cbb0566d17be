/* The iCalendar writer (include/tansiq/ics.h). Each content line is built whole in a scratch
 * buffer, escaped and made valid UTF-8 on the way in, and then folded into the output, so
 * that folding sees only whole characters and is the one place that knows about line length. */
#include <stdio.h>
#include <string.h>

#include "tansiq/ics.h"
#include "tansiq/schema.h"
#include "tansiq/meetings.h"
#include "tansiq/records.h"
#include "tansiq/utf8.h"

/* RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, the line break excluded. */
#define ICS_LINE_MAX 75

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

typedef struct writer {
	ts_buf *out;
	ts_buf line; /* the content line being built, unfolded */
	int failed;  /* an append failed: everything after is skipped */
} writer;

typedef struct ymd {
	int y, m, d;
} ymd;

/* ---- dates ------------------------------------------------------------------------------- */

/* 1 with *out set when v is a string "YYYY-MM-DD" naming a day that exists, else 0. */
static int full_date(const json_t *v, ymd *out)
{
	const char *s;

	if (!json_is_string(v) || json_string_length(v) != 10)
		return 0;
	s = json_string_value(v);
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	}
	out->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	out->m = (s[5] - '0') * 10 + (s[6] - '0');
	out->d = (s[8] - '0') * 10 + (s[9] - '0');
	return out->m >= 1 && out->m <= 12 && out->d >= 1 && out->d <= ts_month_days(out->y, out->m);
}

/* Moves t to the next day; -1 (t unspecified) when that day has a five-digit year. */
static int next_day(ymd *t)
{
	if (++t->d <= ts_month_days(t->y, t->m))
		return 0;
	t->d = 1;
	if (++t->m <= 12)
		return 0;
	t->m = 1;
	return ++t->y <= 9999 ? 0 : -1;
}

static int date_cmp(const ymd *a, const ymd *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	return a->d < b->d ? -1 : a->d > b->d;
}

/* ---- building a content line -------------------------------------------------------------- */

static void add(writer *w, const void *data, size_t len)
{
	if (!w->failed && ts_buf_add(&w->line, data, len))
		w->failed = 1;
}

static void adds(writer *w, const char *s)
{
	add(w, s, strlen(s));
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0. ts_utf8_seq stops at a NUL, so a copy
 * padded with NULs keeps it inside the n bytes. */
static int utf8_seq_n(const unsigned char *s, size_t n)
{
	unsigned char c[5] = {0};

	memcpy(c, s, n < 4 ? n : 4);
	return ts_utf8_seq(c);
}

/* Appends s[0..n) as an RFC 5545 TEXT value (3.3.11); upper: ASCII letters uppercased. */
static void add_text(writer *w, const char *s, size_t n, int upper)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n && !w->failed) {
		unsigned char c = p[i];
		int k;

		if (c == '\r' || c == '\n') {
			adds(w, "\\n");
			i += c == '\r' && i + 1 < n && p[i + 1] == '\n' ? 2 : 1;
		} else if (c == '\t') {
			adds(w, " ");
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			i++;
		} else if (c == '\\' || c == ';' || c == ',') {
			char esc[2] = {'\\', (char)c};
			add(w, esc, 2);
			i++;
		} else if (c < 0x80) {
			char ch = (char)(upper && c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
			add(w, &ch, 1);
			i++;
		} else if ((k = utf8_seq_n(p + i, n - i)) > 0) {
			add(w, p + i, (size_t)k);
			i += (size_t)k;
		} else {
			adds(w, replacement);
			i++;
		}
	}
}

static void add_json_text(writer *w, const json_t *v, int upper)
{
	add_text(w, json_string_value(v), json_string_length(v), upper);
}

/* Appends s as part of a URI value: printable ASCII that may appear in a URI is kept (a '%'
 * too, as the start of an escape already made); everything else is percent-encoded. With
 * strict, only RFC 3986's unreserved characters are kept (for a path segment). */
static void add_uri(writer *w, const char *s, size_t n, int strict)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n && !w->failed; i++) {
		unsigned char c = (unsigned char)s[i];
		int keep = strict ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
					    c == '-' || c == '.' || c == '_' || c == '~'
				  : c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c);
		if (keep) {
			char ch = (char)c;
			add(w, &ch, 1);
		} else {
			char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
			add(w, pct, 3);
		}
	}
}

/* Starts a content line "NAME:" (name may carry parameters: "DTSTART;VALUE=DATE"). */
static void begin(writer *w, const char *name)
{
	ts_buf_reset(&w->line);
	adds(w, name);
	adds(w, ":");
}

/* Appends the content line to the output, folded, with CRLF after each piece. The line is
 * valid UTF-8 by construction; a fold goes before the character that would pass the limit,
 * and a continuation starts with one space, which counts in its 75 octets. A backslash in a
 * line is always a TEXT escape (URIs have theirs percent-encoded), and an escape is kept on one
 * line with its character: RFC 5545 would allow the split, but some readers unescape before
 * they unfold. */
static void end(writer *w)
{
	const unsigned char *p = (const unsigned char *)ts_buf_str(&w->line);
	size_t n = w->line.len, i = 0, from = 0, col = 0;

	while (i < n && !w->failed) {
		size_t k = (size_t)utf8_seq_n(p + i, n - i);
		if (k == 1 && p[i] == '\\' && i + 1 < n)
			k = 2; /* the escaped character is ASCII: '\\', ';', ',' or 'n' */
		if (!k)
			k = 1; /* unreachable: the line was made valid */
		if (col + k > ICS_LINE_MAX) {
			if (ts_buf_add(w->out, p + from, i - from) || ts_buf_add(w->out, "\r\n ", 3))
				w->failed = 1;
			from = i;
			col = 1;
		}
		col += k;
		i += k;
	}
	if (!w->failed && (ts_buf_add(w->out, p + from, n - from) || ts_buf_add(w->out, "\r\n", 2)))
		w->failed = 1;
}

/* A whole line of a fixed value. */
static void line(writer *w, const char *name, const char *value)
{
	begin(w, name);
	adds(w, value);
	end(w);
}

/* ---- meetings ---------------------------------------------------------------------------- */

/* The value of base_<lang> if it is a non-empty string, else base_en, else the first of
 * base_ar, base_en, base_fr that is; NULL when none. */
static const json_t *in_lang(const json_t *m, const char *base, ts_lang lang)
{
	static const char *const codes[TS_LANG_COUNT] = {"ar", "en", "fr"};
	const int order[] = {(int)lang >= 0 && (int)lang < TS_LANG_COUNT ? (int)lang : TS_EN, TS_EN, TS_AR, TS_FR};
	char key[32];

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const json_t *v;
		snprintf(key, sizeof(key), "%s_%s", base, codes[order[i]]);
		v = json_object_get(m, key);
		if (json_is_string(v) && json_string_length(v) > 0)
			return v;
	}
	return NULL;
}

static const char *status_of(const json_t *v)
{
	static const char *const map[][2] = {
		{"planned", "TENTATIVE"}, {"in_session", "CONFIRMED"}, {"held", "CONFIRMED"}, {"cancelled", "CANCELLED"},
	};

	if (!json_is_string(v))
		return NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (json_string_length(v) == strlen(map[i][0]) && !strcmp(json_string_value(v), map[i][0]))
			return map[i][1];
	}
	return NULL;
}

static void date_line(writer *w, const char *name, const ymd *t)
{
	char v[40];

	snprintf(v, sizeof(v), "%04d%02d%02d", t->y, t->m, t->d);
	line(w, name, v);
}

/* Text property from a JSON string, left out when v is NULL. */
static void text_line(writer *w, const char *name, const json_t *v, int upper)
{
	if (!v)
		return;
	begin(w, name);
	add_json_text(w, v, upper);
	end(w);
}

static void event(writer *w, const json_t *m, ts_lang lang, const char *base_url, const char *stamp)
{
	const json_t *id = json_object_get(m, "id"), *organ = json_object_get(m, "organ");
	const char *status = status_of(json_object_get(m, "status"));
	ymd start, end_day, last;

	if (!full_date(json_object_get(m, "start"), &start))
		return;
	/* the last day of the meeting: its end when known and not before its start */
	if (!full_date(json_object_get(m, "end"), &last) || date_cmp(&last, &start) < 0)
		last = start;
	end_day = last;

	line(w, "BEGIN", "VEVENT");
	begin(w, "UID");
	add_json_text(w, id, 0);
	adds(w, "@tansiq");
	end(w);
	line(w, "DTSTAMP", stamp);
	date_line(w, "DTSTART;VALUE=DATE", &start);
	if (!next_day(&end_day))
		date_line(w, "DTEND;VALUE=DATE", &end_day);
	text_line(w, "SUMMARY", in_lang(m, "title", lang), 0);
	text_line(w, "LOCATION", in_lang(m, "place", lang), 0);
	text_line(w, "DESCRIPTION", in_lang(m, "outcome", lang), 0);
	if (status)
		line(w, "STATUS", status);
	if (json_is_string(organ) && json_string_length(organ) > 0)
		text_line(w, "CATEGORIES", organ, 1);
	if (base_url) {
		size_t n = strlen(base_url);
		while (n > 0 && base_url[n - 1] == '/')
			n--;
		const json_t *path = json_object_get(m, "path");
		begin(w, "URL");
		add_uri(w, base_url, n, 0);
		adds(w, "/");
		if (json_is_string(path)) {
			add_uri(w, json_string_value(path), json_string_length(path), 0);
		} else {
			adds(w, "meetings/");
			add_uri(w, json_string_value(id), json_string_length(id), 1);
		}
		end(w);
	}
	line(w, "END", "VEVENT");
}

int ts_ics_write(ts_buf *out, const json_t *meetings, ts_lang lang, const char *calname, const char *base_url,
		 time_t now, ts_error *err)
{
	writer w = {out, TS_BUF_INIT, 0};
	struct tm tm;
	char stamp[80];
	size_t i;
	const json_t *m;

	if (!json_is_array(meetings))
		return ts_fail(err, TS_INVALID_VALUE, "meetings", "the meetings must be a JSON array");
	json_array_foreach(meetings, i, m) {
		const json_t *id = json_object_get(m, "id");
		if (!json_is_object(m))
			return ts_fail(err, TS_INVALID_VALUE, "id", "meeting %zu is not a JSON object", i + 1);
		if (!json_is_string(id) || json_string_length(id) == 0)
			return ts_fail(err, TS_INVALID_VALUE, "id", "meeting %zu has no id", i + 1);
	}
	if (!gmtime_r(&now, &tm) || tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999)
		return ts_fail(err, TS_INTERNAL, "now", "the time %lld cannot be written as a date", (long long)now);
	snprintf(stamp, sizeof(stamp), "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec);

	line(&w, "BEGIN", "VCALENDAR");
	line(&w, "VERSION", "2.0");
	line(&w, "PRODID", "-//Tansiq//Tansiq meetings//EN");
	line(&w, "CALSCALE", "GREGORIAN");
	line(&w, "METHOD", "PUBLISH");
	if (calname) {
		begin(&w, "X-WR-CALNAME");
		add_text(&w, calname, strlen(calname), 0);
		end(&w);
	}
	json_array_foreach(meetings, i, m) {
		if (w.failed)
			break;
		event(&w, m, lang, base_url, stamp);
	}
	line(&w, "END", "VCALENDAR");
	ts_buf_free(&w.line);
	if (w.failed)
		return ts_fail(err, TS_INTERNAL, NULL, "the calendar does not fit in its buffer (%zu bytes at most)",
			       out->max ? out->max : (size_t)64 << 20);
	return 0;
}

const char *ts_ics_name(ts_lang lang)
{
	return lang == TS_AR ? "اجتماعات منظمة التعاون الإسلامي" : lang == TS_FR ? "Réunions de l'OCI" : "OIC meetings";
}

int ts_ics_meetings(struct ts_store *st, ts_lang lang, const char *organ, ts_buf *out, ts_error *err)
{
	ts_query q;
	json_t *page = NULL;
	int rc;

	ts_query_init(&q, &ts_entity_meeting);
	/* the newest thousand: a calendar looks ahead */
	rc = ts_query_param(&q, "limit", "1000", err) || ts_query_param(&q, "sort", "-start", err) ||
	     (organ && ts_query_param(&q, "organ", organ, err)) || ts_records_list(st, &q, &page, err) ||
	     ts_ics_write(out, json_object_get(page, "items"), lang, ts_ics_name(lang), NULL, time(NULL), err);
	ts_query_free(&q);
	json_decref(page);
	return rc ? -1 : 0;
}
