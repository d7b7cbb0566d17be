// The home page (the organisation at a glance), the index of all registers, the
// sign-in page and the page for unknown addresses.

import { h, route, textIn } from './dom.js';
import { t, tParts, lang, fmtCount, fmtPdate, fmtDateTime } from './i18n.js';
import { get, API, list, currentUser, signIn, signOut, ApiError } from './api.js';
import { allEntities, entity, field, entityLabel, enumLabel, displayName } from './schema.js';
import { refLink } from './values.js';
import { errorBox, flash } from './ui.js';
import { cyclesCard } from './meetings.js';

function num(v) { return typeof v === 'number' && Number.isFinite(v) ? v : 0; }

function statCard({ value, label, href, stat, extra }) {
  return h('li', { class: 'stat' },
    h('a', { href, class: 'stat-link' },
      h('span', { class: 'stat-value', dataset: { stat } }, fmtCount(value)),
      h('span', { class: 'stat-label' }, label)),
    extra || null);
}

export async function homePage(view, ctx) {
  ctx.setTitle(t('home.title'));
  view.append(h('h1', { tabindex: '-1' }, t('home.title')), h('p', { class: 'lead' }, t('home.intro')));
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  view.append(body);
  let s;
  try {
    s = await get(`${API}/summary`);
  } catch (e) {
    body.replaceChildren(errorBox(e));
    body.removeAttribute('aria-busy');
    return;
  }
  body.replaceChildren();
  body.removeAttribute('aria-busy');
  const st = (s && s.states) || {};
  const member = num(st.member);
  const suspended = num(st.suspended);
  const observer = num(st.observer);
  const statesEnt = entity('states');

  const memberExtra = h('ul', { class: 'stat-parts' },
    h('li', null, h('a', { href: route('states', { status: 'member' }) },
      tParts('home.inGoodStanding', { n: h('span', { dataset: { stat: 'member' } }, fmtCount(member)) }))),
    h('li', null, h('a', { href: route('states', { status: 'suspended' }) },
      tParts('home.suspended', { n: h('span', { dataset: { stat: 'suspended' } }, fmtCount(suspended)) }))));

  const stats = h('ul', { class: 'stats' },
    statCard({ value: member + suspended, label: t('home.memberStates'), href: route('states'), stat: 'members-total', extra: memberExtra }),
    statCard({ value: observer, label: t('home.observers'), href: route('states', { status: 'observer' }), stat: 'observer' }),
    statCard({ value: num(s.organs), label: t('home.organs'), href: route('organs'), stat: 'organs' }),
    statCard({ value: num(s.organisations), label: t('home.organisations'), href: route('organisations'), stat: 'organisations' }),
    statCard({ value: num(s.partners), label: t('home.partners'), href: route('organisations', { partner: 'true' }), stat: 'partners' }),
    statCard({ value: num(s.contact_groups), label: t('home.contactGroups'), href: route('contact-groups'), stat: 'contact-groups' }));
  body.append(h('section', { class: 'glance', 'aria-labelledby': 'glance-h' },
    h('h2', { id: 'glance-h', class: 'vh' }, t('home.registry')), stats));

  const cols = h('div', { class: 'home-cols' });
  // Member states by geographic group, as bars.
  const byGroup = st.by_group && typeof st.by_group === 'object' ? st.by_group : {};
  const gf = statesEnt ? field(statesEnt, 'group') : null;
  const groups = gf && gf.values.length ? gf.values.map((v) => v.value) : Object.keys(byGroup);
  const maxG = Math.max(1, ...groups.map((g) => num(byGroup[g])));
  const gl = h('ul', { class: 'bars' });
  for (const g of groups) {
    const n = num(byGroup[g]);
    const bar = h('span', { class: 'bar-fill' });
    bar.style.inlineSize = `${Math.round((n / maxG) * 100)}%`;
    gl.append(h('li', null,
      h('a', { href: route('states', { group: g }), class: 'bar-label' }, gf ? enumLabel(gf, g) : g),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, bar),
      h('span', { class: 'bar-value', dataset: { stat: `group-${g}` } }, fmtCount(n))));
  }
  cols.append(h('section', { class: 'card', 'aria-labelledby': 'groups-h' }, h('h2', { id: 'groups-h' }, t('home.byGroup')), gl));

  // The Secretary-General.
  const sgSec = h('section', { class: 'card sg', 'aria-labelledby': 'sg-h' }, h('h2', { id: 'sg-h' }, t('home.sg')));
  const sg = s.secretary_general;
  if (sg && sg.person) {
    const p = sg.person;
    const n = displayName('persons', p);
    sgSec.append(h('p', { class: 'sg-name' }, h('a', { href: route('persons', p.id), dataset: { stat: 'sg' } }, textIn(n.text, n.lang, lang()))));
    if (p.nationality) sgSec.append(h('p', { class: 'sg-nat' }, refLink('states', p.nationality)));
    const term = sg.office_term;
    if (term && term.start) {
      sgSec.append(h('p', { class: 'muted' }, t('home.sgSince', { date: fmtPdate(term.start) })));
    }
  } else {
    sgSec.append(h('p', { class: 'muted' }, t('home.sgNone')));
  }
  cols.append(sgSec);
  body.append(cols);

  // Each periodic organ's last session, when the next is due, and which are overdue.
  body.append(cyclesCard());
}

