/* Fuzzes the iCalendar writer (ts_ics_write, include/tansiq/ics.h) with arbitrary bytes as the
 * values of meetings: titles, places, outcomes, ids, organs, statuses, dates, the calendar's
 * name and the base URL.
 *
 * The input: a flag byte, a size byte, then fields. Fields are separated by 0x1F and meetings
 * by 0x1E; the first group is (calname, base_url), each following one a meeting: id, title_ar,
 * title_en, title_fr, place_ar, place_en, place_fr, start, end, status, organ, outcome_ar,
 * outcome_en, outcome_fr. An empty field is a missing key (an empty id becomes "m<n>"), a
 * field that is the one byte 0x1D is null (an id then makes the call fail), and a date field
 * "@YMD" (three bytes) is the date they pick, valid or not ("1990-13-32"), so that the fuzzer
 * reaches calendar arithmetic. Values go in as they are, invalid UTF-8 and NULs included
 * (json_stringn_nocheck). Flags: bits 0-1 the language (3 is out of range), bit 2 a NULL
 * calendar name, bit 3 a NULL base URL, bit 4 a buffer maximum of 64 + 8 * size byte, bits 5
 * and 6 together: meetings is an object, not an array.
 *
 * Invariants besides "no crash, no leak, no UB":
 *   - bad input fails with invalid-value naming "meetings" or "id" (and passes check_error);
 *     a too-small buffer fails with internal-error; nothing else fails;
 *   - the output is valid UTF-8 without NUL; every line ends with CRLF, no CR or LF stands
 *     alone, no line is longer than 75 octets or empty, each line is valid UTF-8 by itself (a
 *     fold never splits a character or an escape) and a continuation line starts with one space;
 *   - unfolded: every line is NAME[;PARAMS]:VALUE without control characters; BEGIN and END
 *     are balanced: one VCALENDAR holding VEVENTs, none nested;
 *   - one VEVENT per meeting whose start is an existing day, in order, with its UID, DTSTAMP
 *     from now, DTSTART, and a DTEND that is the day after its end (or start), computed here
 *     independently with timegm;
 *   - text values have only the escapes \\ \; \, \n and no bare ';' or ','; unescaped, a
 *     SUMMARY or UID from clean text (valid UTF-8, no control character) is that text.
 *
 *   tools/fuzz.sh ics
 */
#include <stdint.h>
#include <time.h>

#include "fuzz_common.h"
#include "tansiq/ics.h"
#include "tansiq/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW ((time_t)1700000000)
#define NFIELDS 14
#define MAX_MEETINGS 64

static const char *const keys[NFIELDS] = {
	"id", "title_ar", "title_en", "title_fr", "place_ar", "place_en", "place_fr",
	"start", "end", "status", "organ", "outcome_ar", "outcome_en", "outcome_fr",
};

/* What the fuzzer expects of one meeting. */
typedef struct expect {
	int event;              /* start is an existing day */
	char dtstart[16], dtend[16];
	const json_t *title;    /* the title SUMMARY must hold, NULL when none */
	const json_t *id;
} expect;

/* ---- the oracle for dates (timegm, not the writer's arithmetic) -------------------------- */

/* 1 with *t (midnight UTC) when s is "YYYY-MM-DD" naming an existing day. */
static int oracle_date(const json_t *v, time_t *t)
{
	const char *s;
	struct tm tm = {0}, back;
	int y, m, d;

	if (!json_is_string(v) || json_string_length(v) != 10)
		return 0;
	s = json_string_value(v);
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	*t = timegm(&tm);
	if (!gmtime_r(t, &back))
		die("gmtime_r failed for %s", s);
	return back.tm_year == y - 1900 && back.tm_mon == m - 1 && back.tm_mday == d;
}

