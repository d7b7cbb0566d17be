// Create and edit forms, built from the schema: one control per field, the server's
// validation errors (problem+json: title, detail, hint, field, errors[]) shown next to
// the fields they name and summarised at the top in a live region.

import { h, route, textIn } from './dom.js';
import { t, tParts, lang, compare, fmtInt } from './i18n.js';
import { get, recordPath, listAll, currentUser, createRecord, updateRecord, ApiError } from './api.js';
import { entity, field, entityLabel, labelOf, enumLabel, displayName } from './schema.js';
import { titleOf, westernDigits } from './values.js';
import { problemParts, flash, roleLabel } from './ui.js';
import { canWrite, writersOf } from './rights.js';
import { breadcrumb, notFoundRecord } from './profile.js';

const LONG_TEXT = /^(notes|description(_\w+)?|summary(_\w+)?|purpose(_\w+)?|action_\w+|narrative_\w+)$/;

export function signInNeeded(view, ctx, titleText) {
  ctx.setTitle(titleText);
  view.replaceChildren(
    h('h1', { tabindex: '-1' }, titleText),
    h('div', { class: 'alert info' },
      h('p', null, t('form.signInNeeded')),
      h('p', null, h('a', { class: 'button', href: route('sign-in', { return: location.hash }) }, t('account.signIn')))));
}

