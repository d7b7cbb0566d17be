/* The UCDP/PRIO Armed Conflict Dataset (feeds.h): one row per conflict and year, written as
 * conflicts ("ucdp-<conflict_id>") and conflict-years ("ucdp-<conflict_id>-<year>") through the
 * generic record layer (a few thousand records: its checks and audit entries cost little), each
 * created, updated or left as it is. */
#include <stdlib.h>
#include <string.h>

#include "tansiq/conflicts.h"
#include "tansiq/records.h"
#include "tansiq/utf8.h"
#include "feeds_int.h"

#define ACD_MAX_ROWS 100000

enum acd_col {
	D_CONFLICT, D_LOCATION, D_SIDE_A, D_SIDE_B, D_INCOMP, D_TERRITORY, D_YEAR, D_INTENSITY, D_TYPE, D_START, D_EP_END,
	D_EP_END_DATE, D_GWNO_LOC, D_VERSION, NACD
};
static const char *const acd_names[NACD] = {
	"conflict_id", "location", "side_a", "side_b", "incompatibility", "territory_name", "year", "intensity_level",
	"type_of_conflict", "start_date", "ep_end", "ep_end_date", "gwno_loc", "version",
};

typedef struct acd_row {
	long conflict, year, intensity, type, incomp, ep_end;
	char *location, *side_a, *side_b, *territory, *start, *end, *countries, *missing, *version;
	long line;
} acd_row;

static int by_conflict_year(const void *a, const void *b)
{
	const acd_row *x = a, *y = b;

	if (x->conflict != y->conflict)
		return x->conflict < y->conflict ? -1 : 1;
	return (x->year > y->year) - (x->year < y->year);
}

static void row_free(acd_row *r)
{
	free(r->location);
	free(r->side_a);
	free(r->side_b);
	free(r->territory);
	free(r->start);
	free(r->end);
	free(r->countries);
	free(r->missing);
	free(r->version);
}

/* A copy of a cell without its leading spaces, cut to max bytes, and without the bytes that are not
 * UTF-8 (a character cut by the limit, or a file in another encoding); NULL for an empty cell. *oom
 * set when out of memory. */
static char *copy(const char *s, size_t max, int *oom)
{
	char *c;
	size_t n;

	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	n = strlen(s);
	if (n > max)
		n = max;
	if (!(c = malloc(n + 1))) {
		*oom = 1;
		return NULL;
	}
	memcpy(c, s, n);
	c[n] = '\0';
	ts_utf8_sanitize(c);
	return c;
}

struct gw_list {
	const country_index *ci;
	ts_buf *iso, *missing;
};

static int gw_item(void *ctx, const char *item, size_t len)
{
	struct gw_list *l = ctx;
	long gw;
	const char *c;

	if (len >= 16 || parse_long(item, 1, 999, &gw))
		return -1;
	if ((c = country_by_gw(l->ci, gw))) {
		if (!strstr(ts_buf_str(l->iso), c))
			ts_buf_printf(l->iso, "%s%s", l->iso->len ? " " : "", c);
	} else if (!strstr(ts_buf_str(l->missing), item)) {
		ts_buf_printf(l->missing, "%s%s", l->missing->len ? ", " : "", item);
	}
	return 0;
}

/* The ISO codes of a list of Gleditsch-Ward codes ("651, 666"); codes without a country today
 * (751 Hyderabad, 817 South Vietnam, 680 South Yemen) go to *missing. -1 when the list is not
 * numbers. */
static int gw_list(const country_index *ci, const char *list, ts_buf *iso, ts_buf *missing)
{
	struct gw_list l = {ci, iso, missing};

	return ts_list_each(list, gw_item, &l);
}

static const char *const incompatibilities[] = {"territory", "government", "both"};

/* A day at the start of cell c ("1983-05-17", a time after it ignored) into day; -1 when there is none. */
static int cell_day(const char *c, char day[11])
{
	if (strlen(c) < 10)
		return -1;
	memcpy(day, c, 10);
	day[10] = '\0';
	return ts_pdate_valid(day) ? 0 : -1;
}

