// Conflict monitoring: the map of the world (#/map) and a country's page (#/countries/ISO3).
//
// The map is drawn here, offline: Natural Earth's countries at 1:110m (world-atlas's TopoJSON,
// vendored in web/vendor/ by tools/vendor.sh and served from /static/) turned into GeoJSON by
// topojson-client's feature() and projected with Equal Earth, written out below (d3-geo's module
// imports d3-array by a bare name, which the browser cannot resolve under our CSP). Countries are
// coloured by risk: the forecast's probability of 25 or more fatalities next month when a model
// has been fitted, else the fatalities of the three months to the chosen month on a log scale.
// Member states are outlined; the chosen month's events with coordinates are points. A table
// below the map gives the same figures to whoever does not see the map.
//
// A country's page: its monthly fatalities (an inline SVG chart stacked by event type), the
// forecast for the next six months, its alerts, the conflicts located in it, its events (filtered
// by month, type and admin 1, paged with the list's cursor) and, for analysts and the secretariat,
// the link to file a field report (the generic form of the events register, the country preset).
//
// Nothing is computed here that the API computes: aggregates come from /api/v1/country-months and
// /api/v1/admin1-months, the forecast from /api/v1/forecast; the page only sums three months.

import { h, svg, route, uniqueId } from './dom.js';
import { t, tn, lang, fmtCount, fmtInt, fmtPdate, fmtPercent, compare } from './i18n.js';
import { API, get, withQuery, list, listAll, getRecord, currentUser, hasAnyRole, importFile, ApiError } from './api.js';
import { displayName } from './schema.js';
import { nameNode, enumText } from './values.js';
import { errorBox, formField, problemParts } from './ui.js';
import { canWrite } from './rights.js';
import { breadcrumb, notFoundRecord, relatedSection } from './profile.js';
import { chartSvg, mirrorX, scaleLines } from './charts.js';
import { countries as countriesById, severityBadge, alertStatusBadge } from './alerts.js';

/* The event types of the common taxonomy, in the order the chart stacks them. */
const EVENT_TYPES = ['battles', 'explosions_remote_violence', 'violence_against_civilians', 'protests', 'riots', 'strategic_developments'];

/* ---------- small helpers ---------- */

/* "2023-04" plus n months. */
export function addMonths(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/* The months from a to b inclusive, oldest first. */
function monthRange(a, b) {
  const out = [];
  for (let m = a; m <= b && out.length < 2400; m = addMonths(m, 1)) out.push(m);
  return out;
}

const countryName = (rec) => displayName('countries', rec);
const nameNodeOf = (rec) => nameNode('countries', rec);

/* Who imports files and is told how to fit the forecast. */
const isWriter = () => hasAnyRole('analyst', 'secretariat', 'admin');

/* ---------- shared data, fetched once per page load ---------- */

let worldP = null;
let membersP = null;

/* The map's features: [{id: "729" or null, name, rings: [[[lon, lat], ...], ...]}]. */
function loadWorld() {
  if (!worldP) {
    worldP = (async () => {
      const [res] = await Promise.all([fetch('/static/countries-110m.json'), import('./topojson-client.min.js')]);
      if (!res.ok) throw new ApiError(res.status, { detail: 'countries-110m.json' });
      const topo = await res.json();
      const fc = window.topojson.feature(topo, topo.objects.countries);
      return fc.features.filter((f) => f.id !== '010').map((f) => ({ // Antarctica: no conflicts, much room
        id: f.id === undefined ? null : String(f.id),
        name: f.properties && f.properties.name ? String(f.properties.name) : '',
        rings: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(),
      }));
    })();
    worldP.catch(() => { worldP = null; });
  }
  return worldP;
}

/* The countries register (read once, alerts.js): by ISO alpha-3 and by ISO numeric. */
async function loadCountries() {
  const byId = await countriesById();
  const byNum = new Map();
  for (const c of byId.values()) if (c.iso_num !== null && c.iso_num !== undefined) byNum.set(Number(c.iso_num), c);
  return { byId, byNum };
}

/* The member states (suspended ones included): a set of ISO alpha-3 codes. */
function loadMembers() {
  if (!membersP) {
    membersP = listAll('states').then((rows) => new Set(rows.filter((s) => s.status === 'member' || s.status === 'suspended').map((s) => String(s.id))));
    membersP.catch(() => { membersP = null; });
  }
  return membersP;
}

/* The forecast, or null when no model has been fitted (the API answers an error then). */
async function loadForecast(country) {
  try {
    const f = await get(withQuery(`${API}/forecast`, { country }));
    return f && Array.isArray(f.items) ? f : null;
  } catch (e) {
    if (e instanceof ApiError && e.status !== 0 && e.status < 500) return null;
    throw e;
  }
}

/* The country-months of the last months with data: {items, first, last}, or null when no event is
   recorded. Sorting the events by date costs a scan of them all (0.8 s at 300,000 events), so the
   aggregates are asked for a recent window first, then wider ones, the whole only as a last resort. */
async function recentMonths() {
  const now = new Date().toISOString().slice(0, 7);
  let items = [];
  for (const back of [12, 36, 120]) {
    items = (await get(withQuery(`${API}/country-months`, { from: addMonths(now, 1 - back) }))).items || [];
    if (items.length) break;
  }
  if (!items.length) items = (await get(`${API}/country-months`)).items || [];
  if (!items.length) return null;
  let first = items[0].month;
  let last = first;
  for (const it of items) {
    if (it.month < first) first = it.month;
    if (it.month > last) last = it.month;
  }
  return { items, first, last };
}

/* ---------- Equal Earth ---------- */

const A1 = 1.340264;
const A2 = -0.081106;
const A3 = 0.000893;
const A4 = 0.003796;
const MM = Math.sqrt(3) / 2;
const RAD = Math.PI / 180;

/* Equal Earth (Šavrič, Patterson and Jenny, 2018): [x, y] with y up, x in about ±2.71. */
export function equalEarth(lon, lat) {
  const l = lon * RAD;
  const th = Math.asin(MM * Math.sin(lat * RAD));
  const t2 = th * th;
  const t6 = t2 * t2 * t2;
  return [
    (l * Math.cos(th)) / (MM * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2))),
    th * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)),
  ];
}

