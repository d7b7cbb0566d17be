// Mediation (resolution 53/45-POL): the architecture at a glance (#/mediation), the network of
// mediators, envoys and experts (#/mediators: the roster with its filters and the nomination form;
// #/mediators/ID: a member's profile and what the reader may do about it), the mediation processes
// (#/processes: the list and the form that opens one; #/processes/ID: the mandate, the stages as a
// timeline, the team, the agreements and their provisions, and the journal for the team only) and
// the matching of candidates to a process (#/processes/ID/match: the ranked candidates with the
// reasons of their score, the excluded ones with the rule that excluded them).
//
// The server decides everything (who may act, the hard rules, the scores, who reads the journal);
// the pages draw what it returns and show its refusals by field.

import { h, append, clear, route, textIn } from './dom.js';
import { LANGS, t, tn, tParts, lang, dir, fmtCount, fmtInt, fmtPdate, compare } from './i18n.js';
import {
  API, get, request, recordPath, withQuery, getRecord, list, listAll, clearCache, createRecord, currentUser, currentState,
  hasAnyRole, ApiError,
} from './api.js';
import { entity, field, labelOf, enumLabel, displayName, localized } from './schema.js';
import { enumText, unknownNode, timeNode, refLink, memberNode, westernDigits } from './values.js';
import { errorBox, flash, formField, formErrors, problemItems, problemParts } from './ui.js';
import { canWrite } from './rights.js';
import { breadcrumb, notFoundRecord } from './profile.js';
import { countries, countryLink, countryOptions } from './alerts.js';

/* The Contact Group of Friends of Mediation, as the default data names it. */
const FRIENDS = 'friends-of-mediation';
const STATUSES = ['nominated', 'approved', 'declined', 'withdrawn'];
const LEVEL_ORDER = ['native', 'fluent', 'working', 'basic'];

/* ---------- the API: the actions beside the generic records ---------- */

async function post(path, body = {}) {
  const out = await request('POST', path, body);
  clearCache();
  return out;
}

/* decision: approve, decline or withdraw (the last two with a reason). */
const decide = (id, decision, body) => post(`${recordPath('mediators', id)}/${decision}`, body);
const signCode = (id) => post(`${recordPath('mediators', id)}/sign`, {});
const moveStage = (id, body) => post(`${recordPath('processes', id)}/stage`, body);
const getDossier = (id) => get(`${recordPath('processes', id)}/dossier`);
const getMatch = (id) => get(withQuery(`${recordPath('processes', id)}/match`, { excluded: 1, limit: 50 }));

