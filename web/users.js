// Accounts, for administrators: #/users lists them and creates new ones (the generated
// password shown once); #/users/{username} changes an account's roles and member state,
// disables or enables it, unlocks it, and sets a new password.

import { h, route } from './dom.js';
import { t, fmtInt, fmtDateTime, compare } from './i18n.js';
import {
  listUsers, getUser, createUser, updateUser, listAll, currentUser, isAdmin, ApiError, forgetSession,
} from './api.js';
import { displayName } from './schema.js';
import { refText, refLink, timeNode } from './values.js';
import {
  errorBox, flash, confirmDialog, formField, formErrors, problemItems, secretBox, roleLabel, accessNeeded,
} from './ui.js';
import { rolesList, MIN_PASSWORD } from './account.js';
import { breadcrumb, notFoundRecord } from './profile.js';

export const ROLES = ['delegate', 'mediator', 'analyst', 'secretariat', 'admin'];

/* Is the account locked now? */
function lockedNow(u) {
  if (!u.locked_until) return false;
  const d = new Date(u.locked_until);
  return Number.isNaN(d.getTime()) || d.getTime() > Date.now();
}

/* The member states a delegate may represent, sorted by name in the interface language. */
let memberStates = null;
async function loadMemberStates() {
  if (!memberStates) {
    memberStates = listAll('states', { status: 'member' })
      .then((rows) => rows.map((r) => ({ id: String(r.id), name: displayName('states', r) }))
        .sort((a, b) => compare(a.name.text, b.name.text)))
      .catch((e) => { memberStates = null; throw e; });
  }
  return memberStates;
}

/* Messages in the interface language for the server's refusals about accounts (the
   server's details are written for the log, in English). */
function accountMessage(code, f, detail, values) {
  if (code === 'duplicate' && f === 'username') return t('users.errDuplicate', { name: values.username || '' });
  if (code === 'invalid-value' && f === 'username') return t('users.errUsernameInvalid');
  if (code === 'required' && f === 'username') return t('users.errUsername');
  if (f === 'roles' && code === 'required') return t('users.errRoles');
  if (f === 'state' && code === 'required') return t('users.errState');
  if (f === 'state' && code === 'unknown-reference') return t('users.errStateUnknown');
  if (f === 'state' && code === 'invalid-value' && /only a delegate/i.test(detail)) return t('users.errStateNotDelegate');
  if (f === 'password' && code === 'invalid-value' && values.password !== undefined && [...values.password].length < MIN_PASSWORD) {
    return t('pw.errShort', { n: fmtInt([...values.password].length) });
  }
  if (code === 'forbidden' && /last enabled administrator/i.test(detail)) return t('users.errLastAdmin');
  return null;
}
const FIELD_MAP = { role: 'roles' };

/* Role check boxes and the member-state select shown when "delegate" is checked.
   Returns {wrap, roles: {wrap,input,error,label}, state: {...}, values()}. */
async function rolesAndState(prefix, account) {
  const states = await loadMemberStates().catch(() => null);
  const boxes = {};
  const rolesErr = h('p', { class: 'field-error', id: `${prefix}-roles-error`, hidden: true });
  const list = h('ul', { class: 'checks' });
  for (const r of ROLES) {
    const id = `${prefix}-role-${r}`;
    const box = h('input', { type: 'checkbox', id, name: 'roles', value: r, checked: account ? account.roles.includes(r) : false, 'aria-describedby': `${id}-desc ${prefix}-roles-error` });
    boxes[r] = box;
    list.append(h('li', null, box, ' ', h('label', { for: id }, roleLabel(r)),
      h('p', { class: 'hint', id: `${id}-desc` }, t(`role.${r}.desc`))));
  }
  const fs = h('fieldset', { class: 'form-field roles-field', id: `${prefix}-roles` },
    h('legend', null, t('users.roles'), h('span', { class: 'req' }, ` (${t('form.required')})`)),
    h('p', { class: 'hint' }, t('users.rolesHint')), rolesErr, list);

  let select;
  if (states) {
    select = h('select', { name: 'state' }, h('option', { value: '' }, t('form.choose')),
      states.map((s) => {
        const o = h('option', { value: s.id }, s.name.text);
        if (s.name.lang) o.lang = s.name.lang;
        return o;
      }));
    const cur = account && account.state;
    if (cur && ![...select.options].some((o) => o.value === cur)) select.append(h('option', { value: cur }, cur));
    select.value = cur || '';
  } else {
    select = h('input', { type: 'text', name: 'state', class: 'code short', dir: 'ltr', value: (account && account.state) || '', autocomplete: 'off' });
  }
  const state = formField({ id: `${prefix}-state`, label: t('users.state'), required: true, hint: t('users.stateHint'), input: select });
  const sync = () => { state.wrap.hidden = !boxes.delegate.checked; };
  boxes.delegate.addEventListener('change', sync);
  sync();
  return {
    wrap: [fs, state.wrap],
    roles: { wrap: fs, input: boxes[ROLES[0]], error: rolesErr, label: t('users.roles') },
    state,
    values() {
      const roles = ROLES.filter((r) => boxes[r].checked);
      const st = boxes.delegate.checked ? (select.value || '').trim().toUpperCase() : '';
      return { roles, state: st || null };
    },
  };
}

