/* Statistics and common threads of conflicts (conflicts.h): being built. */
#include "tansiq/conflicts.h"

int ts_stats_conflicts(ts_store *st, int year, json_t **out, ts_error *err)
{
	(void)st;
	(void)year;
	*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "not built yet");
}

int ts_stats_states(ts_store *st, const char *from, const char *to, json_t **out, ts_error *err)
{
	(void)st;
	(void)from;
	(void)to;
	*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "not built yet");
}

int ts_threads(ts_store *st, int from, int to, json_t **out, ts_error *err)
{
	(void)st;
	(void)from;
	(void)to;
	*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "not built yet");
}
