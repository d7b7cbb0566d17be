/* The record commands: generic over every collection, like the API. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const ts_entity *entity(ts_store *st, const char *collection, ts_error *err)
{
	const ts_entity *e = ts_schema_entity(ts_store_schema(st), collection);

	if (!e || strcmp(e->collection, collection)) {
		ts_fail(err, TS_UNKNOWN_COLLECTION, "COLLECTION", "no collection '%.60s'", collection);
		return NULL;
	}
	return e;
}

/* Runs fn on the store of --data for the collection named by the first argument. */
static int with_entity(args *a, int (*fn)(args *, ts_store *, const ts_entity *, ts_error *))
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	const ts_entity *e;
	int rc;

	if ((rc = open_store(a, &st, 0)))
		return rc;
	e = entity(st, a->pos[0], &err);
	rc = e ? fn(a, st, e, &err) : -1;
	ts_store_close(st);
	return rc ? report(&err) : EXIT_OK;
}

struct filters {
	ts_query *q;
	ts_error *err;
};

static int add_filter(void *c, const char *kv)
{
	struct filters *f = c;
	const char *eq = strchr(kv, '=');
	char name[64];

	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof(name))
		return ts_fail(f->err, TS_USAGE, "filter", "--filter '%.60s' is not FIELD=VALUE", kv);
	memcpy(name, kv, (size_t)(eq - kv));
	name[eq - kv] = '\0';
	if (!ts_entity_field(f->q->entity, name))
		return ts_fail(f->err, TS_USAGE, "filter", "--filter: %s has no field '%s'", f->q->entity->collection, name);
	return ts_query_param(f->q, name, eq + 1, f->err);
}

static int list(args *a, ts_store *st, const ts_entity *e, ts_error *err)
{
	ts_query q;
	struct filters f = {&q, err};
	out_format fmt;
	json_t *all;
	long want = -1;
	int rc = -1;

	if (get_format(a, &fmt, 1, err))
		return -1;
	all = json_array();
	ts_query_init(&q, e);
	if (arg_each(a, "filter", add_filter, &f) ||
	    (arg_get(a, "sort", NULL) && ts_query_param(&q, "sort", arg_get(a, "sort", NULL), err)) ||
	    (arg_get(a, "search", NULL) && ts_query_param(&q, "q", arg_get(a, "search", NULL), err)))
		goto done;
	if (arg_get(a, "limit", NULL)) {
		char *end;
		want = strtol(arg_get(a, "limit", ""), &end, 10);
		if (*end || want < 1) {
			ts_fail(err, TS_USAGE, "limit", "--limit '%s' is not a positive number", arg_get(a, "limit", ""));
			goto done;
		}
	}
	/* walk the pages: the CLI prints everything unless --limit says otherwise */
	q.limit = TS_LIMIT_MAX;
	for (;;) {
		json_t *page, *next;
		if (ts_records_list(st, &q, &page, err))
			goto done;
		json_array_extend(all, json_object_get(page, "items"));
		next = json_object_get(page, "next_cursor");
		if (!json_is_string(next) || (want > 0 && (long)json_array_size(all) >= want)) {
			json_decref(page);
			break;
		}
		if (ts_query_param(&q, "cursor", json_string_value(next), err)) {
			json_decref(page);
			goto done;
		}
		json_decref(page);
	}
	while (want > 0 && (long)json_array_size(all) > want)
		json_array_remove(all, json_array_size(all) - 1);
	print_records(stdout, e, all, fmt);
	rc = 0;
done:
	json_decref(all);
	ts_query_free(&q);
	return rc;
}

static int show(args *a, ts_store *st, const ts_entity *e, ts_error *err)
{
	out_format fmt;
	json_t *rec;

	if (get_format(a, &fmt, 1, err))
		return -1;
	if (ts_record_get(st, e, a->pos[1], &rec, err))
		return -1;
	print_record(stdout, e, rec, fmt);
	json_decref(rec);
	return 0;
}

struct sets {
	const ts_entity *e;
	json_t *rec;
	ts_error *err;
};

