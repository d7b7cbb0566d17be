/* The descriptions of meetings, resolutions and votes (meetings.h), and their guards. */
#include <stdio.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/meetings.h"
#include "tansiq/records.h"
#include "tansiq/rescode.h"
#include "tansiq/store.h"
#include "../registry/fields.h"

#define F_PLACES \
	{"place_ar", TS_TEXT, TS_F_SEARCH, L("المكان بالعربية", "Place in Arabic", "Lieu en arabe"), 120, 0, 0, 0, NULL, NULL, NULL}, \
	{"place_en", TS_TEXT, TS_F_SEARCH, L("المكان بالإنجليزية", "Place in English", "Lieu en anglais"), 120, 0, 0, 0, NULL, NULL, "Dhaka"}, \
	{"place_fr", TS_TEXT, TS_F_SEARCH, L("المكان بالفرنسية", "Place in French", "Lieu en français"), 120, 0, 0, 0, NULL, NULL, NULL}
/* Meetings and everything under them came with migration 6. */

/* ---- decision rules ---- */

static const ts_enum_value quorum_base[] = {
	{"members", L("جميع الدول الأعضاء", "all member states", "tous les États membres")},
	{"voting_members", L("الدول الأعضاء التي يحق لها التصويت", "member states entitled to vote", "États membres ayant le droit de vote")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value majority_base[] = {
	{"present_and_voting", L("الحاضرون المصوتون", "present and voting", "présents et votants")},
	{"present", L("الحاضرون", "present", "présents")},
	{"voting_members", L("جميع الأعضاء الذين يحق لهم التصويت", "all members entitled to vote", "tous les membres ayant le droit de vote")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value majority_compare[] = {
	{"at_least", L("لا يقل عن", "at least", "au moins")},
	{"more_than", L("أكثر من", "more than", "plus de")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value voters[] = {
	{"good_standing", L("الأعضاء كاملو العضوية", "members in good standing", "membres de plein droit")},
	{"all_members", L("جميع الأعضاء بمن فيهم المعلقة عضويتهم", "all members, suspended ones included", "tous les membres, suspendus compris")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field decision_rule_fields[] = {
	F_ID_CODE("oic-charter"),
	F_NAMES(TS_F_REQUIRED, "OIC Charter: consensus, else two-thirds of those present and voting"),
	F_INT("quorum_num", TS_F_REQUIRED, L("النصاب (البسط)", "Quorum (numerator)", "Quorum (numérateur)"), 0, 1000, "2"),
	F_INT("quorum_den", TS_F_REQUIRED, L("النصاب (المقام)", "Quorum (denominator)", "Quorum (dénominateur)"), 1, 1000, "3"),
	F_ENUM("quorum_base", 0, L("أساس النصاب", "Quorum of", "Quorum de"), quorum_base, "members"),
	F_BOOL("consensus", L("التوافق أولًا", "Consensus first", "Consensus d'abord"), "true"),
	F_INT("majority_num", TS_F_REQUIRED, L("الأغلبية (البسط)", "Majority (numerator)", "Majorité (numérateur)"), 1, 1000, "2"),
	F_INT("majority_den", TS_F_REQUIRED, L("الأغلبية (المقام)", "Majority (denominator)", "Majorité (dénominateur)"), 1, 1000, "3"),
	F_ENUM("majority_compare", 0, L("المقارنة", "Yes votes must be", "Les voix pour doivent être"), majority_compare, "at_least"),
	F_ENUM("majority_base", 0, L("أساس الأغلبية", "Majority of", "Majorité des"), majority_base, "present_and_voting"),
	F_BOOL("abstentions_count", L("الامتناع يُحتسب صوتًا", "Abstentions count as votes cast", "Les abstentions comptent comme suffrages exprimés"), "false"),
	F_ENUM("voters", 0, L("من يحق له التصويت", "Who votes", "Qui vote"), voters, "good_standing"),
	F_LONG3("description", "الوصف", "Description", "Description"),
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static int decision_rule_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_decision_rule = {
	"decision_rule", "decision-rules", "DecisionRule", L("قواعد اتخاذ القرار", "Decision rules", "Règles de décision"), 0,
	decision_rule_fields, N(decision_rule_fields), NULL, 0, "name_en", 0, NULL, decision_rule_guard,
};

/* ---- resolution categories ---- */

static const ts_field category_fields[] = {
	F_ID_CODE("pol"),
	{"code", TS_TEXT, TS_F_REQUIRED | TS_F_UNIQUE | TS_F_SEARCH, L("الرمز", "Code", "Code"), 15, 0, 0, 0, NULL, NULL, "POL"},
	{"letter_ar", TS_TEXT, TS_F_UNIQUE, L("الحرف العربي", "Arabic letter", "Lettre arabe"), 15, 0, 0, 0, NULL, NULL, "س"},
	F_NAMES(TS_F_REQUIRED, "Political affairs"),
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
const ts_entity ts_entity_resolution_category = {
	"resolution_category", "resolution-categories", "ResolutionCategory",
	L("فئات القرارات", "Resolution categories", "Catégories de résolutions"), 0,
	category_fields, N(category_fields), NULL, 0, "code",
};

/* ---- meetings ---- */

static const ts_enum_value meeting_kind[] = {
	{"ordinary", L("دورة عادية", "ordinary session", "session ordinaire")},
	{"extraordinary", L("دورة استثنائية", "extraordinary session", "session extraordinaire")},
	{"conference", L("مؤتمر", "conference", "conférence")},
	{"senior_officials", L("اجتماع كبار المسؤولين", "senior officials' meeting", "réunion de hauts fonctionnaires")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value meeting_status[] = {
	{"planned", L("مقرر", "planned", "prévue")},
	{"in_session", L("منعقد", "in session", "en séance")},
	{"held", L("انعقد", "held", "tenue")},
	{"cancelled", L("أُلغي", "cancelled", "annulée")},
	{NULL, L(NULL, NULL, NULL)},
};
/* What a meeting is about, when it is about one thing (the conferences on mediation); since 9. */
static const ts_enum_value meeting_topic[] = {
	{"mediation", L("الوساطة", "mediation", "médiation")},
	{"peace_security", L("السلم والأمن", "peace and security", "paix et sécurité")},
	{"humanitarian", L("الشؤون الإنسانية", "humanitarian affairs", "affaires humanitaires")},
	{"economic", L("التعاون الاقتصادي", "economic cooperation", "coopération économique")},
	{"culture", L("الثقافة والإعلام", "culture and information", "culture et information")},
	{"partnership", L("الشراكات", "partnerships", "partenariats")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field meeting_fields[] = {
	F_ID_CODE("cfm-45"),
	F_REF("organ", 0, "organ", L("الجهاز", "Organ", "Organe")),
	F_ENUM("kind", 0, L("النوع", "Kind", "Type"), meeting_kind, "ordinary"),
	F_INT("session_number", 0, L("رقم الدورة", "Session number", "Numéro de session"), 1, 999, "45"),
	F_TITLES(TS_F_REQUIRED),
	F_PLACES,
	F_PDATE("start", TS_F_REQUIRED, L("البداية", "Start", "Début")),
	F_PDATE("end", 0, L("النهاية", "End", "Fin")),
	F_ENUM("status", 0, L("الحالة", "Status", "Statut"), meeting_status, "planned"),
	F_REF("chair", 0, "state", L("الدولة الرئيسة", "Chair", "Présidence")),
	F_REF("partnership", 0, "partnership", L("الشراكة", "Partnership", "Partenariat")),
	{"contact_group", TS_REF, 0, L("مجموعة الاتصال", "Contact group", "Groupe de contact"), 0, 0, 0, 0, NULL, "contact_group",
	 NULL, NULL, 9},
	{"topic", TS_ENUM, 0, L("الموضوع", "Topic", "Thème"), 0, 0, 0, 0, meeting_topic, NULL, NULL, NULL, 9},
	F_LONG3("outcome", "النتائج", "Outcome", "Résultats"),
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule meeting_rules[] = {
	{TS_RULE_NOT_BEFORE, "end", "start", NULL},
	{TS_RULE_UNIQUE_WITH, "session_number", "organ", "kind"},
};
static int meeting_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_meeting = {
	"meeting", "meetings", "Meeting", L("الاجتماعات", "Meetings", "Réunions"), 0,
	meeting_fields, N(meeting_fields), meeting_rules, N(meeting_rules), "start", 0, NULL, meeting_guard,
};

static const ts_field agenda_item_fields[] = {
	F_ID_AUTO,
	F_REF("meeting", TS_F_REQUIRED, "meeting", L("الاجتماع", "Meeting", "Réunion")),
	F_INT("number", TS_F_REQUIRED, L("الرقم", "Number", "Numéro"), 1, 999, "3"),
	F_TITLES(TS_F_REQUIRED),
	F_REF("resolution", 0, "resolution", L("مشروع القرار", "Draft resolution", "Projet de résolution")),
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule agenda_item_rules[] = {
	{TS_RULE_UNIQUE_WITH, "number", "meeting", NULL},
};
const ts_entity ts_entity_agenda_item = {
	"agenda_item", "agenda-items", "AgendaItem", L("بنود جدول الأعمال", "Agenda items", "Points de l'ordre du jour"),
	TS_E_AUTO_ID, agenda_item_fields, N(agenda_item_fields), agenda_item_rules, N(agenda_item_rules), "number",
};

static const ts_field attendance_fields[] = {
	F_ID_AUTO,
	F_REF("meeting", TS_F_REQUIRED, "meeting", L("الاجتماع", "Meeting", "Réunion")),
	F_REF("state", 0, "state", L("الدولة", "State", "État")),
	F_REF("organisation", 0, "organisation", L("المنظمة", "Organisation", "Organisation")),
	F_TEXT("head_of_delegation", TS_F_SEARCH, L("رئيس الوفد", "Head of delegation", "Chef de délégation"), 200, NULL),
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule attendance_rules[] = {
	{TS_RULE_ONE_OF, "state", "organisation", NULL},
	{TS_RULE_UNIQUE_WITH, "state", "meeting", NULL},
	{TS_RULE_UNIQUE_WITH, "organisation", "meeting", NULL},
};
static int attendance_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_attendance = {
	"attendance", "attendance", "Attendance", L("الحضور", "Attendance", "Présences"), TS_E_AUTO_ID,
	attendance_fields, N(attendance_fields), attendance_rules, N(attendance_rules), "state", 0, NULL,
	attendance_guard,
};

/* ---- resolutions ---- */

static const ts_enum_value resolution_status[] = {
	{"draft", L("مشروع", "draft", "projet")},
	{"adopted", L("معتمد", "adopted", "adoptée")},
	{"not_adopted", L("لم يُعتمد", "not adopted", "non adoptée")},
	{"withdrawn", L("مسحوب", "withdrawn", "retiré")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field resolution_fields[] = {
	F_ID_AUTO,
	{"code", TS_TEXT, TS_F_UNIQUE | TS_F_SEARCH, L("رمز القرار", "Resolution code", "Cote de la résolution"), 40, 0, 0, 0, NULL, NULL, "53/45-POL"},
	{"code_ar", TS_TEXT, TS_F_DERIVED | TS_F_SEARCH, L("الرمز بالعربية", "Code in Arabic", "Cote en arabe"), 64, 0, 0, 0, NULL, NULL, "45/53-س"},
	F_INT("number", TS_F_DERIVED, L("رقم القرار", "Number", "Numéro"), 1, 9999, "53"),
	F_INT("session", TS_F_DERIVED, L("الدورة", "Session", "Session"), 1, 999, "45"),
	F_REF("category", TS_F_DERIVED, "resolution_category", L("الفئة", "Category", "Catégorie")),
	{"summit", TS_BOOL, TS_F_DERIVED, L("قرار قمة", "Summit resolution", "Résolution du Sommet"), 0, 0, 0, 0, NULL, NULL, NULL, "false"},
	F_ENUM("status", 0, L("الحالة", "Status", "Statut"), resolution_status, "draft"),
	F_TITLES(TS_F_REQUIRED),
	F_REF("meeting", 0, "meeting", L("الاجتماع", "Meeting", "Réunion")),
	F_PDATE("adopted_on", 0, L("تاريخ الاعتماد", "Adopted on", "Adoptée le")),
	F_TEXT("document", TS_F_SEARCH, L("رمز الوثيقة", "Document symbol", "Cote du document"), 100, "OIC/CFM-45/2018/POL/RES/FINAL"),
	F_LONG3("summary", "الملخص", "Summary", "Résumé"),
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule resolution_rules[] = {
	{TS_RULE_REQUIRED_IF, "meeting", "status", "adopted"},
};
static int resolution_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_resolution = {
	"resolution", "resolutions", "Resolution", L("القرارات", "Resolutions", "Résolutions"), TS_E_AUTO_ID,
	resolution_fields, N(resolution_fields), resolution_rules, N(resolution_rules), "code", 0, NULL, resolution_guard,
};

static const ts_enum_value paragraph_kind[] = {
	{"preambular", L("فقرة تمهيدية", "preambular", "préambule")},
	{"operative", L("فقرة عاملة", "operative", "dispositif")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field paragraph_fields[] = {
	F_ID_AUTO,
	F_REF("resolution", TS_F_REQUIRED, "resolution", L("القرار", "Resolution", "Résolution")),
	F_ENUM("kind", 0, L("النوع", "Kind", "Type"), paragraph_kind, "operative"),
	F_INT("number", 0, L("الرقم", "Number", "Numéro"), 1, 999, "7"),
	{"text_ar", TS_TEXT, TS_F_LONG | TS_F_SEARCH | TS_F_TITLE, L("النص بالعربية", "Text in Arabic", "Texte en arabe"), 0, 0, 0, 0, NULL, NULL, NULL},
	{"text_en", TS_TEXT, TS_F_LONG | TS_F_SEARCH | TS_F_TITLE | TS_F_REQUIRED, L("النص بالإنجليزية", "Text in English", "Texte en anglais"), 0, 0, 0, 0, NULL, NULL, NULL},
	{"text_fr", TS_TEXT, TS_F_LONG | TS_F_SEARCH | TS_F_TITLE, L("النص بالفرنسية", "Text in French", "Texte en français"), 0, 0, 0, 0, NULL, NULL, NULL},
	F_BOOL("verbatim", L("النص الحرفي", "Verbatim wording", "Texte exact"), "false"),
	F_TEXT("addressee", TS_F_SEARCH, L("الجهة المكلفة", "Addressee", "Destinataire"), 200, "Secretary-General"),
	F_SOURCE,
	F_LEVEL,
	F_TEAM,
	/* what it counts in its resolution's progress (implementation.h); added by migration 7 */
	F_WEIGHT_SINCE(7),
};
static const ts_rule paragraph_rules[] = {
	{TS_RULE_UNIQUE_WITH, "number", "resolution", "kind"},
};
static int paragraph_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static int paragraphs_follow(ts_store *st, const json_t *rec, ts_error *err);
const ts_entity ts_entity_paragraph = {
	"paragraph", "paragraphs", "Paragraph", L("فقرات القرارات", "Resolution paragraphs", "Paragraphes des résolutions"),
	TS_E_AUTO_ID, paragraph_fields, N(paragraph_fields), paragraph_rules, N(paragraph_rules), "number", 0, NULL,
	paragraph_guard,
};

static const ts_field sponsor_fields[] = {
	F_ID_AUTO,
	F_REF("resolution", TS_F_REQUIRED, "resolution", L("القرار", "Resolution", "Résolution")),
	F_REF("state", TS_F_REQUIRED, "state", L("الدولة", "State", "État")),
	F_LEVEL,
	F_TEAM,
};
static const ts_rule sponsor_rules[] = {
	{TS_RULE_UNIQUE_WITH, "state", "resolution", NULL},
};
const ts_entity ts_entity_sponsor = {
	"sponsor", "resolution-sponsors", "ResolutionSponsor", L("مقدمو القرارات", "Sponsors", "Auteurs des résolutions"),
	TS_E_AUTO_ID, sponsor_fields, N(sponsor_fields), sponsor_rules, N(sponsor_rules), "state",
};

/* ---- votes and ballots: written only by their operations (votes.h) ----
 * A roll call names states, not people: who opened, closed or cast is in the audit log (for
 * administrators), not in the records everyone reads. */

static const ts_enum_value vote_method[] = {
	{"ballot", L("تصويت", "vote", "vote")},
	{"consensus", L("توافق", "consensus", "consensus")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value vote_status[] = {
	{"open", L("مفتوح", "open", "ouvert")},
	{"closed", L("مغلق", "closed", "clos")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value vote_outcome[] = {
	{"adopted", L("اعتُمد", "adopted", "adopté")},
	{"not_adopted", L("لم يُعتمد", "not adopted", "non adopté")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value vote_decided_by[] = {
	{"consensus", L("بالتوافق", "by consensus", "par consensus")},
	{"majority", L("بالأغلبية المطلوبة", "by the required majority", "à la majorité requise")},
	{"short_of_majority", L("لعدم بلوغ الأغلبية المطلوبة", "short of the required majority", "faute de la majorité requise")},
	{"no_quorum", L("لعدم اكتمال النصاب", "for want of a quorum", "faute de quorum")},
	{NULL, L(NULL, NULL, NULL)},
};
#define F_COUNT(name, ar, en, fr) F_INT(name, 0, L(ar, en, fr), 0, 100000, NULL)
static const ts_field vote_fields[] = {
	F_ID_AUTO,
	F_REF("meeting", TS_F_REQUIRED, "meeting", L("الاجتماع", "Meeting", "Réunion")),
	F_REF("resolution", TS_F_REQUIRED, "resolution", L("مشروع القرار", "Draft resolution", "Projet de résolution")),
	F_REF("rule", TS_F_REQUIRED, "decision_rule", L("قاعدة القرار", "Decision rule", "Règle de décision")),
	F_ENUM("method", 0, L("الطريقة", "Method", "Méthode"), vote_method, "ballot"),
	F_ENUM("status", 0, L("الحالة", "Status", "Statut"), vote_status, "open"),
	F_TEXT("opened_at", 0, L("فُتح في", "Opened at", "Ouvert le"), 40, NULL),
	F_TEXT("closed_at", 0, L("أُغلق في", "Closed at", "Clos le"), 40, NULL),
	F_ENUM("outcome", 0, L("النتيجة", "Outcome", "Résultat"), vote_outcome, NULL),
	F_ENUM("decided_by", 0, L("سبب النتيجة", "Decided", "Décidé"), vote_decided_by, NULL),
	F_COUNT("members", "عدد الأعضاء", "Members", "Membres"),
	F_COUNT("quorum", "النصاب المطلوب", "Quorum required", "Quorum requis"),
	F_COUNT("present", "الأعضاء الحاضرون", "Members present", "Membres présents"),
	F_COUNT("yes", "نعم", "Yes", "Pour"),
	F_COUNT("no", "لا", "No", "Contre"),
	F_COUNT("abstain", "امتناع", "Abstentions", "Abstentions"),
	F_COUNT("not_voting", "لم يصوّت", "Not voting", "Non-votants"),
	F_COUNT("base", "أساس الأغلبية", "Majority counted on", "Majorité calculée sur"),
	F_COUNT("required", "الأصوات المطلوبة", "Yes votes required", "Voix pour requises"),
	F_LEVEL,
	F_TEAM,
};
const ts_entity ts_entity_vote = {
	"vote", "votes", "Vote", L("عمليات التصويت", "Votes", "Votes"), TS_E_AUTO_ID | TS_E_ACTIONS,
	vote_fields, N(vote_fields), NULL, 0, "opened_at",
	.operations = {"POST /api/v1/votes opens a vote, PUT /api/v1/votes/{id}/ballots/{state} casts a ballot, "
		       "POST /api/v1/votes/{id}/close closes it",
		       "'tansiq vote open|close' (and ballots by delegates in the web application or the API)"},
};

static const ts_enum_value ballot_choice[] = {
	{"yes", L("نعم", "yes", "pour")},
	{"no", L("لا", "no", "contre")},
	{"abstain", L("امتناع", "abstain", "abstention")},
	{"not_voting", L("لم يصوّت", "not voting", "n'a pas voté")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field ballot_fields[] = {
	F_ID_AUTO,
	F_REF("vote", TS_F_REQUIRED, "vote", L("التصويت", "Vote", "Vote")),
	F_REF("state", TS_F_REQUIRED, "state", L("الدولة", "State", "État")),
	F_ENUM("choice", TS_F_REQUIRED, L("الصوت", "Ballot", "Vote"), ballot_choice, NULL),
	F_TEXT("cast_at", 0, L("وقت الإدلاء", "Cast at", "Exprimé le"), 40, NULL),
	F_LEVEL,
	F_TEAM,
};
static const ts_rule ballot_rules[] = {
	{TS_RULE_UNIQUE_WITH, "state", "vote", NULL},
};
const ts_entity ts_entity_ballot = {
	"ballot", "ballots", "Ballot", L("الأصوات", "Ballots", "Bulletins"), TS_E_AUTO_ID | TS_E_ACTIONS,
	ballot_fields, N(ballot_fields), ballot_rules, N(ballot_rules), "state",
	/* a delegate casts their own state's ballot; the chair (secretariat) records those who did
	 * not vote when closing; votes.c checks the rest */
	TS_ROLE_DELEGATE | TS_ROLE_SECRETARIAT, "state",
	.operations = {"PUT /api/v1/votes/{id}/ballots/{state} casts a ballot",
		       "'tansiq vote open|close' (and ballots by delegates in the web application or the API)"},
};

/* ---- guards ---- */

/* A fraction is at most a whole. */
static int decision_rule_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	static const char *const pairs[][2] = {{"quorum_num", "quorum_den"}, {"majority_num", "majority_den"}};
	(void)st;
	(void)before;
	for (size_t i = 0; rec && i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		json_int_t n = json_integer_value(json_object_get(rec, pairs[i][0]));
		json_int_t d = json_integer_value(json_object_get(rec, pairs[i][1]));
		if (n > d)
			return ts_fail(err, TS_INVALID_VALUE, pairs[i][0], "field '%s': %lld/%lld is more than the whole; "
				       "give a fraction such as 2/3 (numerator %s, denominator %s)", pairs[i][0], n, d,
				       pairs[i][0], pairs[i][1]);
	}
	return 0;
}

/* The votes of a meeting or on a draft that are open (field "meeting" or "resolution"). */
static int open_votes(ts_store *st, const char *field, const char *id, ts_error *err)
{
	char cond[64];
	ts_value p = {TS_V_TEXT, 0, id};
	json_t *open = NULL;
	int n;

	snprintf(cond, sizeof(cond), "\"%s\" = ? AND \"status\" = 'open'", field);
	if (ts_records_where(st, &ts_entity_vote, cond, &p, 1, 0, &open, err))
		return -1;
	n = (int)json_array_size(open);
	json_decref(open);
	return n;
}

static int changed(const json_t *rec, const json_t *before, const char *field)
{
	return rec && before && !json_equal(json_object_get(rec, field), json_object_get(before, field));
}

/* A meeting stays in session while a vote is open there. */
static int meeting_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	int n;

	if (!changed(rec, before, "status"))
		return 0;
	if ((n = open_votes(st, "meeting", json_string_value(json_object_get(before, "id")), err)) < 0)
		return -1;
	return n ? ts_fail(err, TS_WRONG_STAGE, "status", "meeting '%.60s' stays in session while a vote is open there; "
			   "close the vote first", json_string_value(json_object_get(before, "id"))) : 0;
}

int ts_resolution_fits_meeting(ts_store *st, const json_t *res, const json_t *meeting, ts_error *err)
{
	json_t *sn = json_object_get(meeting, "session_number"), *session = json_object_get(res, "session");
	const char *organ = json_string_value(json_object_get(meeting, "organ"));
	const char *code = json_string_value(json_object_get(res, "code"));
	const char *mid = json_string_value(json_object_get(meeting, "id"));

	if (!json_is_integer(session))
		return 0; /* no code yet: nothing to compare */
	if (json_is_integer(sn) && json_integer_value(sn) != json_integer_value(session))
		return ts_fail(err, TS_INVALID_VALUE, "meeting", "resolution %s belongs to session %lld, but meeting '%.60s' "
			       "is session %lld; correct the code or the meeting", code, json_integer_value(session), mid,
			       json_integer_value(sn));
	if (organ) {
		json_t *o = NULL;
		ts_error ignored = TS_ERROR_INIT;
		int summit;
		if (ts_record_get(st, ts_schema_entity(ts_store_schema(st), "organ"), organ, &o, &ignored))
			return 0;
		summit = !strcmp(json_string_value(json_object_get(o, "kind")), "summit");
		json_decref(o);
		if (summit != json_is_true(json_object_get(res, "summit")))
			return ts_fail(err, TS_INVALID_VALUE, "meeting", summit
				       ? "meeting '%.60s' is a Summit, whose resolutions carry (IS) in their code; %s does not"
				       : "meeting '%.60s' is not a Summit, but %s carries (IS), the mark of the Summit's resolutions",
				       mid, code);
	}
	return 0;
}

/* Attendance decides who votes: it is fixed while a vote of its meeting is open. */
static int attendance_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	const char *meetings[2] = {
		rec ? json_string_value(json_object_get(rec, "meeting")) : NULL,
		before ? json_string_value(json_object_get(before, "meeting")) : NULL,
	};
	for (int i = 0; i < 2; i++) {
		int n;
		if (!meetings[i] || (i == 1 && meetings[0] && !strcmp(meetings[0], meetings[1])))
			continue; /* none, or the same meeting asked already */
		if ((n = open_votes(st, "meeting", meetings[i], err)))
			return n < 0 ? -1 : ts_fail(err, TS_WRONG_STAGE, "meeting", "attendance at meeting '%.60s' is fixed while "
						    "a vote is open there; close the vote first", meetings[i]);
	}
	return 0;
}

/* The category record whose code (Latin form) or Arabic letter is `text`. */
static int find_category(ts_store *st, const ts_rescode *c, json_t **out, ts_error *err)
{
	ts_value p = {TS_V_TEXT, 0, c->category};
	json_t *found = NULL;
	int rc;

	*out = NULL;
	rc = ts_records_where(st, &ts_entity_resolution_category,
			      c->arabic ? "\"letter_ar\" = ?" : "lower(\"code\") = lower(?)", &p, 1, 0, &found, err);
	if (rc)
		return -1;
	if (!json_array_size(found)) {
		json_decref(found);
		return ts_fail(err, TS_INVALID_VALUE, "code",
			       "field 'code': the category '%s' is not one of the resolution categories; add it to "
			       "resolution-categories or use one that exists (e.g. POL)", c->category);
	}
	*out = json_incref(json_array_get(found, 0));
	json_decref(found);
	return 0;
}

/* The code is parsed once here: number, session, category, summit and the Arabic form follow
 * from it, and the id when none is given. A meeting named must be the session the code says. */
static int resolution_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	const char *code = rec ? json_string_value(json_object_get(rec, "code")) : NULL;
	const char *mid = rec ? json_string_value(json_object_get(rec, "meeting")) : NULL;
	ts_rescode c;
	json_t *cat = NULL, *meeting = NULL;
	char latin[TS_RESCODE_MAX], arabic[TS_RESCODE_MAX], slug[64];
	const char *letter;
	ts_error missing = TS_ERROR_INIT;

	if (!rec)
		return 0;
	if (before && (changed(rec, before, "level") || changed(rec, before, "team")) && paragraphs_follow(st, rec, err))
		return -1;
	if (changed(rec, before, "status") || changed(rec, before, "meeting") || changed(rec, before, "code")) {
		int n = open_votes(st, "resolution", json_string_value(json_object_get(before, "id")), err);
		if (n)
			return n < 0 ? -1 : ts_fail(err, TS_WRONG_STAGE, "status", "draft '%.60s' is being voted on; its "
						    "status, code and meeting change when the vote closes",
						    json_string_value(json_object_get(before, "id")));
	}
	if (!code || !*code) {
		json_object_set_new(rec, "code", json_null());
		json_object_set_new(rec, "code_ar", json_null());
		json_object_set_new(rec, "number", json_null());
		json_object_set_new(rec, "session", json_null());
		json_object_set_new(rec, "category", json_null());
		json_object_set_new(rec, "summit", json_false());
		return 0;
	}
	if (ts_rescode_parse(code, &c, "code", err) || find_category(st, &c, &cat, err))
		return -1;
	letter = json_string_value(json_object_get(cat, "letter_ar"));
	if (ts_rescode_format(&c, json_string_value(json_object_get(cat, "code")), 0, latin, sizeof(latin)) ||
	    ts_rescode_format(&c, letter ? letter : json_string_value(json_object_get(cat, "code")), letter != NULL,
			      arabic, sizeof(arabic)) ||
	    ts_rescode_slug(&c, json_string_value(json_object_get(cat, "code")), slug, sizeof(slug))) {
		json_decref(cat);
		return ts_fail(err, TS_INVALID_VALUE, "code", "field 'code': '%.40s' is too long", code);
	}
	json_object_set_new(rec, "code", json_string(latin));
	json_object_set_new(rec, "code_ar", json_string(arabic));
	json_object_set_new(rec, "number", json_integer(c.number));
	json_object_set_new(rec, "session", json_integer(c.session));
	json_object_set(rec, "category", json_object_get(cat, "id"));
	json_object_set_new(rec, "summit", json_boolean(c.summit));
	json_decref(cat);
	if (!json_string_value(json_object_get(rec, "id")))
		json_object_set_new(rec, "id", json_string(slug));
	if (mid && ts_record_get(st, &ts_entity_meeting, mid, &meeting, &missing) == 0) {
		int rc = ts_resolution_fits_meeting(st, rec, meeting, err);
		json_decref(meeting);
		return rc;
	}
	return 0; /* a meeting that does not exist is reported with the other references */
}

/* A paragraph is read by no more readers than its resolution: it takes the resolution's level when
 * that is higher, and its team when restricted (the text is the resolution's, and search finds it
 * by its words). */
static int paragraph_level(ts_store *st, json_t *rec, ts_error *err)
{
	ts_value id = {TS_V_TEXT, 0, json_string_value(json_object_get(rec, "resolution")), 0};
	json_t *found = NULL, *r;
	int mine, theirs;

	if (!id.s)
		return 0;
	if (ts_records_where(st, &ts_entity_resolution, "\"id\" = ?", &id, 1, 0, &found, err))
		return -1;
	r = json_array_get(found, 0); /* none: reported with the other references */
	mine = ts_level_parse(json_string_value(json_object_get(rec, "level")));
	theirs = r ? ts_level_parse(json_string_value(json_object_get(r, "level"))) : -1;
	if (r && (theirs > mine || (theirs == TS_LEVEL_RESTRICTED && mine == TS_LEVEL_RESTRICTED))) {
		json_object_set(rec, "level", json_object_get(r, "level"));
		json_object_set(rec, "team", theirs == TS_LEVEL_RESTRICTED ? json_object_get(r, "team") : json_null());
	}
	json_decref(found);
	return 0;
}

/* The resolution's paragraphs follow a change of its level or team (paragraph_level). */
static int paragraphs_follow(ts_store *st, const json_t *rec, ts_error *err)
{
	ts_value id = {TS_V_TEXT, 0, json_string_value(json_object_get(rec, "id")), 0};
	json_t *paras = NULL, *p;
	size_t i;
	int rc = 0;

	if (ts_records_where(st, &ts_entity_paragraph, "\"resolution\" = ?", &id, 1, 0, &paras, err))
		return -1;
	json_array_foreach(paras, i, p) {
		json_t *patch = json_pack("{s:O, s:O}", "level", json_object_get(rec, "level"), "team",
					  json_object_get(rec, "team") ? json_object_get(rec, "team") : json_null());
		int mine = ts_level_parse(json_string_value(json_object_get(p, "level")));
		int theirs = ts_level_parse(json_string_value(json_object_get(rec, "level")));
		if (theirs > mine || (theirs == TS_LEVEL_RESTRICTED && !json_equal(json_object_get(p, "team"),
									       json_object_get(patch, "team"))))
			rc = ts_record_update(st, &ts_entity_paragraph, json_string_value(json_object_get(p, "id")), patch,
					      NULL, err);
		json_decref(patch);
		if (rc)
			break;
	}
	json_decref(paras);
	return rc;
}

/* A paragraph without an id gets one from its resolution, kind and number: "53-45-pol-op-7". */
static int paragraph_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	const char *res = rec ? json_string_value(json_object_get(rec, "resolution")) : NULL;
	const char *kind = rec ? json_string_value(json_object_get(rec, "kind")) : NULL;
	json_t *num = rec ? json_object_get(rec, "number") : NULL;
	char id[80];

	(void)before;
	if (rec && paragraph_level(st, rec, err))
		return -1;
	if (!res || !kind || !json_is_integer(num) || json_string_value(json_object_get(rec, "id")))
		return 0;
	if (snprintf(id, sizeof(id), "%s-%s-%lld", res, !strcmp(kind, "operative") ? "op" : "pp",
		     json_integer_value(num)) < 64)
		json_object_set_new(rec, "id", json_string(id));
	return 0;
}
