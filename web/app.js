// Tansiq web application: start-up, the page chrome (header, navigation, language
// switcher, account, footer) and the hash router (#/states, #/states/SAU, ...).

import { h, route } from './dom.js';
import { LANGS, LANG_NAMES, detectLang, setLang, lang, t, tParts, initDigits, digitsPref, setDigits } from './i18n.js';
import { loadSession, currentUser, isAdmin, onSessionChange, signOut } from './api.js';
import { loadRights } from './rights.js';
import { loadSchema, entity } from './schema.js';
import { initFlash, flash, showPendingFlash, clearFlash, errorBox } from './ui.js';
import { listPage } from './lists.js';
import { profilePage } from './profile.js';
import { formPage } from './forms.js';
import { homePage, registersPage, signInPage, notFoundPage } from './pages.js';
import { accountPage } from './account.js';
import { usersPage, userPage } from './users.js';
import { auditLogPage } from './audit.js';
import { meetingPage, resolutionPage, votePage } from './meetings.js';
import { gapPage, mandatePage, resultPage } from './implementation.js';
import { mapPage, countryPage, importsPage } from './conflicts.js';
import { alertsPage, alertPage, alertNavBadge } from './alerts.js';
import { conflictStatsPage } from './stats.js';
import { mediationPage, mediatorsPage, mediatorPage, processesPage, processPage, matchPage } from './mediation.js';
import { headerSearch, updateHeaderSearch, searchPage } from './search.js';
import { documentsPage, documentPage, uploadPage } from './documents.js';

const NAV = [
  { key: 'nav.home', path: '' },
  { key: 'nav.states', path: 'states' },
  { key: 'nav.organs', path: 'organs' },
  { key: 'nav.meetings', path: 'meetings' },
  { key: 'nav.resolutions', path: 'resolutions' },
  { key: 'nav.implementation', path: 'gap' },
  { key: 'nav.conflicts', path: 'map' },
  // Alerts: with the count of open alerts the reader may read (alerts.js).
  { key: 'nav.alerts', path: 'alerts', badge: alertNavBadge },
  { key: 'nav.conflictStats', path: 'conflict-stats' },
  { key: 'nav.mediation', path: 'mediation' },
  { key: 'nav.documents', path: 'documents' },
  { key: 'nav.contactGroups', path: 'contact-groups' },
  { key: 'nav.partners', path: 'organisations' },
  { key: 'nav.persons', path: 'persons' },
  { key: 'nav.offices', path: 'offices' },
  { key: 'nav.registers', path: 'registers' },
  // Shown only to whom they serve: signed in, administrators.
  { key: 'nav.account', path: 'account', when: () => !!currentUser(), extra: true },
  { key: 'nav.users', path: 'users', when: () => isAdmin(), extra: true },
  { key: 'nav.audit', path: 'audit', when: () => isAdmin(), extra: true },
];

const $ = (id) => document.getElementById(id);
let main;
let schemaError = null;

/* ---------- chrome ---------- */

function buildChrome() {
  main = $('main');
  const skip = $('skip-link');
  // The skip link moves focus itself: following "#main" would disturb the hash router.
  skip.addEventListener('click', (ev) => {
    ev.preventDefault();
    main.focus();
    main.scrollIntoView();
  });

  const sw = $('lang-switcher');
  sw.replaceChildren();
  for (const l of LANGS) {
    const b = h('button', { type: 'button', class: 'lang-button', lang: l, dataset: { lang: l } }, LANG_NAMES[l]);
    b.addEventListener('click', () => {
      if (l === lang()) return;
      setLang(l, true);
      updateChrome();
      render({ focus: false });
    });
    sw.append(b);
  }

  buildNav();

  // The search box, on every page (search.js).
  document.querySelector('.site-header .tools').prepend(headerSearch(() => render()));

  $('digits').addEventListener('change', (ev) => {
    setDigits(ev.target.value);
    render({ focus: false });
  });

  initFlash($('flash'));
  onSessionChange(() => { buildNav(); updateAccount(); });
}

/* The navigation: the registry's pages for everyone; My account when signed in; Users and
   the audit log for administrators (absent, not merely hidden, for everyone else). */
function buildNav() {
  const ul = $('nav-list');
  ul.replaceChildren();
  for (const item of NAV) {
    if (item.when && !item.when()) continue;
    const a = h('a', { href: route(item.path), dataset: { nav: item.path } }, t(item.key));
    ul.append(h('li', { class: item.extra ? 'nav-extra' : null }, a));
    if (item.badge) item.badge(a);
  }
  markNav(currentSection);
}

