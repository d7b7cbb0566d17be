/* The yearly progress report as CSV, both ways (implementation.h): mandates with the status of
 * their latest report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/csv.h"
#include "views.h"

/* The columns after the mandate's fields: those of its latest report. */
static const char *const status_cols[] = {"status", "progress", "reported_on", "narrative_en"};
enum { NSTATUS = 4 };

static int is_status(const char *name)
{
	for (int k = 0; k < NSTATUS; k++)
		if (!strcmp(name, status_cols[k]))
			return 1;
	return 0;
}

typedef struct writer {
	ts_buf *out;
	int failed;
} writer;

static int export_row(void *ctx, const ts_value *c, int n)
{
	writer *w = ctx;
	char num[32];

	for (int i = 0; i < n; i++) {
		const char *s = "";
		const ts_field *f = i < ts_entity_mandate.nfields ? &ts_entity_mandate.fields[i] : NULL;
		if (c[i].type == TS_V_TEXT) {
			s = c[i].s;
		} else if (c[i].type == TS_V_INT) {
			if (f && f->type == TS_BOOL)
				s = c[i].i ? "true" : "false";
			else {
				snprintf(num, sizeof(num), "%lld", c[i].i);
				s = num;
			}
		}
		if (ts_csv_write_cell(w->out, s, i == n - 1))
			return w->failed = 1;
	}
	return 0;
}

int ts_mandates_status_export(ts_store *st, ts_buf *out, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	ts_buf sql = TS_BUF_INIT, latest = TS_BUF_INIT;
	writer w = {out, 0};
	int rc;

	for (int i = 0; i < ts_entity_mandate.nfields; i++)
		ts_csv_write_cell(out, ts_entity_mandate.fields[i].name, 0);
	for (int i = 0; i < NSTATUS; i++)
		ts_csv_write_cell(out, status_cols[i], i == NSTATUS - 1);
	/* the latest report the viewer reads, by its day and then the moment it was filed */
	ts_buf_adds(&latest, "FROM \"implementation_reports\" r WHERE r.\"mandate\" = m.\"id\" AND ");
	ts_access_sql(v, "r", 1, &latest);
	ts_buf_adds(&latest, " ORDER BY r.\"reported_on\" DESC, r.\"filed_at\" DESC, r.\"id\" DESC LIMIT 1)");
	ts_buf_adds(&sql, "SELECT ");
	for (int i = 0; i < ts_entity_mandate.nfields; i++)
		ts_buf_printf(&sql, "m.\"%s\", ", ts_entity_mandate.fields[i].name);
	for (int i = 0; i < NSTATUS; i++)
		ts_buf_printf(&sql, "%s(SELECT r.\"%s\" %s", i ? ", " : "", status_cols[i], ts_buf_str(&latest));
	ts_buf_adds(&sql, " FROM \"mandates\" m WHERE ");
	ts_access_sql(v, "m", 1, &sql);
	ts_buf_adds(&sql, " ORDER BY m.\"id\"");
	rc = ts_store_exec(st, ts_buf_str(&sql), NULL, 0, export_row, &w, NULL, err);
	ts_buf_free(&sql);
	ts_buf_free(&latest);
	if (rc == 0 && w.failed)
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory writing the progress report");
	return rc;
}

/* The latest report of a mandate the viewer reads, NULL when none. */
static json_t *latest_report(ts_store *st, const char *mandate, ts_error *err)
{
	json_t *all, *last;

	if (iv_timeline(st, mandate, &all, err))
		return NULL;
	last = json_array_size(all) ? json_incref(json_array_get(all, json_array_size(all) - 1)) : NULL;
	json_decref(all);
	return last;
}

static int same_text(const json_t *v, const char *s)
{
	const char *t = json_string_value(v);
	return (!t || !*t) ? !*s : !strcmp(t, s);
}

static int same_int(const json_t *v, const char *s)
{
	char num[32];

	if (!json_is_integer(v))
		return !*s;
	snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
	return !strcmp(num, s);
}

