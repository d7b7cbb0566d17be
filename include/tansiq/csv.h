/* RFC 4180 CSV: a reader that reports line numbers, and a writer. */
#ifndef TANSIQ_CSV_H
#define TANSIQ_CSV_H

#include <stddef.h>
#include "tansiq/buf.h"
#include "tansiq/error.h"

#define TS_CSV_MAX_CELLS 256

/* A reader over a buffer the caller keeps alive. */
typedef struct ts_csv {
	const char *p, *end;
	long line;          /* line on which the last record started (1-based) */
	long next_line;
	ts_buf cells;       /* the cells of the last record, each NUL-terminated */
	size_t off[TS_CSV_MAX_CELLS];
	int ncells;
} ts_csv;

/* Starts reading data[0..len). A UTF-8 byte order mark is skipped. */
void ts_csv_init(ts_csv *r, const char *data, size_t len);
/* Reads the next record. Returns 1 with a record, 0 at the end, -1 on malformed input
 * (err says the line and the fault). Blank lines are skipped. */
int ts_csv_next(ts_csv *r, ts_error *err);
/* Cell i of the last record (0 <= i < r->ncells). */
const char *ts_csv_cell(const ts_csv *r, int i);
void ts_csv_free(ts_csv *r);

/* Appends one cell to out, quoted when it must be; then ',' unless last, else "\r\n". */
int ts_csv_write_cell(ts_buf *out, const char *s, int last);

#endif
