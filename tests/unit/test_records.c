/* Unit tests of the store and the records: migrations, create/read/update/delete with their
 * checks, lists with filters, sorting, search and cursor pagination, CSV import and export,
 * the default data and the summary, accounts and sessions. Each test gets a fresh store in a
 * temporary directory.
 *
 *   CMOCKA_MESSAGE_OUTPUT=TAP build/test-records
 */
#include <dirent.h>
#include <unistd.h>

#include "unit.h"

/* ---- fixtures ---------------------------------------------------------------------------- */




/* Creates a record in its own transaction; fails the test when refused. Returns the stored
 * record (the caller decrefs). */
static json_t *create(ts_store *st, const char *collection, const char *json)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(json), *out = NULL;

	assert_int_equal(ts_store_begin(st, &err), 0);
	if (ts_record_create(st, entity(collection), in, &out, &err)) {
		ts_store_rollback(st);
		fail_msg("create %s %s: %s: %s", collection, json, ts_code_name(err.code), err.detail);
	}
	assert_int_equal(ts_store_commit(st, &err), 0);
	json_decref(in);
	return out;
}

/* Tries a create that must fail with code (and name field when given); rolls back. */
static void create_fails(ts_store *st, const char *collection, const char *json, ts_code code,
			 const char *field)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(json), *out = NULL;

	assert_int_equal(ts_store_begin(st, &err), 0);
	if (!ts_record_create(st, entity(collection), in, &out, &err))
		fail_msg("create %s %s accepted, expected %s", collection, json, ts_code_name(code));
	ts_store_rollback(st);
	assert_null(out);
	if (err.code != code)
		fail_msg("create %s %s: got %s (%s), expected %s", collection, json, ts_code_name(err.code),
			 err.detail, ts_code_name(code));
	if (field && strcmp(err.field, field))
		fail_msg("create %s %s: error names field '%s', expected '%s' (%s)", collection, json, err.field,
			 field, err.detail);
	json_decref(in);
}

static long count(ts_store *st, const char *collection, const char *field, const char *value)
{
	ts_error err = TS_ERROR_INIT;
	long n = -1;

	assert_int_equal(ts_records_count(st, entity(collection), field, value, &n, &err), 0);
	return n;
}