static int add_set(void *c, const char *kv)
{
	struct sets *s = c;
	const char *eq = strchr(kv, '=');
	char name[64];
	const ts_field *f;
	json_t *v;

	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof(name))
		return ts_fail(s->err, TS_USAGE, "set", "--set '%.60s' is not FIELD=VALUE", kv);
	memcpy(name, kv, (size_t)(eq - kv));
	name[eq - kv] = '\0';
	f = ts_entity_field(s->e, name);
	if (!f)
		return ts_fail(s->err, TS_UNKNOWN_FIELD, name, "a %s has no field '%s'; see tansiq schema %s", s->e->name, name,
			       s->e->collection);
	v = ts_field_parse(f, eq + 1, s->err);
	if (!v)
		return -1;
	json_object_set_new(s->rec, name, v);
	return 0;
}

/* The record given by --json or --set. */
static json_t *input_record(args *a, const ts_entity *e, ts_error *err)
{
	const char *file = arg_get(a, "json", NULL);
	struct sets s = {e, NULL, err};

	if (file) {
		size_t len;
		char *text = read_file(file, &len, err);
		json_error_t je;
		if (!text)
			return NULL;
		s.rec = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
		free(text);
		if (!s.rec) {
			ts_fail(err, TS_INVALID_JSON, NULL, "%s: line %d, column %d: %s", file, je.line, je.column, je.text);
			return NULL;
		}
		if (!json_is_object(s.rec)) {
			json_decref(s.rec);
			ts_fail(err, TS_INVALID_JSON, NULL, "%s must hold one JSON object", file);
			return NULL;
		}
	} else {
		s.rec = json_object();
	}
	if (arg_each(a, "set", add_set, &s)) {
		json_decref(s.rec);
		return NULL;
	}
	if (json_object_size(s.rec) == 0) {
		json_decref(s.rec);
		ts_fail(err, TS_USAGE, "set", "nothing to write; give fields with --set FIELD=VALUE or --json FILE");
		return NULL;
	}
	return s.rec;
}

static int write_cmd(args *a, ts_store *st, const ts_entity *e, ts_error *err)
{
	out_format fmt;
	json_t *in, *out = NULL;
	int rc;

	if (get_format(a, &fmt, 1, err))
		return -1;
	if (!(in = input_record(a, e, err)))
		return -1;
	if (ts_store_begin(st, err)) {
		json_decref(in);
		return -1;
	}
	rc = a->npos == 2 ? ts_record_update(st, e, a->pos[1], in, &out, err) : ts_record_create(st, e, in, &out, err);
	json_decref(in);
	if (rc || ts_store_commit(st, err)) {
		ts_store_rollback(st);
		json_decref(out);
		return -1;
	}
	print_record(stdout, e, out, fmt);
	json_decref(out);
	return 0;
}

static int del(args *a, ts_store *st, const ts_entity *e, ts_error *err)
{
	if (ts_store_begin(st, err))
		return -1;
	if (ts_record_delete(st, e, a->pos[1], err) || ts_store_commit(st, err)) {
		ts_store_rollback(st);
		return -1;
	}
	printf("deleted %s %s\n", e->name, a->pos[1]);
	return 0;
}

static int import(args *a, ts_store *st, const ts_entity *e, ts_error *err)
{
	const char *file = a->pos[1];
	size_t len, n = strlen(file);
	char *text = read_file(file, &len, err);
	int dry = arg_get(a, "dry-run", NULL) != NULL, rc;
	ts_import_stats s;

	if (!text)
		return -1;
	if (ts_store_begin(st, err)) {
		free(text);
		return -1;
	}
	if (n > 5 && !strcmp(file + n - 5, ".json")) {
		json_error_t je;
		json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
		if (!doc)
			rc = ts_fail(err, TS_INVALID_JSON, NULL, "%s: line %d, column %d: %s", file, je.line, je.column, je.text);
		else
			rc = ts_import_json(st, e, doc, &s, err);
		json_decref(doc);
	} else {
		rc = ts_import_csv(st, e, text, len, &s, err);
	}
	free(text);
	if (rc) {
		ts_store_rollback(st);
		fprintf(stderr, "%s: nothing was imported\n", file);
		return -1;
	}
	if (dry)
		ts_store_rollback(st);
	else if (ts_store_commit(st, err)) {
		ts_store_rollback(st);
		return -1;
	}
	printf("%s%s: %ld rows: %ld created, %ld updated, %ld unchanged\n", dry ? "dry run, nothing changed: " : "", file,
	       s.rows, s.created, s.updated, s.unchanged);
	return 0;
}