/* ---------- #/users ---------- */

export async function usersPage(view, ctx) {
  const title = t('users.title');
  if (!currentUser() || !isAdmin()) { accessNeeded(view, ctx, title, !!currentUser()); return; }
  ctx.setTitle(title);
  const newBtn = h('button', { type: 'button', class: 'button', id: 'new-user', 'aria-expanded': 'false', 'aria-controls': 'new-user-section' }, t('users.new'));
  view.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, title), h('div', { class: 'actions' }, newBtn)),
    h('p', { class: 'lead' }, t('users.intro')));
  const created = h('div', { id: 'user-created' });
  const formSection = h('section', { id: 'new-user-section', class: 'card form-card', 'aria-labelledby': 'new-user-h', hidden: true });
  const body = h('div', { class: 'section-body', id: 'users-list', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  view.append(created, formSection, body);

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const data = await listUsers();
      const users = Array.isArray(data) ? data : Array.isArray(data && data.items) ? data.items : [];
      body.replaceChildren(users.length ? usersTable(users) : h('p', { class: 'muted' }, t('users.none')));
    } catch (e) {
      body.replaceChildren(errorBox(e));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  let built = false;
  newBtn.addEventListener('click', async () => {
    const open = formSection.hidden;
    if (open && !built) {
      built = true;
      await buildCreateForm(formSection, async (account) => {
        formSection.hidden = true;
        newBtn.setAttribute('aria-expanded', 'false');
        created.replaceChildren(h('p', { class: 'flash-message', role: 'status' }, t('users.createdDone', { name: account.username })));
        if (account.password) {
          created.append(secretBox({
            id: 'new-user-password',
            title: t('users.passwordLabel', { name: account.username }),
            warning: t('users.generated', { name: account.username }),
            label: t('users.password'),
            value: account.password,
          }));
        }
        await load();
        const focusable = created.querySelector('input') || newBtn;
        focusable.focus();
      });
    }
    formSection.hidden = !open;
    newBtn.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) {
      created.replaceChildren();
      formSection.querySelector('input')?.focus();
    }
  });

  await load();
}

function usersTable(users) {
  const tbody = h('tbody');
  for (const u of users) {
    const locked = lockedNow(u);
    tbody.append(h('tr', { dataset: { user: u.username } },
      h('th', { scope: 'row' }, h('a', { href: route('users', u.username), class: 'code', dir: 'ltr' }, u.username)),
      h('td', null, (u.roles || []).map(roleLabel).join(t('list.sep'))),
      h('td', null, u.state ? refText('states', u.state) : ''),
      h('td', { class: 'col-disabled' }, u.disabled ? h('span', { class: 'badge status-suspended' }, t('users.statusDisabled')) : t('value.no')),
      h('td', { class: 'col-locked' }, locked ? timeNode(u.locked_until) : ''),
      h('td', null, u.last_login ? timeNode(u.last_login) : t('value.never'))));
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'users-table' },
    h('caption', { class: 'vh' }, t('users.caption')),
    h('thead', null, h('tr', null,
      [t('users.username'), t('users.roles'), t('users.state'), t('users.disabled'), t('users.lockedUntil'), t('users.lastLogin')]
        .map((c) => h('th', { scope: 'col' }, c)))),
    tbody));
}

