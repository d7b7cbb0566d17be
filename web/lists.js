// List pages: a table of any collection built from the schema, with filters on its
// enumerations, a search box (q), sortable columns and "load more" pagination.

import { h, route, uniqueId } from './dom.js';
import { t, lang, fmtCount, compare } from './i18n.js';
import { list, listAll } from './api.js';
import { entity, field, fieldLabel, entityLabel, nameBase, labelOf, enumLabel, displayName } from './schema.js';
import { valueNode, nameNode, memberNode, refText, timeNode } from './values.js';
import { errorBox } from './ui.js';
import { canWrite } from './rights.js';

/* Columns, filters and default order of each collection's list; anything not here
   gets a generic configuration derived from the schema. */
const LISTS = {
  states: { columns: ['@name', 'id', 'iso2', 'status', 'group', 'accession_year'], filters: ['status', 'group'], sort: '@name' },
  organs: { columns: ['@name', 'acronym', 'kind', 'cycle', 'parent'], filters: ['kind', 'cycle'], sort: '@name' },
  'contact-groups': { columns: ['@name', 'organ', 'established'], filters: [], sort: '@name' },
  organisations: { columns: ['@name', 'acronym', 'kind', 'observer_since', 'partner'], filters: ['kind', 'partner'], sort: '@name' },
  persons: { columns: ['@name', 'nationality'], filters: [], sort: '@name' },
  offices: { columns: ['@name', 'kind', 'organ', 'state', 'term_years'], filters: ['kind'], sort: '@name' },
  partnerships: { columns: ['@name', 'organisation', 'status', 'since'], filters: ['status'], sort: 'since' },
  'partnership-events': { columns: ['date', '@name', 'kind', 'partnership'], filters: ['kind'], sort: '-date' },
  'office-terms': { columns: ['office', 'person', 'start', 'end'], filters: [], sort: '-start' },
  'contact-group-members': { columns: ['group', '@member', 'role', 'since'], filters: ['role'], sort: 'group' },
  meetings: {
    columns: ['@name', 'start', 'organ', 'kind', 'status'],
    filters: ['organ', 'kind', 'status'],
    sort: '-start',
    head: () => calendarLink(),
  },
  resolutions: { columns: ['code', '@name', 'status', 'meeting', 'adopted_on'], filters: ['status', 'category', 'meeting'], sort: 'code', link: '@name' },
  votes: { columns: ['opened_at', 'resolution', 'meeting', 'method', 'status', 'outcome'], filters: ['status', 'outcome', 'method'], sort: '-opened_at' },
  'agenda-items': { columns: ['@name', 'number', 'meeting', 'resolution'], filters: ['meeting'], sort: 'number' },
  attendance: { columns: ['meeting', 'state', 'organisation', 'head_of_delegation'], filters: ['meeting'], sort: 'meeting' },
  paragraphs: { columns: ['resolution', 'kind', 'number', 'addressee', 'verbatim'], filters: ['kind', 'verbatim'], sort: 'number' },
  'resolution-sponsors': { columns: ['resolution', 'state'], filters: [], sort: 'state' },
  results: { columns: ['@name', 'code', 'kind', 'parent', 'start', 'end'], filters: ['kind', 'parent'], sort: 'code' },
  mandates: { columns: ['@name', 'addressee', 'due', 'recurrence', 'paragraph', 'result'], filters: ['addressee', 'recurrence'], sort: 'due' },
  'implementation-reports': { columns: ['reported_on', 'mandate', 'state', 'status', 'progress'], filters: ['status'], sort: '-reported_on' },
};

/* The link to the calendar feed of meetings (iCalendar), in the interface language. */
export function calendarLink() {
  const href = `/api/v1/calendar.ics?lang=${encodeURIComponent(lang())}`;
  return h('p', { class: 'feed-link' },
    h('a', { href, id: 'calendar-feed', type: 'text/calendar' }, t('meetings.calendar')),
    ' ', h('span', { class: 'hint' }, t('meetings.calendarHint')));
}