export async function registersPage(view, ctx) {
  ctx.setTitle(t('registers.title'));
  view.append(h('h1', { tabindex: '-1' }, t('registers.title')), h('p', { class: 'lead' }, t('registers.intro')));
  const ul = h('ul', { class: 'registers' });
  view.append(ul);
  await Promise.all(allEntities().map(async (ent) => {
    const count = h('span', { class: 'muted' });
    ul.append(h('li', null, h('a', { href: route(ent.collection) }, entityLabel(ent)), ' ', count));
    try {
      const page = await list(ent.collection, { limit: 1 });
      count.textContent = t('registers.count', { n: fmtCount(page.total) });
    } catch {
      count.textContent = '';
    }
  }));
}

export function signInPage(view, ctx) {
  ctx.setTitle(t('signin.title'));
  view.append(h('h1', { tabindex: '-1' }, t('signin.title')));
  const ret = ctx.params.get('return');
  const target = ret && ret.startsWith('#/') && !ret.startsWith('#/sign-in') ? ret : '#/';
  if (currentUser()) {
    const out = h('button', { type: 'button', class: 'button secondary' }, t('account.signOut'));
    out.addEventListener('click', async () => {
      await signOut().catch(() => {});
      flash(t('signout.done'));
      ctx.rerender();
    });
    view.append(h('p', null, t('signin.already', { name: currentUser() })), h('p', null, out));
    return;
  }
  view.append(h('p', null, t('signin.intro')));
  const live = h('div', { class: 'live', 'aria-live': 'assertive' });
  const user = h('input', { type: 'text', id: 'signin-username', name: 'username', autocomplete: 'username', 'aria-required': 'true', dir: 'ltr', spellcheck: 'false' });
  const pass = h('input', { type: 'password', id: 'signin-password', name: 'password', autocomplete: 'current-password', 'aria-required': 'true', dir: 'ltr' });
  const submit = h('button', { type: 'submit', class: 'button', id: 'signin-submit' }, t('signin.submit'));
  const form = h('form', { class: 'record-form signin', novalidate: true },
    h('div', { class: 'form-field' }, h('label', { for: 'signin-username' }, t('signin.username')), user),
    h('div', { class: 'form-field' }, h('label', { for: 'signin-password' }, t('signin.password')), pass),
    h('div', { class: 'form-buttons' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    live.replaceChildren();
    user.removeAttribute('aria-invalid');
    pass.removeAttribute('aria-invalid');
    if (!user.value.trim() || !pass.value) {
      const empty = !user.value.trim() ? user : pass;
      empty.setAttribute('aria-invalid', 'true');
      live.append(h('div', { class: 'alert error', role: 'alert', dataset: { code: 'missing' } },
        h('p', { class: 'alert-title' }, t('signin.failed')), h('p', { class: 'signin-reason' }, t('signin.missing'))));
      empty.focus();
      return;
    }
    submit.disabled = true;
    try {
      await signIn(user.value.trim(), pass.value);
      flash(t('signin.done'));
      location.hash = target;
    } catch (e) {
      submit.disabled = false;
      const reason = signInReason(e);
      if (reason) {
        live.append(h('div', { class: 'alert error', role: 'alert', dataset: { code: e.problem.code } },
          h('p', { class: 'alert-title' }, t('signin.failed')), h('p', { class: 'signin-reason' }, reason)));
      } else {
        live.append(errorBox(e, t('signin.failed')));
      }
      const code = e instanceof ApiError ? e.problem.code : null;
      const bad = code === 'account-locked' || code === 'account-disabled' ? user : pass;
      if (code !== 'too-many-attempts') bad.setAttribute('aria-invalid', 'true');
      pass.select();
      pass.focus();
    }
  });
  view.append(live, form);
}

/* A UTC time named in a problem's detail ("... until 2026-11-22T23:15:08Z"). */
function timeIn(text) {
  const m = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/.exec(String(text || ''));
  return m ? m[0] : null;
}

/* Why a sign-in was refused, in the interface language: the server's detail is meant for
   logs and names the time in UTC; this says it in the reader's time zone. */
export function signInReason(e) {
  if (!(e instanceof ApiError)) return null;
  const p = e.problem || {};
  const until = timeIn(p.detail);
  switch (p.code) {
    case 'bad-credentials': return t('signin.badCredentials');
    case 'account-locked': return until ? t('signin.locked', { time: fmtDateTime(until) }) : t('signin.lockedSoon');
    case 'too-many-attempts': return until ? t('signin.tooMany', { time: fmtDateTime(until) }) : t('signin.tooManySoon');
    case 'account-disabled': return t('signin.disabled');
    default: return null;
  }
}

export function notFoundPage(view, ctx) {
  ctx.setTitle(t('notFound.title'));
  view.append(h('h1', { tabindex: '-1' }, t('notFound.title')), h('p', null, t('notFound.text')),
    h('p', null, h('a', { href: '#/' }, t('notFound.home'))));
}