/* null when there is no such record (or the reader may not read it). */
function orNull(p) {
  return p.catch((e) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

const isStaff = () => hasAnyRole('admin', 'secretariat');

/* The code of conduct in force (the adopted version of highest number), or null while none is. */
const currentCode = () => get(`${API}/codes-of-conduct/current`).then((r) => (r && r.current) || null);

/* ---------- small pieces ---------- */

const medField = (coll, name) => field(entity(coll), name);
const fieldLabelOf = (coll, name) => labelOf(medField(coll, name), name);
const enumValues = (coll, name) => (medField(coll, name)?.values || []).map((v) => v.value);

/* A space-separated list ("process-design ceasefire-security"). */
const items = (s) => String(s ?? '').split(/\s+/).filter(Boolean);

function nameOf(coll, rec) {
  const n = displayName(coll, rec);
  return textIn(n.text, n.lang, lang());
}

function badge(kind, value, text) {
  const v = String(value ?? '').replace(/[^a-z0-9_-]/gi, '');
  return h('span', { class: ['badge', `${kind}-${v}`], dataset: { [kind]: v } }, text);
}

const statusBadge = (s) => badge('mstat', s, enumText('mediators', 'status', s));
const stageBadge = (s) => badge('stage', s, enumText('processes', 'stage', s));

/* "ar:native en:fluent fr" as [{code, level}] (a language without a level is a working one). */
export function parseLanguages(s) {
  return items(s).map((it) => {
    const [code, level] = it.split(':');
    return { code, level: level || 'working' };
  });
}

/* A language's name in the interface language ("Arabic", "arabe", "العربية"). */
function languageName(code) {
  try {
    return new Intl.DisplayNames([lang()], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

function languagesNode(s) {
  const ls = parseLanguages(s);
  if (!ls.length) return unknownNode();
  return h('ul', { class: 'inline-list med-languages' }, ls.map((l) => h('li', { dataset: { lang: l.code, level: l.level } },
    languageName(l.code), ' ', h('span', { class: 'muted' }, `(${enumLevel(l.level)})`))));
}

/* The language levels are the schema's nowhere (a text field): their names are ours. */
const enumLevel = (level) => t(`med.level.${level}`);

function regionLabel(v) { return enumLabel(field(entity('countries'), 'region'), v); }

/* Expertise areas by id, read once per page. */
async function expertiseMap() {
  const rows = await listAll('expertise-areas');
  return new Map(rows.map((r) => [String(r.id), r]));
}

function listNode(values, label) {
  if (!values.length) return unknownNode();
  return h('ul', { class: 'inline-list' }, values.map((v) => h('li', { dataset: { value: v } }, label(v))));
}

function expertiseNode(emap, s) {
  return listNode(items(s), (id) => (emap.has(id) ? nameOf('expertise-areas', emap.get(id)) : id));
}

function countriesNode(cmap, s) {
  return listNode(items(s), (code) => countryLink(cmap, code));
}

/* A definition list of rows [key, label, node]. */
function fieldsList(id, rows) {
  return h('dl', { class: 'fields', id }, rows.filter(Boolean).map(([key, label, node]) =>
    h('div', { class: 'field-row', dataset: { key } }, h('dt', null, label), h('dd', null, node))));
}

function section(id, title, ...body) {
  return h('section', { class: 'related', id, 'aria-labelledby': `${id}-h` },
    h('div', { class: 'section-head' }, h('h2', { id: `${id}-h` }, title)), ...body);
}

/* A refusal from the server: its words, the errors by field listed. */
function refusal(e, heading, id) {
  const { hint } = problemParts(e);
  const p = e instanceof ApiError ? e.problem || {} : {};
  return h('div', { class: 'alert error', role: 'alert', id, dataset: { code: p.code || '', status: String(e.status ?? '') } },
    h('p', { class: 'alert-title' }, heading),
    h('ul', { class: 'problem-errors' }, problemItems(e).map((x) => h('li', null, x.message))),
    hint ? h('p', { class: 'hint' }, hint) : null);
}

function optionsOf(values, label, { any = null } = {}) {
  return [any !== null ? h('option', { value: '' }, any) : null, values.map((v) => h('option', { value: v }, label(v)))];
}

/* ---------- small forms outside the schema's generic one ---------- */

/* The value a control gives: a multiple select's choices joined by spaces, a number's digits
   made western, a text trimmed; null when empty. */
function controlValue(input) {
  if (input.multiple) {
    const v = [...input.selectedOptions].map((o) => o.value).filter(Boolean).join(' ');
    return v || null;
  }
  const raw = input.value.trim();
  if (!raw) return null;
  if (input.dataset.kind === 'int') {
    const s = westernDigits(raw);
    return /^-?\d+$/.test(s) ? Number(s) : s;
  }
  return raw;
}

/* A form of fields [{name, label, input, required, hint}] sent by onSubmit(body), its errors
   shown beside each field and in a summary; failed is the summary's heading. */
function smallForm(prefix, specs, submitText, failed, onSubmit, { intro = null, labelledBy = null } = {}) {
  const summary = h('div', { class: 'error-summary', id: `${prefix}-errors`, tabindex: '-1', 'aria-live': 'assertive' });
  const fields = {};
  const form = h('form', { class: 'record-form med-form', id: `${prefix}-form`, novalidate: true, 'aria-labelledby': labelledBy });
  if (intro) form.append(h('p', { class: 'hint' }, intro));
  for (const s of specs) {
    s.input.name = s.name;
    const f = formField({ id: `${prefix}-${s.name}`, label: s.label, input: s.input, hint: s.hint, required: s.required });
    f.wrap.dataset.field = s.name;
    fields[s.name] = f;
    form.append(f.wrap);
  }
  const submit = h('button', { type: 'submit', class: 'button', id: `${prefix}-submit` }, submitText);
  form.append(h('div', { class: 'form-buttons' }, submit));
  const errs = formErrors(summary, fields);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    errs.clear();
    const body = {};
    for (const [name, f] of Object.entries(fields)) {
      if (f.wrap.hidden) continue;
      const v = controlValue(f.input);
      if (v !== null) body[name] = v;
    }
    submit.disabled = true;
    try {
      await onSubmit(body);
    } catch (e) {
      submit.disabled = false;
      const list2 = problemItems(e);
      for (const it of list2) if (it.field && fields[it.field]) fields[it.field].wrap.hidden = false;
      errs.show(failed, list2);
    }
  });
  return { el: h('div', { class: 'med-form-wrap' }, summary, form), fields, form, submit };
}

/* A form folded in a <details> until asked for. */
function folded(id, summaryText, ...body) {
  return h('details', { class: 'med-fold', id }, h('summary', { id: `${id}-toggle` }, summaryText), ...body);
}

const textInput = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', dir: 'auto', ...attrs });
const intInput = () => h('input', { type: 'text', inputmode: 'numeric', class: 'short', dir: 'ltr', autocomplete: 'off', dataset: { kind: 'int' } });
const dateInput = () => h('input', { type: 'text', class: 'short', dir: 'ltr', placeholder: 'YYYY-MM-DD', autocomplete: 'off' });
const textArea = (rows = 4) => h('textarea', { rows: String(rows), dir: 'auto' });

function enumSelect(coll, name, { choose = true, multiple = false, values = null } = {}) {
  const vs = values || enumValues(coll, name);
  return h('select', { multiple }, choose && !multiple ? h('option', { value: '' }, t('form.choose')) : null,
    vs.map((v) => h('option', { value: v }, enumText(coll, name, v))));
}

/* The three languages' fields of a multilingual text (title_ar, title_en, title_fr), the
   interface's language first; English is required where the entity requires it. */
function titleSpecs(coll, base, { required = true } = {}) {
  const langs = [lang(), ...LANGS.filter((l) => l !== lang())];
  return langs.map((l) => ({
    name: `${base}_${l}`, label: fieldLabelOf(coll, `${base}_${l}`), required: required && l === 'en',
    input: textInput({ lang: l, dir: dir(l) }),
  }));
}

function recordOptions(coll, rows, { any = t('form.choose'), withId = true } = {}) {
  const opts = rows.map((r) => ({ id: String(r.id), name: displayName(coll, r) })).sort((a, b) => compare(a.name.text, b.name.text));
  return [any !== null ? h('option', { value: '' }, any) : null, opts.map((o) => {
    const opt = h('option', { value: o.id }, withId && o.name.text !== o.id ? `${o.name.text} (${o.id})` : o.name.text);
    if (o.name.lang && o.name.lang !== lang()) opt.lang = o.name.lang;
    return opt;
  })];
}

/* ======================================================================================== */
/* #/mediation: the architecture at a glance                                                */
/* ======================================================================================== */

export async function mediationPage(view, ctx) {
  ctx.setTitle(t('med.title'));
  view.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('med.title'))),
    h('p', { class: 'lead' }, t('med.intro')),
    h('p', { class: 'med-links' }, h('a', { href: route('mediators'), id: 'to-roster' }, t('med.roster')), ' · ',
      h('a', { href: route('processes'), id: 'to-processes' }, t('med.processes')), ' · ',
      h('a', { href: route('resolutions', '53-45-pol') }, t('med.resolution'))));

  const grid = h('div', { class: 'med-overview' });
  view.append(grid);
  const card = (id, title) => {
    const body = h('div', { class: 'card-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
    grid.append(h('section', { class: 'card med-card', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), body));
    return body;
  };
  const fill = async (body, make) => {
    try {
      append(clear(body), [await make()]);
    } catch (e) {
      body.replaceChildren(errorBox(e));
    } finally {
      body.removeAttribute('aria-busy');
    }
  };

  let cmap = new Map();
  try { cmap = await countries(); } catch { /* codes only */ }

  await Promise.all([
    fill(card('med-network', t('med.network')), () => networkCounts()),
    fill(card('med-code', t('med.code')), () => codeStatus()),
    fill(card('med-friends', t('med.friends')), () => friendsGroup()),
    fill(card('med-conferences', t('med.conferences')), () => meetingsList({ topic: 'mediation' }, 'med.noConferences', 'conferences')),
    fill(card('med-training', t('med.training')), () => trainingList()),
    fill(card('med-missions', t('med.missions')), () => missionList(cmap)),
    fill(card('med-stages', t('med.byStage')), () => processesByStage()),
  ]);
}

async function networkCounts() {
  if (!currentUser()) return h('p', { class: 'muted', id: 'network-signin' }, t('med.networkSignIn'));
  const totals = await Promise.all(STATUSES.map((s) => list('mediators', { status: s, limit: 1 }).then((p) => p.total)));
  const dl = h('dl', { class: 'counts', id: 'network-counts' }, STATUSES.map((s, i) => h('div', { class: 'count', dataset: { status: s, count: String(totals[i]) } },
    h('dt', null, h('a', { href: route('mediators', { status: s }) }, enumText('mediators', 'status', s))), h('dd', null, fmtCount(totals[i])))));
  return [dl, totals.every((n) => !n) ? h('p', { class: 'alert info', id: 'network-empty' }, t('med.networkEmpty')) : null];
}

async function codeStatus() {
  const codes = await listAll('codes-of-conduct');
  const adopted = codes.filter((c) => c.status === 'adopted');
  const out = [];
  if (!adopted.length) {
    out.push(h('div', { class: 'alert warn med-gap', id: 'code-gap', role: 'note' },
      h('p', { class: 'alert-title' }, t('med.codeGap')), h('p', null, t('med.codeGapText'))));
  }
  out.push(h('ul', { class: 'med-codes', id: 'codes' }, codes.sort((a, b) => a.version - b.version).map((c) => h('li', { dataset: { code: c.id, status: c.status } },
    h('a', { href: route('codes-of-conduct', c.id) }, t('med.codeVersion', { n: fmtInt(c.version) })), ' ',
    badge('cstatus', c.status, enumText('codes-of-conduct', 'status', c.status)),
    c.adopted_on ? [' ', h('span', { class: 'muted' }, fmtPdate(c.adopted_on))] : null))));
  return out;
}

async function friendsGroup() {
  const [group, members, meetings] = await Promise.all([
    getRecord('contact-groups', FRIENDS),
    listAll('contact-group-members', { group: FRIENDS }),
    listAll('meetings', { contact_group: FRIENDS, sort: 'start' }),
  ]);
  if (!group) return h('p', { class: 'muted' }, t('med.noFriends'));
  const chairs = members.filter((m) => m.role === 'co_chair');
  return [
    h('p', null, h('a', { href: route('contact-groups', FRIENDS), id: 'friends-link' }, nameOf('contact-groups', group)),
      group.established ? [' ', h('span', { class: 'muted' }, t('med.since', { date: fmtPdate(group.established) }))] : null),
    h('p', { class: 'med-label' }, t('med.coChairs')),
    h('ul', { class: 'inline-list', id: 'friends-chairs' }, chairs.map((m) => h('li', { dataset: { member: m.state || m.organ || '' } }, memberNode(m)))),
    h('p', { class: 'muted' }, tn('med.membersN', members.length)),
    h('p', { class: 'med-label' }, t('med.groupMeetings')),
    meetings.length ? meetingItems(meetings, 'friends-meetings') : h('p', { class: 'muted', id: 'friends-no-meetings' }, t('med.noGroupMeetings')),
  ];
}

function meetingItems(rows, id) {
  return h('ul', { class: 'med-list', id }, rows.map((m) => h('li', { dataset: { meeting: m.id } },
    m.start ? [h('time', { datetime: m.start }, fmtPdate(m.start)), ' — '] : null,
    h('a', { href: route('meetings', m.id) }, nameOf('meetings', m)),
    m.place_en || m.place_ar ? h('span', { class: 'muted' }, ` · ${localized(m, 'place')?.text || ''}`) : null)));
}

async function meetingsList(params, none, id) {
  const rows = await listAll('meetings', { ...params, sort: 'start' });
  return rows.length ? meetingItems(rows, id) : h('p', { class: 'muted' }, t(none));
}

async function trainingList() {
  const rows = await listAll('trainings', { sort: 'start' });
  if (!rows.length) return h('p', { class: 'muted' }, t('med.noTraining'));
  return h('ul', { class: 'med-list', id: 'trainings' }, rows.map((r) => h('li', { dataset: { training: r.id } },
    h('a', { href: route('trainings', r.id) }, nameOf('trainings', r)), ' ',
    h('span', { class: 'badge' }, enumText('trainings', 'kind', r.kind)),
    r.start ? h('span', { class: 'muted' }, ` · ${fmtPdate(r.start)}`) : null,
    r.states ? h('span', { class: 'muted' }, ` · ${tn('med.statesN', r.states)}`) : null)));
}

async function missionList(cmap) {
  const rows = await listAll('field-missions');
  if (!rows.length) return h('p', { class: 'muted' }, t('med.noMissions'));
  return h('ul', { class: 'med-list', id: 'missions' }, rows.map((r) => h('li', { dataset: { mission: r.id } },
    h('a', { href: route('field-missions', r.id) }, nameOf('field-missions', r)), ' · ', countryLink(cmap, r.country),
    r.status ? [' ', h('span', { class: 'badge' }, enumText('field-missions', 'status', r.status))] : null)));
}

async function processesByStage() {
  const rows = await listAll('processes');
  const n = new Map();
  for (const p of rows) n.set(p.stage, (n.get(p.stage) || 0) + 1);
  return [
    h('dl', { class: 'counts', id: 'stage-counts' }, enumValues('processes', 'stage').map((s) => h('div', { class: 'count', dataset: { stage: s, count: String(n.get(s) || 0) } },
      h('dt', null, h('a', { href: route('processes', { stage: s }) }, enumText('processes', 'stage', s))), h('dd', null, fmtCount(n.get(s) || 0))))),
    rows.length ? null : h('p', { class: 'muted' }, currentUser() ? t('med.noProcesses') : t('med.processesSignIn')),
  ];
}

/* ======================================================================================== */
/* #/mediators: the roster                                                                  */
/* ======================================================================================== */

const ROSTER_FILTERS = ['language', 'expertise', 'region', 'availability', 'status'];

export async function mediatorsPage(view, ctx) {
  ctx.setTitle(t('med.roster'));
  const st = {};
  for (const k of ROSTER_FILTERS) st[k] = ctx.params.get(k) || '';
  view.append(breadcrumb([{ href: '#/', text: t('nav.home') }, { href: route('mediation'), text: t('med.title') }, { text: t('med.roster') }]),
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('med.roster'))),
    h('p', { class: 'lead' }, t('med.rosterIntro')));

  if (!currentUser()) {
    view.append(h('div', { class: 'alert info', id: 'roster-signin' }, h('p', null, t('med.networkSignIn')),
      h('p', null, h('a', { class: 'button', href: route('sign-in', { return: location.hash }) }, t('account.signIn')))));
    return;
  }

  const [emap, cmap] = await Promise.all([expertiseMap(), countries().catch(() => new Map())]);
  if (hasAnyRole('admin', 'secretariat', 'delegate')) view.append(nominationForm(emap, cmap));

  // ---- filters: the status and availability by the server, the lists by the page ----
  const form = h('form', { class: 'filters med-filters', role: 'search', 'aria-label': t('med.filters') });
  const selects = {};
  const any = t('list.any');
  const control = (name, label, input) => {
    input.id = `roster-${name}`;
    input.name = name;
    selects[name] = input;
    form.append(h('div', { class: 'filter-field' }, h('label', { for: input.id }, label), input));
  };
  const langCodes = new Set(['ar', 'en', 'fr']);
  control('language', t('med.language'), h('select'));
  control('expertise', fieldLabelOf('mediators', 'expertise'), h('select', null,
    recordOptions('expertise-areas', [...emap.values()], { any, withId: false })));
  control('region', t('med.region'), h('select', null, optionsOf(enumValues('countries', 'region'), regionLabel, { any })));
  control('availability', fieldLabelOf('mediators', 'availability'), h('select', null,
    optionsOf(enumValues('mediators', 'availability'), (v) => enumText('mediators', 'availability', v), { any })));
  control('status', fieldLabelOf('mediators', 'status'), h('select', null,
    optionsOf(STATUSES, (v) => enumText('mediators', 'status', v), { any })));
  const clearBtn = h('button', { type: 'button', class: 'button secondary', id: 'roster-clear' }, t('list.clear'));
  form.append(h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button', id: 'roster-apply' }, t('list.apply')), clearBtn));
  const status = h('p', { class: 'count', id: 'roster-status', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { class: 'roster-body', id: 'roster-body', 'aria-busy': 'true' });
  view.append(form, status, out);

  let seq = 0;
  function fillLanguages(rows) {
    for (const r of rows) for (const l of parseLanguages(r.languages)) langCodes.add(l.code);
    const sel = selects.language;
    append(clear(sel), optionsOf([...langCodes].sort((a, b) => compare(languageName(a), languageName(b))), (c) => `${languageName(c)} (${c})`, { any }));
    sel.value = st.language;
  }
  fillLanguages([]);
  for (const k of ROSTER_FILTERS) if (k !== 'language') selects[k].value = st[k];

  const matches = (m) => (!st.language || parseLanguages(m.languages).some((l) => l.code === st.language))
    && (!st.expertise || items(m.expertise).includes(st.expertise))
    && (!st.region || items(m.regions).includes(st.region));

  async function reload() {
    const q = {};
    for (const k of ROSTER_FILTERS) if (st[k]) q[k] = st[k];
    const next = route('mediators', q);
    if (location.hash !== next) history.replaceState(history.state, '', next);
    const my = ++seq;
    out.setAttribute('aria-busy', 'true');
    try {
      const params = { sort: 'name_en' };
      if (st.status) params.status = st.status;
      if (st.availability) params.availability = st.availability;
      const all = await listAll('mediators', params);
      if (my !== seq) return;
      fillLanguages(all);
      const rows = all.filter(matches);
      status.textContent = t('list.count', { shown: fmtCount(rows.length), total: fmtCount(all.length) });
      out.replaceChildren(rows.length ? rosterTable(rows, emap, cmap) : h('p', { class: 'muted', id: 'roster-empty' }, t('med.rosterEmpty')));
    } catch (e) {
      if (my === seq) out.replaceChildren(errorBox(e));
    } finally {
      if (my === seq) out.removeAttribute('aria-busy');
    }
  }
  for (const k of ROSTER_FILTERS) selects[k].addEventListener('change', () => { st[k] = selects[k].value; reload(); });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const k of ROSTER_FILTERS) st[k] = selects[k].value;
    reload();
  });
  clearBtn.addEventListener('click', () => {
    for (const k of ROSTER_FILTERS) { st[k] = ''; selects[k].value = ''; }
    reload();
    selects.language.focus();
  });
  await reload();
}

