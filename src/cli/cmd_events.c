/* CLI commands of conflict monitoring (events): being built. */
#include "cli/cli.h"

int cmd_events_placeholder(void);
int cmd_events_placeholder(void) { return 0; }
