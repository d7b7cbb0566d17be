/* What the implementation views share (internal to lib/implementation): the day asked about,
 * counts, roll-ups and their JSON. */
#ifndef TANSIQ_IMPL_VIEWS_H
#define TANSIQ_IMPL_VIEWS_H

#include <jansson.h>
#include "index.h"

/* A view in progress: the day, the index, who reads. */
typedef struct iv_view {
	int on;
	ix_index *ix;
	ix_reader rd;
} iv_view;

/* Parses `on` (NULL: today), takes the index and the viewer. */
int iv_open(ts_store *st, const char *on, iv_view *v, ts_error *err);
void iv_close(iv_view *v);

typedef struct iv_counts {
	long mandates, due, reported, implemented, not_implemented, late, silent;
} iv_counts;

/* Counts a mandate's standing; adds counts (inline: the gap calls them for every mandate). */
static inline void iv_count(iv_counts *c, const ts_standing *s)
{
	c->mandates++;
	c->due += s->due;
	c->reported += s->reports > 0;
	c->implemented += s->status == TS_MS_IMPLEMENTED;
	c->not_implemented += s->status == TS_MS_NOT_IMPLEMENTED;
	c->late += s->late;
	c->silent += s->silent;
}

static inline void iv_add(iv_counts *to, const iv_counts *c)
{
	to->mandates += c->mandates;
	to->due += c->due;
	to->reported += c->reported;
	to->implemented += c->implemented;
	to->not_implemented += c->not_implemented;
	to->late += c->late;
	to->silent += c->silent;
}
json_t *iv_counts_json(const iv_counts *c);

/* A node of a roll-up: the weighted sum of its children's progress, their weights, the counts. */
typedef struct iv_node {
	double wp, w;
	iv_counts c;
} iv_node;

typedef struct iv_rollup {
	iv_node *para, *res, *result; /* by dense index */
} iv_rollup;

int iv_rollup_init(const ix_index *ix, iv_rollup *ru);
void iv_rollup_free(iv_rollup *ru);
/* Adds mandate i, judged s, to its paragraph and its programme result. */
void iv_rollup_add(const ix_index *ix, iv_rollup *ru, int i, const ts_standing *s);
/* Rolls paragraphs up to resolutions and results up their tree. */
void iv_rollup_finish(const ix_index *ix, const ix_reader *rd, iv_rollup *ru);

int iv_day(const char *on, int *day, ts_error *err);
json_t *iv_day_json(int day);
json_t *iv_standing_json(const ts_standing *s);
json_t *iv_progress_json(double sum_wp, double sum_w); /* null when no weight */
/* {key, name_ar, name_en, name_fr} of an addressee key. */
json_t *iv_addressee_json(ts_store *st, const char *key);
/* {name_ar, name_en, name_fr} of a record (nulls when the viewer cannot read it). */
json_t *iv_names_json(ts_store *st, const char *entity, const char *id);
/* A mandate for lists: its id, texts and terms, addressee (taken) and standing. */
json_t *iv_mandate_brief(const json_t *rec, json_t *addressee, const ts_standing *s);
/* A mandate's reports the viewer reads, oldest first. */
int iv_timeline(ts_store *st, const char *mandate, json_t **out, ts_error *err);

/* The deadlines of a mandate from day `from` to day `to` (last days), ascending: at most max. */
int iv_deadlines(const ts_mandate_terms *t, int from, int to, int *out, int max);

#endif
