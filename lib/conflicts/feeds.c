/* Importers of conflict events (feeds.h): ACLED and UCDP GED rows mapped to the common model,
 * checked, merged (ACLED's monadic exports: several rows per event), compared with the events
 * already stored, and written in multi-row INSERTs with the aggregates in one batch.
 *
 * The flow of a row: the scanner cuts it into cells in place; the dataset's parser maps the cells
 * to the event's columns (pointers into the cells, no copy) or rejects the row; the event's id is
 * looked up in one hash table of every id seen in this file and every id of the dataset already
 * stored; a new event is copied into a ring of pending events, where later rows of the same event
 * merge into it; when the ring is full its oldest events are written. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h"
#include "tansiq/utf8.h"
#include "feeds_int.h"

/* ---- the columns of events the importers write ---- */

enum col {
	C_ID, C_SOURCE_ID, C_DATE, C_MONTH, C_DATE_PREC, C_COUNTRY, C_ADMIN1, C_ADMIN2, C_ADMIN3, C_PLACE, C_LAT, C_LON,
	C_GEO_PREC, C_TYPE, C_SUB, C_ACTOR1, C_A1TYPE, C_ASSOC1, C_ACTOR2, C_A2TYPE, C_ASSOC2, C_FAT, C_FAT_LOW,
	C_FAT_HIGH, C_SOURCES, C_NOTES, C_CONFLICT, NCOL
};
static const char *const col_names[NCOL] = {
	"id", "source_id", "date", "month", "date_precision", "country", "admin1", "admin2", "admin3", "place", "latitude",
	"longitude", "geo_precision", "event_type", "sub_event_type", "actor1", "actor1_type", "assoc_actor1", "actor2",
	"actor2_type", "assoc_actor2", "fatalities", "fatalities_low", "fatalities_high", "sources", "notes", "conflict",
};
/* The longest text of each text column, in characters (the fields' max_len; notes 20000). */
static const int col_max[NCOL] = {
	[C_SOURCE_ID] = 64, [C_ADMIN1] = 120, [C_ADMIN2] = 120, [C_ADMIN3] = 120, [C_PLACE] = 200, [C_ACTOR1] = 300,
	[C_ASSOC1] = 600, [C_ACTOR2] = 300, [C_ASSOC2] = 600, [C_SOURCES] = 1000, [C_NOTES] = 20000,
};

typedef enum { V_NULL, V_TEXT, V_INT, V_REAL } vkind;
typedef struct val {
	vkind kind;
	const char *s;   /* V_TEXT, in a parsed row */
	long long i;     /* V_INT; V_TEXT in a pending event: offset in its memory */
	double d;        /* V_REAL */
} val;

/* A parsed row: its event's columns. */
typedef struct row {
	val v[NCOL];
	char date[11], month[8];
	long line;
} row;

/* ---- text checks ---- */

/* Checks a cell's UTF-8 and cuts it to max characters (never inside a character). 0, or -1 when
 * the cell is not UTF-8. */
static int text_fit(char *s, size_t len, int max)
{
	long chars = 0;
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int n = c < 0x80 ? 1 : ts_utf8_seq((const unsigned char *)s + i);
		if (!n)
			return -1;
		if (max && ++chars > max) {
			s[i] = '\0';
			return 0;
		}
		i += (size_t)n;
	}
	return 0;
}

/* Trims spaces around a cell, in place. */
static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* A vocabulary name from ACLED's text: "Explosions/Remote violence" -> "explosions_remote_violence". */
static void normalise(const char *s, char *out, size_t size)
{
	size_t n = 0;
	int sep = 0;

	for (; *s && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c)) {
			if (sep && n)
				out[n++] = '_';
			sep = 0;
			if (n + 1 < size)
				out[n++] = (char)tolower(c);
		} else {
			sep = 1;
		}
	}
	out[n] = '\0';
}

/* ---- dates ---- */

static const char *const month_names[12] = {"january", "february", "march", "april", "may", "june",
					    "july", "august", "september", "october", "november", "december"};

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* A day as ACLED and UCDP write it: 2023-04-01 (a time after it is ignored), 1-Apr-23, 01 April
 * 2023, 1-April-2023. Writes YYYY-MM-DD; -1 when it is none of these or not a calendar day. */
static int parse_day(const char *s, char out[11])
{
	int y, m, d;

	while (*s == ' ')
		s++;
	if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-' && (s[10] == '\0' || s[10] == ' ' || s[10] == 'T')) {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
			return -1;
	} else {
		char name[16];
		size_t n = 0;
		const char *p = s;
		if (digits(p, 1, &d))
			return -1;
		if (!digits(p + 1, 1, &m)) { /* two digits of day */
			d = d * 10 + m;
			p++;
		}
		p++;
		if (*p != '-' && *p != ' ')
			return -1;
		p++;
		while (isalpha((unsigned char)*p) && n + 1 < sizeof(name))
			name[n++] = (char)tolower((unsigned char)*p++);
		name[n] = '\0';
		if (*p != '-' && *p != ' ')
			return -1;
		p++;
		m = 0;
		for (int i = 0; i < 12 && n >= 3; i++)
			if (!strncmp(month_names[i], name, n) && (n == 3 || n == strlen(month_names[i])))
				m = i + 1;
		if (!m)
			return -1;
		if (strlen(p) == 2 && !digits(p, 2, &y))
			y += y >= 50 ? 1900 : 2000; /* ACLED's data begin in 1997 */
		else if (strlen(p) != 4 || digits(p, 4, &y))
			return -1;
	}
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > ts_month_days(y, m))
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* ---- the table of ids: seen in this file, or stored before ---- */

enum { E_EXISTS = 1, E_SEEN = 2, E_NO_ACTOR2 = 4 };
typedef struct ent {
	uint64_t h;        /* the id's hash; 0: empty slot */
	uint64_t content;  /* E_EXISTS: the hash of the stored event's columns */
	uint32_t id;       /* offset of the id in ids */
	uint32_t flags;
	int32_t slot;      /* pending: its index in the ring; -1 when written */
} ent;

#define RING 8192      /* events kept pending: rows of one event this close merge in memory */
#define BATCH 64       /* events a multi-row INSERT writes */

typedef struct pend {
	val v[NCOL];
	char *mem;
	size_t len, cap;
	uint64_t idh;  /* the hash of its id */
	long line;
	int existing;
} pend;

