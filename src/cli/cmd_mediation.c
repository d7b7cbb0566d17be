/* tansiq mediator and tansiq process: the network of mediators and the mediation processes
 * (mediation.h). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tansiq/mediation.h"

int cmd_mediator(args *a)
{
	ts_error err = TS_ERROR_INIT;

	(void)a;
	ts_fail(&err, TS_USAGE, "COMMAND", "tansiq mediator is being built");
	return report(&err);
}

int cmd_process(args *a)
{
	ts_error err = TS_ERROR_INIT;

	(void)a;
	ts_fail(&err, TS_USAGE, "COMMAND", "tansiq process is being built");
	return report(&err);
}
