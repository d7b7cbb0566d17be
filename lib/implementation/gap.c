/* The commitment-implementation gap, programmes' roll-ups, and mandates made from a paragraph
 * (implementation.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tansiq/meetings.h"
#include "views.h"

/* ---- the gap ---- */

enum { BY_ADDRESSEE, BY_ORGAN, BY_CATEGORY, BY_YEAR };

typedef struct group {
	int key;      /* interned key, or the year */
	iv_counts c;
	double wp, w; /* the weighted progress of its mandates */
	iv_node organ; /* by organ: the organ's roll-up */
} group;

typedef struct grouping {
	int *slot;    /* key -> group index + 1 */
	int nslot;
	group *g;
	int n, cap;   /* groups are few (addressees, organs, years): g grows as they appear */
	int failed;
} grouping;

/* The group of a key, made when new; NULL for a key out of range or out of memory. */
static group *group_of(grouping *gr, int key)
{
	if (key < 0 || key >= gr->nslot)
		return NULL;
	if (!gr->slot[key]) {
		if (gr->n == gr->cap) {
			int cap = gr->cap ? gr->cap * 2 : 64;
			group *g = realloc(gr->g, (size_t)cap * sizeof(group));
			if (!g) {
				gr->failed = 1;
				return NULL;
			}
			gr->g = g;
			gr->cap = cap;
		}
		memset(&gr->g[gr->n], 0, sizeof(group));
		gr->g[gr->n].key = key;
		gr->slot[key] = ++gr->n;
	}
	return &gr->g[gr->slot[key] - 1];
}

/* The group of a key if there is one. */
static group *group_find(const grouping *gr, int key)
{
	return key >= 0 && key < gr->nslot && gr->slot[key] ? &gr->g[gr->slot[key] - 1] : NULL;
}

static int grouping_init(grouping *gr, int nslot)
{
	memset(gr, 0, sizeof(*gr));
	gr->nslot = nslot;
	gr->slot = calloc((size_t)nslot + 1, sizeof(int));
	return gr->slot ? 0 : -1;
}

static void grouping_free(grouping *gr)
{
	free(gr->slot);
	free(gr->g);
}

static int by_count(const void *a, const void *b)
{
	const group *x = a, *y = b;
	if (x->c.mandates != y->c.mandates)
		return x->c.mandates > y->c.mandates ? -1 : 1;
	return x->key - y->key;
}

static int by_key(const void *a, const void *b)
{
	const group *x = a, *y = b;
	return x->key - y->key;
}

static int by_due(const void *a, const void *b)
{
	const group *x = a, *y = b;
	if (x->c.due != y->c.due)
		return x->c.due > y->c.due ? -1 : 1;
	return x->key - y->key;
}

/* A filter naming a record: it must be one the viewer reads. */
static int check_ref(ts_store *st, const char *entity, const char *name, const char *id, ts_error *err)
{
	const ts_entity *e = ts_schema_entity(ts_store_schema(st), entity);
	json_t *rec;
	ts_error missing = TS_ERROR_INIT;

	if (!id)
		return 0;
	if (ts_record_get(st, e, id, &rec, &missing) == 0) {
		json_decref(rec);
		return 0;
	}
	if (missing.code != TS_NOT_FOUND) {
		*err = missing;
		return -1;
	}
	return ts_fail(err, TS_INVALID_PARAMETER, name, "%s: no %s '%.60s'; see /api/v1/%s for the ids", name, e->name, id,
		       e->collection);
}

static json_t *group_json(ts_store *st, const ix_index *ix, int by, const group *g, const iv_node *organ_node)
{
	json_t *o;
	const char *key = by == BY_YEAR ? NULL : ix_str(ix, g->key);
	char year[16];

	switch (by) {
	case BY_ADDRESSEE: o = iv_addressee_json(st, key); break;
	case BY_ORGAN: o = iv_names_json(st, "organ", key); break;
	case BY_CATEGORY: o = iv_names_json(st, "resolution_category", key); break;
	default:
		snprintf(year, sizeof(year), "%d", g->key);
		o = json_pack("{s:s, s:s, s:s}", "name_ar", year, "name_en", year, "name_fr", year);
		break;
	}
	if (by == BY_YEAR)
		json_object_set_new(o, "key", g->key ? json_integer(g->key) : json_null());
	else if (!json_object_get(o, "key"))
		json_object_set_new(o, "key", key ? json_string(key) : json_null());
	json_object_set_new(o, "counts", iv_counts_json(&g->c));
	if (organ_node)
		json_object_set_new(o, "progress", iv_progress_json(organ_node->wp, organ_node->w));
	else
		json_object_set_new(o, "progress", iv_progress_json(g->wp, g->w));
	return o;
}

