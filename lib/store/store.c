/* The backend-neutral half of the store: opening, versioned migrations, transactions, and the
 * tables derived from the entity descriptions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <time.h>

#include "tansiq/buf.h"
#include "tansiq/clock.h"
#include "tansiq/registry.h"
#include "tansiq/search.h"
#include "store_int.h"

/*
 * Migrations, applied in order, each once, each in its own transaction, recorded in
 * ts_migrations. A migration creates the tables of entities (from their descriptions, with the
 * fields that existed at that migration), adds the fields described as coming with it (`since`
 * in the field's description) to every table, and/or runs statements. Once released, a
 * migration never changes: a new field is described with the next migration's number.
 */
static const struct migration {
	int version;
	const char *name;
	const char *entities[16];
	const char *sql[12];
	int add_fields;
	int reindex; /* the search index is built again after the migrations (search.h) */
} migrations[] = {
	{1, "registry",
	 {"state", "organisation", "organ", "person", "office", "office_term", "partnership",
	  "partnership_event", "contact_group", "contact_group_member"},
	 {NULL}},
	{2, "accounts",
	 {NULL},
	 {"CREATE TABLE \"accounts\" (\"username\" TEXT PRIMARY KEY NOT NULL, \"password_hash\" TEXT NOT NULL, "
	  "\"role\" TEXT NOT NULL, \"disabled\" INTEGER NOT NULL DEFAULT 0, \"created\" TEXT NOT NULL)",
	  "CREATE TABLE \"sessions\" (\"token_hash\" TEXT PRIMARY KEY NOT NULL, \"username\" TEXT NOT NULL "
	  "REFERENCES \"accounts\"(\"username\") ON DELETE CASCADE, \"csrf\" TEXT NOT NULL, "
	  "\"expires\" BIGINT NOT NULL)",
	  NULL}},
	/* Append-only: the application has no UPDATE or DELETE of it. */
	{3, "audit log",
	 {NULL},
	 {"CREATE TABLE \"audit_log\" (\"seq\" BIGINT PRIMARY KEY NOT NULL, \"at\" TEXT NOT NULL, "
	  "\"actor\" TEXT NOT NULL, \"address\" TEXT NOT NULL, \"action\" TEXT NOT NULL, \"collection\" TEXT NOT NULL, "
	  "\"record_id\" TEXT NOT NULL, \"before\" TEXT, \"after\" TEXT, \"prev_hash\" TEXT NOT NULL, "
	  "\"hash\" TEXT NOT NULL)",
	  "CREATE INDEX \"ix_audit_record\" ON \"audit_log\" (\"collection\", \"record_id\")",
	  "CREATE INDEX \"ix_audit_actor\" ON \"audit_log\" (\"actor\")",
	  NULL}},
	/* The confidentiality level of every record (fields with since = 4). */
	{4, "confidentiality levels", {NULL}, {NULL}, 1},
	/* Teams (who reads restricted records: a team field on every record, since = 5), delegates'
	 * states, sign-in throttling and API tokens. */
	{5, "teams, delegates, throttling and tokens",
	 {"team", "team_member"},
	 {"ALTER TABLE \"accounts\" ADD COLUMN \"state\" TEXT",
	  "ALTER TABLE \"accounts\" ADD COLUMN \"failed_logins\" BIGINT NOT NULL DEFAULT 0",
	  "ALTER TABLE \"accounts\" ADD COLUMN \"locked_until\" BIGINT NOT NULL DEFAULT 0",
	  "ALTER TABLE \"accounts\" ADD COLUMN \"last_login\" TEXT",
	  "CREATE TABLE \"login_failures\" (\"address\" TEXT PRIMARY KEY NOT NULL, \"failures\" BIGINT NOT NULL, "
	  "\"window_start\" BIGINT NOT NULL, \"locked_until\" BIGINT NOT NULL DEFAULT 0)",
	  "CREATE TABLE \"api_tokens\" (\"id\" TEXT PRIMARY KEY NOT NULL, \"token_hash\" TEXT NOT NULL UNIQUE, "
	  "\"username\" TEXT NOT NULL REFERENCES \"accounts\"(\"username\"), \"name\" TEXT NOT NULL, "
	  "\"created\" TEXT NOT NULL, \"last_used\" TEXT, \"revoked\" TEXT)",
	  "CREATE INDEX \"ix_team_members_account\" ON \"team_members\" (\"account\")",
	  NULL},
	 1},
	/* Meetings, resolutions and votes; the decision rule of each organ (organs' field since 6). */
	{6, "meetings, resolutions and votes",
	 {"decision_rule", "resolution_category", "meeting", "resolution", "agenda_item", "attendance", "paragraph",
	  "sponsor", "vote", "ballot"},
	 {"CREATE INDEX \"ix_meetings_start\" ON \"meetings\" (\"start\")",
	  NULL},
	 1},
	/* Programmes, mandates and implementation reports; the weight of paragraphs (since 7). */
	{7, "implementation of decisions",
	 {"result", "mandate", "implementation_report"},
	 /* the implementation index asks for the latest change to a few collections */
	 {"CREATE INDEX \"ix_audit_collection_seq\" ON \"audit_log\" (\"collection\", \"seq\")",
	  NULL},
	 1},
	/* Countries, conflicts and their years, events and their imports, alerts. The aggregates of
	 * events carry the level and team of the events they count (conflicts.h); the forecast
	 * model is one row per horizon. */
	{8, "conflict monitoring and early warning",
	 {"country", "conflict", "conflict_year", "event_import", "event", "alert_rule", "alert"},
	 {"CREATE TABLE \"event_country_months\" (\"country\" TEXT NOT NULL, \"month\" TEXT NOT NULL, "
	  "\"event_type\" TEXT NOT NULL, \"level\" TEXT NOT NULL, \"team\" TEXT NOT NULL DEFAULT '', "
	  "\"events\" BIGINT NOT NULL, \"fatalities\" BIGINT NOT NULL, "
	  "PRIMARY KEY (\"country\", \"month\", \"event_type\", \"level\", \"team\"))",
	  "CREATE TABLE \"event_admin1_months\" (\"country\" TEXT NOT NULL, \"admin1\" TEXT NOT NULL, "
	  "\"month\" TEXT NOT NULL, \"event_type\" TEXT NOT NULL, \"level\" TEXT NOT NULL, "
	  "\"team\" TEXT NOT NULL DEFAULT '', \"events\" BIGINT NOT NULL, \"fatalities\" BIGINT NOT NULL, "
	  "PRIMARY KEY (\"country\", \"admin1\", \"month\", \"event_type\", \"level\", \"team\"))",
	  "CREATE INDEX \"ix_event_country_months_month\" ON \"event_country_months\" (\"month\")",
	  "CREATE INDEX \"ix_events_month\" ON \"events\" (\"month\")",
	  "CREATE INDEX \"ix_events_country_month\" ON \"events\" (\"country\", \"month\")",
	  "CREATE INDEX \"ix_conflict_years_year\" ON \"conflict_years\" (\"year\")",
	  "CREATE TABLE \"forecast_models\" (\"horizon\" BIGINT PRIMARY KEY NOT NULL, \"fitted_at\" TEXT NOT NULL, "
	  "\"through\" TEXT NOT NULL, \"model\" TEXT NOT NULL)",
	  NULL},
	 1},
	/* The network of mediators, the code of conduct, training, field missions, mediation processes
	 * and what happens in them (mediation.h); meetings gain their contact group and topic (since 9).
	 * An alert's response by a mediation process becomes a reference to one: a name written
	 * before moves into the response's text. */
	{9, "mediation",
	 {"expertise", "code_of_conduct", "mediator", "interest", "field_mission", "training", "trainee", "match_weight",
	  "process", "assignment", "stage", "journal_entry", "agreement", "provision"},
	 {"UPDATE \"alerts\" SET \"response_text\" = coalesce(\"response_text\" || char(10), '') || 'Mediation process: ' || "
	  "\"response_process\", \"response_process\" = NULL WHERE \"response_process\" IS NOT NULL",
	  "CREATE INDEX IF NOT EXISTS \"ix_alerts_response_process\" ON \"alerts\" (\"response_process\")",
	  "CREATE INDEX \"ix_mediators_status\" ON \"mediators\" (\"status\")",
	  NULL},
	 1},
	/* Documents, and the search index of documents and records (search.h): what is filtered
	 * and counted in search_items (narrow rows, joined to every match), the texts in
	 * search_texts, indexed by FTS5 tables for documents and for other records, one per
	 * language (external content, tokenizer "tansiq", text.h); the records already stored are
	 * indexed. SQLite only, as FTS5 is. */
	{10, "documents and search",
	 {"document"},
	 {"CREATE TABLE \"search_items\" (\"id\" INTEGER PRIMARY KEY, \"collection\" TEXT NOT NULL, \"rid\" TEXT NOT NULL, "
	  "\"lang\" TEXT NOT NULL, \"level\" TEXT NOT NULL, \"team\" TEXT, \"kind\" TEXT, \"year\" BIGINT, \"organ\" TEXT, "
	  "UNIQUE (\"collection\", \"rid\", \"lang\"))",
	  "CREATE TABLE \"search_texts\" (\"id\" INTEGER PRIMARY KEY, \"title\" TEXT NOT NULL, \"body\" TEXT NOT NULL)",
	  "CREATE VIRTUAL TABLE \"search_doc_ar\" USING fts5(\"title\", \"body\", content = 'search_texts', "
	  "content_rowid = 'id', tokenize = 'tansiq ar')",
	  "CREATE VIRTUAL TABLE \"search_doc_en\" USING fts5(\"title\", \"body\", content = 'search_texts', "
	  "content_rowid = 'id', tokenize = 'tansiq en')",
	  "CREATE VIRTUAL TABLE \"search_doc_fr\" USING fts5(\"title\", \"body\", content = 'search_texts', "
	  "content_rowid = 'id', tokenize = 'tansiq fr')",
	  "CREATE VIRTUAL TABLE \"search_rec_ar\" USING fts5(\"title\", \"body\", content = 'search_texts', "
	  "content_rowid = 'id', tokenize = 'tansiq ar')",
	  "CREATE VIRTUAL TABLE \"search_rec_en\" USING fts5(\"title\", \"body\", content = 'search_texts', "
	  "content_rowid = 'id', tokenize = 'tansiq en')",
	  "CREATE VIRTUAL TABLE \"search_rec_fr\" USING fts5(\"title\", \"body\", content = 'search_texts', "
	  "content_rowid = 'id', tokenize = 'tansiq fr')",
	  NULL},
	 0, 1},
};

