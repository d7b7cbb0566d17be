/* Matching candidates of the network to a mediation process (mediation.h).
 *
 * Built for a roster of 100,000: the roster is kept in memory between requests (what the rules
 * and scores read of each approved candidate, with their open places and certificates; see
 * roster_get), and a handful of SQL statements read what is the process's own (the process; the
 * code in force; the weights; the team; the declared interests that touch this process's states
 * or parties); then one pass over the roster evaluates each candidate and keeps the best `limit`
 * in a bounded heap (and the first `limit` excluded, by id). Only
 * what is returned is copied and turned into JSON, its reasons written by the same function that
 * scored it. ts_match_check runs that function's hard rules on one candidate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/buf.h"
#include "tansiq/records.h"
#include "mediation_int.h"
#include "../store/cache.h"

/* The hard rules, in the order they are tried. */
enum { R_AVAILABILITY, R_CODE, R_NATIONALITY, R_INTEREST, R_LOAD, R_TEAM, NRULES };
static const char *const rule_ids[NRULES] = {"availability", "code_of_conduct", "nationality", "interest", "load", "team"};
/* What the person placing a member does about each rule (ts_match_check's message). */
static const char *const rule_fixes[NRULES] = {
	"a member marked unavailable is placed once their profile says they are available again",
	"a member signs the code of conduct in force before being placed on a team",
	"a mediator is not placed on a process of their own state",
	"a member with a declared interest touching a party is not placed on its process",
	"end one of their places on another process (until), or raise their max_load, first",
	"a member is placed once on a process; end that place (until) before placing them anew",
};

/* The criteria of the soft score (the ids of ts_match_criteria and of the match-weights records). */
enum { C_LANGUAGES, C_REGION, C_COUNTRY, C_EXPERTISE, C_CERTIFICATES, C_SENIORITY, C_LOAD, NCRIT };
static const char *const crit_ids[NCRIT] = {"languages", "region", "country", "expertise", "certificates", "seniority",
					    "load"};

enum { DEFAULT_LIMIT = 20, MAX_LIMIT = 1000, DEFAULT_MAX_LOAD = 2, SENIORITY_YEARS = 25, ID_MAX = 64 };

/* ---- lists ---- */