function rosterTable(rows, emap, cmap) {
  const cols = ['med.col.name', 'med.col.nationality', 'med.col.languages', 'med.col.expertise', 'med.col.availability', 'med.col.status', 'med.col.code'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data roster-table', id: 'roster-table' },
    h('caption', { class: 'vh' }, t('med.roster')),
    h('thead', null, h('tr', null, cols.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows.map((m) => h('tr', { dataset: { mediator: m.id, status: m.status || '' } },
      h('th', { scope: 'row' }, h('a', { href: route('mediators', m.id), class: 'mediator-link' }, nameOf('mediators', m)),
        h('span', { class: 'muted' }, ` · ${enumText('mediators', 'kind', m.kind)}`)),
      h('td', null, countryLink(cmap, m.nationality)),
      h('td', null, languagesNode(m.languages)),
      h('td', null, expertiseNode(emap, m.expertise)),
      h('td', null, m.availability ? enumText('mediators', 'availability', m.availability) : unknownNode()),
      h('td', null, statusBadge(m.status)),
      h('td', null, m.code_signed ? h('span', { class: 'badge code-signed' }, t('med.signed')) : h('span', { class: 'muted' }, '—')))))));
}

/* "Nominate a member": a delegate for their state; the secretariat for any state or the
   Secretary-General. POST /api/v1/mediators. */