const MAP_W = 960;
const SCALE = 174;
const LAT_TOP = 84;
const LAT_BOTTOM = -57;
const Y_TOP = equalEarth(0, LAT_TOP)[1];
const MAP_H = Math.ceil((Y_TOP - equalEarth(0, LAT_BOTTOM)[1]) * SCALE) + 8;

function project(lon, lat) {
  const [x, y] = equalEarth(lon, lat);
  return [MAP_W / 2 + x * SCALE, 4 + (Y_TOP - y) * SCALE];
}

/* A ring as one or two SVG subpaths. Rings that cross the antimeridian (Russia's east, Fiji) are
   unwrapped to continuous longitudes, drawn, and drawn again a world away; the clip path of the
   map's outline cuts what falls outside. */
function ringPath(ring) {
  const pts = [];
  let prev = null;
  let off = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const [lon, lat] of ring) {
    let L = lon + off;
    if (prev !== null) {
      if (L - prev > 180) { off -= 360; L -= 360; } else if (L - prev < -180) { off += 360; L += 360; }
    }
    pts.push([L, lat]);
    prev = L;
    lo = Math.min(lo, L);
    hi = Math.max(hi, L);
  }
  const shifts = [0];
  if (hi > 180) shifts.push(-360);
  if (lo < -180) shifts.push(360);
  return shifts.map((s) => pts.map(([lon, lat], i) => {
    const [x, y] = project(lon + s, lat);
    return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }).join('') + 'Z').join('');
}

