// Implementation of decisions: what a resolution's operative paragraphs asked for and how far it
// has got. The resolution page's progress and, under each operative paragraph, its mandates with
// their standing (and, for the secretariat, the form that turns the paragraph into mandates); a
// mandate's page (its standing, the timeline of its reports, kept as filed, and the form that
// files a report); the gap view (#/gap: totals, groups, a chart over the years, the addressees
// that never reported, the feeds); a programme's page (#/results/ID: the tree of results with
// the progress of each).
//
// Nothing here is computed in the browser: standings, roll-ups and the gap come from the API
// (GET .../progress, GET /api/v1/gap); the page only draws them.

import { h, svg, route, textIn } from './dom.js';
import { LANGS, t, tn, tParts, lang, dir, fmtCount, fmtInt, fmtPdate, fmtPercent, compare } from './i18n.js';
import {
  getRecord, listAll, currentUser, hasAnyRole, currentState,
  getResolutionProgress, getMandateProgress, getResultProgress, getGap, feedUrl,
  mandatesFromParagraph, fileReport, ApiError,
} from './api.js';
import { entity, field, enumLabel, labelOf, localized, displayName } from './schema.js';
import { refLink, timeNode, unknownNode, enumText, westernDigits } from './values.js';
import { chartSvg, mirrorX, scaleLines } from './charts.js';
import { resolutionCode } from './lists.js';
import { errorBox, flash, formField, formErrors, problemItems, problemParts } from './ui.js';
import { canWrite } from './rights.js';
import { profilePage, relatedSection } from './profile.js';

/* The counts of the API, in the order the pages show them. */
const COUNT_KEYS = ['mandates', 'due', 'reported', 'implemented', 'not_implemented', 'late', 'silent'];

/* The addressee kinds that name a record, and the field that names it. */
const REF_FIELD = { organ: 'addressee_organ', state: 'addressee_state', contact_group: 'addressee_group', partner: 'addressee_partner' };

/* ---------- small pieces ---------- */

function nameNode(rec, base = 'name') {
  const n = localized(rec, base);
  return n ? textIn(n.text, n.lang, lang()) : document.createTextNode(String(rec.key ?? rec.id ?? ''));
}

function nameText(rec, base = 'name') {
  const n = localized(rec, base);
  return n ? n.text : String(rec.key ?? rec.id ?? '');
}

function dateNode(d) {
  return d ? h('time', { datetime: String(d) }, fmtPdate(d)) : unknownNode();
}

/* Today, UTC, as YYYY-MM-DD (the server's days are UTC). */
function today() {
  return new Date().toISOString().slice(0, 10);
}

/* The interface language first, then the two others. */
function langsFirst() {
  return [lang(), ...LANGS.filter((l) => l !== lang())];
}

/* Where an addressee key leads: state:SAU to the state's page, organ:pcsu to the organ's... The
   OIC as a whole, the Secretary-General and all member states have no page of their own. */
export function addresseeHref(key) {
  const m = /^(organ|state|contact_group|partner):(.+)$/.exec(String(key ?? ''));
  if (!m) return null;
  const coll = { organ: 'organs', state: 'states', contact_group: 'contact-groups', partner: 'organisations' }[m[1]];
  return route(coll, m[2]);
}

/* An addressee ({key, name_*}) as a link to its page when it has one. */
function addresseeNode(a) {
  if (!a) return unknownNode();
  const href = addresseeHref(a.key);
  return href ? h('a', { href }, nameNode(a)) : h('span', null, nameNode(a));
}

/* A progress bar and its percentage; "not measured" when no mandate counts (null). */
export function progressMeter(value, { label = null, id = null, small = false } = {}) {
  const known = typeof value === 'number' && Number.isFinite(value);
  const wrap = h('span', { class: ['meter-line', small ? 'small' : ''], id, dataset: { progress: known ? String(value) : '' } });
  if (!known) {
    wrap.append(h('span', { class: 'muted meter-none' }, t('impl.notMeasured')));
    return wrap;
  }
  const pct = Math.max(0, Math.min(100, value));
  const fill = h('span', { class: 'meter-fill' });
  fill.style.inlineSize = `${pct}%`;
  wrap.append(
    h('span', {
      class: 'meter', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(pct), 'aria-valuetext': fmtPercent(value), 'aria-label': label || t('impl.progress'),
    }, fill),
    h('span', { class: 'meter-value' }, fmtPercent(value)));
  return wrap;
}

/* The counts of a roll-up as a definition list, each item marked with data-count. */
function countsList(counts, { id = null } = {}) {
  const c = counts || {};
  return h('dl', { class: 'counts', id }, COUNT_KEYS.map((k) => h('div', { class: `count count-${k}`, dataset: { count: k } },
    h('dt', null, t(`impl.count.${k}`)), h('dd', null, fmtCount(c[k] ?? 0)))));
}

/* "Mandates: 3 · Late: 1": the mandates and the counts that are not zero. */
function compactCounts(counts) {
  const c = counts || {};
  const parts = COUNT_KEYS.filter((k) => k === 'mandates' || c[k]).map((k) => `${t(`impl.count.${k}`)}${t('impl.colon')}${fmtCount(c[k] ?? 0)}`);
  return parts.join(' · ');
}

export function statusBadge(status) {
  const s = status || 'not_started';
  return h('span', { class: ['badge', 'mstatus', `mstatus-${s}`], dataset: { status: s } }, enumText('implementation-reports', 'status', s));
}

/* Late and never reported, as badges. */
function flagNodes(s) {
  const out = [];
  if (s && s.late) out.push(' ', h('span', { class: 'badge flag flag-late', dataset: { flag: 'late' } }, t('impl.late')));
  if (s && s.silent) out.push(' ', h('span', { class: 'badge flag flag-silent', dataset: { flag: 'silent' } }, t('impl.silent')));
  return out;
}

/* When a mandate is due: once by a date, or every year / at each session; the deadline missed when
   it is late, the next one when it recurs. */
function deadlineNodes(m, s = {}) {
  const recurring = m.recurrence && m.recurrence !== 'none';
  const out = [];
  if (recurring) {
    out.push(h('span', { class: 'recurrence' }, enumText('mandates', 'recurrence', m.recurrence)));
    if (m.due) out.push(' ', h('span', { class: 'until' }, tParts('impl.until', { date: dateNode(m.due) })));
  } else if (m.due) {
    out.push(h('span', { class: 'due' }, tParts('impl.dueOn', { date: dateNode(m.due) })));
  } else {
    out.push(h('span', { class: 'muted' }, t('impl.noDeadline')));
  }
  if (s.late && s.missed) {
    out.push(h('span', { class: 'missed' }, tParts('impl.missed', { date: dateNode(s.missed) })));
  } else if (recurring && s.next_deadline) {
    out.push(h('span', { class: 'next-deadline' }, tParts('impl.next', { date: dateNode(s.next_deadline) })));
  }
  return h('span', { class: 'deadline' }, out);
}

