// Conflict statistics (#/conflict-stats): the share of the world's active conflicts located in
// member states, year by year, from the UCDP/PRIO conflict-years (the sources' "60%", marked on
// the chart), with a year's conflicts listed; events and fatalities by member state; the common
// threads of the conflicts in member states (the pairs of root causes, actor types and event
// types that occur together, as a table and a heat map); and the forecast's backtest, the model
// beside its two baselines.
//
// Every figure comes from the API (GET /api/v1/stats/conflicts, /stats/states, /threads,
// /forecast/backtest), counted with the reader's access; the page only draws them.

import { h, svg, route, textIn } from './dom.js';
import { t, tn, lang, digitsPref, fmtCount, fmtInt, fmtPdate, fmtPercent, compare } from './i18n.js';
import { API, get, withQuery, request, hasAnyRole, ApiError } from './api.js';
import { localized } from './schema.js';
import { errorBox } from './ui.js';
import { timeNode, enumText, westernDigits } from './values.js';
import { chartSvg, mirrorX, scaleLines } from './charts.js';
import { countries, countryLink } from './alerts.js';

function intlLocale() {
  const base = lang() === 'en' ? 'en-GB' : lang() === 'fr' ? 'fr-FR' : 'ar';
  return base + (lang() === 'ar' && digitsPref() === 'arab' ? '-u-nu-arab' : '-u-nu-latn');
}

/* A score with a fixed number of decimals (0.123, 0,123, ٠٫١٢٣). */
function fmtScore(v, digits = 3) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  try {
    return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  } catch {
    return v.toFixed(digits);
  }
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/* The charts are laid out left to right (direction="ltr", mirrored by hand for Arabic); an
   Arabic label inside is isolated right to left so that its figures stay in their place. */
function bidi(s) {
  return lang() === 'ar' ? `\u2067${s}\u2069` : s;
}

/* A year's share of the conflicts in member states, from 0 to 100 (from the counts when given). */
function shareOf(y) {
  if (num(y.world) > 0) return (100 * num(y.members)) / num(y.world);
  if (typeof y.share === 'number') return y.share <= 1 ? y.share * 100 : y.share;
  return null;
}

function section(id, titleKey, ...children) {
  return h('section', { class: 'related cstats-section', id, 'aria-labelledby': `${id}-h` },
    h('div', { class: 'section-head' }, h('h2', { id: `${id}-h` }, t(titleKey))), ...children);
}

function loading() { return h('p', { class: 'loading' }, t('app.loading')); }

/* The sources' figure: 60 per cent of the world's conflicts are in member states. */
const SOURCE_SHARE = 60;