/* The outline of the world in this projection: the meridians ±180. */
function outlinePath() {
  const pts = [];
  for (let lat = LAT_BOTTOM - 2; lat <= LAT_TOP + 2; lat += 2) pts.push(project(180, lat));
  for (let lat = LAT_TOP + 2; lat >= LAT_BOTTOM - 2; lat -= 2) pts.push(project(-180, lat));
  return pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`).join('') + 'Z';
}

/* ---------- risk classes ---------- */

/* Class 1 to 5 of a forecast probability. */
const P_BREAKS = [0.1, 0.25, 0.5, 0.75];
/* Class 1 to 5 of fatalities: none (but events), 1-9, 10-99, 100-999, 1,000 and more. */
const F_BREAKS = [1, 10, 100, 1000];

function classOf(v, breaks) {
  let c = 1;
  for (const b of breaks) if (v >= b) c += 1;
  return c;
}

/* ---------- the map page ---------- */

export async function mapPage(view, ctx) {
  ctx.setTitle(t('cmap.title'));
  const status = h('p', { class: 'cmap-basis', id: 'map-basis', role: 'status' });
  const head = h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('cmap.title')));
  if (isWriter()) head.append(h('a', { class: 'button secondary', href: route('imports'), id: 'import-link' }, t('cimp.title')));
  view.append(head, h('p', { class: 'lead' }, t('cmap.intro')));

  const [world, countries, members, forecast, recent] = await Promise.all([
    loadWorld(), loadCountries(), loadMembers().catch(() => new Set()), loadForecast(), recentMonths(),
  ]);

  // the month chosen: the newest with data, or the one asked for in the address
  const wanted = ctx.params.get('month') || '';
  const month = recent ? (/^\d{4}-(0[1-9]|1[0-2])$/.test(wanted) && wanted <= recent.last ? wanted : recent.last) : null;
  const monthSel = h('select', { id: 'map-month', name: 'month' });
  if (recent) {
    const months = monthRange(addMonths(recent.last, -119) > recent.first ? addMonths(recent.last, -119) : recent.first, recent.last);
    if (!months.includes(month)) months.unshift(month);
    for (const m of months.reverse()) monthSel.append(h('option', { value: m, selected: m === month }, fmtPdate(m)));
  }
  monthSel.disabled = !recent;
  monthSel.addEventListener('change', () => { location.hash = route('map', { month: monthSel.value }); });
  const controls = h('form', { class: 'filters cmap-controls', role: 'search', 'aria-label': t('cmap.controls') },
    h('div', { class: 'form-field' }, h('label', { for: 'map-month' }, t('cmap.month')), monthSel));
  controls.addEventListener('submit', (ev) => ev.preventDefault());
  view.append(controls, status);

  // the figures: the chosen month and the two before it (from the window already read when it
  // holds them), and the month's events
  const from = month ? addMonths(month, -2) : null;
  const [cm, events] = await Promise.all([
    !month ? { items: [] }
      : from >= recent.first ? { items: recent.items.filter((it) => it.month >= from && it.month <= month) }
        : get(withQuery(`${API}/country-months`, { from, to: month })),
    month ? list('events', { month, limit: 1000 }) : Promise.resolve({ items: [], total: 0 }),
  ]);
  const figs = new Map(); // ISO3 -> {events, fatalities (the month), fatalities3, events3, p, expected}
  const fig = (c) => {
    if (!figs.has(c)) figs.set(c, { events: 0, fatalities: 0, events3: 0, fatalities3: 0, p: null, expected: null });
    return figs.get(c);
  };
  for (const it of cm.items || []) {
    const f = fig(String(it.country));
    f.events3 += it.events || 0;
    f.fatalities3 += it.fatalities || 0;
    if (it.month === month) { f.events += it.events || 0; f.fatalities += it.fatalities || 0; }
  }
  if (forecast) {
    for (const it of forecast.items) {
      const h1 = (it.horizons || []).find((x) => x.h === 1);
      if (h1) { const f = fig(String(it.country)); f.p = h1.p; f.expected = h1.expected; f.pMonth = h1.month; }
    }
  }
  const riskOf = (f) => {
    if (!f) return 0;
    if (forecast) return typeof f.p === 'number' ? classOf(f.p, P_BREAKS) : 0;
    return f.events3 ? classOf(f.fatalities3, F_BREAKS) : 0;
  };

  // what the colours say
  status.replaceChildren(forecast
    ? t('cmap.basisForecast', { through: fmtPdate(forecast.through || (forecast.model && forecast.model.through) || '') })
    : month ? t('cmap.basisFatalities', { from: fmtPdate(from), to: fmtPdate(month) }) : t('cmap.noEvents'));
  if (!forecast) {
    const note = h('p', { class: 'hint', id: 'forecast-missing' }, t('cmap.noForecast'));
    if (isWriter()) note.append(' ', t('cmap.fitHow'), ' ', h('code', { dir: 'ltr' }, 'tansiq forecast fit'));
    status.after(note);
  }

  const wrap = h('div', { class: 'cmap-wrap', dir: 'ltr' });
  const tip = h('div', { class: 'cmap-tip', id: 'map-tip', 'aria-hidden': 'true', hidden: true });
  wrap.append(drawMap({ world, countries, members, figs, riskOf, events: events.items, month, forecast, tip }), tip);
  view.append(h('figure', { class: 'cmap-figure' }, wrap,
    h('figcaption', null, legend(!!forecast, noEventsP(forecast)),
      month ? h('p', { class: 'hint', id: 'map-points' }, tn('cmap.points', events.items.filter(hasCoords).length, { month: fmtPdate(month) }),
        events.total > events.items.length ? [' ', t('cmap.pointsCapped', { total: fmtCount(events.total) })] : null) : null)));

  view.append(countryTable({ countries, members, figs, riskOf, forecast, month }));
}

function noEventsP(forecast) {
  const x = forecast && Array.isArray(forecast.no_events) ? forecast.no_events.find((y) => y.h === 1) : null;
  return x && typeof x.p === 'number' ? x.p : null;
}

function hasCoords(e) {
  return typeof e.latitude === 'number' && typeof e.longitude === 'number';
}

/* The figures of a country as a sentence (the tooltip and the path's accessible name). */
function figuresText(f, forecast, month) {
  if (!f) return t('cmap.tipNone');
  const parts = [];
  if (forecast && typeof f.p === 'number') {
    parts.push(t('cmap.tipForecast', { p: fmtPercent(f.p * 100), expected: fmtCount(Math.round(f.expected ?? 0)) }));
  }
  if (month) {
    parts.push(t('cmap.tipMonth', { events: fmtCount(f.events), fatalities: fmtCount(f.fatalities), month: fmtPdate(month) }));
    parts.push(t('cmap.tipThree', { fatalities: fmtCount(f.fatalities3) }));
  }
  return parts.join(' ') || t('cmap.tipNone');
}

function drawMap({ world, countries, members, figs, riskOf, events, month, forecast, tip }) {
  const titleId = uniqueId('map-title');
  const descId = uniqueId('map-desc');
  const clipId = uniqueId('map-clip');
  const outline = outlinePath();
  const map = svg('svg', {
    class: 'cmap', id: 'world-map', viewBox: `0 0 ${MAP_W} ${MAP_H}`, role: 'group',
    'aria-labelledby': titleId, 'aria-describedby': descId, preserveAspectRatio: 'xMidYMid meet',
  }, svg('title', { id: titleId }, t('cmap.svgTitle')), svg('desc', { id: descId }, t('cmap.svgDesc')),
  svg('defs', null, svg('clipPath', { id: clipId }, svg('path', { d: outline }))),
  svg('path', { class: 'sphere', d: outline }));
  const land = svg('g', { class: 'countries', 'clip-path': `url(#${clipId})` });
  const memberOutlines = svg('g', { class: 'member-outlines', 'clip-path': `url(#${clipId})`, 'aria-hidden': 'true' });
  for (const feat of world) {
    const d = feat.rings.map(ringPath).join('');
    const rec = feat.id !== null ? countries.byNum.get(Number(feat.id)) : null;
    if (!rec) {
      // N. Cyprus, Somaliland, Kosovo: no ISO code in the atlas; drawn grey, not linked
      land.append(svg('path', { class: 'country no-id', d, 'data-name': feat.name }, svg('title', null, feat.name)));
      continue;
    }
    const iso3 = String(rec.id);
    const f = figs.get(iso3);
    const risk = riskOf(f);
    const member = members.has(iso3);
    const name = countryName(rec).text;
    const label = `${name}${member ? ` (${t('cmap.member')})` : ''} — ${figuresText(f, forecast, month)}`;
    const p = svg('path', {
      class: ['country', `risk-${risk || 'none'}`, member ? 'member' : ''].filter(Boolean).join(' '),
      d, 'data-iso3': iso3, 'data-risk': String(risk), role: 'link', 'aria-label': label,
      // keyboard: the countries with figures and the member states; all the others are in the table
      tabindex: f || member ? '0' : null,
    });
    land.append(p);
    if (member) memberOutlines.append(svg('path', { d, class: 'member-outline', 'data-member': iso3 }));
  }
  map.append(land, memberOutlines);

  const dots = svg('g', { class: 'event-points', 'aria-hidden': 'true' });
  for (const e of events.filter(hasCoords)) {
    const [x, y] = project(e.longitude, e.latitude);
    const r = 1.8 + Math.log10(1 + (e.fatalities || 0)) * 1.4;
    dots.append(svg('circle', { class: `event-point et-${e.event_type || 'other'}`, cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), 'data-event': e.id }));
  }
  map.append(dots);

  // hover, focus and activation
  const show = (path, x, y) => {
    const rec = countries.byId.get(path.dataset.iso3);
    const member = path.classList.contains('member');
    tip.replaceChildren(h('strong', null, nameNodeOf(rec)), member ? h('span', { class: 'tip-member' }, t('cmap.member')) : null,
      h('span', { class: 'tip-figures' }, figuresText(figs.get(path.dataset.iso3), forecast, month)));
    tip.hidden = false;
    const box = map.parentNode.getBoundingClientRect();
    const left = Math.max(0, Math.min(x - box.left + 14, box.width - 260));
    tip.style.left = `${left}px`;
    tip.style.top = `${Math.max(0, y - box.top + 14)}px`;
    for (const o of map.querySelectorAll('path.country.hover')) o.classList.remove('hover');
    path.classList.add('hover');
  };
  const hide = () => {
    tip.hidden = true;
    for (const o of map.querySelectorAll('path.country.hover')) o.classList.remove('hover');
  };
  const target = (ev) => (ev.target instanceof Element ? ev.target.closest('path.country[data-iso3]') : null);
  map.addEventListener('pointermove', (ev) => {
    const p = target(ev);
    if (p) show(p, ev.clientX, ev.clientY); else hide();
  });
  map.addEventListener('pointerleave', hide);
  map.addEventListener('focusin', (ev) => {
    const p = target(ev);
    if (!p) return;
    const r = p.getBoundingClientRect();
    show(p, r.left + r.width / 2, r.top + r.height / 2);
  });
  map.addEventListener('focusout', hide);
  map.addEventListener('click', (ev) => {
    const p = target(ev);
    if (p) location.hash = route('countries', p.dataset.iso3);
  });
  map.addEventListener('keydown', (ev) => {
    const p = target(ev);
    if (p && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      location.hash = route('countries', p.dataset.iso3);
    }
  });
  return map;
}

