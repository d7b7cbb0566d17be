/* The hash-chained audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "tansiq/audit.h"
#include "tansiq/schema.h"
#include "tansiq/buf.h"
#include "../store/store_int.h"

void ts_store_set_actor(ts_store *st, const char *actor, const char *address)
{
	snprintf(st->actor, sizeof(st->actor), "%s", actor ? actor : "unknown");
	snprintf(st->address, sizeof(st->address), "%s", address ? address : "");
}

/* The hash of an entry: BLAKE2b-256 over its fields, each preceded by its length so that no two
 * different entries can give the same input. */
static void entry_hash(const char *const f[9], long long seq, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];
	char num[32];
	int n = snprintf(num, sizeof(num), "%lld", seq);

	crypto_generichash_init(&h, NULL, 0, sizeof(d));
	crypto_generichash_update(&h, (const unsigned char *)num, (unsigned long long)n + 1);
	for (int i = 0; i < 9; i++) {
		const char *s = f[i] ? f[i] : "";
		char len[24];
		int k = snprintf(len, sizeof(len), "%zu:", strlen(s));
		crypto_generichash_update(&h, (const unsigned char *)len, (unsigned long long)k);
		crypto_generichash_update(&h, (const unsigned char *)s, strlen(s));
	}
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

struct last {
	long long seq;
	char hash[65];
};

static int last_row(void *ctx, const ts_value *c, int n)
{
	struct last *l = ctx;

	if (n == 2 && c[0].type == TS_V_INT && c[1].type == TS_V_TEXT) {
		l->seq = c[0].i;
		snprintf(l->hash, sizeof(l->hash), "%s", c[1].s);
	}
	return 1;
}

int ts_audit_append(ts_store *st, const char *action, const char *collection, const char *id,
		    const json_t *before, const json_t *after, ts_error *err)
{
	struct last l = {0, TS_AUDIT_GENESIS};
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char now[64], hash[65];
	struct timespec ts;
	ts_value p[11];
	int rc = -1;

	if ((before && !b) || (after && !a)) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	if (ts_store_exec(st, "SELECT \"seq\", \"hash\" FROM \"audit_log\" ORDER BY \"seq\" DESC LIMIT 1", NULL, 0,
			  last_row, &l, NULL, err))
		goto done;
	clock_gettime(CLOCK_REALTIME, &ts);
	{
		struct tm tm;
		gmtime_r(&ts.tv_sec, &tm);
		snprintf(now, sizeof(now), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
			 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
	}
	{
		const char *f[9] = {now, st->actor[0] ? st->actor : "unknown", st->address, action, collection, id,
				    b, a, l.hash};
		entry_hash(f, l.seq + 1, hash);
		p[0] = (ts_value){TS_V_INT, l.seq + 1, NULL};
		for (int i = 0; i < 9; i++)
			p[i + 1] = f[i] ? (ts_value){TS_V_TEXT, 0, f[i]} : (ts_value){TS_V_NULL, 0, NULL};
		p[10] = (ts_value){TS_V_TEXT, 0, hash};
	}
	rc = ts_store_exec(st, "INSERT INTO \"audit_log\" (\"seq\", \"at\", \"actor\", \"address\", \"action\", "
			   "\"collection\", \"record_id\", \"before\", \"after\", \"prev_hash\", \"hash\") "
			   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 11, NULL, NULL, NULL, err);
done:
	free(b);
	free(a);
	return rc;
}

static json_t *parsed(const ts_value *c)
{
	json_t *j;

	if (c->type != TS_V_TEXT)
		return json_null();
	j = json_loads(c->s, 0, NULL);
	return j ? j : json_string(c->s);
}

static int list_row(void *ctx, const ts_value *c, int n)
{
	json_t *items = ctx;

	if (n != 11)
		return 1;
	json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s}",
		"seq", (json_int_t)c[0].i, "at", c[1].s, "actor", c[2].s, "address", c[3].s, "action", c[4].s,
		"collection", c[5].s, "record", c[6].s, "before", parsed(&c[7]), "after", parsed(&c[8]), "hash",
		c[10].s));
	return 0;
}

