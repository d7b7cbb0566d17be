/* Generic records: every list, read, write, import and export of every entity goes through
 * here, driven by the entity descriptions. SQL is built from the descriptions with quoted
 * identifiers and ? parameters only, never with values pasted in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "tansiq/access.h"
#include "tansiq/audit.h"
#include "tansiq/search.h"
#include "tansiq/auth.h"
#include "tansiq/csv.h"
#include "tansiq/records.h"

#define MAX_PARAMS 64

/* ---- values ------------------------------------------------------------------------------ */

static ts_value to_param(const json_t *v)
{
	ts_value p = {TS_V_NULL, 0, NULL};

	if (json_is_string(v)) {
		p.type = TS_V_TEXT;
		p.s = json_string_value(v);
	} else if (json_is_integer(v)) {
		p.type = TS_V_INT;
		p.i = json_integer_value(v);
	} else if (json_is_real(v)) {
		p.type = TS_V_REAL;
		p.d = json_real_value(v);
	} else if (json_is_boolean(v)) {
		p.type = TS_V_INT;
		p.i = json_is_true(v);
	}
	return p;
}

static json_t *from_cell(const ts_field *f, const ts_value *c)
{
	if (c->type == TS_V_NULL)
		return json_null();
	if (f->type == TS_BOOL)
		return json_boolean(c->type == TS_V_INT ? c->i != 0 : !strcmp(c->s, "1"));
	if (f->type == TS_INT)
		return json_integer(c->type == TS_V_INT ? c->i : strtoll(c->s, NULL, 10));
	if (f->type == TS_REAL)
		return json_real(c->type == TS_V_INT ? (double)c->i : strtod(c->s, NULL));
	if (c->type == TS_V_INT) {
		char n[32];
		snprintf(n, sizeof(n), "%lld", c->i);
		return json_string(n);
	}
	return json_string(c->s);
}

static void select_list(const ts_entity *e, ts_buf *sql)
{
	char table[64];

	ts_entity_table(e, table, sizeof(table));
	ts_buf_adds(sql, "SELECT ");
	for (int i = 0; i < e->nfields; i++)
		ts_buf_printf(sql, "%s\"%s\"", i ? ", " : "", e->fields[i].name);
	ts_buf_printf(sql, " FROM \"%s\"", table);
}

struct collect {
	const ts_entity *e;
	json_t *items;
};

static int collect_row(void *ctx, const ts_value *cells, int n)
{
	struct collect *c = ctx;
	json_t *o = json_object();

	for (int i = 0; i < n && i < c->e->nfields; i++)
		json_object_set_new(o, c->e->fields[i].name, from_cell(&c->e->fields[i], &cells[i]));
	json_array_append_new(c->items, o);
	return 0;
}

static int count_row(void *ctx, const ts_value *c, int n)
{
	if (n > 0 && c[0].type == TS_V_INT)
		*(long *)ctx = (long)c[0].i;
	return 0;
}

/* ---- what the viewer may read ---- */

/* Appends " WHERE "/" AND " and the condition that keeps the records the store's viewer may read
 * (access.h). Every read of records passes here: lists, totals, counts, single reads and exports.
 * Returns whether a WHERE clause is now open. */
static int readable(ts_store *st, const ts_entity *e, ts_buf *sql, int has_where)
{
	if (!ts_entity_field(e, "level"))
		return has_where;
	ts_buf_adds(sql, has_where ? " AND " : " WHERE ");
	ts_access_sql(ts_store_viewer(st), NULL, ts_entity_field(e, "team") != NULL, sql);
	return 1;
}

/* ---- queries ----------------------------------------------------------------------------- */

void ts_query_init(ts_query *q, const ts_entity *e)
{
	memset(q, 0, sizeof(*q));
	q->entity = e;
	q->limit = TS_LIMIT_DEFAULT;
}

void ts_query_free(ts_query *q)
{
	for (int i = 0; i < q->nfilters; i++)
		json_decref(q->filter_value[i]);
	json_decref(q->after);
	free(q->q);
	q->nfilters = 0;
	q->after = NULL;
	q->q = NULL;
}

