// Early warning: the alerts and what was done about them. The list (#/alerts: filters by status,
// severity and country, newest first, each alert's severity, country, title, status, age and the
// time from warning to response; the Atom feed; for analysts and the secretariat, running the
// rules and raising an alert by hand) and an alert's page (#/alerts/ID: the evidence that raised
// it, its life cycle as a timeline, and the one step the reader may take next, or why they may
// not). The count of open alerts the reader may read sits beside "Alerts" in the navigation.
//
// The server decides everything (who may act, what the alert's state allows, the hours to the
// response); the page draws what it returns and shows its refusals by field.

import { h, route, textIn } from './dom.js';
import { LANGS, t, tn, tParts, lang, dir, digitsPref, fmtCount, fmtInt, fmtPdate, fmtPercent, compare } from './i18n.js';
import {
  API, get, request, recordPath, getRecord, list, listAll, clearCache, currentUser, hasAnyRole, hasRole, ApiError,
} from './api.js';
import { entity, field, enumLabel, labelOf, localized, displayName } from './schema.js';
import { timeNode, unknownNode, enumText } from './values.js';
import { errorBox, flash, formField, formErrors, problemItems, problemParts } from './ui.js';
import { breadcrumb, notFoundRecord } from './profile.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'];
export const STATUSES = ['open', 'acknowledged', 'responded', 'closed'];
const KINDS = ['meeting', 'resolution', 'mandate', 'mediation_process', 'statement', 'no_action'];
/* The field a response of each kind names, and the collection it is chosen from. */
const RESPONSE_REF = {
  meeting: ['response_meeting', 'meetings'],
  resolution: ['response_resolution', 'resolutions'],
  mandate: ['response_mandate', 'mandates'],
  mediation_process: ['response_process', 'processes'],
};

/* ---------- the API ---------- */

export const ALERTS_FEED = `${API}/alerts.atom`;

