/* Routes and handlers. The registry's collections are served by one set of generic handlers
 * driven by the entity descriptions; the routing table is data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server/server.h"
#include "tansiq/embedded.h"

extern const ts_embedded ts_web_assets[];

/* ---- responses ---- */

static int reply_json(response *rs, int status, json_t *j, int cacheable)
{
	rs->status = status;
	rs->type = "application/json";
	rs->body = json_dumps(j, JSON_COMPACT);
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

	if (!strcmp(name, "lang"))
		return lang_param(w, value);
	if (ts_query_param(w->q, name, value, w->err)) {
		w->failed = 1;
		return 1;
	}
	return 0;
}

static int no_param(void *c, const char *name, const char *value)
{
	struct qwalk *w = c;

	if (!strcmp(name, "lang"))
		return lang_param(w, value);
	ts_fail(w->err, TS_UNKNOWN_PARAMETER, name, "unknown parameter '%.40s'; this address takes only lang", name);
	w->failed = 1;
	return 1;
}

static int check_no_params(request *rq, ts_error *err)
{
	struct qwalk w = {NULL, err, 0};

	http_params(rq, no_param, &w);
	return w.failed ? -1 : 0;
}

/* ---- authentication ---- */

typedef struct who {
	char username[64];
	char role[32];
} who;

/* Who sends the request: HTTP Basic (scripts) or the session cookie, which must carry its CSRF
 * token when need_csrf (every request that changes something). On success the store reads as
 * this account (its roles decide what is visible) and the audit log records it as the author. */
static int identify(request *rq, who *u, int need_csrf, ts_error *err)
{
	const char *auth = http_header(rq, "Authorization");
	const char *cookie = http_cookie(rq, "tansiq_session");

	if (auth && !strncmp(auth, "Basic ", 6)) {
		unsigned char dec[512];
		size_t n;
		char *colon;
		if (sodium_base642bin(dec, sizeof(dec) - 1, auth + 6, strlen(auth + 6), NULL, &n, NULL,
				      sodium_base64_VARIANT_ORIGINAL) || !(dec[n] = 0, colon = strchr((char *)dec, ':')))
			return ts_fail(err, TS_UNAUTHENTICATED, NULL, "the Authorization header is not Basic base64(user:password)");
		*colon = '\0';
		if (ts_account_verify(rq->st, (char *)dec, colon + 1, u->role, err))
			return -1;
		snprintf(u->username, sizeof(u->username), "%.63s", (char *)dec);
	} else if (cookie) {
		ts_session s;
		const char *csrf = http_header(rq, "X-Tansiq-CSRF");
		if (ts_session_find(rq->st, cookie, &s, err))
			return -1;
		if (need_csrf && (!csrf || strlen(csrf) != strlen(s.csrf) || sodium_memcmp(csrf, s.csrf, strlen(s.csrf))))
			return ts_fail(err, TS_CSRF, "X-Tansiq-CSRF", "a change made with the session cookie must carry the X-Tansiq-CSRF header");
		snprintf(u->username, sizeof(u->username), "%s", s.username);
		snprintf(u->role, sizeof(u->role), "%s", s.role);
	} else {
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "this needs a signed-in administrator");
	}
	{
		ts_viewer v = {0};
		char address[64];
		if (ts_roles_parse(u->role, &v.roles, err))
			return -1;
		snprintf(v.username, sizeof(v.username), "%s", u->username);
		ts_store_set_viewer(rq->st, &v);
		http_client_address(rq, address, sizeof(address));
		ts_store_set_actor(rq->st, u->username, address);
	}
	return 0;
}

/* Changes (and the audit log) need an administrator. */
static int authenticate(request *rq, who *u, ts_error *err)
{
	if (identify(rq, u, strcmp(rq->method, "GET") != 0, err))
		return -1;
	if (strcmp(u->role, "admin"))
		return ts_fail(err, TS_FORBIDDEN, NULL, "account '%s' may not change records", u->username);
	return 0;
}

/* Reads are for everyone; a request that carries credentials reads as that account, and wrong
 * credentials are refused rather than silently read as the public. */
static int reader(request *rq, ts_error *err)
{
	who u;

	if (!http_header(rq, "Authorization") && !http_cookie(rq, "tansiq_session"))
		return 0;
	return identify(rq, &u, 0, err);
}

static json_t *parse_body(request *rq, ts_error *err)
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

/* Runs a write in one transaction: all of it or nothing. */
typedef int (*write_fn)(request *rq, const ts_entity *e, json_t *body, json_t **out, ts_error *err);

