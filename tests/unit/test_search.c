/* Search (search.h) on a corpus of our own (tests/fixtures/search/corpus.json: 24 documents in
 * Arabic, English and French, a resolution in the three languages, two states, three organs, a
 * team): what a reader expects to come first for a query, and what must not come at all, in a
 * table of cases; the filters and the facets' exact counts; pages cut from the full ranking; a
 * record found once, shown in the reader's language; the index in step with updates, deletes and
 * a rebuild; the same query for the anonymous public, a delegate, the secretariat and a team's
 * member, who see, count and quote only what they may read; the parameters' errors. */
#include <libgen.h>
#include <unistd.h>

#include "unit.h"

/* ---- the corpus ------------------------------------------------------------------------------ */

/* The corpus: from the source root (tools/check.sh runs the tests there), or beside this file
 * (meson test runs them in the build folder, and __FILE__ is relative to it), or
 * TS_SEARCH_CORPUS. */
static const char *corpus_path(char *out, size_t size)
{
	const char *env = getenv("TS_SEARCH_CORPUS");
	char file[512];

	if (env && *env)
		return env;
	if (access("tests/fixtures/search/corpus.json", R_OK) == 0)
		return "tests/fixtures/search/corpus.json";
	snprintf(file, sizeof file, "%s", __FILE__);
	snprintf(out, size, "%s/../fixtures/search/corpus.json", dirname(file));
	return out;
}

static void account(ts_store *st, const char *name, unsigned roles, const char *state)
{
	ts_error err = TS_ERROR_INIT;

	must(ts_account_create(st, name, "a long enough password", roles, state, &err), &err);
}

/* Loads the corpus as an administrator, and the accounts of the access tests: the secretariat,
 * a delegate of Saudi Arabia, amina (a mediator on the team t-med) and omar (a mediator on no
 * team). Returns the number of documents. */
static int load_corpus(ts_store *st)
{
	char buf[600];
	const char *path = corpus_path(buf, sizeof buf);
	json_error_t jerr;
	json_t *all = json_load_file(path, 0, &jerr), *item;
	size_t i;
	int docs = 0;

	if (!all)
		fail_msg("cannot read %s: %s (line %d); run from the source folder or set TS_SEARCH_CORPUS", path, jerr.text,
			 jerr.line);
	as_admin(st);
	json_array_foreach(json_object_get(all, "records"), i, item) {
		ts_error err = TS_ERROR_INIT;
		const char *collection = json_string_value(json_object_get(item, "collection"));
		json_t *out = NULL;
		if (ts_record_create(st, entity(collection), json_object_get(item, "record"), &out, &err))
			fail_msg("corpus record %zu (%s %s): %s: %s (field '%s')", i, collection,
				 json_string_value(json_object_get(json_object_get(item, "record"), "id")), ts_code_name(err.code),
				 err.detail, err.field);
		json_decref(out);
		docs += !strcmp(collection, "documents");
	}
	json_decref(all);
	account(st, "sec", TS_ROLE_SECRETARIAT, NULL);
	account(st, "del-sau", TS_ROLE_DELEGATE, "SAU");
	account(st, "amina", TS_ROLE_MEDIATOR, NULL);
	account(st, "omar", TS_ROLE_MEDIATOR, NULL);
	make(st, "team-members", "{\"team\":\"t-med\",\"account\":\"amina\",\"role\":\"member\"}");
	return docs;
}

/* A store with the corpus: one for the group, read by the tests that change nothing, and one
 * for each test that writes. */
static int corpus_setup(void **state)
{
	if (setup(state))
		return -1;
	assert_int_equal(load_corpus(((fixture *)*state)->st), 24);
	return 0;
}

static int corpus_group_setup(void **state)
{
	return group_setup(state) || corpus_setup(state);
}

/* ---- searching -------------------------------------------------------------------------------- */

/* Runs a search given as "q=WORDS&lang=ar&...": each pair through ts_search_param, except
 * prefer, which the API takes from Accept-Language and sets in the query itself. Fails the test
 * when refused. */
static json_t *search(ts_store *st, const char *params)
{
	ts_search_query q;
	ts_error err = TS_ERROR_INIT;
	char copy[1024], *save = NULL;
	json_t *out = NULL;

	ts_search_query_init(&q);
	snprintf(copy, sizeof copy, "%s", params);
	for (char *pair = strtok_r(copy, "&", &save); pair; pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '=');
		if (!eq)
			fail_msg("bad test parameters %s", params);
		*eq = '\0';
		if (!strcmp(pair, "prefer"))
			snprintf(q.prefer, sizeof q.prefer, "%s", eq + 1);
		else if (ts_search_param(&q, pair, eq + 1, &err))
			fail_msg("search %s: parameter %s refused: %s", params, pair, err.detail);
	}
	if (ts_search(st, &q, &out, &err))
		fail_msg("search %s: %s: %s (field '%s')", params, ts_code_name(err.code), err.detail, err.field);
	return out;
}