int ts_gap(ts_store *st, const ts_gap_query *q, json_t **out, ts_error *err)
{
	static const char *const bys[] = {"addressee", "organ", "category", "year", NULL};
	iv_view v;
	iv_rollup ru;
	grouping gr = {0}, years = {0}, silent = {0};
	iv_counts all = {0};
	unsigned char *reported_state = NULL;
	int by = BY_ADDRESSEE, f_organ = 0, f_category = 0, f_addressee = 0, f_res = -2, any_all_due = 0, all_states;
	long all_due = 0;
	json_t *groups, *ylist, *slist, *sstates;
	int rc = -1;

	*out = NULL;
	if (q->by) {
		for (by = 0; bys[by] && strcmp(bys[by], q->by); by++)
			;
		if (!bys[by])
			return ts_fail(err, TS_INVALID_PARAMETER, "by", "by must be addressee, organ, category or year, not '%.30s'",
				       q->by);
	}
	if (q->year && (q->year < 1900 || q->year > 2200))
		return ts_fail(err, TS_INVALID_PARAMETER, "year", "year must be a year such as 2018, not %ld", q->year);
	if ((q->addressee && ts_addressee_key_check(q->addressee, err)) || check_ref(st, "organ", "organ", q->organ, err) ||
	    check_ref(st, "resolution_category", "category", q->category, err) ||
	    check_ref(st, "resolution", "resolution", q->resolution, err))
		return -1;
	if (iv_open(st, q->on, &v, err))
		return -1;
	memset(&ru, 0, sizeof(ru));
	/* a filter the index does not know matches nothing (-1), none matches everything (0) */
	if (q->organ && !(f_organ = ix_find(v.ix, q->organ)))
		f_organ = -1;
	if (q->category && !(f_category = ix_find(v.ix, q->category)))
		f_category = -1;
	if (q->addressee && !(f_addressee = ix_find(v.ix, q->addressee)))
		f_addressee = -1;
	if (q->resolution)
		f_res = lookup_res(v.ix, q->resolution);
	all_states = ix_find(v.ix, "all_states");
	/* the roll-up of paragraphs to resolutions and programmes is needed only for organs' progress */
	if (grouping_init(&gr, by == BY_YEAR ? 10000 : v.ix->nstr) || grouping_init(&years, 10000) ||
	    grouping_init(&silent, v.ix->nstr) || (by == BY_ORGAN && iv_rollup_init(v.ix, &ru)) ||
	    !(reported_state = calloc((size_t)v.ix->nstr + 1, 1))) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	for (int i = 0; i < v.ix->nm; i++) {
		const ix_mandate *m = &v.ix->m[i];
		ts_standing s;
		group *g, *y, *a;
		int key;
		if ((f_organ && m->organ != f_organ) || (f_category && m->category != f_category) ||
		    (f_addressee && m->addressee != f_addressee) || (f_res != -2 && m->res != f_res) ||
		    (q->year && m->year != q->year) || !ix_mandate_visible(v.ix, &v.rd, i))
			continue;
		ix_judge(v.ix, &v.rd, i, v.on, &s);
		iv_count(&all, &s);
		if (by == BY_ORGAN)
			iv_rollup_add(v.ix, &ru, i, &s);
		key = by == BY_ADDRESSEE ? m->addressee : by == BY_ORGAN ? m->organ : by == BY_CATEGORY ? m->category : m->year;
		if ((g = group_of(&gr, key))) {
			iv_count(&g->c, &s);
			g->wp += (double)m->weight * s.progress;
			g->w += m->weight;
		}
		if ((y = group_of(&years, m->year)))
			iv_count(&y->c, &s);
		if ((a = group_of(&silent, m->addressee)))
			iv_count(&a->c, &s);
		/* who among the member states reported on a mandate to all of them */
		if (m->addressee == all_states && all_states && s.due) {
			any_all_due = 1;
			all_due++;
			for (int k = 0; k < m->nreports; k++) {
				const ix_report *r = &v.ix->r[m->first + k];
				if (r->state > 0 && r->fact.day <= v.on && ix_visible(&v.rd, r->level, r->team))
					reported_state[r->state] = 1;
			}
		}
	}
	if (gr.failed || years.failed || silent.failed) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		goto done;
	}
	if (by == BY_ORGAN) {
		/* an organ's progress: the mean of its resolutions' and its programmes' (only organs
		 * with a group are shown) */
		group *g;
		iv_rollup_finish(v.ix, &v.rd, &ru);
		for (int r = 0; r < v.ix->nres; r++)
			if (ru.res[r].w > 0 && v.ix->res[r].organ > 0 && (g = group_find(&gr, v.ix->res[r].organ))) {
				g->organ.wp += ru.res[r].wp / ru.res[r].w;
				g->organ.w += 1;
			}
		for (int r = 0; r < v.ix->nresults; r++) {
			const ix_result *x = &v.ix->results[r];
			if (x->parent < 0 && x->organ > 0 && ru.result[r].w > 0 && ix_visible(&v.rd, x->level, x->team) &&
			    (g = group_find(&gr, x->organ))) {
				g->organ.wp += x->weight * (ru.result[r].wp / ru.result[r].w);
				g->organ.w += x->weight;
			}
		}
	}
	/* no group at all (a filter that matches nothing) leaves the arrays unallocated: NULL is no
	 * array for qsort, even of nothing */
	if (gr.n > 1)
		qsort(gr.g, (size_t)gr.n, sizeof(group), by == BY_YEAR ? by_key : by_count);
	if (years.n > 1)
		qsort(years.g, (size_t)years.n, sizeof(group), by_key);
	if (silent.n > 1)
		qsort(silent.g, (size_t)silent.n, sizeof(group), by_due);
	groups = json_array();
	for (int k = 0; k < gr.n; k++)
		json_array_append_new(groups, group_json(st, v.ix, by, &gr.g[k],
							 by == BY_ORGAN && gr.g[k].key > 0 ? &gr.g[k].organ : NULL));
	ylist = json_array();
	for (int k = 0; k < years.n; k++)
		json_array_append_new(ylist, json_pack("{s:o, s:o}", "year",
						       years.g[k].key ? json_integer(years.g[k].key) : json_null(),
						       "counts", iv_counts_json(&years.g[k].c)));
	/* the addressees who never reported on any mandate due: named, not averaged away */
	slist = json_array();
	for (int k = 0; k < silent.n; k++) {
		const group *a = &silent.g[k];
		json_t *o;
		if (!a->c.due || a->c.reported)
			continue;
		o = iv_addressee_json(st, ix_str(v.ix, a->key));
		json_object_set_new(o, "due", json_integer(a->c.due));
		json_object_set_new(o, "mandates", json_integer(a->c.mandates));
		json_array_append_new(slist, o);
	}
	sstates = json_array();
	for (int k = 0; any_all_due && k < v.ix->nmembers; k++) {
		int s = v.ix->members[k];
		json_t *o;
		if (reported_state[s])
			continue;
		o = iv_names_json(st, "state", ix_str(v.ix, s));
		json_object_set_new(o, "state", json_string(ix_str(v.ix, s)));
		json_object_set_new(o, "due", json_integer(all_due));
		json_array_append_new(sstates, o);
	}
	*out = json_pack("{s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "on", iv_day_json(v.on), "by", bys[by], "counts",
			 iv_counts_json(&all), "groups", groups, "years", ylist, "silent", slist, "silent_states", sstates);
	rc = 0;
