/* Routes and handlers. The registry's collections are served by one set of generic handlers
 * driven by the entity descriptions; the routing table is data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <time.h>

#include <sodium.h>

#include "server/api_int.h"
#include "server/server.h"
#include "tansiq/embedded.h"
#include "tansiq/implementation.h"

extern const ts_embedded ts_web_assets[];

/* ---- responses ---- */

int reply_json(response *rs, int status, json_t *j, int cacheable)
{
	rs->status = status;
	rs->type = "application/json";
	rs->body = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
	rs->len = rs->body ? strlen(rs->body) : 0;
	rs->cacheable = cacheable;
	json_decref(j);
	return rs->body ? 0 : -1;
}

void api_problem(const request *rq, const ts_error *err, response *rs)
{
	char type[96];
	json_t *p, *items = json_array();
	ts_code code = err->code == TS_OK ? TS_INTERNAL : err->code;

	snprintf(type, sizeof(type), "/problems/%s", ts_code_name(code));
	char text[sizeof(err->detail)];

	/* the detail in the client's language when it is a catalogued message (items[0] is the
	 * primary problem) */
	if (err->nitems > 0)
		ts_error_item_text(&err->items[0], rq->lang, text, sizeof(text));
	else
		snprintf(text, sizeof(text), "%s", err->detail[0] ? err->detail : ts_code_title(code, TS_EN));
	p = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s}", "type", type, "title", ts_code_title(code, rq->lang), "status",
		      ts_code_status(code), "detail", text, "code", ts_code_name(code), "hint", ts_code_hint(code, rq->lang));
	if (err->field[0])
		json_object_set_new(p, "field", json_string(err->field));
	if (err->line)
		json_object_set_new(p, "line", json_integer(err->line));
	for (int i = 0; i < err->nitems; i++) {
		json_t *it;
		ts_error_item_text(&err->items[i], rq->lang, text, sizeof(text));
		it = json_pack("{s:s, s:s, s:s, s:s}", "code", ts_code_name(err->items[i].code), "title",
			       ts_code_title(err->items[i].code, rq->lang), "detail", text, "hint",
			       ts_code_hint(err->items[i].code, rq->lang));
		if (err->items[i].field[0])
			json_object_set_new(it, "field", json_string(err->items[i].field));
		if (err->items[i].line)
			json_object_set_new(it, "line", json_integer(err->items[i].line));
		json_array_append_new(items, it);
	}
	json_object_set_new(p, "errors", items);
	reply_json(rs, ts_code_status(code), p, 0);
	rs->type = "application/problem+json";
	if (code == TS_METHOD_NOT_ALLOWED && !rs->allow)
		rs->allow = "GET";
}

/* ---- parameters ---- */

struct qwalk {
	ts_query *q;
	ts_error *err;
	int failed;
};

/* lang=ar|en|fr is accepted everywhere; any other value is refused like a bad parameter. */
static int lang_param(struct qwalk *w, const char *value)
{
	if (value && (!strcmp(value, "ar") || !strcmp(value, "en") || !strcmp(value, "fr")))
		return 0;
	ts_fail(w->err, TS_INVALID_PARAMETER, "lang", "parameter 'lang': '%.20s' is not one of ar, en, fr",
		value ? value : "");
	w->failed = 1;
	return 1;
}

static int list_param(void *c, const char *name, const char *value)
{
	struct qwalk *w = c;

	/* lang is the language of the answer's texts; for records that have a language of their own
	 * (documents), it also keeps those in that language */
	if (!strcmp(name, "lang") && (lang_param(w, value) || !ts_entity_field(w->q->entity, "lang")))
		return w->failed;
	if (ts_query_param(w->q, name, value, w->err)) {
		w->failed = 1;
		return 1;
	}
	return 0;
}

static int named_param(void *c, const char *name, const char *value)
{
	struct params *w = c;
	struct qwalk q = {NULL, w->err, 0};
	char takes[160] = "only lang";

	if (!strcmp(name, "lang"))
		return w->failed = lang_param(&q, value);
	for (int i = 0; w->names[i]; i++)
		if (!strcmp(name, w->names[i])) {
			w->values[i] = value;
			return 0;
		}
	for (int i = 0; w->names[i]; i++)
		snprintf(takes + (i ? strlen(takes) : 0), sizeof(takes) - (i ? strlen(takes) : 0), "%s%s",
			 i ? ", " : "lang, ", w->names[i]);
	ts_fail(w->err, TS_UNKNOWN_PARAMETER, name, "unknown parameter '%.40s'; this address takes %s", name, takes);
	return w->failed = 1;
}

int read_params(request *rq, struct params *w)
{
	http_params(rq, named_param, w);
	return w->failed ? -1 : 0;
}

int check_no_params(request *rq, ts_error *err)
{
	static const char *const none[] = {NULL};
	struct params w = {none, {NULL}, err, 0};

	return read_params(rq, &w);
}

/* ---- authentication ---- */

/* Who sends the request: an API token (Authorization: Bearer), a password (Basic, for simple
 * scripts; throttled like any sign-in) or the session cookie, which must carry its CSRF token
 * when need_csrf (every request that changes something). On success the store reads and writes
 * as this account (its roles decide what is visible and writable) and the audit log records it
 * as the author. */
/* The store reads and writes as the account, and the audit log names it. */
static void act_as(request *rq, const ts_account *a, const char *address)
{
	ts_viewer v;

	ts_account_viewer(a, &v);
	ts_store_set_viewer(rq->st, &v);
	ts_store_set_actor(rq->st, a->username, address);
}

