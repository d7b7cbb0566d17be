/* Times the implementation views in the library, without HTTP: where bench/gap.sh's API figures
 * spend their time. Built and run by bench/gap.sh (TIMING=1), or by hand:
 *
 *   cc -O2 -Iinclude bench/gap-time.c build/libtansiq.a -o build/gap-time \
 *      $(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd) -lstemmer -lpthread
 *   build/gap-time DATA_DIR RESOLUTION [RUNS]
 *
 * As the anonymous reader, on today: the first call builds the index (the cold cost), then RUNS
 * calls each of ts_gap by addressee, organ, category and year and ts_resolution_progress, each
 * with its JSON serialised as the API sends it. Prints, for each, the median and the slowest of
 * the wall-clock and the thread's CPU time in milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timing.h"

#include "tansiq/implementation.h"
#include "tansiq/store.h"

/* One call: 0, or -1 with the error printed. */
static int call(ts_store *st, const char *by, const char *res)
{
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;
	char *body;
	int rc;

	if (by) {
		ts_gap_query q;
		memset(&q, 0, sizeof(q));
		q.by = by;
		rc = ts_gap(st, &q, &out, &err);
	} else {
		rc = ts_resolution_progress(st, res, NULL, &out, &err);
	}
	if (rc) {
		fprintf(stderr, "gap-time: %s: %s\n", by ? by : res, err.detail);
		return -1;
	}
	body = json_dumps(out, JSON_COMPACT);
	free(body);
	json_decref(out);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const bys[] = {"addressee", "organ", "category", "year", NULL};
	ts_store *st;
	ts_error err = TS_ERROR_INIT;
	int runs = argc > 3 ? atoi(argv[3]) : 20;
	double w0, c0, *wall, *cpu;

	if (argc < 3 || runs < 1) {
		fprintf(stderr, "usage: gap-time DATA_DIR RESOLUTION [RUNS]\n");
		return 2;
	}
	if (ts_store_open(&st, argv[1], 0, &err)) {
		fprintf(stderr, "gap-time: %s\n", err.detail);
		return 2;
	}
	wall = malloc((size_t)runs * sizeof(double));
	cpu = malloc((size_t)runs * sizeof(double));
	w0 = ms(CLOCK_MONOTONIC);
	c0 = ms(CLOCK_THREAD_CPUTIME_ID);
	if (call(st, "addressee", NULL))
		return 1;
	printf("%-28s %10s %10s %10s %10s\n", "call", "wall p50", "wall max", "cpu p50", "cpu max");
	printf("%-28s %10.1f %10s %10.1f %10s\n", "cold: gap, building index", ms(CLOCK_MONOTONIC) - w0, "",
	       ms(CLOCK_THREAD_CPUTIME_ID) - c0, "");
	for (int b = 0; b <= 4; b++) {
		char name[64];
		for (int i = 0; i < runs; i++) {
			w0 = ms(CLOCK_MONOTONIC);
			c0 = ms(CLOCK_THREAD_CPUTIME_ID);
			if (call(st, bys[b], argv[2]))
				return 1;
			wall[i] = ms(CLOCK_MONOTONIC) - w0;
			cpu[i] = ms(CLOCK_THREAD_CPUTIME_ID) - c0;
		}
		qsort(wall, (size_t)runs, sizeof(double), cmp);
		qsort(cpu, (size_t)runs, sizeof(double), cmp);
		if (bys[b])
			snprintf(name, sizeof(name), "gap by=%s", bys[b]);
		else
			snprintf(name, sizeof(name), "resolution progress");
		printf("%-28s %10.1f %10.1f %10.1f %10.1f\n", name, wall[runs / 2], wall[runs - 1], cpu[runs / 2],
		       cpu[runs - 1]);
	}
	free(wall);
	free(cpu);
	ts_implementation_reset();
	ts_store_close(st);
	return 0;
}
