/* Fuzzes values and records: the input, as text, is parsed by every field of every entity
 * (ts_field_parse); and when it is a JSON object it is checked as a record of every entity
 * (ts_record_check). Invariants: a parse fails exactly when it reports TS_INVALID_VALUE naming
 * the field; a parsed value passes ts_field_check and survives text form -> parse unchanged;
 * errors satisfy check_error() (fuzz_common.h).
 *
 *   tools/fuzz.sh field
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_all(const char *text)
{
	const ts_schema *s = ts_schema_all();
	char num[32], cut[24];

	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		for (int j = 0; j < e->nfields; j++) {
			const ts_field *f = &e->fields[j];
			ts_error err = TS_ERROR_INIT;
			json_t *v = ts_field_parse(f, text, &err), *again;
			if (!v) {
				check_error(&err, f->name);
				if (err.code != TS_INVALID_VALUE)
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
			{
				/* the text form (CSV export) parses back to the same value */
				const char *out = ts_field_text(f, v, num);
				again = ts_field_parse(f, out, &err);
				if (!again)
					die("%s.%s: text form '%s' does not parse: %s", e->collection, f->name, out,
					    err.detail);
				if (!json_equal(v, again))
					die("%s.%s: value changed in text -> parse", e->collection, f->name);
				json_decref(again);
			}
			/* the form cut for text tables stays valid UTF-8 */
			ts_field_format(f, v, cut, sizeof(cut));
			if (strlen(cut) >= sizeof(cut) || !utf8_ok(cut, strlen(cut)))
				die("%s.%s: cut form is not valid UTF-8", e->collection, f->name);
			json_decref(v);
		}
	}
}

static void check_records(const json_t *rec)
{
	const ts_schema *s = ts_schema_all();

	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		ts_error err = TS_ERROR_INIT;
		int rc = ts_record_check(e, rec, &err);
		if (rc) {
			check_error(&err, e->collection);
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
	json_t *j;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	parse_all(text);
	j = json_loadb((const char *)data, size, 0, NULL);
	if (j) {
		check_records(j);
		json_decref(j);
	}
	free(text);
	return 0;
}