export async function conflictStatsPage(view, ctx) {
  ctx.setTitle(t('cstats.title'));
  const st = {
    year: ctx.params.get('year') || '',
    from: ctx.params.get('from') || '',
    to: ctx.params.get('to') || '',
  };
  view.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('cstats.title'))),
    h('p', { class: 'lead' }, t('cstats.intro')),
    h('p', { class: 'cstats-links' }, h('a', { href: route('alerts') }, t('alerts.title')), t('list.sep'),
      h('a', { href: route('conflicts') }, t('cstats.conflictsRegister')), t('list.sep'),
      h('a', { href: route('conflict-years') }, t('cstats.yearsRegister'))));

  const shareBody = h('div', { class: 'section-body', id: 'share-body', 'aria-busy': 'true' }, loading());
  const yearBody = h('div', { class: 'section-body', id: 'year-body' });
  const statesBody = h('div', { class: 'section-body', id: 'states-body', 'aria-busy': 'true' }, loading());
  const threadsBody = h('div', { class: 'section-body', id: 'threads-body', 'aria-busy': 'true' }, loading());
  const backtestBody = h('div', { class: 'section-body', id: 'backtest-body', 'aria-busy': 'true' }, loading());
  const forecastBody = h('div', { class: 'section-body', id: 'forecast-body', 'aria-busy': 'true' }, loading());

  // The years over which the states' figures and the threads are counted.
  const period = h('form', { class: 'filters cstats-period', role: 'search', 'aria-label': t('cstats.period') });
  const yearInput = (name, label) => {
    const input = h('input', { type: 'text', inputmode: 'numeric', dir: 'ltr', class: 'short', id: `cstats-${name}`, name, placeholder: 'YYYY', autocomplete: 'off' });
    input.value = st[name];
    period.append(h('div', { class: 'filter-field' }, h('label', { for: input.id }, label), input));
    return input;
  };
  const fromIn = yearInput('from', t('cstats.from'));
  const toIn = yearInput('to', t('cstats.to'));
  period.append(h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button', id: 'cstats-apply' }, t('list.apply'))),
    h('p', { class: 'hint filter-hint' }, t('cstats.periodHint')));

  view.append(
    section('share', 'cstats.shareTitle', h('p', { class: 'hint' }, t('cstats.shareIntro')), shareBody, yearBody),
    section('by-state', 'cstats.statesTitle', period, statesBody),
    section('threads', 'cstats.threadsTitle', h('p', { class: 'hint' }, t('cstats.threadsIntro')), threadsBody),
    section('forecast', 'cstats.forecastTitle', h('p', { class: 'hint' }, t('cstats.forecastIntro')), forecastBody),
    section('backtest', 'cstats.backtestTitle', h('p', { class: 'hint', id: 'backtest-explain' }, t('cstats.backtestIntro')), backtestBody));

  let cmap = new Map();
  try { cmap = await countries(); } catch { /* codes only */ }

  function syncUrl() {
    const next = route('conflict-stats', { year: st.year, from: st.from, to: st.to });
    if (location.hash !== next) history.replaceState(history.state, '', next);
  }

  // ---- the share by year, and one year's conflicts ----
  let years = [];
  async function loadYear() {
    syncUrl();
    yearBody.replaceChildren();
    if (!st.year) return;
    yearBody.setAttribute('aria-busy', 'true');
    yearBody.append(loading());
    try {
      const d = await get(withQuery(`${API}/stats/conflicts`, { year: st.year }));
      const y = (Array.isArray(d.years) ? d.years : []).find((x) => String(x.year) === String(st.year)) || (d.years || [])[0];
      yearBody.replaceChildren(yearDetail(y, cmap));
    } catch (e) {
      yearBody.replaceChildren(errorBox(e));
    } finally {
      yearBody.removeAttribute('aria-busy');
    }
    for (const g of shareBody.querySelectorAll('g.year')) g.classList.toggle('chosen', g.dataset.year === String(st.year));
  }

  const shareJob = (async () => {
    try {
      const d = await get(`${API}/stats/conflicts`);
      years = (Array.isArray(d.years) ? d.years : []).filter((y) => Number.isInteger(Number(y.year)))
        .sort((a, b) => a.year - b.year);
      shareBody.replaceChildren();
      if (!years.length) {
        shareBody.append(h('p', { class: 'muted', id: 'share-none' }, t('cstats.noYears')));
        return;
      }
      if (!st.year || !years.some((y) => String(y.year) === String(st.year))) {
        st.year = String(years[years.length - 1].year);
      }
      const sel = h('select', { id: 'cstats-year', name: 'year' }, years.slice().reverse().map((y) => h('option', { value: String(y.year) }, fmtInt(y.year))));
      sel.value = String(st.year);
      sel.addEventListener('change', () => { st.year = sel.value; loadYear(); });
      shareBody.append(shareChart(years, (y) => { st.year = String(y); sel.value = st.year; loadYear(); }),
        h('div', { class: 'filters year-pick' }, h('div', { class: 'filter-field' }, h('label', { for: sel.id }, t('cstats.year')), sel)));
      await loadYear();
    } catch (e) {
      shareBody.replaceChildren(errorBox(e));
    } finally {
      shareBody.removeAttribute('aria-busy');
    }
  })();

  // ---- by state, and the threads, over the period ----
  const yearOk = (s) => /^\d{4}$/.test(s);
  async function loadPeriod() {
    syncUrl();
    statesBody.setAttribute('aria-busy', 'true');
    threadsBody.setAttribute('aria-busy', 'true');
    const months = { from: yearOk(st.from) ? `${st.from}-01` : st.from, to: yearOk(st.to) ? `${st.to}-12` : st.to };
    const a = get(withQuery(`${API}/stats/states`, months)).then((d) => statesBody.replaceChildren(statesTable(d, cmap)))
      .catch((e) => statesBody.replaceChildren(errorBox(e))).finally(() => statesBody.removeAttribute('aria-busy'));
    const b = get(withQuery(`${API}/threads`, { from: st.from, to: st.to })).then((d) => threadsBody.replaceChildren(...threadsView(d)))
      .catch((e) => threadsBody.replaceChildren(errorBox(e))).finally(() => threadsBody.removeAttribute('aria-busy'));
    await Promise.all([a, b]);
  }
  period.addEventListener('submit', (ev) => {
    ev.preventDefault();
    st.from = westernDigits(fromIn.value.trim());
    st.to = westernDigits(toIn.value.trim());
    loadPeriod();
  });

  // ---- the forecast and its backtest ----
  const loadBacktest = () => {
    backtestBody.setAttribute('aria-busy', 'true');
    return get(withQuery(`${API}/forecast/backtest`, { origins: 24 }))
      .then((d) => backtestBody.replaceChildren(backtestTable(d)))
      .catch((e) => backtestBody.replaceChildren(errorBox(e, t('cstats.backtestUnavailable'))))
      .finally(() => backtestBody.removeAttribute('aria-busy'));
  };
  const fitStatus = h('p', { class: 'fit-status', id: 'fit-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  const loadForecast = async () => {
    forecastBody.setAttribute('aria-busy', 'true');
    let body;
    try {
      body = forecastTable(await get(`${API}/forecast`), cmap);
    } catch (e) {
      const none = e instanceof ApiError && e.status === 404;
      body = none ? h('p', { class: 'muted', id: 'forecast-none' }, t('cstats.noForecast')) : errorBox(e);
    }
    forecastBody.replaceChildren(body);
    // Fitting again is for analysts, the secretariat and administrators.
    if (hasAnyRole('analyst', 'secretariat', 'admin')) {
      const fit = h('button', { type: 'button', class: 'button secondary', id: 'forecast-fit' }, t('cstats.fit'));
      fit.addEventListener('click', async () => {
        fit.disabled = true;
        fitStatus.replaceChildren(t('cstats.fitting'));
        try {
          const out = await request('POST', `${API}/forecast/fit`, {});
          await Promise.all([loadForecast(), loadBacktest()]);
          fitStatus.replaceChildren(t('cstats.fitted', { through: fmtPdate(out && out.through) }));
        } catch (e) {
          fitStatus.replaceChildren(errorBox(e, t('cstats.fitFailed')));
        } finally {
          fit.disabled = false;
          fitStatus.focus();
        }
      });
      forecastBody.append(h('div', { class: 'form-buttons' }, fit, h('span', { class: 'hint' }, t('cstats.fitHint'))), fitStatus);
    }
    forecastBody.removeAttribute('aria-busy');
  };

  await Promise.all([shareJob, loadPeriod(), loadForecast(), loadBacktest()]);
}