/* A table of mandates with their standing (the API's mandate entries: id, addressee, action_*,
   due, recurrence, standing). */
function mandatesTable(list, caption) {
  const cols = ['impl.col.addressee', 'impl.col.action', 'impl.col.deadline', 'impl.col.status', 'impl.col.progress'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data mandates-table' },
    h('caption', { class: 'vh' }, caption),
    h('thead', null, h('tr', null, cols.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, list.map((m) => {
      const s = m.standing || {};
      const action = localized(m, 'action');
      const who = m.addressee ? nameText(m.addressee) : String(m.id);
      return h('tr', {
        class: s.late ? 'late' : null,
        dataset: { mandate: m.id, status: s.status || '', late: s.late ? 'true' : 'false', silent: s.silent ? 'true' : 'false' },
      },
      h('th', { scope: 'row' }, h('a', { href: route('mandates', m.id), class: 'mandate-link' }, m.addressee ? nameNode(m.addressee) : String(m.id))),
      h('td', { class: 'action-cell' }, action ? textIn(action.text, action.lang, lang()) : unknownNode()),
      h('td', null, deadlineNodes(m, s)),
      h('td', { class: 'status-cell' }, statusBadge(s.status), flagNodes(s)),
      h('td', null, progressMeter(s.progress, { small: true, label: t('impl.progressOf', { name: who }) })));
    }))));
}

/* ---------- a resolution's page: its progress, and each operative paragraph's mandates ---------- */

/* The resolution's progress: a headline (the bar, for under the title) and a section (the
   counts), and decorate(li, paragraph), which adds under an operative paragraph its mandates
   (and, for the secretariat, the form that makes more). load() asks the API for the roll-up and
   draws it; it is called again after mandates are made. */
export function resolutionImplementation(res) {
  const body = h('div', { class: 'section-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  const section = h('section', { class: 'related implementation', id: 'implementation', 'aria-labelledby': 'implementation-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'implementation-h' }, t('impl.title')),
      h('a', { class: 'small-link', href: route('gap', { resolution: res.id }), id: 'resolution-gap-link' }, t('impl.seeGap'))),
    body);
  // The progress, under the resolution's title (the section tells the counts).
  const headline = h('p', { class: 'impl-progress-line', id: 'resolution-progress-line', 'aria-live': 'polite' },
    h('span', { class: 'label', id: 'resolution-progress-label' }, t('impl.resolutionProgress')), ' ',
    h('span', { class: 'loading' }, t('app.loading')));
  const paras = new Map(); // paragraph id -> {p, list}
  const writer = canWrite('mandates');
  let data = null;
  let options = null;
  const loadOptions = () => {
    if (!options) options = refOptions().catch((e) => { options = null; throw e; });
    return options;
  };

  function renderSummary() {
    const c = data.counts || {};
    headline.replaceChildren(headline.firstChild, ' ',
      progressMeter(data.progress, { id: 'resolution-progress', label: t('impl.resolutionProgress') }),
      ...(c.late ? [' ', h('span', { class: 'badge flag flag-late', id: 'resolution-late' }, tn('impl.lateCount', c.late))] : []),
      ...(c.silent ? [' ', h('span', { class: 'badge flag flag-silent', id: 'resolution-silent' }, tn('impl.silentCount', c.silent))] : []));
    body.replaceChildren();
    if (!c.mandates) {
      body.append(h('p', { class: 'muted', id: 'resolution-no-mandates' }, t('impl.noMandatesYet'), ' ',
        writer ? t('impl.noMandatesHowTo') : ''));
    }
    body.append(countsList(c, { id: 'resolution-counts' }),
      h('p', { class: 'hint' }, t('impl.asOf', { date: fmtPdate(data.on) }), ' ', t('impl.rollupHint')));
    body.removeAttribute('aria-busy');
  }

  function fillPara(entry) {
    const pd = (data.paragraphs || []).find((x) => x.paragraph === entry.p.id);
    entry.list.replaceChildren();
    const mandates = pd && Array.isArray(pd.mandates) ? pd.mandates : [];
    entry.box.dataset.mandates = String(mandates.length);
    if (!mandates.length) {
      entry.list.append(h('p', { class: 'muted no-mandates' }, t('impl.noMandates')));
      return;
    }
    const n = typeof entry.p.number === 'number' ? fmtInt(entry.p.number) : t('res.unnumbered');
    entry.list.append(
      h('p', { class: 'para-progress' }, h('span', { class: 'label' }, t('impl.paragraphProgress')), ' ',
        progressMeter(pd.progress, { small: true, label: t('impl.paragraphProgressN', { n }) })),
      mandatesTable(mandates, t('impl.mandatesOf', { n })));
  }

  async function load() {
    try {
      data = await getResolutionProgress(res.id);
    } catch (e) {
      body.replaceChildren(errorBox(e));
      body.removeAttribute('aria-busy');
      headline.remove();
      for (const entry of paras.values()) entry.list.replaceChildren();
      return;
    }
    renderSummary();
    for (const entry of paras.values()) fillPara(entry);
  }

  function decorate(li, p) {
    if (p.kind !== 'operative') return;
    const list = h('div', { class: 'para-mandates' }, h('p', { class: 'loading' }, t('app.loading')));
    const status = h('p', { class: 'para-status', role: 'status', tabindex: '-1' });
    const box = h('div', { class: 'para-impl', dataset: { paragraph: p.id } }, list, status);
    if (writer) box.append(mandatesForm(p, { loadOptions, status, reload: load }));
    (li.querySelector('.para-body') || li).append(box);
    const entry = { p, list, box };
    paras.set(p.id, entry);
    if (data) fillPara(entry);
  }

  return { headline, section, decorate, load };
}

/* The records of a collection that keep(record), as options {id, name} in name order. */
async function pick(coll, keep = () => true) {
  return (await listAll(coll)).filter(keep)
    .map((r) => ({ id: String(r.id), name: displayName(coll, r) }))
    .sort((a, b) => compare(a.name.text, b.name.text));
}

const memberStates = () => pick('states', (s) => s.status === 'member' || s.status === 'suspended');

/* The records an addressee or report_to may name, by name in the interface language. */
async function refOptions() {
  const [organs, states, groups, partners] = await Promise.all([
    pick('organs'), memberStates(), pick('contact-groups'), pick('organisations'),
  ]);
  return { organs, states, groups, partners };
}

function optionList(list) {
  return list.map((o) => {
    const opt = h('option', { value: o.id }, o.name.text);
    if (o.name.lang && o.name.lang !== lang()) opt.lang = o.name.lang;
    return opt;
  });
}

/* "Turn into mandates": one row per addressee (its kind and the record it names, a due date or a
   recurrence and the organ reported to, the action asked, which starts as the paragraph's text),
   sent together to POST /api/v1/paragraphs/{id}/mandates: all are made, or none. A refusal names
   the row (the problem's line) and the field, shown beside it and in the summary above. */
