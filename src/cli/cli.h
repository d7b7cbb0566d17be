/* The command-line tool: a table of commands whose options are data, from which parsing,
 * --help and the man page are derived (like git's builtin table and parse-options). */
#ifndef TANSIQ_CLI_H
#define TANSIQ_CLI_H

#include <stdio.h>
#include <tansiq/tansiq.h>

#define MAX_ARGS 256

typedef struct option_spec {
	const char *name;   /* long name without -- */
	const char *arg;    /* metavariable, or NULL for a flag */
	const char *help;
} option_spec;

struct args;

typedef struct command {
	const char *name;
	int (*fn)(struct args *a);
	const char *synopsis;   /* after "tansiq NAME " */
	const char *summary;    /* one line */
	const char *description;
	const option_spec *opts; /* terminated by {NULL} */
	int min_pos, max_pos;
} command;

typedef struct args {
	const command *cmd;
	const char *pos[MAX_ARGS];
	int npos;
	int n;
	const char *name[MAX_ARGS];
	const char *value[MAX_ARGS];
} args;

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

/* Value of option `name` (the last one given), or def. */
const char *arg_get(const args *a, const char *name, const char *def);
/* Calls fn for every value of a repeatable option; stops and returns -1 if fn does. */
int arg_each(const args *a, const char *name, int (*fn)(void *ctx, const char *value), void *ctx);
/* Parses argv (after the command name) against cmd's table. Returns 0, or -1 after printing a
 * usage error. */
int args_parse(args *a, const command *cmd, int argc, char **argv);

/* Prints err to stderr as error/detail/hint lines; returns EXIT_ERROR (EXIT_USAGE for
 * TS_USAGE). */
int report(const ts_error *err);
/* Opens the store of --data. */
int open_store(const args *a, ts_store **st, int create);

/* Output formats of commands that print records. */
typedef enum { FMT_TEXT, FMT_JSON, FMT_CSV } out_format;
int get_format(const args *a, out_format *f, int allow_text, ts_error *err);
void print_records(FILE *out, const ts_entity *e, json_t *items, out_format f);
void print_record(FILE *out, const ts_entity *e, json_t *rec, out_format f);
/* --format of the commands whose output is not records (text, the default, or json): *json is
 * set for json; any other value is a usage error. */
int get_text_or_json(const args *a, int *json, ts_error *err);
/* Prints a JSON document, indented, and a newline. */
void print_json(FILE *out, const json_t *j);
/* A string member of a JSON object, "-" when missing; an integer member, 0 when missing. */
const char *json_str(const json_t *o, const char *k);
long json_num(const json_t *o, const char *k);
/* Prints j as JSON (print_json), lets it go, and returns EXIT_OK. */
int print_json_free(json_t *j);
/* --on: a day YYYY-MM-DD or none (*on NULL); anything else is a usage error. */
int day_option(const args *a, const char **on, ts_error *err);
/* --NAME: a whole number from min to max, or none (*out left as it is); anything else is a usage
 * error, "--NAME 'VALUE' is not WHAT". */
int range_option(const args *a, const char *name, long min, long max, const char *what, long *out, ts_error *err);
/* --lang: ar, en (the default) or fr; anything else is a usage error. */
int lang_option(const args *a, ts_lang *lang, ts_error *err);
/* Reads a whole file ("-": standard input, at most 1 GiB); NULL with err set on failure. The
 * caller frees the result. */
char *read_file(const char *path, size_t *len, ts_error *err);
/* Writes data to path (NULL: standard output). */
int write_output(const char *path, const char *data, size_t len, ts_error *err);

/* The commands. */
int cmd_init(args *a);
int cmd_serve(args *a);
int cmd_list(args *a);
int cmd_show(args *a);
int cmd_add(args *a);
int cmd_edit(args *a);
int cmd_delete(args *a);
int cmd_import(args *a);
/* import acled|ucdp-ged|ucdp-acd FILE (cmd_events.c); -1, before anything is done, when the first
 * argument names no dataset (the generic import of a collection then runs). */
int cmd_import_feed(args *a);
int cmd_export(args *a);
int cmd_schema(args *a);
int cmd_help(args *a);
int cmd_audit(args *a);
int cmd_user(args *a);
int cmd_meeting(args *a);
int cmd_vote(args *a);
int cmd_cycles(args *a);
int cmd_calendar(args *a);
int cmd_gap(args *a);
int cmd_progress(args *a);
int cmd_progress_report(args *a);
int cmd_feed(args *a);
int cmd_forecast(args *a);
int cmd_stats(args *a);
int cmd_alert(args *a);
int cmd_mediator(args *a);
int cmd_process(args *a);
int cmd_search(args *a);
int cmd_doc(args *a);

extern const command commands[];
/* Options every command takes (--data, --help). */
extern const option_spec common_options[];

#endif
