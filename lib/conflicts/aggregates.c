/* Country-month and admin1-month aggregates of events (conflicts.h), kept in step with the
 * events in the transaction that writes them, and read with the reader's access condition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h"

/* ---- months ---- */

int ts_month_parse(const char *s)
{
	int y, m;

	if (!s || strlen(s) < 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

void ts_month_format(int month, char out[8])
{
	if (month < 0 || month / 12 > 9999) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 8, "%04d-%02d", month / 12 % 10000, month % 12 + 1);
}

/* ---- writing ---- */

static const char *const upsert_country =
	"INSERT INTO \"event_country_months\" (\"country\", \"month\", \"event_type\", \"level\", \"team\", \"events\", "
	"\"fatalities\") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (\"country\", \"month\", \"event_type\", \"level\", \"team\") "
	"DO UPDATE SET \"events\" = \"event_country_months\".\"events\" + excluded.\"events\", "
	"\"fatalities\" = \"event_country_months\".\"fatalities\" + excluded.\"fatalities\"";
static const char *const upsert_admin1 =
	"INSERT INTO \"event_admin1_months\" (\"country\", \"admin1\", \"month\", \"event_type\", \"level\", \"team\", "
	"\"events\", \"fatalities\") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (\"country\", \"admin1\", \"month\", "
	"\"event_type\", \"level\", \"team\") DO UPDATE SET \"events\" = \"event_admin1_months\".\"events\" + "
	"excluded.\"events\", \"fatalities\" = \"event_admin1_months\".\"fatalities\" + excluded.\"fatalities\"";

int ts_event_agg_add(ts_store *st, const ts_event_key *k, long events, long fatalities, int sign, ts_error *err)
{
	char month[8];
	ts_value p[8];

	ts_month_format(k->month, month);
	p[0] = (ts_value){TS_V_TEXT, 0, k->country, 0};
	p[1] = (ts_value){TS_V_TEXT, 0, month, 0};
	p[2] = (ts_value){TS_V_TEXT, 0, k->type, 0};
	p[3] = (ts_value){TS_V_TEXT, 0, k->level, 0};
	p[4] = (ts_value){TS_V_TEXT, 0, k->team ? k->team : "", 0};
	p[5] = (ts_value){TS_V_INT, sign * (long long)events, NULL, 0};
	p[6] = (ts_value){TS_V_INT, sign * (long long)fatalities, NULL, 0};
	if (ts_store_exec(st, upsert_country, p, 7, NULL, NULL, NULL, err) ||
	    (p[5].i < 0 && ts_store_exec(st, "DELETE FROM \"event_country_months\" WHERE \"country\" = ? AND \"month\" = ? "
				    "AND \"event_type\" = ? AND \"level\" = ? AND \"team\" = ? AND \"events\" <= 0",
				    p, 5, NULL, NULL, NULL, err)))
		return -1;
	/* the same key with admin1 after the country */
	memmove(p + 2, p + 1, 6 * sizeof(p[0]));
	p[1] = (ts_value){TS_V_TEXT, 0, k->admin1 ? k->admin1 : "", 0};
	if (ts_store_exec(st, upsert_admin1, p, 8, NULL, NULL, NULL, err) ||
	    (p[6].i < 0 && ts_store_exec(st, "DELETE FROM \"event_admin1_months\" WHERE \"country\" = ? AND \"admin1\" = ? "
				    "AND \"month\" = ? AND \"event_type\" = ? AND \"level\" = ? AND \"team\" = ? "
				    "AND \"events\" <= 0", p, 6, NULL, NULL, NULL, err)))
		return -1;
	return 0;
}

/* The batch: an open-addressing table of keys "country\x1fadmin1\x1fmonth\x1ftype\x1flevel\x1fteam". */
typedef struct slot {
	char *key;
	long events, fatalities;
} slot;
struct ts_event_agg_batch {
	slot *slots;
	size_t cap, n;
};

ts_event_agg_batch *ts_event_agg_batch_new(void)
{
	ts_event_agg_batch *b = calloc(1, sizeof(*b));

	if (b && !(b->slots = calloc(b->cap = 1024, sizeof(slot)))) {
		free(b);
		return NULL;
	}
	return b;
}

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static slot *find(slot *slots, size_t cap, const char *key)
{
	size_t i = hash(key) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int grow(ts_event_agg_batch *b)
{
	size_t cap = b->cap * 2;
	slot *s = calloc(cap, sizeof(slot));

	if (!s)
		return -1;
	for (size_t i = 0; i < b->cap; i++)
		if (b->slots[i].key)
			*find(s, cap, b->slots[i].key) = b->slots[i];
	free(b->slots);
	b->slots = s;
	b->cap = cap;
	return 0;
}

int ts_event_agg_batch_add(ts_event_agg_batch *b, const ts_event_key *k, long events, long fatalities)
{
	char key[600], month[8];
	slot *s;

	ts_month_format(k->month, month);
	snprintf(key, sizeof(key), "%s\x1f%.300s\x1f%s\x1f%s\x1f%s\x1f%.64s", k->country, k->admin1 ? k->admin1 : "", month,
		 k->type, k->level, k->team ? k->team : "");
	if (b->n * 2 >= b->cap && grow(b))
		return -1;
	s = find(b->slots, b->cap, key);
	if (!s->key) {
		if (!(s->key = strdup(key)))
			return -1;
		b->n++;
	}
	s->events += events;
	s->fatalities += fatalities;
	return 0;
}

/* Splits a batch key into its six parts, in place. */
static void split(char *key, char *part[6])
{
	for (int i = 0; i < 6; i++) {
		part[i] = key;
		key = strchr(key, '\x1f');
		if (!key)
			break;
		*key++ = '\0';
	}
}

int ts_event_agg_batch_flush(ts_store *st, ts_event_agg_batch *b, ts_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < b->cap; i++) {
		char *part[6] = {NULL};
		ts_event_key k;
		slot *s = &b->slots[i];
		if (!s->key)
			continue;
		if (!rc && (s->events || s->fatalities)) {
			split(s->key, part);
			k = (ts_event_key){part[0], part[1], ts_month_parse(part[2]), part[3], part[4], part[5]};
			rc = ts_event_agg_add(st, &k, s->events, s->fatalities, +1, err);
		}
		free(s->key);
		*s = (slot){NULL, 0, 0};
	}
	b->n = 0;
	return rc;
}

void ts_event_agg_batch_free(ts_event_agg_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->cap; i++)
		free(b->slots[i].key);
	free(b->slots);
	free(b);
}

