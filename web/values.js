// Showing field values: enums by their label, references by the name of the record
// they point to (fetched and cached), partial dates in the interface language.

import { h, route, textIn } from './dom.js';
import { lang, t, fmtInt, fmtPdate, fmtDateTime } from './i18n.js';
import { getRecord } from './api.js';
import { entity, field, enumLabel, displayName, nameBase } from './schema.js';

/* The entities that link two records and have no name of their own. */
const LINK_TITLES = {
  'office-terms': ['person', 'office'],
  'contact-group-members': ['@member', 'group'],
};

function memberRef(rec) {
  if (rec.state) return ['states', rec.state];
  if (rec.organ) return ['organs', rec.organ];
  return [null, null];
}

async function refName(coll, id) {
  try {
    const rec = await getRecord(coll, id);
    if (!rec) return { text: String(id), lang: null };
    return await titleOf(coll, rec);
  } catch {
    return { text: String(id), lang: null };
  }
}

/* The title of any record, resolving references for link entities. */
export async function titleOf(coll, rec) {
  if (!rec) return { text: '', lang: null };
  const ent = entity(coll);
  if (nameBase(ent) || rec.name_en || rec.title_en) {
    const n = displayName(coll, rec);
    if (n.text) return n;
  }
  const parts = LINK_TITLES[coll] || (ent ? ent.fields.filter((f) => f.type === 'ref' && f.required).map((f) => f.name) : []);
  const names = [];
  for (const p of parts) {
    let rc; let rid;
    if (p === '@member') [rc, rid] = memberRef(rec);
    else { const f = field(ent, p); rc = f && f.ref; rid = rec[p]; }
    if (rc && rid) {
      // A link entity never points to another link entity here, so no deep recursion.
      const n = await refName(rc, rid);
      names.push(n.text);
    }
  }
  if (names.length) return { text: names.join(' — '), lang: null };
  return { text: String(rec.id ?? ''), lang: null };
}

/* A span whose text becomes the referenced record's name once known. */
export function refText(coll, id) {
  const span = h('span', { class: 'ref' }, String(id));
  refName(coll, id).then((n) => {
    span.textContent = n.text;
    if (n.lang && n.lang !== lang()) { span.lang = n.lang; span.dir = 'auto'; }
  });
  return span;
}

/* A link to the referenced record, labelled with its name. */
export function refLink(coll, id) {
  return h('a', { href: route(coll, id) }, refText(coll, id));
}

export function unknownNode() {
  return h('span', { class: 'unknown' }, t('value.unknown'));
}

/* The label of a value of an enumerated field of a collection (the value itself when the schema
   does not know the field). */
export function enumText(coll, name, value) {
  const f = field(entity(coll), name);
  return f ? enumLabel(f, value) : String(value ?? '');
}

/* The value of one field of a record, as a DOM node. */
export function valueNode(ent, f, value, { link = true } = {}) {
  if (value === null || value === undefined || value === '') return unknownNode();
  const type = f ? f.type : 'text';
  switch (type) {
    case 'enum':
      return h('span', { class: `enum enum-${String(value).replace(/[^a-z0-9_-]/gi, '')}` }, enumLabel(f, value));
    case 'bool':
      return document.createTextNode(value === true || value === 'true' || value === 1 ? t('value.yes') : t('value.no'));
    case 'int':
      return h('span', { class: 'num' }, fmtInt(value));
    case 'num':
      return h('span', { class: 'num', dir: 'ltr' }, String(value));
    case 'pdate':
      return h('time', { datetime: String(value) }, fmtPdate(value));
    case 'ref':
      if (f && f.ref) return link ? refLink(f.ref, value) : refText(f.ref, value);
      return document.createTextNode(String(value));
    default: {
      const m = f && /_(ar|en|fr)$/.exec(f.name);
      if (m) return textIn(String(value), m[1], lang());
      return document.createTextNode(String(value));
    }
  }
}

/* The name of a record as a node in the current language (marked when it falls back). */
export function nameNode(coll, rec) {
  const n = displayName(coll, rec);
  return textIn(n.text, n.lang, lang());
}

/* For the contact-group-members "member" column: the state or the organ. */
export function memberNode(rec, { link = true } = {}) {
  const [rc, rid] = memberRef(rec);
  if (!rc) return unknownNode();
  return link ? refLink(rc, rid) : refText(rc, rid);
}


/* A server time (UTC) as <time>, in the reader's language and time zone; the exact UTC
   value is in datetime and the tooltip. */
export function timeNode(iso, opts) {
  if (iso === null || iso === undefined || iso === '') return unknownNode();
  return h('time', { datetime: String(iso), title: String(iso) }, fmtDateTime(iso, opts));
}

/* Arabic-Indic digits typed on an Arabic keyboard, as the digits 0-9. */
export function westernDigits(s) {
  return String(s).replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660));
}
