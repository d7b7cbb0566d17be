/* What the library-timing drivers of the benchmarks share (bench/gap-time.c, bench/match-time.c):
 * a clock in milliseconds, and the percentiles of a sorted run of times. */
#ifndef TANSIQ_BENCH_TIMING_H
#define TANSIQ_BENCH_TIMING_H

#include <time.h>

/* Now, in milliseconds, on clock clk (CLOCK_MONOTONIC for wall time, CLOCK_THREAD_CPUTIME_ID). */
static inline double ms(clockid_t clk)
{
	struct timespec t;
	clock_gettime(clk, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* qsort's order of doubles, ascending. */
static inline int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The p-th fraction (0.5: the median) of n times sorted with cmp. */
static inline double pct(const double *v, int n, double p)
{
	int i = (int)(p * (n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

#endif
