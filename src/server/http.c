/* libmicrohttpd plumbing: limits, TLS, request bodies, per-thread store connections and
 * response caches, security headers, and the loop that serves until a signal. */
#include <errno.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "server/server.h"

#define CACHE_SLOTS 128

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
			  "form-action 'self'; frame-ancestors 'none'";

/* One per worker thread: its own SQLite connection and its own cache of GET responses, so
 * that the hot path takes no lock. A cached answer is used only while the store's version is
 * the one it was computed at. */
typedef struct worker {
	ts_store *st;
	struct {
		char *key;
		char *body;
		size_t len;
		const char *type;
		unsigned long long version;
	} cache[CACHE_SLOTS];
	struct worker *next;
} worker;

static const ts_server_options *g_opt;
static int g_tls; /* serving HTTPS: cookies get Secure, responses get HSTS */
static pthread_mutex_t g_workers_lock = PTHREAD_MUTEX_INITIALIZER;
static worker *g_workers;
static _Thread_local worker *tw;

static worker *this_worker(ts_error *err)
{
	if (tw)
		return tw;
	tw = calloc(1, sizeof(*tw));
	if (!tw) {
		ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	if (ts_store_open(&tw->st, g_opt->data_dir, 0, err)) {
		free(tw);
		tw = NULL;
		return NULL;
	}
	pthread_mutex_lock(&g_workers_lock);
	tw->next = g_workers;
	g_workers = tw;
	pthread_mutex_unlock(&g_workers_lock);
	return tw;
}

static void free_workers(void)
{
	while (g_workers) {
		worker *w = g_workers;
		g_workers = w->next;
		for (int i = 0; i < CACHE_SLOTS; i++) {
			free(w->cache[i].key);
			free(w->cache[i].body);
		}
		ts_store_close(w->st);
		free(w);
	}
}

static unsigned long hash(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* ---- the time to read a request ----
 *
 * libmicrohttpd's timeout counts idleness only: a client that sends a byte of its headers every
 * few seconds keeps its connection (and, repeated, every connection) for as long as it likes.
 * So each connection also has a deadline by which its current request must have arrived whole:
 * --timeout seconds after the connection opens (the TLS handshake included) or after the answer
 * to its previous request. It is lifted once the request is read (handling and answering are
 * bounded by the idle timeout), and a watchdog thread shuts down the socket of a connection past
 * its deadline; libmicrohttpd then sees the connection end and closes it. The list is locked only
 * when a connection opens or closes; the deadline itself is atomic. libmicrohttpd tells us a
 * connection is closed before it closes the socket, and the watchdog shuts sockets down under
 * the same lock, so it never touches a descriptor that has been reused. */

typedef struct watch {
	int fd;
	char addr[INET6_ADDRSTRLEN]; /* the client's, for the log */
	int cut;
	_Atomic long long deadline; /* ms on the monotonic clock; 0: none */
	struct watch *prev, *next;
} watch;

static pthread_mutex_t g_watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_watch_wake;
static watch *g_watches;
static int g_watch_stop;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sets the deadline of the request on connection c: `seconds` from now, or none when 0. */
static void set_deadline(struct MHD_Connection *c, unsigned seconds)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	watch *w = ci ? ci->socket_context : NULL;

	if (w)
		atomic_store(&w->deadline, seconds ? now_ms() + (long long)seconds * 1000 : 0);
}

static void notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			      enum MHD_ConnectionNotificationCode code)
{
	watch *w = *socket_context;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci || !(w = calloc(1, sizeof(*w))))
			return; /* not watched: still bounded by the idle timeout */
		w->fd = ci->connect_fd;
		if (!g_opt->quiet) {
			request rq = {.conn = c};
			http_client_address(&rq, w->addr, sizeof(w->addr));
		}
		atomic_store(&w->deadline, now_ms() + (long long)g_opt->timeout_seconds * 1000);
		pthread_mutex_lock(&g_watch_lock);
		w->next = g_watches;
		if (g_watches)
			g_watches->prev = w;
		g_watches = w;
		pthread_mutex_unlock(&g_watch_lock);
		*socket_context = w;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && w) {
		pthread_mutex_lock(&g_watch_lock);
		if (w->prev)
			w->prev->next = w->next;
		else
			g_watches = w->next;
		if (w->next)
			w->next->prev = w->prev;
		pthread_mutex_unlock(&g_watch_lock);
		free(w);
		*socket_context = NULL;
	}
}

