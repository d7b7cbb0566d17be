// Browser tests of early warning: an analyst raises an alert on Sudan from the list's form (a
// first attempt without a title is refused by the field), sees it in the list with its severity
// badge and in the navigation's count, opens it and acknowledges it; a delegate is offered no
// action and is told why; the secretariat's officer tries to close it before any response (refused,
// the reason shown), records a statement (a first attempt without its text refused by the field),
// closes it, and the timeline shows the four steps and the hours from warning to response; the
// list, in Arabic and right to left; running the rules. The statistics page: the share of the
// world's conflicts in member states year by year, from a small UCDP/PRIO ACD file, with the
// sources' 60% marked; a year's conflicts; events and fatalities by member state; the common
// threads; the backtest.
//
// The accounts and the data are set up through the API as the administrator; what is under test
// happens in the browser. The tests run in order and share that fixture.
//
// Run: node --test tests/e2e/alerts.test.mjs   (TANSIQ_BIN=/path/to/tansiq for another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  useServerAndBrowser, openPage, waitForText, signInUI, adminApi, api, apiJson, assertServerAlive, run,
  makeUser as user, once, USER_PASSWORD, ARTIFACTS, BIN, base, dataDir,
} from './browser.mjs';

useServerAndBrowser();

const PW = USER_PASSWORD;
const ACD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'ucdp-acd-small.csv');
const TITLE = 'Fighting around El Fasher: 40 killed in two days';
const TITLE_AR = 'قتال حول الفاشر: 40 قتيلًا في يومين';
const STATEMENT = 'The Secretary-General calls on the parties to cease hostilities around El Fasher at once.';
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

let alertId = null; // raised by the first test

/* Every console error of the page (the helper's check keeps to script errors): a test lists the
   refusals it expects the browser to log (a 409 or 422 answer is logged as a failed resource);
   the session asked for before signing in (401) is always expected. */
function consoleErrors(page) {
  const seen = [];
  page.on('console', (msg) => { if (msg.type() === 'error') seen.push(`${msg.text()} (${msg.location().url})`); });
  return {
    assertOnly(...allowed) {
      allowed.push(refused(401, '/api/v1/session'));
      const left = seen.filter((m) => !allowed.some((re) => re.test(m)));
      assert.deepEqual(left, [], 'the page logged errors');
    },
  };
}
const refused = (status, addr) => new RegExp(`status of ${status} .*${addr.replace(/[/?]/g, '\\$&')}(\\?[^)]*)?\\)$`);

const fixture = once(makeFixture);