typedef struct writer {
	ts_store *st;
	const ts_feed_opts *o;
	ts_feed_stats *s;
	const char *dataset;
	ent *tab;
	size_t cap, n;
	char *ids;
	size_t ids_len, ids_cap;
	pend *ring;
	int head, count;
	ts_value *params;
	char *batch_sql, *one_sql, *update_sql;
	ts_event_agg_batch *agg;
	int oom;  /* set by stored_row(), which cannot fail otherwise */
} writer;

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

static uint64_t hash_id(const char *id)
{
	uint64_t h = hash_bytes(1469598103934665603ull, id, strlen(id));

	return h ? h : 1;
}

static const char *ent_id(const writer *w, const ent *e) { return w->ids + e->id; }

static ent *lookup(writer *w, const char *id, uint64_t h)
{
	size_t i = (size_t)h & (w->cap - 1);

	while (w->tab[i].h && (w->tab[i].h != h || strcmp(ent_id(w, &w->tab[i]), id)))
		i = (i + 1) & (w->cap - 1);
	return &w->tab[i];
}

static int table_grow(writer *w)
{
	size_t cap = w->cap ? w->cap * 2 : 1 << 16;
	ent *t = calloc(cap, sizeof(ent));

	if (!t)
		return -1;
	for (size_t i = 0; i < w->cap; i++) {
		if (!w->tab[i].h)
			continue;
		size_t j = (size_t)w->tab[i].h & (cap - 1);
		while (t[j].h)
			j = (j + 1) & (cap - 1);
		t[j] = w->tab[i];
	}
	free(w->tab);
	w->tab = t;
	w->cap = cap;
	return 0;
}

/* Adds an id (not in the table); returns its entry, NULL when out of memory. */
static ent *table_add(writer *w, const char *id, uint64_t h)
{
	size_t n = strlen(id) + 1;
	ent *e;

	if ((w->n + 1) * 4 >= w->cap * 3 && table_grow(w))
		return NULL;
	if (w->ids_len + n > w->ids_cap) {
		size_t cap = w->ids_cap ? w->ids_cap * 2 : 1 << 20;
		char *b;
		if (cap > UINT32_MAX || !(b = realloc(w->ids, cap)))
			return NULL;
		w->ids = b;
		w->ids_cap = cap;
	}
	memcpy(w->ids + w->ids_len, id, n);
	e = lookup(w, id, h);
	*e = (ent){h, 0, (uint32_t)w->ids_len, 0, -1};
	w->ids_len += n;
	w->n++;
	return e;
}

/* ---- the hash of an event's columns, the same from a row and from the store ---- */

static uint64_t mix(uint64_t h, int kind, const void *p, size_t n)
{
	unsigned char k = (unsigned char)kind;

	h = hash_bytes(h, &k, 1);
	return hash_bytes(h, p, n);
}

/* The columns compared (all but id, month and the import): */
static const enum col compared[] = {C_SOURCE_ID, C_DATE, C_DATE_PREC, C_COUNTRY, C_ADMIN1, C_ADMIN2, C_ADMIN3, C_PLACE,
				    C_LAT, C_LON, C_GEO_PREC, C_TYPE, C_SUB, C_ACTOR1, C_A1TYPE, C_ASSOC1, C_ACTOR2,
				    C_A2TYPE, C_ASSOC2, C_FAT, C_FAT_LOW, C_FAT_HIGH, C_SOURCES, C_NOTES, C_CONFLICT};
#define NCOMPARED (int)(sizeof(compared) / sizeof(compared[0]))

static long long micro(double d) { return llround(d * 1000000.0); }

static uint64_t pend_hash(const pend *p)
{
	uint64_t h = 1469598103934665603ull;

	for (int i = 0; i < NCOMPARED; i++) {
		const val *v = &p->v[compared[i]];
		long long x;
		switch (v->kind) {
		case V_NULL: h = mix(h, 0, NULL, 0); break;
		case V_TEXT: h = mix(h, 1, p->mem + v->i, strlen(p->mem + v->i)); break;
		case V_INT: x = v->i; h = mix(h, 2, &x, sizeof(x)); break;
		case V_REAL: x = micro(v->d); h = mix(h, 2, &x, sizeof(x)); break;
		}
	}
	return h;
}

static int stored_row(void *ctx, const ts_value *c, int n)
{
	writer *w = ctx;
	uint64_t h = 1469598103934665603ull, idh;
	ent *e;

	for (int i = 1; i < n; i++) {
		switch (c[i].type) {
		case TS_V_NULL: h = mix(h, 0, NULL, 0); break;
		case TS_V_INT: h = mix(h, 2, &c[i].i, sizeof(c[i].i)); break;
		default: h = mix(h, 1, c[i].s, strlen(c[i].s)); break;
		}
	}
	idh = hash_id(c[0].s);
	if (!(e = table_add(w, c[0].s, idh)))
		return w->oom = 1;
	e->flags = E_EXISTS;
	e->content = h;
	return 0;
}

static int any_row(void *ctx, const ts_value *c, int n)
{
	(void)c;
	(void)n;
	*(long long *)ctx = 1;
	return 0;
}

/* Loads the ids and hashes of the dataset's events already stored: only when there are some (a
 * first import is all new). Ids of a dataset share its prefix, so both queries use the key. */
static int load_stored(writer *w, const char *prefix, ts_error *err)
{
	char lo[16], hi[16];
	long long any = 0;
	ts_buf sql = TS_BUF_INIT;
	ts_value p[3];
	int rc;

	snprintf(lo, sizeof(lo), "%s-", prefix);
	snprintf(hi, sizeof(hi), "%s.", prefix); /* '.' follows '-' */
	p[0] = (ts_value){TS_V_TEXT, 0, lo, 0};
	p[1] = (ts_value){TS_V_TEXT, 0, hi, 0};
	p[2] = (ts_value){TS_V_TEXT, 0, w->dataset, 0};
	if (ts_store_exec(w->st, "SELECT 1 FROM \"events\" WHERE \"id\" >= ? AND \"id\" < ? AND \"dataset\" = ? LIMIT 1",
			  p, 3, any_row, &any, NULL, err))
		return -1;
	if (!any)
		return 0;
	ts_buf_adds(&sql, "SELECT \"id\"");
	for (int i = 0; i < NCOMPARED; i++) {
		const char *name = col_names[compared[i]];
		if (compared[i] == C_LAT || compared[i] == C_LON)
			ts_buf_printf(&sql, ", CAST(round(\"%s\" * 1000000) AS BIGINT)", name);
		else
			ts_buf_printf(&sql, ", \"%s\"", name);
	}
	ts_buf_adds(&sql, " FROM \"events\" WHERE \"id\" >= ? AND \"id\" < ? AND \"dataset\" = ?");
	rc = ts_store_exec(w->st, ts_buf_str(&sql), p, 3, stored_row, w, NULL, err);
	ts_buf_free(&sql);
	if (!rc && w->oom)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	return rc;
}