/* #/new/{collection}?{field}=value  and  #/edit/{collection}/{id} */
export async function formPage(view, ctx, coll, id) {
  const ent = entity(coll);
  const editing = id !== null && id !== undefined;
  const entLabel = entityLabel(ent);
  if (!currentUser()) {
    signInNeeded(view, ctx, editing ? t('profile.edit') : t('form.new', { entity: entLabel }));
    return;
  }
  if (editing && ent.append_only) {
    ctx.setTitle(t('profile.edit'));
    view.replaceChildren(h('h1', { tabindex: '-1' }, t('profile.edit')),
      h('div', { class: 'alert info', id: 'cannot-write' }, h('p', null, t('form.appendOnly')),
        h('p', null, h('a', { href: route(coll, id) }, t('form.backToRecord')))));
    return;
  }
  if (!canWrite(coll) || ent.actions) {
    const titleText = editing ? t('profile.edit') : t('form.new', { entity: entLabel });
    ctx.setTitle(titleText);
    view.replaceChildren(h('h1', { tabindex: '-1' }, titleText),
      h('div', { class: 'alert info', id: 'cannot-write' },
        h('p', null, ent.actions ? t('form.actionsOnly')
          : t('form.cannotWrite', { roles: writersOf(coll).roles.map(roleLabel).join(t('list.sep')) }))));
    return;
  }

  let rec = null;
  if (editing) {
    try {
      rec = await get(recordPath(coll, id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) { notFoundRecord(view, ctx); return; }
      throw e;
    }
  }
  const recTitle = editing ? await titleOf(coll, rec) : null;
  const titleText = editing ? t('form.edit', { name: recTitle.text }) : t('form.new', { entity: entLabel });
  ctx.setTitle(titleText);

  // Where to go back to: the record; or, for a new record created from another
  // record's page (?group=...), that record; or the list.
  const prefill = {};
  if (!editing) {
    for (const [k, v] of ctx.params) if (field(ent, k)) prefill[k] = v;
  }
  const parentRef = Object.keys(prefill).map((k) => field(ent, k)).find((f) => f.type === 'ref' && f.ref);
  const backHref = editing ? route(coll, rec.id)
    : parentRef ? route(parentRef.ref, prefill[parentRef.name]) : route(coll);

  // Options of the reference fields, loaded before the form is drawn.
  const refOptions = {};
  await Promise.all(ent.fields.filter((f) => f.type === 'ref' && f.ref && entity(f.ref)).map(async (f) => {
    try {
      const rows = await listAll(f.ref);
      refOptions[f.name] = rows.map((r) => ({ id: String(r.id), name: displayName(f.ref, r) }))
        .sort((a, b) => compare(a.name.text, b.name.text));
    } catch {
      refOptions[f.name] = null; // a plain text box then
    }
  }));

  view.replaceChildren();
  const crumbs = [{ href: '#/', text: t('nav.home') }, { href: route(coll), text: entLabel }];
  if (editing) crumbs.push({ href: route(coll, rec.id), text: recTitle.text });
  crumbs.push({ text: editing ? t('profile.edit') : t('list.new') });
  view.append(breadcrumb(crumbs));
  view.append(h('h1', { tabindex: '-1' }, editing ? tParts('form.edit', { name: textIn(recTitle.text, recTitle.lang, lang()) }) : titleText));

  const summary = h('div', { class: 'error-summary', id: 'form-errors', tabindex: '-1', 'aria-live': 'assertive' });
  view.append(summary);

  const form = h('form', { class: 'record-form', novalidate: true });
  const controls = {};
  for (const f of ent.fields) {
    const row = fieldRow(ent, f, editing, rec, prefill, refOptions[f.name]);
    controls[f.name] = row;
    form.append(row.wrap);
  }
  const saveBtn = h('button', { type: 'submit', class: 'button' }, t('form.save'));
  form.append(h('div', { class: 'form-buttons' }, saveBtn, h('a', { class: 'button secondary', href: backHref }, t('form.cancel'))));
  view.append(form);

  function clearErrors() {
    summary.replaceChildren();
    summary.classList.remove('shown');
    for (const c of Object.values(controls)) {
      c.error.textContent = '';
      c.error.hidden = true;
      c.input.removeAttribute('aria-invalid');
      c.wrap.classList.remove('invalid');
    }
  }

  function showProblem(e) {
    clearErrors();
    const parts = problemParts(e);
    const p = e instanceof ApiError ? e.problem || {} : {};
    const errs = Array.isArray(p.errors) ? p.errors.filter((x) => x && typeof x === 'object') : [];
    if (p.field && !errs.some((x) => x.field === p.field)) {
      errs.unshift({ field: p.field, detail: p.detail, hint: p.hint });
    }
    const items = [];
    for (const err of errs) {
      const c = err.field ? controls[err.field] : null;
      const detail = err.detail || err.message || err.title || (err.field === p.field ? p.detail : '') || t('form.invalid');
      if (c) {
        c.error.textContent = detail + (err.hint && err.hint !== p.hint ? ` ${err.hint}` : '');
        c.error.hidden = false;
        c.input.setAttribute('aria-invalid', 'true');
        c.wrap.classList.add('invalid');
        const label = labelOf(field(ent, err.field));
        items.push(h('li', null, h('button', {
          type: 'button',
          class: 'link',
          onclick: () => c.input.focus(),
        }, t('form.fieldError', { field: label, detail }))));
      } else {
        items.push(h('li', null, err.field ? t('form.fieldError', { field: err.field, detail }) : detail));
      }
    }
    const box = h('div', { class: 'alert error', role: 'alert' },
      h('h2', { class: 'alert-title' }, t('form.errorTitle')),
      h('p', { class: 'problem-title' }, parts.title),
      parts.detail && !errs.some((x) => x.detail === parts.detail) ? h('p', { class: 'problem-detail' }, parts.detail) : null,
      parts.hint ? h('p', { class: 'hint problem-hint' }, parts.hint) : null,
      items.length ? h('ul', { class: 'problem-errors' }, items) : null,
      e instanceof ApiError && e.status === 401
        ? h('p', null, t('error.session'), ' ', h('a', { href: route('sign-in', { return: location.hash }) }, t('account.signIn')))
        : null);
    summary.append(box);
    summary.classList.add('shown');
    summary.focus();
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (saveBtn.disabled) return;
    clearErrors();
    const values = {};
    for (const f of ent.fields) values[f.name] = readControl(f, controls[f.name].input);
    let body = {};
    if (editing) {
      for (const f of ent.fields) {
        if (f.name === 'id') continue;
        if (!sameValue(values[f.name], rec[f.name])) body[f.name] = values[f.name];
      }
      if (!Object.keys(body).length) {
        summary.append(h('div', { class: 'alert info' }, h('p', null, t('form.noChanges'))));
        summary.classList.add('shown');
        summary.focus();
        return;
      }
    } else {
      for (const f of ent.fields) if (values[f.name] !== null) body[f.name] = values[f.name];
    }
    saveBtn.disabled = true;
    saveBtn.textContent = t('form.saving');
    try {
      if (editing) {
        const saved = await updateRecord(coll, rec.id, body);
        flash(t('form.saved'));
        location.hash = route(coll, (saved && saved.id) || rec.id);
      } else {
        const saved = await createRecord(coll, body);
        flash(t('form.created'));
        const newId = (saved && saved.id) || body.id;
        location.hash = parentRef ? backHref : newId ? route(coll, newId) : route(coll);
      }
    } catch (e) {
      saveBtn.disabled = false;
      saveBtn.textContent = t('form.save');
      showProblem(e);
    }
  });
}

function sameValue(a, b) {
  const na = a === undefined || a === '' ? null : a;
  const nb = b === undefined || b === '' ? null : b;
  if (na === null || nb === null) return na === nb;
  return String(na) === String(nb);
}

function readControl(f, input) {
  const raw = input.value;
  switch (f.type) {
    case 'int': {
      const s = raw.trim();
      if (s === '') return null;
      // Arabic-Indic digits typed on an Arabic keyboard count as digits.
      const western = westernDigits(s);
      return /^-?\d+$/.test(western) ? parseInt(western, 10) : s; // the server explains a bad value
    }
    case 'num': {
      const s = westernDigits(raw.trim()).replace('\u066b', '.');
      if (s === '') return null;
      return /^-?\d+(\.\d+)?$/.test(s) ? parseFloat(s) : s; // the server explains a bad value
    }
    case 'bool':
      return raw === '' ? null : raw === 'true';
    case 'text': {
      const s = raw.replace(/^\s+|\s+$/g, '');
      return s === '' ? null : s;
    }
    default: {
      const s = raw.trim();
      return s === '' ? null : s;
    }
  }
}

