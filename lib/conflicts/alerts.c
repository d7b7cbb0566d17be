/* Alerts (conflicts.h): being built. */
#include "tansiq/conflicts.h"

static int todo(json_t **out, ts_error *err)
{
	if (out)
		*out = NULL;
	return ts_fail(err, TS_INTERNAL, NULL, "alerts are not built yet");
}

int ts_alerts_evaluate(ts_store *st, json_t **out, ts_error *err) { (void)st; return todo(out, err); }
int ts_alert_raise(ts_store *st, const json_t *input, json_t **out, ts_error *err) { (void)st; (void)input; return todo(out, err); }
int ts_alert_acknowledge(ts_store *st, const char *id, json_t **out, ts_error *err) { (void)st; (void)id; return todo(out, err); }
int ts_alert_respond(ts_store *st, const char *id, const json_t *input, json_t **out, ts_error *err) { (void)st; (void)id; (void)input; return todo(out, err); }
int ts_alert_close(ts_store *st, const char *id, json_t **out, ts_error *err) { (void)st; (void)id; return todo(out, err); }
int ts_alerts_atom(ts_store *st, ts_lang lang, const char *base, ts_buf *out, ts_error *err) { (void)st; (void)lang; (void)base; (void)out; return todo(NULL, err); }