static json_t *decode_cursor(const char *s)
{
	unsigned char bin[1024];
	size_t n;
	json_t *j;

	if (sodium_base642bin(bin, sizeof(bin) - 1, s, strlen(s), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING))
		return NULL;
	j = json_loadb((const char *)bin, n, 0, NULL);
	if (!json_is_array(j) || json_array_size(j) != 2 || !json_is_string(json_array_get(j, 1))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static char *encode_cursor(const json_t *sortval, const char *id)
{
	json_t *a = json_pack("[O,s]", sortval, id);
	char *txt = json_dumps(a, JSON_COMPACT);
	size_t n = txt ? strlen(txt) : 0;
	char *out = txt ? malloc(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING)) : NULL;

	if (out)
		sodium_bin2base64(out, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
				  (const unsigned char *)txt, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	free(txt);
	json_decref(a);
	return out;
}

int ts_query_param(ts_query *q, const char *name, const char *value, ts_error *err)
{
	const ts_entity *e = q->entity;
	const ts_field *f;

	if (!value)
		value = "";
	if (!strcmp(name, "limit")) {
		char *end;
		long n = strtol(value, &end, 10);
		if (!*value || *end || n < 1 || n > TS_LIMIT_MAX)
			return ts_fail(err, TS_INVALID_PARAMETER, "limit",
				       "parameter 'limit': '%.40s' is not a number from 1 to %d", value, TS_LIMIT_MAX);
		q->limit = n;
		return 0;
	}
	if (!strcmp(name, "cursor")) {
		json_decref(q->after);
		q->after = decode_cursor(value);
		if (!q->after)
			return ts_fail(err, TS_INVALID_PARAMETER, "cursor",
				       "parameter 'cursor' is not a cursor this server gave; pass next_cursor from the previous page unchanged");
		return 0;
	}
	if (!strcmp(name, "sort")) {
		int desc = value[0] == '-';
		f = ts_entity_field(e, value + desc);
		if (!f)
			return ts_fail(err, TS_INVALID_PARAMETER, "sort",
				       "parameter 'sort': a %s has no field '%.40s'; give a field name, with - before it for descending order",
				       e->name, value + desc);
		q->sort = f;
		q->desc = desc;
		return 0;
	}
	if (!strcmp(name, "q")) {
		int searchable = 0;
		for (int i = 0; i < e->nfields; i++)
			searchable |= (e->fields[i].flags & TS_F_SEARCH) != 0;
		if (!searchable)
			return ts_fail(err, TS_INVALID_PARAMETER, "q",
				       "%s have no names or titles to search; filter on a field instead", e->collection);
		free(q->q);
		q->q = strdup(value);
		return q->q ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	}
	f = ts_entity_field(e, name);
	if (!f)
		return ts_fail(err, TS_UNKNOWN_PARAMETER, name,
			       "unknown parameter '%.40s'; use limit, cursor, sort, q or a field of %s", name,
			       e->collection);
	if (q->nfilters >= TS_QUERY_MAX_FILTERS)
		return ts_fail(err, TS_INVALID_PARAMETER, name, "at most %d filters", TS_QUERY_MAX_FILTERS);
	{
		int from = err->nitems;
		json_t *v = ts_field_parse(f, value, err);
		if (!v) {
			/* a bad value in a query is a bad parameter, not a bad record field */
			if (from == 0)
				err->code = TS_INVALID_PARAMETER;
			for (int i = from; i < err->nitems; i++)
				err->items[i].code = TS_INVALID_PARAMETER;
			return -1;
		}
		q->filter_field[q->nfilters] = f;
		q->filter_value[q->nfilters++] = v;
	}
	return 0;
}

/* WHERE for filters and q; adds parameters (the LIKE pattern is kept in like). Returns whether
 * a WHERE clause was written. */
static int where_filters(ts_store *st, const ts_query *q, ts_buf *sql, ts_value *p, int *np, ts_buf *like)
{
	const char *sep = readable(st, q->entity, sql, 0) ? " AND " : " WHERE ";

	for (int i = 0; i < q->nfilters; i++) {
		if (json_is_null(q->filter_value[i])) {
			ts_buf_printf(sql, "%s\"%s\" IS NULL", sep, q->filter_field[i]->name);
		} else {
			ts_buf_printf(sql, "%s\"%s\" = ?", sep, q->filter_field[i]->name);
			p[(*np)++] = to_param(q->filter_value[i]);
		}
		sep = " AND ";
	}
	if (q->q && *q->q) {
		int any = 0;
		ts_buf_reset(like);
		ts_buf_addc(like, '%');
		for (const char *c = q->q; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				ts_buf_addc(like, '\\');
			ts_buf_addc(like, (*c >= 'A' && *c <= 'Z') ? (char)(*c + 32) : *c);
		}
		ts_buf_addc(like, '%');
		ts_buf_printf(sql, "%s(", sep);
		for (int i = 0; i < q->entity->nfields; i++) {
			const ts_field *f = &q->entity->fields[i];
			if (!(f->flags & TS_F_SEARCH))
				continue;
			ts_buf_printf(sql, "%slower(\"%s\") LIKE ? ESCAPE '\\'", any ? " OR " : "", f->name);
			p[(*np)++] = (ts_value){TS_V_TEXT, 0, ts_buf_str(like)};
			any = 1;
		}
		if (!any)
			ts_buf_adds(sql, "1 = 1");
		ts_buf_adds(sql, ")");
		sep = " AND ";
	}
	return sep[1] == 'A';
}

int ts_records_list(ts_store *st, const ts_query *q, json_t **out, ts_error *err)
{
	const ts_entity *e = q->entity;
	const ts_field *sort = q->sort ? q->sort : ts_entity_field(e, e->default_sort);
	ts_buf sql = TS_BUF_INIT, like = TS_BUF_INIT;
	ts_value p[MAX_PARAMS];
	int np = 0, rc = -1, has_where;
	long total = 0;
	struct collect c = {e, json_array()};
	int by_id = !sort || (sort->flags & TS_F_KEY);
	char table[64];

	*out = NULL;
	ts_entity_table(e, table, sizeof(table));
	/* total, under the same filters */
	ts_buf_printf(&sql, "SELECT count(*) FROM \"%s\"", table);
	where_filters(st, q, &sql, p, &np, &like);
	if (ts_store_exec(st, ts_buf_str(&sql), p, np, count_row, &total, NULL, err))
		goto done;

	ts_buf_reset(&sql);
	np = 0;
	select_list(e, &sql);
	has_where = where_filters(st, q, &sql, p, &np, &like);
	if (q->after) {
		json_t *v = json_array_get(q->after, 0);
		const char *id = json_string_value(json_array_get(q->after, 1));
		const char *cmp = q->desc ? "<" : ">";
		ts_buf_adds(&sql, has_where ? " AND " : " WHERE ");
		if (by_id) {
			ts_buf_printf(&sql, "\"id\" %s ?", cmp);
			p[np++] = (ts_value){TS_V_TEXT, 0, id};
		} else if (json_is_null(v)) {
			ts_buf_printf(&sql, "(\"%s\" IS NULL AND \"id\" > ?)", sort->name);
			p[np++] = (ts_value){TS_V_TEXT, 0, id};
		} else {
			ts_buf_printf(&sql, "(\"%s\" %s ? OR (\"%s\" = ? AND \"id\" > ?) OR \"%s\" IS NULL)",
				      sort->name, cmp, sort->name, sort->name);
			p[np++] = to_param(v);
			p[np++] = to_param(v);
			p[np++] = (ts_value){TS_V_TEXT, 0, id};
		}
	}
	if (by_id)
		ts_buf_printf(&sql, " ORDER BY \"id\" %s", q->desc ? "DESC" : "ASC");
	else
		ts_buf_printf(&sql, " ORDER BY (\"%s\" IS NULL), \"%s\" %s, \"id\" ASC", sort->name, sort->name,
			      q->desc ? "DESC" : "ASC");
	ts_buf_printf(&sql, " LIMIT %ld", q->limit + 1);
	if (ts_store_exec(st, ts_buf_str(&sql), p, np, collect_row, &c, NULL, err))
		goto done;
	{
		json_t *next = json_null();
		if ((long)json_array_size(c.items) > q->limit) {
			json_t *last;
			char *cur;
			json_array_remove(c.items, (size_t)q->limit);
			last = json_array_get(c.items, (size_t)q->limit - 1);
			cur = encode_cursor(by_id ? json_null() : json_object_get(last, sort->name),
					    json_string_value(json_object_get(last, "id")));
			if (cur) {
				next = json_string(cur);
				free(cur);
			}
		}
		*out = json_pack("{s:O, s:i, s:o}", "items", c.items, "total", (json_int_t)total, "next_cursor", next);
	}
	rc = 0;
done:
	json_decref(c.items);
	ts_buf_free(&sql);
	ts_buf_free(&like);
	return rc;
}

/* Counts records, all of them (internal checks) or only those the viewer may read. */
static int count(ts_store *st, const ts_entity *e, const char *field, const char *value, int all, long *out,
		 ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	char table[64];
	ts_value p = {TS_V_TEXT, 0, value};
	int rc, has_where = 0;

	*out = 0;
	ts_entity_table(e, table, sizeof(table));
	ts_buf_printf(&sql, "SELECT count(*) FROM \"%s\"", table);
	if (field) {
		ts_buf_printf(&sql, " WHERE \"%s\" = ?", field);
		has_where = 1;
	}
	if (!all)
		readable(st, e, &sql, has_where);
	rc = ts_store_exec(st, ts_buf_str(&sql), &p, field ? 1 : 0, count_row, out, NULL, err);
	ts_buf_free(&sql);
	return rc;
}

int ts_records_count(ts_store *st, const ts_entity *e, const char *field, const char *value, long *out,
		     ts_error *err)
{
	return count(st, e, field, value, 0, out, err);
}

int ts_record_get(ts_store *st, const ts_entity *e, const char *id, json_t **out, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	ts_value p = {TS_V_TEXT, 0, id};
	struct collect c = {e, json_array()};
	int rc;

	*out = NULL;
	select_list(e, &sql);
	ts_buf_adds(&sql, " WHERE \"id\" = ?");
	readable(st, e, &sql, 1); /* a record the viewer may not read is not found */
	rc = ts_store_exec(st, ts_buf_str(&sql), &p, 1, collect_row, &c, NULL, err);
	ts_buf_free(&sql);
	if (rc == 0 && json_array_size(c.items) == 0)
		rc = ts_failm(err, TS_NOT_FOUND, "id", TS_M_NOT_FOUND, e->name, id, NULL, NULL);
	if (rc == 0)
		*out = json_incref(json_array_get(c.items, 0));
	json_decref(c.items);
	return rc;
}

int ts_records_where(ts_store *st, const ts_entity *e, const char *where, const ts_value *params, int nparams,
		     int visible, json_t **out, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	struct collect c = {e, json_array()};
	int rc;

	*out = NULL;
	select_list(e, &sql);
	ts_buf_printf(&sql, " WHERE (%s)", where);
	if (visible)
		readable(st, e, &sql, 1);
	ts_buf_adds(&sql, " ORDER BY \"id\"");
	rc = ts_store_exec(st, ts_buf_str(&sql), params, nparams, collect_row, &c, NULL, err);
	ts_buf_free(&sql);
	if (rc == 0)
		*out = c.items;
	else
		json_decref(c.items);
	return rc;
}

/* ---- writes ------------------------------------------------------------------------------ */

struct found {
	int n;
	char *id;
	size_t size;
};

static int found_row(void *ctx, const ts_value *c, int n)
{
	struct found *f = ctx;

	f->n = 1;
	if (f->id && n > 0 && c[0].type == TS_V_TEXT)
		snprintf(f->id, f->size, "%s", c[0].s);
	return 1;
}

static int exists_as(ts_store *st, const ts_entity *e, const char *field, const char *value,
		     const char *except_id, int visible, char *found_id, size_t found_size, ts_error *err);

/* Whether a record of e has field = value (other than except_id): 1, 0, or -1 on error. Reads
 * only the id (written to found_id when given), and sees every record whatever the viewer. */
static int exists(ts_store *st, const ts_entity *e, const char *field, const char *value,
		  const char *except_id, char *found_id, size_t found_size, ts_error *err)
{
	return exists_as(st, e, field, value, except_id, 0, found_id, found_size, err);
}

/* exists(), seeing only what the viewer reads when `visible`. */
static int exists_as(ts_store *st, const ts_entity *e, const char *field, const char *value,
		     const char *except_id, int visible, char *found_id, size_t found_size, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	char table[64];
	ts_value p[2] = {{TS_V_TEXT, 0, value}, {TS_V_TEXT, 0, except_id}};
	struct found f = {0, found_id, found_size};
	int rc;

	ts_entity_table(e, table, sizeof(table));
	ts_buf_printf(&sql, "SELECT \"id\" FROM \"%s\" WHERE \"%s\" = ?%s", table, field,
		      except_id ? " AND \"id\" <> ?" : "");
	if (visible)
		readable(st, e, &sql, 1);
	ts_buf_adds(&sql, " LIMIT 1");
	rc = ts_store_exec(st, ts_buf_str(&sql), p, except_id ? 2 : 1, found_row, &f, NULL, err);
	ts_buf_free(&sql);
	return rc ? -1 : f.n;
}

int ts_record_id_known(ts_store *st, const ts_entity *e, const char *id, const char *field, const char *example,
		       ts_error *err)
{
	int n = exists(st, e, "id", id, NULL, NULL, 0, err);

	if (n < 0)
		return -1;
	if (n > 0)
		return 0;
	return ts_fail(err, TS_INVALID_VALUE, field, "'%.40s' is not the id of a record of %s; write ids such as '%s' "
		       "separated by spaces (tansiq list %s)", id, e->collection, example, e->collection);
}

/* References resolve and unique values are free. */
static int check_links(ts_store *st, const ts_entity *e, const json_t *rec, const char *self_id, ts_error *err)
{
	const ts_schema *s = ts_store_schema(st);
	int before = err->nitems;

	for (int i = 0; i < e->nfields; i++) {
		const ts_field *f = &e->fields[i];
		const char *v = json_string_value(json_object_get(rec, f->name));
		char other[80];
		int n;

		if (!v || !*v)
			continue;
		if (f->type == TS_REF) {
			/* a record the writer may not read cannot be referred to: it does not exist for them */
			const ts_entity *r = ts_schema_entity(s, f->ref);
			n = exists_as(st, r, "id", v, NULL, 1, NULL, 0, err);
			if (n < 0)
				return -1;
			if (n == 0)
				ts_failm(err, TS_UNKNOWN_REFERENCE, f->name, TS_M_UNKNOWN_REFERENCE, r->name, v,
					 r->collection, NULL);
		}
		if (f->flags & TS_F_ACCOUNT) {
			ts_value p = {TS_V_TEXT, 0, v};
			struct found fa = {0, NULL, 0};
			if (ts_store_exec(st, "SELECT 1 FROM \"accounts\" WHERE \"username\" = ?", &p, 1, found_row, &fa,
					  NULL, err))
				return -1;
			if (!fa.n)
				ts_failm(err, TS_UNKNOWN_REFERENCE, f->name, TS_M_UNKNOWN_ACCOUNT, v, NULL, NULL, NULL);
		}
		if ((f->flags & TS_F_UNIQUE) && !(f->flags & TS_F_KEY)) {
			/* unique among all records; the other one is named only when the writer reads it */
			n = exists(st, e, f->name, v, self_id, other, sizeof(other), err);
			if (n < 0)
				return -1;
			if (n > 0 && exists_as(st, e, "id", other, NULL, 1, NULL, 0, err) > 0)
				ts_failm(err, TS_DUPLICATE, f->name, TS_M_DUPLICATE_VALUE, v, e->name, other, NULL);
			else if (n > 0)
				ts_failm(err, TS_DUPLICATE, f->name, TS_M_DUPLICATE_HIDDEN, v, e->name, NULL, NULL);
		}
	}
	for (int i = 0; i < e->nrules; i++) {
		const ts_rule *r = &e->rules[i];
		const char *names[3] = {r->a, r->b, r->value};
		int nf = r->value ? 3 : 2, n;
		ts_buf sql = TS_BUF_INIT, which = TS_BUF_INIT;
		ts_value p[4];
		char table[64], other[80];
		struct found f = {0, other, sizeof(other)};

		if (r->kind != TS_RULE_UNIQUE_WITH)
			continue;
		for (n = 0; n < nf && !json_is_null(json_object_get(rec, names[n])); n++)
			;
		if (n < nf)
			continue; /* a value not given: nothing to compare */
		ts_entity_table(e, table, sizeof(table));
		ts_buf_printf(&sql, "SELECT \"id\" FROM \"%s\" WHERE \"id\" <> ?", table);
		p[0] = (ts_value){TS_V_TEXT, 0, self_id ? self_id : ""};
		for (n = 0; n < nf; n++) {
			ts_buf_printf(&sql, " AND \"%s\" = ?", names[n]);
			p[n + 1] = to_param(json_object_get(rec, names[n]));
			ts_buf_printf(&which, "%s%s", n ? (n == nf - 1 ? " and " : ", ") : "", names[n]);
		}
		ts_buf_adds(&sql, " LIMIT 1");
		n = ts_store_exec(st, ts_buf_str(&sql), p, nf + 1, found_row, &f, NULL, err);
		ts_buf_free(&sql);
		if (n) {
			ts_buf_free(&which);
			return -1;
		}
		if (f.n && exists_as(st, e, "id", other, NULL, 1, NULL, 0, err) > 0)
			ts_failm(err, TS_DUPLICATE, r->a, TS_M_DUPLICATE_WITH, e->name, other, ts_buf_str(&which), NULL);
		else if (f.n)
			ts_failm(err, TS_DUPLICATE, r->a, TS_M_DUPLICATE_WITH_HIDDEN, e->name, ts_buf_str(&which), NULL, NULL);
		ts_buf_free(&which);
	}
	return err->nitems > before ? -1 : 0;
}

static int write_row(ts_store *st, const ts_entity *e, const json_t *rec, int update, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	char table[64];
	ts_value p[MAX_PARAMS];
	int np = 0, rc;

	ts_entity_table(e, table, sizeof(table));
	if (update) {
		ts_buf_printf(&sql, "UPDATE \"%s\" SET ", table);
		for (int i = 1; i < e->nfields; i++) {
			ts_buf_printf(&sql, "%s\"%s\" = ?", i > 1 ? ", " : "", e->fields[i].name);
			p[np++] = to_param(json_object_get(rec, e->fields[i].name));
		}
		ts_buf_adds(&sql, " WHERE \"id\" = ?");
		p[np++] = to_param(json_object_get(rec, "id"));
	} else {
		ts_buf_printf(&sql, "INSERT INTO \"%s\" (", table);
		for (int i = 0; i < e->nfields; i++)
			ts_buf_printf(&sql, "%s\"%s\"", i ? ", " : "", e->fields[i].name);
		ts_buf_adds(&sql, ") VALUES (");
		for (int i = 0; i < e->nfields; i++) {
			ts_buf_adds(&sql, i ? ", ?" : "?");
			p[np++] = to_param(json_object_get(rec, e->fields[i].name));
		}
		ts_buf_adds(&sql, ")");
	}
	rc = ts_store_exec(st, ts_buf_str(&sql), p, np, NULL, NULL, NULL, err);
	ts_buf_free(&sql);
	return rc;
}

/* A record with every field present (null where not given), in field order. */
static json_t *complete(const ts_entity *e, const json_t *in)
{
	json_t *o = json_object();

	for (int i = 0; i < e->nfields; i++) {
		const ts_field *f = &e->fields[i];
		json_t *v = json_object_get(in, f->name);
		if (v && json_is_string(v) && !*json_string_value(v) && f->type != TS_TEXT)
			v = NULL; /* an empty date, reference or enum means "not known" */
		if ((!v || json_is_null(v)) && f->def)
			json_object_set_new(o, f->name, ts_field_parse(f, f->def, NULL));
		else
			json_object_set(o, f->name, v ? v : json_null());
	}
	return o;
}

int ts_record_create(ts_store *st, const ts_entity *e, const json_t *input, json_t **out, ts_error *err)
{
	json_t *rec;
	const char *id;
	int n;

	if (out)
		*out = NULL;
	if (!json_is_object(input))
		return ts_fail(err, TS_INVALID_JSON, NULL, "a %s must be a JSON object", e->name);
	rec = json_deep_copy(input);
	if (ts_record_check(e, rec, err))
		goto fail;
	{
		json_t *full = complete(e, rec);
		json_decref(rec);
		rec = full;
	}
	if (e->guard && e->guard(st, rec, NULL, err))
		goto fail;
	if ((e->flags & TS_E_AUTO_ID) && !json_string_value(json_object_get(rec, "id"))) {
		char hex[17];
		ts_random_hex(hex, 16);
		json_object_set_new(rec, "id", json_string(hex));
	}
	id = json_string_value(json_object_get(rec, "id"));
	n = exists(st, e, "id", id, NULL, NULL, 0, err);
	if (n < 0)
		goto fail;
	if (n > 0) {
		ts_failm(err, TS_DUPLICATE, "id", TS_M_DUPLICATE_ID, e->name, id, NULL, NULL);
		goto fail;
	}
	if (ts_access_check_write(st, e, rec, err) || check_links(st, e, rec, NULL, err) || write_row(st, e, rec, 0, err) ||
	    ts_search_index(st, e, NULL, rec, err) || ts_audit_append(st, "create", e->collection, id = json_string_value(json_object_get(rec, "id")), NULL, rec, err))
		goto fail;
	if (out)
		*out = rec;
	else
		json_decref(rec);
	return 0;
fail:
	json_decref(rec);
	return -1;
}

int ts_record_update(ts_store *st, const ts_entity *e, const char *id, const json_t *patch, json_t **out,
		     ts_error *err)
{
	json_t *cur = NULL, *merged;
	const char *pid;

	if (out)
		*out = NULL;
	if (!json_is_object(patch))
		return ts_fail(err, TS_INVALID_JSON, NULL, "a change to a %s must be a JSON object", e->name);
	pid = json_string_value(json_object_get(patch, "id"));
	if (json_object_get(patch, "id") && (!pid || strcmp(pid, id)))
		return ts_fail(err, TS_INVALID_VALUE, "id", "the id of a %s cannot change; create a new record instead",
			       e->name);
	if (ts_record_get(st, e, id, &cur, err))
		return -1;
	merged = json_deep_copy(cur);
	json_object_update(merged, (json_t *)patch);
	if (ts_record_check(e, merged, err))
		goto fail;
	{
		json_t *full = complete(e, merged);
		json_decref(merged);
		merged = full;
	}
	/* a record kept as filed takes only what it already says (an import run again) */
	if ((e->flags & TS_E_APPEND_ONLY) && !json_equal(cur, merged)) {
		ts_fail(err, TS_KEPT_AS_FILED, NULL, "%s '%.60s' is kept as it was filed; file a new one that corrects it",
			e->name, id);
		goto fail;
	}
	if ((e->guard && e->guard(st, merged, cur, err)) || ts_access_check_write(st, e, cur, err) || ts_access_check_write(st, e, merged, err) ||
	    check_links(st, e, merged, id, err))
		goto fail;
	/* an update that changes nothing writes nothing and leaves no trace in the log */
	if (!json_equal(cur, merged) &&
	    (write_row(st, e, merged, 1, err) || ts_search_index(st, e, cur, merged, err) ||
	     ts_audit_append(st, "update", e->collection, id, cur, merged, err)))
		goto fail;
	json_decref(cur);
	if (out)
		*out = merged;
	else
		json_decref(merged);
	return 0;
fail:
	json_decref(cur);
	json_decref(merged);
	return -1;
}

int ts_record_delete(ts_store *st, const ts_entity *e, const char *id, ts_error *err)
{
	const ts_schema *s = ts_store_schema(st);
	json_t *cur;
	ts_buf sql = TS_BUF_INIT;
	char table[64];
	ts_value p = {TS_V_TEXT, 0, id};
	int rc;

	if (ts_record_get(st, e, id, &cur, err))
		return -1;
	if (e->flags & TS_E_APPEND_ONLY) {
		json_decref(cur);
		return ts_fail(err, TS_KEPT_AS_FILED, NULL, "%s '%.60s' is kept as it was filed; it cannot be deleted",
			       e->name, id);
	}
	if (ts_access_check_write(st, e, cur, err) || (e->guard && e->guard(st, NULL, cur, err))) {
		json_decref(cur);
		return -1;
	}
	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *o = s->entities[i];
		for (int j = 0; j < o->nfields; j++) {
			const ts_field *f = &o->fields[j];
			char other[80];
			long n = 0;
			if (f->type != TS_REF || ts_schema_entity(s, f->ref) != e)
				continue;
			/* all of them: a record hidden from this viewer still holds the reference */
			if (count(st, o, f->name, id, 1, &n, err)) {
				json_decref(cur);
				return -1;
			}
			if (n > 0) {
				char total[24], which[96];
				long seen = 0;
				/* the referring records are counted and named only when the viewer reads them all */
				if (count(st, o, f->name, id, 0, &seen, err) ||
				    (seen == n && exists_as(st, o, f->name, id, NULL, 1, other, sizeof(other), err) < 0)) {
					json_decref(cur);
					return -1;
				}
				if (seen < n) {
					json_decref(cur);
					return ts_failm(err, TS_REFERENCED, NULL, TS_M_REFERENCED_HIDDEN, e->name, id, NULL, NULL);
				}
				snprintf(total, sizeof(total), "%ld", n);
				snprintf(which, sizeof(which), "%s (e.g. '%.40s', field '%s')", o->collection, other, f->name);
				json_decref(cur);
				return ts_failm(err, TS_REFERENCED, NULL, TS_M_REFERENCED, e->name, id, total, which);
			}
		}
	}
	ts_entity_table(e, table, sizeof(table));
	ts_buf_printf(&sql, "DELETE FROM \"%s\" WHERE \"id\" = ?", table);
	rc = ts_store_exec(st, ts_buf_str(&sql), &p, 1, NULL, NULL, NULL, err);
	ts_buf_free(&sql);
	if (rc == 0)
		rc = ts_search_index(st, e, cur, NULL, err);
	if (rc == 0)
		rc = ts_audit_append(st, "delete", e->collection, id, cur, NULL, err);
	json_decref(cur);
	return rc;
}

/* ---- import and export ------------------------------------------------------------------- */

/* Puts "line N: " before the details of the problems an input row raised (items from `from`
 * on); the first bad line is the error's line. */
static int at_line(ts_error *err, int from, long line, const char *what)
{
	ts_error_at(err, from, what[0] == 'r' ? 'r' : 'l', line);
	return -1;
}

/* Creates or updates one imported record; writes its id to id_out. */
static int upsert(ts_store *st, const ts_entity *e, json_t *rec, ts_import_stats *stats, char id_out[80],
		  ts_error *err)
{
	const char *id = json_string_value(json_object_get(rec, "id"));
	json_t *cur = NULL;
	int n;

	stats->rows++;
	if (!id || !*id || (n = exists(st, e, "id", id, NULL, NULL, 0, err)) == 0) {
		json_t *made;
		if (!id || !*id) {
			if (!(e->flags & TS_E_AUTO_ID))
				return ts_failm(err, TS_REQUIRED, "id", TS_M_REQUIRED, NULL, NULL, NULL, NULL);
			json_object_del(rec, "id");
		}
		if (ts_record_create(st, e, rec, &made, err))
			return -1;
		stats->created++;
		snprintf(id_out, 80, "%s", json_string_value(json_object_get(made, "id")));
		json_decref(made);
		return 0;
	}
	if (n < 0)
		return -1;
	snprintf(id_out, 80, "%s", id);
	if (ts_record_get(st, e, id, &cur, err))
		return -1;
	{
		json_t *merged = json_deep_copy(cur);
		json_object_update(merged, rec);
		if (json_equal(merged, cur))
			stats->unchanged++;
		else
			stats->updated++;
		json_decref(merged);
	}
	json_decref(cur);
	return ts_record_update(st, e, id, rec, NULL, err);
}

/*
 * An import in progress. References from a record to another of the same entity (an organ's
 * parent) may point forward in the file, so they are set aside in the first pass and applied
 * once every record of the file exists.
 */
typedef struct importer {
	ts_store *st;
	const ts_entity *e;
	ts_import_stats *stats;
	ts_error *err;
	json_t *later; /* [{"id", "patch", "line", "unchanged"}] */
	const char *unit; /* "line" or "record" */
} importer;

static void import_row(importer *im, json_t *rec, long line)
{
	int from = im->err->nitems;
	long unchanged = im->stats->unchanged;
	json_t *self = NULL;
	char id[80];

	for (int i = 0; i < im->e->nfields; i++) {
		const ts_field *f = &im->e->fields[i];
		json_t *v = json_object_get(rec, f->name);
		if (f->type != TS_REF || ts_schema_entity(ts_store_schema(im->st), f->ref) != im->e || !v || json_is_null(v))
			continue;
		if (!self)
			self = json_object();
		json_object_set(self, f->name, v);
		json_object_del(rec, f->name);
	}
	if (upsert(im->st, im->e, rec, im->stats, id, im->err)) {
		at_line(im->err, from, line, im->unit);
		json_decref(self);
	} else if (self) {
		json_array_append_new(im->later, json_pack("{s:s, s:o, s:I, s:b}", "id", id, "patch", self, "line",
							   (json_int_t)line, "unchanged", im->stats->unchanged > unchanged));
	}
}

static int import_finish(importer *im)
{
	size_t i;
	json_t *l;

	json_array_foreach(im->later, i, l) {
		const char *id = json_string_value(json_object_get(l, "id"));
		int from = im->err->nitems;
		json_t *before = NULL, *after = NULL;
		if (im->err->nitems >= TS_ERROR_MAX_ITEMS)
			break;
		if (ts_record_get(im->st, im->e, id, &before, im->err) ||
		    ts_record_update(im->st, im->e, id, json_object_get(l, "patch"), &after, im->err)) {
			at_line(im->err, from, (long)json_integer_value(json_object_get(l, "line")), im->unit);
		} else if (json_is_true(json_object_get(l, "unchanged")) && !json_equal(before, after)) {
			im->stats->unchanged--;
			im->stats->updated++;
		}
		json_decref(before);
		json_decref(after);
	}
	json_decref(im->later);
	return im->err->nitems ? -1 : 0;
}

int ts_import_csv(ts_store *st, const ts_entity *e, const char *data, size_t len, ts_import_stats *stats,
		  ts_error *err)
{
	ts_csv r;
	const ts_field *cols[TS_CSV_MAX_CELLS];
	int ncols, rc = -1, got;
	importer im = {st, e, stats, err, json_array(), "line"};

	memset(stats, 0, sizeof(*stats));
	ts_csv_init(&r, data, len);
	got = ts_csv_next(&r, err);
	if (got <= 0) {
		if (got == 0)
			ts_fail(err, TS_INVALID_CSV, NULL, "the file is empty; its first line must name the fields of a %s",
				e->name);
		goto done;
	}
	ncols = r.ncells;
	for (int i = 0; i < ncols; i++) {
		const char *name = ts_csv_cell(&r, i);
		cols[i] = ts_entity_field(e, name);
		if (!cols[i]) {
			ts_fail(err, TS_UNKNOWN_FIELD, name, "column %d '%.40s' is not a field of %s", i + 1, name,
				e->collection);
			at_line(err, 0, r.line, "line");
			goto done;
		}
		for (int j = 0; j < i; j++)
			if (cols[j] == cols[i]) {
				ts_fail(err, TS_INVALID_CSV, name, "column '%s' appears twice", name);
				at_line(err, 0, r.line, "line");
				goto done;
			}
	}
	/* Every bad row is reported (up to TS_ERROR_MAX_ITEMS problems), not only the first; the
	 * caller rolls the whole file back when any row was bad. */
	while (err->nitems < TS_ERROR_MAX_ITEMS && (got = ts_csv_next(&r, err)) == 1) {
		json_t *rec = json_object();
		int bad = 0, from = err->nitems;
		if (r.ncells != ncols) {
			json_decref(rec);
			ts_fail(err, TS_INVALID_CSV, NULL, "%d cells where the header names %d; quote cells that contain commas",
				r.ncells, ncols);
			at_line(err, 0, r.line, "line");
			goto done;
		}
		for (int i = 0; i < ncols; i++) {
			json_t *v = ts_field_parse(cols[i], ts_csv_cell(&r, i), err);
			if (!v) {
				bad = 1;
				continue;
			}
			json_object_set_new(rec, cols[i]->name, v);
		}
		if (bad)
			at_line(err, from, r.line, "line");
		else
			import_row(&im, rec, r.line);
		json_decref(rec);
	}
	if (got == 0 && err->nitems == 0)
		rc = 0;
done:
	ts_csv_free(&r);
	if (rc == 0)
		return import_finish(&im);
	json_decref(im.later);
	return rc;
}

int ts_import_json(ts_store *st, const ts_entity *e, const json_t *doc, ts_import_stats *stats, ts_error *err)
{
	const json_t *items = json_is_object(doc) ? json_object_get(doc, "items") : doc;
	size_t i;
	json_t *v;
	importer im = {st, e, stats, err, NULL, "record"};

	memset(stats, 0, sizeof(*stats));
	if (!json_is_array(items))
		return ts_fail(err, TS_INVALID_JSON, NULL,
			       "expected a JSON array of %s records (or an object with an \"items\" array)", e->name);
	im.later = json_array();
	json_array_foreach(items, i, v) {
		json_t *rec;
		if (err->nitems >= TS_ERROR_MAX_ITEMS)
			break;
		if (!json_is_object(v)) {
			int from = err->nitems;
			ts_fail(err, TS_INVALID_JSON, NULL, "element is not a JSON object");
			at_line(err, from, (long)i + 1, "record");
			continue;
		}
		rec = json_deep_copy(v);
		import_row(&im, rec, (long)i + 1);
		json_decref(rec);
	}
	if (err->nitems) {
		json_decref(im.later);
		return -1;
	}
	return import_finish(&im);
}

int ts_export_json(ts_store *st, const ts_entity *e, json_t **out, ts_error *err)
{
	return ts_records_where(st, e, "1 = 1", NULL, 0, 1, out, err);
}

int ts_csv_write_records(ts_buf *out, const ts_entity *e, const json_t *items, ts_error *err)
{
	json_t *rec;
	size_t i;
	char num[32];
	int rc = 0;

	for (int f = 0; f < e->nfields; f++)
		rc |= ts_csv_write_cell(out, e->fields[f].name, f == e->nfields - 1);
	json_array_foreach(items, i, rec)
		for (int f = 0; f < e->nfields; f++)
			rc |= ts_csv_write_cell(out, ts_field_text(&e->fields[f], json_object_get(rec, e->fields[f].name), num),
						f == e->nfields - 1);
	return rc ? ts_fail(err, TS_INTERNAL, NULL, "the CSV is larger than the buffer allows") : 0;
}

int ts_export_csv(ts_store *st, const ts_entity *e, ts_buf *out, ts_error *err)
{
	json_t *all;
	int rc;

	if (ts_export_json(st, e, &all, err))
		return -1;
	rc = ts_csv_write_records(out, e, all, err);
	json_decref(all);
	return rc;
}

void ts_json_array_sort(json_t *arr, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(arr);
	json_t **v;

	if (n < 2 || !(v = malloc(n * sizeof(*v))))
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof(*v), cmp);
	json_array_clear(arr);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
}