/* ---------- the share by year: bars, the sources' 60% marked ---------- */

function shareChart(years, onPick) {
  const rows = years.map((y) => ({ year: y.year, world: num(y.world), members: num(y.members), share: shareOf(y) }));
  const rtl = lang() === 'ar';
  const n = rows.length;
  const slot = Math.max(8, Math.min(44, Math.floor(880 / n)));
  const barW = Math.max(5, Math.round(slot * 0.7));
  const axis = 48;
  const top = 16;
  const plot = 200;
  const bottom = 30;
  // Room for the label of the sources' line even with few years.
  const width = Math.max(axis + 16 + n * slot + 8, 420);
  const height = top + plot + bottom;
  const yOf = (v) => top + plot - (v / 100) * plot;
  const X = mirrorX(width);
  const yearLine = (r) => t('cstats.yearLine', {
    year: fmtInt(r.year), members: fmtCount(r.members), world: fmtCount(r.world), share: r.share === null ? '—' : fmtPercent(r.share),
  });
  const chart = chartSvg({
    width, height, title: t('cstats.shareTitle'), desc: rows.map(yearLine).join(' '), idPrefix: 'share',
    attrs: { class: 'chart share-chart', id: 'share-chart', direction: 'ltr', preserveAspectRatio: 'xMinYMin meet' },
  });
  scaleLines(chart, { values: [0, 25, 50, 75, 100], yOf, X, x1: axis, x2: width - 4, label: fmtPercent });
  const labelEvery = Math.ceil(36 / slot);
  rows.forEach((r, i) => {
    const x0 = axis + 16 + i * slot + (slot - barW) / 2;
    const tip = yearLine(r);
    const g = svg('g', { class: ['year', r.share !== null && r.share >= SOURCE_SHARE ? 'above' : ''].join(' ').trim(), 'data-year': r.year, 'data-share': r.share === null ? '' : r.share.toFixed(1) });
    if (r.share !== null) {
      const y = yOf(r.share);
      g.append(svg('rect', { class: 'share-bar', x: X(x0, barW), y, width: barW, height: Math.max(1, yOf(0) - y) }, svg('title', null, tip)));
    }
    // The whole slot is the target: a click (or Enter) picks the year.
    const hit = svg('rect', { class: 'hit', x: X(axis + 16 + i * slot, slot), y: top, width: slot, height: plot, tabindex: '0', role: 'button', 'aria-label': tip }, svg('title', null, tip));
    hit.addEventListener('click', () => onPick(r.year));
    hit.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onPick(r.year); } });
    g.append(hit);
    if (i % labelEvery === 0 || i === n - 1) {
      g.append(svg('text', { class: 'year-label', x: X(x0 + barW / 2), y: top + plot + 18, 'text-anchor': 'middle' }, fmtInt(r.year)));
    }
    chart.append(g);
  });
  const y60 = yOf(SOURCE_SHARE);
  chart.append(svg('line', { class: 'axis', x1: X(axis), x2: X(width - 4), y1: yOf(0), y2: yOf(0) }),
    svg('line', { class: 'source-line', id: 'source-line', x1: X(axis), x2: X(width - 4), y1: y60, y2: y60 }),
    svg('text', { class: 'source-label', x: X(width - 8), y: y60 - 5, 'text-anchor': rtl ? 'start' : 'end' }, bidi(t('cstats.sourceLine', { p: fmtPercent(SOURCE_SHARE) }))));

  const table = h('details', { class: 'chart-figures' }, h('summary', null, t('cstats.figures')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data num-table', id: 'share-table' },
      h('caption', { class: 'vh' }, t('cstats.shareTitle')),
      h('thead', null, h('tr', null, ['cstats.col.year', 'cstats.col.world', 'cstats.col.members', 'cstats.col.share'].map((k, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t(k))))),
      h('tbody', null, rows.slice().reverse().map((r) => h('tr', { dataset: { year: String(r.year) } },
        h('th', { scope: 'row' }, fmtInt(r.year)), h('td', { class: 'num' }, fmtCount(r.world)), h('td', { class: 'num' }, fmtCount(r.members)),
        h('td', { class: 'num' }, r.share === null ? '—' : fmtPercent(r.share))))))));
  return h('figure', { class: 'share-figure' }, h('div', { class: 'chart-scroll' }, chart),
    h('figcaption', null, h('ul', { class: 'chart-legend' },
      h('li', null, h('span', { class: 'swatch share-swatch', 'aria-hidden': 'true' }), t('cstats.legendShare')),
      h('li', null, h('span', { class: 'swatch source-swatch', 'aria-hidden': 'true' }), t('cstats.legendSource'))),
    h('p', { class: 'hint' }, t('cstats.chartHint'))), table);
}

