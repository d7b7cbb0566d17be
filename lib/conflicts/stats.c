/* Statistics and common threads of conflicts (conflicts.h): how many of the world's active
 * conflicts are located in member states, year by year; events and fatalities by member state;
 * and which root causes, actor types and event types occur together across the conflicts in
 * member states. Every figure counts only what the store's viewer may read (access.h): conflict
 * years, conflicts and events are read with the viewer's access condition. Membership itself
 * (the states' status and accession year) is a fact of the organisation, read whoever asks.
 * Definitions: docs/internals/alerts.md. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h"
#include "tansiq/records.h"
#include "tansiq/registry.h"

#define YEAR_MIN 1946
#define YEAR_MAX 2100
#define NYEARS (YEAR_MAX - YEAR_MIN + 1)

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ---- membership ---- */

/* The states of the registry with what decides membership in a year. */
typedef struct members {
	json_t *states; /* id -> state record */
} members;

static int members_load(ts_store *st, members *m, ts_error *err)
{
	const ts_entity *e = ts_schema_entity(ts_schema_all(), "states");
	json_t *all = NULL, *s;
	size_t i;

	m->states = json_object();
	if (!e)
		return ts_fail(err, TS_INTERNAL, NULL, "no states entity");
	if (ts_records_where(st, e, "1 = 1", NULL, 0, 0, &all, err))
		return -1;
	json_array_foreach(all, i, s)
		json_object_set(m->states, str(s, "id"), s);
	json_decref(all);
	return 0;
}

/* Whether `code` was a member state in `year`: a member, or a member whose participation is
 * suspended (membership is suspended, not ended), that acceded in or before that year. Observers
 * are not members. year 0: now. */
static int member_in(const members *m, const char *code, int year)
{
	const json_t *s = json_object_get(m->states, code);
	const char *status = str(s, "status");
	json_int_t acc = json_integer_value(json_object_get(s, "accession_year"));

	if (!status || (strcmp(status, "member") && strcmp(status, "suspended")))
		return 0;
	return year == 0 || (acc > 0 && acc <= year);
}

/* The countries of a conflict-year: its own, else its conflict's. */
static const char *year_countries(const json_t *cy, const json_t *conflicts)
{
	const char *c = str(cy, "countries");

	if (c && *c)
		return c;
	return str(json_object_get(conflicts, str(cy, "conflict")), "countries");
}

struct member_list {
	const members *m;
	int year;
	json_t *codes; /* array of the member states among the countries */
};

/* Adds a code of a list (ts_list_each) to the array ctx, once. */
static int add_code(void *ctx, const char *code, size_t len)
{
	json_t *codes = ctx, *c;
	size_t i;

	(void)len;
	json_array_foreach(codes, i, c)
		if (!strcmp(json_string_value(c), code))
			return 0;
	json_array_append_new(codes, json_string(code));
	return 0;
}

static int add_member(void *ctx, const char *code, size_t len)
{
	struct member_list *l = ctx;

	return member_in(l->m, code, l->year) ? add_code(l->codes, code, len) : 0;
}

/* The visible conflicts, id -> record. */
static int conflicts_load(ts_store *st, json_t **out, ts_error *err)
{
	json_t *all = NULL, *c;
	size_t i;

	*out = json_object();
	if (ts_records_where(st, &ts_entity_conflict, "1 = 1", NULL, 0, 1, &all, err))
		return -1;
	json_array_foreach(all, i, c)
		json_object_set(*out, str(c, "id"), c);
	json_decref(all);
	return 0;
}

/* The visible conflict-years of years from..to (0: open). */
static int years_load(ts_store *st, int from, int to, json_t **out, ts_error *err)
{
	ts_value p[2] = {{TS_V_INT, from ? from : YEAR_MIN, NULL, 0}, {TS_V_INT, to ? to : YEAR_MAX, NULL, 0}};

	return ts_records_where(st, &ts_entity_conflict_year, "\"year\" >= ? AND \"year\" <= ?", p, 2, 1, out, err);
}

static int year_check(int year, const char *name, ts_error *err)
{
	if (year != 0 && (year < YEAR_MIN || year > YEAR_MAX))
		return ts_fail(err, TS_INVALID_PARAMETER, name, "%s %d is not a year of the UCDP/PRIO data; give a year "
			       "from %d to %d", name, year, YEAR_MIN, YEAR_MAX);
	return 0;
}