function mandatesForm(p, { loadOptions, status, reload }) {
  const ent = entity('mandates');
  const base = `tm-${p.id}`;
  const n = typeof p.number === 'number' ? fmtInt(p.number) : t('res.unnumbered');
  const details = h('details', { class: 'to-mandates', id: base },
    h('summary', { class: 'tm-toggle' }, t('tm.open')));
  const errors = h('div', { class: 'error-summary', id: `${base}-errors`, tabindex: '-1', 'aria-live': 'assertive' });
  const loading = h('p', { class: 'loading' }, t('app.loading'));
  const rowsBox = h('div', { class: 'tm-rows' });
  const addBtn = h('button', { type: 'button', class: 'button secondary small tm-add', id: `${base}-add` }, t('tm.addRow'));
  const submit = h('button', { type: 'submit', class: 'button', id: `${base}-submit` }, t('tm.submit'));
  const form = h('form', { class: 'record-form tm-form', novalidate: true, 'aria-label': t('tm.formLabel', { n }) },
    h('p', { class: 'hint' }, t('tm.intro')), rowsBox, h('p', null, addBtn), h('div', { class: 'form-buttons' }, submit));
  form.hidden = true;
  details.append(errors, loading, form);

  let rows = [];
  let seq = 0;
  let opts = null;
  const kindField = field(ent, 'addressee');
  const recField = field(ent, 'recurrence');

  details.addEventListener('toggle', async () => {
    if (!details.open || opts) return;
    try {
      opts = await loadOptions();
    } catch (e) {
      loading.replaceChildren(errorBox(e));
      return;
    }
    loading.remove();
    form.hidden = false;
    if (!rows.length) addRow();
    rows[0].fields.addressee.input.focus();
  });

  function sync(row) {
    const kind = row.fields.addressee.input.value;
    for (const [k, name] of Object.entries(REF_FIELD)) row.fields[name].wrap.hidden = k !== kind;
    row.fields.report_to.wrap.hidden = row.fields.recurrence.input.value !== 'each_session';
  }

  function renumber() {
    rows.forEach((row, i) => {
      row.legend.textContent = t('tm.row', { n: fmtInt(i + 1) });
      row.remove.hidden = rows.length < 2;
      row.remove.setAttribute('aria-label', t('tm.removeRowN', { n: fmtInt(i + 1) }));
    });
  }

  function addRow() {
    seq += 1;
    const rid = `${base}-${seq}`;
    const fields = {};
    const mk = (name, input, extra = {}) => {
      input.name = name;
      const f = formField({ id: `${rid}-${name}`, label: labelOf(field(ent, name), name), input, ...extra });
      f.wrap.dataset.field = name;
      fields[name] = f;
      return f;
    };
    const legend = h('legend');
    const fs = h('fieldset', { class: 'tm-row', dataset: { row: String(seq) } }, legend);
    fs.append(mk('addressee', h('select', null, h('option', { value: '' }, t('form.choose')),
      kindField.values.map((v) => h('option', { value: v.value }, enumLabel(kindField, v.value)))), { required: true }).wrap);
    const lists = { organ: opts.organs, state: opts.states, contact_group: opts.groups, partner: opts.partners };
    for (const [kind, name] of Object.entries(REF_FIELD)) {
      const f = mk(name, h('select', null, h('option', { value: '' }, t('form.choose')), optionList(lists[kind])), { required: true });
      f.wrap.dataset.kind = kind;
      fs.append(f.wrap);
    }
    fs.append(mk('due', h('input', { type: 'text', dir: 'ltr', class: 'short', placeholder: 'YYYY-MM-DD', autocomplete: 'off' }),
      { hint: t('tm.dueHint') }).wrap);
    const rec = h('select', null, recField.values.map((v) => h('option', { value: v.value }, enumLabel(recField, v.value))));
    rec.value = 'none';
    fs.append(mk('recurrence', rec, { hint: t('tm.recurrenceHint') }).wrap);
    fs.append(mk('report_to', h('select', null, h('option', { value: '' }, t('form.choose')), optionList(opts.organs)),
      { required: true, hint: t('tm.reportToHint') }).wrap);
    const action = h('details', { class: 'tm-action' }, h('summary', null, t('tm.action')), h('p', { class: 'hint' }, t('tm.actionHint')));
    for (const l of langsFirst()) {
      const ta = h('textarea', { rows: '3', lang: l, dir: dir(l) });
      ta.value = p[`text_${l}`] || '';
      action.append(mk(`action_${l}`, ta).wrap);
    }
    fs.append(action);
    const remove = h('button', { type: 'button', class: 'button danger small tm-remove' }, t('tm.removeRow'));
    fs.append(h('p', null, remove));
    const row = { fs, legend, fields, action, remove };
    fields.addressee.input.addEventListener('change', () => sync(row));
    fields.recurrence.input.addEventListener('change', () => sync(row));
    remove.addEventListener('click', () => {
      rows = rows.filter((r) => r !== row);
      fs.remove();
      renumber();
      (rows.length ? rows[rows.length - 1].fields.addressee.input : addBtn).focus();
    });
    rows.push(row);
    rowsBox.append(fs);
    renumber();
    sync(row);
    return row;
  }

  addBtn.addEventListener('click', () => {
    const row = addRow();
    row.fields.addressee.input.focus();
  });

  function clearErrors() {
    errors.replaceChildren();
    for (const row of rows) {
      row.fs.classList.remove('invalid');
      for (const c of Object.values(row.fields)) {
        c.error.textContent = '';
        c.error.hidden = true;
        c.input.removeAttribute('aria-invalid');
        c.wrap.classList.remove('invalid');
      }
    }
  }

  function showProblem(e) {
    const pr = e instanceof ApiError ? e.problem || {} : {};
    const line = Number.isInteger(pr.line) ? pr.line : null;
    const row = line && rows[line - 1] ? rows[line - 1] : null;
    const errs = Array.isArray(pr.errors) && pr.errors.length ? pr.errors.filter((x) => x && typeof x === 'object')
      : [{ field: pr.field, detail: pr.detail, title: pr.title }];
    const items = [];
    for (const x of errs) {
      const detail = x.detail || x.title || problemParts(e).title;
      const c = row && x.field ? row.fields[x.field] : null;
      if (c) {
        c.wrap.hidden = false;
        if (row.action.contains(c.wrap)) row.action.open = true;
        c.error.textContent = detail;
        c.error.hidden = false;
        c.input.setAttribute('aria-invalid', 'true');
        c.wrap.classList.add('invalid');
        row.fs.classList.add('invalid');
        items.push(h('li', null, h('button', { type: 'button', class: 'link', onclick: () => c.input.focus() },
          t('tm.rowError', { n: fmtInt(line), field: c.label, detail }))));
      } else {
        items.push(h('li', null, line ? t('tm.rowErrorPlain', { n: fmtInt(line), detail }) : detail));
      }
    }
    errors.replaceChildren(h('div', { class: 'alert error', role: 'alert', dataset: { code: pr.code || '' } },
      h('p', { class: 'alert-title' }, t('tm.failed')),
      h('p', null, t('tm.noneMade')),
      h('ul', { class: 'problem-errors' }, items)));
    errors.focus();
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    const items = rows.map((row) => {
      const v = (name) => row.fields[name].input.value.trim();
      const it = {};
      const kind = v('addressee');
      if (kind) it.addressee = kind;
      if (REF_FIELD[kind] && v(REF_FIELD[kind])) it[REF_FIELD[kind]] = v(REF_FIELD[kind]);
      if (v('due')) it.due = v('due');
      if (v('recurrence') && v('recurrence') !== 'none') it.recurrence = v('recurrence');
      if (v('recurrence') === 'each_session' && v('report_to')) it.report_to = v('report_to');
      for (const l of LANGS) if (v(`action_${l}`)) it[`action_${l}`] = v(`action_${l}`);
      return it;
    });
    submit.disabled = true;
    try {
      const out = await mandatesFromParagraph(p.id, items);
      const made = out && Array.isArray(out.mandates) ? out.mandates.length : items.length;
      for (const row of rows) row.fs.remove();
      rows = [];
      addRow();
      details.open = false;
      await reload();
      status.textContent = tn('tm.made', made);
      status.focus();
    } catch (e) {
      showProblem(e);
    } finally {
      submit.disabled = false;
    }
  });

  return details;
}