/* ---- the pending events and the writes ---- */

static int writer_init(writer *w, ts_store *st, const ts_feed_opts *o, ts_feed_stats *s, const char *dataset,
		       ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;

	memset(w, 0, sizeof(*w));
	w->st = st;
	w->o = o;
	w->s = s;
	w->dataset = dataset;
	if (table_grow(w) || !(w->ring = calloc(RING, sizeof(pend))) ||
	    !(w->params = calloc((size_t)BATCH * (NCOL + 2), sizeof(ts_value))) || !(w->agg = ts_event_agg_batch_new()))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	for (int rows = BATCH; rows >= 1; rows -= BATCH - 1) {
		ts_buf_reset(&sql);
		ts_buf_adds(&sql, "INSERT INTO \"events\" (\"dataset\", \"origin\"");
		for (int i = 0; i < NCOL; i++)
			ts_buf_printf(&sql, ", \"%s\"", col_names[i]);
		ts_buf_adds(&sql, ") VALUES ");
		for (int r = 0; r < rows; r++) {
			ts_buf_adds(&sql, r ? ", (?, ?" : "(?, ?");
			for (int i = 0; i < NCOL; i++)
				ts_buf_adds(&sql, ", ?");
			ts_buf_adds(&sql, ")");
		}
		if (!(*(rows == BATCH ? &w->batch_sql : &w->one_sql) = strdup(ts_buf_str(&sql)))) {
			ts_buf_free(&sql);
			return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		}
	}
	/* an event stored before whose columns changed: every column but the id, by id */
	ts_buf_reset(&sql);
	ts_buf_adds(&sql, "UPDATE \"events\" SET \"origin\" = ?");
	for (int i = 1; i < NCOL; i++)
		ts_buf_printf(&sql, ", \"%s\" = ?", col_names[i]);
	ts_buf_adds(&sql, " WHERE \"id\" = ?");
	w->update_sql = ts_buf_detach(&sql, NULL);
	if (!w->update_sql)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	return 0;
}

static void writer_free(writer *w)
{
	for (int i = 0; w->ring && i < RING; i++)
		free(w->ring[i].mem);
	free(w->ring);
	free(w->tab);
	free(w->ids);
	free(w->params);
	free(w->batch_sql);
	free(w->one_sql);
	free(w->update_sql);
	ts_event_agg_batch_free(w->agg);
}

static const char *ptext(const pend *p, enum col c)
{
	return p->v[c].kind == V_TEXT ? p->mem + p->v[c].i : NULL;
}

/* Copies text into a pending event's memory; its offset, or -1 when out of memory. */
static long long pend_put(pend *p, const char *s)
{
	size_t n = strlen(s) + 1;
	long long off = (long long)p->len;

	if (p->len + n > p->cap) {
		size_t cap = p->cap ? p->cap : 1024;
		char *m;
		while (cap < p->len + n)
			cap *= 2;
		if (!(m = realloc(p->mem, cap)))
			return -1;
		p->mem = m;
		p->cap = cap;
	}
	memcpy(p->mem + p->len, s, n);
	p->len += n;
	return off;
}

static int pend_set(pend *p, enum col c, const val *v)
{
	p->v[c] = *v;
	if (v->kind == V_TEXT) {
		long long off = pend_put(p, v->s);
		if (off < 0)
			return -1;
		p->v[c].i = off;
		p->v[c].s = NULL;
	}
	return 0;
}

static void bind(ts_value *out, const pend *p, enum col c)
{
	const val *v = &p->v[c];

	switch (v->kind) {
	case V_NULL: *out = (ts_value){TS_V_NULL, 0, NULL, 0}; break;
	case V_TEXT: *out = (ts_value){TS_V_TEXT, 0, p->mem + v->i, 0}; break;
	case V_INT: *out = (ts_value){TS_V_INT, v->i, NULL, 0}; break;
	case V_REAL: *out = (ts_value){TS_V_REAL, 0, NULL, v->d}; break;
	}
}

static void bind_row(writer *w, ts_value *out, const pend *p)
{
	out[0] = (ts_value){TS_V_TEXT, 0, w->dataset, 0};
	out[1] = (ts_value){TS_V_TEXT, 0, w->s->import_id, 0};
	for (int i = 0; i < NCOL; i++)
		bind(&out[2 + i], p, (enum col)i);
}

static ts_event_key pend_key(const pend *p)
{
	return (ts_event_key){ptext(p, C_COUNTRY), ptext(p, C_ADMIN1), ts_month_parse(ptext(p, C_DATE)), ptext(p, C_TYPE),
			      "public", NULL};
}

static long pend_fat(const pend *p) { return p->v[C_FAT].kind == V_INT ? (long)p->v[C_FAT].i : 0; }

struct old {
	char country[4], admin1[128], month[8], type[40], level[16], team[72];
	long fat;
	int found;
};

static int old_row(void *ctx, const ts_value *c, int n)
{
	struct old *o = ctx;

	(void)n;
	snprintf(o->country, sizeof(o->country), "%s", c[0].type == TS_V_TEXT ? c[0].s : "");
	snprintf(o->admin1, sizeof(o->admin1), "%s", c[1].type == TS_V_TEXT ? c[1].s : "");
	snprintf(o->month, sizeof(o->month), "%s", c[2].type == TS_V_TEXT ? c[2].s : "");
	snprintf(o->type, sizeof(o->type), "%s", c[3].type == TS_V_TEXT ? c[3].s : "");
	snprintf(o->level, sizeof(o->level), "%s", c[4].type == TS_V_TEXT ? c[4].s : "public");
	snprintf(o->team, sizeof(o->team), "%s", c[5].type == TS_V_TEXT ? c[5].s : "");
	o->fat = c[6].type == TS_V_INT ? (long)c[6].i : 0;
	o->found = 1;
	return 0;
}