done:
	free(reported_state);
	grouping_free(&gr);
	grouping_free(&years);
	grouping_free(&silent);
	iv_rollup_free(&ru);
	iv_close(&v);
	return rc;
}

/* ---- a programme ---- */

static json_t *result_node(ts_store *st, const iv_view *v, const iv_rollup *ru, int r, int depth)
{
	const ix_result *x = &v->ix->results[r];
	json_t *rec = NULL, *o, *children = json_array();
	ts_error ignored = TS_ERROR_INIT;

	if (ts_record_get(st, &ts_entity_result, ix_str(v->ix, x->id), &rec, &ignored))
		return NULL;
	o = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:o, s:o}", "result", json_object_get(rec, "id"), "kind",
		      json_object_get(rec, "kind"), "code", json_object_get(rec, "code"), "title_ar",
		      json_object_get(rec, "title_ar"), "title_en", json_object_get(rec, "title_en"), "title_fr",
		      json_object_get(rec, "title_fr"), "weight", json_object_get(rec, "weight"), "progress",
		      iv_progress_json(ru->result[r].wp, ru->result[r].w), "counts", iv_counts_json(&ru->result[r].c));
	json_decref(rec);
	for (int c = 0; depth < 64 && c < v->ix->nresults; c++) {
		json_t *child;
		if (v->ix->results[c].parent != r || !(child = result_node(st, v, ru, c, depth + 1)))
			continue;
		json_array_append_new(children, child);
	}
	json_object_set_new(o, "children", children);
	return o;
}