static const char *sql_type(const ts_field *f)
{
	if (f->type == TS_REAL)
		return "DOUBLE PRECISION";
	return (f->type == TS_INT || f->type == TS_BOOL) ? "BIGINT" : "TEXT";
}

/* The definition of a field's column: type and constraints. */
static int column_def(const ts_field *f, ts_buf *sql)
{
	char rtable[64];

	ts_buf_printf(sql, "\"%s\" %s", f->name, sql_type(f));
	if (f->flags & TS_F_KEY)
		ts_buf_adds(sql, " PRIMARY KEY");
	if (f->flags & (TS_F_REQUIRED | TS_F_KEY))
		ts_buf_adds(sql, " NOT NULL");
	if (f->def) /* values of the field's own type, checked when the schema is tested */
		ts_buf_printf(sql, f->type == TS_INT || f->type == TS_BOOL || f->type == TS_REAL ? " NOT NULL DEFAULT %s" : " NOT NULL DEFAULT '%s'",
			      f->type == TS_BOOL ? (!strcmp(f->def, "true") ? "1" : "0") : f->def);
	if (f->flags & TS_F_UNIQUE)
		ts_buf_adds(sql, " UNIQUE");
	if (f->type == TS_BOOL)
		ts_buf_printf(sql, " CHECK (\"%s\" IN (0, 1))", f->name);
	if (f->type == TS_ENUM) {
		ts_buf_printf(sql, " CHECK (\"%s\" IN (", f->name);
		for (const ts_enum_value *v = f->values; v->value; v++)
			ts_buf_printf(sql, "%s'%s'", v == f->values ? "" : ", ", v->value);
		ts_buf_adds(sql, "))");
	}
	if (f->type == TS_REF) {
		const ts_entity *r = ts_schema_entity(ts_schema_all(), f->ref);
		if (!r)
			return -1;
		ts_entity_table(r, rtable, sizeof(rtable));
		ts_buf_printf(sql, " REFERENCES \"%s\"(\"id\")", rtable);
	}
	return 0;
}