static int export(args *a, ts_store *st, const ts_entity *e, ts_error *err)
{
	out_format fmt;
	const char *path = arg_get(a, "output", NULL);
	FILE *out = stdout;
	int rc = 0;

	if (get_format(a, &fmt, 0, err))
		return -1;
	if (path && !(out = fopen(path, "wb")))
		return ts_fail(err, TS_IO, "output", "cannot write '%s': %s", path, strerror(errno));
	if (fmt == FMT_CSV) {
		ts_buf b = TS_BUF_INIT;
		rc = ts_export_csv(st, e, &b, err);
		if (!rc)
			fwrite(ts_buf_str(&b), 1, b.len, out);
		ts_buf_free(&b);
	} else {
		json_t *all;
		rc = ts_export_json(st, e, &all, err);
		if (!rc) {
			json_dumpf(all, out, JSON_INDENT(2));
			fputc('\n', out);
		}
		json_decref(all);
	}
	if (path && fclose(out) && !rc)
		rc = ts_fail(err, TS_IO, "output", "cannot write '%s': %s", path, strerror(errno));
	return rc;
}

int cmd_list(args *a) { return with_entity(a, list); }
int cmd_show(args *a) { return with_entity(a, show); }
/* Votes and ballots are written only through their operations (tansiq vote). */
static int writable(args *a, int (*fn)(args *, ts_store *, const ts_entity *, ts_error *))
{
	ts_error err = TS_ERROR_INIT;
	const ts_entity *e = ts_schema_entity(ts_schema_all(), a->pos[0]);

	if (e && !strcmp(e->collection, a->pos[0]) && (e->flags & TS_E_ACTIONS)) {
		ts_fail(&err, TS_USAGE, "COLLECTION", "%s are written only through %s, not by %s", e->collection,
			e->operations[1] ? e->operations[1] : "their own commands", a->cmd->name);
		return report(&err);
	}
	return with_entity(a, fn);
}

int cmd_add(args *a) { return writable(a, write_cmd); }
int cmd_edit(args *a) { return writable(a, write_cmd); }
int cmd_delete(args *a) { return writable(a, del); }
int cmd_import(args *a)
{
	int rc = cmd_import_feed(a); /* acled, ucdp-ged, ucdp-acd: a dataset's file */

	return rc >= 0 ? rc : writable(a, import);
}
int cmd_export(args *a) { return with_entity(a, export); }

int cmd_schema(args *a)
{
	const ts_schema *s = ts_schema_all();

	if (!a->npos) {
		for (int i = 0; i < s->nentities; i++)
			printf("%-22s %s\n", s->entities[i]->collection, s->entities[i]->label[TS_EN]);
		return EXIT_OK;
	}
	{
		const ts_entity *e = ts_schema_entity(s, a->pos[0]);
		json_t *d;
		size_t i;
		json_t *ent;
		if (!e) {
			ts_error err = TS_ERROR_INIT;
			ts_fail(&err, TS_UNKNOWN_COLLECTION, "COLLECTION", "no collection '%.60s'", a->pos[0]);
			return report(&err);
		}
		d = ts_schema_describe(s);
		json_array_foreach(json_object_get(d, "entities"), i, ent) {
			size_t j;
			json_t *f;
			if (strcmp(json_string_value(json_object_get(ent, "collection")), e->collection))
				continue;
			json_array_foreach(json_object_get(ent, "fields"), j, f) {
				json_t *vals = json_object_get(f, "values"), *v;
				size_t k;
				printf("%-18s %-10s %s%s", json_string_value(json_object_get(f, "name")),
				       json_string_value(json_object_get(f, "type")),
				       json_is_true(json_object_get(f, "required")) ? "required " : "",
				       json_string_value(json_object_get(json_object_get(f, "labels"), "en")));
				if (json_object_get(f, "ref"))
					printf(" (-> %s)", json_string_value(json_object_get(f, "ref")));
				json_array_foreach(vals, k, v)
					printf("%s%s", k ? "|" : " [", json_string_value(json_object_get(v, "value")));
				printf("%s\n", json_array_size(vals) ? "]" : "");
			}
		}
		json_decref(d);
	}
	return EXIT_OK;
}