function initialValue(f, editing, rec, prefill) {
  let v = editing ? rec[f.name] : prefill[f.name];
  // A new record's confidentiality starts at the server's default (the schema's example).
  if (!editing && f.name === 'level' && (v === null || v === undefined) && f.type === 'enum') v = f.example;
  if (v === null || v === undefined) return '';
  if (f.type === 'bool') return v === true || v === 'true' ? 'true' : 'false';
  return String(v);
}

function fieldRow(ent, f, editing, rec, prefill, options) {
  const id = `f-${f.name}`;
  const hintId = `hint-${f.name}`;
  const errId = `err-${f.name}`;
  const value = initialValue(f, editing, rec, prefill);
  const required = f.required || (f.name === 'id' && !ent.auto_id);
  const hints = [];
  let input;

  const langMatch = /_(ar|en|fr)$/.exec(f.name);
  const textLang = langMatch ? langMatch[1] : null;

  if (f.name === 'id') {
    input = h('input', { type: 'text', id, name: f.name, value, class: 'code', dir: 'ltr', autocomplete: 'off', spellcheck: 'false' });
    if (editing) { input.readOnly = true; hints.push(t('form.idFixed')); } else if (ent.auto_id) hints.push(t('form.autoId'));
  } else if (f.type === 'enum' || f.type === 'bool' || (f.type === 'ref' && options)) {
    input = h('select', { id, name: f.name });
    input.append(h('option', { value: '' }, required ? t('form.choose') : t('form.notKnown')));
    if (f.type === 'enum') {
      for (const v of f.values) input.append(h('option', { value: v.value }, enumLabel(f, v.value)));
    } else if (f.type === 'bool') {
      input.append(h('option', { value: 'true' }, t('value.yes')), h('option', { value: 'false' }, t('value.no')));
    } else {
      for (const o of options) {
        const opt = h('option', { value: o.id }, o.name.text);
        if (o.name.lang && o.name.lang !== lang()) opt.lang = o.name.lang;
        input.append(opt);
      }
    }
    if (value && ![...input.options].some((o) => o.value === value)) input.append(h('option', { value }, value));
    input.value = value;
  } else if (f.type === 'text' && (f.long || LONG_TEXT.test(f.name) || (f.max_length && f.max_length > 1000))) {
    input = h('textarea', { id, name: f.name, rows: '4', lang: textLang, dir: textLang ? (textLang === 'ar' ? 'rtl' : 'ltr') : 'auto' });
    input.value = value;
  } else {
    const attrs = { type: 'text', id, name: f.name, value, autocomplete: 'off' };
    if (f.type === 'int') Object.assign(attrs, { inputmode: 'numeric', dir: 'ltr', class: 'short' });
    if (f.type === 'num') Object.assign(attrs, { inputmode: 'decimal', dir: 'ltr', class: 'short' });
    else if (f.type === 'pdate') Object.assign(attrs, { dir: 'ltr', placeholder: 'YYYY-MM-DD', class: 'short' });
    else if (f.type === 'ref') Object.assign(attrs, { dir: 'ltr', class: 'code' });
    else if (textLang) Object.assign(attrs, { lang: textLang, dir: textLang === 'ar' ? 'rtl' : 'ltr' });
    else attrs.dir = 'auto';
    input = h('input', attrs);
  }
  if (required) input.setAttribute('aria-required', 'true');

  if (f.type === 'pdate') hints.push(t('form.pdateHint'));
  if (f.name === 'level' && f.type === 'enum') hints.push(t('form.levelHint'));
  if (f.name === 'team' && f.type === 'ref' && field(ent, 'level')) hints.push(t('form.teamHint'));
  if (f.example && !['pdate', 'enum', 'bool', 'ref'].includes(f.type) && !(f.name === 'id' && (editing || ent.auto_id))) {
    hints.push(t('form.example', { value: f.example }));
  }
  if (f.type === 'text' && f.max_length) hints.push(t('form.maxLength', { n: fmtInt(f.max_length) }));
  if (f.type === 'int' || f.type === 'num') {
    if (f.min !== null && f.max !== null) hints.push(t('form.range', { min: fmtInt(f.min), max: fmtInt(f.max) }));
    else if (f.min !== null) hints.push(t('form.min', { min: fmtInt(f.min) }));
    else if (f.max !== null) hints.push(t('form.max', { max: fmtInt(f.max) }));
  }

  const describedBy = [];
  const hint = hints.length ? h('p', { class: 'hint', id: hintId }, hints.join(' ')) : null;
  if (hint) describedBy.push(hintId);
  const error = h('p', { class: 'field-error', id: errId, hidden: true });
  describedBy.push(errId);
  input.setAttribute('aria-describedby', describedBy.join(' '));

  const label = h('label', { for: id }, labelOf(f),
    required ? h('span', { class: 'req' }, ` (${t('form.required')})`) : null);
  const wrap = h('div', { class: ['form-field', `type-${f.type}`], dataset: { field: f.name } }, label, hint, error, input);
  return { wrap, input, error };
}