/* Writes CREATE TABLE for an entity as it was at migration `version` into sql. */
static int sql_create_table(const ts_entity *e, int version, ts_buf *sql)
{
	char table[64];
	int n = 0;

	ts_entity_table(e, table, sizeof(table));
	ts_buf_printf(sql, "CREATE TABLE \"%s\" (", table);
	for (int i = 0; i < e->nfields; i++) {
		if (e->fields[i].since > version)
			continue; /* added by a later migration */
		if (n++)
			ts_buf_adds(sql, ", ");
		if (column_def(&e->fields[i], sql))
			return -1;
	}
	return ts_buf_adds(sql, ")");
}

/* The migration that creates an entity's table, 0 if none does. */
static int created_in(const ts_entity *e)
{
	for (size_t m = 0; m < sizeof(migrations) / sizeof(migrations[0]); m++)
		for (int i = 0; migrations[m].entities[i]; i++)
			if (!strcmp(migrations[m].entities[i], e->name))
				return migrations[m].version;
	return 0;
}

static int run_sql(ts_store *st, const char *sql, ts_error *err)
{
	return st->ops->exec(st->db, sql, NULL, 0, NULL, NULL, NULL, err);
}

static int max_version(void *ctx, const ts_value *c, int n)
{
	if (n > 0 && c[0].type == TS_V_INT)
		*(long long *)ctx = c[0].i;
	return 0;
}

