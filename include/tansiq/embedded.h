/* Files embedded in the binary at build time (tools/embed.c writes the tables). */
#ifndef TANSIQ_EMBEDDED_H
#define TANSIQ_EMBEDDED_H

#include <stddef.h>

typedef struct ts_embedded {
	const char *path;           /* relative path, e.g. "states.csv", "app.js" */
	const unsigned char *data;  /* the bytes, followed by a NUL not counted in len */
	size_t len;
} ts_embedded;

/* The organisation's default data set: the CSV files of data/. Terminated by a {NULL} entry. */
extern const ts_embedded ts_default_data[];
/* Finds an embedded file by path in a table; NULL when absent. */
const ts_embedded *ts_embedded_find(const ts_embedded *table, const char *path);

#endif
