/* Fuzzes the resolution-code parser (rescode.h). Invariants: a parse fails exactly with
 * TS_INVALID_VALUE naming the field and giving the N/SS-CAT form; a parsed code has a number and
 * session in range; formatting it (Latin, and Arabic with the same category) and parsing again
 * gives the same code; its slug is a valid id.
 *
 *   tools/fuzz.sh rescode
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[256], out[TS_RESCODE_MAX], slug[96];
	ts_rescode c, again;
	ts_error err = TS_ERROR_INIT;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (ts_rescode_parse(text, &c, "code", &err)) {
		check_error(&err, "parse");
		if (err.code != TS_INVALID_VALUE || strcmp(err.field, "code") || !strstr(err.detail, "N/SS-CAT"))
			die("a bad code failed with %s on '%s': %s", ts_code_name(err.code), err.field, err.detail);
		return 0;
	}
	if (c.number < 1 || c.number > 9999 || c.session < 1 || c.session > 999 || !c.category[0])
		die("parsed out of range: %d/%d-%s", c.number, c.session, c.category);
	if (ts_utf8_len(c.category) < 0)
		die("the category is not valid UTF-8");
	if (ts_rescode_format(&c, c.category, c.arabic, out, sizeof(out)))
		die("a parsed code does not format");
	if (ts_rescode_parse(out, &again, "code", &err))
		die("'%s' (formatted from '%s') does not parse: %s", out, text, err.detail);
	if (again.number != c.number || again.session != c.session || again.summit != c.summit ||
	    again.arabic != c.arabic || strcmp(again.category, c.category))
		die("'%s' -> '%s' does not round-trip", text, out);
	if (!c.arabic) {
		ts_field id = {"id", TS_TEXT, TS_F_KEY, {"", "", ""}, 63, 0, 0, TS_P_SLUG, NULL, NULL, NULL};
		json_t *j;
		if (ts_rescode_slug(&c, c.category, slug, sizeof(slug)) == 0) {
			j = json_string(slug);
			if (ts_field_check(&id, j, &err))
				die("slug '%s' of '%s' is not a valid id: %s", slug, text, err.detail);
			json_decref(j);
		}
	}
	return 0;
}
