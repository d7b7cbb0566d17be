/* Unit tests of the iCalendar writer (include/tansiq/ics.h): the calendar's frame, TEXT
 * escaping, folding of long multi-byte lines, all-day dates with an exclusive end, which
 * meetings become events, the language of each text, STATUS, URL and the errors.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-ics
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tansiq/ics.h"
#include "tansiq/utf8.h"

/* 2023-11-14T22:13:20Z */
#define NOW ((time_t)1700000000)

/* ---- helpers ----------------------------------------------------------------------------- */

static json_t *load(const char *json)
{
	json_error_t jerr;
	json_t *j = json_loads(json, JSON_DECODE_ANY, &jerr);

	if (!j)
		fail_msg("bad test JSON: %s: %s", json, jerr.text);
	return j;
}

/* Checks the physical form of a calendar: every line ends with CRLF, no CR or LF elsewhere, no
 * line longer than 75 octets, each line valid UTF-8 by itself (so no fold splits a character),
 * a continuation line starts with one space. */
static void check_lines(const char *s, size_t n)
{
	size_t at = 0;

	if (n < 2 || memcmp(s + n - 2, "\r\n", 2))
		fail_msg("the calendar does not end with CRLF");
	while (at < n) {
		const char *eol = memchr(s + at, '\r', n - at);
		size_t len;
		char *one;
		if (!eol || eol + 1 >= s + n || eol[1] != '\n')
			fail_msg("a CR without LF at offset %zu", eol ? (size_t)(eol - s) : n);
		len = (size_t)(eol - (s + at));
		if (memchr(s + at, '\n', len))
			fail_msg("a bare LF in the line at offset %zu", at);
		if (len > 75)
			fail_msg("line at offset %zu is %zu octets: %.*s", at, len, (int)len, s + at);
		if (len == 0)
			fail_msg("an empty line at offset %zu", at);
		one = strndup(s + at, len);
		assert_non_null(one);
		if (ts_utf8_len(one) < 0)
			fail_msg("line at offset %zu is not valid UTF-8 by itself: %s", at, one);
		free(one);
		at += len + 2;
	}
}

/* The calendar unfolded (CRLF + space removed), with LF for line ends. */
static char *unfold(const char *s)
{
	size_t n = strlen(s), j = 0;
	char *u = malloc(n + 1);

	assert_non_null(u);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == ' ') {
			i += 2;
			continue;
		}
		if (s[i] == '\r' && s[i + 1] == '\n') {
			u[j++] = '\n';
			i++;
			continue;
		}
		u[j++] = s[i];
	}
	u[j] = '\0';
	return u;
}

/* Writes the calendar of `json` (checked, unfolded); the caller frees it. */
static char *ics_base(const char *json, ts_lang lang, const char *calname, const char *base_url)
{
	json_t *m = load(json);
	ts_buf out = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;
	char *u;

	if (ts_ics_write(&out, m, lang, calname, base_url, NOW, &err))
		fail_msg("ts_ics_write failed: %s", err.detail);
	assert_int_equal(err.code, TS_OK);
	check_lines(out.data, out.len);
	u = unfold(out.data);
	ts_buf_free(&out);
	json_decref(m);
	return u;
}

static char *ics(const char *json, ts_lang lang)
{
	return ics_base(json, lang, NULL, NULL);
}

/* The value of the first property `name` ("SUMMARY") in an unfolded calendar, in buf; NULL
 * when there is none. */