/* ---------- a mandate's page ---------- */

export function mandatePage(view, ctx, id) {
  let load = null;
  return profilePage(view, ctx, 'mandates', id, {
    top: (rec) => {
      load = getMandateProgress(id);
      load.catch(() => {}); // each part reports a failure itself
      const box = h('section', { class: 'standing-box', id: 'standing', 'aria-labelledby': 'standing-h' },
        h('h2', { id: 'standing-h' }, t('mandate.standing')), h('p', { class: 'loading' }, t('app.loading')));
      load.then((d) => fillStanding(box, d)).catch((e) => box.replaceChildren(box.firstChild, errorBox(e)));
      return h('div', { class: 'record-top' }, originLine(rec), box);
    },
    extend: (v, rec) => mandateSections(v, rec, load, ctx),
  });
}

/* Where a mandate comes from: an operative paragraph of a resolution, or a programme. */
function originLine(m) {
  const p = h('p', { id: 'mandate-origin' });
  if (m.paragraph) {
    getRecord('paragraphs', m.paragraph).then(async (para) => {
      if (!para) return;
      const res = para.resolution ? await getRecord('resolutions', para.resolution).catch(() => null) : null;
      const paraLink = h('a', { href: route('paragraphs', para.id) },
        typeof para.number === 'number' ? t('mandate.paragraphN', { n: fmtInt(para.number) }) : t('mandate.paragraphUnnumbered'));
      const resLink = res ? h('a', { href: route('resolutions', res.id) }, resolutionCode(res)) : refLink('resolutions', para.resolution);
      p.replaceChildren(...tParts('mandate.fromParagraph', { paragraph: paraLink, resolution: resLink }));
    }).catch(() => {});
  } else if (m.result) {
    p.append(...tParts('mandate.fromResult', { result: refLink('results', m.result) }));
  }
  return p;
}

function fillStanding(box, d) {
  const s = d.standing || {};
  const m = d.mandate || {};
  box.dataset.status = s.status || '';
  box.dataset.late = s.late ? 'true' : 'false';
  box.dataset.silent = s.silent ? 'true' : 'false';
  box.classList.toggle('late', !!s.late);
  const dl = h('dl', { class: 'fields standing-fields' });
  const row = (label, node, key) => dl.append(h('div', { class: 'field-row', dataset: { key } }, h('dt', null, label), h('dd', null, node)));
  row(t('mandate.addressee'), addresseeNode(d.addressee), 'addressee');
  row(t('impl.col.deadline'), deadlineNodes(m, s), 'deadline');
  if (s.deadline) row(t('mandate.deadlineReached'), dateNode(s.deadline), 'deadline-reached');
  if (s.next_deadline) row(t('mandate.nextDeadline'), dateNode(s.next_deadline), 'next-deadline');
  row(t('mandate.reportsCount'), h('span', { id: 'mandate-reports-count' }, fmtCount(s.reports ?? 0)), 'reports');
  row(t('mandate.lastReport'), s.last_report ? dateNode(s.last_report) : h('span', { class: 'muted' }, t('mandate.never')), 'last-report');
  const key = d.addressee && d.addressee.key;
  box.replaceChildren(...[box.firstChild,
    h('p', { class: 'standing-line', id: 'mandate-status' }, statusBadge(s.status), flagNodes(s)),
    h('p', { class: 'impl-progress-line' }, h('span', { class: 'label' }, t('impl.progress')), ' ',
      progressMeter(s.progress, { id: 'mandate-progress', label: t('impl.progress') })),
    s.late && s.missed ? h('p', { class: 'late-note', id: 'mandate-late' }, t('mandate.lateNote', { date: fmtPdate(s.missed) })) : null,
    s.silent ? h('p', { class: 'silent-note', id: 'mandate-silent' }, t('mandate.silentNote')) : null,
    dl,
    h('p', { class: 'hint' }, t('impl.asOf', { date: fmtPdate(d.on) })),
    key ? h('p', { class: 'feed-links' },
      h('a', { href: feedUrl('deadlines', key), type: 'text/calendar', class: 'feed-ics' }, t('mandate.feedDeadlines', { name: nameText(d.addressee) })),
      ' · ',
      h('a', { href: feedUrl('late', key), type: 'application/atom+xml', class: 'feed-atom' }, t('mandate.feedLate', { name: nameText(d.addressee) }))) : null,
  ].filter(Boolean));
}

async function mandateSections(view, rec, load, ctx) {
  const tl = relatedSection(t('mandate.reports'), null);
  tl.section.id = 'reports';
  const file = h('section', { class: 'file-report', id: 'file-report', 'aria-labelledby': 'file-report-h' },
    h('h2', { id: 'file-report-h' }, t('report.title')));
  view.append(tl.section, file);
  let d;
  try {
    d = await load;
  } catch (e) {
    tl.body.replaceChildren(errorBox(e));
    tl.body.removeAttribute('aria-busy');
    file.remove();
    return;
  }
  fillTimeline(tl.body, Array.isArray(d.reports) ? d.reports : []);
  tl.body.removeAttribute('aria-busy');
  await fillFiling(file, rec, d, ctx);
}

/* Evidence: one link or document symbol a line. */
function evidenceList(text) {
  const lines = String(text).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  return h('ul', { class: 'evidence' }, lines.map((l) => h('li', null,
    /^https?:\/\/\S+$/.test(l) ? h('a', { href: l, rel: 'noopener noreferrer', dir: 'ltr' }, l) : h('span', { dir: 'auto' }, l))));
}