/* Parses one row: 0, 1 when rejected (skip_invalid), -1 on failure. */
static int acd_parse(const int *col, scanner *sc, const country_index *ci, const ts_feed_opts *o, ts_feed_stats *s,
		     acd_row *r, ts_error *err)
{
	const char *c;
	char day[11];
	ts_buf iso = TS_BUF_INIT, missing = TS_BUF_INIT;
	int oom = 0;

#define CELLD(k) (col[k] >= 0 ? scan_cell(sc, col[k]) : "")
#define REJECTD(field, value, ...) return feed_reject(o, s, sc->line, field, value, err, __VA_ARGS__) ? -1 : 1
	memset(r, 0, sizeof(*r));
	r->line = sc->line;
	if (parse_long(c = CELLD(D_CONFLICT), 1, 999999, &r->conflict))
		REJECTD("conflict_id", c, "the conflict's id is a whole number (UCDP's conflict_id)");
	if (parse_long(c = CELLD(D_YEAR), 1946, 2100, &r->year))
		REJECTD("year", c, "the year is a whole number from 1946 to 2100");
	if (parse_long(c = CELLD(D_INTENSITY), 1, 2, &r->intensity))
		REJECTD("intensity_level", c, "the intensity is 1 (minor: 25 to 999 deaths) or 2 (war: 1,000 or more)");
	if (parse_long(c = CELLD(D_TYPE), 1, 4, &r->type))
		REJECTD("type_of_conflict", c, "the type of conflict is 1 (extrasystemic), 2 (interstate), 3 (intrastate) or "
			"4 (internationalised intrastate)");
	if (*(c = CELLD(D_INCOMP)) && parse_long(c, 1, 3, &r->incomp))
		REJECTD("incompatibility", c, "the incompatibility is 1 (territory), 2 (government) or 3 (both)");
	if (*(c = CELLD(D_EP_END)) && parse_long(c, 0, 1, &r->ep_end))
		REJECTD("ep_end", c, "ep_end is 1 when the episode ended this year, else 0");
	if (*(c = CELLD(D_START))) {
		if (cell_day(c, day))
			REJECTD("start_date", c, "not a day: write 1983-05-17");
		r->start = copy(day, 10, &oom);
	}
	if (*(c = CELLD(D_EP_END_DATE))) {
		if (cell_day(c, day))
			REJECTD("ep_end_date", c, "not a day: write 2012-12-21");
		r->end = copy(day, 10, &oom);
	}
	c = CELLD(D_LOCATION);
	if (!c[strspn(c, " ")]) /* spaces only: copy() would give NULL */
		REJECTD("location", c, "a conflict-year names its location");
	r->location = copy(c, 400, &oom);
	/* the last check: iso and missing are freed on every way out from here */
	if (gw_list(ci, c = CELLD(D_GWNO_LOC), &iso, &missing)) {
		ts_buf_free(&iso);
		ts_buf_free(&missing);
		REJECTD("gwno_loc", c, "the location is a list of Gleditsch-Ward codes separated by commas (625, 626)");
	}
	r->side_a = copy(CELLD(D_SIDE_A), 1000, &oom);
	r->side_b = copy(CELLD(D_SIDE_B), 1000, &oom);
	r->territory = copy(CELLD(D_TERRITORY), 150, &oom);
	r->version = copy(CELLD(D_VERSION), 20, &oom);
	r->countries = copy(ts_buf_str(&iso), 400, &oom);
	r->missing = copy(ts_buf_str(&missing), 200, &oom);
	ts_buf_free(&iso);
	ts_buf_free(&missing);
	if (oom)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	return 0;
#undef CELLD
#undef REJECTD
}

static void put(json_t *o, const char *k, const char *v) { json_object_set_new(o, k, v ? json_string(v) : json_null()); }

/* Creates the record, or updates it when it differs from the one stored. Null values clear a
 * field only when it is set. */
