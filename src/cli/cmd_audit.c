/* tansiq audit list|verify */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int audit_list(args *a, ts_store *st, ts_error *err)
{
	ts_audit_query q = TS_AUDIT_QUERY_INIT;
	const char *limit = arg_get(a, "limit", NULL);
	json_t *page, *it;
	size_t i;
	int json;

	if (get_text_or_json(a, &json, err))
		return -1;
	q.collection = arg_get(a, "collection", NULL);
	q.record = arg_get(a, "record", NULL);
	q.actor = arg_get(a, "actor", NULL);
	q.since = arg_get(a, "since", NULL);
	q.until = arg_get(a, "until", NULL);
	if (limit) {
		char *end;
		q.limit = strtol(limit, &end, 10);
		if (*end || q.limit < 1 || q.limit > TS_LIMIT_MAX)
			return ts_fail(err, TS_USAGE, "limit", "--limit '%s' is not a number from 1 to %d", limit, TS_LIMIT_MAX);
	}
	if (ts_audit_list(st, &q, &page, err))
		return -1;
	if (json) {
		print_json(stdout, json_object_get(page, "items"));
	} else {
		json_array_foreach(json_object_get(page, "items"), i, it)
			printf("%-6lld %s  %-16s %-15s %-6s %s/%s\n", (long long)json_integer_value(json_object_get(it, "seq")),
			       json_string_value(json_object_get(it, "at")), json_string_value(json_object_get(it, "actor")),
			       json_string_value(json_object_get(it, "address")), json_string_value(json_object_get(it, "action")),
			       json_string_value(json_object_get(it, "collection")), json_string_value(json_object_get(it, "record")));
	}
	json_decref(page);
	return 0;
}

static int audit_verify(ts_store *st, ts_error *err)
{
	ts_audit_report r;

	if (ts_audit_verify(st, &r, err))
		return -1;
	if (r.bad_seq) {
		fprintf(stderr, "error: the audit log is broken at entry %lld: %s (%ld entries read)\n"
				"hint: restore the database from a backup and compare; entries up to %lld are intact\n",
			r.bad_seq, r.problem, r.entries, r.good_seq);
		return 1;
	}
	printf("audit log intact: %ld entries; head %s\n"
	       "(keep the head elsewhere: a log cut after it would show a different head)\n", r.entries, r.head);
	return 0;
}

int cmd_audit(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	int rc;

	if (strcmp(a->pos[0], "list") && strcmp(a->pos[0], "verify")) {
		fprintf(stderr, "error: unknown audit command '%s'\nusage: tansiq audit list|verify\n", a->pos[0]);
		return EXIT_USAGE;
	}
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(a->pos[0], "verify")) {
		rc = audit_verify(st, &err);
		ts_store_close(st);
		return rc < 0 ? report(&err) : rc;
	}
	rc = audit_list(a, st, &err);
	ts_store_close(st);
	return rc ? report(&err) : EXIT_OK;
}
