/* Matching candidates of the network to a mediation process (mediation.h). */
#include "tansiq/records.h"
#include "mediation_int.h"

int ts_match(ts_store *st, const char *process, const ts_match_opts *opts, json_t **out, ts_error *err)
{
	(void)st;
	(void)process;
	(void)opts;
	*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "matching is being built");
}

int ts_match_check(ts_store *st, const char *process, const char *mediator, ts_error *err)
{
	(void)st;
	(void)process;
	(void)mediator;
	(void)err;
	return 0;
}