export function getAlert(id) {
  return get(recordPath('alerts', id)).catch((e) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

/* Every change to the alerts: the cache goes and the navigation's count follows. */
async function post(path, body = {}) {
  const out = await request('POST', path, body);
  clearCache();
  refreshAlertCount();
  return out;
}

const alertStep = (id, step, body) => post(`${recordPath('alerts', id)}/${step}`, body);
const raiseAlert = (body) => post(`${API}/alerts`, body);
const runRules = () => post(`${API}/alerts/run`);

/* How many alerts a run raised, whatever the shape of the answer. */
function raisedCount(out) {
  if (Array.isArray(out)) return out.length;
  if (!out || typeof out !== 'object') return 0;
  for (const k of ['raised', 'items', 'alerts']) {
    if (Array.isArray(out[k])) return out[k].length;
    if (typeof out[k] === 'number') return out[k];
  }
  return typeof out.count === 'number' ? out.count : 0;
}

/* ---------- who may do what (the server decides; this spares refused buttons) ---------- */

const isStaff = () => hasAnyRole('admin', 'secretariat');
const mayRaise = () => hasAnyRole('admin', 'secretariat', 'analyst');

/* ---------- the count in the navigation ---------- */

let countSeq = 0;

/* Adds (or refreshes) the count of open alerts beside the navigation link a. */
export function alertNavBadge(a) {
  const my = ++countSeq;
  a.querySelector('.nav-count')?.remove();
  list('alerts', { status: 'open', limit: 1 }).then((page) => {
    if (my !== countSeq || !a.isConnected) return;
    a.querySelector('.nav-count')?.remove();
    const n = page.total;
    if (!n) return;
    a.append(' ', h('span', { class: 'badge nav-count', id: 'alerts-count', dataset: { count: String(n) } },
      h('span', { 'aria-hidden': 'true' }, fmtCount(n)), h('span', { class: 'vh' }, tn('alerts.openCount', n))));
  }).catch(() => { /* no count: the link alone */ });
}

/* After an action: the navigation's count follows. */
export function refreshAlertCount() {
  const a = document.querySelector('#nav-list a[data-nav="alerts"]');
  if (a) alertNavBadge(a);
}

/* ---------- small pieces ---------- */

function alertField(name) { return field(entity('alerts'), name); }

export function severityBadge(s) {
  const v = SEVERITIES.includes(s) ? s : 'low';
  return h('span', { class: ['badge', 'severity', `severity-${v}`], dataset: { severity: v } }, enumText('alerts', 'severity', v));
}

export function alertStatusBadge(s) {
  const v = STATUSES.includes(s) ? s : 'open';
  return h('span', { class: ['badge', 'astatus', `astatus-${v}`], dataset: { status: v } }, enumText('alerts', 'status', v));
}

/* The alert's title in the interface language (marked when it falls back to another). */
function titleNode(a) {
  const n = localized(a, 'title');
  return n ? textIn(n.text, n.lang, lang()) : document.createTextNode(String(a.id));
}

function titleText(a) {
  const n = localized(a, 'title');
  return n ? n.text : String(a.id);
}

function intlLocale() {
  const base = lang() === 'en' ? 'en-GB' : lang() === 'fr' ? 'fr-FR' : 'ar';
  return base + (lang() === 'ar' && digitsPref() === 'arab' ? '-u-nu-arab' : '-u-nu-latn');
}

/* How long ago a server time was: "3 hours ago", "il y a 2 jours", "منذ يومين". */
export function ageText(iso, now = Date.now()) {
  const d = new Date(String(iso));
  if (!iso || Number.isNaN(d.getTime())) return '';
  const s = Math.max(0, (now - d.getTime()) / 1000);
  let n; let unit;
  if (s < 3600) { n = Math.floor(s / 60); unit = 'minute'; } else if (s < 48 * 3600) { n = Math.floor(s / 3600); unit = 'hour'; } else if (s < 60 * 86400) { n = Math.floor(s / 86400); unit = 'day'; } else if (s < 730 * 86400) { n = Math.floor(s / (30.44 * 86400)); unit = 'month'; } else { n = Math.floor(s / (365.25 * 86400)); unit = 'year'; }
  try {
    return new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' }).format(-n, unit);
  } catch {
    return `${n} ${unit}`;
  }
}

function ageNode(iso) {
  if (!iso) return unknownNode();
  return h('time', { datetime: String(iso), title: String(iso), class: 'age' }, ageText(iso));
}

/* The hours from warning to response: "26 hours", with the days beside when there are many. */
export function hoursText(hours) {
  const n = Number(hours);
  if (!Number.isFinite(n)) return '';
  if (n === 0) return t('alerts.underHour');
  const s = tn('alerts.hours', n);
  return n >= 48 ? `${s} (${tn('alerts.days', Math.round(n / 24))})` : s;
}

function hoursNode(a) {
  if (a.hours_to_response === null || a.hours_to_response === undefined) {
    return h('span', { class: 'muted' }, a.status === 'open' || a.status === 'acknowledged' ? t('alerts.awaiting') : '—');
  }
  return h('span', { class: 'hours', dataset: { hours: String(a.hours_to_response) } }, hoursText(a.hours_to_response));
}

/* The countries of the world, by code, read once for the filters, the names and the map. */
let countriesP = null;
export function countries() {
  if (!countriesP) {
    countriesP = listAll('countries', { limit: 1000 }).then((rows) => {
      const m = new Map();
      for (const r of rows) m.set(String(r.id), r);
      return m;
    }).catch((e) => { countriesP = null; throw e; });
  }
  return countriesP;
}

function countryName(map, code) {
  const rec = map && map.get(String(code));
  return rec ? displayName('countries', rec) : { text: String(code ?? ''), lang: null };
}

/* A country, linked to its page (the country pages are the map's; the record page otherwise). */
export function countryLink(map, code) {
  if (!code) return unknownNode();
  const n = countryName(map, code);
  return h('a', { href: route('countries', code), class: 'country-link', dataset: { country: String(code) } }, textIn(n.text, n.lang, lang()));
}

export function countryOptions(map) {
  return [...map.values()].map((r) => ({ id: String(r.id), name: displayName('countries', r) }))
    .sort((a, b) => compare(a.name.text, b.name.text))
    .map((o) => {
      const opt = h('option', { value: o.id }, `${o.name.text} (${o.id})`);
      if (o.name.lang && o.name.lang !== lang()) opt.lang = o.name.lang;
      return opt;
    });
}

/* ---------- the list ---------- */

const FILTERS = ['status', 'severity', 'country'];

export async function alertsPage(view, ctx) {
  ctx.setTitle(t('alerts.title'));
  const st = {};
  for (const k of FILTERS) st[k] = ctx.params.get(k) || '';

  view.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('alerts.title'))),
    h('p', { class: 'lead' }, t('alerts.intro')),
    h('p', { class: 'alerts-links' },
      h('a', { href: ALERTS_FEED, id: 'alerts-feed', type: 'application/atom+xml', class: 'feed-atom' }, t('alerts.feed')), ' ',
      h('span', { class: 'hint' }, t('alerts.feedHint')), ' · ',
      h('a', { href: route('conflict-stats'), id: 'alerts-stats-link' }, t('cstats.title'))));

  // For analysts and the secretariat: run the rules, raise an alert.
  const actions = h('div', { class: 'alerts-actions', id: 'alerts-actions' });
  const runStatus = h('p', { class: 'run-status', id: 'run-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  if (mayRaise()) {
    const run = h('button', { type: 'button', class: 'button secondary', id: 'run-rules' }, t('alerts.run'));
    run.addEventListener('click', async () => {
      run.disabled = true;
      runStatus.replaceChildren(t('alerts.running'));
      try {
        const out = await runRules();
        const n = raisedCount(out);
        runStatus.replaceChildren(n ? tn('alerts.raisedN', n) : t('alerts.raisedNone'));
        await reload();
      } catch (e) {
        runStatus.replaceChildren(errorBox(e, t('alerts.runFailed')));
      } finally {
        run.disabled = false;
        runStatus.focus();
      }
    });
    actions.append(h('div', { class: 'form-buttons' }, run, h('span', { class: 'hint' }, t('alerts.runHint'))), runStatus);
    actions.append(raiseForm());
    view.append(actions);
  }

  // ---- filters ----
  const form = h('form', { class: 'filters alert-filters', role: 'search', 'aria-label': t('alerts.filters') });
  const selects = {};
  const any = () => h('option', { value: '' }, t('list.any'));
  const control = (name, label, input) => {
    input.id = `alerts-${name}`;
    input.name = name;
    selects[name] = input;
    form.append(h('div', { class: 'filter-field' }, h('label', { for: input.id }, label), input));
  };
  control('status', labelOf(alertField('status'), 'status'), h('select', null, any(),
    STATUSES.map((s) => h('option', { value: s }, enumText('alerts', 'status', s)))));
  control('severity', labelOf(alertField('severity'), 'severity'), h('select', null, any(),
    SEVERITIES.map((s) => h('option', { value: s }, enumText('alerts', 'severity', s)))));
  control('country', labelOf(alertField('country'), 'country'), h('select', null, any()));
  const clearBtn = h('button', { type: 'button', class: 'button secondary', id: 'alerts-clear' }, t('list.clear'));
  form.append(h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button', id: 'alerts-apply' }, t('list.apply')), clearBtn));
  const status = h('p', { class: 'count', id: 'alerts-status', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { class: 'alerts-body', id: 'alerts-body', 'aria-busy': 'true' });
  const more = h('p', { class: 'more' });
  view.append(form, status, out, more);
  for (const k of FILTERS) selects[k].value = st[k];

  let cmap = new Map();
  try {
    cmap = await countries();
    selects.country.append(...countryOptions(cmap));
  } catch { /* codes only */ }
  if (st.country && ![...selects.country.options].some((o) => o.value === st.country)) {
    selects.country.append(h('option', { value: st.country }, st.country));
  }
  selects.country.value = st.country;

  let seq = 0;
  let tbody = null;
  let shown = 0;

  function params() {
    const p = { sort: '-raised_at' };
    for (const k of FILTERS) if (st[k]) p[k] = st[k];
    return p;
  }

  function syncUrl() {
    const q = {};
    for (const k of FILTERS) if (st[k]) q[k] = st[k];
    const next = route('alerts', q);
    if (location.hash !== next) history.replaceState(history.state, '', next);
  }

  function row(a) {
    return h('tr', { dataset: { alert: String(a.id), status: a.status || '', severity: a.severity || '' }, class: `sev-${a.severity || 'low'}` },
      h('td', null, severityBadge(a.severity)),
      h('td', null, countryLink(cmap, a.country)),
      h('th', { scope: 'row' }, h('a', { href: route('alerts', a.id), class: 'alert-link' }, titleNode(a)),
        a.kind ? h('span', { class: 'alert-kind' }, ' · ', enumText('alerts', 'kind', a.kind)) : null),
      h('td', null, alertStatusBadge(a.status)),
      h('td', null, ageNode(a.raised_at)),
      h('td', { class: 'response-cell' }, hoursNode(a)));
  }

  function showPage(page, first) {
    if (first) {
      out.replaceChildren();
      if (!page.items.length) {
        out.append(h('p', { class: 'muted', id: 'alerts-empty' }, t('alerts.none')));
        tbody = null;
      } else {
        tbody = h('tbody');
        const cols = ['alerts.col.severity', 'alerts.col.country', 'alerts.col.alert', 'alerts.col.status', 'alerts.col.raised', 'alerts.col.response'];
        out.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data alerts-table', id: 'alerts-table' },
          h('caption', { class: 'vh' }, t('alerts.title')),
          h('thead', null, h('tr', null, cols.map((k) => h('th', { scope: 'col' }, t(k))))), tbody)));
      }
      shown = 0;
    }
    if (tbody) for (const a of page.items) tbody.append(row(a));
    shown += page.items.length;
    status.textContent = t('list.count', { shown: fmtCount(shown), total: fmtCount(page.total) });
    more.replaceChildren();
    if (page.next_cursor) {
      const b = h('button', { type: 'button', class: 'button secondary load-more' }, t('list.loadMore'));
      b.addEventListener('click', async () => {
        b.disabled = true;
        try {
          showPage(await list('alerts', { ...params(), cursor: page.next_cursor }), false);
        } catch (e) {
          more.replaceChildren(errorBox(e));
        }
      });
      more.append(b);
    }
  }

  async function reload() {
    syncUrl();
    const my = ++seq;
    out.setAttribute('aria-busy', 'true');
    try {
      const page = await list('alerts', params());
      if (my !== seq) return;
      showPage(page, true);
    } catch (e) {
      if (my !== seq) return;
      out.replaceChildren(errorBox(e));
      status.textContent = '';
      more.replaceChildren();
    } finally {
      if (my === seq) out.removeAttribute('aria-busy');
    }
  }

  for (const k of FILTERS) selects[k].addEventListener('change', () => { st[k] = selects[k].value; reload(); });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const k of FILTERS) st[k] = selects[k].value;
    reload();
  });
  clearBtn.addEventListener('click', () => {
    for (const k of FILTERS) { st[k] = ''; selects[k].value = ''; }
    reload();
    selects.status.focus();
  });
  await reload();
}