static const char *s(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The ids of the hits, space-separated, with their scores when scores is set. */
static void hit_ids(const json_t *res, int scores, char *out, size_t size)
{
	size_t i, n = 0;
	json_t *h;

	out[0] = '\0';
	json_array_foreach(json_object_get(res, "items"), i, h) {
		int w;
		if (scores)
			w = snprintf(out + n, size - n, "%s%s(%.3g)", i ? " " : "", s(h, "id"),
				     json_real_value(json_object_get(h, "score")));
		else
			w = snprintf(out + n, size - n, "%s%s", i ? " " : "", s(h, "id"));
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
	}
}

static long total(const json_t *res) { return (long)json_integer_value(json_object_get(res, "total")); }

/* The position (from 0) of id among the hits, -1 when absent. */
static int rank(const json_t *res, const char *id)
{
	size_t i;
	json_t *h;

	json_array_foreach(json_object_get(res, "items"), i, h)
		if (!strcmp(s(h, "id"), id))
			return (int)i;
	return -1;
}

static const json_t *hit(const json_t *res, const char *id)
{
	int r = rank(res, id);

	if (r < 0)
		fail_msg("no hit %s", id);
	return json_array_get(json_object_get(res, "items"), (size_t)r);
}

/* A facet as "value:count value:count" in its order. */
static void facet_str(const json_t *res, const char *name, char *out, size_t size)
{
	size_t i, n = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(json_object_get(json_object_get(res, "facets"), name), i, v) {
		int w = snprintf(out + n, size - n, "%s%s:%lld", i ? " " : "", s(v, "value"),
				 (long long)json_integer_value(json_object_get(v, "count")));
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
	}
}

/* The text of a hit's snippet (its segments joined) and its matched words ("|"-separated). */
static void snippet(const json_t *h, char *text, size_t tsize, char *marked, size_t msize)
{
	size_t i;
	json_t *seg;

	text[0] = marked[0] = '\0';
	json_array_foreach(json_object_get(h, "snippet"), i, seg) {
		strncat(text, json_string_value(seg), tsize - strlen(text) - 1);
		if (i % 2) {
			if (*marked)
				strncat(marked, "|", msize - strlen(marked) - 1);
			strncat(marked, json_string_value(seg), msize - strlen(marked) - 1);
		}
	}
}

/* ---- relevance: what a reader expects first, and what must not come ---------------------------- */

typedef struct rcase {
	const char *params; /* the search, as search() takes it (as an administrator, who reads all) */
	const char *top;    /* ids that must come first: the top k hits, k their number */
	int ordered;        /* 1: in this order; 0: as a set */
	const char *found;  /* ids that must be found, anywhere in the first page */
	const char *absent; /* ids that must not be found */
	const char *known;  /* not NULL: a known weakness (why): the case must still fail, and is reported */
} rcase;

static const rcase cases[] = {
	/* Arabic: the word in any form finds the mediation documents, titles first */
	{"q=الوساطة", "ar-conf-2018 ar-res-text res-53-45-pol ar-restricted-2024", 0,
	 "ar-impl-2019 ar-code-2018 ar-early-2020",
	 "ar-press-2021 ar-press-2022 ar-palestine-2023 ar-human-2022 en-conf-2018 fr-conf-2018", NULL},
	{"q=وساطة", "ar-conf-2018 ar-res-text res-53-45-pol ar-restricted-2024", 0, "ar-impl-2019 ar-code-2018 ar-early-2020",
	 "ar-press-2021 ar-palestine-2023 ar-human-2022", NULL},
	{"q=بالوساطة", "ar-conf-2018 ar-res-text res-53-45-pol ar-restricted-2024", 0, "ar-impl-2019 ar-code-2018 ar-early-2020",
	 "ar-press-2021 ar-palestine-2023", NULL},
	{"q=للوساطة", "ar-conf-2018 ar-res-text res-53-45-pol ar-restricted-2024", 0, "ar-impl-2019", "ar-press-2021", NULL},
	{"q=الوساطه", "ar-conf-2018 ar-res-text res-53-45-pol ar-restricted-2024", 0, "ar-impl-2019", "ar-press-2021", NULL},
	{"q=الوَسَاطَةُ", "ar-conf-2018 ar-res-text res-53-45-pol ar-restricted-2024", 0, "ar-impl-2019", "ar-press-2021", NULL},
	{"q=الوســاطة", "ar-conf-2018 ar-res-text res-53-45-pol ar-restricted-2024", 0, "ar-impl-2019", "ar-press-2021", NULL},
	/* "its mediation": the pronoun goes, the ت left before it is ة again, and what is left is
	 * the word (ar-summit-2019 writes وساطتها only) */
	{"q=الوساطة", NULL, 0, "ar-summit-2019", NULL, NULL},
	{"q=وساطتها", NULL, 0, "ar-summit-2019 ar-conf-2018 ar-res-text", "ar-press-2021", NULL},
	{"q=بوساطتها", NULL, 0, "ar-summit-2019 ar-conf-2018 ar-res-text", "ar-press-2021", NULL},
	{"q=وساطته", NULL, 0, "ar-summit-2019 ar-conf-2018 ar-res-text", "ar-press-2021",
	 "\"his mediation\": the one-letter pronouns ه, ك, ي are not stripped (text.c's ar_strip_pronoun strips "
	 "ها هم هن كم كن نا هما كما only, and a final ه is also how ة is often written), so وساطته finds nothing"},
	/* the country and its adjective */
	{"q=فلسطين", NULL, 0, "ar-palestine-2023 ar-summit-2019", "ar-conf-2018",
	 "فلسطين is tokenized فلسط|سطين while الفلسطينية and الفلسطيني give فلسطين: they never meet, and "
	 "فلسطين finds nothing (text.c: the stemmer cuts the ين of the noun as a plural ending)"},
	{"q=Palestine&lang=en", "en-palestine-2023", 1, "en-impl-2020", "en-conf-2018", NULL},
	/* the mediators are not the mediation: their own word, titles first */
	{"q=الوسطاء", "ar-code-2018 ar-network-2021", 0, "ar-res-text ar-conf-2018", "ar-impl-2019 ar-press-2021", NULL},
	{"q=\"شبكة الوسطاء\"", "ar-network-2021 ar-res-text", 1, NULL, "ar-code-2018 ar-conf-2018", NULL},
	{"q=وسا*", NULL, 0, "ar-conf-2018 ar-res-text ar-impl-2019 ar-summit-2019", "ar-press-2021 ar-network-2021", NULL},
	/* letter variants: أ/إ/ا, ى/ي, ة/ه, tatweel in the document */
	{"q=الانذار المبكر", "ar-early-2020", 1, NULL, "en-early-2020", NULL},
	{"q=مستوي", NULL, 0, "ar-summit-2019 ar-human-2022", "ar-conf-2018", NULL},
	{"q=الانساني", "ar-human-2022", 1, NULL, "ar-conf-2018", NULL},
	{"q=مكه", "ar-summit-2019", 1, NULL, NULL, NULL},
	/* digits in either script */
	{"q=٢٠١٨", NULL, 0, "ar-conf-2018 ar-res-text en-conf-2018 fr-conf-2018", "ar-impl-2019", NULL},
	{"q=2018", NULL, 0, "ar-conf-2018 ar-res-text en-conf-2018 fr-conf-2018", "ar-impl-2019", NULL},
	/* English: stems */
	{"q=mediators", "en-conf-2018 en-network-2021 res-53-45-pol", 0, "en-impl-2020 en-early-2020",
	 "en-press-2022 en-palestine-2023 ar-conf-2018", NULL},
	{"q=mediation&lang=en", "en-conf-2018 res-53-45-pol en-network-2021", 0, "en-impl-2020 en-early-2020",
	 "fr-conf-2018 en-press-2022", NULL},
	{"q=implementation&lang=en", "en-impl-2020", 1, NULL, "en-conf-2018", NULL},
	{"q=\"network of mediators\"", "en-network-2021", 1, NULL, "en-conf-2018", NULL},
	/* French: accents or none, plural or singular, elisions */
	{"q=médiations&lang=fr", "fr-conf-2018 fr-restricted-2024 res-53-45-pol", 0, "fr-summit-2019",
	 "fr-press-2022 fr-human-2022", NULL},
	/* in any language: the same word in English is the same word */
	{"q=médiations", NULL, 0, "fr-conf-2018 fr-restricted-2024 fr-summit-2019 en-conf-2018 res-53-45-pol",
	 "fr-press-2022 fr-human-2022 fr-code-2019", NULL},
	/* two languages' words: the titles that hold one of them first, whatever their language */
	{"q=mediators OR médiateurs", "fr-code-2019 en-network-2021 res-53-45-pol", 0, "en-conf-2018 fr-conf-2018",
	 "fr-summit-2019",
	 "BM25 from the English and French tables do not compare: mediat is in 4 of the 6 English documents, so "
	 "its IDF is clamped to 1e-6 and every English hit scores about 1e-6 of the best French one "
	 "(fr-code-2019, whose médiateurs is rare): the English documents come last, en-network-2021 fifth"},
	{"q=mediation&lang=fr", "fr-conf-2018 fr-restricted-2024 res-53-45-pol", 0, "fr-summit-2019",
	 "fr-press-2022 en-conf-2018", NULL},
	{"q=Organisation&lang=fr", NULL, 0, "fr-summit-2019", "fr-conf-2018", NULL},
	{"q=\"d'une médiation\"", "fr-summit-2019", 1, NULL, "fr-conf-2018", NULL},
	{"q=Koweit&lang=fr", "KWT fr-press-2022", 0, NULL, "en-press-2022", NULL},
	{"q=médiateurs&lang=fr", "fr-code-2019", 1, "fr-conf-2018", "fr-summit-2019", NULL},
	/* a title match above a match in a long body */
	{"q=mediation&lang=en&type=documents", "en-conf-2018", 1, "en-impl-2020", NULL, NULL},
	/* exclusion and OR */
	{"q=الوساطة -المؤتمر", NULL, 0, "ar-res-text ar-impl-2019", "ar-conf-2018 ar-summit-2019", NULL},
	{"q=Palestine OR Kuwait&lang=en", NULL, 0, "en-palestine-2023 en-press-2022 en-impl-2020 KWT",
	 "en-conf-2018 en-network-2021", NULL},
	{"q=\"coordination council\" OR humanitarian&lang=en", NULL, 0, "en-press-2022 en-palestine-2023", "en-conf-2018", NULL},
	/* filters */
	{"q=الوساطة&kind=report", "ar-conf-2018", 1, "ar-impl-2019 ar-early-2020", "ar-res-text res-53-45-pol ar-code-2018", NULL},
	{"q=mediation&year=2018", "en-conf-2018 fr-conf-2018", 0, NULL, "res-53-45-pol en-impl-2020", NULL},
	{"q=الوساطة&organ=cfm", "ar-res-text", 1, NULL, "ar-conf-2018 res-53-45-pol", NULL},
	{"q=mediation&type=resolutions", "res-53-45-pol", 1, NULL, "en-conf-2018 fr-conf-2018", NULL},
	{"q=Kuwait&type=states", "KWT", 1, NULL, "en-press-2022", NULL},
};

/* Splits ids into words and checks each with f; appends to problems what fails. */
static void each_id(const char *ids, void (*f)(const json_t *, const char *, ts_buf *), const json_t *res, ts_buf *problems)
{
	char copy[600], *save = NULL;

	if (!ids)
		return;
	snprintf(copy, sizeof copy, "%s", ids);
	for (char *id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save))
		f(res, id, problems);
}