int ts_audit_list(ts_store *st, const ts_audit_query *q, json_t **out, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	ts_value p[8];
	int np = 0, rc;
	const char *sep = " WHERE ";
	json_t *items = json_array();
	struct {
		const char *col, *op, *val;
	} conds[] = {
		{"collection", "=", q->collection}, {"record_id", "=", q->record}, {"actor", "=", q->actor},
		{"at", ">=", q->since}, {"at", "<", q->until},
	};

	*out = NULL;
	for (int i = 0; i < 2; i++) {
		const char *v = i ? q->until : q->since, *name = i ? "until" : "since";
		char date[11];
		if (!v)
			continue;
		snprintf(date, sizeof(date), "%s", v);
		if (strlen(v) < 10 || !ts_pdate_valid(date) || (v[10] && v[10] != 'T')) {
			json_decref(items);
			return ts_fail(err, TS_INVALID_PARAMETER, name,
				       "%s: '%.40s' is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)", name, v);
		}
	}
	ts_buf_adds(&sql, "SELECT \"seq\", \"at\", \"actor\", \"address\", \"action\", \"collection\", \"record_id\", "
			  "\"before\", \"after\", \"prev_hash\", \"hash\" FROM \"audit_log\"");
	for (size_t i = 0; i < sizeof(conds) / sizeof(conds[0]); i++) {
		if (!conds[i].val)
			continue;
		ts_buf_printf(&sql, "%s\"%s\" %s ?", sep, conds[i].col, conds[i].op);
		p[np++] = (ts_value){TS_V_TEXT, 0, conds[i].val};
		sep = " AND ";
	}
	if (q->before_seq > 0) {
		ts_buf_printf(&sql, "%s\"seq\" < ?", sep);
		p[np++] = (ts_value){TS_V_INT, q->before_seq, NULL};
	}
	ts_buf_printf(&sql, " ORDER BY \"seq\" DESC LIMIT %ld", q->limit + 1);
	rc = ts_store_exec(st, ts_buf_str(&sql), p, np, list_row, items, NULL, err);
	ts_buf_free(&sql);
	if (rc) {
		json_decref(items);
		return -1;
	}
	{
		json_t *next = json_null();
		if ((long)json_array_size(items) > q->limit) {
			char cur[32];
			json_array_remove(items, (size_t)q->limit);
			snprintf(cur, sizeof(cur), "%lld",
				 (long long)json_integer_value(json_object_get(json_array_get(items, (size_t)q->limit - 1), "seq")));
			next = json_string(cur);
		}
		*out = json_pack("{s:o, s:o}", "items", items, "next_cursor", next);
	}
	return 0;
}

struct walk {
	ts_audit_report *r;
	long long prev_seq;
	char prev_hash[65];
};

static int verify_row(void *ctx, const ts_value *c, int n)
{
	struct walk *w = ctx;
	const char *f[9];
	char hash[65];

	if (n != 11)
		return 1;
	for (int i = 0; i < 9; i++)
		f[i] = c[i + 1].type == TS_V_TEXT ? c[i + 1].s : NULL;
	w->r->entries++;
	if (c[0].i != w->prev_seq + 1) {
		w->r->bad_seq = c[0].i;
		if (c[0].i == w->prev_seq + 2)
			snprintf(w->r->problem, sizeof(w->r->problem), "entry %lld is missing (removed)", w->prev_seq + 1);
		else
			snprintf(w->r->problem, sizeof(w->r->problem), "entries %lld to %lld are missing (removed, or moved)",
				 w->prev_seq + 1, c[0].i - 1);
		return 1;
	}
	if (!f[8] || strcmp(f[8], w->prev_hash)) {
		w->r->bad_seq = c[0].i;
		snprintf(w->r->problem, sizeof(w->r->problem),
			 "entry %lld does not follow entry %lld (moved, or the entry before it was replaced)", c[0].i,
			 w->prev_seq);
		return 1;
	}
	entry_hash(f, c[0].i, hash);
	if (c[10].type != TS_V_TEXT || strcmp(hash, c[10].s)) {
		w->r->bad_seq = c[0].i;
		snprintf(w->r->problem, sizeof(w->r->problem), "entry %lld was edited: its content does not match its hash",
			 c[0].i);
		return 1;
	}
	w->prev_seq = c[0].i;
	memcpy(w->prev_hash, hash, sizeof(hash));
	return 0;
}

int ts_audit_verify(ts_store *st, ts_audit_report *r, ts_error *err)
{
	struct walk w = {r, 0, TS_AUDIT_GENESIS};

	memset(r, 0, sizeof(*r));
	if (ts_store_exec(st, "SELECT \"seq\", \"at\", \"actor\", \"address\", \"action\", \"collection\", \"record_id\", "
			  "\"before\", \"after\", \"prev_hash\", \"hash\" FROM \"audit_log\" ORDER BY \"seq\"",
			  NULL, 0, verify_row, &w, NULL, err))
		return -1;
	snprintf(r->head, sizeof(r->head), "%s", w.prev_hash);
	r->good_seq = w.prev_seq;
	return 0;
}
