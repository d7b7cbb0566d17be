/* The building blocks of entity descriptions that several modules share (internal to lib/):
 * labels in the three languages and the fields many entities have. */
#ifndef TANSIQ_FIELDS_H
#define TANSIQ_FIELDS_H

#include "tansiq/schema.h"

#define L(ar, en, fr) {ar, en, fr}
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Fields that many entities share, written once. */
#define F_ID_CODE(ex) {"id", TS_TEXT, TS_F_KEY | TS_F_REQUIRED, L("المعرّف", "Id", "Identifiant"), 63, 0, 0, TS_P_SLUG, NULL, NULL, ex}
#define F_ID_AUTO {"id", TS_TEXT, TS_F_KEY, L("المعرّف", "Id", "Identifiant"), 63, 0, 0, TS_P_SLUG, NULL, NULL, "eu-oic-2015-mou"}
#define F_NAMES(req, ex) \
	{"name_ar", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("الاسم بالعربية", "Name in Arabic", "Nom en arabe"), 200, 0, 0, 0, NULL, NULL, NULL}, \
	{"name_en", TS_TEXT, (req) | TS_F_SEARCH | TS_F_TITLE, L("الاسم بالإنجليزية", "Name in English", "Nom en anglais"), 200, 0, 0, 0, NULL, NULL, ex}, \
	{"name_fr", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("الاسم بالفرنسية", "Name in French", "Nom en français"), 200, 0, 0, 0, NULL, NULL, NULL}
#define F_TITLES(req) \
	{"title_ar", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("العنوان بالعربية", "Title in Arabic", "Titre en arabe"), 300, 0, 0, 0, NULL, NULL, NULL}, \
	{"title_en", TS_TEXT, (req) | TS_F_SEARCH | TS_F_TITLE, L("العنوان بالإنجليزية", "Title in English", "Titre en anglais"), 300, 0, 0, 0, NULL, NULL, NULL}, \
	{"title_fr", TS_TEXT, TS_F_SEARCH | TS_F_TITLE, L("العنوان بالفرنسية", "Title in French", "Titre en français"), 300, 0, 0, 0, NULL, NULL, NULL}
#define F_LONG3(base, lar, len, lfr) \
	{base "_ar", TS_TEXT, TS_F_LONG, L(lar " بالعربية", len " in Arabic", lfr " en arabe"), 0, 0, 0, 0, NULL, NULL, NULL}, \
	{base "_en", TS_TEXT, TS_F_LONG, L(lar " بالإنجليزية", len " in English", lfr " en anglais"), 0, 0, 0, 0, NULL, NULL, NULL}, \
	{base "_fr", TS_TEXT, TS_F_LONG, L(lar " بالفرنسية", len " in French", lfr " en français"), 0, 0, 0, 0, NULL, NULL, NULL}
#define F_INT(name, flags, lab, lo, hi, ex) {name, TS_INT, flags, lab, 0, lo, hi, 0, NULL, NULL, ex}
#define F_TEXT(name, flags, lab, len, ex) {name, TS_TEXT, flags, lab, len, 0, 0, 0, NULL, NULL, ex}
#define F_ENUM(name, flags, lab, vals, def) {name, TS_ENUM, flags, lab, 0, 0, 0, 0, vals, NULL, def, def}
#define F_BOOL(name, lab, def) {name, TS_BOOL, 0, lab, 0, 0, 0, 0, NULL, NULL, def, def}
/* Where a record's facts come from: a source document's number, a reference section. */
#define F_SOURCE {"source", TS_TEXT, 0, L("المصدر", "Source", "Source"), 200, 0, 0, 0, NULL, NULL, "003"}
#define F_NOTES {"notes", TS_TEXT, TS_F_LONG, L("ملاحظات", "Notes", "Notes"), 0, 0, 0, 0, NULL, NULL, NULL}
#define F_REF(name, flags, ref, lab) {name, TS_REF, flags, lab, 0, 0, 0, 0, NULL, ref, NULL}
#define F_PDATE(name, flags, lab) {name, TS_PDATE, flags, lab, 0, 0, 0, 0, NULL, NULL, "2018-11-29"}
/* Every record carries its confidentiality level (access.h); added by migration 4. */
extern const ts_enum_value ts_level_values[];
#define F_LEVEL_AS(def) {"level", TS_ENUM, 0, L("مستوى السرية", "Confidentiality", "Confidentialité"), 0, 0, 0, 0, ts_level_values, NULL, def, def, 4}
#define F_LEVEL F_LEVEL_AS("public")
/* The team that reads a restricted record (and, for mediators, writes it); added by migration 5. */
#define F_TEAM {"team", TS_REF, 0, L("الفريق", "Team", "Équipe"), 0, 0, 0, 0, NULL, "team", NULL, NULL, 5}
/* How much an item counts in the mean of its parent's progress (implementation.h). */
#define F_WEIGHT_SINCE(s) {"weight", TS_INT, 0, L("الوزن", "Weight", "Poids"), 0, 1, 1000, 0, NULL, NULL, "1", "1", s}
#define F_WEIGHT F_WEIGHT_SINCE(0)
#define F_ACRONYM {"acronym", TS_TEXT, TS_F_SEARCH, L("الاختصار", "Acronym", "Sigle"), 20, 0, 0, 0, NULL, NULL, "CFM"}


#endif
