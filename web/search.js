// Search (issue 8): the search box of the header, on every page, and the results page
// (#/search?q=...&type=&lang=&kind=&year=&organ=&offset=), drawn from GET /api/v1/search: the
// total, the hits (title and snippet with the matched words marked, the record's type, a
// document's kind, date and language), the facets as filters, and the pages of 20.
//
// The server decides what the reader may find: a record they may not read is not among the
// hits, not in the total and not in any facet's count. The page draws what it returns. The
// matched words come as arrays of segments (even plain, odd matched) and become <mark> elements
// built with the DOM: no text from the server is ever parsed as HTML.

import { h, route } from './dom.js';
import { t, tn, tParts, lang, dir, fmtCount, fmtInt, fmtPdate } from './i18n.js';
import { API, get, withQuery } from './api.js';
import { entity, entityLabel } from './schema.js';
import { enumText, refText } from './values.js';
import { errorBox } from './ui.js';

export const PAGE_SIZE = 20;
const FACETS = ['type', 'lang', 'kind', 'year', 'organ'];

/* ---------- pieces shared with documents.js ---------- */

/* The lang and dir attributes of a text in language l when it differs from the page's (none when
   it is the page's, or unknown). */
export function langAttrs(l) {
  if (!l || l === lang()) return {};
  return { lang: l, dir: dir(l) };
}

/* Segments (even indexes plain, odd ones matched) as text nodes and <mark>s. */
export function markedNodes(segments) {
  const out = [];
  if (!Array.isArray(segments)) return out;
  segments.forEach((s, i) => {
    const text = String(s ?? '');
    if (!text) return;
    out.push(i % 2 ? h('mark', null, text) : document.createTextNode(text));
  });
  return out;
}

/* A document language's name ("Arabic", "arabe", "العربية"): the schema's label. */
export function languageLabel(code) {
  return enumText('documents', 'lang', code);
}

/* The address of the search page for these parameters (empty ones left out, q kept even when
   empty so that the server says what is wrong with it). */
export function searchHash(params) {
  const p = new URLSearchParams();
  p.set('q', params.q ?? '');
  for (const k of [...FACETS, 'offset']) {
    const v = params[k];
    if (v !== null && v !== undefined && v !== '' && !(k === 'offset' && Number(v) === 0)) p.set(k, String(v));
  }
  return `#/search?${p.toString()}`;
}

/* The page of a hit: a document's, else the record's page of its collection. */
function hitHref(hit) {
  if (!hit || !hit.type || hit.id === undefined || hit.id === null) return null;
  return route(hit.type, hit.id);
}

function typeLabel(type) {
  const ent = entity(type);
  return ent ? entityLabel(ent) : String(type);
}

/* A facet value's label in the interface language. */
function facetLabel(facet, value) {
  switch (facet) {
    case 'type': return typeLabel(value);
    case 'lang': return languageLabel(value);
    case 'kind': return enumText('documents', 'kind', value);
    case 'year': return fmtInt(value);
    case 'organ': return refText('organs', value);
    default: return String(value);
  }
}

/* ---------- the header's search box ---------- */

let headerInput = null;
let headerLabel = null;
let headerButton = null;

/* The search form of the header. Enter (or its button) opens #/search?q=...; "/" anywhere
   outside a field moves the focus to it. again() is called when the address would not change
   (the same search asked for again). */
export function headerSearch(again) {
  headerInput = h('input', {
    type: 'search', id: 'site-search-q', name: 'q', autocomplete: 'off', enterkeyhint: 'search', dir: 'auto',
    'aria-keyshortcuts': '/', spellcheck: 'false',
  });
  headerLabel = h('label', { for: 'site-search-q', class: 'vh', id: 'site-search-label' });
  // A plain button that submits: the pages' own forms are the page's only submit buttons (tests
  // and scripts find them as button[type=submit]); Enter in the box submits the form all the same.
  headerButton = h('button', { type: 'button', class: 'site-search-button', id: 'site-search-submit' });
  const form = h('form', { class: 'site-search', id: 'site-search', role: 'search' }, headerLabel, headerInput, headerButton);
  headerButton.addEventListener('click', () => form.requestSubmit());
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = searchHash({ q: headerInput.value.trim() });
    if (location.hash === next) again();
    else location.hash = next;
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const el = ev.target;
    if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
    ev.preventDefault();
    headerInput.focus();
    headerInput.select();
  });
  updateHeaderSearch();
  return form;
}