int ts_mandates_status_import(ts_store *st, const char *data, size_t len, ts_import_stats *stats, long *reports,
			      ts_error *err)
{
	ts_csv r;
	ts_buf mcsv = TS_BUF_INIT;
	int col_status[NSTATUS], ncols, got, id_col = -1, rc = -1, last_mandate = -1;
	int is_mandate[TS_CSV_MAX_CELLS];
	json_t *rows = json_array(); /* [[line, id, status, progress, reported_on, narrative]] */
	size_t i;
	json_t *row;

	*reports = 0;
	memset(stats, 0, sizeof(*stats));
	ts_csv_init(&r, data, len);
	if ((got = ts_csv_next(&r, err)) <= 0) {
		if (got == 0)
			ts_fail(err, TS_INVALID_CSV, NULL, "the file is empty; its first line names the columns, as the export "
				"writes them");
		goto done;
	}
	ncols = r.ncells;
	for (int k = 0; k < NSTATUS; k++)
		col_status[k] = -1;
	for (int c = 0; c < ncols; c++) {
		const char *name = ts_csv_cell(&r, c);
		is_mandate[c] = ts_entity_field(&ts_entity_mandate, name) != NULL;
		if (!strcmp(name, "id"))
			id_col = c;
		for (int k = 0; k < NSTATUS; k++)
			if (!strcmp(name, status_cols[k])) {
				if (col_status[k] >= 0) {
					ts_fail(err, TS_INVALID_CSV, name, "column '%s' appears twice", name);
					ts_error_at(err, 0, 'l', r.line);
					goto done;
				}
				col_status[k] = c;
			}
		if (!is_mandate[c] && !is_status(name)) {
			ts_fail(err, TS_UNKNOWN_FIELD, name, "column %d '%.40s' is neither a field of mandates nor one of "
				"status, progress, reported_on, narrative_en", c + 1, name);
			ts_error_at(err, 0, 'l', r.line);
			goto done;
		}
		if (is_mandate[c])
			last_mandate = c;
	}
	for (int c = 0; c < ncols; c++)
		if (is_mandate[c])
			ts_csv_write_cell(&mcsv, ts_csv_cell(&r, c), c == last_mandate);
	if (col_status[0] < 0 && (col_status[1] >= 0 || col_status[2] >= 0 || col_status[3] >= 0)) {
		ts_fail(err, TS_INVALID_CSV, "status", "the report columns need a status column");
		ts_error_at(err, 0, 'l', r.line);
		goto done;
	}
	/* the mandates' own columns go through the mandates' import: the same checks, line by line */
	while ((got = ts_csv_next(&r, err)) == 1) {
		const char *st_cell;
		if (r.ncells != ncols) {
			ts_fail(err, TS_INVALID_CSV, NULL, "%d cells where the header names %d; quote cells that contain commas",
				r.ncells, ncols);
			ts_error_at(err, 0, 'l', r.line);
			goto done;
		}
		for (int c = 0; c < ncols; c++)
			if (is_mandate[c])
				ts_csv_write_cell(&mcsv, ts_csv_cell(&r, c), c == last_mandate);
		st_cell = col_status[0] >= 0 ? ts_csv_cell(&r, col_status[0]) : "";
		if (*st_cell) {
			const char *id = id_col >= 0 ? ts_csv_cell(&r, id_col) : "";
			if (!*id) {
				ts_fail(err, TS_REQUIRED, "id", "a row with a status names its mandate: give the id (the export "
					"writes it)");
				ts_error_at(err, 0, 'l', r.line);
				goto done;
			}
			json_array_append_new(rows, json_pack("[I, s, s, s, s, s]", (json_int_t)r.line, id, st_cell,
				col_status[1] >= 0 ? ts_csv_cell(&r, col_status[1]) : "",
				col_status[2] >= 0 ? ts_csv_cell(&r, col_status[2]) : "",
				col_status[3] >= 0 ? ts_csv_cell(&r, col_status[3]) : ""));
		}
	}
	if (got < 0)
		goto done;
	if (ts_import_csv(st, &ts_entity_mandate, ts_buf_str(&mcsv), mcsv.len, stats, err))
		goto done;
	/* a status that differs from the latest report is a new report: the history keeps both */
	json_array_foreach(rows, i, row) {
		long line = (long)json_integer_value(json_array_get(row, 0));
		const char *id = json_string_value(json_array_get(row, 1));
		const char *status = json_string_value(json_array_get(row, 2));
		const char *progress = json_string_value(json_array_get(row, 3));
		const char *on = json_string_value(json_array_get(row, 4));
		const char *narrative = json_string_value(json_array_get(row, 5));
		json_t *last, *in, *parsed;
		int from = err->nitems;
		ts_error e2 = TS_ERROR_INIT;
		last = latest_report(st, id, &e2);
		if (e2.code) {
			*err = e2;
			goto done;
		}
		if (last && same_text(json_object_get(last, "status"), status) &&
		    (!*progress || same_int(json_object_get(last, "progress"), progress)) &&
		    (!*on || same_text(json_object_get(last, "reported_on"), on)) &&
		    (col_status[3] < 0 || same_text(json_object_get(last, "narrative_en"), narrative))) {
			json_decref(last);
			continue;
		}
		json_decref(last);
		in = json_pack("{s:s, s:s}", "mandate", id, "status", status);
		if (*progress) {
			if (!(parsed = ts_field_parse(ts_entity_field(&ts_entity_report, "progress"), progress, err))) {
				json_decref(in);
				ts_error_at(err, from, 'l', line);
				goto done;
			}
			json_object_set_new(in, "progress", parsed);
		}
		if (*on)
			json_object_set_new(in, "reported_on", json_string(on));
		if (*narrative)
			json_object_set_new(in, "narrative_en", json_string(narrative));
		if (ts_record_create(st, &ts_entity_report, in, NULL, err)) {
			json_decref(in);
			ts_error_at(err, from, 'l', line);
			goto done;
		}
		json_decref(in);
		(*reports)++;
	}
	rc = 0;
done:
	ts_csv_free(&r);
	ts_buf_free(&mcsv);
	json_decref(rows);
	return rc;
}
