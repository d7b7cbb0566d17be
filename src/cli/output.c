/* Printing records and errors. */
#include <pwd.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int report(const ts_error *err)
{
	ts_code code = err->code == TS_OK ? TS_INTERNAL : err->code;

	fprintf(stderr, "error: %s: %s\n", ts_code_title(code, TS_EN), err->detail);
	for (int i = 1; i < err->nitems; i++)
		fprintf(stderr, "error: %s\n", err->items[i].detail);
	if (*ts_code_hint(code, TS_EN))
		fprintf(stderr, "hint: %s\n", ts_code_hint(code, TS_EN));
	return code == TS_USAGE ? EXIT_USAGE : EXIT_ERROR;
}

int open_store(const args *a, ts_store **st, int create)
{
	ts_error err = TS_ERROR_INIT;

	const struct passwd *pw = getpwuid(getuid());
	char actor[96];

	if (ts_store_open(st, arg_get(a, "data", "./var"), create, &err))
		return report(&err);
	/* changes made from the command line are signed with the system account that made them */
	snprintf(actor, sizeof(actor), "cli:%s", pw ? pw->pw_name : "unknown");
	ts_store_set_actor(*st, actor, "local");
	/* who can open the database file can read it all: the CLI reads as an administrator */
	{
		ts_viewer v = {TS_ROLE_ADMIN, "", ""};
		snprintf(v.username, sizeof(v.username), "%.63s", actor);
		ts_store_set_viewer(*st, &v);
	}
	return 0;
}

int get_text_or_json(const args *a, int *json, ts_error *err)
{
	const char *s = arg_get(a, "format", "text");

	if (strcmp(s, "text") && strcmp(s, "json"))
		return ts_fail(err, TS_USAGE, "format", "unknown format '%.40s'; use --format text or json", s);
	*json = !strcmp(s, "json");
	return 0;
}

