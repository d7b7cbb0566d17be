/* The descriptions of the mediation module's entities (mediation.h) and their guards. All came
 * with migration 9. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tansiq/access.h"
#include "tansiq/auth.h"
#include "tansiq/clock.h"
#include "tansiq/conflicts.h"
#include "tansiq/records.h"
#include "mediation_int.h"
#include "../registry/fields.h"

_Thread_local int med_acting;

/* ---- vocabularies ---- */

const ts_enum_value ts_process_stages[] = {
	{"exploration", L("الاستكشاف", "exploration", "exploration")},
	{"pre_negotiation", L("ما قبل التفاوض", "pre-negotiation", "prénégociation")},
	{"ceasefire", L("وقف إطلاق النار", "ceasefire", "cessez-le-feu")},
	{"framework", L("الاتفاق الإطاري", "framework agreement", "accord-cadre")},
	{"comprehensive", L("الاتفاق الشامل", "comprehensive agreement", "accord global")},
	{"implementation", L("التنفيذ", "implementation", "mise en œuvre")},
	{"closed", L("مغلقة", "closed", "clos")},
	{NULL, L(NULL, NULL, NULL)},
};

const ts_enum_value ts_language_levels[] = {
	{"native", L("اللغة الأم", "native", "langue maternelle")},
	{"fluent", L("بطلاقة", "fluent", "courant")},
	{"working", L("لغة عمل", "working", "de travail")},
	{"basic", L("أساسي", "basic", "notions")},
	{NULL, L(NULL, NULL, NULL)},
};

const ts_enum_value ts_match_criteria[] = {
	{"languages", L("لغات الأطراف", "languages of the parties", "langues des parties")},
	{"region", L("الخبرة في المنطقة", "experience in the region", "expérience de la région")},
	{"country", L("الخبرة في البلد", "experience in the country", "expérience du pays")},
	{"expertise", L("الخبرة المطلوبة", "expertise the process needs", "expertise requise")},
	{"certificates", L("الشهادات", "certificates", "certificats")},
	{"seniority", L("الأقدمية", "seniority", "ancienneté")},
	{"load", L("العبء الحالي", "current load", "charge actuelle")},
	{NULL, L(NULL, NULL, NULL)},
};

/* ---- expertise, weights, the code of conduct, field missions ---- */

static const ts_field expertise_fields[] = {
	F_ID_CODE("ceasefire-security"),
	F_NAMES(TS_F_REQUIRED, "Ceasefire and security arrangements"),
	F_NOTES,
	F_LEVEL,
};
const ts_entity ts_entity_expertise = {
	"expertise", "expertise-areas", "ExpertiseArea", L("مجالات الخبرة", "Areas of expertise", "Domaines d'expertise"), 0,
	expertise_fields, N(expertise_fields), NULL, 0, "name_en",
};

static int weight_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field weight_fields[] = {
	F_ID_CODE("languages"),
	{"weight", TS_REAL, TS_F_REQUIRED, L("الوزن", "Weight", "Poids"), 0, 0, 100, 0, NULL, NULL, "3"},
	F_NOTES,
	F_LEVEL,
};
const ts_entity ts_entity_match_weight = {
	"match_weight", "match-weights", "MatchWeight", L("أوزان المطابقة", "Matching weights", "Poids de l'appariement"), 0,
	weight_fields, N(weight_fields), NULL, 0, "id", 0, NULL, weight_guard,
};

static const ts_enum_value code_status[] = {
	{"pending", L("لم يُعدّ بعد", "pending: not yet prepared", "en attente : pas encore préparé")},
	{"draft", L("مسودة", "draft", "projet")},
	{"adopted", L("معتمد", "adopted", "adopté")},
	{"superseded", L("حلّ محله إصدار أحدث", "superseded by a later version", "remplacé par une version ultérieure")},
	{NULL, L(NULL, NULL, NULL)},
};
static int code_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field code_fields[] = {
	F_ID_CODE("code-of-conduct-1"),
	F_INT("version", TS_F_REQUIRED | TS_F_UNIQUE, L("الإصدار", "Version", "Version"), 1, 999, "1"),
	F_TITLES(TS_F_REQUIRED),
	F_ENUM("status", 0, L("الحالة", "Status", "Statut"), code_status, "pending"),
	F_PDATE("adopted_on", 0, L("تاريخ الاعتماد", "Adopted on", "Adopté le")),
	F_REF("organ", 0, "organ", L("الجهاز الذي اعتمده", "Adopted by", "Adopté par")),
	F_REF("mandate", 0, "mandate", L("التكليف", "Mandate", "Mandat")),
	F_LONG3("text", "النص", "Text", "Texte"),
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
};
static const ts_rule code_rules[] = {
	{TS_RULE_REQUIRED_IF, "adopted_on", "status", "adopted"},
	{TS_RULE_REQUIRED_IF, "text_en", "status", "adopted"},
};
const ts_entity ts_entity_code_of_conduct = {
	"code_of_conduct", "codes-of-conduct", "CodeOfConduct",
	L("مدونة قواعد سلوك الوسطاء", "Code of conduct for mediators", "Code de conduite des médiateurs"), 0,
	code_fields, N(code_fields), code_rules, N(code_rules), "version", 0, NULL, code_guard,
};