static void oracle_format(time_t t, char *out, size_t size)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	if (tm.tm_year + 1900 > 9999)
		*out = '\0';
	else
		snprintf(out, size, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- building the input ------------------------------------------------------------------ */

static json_t *value(const uint8_t *p, size_t n, int is_date)
{
	if (n == 1 && p[0] == 0x1D)
		return json_null();
	if (is_date && n == 4 && p[0] == '@') {
		char s[32];
		int y = p[1] < 240 ? 1890 + p[1] : 9984 + (p[1] - 240);
		snprintf(s, sizeof(s), "%04d-%02d-%02d", y, p[2] % 14, p[3] % 33);
		return json_string(s);
	}
	return json_stringn_nocheck((const char *)p, n);
}

static const json_t *pick(const json_t *m, const char *base, int lang)
{
	static const char *const codes[] = {"ar", "en", "fr"};
	const int order[] = {lang < 3 ? lang : 1, 1, 0, 1, 2};
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

/* Valid UTF-8 and no control character (the writer's cleaning changes nothing but escapes). */
static int clean(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return 0;
	return utf8_ok(s, n);
}

/* ---- checking the output ----------------------------------------------------------------- */

/* Unescapes a TEXT value into out (size at least n + 1); dies on a bad escape or a bare ';'
 * or ','. Returns the length. */
static size_t unescape(const char *v, size_t n, char *out, const char *what)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i] == '\\') {
			char c = i + 1 < n ? v[i + 1] : '\0';
			if (c != '\\' && c != ';' && c != ',' && c != 'n')
				die("%s: bad escape \\%c in \"%.*s\"", what, c, (int)n, v);
			out[j++] = c == 'n' ? '\n' : c;
			i++;
		} else if (v[i] == ';' || v[i] == ',') {
			die("%s: bare '%c' in \"%.*s\"", what, v[i], (int)n, v);
		} else {
			out[j++] = v[i];
		}
	}
	out[j] = '\0';
	return j;
}

/* Checks that value v[0..n) of a text property holds src (clean) once unescaped. */
static void same_text(const char *what, const char *v, size_t n, const char *src, size_t srcn, const char *suffix)
{
	char *u = malloc(n + 1);
	size_t len = unescape(v, n, u, what), sl = strlen(suffix);

	if (len != srcn + sl || memcmp(u, src, srcn) || memcmp(u + srcn, suffix, sl))
		die("%s: \"%.*s\" does not unescape to \"%.*s%s\"", what, (int)n, v, (int)srcn, src, suffix);
	free(u);
}

/* Checks the escapes of a TEXT value whose source was not clean. */
static void check_text(const char *what, const char *v, size_t n)
{
	char *u = malloc(n + 1);

	unescape(v, n, u, what);
	free(u);
}