static void must_be_found(const json_t *res, const char *id, ts_buf *p)
{
	if (rank(res, id) < 0)
		ts_buf_printf(p, " %s not found;", id);
}

static void must_be_absent(const json_t *res, const char *id, ts_buf *p)
{
	if (rank(res, id) >= 0)
		ts_buf_printf(p, " %s found at %d;", id, rank(res, id) + 1);
}

/* What is wrong with the result of case c, appended to p (nothing when right). */
static void check_case(const rcase *c, const json_t *res, ts_buf *p)
{
	char copy[600], *save = NULL;
	int k = 0;

	if (c->top) {
		snprintf(copy, sizeof copy, "%s", c->top);
		for (char *id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save))
			k++;
		snprintf(copy, sizeof copy, "%s", c->top);
		save = NULL;
		int i = 0;
		for (char *id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save), i++) {
			int r = rank(res, id);
			if (r < 0)
				ts_buf_printf(p, " %s not found (expected in the first %d);", id, k);
			else if (c->ordered ? r != i : r >= k)
				ts_buf_printf(p, " %s at %d (expected %s%d);", id, r + 1, c->ordered ? "" : "within the first ",
					      c->ordered ? i + 1 : k);
		}
	}
	each_id(c->found, must_be_found, res, p);
	each_id(c->absent, must_be_absent, res, p);
}

