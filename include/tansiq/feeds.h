/* Importers of conflict event data: ACLED exports, the UCDP Georeferenced Event Dataset (GED) and
 * the UCDP/PRIO Armed Conflict Dataset (ACD). A file is read through a reader callback in chunks,
 * never held whole in memory, and written in the caller's transaction: the importer adds one
 * event-imports record and one audit entry for the whole file, the events themselves in bulk (not
 * through the generic record layer, whose per-record checks and audit would cost a hundred times
 * more), and keeps the country-month and admin1-month aggregates in step (conflicts.h).
 *
 * All or nothing: the first bad row (or bad header) fails the import with err naming its line,
 * field and value, and the caller rolls back. With skip_invalid the valid rows go in and each bad
 * row goes to the rejects sink. Importing the same file twice changes nothing; a file that carries
 * new values for events already stored (ACLED revises fatalities) updates them.
 * docs/internals/events.md describes the mapping of each dataset. */
#ifndef TANSIQ_FEEDS_H
#define TANSIQ_FEEDS_H

#include <stddef.h>
#include <stdio.h>
#include "tansiq/error.h"
#include "tansiq/store.h"

typedef enum ts_feed_kind {
	TS_FEED_ACLED = 0, /* ACLED export: 31 columns since 2023, older variants; dyadic or monadic */
	TS_FEED_UCDP_GED,  /* UCDP GED CSV: one event a row */
	TS_FEED_UCDP_ACD,  /* UCDP/PRIO ACD: conflict-years, written as conflicts and conflict-years */
	TS_FEED_COUNT
} ts_feed_kind;

/* The name of a dataset as the CLI and the API write it: "acled", "ucdp-ged", "ucdp-acd". */
const char *ts_feed_name(ts_feed_kind kind);
/* The dataset of a name; -1 when it names none. */
int ts_feed_parse(const char *name, ts_feed_kind *out);

/* Where the bytes come from. read() fills buf with up to size bytes and returns how many (0 at
 * the end, -1 on a read error, with err set). total is the size when known (for the progress),
 * else -1. */
typedef struct ts_feed_reader {
	long (*read)(void *ctx, char *buf, size_t size, ts_error *err);
	void *ctx;
	long long total;
} ts_feed_reader;

/* A reader over bytes in memory (an API request's body); mem is the reader's state, kept alive by
 * the caller while the reader is used. */
typedef struct ts_feed_mem {
	const char *data;
	size_t len, pos;
} ts_feed_mem;
void ts_feed_reader_mem(ts_feed_reader *r, ts_feed_mem *mem, const char *data, size_t len);
/* A reader over an open file (total from fstat when it is a regular file). */
void ts_feed_reader_file(ts_feed_reader *r, FILE *f);

/* Receives each row refused with skip_invalid: its line (where the row starts), the field (the
 * column's name in the file, or "" for the row as a whole), the value and the reason. */
typedef void (*ts_feed_reject_fn)(void *ctx, long line, const char *field, const char *value, const char *reason);
/* Called every 64 KiB or so with the bytes read so far, the total (-1 when unknown) and the events
 * seen so far. */
typedef void (*ts_feed_progress_fn)(void *ctx, long long bytes, long long total, long events);

typedef struct ts_feed_opts {
	int skip_invalid;  /* put in the valid rows, send the bad ones to reject() */
	int dry_run;       /* read, check and count, write nothing (no import record, no audit) */
	const char *file;  /* the file's name, for the import record */
	ts_feed_reject_fn reject;
	void *reject_ctx;
	ts_feed_progress_fn progress;
	void *progress_ctx;
} ts_feed_opts;
#define TS_FEED_OPTS_INIT {0, 0, NULL, NULL, NULL, NULL, NULL}

/* The outcome. For ACD, events counts conflict-years and added/updated/unchanged count the
 * conflicts and conflict-years written. */
typedef struct ts_feed_stats {
	long rows;       /* data rows read (not the header) */
	long events;     /* distinct events (or conflict-years) in the file, rejected ones excluded */
	long added, updated, unchanged;
	long merged;     /* rows merged into another row's event (ACLED monadic exports) */
	long rejected;   /* rows refused (skip_invalid) */
	char import_id[24]; /* the event-imports record ("" on a dry run) */
	char format[64];    /* what the header said: "acled, 31 columns, dyadic" */
} ts_feed_stats;

/* Imports one file of dataset `kind` in the caller's transaction (which the caller opened and
 * commits, or rolls back on failure). o may be NULL (all defaults). Returns 0 with s filled, or -1
 * with err set: a bad row names its line (err->line), field and value; TS_IO when the reader
 * fails. Whoever imports must be allowed to write events (the store's viewer, access.h). */
int ts_feed_import(ts_store *st, ts_feed_kind kind, ts_feed_reader *r, const ts_feed_opts *o, ts_feed_stats *s,
		   ts_error *err);

#endif
