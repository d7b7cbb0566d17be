/* The in-memory index of mandates and reports (index.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"

/* ---- interned strings ---- */

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int grow_slots(ix_index *ix)
{
	int n = ix->nslots ? ix->nslots * 2 : 1024;
	int *slots = malloc((size_t)n * sizeof(int));

	if (!slots)
		return -1;
	memset(slots, 0, (size_t)n * sizeof(int));
	for (int i = 1; i < ix->nstr; i++) {
		unsigned h = hash(ix->str[i]) & (unsigned)(n - 1);
		while (slots[h])
			h = (h + 1) & (unsigned)(n - 1);
		slots[h] = i;
	}
	free(ix->slots);
	ix->slots = slots;
	ix->nslots = n;
	return 0;
}

int ix_find(const ix_index *ix, const char *s)
{
	unsigned h;

	if (!s || !ix->nslots)
		return 0;
	for (h = hash(s) & (unsigned)(ix->nslots - 1); ix->slots[h]; h = (h + 1) & (unsigned)(ix->nslots - 1))
		if (!strcmp(ix->str[ix->slots[h]], s))
			return ix->slots[h];
	return 0;
}

/* The number of s, interned if new; 0 for NULL, -1 when out of memory. */
static int intern(ix_index *ix, const char *s)
{
	unsigned h;
	int i;

	if (!s)
		return 0;
	if ((i = ix_find(ix, s)))
		return i;
	if (ix->nstr + 1 >= ix->capstr) {
		int cap = ix->capstr ? ix->capstr * 2 : 1024;
		char **str = realloc(ix->str, (size_t)cap * sizeof(char *));
		if (!str)
			return -1;
		ix->str = str;
		ix->capstr = cap;
		if (ix->nstr == 0)
			ix->str[ix->nstr++] = NULL; /* 0 is "none" */
	}
	if ((ix->nstr + 1) * 2 > ix->nslots && grow_slots(ix))
		return -1;
	if (!(ix->str[ix->nstr] = strdup(s)))
		return -1;
	for (h = hash(s) & (unsigned)(ix->nslots - 1); ix->slots[h]; h = (h + 1) & (unsigned)(ix->nslots - 1))
		;
	ix->slots[h] = ix->nstr;
	return ix->nstr++;
}

static void ix_free(ix_index *ix)
{
	if (!ix)
		return;
	for (int i = 1; i < ix->nstr; i++)
		free(ix->str[i]);
	free(ix->str);
	free(ix->slots);
	free(ix->m);
	free(ix->r);
	free(ix->p);
	free(ix->res);
	free(ix->results);
	free(ix->m_of);
	free(ix->p_of);
	free(ix->res_of);
	free(ix->result_of);
	free(ix->sessions);
	free(ix->sess_off);
	free(ix->sess_n);
	free(ix->members);
	free(ix);
}

/* ---- loading ---- */

