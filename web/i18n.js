// Tansiq web application: user-interface strings in Arabic, English and French,
// the current language, and number and date formatting.
//
// Field labels and enumeration labels are NOT here: they come from the server's
// schema (GET /api/v1/schema), so that one description of each entity drives the
// API, the CLI and this application. The "entity.*" and "field.*" entries below are
// only fallbacks for a schema that lacks labels.

export const LANGS = ['ar', 'en', 'fr'];

/* Each language's name written in that language, for the switcher. */
export const LANG_NAMES = { ar: 'العربية', en: 'English', fr: 'Français' };

const STORAGE_LANG = 'tansiq.lang';
const STORAGE_DIGITS = 'tansiq.digits';

const NB = '\u00a0'; // no-break space before French high punctuation

const dict = {
  en: {
    'app.name': 'Tansiq',
    'app.tagline': 'Registry of the Organisation of Islamic Cooperation',
    'app.loading': 'Loading…',
    'app.noscript': 'Tansiq needs JavaScript to run.',
    'skip': 'Skip to main content',
    'nav.label': 'Main navigation',
    'nav.home': 'Home',
    'nav.states': 'States',
    'nav.organs': 'Organs',
    'nav.contactGroups': 'Contact groups',
    'nav.partners': 'Partners',
    'nav.persons': 'Persons',
    'nav.offices': 'Offices',
    'nav.registers': 'All registers',
    'lang.label': 'Language',
    'digits.label': 'Digits',
    'digits.latn': 'Western digits (123)',
    'digits.arab': 'Arabic-Indic digits (١٢٣)',
    'account.signIn': 'Sign in',
    'account.signOut': 'Sign out',
    'account.signedInAs': 'Signed in as {name}',
    'account.label': 'Account',
    'footer.text': 'Tansiq — the information system of the Organisation of Islamic Cooperation.',
    'footer.api': 'API description (OpenAPI)',
    'error.title': 'Something went wrong',
    'error.network': 'The server could not be reached. Check the connection and try again.',
    'error.status': 'Error {status}',
    'error.retry': 'Try again',
    'error.schema': 'The description of the registry could not be loaded.',
    'error.session': 'Your session has ended. Sign in again to continue.',
    'notFound.title': 'Page not found',
    'notFound.text': 'There is no page at this address.',
    'notFound.record': 'This record does not exist, or it has been deleted.',
    'notFound.home': 'Go to the home page',
    'value.unknown': 'not known',
    'value.yes': 'Yes',
    'value.no': 'No',
    'home.title': 'The organisation at a glance',
    'home.intro': 'The Organisation of Islamic Cooperation brings together states that take decisions together and carry them out. Tansiq records its member states, organs, offices and their holders, partner organisations and contact groups.',
    'home.memberStates': 'Member states',
    'home.inGoodStanding': 'In good standing: {n}',
    'home.suspended': 'Suspended: {n}',
    'home.observers': 'Observer states',
    'home.byGroup': 'Member states by geographic group',
    'home.organs': 'Organs',
    'home.organisations': 'International organisations',
    'home.partners': 'Partner organisations',
    'home.contactGroups': 'Contact groups',
    'home.sg': 'Secretary-General',
    'home.sgSince': 'In office since {date}',
    'home.sgNone': 'No current Secretary-General is recorded.',
    'home.registry': 'The registry',
    'list.search': 'Search',
    'list.searchHint': 'Searches the names in Arabic, English and French.',
    'list.apply': 'Apply',
    'list.clear': 'Clear filters',
    'list.any': 'All',
    'list.loadMore': 'Load more',
    'list.count': 'Showing {shown} of {total}',
    'list.empty': 'No records match these filters.',
    'list.filters': 'Filters',
    'list.filteredBy': '{field}: {value}',
    'list.removeFilter': 'Remove the filter {field}',
    'list.new': 'New record',
    'list.sortAsc': 'sorted ascending',
    'list.sortDesc': 'sorted descending',
    'list.sortBy': 'Sort by {field}',
    'list.caption': '{entity}: list',
    'col.name': 'Name',
    'col.title': 'Title',
    'col.member': 'Member',
    'col.record': 'Record',
    'profile.details': 'Details',
    'profile.edit': 'Edit',
    'profile.delete': 'Delete',
    'profile.breadcrumb': 'Breadcrumb',
    'profile.add': 'Add',
    'profile.none': 'None recorded.',
    'profile.open': 'Open',
    'profile.field': 'Field',
    'profile.value': 'Value',
    'state.contactGroups': 'Contact groups',
    'state.offices': 'Offices',
    'state.persons': 'Persons of this nationality',
    'organ.children': 'Subordinate organs',
    'organ.offices': 'Offices',
    'organ.contactGroups': 'Contact groups',
    'organ.memberships': 'Member of contact groups',
    'cg.members': 'Members',
    'org.partnerships': 'Partnerships',
    'org.timeline': 'Timeline',
    'org.addEvent': 'Add an event',
    'org.noEvents': 'No events recorded.',
    'office.holders': 'Holders over time',
    'office.present': 'present',
    'person.offices': 'Offices held',
    'term.period': '{start} – {end}',
    'form.new': 'New record: {entity}',
    'form.edit': 'Edit: {name}',
    'form.save': 'Save',
    'form.cancel': 'Cancel',
    'form.required': 'required',
    'form.notKnown': '— not known —',
    'form.choose': '— choose —',
    'form.pdateHint': 'A year, a month or a day: YYYY, YYYY-MM or YYYY-MM-DD.',
    'form.maxLength': 'At most {n} characters.',
    'form.range': 'From {min} to {max}.',
    'form.min': 'At least {min}.',
    'form.max': 'At most {max}.',
    'form.autoId': 'Leave empty and one will be generated.',
    'form.example': 'Example: {value}.',
    'form.idFixed': 'The identifier cannot be changed.',
    'form.errorTitle': 'The record was not saved',
    'form.saved': 'Saved.',
    'form.created': 'Created.',
    'form.deleted': 'Deleted.',
    'form.noChanges': 'Nothing was changed.',
    'form.saving': 'Saving…',
    'form.signInNeeded': 'You need to sign in to create, edit or delete records.',
    'form.fieldError': '{field}: {detail}',
    'form.invalid': 'This value is not valid.',
    'delete.title': 'Delete this record?',
    'delete.text': '“{name}” will be deleted. This cannot be undone.',
    'delete.confirm': 'Delete',
    'delete.cancel': 'Cancel',
    'delete.failed': 'The record was not deleted',
    'signin.title': 'Sign in',
    'signin.intro': 'Administrators sign in to create, edit and delete records.',
    'signin.username': 'User name',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.failed': 'Sign-in failed',
    'signin.done': 'You are signed in.',
    'signin.already': 'You are signed in as {name}.',
    'signout.done': 'You are signed out.',
    'registers.title': 'All registers',
    'registers.intro': 'Every kind of record the registry holds.',
    'registers.count': 'Records: {n}',
    'doc.title': '{page} — Tansiq',
    'entity.states': 'States',
    'entity.organisations': 'Organisations',
    'entity.partnerships': 'Partnerships',
    'entity.partnership-events': 'Partnership events',
    'entity.organs': 'Organs',
    'entity.persons': 'Persons',
    'entity.offices': 'Offices',
    'entity.office-terms': 'Terms of office',
    'entity.contact-groups': 'Contact groups',
    'entity.contact-group-members': 'Contact group members',
  },

  fr: {
    'app.name': 'Tansiq',
    'app.tagline': 'Registre de l’Organisation de la coopération islamique',
    'app.loading': 'Chargement…',
    'app.noscript': 'Tansiq a besoin de JavaScript pour fonctionner.',
    'skip': 'Aller au contenu principal',
    'nav.label': 'Navigation principale',
    'nav.home': 'Accueil',
    'nav.states': 'États',
    'nav.organs': 'Organes',
    'nav.contactGroups': 'Groupes de contact',
    'nav.partners': 'Partenaires',
    'nav.persons': 'Personnes',
    'nav.offices': 'Fonctions',
    'nav.registers': 'Tous les registres',
    'lang.label': 'Langue',
    'digits.label': 'Chiffres',
    'digits.latn': 'Chiffres occidentaux (123)',
    'digits.arab': 'Chiffres arabes orientaux (١٢٣)',
    'account.signIn': 'Se connecter',
    'account.signOut': 'Se déconnecter',
    'account.signedInAs': `Connecté${NB}: {name}`,
    'account.label': 'Compte',
    'footer.text': 'Tansiq — le système d’information de l’Organisation de la coopération islamique.',
    'footer.api': 'Description de l’API (OpenAPI)',
    'error.title': 'Une erreur est survenue',
    'error.network': 'Le serveur est injoignable. Vérifiez la connexion puis réessayez.',
    'error.status': 'Erreur {status}',
    'error.retry': 'Réessayer',
    'error.schema': 'La description du registre n’a pas pu être chargée.',
    'error.session': 'Votre session a pris fin. Reconnectez-vous pour continuer.',
    'notFound.title': 'Page introuvable',
    'notFound.text': 'Il n’y a pas de page à cette adresse.',
    'notFound.record': 'Cet enregistrement n’existe pas ou a été supprimé.',
    'notFound.home': 'Aller à l’accueil',
    'value.unknown': 'inconnu',
    'value.yes': 'Oui',
    'value.no': 'Non',
    'home.title': 'L’Organisation en bref',
    'home.intro': 'L’Organisation de la coopération islamique réunit des États qui décident ensemble et mettent en œuvre leurs décisions. Tansiq recense ses États membres, ses organes, les fonctions et leurs titulaires, les organisations partenaires et les groupes de contact.',
    'home.memberStates': 'États membres',
    'home.inGoodStanding': `De plein exercice${NB}: {n}`,
    'home.suspended': `Suspendus${NB}: {n}`,
    'home.observers': 'États observateurs',
    'home.byGroup': 'États membres par groupe géographique',
    'home.organs': 'Organes',
    'home.organisations': 'Organisations internationales',
    'home.partners': 'Organisations partenaires',
    'home.contactGroups': 'Groupes de contact',
    'home.sg': 'Secrétaire général',
    'home.sgSince': `En fonction depuis${NB}: {date}`,
    'home.sgNone': 'Aucun secrétaire général en fonction n’est enregistré.',
    'home.registry': 'Le registre',
    'list.search': 'Rechercher',
    'list.searchHint': 'Recherche dans les noms en arabe, en anglais et en français.',
    'list.apply': 'Appliquer',
    'list.clear': 'Effacer les filtres',
    'list.any': 'Tous',
    'list.loadMore': 'Afficher plus',
    'list.count': '{shown} sur {total}',
    'list.empty': 'Aucun enregistrement ne correspond à ces filtres.',
    'list.filters': 'Filtres',
    'list.filteredBy': `{field}${NB}: {value}`,
    'list.removeFilter': 'Retirer le filtre {field}',
    'list.new': 'Nouvel enregistrement',
    'list.sortAsc': 'tri croissant',
    'list.sortDesc': 'tri décroissant',
    'list.sortBy': 'Trier par {field}',
    'list.caption': `{entity}${NB}: liste`,
    'col.name': 'Nom',
    'col.title': 'Intitulé',
    'col.member': 'Membre',
    'col.record': 'Enregistrement',
    'profile.details': 'Informations',
    'profile.edit': 'Modifier',
    'profile.delete': 'Supprimer',
    'profile.breadcrumb': 'Fil d’Ariane',
    'profile.add': 'Ajouter',
    'profile.none': 'Aucun enregistrement.',
    'profile.open': 'Ouvrir',
    'profile.field': 'Champ',
    'profile.value': 'Valeur',
    'state.contactGroups': 'Groupes de contact',
    'state.offices': 'Fonctions',
    'state.persons': 'Personnes de cette nationalité',
    'organ.children': 'Organes subordonnés',
    'organ.offices': 'Fonctions',
    'organ.contactGroups': 'Groupes de contact',
    'organ.memberships': 'Membre de groupes de contact',
    'cg.members': 'Membres',
    'org.partnerships': 'Partenariats',
    'org.timeline': 'Chronologie',
    'org.addEvent': 'Ajouter un événement',
    'org.noEvents': 'Aucun événement enregistré.',
    'office.holders': 'Titulaires successifs',
    'office.present': 'aujourd’hui',
    'person.offices': 'Fonctions exercées',
    'term.period': '{start} – {end}',
    'form.new': `Nouvel enregistrement${NB}: {entity}`,
    'form.edit': `Modifier${NB}: {name}`,
    'form.save': 'Enregistrer',
    'form.cancel': 'Annuler',
    'form.required': 'obligatoire',
    'form.notKnown': '— inconnu —',
    'form.choose': '— choisir —',
    'form.pdateHint': `Une année, un mois ou un jour${NB}: AAAA, AAAA-MM ou AAAA-MM-JJ.`,
    'form.maxLength': '{n} caractères au plus.',
    'form.range': 'De {min} à {max}.',
    'form.min': 'Au moins {min}.',
    'form.max': 'Au plus {max}.',
    'form.autoId': 'Laisser vide pour qu’il soit généré.',
    'form.example': `Exemple${NB}: {value}.`,
    'form.idFixed': 'L’identifiant ne peut pas être modifié.',
    'form.errorTitle': 'L’enregistrement n’a pas été sauvegardé',
    'form.saved': 'Enregistré.',
    'form.created': 'Créé.',
    'form.deleted': 'Supprimé.',
    'form.noChanges': 'Rien n’a été modifié.',
    'form.saving': 'Enregistrement…',
    'form.signInNeeded': 'Connectez-vous pour créer, modifier ou supprimer des enregistrements.',
    'form.fieldError': `{field}${NB}: {detail}`,
    'form.invalid': 'Cette valeur n’est pas valide.',
    'delete.title': `Supprimer cet enregistrement${NB}?`,
    'delete.text': `«${NB}{name}${NB}» sera supprimé. Cette action est irréversible.`,
    'delete.confirm': 'Supprimer',
    'delete.cancel': 'Annuler',
    'delete.failed': 'L’enregistrement n’a pas été supprimé',
    'signin.title': 'Connexion',
    'signin.intro': 'Les administrateurs se connectent pour créer, modifier et supprimer des enregistrements.',
    'signin.username': 'Nom d’utilisateur',
    'signin.password': 'Mot de passe',
    'signin.submit': 'Se connecter',
    'signin.failed': 'La connexion a échoué',
    'signin.done': 'Vous êtes connecté.',
    'signin.already': 'Vous êtes connecté en tant que {name}.',
    'signout.done': 'Vous êtes déconnecté.',
    'registers.title': 'Tous les registres',
    'registers.intro': 'Tous les types d’enregistrements que contient le registre.',
    'registers.count': `Enregistrements${NB}: {n}`,
    'doc.title': '{page} — Tansiq',
    'entity.states': 'États',
    'entity.organisations': 'Organisations',
    'entity.partnerships': 'Partenariats',
    'entity.partnership-events': 'Événements des partenariats',
    'entity.organs': 'Organes',
    'entity.persons': 'Personnes',
    'entity.offices': 'Fonctions',
    'entity.office-terms': 'Mandats',
    'entity.contact-groups': 'Groupes de contact',
    'entity.contact-group-members': 'Membres des groupes de contact',
  },

  ar: {
    'app.name': 'تنسيق',
    'app.tagline': 'سجل منظمة التعاون الإسلامي',
    'app.loading': 'جارٍ التحميل…',
    'app.noscript': 'يحتاج «تنسيق» إلى جافاسكربت ليعمل.',
    'skip': 'انتقل إلى المحتوى الرئيسي',
    'nav.label': 'القائمة الرئيسية',
    'nav.home': 'الرئيسية',
    'nav.states': 'الدول',
    'nav.organs': 'الأجهزة',
    'nav.contactGroups': 'مجموعات الاتصال',
    'nav.partners': 'الشركاء',
    'nav.persons': 'الأشخاص',
    'nav.offices': 'المناصب',
    'nav.registers': 'جميع السجلات',
    'lang.label': 'اللغة',
    'digits.label': 'الأرقام',
    'digits.latn': 'أرقام غربية (123)',
    'digits.arab': 'أرقام عربية مشرقية (١٢٣)',
    'account.signIn': 'تسجيل الدخول',
    'account.signOut': 'تسجيل الخروج',
    'account.signedInAs': 'مسجَّل الدخول باسم {name}',
    'account.label': 'الحساب',
    'footer.text': 'تنسيق — نظام المعلومات لمنظمة التعاون الإسلامي.',
    'footer.api': 'وصف واجهة البرمجة (OpenAPI)',
    'error.title': 'حدث خطأ',
    'error.network': 'تعذّر الاتصال بالخادم. تحقّق من الاتصال ثم أعد المحاولة.',
    'error.status': 'خطأ {status}',
    'error.retry': 'أعد المحاولة',
    'error.schema': 'تعذّر تحميل وصف السجل.',
    'error.session': 'انتهت جلستك. سجّل الدخول من جديد للمتابعة.',
    'notFound.title': 'الصفحة غير موجودة',
    'notFound.text': 'لا توجد صفحة بهذا العنوان.',
    'notFound.record': 'هذا السجل غير موجود، أو قد حُذف.',
    'notFound.home': 'العودة إلى الصفحة الرئيسية',
    'value.unknown': 'غير معروف',
    'value.yes': 'نعم',
    'value.no': 'لا',
    'home.title': 'المنظمة في لمحة',
    'home.intro': 'تجمع منظمة التعاون الإسلامي دولًا تتخذ قراراتها معًا وتعمل على تنفيذها. يسجّل «تنسيق» الدول الأعضاء والأجهزة والمناصب وشاغليها والمنظمات الشريكة ومجموعات الاتصال.',
    'home.memberStates': 'الدول الأعضاء',
    'home.inGoodStanding': 'كاملة العضوية: {n}',
    'home.suspended': 'معلّقة العضوية: {n}',
    'home.observers': 'الدول المراقبة',
    'home.byGroup': 'الدول الأعضاء حسب المجموعة الجغرافية',
    'home.organs': 'الأجهزة',
    'home.organisations': 'المنظمات الدولية',
    'home.partners': 'المنظمات الشريكة',
    'home.contactGroups': 'مجموعات الاتصال',
    'home.sg': 'الأمين العام',
    'home.sgSince': 'في المنصب منذ {date}',
    'home.sgNone': 'لا يوجد أمين عام حالي مسجَّل.',
    'home.registry': 'السجل',
    'list.search': 'بحث',
    'list.searchHint': 'يبحث في الأسماء بالعربية والإنجليزية والفرنسية.',
    'list.apply': 'تطبيق',
    'list.clear': 'مسح عوامل التصفية',
    'list.any': 'الكل',
    'list.loadMore': 'عرض المزيد',
    'list.count': 'عرض {shown} من {total}',
    'list.empty': 'لا توجد سجلات مطابقة لهذه الشروط.',
    'list.filters': 'التصفية',
    'list.filteredBy': '{field}: {value}',
    'list.removeFilter': 'إزالة شرط التصفية {field}',
    'list.new': 'سجل جديد',
    'list.sortAsc': 'مرتّب تصاعديًا',
    'list.sortDesc': 'مرتّب تنازليًا',
    'list.sortBy': 'الترتيب حسب {field}',
    'list.caption': '{entity}: قائمة',
    'col.name': 'الاسم',
    'col.title': 'المسمّى',
    'col.member': 'العضو',
    'col.record': 'السجل',
    'profile.details': 'البيانات',
    'profile.edit': 'تعديل',
    'profile.delete': 'حذف',
    'profile.breadcrumb': 'مسار التنقل',
    'profile.add': 'إضافة',
    'profile.none': 'لا شيء مسجَّل.',
    'profile.open': 'فتح',
    'profile.field': 'الحقل',
    'profile.value': 'القيمة',
    'state.contactGroups': 'مجموعات الاتصال',
    'state.offices': 'المناصب',
    'state.persons': 'أشخاص من هذه الجنسية',
    'organ.children': 'الأجهزة التابعة',
    'organ.offices': 'المناصب',
    'organ.contactGroups': 'مجموعات الاتصال',
    'organ.memberships': 'العضوية في مجموعات الاتصال',
    'cg.members': 'الأعضاء',
    'org.partnerships': 'الشراكات',
    'org.timeline': 'التسلسل الزمني',
    'org.addEvent': 'إضافة حدث',
    'org.noEvents': 'لا توجد أحداث مسجَّلة.',
    'office.holders': 'شاغلو المنصب عبر الزمن',
    'office.present': 'حتى الآن',
    'person.offices': 'المناصب التي شغلها',
    'term.period': '{start} – {end}',
    'form.new': 'سجل جديد: {entity}',
    'form.edit': 'تعديل: {name}',
    'form.save': 'حفظ',
    'form.cancel': 'إلغاء',
    'form.required': 'إلزامي',
    'form.notKnown': '— غير معروف —',
    'form.choose': '— اختر —',
    'form.pdateHint': 'سنة أو شهر أو يوم: YYYY أو YYYY-MM أو YYYY-MM-DD.',
    'form.maxLength': '{n} حرفًا على الأكثر.',
    'form.range': 'من {min} إلى {max}.',
    'form.min': '{min} على الأقل.',
    'form.max': '{max} على الأكثر.',
    'form.autoId': 'اتركه فارغًا ليُولَّد تلقائيًا.',
    'form.example': 'مثال: {value}.',
    'form.idFixed': 'لا يمكن تغيير المعرِّف.',
    'form.errorTitle': 'لم يُحفظ السجل',
    'form.saved': 'تم الحفظ.',
    'form.created': 'تم الإنشاء.',
    'form.deleted': 'تم الحذف.',
    'form.noChanges': 'لم يتغيّر شيء.',
    'form.saving': 'جارٍ الحفظ…',
    'form.signInNeeded': 'يجب تسجيل الدخول لإنشاء السجلات أو تعديلها أو حذفها.',
    'form.fieldError': '{field}: {detail}',
    'form.invalid': 'هذه القيمة غير صالحة.',
    'delete.title': 'حذف هذا السجل؟',
    'delete.text': 'سيُحذف «{name}». لا يمكن التراجع عن ذلك.',
    'delete.confirm': 'حذف',
    'delete.cancel': 'إلغاء',
    'delete.failed': 'لم يُحذف السجل',
    'signin.title': 'تسجيل الدخول',
    'signin.intro': 'يسجّل المسؤولون الدخول لإنشاء السجلات وتعديلها وحذفها.',
    'signin.username': 'اسم المستخدم',
    'signin.password': 'كلمة المرور',
    'signin.submit': 'دخول',
    'signin.failed': 'تعذّر تسجيل الدخول',
    'signin.done': 'تم تسجيل الدخول.',
    'signin.already': 'أنت مسجَّل الدخول باسم {name}.',
    'signout.done': 'تم تسجيل الخروج.',
    'registers.title': 'جميع السجلات',
    'registers.intro': 'كل أنواع السجلات التي يحفظها النظام.',
    'registers.count': 'عدد السجلات: {n}',
    'doc.title': '{page} — تنسيق',
    'entity.states': 'الدول',
    'entity.organisations': 'المنظمات',
    'entity.partnerships': 'الشراكات',
    'entity.partnership-events': 'أحداث الشراكات',
    'entity.organs': 'الأجهزة',
    'entity.persons': 'الأشخاص',
    'entity.offices': 'المناصب',
    'entity.office-terms': 'فترات شغل المناصب',
    'entity.contact-groups': 'مجموعات الاتصال',
    'entity.contact-group-members': 'أعضاء مجموعات الاتصال',
  },
};