static const char *prop(const char *u, const char *name, char *buf, size_t size)
{
	size_t n = strlen(name);

	for (const char *p = u; *p; p = strchr(p, '\n') + 1) {
		const char *eol = strchr(p, '\n');
		if (!strncmp(p, name, n) && (p[n] == ':' || p[n] == ';')) {
			const char *v = strchr(p, ':') + 1;
			snprintf(buf, size, "%.*s", (int)(eol - v), v);
			return buf;
		}
	}
	return NULL;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void expect_prop(const char *u, const char *name, const char *want)
{
	char buf[4096];
	const char *got = prop(u, name, buf, sizeof(buf));

	if (!want) {
		if (got)
			fail_msg("%s present (%s), expected none, in:\n%s", name, got, u);
		return;
	}
	if (!got)
		fail_msg("no %s in:\n%s", name, u);
	assert_string_equal(got, want);
}

/* ---- tests ------------------------------------------------------------------------------- */

static void test_empty_calendar(void **state)
{
	ts_buf out = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;
	json_t *none = json_array();

	(void)state;
	assert_int_equal(ts_ics_write(&out, none, TS_EN, "OIC, meetings; all", NULL, NOW, &err), 0);
	assert_string_equal(out.data, "BEGIN:VCALENDAR\r\n"
				      "VERSION:2.0\r\n"
				      "PRODID:-//Tansiq//Tansiq meetings//EN\r\n"
				      "CALSCALE:GREGORIAN\r\n"
				      "METHOD:PUBLISH\r\n"
				      "X-WR-CALNAME:OIC\\, meetings\\; all\r\n"
				      "END:VCALENDAR\r\n");
	/* appended, not replacing what was there; no calendar name when NULL */
	ts_buf_reset(&out);
	ts_buf_adds(&out, "kept|");
	assert_int_equal(ts_ics_write(&out, none, TS_EN, NULL, NULL, NOW, &err), 0);
	assert_memory_equal(out.data, "kept|BEGIN:VCALENDAR\r\n", 22);
	assert_null(strstr(out.data, "X-WR-CALNAME"));
	ts_buf_free(&out);
	json_decref(none);
}

static void test_full_event(void **state)
{
	json_t *m = load("[{\"id\":\"cfm-51\",\"kind\":\"ordinary\",\"organ\":\"cfm\",\"session_number\":51,"
			 "\"title_en\":\"51st session of the CFM\",\"title_ar\":\"الدورة 51\",\"title_fr\":\"51e session\","
			 "\"place_en\":\"Istanbul, Türkiye\",\"place_fr\":\"Istanbul\",\"start\":\"2025-06-21\","
			 "\"end\":\"2025-06-22\",\"status\":\"held\",\"outcome_en\":\"Resolutions adopted.\","
			 "\"level\":\"public\"}]");
	ts_buf out = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;

	(void)state;
	assert_int_equal(ts_ics_write(&out, m, TS_EN, "Tansiq", "https://tansiq.example.org/", NOW, &err), 0);
	assert_string_equal(out.data, "BEGIN:VCALENDAR\r\n"
				      "VERSION:2.0\r\n"
				      "PRODID:-//Tansiq//Tansiq meetings//EN\r\n"
				      "CALSCALE:GREGORIAN\r\n"
				      "METHOD:PUBLISH\r\n"
				      "X-WR-CALNAME:Tansiq\r\n"
				      "BEGIN:VEVENT\r\n"
				      "UID:cfm-51@tansiq\r\n"
				      "DTSTAMP:20231114T221320Z\r\n"
				      "DTSTART;VALUE=DATE:20250621\r\n"
				      "DTEND;VALUE=DATE:20250623\r\n"
				      "SUMMARY:51st session of the CFM\r\n"
				      "LOCATION:Istanbul\\, Türkiye\r\n"
				      "DESCRIPTION:Resolutions adopted.\r\n"
				      "STATUS:CONFIRMED\r\n"
				      "CATEGORIES:CFM\r\n"
				      "URL:https://tansiq.example.org/meetings/cfm-51\r\n"
				      "END:VEVENT\r\n"
				      "END:VCALENDAR\r\n");
	ts_buf_free(&out);
	json_decref(m);
}

static void test_text_escaping(void **state)
{
	json_t *m, *e;
	ts_buf out = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;
	char *u;

	(void)state;
	u = ics("[{\"id\":\"x\",\"start\":\"2030-01-01\","
		"\"title_en\":\"a,b;c\\\\d\\r\\ne\\nf\\rg\\u0001h\\ti\\u007fj\\r\\n\\r\\nk: \\\"q\\\"\"}]",
		TS_EN);
	/* CRLF, LF and CR each one \n (two CRLFs two); control characters dropped, a tab a space;
	 * ':' and '"' need no escape in TEXT */
	expect_prop(u, "SUMMARY", "a\\,b\\;c\\\\d\\ne\\nf\\ngh ij\\n\\nk: \"q\"");
	free(u);

	/* a backslash before n stays a backslash, not a line break */
	u = ics("[{\"id\":\"x\",\"start\":\"2030-01-01\",\"title_en\":\"C:\\\\new\",\"place_en\":\"\\\\,\"}]", TS_EN);
	expect_prop(u, "SUMMARY", "C:\\\\new");
	expect_prop(u, "LOCATION", "\\\\\\,");
	free(u);

	/* the id in the UID is text too */
	u = ics("[{\"id\":\"a,b;c\",\"start\":\"2030-01-01\"}]", TS_EN);
	expect_prop(u, "UID", "a\\,b\\;c@tansiq");
	free(u);

	/* invalid UTF-8 (a stray continuation byte, a cut sequence, an overlong form, a surrogate)
	 * becomes U+FFFD per bad byte; an embedded NUL is dropped */
	m = json_array();
	e = json_object();
	{
		static const char bad[] = "A\x80" "B\xD8" "C\xC0\xAF" "D\xED\xA0\x80" "E\0F";
		json_object_set_new(e, "id", json_string("x"));
		json_object_set_new(e, "start", json_string("2030-01-01"));
		json_object_set_new(e, "title_en", json_stringn_nocheck(bad, sizeof(bad) - 1));
		json_array_append_new(m, e);
	}
	assert_int_equal(ts_ics_write(&out, m, TS_EN, NULL, NULL, NOW, &err), 0);
	check_lines(out.data, out.len);
	assert_int_not_equal(ts_utf8_len(out.data), -1);
	u = unfold(out.data);
	expect_prop(u, "SUMMARY",
		    "A\xEF\xBF\xBD"
		    "B\xEF\xBF\xBD"
		    "C\xEF\xBF\xBD\xEF\xBF\xBD"
		    "D\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
		    "EF");
	free(u);
	ts_buf_free(&out);

	/* the calendar name is escaped and cleaned the same way */
	u = ics_base("[]", TS_EN, "a;b\nc\x01", NULL);
	expect_prop(u, "X-WR-CALNAME", "a\\;b\\nc");
	free(u);
	json_decref(m);
}

/* An Arabic title three lines long, after prefixes of 0 to 3 ASCII letters so that the 75-octet
 * limit falls on every position inside the two-byte letters (and a four-byte character), is
 * folded between characters, and unfolding gives back the escaped text. */
static void test_fold_arabic(void **state)
{
	static const char title[] = "الدورة الحادية والخمسون لمجلس وزراء خارجية منظمة التعاون الإسلامي، "
				    "تحت شعار: متحدون, في مواجهة; التحديات؛ \xF0\x9F\x8C\x99 "
				    "الدورة الحادية والخمسون لمجلس وزراء خارجية منظمة التعاون الإسلامي";
	static const char escaped[] = "الدورة الحادية والخمسون لمجلس وزراء خارجية منظمة التعاون الإسلامي، "
				      "تحت شعار: متحدون\\, في مواجهة\\; التحديات؛ \xF0\x9F\x8C\x99 "
				      "الدورة الحادية والخمسون لمجلس وزراء خارجية منظمة التعاون الإسلامي";
	(void)state;
	for (int prefix = 0; prefix < 4; prefix++) {
		json_t *m = json_array(), *e = json_object();
		ts_buf out = TS_BUF_INIT, want = TS_BUF_INIT;
		ts_error err = TS_ERROR_INIT;
		char lead[8] = "abc";
		char *full, *u, *s;
		int folds = 0;

		lead[prefix] = '\0';
		full = malloc(strlen(lead) + sizeof(title));
		assert_non_null(full);
		strcpy(full, lead);
		strcat(full, title);
		json_object_set_new(e, "id", json_string("cfm-51"));
		json_object_set_new(e, "start", json_string("2025-06-21"));
		json_object_set_new(e, "title_ar", json_string(full));
		json_object_set_new(e, "place_ar", json_string(full));
		json_array_append_new(m, e);
		assert_int_equal(ts_ics_write(&out, m, TS_AR, NULL, NULL, NOW, &err), 0);
		check_lines(out.data, out.len);
		for (s = strstr(out.data, "\r\n "); s; s = strstr(s + 1, "\r\n "))
			folds++;
		assert_true(folds >= 6); /* two properties, each over 300 octets */
		u = unfold(out.data);
		ts_buf_printf(&want, "\nSUMMARY:%s%s\nLOCATION:%s%s\n", lead, escaped, lead, escaped);
		if (!strstr(u, want.data))
			fail_msg("prefix %d: unfolded text differs:\n%s", prefix, u);
		assert_int_not_equal(ts_utf8_len(u), -1);
		/* a full first line is 75 octets, or 74 when the next character would not fit */
		s = strstr(out.data, "SUMMARY:");
		assert_true(strstr(s, "\r\n") - s >= 74);
		free(u);
		free(full);
		ts_buf_free(&want);
		ts_buf_free(&out);
		json_decref(m);
	}
}

/* Writes a calendar of one meeting titled `title` and checks that its SUMMARY is written as
 * the physical lines `want` (folds included). */
static void expect_summary_lines(const char *title, const char *want)
{
	json_t *m = json_array(), *e = json_object();
	ts_buf out = TS_BUF_INIT, w = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;

	json_object_set_new(e, "id", json_string("x"));
	json_object_set_new(e, "start", json_string("2030-01-01"));
	json_object_set_new(e, "title_en", json_string(title));
	json_array_append_new(m, e);
	assert_int_equal(ts_ics_write(&out, m, TS_EN, NULL, NULL, NOW, &err), 0);
	check_lines(out.data, out.len);
	ts_buf_printf(&w, "\r\n%s\r\nEND:VEVENT\r\n", want);
	if (!strstr(out.data, w.data))
		fail_msg("expected\n%s\nin\n%s", w.data, out.data);
	ts_buf_free(&w);
	ts_buf_free(&out);
	json_decref(m);
}

/* A line of exactly 75 octets is not folded; one of 76 is, with the last octet carried over;
 * a character that would straddle the limit goes whole to the next line. */
static void test_fold_boundary(void **state)
{
	char x67[68], x66[67], x140[141], title[256], want[512];

	(void)state;
	memset(x67, 'x', 67);
	x67[67] = '\0';
	memset(x66, 'x', 66);
	x66[66] = '\0';
	memset(x140, 'x', 140);
	x140[140] = '\0';
	/* "SUMMARY:" is 8 octets: 67 more make 75 */
	expect_summary_lines(x67, "SUMMARY:" /* 8 */ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	snprintf(title, sizeof(title), "%sy", x67);
	snprintf(want, sizeof(want), "SUMMARY:%s\r\n y", x67);
	expect_summary_lines(title, want);
	/* a continuation line holds 74 octets after its space */
	snprintf(title, sizeof(title), "%s%s", x67, x140);
	snprintf(want, sizeof(want), "SUMMARY:%s\r\n %.74s\r\n %.66s", x67, x140, x140);
	expect_summary_lines(title, want);
	/* a two-byte letter that would end at octet 76, a four-byte one at 76 to 78 */
	snprintf(title, sizeof(title), "%s\u0639b", x66);
	snprintf(want, sizeof(want), "SUMMARY:%s\r\n \u0639b", x66);
	expect_summary_lines(title, want);
	snprintf(title, sizeof(title), "%.65s\U0001F319b", x66);
	snprintf(want, sizeof(want), "SUMMARY:%.65s\r\n \U0001F319b", x66);
	expect_summary_lines(title, want);
	/* an escape is not split by a fold, though RFC 5545 would allow it */
	snprintf(title, sizeof(title), "%s,", x66);
	snprintf(want, sizeof(want), "SUMMARY:%s\r\n \\,", x66);
	expect_summary_lines(title, want);
	snprintf(title, sizeof(title), "%s\n\\", x66);
	snprintf(want, sizeof(want), "SUMMARY:%s\r\n \\n\\\\", x66);
	expect_summary_lines(title, want);
}

/* The DTSTART and DTEND of a meeting from start and end. */
static void expect_dates(const char *start, const char *end, const char *dtstart, const char *dtend)
{
	char js[256];
	char *u;

	snprintf(js, sizeof(js), "[{\"id\":\"x\",\"start\":\"%s\",\"end\":%s%s%s}]", start, end ? "\"" : "",
		 end ? end : "null", end ? "\"" : "");
	u = ics(js, TS_EN);
	expect_prop(u, "DTSTART", dtstart);
	expect_prop(u, "DTEND", dtend);
	assert_non_null(strstr(u, "\nDTSTART;VALUE=DATE:"));
	if (dtend)
		assert_non_null(strstr(u, "\nDTEND;VALUE=DATE:"));
	free(u);
}

static void test_dates(void **state)
{
	(void)state;
	/* one day: the end is the next day (exclusive) */
	expect_dates("2031-05-05", NULL, "20310505", "20310506");
	expect_dates("2031-05-05", "2031-05-05", "20310505", "20310506");
	expect_dates("2031-05-05", "2031-05-06", "20310505", "20310507");
	/* month and year ends, leap days */
	expect_dates("2024-02-28", NULL, "20240228", "20240229");
	expect_dates("2024-02-29", NULL, "20240229", "20240301");
	expect_dates("2023-02-28", NULL, "20230228", "20230301");
	expect_dates("1900-02-28", NULL, "19000228", "19000301"); /* a century is not leap */
	expect_dates("2000-02-28", NULL, "20000228", "20000229"); /* unless divisible by 400 */
	expect_dates("2023-12-31", NULL, "20231231", "20240101");
	expect_dates("2024-04-30", NULL, "20240430", "20240501");
	expect_dates("2023-12-30", "2023-12-31", "20231230", "20240101");
	expect_dates("2024-01-30", "2024-01-31", "20240130", "20240201");
	/* an end that is partial, not a day, or before the start: one day */
	expect_dates("2024-03-10", "2024-03", "20240310", "20240311");
	expect_dates("2024-03-10", "2024", "20240310", "20240311");
	expect_dates("2024-03-10", "2024-02-30", "20240310", "20240311");
	expect_dates("2024-03-10", "2024-03-09", "20240310", "20240311");
	/* the day after 9999-12-31 has no four-digit form: no DTEND, a one-day event */
	expect_dates("9999-12-31", NULL, "99991231", NULL);
	expect_dates("9999-12-30", "9999-12-31", "99991230", NULL);
}

static void test_which_meetings(void **state)
{
	char *u;

	(void)state;
	u = ics("[{\"id\":\"month\",\"start\":\"2031-06\",\"title_en\":\"June\"},"
		"{\"id\":\"year\",\"start\":\"2031\"},"
		"{\"id\":\"none\"},"
		"{\"id\":\"null\",\"start\":null},"
		"{\"id\":\"number\",\"start\":20310605},"
		"{\"id\":\"feb30\",\"start\":\"2031-02-30\"},"
		"{\"id\":\"month13\",\"start\":\"2031-13-01\"},"
		"{\"id\":\"slash\",\"start\":\"2031/06/05\"},"
		"{\"id\":\"time\",\"start\":\"2031-06-05T10:00\"},"
		"{\"id\":\"day\",\"start\":\"2031-06-05\"},"
		"{\"id\":\"day2\",\"start\":\"2031-06-01\",\"end\":\"2031-06\"}]",
		TS_EN);
	assert_int_equal(count(u, "BEGIN:VEVENT"), 2);
	assert_int_equal(count(u, "END:VEVENT"), 2);
	assert_non_null(strstr(u, "UID:day@tansiq"));
	assert_non_null(strstr(u, "UID:day2@tansiq"));
	assert_null(strstr(u, "UID:month@"));
	assert_null(strstr(u, "June"));
	/* in the array's order */
	assert_true(strstr(u, "UID:day@") < strstr(u, "UID:day2@"));
	free(u);
}

static void test_languages(void **state)
{
	const char *all = "[{\"id\":\"x\",\"start\":\"2031-05-05\",\"title_ar\":\"الدورة\",\"title_en\":\"Session\","
			  "\"title_fr\":\"Séance\",\"place_ar\":\"دكا\",\"place_en\":\"Dhaka\",\"place_fr\":\"Dacca\","
			  "\"outcome_ar\":\"قرارات\",\"outcome_en\":\"Resolutions\",\"outcome_fr\":\"Résolutions\"}]";
	char *u;

	(void)state;
	u = ics(all, TS_AR);
	expect_prop(u, "SUMMARY", "الدورة");
	expect_prop(u, "LOCATION", "دكا");
	expect_prop(u, "DESCRIPTION", "قرارات");
	free(u);
	u = ics(all, TS_FR);
	expect_prop(u, "SUMMARY", "Séance");
	expect_prop(u, "LOCATION", "Dacca");
	expect_prop(u, "DESCRIPTION", "Résolutions");
	free(u);
	u = ics(all, TS_EN);
	expect_prop(u, "SUMMARY", "Session");
	free(u);

	/* missing, null or empty in the language: English */
	u = ics("[{\"id\":\"x\",\"start\":\"2031-05-05\",\"title_ar\":\"الدورة\",\"title_en\":\"Session\","
		"\"title_fr\":\"\",\"place_en\":\"Dhaka\",\"place_ar\":\"دكا\",\"place_fr\":null}]",
		TS_FR);
	expect_prop(u, "SUMMARY", "Session");
	expect_prop(u, "LOCATION", "Dhaka");
	free(u);
	/* no English either: the first language present */
	u = ics("[{\"id\":\"x\",\"start\":\"2031-05-05\",\"title_ar\":\"الدورة\",\"title_fr\":\"Séance\","
		"\"place_fr\":\"Dacca\"}]",
		TS_EN);
	expect_prop(u, "SUMMARY", "الدورة");
	expect_prop(u, "LOCATION", "Dacca");
	free(u);
	u = ics("[{\"id\":\"x\",\"start\":\"2031-05-05\",\"title_fr\":\"Séance\"}]", TS_AR);
	expect_prop(u, "SUMMARY", "Séance");
	free(u);
	/* none, or of the wrong type: no SUMMARY, LOCATION or DESCRIPTION; an unknown language
	 * reads as English */
	u = ics("[{\"id\":\"x\",\"start\":\"2031-05-05\",\"title_en\":5,\"place_ar\":[\"a\"]}]", TS_EN);
	expect_prop(u, "SUMMARY", NULL);
	expect_prop(u, "LOCATION", NULL);
	expect_prop(u, "DESCRIPTION", NULL);
	expect_prop(u, "UID", "x@tansiq");
	free(u);
	u = ics(all, (ts_lang)7);
	expect_prop(u, "SUMMARY", "Session");
	free(u);
}

static void test_status_and_categories(void **state)
{
	static const char *const map[][2] = {
		{"planned", "TENTATIVE"}, {"in_session", "CONFIRMED"}, {"held", "CONFIRMED"},
		{"cancelled", "CANCELLED"}, {"postponed", NULL}, {"PLANNED", NULL}, {"", NULL},
	};
	char js[256];
	char *u;

	(void)state;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		snprintf(js, sizeof(js), "[{\"id\":\"x\",\"start\":\"2031-05-05\",\"status\":\"%s\"}]", map[i][0]);
		u = ics(js, TS_EN);
		expect_prop(u, "STATUS", map[i][1]);
		free(u);
	}
	u = ics("[{\"id\":\"x\",\"start\":\"2031-05-05\",\"status\":null,\"organ\":\"icj-é,b\"}]", TS_EN);
	expect_prop(u, "STATUS", NULL);
	expect_prop(u, "CATEGORIES", "ICJ-é\\,B"); /* a comma would start a second category */
	free(u);
	u = ics("[{\"id\":\"x\",\"start\":\"2031-05-05\",\"organ\":null}]", TS_EN);
	expect_prop(u, "CATEGORIES", NULL);
	free(u);
}

static void test_url(void **state)
{
	const char *one = "[{\"id\":\"cfm-99\",\"start\":\"2031-05-05\"}]";
	char *u;

	(void)state;
	u = ics_base(one, TS_EN, NULL, NULL);
	expect_prop(u, "URL", NULL);
	free(u);
	u = ics_base(one, TS_EN, NULL, "https://oic.example/tansiq");
	expect_prop(u, "URL", "https://oic.example/tansiq/meetings/cfm-99");
	free(u);
	u = ics_base(one, TS_EN, NULL, "https://oic.example//");
	expect_prop(u, "URL", "https://oic.example/meetings/cfm-99");
	free(u);
	/* an id that is not URL-safe is percent-encoded; so is a space or a quote in the base */
	u = ics_base("[{\"id\":\"a b/c?é\",\"start\":\"2031-05-05\"}]", TS_EN, NULL, "http://h/x y\"");
	expect_prop(u, "URL", "http://h/x%20y%22/meetings/a%20b%2Fc%3F%C3%A9");
	free(u);
	/* no event, no URL */
	u = ics_base("[{\"id\":\"m\",\"start\":\"2031-05\"}]", TS_EN, NULL, "https://oic.example");
	expect_prop(u, "URL", NULL);
	free(u);
}

static void expect_error(const char *json, const char *field)
{
	json_t *m = json ? load(json) : NULL;
	ts_buf out = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;

	assert_int_equal(ts_ics_write(&out, m, TS_EN, "c", "https://x", NOW, &err), -1);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_string_equal(err.field, field);
	assert_true(strlen(err.detail) > 0);
	ts_buf_free(&out);
	json_decref(m);
}

static void test_errors(void **state)
{
	json_t *m;
	ts_buf out = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;
	int failures = 0;

	(void)state;
	expect_error(NULL, "meetings");
	expect_error("{\"id\":\"x\"}", "meetings");
	expect_error("\"x\"", "meetings");
	expect_error("[1]", "id");
	expect_error("[null]", "id");
	expect_error("[[]]", "id");
	expect_error("[{\"start\":\"2031-05-05\"}]", "id");
	expect_error("[{\"id\":null,\"start\":\"2031-05-05\"}]", "id");
	expect_error("[{\"id\":7,\"start\":\"2031-05-05\"}]", "id");
	expect_error("[{\"id\":\"\",\"start\":\"2031-05-05\"}]", "id");
	/* a bad element after good ones, even one without a date */
	expect_error("[{\"id\":\"a\",\"start\":\"2031-05-05\"},{\"id\":\"b\"},{\"start\":\"2031\"}]", "id");

	/* a buffer too small: an internal error, nothing leaks, at every size */
	m = load("[{\"id\":\"cfm-99\",\"start\":\"2031-05-05\",\"title_ar\":\"الدورة التاسعة والتسعون لمجلس "
		 "وزراء الخارجية، دكا\",\"place_en\":\"Dhaka\"}]");
	assert_int_equal(ts_ics_write(&out, m, TS_AR, "c", "https://x", NOW, &err), 0);
	for (size_t max = 1; max < out.len; max++) {
		ts_buf small = TS_BUF_INIT;
		ts_error e2 = TS_ERROR_INIT;
		small.max = max;
		assert_int_equal(ts_ics_write(&small, m, TS_AR, "c", "https://x", NOW, &e2), -1);
		assert_int_equal(e2.code, TS_INTERNAL);
		ts_buf_free(&small);
		failures++;
	}
	{
		ts_buf exact = TS_BUF_INIT;
		exact.max = out.len;
		assert_int_equal(ts_ics_write(&exact, m, TS_AR, "c", "https://x", NOW, &err), 0);
		assert_string_equal(exact.data, out.data);
		ts_buf_free(&exact);
	}
	assert_true(failures > 300);
	ts_buf_free(&out);
	json_decref(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_calendar),
		cmocka_unit_test(test_full_event),
		cmocka_unit_test(test_text_escaping),
		cmocka_unit_test(test_fold_arabic),
		cmocka_unit_test(test_fold_boundary),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_which_meetings),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_status_and_categories),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("ics", tests, NULL, NULL);
}