/* noEventsP: the forecast's probability for a country without events (next month), if given. */
function legend(byForecast, noEventsP = null) {
  const labels = byForecast
    ? [t('cmap.p1', { a: fmtPercent(10) }), t('cmap.pRange', { a: fmtPercent(10), b: fmtPercent(25) }),
      t('cmap.pRange', { a: fmtPercent(25), b: fmtPercent(50) }), t('cmap.pRange', { a: fmtPercent(50), b: fmtPercent(75) }),
      t('cmap.pTop', { a: fmtPercent(75) })]
    : [t('cmap.f0'), t('cmap.fRange', { a: fmtCount(1), b: fmtCount(9) }), t('cmap.fRange', { a: fmtCount(10), b: fmtCount(99) }),
      t('cmap.fRange', { a: fmtCount(100), b: fmtCount(999) }), t('cmap.fTop', { a: fmtCount(1000) })];
  return h('div', { class: 'cmap-legend', id: 'map-legend' },
    h('p', { class: 'legend-title' }, byForecast ? t('cmap.legendForecast') : t('cmap.legendFatalities')),
    h('ul', { class: 'chart-legend' },
      labels.map((l, i) => h('li', { dataset: { risk: String(i + 1) } }, h('span', { class: `swatch risk-${i + 1}`, 'aria-hidden': 'true' }), l)),
      h('li', { dataset: { risk: 'none' } }, h('span', { class: 'swatch risk-none', 'aria-hidden': 'true' }),
        byForecast ? (typeof noEventsP === 'number' ? t('cmap.noEventsP', { p: fmtPercent(noEventsP * 100) }) : t('cmap.noP')) : t('cmap.noEventsShort')),
      h('li', null, h('span', { class: 'swatch no-id', 'aria-hidden': 'true' }), t('cmap.noCode')),
      h('li', null, h('span', { class: 'swatch member-swatch', 'aria-hidden': 'true' }), t('cmap.memberOutline')),
      h('li', null, h('span', { class: 'swatch dot-swatch', 'aria-hidden': 'true' }), t('cmap.eventDot'))));
}

/* The table beside the map: the countries with figures, sortable by each column. */
function countryTable({ countries, members, figs, riskOf, forecast, month }) {
  const rows = [...figs.entries()].map(([iso3, f]) => ({ iso3, f, rec: countries.byId.get(iso3), risk: riskOf(f) }))
    .filter((r) => r.rec);
  const cols = [
    { key: 'name', label: t('cmap.col.country'), val: (r) => countryName(r.rec).text, text: true },
    { key: 'events', label: t('cmap.col.events'), val: (r) => r.f.events, num: true },
    { key: 'fatalities', label: t('cmap.col.fatalities'), val: (r) => r.f.fatalities, num: true },
    { key: 'fatalities3', label: t('cmap.col.fatalities3'), val: (r) => r.f.fatalities3, num: true },
  ];
  if (forecast) {
    cols.push({ key: 'p', label: t('cmap.col.p'), val: (r) => r.f.p ?? -1, num: true },
      { key: 'expected', label: t('cmap.col.expected'), val: (r) => r.f.expected ?? -1, num: true });
  }
  let sortKey = forecast ? 'p' : 'fatalities3';
  let desc = true;
  const sec = h('section', { class: 'cmap-table', id: 'map-table-section', 'aria-labelledby': 'map-table-h' },
    h('h2', { id: 'map-table-h' }, t('cmap.tableTitle')),
    h('p', { class: 'hint' }, month ? t('cmap.tableHint', { month: fmtPdate(month) }) : t('cmap.noEvents')));
  if (!rows.length) {
    sec.append(h('p', { class: 'muted', id: 'map-table-empty' }, t('cmap.tableEmpty')));
    return sec;
  }
  const tbody = h('tbody');
  const ths = cols.map((c) => {
    const b = h('button', { type: 'button', class: 'sort-button', dataset: { sort: c.key } }, c.label);
    const th = h('th', { scope: 'col', class: c.num ? 'num' : null, dataset: { col: c.key } }, b);
    b.addEventListener('click', () => {
      if (sortKey === c.key) desc = !desc; else { sortKey = c.key; desc = !c.text; }
      fill();
      b.focus();
    });
    return th;
  });
  function fill() {
    const col = cols.find((c) => c.key === sortKey);
    const sorted = rows.slice().sort((a, b) => {
      const x = col.val(a);
      const y = col.val(b);
      const r = col.text ? compare(x, y) : x - y;
      return (desc ? -r : r) || compare(countryName(a.rec).text, countryName(b.rec).text);
    });
    for (const th of ths) th.setAttribute('aria-sort', th.dataset.col === sortKey ? (desc ? 'descending' : 'ascending') : 'none');
    tbody.replaceChildren(...sorted.map((r) => h('tr', { dataset: { iso3: r.iso3, risk: String(r.risk) } },
      h('th', { scope: 'row' }, h('span', { class: `swatch risk-${r.risk || 'none'}`, 'aria-hidden': 'true' }), ' ',
        h('a', { href: route('countries', r.iso3) }, nameNodeOf(r.rec)),
        members.has(r.iso3) ? [' ', h('span', { class: 'badge member-badge' }, t('cmap.member'))] : null),
      h('td', { class: 'num', dataset: { count: 'events' } }, fmtCount(r.f.events)),
      h('td', { class: 'num', dataset: { count: 'fatalities' } }, fmtCount(r.f.fatalities)),
      h('td', { class: 'num', dataset: { count: 'fatalities3' } }, fmtCount(r.f.fatalities3)),
      forecast ? [
        h('td', { class: 'num', dataset: { count: 'p' } }, typeof r.f.p === 'number' ? fmtPercent(r.f.p * 100) : '—'),
        h('td', { class: 'num', dataset: { count: 'expected' } }, typeof r.f.expected === 'number' ? fmtCount(Math.round(r.f.expected)) : '—'),
      ] : null)));
  }
  fill();
  sec.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data cmap-countries', id: 'map-table' },
    h('caption', { class: 'vh' }, t('cmap.tableTitle')),
    h('thead', null, h('tr', null, ths)), tbody)));
  return sec;
}