function nominationForm(emap, cmap) {
  const staff = isStaff();
  const C = 'mediators';
  const nationality = h('select', null, h('option', { value: '' }, t('form.choose')), countryOptions(cmap));
  const specs = [
    ...titleSpecs(C, 'name'),
    { name: 'kind', label: fieldLabelOf(C, 'kind'), required: true, input: enumSelect(C, 'kind') },
    { name: 'nationality', label: fieldLabelOf(C, 'nationality'), required: true, input: nationality },
  ];
  let by = null;
  let state = null;
  if (staff) {
    by = enumSelect(C, 'nominated_by');
    state = h('select', null, h('option', { value: '' }, t('form.choose')), countryOptions(cmap));
    specs.push({ name: 'nominated_by', label: fieldLabelOf(C, 'nominated_by'), required: true, input: by },
      { name: 'nominating_state', label: fieldLabelOf(C, 'nominating_state'), input: state, hint: t('med.stateHint') });
  }
  specs.push(
    { name: 'nominated_on', label: fieldLabelOf(C, 'nominated_on'), input: dateInput() },
    { name: 'account', label: fieldLabelOf(C, 'account'), input: textInput({ dir: 'ltr' }), hint: t('med.accountHint') },
    { name: 'languages', label: fieldLabelOf(C, 'languages'), input: textInput({ dir: 'ltr', placeholder: 'ar:native en:fluent fr:working' }), hint: t('med.languagesHint') },
    { name: 'expertise', label: fieldLabelOf(C, 'expertise'), input: h('select', { multiple: true, size: '5' }, recordOptions('expertise-areas', [...emap.values()], { any: null, withId: false })), hint: t('med.multiHint') },
    { name: 'regions', label: fieldLabelOf(C, 'regions'), input: h('select', { multiple: true, size: '5' }, optionsOf(enumValues('countries', 'region'), regionLabel)), hint: t('med.multiHint') },
    { name: 'countries', label: fieldLabelOf(C, 'countries'), input: h('select', { multiple: true, size: '6' }, countryOptions(cmap)), hint: t('med.multiHint') },
    { name: 'experience_years', label: fieldLabelOf(C, 'experience_years'), input: intInput() },
    { name: 'availability', label: fieldLabelOf(C, 'availability'), input: enumSelect(C, 'availability') },
    { name: 'max_load', label: fieldLabelOf(C, 'max_load'), input: intInput() },
    { name: `biography_${lang()}`, label: fieldLabelOf(C, `biography_${lang()}`), input: textArea(4) },
  );
  const intro = staff ? t('med.nominateIntroStaff') : t('med.nominateIntroDelegate', { state: currentState() || '' });
  const f = smallForm('nominate', specs, t('med.nominateSubmit'), t('med.nominateFailed'), async (body) => {
    if (!staff) {
      body.nominated_by = 'state';
      body.nominating_state = currentState();
    }
    const m = await createRecord(C, body);
    flash(t('med.nominated'));
    location.hash = route('mediators', m.id);
  }, { intro, labelledBy: 'nominate-toggle' });
  if (by) {
    const sync = () => { f.fields.nominating_state.wrap.hidden = by.value === 'secretary_general'; };
    by.addEventListener('change', sync);
    sync();
  }
  return folded('nominate', t('med.nominate'), f.el);
}

/* ======================================================================================== */
/* #/mediators/ID: a member's profile                                                       */
/* ======================================================================================== */

export async function mediatorPage(view, ctx, id) {
  const m = await getRecord('mediators', id);
  if (!m) { notFoundRecord(view, ctx); return; }
  const [emap, cmap, code, interests, trainings, places] = await Promise.all([
    expertiseMap(), countries().catch(() => new Map()), currentCode(),
    listAll('interests', { mediator: id }), listAll('training-participants', { mediator: id }),
    listAll('process-team', { mediator: id }),
  ]);
  const name = displayName('mediators', m);
  ctx.setTitle(name.text);
  view.replaceChildren(breadcrumb([
    { href: '#/', text: t('nav.home') }, { href: route('mediators'), text: t('med.roster') }, { node: nameOf('mediators', m) },
  ]));
  const self = !!m.account && m.account === currentUser();
  view.append(h('div', { class: 'page-head med-head', dataset: { status: m.status || '' } },
    h('div', { class: 'title-block' }, h('h1', { tabindex: '-1', id: 'mediator-name' }, nameOf('mediators', m)),
      h('p', { class: 'alert-badges' }, h('span', { class: 'badge' }, enumText('mediators', 'kind', m.kind)), ' ', statusBadge(m.status),
        self ? [' ', h('span', { class: 'badge self', id: 'this-is-you' }, t('med.you'))] : null))));

  const active = places.filter((p) => !p.until);
  const load = h('span', { id: 'mediator-load' }, t('med.load', { n: fmtCount(active.length), max: m.max_load ? fmtCount(m.max_load) : '—' }));
  let codeNode;
  if (m.code_signed) {
    const cur = code && code.id === m.code_signed;
    codeNode = h('span', { id: 'code-signed', dataset: { code: m.code_signed, current: cur ? 'true' : 'false' } },
      refLink('codes-of-conduct', m.code_signed), m.code_signed_at ? [' — ', timeNode(m.code_signed_at)] : null,
      cur ? null : [' ', h('span', { class: 'badge must-sign' }, t('med.mustSignAgain'))]);
  } else {
    codeNode = h('span', { id: 'code-signed', dataset: { code: '' } }, h('span', { class: 'badge must-sign' }, t('med.mustSign')),
      code ? null : [' ', h('span', { class: 'muted' }, t('med.noCodeYet'))]);
  }
  const nominated = m.nominated_by === 'secretary_general' ? enumText('mediators', 'nominated_by', m.nominated_by)
    : m.nominating_state ? countryLink(cmap, m.nominating_state) : unknownNode();
  view.append(fieldsList('mediator-fields', [
    ['nationality', fieldLabelOf('mediators', 'nationality'), countryLink(cmap, m.nationality)],
    ['nominated_by', fieldLabelOf('mediators', 'nominated_by'), h('span', null, nominated, m.nominated_on ? [' — ', fmtPdate(m.nominated_on)] : null)],
    m.decided_at ? ['decided', t('med.decision'), h('span', null, enumText('mediators', 'status', m.status), ' — ', timeNode(m.decided_at),
      m.decided_by ? [' ', tParts('med.by', { who: h('bdi', null, m.decided_by) })] : null,
      m.decision_reason ? h('p', { class: 'decision-reason', dir: 'auto' }, m.decision_reason) : null)] : null,
    ['languages', fieldLabelOf('mediators', 'languages'), languagesNode(m.languages)],
    ['expertise', fieldLabelOf('mediators', 'expertise'), expertiseNode(emap, m.expertise)],
    ['regions', fieldLabelOf('mediators', 'regions'), listNode(items(m.regions), regionLabel)],
    ['countries', fieldLabelOf('mediators', 'countries'), countriesNode(cmap, m.countries)],
    ['experience_years', fieldLabelOf('mediators', 'experience_years'), m.experience_years !== null && m.experience_years !== undefined ? tn('med.years', m.experience_years) : unknownNode()],
    ['availability', fieldLabelOf('mediators', 'availability'), m.availability ? enumText('mediators', 'availability', m.availability) : unknownNode()],
    ['load', t('med.loadLabel'), load],
    ['code', fieldLabelOf('mediators', 'code_signed'), codeNode],
    m.account ? ['account', fieldLabelOf('mediators', 'account'), h('bdi', { class: 'code' }, m.account)] : null,
    localized(m, 'biography') ? ['biography', t('med.biography'), (() => { const b = localized(m, 'biography'); return h('span', { lang: b.lang, dir: 'auto' }, b.text); })()] : null,
  ]));

  const act = section('mediator-act', t('med.actions'));
  view.append(act);
  mediatorActions(act, m, code, self, ctx);

  view.append(section('interests', t('med.interests'),
    interests.length ? h('ul', { class: 'med-list', id: 'interest-list' }, interests.map((i) => h('li', { dataset: { interest: i.id, kind: i.kind } },
      h('span', { class: 'badge' }, enumText('interests', 'kind', i.kind)), ' ',
      i.country ? [countryLink(cmap, i.country), ' · '] : null,
      i.party ? [h('bdi', null, i.party), ' · '] : null,
      h('span', { dir: 'auto' }, i.description),
      i.declared_on ? h('span', { class: 'muted' }, ` (${fmtPdate(i.declared_on)})`) : null)))
      : h('p', { class: 'muted', id: 'interest-none' }, t('med.noInterests')),
    self || isStaff() ? interestForm(m, cmap, ctx) : null));

  const trainNames = await Promise.all(trainings.map((r) => getRecord('trainings', r.training).catch(() => null)));
  view.append(section('mediator-training', t('med.trainingCerts'),
    trainings.length ? h('ul', { class: 'med-list', id: 'training-list' }, trainings.map((r, i) => h('li', { dataset: { training: r.training, result: r.result || '' } },
      h('a', { href: route('trainings', r.training) }, trainNames[i] ? nameOf('trainings', trainNames[i]) : r.training), ' ',
      r.result ? h('span', { class: 'badge' }, enumText('training-participants', 'result', r.result)) : null,
      r.certificate ? [' ', h('span', { class: 'certificate' }, t('med.certificate', { name: r.certificate }))] : null,
      r.on ? h('span', { class: 'muted' }, ` (${fmtPdate(r.on)})`) : null)))
      : h('p', { class: 'muted' }, t('med.noTrainingYet'))));

  const procs = await Promise.all(places.map((p) => getRecord('processes', p.process).catch(() => null)));
  view.append(section('mediator-teams', t('med.teams'),
    places.length ? h('ul', { class: 'med-list', id: 'team-places' }, places.map((p, i) => h('li', { dataset: { process: p.process, role: p.role } },
      h('a', { href: route('processes', p.process) }, procs[i] ? nameOf('processes', procs[i]) : p.process), ' ',
      h('span', { class: ['badge', p.role === 'lead' ? 'role-lead' : ''] }, enumText('process-team', 'role', p.role)),
      h('span', { class: 'muted' }, ` ${p.since ? fmtPdate(p.since) : ''}${p.until ? ` – ${fmtPdate(p.until)}` : ''}`))))
      : h('p', { class: 'muted' }, t('med.noTeams'))));
}

