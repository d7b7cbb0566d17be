/* Statistics, common threads and alerts: addresses (being built). */
#include "server/api_int.h"
#include "tansiq/conflicts.h"

#define TODO(name) int name(request *rq, response *rs, ts_error *err) { (void)rq; (void)rs; return ts_fail(err, TS_NOT_FOUND, NULL, "not built yet"); }
TODO(h_stats_conflicts)
TODO(h_stats_states)
TODO(h_threads)
TODO(h_alerts)
TODO(h_alerts_run)
TODO(h_alert_step)
TODO(h_alerts_atom)