/* ---------- a country's page ---------- */

export async function countryPage(view, ctx, iso3) {
  const rec = await getRecord('countries', iso3);
  if (!rec) { notFoundRecord(view, ctx); return; }
  const name = countryName(rec);
  ctx.setTitle(name.text);
  const members = await loadMembers().catch(() => new Set());
  const member = members.has(String(rec.id));
  view.append(breadcrumb([{ href: '#/', text: t('nav.home') }, { href: route('map'), text: t('cmap.title') }, { node: nameNodeOf(rec), text: name.text }]),
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', id: 'country-name' }, nameNodeOf(rec)),
      canWrite('events') ? h('a', { class: 'button', id: 'file-report-link', href: route('new', 'events', { country: rec.id, dataset: 'field' }) }, t('cpage.fileReport')) : null),
    h('p', { class: 'country-facts' },
      h('bdi', { class: 'code', dir: 'ltr' }, String(rec.id)),
      rec.region ? [' · ', enumText('countries', 'region', rec.region)] : null,
      member ? [' · ', h('a', { href: route('states', rec.id), class: 'badge member-badge', id: 'member-state-link' }, t('cpage.memberState'))] : null));

  const section = (id, title) => {
    const s = relatedSection(title, null);
    s.section.id = id;
    view.append(s.section);
    return s;
  };
  const sections = {
    chart: section('country-chart', t('cpage.chartTitle')),
    forecast: section('country-forecast', t('cpage.forecastTitle')),
    alerts: section('country-alerts', t('cpage.alertsTitle')),
    conflicts: section('country-conflicts', t('cpage.conflictsTitle')),
    events: section('country-events', t('cpage.eventsTitle')),
  };

  const id = String(rec.id);
  const monthsP = get(withQuery(`${API}/country-months`, { country: id }));
  monthsP.catch(() => {});
  await Promise.all([
    fillPart(sections.chart, async () => chartPart(await monthsP)),
    fillPart(sections.forecast, () => forecastPart(id)),
    fillPart(sections.alerts, () => alertsPart(id)),
    fillPart(sections.conflicts, () => conflictsPart(id)),
    fillPart(sections.events, async () => eventsPart(id, ctx, await monthsP)),
  ]);
}

/* Each part reports its own failure; the others are drawn. */
async function fillPart(s, make) {
  try {
    const nodes = await make();
    s.body.replaceChildren(...[nodes].flat().filter(Boolean));
  } catch (e) {
    s.body.replaceChildren(errorBox(e));
  } finally {
    s.body.removeAttribute('aria-busy');
  }
}

/* The monthly chart, fatalities or events, stacked by event type. */
function chartPart(cm) {
  const items = (cm && cm.items) || [];
  if (!items.length) return h('p', { class: 'muted', id: 'chart-empty' }, t('cpage.noEvents'));
  const byMonth = new Map(items.map((it) => [it.month, it]));
  const months = monthRange(items[0].month, items[items.length - 1].month);
  const fig = h('figure', { class: 'country-chart', id: 'fatalities-chart' });
  const measureSel = h('select', { id: 'chart-measure' },
    h('option', { value: 'fatalities' }, t('cpage.measure.fatalities')), h('option', { value: 'events' }, t('cpage.measure.events')));
  const box = h('div', { class: 'chart-scroll' });
  const draw = () => box.replaceChildren(monthChart(months, byMonth, measureSel.value));
  measureSel.addEventListener('change', draw);
  draw();
  const totals = items.reduce((a, it) => ({ events: a.events + (it.events || 0), fatalities: a.fatalities + (it.fatalities || 0) }), { events: 0, fatalities: 0 });
  fig.append(h('p', { class: 'hint', id: 'chart-totals' }, t('cpage.totals', {
    events: fmtCount(totals.events), fatalities: fmtCount(totals.fatalities), from: fmtPdate(months[0]), to: fmtPdate(months[months.length - 1]),
  })),
  h('p', { class: 'chart-measure' }, h('label', { for: 'chart-measure' }, t('cpage.measure')), ' ', measureSel),
  box,
  h('figcaption', null, h('ul', { class: 'chart-legend', id: 'chart-legend' }, EVENT_TYPES.map((k) => h('li', { dataset: { type: k } },
    h('span', { class: `swatch et-${k}`, 'aria-hidden': 'true' }), enumText('events', 'event_type', k))))),
  figuresTable(items));
  return fig;
}