function updateChrome() {
  document.documentElement.lang = lang();
  $('skip-link').textContent = t('skip');
  $('tagline').textContent = t('app.tagline');
  $('lang-label').textContent = t('lang.label');
  for (const b of $('lang-switcher').querySelectorAll('button')) {
    b.setAttribute('aria-pressed', b.dataset.lang === lang() ? 'true' : 'false');
  }
  $('site-nav').setAttribute('aria-label', t('nav.label'));
  for (const a of $('nav-list').querySelectorAll('a')) {
    const item = NAV.find((n) => n.path === a.dataset.nav);
    a.textContent = t(item.key);
    if (item.badge) item.badge(a);
  }
  updateHeaderSearch();
  $('footer-text').textContent = t('footer.text');
  $('footer-api').textContent = t('footer.api');
  $('digits-label').textContent = t('digits.label');
  const sel = $('digits');
  sel.options[0].textContent = t('digits.latn');
  sel.options[1].textContent = t('digits.arab');
  sel.value = digitsPref();
  $('digits-field').hidden = lang() !== 'ar';
  $('noscript-text')?.replaceChildren(t('app.noscript'));
  updateAccount();
}

function updateAccount() {
  const box = $('account');
  box.setAttribute('aria-label', t('account.label'));
  box.replaceChildren();
  const user = currentUser();
  if (user) {
    const out = h('button', { type: 'button', class: 'link-button', id: 'sign-out' }, t('account.signOut'));
    out.addEventListener('click', async () => {
      await signOut().catch(() => {});
      flash(t('signout.done'));
      render({ focus: true });
    });
    box.append(h('span', { class: 'user', id: 'signed-in-as' },
      tParts('account.signedInAs', { name: h('a', { href: route('account'), id: 'account-link' }, user) })), out);
  } else {
    const here = location.hash && location.hash.startsWith('#/') && !location.hash.startsWith('#/sign-in') ? location.hash : null;
    box.append(h('a', { href: route('sign-in', here ? { return: here } : null), id: 'sign-in-link' }, t('account.signIn')));
  }
}

let currentSection = null;

