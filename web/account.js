// "My account" (#/account): who I am (roles, member state, last sign-in), what my roles
// let me read and change, the form to change my password, and my API tokens (list,
// create with the secret shown once, revoke).

import { h, route } from './dom.js';
import { t, fmtInt } from './i18n.js';
import {
  getAccount, changePassword, listTokens, createToken, revokeToken, ApiError, forgetSession,
} from './api.js';
import { entity, field, enumLabel } from './schema.js';
import { refLink, timeNode } from './values.js';
import { canWrite } from './rights.js';
import {
  errorBox, flash, confirmDialog, formField, formErrors, problemItems, secretBox, roleLabel, accessNeeded,
} from './ui.js';
import { signInReason } from './pages.js';

export const MIN_PASSWORD = 12;

const LEVELS = ['public', 'members', 'secretariat', 'restricted'];

/* The label of a confidentiality level, from the schema (any entity has the field). */
export function levelLabel(level) {
  const ent = entity('states') || entity('teams');
  const f = ent ? field(ent, 'level') : null;
  return f ? enumLabel(f, level) : String(level);
}

/* What an account's roles let it read: the levels up to its highest, as the server
   decides (docs/internals/access.md). */
export function readableLevels(roles) {
  if (!roles.length) return ['public'];
  if (roles.includes('admin')) return LEVELS.slice();
  if (roles.includes('secretariat')) return LEVELS.slice(0, 3);
  return LEVELS.slice(0, 2);
}

export function rolesList(roles) {
  return h('ul', { class: 'roles' }, roles.map((r) => h('li', { class: `role role-${r}`, dataset: { role: r } }, roleLabel(r))));
}

export async function accountPage(view, ctx) {
  ctx.setTitle(t('me.title'));
  let me;
  try {
    me = await getAccount();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      forgetSession();
      accessNeeded(view, ctx, t('me.title'), false);
      return;
    }
    throw e;
  }
  const roles = Array.isArray(me.roles) ? me.roles : [];
  view.replaceChildren(h('h1', { tabindex: '-1' }, t('me.title')));

  // ---- the account ----
  const dl = h('dl', { class: 'fields', id: 'my-account' });
  const row = (label, value, key) => dl.append(h('div', { class: 'field-row', dataset: { key } }, h('dt', null, label), h('dd', null, value)));
  row(t('me.username'), h('span', { class: 'code', dir: 'ltr' }, me.username), 'username');
  row(t('me.roles'), roles.length ? rolesList(roles) : t('value.unknown'), 'roles');
  if (me.state || roles.includes('delegate')) row(t('me.state'), me.state ? refLink('states', me.state) : t('value.unknown'), 'state');
  row(t('me.created'), timeNode(me.created), 'created');
  row(t('me.lastLogin'), me.last_login ? timeNode(me.last_login) : t('value.never'), 'last_login');
  view.append(h('section', { 'aria-labelledby': 'me-details-h' }, h('h2', { id: 'me-details-h' }, t('me.details')), dl));

  // ---- what the roles allow ----
  const levels = readableLevels(roles);
  const rights = h('ul', { class: 'rights', id: 'my-rights' },
    h('li', null, t('me.readLevels', { levels: levels.map(levelLabel).join(t('list.sep')) })),
    roles.includes('admin') ? h('li', null, t('me.readAll')) : null,
    roles.includes('admin') ? null : h('li', null, t('me.readTeams')),
    h('li', null, canWrite('states') ? t('me.canWrite') : t('me.cannotWrite')),
    roles.includes('admin') ? h('li', null, t('me.adminTools'), ' ',
      h('a', { href: route('users') }, t('nav.users')), t('list.sep'), h('a', { href: route('audit') }, t('nav.audit'))) : null);
  view.append(h('section', { 'aria-labelledby': 'me-rights-h' }, h('h2', { id: 'me-rights-h' }, t('me.rights')), rights));

  view.append(passwordSection(ctx));
  const tokens = tokenSection();
  view.append(tokens.section);
  await tokens.load();
}

/* ---------- password ---------- */

function passwordSection() {
  const summary = h('div', { class: 'error-summary', id: 'pw-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const cur = formField({
    id: 'pw-current', label: t('pw.current'), required: true,
    input: h('input', { type: 'password', name: 'current_password', autocomplete: 'current-password', dir: 'ltr' }),
  });
  const nw = formField({
    id: 'pw-new', label: t('pw.new'), required: true, hint: t('pw.hint'),
    input: h('input', { type: 'password', name: 'new_password', autocomplete: 'new-password', dir: 'ltr', minlength: String(MIN_PASSWORD) }),
  });
  const rep = formField({
    id: 'pw-repeat', label: t('pw.repeat'), required: true,
    input: h('input', { type: 'password', name: 'new_password_again', autocomplete: 'new-password', dir: 'ltr' }),
  });
  const errors = formErrors(summary, { current_password: cur, new_password: nw, repeat: rep });
  const submit = h('button', { type: 'submit', class: 'button', id: 'pw-submit' }, t('pw.submit'));
  const form = h('form', { class: 'record-form', id: 'pw-form', novalidate: true },
    cur.wrap, nw.wrap, rep.wrap, h('div', { class: 'form-buttons' }, submit));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const items = [];
    if (!cur.input.value) items.push({ field: 'current_password', message: t('pw.errCurrent') });
    if (!nw.input.value) items.push({ field: 'new_password', message: t('pw.errNew') });
    else if ([...nw.input.value].length < MIN_PASSWORD) {
      items.push({ field: 'new_password', message: t('pw.errShort', { n: fmtInt([...nw.input.value].length) }) });
    }
    if (nw.input.value && rep.input.value !== nw.input.value) items.push({ field: 'repeat', message: t('pw.errRepeat') });
    if (items.length) { errors.show(t('pw.errorTitle'), items); return; }
    submit.disabled = true;
    try {
      await changePassword(cur.input.value, nw.input.value);
      // Every session of the account has ended, this one too: sign in again.
      flash(t('pw.done'));
      location.hash = route('sign-in', { return: route('account') });
    } catch (e) {
      submit.disabled = false;
      const list = problemItems(e, { password: 'current_password', username: 'current_password' }, (code, f) => {
        if (code === 'bad-credentials' || (f === 'current_password' && code === 'invalid-value')) return t('pw.errWrong');
        if (code === 'account-locked') return signInReason(e) || null;
        if (f === 'new_password' && code === 'required') return t('pw.errNew');
        return null;
      });
      errors.show(t('pw.errorTitle'), list);
    }
  });
  return h('section', { 'aria-labelledby': 'pw-h', class: 'account-section' },
    h('h2', { id: 'pw-h' }, t('pw.title')), h('p', null, t('pw.intro')), summary, form);
}