/* The box's words in the interface language, and the query of the page shown in it. */
export function updateHeaderSearch() {
  if (!headerInput) return;
  headerLabel.textContent = t('search.label');
  headerInput.placeholder = t('search.placeholder');
  headerButton.textContent = t('search.button');
  headerInput.closest('form').setAttribute('aria-label', t('search.label'));
  const hash = location.hash || '';
  if (hash.startsWith('#/search')) {
    const qi = hash.indexOf('?');
    headerInput.value = new URLSearchParams(qi >= 0 ? hash.slice(qi + 1) : '').get('q') || '';
  }
}

/* ---------- #/search ---------- */

function readParams(params) {
  const st = { q: params.has('q') ? params.get('q') : null, offset: 0 };
  for (const k of FACETS) st[k] = params.get(k) || '';
  const off = Number.parseInt(params.get('offset') || '0', 10);
  st.offset = Number.isFinite(off) && off > 0 ? off : 0;
  return st;
}

export async function searchPage(view, ctx) {
  const st = readParams(ctx.params);
  updateHeaderSearch();
  const query = st.q === null ? null : st.q.trim();
  const qNode = (s) => h('bdi', { class: 'search-query', ...langAttrs(/[\u0600-\u06ff]/.test(s) ? 'ar' : null) }, s);
  ctx.setTitle(query ? t('search.titleFor', { q: query }) : t('search.title'));
  const h1 = h('h1', { tabindex: '-1', id: 'search-title' }, query ? tParts('search.titleFor', { q: qNode(query) }) : t('search.title'));
  view.append(h('div', { class: 'page-head' }, h1), pageForm(st));

  if (query === null) {
    view.append(h('div', { class: 'search-help', id: 'search-help' },
      h('p', { class: 'lead' }, t('search.intro')),
      h('ul', null, ['words', 'phrase', 'prefix', 'or', 'not'].map((k) => h('li', null, t(`search.syntax.${k}`))))));
    return;
  }

  let res;
  try {
    res = await get(withQuery(`${API}/search`, {
      q: st.q, type: st.type, lang: st.lang, kind: st.kind, year: st.year, organ: st.organ, limit: PAGE_SIZE, offset: st.offset,
    }));
  } catch (e) {
    view.append(h('div', { id: 'search-error' }, errorBox(e, t('search.failed'))));
    return;
  }

  const total = typeof res.total === 'number' ? res.total : 0;
  const items = Array.isArray(res.items) ? res.items : [];
  const active = FACETS.filter((k) => st[k]);

  view.append(h('p', { class: 'count search-total', id: 'search-total', role: 'status', dataset: { total: String(total) } },
    tn('search.totalN', total)));
  if (active.length) view.append(activeFilters(st, active));

  const layout = h('div', { class: 'search-layout' });
  view.append(layout);
  const results = h('div', { class: 'search-results' });
  layout.append(results, facetsPanel(st, res.facets || {}));

  if (!items.length) {
    results.append(h('div', { class: 'alert info search-empty', id: 'search-empty' },
      h('p', { class: 'alert-title' }, tParts('search.none', { q: qNode(query) })),
      h('p', null, t('search.noneHint')),
      active.length ? h('p', null, h('a', { href: searchHash({ q: st.q }), id: 'search-unfilter' }, t('search.removeAll'))) : null));
    return;
  }

  results.append(h('ol', { class: 'search-hits', id: 'search-hits', start: String(st.offset + 1) }, items.map(hitItem)));
  if (total > PAGE_SIZE) results.append(pager(st, total, items.length));
}

/* The form on the page: the words again, within the filters chosen. */
function pageForm(st) {
  const input = h('input', { type: 'search', id: 'search-page-q', name: 'q', value: st.q ?? '', autocomplete: 'off', dir: 'auto' });
  const form = h('form', { class: 'filters search-form', role: 'search', 'aria-label': t('search.label') },
    h('div', { class: 'filter-field filter-search' }, h('label', { for: 'search-page-q' }, t('search.words')), input),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button', id: 'search-page-submit' }, t('search.button'))),
    h('p', { class: 'hint filter-hint' }, t('search.hint')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = searchHash({ ...st, q: input.value.trim(), offset: 0 });
  });
  return form;
}

