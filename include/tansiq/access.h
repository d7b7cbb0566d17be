/* Who reads: roles and confidentiality levels. Every record carries a level; what a caller may
 * read is decided here and applied in the query layer (records.h), so that no list, count,
 * export or aggregate can include, count or hint at a record its caller may not read. */
#ifndef TANSIQ_ACCESS_H
#define TANSIQ_ACCESS_H

#include "tansiq/buf.h"
#include "tansiq/error.h"
#include "tansiq/schema.h"
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

/* The highest level a viewer reads in every record: public for the anonymous, members for any
 * account, secretariat for the secretariat, restricted for administrators. Besides, the members
 * of a team read the restricted records of that team (ts_access_sql). */
ts_level ts_viewer_max_level(const ts_viewer *v);
/* Appends to sql the condition on the "level" column (of table alias `alias`, or unqualified when
 * NULL) that keeps what the viewer may read; with_team when the table has a "team" column, whose
 * restricted records the team's members read. The condition is self-contained (parenthesised). */
void ts_access_sql(const ts_viewer *v, const char *alias, int with_team, ts_buf *sql);

/* Whether the store's viewer may write record rec (as it is to be stored, or as it is when
 * deleted) of entity e, decided from e->writers and e->owner:
 *   - administrators write everything; the anonymous nothing (TS_UNAUTHENTICATED);
 *   - otherwise one of the viewer's roles must be among the entity's writers (TS_FORBIDDEN);
 *   - the record's level must be one the viewer reads: nobody files what they could not read;
 *     a restricted record only by a member of its team;
 *   - a delegate whose only writing role is delegate writes only records whose owner field is
 *     their state; a mediator whose only writing role is mediator, only records of their teams.
 * A change is checked on the record before and after it: nobody moves a record out of reach. */
int ts_access_check_write(ts_store *st, const ts_entity *e, const json_t *rec, ts_error *err);
/* Whether the store's viewer holds one of roles (administrators always do): 0; else
 * TS_UNAUTHENTICATED ("sign in to WHAT") or TS_FORBIDDEN ("only WHO may WHAT"). For the
 * library's actions, which check their caller before reading anything. */
int ts_access_need_role(ts_store *st, unsigned roles, const char *who, const char *what, ts_error *err);
/* Whether the viewer is a member of team `team` (1), not (0), or -1 on a storage error. */
int ts_viewer_in_team(ts_store *st, const char *team, ts_error *err);
/* The name of a level ("public"...); its index from a name, -1 when unknown. */
const char *ts_level_name(ts_level l);
int ts_level_parse(const char *name);

/* Parses a comma-separated list of role names ("admin,analyst"); unknown names fail with
 * TS_INVALID_VALUE naming them. */
int ts_roles_parse(const char *text, unsigned *roles, ts_error *err);
/* Writes the role names of a set, comma-separated. */
void ts_roles_format(unsigned roles, char *out, size_t size);
/* The role names of a set as a JSON array of strings (new reference). */
json_t *ts_roles_json(unsigned roles);

#endif
