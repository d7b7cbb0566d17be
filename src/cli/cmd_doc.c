/* tansiq doc: the archive of documents (search.h). import reads every file first and stores
 * them all in one transaction, so that a bad file leaves the archive as it was; list, show and
 * reindex. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* The options of import that are fields of the document (their names are the fields'). */
static const char *const meta_options[] = {"title", "lang", "kind", "date", "organ", "author", "level", "team",
					   "meeting", "resolution", "conflict", "process", "states", "persons", NULL};

/* Folders deeper than this are not entered (a loop of links, or a mistake). */
#define MAX_DEPTH 32

struct files {
	char **path;
	size_t n, cap;
};

static int add_path(struct files *f, const char *path, ts_error *err)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		char **p = realloc(f->path, cap * sizeof(*p));
		if (!p)
			return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		f->path = p;
		f->cap = cap;
	}
	if (!(f->path[f->n] = strdup(path)))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	f->n++;
	return 0;
}

static void files_free(struct files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->path[i]);
	free(f->path);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the files of folder dir with a known extension, sorted, the hidden ones left out, and
 * those of its folders (links to folders are not followed). */
static int add_folder(struct files *f, const char *dir, int depth, ts_error *err)
{
	DIR *d;
	struct dirent *e;
	struct files names = {0};
	int rc = 0;

	if (depth > MAX_DEPTH)
		return ts_fail(err, TS_USAGE, "PATH", "'%s' is more than %d folders deep; import a folder nearer the files",
			       dir, MAX_DEPTH);
	if (!(d = opendir(dir)))
		return ts_fail(err, TS_IO, "PATH", "cannot read the folder '%s': %s", dir, strerror(errno));
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && add_path(&names, e->d_name, err)) {
			rc = -1;
			break;
		}
	closedir(d);
	if (!rc)
		qsort(names.path, names.n, sizeof(char *), cmp_names);
	for (size_t i = 0; !rc && i < names.n; i++) {
		struct stat ls, s;
		size_t n = strlen(dir) + strlen(names.path[i]) + 2;
		char *p = malloc(n);
		if (!p) {
			rc = ts_fail(err, TS_INTERNAL, NULL, "out of memory");
			break;
		}
		snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.path[i]);
		if (lstat(p, &ls) == 0 && stat(p, &s) == 0) {
			if (S_ISDIR(s.st_mode)) {
				if (!S_ISLNK(ls.st_mode))
					rc = add_folder(f, p, depth + 1, err);
			} else if (S_ISREG(s.st_mode) && ts_doc_format_of(p, NULL, 0) >= 0) {
				rc = add_path(f, p, err);
			}
		}
		free(p);
	}
	files_free(&names);
	return rc;
}

/* The files of the PATH arguments: a file as it is, a folder's files with known extensions. */
static int collect(const args *a, struct files *f, ts_error *err)
{
	for (int i = 1; i < a->npos; i++) {
		struct stat s;
		size_t before = f->n;
		if (stat(a->pos[i], &s))
			return ts_fail(err, TS_IO, "PATH", "cannot read '%s': %s", a->pos[i], strerror(errno));
		if (S_ISDIR(s.st_mode)) {
			if (add_folder(f, a->pos[i], 0, err))
				return -1;
			if (f->n == before)
				return ts_fail(err, TS_USAGE, "PATH",
					       "the folder '%s' has no .txt, .text, .md, .html, .htm, .xhtml or .pdf file", a->pos[i]);
		} else if (add_path(f, a->pos[i], err)) {
			return -1;
		}
	}
	return 0;
}

/* The document's fields given as options. */
static json_t *meta_of(const args *a, ts_error *err)
{
	json_t *meta = json_object();

	for (int k = 0; meta_options[k]; k++) {
		const char *v = arg_get(a, meta_options[k], NULL);
		json_t *j;
		if (!v)
			continue;
		const ts_field *f = ts_entity_field(&ts_entity_document, meta_options[k]);
		/* a bad option is told before any file is read */
		if (!(j = ts_field_parse(f, v, err)) || ts_field_check(f, j, err)) {
			err->code = TS_USAGE;
			json_decref(j);
			json_decref(meta);
			return NULL;
		}
		json_object_set_new(meta, meta_options[k], j);
	}
	return meta;
}

/* A size for people: "320 bytes", "4.2 kB", "12.5 MB". */
static const char *size_text(double bytes, char *out, size_t size)
{
	if (bytes < 1e3)
		snprintf(out, size, "%.0f bytes", bytes);
	else if (bytes < 1e6)
		snprintf(out, size, "%.1f kB", bytes / 1e3);
	else
		snprintf(out, size, "%.1f MB", bytes / 1e6);
	return out;
}

