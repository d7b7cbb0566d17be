/* The SQLite backend: one database file per data directory, WAL, foreign keys on, a busy
 * timeout so that concurrent writers wait instead of failing, and a small cache of prepared
 * statements (the server runs the same few statements over and over). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tansiq/text.h"
#include "store_int.h"

#define NCACHE 32

typedef struct sq {
	sqlite3 *db;
	struct {
		char *sql;
		sqlite3_stmt *stmt;
		unsigned long long used;
	} cache[NCACHE];
	unsigned long long tick;
} sq;

static int sq_fail(sqlite3 *db, ts_error *err, const char *what)
{
	int ext = sqlite3_extended_errcode(db);
	const char *msg = sqlite3_errmsg(db);

	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return ts_fail(err, TS_DUPLICATE, NULL, "%s", msg);
	if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
		return ts_fail(err, TS_REFERENCED, NULL, "%s", msg);
	if ((ext & 0xff) == SQLITE_CONSTRAINT)
		return ts_fail(err, TS_INVALID_VALUE, NULL, "%s", msg);
	if ((ext & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_LOCKED)
		return ts_fail(err, TS_BUSY, NULL, "the database is busy (%s)", what);
	return ts_fail(err, TS_STORAGE, NULL, "%s: %s", what, msg);
}

static int sq_open(void **out, const char *dir, int create, ts_error *err)
{
	char path[4096];
	sq *s;
	int rc;
	char *msg = NULL;

	if (snprintf(path, sizeof(path), "%s/tansiq.db", dir) >= (int)sizeof(path))
		return ts_fail(err, TS_IO, "data", "data directory path too long: '%.100s'", dir);
	if (create) {
		if (mkdir(dir, 0750) && errno != EEXIST)
			return ts_fail(err, TS_IO, "data", "cannot create data directory '%s': %s", dir,
				       strerror(errno));
	} else if (access(path, F_OK)) {
		return ts_fail(err, TS_NOT_INITIALISED, "data", "no database in '%s'", dir);
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	rc = sqlite3_open_v2(path, &s->db,
			     SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		ts_fail(err, TS_IO, "data", "cannot open database '%s': %s", path,
			s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		sqlite3_close(s->db);
		free(s);
		return -1;
	}
	sqlite3_busy_timeout(s->db, 5000);
	if (ts_fts_register(s->db) != SQLITE_OK) { /* the search index's tokenizer (text.h) */
		ts_fail(err, TS_STORAGE, "data", "cannot open database '%s': this SQLite has no FTS5", path);
		sqlite3_close(s->db);
		free(s);
		return -1;
	}
	rc = sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;",
			  NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		ts_fail(err, TS_STORAGE, "data", "cannot configure database '%s': %s", path, msg ? msg : "");
		sqlite3_free(msg);
		sqlite3_close(s->db);
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

static void sq_close(void *p)
{
	sq *s = p;

	if (!s)
		return;
	for (int i = 0; i < NCACHE; i++) {
		sqlite3_finalize(s->cache[i].stmt);
		free(s->cache[i].sql);
	}
	sqlite3_close(s->db);
	free(s);
}

static sqlite3_stmt *prepare(sq *s, const char *sql, ts_error *err)
{
	int victim = 0;
	sqlite3_stmt *st;

	s->tick++;
	for (int i = 0; i < NCACHE; i++) {
		if (s->cache[i].sql && strcmp(s->cache[i].sql, sql) == 0) {
			s->cache[i].used = s->tick;
			return s->cache[i].stmt;
		}
		if (s->cache[i].used < s->cache[victim].used)
			victim = i;
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sq_fail(s->db, err, "prepare");
		return NULL;
	}
	sqlite3_finalize(s->cache[victim].stmt);
	free(s->cache[victim].sql);
	s->cache[victim].sql = strdup(sql);
	s->cache[victim].stmt = st;
	s->cache[victim].used = s->tick;
	if (!s->cache[victim].sql) {
		s->cache[victim].stmt = NULL;
		sqlite3_finalize(st);
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	return st;
}

static int sq_exec(void *p, const char *sql, const ts_value *params, int nparams, ts_row_fn row,
		   void *ctx, long *changes, ts_error *err)
{
	sq *s = p;
	sqlite3_stmt *st = prepare(s, sql, err);
	ts_value cells[64];
	int rc, ncol;

	if (!st)
		return -1;
	for (int i = 0; i < nparams; i++) {
		switch (params[i].type) {
		case TS_V_NULL: sqlite3_bind_null(st, i + 1); break;
		case TS_V_INT: sqlite3_bind_int64(st, i + 1, params[i].i); break;
		case TS_V_TEXT: sqlite3_bind_text(st, i + 1, params[i].s, -1, SQLITE_STATIC); break;
		case TS_V_REAL: sqlite3_bind_double(st, i + 1, params[i].d); break;
		}
	}
	ncol = sqlite3_column_count(st);
	if (ncol > 64)
		ncol = 64;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!row)
			continue;
		for (int i = 0; i < ncol; i++) {
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_NULL: cells[i].type = TS_V_NULL; break;
			case SQLITE_INTEGER:
				cells[i].type = TS_V_INT;
				cells[i].i = sqlite3_column_int64(st, i);
				break;
			default:
				cells[i].type = TS_V_TEXT;
				cells[i].s = (const char *)sqlite3_column_text(st, i);
				if (!cells[i].s)
					cells[i].s = "";
				break;
			}
		}
		if (row(ctx, cells, ncol)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		sq_fail(s->db, err, "statement");
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return -1;
	}
	if (changes)
		*changes = sqlite3_changes(s->db);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return 0;
}

static unsigned long long sq_version(void *p)
{
	sq *s = p;
	sqlite3_stmt *st = prepare(s, "PRAGMA data_version", NULL);
	unsigned long long v = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = (unsigned long long)sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

const ts_backend_ops ts_sqlite_backend = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.version = sq_version,
	.begin_sql = "BEGIN IMMEDIATE",
};
