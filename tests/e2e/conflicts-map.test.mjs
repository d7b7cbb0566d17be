// Browser tests of the conflicts map and a country's page (web/conflicts.js): an analyst's field
// reports in Sudan (March and April 2023) and Mali (February and April 2023) are filed through the
// API; the map draws the world's countries offline (the vendored Natural Earth atlas), colours
// Sudan and Mali by their fatalities (no forecast is fitted on a fresh store) and says how to fit
// the forecast to an analyst, draws April's events as points, outlines the member states, shows a
// country's figures on hover, lists the countries in a sortable table, and follows a click or the
// Enter key to the country's page; the month selector recolours the map. The country page draws
// the monthly chart, the events (filtered by type), the conflict located there, says the forecast
// is not fitted; an analyst sees its alerts and files a field report from it with the generic
// form; the page reads right to left in Arabic with the Arabic name. Once two years of history are
// there and the forecast is fitted, the map is coloured by it. An analyst imports ACLED files from
// the browser. The vendored files are identical to node_modules' and served as they are.
//
// Run: node --test tests/e2e/conflicts-map.test.mjs   (TANSIQ_BIN=/path/to/tansiq for another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  useServerAndBrowser, openPage, waitForText, signInUI, adminApi, api, apiJson, assertServerAlive,
  makeUser, once, USER_PASSWORD, ARTIFACTS, ROOT, base,
} from './browser.mjs';

useServerAndBrowser();

const PW = USER_PASSWORD;
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

const REPORTS = [
  { date: '2023-03-10', country: 'SDN', event_type: 'violence_against_civilians', fatalities: 12, latitude: 13.63, longitude: 25.35, place: 'El Fasher', admin1: 'North Darfur' },
  { date: '2023-04-15', country: 'SDN', event_type: 'battles', fatalities: 30, latitude: 15.64, longitude: 32.48, place: 'Omdurman', admin1: 'Khartoum', actor1: 'Military Forces of Sudan', actor2: 'Rapid Support Forces' },
  { date: '2023-04-20', country: 'SDN', event_type: 'explosions_remote_violence', fatalities: 250, latitude: 15.55, longitude: 32.53, place: 'Khartoum', admin1: 'Khartoum' },
  { date: '2023-02-02', country: 'MLI', event_type: 'protests', fatalities: 0, latitude: 12.64, longitude: -8.0, place: 'Bamako', admin1: 'Bamako' },
  { date: '2023-04-02', country: 'MLI', event_type: 'battles', fatalities: 8, latitude: 14.49, longitude: -4.2, place: 'Mopti', admin1: 'Mopti' },
  // no coordinates: counted, not drawn
  { date: '2023-04-25', country: 'MLI', event_type: 'riots', fatalities: 0, place: 'Gao', admin1: 'Gao' },
];

