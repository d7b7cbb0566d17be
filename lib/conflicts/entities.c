/* The descriptions of countries, conflicts, conflict-years, event imports, events, alert rules
 * and alerts (conflicts.h), and their guards. All came with migration 8. */
#include <stdio.h>
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h"
#include "tansiq/implementation.h"
#include "tansiq/meetings.h"
#include "tansiq/records.h"
#include "tansiq/store.h"
#include "../registry/fields.h"

/* ---- the common taxonomy ---- */

const ts_enum_value ts_event_types[] = {
	{"battles", L("معارك", "battles", "batailles")},
	{"explosions_remote_violence", L("تفجيرات وعنف عن بعد", "explosions and remote violence", "explosions et violence à distance")},
	{"violence_against_civilians", L("عنف ضد المدنيين", "violence against civilians", "violence contre les civils")},
	{"protests", L("احتجاجات", "protests", "manifestations")},
	{"riots", L("أعمال شغب", "riots", "émeutes")},
	{"strategic_developments", L("تطورات استراتيجية", "strategic developments", "développements stratégiques")},
	{NULL, L(NULL, NULL, NULL)},
};

/* ACLED's 25 sub-event types; the parent of each is in sub_parent[] below, in the same order. */
const ts_enum_value ts_sub_event_types[] = {
	{"armed_clash", L("اشتباك مسلح", "armed clash", "affrontement armé")},
	{"government_regains_territory", L("استعادة الحكومة لأراض", "government regains territory", "le gouvernement reprend un territoire")},
	{"non_state_actor_overtakes_territory", L("سيطرة فاعل غير حكومي على أراض", "non-state actor overtakes territory", "un acteur non étatique prend un territoire")},
	{"chemical_weapon", L("سلاح كيميائي", "chemical weapon", "arme chimique")},
	{"air_drone_strike", L("غارة جوية أو بطائرة مسيرة", "air/drone strike", "frappe aérienne ou de drone")},
	{"suicide_bomb", L("تفجير انتحاري", "suicide bomb", "attentat-suicide")},
	{"shelling_artillery_missile_attack", L("قصف مدفعي أو صاروخي", "shelling/artillery/missile attack", "bombardement, artillerie ou missile")},
	{"remote_explosive_landmine_ied", L("عبوة ناسفة أو لغم", "remote explosive/landmine/IED", "explosif à distance, mine ou EEI")},
	{"grenade", L("قنبلة يدوية", "grenade", "grenade")},
	{"sexual_violence", L("عنف جنسي", "sexual violence", "violence sexuelle")},
	{"attack", L("هجوم", "attack", "attaque")},
	{"abduction_forced_disappearance", L("اختطاف أو إخفاء قسري", "abduction/forced disappearance", "enlèvement ou disparition forcée")},
	{"peaceful_protest", L("احتجاج سلمي", "peaceful protest", "manifestation pacifique")},
	{"protest_with_intervention", L("احتجاج مع تدخل", "protest with intervention", "manifestation avec intervention")},
	{"excessive_force_against_protesters", L("قوة مفرطة ضد المحتجين", "excessive force against protesters", "force excessive contre des manifestants")},
	{"violent_demonstration", L("تظاهرة عنيفة", "violent demonstration", "manifestation violente")},
	{"mob_violence", L("عنف جماعي", "mob violence", "violence de foule")},
	{"agreement", L("اتفاق", "agreement", "accord")},
	{"arrests", L("اعتقالات", "arrests", "arrestations")},
	{"change_to_group_activity", L("تغير في نشاط جماعة", "change to group/activity", "changement de groupe ou d'activité")},
	{"disrupted_weapons_use", L("إحباط استخدام أسلحة", "disrupted weapons use", "usage d'armes déjoué")},
	{"headquarters_or_base_established", L("إنشاء مقر أو قاعدة", "headquarters or base established", "quartier général ou base établi")},
	{"looting_property_destruction", L("نهب أو تدمير ممتلكات", "looting/property destruction", "pillage ou destruction de biens")},
	{"non_violent_transfer_of_territory", L("انتقال غير عنيف لأراض", "non-violent transfer of territory", "transfert non violent de territoire")},
	{"other", L("أخرى", "other", "autre")},
	{NULL, L(NULL, NULL, NULL)},
};
static const char *const sub_parent[] = {
	"battles", "battles", "battles",
	"explosions_remote_violence", "explosions_remote_violence", "explosions_remote_violence",
	"explosions_remote_violence", "explosions_remote_violence", "explosions_remote_violence",
	"violence_against_civilians", "violence_against_civilians", "violence_against_civilians",
	"protests", "protests", "protests",
	"riots", "riots",
	"strategic_developments", "strategic_developments", "strategic_developments", "strategic_developments",
	"strategic_developments", "strategic_developments", "strategic_developments", "strategic_developments",
};