/* ---------- API tokens ---------- */

function tokenSection() {
  const body = h('div', { class: 'section-body', id: 'token-list', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  const live = h('div', { class: 'live', id: 'token-live', 'aria-live': 'polite' });
  const secret = h('div', { id: 'token-secret' });
  const summary = h('div', { class: 'error-summary', id: 'token-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const name = formField({
    id: 'token-name', label: t('tokens.name'), required: true, hint: t('tokens.nameHint'),
    input: h('input', { type: 'text', name: 'name', maxlength: '100', autocomplete: 'off', dir: 'auto' }),
  });
  const errors = formErrors(summary, { name });
  const submit = h('button', { type: 'submit', class: 'button', id: 'token-create' }, t('tokens.create'));
  const form = h('form', { class: 'record-form inline-form', id: 'token-form', novalidate: true },
    h('h3', null, t('tokens.createTitle')), name.wrap, h('div', { class: 'form-buttons' }, submit));

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const data = await listTokens();
      const items = Array.isArray(data) ? data : Array.isArray(data && data.items) ? data.items : [];
      body.replaceChildren();
      if (!items.length) {
        body.append(h('p', { class: 'muted', id: 'tokens-none' }, t('tokens.none')));
      } else {
        const tbody = h('tbody');
        for (const tok of items) tbody.append(tokenRow(tok));
        body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'tokens-table' },
          h('caption', { class: 'vh' }, t('tokens.caption')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('tokens.name')),
            h('th', { scope: 'col' }, t('tokens.created')),
            h('th', { scope: 'col' }, t('tokens.lastUsed')),
            h('th', { scope: 'col' }, h('span', { class: 'vh' }, t('tokens.actions'))))),
          tbody)));
      }
    } catch (e) {
      body.replaceChildren(errorBox(e));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  function tokenRow(tok) {
    const revoke = h('button', {
      type: 'button', class: 'button danger small revoke-token',
      'aria-label': t('tokens.revokeLabel', { name: tok.name }), dataset: { token: tok.id },
    }, t('tokens.revoke'));
    revoke.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: t('tokens.revokeTitle'),
        text: t('tokens.revokeText', { name: tok.name }),
        confirm: t('tokens.revokeConfirm'),
        cancel: t('form.cancel'),
      });
      if (!ok) { revoke.focus(); return; }
      live.replaceChildren();
      try {
        await revokeToken(tok.id);
        await load();
        live.append(h('p', { class: 'flash-message' }, t('tokens.revoked', { name: tok.name })));
        submit.focus();
      } catch (e) {
        live.append(errorBox(e, t('tokens.revokeFailed')));
        revoke.focus();
      }
    });
    return h('tr', { dataset: { token: tok.id } },
      h('th', { scope: 'row', dir: 'auto' }, tok.name),
      h('td', null, timeNode(tok.created)),
      h('td', null, tok.last_used ? timeNode(tok.last_used) : t('value.never')),
      h('td', { class: 'open' }, revoke));
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    live.replaceChildren();
    const n = name.input.value.trim();
    if (!n || [...n].length > 100) { errors.show(t('tokens.errorTitle'), [{ field: 'name', message: t('tokens.errName') }]); return; }
    submit.disabled = true;
    try {
      const tok = await createToken(n);
      name.input.value = '';
      await load();
      secret.replaceChildren(secretBox({
        id: 'token-value',
        title: t('tokens.secretTitle', { name: tok.name || n }),
        warning: t('tokens.secretWarn'),
        label: t('tokens.secretLabel'),
        value: tok.token,
        onDone: () => submit.focus(),
      }));
      secret.querySelector('input').focus();
    } catch (e) {
      errors.show(t('tokens.errorTitle'), problemItems(e, {}, (code, f) => (f === 'name' ? t('tokens.errName') : null)));
    } finally {
      submit.disabled = false;
    }
  });

  const section = h('section', { 'aria-labelledby': 'tokens-h', class: 'account-section', id: 'tokens' },
    h('h2', { id: 'tokens-h' }, t('tokens.title')), h('p', null, t('tokens.intro')),
    live, secret, body, summary, form);
  return { section, load };
}