/* Runs the cases, known (1) or not (0); returns the number that failed, printing each. */
static int run_cases(ts_store *st, int known, int *ran)
{
	int failed = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const rcase *c = &cases[i];
		ts_buf p = TS_BUF_INIT;
		json_t *res;
		if ((c->known != NULL) != known)
			continue;
		(*ran)++;
		res = search(st, c->params);
		check_case(c, res, &p);
		if (p.len) {
			char got[4096];
			hit_ids(res, 1, got, sizeof got);
			fprintf(stderr, "# relevance case %zu (%s):%s\n#   got: %s\n%s%s%s", i + 1, c->params, ts_buf_str(&p), got,
				c->known ? "#   known: " : "", c->known ? c->known : "", c->known ? "\n" : "");
			failed++;
		} else if (known) {
			fprintf(stderr, "# relevance case %zu (%s) passes now: remove its known mark (%s)\n", i + 1, c->params,
				c->known);
		}
		ts_buf_free(&p);
		json_decref(res);
	}
	return failed;
}

static void test_relevance(void **state)
{
	fixture *fx = *state;
	int ran = 0, failed = run_cases(fx->st, 0, &ran);

	fprintf(stderr, "# relevance: %d of %d cases pass\n", ran - failed, ran);
	if (failed)
		fail_msg("%d of %d relevance cases fail (above)", failed, ran);
}

/* The cases marked known: expected failures. Each is reported (query, expected, got with scores,
 * why) while it fails, so that the suite stays green and the weakness stays in sight; one that
 * passes fails this test, so that its mark is removed and it guards the fix. */
static void test_relevance_known(void **state)
{
	fixture *fx = *state;
	int ran = 0, failed = run_cases(fx->st, 1, &ran);

	fprintf(stderr, "# relevance: %d known weaknesses, %d still failing as known\n", ran, failed);
	if (failed != ran)
		fail_msg("%d known relevance cases pass now: remove their known mark (above)", ran - failed);
}

/* With TS_SEARCH_DUMP set (searches separated by newlines, as search() takes them), the program
 * prints their rankings, scores and facets on the corpus instead of testing: a help to write
 * cases. */
static void dump(void **state, const char *env)
{
	fixture *fx = *state;
	char copy[2048], *save = NULL;

	snprintf(copy, sizeof copy, "%s", env);
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		json_t *res = search(fx->st, line);
		char got[4096], f[512];
		hit_ids(res, 1, got, sizeof got);
		fprintf(stderr, "%s\n  total %ld: %s\n", line, total(res), got);
		for (int d = 0; d < 5; d++) {
			static const char *const names[] = {"type", "lang", "kind", "year", "organ"};
			facet_str(res, names[d], f, sizeof f);
			fprintf(stderr, "  %s: %s\n", names[d], f);
		}
		json_decref(res);
	}
}

/* ---- variants of one word give one result --------------------------------------------------- */

/* The forms of الوساطة a reader may type (clitics, ة/ه, diacritics, tatweel, the pronoun ها
 * after ة written ت) find the same records; Arabic-Indic and ASCII digits the same. */
static void test_same_results(void **state)
{
	fixture *fx = *state;
	static const char *const groups[][9] = {
		{"q=الوساطة", "q=بالوساطة", "q=للوساطة", "q=والوساطة", "q=الوساطه", "q=الوَسَاطَةُ", "q=الوســاطة", "q=وساطتها",
		 "q=بوساطتها"},
		{"q=٢٠١٨", "q=2018", NULL},
		{"q=médiation&lang=fr", "q=mediation&lang=fr", "q=MÉDIATIONS&lang=fr", NULL},
		{"q=mediation&lang=en", "q=mediations&lang=en", "q=Mediators&lang=en", NULL},
	};

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		json_t *first = search(fx->st, groups[g][0]);
		char want[4096], got[4096];
		hit_ids(first, 0, want, sizeof want);
		assert_true(total(first) > 0);
		for (int k = 1; k < 9 && groups[g][k]; k++) {
			json_t *res = search(fx->st, groups[g][k]);
			hit_ids(res, 0, got, sizeof got);
			if (strcmp(want, got) || total(res) != total(first))
				fail_msg("%s gives %ld: %s\n%s gives %ld: %s", groups[g][0], total(first), want, groups[g][k],
					 total(res), got);
			json_decref(res);
		}
		json_decref(first);
	}
}

/* ---- facets and filters ------------------------------------------------------------------------ */

static void facet_is(const json_t *res, const char *name, const char *want)
{
	char got[512];

	facet_str(res, name, got, sizeof got);
	if (strcmp(got, want))
		fail_msg("facet %s of \"%s\": %s; expected %s", name, s(res, "query"), got, want);
}