const ts_enum_value ts_actor_types[] = {
	{"state_forces", L("قوات حكومية", "state forces", "forces étatiques")},
	{"rebel_group", L("جماعة متمردة", "rebel group", "groupe rebelle")},
	{"political_militia", L("ميليشيا سياسية", "political militia", "milice politique")},
	{"identity_militia", L("ميليشيا هوياتية", "identity militia", "milice identitaire")},
	{"rioters", L("مشاغبون", "rioters", "émeutiers")},
	{"protesters", L("محتجون", "protesters", "manifestants")},
	{"civilians", L("مدنيون", "civilians", "civils")},
	{"external_other", L("قوى خارجية أو أخرى", "external or other forces", "forces extérieures ou autres")},
	{NULL, L(NULL, NULL, NULL)},
};

const ts_enum_value ts_root_causes[] = {
	{"inequality", L("عدم المساواة", "inequality", "inégalités")},
	{"governance", L("الحكم", "governance", "gouvernance")},
	{"state_fragility", L("هشاشة الدولة", "state fragility", "fragilité de l'État")},
	{"resources", L("الموارد", "resources", "ressources")},
	{"identity", L("الهوية", "identity", "identité")},
	{"territory", L("الأرض والحدود", "territory and borders", "territoire et frontières")},
	{"foreign_intervention", L("التدخل الأجنبي", "foreign intervention", "intervention étrangère")},
	{"extremism", L("التطرف", "violent extremism", "extrémisme violent")},
	{"climate", L("المناخ والبيئة", "climate and environment", "climat et environnement")},
	{NULL, L(NULL, NULL, NULL)},
};

const ts_enum_value ts_date_precisions[] = {
	{"day", L("اليوم", "the day", "le jour")},
	{"days", L("أيام قليلة", "within a few days", "à quelques jours près")},
	{"week", L("الأسبوع", "the week", "la semaine")},
	{"month", L("الشهر", "the month", "le mois")},
	{"year", L("السنة", "the year", "l'année")},
	{NULL, L(NULL, NULL, NULL)},
};

const ts_enum_value ts_geo_precisions[] = {
	{"place", L("المكان نفسه", "the place itself", "le lieu même")},
	{"near", L("بالقرب من المكان", "near the place", "près du lieu")},
	{"admin2", L("المقاطعة", "the district (admin 2)", "le district (admin 2)")},
	{"admin1", L("الإقليم", "the province (admin 1)", "la province (admin 1)")},
	{"region", L("منطقة أوسع", "a wider region", "une région plus vaste")},
	{"country", L("البلد", "the country", "le pays")},
	{"international", L("مياه أو مجال دولي", "international waters or airspace", "eaux ou espace international")},
	{NULL, L(NULL, NULL, NULL)},
};

const ts_enum_value ts_conflict_types[] = {
	{"extrasystemic", L("خارج النظام (استعماري)", "extrasystemic", "extrasystémique")},
	{"interstate", L("بين الدول", "interstate", "interétatique")},
	{"intrastate", L("داخل الدولة", "intrastate", "intra-étatique")},
	{"internationalised", L("داخلي مدوَّل", "internationalised intrastate", "intra-étatique internationalisé")},
	{"non_state", L("بين أطراف غير حكومية", "non-state", "non étatique")},
	{"one_sided", L("عنف من طرف واحد", "one-sided violence", "violence unilatérale")},
	{NULL, L(NULL, NULL, NULL)},
};

int ts_enum_index(const ts_enum_value *values, const char *value)
{
	for (int i = 0; value && values[i].value; i++)
		if (!strcmp(values[i].value, value))
			return i;
	return -1;
}

int ts_list_each(const char *list, ts_item_fn fn, void *ctx)
{
	const char *p = list;

	while (p && *p) {
		char item[64];
		size_t n;
		int rc;
		p += strspn(p, " ,");
		n = strcspn(p, " ,");
		if (!n)
			break;
		snprintf(item, sizeof(item), "%.*s", (int)(n < sizeof(item) - 1 ? n : sizeof(item) - 1), p);
		if ((rc = fn(ctx, item, n)))
			return rc;
		p += n;
	}
	return 0;
}

const char *ts_sub_event_parent(const char *sub)
{
	int i = ts_enum_index(ts_sub_event_types, sub);
	return i < 0 ? NULL : sub_parent[i];
}

/* ---- countries: the world, for events and conflicts anywhere ---- */

