/* The HTTP server: libmicrohttpd in front, the library's public API behind. */
#ifndef TANSIQ_SERVER_H
#define TANSIQ_SERVER_H

#include <stddef.h>
#include <tansiq/tansiq.h>

typedef struct ts_server_options {
	const char *data_dir;
	const char *listen;        /* HOST:PORT */
	unsigned threads;          /* worker threads; 0: one per core */
	unsigned max_connections;
	unsigned timeout_seconds;  /* a connection idle this long is closed; a request must arrive whole
	                            * (line, headers, body) within this time */
	size_t max_body;           /* bytes; larger bodies are refused before they are read */
	int quiet;
	const char *tls_cert;      /* PEM certificate (chain) file; with tls_key, serve HTTPS */
	const char *tls_key;       /* PEM private key file, not encrypted */
	const char *trusted_proxy; /* IP address of a reverse proxy whose X-Forwarded-For is believed */
} ts_server_options;

#define TS_SERVER_OPTIONS_INIT {"./var", "127.0.0.1:8080", 0, 1024, 15, 1u << 20, 0, NULL, NULL, NULL}

/* Serves until SIGINT or SIGTERM. Returns 0 after a clean stop, -1 (err set) when it cannot
 * start. */
int ts_server_run(const ts_server_options *opt, ts_error *err);

/* ---- internal to src/server ---- */

struct MHD_Connection;

typedef struct request {
	struct MHD_Connection *conn;
	const char *method;
	const char *url;
	ts_lang lang;
	ts_store *st;
	const char *body;
	size_t body_len;
	const char *p1, *p2; /* path parameters: collection, id */
	char cookie_buf[128]; /* the value http_cookie() gives (a session token is 43 bytes) */
} request;

typedef struct response {
	int status;
	const char *type;
	char *body;         /* malloc'd */
	size_t len;
	char location[256];
	char cookie[256];
	const char *allow;
	int cacheable;
	int is_static;
} response;

/* Answers a request (api.c). Returns 0 with rs filled, -1 with err set. */
int api_handle(request *rq, response *rs, ts_error *err);
/* Fills rs with a problem+json document for err (api.c). */
void api_problem(const request *rq, const ts_error *err, response *rs);
/* Names of the query parameters of the current request, for validation (http.c). */
typedef int (*param_fn)(void *ctx, const char *name, const char *value);
void http_params(const request *rq, param_fn fn, void *ctx);
const char *http_header(const request *rq, const char *name);
const char *http_cookie(const request *rq, const char *name);
/* The client's IP address as text: the peer's, or, when the peer is the trusted proxy, the
 * last address of its X-Forwarded-For header (the one the proxy added). */
void http_client_address(const request *rq, char *out, size_t size);

#endif