export function listConfig(ent) {
  const known = LISTS[ent.collection];
  const has = (n) => n.startsWith('@') || ent.fields.some((f) => f.name === n);
  if (known) {
    const cols = known.columns.filter((c) => (c === '@name' ? !!nameBase(ent) : c === '@member' ? has('state') || has('organ') : has(c)));
    if (cols.length) {
      return {
        columns: cols,
        filters: known.filters.filter(has),
        sort: known.sort,
        link: known.link && cols.includes(known.link) ? known.link : cols[0],
        head: known.head || null,
      };
    }
  }
  const cols = [];
  if (nameBase(ent)) cols.push('@name'); else cols.push('id');
  for (const f of ent.fields) {
    if (cols.length >= 6) break;
    if (f.name === 'id' || /_(ar|en|fr)$/.test(f.name)) continue;
    if (['enum', 'ref', 'int', 'pdate', 'bool'].includes(f.type)) cols.push(f.name);
  }
  return {
    columns: cols,
    link: cols[0],
    head: null,
    filters: ent.fields.filter((f) => f.type === 'enum' || f.type === 'bool').map((f) => f.name),
    sort: ent.default_sort && /_en$/.test(ent.default_sort) && nameBase(ent) ? '@name'
      : ent.default_sort || (nameBase(ent) ? '@name' : 'id'),
  };
}

/* The server-side field a column sorts on. */
export function sortFieldOf(ent, key) {
  if (key === '@name') { const b = nameBase(ent); return b ? `${b}_${lang()}` : 'id'; }
  if (key === '@member') return null;
  return key;
}

function columnLabel(ent, key) {
  if (key === '@name') return nameBase(ent) === 'title' ? t('col.title') : nameBase(ent) === 'action' ? t('col.action') : t('col.name');
  if (key === '@member') return t('col.member');
  return fieldLabel(ent, key);
}

function cellContent(ent, rec, key, link) {
  if (key === '@name') return nameNode(ent.collection, rec);
  if (key === '@member') return memberNode(rec, { link });
  if (key === 'id') return h('span', { class: 'code' }, String(rec.id ?? ''));
  if (key === 'code' && ent.collection === 'resolutions') return resolutionCode(rec);
  const f = field(ent, key);
  // Times recorded by the server (opened_at, cast_at): in the reader's time zone.
  if (f && f.type === 'text' && /_at$/.test(key)) return timeNode(rec[key]);
  return valueNode(ent, f, rec[key], { link });
}

/* A resolution's code: the Latin form (53/45-POL), or in Arabic its Arabic form (45/53-س). */
export function resolutionCode(rec) {
  if (lang() === 'ar' && rec.code_ar) return h('bdi', { class: 'code res-code', lang: 'ar', dir: 'rtl' }, rec.code_ar);
  if (rec.code) return h('bdi', { class: 'code res-code', dir: 'ltr' }, rec.code);
  return h('span', { class: 'unknown' }, t('res.noCode'));
}

/* A table of records. options: caption, sort ({key, desc}), onSort(key), link
   (the column that links each row to its record; default: the first column). */
export function dataTable(ent, rows, columns, options = {}) {
  const thead = h('thead', null, h('tr', null, columns.map((key) => {
    const label = columnLabel(ent, key);
    const sortable = options.onSort && sortFieldOf(ent, key);
    const th = h('th', { scope: 'col' });
    if (sortable) {
      const active = options.sort && options.sort.key === key;
      const desc = active && options.sort.desc;
      th.setAttribute('aria-sort', active ? (desc ? 'descending' : 'ascending') : 'none');
      th.append(h('button', {
        type: 'button',
        class: 'sort-button',
        onclick: () => options.onSort(key),
      }, label, h('span', { class: ['sort-icon', active ? 'active' : ''], 'aria-hidden': 'true' }, active ? (desc ? '▼' : '▲') : '↕')));
    } else {
      th.textContent = label;
    }
    return th;
  })));
  const tbody = h('tbody');
  appendRows(ent, tbody, rows, columns, options.link);
  const table = h('table', { class: 'data' },
    options.caption ? h('caption', { class: options.captionVisible ? null : 'vh' }, options.caption) : null,
    thead, tbody);
  return { wrap: h('div', { class: 'table-wrap' }, table), table, tbody };
}

