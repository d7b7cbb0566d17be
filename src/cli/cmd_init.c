#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

int cmd_init(args *a)
{
	const char *dir = arg_get(a, "data", "./var");
	const char *admin = arg_get(a, "admin", "admin");
	char path[4096], password[21];
	ts_error err = TS_ERROR_INIT;
	ts_store *st;

	snprintf(path, sizeof(path), "%s/tansiq.db", dir);
	if (access(path, F_OK) == 0) {
		ts_fail(&err, TS_ALREADY_INITIALISED, "data", "'%s' already holds a database; nothing was changed", dir);
		return report(&err);
	}
	if (ts_store_open(&st, dir, 1, &err))
		return report(&err);
	ts_random_password(password, 20);
	ts_store_set_actor(st, "init", "local");
	{
		ts_viewer v = {TS_ROLE_ADMIN, "init", ""};
		ts_store_set_viewer(st, &v);
	}
	if (ts_store_begin(st, &err) ||
	    (!arg_get(a, "no-defaults", NULL) && ts_registry_load_defaults(st, &err)) ||
	    ts_account_create(st, admin, password, TS_ROLE_ADMIN, NULL, &err) || ts_store_commit(st, &err)) {
		ts_store_close(st);
		/* leave nothing half-made behind: a failed init can simply be run again */
		unlink(path);
		snprintf(path, sizeof(path), "%s/tansiq.db-wal", dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/tansiq.db-shm", dir);
		unlink(path);
		return report(&err);
	}
	ts_store_close(st);
	printf("initialised %s with the organisation's %s data\n", dir, arg_get(a, "no-defaults", NULL) ? "(no)" : "default");
	printf("first administrator (shown once, keep it safe):\n  username: %s\n  password: %s\n", admin, password);
	return EXIT_OK;
}