static int in_txn(request *rq, const ts_entity *e, json_t *body, write_fn fn, json_t **out, ts_error *err)
{
	if (ts_store_begin(rq->st, err))
		return -1;
	if (fn(rq, e, body, out, err)) {
		ts_store_rollback(rq->st);
		return -1;
	}
	return ts_store_commit(rq->st, err);
}

static int do_create(request *rq, const ts_entity *e, json_t *body, json_t **out, ts_error *err)
{
	return ts_record_create(rq->st, e, body, out, err);
}

static int do_update(request *rq, const ts_entity *e, json_t *body, json_t **out, ts_error *err)
{
	return ts_record_update(rq->st, e, rq->p2, body, out, err);
}

static int do_delete(request *rq, const ts_entity *e, json_t *body, json_t **out, ts_error *err)
{
	(void)body;
	*out = NULL;
	return ts_record_delete(rq->st, e, rq->p2, err);
}

/* ---- handlers ---- */

static int h_collection(request *rq, response *rs, ts_error *err)
{
	const ts_entity *e = ts_schema_entity(ts_store_schema(rq->st), rq->p1);
	who u;

	if (!e || strcmp(e->collection, rq->p1))
		return ts_fail(err, TS_UNKNOWN_COLLECTION, NULL, "no collection '%.60s'", rq->p1);
	if (!strcmp(rq->method, "GET")) {
		ts_query q;
		struct qwalk w = {&q, err, 0};
		json_t *page;
		int rc;
		if (reader(rq, err))
			return -1;
		ts_query_init(&q, e);
		http_params(rq, list_param, &w);
		rc = w.failed ? -1 : ts_records_list(rq->st, &q, &page, err);
		ts_query_free(&q);
		return rc ? -1 : reply_json(rs, 200, page, 1);
	}
	if (!strcmp(rq->method, "POST")) {
		json_t *body, *rec = NULL;
		int rc;
		if (check_no_params(rq, err) || authenticate(rq, &u, err) || !(body = parse_body(rq, err)))
			return -1;
		rc = in_txn(rq, e, body, do_create, &rec, err);
		json_decref(body);
		if (rc)
			return -1;
		snprintf(rs->location, sizeof(rs->location), "/api/v1/%s/%s", e->collection,
			 json_string_value(json_object_get(rec, "id")));
		return reply_json(rs, 201, rec, 0);
	}
	rs->allow = "GET, POST";
	return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "%s is not allowed on a collection; use GET or POST", rq->method);
}

static int h_item(request *rq, response *rs, ts_error *err)
{
	const ts_entity *e = ts_schema_entity(ts_store_schema(rq->st), rq->p1);
	json_t *rec = NULL;
	who u;

	if (!e || strcmp(e->collection, rq->p1))
		return ts_fail(err, TS_UNKNOWN_COLLECTION, NULL, "no collection '%.60s'", rq->p1);
	if (check_no_params(rq, err))
		return -1;
	if (!strcmp(rq->method, "GET")) {
		if (reader(rq, err) || ts_record_get(rq->st, e, rq->p2, &rec, err))
			return -1;
		return reply_json(rs, 200, rec, 1);
	}
	if (!strcmp(rq->method, "PATCH")) {
		json_t *body;
		int rc;
		if (authenticate(rq, &u, err) || !(body = parse_body(rq, err)))
			return -1;
		rc = in_txn(rq, e, body, do_update, &rec, err);
		json_decref(body);
		return rc ? -1 : reply_json(rs, 200, rec, 0);
	}
	if (!strcmp(rq->method, "DELETE")) {
		if (authenticate(rq, &u, err) || in_txn(rq, e, NULL, do_delete, &rec, err))
			return -1;
		rs->status = 204;
		return 0;
	}
	rs->allow = "GET, PATCH, DELETE";
	return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "%s is not allowed on a record; use GET, PATCH or DELETE", rq->method);
}

static int read_only(request *rq, response *rs, ts_error *err)
{
	if (!strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD"))
		return check_no_params(rq, err);
	rs->allow = "GET";
	return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "%s is not allowed here; this address is read with GET",
		       rq->method);
}

static int h_schema(request *rq, response *rs, ts_error *err)
{
	if (read_only(rq, rs, err))
		return -1;
	return reply_json(rs, 200, ts_schema_describe(ts_store_schema(rq->st)), 1);
}

static int h_openapi(request *rq, response *rs, ts_error *err)
{
	if (read_only(rq, rs, err))
		return -1;
	return reply_json(rs, 200, ts_openapi_document(ts_store_schema(rq->st), TANSIQ_VERSION), 1);
}

