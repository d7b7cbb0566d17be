/* Fuzzes list parameters. The input is a query string: name=value pairs separated by '&' (or
 * a newline), no URL decoding. The first line may instead be a collection name followed by
 * '?' ("office-terms?sort=-start&limit=2"); states otherwise. Each pair goes through
 * ts_query_param; a name of "rawcursor" passes its value base64url-encoded as the cursor,
 * so that the JSON inside a cursor is fuzzed too. When every parameter is accepted the list
 * runs against a small store (SQLite in a temporary directory, opened once) and must succeed;
 * when a page has a next_cursor, the next page must be readable with it too.
 *
 *   tools/fuzz.sh query
 */
#include <stdint.h>

#include <sodium.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_store *st;

static const char seed_states[] =
	"id,iso2,gw_code,name_ar,name_en,name_fr,status,accession_year,observer_since,suspended_since,group,notes\n"
	"SAU,SA,670,السعودية,Saudi Arabia,Arabie saoudite,member,1969,,,arab,\n"
	"EGY,EG,651,مصر,Egypt,Égypte,member,1969,,,arab,\n"
	"SYR,SY,652,سوريا,Syria,Syrie,suspended,1970,,2012-08,arab,\n"
	"IDN,ID,850,إندونيسيا,Indonesia,Indonésie,member,1969,,,asian,\n"
	"NGA,NG,475,نيجيريا,Nigeria,Nigéria,member,1986,,,african,\n"
	"GUY,GY,,غيانا,Guyana,Guyana,member,1998,,,,\n"
	"XKX,,,كوسوفو,Kosovo,Kosovo,observer,,2000,,,\n"
	"BIH,BA,346,البوسنة والهرسك,Bosnia and Herzegovina,Bosnie-Herzégovine,observer,,1994,,,\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;

	(void)argc;
	(void)argv;
	st = fuzz_store();
	if (ts_store_begin(st, &err) ||
	    ts_import_csv(st, ts_schema_entity(ts_store_schema(st), "states"), seed_states, strlen(seed_states), &s,
			  &err) ||
	    ts_store_commit(st, &err))
		die("seeding the store: %s", err.detail);
	return 0;
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
	next = json_object_get(page, "next_cursor");
	if (json_is_string(next)) {
		/* the cursor the list gave must be accepted and lead to a readable page */
		json_t *page2 = NULL;
		if (ts_query_param(q, "cursor", json_string_value(next), &err))
			die("a next_cursor the list gave is refused: %s", err.detail);
		if (ts_records_list(st, q, &page2, &err))
			die("the page after next_cursor fails: %s: %s", ts_code_name(err.code), err.detail);
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
	for (pair = strtok_r(p, "&\n", &save); pair && ok; pair = strtok_r(NULL, "&\n", &save)) {
		ts_error err = TS_ERROR_INIT;
		char *eq = strchr(pair, '='), *value = eq ? eq + 1 : NULL, *enc = NULL;
		const char *name = pair;
		int rc;

		if (eq)
			*eq = '\0';
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