void print_json(FILE *out, const json_t *j)
{
	json_dumpf(j, out, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	fputc('\n', out);
}

int get_format(const args *a, out_format *f, int allow_text, ts_error *err)
{
	const char *s = arg_get(a, "format", allow_text ? "text" : "csv");

	if (allow_text && !strcmp(s, "text"))
		*f = FMT_TEXT;
	else if (!strcmp(s, "json"))
		*f = FMT_JSON;
	else if (!strcmp(s, "csv"))
		*f = FMT_CSV;
	else
		return ts_fail(err, TS_USAGE, "format", "unknown format '%.40s'; use --format %s", s,
			       allow_text ? "text, json or csv" : "csv or json");
	return 0;
}

/* Width on a terminal, counting code points (Arabic and Latin letters take one column). */
static int width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Short fields in English, for tables: no long texts, no names in other languages. */
static int in_table(const ts_field *f)
{
	size_t n = strlen(f->name);

	if (f->flags & TS_F_LONG)
		return 0;
	if (n > 3 && (!strcmp(f->name + n - 3, "_ar") || !strcmp(f->name + n - 3, "_fr")))
		return 0;
	return 1;
}

#define CELL 512

void print_records(FILE *out, const ts_entity *e, json_t *items, out_format f)
{
	size_t i;
	json_t *rec;
	char cell[CELL];

	if (f == FMT_JSON) {
		print_json(out, items);
		return;
	}
	if (f == FMT_CSV) {
		ts_buf b = TS_BUF_INIT;
		ts_error err = TS_ERROR_INIT;
		if (ts_csv_write_records(&b, e, items, &err))
			report(&err);
		else
			fwrite(ts_buf_str(&b), 1, b.len, out);
		ts_buf_free(&b);
		return;
	}
	{
		int w[64] = {0};
		for (int k = 0; k < e->nfields && k < 64; k++)
			w[k] = in_table(&e->fields[k]) ? width(e->fields[k].name) : 0;
		json_array_foreach(items, i, rec) {
			for (int k = 0; k < e->nfields && k < 64; k++) {
				if (!in_table(&e->fields[k]))
					continue;
				ts_field_format(&e->fields[k], json_object_get(rec, e->fields[k].name), cell, 60);
				if (width(cell) > w[k])
					w[k] = width(cell);
			}
		}
		for (int k = 0; k < e->nfields && k < 64; k++)
			if (w[k])
				fprintf(out, "%s%-*s", k ? "  " : "", w[k], e->fields[k].name);
		fputc('\n', out);
		json_array_foreach(items, i, rec) {
			for (int k = 0; k < e->nfields && k < 64; k++) {
				if (!w[k])
					continue;
				ts_field_format(&e->fields[k], json_object_get(rec, e->fields[k].name), cell, 60);
				fprintf(out, "%s%s%*s", k ? "  " : "", cell, w[k] - width(cell), "");
			}
			fputc('\n', out);
		}
	}
}

void print_record(FILE *out, const ts_entity *e, json_t *rec, out_format f)
{
	char num[32];

	if (f == FMT_TEXT) {
		for (int k = 0; k < e->nfields; k++)
			fprintf(out, "%-18s %s\n", e->fields[k].name,
				ts_field_text(&e->fields[k], json_object_get(rec, e->fields[k].name), num));
		return;
	}
	if (f == FMT_JSON) {
		print_json(out, rec);
		return;
	}
	{
		json_t *one = json_pack("[O]", rec);
		print_records(out, e, one, f);
		json_decref(one);
	}
}

char *read_file(const char *path, size_t *len, ts_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	ts_buf b = TS_BUF_INIT;
	char chunk[65536];
	size_t n;

	b.max = (size_t)1 << 30;
	if (!f) {
		ts_fail(err, TS_IO, "FILE", "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (ts_buf_add(&b, chunk, n)) {
			ts_fail(err, TS_IO, "FILE", "'%s' is larger than 1 GiB", path);
			break;
		}
	if (ferror(f) && !err->code)
		ts_fail(err, TS_IO, "FILE", "cannot read '%s': %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (err->code) {
		ts_buf_free(&b);
		return NULL;
	}
	return ts_buf_detach(&b, len);
}

int write_output(const char *path, const char *data, size_t len, ts_error *err)
{
	FILE *out = path ? fopen(path, "wb") : stdout;

	if (!out)
		return ts_fail(err, TS_IO, "output", "cannot write '%s': %s", path, strerror(errno));
	fwrite(data, 1, len, out);
	if (path ? fclose(out) != 0 : fflush(out) != 0)
		return ts_fail(err, TS_IO, "output", "cannot write '%s': %s", path ? path : "standard output", strerror(errno));
	return 0;
}

const char *json_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "-";
}

long json_num(const json_t *o, const char *k) { return (long)json_integer_value(json_object_get(o, k)); }

int print_json_free(json_t *j)
{
	print_json(stdout, j);
	json_decref(j);
	return EXIT_OK;
}

int day_option(const args *a, const char **on, ts_error *err)
{
	*on = arg_get(a, "on", NULL);
	if (*on && (strlen(*on) != 10 || !ts_pdate_valid(*on)))
		return ts_fail(err, TS_USAGE, "on", "--on '%.20s' is not a day YYYY-MM-DD", *on);
	return 0;
}

int range_option(const args *a, const char *name, long min, long max, const char *what, long *out, ts_error *err)
{
	const char *v = arg_get(a, name, NULL);
	char *end;
	long n;

	if (!v)
		return 0;
	n = strtol(v, &end, 10);
	if (!*v || *end || n < min || n > max)
		return ts_fail(err, TS_USAGE, name, "--%s '%.20s' is not %s", name, v, what);
	*out = n;
	return 0;
}

int lang_option(const args *a, ts_lang *lang, ts_error *err)
{
	const char *l = arg_get(a, "lang", "en");

	if (strcmp(l, "ar") && strcmp(l, "en") && strcmp(l, "fr"))
		return ts_fail(err, TS_USAGE, "lang", "--lang '%.20s' is not one of ar, en, fr", l);
	*lang = ts_lang_from_header(l);
	return 0;
}
