/* What the importers share (private to lib/conflicts): the streaming CSV scanner, the header's
 * columns, the lookups of countries, rejects and the import record. */
#ifndef TANSIQ_FEEDS_INT_H
#define TANSIQ_FEEDS_INT_H

#include <stddef.h>
#include "tansiq/feeds.h"

#define SCAN_MAX_CELLS 128
#define SCAN_MAX_RECORD ((size_t)16 << 20)

/* A CSV scanner over a reader: records are found in a window of the input and their cells cut in
 * place (quotes undone, each cell NUL-terminated), so that a cell costs no copy. */
typedef struct scanner {
	ts_feed_reader *r;
	char *buf;
	size_t cap, start, len; /* unread input: buf[start..len) */
	int eof;
	long line, next_line;   /* the line the last record started on; the next one's */
	long long consumed;     /* bytes of input before buf[start] */
	char *cell[SCAN_MAX_CELLS];
	size_t cell_len[SCAN_MAX_CELLS];
	int ncells;
} scanner;

int scan_init(scanner *sc, ts_feed_reader *r, ts_error *err);
/* 1 with a record, 0 at the end, -1 on malformed input or a read error. Blank lines are skipped. */
int scan_next(scanner *sc, ts_error *err);
void scan_free(scanner *sc);
/* Cell i of the last record, "" when the record is shorter. */
static inline const char *scan_cell(const scanner *sc, int i)
{
	return i >= 0 && i < sc->ncells ? sc->cell[i] : "";
}
/* Bytes read so far. */
static inline long long scan_bytes(const scanner *sc) { return sc->consumed + (long long)sc->start; }

/* Reads the header, the file's first record: col[i] is the column of names[i], -1 when the header
 * lacks it. Fails on an empty file, and (on line 1) when a column of required[0..nreq) is missing:
 * "the header has no column 'x', which <files> files have; is this <what>?". */
int header_read(scanner *sc, const char *const *names, int n, const int *required, int nreq, int *col,
		const char *files, const char *what, ts_error *err);

/* The countries: by ISO alpha-3, ISO numeric, Gleditsch-Ward code and English name. */
typedef struct country_index {
	int n;
	char (*iso3)[4];
	char **name;       /* lower-case English names, and ACLED's spellings */
	short by_num[1000]; /* ISO numeric -> index + 1 */
	short by_gw[1000];  /* GW code -> index + 1 */
} country_index;
int countries_load(ts_store *st, country_index *ci, ts_error *err);
void countries_free(country_index *ci);
/* The ISO alpha-3 code of a country given by its code or English name; NULL when unknown. */
const char *country_by_iso3(const country_index *ci, const char *s);
const char *country_by_name(const country_index *ci, const char *s);
const char *country_by_num(const country_index *ci, long num);
const char *country_by_gw(const country_index *ci, long gw);

/* The import record: created first (events refer to it), completed with the counts at the end,
 * with one audit entry. */
int import_record_begin(ts_store *st, const char *dataset, const ts_feed_opts *o, ts_feed_stats *s, ts_error *err);
int import_record_end(ts_store *st, const char *dataset, const ts_feed_opts *o, ts_feed_stats *s, ts_error *err);

/* Reports a refused row: with skip_invalid to the sink (counted), else as err (returns -1). */
int feed_reject(const ts_feed_opts *o, ts_feed_stats *s, long line, const char *field, const char *value,
		ts_error *err, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Integer and date parsing shared by the importers: 0 or -1. */
int parse_long(const char *s, long min, long max, long *out);
int parse_double(const char *s, double min, double max, double *out);

/* The value of the dataset field of events and imports: "acled", "ucdp_ged", "ucdp_acd". */
const char *feed_dataset(ts_feed_kind kind);

/* UCDP/PRIO ACD (acd.c). */
int acd_import(ts_store *st, scanner *sc, const ts_feed_opts *o, ts_feed_stats *s, ts_error *err);

#endif