let current = 'en';
let digits = 'latn';

function storageGet(key) {
  try { return window.localStorage.getItem(key); } catch { return null; }
}
function storageSet(key, value) {
  try { window.localStorage.setItem(key, value); } catch { /* private mode: the choice lasts for the page */ }
}

/* The language to start with: the stored choice, else the first of the browser's
   preferred languages that we have, else English. */
export function detectLang() {
  const stored = storageGet(STORAGE_LANG);
  if (stored && LANGS.includes(stored)) return stored;
  const prefs = (navigator.languages && navigator.languages.length)
    ? navigator.languages : [navigator.language || 'en'];
  for (const p of prefs) {
    const base = String(p).toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

export function lang() { return current; }
export function dir(l = current) { return l === 'ar' ? 'rtl' : 'ltr'; }

/* Applies a language to the document. remember: store it as the user's choice. */
export function setLang(l, remember = false) {
  if (!LANGS.includes(l)) l = 'en';
  current = l;
  const root = document.documentElement;
  root.lang = l;
  root.dir = dir(l);
  if (remember) storageSet(STORAGE_LANG, l);
}

export function initDigits() {
  const d = storageGet(STORAGE_DIGITS);
  digits = d === 'arab' ? 'arab' : 'latn';
}
export function digitsPref() { return digits; }
export function setDigits(d) {
  digits = d === 'arab' ? 'arab' : 'latn';
  storageSet(STORAGE_DIGITS, digits);
}

/* Arabic-Indic digits apply only to the Arabic interface. */
function useArabicDigits() { return current === 'ar' && digits === 'arab'; }

export function t(key, params) {
  let s = dict[current][key];
  if (s === undefined) s = dict.en[key];
  if (s === undefined) return key;
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) => (params[name] !== undefined && params[name] !== null ? String(params[name]) : m));
  }
  return s;
}