/* One year: its counts and its conflicts, each with the countries where it was fought. */
function yearDetail(y, cmap) {
  if (!y) return h('p', { class: 'muted' }, t('cstats.noYear'));
  const share = shareOf(y);
  const box = h('div', { class: 'year-detail', id: 'year-detail', dataset: { year: String(y.year) } },
    h('h3', { id: 'year-detail-h' }, t('cstats.yearTitle', { year: fmtInt(y.year) })),
    h('ul', { class: 'stats cstats-figures' },
      h('li', { class: 'stat', dataset: { stat: 'world' } }, h('span', { class: 'stat-value' }, fmtCount(num(y.world))), h('span', { class: 'stat-label plain' }, t('cstats.col.world'))),
      h('li', { class: 'stat', dataset: { stat: 'members' } }, h('span', { class: 'stat-value' }, fmtCount(num(y.members))), h('span', { class: 'stat-label plain' }, t('cstats.col.members'))),
      h('li', { class: 'stat', dataset: { stat: 'share' } }, h('span', { class: 'stat-value', id: 'year-share' }, share === null ? '—' : fmtPercent(share)), h('span', { class: 'stat-label plain' }, t('cstats.col.share')))));
  const list = Array.isArray(y.conflicts) ? y.conflicts.slice() : null;
  if (!list) return box;
  if (!list.length) {
    box.append(h('p', { class: 'muted' }, t('cstats.noConflicts')));
    return box;
  }
  const nm = (c) => localized(c, 'name') || { text: String(c.id), lang: null };
  list.sort((a, b) => compare(nm(a).text, nm(b).text));
  box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data year-conflicts', id: 'year-conflicts' },
    h('caption', { class: 'vh' }, t('cstats.yearTitle', { year: fmtInt(y.year) })),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cstats.col.conflict')), h('th', { scope: 'col' }, t('cstats.col.states')))),
    h('tbody', null, list.map((c) => {
      const n = nm(c);
      const states = Array.isArray(c.states) ? c.states : typeof c.states === 'string' ? c.states.split(/[\s,]+/).filter(Boolean) : [];
      return h('tr', { dataset: { conflict: String(c.id), member: c.member === false ? 'false' : 'true' } },
        h('th', { scope: 'row' }, h('a', { href: route('conflicts', c.id) }, textIn(n.text, n.lang, lang()))),
        h('td', null, states.length ? states.map((s, i) => [i ? t('list.sep') : '', countryLink(cmap, s)]) : '—'));
    })))));
  return box;
}