function asAnalyst(method, p, body) {
  const headers = { authorization: 'Basic ' + Buffer.from(`analyst.e2e:${PW}`).toString('base64') };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return api(p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const fixture = once(makeFixture);

async function makeFixture() {
  await makeUser('analyst.e2e', ['analyst']);
  for (const r of REPORTS) {
    const res = await asAnalyst('POST', '/api/v1/events', r);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.dataset, 'field');
  }
  const c = await adminApi('POST', '/api/v1/conflicts', { name_en: 'Sudan: Government', name_ar: 'السودان: الحكومة', type: 'intrastate', countries: 'SDN', start: '2023-04', location: 'Sudan' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const other = await adminApi('POST', '/api/v1/conflicts', { name_en: 'Mali: Government', type: 'intrastate', countries: 'MLI', start: '2012-01', location: 'Mali' });
  assert.equal(other.status, 201, JSON.stringify(other.body));
  const forecast = await api('/api/v1/forecast');
  return { forecast: forecast.status === 200 && forecast.body && Array.isArray(forecast.body.items) && forecast.body.items.length ? forecast.body : null };
}

/* A page that also fails on any console error but the expected refusals: the session probe when
   signed out (401), the forecast or alerts not there yet, the unknown country asked for and the bad
   file sent on purpose. */
async function cleanPage(t, opts) {
  const o = await openPage(t, opts);
  const errors = [];
  o.page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = (msg.location() && msg.location().url) || '';
    if (/Failed to load resource/.test(msg.text()) && /\/api\/v1\/(session|forecast|alerts|countries\/XXX|imports\/acled)/.test(where)) return;
    errors.push(`${msg.text()} (${where})`);
  });
  return { ...o, assertNoErrors() { o.assertClean(); assert.deepEqual(errors, [], 'console errors'); } };
}

const riskOf = (page, iso3) => page.getAttribute(`#world-map path.country[data-iso3="${iso3}"]`, 'data-risk');

test('the vendored map files are those of node_modules, and the server serves them as they are', async () => {
  const pairs = [
    ['world-atlas/countries-110m.json', 'countries-110m.json'],
    ['world-atlas/LICENSE', 'world-atlas.LICENSE.txt'],
    ['topojson-client/dist/topojson-client.min.js', 'topojson-client.min.js'],
    ['topojson-client/LICENSE', 'topojson-client.LICENSE.txt'],
  ];
  for (const [src, dst] of pairs) {
    const a = fs.readFileSync(path.join(ROOT, 'node_modules', src));
    const b = fs.readFileSync(path.join(ROOT, 'web', 'vendor', dst));
    assert.ok(a.equals(b), `web/vendor/${dst} differs from node_modules/${src}: run tools/vendor.sh`);
    const res = await fetch(`${base}/static/${dst}`);
    assert.equal(res.status, 200, dst);
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(a), `the server's /static/${dst} differs`);
  }
  // tools/vendor.sh --check agrees
  execFileSync(path.join(ROOT, 'tools', 'vendor.sh'), ['--check']);
  assert.equal((await fetch(`${base}/static/countries-110m.json`)).headers.get('content-type'), 'application/json');
});

