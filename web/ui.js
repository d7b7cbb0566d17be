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
