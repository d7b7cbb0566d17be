/* CLI commands of conflict monitoring (alerts): being built. */
#include "cli/cli.h"

int cmd_alerts_placeholder(void);
int cmd_alerts_placeholder(void) { return 0; }