static const ts_enum_value region_values[] = {
	{"africa", L("أفريقيا", "Africa", "Afrique")},
	{"americas", L("الأمريكتان", "the Americas", "Amériques")},
	{"asia", L("آسيا وأوقيانوسيا", "Asia and Oceania", "Asie et Océanie")},
	{"europe", L("أوروبا", "Europe", "Europe")},
	{"middle_east", L("الشرق الأوسط", "the Middle East", "Moyen-Orient")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field country_fields[] = {
	{"id", TS_TEXT, TS_F_KEY | TS_F_REQUIRED, L("رمز ISO الثلاثي", "ISO alpha-3", "Code ISO alpha-3"), 3, 0, 0, TS_P_ISO3, NULL, NULL, "SDN"},
	{"iso2", TS_TEXT, TS_F_UNIQUE, L("رمز ISO الثنائي", "ISO alpha-2", "Code ISO alpha-2"), 2, 0, 0, TS_P_ISO2, NULL, NULL, "SD"},
	{"iso_num", TS_INT, TS_F_UNIQUE, L("رمز ISO الرقمي", "ISO numeric", "Code ISO numérique"), 0, 1, 999, 0, NULL, NULL, "729"},
	{"gw_code", TS_INT, TS_F_UNIQUE, L("رمز غليديتش-وارد", "Gleditsch-Ward code", "Code Gleditsch-Ward"), 0, 2, 999, 0, NULL, NULL, "625"},
	F_NAMES(TS_F_REQUIRED, "Sudan"),
	F_ENUM("region", 0, L("المنطقة", "Region", "Région"), region_values, NULL),
	F_LEVEL,
};
const ts_entity ts_entity_country = {
	"country", "countries", "Country", L("بلدان العالم", "Countries of the world", "Pays du monde"), 0,
	country_fields, N(country_fields), NULL, 0, "name_en", 0, NULL, NULL,
};

/* ---- conflicts and their years (UCDP/PRIO) ---- */

static const ts_enum_value incompatibility_values[] = {
	{"territory", L("على الأرض", "territory", "territoire")},
	{"government", L("على الحكم", "government", "gouvernement")},
	{"both", L("على الأرض والحكم", "territory and government", "territoire et gouvernement")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value intensity_values[] = {
	{"minor", L("نزاع محدود (25 إلى 999 قتيلًا في السنة)", "minor (25 to 999 deaths a year)", "mineur (25 à 999 morts par an)")},
	{"war", L("حرب (1000 قتيل فأكثر في السنة)", "war (1,000 deaths or more a year)", "guerre (1 000 morts ou plus par an)")},
	{NULL, L(NULL, NULL, NULL)},
};
#define F_COUNTRIES {"countries", TS_TEXT, TS_F_SEARCH, L("البلدان (رموز ISO مفصولة بمسافات)", "Countries (ISO alpha-3 codes, space-separated)", "Pays (codes ISO alpha-3 séparés par des espaces)"), 400, 0, 0, 0, NULL, NULL, "SDN SSD"}
#define F_SIDES \
	{"side_a", TS_TEXT, TS_F_SEARCH, L("الطرف الأول", "Side A", "Partie A"), 1000, 0, 0, 0, NULL, NULL, "Government of Sudan"}, \
	{"side_b", TS_TEXT, TS_F_SEARCH, L("الطرف الثاني", "Side B", "Partie B"), 1000, 0, 0, 0, NULL, NULL, "SPLM/A"}
static const ts_field conflict_fields[] = {
	F_ID_AUTO,
	{"ucdp_id", TS_INT, TS_F_UNIQUE, L("رقم النزاع في UCDP", "UCDP conflict id", "Identifiant UCDP du conflit"), 0, 1, 999999, 0, NULL, NULL, "309"},
	F_NAMES(TS_F_REQUIRED, "Sudan: Government"),
	F_ENUM("type", TS_F_REQUIRED, L("النوع", "Type", "Type"), ts_conflict_types, NULL),
	F_ENUM("incompatibility", 0, L("موضوع الخلاف", "Incompatibility", "Incompatibilité"), incompatibility_values, NULL),
	F_ENUM("intensity", 0, L("الشدة القصوى", "Highest intensity", "Intensité maximale"), intensity_values, NULL),
	{"location", TS_TEXT, TS_F_SEARCH, L("الموقع", "Location", "Lieu"), 400, 0, 0, 0, NULL, NULL, "Sudan"},
	F_COUNTRIES,
	F_SIDES,
	F_PDATE("start", 0, L("البداية", "Start", "Début")),
	F_PDATE("end", 0, L("النهاية", "End", "Fin")),
	{"root_causes", TS_TEXT, 0, L("الأسباب الجذرية (مفصولة بفواصل)", "Root causes (comma-separated)", "Causes profondes (séparées par des virgules)"), 400, 0, 0, 0, NULL, NULL, "governance,identity"},
	F_SOURCE,
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule conflict_rules[] = {
	{TS_RULE_NOT_BEFORE, "end", "start", NULL},
};
static int conflict_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_conflict = {
	"conflict", "conflicts", "Conflict", L("النزاعات", "Conflicts", "Conflits"), TS_E_AUTO_ID,
	conflict_fields, N(conflict_fields), conflict_rules, N(conflict_rules), "name_en",
	TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, NULL, conflict_guard,
};

static const ts_field conflict_year_fields[] = {
	F_ID_AUTO,
	F_REF("conflict", TS_F_REQUIRED, "conflict", L("النزاع", "Conflict", "Conflit")),
	F_INT("year", TS_F_REQUIRED, L("السنة", "Year", "Année"), 1946, 2100, "2015"),
	F_ENUM("intensity", TS_F_REQUIRED, L("الشدة", "Intensity", "Intensité"), intensity_values, NULL),
	F_ENUM("type", 0, L("النوع", "Type", "Type"), ts_conflict_types, NULL),
	{"location", TS_TEXT, TS_F_SEARCH, L("الموقع", "Location", "Lieu"), 400, 0, 0, 0, NULL, NULL, "Sudan"},
	F_COUNTRIES,
	F_SIDES,
	F_SOURCE,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule conflict_year_rules[] = {
	{TS_RULE_UNIQUE_WITH, "year", "conflict", NULL},
};
const ts_entity ts_entity_conflict_year = {
	"conflict_year", "conflict-years", "ConflictYear", L("سنوات النزاعات", "Conflict years", "Années de conflit"),
	TS_E_AUTO_ID, conflict_year_fields, N(conflict_year_fields), conflict_year_rules, N(conflict_year_rules), "year",
	TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, NULL, conflict_guard,
};

/* ---- events ---- */

static const ts_enum_value dataset_values[] = {
	{"acled", L("ACLED", "ACLED", "ACLED")},
	{"ucdp_ged", L("UCDP GED", "UCDP GED", "UCDP GED")},
	{"ucdp_acd", L("UCDP/PRIO ACD", "UCDP/PRIO ACD", "UCDP/PRIO ACD")},
	{"field", L("تقرير ميداني", "field report", "rapport de terrain")},
	{NULL, L(NULL, NULL, NULL)},
};

static const ts_field import_fields[] = {
	F_ID_AUTO,
	F_ENUM("dataset", TS_F_REQUIRED, L("مجموعة البيانات", "Dataset", "Jeu de données"), dataset_values, NULL),
	{"file", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("الملف", "File", "Fichier"), 300, 0, 0, 0, NULL, NULL, "acled-2023.csv"},
	{"format", TS_TEXT, 0, L("الصيغة", "Format", "Format"), 200, 0, 0, 0, NULL, NULL, "acled, 31 columns, dyadic"},
	{"imported_at", TS_TEXT, 0, L("وقت الاستيراد", "Imported at", "Importé le"), 40, 0, 0, 0, NULL, NULL, NULL},
	{"imported_by", TS_TEXT, 0, L("استورده", "Imported by", "Importé par"), 64, 0, 0, 0, NULL, NULL, NULL},
	F_INT("rows", 0, L("الصفوف", "Rows", "Lignes"), 0, 0, "1000"),
	F_INT("added", 0, L("أضيف", "Added", "Ajoutés"), 0, 0, "990"),
	F_INT("updated", 0, L("حُدّث", "Updated", "Mis à jour"), 0, 0, "0"),
	F_INT("unchanged", 0, L("بلا تغيير", "Unchanged", "Inchangés"), 0, 0, "0"),
	F_INT("merged", 0, L("صفوف مدمجة", "Rows merged", "Lignes fusionnées"), 0, 0, "0"),
	F_INT("rejected", 0, L("صفوف مرفوضة", "Rows rejected", "Lignes rejetées"), 0, 0, "10"),
	F_LEVEL,
};
const ts_entity ts_entity_event_import = {
	"event_import", "event-imports", "EventImport", L("عمليات استيراد الأحداث", "Event imports", "Imports d'événements"),
	TS_E_AUTO_ID | TS_E_ACTIONS, import_fields, N(import_fields), NULL, 0, "imported_at",
	TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, NULL, NULL,
	.operations = {"POST /api/v1/imports/{acled|ucdp-ged|ucdp-acd} imports a file",
		       "'tansiq import acled|ucdp-ged|ucdp-acd FILE'"},
};

static const ts_field event_fields[] = {
	F_ID_AUTO,
	F_ENUM("dataset", 0, L("المصدر", "Dataset", "Jeu de données"), dataset_values, "field"),
	{"source_id", TS_TEXT, 0, L("المعرّف في المصدر", "Id in the dataset", "Identifiant dans le jeu"), 64, 0, 0, 0, NULL, NULL, "SUD12345"},
	F_PDATE("date", TS_F_REQUIRED, L("التاريخ", "Date", "Date")),
	{"month", TS_TEXT, TS_F_DERIVED, L("الشهر", "Month", "Mois"), 7, 0, 0, 0, NULL, NULL, "2023-04"},
	F_ENUM("date_precision", 0, L("دقة التاريخ", "Date precision", "Précision de la date"), ts_date_precisions, "day"),
	/* events are indexed by country and month (migration 8), not by their other references */
	F_REF("country", TS_F_REQUIRED | TS_F_NOINDEX, "country", L("البلد", "Country", "Pays")),
	{"admin1", TS_TEXT, TS_F_SEARCH, L("الإقليم (المستوى الإداري 1)", "Admin 1", "Admin 1"), 120, 0, 0, 0, NULL, NULL, "Khartoum"},
	{"admin2", TS_TEXT, 0, L("المستوى الإداري 2", "Admin 2", "Admin 2"), 120, 0, 0, 0, NULL, NULL, NULL},
	{"admin3", TS_TEXT, 0, L("المستوى الإداري 3", "Admin 3", "Admin 3"), 120, 0, 0, 0, NULL, NULL, NULL},
	{"place", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("المكان", "Place", "Lieu"), 200, 0, 0, 0, NULL, NULL, "Omdurman"},
	{"latitude", TS_REAL, 0, L("خط العرض", "Latitude", "Latitude"), 0, -90, 90, 0, NULL, NULL, "15.6445"},
	{"longitude", TS_REAL, 0, L("خط الطول", "Longitude", "Longitude"), 0, -180, 180, 0, NULL, NULL, "32.4777"},
	F_ENUM("geo_precision", 0, L("دقة الموقع", "Place precision", "Précision du lieu"), ts_geo_precisions, "place"),
	F_ENUM("event_type", TS_F_REQUIRED, L("نوع الحدث", "Event type", "Type d'événement"), ts_event_types, NULL),
	F_ENUM("sub_event_type", 0, L("النوع الفرعي", "Sub-type", "Sous-type"), ts_sub_event_types, NULL),
	{"actor1", TS_TEXT, TS_F_SEARCH, L("الفاعل الأول", "Actor 1", "Acteur 1"), 300, 0, 0, 0, NULL, NULL, "Military Forces of Sudan"},
	F_ENUM("actor1_type", 0, L("نوع الفاعل الأول", "Actor 1 type", "Type de l'acteur 1"), ts_actor_types, NULL),
	{"assoc_actor1", TS_TEXT, 0, L("الفاعلون المرتبطون بالأول", "Actors associated with actor 1", "Acteurs associés à l'acteur 1"), 600, 0, 0, 0, NULL, NULL, NULL},
	{"actor2", TS_TEXT, TS_F_SEARCH, L("الفاعل الثاني", "Actor 2", "Acteur 2"), 300, 0, 0, 0, NULL, NULL, "Rapid Support Forces"},
	F_ENUM("actor2_type", 0, L("نوع الفاعل الثاني", "Actor 2 type", "Type de l'acteur 2"), ts_actor_types, NULL),
	{"assoc_actor2", TS_TEXT, 0, L("الفاعلون المرتبطون بالثاني", "Actors associated with actor 2", "Acteurs associés à l'acteur 2"), 600, 0, 0, 0, NULL, NULL, NULL},
	F_INT("fatalities", 0, L("القتلى (أفضل تقدير)", "Fatalities (best estimate)", "Morts (meilleure estimation)"), 0, 1000000, "12"),
	F_INT("fatalities_low", 0, L("القتلى (أدنى تقدير)", "Fatalities (low)", "Morts (basse)"), 0, 1000000, "10"),
	F_INT("fatalities_high", 0, L("القتلى (أعلى تقدير)", "Fatalities (high)", "Morts (haute)"), 0, 1000000, "15"),
	{"sources", TS_TEXT, 0, L("مصادر الخبر", "Reported by", "Sources"), 1000, 0, 0, 0, NULL, NULL, "Sudan Tribune"},
	F_NOTES,
	F_REF("conflict", TS_F_NOINDEX, "conflict", L("النزاع", "Conflict", "Conflit")),
	F_REF("origin", TS_F_NOINDEX, "event_import", L("عملية الاستيراد", "Imported by", "Importation")),
	F_LEVEL,
	{"team", TS_REF, TS_F_NOINDEX, L("الفريق", "Team", "Équipe"), 0, 0, 0, 0, NULL, "team", NULL},
};
static const ts_rule event_rules[] = {
	{TS_RULE_NOT_BEFORE, "fatalities_high", "fatalities", NULL},
};
static int event_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err);
const ts_entity ts_entity_event = {
	"event", "events", "Event", L("الأحداث", "Events", "Événements"), TS_E_AUTO_ID,
	event_fields, N(event_fields), event_rules, 0, "date",
	TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, NULL, event_guard,
};

/* ---- alerts ---- */

static const ts_enum_value severity_values[] = {
	{"low", L("منخفضة", "low", "faible")},
	{"medium", L("متوسطة", "medium", "moyenne")},
	{"high", L("عالية", "high", "élevée")},
	{"critical", L("حرجة", "critical", "critique")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value rule_kinds[] = {
	{"forecast", L("التنبؤ فوق عتبة", "forecast above a threshold", "prévision au-dessus d'un seuil")},
	{"escalation", L("تصعيد حاد مقارنة بالمتوسط", "sharp escalation against the trailing mean", "escalade brusque par rapport à la moyenne")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value rule_scopes[] = {
	{"members", L("الدول الأعضاء", "member states", "États membres")},
	{"world", L("العالم كله", "the whole world", "le monde entier")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_field rule_fields[] = {
	F_ID_CODE("forecast-high"),
	F_NAMES(TS_F_REQUIRED, "Forecast above 60%"),
	F_ENUM("kind", TS_F_REQUIRED, L("النوع", "Kind", "Type"), rule_kinds, NULL),
	F_ENUM("scope", 0, L("النطاق", "Scope", "Portée"), rule_scopes, "members"),
	F_INT("horizon", 0, L("الأفق (بالأشهر)", "Horizon (months)", "Horizon (mois)"), 1, 6, "1"),
	{"threshold", TS_REAL, 0, L("عتبة الاحتمال", "Probability threshold", "Seuil de probabilité"), 0, 0, 1, 0, NULL, NULL, "0.6"},
	F_INT("window", 0, L("الأشهر السابقة للمتوسط", "Trailing months", "Mois de la moyenne"), 1, 36, "6"),
	{"factor", TS_REAL, 0, L("المعامل فوق المتوسط", "Factor over the mean", "Facteur sur la moyenne"), 0, 1, 1000, 0, NULL, NULL, "3"},
	F_INT("min_fatalities", 0, L("أدنى عدد من القتلى", "Fewest fatalities", "Minimum de morts"), 0, 1000000, "25"),
	F_ENUM("severity", TS_F_REQUIRED, L("الخطورة", "Severity", "Gravité"), severity_values, NULL),
	F_BOOL("enabled", L("مفعلة", "Enabled", "Active"), "true"),
	F_NOTES,
	F_LEVEL,
	F_TEAM,
};
static const ts_rule rule_rules[] = {
	{TS_RULE_REQUIRED_IF, "threshold", "kind", "forecast"},
	{TS_RULE_REQUIRED_IF, "horizon", "kind", "forecast"},
	{TS_RULE_REQUIRED_IF, "factor", "kind", "escalation"},
	{TS_RULE_REQUIRED_IF, "window", "kind", "escalation"},
};
const ts_entity ts_entity_alert_rule = {
	"alert_rule", "alert-rules", "AlertRule", L("قواعد الإنذار", "Alert rules", "Règles d'alerte"), 0,
	rule_fields, N(rule_fields), rule_rules, N(rule_rules), "id", TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, NULL, NULL,
};

static const ts_enum_value alert_kinds[] = {
	{"forecast", L("تنبؤ", "forecast", "prévision")},
	{"escalation", L("تصعيد", "escalation", "escalade")},
	{"manual", L("يدوي من تقرير ميداني", "manual, from a field report", "manuelle, d'un rapport de terrain")},
	{NULL, L(NULL, NULL, NULL)},
};
static const ts_enum_value alert_statuses[] = {
	{"open", L("مفتوح", "open", "ouverte")},
	{"acknowledged", L("تم الاطلاع", "acknowledged", "prise en compte")},
	{"responded", L("سُجّلت الاستجابة", "response recorded", "réponse enregistrée")},
	{"closed", L("مغلق", "closed", "close")},
	{NULL, L(NULL, NULL, NULL)},
};
const ts_enum_value ts_response_kinds[] = {
	{"meeting", L("اجتماع", "a meeting", "une réunion")},
	{"resolution", L("قرار", "a resolution", "une résolution")},
	{"mandate", L("تكليف", "a mandate", "un mandat")},
	{"mediation_process", L("عملية وساطة", "a mediation process", "un processus de médiation")},
	{"statement", L("بيان", "a statement", "une déclaration")},
	{"no_action", L("قرار مسبب بعدم التحرك", "a reasoned decision to take no action", "une décision motivée de ne pas agir")},
	{NULL, L(NULL, NULL, NULL)},
};
#define F_STAMP(name, lab) {name, TS_TEXT, TS_F_DERIVED, lab, 40, 0, 0, 0, NULL, NULL, NULL}
static const ts_field alert_fields[] = {
	F_ID_AUTO,
	F_ENUM("kind", TS_F_REQUIRED, L("النوع", "Kind", "Type"), alert_kinds, NULL),
	F_REF("rule", 0, "alert_rule", L("القاعدة", "Rule", "Règle")),
	F_REF("country", TS_F_REQUIRED, "country", L("البلد", "Country", "Pays")),
	{"month", TS_TEXT, 0, L("الشهر المعني", "Month concerned", "Mois concerné"), 7, 0, 0, 0, NULL, NULL, "2023-05"},
	F_ENUM("severity", TS_F_REQUIRED, L("الخطورة", "Severity", "Gravité"), severity_values, NULL),
	F_TITLES(TS_F_REQUIRED),
	{"evidence", TS_TEXT, TS_F_LONG, L("الأدلة", "Evidence", "Éléments"), 20000, 0, 0, 0, NULL, NULL, NULL},
	F_REF("event", 0, "event", L("التقرير الميداني", "Field report", "Rapport de terrain")),
	{"status", TS_ENUM, TS_F_DERIVED, L("الحالة", "Status", "Statut"), 0, 0, 0, 0, alert_statuses, NULL, NULL, "open"},
	F_STAMP("raised_at", L("وقت الإنذار", "Raised at", "Levée le")),
	F_STAMP("raised_by", L("أطلقه", "Raised by", "Levée par")),
	F_STAMP("acknowledged_at", L("وقت الاطلاع", "Acknowledged at", "Prise en compte le")),
	F_STAMP("acknowledged_by", L("اطلع عليه", "Acknowledged by", "Prise en compte par")),
	F_ENUM("response_kind", 0, L("الاستجابة", "Response", "Réponse"), ts_response_kinds, NULL),
	F_REF("response_meeting", 0, "meeting", L("الاجتماع", "Meeting", "Réunion")),
	F_REF("response_resolution", 0, "resolution", L("القرار", "Resolution", "Résolution")),
	F_REF("response_mandate", 0, "mandate", L("التكليف", "Mandate", "Mandat")),
	/* a reference since migration 9 (mediation.h); the column was text before, and names written
	 * in it then moved into response_text */
	F_REF("response_process", 0, "process", L("عملية الوساطة", "Mediation process", "Processus de médiation")),
	{"response_text", TS_TEXT, TS_F_LONG, L("نص البيان أو أسباب القرار", "The statement, or the reasons of the decision", "La déclaration, ou les motifs de la décision"), 20000, 0, 0, 0, NULL, NULL, NULL},
	F_STAMP("responded_at", L("وقت الاستجابة", "Responded at", "Réponse le")),
	F_STAMP("responded_by", L("سجل الاستجابة", "Response recorded by", "Réponse enregistrée par")),
	F_STAMP("closed_at", L("وقت الإغلاق", "Closed at", "Close le")),
	F_STAMP("closed_by", L("أغلقه", "Closed by", "Close par")),
	{"hours_to_response", TS_INT, TS_F_DERIVED, L("الساعات حتى الاستجابة", "Hours from warning to response", "Heures entre alerte et réponse"), 0, 0, 0, 0, NULL, NULL, NULL},
	F_LEVEL,
	F_TEAM,
};
const ts_entity ts_entity_alert = {
	"alert", "alerts", "Alert", L("الإنذارات", "Alerts", "Alertes"), TS_E_AUTO_ID | TS_E_ACTIONS,
	alert_fields, N(alert_fields), NULL, 0, "raised_at", TS_ROLE_ANALYST | TS_ROLE_SECRETARIAT, NULL, NULL,
	.operations = {"POST /api/v1/alerts raises one, POST /api/v1/alerts/run runs the rules, "
		       "POST /api/v1/alerts/{id}/acknowledge, /respond and /close move it on",
		       "'tansiq alert run|ack|respond|close'"},
};

/* ---- guards ---- */

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

struct list_check {
	ts_store *st;
	ts_error *err;
};

/* Each code of a conflict's countries is a known country. */
static int country_known(void *ctx, const char *code, size_t len)
{
	struct list_check *c = ctx;
	json_t *rec;
	ts_error missing = TS_ERROR_INIT;

	if (len != 3 || ts_record_get(c->st, &ts_entity_country, code, &rec, &missing))
		return ts_fail(c->err, TS_INVALID_VALUE, "countries",
			       "'%.20s' is not the ISO alpha-3 code of a country in the list of countries; write codes such as "
			       "SDN SSD, separated by spaces", code);
	json_decref(rec);
	return 0;
}

/* Each root cause is a name of the vocabulary. */
static int cause_known(void *ctx, const char *cause, size_t len)
{
	struct list_check *c = ctx;
	char known[400] = "";

	(void)len;
	if (ts_enum_index(ts_root_causes, cause) >= 0)
		return 0;
	for (int i = 0; ts_root_causes[i].value; i++)
		snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s", i ? ", " : "", ts_root_causes[i].value);
	return ts_fail(c->err, TS_INVALID_VALUE, "root_causes", "'%.47s' is not a root cause; use these, separated by commas: %s",
		       cause, known);
}

static int conflict_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	struct list_check c = {st, err};

	(void)before;
	if (!rec)
		return 0;
	return ts_list_each(str(rec, "countries"), country_known, &c) || ts_list_each(str(rec, "root_causes"), cause_known, &c)
		       ? -1 : 0;
}

static int event_key(const json_t *rec, ts_event_key *k)
{
	k->country = str(rec, "country");
	k->admin1 = str(rec, "admin1");
	k->month = ts_month_parse(str(rec, "date"));
	k->type = str(rec, "event_type");
	k->level = str(rec, "level");
	k->team = str(rec, "team");
	return k->country && k->type && k->level && k->month >= 0 ? 0 : -1;
}

static long fatalities(const json_t *rec)
{
	return (long)json_integer_value(json_object_get(rec, "fatalities"));
}

/* Whether two versions of an event count the same in the aggregates: same key, same fatalities. */
static int same_counts(const json_t *a, const json_t *b)
{
	static const char *const keys[] = {"country", "admin1", "month", "event_type", "level", "team"};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t *x = json_object_get(a, keys[i]), *y = json_object_get(b, keys[i]);
		if (!json_equal(x ? x : json_null(), y ? y : json_null()))
			return 0;
	}
	return fatalities(a) == fatalities(b);
}

/* Field reports are written here, one at a time; imported events come from their datasets and
 * change only by importing again. Either way the aggregates follow in the same transaction. */
static int event_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	ts_event_key k;
	const char *ds = rec ? str(rec, "dataset") : NULL;
	const char *was = before ? str(before, "dataset") : NULL;

	if ((rec && ds && strcmp(ds, "field")) || (was && strcmp(was, "field")))
		return ts_fail(err, TS_INVALID_VALUE, "dataset",
			       "events from %s are written by importing their file again (tansiq import); only field reports "
			       "(dataset 'field') are filed, changed or deleted one at a time", rec && ds && strcmp(ds, "field") ? ds : was);
	if (rec) {
		const char *date = str(rec, "date");
		char month[8];
		const char *sub = str(rec, "sub_event_type");
		json_t *hi = json_object_get(rec, "fatalities_high"), *lo = json_object_get(rec, "fatalities_low");
		if (!date || strlen(date) != 10)
			return ts_fail(err, TS_INVALID_VALUE, "date", "an event's date is a day, YYYY-MM-DD (give date_precision "
				       "when the day is not known exactly)");
		if (sub && strcmp(ts_sub_event_parent(sub), str(rec, "event_type")))
			return ts_fail(err, TS_INVALID_VALUE, "sub_event_type",
				       "'%s' is a kind of %s, not of %s; choose a sub-type of the event type, or change the type",
				       sub, ts_sub_event_parent(sub), str(rec, "event_type"));
		if ((json_is_integer(hi) && json_integer_value(hi) < fatalities(rec)) ||
		    (json_is_integer(lo) && json_integer_value(lo) > fatalities(rec)))
			return ts_fail(err, TS_INVALID_VALUE, "fatalities",
				       "the best estimate of fatalities lies between the low and the high estimates");
		ts_month_format(ts_month_parse(date), month);
		json_object_set_new(rec, "month", json_string(month));
	}
	/* a change that moves nothing the aggregates count (notes, actors, a place) costs nothing */
	if (rec && before && same_counts(rec, before))
		return 0;
	if (before && event_key(before, &k) == 0 && ts_event_agg_add(st, &k, 1, fatalities(before), -1, err))
		return -1;
	if (rec && event_key(rec, &k) == 0 && ts_event_agg_add(st, &k, 1, fatalities(rec), +1, err))
		return -1;
	return 0;
}
