/* UTC times as text (clock.h). */
#include "tansiq/clock.h"

void ts_utc(time_t t, int date_only, char *out, size_t size)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, size, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm))
		out[0] = '\0';
}