static int identify(request *rq, ts_account *a, int need_csrf, ts_error *err)
{
	const char *auth = http_header(rq, "Authorization");
	const char *cookie = http_cookie(rq, "tansiq_session");
	char address[64];

	http_client_address(rq, address, sizeof(address));
	if (auth && !strncasecmp(auth, "Bearer ", 7)) {
		if (ts_token_find(rq->st, auth + 7, a, err))
			return -1;
	} else if (auth && !strncasecmp(auth, "Basic ", 6)) {
		unsigned char dec[512];
		size_t n;
		char *colon;
		if (sodium_base642bin(dec, sizeof(dec) - 1, auth + 6, strlen(auth + 6), NULL, &n, NULL,
				      sodium_base64_VARIANT_ORIGINAL) || !(dec[n] = 0, colon = strchr((char *)dec, ':')))
			return ts_fail(err, TS_UNAUTHENTICATED, "Authorization", "the Authorization header is not Basic base64(user:password)");
		*colon = '\0';
		if (ts_sign_in(rq->st, (char *)dec, colon + 1, address, a, err))
			return -1;
	} else if (auth) {
		return ts_fail(err, TS_UNAUTHENTICATED, "Authorization",
			       "the Authorization header must be 'Bearer tsq_...' (an API token) or 'Basic ...'");
	} else if (cookie) {
		ts_session s;
		const char *csrf = http_header(rq, "X-Tansiq-CSRF");
		if (ts_session_find(rq->st, cookie, &s, err))
			return -1;
		if (need_csrf && (!csrf || strlen(csrf) != strlen(s.csrf) || sodium_memcmp(csrf, s.csrf, strlen(s.csrf))))
			return ts_fail(err, TS_CSRF, "X-Tansiq-CSRF", "a change made with the session cookie must carry the X-Tansiq-CSRF header");
		*a = s.account;
	} else {
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "sign in, or send an API token (Authorization: Bearer tsq_...)");
	}
	act_as(rq, a, address);
	return 0;
}

json_t *parse_body(request *rq, ts_error *err)
{
	const char *ct = http_header(rq, "Content-Type");
	json_error_t je;
	json_t *j;

	if (!ct || strncmp(ct, "application/json", 16) || (ct[16] && ct[16] != ';' && ct[16] != ' ')) {
		ts_fail(err, TS_UNSUPPORTED_MEDIA_TYPE, "Content-Type", "the body must be sent as application/json, not '%.60s'",
			ct ? ct : "(none)");
		return NULL;
	}
	j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		ts_fail(err, TS_INVALID_JSON, NULL, "line %d, column %d: %s", je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		ts_fail(err, TS_INVALID_JSON, NULL, "the body must be one JSON object");
		return NULL;
	}
	return j;
}

int txn(request *rq, txn_fn fn, json_t *body, json_t **out, ts_error *err)
{
	*out = NULL;
	if (ts_store_begin(rq->st, err))
		return -1;
	if (fn(rq, body, out, err)) {
		ts_store_rollback(rq->st);
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	if (ts_store_commit(rq->st, err)) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* The entity of the collection in the path (checked by the handlers). */
static const ts_entity *path_entity(request *rq) { return ts_schema_entity(ts_store_schema(rq->st), rq->p1); }

static int do_create(request *rq, json_t *body, json_t **out, ts_error *err)
{
	return ts_record_create(rq->st, path_entity(rq), body, out, err);
}

static int do_update(request *rq, json_t *body, json_t **out, ts_error *err)
{
	return ts_record_update(rq->st, path_entity(rq), rq->p2, body, out, err);
}

static int do_delete(request *rq, json_t *body, json_t **out, ts_error *err)
{
	(void)body;
	(void)out;
	return ts_record_delete(rq->st, path_entity(rq), rq->p2, err);
}

/* ---- handlers ---- */

/* Votes, ballots, alerts and event imports are written only through their operations
 * (TS_E_ACTIONS), which their descriptions name. */
static int actions_only(const ts_entity *e, response *rs, ts_error *err)
{
	if (!(e->flags & TS_E_ACTIONS))
		return 0;
	rs->allow = "GET";
	return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "%s are written only through their operations: %s",
		       e->collection, e->operations[0] ? e->operations[0] : "see the API's description");
}

/* A page of a collection's list, from the query parameters. */
int list_records(request *rq, response *rs, const ts_entity *e, ts_error *err)
{
	ts_query q;
	struct qwalk w = {&q, err, 0};
	json_t *page;
	int rc;

	ts_query_init(&q, e);
	http_params(rq, list_param, &w);
	rc = w.failed ? -1 : ts_records_list(rq->st, &q, &page, err);
	ts_query_free(&q);
	return rc ? -1 : reply_json(rs, 200, page, 1);
}

static int h_collection(request *rq, response *rs, ts_error *err)
{
	const ts_entity *e = path_entity(rq);

	if (!e || strcmp(e->collection, rq->p1))
		return ts_fail(err, TS_UNKNOWN_COLLECTION, NULL, "no collection '%.60s'", rq->p1);
	if (!strcmp(rq->method, "GET"))
		return list_records(rq, rs, e, err);
	{ /* POST: the router passes only the methods the route declares */
		json_t *body, *rec = NULL;
		int rc;
		if (actions_only(e, rs, err) || check_no_params(rq, err) || !(body = parse_body(rq, err)))
			return -1;
		rc = txn(rq, do_create, body, &rec, err);
		json_decref(body);
		if (rc)
			return -1;
		snprintf(rs->location, sizeof(rs->location), "/api/v1/%s/%s", e->collection,
			 json_string_value(json_object_get(rec, "id")));
		return reply_json(rs, 201, rec, 0);
	}
}

static int h_item(request *rq, response *rs, ts_error *err)
{
	const ts_entity *e = path_entity(rq);
	json_t *rec = NULL;

	if (!e || strcmp(e->collection, rq->p1))
		return ts_fail(err, TS_UNKNOWN_COLLECTION, NULL, "no collection '%.60s'", rq->p1);
	if (check_no_params(rq, err))
		return -1;
	if (strcmp(rq->method, "GET") && actions_only(e, rs, err))
		return -1;
	if (strcmp(rq->method, "GET") && (e->flags & TS_E_APPEND_ONLY)) {
		rs->allow = "GET";
		return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL,
			       "%s are kept as filed: POST a new one to /api/v1/%s to correct one; the timeline keeps both",
			       e->collection, e->collection);
	}
	if (!strcmp(rq->method, "GET")) {
		if (ts_record_get(rq->st, e, rq->p2, &rec, err))
			return -1;
		return reply_json(rs, 200, rec, 1);
	}
	if (!strcmp(rq->method, "PATCH")) {
		json_t *body;
		int rc;
		if (!(body = parse_body(rq, err)))
			return -1;
		rc = txn(rq, do_update, body, &rec, err);
		json_decref(body);
		return rc ? -1 : reply_json(rs, 200, rec, 0);
	}
	/* DELETE */
	if (txn(rq, do_delete, NULL, &rec, err))
		return -1;
	rs->status = 204;
	return 0;
}

static int annotate(json_t *doc, ts_error *err);

/* The schema and the OpenAPI document are compiled in: each is built (and the document checked
 * against the route table) once, then copied into every answer. A document that fails its check
 * answers 500 every time, as it would if built each time. */