int ts_result_progress(ts_store *st, const char *result, const char *on, json_t **out, ts_error *err)
{
	iv_view v;
	iv_rollup ru;
	json_t *rec = NULL, *node, *mandates, *list;
	ts_value p = {TS_V_TEXT, 0, result};
	int r;
	size_t i;
	json_t *m;

	*out = NULL;
	if (ts_record_get(st, &ts_entity_result, result, &rec, err))
		return -1;
	json_decref(rec);
	if (iv_open(st, on, &v, err))
		return -1;
	if (iv_rollup_init(v.ix, &ru)) {
		iv_close(&v);
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	}
	for (int k = 0; k < v.ix->nm; k++) {
		ts_standing s;
		if (v.ix->m[k].result < 0 || !ix_mandate_visible(v.ix, &v.rd, k))
			continue;
		ix_judge(v.ix, &v.rd, k, v.on, &s);
		iv_rollup_add(v.ix, &ru, k, &s);
	}
	iv_rollup_finish(v.ix, &v.rd, &ru);
	r = lookup_result(v.ix, result);
	if (r < 0 || !(node = result_node(st, &v, &ru, r, 0)) ||
	    ts_records_where(st, &ts_entity_mandate, "\"result\" = ?", &p, 1, 1, &mandates, err)) {
		if (r < 0 || !err->code)
			ts_fail(err, TS_NOT_FOUND, NULL, "no result '%.60s' yet in the index; try again", result);
		iv_rollup_free(&ru);
		iv_close(&v);
		return -1;
	}
	list = json_array();
	json_array_foreach(mandates, i, m) {
		int k = lookup_mandate(v.ix, json_string_value(json_object_get(m, "id")));
		ts_standing s;
		if (k < 0 || !ix_mandate_visible(v.ix, &v.rd, k))
			continue;
		ix_judge(v.ix, &v.rd, k, v.on, &s);
		json_array_append_new(list, iv_mandate_brief(m, iv_addressee_json(st, ix_str(v.ix, v.ix->m[k].addressee)), &s));
	}
	json_decref(mandates);
	json_object_set_new(node, "mandates", list);
	json_object_set_new(node, "on", iv_day_json(v.on));
	*out = node;
	iv_rollup_free(&ru);
	iv_close(&v);
	return 0;
}

/* ---- a paragraph into mandates ---- */

int ts_mandates_from_paragraph(ts_store *st, const char *paragraph, const json_t *items, json_t **out, ts_error *err)
{
	json_t *para, *made = json_array();
	size_t i;
	json_t *item;

	*out = NULL;
	if (ts_record_get(st, &ts_entity_paragraph, paragraph, &para, err)) {
		json_decref(made);
		return -1;
	}
	if (!json_is_array(items) || !json_array_size(items)) {
		json_decref(para);
		json_decref(made);
		return ts_fail(err, TS_INVALID_VALUE, "mandates",
			       "give the mandates as a non-empty array, one object per addressee, e.g. "
			       "[{\"addressee\": \"secretary_general\", \"due\": \"2019-05\"}]");
	}
	json_array_foreach(items, i, item) {
		json_t *in, *rec = NULL;
		if (!json_is_object(item)) {
			ts_fail(err, TS_INVALID_JSON, NULL, "mandate %zu must be a JSON object", i + 1);
			err->line = (long)i + 1;
			goto fail;
		}
		if (json_object_get(item, "paragraph")) {
			ts_fail(err, TS_INVALID_VALUE, "paragraph", "the paragraph is the one in the address; leave paragraph out");
			err->line = (long)i + 1;
			goto fail;
		}
		in = json_deep_copy(item);
		json_object_set_new(in, "paragraph", json_string(paragraph));
		if (!json_object_get(in, "level"))
			json_object_set(in, "level", json_object_get(para, "level"));
		if (!json_object_get(in, "team") && json_is_string(json_object_get(para, "team")))
			json_object_set(in, "team", json_object_get(para, "team"));
		if (ts_record_create(st, &ts_entity_mandate, in, &rec, err)) {
			json_decref(in);
			if (!err->line)
				err->line = (long)i + 1;
			goto fail;
		}
		json_decref(in);
		json_array_append_new(made, rec);
	}
	json_decref(para);
	*out = made;
	return 0;
fail:
	json_decref(para);
	json_decref(made);
	return -1;
}