/* An event stored before whose columns changed: its aggregates moved, its row rewritten. */
static int update_event(writer *w, const pend *p, ts_error *err)
{
	ts_value prm[NCOL + 2];
	struct old o = {0};
	ts_event_key k;

	prm[0] = (ts_value){TS_V_TEXT, 0, ptext(p, C_ID), 0};
	if (ts_store_exec(w->st, "SELECT \"country\", \"admin1\", \"month\", \"event_type\", \"level\", \"team\", \"fatalities\" "
			  "FROM \"events\" WHERE \"id\" = ?", prm, 1, old_row, &o, NULL, err))
		return -1;
	if (!o.found)
		return ts_fail(err, TS_INTERNAL, NULL, "event %s vanished during the import", ptext(p, C_ID));
	k = (ts_event_key){o.country, o.admin1, ts_month_parse(o.month), o.type, o.level, o.team};
	if (ts_event_agg_batch_add(w->agg, &k, -1, -o.fat))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	k = pend_key(p);
	k.level = o.level;
	k.team = o.team;
	if (ts_event_agg_batch_add(w->agg, &k, 1, pend_fat(p)))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	prm[0] = (ts_value){TS_V_TEXT, 0, w->s->import_id, 0};
	for (int i = 1; i < NCOL; i++)
		bind(&prm[i], p, (enum col)i);
	prm[NCOL] = (ts_value){TS_V_TEXT, 0, ptext(p, C_ID), 0};
	return ts_store_exec(w->st, w->update_sql, prm, NCOL + 1, NULL, NULL, NULL, err);
}

/* Writes the n oldest pending events. */
static int flush_oldest(writer *w, int n, ts_error *err)
{
	int added[BATCH], nadded = 0;

	if (n > w->count)
		n = w->count;
	if (n > BATCH)
		n = BATCH;
	for (int k = 0; k < n; k++) {
		int slot = (w->head + k) % RING;
		pend *p = &w->ring[slot];
		ent *e = lookup(w, ptext(p, C_ID), p->idh);
		e->slot = -1;
		if (p->v[C_ACTOR2].kind == V_NULL)
			e->flags |= E_NO_ACTOR2;
		if (p->existing) {
			if (pend_hash(p) == e->content) {
				w->s->unchanged++;
			} else {
				w->s->updated++;
				if (!w->o->dry_run && update_event(w, p, err))
					return -1;
			}
			continue;
		}
		w->s->added++;
		added[nadded++] = slot;
	}
	if (!w->o->dry_run) {
		for (int k = 0; k < nadded; k++) {
			const pend *p = &w->ring[added[k]];
			ts_event_key key = pend_key(p);
			if (ts_event_agg_batch_add(w->agg, &key, 1, pend_fat(p)))
				return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
			bind_row(w, w->params + (size_t)k * (NCOL + 2), p);
		}
		if (nadded == BATCH) {
			if (ts_store_exec(w->st, w->batch_sql, w->params, BATCH * (NCOL + 2), NULL, NULL, NULL, err))
				return -1;
		} else {
			for (int k = 0; k < nadded; k++)
				if (ts_store_exec(w->st, w->one_sql, w->params + (size_t)k * (NCOL + 2), NCOL + 2, NULL, NULL, NULL,
						  err))
					return -1;
		}
	}
	for (int k = 0; k < n; k++)
		w->ring[(w->head + k) % RING].len = 0;
	w->head = (w->head + n) % RING;
	w->count -= n;
	return 0;
}

/* A row of an event already written (rows of a monadic export far apart): the actor it brings
 * becomes the event's second actor when it has none. */
static int merge_written(writer *w, ent *e, const row *r, ts_error *err)
{
	ts_value p[5];
	long changes = 0;
	const val *a = &r->v[C_ACTOR1];

	if (!(e->flags & E_NO_ACTOR2) || a->kind != V_TEXT || w->o->dry_run)
		return 0;
	p[0] = (ts_value){TS_V_TEXT, 0, a->s, 0};
	p[1] = r->v[C_A1TYPE].kind == V_TEXT ? (ts_value){TS_V_TEXT, 0, r->v[C_A1TYPE].s, 0} : (ts_value){TS_V_NULL, 0, NULL, 0};
	p[2] = r->v[C_ASSOC1].kind == V_TEXT ? (ts_value){TS_V_TEXT, 0, r->v[C_ASSOC1].s, 0} : (ts_value){TS_V_NULL, 0, NULL, 0};
	p[3] = (ts_value){TS_V_TEXT, 0, ent_id(w, e), 0};
	p[4] = (ts_value){TS_V_TEXT, 0, a->s, 0};
	if (ts_store_exec(w->st, "UPDATE \"events\" SET \"actor2\" = ?, \"actor2_type\" = ?, \"assoc_actor2\" = ? WHERE "
			  "\"id\" = ? AND \"actor2\" IS NULL AND (\"actor1\" IS NULL OR \"actor1\" <> ?)", p, 5, NULL, NULL,
			  &changes, err))
		return -1;
	if (changes)
		e->flags &= ~(uint32_t)E_NO_ACTOR2;
	return 0;
}

/* A row of an event still pending: it brings the second actor when the event has none. The
 * fatalities are the event's, repeated on each of its rows: counted once. */
static int merge_pending(pend *p, const row *r)
{
	const char *a1 = ptext(p, C_ACTOR1);
	int from = -1;

	if (p->v[C_ACTOR2].kind != V_NULL)
		return 0;
	if (r->v[C_ACTOR1].kind == V_TEXT && (!a1 || strcmp(a1, r->v[C_ACTOR1].s)))
		from = C_ACTOR1;
	else if (r->v[C_ACTOR2].kind == V_TEXT && (!a1 || strcmp(a1, r->v[C_ACTOR2].s)))
		from = C_ACTOR2;
	if (from < 0)
		return 0;
	if (pend_set(p, C_ACTOR2, &r->v[from]) || pend_set(p, C_A2TYPE, &r->v[from + 1]) ||
	    pend_set(p, C_ASSOC2, &r->v[from + 2]))
		return -1;
	return 0;
}

/* Takes a parsed row: a new event, or a row of an event seen before. */
static int writer_add(writer *w, const row *r, ts_error *err)
{
	const char *id = r->v[C_ID].s;
	uint64_t h = hash_id(id);
	ent *e = lookup(w, id, h);
	pend *p;

	if (e->h && (e->flags & E_SEEN)) {
		w->s->merged++;
		if (e->slot >= 0)
			return merge_pending(&w->ring[e->slot], r) ? ts_fail(err, TS_INTERNAL, NULL, "out of memory") : 0;
		return merge_written(w, e, r, err);
	}
	if (!e->h && !(e = table_add(w, id, h)))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (w->count == RING && flush_oldest(w, BATCH, err))
		return -1;
	e->flags |= E_SEEN;
	e->slot = (w->head + w->count) % RING;
	p = &w->ring[e->slot];
	w->count++;
	p->len = 0;
	p->idh = h;
	p->line = r->line;
	p->existing = (e->flags & E_EXISTS) != 0;
	for (int i = 0; i < NCOL; i++)
		if (pend_set(p, (enum col)i, &r->v[i]))
			return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	w->s->events++;
	return 0;
}