async function buildCreateForm(section, onCreated) {
  const summary = h('div', { class: 'error-summary', id: 'new-user-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const username = formField({
    id: 'new-username', label: t('users.username'), required: true, hint: t('users.usernameHint'),
    input: h('input', { type: 'text', name: 'username', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', dir: 'ltr', maxlength: '63' }),
  });
  const rs = await rolesAndState('new-user', null);
  const password = formField({
    id: 'new-password', label: t('users.password'), hint: t('users.passwordHint'),
    input: h('input', { type: 'text', name: 'password', autocomplete: 'off', spellcheck: 'false', dir: 'ltr' }),
  });
  const errors = formErrors(summary, { username, roles: rs.roles, state: rs.state, password });
  const submit = h('button', { type: 'submit', class: 'button', id: 'new-user-submit' }, t('users.create'));
  const form = h('form', { class: 'record-form', id: 'new-user-form', novalidate: true },
    username.wrap, rs.wrap, password.wrap, h('div', { class: 'form-buttons' }, submit));
  section.replaceChildren(h('h2', { id: 'new-user-h' }, t('users.newTitle')), summary, form);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const { roles, state } = rs.values();
    const body = { username: username.input.value.trim(), roles };
    if (state) body.state = state;
    const pw = password.input.value;
    if (pw) body.password = pw;
    const items = [];
    if (!body.username) items.push({ field: 'username', message: t('users.errUsername') });
    if (!roles.length) items.push({ field: 'roles', message: t('users.errRoles') });
    if (roles.includes('delegate') && !state) items.push({ field: 'state', message: t('users.errState') });
    if (pw && [...pw].length < MIN_PASSWORD) items.push({ field: 'password', message: t('pw.errShort', { n: fmtInt([...pw].length) }) });
    if (items.length) { errors.show(t('users.errorTitle'), items); return; }
    submit.disabled = true;
    try {
      const account = await createUser(body);
      form.reset();
      rs.roles.input.dispatchEvent(new Event('change'));
      await onCreated(account);
    } catch (e) {
      errors.show(t('users.errorTitle'), problemItems(e, FIELD_MAP, (code, f, detail) => accountMessage(code, f, detail, body)));
    } finally {
      submit.disabled = false;
    }
  });
}

/* ---------- #/users/{username} ---------- */

function randomPassword(n = 20) {
  const abc = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  // 256 is not a multiple of the alphabet's size; the bias is negligible for a password
  // that a person changes anyway.
  return [...bytes].map((b) => abc[b % abc.length]).join('');
}