function markNav(section) {
  currentSection = section;
  for (const a of $('nav-list').querySelectorAll('a')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/* ---------- router ---------- */

function parseHash() {
  const raw = location.hash.slice(1);
  if (raw && !raw.startsWith('/')) return null; // an in-page anchor, not a route
  const s = raw || '/';
  const qi = s.indexOf('?');
  const path = qi >= 0 ? s.slice(0, qi) : s;
  const query = qi >= 0 ? s.slice(qi + 1) : '';
  let parts;
  try {
    parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  } catch {
    parts = ['\u0000'];
  }
  return { parts, params: new URLSearchParams(query) };
}

let firstRender = true;
let renderSeq = 0;

async function render({ focus = true } = {}) {
  const parsed = parseHash();
  if (!parsed) return;
  const my = ++renderSeq;
  const { parts, params } = parsed;
  clearFlash();
  updateAccount();
  const view = h('div', { class: 'view' });
  main.replaceChildren(view);
  main.setAttribute('aria-busy', 'true');
  const ctx = {
    params,
    setTitle: (s) => { if (my === renderSeq) document.title = t('doc.title', { page: s }); },
    rerender: () => render({ focus: true }),
  };
  let section = parts[0] || '';
  if ((section === 'new' || section === 'edit') && parts[1]) section = parts[1];
  if (section === 'partnerships' || section === 'partnership-events') section = 'organisations';
  if (section === 'office-terms') section = 'offices';
  if (section === 'contact-group-members') section = 'contact-groups';
  if (['votes', 'ballots', 'agenda-items', 'attendance', 'decision-rules'].includes(section)) section = 'meetings';
  if (['paragraphs', 'resolution-sponsors', 'resolution-categories'].includes(section)) section = 'resolutions';
  if (['mandates', 'implementation-reports', 'results'].includes(section)) section = 'gap';
  if (['countries', 'imports', 'events', 'conflicts', 'conflict-years', 'event-imports'].includes(section)) section = 'map';
  if (section === 'alert-rules') section = 'alerts';
  if (['mediators', 'processes', 'expertise-areas', 'codes-of-conduct', 'interests', 'field-missions', 'trainings',
    'training-participants', 'match-weights', 'process-team', 'process-stages', 'journal-entries', 'agreements', 'provisions'].includes(section)) section = 'mediation';
  markNav(section);
  try {
    // Which write controls to show depends on the roles (rights.js), read once.
    if (currentUser()) await loadRights();
    if (my !== renderSeq) return;
    await dispatch(view, ctx, parts);
  } catch (e) {
    if (my === renderSeq) {
      view.replaceChildren(h('h1', { tabindex: '-1' }, t('error.title')), errorBox(e),
        h('p', null, h('button', { type: 'button', class: 'button secondary', onclick: () => render() }, t('error.retry'))));
    }
  }
  if (my !== renderSeq) return;
  main.removeAttribute('aria-busy');
  showPendingFlash();
  if (!firstRender && focus) {
    const h1 = view.querySelector('h1');
    if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus({ preventScroll: true }); }
    window.scrollTo(0, 0);
  }
  firstRender = false;
}

async function dispatch(view, ctx, parts) {
  const [a, b, c] = parts;
  if (!a) return homePage(view, ctx);
  if (a === 'sign-in' && parts.length === 1) return signInPage(view, ctx);
  if (a === 'registers' && parts.length === 1) return registersPage(view, ctx);
  if (a === 'account' && parts.length === 1) return accountPage(view, ctx);
  if (a === 'users' && parts.length === 1) return usersPage(view, ctx);
  if (a === 'users' && parts.length === 2) return userPage(view, ctx, b);
  if (a === 'audit' && parts.length === 1) return auditLogPage(view, ctx);
  if (schemaError && a !== 'sign-in') {
    ctx.setTitle(t('error.title'));
    view.append(h('h1', { tabindex: '-1' }, t('error.title')), h('p', null, t('error.schema')), errorBox(schemaError));
    return undefined;
  }
  if (a === 'new' && b && entity(b) && parts.length === 2) return formPage(view, ctx, b, null);
  if (a === 'edit' && b && entity(b) && c !== undefined && parts.length === 3) return formPage(view, ctx, b, c);
  // Meetings, resolutions and votes: the record page with more (meetings.js).
  if (parts.length === 2 && a === 'votes' && entity('votes')) return votePage(view, ctx, b);
  if (parts.length === 2 && a === 'meetings' && entity('meetings')) return meetingPage(view, ctx, b);
  if (parts.length === 2 && a === 'resolutions' && entity('resolutions')) return resolutionPage(view, ctx, b);
  // Implementation of decisions (implementation.js): the gap, a mandate, a programme.
  if (parts.length === 1 && a === 'gap' && entity('mandates')) return gapPage(view, ctx);
  if (parts.length === 2 && a === 'mandates' && entity('mandates')) return mandatePage(view, ctx, b);
  if (parts.length === 2 && a === 'results' && entity('results')) return resultPage(view, ctx, b);
  // Alerts (alerts.js) and the conflict statistics (stats.js).
  if (parts.length === 1 && a === 'alerts' && entity('alerts')) return alertsPage(view, ctx);
  if (parts.length === 2 && a === 'alerts' && entity('alerts')) return alertPage(view, ctx, b);
  if (parts.length === 1 && a === 'conflict-stats') return conflictStatsPage(view, ctx);
  // Conflicts (conflicts.js): the map, a country's page, importing a file.
  if (parts.length === 1 && a === 'map') return mapPage(view, ctx);
  if (parts.length === 2 && a === 'countries' && entity('countries')) return countryPage(view, ctx, b);
  if (parts.length === 1 && a === 'imports') return importsPage(view, ctx);
  // Mediation (mediation.js): the overview, the roster and a profile, the processes, a process, its matching.
  if (parts.length === 1 && a === 'mediation' && entity('mediators')) return mediationPage(view, ctx);
  if (parts.length === 1 && a === 'mediators' && entity('mediators')) return mediatorsPage(view, ctx);
  if (parts.length === 2 && a === 'mediators' && entity('mediators')) return mediatorPage(view, ctx, b);
  if (parts.length === 1 && a === 'processes' && entity('processes')) return processesPage(view, ctx);
  if (parts.length === 2 && a === 'processes' && entity('processes')) return processPage(view, ctx, b);
  if (parts.length === 3 && a === 'processes' && c === 'match' && entity('processes')) return matchPage(view, ctx, b);
  // Search and documents (search.js, documents.js).
  if (parts.length === 1 && a === 'search') return searchPage(view, ctx);
  if (parts.length === 1 && a === 'documents' && entity('documents')) return documentsPage(view, ctx);
  if (parts.length === 2 && a === 'documents' && b === 'new' && entity('documents')) return uploadPage(view, ctx);
  if (parts.length === 2 && a === 'documents' && entity('documents')) return documentPage(view, ctx, b);
  if (entity(a)) {
    if (parts.length === 1) return listPage(view, ctx, a);
    if (parts.length === 2) return profilePage(view, ctx, a, b);
  }
  return notFoundPage(view, ctx);
}

/* ---------- start ---------- */

async function start() {
  setLang(detectLang());
  initDigits();
  buildChrome();
  updateChrome();
  main.replaceChildren(h('p', { class: 'loading' }, t('app.loading')));
  const [, schemaResult] = await Promise.allSettled([loadSession(), loadSchema()]);
  if (schemaResult.status === 'rejected') schemaError = schemaResult.reason;
  updateAccount();
  window.addEventListener('hashchange', () => render());
  await render({ focus: false });
}

start();
