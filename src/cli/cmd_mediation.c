/* tansiq mediator and tansiq process: the network of mediators and the mediation processes
 * (mediation.h). Each command has subcommands; a table says which positional arguments and
 * options each takes, so that an option given to the wrong one is named, with the right usage. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tansiq/conflicts.h"
#include "tansiq/mediation.h"
#include "tansiq/records.h"

typedef struct sub {
	const char *name;
	int npos;          /* positional arguments after the subcommand's name */
	const char *opts;  /* the options it takes, each between spaces */
	const char *usage; /* after "tansiq COMMAND " */
} sub;

static const sub mediator_subs[] = {
	{"list", 0, " status kind language expertise region availability format ",
	 "list [--status S] [--kind K] [--language ar] [--expertise ID] [--region R] [--availability A] [--format text|json|csv]"},
	{"show", 1, " format ", "show ID [--format text|json]"},
	{"add", 0, " name-en name-ar name-fr nationality kind nominating-state by-secretary-general languages expertise regions "
		   "countries experience-years account set format ",
	 "add --name-en NAME --nationality ISO3 --kind mediator|special_envoy|expert (--nominating-state ISO3 | "
	 "--by-secretary-general) [--languages \"ar:native en:fluent\"] [--expertise IDS] [--regions R] [--countries ISO3S] "
	 "[--experience-years N] [--account USER] [--set FIELD=VALUE]..."},
	{"approve", 1, " format ", "approve ID"},
	{"decline", 1, " reason format ", "decline ID --reason TEXT"},
	{"withdraw", 1, " reason format ", "withdraw ID --reason TEXT"},
	{"sign", 1, " code format ", "sign ID [--code CODE]"},
	{NULL, 0, NULL, NULL},
};

static const sub process_subs[] = {
	{"list", 0, " stage country format ", "list [--stage S] [--country ISO3] [--format text|json|csv]"},
	{"show", 1, " format ", "show ID [--format text|json]"},
	{"open", 0, " title-en title-ar title-fr country paragraph sg-decision conflict party-states parties languages "
		    "expertise partners set format ",
	 "open --title-en TITLE --country ISO3 (--paragraph ID | --sg-decision TEXT) [--conflict ID] [--party-states ISO3S] "
	 "[--parties \"A; B\"] [--languages \"ar en\"] [--expertise IDS] [--partners IDS] [--set FIELD=VALUE]..."},
	{"stage", 2, " on reason format ", "stage ID STAGE [--on YYYY-MM-DD] [--reason TEXT]"},
	{"match", 1, " limit excluded format ", "match ID [--limit N] [--excluded] [--format text|json|csv]"},
	{NULL, 0, NULL, NULL},
};

/* The subcommand of a->pos[0], its arguments and options checked; NULL after reporting. */
static const sub *subcommand(const args *a, const sub *subs, ts_error *err)
{
	const sub *s;
	char all[200] = "";

	for (s = subs; s->name; s++)
		if (!strcmp(s->name, a->pos[0]))
			break;
	if (!s->name) {
		for (const sub *t = subs; t->name; t++)
			snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s", t == subs ? "" : ", ", t->name);
		ts_fail(err, TS_USAGE, "COMMAND", "unknown subcommand '%.40s'; the subcommands are %s (tansiq %s --help)",
			a->pos[0], all, a->cmd->name);
		return NULL;
	}
	if (a->npos != 1 + s->npos) {
		ts_fail(err, TS_USAGE, "COMMAND", "%s %s takes %s; usage: tansiq %s %s", a->cmd->name, s->name,
			s->npos == 0 ? "no argument" : s->npos == 1 ? "one argument" : "two arguments", a->cmd->name, s->usage);
		return NULL;
	}
	for (int i = 0; i < a->n; i++) {
		char key[72];
		if (!strcmp(a->name[i], "data") || !strcmp(a->name[i], "help"))
			continue;
		snprintf(key, sizeof(key), " %s ", a->name[i]);
		if (!strstr(s->opts, key)) {
			ts_fail(err, TS_USAGE, a->name[i], "--%s is not an option of '%s %s'; usage: tansiq %s %s", a->name[i],
				a->cmd->name, s->name, a->cmd->name, s->usage);
			return NULL;
		}
	}
	return s;
}

/* A bad parameter of the library is a bad option here. */
static int report_usage(ts_error *err)
{
	if (err->code == TS_INVALID_PARAMETER || err->code == TS_UNKNOWN_PARAMETER)
		err->code = TS_USAGE;
	return report(err);
}