static void test_facets(void **state)
{
	fixture *fx = *state;
	json_t *res;

	/* الوساطة as an administrator: 7 documents (ar-summit-2019, the summit's communiqué, by its
	 * وساطتها) and the resolution */
	res = search(fx->st, "q=الوساطة");
	assert_int_equal(total(res), 8);
	facet_is(res, "type", "documents:7 resolutions:1");
	facet_is(res, "lang", "ar:8");
	facet_is(res, "kind", "report:3 note:2 communique:1 resolution:1");
	facet_is(res, "year", "2024:1 2020:1 2019:2 2018:3");
	facet_is(res, "organ", "gs:5 cfm:1 summit:1");
	json_decref(res);

	/* a filter narrows the total and the other facets, not its own */
	res = search(fx->st, "q=الوساطة&kind=report");
	assert_int_equal(total(res), 3);
	facet_is(res, "kind", "report:3 note:2 communique:1 resolution:1");
	facet_is(res, "type", "documents:3");
	facet_is(res, "year", "2020:1 2019:1 2018:1");
	facet_is(res, "organ", "gs:3");
	json_decref(res);

	/* mediation, in English and French: the resolution counts once, and once in each of its
	 * languages (the language facet adds up to more than the total) */
	res = search(fx->st, "q=mediation");
	assert_int_equal(total(res), 8);
	facet_is(res, "type", "documents:7 resolutions:1");
	facet_is(res, "lang", "en:5 fr:4");
	facet_is(res, "kind", "report:4 note:2 communique:1");
	json_decref(res);

	res = search(fx->st, "q=mediation&lang=fr");
	assert_int_equal(total(res), 4);
	facet_is(res, "lang", "en:5 fr:4");
	facet_is(res, "type", "documents:3 resolutions:1");
	facet_is(res, "kind", "communique:1 note:1 report:1");
	json_decref(res);

	res = search(fx->st, "q=mediation&year=2018&organ=gs");
	assert_int_equal(total(res), 2);
	facet_is(res, "year", "2024:1 2021:1 2020:2 2018:2");
	facet_is(res, "organ", "gs:2");
	json_decref(res);

	/* a word no table holds: no hit, no facet (and, under UBSan, no qsort of no rows) */
	res = search(fx->st, "q=zqxjvw");
	assert_int_equal(total(res), 0);
	assert_int_equal(json_array_size(json_object_get(res, "items")), 0);
	facet_is(res, "type", "");
	facet_is(res, "lang", "");
	json_decref(res);
}

/* ---- pages ------------------------------------------------------------------------------------ */

/* Pages of 2 put together give the full ranking; each says the same total and facets. */
static void test_paging(void **state)
{
	fixture *fx = *state;
	static const char *const queries[] = {"q=الوساطة", "q=mediation", "q=2018", "q=Kuwait OR Koweit OR الكويت"};

	for (size_t k = 0; k < sizeof(queries) / sizeof(queries[0]); k++) {
		char params[200], all_ids[4096], paged[4096] = "", page[1024], facets_all[512], facets_page[512];
		json_t *all;
		long n;
		snprintf(params, sizeof params, "%s&limit=100", queries[k]);
		all = search(fx->st, params);
		hit_ids(all, 0, all_ids, sizeof all_ids);
		n = total(all);
		assert_true(n >= 4);
		assert_int_equal(json_array_size(json_object_get(all, "items")), (size_t)n);
		facet_str(all, "kind", facets_all, sizeof facets_all);
		for (long off = 0; off < n + 2; off += 2) {
			json_t *res;
			snprintf(params, sizeof params, "%s&limit=2&offset=%ld", queries[k], off);
			res = search(fx->st, params);
			assert_int_equal(total(res), n);
			assert_int_equal(json_array_size(json_object_get(res, "items")), (size_t)(off >= n ? 0 : n - off < 2 ? n - off : 2));
			facet_str(res, "kind", facets_page, sizeof facets_page);
			assert_string_equal(facets_page, facets_all);
			hit_ids(res, 0, page, sizeof page);
			if (*page) {
				if (*paged)
					strcat(paged, " ");
				strcat(paged, page);
			}
			json_decref(res);
		}
		if (strcmp(paged, all_ids))
			fail_msg("%s: pages give %s; the full ranking is %s", queries[k], paged, all_ids);
		json_decref(all);
	}
}

/* ---- a record in three languages -------------------------------------------------------------- */

static int occurrences(const json_t *res, const char *id)
{
	size_t i;
	json_t *h;
	int n = 0;

	json_array_foreach(json_object_get(res, "items"), i, h)
		n += !strcmp(s(h, "id"), id);
	return n;
}

static void test_prefer(void **state)
{
	fixture *fx = *state;
	static const struct {
		const char *params, *lang, *title;
	} want[] = {
		{"q=53/45-POL&prefer=ar", "ar", "قرار بشأن تعزيز دور الوساطة في منظمة التعاون الإسلامي"},
		{"q=53/45-POL&prefer=en", "en", "Resolution on strengthening mediation in the OIC"},
		{"q=53/45-POL&prefer=fr", "fr", "Résolution sur le renforcement de la médiation au sein de l'OCI"},
		/* found in English and French only: an Arabic reader sees it in one of them */
		{"q=mediation&prefer=fr", "fr", "Résolution sur le renforcement de la médiation au sein de l'OCI"},
		{"q=mediation&prefer=en", "en", "Resolution on strengthening mediation in the OIC"},
		/* found in Arabic only: shown in Arabic to every reader */
		{"q=الوساطة&prefer=fr", "ar", "قرار بشأن تعزيز دور الوساطة في منظمة التعاون الإسلامي"},
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		json_t *res = search(fx->st, want[i].params);
		const json_t *h = hit(res, "res-53-45-pol");
		if (occurrences(res, "res-53-45-pol") != 1)
			fail_msg("%s: the resolution comes %d times", want[i].params, occurrences(res, "res-53-45-pol"));
		if (strcmp(s(h, "lang"), want[i].lang) || strcmp(s(h, "title"), want[i].title))
			fail_msg("%s: shown in %s as \"%s\"; expected %s \"%s\"", want[i].params, s(h, "lang"), s(h, "title"),
				 want[i].lang, want[i].title);
		assert_string_equal(s(h, "type"), "resolutions");
		json_decref(res);
	}
	/* without a preference, one hit still */
	{
		json_t *res = search(fx->st, "q=mediation");
		assert_int_equal(occurrences(res, "res-53-45-pol"), 1);
		assert_true(!strcmp(s(hit(res, "res-53-45-pol"), "lang"), "en") || !strcmp(s(hit(res, "res-53-45-pol"), "lang"), "fr"));
		json_decref(res);
	}
}

