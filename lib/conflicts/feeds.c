/* Importers of conflict event data (feeds.h): being built. */
#include "tansiq/conflicts.h"

int ts_feeds_placeholder(void);
int ts_feeds_placeholder(void) { return 0; }