static void check_output(const char *s, size_t n, const expect *ex, int nmeetings, const char *calname)
{
	char *u = malloc(n + 1), *line, *next;
	size_t at = 0, j = 0;
	int depth = 0, events = 0, m = -1, seen_start = 0, seen_end = 0, seen_uid = 0, seen_stamp = 0;
	int seen_summary = 0;
	char stamp[32];
	struct tm tm;
	time_t now = NOW;

	if (!u)
		die("out of memory");
	if (memchr(s, '\0', n))
		die("a NUL in the output");
	if (!utf8_ok(s, n))
		die("the output is not valid UTF-8");
	if (n < 2 || memcmp(s + n - 2, "\r\n", 2))
		die("the output does not end with CRLF");

	/* physical lines, and the unfolded text (LF-separated) */
	while (at < n) {
		const char *eol = memchr(s + at, '\r', n - at);
		size_t len;
		if (!eol || eol + 1 >= s + n || eol[1] != '\n')
			die("a CR without LF at %zu", eol ? (size_t)(eol - s) : n);
		len = (size_t)(eol - (s + at));
		if (memchr(s + at, '\n', len))
			die("a bare LF in the line at %zu", at);
		if (len > 75)
			die("a line of %zu octets at %zu", len, at);
		if (len == 0)
			die("an empty line at %zu", at);
		if (!utf8_ok(s + at, len))
			die("the line at %zu is not valid UTF-8 by itself (a fold splits a character)", at);
		if (s[at] == ' ' || s[at] == '\t') {
			if (at == 0)
				die("the first line is a continuation");
			if (len < 2)
				die("a continuation line with nothing after its space at %zu", at);
			j--; /* the LF of the previous line */
			{
				/* backslashes are only escapes: an odd run before the fold splits one */
				size_t b = 0;
				while (b < j && u[j - 1 - b] == '\\')
					b++;
				if (b % 2)
					die("a fold splits an escape at %zu", at);
			}
			memcpy(u + j, s + at + 1, len - 1);
			j += len - 1;
		} else {
			memcpy(u + j, s + at, len);
			j += len;
		}
		u[j++] = '\n';
		at += len + 2;
	}
	u[j] = '\0';

	gmtime_r(&now, &tm);
	snprintf(stamp, sizeof(stamp), "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec);

	for (line = u; *line; line = next) {
		char *eol = strchr(line, '\n'), *colon, *name_end, *v;
		size_t vn;

		*eol = '\0';
		next = eol + 1;
		for (char *p = line; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7F)
				die("a control character 0x%02x in \"%s\"", (unsigned char)*p, line);
		name_end = line + strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-");
		colon = strchr(line, ':');
		if (name_end == line || !colon || (*name_end != ':' && *name_end != ';'))
			die("not NAME[;PARAMS]:VALUE: \"%s\"", line);
		v = colon + 1;
		vn = strlen(v);
		if (!strcmp(line, "BEGIN:VCALENDAR")) {
			if (line != u || depth != 0)
				die("BEGIN:VCALENDAR not first");
			depth = 1;
		} else if (!strcmp(line, "END:VCALENDAR")) {
			if (depth != 1 || *next)
				die("END:VCALENDAR not last or not closing the calendar");
			depth = 0;
		} else if (!strcmp(line, "BEGIN:VEVENT")) {
			if (depth != 1)
				die("BEGIN:VEVENT at depth %d", depth);
			depth = 2;
			events++;
			/* the next meeting that is an event */
			for (m++; m < nmeetings && !ex[m].event; m++)
				;
			if (m >= nmeetings)
				die("more events than meetings with a day");
			seen_start = seen_end = seen_uid = seen_stamp = seen_summary = 0;
		} else if (!strcmp(line, "END:VEVENT")) {
			if (depth != 2)
				die("END:VEVENT at depth %d", depth);
			depth = 1;
			if (!seen_start || !seen_uid || !seen_stamp)
				die("event %d lacks DTSTART, UID or DTSTAMP", events);
			if (!seen_end && ex[m].dtend[0])
				die("event %d lacks DTEND (expected %s)", events, ex[m].dtend);
			if (!seen_summary && ex[m].title)
				die("event %d lacks its SUMMARY", events);
		} else if (!strncmp(line, "BEGIN", 5) || !strncmp(line, "END", 3)) {
			die("unexpected \"%s\"", line);
		} else if (depth == 0) {
			die("\"%s\" outside the calendar", line);
		} else if (depth == 2) {
			if (!strncmp(line, "DTSTART;VALUE=DATE:", 19)) {
				if (strcmp(v, ex[m].dtstart))
					die("event %d: DTSTART %s, expected %s", events, v, ex[m].dtstart);
				seen_start++;
			} else if (!strncmp(line, "DTEND;VALUE=DATE:", 17)) {
				if (strcmp(v, ex[m].dtend))
					die("event %d: DTEND %s, expected %s", events, v, ex[m].dtend);
				seen_end++;
			} else if (!strncmp(line, "DTSTAMP:", 8)) {
				if (strcmp(v, stamp))
					die("DTSTAMP %s, expected %s", v, stamp);
				seen_stamp++;
			} else if (!strncmp(line, "UID:", 4)) {
				const char *id = json_string_value(ex[m].id);
				size_t idn = json_string_length(ex[m].id);
				if (clean(id, idn))
					same_text("UID", v, vn, id, idn, "@tansiq");
				else
					check_text("UID", v, vn);
				if (vn < 7 || strcmp(v + vn - 7, "@tansiq"))
					die("UID %s does not end with @tansiq", v);
				seen_uid++;
			} else if (!strncmp(line, "SUMMARY:", 8)) {
				const json_t *t = ex[m].title;
				if (!t)
					die("event %d: a SUMMARY without a title", events);
				if (clean(json_string_value(t), json_string_length(t)))
					same_text("SUMMARY", v, vn, json_string_value(t), json_string_length(t), "");
				seen_summary++;
			} else if (!strncmp(line, "LOCATION:", 9) || !strncmp(line, "DESCRIPTION:", 12) ||
				   !strncmp(line, "CATEGORIES:", 11)) {
				check_text(line, v, vn);
			} else if (!strncmp(line, "STATUS:", 7)) {
				if (strcmp(v, "TENTATIVE") && strcmp(v, "CONFIRMED") && strcmp(v, "CANCELLED"))
					die("STATUS:%s", v);
			} else if (!strncmp(line, "URL:", 4)) {
				for (const char *p = v; *p; p++)
					if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7F || strchr("\"<>\\^`{|}", *p))
						die("URL with a byte 0x%02x: %s", (unsigned char)*p, v);
				if (!strstr(v, "/meetings/"))
					die("URL without /meetings/: %s", v);
			} else {
				die("unexpected property in an event: \"%s\"", line);
			}
			if (seen_start > 1 || seen_end > 1 || seen_uid > 1 || seen_stamp > 1 || seen_summary > 1)
				die("event %d: a property twice", events);
		} else if (!strncmp(line, "X-WR-CALNAME:", 13)) {
			if (!calname)
				die("X-WR-CALNAME without a name");
			if (clean(calname, strlen(calname)))
				same_text("X-WR-CALNAME", v, vn, calname, strlen(calname), "");
			else
				check_text("X-WR-CALNAME", v, vn);
		}
		*eol = '\n';
	}
	if (depth != 0)
		die("BEGIN and END unbalanced (depth %d at the end)", depth);
	for (m++; m < nmeetings; m++)
		if (ex[m].event)
			die("meeting %d has a day but no event", m);
	free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *meetings, *root;
	expect ex[MAX_MEETINGS];
	int nmeetings = 0, lang, bad_id = 0, not_array;
	char *calname = NULL, *base_url = NULL;
	const uint8_t *p, *end;
	ts_buf out = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;
	int rc, group = 0, field = 0;
	json_t *cur = NULL;

	if (size < 2)
		return 0;
	lang = data[0] & 3;
	not_array = (data[0] & 0x60) == 0x60;
	if (data[0] & 0x10)
		out.max = 64 + 8 * (size_t)data[1];
	meetings = json_array();
	memset(ex, 0, sizeof(ex));

	/* split the rest into groups (0x1E) of fields (0x1F) */
	p = data + 2;
	end = data + size;
	while (p <= end) {
		const uint8_t *q = p;
		size_t n;
		while (q < end && *q != 0x1E && *q != 0x1F)
			q++;
		n = (size_t)(q - p);
		if (group == 0) {
			char *s = malloc(n + 1);
			memcpy(s, p, n);
			s[n] = '\0';
			if (field == 0 && !calname)
				calname = s;
			else if (field == 1 && !base_url)
				base_url = s;
			else
				free(s);
		} else if (cur && field < NFIELDS) {
			if (n > 0)
				json_object_set_new_nocheck(cur, keys[field], value(p, n, field == 7 || field == 8));
		}
		field++;
		if (q < end && *q == 0x1E) {
			if (nmeetings >= MAX_MEETINGS)
				break;
			cur = json_object();
			json_array_append_new(meetings, cur);
			nmeetings++;
			group++;
			field = 0;
		}
		p = q + 1;
	}

	/* ids, and what each meeting should give */
	for (int i = 0; i < nmeetings; i++) {
		json_t *m = json_array_get(meetings, (size_t)i);
		json_t *id = json_object_get(m, "id");
		time_t t0, t1;
		if (!id) {
			char gen[16];
			snprintf(gen, sizeof(gen), "m%d", i);
			json_object_set_new(m, "id", json_string(gen));
		} else if (!json_is_string(id) || json_string_length(id) == 0) {
			bad_id = 1;
		}
		ex[i].id = json_object_get(m, "id");
		ex[i].title = pick(m, "title", lang);
		if (oracle_date(json_object_get(m, "start"), &t0)) {
			ex[i].event = 1;
			oracle_format(t0, ex[i].dtstart, sizeof(ex[i].dtstart));
			if (!oracle_date(json_object_get(m, "end"), &t1) || t1 < t0)
				t1 = t0;
			oracle_format(t1 + 86400, ex[i].dtend, sizeof(ex[i].dtend));
		}
	}

	root = meetings;
	if (not_array) {
		root = json_object();
		json_object_set(root, "meetings", meetings);
	}
	rc = ts_ics_write(&out, root, (ts_lang)lang, data[0] & 4 ? NULL : calname, data[0] & 8 ? NULL : base_url, NOW,
			  &err);
	if (not_array || bad_id) {
		if (rc != -1)
			die("bad input accepted (not_array %d, bad id %d)", not_array, bad_id);
		check_error(&err, "ts_ics_write");
		if (err.code != TS_INVALID_VALUE || strcmp(err.field, not_array ? "meetings" : "id"))
			die("bad input: %s naming '%s', expected invalid-value naming '%s'", ts_code_name(err.code),
			    err.field, not_array ? "meetings" : "id");
	} else if (rc) {
		if (!out.max)
			die("failed without a buffer limit: %s (%s)", ts_code_name(err.code), err.detail);
		if (err.code != TS_INTERNAL || err.nitems != 1)
			die("a full buffer gave %s, expected internal-error", ts_code_name(err.code));
	} else {
		if (err.code != TS_OK || err.nitems)
			die("succeeded with an error recorded");
		if (out.max && out.len > out.max)
			die("the output passes the buffer's maximum");
		check_output(ts_buf_str(&out), out.len, ex, nmeetings, data[0] & 4 ? NULL : calname);
	}

	ts_buf_free(&out);
	if (root != meetings)
		json_decref(root);
	json_decref(meetings);
	free(calname);
	free(base_url);
	return 0;
}