static struct {
	pthread_once_t once;
	char *schema, *openapi;
	ts_error openapi_err;
} docs = {PTHREAD_ONCE_INIT};

static void build_docs(void)
{
	json_t *doc = ts_openapi_document(ts_schema_all(), TANSIQ_VERSION), *schema = ts_schema_describe(ts_schema_all());

	if (annotate(doc, &docs.openapi_err) == 0)
		docs.openapi = json_dumps(doc, JSON_COMPACT);
	docs.schema = json_dumps(schema, JSON_COMPACT);
	json_decref(doc);
	json_decref(schema);
}

static int reply_doc(response *rs, const char *text, ts_error *err)
{
	if (!text || !(rs->body = strdup(text)))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	rs->status = 200;
	rs->type = "application/json";
	rs->len = strlen(rs->body);
	rs->cacheable = 1;
	return 0;
}

static int h_schema(request *rq, response *rs, ts_error *err)
{
	if (check_no_params(rq, err))
		return -1;
	pthread_once(&docs.once, build_docs);
	return reply_doc(rs, docs.schema, err);
}

static int h_openapi(request *rq, response *rs, ts_error *err)
{
	if (check_no_params(rq, err))
		return -1;
	pthread_once(&docs.once, build_docs);
	if (!docs.openapi && docs.openapi_err.code) {
		*err = docs.openapi_err;
		return -1;
	}
	return reply_doc(rs, docs.openapi, err);
}

static int h_summary(request *rq, response *rs, ts_error *err)
{
	json_t *s;

	if (check_no_params(rq, err) || ts_registry_summary(rq->st, &s, err))
		return -1;
	return reply_json(rs, 200, s, 1);
}

struct audit_walk {
	ts_audit_query *q;
	ts_error *err;
	int failed;
};

static int audit_param(void *c, const char *name, const char *value)
{
	struct audit_walk *w = c;
	ts_audit_query *q = w->q;
	char *end;

	if (!value)
		value = "";
	if (!strcmp(name, "lang"))
		return 0;
	if (!strcmp(name, "collection")) {
		if (!ts_schema_entity(ts_schema_all(), value) && strcmp(value, "accounts") && strcmp(value, "api-tokens")) {
			ts_fail(w->err, TS_INVALID_PARAMETER, "collection",
				"parameter 'collection': '%.40s' is not a collection; use one of /api/v1/schema's, accounts or api-tokens",
				value);
			w->failed = 1;
			return 1;
		}
		q->collection = value;
	}
	else if (!strcmp(name, "record"))
		q->record = value;
	else if (!strcmp(name, "actor"))
		q->actor = value;
	else if (!strcmp(name, "since"))
		q->since = value; /* checked by ts_audit_list */
	else if (!strcmp(name, "until"))
		q->until = value;
	else if (!strcmp(name, "limit")) {
		q->limit = strtol(value, &end, 10);
		if (!*value || *end || q->limit < 1 || q->limit > TS_LIMIT_MAX) {
			ts_fail(w->err, TS_INVALID_PARAMETER, "limit", "parameter 'limit': '%.40s' is not a number from 1 to %d",
				value, TS_LIMIT_MAX);
			w->failed = 1;
			return 1;
		}
	} else if (!strcmp(name, "cursor")) {
		q->before_seq = strtoll(value, &end, 10);
		if (!*value || *end || q->before_seq < 1) {
			ts_fail(w->err, TS_INVALID_PARAMETER, "cursor",
				"parameter 'cursor' is not a cursor this server gave; pass next_cursor unchanged");
			w->failed = 1;
			return 1;
		}
	} else {
		ts_fail(w->err, TS_UNKNOWN_PARAMETER, name,
			"unknown parameter '%.40s'; use collection, record, actor, since, until, limit or cursor", name);
		w->failed = 1;
		return 1;
	}
	return 0;
}

/* The audit log, for administrators only, newest first. Never cached: it needs a sign-in. */
static int h_audit(request *rq, response *rs, ts_error *err)
{
	ts_audit_query q = TS_AUDIT_QUERY_INIT;
	struct audit_walk w = {&q, err, 0};
	json_t *page;

	http_params(rq, audit_param, &w);
	if (w.failed || ts_audit_list(rq->st, &q, &page, err))
		return -1;
	return reply_json(rs, 200, page, 0);
}

/* The body's keys must all be among `allowed` (a NULL-terminated list). */
int only_keys(json_t *body, const char *const *allowed, const char *what, ts_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v) {
		const char *const *k;
		for (k = allowed; *k && strcmp(*k, key); k++)
			;
		if (!*k) {
			char list[160] = "";
			for (k = allowed; *k; k++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", k == allowed ? "" : ", ", *k);
			return ts_fail(err, TS_UNKNOWN_FIELD, key, "%s takes only %s, not '%.40s'", what, list, key);
		}
	}
	return 0;
}

/* A string member of the body (NULL when absent); a member of another type fails. */
int body_string(json_t *body, const char *key, const char **out, ts_error *err)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return ts_fail(err, TS_INVALID_VALUE, key, "field '%s' must be a string", key);
	*out = json_string_value(v);
	return 0;
}

static json_t *session_json(const ts_session *s)
{
	json_t *j = ts_account_json(&s->account);
	char roles[96];

	ts_roles_format(s->account.roles, roles, sizeof(roles));
	json_object_set_new(j, "role", json_string(roles)); /* the roles, comma-separated */
	json_object_set_new(j, "csrf", json_string(s->csrf));
	json_object_set_new(j, "expires", json_integer(s->expires));
	return j;
}