static int h_summary(request *rq, response *rs, ts_error *err)
{
	json_t *s;

	if (read_only(rq, rs, err) || reader(rq, err) || ts_registry_summary(rq->st, &s, err))
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
	if (!strcmp(name, "collection"))
		q->collection = value;
	else if (!strcmp(name, "record"))
		q->record = value;
	else if (!strcmp(name, "actor"))
		q->actor = value;
	else if (!strcmp(name, "since") || !strcmp(name, "until")) {
		char date[11];
		snprintf(date, sizeof(date), "%s", value);
		if (strlen(value) < 10 || !ts_pdate_valid(date) || (value[10] && value[10] != 'T')) {
			ts_fail(w->err, TS_INVALID_PARAMETER, name,
				"parameter '%s': '%.40s' is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)", name, value);
			w->failed = 1;
			return 1;
		}
		if (!strcmp(name, "since"))
			q->since = value;
		else
			q->until = value;
	} else if (!strcmp(name, "limit")) {
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
	who u;

	if (strcmp(rq->method, "GET")) {
		rs->allow = "GET";
		return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "the audit log is only read: the application never changes it");
	}
	if (authenticate(rq, &u, err))
		return -1;
	http_params(rq, audit_param, &w);
	if (w.failed || ts_audit_list(rq->st, &q, &page, err))
		return -1;
	return reply_json(rs, 200, page, 0);
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
		return reply_json(rs, 200, json_pack("{s:s, s:s, s:s}", "username", s.username, "role", s.role, "csrf", s.csrf), 0);
	}
	if (!strcmp(rq->method, "POST")) {
		json_t *body = parse_body(rq, err);
		const char *user, *pass;
		char role[32], token[TS_TOKEN_LEN + 1];
		const char *key;
		json_t *v;
		if (!body)
			return -1;
		json_object_foreach(body, key, v) {
			if (strcmp(key, "username") && strcmp(key, "password")) {
				ts_fail(err, TS_UNKNOWN_FIELD, key, "sign-in takes only username and password, not '%.40s'", key);
				json_decref(body);
				return -1;
			}
		}
		user = json_string_value(json_object_get(body, "username"));
		pass = json_string_value(json_object_get(body, "password"));
		if (!user || !pass) {
			ts_fail(err, TS_REQUIRED, user ? "password" : "username", "give both username and password as strings");
			json_decref(body);
			return -1;
		}
		if (ts_account_verify(rq->st, user, pass, role, err) || ts_store_begin(rq->st, err)) {
			json_decref(body);
			return -1;
		}
		if (ts_session_create(rq->st, user, role, token, &s, err) || ts_store_commit(rq->st, err)) {
			ts_store_rollback(rq->st);
			json_decref(body);
			return -1;
		}
		json_decref(body);
		snprintf(rs->cookie, sizeof(rs->cookie), "tansiq_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
			 token, TS_SESSION_SECONDS);
		return reply_json(rs, 200, json_pack("{s:s, s:s, s:s}", "username", s.username, "role", s.role, "csrf", s.csrf), 0);
	}
	if (!strcmp(rq->method, "DELETE")) {
		if (ts_session_end(rq->st, cookie, err))
			return -1;
		snprintf(rs->cookie, sizeof(rs->cookie), "tansiq_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
		rs->status = 204;
		return 0;
	}
	rs->allow = "GET, POST, DELETE";
	return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "%s is not allowed here", rq->method);
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
	if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD"))
		return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "files are read with GET");
	return serve_asset(rs, rq->p1, err);
}

static int h_app(request *rq, response *rs, ts_error *err)
{
	if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD"))
		return ts_fail(err, TS_METHOD_NOT_ALLOWED, NULL, "pages are read with GET");
	return serve_asset(rs, "index.html", err);
}

/* ---- routing ---- */

/* A pattern's segments: literal text, or "*" for one path segment captured into p1 then p2. */
static const struct route {
	const char *pattern;
	int (*fn)(request *, response *, ts_error *);
} routes[] = {
	{"/api/v1/openapi.json", h_openapi},
	{"/api/v1/schema", h_schema},
	{"/api/v1/summary", h_summary},
	{"/api/v1/session", h_session},
	{"/api/v1/audit", h_audit},
	{"/api/v1/*", h_collection},
	{"/api/v1/*/*", h_item},
	{"/static/*", h_static},
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

int api_handle(request *rq, response *rs, ts_error *err)
{
	char caps[2][256];

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (match(routes[i].pattern, rq->url, caps)) {
			rq->p1 = caps[0];
			rq->p2 = caps[1];
			return routes[i].fn(rq, rs, err);
		}
	}
	if (!strncmp(rq->url, "/api/", 5))
		return ts_fail(err, TS_NOT_FOUND, NULL, "no API address '%.100s'; see /api/v1/openapi.json", rq->url);
	return h_app(rq, rs, err);
}