static void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void log_line(const char *fmt, ...)
{
	char when[TS_UTC_SIZE];
	va_list ap;

	ts_utc(time(NULL), 0, when, sizeof(when));
	va_start(ap, fmt);
	flockfile(stderr);
	fprintf(stderr, "%s ", when);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
	va_end(ap);
}

static void *watchdog(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&g_watch_lock);
	while (!g_watch_stop) {
		struct timespec ts;
		long long now;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += 250 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g_watch_wake, &g_watch_lock, &ts);
		now = now_ms();
		for (watch *w = g_watches; w && !g_watch_stop; w = w->next) {
			long long d = atomic_load(&w->deadline);
			if (!d || now < d || w->cut)
				continue;
			w->cut = 1;
			shutdown(w->fd, SHUT_RDWR);
			if (!g_opt->quiet)
				log_line("- - 408 closed the connection of %s: no whole request within %u s", w->addr,
					 g_opt->timeout_seconds);
		}
	}
	pthread_mutex_unlock(&g_watch_lock);
	return NULL;
}

/* ---- libmicrohttpd's own messages ---- */

static _Atomic int g_starting;
static pthread_mutex_t g_start_lock = PTHREAD_MUTEX_INITIALIZER;
static char g_start_msg[512]; /* what libmicrohttpd said while the daemon was starting */

static void mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[400];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (atomic_load(&g_starting)) {
		/* kept for the error that says why the daemon did not start */
		pthread_mutex_lock(&g_start_lock);
		n = strlen(g_start_msg);
		snprintf(g_start_msg + n, sizeof(g_start_msg) - n, "%s%s", n ? " " : "", msg);
		pthread_mutex_unlock(&g_start_lock);
		return;
	}
	if (!g_opt->quiet)
		log_line("%s", msg);
}

/* ---- TLS ---- */

/* Reads the PEM file of option --`option` whole (at most 1 MiB) and checks that it holds what it
 * should: a certificate, or a private key that is not encrypted. Returns a malloc'd string, or
 * NULL with err set. */
static char *read_pem(const char *path, const char *option, int is_key, ts_error *err)
{
	FILE *f = fopen(path, "rb");
	ts_buf b = TS_BUF_INIT;
	char chunk[4096];
	size_t n;
	int too_big = 0, failed;
	const char *s;

	if (!f) {
		ts_fail(err, TS_IO, option, "cannot read --%s '%s': %s", option, path, strerror(errno));
		return NULL;
	}
	b.max = 1u << 20;
	while (!too_big && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		too_big = ts_buf_add(&b, chunk, n) != 0;
	failed = ferror(f);
	fclose(f);
	s = ts_buf_str(&b);
	if (failed)
		ts_fail(err, TS_IO, option, "cannot read --%s '%s': %s", option, path, strerror(EIO));
	else if (too_big)
		ts_fail(err, TS_IO, option, "--%s '%s' is larger than 1 MiB: it is not a PEM %s", option, path,
			is_key ? "private key" : "certificate");
	else if (is_key && (strstr(s, "-----BEGIN ENCRYPTED PRIVATE KEY-----") || strstr(s, "Proc-Type: 4,ENCRYPTED")))
		ts_fail(err, TS_IO, option,
			"--%s '%s' is an encrypted private key; give the key unencrypted, in a file only the "
			"server's account can read (e.g. openssl pkey -in KEY -out KEY.pem)",
			option, path);
	else if (is_key && (!strstr(s, "-----BEGIN ") || !strstr(s, "PRIVATE KEY-----")))
		ts_fail(err, TS_IO, option, "--%s '%s' is not a PEM private key (no '-----BEGIN PRIVATE KEY-----' line)",
			option, path);
	else if (!is_key && !strstr(s, "-----BEGIN CERTIFICATE-----"))
		ts_fail(err, TS_IO, option, "--%s '%s' is not a PEM certificate (no '-----BEGIN CERTIFICATE-----' line)",
			option, path);
	else
		return ts_buf_detach(&b, NULL);
	if (b.data)
		explicit_bzero(b.data, b.len);
	ts_buf_free(&b);
	return NULL;
}

static void free_secret(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* ---- request state ---- */

typedef struct ctx {
	ts_buf body;
	int too_large;
} ctx;

struct param_walk {
	param_fn fn;
	void *ctx;
	int stop;
};

static enum MHD_Result walk(void *p, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct param_walk *w = p;

	(void)kind;
	if (!w->stop && w->fn(w->ctx, key, value))
		w->stop = 1;
	return w->stop ? MHD_NO : MHD_YES;
}

void http_params(const request *rq, param_fn fn, void *c)
{
	struct param_walk w = {fn, c, 0};

	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, walk, &w);
}

const char *http_header(const request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

/* The value of cookie `name` in the request's Cookie header (ts_cookie_get, RFC 6265), kept in
 * rq->cookie_buf until the next call; NULL when there is none. A cookie that is refused (too
 * long, bytes a cookie may not hold) gives "", which matches no session: wrong credentials, not
 * the anonymous public. rq is always the handler's own, writable request. */
const char *http_cookie(const request *rq, const char *name)
{
	request *w = (request *)rq;
	const char *header = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Cookie");

	return ts_cookie_get(header, name, w->cookie_buf, sizeof(w->cookie_buf)) == 0 ? NULL : w->cookie_buf;
}

void http_client_address(const request *rq, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "%s", "");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)size);
	if (g_opt && g_opt->trusted_proxy && !strcmp(out, g_opt->trusted_proxy)) {
		const char *xff = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "X-Forwarded-For");
		const char *last = xff ? strrchr(xff, ',') : NULL;
		char addr[64];
		unsigned char bin[16];
		size_t n;
		last = last ? last + 1 : xff;
		while (last && *last == ' ')
			last++;
		n = last ? strcspn(last, " ") : 0;
		/* only a well-formed address is believed: anything else keeps the proxy's */
		if (n > 0 && n < sizeof(addr)) {
			memcpy(addr, last, n);
			addr[n] = '\0';
			if (inet_pton(AF_INET, addr, bin) == 1 || inet_pton(AF_INET6, addr, bin) == 1)
				snprintf(out, size, "%s", addr);
		}
	}
}

