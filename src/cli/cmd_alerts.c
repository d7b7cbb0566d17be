/* tansiq stats | alert: the conflicts in member states, events by member state, the common
 * threads, and the alerts with their life cycle, from the command line (as an administrator,
 * like every command: open_store). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tansiq/conflicts.h"

static int year_option(const args *a, const char *name, int *out, ts_error *err)
{
	long y = 0;
	int rc = range_option(a, name, 1946, 2100, "a year from 1946 to 2100, such as 2015", &y, err);

	*out = (int)y;
	return rc;
}

static void print_conflicts(const json_t *out, int year)
{
	const json_t *y, *c, *s;
	size_t i, j, k;

	printf("%-6s %7s %17s %7s\n", "YEAR", "WORLD", "IN MEMBER STATES", "SHARE");
	json_array_foreach(json_object_get(out, "years"), i, y) {
		const json_t *share = json_object_get(y, "share");
		char pct[16] = "-";
		if (json_is_number(share))
			snprintf(pct, sizeof(pct), "%.1f%%", json_number_value(share) * 100.0);
		printf("%-6ld %7ld %17ld %7s\n", json_num(y, "year"), json_num(y, "world"), json_num(y, "members"), pct);
		if (!year)
			continue;
		json_array_foreach(json_object_get(y, "conflicts"), j, c) {
			printf("    %-12s %-50.50s ", json_str(c, "id"), json_str(c, "name_en"));
			json_array_foreach(json_object_get(c, "states"), k, s)
				printf("%s%s", k ? " " : "", json_string_value(s));
			printf("\n");
		}
	}
}

static void print_states(const json_t *out)
{
	const json_t *s;
	size_t i;

	printf("events and fatalities by member state, %s to %s\n\n%-5s %-36s %10s %11s\n",
	       json_is_string(json_object_get(out, "from")) ? json_str(out, "from") : "the first month",
	       json_is_string(json_object_get(out, "to")) ? json_str(out, "to") : "the last", "STATE", "NAME", "EVENTS",
	       "FATALITIES");
	json_array_foreach(json_object_get(out, "items"), i, s)
		printf("%-5s %-36.36s %10ld %11ld\n", json_str(s, "state"), json_str(s, "name_en"), json_num(s, "events"),
		       json_num(s, "fatalities"));
	printf("%-5s %-36s %10ld %11ld\n", "", "all", json_num(out, "events"), json_num(out, "fatalities"));
}

static void print_threads(const json_t *out)
{
	const json_t *f;
	size_t i;

	printf("%ld conflicts in member states\n\n%6s  %s\n", json_num(out, "conflicts"), "COUNT", "FEATURE");
	json_array_foreach(json_object_get(out, "features"), i, f)
		printf("%6ld  %s\n", json_num(f, "count"), json_str(f, "key"));
	printf("\n%6s %6s  %s\n", "COUNT", "LIFT", "TOGETHER");
	json_array_foreach(json_object_get(out, "pairs"), i, f)
		printf("%6ld %6.2f  %s + %s\n", json_num(f, "count"), json_number_value(json_object_get(f, "lift")),
		       json_str(f, "a"), json_str(f, "b"));
}

int cmd_stats(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *out = NULL;
	const char *what = a->pos[0];
	int rc, json, year = 0, from = 0, to = 0;

	if (strcmp(what, "conflicts") && strcmp(what, "states") && strcmp(what, "threads")) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq stats conflicts [--year YYYY] | states [--from YYYY-MM] "
			"[--to YYYY-MM] | threads [--from YYYY] [--to YYYY]");
		return report(&err);
	}
	if (get_text_or_json(a, &json, &err) || year_option(a, "year", &year, &err) ||
	    (!strcmp(what, "threads") && (year_option(a, "from", &from, &err) || year_option(a, "to", &to, &err))))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(what, "conflicts"))
		rc = ts_stats_conflicts(st, year, &out, &err);
	else if (!strcmp(what, "states"))
		rc = ts_stats_states(st, arg_get(a, "from", NULL), arg_get(a, "to", NULL), &out, &err);
	else
		rc = ts_threads(st, from, to, &out, &err);
	ts_store_close(st);
	if (rc) {
		/* a bad parameter of the library is a bad option here */
		if (err.code == TS_INVALID_PARAMETER)
			err.code = TS_USAGE;
		return report(&err);
	}
	if (json)
		return print_json_free(out);
	if (!strcmp(what, "conflicts"))
		print_conflicts(out, year);
	else if (!strcmp(what, "states"))
		print_states(out);
	else
		print_threads(out);
	json_decref(out);
	return EXIT_OK;
}

static void alert_line(const json_t *al)
{
	printf("%-16s %-12s %-8s %-4s %-7s %s\n", json_str(al, "id"), json_str(al, "status"), json_str(al, "severity"),
	       json_str(al, "country"), json_is_string(json_object_get(al, "month")) ? json_str(al, "month") : "-",
	       json_str(al, "title_en"));
}

