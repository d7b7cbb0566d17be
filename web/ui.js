// Shared pieces of interface: error boxes from problem documents, the flash message
// shown after a navigation, and a confirmation dialog.

import { h } from './dom.js';
import { t } from './i18n.js';
import { ApiError } from './api.js';

/* Title, detail and hint of an error, in the interface language where the server
   did not provide them. */
export function problemParts(e) {
  if (e instanceof ApiError) {
    const p = e.problem || {};
    if (e.status === 0) return { title: t('error.network'), detail: '', hint: '' };
    return {
      title: p.title || t('error.status', { status: e.status }),
      detail: p.detail || '',
      hint: p.hint || '',
    };
  }
  return { title: t('error.title'), detail: e && e.message ? String(e.message) : '', hint: '' };
}

export function errorBox(e, heading) {
  const { title, detail, hint } = problemParts(e);
  return h('div', { class: 'alert error', role: 'alert' },
    h('p', { class: 'alert-title' }, heading || title),
    heading && title !== heading ? h('p', null, title) : null,
    detail ? h('p', null, detail) : null,
    hint ? h('p', { class: 'hint' }, hint) : null);
}

let pending = null;
let flashEl = null;

export function initFlash(el) { flashEl = el; }

/* A message to show once the next page has been rendered (e.g. "Saved."). */
export function flash(message) { pending = message; }

export function showPendingFlash() {
  if (!flashEl) return;
  flashEl.replaceChildren();
  if (pending) {
    flashEl.append(h('p', { class: 'flash-message' }, pending));
    pending = null;
  }
}

export function clearFlash() {
  if (flashEl && !pending) flashEl.replaceChildren();
}

