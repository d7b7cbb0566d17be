/* Fuzzes values and records: the input, as text, is parsed by every field of every entity
 * (ts_field_parse); and when it is a JSON object it is checked as a record of every entity
 * (ts_record_check). Invariants: a parse fails exactly when it reports TS_INVALID_VALUE naming
 * the field; a parsed value passes ts_field_check and survives format -> parse unchanged;
 * details of errors about valid UTF-8 input are valid UTF-8.
 *
 *   tools/fuzz.sh field
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_all(const char *text, int utf8)
{
	const ts_schema *s = ts_schema_all();
	char out[20048 + 64];

	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		for (int j = 0; j < e->nfields; j++) {
			const ts_field *f = &e->fields[j];
			ts_error err = TS_ERROR_INIT;
			json_t *v = ts_field_parse(f, text, &err), *again;
			if (!v) {
				check_error(&err, utf8, f->name);
				if (err.code != TS_INVALID_VALUE && !known_utf8_bug(&err))
					die("%s.%s: parse failed with %s (%s), expected invalid-value", e->collection,
					    f->name, ts_code_name(err.code), err.detail);
				if (strcmp(err.field, f->name))
					die("%s.%s: error names field '%s'", e->collection, f->name, err.field);
				continue;
			}
			if (err.code != TS_OK)
				die("%s.%s: parsed with an error set", e->collection, f->name);
			if (ts_field_check(f, v, &err))
				die("%s.%s: parsed value fails the check: %s", e->collection, f->name, err.detail);
			if (json_is_null(v) != !*text)
				die("%s.%s: null from non-empty text or value from empty text", e->collection, f->name);
			ts_field_format(f, v, out, sizeof(out));
			again = ts_field_parse(f, out, &err);
			if (!again)
				die("%s.%s: formatted value '%s' does not parse: %s", e->collection, f->name, out,
				    err.detail);
			if (!json_equal(v, again))
				die("%s.%s: value changed in format -> parse", e->collection, f->name);
			json_decref(again);
			json_decref(v);
		}
	}
}

static void check_records(const json_t *rec, int utf8)
{
	const ts_schema *s = ts_schema_all();

	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		ts_error err = TS_ERROR_INIT;
		int rc = ts_record_check(e, rec, &err);
		if (rc) {
			check_error(&err, utf8, e->collection);
			for (int k = 0; k < err.nitems; k++)
				if (err.items[k].code != TS_UNKNOWN_FIELD && err.items[k].code != TS_REQUIRED &&
				    err.items[k].code != TS_INVALID_VALUE && err.items[k].code != TS_INVALID_JSON)
					die("%s: record check gave %s", e->collection, ts_code_name(err.items[k].code));
		} else if (err.nitems || err.code != TS_OK) {
			die("%s: record passed with errors recorded", e->collection);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	int utf8;
	json_t *j;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	utf8 = utf8_ok(text, strlen(text));
	parse_all(text, utf8);
	j = json_loadb((const char *)data, size, 0, NULL);
	if (j) {
		/* jansson only accepts valid UTF-8, so every detail must be valid UTF-8 too */
		check_records(j, 1);
		json_decref(j);
	}
	free(text);
	return 0;
}