function hitItem(hit) {
  const l = hit.lang || null;
  const attrs = langAttrs(l);
  const href = hitHref(hit);
  const titleSegs = Array.isArray(hit.title_marked) ? hit.title_marked : [String(hit.title ?? hit.id ?? '')];
  const title = h('span', { class: 'hit-title-text', ...attrs }, markedNodes(titleSegs));
  const meta = h('p', { class: 'hit-meta' },
    h('span', { class: ['badge', 'hit-type', `type-${String(hit.type).replace(/[^a-z0-9-]/gi, '')}`] }, typeLabel(hit.type)));
  if (hit.type === 'documents') {
    if (hit.kind) meta.append(' ', h('span', { class: 'hit-kind' }, enumText('documents', 'kind', hit.kind)));
    if (hit.date) meta.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('time', { datetime: String(hit.date), class: 'hit-date' }, fmtPdate(hit.date)));
    if (l) meta.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'hit-lang' }, languageLabel(l)));
    if (hit.organ) meta.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'hit-organ' }, refText('organs', hit.organ)));
  } else if (l && l !== lang()) {
    meta.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'hit-lang' }, languageLabel(l)));
  }
  const snippet = Array.isArray(hit.snippet) && hit.snippet.some((s) => String(s ?? '').trim())
    ? h('p', { class: 'hit-snippet', ...attrs }, markedNodes(hit.snippet)) : null;
  return h('li', { class: 'hit', dataset: { type: String(hit.type), id: String(hit.id), lang: l || '' } },
    h('h2', { class: 'hit-title' }, href ? h('a', { href }, title) : title),
    meta, snippet);
}

/* The filters chosen, each removable. */
function activeFilters(st, active) {
  return h('ul', { class: 'chips search-chips', id: 'search-active', 'aria-label': t('search.activeFilters') }, active.map((k) => {
    const label = t(`search.facet.${k}`);
    return h('li', { class: 'chip', dataset: { facet: k, value: st[k] } },
      h('span', null, label, ': ', facetLabel(k, st[k])),
      h('a', {
        class: 'chip-remove', href: searchHash({ ...st, [k]: '', offset: 0 }), id: `search-remove-${k}`,
        'aria-label': t('list.removeFilter', { field: label }), title: t('list.removeFilter', { field: label }),
      }, '×'));
  }));
}

/* The facets: each value a link that filters by it, with its count; the chosen value marked, with
   a link that removes it. */
function facetsPanel(st, facets) {
  const panel = h('aside', { class: 'search-facets', id: 'search-facets', 'aria-label': t('search.facets') });
  for (const k of FACETS) {
    const values = Array.isArray(facets[k]) ? facets[k].filter((v) => v && v.value !== null && v.value !== undefined && v.value !== '') : [];
    if (st[k] && !values.some((v) => String(v.value) === st[k])) values.unshift({ value: st[k], count: 0 });
    if (!values.length) continue;
    const hid = `facet-${k}-h`;
    const ul = h('ul', { class: 'facet-values' }, values.map((v) => {
      const value = String(v.value);
      const on = st[k] === value;
      return h('li', { dataset: { value, count: String(v.count ?? 0) } },
        h('a', {
          class: ['facet-link', on ? 'active' : null], href: searchHash({ ...st, [k]: on ? '' : value, offset: 0 }),
          'aria-current': on ? 'true' : null,
          'aria-label': on ? `${t('list.removeFilter', { field: t(`search.facet.${k}`) })}` : null,
        }, h('span', { class: 'facet-label' }, facetLabel(k, value)), ' ', h('span', { class: 'facet-count' }, fmtCount(Number(v.count ?? 0)))));
    }));
    panel.append(h('section', { class: 'facet', dataset: { facet: k }, 'aria-labelledby': hid },
      h('h2', { id: hid }, t(`search.facet.${k}`)), ul));
  }
  return panel;
}

function pager(st, total, shown) {
  const from = st.offset + 1;
  const to = st.offset + shown;
  const nav = h('nav', { class: 'pager', id: 'search-pager', 'aria-label': t('search.pages') },
    h('p', { class: 'count' }, t('search.range', { from: fmtCount(from), to: fmtCount(to), total: fmtCount(total) })));
  const links = h('p', { class: 'pager-links' });
  if (st.offset > 0) {
    links.append(h('a', { class: 'button secondary', rel: 'prev', id: 'search-prev', href: searchHash({ ...st, offset: Math.max(0, st.offset - PAGE_SIZE) }) }, t('search.prev')));
  }
  if (to < total) {
    links.append(h('a', { class: 'button secondary', rel: 'next', id: 'search-next', href: searchHash({ ...st, offset: st.offset + PAGE_SIZE }) }, t('search.next')));
  }
  nav.append(links);
  return nav;
}
