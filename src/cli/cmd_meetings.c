/* tansiq meeting quorum | vote open|close|show | cycles | calendar: the meetings module from
 * the command line. The CLI acts as an administrator (output.c): it opens and closes votes as the
 * chair would; ballots are cast by delegates, in the web application or through the API. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static void print_quorum(const json_t *q)
{
	json_t *met = json_object_get(q, "met");

	if (json_is_null(json_object_get(q, "rule"))) {
		printf("meeting %s: no decision rule (its organ has none); %ld member states present\n", json_str(q, "meeting"),
		       json_num(q, "present"));
		return;
	}
	printf("meeting %s, rule %s\n", json_str(q, "meeting"), json_str(json_object_get(q, "rule"), "id"));
	printf("  members           %ld\n  quorum required   %ld\n  present           %ld (%ld entitled to vote)\n"
	       "  quorum            %s\n  observers present %zu\n  organisations     %zu\n", json_num(q, "members"), json_num(q, "quorum"),
	       json_num(q, "present"), json_num(q, "present_voters"), json_is_true(met) ? "met" : "NOT met",
	       json_array_size(json_object_get(q, "observers")), json_array_size(json_object_get(q, "organisations")));
}

int cmd_meeting(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *q = NULL;
	int rc, json;

	if (strcmp(a->pos[0], "quorum") || a->npos != 2) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq meeting quorum MEETING [--rule RULE]");
		return report(&err);
	}
	if (get_text_or_json(a, &json, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = ts_meeting_quorum(st, a->pos[1], arg_get(a, "rule", NULL), &q, &err);
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(q);
	print_quorum(q);
	json_decref(q);
	return EXIT_OK;
}

static void print_tally(const json_t *r)
{
	const json_t *v = json_object_get(r, "vote"), *t = json_object_get(r, "tally"), *c;
	size_t i;

	printf("vote %s on %s at %s (%s, rule %s): %s\n", json_str(v, "id"), json_str(v, "resolution"), json_str(v, "meeting"),
	       json_str(v, "method"), json_str(v, "rule"), json_str(v, "status"));
	printf("  quorum   %ld of %ld members, %ld present\n", json_num(t, "quorum"), json_num(t, "members"), json_num(t, "present"));
	printf("  yes %ld  no %ld  abstain %ld  not voting %ld\n", json_num(t, "yes"), json_num(t, "no"), json_num(t, "abstain"),
	       json_num(t, "not_voting"));
	printf("  majority counted on %ld: %ld yes required\n", json_num(t, "base"), json_num(t, "required"));
	printf("  %s: %s (%s)\n", !strcmp(json_str(v, "status"), "open") ? "as it stands" : "result",
	       json_is_true(json_object_get(t, "adopted")) ? "adopted" : "not adopted", json_str(t, "decided_by"));
	json_array_foreach(json_object_get(r, "roll_call"), i, c)
		printf("    %-4s %-10s %s\n", json_str(c, "state"), json_str(c, "choice"), json_str(c, "name_en"));
}

int cmd_vote(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *out = NULL;
	const char *what = a->pos[0];
	int rc, json;

	if (!(!strcmp(what, "open") && a->npos == 1) && !(!strcmp(what, "close") && a->npos == 2) &&
	    !(!strcmp(what, "show") && a->npos == 2)) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq vote open --meeting M --resolution R [--consensus] "
			"[--rule RULE] | close VOTE | show VOTE");
		return report(&err);
	}
	if (get_text_or_json(a, &json, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(what, "show")) {
		rc = ts_vote_report(st, a->pos[1], &out, &err);
	} else if (ts_store_begin(st, &err)) {
		rc = -1;
	} else {
		if (!strcmp(what, "open")) {
			static const char *const keys[] = {"meeting", "resolution", "rule"};
			json_t *in = json_pack("{s:s}", "method", arg_get(a, "consensus", NULL) ? "consensus" : "ballot");
			for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
				if (arg_get(a, keys[k], NULL))
					json_object_set_new(in, keys[k], json_string(arg_get(a, keys[k], NULL)));
			rc = ts_vote_open(st, in, &out, &err);
			json_decref(in);
		} else {
			rc = ts_vote_close(st, a->pos[1], &out, &err);
		}
		if (rc == 0 && (rc = ts_store_commit(st, &err)) == 0) {
			/* what was decided, as the room sees it */
			char id[80];
			snprintf(id, sizeof(id), "%s", json_string_value(json_object_get(out, "id")));
			json_decref(out);
			out = NULL;
			rc = ts_vote_report(st, id, &out, &err);
		}
		if (rc)
			ts_store_rollback(st);
	}
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(out);
	print_tally(out);
	json_decref(out);
	return EXIT_OK;
}

int cmd_cycles(args *a)
{
	const char *on;
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *out = NULL, *o;
	size_t i;
	int rc, json;

	if (get_text_or_json(a, &json, &err) || day_option(a, &on, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = ts_organ_cycles(st, on, &out, &err);
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(out);
	printf("%-22s %-7s %-24s %-10s %s\n", "ORGAN", "CYCLE", "LAST SESSION", "NEXT DUE", "");
	json_array_foreach(json_object_get(out, "organs"), i, o) {
		const json_t *last = json_object_get(o, "last"), *next = json_object_get(o, "next");
		if (!json_is_object(last))
			last = NULL;
		if (!json_is_object(next))
			next = NULL;
		char cyc[16], lastb[64];
		snprintf(cyc, sizeof(cyc), "%ldm", json_num(o, "cycle_months"));
		snprintf(lastb, sizeof(lastb), "%s (%s)", last ? json_str(last, "id") : "none recorded", last ? json_str(last, "start") : "-");
		printf("%-22.22s %-7s %-24.24s %-10s %s\n", json_str(o, "organ"), cyc, lastb, json_str(o, "due"),
		       json_is_true(json_object_get(o, "overdue")) ? "OVERDUE" : next ? "planned" : "");
	}
	json_decref(out);
	return EXIT_OK;
}

int cmd_calendar(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	ts_buf out = TS_BUF_INIT;
	ts_lang lang;
	int rc;

	if (lang_option(a, &lang, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = ts_ics_meetings(st, lang, arg_get(a, "organ", NULL), &out, &err);
	ts_store_close(st);
	if (rc == 0)
		fwrite(ts_buf_str(&out), 1, out.len, stdout);
	ts_buf_free(&out);
	return rc ? report(&err) : EXIT_OK;
}
