/* Tansiq's library: the model, the rules and the storage of the organisation's information
 * system. The command-line tool and the HTTP server use only what these headers declare. */
#ifndef TANSIQ_H
#define TANSIQ_H

#define TANSIQ_VERSION "0.1.0"

#include "tansiq/error.h"
#include "tansiq/buf.h"
#include "tansiq/clock.h"
#include "tansiq/csv.h"
#include "tansiq/http_parse.h"
#include "tansiq/schema.h"
#include "tansiq/store.h"
#include "tansiq/records.h"
#include "tansiq/registry.h"
#include "tansiq/access.h"
#include "tansiq/auth.h"
#include "tansiq/audit.h"
#include "tansiq/openapi.h"
#include "tansiq/meetings.h"
#include "tansiq/rescode.h"
#include "tansiq/votes.h"
#include "tansiq/ics.h"
#include "tansiq/implementation.h"
#include "tansiq/conflicts.h"
#include "tansiq/mediation.h"
#include "tansiq/search.h"

#endif