/* ---- active conflicts in the world and in member states ---- */

static int id_order(const void *a, const void *b)
{
	const char *x = str(*(json_t *const *)a, "id"), *y = str(*(json_t *const *)b, "id");

	return strcmp(x ? x : "", y ? y : "");
}

/* Sorts an array of objects by their "id" (the rows come in the order of the conflict-years' ids,
 * which are random). */
static void sort_by_id(json_t *arr)
{
	ts_json_array_sort(arr, id_order);
}

static double round3(double x) { return (double)(long long)(x * 1000.0 + 0.5) / 1000.0; }

int ts_stats_conflicts(ts_store *st, int year, json_t **out, ts_error *err)
{
	members m = {NULL};
	json_t *conflicts = NULL, *rows = NULL, *years = NULL, *list = NULL, *cy;
	int world[NYEARS] = {0}, inmem[NYEARS] = {0};
	size_t i;
	int rc = -1;

	*out = NULL;
	if (year_check(year, "year", err))
		return -1;
	if (members_load(st, &m, err) || conflicts_load(st, &conflicts, err) || years_load(st, year, year, &rows, err))
		goto done;
	list = json_array();
	json_array_foreach(rows, i, cy) {
		int y = (int)json_integer_value(json_object_get(cy, "year"));
		struct member_list l = {&m, y, json_array()};
		if (y < YEAR_MIN || y > YEAR_MAX) {
			json_decref(l.codes);
			continue;
		}
		/* the conflict-years of a conflict are unique by year: each row is one active conflict */
		world[y - YEAR_MIN]++;
		(void)ts_list_each(year_countries(cy, conflicts), add_member, &l);
		if (json_array_size(l.codes)) {
			inmem[y - YEAR_MIN]++;
			if (year) {
				const json_t *c = json_object_get(conflicts, str(cy, "conflict"));
				json_array_append_new(list, json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:o}", "id",
					str(cy, "conflict"), "name_ar", str(c, "name_ar"), "name_en", c ? str(c, "name_en") :
					str(cy, "location"), "name_fr", str(c, "name_fr"), "intensity", str(cy, "intensity"),
					"location", str(cy, "location"), "states", l.codes));
				continue;
			}
		}
		json_decref(l.codes);
	}
	sort_by_id(list);
	years = json_array();
	for (int k = 0; k < NYEARS; k++) {
		json_t *y;
		if (!world[k] && (!year || year != YEAR_MIN + k))
			continue;
		y = json_pack("{s:i, s:i, s:i, s:o}", "year", YEAR_MIN + k, "world", world[k], "members", inmem[k], "share",
			      world[k] ? json_real(round3((double)inmem[k] / world[k])) : json_null());
		if (year)
			json_object_set(y, "conflicts", list);
		json_array_append_new(years, y);
	}
	*out = json_pack("{s:o}", "years", years);
	years = NULL;
	rc = *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
done:
	json_decref(m.states);
	json_decref(conflicts);
	json_decref(rows);
	json_decref(list);
	json_decref(years);
	return rc;
}

/* ---- events and fatalities by member state ---- */

/* A text cell, NULL when the cell is NULL (whose .s is not set). */
static const char *txt(const ts_value *c) { return c->type == TS_V_TEXT ? c->s : NULL; }

struct state_rows {
	json_t *items;
	long long events, fatalities;
};

static int state_row(void *ctx, const ts_value *c, int n)
{
	struct state_rows *r = ctx;

	(void)n;
	json_t *o = json_pack("{s:s, s:s, s:I, s:I}", "state", c[0].s, "status", txt(&c[4]) ? c[4].s : "", "events",
			      (json_int_t)c[5].i, "fatalities", (json_int_t)c[6].i);

	for (int l = 0; l < 3; l++)
		if (txt(&c[1 + l]))
			json_object_set_new(o, l == 0 ? "name_ar" : l == 1 ? "name_en" : "name_fr", json_string(c[1 + l].s));
	json_array_append_new(r->items, o);
	r->events += c[5].i;
	r->fatalities += c[6].i;
	return 0;
}