/* ---- snippets ---------------------------------------------------------------------------------- */

static void test_snippets(void **state)
{
	fixture *fx = *state;
	json_t *res = search(fx->st, "q=بالوساطة&kind=report&year=2019");
	const json_t *h = hit(res, "ar-impl-2019");
	char text[2048], marked[512];

	assert_int_equal(total(res), 1);
	snippet(h, text, sizeof text, marked, sizeof marked);
	/* the word as the document writes it is marked, whatever form was typed */
	assert_string_equal(marked, "بالوساطة");
	assert_non_null(strstr(text, "تنفيذ القرار الخاص بالوساطة"));
	assert_string_equal(s(h, "kind"), "report");
	assert_string_equal(s(h, "date"), "2019-03-01");
	assert_string_equal(s(h, "organ"), "gs");
	assert_string_equal(s(h, "lang"), "ar");
	json_decref(res);

	res = search(fx->st, "q=médiation&lang=fr&kind=communique");
	h = hit(res, "fr-summit-2019");
	snippet(h, text, sizeof text, marked, sizeof marked);
	assert_string_equal(marked, "médiation");
	assert_non_null(strstr(text, "d'une médiation entre les parties"));
	json_decref(res);
}

/* ---- the index in step with the records --------------------------------------------------------- */

static void update(ts_store *st, const char *collection, const char *id, const char *json)
{
	ts_error err = TS_ERROR_INIT;
	json_t *in = load(json);

	must(ts_record_update(st, entity(collection), id, in, NULL, &err), &err);
	json_decref(in);
}

static long total_of(ts_store *st, const char *params)
{
	json_t *res = search(st, params);
	long n = total(res);

	json_decref(res);
	return n;
}

static void test_index_in_step(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;

	/* a body changed: the new words are found, the old ones no more */
	assert_int_equal(total_of(st, "q=Istanbul&lang=en"), 1);
	update(st, "documents", "en-conf-2018", "{\"body\":\"The conference met in Jeddah; mediators shared their experience.\"}");
	assert_int_equal(total_of(st, "q=Istanbul&lang=en"), 0);
	assert_int_equal(total_of(st, "q=Jeddah"), 1);
	/* a title changed */
	update(st, "documents", "ar-palestine-2023", "{\"title\":\"كلمة بشأن الوساطة في غزة\"}");
	assert_int_equal(total_of(st, "q=الوساطة"), 9);
	assert_int_equal(total_of(st, "q=القدس"), 0);
	/* a level changed: the public no longer finds nor counts it */
	as(st, 0, NULL, NULL);
	assert_int_equal(total_of(st, "q=Jeddah"), 1);
	as_admin(st);
	update(st, "documents", "en-conf-2018", "{\"level\":\"secretariat\"}");
	as(st, 0, NULL, NULL);
	assert_int_equal(total_of(st, "q=Jeddah"), 0);
	as(st, TS_ROLE_SECRETARIAT, "sec", NULL);
	assert_int_equal(total_of(st, "q=Jeddah"), 1);
	/* a restricted document given to no team of amina's: she no longer finds it */
	as(st, TS_ROLE_MEDIATOR, "amina", NULL);
	assert_int_equal(total_of(st, "q=المشاورات"), 1);
	as_admin(st);
	update(st, "documents", "ar-restricted-2024", "{\"level\":\"secretariat\",\"team\":null}");
	as(st, TS_ROLE_MEDIATOR, "amina", NULL);
	assert_int_equal(total_of(st, "q=المشاورات"), 0);
	/* a facet's value changed */
	as_admin(st);
	update(st, "documents", "ar-conf-2018", "{\"kind\":\"note\",\"date\":\"2017-12-01\"}");
	assert_int_equal(total_of(st, "q=الوساطة&kind=report"), 2);
	assert_int_equal(total_of(st, "q=الوساطة&year=2017"), 1);
	/* deleted: found by nobody */
	must(ts_record_delete(st, entity("documents"), "ar-conf-2018", &err), &err);
	assert_int_equal(total_of(st, "q=الوساطة&year=2017"), 0);
	assert_int_equal(total_of(st, "q=\"المؤتمر الثاني\""), 0);
	assert_int_equal(total_of(st, "q=الوساطة"), 8);
	/* a record's name in one language removed: no longer found in it */
	assert_int_equal(total_of(st, "q=renforcement&type=resolutions"), 1);
	update(st, "resolutions", "res-53-45-pol", "{\"title_fr\":null}");
	assert_int_equal(total_of(st, "q=renforcement&type=resolutions"), 0);
	assert_int_equal(total_of(st, "q=strengthening"), 1);
}

