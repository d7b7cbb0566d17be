/* Everything about a value and a record that follows from the entity description alone:
 * checking, parsing text forms, formatting, and describing the schema to clients. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/schema.h"
#include "tansiq/utf8.h"

const ts_entity *ts_schema_entity(const ts_schema *s, const char *key)
{
	if (!key)
		return NULL;
	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		if (strcmp(e->collection, key) == 0 || strcmp(e->name, key) == 0)
			return e;
	}
	return NULL;
}

const ts_field *ts_entity_field(const ts_entity *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return &e->fields[i];
	return NULL;
}

void ts_entity_table(const ts_entity *e, char *out, size_t size)
{
	size_t i;

	for (i = 0; e->collection[i] && i + 1 < size; i++)
		out[i] = e->collection[i] == '-' ? '_' : e->collection[i];
	out[i] = '\0';
}

const ts_field *ts_entity_title_field(const ts_entity *e, ts_lang lang)
{
	const char *suffix = lang == TS_AR ? "_ar" : lang == TS_FR ? "_fr" : "_en";
	const ts_field *en = NULL;

	for (int i = 0; i < e->nfields; i++) {
		const ts_field *f = &e->fields[i];
		size_t n = strlen(f->name);
		if (!(f->flags & TS_F_TITLE))
			continue;
		if (n > 3 && strcmp(f->name + n - 3, suffix) == 0)
			return f;
		if (!en)
			en = f;
	}
	return en ? en : &e->fields[0];
}

int ts_month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

int ts_pdate_cmp(const char *a, const char *b)
{
	size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);

	return strncmp(a, b, n);
}

int ts_pdate_valid(const char *s)
{
	size_t n = strlen(s);
	int y, m = 1, d = 1;

	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	y = atoi(s);
	if (n >= 7)
		m = atoi(s + 5);
	if (n == 10)
		d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= ts_month_days(y, m);
}


int ts_username_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 2 && n <= 63 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static int pattern_ok(ts_pattern p, const char *s)
{
	size_t n = strlen(s);

	switch (p) {
	case TS_P_NONE:
		return 1;
	case TS_P_ISO3:
	case TS_P_ISO2:
		if (n != (p == TS_P_ISO3 ? 3u : 2u))
			return 0;
		for (size_t i = 0; i < n; i++)
			if (s[i] < 'A' || s[i] > 'Z')
				return 0;
		return 1;
	case TS_P_SLUG:
		if (n < 1 || n > 63 || s[0] == '-')
			return 0;
		for (size_t i = 0; i < n; i++)
			if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
				return 0;
		return 1;
	case TS_P_USERNAME:
		return ts_username_valid(s);
	}
	return 0;
}

const char *ts_pattern_regex(ts_pattern p)
{
	switch (p) {
	case TS_P_ISO3: return "^[A-Z]{3}$";
	case TS_P_ISO2: return "^[A-Z]{2}$";
	case TS_P_SLUG: return "^[a-z0-9][a-z0-9-]{0,62}$";
	case TS_P_USERNAME: return "^[a-z0-9._-]{2,63}$";
	default: return NULL;
	}
}

static const char *type_name(ts_type t)
{
	switch (t) {
	case TS_TEXT: return "text";
	case TS_INT: return "integer";
	case TS_BOOL: return "boolean";
	case TS_ENUM: return "enum";
	case TS_PDATE: return "date";
	case TS_REF: return "reference";
	case TS_REAL: return "number";
	}
	return "?";
}

int ts_field_max_len(const ts_field *f)
{
	if (f->max_len)
		return f->max_len;
	return (f->flags & TS_F_LONG) ? 20000 : 200;
}

static void enum_list(const ts_field *f, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (const ts_enum_value *v = f->values; v && v->value && n + 1 < size; v++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", v->value);
}

int ts_field_check(const ts_field *f, const json_t *v, ts_error *err)
{
	char list[256], a[32], b[32], c[32];

	if (!v || json_is_null(v))
		return 0;
	switch (f->type) {
	case TS_TEXT:
	case TS_REF: {
		static const ts_msg pattern_msg[] = {TS_M_NONE, TS_M_ISO3, TS_M_ISO2, TS_M_SLUG, TS_M_USERNAME};
		const char *s;
		long n;
		if (!json_is_string(v))
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_TEXT_TYPE, NULL, NULL, NULL, NULL);
		s = json_string_value(v);
		n = ts_utf8_len(s);
		if (n < 0)
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_UTF8, NULL, NULL, NULL, NULL);
		/* the pattern first: it says what to write, not only how long */
		if (!pattern_ok(f->pattern, s)) {
			char shown[64];
			snprintf(shown, sizeof(shown), "%.60s", s);
			return ts_failm(err, TS_INVALID_VALUE, f->name, pattern_msg[f->pattern], shown, NULL, NULL, NULL);
		}
		if (f->type == TS_TEXT && n > ts_field_max_len(f)) {
			snprintf(a, sizeof(a), "%ld", n);
			snprintf(b, sizeof(b), "%d", ts_field_max_len(f));
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_TOO_LONG, a, b, NULL, NULL);
		}
		if (f->type == TS_REF && (n == 0 || n > 64))
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_REF_FORMAT, f->ref, NULL, NULL, NULL);
		return 0;
	}
	case TS_INT: {
		long long i;
		if (!json_is_integer(v))
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_INT_TYPE, NULL, NULL, NULL, NULL);
		i = json_integer_value(v);
		if (f->min < f->max && (i < f->min || i > f->max)) {
			snprintf(a, sizeof(a), "%lld", i);
			snprintf(b, sizeof(b), "%ld", f->min);
			snprintf(c, sizeof(c), "%ld", f->max);
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_RANGE, a, b, c, NULL);
		}
		return 0;
	}
	case TS_REAL: {
		double d;
		if (!json_is_number(v) || !isfinite(json_number_value(v)))
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_NUMBER_TYPE, NULL, NULL, NULL, NULL);
		d = json_number_value(v);
		if (f->min < f->max && (d < (double)f->min || d > (double)f->max)) {
			snprintf(a, sizeof(a), "%.10g", d);
			snprintf(b, sizeof(b), "%ld", f->min);
			snprintf(c, sizeof(c), "%ld", f->max);
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_RANGE, a, b, c, NULL);
		}
		return 0;
	}
	case TS_BOOL:
		if (!json_is_boolean(v))
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_BOOL, NULL, NULL, NULL, NULL);
		return 0;
	case TS_ENUM: {
		const char *s = json_string_value(v);
		char shown[64];
		if (s)
			for (const ts_enum_value *e = f->values; e->value; e++)
				if (strcmp(e->value, s) == 0)
					return 0;
		enum_list(f, list, sizeof(list));
		if (!s)
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_ENUM_TYPE, list, NULL, NULL, NULL);
		snprintf(shown, sizeof(shown), "%.60s", s);
		return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_ENUM, shown, list, NULL, NULL);
	}
	case TS_PDATE: {
		const char *s = json_string_value(v);
		char shown[64];
		if (!s || !ts_pdate_valid(s)) {
			snprintf(shown, sizeof(shown), "%.40s", s ? s : "");
			return ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_DATE, shown, NULL, NULL, NULL);
		}
		return 0;
	}
	}
	return 0;
}

