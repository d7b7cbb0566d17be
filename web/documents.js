// Documents (issue 8): the archive's list (#/documents, filtered by kind and language), a
// document's page (#/documents/ID: what it is, what it is linked to, its confidentiality, and its
// text in its own language and direction), and the upload form (#/documents/new), which sends the
// file as it is to POST /api/v1/documents/import with the document's fields as parameters; the
// server reads the text out of it (HTML and PDF too), guesses the language and stores it.
//
// Who reads a document is the server's decision (its level: public, members, secretariat, or
// restricted to a team); the upload link is shown to the roles that may write documents.

import { h, route } from './dom.js';
import { t, lang, compare, fmtPdate } from './i18n.js';
import { API, request, withQuery, getRecord, list, listAll, clearCache, currentUser, ApiError } from './api.js';
import { entity, field, labelOf, enumLabel, displayName } from './schema.js';
import { enumText, refLink, unknownNode } from './values.js';
import { errorBox, flash, formField, formErrors, problemItems } from './ui.js';
import { canWrite } from './rights.js';
import { breadcrumb, notFoundRecord } from './profile.js';
import { langAttrs, languageLabel } from './search.js';

const docField = (name) => field(entity('documents'), name);
const fieldName = (name) => labelOf(docField(name), name);
const enumValues = (name) => (docField(name)?.values || []).map((v) => v.value);
const items = (s) => String(s ?? '').split(/\s+/).filter(Boolean);

function levelBadge(level, id = null) {
  const v = String(level || '').replace(/[^a-z0-9_-]/gi, '');
  return h('span', { class: ['badge', 'level', `level-${v}`], id, dataset: { level: v } }, enumLabel(docField('level'), level));
}

function docTitle(rec, { tag = 'span', attrs = {} } = {}) {
  return h(tag, { ...attrs, ...langAttrs(rec.lang) }, String(rec.title ?? rec.id ?? ''));
}

function crumbs(last) {
  const out = [{ href: '#/', text: t('nav.home') }, { href: route('documents'), text: t('nav.documents') }];
  if (last) out.push(last);
  return breadcrumb(out);
}

/* ======================================================================================== */
/* #/documents                                                                              */
/* ======================================================================================== */

export async function documentsPage(view, ctx) {
  const title = t('nav.documents');
  ctx.setTitle(title);
  const st = { kind: ctx.params.get('kind') || '', lang: ctx.params.get('lang') || '' };
  const head = h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, title));
  if (canWrite('documents')) {
    head.append(h('div', { class: 'actions' }, h('a', { class: 'button', href: route('documents', 'new'), id: 'doc-upload-link' }, t('docs.upload'))));
  }
  view.append(head, h('p', { class: 'lead' }, t('docs.intro'), ' ',
    h('a', { href: '#/search?q=', id: 'doc-search-link' }, t('docs.searchLink'))));

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('list.filters') });
  const selects = {};
  for (const name of ['kind', 'lang']) {
    const id = `doc-filter-${name}`;
    const sel = h('select', { id, name }, h('option', { value: '' }, t('list.any')),
      enumValues(name).map((v) => h('option', { value: v }, name === 'lang' ? languageLabel(v) : enumText('documents', name, v))));
    sel.value = st[name];
    sel.addEventListener('change', () => {
      st[name] = sel.value;
      const next = route('documents', { kind: st.kind, lang: st.lang });
      location.hash = next;
    });
    selects[name] = sel;
    form.append(h('div', { class: 'filter-field' }, h('label', { for: id }, fieldName(name)), sel));
  }
  form.addEventListener('submit', (ev) => ev.preventDefault());
  view.append(form);

  const status = h('p', { class: 'count', id: 'doc-count', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'list-body' });
  const more = h('div', { class: 'more' });
  view.append(status, body, more);

  const cols = ['title', 'kind', 'lang', 'date', 'level'];
  const tbody = h('tbody');
  const table = h('table', { class: 'data', id: 'doc-table' },
    h('caption', { class: 'vh' }, title),
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, fieldName(c))))), tbody);

  // The API's lists take lang as the language of their messages, everywhere: it filters no
  // field. The documents of one language are picked here from the list of the kind chosen.
  const params = { sort: '-date', kind: st.kind || null };
  let shown = 0;
  const addRows = (rows) => {
    for (const r of rows) {
      tbody.append(h('tr', { dataset: { document: String(r.id), kind: r.kind || '', lang: r.lang || '' } },
        h('th', { scope: 'row' }, h('a', { href: route('documents', r.id) }, docTitle(r))),
        h('td', null, r.kind ? enumText('documents', 'kind', r.kind) : unknownNode()),
        h('td', null, r.lang ? languageLabel(r.lang) : unknownNode()),
        h('td', null, r.date ? h('time', { datetime: String(r.date) }, fmtPdate(r.date)) : unknownNode()),
        h('td', null, levelBadge(r.level))));
    }
    shown += rows.length;
  };
  const showMore = (cursor, total) => {
    more.replaceChildren();
    status.textContent = t('list.count', { shown: String(shown), total: String(total) });
    if (!cursor) return;
    const btn = h('button', { type: 'button', class: 'button secondary load-more' }, t('list.loadMore'));
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        const page = await list('documents', { ...params, cursor });
        addRows(page.items);
        showMore(page.next_cursor, page.total);
      } catch (e) {
        btn.disabled = false;
        more.append(errorBox(e));
      }
    });
    more.append(btn);
  };
  const page = st.lang
    ? await listAll('documents', params).then((all) => {
      const rows = all.filter((r) => r.lang === st.lang);
      return { items: rows, total: rows.length, next_cursor: null };
    })
    : await list('documents', { ...params, limit: 50 });
  if (!page.items.length) {
    body.append(h('p', { class: 'alert info', id: 'doc-empty' }, t('list.empty')));
    status.textContent = '';
    return;
  }
  addRows(page.items);
  body.append(table);
  showMore(page.next_cursor, page.total);
}