test('the map draws the world offline, colours the countries with events, lists them, and leads to a country', async (t) => {
  const { forecast } = await fixture();
  const { page, assertNoErrors } = await cleanPage(t);
  // offline: any request that leaves the server fails the test
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });

  await page.goto(`${base}/#/map`);
  await page.locator('#world-map path.country[data-iso3="SDN"]').waitFor();
  assert.ok(await page.locator('#world-map path.country').count() > 150, 'the countries are drawn');
  assert.equal(await page.locator('#world-map path.country.no-id').count(), 3, 'N. Cyprus, Somaliland and Kosovo in grey');
  assert.equal(await page.getAttribute('#world-map', 'role'), 'group');
  await waitForText(page.locator('#world-map title').first(), 'Map of the world');
  await waitForText(page.locator('nav a[aria-current="page"]'), 'Conflicts');

  // the latest month is chosen
  assert.equal(await page.inputValue('#map-month'), '2023-04');
  if (!forecast) {
    // February to April: Sudan 292 fatalities (100 to 999: class 4), Mali 8 (1 to 9: class 2)
    await waitForText(page.locator('#map-basis'), 'fatalities from February 2023 to April 2023');
    await waitForText(page.locator('#forecast-missing'), 'The forecast has not been fitted yet');
    assert.equal(await page.locator('#forecast-missing code').count(), 0, 'the command is for analysts and the secretariat');
    assert.equal(await riskOf(page, 'SDN'), '4');
    assert.equal(await riskOf(page, 'MLI'), '2');
    assert.match(await page.getAttribute('#world-map path[data-iso3="SDN"]', 'class'), /\brisk-4\b/);
    // the fill is the class's colour, not the colour of a country without events
    const fills = await page.evaluate(() => ['SDN', 'FRA'].map((c) => getComputedStyle(document.querySelector(`#world-map path[data-iso3="${c}"]`)).fill));
    assert.equal(fills[0], 'rgb(222, 45, 38)');
    assert.notEqual(fills[0], fills[1]);
  } else {
    await waitForText(page.locator('#map-basis'), 'forecast probability');
  }
  assert.equal(await riskOf(page, 'FRA'), '0', 'a country without events or forecast');
  assert.match(await page.getAttribute('#world-map path[data-iso3="SDN"]', 'class'), /\bmember\b/, 'Sudan is a member state');
  assert.doesNotMatch(await page.getAttribute('#world-map path[data-iso3="FRA"]', 'class'), /\bmember\b/);
  // April's events with coordinates, as points (the one in Gao has none)
  assert.equal(await page.locator('#world-map circle.event-point').count(), 3);
  await waitForText(page.locator('#map-points'), '3 events of April 2023');
  // the legend
  await waitForText(page.locator('#map-legend'), '100 to 999');

  // the table beside the map, sortable
  const rows = page.locator('#map-table tbody tr');
  assert.equal(await rows.count(), 2);
  assert.equal(await rows.first().getAttribute('data-iso3'), 'SDN', 'the most fatalities first');
  assert.equal((await page.locator('#map-table tr[data-iso3="SDN"] [data-count="fatalities3"]').textContent()).trim(), '292');
  assert.equal((await page.locator('#map-table tr[data-iso3="SDN"] [data-count="fatalities"]').textContent()).trim(), '280');
  assert.equal((await page.locator('#map-table tr[data-iso3="MLI"] [data-count="events"]').textContent()).trim(), '2');
  await waitForText(page.locator('#map-table tr[data-iso3="SDN"] th'), 'Sudan');
  await page.click('#map-table th[data-col="name"] button');
  assert.equal(await page.getAttribute('#map-table th[data-col="name"]', 'aria-sort'), 'ascending');
  assert.equal(await rows.first().getAttribute('data-iso3'), 'MLI', 'Mali before Sudan by name');

  // hover shows the name and the figures
  await page.hover('#world-map path[data-iso3="SDN"]');
  await page.locator('#map-tip:not([hidden])').waitFor();
  await waitForText(page.locator('#map-tip'), 'Sudan');
  await waitForText(page.locator('#map-tip'), 'Three months: 292 fatalities');
  assert.match(await page.getAttribute('#world-map path[data-iso3="SDN"]', 'aria-label'), /^Sudan \(member state\) — .*280 fatalities/);
  await shot(page, 'conflicts-map-en.png');

  // the keyboard: Mali is focusable, Enter opens its page
  await page.focus('#world-map path[data-iso3="MLI"]');
  await waitForText(page.locator('#map-tip'), 'Mali');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/countries\/MLI$/);
  await waitForText(page.locator('#country-name'), 'Mali');

  // another month recolours the map: January to March, Sudan 12 (class 3), Mali 0 but events (class 1)
  await page.goto(`${base}/#/map`);
  await page.locator('#map-month').selectOption('2023-03');
  await page.waitForURL(/month=2023-03/);
  await page.locator('#world-map path[data-iso3="SDN"]').waitFor();
  if (!forecast) {
    assert.equal(await riskOf(page, 'SDN'), '3');
    assert.equal(await riskOf(page, 'MLI'), '1');
  }
  assert.equal(await page.locator('#world-map circle.event-point').count(), 1);

  // a click on Sudan opens its page
  await page.click('#world-map path[data-iso3="SDN"]', { position: await centreOf(page, 'SDN') });
  await page.waitForURL(/#\/countries\/SDN$/);
  await waitForText(page.locator('#country-name'), 'Sudan');
  assert.deepEqual(outside, [], 'no request left the server');
  assertNoErrors();
  assertServerAlive('on the map');
});

/* A point inside a country's shape (its bounding box's centre may fall outside). */
async function centreOf(page, iso3) {
  return page.evaluate((c) => {
    const p = document.querySelector(`#world-map path[data-iso3="${c}"]`);
    const box = p.getBoundingClientRect();
    for (let fy = 0.5; fy < 0.95; fy += 0.05) {
      for (let fx = 0.5; fx < 0.95; fx += 0.05) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === p) return { x: box.width * fx, y: box.height * fy };
      }
    }
    return { x: box.width / 2, y: box.height / 2 };
  }, iso3);
}

