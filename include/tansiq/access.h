/* Who reads: roles and confidentiality levels. Every record carries a level; what a caller may
 * read is decided here and applied in the query layer (records.h), so that no list, count,
 * export or aggregate can include, count or hint at a record its caller may not read. */
#ifndef TANSIQ_ACCESS_H
#define TANSIQ_ACCESS_H

#include "tansiq/buf.h"
#include "tansiq/error.h"
#include "tansiq/store.h"

/* Roles; an account may hold several. No role at all is the anonymous public. */
enum {
	TS_ROLE_DELEGATE = 1u << 0,    /* bound to one member state */
	TS_ROLE_MEDIATOR = 1u << 1,
	TS_ROLE_ANALYST = 1u << 2,
	TS_ROLE_SECRETARIAT = 1u << 3,
	TS_ROLE_ADMIN = 1u << 4
};

/* The confidentiality levels, from the most open. */
typedef enum ts_level {
	TS_LEVEL_PUBLIC = 0,      /* everyone, signed in or not */
	TS_LEVEL_MEMBERS,         /* member-state delegates and staff: any signed-in role */
	TS_LEVEL_SECRETARIAT,     /* the secretariat and administrators */
	TS_LEVEL_RESTRICTED       /* a named team, and administrators */
} ts_level;

/* Who is asking. Zero-initialised: the anonymous public. */
typedef struct ts_viewer {
	unsigned roles;
	char username[64];
	char state[4];            /* a delegate's member state (ISO alpha-3) */
} ts_viewer;

/* Sets who the following reads of this store handle are for (NULL: the anonymous public).
 * A server must set it for every request, since handles are reused. */
void ts_store_set_viewer(ts_store *st, const ts_viewer *v);
/* The viewer of a store handle (the anonymous public until set). */
const ts_viewer *ts_store_viewer(const ts_store *st);

/* The highest level a viewer may read (restricted records are read by admins only until teams
 * exist: a team's members will read its restricted records). */
ts_level ts_viewer_max_level(const ts_viewer *v);
/* Appends to sql the condition on the "level" column (of table alias `alias`, or unqualified when
 * NULL) that keeps what the viewer may read. */
void ts_access_sql(const ts_viewer *v, const char *alias, ts_buf *sql);

/* Parses a comma-separated list of role names ("admin,analyst"); unknown names fail with
 * TS_INVALID_VALUE naming them. */
int ts_roles_parse(const char *text, unsigned *roles, ts_error *err);
/* Writes the role names of a set, comma-separated. */
void ts_roles_format(unsigned roles, char *out, size_t size);

#endif