/* Like t(), but the parameters may be DOM nodes: returns an array of strings and
   nodes to append, so a value can carry its own markup (a link, a data attribute). */
export function tParts(key, params) {
  let s = dict[current][key];
  if (s === undefined) s = dict.en[key];
  if (s === undefined) return [key];
  return s.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? (params && params[part] !== undefined ? params[part] : `{${part}}`) : part))
    .filter((x) => x !== '');
}

export function has(key) { return dict.en[key] !== undefined; }

function intlLocale() {
  const base = current === 'en' ? 'en-GB' : current === 'fr' ? 'fr-FR' : 'ar';
  return base + (useArabicDigits() ? '-u-nu-arab' : '-u-nu-latn');
}

/* A count, with the language's grouping. */
export function fmtCount(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n ?? '');
  try { return new Intl.NumberFormat(intlLocale()).format(n); } catch { return String(n); }
}

/* A code-like integer (a year, a Gleditsch-Ward code): no grouping separators. */
export function fmtInt(n) {
  if (n === null || n === undefined) return '';
  const s = String(n);
  return useArabicDigits() ? s.replace(/[0-9]/g, (c) => String.fromCharCode(0x0660 + Number(c))) : s;
}

/* A partial date: YYYY, YYYY-MM or YYYY-MM-DD. Anything else is shown as it is. */
export function fmtPdate(v) {
  if (v === null || v === undefined || v === '') return '';
  const s = String(v);
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return s;
  const [, y, mo, d] = m;
  if (!mo) return fmtInt(y);
  try {
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
    const opts = { year: 'numeric', month: 'long', timeZone: 'UTC' };
    if (d) opts.day = 'numeric';
    return new Intl.DateTimeFormat(intlLocale(), opts).format(date);
  } catch {
    return s;
  }
}

/* Compares two strings in the current language's collation. */
export function compare(a, b) {
  try { return new Intl.Collator(current).compare(a, b); } catch { return a < b ? -1 : a > b ? 1 : 0; }
}