/* Every record of q, all pages, in *out. */
static int list_all(ts_store *st, ts_query *q, json_t **out, ts_error *err)
{
	json_t *all = json_array();

	q->limit = TS_LIMIT_MAX;
	for (;;) {
		json_t *page, *next;
		if (ts_records_list(st, q, &page, err)) {
			json_decref(all);
			return -1;
		}
		json_array_extend(all, json_object_get(page, "items"));
		next = json_object_get(page, "next_cursor");
		if (!json_is_string(next) || ts_query_param(q, "cursor", json_string_value(next), err)) {
			int failed = json_is_string(next);
			json_decref(page);
			if (failed) {
				json_decref(all);
				return -1;
			}
			break;
		}
		json_decref(page);
	}
	*out = all;
	return 0;
}

/* Records of e whose field is value, sorted by sort, as the viewer reads them. */
static int records_of(ts_store *st, const ts_entity *e, const char *field, const char *value, const char *sort,
		      json_t **out, ts_error *err)
{
	ts_query q;
	int rc;

	ts_query_init(&q, e);
	rc = ts_query_param(&q, field, value, err) || ts_query_param(&q, "sort", sort, err) || list_all(st, &q, out, err)
		     ? -1 : 0;
	ts_query_free(&q);
	return rc;
}

/* --set FIELD=VALUE of entity e into rec. */
struct sets {
	const ts_entity *e;
	json_t *rec;
	ts_error *err;
};

static int set_field(struct sets *s, const char *name, const char *text)
{
	const ts_field *f = ts_entity_field(s->e, name);
	json_t *v;

	if (!f)
		return ts_fail(s->err, TS_USAGE, "set", "a %s has no field '%.40s'; see tansiq schema %s", s->e->name, name,
			       s->e->collection);
	if (!(v = ts_field_parse(f, text, s->err)))
		return -1;
	json_object_set_new(s->rec, name, v);
	return 0;
}

static int add_set(void *ctx, const char *kv)
{
	struct sets *s = ctx;
	const char *eq = strchr(kv, '=');
	char name[64];

	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof(name))
		return ts_fail(s->err, TS_USAGE, "set", "--set '%.60s' is not FIELD=VALUE", kv);
	memcpy(name, kv, (size_t)(eq - kv));
	name[eq - kv] = '\0';
	return set_field(s, name, eq + 1);
}

/* The input record of add/open: the options that name fields (option, field), then --set. */
static json_t *input_record(const args *a, const ts_entity *e, const char *const (*map)[2], size_t n, ts_error *err)
{
	struct sets s = {e, json_object(), err};

	for (size_t k = 0; k < n; k++)
		if (arg_get(a, map[k][0], NULL) && set_field(&s, map[k][1], arg_get(a, map[k][0], NULL)))
			goto fail;
	if (arg_each(a, "set", add_set, &s))
		goto fail;
	return s.rec;
fail:
	json_decref(s.rec);
	return NULL;
}

/* Ends the transaction of a write whose result is rc_of_write: committed when it succeeded, else
 * rolled back (nothing changed). */
static int in_transaction(ts_store *st, int rc_of_write, ts_error *err)
{
	if (rc_of_write == 0 && ts_store_commit(st, err) == 0)
		return 0;
	ts_store_rollback(st);
	return -1;
}

/* ==== tansiq mediator ==== */

struct has_item {
	const char *want;
	int code_only; /* compare the part before ':' ("ar" of "ar:native") */
};

static int item_is(void *ctx, const char *item, size_t len)
{
	const struct has_item *h = ctx;
	const char *colon = h->code_only ? strchr(item, ':') : NULL;
	size_t n = colon ? (size_t)(colon - item) : len;

	return n == strlen(h->want) && !strncmp(item, h->want, n);
}

static int list_has(const json_t *rec, const char *field, const char *want, int code_only)
{
	struct has_item h = {want, code_only};

	return ts_list_each(json_string_value(json_object_get(rec, field)), item_is, &h) > 0;
}

