/* Fuzzes list parameters. The input is a query string: name=value pairs separated by '&' (or
 * a newline), each name and value decoded as libmicrohttpd decodes a URL's query ('+' is a
 * space, %XX a byte; a decoded NUL ends the text, as in the C string the server gets). The
 * first line may instead be a collection name followed by '?' ("office-terms?sort=-start");
 * states otherwise. A pair without '=' has no value (NULL), as the server passes it. Each pair
 * goes through ts_query_param, with two names of the fuzzer's own:
 *   - rawcursor=JSON passes its value base64url-encoded as the cursor, so that the JSON
 *     inside a cursor is fuzzed too;
 *   - as=ROLES lists as a reader with those roles ("admin", "secretariat,analyst"; see
 *     ts_roles_parse), the anonymous public otherwise.
 * When every parameter is accepted the list runs against a store holding the organisation's
 * default data (SQLite in a temporary directory, opened once), some of whose records have been
 * raised to each confidentiality level, and must succeed; no listed record may be above what
 * the reader may read; when a page has a next_cursor, the next page must be readable with it.
 *
 *   tools/fuzz.sh query
 */
#include <ctype.h>
#include <stdint.h>

#include <sodium.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_store *st;

static const char *const level_names[] = {"public", "members", "secretariat", "restricted"};

/* Loads the default data, then raises the second, third and fourth record of each entity to
 * members, secretariat and restricted (skipped when the entity's rules refuse it). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const ts_schema *s;
	ts_error err = TS_ERROR_INIT;
	ts_viewer admin = {0};

	(void)argc;
	(void)argv;
	st = fuzz_store();
	s = ts_store_schema(st);
	admin.roles = TS_ROLE_ADMIN;
	ts_store_set_viewer(st, &admin);
	ts_store_set_actor(st, "fuzz", "127.0.0.1");
	if (ts_store_begin(st, &err) || ts_registry_load_defaults(st, &err))
		die("loading the default data: %s", err.detail);
	for (int i = 0; i < s->nentities; i++) {
		ts_query q;
		json_t *page = NULL;
		ts_query_init(&q, s->entities[i]);
		q.limit = 4;
		if (ts_records_list(st, &q, &page, &err))
			die("listing %s: %s", s->entities[i]->collection, err.detail);
		for (size_t k = 1; k < json_array_size(json_object_get(page, "items")) && k < 4; k++) {
			json_t *it = json_array_get(json_object_get(page, "items"), k);
			json_t *patch = json_pack("{s:s}", "level", level_names[k]);
			ts_error uerr = TS_ERROR_INIT;
			if (!ts_entity_field(s->entities[i], "level"))
				break;
			ts_record_update(st, s->entities[i], json_string_value(json_object_get(it, "id")), patch, NULL,
					 &uerr);
			json_decref(patch);
		}
		json_decref(page);
		ts_query_free(&q);
	}
	if (ts_store_commit(st, &err))
		die("commit: %s", err.detail);
	return 0;
}

/* Decodes a query-string component in place as libmicrohttpd does: '+' is a space and %XX a
 * byte; a '%' not followed by two hex digits stays. */
static void url_decode(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (*r == '+') {
			*w++ = ' ';
		} else if (r[0] == '%' && isxdigit((unsigned char)r[1]) && isxdigit((unsigned char)r[2])) {
			char hex[3] = {r[1], r[2], 0};
			*w++ = (char)strtol(hex, NULL, 16);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

/* No listed record is above what the store's reader may read (the fuzzer's readers belong to no
 * team). */
static void check_levels(const json_t *page)
{
	const ts_viewer *v = ts_store_viewer(st);
	int max = (int)ts_viewer_max_level(v);
	size_t i;
	json_t *it;

	json_array_foreach(json_object_get(page, "items"), i, it) {
		const char *level = json_string_value(json_object_get(it, "level"));
		int l = -1;
		if (!level)
			continue;
		for (int k = 0; k < 4; k++)
			if (!strcmp(level, level_names[k]))
				l = k;
		if (l < 0)
			die("a record at an unknown level '%s'", level);
		if (l > max)
			die("a reader with roles %#x (up to %s) lists record '%s' at level %s", v ? v->roles : 0u,
			    level_names[max], json_string_value(json_object_get(it, "id")), level);
	}
}

static void run_list(ts_query *q)
{
	ts_error err = TS_ERROR_INIT;
	json_t *page = NULL, *next;

	if (ts_records_list(st, q, &page, &err))
		die("ts_records_list failed on accepted parameters: %s: %s", ts_code_name(err.code), err.detail);
	if (!json_is_array(json_object_get(page, "items")) || !json_is_integer(json_object_get(page, "total")))
		die("list result without items or total");
	if ((long)json_array_size(json_object_get(page, "items")) > q->limit)
		die("a page of %zu items with limit %ld", json_array_size(json_object_get(page, "items")), q->limit);
	check_levels(page);
	next = json_object_get(page, "next_cursor");
	if (json_is_string(next)) {
		/* the cursor the list gave must be accepted and lead to a readable page */
		json_t *page2 = NULL;
		if (ts_query_param(q, "cursor", json_string_value(next), &err))
			die("a next_cursor the list gave is refused: %s", err.detail);
		if (ts_records_list(st, q, &page2, &err))
			die("the page after next_cursor fails: %s: %s", ts_code_name(err.code), err.detail);
		check_levels(page2);
		json_decref(page2);
	} else if (!json_is_null(next)) {
		die("next_cursor neither a string nor null");
	}
	json_decref(page);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *p, *save = NULL, *pair;
	const ts_entity *e = ts_schema_entity(ts_schema_all(), "states");
	ts_query q;
	int ok = 1;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	p = text;
	{
		char *qm = strchr(p, '?'), *nl = strchr(p, '\n');
		if (qm && (!nl || qm < nl) && qm - p < 64) {
			*qm = '\0';
			if (ts_schema_entity(ts_schema_all(), p))
				e = ts_schema_entity(ts_schema_all(), p);
			p = qm + 1;
		}
	}
	ts_query_init(&q, e);
	ts_store_set_viewer(st, NULL);
	for (pair = strtok_r(p, "&\n", &save); pair && ok; pair = strtok_r(NULL, "&\n", &save)) {
		ts_error err = TS_ERROR_INIT;
		char *eq = strchr(pair, '='), *value = eq ? eq + 1 : NULL, *enc = NULL;
		const char *name = pair;
		int rc;

		if (eq)
			*eq = '\0';
		url_decode(pair);
		if (value)
			url_decode(value);
		if (!strcmp(name, "as")) {
			ts_viewer v = {0};
			if (!ts_roles_parse(value ? value : "", &v.roles, &err))
				ts_store_set_viewer(st, &v);
			continue;
		}
		if (!strcmp(name, "rawcursor")) {
			size_t n = value ? strlen(value) : 0;
			size_t elen = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
			enc = malloc(elen);
			if (!enc)
				break;
			sodium_bin2base64(enc, elen, (const unsigned char *)(value ? value : ""), n,
					  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
			name = "cursor";
			value = enc;
		}
		rc = ts_query_param(&q, name, value, &err);
		if (rc) {
			check_error(&err, "ts_query_param");
			if (err.code != TS_UNKNOWN_PARAMETER && err.code != TS_INVALID_PARAMETER)
				die("ts_query_param failed with %s: %s", ts_code_name(err.code), err.detail);
			ok = 0;
		} else if (err.code != TS_OK) {
			die("ts_query_param succeeded with an error set");
		}
		free(enc);
	}
	if (ok)
		run_list(&q);
	ts_query_free(&q);
	free(text);
	return 0;
}
