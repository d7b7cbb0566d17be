/* What fuzz_acled.c and fuzz_ucdp.c share: a store holding the world's countries (nothing else,
 * so that runs stay fast), opened once, and the invariants of one import of arbitrary bytes. */
#ifndef TANSIQ_FEEDS_FUZZ_H
#define TANSIQ_FEEDS_FUZZ_H

#include "fuzz_common.h"
#include "tansiq/embedded.h"
#include "tansiq/feeds.h"

static ts_store *st;

static void feeds_fuzz_init(void)
{
	ts_error err = TS_ERROR_INIT;
	ts_viewer admin = {0};
	ts_import_stats s;
	const ts_embedded *f = ts_embedded_find(ts_default_data, "countries.csv");

	st = fuzz_store();
	admin.roles = TS_ROLE_ADMIN;
	snprintf(admin.username, sizeof(admin.username), "%s", "fuzz");
	ts_store_set_viewer(st, &admin);
	ts_store_set_actor(st, "fuzz", "127.0.0.1");
	if (!f || ts_store_begin(st, &err) || ts_import_csv(st, &ts_entity_country, (const char *)f->data, f->len, &s, &err) ||
	    ts_store_commit(st, &err))
		die("loading the countries: %s", err.detail);
}

static int count_row(void *ctx, const ts_value *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].type == TS_V_INT ? c[0].i : 0;
	return 0;
}

static long long q1(const char *sql)
{
	long long n = -1;
	ts_error err = TS_ERROR_INIT;

	if (ts_store_exec(st, sql, NULL, 0, count_row, &n, NULL, &err))
		die("%s: %s", sql, err.detail);
	return n;
}

static void reject_ok(void *ctx, long line, const char *field, const char *value, const char *reason)
{
	(void)ctx;
	(void)value;
	if (line < 2 || !field || !reason || !*reason || !utf8_ok(reason, strlen(reason)))
		die("a reject without its line (%ld) or reason", line);
}

/* Imports the bytes twice in a transaction rolled back at the end:
 *   - a failure is a user error (never storage, internal or busy); one about a value names its
 *     line (2 or more: the header is line 1) and field;
 *   - on success the counts add up (rows = events + merged + rejected, events = added + updated
 *     + unchanged), the events or conflict-years stored grew by those added, the aggregates equal
 *     those rebuilt from the events, one import record was written;
 *   - the same bytes again add and update nothing;
 *   - the rollback restores everything. */
static void feeds_fuzz_one(ts_feed_kind kind, const char *data, size_t size, int skip)
{
	static const char *const agg = "SELECT coalesce(sum(events), 0) + 1000000 * coalesce(sum(fatalities), 0) FROM event_country_months";
	const char *counted = kind == TS_FEED_UCDP_ACD ? "SELECT count(*) FROM conflict_years" : "SELECT count(*) FROM events";
	ts_error err = TS_ERROR_INIT;
	ts_feed_opts o = TS_FEED_OPTS_INIT;
	ts_feed_stats s, again;
	ts_feed_reader r;
	ts_feed_mem m;
	long long n0 = q1(counted), i0 = q1("SELECT count(*) FROM event_imports"), a0 = q1(agg), a1;

	o.skip_invalid = skip;
	o.reject = reject_ok;
	o.file = "fuzz.csv";
	ts_feed_reader_mem(&r, &m, data, size);
	if (ts_store_begin(st, &err))
		die("begin: %s", err.detail);
	if (ts_feed_import(st, kind, &r, &o, &s, &err)) {
		check_error(&err, "ts_feed_import");
		if (err.code == TS_STORAGE || err.code == TS_INTERNAL || err.code == TS_BUSY)
			die("import failed with %s: %s", ts_code_name(err.code), err.detail);
		if (err.code == TS_INVALID_VALUE && (err.line < 1 || !err.field[0]))
			die("a bad value without its line or field: %s", err.detail);
		ts_store_rollback(st);
		goto check;
	}
	if (err.code != TS_OK)
		die("import succeeded with an error set: %s", err.detail);
	if (kind != TS_FEED_UCDP_ACD && (s.rows != s.events + s.merged + s.rejected || s.events != s.added + s.updated + s.unchanged))
		die("stats: %ld rows, %ld events, %ld merged, %ld rejected, %ld added, %ld updated, %ld unchanged", s.rows,
		    s.events, s.merged, s.rejected, s.added, s.updated, s.unchanged);
	if (!skip && s.rejected)
		die("%ld rows rejected without skip_invalid", s.rejected);
	if (kind != TS_FEED_UCDP_ACD && q1(counted) != n0 + s.added)
		die("%lld events stored, %lld + %ld added expected", q1(counted), n0, s.added);
	if (q1("SELECT count(*) FROM event_imports") != i0 + 1)
		die("not one import record");
	a1 = q1(agg);
	if (ts_event_agg_rebuild(st, &err))
		die("rebuild: %s", err.detail);
	if (q1(agg) != a1)
		die("aggregates kept %lld, rebuilt %lld", a1, q1(agg));
	ts_feed_reader_mem(&r, &m, data, size);
	if (ts_feed_import(st, kind, &r, &o, &again, &err))
		die("the same bytes again failed: %s", err.detail);
	if (again.added || again.updated)
		die("the same bytes again: %ld added, %ld updated", again.added, again.updated);
	ts_store_rollback(st);
check:
	if (q1(counted) != n0 || q1("SELECT count(*) FROM event_imports") != i0 || q1(agg) != a0)
		die("the rollback did not restore the store");
}

#endif
