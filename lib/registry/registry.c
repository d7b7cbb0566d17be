/* Default data and the organisation at a glance. */
#include <stdio.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/embedded.h"
#include "tansiq/records.h"
#include "tansiq/registry.h"

const ts_embedded *ts_embedded_find(const ts_embedded *t, const char *path)
{
	for (; t && t->path; t++)
		if (strcmp(t->path, path) == 0)
			return t;
	return NULL;
}

int ts_registry_load_defaults(ts_store *st, ts_error *err)
{
	const ts_schema *s = ts_store_schema(st);

	for (int i = 0; i < s->nentities; i++) {
		const ts_entity *e = s->entities[i];
		char name[80];
		const ts_embedded *f;
		ts_import_stats stats;

		snprintf(name, sizeof(name), "%s.csv", e->collection);
		f = ts_embedded_find(ts_default_data, name);
		if (!f)
			continue;
		if (ts_import_csv(st, e, (const char *)f->data, f->len, &stats, err)) {
			ts_error_prefix(err, 0, "default data %s, ", name);
			return -1;
		}
	}
	return 0;
}

static int put_count(void *ctx, const ts_value *c, int n)
{
	json_t *o = ctx;

	if (n == 2 && c[0].type == TS_V_TEXT && c[1].type == TS_V_INT)
		json_object_set_new(o, c[0].s, json_integer(c[1].i));
	return 0;
}

static int one_count(void *ctx, const ts_value *c, int n)
{
	if (n > 0 && c[0].type == TS_V_INT)
		*(long long *)ctx = c[0].i;
	return 0;
}

static int one_text(void *ctx, const ts_value *c, int n)
{
	if (n >= 2 && c[0].type == TS_V_TEXT && c[1].type == TS_V_TEXT) {
		json_t *o = ctx;
		json_object_set_new(o, "term", json_string(c[0].s));
		json_object_set_new(o, "person", json_string(c[1].s));
	}
	return 1;
}

/* Runs a summary query whose text has {a} where the access condition goes ({t} and {o} for the
 * tables aliased t and o). Counts only what the store's viewer may read. */
static int summary_query(ts_store *st, const char *fmt, ts_row_fn fn, void *ctx, ts_error *err)
{
	ts_buf plain = TS_BUF_INIT, t = TS_BUF_INIT, o = TS_BUF_INIT, sql = TS_BUF_INIT;
	int rc;

	ts_access_sql(ts_store_viewer(st), NULL, 1, &plain);
	ts_access_sql(ts_store_viewer(st), "t", 1, &t);
	ts_access_sql(ts_store_viewer(st), "o", 1, &o);
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '{' && p[1] && p[2] == '}' && strchr("ato", p[1])) {
			ts_buf_adds(&sql, ts_buf_str(p[1] == 'a' ? &plain : p[1] == 't' ? &t : &o));
			p += 2;
		} else {
			ts_buf_addc(&sql, *p);
		}
	}
	rc = ts_store_exec(st, ts_buf_str(&sql), NULL, 0, fn, ctx, NULL, err);
	ts_buf_free(&plain);
	ts_buf_free(&t);
	ts_buf_free(&o);
	ts_buf_free(&sql);
	return rc;
}

int ts_registry_summary(ts_store *st, json_t **out, ts_error *err)
{
	const ts_schema *s = ts_store_schema(st);
	json_t *states = json_pack("{s:i, s:i, s:i}", "member", 0, "suspended", 0, "observer", 0);
	json_t *groups = json_pack("{s:i, s:i, s:i}", "arab", 0, "asian", 0, "african", 0);
	json_t *sg = json_object(), *res = NULL;
	long long organs = 0, orgs = 0, partners = 0, groups_n = 0;

	*out = NULL;
	if (summary_query(st, "SELECT \"status\", count(*) FROM \"states\" WHERE {a} GROUP BY \"status\"", put_count,
			  states, err) ||
	    summary_query(st, "SELECT \"group\", count(*) FROM \"states\" WHERE {a} AND \"status\" IN ('member', 'suspended') "
			  "AND \"group\" IS NOT NULL GROUP BY \"group\"", put_count, groups, err) ||
	    summary_query(st, "SELECT count(*) FROM \"organs\" WHERE {a}", one_count, &organs, err) ||
	    summary_query(st, "SELECT count(*) FROM \"organisations\" WHERE {a}", one_count, &orgs, err) ||
	    summary_query(st, "SELECT count(*) FROM \"organisations\" WHERE {a} AND \"partner\" = 1", one_count,
			  &partners, err) ||
	    summary_query(st, "SELECT count(*) FROM \"contact_groups\" WHERE {a}", one_count, &groups_n, err) ||
	    summary_query(st, "SELECT t.\"id\", t.\"person\" FROM \"office_terms\" t JOIN \"offices\" o ON o.\"id\" = t.\"office\" "
			  "WHERE {t} AND {o} AND o.\"kind\" = 'secretary_general' AND t.\"end\" IS NULL "
			  "ORDER BY t.\"start\" DESC, t.\"id\" LIMIT 1", one_text, sg, err))
		goto fail;
	json_object_set_new(states, "by_group", groups);
	groups = NULL;
	res = json_pack("{s:o, s:I, s:I, s:I, s:I}", "states", states, "organs", organs, "organisations", orgs,
			"partners", partners, "contact_groups", groups_n);
	states = NULL;
	if (json_object_get(sg, "person")) {
		json_t *person = NULL, *term = NULL;
		if (ts_record_get(st, ts_schema_entity(s, "person"), json_string_value(json_object_get(sg, "person")),
				  &person, err) ||
		    ts_record_get(st, ts_schema_entity(s, "office_term"), json_string_value(json_object_get(sg, "term")),
				  &term, err)) {
			json_decref(person);
			goto fail;
		}
		json_object_set_new(res, "secretary_general", json_pack("{s:o, s:o}", "person", person, "office_term", term));
	} else {
		json_object_set_new(res, "secretary_general", json_null());
	}
	json_decref(sg);
	*out = res;
	return 0;
fail:
	json_decref(states);
	json_decref(groups);
	json_decref(sg);
	json_decref(res);
	return -1;
}
