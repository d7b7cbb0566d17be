#include <stdlib.h>

#include "cli/cli.h"
#include "server/server.h"

int cmd_serve(args *a)
{
	ts_server_options opt = TS_SERVER_OPTIONS_INIT;
	ts_error err = TS_ERROR_INIT;
	const char *threads = arg_get(a, "threads", NULL), *max_body = arg_get(a, "max-body", NULL);

	opt.data_dir = arg_get(a, "data", "./var");
	opt.listen = arg_get(a, "listen", opt.listen);
	opt.quiet = arg_get(a, "quiet", NULL) != NULL;
	if (threads) {
		char *end;
		long n = strtol(threads, &end, 10);
		if (*end || n < 1 || n > 64) {
			ts_fail(&err, TS_USAGE, "threads", "--threads '%s' is not a number from 1 to 64", threads);
			return report(&err);
		}
		opt.threads = (unsigned)n;
	}
	if (max_body) {
		char *end;
		long long n = strtoll(max_body, &end, 10);
		if (*end || n < 1024 || n > (1LL << 30)) {
			ts_fail(&err, TS_USAGE, "max-body", "--max-body '%s' is not a number of bytes from 1024 to 1073741824",
				max_body);
			return report(&err);
		}
		opt.max_body = (size_t)n;
	}
	if (ts_server_run(&opt, &err))
		return report(&err);
	return EXIT_OK;
}