/* What the reader may do: the secretariat decides on the nomination; the member keeps their
   profile and signs the code; otherwise, why nothing. */
function mediatorActions(sec, m, code, self, ctx) {
  const live = h('div', { class: 'act-errors', id: 'mediator-errors', tabindex: '-1', 'aria-live': 'assertive' });
  sec.append(live);
  const done = (msg) => { flash(msg); ctx.rerender(); };
  const fail = (e, heading) => { live.replaceChildren(refusal(e, heading)); live.focus(); };
  let any = false;

  if (isStaff()) {
    const buttons = h('div', { class: 'form-buttons act-buttons' });
    if (m.status === 'nominated') {
      const approve = h('button', { type: 'button', class: 'button', id: 'mediator-approve' }, t('med.approve'));
      approve.addEventListener('click', async () => {
        approve.disabled = true;
        try { await decide(m.id, 'approve'); done(t('med.approved')); } catch (e) { approve.disabled = false; fail(e, t('med.decideFailed')); }
      });
      buttons.append(approve);
      sec.append(buttons, reasonForm('decline', m, t('med.decline'), t('med.declined'), ctx));
      any = true;
    } else if (m.status === 'approved') {
      sec.append(reasonForm('withdraw', m, t('med.withdraw'), t('med.withdrawn'), ctx));
      any = true;
    }
  }
  if (self) {
    any = true;
    const edit = h('a', { class: 'button secondary', href: route('edit', 'mediators', m.id), id: 'mediator-edit' }, t('med.editProfile'));
    const sign = h('button', { type: 'button', class: 'button', id: 'mediator-sign' }, t('med.sign'));
    const row = h('div', { class: 'form-buttons act-buttons' }, edit, sign);
    sec.append(row);
    if (!code) {
      sign.disabled = true;
      sign.setAttribute('aria-describedby', 'sign-why');
      sec.append(h('p', { class: 'hint', id: 'sign-why' }, t('med.signNoCode')));
    } else if (m.code_signed === code.id) {
      sign.disabled = true;
      sign.setAttribute('aria-describedby', 'sign-why');
      sec.append(h('p', { class: 'hint', id: 'sign-why' }, t('med.signDone', { n: fmtInt(code.version) })));
    } else {
      sec.append(h('p', { class: 'hint', id: 'sign-why' }, t('med.signHint', { n: fmtInt(code.version) })));
      sign.addEventListener('click', async () => {
        sign.disabled = true;
        try { await signCode(m.id); done(t('med.signedDone')); } catch (e) { sign.disabled = false; fail(e, t('med.signFailed')); }
      });
    }
  }
  if (!any) {
    sec.append(h('div', { class: 'alert info', id: 'mediator-no-action' }, h('p', null,
      !currentUser() ? t('med.why.signin') : m.status === 'nominated' || m.status === 'approved' ? t('med.why.role') : t('med.why.decided'))));
  }
}

/* Declining or withdrawing: the reason (10 characters at least, says the server). */
function reasonForm(step, m, submitText, doneText, ctx) {
  const f = smallForm(step, [{ name: 'reason', label: t('med.reason'), required: true, input: textArea(3), hint: t('med.reasonHint') }],
    submitText, t('med.decideFailed'), async (body) => {
      await decide(m.id, step, body);
      flash(doneText);
      ctx.rerender();
    });
  return folded(`${step}-fold`, submitText, f.el);
}

/* "Declare an interest": a tie to a party, a state or a company. POST /api/v1/interests. */
function interestForm(m, cmap, ctx) {
  const C = 'interests';
  const kind = enumSelect(C, 'kind');
  const country = h('select', null, h('option', { value: '' }, t('form.choose')), countryOptions(cmap));
  const f = smallForm('interest', [
    { name: 'kind', label: fieldLabelOf(C, 'kind'), required: true, input: kind },
    { name: 'country', label: fieldLabelOf(C, 'country'), input: country },
    { name: 'party', label: fieldLabelOf(C, 'party'), input: textInput() },
    { name: 'description', label: fieldLabelOf(C, 'description'), required: true, input: textArea(3) },
    { name: 'declared_on', label: fieldLabelOf(C, 'declared_on'), input: dateInput() },
  ], t('med.declare'), t('med.declareFailed'), async (body) => {
    await createRecord(C, { ...body, mediator: m.id });
    flash(t('med.declared'));
    ctx.rerender();
  }, { intro: t('med.declareIntro') });
  const sync = () => {
    f.fields.country.wrap.hidden = kind.value !== 'state';
    f.fields.party.wrap.hidden = kind.value !== 'party' && kind.value !== 'company';
  };
  kind.addEventListener('change', sync);
  sync();
  return folded('declare', t('med.declare'), f.el);
}

/* ======================================================================================== */
/* #/processes: the list and the form that opens a process                                  */
/* ======================================================================================== */

export async function processesPage(view, ctx) {
  ctx.setTitle(t('med.processes'));
  let stage = ctx.params.get('stage') || '';
  view.append(breadcrumb([{ href: '#/', text: t('nav.home') }, { href: route('mediation'), text: t('med.title') }, { text: t('med.processes') }]),
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('med.processes'))),
    h('p', { class: 'lead' }, t('med.processesIntro')));
  const cmap = await countries().catch(() => new Map());
  if (isStaff()) view.append(await openForm(cmap));

  const sel = h('select', { id: 'processes-stage', name: 'stage' }, optionsOf(enumValues('processes', 'stage'), (v) => enumText('processes', 'stage', v), { any: t('list.any') }));
  sel.value = stage;
  view.append(h('form', { class: 'filters', role: 'search', 'aria-label': t('med.filters') },
    h('div', { class: 'filter-field' }, h('label', { for: sel.id }, fieldLabelOf('processes', 'stage')), sel)));
  const status = h('p', { class: 'count', id: 'processes-status', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { id: 'processes-body', 'aria-busy': 'true' });
  view.append(status, out);
  let seq = 0;
  async function reload() {
    const next = route('processes', stage ? { stage } : null);
    if (location.hash !== next) history.replaceState(history.state, '', next);
    const my = ++seq;
    out.setAttribute('aria-busy', 'true');
    try {
      const rows = await listAll('processes', stage ? { stage, sort: '-opened_on' } : { sort: '-opened_on' });
      if (my !== seq) return;
      const leads = await Promise.all(rows.map((p) => (p.lead ? getRecord('mediators', p.lead).catch(() => null) : null)));
      status.textContent = tn('med.processesN', rows.length);
      out.replaceChildren(rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data processes-table', id: 'processes-table' },
        h('caption', { class: 'vh' }, t('med.processes')),
        h('thead', null, h('tr', null, ['med.col.process', 'med.col.country', 'med.col.stage', 'med.col.since', 'med.col.lead', 'med.col.opened'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows.map((p, i) => h('tr', { dataset: { process: p.id, stage: p.stage || '' } },
          h('th', { scope: 'row' }, h('a', { href: route('processes', p.id), class: 'process-link' }, nameOf('processes', p))),
          h('td', null, countryLink(cmap, p.country)),
          h('td', null, stageBadge(p.stage)),
          h('td', null, p.stage_on ? fmtPdate(p.stage_on) : unknownNode()),
          h('td', null, leads[i] ? h('a', { href: route('mediators', p.lead) }, nameOf('mediators', leads[i])) : h('span', { class: 'muted' }, '—')),
          h('td', null, p.opened_on ? fmtPdate(p.opened_on) : unknownNode()))))))
        : h('p', { class: 'muted', id: 'processes-empty' }, currentUser() ? t('med.noProcesses') : t('med.processesSignIn')));
    } catch (e) {
      if (my === seq) out.replaceChildren(errorBox(e));
    } finally {
      if (my === seq) out.removeAttribute('aria-busy');
    }
  }
  sel.addEventListener('change', () => { stage = sel.value; reload(); });
  await reload();
}

/* The paragraph of a resolution as an option: its code, number and the start of its text. */
function paragraphLabel(p) {
  const txt = localized(p, 'text');
  const start = txt ? txt.text.slice(0, 90) + (txt.text.length > 90 ? '…' : '') : '';
  return `${p.id}${p.number ? ` (§${p.number})` : ''} — ${start}`;
}