static int writer_finish(writer *w, ts_error *err)
{
	while (w->count)
		if (flush_oldest(w, BATCH, err))
			return -1;
	return w->o->dry_run ? 0 : ts_event_agg_batch_flush(w->st, w->agg, err);
}

/* ---- ACLED ---- */

enum acled_col {
	A_ID, A_DATE, A_TIME_PREC, A_TYPE, A_SUB, A_ACTOR1, A_ASSOC1, A_INTER1, A_ACTOR2, A_ASSOC2, A_INTER2, A_ISO,
	A_ISO3, A_COUNTRY, A_ADMIN1, A_ADMIN2, A_ADMIN3, A_LOCATION, A_LAT, A_LON, A_GEO_PREC, A_SOURCE, A_NOTES, A_FAT,
	A_DISORDER, A_TAGS, NACLED
};
static const char *const acled_names[NACLED] = {
	"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
	"actor2", "assoc_actor_2", "inter2", "iso", "iso3", "country", "admin1", "admin2", "admin3", "location", "latitude",
	"longitude", "geo_precision", "source", "notes", "fatalities", "disorder_type", "tags",
};

/* UCDP GED's columns. */
enum ged_col {
	G_ID, G_TOV, G_CONFLICT_NEW_ID, G_SIDE_A, G_SIDE_B, G_SOURCE_OFFICE, G_SOURCE_HEADLINE, G_WHERE_PREC, G_WHERE_COORD,
	G_WHERE_DESC, G_ADM1, G_ADM2, G_LAT, G_LON, G_COUNTRY, G_COUNTRY_ID, G_DATE_PREC, G_DATE_START, G_BEST, G_HIGH,
	G_LOW, NGED
};
static const char *const ged_names[NGED] = {
	"id", "type_of_violence", "conflict_new_id", "side_a", "side_b", "source_office", "source_headline", "where_prec",
	"where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "country", "country_id",
	"date_prec", "date_start", "best", "high", "low",
};

/* Older exports' event types and the ACLED names that normalise to none of ours. */
static const char *const type_aliases[][3] = {
	{"remote_violence", "explosions_remote_violence", NULL},
	{"battle_no_change_of_territory", "battles", "armed_clash"},
	{"battle_government_regains_territory", "battles", "government_regains_territory"},
	{"battle_non_state_actor_overtakes_territory", "battles", "non_state_actor_overtakes_territory"},
	{"riots_protests", "protests", NULL},
	{"non_violent_transfer_of_territory", "strategic_developments", "non_violent_transfer_of_territory"},
	{"headquarters_or_base_established", "strategic_developments", "headquarters_or_base_established"},
	{"violence_against_civilians", "violence_against_civilians", NULL},
};

static const char *enum_value(const ts_enum_value *values, const char *name)
{
	int i = ts_enum_index(values, name);

	return i < 0 ? NULL : values[i].value;
}

/* The actor type of an inter code: a number 0..8 (0: none) or ACLED's text. -1 when neither. */
static int actor_type(const char *s, const char **out)
{
	char n[64];
	long code;

	*out = NULL;
	if (!*s)
		return 0;
	if (!parse_long(s, 0, 8, &code)) {
		*out = code ? ts_actor_types[code - 1].value : NULL;
		return 0;
	}
	normalise(s, n, sizeof(n));
	if (!strncmp(n, "external", 8)) {
		*out = "external_other";
		return 0;
	}
	/* "Rebel groups", "Political militias": the plural of older exports */
	if (strlen(n) > 1 && n[strlen(n) - 1] == 's' && (strstr(n, "group") || strstr(n, "militia")))
		n[strlen(n) - 1] = '\0';
	*out = enum_value(ts_actor_types, n);
	return *out ? 0 : -1;
}

/* Maps ACLED's event type and sub-type; -1 with *bad the column at fault. */
static int map_types(const char *type, const char *sub, const char **t, const char **st, int *bad)
{
	char n[96];

	*t = *st = NULL;
	normalise(type, n, sizeof(n));
	*t = enum_value(ts_event_types, n);
	for (size_t i = 0; !*t && i < sizeof(type_aliases) / sizeof(type_aliases[0]); i++)
		if (!strcmp(type_aliases[i][0], n)) {
			*t = type_aliases[i][1];
			*st = type_aliases[i][2];
		}
	if (!*t) {
		*bad = A_TYPE;
		return -1;
	}
	if (*sub) {
		normalise(sub, n, sizeof(n));
		if (!(*st = enum_value(ts_sub_event_types, n))) {
			*bad = A_SUB;
			return -1;
		}
		if (strcmp(ts_sub_event_parent(*st), *t)) {
			*bad = -A_SUB - 1;
			return -1;
		}
	}
	return 0;
}

typedef struct parser {
	ts_feed_kind kind;
	const char *const *names; /* the dataset's column names: acled_names or ged_names */
	int col[(int)NACLED > (int)NGED ? (int)NACLED : (int)NGED];
	const country_index *ci;
	const ts_feed_opts *o;
	ts_feed_stats *s;
	struct { char raw[2][96]; const char *t, *st; int bad; } tcache;
	/* GED: conflicts by UCDP id */
	long *conf_ucdp;
	char (*conf_id)[64];
	int nconf, capconf;
} parser;

#define CELL(ps, sc, c) ((ps)->col[c] >= 0 ? (sc)->cell[(ps)->col[c]] : NULL)

static void set_text(row *r, enum col c, char *s)
{
	r->v[c] = s && *s ? (val){V_TEXT, s, 0, 0} : (val){V_NULL, NULL, 0, 0};
}

static void set_const(row *r, enum col c, const char *s)
{
	r->v[c] = s ? (val){V_TEXT, s, 0, 0} : (val){V_NULL, NULL, 0, 0};
}

/* Checks a text cell for UTF-8 and cuts it to the column's length; rejects the row when it is not
 * text. */
static int text_col(parser *ps, row *r, enum col c, const char *field, char *s, ts_error *err)
{
	if (!s) {
		r->v[c] = (val){V_NULL, NULL, 0, 0};
		return 0;
	}
	s = trim(s);
	if (text_fit(s, strlen(s), col_max[c]))
		return feed_reject(ps->o, ps->s, r->line, field, s, err, "%s is not text in UTF-8", field) ? -1 : 1;
	set_text(r, c, s);
	return 0;
}

/* Column c of the event from the file's column fcol (named in ps->names); returns from the row's
 * parser when the row is rejected or the import fails. */