/* ---------- events and fatalities by member state ---------- */

function statesTable(d, cmap) {
  const all = (Array.isArray(d) ? d : Array.isArray(d.states) ? d.states : Array.isArray(d.items) ? d.items : []).slice();
  const rows = all.filter((r) => num(r.events) > 0);
  const quiet = all.filter((r) => num(r.events) <= 0);
  const code = (r) => String(r.state ?? r.country ?? r.id ?? '');
  const name = (r) => (localized(r, 'name') ? countryLinkNamed(r, code(r)) : countryLink(cmap, code(r)));
  // The member states without events, named in one line rather than in rows of zeros.
  const none = quiet.length ? h('details', { class: 'quiet-states', id: 'quiet-states' },
    h('summary', null, tn('cstats.quietStates', quiet.length)),
    h('p', null, quiet.map((r) => ({ r, n: (localized(r, 'name') || { text: code(r) }).text })).sort((a, b) => compare(a.n, b.n))
      .map(({ r }, i) => [i ? t('list.sep') : '', name(r)]))) : null;
  if (!rows.length) return h('div', null, h('p', { class: 'muted', id: 'states-none' }, t('cstats.noStates')), none);
  rows.sort((a, b) => num(b.fatalities) - num(a.fatalities) || num(b.events) - num(a.events));
  const total = rows.reduce((acc, r) => ({ events: acc.events + num(r.events), fatalities: acc.fatalities + num(r.fatalities) }), { events: 0, fatalities: 0 });
  return h('div', null, h('div', { class: 'table-wrap' }, h('table', { class: 'data num-table states-table', id: 'states-table' },
    h('caption', { class: 'vh' }, t('cstats.statesTitle')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cstats.col.state')), h('th', { scope: 'col', class: 'num' }, t('cstats.col.events')),
      h('th', { scope: 'col', class: 'num' }, t('cstats.col.fatalities')))),
    h('tbody', null, rows.map((r) => h('tr', { dataset: { state: code(r) } },
      h('th', { scope: 'row' }, name(r)), h('td', { class: 'num', dataset: { figure: 'events' } }, fmtCount(num(r.events))),
      h('td', { class: 'num', dataset: { figure: 'fatalities' } }, fmtCount(num(r.fatalities)))))),
    h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, t('cstats.total')), h('td', { class: 'num' }, fmtCount(total.events)),
      h('td', { class: 'num' }, fmtCount(total.fatalities)))))), none);
}

function countryLinkNamed(r, code) {
  const n = localized(r, 'name');
  return h('a', { href: route('countries', code), class: 'country-link', dataset: { country: code } }, textIn(n.text, n.lang, lang()));
}

/* ---------- the common threads ---------- */

const KIND_ORDER = ['root_cause', 'actor_type', 'event_type', 'conflict_type'];

function kindOf(kind) {
  const k = String(kind || '');
  if (/cause/.test(k)) return 'root_cause';
  if (/actor/.test(k)) return 'actor_type';
  if (/event/.test(k)) return 'event_type';
  if (/type/.test(k)) return 'conflict_type';
  return k;
}

/* A feature's name in the interface language: its own names when the API gives them, else the
   vocabulary's label. */