/* A text that is not a value of the field's type: refused, the text shown (cut), NULL. */
static json_t *unparsed(const ts_field *f, const char *text, ts_msg m, ts_error *err)
{
	char shown[64];

	snprintf(shown, sizeof(shown), "%.60s", text);
	ts_failm(err, TS_INVALID_VALUE, f->name, m, shown, NULL, NULL, NULL);
	return NULL;
}

json_t *ts_field_parse(const ts_field *f, const char *text, ts_error *err)
{
	json_t *v;

	if (!text || !*text)
		return json_null();
	switch (f->type) {
	case TS_INT: {
		char *end;
		long long i;
		errno = 0;
		i = strtoll(text, &end, 10);
		if (errno || *end || end == text || !(text[0] == '-' || (text[0] >= '0' && text[0] <= '9')))
			return unparsed(f, text, TS_M_NOT_INT, err);
		v = json_integer(i);
		break;
	}
	case TS_REAL: {
		char *end;
		double d;
		errno = 0;
		d = strtod(text, &end);
		/* digits, an optional sign, point and exponent: no "nan", "inf" or hexadecimal */
		if (errno || *end || end == text || strspn(text, "+-0123456789.eE") != strlen(text) || !isfinite(d))
			return unparsed(f, text, TS_M_NOT_NUMBER, err);
		v = json_real(d);
		break;
	}
	case TS_BOOL:
		if (!strcmp(text, "true") || !strcmp(text, "1") || !strcmp(text, "yes"))
			v = json_true();
		else if (!strcmp(text, "false") || !strcmp(text, "0") || !strcmp(text, "no"))
			v = json_false();
		else
			return unparsed(f, text, TS_M_NOT_BOOL, err);
		break;
	default:
		if (ts_utf8_len(text) < 0) {
			ts_failm(err, TS_INVALID_VALUE, f->name, TS_M_UTF8, NULL, NULL, NULL, NULL);
			return NULL;
		}
		v = json_string(text);
		break;
	}
	if (!v) {
		ts_fail(err, TS_INTERNAL, f->name, "out of memory");
		return NULL;
	}
	if (ts_field_check(f, v, err)) {
		json_decref(v);
		return NULL;
	}
	return v;
}