/* The conflict-years of the fixture file, through the importer (ten conflicts, twenty years). */
async function importAcd() {
  const r = await adminApi('POST', '/api/v1/imports/ucdp-acd', fs.readFileSync(ACD, 'utf8'), 'text/csv');
  assert.equal(r.status, 200, `the import answered ${r.status}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.rows, 20, JSON.stringify(r.body));
}

/* A few field reports in member states, so that the states' table has figures. */
async function fieldReports() {
  const evs = [
    { country: 'SDN', date: '2015-03-02', event_type: 'battles', fatalities: 40, actor1_type: 'state_forces', actor2_type: 'rebel_group', place: 'El Fasher' },
    { country: 'SDN', date: '2015-03-09', event_type: 'violence_against_civilians', fatalities: 12, actor1_type: 'political_militia', actor2_type: 'civilians', place: 'Tawila' },
    { country: 'NGA', date: '2015-02-14', event_type: 'explosions_remote_violence', fatalities: 25, actor1_type: 'rebel_group', actor2_type: 'civilians', place: 'Maiduguri' },
    { country: 'SOM', date: '2015-06-01', event_type: 'battles', fatalities: 7, actor1_type: 'state_forces', actor2_type: 'rebel_group', place: 'Afgooye' },
  ];
  const ids = [];
  for (const e of evs) {
    const r = await adminApi('POST', '/api/v1/events', { dataset: 'field', ...e });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids.push(r.body.id);
  }
  return ids;
}

let events = [];
async function makeFixture() {
  await user('analyst.e2e', ['analyst']);
  await user('officer.e2e', ['secretariat']);
  await user('delegate.sau', ['delegate'], 'SAU');
  await importAcd();
  events = await fieldReports();
}

/* ---------- alerts ---------- */

test('an analyst raises an alert on Sudan from the list (a missing title refused by the field), sees it with its badge, and acknowledges it', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  const logged = consoleErrors(page);

  // Signed out: the list reads, and offers neither the rules nor the form.
  await page.goto(`${base}/#/alerts`);
  await page.locator('#alerts-body:not([aria-busy])').waitFor();
  await page.locator('#alerts-empty').waitFor();
  assert.equal(await page.locator('#raise-alert').count(), 0);
  assert.equal(await page.locator('#run-rules').count(), 0);
  assert.equal(await page.getAttribute('#alerts-feed', 'href'), '/api/v1/alerts.atom');

  await signInUI(page, 'analyst.e2e', PW);
  await page.goto(`${base}/#/alerts`);
  await page.locator('#alerts-body:not([aria-busy])').waitFor();
  assert.equal(await page.locator('#alerts-count').count(), 0, 'no open alert: no count in the navigation');
  await page.click('#raise-toggle');
  await page.locator('#raise-country option[value="SDN"]').waitFor({ state: 'attached' });
  await page.selectOption('#raise-country', 'SDN');
  await page.selectOption('#raise-severity', 'high');
  await page.fill('#raise-event', String(events[0]));
  await page.fill('#raise-evidence', '40 killed around El Fasher in two days; markets closed.');
  // No title in English: refused, and said beside the field.
  await page.click('#raise-submit');
  await page.locator('#raise-title_en-error:not([hidden])').waitFor();
  await waitForText(page.locator('#raise-errors'), 'The alert was not raised');
  assert.equal(await page.getAttribute('#raise-title_en', 'aria-invalid'), 'true');
  assert.equal((await adminApi('GET', '/api/v1/alerts')).body.total, 0, 'nothing was raised');

  await page.fill('#raise-title_en', TITLE);
  await page.fill('#raise-title_ar', TITLE_AR);
  await page.click('#raise-submit');
  await page.waitForFunction(() => /^#\/alerts\/[^/]+$/.test(location.hash));
  alertId = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
  await waitForText(page.locator('#alert-title'), TITLE);
  await waitForText(page.locator('#flash'), 'The alert is raised.');
  assert.equal(await page.getAttribute('.alert-head', 'data-status'), 'open');
  await waitForText(page.locator('.alert-badges [data-severity="high"]'), 'High');
  await waitForText(page.locator('#alert-fields [data-key="country"]'), 'Sudan');
  assert.equal(await page.getAttribute('#alert-event', 'href'), `#/events/${events[0]}`);
  await waitForText(page.locator('#evidence'), 'markets closed');
  // The navigation counts it.
  await waitForText(page.locator('#alerts-count'), '1');

  // In the list, newest first, with its badge.
  await page.click('#nav-list a[data-nav="alerts"]');
  const row = page.locator(`#alerts-table tr[data-alert="${alertId}"]`);
  await row.waitFor();
  await waitForText(row.locator('.severity'), 'High');
  await waitForText(row, 'Sudan');
  await waitForText(row, TITLE);
  await waitForText(row.locator('.astatus'), 'Open');
  await waitForText(row.locator('.response-cell'), 'awaiting a response');
  await waitForText(row.locator('time.age'), /now|minute/);
  // The filters: none high closed; one high.
  await page.selectOption('#alerts-status', 'closed');
  await page.locator('#alerts-empty').waitFor();
  await page.waitForFunction(() => location.hash.includes('status=closed'));
  await page.selectOption('#alerts-status', '');
  await page.selectOption('#alerts-severity', 'high');
  await row.waitFor();
  await page.selectOption('#alerts-country', 'NGA');
  await page.locator('#alerts-empty').waitFor();
  await page.click('#alerts-clear');
  await row.waitFor();

  // Acknowledged from its page; the analyst is told the secretariat does the rest.
  await row.locator('a.alert-link').click();
  await page.locator('#alert-acknowledge').waitFor();
  assert.equal(await page.locator('#alert-close').count(), 0, 'an analyst does not close');
  assert.equal(await page.locator('#respond-form').count(), 0, 'nor record the response');
  await page.click('#alert-acknowledge');
  await waitForText(page.locator('#flash'), 'The alert is acknowledged.');
  assert.equal(await page.getAttribute('.alert-head', 'data-status'), 'acknowledged');
  await page.locator('#alert-timeline li[data-step="acknowledged"][data-done="true"]').waitFor();
  await waitForText(page.locator('#alert-timeline li[data-step="acknowledged"]'), 'by analyst.e2e');
  await waitForText(page.locator('#act-not-allowed[data-why="secretariat"]'), 'the secretariat records the response and closes it');
  assert.equal(await page.locator('#alert-acknowledge').count(), 0);
  // Raised by hand, it is for members: the public does not read it.
  assert.equal((await api(`/api/v1/alerts/${alertId}`)).status, 404);
  assertServerAlive('after acknowledging');
  assertClean();
  logged.assertOnly(refused(422, '/api/v1/alerts'));
});

test('a delegate sees the alert but no action, and is told why', async (t) => {
  await fixture();
  assert.ok(alertId, 'the first test raised the alert');
  const { page, assertClean } = await openPage(t);
  const logged = consoleErrors(page);
  await signInUI(page, 'delegate.sau', PW);
  await page.goto(`${base}/#/alerts/${encodeURIComponent(alertId)}`);
  await page.locator('#act-not-allowed').waitFor();
  assert.equal(await page.getAttribute('#act-not-allowed', 'data-why'), 'role');
  await waitForText(page.locator('#act-not-allowed'), 'Your account cannot act on alerts: analysts and the secretariat acknowledge them');
  assert.equal(await page.locator('#alert-acknowledge').count(), 0, 'no Acknowledge button');
  assert.equal(await page.locator('#alert-close').count(), 0);
  assert.equal(await page.locator('#respond-form').count(), 0);
  // Nor the rules or the form on the list.
  await page.goto(`${base}/#/alerts`);
  await page.locator(`#alerts-table tr[data-alert="${alertId}"]`).waitFor();
  assert.equal(await page.locator('#raise-alert').count(), 0);
  assert.equal(await page.locator('#run-rules').count(), 0);
  assertClean();
  logged.assertOnly();
});

test('the secretariat cannot close before a response; records a statement (its text required by the field), closes, and the timeline has four steps', async (t) => {
  await fixture();
  assert.ok(alertId, 'the first test raised the alert');
  const { page, assertClean } = await openPage(t);
  const logged = consoleErrors(page);
  await signInUI(page, 'officer.e2e', PW);
  await page.goto(`${base}/#/alerts/${encodeURIComponent(alertId)}`);
  await page.locator('#alert-close').waitFor();
  await waitForText(page.locator('#close-hint'), 'An alert closes only once a response is recorded.');

  // Closing first: refused by the server, its reason shown.
  await page.click('#alert-close');
  const refusal = page.locator('#act-errors .alert.error');
  await refusal.waitFor();
  await waitForText(refusal, 'The alert was not closed');
  await waitForText(refusal, 'closed without a recorded response');
  assert.equal(await refusal.getAttribute('data-status'), '409');
  assert.equal((await adminApi('GET', `/api/v1/alerts/${alertId}`)).body.status, 'acknowledged', 'still acknowledged');

  // A statement without its text: refused by the field.
  await page.selectOption('#respond-response_kind', 'statement');
  assert.ok(await page.isVisible('#respond-response_text'), 'the text appears for a statement');
  assert.ok(!(await page.isVisible('#respond-response_meeting')), 'no meeting to choose');
  await page.selectOption('#respond-response_kind', 'meeting');
  assert.ok(await page.isVisible('#respond-response_meeting'), 'the meetings appear for a meeting');
  await page.locator('#respond-response_meeting option:nth-child(2)').waitFor({ state: 'attached' });
  await page.selectOption('#respond-response_kind', 'statement');
  await page.click('#respond-submit');
  await page.locator('#respond-response_text-error:not([hidden])').waitFor();
  await waitForText(page.locator('#respond-response_text-error'), 'a response by a statement gives its text');
  await waitForText(page.locator('#respond-errors'), 'The response was not recorded');

  await page.fill('#respond-response_text', STATEMENT);
  await page.click('#respond-submit');
  await waitForText(page.locator('#flash'), 'The response is recorded.');
  assert.equal(await page.getAttribute('.alert-head', 'data-status'), 'responded');
  await waitForText(page.locator('#alert-response'), STATEMENT);
  await waitForText(page.locator('#alert-response .response-kind'), 'A statement');
  await waitForText(page.locator('#close-hint'), 'The response is recorded: the alert may be closed.');
  assert.equal(await page.locator('#respond-form').count(), 0, 'a response is recorded once');

  await page.click('#alert-close');
  await waitForText(page.locator('#flash'), 'The alert is closed.');
  const a = (await adminApi('GET', `/api/v1/alerts/${alertId}`)).body;
  assert.equal(a.status, 'closed');
  assert.equal(a.response_kind, 'statement');
  assert.equal(a.response_text, STATEMENT);
  assert.equal(typeof a.hours_to_response, 'number');

  // The timeline: four steps, all done, with who and the hours from warning to response.
  const steps = page.locator('#alert-timeline > li');
  assert.equal(await steps.count(), 4);
  assert.deepEqual(await steps.evaluateAll((els) => els.map((e) => `${e.dataset.step}:${e.dataset.done}`)),
    ['raised:true', 'acknowledged:true', 'responded:true', 'closed:true']);
  await waitForText(steps.nth(0), 'by analyst.e2e');
  await waitForText(steps.nth(2), 'by officer.e2e');
  await waitForText(steps.nth(3), 'by officer.e2e');
  assert.equal(await page.getAttribute('#hours-to-response', 'data-hours'), String(a.hours_to_response));
  await waitForText(page.locator('#hours-to-response'),
    `Time from warning to response: ${a.hours_to_response === 0 ? 'less than an hour' : `${a.hours_to_response} hour`}`);
  await waitForText(page.locator('#act-not-allowed[data-why="closed"]'), 'This alert is closed');
  assert.equal(await page.locator('#alert-close').count(), 0);
  // No open alert is left: the navigation's count is gone.
  await page.waitForFunction(() => !document.querySelector('#alerts-count'));
  await shot(page, 'alert-closed-en.png');

  // The list shows the time to the response.
  await page.goto(`${base}/#/alerts?status=closed`);
  const row = page.locator(`#alerts-table tr[data-alert="${alertId}"]`);
  await row.waitFor();
  assert.equal(await row.locator('.hours').getAttribute('data-hours'), String(a.hours_to_response));
  await waitForText(row.locator('.astatus'), 'Closed');
  assertClean();
  logged.assertOnly(refused(409, `/api/v1/alerts/${alertId}/close`), refused(422, `/api/v1/alerts/${alertId}/respond`));
});

test('the alerts read right to left in Arabic, the title in Arabic', async (t) => {
  await fixture();
  assert.ok(alertId, 'the first test raised the alert');
  // Another open alert, for the count in the navigation.
  const r = await adminApi('POST', '/api/v1/alerts', { country: 'NGA', severity: 'critical', title_en: 'Maiduguri bombing', title_ar: 'تفجير في مايدوغوري', title_fr: 'Attentat à Maiduguri' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const { page, assertClean } = await openPage(t, { locale: 'ar' });
  const logged = consoleErrors(page);
  await signInUI(page, 'analyst.e2e', PW);
  await page.goto(`${base}/#/alerts`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.locator(`#alerts-table tr[data-alert="${alertId}"]`).waitFor();
  await waitForText(page.locator('h1'), 'الإنذارات');
  await waitForText(page.locator('#nav-list a[data-nav="alerts"]'), 'الإنذارات');
  await waitForText(page.locator('#alerts-count'), '1');
  await waitForText(page.locator(`#alerts-table tr[data-alert="${alertId}"]`), TITLE_AR);
  await waitForText(page.locator(`tr[data-alert="${r.body.id}"] .severity`), 'حرجة');
  await waitForText(page.locator('#run-rules'), 'تطبيق القواعد');
  // The first column sits on the right.
  const sev = await page.locator(`tr[data-alert="${alertId}"] td`).first().boundingBox();
  const title = await page.locator(`tr[data-alert="${alertId}"] th`).boundingBox();
  assert.ok(sev.x > title.x, 'the severity is right of the title');
  await shot(page, 'alerts-ar.png');
  await page.goto(`${base}/#/alerts/${encodeURIComponent(alertId)}`);
  await page.locator('#alert-timeline').waitFor();
  await waitForText(page.locator('#alert-timeline li[data-step="closed"]'), 'أُغلق');
  await shot(page, 'alert-closed-ar.png');
  assertClean();
  logged.assertOnly();
});

test('running the rules from the list says what was raised', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t, { locale: 'fr-FR' });
  const logged = consoleErrors(page);
  await signInUI(page, 'analyst.e2e', PW);
  await page.goto(`${base}/#/alerts`);
  await page.locator('#run-rules').waitFor();
  await page.click('#run-rules');
  await page.locator('#run-status:not(:empty)').waitFor();
  const text = await page.locator('#run-status').textContent();
  assert.match(text, /alerte|règles/, text);
  assertServerAlive('after running the rules');
  assertClean();
  logged.assertOnly();
});

/* ---------- statistics ---------- */

test('the statistics: the share in member states year by year with the 60% of the sources, a year\'s conflicts, the states, the threads, the backtest', async (t) => {
  await fixture();
  const stats = await apiJson('/api/v1/stats/conflicts');
  const y2015 = stats.years.find((y) => y.year === 2015);
  assert.ok(y2015 && y2015.world === 10 && y2015.members === 6, JSON.stringify(stats));
  const backtest = await api('/api/v1/forecast/backtest?origins=24');
  const { page, assertClean } = await openPage(t);
  const logged = consoleErrors(page);
  await page.goto(`${base}/#/conflict-stats?year=2015`);
  const chart = page.locator('#share-chart');
  await chart.waitFor();
  assert.equal(await chart.locator('g.year').count(), stats.years.length);
  assert.equal(await chart.locator('g.year[data-year="2015"]').getAttribute('data-share'), '60.0');
  assert.equal(await chart.locator('g.year[data-year="2015"] rect.share-bar').count(), 1);
  assert.equal(await page.locator('#source-line').count(), 1, 'the 60% of the sources is marked');
  await waitForText(chart.locator('.source-label'), '60%');
  await waitForText(chart.locator('desc'), '2015: 6 of 10 conflicts in member states (60%).');
  // The year chosen: its figures and conflicts, the member states among their countries.
  await page.locator('#year-detail[data-year="2015"]').waitFor();
  await waitForText(page.locator('#year-share'), '60%');
  assert.equal(await page.locator('#year-conflicts tbody tr').count(), 6);
  await waitForText(page.locator('#year-conflicts'), 'Sudan');
  assert.equal(await page.inputValue('#cstats-year'), '2015');
  // Another year from the chart.
  await chart.locator('g.year[data-year="2014"] rect.hit').click();
  await page.locator('#year-detail[data-year="2014"]').waitFor();
  await page.waitForFunction(() => location.hash.includes('year=2014'));
  // Events and fatalities by member state.
  const sdn = page.locator('#states-table tr[data-state="SDN"]');
  await sdn.waitFor();
  await waitForText(sdn.locator('[data-figure="fatalities"]'), '52');
  await waitForText(sdn.locator('[data-figure="events"]'), '2');
  // The common threads and the backtest: drawn, or their reason said.
  await page.locator('#threads-body:not([aria-busy])').waitFor();
  await page.locator('#threads-count').waitFor();
  await page.locator('#backtest-body:not([aria-busy])').waitFor();
  await waitForText(page.locator('#backtest-explain'), 'persistence');
  // No model yet, and nobody signed in: no forecast, and no button to fit one.
  await waitForText(page.locator('#forecast-none'), 'The forecast has not been fitted yet.');
  assert.equal(await page.locator('#forecast-fit').count(), 0);
  if (backtest.status === 200) {
    // A row per horizon, the model beside the two baselines.
    assert.equal(await page.locator('#backtest-table tbody tr').count(), backtest.body.horizons.length);
    await waitForText(page.locator('#backtest-read'), 'Lower Brier scores are better');
  } else {
    // Five months of events are too short a history: the reason is said.
    await waitForText(page.locator('#backtest-body .alert.error'), 'The backtest cannot be run yet');
    await waitForText(page.locator('#backtest-body .alert.error'), backtest.body.detail.slice(0, 40));
  }
  await shot(page, 'conflict-stats-en.png');
  await page.locator('#share').screenshot({ path: path.join(ARTIFACTS, 'conflict-stats-share-en.png') });
  if (await page.locator('#heat-map').count()) await page.locator('#threads').screenshot({ path: path.join(ARTIFACTS, 'conflict-stats-threads-en.png') });
  assertClean();
  logged.assertOnly(refused(404, '/api/v1/forecast'), ...(backtest.status === 200 ? [] : [refused(backtest.status, '/api/v1/forecast/backtest')]));
});

test('the statistics read right to left in Arabic: the scale on the right, the first year at the right', async (t) => {
  await fixture();
  const backtest = await api('/api/v1/forecast/backtest?origins=24');
  const { page, assertClean } = await openPage(t, { locale: 'ar' });
  const logged = consoleErrors(page);
  await page.goto(`${base}/#/conflict-stats?year=2015`);
  const chart = page.locator('#share-chart');
  await chart.waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await waitForText(page.locator('h1'), 'إحصاءات النزاعات');
  const y2014 = await chart.locator('g.year[data-year="2014"] rect.share-bar').boundingBox();
  const y2015 = await chart.locator('g.year[data-year="2015"] rect.share-bar').boundingBox();
  assert.ok(y2014.x > y2015.x, 'the earlier year is on the right');
  const tick = await chart.locator('text.tick').first().boundingBox();
  assert.ok(tick.x > y2014.x, 'the scale is on the right of the bars');
  await page.locator('#year-detail[data-year="2015"]').waitFor();
  await waitForText(page.locator('#year-share'), '60');
  await page.locator('#threads-body:not([aria-busy])').waitFor();
  await page.locator('#backtest-body:not([aria-busy])').waitFor();
  await shot(page, 'conflict-stats-ar.png');
  await page.locator('#share').screenshot({ path: path.join(ARTIFACTS, 'conflict-stats-share-ar.png') });
  if (await page.locator('#heat-map').count()) await page.locator('#threads').screenshot({ path: path.join(ARTIFACTS, 'conflict-stats-threads-ar.png') });
  assertClean();
  logged.assertOnly(refused(404, '/api/v1/forecast'), ...(backtest.status === 200 ? [] : [refused(backtest.status, '/api/v1/forecast/backtest')]));
});

/** Four years of field reports (Sudan and Somalia at war, Morocco and Senegal calm): the same
    generator as tests/api/forecast.test.mjs. */
function eventsCsv() {
  const lines = ['dataset,date,country,event_type,fatalities'];
  const c = ['SDN', 'SOM', 'MAR', 'SEN'];
  let s = 7;
  for (let m = 0; m < 48; m++) {
    for (let i = 0; i < 4; i++) {
      s = (s * 16807) % 2147483647;
      const r = s % 100;
      const f = i < 2 ? (r < 10 ? 2 : 30 + r) : r % 6;
      lines.push(`field,${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-15,${c[i]},battles,${f}`);
    }
  }
  return lines.join('\n') + '\n';
}

test('an analyst fits the forecast from the statistics page: the countries most at risk, and the backtest against the baselines', async (t) => {
  await fixture();
  const file = path.join(dataDir, 'events-4y.csv');
  fs.writeFileSync(file, eventsCsv());
  await run(BIN, ['import', 'events', file, '--data', dataDir]);
  const { page, assertClean } = await openPage(t);
  const logged = consoleErrors(page);
  await signInUI(page, 'analyst.e2e', PW);
  await page.goto(`${base}/#/conflict-stats`);
  await page.locator('#forecast-fit').waitFor();
  await page.click('#forecast-fit');
  await waitForText(page.locator('#fit-status'), 'The model is fitted, on the events up to December 2023.');
  const fc = await apiJson('/api/v1/forecast');
  const rows = page.locator('#forecast-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), fc.items.length);
  // Highest risk first: Sudan or Somalia, at war, above Morocco and Senegal.
  const order = await rows.evaluateAll((els) => els.map((e) => e.dataset.country));
  assert.ok(['SDN', 'SOM'].includes(order[0]) && ['SDN', 'SOM'].includes(order[1]), order.join(' '));
  const sdn = fc.items.find((x) => x.country === 'SDN').horizons.find((hz) => hz.h === 1);
  assert.equal(Number(await page.getAttribute('#forecast-table tr[data-country="SDN"] td[data-h="1"]', 'data-p')), sdn.p);
  await waitForText(page.locator('#forecast-table tr[data-country="SDN"] td[data-h="1"]'), `${Math.round(sdn.p * 1000) / 10}%`);
  assert.equal(await page.locator('#forecast-table thead th').count(), 7, 'the country and six months');
  await waitForText(page.locator('#forecast-table thead'), 'January 2024');
  // The backtest: a row per horizon, Brier and AUC for the model and both baselines.
  const bt = await apiJson('/api/v1/forecast/backtest?origins=24');
  const trs = page.locator('#backtest-table tbody tr');
  await trs.first().waitFor();
  assert.equal(await trs.count(), bt.horizons.length);
  const h1 = bt.horizons.find((x) => x.h === 1);
  const cell = (m, k) => page.locator(`#backtest-table tr[data-h="1"] td[data-method="${m}"][data-metric="${k}"]`);
  await waitForText(cell('model', 'brier'), h1.model.brier.toFixed(3));
  await waitForText(cell('persistence', 'auc'), h1.persistence.auc === null ? '—' : h1.persistence.auc.toFixed(3));
  const briers = ['model', 'persistence', 'historical'].map((m) => h1[m].brier);
  const best = ['model', 'persistence', 'historical'][briers.indexOf(Math.min(...briers))];
  assert.match(await cell(best, 'brier').getAttribute('class'), /best/, 'the lowest Brier is marked best');
  await waitForText(page.locator('#backtest-read'), 'Lower Brier scores are better');
  await page.locator('#forecast').screenshot({ path: path.join(ARTIFACTS, 'conflict-stats-forecast-en.png') });
  await page.locator('#backtest').screenshot({ path: path.join(ARTIFACTS, 'conflict-stats-backtest-en.png') });
  assertClean();
  logged.assertOnly(refused(404, '/api/v1/forecast')); // before the fit
});