/* "Raise an alert": country, severity, the title in up to three languages, the month concerned,
   the field report it comes from and the evidence; POST /api/v1/alerts. */
function raiseForm() {
  const details = h('details', { class: 'raise-alert', id: 'raise-alert' }, h('summary', { id: 'raise-toggle' }, t('alerts.raise')));
  const summary = h('div', { class: 'error-summary', id: 'raise-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const fields = {};
  const mk = (name, input, opts = {}) => {
    input.name = name;
    const f = formField({ id: `raise-${name}`, label: labelOf(alertField(name), name), input, ...opts });
    f.wrap.dataset.field = name;
    fields[name] = f;
    return f.wrap;
  };
  const country = h('select', null, h('option', { value: '' }, t('form.choose')));
  const severity = h('select', null, h('option', { value: '' }, t('form.choose')),
    SEVERITIES.map((s) => h('option', { value: s }, enumText('alerts', 'severity', s))));
  const langs = [lang(), ...LANGS.filter((l) => l !== lang())];
  const submit = h('button', { type: 'submit', class: 'button', id: 'raise-submit' }, t('alerts.raiseSubmit'));
  const form = h('form', { class: 'record-form raise-form', id: 'raise-form', novalidate: true, 'aria-labelledby': 'raise-toggle' },
    h('p', { class: 'hint' }, t('alerts.raiseIntro')),
    mk('country', country, { required: true }),
    mk('severity', severity, { required: true }),
    langs.map((l) => mk(`title_${l}`, h('input', { type: 'text', lang: l, dir: dir(l), autocomplete: 'off' }),
      { required: l === 'en', hint: l === 'en' ? t('alerts.titleHint') : null })),
    mk('month', h('input', { type: 'text', dir: 'ltr', class: 'short', placeholder: 'YYYY-MM', autocomplete: 'off' }), { hint: t('alerts.monthHint') }),
    mk('event', h('input', { type: 'text', dir: 'ltr', class: 'short', autocomplete: 'off', inputmode: 'numeric' }), { hint: t('alerts.eventHint') }),
    mk('evidence', h('textarea', { rows: '4', dir: 'auto' }), { hint: t('alerts.evidenceHint') }),
    h('div', { class: 'form-buttons' }, submit));
  details.append(summary, form);
  const errs = formErrors(summary, fields);
  let filled = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || filled) return;
    filled = true;
    try {
      country.append(...countryOptions(await countries()));
    } catch (e) {
      summary.replaceChildren(errorBox(e));
    }
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    errs.clear();
    const body = {};
    for (const [name, c] of Object.entries(fields)) {
      const v = c.input.value.trim();
      if (v) body[name] = v;
    }
    // Evidence typed as JSON goes as typed; plain text is kept as a note of the figures seen.
    submit.disabled = true;
    try {
      const a = await raiseAlert(body);
      flash(t('alerts.raised'));
      location.hash = route('alerts', a.id);
    } catch (e) {
      submit.disabled = false;
      errs.show(t('alerts.raiseFailed'), problemItems(e));
    }
  });
  return details;
}

