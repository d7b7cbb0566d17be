#include <stdio.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/schema.h"
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

const char *ts_level_name(ts_level l)
{
	return (unsigned)l < sizeof(level_names) / sizeof(level_names[0]) ? level_names[l] : "public";
}

int ts_level_parse(const char *name)
{
	for (int l = 0; name && l < (int)(sizeof(level_names) / sizeof(level_names[0])); l++)
		if (!strcmp(name, level_names[l]))
			return l;
	return -1;
}

void ts_access_sql(const ts_viewer *v, const char *alias, int with_team, ts_buf *sql)
{
	ts_level max = ts_viewer_max_level(v);
	const char *a = alias ? alias : "", *dot = alias ? "." : "";
	/* a team's members read its restricted records; usernames are plain (ts_username_valid),
	 * so the name can stand in the statement */
	int team = with_team && max < TS_LEVEL_RESTRICTED && v && ts_username_valid(v->username);

	ts_buf_printf(sql, "(%s%s\"level\" IN (", a, dot);
	for (int l = 0; l <= (int)max; l++)
		ts_buf_printf(sql, "%s'%s'", l ? ", " : "", level_names[l]);
	ts_buf_adds(sql, ")");
	if (team)
		ts_buf_printf(sql, " OR (%s%s\"level\" = 'restricted' AND %s%s\"team\" IN (SELECT \"team\" FROM "
			      "\"team_members\" WHERE \"account\" = '%s'))", a, dot, a, dot, v->username);
	ts_buf_adds(sql, ")");
}

static int found(void *ctx, const ts_value *c, int n)
{
	(void)c;
	(void)n;
	*(int *)ctx = 1;
	return 1;
}

int ts_viewer_in_team(ts_store *st, const char *team, ts_error *err)
{
	ts_value p[2] = {{TS_V_TEXT, 0, team}, {TS_V_TEXT, 0, st->viewer.username}};
	int in = 0;

	if (!team || !st->viewer.username[0])
		return 0;
	if (ts_store_exec(st, "SELECT 1 FROM \"team_members\" WHERE \"team\" = ? AND \"account\" = ? LIMIT 1", p, 2,
			  found, &in, NULL, err))
		return -1;
	return in;
}

int ts_access_need_role(ts_store *st, unsigned roles, const char *who, const char *what, ts_error *err)
{
	const ts_viewer *v = &st->viewer;

	if (!v->roles)
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "sign in to %s", what);
	if (v->roles & (roles | TS_ROLE_ADMIN))
		return 0;
	return ts_fail(err, TS_FORBIDDEN, NULL, "only %s may %s", who, what);
}

int ts_access_check_write(ts_store *st, const ts_entity *e, const json_t *rec, ts_error *err)
{
	const ts_viewer *v = &st->viewer;
	unsigned writers = e->writers ? e->writers : TS_ROLE_SECRETARIAT;
	unsigned mine = v->roles & writers;
	const char *level = json_string_value(json_object_get(rec, "level"));
	const char *team = json_string_value(json_object_get(rec, "team"));
	int l = level ? ts_level_parse(level) : TS_LEVEL_PUBLIC;
	enum { NOT_ASKED = 2 };
	int in = NOT_ASKED; /* whether the viewer is on the record's team */
	char roles[96];

	if (!v->roles)
		return ts_fail(err, TS_UNAUTHENTICATED, NULL, "sign in to change %s", e->collection);
	if (v->roles & TS_ROLE_ADMIN)
		return 0;
	if (!mine) {
		ts_roles_format(writers | TS_ROLE_ADMIN, roles, sizeof(roles));
		return ts_fail(err, TS_FORBIDDEN, NULL, "account '%s' may not change %s; that needs one of the roles %s",
			       v->username, e->collection, roles);
	}
	if (l == TS_LEVEL_RESTRICTED) {
		if ((in = ts_viewer_in_team(st, team, err)) < 0)
			return -1;
		if (!in)
			return ts_fail(err, TS_FORBIDDEN, "team", "only members of team '%.60s' write its restricted records",
				       team ? team : "");
	} else if (l > (int)ts_viewer_max_level(v)) {
		return ts_fail(err, TS_FORBIDDEN, "level", "account '%s' may not file a record at level '%s', which it could not read",
			       v->username, level);
	}
	if (mine & ~(unsigned)(TS_ROLE_DELEGATE | TS_ROLE_MEDIATOR))
		return 0; /* a role without ownership bounds */
	if (mine & TS_ROLE_DELEGATE) {
		const char *state = e->owner ? json_string_value(json_object_get(rec, e->owner)) : NULL;
		if (!e->owner || (v->state[0] && state && !strcmp(state, v->state)))
			return 0;
		if (!(mine & TS_ROLE_MEDIATOR))
			return ts_fail(err, TS_FORBIDDEN, e->owner,
				       "a delegate of %s writes only records of their own state; this one is for %.10s",
				       v->state[0] ? v->state : "(no state)", state ? state : "no state");
	}
	if (!ts_entity_field(e, "team"))
		return 0;
	if (in == NOT_ASKED) /* a restricted record's team was asked above */
		in = ts_viewer_in_team(st, team, err);
	if (in)
		return in < 0 ? -1 : 0;
	return ts_fail(err, TS_FORBIDDEN, "team", "account '%s' writes only %s of the teams it is on", v->username,
		       e->collection);
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
			return ts_fail(err, TS_INVALID_VALUE, "roles",
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

json_t *ts_roles_json(unsigned roles)
{
	json_t *a = json_array();

	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (roles & role_names[i].bit)
			json_array_append_new(a, json_string(role_names[i].name));
	return a;
}