static int upsert(ts_store *st, const ts_entity *e, json_t *rec, int dry, ts_feed_stats *s, ts_error *err)
{
	const char *id = json_string_value(json_object_get(rec, "id"));
	json_t *cur = NULL, *merged;
	ts_error missing = TS_ERROR_INIT;
	const char *k;
	json_t *v;
	void *tmp;
	int rc;

	if (ts_record_get(st, e, id, &cur, &missing)) {
		if (missing.code != TS_NOT_FOUND)
			return ts_fail(err, missing.code, missing.field, "%s", missing.detail);
		json_object_foreach_safe(rec, tmp, k, v)
			if (json_is_null(v))
				json_object_del(rec, k);
		if (!dry && ts_record_create(st, e, rec, NULL, err))
			return -1;
		s->added++;
		return 0;
	}
	json_object_foreach_safe(rec, tmp, k, v)
		if (json_is_null(v) && json_is_null(json_object_get(cur, k) ? json_object_get(cur, k) : json_null()))
			json_object_del(rec, k);
	merged = json_deep_copy(cur);
	json_object_update(merged, rec);
	if (json_equal(merged, cur)) {
		s->unchanged++;
		rc = 0;
	} else {
		json_object_del(rec, "id");
		s->updated++;
		rc = dry ? 0 : ts_record_update(st, e, id, rec, NULL, err);
	}
	json_decref(merged);
	json_decref(cur);
	return rc;
}

/* Writes the conflict of rows a[0..n) (its years, sorted) and its years. */
static int write_conflict(ts_store *st, const acd_row *a, int n, int dry, ts_feed_stats *s, ts_error *err)
{
	const acd_row *last = &a[n - 1];
	char id[32], name[600], source[64], notes[300];
	ts_buf countries = TS_BUF_INIT;
	const char *start = NULL;
	long intensity = 0;
	json_t *c = json_object();
	int rc = 0;

	for (int i = 0; i < n; i++) {
		const char *p = a[i].countries;
		if (a[i].intensity > intensity)
			intensity = a[i].intensity;
		if (a[i].start && (!start || strcmp(a[i].start, start) < 0))
			start = a[i].start;
		while (p && *p) { /* the union of the years' countries */
			char code[4];
			memcpy(code, p, 3);
			code[3] = '\0';
			if (!strstr(ts_buf_str(&countries), code))
				ts_buf_printf(&countries, "%s%s", countries.len ? " " : "", code);
			p += 3;
			p += *p == ' ';
		}
	}
	snprintf(id, sizeof(id), "ucdp-%ld", last->conflict);
	snprintf(name, sizeof(name), "%s: %s", last->location,
		 last->incomp != 2 && last->territory ? last->territory : "Government");
	snprintf(source, sizeof(source), "UCDP/PRIO ACD%s%s", last->version ? " " : "", last->version ? last->version : "");
	notes[0] = '\0';
	for (int i = n - 1; i >= 0; i--)
		if (a[i].missing) {
			snprintf(notes, sizeof(notes), "Located in states that no longer exist (Gleditsch-Ward %s): not among "
				 "the countries", a[i].missing);
			break;
		}
	put(c, "id", id);
	json_object_set_new(c, "ucdp_id", json_integer(last->conflict));
	{
		char cut[201];
		size_t len = strlen(name) < 200 ? strlen(name) : 200;
		memcpy(cut, name, len);
		cut[len] = '\0';
		ts_utf8_sanitize(cut);
		put(c, "name_en", cut);
	}
	put(c, "type", ts_conflict_types[last->type - 1].value); /* ACD's 1 to 4: the list's first four */
	put(c, "incompatibility", last->incomp ? incompatibilities[last->incomp - 1] : NULL);
	put(c, "intensity", intensity == 2 ? "war" : "minor");
	put(c, "location", last->location);
	put(c, "countries", countries.len ? ts_buf_str(&countries) : NULL);
	put(c, "side_a", last->side_a);
	put(c, "side_b", last->side_b);
	put(c, "start", start);
	put(c, "end", last->ep_end == 1 ? last->end : NULL);
	put(c, "source", source);
	put(c, "notes", notes[0] ? notes : NULL);
	ts_buf_free(&countries);
	if (upsert(st, &ts_entity_conflict, c, dry, s, err)) {
		ts_error_at(err, 0, 'l', last->line);
		rc = -1;
	}
	json_decref(c);
	for (int i = 0; !rc && i < n; i++) {
		json_t *y = json_object();
		char yid[48];
		snprintf(yid, sizeof(yid), "%s-%ld", id, a[i].year);
		put(y, "id", yid);
		put(y, "conflict", id);
		json_object_set_new(y, "year", json_integer(a[i].year));
		put(y, "intensity", a[i].intensity == 2 ? "war" : "minor");
		put(y, "type", ts_conflict_types[a[i].type - 1].value);
		put(y, "location", a[i].location);
		put(y, "countries", a[i].countries);
		put(y, "side_a", a[i].side_a);
		put(y, "side_b", a[i].side_b);
		put(y, "source", source);
		if (upsert(st, &ts_entity_conflict_year, y, dry, s, err)) {
			ts_error_at(err, 0, 'l', a[i].line);
			rc = -1;
		}
		json_decref(y);
	}
	return rc;
}