test("a country's page: the monthly chart, the forecast, the conflicts, the events with filters", async (t) => {
  const { forecast } = await fixture();
  const { page, assertNoErrors } = await cleanPage(t);
  await page.goto(`${base}/#/countries/SDN`);
  await waitForText(page.locator('#country-name'), 'Sudan');
  await page.locator('#member-state-link').waitFor();
  assert.equal(await page.locator('#file-report-link').count(), 0, 'no field report for the public');

  // the chart: March and April, stacked by type
  const chart = page.locator('#fatalities-chart svg.month-chart');
  await chart.waitFor();
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.deepEqual(await page.locator('#fatalities-chart g.month').evaluateAll((gs) => gs.map((g) => [g.dataset.month, g.dataset.value])),
    [['2023-03', '12'], ['2023-04', '280']]);
  assert.equal(await page.locator('#fatalities-chart g.month[data-month="2023-04"] rect').count(), 2, 'battles and explosions');
  assert.equal(await page.getAttribute('#fatalities-chart g.month[data-month="2023-04"] rect[data-type="explosions_remote_violence"]', 'data-value'), '250');
  const h250 = Number(await page.getAttribute('#fatalities-chart rect[data-type="explosions_remote_violence"]', 'height'));
  const h30 = Number(await page.getAttribute('#fatalities-chart rect[data-type="battles"]', 'height'));
  assert.ok(Math.abs(h250 / h30 - 250 / 30) < 0.01, 'bars in proportion');
  await waitForText(page.locator('#chart-totals'), '3 events and 292 fatalities recorded from March 2023 to April 2023');
  // the count of events instead
  await page.selectOption('#chart-measure', 'events');
  await page.locator('#fatalities-chart svg[data-measure="events"]').waitFor();
  assert.equal(await page.getAttribute('#fatalities-chart g.month[data-month="2023-04"]', 'data-value'), '2');
  await waitForText(page.locator('#chart-legend'), 'Violence against civilians');

  // the forecast: none fitted on a fresh store
  if (!forecast) await waitForText(page.locator('#country-forecast'), 'The forecast has not been fitted yet');
  else await page.locator('#forecast-table tbody tr').first().waitFor();
  // the conflicts located here (not Mali's)
  await waitForText(page.locator('#country-conflict-list'), 'Sudan: Government');
  assert.equal(await page.locator('#country-conflict-list li').count(), 1);
  await page.locator('#country-alerts .section-body:not([aria-busy])').waitFor();

  // the events, newest first, and filtered
  const evRows = page.locator('#events-table tbody tr');
  await evRows.first().waitFor();
  assert.equal(await evRows.count(), 3);
  await waitForText(evRows.first(), 'Khartoum');
  await waitForText(evRows.nth(1), 'Omdurman');
  await waitForText(evRows.nth(1), 'Military Forces of Sudan');
  await waitForText(evRows.nth(2), 'El Fasher');
  await waitForText(page.locator('#events-count'), 'Showing 3 of 3');
  await page.selectOption('#ev-event_type', 'battles');
  await page.waitForFunction(() => document.querySelectorAll('#events-table tbody tr').length === 1);
  await waitForText(evRows.first(), 'Omdurman');
  await page.selectOption('#ev-event_type', '');
  await page.selectOption('#ev-admin1', 'North Darfur');
  await page.waitForFunction(() => document.querySelectorAll('#events-table tbody tr').length === 1);
  await waitForText(evRows.first(), 'El Fasher');
  await page.selectOption('#ev-admin1', '');
  await page.selectOption('#ev-month', '2023-04');
  await page.waitForFunction(() => document.querySelectorAll('#events-table tbody tr').length === 2);
  // an unknown country
  await page.goto(`${base}/#/countries/XXX`);
  await waitForText(page.locator('h1'), 'Page not found');
  assertNoErrors();
});