static const char *str(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

#define STATE(id, extra) \
	"{\"id\":\"" id "\",\"name_ar\":\"دولة\",\"name_en\":\"State " id "\",\"name_fr\":\"État " id "\"," \
	"\"status\":\"member\",\"accession_year\":1969" extra "}"

/* ---- the store --------------------------------------------------------------------------- */

static int migration_row(void *ctx, const ts_value *c, int n)
{
	ts_buf *b = ctx;

	for (int i = 0; i < n; i++) {
		if (c[i].type == TS_V_INT)
			ts_buf_printf(b, "%lld|", c[i].i);
		else if (c[i].type == TS_V_TEXT)
			ts_buf_printf(b, "%s|", c[i].s);
		else
			ts_buf_adds(b, "NULL|");
	}
	ts_buf_adds(b, "\n");
	return 0;
}

static void migrations(ts_store *st, ts_buf *out)
{
	ts_error err = TS_ERROR_INIT;

	ts_buf_reset(out);
	assert_int_equal(ts_store_exec(st, "SELECT \"version\", \"name\", \"applied\" FROM \"ts_migrations\" "
				       "ORDER BY \"version\"", NULL, 0, migration_row, out, NULL, &err), 0);
}

static void test_store_open(void **state)
{
	char dir[256], missing[300];
	ts_store *st = NULL;
	ts_error err = TS_ERROR_INIT;
	ts_buf first = TS_BUF_INIT, again = TS_BUF_INIT;
	json_t *rec;

	(void)state;
	make_dir(dir, sizeof(dir));
	assert_int_equal(ts_store_open(&st, dir, 1, &err), 0);
	as_admin(st);
	assert_non_null(st);
	migrations(st, &first);
	/* two migrations: registry, accounts */
	assert_non_null(strstr(ts_buf_str(&first), "1|registry|"));
	assert_non_null(strstr(ts_buf_str(&first), "2|accounts|"));
	assert_int_equal(count(st, "states", NULL, NULL), 0);
	rec = create(st, "states", STATE("SAU", ""));
	json_decref(rec);
	ts_store_close(st);
	sleep(1); /* a re-run migration would record a later time */

	st = NULL;
	assert_int_equal(ts_store_open(&st, dir, 0, &err), 0);
	as_admin(st);
	migrations(st, &again);
	assert_string_equal(ts_buf_str(&first), ts_buf_str(&again));
	assert_int_equal(count(st, "states", NULL, NULL), 1);
	ts_store_close(st);

	/* and once more with create: still nothing re-run, nothing lost */
	st = NULL;
	assert_int_equal(ts_store_open(&st, dir, 1, &err), 0);
	as_admin(st);
	migrations(st, &again);
	assert_string_equal(ts_buf_str(&first), ts_buf_str(&again));
	assert_int_equal(count(st, "states", NULL, NULL), 1);
	ts_store_close(st);
	test_remove_dir(dir);

	/* a directory without a database */
	snprintf(missing, sizeof(missing), "%s/none", dir);
	st = NULL;
	ts_error_clear(&err);
	assert_int_equal(ts_store_open(&st, missing, 0, &err), -1);
	assert_null(st);
	assert_int_equal(err.code, TS_NOT_INITIALISED);
	ts_buf_free(&first);
	ts_buf_free(&again);
}

static void test_transactions(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(STATE("EGY", ""));
	unsigned long long v0 = ts_store_version(fx->st);

	assert_int_equal(ts_store_begin(fx->st, &err), 0);
	assert_int_equal(ts_store_begin(fx->st, &err), -1); /* no nesting */
	assert_int_equal(err.code, TS_INTERNAL);
	ts_error_clear(&err);
	assert_int_equal(ts_record_create(fx->st, entity("states"), in, NULL, &err), 0);
	ts_store_rollback(fx->st);
	assert_int_equal(count(fx->st, "states", NULL, NULL), 0);
	assert_int_equal(ts_store_commit(fx->st, &err), -1);

	ts_error_clear(&err);
	assert_int_equal(ts_store_begin(fx->st, &err), 0);
	assert_int_equal(ts_record_create(fx->st, entity("states"), in, NULL, &err), 0);
	assert_int_equal(ts_store_commit(fx->st, &err), 0);
	assert_int_equal(count(fx->st, "states", NULL, NULL), 1);
	assert_true(ts_store_version(fx->st) != v0);
	json_decref(in);
}

/* ---- create, read, update, delete -------------------------------------------------------- */

static void test_crud(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	const ts_entity *states = entity("states");
	json_t *rec, *got, *patch;

	rec = create(st, "states", STATE("SAU", ",\"iso2\":\"SA\",\"notes\":\"first\",\"gw_code\":670"));
	/* the stored record has every field, null where not given */
	assert_int_equal(json_object_size(rec), states->nfields);
	assert_true(json_is_null(json_object_get(rec, "observer_since")));
	json_decref(rec);

	assert_int_equal(ts_record_get(st, states, "SAU", &got, &err), 0);
	assert_string_equal(str(got, "name_en"), "State SAU");
	assert_string_equal(str(got, "iso2"), "SA");
	assert_int_equal(json_integer_value(json_object_get(got, "gw_code")), 670);
	assert_int_equal(json_integer_value(json_object_get(got, "accession_year")), 1969);
	assert_string_equal(str(got, "notes"), "first");
	json_decref(got);

	/* update: change one field, clear another; the rest stays */
	patch = load("{\"name_en\":\"Saudi Arabia\",\"notes\":null}");
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_update(st, states, "SAU", patch, &rec, &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_string_equal(str(rec, "name_en"), "Saudi Arabia");
	json_decref(rec);
	json_decref(patch);
	assert_int_equal(ts_record_get(st, states, "SAU", &got, &err), 0);
	assert_string_equal(str(got, "name_en"), "Saudi Arabia");
	assert_true(json_is_null(json_object_get(got, "notes")));
	assert_string_equal(str(got, "iso2"), "SA");
	json_decref(got);

	/* the id cannot change; a patch that breaks a rule is refused */
	patch = load("{\"id\":\"SAA\"}");
	assert_int_equal(ts_record_update(st, states, "SAU", patch, NULL, &err), -1);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_string_equal(err.field, "id");
	json_decref(patch);
	ts_error_clear(&err);
	patch = load("{\"status\":\"suspended\"}");
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_update(st, states, "SAU", patch, NULL, &err), -1);
	ts_store_rollback(st);
	assert_int_equal(err.code, TS_REQUIRED);
	assert_string_equal(err.field, "suspended_since");
	json_decref(patch);
	ts_error_clear(&err);
	patch = load("{\"name_en\":\"x\"}");
	assert_int_equal(ts_record_update(st, states, "XXX", patch, NULL, &err), -1);
	assert_int_equal(err.code, TS_NOT_FOUND);
	json_decref(patch);

	/* delete */
	ts_error_clear(&err);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_delete(st, states, "SAU", &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
	assert_int_equal(ts_record_get(st, states, "SAU", &got, &err), -1);
	assert_null(got);
	assert_int_equal(err.code, TS_NOT_FOUND);
	ts_error_clear(&err);
	assert_int_equal(ts_record_delete(st, states, "SAU", &err), -1);
	assert_int_equal(err.code, TS_NOT_FOUND);
}

static void test_auto_id(void **state)
{
	fixture *fx = *state;
	json_t *a, *b;
	const char *id;

	json_decref(create(fx->st, "organs", "{\"id\":\"cfm\",\"name_en\":\"CFM\",\"kind\":\"council\"}"));
	json_decref(create(fx->st, "contact-groups", "{\"id\":\"g\",\"name_en\":\"Group\"}"));
	a = create(fx->st, "contact-group-members", "{\"group\":\"g\",\"organ\":\"cfm\",\"role\":\"member\"}");
	b = create(fx->st, "contact-group-members", "{\"group\":\"g\",\"organ\":\"cfm\",\"role\":\"co_chair\"}");
	id = str(a, "id");
	assert_non_null(id);
	assert_int_equal(strlen(id), 16);
	assert_int_equal(strspn(id, "0123456789abcdef"), 16);
	assert_string_not_equal(id, str(b, "id"));
	json_decref(a);
	json_decref(b);
	/* a given id is kept */
	a = create(fx->st, "contact-group-members", "{\"id\":\"mine\",\"group\":\"g\",\"organ\":\"cfm\",\"role\":\"member\"}");
	assert_string_equal(str(a, "id"), "mine");
	json_decref(a);
	assert_int_equal(count(fx->st, "contact-group-members", NULL, NULL), 3);
	/* a non-auto entity needs its id */
	create_fails(fx->st, "organs", "{\"name_en\":\"No id\",\"kind\":\"council\"}", TS_REQUIRED, "id");
}

static void test_duplicates(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	json_t *patch;

	json_decref(create(fx->st, "states", STATE("SAU", ",\"iso2\":\"SA\"")));
	json_decref(create(fx->st, "states", STATE("EGY", ",\"iso2\":\"EG\"")));
	create_fails(fx->st, "states", STATE("SAU", ""), TS_DUPLICATE, "id");
	create_fails(fx->st, "states", STATE("SAA", ",\"iso2\":\"SA\""), TS_DUPLICATE, "iso2");
	{
		/* the detail names the record that holds the value */
		json_t *in = load(STATE("SAA", ",\"iso2\":\"SA\""));
		assert_int_equal(ts_store_begin(fx->st, &err), 0);
		assert_int_equal(ts_record_create(fx->st, entity("states"), in, NULL, &err), -1);
		ts_store_rollback(fx->st);
		assert_non_null(strstr(err.detail, "SAU"));
		json_decref(in);
	}
	/* two records without iso2 are fine (null is not a value) */
	json_decref(create(fx->st, "states", STATE("XKX", "")));
	json_decref(create(fx->st, "states", STATE("XPS", ",\"iso2\":null")));
	/* update to a taken value; to its own value */
	ts_error_clear(&err);
	patch = load("{\"iso2\":\"SA\"}");
	assert_int_equal(ts_store_begin(fx->st, &err), 0);
	assert_int_equal(ts_record_update(fx->st, entity("states"), "EGY", patch, NULL, &err), -1);
	ts_store_rollback(fx->st);
	assert_int_equal(err.code, TS_DUPLICATE);
	assert_string_equal(err.field, "iso2");
	ts_error_clear(&err);
	assert_int_equal(ts_store_begin(fx->st, &err), 0);
	assert_int_equal(ts_record_update(fx->st, entity("states"), "SAU", patch, NULL, &err), 0);
	assert_int_equal(ts_store_commit(fx->st, &err), 0);
	json_decref(patch);
	assert_int_equal(count(fx->st, "states", NULL, NULL), 4);
}

static void test_references(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *got;

	json_decref(create(st, "states", STATE("SAU", "")));
	create_fails(st, "persons", "{\"id\":\"p\",\"name_en\":\"P\",\"nationality\":\"ZZZ\"}", TS_UNKNOWN_REFERENCE,
		     "nationality");
	json_decref(create(st, "persons", "{\"id\":\"p\",\"name_en\":\"P\",\"nationality\":\"SAU\"}"));
	json_decref(create(st, "persons", "{\"id\":\"q\",\"name_en\":\"Q\",\"nationality\":\"SAU\"}"));

	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_delete(st, entity("states"), "SAU", &err), -1);
	ts_store_rollback(st);
	assert_int_equal(err.code, TS_REFERENCED);
	assert_non_null(strstr(err.detail, "persons"));
	assert_int_equal(ts_record_get(st, entity("states"), "SAU", &got, &err), 0);
	json_decref(got);
	assert_int_equal(count(st, "persons", NULL, NULL), 2);

	/* a self-reference: an organ's parent */
	json_decref(create(st, "organs", "{\"id\":\"cfm\",\"name_en\":\"CFM\",\"kind\":\"council\"}"));
	json_decref(create(st, "organs", "{\"id\":\"sub\",\"name_en\":\"Sub\",\"kind\":\"subsidiary\",\"parent\":\"cfm\"}"));
	create_fails(st, "organs", "{\"id\":\"x\",\"name_en\":\"X\",\"kind\":\"subsidiary\",\"parent\":\"nope\"}",
		     TS_UNKNOWN_REFERENCE, "parent");
	ts_error_clear(&err);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_delete(st, entity("organs"), "cfm", &err), -1);
	ts_store_rollback(st);
	assert_int_equal(err.code, TS_REFERENCED);

	/* once the referring records are gone the delete goes through */
	ts_error_clear(&err);
	assert_int_equal(ts_store_begin(st, &err), 0);
	assert_int_equal(ts_record_delete(st, entity("persons"), "p", &err), 0);
	assert_int_equal(ts_record_delete(st, entity("persons"), "q", &err), 0);
	assert_int_equal(ts_record_delete(st, entity("states"), "SAU", &err), 0);
	assert_int_equal(ts_store_commit(st, &err), 0);
}

