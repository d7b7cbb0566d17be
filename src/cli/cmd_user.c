/* tansiq user list|show|add|passwd|role|disable|enable|unlock: accounts from the command line.
 * Who can open the database can manage its accounts; every change is in the audit log. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* A password read from standard input (its first line), or a generated one printed once. */
static int new_password(const args *a, char *out, size_t size, int *generated, ts_error *err)
{
	*generated = 0;
	if (arg_get(a, "password-stdin", NULL)) {
		if (!fgets(out, (int)size, stdin))
			return ts_fail(err, TS_USAGE, "password-stdin", "--password-stdin: nothing on standard input");
		out[strcspn(out, "\r\n")] = '\0';
		return 0;
	}
	ts_random_password(out, 20);
	*generated = 1;
	return 0;
}

/* One line of the list, from the account's JSON (ts_account_json). */
static void print_account(const json_t *j)
{
	char roles[96] = "";
	const json_t *r;
	size_t i;
	const char *state = json_string_value(json_object_get(j, "state"));
	const char *last = json_string_value(json_object_get(j, "last_login"));

	json_array_foreach(json_object_get(j, "roles"), i, r)
		snprintf(roles + strlen(roles), sizeof(roles) - strlen(roles), "%s%s", i ? "," : "", json_string_value(r));
	printf("%-20s %-32s %-5s %-9s %s\n", json_string_value(json_object_get(j, "username")), roles, state ? state : "-",
	       json_is_true(json_object_get(j, "disabled")) ? "disabled"
	       : json_string_value(json_object_get(j, "locked_until")) ? "locked" : "active",
	       last ? last : "never");
}

static int user_list(const args *a, ts_store *st, ts_error *err)
{
	json_t *list, *it;
	size_t i;
	int json;

	if (get_text_or_json(a, &json, err) || ts_account_list(st, &list, err))
		return -1;
	if (json) {
		print_json(stdout, list);
	} else {
		printf("%-20s %-32s %-5s %-9s %s\n", "USERNAME", "ROLES", "STATE", "STATUS", "LAST SIGN-IN");
		json_array_foreach(list, i, it)
			print_account(it);
	}
	json_decref(list);
	return 0;
}

/* The changes, each in one transaction. */
static int user_change(const args *a, ts_store *st, const char *what, ts_error *err)
{
	const char *name = a->pos[1];
	char pw[TS_PASSWORD_MAX + 2];
	int generated = 0, rc;

	if (!strcmp(what, "add") || !strcmp(what, "passwd"))
		if (new_password(a, pw, sizeof(pw), &generated, err))
			return -1;
	if (ts_store_begin(st, err))
		return -1;
	if (!strcmp(what, "add") || !strcmp(what, "role")) {
		const char *text = !strcmp(what, "add") ? arg_get(a, "role", NULL) : (a->npos > 2 ? a->pos[2] : NULL);
		unsigned roles = 0;
		if (!text)
			rc = ts_fail(err, TS_USAGE, "role", !strcmp(what, "add") ? "give the account's roles with --role, e.g. --role delegate --state MAR"
										 : "give the roles: tansiq user role NAME ROLES [--state ISO3]");
		else
			rc = ts_roles_parse(text, &roles, err);
		if (!rc)
			rc = !strcmp(what, "add") ? ts_account_create(st, name, pw, roles, arg_get(a, "state", NULL), err)
						  : ts_account_set_roles(st, name, roles, arg_get(a, "state", NULL), err);
	} else if (!strcmp(what, "passwd")) {
		rc = ts_account_set_password(st, name, pw, err);
	} else if (!strcmp(what, "unlock")) {
		rc = ts_account_unlock(st, name, err);
	} else {
		rc = ts_account_set_disabled(st, name, !strcmp(what, "disable"), err);
	}
	if (rc || ts_store_commit(st, err)) {
		ts_store_rollback(st);
		return -1;
	}
	if (!strcmp(what, "add"))
		printf("created account '%s'\n", name);
	else if (!strcmp(what, "passwd"))
		printf("new password set for '%s'; its sessions are ended\n", name);
	else if (!strcmp(what, "role"))
		printf("roles of '%s' are now: %s%s%s\n", name, a->pos[2], arg_get(a, "state", NULL) ? ", for " : "",
		       arg_get(a, "state", ""));
	else if (!strcmp(what, "disable"))
		printf("account '%s' disabled: its sessions are ended and its API tokens no longer work\n", name);
	else if (!strcmp(what, "enable"))
		printf("account '%s' enabled\n", name);
	else
		printf("account '%s' unlocked\n", name);
	if (generated)
		printf("password (shown once, give it to its holder safely):\n  %s\n", pw);
	return 0;
}

int cmd_user(args *a)
{
	static const char *const subs[] = {"list", "show", "add", "passwd", "role", "disable", "enable", "unlock", NULL};
	const char *what = a->pos[0];
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	int rc, i;

	for (i = 0; subs[i] && strcmp(subs[i], what); i++)
		;
	if (!subs[i]) {
		fprintf(stderr, "error: unknown user command '%s'\nhint: use one of list, show, add, passwd, role, disable, "
				"enable, unlock (see tansiq user --help)\n", what);
		return EXIT_USAGE;
	}
	if (strcmp(what, "list") && a->npos < 2) {
		fprintf(stderr, "error: 'tansiq user %s' needs the account's username\nhint: tansiq user %s NAME%s\n", what, what,
			!strcmp(what, "role") ? " ROLES" : "");
		return EXIT_USAGE;
	}
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(what, "list")) {
		rc = user_list(a, st, &err);
	} else if (!strcmp(what, "show")) {
		ts_account acc;
		rc = ts_account_get(st, a->pos[1], &acc, &err);
		if (!rc) {
			json_t *j = ts_account_json(&acc);
			print_json(stdout, j);
			json_decref(j);
		}
	} else {
		rc = user_change(a, st, what, &err);
	}
	ts_store_close(st);
	return rc ? report(&err) : EXIT_OK;
}