/* --language, --expertise, --region: checked, so that a typing error is not an empty roster. */
static int list_filters_valid(ts_store *st, const args *a, ts_error *err)
{
	const char *l = arg_get(a, "language", NULL), *x = arg_get(a, "expertise", NULL), *r = arg_get(a, "region", NULL);
	const ts_field *rf = ts_entity_field(&ts_entity_country, "region");

	if (l && (strlen(l) != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' || l[1] > 'z'))
		return ts_fail(err, TS_USAGE, "language", "--language '%.20s' is not a two-letter language code such as ar, en "
			       "or fr", l);
	if (r && ts_enum_index(rf->values, r) < 0)
		return ts_fail(err, TS_USAGE, "region", "--region '%.40s' is not a region; use africa, americas, asia, europe or "
			       "middle_east", r);
	if (x) {
		json_t *rec = NULL;
		ts_error ignored = TS_ERROR_INIT;
		if (ts_record_get(st, &ts_entity_expertise, x, &rec, &ignored))
			return ts_fail(err, TS_USAGE, "expertise", "--expertise '%.40s' is not an area of expertise; see tansiq list "
				       "expertise-areas", x);
		json_decref(rec);
	}
	return 0;
}

static int mediator_list(ts_store *st, const args *a, json_t **out, ts_error *err)
{
	static const char *const eq[] = {"status", "kind", "availability"};
	ts_query q;
	json_t *all = NULL, *m;
	size_t i;
	int rc = -1;

	if (list_filters_valid(st, a, err))
		return -1;
	ts_query_init(&q, &ts_entity_mediator);
	for (size_t k = 0; k < sizeof(eq) / sizeof(eq[0]); k++)
		if (arg_get(a, eq[k], NULL) && ts_query_param(&q, eq[k], arg_get(a, eq[k], NULL), err))
			goto done;
	if (ts_query_param(&q, "sort", "name_en", err) || list_all(st, &q, &all, err))
		goto done;
	*out = json_array();
	json_array_foreach(all, i, m)
		if ((!arg_get(a, "language", NULL) || list_has(m, "languages", arg_get(a, "language", NULL), 1)) &&
		    (!arg_get(a, "expertise", NULL) || list_has(m, "expertise", arg_get(a, "expertise", NULL), 0)) &&
		    (!arg_get(a, "region", NULL) || list_has(m, "regions", arg_get(a, "region", NULL), 0)))
			json_array_append(*out, m);
	rc = 0;
done:
	json_decref(all);
	ts_query_free(&q);
	return rc;
}

static const char *or_dash(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s && *s ? s : "-";
}

static void print_roster(const json_t *items)
{
	const json_t *m;
	size_t i;

	printf("%-18s %-10s %-14s %-4s %-12s %-32s %s\n", "ID", "STATUS", "KIND", "NAT", "AVAILABILITY", "NAME", "LANGUAGES");
	json_array_foreach(items, i, m)
		printf("%-18s %-10s %-14s %-4s %-12s %-32s %s\n", or_dash(m, "id"), or_dash(m, "status"), or_dash(m, "kind"),
		       or_dash(m, "nationality"), or_dash(m, "availability"), or_dash(m, "name_en"), or_dash(m, "languages"));
	printf("%zu member%s\n", json_array_size(items), json_array_size(items) == 1 ? "" : "s");
}

/* The profile: the record, the code of conduct signed against the one in force, declared
 * interests, training and places on teams. */
static int mediator_profile(ts_store *st, const char *id, json_t **out, ts_error *err)
{
	json_t *m = NULL, *cur = NULL, *interests = NULL, *training = NULL, *teams = NULL, *r, *signed_code = NULL;
	const char *was;
	size_t i;

	if (ts_record_get(st, &ts_entity_mediator, id, &m, err) || ts_code_current(st, &cur, err) ||
	    records_of(st, &ts_entity_interest, "mediator", id, "declared_on", &interests, err) ||
	    records_of(st, &ts_entity_trainee, "mediator", id, "on", &training, err) ||
	    records_of(st, &ts_entity_assignment, "mediator", id, "since", &teams, err))
		goto fail;
	json_array_foreach(training, i, r) {
		json_t *t = NULL;
		ts_error ignored = TS_ERROR_INIT;
		if (ts_record_get(st, &ts_entity_training, json_string_value(json_object_get(r, "training")), &t, &ignored) == 0)
			json_object_set_new(r, "training_record", t);
	}
	json_array_foreach(teams, i, r) {
		json_t *p = NULL;
		ts_error ignored = TS_ERROR_INIT;
		if (ts_record_get(st, &ts_entity_process, json_string_value(json_object_get(r, "process")), &p, &ignored) == 0)
			json_object_set_new(r, "process_record", p);
	}
	was = json_string_value(json_object_get(m, "code_signed"));
	if (was) {
		ts_error ignored = TS_ERROR_INIT;
		if (ts_record_get(st, &ts_entity_code_of_conduct, was, &signed_code, &ignored))
			signed_code = NULL;
	}
	*out = json_pack("{so so so ss so so so}", "mediator", m, "code", cur ? cur : json_null(), "code_signed",
			 signed_code ? signed_code : json_null(), "code_status",
			 !cur ? "pending" : was && !strcmp(was, json_string_value(json_object_get(cur, "id"))) ? "signed" : "must_sign",
			 "interests", interests, "training", training, "teams", teams);
	return 0;
fail:
	json_decref(m);
	json_decref(cur);
	json_decref(interests);
	json_decref(training);
	json_decref(teams);
	return -1;
}

static void print_profile(const json_t *d)
{
	const json_t *m = json_object_get(d, "mediator"), *cur = json_object_get(d, "code"), *was = json_object_get(d, "code_signed");
	const char *status = json_str(d, "code_status");
	const json_t *r;
	size_t i;

	print_record(stdout, &ts_entity_mediator, (json_t *)m, FMT_TEXT);
	printf("\ncode of conduct: ");
	if (!strcmp(status, "pending"))
		printf("no code adopted yet (pending): nothing to sign until the secretariat records an adopted version\n");
	else if (!strcmp(status, "signed"))
		printf("signed version %ld (%s) on %s\n", json_num(cur, "version"), json_str(cur, "id"), or_dash(m, "code_signed_at"));
	else if (json_is_object(was))
		printf("must sign version %ld (%s); signed version %ld before, on %s\n", json_num(cur, "version"),
		       json_str(cur, "id"), json_num(was, "version"), or_dash(m, "code_signed_at"));
	else
		printf("must sign version %ld (%s); has signed none\n", json_num(cur, "version"), json_str(cur, "id"));

	printf("\ndeclared interests: %s\n", json_array_size(json_object_get(d, "interests")) ? "" : "none");
	json_array_foreach(json_object_get(d, "interests"), i, r)
		printf("  %-10s %-8s %-4s %s%s%s\n", or_dash(r, "declared_on"), or_dash(r, "kind"), or_dash(r, "country"),
		       json_is_string(json_object_get(r, "party")) ? json_str(r, "party") : "",
		       json_is_string(json_object_get(r, "party")) ? ": " : "", json_str(r, "description"));

	printf("\ntraining: %s\n", json_array_size(json_object_get(d, "training")) ? "" : "none");
	json_array_foreach(json_object_get(d, "training"), i, r) {
		const json_t *t = json_object_get(r, "training_record");
		printf("  %-10s %-10s %s%s%s%s\n", or_dash(r, "on"), or_dash(r, "result"),
		       t ? json_str(t, "title_en") : json_str(r, "training"),
		       json_is_string(json_object_get(r, "certificate")) ? " (certificate: " : "",
		       json_is_string(json_object_get(r, "certificate")) ? json_str(r, "certificate") : "",
		       json_is_string(json_object_get(r, "certificate")) ? ")" : "");
	}

	printf("\nteams: %s\n", json_array_size(json_object_get(d, "teams")) ? "" : "none");
	json_array_foreach(json_object_get(d, "teams"), i, r) {
		const json_t *p = json_object_get(r, "process_record");
		printf("  %-16s %-7s since %-10s %s%s  %s\n", json_str(r, "process"), json_str(r, "role"), or_dash(r, "since"),
		       json_is_string(json_object_get(r, "until")) ? "until " : "(current)",
		       json_is_string(json_object_get(r, "until")) ? json_str(r, "until") : "", p ? json_str(p, "title_en") : "");
	}
}

static int mediator_add(ts_store *st, const args *a, json_t **out, ts_error *err)
{
	static const char *const map[][2] = {
		{"name-en", "name_en"}, {"name-ar", "name_ar"}, {"name-fr", "name_fr"}, {"nationality", "nationality"},
		{"kind", "kind"}, {"nominating-state", "nominating_state"}, {"languages", "languages"},
		{"expertise", "expertise"}, {"regions", "regions"}, {"countries", "countries"},
		{"experience-years", "experience_years"}, {"account", "account"},
	};
	json_t *in = input_record(a, &ts_entity_mediator, map, sizeof(map) / sizeof(map[0]), err);
	int rc;

	if (!in)
		return -1;
	if (json_object_get(in, "status"))
		rc = ts_fail(err, TS_USAGE, "set", "a nomination starts as nominated; the secretariat decides with 'tansiq mediator "
			     "approve|decline ID'");
	else {
		json_object_set_new(in, "nominated_by", json_string(arg_get(a, "by-secretary-general", NULL) ? "secretary_general"
												      : "state"));
		rc = ts_store_begin(st, err) ? -1 : in_transaction(st, ts_record_create(st, &ts_entity_mediator, in, out, err), err);
	}
	json_decref(in);
	return rc;
}

/* What mediator add needs before anything is read: a name, nationality, kind, and who nominates. */
static int add_usage(const args *a, ts_error *err)
{
	int by_state = arg_get(a, "nominating-state", NULL) != NULL, by_sg = arg_get(a, "by-secretary-general", NULL) != NULL;
	static const char *const need[][2] = {{"name-en", "--name-en NAME (the name in English)"},
					       {"nationality", "--nationality ISO3 (such as TUR)"},
					       {"kind", "--kind mediator, special_envoy or expert"}};

	for (size_t k = 0; k < sizeof(need) / sizeof(need[0]); k++)
		if (!arg_get(a, need[k][0], NULL))
			return ts_fail(err, TS_USAGE, need[k][0], "mediator add needs %s", need[k][1]);
	if (by_state == by_sg)
		return ts_fail(err, TS_USAGE, "nominating-state", "%s: give --nominating-state ISO3 (nominating_state: the member "
			       "state that nominates) or --by-secretary-general", by_state ? "a nomination is by a state or by the "
			       "Secretary-General, not both" : "mediator add needs who nominates");
	return 0;
}

int cmd_mediator(args *a)
{
	ts_error err = TS_ERROR_INIT;
	const sub *s = subcommand(a, mediator_subs, &err);
	const char *what = s ? s->name : "", *id = a->npos > 1 ? a->pos[1] : NULL;
	ts_store *st;
	json_t *out = NULL;
	out_format fmt = FMT_TEXT;
	int rc, json = 0;

	if (!s)
		return report(&err);
	if (!strcmp(what, "list") ? get_format(a, &fmt, 1, &err) : get_text_or_json(a, &json, &err))
		return report(&err);
	if (!strcmp(what, "add") && add_usage(a, &err))
		return report(&err);
	if ((!strcmp(what, "decline") || !strcmp(what, "withdraw")) && !arg_get(a, "reason", NULL)) {
		ts_fail(&err, TS_USAGE, "reason", "mediator %s needs --reason TEXT: why, 10 characters at least (it is kept with "
			"the decision)", what);
		return report(&err);
	}
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(what, "list"))
		rc = mediator_list(st, a, &out, &err);
	else if (!strcmp(what, "show"))
		rc = mediator_profile(st, id, &out, &err);
	else if (!strcmp(what, "add"))
		rc = mediator_add(st, a, &out, &err);
	else if (ts_store_begin(st, &err))
		rc = -1;
	else if (!strcmp(what, "sign"))
		rc = in_transaction(st, ts_mediator_sign(st, id, arg_get(a, "code", NULL), &out, &err), &err);
	else
		rc = in_transaction(st, ts_mediator_decide(st, id, !strcmp(what, "approve") ? "approved"
								      : !strcmp(what, "decline") ? "declined" : "withdrawn",
							   arg_get(a, "reason", NULL), &out, &err), &err);
	ts_store_close(st);
	if (rc) {
		json_decref(out);
		return report_usage(&err);
	}
	if (!strcmp(what, "list")) {
		if (fmt == FMT_TEXT)
			print_roster(out);
		else
			print_records(stdout, &ts_entity_mediator, out, fmt);
	} else if (json) {
		print_json(stdout, out);
	} else if (!strcmp(what, "show")) {
		print_profile(out);
	} else if (!strcmp(what, "add")) {
		printf("nominated %s: %s, %s of %s, nominated by %s (status %s; the secretariat decides: tansiq mediator "
		       "approve|decline %s)\n", json_str(out, "id"), json_str(out, "name_en"), json_str(out, "kind"),
		       json_str(out, "nationality"),
		       json_is_string(json_object_get(out, "nominating_state")) ? json_str(out, "nominating_state")
										: "the Secretary-General",
		       json_str(out, "status"), json_str(out, "id"));
	} else if (!strcmp(what, "sign")) {
		printf("%s signed the code of conduct %s at %s\n", json_str(out, "id"), json_str(out, "code_signed"),
		       json_str(out, "code_signed_at"));
	} else {
		printf("%s is %s%s%s\n", json_str(out, "id"), json_str(out, "status"),
		       json_is_string(json_object_get(out, "decision_reason")) ? ": " : "",
		       json_is_string(json_object_get(out, "decision_reason")) ? json_str(out, "decision_reason") : "");
	}
	json_decref(out);
	return EXIT_OK;
}

/* ==== tansiq process ==== */

static int process_list(ts_store *st, const args *a, json_t **out, ts_error *err)
{
	static const char *const eq[] = {"stage", "country"};
	ts_query q;
	int rc = -1;

	ts_query_init(&q, &ts_entity_process);
	for (size_t k = 0; k < sizeof(eq) / sizeof(eq[0]); k++)
		if (arg_get(a, eq[k], NULL) && ts_query_param(&q, eq[k], arg_get(a, eq[k], NULL), err))
			goto done;
	rc = ts_query_param(&q, "sort", "-opened_on", err) || list_all(st, &q, out, err) ? -1 : 0;
done:
	ts_query_free(&q);
	return rc;
}

static void print_processes(const json_t *items)
{
	const json_t *p;
	size_t i;

	printf("%-16s %-15s %-10s %-7s %-18s %s\n", "ID", "STAGE", "SINCE", "COUNTRY", "LEAD", "TITLE");
	json_array_foreach(items, i, p)
		printf("%-16s %-15s %-10s %-7s %-18s %s\n", or_dash(p, "id"), or_dash(p, "stage"), or_dash(p, "stage_on"),
		       or_dash(p, "country"), or_dash(p, "lead"), or_dash(p, "title_en"));
	printf("%zu process%s\n", json_array_size(items), json_array_size(items) == 1 ? "" : "es");
}

static void print_dossier(const json_t *d)
{
	const json_t *p = json_object_get(d, "process"), *r, *journal = json_object_get(d, "journal");
	size_t i, j;

	printf("process %s: %s\n", json_str(p, "id"), json_str(p, "title_en"));
	printf("  country      %s%s%s\n", json_str(p, "country"), json_is_string(json_object_get(p, "conflict")) ? ", conflict " : "",
	       json_is_string(json_object_get(p, "conflict")) ? json_str(p, "conflict") : "");
	if (!strcmp(json_str(p, "authority"), "secretary_general"))
		printf("  authority    a decision of the Secretary-General: %s\n", json_str(p, "sg_decision"));
	else
		printf("  authority    resolution paragraph %s%s%s\n", json_str(p, "paragraph"),
		       json_is_string(json_object_get(p, "mandate")) ? ", mandate " : "",
		       json_is_string(json_object_get(p, "mandate")) ? json_str(p, "mandate") : "");
	printf("  stage        %s since %s\n", json_str(p, "stage"), or_dash(p, "stage_on"));
	printf("  lead         %s\n", or_dash(p, "lead"));
	printf("  parties      %s\n", or_dash(p, "parties"));
	printf("  party states %s\n", or_dash(p, "party_states"));
	printf("  languages    %s\n", or_dash(p, "languages"));
	printf("  expertise    %s\n", or_dash(p, "expertise"));
	printf("  partners     %s\n", or_dash(p, "partners"));

	/* the timeline: opened at exploration, then each transition */
	printf("\nstages:\n  %-10s opened at exploration\n", or_dash(p, "opened_on"));
	json_array_foreach(json_object_get(d, "stages"), i, r) {
		int back = ts_enum_index(ts_process_stages, json_str(r, "stage")) <
			   ts_enum_index(ts_process_stages, json_str(r, "from_stage"));
		printf("  %-10s %s -> %s%s", json_str(r, "on"), json_str(r, "from_stage"), json_str(r, "stage"),
		       back ? " (back)" : "");
		if (json_is_string(json_object_get(r, "reason")))
			printf(": %s", json_str(r, "reason"));
		printf("\n");
	}

	printf("\nteam: %s\n", json_array_size(json_object_get(d, "team")) ? "" : "nobody yet (tansiq process match to find "
		"candidates; tansiq add process-team to place one)");
	json_array_foreach(json_object_get(d, "team"), i, r) {
		const json_t *m = json_object_get(r, "mediator_record");
		printf("  %-7s %-18s %-32s since %-10s%s%s\n", json_str(r, "role"), json_str(r, "mediator"),
		       m ? json_str(m, "name_en") : "-", or_dash(r, "since"),
		       json_is_string(json_object_get(r, "until")) ? " until " : "",
		       json_is_string(json_object_get(r, "until")) ? json_str(r, "until") : "");
	}

	printf("\nagreements: %s\n", json_array_size(json_object_get(d, "agreements")) ? "" : "none");
	json_array_foreach(json_object_get(d, "agreements"), i, r) {
		const json_t *pr;
		printf("  %-10s %s (%s)%s%s%s%s\n", json_str(r, "signed_on"), json_str(r, "title_en"), json_str(r, "kind"),
		       json_is_string(json_object_get(r, "place")) ? ", " : "",
		       json_is_string(json_object_get(r, "place")) ? json_str(r, "place") : "",
		       json_is_string(json_object_get(r, "parties")) ? "; signed by " : "",
		       json_is_string(json_object_get(r, "parties")) ? json_str(r, "parties") : "");
		json_array_foreach(json_object_get(r, "provisions"), j, pr)
			printf("    %-6s %-13s %-12s %.70s\n", or_dash(pr, "number"), json_str(pr, "category"),
			       json_str(pr, "status"), json_str(pr, "text_en"));
	}

	if (!json_is_array(journal)) {
		printf("\njournal: not readable (the process's team and the secretariat's leadership read it)\n");
		return;
	}
	printf("\njournal: %s\n", json_array_size(journal) ? "" : "no entry");
	json_array_foreach(journal, i, r)
		printf("  %-20s %-10s %-16s %s\n", json_str(r, "at"), json_str(r, "kind"), json_str(r, "author"), json_str(r, "text"));
}

static int process_open(ts_store *st, const args *a, json_t **out, ts_error *err)
{
	static const char *const map[][2] = {
		{"title-en", "title_en"}, {"title-ar", "title_ar"}, {"title-fr", "title_fr"}, {"country", "country"},
		{"paragraph", "paragraph"}, {"sg-decision", "sg_decision"}, {"conflict", "conflict"},
		{"party-states", "party_states"}, {"parties", "parties"}, {"languages", "languages"},
		{"expertise", "expertise"}, {"partners", "partners"},
	};
	json_t *in = input_record(a, &ts_entity_process, map, sizeof(map) / sizeof(map[0]), err);
	int rc;

	if (!in)
		return -1;
	json_object_set_new(in, "authority", json_string(arg_get(a, "paragraph", NULL) ? "resolution_paragraph"
											 : "secretary_general"));
	rc = ts_store_begin(st, err) ? -1 : in_transaction(st, ts_record_create(st, &ts_entity_process, in, out, err), err);
	json_decref(in);
	return rc;
}

static int open_usage(const args *a, ts_error *err)
{
	int par = arg_get(a, "paragraph", NULL) != NULL, sg = arg_get(a, "sg-decision", NULL) != NULL;

	if (!arg_get(a, "title-en", NULL))
		return ts_fail(err, TS_USAGE, "title-en", "process open needs --title-en TITLE (the title in English)");
	if (!arg_get(a, "country", NULL))
		return ts_fail(err, TS_USAGE, "country", "process open needs --country ISO3: the country of the conflict, such "
			       "as SDN");
	if (par == sg)
		return ts_fail(err, TS_USAGE, par ? "sg-decision" : "paragraph", "%s: give --paragraph ID (the resolution "
			       "paragraph that authorises it, such as 53-45-pol-op-7) or --sg-decision TEXT (a decision of the "
			       "Secretary-General)", par ? "a process is authorised by a paragraph or by the Secretary-General, "
			       "not both" : "process open needs its authority");
	return 0;
}

/* The number of a JSON number (integer or real), 0 otherwise. */
static double num(const json_t *o, const char *k) { return json_number_value(json_object_get(o, k)); }

static void csv_cell(const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

/* One CSV row of the match: rank, id, name, score, criterion, points, detail. */
static void csv_row(const char *rank, const char *id, const char *name, const char *score, const char *criterion,
		    const char *points, const char *detail)
{
	const char *cells[] = {rank, id, name, score, criterion, points, detail};

	for (size_t k = 0; k < sizeof(cells) / sizeof(cells[0]); k++) {
		if (k)
			putchar(',');
		csv_cell(cells[k]);
	}
	putchar('\n');
}

static void print_match_csv(const json_t *d)
{
	const json_t *c, *r;
	size_t i, j;

	csv_row("rank", "id", "name", "score", "criterion", "points", "detail");
	json_array_foreach(json_object_get(d, "candidates"), i, c) {
		char rank[24], score[32], points[32];
		snprintf(rank, sizeof(rank), "%ld", json_num(c, "rank"));
		snprintf(score, sizeof(score), "%.2f", num(c, "score"));
		if (!json_array_size(json_object_get(c, "reasons")))
			csv_row(rank, json_str(c, "id"), json_str(c, "name_en"), score, "", "", "");
		json_array_foreach(json_object_get(c, "reasons"), j, r) {
			snprintf(points, sizeof(points), "%.2f", num(r, "points"));
			csv_row(rank, json_str(c, "id"), json_str(c, "name_en"), score, json_str(r, "criterion"), points,
				json_str(r, "detail"));
		}
	}
	/* the excluded (with --excluded): rank "excluded", the rule as the criterion */
	json_array_foreach(json_object_get(d, "excluded"), i, c)
		csv_row("excluded", json_str(c, "id"), json_str(c, "name_en"), "", json_str(c, "rule"), "", json_str(c, "detail"));
}

static void print_match(const json_t *d, int with_excluded)
{
	const json_t *code = json_object_get(d, "code"), *counts = json_object_get(d, "counts"), *c, *r, *v;
	const char *k;
	size_t i, j;
	int first = 1;

	printf("matching for process %s\n", json_str(d, "process"));
	if (json_is_object(code))
		printf("code of conduct: version %ld (%s) must be signed\n", json_num(code, "version"), json_str(code, "id"));
	else
		printf("code of conduct: no code adopted yet (pending): the rule is waived\n");
	printf("weights:");
	json_object_foreach(json_object_get(d, "weights"), k, v)
		printf(" %s %g", k, json_number_value(v));
	printf("\nroster %ld, eligible %ld, excluded %ld", json_num(counts, "roster"), json_num(counts, "eligible"),
	       json_num(counts, "excluded"));
	json_object_foreach(json_object_get(counts, "by_rule"), k, v) {
		if (!json_integer_value(v))
			continue;
		printf("%s%s %ld", first ? " (" : ", ", k, (long)json_integer_value(v));
		first = 0;
	}
	printf("%s\n\n", first ? "" : ")");

	if (!json_array_size(json_object_get(d, "candidates")))
		printf("no eligible candidate\n");
	else
		printf("%4s %7s  %-18s %-14s %-4s %s\n", "RANK", "SCORE", "ID", "KIND", "NAT", "NAME");
	json_array_foreach(json_object_get(d, "candidates"), i, c) {
		printf("%4ld %7.2f  %-18s %-14s %-4s %s\n", json_num(c, "rank"), num(c, "score"), json_str(c, "id"),
		       json_str(c, "kind"), json_str(c, "nationality"), json_str(c, "name_en"));
		json_array_foreach(json_object_get(c, "reasons"), j, r)
			printf("%12s %-13s %6.2f  %s\n", "", json_str(r, "criterion"), num(r, "points"), json_str(r, "detail"));
	}
	if (!with_excluded) {
		if (json_num(counts, "excluded"))
			printf("\n%ld excluded by the hard rules; --excluded lists them with their rule\n", json_num(counts, "excluded"));
		return;
	}
	printf("\nexcluded:%s\n", json_array_size(json_object_get(d, "excluded")) ? "" : " none");
	json_array_foreach(json_object_get(d, "excluded"), i, c)
		printf("  %-18s %-32s rule %s: %s\n", json_str(c, "id"), json_str(c, "name_en"), json_str(c, "rule"),
		       json_str(c, "detail"));
}

int cmd_process(args *a)
{
	ts_error err = TS_ERROR_INIT;
	const sub *s = subcommand(a, process_subs, &err);
	const char *what = s ? s->name : "", *id = a->npos > 1 ? a->pos[1] : NULL, *on = NULL;
	ts_store *st;
	json_t *out = NULL;
	out_format fmt = FMT_TEXT;
	ts_match_opts mo = {0, 0};
	char from[40] = "";
	long limit = 20;
	int rc, json = 0;

	if (!s)
		return report(&err);
	if (!strcmp(what, "list") || !strcmp(what, "match") ? get_format(a, &fmt, 1, &err) : get_text_or_json(a, &json, &err))
		return report(&err);
	if (fmt == FMT_JSON)
		json = 1;
	if ((!strcmp(what, "open") && open_usage(a, &err)) || day_option(a, &on, &err) ||
	    range_option(a, "limit", 1, 1000, "a number of candidates from 1 to 1000", &limit, &err))
		return report(&err);
	mo.limit = (int)limit;
	mo.with_excluded = arg_get(a, "excluded", NULL) != NULL;
	if ((rc = open_store(a, &st, 0)))
		return rc;
	if (!strcmp(what, "list")) {
		rc = process_list(st, a, &out, &err);
	} else if (!strcmp(what, "show")) {
		rc = ts_process_dossier(st, id, &out, &err);
	} else if (!strcmp(what, "open")) {
		rc = process_open(st, a, &out, &err);
	} else if (!strcmp(what, "match")) {
		rc = ts_match(st, id, &mo, &out, &err);
	} else {
		json_t *p = NULL;
		ts_error ignored = TS_ERROR_INIT; /* a missing process is ts_process_stage's error */
		/* the stage it leaves, for the message */
		if (ts_record_get(st, &ts_entity_process, id, &p, &ignored) == 0)
			snprintf(from, sizeof(from), "%s", json_str(p, "stage"));
		json_decref(p);
		rc = ts_store_begin(st, &err) ? -1
		     : in_transaction(st, ts_process_stage(st, id, a->pos[2], on, arg_get(a, "reason", NULL), &out, &err), &err);
	}
	ts_store_close(st);
	if (rc) {
		json_decref(out);
		return report_usage(&err);
	}
	if (!strcmp(what, "list") && fmt != FMT_TEXT)
		print_records(stdout, &ts_entity_process, out, fmt);
	else if (fmt == FMT_CSV)
		print_match_csv(out);
	else if (json)
		print_json(stdout, out);
	else if (!strcmp(what, "list"))
		print_processes(out);
	else if (!strcmp(what, "show"))
		print_dossier(out);
	else if (!strcmp(what, "match"))
		print_match(out, mo.with_excluded);
	else if (!strcmp(what, "open"))
		printf("opened %s: %s, in %s, at stage %s since %s; its team %s reads the journal (tansiq process match %s finds "
		       "candidates)\n", json_str(out, "id"), json_str(out, "title_en"), json_str(out, "country"),
		       json_str(out, "stage"), json_str(out, "stage_on"), json_str(out, "team"), json_str(out, "id"));
	else
		printf("%s moved from %s to %s on %s\n", json_str(out, "id"), from, json_str(out, "stage"), json_str(out, "stage_on"));
	json_decref(out);
	return EXIT_OK;
}