test('an analyst files a field report from the country page and is told how to fit the forecast', async (t) => {
  const { forecast } = await fixture();
  const { page, assertNoErrors } = await cleanPage(t);
  await signInUI(page, 'analyst.e2e', PW);
  await page.goto(`${base}/#/map`);
  await page.locator('#world-map path[data-iso3="SDN"]').waitFor();
  if (!forecast) await waitForText(page.locator('#forecast-missing code'), 'tansiq forecast fit');
  // an alert on Mali, raised by hand: listed on its page with a link to the alert's own page
  const alert = await asAnalyst('POST', '/api/v1/alerts', { country: 'MLI', severity: 'high', title_en: 'Fighting around Mopti', month: '2023-04' });
  assert.equal(alert.status, 201, JSON.stringify(alert.body));
  await page.goto(`${base}/#/countries/MLI`);
  const li = page.locator(`#country-alert-list li[data-alert="${alert.body.id}"]`);
  await waitForText(li, 'Fighting around Mopti');
  await waitForText(li, 'High');
  assert.equal(await li.locator('a').getAttribute('href'), `#/alerts/${alert.body.id}`);
  await page.click('#file-report-link');
  await page.locator('#f-date').waitFor();
  assert.equal(await page.inputValue('#f-country'), 'MLI', 'the country is preset');
  await page.fill('#f-date', '2023-04-28');
  await page.selectOption('#f-event_type', 'violence_against_civilians');
  await page.fill('#f-place', 'Ségou');
  await page.fill('#f-fatalities', '5');
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/#\/countries\/MLI$/);
  const rows = page.locator('#events-table tbody tr');
  await waitForText(rows.first(), 'Ségou');
  assert.equal(await rows.count(), 4);
  const cm = await apiJson('/api/v1/country-months?country=MLI&from=2023-04&to=2023-04');
  assert.equal(cm.items[0].fatalities, 13);
  assertNoErrors();
});

test('the country page and the map read right to left in Arabic, with the Arabic name', async (t) => {
  await fixture();
  const { page, assertNoErrors } = await cleanPage(t, { locale: 'ar' });
  await page.goto(`${base}/#/countries/SDN`);
  await waitForText(page.locator('#country-name'), 'السودان');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  await waitForText(page.locator('#country-chart h2'), 'شهرًا بشهر');
  await waitForText(page.locator('#events-table thead'), 'نوع الحدث');
  await page.locator('#events-table tbody tr').nth(2).waitFor();
  await waitForText(page.locator('#events-table tbody'), 'معارك');
  await waitForText(page.locator('#country-conflict-list'), 'السودان: الحكومة');
  // the chart runs right to left: March to the right of April
  const x = await page.evaluate(() => ['2023-03', '2023-04'].map((m) => document.querySelector(`#fatalities-chart g.month[data-month="${m}"] rect`).getBoundingClientRect().left));
  assert.ok(x[0] > x[1], 'the first month on the right');
  await shot(page, 'conflicts-country-ar.png');

  // the map: the page is right to left, the map itself is not mirrored
  await page.goto(`${base}/#/map`);
  await page.locator('#world-map path[data-iso3="SDN"]').waitFor();
  await waitForText(page.locator('h1'), 'النزاعات');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.cmap-wrap')).direction), 'ltr');
  const [mli, sdn] = await page.evaluate(() => ['MLI', 'SDN'].map((c) => document.querySelector(`#world-map path[data-iso3="${c}"]`).getBoundingClientRect().left));
  assert.ok(mli < sdn, 'Mali is west of Sudan, on the left');
  await waitForText(page.locator('#map-table tr[data-iso3="SDN"] th'), 'السودان');
  assertNoErrors();
});

