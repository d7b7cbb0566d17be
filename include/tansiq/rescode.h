/* Resolution codes, parsed and formatted in this one place. The organisation numbers its
 * resolutions N/SS-CAT: N the resolution's number, SS the session of the Council of Foreign
 * Ministers, CAT the category ("53/45-POL", "1/44-S&T", "1/46-PoA"); a Summit resolution carries
 * "(IS)" and the Summit's session ("45/10-P(IS)"). Arabic texts put the session first and write
 * the category as a letter: "45/53-س". Which categories exist, and their Arabic letters, is data
 * (the resolution-categories collection), not code. */
#ifndef TANSIQ_RESCODE_H
#define TANSIQ_RESCODE_H

#include <stddef.h>
#include "tansiq/error.h"

#define TS_RESCODE_MAX 64

typedef struct ts_rescode {
	int number;        /* N, 1 to 9999 */
	int session;       /* SS, 1 to 999: the CFM's session, or the Summit's with summit set */
	char category[32]; /* as written: "POL", "S&T", "PoA", or Arabic letters such as "س" */
	int summit;        /* "(IS)": a resolution of the Islamic Summit */
	int arabic;        /* written in the Arabic order (session first, Arabic category) */
} ts_rescode;

/* Parses a code. Accepts spaces around '/' and '-', an en dash for the hyphen, Arabic-Indic
 * digits, and either order: Latin categories mean N/SS, Arabic ones SS/N. On a malformed code
 * fails with TS_INVALID_VALUE on `field`, saying what is wrong and giving an example. */
int ts_rescode_parse(const char *text, ts_rescode *out, const char *field, ts_error *err);

/* Writes a code with the given category text: the Latin form "N/SS-CAT" or, with arabic set,
 * "SS/N-CAT" (the caller passes the Arabic letter as category). "(IS)" follows the category of a
 * Summit resolution. Returns 0, or -1 when out is too small. */
int ts_rescode_format(const ts_rescode *c, const char *category, int arabic, char *out, size_t size);

/* A record id from a code: lowercase ASCII, digits and hyphens ("53/45-POL" -> "53-45-pol",
 * "45/10-P(IS)" -> "45-10-p-is", "1/44-S&T" -> "1-44-s-t"). Returns 0, or -1 when out is too small. */
int ts_rescode_slug(const ts_rescode *c, const char *category, char *out, size_t size);

#endif
