/* Tansiq's one error model: a stable code, a title and a hint per code (in the three
 * languages, from lib/core/errors.def), and per occurrence a detail sentence naming the field,
 * the row and the value. The CLI prints it, the API returns it as application/problem+json. */
#ifndef TANSIQ_ERROR_H
#define TANSIQ_ERROR_H

#include <stddef.h>

typedef enum ts_code {
#define X(e, name, status, t_ar, t_en, t_fr, h_ar, h_en, h_fr) TS_##e,
#include "tansiq/errors.def"
#undef X
	TS_CODE_COUNT
} ts_code;

/* The languages of the user interface, in the organisation's order. */
typedef enum ts_lang { TS_AR = 0, TS_EN = 1, TS_FR = 2, TS_LANG_COUNT = 3 } ts_lang;

/* The translated details of common problems (messages.def). */
typedef enum ts_msg {
	TS_M_NONE = 0,
#define M(id, en, ar, fr) TS_M_##id,
#include "tansiq/messages.def"
#undef M
	TS_M_COUNT
} ts_msg;

#define TS_ERROR_MAX_ITEMS 16
#define TS_MSG_ARGS 4

/* One problem among several (a form with three bad fields). */
typedef struct ts_error_item {
	ts_code code;
	char field[64];
	char detail[512];          /* in English */
	ts_msg msg;                /* TS_M_NONE: the detail exists in English only */
	char args[TS_MSG_ARGS][96];
	long line;                 /* input line or record number, 0 when none */
	char unit;                 /* 'l' line, 'r' record */
} ts_error_item;

/* The error of one operation. The first problem set is the primary one (code, field, detail);
 * every problem, the first included, is also kept in items[] (up to TS_ERROR_MAX_ITEMS).
 * Zero-initialise (TS_ERROR_INIT) before use. */
typedef struct ts_error {
	ts_code code;
	char field[64];
	long line;           /* line of an input file, 0 when none */
	char detail[512];
	int nitems;
	ts_error_item items[TS_ERROR_MAX_ITEMS];
} ts_error;

#define TS_ERROR_INIT {0}

/* Records a problem. Returns -1 so that callers can write `return ts_fail(...)`. The field may
 * be NULL. The detail is a printf format. */
int ts_fail(ts_error *err, ts_code code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Records a problem whose detail is the catalogued message msg with up to four arguments
 * (NULL for those not used), so that it can be given in each language. Returns -1. */
int ts_failm(ts_error *err, ts_code code, const char *field, ts_msg msg, const char *a1, const char *a2,
	     const char *a3, const char *a4);

/* Says that the problems from item `from` on come from line (unit 'l') or record ('r') number n of
 * an input; the first such is the error's line. The details get a "line n: " prefix. */
void ts_error_at(ts_error *err, int from, char unit, long n);

/* The detail of an item in a language: the catalogued message when there is one, else the
 * English detail. Written to out. */
void ts_error_item_text(const ts_error_item *it, ts_lang lang, char *out, size_t size);

/* Puts a prefix (a printf format: "line 12: ") before the details of the items from index
 * `from` on, and before the primary detail when from is 0, e.g. to say which input line they
 * come from. */
void ts_error_prefix(ts_error *err, int from, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Resets err to "no error". */
void ts_error_clear(ts_error *err);

/* Stable name of a code ("invalid-value"), its HTTP status, and its title and hint in a language. */
const char *ts_code_name(ts_code code);
int ts_code_status(ts_code code);
const char *ts_code_title(ts_code code, ts_lang lang);
const char *ts_code_hint(ts_code code, ts_lang lang);

/* Picks the best language from an Accept-Language header or a code such as "ar"; English when
 * nothing matches or the input is NULL. */
ts_lang ts_lang_from_header(const char *accept_language);
/* "ar", "en" or "fr". */
const char *ts_lang_code(ts_lang lang);

#endif