/* ---- lists ------------------------------------------------------------------------------- */

#define NSTATES 23

/* States with some fields null: gw_code null every third, group null every fourth, a few
 * sharing names and values so that ties are broken by id. */
static void make_states(ts_store *st)
{
	static const char *const groups[] = {"arab", "asian", "african", NULL};
	ts_error err = TS_ERROR_INIT;

	assert_int_equal(ts_store_begin(st, &err), 0);
	for (int i = 0; i < NSTATES; i++) {
		char id[4] = {(char)('A' + (i * 7) % 26), (char)('A' + i % 26), 'X', '\0'};
		json_t *rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "id", id, "name_ar", "دولة", "name_en",
					i % 5 == 0 ? "Republic of Somewhere" : "Kingdom", "name_fr", "État", "status",
					i % 6 == 5 ? "observer" : "member", i % 6 == 5 ? "observer_since" : "accession_year",
					1969 + i % 4);
		if (i % 3)
			json_object_set_new(rec, "gw_code", json_integer(100 + (i * 37) % 11));
		if (groups[i % 4])
			json_object_set_new(rec, "group", json_string(groups[i % 4]));
		if (ts_record_create(st, entity("states"), rec, NULL, &err))
			fail_msg("create state %d: %s", i, err.detail);
		json_decref(rec);
	}
	assert_int_equal(ts_store_commit(st, &err), 0);
}

/* Lists with the parameters given as name, value pairs (NULL-terminated). */
static json_t *list(ts_store *st, const char *collection, ...)
{
	ts_query q;
	ts_error err = TS_ERROR_INIT;
	json_t *out = NULL;
	va_list ap;
	const char *name;

	ts_query_init(&q, entity(collection));
	va_start(ap, collection);
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		if (ts_query_param(&q, name, value, &err))
			fail_msg("parameter %s=%s: %s", name, value, err.detail);
	}
	va_end(ap);
	if (ts_records_list(st, &q, &out, &err))
		fail_msg("list %s: %s: %s", collection, ts_code_name(err.code), err.detail);
	ts_query_free(&q);
	return out;
}

static size_t nitems(const json_t *page) { return json_array_size(json_object_get(page, "items")); }