static int is_sep(char c) { return c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r'; }

/* Where item w stands in list (followed by the end, a separator or `then`), or NULL. strstr
 * finds the candidates fast: this runs for each criterion of each of 100,000 rows. */
static const char *find_item(const char *list, const char *w, char then)
{
	size_t wl = strlen(w);

	if (!list || !wl)
		return NULL;
	for (const char *p = list; (p = strstr(p, w)); p += wl)
		if ((p == list || is_sep(p[-1])) && (!p[wl] || is_sep(p[wl]) || (then && p[wl] == then)))
			return p;
	return NULL;
}

static int in_list(const char *list, const char *w) { return find_item(list, w, 0) != NULL; }

/* The items of one of the process's lists, copied. */
typedef struct words {
	char *buf;
	const char **w;
	int n;
} words;

static void words_free(words *ws)
{
	free(ws->buf);
	free(ws->w);
	memset(ws, 0, sizeof(*ws));
}

static char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Splits s: on spaces and commas (codes: a language's level after ':' dropped), or, for the
 * names of parties (parties != 0), on ';', each name trimmed of spaces and in lower case (ASCII,
 * as SQL's lower() does). Returns -1 when memory runs out. */
static int words_split(words *ws, const char *s, int parties)
{
	size_t n = strlen(s ? s : "");
	char *p;

	memset(ws, 0, sizeof(*ws));
	if (!n)
		return 0;
	ws->buf = malloc(n + 1);
	ws->w = malloc(sizeof(*ws->w) * (n / 2 + 2));
	if (!ws->buf || !ws->w) {
		words_free(ws);
		return -1;
	}
	memcpy(ws->buf, s, n + 1);
	for (p = ws->buf; *p;) {
		char *start, *end;
		if (parties) {
			while (*p == ' ')
				p++;
			start = p;
			while (*p && *p != ';')
				p++;
			end = p;
			if (*p)
				p++;
			while (end > start && end[-1] == ' ')
				end--;
			*end = 0;
			for (char *q = start; q < end; q++)
				*q = lower_ascii(*q);
		} else {
			while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			start = p;
			while (*p && *p != ' ' && *p != ',' && *p != '\t' && *p != '\n' && *p != '\r')
				p++;
			if (*p)
				*p++ = 0;
			if (strchr(start, ':'))
				*strchr(start, ':') = 0;
		}
		if (*start)
			ws->w[ws->n++] = start;
	}
	return 0;
}

static int words_has(const words *ws, const char *w)
{
	for (int i = 0; w && i < ws->n; i++)
		if (!strcmp(ws->w[i], w))
			return 1;
	return 0;
}

/* The level of language code in a candidate's languages ("ar:native en:fluent fr"), as its share:
 * native and fluent 1, working (or no level given) 0.5, basic 0.25; 0 when not spoken. *level
 * receives the level's name. */
static double language_level(const char *list, const char *code, const char **level)
{
	const char *p = find_item(list, code, ':');
	size_t len;

	*level = NULL;
	if (!p)
		return 0;
	p += strlen(code);
	if (*p != ':') {
		*level = "working";
		return 0.5;
	}
	for (len = 0; p[1 + len] && !is_sep(p[1 + len]); len++)
		;
	p++;
	if (len == 6 && (!memcmp(p, "native", 6) || !memcmp(p, "fluent", 6))) {
		*level = *p == 'n' ? "native" : "fluent";
		return 1;
	}
	if (len == 5 && !memcmp(p, "basic", 5)) {
		*level = "basic";
		return 0.25;
	}
	*level = "working";
	return 0.5;
}

/* ---- what the grouped queries tell of each member: open places, certificates, team, interest ---- */

typedef struct fact {
	char *id;
	int load, certs, on_team;
	char *interest; /* the detail of the first interest touching the process, or NULL */
} fact;

typedef struct facts {
	fact *slot;
	size_t cap, n;
} facts;

static size_t hash_id(const char *s)
{
	size_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static fact *fact_find(const facts *f, const char *id)
{
	if (!f->n || !id)
		return NULL;
	for (size_t i = hash_id(id) & (f->cap - 1);; i = (i + 1) & (f->cap - 1)) {
		if (!f->slot[i].id)
			return NULL;
		if (!strcmp(f->slot[i].id, id))
			return &f->slot[i];
	}
}

/* The member's entry, made when absent; NULL when memory runs out. */
static fact *fact_get(facts *f, const char *id)
{
	fact *x = fact_find(f, id);
	size_t i;

	if (x)
		return x;
	if ((f->n + 1) * 2 > f->cap) {
		facts g = {calloc(f->cap ? f->cap * 2 : 64, sizeof(fact)), f->cap ? f->cap * 2 : 64, f->n};
		if (!g.slot)
			return NULL;
		for (size_t k = 0; k < f->cap; k++) {
			if (!f->slot[k].id)
				continue;
			for (i = hash_id(f->slot[k].id) & (g.cap - 1); g.slot[i].id; i = (i + 1) & (g.cap - 1))
				;
			g.slot[i] = f->slot[k];
		}
		free(f->slot);
		*f = g;
	}
	for (i = hash_id(id) & (f->cap - 1); f->slot[i].id; i = (i + 1) & (f->cap - 1))
		;
	if (!(f->slot[i].id = strdup(id)))
		return NULL;
	f->n++;
	return &f->slot[i];
}

static void facts_free(facts *f)
{
	for (size_t i = 0; i < f->cap; i++) {
		free(f->slot[i].id);
		free(f->slot[i].interest);
	}
	free(f->slot);
	memset(f, 0, sizeof(*f));
}

/* ---- the process, the code in force, the weights ---- */

typedef struct matcher {
	ts_store *st;
	char process[ID_MAX], country[ID_MAX], region[32];
	words states, langs, expertise, parties;
	double w[NCRIT];
	int skip[NCRIT];
	char code[ID_MAX]; /* the code of conduct in force; "" while none is adopted */
	int code_version;
	facts facts;
	facts closed; /* the processes closed (their places count for nobody's load) */
	int found, oom;
} matcher;

static const char *cell_text(const ts_value *c) { return c->type == TS_V_TEXT ? c->s : NULL; }

static void copy_cell(char *out, size_t size, const ts_value *c)
{
	snprintf(out, size, "%s", cell_text(c) ? c->s : "");
}

static int process_row(void *ctx, const ts_value *c, int n)
{
	matcher *m = ctx;

	(void)n;
	m->found = 1;
	copy_cell(m->country, sizeof(m->country), &c[0]);
	copy_cell(m->region, sizeof(m->region), &c[5]);
	if (words_split(&m->states, cell_text(&c[1]), 0) || words_split(&m->parties, cell_text(&c[2]), 1) ||
	    words_split(&m->langs, cell_text(&c[3]), 0) || words_split(&m->expertise, cell_text(&c[4]), 0))
		m->oom = 1;
	return 0;
}

static int code_row(void *ctx, const ts_value *c, int n)
{
	matcher *m = ctx;

	(void)n;
	copy_cell(m->code, sizeof(m->code), &c[0]);
	m->code_version = (int)c[1].i;
	return 1;
}

static int weight_row(void *ctx, const ts_value *c, int n)
{
	matcher *m = ctx;
	const char *id = cell_text(&c[0]);

	(void)n;
	for (int k = 0; id && k < NCRIT; k++)
		if (!strcmp(id, crit_ids[k]))
			m->w[k] = c[1].type == TS_V_INT ? (double)c[1].i : c[1].type == TS_V_TEXT ? strtod(c[1].s, NULL) : 0;
	return 0;
}

static int closed_row(void *ctx, const ts_value *c, int n)
{
	matcher *m = ctx;

	(void)n;
	if (cell_text(&c[0]) && !fact_get(&m->closed, c[0].s))
		return m->oom = 1;
	return 0;
}

/* mediator, process of a place not ended: a place counts unless its process is closed; one on
 * this process puts the member on its team. */
static int place_row(void *ctx, const ts_value *c, int n)
{
	matcher *m = ctx;
	const char *mediator = cell_text(&c[0]), *process = cell_text(&c[1]);
	fact *f;

	(void)n;
	if (!mediator || !process || fact_find(&m->closed, process))
		return 0;
	if (!(f = fact_get(&m->facts, mediator)))
		return m->oom = 1;
	f->load++;
	if (!strcmp(process, m->process))
		f->on_team = 1;
	return 0;
}

static int cert_row(void *ctx, const ts_value *c, int n)
{
	matcher *m = ctx;
	fact *f;

	(void)n;
	if (!cell_text(&c[0]))
		return 0;
	if (!(f = fact_get(&m->facts, c[0].s)))
		return m->oom = 1;
	f->certs++;
	return 0;
}

/* s cut to at most max bytes on a character's boundary, into out. */
static void cut_utf8(char *out, size_t size, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = 0;
	if (n < strlen(s) && n + 4 < size)
		strcpy(out + n, "...");
}

/* mediator, country, party, description: an interest touching the process (the first kept). */
static int interest_row(void *ctx, const ts_value *c, int n)
{
	matcher *m = ctx;
	fact *f = cell_text(&c[0]) ? fact_get(&m->facts, c[0].s) : NULL;
	const char *country = cell_text(&c[1]), *party = cell_text(&c[2]);
	char desc[160], buf[400];

	(void)n;
	if (!f)
		return cell_text(&c[0]) ? (m->oom = 1) : 0;
	if (f->interest)
		return 0;
	cut_utf8(desc, sizeof(desc), cell_text(&c[3]) ? c[3].s : "", 120);
	if (country && words_has(&m->states, country))
		snprintf(buf, sizeof(buf), "declared an interest touching %s, a state party to the process: \"%s\"", country, desc);
	else
		snprintf(buf, sizeof(buf), "declared an interest touching %.150s, a party to the process: \"%s\"",
			 party ? party : "", desc);
	if (!(f->interest = strdup(buf)))
		return m->oom = 1;
	return 0;
}

/* Reads the process, the code in force, the weights, and: for mediator, their facts (open
 * places, certificates, place on this team, interest); without mediator (the pass over the
 * roster kept in memory, which holds everyone's places and certificates), the team of this
 * process and the interests touching it only. */
static int load_all(matcher *m, ts_store *st, const char *process, const char *mediator, ts_error *err)
{
	ts_value p[2] = {{TS_V_TEXT, 0, process, 0}, {TS_V_TEXT, 0, mediator, 0}};
	const char *one = mediator ? " AND t.\"mediator\" = ?" : "";
	const ts_value *who = mediator ? p + 1 : p;
	ts_buf sql = TS_BUF_INIT;
	ts_value *ip = NULL;
	int np = 0, rc = -1;

	memset(m, 0, sizeof(*m));
	m->st = st;
	snprintf(m->process, sizeof(m->process), "%s", process);
	if (ts_store_exec(st, "SELECT p.\"country\", p.\"party_states\", p.\"parties\", p.\"languages\", p.\"expertise\", "
			  "c.\"region\" FROM \"processes\" p LEFT JOIN \"countries\" c ON c.\"id\" = p.\"country\" "
			  "WHERE p.\"id\" = ?", p, 1, process_row, m, NULL, err))
		return -1;
	if (m->oom)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (!m->found)
		return ts_fail(err, TS_NOT_FOUND, "process", "there is no mediation process '%.60s' (tansiq process list)", process);
	if (ts_store_exec(st, "SELECT \"id\", \"version\" FROM \"codes_of_conduct\" WHERE \"status\" = 'adopted' "
			  "ORDER BY \"version\" DESC", NULL, 0, code_row, m, NULL, err) ||
	    ts_store_exec(st, "SELECT \"id\", \"weight\" FROM \"match_weights\"", NULL, 0, weight_row, m, NULL, err))
		return -1;
	m->skip[C_LANGUAGES] = !m->langs.n;
	m->skip[C_EXPERTISE] = !m->expertise.n;
	m->skip[C_REGION] = !m->region[0];

	/* the member's open places, or this process's team (a place on a closed process counts for
	 * nothing) */
	if (ts_store_exec(st, "SELECT \"id\" FROM \"processes\" WHERE \"stage\" = 'closed'", NULL, 0, closed_row, m, NULL,
			  err))
		goto done;
	ts_buf_printf(&sql, "SELECT t.\"mediator\", t.\"process\" FROM \"process_team\" t WHERE t.\"until\" IS NULL AND %s",
		      mediator ? "t.\"mediator\" = ?" : "t.\"process\" = ?");
	if (m->oom || ts_store_exec(st, ts_buf_str(&sql), who, 1, place_row, m, NULL, err))
		goto done;
	ts_buf_reset(&sql);
	if (mediator) {
		ts_buf_adds(&sql, "SELECT t.\"mediator\" FROM \"training_participants\" t WHERE t.\"result\" = 'certified' AND "
			    "t.\"mediator\" = ?");
		if (m->oom || ts_store_exec(st, ts_buf_str(&sql), who, 1, cert_row, m, NULL, err))
			goto done;
	}

	/* the interests touching a state party or a party named: only those rows are read */
	if (m->states.n || m->parties.n) {
		if (!(ip = malloc(sizeof(*ip) * (size_t)(m->states.n + m->parties.n + 1))))
			goto oom;
		ts_buf_reset(&sql);
		ts_buf_adds(&sql, "SELECT t.\"mediator\", t.\"country\", t.\"party\", t.\"description\" FROM \"interests\" t WHERE (");
		if (m->states.n) {
			ts_buf_adds(&sql, "t.\"country\" IN (");
			for (int i = 0; i < m->states.n; i++) {
				ts_buf_adds(&sql, i ? ", ?" : "?");
				ip[np++] = (ts_value){TS_V_TEXT, 0, m->states.w[i], 0};
			}
			ts_buf_adds(&sql, m->parties.n ? ") OR " : ")");
		}
		if (m->parties.n) {
			ts_buf_adds(&sql, "lower(trim(t.\"party\")) IN (");
			for (int i = 0; i < m->parties.n; i++) {
				ts_buf_adds(&sql, i ? ", ?" : "?");
				ip[np++] = (ts_value){TS_V_TEXT, 0, m->parties.w[i], 0};
			}
			ts_buf_adds(&sql, ")");
		}
		ts_buf_printf(&sql, ")%s ORDER BY t.\"id\"", one);
		if (mediator)
			ip[np++] = p[1];
		if (m->oom || ts_store_exec(st, ts_buf_str(&sql), ip, np, interest_row, m, NULL, err))
			goto done;
	}
	if (m->oom)
		goto oom;
	rc = 0;
	goto done;
oom:
	rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
done:
	free(ip);
	ts_buf_free(&sql);
	return rc;
}

static void matcher_free(matcher *m)
{
	words_free(&m->states);
	words_free(&m->parties);
	words_free(&m->langs);
	words_free(&m->expertise);
	facts_free(&m->facts);
	facts_free(&m->closed);
}

/* ---- one candidate: the hard rules, then the score with its reasons ---- */

/* The texts of a candidate: those the rules and scores read (the pass selects only them, then
 * two numbers: experience_years, max_load), then the names, read for those shown. */
enum { K_ID, K_NATIONALITY, K_LANGUAGES, K_EXPERTISE, K_REGIONS, K_COUNTRIES, K_AVAILABILITY, K_CODE, K_STATUS,
       K_NAME_EN, K_NAME_AR, K_NAME_FR, K_KIND, NTEXT };
enum { NSCORED = K_NAME_EN, NNAMES = NTEXT - K_NAME_EN };
#define ROSTER_COLUMNS "\"id\", \"nationality\", \"languages\", \"expertise\", \"regions\", \"countries\", " \
	"\"availability\", \"code_signed\", \"status\", \"experience_years\", \"max_load\""
#define NAME_COLUMNS "\"name_en\", \"name_ar\", \"name_fr\", \"kind\""

/* A row of the roster: pointers into the statement's cells during the pass, or owned copies. */
typedef struct cand {
	const char *t[NTEXT];
	long long years, max_load;
	int load, certs; /* open places (on processes not closed) and certificates earned */
} cand;

/* A row of ROSTER_COLUMNS, then (when there) NAME_COLUMNS. */
static void read_cand(cand *c, const ts_value *cells, int n)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < NSCORED && i < n; i++)
		c->t[i] = cell_text(&cells[i]);
	c->years = NSCORED < n && cells[NSCORED].type == TS_V_INT ? cells[NSCORED].i : 0;
	c->max_load = NSCORED + 1 < n && cells[NSCORED + 1].type == TS_V_INT ? cells[NSCORED + 1].i : DEFAULT_MAX_LOAD;
	for (int i = 0; i < NNAMES && NSCORED + 2 + i < n; i++)
		c->t[K_NAME_EN + i] = cell_text(&cells[NSCORED + 2 + i]);
}

static const char *plural(long long n) { return n == 1 ? "" : "es"; }

/* Appends a reason (when reasons is not NULL); returns the points in hundredths. */
static int reason(json_t *reasons, int crit, double weight, double share, const char *detail)
{
	int centi = (int)llround(weight * share * 100.0);

	if (reasons)
		json_array_append_new(reasons, json_pack("{ss sf ss}", "criterion", crit_ids[crit], "points", centi / 100.0,
							 "detail", detail));
	return centi;
}

/* The first hard rule c fails (its index; its detail in det when det is not NULL), or -1 when
 * it passes them all: then *score receives its score in hundredths of points, and each
 * criterion's reason is appended to reasons (when not NULL). The one implementation of the
 * rules and the scores: the pass over the roster, the reasons of those shown, and
 * ts_match_check all call it. */
static int assess(const matcher *m, const cand *c, int *score, char *det, size_t dsz, json_t *reasons)
{
	const fact *f = fact_find(&m->facts, c->t[K_ID]);
	int load = c->load, total = 0;
	char d[400];
	const char *avail = c->t[K_AVAILABILITY];
	int limited = avail && !strcmp(avail, "limited");

	*score = 0;
	if (avail && !strcmp(avail, "unavailable")) {
		if (det)
			snprintf(det, dsz, "is unavailable (their profile's availability)");
		return R_AVAILABILITY;
	}
	if (m->code[0] && (!c->t[K_CODE] || strcmp(c->t[K_CODE], m->code))) {
		if (det && c->t[K_CODE])
			snprintf(det, dsz, "signed %.60s, not the code of conduct in force, %s (version %d)", c->t[K_CODE],
				 m->code, m->code_version);
		else if (det)
			snprintf(det, dsz, "has not signed the code of conduct in force, %s (version %d)", m->code,
				 m->code_version);
		return R_CODE;
	}
	if (words_has(&m->states, c->t[K_NATIONALITY])) {
		if (det)
			snprintf(det, dsz, "is a national of %s, a state party to process %s", c->t[K_NATIONALITY], m->process);
		return R_NATIONALITY;
	}
	if (f && f->interest) {
		if (det)
			snprintf(det, dsz, "%s", f->interest);
		return R_INTEREST;
	}
	if (load >= c->max_load) {
		if (det)
			snprintf(det, dsz, "works on %d open process%s, their maximum (max_load %lld)", load, plural(load),
				 c->max_load);
		return R_LOAD;
	}
	if (f && f->on_team) {
		if (det)
			snprintf(det, dsz, "is on the team of process %s already", m->process);
		return R_TEAM;
	}

	/* the parties' languages: the mean of the levels spoken */
	if (!m->skip[C_LANGUAGES] && m->w[C_LANGUAGES] > 0) {
		double sum = 0;
		int spoken = 0;
		size_t at = 0;
		d[0] = 0;
		for (int i = 0; i < m->langs.n; i++) {
			const char *level;
			double v = language_level(c->t[K_LANGUAGES], m->langs.w[i], &level);
			sum += v;
			if (v > 0 && reasons && at < sizeof(d))
				at += (size_t)snprintf(d + at, sizeof(d) - at, "%s%s (%s)", spoken ? ", " : "speaks ", m->langs.w[i],
						       level);
			spoken += v > 0;
		}
		if (reasons && spoken && at < sizeof(d))
			snprintf(d + at, sizeof(d) - at, ": %d of %d language%s of the parties", spoken, m->langs.n,
				 m->langs.n == 1 ? "" : "s");
		else if (reasons && !spoken)
			snprintf(d, sizeof(d), "speaks none of the %d language%s of the parties", m->langs.n,
				 m->langs.n == 1 ? "" : "s");
		total += reason(reasons, C_LANGUAGES, m->w[C_LANGUAGES], sum / m->langs.n, d);
	}
	if (!m->skip[C_REGION] && m->w[C_REGION] > 0) {
		int has = in_list(c->t[K_REGIONS], m->region);
		if (reasons)
			snprintf(d, sizeof(d), "%s experience in %s, the region of %s", has ? "has" : "no", m->region, m->country);
		total += reason(reasons, C_REGION, m->w[C_REGION], has, d);
	}
	if (m->w[C_COUNTRY] > 0) {
		const char *where = in_list(c->t[K_COUNTRIES], m->country) ? m->country : NULL;
		for (int i = 0; !where && i < m->states.n; i++)
			if (in_list(c->t[K_COUNTRIES], m->states.w[i]))
				where = m->states.w[i];
		if (reasons && where)
			snprintf(d, sizeof(d), "has experience in %s%s", where,
				 strcmp(where, m->country) ? ", a state party" : "");
		else if (reasons) {
			size_t at = (size_t)snprintf(d, sizeof(d), "no experience in %s", m->country);
			for (int i = 0, k = 0; i < m->states.n && at < sizeof(d); i++)
				if (strcmp(m->states.w[i], m->country))
					at += (size_t)snprintf(d + at, sizeof(d) - at, "%s%s", k++ ? ", " : " nor in the states party ",
							       m->states.w[i]);
		}
		total += reason(reasons, C_COUNTRY, m->w[C_COUNTRY], where != NULL, d);
	}
	if (!m->skip[C_EXPERTISE] && m->w[C_EXPERTISE] > 0) {
		int has = 0;
		size_t at = 0;
		d[0] = 0;
		for (int i = 0; i < m->expertise.n; i++) {
			if (!in_list(c->t[K_EXPERTISE], m->expertise.w[i]))
				continue;
			if (reasons && at < sizeof(d))
				at += (size_t)snprintf(d + at, sizeof(d) - at, "%s%s", has ? ", " : "", m->expertise.w[i]);
			has++;
		}
		if (reasons) {
			char list[256];
			snprintf(list, sizeof(list), "%.250s", d);
			if (has)
				snprintf(d, sizeof(d), "has %d of the %d areas of expertise the process needs: %s", has,
					 m->expertise.n, list);
			else
				snprintf(d, sizeof(d), "has none of the %d areas of expertise the process needs", m->expertise.n);
		}
		total += reason(reasons, C_EXPERTISE, m->w[C_EXPERTISE], (double)has / m->expertise.n, d);
	}
	if (m->w[C_CERTIFICATES] > 0) {
		int n = c->certs;
		if (reasons && n)
			snprintf(d, sizeof(d), "%d certificate%s earned in training%s", n, n == 1 ? "" : "s",
				 n == 1 ? " (two or more count whole)" : "");
		else if (reasons)
			snprintf(d, sizeof(d), "no certificate earned in training");
		total += reason(reasons, C_CERTIFICATES, m->w[C_CERTIFICATES], n >= 2 ? 1 : n == 1 ? 0.5 : 0, d);
	}
	if (m->w[C_SENIORITY] > 0) {
		long long y = c->years < 0 ? 0 : c->years;
		if (reasons)
			snprintf(d, sizeof(d), "%lld year%s of experience (%d count whole)", y, y == 1 ? "" : "s", SENIORITY_YEARS);
		total += reason(reasons, C_SENIORITY, m->w[C_SENIORITY],
				(double)(y > SENIORITY_YEARS ? SENIORITY_YEARS : y) / SENIORITY_YEARS, d);
	}
	if (m->w[C_LOAD] > 0) {
		double share = 1.0 - (double)load / (double)c->max_load;
		if (limited)
			share /= 2;
		if (reasons && load)
			snprintf(d, sizeof(d), "works on %d open process%s of %lld at most%s", load, plural(load), c->max_load,
				 limited ? "; partly available, counts half" : "");
		else if (reasons)
			snprintf(d, sizeof(d), "works on no open process now%s", limited ? "; partly available, counts half" : "");
		total += reason(reasons, C_LOAD, m->w[C_LOAD], share, d);
	}
	*score = total;
	return -1;
}

/* ---- the roster kept in memory ---- */

/* What the pass reads of every approved candidate, copied once (their texts in one block), with
 * their open places and certificates counted: shared read-only by the requests of every thread
 * (counted references), and rebuilt when what it derives from changes. It is known by the
 * database file it was read from (its path, device and inode: two stores in one process never
 * share it) and by the newest audit entry of the collections it reads (sequence and hash). Records
 * written by direct SQL leave no audit entry: the roster read before them is kept. */
typedef struct roster {
	ts_cached cache; /* first: its references and key (../store/cache.h) */
	cand *c;
	size_t n;
	char *text;
} roster;

static void roster_free(roster *r)
{
	if (!r)
		return;
	free(r->c);
	free(r->text);
	free(r);
}

/* The roster while it is read: texts as offsets (+1; 0 for NULL) into a growing block. */
typedef struct loading {
	roster *r;
	size_t cap, tlen, tcap;
	unsigned (*off)[NSCORED];
	facts places, closed;
	int oom;
} loading;

static int text_add(loading *l, const char *s, unsigned *off)
{
	size_t n;

	*off = 0;
	if (!s)
		return 0;
	n = strlen(s) + 1;
	if (l->tlen + n > l->tcap) {
		size_t cap = l->tcap ? l->tcap * 2 : 1 << 20;
		char *t;
		while (cap < l->tlen + n)
			cap *= 2;
		if (cap > 0xFFFFFFF0u || !(t = realloc(l->r->text, cap)))
			return -1;
		l->r->text = t;
		l->tcap = cap;
	}
	memcpy(l->r->text + l->tlen, s, n);
	*off = (unsigned)l->tlen + 1;
	l->tlen += n;
	return 0;
}

static int cache_cand_row(void *ctx, const ts_value *cells, int n)
{
	loading *l = ctx;
	cand c;

	read_cand(&c, cells, n);
	if (!c.t[K_ID] || !c.t[K_STATUS] || strcmp(c.t[K_STATUS], "approved"))
		return 0;
	if (l->r->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		cand *a = realloc(l->r->c, cap * sizeof(*a));
		unsigned (*o)[NSCORED] = a ? realloc(l->off, cap * sizeof(*o)) : NULL;
		if (a)
			l->r->c = a;
		if (!o)
			return l->oom = 1;
		l->off = o;
		l->cap = cap;
	}
	for (int i = 0; i < NSCORED; i++)
		if (text_add(l, c.t[i], &l->off[l->r->n][i]))
			return l->oom = 1;
	l->r->c[l->r->n++] = c;
	return 0;
}

static int cache_closed_row(void *ctx, const ts_value *c, int n)
{
	loading *l = ctx;

	(void)n;
	if (cell_text(&c[0]) && !fact_get(&l->closed, c[0].s))
		return l->oom = 1;
	return 0;
}

static int cache_place_row(void *ctx, const ts_value *c, int n)
{
	loading *l = ctx;
	fact *f;

	(void)n;
	if (!cell_text(&c[0]) || !cell_text(&c[1]) || fact_find(&l->closed, c[1].s))
		return 0;
	if (!(f = fact_get(&l->places, c[0].s)))
		return l->oom = 1;
	f->load++;
	return 0;
}

static int cache_cert_row(void *ctx, const ts_value *c, int n)
{
	loading *l = ctx;
	fact *f;

	(void)n;
	if (!cell_text(&c[0]))
		return 0;
	if (!(f = fact_get(&l->places, c[0].s)))
		return l->oom = 1;
	f->certs++;
	return 0;
}

/* Reads the roster: every status is read and the approved kept (a scan of the table, faster than
 * the index on status when nearly all the roster is approved); places and certificates are
 * counted here (a scan is much faster than SQLite's GROUP BY through the index on mediator). */
static int roster_build(ts_store *st, roster **out, ts_error *err)
{
	loading l;
	int rc = -1;

	memset(&l, 0, sizeof(l));
	*out = NULL;
	if (!(l.r = calloc(1, sizeof(*l.r))))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (ts_store_exec(st, "SELECT " ROSTER_COLUMNS " FROM \"mediators\"", NULL, 0, cache_cand_row, &l, NULL, err) ||
	    (!l.oom && ts_store_exec(st, "SELECT \"id\" FROM \"processes\" WHERE \"stage\" = 'closed'", NULL, 0,
				     cache_closed_row, &l, NULL, err)) ||
	    (!l.oom && ts_store_exec(st, "SELECT \"mediator\", \"process\" FROM \"process_team\" WHERE \"until\" IS NULL",
				     NULL, 0, cache_place_row, &l, NULL, err)) ||
	    (!l.oom && ts_store_exec(st, "SELECT \"mediator\" FROM \"training_participants\" WHERE \"result\" = "
				     "'certified' AND \"mediator\" IS NOT NULL", NULL, 0, cache_cert_row, &l, NULL, err)))
		goto done;
	if (l.oom) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory reading the roster of the network");
		goto done;
	}
	for (size_t i = 0; i < l.r->n; i++) {
		cand *c = &l.r->c[i];
		const fact *f;
		for (int k = 0; k < NSCORED; k++)
			c->t[k] = l.off[i][k] ? l.r->text + l.off[i][k] - 1 : NULL;
		if ((f = fact_find(&l.places, c->t[K_ID]))) {
			c->load = f->load;
			c->certs = f->certs;
		}
	}
	*out = l.r;
	l.r = NULL;
	rc = 0;
done:
	roster_free(l.r);
	free(l.off);
	facts_free(&l.places);
	facts_free(&l.closed);
	return rc;
}

/* What the roster derives from: approvals and profiles, places, training results, processes
 * closed, codes of conduct. */
static const char *const sources[] = {"mediators", "process-team", "training-participants", "processes",
				      "codes-of-conduct", NULL};

static void free_cached(ts_cached *v) { roster_free((roster *)v); }

static ts_cache g_cache = TS_CACHE_INIT(sources, free_cached);

static int build_cached(ts_store *st, ts_cached **out, ts_error *err)
{
	roster *r = NULL;

	if (roster_build(st, &r, err))
		return -1;
	*out = &r->cache;
	return 0;
}

static void roster_release(roster *r)
{
	ts_cache_release(&g_cache, r ? &r->cache : NULL);
}

/* The roster as the store holds it now (cache.h). Released with roster_release. */
static int roster_get(ts_store *st, roster **out, ts_error *err)
{
	ts_cached *v = NULL;

	*out = NULL;
	if (ts_cache_get(&g_cache, st, build_cached, &v, err))
		return -1;
	*out = (roster *)v;
	return 0;
}

/* ---- the pass over the roster ---- */

/* A candidate kept for the answer: its own copy of the row (c's texts point into own). */
typedef struct entry {
	cand c;
	char *own[NTEXT];
	int score, rule;
} entry;

/* Whether (score a, id a) ranks before (score b, id b): the higher score, then the lower id. */
static int ranks_before(int sa, const char *a, int sb, const char *b)
{
	return sa != sb ? sa > sb : strcmp(a, b) < 0;
}

/* A bounded heap of the best `cap` entries under ranks_before; its root ranks last of those kept.
 * The excluded are kept by id only (every score 0). */
typedef struct heap {
	entry *e;
	int n, cap;
} heap;

static int later(const heap *h, int i, int j)
{
	return ranks_before(h->e[j].score, h->e[j].c.t[K_ID], h->e[i].score, h->e[i].c.t[K_ID]);
}

static void swap_entries(heap *h, int i, int j)
{
	entry t = h->e[i];
	h->e[i] = h->e[j];
	h->e[j] = t;
}

static void entry_free(entry *e)
{
	for (int i = 0; i < NTEXT; i++)
		free(e->own[i]);
	memset(e, 0, sizeof(*e));
}

static int entry_own(entry *e, const cand *c, int score, int rule)
{
	memset(e, 0, sizeof(*e));
	e->c = *c;
	e->score = score;
	e->rule = rule;
	for (int i = 0; i < NTEXT; i++) {
		e->c.t[i] = NULL;
		if (c->t[i] && !(e->own[i] = strdup(c->t[i]))) {
			entry_free(e);
			return -1;
		}
		e->c.t[i] = e->own[i];
	}
	return 0;
}

/* Keeps c when the heap is not full or c ranks before its root. -1 when memory runs out (the
 * pass stops; the heap is only freed then). */
static int heap_offer(heap *h, const cand *c, int score, int rule)
{
	int i = 0;

	if (h->n < h->cap) {
		if (entry_own(&h->e[h->n], c, score, rule))
			return -1;
		for (i = h->n++; i && later(h, i, (i - 1) / 2); i = (i - 1) / 2)
			swap_entries(h, i, (i - 1) / 2);
		return 0;
	}
	if (!h->n || !ranks_before(score, c->t[K_ID], h->e[0].score, h->e[0].c.t[K_ID]))
		return 0;
	entry_free(&h->e[0]);
	if (entry_own(&h->e[0], c, score, rule))
		return -1;
	for (;;) { /* sift down: the later child comes up */
		int l = 2 * i + 1, r = l + 1, last = i;
		if (l < h->n && later(h, l, last))
			last = l;
		if (r < h->n && later(h, r, last))
			last = r;
		if (last == i)
			return 0;
		swap_entries(h, i, last);
		i = last;
	}
}

static int by_rank(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	return ranks_before(x->score, x->c.t[K_ID], y->score, y->c.t[K_ID]) ? -1
	       : ranks_before(y->score, y->c.t[K_ID], x->score, x->c.t[K_ID]) ? 1 : 0;
}

static void heap_free(heap *h)
{
	for (int i = 0; i < h->n; i++)
		entry_free(&h->e[i]);
	free(h->e);
}

typedef struct pass {
	const matcher *m;
	heap top, ex;
	int with_excluded, oom;
	long roster, eligible, by_rule[NRULES];
} pass;

/* One approved candidate of the roster: -1 when memory runs out. */
static int offer(pass *p, const cand *c)
{
	int score, rule;

	p->roster++;
	rule = assess(p->m, c, &score, NULL, 0, NULL);
	if (rule < 0) {
		p->eligible++;
		if (heap_offer(&p->top, c, score, rule))
			return p->oom = 1, -1;
	} else {
		p->by_rule[rule]++;
		if (p->with_excluded && heap_offer(&p->ex, c, 0, rule))
			return p->oom = 1, -1;
	}
	return 0;
}

/* id, name_en, name_ar, name_fr, kind of a candidate kept: copied into its entry. */
struct names {
	heap *h;
	int oom;
};

static int name_row(void *ctx, const ts_value *c, int n)
{
	struct names *x = ctx;

	for (int i = 0; cell_text(&c[0]) && i < x->h->n; i++) {
		entry *e = &x->h->e[i];
		if (strcmp(e->c.t[K_ID], c[0].s))
			continue;
		for (int k = 0; k < NNAMES && k + 1 < n; k++) {
			if (!cell_text(&c[k + 1]) || e->own[K_NAME_EN + k])
				continue;
			if (!(e->own[K_NAME_EN + k] = strdup(c[k + 1].s)))
				return x->oom = 1;
			e->c.t[K_NAME_EN + k] = e->own[K_NAME_EN + k];
		}
		break;
	}
	return 0;
}

/* Reads the names of the candidates kept (the pass read only what it scores). */
static int names_of(ts_store *st, heap *h, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	ts_value *ids;
	struct names x = {h, 0};
	int rc;

	if (!h->n)
		return 0;
	if (!(ids = malloc(sizeof(*ids) * (size_t)h->n)))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	ts_buf_adds(&sql, "SELECT \"id\", " NAME_COLUMNS " FROM \"mediators\" WHERE \"id\" IN (");
	for (int i = 0; i < h->n; i++) {
		ts_buf_adds(&sql, i ? ", ?" : "?");
		ids[i] = (ts_value){TS_V_TEXT, 0, h->e[i].c.t[K_ID], 0};
	}
	ts_buf_adds(&sql, ")");
	rc = ts_store_exec(st, ts_buf_str(&sql), ids, h->n, name_row, &x, NULL, err);
	if (!rc && x.oom)
		rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	free(ids);
	ts_buf_free(&sql);
	return rc;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *person(const cand *c)
{
	return json_pack("{so so so so so so so}", "id", str_or_null(c->t[K_ID]), "name_en", str_or_null(c->t[K_NAME_EN]),
			 "name_ar", str_or_null(c->t[K_NAME_AR]), "name_fr", str_or_null(c->t[K_NAME_FR]), "kind",
			 str_or_null(c->t[K_KIND]), "nationality", str_or_null(c->t[K_NATIONALITY]), "availability",
			 str_or_null(c->t[K_AVAILABILITY]));
}

int ts_match(ts_store *st, const char *process, const ts_match_opts *opts, json_t **out, ts_error *err)
{
	matcher m;
	pass p;
	roster *ros = NULL;
	int limit = opts && opts->limit > 0 ? opts->limit : DEFAULT_LIMIT, rc = -1;
	json_t *res = NULL, *list, *weights, *by_rule, *waived, *skipped;
	char det[512];

	*out = NULL;
	if (!process || !*process)
		return ts_fail(err, TS_NOT_FOUND, "process", "give the id of a mediation process (tansiq process list)");
	if (limit > MAX_LIMIT)
		return ts_fail(err, TS_INVALID_VALUE, "limit", "a matching shows %d candidates at most; ask for fewer", MAX_LIMIT);
	if (load_all(&m, st, process, NULL, err)) {
		matcher_free(&m);
		return -1;
	}
	memset(&p, 0, sizeof(p));
	p.m = &m;
	p.with_excluded = opts && opts->with_excluded;
	p.top.cap = p.ex.cap = limit;
	p.top.e = calloc((size_t)limit, sizeof(entry));
	p.ex.e = p.with_excluded ? calloc((size_t)limit, sizeof(entry)) : NULL;
	if (!p.top.e || (p.with_excluded && !p.ex.e)) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	/* the roster kept in memory: its candidates are scored without SQL */
	if (roster_get(st, &ros, err))
		goto done;
	for (size_t i = 0; i < ros->n && !p.oom; i++)
		offer(&p, &ros->c[i]);
	if (!p.oom && (names_of(st, &p.top, err) || names_of(st, &p.ex, err)))
		goto done;
	if (p.oom) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}

	res = json_pack("{ss}", "process", process);
	json_object_set_new(res, "code", m.code[0] ? json_pack("{ss si}", "id", m.code, "version", m.code_version) : json_null());
	waived = json_array();
	if (!m.code[0])
		json_array_append_new(waived, json_string(rule_ids[R_CODE]));
	json_object_set_new(res, "waived", waived);
	weights = json_object();
	skipped = json_array();
	for (int k = 0; k < NCRIT; k++) {
		json_object_set_new(weights, crit_ids[k], json_real(m.w[k]));
		if (m.skip[k])
			json_array_append_new(skipped, json_string(crit_ids[k]));
	}
	json_object_set_new(res, "weights", weights);
	json_object_set_new(res, "skipped", skipped);

	list = json_array();
	qsort(p.top.e, (size_t)p.top.n, sizeof(entry), by_rank);
	for (int i = 0; i < p.top.n; i++) {
		entry *e = &p.top.e[i];
		json_t *c = person(&e->c), *reasons = json_array();
		int score;
		assess(&m, &e->c, &score, NULL, 0, reasons);
		json_object_set_new(c, "score", json_real(score / 100.0));
		json_object_set_new(c, "rank", json_integer(i + 1));
		json_object_set_new(c, "reasons", reasons);
		json_array_append_new(list, c);
	}
	json_object_set_new(res, "candidates", list);

	list = json_array();
	if (p.ex.n) /* no array at all without the excluded */
		qsort(p.ex.e, (size_t)p.ex.n, sizeof(entry), by_rank);
	for (int i = 0; i < p.ex.n; i++) {
		entry *e = &p.ex.e[i];
		json_t *c = person(&e->c);
		int score, rule = assess(&m, &e->c, &score, det, sizeof(det), NULL);
		json_object_set_new(c, "rule", json_string(rule_ids[rule < 0 ? e->rule : rule]));
		json_object_set_new(c, "detail", json_string(det));
		json_array_append_new(list, c);
	}
	json_object_set_new(res, "excluded", list);

	by_rule = json_object();
	for (int r = 0; r < NRULES; r++)
		json_object_set_new(by_rule, rule_ids[r], json_integer(p.by_rule[r]));
	json_object_set_new(res, "counts", json_pack("{sI sI sI so}", "roster", (json_int_t)p.roster, "eligible",
						     (json_int_t)p.eligible, "excluded", (json_int_t)(p.roster - p.eligible),
						     "by_rule", by_rule));
	*out = res;
	rc = 0;
done:
	roster_release(ros);
	heap_free(&p.top);
	heap_free(&p.ex);
	matcher_free(&m);
	return rc;
}

/* ---- one candidate ---- */

typedef struct one {
	entry e;
	int found, oom;
} one;

static int one_row(void *ctx, const ts_value *cells, int n)
{
	one *o = ctx;
	cand c;

	read_cand(&c, cells, n);
	if (entry_own(&o->e, &c, 0, -1))
		return o->oom = 1;
	o->found = 1;
	return 1;
}

int ts_match_check(ts_store *st, const char *process, const char *mediator, ts_error *err)
{
	ts_value q = {TS_V_TEXT, 0, mediator, 0};
	one o;
	matcher m;
	char det[512];
	const char *name, *status;
	int score, rule, rc = -1;

	if (!mediator || !*mediator)
		return ts_fail(err, TS_REQUIRED, "mediator", "name the member of the network to place (tansiq mediator list)");
	if (!process || !*process)
		return ts_fail(err, TS_REQUIRED, "process", "name the mediation process (tansiq process list)");
	memset(&o, 0, sizeof(o));
	if (ts_store_exec(st, "SELECT " ROSTER_COLUMNS ", " NAME_COLUMNS " FROM \"mediators\" WHERE \"id\" = ?", &q, 1, one_row, &o, NULL,
			  err))
		return -1;
	if (o.oom)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	if (!o.found)
		return ts_fail(err, TS_UNKNOWN_REFERENCE, "mediator", "there is no member of the network '%.60s' (tansiq "
			       "mediator list)", mediator);
	name = o.e.c.t[K_NAME_EN] ? o.e.c.t[K_NAME_EN] : mediator;
	status = o.e.c.t[K_STATUS] ? o.e.c.t[K_STATUS] : "nominated";
	if (strcmp(status, "approved")) {
		ts_fail(err, TS_INVALID_VALUE, "mediator", "%.100s (%s) is %s: only approved members of the network are placed "
			"on a team; %s", name, mediator, status, !strcmp(status, "nominated") ? "approve the nomination first"
			: "a state nominates them anew, and the secretariat approves the nomination, first");
		goto done;
	}
	if (load_all(&m, st, process, mediator, err)) {
		matcher_free(&m);
		if (err->code == TS_NOT_FOUND) {
			ts_error_clear(err);
			ts_fail(err, TS_UNKNOWN_REFERENCE, "process", "there is no mediation process '%.60s' (tansiq process "
				"list)", process);
		}
		goto done;
	}
	{
		const fact *f = fact_find(&m.facts, mediator);
		o.e.c.load = f ? f->load : 0;
		o.e.c.certs = f ? f->certs : 0;
	}
	rule = assess(&m, &o.e.c, &score, det, sizeof(det), NULL);
	matcher_free(&m);
	if (rule >= 0) {
		ts_fail(err, TS_INVALID_VALUE, "mediator", "%.100s (%s) %s: %s (rule %s)", name, mediator, det, rule_fixes[rule],
			rule_ids[rule]);
		goto done;
	}
	rc = 0;
done:
	entry_free(&o.e);
	return rc;
}