int acd_import(ts_store *st, scanner *sc, const ts_feed_opts *o, ts_feed_stats *s, ts_error *err)
{
	static const int required[] = {D_CONFLICT, D_LOCATION, D_YEAR, D_INTENSITY, D_TYPE, D_GWNO_LOC};
	int col[NACD], rc = -1, got, n = 0, cap = 0;
	acd_row *rows = NULL;
	country_index ci;

	if (countries_load(st, &ci, err))
		return -1;
	if (header_read(sc, acd_names, NACD, required, (int)(sizeof(required) / sizeof(required[0])), col, "UCDP/PRIO ACD",
			"an ACD file (ucdp-prio-acd-*.csv)", err))
		goto done;
	snprintf(s->format, sizeof(s->format), "ucdp/prio acd, %d columns", sc->ncells);
	while ((got = scan_next(sc, err)) > 0) {
		int prc;
		s->rows++;
		if (n == cap) {
			acd_row *b;
			if (cap >= ACD_MAX_ROWS) {
				ts_fail(err, TS_INVALID_CSV, NULL, "more than %d conflict-years: is this the ACD?", ACD_MAX_ROWS);
				ts_error_at(err, 0, 'l', sc->line);
				goto done;
			}
			cap = cap ? cap * 2 : 1024;
			if (!(b = realloc(rows, (size_t)cap * sizeof(*rows)))) {
				ts_fail(err, TS_INTERNAL, NULL, "out of memory");
				goto done;
			}
			rows = b;
		}
		prc = acd_parse(col, sc, &ci, o, s, &rows[n], err);
		if (prc < 0) {
			row_free(&rows[n]);
			goto done;
		}
		if (prc > 0)
			row_free(&rows[n]);
		else
			n++;
	}
	if (got < 0)
		goto done;
	if (n > 1) /* rows is NULL for a file with a header only */
		qsort(rows, (size_t)n, sizeof(*rows), by_conflict_year);
	/* two rows of one conflict and year: the later in the file is refused */
	for (int i = 1; i < n; i++)
		if (rows[i].conflict == rows[i - 1].conflict && rows[i].year == rows[i - 1].year) {
			acd_row *dup = rows[i].line > rows[i - 1].line ? &rows[i] : &rows[i - 1];
			char v[24];
			snprintf(v, sizeof(v), "%ld", dup->year);
			if (feed_reject(o, s, dup->line, "year", v, err, "a second row for conflict %ld in this year", dup->conflict))
				goto done;
			dup->year = 0; /* dropped below */
		}
	{
		int k = 0;
		for (int i = 0; i < n; i++) {
			if (rows[i].year)
				rows[k++] = rows[i];
			else
				row_free(&rows[i]);
		}
		n = k;
	}
	s->events = n;
	if (import_record_begin(st, feed_dataset(TS_FEED_UCDP_ACD), o, s, err))
		goto done;
	for (int i = 0; i < n;) {
		int j = i;
		while (j < n && rows[j].conflict == rows[i].conflict)
			j++;
		if (write_conflict(st, rows + i, j - i, o->dry_run, s, err))
			goto done;
		i = j;
	}
	if (o->progress)
		o->progress(o->progress_ctx, scan_bytes(sc), sc->r->total, s->events);
	rc = import_record_end(st, feed_dataset(TS_FEED_UCDP_ACD), o, s, err);
done:
	for (int i = 0; i < n; i++)
		row_free(&rows[i]);
	free(rows);
	countries_free(&ci);
	return rc;
}