function featureName(f) {
  const own = localized(f, 'name') || localized(f, 'label');
  if (own) return own.text;
  const v = String(f.value ?? f.key ?? '');
  const k = kindOf(f.kind);
  let s = null;
  if (k === 'root_cause') { const key = `cstats.cause.${v}`; s = t(key) === key ? null : t(key); }
  if (k === 'actor_type') s = enumText('events', 'actor1_type', v);
  if (k === 'event_type') s = enumText('events', 'event_type', v);
  if (k === 'conflict_type') s = enumText('conflicts', 'type', v);
  return s || v.replace(/_/g, ' ');
}

function kindName(kind) {
  const k = kindOf(kind);
  const key = `cstats.kind.${k}`;
  return t(key) === key ? String(kind || '') : t(key);
}

function featureNode(f) {
  if (!f) return h('span', { class: 'muted' }, '—');
  return h('span', { class: ['feature', `fk-${kindOf(f.kind)}`], dataset: { feature: String(f.key) } },
    h('span', { class: 'feature-kind' }, kindName(f.kind), t('impl.colon')), featureName(f));
}

function threadsView(d) {
  const features = Array.isArray(d.features) ? d.features : [];
  const pairs = Array.isArray(d.pairs) ? d.pairs.slice() : [];
  const byKey = new Map(features.map((f) => [String(f.key), f]));
  const out = [h('p', { class: 'threads-count', id: 'threads-count' }, num(d.conflicts) ? tn('cstats.threadsConflicts', num(d.conflicts)) : t('cstats.threadsNone'))];
  if (!pairs.length) {
    out.push(h('p', { class: 'muted', id: 'threads-none' }, t('cstats.noThreads')));
    return out;
  }
  pairs.sort((a, b) => num(b.count) - num(a.count) || num(b.lift) - num(a.lift));
  out.push(heatMap(features, pairs, byKey));
  const top = pairs.slice(0, 40);
  out.push(h('div', { class: 'table-wrap' }, h('table', { class: 'data num-table pairs-table', id: 'pairs-table' },
    h('caption', null, pairs.length > top.length ? t('cstats.pairsTop', { n: fmtCount(top.length), total: fmtCount(pairs.length) }) : t('cstats.pairs')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cstats.col.a')), h('th', { scope: 'col' }, t('cstats.col.b')),
      h('th', { scope: 'col', class: 'num' }, t('cstats.col.together')), h('th', { scope: 'col', class: 'num' }, t('cstats.col.lift')))),
    h('tbody', null, top.map((p) => h('tr', { dataset: { a: String(p.a), b: String(p.b) }, class: num(p.lift) > 1 ? 'together' : null },
      h('td', null, featureNode(byKey.get(String(p.a)) || { key: p.a, value: p.a })),
      h('td', null, featureNode(byKey.get(String(p.b)) || { key: p.b, value: p.b })),
      h('td', { class: 'num' }, fmtCount(num(p.count))),
      h('td', { class: 'num' }, fmtScore(num(p.lift), 2))))))),
  h('p', { class: 'hint' }, t('cstats.liftHint')));
  return out;
}

/* The co-occurrence matrix as a heat map: a row and a column per feature (the most frequent, by
   kind), each cell the number of conflicts where both occur, its shade the lift. */