/* ======================================================================================== */
/* #/documents/ID                                                                           */
/* ======================================================================================== */

export async function documentPage(view, ctx, id) {
  const rec = await getRecord('documents', id);
  if (!rec) { notFoundRecord(view, ctx); return; }
  ctx.setTitle(String(rec.title ?? rec.id));
  view.append(crumbs({ node: docTitle(rec) }));
  const h1 = docTitle(rec, { tag: 'h1', attrs: { tabindex: '-1', id: 'doc-title' } });
  const head = h('div', { class: 'page-head' }, h('div', { class: 'title-block' }, h1,
    h('p', { class: 'doc-level' }, t('docs.readBy'), ' ', levelBadge(rec.level, 'doc-level'),
      rec.level === 'restricted' && rec.team ? [' ', h('span', { class: 'muted' }, '(', refLink('teams', rec.team), ')')] : null)));
  if (canWrite('documents', rec)) {
    head.append(h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: route('edit', 'documents', rec.id), id: 'doc-edit' }, t('profile.edit'))));
  }
  view.append(head);

  const rows = [];
  // The lists' labels in the schema are written for the form ("ISO codes, space-separated").
  const label = (key) => (key === 'states' || key === 'persons' ? t(`docs.${key}`) : fieldName(key));
  const row = (key, node) => rows.push(h('div', { class: 'field-row', dataset: { key } }, h('dt', null, label(key)), h('dd', null, node)));
  row('kind', rec.kind ? enumText('documents', 'kind', rec.kind) : unknownNode());
  row('lang', rec.lang ? languageLabel(rec.lang) : unknownNode());
  row('date', rec.date ? h('time', { datetime: String(rec.date) }, fmtPdate(rec.date)) : unknownNode());
  if (rec.organ) row('organ', refLink('organs', rec.organ));
  if (rec.author) row('author', h('span', { dir: 'auto' }, String(rec.author)));
  for (const [key, coll] of [['meeting', 'meetings'], ['resolution', 'resolutions'], ['conflict', 'conflicts'], ['process', 'processes']]) {
    if (rec[key]) row(key, h('span', { id: `doc-${key}` }, refLink(coll, rec[key])));
  }
  for (const [key, coll] of [['states', 'states'], ['persons', 'persons']]) {
    const ids = items(rec[key]);
    if (ids.length) {
      row(key, h('ul', { class: 'inline-list', id: `doc-${key}` }, ids.map((x) => h('li', { dataset: { id: x } }, refLink(coll, x)))));
    }
  }
  if (rec.source) row('source', h('span', { class: 'code', dir: 'ltr' }, String(rec.source)));
  if (rec.format) row('format', enumText('documents', 'format', rec.format));
  view.append(h('section', { class: 'details', 'aria-labelledby': 'details-h' },
    h('h2', { id: 'details-h' }, t('profile.details')), h('dl', { class: 'fields', id: 'doc-fields' }, rows)));

  // The text, in its own language and direction, its lines and spaces kept.
  const l = rec.lang || null;
  view.append(h('section', { class: 'doc-text', 'aria-labelledby': 'doc-body-h' },
    h('h2', { id: 'doc-body-h' }, fieldName('body')),
    rec.body ? h('div', { class: 'doc-body', id: 'doc-body', lang: l, dir: l ? (l === 'ar' ? 'rtl' : 'ltr') : 'auto', tabindex: '0',
      'aria-labelledby': 'doc-body-h' }, String(rec.body))
      : h('p', { class: 'muted', id: 'doc-body' }, t('docs.noText'))));
}

/* ======================================================================================== */
/* #/documents/new                                                                          */
/* ======================================================================================== */

/* The Content-Type of a file to import, from its name (the server reads the format from it). */
export function fileType(name) {
  const ext = (/\.([a-z0-9]+)$/i.exec(String(name)) || [])[1]?.toLowerCase();
  if (ext === 'txt' || ext === 'md' || ext === 'text') return 'text/plain; charset=utf-8';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'text/html; charset=utf-8';
  if (ext === 'pdf') return 'application/pdf';
  return null;
}

/* The fields of the form, as the server names them: its refusals land beside them. */
const SERVER_FIELDS = { filename: 'file', body: 'file', 'Content-Type': 'file' };

