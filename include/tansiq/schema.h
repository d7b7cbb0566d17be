/* Entity descriptions: the one description of each kind of record, as data. The store's
 * tables, the JSON encoding and decoding, validation, CSV import and export, the CLI's columns
 * and the OpenAPI document are all derived from these descriptions, so adding an entity means
 * describing it, not writing its CRUD again. */
#ifndef TANSIQ_SCHEMA_H
#define TANSIQ_SCHEMA_H

#include <jansson.h>
#include "tansiq/error.h"

typedef enum ts_type {
	TS_TEXT,   /* UTF-8 text, at most max_len characters (bytes) */
	TS_INT,    /* integer in [min, max] when min < max */
	TS_BOOL,   /* true or false */
	TS_ENUM,   /* one of values[] */
	TS_PDATE,  /* partial date: YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date */
	TS_REF,    /* id of a record of entity `ref` */
	TS_REAL    /* a finite decimal number in [min, max] when min < max (coordinates, thresholds) */
} ts_type;

enum {
	TS_F_REQUIRED = 1u << 0, /* must be given and not null */
	TS_F_UNIQUE = 1u << 1,   /* no two records share a non-null value */
	TS_F_SEARCH = 1u << 2,   /* searched by the list's q parameter */
	TS_F_KEY = 1u << 3,      /* the primary key `id` */
	TS_F_TITLE = 1u << 4,    /* shown as the record's name in lists */
	TS_F_LONG = 1u << 5,     /* long text: a text area in forms, left out of text tables */
	TS_F_ACCOUNT = 1u << 6,  /* text naming an existing account (a username) */
	TS_F_DERIVED = 1u << 7,  /* computed by the entity's guard from other fields (a resolution's
				  * number from its code); a value given as input is replaced */
	TS_F_NOINDEX = 1u << 8   /* a reference left without the index references get: the records
				  * are many, written in bulk, and never looked up by it (refusing to
				  * delete the record referred to scans them) */
};

typedef struct ts_enum_value {
	const char *value;
	const char *label[TS_LANG_COUNT];
} ts_enum_value;

/* Named syntactic patterns for text fields (a small fixed set keeps validation fast and the
 * OpenAPI document exact). */
typedef enum ts_pattern { TS_P_NONE = 0, TS_P_ISO3, TS_P_ISO2, TS_P_SLUG, TS_P_USERNAME } ts_pattern;

typedef struct ts_field {
	const char *name;
	ts_type type;
	unsigned flags;
	const char *label[TS_LANG_COUNT];
	int max_len;               /* TS_TEXT: 0 means 200 */
	long min, max;             /* TS_INT: range, when min < max */
	ts_pattern pattern;        /* TS_TEXT */
	const ts_enum_value *values; /* TS_ENUM: terminated by a {NULL} entry */
	const char *ref;           /* TS_REF: the referenced entity's name */
	const char *example;       /* an example value, for hints and the API document */
	const char *def;           /* the value (text form) when none is given; makes the column NOT NULL */
	int since;                 /* the migration that added the field (0: the entity's first) */
} ts_field;

/* Rules that tie several fields of one record together. */
typedef enum ts_rule_kind {
	TS_RULE_REQUIRED_IF, /* field a is required when field b equals value */
	TS_RULE_ONE_OF,      /* exactly one of a and b is given */
	TS_RULE_NOT_BEFORE,  /* a (pdate) is not before b (pdate) when both are given */
	TS_RULE_UNIQUE_WITH  /* no two records share a, b and (when value names a third field) value's
			      * field, when all of them are given; a problem is reported on a */
} ts_rule_kind;

typedef struct ts_rule {
	ts_rule_kind kind;
	const char *a, *b, *value;
} ts_rule;

enum {
	TS_E_AUTO_ID = 1u << 0, /* id generated when not given on create */
	TS_E_ACTIONS = 1u << 1, /* written only through the entity's own operations (votes.h): the
				 * generic create, change, delete and import of the API and the CLI
				 * refuse it; reading and listing stay generic */
	TS_E_APPEND_ONLY = 1u << 2 /* created, never changed or deleted (implementation reports, a
				    * mandate's timeline): a correction is a new record. An update that
				    * changes nothing (an import run again) passes */
};

struct ts_store;
/* An entity's own checks, called inside the writing transaction with the complete record about
 * to be stored (defaults and patch applied; NULL when the record is being deleted) and the
 * record as it was (NULL when it is being created). It may fill the record's TS_F_DERIVED fields
 * and its id, and refuses with an error naming the field and the fix. Returns 0 or -1. */