int ts_stats_states(ts_store *st, const char *from, const char *to, json_t **out, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	ts_value p[2];
	int np = 0, rc;
	struct state_rows r = {json_array(), 0, 0};
	const ts_viewer *v = ts_store_viewer(st);

	*out = NULL;
	if ((from && ts_month_parse(from) < 0) || (to && ts_month_parse(to) < 0)) {
		json_decref(r.items);
		return ts_fail(err, TS_INVALID_PARAMETER, from && ts_month_parse(from) < 0 ? "from" : "to",
			       "parameter '%s': '%.20s' is not a month; write YYYY-MM, e.g. 2023-04",
			       from && ts_month_parse(from) < 0 ? "from" : "to", from && ts_month_parse(from) < 0 ? from : to);
	}
	/* every member state the viewer reads, with the events it reads (none: zero) */
	ts_buf_adds(&sql, "SELECT s.\"id\", s.\"name_ar\", s.\"name_en\", s.\"name_fr\", s.\"status\", "
		    "coalesce(sum(m.\"events\"), 0), coalesce(sum(m.\"fatalities\"), 0) FROM \"states\" s "
		    "LEFT JOIN \"event_country_months\" m ON m.\"country\" = s.\"id\" AND ");
	ts_access_sql(v, "m", 1, &sql);
	if (from) {
		ts_buf_adds(&sql, " AND m.\"month\" >= ?");
		p[np++] = (ts_value){TS_V_TEXT, 0, from, 0};
	}
	if (to) {
		ts_buf_adds(&sql, " AND m.\"month\" <= ?");
		p[np++] = (ts_value){TS_V_TEXT, 0, to, 0};
	}
	ts_buf_adds(&sql, " WHERE s.\"status\" IN ('member', 'suspended') AND ");
	ts_access_sql(v, "s", 1, &sql);
	ts_buf_adds(&sql, " GROUP BY s.\"id\", s.\"name_ar\", s.\"name_en\", s.\"name_fr\", s.\"status\" "
		    "ORDER BY 7 DESC, 6 DESC, s.\"id\"");
	rc = ts_store_exec(st, ts_buf_str(&sql), p, np, state_row, &r, NULL, err);
	ts_buf_free(&sql);
	if (rc) {
		json_decref(r.items);
		return -1;
	}
	*out = json_pack("{s:s?, s:s?, s:I, s:I, s:o}", "from", from, "to", to, "events", (json_int_t)r.events,
			 "fatalities", (json_int_t)r.fatalities, "items", r.items);
	return *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
}

/* ---- common threads ---- */

/* The features: root causes, then actor types, then event types (23 in all, one bit each). */
enum { KIND_CAUSE, KIND_ACTOR, KIND_EVENT };
static const struct {
	const char *kind;
	const ts_enum_value *values;
} kinds[] = {{"cause", ts_root_causes}, {"actor", ts_actor_types}, {"event", ts_event_types}};

typedef struct feature {
	int kind;
	const ts_enum_value *v;
} feature;

static int features_all(feature *f, int max)
{
	int n = 0;

	for (int k = 0; k < 3; k++)
		for (int i = 0; kinds[k].values[i].value && n < max; i++)
			f[n++] = (feature){k, &kinds[k].values[i]};
	return n;
}

static int feature_bit(const feature *f, int nf, int kind, const char *value)
{
	for (int i = 0; value && i < nf; i++)
		if (f[i].kind == kind && !strcmp(f[i].v->value, value))
			return i;
	return -1;
}

/* A conflict of the threads: where and when it was active in the years asked, what it has. */
typedef struct tconflict {
	const char *id;
	json_t *countries; /* array of codes */
	unsigned char years[NYEARS];
	int located;       /* in a member state in one of those years */
	uint32_t has;
} tconflict;

struct feat_rows {
	const feature *f;
	int nf;
	uint32_t has;
};

/* A root cause of the conflict: its feature's bit. */
static int add_cause(void *ctx, const char *cause, size_t len)
{
	struct feat_rows *r = ctx;
	int b = feature_bit(r->f, r->nf, KIND_CAUSE, cause);

	(void)len;
	if (b >= 0)
		r->has |= 1u << b;
	return 0;
}