static int key_param(void *c, const char *name, const char *value)
{
	ts_buf *b = c;

	ts_buf_printf(b, "&%s=%s", name, value ? value : "");
	return 0;
}

static void add_headers(struct MHD_Response *r, const response *rs)
{
	MHD_add_response_header(r, "Content-Type", rs->type ? rs->type : "application/json");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", rs->is_static ? "no-cache" : "no-store");
	if (rs->location[0])
		MHD_add_response_header(r, "Location", rs->location);
	if (rs->cookie[0] && g_tls && !strstr(rs->cookie, "; Secure")) {
		/* over TLS the browser must never send the cookie over plain HTTP */
		char secure[sizeof(rs->cookie) + sizeof("; Secure")];
		snprintf(secure, sizeof(secure), "%s; Secure", rs->cookie);
		MHD_add_response_header(r, "Set-Cookie", secure);
	} else if (rs->cookie[0]) {
		MHD_add_response_header(r, "Set-Cookie", rs->cookie);
	}
	if (g_tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (rs->allow)
		MHD_add_response_header(r, "Allow", rs->allow);
}

static enum MHD_Result send_response(struct MHD_Connection *c, response *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(rs->len, rs->body ? rs->body : (void *)"",
					    (rs->is_static || !rs->body) ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_FREE);
	if (!r)
		return MHD_NO;
	if (!rs->is_static)
		rs->body = NULL; /* owned by the response now */
	add_headers(r, rs);
	ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static void log_request(const request *rq, int status)
{
	if (g_opt->quiet || (status < 400 && !strcmp(rq->method, "GET")))
		return;
	log_line("%s %s %d", rq->method, rq->url, status);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	ctx *cx = *con_cls;
	request rq = {0};
	response rs = {0};
	ts_error err = TS_ERROR_INIT;
	worker *w;
	ts_buf key = TS_BUF_INIT;
	unsigned long long ver = 0;
	int slot = -1;
	enum MHD_Result ret;

	(void)cls;
	(void)version;
	rq.conn = c;
	rq.method = method;
	rq.url = url;
	{
		const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
		rq.lang = ts_lang_from_header(lang ? lang : MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"));
	}

	if (!cx) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		cx = calloc(1, sizeof(*cx));
		if (!cx)
			return MHD_NO;
		cx->body.max = g_opt->max_body;
		*con_cls = cx;
		/* refuse an announced oversized body before reading it */
		if (cl && strtoull(cl, NULL, 10) > g_opt->max_body) {
			cx->too_large = 2;
			ts_fail(&err, TS_PAYLOAD_TOO_LARGE, NULL, "the body has %s bytes; at most %zu are accepted", cl,
				g_opt->max_body);
			api_problem(&rq, &err, &rs);
			log_request(&rq, rs.status);
			ret = send_response(c, &rs);
			free(rs.body);
			return ret;
		}
		return MHD_YES;
	}
	if (cx->too_large == 2)
		return MHD_NO; /* the answer is queued; drop the rest */
	if (*upload_size) {
		if (!cx->too_large && ts_buf_add(&cx->body, upload, *upload_size))
			cx->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}

	set_deadline(c, 0); /* the request has arrived whole */
	if (cx->too_large) {
		ts_fail(&err, TS_PAYLOAD_TOO_LARGE, NULL, "the body is larger than %zu bytes", g_opt->max_body);
		api_problem(&rq, &err, &rs);
		goto send;
	}
	w = this_worker(&err);
	if (!w) {
		api_problem(&rq, &err, &rs);
		goto send;
	}
	rq.st = w->st;
	/* the handle serves request after request: start each as the anonymous public */
	ts_store_set_viewer(w->st, NULL);
	ts_store_set_actor(w->st, "unknown", "");
	rq.body = ts_buf_str(&cx->body);
	rq.body_len = cx->body.len;

	/* only anonymous answers are cached: a signed-in reader may see more than the public */
	if (!strcmp(method, "GET") && !strncmp(url, "/api/", 5) &&
	    !MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization") &&
	    !http_cookie(&rq, "tansiq_session")) {
		ts_buf_printf(&key, "%s|%s", ts_lang_code(rq.lang), url);
		http_params(&rq, key_param, &key);
		ver = ts_store_version(w->st);
		slot = (int)(hash(ts_buf_str(&key)) % CACHE_SLOTS);
		if (w->cache[slot].key && w->cache[slot].version == ver && !strcmp(w->cache[slot].key, ts_buf_str(&key))) {
			rs.status = 200;
			rs.type = w->cache[slot].type;
			rs.len = w->cache[slot].len;
			rs.body = malloc(rs.len + 1);
			if (rs.body) {
				memcpy(rs.body, w->cache[slot].body, rs.len);
				goto send;
			}
		}
	}
	if (api_handle(&rq, &rs, &err)) {
		const char *allow = rs.allow;
		free(rs.body);
		memset(&rs, 0, sizeof(rs));
		rs.allow = allow;
		api_problem(&rq, &err, &rs);
	} else if (slot >= 0 && rs.cacheable && rs.status == 200) {
		char *b = malloc(rs.len + 1);
		if (b) {
			memcpy(b, rs.body, rs.len);
			free(w->cache[slot].key);
			free(w->cache[slot].body);
			w->cache[slot].key = ts_buf_detach(&key, NULL);
			w->cache[slot].body = b;
			w->cache[slot].len = rs.len;
			w->cache[slot].type = rs.type;
			w->cache[slot].version = ver;
		}
	}
send:
	log_request(&rq, rs.status);
	ret = send_response(c, &rs);
	if (!rs.is_static)
		free(rs.body);
	ts_buf_free(&key);
	return ret;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	ctx *cx = *con_cls;

	(void)cls;
	(void)toe;
	/* the next request on this connection must arrive within the timeout too */
	set_deadline(c, g_opt->timeout_seconds);
	if (cx) {
		ts_buf_free(&cx->body);
		free(cx);
		*con_cls = NULL;
	}
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, ts_error *err)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	struct addrinfo hints = {0}, *res = NULL;
	size_t n;
	int rc;

	if (!colon || colon == listen || !colon[1])
		return ts_fail(err, TS_USAGE, "listen", "'--listen %.60s' is not HOST:PORT; e.g. 127.0.0.1:8080", listen);
	n = (size_t)(colon - listen);
	if (listen[0] == '[' && n > 2 && listen[n - 1] == ']') {
		listen++;
		n -= 2;
	}
	if (n >= sizeof(host))
		return ts_fail(err, TS_USAGE, "listen", "host name too long");
	memcpy(host, listen, n);
	host[n] = '\0';
	{
		char *end;
		long port = strtol(colon + 1, &end, 10);
		if (*end || port < 1 || port > 65535)
			return ts_fail(err, TS_USAGE, "listen", "port '%.20s' is not a number from 1 to 65535", colon + 1);
	}
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	rc = getaddrinfo(host, colon + 1, &hints, &res);
	if (rc || !res)
		return ts_fail(err, TS_USAGE, "listen", "cannot resolve host '%s': %s", host, gai_strerror(rc));
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

int ts_server_run(const ts_server_options *opt, ts_error *err)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	unsigned threads = opt->threads;
	sigset_t set;
	int sig, rc = -1;
	ts_store *probe;
	char *cert = NULL, *key = NULL;
	pthread_t dog;
	pthread_condattr_t ca;
	struct MHD_OptionItem tls[4] = {{MHD_OPTION_END, 0, NULL}};

	g_opt = opt;
	g_tls = opt->tls_cert && opt->tls_key;
	if (parse_listen(opt->listen, &ss, &sslen, err))
		return -1;
	if (g_tls) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return ts_fail(err, TS_IO, "tls-cert",
				       "this libmicrohttpd was built without TLS (GnuTLS), so --tls-cert cannot be served; "
				       "serve plain HTTP on 127.0.0.1 behind a reverse proxy that holds the certificate "
				       "(docs/deployment.md)");
		if (!(cert = read_pem(opt->tls_cert, "tls-cert", 0, err)) ||
		    !(key = read_pem(opt->tls_key, "tls-key", 1, err)))
			goto out;
		tls[0] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, cert};
		tls[1] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, key};
		tls[2] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_PRIORITIES, 0,
						 (void *)"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"};
		tls[3] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	}
	/* fail now, not at the first request, when the data directory is not usable */
	if (ts_store_open(&probe, opt->data_dir, 0, err))
		goto out;
	ts_store_close(probe);
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 && n < 64 ? (unsigned)n : 2;
	}
	/* each worker needs a connection of its own: libmicrohttpd 0.9.75 starts a pool with more
	 * workers than connections but then never stops */
	if (threads > opt->max_connections)
		threads = opt->max_connections;
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by MHD's threads; only sigwait gets them */

	g_start_msg[0] = '\0';
	atomic_store(&g_starting, 1);
	/* 16 KiB per connection holds the request line and the headers: a request whose headers do not
	 * fit is answered 431 and closed by libmicrohttpd. The per-address limit equals the total:
	 * behind a reverse proxy every connection comes from the proxy's address. */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ERROR_LOG |
			     (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0) | (g_tls ? MHD_USE_TLS : 0),
			     0, NULL, NULL, handle, NULL,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_THREAD_POOL_SIZE, threads,
			     MHD_OPTION_CONNECTION_LIMIT, opt->max_connections,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, opt->max_connections,
			     MHD_OPTION_CONNECTION_TIMEOUT, opt->timeout_seconds,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16 * 1024,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, notify_connection, NULL,
			     MHD_OPTION_ARRAY, tls, /* certificate, key and TLS 1.2 or 1.3 only; empty without TLS */
			     MHD_OPTION_END);
	atomic_store(&g_starting, 0);
	if (!d) {
		int e = errno;
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		if (e == EADDRINUSE)
			ts_fail(err, TS_ADDRESS_IN_USE, "listen", "cannot listen on %s: %s", opt->listen, strerror(e));
		else if (g_tls && (strstr(g_start_msg, "TLS") || strstr(g_start_msg, "x509")))
			/* most often GnuTLS refusing the pair: a damaged file, or a key of another certificate */
			ts_fail(err, TS_IO, "tls-cert",
				"cannot serve HTTPS with --tls-cert '%s' and --tls-key '%s': %s", opt->tls_cert,
				opt->tls_key, g_start_msg);
		else
			ts_fail(err, TS_IO, "listen", "cannot listen on %s: %s", opt->listen,
				e || !g_start_msg[0] ? strerror(e) : g_start_msg);
		goto out;
	}
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g_watch_wake, &ca);
	pthread_condattr_destroy(&ca);
	g_watch_stop = 0;
	if (pthread_create(&dog, NULL, watchdog, NULL)) {
		MHD_stop_daemon(d);
		pthread_cond_destroy(&g_watch_wake);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		ts_fail(err, TS_INTERNAL, NULL, "cannot start the watchdog thread");
		goto out;
	}
	if (!opt->quiet) {
		printf("Tansiq is serving %s://%s/\n", g_tls ? "https" : "http", opt->listen);
		fflush(stdout);
	}
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	pthread_mutex_lock(&g_watch_lock);
	g_watch_stop = 1;
	pthread_cond_signal(&g_watch_wake);
	pthread_mutex_unlock(&g_watch_lock);
	pthread_join(dog, NULL);
	pthread_cond_destroy(&g_watch_wake);
	free_workers();
	if (!opt->quiet)
		printf("stopped\n");
	rc = 0;
out:
	free_secret(cert);
	free_secret(key);
	return rc;
}