#define TEXT(c, fcol)                                                                                          \
	do {                                                                                                   \
		int trc_ = text_col(ps, r, c, ps->names[fcol], CELL(ps, sc, fcol), err);                       \
		if (trc_)                                                                                      \
			return trc_;                                                                           \
	} while (0)
#define REJECT(field, value, ...) return feed_reject(ps->o, ps->s, r->line, field, value, err, __VA_ARGS__) ? -1 : 1

static void set_date(row *r, const char *day)
{
	memcpy(r->date, day, 11);
	memcpy(r->month, day, 7);
	r->month[7] = '\0';
	set_const(r, C_DATE, r->date);
	set_const(r, C_MONTH, r->month);
}

/* The latitude and longitude from the file's columns lat and lon, either absent or empty: 0, 1 when
 * the row is rejected, -1 on failure. */
static int coords(parser *ps, scanner *sc, row *r, int lat, int lon, ts_error *err)
{
	char *c;
	double d;

	if ((c = CELL(ps, sc, lat)) && *trim(c)) {
		if (parse_double(c, -90, 90, &d))
			REJECT("latitude", c, "a latitude is a number from -90 to 90");
		r->v[C_LAT] = (val){V_REAL, NULL, 0, d};
	}
	if ((c = CELL(ps, sc, lon)) && *trim(c)) {
		if (parse_double(c, -180, 180, &d))
			REJECT("longitude", c, "a longitude is a number from -180 to 180");
		r->v[C_LON] = (val){V_REAL, NULL, 0, d};
	}
	return 0;
}

/* Parses one ACLED row into r: 0, 1 when rejected (skip_invalid), -1 on failure. */
static int acled_row(parser *ps, scanner *sc, row *r, char *idbuf, ts_error *err)
{
	char *c, day[11];
	const char *iso3 = NULL, *t, *st, *a1t = NULL, *a2t = NULL;
	long n;
	int bad = 0, rc;

	memset(r->v, 0, sizeof(r->v));
	r->line = sc->line;
	/* id */
	c = trim(CELL(ps, sc, A_ID));
	{
		size_t len = strlen(c), i;
		if (!len || len > 56)
			REJECT("event_id_cnty", c, "an event id is 1 to 56 letters and digits (ACLED's event_id_cnty, e.g. SUD12345)");
		memcpy(idbuf, "acled-", 6);
		for (i = 0; i < len; i++) {
			char ch = (char)tolower((unsigned char)c[i]);
			if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
				REJECT("event_id_cnty", c, "an event id is letters, digits and hyphens (ACLED's event_id_cnty, e.g. SUD12345)");
			idbuf[6 + i] = ch;
		}
		idbuf[6 + len] = '\0';
		set_const(r, C_ID, idbuf);
		set_text(r, C_SOURCE_ID, c);
	}
	/* date */
	c = CELL(ps, sc, A_DATE);
	if (parse_day(c, day))
		REJECT("event_date", c, "not a day: write 2023-04-01, 1-Apr-23 or 01 April 2023");
	set_date(r, day);
	if ((c = CELL(ps, sc, A_TIME_PREC)) && *trim(c)) {
		if (parse_long(c, 1, 3, &n))
			REJECT("time_precision", c, "the time precision is 1 (day), 2 (week) or 3 (month)");
		set_const(r, C_DATE_PREC, n == 1 ? "day" : n == 2 ? "week" : "month");
	} else {
		set_const(r, C_DATE_PREC, "day");
	}
	/* country: ISO numeric, or ISO alpha-3, or the name */
	if ((c = CELL(ps, sc, A_ISO)) && *trim(c)) {
		if (parse_long(c, 0, 999, &n))
			REJECT("iso", c, "the ISO numeric code of a country is a number from 1 to 999");
		if (n && !(iso3 = country_by_num(ps->ci, n)))
			REJECT("iso", c, "no country has this ISO numeric code in the list of countries (tansiq list countries)");
	}
	if (!iso3 && (c = CELL(ps, sc, A_ISO3)) && *trim(c) && !(iso3 = country_by_iso3(ps->ci, c)))
		REJECT("iso3", c, "no country has this ISO alpha-3 code in the list of countries (tansiq list countries)");
	if (!iso3) {
		c = CELL(ps, sc, A_COUNTRY);
		if (!c || !(iso3 = country_by_name(ps->ci, trim(c))))
			REJECT("country", c ? c : "", "unknown country: give its ISO code (iso) or its English name as in the "
			       "list of countries (tansiq list countries)");
	}
	set_const(r, C_COUNTRY, iso3);
	/* place */
	TEXT(C_ADMIN1, A_ADMIN1);
	TEXT(C_ADMIN2, A_ADMIN2);
	TEXT(C_ADMIN3, A_ADMIN3);
	TEXT(C_PLACE, A_LOCATION);
	if ((rc = coords(ps, sc, r, A_LAT, A_LON, err)))
		return rc;
	if ((c = CELL(ps, sc, A_GEO_PREC)) && *trim(c)) {
		if (parse_long(c, 1, 3, &n))
			REJECT("geo_precision", c, "the place precision is 1 (the place), 2 (near it) or 3 (a wider region)");
		set_const(r, C_GEO_PREC, n == 1 ? "place" : n == 2 ? "near" : "region");
	} else {
		set_const(r, C_GEO_PREC, "place");
	}
	/* types, through a cache of the last pair */
	{
		char *tc = trim(CELL(ps, sc, A_TYPE)), *sc2 = CELL(ps, sc, A_SUB);
		sc2 = sc2 ? trim(sc2) : (char *)"";
		if (!strcmp(ps->tcache.raw[0], tc) && !strcmp(ps->tcache.raw[1], sc2) && ps->tcache.raw[0][0]) {
			t = ps->tcache.t;
			st = ps->tcache.st;
		} else {
			if (map_types(tc, sc2, &t, &st, &bad)) {
				if (bad == A_TYPE)
					REJECT("event_type", tc, "unknown event type: ACLED's are Battles, Explosions/Remote "
					       "violence, Violence against civilians, Protests, Riots, Strategic developments");
				if (bad == A_SUB)
					REJECT("sub_event_type", sc2, "unknown sub-event type (tansiq schema events lists them)");
				REJECT("sub_event_type", sc2, "this sub-event type is not a kind of '%s'", tc);
			}
			snprintf(ps->tcache.raw[0], sizeof(ps->tcache.raw[0]), "%s", strlen(tc) < 95 ? tc : "");
			snprintf(ps->tcache.raw[1], sizeof(ps->tcache.raw[1]), "%s", strlen(sc2) < 95 ? sc2 : "");
			ps->tcache.t = t;
			ps->tcache.st = st;
		}
		set_const(r, C_TYPE, t);
		set_const(r, C_SUB, st);
	}
	/* actors */
	TEXT(C_ACTOR1, A_ACTOR1);
	TEXT(C_ASSOC1, A_ASSOC1);
	TEXT(C_ACTOR2, A_ACTOR2);
	TEXT(C_ASSOC2, A_ASSOC2);
	if ((c = CELL(ps, sc, A_INTER1)) && actor_type(trim(c), &a1t))
		REJECT("inter1", c, "an actor type is a number from 0 to 8 or ACLED's name (State forces, Rebel group, "
		       "Political militia, Identity militia, Rioters, Protesters, Civilians, External/Other forces)");
	if ((c = CELL(ps, sc, A_INTER2)) && actor_type(trim(c), &a2t))
		REJECT("inter2", c, "an actor type is a number from 0 to 8 or ACLED's name (State forces, Rebel group, "
		       "Political militia, Identity militia, Rioters, Protesters, Civilians, External/Other forces)");
	set_const(r, C_A1TYPE, ps->col[A_INTER1] >= 0 && r->v[C_ACTOR1].kind ? a1t : NULL);
	set_const(r, C_A2TYPE, ps->col[A_INTER2] >= 0 && r->v[C_ACTOR2].kind ? a2t : NULL);
	/* fatalities, sources, notes */
	c = trim(CELL(ps, sc, A_FAT));
	if (parse_long(c, 0, 1000000, &n))
		REJECT("fatalities", c, "fatalities are a whole number from 0 to 1000000");
	r->v[C_FAT] = (val){V_INT, NULL, n, 0};
	TEXT(C_SOURCES, A_SOURCE);
	TEXT(C_NOTES, A_NOTES);
	return 0;
}