/* "Open a process" (the secretariat): titles, country, conflict, the authority (a resolution
   paragraph or a decision of the Secretary-General), the parties, languages, expertise needed and
   partners. POST /api/v1/processes. */
async function openForm(cmap) {
  const C = 'processes';
  const [paragraphs, emap, orgs, conflicts] = await Promise.all([
    listAll('paragraphs', { kind: 'operative' }).catch(() => listAll('paragraphs')),
    expertiseMap(), listAll('organisations').catch(() => []), listAll('conflicts').catch(() => []),
  ]);
  const country = h('select', null, h('option', { value: '' }, t('form.choose')), countryOptions(cmap));
  const conflict = h('select', null, h('option', { value: '' }, t('med.none')));
  const authority = enumSelect(C, 'authority', { choose: false });
  const paragraph = h('select', null, h('option', { value: '' }, t('form.choose')),
    paragraphs.sort((a, b) => compare(String(a.id), String(b.id))).map((p) => h('option', { value: p.id }, paragraphLabel(p))));
  const specs = [
    ...titleSpecs(C, 'title'),
    { name: 'country', label: fieldLabelOf(C, 'country'), required: true, input: country },
    { name: 'conflict', label: fieldLabelOf(C, 'conflict'), input: conflict, hint: t('med.conflictHint') },
    { name: 'authority', label: fieldLabelOf(C, 'authority'), required: true, input: authority },
    { name: 'paragraph', label: fieldLabelOf(C, 'paragraph'), required: true, input: paragraph },
    { name: 'sg_decision', label: fieldLabelOf(C, 'sg_decision'), required: true, input: textInput() },
    { name: 'party_states', label: fieldLabelOf(C, 'party_states'), input: h('select', { multiple: true, size: '6' }, countryOptions(cmap)), hint: t('med.multiHint') },
    { name: 'parties', label: fieldLabelOf(C, 'parties'), input: textInput(), hint: t('med.partiesHint') },
    { name: 'languages', label: fieldLabelOf(C, 'languages'), input: textInput({ dir: 'ltr', placeholder: 'ar en' }), hint: t('med.processLanguagesHint') },
    { name: 'expertise', label: fieldLabelOf(C, 'expertise'), input: h('select', { multiple: true, size: '5' }, recordOptions('expertise-areas', [...emap.values()], { any: null, withId: false })), hint: t('med.multiHint') },
    { name: 'partners', label: fieldLabelOf(C, 'partners'), input: h('select', { multiple: true, size: '5' }, recordOptions('organisations', orgs, { any: null })), hint: t('med.multiHint') },
    { name: 'opened_on', label: fieldLabelOf(C, 'opened_on'), input: dateInput() },
  ];
  const f = smallForm('open', specs, t('med.openSubmit'), t('med.openFailed'), async (body) => {
    const p = await createRecord(C, body);
    flash(t('med.opened'));
    location.hash = route('processes', p.id);
  }, { intro: t('med.openIntro'), labelledBy: 'open-process-toggle' });
  const sync = () => {
    f.fields.paragraph.wrap.hidden = authority.value !== 'resolution_paragraph';
    f.fields.sg_decision.wrap.hidden = authority.value !== 'secretary_general';
  };
  authority.addEventListener('change', sync);
  sync();
  // The conflicts located in the country chosen.
  country.addEventListener('change', () => {
    const here = conflicts.filter((c) => items(c.countries).includes(country.value));
    append(clear(conflict), recordOptions('conflicts', here, { any: t('med.none') }));
  });
  return folded('open-process', t('med.open'), f.el);
}

/* ======================================================================================== */
/* #/processes/ID: the dossier                                                              */
/* ======================================================================================== */

export async function processPage(view, ctx, id) {
  const d = await orNull(getDossier(id));
  if (!d) { notFoundRecord(view, ctx); return; }
  const p = d.process;
  const [cmap, emap] = await Promise.all([countries().catch(() => new Map()), expertiseMap()]);
  const title = displayName('processes', p);
  ctx.setTitle(title.text);
  view.replaceChildren(breadcrumb([
    { href: '#/', text: t('nav.home') }, { href: route('processes'), text: t('med.processes') }, { node: nameOf('processes', p) },
  ]));
  const leadRec = (d.team || []).find((a) => a.role === 'lead' && !a.until)?.mediator_record || null;
  const isLead = !!(leadRec && leadRec.account && leadRec.account === currentUser());
  view.append(h('div', { class: 'page-head process-head', dataset: { stage: p.stage || '' } },
    h('div', { class: 'title-block' }, h('h1', { tabindex: '-1', id: 'process-title' }, nameOf('processes', p)),
      h('p', { class: 'alert-badges' }, stageBadge(p.stage), p.stage_on ? h('span', { class: 'muted' }, t('med.since', { date: fmtPdate(p.stage_on) })) : null)),
    isStaff() ? h('div', { class: 'actions' }, h('a', { class: 'button', href: route('processes', p.id, 'match'), id: 'to-match' }, t('med.match'))) : null));

  view.append(fieldsList('process-fields', [
    ['mandate', t('med.mandate'), mandateNode(p)],
    ['country', fieldLabelOf('processes', 'country'), countryLink(cmap, p.country)],
    p.conflict ? ['conflict', fieldLabelOf('processes', 'conflict'), refLink('conflicts', p.conflict)] : null,
    ['party_states', fieldLabelOf('processes', 'party_states'), countriesNode(cmap, p.party_states)],
    ['parties', t('med.parties'), p.parties ? h('ul', { class: 'inline-list' }, String(p.parties).split(';').map((s) => s.trim()).filter(Boolean).map((s) => h('li', null, h('bdi', null, s)))) : unknownNode()],
    ['languages', fieldLabelOf('processes', 'languages'), listNode(items(p.languages), (c) => languageName(c.split(':')[0]))],
    ['expertise', fieldLabelOf('processes', 'expertise'), expertiseNode(emap, p.expertise)],
    ['partners', t('med.partners'), listNode(items(p.partners), (o) => refLink('organisations', o))],
    ['opened_on', fieldLabelOf('processes', 'opened_on'), p.opened_on ? fmtPdate(p.opened_on) : unknownNode()],
    localized(p, 'summary') ? ['summary', t('med.summary'), h('span', { dir: 'auto' }, localized(p, 'summary').text)] : null,
  ]));

  // ---- the stages, as a timeline ----
  const stagesSec = section('stages', t('med.stages'), stageTimeline(p, d.stages || []));
  if (isStaff() || isLead) stagesSec.append(stageForm(p, ctx));
  view.append(stagesSec);

  // ---- the team ----
  view.append(section('team', t('med.team'), teamTable(d.team || [], cmap),
    isStaff() ? h('p', null, h('a', { href: route('processes', p.id, 'match'), id: 'team-match' }, t('med.findCandidates'))) : null));

  // ---- agreements and their provisions ----
  const agSec = section('agreements', t('med.agreements'));
  const ags = d.agreements || [];
  if (!ags.length) agSec.append(h('p', { class: 'muted', id: 'agreements-none' }, t('med.noAgreements')));
  // A mediator writes only for their own teams: the journal, null for outsiders, says who is in.
  const writer = (coll, rec) => canWrite(coll, rec) && (isStaff() || Array.isArray(d.journal));
  for (const a of ags) agSec.append(agreementNode(a, ctx, writer('provisions', a)));
  if (writer('agreements', p)) agSec.append(agreementForm(p, ctx));
  view.append(agSec);

  // ---- the journal: there only for its readers (null for everyone else) ----
  if (Array.isArray(d.journal)) view.append(journalSection(p, d.journal, ctx));
}

/* What authorises the process: the resolution paragraph (and its resolution), or the decision of
   the Secretary-General. */
function mandateNode(p) {
  if (p.authority === 'secretary_general') {
    return h('span', { id: 'process-mandate', dataset: { authority: 'secretary_general' } },
      enumText('processes', 'authority', p.authority), p.sg_decision ? [': ', h('span', { dir: 'auto' }, p.sg_decision)] : null);
  }
  if (!p.paragraph) return unknownNode();
  const res = h('span', { class: 'mandate-resolution' });
  getRecord('paragraphs', p.paragraph).then((par) => {
    if (par && par.resolution) res.replaceChildren(' — ', refLink('resolutions', par.resolution), par.number ? ` §${fmtInt(par.number)}` : '');
  }).catch(() => {});
  return h('span', { id: 'process-mandate', dataset: { authority: 'resolution_paragraph', paragraph: p.paragraph } },
    h('a', { href: route('paragraphs', p.paragraph), id: 'mandate-paragraph' }, h('bdi', null, p.paragraph)), res,
    p.mandate ? [' · ', refLink('mandates', p.mandate)] : null);
}

