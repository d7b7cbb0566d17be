/* tansiq gap | progress | progress-report | feed: the implementation of decisions from the command
 * line. Mandates and reports themselves are records: tansiq add mandates, tansiq add
 * implementation-reports. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tansiq/implementation.h"

static void progress_text(char *out, size_t size, const json_t *p)
{
	if (json_is_number(p))
		snprintf(out, size, "%5.1f%%", json_number_value(p));
	else
		snprintf(out, size, "%6s", "-");
}

static void counts_line(const json_t *c)
{
	printf("%6ld %6ld %8ld %11ld %8ld %6ld %6ld", json_num(c, "mandates"), json_num(c, "due"), json_num(c, "reported"), json_num(c, "implemented"),
	       json_num(c, "not_implemented"), json_num(c, "late"), json_num(c, "silent"));
}

#define COUNTS_HEAD "MANDATES    DUE REPORTED IMPLEMENTED NOT IMPL   LATE SILENT"

int cmd_gap(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_gap_query q;
	ts_store *st;
	json_t *gap = NULL, *g;
	size_t i;
	int rc, json;
	char pct[16];

	memset(&q, 0, sizeof(q));
	if (get_text_or_json(a, &json, &err) || day_option(a, &q.on, &err) ||
	    range_option(a, "year", 1900, 2200, "a year such as 2018", &q.year, &err))
		return report(&err);
	q.by = arg_get(a, "by", NULL);
	q.organ = arg_get(a, "organ", NULL);
	q.category = arg_get(a, "category", NULL);
	q.addressee = arg_get(a, "addressee", NULL);
	q.resolution = arg_get(a, "resolution", NULL);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = ts_gap(st, &q, &gap, &err);
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(gap);
	printf("the commitment-implementation gap on %s, by %s\n\n%-40s %s PROGRESS\n", json_str(gap, "on"), json_str(gap, "by"),
	       "", COUNTS_HEAD);
	json_array_foreach(json_object_get(gap, "groups"), i, g) {
		char name[160];
		if (json_is_integer(json_object_get(g, "key")))
			snprintf(name, sizeof(name), "%lld", json_integer_value(json_object_get(g, "key")));
		else
			snprintf(name, sizeof(name), "%s", json_string_value(json_object_get(g, "name_en"))
				 ? json_str(g, "name_en") : json_str(g, "key"));
		printf("%-40.40s ", name);
		counts_line(json_object_get(g, "counts"));
		progress_text(pct, sizeof(pct), json_object_get(g, "progress"));
		printf(" %s\n", pct);
	}
	printf("%-40s ", "all");
	counts_line(json_object_get(gap, "counts"));
	printf("\n");
	if (json_array_size(json_object_get(gap, "silent"))) {
		printf("\nnever reported on a mandate due:\n");
		json_array_foreach(json_object_get(gap, "silent"), i, g)
			printf("  %-40s %ld due\n", json_string_value(json_object_get(g, "name_en")) ? json_str(g, "name_en") : json_str(g, "key"),
			       json_num(g, "due"));
	}
	if (json_array_size(json_object_get(gap, "silent_states"))) {
		printf("\nmember states that never reported on a mandate to all of them:\n");
		json_array_foreach(json_object_get(gap, "silent_states"), i, g)
			printf("  %-4s %s\n", json_str(g, "state"), json_str(g, "name_en"));
	}
	json_decref(gap);
	return EXIT_OK;
}

static void standing_line(const char *id, const json_t *addressee, const json_t *s)
{
	printf("    %-40.40s %-28.28s %-15s %3ld%%  %-10s %s%s\n", id, json_string_value(json_object_get(addressee, "name_en"))
	       ? json_str(addressee, "name_en") : json_str(addressee, "key"), json_str(s, "status"), json_num(s, "progress"),
	       json_is_string(json_object_get(s, "next_deadline")) ? json_str(s, "next_deadline") : json_str(s, "deadline"),
	       json_is_true(json_object_get(s, "late")) ? "LATE " : "", json_is_true(json_object_get(s, "silent")) ? "SILENT" : "");
}

int cmd_progress(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *out = NULL, *p, *m;
	const char *what = a->pos[0], *on;
	size_t i, j;
	int rc, json;
	char pct[16];

	if (strcmp(what, "resolution") && strcmp(what, "result") && strcmp(what, "mandate")) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq progress resolution|result|mandate ID [--on YYYY-MM-DD]");
		return report(&err);
	}
	if (get_text_or_json(a, &json, &err) || day_option(a, &on, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = !strcmp(what, "resolution") ? ts_resolution_progress(st, a->pos[1], on, &out, &err)
	     : !strcmp(what, "result")   ? ts_result_progress(st, a->pos[1], on, &out, &err)
					 : ts_mandate_progress(st, a->pos[1], on, &out, &err);
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(out);
	if (!strcmp(what, "mandate")) {
		const json_t *rec = json_object_get(out, "mandate"), *r;
		printf("mandate %s on %s: %s\n", json_str(rec, "id"), json_str(out, "on"), json_str(rec, "action_en"));
		standing_line(json_str(rec, "id"), json_object_get(out, "addressee"), json_object_get(out, "standing"));
		json_array_foreach(json_object_get(out, "reports"), i, r)
			printf("    %-10s %-15s %3ld%%  %s\n", json_str(r, "reported_on"), json_str(r, "status"), json_num(r, "progress"),
			       json_str(r, "narrative_en"));
	} else if (!strcmp(what, "resolution")) {
		const json_t *res = json_object_get(out, "resolution");
		progress_text(pct, sizeof(pct), json_object_get(out, "progress"));
		printf("resolution %s on %s: %s, %s\n  %s\n", json_str(res, "code"), json_str(out, "on"), json_str(res, "title_en"), pct, COUNTS_HEAD);
		printf("  ");
		counts_line(json_object_get(out, "counts"));
		printf("\n");
		json_array_foreach(json_object_get(out, "paragraphs"), i, p) {
			progress_text(pct, sizeof(pct), json_object_get(p, "progress"));
			printf("  %-44s %s\n", json_str(p, "paragraph"), pct);
			json_array_foreach(json_object_get(p, "mandates"), j, m)
				standing_line(json_str(m, "id"), json_object_get(m, "addressee"), json_object_get(m, "standing"));
		}
	} else {
		progress_text(pct, sizeof(pct), json_object_get(out, "progress"));
		printf("%s %s on %s: %s, %s, %zu parts, %zu mandates\n", json_str(out, "kind"), json_str(out, "result"), json_str(out, "on"),
		       json_str(out, "title_en"), pct, json_array_size(json_object_get(out, "children")),
		       json_array_size(json_object_get(out, "mandates")));
		json_array_foreach(json_object_get(out, "children"), i, p) {
			progress_text(pct, sizeof(pct), json_object_get(p, "progress"));
			printf("  %-30s %s %s\n", json_str(p, "result"), pct, json_str(p, "title_en"));
		}
		json_array_foreach(json_object_get(out, "mandates"), j, m)
			standing_line(json_str(m, "id"), json_object_get(m, "addressee"), json_object_get(m, "standing"));
	}
	json_decref(out);
	return EXIT_OK;
}

int cmd_progress_report(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	ts_buf buf = TS_BUF_INIT;
	const char *what = a->pos[0];
	int rc;

	if (!(!strcmp(what, "export") && a->npos == 1) && !(!strcmp(what, "import") && a->npos == 2)) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq progress-report export [--output FILE] | import FILE [--dry-run]");
		return report(&err);
	}
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(what, "export")) {
		const char *path = arg_get(a, "output", NULL);
		rc = ts_mandates_status_export(st, &buf, &err);
		ts_store_close(st);
		if (rc == 0)
			rc = write_output(path, ts_buf_str(&buf), buf.len, &err);
		ts_buf_free(&buf);
		return rc ? report(&err) : EXIT_OK;
	}
	{
		ts_import_stats stats;
		long reports = 0;
		int dry = arg_get(a, "dry-run", NULL) != NULL;
		size_t len = 0;
		char *text = read_file(a->pos[1], &len, &err);
		if (!text || ts_store_begin(st, &err)) {
			ts_store_close(st);
			free(text);
			return report(&err);
		}
		rc = ts_mandates_status_import(st, text, len, &stats, &reports, &err);
		free(text);
		if (rc || dry)
			ts_store_rollback(st);
		else
			rc = ts_store_commit(st, &err);
		ts_store_close(st);
		if (rc)
			return report(&err);
		printf("%s%ld rows: %ld mandates created, %ld updated, %ld unchanged; %ld reports filed\n",
		       dry ? "dry run, nothing written: " : "", stats.rows, stats.created, stats.updated, stats.unchanged,
		       reports);
		return EXIT_OK;
	}
}

int cmd_feed(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	ts_buf out = TS_BUF_INIT;
	const char *what = a->pos[0];
	ts_lang lang;
	int rc;

	if (strcmp(what, "deadlines") && strcmp(what, "late")) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq feed deadlines|late [--addressee KEY] [--lang ar|en|fr]");
		return report(&err);
	}
	if (lang_option(a, &lang, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = (!strcmp(what, "deadlines") ? ts_deadlines_ics : ts_late_atom)(st, arg_get(a, "addressee", NULL), lang, NULL,
									      &out, &err);
	ts_store_close(st);
	if (rc == 0)
		fwrite(ts_buf_str(&out), 1, out.len, stdout);
	ts_buf_free(&out);
	return rc ? report(&err) : EXIT_OK;
}