static int feat_row(void *ctx, const ts_value *c, int n)
{
	struct feat_rows *r = ctx;
	int b;

	(void)n;
	if ((b = feature_bit(r->f, r->nf, KIND_EVENT, txt(&c[0]))) >= 0)
		r->has |= 1u << b;
	if ((b = feature_bit(r->f, r->nf, KIND_ACTOR, txt(&c[1]))) >= 0)
		r->has |= 1u << b;
	if ((b = feature_bit(r->f, r->nf, KIND_ACTOR, txt(&c[2]))) >= 0)
		r->has |= 1u << b;
	return 0;
}

/* The event and actor types of the events the viewer reads that are linked to the conflict, or
 * that happened in its countries during its active years. */
static int conflict_events(ts_store *st, const tconflict *c, const feature *f, int nf, uint32_t *has, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	size_t nc = json_array_size(c->countries), np = 0;
	ts_value *p = calloc(1 + nc + 2 * NYEARS, sizeof(*p));
	char (*months)[8] = calloc(2 * NYEARS, sizeof(*months));
	struct feat_rows r = {f, nf, 0};
	int rc, nm = 0, first = 1;

	if (!p || !months) {
		free(p);
		free(months);
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	}
	ts_buf_adds(&sql, "SELECT DISTINCT \"event_type\", \"actor1_type\", \"actor2_type\" FROM \"events\" WHERE ");
	ts_access_sql(ts_store_viewer(st), NULL, 1, &sql);
	ts_buf_adds(&sql, " AND (\"conflict\" = ?");
	p[np++] = (ts_value){TS_V_TEXT, 0, c->id, 0};
	if (nc) {
		ts_buf_adds(&sql, " OR (\"country\" IN (");
		for (size_t i = 0; i < nc; i++) {
			ts_buf_adds(&sql, i ? ", ?" : "?");
			p[np++] = (ts_value){TS_V_TEXT, 0, json_string_value(json_array_get(c->countries, i)), 0};
		}
		ts_buf_adds(&sql, ") AND (");
		/* the active years as runs of consecutive years: month BETWEEN 'YYYY-01' AND 'YYYY-12' */
		for (int y = 0; y < NYEARS; y++) {
			int z = y;
			if (!c->years[y])
				continue;
			while (z + 1 < NYEARS && c->years[z + 1])
				z++;
			ts_month_format((YEAR_MIN + y) * 12, months[nm]);
			ts_month_format((YEAR_MIN + z) * 12 + 11, months[nm + 1]);
			ts_buf_adds(&sql, first ? "\"month\" BETWEEN ? AND ?" : " OR \"month\" BETWEEN ? AND ?");
			p[np++] = (ts_value){TS_V_TEXT, 0, months[nm], 0};
			p[np++] = (ts_value){TS_V_TEXT, 0, months[nm + 1], 0};
			nm += 2;
			first = 0;
			y = z;
		}
		ts_buf_adds(&sql, first ? "0))" : "))");
	}
	ts_buf_adds(&sql, ")");
	rc = ts_store_exec(st, ts_buf_str(&sql), p, (int)np, feat_row, &r, NULL, err);
	ts_buf_free(&sql);
	free(p);
	free(months);
	*has |= r.has;
	return rc;
}

struct pair {
	int a, b, count;
	double lift;
};

static int pair_order(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->lift != b->lift)
		return a->lift > b->lift ? -1 : 1;
	return a->a != b->a ? a->a - b->a : a->b - b->b;
}

/* A feature's key: "cause:ethnic", "actor:state_forces"... */
static void feature_key(const feature *f, char key[64]) { snprintf(key, 64, "%s:%s", kinds[f->kind].kind, f->v->value); }

static json_t *feature_json(const feature *f, int count)
{
	char key[64];

	feature_key(f, key);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "key", key, "kind", kinds[f->kind].kind, "value",
			 f->v->value, "name_ar", f->v->label[TS_AR], "name_en", f->v->label[TS_EN], "name_fr",
			 f->v->label[TS_FR], "count", count);
}