function monthChart(months, byMonth, measure) {
  const idx = measure === 'events' ? 0 : 1;
  const value = (m) => (byMonth.get(m) ? byMonth.get(m)[measure] || 0 : 0);
  const max = Math.max(1, ...months.map(value));
  const n = months.length;
  const slot = Math.max(6, Math.min(64, Math.floor(720 / n)));
  const barW = Math.max(4, Math.round(slot * 0.72));
  const axis = 56;
  const top = 14;
  const plot = 200;
  const bottom = 40;
  const width = axis + 12 + n * slot + 8;
  const height = top + plot + bottom;
  const yOf = (v) => top + plot - (v / max) * plot;
  const X = mirrorX(width);
  const withData = months.filter((m) => byMonth.get(m));
  const chart = chartSvg({
    width, height, title: measure === 'events' ? t('cpage.chartEvents') : t('cpage.chartFatalities'),
    desc: withData.slice(-24).map((m) => t('cpage.chartMonth', { month: fmtPdate(m), n: fmtCount(value(m)) })).join(' '),
    attrs: { class: 'chart month-chart', 'data-measure': measure },
  });
  scaleLines(chart, { values: [...new Set([0, Math.round(max / 2), max])], yOf, X, x1: axis, x2: width - 6, label: fmtCount });
  months.forEach((m, i) => {
    const x0 = axis + 12 + i * slot + (slot - barW) / 2;
    const it = byMonth.get(m);
    const g = svg('g', { class: 'month', 'data-month': m, 'data-value': value(m) });
    if (it) {
      let acc = 0;
      const types = it.types || {};
      const keys = [...EVENT_TYPES, ...Object.keys(types).filter((k) => !EVENT_TYPES.includes(k))];
      for (const k of keys) {
        const v = types[k] ? types[k][idx] || 0 : 0;
        if (!v) continue;
        const y = yOf(acc + v);
        g.append(svg('rect', { class: `mbar et-${k}`, 'data-type': k, 'data-value': v, x: X(x0, barW), y, width: barW, height: Math.max(0.5, yOf(acc) - y) },
          svg('title', null, t('cpage.barTitle', { month: fmtPdate(m), type: enumText('events', 'event_type', k), n: fmtCount(v) }))));
        acc += v;
      }
    }
    const mm = m.slice(5);
    if (mm === '01' || i === 0) {
      g.append(svg('text', { class: 'year-label', x: X(x0 + barW / 2), y: top + plot + 32, 'text-anchor': 'middle' }, fmtInt(m.slice(0, 4))));
    }
    if (n <= 24) g.append(svg('text', { class: 'tick', x: X(x0 + barW / 2), y: top + plot + 15, 'text-anchor': 'middle' }, fmtInt(Number(mm))));
    chart.append(g);
  });
  chart.append(svg('line', { class: 'axis', x1: X(axis), x2: X(width - 6), y1: yOf(0), y2: yOf(0) }),
    svg('line', { class: 'axis', x1: X(axis), x2: X(axis), y1: top, y2: yOf(0) }));
  return chart;
}

function figuresTable(items) {
  const present = EVENT_TYPES.filter((k) => items.some((it) => it.types && it.types[k]));
  return h('details', { class: 'chart-figures' }, h('summary', null, t('cpage.figures')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data num-table', id: 'months-table' },
      h('caption', { class: 'vh' }, t('cpage.figures')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cpage.col.month')), h('th', { scope: 'col', class: 'num' }, t('cmap.col.events')),
        h('th', { scope: 'col', class: 'num' }, t('cpage.col.fatalities')),
        present.map((k) => h('th', { scope: 'col', class: 'num' }, enumText('events', 'event_type', k))))),
      h('tbody', null, items.slice().reverse().map((it) => h('tr', { dataset: { month: it.month } },
        h('th', { scope: 'row' }, fmtPdate(it.month)), h('td', { class: 'num' }, fmtCount(it.events || 0)),
        h('td', { class: 'num' }, fmtCount(it.fatalities || 0)),
        present.map((k) => h('td', { class: 'num' }, it.types && it.types[k] ? t('cpage.pair', { events: fmtCount(it.types[k][0]), fatalities: fmtCount(it.types[k][1]) }) : '—'))))))));
}

async function forecastPart(iso3) {
  const f = await loadForecast(iso3);
  const it = f && f.items.find((x) => x.country === iso3);
  if (!f) {
    const p = h('p', { class: 'muted', id: 'country-no-forecast' }, t('cmap.noForecast'));
    if (isWriter()) p.append(' ', t('cmap.fitHow'), ' ', h('code', { dir: 'ltr' }, 'tansiq forecast fit'));
    return p;
  }
  if (!it || !Array.isArray(it.horizons) || !it.horizons.length) return h('p', { class: 'muted', id: 'country-no-forecast' }, t('cpage.noForecastHere'));
  return [
    h('p', { class: 'hint' }, t('cpage.forecastHint', { through: fmtPdate(f.through || (f.model && f.model.through) || '') })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data num-table', id: 'forecast-table' },
      h('caption', { class: 'vh' }, t('cpage.forecastTitle')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cpage.col.month')), h('th', { scope: 'col', class: 'num' }, t('cpage.col.p')),
        h('th', { scope: 'col', class: 'num' }, t('cpage.col.expected')))),
      h('tbody', null, it.horizons.slice().sort((a, b) => a.h - b.h).map((x) => h('tr', { dataset: { h: String(x.h) } },
        h('th', { scope: 'row' }, fmtPdate(x.month)),
        h('td', { class: 'num' }, h('span', { class: `swatch risk-${classOf(x.p, P_BREAKS)}`, 'aria-hidden': 'true' }), ' ', fmtPercent(x.p * 100)),
        h('td', { class: 'num' }, fmtCount(Math.round(x.expected ?? 0)))))))),
  ];
}