static void test_list_filters(void **state)
{
	fixture *fx = *state;
	json_t *page, *it;
	size_t i;

	make_states(fx->st);
	page = list(fx->st, "states", NULL);
	assert_int_equal(json_integer_value(json_object_get(page, "total")), NSTATES);
	assert_int_equal(nitems(page), NSTATES);
	assert_true(json_is_null(json_object_get(page, "next_cursor")));
	json_decref(page);

	page = list(fx->st, "states", "status", "observer", "limit", "1000", NULL);
	assert_int_equal(json_integer_value(json_object_get(page, "total")), count(fx->st, "states", "status", "observer"));
	assert_int_equal(nitems(page), 3);
	json_array_foreach(json_object_get(page, "items"), i, it)
		assert_string_equal(str(it, "status"), "observer");
	json_decref(page);

	page = list(fx->st, "states", "group", "arab", "status", "member", NULL);
	json_array_foreach(json_object_get(page, "items"), i, it) {
		assert_string_equal(str(it, "group"), "arab");
		assert_string_equal(str(it, "status"), "member");
	}
	assert_true(nitems(page) > 0);
	json_decref(page);

	/* an empty value filters on "not known" */
	page = list(fx->st, "states", "group", "", NULL);
	assert_int_equal(nitems(page), 5); /* i = 3, 7, 11, 15, 19 */
	json_array_foreach(json_object_get(page, "items"), i, it)
		assert_true(json_is_null(json_object_get(it, "group")));
	json_decref(page);

	/* integers filter by value */
	page = list(fx->st, "states", "gw_code", "100", NULL);
	json_array_foreach(json_object_get(page, "items"), i, it)
		assert_int_equal(json_integer_value(json_object_get(it, "gw_code")), 100);
	json_decref(page);

	/* q searches the names, case-insensitively; LIKE wildcards are literal */
	page = list(fx->st, "states", "q", "republic", NULL);
	assert_int_equal(nitems(page), 5); /* i = 0, 5, 10, 15, 20 */
	json_decref(page);
	page = list(fx->st, "states", "q", "KINGDOM", "status", "observer", NULL);
	assert_int_equal(nitems(page), 2); /* i = 11, 17 */
	json_decref(page);
	page = list(fx->st, "states", "q", "%", NULL);
	assert_int_equal(nitems(page), 0);
	json_decref(page);
	page = list(fx->st, "states", "q", "_", NULL);
	assert_int_equal(nitems(page), 0);
	json_decref(page);
	page = list(fx->st, "states", "q", "", NULL);
	assert_int_equal(nitems(page), NSTATES);
	json_decref(page);
}

/* Compares two records on a sort field as the list must order them: nulls last, then by value
 * (ascending or descending), then by id ascending. */
static int order_cmp(const json_t *a, const json_t *b, const char *field, int desc)
{
	const json_t *va = json_object_get(a, field), *vb = json_object_get(b, field);
	int c = 0;

	if (!strcmp(field, "id"))
		return desc ? -strcmp(str(a, "id"), str(b, "id")) : strcmp(str(a, "id"), str(b, "id"));
	if (json_is_null(va) != json_is_null(vb))
		return json_is_null(va) ? 1 : -1;
	if (!json_is_null(va)) {
		if (json_is_integer(va))
			c = (json_integer_value(va) > json_integer_value(vb)) - (json_integer_value(va) < json_integer_value(vb));
		else
			c = strcmp(json_string_value(va), json_string_value(vb));
		if (desc)
			c = -c;
	}
	return c ? c : strcmp(str(a, "id"), str(b, "id"));
}

/* Reads every page with a page size and checks that each record comes once, in order, and
 * the same as in one big page. filter_name may be NULL. */
static void check_paging(ts_store *st, const char *sort, const char *filter_name, const char *filter_value,
			 long limit)
{
	char lim[16];
	char *cursor = NULL;
	json_t *all, *seen = json_array(), *allitems;
	int pages = 0;
	const char *field = sort[0] == '-' ? sort + 1 : sort;
	int desc = sort[0] == '-';
	size_t i;
	json_t *it;

	if (filter_name)
		all = list(st, "states", "sort", sort, "limit", "1000", filter_name, filter_value, NULL);
	else
		all = list(st, "states", "sort", sort, "limit", "1000", NULL);
	allitems = json_object_get(all, "items");
	/* the big page is ordered */
	for (i = 1; i < json_array_size(allitems); i++)
		if (order_cmp(json_array_get(allitems, i - 1), json_array_get(allitems, i), field, desc) >= 0)
			fail_msg("sort=%s: %s before %s", sort, str(json_array_get(allitems, i - 1), "id"),
				 str(json_array_get(allitems, i), "id"));

	snprintf(lim, sizeof(lim), "%ld", limit);
	for (;;) {
		ts_query q;
		ts_error err = TS_ERROR_INIT;
		json_t *page = NULL, *next;

		ts_query_init(&q, entity("states"));
		assert_int_equal(ts_query_param(&q, "sort", sort, &err), 0);
		assert_int_equal(ts_query_param(&q, "limit", lim, &err), 0);
		if (filter_name)
			assert_int_equal(ts_query_param(&q, filter_name, filter_value, &err), 0);
		if (cursor && ts_query_param(&q, "cursor", cursor, &err))
			fail_msg("cursor refused: %s", err.detail);
		if (ts_records_list(st, &q, &page, &err))
			fail_msg("sort=%s limit=%ld %s=%s page %d: %s: %s", sort, limit,
				 filter_name ? filter_name : "", filter_value ? filter_value : "", pages + 1,
				 ts_code_name(err.code), err.detail);
		ts_query_free(&q);
		assert_true((long)nitems(page) <= limit);
		assert_int_equal(json_integer_value(json_object_get(page, "total")), json_array_size(allitems));
		json_array_foreach(json_object_get(page, "items"), i, it)
			json_array_append(seen, it);
		next = json_object_get(page, "next_cursor");
		free(cursor);
		cursor = json_is_string(next) ? strdup(json_string_value(next)) : NULL;
		json_decref(page);
		pages++;
		if (!cursor)
			break;
		if (pages > 1000)
			fail_msg("sort=%s limit=%ld: pagination does not end", sort, limit);
	}
	if (json_array_size(seen) != json_array_size(allitems))
		fail_msg("sort=%s limit=%ld: %zu records over the pages, %zu in one", sort, limit,
			 json_array_size(seen), json_array_size(allitems));
	json_array_foreach(allitems, i, it)
		if (strcmp(str(it, "id"), str(json_array_get(seen, i), "id")))
			fail_msg("sort=%s limit=%ld: record %zu is %s, expected %s", sort, limit, i,
				 str(json_array_get(seen, i), "id"), str(it, "id"));
	json_decref(seen);
	json_decref(all);
}

