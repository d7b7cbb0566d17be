/* The in-memory index of mandates and reports that the implementation views are computed from
 * (internal to lib/implementation). One index is built per state of the data it reads (the newest
 * audit entry of its collections) and shared by every thread of the process; one build serves
 * every thread waiting for it; readers hold a reference while they use it. */
#ifndef TANSIQ_IMPL_INDEX_H
#define TANSIQ_IMPL_INDEX_H

#include "../store/cache.h"
#include "tansiq/access.h"
#include "tansiq/implementation.h"

/* The kinds of addressee that name a record, the field that names it and its entity, in the
 * order of the mandate's fields (entities.c). An addressee key is the kind alone ("oic",
 * "all_states") or "kind:id" for these ("state:SAU"). */
typedef struct ix_addressee_ref {
	const char *kind, *field, *entity;
} ix_addressee_ref;
enum { IX_NREFS = 4 };
extern const ix_addressee_ref ix_addressee_refs[IX_NREFS];
/* The reference kind of an addressee kind, NULL for one that names no record. */
const ix_addressee_ref *ix_addressee_ref_of(const char *kind);

/* Strings are interned: an index's strings are numbered from 1; 0 is "none". */
typedef struct ix_mandate {
	int id, addressee;      /* interned: the mandate's id, its addressee key */
	int para, res, result;  /* dense indexes into paras, ress, results; -1 when none */
	int organ, category;    /* interned: the adopting organ, the resolution's category */
	int year;               /* the year it was given (from its start), 0 if not known */
	ts_mandate_terms terms; /* terms.sessions points into the index */
	int report_to;          /* interned organ its reports go to (each session) */
	int weight;
	int first, nreports;    /* its reports: reports[first .. first + nreports), oldest first */
	signed char level;
	int team;
} ix_mandate;

typedef struct ix_report {
	int mandate;            /* dense index */
	int id;                 /* interned: orders reports filed in the same second */
	ts_report_fact fact;
	long long filed;        /* YYYYMMDDhhmmss, orders reports of the same day */
	int state;              /* interned reporting state, 0 for the secretariat */
	signed char level;
	int team;
} ix_report;

typedef struct ix_para {
	int id, res, weight, number;
	signed char level;
	int team;
} ix_para;

typedef struct ix_res {
	int id, organ, category;
	int start;              /* when its mandates run from: the last day of adopted_on, else of its
				 * meeting's end, else of its start (YYYYMMDD) */
	signed char level;
	int team;
} ix_res;

typedef struct ix_result {
	int id, parent, organ, weight, start, depth; /* parent: dense index or -1 */
	signed char level;
	int team;
} ix_result;

typedef struct ix_index {
	ts_cached cache;             /* first: its references and key (../store/cache.h) */
	/* interned strings */
	char **str;
	int nstr, capstr;
	int *slots;                  /* open addressing over str, size nslots (a power of two) */
	int nslots;
	ix_mandate *m;
	int nm;
	ix_report *r;
	int nr;
	ix_para *p;
	int np;
	ix_res *res;
	int nres;
	ix_result *results;
	int nresults;
	/* interned string -> dense index of the mandate, paragraph, resolution or result of that
	 * id, or -1 */
	int *m_of, *p_of, *res_of, *result_of;
	int m_bound, p_bound, res_bound, result_bound; /* the strings each map covers */
	int *sessions;               /* the sessions' first days, grouped by organ */
	int *session_organ;          /* while building */
	int nsessions;
	int *sess_off, *sess_n;      /* interned organ -> its slice of sessions */
	int sess_bound;
	int *members;                /* interned ids of the member states (who owe reports to all) */
	int nmembers;
} ix_index;

/* The index for the store's data, built if needed; release it with ix_release(). */
int ix_get(ts_store *st, ix_index **out, ts_error *err);
void ix_release(ix_index *ix);

/* The interned number of a string, 0 when the index has none such. */
int ix_find(const ix_index *ix, const char *s);
static inline const char *ix_str(const ix_index *ix, int i) { return i > 0 && i < ix->nstr ? ix->str[i] : NULL; }

static inline int ix_lookup(const int *map, int bound, int s) { return s > 0 && s < bound && map ? map[s] : -1; }
/* The dense index of the mandate, paragraph, resolution or result of an id, -1 if none. */
static inline int lookup_mandate(const ix_index *ix, const char *id) { return ix_lookup(ix->m_of, ix->m_bound, ix_find(ix, id)); }
static inline int lookup_para(const ix_index *ix, const char *id) { return ix_lookup(ix->p_of, ix->p_bound, ix_find(ix, id)); }
static inline int lookup_res(const ix_index *ix, const char *id) { return ix_lookup(ix->res_of, ix->res_bound, ix_find(ix, id)); }
static inline int lookup_result(const ix_index *ix, const char *id) { return ix_lookup(ix->result_of, ix->result_bound, ix_find(ix, id)); }

/* Who reads: the viewer's highest level and the teams they belong to (interned). */
typedef struct ix_reader {
	int max;       /* ts_level */
	int *teams;
	int nteams;
} ix_reader;

int ix_reader_init(ts_store *st, const ix_index *ix, ix_reader *rd, ts_error *err);
void ix_reader_free(ix_reader *rd);
int ix_visible(const ix_reader *rd, int level, int team);
/* Whether the reader reads mandate i (and its paragraph, resolution and programme result). */
int ix_mandate_visible(const ix_index *ix, const ix_reader *rd, int i);

/* Judges mandate i on day `on` from the reports the reader reads. */
void ix_judge(const ix_index *ix, const ix_reader *rd, int i, int on, ts_standing *out);

#endif