int ts_event_agg_rebuild(ts_store *st, ts_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM \"event_country_months\"",
		"DELETE FROM \"event_admin1_months\"",
		"INSERT INTO \"event_country_months\" (\"country\", \"month\", \"event_type\", \"level\", \"team\", \"events\", "
		"\"fatalities\") SELECT \"country\", \"month\", \"event_type\", \"level\", coalesce(\"team\", ''), count(*), "
		"sum(coalesce(\"fatalities\", 0)) FROM \"events\" GROUP BY 1, 2, 3, 4, 5",
		"INSERT INTO \"event_admin1_months\" (\"country\", \"admin1\", \"month\", \"event_type\", \"level\", \"team\", "
		"\"events\", \"fatalities\") SELECT \"country\", coalesce(\"admin1\", ''), \"month\", \"event_type\", \"level\", "
		"coalesce(\"team\", ''), count(*), sum(coalesce(\"fatalities\", 0)) FROM \"events\" GROUP BY 1, 2, 3, 4, 5, 6",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (ts_store_exec(st, sql[i], NULL, 0, NULL, NULL, NULL, err))
			return -1;
	return 0;
}

/* ---- reading ---- */

struct months {
	json_t *items;
	json_t *cur;       /* the item being filled */
	int by_admin1;
	int failed;
};

static int month_row(void *ctx, const ts_value *c, int n)
{
	struct months *m = ctx;
	int a = m->by_admin1;
	const char *country = c[0].s, *admin1 = a ? c[1].s : NULL, *month = c[1 + a].s, *type = c[2 + a].s;
	long long events = c[3 + a].i, fatalities = c[4 + a].i;
	json_t *types;

	(void)n;
	if (!m->cur || strcmp(json_string_value(json_object_get(m->cur, "country")), country) ||
	    strcmp(json_string_value(json_object_get(m->cur, "month")), month) ||
	    (a && strcmp(json_string_value(json_object_get(m->cur, "admin1")), admin1))) {
		m->cur = json_object();
		if (!m->cur || json_array_append_new(m->items, m->cur)) {
			m->failed = 1;
			return 1;
		}
		json_object_set_new(m->cur, "country", json_string(country));
		if (a)
			json_object_set_new(m->cur, "admin1", json_string(admin1));
		json_object_set_new(m->cur, "month", json_string(month));
		json_object_set_new(m->cur, "events", json_integer(0));
		json_object_set_new(m->cur, "fatalities", json_integer(0));
		json_object_set_new(m->cur, "types", json_object());
	}
	json_integer_set(json_object_get(m->cur, "events"), json_integer_value(json_object_get(m->cur, "events")) + events);
	json_integer_set(json_object_get(m->cur, "fatalities"),
			 json_integer_value(json_object_get(m->cur, "fatalities")) + fatalities);
	types = json_object_get(m->cur, "types");
	json_object_set_new(types, type, json_pack("[I,I]", events, fatalities));
	return 0;
}

