#include <stdio.h>
#include <string.h>

#include "tansiq/access.h"
#include "../store/store_int.h"

static const char *const level_names[] = {"public", "members", "secretariat", "restricted"};

static const struct {
	const char *name;
	unsigned bit;
} role_names[] = {
	{"delegate", TS_ROLE_DELEGATE}, {"mediator", TS_ROLE_MEDIATOR}, {"analyst", TS_ROLE_ANALYST},
	{"secretariat", TS_ROLE_SECRETARIAT}, {"admin", TS_ROLE_ADMIN},
};

void ts_store_set_viewer(ts_store *st, const ts_viewer *v)
{
	if (v)
		st->viewer = *v;
	else
		memset(&st->viewer, 0, sizeof(st->viewer));
}

const ts_viewer *ts_store_viewer(const ts_store *st) { return &st->viewer; }

ts_level ts_viewer_max_level(const ts_viewer *v)
{
	if (!v || !v->roles)
		return TS_LEVEL_PUBLIC;
	if (v->roles & TS_ROLE_ADMIN)
		return TS_LEVEL_RESTRICTED;
	if (v->roles & TS_ROLE_SECRETARIAT)
		return TS_LEVEL_SECRETARIAT;
	return TS_LEVEL_MEMBERS;
}

void ts_access_sql(const ts_viewer *v, const char *alias, ts_buf *sql)
{
	ts_level max = ts_viewer_max_level(v);

	ts_buf_printf(sql, "%s%s\"level\" IN (", alias ? alias : "", alias ? "." : "");
	for (int l = 0; l <= (int)max; l++)
		ts_buf_printf(sql, "%s'%s'", l ? ", " : "", level_names[l]);
	ts_buf_adds(sql, ")");
}

int ts_roles_parse(const char *text, unsigned *roles, ts_error *err)
{
	const char *p = text;

	*roles = 0;
	while (p && *p) {
		size_t n = strcspn(p, ",");
		size_t i;
		for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
			if (strlen(role_names[i].name) == n && !strncmp(p, role_names[i].name, n))
				break;
		if (i == sizeof(role_names) / sizeof(role_names[0]))
			return ts_fail(err, TS_INVALID_VALUE, "role",
				       "unknown role '%.*s'; roles are delegate, mediator, analyst, secretariat and admin",
				       (int)(n > 40 ? 40 : n), p);
		*roles |= role_names[i].bit;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

void ts_roles_format(unsigned roles, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]) && n + 1 < size; i++)
		if (roles & role_names[i].bit)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", role_names[i].name);
}
