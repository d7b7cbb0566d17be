/* The registry's entity descriptions: the one place that says what a state, an organ, an
 * office... is. Tables, JSON, validation, CSV, the CLI and the API document follow from here. */
#include "tansiq/conflicts.h"
#include "tansiq/mediation.h"
#include "tansiq/implementation.h"
#include "tansiq/meetings.h"
#include "tansiq/registry.h"
#include "tansiq/search.h"

#include "fields.h"

/* The confidentiality levels (access.h), as the level field of every record offers them. */
const ts_enum_value ts_level_values[] = {
	{"public", L("عام", "public", "public")},
	{"members", L("للدول الأعضاء", "members", "membres")},
	{"secretariat", L("للأمانة العامة", "secretariat", "secrétariat")},
	{"restricted", L("مقيد بفريق", "restricted", "restreint")},
	{NULL, L(NULL, NULL, NULL)},
};

/* ---- states ---- */

static const ts_enum_value state_status[] = {
	{"member", L("عضو", "member", "membre")},
	{"suspended", L("معلقة عضويته", "suspended", "suspendu")},
	{"observer", L("مراقب", "observer", "observateur")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value state_group[] = {
	{"arab", L("المجموعة العربية", "Arab group", "groupe arabe")},
	{"asian", L("المجموعة الآسيوية", "Asian group", "groupe asiatique")},
	{"african", L("المجموعة الأفريقية", "African group", "groupe africain")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field state_fields[] = {
	{"id", TS_TEXT, TS_F_KEY | TS_F_REQUIRED, L("رمز ISO 3166 الثلاثي", "ISO 3166 alpha-3 code", "Code ISO 3166 alpha-3"), 3, 0, 0, TS_P_ISO3, NULL, NULL, "SAU"},
	{"iso2", TS_TEXT, TS_F_UNIQUE, L("رمز ISO 3166 الثنائي", "ISO 3166 alpha-2 code", "Code ISO 3166 alpha-2"), 2, 0, 0, TS_P_ISO2, NULL, NULL, "SA"},
	{"gw_code", TS_INT, 0, L("رمز غليديتش-وارد", "Gleditsch-Ward code", "Code Gleditsch-Ward"), 0, 2, 999, 0, NULL, NULL, "670"},
	F_NAMES(TS_F_REQUIRED, "Saudi Arabia"),
	{"status", TS_ENUM, TS_F_REQUIRED, L("الوضع", "Status", "Statut"), 0, 0, 0, 0, state_status, NULL, "member"},
	{"accession_year", TS_INT, 0, L("سنة الانضمام", "Accession year", "Année d'adhésion"), 0, 1969, 2100, 0, NULL, NULL, "1969"},
	{"observer_since", TS_INT, 0, L("مراقب منذ", "Observer since", "Observateur depuis"), 0, 1969, 2100, 0, NULL, NULL, "2005"},
	F_PDATE("suspended_since", 0, L("معلقة منذ", "Suspended since", "Suspendu depuis")),
	{"group", TS_ENUM, 0, L("المجموعة الجغرافية", "Geographic group", "Groupe géographique"), 0, 0, 0, 0, state_group, NULL, "arab"},
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule state_rules[] = {
	{TS_RULE_REQUIRED_IF, "suspended_since", "status", "suspended"},
	{TS_RULE_REQUIRED_IF, "accession_year", "status", "member"},
	{TS_RULE_REQUIRED_IF, "observer_since", "status", "observer"},
};
static const ts_entity state = {
	"state", "states", "State", L("الدول", "States", "États"), 0,
	state_fields, N(state_fields), state_rules, N(state_rules), "name_en",
};

/* ---- organisations ---- */

static const ts_enum_value org_kind[] = {
	{"universal", L("عالمية", "universal", "universelle")},
	{"regional", L("إقليمية", "regional", "régionale")},
	{"subregional", L("دون إقليمية", "subregional", "sous-régionale")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field organisation_fields[] = {
	F_ID_CODE("eu"),
	F_ACRONYM,
	F_NAMES(TS_F_REQUIRED, "European Union"),
	{"kind", TS_ENUM, 0, L("النوع", "Kind", "Type"), 0, 0, 0, 0, org_kind, NULL, "regional"},
	{"observer_since", TS_INT, 0, L("مراقب منذ", "Observer since", "Observateur depuis"), 0, 1969, 2100, 0, NULL, NULL, "1977"},
	{"partner", TS_BOOL, 0, L("شريك", "Partner", "Partenaire"), 0, 0, 0, 0, NULL, NULL, "true"},
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_entity organisation = {
	"organisation", "organisations", "Organisation", L("المنظمات", "Organisations", "Organisations"), 0,
	organisation_fields, N(organisation_fields), NULL, 0, "name_en",
};

/* ---- partnerships and their timelines ---- */

static const ts_enum_value partnership_status[] = {
	{"active", L("قائمة", "active", "active")},
	{"dormant", L("خاملة", "dormant", "en sommeil")},
	{"ended", L("منتهية", "ended", "terminée")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field partnership_fields[] = {
	F_ID_AUTO,
	F_REF("organisation", TS_F_REQUIRED, "organisation", L("المنظمة", "Organisation", "Organisation")),
	F_TITLES(TS_F_REQUIRED),
	F_PDATE("since", 0, L("منذ", "Since", "Depuis")),
	{"status", TS_ENUM, 0, L("الحالة", "Status", "Statut"), 0, 0, 0, 0, partnership_status, NULL, "active"},
	F_LONG3("summary", "الملخص", "Summary", "Résumé"),
	F_LEVEL,
	F_TEAM,
};
static const ts_entity partnership = {
	"partnership", "partnerships", "Partnership", L("الشراكات", "Partnerships", "Partenariats"), TS_E_AUTO_ID,
	partnership_fields, N(partnership_fields), NULL, 0, "since",
};

static const ts_enum_value event_kind[] = {
	{"meeting", L("اجتماع", "meeting", "réunion")},
	{"agreement", L("اتفاق", "agreement", "accord")},
	{"visit", L("زيارة", "visit", "visite")},
	{"appointment", L("تعيين", "appointment", "nomination")},
	{"dialogue", L("حوار", "dialogue", "dialogue")},
	{"milestone", L("محطة", "milestone", "étape")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field partnership_event_fields[] = {
	F_ID_AUTO,
	F_REF("partnership", TS_F_REQUIRED, "partnership", L("الشراكة", "Partnership", "Partenariat")),
	F_PDATE("date", TS_F_REQUIRED, L("التاريخ", "Date", "Date")),
	{"kind", TS_ENUM, 0, L("النوع", "Kind", "Type"), 0, 0, 0, 0, event_kind, NULL, "meeting"},
	F_TITLES(TS_F_REQUIRED),
	{"source", TS_TEXT, 0, L("المصدر", "Source", "Source"), 200, 0, 0, 0, NULL, NULL, NULL},
	F_LEVEL,
	F_TEAM,
};
static const ts_entity partnership_event = {
	"partnership_event", "partnership-events", "PartnershipEvent",
	L("محطات الشراكات", "Partnership timeline", "Chronologie des partenariats"), TS_E_AUTO_ID,
	partnership_event_fields, N(partnership_event_fields), NULL, 0, "date",
};

/* ---- organs ---- */

static const ts_enum_value organ_kind[] = {
	{"summit", L("قمة", "summit", "sommet")},
	{"council", L("مجلس", "council", "conseil")},
	{"secretariat", L("أمانة", "secretariat", "secrétariat")},
	{"standing_committee", L("لجنة دائمة", "standing committee", "comité permanent")},
	{"executive", L("هيئة تنفيذية", "executive body", "organe exécutif")},
	{"subsidiary", L("جهاز متفرع", "subsidiary organ", "organe subsidiaire")},
	{"specialised", L("مؤسسة متخصصة", "specialised institution", "institution spécialisée")},
	{"affiliated", L("مؤسسة منتمية", "affiliated institution", "institution affiliée")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value organ_cycle[] = {
	{"permanent", L("دائم", "permanent", "permanent")},
	{"periodic", L("دوري", "periodic", "périodique")},
	{"as_convened", L("عند الدعوة", "as convened", "sur convocation")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field organ_fields[] = {
	F_ID_CODE("cfm"),
	F_ACRONYM,
	F_NAMES(TS_F_REQUIRED, "Council of Foreign Ministers"),
	{"kind", TS_ENUM, TS_F_REQUIRED, L("النوع", "Kind", "Type"), 0, 0, 0, 0, organ_kind, NULL, "council"},
	{"cycle", TS_ENUM, 0, L("الدورية", "Cycle", "Cycle"), 0, 0, 0, 0, organ_cycle, NULL, "periodic"},
	{"cycle_months", TS_INT, 0, L("الدورية بالأشهر", "Cycle in months", "Cycle en mois"), 0, 1, 120, 0, NULL, NULL, "12"},
	F_REF("parent", 0, "organ", L("الجهاز الأعلى", "Parent organ", "Organe parent")),
	{"seat", TS_TEXT, 0, L("المقر", "Seat", "Siège"), 100, 0, 0, 0, NULL, NULL, "Jeddah"},
	F_PDATE("established", 0, L("تاريخ الإنشاء", "Established", "Créé en")),
	F_LONG3("description", "الوصف", "Description", "Description"),
	F_LEVEL,
	F_TEAM,
	/* How it decides (meetings.h); added by migration 6. */
	{"decision_rule", TS_REF, 0, L("قواعد اتخاذ القرار", "Decision rules", "Règles de décision"), 0, 0, 0, 0, NULL,
	 "decision_rule", "oic-charter", NULL, 6},
};
static const ts_rule organ_rules[] = {
	{TS_RULE_REQUIRED_IF, "cycle_months", "cycle", "periodic"},
};
static const ts_entity organ = {
	"organ", "organs", "Organ", L("الأجهزة", "Organs", "Organes"), 0,
	organ_fields, N(organ_fields), organ_rules, N(organ_rules), "name_en",
};

/* ---- people and offices ---- */

static const ts_field person_fields[] = {
	F_ID_CODE("hissein-brahim-taha"),
	F_NAMES(TS_F_REQUIRED, "Hissein Brahim Taha"),
	F_REF("nationality", 0, "state", L("الجنسية", "Nationality", "Nationalité")),
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_entity person = {
	"person", "persons", "Person", L("الأشخاص", "People", "Personnes"), 0,
	person_fields, N(person_fields), NULL, 0, "name_en",
};

static const ts_enum_value office_kind[] = {
	{"secretary_general", L("أمين عام", "Secretary-General", "Secrétaire général")},
	{"assistant_secretary_general", L("أمين عام مساعد", "Assistant Secretary-General", "Secrétaire général adjoint")},
	{"special_envoy", L("مبعوث خاص", "special envoy", "envoyé spécial")},
	{"permanent_representative", L("مندوب دائم", "permanent representative", "représentant permanent")},
	{"chair", L("رئيس", "chair", "président")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field office_fields[] = {
	F_ID_CODE("secretary-general"),
	F_TITLES(TS_F_REQUIRED),
	{"kind", TS_ENUM, TS_F_REQUIRED, L("النوع", "Kind", "Type"), 0, 0, 0, 0, office_kind, NULL, "special_envoy"},
	F_REF("organ", 0, "organ", L("الجهاز", "Organ", "Organe")),
	F_REF("state", 0, "state", L("الدولة", "State", "État")),
	{"term_years", TS_INT, 0, L("مدة الولاية بالسنوات", "Term in years", "Mandat en années"), 0, 1, 20, 0, NULL, NULL, "5"},
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_entity office = {
	"office", "offices", "Office", L("المناصب", "Offices", "Fonctions"), 0,
	office_fields, N(office_fields), NULL, 0, "title_en",
};

static const ts_field office_term_fields[] = {
	F_ID_AUTO,
	F_REF("office", TS_F_REQUIRED, "office", L("المنصب", "Office", "Fonction")),
	F_REF("person", TS_F_REQUIRED, "person", L("الشخص", "Person", "Personne")),
	F_PDATE("start", 0, L("البداية", "Start", "Début")),
	F_PDATE("end", 0, L("النهاية", "End", "Fin")),
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule office_term_rules[] = {
	{TS_RULE_NOT_BEFORE, "end", "start", NULL},
};
static const ts_entity office_term = {
	"office_term", "office-terms", "OfficeTerm", L("شاغلو المناصب", "Office holders", "Titulaires des fonctions"),
	TS_E_AUTO_ID, office_term_fields, N(office_term_fields), office_term_rules, N(office_term_rules), "start",
};

/* ---- contact groups ---- */

static const ts_field contact_group_fields[] = {
	F_ID_CODE("friends-of-mediation"),
	F_NAMES(TS_F_REQUIRED, "Contact Group of Friends of Mediation"),
	F_PDATE("established", 0, L("تاريخ الإنشاء", "Established", "Créé en")),
	F_REF("organ", 0, "organ", L("الجهاز المنشئ", "Set up by", "Créé par")),
	F_LONG3("purpose", "الغرض", "Purpose", "Objet"),
	F_LEVEL,
	F_TEAM,
};
static const ts_entity contact_group = {
	"contact_group", "contact-groups", "ContactGroup", L("مجموعات الاتصال", "Contact groups", "Groupes de contact"), 0,
	contact_group_fields, N(contact_group_fields), NULL, 0, "name_en",
};

static const ts_enum_value member_role[] = {
	{"co_chair", L("رئيس مشارك", "co-chair", "coprésident")},
	{"member", L("عضو", "member", "membre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field contact_group_member_fields[] = {
	F_ID_AUTO,
	F_REF("group", TS_F_REQUIRED, "contact_group", L("مجموعة الاتصال", "Contact group", "Groupe de contact")),
	F_REF("state", 0, "state", L("الدولة", "State", "État")),
	F_REF("organ", 0, "organ", L("الجهاز", "Organ", "Organe")),
	{"role", TS_ENUM, TS_F_REQUIRED, L("الدور", "Role", "Rôle"), 0, 0, 0, 0, member_role, NULL, "member"},
	F_PDATE("since", 0, L("منذ", "Since", "Depuis")),
	F_LEVEL,
	F_TEAM,
};
static const ts_rule contact_group_member_rules[] = {
	{TS_RULE_ONE_OF, "state", "organ", NULL},
};
static const ts_entity contact_group_member = {
	"contact_group_member", "contact-group-members", "ContactGroupMember",
	L("أعضاء مجموعات الاتصال", "Contact group members", "Membres des groupes de contact"), TS_E_AUTO_ID,
	contact_group_member_fields, N(contact_group_member_fields), contact_group_member_rules,
	N(contact_group_member_rules), "role",
};

/* ---- teams: who reads restricted records ---- */

static const ts_field team_fields[] = {
	F_ID_CODE("mediation-support-team"),
	F_NAMES(TS_F_REQUIRED, "Mediation support team"),
	F_LONG3("purpose", "الغرض", "Purpose", "Objet"),
	F_LEVEL_AS("members"),
};
static const ts_entity team = {
	"team", "teams", "Team", L("الفرق", "Teams", "Équipes"), 0,
	team_fields, N(team_fields), NULL, 0, "name_en",
};

static const ts_enum_value team_role[] = {
	{"lead", L("رئيس الفريق", "lead", "chef d'équipe")},
	{"member", L("عضو", "member", "membre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field team_member_fields[] = {
	F_ID_AUTO,
	F_REF("team", TS_F_REQUIRED, "team", L("الفريق", "Team", "Équipe")),
	{"account", TS_TEXT, TS_F_REQUIRED | TS_F_ACCOUNT | TS_F_SEARCH, L("الحساب", "Account", "Compte"), 63, 0, 0,
	 TS_P_USERNAME, NULL, NULL, "amina.diallo"},
	{"role", TS_ENUM, TS_F_REQUIRED, L("الدور", "Role", "Rôle"), 0, 0, 0, 0, team_role, NULL, "member"},
	F_PDATE("since", 0, L("منذ", "Since", "Depuis")),
	F_LEVEL_AS("members"),
};
static const ts_entity team_member = {
	"team_member", "team-members", "TeamMember", L("أعضاء الفرق", "Team members", "Membres des équipes"),
	TS_E_AUTO_ID, team_member_fields, N(team_member_fields), NULL, 0, "account",
};

/* Referenced entities first: the order of table creation and of default data loading. Teams
 * come last: the default data has none, and only the team field of restricted records refers
 * to them. */
static const ts_entity *const all[] = {
	&state, &organisation, &ts_entity_decision_rule, &organ, &person, &office, &office_term,
	&partnership, &partnership_event, &contact_group, &contact_group_member, &team, &team_member,
	&ts_entity_resolution_category, &ts_entity_meeting, &ts_entity_resolution, &ts_entity_agenda_item,
	&ts_entity_attendance, &ts_entity_paragraph, &ts_entity_sponsor, &ts_entity_vote, &ts_entity_ballot,
	&ts_entity_result, &ts_entity_mandate, &ts_entity_report,
	&ts_entity_country, &ts_entity_conflict, &ts_entity_conflict_year, &ts_entity_event_import, &ts_entity_event,
	&ts_entity_alert_rule, &ts_entity_alert,
	&ts_entity_expertise, &ts_entity_code_of_conduct, &ts_entity_mediator, &ts_entity_interest, &ts_entity_field_mission,
	&ts_entity_training, &ts_entity_trainee, &ts_entity_match_weight, &ts_entity_process, &ts_entity_assignment,
	&ts_entity_stage, &ts_entity_journal, &ts_entity_agreement, &ts_entity_provision,
	&ts_entity_document,
};
static const ts_schema schema = {all, N(all)};

const ts_schema *ts_schema_all(void) { return &schema; }