static void test_list_sort_and_pages(void **state)
{
	fixture *fx = *state;
	static const char *const sorts[] = {
		"id", "-id", "name_en", "-name_en", "gw_code", "-gw_code", "group", "-group",
		"accession_year", "-accession_year", "status", "-status", "iso2", "-iso2",
	};
	json_t *page;

	make_states(fx->st);
	/* nulls come last in both directions */
	page = list(fx->st, "states", "sort", "gw_code", "limit", "1000", NULL);
	assert_true(json_is_integer(json_object_get(json_array_get(json_object_get(page, "items"), 0), "gw_code")));
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(page, "items"), NSTATES - 1), "gw_code")));
	json_decref(page);
	page = list(fx->st, "states", "sort", "-gw_code", "limit", "1000", NULL);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(page, "items"), 0), "gw_code")), 110);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(page, "items"), NSTATES - 1), "gw_code")));
	json_decref(page);

	for (size_t s = 0; s < sizeof(sorts) / sizeof(sorts[0]); s++)
		for (long limit = 1; limit <= 4; limit++)
			check_paging(fx->st, sorts[s], NULL, NULL, limit);
	check_paging(fx->st, "gw_code", NULL, NULL, 7);
	check_paging(fx->st, "-group", NULL, NULL, NSTATES);
	check_paging(fx->st, "-group", NULL, NULL, NSTATES - 1);
	/* with a filter that binds a value */
	check_paging(fx->st, "gw_code", "status", "member", 2);
	check_paging(fx->st, "-name_en", "q", "kingdom", 3);
}

/* A cursor after a filter on "not known" (group=, which adds no bound value). */
static void test_list_pages_null_filter(void **state)
{
	fixture *fx = *state;

	make_states(fx->st);
	check_paging(fx->st, "id", "group", "", 2);
	check_paging(fx->st, "gw_code", "group", "", 2);
}

static void expect_param_error(const char *name, const char *value, ts_code code)
{
	ts_query q;
	ts_error err = TS_ERROR_INIT;

	ts_query_init(&q, entity("states"));
	if (!ts_query_param(&q, name, value, &err))
		fail_msg("parameter %s=%s accepted", name, value ? value : "(null)");
	if (err.code != code)
		fail_msg("parameter %s=%s: %s (%s), expected %s", name, value ? value : "(null)",
			 ts_code_name(err.code), err.detail, ts_code_name(code));
	assert_true(strlen(err.detail) > 0);
	ts_query_free(&q);
}

static char *b64(const char *s)
{
	static char out[256];
	static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t n = strlen(s), o = 0;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16 | (i + 1 < n ? (unsigned char)s[i + 1] << 8 : 0) |
			     (i + 2 < n ? (unsigned char)s[i + 2] : 0);
		out[o++] = tbl[(v >> 18) & 63];
		out[o++] = tbl[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = tbl[(v >> 6) & 63];
		if (i + 2 < n)
			out[o++] = tbl[v & 63];
	}
	out[o] = '\0';
	return out;
}

static void test_query_params(void **state)
{
	ts_query q;
	ts_error err = TS_ERROR_INIT;

	(void)state;
	expect_param_error("capital", "Riyadh", TS_UNKNOWN_PARAMETER);
	expect_param_error("Limit", "5", TS_UNKNOWN_PARAMETER);
	expect_param_error("", "", TS_UNKNOWN_PARAMETER);
	expect_param_error("limit", "0", TS_INVALID_PARAMETER);
	expect_param_error("limit", "1001", TS_INVALID_PARAMETER);
	expect_param_error("limit", "-1", TS_INVALID_PARAMETER);
	expect_param_error("limit", "abc", TS_INVALID_PARAMETER);
	expect_param_error("limit", "5x", TS_INVALID_PARAMETER);
	expect_param_error("limit", "", TS_INVALID_PARAMETER);
	expect_param_error("limit", NULL, TS_INVALID_PARAMETER);
	expect_param_error("limit", "99999999999999999999999", TS_INVALID_PARAMETER);
	expect_param_error("cursor", "", TS_INVALID_PARAMETER);
	expect_param_error("cursor", "not a cursor!", TS_INVALID_PARAMETER);
	expect_param_error("cursor", b64("[1]"), TS_INVALID_PARAMETER);
	expect_param_error("cursor", b64("[1,2]"), TS_INVALID_PARAMETER);
	expect_param_error("cursor", b64("{\"a\":1}"), TS_INVALID_PARAMETER);
	expect_param_error("cursor", b64("[null,\"SAU\""), TS_INVALID_PARAMETER);
	expect_param_error("sort", "capital", TS_INVALID_PARAMETER);
	expect_param_error("sort", "-", TS_INVALID_PARAMETER);
	expect_param_error("sort", "--id", TS_INVALID_PARAMETER);
	expect_param_error("gw_code", "abc", TS_INVALID_PARAMETER);
	expect_param_error("status", "emperor", TS_INVALID_PARAMETER);

	ts_query_init(&q, entity("states"));
	assert_int_equal(ts_query_param(&q, "limit", "1000", &err), 0);
	assert_int_equal(q.limit, 1000);
	assert_int_equal(ts_query_param(&q, "limit", "1", &err), 0);
	assert_int_equal(q.limit, 1);
	assert_int_equal(ts_query_param(&q, "sort", "-gw_code", &err), 0);
	assert_string_equal(q.sort->name, "gw_code");
	assert_int_equal(q.desc, 1);
	assert_int_equal(ts_query_param(&q, "cursor", b64("[null,\"SAU\"]"), &err), 0);
	assert_non_null(q.after);
	assert_int_equal(ts_query_param(&q, "cursor", b64("[670,\"SAU\"]"), &err), 0);
	assert_int_equal(ts_query_param(&q, "q", "arab", &err), 0);
	assert_int_equal(ts_query_param(&q, "q", "again", &err), 0);
	assert_string_equal(q.q, "again");
	assert_int_equal(ts_query_param(&q, "status", "member", &err), 0);
	assert_int_equal(q.nfilters, 1);
	for (int i = 1; i < TS_QUERY_MAX_FILTERS; i++)
		assert_int_equal(ts_query_param(&q, "status", "member", &err), 0);
	assert_int_equal(ts_query_param(&q, "status", "member", &err), -1);
	assert_int_equal(err.code, TS_INVALID_PARAMETER);
	assert_int_equal(err.code, TS_INVALID_PARAMETER);
	ts_query_free(&q);
	ts_query_free(&q); /* twice is harmless */
}

