/* Times the forecast in the library, without HTTP or process start: where bench/forecast.sh's
 * figures spend their time. Built and run by bench/forecast.sh, or by hand:
 *
 *   cc -O2 -Iinclude bench/forecast-time.c build/libtansiq.a -o build/forecast-time \
 *      $(pkg-config --libs sqlite3 jansson libsodium) -lm
 *   build/forecast-time DATA_DIR [RUNS]
 *
 * As the anonymous reader: RUNS calls each of ts_series_load (the series alone) and ts_forecast
 * of every country with its JSON serialised as the API sends it; then, as an administrator, one
 * ts_forecast_fit (which stores the model, as tansiq forecast fit does). Prints the median and
 * the slowest wall-clock time in milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h"
#include "tansiq/store.h"

static double ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void line(const char *name, double *v, int runs)
{
	qsort(v, (size_t)runs, sizeof(double), cmp);
	printf("%-40s %10.1f %10.1f\n", name, v[runs / 2], v[runs - 1]);
}

int main(int argc, char **argv)
{
	ts_store *st;
	ts_error err = TS_ERROR_INIT;
	ts_viewer admin = {TS_ROLE_ADMIN, "bench", ""};
	int runs = argc > 2 ? atoi(argv[2]) : 20;
	double *t;
	size_t n = 0;

	if (argc < 2 || runs < 1) {
		fprintf(stderr, "usage: forecast-time DATA_DIR [RUNS]\n");
		return 2;
	}
	if (ts_store_open(&st, argv[1], 0, &err)) {
		fprintf(stderr, "forecast-time: %s\n", err.detail);
		return 2;
	}
	t = malloc((size_t)runs * sizeof(double));
	printf("%-40s %10s %10s\n", "call (milliseconds)", "median", "slowest");
	for (int i = 0; i < runs; i++) {
		ts_series s;
		double t0 = ms();
		if (ts_series_load(st, -1, &s, &err)) {
			fprintf(stderr, "forecast-time: %s\n", err.detail);
			return 1;
		}
		t[i] = ms() - t0;
		ts_series_free(&s);
	}
	line("ts_series_load (the series alone)", t, runs);
	for (int i = 0; i < runs; i++) {
		json_t *out;
		char *body;
		double t0 = ms();
		if (ts_forecast(st, NULL, &out, &err)) {
			fprintf(stderr, "forecast-time: %s\n", err.detail);
			return 1;
		}
		body = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(15));
		t[i] = ms() - t0;
		n = json_array_size(json_object_get(out, "items"));
		free(body);
		json_decref(out);
	}
	line("ts_forecast, every country, 6 horizons", t, runs);
	ts_store_set_viewer(st, &admin);
	{
		double t0 = ms();
		if (ts_forecast_fit(st, NULL, &err)) {
			fprintf(stderr, "forecast-time: %s\n", err.detail);
			return 1;
		}
		t[0] = ms() - t0;
		line("ts_forecast_fit (once)", t, 1);
	}
	printf("(%zu countries forecast)\n", n);
	free(t);
	ts_store_close(st);
	return 0;
}