/* ---------- an alert's page ---------- */

export async function alertPage(view, ctx, id) {
  const a = await getAlert(id);
  if (!a) { notFoundRecord(view, ctx); return; }
  let cmap = null;
  try { cmap = await countries(); } catch { cmap = new Map(); }
  ctx.setTitle(titleText(a));
  view.replaceChildren();
  view.append(breadcrumb([
    { href: '#/', text: t('nav.home') },
    { href: route('alerts'), text: t('alerts.title') },
    { node: titleNode(a) },
  ]));
  const h1 = h('h1', { tabindex: '-1', id: 'alert-title' }, titleNode(a));
  const head = h('div', { class: 'page-head alert-head', dataset: { status: a.status || '', severity: a.severity || '' } },
    h('div', { class: 'title-block' }, h1,
      h('p', { class: 'alert-badges' }, severityBadge(a.severity), ' ', alertStatusBadge(a.status),
        a.level && a.level !== 'public' ? [' ', h('span', { class: `badge level level-${a.level}` },
          t('level.badge', { level: enumLabel(field(entity('alerts'), 'level'), a.level) }))] : null)));
  view.append(head);

  // What it is about.
  const dl = h('dl', { class: 'fields alert-fields', id: 'alert-fields' });
  const fieldRow = (key, label, node) => dl.append(h('div', { class: 'field-row', dataset: { key } }, h('dt', null, label), h('dd', null, node)));
  fieldRow('country', labelOf(alertField('country'), 'country'), countryLink(cmap, a.country));
  fieldRow('kind', labelOf(alertField('kind'), 'kind'), a.kind ? document.createTextNode(enumText('alerts', 'kind', a.kind)) : unknownNode());
  if (a.rule) fieldRow('rule', labelOf(alertField('rule'), 'rule'), h('a', { href: route('alert-rules', a.rule) }, String(a.rule)));
  if (a.month) fieldRow('month', labelOf(alertField('month'), 'month'), monthNode(a.month));
  if (a.event) fieldRow('event', labelOf(alertField('event'), 'event'), h('a', { href: route('events', a.event), id: 'alert-event' }, t('alerts.eventN', { id: fmtInt(a.event) })));
  fieldRow('raised', t('alerts.col.raised'), h('span', null, timeNode(a.raised_at), ' ', h('span', { class: 'muted' }, `(${ageText(a.raised_at)})`)));
  view.append(dl);

  view.append(h('section', { class: 'related alert-evidence', id: 'evidence', 'aria-labelledby': 'evidence-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'evidence-h' }, t('alerts.evidence'))),
    evidenceNode(a.evidence)));

  view.append(h('section', { class: 'related alert-lifecycle', id: 'lifecycle', 'aria-labelledby': 'lifecycle-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'lifecycle-h' }, t('alerts.lifecycle'))),
    lifecycle(a)));

  const act = h('section', { class: 'related alert-act', id: 'act', 'aria-labelledby': 'act-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'act-h' }, t('alerts.act'))));
  view.append(act);
  fillActions(act, a, ctx);
}

function monthNode(m) {
  const s = String(m);
  return /^\d{4}-\d{2}$/.test(s) ? h('time', { datetime: s }, fmtPdate(s)) : document.createTextNode(s);
}

/* ---------- the evidence: figures and the events that raised the alert ---------- */

/* The evidence is JSON text (figures, event ids) from the rules, or a note typed by hand. */
export function evidenceNode(text) {
  if (text === null || text === undefined || String(text).trim() === '') {
    return h('p', { class: 'muted', id: 'evidence-none' }, t('alerts.noEvidence'));
  }
  let data;
  try { data = JSON.parse(String(text)); } catch { data = undefined; }
  if (data === undefined || data === null || typeof data !== 'object') {
    return h('p', { class: 'evidence-text', id: 'evidence-text', dir: 'auto' }, String(text));
  }
  return h('div', { class: 'evidence-body', id: 'evidence-body' }, evidenceValue(data, null, 0));
}

/* The keys whose value names events: a list of ids (top_events of an escalation), or one. */
const EVENT_KEYS = /^(top_events|event_ids|events)$/;

function evidenceLabel(key) {
  const k = `alerts.ev.${key}`;
  const s = t(k);
  if (s !== k) return s;
  const f = alertField(key) || field(entity('alert-rules'), key) || field(entity('events'), key);
  if (f) return labelOf(f, key);
  const plain = String(key).replace(/[_-]+/g, ' ');
  return plain.charAt(0).toLocaleUpperCase(lang()) + plain.slice(1);
}

function numberText(key, v) {
  if (/^(p|probability|threshold|share|rate)$/.test(key) && v >= 0 && v <= 1) return fmtPercent(v * 100);
  if (/^(year|month)$/.test(key)) return fmtInt(v);
  if (key === 'ratio' || key === 'factor') return `×${fmtCount(Math.round(v * 100) / 100)}`;
  return fmtCount(Math.round(v * 1000) / 1000);
}

function eventLinks(ids) {
  return h('ul', { class: 'evidence-events' }, ids.map((id) => h('li', null,
    h('a', { href: route('events', id), class: 'event-link', dataset: { event: String(id) } }, t('alerts.eventN', { id: fmtInt(id) })))));
}

function evidenceValue(v, key, depth) {
  if (v === null || v === undefined) return unknownNode();
  if (key && ((EVENT_KEYS.test(key) && Array.isArray(v)) || (key === 'event' && typeof v === 'string'))) {
    const ids = Array.isArray(v) ? v : [v];
    if (!ids.length) return h('span', { class: 'muted' }, t('alerts.noEvents'));
    if (ids.every((x) => typeof x === 'number' || typeof x === 'string')) return eventLinks(ids);
  }
  if (key === 'rule' && typeof v === 'string') return h('a', { href: route('alert-rules', v), class: 'rule-link' }, h('bdi', null, v));
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) {
      return h('span', { class: 'evidence-list' }, v.map((x, i) => [i ? t('list.sep') : '', typeof x === 'number' ? numberText(key || '', x) : String(x)]));
    }
    return h('ol', { class: 'evidence-items' }, v.map((x) => h('li', null, evidenceValue(x, null, depth + 1))));
  }
  if (typeof v === 'object') {
    if (depth > 4) return h('code', { dir: 'ltr' }, JSON.stringify(v));
    // A series by month ({"2023-01": 12, ...}) reads best as a small table.
    const entries = Object.entries(v);
    if (entries.length && entries.every(([k, x]) => /^\d{4}-\d{2}$/.test(k) && typeof x === 'number')) {
      return h('table', { class: 'data evidence-series' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, evidenceLabel('month')), h('th', { scope: 'col', class: 'num' }, evidenceLabel(key || 'value')))),
        h('tbody', null, entries.map(([k, x]) => h('tr', null, h('th', { scope: 'row' }, monthNode(k)), h('td', { class: 'num' }, numberText(key || '', x))))));
    }
    return h('dl', { class: ['evidence-figures', depth ? 'nested' : ''] }, entries.map(([k, x]) => h('div', { class: 'figure', dataset: { key: k } },
      h('dt', null, evidenceLabel(k)), h('dd', null, evidenceValue(x, k, depth + 1)))));
  }
  if (typeof v === 'number') return h('span', { class: 'num' }, numberText(key || '', v));
  if (typeof v === 'boolean') return document.createTextNode(v ? t('value.yes') : t('value.no'));
  if (key === 'country') return h('a', { href: route('countries', v) }, String(v));
  if (key === 'month' || key === 'through') return monthNode(v);
  return h('span', { dir: 'auto' }, String(v));
}