int ts_threads(ts_store *st, int from, int to, json_t **out, ts_error *err)
{
	members m = {NULL};
	json_t *conflicts = NULL, *rows = NULL, *index = json_object(), *cy, *features = NULL, *pairs = NULL;
	tconflict *tc = NULL;
	feature f[32];
	int nf = features_all(f, 32), count[32] = {0}, n = 0, ntc = 0, np = 0;
	struct pair *pp = NULL;
	size_t i;
	int rc = -1;

	*out = NULL;
	if (year_check(from, "from", err) || year_check(to, "to", err))
		goto done;
	if (from && to && to < from) {
		ts_fail(err, TS_INVALID_PARAMETER, "to", "to (%d) is before from (%d); give from <= to", to, from);
		goto done;
	}
	if (members_load(st, &m, err) || conflicts_load(st, &conflicts, err) || years_load(st, from, to, &rows, err))
		goto done;
	if (!(tc = calloc(json_array_size(rows) + 1, sizeof(*tc)))) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	/* the conflicts of the years asked, with their countries and active years */
	json_array_foreach(rows, i, cy) {
		const char *id = str(cy, "conflict");
		int y = (int)json_integer_value(json_object_get(cy, "year"));
		json_t *k = json_object_get(index, id);
		tconflict *c;
		struct member_list l = {&m, y, json_array()};
		if (!id || y < YEAR_MIN || y > YEAR_MAX) {
			json_decref(l.codes);
			continue;
		}
		if (!k) {
			k = json_integer(ntc);
			json_object_set_new(index, id, k);
			tc[ntc].id = id;
			tc[ntc].countries = json_array();
			ntc++;
		}
		c = &tc[json_integer_value(k)];
		c->years[y - YEAR_MIN] = 1;
		(void)ts_list_each(year_countries(cy, conflicts), add_code, c->countries);
		(void)ts_list_each(year_countries(cy, conflicts), add_member, &l);
		if (json_array_size(l.codes))
			c->located = 1;
		json_decref(l.codes);
	}
	for (int k = 0; k < ntc; k++) {
		tconflict *c = &tc[k];
		const char *causes = str(json_object_get(conflicts, c->id), "root_causes");
		if (!c->located)
			continue;
		n++;
		{
			struct feat_rows r = {f, nf, 0};
			(void)ts_list_each(causes, add_cause, &r);
			c->has |= r.has;
		}
		if (conflict_events(st, c, f, nf, &c->has, err))
			goto done;
		for (int b = 0; b < nf; b++)
			count[b] += !!(c->has & (1u << b));
	}
	features = json_array();
	{
		/* features by count, then in the vocabulary's order */
		int order[32];
		for (int b = 0; b < nf; b++)
			order[b] = b;
		for (int x = 1; x < nf; x++)
			for (int y = x; y > 0 && count[order[y]] > count[order[y - 1]]; y--) {
				int t = order[y];
				order[y] = order[y - 1];
				order[y - 1] = t;
			}
		for (int x = 0; x < nf; x++)
			if (count[order[x]])
				json_array_append_new(features, feature_json(&f[order[x]], count[order[x]]));
	}
	pp = calloc((size_t)nf * (size_t)nf, sizeof(*pp));
	if (!pp) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	for (int a = 0; a < nf; a++)
		for (int b = a + 1; b < nf; b++) {
			int both = 0;
			for (int k = 0; k < ntc; k++)
				both += tc[k].located && (tc[k].has & (1u << a)) && (tc[k].has & (1u << b));
			if (both)
				pp[np++] = (struct pair){a, b, both, (double)both * n / ((double)count[a] * count[b])};
		}
	qsort(pp, (size_t)np, sizeof(*pp), pair_order);
	pairs = json_array();
	for (int k = 0; k < np; k++) {
		char ka[64], kb[64];
		feature_key(&f[pp[k].a], ka);
		feature_key(&f[pp[k].b], kb);
		json_array_append_new(pairs, json_pack("{s:s, s:s, s:i, s:f}", "a", ka, "b", kb, "count", pp[k].count,
						       "lift", round3(pp[k].lift)));
	}
	*out = json_pack("{s:o, s:o, s:i, s:o, s:o}", "from", from ? json_integer(from) : json_null(), "to",
			 to ? json_integer(to) : json_null(), "conflicts", n, "features", features, "pairs", pairs);
	features = pairs = NULL;
	rc = *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
done:
	for (int k = 0; tc && k < ntc; k++)
		json_decref(tc[k].countries);
	free(tc);
	free(pp);
	json_decref(features);
	json_decref(pairs);
	json_decref(index);
	json_decref(m.states);
	json_decref(conflicts);
	json_decref(rows);
	return rc;
}