/* A refused filter value: the primary error and the first item agree (error.h: the first
 * problem is the primary one and is items[0]), so a problem document's code and its
 * errors[0].code are the same. */
static void test_query_param_error_items(void **state)
{
	static const char *const bad[][2] = {{"gw_code", "abc"}, {"status", "emperor"}, {"suspended_since", "2019-13"}};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ts_query q;
		ts_error err = TS_ERROR_INIT;
		ts_query_init(&q, entity("states"));
		assert_int_equal(ts_query_param(&q, bad[i][0], bad[i][1], &err), -1);
		assert_int_equal(err.code, TS_INVALID_PARAMETER);
		assert_string_equal(err.field, bad[i][0]);
		assert_true(err.nitems >= 1);
		if (err.items[0].code != err.code)
			fail_msg("%s=%s: primary %s, items[0] %s", bad[i][0], bad[i][1], ts_code_name(err.code),
				 ts_code_name(err.items[0].code));
		ts_query_free(&q);
	}
}

/* ---- import and export ------------------------------------------------------------------- */

static const char states_csv[] =
	"id,iso2,name_ar,name_en,name_fr,status,accession_year,observer_since,suspended_since,notes\n"
	"SAU,SA,السعودية,Saudi Arabia,Arabie saoudite,member,1969,,,\"Seat of the \"\"General Secretariat\"\", Jeddah\"\n"
	"EGY,EG,مصر,Egypt,Égypte,member,1969,,,\n"
	"SYR,SY,سوريا,Syria,Syrie,suspended,1970,,2012-08,\"two\nlines\"\n"
	"BIH,BA,البوسنة والهرسك,Bosnia and Herzegovina,Bosnie-Herzégovine,observer,,1994,,\n";

static int import_csv(ts_store *st, const char *collection, const char *csv, ts_import_stats *stats,
		      ts_error *err)
{
	int rc;

	if (ts_store_begin(st, err))
		return -1;
	rc = ts_import_csv(st, entity(collection), csv, strlen(csv), stats, err);
	if (rc)
		ts_store_rollback(st);
	else if (ts_store_commit(st, err))
		rc = -1;
	return rc;
}

static void test_import_csv(void **state)
{
	fixture *fx = *state;
	ts_import_stats s;
	ts_error err = TS_ERROR_INIT;
	json_t *got;

	if (import_csv(fx->st, "states", states_csv, &s, &err))
		fail_msg("import: %s", err.detail);
	assert_int_equal(s.rows, 4);
	assert_int_equal(s.created, 4);
	assert_int_equal(s.updated, 0);
	assert_int_equal(s.unchanged, 0);
	assert_int_equal(count(fx->st, "states", NULL, NULL), 4);
	assert_int_equal(ts_record_get(fx->st, entity("states"), "SAU", &got, &err), 0);
	assert_string_equal(str(got, "notes"), "Seat of the \"General Secretariat\", Jeddah");
	assert_true(json_is_null(json_object_get(got, "observer_since")));
	json_decref(got);

	/* the same file again changes nothing */
	if (import_csv(fx->st, "states", states_csv, &s, &err))
		fail_msg("re-import: %s", err.detail);
	assert_int_equal(s.rows, 4);
	assert_int_equal(s.created, 0);
	assert_int_equal(s.updated, 0);
	assert_int_equal(s.unchanged, 4);

	/* a subset of columns updates only those */
	if (import_csv(fx->st, "states", "id,name_en\r\nEGY,Arab Republic of Egypt\r\nSAU,Saudi Arabia\r\n", &s, &err))
		fail_msg("partial import: %s", err.detail);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.unchanged, 1);
	assert_int_equal(ts_record_get(fx->st, entity("states"), "EGY", &got, &err), 0);
	assert_string_equal(str(got, "name_en"), "Arab Republic of Egypt");
	assert_string_equal(str(got, "iso2"), "EG");
	json_decref(got);
}

static void test_import_bad_row_rolls_back(void **state)
{
	fixture *fx = *state;
	ts_import_stats s;
	ts_error err = TS_ERROR_INIT;
	static const char bad[] =
		"id,iso2,name_ar,name_en,name_fr,status,accession_year\n"
		"SAU,SA,السعودية,Saudi Arabia,Arabie saoudite,member,1969\n"
		"EGY,EG,مصر,Egypt,Égypte,member,nineteen\n"
		"DZA,DZ,الجزائر,Algeria,Algérie,member,1969\n";

	assert_int_equal(import_csv(fx->st, "states", bad, &s, &err), -1);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_string_equal(err.field, "accession_year");
	assert_non_null(strstr(err.detail, "line 3"));
	assert_non_null(strstr(err.detail, "nineteen"));
	assert_int_equal(count(fx->st, "states", NULL, NULL), 0);

	/* the line of a bad row after a cell spanning two lines */
	ts_error_clear(&err);
	assert_int_equal(import_csv(fx->st, "states",
				    "id,name_ar,name_en,name_fr,status,accession_year,notes\n"
				    "SAU,س,Saudi Arabia,Arabie,member,1969,\"a\nb\"\n"
				    "EGY,م,Egypt,Égypte,member,1969,\n"
				    "DZA,ج,Algeria,Algérie,president,1969,\n", &s, &err), -1);
	assert_int_equal(err.line, 5);
	assert_string_equal(err.field, "status");
	assert_int_equal(count(fx->st, "states", NULL, NULL), 0);

	/* a duplicate inside the file, an unknown column, a short row, an empty file */
	ts_error_clear(&err);
	assert_int_equal(import_csv(fx->st, "states",
				    "id,iso2,name_en,status,accession_year\nSAU,SA,A,member,1969\nSAA,SA,B,member,1969\n",
				    &s, &err), -1);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.code, TS_DUPLICATE);
	assert_string_equal(err.field, "iso2");
	ts_error_clear(&err);
	assert_int_equal(import_csv(fx->st, "states", "id,capital\nSAU,Riyadh\n", &s, &err), -1);
	assert_int_equal(err.code, TS_UNKNOWN_FIELD);
	assert_int_equal(err.line, 1);
	ts_error_clear(&err);
	assert_int_equal(import_csv(fx->st, "states", "id,name_en\nSAU\n", &s, &err), -1);
	assert_int_equal(err.code, TS_INVALID_CSV);
	assert_int_equal(err.line, 2);
	ts_error_clear(&err);
	assert_int_equal(import_csv(fx->st, "states", "id,id\nSAU,SAU\n", &s, &err), -1);
	assert_int_equal(err.code, TS_INVALID_CSV);
	ts_error_clear(&err);
	assert_int_equal(import_csv(fx->st, "states", "", &s, &err), -1);
	assert_int_equal(err.code, TS_INVALID_CSV);
	ts_error_clear(&err);
	assert_int_equal(import_csv(fx->st, "states", "id,name_en\n\"SAU,x\n", &s, &err), -1);
	assert_int_equal(err.code, TS_INVALID_CSV);
	assert_int_equal(count(fx->st, "states", NULL, NULL), 0);
}