/* The reports, oldest first, as filed: nothing here edits or deletes them. */
function fillTimeline(body, reports) {
  body.replaceChildren(h('p', { class: 'hint', id: 'reports-kept' }, t('mandate.reportsKept')));
  if (!reports.length) {
    body.append(h('p', { class: 'muted', id: 'no-reports' }, t('mandate.noReports')));
    return;
  }
  body.append(h('ol', { class: 'timeline reports', id: 'report-timeline' }, reports.map((r) => {
    const narrative = localized(r, 'narrative');
    const pct = typeof r.progress === 'number' ? h('span', { class: 'report-progress' }, fmtPercent(r.progress))
      : h('span', { class: 'muted report-progress' }, t('report.noPercent'));
    return h('li', { dataset: { report: r.id, status: r.status || '' } },
      h('div', { class: 'tl-date' }, dateNode(r.reported_on)),
      h('div', { class: 'tl-body' },
        h('p', { class: 'report-head' }, statusBadge(r.status), ' ', pct, r.state ? [' — ', refLink('states', r.state)] : null),
        narrative ? h('p', { class: 'report-narrative', lang: narrative.lang, dir: dir(narrative.lang) }, narrative.text) : null,
        r.evidence ? [h('p', { class: 'evidence-label' }, t('report.evidence')), evidenceList(r.evidence)] : null,
        h('p', { class: 'source' }, tParts('report.filedAt', { time: timeNode(r.filed_at) }), ' · ',
          h('a', { href: route('implementation-reports', r.id) }, t('profile.open')))));
  })));
}

/* Who may file a report on this mandate, as far as the interface knows (the server decides):
   the secretariat and administrators on any; a delegate on a mandate to their own state or to all
   member states. */
function filingRight(m) {
  if (!currentUser()) return { ok: false, why: 'signin' };
  if (!canWrite('implementation-reports')) return { ok: false, why: 'role' };
  if (hasAnyRole('admin', 'secretariat')) return { ok: true, staff: true };
  if (m.addressee === 'all_states') return { ok: true, staff: false };
  if (m.addressee === 'state' && currentState() && m.addressee_state === currentState()) return { ok: true, staff: false };
  return { ok: false, why: m.addressee === 'state' ? 'otherState' : 'notState' };
}

async function fillFiling(sec, m, d, ctx) {
  const right = filingRight(m);
  const who = d.addressee ? nameText(d.addressee) : '';
  if (!right.ok) {
    const box = h('div', { class: 'alert info', id: 'report-not-allowed', dataset: { why: right.why } });
    if (right.why === 'signin') {
      box.append(h('p', null, t('report.signIn')),
        h('p', null, h('a', { class: 'button', href: route('sign-in', { return: location.hash }) }, t('account.signIn'))));
    } else if (right.why === 'otherState') {
      box.append(h('p', null, t('report.otherState', { state: who })));
    } else if (right.why === 'notState') {
      box.append(h('p', null, t('report.notState', { who })));
    } else {
      box.append(h('p', null, t('report.roleCannot')));
    }
    sec.append(box);
    return;
  }
  let mine = null;
  if (!right.staff && currentState()) mine = await getRecord('states', currentState()).catch(() => null);
  const states = right.staff && m.addressee === 'all_states' ? await memberStates().catch(() => []) : null;
  sec.append(reportForm(m, d, { right, mine, states, ctx }));
}

function reportForm(m, d, { right, mine, states, ctx }) {
  const rEnt = entity('implementation-reports');
  const summary = h('div', { class: 'error-summary', id: 'report-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const fields = {};
  const mk = (name, input, opts = {}) => {
    input.name = name;
    const f = formField({ id: `report-${name}`, label: labelOf(field(rEnt, name), name), input, ...opts });
    f.wrap.dataset.field = name;
    fields[name] = f;
    return f.wrap;
  };
  let intro;
  if (!right.staff) {
    intro = t('report.introState', { state: mine ? displayName('states', mine).text : currentState() });
  } else if (m.addressee === 'state') {
    intro = t('report.introStaffState', { state: d.addressee ? nameText(d.addressee) : m.addressee_state });
  } else {
    intro = t('report.introStaff');
  }
  const statusF = field(rEnt, 'status');
  const status = h('select', null, h('option', { value: '' }, t('form.choose')),
    statusF.values.map((v) => h('option', { value: v.value }, enumLabel(statusF, v.value))));
  const form = h('form', { class: 'record-form report-form', id: 'report-form', novalidate: true, 'aria-labelledby': 'file-report-h' },
    h('p', { id: 'report-intro' }, intro),
    mk('status', status, { required: true, hint: t('report.statusHint') }),
    mk('progress', h('input', { type: 'text', inputmode: 'numeric', dir: 'ltr', class: 'short', autocomplete: 'off' }),
      { hint: t('report.progressHint') }),
    mk('reported_on', h('input', { type: 'text', dir: 'ltr', class: 'short', placeholder: 'YYYY-MM-DD', autocomplete: 'off', value: today() }),
      { hint: t('report.reportedOnHint') }));
  if (states) {
    form.append(mk('state', h('select', null, h('option', { value: '' }, t('report.noState')), optionList(states)),
      { hint: t('report.stateHint') }));
  }
  for (const l of langsFirst()) {
    form.append(mk(`narrative_${l}`, h('textarea', { rows: '4', lang: l, dir: dir(l) })));
  }
  form.append(mk('evidence', h('textarea', { rows: '3', dir: 'auto' })));
  const submit = h('button', { type: 'submit', class: 'button', id: 'report-submit' }, t('report.submit'));
  form.append(h('p', { class: 'hint' }, t('report.keptHint')), h('div', { class: 'form-buttons' }, submit));
  const errs = formErrors(summary, fields);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    errs.clear();
    const body = { mandate: m.id };
    for (const [name, c] of Object.entries(fields)) {
      const raw = c.input.value.trim();
      if (!raw) continue;
      if (name === 'progress') {
        // Arabic-Indic digits typed on an Arabic keyboard count as digits; anything else goes as
        // typed, and the server says what is wrong with it.
        const western = westernDigits(raw);
        body.progress = /^-?\d+$/.test(western) ? parseInt(western, 10) : raw;
      } else {
        body[name] = raw;
      }
    }
    submit.disabled = true;
    try {
      await fileReport(body);
      flash(t('report.filed'));
      ctx.rerender();
    } catch (e) {
      submit.disabled = false;
      errs.show(t('report.failed'), problemItems(e));
    }
  });
  return h('div', { class: 'report-form-wrap' }, summary, form);
}

/* ---------- the gap view ---------- */

const GAP_PARAMS = ['by', 'on', 'organ', 'category', 'year', 'addressee', 'resolution'];
const BY = ['addressee', 'organ', 'category', 'year'];