/* A modal confirmation built on <dialog>; resolves true when confirmed. */
export function confirmDialog({ title, text, confirm, cancel, danger = true }) {
  return new Promise((resolve) => {
    const titleId = `dlg-title-${Date.now()}`;
    const cancelBtn = h('button', { type: 'button', class: 'button secondary', autofocus: true }, cancel);
    const okBtn = h('button', { type: 'button', class: ['button', danger ? 'danger' : ''] }, confirm);
    const dlg = h('dialog', { class: 'confirm', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      h('p', null, text),
      h('div', { class: 'actions' }, cancelBtn, okBtn));
    let result = false;
    cancelBtn.addEventListener('click', () => dlg.close());
    okBtn.addEventListener('click', () => { result = true; dlg.close(); });
    dlg.addEventListener('close', () => { dlg.remove(); resolve(result); });
    document.body.append(dlg);
    dlg.showModal();
    cancelBtn.focus();
  });
}

/* ---------- small forms outside the schema (account, users, tokens) ---------- */

/* A labelled control with its hint and its error line, wired with aria-describedby.
   Returns {wrap, input, error, label}. */
export function formField({ id, label, input, hint, required = false, extraClass = null }) {
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  input.id = id;
  if (required) input.setAttribute('aria-required', 'true');
  const error = h('p', { class: 'field-error', id: errId, hidden: true });
  input.setAttribute('aria-describedby', [hint ? hintId : null, errId].filter(Boolean).join(' '));
  const wrap = h('div', { class: ['form-field', extraClass], dataset: { field: id } },
    h('label', { for: id }, label, required ? h('span', { class: 'req' }, ` (${t('form.required')})`) : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    error, input);
  return { wrap, input, error, label };
}

/* The errors of a small form: each one beside its field and listed in a summary at the
   top (focused, announced), whose entries move the focus to the field. fields: name ->
   {wrap, input, error, label}. */
export function formErrors(summary, fields) {
  function clear() {
    summary.replaceChildren();
    summary.classList.remove('shown');
    for (const c of Object.values(fields)) {
      c.error.textContent = '';
      c.error.hidden = true;
      c.input.removeAttribute('aria-invalid');
      c.wrap.classList.remove('invalid');
    }
  }
  /* items: [{field, message}]; title: the box's heading; extra: nodes under the list. */
  function show(title, items, extra = null) {
    clear();
    const list = [];
    for (const it of items) {
      const c = it.field ? fields[it.field] : null;
      if (c) {
        c.error.textContent = it.message;
        c.error.hidden = false;
        c.input.setAttribute('aria-invalid', 'true');
        c.wrap.classList.add('invalid');
        list.push(h('li', null, h('button', {
          type: 'button', class: 'link', onclick: () => c.input.focus(),
        }, t('form.fieldError', { field: c.label, detail: it.message }))));
      } else {
        list.push(h('li', null, it.message));
      }
    }
    summary.append(h('div', { class: 'alert error', role: 'alert' },
      h('h2', { class: 'alert-title' }, title),
      list.length ? h('ul', { class: 'problem-errors' }, list) : null,
      extra));
    summary.classList.add('shown');
    summary.focus();
  }
  return { clear, show };
}

/* The problems of an API error as [{field, message}]: fieldMap renames the server's field
   names to the form's; message(code, field, detail) may return a message in the interface
   language, else the server's detail is used. */
export function problemItems(e, fieldMap = {}, message = () => null) {
  const p = e instanceof ApiError ? e.problem || {} : {};
  let errs = Array.isArray(p.errors) ? p.errors.filter((x) => x && typeof x === 'object') : [];
  if (!errs.length) errs = [{ code: p.code, field: p.field, detail: p.detail, title: p.title }];
  return errs.map((x) => {
    const field = x.field && Object.prototype.hasOwnProperty.call(fieldMap, x.field) ? fieldMap[x.field] : x.field || null;
    const own = message(x.code || p.code, field, x.detail || '');
    const { title } = problemParts(e);
    return { field, message: own || x.detail || x.title || title };
  });
}

/* A secret shown once (a generated password, an API token): a read-only box, a Copy
   button, and a warning that it will not be shown again. */
export function secretBox({ title, warning, label, value, id, onDone = null }) {
  const input = h('input', {
    type: 'text', id, value, readonly: true, class: 'code secret-value', dir: 'ltr',
    spellcheck: 'false', autocomplete: 'off',
  });
  const status = h('span', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
  const copy = h('button', { type: 'button', class: 'button secondary small copy-button' }, t('tokens.copy'));
  copy.addEventListener('click', async () => {
    status.textContent = '';
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
        ok = true;
      }
    } catch { ok = false; }
    if (!ok) {
      // Without the clipboard API (plain HTTP): select the text and ask the browser to copy.
      input.focus();
      input.select();
      try { ok = document.execCommand('copy'); } catch { ok = false; }
    }
    status.textContent = ok ? t('tokens.copied') : t('tokens.copyFailed');
    if (!ok) { input.focus(); input.select(); }
  });
  const box = h('div', { class: 'alert secret', role: 'alert' },
    h('p', { class: 'alert-title' }, title),
    h('p', { class: 'secret-warning' }, warning),
    h('div', { class: 'secret-row' },
      h('label', { for: id, class: 'secret-label' }, label), input, copy, status));
  if (onDone) {
    const done = h('button', { type: 'button', class: 'button small' }, t('tokens.hide'));
    done.addEventListener('click', () => { box.remove(); onDone(); });
    box.append(h('p', null, done));
  }
  input.addEventListener('focus', () => input.select());
  return box;
}

/* A role's name in the interface language. */
export function roleLabel(role) {
  const key = `role.${role}`;
  const s = t(key);
  return s === key ? String(role) : s;
}

/* A box saying the page needs signing in (with the link) or an administrator. */
export function accessNeeded(view, ctx, titleText, adminOnly) {
  ctx.setTitle(titleText);
  view.replaceChildren(h('h1', { tabindex: '-1' }, titleText));
  if (adminOnly) {
    view.append(h('div', { class: 'alert info', id: 'access-needed' }, h('p', null, t('page.adminOnly'))));
  } else {
    view.append(h('div', { class: 'alert info', id: 'access-needed' },
      h('p', null, t('page.signInNeeded')),
      h('p', null, h('a', { class: 'button', href: `#/sign-in?return=${encodeURIComponent(location.hash)}` }, t('account.signIn')))));
  }
}