async function alertsPart(iso3) {
  let data;
  try {
    data = await get(withQuery(`${API}/alerts`, { country: iso3 }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return h('p', { class: 'muted', id: 'country-no-alerts' }, t('cpage.alertsUnavailable'));
    throw e;
  }
  const items = Array.isArray(data) ? data : (data && data.items) || [];
  if (!items.length) return h('p', { class: 'muted', id: 'country-no-alerts' }, t('cpage.noAlerts'));
  return h('ul', { class: 'alert-list', id: 'country-alert-list' }, items.map((a) => h('li', { dataset: { alert: a.id, status: a.status || '' } },
    a.severity ? severityBadge(a.severity) : null, ' ',
    h('a', { href: route('alerts', a.id) }, nameNode('alerts', a)), ' ',
    a.status ? alertStatusBadge(a.status) : null,
    a.month ? [' ', h('span', { class: 'muted' }, fmtPdate(a.month))] : null)));
}

async function conflictsPart(iso3) {
  const rows = (await listAll('conflicts', { q: iso3 }, 5))
    .filter((c) => String(c.countries || '').split(/[\s,]+/).includes(iso3));
  if (!rows.length) return h('p', { class: 'muted', id: 'country-no-conflicts' }, t('cpage.noConflicts'));
  rows.sort((a, b) => String(b.start || '').localeCompare(String(a.start || '')));
  return h('ul', { class: 'conflict-list', id: 'country-conflict-list' }, rows.map((c) => h('li', { dataset: { conflict: c.id } },
    h('a', { href: route('conflicts', c.id) }, nameNode('conflicts', c)),
    c.type ? [' ', h('span', { class: 'badge' }, enumText('conflicts', 'type', c.type))] : null,
    c.start || c.end ? [' ', h('span', { class: 'muted' }, t('cpage.period', { start: c.start ? fmtPdate(c.start) : '…', end: c.end ? fmtPdate(c.end) : t('cpage.ongoing') }))] : null)));
}

/* The events table: filters (month, type, admin 1), newest first, "Load more" with the cursor. */
async function eventsPart(iso3, ctx, cm) {
  const a1 = await get(withQuery(`${API}/admin1-months`, { country: iso3 })).catch(() => ({ items: [] }));
  const admins = [...new Set((a1.items || []).map((x) => x.admin1).filter(Boolean))].sort(compare);
  const months = [...new Set(((cm && cm.items) || []).map((x) => x.month))].sort().reverse();
  const st = { month: ctx.params.get('month') || '', event_type: ctx.params.get('event_type') || '', admin1: ctx.params.get('admin1') || '' };

  const sel = (name, label, options) => {
    const s = h('select', { id: `ev-${name}`, name }, h('option', { value: '' }, t('list.any')),
      options.map(([v, l]) => h('option', { value: v, selected: v === st[name] }, l)));
    return { s, wrap: h('div', { class: 'form-field' }, h('label', { for: `ev-${name}` }, label), s) };
  };
  const fMonth = sel('month', t('cpage.col.month'), months.map((m) => [m, fmtPdate(m)]));
  const fType = sel('event_type', t('cpage.col.type'),
    EVENT_TYPES.map((k) => [k, enumText('events', 'event_type', k)]));
  const fAdmin = sel('admin1', t('cpage.col.admin1'), admins.map((a) => [a, a]));
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': t('cpage.eventFilters') }, fMonth.wrap, fType.wrap, fAdmin.wrap);
  filters.addEventListener('submit', (ev) => ev.preventDefault());
  const count = h('p', { class: 'list-count', id: 'events-count', role: 'status' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'button secondary load-more', id: 'events-more', hidden: true }, t('list.loadMore'));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data events-table', id: 'events-table' },
    h('caption', { class: 'vh' }, t('cpage.eventsTitle')),
    h('thead', null, h('tr', null, ['date', 'place', 'type', 'actors', 'fatalities', 'dataset'].map((k) => h('th', { scope: 'col', class: k === 'fatalities' ? 'num' : null }, t(`cpage.col.${k}`))))),
    tbody));
  let cursor = null;
  let shown = 0;
  let seq = 0;

  const row = (e) => h('tr', { dataset: { event: e.id, type: e.event_type || '' } },
    h('td', { class: 'nowrap' }, h('a', { href: route('events', e.id) }, h('time', { datetime: String(e.date) }, fmtPdate(e.date)))),
    h('td', null, e.place ? h('bdi', null, e.place) : null, e.place && e.admin1 ? t('list.sep') : null, e.admin1 ? h('bdi', { class: 'muted' }, e.admin1) : null),
    h('td', null, h('span', { class: `swatch et-${e.event_type}`, 'aria-hidden': 'true' }), ' ', enumText('events', 'event_type', e.event_type),
      e.sub_event_type ? h('span', { class: 'muted sub-type' }, ` — ${enumText('events', 'sub_event_type', e.sub_event_type)}`) : null),
    h('td', null, [e.actor1, e.actor2].filter(Boolean).map((a, i) => [i ? ' — ' : null, h('bdi', null, a)])),
    h('td', { class: 'num' }, typeof e.fatalities === 'number' ? fmtCount(e.fatalities) : '—'),
    h('td', null, enumText('events', 'dataset', e.dataset)));

  async function load(reset) {
    const my = ++seq;
    const params = { country: iso3, sort: '-date', limit: 50, ...st };
    if (!reset && cursor) params.cursor = cursor;
    tbody.parentNode.setAttribute('aria-busy', 'true');
    try {
      const page = await list('events', params);
      if (my !== seq) return;
      if (reset) { tbody.replaceChildren(); shown = 0; }
      tbody.append(...page.items.map(row));
      shown += page.items.length;
      cursor = page.next_cursor;
      more.hidden = !cursor;
      count.textContent = shown ? t('list.count', { shown: fmtCount(shown), total: fmtCount(page.total) }) : t('cpage.noMatchingEvents');
      table.hidden = !shown;
    } finally {
      if (my === seq) tbody.parentNode.removeAttribute('aria-busy');
    }
  }
  const onChange = (name, s) => s.addEventListener('change', () => {
    st[name] = s.value;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(st)) if (v) p.set(k, v);
    history.replaceState(null, '', route('countries', iso3, p));
    load(true);
  });
  onChange('month', fMonth.s);
  onChange('event_type', fType.s);
  onChange('admin1', fAdmin.s);
  more.addEventListener('click', () => load(false));
  await load(true);
  const out = [filters, count, table, h('p', null, more)];
  if (canWrite('events')) out.push(h('p', { class: 'hint' }, t('cpage.fileReportHint'), ' ', h('a', { href: route('new', 'events', { country: iso3, dataset: 'field' }) }, t('cpage.fileReport'))));
  return out;
}