export async function gapPage(view, ctx) {
  ctx.setTitle(t('gap.title'));
  const st = {};
  for (const k of GAP_PARAMS) st[k] = ctx.params.get(k) || '';
  if (!BY.includes(st.by)) st.by = 'addressee';

  view.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('gap.title'))),
    h('p', { class: 'lead' }, t('gap.intro')),
    h('p', { class: 'gap-registers' }, t('gap.registers'), ' ',
      ['mandates', 'results', 'implementation-reports'].filter((c) => entity(c)).map((c, i) => [i ? t('list.sep') : '',
        h('a', { href: route(c) }, t(`gap.register.${c}`))])));

  // ---- filters ----
  const form = h('form', { class: 'filters gap-filters', role: 'search', 'aria-label': t('gap.filters') });
  const selects = {};
  const control = (name, label, input) => {
    input.id = `gap-${name}`;
    input.name = name;
    selects[name] = input;
    form.append(h('div', { class: 'filter-field' }, h('label', { for: input.id }, label), input));
    return input;
  };
  control('by', t('gap.by'), h('select', null, BY.map((b) => h('option', { value: b }, t(`gap.by.${b}`)))));
  control('on', t('gap.on'), h('input', { type: 'date', 'aria-describedby': 'gap-on-hint' }));
  const anyOpt = () => h('option', { value: '' }, t('list.any'));
  control('organ', t('gap.organ'), h('select', null, anyOpt()));
  control('category', t('gap.category'), h('select', null, anyOpt()));
  control('year', t('gap.year'), h('select', null, anyOpt()));
  control('addressee', t('gap.addressee'), h('select', null, anyOpt()));
  const clearBtn = h('button', { type: 'button', class: 'button secondary', id: 'gap-clear' }, t('list.clear'));
  form.append(h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button', id: 'gap-apply' }, t('list.apply')), clearBtn),
    h('p', { class: 'hint filter-hint', id: 'gap-on-hint' }, t('gap.onHint')));
  const chips = h('ul', { class: 'chips', id: 'gap-chips' });
  const status = h('p', { class: 'count', id: 'gap-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  const out = h('div', { class: 'gap-body', id: 'gap-body', 'aria-busy': 'true' });
  const feeds = h('section', { class: 'gap-feeds', id: 'gap-feeds', 'aria-labelledby': 'gap-feeds-h' });
  view.append(form, chips, status, out, feeds);

  const setOptions = (sel, opts) => {
    const keep = st[sel.name];
    sel.replaceChildren(anyOpt(), ...opts.map(([value, text, l]) => {
      const o = h('option', { value: String(value) }, text);
      if (l && l !== lang()) o.lang = l;
      return o;
    }));
    if (keep && ![...sel.options].some((o) => o.value === keep)) sel.append(h('option', { value: keep }, keep));
    sel.value = keep;
  };
  for (const k of GAP_PARAMS) if (selects[k]) selects[k].value = st[k];
  // What the selects offer: organs, categories; addressees and years that have mandates.
  const named = (coll) => (rows) => rows.map((r) => { const n = displayName(coll, r); return [r.id, n.text, n.lang]; })
    .sort((a, b) => compare(a[1], b[1]));
  const optionJobs = [
    listAll('organs').then(named('organs')).then((o) => setOptions(selects.organ, o)).catch(() => {}),
    listAll('resolution-categories').then(named('resolution-categories')).then((o) => setOptions(selects.category, o)).catch(() => {}),
    getGap({ by: 'addressee' }).then((g) => {
      setOptions(selects.addressee, (g.groups || []).map((x) => { const n = localized(x, 'name'); return [x.key, n ? n.text : x.key, n && n.lang]; })
        .sort((a, b) => compare(a[1], b[1])));
      setOptions(selects.year, (g.years || []).map((y) => [y.year, fmtInt(y.year)]).sort((a, b) => b[0] - a[0]));
    }).catch(() => {}),
  ];

  let seq = 0;
  const addresseeNames = new Map();

  function params() {
    const p = {};
    for (const k of GAP_PARAMS) if (st[k] && !(k === 'by' && st[k] === 'addressee')) p[k] = st[k];
    return p;
  }

  function syncUrl() {
    const next = route('gap', params());
    if (location.hash !== next) history.replaceState(history.state, '', next);
  }

  function renderChips() {
    chips.replaceChildren();
    if (st.resolution) {
      const label = h('span', null, t('gap.resolution'), t('impl.colon'));
      const name = h('span', null, st.resolution);
      getRecord('resolutions', st.resolution).then((r) => { if (r) name.replaceChildren(resolutionCode(r)); }).catch(() => {});
      chips.append(h('li', { class: 'chip', id: 'gap-chip-resolution' }, h('span', null, label, name),
        h('button', {
          type: 'button', class: 'chip-remove', 'aria-label': t('list.removeFilter', { field: t('gap.resolution') }),
          onclick: () => { st.resolution = ''; reload(); status.focus(); },
        }, '×')));
    }
    chips.hidden = !chips.children.length;
  }

  function renderFeeds() {
    const who = st.addressee ? addresseeNames.get(st.addressee) || st.addressee : null;
    feeds.replaceChildren(h('h2', { id: 'gap-feeds-h' }, t('gap.feeds')),
      h('ul', { class: 'feed-list' },
        h('li', null, h('a', { href: feedUrl('deadlines', st.addressee), id: 'feed-deadlines', type: 'text/calendar', class: 'feed-ics' },
          who ? t('gap.feedDeadlinesOf', { name: who }) : t('gap.feedDeadlines')), ' ', h('span', { class: 'hint' }, t('gap.feedDeadlinesHint'))),
        h('li', null, h('a', { href: feedUrl('late', st.addressee), id: 'feed-late', type: 'application/atom+xml', class: 'feed-atom' },
          who ? t('gap.feedLateOf', { name: who }) : t('gap.feedLate')), ' ', h('span', { class: 'hint' }, t('gap.feedLateHint'))),
        h('li', null, h('a', { href: feedUrl('csv'), id: 'feed-csv', type: 'text/csv', download: 'progress-report.csv', class: 'feed-csv' },
          t('gap.csv')), ' ', h('span', { class: 'hint' }, t('gap.csvHint')))));
  }

  async function reload() {
    syncUrl();
    renderChips();
    renderFeeds();
    const my = ++seq;
    out.setAttribute('aria-busy', 'true');
    try {
      const g = await getGap(params());
      if (my !== seq) return;
      for (const x of g.groups || []) if (g.by === 'addressee') addresseeNames.set(String(x.key), nameText(x));
      renderFeeds();
      renderGap(out, g);
      const c = g.counts || {};
      status.textContent = t('gap.status', { mandates: fmtCount(c.mandates ?? 0), date: fmtPdate(g.on) });
    } catch (e) {
      if (my !== seq) return;
      out.replaceChildren(errorBox(e));
      status.textContent = '';
    } finally {
      if (my === seq) out.removeAttribute('aria-busy');
    }
  }

  for (const name of ['by', 'organ', 'category', 'year', 'addressee']) {
    selects[name].addEventListener('change', () => { st[name] = selects[name].value; reload(); });
  }
  selects.on.addEventListener('change', () => { st.on = selects.on.value; reload(); });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const k of GAP_PARAMS) if (selects[k]) st[k] = selects[k].value;
    reload();
  });
  clearBtn.addEventListener('click', () => {
    for (const k of GAP_PARAMS) st[k] = '';
    st.by = 'addressee';
    for (const k of GAP_PARAMS) if (selects[k]) selects[k].value = st[k];
    reload();
    selects.by.focus();
  });

  // The addressees' names are known once their list has loaded (the feeds name the one chosen).
  Promise.all(optionJobs).then(() => {
    for (const o of selects.addressee.options) if (o.value) addresseeNames.set(o.value, o.textContent);
    renderFeeds();
  });
  await reload();
}