/* The value of the n digits at s (checked by ts_pdate_valid). */
static int digits(const char *s, int n)
{
	int v = 0;
	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

int ts_pdate_range(const char *s, int *lo, int *hi)
{
	int y, m = 0, d = 0, n;

	*lo = *hi = 0;
	if (!s || !ts_pdate_valid(s))
		return -1;
	/* YYYY, YYYY-MM or YYYY-MM-DD: no sscanf, this runs for every date the index loads */
	n = s[4] ? s[7] ? 3 : 2 : 1;
	y = digits(s, 4);
	if (n >= 2)
		m = digits(s + 5, 2);
	if (n == 3)
		d = digits(s + 8, 2);
	if (n == 1) {
		*lo = y * 10000 + 101;
		*hi = y * 10000 + 1231;
	} else if (n == 2) {
		*lo = y * 10000 + m * 100 + 1;
		*hi = y * 10000 + m * 100 + ts_month_days(y, m);
	} else {
		*lo = *hi = y * 10000 + m * 100 + d;
	}
	return 0;
}

static int day_end(const char *s)
{
	int lo, hi;
	ts_pdate_range(s, &lo, &hi);
	return hi;
}

static int day_of(const char *s)
{
	int lo, hi;
	ts_pdate_range(s, &lo, &hi);
	return lo;
}

/* "2018-11-29T10:00:00Z" as 20181129100000. */
static long long stamp_of(const char *s)
{
	long long v = 0;
	for (; s && *s; s++)
		if (*s >= '0' && *s <= '9')
			v = v * 10 + (*s - '0');
	return v;
}

static int level_of(const char *s)
{
	int l = ts_level_parse(s ? s : "public");
	return l < 0 ? TS_LEVEL_RESTRICTED : l;
}

static int status_of(const char *s)
{
	for (int i = 0; s && ts_report_statuses[i].value; i++)
		if (!strcmp(s, ts_report_statuses[i].value))
			return i;
	return TS_MS_NOT_STARTED;
}

/* Appends room for one more element to an array. */
#define PUSH(arr, n, cap, fail)                                                              \
	do {                                                                                 \
		if ((n) >= (cap)) {                                                          \
			int c_ = (cap) ? (cap) * 2 : 256;                                    \
			void *a_ = realloc((arr), (size_t)c_ * sizeof(*(arr)));              \
			if (!a_)                                                             \
				goto fail;                                                   \
			(arr) = a_;                                                          \
			(cap) = c_;                                                          \
		}                                                                            \
	} while (0)

typedef struct loader {
	ix_index *ix;
	int cap, cap2, failed;
} loader;

static const char *cell(const ts_value *c, int i) { return c[i].type == TS_V_TEXT ? c[i].s : NULL; }
static long long icell(const ts_value *c, int i) { return c[i].type == TS_V_INT ? c[i].i : 0; }

/* An id-to-dense-index map over the strings interned so far. */
static int *dense_map(ix_index *ix, int n, int (*id_at)(const ix_index *, int))
{
	int *map = malloc((size_t)(ix->nstr + 1) * sizeof(int));
	if (!map)
		return NULL;
	for (int i = 0; i <= ix->nstr; i++)
		map[i] = -1;
	for (int i = 0; i < n; i++)
		map[id_at(ix, i)] = i;
	return map;
}

static int result_row(void *ctx, const ts_value *c, int n)
{
	loader *ld = ctx;
	ix_index *ix = ld->ix;
	ix_result *x;

	(void)n;
	PUSH(ix->results, ix->nresults, ld->cap, fail);
	x = &ix->results[ix->nresults++];
	x->id = intern(ix, cell(c, 0));
	x->parent = intern(ix, cell(c, 1)); /* resolved once all are read */
	x->organ = intern(ix, cell(c, 2));
	x->weight = (int)icell(c, 3);
	x->start = day_of(cell(c, 4));
	x->level = (signed char)level_of(cell(c, 5));
	x->team = intern(ix, cell(c, 6));
	x->depth = 0;
	return (x->id < 0 || x->parent < 0 || x->organ < 0 || x->team < 0) ? (ld->failed = 1) : 0;
fail:
	return ld->failed = 1;
}

static int res_row(void *ctx, const ts_value *c, int n)
{
	loader *ld = ctx;
	ix_index *ix = ld->ix;
	ix_res *x;
	int start;

	(void)n;
	PUSH(ix->res, ix->nres, ld->cap, fail);
	x = &ix->res[ix->nres++];
	x->id = intern(ix, cell(c, 0));
	x->organ = intern(ix, cell(c, 1));
	x->category = intern(ix, cell(c, 2));
	/* its mandates run from the end of the session that adopted it: the last day of the
	 * adoption date as known, else of the meeting */
	start = day_end(cell(c, 3));
	x->start = start ? start : day_end(cell(c, 4)) ? day_end(cell(c, 4)) : day_end(cell(c, 7));
	x->level = (signed char)level_of(cell(c, 5));
	x->team = intern(ix, cell(c, 6));
	return (x->id < 0 || x->organ < 0 || x->category < 0 || x->team < 0) ? (ld->failed = 1) : 0;
fail:
	return ld->failed = 1;
}

static int para_row(void *ctx, const ts_value *c, int n)
{
	loader *ld = ctx;
	ix_index *ix = ld->ix;
	ix_para *x;

	(void)n;
	PUSH(ix->p, ix->np, ld->cap, fail);
	x = &ix->p[ix->np++];
	x->id = intern(ix, cell(c, 0));
	x->res = ix_lookup(ix->res_of, ix->res_bound, ix_find(ix, cell(c, 1)));
	x->weight = (int)icell(c, 2);
	x->number = (int)icell(c, 3);
	x->level = (signed char)level_of(cell(c, 4));
	x->team = intern(ix, cell(c, 5));
	return (x->id < 0 || x->team < 0) ? (ld->failed = 1) : 0;
fail:
	return ld->failed = 1;
}

static int session_row(void *ctx, const ts_value *c, int n)
{
	loader *ld = ctx;
	ix_index *ix = ld->ix;
	int organ = intern(ix, cell(c, 0));

	(void)n;
	PUSH(ix->sessions, ix->nsessions, ld->cap, fail);
	PUSH(ix->session_organ, ix->nsessions, ld->cap2, fail);
	ix->session_organ[ix->nsessions] = organ;
	ix->sessions[ix->nsessions++] = day_of(cell(c, 1));
	return organ < 0 ? (ld->failed = 1) : 0;
fail:
	return ld->failed = 1;
}

static int member_row(void *ctx, const ts_value *c, int n)
{
	loader *ld = ctx;
	ix_index *ix = ld->ix;

	(void)n;
	PUSH(ix->members, ix->nmembers, ld->cap, fail);
	ix->members[ix->nmembers] = intern(ix, cell(c, 0));
	return ix->members[ix->nmembers++] < 0 ? (ld->failed = 1) : 0;
fail:
	return ld->failed = 1;
}

/* The addressee key of a mandate row (cell 3 the kind, cells 4 to 7 the fields of
 * ix_addressee_refs, in order), interned. */
static int addressee_key(ix_index *ix, const ts_value *c)
{
	const char *kind = cell(c, 3);
	const ix_addressee_ref *ref = ix_addressee_ref_of(kind);
	char key[160];

	if (ref && cell(c, 4 + (int)(ref - ix_addressee_refs))) {
		snprintf(key, sizeof(key), "%s:%s", kind, cell(c, 4 + (int)(ref - ix_addressee_refs)));
		return intern(ix, key);
	}
	return intern(ix, kind ? kind : "secretary_general");
}

static int mandate_row(void *ctx, const ts_value *c, int n)
{
	loader *ld = ctx;
	ix_index *ix = ld->ix;
	ix_mandate *x;
	const char *rec;
	int lo, hi;

	(void)n;
	PUSH(ix->m, ix->nm, ld->cap, fail);
	x = &ix->m[ix->nm++];
	memset(x, 0, sizeof(*x));
	x->id = intern(ix, cell(c, 0));
	x->para = ix_lookup(ix->p_of, ix->p_bound, ix_find(ix, cell(c, 1)));
	x->res = x->para >= 0 ? ix->p[x->para].res : -1;
	x->result = ix_lookup(ix->result_of, ix->result_bound, ix_find(ix, cell(c, 2)));
	x->addressee = addressee_key(ix, c);
	x->terms.start = day_of(cell(c, 8));
	ts_pdate_range(cell(c, 9), &lo, &hi);
	x->terms.due_lo = lo;
	x->terms.due_hi = hi;
	rec = cell(c, 10);
	x->terms.recurrence = rec && !strcmp(rec, "yearly") ? TS_REC_YEARLY
			      : rec && !strcmp(rec, "each_session") ? TS_REC_EACH_SESSION : TS_REC_NONE;
	x->report_to = intern(ix, cell(c, 11));
	x->weight = (int)icell(c, 12);
	x->level = (signed char)level_of(cell(c, 13));
	x->team = intern(ix, cell(c, 14));
	if (x->res >= 0) {
		x->organ = ix->res[x->res].organ;
		x->category = ix->res[x->res].category;
		if (!x->terms.start)
			x->terms.start = ix->res[x->res].start;
	}
	/* a programme's activity: the organ and start of the nearest result up the tree */
	for (int r = x->result, hops = 0; r >= 0 && hops < 1000 && (!x->organ || !x->terms.start); hops++) {
		if (!x->organ)
			x->organ = ix->results[r].organ;
		if (!x->terms.start)
			x->terms.start = ix->results[r].start;
		r = ix->results[r].parent;
	}
	x->year = x->terms.start / 10000;
	return (x->id < 0 || x->addressee < 0 || x->report_to < 0 || x->team < 0) ? (ld->failed = 1) : 0;
fail:
	return ld->failed = 1;
}

static int report_row(void *ctx, const ts_value *c, int n)
{
	loader *ld = ctx;
	ix_index *ix = ld->ix;
	ix_report *x;
	int m = ix_lookup(ix->m_of, ix->m_bound, ix_find(ix, cell(c, 0)));

	(void)n;
	if (m < 0)
		return 0;
	PUSH(ix->r, ix->nr, ld->cap, fail);
	x = &ix->r[ix->nr++];
	x->mandate = m;
	x->fact.day = day_of(cell(c, 1));
	x->fact.status = status_of(cell(c, 2));
	x->fact.progress = (int)icell(c, 3);
	x->filed = stamp_of(cell(c, 4));
	x->id = intern(ix, cell(c, 8));
	x->state = intern(ix, cell(c, 5));
	x->level = (signed char)level_of(cell(c, 6));
	x->team = intern(ix, cell(c, 7));
	return (x->state < 0 || x->team < 0 || x->id < 0) ? (ld->failed = 1) : 0;
fail:
	return ld->failed = 1;
}

static int id_of_result(const ix_index *ix, int i) { return ix->results[i].id; }
static int id_of_res(const ix_index *ix, int i) { return ix->res[i].id; }
static int id_of_para(const ix_index *ix, int i) { return ix->p[i].id; }
static int id_of_mandate(const ix_index *ix, int i) { return ix->m[i].id; }

/* A mandate's reports in the order they were made: by day, then the second they were filed,
 * then their ids (as the progress report's export orders them). */
static int by_mandate_then_day(const void *a, const void *b, void *ctx)
{
	const ix_index *ix = ctx;
	const ix_report *x = a, *y = b;
	if (x->mandate != y->mandate)
		return x->mandate < y->mandate ? -1 : 1;
	if (x->fact.day != y->fact.day)
		return x->fact.day < y->fact.day ? -1 : 1;
	if (x->filed != y->filed)
		return x->filed < y->filed ? -1 : 1;
	return x->id != y->id ? strcmp(ix->str[x->id], ix->str[y->id]) : 0;
}

/* Runs one loading query; the row function sets ld->failed when out of memory. */
static int load(ts_store *st, const char *sql, ts_row_fn fn, loader *ld, ts_error *err)
{
	ld->cap = 0;
	ld->cap2 = 0;
	ld->failed = 0;
	if (ts_store_exec(st, sql, NULL, 0, fn, ld, NULL, err))
		return -1;
	return ld->failed ? ts_fail(err, TS_INTERNAL, NULL, "out of memory building the implementation index") : 0;
}

static int build(ts_store *st, ix_index **out, ts_error *err)
{
	ix_index *ix = calloc(1, sizeof(*ix));
	loader ld = {ix, 0, 0, 0};

	*out = NULL;
	if (!ix || intern(ix, "") < 0) {
		free(ix);
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory building the implementation index");
	}
	if (load(st, "SELECT \"id\", \"parent\", \"organ\", \"weight\", \"start\", \"level\", \"team\" FROM \"results\"",
		 result_row, &ld, err))
		goto fail;
	if (!(ix->result_of = dense_map(ix, ix->nresults, id_of_result)))
		goto oom;
	ix->result_bound = ix->nstr;
	for (int i = 0; i < ix->nresults; i++)
		ix->results[i].parent = ix_lookup(ix->result_of, ix->result_bound, ix->results[i].parent);
	if (load(st, "SELECT r.\"id\", mt.\"organ\", r.\"category\", r.\"adopted_on\", mt.\"end\", r.\"level\", r.\"team\", "
		     "mt.\"start\" "
		     "FROM \"resolutions\" r LEFT JOIN \"meetings\" mt ON mt.\"id\" = r.\"meeting\"", res_row, &ld, err))
		goto fail;
	if (!(ix->res_of = dense_map(ix, ix->nres, id_of_res)))
		goto oom;
	ix->res_bound = ix->nstr;
	if (load(st, "SELECT \"id\", \"resolution\", \"weight\", \"number\", \"level\", \"team\" FROM \"paragraphs\"", para_row,
		 &ld, err))
		goto fail;
	if (!(ix->p_of = dense_map(ix, ix->np, id_of_para)))
		goto oom;
	ix->p_bound = ix->nstr;
	if (load(st, "SELECT \"organ\", \"start\" FROM \"meetings\" WHERE \"kind\" = 'ordinary' AND \"status\" <> "
		     "'cancelled' AND \"organ\" IS NOT NULL ORDER BY \"organ\", \"start\"", session_row, &ld, err) ||
	    load(st, "SELECT \"id\" FROM \"states\" WHERE \"status\" = 'member' ORDER BY \"id\"", member_row, &ld, err) ||
	    load(st, "SELECT \"id\", \"paragraph\", \"result\", \"addressee\", \"addressee_organ\", \"addressee_state\", "
		     "\"addressee_group\", \"addressee_partner\", \"start\", \"due\", \"recurrence\", \"report_to\", \"weight\", "
		     "\"level\", \"team\" FROM \"mandates\"", mandate_row, &ld, err))
		goto fail;
	if (!(ix->m_of = dense_map(ix, ix->nm, id_of_mandate)))
		goto oom;
	ix->m_bound = ix->nstr;
	if (load(st, "SELECT \"mandate\", \"reported_on\", \"status\", \"progress\", \"filed_at\", \"state\", \"level\", "
		     "\"team\", \"id\" FROM \"implementation_reports\"", report_row, &ld, err))
		goto fail;
	if (ix->nr > 1)
		qsort_r(ix->r, (size_t)ix->nr, sizeof(ix->r[0]), by_mandate_then_day, ix);
	for (int i = 0; i < ix->nr; i++) {
		ix_mandate *m = &ix->m[ix->r[i].mandate];
		if (!m->nreports++)
			m->first = i;
	}
	/* each organ's sessions: a slice of the sorted list */
	if (!(ix->sess_off = calloc((size_t)ix->nstr + 1, sizeof(int))) ||
	    !(ix->sess_n = calloc((size_t)ix->nstr + 1, sizeof(int))))
		goto oom;
	for (int i = ix->nsessions - 1; i >= 0; i--) {
		ix->sess_off[ix->session_organ[i]] = i;
		ix->sess_n[ix->session_organ[i]]++;
	}
	ix->sess_bound = ix->nstr;
	for (int i = 0; i < ix->nm; i++) {
		ix_mandate *m = &ix->m[i];
		if (m->terms.recurrence == TS_REC_EACH_SESSION && m->report_to > 0 && m->report_to < ix->sess_bound) {
			m->terms.sessions = ix->sessions + ix->sess_off[m->report_to];
			m->terms.nsessions = ix->sess_n[m->report_to];
		}
	}
	/* depth in the programme tree, for rolling up from the leaves */
	for (int i = 0; i < ix->nresults; i++) {
		int d = 0;
		for (int r = ix->results[i].parent; r >= 0 && d < 1000; r = ix->results[r].parent)
			d++;
		ix->results[i].depth = d;
	}
	free(ix->session_organ);
	ix->session_organ = NULL;
	*out = ix;
	return 0;
oom:
	ts_fail(err, TS_INTERNAL, NULL, "out of memory building the implementation index");
fail:
	free(ix->session_organ);
	ix->session_organ = NULL;
	ix_free(ix);
	return -1;
}

/* ---- the shared index ---- */

/* What the index derives from: changes elsewhere, to accounts, offices or votes, leave it as it is. */
static const char *const sources[] = {"mandates", "implementation-reports", "paragraphs", "resolutions", "meetings",
				      "results", "states", NULL};

static void free_cached(ts_cached *v) { ix_free((ix_index *)v); }

static ts_cache g_cache = TS_CACHE_INIT(sources, free_cached);

static int build_cached(ts_store *st, ts_cached **out, ts_error *err)
{
	ix_index *ix = NULL;

	if (build(st, &ix, err))
		return -1;
	*out = &ix->cache;
	return 0;
}

void ix_release(ix_index *ix)
{
	ts_cache_release(&g_cache, ix ? &ix->cache : NULL);
}

int ix_get(ts_store *st, ix_index **out, ts_error *err)
{
	ts_cached *v = NULL;

	*out = NULL;
	if (ts_cache_get(&g_cache, st, build_cached, &v, err))
		return -1;
	*out = (ix_index *)v;
	return 0;
}

void ts_implementation_reset(void)
{
	ts_cache_reset(&g_cache);
}

/* ---- who reads ---- */

typedef struct team_ctx {
	const ix_index *ix;
	ix_reader *rd;
	int cap, failed;
} team_ctx;

static int team_row(void *ctx, const ts_value *c, int n)
{
	team_ctx *t = ctx;
	int id = ix_find(t->ix, cell(c, 0));

	(void)n;
	if (!id)
		return 0; /* a team no record of the index names */
	PUSH(t->rd->teams, t->rd->nteams, t->cap, fail);
	t->rd->teams[t->rd->nteams++] = id;
	return 0;
fail:
	return t->failed = 1;
}

int ix_reader_init(ts_store *st, const ix_index *ix, ix_reader *rd, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	team_ctx t = {ix, rd, 0, 0};
	ts_value p = {TS_V_TEXT, 0, v->username};

	memset(rd, 0, sizeof(*rd));
	rd->max = (int)ts_viewer_max_level(v);
	if (rd->max >= TS_LEVEL_RESTRICTED || !v->username[0])
		return 0;
	if (ts_store_exec(st, "SELECT \"team\" FROM \"team_members\" WHERE \"account\" = ?", &p, 1, team_row, &t, NULL,
			  err))
		return -1;
	return t.failed ? ts_fail(err, TS_INTERNAL, NULL, "out of memory") : 0;
}

void ix_reader_free(ix_reader *rd)
{
	free(rd->teams);
	rd->teams = NULL;
}

int ix_visible(const ix_reader *rd, int level, int team)
{
	if (level <= rd->max)
		return 1;
	if (level != TS_LEVEL_RESTRICTED || !team)
		return 0;
	for (int i = 0; i < rd->nteams; i++)
		if (rd->teams[i] == team)
			return 1;
	return 0;
}

int ix_mandate_visible(const ix_index *ix, const ix_reader *rd, int i)
{
	const ix_mandate *m = &ix->m[i];

	if (!ix_visible(rd, m->level, m->team))
		return 0;
	if (m->para >= 0 && !ix_visible(rd, ix->p[m->para].level, ix->p[m->para].team))
		return 0;
	if (m->result >= 0 && !ix_visible(rd, ix->results[m->result].level, ix->results[m->result].team))
		return 0;
	return m->res < 0 || ix_visible(rd, ix->res[m->res].level, ix->res[m->res].team);
}

void ix_judge(const ix_index *ix, const ix_reader *rd, int i, int on, ts_standing *out)
{
	const ix_mandate *m = &ix->m[i];
	ts_report_fact buf[32], *facts = buf;
	int n = 0;

	if (m->nreports > (int)(sizeof(buf) / sizeof(buf[0])) &&
	    !(facts = malloc((size_t)m->nreports * sizeof(*facts))))
		facts = buf; /* out of memory: judge on the first reports only */
	for (int k = 0; k < m->nreports; k++) {
		const ix_report *r = &ix->r[m->first + k];
		if (facts == buf && n == (int)(sizeof(buf) / sizeof(buf[0])))
			break;
		if (ix_visible(rd, r->level, r->team))
			facts[n++] = r->fact;
	}
	ts_mandate_judge(&m->terms, n ? facts : NULL, n, on, out);
	if (facts != buf)
		free(facts);
}