/* Every query gives, after ts_search_reindex, what the index kept in step gave. */
static void test_reindex(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	ts_error err = TS_ERROR_INIT;
	static const char *const queries[] = {"q=الوساطة", "q=mediation", "q=2018&limit=50", "q=médiations&lang=fr",
					      "q=\"شبكة الوسطاء\"", "q=Kuwait OR الكويت OR Koweit", "q=وسا*"};
	char before[7][4096], after[4096], fb[7][512], fa[512];
	long items = 0;

	/* some updates and a delete first, so that the incremental index has a history */
	update(st, "documents", "en-conf-2018", "{\"body\":\"The conference met in Jeddah; mediators shared their experience.\"}");
	update(st, "documents", "fr-code-2019", "{\"level\":\"public\"}");
	must(ts_record_delete(st, entity("documents"), "ar-press-2022", &err), &err);
	for (size_t k = 0; k < 7; k++) {
		json_t *res = search(st, queries[k]);
		hit_ids(res, 1, before[k], sizeof before[k]);
		facet_str(res, "type", fb[k], sizeof fb[k]);
		json_decref(res);
	}
	must(ts_store_begin(st, &err), &err);
	must(ts_search_reindex(st, &items, &err), &err);
	must(ts_store_commit(st, &err), &err);
	/* 23 documents, 1 resolution, 2 states, 3 organs */
	assert_int_equal(items, 29);
	for (size_t k = 0; k < 7; k++) {
		json_t *res = search(st, queries[k]);
		hit_ids(res, 1, after, sizeof after);
		facet_str(res, "type", fa, sizeof fa);
		if (strcmp(before[k], after) || strcmp(fb[k], fa))
			fail_msg("%s: in step: %s (%s); rebuilt: %s (%s)", queries[k], before[k], fb[k], after, fa);
		json_decref(res);
	}
}

/* ---- access ----------------------------------------------------------------------------------- */

/* Whether a viewer may read a corpus document, from its level and team. */
typedef struct reader {
	const char *name;
	unsigned roles;
	const char *user, *state;
	int members, secretariat, team; /* reads members / secretariat / t-med's restricted documents */
} reader;

static const reader readers[] = {
	{"the public", 0, NULL, NULL, 0, 0, 0},
	{"a delegate", TS_ROLE_DELEGATE, "del-sau", "SAU", 1, 0, 0},
	{"the secretariat", TS_ROLE_SECRETARIAT, "sec", NULL, 1, 1, 0},
	{"a mediator of the team", TS_ROLE_MEDIATOR, "amina", NULL, 1, 0, 1},
	{"a mediator of no team", TS_ROLE_MEDIATOR, "omar", NULL, 1, 0, 0},
	{"an administrator", TS_ROLE_ADMIN, "tester", NULL, 1, 1, 1},
};

/* The level of each document of the corpus that is not public. */
static const struct {
	const char *id, *level;
} closed[] = {
	{"ar-code-2018", "members"},   {"ar-network-2021", "members"},      {"en-network-2021", "members"},
	{"fr-code-2019", "members"},   {"ar-early-2020", "secretariat"},    {"en-early-2020", "secretariat"},
	{"ar-restricted-2024", "restricted"}, {"fr-restricted-2024", "restricted"},
};

static int may_read(const reader *r, const char *id)
{
	for (size_t i = 0; i < sizeof(closed) / sizeof(closed[0]); i++)
		if (!strcmp(closed[i].id, id))
			return !strcmp(closed[i].level, "members") ? r->members
			       : !strcmp(closed[i].level, "secretariat") ? r->secretariat : r->team;
	return 1;
}

/* The sum of a facet's counts. */
static long facet_sum(const json_t *res, const char *name)
{
	size_t i;
	json_t *v;
	long n = 0;

	json_array_foreach(json_object_get(json_object_get(res, "facets"), name), i, v)
		n += (long)json_integer_value(json_object_get(v, "count"));
	return n;
}

static void test_access(void **state)
{
	fixture *fx = *state;
	ts_store *st = fx->st;
	/* what each reader finds: الوساطة; mediation; a word of the restricted Arabic note only;
	 * a word of the secretariat's Arabic report only */
	static const struct {
		const char *params;
		long totals[6]; /* for each of readers[], in order */
		const char *secret, *holder; /* a word of holder's only, never shown to who may not read it */
	} want[] = {
		{"q=الوساطة&limit=100", {5, 6, 7, 7, 6, 8}, "المغلقة", "ar-restricted-2024"},
		{"q=mediation&limit=100", {5, 6, 7, 7, 6, 8}, "confidentielle", "fr-restricted-2024"},
		{"q=المشاورات", {0, 0, 0, 1, 0, 1}, "المشاورات", "ar-restricted-2024"},
		{"q=مؤشرات التوتر", {0, 0, 1, 0, 0, 1}, "التوتر", "ar-early-2020"},
		{"q=mediators OR médiateurs&limit=100", {4, 6, 7, 6, 6, 7}, "preventive", "en-early-2020"},
	};

	for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++)
		for (size_t k = 0; k < sizeof(readers) / sizeof(readers[0]); k++) {
			const reader *r = &readers[k];
			json_t *res, *h;
			size_t i;
			char ids[4096];
			as(st, r->roles, r->user, r->state);
			res = search(st, want[w].params);
			hit_ids(res, 0, ids, sizeof ids);
			if (total(res) != want[w].totals[k])
				fail_msg("%s: %s finds %ld (%s); expected %ld", want[w].params, r->name, total(res), ids,
					 want[w].totals[k]);
			/* the facets count what is found, no more */
			assert_int_equal(facet_sum(res, "type"), total(res));
			assert_int_equal(facet_sum(res, "kind") + (rank(res, "res-53-45-pol") >= 0), total(res));
			assert_int_equal(json_array_size(json_object_get(res, "items")), (size_t)total(res));
			json_array_foreach(json_object_get(res, "items"), i, h) {
				char text[4096], marked[512];
				if (!may_read(r, s(h, "id")))
					fail_msg("%s: %s finds %s, which they may not read", want[w].params, r->name, s(h, "id"));
				snippet(h, text, sizeof text, marked, sizeof marked);
				if (!may_read(r, want[w].holder) && (strstr(text, want[w].secret) || strstr(s(h, "title"), want[w].secret)))
					fail_msg("%s: %s is shown \"%s\" in %s", want[w].params, r->name, want[w].secret, s(h, "id"));
			}
			json_decref(res);
		}
	as_admin(st);
}