/* A progress bar on standard error, when it is a terminal: drawn at most ten times a second. */
struct progress {
	int tty;
	const char *what;
	size_t total;
	double last;
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress(struct progress *p, size_t done, double bytes)
{
	enum { W = 30 };
	char bar[W + 1], sz[32];
	int fill;

	if (!p->tty || (done < p->total && now() - p->last < 0.1))
		return;
	p->last = now();
	fill = p->total ? (int)((double)W * (double)done / (double)p->total) : W;
	for (int i = 0; i < W; i++)
		bar[i] = i < fill ? '=' : i == fill ? '>' : ' ';
	bar[W] = '\0';
	fprintf(stderr, "\r%s [%s] %zu/%zu files, %s\033[K", p->what, bar, done, p->total, size_text(bytes, sz, sizeof(sz)));
	fflush(stderr);
}

static void progress_end(const struct progress *p)
{
	if (p->tty)
		fputs("\r\033[K", stderr);
}

/* Reads and converts file i of f into docs (with --dry-run, the problems are printed and counted
 * rather than stopping). */
static int convert(const char *path, const json_t *meta, json_t **doc, ts_error *err)
{
	size_t len = 0;
	char *data = read_file(path, &len, err);
	int rc;

	*doc = NULL;
	if (!data)
		return -1;
	rc = ts_doc_from_file(path, data, len, meta, doc, err);
	free(data);
	return rc;
}

static size_t body_len(const json_t *doc)
{
	return json_string_length(json_object_get(doc, "body"));
}

static int doc_import(const args *a)
{
	ts_error err = TS_ERROR_INIT;
	struct files f = {0};
	struct progress pg = {isatty(STDERR_FILENO), "reading", 0, 0};
	json_t *meta = NULL, *docs = json_array(), *doc;
	ts_store *st = NULL;
	int dry = arg_get(a, "dry-run", NULL) != NULL, json, rc = EXIT_ERROR, bad = 0;
	double bytes = 0;
	size_t i;

	if (get_text_or_json(a, &json, &err) || !(meta = meta_of(a, &err)))
		goto fail;
	if (collect(a, &f, &err))
		goto fail;
	if (arg_get(a, "title", NULL) && f.n > 1) {
		ts_fail(&err, TS_USAGE, "title", "--title gives one document its title, and there are %zu files; import them "
			"without --title (each takes its own), or one at a time", f.n);
		goto fail;
	}
	/* the store first: a mistake in --data is told before the files are read */
	if ((rc = open_store(a, &st, 0)))
		goto done;
	rc = EXIT_ERROR;
	pg.total = f.n;
	for (i = 0; i < f.n; i++) {
		progress(&pg, i, bytes);
		if (convert(f.path[i], meta, &doc, &err)) {
			if (!dry)
				goto fail_progress;
			progress_end(&pg);
			report(&err);
			ts_error_clear(&err);
			bad++;
			continue;
		}
		bytes += (double)body_len(doc);
		if (dry)
			printf("%s: %s, %s, %zu bytes of text, \"%s\"\n", f.path[i], json_str(doc, "lang"),
			       json_str(doc, "format"), body_len(doc), json_str(doc, "title"));
		json_array_append_new(docs, doc);
	}
	progress(&pg, f.n, bytes);
	progress_end(&pg);
	if (bad) {
		fprintf(stderr, "%d of %zu files cannot be imported; nothing was stored\n", bad, f.n);
		goto done;
	}
	/* one transaction: all the documents or none (with --dry-run, none: it is rolled back, after
	 * every record was checked as it would be stored) */
	if (ts_store_begin(st, &err))
		goto fail;
	pg.what = "storing";
	json_array_foreach(docs, i, doc) {
		json_t *stored = NULL;
		progress(&pg, i, bytes);
		if (ts_record_create(st, &ts_entity_document, doc, &stored, &err)) {
			ts_store_rollback(st);
			ts_error_prefix(&err, 0, "'%s': ", f.path[i]);
			goto fail_progress;
		}
		json_object_set_new(doc, "id", json_incref(json_object_get(stored, "id")));
		json_decref(stored);
	}
	progress(&pg, f.n, bytes);
	progress_end(&pg);
	if (dry)
		ts_store_rollback(st);
	else if (ts_store_commit(st, &err)) {
		ts_store_rollback(st);
		goto fail;
	}
	if (json) {
		json_t *out = json_array();
		json_array_foreach(docs, i, doc) {
			json_t *o = json_deep_copy(doc);
			json_object_del(o, "body");
			json_object_set_new(o, "bytes", json_integer((json_int_t)body_len(doc)));
			json_array_append_new(out, o);
		}
		print_json_free(json_pack("{s:b,s:o}", "dry_run", dry, "items", out));
	} else {
		char sz[32];
		printf("%s %zu document%s (%s of text) from %zu file%s%s\n", dry ? "would import" : "imported",
		       json_array_size(docs), json_array_size(docs) == 1 ? "" : "s", size_text(bytes, sz, sizeof(sz)), f.n,
		       f.n == 1 ? "" : "s", dry ? "; nothing was stored (--dry-run)" : "");
	}
	rc = EXIT_OK;
	goto done;
fail_progress:
	progress_end(&pg);
fail:
	rc = report(&err);
	if (st)
		fprintf(stderr, "nothing was stored\n");
done:
	if (st)
		ts_store_close(st);
	json_decref(meta);
	json_decref(docs);
	files_free(&f);
	return rc;
}

/* Every document, newest first, without its body. */
static int doc_list(const args *a)
{
	ts_error err = TS_ERROR_INIT;
	out_format fmt;
	ts_store *st;
	json_t *all = json_array(), *page = NULL, *d;
	char *cursor = NULL;
	size_t i;
	int rc;

	if (get_format(a, &fmt, 1, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	for (;;) {
		ts_query q;
		const json_t *next;
		ts_query_init(&q, &ts_entity_document);
		rc = ts_query_param(&q, "sort", "-date", &err) || ts_query_param(&q, "limit", "1000", &err) ||
		     (cursor && ts_query_param(&q, "cursor", cursor, &err)) || ts_records_list(st, &q, &page, &err);
		ts_query_free(&q);
		free(cursor);
		cursor = NULL;
		if (rc)
			break;
		json_array_foreach(json_object_get(page, "items"), i, d) {
			json_object_del(d, "body");
			json_array_append(all, d);
		}
		next = json_object_get(page, "next_cursor");
		if (json_is_string(next))
			cursor = strdup(json_string_value(next));
		json_decref(page);
		page = NULL;
		if (!cursor)
			break;
	}
	ts_store_close(st);
	if (rc) {
		json_decref(all);
		return report(&err);
	}
	if (fmt != FMT_TEXT) {
		print_records(stdout, &ts_entity_document, all, fmt);
	} else {
		printf("%-36s %-10s %-4s %-10s %s\n", "ID", "DATE", "LANG", "KIND", "TITLE");
		json_array_foreach(all, i, d)
			printf("%-36s %-10s %-4s %-10s %s\n", json_str(d, "id"), json_str(d, "date"), json_str(d, "lang"),
			       json_str(d, "kind"), json_str(d, "title"));
		printf("%zu document%s\n", json_array_size(all), json_array_size(all) == 1 ? "" : "s");
	}
	json_decref(all);
	return EXIT_OK;
}

/* A document: its fields, then its body. */
static int doc_show(const args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *doc = NULL;
	json_t *v;
	int rc, json;

	if (a->npos != 2) {
		ts_fail(&err, TS_USAGE, "ID", "usage: tansiq doc show ID [--format text|json]");
		return report(&err);
	}
	if (get_text_or_json(a, &json, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = ts_record_get(st, &ts_entity_document, a->pos[1], &doc, &err);
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(doc);
	for (int k = 0; k < ts_entity_document.nfields; k++) {
		char num[32];
		const ts_field *f = &ts_entity_document.fields[k];
		if (!strcmp(f->name, "body") || !(v = json_object_get(doc, f->name)) || json_is_null(v))
			continue;
		printf("%-10s %s\n", f->name, ts_field_text(f, v, num));
	}
	v = json_object_get(doc, "body");
	if (json_is_string(v))
		printf("\n%s\n", json_string_value(v));
	json_decref(doc);
	return EXIT_OK;
}

static int doc_reindex(const args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	long n = 0;
	int rc;

	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (ts_store_begin(st, &err) || ts_search_reindex(st, &n, &err) || ts_store_commit(st, &err)) {
		ts_store_rollback(st);
		ts_store_close(st);
		return report(&err);
	}
	ts_store_close(st);
	printf("indexed %ld record%s\n", n, n == 1 ? "" : "s");
	return EXIT_OK;
}

int cmd_doc(args *a)
{
	ts_error err = TS_ERROR_INIT;
	const char *what = a->pos[0];

	if (!strcmp(what, "import") && a->npos >= 2)
		return doc_import(a);
	if (!strcmp(what, "list") && a->npos == 1)
		return doc_list(a);
	if (!strcmp(what, "show"))
		return doc_show(a);
	if (!strcmp(what, "reindex") && a->npos == 1)
		return doc_reindex(a);
	ts_fail(&err, TS_USAGE, "COMMAND",
		"usage: tansiq doc import PATH... [options] | list [--format text|json|csv] | show ID [--format text|json] | "
		"reindex");
	return report(&err);
}