const char *ts_field_text(const ts_field *f, const json_t *v, char num[32])
{
	(void)f;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(num, 32, "%lld", (long long)json_integer_value(v));
		return num;
	}
	if (json_is_real(v)) {
		snprintf(num, 32, "%.10g", json_real_value(v));
		return num;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return "";
}

void ts_field_format(const ts_field *f, const json_t *v, char *out, size_t size)
{
	char num[32];
	const char *s = ts_field_text(f, v, num);
	size_t n = strlen(s);

	if (!size)
		return;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* s[n] would be a continuation byte: cut before its character */
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

static int given(const json_t *rec, const char *name)
{
	const json_t *v = json_object_get(rec, name);
	return v && !json_is_null(v) && !(json_is_string(v) && !*json_string_value(v));
}

/* A restricted record names the team that may read it (access.h); kinds of records without a
 * team field cannot be restricted. */
static void restricted_check(const ts_entity *e, const json_t *rec, ts_error *err)
{
	const char *level = json_string_value(json_object_get(rec, "level"));

	if (!level || strcmp(level, "restricted"))
		return;
	if (!ts_entity_field(e, "team"))
		ts_failm(err, TS_INVALID_VALUE, "level", TS_M_NO_TEAM, e->collection, NULL, NULL, NULL);
	else if (!given(rec, "team"))
		ts_failm(err, TS_REQUIRED, "team", TS_M_REQUIRED_IF, "level", "restricted", NULL, NULL);
}

int ts_record_check(const ts_entity *e, const json_t *rec, ts_error *err)
{
	const char *key;
	json_t *v;
	int before = err->nitems;

	if (!json_is_object(rec))
		return ts_fail(err, TS_INVALID_JSON, NULL, "a %s must be a JSON object", e->name);
	json_object_foreach((json_t *)rec, key, v) {
		const ts_field *f = ts_entity_field(e, key);
		if (!f) {
			char shown[48];
			snprintf(shown, sizeof(shown), "%.40s", key);
			ts_failm(err, TS_UNKNOWN_FIELD, shown, TS_M_UNKNOWN_FIELD, e->name, NULL, NULL, NULL);
		}
		else
			ts_field_check(f, v, err);
	}
	for (int i = 0; i < e->nfields; i++) {
		const ts_field *f = &e->fields[i];
		if ((f->flags & TS_F_REQUIRED) && !given(rec, f->name))
			ts_failm(err, TS_REQUIRED, f->name, TS_M_REQUIRED, NULL, NULL, NULL, NULL);
	}
	for (int i = 0; i < e->nrules; i++) {
		const ts_rule *r = &e->rules[i];
		switch (r->kind) {
		case TS_RULE_REQUIRED_IF: {
			const char *b = json_string_value(json_object_get(rec, r->b));
			if (b && strcmp(b, r->value) == 0 && !given(rec, r->a))
				ts_failm(err, TS_REQUIRED, r->a, TS_M_REQUIRED_IF, r->b, r->value, NULL, NULL);
			break;
		}
		case TS_RULE_ONE_OF:
			if (given(rec, r->a) == given(rec, r->b))
				ts_failm(err, TS_INVALID_VALUE, r->a, TS_M_ONE_OF, r->a, r->b, NULL, NULL);
			break;
		case TS_RULE_NOT_BEFORE: {
			const char *a = json_string_value(json_object_get(rec, r->a));
			const char *b = json_string_value(json_object_get(rec, r->b));
			/* compare on the common precision: 2019 is not before 2019-05 */
			if (a && b && ts_pdate_cmp(a, b) < 0)
				ts_failm(err, TS_INVALID_VALUE, r->a, TS_M_NOT_BEFORE, a, r->b, b, NULL);
			break;
		}
		case TS_RULE_UNIQUE_WITH: /* needs the other records: checked by the store (records.c) */
			break;
		}
	}
	restricted_check(e, rec, err);
	return err->nitems > before ? -1 : 0;
}

static json_t *labels(const char *const l[TS_LANG_COUNT])
{
	return json_pack("{s:s, s:s, s:s}", "ar", l[TS_AR] ? l[TS_AR] : "", "en",
			 l[TS_EN] ? l[TS_EN] : "", "fr", l[TS_FR] ? l[TS_FR] : "");
}

json_t *ts_schema_describe(const ts_schema *s)
{
	json_t *out = json_array();

	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		json_t *fields = json_array();
		for (int j = 0; j < e->nfields; j++) {
			const ts_field *f = &e->fields[j];
			json_t *o = json_pack("{s:s, s:s, s:b, s:b, s:b, s:o}", "name", f->name, "type",
					      type_name(f->type), "required", !!(f->flags & TS_F_REQUIRED),
					      "unique", !!(f->flags & TS_F_UNIQUE), "long", !!(f->flags & TS_F_LONG),
					      "labels", labels(f->label));
			if (f->flags & TS_F_DERIVED)
				json_object_set_new(o, "derived", json_true());
			if (f->type == TS_TEXT)
				json_object_set_new(o, "max_length", json_integer(ts_field_max_len(f)));
			if ((f->type == TS_INT || f->type == TS_REAL) && f->min < f->max) {
				json_object_set_new(o, "min", json_integer(f->min));
				json_object_set_new(o, "max", json_integer(f->max));
			}
			if (f->pattern)
				json_object_set_new(o, "pattern", json_string(ts_pattern_regex(f->pattern)));
			if (f->type == TS_REF) {
				const ts_entity *r = ts_schema_entity(s, f->ref);
				json_object_set_new(o, "ref", json_string(r ? r->collection : f->ref));
			}
			if (f->flags & TS_F_KEY)
				json_object_set_new(o, "auto", json_boolean(e->flags & TS_E_AUTO_ID));
			if (f->example)
				json_object_set_new(o, "example", json_string(f->example));
			if (f->type == TS_ENUM) {
				json_t *vals = json_array();
				for (const ts_enum_value *v = f->values; v->value; v++)
					json_array_append_new(vals, json_pack("{s:s, s:o}", "value", v->value,
									      "labels", labels(v->label)));
				json_object_set_new(o, "values", vals);
			}
			json_array_append_new(fields, o);
		}
		json_t *together = json_array();
		for (int j = 0; j < e->nrules; j++)
			if (e->rules[j].kind == TS_RULE_UNIQUE_WITH)
				json_array_append_new(together, e->rules[j].value
					? json_pack("[s, s, s]", e->rules[j].a, e->rules[j].b, e->rules[j].value)
					: json_pack("[s, s]", e->rules[j].a, e->rules[j].b));
		json_array_append_new(out, json_pack("{s:s, s:s, s:o, s:b, s:b, s:b, s:s, s:o, s:o}", "name", e->name,
						     "collection", e->collection, "labels", labels(e->label),
						     "auto_id", !!(e->flags & TS_E_AUTO_ID), "actions",
						     !!(e->flags & TS_E_ACTIONS), "append_only", !!(e->flags & TS_E_APPEND_ONLY),
						     "default_sort", e->default_sort,
						     "unique_together", together, "fields", fields));
	}
	return json_pack("{s:o}", "entities", out);
}