int ts_event_months(ts_store *st, const char *country, int by_admin1, const char *from, const char *to, json_t **out,
		    ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	ts_value p[3];
	int np = 0, rc;
	struct months m = {json_array(), NULL, by_admin1, 0};

	*out = NULL;
	if ((from && ts_month_parse(from) < 0) || (to && ts_month_parse(to) < 0)) {
		json_decref(m.items);
		return ts_fail(err, TS_INVALID_PARAMETER, from && ts_month_parse(from) < 0 ? "from" : "to",
			       "parameter '%s': '%.20s' is not a month; write YYYY-MM, e.g. 2023-04",
			       from && ts_month_parse(from) < 0 ? "from" : "to", from && ts_month_parse(from) < 0 ? from : to);
	}
	ts_buf_printf(&sql, "SELECT \"country\", %s\"month\", \"event_type\", sum(\"events\"), sum(\"fatalities\") FROM \"%s\" WHERE ",
		      by_admin1 ? "\"admin1\", " : "", by_admin1 ? "event_admin1_months" : "event_country_months");
	ts_access_sql(ts_store_viewer(st), NULL, 1, &sql);
	if (country) {
		ts_buf_adds(&sql, " AND \"country\" = ?");
		p[np++] = (ts_value){TS_V_TEXT, 0, country, 0};
	}
	if (from) {
		ts_buf_adds(&sql, " AND \"month\" >= ?");
		p[np++] = (ts_value){TS_V_TEXT, 0, from, 0};
	}
	if (to) {
		ts_buf_adds(&sql, " AND \"month\" <= ?");
		p[np++] = (ts_value){TS_V_TEXT, 0, to, 0};
	}
	ts_buf_printf(&sql, " GROUP BY \"country\", %s\"month\", \"event_type\" ORDER BY \"country\", %s\"month\", \"event_type\"",
		      by_admin1 ? "\"admin1\", " : "", by_admin1 ? "\"admin1\", " : "");
	rc = ts_store_exec(st, ts_buf_str(&sql), p, np, month_row, &m, NULL, err);
	ts_buf_free(&sql);
	if (!rc && m.failed)
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (rc) {
		json_decref(m.items);
		return -1;
	}
	*out = json_pack("{s:o, s:s?, s:s?}", "items", m.items, "from", from, "to", to);
	return *out ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
}

/* ---- series ---- */

struct cell {
	char country[4];
	int month;
	long events, fatalities;
};
struct cells {
	struct cell *c;
	size_t n, cap;
	int failed;
};

static int cell_row(void *ctx, const ts_value *c, int n)
{
	struct cells *cs = ctx;

	(void)n;
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 4096;
		struct cell *p = realloc(cs->c, cap * sizeof(*p));
		if (!p) {
			cs->failed = 1;
			return 1;
		}
		cs->c = p;
		cs->cap = cap;
	}
	snprintf(cs->c[cs->n].country, 4, "%s", c[0].s);
	cs->c[cs->n].month = ts_month_parse(c[1].s);
	cs->c[cs->n].events = (long)c[2].i;
	cs->c[cs->n].fatalities = (long)c[3].i;
	cs->n++;
	return 0;
}

int ts_series_load(ts_store *st, int through, ts_series *out, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	struct cells cs = {NULL, 0, 0, 0};
	int rc, first = -1, last = -1;

	memset(out, 0, sizeof(*out));
	ts_buf_adds(&sql, "SELECT \"country\", \"month\", sum(\"events\"), sum(\"fatalities\") FROM \"event_country_months\" WHERE ");
	ts_access_sql(ts_store_viewer(st), NULL, 1, &sql);
	ts_buf_adds(&sql, " GROUP BY \"country\", \"month\" ORDER BY \"country\", \"month\"");
	rc = ts_store_exec(st, ts_buf_str(&sql), NULL, 0, cell_row, &cs, NULL, err);
	ts_buf_free(&sql);
	if (!rc && cs.failed)
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (rc)
		goto done;
	for (size_t i = 0; i < cs.n; i++) {
		if (cs.c[i].month < 0)
			continue;
		if (first < 0 || cs.c[i].month < first)
			first = cs.c[i].month;
		if (cs.c[i].month > last)
			last = cs.c[i].month;
		if (i == 0 || strcmp(cs.c[i].country, cs.c[i - 1].country))
			out->ncountries++;
	}
	if (through >= 0)
		last = through;
	if (first < 0 || last < first) {
		out->ncountries = 0;
		goto done;
	}
	out->first = first;
	out->nmonths = last - first + 1;
	out->country = calloc((size_t)out->ncountries + 1, sizeof(*out->country));
	out->fatalities = calloc((size_t)out->ncountries * (size_t)out->nmonths + 1, sizeof(long));
	out->events = calloc((size_t)out->ncountries * (size_t)out->nmonths + 1, sizeof(long));
	if (!out->country || !out->fatalities || !out->events) {
		ts_series_free(out);
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	for (size_t i = 0, c = 0; i < cs.n; i++) {
		if (i > 0 && strcmp(cs.c[i].country, cs.c[i - 1].country))
			c++;
		memcpy(out->country[c], cs.c[i].country, 4);
		if (cs.c[i].month < first || cs.c[i].month > last)
			continue;
		out->fatalities[c * (size_t)out->nmonths + (size_t)(cs.c[i].month - first)] = cs.c[i].fatalities;
		out->events[c * (size_t)out->nmonths + (size_t)(cs.c[i].month - first)] = cs.c[i].events;
	}
done:
	free(cs.c);
	return rc;
}

void ts_series_free(ts_series *s)
{
	free(s->country);
	free(s->fatalities);
	free(s->events);
	memset(s, 0, sizeof(*s));
}