static void test_import_json(void **state)
{
	fixture *fx = *state;
	ts_import_stats s;
	ts_error err = TS_ERROR_INIT;
	json_t *doc = load("{\"items\":[" STATE("SAU", "") "," STATE("EGY", ",\"group\":\"arab\"") "]}");
	json_t *bad = load("[" STATE("DZA", "") ",{\"id\":\"TUN\"}]");

	assert_int_equal(ts_store_begin(fx->st, &err), 0);
	assert_int_equal(ts_import_json(fx->st, entity("states"), doc, &s, &err), 0);
	assert_int_equal(ts_store_commit(fx->st, &err), 0);
	assert_int_equal(s.created, 2);
	assert_int_equal(ts_store_begin(fx->st, &err), 0);
	assert_int_equal(ts_import_json(fx->st, entity("states"), bad, &s, &err), -1);
	ts_store_rollback(fx->st);
	assert_int_equal(err.line, 2);
	assert_int_equal(count(fx->st, "states", NULL, NULL), 2);
	json_decref(doc);
	json_decref(bad);
}

static void load_defaults(ts_store *st)
{
	ts_error err = TS_ERROR_INIT;

	assert_int_equal(ts_store_begin(st, &err), 0);
	if (ts_registry_load_defaults(st, &err))
		fail_msg("default data: %s: %s (line %ld)", ts_code_name(err.code), err.detail, err.line);
	assert_int_equal(ts_store_commit(st, &err), 0);
}

/* Exports an entity of one store, imports the file into another, exports again: the two files
 * must be the same bytes, and importing the file over itself must change nothing. */
static void round_trip(ts_store *from, ts_store *to, const ts_entity *e)
{
	ts_buf a = TS_BUF_INIT, b = TS_BUF_INIT;
	ts_import_stats st;
	ts_error err = TS_ERROR_INIT;
	long n1, n2;

	assert_int_equal(ts_export_csv(from, e, &a, &err), 0);
	if (import_csv(to, e->collection, ts_buf_str(&a), &st, &err))
		fail_msg("re-import of exported %s: %s", e->collection, err.detail);
	assert_int_equal(ts_export_csv(to, e, &b, &err), 0);
	if (a.len != b.len || memcmp(a.data, b.data, a.len))
		fail_msg("%s: the second export differs from the first", e->collection);
	assert_int_equal(ts_records_count(from, e, NULL, NULL, &n1, &err), 0);
	assert_int_equal(ts_records_count(to, e, NULL, NULL, &n2, &err), 0);
	assert_int_equal(n1, n2);
	assert_int_equal(st.created, n1);
	assert_int_equal(import_csv(to, e->collection, ts_buf_str(&a), &st, &err), 0);
	assert_int_equal(st.unchanged, n1);
	ts_buf_free(&a);
	ts_buf_free(&b);
}

static void test_export_import_export(void **state)
{
	fixture *fx = *state;
	char dir2[256];
	ts_store *st2 = NULL;
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;

	/* quotes, commas, line breaks, Arabic, nulls, integers, booleans */
	assert_int_equal(import_csv(fx->st, "states", states_csv, &s, &err), 0);
	assert_int_equal(import_csv(fx->st, "organisations",
				    "id,acronym,name_ar,name_en,name_fr,kind,observer_since,partner,notes\n"
				    "un,UN,الأمم المتحدة,United Nations,\"Nations, unies\",universal,1975,true,\"a\r\nb\"\n"
				    "eu,EU,الاتحاد الأوروبي,European Union,Union européenne,regional,,false,\n"
				    "nam,,,Non-Aligned Movement,,,,,\n", &s, &err), 0);
	make_dir(dir2, sizeof(dir2));
	assert_int_equal(ts_store_open(&st2, dir2, 1, &err), 0);
	as_admin(st2);
	round_trip(fx->st, st2, entity("states"));
	round_trip(fx->st, st2, entity("organisations"));
	ts_store_close(st2);
	test_remove_dir(dir2);
}

/* The same for every entity of the default data set, in the schema's order (referenced
 * entities first). */
static void test_export_import_export_defaults(void **state)
{
	fixture *fx = *state;
	const ts_schema *s = ts_schema_all();
	char dir2[256];
	ts_store *st2 = NULL;
	ts_error err = TS_ERROR_INIT;

	load_defaults(fx->st);
	make_dir(dir2, sizeof(dir2));
	assert_int_equal(ts_store_open(&st2, dir2, 1, &err), 0);
	as_admin(st2);
	for (int i = 0; i < s->nentities; i++)
		round_trip(fx->st, st2, s->entities[i]);
	ts_store_close(st2);
	test_remove_dir(dir2);
}

