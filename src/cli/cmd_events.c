/* tansiq import acled|ucdp-ged|ucdp-acd FILE: a dataset's file through the importers (feeds.h),
 * reached from the import command (cmd_records.c) when its collection names a dataset. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tansiq/feeds.h"

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The progress bar on a terminal: percent and events a second, redrawn ten times a second. */
struct progress {
	double start, last;
	int shown;
};

static void on_progress(void *ctx, long long bytes, long long total, long events)
{
	struct progress *p = ctx;
	double t = now_s(), rate = t > p->start ? (double)events / (t - p->start) : 0;
	char bar[31];
	int pct = total > 0 ? (int)(bytes * 100 / total) : -1, fill;

	if (t - p->last < 0.1 && (total <= 0 || bytes < total))
		return;
	p->last = t;
	p->shown = 1;
	fill = pct < 0 ? 0 : pct * 30 / 100;
	memset(bar, '#', (size_t)fill);
	memset(bar + fill, '.', (size_t)(30 - fill));
	bar[30] = '\0';
	if (pct >= 0)
		fprintf(stderr, "\r[%s] %3d%%  %ld events  %.0f events/s ", bar, pct, events, rate);
	else
		fprintf(stderr, "\r%lld bytes  %ld events  %.0f events/s ", bytes, events, rate);
	fflush(stderr);
}

/* Rejected rows: to --rejects as CSV (line,field,value,reason), else the first ones to stderr. */
struct rejects {
	FILE *out;
	long n;
	int failed;
};

static void on_reject(void *ctx, long line, const char *field, const char *value, const char *reason)
{
	struct rejects *r = ctx;

	r->n++;
	if (r->out) {
		ts_buf b = TS_BUF_INIT;
		char num[24];
		snprintf(num, sizeof(num), "%ld", line);
		if (ts_csv_write_cell(&b, num, 0) || ts_csv_write_cell(&b, field, 0) || ts_csv_write_cell(&b, value, 0) ||
		    ts_csv_write_cell(&b, reason, 1) || fwrite(b.data, 1, b.len, r->out) != b.len)
			r->failed = 1;
		ts_buf_free(&b);
	} else if (r->n <= 20) {
		fprintf(stderr, "rejected: line %ld: %s: %s (value '%.60s')\n", line, *field ? field : "row", reason, value);
	} else if (r->n == 21) {
		fprintf(stderr, "rejected: more rows; write them all with --rejects FILE\n");
	}
}

int cmd_import_feed(args *a)
{
	ts_feed_kind kind;
	const char *path = a->pos[1], *rejects_path = arg_get(a, "rejects", NULL);
	ts_feed_opts o = TS_FEED_OPTS_INIT;
	ts_feed_stats s;
	ts_feed_reader r;
	ts_error err = TS_ERROR_INIT;
	struct progress pg = {0, 0, 0};
	struct rejects rj = {NULL, 0, 0};
	ts_store *st = NULL;
	FILE *in;
	int json, rc;
	double t0;

	if (ts_feed_parse(a->pos[0], &kind))
		return -1; /* a collection: the generic import */
	if (get_text_or_json(a, &json, &err))
		return report(&err);
	if (!strcmp(path, "-")) {
		in = stdin;
	} else if (!(in = fopen(path, "rb"))) {
		ts_fail(&err, TS_IO, "FILE", "cannot open '%s': %s", path, strerror(errno));
		return report(&err);
	}
	if (rejects_path) {
		if (!(rj.out = fopen(rejects_path, "wb"))) {
			ts_fail(&err, TS_IO, "rejects", "cannot write '%s': %s", rejects_path, strerror(errno));
			rc = report(&err);
			goto done;
		}
		fputs("line,field,value,reason\r\n", rj.out);
	}
	if ((rc = open_store(a, &st, 0)))
		goto done;
	o.skip_invalid = arg_get(a, "skip-invalid", NULL) != NULL;
	o.dry_run = arg_get(a, "dry-run", NULL) != NULL;
	o.file = strcmp(path, "-") ? path : "(standard input)";
	o.reject = on_reject;
	o.reject_ctx = &rj;
	if (isatty(STDERR_FILENO)) {
		o.progress = on_progress;
		o.progress_ctx = &pg;
	}
	ts_feed_reader_file(&r, in);
	t0 = pg.start = now_s();
	if (ts_store_begin(st, &err)) {
		rc = report(&err);
		goto done;
	}
	rc = ts_feed_import(st, kind, &r, &o, &s, &err);
	if (pg.shown)
		fputc('\n', stderr);
	if (rc) {
		ts_store_rollback(st);
		rc = report(&err);
		fprintf(stderr, "%s: nothing was imported\n", path);
		goto done;
	}
	if (o.dry_run)
		ts_store_rollback(st);
	else if (ts_store_commit(st, &err)) {
		rc = report(&err);
		fprintf(stderr, "%s: nothing was imported\n", path);
		goto done;
	}
	if (rj.failed) {
		ts_fail(&err, TS_IO, "rejects", "could not write every rejected row to '%s' (the import itself is done)",
			rejects_path);
		report(&err);
	}
	if (json) {
		json_t *j = json_pack("{s:s, s:s, s:s*, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:f}", "dataset",
				      ts_feed_name(kind), "file", path, "import", s.import_id[0] ? s.import_id : NULL,
				      "format", s.format, "rows", (json_int_t)s.rows, "events", (json_int_t)s.events,
				      "added", (json_int_t)s.added, "updated", (json_int_t)s.updated, "unchanged",
				      (json_int_t)s.unchanged, "merged", (json_int_t)s.merged, "rejected", (json_int_t)s.rejected,
				      "dry_run", o.dry_run, "seconds", now_s() - t0);
		print_json_free(j);
	} else {
		printf("%s%s (%s): %ld rows, %ld %s: %ld added, %ld updated, %ld unchanged; %ld rows merged, %ld rejected\n",
		       o.dry_run ? "dry run, nothing changed: " : "", path, s.format, s.rows, s.events,
		       kind == TS_FEED_UCDP_ACD ? "conflict-years" : "events", s.added, s.updated, s.unchanged, s.merged,
		       s.rejected);
		if (s.import_id[0])
			printf("import %s (tansiq show event-imports %s)\n", s.import_id, s.import_id);
	}
	rc = rj.failed ? EXIT_ERROR : EXIT_OK;
done:
	if (st)
		ts_store_close(st);
	if (in && in != stdin)
		fclose(in);
	if (rj.out)
		fclose(rj.out);
	return rc;
}
