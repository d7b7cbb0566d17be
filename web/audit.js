// The audit log, for administrators (#/audit?collection=&record=&actor=&since=&until=):
// every change, newest first, filtered and paged with the server's cursor; each entry
// opens to show the record before and after, the changed fields marked.

import { h, route } from './dom.js';
import { t, fmtCount, fmtInt, compare } from './i18n.js';
import { auditPage, currentUser, isAdmin } from './api.js';
import { allEntities, entity, entityLabel, fieldLabel } from './schema.js';
import { timeNode } from './values.js';
import { errorBox, accessNeeded, roleLabel } from './ui.js';

const PAGE = 50;
const FILTERS = ['collection', 'record', 'actor', 'since', 'until'];
const OTHER_COLLECTIONS = ['accounts', 'api-tokens'];

export function collectionLabel(coll) {
  const ent = entity(coll);
  if (ent) return entityLabel(ent);
  const key = `audit.${coll}`;
  const s = t(key);
  return s === key ? coll : s;
}

/* The day after a YYYY-MM-DD date: "until" is exclusive on the server, inclusive here. */
function nextDay(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return d;
  const x = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return x.toISOString().slice(0, 10);
}

/* Where a changed record can be seen, when it still can. */
function recordHref(e) {
  if (e.action === 'delete' || !e.record) return null;
  if (e.collection === 'accounts') return route('users', e.record);
  if (entity(e.collection)) return route(e.collection, e.record);
  return null;
}

function same(a, b) { return JSON.stringify(a ?? null) === JSON.stringify(b ?? null); }

function valueCell(v, key) {
  if (v === null || v === undefined || v === '') return h('span', { class: 'unknown' }, t('value.empty'));
  if (typeof v === 'boolean') return document.createTextNode(v ? t('value.yes') : t('value.no'));
  if (Array.isArray(v)) {
    const items = v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x)));
    return h('span', { dir: 'auto' }, (key === 'roles' ? v.map((r) => `${r} (${roleLabel(r)})`) : items).join(t('list.sep')));
  }
  if (typeof v === 'object') return h('code', { dir: 'ltr' }, JSON.stringify(v));
  if (typeof v === 'number') return h('span', { class: 'num' }, String(v));
  return h('span', { dir: 'auto' }, String(v));
}

/* The fields of accounts and tokens (not in the schema): their labels, in this order. */
const OTHER_FIELDS = {
  accounts: {
    username: 'users.username', roles: 'users.roles', state: 'users.state', disabled: 'users.disabled',
    locked: 'users.statusLocked', failed_logins: 'users.failed', created: 'users.created',
    last_login: 'users.lastLogin', note: 'audit.note',
  },
  'api-tokens': { id: 'audit.id', name: 'tokens.name', account: 'audit.account', created: 'tokens.created', last_used: 'tokens.lastUsed' },
};

function fieldName(coll, key) {
  const ent = entity(coll);
  if (ent) return fieldLabel(ent, key);
  const k = OTHER_FIELDS[coll] && OTHER_FIELDS[coll][key];
  return k ? t(k) : key;
}

/* The fields of the record, in the schema's order, then any other. */
function fieldOrder(coll, before, after) {
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  const ent = entity(coll);
  const order = ent ? ent.fields.map((f) => f.name) : Object.keys(OTHER_FIELDS[coll] || {});
  const out = [];
  for (const name of order) if (keys.has(name)) { out.push(name); keys.delete(name); }
  return out.concat([...keys]);
}

function diffTable(e) {
  const before = e.before && typeof e.before === 'object' ? e.before : null;
  const after = e.after && typeof e.after === 'object' ? e.after : null;
  const cols = [before ? 'before' : null, after ? 'after' : null].filter(Boolean);
  const tbody = h('tbody');
  for (const key of fieldOrder(e.collection, before, after)) {
    const changed = before && after && !same(before[key], after[key]);
    tbody.append(h('tr', { class: changed ? 'changed' : null, dataset: changed ? { field: key, changed: 'true' } : { field: key } },
      h('th', { scope: 'row' },
        fieldName(e.collection, key),
        h('span', { class: 'field-name code', dir: 'ltr' }, key),
        changed ? h('span', { class: 'changed-mark' }, t('audit.changed')) : null),
      cols.map((c) => h('td', { class: `col-${c}` }, valueCell((c === 'before' ? before : after)[key], key)))));
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data diff' },
    h('caption', { class: 'vh' }, t('audit.caption', { seq: fmtInt(e.seq) })),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('audit.field')),
      cols.map((c) => h('th', { scope: 'col' }, t(`audit.${c}`))))),
    tbody));
}

function entryItem(e) {
  const href = recordHref(e);
  const action = ['create', 'update', 'delete'].includes(e.action) ? e.action : null;
  const changedCount = e.before && e.after ? fieldOrder(e.collection, e.before, e.after).filter((k) => !same(e.before[k], e.after[k])).length : 0;
  const summary = h('summary', null,
    h('span', { class: 'audit-when' }, timeNode(e.at, { seconds: true })),
    h('span', { class: `badge action action-${action || 'other'}` }, action ? t(`audit.${action}`) : String(e.action)),
    h('span', { class: 'audit-what' }, collectionLabel(e.collection), ' ', h('span', { class: 'code', dir: 'ltr' }, String(e.record ?? ''))),
    h('span', { class: 'audit-who muted' }, t('audit.by', { actor: e.actor }), ' · ', t('audit.from', { address: e.address })));
  const body = h('div', { class: 'audit-body' },
    h('p', { class: 'audit-meta muted' }, t('audit.seq', { seq: fmtInt(e.seq) }),
      href ? [' · ', h('a', { href }, t('audit.open'))] : null),
    diffTable(e));
  return h('li', { class: 'audit-entry', dataset: { seq: String(e.seq), action: e.action, collection: e.collection, record: e.record ?? '', changed: String(changedCount) } },
    h('details', null, summary, body));
}