function heatMap(features, pairs, byKey) {
  const counted = new Map();
  for (const p of pairs) {
    counted.set(String(p.a), (counted.get(String(p.a)) || 0) + 1);
    counted.set(String(p.b), (counted.get(String(p.b)) || 0) + 1);
  }
  const feats = features.filter((f) => counted.has(String(f.key))).sort((a, b) => num(b.count) - num(a.count)).slice(0, 24)
    .sort((a, b) => (KIND_ORDER.indexOf(kindOf(a.kind)) - KIND_ORDER.indexOf(kindOf(b.kind))) || num(b.count) - num(a.count));
  const idx = new Map(feats.map((f, i) => [String(f.key), i]));
  const cell = new Map();
  let maxLift = 1;
  for (const p of pairs) {
    if (!idx.has(String(p.a)) || !idx.has(String(p.b))) continue;
    cell.set(`${p.a}|${p.b}`, p);
    cell.set(`${p.b}|${p.a}`, p);
    maxLift = Math.max(maxLift, num(p.lift));
  }
  const rtl = lang() === 'ar';
  const n = feats.length;
  const c = 26;
  const labelW = 210;
  const topH = 170;
  // The column labels lean towards the end: room for them past the last column.
  const width = labelW + n * c + 110;
  const height = topH + n * c + 10;
  const X = mirrorX(width);
  const short = (s) => bidi(s.length > 28 ? `${s.slice(0, 27)}…` : s);
  const chart = chartSvg({
    width, height, title: t('cstats.heatTitle'), idPrefix: 'heat',
    attrs: { class: 'chart heat-map', id: 'heat-map', direction: 'ltr', preserveAspectRatio: 'xMinYMin meet' },
  });
  feats.forEach((f, i) => {
    const name = `${kindName(f.kind)}${t('impl.colon')}${featureName(f)}`;
    const y = topH + i * c + c / 2 + 4;
    chart.append(svg('text', { class: `heat-label fk-${kindOf(f.kind)}`, x: X(labelW - 6), y, 'text-anchor': rtl ? 'start' : 'end' }, short(featureName(f)), svg('title', null, name)));
    const cx = labelW + i * c + c / 2;
    const px = X(cx);
    chart.append(svg('text', {
      class: `heat-label fk-${kindOf(f.kind)}`, x: px, y: topH - 6, 'text-anchor': rtl ? 'end' : 'start',
      transform: `rotate(${rtl ? 60 : -60} ${px} ${topH - 6})`,
    }, short(featureName(f)), svg('title', null, name)));
  });
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      const x = X(labelW + j * c, c);
      const y = topH + i * c;
      const a = feats[i];
      const b = feats[j];
      if (i === j) {
        chart.append(svg('rect', { class: 'heat-cell diag', x, y, width: c - 2, height: c - 2 },
          svg('title', null, t('cstats.heatSelf', { a: featureName(a), n: fmtCount(num(a.count)) }))));
        continue;
      }
      const p = cell.get(`${a.key}|${b.key}`);
      if (!p) {
        chart.append(svg('rect', { class: 'heat-cell none', x, y, width: c - 2, height: c - 2 }));
        continue;
      }
      const lift = num(p.lift);
      // Shades: below 1 (less often than chance) pale; above, darker as the lift grows.
      const level = lift <= 1 ? 0 : Math.min(5, 1 + Math.floor((4 * Math.log(lift)) / Math.log(Math.max(maxLift, 1.01))));
      const tip = t('cstats.heatCell', { a: featureName(a), b: featureName(b), n: fmtCount(num(p.count)), lift: fmtScore(lift, 2) });
      chart.append(svg('rect', { class: `heat-cell heat-lvl-${level}`, x, y, width: c - 2, height: c - 2, 'data-a': a.key, 'data-b': b.key, 'data-count': num(p.count), 'data-lift': lift }, svg('title', null, tip)));
      if (c >= 22) chart.append(svg('text', { class: ['heat-count', level >= 3 ? 'light' : ''].join(' ').trim(), x: x + (c - 2) / 2, y: y + c / 2 + 2, 'text-anchor': 'middle' }, fmtCount(num(p.count))));
    }
  }
  const legend = h('ul', { class: 'chart-legend heat-legend' }, [[0, 'below'], [1, 'some'], [3, 'more'], [5, 'most']].map(([l, k]) =>
    h('li', null, h('span', { class: `swatch heat-swatch heat-lvl-${l}`, 'aria-hidden': 'true' }), t(`cstats.heatLevel.${k}`))));
  return h('figure', { class: 'heat-figure' }, h('div', { class: 'chart-scroll' }, chart),
    h('figcaption', null, legend, h('p', { class: 'hint' }, t('cstats.heatHint'))));
}

/* ---------- the forecast ---------- */

/* The countries most at risk: for each, the probability of 25 or more fatalities in each of the
   next six months (the expected fatalities in the cell's title), the highest first month first. */