export function appendRows(ent, tbody, rows, columns, linkKey = null) {
  const added = [];
  const linkAt = Math.max(0, columns.indexOf(linkKey));
  for (const rec of rows) {
    const tr = h('tr', { dataset: { id: String(rec.id) } });
    columns.forEach((key, i) => {
      if (i === linkAt) {
        const a = h('a', { href: route(ent.collection, rec.id) }, cellContent(ent, rec, key, false));
        tr.append(h('th', { scope: 'row' }, a));
        added.push(a);
      } else {
        tr.append(h('td', null, cellContent(ent, rec, key, true)));
      }
    });
    tbody.append(tr);
  }
  return added;
}

/* The list page of a collection: #/{collection}?q=..&sort=..&{field}=.. */
export function listPage(view, ctx, coll) {
  const ent = entity(coll);
  const cfg = listConfig(ent);
  const params = ctx.params;
  const st = { q: params.get('q') || '', sort: params.get('sort') || '', filters: {} };
  for (const [k, v] of params) {
    if (k !== 'q' && k !== 'sort' && field(ent, k) && v !== '') st.filters[k] = v;
  }

  const title = entityLabel(ent);
  ctx.setTitle(title);
  const header = h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, title));
  if (canWrite(coll) && !ent.actions) {
    const prefill = {};
    for (const [k, v] of Object.entries(st.filters)) if (field(ent, k) && field(ent, k).type === 'ref') prefill[k] = v;
    header.append(h('div', { class: 'actions' }, h('a', { class: 'button', href: route('new', coll, prefill) }, t('list.new'))));
  }
  view.append(header);
  if (cfg.head) {
    const extra = cfg.head();
    if (extra) view.append(extra);
  }

  // ---- filter form ----
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('list.filters') });
  const qId = 'filter-q';
  const qHint = uniqueId('hint');
  const qInput = h('input', { type: 'search', id: qId, name: 'q', value: st.q, 'aria-describedby': qHint, autocomplete: 'off' });
  form.append(h('div', { class: 'filter-field filter-search' }, h('label', { for: qId }, t('list.search')), qInput));
  const selects = {};
  for (const name of cfg.filters) {
    const f = field(ent, name);
    const id = `filter-${name}`;
    const sel = h('select', { id, name },
      h('option', { value: '' }, t('list.any')),
      f.type === 'bool'
        ? [h('option', { value: 'true' }, t('value.yes')), h('option', { value: 'false' }, t('value.no'))]
        : f.type === 'ref' ? null
          : f.values.map((v) => h('option', { value: v.value }, enumLabel(f, v.value))));
    if (f.type === 'ref') fillRefOptions(sel, f, st.filters[name] || '');
    sel.value = st.filters[name] || '';
    sel.addEventListener('change', () => {
      if (sel.value) st.filters[name] = sel.value; else delete st.filters[name];
      reload();
    });
    selects[name] = sel;
    form.append(h('div', { class: 'filter-field' }, h('label', { for: id }, labelOf(f)), sel));
  }
  const clearBtn = h('button', { type: 'button', class: 'button secondary' }, t('list.clear'));
  form.append(h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button' }, t('list.apply')), clearBtn));
  form.append(h('p', { class: 'hint filter-hint', id: qHint }, t('list.searchHint')));
  view.append(form);

  const chips = h('ul', { class: 'chips' });
  view.append(chips);

  const status = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'list-body' });
  const more = h('div', { class: 'more' });
  view.append(status, body, more);

  let debounce = null;
  qInput.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => { st.q = qInput.value.trim(); reload(); }, 350);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(debounce);
    st.q = qInput.value.trim();
    reload();
  });
  clearBtn.addEventListener('click', () => {
    st.q = ''; qInput.value = '';
    st.filters = {};
    for (const s of Object.values(selects)) s.value = '';
    reload();
    qInput.focus();
  });

  function sortState() {
    const s = st.sort || cfg.sort;
    const desc = s.startsWith('-');
    return { key: desc ? s.slice(1) : s, desc };
  }

  function syncUrl() {
    const p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
    for (const [k, v] of Object.entries(st.filters)) p.set(k, v);
    if (st.sort) p.set('sort', st.sort);
    const next = route(coll, p);
    if (location.hash !== next) history.replaceState(history.state, '', next);
  }

  function renderChips() {
    chips.replaceChildren();
    for (const [k, v] of Object.entries(st.filters)) {
      if (cfg.filters.includes(k)) continue;
      const f = field(ent, k);
      const fl = labelOf(f);
      const valueEl = f.type === 'ref' && f.ref ? refText(f.ref, v) : valueNode(ent, f, v, { link: false });
      chips.append(h('li', { class: 'chip' },
        h('span', null, fl, ': ', valueEl),
        h('button', {
          type: 'button',
          class: 'chip-remove',
          'aria-label': t('list.removeFilter', { field: fl }),
          onclick: () => { delete st.filters[k]; reload(); status.focus(); },
        }, '×')));
    }
    chips.hidden = !chips.children.length;
  }

  let seq = 0;
  let shown = 0;
  let tableParts = null;

  async function fetchPage(cursor) {
    const s = sortState();
    const sf = sortFieldOf(ent, s.key) || 'id';
    const p = { ...st.filters, sort: (s.desc ? '-' : '') + sf };
    if (st.q) p.q = st.q;
    if (cursor) p.cursor = cursor;
    return list(coll, p);
  }

  function moreButton(cursor) {
    more.replaceChildren();
    if (!cursor) return;
    const btn = h('button', { type: 'button', class: 'button secondary load-more' }, t('list.loadMore'));
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      const my = seq;
      try {
        const page = await fetchPage(cursor);
        if (my !== seq) return;
        const added = appendRows(ent, tableParts.tbody, page.items, cfg.columns, cfg.link);
        shown += page.items.length;
        status.textContent = t('list.count', { shown: fmtCount(shown), total: fmtCount(page.total) });
        moreButton(page.next_cursor);
        if (added.length) added[0].focus();
      } catch (e) {
        btn.disabled = false;
        more.append(errorBox(e));
      }
    });
    more.append(btn);
  }

  async function reload() {
    syncUrl();
    renderChips();
    const my = ++seq;
    body.setAttribute('aria-busy', 'true');
    try {
      const page = await fetchPage(null);
      if (my !== seq) return;
      shown = page.items.length;
      body.replaceChildren();
      if (!page.items.length) {
        status.textContent = t('list.empty');
        more.replaceChildren();
        return;
      }
      tableParts = dataTable(ent, page.items, cfg.columns, {
        link: cfg.link,
        caption: t('list.caption', { entity: title }),
        sort: sortState(),
        onSort: (key) => {
          const s = sortState();
          const next = s.key === key && !s.desc ? `-${key}` : key;
          st.sort = next === cfg.sort ? '' : next;
          reload().then(() => {
            const b = [...body.querySelectorAll('th[scope=col]')].find((th) => th.getAttribute('aria-sort') !== 'none' && th.getAttribute('aria-sort'));
            if (b && b.querySelector('button')) b.querySelector('button').focus();
          });
        },
      });
      body.append(tableParts.wrap);
      status.textContent = t('list.count', { shown: fmtCount(shown), total: fmtCount(page.total) });
      moreButton(page.next_cursor);
    } catch (e) {
      if (my !== seq) return;
      body.replaceChildren(errorBox(e));
      status.textContent = '';
      more.replaceChildren();
    } finally {
      if (my === seq) body.removeAttribute('aria-busy');
    }
  }

  status.tabIndex = -1;
  return reload();
}


/* The options of a filter on a reference (a meeting's organ): the records it may point to,
   by name in the interface language; the chosen value stays while they load. */
async function fillRefOptions(sel, f, chosen) {
  if (chosen) sel.append(h('option', { value: chosen }, chosen));
  sel.value = chosen;
  try {
    const rows = await listAll(f.ref);
    const opts = rows.map((r) => ({ id: String(r.id), name: displayName(f.ref, r) }))
      .sort((a, b) => compare(a.name.text, b.name.text));
    const keep = sel.value;
    sel.replaceChildren(h('option', { value: '' }, t('list.any')));
    for (const o of opts) {
      const opt = h('option', { value: o.id }, o.name.text);
      if (o.name.lang && o.name.lang !== lang()) opt.lang = o.name.lang;
      sel.append(opt);
    }
    if (keep && !opts.some((o) => o.id === keep)) sel.append(h('option', { value: keep }, keep));
    sel.value = keep;
  } catch {
    /* the filter keeps the chosen value only */
  }
}
