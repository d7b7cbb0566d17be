/* CLI commands of conflict monitoring (forecast): being built. */
#include "cli/cli.h"

int cmd_forecast_placeholder(void);
int cmd_forecast_placeholder(void) { return 0; }
