/* Option parsing from the command table. */
#include <string.h>

#include "cli/cli.h"

const char *arg_get(const args *a, const char *name, const char *def)
{
	for (int i = a->n - 1; i >= 0; i--)
		if (!strcmp(a->name[i], name))
			return a->value[i];
	return def;
}

int arg_each(const args *a, const char *name, int (*fn)(void *ctx, const char *value), void *ctx)
{
	for (int i = 0; i < a->n; i++)
		if (!strcmp(a->name[i], name) && fn(ctx, a->value[i]))
			return -1;
	return 0;
}

const option_spec common_options[] = {
	{"data", "DIR", "data directory (default ./var)"},
	{"help", NULL, "show this help"},
	{NULL, NULL, NULL},
};

static const option_spec *find(const command *cmd, const char *name)
{
	for (const option_spec *o = cmd->opts; o && o->name; o++)
		if (!strcmp(o->name, name))
			return o;
	for (const option_spec *o = common_options; o->name; o++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

static int usage_error(const command *cmd, const char *what, const char *subject)
{
	fprintf(stderr, "error: %s%s%s%s", what, *subject ? " '" : "", subject, *subject ? "'" : "");
	fprintf(stderr, "\nusage: tansiq %s %s\nhint: see tansiq %s --help\n", cmd->name, cmd->synopsis, cmd->name);
	return -1;
}

int args_parse(args *a, const command *cmd, int argc, char **argv)
{
	int only_pos = 0;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (!only_pos && !strcmp(s, "--")) {
			only_pos = 1;
			continue;
		}
		if (!only_pos && s[0] == '-' && s[1]) {
			const char *name = s + (s[1] == '-' ? 2 : 1);
			const char *eq = strchr(name, '=');
			char key[64];
			const option_spec *o;
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			if (!strcmp(s, "-h"))
				name = "help", n = 4;
			if (n >= sizeof(key))
				return usage_error(cmd, "unknown option", s);
			memcpy(key, name, n);
			key[n] = '\0';
			o = find(cmd, key);
			if (!o)
				return usage_error(cmd, "unknown option", s);
			if (a->n >= MAX_ARGS)
				return usage_error(cmd, "too many options", "");
			a->name[a->n] = o->name;
			if (o->arg) {
				if (eq)
					a->value[a->n] = eq + 1;
				else if (i + 1 < argc)
					a->value[a->n] = argv[++i];
				else
					return usage_error(cmd, "this option needs a value:", s);
			} else {
				if (eq)
					return usage_error(cmd, "this option takes no value:", s);
				a->value[a->n] = "";
			}
			a->n++;
			continue;
		}
		if (a->npos >= MAX_ARGS)
			return usage_error(cmd, "too many arguments:", s);
		a->pos[a->npos++] = s;
	}
	if (arg_get(a, "help", NULL))
		return 0;
	if (a->npos < cmd->min_pos)
		return usage_error(cmd, "missing argument", "");
	if (a->npos > cmd->max_pos)
		return usage_error(cmd, "unexpected argument", a->pos[cmd->max_pos]);
	return 0;
}