/* Long texts (up to 20000 characters, i.e. up to 80000 bytes of UTF-8) survive an export. */
static void test_export_long_text(void **state)
{
	fixture *fx = *state;
	char dir2[256];
	ts_store *st2 = NULL;
	ts_error err = TS_ERROR_INIT;
	ts_buf notes = TS_BUF_INIT, a = TS_BUF_INIT;
	ts_import_stats s;
	json_t *rec, *got;

	for (int i = 0; i < 15000; i++)
		ts_buf_adds(&notes, "\xd8\xb9"); /* 15000 Arabic letters, 30000 bytes */
	rec = load(STATE("SAU", ""));
	json_object_set_new(rec, "notes", json_string(ts_buf_str(&notes)));
	assert_int_equal(ts_store_begin(fx->st, &err), 0);
	if (ts_record_create(fx->st, entity("states"), rec, NULL, &err))
		fail_msg("create: %s", err.detail);
	assert_int_equal(ts_store_commit(fx->st, &err), 0);
	json_decref(rec);

	assert_int_equal(ts_export_csv(fx->st, entity("states"), &a, &err), 0);
	make_dir(dir2, sizeof(dir2));
	assert_int_equal(ts_store_open(&st2, dir2, 1, &err), 0);
	as_admin(st2);
	if (import_csv(st2, "states", ts_buf_str(&a), &s, &err))
		fail_msg("re-import of the export: %s", err.detail);
	assert_int_equal(ts_record_get(st2, entity("states"), "SAU", &got, &err), 0);
	if (strcmp(str(got, "notes"), ts_buf_str(&notes)))
		fail_msg("notes of %zu bytes came back as %zu bytes", notes.len, strlen(str(got, "notes")));
	json_decref(got);
	ts_store_close(st2);
	test_remove_dir(dir2);
	ts_buf_free(&notes);
	ts_buf_free(&a);
}

static void test_export_json(void **state)
{
	fixture *fx = *state;
	ts_error err = TS_ERROR_INIT;
	ts_import_stats s;
	json_t *all;

	assert_int_equal(import_csv(fx->st, "states", states_csv, &s, &err), 0);
	assert_int_equal(ts_export_json(fx->st, entity("states"), &all, &err), 0);
	assert_int_equal(json_array_size(all), 4);
	/* sorted by id */
	assert_string_equal(str(json_array_get(all, 0), "id"), "BIH");
	assert_string_equal(str(json_array_get(all, 3), "id"), "SYR");
	json_decref(all);
}

/* ---- default data and summary ------------------------------------------------------------ */

static void test_default_data(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	json_t *sum, *states, *groups, *sg;
	long members, suspended, observers, arab, asian, african;

	load_defaults(st);
	assert_int_equal(count(st, "states", NULL, NULL), 62);
	members = count(st, "states", "status", "member");
	suspended = count(st, "states", "status", "suspended");
	observers = count(st, "states", "status", "observer");
	assert_int_equal(members + suspended, 57);
	assert_int_equal(suspended, 1);
	assert_int_equal(observers, 5);

	/* loading again into a non-empty store changes nothing */
	load_defaults(st);
	assert_int_equal(count(st, "states", NULL, NULL), 62);

	assert_int_equal(ts_registry_summary(st, &sum, &err), 0);
	states = json_object_get(sum, "states");
	assert_int_equal(json_integer_value(json_object_get(states, "member")), members);
	assert_int_equal(json_integer_value(json_object_get(states, "suspended")), suspended);
	assert_int_equal(json_integer_value(json_object_get(states, "observer")), observers);
	groups = json_object_get(states, "by_group");
	arab = json_integer_value(json_object_get(groups, "arab"));
	asian = json_integer_value(json_object_get(groups, "asian"));
	african = json_integer_value(json_object_get(groups, "african"));
	assert_int_equal(arab + asian + african, 57);
	{
		long n = 0, all = 0;
		json_t *page = list(st, "states", "group", "arab", "limit", "1000", NULL);
		size_t i;
		json_t *it;
		json_array_foreach(json_object_get(page, "items"), i, it)
			if (strcmp(str(it, "status"), "observer"))
				n++;
		assert_int_equal(arab, n);
		json_decref(page);
		all = count(st, "organs", NULL, NULL);
		assert_int_equal(json_integer_value(json_object_get(sum, "organs")), all);
		assert_int_equal(json_integer_value(json_object_get(sum, "organisations")), count(st, "organisations", NULL, NULL));
		assert_int_equal(json_integer_value(json_object_get(sum, "partners")), count(st, "organisations", "partner", "1"));
		assert_int_equal(json_integer_value(json_object_get(sum, "contact_groups")), count(st, "contact-groups", NULL, NULL));
	}
	sg = json_object_get(sum, "secretary_general");
	assert_true(json_is_object(sg));
	assert_true(json_is_string(json_object_get(json_object_get(sg, "person"), "id")));
	assert_true(json_is_null(json_object_get(json_object_get(sg, "office_term"), "end")));
	json_decref(sum);

	/* the summary of an empty store */
	{
		char dir2[256];
		ts_store *st2 = NULL;
		make_dir(dir2, sizeof(dir2));
		assert_int_equal(ts_store_open(&st2, dir2, 1, &err), 0);
		as_admin(st2);
		assert_int_equal(ts_registry_summary(st2, &sum, &err), 0);
		assert_int_equal(json_integer_value(json_object_get(json_object_get(sum, "states"), "member")), 0);
		assert_true(json_is_null(json_object_get(sum, "secretary_general")));
		json_decref(sum);
		ts_store_close(st2);
		test_remove_dir(dir2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_open),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crud, setup, teardown),
		cmocka_unit_test_setup_teardown(test_auto_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_sort_and_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_pages_null_filter, setup, teardown),
		cmocka_unit_test(test_query_params),
		cmocka_unit_test(test_query_param_error_items),
		cmocka_unit_test_setup_teardown(test_import_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bad_row_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_import_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_import_export_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_long_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_data, setup, teardown),
	};
	return cmocka_run_group_tests_name("records", tests, group_setup, NULL);
}