static int migrate(ts_store *st, ts_error *err)
{
	long long have = 0;
	int reindex = 0;
	ts_buf sql = TS_BUF_INIT;
	char table[64];

	if (run_sql(st, "CREATE TABLE IF NOT EXISTS \"ts_migrations\" (\"version\" BIGINT PRIMARY KEY NOT NULL, "
			"\"name\" TEXT NOT NULL, \"applied\" TEXT NOT NULL)", err))
		return -1;
	if (st->ops->exec(st->db, "SELECT max(\"version\") FROM \"ts_migrations\"", NULL, 0, max_version, &have,
			  NULL, err))
		return -1;
	for (size_t m = 0; m < sizeof(migrations) / sizeof(migrations[0]); m++) {
		const struct migration *mg = &migrations[m];
		char now[32];
		time_t t = time(NULL);
		ts_value p[3];

		if (mg->version <= have)
			continue;
		if (ts_store_begin(st, err))
			goto fail;
		for (int i = 0; mg->entities[i]; i++) {
			const ts_entity *e = ts_schema_entity(st->schema, mg->entities[i]);
			if (!e) {
				ts_fail(err, TS_INTERNAL, NULL, "migration %d names unknown entity %s", mg->version,
					mg->entities[i]);
				goto rollback;
			}
			ts_buf_reset(&sql);
			if (sql_create_table(e, mg->version, &sql) || run_sql(st, ts_buf_str(&sql), err))
				goto rollback;
			ts_entity_table(e, table, sizeof(table));
			for (int j = 0; j < e->nfields; j++) {
				if (e->fields[j].type != TS_REF || (e->fields[j].flags & TS_F_NOINDEX))
					continue;
				ts_buf_reset(&sql);
				ts_buf_printf(&sql, "CREATE INDEX \"ix_%s_%s\" ON \"%s\" (\"%s\")", table,
					      e->fields[j].name, table, e->fields[j].name);
				if (run_sql(st, ts_buf_str(&sql), err))
					goto rollback;
			}
			for (int j = 0; j < e->nrules; j++) {
				const ts_rule *r = &e->rules[j];
				if (r->kind != TS_RULE_UNIQUE_WITH)
					continue;
				ts_buf_reset(&sql);
				ts_buf_printf(&sql, "CREATE UNIQUE INDEX \"ux_%s_%s_%s\" ON \"%s\" (\"%s\", \"%s\"", table,
					      r->a, r->b, table, r->a, r->b);
				if (r->value)
					ts_buf_printf(&sql, ", \"%s\"", r->value);
				if (ts_buf_adds(&sql, ")") || run_sql(st, ts_buf_str(&sql), err))
					goto rollback;
			}
		}
		for (int i = 0; mg->add_fields && i < st->schema->nentities; i++) {
			const ts_entity *e = st->schema->entities[i];
			int c = created_in(e);
			if (!c || c >= mg->version)
				continue; /* no table yet, or created with these fields already */
			ts_entity_table(e, table, sizeof(table));
			for (int j = 0; j < e->nfields; j++) {
				if (e->fields[j].since != mg->version)
					continue;
				ts_buf_reset(&sql);
				ts_buf_printf(&sql, "ALTER TABLE \"%s\" ADD COLUMN ", table);
				if (column_def(&e->fields[j], &sql) || run_sql(st, ts_buf_str(&sql), err))
					goto rollback;
			}
		}
		for (int i = 0; mg->sql[i]; i++)
			if (run_sql(st, mg->sql[i], err))
				goto rollback;
		ts_utc(t, 0, now, sizeof(now));
		p[0] = (ts_value){TS_V_INT, mg->version, NULL};
		p[1] = (ts_value){TS_V_TEXT, 0, mg->name};
		p[2] = (ts_value){TS_V_TEXT, 0, now};
		if (st->ops->exec(st->db, "INSERT INTO \"ts_migrations\" (\"version\", \"name\", \"applied\") VALUES (?, ?, ?)",
				  p, 3, NULL, NULL, NULL, err))
			goto rollback;
		if (ts_store_commit(st, err))
			goto rollback;
		reindex |= mg->reindex;
	}
	/* with the tables as the last migration left them */
	if (reindex && (ts_store_begin(st, err) || ts_search_reindex(st, NULL, err) || ts_store_commit(st, err)))
		goto rollback;
	ts_buf_free(&sql);
	return 0;
rollback:
	ts_store_rollback(st);
fail:
	ts_buf_free(&sql);
	return -1;
}