function stageTimeline(p, stages) {
  const order = enumValues('processes', 'stage');
  const ol = h('ol', { class: 'timeline med-stages', id: 'stage-timeline' });
  const first = stages.length ? stages[0].from_stage || 'exploration' : p.stage || 'exploration';
  ol.append(h('li', { class: 'step done', dataset: { stage: first, kind: 'opened' } },
    h('div', { class: 'tl-date' }, p.opened_on ? h('time', { datetime: p.opened_on }, fmtPdate(p.opened_on)) : '—'),
    h('div', { class: 'tl-body' }, h('p', { class: 'step-title' }, stageBadge(first), h('strong', null, t('med.openedStep'))))));
  for (const s of stages) {
    const back = order.indexOf(s.stage) < order.indexOf(s.from_stage);
    ol.append(h('li', { class: ['step', 'done', back ? 'back' : ''], dataset: { stage: s.stage, from: s.from_stage || '', back: back ? 'true' : 'false' } },
      h('div', { class: 'tl-date' }, h('time', { datetime: s.on }, fmtPdate(s.on))),
      h('div', { class: 'tl-body' },
        h('p', { class: 'step-title' }, stageBadge(s.stage),
          h('span', { class: 'muted' }, back ? t('med.backFrom', { from: enumText('processes', 'stage', s.from_stage) }) : t('med.from', { from: enumText('processes', 'stage', s.from_stage) }))),
        s.reason ? h('p', { class: 'stage-reason', dir: 'auto' }, h('span', { class: 'label' }, t('med.reasonLabel')), ' ', s.reason) : null,
        s.recorded_by ? h('p', { class: 'hint' }, tParts('med.recordedBy', { who: h('bdi', null, s.recorded_by) })) : null)));
  }
  // The stages still ahead, in grey.
  const at = order.indexOf(p.stage);
  const ahead = order.slice(at + 1).filter((s) => s !== 'closed');
  return [ol, ahead.length ? h('p', { class: 'hint', id: 'stages-ahead' }, t('med.ahead'), ' ', ahead.map((s, i) => [i ? ' → ' : '', enumText('processes', 'stage', s)])) : null];
}

/* Moving the process on (the secretariat or the lead): going back asks for the reason. */
function stageForm(p, ctx) {
  const order = enumValues('processes', 'stage');
  const at = order.indexOf(p.stage);
  const stage = h('select', null, h('option', { value: '' }, t('form.choose')),
    order.filter((s) => s !== p.stage).map((s) => h('option', { value: s }, `${order.indexOf(s) < at ? '↩ ' : ''}${enumText('processes', 'stage', s)}`)));
  const f = smallForm('stage', [
    { name: 'stage', label: t('med.nextStage'), required: true, input: stage },
    { name: 'on', label: t('med.stageOn'), input: dateInput(), hint: t('med.stageOnHint') },
    { name: 'reason', label: t('med.reason'), input: textArea(3), hint: t('med.backHint') },
  ], t('med.moveSubmit'), t('med.moveFailed'), async (body) => {
    await moveStage(p.id, body);
    flash(t('med.moved'));
    ctx.rerender();
  });
  const label = f.fields.reason.wrap.querySelector('label');
  const sync = () => {
    const back = stage.value && order.indexOf(stage.value) < at;
    f.fields.reason.wrap.classList.toggle('needed', !!back);
    label.replaceChildren(t('med.reason'), back ? h('span', { class: 'req' }, ` (${t('form.required')})`) : '');
    if (back) f.fields.reason.input.setAttribute('aria-required', 'true'); else f.fields.reason.input.removeAttribute('aria-required');
  };
  stage.addEventListener('change', sync);
  sync();
  return folded('move-stage', t('med.move'), f.el);
}

function teamTable(team, cmap) {
  if (!team.length) return h('p', { class: 'muted', id: 'team-none' }, t('med.noTeam'));
  const sorted = [...team].sort((a, b) => (a.role === 'lead' ? -1 : b.role === 'lead' ? 1 : 0));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data team-table', id: 'team-table' },
    h('caption', { class: 'vh' }, t('med.team')),
    h('thead', null, h('tr', null, ['med.col.name', 'med.col.role', 'med.col.nationality', 'med.col.since'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, sorted.map((a) => {
      const m = a.mediator_record;
      return h('tr', { dataset: { mediator: a.mediator, role: a.role, active: a.until ? 'false' : 'true' } },
        h('th', { scope: 'row' }, h('a', { href: route('mediators', a.mediator) }, m ? nameOf('mediators', m) : a.mediator)),
        h('td', null, h('span', { class: ['badge', a.role === 'lead' ? 'role-lead' : ''] }, enumText('process-team', 'role', a.role))),
        h('td', null, m ? countryLink(cmap, m.nationality) : unknownNode()),
        h('td', null, `${a.since ? fmtPdate(a.since) : '—'}${a.until ? ` – ${fmtPdate(a.until)}` : ''}`));
    }))));
}

function agreementNode(a, ctx, mayAdd) {
  const cats = enumValues('provisions', 'category');
  const provs = a.provisions || [];
  const groups = cats.map((c) => [c, provs.filter((x) => x.category === c)]).filter(([, xs]) => xs.length);
  const box = h('article', { class: 'agreement', id: `agreement-${a.id}`, dataset: { agreement: a.id } },
    h('h3', null, nameOf('agreements', a), ' ', h('span', { class: 'badge' }, enumText('agreements', 'kind', a.kind))),
    h('p', { class: 'meta' }, t('med.signedOn', { date: fmtPdate(a.signed_on) }), a.place ? ` · ${a.place}` : '',
      a.parties ? [' · ', h('bdi', null, a.parties)] : null),
    groups.length ? groups.map(([c, xs]) => h('div', { class: 'provision-group', dataset: { category: c } },
      h('h4', null, enumText('provisions', 'category', c), ' ', h('span', { class: 'muted' }, `(${fmtCount(xs.length)})`)),
      h('ul', { class: 'provisions' }, xs.map((x) => {
        const txt = localized(x, 'text');
        return h('li', { dataset: { provision: x.id, status: x.status || '' } },
          x.number ? h('span', { class: 'prov-number' }, h('bdi', null, x.number), ' ') : null,
          txt ? h('span', { lang: txt.lang, dir: 'auto' }, txt.text) : null, ' ',
          badge('pstatus', x.status, enumText('provisions', 'status', x.status || 'not_started')),
          x.status_on ? h('span', { class: 'muted' }, ` ${fmtPdate(x.status_on)}`) : null);
      }))))
      : h('p', { class: 'muted' }, t('med.noProvisions')));
  if (mayAdd) box.append(provisionForm(a, ctx));
  return box;
}

function agreementForm(p, ctx) {
  const C = 'agreements';
  const f = smallForm('agreement', [
    ...titleSpecs(C, 'title'),
    { name: 'kind', label: fieldLabelOf(C, 'kind'), required: true, input: enumSelect(C, 'kind') },
    { name: 'signed_on', label: fieldLabelOf(C, 'signed_on'), required: true, input: dateInput() },
    { name: 'place', label: fieldLabelOf(C, 'place'), input: textInput() },
    { name: 'parties', label: fieldLabelOf(C, 'parties'), input: textInput(), hint: t('med.partiesHint') },
  ], t('med.recordAgreement'), t('med.agreementFailed'), async (body) => {
    await createRecord(C, { ...body, process: p.id });
    flash(t('med.agreementRecorded'));
    ctx.rerender();
  });
  return folded('add-agreement', t('med.recordAgreement'), f.el);
}

function provisionForm(a, ctx) {
  const C = 'provisions';
  const prefix = `provision-${a.id}`;
  const f = smallForm(prefix, [
    { name: 'number', label: fieldLabelOf(C, 'number'), input: textInput({ dir: 'ltr', class: 'short' }) },
    { name: 'category', label: fieldLabelOf(C, 'category'), required: true, input: enumSelect(C, 'category') },
    { name: 'text_en', label: fieldLabelOf(C, 'text_en'), required: true, input: textArea(2) },
    { name: `text_${lang() === 'en' ? 'ar' : lang()}`, label: fieldLabelOf(C, `text_${lang() === 'en' ? 'ar' : lang()}`), input: textArea(2) },
    { name: 'status', label: fieldLabelOf(C, 'status'), input: enumSelect(C, 'status') },
    { name: 'status_on', label: fieldLabelOf(C, 'status_on'), input: dateInput() },
  ], t('med.addProvision'), t('med.provisionFailed'), async (body) => {
    await createRecord(C, { ...body, agreement: a.id });
    flash(t('med.provisionAdded'));
    ctx.rerender();
  });
  return folded(`${prefix}-fold`, t('med.addProvision'), f.el);
}