test('once the forecast is fitted, the map is coloured by its probability and the country page shows six months', async (t) => {
  await fixture();
  // two years of history before the fixture's months, then the fit (as an analyst, through the API)
  for (let i = 0; i < 26; i += 1) {
    const month = `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    for (const [country, fatalities] of [['SDN', 20 + ((i * 7) % 40)], ['MLI', i % 3]]) {
      const r = await asAnalyst('POST', '/api/v1/events', { date: `${month}-12`, country, event_type: 'battles', fatalities });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  }
  const fit = await asAnalyst('POST', '/api/v1/forecast/fit');
  if (fit.status === 404 && /not built/.test(JSON.stringify(fit.body))) {
    t.skip('the forecast is not built in this binary');
    return;
  }
  assert.equal(fit.status, 200, JSON.stringify(fit.body));
  const f = await apiJson('/api/v1/forecast');
  const h1 = (c) => f.items.find((x) => x.country === c).horizons.find((x) => x.h === 1);
  const cls = (p) => 1 + [0.1, 0.25, 0.5, 0.75].filter((b) => p >= b).length;
  const pct = (p) => new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(p);

  const { page, assertNoErrors } = await cleanPage(t);
  await page.goto(`${base}/#/map`);
  await page.locator('#world-map path.country[data-iso3="SDN"]').waitFor();
  await waitForText(page.locator('#map-basis'), `the forecast probability of 25 or more fatalities next month (data through ${'April 2023'})`);
  assert.equal(await page.locator('#forecast-missing').count(), 0);
  assert.equal(await riskOf(page, 'SDN'), String(cls(h1('SDN').p)));
  assert.equal(await riskOf(page, 'MLI'), String(cls(h1('MLI').p)));
  assert.equal((await page.locator('#map-table tr[data-iso3="SDN"] [data-count="p"]').textContent()).trim(), pct(h1('SDN').p));
  await waitForText(page.locator('#map-legend'), '75% or more');

  await page.goto(`${base}/#/countries/SDN`);
  const rows = page.locator('#forecast-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 6);
  await waitForText(rows.first(), 'May 2023');
  await waitForText(rows.first(), pct(h1('SDN').p));
  await waitForText(page.locator('#country-forecast'), 'From the data through April 2023');
  assertNoErrors();
});

test('an analyst imports an ACLED file from the browser: a bad file is refused by line and field, a good one counted, and the map shows it', async (t) => {
  await fixture();
  const feeds = path.join(ROOT, 'tests', 'fixtures', 'feeds');
  const { page, assertNoErrors } = await cleanPage(t);
  // signed out: told who may import
  await page.goto(`${base}/#/imports`);
  await page.locator('#import-not-allowed').waitFor();
  await signInUI(page, 'analyst.e2e', PW);
  await page.goto(`${base}/#/map`);
  await page.click('#import-link');
  await page.locator('#import-form').waitFor();
  assert.equal(await page.inputValue('#import-dataset'), 'acled');

  // nothing chosen
  await page.click('#import-submit');
  await waitForText(page.locator('#import-file-error'), 'Choose a file.');

  // a file with a bad row: refused whole, the line and the field named
  const before = (await apiJson('/api/v1/events?limit=1')).total;
  await page.setInputFiles('#import-file', path.join(feeds, 'acled-bad.csv'));
  await page.click('#import-submit');
  const failed = page.locator('#import-failed');
  await failed.waitFor();
  await waitForText(failed, 'Nothing was imported.');
  await waitForText(failed.locator('li[data-line="3"]'), 'Line 3: iso — no country has this ISO numeric code');
  await waitForText(failed.locator('li[data-line="3"]'), '999');
  assert.equal((await apiJson('/api/v1/events?limit=1')).total, before, 'nothing imported');

  // the good file: four events added; again: unchanged
  await page.setInputFiles('#import-file', path.join(feeds, 'acled.csv'));
  await page.click('#import-submit');
  await page.locator('#import-done').waitFor();
  assert.equal(await page.locator('#import-failed').count(), 0);
  const count = async (k) => Number((await page.locator(`#import-counts [data-count="${k}"] dd`).textContent()).replace(/\D/g, ''));
  assert.equal(await count('rows'), 4);
  assert.equal(await count('added'), 4);
  assert.equal((await apiJson('/api/v1/events?limit=1')).total, before + 4);
  await page.click('#import-submit');
  await page.waitForFunction(() => document.querySelector('#import-counts [data-count="unchanged"] dd')?.textContent.trim() === '4');
  assert.equal(await count('added'), 0);

  // the bad file again, skipping its invalid rows: the two good rows (unchanged), the two others listed
  await page.setInputFiles('#import-file', path.join(feeds, 'acled-bad.csv'));
  await page.check('#import-skip');
  await page.click('#import-submit');
  await page.waitForFunction(() => document.querySelector('#import-counts [data-count="rejected"] dd')?.textContent.trim() === '2');
  await waitForText(page.locator('#import-error-list li[data-line="4"]'), 'event_date');
  assert.equal(await page.locator('#import-error-list li').count(), 2);
  await shot(page, 'conflicts-import-en.png');

  // the map: Pakistan's event of May 2023, the newest month
  await page.goto(`${base}/#/map`);
  await page.locator('#map-table tr[data-iso3="PAK"]').waitFor();
  assert.equal(await page.inputValue('#map-month'), '2023-05');
  assert.notEqual(await riskOf(page, 'PAK'), '0');
  assertNoErrors();
});
