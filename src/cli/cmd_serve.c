#include <arpa/inet.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "server/server.h"

/* A whole number from min to max given to --name; 0 when absent (out unchanged), -1 with err set
 * when it is not one. */
static int number_option(const args *a, const char *name, long long min, long long max, const char *unit,
			 long long *out, ts_error *err)
{
	const char *s = arg_get(a, name, NULL);
	char *end;
	long long n;

	if (!s)
		return 0;
	n = strtoll(s, &end, 10);
	if (!*s || *end || n < min || n > max)
		return ts_fail(err, TS_USAGE, name, "--%s '%s' is not a number %sfrom %lld to %lld", name, s, unit, min,
			       max);
	*out = n;
	return 0;
}

int cmd_serve(args *a)
{
	ts_server_options opt = TS_SERVER_OPTIONS_INIT;
	ts_error err = TS_ERROR_INIT;
	long long threads = opt.threads, max_body = (long long)opt.max_body, max_conn = opt.max_connections,
		  timeout = opt.timeout_seconds;

	opt.data_dir = arg_get(a, "data", "./var");
	opt.listen = arg_get(a, "listen", opt.listen);
	opt.quiet = arg_get(a, "quiet", NULL) != NULL;
	opt.tls_cert = arg_get(a, "tls-cert", NULL);
	opt.tls_key = arg_get(a, "tls-key", NULL);
	opt.trusted_proxy = arg_get(a, "trusted-proxy", NULL);
	if (opt.trusted_proxy) {
		unsigned char bin[16];
		if (inet_pton(AF_INET, opt.trusted_proxy, bin) != 1 && inet_pton(AF_INET6, opt.trusted_proxy, bin) != 1) {
			ts_fail(&err, TS_USAGE, "trusted-proxy", "--trusted-proxy '%.60s' is not an IP address, e.g. 127.0.0.1",
				opt.trusted_proxy);
			return report(&err);
		}
	}
	if (number_option(a, "threads", 1, 64, "", &threads, &err) ||
	    number_option(a, "max-body", 1024, 1LL << 30, "of bytes ", &max_body, &err) ||
	    number_option(a, "max-connections", 1, 65536, "", &max_conn, &err) ||
	    number_option(a, "timeout", 1, 3600, "of seconds ", &timeout, &err))
		return report(&err);
	if (!opt.tls_cert != !opt.tls_key) {
		const char *missing = opt.tls_cert ? "tls-key" : "tls-cert";
		ts_fail(&err, TS_USAGE, missing,
			"--%s is missing: --tls-cert and --tls-key go together (the certificate and its private key)",
			missing);
		return report(&err);
	}
	opt.threads = (unsigned)threads;
	opt.max_body = (size_t)max_body;
	opt.max_connections = (unsigned)max_conn;
	opt.timeout_seconds = (unsigned)timeout;
	if (ts_server_run(&opt, &err))
		return report(&err);
	return EXIT_OK;
}