static int h_session(request *rq, response *rs, ts_error *err)
{
	const char *cookie = http_cookie(rq, "tansiq_session");
	ts_session s;

	if (check_no_params(rq, err))
		return -1;
	if (!strcmp(rq->method, "GET")) {
		if (ts_session_find(rq->st, cookie, &s, err))
			return -1;
		return reply_json(rs, 200, session_json(&s), 0);
	}
	if (!strcmp(rq->method, "POST")) {
		static const char *const keys[] = {"username", "password", NULL};
		json_t *body = parse_body(rq, err);
		const char *user, *pass;
		char token[TS_TOKEN_LEN + 1], address[64];
		ts_account a;
		int rc = -1;
		if (!body)
			return -1;
		if (only_keys(body, keys, "sign-in", err) || body_string(body, "username", &user, err) ||
		    body_string(body, "password", &pass, err))
			goto done;
		if (!user || !pass) {
			ts_fail(err, TS_REQUIRED, user ? "password" : "username", "give both username and password as strings");
			goto done;
		}
		http_client_address(rq, address, sizeof(address));
		if (ts_sign_in(rq->st, user, pass, address, &a, err) || ts_store_begin(rq->st, err))
			goto done;
		if (ts_session_create(rq->st, &a, token, &s, err) || ts_store_commit(rq->st, err)) {
			ts_store_rollback(rq->st);
			goto done;
		}
		snprintf(rs->cookie, sizeof(rs->cookie), "tansiq_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
			 token, TS_SESSION_SECONDS);
		rc = reply_json(rs, 200, session_json(&s), 0);
	done:
		json_decref(body);
		return rc;
	}
	/* DELETE */
	if (ts_session_end(rq->st, cookie, err))
		return -1;
	snprintf(rs->cookie, sizeof(rs->cookie), "tansiq_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	rs->status = 204;
	return 0;
}

static const char *me(request *rq) { return ts_store_viewer(rq->st)->username; }

static int account_out(request *rq, const char *username, json_t **out, ts_error *err)
{
	ts_account a;

	if (ts_account_get(rq->st, username, &a, err))
		return -1;
	*out = ts_account_json(&a);
	return 0;
}

static int change_my_password(request *rq, json_t *body, json_t **out, ts_error *err)
{
	const char *pw;

	if (body_string(body, "new_password", &pw, err) || ts_account_set_password(rq->st, me(rq), pw, err))
		return -1;
	return account_out(rq, me(rq), out, err);
}

/* One's own account: read it; change the password (which ends every session of the account). */
static int h_account(request *rq, response *rs, ts_error *err)
{
	static const char *const keys[] = {"current_password", "new_password", NULL};
	json_t *body, *out = NULL;
	const char *cur, *pw;
	char address[64];
	ts_account a;
	int rc;

	if (check_no_params(rq, err))
		return -1;
	if (!strcmp(rq->method, "GET"))
		return account_out(rq, me(rq), &out, err) ? -1 : reply_json(rs, 200, out, 0);
	if (!(body = parse_body(rq, err)))
		return -1;
	rc = only_keys(body, keys, "a password change", err) || body_string(body, "current_password", &cur, err) ||
	     body_string(body, "new_password", &pw, err);
	if (!rc && (!cur || !pw))
		rc = ts_fail(err, TS_REQUIRED, cur ? "new_password" : "current_password",
			     "give current_password and new_password as strings");
	http_client_address(rq, address, sizeof(address));
	/* the current password is checked like a sign-in: wrong guesses count towards the lock */
	if (!rc && ts_sign_in(rq->st, me(rq), cur, address, &a, err)) {
		if (err->code == TS_BAD_CREDENTIALS) {
			ts_error_clear(err);
			ts_fail(err, TS_INVALID_VALUE, "current_password", "the current password is wrong");
		}
		rc = -1;
	}
	if (!rc)
		rc = txn(rq, change_my_password, body, &out, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 200, out, 0);
}

static int create_token(request *rq, json_t *body, json_t **out, ts_error *err)
{
	char token[TS_API_TOKEN_LEN + 1];
	const char *name;

	if (body_string(body, "name", &name, err) || ts_token_create(rq->st, me(rq), name, token, out, err))
		return -1;
	json_object_set_new(*out, "token", json_string(token));
	sodium_memzero(token, sizeof(token));
	return 0;
}

static int h_tokens(request *rq, response *rs, ts_error *err)
{
	static const char *const keys[] = {"name", NULL};
	json_t *body, *out = NULL;
	int rc;

	if (check_no_params(rq, err))
		return -1;
	if (!strcmp(rq->method, "GET"))
		return ts_token_list(rq->st, me(rq), &out, err) ? -1 : reply_json(rs, 200, out, 0);
	if (!(body = parse_body(rq, err)))
		return -1;
	rc = only_keys(body, keys, "a token", err) || txn(rq, create_token, body, &out, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 201, out, 0);
}

static int revoke_token(request *rq, json_t *body, json_t **out, ts_error *err)
{
	(void)body;
	(void)out;
	return ts_token_revoke(rq->st, me(rq), rq->p1, err);
}

static int h_token(request *rq, response *rs, ts_error *err)
{
	json_t *out;

	if (check_no_params(rq, err) || txn(rq, revoke_token, NULL, &out, err))
		return -1;
	rs->status = 204;
	return 0;
}

/* Roles as a JSON array of names (or one comma-separated string). */
static int body_roles(json_t *body, unsigned *roles, ts_error *err)
{
	json_t *v = json_object_get(body, "roles"), *it;
	char text[160] = "";
	size_t i;

	if (json_is_string(v))
		return ts_roles_parse(json_string_value(v), roles, err);
	if (!json_is_array(v))
		return ts_fail(err, TS_INVALID_VALUE, "roles", "roles must be an array of role names, e.g. [\"delegate\"]");
	json_array_foreach(v, i, it) {
		if (!json_is_string(it) || strlen(json_string_value(it)) > 20)
			return ts_fail(err, TS_INVALID_VALUE, "roles", "roles must be an array of role names, e.g. [\"delegate\"]");
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%s", i ? "," : "", json_string_value(it));
	}
	return ts_roles_parse(text, roles, err);
}

static int create_user(request *rq, json_t *body, json_t **out, ts_error *err)
{
	const char *user, *state, *pw;
	char generated[21];
	unsigned roles = 0;

	if (body_string(body, "username", &user, err) || body_string(body, "state", &state, err) ||
	    body_string(body, "password", &pw, err))
		return -1;
	if (!user)
		return ts_fail(err, TS_REQUIRED, "username", "give the new account's username");
	if (!json_object_get(body, "roles"))
		return ts_fail(err, TS_REQUIRED, "roles", "give the new account's roles, e.g. [\"delegate\"]");
	if (body_roles(body, &roles, err))
		return -1;
	if (!pw) {
		ts_random_password(generated, 20);
		pw = generated;
	}
	if (ts_account_create(rq->st, user, pw, roles, state, err) || account_out(rq, user, out, err))
		return -1;
	if (pw == generated)
		json_object_set_new(*out, "password", json_string(generated)); /* shown this once */
	return 0;
}

static int change_user(request *rq, json_t *body, json_t **out, ts_error *err)
{
	const char *name = rq->p1, *state, *pw;
	json_t *v;
	ts_account a;

	if (ts_account_get(rq->st, name, &a, err) || body_string(body, "state", &state, err) ||
	    body_string(body, "password", &pw, err))
		return -1;
	if (json_object_get(body, "roles") || json_object_get(body, "state")) {
		unsigned roles = a.roles;
		if (json_object_get(body, "roles") && body_roles(body, &roles, err))
			return -1;
		if (!json_object_get(body, "state"))
			state = a.state;
		if (ts_account_set_roles(rq->st, name, roles, state, err))
			return -1;
	}
	if ((v = json_object_get(body, "disabled"))) {
		if (!json_is_boolean(v))
			return ts_fail(err, TS_INVALID_VALUE, "disabled", "disabled must be true or false");
		if (json_is_true(v) != a.disabled && ts_account_set_disabled(rq->st, name, json_is_true(v), err))
			return -1;
	}
	if ((v = json_object_get(body, "unlock"))) {
		if (!json_is_boolean(v))
			return ts_fail(err, TS_INVALID_VALUE, "unlock", "unlock must be true or false");
		if (json_is_true(v) && ts_account_unlock(rq->st, name, err))
			return -1;
	}
	if (pw && ts_account_set_password(rq->st, name, pw, err))
		return -1;
	return account_out(rq, name, out, err);
}

/* Accounts, for administrators. There is no DELETE: an account that made changes stays named
 * in the audit log; it is disabled instead. */
static int h_users(request *rq, response *rs, ts_error *err)
{
	static const char *const keys[] = {"username", "roles", "state", "password", NULL};
	json_t *body, *out = NULL;
	int rc;

	if (check_no_params(rq, err))
		return -1;
	if (!strcmp(rq->method, "GET"))
		return ts_account_list(rq->st, &out, err) ? -1 : reply_json(rs, 200, out, 0);
	if (!(body = parse_body(rq, err)))
		return -1;
	rc = only_keys(body, keys, "a new account", err) || txn(rq, create_user, body, &out, err);
	json_decref(body);
	if (rc)
		return -1;
	snprintf(rs->location, sizeof(rs->location), "/api/v1/users/%s", json_string_value(json_object_get(out, "username")));
	return reply_json(rs, 201, out, 0);
}

static int h_user(request *rq, response *rs, ts_error *err)
{
	static const char *const keys[] = {"roles", "state", "disabled", "unlock", "password", NULL};
	json_t *body, *out = NULL;
	int rc;

	if (check_no_params(rq, err))
		return -1;
	if (!strcmp(rq->method, "GET"))
		return account_out(rq, rq->p1, &out, err) ? -1 : reply_json(rs, 200, out, 0);
	if (!(body = parse_body(rq, err)))
		return -1;
	rc = only_keys(body, keys, "a change of account", err) || txn(rq, change_user, body, &out, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 200, out, 0);
}

static const char *mime(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
		{".json", "application/json"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"},
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static int serve_asset(response *rs, const char *name, ts_error *err)
{
	const ts_embedded *a = ts_embedded_find(ts_web_assets, name);

	if (!a)
		return ts_fail(err, TS_NOT_FOUND, NULL, "no file '%.80s'", name);
	rs->status = 200;
	rs->type = mime(name);
	rs->body = (char *)a->data;
	rs->len = a->len;
	rs->is_static = 1;
	return 0;
}

static int h_static(request *rq, response *rs, ts_error *err)
{
	return serve_asset(rs, rq->p1, err);
}


/* A text the library wrote into a buffer (a feed, a CSV file), answered with its media type. */
int reply_buf(response *rs, ts_buf *out, const char *type, int cacheable, ts_error *err)
{
	rs->status = 200;
	rs->type = type;
	rs->body = ts_buf_detach(out, &rs->len);
	rs->cacheable = cacheable;
	return rs->body ? 0 : ts_fail(err, TS_INTERNAL, NULL, "out of memory");
}

/* ---- meetings and votes ---- */

/* Query parameters of the meeting and vote addresses: lang and the names given. */
static int h_quorum(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"rule", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *q;

	if (read_params(rq, &w) || ts_meeting_quorum(rq->st, rq->p1, w.values[0], &q, err))
		return -1;
	return reply_json(rs, 200, q, 1);
}

static int open_vote(request *rq, json_t *body, json_t **out, ts_error *err)
{
	return ts_vote_open(rq->st, body, out, err);
}

static int h_votes(request *rq, response *rs, ts_error *err)
{
	json_t *body, *vote = NULL;
	int rc;

	if (!strcmp(rq->method, "GET"))
		return list_records(rq, rs, &ts_entity_vote, err);
	if (check_no_params(rq, err) || !(body = parse_body(rq, err)))
		return -1;
	rc = txn(rq, open_vote, body, &vote, err);
	json_decref(body);
	if (rc)
		return -1;
	snprintf(rs->location, sizeof(rs->location), "/api/v1/votes/%s", json_string_value(json_object_get(vote, "id")));
	return reply_json(rs, 201, vote, 0);
}

static int h_tally(request *rq, response *rs, ts_error *err)
{
	json_t *r;

	if (check_no_params(rq, err) || ts_vote_report(rq->st, rq->p1, &r, err))
		return -1;
	return reply_json(rs, 200, r, 1);
}

static int cast(request *rq, json_t *body, json_t **out, ts_error *err)
{
	return ts_vote_cast(rq->st, rq->p1, rq->p2, json_string_value(json_object_get(body, "choice")), out, err);
}

static int h_ballot(request *rq, response *rs, ts_error *err)
{
	static const char *const allowed[] = {"choice", NULL};
	json_t *body, *ballot = NULL;
	int rc;

	if (check_no_params(rq, err) || !(body = parse_body(rq, err)))
		return -1;
	rc = only_keys(body, allowed, "a ballot", err) ? -1 : txn(rq, cast, body, &ballot, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 200, ballot, 0);
}

static int close_vote(request *rq, json_t *body, json_t **out, ts_error *err)
{
	(void)body;
	return ts_vote_close(rq->st, rq->p1, out, err);
}

static int h_close(request *rq, response *rs, ts_error *err)
{
	json_t *vote = NULL;

	if (check_no_params(rq, err) || txn(rq, close_vote, NULL, &vote, err))
		return -1;
	return reply_json(rs, 200, vote, 0);
}

static int h_cycles(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"on", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *c;

	if (read_params(rq, &w) || ts_organ_cycles(rq->st, w.values[0], &c, err))
		return -1;
	/* a given day's answer stays true until the data change; today's changes at midnight */
	return reply_json(rs, 200, c, w.values[0] ? 1 : 0);
}

static int h_calendar(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"organ", NULL};
	struct params w = {names, {NULL}, err, 0};
	ts_buf out = TS_BUF_INIT;

	if (read_params(rq, &w) || ts_ics_meetings(rq->st, rq->lang, w.values[0], &out, err)) {
		ts_buf_free(&out);
		return -1;
	}
	return reply_buf(rs, &out, "text/calendar; charset=utf-8", 1, err);
}

/* ---- implementation of decisions ---- */

static int h_gap(request *rq, response *rs, ts_error *err)
{
	static const char *const names[] = {"by", "on", "organ", "category", "addressee", "resolution", "year", NULL};
	struct params w = {names, {NULL}, err, 0};
	ts_gap_query q;
	json_t *gap;
	char *end;

	if (read_params(rq, &w))
		return -1;
	memset(&q, 0, sizeof(q));
	q.by = w.values[0];
	q.on = w.values[1];
	q.organ = w.values[2];
	q.category = w.values[3];
	q.addressee = w.values[4];
	q.resolution = w.values[5];
	if (w.values[6]) {
		q.year = strtol(w.values[6], &end, 10);
		if (!*w.values[6] || *end || q.year < 1900 || q.year > 2200)
			return ts_fail(err, TS_INVALID_PARAMETER, "year", "year must be a year such as 2018, not '%.20s'",
				       w.values[6]);
	}
	if (ts_gap(rq->st, &q, &gap, err))
		return -1;
	/* a given day's answer stays true until the data change; today's changes at midnight */
	return reply_json(rs, 200, gap, q.on ? 1 : 0);
}

/* GET .../{id}/progress?on= of a resolution, a programme result or a mandate. */
typedef int (*progress_fn)(ts_store *, const char *, const char *, json_t **, ts_error *);

static int progress(request *rq, response *rs, progress_fn fn, ts_error *err)
{
	static const char *const names[] = {"on", NULL};
	struct params w = {names, {NULL}, err, 0};
	json_t *out;

	if (read_params(rq, &w) || fn(rq->st, rq->p1, w.values[0], &out, err))
		return -1;
	return reply_json(rs, 200, out, w.values[0] ? 1 : 0);
}

static int h_resolution_progress(request *rq, response *rs, ts_error *err)
{
	return progress(rq, rs, ts_resolution_progress, err);
}

static int h_result_progress(request *rq, response *rs, ts_error *err)
{
	return progress(rq, rs, ts_result_progress, err);
}

static int h_mandate_progress(request *rq, response *rs, ts_error *err)
{
	return progress(rq, rs, ts_mandate_progress, err);
}

static int make_mandates(request *rq, json_t *body, json_t **out, ts_error *err)
{
	return ts_mandates_from_paragraph(rq->st, rq->p1, json_object_get(body, "mandates"), out, err);
}

static int h_paragraph_mandates(request *rq, response *rs, ts_error *err)
{
	static const char *const allowed[] = {"mandates", NULL};
	json_t *body, *made = NULL;
	int rc;

	if (check_no_params(rq, err) || !(body = parse_body(rq, err)))
		return -1;
	rc = only_keys(body, allowed, "mandates from a paragraph", err) ? -1 : txn(rq, make_mandates, body, &made, err);
	json_decref(body);
	return rc ? -1 : reply_json(rs, 201, json_pack("{s:o}", "mandates", made), 0);
}


/* The deadline and lateness feeds: one addressee's, or everyone's the caller reads. */
typedef int (*feed_fn)(ts_store *, const char *, ts_lang, const char *, ts_buf *, ts_error *);

static int feed(request *rq, response *rs, feed_fn fn, const char *type, ts_error *err)
{
	static const char *const names[] = {"addressee", NULL};
	struct params w = {names, {NULL}, err, 0};
	ts_buf out = TS_BUF_INIT;

	if (read_params(rq, &w) || fn(rq->st, w.values[0], rq->lang, NULL, &out, err)) {
		ts_buf_free(&out);
		return -1;
	}
	return reply_buf(rs, &out, type, 0, err); /* a feed depends on the day */
}

static int h_deadlines(request *rq, response *rs, ts_error *err)
{
	return feed(rq, rs, ts_deadlines_ics, "text/calendar; charset=utf-8", err);
}

static int h_late(request *rq, response *rs, ts_error *err)
{
	return feed(rq, rs, ts_late_atom, "application/atom+xml; charset=utf-8", err);
}

static int import_status(request *rq, json_t *body, json_t **out, ts_error *err)
{
	ts_import_stats stats;
	long reports = 0;

	(void)body;
	if (ts_mandates_status_import(rq->st, rq->body ? rq->body : "", rq->body_len, &stats, &reports, err))
		return -1;
	*out = json_pack("{s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)stats.rows, "created", (json_int_t)stats.created,
			 "updated", (json_int_t)stats.updated, "unchanged", (json_int_t)stats.unchanged, "reports",
			 (json_int_t)reports);
	return 0;
}

static int h_progress_report(request *rq, response *rs, ts_error *err)
{
	ts_buf out = TS_BUF_INIT;
	json_t *stats = NULL;
	const char *ct;

	if (check_no_params(rq, err))
		return -1;
	if (!strcmp(rq->method, "GET")) {
		if (ts_mandates_status_export(rq->st, &out, err)) {
			ts_buf_free(&out);
			return -1;
		}
		return reply_buf(rs, &out, "text/csv; charset=utf-8", 1, err);
	}
	ct = http_header(rq, "Content-Type");
	if (!ct || strncmp(ct, "text/csv", 8))
		return ts_fail(err, TS_UNSUPPORTED_MEDIA_TYPE, "Content-Type",
			       "send the progress report as text/csv, as GET /api/v1/progress-report.csv writes it, not '%.60s'",
			       ct ? ct : "(none)");
	if (txn(rq, import_status, NULL, &stats, err))
		return -1;
	return reply_json(rs, 200, stats, 0);
}

/* ---- routing and access ---- */

/* Who may call an operation. Every operation of the route table declares one; the access check
 * is made here, before the handler runs, and the OpenAPI document carries it (x-tansiq-access),
 * from which the access-matrix test is generated. Records are filtered further by level in the
 * library (access.h), whoever the caller. */
typedef enum access_rule {
	ACC_UNDECLARED = 0, /* a mistake: the document refuses to be served (500) */
	ACC_PUBLIC,         /* anyone; credentials, when sent, are checked and read as that account */
	ACC_ANYONE,         /* anyone, credentials ignored (signing in and out) */
	ACC_ACCOUNT,        /* any signed-in account */
	ACC_WRITERS,        /* any signed-in account; the entity's writers (x-tansiq-writers) decide */
	ACC_ADMIN           /* administrators */
} access_rule;

static const char *const access_names[] = {"undeclared", "public", "anyone", "account", "writers", "admin"};

typedef struct op {
	const char *method;
	access_rule rule;
} op;

/* A pattern's segments: literal text, or "*" for one path segment captured into p1 then p2.
 * doc is the path in the OpenAPI document ("{}" where a "*" is); NULL for the web
 * application's files. */
static const struct route {
	const char *pattern;
	const char *doc;
	int (*fn)(request *, response *, ts_error *);
	op ops[4];
} routes[] = {
	{"/api/v1/openapi.json", "/api/v1/openapi.json", h_openapi, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/schema", "/api/v1/schema", h_schema, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/summary", "/api/v1/summary", h_summary, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/session", "/api/v1/session", h_session,
	 {{"GET", ACC_ANYONE}, {"POST", ACC_ANYONE}, {"DELETE", ACC_ANYONE}}},
	{"/api/v1/account", "/api/v1/account", h_account, {{"GET", ACC_ACCOUNT}, {"PATCH", ACC_ACCOUNT}}},
	{"/api/v1/account/tokens", "/api/v1/account/tokens", h_tokens, {{"GET", ACC_ACCOUNT}, {"POST", ACC_ACCOUNT}}},
	{"/api/v1/account/tokens/*", "/api/v1/account/tokens/{}", h_token, {{"DELETE", ACC_ACCOUNT}}},
	{"/api/v1/users", "/api/v1/users", h_users, {{"GET", ACC_ADMIN}, {"POST", ACC_ADMIN}}},
	{"/api/v1/users/*", "/api/v1/users/{}", h_user, {{"GET", ACC_ADMIN}, {"PATCH", ACC_ADMIN}}},
	{"/api/v1/audit", "/api/v1/audit", h_audit, {{"GET", ACC_ADMIN}}},
	{"/api/v1/calendar.ics", "/api/v1/calendar.ics", h_calendar, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/cycles", "/api/v1/cycles", h_cycles, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/meetings/*/quorum", "/api/v1/meetings/{}/quorum", h_quorum, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/votes", "/api/v1/votes", h_votes, {{"GET", ACC_PUBLIC}, {"POST", ACC_WRITERS}}},
	{"/api/v1/votes/*/tally", "/api/v1/votes/{}/tally", h_tally, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/votes/*/ballots/*", "/api/v1/votes/{}/ballots/{}", h_ballot, {{"PUT", ACC_WRITERS}}},
	{"/api/v1/votes/*/close", "/api/v1/votes/{}/close", h_close, {{"POST", ACC_WRITERS}}},
	{"/api/v1/gap", "/api/v1/gap", h_gap, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/deadlines.ics", "/api/v1/deadlines.ics", h_deadlines, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/late.atom", "/api/v1/late.atom", h_late, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/progress-report.csv", "/api/v1/progress-report.csv", h_progress_report,
	 {{"GET", ACC_PUBLIC}, {"POST", ACC_WRITERS}}},
	{"/api/v1/paragraphs/*/mandates", "/api/v1/paragraphs/{}/mandates", h_paragraph_mandates, {{"POST", ACC_WRITERS}}},
	{"/api/v1/resolutions/*/progress", "/api/v1/resolutions/{}/progress", h_resolution_progress, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/results/*/progress", "/api/v1/results/{}/progress", h_result_progress, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/mandates/*/progress", "/api/v1/mandates/{}/progress", h_mandate_progress, {{"GET", ACC_PUBLIC}}},
	/* conflicts and early warning: imports and aggregates (api_events.c) */
	{"/api/v1/imports/*", "/api/v1/imports/{}", h_import_feed, {{"POST", ACC_WRITERS}}},
	{"/api/v1/country-months", "/api/v1/country-months", h_country_months, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/admin1-months", "/api/v1/admin1-months", h_admin1_months, {{"GET", ACC_PUBLIC}}},
	/* the forecast (api_forecast.c) */
	{"/api/v1/forecast", "/api/v1/forecast", h_forecast, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/forecast/fit", "/api/v1/forecast/fit", h_forecast_fit, {{"POST", ACC_WRITERS}}},
	{"/api/v1/forecast/backtest", "/api/v1/forecast/backtest", h_forecast_backtest, {{"GET", ACC_PUBLIC}}},
	/* statistics, common threads and alerts (api_alerts.c) */
	{"/api/v1/stats/conflicts", "/api/v1/stats/conflicts", h_stats_conflicts, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/stats/states", "/api/v1/stats/states", h_stats_states, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/threads", "/api/v1/threads", h_threads, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/alerts.atom", "/api/v1/alerts.atom", h_alerts_atom, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/alerts", "/api/v1/alerts", h_alerts, {{"GET", ACC_PUBLIC}, {"POST", ACC_WRITERS}}},
	{"/api/v1/alerts/run", "/api/v1/alerts/run", h_alerts_run, {{"POST", ACC_WRITERS}}},
	{"/api/v1/alerts/*/*", "/api/v1/alerts/{}/{}", h_alert_step, {{"POST", ACC_WRITERS}}},
	/* mediation: the network's decisions and signatures, matching, stages, dossier (api_mediation.c) */
	{"/api/v1/mediators/*/sign", "/api/v1/mediators/{}/sign", h_mediator_sign, {{"POST", ACC_WRITERS}}},
	{"/api/v1/mediators/*/*", "/api/v1/mediators/{}/{}", h_mediator_decision, {{"POST", ACC_WRITERS}}},
	{"/api/v1/processes/*/match", "/api/v1/processes/{}/match", h_process_match, {{"GET", ACC_ACCOUNT}}},
	{"/api/v1/processes/*/stage", "/api/v1/processes/{}/stage", h_process_stage, {{"POST", ACC_WRITERS}}},
	{"/api/v1/processes/*/dossier", "/api/v1/processes/{}/dossier", h_process_dossier, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/codes-of-conduct/current", "/api/v1/codes-of-conduct/current", h_code_current, {{"GET", ACC_PUBLIC}}},
	/* search and documents (api_search.c) */
	{"/api/v1/search", "/api/v1/search", h_search, {{"GET", ACC_PUBLIC}}},
	{"/api/v1/documents/import", "/api/v1/documents/import", h_document_import, {{"POST", ACC_WRITERS}}},
	{"/api/v1/*", "/api/v1/{}", h_collection, {{"GET", ACC_PUBLIC}, {"POST", ACC_WRITERS}}},
	{"/api/v1/*/*", "/api/v1/{}/{}", h_item, {{"GET", ACC_PUBLIC}, {"PATCH", ACC_WRITERS}, {"DELETE", ACC_WRITERS}}},
	{"/static/*", NULL, h_static, {{"GET", ACC_PUBLIC}}},
};

static int match(const char *pattern, const char *url, char caps[2][256])
{
	int ncap = 0;

	while (*pattern && *url) {
		if (*pattern == '*') {
			size_t n = strcspn(url, "/");
			if (n == 0 || n >= 256 || ncap >= 2)
				return 0;
			memcpy(caps[ncap], url, n);
			caps[ncap++][n] = '\0';
			url += n;
			pattern++;
		} else if (*pattern++ != *url++) {
			return 0;
		}
	}
	return !*pattern && !*url;
}

static const struct route *find_route(const char *url, char caps[2][256])
{
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (match(routes[i].pattern, url, caps))
			return &routes[i];
	return NULL;
}

static void allow_list(const struct route *r, char *out, size_t size)
{
	out[0] = '\0';
	for (int i = 0; i < 4 && r->ops[i].method; i++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? ", " : "", r->ops[i].method);
}

/* Applies an operation's rule to the request. */
static int check_access(request *rq, response *rs, access_rule rule, ts_error *err)
{
	ts_account a;
	int reads = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD");

	switch (rule) {
	case ACC_ANYONE:
		return 0;
	case ACC_PUBLIC:
		/* a request that carries credentials reads as that account; wrong credentials are
		 * refused rather than silently read as the public */
		if (!http_header(rq, "Authorization") && !http_cookie(rq, "tansiq_session"))
			return 0;
		if (!http_header(rq, "Authorization") && reads) {
			/* a session that has ended (a new password, a disabled account, expiry) reads as
			 * the public, and the browser is told to forget the cookie */
			ts_session s;
			ts_error ignored = TS_ERROR_INIT;
			char address[64];
			if (ts_session_find(rq->st, http_cookie(rq, "tansiq_session"), &s, &ignored)) {
				snprintf(rs->cookie, sizeof(rs->cookie), "tansiq_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
				return 0;
			}
			http_client_address(rq, address, sizeof(address));
			act_as(rq, &s.account, address);
			return 0;
		}
		return identify(rq, &a, !reads, err);
	case ACC_ACCOUNT:
	case ACC_WRITERS:
		return identify(rq, &a, !reads, err);
	case ACC_ADMIN:
		if (identify(rq, &a, !reads, err))
			return -1;
		if (!(a.roles & TS_ROLE_ADMIN))
			return ts_fail(err, TS_FORBIDDEN, NULL, "this is for administrators; account '%s' is not one", a.username);
		return 0;
	case ACC_UNDECLARED:
		break;
	}
	return ts_fail(err, TS_INTERNAL, NULL, "the route %s has no declared access rule", rq->url);
}

/* Puts each operation's rule into the OpenAPI document, and checks that the document and the
 * route table agree: every documented operation is routed and declared, every declared API
 * operation is documented. */
static int annotate(json_t *doc, ts_error *err)
{
	json_t *paths = json_object_get(doc, "paths"), *item;
	const char *path;
	int documented[sizeof(routes) / sizeof(routes[0])][4] = {{0}};

	json_object_foreach(paths, path, item) {
		char url[256], caps[2][256];
		const char *key;
		json_t *o;
		size_t n = 0;
		const struct route *r;
		/* a concrete URL for the path: "{id}" becomes "x" */
		for (const char *p = path; *p && n + 2 < sizeof(url); p++) {
			if (*p == '{') {
				url[n++] = 'x';
				p = strchr(p, '}');
				if (!p)
					break;
			} else {
				url[n++] = *p;
			}
		}
		url[n] = '\0';
		r = find_route(url, caps);
		json_object_foreach(item, key, o) {
			int i;
			if (!strcmp(key, "parameters"))
				continue;
			for (i = 0; r && i < 4 && r->ops[i].method; i++)
				if (!strcasecmp(r->ops[i].method, key))
					break;
			if (!r || i == 4 || !r->ops[i].method || r->ops[i].rule == ACC_UNDECLARED)
				return ts_fail(err, TS_INTERNAL, NULL, "%s %s is documented but has no route with an access rule",
					       key, path);
			documented[r - routes][i] = 1;
			json_object_set_new(o, "x-tansiq-access", json_string(access_names[r->ops[i].rule]));
		}
	}
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		for (int j = 0; routes[i].doc && j < 4 && routes[i].ops[j].method; j++)
			if (!documented[i][j])
				return ts_fail(err, TS_INTERNAL, NULL, "route %s %s is not in the OpenAPI document",
					       routes[i].ops[j].method, routes[i].pattern);
	return 0;
}

int api_handle(request *rq, response *rs, ts_error *err)
{
	static __thread char caps[2][256]; /* the path parameters, read by the handler */
	const struct route *r = find_route(rq->url, caps);
	const char *method = !strcmp(rq->method, "HEAD") ? "GET" : rq->method;
	int i;

	if (!r) {
		if (!strncmp(rq->url, "/api/", 5))
			return ts_fail(err, TS_NOT_FOUND, NULL, "no API address '%.100s'; see /api/v1/openapi.json", rq->url);
		if (strcmp(method, "GET"))
			return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "pages are read with GET");
		return serve_asset(rs, "index.html", err);
	}
	for (i = 0; i < 4 && r->ops[i].method; i++)
		if (!strcmp(r->ops[i].method, method))
			break;
	if (i == 4 || !r->ops[i].method) {
		static __thread char allow[64];
		allow_list(r, allow, sizeof(allow));
		rs->allow = allow;
		return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "%s is not allowed at %.100s; use %s", rq->method, rq->url,
			       allow);
	}
	rq->p1 = caps[0];
	rq->p2 = caps[1];
	if (check_access(rq, rs, r->ops[i].rule, err))
		return -1;
	return r->fn(rq, rs, err);
}