#define ALERT_HEAD "ID               STATUS       SEVERITY COUNTRY MONTH TITLE\n"

static int alert_list(ts_store *st, const args *a, json_t **out, ts_error *err)
{
	ts_query q;
	int rc;

	ts_query_init(&q, &ts_entity_alert);
	rc = ts_query_param(&q, "sort", "-raised_at", err) || ts_query_param(&q, "limit", "1000", err) ||
	     (arg_get(a, "status", NULL) && ts_query_param(&q, "status", arg_get(a, "status", NULL), err)) ||
	     (arg_get(a, "country", NULL) && ts_query_param(&q, "country", arg_get(a, "country", NULL), err)) ||
	     ts_records_list(st, &q, out, err) ? -1 : 0;
	ts_query_free(&q);
	return rc;
}

/* The response of `alert respond` from its options. */
static json_t *response_input(const args *a)
{
	static const char *const opts[][2] = {{"meeting", "response_meeting"}, {"resolution", "response_resolution"},
					      {"mandate", "response_mandate"}, {"process", "response_process"},
					      {"text", "response_text"}};
	json_t *in = json_object();

	if (arg_get(a, "kind", NULL))
		json_object_set_new(in, "response_kind", json_string(arg_get(a, "kind", NULL)));
	for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
		if (arg_get(a, opts[k][0], NULL))
			json_object_set_new(in, opts[k][1], json_string(arg_get(a, opts[k][0], NULL)));
	return in;
}

int cmd_alert(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *out = NULL, *al;
	const char *what = a->pos[0], *id = a->npos > 1 ? a->pos[1] : NULL;
	int one = !strcmp(what, "list") || !strcmp(what, "run");
	int two = !strcmp(what, "show") || !strcmp(what, "ack") || !strcmp(what, "respond") || !strcmp(what, "close");
	int rc, json;
	size_t i;

	if (!((one && a->npos == 1) || (two && a->npos == 2))) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq alert list [--status S] [--country ISO3] | show ID | run | "
			"ack ID | respond ID --kind K [--meeting M|--resolution R|--mandate M|--process P] [--text T] | close ID");
		return report(&err);
	}
	if (get_text_or_json(a, &json, &err))
		return report(&err);
	if (!strcmp(what, "respond") && !arg_get(a, "kind", NULL)) {
		ts_fail(&err, TS_USAGE, "kind", "alert respond needs --kind: meeting, resolution, mandate, mediation_process, "
			"statement or no_action");
		return report(&err);
	}
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(what, "list")) {
		rc = alert_list(st, a, &out, &err);
	} else if (!strcmp(what, "show")) {
		rc = ts_record_get(st, &ts_entity_alert, id, &out, &err);
	} else if (ts_store_begin(st, &err)) {
		rc = -1;
	} else {
		if (!strcmp(what, "run")) {
			rc = ts_alerts_evaluate(st, &out, &err);
		} else if (!strcmp(what, "ack")) {
			rc = ts_alert_acknowledge(st, id, &out, &err);
		} else if (!strcmp(what, "close")) {
			rc = ts_alert_close(st, id, &out, &err);
		} else {
			json_t *in = response_input(a);
			rc = ts_alert_respond(st, id, in, &out, &err);
			json_decref(in);
		}
		if (rc == 0)
			rc = ts_store_commit(st, &err);
		if (rc)
			ts_store_rollback(st);
	}
	ts_store_close(st);
	if (rc) {
		json_decref(out);
		return report(&err);
	}
	if (json)
		return print_json_free(out);
	if (!strcmp(what, "list")) {
		printf(ALERT_HEAD);
		json_array_foreach(json_object_get(out, "items"), i, al)
			alert_line(al);
	} else if (!strcmp(what, "run")) {
		printf("%zu alert%s raised (latest month with events: %s)\n", json_array_size(json_object_get(out, "items")),
		       json_array_size(json_object_get(out, "items")) == 1 ? "" : "s",
		       json_is_string(json_object_get(out, "month")) ? json_str(out, "month") : "none");
		if (json_array_size(json_object_get(out, "items")))
			printf(ALERT_HEAD);
		json_array_foreach(json_object_get(out, "items"), i, al)
			alert_line(al);
		json_array_foreach(json_object_get(out, "skipped"), i, al)
			printf("rule %s skipped: %s\n", json_str(al, "rule"), json_str(al, "reason"));
	} else if (!strcmp(what, "show")) {
		print_record(stdout, &ts_entity_alert, out, FMT_TEXT);
	} else {
		printf("alert %s is %s\n", json_str(out, "id"), json_str(out, "status"));
		if (!strcmp(what, "respond"))
			printf("response: %s, %ld hours after the alert was raised\n", json_str(out, "response_kind"),
			       json_num(out, "hours_to_response"));
	}
	json_decref(out);
	return EXIT_OK;
}