export async function auditLogPage(view, ctx) {
  const title = t('audit.title');
  if (!currentUser() || !isAdmin()) { accessNeeded(view, ctx, title, !!currentUser()); return undefined; }
  ctx.setTitle(title);
  const st = {};
  for (const k of FILTERS) st[k] = ctx.params.get(k) || '';
  view.replaceChildren(h('h1', { tabindex: '-1' }, title), h('p', { class: 'lead' }, t('audit.intro')));

  // ---- filters ----
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('audit.filters'), id: 'audit-filters' });
  const colls = allEntities().map((e) => e.collection).concat(OTHER_COLLECTIONS)
    .map((c) => ({ c, label: collectionLabel(c) })).sort((a, b) => compare(a.label, b.label));
  const collSel = h('select', { id: 'audit-collection', name: 'collection' }, h('option', { value: '' }, t('list.any')),
    colls.map(({ c, label }) => h('option', { value: c }, label)));
  if (st.collection && ![...collSel.options].some((o) => o.value === st.collection)) collSel.append(h('option', { value: st.collection }, st.collection));
  collSel.value = st.collection;
  const text = (id, name, value) => h('input', { type: 'text', id, name, value, dir: 'ltr', autocomplete: 'off', spellcheck: 'false' });
  const recIn = text('audit-record', 'record', st.record);
  const actorIn = text('audit-actor', 'actor', st.actor);
  const sinceIn = h('input', { type: 'date', id: 'audit-since', name: 'since', value: st.since, 'aria-describedby': 'audit-dates-hint' });
  const untilIn = h('input', { type: 'date', id: 'audit-until', name: 'until', value: st.until, 'aria-describedby': 'audit-dates-hint' });
  const ff = (id, label, input) => h('div', { class: 'filter-field' }, h('label', { for: id }, label), input);
  const clearBtn = h('button', { type: 'button', class: 'button secondary', id: 'audit-clear' }, t('list.clear'));
  form.append(
    ff('audit-collection', t('audit.collection'), collSel),
    ff('audit-record', t('audit.record'), recIn),
    ff('audit-actor', t('audit.actor'), actorIn),
    ff('audit-since', t('audit.since'), sinceIn),
    ff('audit-until', t('audit.until'), untilIn),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button', id: 'audit-apply' }, t('list.apply')), clearBtn),
    h('p', { class: 'hint filter-hint', id: 'audit-dates-hint' }, t('audit.datesHint')));
  view.append(form);

  const status = h('p', { class: 'count', role: 'status', 'aria-live': 'polite', id: 'audit-status', tabindex: '-1' });
  const list = h('ol', { class: 'audit-list', id: 'audit-list' });
  const more = h('div', { class: 'more' });
  const errBox = h('div');
  view.append(status, errBox, list, more);

  function readForm() {
    st.collection = collSel.value;
    st.record = recIn.value.trim();
    st.actor = actorIn.value.trim();
    st.since = sinceIn.value;
    st.until = untilIn.value;
  }

  function syncUrl() {
    const p = {};
    for (const k of FILTERS) if (st[k]) p[k] = st[k];
    const next = route('audit', p);
    if (location.hash !== next) history.replaceState(history.state, '', next);
  }

  function query(cursor) {
    const q = { limit: PAGE, collection: st.collection, record: st.record, actor: st.actor, since: st.since };
    if (st.until) q.until = nextDay(st.until);
    if (cursor) q.cursor = cursor;
    return q;
  }

  let seq = 0;
  let shown = 0;

  function moreButton(cursor) {
    more.replaceChildren();
    if (!cursor) return;
    const btn = h('button', { type: 'button', class: 'button secondary load-more', id: 'audit-more' }, t('audit.more'));
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      const my = seq;
      try {
        const page = await auditPage(query(cursor));
        if (my !== seq) return;
        const items = Array.isArray(page && page.items) ? page.items : [];
        const added = items.map(entryItem);
        list.append(...added);
        shown += items.length;
        status.textContent = t('audit.count', { n: fmtCount(shown) });
        moreButton(page.next_cursor || null);
        if (added.length) added[0].querySelector('summary').focus();
      } catch (e) {
        btn.disabled = false;
        more.append(errorBox(e));
      }
    });
    more.append(btn);
  }

  async function reload() {
    syncUrl();
    const my = ++seq;
    errBox.replaceChildren();
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await auditPage(query(null));
      if (my !== seq) return;
      const items = Array.isArray(page && page.items) ? page.items : [];
      list.replaceChildren(...items.map(entryItem));
      shown = items.length;
      status.textContent = items.length ? t('audit.count', { n: fmtCount(shown) }) : t('audit.empty');
      moreButton(page.next_cursor || null);
    } catch (e) {
      if (my !== seq) return;
      list.replaceChildren();
      more.replaceChildren();
      status.textContent = '';
      errBox.replaceChildren(errorBox(e));
    } finally {
      if (my === seq) list.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); readForm(); reload(); });
  collSel.addEventListener('change', () => { readForm(); reload(); });
  clearBtn.addEventListener('click', () => {
    form.reset();
    collSel.value = ''; recIn.value = ''; actorIn.value = ''; sinceIn.value = ''; untilIn.value = '';
    readForm();
    reload();
    collSel.focus();
  });
  return reload();
}
