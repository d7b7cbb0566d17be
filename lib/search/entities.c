/* The document: the one description of what the archive holds (search.h). Came with migration 10. */
#include <string.h>

#include "tansiq/access.h"
#include "tansiq/conflicts.h" /* ts_list_each */
#include "tansiq/records.h"
#include "tansiq/registry.h"
#include "tansiq/search.h"
#include "../registry/fields.h"

const ts_enum_value ts_document_kinds[] = {
	{"resolution", L("نص قرار", "resolution text", "texte de résolution")},
	{"report", L("تقرير", "report", "rapport")},
	{"communique", L("بيان ختامي", "final communiqué", "communiqué final")},
	{"statement", L("كلمة أو بيان", "statement", "déclaration")},
	{"press", L("مقال صحفي", "press article", "article de presse")},
	{"note", L("مذكرة", "note", "note")},
	{NULL, L(NULL, NULL, NULL)},
};

static const ts_enum_value doc_langs[] = {
	{"ar", L("العربية", "Arabic", "arabe")},
	{"en", L("الإنجليزية", "English", "anglais")},
	{"fr", L("الفرنسية", "French", "français")},
	{NULL, L(NULL, NULL, NULL)},
};

static const ts_enum_value doc_formats[] = {
	{"text", L("نص", "text", "texte")},
	{"html", L("HTML", "HTML", "HTML")},
	{"pdf", L("PDF", "PDF", "PDF")},
	{NULL, L(NULL, NULL, NULL)},
};

static const ts_field document_fields[] = {
	F_ID_AUTO,
	{"title", TS_TEXT, TS_F_REQUIRED | TS_F_SEARCH | TS_F_TITLE, L("العنوان", "Title", "Titre"), 500, 0, 0, 0, NULL, NULL,
	 "Second OIC conference on mediation: summary report"},
	F_ENUM("lang", TS_F_REQUIRED, L("اللغة", "Language", "Langue"), doc_langs, NULL),
	F_ENUM("kind", TS_F_REQUIRED, L("النوع", "Kind", "Type"), ts_document_kinds, NULL),
	F_PDATE("date", 0, L("التاريخ", "Date", "Date")),
	F_REF("organ", 0, "organ", L("الجهاز", "Organ", "Organe")),
	F_TEXT("author", TS_F_SEARCH, L("المؤلف أو الجهة", "Author", "Auteur"), 200, "Ministry of Foreign Affairs of Türkiye"),
	F_REF("meeting", 0, "meeting", L("الاجتماع", "Meeting", "Réunion")),
	F_REF("resolution", 0, "resolution", L("القرار", "Resolution", "Résolution")),
	F_REF("conflict", 0, "conflict", L("النزاع", "Conflict", "Conflit")),
	F_REF("process", 0, "process", L("عملية الوساطة", "Mediation process", "Processus de médiation")),
	{"states", TS_TEXT, 0, L("الدول المعنية (رموز ISO مفصولة بمسافات)", "States (ISO alpha-3 codes, space-separated)",
				 "États (codes ISO alpha-3 séparés par des espaces)"), 400, 0, 0, 0, NULL, NULL, "SAU KWT"},
	{"persons", TS_TEXT, 0, L("الأشخاص المعنيون (معرّفات مفصولة بمسافات)", "People (ids, space-separated)",
				  "Personnes (identifiants séparés par des espaces)"), 400, 0, 0, 0, NULL, NULL, "hissein-brahim-taha"},
	F_TEXT("source", 0, L("الملف المصدر", "Source file", "Fichier source"), 300, "mediation-2018.pdf"),
	F_ENUM("format", 0, L("صيغة الملف", "File format", "Format du fichier"), doc_formats, NULL),
	{"body", TS_TEXT, TS_F_LONG, L("النص", "Text", "Texte"), TS_DOCUMENT_MAX_BODY, 0, 0, 0, NULL, NULL, NULL},
	F_LEVEL_AS("members"),
	F_TEAM,
};

struct list_check {
	ts_store *st;
	ts_error *err;
	const ts_entity *e;
	const char *field, *example;
};

/* Each id of a list names a record (whoever may read it: the link is kept). */
static int known(void *ctx, const char *id, size_t len)
{
	struct list_check *c = ctx;

	(void)len;
	return ts_record_id_known(c->st, c->e, id, c->field, c->example, c->err);
}

static int document_guard(ts_store *st, json_t *rec, const json_t *before, ts_error *err)
{
	struct list_check states = {st, err, ts_schema_entity(ts_schema_all(), "states"), "states", "SAU KWT"};
	struct list_check persons = {st, err, ts_schema_entity(ts_schema_all(), "persons"), "persons", "hissein-brahim-taha"};

	(void)before;
	if (!rec)
		return 0;
	return ts_list_each(json_string_value(json_object_get(rec, "states")), known, &states) ||
			       ts_list_each(json_string_value(json_object_get(rec, "persons")), known, &persons)
		       ? -1 : 0;
}

const ts_entity ts_entity_document = {
	"document", "documents", "Document", L("الوثائق", "Documents", "Documents"), TS_E_AUTO_ID,
	document_fields, N(document_fields), NULL, 0, "date",
	TS_ROLE_SECRETARIAT | TS_ROLE_ANALYST | TS_ROLE_MEDIATOR, NULL, document_guard,
};
