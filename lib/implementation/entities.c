/* The descriptions of programmes, mandates and implementation reports (implementation.h), and
 * their guards. All three came with migration 7. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tansiq/access.h"
#include "tansiq/clock.h"
#include "tansiq/implementation.h"
#include "tansiq/meetings.h"
#include "tansiq/records.h"
#include "tansiq/store.h"
#include "../registry/fields.h"
#include "index.h"

/* ---- programmes of action: a tree of results of any depth ---- */

static const ts_enum_value result_kind[] = {
	{"programme_of_action", L("برنامج عمل", "programme of action", "programme d'action")},
	{"priority_area", L("مجال ذو أولوية", "priority area", "domaine prioritaire")},
	{"goal", L("هدف", "goal", "objectif")},
	{"programme", L("برنامج", "programme", "programme")},
	{"result", L("نتيجة", "result", "résultat")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field result_fields[] = {
	F_ID_CODE("oic-2025"),
	F_REF("parent", 0, "result", L("يتبع", "Part of", "Fait partie de")),
	F_ENUM("kind", 0, L("النوع", "Kind", "Type"), result_kind, "result"),
	F_TEXT("code", TS_F_SEARCH, L("الرمز", "Code", "Code"), 40, "OIC-2025"),
	F_TITLES(TS_F_REQUIRED),
	F_REF("organ", 0, "organ", L("الجهاز الذي اعتمده", "Adopted by", "Adopté par")),
	F_REF("meeting", 0, "meeting", L("الاجتماع", "Adopted at", "Adopté lors de")),
	F_PDATE("start", 0, L("البداية", "Start", "Début")),
	F_PDATE("end", 0, L("النهاية", "End", "Fin")),
	F_WEIGHT,
	F_LONG3("description", "الوصف", "Description", "Description"),
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule result_rules[] = {
	{TS_RULE_NOT_BEFORE, "end", "start", NULL},
};
static int result_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_result = {
	"result", "results", "Result", L("البرامج ونتائجها", "Programmes and results", "Programmes et résultats"), 0,
	result_fields, N(result_fields), result_rules, N(result_rules), "code", 0, NULL, result_guard,
};

/* ---- mandates ---- */

const ts_enum_value ts_addressee_kinds[] = {
	{"oic", L("منظمة التعاون الإسلامي ككل", "the OIC as a whole", "l'OCI dans son ensemble")},
	{"secretary_general", L("الأمين العام", "the Secretary-General", "le Secrétaire général")},
	{"organ", L("جهاز أو وحدة", "an organ or unit", "un organe ou une unité")},
	{"state", L("دولة عضو", "a member state", "un État membre")},
	{"all_states", L("جميع الدول الأعضاء", "all member states", "tous les États membres")},
	{"contact_group", L("مجموعة اتصال", "a contact group", "un groupe de contact")},
	{"partner", L("شريك", "a partner", "un partenaire")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value recurrence[] = {
	{"none", L("مرة واحدة", "once", "une fois")},
	{"yearly", L("كل سنة", "every year", "chaque année")},
	{"each_session", L("في كل دورة", "at each session", "à chaque session")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field mandate_fields[] = {
	F_ID_AUTO,
	F_REF("paragraph", 0, "paragraph", L("الفقرة العاملة", "Operative paragraph", "Paragraphe du dispositif")),
	F_REF("result", 0, "result", L("البرنامج", "Programme", "Programme")),
	{"addressee", TS_ENUM, TS_F_REQUIRED, L("الجهة المكلفة", "Addressee", "Destinataire"), 0, 0, 0, 0, ts_addressee_kinds, NULL, "secretary_general"},
	F_REF("addressee_organ", 0, "organ", L("الجهاز أو الوحدة المكلفة", "Organ or unit addressed", "Organe ou unité destinataire")),
	F_REF("addressee_state", 0, "state", L("الدولة المكلفة", "State addressed", "État destinataire")),
	F_REF("addressee_group", 0, "contact_group", L("مجموعة الاتصال المكلفة", "Contact group addressed", "Groupe de contact destinataire")),
	F_REF("addressee_partner", 0, "organisation", L("الشريك المكلف", "Partner addressed", "Partenaire destinataire")),
	{"action_ar", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("المطلوب بالعربية", "Action asked, in Arabic", "Action demandée, en arabe"), 1000, 0, 0, 0, NULL, NULL, NULL},
	{"action_en", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("المطلوب بالإنجليزية", "Action asked, in English", "Action demandée, en anglais"), 1000, 0, 0, 0, NULL, NULL, "Set up a network of mediators, special envoys and experts"},
	{"action_fr", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("المطلوب بالفرنسية", "Action asked, in French", "Action demandée, en français"), 1000, 0, 0, 0, NULL, NULL, NULL},
	F_PDATE("start", 0, L("يسري من", "Runs from", "Court à partir du")),
	F_PDATE("due", 0, L("الموعد النهائي", "Due", "Échéance")),
	F_ENUM("recurrence", 0, L("التكرار", "Recurrence", "Récurrence"), recurrence, "none"),
	F_REF("report_to", 0, "organ", L("يقدَّم التقرير إلى", "Reports to", "Rapport à")),
	F_WEIGHT,
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule mandate_rules[] = {
	{TS_RULE_REQUIRED_IF, "addressee_organ", "addressee", "organ"},
	{TS_RULE_REQUIRED_IF, "addressee_state", "addressee", "state"},
	{TS_RULE_REQUIRED_IF, "addressee_group", "addressee", "contact_group"},
	{TS_RULE_REQUIRED_IF, "addressee_partner", "addressee", "partner"},
	{TS_RULE_REQUIRED_IF, "report_to", "recurrence", "each_session"},
	{TS_RULE_NOT_BEFORE, "due", "start", NULL},
};
static int mandate_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_mandate = {
	"mandate", "mandates", "Mandate", L("التكليفات", "Mandates", "Mandats"), TS_E_AUTO_ID,
	mandate_fields, N(mandate_fields), mandate_rules, N(mandate_rules), "due", 0, NULL, mandate_guard,
};

/* ---- implementation reports: kept as filed, a mandate's timeline ---- */

const ts_enum_value ts_report_statuses[] = {
	{"not_started", L("لم يبدأ", "not started", "pas commencé")},
	{"in_progress", L("قيد التنفيذ", "in progress", "en cours")},
	{"implemented", L("نُفّذ", "implemented", "mis en œuvre")},
	{"not_implemented", L("لم يُنفّذ", "not implemented", "non mis en œuvre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field report_fields[] = {
	F_ID_AUTO,
	F_REF("mandate", TS_F_REQUIRED, "mandate", L("التكليف", "Mandate", "Mandat")),
	F_REF("state", 0, "state", L("الدولة المُبلِّغة", "Reporting state", "État déclarant")),
	{"status", TS_ENUM, TS_F_REQUIRED, L("الحالة", "Status", "Statut"), 0, 0, 0, 0, ts_report_statuses, NULL, "in_progress"},
	F_INT("progress", 0, L("نسبة الإنجاز (٪)", "Progress (%)", "Avancement (%)"), 0, 100, "40"),
	F_PDATE("reported_on", 0, L("تاريخ التقرير", "Reported on", "Date du rapport")),
	F_LONG3("narrative", "السرد", "Narrative", "Récit"),
	{"evidence", TS_TEXT, TS_F_LONG, L("الأدلة (روابط أو رموز وثائق، واحد في كل سطر)", "Evidence (links or document symbols, one a line)", "Preuves (liens ou cotes de documents, un par ligne)"), 4000, 0, 0, 0, NULL, NULL, NULL},
	{"filed_at", TS_TEXT, TS_F_DERIVED, L("وقت الإيداع", "Filed at", "Déposé le"), 40, 0, 0, 0, NULL, NULL, NULL},
	F_LEVEL,
	F_TEAM,
};
static int report_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_report = {
	"implementation_report", "implementation-reports", "ImplementationReport",
	L("تقارير التنفيذ", "Implementation reports", "Rapports de mise en œuvre"), TS_E_AUTO_ID | TS_E_APPEND_ONLY,
	report_fields, N(report_fields), NULL, 0, "reported_on",
	/* a delegate reports for their own state; the secretariat for organs and units */
	TS_ROLE_DELEGATE | TS_ROLE_SECRETARIAT, "state", report_guard,
};

/* ---- guards ---- */

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static int is(const json_t *o, const char *k, const char *v)
{
	const char *s = str(o, k);
	return s && !strcmp(s, v);
}

/* Whether a text field holds more than blanks. */
static int filled(const json_t *o, const char *k)
{
	const char *s = str(o, k);

	while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return s && *s;
}

/* A parent chain that comes back to the record itself would make the tree a loop. */
static int result_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	const char *id = rec ? str(rec, "id") : NULL;
	char at[80];

	(void)before;
	if (!id || !str(rec, "parent"))
		return 0;
	snprintf(at, sizeof(at), "%s", str(rec, "parent"));
	for (int depth = 0; depth < 1000; depth++) {
		json_t *p;
		ts_error missing = TS_ERROR_INIT;
		if (!strcmp(at, id))
			return ts_fail(err, TS_INVALID_VALUE, "parent",
				       "result '%.60s' cannot be part of '%.60s', which is itself part of it; choose a parent "
				       "outside its own branch", id, str(rec, "parent"));
		if (ts_record_get(st, &ts_entity_result, at, &p, &missing))
			return 0; /* an unknown parent is reported with the other references */
		if (!str(p, "parent")) {
			json_decref(p);
			return 0;
		}
		snprintf(at, sizeof(at), "%s", str(p, "parent"));
		json_decref(p);
	}
	return ts_fail(err, TS_INVALID_VALUE, "parent", "the programme tree above '%.60s' is more than 1000 levels deep",
		       id);
}

const ix_addressee_ref ix_addressee_refs[IX_NREFS] = {
	{"organ", "addressee_organ", "organ"},
	{"state", "addressee_state", "state"},
	{"contact_group", "addressee_group", "contact_group"},
	{"partner", "addressee_partner", "organisation"},
};

const ix_addressee_ref *ix_addressee_ref_of(const char *kind)
{
	for (int i = 0; kind && i < IX_NREFS; i++)
		if (!strcmp(kind, ix_addressee_refs[i].kind))
			return &ix_addressee_refs[i];
	return NULL;
}

static int one_int(void *ctx, const ts_value *c, int n)
{
	if (n > 0 && c[0].type == TS_V_INT)
		*(long long *)ctx = c[0].i;
	return 1;
}

/* A new mandate's id: its paragraph's (or programme's) and its rank there, "53-45-pol-op-7-m1".
 * Every mandate counts, those the viewer may not read too: an id taken by a hidden mandate is
 * taken all the same. */
static int mandate_id(ts_store *st, json_t *rec, ts_error *err)
{
	const char *field = str(rec, "paragraph") ? "paragraph" : "result";
	const char *base = str(rec, field);
	ts_value p = {TS_V_TEXT, 0, base};
	long long n = 0;

	if (ts_store_exec(st, !strcmp(field, "paragraph") ? "SELECT count(*) FROM \"mandates\" WHERE \"paragraph\" = ?"
							  : "SELECT count(*) FROM \"mandates\" WHERE \"result\" = ?",
			  &p, 1, one_int, &n, NULL, err))
		return -1;
	for (long long k = n + 1; k < n + 1000; k++) {
		char id[80];
		long long taken = 0;
		ts_value q = {TS_V_TEXT, 0, id};
		snprintf(id, sizeof(id), "%.54s-m%lld", base, k);
		if (ts_store_exec(st, "SELECT count(*) FROM \"mandates\" WHERE \"id\" = ?", &q, 1, one_int, &taken, NULL,
				  err))
			return -1;
		if (taken)
			continue;
		json_object_set_new(rec, "id", json_string(id));
		return 0;
	}
	return 0; /* a thousand taken: the random id */
}

static int mandate_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	const char *kind = rec ? str(rec, "addressee") : NULL;
	json_t *para;
	ts_error missing = TS_ERROR_INIT;

	(void)before;
	if (!rec)
		return 0;
	if (!str(rec, "paragraph") && !str(rec, "result"))
		return ts_fail(err, TS_REQUIRED, "paragraph",
			       "a mandate comes from an operative paragraph (give paragraph) or belongs to a programme "
			       "(give result); give at least one");
	for (int i = 0; i < IX_NREFS; i++) {
		const char *f = ix_addressee_refs[i].field;
		if (str(rec, f) && kind && strcmp(kind, ix_addressee_refs[i].kind))
			return ts_fail(err, TS_INVALID_VALUE, f,
				       "a mandate addressed to %s names no %s; clear %s, or set addressee to %s",
				       kind, f + 10, f, ix_addressee_refs[i].kind);
	}
	if (str(rec, "report_to") && !is(rec, "recurrence", "each_session"))
		return ts_fail(err, TS_INVALID_VALUE, "report_to",
			       "report_to names the organ whose every session gets a report; set recurrence to "
			       "each_session, or clear report_to");
	if (str(rec, "paragraph") &&
	    ts_record_get(st, &ts_entity_paragraph, str(rec, "paragraph"), &para, &missing) == 0) {
		static const char *const lang[] = {"ar", "en", "fr"};
		if (!is(para, "kind", "operative")) {
			json_decref(para);
			return ts_fail(err, TS_INVALID_VALUE, "paragraph",
				       "paragraph '%.60s' is preambular; only operative paragraphs give mandates",
				       str(rec, "paragraph"));
		}
		/* the action asked is the paragraph's text unless said otherwise (in any language) */
		int given = filled(rec, "action_ar") || filled(rec, "action_en") || filled(rec, "action_fr");
		for (int l = 0; l < 3 && !before && !given; l++) {
			char ak[16], tk[16];
			const char *text;
			snprintf(ak, sizeof(ak), "action_%s", lang[l]);
			snprintf(tk, sizeof(tk), "text_%s", lang[l]);
			text = str(para, tk);
			if (!filled(rec, ak) && text && strlen(text) <= 1000)
				json_object_set_new(rec, ak, json_string(text));
		}
		json_decref(para);
	}
	if (!filled(rec, "action_en"))
		return ts_fail(err, TS_REQUIRED, "action_en",
			       "give the action asked, in English (action_en); a mandate from a paragraph takes the "
			       "paragraph's text when none is given");
	if (!str(rec, "id") && !before)
		return mandate_id(st, rec, err);
	return 0;
}

/* Whether s is a moment as ts_utc writes it: "2018-11-29T10:00:00Z". */
static int utc_stamp(const char *s)
{
	static const char form[] = "0000-00-00T00:00:00Z";

	if (!s || strlen(s) != sizeof(form) - 1)
		return 0;
	for (size_t i = 0; form[i]; i++)
		if (form[i] == '0' ? (s[i] < '0' || s[i] > '9') : s[i] != form[i])
			return 0;
	return 1;
}

/* The name of a state for messages: its English name, else its code. */
static void state_name(ts_store *st, const char *iso3, char *out, size_t size)
{
	json_t *s;
	ts_error missing = TS_ERROR_INIT;

	snprintf(out, size, "%s", iso3);
	if (ts_record_get(st, ts_schema_entity(ts_store_schema(st), "state"), iso3, &s, &missing) == 0) {
		if (str(s, "name_en"))
			snprintf(out, size, "%s (%s)", str(s, "name_en"), iso3);
		json_decref(s);
	}
}

/* Who reports on a mandate, and what the report's status and progress say together. */
static int report_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	int delegate_only = (v->roles & TS_ROLE_DELEGATE) && !(v->roles & (TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN));
	const char *mid = rec ? str(rec, "mandate") : NULL, *status = rec ? str(rec, "status") : NULL;
	const char *kind, *state;
	json_t *m, *progress;
	ts_error missing = TS_ERROR_INIT;
	char today[16], stamp[40], who[120], whom[120];
	time_t now = time(NULL);

	(void)before;
	if (!rec || !mid)
		return 0;
	if (ts_record_get(st, &ts_entity_mandate, mid, &m, &missing)) {
		if (missing.code != TS_NOT_FOUND) {
			*err = missing;
			return -1;
		}
		/* named now, as the check of references would: a report on no mandate (or on one the
		 * writer cannot read) is otherwise refused first as a delegate's report "for no state" */
		return ts_failm(err, TS_UNKNOWN_REFERENCE, "mandate", TS_M_UNKNOWN_REFERENCE, ts_entity_mandate.name, mid,
				ts_entity_mandate.collection, NULL);
	}
	kind = str(m, "addressee");
	state = str(rec, "state");
	if (kind && !strcmp(kind, "state")) {
		const char *to = str(m, "addressee_state") ? str(m, "addressee_state") : "";
		if (delegate_only && v->state[0] && strcmp(v->state, to)) {
			state_name(st, to, whom, sizeof(whom));
			state_name(st, v->state, who, sizeof(who));
			json_decref(m);
			return ts_fail(err, TS_FORBIDDEN, "mandate",
				       "mandate '%.60s' is addressed to %s; as a delegate of %s you report only on the "
				       "mandates addressed to your state or to all member states", mid, whom, who);
		}
		if (state && strcmp(state, to)) {
			char iso3[8];
			state_name(st, to, whom, sizeof(whom));
			snprintf(iso3, sizeof(iso3), "%s", to);
			json_decref(m);
			return ts_fail(err, TS_INVALID_VALUE, "state",
				       "mandate '%.60s' is addressed to %s; a report on it is that state's: set state "
				       "to %s or leave it empty", mid, whom, iso3);
		}
		json_object_set_new(rec, "state", json_string(to));
	} else if (kind && !strcmp(kind, "all_states")) {
		if (!state && delegate_only && v->state[0])
			json_object_set_new(rec, "state", json_string(v->state));
	} else if (state || delegate_only) {
		char addressee[160];
		snprintf(addressee, sizeof(addressee), "%s%s%s", kind ? kind : "", str(m, "addressee_organ") ? " " : "",
			 str(m, "addressee_organ") ? str(m, "addressee_organ") : "");
		json_decref(m);
		if (delegate_only)
			return ts_fail(err, TS_FORBIDDEN, "mandate",
				       "mandate '%.60s' is addressed to %s, not to a member state; the secretariat "
				       "reports on it", mid, addressee);
		return ts_fail(err, TS_INVALID_VALUE, "state",
			       "mandate '%.60s' is addressed to %s, not to a member state; leave state empty", mid,
			       addressee);
	}
	/* a report is never more open than what it reports on */
	{
		int ml = ts_level_parse(str(m, "level") ? str(m, "level") : "public");
		int rl = ts_level_parse(str(rec, "level") ? str(rec, "level") : "public");
		if (ml > rl)
			json_object_set_new(rec, "level", json_string(str(m, "level")));
		if (!str(rec, "team") && str(m, "team"))
			json_object_set_new(rec, "team", json_string(str(m, "team")));
	}
	json_decref(m);

	progress = json_object_get(rec, "progress");
	if (status && !strcmp(status, "implemented")) {
		if (json_is_integer(progress) && json_integer_value(progress) != 100)
			return ts_fail(err, TS_INVALID_VALUE, "progress",
				       "an implemented mandate is 100%% done, not %lld%%; give 100 or status in_progress",
				       json_integer_value(progress));
		json_object_set_new(rec, "progress", json_integer(100));
	} else if (status && !strcmp(status, "not_started")) {
		if (json_is_integer(progress) && json_integer_value(progress) != 0)
			return ts_fail(err, TS_INVALID_VALUE, "progress",
				       "a mandate not started is 0%% done, not %lld%%; give 0 or status in_progress",
				       json_integer_value(progress));
		json_object_set_new(rec, "progress", json_integer(0));
	}
	/* in progress or not implemented without a percentage: not stated, counted as 0 */

	ts_utc(now, 1, today, sizeof(today));
	if (!str(rec, "reported_on"))
		json_object_set_new(rec, "reported_on", json_string(before && str(before, "reported_on") ? str(before, "reported_on") : today));
	else if (ts_pdate_cmp(str(rec, "reported_on"), today) > 0)
		return ts_fail(err, TS_INVALID_VALUE, "reported_on",
			       "a report tells what has happened: %.20s is after today (%s); give a day not yet to come",
			       str(rec, "reported_on"), today);
	ts_utc(now, 0, stamp, sizeof(stamp));
	/* the same report imported again keeps the moment it was first filed; so does a report
	 * exported from another installation and imported here (a moment of the past, written as
	 * this program writes them); the moment it reached this store is in the audit log */
	if (before && str(before, "filed_at"))
		json_object_set_new(rec, "filed_at", json_string(str(before, "filed_at")));
	else if (!utc_stamp(str(rec, "filed_at")) || strcmp(str(rec, "filed_at"), stamp) > 0)
		json_object_set_new(rec, "filed_at", json_string(stamp));
	return 0;
}
