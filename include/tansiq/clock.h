/* Times as the project writes them: UTC, ISO 8601, to the second. */
#ifndef TANSIQ_CLOCK_H
#define TANSIQ_CLOCK_H

#include <stddef.h>
#include <time.h>

#define TS_UTC_SIZE 32

/* Writes t as "2026-11-23T00:24:55Z", or with date_only its day "2026-11-23", into out (at least
 * TS_UTC_SIZE bytes is always enough). */
void ts_utc(time_t t, int date_only, char *out, size_t size);

#endif