/* ---------- importing a file (#/imports) ---------- */

const DATASETS = [
  { value: 'acled', path: 'acled' },
  { value: 'ucdp_ged', path: 'ucdp-ged' },
  { value: 'ucdp_acd', path: 'ucdp-acd' },
];

export async function importsPage(view, ctx) {
  ctx.setTitle(t('cimp.title'));
  view.append(breadcrumb([{ href: '#/', text: t('nav.home') }, { href: route('map'), text: t('cmap.title') }, { text: t('cimp.title') }]),
    h('h1', { tabindex: '-1' }, t('cimp.title')));
  if (!isWriter()) {
    view.append(h('div', { class: 'alert info', id: 'import-not-allowed' }, h('p', null, t('cimp.who')),
      currentUser() ? null : h('p', null, h('a', { class: 'button', href: route('sign-in', { return: location.hash }) }, t('account.signIn')))));
    return;
  }
  view.append(h('p', null, t('cimp.intro')));
  const dsSel = h('select', null, DATASETS.map((d) => h('option', { value: d.value }, enumText('event-imports', 'dataset', d.value))));
  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  const skip = h('input', { type: 'checkbox', id: 'import-skip' });
  const ds = formField({ id: 'import-dataset', label: t('cimp.dataset'), input: dsSel, required: true });
  const ff = formField({ id: 'import-file', label: t('cimp.file'), input: file, required: true, hint: t('cimp.fileHint') });
  const submit = h('button', { type: 'submit', class: 'button', id: 'import-submit' }, t('cimp.submit'));
  const result = h('div', { id: 'import-result', 'aria-live': 'polite', tabindex: '-1' });
  const form = h('form', { class: 'record-form', id: 'import-form', novalidate: true },
    ds.wrap, ff.wrap,
    h('div', { class: 'form-field check-field' }, h('label', { for: 'import-skip' }, skip, ' ', t('cimp.skip')), h('p', { class: 'hint' }, t('cimp.skipHint'))),
    h('div', { class: 'form-buttons' }, submit));
  view.append(form, result);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    result.replaceChildren();
    const f = file.files && file.files[0];
    if (!f) {
      ff.error.textContent = t('cimp.noFile');
      ff.error.hidden = false;
      file.setAttribute('aria-invalid', 'true');
      file.focus();
      return;
    }
    ff.error.hidden = true;
    file.removeAttribute('aria-invalid');
    const d = DATASETS.find((x) => x.value === dsSel.value);
    submit.disabled = true;
    result.append(h('p', { class: 'loading' }, t('cimp.sending')));
    try {
      const out = await importFile(d.path, f, { skipInvalid: skip.checked });
      result.replaceChildren(importSummary(out));
    } catch (e) {
      result.replaceChildren(importErrors(e));
    } finally {
      submit.disabled = false;
      result.focus();
    }
  });
}

const IMPORT_COUNTS = ['rows', 'events', 'added', 'updated', 'unchanged', 'merged', 'rejected'];

/* The answer: {dataset, import, format, rows, events, added, ..., rejected, rejects: [{line, field, value, reason}]}. */
function importSummary(out) {
  const o = out || {};
  const rejects = Array.isArray(o.rejects) ? o.rejects : [];
  return h('div', { class: 'alert success', id: 'import-done' },
    h('p', { class: 'alert-title' }, t('cimp.done')),
    o.format ? h('p', null, t('cimp.format', { format: o.format })) : null,
    h('dl', { class: 'counts', id: 'import-counts' }, IMPORT_COUNTS.filter((k) => typeof o[k] === 'number').map((k) => h('div', { class: 'count', dataset: { count: k } },
      h('dt', null, t(`cimp.count.${k}`)), h('dd', null, fmtCount(o[k]))))),
    rejects.length ? [h('p', { class: 'alert-title' }, t('cimp.rejected')), problemList(rejects)] : null,
    o.rejected > rejects.length ? h('p', { class: 'hint' }, t('cimp.moreRejected', { n: fmtCount(o.rejected - rejects.length) })) : null,
    o.import ? h('p', null, h('a', { href: route('event-imports', o.import), id: 'import-record' }, t('cimp.record'))) : null,
    h('p', null, h('a', { href: route('map') }, t('cimp.toMap'))));
}

/* Rejected rows or refusals: line, field, value and the reason (the server's detail names the line
   and the field first; they are shown apart). */
function problemList(errs) {
  return h('ul', { class: 'problem-errors', id: 'import-error-list' }, errs.slice(0, 200).map((x) => {
    let why = String(x.reason || x.detail || x.title || '');
    if (x.line) why = why.replace(/^line \d+: [^:]+: /, '');
    return h('li', { dataset: { line: String(x.line ?? ''), field: x.field || '' } },
      x.line ? t('cimp.line', { line: fmtInt(x.line) }) : null, x.field ? [' ', h('code', { dir: 'ltr' }, x.field)] : null,
      x.value !== undefined && x.value !== null && x.value !== '' ? [' ', h('bdi', { class: 'muted' }, `“${x.value}”`)] : null,
      x.line || x.field ? ' — ' : null, h('span', { lang: 'en', dir: 'ltr' }, why));
  }));
}

function importErrors(e) {
  const pr = e instanceof ApiError ? e.problem || {} : {};
  const errs = (Array.isArray(pr.errors) && pr.errors.length ? pr.errors : [pr]).filter((x) => x && (x.line || x.field));
  if (!errs.length) return h('div', { id: 'import-failed' }, errorBox(e), h('p', null, t('cimp.nothing')));
  return h('div', { class: 'alert error', role: 'alert', id: 'import-failed' },
    h('p', { class: 'alert-title' }, problemParts(e).title), h('p', null, t('cimp.nothing')), problemList(errs),
    pr.hint ? h('p', { class: 'hint' }, pr.hint) : null);
}