/* ---- the parameters ----------------------------------------------------------------------------- */

static void test_params(void **state)
{
	fixture *fx = *state;
	ts_search_query q;
	ts_error err = TS_ERROR_INIT;
	json_t *out = (json_t *)1;
	char longq[TS_SEARCH_MAX_QUERY + 2];
	static const struct {
		const char *name, *value, *says;
	} bad[] = {
		{"lang", "de", "ar, en or fr"},
		{"kind", "memo", "resolution, report"},
		{"type", "teams", "documents, states"},
		{"type", "document", "documents, states"},
		{"organ", "an-organ-id-far-longer-than-any-organ-id-of-the-organisation-could-ever-be", "such as cfm"},
		{"year", "2018a", "1000 to 2999"},
		{"year", "99", "1000 to 2999"},
		{"limit", "0", "1 to 100"},
		{"limit", "101", "1 to 100"},
		{"limit", "", "1 to 100"},
		{"offset", "-1", "0 to 1000"},
		{"offset", "1001", "0 to 1000"},
	};

	ts_search_query_init(&q);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ts_search_query before = q;
		refused_saying(ts_search_param(&q, bad[i].name, bad[i].value, &err), &err, TS_INVALID_PARAMETER, bad[i].name,
			       bad[i].says);
		/* nothing changed */
		assert_memory_equal(&before, &q, sizeof q);
	}
	refused_saying(ts_search_param(&q, "sort", "date", &err), &err, TS_UNKNOWN_PARAMETER, "sort", "use q, lang");
	memset(longq, 'a', sizeof longq - 1);
	longq[sizeof longq - 1] = '\0';
	refused_saying(ts_search_param(&q, "q", longq, &err), &err, TS_INVALID_PARAMETER, "q", "longer than 500");
	longq[TS_SEARCH_MAX_QUERY] = '\0'; /* 500 bytes: taken */
	must(ts_search_param(&q, "q", longq, &err), &err);

	/* a query with no word (ASCII or Arabic punctuation only) is refused naming q, and gives
	 * nothing */
	static const char *const empty[] = {"", "   ", "\"\"", "- * OR", "-الوساطة", "OR OR", "(( ))", "«» ، ؛ ؟", "؟"};
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		must(ts_search_param(&q, "q", empty[i], &err), &err);
		if (!ts_search(fx->st, &q, &out, &err))
			fail_msg("q=%s: accepted, finding %ld; expected invalid-parameter naming q", empty[i], total(out));
		refused_saying(-1, &err, TS_INVALID_PARAMETER, "q", "give a word");
		assert_null(out);
		out = (json_t *)1;
	}
	/* more than TS_SEARCH_MAX_TERMS words: refused naming q, not cut short; that many: taken */
	{
		char many[TS_SEARCH_MAX_QUERY + 1] = "", says[64];
		for (int i = 0; i < TS_SEARCH_MAX_TERMS + 1; i++)
			strcat(many, i ? " وساطة" : "وساطة");
		snprintf(says, sizeof says, "more than %d words", TS_SEARCH_MAX_TERMS);
		must(ts_search_param(&q, "q", many, &err), &err);
		if (!ts_search(fx->st, &q, &out, &err))
			fail_msg("q of %d words: accepted, finding %ld; expected invalid-parameter naming q",
				 TS_SEARCH_MAX_TERMS + 1, total(out));
		refused_saying(-1, &err, TS_INVALID_PARAMETER, "q", says);
		assert_null(out);
		*strrchr(many, ' ') = '\0';
		must(ts_search_param(&q, "q", many, &err), &err);
		must(ts_search(fx->st, &q, &out, &err), &err);
		assert_int_equal(total(out), 8);
		json_decref(out);
		out = (json_t *)1;
	}
	/* good values are taken, and empty ones clear a filter */
	must(ts_search_param(&q, "q", "الوساطة", &err), &err);
	must(ts_search_param(&q, "lang", "ar", &err), &err);
	must(ts_search_param(&q, "year", "2018", &err), &err);
	must(ts_search_param(&q, "type", "documents", &err), &err);
	must(ts_search(fx->st, &q, &out, &err), &err);
	assert_int_equal(total(out), 3);
	json_decref(out);
	must(ts_search_param(&q, "year", "", &err), &err);
	must(ts_search_param(&q, "type", "", &err), &err);
	must(ts_search(fx->st, &q, &out, &err), &err);
	assert_int_equal(total(out), 8);
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* on the group's store, which they do not change */
		cmocka_unit_test(test_relevance),
		cmocka_unit_test(test_relevance_known),
		cmocka_unit_test(test_same_results),
		cmocka_unit_test(test_facets),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_prefer),
		cmocka_unit_test(test_snippets),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_params),
		/* on a store of their own */
		cmocka_unit_test_setup_teardown(test_index_in_step, corpus_setup, teardown),
		cmocka_unit_test_setup_teardown(test_reindex, corpus_setup, teardown),
	};
	const char *env = getenv("TS_SEARCH_DUMP");

	if (env && *env) {
		void *state = NULL;
		if (corpus_group_setup(&state))
			return 1;
		dump(&state, env);
		return teardown(&state);
	}
	return cmocka_run_group_tests(tests, corpus_group_setup, teardown);
}
