/* The OpenAPI 3.1 document of the HTTP API, generated from the entity descriptions. */
#ifndef TANSIQ_OPENAPI_H
#define TANSIQ_OPENAPI_H

#include <jansson.h>
#include "tansiq/schema.h"

/* Builds the document for a schema; the caller owns the result. */
json_t *ts_openapi_document(const ts_schema *s, const char *version);

#endif