static const ts_enum_value mission_status[] = {
	{"active", L("قائمة", "active", "active")},
	{"closed", L("أُغلقت", "closed", "fermée")},
	{"unknown", L("غير معروفة", "not known", "inconnue")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field mission_fields[] = {
	F_ID_CODE("field-mission-somalia"),
	F_NAMES(TS_F_REQUIRED, "OIC field mission in Somalia"),
	F_REF("country", TS_F_REQUIRED, "country", L("البلد", "Country", "Pays")),
	F_TEXT("area", 0, L("المنطقة", "Area", "Zone"), 200, "southern Thailand"),
	F_ENUM("status", 0, L("الحالة", "Status", "Statut"), mission_status, "unknown"),
	F_TEXT("functions", 0, L("المهام", "Functions", "Fonctions"), 400, "early warning"),
	F_REF("organ", 0, "organ", L("الجهاز", "Organ", "Organe")),
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
};
const ts_entity ts_entity_field_mission = {
	"field_mission", "field-missions", "FieldMission", L("البعثات الميدانية", "Field missions", "Missions de terrain"), 0,
	mission_fields, N(mission_fields), NULL, 0, "name_en",
};

/* ---- the network ---- */

static const ts_enum_value mediator_kind[] = {
	{"mediator", L("وسيط", "mediator", "médiateur")},
	{"special_envoy", L("مبعوث خاص", "special envoy", "envoyé spécial")},
	{"expert", L("خبير", "expert", "expert")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value nominator_kind[] = {
	{"state", L("دولة عضو", "a member state", "un État membre")},
	{"secretary_general", L("الأمين العام", "the Secretary-General", "le Secrétaire général")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value mediator_status[] = {
	{"nominated", L("مرشح بانتظار القرار", "nominated, awaiting decision", "proposé, en attente de décision")},
	{"approved", L("معتمد في الشبكة", "approved", "approuvé")},
	{"declined", L("رُفض الترشيح", "declined", "refusé")},
	{"withdrawn", L("سُحب", "withdrawn", "retiré")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value availability_values[] = {
	{"available", L("متاح", "available", "disponible")},
	{"limited", L("متاح جزئياً", "partly available", "partiellement disponible")},
	{"unavailable", L("غير متاح", "unavailable", "indisponible")},
	{NULL, L(NULL, NULL, NULL)},
};
#define F_STAMP(name, lab) {name, TS_TEXT, TS_F_DERIVED, lab, 40, 0, 0, 0, NULL, NULL, NULL}
static int mediator_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field mediator_fields[] = {
	F_ID_AUTO,
	F_NAMES(TS_F_REQUIRED, "Amina Diallo"),
	F_ENUM("kind", 0, L("الصفة", "Kind", "Qualité"), mediator_kind, "mediator"),
	F_REF("person", 0, "person", L("في سجل الأشخاص", "In the register of people", "Au registre des personnes")),
	{"account", TS_TEXT, TS_F_ACCOUNT | TS_F_UNIQUE, L("حسابه في تنسيق", "Their Tansiq account", "Son compte Tansiq"), 63,
	 0, 0, TS_P_USERNAME, NULL, NULL, "amina.diallo"},
	F_ENUM("nominated_by", 0, L("رشحته", "Nominated by", "Proposé par"), nominator_kind, "state"),
	F_REF("nominating_state", 0, "state", L("الدولة المرشحة", "Nominating state", "État qui propose")),
	F_PDATE("nominated_on", 0, L("تاريخ الترشيح", "Nominated on", "Proposé le")),
	{"status", TS_ENUM, TS_F_DERIVED, L("الحالة", "Status", "Statut"), 0, 0, 0, 0, mediator_status, NULL, NULL, "nominated"},
	F_STAMP("decided_at", L("وقت القرار", "Decided at", "Décidé le")),
	F_STAMP("decided_by", L("قرره", "Decided by", "Décidé par")),
	{"decision_reason", TS_TEXT, TS_F_DERIVED, L("أسباب القرار", "Reasons of the decision", "Motifs de la décision"), 2000,
	 0, 0, 0, NULL, NULL, NULL},
	F_REF("nationality", TS_F_REQUIRED, "country", L("الجنسية", "Nationality", "Nationalité")),
	F_TEXT("languages", 0, L("اللغات ومستواها", "Languages and level", "Langues et niveau"), 200, "ar:native en:fluent fr:working"),
	F_TEXT("expertise", 0, L("مجالات الخبرة", "Expertise", "Expertise"), 400, "process-design ceasefire-security"),
	F_TEXT("regions", 0, L("مناطق الخبرة", "Regions of experience", "Régions d'expérience"), 200, "africa middle_east"),
	F_TEXT("countries", 0, L("بلدان الخبرة", "Countries of experience", "Pays d'expérience"), 400, "SDN SOM"),
	F_INT("experience_years", 0, L("سنوات الخبرة", "Years of experience", "Années d'expérience"), 0, 70, "15"),
	F_ENUM("availability", 0, L("التوفر", "Availability", "Disponibilité"), availability_values, "available"),
	F_INT("max_load", 0, L("أقصى عدد من العمليات في آن", "Most processes at once", "Processus simultanés au plus"), 1, 10, "2"),
	{"code_signed", TS_REF, TS_F_DERIVED, L("مدونة السلوك الموقعة", "Code of conduct signed", "Code de conduite signé"), 0, 0,
	 0, 0, NULL, "code_of_conduct", NULL},
	F_STAMP("code_signed_at", L("تاريخ التوقيع", "Signed at", "Signé le")),
	F_LONG3("biography", "السيرة", "Biography", "Biographie"),
	F_LEVEL_AS("members"),
};
static const ts_rule mediator_rules[] = {
	{TS_RULE_REQUIRED_IF, "nominating_state", "nominated_by", "state"},
};
const ts_entity ts_entity_mediator = {
	"mediator", "mediators", "Mediator",
	L("شبكة الوسطاء والمبعوثين والخبراء", "Network of mediators, envoys and experts",
	  "Réseau de médiateurs, d'envoyés et d'experts"), TS_E_AUTO_ID,
	mediator_fields, N(mediator_fields), mediator_rules, N(mediator_rules), "name_en",
	TS_ROLE_DELEGATE | TS_ROLE_MEDIATOR | TS_ROLE_SECRETARIAT, "nominating_state", mediator_guard,
};

static const ts_enum_value interest_kind[] = {
	{"party", L("صلة بطرف", "a tie to a party", "un lien avec une partie")},
	{"state", L("صلة بدولة", "a tie to a state", "un lien avec un État")},
	{"company", L("صلة بشركة", "a tie to a company", "un lien avec une entreprise")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static int interest_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field interest_fields[] = {
	F_ID_AUTO,
	F_REF("mediator", TS_F_REQUIRED, "mediator", L("العضو", "Member of the network", "Membre du réseau")),
	F_ENUM("kind", TS_F_REQUIRED, L("النوع", "Kind", "Type"), interest_kind, NULL),
	F_REF("country", 0, "country", L("الدولة", "State", "État")),
	F_TEXT("party", TS_F_SEARCH, L("الطرف أو الشركة", "Party or company", "Partie ou entreprise"), 300, "Rapid Support Forces"),
	F_TEXT("description", TS_F_REQUIRED | TS_F_TITLE, L("الوصف", "Description", "Description"), 1000,
	       "Adviser to the party's delegation, 2019-2020"),
	F_PDATE("declared_on", 0, L("تاريخ الإعلان", "Declared on", "Déclaré le")),
	F_LEVEL_AS("members"),
};
static const ts_rule interest_rules[] = {
	{TS_RULE_REQUIRED_IF, "country", "kind", "state"},
	{TS_RULE_REQUIRED_IF, "party", "kind", "party"},
	{TS_RULE_REQUIRED_IF, "party", "kind", "company"},
};
const ts_entity ts_entity_interest = {
	"interest", "interests", "Interest", L("المصالح المعلنة", "Declared interests", "Intérêts déclarés"), TS_E_AUTO_ID,
	interest_fields, N(interest_fields), interest_rules, N(interest_rules), "declared_on",
	TS_ROLE_MEDIATOR | TS_ROLE_SECRETARIAT, NULL, interest_guard,
};

/* ---- training ---- */

static const ts_enum_value training_kind[] = {
	{"course", L("دورة", "course", "cours")},
	{"simulation", L("تمرين محاكاة", "simulation exercise", "exercice de simulation")},
	{"certificate_programme", L("برنامج شهادة", "certificate programme", "programme de certificat")},
	{"workshop", L("ورشة عمل", "workshop", "atelier")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field training_fields[] = {
	F_ID_CODE("mediation-simulation-2018"),
	F_TITLES(TS_F_REQUIRED),
	F_ENUM("kind", TS_F_REQUIRED, L("النوع", "Kind", "Type"), training_kind, NULL),
	F_PDATE("start", 0, L("البداية", "Start", "Début")),
	F_PDATE("end", 0, L("النهاية", "End", "Fin")),
	F_TEXT("place", TS_F_SEARCH, L("المكان", "Place", "Lieu"), 120, "Istanbul"),
	F_TEXT("organisers", 0, L("المنظمون", "Organisers", "Organisateurs"), 300, "Türkiye, OIC General Secretariat"),
	F_TEXT("partners", 0, L("المنظمات الشريكة (معرفات)", "Partner organisations (ids)", "Organisations partenaires (identifiants)"),
	       200, "un osce"),
	F_REF("meeting", 0, "meeting", L("على هامش", "Alongside", "En marge de")),
	F_INT("participants", 0, L("عدد المشاركين", "Participants", "Participants"), 0, 100000, "30"),
	F_INT("states", 0, L("عدد الدول", "States represented", "États représentés"), 0, 57, "17"),
	F_LONG3("results", "النتائج", "Results", "Résultats"),
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
};
static const ts_rule training_rules[] = {
	{TS_RULE_NOT_BEFORE, "end", "start", NULL},
};
static int training_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_training = {
	"training", "trainings", "Training", L("التدريب على الوساطة", "Mediation training", "Formation à la médiation"), 0,
	training_fields, N(training_fields), training_rules, N(training_rules), "start", 0, NULL, training_guard,
};

static const ts_enum_value trainee_result[] = {
	{"attended", L("حضر", "attended", "a participé")},
	{"completed", L("أتم", "completed", "a terminé")},
	{"certified", L("نال الشهادة", "certified", "certifié")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field trainee_fields[] = {
	F_ID_AUTO,
	F_REF("training", TS_F_REQUIRED, "training", L("التدريب", "Training", "Formation")),
	F_REF("mediator", 0, "mediator", L("عضو الشبكة", "Member of the network", "Membre du réseau")),
	F_TEXT("name", TS_F_SEARCH | TS_F_TITLE, L("الاسم (لغير أعضاء الشبكة)", "Name (when not in the network)",
						 "Nom (hors du réseau)"), 200, NULL),
	F_REF("state", 0, "state", L("الدولة", "State", "État")),
	F_ENUM("result", 0, L("النتيجة", "Result", "Résultat"), trainee_result, "attended"),
	F_TEXT("certificate", 0, L("الشهادة", "Certificate", "Certificat"), 200, "Mediation for Peace"),
	F_PDATE("on", 0, L("التاريخ", "Date", "Date")),
	F_LEVEL_AS("members"),
};
static const ts_rule trainee_rules[] = {
	{TS_RULE_ONE_OF, "mediator", "name", NULL},
	{TS_RULE_REQUIRED_IF, "certificate", "result", "certified"},
	{TS_RULE_UNIQUE_WITH, "mediator", "training", NULL},
};
const ts_entity ts_entity_trainee = {
	"trainee", "training-participants", "TrainingParticipant",
	L("المشاركون في التدريب", "Training participants", "Participants aux formations"), TS_E_AUTO_ID,
	trainee_fields, N(trainee_fields), trainee_rules, N(trainee_rules), "on",
};

/* ---- processes ---- */

static const ts_enum_value authority_kind[] = {
	{"resolution_paragraph", L("فقرة من قرار", "a resolution paragraph", "un paragraphe de résolution")},
	{"secretary_general", L("قرار من الأمين العام", "a decision of the Secretary-General", "une décision du Secrétaire général")},
	{NULL, L(NULL, NULL, NULL)},
};
/* The team and (for the process, its team) derived fields of every record under a process. */
#define F_TEAM_DERIVED {"team", TS_REF, TS_F_DERIVED, L("الفريق", "Team", "Équipe"), 0, 0, 0, 0, NULL, "team", NULL}
static int process_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field process_fields[] = {
	F_ID_AUTO,
	F_TITLES(TS_F_REQUIRED),
	F_REF("country", TS_F_REQUIRED, "country", L("البلد", "Country", "Pays")),
	F_REF("conflict", 0, "conflict", L("النزاع", "Conflict", "Conflit")),
	F_ENUM("authority", 0, L("سند الولاية", "Authorised by", "Autorisé par"), authority_kind, "resolution_paragraph"),
	F_REF("paragraph", 0, "paragraph", L("فقرة القرار", "Resolution paragraph", "Paragraphe de résolution")),
	F_REF("mandate", 0, "mandate", L("التكليف", "Mandate", "Mandat")),
	F_TEXT("sg_decision", 0, L("قرار الأمين العام", "Decision of the Secretary-General", "Décision du Secrétaire général"), 300,
	       "Letter of the Secretary-General, 2024-03-02"),
	F_TEXT("party_states", 0, L("الدول الأطراف (رموز ISO)", "States party (ISO alpha-3 codes)", "États parties (codes ISO alpha-3)"),
	       400, "SDN"),
	F_TEXT("parties", TS_F_SEARCH, L("الأطراف (مفصولة بفاصلة منقوطة)", "Parties (separated by semicolons)",
					 "Parties (séparées par des points-virgules)"), 2000, "Sudanese Armed Forces; Rapid Support Forces"),
	F_TEXT("languages", 0, L("لغات الأطراف", "Languages of the parties", "Langues des parties"), 100, "ar en"),
	F_TEXT("expertise", 0, L("الخبرة المطلوبة", "Expertise needed", "Expertise requise"), 400, "ceasefire-security"),
	F_TEXT("partners", 0, L("المنظمات الشريكة (معرفات)", "Partner organisations (ids)", "Organisations partenaires (identifiants)"),
	       200, "un au las"),
	{"stage", TS_ENUM, TS_F_DERIVED, L("المرحلة", "Stage", "Étape"), 0, 0, 0, 0, ts_process_stages, NULL, NULL, "exploration"},
	{"stage_on", TS_PDATE, TS_F_DERIVED, L("منذ", "Stage since", "Étape depuis"), 0, 0, 0, 0, NULL, NULL, NULL},
	F_PDATE("opened_on", 0, L("تاريخ الفتح", "Opened on", "Ouvert le")),
	{"lead", TS_REF, TS_F_DERIVED, L("رئيس الفريق", "Lead", "Chef d'équipe"), 0, 0, 0, 0, NULL, "mediator", NULL},
	F_LONG3("summary", "الملخص", "Summary", "Résumé"),
	F_SOURCE,
	F_NOTES,
	F_LEVEL_AS("members"),
	F_TEAM_DERIVED,
};
static const ts_rule process_rules[] = {
	{TS_RULE_REQUIRED_IF, "paragraph", "authority", "resolution_paragraph"},
	{TS_RULE_REQUIRED_IF, "sg_decision", "authority", "secretary_general"},
};
const ts_entity ts_entity_process = {
	"process", "processes", "MediationProcess", L("عمليات الوساطة", "Mediation processes", "Processus de médiation"),
	TS_E_AUTO_ID, process_fields, N(process_fields), process_rules, N(process_rules), "opened_on", 0, NULL, process_guard,
};

static const ts_enum_value assignment_role[] = {
	{"lead", L("رئيس الفريق", "lead mediator", "médiateur principal")},
	{"member", L("عضو", "member", "membre")},
	{"envoy", L("مبعوث", "envoy", "envoyé")},
	{"expert", L("خبير", "expert", "expert")},
	{NULL, L(NULL, NULL, NULL)},
};
static int assignment_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field assignment_fields[] = {
	F_ID_AUTO,
	F_REF("process", TS_F_REQUIRED, "process", L("العملية", "Process", "Processus")),
	F_REF("mediator", TS_F_REQUIRED, "mediator", L("عضو الشبكة", "Member of the network", "Membre du réseau")),
	F_ENUM("role", 0, L("الدور", "Role", "Rôle"), assignment_role, "member"),
	F_PDATE("since", 0, L("منذ", "Since", "Depuis")),
	F_PDATE("until", 0, L("حتى", "Until", "Jusqu'au")),
	F_NOTES,
	F_LEVEL_AS("members"),
	F_TEAM_DERIVED,
};
static const ts_rule assignment_rules[] = {
	{TS_RULE_NOT_BEFORE, "until", "since", NULL},
	{TS_RULE_UNIQUE_WITH, "mediator", "process", NULL},
};
const ts_entity ts_entity_assignment = {
	"assignment", "process-team", "ProcessTeamMember", L("فرق الوساطة", "Mediation teams", "Équipes de médiation"),
	TS_E_AUTO_ID, assignment_fields, N(assignment_fields), assignment_rules, N(assignment_rules), "since", 0, NULL,
	assignment_guard,
};

static int stage_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field stage_fields[] = {
	F_ID_AUTO,
	F_REF("process", TS_F_REQUIRED, "process", L("العملية", "Process", "Processus")),
	F_ENUM("stage", TS_F_REQUIRED, L("المرحلة", "Stage", "Étape"), ts_process_stages, NULL),
	F_ENUM("from_stage", 0, L("من مرحلة", "From stage", "Depuis l'étape"), ts_process_stages, NULL),
	F_PDATE("on", TS_F_REQUIRED, L("التاريخ", "Date", "Date")),
	F_TEXT("reason", TS_F_LONG, L("السبب", "Reason", "Motif"), 2000, NULL),
	F_STAMP("recorded_at", L("وقت التسجيل", "Recorded at", "Enregistré le")),
	F_STAMP("recorded_by", L("سجله", "Recorded by", "Enregistré par")),
	F_LEVEL_AS("members"),
	F_TEAM_DERIVED,
};
const ts_entity ts_entity_stage = {
	"stage", "process-stages", "ProcessStage", L("مراحل عمليات الوساطة", "Stages of mediation processes",
						     "Étapes des processus de médiation"),
	TS_E_AUTO_ID | TS_E_ACTIONS | TS_E_APPEND_ONLY, stage_fields, N(stage_fields), NULL, 0, "on", 0, NULL, stage_guard,
	.operations = {"POST /api/v1/processes/{id}/stage moves a process on", "'tansiq process stage PROCESS STAGE'"},
};

static const ts_enum_value journal_kind[] = {
	{"note", L("ملاحظة", "note", "note")},
	{"contact", L("اتصال بطرف", "contact with a party", "contact avec une partie")},
	{"meeting", L("اجتماع", "meeting", "réunion")},
	{"assessment", L("تقييم", "assessment", "évaluation")},
	{"risk", L("خطر", "risk", "risque")},
	{NULL, L(NULL, NULL, NULL)},
};
static int journal_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field journal_fields[] = {
	F_ID_AUTO,
	F_REF("process", TS_F_REQUIRED, "process", L("العملية", "Process", "Processus")),
	F_ENUM("kind", 0, L("النوع", "Kind", "Type"), journal_kind, "note"),
	F_TEXT("text", TS_F_REQUIRED | TS_F_LONG, L("النص", "Text", "Texte"), 20000, NULL),
	F_STAMP("at", L("الوقت", "Written at", "Écrit le")),
	F_STAMP("author", L("الكاتب", "Author", "Auteur")),
	/* always restricted to the process's team (and the secretariat's leadership, administrators) */
	{"level", TS_ENUM, TS_F_DERIVED, L("مستوى السرية", "Confidentiality", "Confidentialité"), 0, 0, 0, 0, ts_level_values,
	 NULL, "restricted", "restricted"},
	F_TEAM_DERIVED,
};
const ts_entity ts_entity_journal = {
	"journal_entry", "journal-entries", "JournalEntry", L("سجل العملية", "Process journal", "Journal du processus"),
	TS_E_AUTO_ID | TS_E_APPEND_ONLY, journal_fields, N(journal_fields), NULL, 0, "at",
	TS_ROLE_MEDIATOR | TS_ROLE_SECRETARIAT, NULL, journal_guard,
};

static const ts_enum_value agreement_kind[] = {
	{"ceasefire", L("وقف إطلاق النار", "ceasefire", "cessez-le-feu")},
	{"pre_negotiation", L("ما قبل التفاوض", "pre-negotiation", "prénégociation")},
	{"framework", L("إطاري", "framework", "accord-cadre")},
	{"comprehensive", L("شامل", "comprehensive", "global")},
	{"implementation", L("تنفيذي", "implementation", "mise en œuvre")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static int agreement_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field agreement_fields[] = {
	F_ID_AUTO,
	F_REF("process", TS_F_REQUIRED, "process", L("العملية", "Process", "Processus")),
	F_TITLES(TS_F_REQUIRED),
	F_ENUM("kind", TS_F_REQUIRED, L("النوع", "Kind", "Type"), agreement_kind, NULL),
	F_PDATE("signed_on", TS_F_REQUIRED, L("تاريخ التوقيع", "Signed on", "Signé le")),
	F_TEXT("place", 0, L("المكان", "Place", "Lieu"), 120, "Jeddah"),
	F_TEXT("parties", TS_F_SEARCH, L("الموقعون", "Signatories", "Signataires"), 2000, "Sudanese Armed Forces; Rapid Support Forces"),
	F_LONG3("summary", "الملخص", "Summary", "Résumé"),
	F_SOURCE,
	F_NOTES,
	F_LEVEL_AS("members"),
	F_TEAM_DERIVED,
};
const ts_entity ts_entity_agreement = {
	"agreement", "agreements", "Agreement", L("الاتفاقات", "Agreements", "Accords"), TS_E_AUTO_ID,
	agreement_fields, N(agreement_fields), NULL, 0, "signed_on", TS_ROLE_MEDIATOR | TS_ROLE_SECRETARIAT, NULL,
	agreement_guard,
};

static const ts_enum_value provision_category[] = {
	{"ceasefire", L("وقف إطلاق النار", "ceasefire", "cessez-le-feu")},
	{"power_sharing", L("تقاسم السلطة", "power sharing", "partage du pouvoir")},
	{"security", L("الترتيبات الأمنية", "security arrangements", "arrangements de sécurité")},
	{"justice", L("العدالة", "justice", "justice")},
	{"humanitarian", L("الشؤون الإنسانية", "humanitarian", "humanitaire")},
	{"resources", L("الموارد", "resources", "ressources")},
	{"monitoring", L("الرقابة والتحقق", "monitoring and verification", "suivi et vérification")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value provision_status[] = {
	{"not_started", L("لم يبدأ", "not started", "pas commencé")},
	{"in_progress", L("قيد التنفيذ", "in progress", "en cours")},
	{"implemented", L("نُفذ", "implemented", "mis en œuvre")},
	{"partial", L("نُفذ جزئياً", "partly implemented", "partiellement mis en œuvre")},
	{"stalled", L("متعثر", "stalled", "bloqué")},
	{NULL, L(NULL, NULL, NULL)},
};
static int provision_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
static const ts_field provision_fields[] = {
	F_ID_AUTO,
	F_REF("agreement", TS_F_REQUIRED, "agreement", L("الاتفاق", "Agreement", "Accord")),
	F_TEXT("number", 0, L("الرقم", "Number", "Numéro"), 20, "3.1"),
	F_ENUM("category", TS_F_REQUIRED, L("الفئة", "Category", "Catégorie"), provision_category, NULL),
	{"text_ar", TS_TEXT, TS_F_LONG | TS_F_SEARCH, L("النص بالعربية", "Text in Arabic", "Texte en arabe"), 0, 0, 0, 0, NULL, NULL, NULL},
	{"text_en", TS_TEXT, TS_F_LONG | TS_F_SEARCH | TS_F_REQUIRED, L("النص بالإنجليزية", "Text in English", "Texte en anglais"), 0, 0, 0,
	 0, NULL, NULL, "The parties agree to a cessation of hostilities."},
	{"text_fr", TS_TEXT, TS_F_LONG | TS_F_SEARCH, L("النص بالفرنسية", "Text in French", "Texte en français"), 0, 0, 0, 0, NULL, NULL, NULL},
	F_ENUM("status", 0, L("حالة التنفيذ", "Implementation", "Mise en œuvre"), provision_status, "not_started"),
	F_PDATE("status_on", 0, L("الحالة في", "Status as of", "État au")),
	F_NOTES,
	F_LEVEL_AS("members"),
	F_TEAM_DERIVED,
};
static const ts_rule provision_rules[] = {
	{TS_RULE_UNIQUE_WITH, "number", "agreement", NULL},
};
const ts_entity ts_entity_provision = {
	"provision", "provisions", "Provision", L("أحكام الاتفاقات", "Provisions of agreements", "Dispositions des accords"),
	TS_E_AUTO_ID, provision_fields, N(provision_fields), provision_rules, N(provision_rules), "number",
	TS_ROLE_MEDIATOR | TS_ROLE_SECRETARIAT, NULL, provision_guard,
};

/* ==== the module's helpers ==== */

static time_t fixed_now;

void ts_mediation_set_clock(time_t t) { fixed_now = t; }
static time_t now(void) { return fixed_now ? fixed_now : time(NULL); }
void med_stamp(char out[32]) { ts_utc(now(), 0, out, 32); }
void med_today(char out[32]) { ts_utc(now(), 1, out, 32); }

const char *med_str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

const char *med_actor(ts_store *st)
{
	const ts_viewer *v = ts_store_viewer(st);

	return v && v->username[0] ? v->username : "tansiq";
}

int med_only_mediator(ts_store *st)
{
	const ts_viewer *v = ts_store_viewer(st);

	return v && (v->roles & TS_ROLE_MEDIATOR) &&
	       !(v->roles & (TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN | TS_ROLE_DELEGATE));
}

int med_get_any(ts_store *st, const ts_entity *e, const char *id, json_t **out, ts_error *err)
{
	ts_value p = {TS_V_TEXT, 0, id, 0};
	json_t *all = NULL;

	*out = NULL;
	if (!id || ts_records_where(st, e, "\"id\" = ?", &p, 1, 0, &all, err))
		return id ? -1 : ts_fail(err, TS_NOT_FOUND, e->name, "no %s given", e->name);
	if (!json_array_size(all)) {
		json_decref(all);
		return ts_fail(err, TS_NOT_FOUND, e->name, "there is no %s '%.60s'", e->name, id);
	}
	*out = json_incref(json_array_get(all, 0));
	json_decref(all);
	return 0;
}

int med_update(ts_store *st, const ts_entity *e, const char *id, json_t *patch, json_t **out, ts_error *err)
{
	int rc;

	med_acting = 1;
	rc = ts_record_update(st, e, id, patch, out, err);
	med_acting = 0;
	json_decref(patch);
	return rc;
}

int med_create(ts_store *st, const ts_entity *e, const json_t *input, json_t **out, ts_error *err)
{
	int rc;

	med_acting = 1;
	rc = ts_record_create(st, e, input, out, err);
	med_acting = 0;
	return rc;
}

/* ==== guards ==== */

/* Outside the module's actions, the derived fields named keep what the record said before (or
 * take the field's default, else null, on creation). */
static void keep_derived(const ts_entity *e, json_t *rec, const json_t *before)
{
	if (med_acting)
		return;
	for (int i = 0; i < e->nfields; i++) {
		const ts_field *f = &e->fields[i];
		json_t *was;
		if (!(f->flags & TS_F_DERIVED) || !strcmp(f->name, "team"))
			continue;
		was = before ? json_object_get(before, f->name) : NULL;
		if (was)
			json_object_set(rec, f->name, was);
		else if (f->def)
			json_object_set_new(rec, f->name, ts_field_parse(f, f->def, NULL));
		else
			json_object_set(rec, f->name, json_null());
	}
}

struct list_check {
	ts_store *st;
	ts_error *err;
	const char *field;
};

/* A list item is the id of a record of the entity that the field's list names. */
static int known_id(struct list_check *c, const ts_entity *e, const char *id, const char *example)
{
	return ts_record_id_known(c->st, e, id, c->field, example, c->err);
}

static int country_item(void *ctx, const char *item, size_t len)
{
	(void)len;
	return known_id(ctx, &ts_entity_country, item, "SDN SOM");
}

static int expertise_item(void *ctx, const char *item, size_t len)
{
	(void)len;
	return known_id(ctx, &ts_entity_expertise, item, "process-design ceasefire-security");
}

static const ts_entity *organisation_entity(ts_store *st)
{
	return ts_schema_entity(ts_store_schema(st), "organisation");
}

static int partner_item(void *ctx, const char *item, size_t len)
{
	struct list_check *c = ctx;
	(void)len;
	return known_id(c, organisation_entity(c->st), item, "un au las osce");
}

static int region_item(void *ctx, const char *item, size_t len)
{
	struct list_check *c = ctx;
	const ts_field *f = ts_entity_field(&ts_entity_country, "region");

	(void)len;
	if (ts_enum_index(f->values, item) >= 0)
		return 0;
	return ts_fail(c->err, TS_INVALID_VALUE, c->field, "'%.40s' is not a region; write africa, americas, asia, europe or "
		       "middle_east, separated by spaces", item);
}

/* "ar:native" (a two-letter language code, then a level) or "ar" (level working). */
static int language_item(void *ctx, const char *item, size_t len)
{
	struct list_check *c = ctx;
	const char *colon = strchr(item, ':');
	size_t code = colon ? (size_t)(colon - item) : len;

	if (code == 2 && item[0] >= 'a' && item[0] <= 'z' && item[1] >= 'a' && item[1] <= 'z' &&
	    (!colon || ts_enum_index(ts_language_levels, colon + 1) >= 0))
		return 0;
	return ts_fail(c->err, TS_INVALID_VALUE, c->field, "'%.40s' is not a language and its level; write two-letter codes "
		       "with a level (native, fluent, working or basic), such as 'ar:native en:fluent fr:working'", item);
}

/* A process's languages are the parties': two-letter codes, without a level. */
static int language_code_item(void *ctx, const char *item, size_t len)
{
	struct list_check *c = ctx;

	if (len == 2 && item[0] >= 'a' && item[0] <= 'z' && item[1] >= 'a' && item[1] <= 'z')
		return 0;
	return ts_fail(c->err, TS_INVALID_VALUE, c->field, "'%.40s' is not a language code; write the parties' languages as "
		       "two-letter codes separated by spaces, such as 'ar en'", item);
}

/* No language twice in a member's list ("ar:native ar:basic"). */
static int languages_once(const char *list, ts_error *err)
{
	const char *p = list;

	while (p && *p) {
		p += strspn(p, " ,");
		if (strlen(p) >= 2) {
			const char *q = p + strcspn(p, " ,");
			while (*q) {
				q += strspn(q, " ,");
				if (*q && !strncmp(q, p, 2) && (q[2] == ':' || q[2] == ' ' || q[2] == ',' || !q[2]))
					return ts_fail(err, TS_INVALID_VALUE, "languages", "%.2s is listed twice; give each language "
						       "once, with its level", p);
				q += strcspn(q, " ,");
			}
		}
		p += strcspn(p, " ,");
	}
	return 0;
}

/* The accounts of a team leave it (its process is deleted). */
static int remove_team_members(ts_store *st, const char *team, ts_error *err)
{
	const ts_entity *tm = ts_schema_entity(ts_store_schema(st), "team_member");
	ts_value q = {TS_V_TEXT, 0, team, 0};
	json_t *rows = NULL, *r;
	size_t i;
	int rc = 0;

	if (!team)
		return 0;
	if (ts_records_where(st, tm, "\"team\" = ?", &q, 1, 0, &rows, err))
		return -1;
	json_array_foreach(rows, i, r)
		if ((rc = ts_record_delete(st, tm, med_str(r, "id"), err)))
			break;
	json_decref(rows);
	return rc;
}

/* Checks a list field of rec with fn for each item. */
static int check_list(ts_store *st, const json_t *rec, const char *field, ts_item_fn fn, ts_error *err)
{
	struct list_check c = {st, err, field};

	return ts_list_each(med_str(rec, field), fn, &c);
}

static int weight_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	char known[200] = "";

	(void)st;
	(void)before;
	if (!rec || ts_enum_index(ts_match_criteria, med_str(rec, "id")) >= 0)
		return 0;
	for (int i = 0; ts_match_criteria[i].value; i++)
		snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s", i ? ", " : "", ts_match_criteria[i].value);
	return ts_fail(err, TS_INVALID_VALUE, "id", "'%.40s' is not a criterion of the matching; the weights are those of %s",
		       med_str(rec, "id"), known);
}

static int version_of(const json_t *r)
{
	return (int)json_integer_value(json_object_get(r, "version"));
}

/* Adopting a version supersedes the adopted versions before it; an older version is not adopted
 * over a newer one. */
static int code_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	json_t *adopted = NULL, *c;
	size_t i;
	int rc = 0;
	ts_value p = {TS_V_TEXT, 0, "adopted", 0};

	if (!rec)
		return strcmp(med_str(before, "status"), "adopted") ? 0
			: ts_fail(err, TS_INVALID_VALUE, "status", "version %d is the code in force: it is kept; adopt a new "
				  "version to supersede it", version_of(before));
	{
		/* the versions are numbered once each (the column is unique: say it before SQLite does) */
		char v[24];
		json_t *same = NULL;
		ts_value q[2] = {{TS_V_TEXT, 0, v, 0}, {TS_V_TEXT, 0, med_str(rec, "id"), 0}};
		size_t n;
		snprintf(v, sizeof(v), "%d", version_of(rec));
		if (ts_records_where(st, &ts_entity_code_of_conduct, "CAST(\"version\" AS TEXT) = ? AND \"id\" <> ?", q, 2, 0,
				     &same, err))
			return -1;
		n = json_array_size(same);
		json_decref(same);
		if (n)
			return ts_fail(err, TS_DUPLICATE, "version", "version %d of the code exists already; number the new "
				       "version after the last", version_of(rec));
	}
	if (strcmp(med_str(rec, "status"), "adopted") || (before && !strcmp(med_str(before, "status"), "adopted")))
		return 0;
	if (ts_records_where(st, &ts_entity_code_of_conduct, "\"status\" = ?", &p, 1, 0, &adopted, err))
		return -1;
	json_array_foreach(adopted, i, c) {
		if (!strcmp(med_str(c, "id"), med_str(rec, "id")))
			continue;
		if (version_of(c) > version_of(rec)) {
			rc = ts_fail(err, TS_INVALID_VALUE, "status", "version %d of the code is adopted already; version %d cannot "
				     "be adopted after it (adopt a new version, numbered above %d)", version_of(c), version_of(rec),
				     version_of(c));
			break;
		}
		json_t *patch = json_pack("{ss}", "status", "superseded");
		rc = ts_record_update(st, &ts_entity_code_of_conduct, med_str(c, "id"), patch, NULL, err);
		json_decref(patch);
		if (rc)
			break;
	}
	json_decref(adopted);
	return rc;
}

/* The record of the network whose account is the viewer's (a mediator keeps their own profile). */
static int own_profile(ts_store *st, const json_t *m, const char *what, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	const char *acc = med_str(m, "account");

	if (acc && !strcmp(acc, v->username))
		return 0;
	return ts_fail(err, TS_FORBIDDEN, "account", "account '%s' keeps only its own profile in the network; %s belongs to "
		       "another member (the secretariat writes the others)", v->username, what);
}

static int sync_team(ts_store *st, const json_t *a, const char *account, int join, ts_error *err);

/* Once a nomination is decided, the account that acts for a member (and reads the journals of
 * their teams) is the secretariat's to change; the teams' accounts follow it. */
static int account_moves(ts_store *st, const json_t *rec, const json_t *before, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	json_t *was = json_object_get(before, "account"), *now = json_object_get(rec, "account"), *places = NULL, *a;
	ts_value q = {TS_V_TEXT, 0, med_str(rec, "id"), 0};
	size_t i;
	int rc = 0;

	if (json_equal(was ? was : json_null(), now ? now : json_null()))
		return 0;
	if (strcmp(med_str(before, "status"), "nominated") && !(v->roles & (TS_ROLE_SECRETARIAT | TS_ROLE_ADMIN)))
		return ts_fail(err, TS_FORBIDDEN, "account", "the account of a member whose nomination is decided is changed by "
			       "the secretariat only");
	if (ts_records_where(st, &ts_entity_assignment, "\"mediator\" = ? AND \"until\" IS NULL", &q, 1, 0, &places, err))
		return -1;
	json_array_foreach(places, i, a) {
		if ((med_str(before, "account") && (rc = sync_team(st, a, med_str(before, "account"), 0, err))) ||
		    (med_str(rec, "account") && (rc = sync_team(st, a, med_str(rec, "account"), 1, err))))
			break;
	}
	json_decref(places);
	return rc;
}

static int mediator_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	static const char *const nomination[] = {"account", "nominated_by", "nominating_state", "nominated_on", "kind",
						 "nationality"};

	if (!rec && med_only_mediator(st))
		return ts_fail(err, TS_FORBIDDEN, NULL, "a member of the network does not delete records of the network; the "
			       "nominating state or the secretariat withdraws a member");
	if (!rec) /* deleting: a nomination is withdrawn, not deleted, once decided */
		return strcmp(med_str(before, "status"), "nominated") && !med_acting
			       ? ts_fail(err, TS_INVALID_VALUE, "status", "%s is %s: a decided nomination is kept; withdraw it "
					 "instead (POST /api/v1/mediators/{id}/withdraw)", med_str(before, "id"),
					 med_str(before, "status"))
			       : 0;
	keep_derived(&ts_entity_mediator, rec, before);
	if (med_only_mediator(st) && !med_acting) {
		if (!before)
			return ts_fail(err, TS_FORBIDDEN, NULL, "a member of the network keeps their profile; nominations come from "
				       "a member state's delegate or the secretariat");
		if (own_profile(st, before, med_str(before, "id"), err))
			return -1;
		for (size_t i = 0; i < sizeof(nomination) / sizeof(nomination[0]); i++) {
			json_t *a = json_object_get(rec, nomination[i]), *b = json_object_get(before, nomination[i]);
			if (!json_equal(a ? a : json_null(), b ? b : json_null()))
				return ts_fail(err, TS_FORBIDDEN, nomination[i], "%s is part of the nomination, which the "
					       "nominating state and the secretariat write; a member changes their profile "
					       "(languages, expertise, experience, availability, biography)", nomination[i]);
		}
	}
	/* the rule of the description sees the input; this sees the default too */
	if (!strcmp(med_str(rec, "nominated_by"), "state") && !med_str(rec, "nominating_state"))
		return ts_fail(err, TS_REQUIRED, "nominating_state", "a nomination by a member state names it: give "
			       "nominating_state (ISO alpha-3, such as SAU), or set nominated_by to secretary_general");
	if (!strcmp(med_str(rec, "nominated_by"), "secretary_general") && med_str(rec, "nominating_state"))
		return ts_fail(err, TS_INVALID_VALUE, "nominating_state", "a nomination by the Secretary-General names no "
			       "nominating state; leave nominating_state empty, or set nominated_by to state");
	if (check_list(st, rec, "languages", language_item, err) || languages_once(med_str(rec, "languages"), err) ||
	    check_list(st, rec, "expertise", expertise_item, err) || check_list(st, rec, "regions", region_item, err) ||
	    check_list(st, rec, "countries", country_item, err))
		return -1;
	return before ? account_moves(st, rec, before, err) : 0;
}

static int interest_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	json_t *m = NULL;
	const json_t *r = rec ? rec : before;
	int rc;

	if (!med_only_mediator(st))
		return 0;
	if (med_get_any(st, &ts_entity_mediator, med_str(r, "mediator"), &m, err))
		return -1;
	rc = own_profile(st, m, "this declaration", err);
	json_decref(m);
	if (!rc && before && rec && strcmp(med_str(before, "mediator"), med_str(rec, "mediator")))
		rc = ts_fail(err, TS_FORBIDDEN, "mediator", "a declaration stays with the member who made it");
	return rc;
}

static int training_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	(void)before;
	return rec ? check_list(st, rec, "partners", partner_item, err) : 0;
}

static int found_one(void *ctx, const ts_value *c, int n)
{
	(void)c;
	(void)n;
	*(int *)ctx = 1;
	return 1;
}

/* Whether an account of that name exists: 1, 0, or -1 on a storage error. */
static int has_account(ts_store *st, const char *username, ts_error *err)
{
	ts_value p = {TS_V_TEXT, 0, username, 0};
	int found = 0;

	if (ts_store_exec(st, "SELECT 1 FROM \"accounts\" WHERE \"username\" = ?", &p, 1, found_one, &found, NULL, err))
		return -1;
	return found;
}

/* A process opened gets a team of its own (same id), which reads its journal. */
static int process_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	char day[32];

	if (!rec) /* nobody keeps reading through the team of a process deleted */
		return remove_team_members(st, med_str(before, "team"), err);
	keep_derived(&ts_entity_process, rec, before);
	if (!strcmp(med_str(rec, "level"), "restricted"))
		return ts_fail(err, TS_INVALID_VALUE, "level", "a process is read at level members or secretariat; its journal "
			       "is restricted to its team whatever the process's level");
	if (!strcmp(med_str(rec, "authority"), "resolution_paragraph") && !med_str(rec, "paragraph"))
		return ts_fail(err, TS_REQUIRED, "paragraph", "a process authorised by a resolution names the operative "
			       "paragraph (such as 53-45-pol-op-7); or set authority to secretary_general and give sg_decision");
	if (!strcmp(med_str(rec, "authority"), "secretary_general") && med_str(rec, "paragraph"))
		return ts_fail(err, TS_INVALID_VALUE, "paragraph", "a process authorised by the Secretary-General names the "
			       "decision (sg_decision), not a paragraph; leave paragraph empty or set authority to "
			       "resolution_paragraph");
	if (check_list(st, rec, "party_states", country_item, err) || check_list(st, rec, "expertise", expertise_item, err) ||
	    check_list(st, rec, "partners", partner_item, err))
		return -1;
	if (check_list(st, rec, "languages", language_code_item, err))
		return -1;
	if (before) {
		json_object_set(rec, "team", json_object_get(before, "team"));
		return 0;
	}
	med_today(day);
	if (!med_str(rec, "opened_on"))
		json_object_set_new(rec, "opened_on", json_string(day));
	if (!med_str(rec, "stage_on"))
		json_object_set(rec, "stage_on", json_object_get(rec, "opened_on"));
	if (!med_str(rec, "id")) {
		char hex[13], id[32];
		ts_random_hex(hex, 12);
		snprintf(id, sizeof(id), "mp-%s", hex);
		json_object_set_new(rec, "id", json_string(id));
	}
	{
		json_t *team = json_pack("{ss ss ss ss ss}", "id", med_str(rec, "id"), "name_en", med_str(rec, "title_en"),
					 "purpose_en", "The team of a mediation process: it reads the process's journal.",
					 "level", med_str(rec, "level"), "name_ar", med_str(rec, "title_ar") ? med_str(rec, "title_ar") : "");
		json_t *member;
		const ts_viewer *v = ts_store_viewer(st);
		int rc;
		if (!med_str(rec, "title_ar"))
			json_object_del(team, "name_ar");
		rc = ts_record_create(st, ts_schema_entity(ts_store_schema(st), "team"), team, NULL, err);
		json_decref(team);
		if (rc)
			return rc;
		json_object_set_new(rec, "team", json_string(med_str(rec, "id")));
		/* the one who opens it works in it (a viewer with an account: not the command line's own) */
		if (v && v->username[0] && has_account(st, v->username, err) > 0) {
			member = json_pack("{ss ss ss ss ss}", "team", med_str(rec, "id"), "account", v->username, "role",
					   "member", "since", day, "level", med_str(rec, "level"));
			rc = ts_record_create(st, ts_schema_entity(ts_store_schema(st), "team_member"), member, NULL, err);
			json_decref(member);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* The process a record names, as the writer reads it: one they may not read does not exist for
 * them (no error names its team). */
static int process_of(ts_store *st, const char *id, json_t **p, ts_error *err)
{
	ts_error missing = TS_ERROR_INIT;

	if (id && ts_record_get(st, &ts_entity_process, id, p, &missing) == 0)
		return 0;
	if (missing.code != TS_NOT_FOUND && missing.code != TS_OK)
		return ts_fail(err, missing.code, missing.field, "%s", missing.detail);
	return ts_fail(err, TS_UNKNOWN_REFERENCE, "process", "there is no mediation process '%.60s' (tansiq process list)",
		       id ? id : "");
}

/* A record under a process is read by no more readers than the process itself. */
static void raise_level(json_t *rec, const json_t *process)
{
	int mine = ts_level_parse(med_str(rec, "level")), theirs = ts_level_parse(med_str(process, "level"));

	if (theirs > mine)
		json_object_set(rec, "level", json_object_get(process, "level"));
}

/* Records under a process take its team; the derived fields are the actions'. */
static int under_process(ts_store *st, const ts_entity *e, json_t *rec, const json_t *before, ts_error *err)
{
	json_t *p = NULL;
	const char *pid;

	if (!rec)
		return 0;
	keep_derived(e, rec, before);
	pid = med_str(rec, "process");
	if (before && strcmp(med_str(before, "process"), pid))
		return ts_fail(err, TS_INVALID_VALUE, "process", "a record stays under its process; record it anew under the "
			       "other one");
	if (process_of(st, pid, &p, err))
		return -1;
	json_object_set(rec, "team", json_object_get(p, "team"));
	if (e != &ts_entity_journal)
		raise_level(rec, p);
	json_decref(p);
	return 0;
}

static int stage_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	return under_process(st, &ts_entity_stage, rec, before, err);
}

static int agreement_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	return under_process(st, &ts_entity_agreement, rec, before, err);
}

/* A journal entry is stamped with its time and author, and restricted to the team. */
static int journal_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	char at[32];

	if (under_process(st, &ts_entity_journal, rec, before, err))
		return -1;
	if (rec && !before) {
		med_stamp(at);
		json_object_set_new(rec, "at", json_string(at));
		json_object_set_new(rec, "author", json_string(med_actor(st)));
		json_object_set_new(rec, "level", json_string("restricted"));
	}
	return 0;
}

/* A provision takes its agreement's team. */
static int provision_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	json_t *a = NULL;

	if (!rec)
		return 0;
	if (before && strcmp(med_str(before, "agreement"), med_str(rec, "agreement")))
		return ts_fail(err, TS_INVALID_VALUE, "agreement", "a provision stays in its agreement; record it anew in the "
			       "other one");
	{
		ts_error missing = TS_ERROR_INIT;
		if (ts_record_get(st, &ts_entity_agreement, med_str(rec, "agreement"), &a, &missing))
			return ts_fail(err, TS_UNKNOWN_REFERENCE, "agreement", "there is no agreement '%.60s'; record the agreement "
				       "first", med_str(rec, "agreement"));
	}
	json_object_set(rec, "team", json_object_get(a, "team"));
	raise_level(rec, a);
	json_decref(a);
	return 0;
}

/* Placing a member of the network on a process's team: the hard rules of the matching hold, one
 * lead at a time; the member's account joins the team (and leaves it with the member). */
static int set_lead(ts_store *st, const char *process, const char *mediator, ts_error *err);

static int active(const json_t *a)
{
	return a && !med_str(a, "until");
}

static int assignment_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	json_t *p = NULL;

	if (rec) {
		if (before && (strcmp(med_str(before, "process"), med_str(rec, "process")) ||
			       strcmp(med_str(before, "mediator"), med_str(rec, "mediator"))))
			return ts_fail(err, TS_INVALID_VALUE, "mediator", "a place on a team is one member on one process; end it "
				       "(until), or give the other member a place of their own");
		if (process_of(st, med_str(rec, "process"), &p, err))
			return -1;
		json_object_set(rec, "team", json_object_get(p, "team"));
		raise_level(rec, p);
		/* who places members is checked before the team's accounts move */
		if (ts_access_check_write(st, &ts_entity_assignment, rec, err)) {
			json_decref(p);
			return -1;
		}
		/* a place that starts, or starts again (until cleared), is a placement */
		if (active(rec) && !active(before) && !strcmp(med_str(p, "stage"), "closed")) {
			json_decref(p);
			return ts_fail(err, TS_WRONG_STAGE, "process", "process %s is closed: nobody joins its team; reopen it "
				       "first (stage, with a reason)", med_str(rec, "process"));
		}
		json_decref(p);
		if (active(rec) && !active(before) && ts_match_check(st, med_str(rec, "process"), med_str(rec, "mediator"), err))
			return -1;
		if (!strcmp(med_str(rec, "role"), "lead") && active(rec)) {
			json_t *leads = NULL;
			ts_value q[2] = {{TS_V_TEXT, 0, med_str(rec, "process"), 0}, {TS_V_TEXT, 0, med_str(rec, "id") ? med_str(rec, "id") : "", 0}};
			int n;
			if (ts_records_where(st, &ts_entity_assignment, "\"process\" = ? AND \"role\" = 'lead' AND \"until\" IS NULL "
					     "AND \"id\" <> ?", q, 2, 0, &leads, err))
				return -1;
			n = (int)json_array_size(leads);
			json_decref(leads);
			if (n)
				return ts_fail(err, TS_INVALID_VALUE, "role", "process %s has a lead already; end their place (until) "
					       "or make them a member before naming another lead", med_str(rec, "process"));
		}
	}
	if (before && active(before) && (!active(rec) || strcmp(med_str(rec, "role"), med_str(before, "role"))) &&
	    sync_team(st, before, NULL, 0, err))
		return -1;
	if (rec && active(rec) && (!active(before) || strcmp(med_str(rec, "role"), med_str(before, "role"))) &&
	    sync_team(st, rec, NULL, 1, err))
		return -1;
	if (before && !strcmp(med_str(before, "role"), "lead") && active(before) &&
	    !(rec && !strcmp(med_str(rec, "role"), "lead") && active(rec)) && set_lead(st, med_str(before, "process"), NULL, err))
		return -1;
	if (rec && !strcmp(med_str(rec, "role"), "lead") && active(rec) &&
	    set_lead(st, med_str(rec, "process"), med_str(rec, "mediator"), err))
		return -1;
	return 0;
}

static int set_lead(ts_store *st, const char *process, const char *mediator, ts_error *err)
{
	json_t *patch = json_object();

	json_object_set_new(patch, "lead", mediator ? json_string(mediator) : json_null());
	return med_update(st, &ts_entity_process, process, patch, NULL, err);
}

/* The member's account (`account`, else the one of their record, when they have one) joins or
 * leaves the team of place a. */
static int sync_team(ts_store *st, const json_t *a, const char *account, int join, ts_error *err)
{
	json_t *m = NULL, *rows = NULL;
	const ts_entity *tm = ts_schema_entity(ts_store_schema(st), "team_member");
	const char *acc = account;
	ts_value q[2];
	int rc = 0;

	if (!acc && med_get_any(st, &ts_entity_mediator, med_str(a, "mediator"), &m, err))
		return -1;
	if (!acc && !(acc = med_str(m, "account"))) {
		json_decref(m);
		return 0;
	}
	q[0] = (ts_value){TS_V_TEXT, 0, med_str(a, "team"), 0};
	q[1] = (ts_value){TS_V_TEXT, 0, acc, 0};
	if (ts_records_where(st, tm, "\"team\" = ? AND \"account\" = ?", q, 2, 0, &rows, err)) {
		json_decref(m);
		return -1;
	}
	if (join && !json_array_size(rows)) {
		json_t *in = json_pack("{ss ss ss ss}", "team", med_str(a, "team"), "account", acc, "role",
				       !strcmp(med_str(a, "role"), "lead") ? "lead" : "member", "level", med_str(a, "level"));
		if (med_str(a, "since"))
			json_object_set_new(in, "since", json_string(med_str(a, "since")));
		rc = ts_record_create(st, tm, in, NULL, err);
		json_decref(in);
	} else if (!join) {
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r)
			if ((rc = ts_record_delete(st, tm, med_str(r, "id"), err)))
				break;
	}
	json_decref(rows);
	json_decref(m);
	return rc;
}
