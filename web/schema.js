// The registry's schema as served by GET /api/v1/schema, normalised defensively:
// the server may send an array of entities, {"entities": [...]}, or an object keyed
// by collection; fields may be an array or an object keyed by name; enum values may
// be objects {value, labels} or plain strings.

import { get, API } from './api.js';
import { lang, t, has } from './i18n.js';

let entities = [];
const byCollection = new Map();

function asArray(x, keyName) {
  if (Array.isArray(x)) return x;
  if (x && typeof x === 'object') {
    return Object.entries(x).map(([k, v]) => (v && typeof v === 'object' ? { [keyName]: k, ...v } : { [keyName]: k }));
  }
  return [];
}

function normLabels(obj) {
  if (!obj || typeof obj !== 'object') return {};
  const l = obj.labels && typeof obj.labels === 'object' ? obj.labels : (obj.label && typeof obj.label === 'object' ? obj.label : {});
  const out = { ...l };
  if (typeof obj.label === 'string' && !out.en) out.en = obj.label;
  return out;
}

function normValue(v) {
  if (v && typeof v === 'object') return { value: String(v.value ?? v.name ?? ''), labels: normLabels(v) };
  return { value: String(v), labels: {} };
}

/* The server's type names and the contract's short names, mapped to one set. */
const TYPE_ALIASES = {
  integer: 'int', int: 'int', number: 'num', num: 'num',
  boolean: 'bool', bool: 'bool',
  date: 'pdate', pdate: 'pdate', partial_date: 'pdate',
  reference: 'ref', ref: 'ref',
  enum: 'enum', text: 'text', string: 'text',
};

function normField(f) {
  const rawType = String(f.type || 'text').toLowerCase();
  const type = TYPE_ALIASES[rawType] || (f.ref ? 'ref' : Array.isArray(f.values) ? 'enum' : 'text');
  return {
    name: String(f.name),
    type,
    required: !!f.required,
    labels: normLabels(f),
    values: type === 'enum' ? asArray(f.values ?? f.enum ?? [], 'value').map(normValue) : [],
    ref: f.ref ? String(f.ref) : null,
    max_length: Number.isFinite(f.max_length) ? f.max_length : (Number.isFinite(f.maxLength) ? f.maxLength : null),
    min: Number.isFinite(f.min) ? f.min : null,
    max: Number.isFinite(f.max) ? f.max : null,
    auto: !!f.auto,
    long: !!f.long,
    example: f.example !== undefined && f.example !== null ? String(f.example) : null,
    pattern: typeof f.pattern === 'string' ? f.pattern : null,
  };
}

function normEntity(e) {
  const collection = String(e.collection || e.name || '');
  const fields = asArray(e.fields, 'name').filter((f) => f && f.name).map(normField);
  const idField = fields.find((f) => f.name === 'id');
  return {
    name: String(e.name || collection),
    collection,
    labels: normLabels(e),
    fields,
    auto_id: e.auto_id !== undefined ? !!e.auto_id : !!(idField && idField.auto),
    default_sort: typeof e.default_sort === 'string' ? e.default_sort : null,
    // Written only through their own operations (votes, ballots): no generic write controls.
    actions: !!e.actions,
    // Kept as filed (implementation reports): created, never changed or deleted.
    append_only: !!e.append_only,
  };
}

export async function loadSchema() {
  const raw = await get(`${API}/schema`);
  let list;
  if (Array.isArray(raw)) list = raw;
  else if (raw && Array.isArray(raw.entities)) list = raw.entities;
  else if (raw && raw.entities && typeof raw.entities === 'object') list = asArray(raw.entities, 'collection');
  else list = asArray(raw, 'collection');
  entities = list.filter((e) => e && typeof e === 'object').map(normEntity).filter((e) => e.collection);
  byCollection.clear();
  for (const e of entities) {
    byCollection.set(e.collection, e);
    if (e.name && !byCollection.has(e.name)) byCollection.set(e.name, e);
  }
  return entities;
}

export function allEntities() { return entities; }
export function entity(coll) { return byCollection.get(coll) || null; }
export function field(ent, name) { return ent ? ent.fields.find((f) => f.name === name) || null : null; }

function humanize(name) {
  const s = String(name).replace(/[_-]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/* The label of an entity, field or enum value in the current language. */
export function labelOf(obj, fallbackName) {
  const l = obj && obj.labels ? obj.labels : {};
  return l[lang()] || l.en || l.fr || l.ar || humanize(fallbackName ?? obj?.name ?? '');
}

export function entityLabel(ent) {
  if (!ent) return '';
  const l = ent.labels || {};
  if (l[lang()]) return l[lang()];
  if (has(`entity.${ent.collection}`)) return t(`entity.${ent.collection}`);
  return l.en || humanize(ent.collection);
}

export function fieldLabel(ent, name) {
  const f = field(ent, name);
  return f ? labelOf(f) : humanize(name);
}

/* Enum labels may come in lower case ("member", "groupe arabe"), written to sit
   inside a sentence; standing alone (a cell, a badge, an option) they start with a
   capital letter. */
function upperFirst(s) {
  return s ? s.charAt(0).toLocaleUpperCase(lang()) + s.slice(1) : s;
}

export function enumLabel(f, value) {
  if (value === null || value === undefined) return '';
  const v = f && f.values ? f.values.find((x) => x.value === String(value)) : null;
  if (!v) return String(value);
  return upperFirst(v.labels[lang()] || v.labels.en || String(value));
}

/* The base of the entity's multilingual display field: 'name', 'title', or for a mandate the
   action it asks for. */
export function nameBase(ent) {
  if (!ent) return null;
  for (const base of ['name', 'title', 'action']) {
    if (ent.fields.some((f) => f.name === `${base}_en`) || ent.fields.some((f) => f.name === `${base}_ar`)) return base;
  }
  return null;
}

/* A multilingual value of a record: {text, lang} in the current language, else
   English, French, Arabic. */
export function localized(rec, base) {
  if (!rec) return null;
  const order = [lang(), 'en', 'fr', 'ar'];
  for (const l of order) {
    const v = rec[`${base}_${l}`];
    if (v !== null && v !== undefined && String(v).trim() !== '') return { text: String(v), lang: l };
  }
  return null;
}

/* The display name of a record with a name or title; else its acronym, else id. */
export function displayName(coll, rec) {
  if (!rec) return { text: '', lang: null };
  const ent = entity(coll);
  const base = nameBase(ent) || (rec.name_en !== undefined ? 'name' : rec.title_en !== undefined ? 'title' : null);
  const n = base ? localized(rec, base) : null;
  if (n) return n;
  if (rec.acronym) return { text: String(rec.acronym), lang: null };
  return { text: String(rec.id ?? ''), lang: null };
}