export async function userPage(view, ctx, username) {
  if (!currentUser() || !isAdmin()) { accessNeeded(view, ctx, t('users.title'), !!currentUser()); return; }
  let u;
  try {
    u = await getUser(username);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) { notFoundRecord(view, ctx); view.querySelector('p').textContent = t('user.notFound'); return; }
    throw e;
  }
  ctx.setTitle(u.username);
  const locked = lockedNow(u);
  const h1 = h('h1', { tabindex: '-1' }, h('span', { class: 'code', dir: 'ltr' }, u.username));
  if (u.disabled) h1.append(' ', h('span', { class: 'badge status-suspended', id: 'badge-disabled' }, t('users.statusDisabled')));
  if (locked) h1.append(' ', h('span', { class: 'badge status-observer', id: 'badge-locked' }, t('users.statusLocked')));
  view.replaceChildren(
    breadcrumb([{ href: '#/', text: t('nav.home') }, { href: route('users'), text: t('users.title') }, { text: u.username }]),
    h1);
  const self = u.username === currentUser();
  if (self) {
    view.append(h('p', { class: 'muted' }, t('user.self'), ' ', h('a', { href: route('account') }, t('nav.account'))));
  }

  const dl = h('dl', { class: 'fields', id: 'user-details' });
  const row = (label, value) => dl.append(h('div', { class: 'field-row' }, h('dt', null, label), h('dd', null, value)));
  row(t('users.roles'), (u.roles || []).length ? rolesList(u.roles) : t('value.unknown'));
  if (u.state) row(t('users.state'), refLink('states', u.state));
  row(t('users.created'), timeNode(u.created));
  row(t('users.lastLogin'), u.last_login ? timeNode(u.last_login) : t('value.never'));
  row(t('users.failed'), h('span', { class: 'num' }, fmtInt(u.failed_logins ?? 0)));
  if (locked) row(t('users.lockedUntil'), timeNode(u.locked_until));
  view.append(h('section', { 'aria-labelledby': 'user-details-h' }, h('h2', { id: 'user-details-h' }, t('me.details')), dl));

  const live = h('div', { class: 'live', id: 'user-live', 'aria-live': 'assertive' });
  view.append(live);

  // ---- roles and state ----
  {
    const summary = h('div', { class: 'error-summary', id: 'user-roles-errors', tabindex: '-1', 'aria-live': 'assertive' });
    const rs = await rolesAndState('user', u);
    const errors = formErrors(summary, { roles: rs.roles, state: rs.state });
    const submit = h('button', { type: 'submit', class: 'button', id: 'user-roles-submit' }, t('user.saveRoles'));
    const form = h('form', { class: 'record-form', id: 'user-roles-form', novalidate: true }, rs.wrap, h('div', { class: 'form-buttons' }, submit));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      const { roles, state } = rs.values();
      const items = [];
      if (!roles.length) items.push({ field: 'roles', message: t('users.errRoles') });
      if (roles.includes('delegate') && !state) items.push({ field: 'state', message: t('users.errState') });
      if (items.length) { errors.show(t('users.errorTitle'), items); return; }
      submit.disabled = true;
      try {
        await updateUser(u.username, { roles, state });
        flash(t('user.rolesSaved'));
        ctx.rerender();
      } catch (e) {
        submit.disabled = false;
        errors.show(t('users.errorTitle'), problemItems(e, FIELD_MAP, (code, f, detail) => accountMessage(code, f, detail, {})));
      }
    });
    view.append(h('section', { 'aria-labelledby': 'user-roles-h', class: 'account-section' },
      h('h2', { id: 'user-roles-h' }, t('user.rolesTitle')), summary, form));
  }

  // ---- signing in: disable / enable, unlock ----
  {
    const act = async (body, done, btn) => {
      live.replaceChildren();
      btn.disabled = true;
      try {
        await updateUser(u.username, body);
        if (body.disabled === true && self) {
          // Disabling one's own account ends one's sessions.
          forgetSession();
          flash(done);
          location.hash = route('sign-in');
          return;
        }
        flash(done);
        ctx.rerender();
      } catch (e) {
        btn.disabled = false;
        const [first] = problemItems(e, FIELD_MAP, (code, f, detail) => accountMessage(code, f, detail, {}));
        live.append(h('div', { class: 'alert error', role: 'alert' },
          h('p', { class: 'alert-title' }, t('user.actionFailed')), h('p', null, first ? first.message : '')));
        btn.focus();
      }
    };
    const sec = h('section', { 'aria-labelledby': 'user-access-h', class: 'account-section', id: 'user-access' },
      h('h2', { id: 'user-access-h' }, t('user.accessTitle')),
      h('p', { id: 'user-enabled-text' }, u.disabled ? t('user.isDisabled') : t('user.isEnabled')));
    const buttons = h('div', { class: 'actions' });
    if (u.disabled) {
      const en = h('button', { type: 'button', class: 'button', id: 'user-enable' }, t('user.enable'));
      en.addEventListener('click', () => act({ disabled: false }, t('user.enabledDone'), en));
      buttons.append(en);
    } else {
      const dis = h('button', { type: 'button', class: 'button danger', id: 'user-disable' }, t('user.disable'));
      dis.addEventListener('click', async () => {
        const ok = await confirmDialog({
          title: t('user.disableTitle'),
          text: t('user.disableText', { name: u.username }),
          confirm: t('user.disable'),
          cancel: t('form.cancel'),
        });
        if (ok) act({ disabled: true }, t('user.disabledDone'), dis); else dis.focus();
      });
      buttons.append(dis);
    }
    if (locked) {
      sec.append(h('p', { id: 'user-locked-text' }, t('user.isLocked', { time: fmtDateTime(u.locked_until) })));
      const un = h('button', { type: 'button', class: 'button', id: 'user-unlock' }, t('user.unlock'));
      un.addEventListener('click', () => act({ unlock: true }, t('user.unlocked'), un));
      buttons.append(un);
    }
    sec.append(buttons);
    view.append(sec);
  }

  // ---- a new password ----
  {
    const summary = h('div', { class: 'error-summary', id: 'user-pw-errors', tabindex: '-1', 'aria-live': 'assertive' });
    const pw = formField({
      id: 'user-password', label: t('user.newPassword'), required: true, hint: t('pw.hint'),
      input: h('input', { type: 'text', name: 'password', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', class: 'code' }),
    });
    const gen = h('button', { type: 'button', class: 'button secondary', id: 'user-generate' }, t('user.generate'));
    gen.addEventListener('click', () => { pw.input.value = randomPassword(); pw.input.focus(); pw.input.select(); });
    const errors = formErrors(summary, { password: pw });
    const submit = h('button', { type: 'submit', class: 'button', id: 'user-password-submit' }, t('user.setPassword'));
    const form = h('form', { class: 'record-form', id: 'user-password-form', novalidate: true },
      pw.wrap, h('div', { class: 'form-buttons' }, gen, submit));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      const value = pw.input.value;
      if (!value) { errors.show(t('pw.errorTitle'), [{ field: 'password', message: t('pw.errNew') }]); return; }
      if ([...value].length < MIN_PASSWORD) {
        errors.show(t('pw.errorTitle'), [{ field: 'password', message: t('pw.errShort', { n: fmtInt([...value].length) }) }]);
        return;
      }
      submit.disabled = true;
      try {
        await updateUser(u.username, { password: value });
        if (self) {
          // A new password ends every session of the account: mine too.
          forgetSession();
          flash(t('pw.done'));
          location.hash = route('sign-in', { return: route('users', u.username) });
          return;
        }
        flash(t('user.passwordSet', { name: u.username }));
        ctx.rerender();
      } catch (e) {
        submit.disabled = false;
        errors.show(t('pw.errorTitle'), problemItems(e, FIELD_MAP, (code, f, detail) => accountMessage(code, f, detail, { password: value })));
      }
    });
    view.append(h('section', { 'aria-labelledby': 'user-pw-h', class: 'account-section' },
      h('h2', { id: 'user-pw-h' }, t('user.passwordTitle')), h('p', null, t('user.passwordIntro')), summary, form));
  }
}