/* ---------- the life cycle ---------- */

function who(name) {
  return name ? h('bdi', { class: 'who' }, String(name)) : unknownNode();
}

/* Raised → acknowledged → response recorded → closed: each step done (who, when) or to come. */
export function lifecycle(a) {
  const steps = [
    { key: 'raised', at: a.raised_at, by: a.raised_by },
    { key: 'acknowledged', at: a.acknowledged_at, by: a.acknowledged_by },
    { key: 'responded', at: a.responded_at, by: a.responded_by },
    { key: 'closed', at: a.closed_at, by: a.closed_by },
  ];
  const ol = h('ol', { class: 'timeline lifecycle', id: 'alert-timeline' });
  steps.forEach((s, i) => {
    const done = !!s.at;
    // Acknowledging is passed over when the secretariat records the response straight away.
    const skipped = !done && steps.slice(i + 1).some((x) => x.at);
    const body = h('div', { class: 'tl-body' }, h('p', { class: 'step-title' }, h('strong', null, t(`alerts.step.${s.key}`))));
    if (done) {
      body.append(h('p', { class: 'step-who' }, tParts('alerts.by', { who: who(s.by) })));
      if (s.key === 'raised' && a.kind && a.kind !== 'manual') body.append(h('p', { class: 'hint' }, t('alerts.byRules')));
      if (s.key === 'responded') body.append(responseNode(a));
    } else {
      body.append(h('p', { class: 'muted step-pending' }, t(skipped ? 'alerts.skipped' : 'alerts.pending')));
    }
    ol.append(h('li', { class: ['step', done ? 'done' : 'pending'], dataset: { step: s.key, done: done ? 'true' : 'false' } },
      h('div', { class: 'tl-date' }, done ? timeNode(s.at) : h('span', { class: 'muted' }, '—')), body));
  });
  const line = h('p', { class: 'to-response', id: 'hours-to-response' });
  if (a.hours_to_response !== null && a.hours_to_response !== undefined) {
    line.dataset.hours = String(a.hours_to_response);
    line.append(h('span', { class: 'label' }, t('alerts.timeToResponse')), ' ', h('strong', null, hoursText(a.hours_to_response)));
  } else {
    line.append(h('span', { class: 'label' }, t('alerts.timeToResponse')), ' ',
      h('span', { class: 'muted' }, tParts('alerts.noResponseYet', { age: ageText(a.raised_at) })));
  }
  return h('div', { class: 'lifecycle-wrap' }, line, ol);
}

