/* tansiq search: one search across documents and records (search.h). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Prints the segments of a marked text (search.h: plain, then matched and plain in turn), the
 * matched words in bold on a terminal and in [brackets] elsewhere, control characters as
 * spaces. */
static void print_marked(FILE *out, const json_t *segs, int tty)
{
	size_t i;
	json_t *s;

	json_array_foreach(segs, i, s) {
		const char *t = json_string_value(s);
		if (i % 2 && *t)
			fputs(tty ? "\033[1m" : "[", out);
		/* on one line, and no control character from a text reaches the terminal */
		for (; *t; t++)
			fputc((unsigned char)*t < 0x20 || *t == 0x7f ? ' ' : *t, out);
		if (i % 2 && json_string_length(s))
			fputs(tty ? "\033[0m" : "]", out);
	}
}

static void print_facet(FILE *out, const json_t *facets, const char *name)
{
	const json_t *f = json_object_get(facets, name);
	size_t i;
	json_t *v;

	if (!json_array_size(f))
		return;
	fprintf(out, "  %-6s", name);
	json_array_foreach(f, i, v)
		fprintf(out, "%s%s %ld", i ? ", " : " ", json_str(v, "value"), json_num(v, "count"));
	fputc('\n', out);
}

int cmd_search(args *a)
{
	static const char *const params[] = {"lang", "kind", "type", "organ", "year", "limit", "offset", NULL};
	ts_error err = TS_ERROR_INIT;
	ts_search_query q;
	ts_store *st;
	json_t *res;
	int json, rc, tty = isatty(STDOUT_FILENO);
	size_t i;
	json_t *h;

	ts_search_query_init(&q);
	if (get_text_or_json(a, &json, &err) || ts_search_param(&q, "q", a->pos[0], &err))
		return report(&err);
	for (int k = 0; params[k]; k++) {
		const char *v = arg_get(a, params[k], NULL);
		if (v && ts_search_param(&q, params[k], v, &err)) {
			err.code = TS_USAGE;
			return report(&err);
		}
	}
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = ts_search(st, &q, &res, &err);
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(res);
	printf("%ld found for \"%s\"\n", json_num(res, "total"), q.q);
	json_array_foreach(json_object_get(res, "items"), i, h) {
		printf("\n%2ld. ", q.offset + (long)i + 1);
		print_marked(stdout, json_object_get(h, "title_marked"), tty);
		printf("\n    %s %s · %s", json_str(h, "type"), json_str(h, "id"), json_str(h, "lang"));
		if (!strcmp(json_str(h, "type"), "documents"))
			printf(" · %s · %s%s%s", json_str(h, "kind"), json_str(h, "date"),
			       json_is_string(json_object_get(h, "organ")) ? " · " : "",
			       json_is_string(json_object_get(h, "organ")) ? json_str(h, "organ") : "");
		printf("\n    ");
		print_marked(stdout, json_object_get(h, "snippet"), tty);
		putchar('\n');
	}
	if (json_num(res, "total")) {
		printf("\nfacets\n");
		for (int k = 0; k < 5; k++)
			print_facet(stdout, json_object_get(res, "facets"), (const char *[]){"type", "lang", "kind", "year", "organ"}[k]);
	}
	json_decref(res);
	return EXIT_OK;
}