function forecastTable(d, cmap) {
  const items = (Array.isArray(d.items) ? d.items : []).filter((x) => Array.isArray(x.horizons) && x.horizons.length);
  const model = d.model || {};
  const meta = h('p', { class: 'forecast-meta', id: 'forecast-meta' }, t('cstats.forecastMeta', { through: fmtPdate(d.through || model.through) }),
    model.fitted_at ? [' ', h('span', { class: 'muted' }, t('cstats.fittedAt'), ' ', timeNode(model.fitted_at))] : null);
  if (!items.length) return h('div', null, meta, h('p', { class: 'muted' }, t('cstats.noForecastRows')));
  const p1 = (x) => num((x.horizons.find((hz) => hz.h === 1) || x.horizons[0]).p);
  items.sort((a, b) => p1(b) - p1(a));
  const top = items.slice(0, 20);
  const months = top[0].horizons.slice().sort((a, b) => a.h - b.h);
  const pct = (p) => fmtPercent(Math.round(num(p) * 1000) / 10);
  return h('div', null, meta, h('div', { class: 'table-wrap' }, h('table', { class: 'data num-table forecast-table', id: 'forecast-table' },
    h('caption', { class: 'vh' }, t('cstats.forecastTitle')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('alerts.col.country')),
      months.map((hz) => h('th', { scope: 'col', class: 'num' }, fmtPdate(hz.month))))),
    h('tbody', null, top.map((x) => h('tr', { dataset: { country: String(x.country) } },
      h('th', { scope: 'row' }, countryLink(cmap, x.country)),
      x.horizons.slice().sort((a, b) => a.h - b.h).map((hz) => h('td', {
        class: ['num', 'risk', num(hz.p) >= 0.5 ? 'risk-high' : num(hz.p) >= 0.2 ? 'risk-some' : ''],
        dataset: { h: String(hz.h), p: String(hz.p) },
        title: t('cstats.expected', { n: fmtCount(Math.round(num(hz.expected))) }),
      }, pct(hz.p)))))))),
  items.length > top.length ? h('p', { class: 'hint' }, t('cstats.forecastTop', { n: fmtCount(top.length), total: fmtCount(items.length) })) : null,
  h('p', { class: 'hint' }, t('cstats.forecastRead')));
}

/* ---------- the backtest ---------- */

const METHODS = ['model', 'persistence', 'historical'];

function backtestTable(d) {
  const hs = Array.isArray(d.horizons) ? d.horizons.slice().sort((a, b) => a.h - b.h) : [];
  if (!hs.length) return h('p', { class: 'muted', id: 'backtest-none' }, t('cstats.noBacktest'));
  const best = (row, metric, lower) => {
    const vals = METHODS.map((m) => row[m] && row[m][metric]).filter((v) => typeof v === 'number' && Number.isFinite(v));
    if (!vals.length) return null;
    return lower ? Math.min(...vals) : Math.max(...vals);
  };
  const cellFor = (row, m, metric, lower) => {
    const v = row[m] ? row[m][metric] : null;
    const b = best(row, metric, lower);
    const isBest = typeof v === 'number' && v === b;
    return h('td', { class: ['num', isBest ? 'best' : ''], dataset: { method: m, metric } }, fmtScore(v),
      isBest ? h('span', { class: 'vh' }, ` (${t('cstats.best')})`) : null);
  };
  return h('div', null,
    h('p', { class: 'backtest-meta', id: 'backtest-meta' }, t('cstats.backtestMeta', {
      origins: fmtCount(num(d.origins)), countries: fmtCount(num(d.countries)), from: fmtPdate(d.from), to: fmtPdate(d.to),
    })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data num-table backtest-table', id: 'backtest-table' },
      h('caption', { class: 'vh' }, t('cstats.backtestTitle')),
      h('thead', null,
        h('tr', null, h('th', { scope: 'col', rowspan: '2' }, t('cstats.col.horizon')), h('th', { scope: 'col', rowspan: '2', class: 'num' }, t('cstats.col.n')),
          h('th', { scope: 'col', rowspan: '2', class: 'num' }, t('cstats.col.positives')),
          METHODS.map((m) => h('th', { scope: 'colgroup', colspan: '2', class: `method method-${m}` }, t(`cstats.method.${m}`)))),
        h('tr', null, METHODS.map(() => [h('th', { scope: 'col', class: 'num' }, t('cstats.brier')), h('th', { scope: 'col', class: 'num' }, t('cstats.auc'))]))),
      h('tbody', null, hs.map((row) => h('tr', { dataset: { h: String(row.h) } },
        h('th', { scope: 'row' }, tn('cstats.months', num(row.h))),
        h('td', { class: 'num' }, fmtCount(num(row.n))), h('td', { class: 'num' }, fmtCount(num(row.positives))),
        METHODS.map((m) => [cellFor(row, m, 'brier', true), cellFor(row, m, 'auc', false)])))))),
    h('p', { class: 'hint', id: 'backtest-read' }, t('cstats.backtestRead')));
}