function journalSection(p, entries, ctx) {
  const sec = section('journal', t('med.journal'), h('p', { class: 'hint' }, t('med.journalIntro')));
  sec.append(entries.length ? h('ol', { class: 'timeline journal', id: 'journal-entries' }, entries.map((e) => h('li', { dataset: { entry: e.id, kind: e.kind || '' } },
    h('div', { class: 'tl-date' }, timeNode(e.at)),
    h('div', { class: 'tl-body' }, h('p', null, h('span', { class: 'badge' }, enumText('journal-entries', 'kind', e.kind || 'note')), ' ',
      tParts('med.by', { who: h('bdi', { class: 'who' }, e.author || '') }), ' ', h('a', { href: route('journal-entries', e.id), class: 'entry-link' }, '#')),
      h('p', { class: 'journal-text', dir: 'auto' }, e.text)))))
    : h('p', { class: 'muted', id: 'journal-none' }, t('med.noJournal')));
  const C = 'journal-entries';
  const f = smallForm('journal', [
    { name: 'kind', label: fieldLabelOf(C, 'kind'), input: enumSelect(C, 'kind', { choose: false }) },
    { name: 'text', label: fieldLabelOf(C, 'text'), required: true, input: textArea(5) },
  ], t('med.write'), t('med.writeFailed'), async (body) => {
    await createRecord(C, { ...body, process: p.id });
    flash(t('med.written'));
    ctx.rerender();
  });
  sec.append(h('h3', { id: 'journal-write-h' }, t('med.write')), f.el);
  return sec;
}

/* ======================================================================================== */
/* #/processes/ID/match: the candidates                                                     */
/* ======================================================================================== */

export async function matchPage(view, ctx, id) {
  const p = await orNull(getRecord('processes', id));
  if (!p) { notFoundRecord(view, ctx); return; }
  ctx.setTitle(t('med.matchTitle', { process: displayName('processes', p).text }));
  view.replaceChildren(breadcrumb([
    { href: '#/', text: t('nav.home') }, { href: route('processes'), text: t('med.processes') },
    { href: route('processes', p.id), text: displayName('processes', p).text }, { text: t('med.match') },
  ]), h('div', { class: 'page-head' }, h('h1', { tabindex: '-1', id: 'match-title' }, t('med.matchTitle', { process: displayName('processes', p).text }))),
  h('p', { class: 'lead' }, t('med.matchIntro')));
  let m;
  try {
    m = await getMatch(id);
  } catch (e) {
    view.append(refusal(e, t('med.matchFailed'), 'match-error'));
    return;
  }
  const cmap = await countries().catch(() => new Map());
  const weights = m.weights || {};
  const most = Object.values(weights).reduce((s, w) => s + (Number(w) || 0), 0);
  const counts = m.counts || {};
  view.append(h('p', { class: 'count', id: 'match-counts' }, t('med.matchCounts', {
    roster: fmtCount(counts.roster ?? 0), eligible: fmtCount(counts.eligible ?? (m.candidates || []).length), excluded: fmtCount(counts.excluded ?? (m.excluded || []).length),
  })));
  if (!m.code) view.append(h('p', { class: 'alert info', id: 'match-code-waived' }, t('med.codeWaived')));
  view.append(h('details', { class: 'med-fold', id: 'match-weights' }, h('summary', null, t('med.weights')),
    h('dl', { class: 'counts' }, Object.entries(weights).map(([k, w]) => h('div', { class: 'count', dataset: { criterion: k } },
      h('dt', null, criterionLabel(k)), h('dd', null, fmtCount(Number(w))))))));

  const live = h('div', { class: 'act-errors', id: 'place-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const cands = m.candidates || [];
  view.append(section('candidates', t('med.candidates'), live,
    cands.length ? h('ol', { class: 'candidates', id: 'candidate-list' }, cands.map((c) => candidateNode(p, c, most, cmap, live, ctx)))
      : h('p', { class: 'muted', id: 'candidates-none' }, t('med.noCandidates'))));

  const ex = m.excluded || [];
  const byRule = counts.by_rule || {};
  view.append(section('excluded', t('med.excluded'),
    Object.keys(byRule).length ? h('p', { class: 'hint', id: 'excluded-by-rule' }, Object.entries(byRule).map(([r, n], i) => [i ? ' · ' : '', `${ruleLabel(r)}: ${fmtCount(n)}`])) : null,
    ex.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data excluded-table', id: 'excluded-table' },
      h('caption', { class: 'vh' }, t('med.excluded')),
      h('thead', null, h('tr', null, ['med.col.name', 'med.col.nationality', 'med.col.rule'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, ex.map((x) => h('tr', { dataset: { mediator: x.id, rule: x.rule || '' } },
        h('th', { scope: 'row' }, h('a', { href: route('mediators', x.id) }, nameOf('mediators', x))),
        h('td', null, x.nationality ? countryLink(cmap, x.nationality) : unknownNode()),
        h('td', null, h('strong', { class: 'rule' }, ruleLabel(x.rule)), x.detail ? h('p', { class: 'rule-detail', dir: 'auto' }, x.detail) : null))))))
      : h('p', { class: 'muted', id: 'excluded-none' }, t('med.noneExcluded'))));
}

function criterionLabel(k) {
  const key = `med.crit.${k}`;
  const s = t(key);
  return s === key ? String(k) : s;
}

function ruleLabel(r) {
  const key = `med.rule.${r}`;
  const s = t(key);
  return s === key ? String(r ?? '') : s;
}

/* A candidate: rank, name, the score as a bar, the reasons, and the button that places them on
   the team (POST /api/v1/process-team; the library's refusal shown when a hard rule refuses). */
function candidateNode(p, c, most, cmap, live, ctx) {
  const share = most > 0 ? Math.max(0, Math.min(1, Number(c.score) / most)) : 0;
  const fill = h('span', { class: 'meter-fill' });
  fill.style.inlineSize = `${(share * 100).toFixed(1)}%`;
  const scoreText = fmtScore(c.score);
  const role = h('select', { id: `role-${c.id}`, name: 'role', class: 'short' },
    enumValues('process-team', 'role').map((r) => h('option', { value: r }, enumText('process-team', 'role', r))));
  role.value = c.rank === 1 && !p.lead ? 'lead' : 'member';
  const place = h('button', { type: 'button', class: 'button place-button', id: `place-${c.id}` }, t('med.place'));
  place.addEventListener('click', async () => {
    place.disabled = true;
    live.replaceChildren();
    try {
      await createRecord('process-team', { process: p.id, mediator: c.id, role: role.value });
      flash(t('med.placed', { name: displayName('mediators', c).text }));
      location.hash = route('processes', p.id);
    } catch (e) {
      place.disabled = false;
      live.replaceChildren(refusal(e, t('med.placeFailed'), 'place-refusal'));
      live.focus();
    }
  });
  return h('li', { class: 'candidate', dataset: { mediator: c.id, rank: String(c.rank ?? ''), score: String(c.score ?? '') } },
    h('div', { class: 'cand-head' },
      h('span', { class: 'cand-rank' }, fmtInt(c.rank)),
      h('a', { href: route('mediators', c.id), class: 'cand-name' }, nameOf('mediators', c)),
      c.kind ? h('span', { class: 'muted' }, ` · ${enumText('mediators', 'kind', c.kind)}`) : null,
      c.nationality ? [' · ', countryLink(cmap, c.nationality)] : null),
    h('div', { class: 'meter-line' },
      h('span', { class: 'meter', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': String(most), 'aria-valuenow': String(c.score ?? 0), 'aria-label': t('med.score') }, fill),
      h('span', { class: 'meter-value cand-score' }, scoreText)),
    (c.reasons || []).length ? h('table', { class: 'data reasons' },
      h('caption', { class: 'vh' }, t('med.reasons')),
      h('thead', null, h('tr', null, ['med.col.criterion', 'med.col.points', 'med.col.detail'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, c.reasons.map((r) => h('tr', { dataset: { criterion: r.criterion } },
        h('th', { scope: 'row' }, criterionLabel(r.criterion)),
        h('td', { class: 'num' }, fmtScore(r.points)),
        h('td', { dir: 'auto' }, r.detail || '')))))
      : null,
    h('div', { class: 'form-buttons place-row' }, h('label', { for: role.id }, fieldLabelOf('process-team', 'role')), role, place));
}

function fmtScore(v) {
  const n = Number(v);
  return Number.isFinite(n) ? fmtCount(Math.round(n * 100) / 100) : '—';
}