/* What was done: the kind, the record it names (linked) and the text. */
function responseNode(a) {
  const box = h('div', { class: 'response', id: 'alert-response', dataset: { kind: a.response_kind || '' } });
  if (!a.response_kind) return box;
  box.append(h('p', null, h('span', { class: 'badge response-kind' }, enumText('alerts', 'response_kind', a.response_kind))));
  const ref = RESPONSE_REF[a.response_kind];
  if (ref && a[ref[0]]) {
    const link = h('a', { href: route(ref[1], a[ref[0]]), class: 'response-link' }, String(a[ref[0]]));
    getRecord(ref[1], a[ref[0]]).then((r) => {
      const n = displayName(ref[1], r);
      if (n.text) link.replaceChildren(textIn(n.text, n.lang, lang()));
    }).catch(() => {});
    box.append(h('p', null, link));
  }
  if (a.response_text) box.append(h('p', { class: 'response-text', dir: 'auto' }, String(a.response_text)));
  return box;
}

/* ---------- what the reader may do next ---------- */

function fillActions(sec, a, ctx) {
  const live = h('div', { class: 'act-errors', id: 'act-errors', tabindex: '-1', 'aria-live': 'assertive' });
  sec.append(live);
  const why = (reason, text) => sec.append(h('div', { class: 'alert info', id: 'act-not-allowed', dataset: { why: reason } }, text));

  if (a.status === 'closed') {
    why('closed', h('p', null, t('alerts.why.closed')));
    return;
  }
  if (!currentUser()) {
    why('signin', [h('p', null, t('alerts.why.signin')),
      h('p', null, h('a', { class: 'button', href: route('sign-in', { return: location.hash }) }, t('account.signIn')))]);
    return;
  }
  const staff = isStaff();
  const analyst = hasRole('analyst');
  if (!staff && !analyst) {
    why('role', h('p', null, t('alerts.why.role')));
    return;
  }

  const step = async (btn, name, body, done) => {
    if (btn.disabled) return;
    btn.disabled = true;
    live.replaceChildren();
    try {
      await alertStep(a.id, name, body);
      flash(done);
      ctx.rerender();
    } catch (e) {
      btn.disabled = false;
      live.replaceChildren(refusal(e, t(`alerts.failed.${name}`)));
      live.focus();
    }
  };

  const buttons = h('div', { class: 'form-buttons act-buttons' });
  if (a.status === 'open') {
    const ack = h('button', { type: 'button', class: 'button', id: 'alert-acknowledge' }, t('alerts.acknowledge'));
    ack.addEventListener('click', () => step(ack, 'acknowledge', {}, t('alerts.acknowledged')));
    buttons.append(ack);
    sec.append(h('p', { class: 'hint' }, t('alerts.ackHint')));
  }
  if (staff) {
    const close = h('button', { type: 'button', class: ['button', a.status === 'responded' ? '' : 'secondary'], id: 'alert-close' }, t('alerts.close'));
    close.addEventListener('click', () => step(close, 'close', {}, t('alerts.closed')));
    buttons.append(close);
  }
  sec.append(buttons);
  if (staff) {
    sec.append(h('p', { class: 'hint', id: 'close-hint' }, a.status === 'responded' ? t('alerts.closeHint') : t('alerts.closeNeedsResponse')));
    if (a.status === 'open' || a.status === 'acknowledged') sec.append(respondForm(a, ctx));
  } else {
    why('secretariat', h('p', null, a.status === 'open' ? t('alerts.why.analystOpen') : t('alerts.why.analyst')));
  }
}