/* ---- UCDP GED ---- */

static const char *actor_of(const char *side, int civilians_ok)
{
	if (!side || !*side)
		return NULL;
	if (!strncmp(side, "Government of", 13))
		return "state_forces";
	if (civilians_ok && !strcasecmp(side, "Civilians"))
		return "civilians";
	return NULL;
}

static const char *conflict_of(const parser *ps, long ucdp)
{
	int lo = 0, hi = ps->nconf - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (ps->conf_ucdp[mid] == ucdp)
			return ps->conf_id[mid];
		if (ps->conf_ucdp[mid] < ucdp)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static int ged_row(parser *ps, scanner *sc, row *r, char *idbuf, ts_error *err)
{
	char *c, day[11];
	const char *iso3;
	long n, tov, best, lo = -1, hi = -1;
	int rc;

	memset(r->v, 0, sizeof(r->v));
	r->line = sc->line;
	c = trim(CELL(ps, sc, G_ID));
	if (parse_long(c, 1, 999999999999L, &n))
		REJECT("id", c, "GED's event id is a whole number");
	snprintf(idbuf, 80, "ged-%ld", n);
	set_const(r, C_ID, idbuf);
	set_text(r, C_SOURCE_ID, c);
	c = trim(CELL(ps, sc, G_TOV));
	if (parse_long(c, 1, 3, &tov))
		REJECT("type_of_violence", c, "the type of violence is 1 (state-based), 2 (non-state) or 3 (one-sided)");
	set_const(r, C_TYPE, tov == 3 ? "violence_against_civilians" : "battles");
	set_const(r, C_SUB, tov == 3 ? "attack" : "armed_clash");
	c = trim(CELL(ps, sc, G_COUNTRY_ID));
	if (parse_long(c, 1, 999, &n) || !(iso3 = country_by_gw(ps->ci, n)))
		REJECT("country_id", c, "no country has this Gleditsch-Ward code in the list of countries (tansiq list countries)");
	set_const(r, C_COUNTRY, iso3);
	c = CELL(ps, sc, G_DATE_START);
	if (parse_day(c, day))
		REJECT("date_start", c, "not a day: write 2023-04-01");
	set_date(r, day);
	if ((c = CELL(ps, sc, G_DATE_PREC)) && *trim(c)) {
		if (parse_long(c, 1, 5, &n))
			REJECT("date_prec", c, "the date precision is a number from 1 (the day) to 5 (the year)");
		set_const(r, C_DATE_PREC, ts_date_precisions[n - 1].value); /* GED's codes, in the list's order */
	} else {
		set_const(r, C_DATE_PREC, "day");
	}
	if ((c = CELL(ps, sc, G_WHERE_PREC)) && *trim(c)) {
		if (parse_long(c, 1, 7, &n))
			REJECT("where_prec", c, "the place precision is a number from 1 (the place) to 7 (international)");
		set_const(r, C_GEO_PREC, ts_geo_precisions[n - 1].value); /* likewise */
	} else {
		set_const(r, C_GEO_PREC, "place");
	}
	TEXT(C_ADMIN1, G_ADM1);
	TEXT(C_ADMIN2, G_ADM2);
	TEXT(C_PLACE, G_WHERE_COORD);
	if ((rc = coords(ps, sc, r, G_LAT, G_LON, err)))
		return rc;
	TEXT(C_ACTOR1, G_SIDE_A);
	TEXT(C_ACTOR2, G_SIDE_B);
	set_const(r, C_A1TYPE, actor_of(r->v[C_ACTOR1].s, 0));
	set_const(r, C_A2TYPE, tov == 1 && r->v[C_ACTOR2].kind && !actor_of(r->v[C_ACTOR2].s, 0)
				       ? "rebel_group" : actor_of(r->v[C_ACTOR2].s, tov == 3));
	c = trim(CELL(ps, sc, G_BEST));
	if (parse_long(c, 0, 1000000, &best))
		REJECT("best", c, "the best estimate of deaths is a whole number from 0 to 1000000");
	if ((c = CELL(ps, sc, G_LOW)) && *trim(c) && parse_long(c, 0, 1000000, &lo))
		REJECT("low", c, "the low estimate of deaths is a whole number from 0 to 1000000");
	if ((c = CELL(ps, sc, G_HIGH)) && *trim(c) && parse_long(c, 0, 1000000, &hi))
		REJECT("high", c, "the high estimate of deaths is a whole number from 0 to 1000000");
	if ((lo >= 0 && lo > best) || (hi >= 0 && hi < best))
		REJECT("best", CELL(ps, sc, G_BEST), "the best estimate lies between the low and the high estimates");
	r->v[C_FAT] = (val){V_INT, NULL, best, 0};
	if (lo >= 0)
		r->v[C_FAT_LOW] = (val){V_INT, NULL, lo, 0};
	if (hi >= 0)
		r->v[C_FAT_HIGH] = (val){V_INT, NULL, hi, 0};
	TEXT(C_SOURCES, G_SOURCE_OFFICE);
	TEXT(C_NOTES, G_SOURCE_HEADLINE);
	if ((c = CELL(ps, sc, G_CONFLICT_NEW_ID)) && !parse_long(trim(c), 1, 999999, &n))
		set_const(r, C_CONFLICT, conflict_of(ps, n));
	return 0;
}

static int conf_row(void *ctx, const ts_value *c, int n)
{
	parser *ps = ctx;

	(void)n;
	if (c[1].type != TS_V_INT)
		return 0;
	if (ps->nconf == ps->capconf) {
		size_t cap = ps->capconf ? (size_t)ps->capconf * 2 : 64;
		long *a;
		char(*b)[64];
		if (!(a = realloc(ps->conf_ucdp, cap * sizeof(long))))
			return 1;
		ps->conf_ucdp = a;
		if (!(b = realloc(ps->conf_id, cap * sizeof(*b))))
			return 1;
		ps->conf_id = b;
		ps->capconf = (int)cap;
	}
	ps->conf_ucdp[ps->nconf] = (long)c[1].i;
	snprintf(ps->conf_id[ps->nconf++], 64, "%s", c[0].s);
	return 0;
}

/* ---- the import ---- */

#define N_OF(a) (int)(sizeof(a) / sizeof((a)[0]))

static int header(parser *ps, scanner *sc, ts_feed_stats *s, ts_error *err)
{
	static const int acled_required[] = {A_ID, A_DATE, A_TYPE, A_FAT};
	static const int ged_required[] = {G_ID, G_TOV, G_COUNTRY_ID, G_DATE_START, G_BEST};

	if (ps->kind == TS_FEED_ACLED) {
		ps->names = acled_names;
		if (header_read(sc, acled_names, NACLED, acled_required, N_OF(acled_required), ps->col,
				ts_feed_name(ps->kind), "an ACLED file", err))
			return -1;
		if (ps->col[A_ISO] < 0 && ps->col[A_ISO3] < 0 && ps->col[A_COUNTRY] < 0) {
			ts_fail(err, TS_REQUIRED, "iso", "the header has none of iso, iso3 and country: which country each event "
				"took place in cannot be known");
			ts_error_at(err, 0, 'l', sc->line);
			return -1;
		}
		snprintf(s->format, sizeof(s->format), "acled, %d columns%s", sc->ncells,
			 ps->col[A_DISORDER] >= 0 ? "" : ", before 2023");
	} else {
		ps->names = ged_names;
		if (header_read(sc, ged_names, NGED, ged_required, N_OF(ged_required), ps->col, ts_feed_name(ps->kind),
				"a UCDP GED file", err))
			return -1;
		snprintf(s->format, sizeof(s->format), "ucdp ged, %d columns", sc->ncells);
	}
	return 0;
}

static int import_events(ts_store *st, ts_feed_kind kind, scanner *sc, const ts_feed_opts *o, ts_feed_stats *s,
			 ts_error *err)
{
	parser ps;
	country_index ci;
	writer w;
	row r;
	char idbuf[80];
	long long next_progress = 1 << 20;
	int rc = -1;

	memset(&ps, 0, sizeof(ps));
	ps.kind = kind;
	ps.o = o;
	ps.s = s;
	ps.ci = &ci;
	if (countries_load(st, &ci, err))
		return -1;
	if (writer_init(&w, st, o, s, feed_dataset(kind), err))
		goto done;
	if (header(&ps, sc, s, err))
		goto done;
	if (kind == TS_FEED_UCDP_GED &&
	    ts_store_exec(st, "SELECT \"id\", \"ucdp_id\" FROM \"conflicts\" WHERE \"ucdp_id\" IS NOT NULL ORDER BY \"ucdp_id\"",
			  NULL, 0, conf_row, &ps, NULL, err))
		goto done;
	if (load_stored(&w, kind == TS_FEED_ACLED ? "acled" : "ged", err) || import_record_begin(st, feed_dataset(kind), o, s, err))
		goto done;
	for (;;) {
		int got = scan_next(sc, err), prc;
		if (got < 0)
			goto done;
		if (!got)
			break;
		s->rows++;
		prc = kind == TS_FEED_ACLED ? acled_row(&ps, sc, &r, idbuf, err) : ged_row(&ps, sc, &r, idbuf, err);
		if (prc < 0)
			goto done;
		if (prc == 0 && writer_add(&w, &r, err))
			goto done;
		if (o->progress && scan_bytes(sc) >= next_progress) {
			o->progress(o->progress_ctx, scan_bytes(sc), sc->r->total, s->events);
			next_progress = scan_bytes(sc) + (1 << 20);
		}
	}
	if (writer_finish(&w, err))
		goto done;
	if (kind == TS_FEED_ACLED) /* rows merged: a monadic export */
		snprintf(s->format + strlen(s->format), sizeof(s->format) - strlen(s->format), ", %s",
			 s->merged ? "monadic" : "dyadic");
	if (o->progress)
		o->progress(o->progress_ctx, scan_bytes(sc), sc->r->total, s->events);
	rc = import_record_end(st, feed_dataset(kind), o, s, err);
done:
	writer_free(&w);
	countries_free(&ci);
	free(ps.conf_ucdp);
	free(ps.conf_id);
	return rc;
}

int ts_feed_import(ts_store *st, ts_feed_kind kind, ts_feed_reader *r, const ts_feed_opts *o, ts_feed_stats *s,
		   ts_error *err)
{
	static const ts_feed_opts defaults = TS_FEED_OPTS_INIT;
	scanner sc;
	json_t *probe;
	int rc;

	memset(s, 0, sizeof(*s));
	if (!o)
		o = &defaults;
	if ((unsigned)kind >= TS_FEED_COUNT)
		return ts_fail(err, TS_NOT_FOUND, "dataset", "no dataset %d: the datasets are acled, ucdp-ged and ucdp-acd", (int)kind);
	/* whoever imports writes events (or conflicts): checked once, on an event as the import writes them */
	probe = json_pack("{s:s, s:s}", "dataset", feed_dataset(kind), "level", "public");
	rc = ts_access_check_write(st, kind == TS_FEED_UCDP_ACD ? &ts_entity_conflict : &ts_entity_event, probe, err);
	json_decref(probe);
	if (rc)
		return -1;
	if (scan_init(&sc, r, err))
		return -1;
	rc = kind == TS_FEED_UCDP_ACD ? acd_import(st, &sc, o, s, err) : import_events(st, kind, &sc, o, s, err);
	scan_free(&sc);
	return rc;
}