typedef int (*ts_guard_fn)(struct ts_store *st, json_t *rec, const json_t *before, ts_error *err);

typedef struct ts_entity {
	const char *name;        /* singular, for code and CLI messages: "state" */
	const char *collection;  /* plural, in URLs and CLI commands: "states", "office-terms" */
	const char *schema_name; /* the OpenAPI component name: "State" */
	const char *label[TS_LANG_COUNT];  /* plural label for people */
	unsigned flags;
	const ts_field *fields;  /* fields[0] is always the key `id` */
	int nfields;
	const ts_rule *rules;
	int nrules;
	const char *default_sort; /* field the lists sort on by default */
	/* Who writes (access.h): the roles that may create, change and delete records of this
	 * entity; 0 means the secretariat. Administrators always may. */
	unsigned writers;
	/* Ownership: a TS_REF field to a state. A delegate among the writers writes only the
	 * records whose owner field is their own state. (A mediator among the writers writes only
	 * records whose `team` is one of theirs.) */
	const char *owner;
	ts_guard_fn guard; /* NULL: none */
	/* TS_E_ACTIONS: the operations that write its records, as the API ([0]) and the CLI ([1])
	 * name them; the refusal of a generic write points to them */
	const char *operations[2];
} ts_entity;

/* A set of entities (the registry today; meetings, mandates... later). */
typedef struct ts_schema {
	const ts_entity *const *entities;
	int nentities;
} ts_schema;

/* Looks an entity up by collection ("office-terms") or by name ("office_term"); NULL if none. */
const ts_entity *ts_schema_entity(const ts_schema *s, const char *collection_or_name);
/* Looks a field up by name; NULL if none. */
const ts_field *ts_entity_field(const ts_entity *e, const char *name);
/* The SQL table name of an entity: its collection with '-' turned into '_'. Written to out. */
void ts_entity_table(const ts_entity *e, char *out, size_t size);
/* The field shown as the record's name (TS_F_TITLE in English, else id). */
const ts_field *ts_entity_title_field(const ts_entity *e, ts_lang lang);

/* The most characters a text field takes: its max_len, else 20000 for long text, 200 for other. */
int ts_field_max_len(const ts_field *f);

/* Checks one JSON value against a field (type, length, pattern, range, enum, calendar).
 * NULL and json null pass here (required-ness is checked per record). */
int ts_field_check(const ts_field *f, const json_t *v, ts_error *err);

/* Turns the text form of a value (a CSV cell, a --set argument, a query parameter) into JSON of
 * the field's type. "" gives json null. On a malformed value fails with TS_INVALID_VALUE
 * naming the field. The caller owns the result. */
json_t *ts_field_parse(const ts_field *f, const char *text, ts_error *err);
/* The text form of a JSON value, whole (for CSV cells): the string itself for text, or the number
 * or boolean written into num; "" for null. */
const char *ts_field_text(const ts_field *f, const json_t *v, char num[32]);
/* The text form cut to fit out (for text tables), never in the middle of a UTF-8 character. */
void ts_field_format(const ts_field *f, const json_t *v, char *out, size_t size);

/* Validates a whole record that is to be stored: every key known (TS_UNKNOWN_FIELD), every
 * value valid, required fields present, and the entity's rules. Collects up to
 * TS_ERROR_MAX_ITEMS problems in err. Returns 0 when valid. */
int ts_record_check(const ts_entity *e, const json_t *rec, ts_error *err);

/* The regular expression of a pattern (for the API document), NULL for TS_P_NONE. */
const char *ts_pattern_regex(ts_pattern p);

/* True for a valid username: 2 to 63 of a-z 0-9 . _ - (safe to quote in SQL and URLs). */
int ts_username_valid(const char *s);

/* True for a valid partial date string. */
int ts_pdate_valid(const char *s);
/* Compares two partial dates on their common precision: below, equal to or above 0 as a is before,
 * at or after b ("2019-05" is at "2019-05-20"; "2019" is before "2020-01"). */
int ts_pdate_cmp(const char *a, const char *b);
/* The number of days of month m (1 to 12) in year y, the Gregorian leap years counted. */
int ts_month_days(int y, int m);

/* The description of a schema as JSON, for /api/v1/schema and the web application. */
json_t *ts_schema_describe(const ts_schema *s);

#endif
