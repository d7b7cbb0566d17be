/* Values derived from the data, kept between requests (cache.h). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tansiq/buf.h"
#include "cache.h"

static void copy_text(char *out, size_t size, const ts_value *c)
{
	snprintf(out, size, "%s", c->type == TS_V_TEXT && c->s ? c->s : "");
}

static int db_row(void *ctx, const ts_value *c, int n)
{
	ts_cached *k = ctx;

	(void)n;
	copy_text(k->db, sizeof(k->db), &c[0]);
	return 1;
}

static int head_row(void *ctx, const ts_value *c, int n)
{
	ts_cached *k = ctx;

	(void)n;
	k->seq = c[0].type == TS_V_INT ? c[0].i : 0;
	copy_text(k->hash, sizeof(k->hash), &c[1]);
	return 1;
}

/* The store's key now; *shared is 0 when the value cannot be shared. */
static int store_key(ts_cache *c, ts_store *st, ts_cached *k, int *shared, ts_error *err)
{
	ts_buf sql = TS_BUF_INIT;
	ts_value p[16];
	struct stat sb;
	int n = 0, rc;

	memset(k, 0, sizeof(*k));
	*shared = !ts_store_in_txn(st);
	/* the newest entry of each collection is one lookup in the audit log's index on (collection, seq) */
	ts_buf_adds(&sql, "SELECT \"seq\", \"hash\" FROM \"audit_log\" WHERE \"seq\" = (SELECT max(m) FROM (");
	for (; c->collections[n] && n < (int)(sizeof(p) / sizeof(p[0])); n++) {
		ts_buf_printf(&sql, "%sSELECT max(\"seq\") AS m FROM \"audit_log\" WHERE \"collection\" = ?", n ? " UNION ALL " : "");
		p[n] = (ts_value){TS_V_TEXT, 0, c->collections[n], 0};
	}
	ts_buf_adds(&sql, ") AS heads)");
	rc = ts_store_exec(st, "SELECT \"file\" FROM pragma_database_list WHERE \"name\" = 'main'", NULL, 0, db_row, k, NULL,
			   err) ||
	     ts_store_exec(st, ts_buf_str(&sql), p, n, head_row, k, NULL, err);
	ts_buf_free(&sql);
	if (rc)
		return -1;
	/* a database in memory, or a file gone: never shared */
	if (!k->db[0] || stat(k->db, &sb))
		*shared = 0;
	else {
		k->dev = (unsigned long long)sb.st_dev;
		k->ino = (unsigned long long)sb.st_ino;
	}
	return 0;
}

static int same_key(const ts_cached *v, const ts_cached *k)
{
	return v && v->seq == k->seq && v->dev == k->dev && v->ino == k->ino && !strcmp(v->hash, k->hash) &&
	       !strcmp(v->db, k->db);
}

int ts_cache_get(ts_cache *c, ts_store *st, ts_cache_build_fn build, ts_cached **out, ts_error *err)
{
	ts_cached k, *v;
	int shared;

	*out = NULL;
	if (store_key(c, st, &k, &shared, err))
		return -1;
	pthread_mutex_lock(&c->lock);
	while (shared) {
		if (same_key(c->current, &k)) {
			c->current->refs++;
			*out = c->current;
			pthread_mutex_unlock(&c->lock);
			return 0;
		}
		if (!c->building)
			break;
		/* another thread is building: one build serves them all */
		pthread_cond_wait(&c->built, &c->lock);
	}
	if (shared)
		c->building = 1;
	pthread_mutex_unlock(&c->lock);
	if (build(st, &v, err)) {
		if (shared) {
			pthread_mutex_lock(&c->lock);
			c->building = 0;
			pthread_cond_broadcast(&c->built);
			pthread_mutex_unlock(&c->lock);
		}
		return -1;
	}
	k.refs = 1;
	*v = k;
	if (shared) {
		pthread_mutex_lock(&c->lock);
		if (c->current && --c->current->refs == 0)
			c->free_value(c->current);
		c->current = v;
		v->refs++;
		c->building = 0;
		pthread_cond_broadcast(&c->built);
		pthread_mutex_unlock(&c->lock);
	}
	*out = v;
	return 0;
}

void ts_cache_release(ts_cache *c, ts_cached *v)
{
	int last;

	if (!v)
		return;
	pthread_mutex_lock(&c->lock);
	last = --v->refs == 0;
	pthread_mutex_unlock(&c->lock);
	if (last)
		c->free_value(v);
}

void ts_cache_reset(ts_cache *c)
{
	pthread_mutex_lock(&c->lock);
	if (c->current && --c->current->refs == 0)
		c->free_value(c->current);
	c->current = NULL;
	pthread_mutex_unlock(&c->lock);
}