export async function uploadPage(view, ctx) {
  const title = t('docs.upload');
  ctx.setTitle(title);
  view.append(crumbs({ text: title }), h('h1', { tabindex: '-1' }, title));
  if (!currentUser()) {
    view.append(h('div', { class: 'alert info', id: 'doc-signin' }, h('p', null, t('form.signInNeeded')),
      h('p', null, h('a', { class: 'button', href: route('sign-in', { return: location.hash }) }, t('account.signIn')))));
    return;
  }
  if (!canWrite('documents')) {
    view.append(h('div', { class: 'alert info', id: 'cannot-write' }, h('p', null, t('docs.cannotUpload'))));
    return;
  }
  view.append(h('p', { class: 'lead' }, t('docs.uploadIntro')));

  const [organs, teams] = await Promise.all([
    listAll('organs').catch(() => []),
    listAll('teams').catch(() => []),
  ]);
  const options = (coll, rows) => rows.map((r) => ({ id: String(r.id), name: displayName(coll, r) }))
    .sort((a, b) => compare(a.name.text, b.name.text))
    .map((o) => h('option', { value: o.id, ...(o.name.lang && o.name.lang !== lang() ? { lang: o.name.lang } : {}) }, o.name.text));
  const enumSelect = (name, first) => h('select', null, first !== null ? h('option', { value: '' }, first) : null,
    enumValues(name).map((v) => h('option', { value: v }, name === 'lang' ? languageLabel(v) : enumText('documents', name, v))));

  const fileInput = h('input', { type: 'file', accept: '.txt,.md,.html,.htm,.pdf,text/plain,text/html,application/pdf' });
  const specs = [
    { name: 'file', label: t('docs.file'), input: fileInput, hint: t('docs.fileHint'), required: true },
    { name: 'title', label: fieldName('title'), input: h('input', { type: 'text', dir: 'auto', autocomplete: 'off' }), hint: t('docs.titleHint') },
    { name: 'lang', label: fieldName('lang'), input: enumSelect('lang', t('docs.langGuess')), hint: t('docs.langHint') },
    { name: 'kind', label: fieldName('kind'), input: enumSelect('kind', null), required: true },
    { name: 'date', label: fieldName('date'), input: h('input', { type: 'text', class: 'short', dir: 'ltr', placeholder: 'YYYY-MM-DD', autocomplete: 'off' }), hint: t('form.pdateHint') },
    { name: 'organ', label: fieldName('organ'), input: h('select', null, h('option', { value: '' }, t('form.notKnown')), options('organs', organs)) },
    { name: 'level', label: fieldName('level'), input: enumSelect('level', null), hint: t('form.levelHint') },
    { name: 'team', label: fieldName('team'), input: h('select', null, h('option', { value: '' }, t('form.choose')), options('teams', teams)), hint: t('form.teamHint') },
  ];
  const summary = h('div', { class: 'error-summary', id: 'upload-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const form = h('form', { class: 'record-form', id: 'upload-form', novalidate: true });
  const fields = {};
  for (const s of specs) {
    s.input.name = s.name;
    const f = formField({ id: `upload-${s.name}`, label: s.label, input: s.input, hint: s.hint, required: s.required });
    f.wrap.dataset.field = s.name;
    fields[s.name] = f;
    form.append(f.wrap);
  }
  fields.kind.input.value = 'report';
  fields.level.input.value = docField('level')?.example || 'members';
  const teamShown = () => { fields.team.wrap.hidden = fields.level.input.value !== 'restricted'; };
  fields.level.input.addEventListener('change', teamShown);
  teamShown();

  const submit = h('button', { type: 'submit', class: 'button', id: 'upload-submit' }, t('docs.send'));
  form.append(h('div', { class: 'form-buttons' }, submit, h('a', { class: 'button secondary', href: route('documents') }, t('form.cancel'))));
  view.append(summary, form);
  const errs = formErrors(summary, fields);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    errs.clear();
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      errs.show(t('docs.failed'), [{ field: 'file', message: t('docs.noFile') }]);
      return;
    }
    const params = { filename: file.name };
    for (const name of ['title', 'lang', 'kind', 'date', 'organ', 'level', 'team']) {
      if (fields[name].wrap.hidden) continue;
      const v = fields[name].input.value.trim();
      if (v) params[name] = v;
    }
    submit.disabled = true;
    submit.textContent = t('form.saving');
    try {
      const doc = await request('POST', withQuery(`${API}/documents/import`, params), file, fileType(file.name));
      clearCache();
      flash(t('docs.uploaded'));
      location.hash = route('documents', doc.id);
    } catch (e) {
      submit.disabled = false;
      submit.textContent = t('docs.send');
      const found = problemItems(e, SERVER_FIELDS);
      for (const it of found) if (it.field && fields[it.field]) fields[it.field].wrap.hidden = false;
      errs.show(t('docs.failed'), found,
        e instanceof ApiError && e.status === 401 ? h('p', null, t('error.session'), ' ',
          h('a', { href: route('sign-in', { return: location.hash }) }, t('account.signIn'))) : null);
    }
  });
}