/* Commits by every store handle of this process. */
static atomic_ullong commits;

int ts_store_open(ts_store **out, const char *dir, int create, ts_error *err)
{
	ts_store *st = calloc(1, sizeof(*st));

	*out = NULL;
	if (!st)
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	st->ops = &ts_sqlite_backend;
	st->schema = ts_schema_all();
	if (st->ops->open(&st->db, dir, create, err)) {
		free(st);
		return -1;
	}
	if (migrate(st, err)) {
		ts_store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

void ts_store_close(ts_store *st)
{
	if (!st)
		return;
	if (st->in_txn)
		ts_store_rollback(st);
	st->ops->close(st->db);
	free(st);
}

const ts_schema *ts_store_schema(const ts_store *st) { return st->schema; }

int ts_store_begin(ts_store *st, ts_error *err)
{
	if (st->in_txn)
		return ts_fail(err, TS_INTERNAL, NULL, "transaction already open");
	if (run_sql(st, st->ops->begin_sql, err))
		return -1;
	st->in_txn = 1;
	return 0;
}

int ts_store_commit(ts_store *st, ts_error *err)
{
	if (!st->in_txn)
		return ts_fail(err, TS_INTERNAL, NULL, "no transaction to commit");
	if (run_sql(st, "COMMIT", err)) {
		ts_store_rollback(st); /* a failed commit leaves nothing open behind it */
		return -1;
	}
	st->in_txn = 0;
	atomic_fetch_add(&commits, 1);
	return 0;
}

int ts_store_in_txn(const ts_store *st) { return st->in_txn; }

void ts_store_rollback(ts_store *st)
{
	ts_error ignored = TS_ERROR_INIT;

	if (!st->in_txn)
		return;
	run_sql(st, "ROLLBACK", &ignored);
	st->in_txn = 0;
}

/* Commits made in this process count at once; those of other processes (a CLI import while
 * the server runs) are seen through the backend's data version, asked at most every 50 ms: asking
 * on every request costs a file lock each time. */
unsigned long long ts_store_version(ts_store *st)
{
	struct timespec ts;
	long long now;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	now = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (!st->polled || now - st->polled_at >= 50) {
		st->data_version = st->ops->version(st->db);
		st->polled_at = now;
		st->polled = 1;
	}
	return st->data_version + atomic_load(&commits);
}

int ts_store_exec(ts_store *st, const char *sql, const ts_value *params, int nparams, ts_row_fn row,
		  void *ctx, long *changes, ts_error *err)
{
	return st->ops->exec(st->db, sql, params, nparams, row, ctx, changes, err);
}
