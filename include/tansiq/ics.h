/* The meetings as an iCalendar feed (RFC 5545), for calendar applications to subscribe to. A
 * pure function: the caller reads the meetings (with the access rules of its viewer) and passes
 * them as JSON; nothing here touches the store. */
#ifndef TANSIQ_ICS_H
#define TANSIQ_ICS_H

#include <time.h>
#include <jansson.h>
#include "tansiq/buf.h"
#include "tansiq/error.h"

/* Appends to out a VCALENDAR (VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH, X-WR-CALNAME
 * from calname unless NULL) with one all-day VEVENT per meeting of the JSON array `meetings`,
 * in the array's order.
 *
 * A meeting is an object with a string `id` and, each optional (missing or null): title_ar,
 * title_en, title_fr, place_ar, place_en, place_fr, outcome_ar, outcome_en, outcome_fr, start,
 * end (partial dates "YYYY", "YYYY-MM" or "YYYY-MM-DD"), status ("planned", "in_session",
 * "held", "cancelled") and organ (an id such as "cfm"). Other keys are ignored. A value of the
 * wrong type counts as missing.
 *
 * Only a meeting whose start is a full date (an existing day, "YYYY-MM-DD") becomes an event: a
 * calendar entry needs a day, so a meeting known only by its year or month is left out. Its
 * event has
 *   UID          <id>@tansiq
 *   DTSTAMP      now, in UTC
 *   DTSTART      ;VALUE=DATE:<start>
 *   DTEND        ;VALUE=DATE: the day after end (the end is exclusive), or the day after start
 *                when end is not a full date or comes before start; left out in the one case
 *                where that day does not fit in four digits (after 9999-12-31), which RFC 5545
 *                reads as a one-day event
 *   SUMMARY      the title, LOCATION the place, DESCRIPTION the outcome: each in lang, else in
 *                English, else in the first language present (ar, en, fr); left out when none
 *   STATUS       TENTATIVE (planned), CONFIRMED (in_session, held), CANCELLED (cancelled)
 *   CATEGORIES   the organ, uppercased (ASCII letters)
 *   URL          <base_url>/meetings/<id> when base_url is not NULL (a trailing '/' of base_url
 *                is not doubled; bytes of the id that are not URL-safe are percent-encoded), or
 *                <base_url>/<path> when the object has a string `path` (an event that is not a
 *                meeting: a mandate's deadline)
 *
 * Text values are escaped as RFC 5545 3.3.11 says ('\\', ';', ',' take a backslash; a line break,
 * CRLF, LF or CR, becomes "\n"); a tab becomes a space, other control characters (NUL
 * included) are dropped, and bytes that are not valid UTF-8 become U+FFFD, so that the output
 * is always valid UTF-8. Every line ends with CRLF and is folded (RFC 5545 3.1) so that none is
 * longer than 75 octets, the CRLF aside; a fold never falls inside a UTF-8 character.
 *
 * Returns 0, or -1 with err set: TS_INVALID_VALUE naming "meetings" when it is not an array,
 * or "id" when an element is not an object or has no non-empty string id; TS_INTERNAL when out
 * would pass its maximum size or memory runs out. On failure, what was appended to out is
 * unspecified (the caller resets or frees it); nothing leaks. TS_INTERNAL naming "now" too when
 * now is not a time of the years 0 to 9999. */
int ts_ics_write(ts_buf *out, const json_t *meetings, ts_lang lang, const char *calname, const char *base_url,
		 time_t now, ts_error *err);

/* The calendar's name in a language ("OIC meetings"). */
const char *ts_ics_name(ts_lang lang);

struct ts_store;
/* The calendar of the meetings the store's viewer may read (access.h): the newest thousand, only
 * those of `organ` when it is not NULL, titled in lang. Fails like a list with such a filter. */
int ts_ics_meetings(struct ts_store *st, ts_lang lang, const char *organ, ts_buf *out, ts_error *err);

#endif