/* The gap's totals, chart, table of groups and the addressees that never reported. */
function renderGap(out, g) {
  const c = g.counts || {};
  const by = BY.includes(g.by) ? g.by : 'addressee';
  out.replaceChildren();

  out.append(h('section', { class: 'gap-totals', id: 'gap-totals', 'aria-labelledby': 'gap-totals-h' },
    h('h2', { id: 'gap-totals-h' }, t('gap.totals')),
    h('p', { class: 'hint' }, t('impl.asOf', { date: fmtPdate(g.on) }), ' ', t('gap.countsHint')),
    h('ul', { class: 'stats gap-stats' }, COUNT_KEYS.map((k) => h('li', { class: `stat stat-${k}`, dataset: { stat: k } },
      h('span', { class: 'stat-value' }, fmtCount(c[k] ?? 0)), h('span', { class: 'stat-label plain' }, t(`impl.count.${k}`)))))));

  out.append(h('section', { class: 'gap-years', id: 'gap-years', 'aria-labelledby': 'gap-years-h' },
    h('h2', { id: 'gap-years-h' }, t('gap.chartTitle')), yearChart(Array.isArray(g.years) ? g.years : [])));

  const groups = Array.isArray(g.groups) ? g.groups.slice() : [];
  if (by === 'year') groups.sort((a, b) => Number(b.key) - Number(a.key));
  const sec = h('section', { class: 'gap-groups-section', id: 'gap-groups-section', 'aria-labelledby': 'gap-groups-h' },
    h('h2', { id: 'gap-groups-h' }, t(`gap.groupsBy.${by}`)));
  if (!groups.length) {
    sec.append(h('p', { class: 'muted', id: 'gap-no-groups' }, t('gap.noGroups')));
  } else {
    sec.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data gap-table', id: 'gap-groups' },
      h('caption', { class: 'vh' }, t(`gap.groupsBy.${by}`)),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(`gap.col.${by}`)),
        COUNT_KEYS.map((k) => h('th', { scope: 'col', class: 'num' }, t(`impl.count.${k}`))),
        h('th', { scope: 'col' }, t('impl.col.progress')))),
      h('tbody', null, groups.map((x) => {
        const gc = x.counts || {};
        const name = groupName(by, x);
        return h('tr', { dataset: { key: String(x.key) }, class: gc.late ? 'has-late' : null },
          h('th', { scope: 'row' }, name),
          COUNT_KEYS.map((k) => h('td', { class: ['num', `cell-${k}`, k === 'late' && gc.late ? 'late' : ''], dataset: { count: k } }, fmtCount(gc[k] ?? 0))),
          h('td', null, progressMeter(x.progress, { small: true, label: t('impl.progressOf', { name: name.textContent }) })));
      })))));
  }
  out.append(sec);

  // The addressees that never reported on a mandate due: named, not averaged away.
  const silent = Array.isArray(g.silent) ? g.silent : [];
  const sil = h('section', { class: 'gap-silent', id: 'gap-silent', 'aria-labelledby': 'gap-silent-h' },
    h('h2', { id: 'gap-silent-h' }, t('gap.silentTitle')), h('p', { class: 'hint' }, t('gap.silentIntro')));
  if (!silent.length) {
    sil.append(h('p', { class: 'muted', id: 'gap-no-silent' }, t('gap.noSilent')));
  } else {
    sil.append(h('ul', { class: 'silent-list', id: 'gap-silent-list' }, silent.map((a) => h('li', { dataset: { key: String(a.key) } },
      addresseeNode(a), ' — ', h('span', { class: 'silent-due' }, tn('gap.silentDue', a.due ?? 0, { total: fmtCount(a.mandates ?? a.due ?? 0) }))))));
  }
  const states = Array.isArray(g.silent_states) ? g.silent_states.slice().sort((a, b) => compare(nameText(a), nameText(b))) : [];
  const hid = 'gap-silent-states-h';
  const ss = h('div', { class: 'gap-silent-states', id: 'gap-silent-states' },
    h('h3', { id: hid }, t('gap.silentStatesTitle', { n: fmtCount(states.length) })), h('p', { class: 'hint' }, t('gap.silentStatesIntro')));
  if (!states.length) ss.append(h('p', { class: 'muted', id: 'gap-no-silent-states' }, t('gap.noSilentStates')));
  else {
    ss.append(h('ul', { class: 'name-list', id: 'gap-silent-states-list', 'aria-labelledby': hid },
      states.map((s) => h('li', { dataset: { state: s.state } }, h('a', { href: route('states', s.state) }, nameNode(s))))));
  }
  sil.append(ss);
  out.append(sil);
}

function groupName(by, x) {
  if (by === 'addressee') return addresseeNode(x);
  if (by === 'organ') return h('a', { href: route('organs', x.key) }, nameNode(x));
  if (by === 'category') return h('a', { href: route('resolutions', { category: x.key }) }, nameNode(x));
  return h('span', null, fmtInt(x.key));
}

/* ---------- the chart over the years: inline SVG ---------- */

/* The parts of a year's bar. The API's counts overlap (a late mandate is also reported or never
   reported), so the stacked bar holds the three that do not, implemented, other reported and
   never reported, adding up to the year's mandates; the late ones get a bar of their own beside. */
function yearParts(counts) {
  const c = counts || {};
  const implemented = c.implemented ?? 0;
  const silent = c.silent ?? 0;
  const reported = c.reported ?? Math.max(0, (c.mandates ?? 0) - silent);
  return { implemented, reported: Math.max(0, reported - implemented), silent, late: c.late ?? 0, mandates: c.mandates ?? 0 };
}

const SEGMENTS = ['implemented', 'reported', 'silent'];