/* A refusal: the server's words (409: the alert's state does not allow it), with the errors by
   field when there are some. */
function refusal(e, heading) {
  const p = e instanceof ApiError ? e.problem || {} : {};
  const items = problemItems(e);
  const { title, hint } = problemParts(e);
  return h('div', { class: 'alert error', role: 'alert', dataset: { code: p.code || '', status: String(e.status ?? '') } },
    h('p', { class: 'alert-title' }, heading),
    h('ul', { class: 'problem-errors' }, items.map((x) => h('li', null, x.message || title))),
    hint ? h('p', { class: 'hint' }, hint) : null);
}

/* "Record the response": the kind, then the field it needs: a meeting, resolution or mandate
   chosen from their registers, a mediation process's id, the statement's text or the reasons
   for taking no action. POST /api/v1/alerts/ID/respond. */
function respondForm(a, ctx) {
  const sec = h('div', { class: 'respond', id: 'respond' }, h('h3', { id: 'respond-h' }, t('alerts.respond')));
  const summary = h('div', { class: 'error-summary', id: 'respond-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const fields = {};
  const mk = (name, input, opts = {}) => {
    input.name = name;
    const f = formField({ id: `respond-${name}`, label: opts.label || labelOf(alertField(name), name), input, ...opts });
    f.wrap.dataset.field = name;
    fields[name] = f;
    return f;
  };
  const kind = h('select', null, h('option', { value: '' }, t('form.choose')),
    KINDS.map((k) => h('option', { value: k }, enumText('alerts', 'response_kind', k))));
  const kindF = mk('response_kind', kind, { required: true, hint: t('alerts.kindHint') });
  const refs = {};
  for (const [k, [name]] of Object.entries(RESPONSE_REF)) {
    refs[k] = mk(name, h('select', null, h('option', { value: '' }, t('app.loading'))), { required: true });
  }
  const textF = mk('response_text', h('textarea', { rows: '4', dir: 'auto' }), { hint: ' ' });
  const textHint = textF.wrap.querySelector('.hint');
  const submit = h('button', { type: 'submit', class: 'button', id: 'respond-submit' }, t('alerts.respondSubmit'));
  const form = h('form', { class: 'record-form respond-form', id: 'respond-form', novalidate: true, 'aria-labelledby': 'respond-h' },
    kindF.wrap, ...Object.values(refs).map((f) => f.wrap), textF.wrap, h('div', { class: 'form-buttons' }, submit));
  sec.append(summary, form);
  const errs = formErrors(summary, fields);
  const loaded = {};

  async function fillRef(k) {
    if (loaded[k]) return;
    loaded[k] = true;
    const [, coll] = RESPONSE_REF[k];
    const sel = refs[k].input;
    try {
      const rows = await listAll(coll);
      const opts = rows.map((r) => ({ id: String(r.id), name: displayName(coll, r) })).sort((x, y) => compare(x.name.text, y.name.text));
      sel.replaceChildren(h('option', { value: '' }, t('form.choose')), ...opts.map((o) => {
        const opt = h('option', { value: o.id }, o.name.text === o.id ? o.id : `${o.name.text} (${o.id})`);
        if (o.name.lang && o.name.lang !== lang()) opt.lang = o.name.lang;
        return opt;
      }));
    } catch (e) {
      loaded[k] = false;
      sel.replaceChildren(h('option', { value: '' }, problemParts(e).title));
    }
  }

  function sync() {
    const k = kind.value;
    for (const [rk, f] of Object.entries(refs)) f.wrap.hidden = rk !== k;
    textF.wrap.hidden = !k;
    const label = textF.wrap.querySelector('label');
    const textKey = k === 'statement' ? 'alerts.text.statement' : k === 'no_action' ? 'alerts.text.no_action' : 'alerts.text.other';
    label.replaceChildren(t(textKey), k === 'statement' || k === 'no_action' ? h('span', { class: 'req' }, ` (${t('form.required')})`) : '');
    textF.label = t(textKey);
    textHint.textContent = k === 'no_action' ? t('alerts.noActionHint') : '';
    textHint.hidden = k !== 'no_action';
    if (RESPONSE_REF[k]) fillRef(k);
  }
  kind.addEventListener('change', sync);
  sync();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    errs.clear();
    const k = kind.value;
    const body = {};
    if (k) body.response_kind = k;
    if (RESPONSE_REF[k] && refs[k].input.value) body[RESPONSE_REF[k][0]] = refs[k].input.value;
    if (textF.input.value.trim()) body.response_text = textF.input.value.trim();
    submit.disabled = true;
    try {
      await alertStep(a.id, 'respond', body);
      flash(t('alerts.responded'));
      ctx.rerender();
    } catch (e) {
      submit.disabled = false;
      const items = problemItems(e);
      // A field hidden for the kind chosen shows its error all the same.
      for (const it of items) if (it.field && fields[it.field]) fields[it.field].wrap.hidden = false;
      errs.show(t('alerts.failed.respond'), items);
    }
  });
  return sec;
}
