/* Times the matching in the library, without HTTP: where bench/matching.sh's API figures spend
 * their time. Built and run by bench/matching.sh, or by hand:
 *
 *   cc -O2 -Iinclude bench/match-time.c build/libtansiq.a -o build/match-time \
 *      $(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd) -lstemmer -lpthread -lm
 *   build/match-time DATA_DIR PROCESS [RUNS] [LIMIT]
 *
 * As an administrator (the matching reads every candidate whoever asks): RUNS calls of ts_match
 * with the JSON serialised as the API sends it, after one call not counted (it warms SQLite's
 * page cache). Prints "match WALL_P50 WALL_P99 CPU_P50 ROSTER ELIGIBLE" in milliseconds, and the
 * first call's candidates as "rank id score" lines (for the comparison with the SQL). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timing.h"

#include "tansiq/tansiq.h"

int main(int argc, char **argv)
{
	ts_store *st;
	ts_error err = TS_ERROR_INIT;
	ts_viewer admin = {TS_ROLE_ADMIN, "bench", ""};
	int runs = argc > 3 ? atoi(argv[3]) : 20;
	ts_match_opts o = {argc > 4 ? atoi(argv[4]) : 20, 0};
	double *wall, *cpu;
	json_t *out = NULL, *c;
	size_t i;

	if (argc < 3 || runs < 1) {
		fprintf(stderr, "usage: match-time DATA_DIR PROCESS [RUNS] [LIMIT]\n");
		return 2;
	}
	if (ts_init() || ts_store_open(&st, argv[1], 0, &err)) {
		fprintf(stderr, "match-time: %s\n", err.detail);
		return 2;
	}
	ts_store_set_viewer(st, &admin);
	wall = malloc((size_t)runs * sizeof(double));
	cpu = malloc((size_t)runs * sizeof(double));
	if (!wall || !cpu)
		return 2;
	for (int r = -1; r < runs; r++) {
		double w0 = ms(CLOCK_MONOTONIC), c0 = ms(CLOCK_THREAD_CPUTIME_ID);
		char *body;
		json_decref(out);
		out = NULL;
		if (ts_match(st, argv[2], &o, &out, &err)) {
			fprintf(stderr, "match-time: %s\n", err.detail);
			return 1;
		}
		body = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(15));
		free(body);
		if (r >= 0) {
			wall[r] = ms(CLOCK_MONOTONIC) - w0;
			cpu[r] = ms(CLOCK_THREAD_CPUTIME_ID) - c0;
		}
	}
	qsort(wall, (size_t)runs, sizeof(double), cmp);
	qsort(cpu, (size_t)runs, sizeof(double), cmp);
	printf("match %.1f %.1f %.1f %lld %lld\n", pct(wall, runs, 0.5), pct(wall, runs, 0.99), pct(cpu, runs, 0.5),
	       (long long)json_integer_value(json_object_get(json_object_get(out, "counts"), "roster")),
	       (long long)json_integer_value(json_object_get(json_object_get(out, "counts"), "eligible")));
	json_array_foreach(json_object_get(out, "candidates"), i, c)
		printf("%lld %s %.2f\n", (long long)json_integer_value(json_object_get(c, "rank")),
		       json_string_value(json_object_get(c, "id")), json_number_value(json_object_get(c, "score")));
	json_decref(out);
	free(wall);
	free(cpu);
	ts_store_close(st);
	return 0;
}