function yearChart(years) {
  const fig = h('figure', { class: 'gap-chart', id: 'gap-chart' });
  if (!years.length) {
    fig.append(h('p', { class: 'muted', id: 'gap-no-years' }, t('gap.noYears')));
    return fig;
  }
  const rows = years.slice().sort((a, b) => a.year - b.year).map((y) => ({ year: y.year, ...yearParts(y.counts) }));
  const max = Math.max(1, ...rows.map((r) => Math.max(r.mandates, r.late)));
  const slot = 76;
  const barW = 30;
  const lateW = 14;
  const gapW = 4;
  const axis = 44;
  const top = 14;
  const bottom = 30;
  const plot = 180;
  const width = axis + 12 + rows.length * slot;
  const height = top + plot + bottom;
  const yOf = (v) => top + plot - (v / max) * plot;
  // x in a left-to-right drawing, mirrored for Arabic (the first year at the right).
  const X = mirrorX(width);
  const summary = rows.map((r) => t('gap.chartYear', {
    year: fmtInt(r.year), mandates: fmtCount(r.mandates), implemented: fmtCount(r.implemented),
    reported: fmtCount(r.reported), silent: fmtCount(r.silent), late: fmtCount(r.late),
  })).join(' ');
  const chart = chartSvg({ width, height, title: t('gap.chartTitle'), desc: summary, attrs: { class: 'chart', preserveAspectRatio: 'xMinYMin meet' } });

  // the scale: 0, the middle and the top, as whole numbers
  scaleLines(chart, { values: [...new Set([0, Math.round(max / 2), max])], yOf, X, x1: axis, x2: width - 6, label: fmtCount });
  rows.forEach((r, i) => {
    const x0 = axis + 12 + i * slot + (slot - barW - gapW - lateW) / 2;
    const g = svg('g', { class: 'year', 'data-year': r.year });
    let acc = 0;
    for (const k of SEGMENTS) {
      const v = r[k];
      if (!v) continue;
      const y = yOf(acc + v);
      g.append(svg('rect', { class: `seg seg-${k}`, 'data-segment': k, 'data-value': v, x: X(x0, barW), y, width: barW, height: yOf(acc) - y },
        svg('title', null, t('gap.segTitle', { year: fmtInt(r.year), what: t(`gap.legend.${k}`), n: fmtCount(v) }))));
      acc += v;
    }
    if (r.late) {
      const y = yOf(r.late);
      g.append(svg('rect', { class: 'seg seg-late', 'data-segment': 'late', 'data-value': r.late, x: X(x0 + barW + gapW, lateW), y, width: lateW, height: yOf(0) - y },
        svg('title', null, t('gap.segTitle', { year: fmtInt(r.year), what: t('gap.legend.late'), n: fmtCount(r.late) }))));
    }
    g.append(svg('text', { class: 'year-label', x: X(x0 + (barW + gapW + lateW) / 2), y: top + plot + 18, 'text-anchor': 'middle' }, fmtInt(r.year)));
    chart.append(g);
  });
  chart.append(svg('line', { class: 'axis', x1: X(axis), x2: X(width - 6), y1: yOf(0), y2: yOf(0) }));

  const legend = h('ul', { class: 'chart-legend', id: 'gap-chart-legend' }, [...SEGMENTS, 'late'].map((k) => h('li', { dataset: { segment: k } },
    h('span', { class: `swatch seg-${k}`, 'aria-hidden': 'true' }), t(`gap.legend.${k}`))));
  const table = h('details', { class: 'chart-figures' }, h('summary', null, t('gap.figures')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'gap-years-table' },
      h('caption', { class: 'vh' }, t('gap.chartTitle')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('gap.col.year')),
        ['mandates', 'implemented', 'reported', 'silent', 'late'].map((k) => h('th', { scope: 'col', class: 'num' }, t(`gap.fig.${k}`))))),
      h('tbody', null, rows.map((r) => h('tr', { dataset: { year: String(r.year) } }, h('th', { scope: 'row' }, fmtInt(r.year)),
        ['mandates', 'implemented', 'reported', 'silent', 'late'].map((k) => h('td', { class: 'num', dataset: { count: k } }, fmtCount(r[k])))))))));
  fig.append(h('div', { class: 'chart-scroll' }, chart), h('figcaption', null, legend, h('p', { class: 'hint' }, t('gap.chartHint'))), table);
  return fig;
}

/* ---------- a programme's page: the tree of its results ---------- */

export function resultPage(view, ctx, id) {
  let load = null;
  return profilePage(view, ctx, 'results', id, {
    top: () => {
      load = getResultProgress(id);
      load.catch(() => {});
      const box = h('div', { class: 'record-top', id: 'programme-summary' }, h('p', { class: 'loading' }, t('app.loading')));
      load.then((d) => box.replaceChildren(
        h('p', { class: 'impl-progress-line' }, h('span', { class: 'label' }, t('prog.progress')), ' ',
          progressMeter(d.progress, { id: 'programme-progress', label: t('prog.progress') })),
        countsList(d.counts, { id: 'programme-counts' }),
        h('p', { class: 'hint' }, t('impl.asOf', { date: fmtPdate(d.on) }), ' ', t('prog.rollupHint'))))
        .catch((e) => box.replaceChildren(errorBox(e)));
      return box;
    },
    extend: async (v, rec) => {
      const tree = relatedSection(t('prog.tree'), canWrite('results') ? route('new', 'results', { parent: rec.id }) : null, t('prog.addPart'));
      tree.section.id = 'programme-tree';
      const own = relatedSection(t('prog.mandates'), canWrite('mandates') ? route('new', 'mandates', { result: rec.id }) : null, t('prog.addMandate'));
      own.section.id = 'programme-mandates';
      v.append(tree.section, own.section);
      try {
        const d = await load;
        tree.body.replaceChildren(h('ul', { class: 'result-tree', id: 'result-tree' }, treeNode(d, true)));
        const mandates = Array.isArray(d.mandates) ? d.mandates : [];
        own.body.replaceChildren(mandates.length ? mandatesTable(mandates, t('prog.mandates'))
          : h('p', { class: 'muted', id: 'programme-no-mandates' }, t('prog.noMandates')));
      } catch (e) {
        tree.body.replaceChildren(errorBox(e));
        own.body.replaceChildren();
      } finally {
        tree.body.removeAttribute('aria-busy');
        own.body.removeAttribute('aria-busy');
      }
    },
  });
}

function treeNode(node, root = false) {
  const title = localized(node, 'title') || { text: String(node.code || node.result), lang: null };
  const kids = Array.isArray(node.children) ? node.children : [];
  const titleNode = textIn(title.text, title.lang, lang());
  return h('li', { class: ['tree-node', root ? 'root' : ''], dataset: { result: node.result } },
    h('div', { class: 'tree-line' },
      node.kind ? h('span', { class: 'badge kind' }, enumText('results', 'kind', node.kind)) : null,
      node.code ? [' ', h('bdi', { class: 'code', dir: 'ltr' }, node.code)] : null, ' ',
      root ? h('strong', null, titleNode) : h('a', { href: route('results', node.result) }, titleNode),
      ' ', progressMeter(node.progress, { small: true, label: t('impl.progressOf', { name: title.text }) }),
      h('span', { class: 'tree-counts' }, compactCounts(node.counts))),
    kids.length ? h('ul', { class: 'result-tree' }, kids.map((k) => treeNode(k))) : null);
}
