// Browser tests of the implementation of decisions: a secretariat officer turns an operative
// paragraph of resolution 53/45-POL into mandates from the resolution's page (a first attempt is
// refused, and the refusal is shown by the field), one of them addressed to Saudi Arabia with a
// deadline already passed; Saudi Arabia's delegate signs in and files a report from the mandate's
// page (a progress of 140 is refused by the field first); the resolution's progress and the gap
// view change accordingly; a delegate of Türkiye is not offered the form on Saudi Arabia's
// mandate and is told why; reports are kept as filed (no Edit or Delete anywhere); the gap view
// groups, filters, draws its chart over the years, names the addressees that never reported and
// links its feeds; it reads right to left in Arabic; a programme's page shows its tree.
//
// The accounts, and the programme's parts, are set up through the API as the administrator; what
// is under test happens in the browser. The tests run in order and share that fixture.
//
// Run: node --test tests/e2e/implementation.test.mjs   (TANSIQ_BIN=/path/to/tansiq for another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useServerAndBrowser, openPage, waitForText, signInUI, adminApi, api, apiJson, assertServerAlive,
  makeUser as user, once, USER_PASSWORD, ARTIFACTS, base,
} from './browser.mjs';

useServerAndBrowser();

const PW = USER_PASSWORD;
const RES = '53-45-pol';
const PARA = '53-45-pol-op-4';
const FORM = `tm-${PARA}`;
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
/* A day relative to today, UTC, as the server counts days. */
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const DUE = day(-30);            // Saudi Arabia's mandate: a deadline already passed
const SG_DUE = day(90);          // the Secretary-General's: not due yet
const SG_ACTION = 'Report to the Council of Foreign Ministers on the staffing of the PCSU.';
const NARRATIVE = 'Saudi Arabia seconded two officers to the Peace, Security and Conflict Resolution Unit.';

let sauMandate = null;   // made by the first test
let sgMandate = null;
let before = null;       // the resolution's progress and the gap's counts before any of it

const fixture = once(makeFixture);

async function makeFixture() {
  await user('officer.e2e', ['secretariat']);
  await user('delegate.sau', ['delegate'], 'SAU');
  await user('delegate.tur', ['delegate'], 'TUR');
  const progress = await apiJson(`/api/v1/resolutions/${RES}/progress`);
  const gap = await apiJson('/api/v1/gap');
  before = { progress: progress.progress, counts: progress.counts, gap: gap.counts };
}

/* The number shown for a count on the page (data-count="late" ... inside the given container). */
async function shownCount(scope, key) {
  const text = (await scope.locator(`[data-count="${key}"] dd`).textContent()).trim();
  return Number(text.replace(/[^\d]/g, ''));
}

async function statValue(page, key) {
  return Number((await page.locator(`#gap-totals [data-stat="${key}"] .stat-value`).textContent()).replace(/[^\d]/g, ''));
}

test('the secretariat turns an operative paragraph into mandates from the resolution page; a refusal is shown by its field', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);

  // Signed out: the progress, the mandates, and no form.
  await page.goto(`${base}/#/resolutions/${RES}`);
  await page.locator('#resolution-progress[data-progress]').waitFor();
  assert.equal(Number(await page.getAttribute('#resolution-progress', 'data-progress')), before.progress);
  await waitForText(page.locator('#resolution-progress'), `${before.progress}%`);
  assert.equal(await page.getAttribute('#resolution-progress .meter', 'role'), 'progressbar');
  assert.equal(await shownCount(page.locator('#resolution-counts'), 'mandates'), before.counts.mandates);
  const para = page.locator(`li.paragraph[data-id="${PARA}"]`);
  await para.locator('table.mandates-table tbody tr').first().waitFor();
  assert.equal(await para.locator('table.mandates-table tbody tr').count(), 1);
  await waitForText(para.locator('table.mandates-table'), 'General Secretariat');
  await waitForText(para.locator('table.mandates-table'), 'Never reported');
  assert.equal(await page.locator('details.to-mandates').count(), 0, 'no form for the public');

  // The secretariat's officer.
  await signInUI(page, 'officer.e2e', PW);
  await page.goto(`${base}/#/resolutions/${RES}`);
  await para.locator('details.to-mandates').waitFor();
  assert.equal(await page.locator('#paragraphs ul[data-kind="operative"] details.to-mandates').count(),
    await page.locator('#paragraphs ul[data-kind="operative"] li.paragraph').count(), 'one form on each operative paragraph');
  await para.getByText('Turn into mandates', { exact: true }).click();
  await page.locator(`#${FORM}-1-addressee`).waitFor();
  // The action asked starts as the paragraph's text.
  const paragraph = await apiJson(`/api/v1/paragraphs/${PARA}`);
  assert.equal(await page.inputValue(`#${FORM}-1-action_en`), paragraph.text_en);

  // A state as addressee, but no state chosen: refused, and said beside the field.
  await page.selectOption(`#${FORM}-1-addressee`, 'state');
  assert.ok(await page.isVisible(`#${FORM}-1-addressee_state`), 'the state list appears for a state');
  assert.ok(!(await page.isVisible(`#${FORM}-1-addressee_organ`)), 'the organ list does not');
  await page.click(`#${FORM}-submit`);
  const fieldError = page.locator(`#${FORM}-1-addressee_state-error`);
  await fieldError.waitFor();
  await waitForText(fieldError, "field 'addressee_state' is required when addressee is 'state'");
  assert.equal(await page.getAttribute(`#${FORM}-1-addressee_state`, 'aria-invalid'), 'true');
  await waitForText(page.locator(`#${FORM}-errors`), 'The mandates were not created');
  await waitForText(page.locator(`#${FORM}-errors`), 'Addressee 1 — State addressed:');
  assert.equal(await page.evaluate(() => document.activeElement.id), `${FORM}-errors`);
  assert.equal((await apiJson(`/api/v1/mandates?paragraph=${PARA}`)).total, 1, 'nothing was made');

  // Saudi Arabia, with a deadline already passed; and the Secretary-General with an action of its own.
  await page.selectOption(`#${FORM}-1-addressee_state`, 'SAU');
  await page.fill(`#${FORM}-1-due`, DUE);
  await page.click(`#${FORM}-add`);
  await page.selectOption(`#${FORM}-2-addressee`, 'secretary_general');
  assert.ok(!(await page.isVisible(`#${FORM}-2-report_to`)), 'no organ to report to for a mandate given once');
  await page.selectOption(`#${FORM}-2-recurrence`, 'each_session');
  assert.ok(await page.isVisible(`#${FORM}-2-report_to`), 'the organ reported to, for a mandate at each session');
  await page.selectOption(`#${FORM}-2-recurrence`, 'none');
  assert.ok(!(await page.isVisible(`#${FORM}-2-report_to`)));
  await page.fill(`#${FORM}-2-due`, SG_DUE);
  await para.locator('fieldset.tm-row').nth(1).locator('details.tm-action > summary').click();
  await page.fill(`#${FORM}-2-action_en`, SG_ACTION);
  await page.click(`#${FORM}-submit`);
  const status = para.locator('.para-status');
  await waitForText(status, '2 mandates created from this paragraph.');
  assert.equal(await page.locator(`#${FORM}-errors .alert`).count(), 0, 'the earlier refusal is gone');
  assert.equal(await para.locator('details.to-mandates').getAttribute('open'), null, 'the form closes');

  // The paragraph's table shows them, Saudi Arabia's late from the start.
  await para.locator('table.mandates-table tbody tr').nth(2).waitFor();
  const mandates = (await apiJson(`/api/v1/mandates?paragraph=${PARA}&limit=100`)).items;
  assert.equal(mandates.length, 3);
  const sau = mandates.find((m) => m.addressee_state === 'SAU');
  const sg = mandates.find((m) => m.addressee === 'secretary_general');
  assert.ok(sau && sg, JSON.stringify(mandates));
  sauMandate = sau.id;
  sgMandate = sg.id;
  assert.equal(sau.due, DUE);
  assert.equal(sau.action_en, paragraph.text_en, 'the paragraph\'s text, unchanged');
  assert.equal(sg.action_en, SG_ACTION);
  assert.equal(sg.due, SG_DUE);
  assert.equal(sg.report_to, null);
  const sauRow = para.locator(`tr[data-mandate="${sauMandate}"]`);
  await waitForText(sauRow, 'Saudi Arabia');
  assert.equal(await sauRow.getAttribute('data-late'), 'true');
  await waitForText(sauRow.locator('.flag-late'), 'Late');
  await waitForText(sauRow, 'Deadline missed:');
  await waitForText(sauRow, 'Not started');
  await waitForText(para.locator(`tr[data-mandate="${sgMandate}"]`), SG_ACTION);
  assert.equal(await para.locator(`tr[data-mandate="${sgMandate}"]`).getAttribute('data-late'), 'false', 'not due yet');

  // The resolution's counts follow, without a reload.
  assert.equal(await shownCount(page.locator('#resolution-counts'), 'mandates'), before.counts.mandates + 2);
  assert.equal(await shownCount(page.locator('#resolution-counts'), 'late'), before.counts.late + 1);
  await waitForText(page.locator('#resolution-late'), `${before.counts.late + 1} mandates late`);
  await shot(page, 'implementation-resolution-en.png');
  assertClean();
});

test('a delegate of another state is not offered the form on Saudi Arabia\'s mandate, and is told why', async (t) => {
  await fixture();
  assert.ok(sauMandate, 'the first test made the mandates');
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'delegate.tur', PW);
  await page.goto(`${base}/#/mandates/${sauMandate}`);
  await page.locator('#report-not-allowed').waitFor();
  await waitForText(page.locator('#report-not-allowed'),
    'This mandate is addressed to Saudi Arabia: only the delegates of Saudi Arabia, and the secretariat, report on it.');
  assert.equal(await page.locator('#report-form').count(), 0, 'no form');
  assert.equal(await page.locator('#report-submit').count(), 0);
  // Nor on a mandate to the Secretary-General: the secretariat reports on it.
  await page.goto(`${base}/#/mandates/${sgMandate}`);
  await page.locator('#report-not-allowed[data-why="notState"]').waitFor();
  await waitForText(page.locator('#report-not-allowed'), 'not to a member state: the secretariat reports on it');
  assert.equal(await page.locator('#report-form').count(), 0);
  // A delegate does not make mandates either.
  await page.goto(`${base}/#/resolutions/${RES}`);
  await page.locator(`li.paragraph[data-id="${PARA}"] table.mandates-table`).waitFor();
  assert.equal(await page.locator('details.to-mandates').count(), 0);
  assertClean();
});

test('Saudi Arabia\'s delegate files a report from the browser (140% refused by the field first); the timeline keeps it as filed', async (t) => {
  await fixture();
  assert.ok(sauMandate, 'the first test made the mandates');
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'delegate.sau', PW);
  await page.goto(`${base}/#/mandates/${sauMandate}`);
  await page.locator('#standing[data-status]').waitFor();
  assert.equal(await page.getAttribute('#standing', 'data-late'), 'true');
  await waitForText(page.locator('#mandate-status'), 'Not started');
  await waitForText(page.locator('#mandate-late'), 'Late: the deadline of');
  await waitForText(page.locator('#mandate-origin'), 'Given by operative paragraph 4 of resolution 53/45-POL');
  await waitForText(page.locator('#no-reports'), 'No report has been filed on this mandate.');
  await waitForText(page.locator('#report-intro'), 'You report for Saudi Arabia.');
  assert.equal(await page.inputValue('#report-reported_on'), day(0), 'reported today unless changed');

  // 140%: refused by the server, the refusal shown beside the progress field.
  await page.selectOption('#report-status', 'in_progress');
  await page.fill('#report-progress', '140');
  await page.click('#report-submit');
  const err = page.locator('#report-progress-error');
  await err.waitFor({ state: 'visible' });
  await waitForText(err, "field 'progress': 140 is out of range; give a number from 0 to 100");
  assert.equal(await page.getAttribute('#report-progress', 'aria-invalid'), 'true');
  assert.ok(await page.locator('.form-field.invalid[data-field="progress"]').count(), 'the field is marked');
  await waitForText(page.locator('#report-errors'), 'The report was not filed');
  await waitForText(page.locator('#report-errors'), "Progress (%): field 'progress': 140 is out of range");
  assert.equal((await apiJson(`/api/v1/implementation-reports?mandate=${sauMandate}`)).total, 0, 'nothing was filed');

  // Implemented, with a narrative and evidence.
  await page.selectOption('#report-status', 'implemented');
  await page.fill('#report-progress', '100');
  await page.fill('#report-narrative_en', NARRATIVE);
  await page.fill('#report-evidence', 'https://www.oic-oci.org/\nNote verbale 2026/17');
  await page.click('#report-submit');
  await waitForText(page.locator('#flash'), 'Your report has been filed.');
  const entry = page.locator('#report-timeline > li');
  await entry.first().waitFor();
  assert.equal(await entry.count(), 1);
  await waitForText(entry, NARRATIVE);
  await waitForText(entry, 'Implemented');
  await waitForText(entry, '100%');
  await waitForText(entry, 'Saudi Arabia');
  assert.equal(await entry.locator('a[href="https://www.oic-oci.org/"]').count(), 1, 'evidence links');
  await waitForText(entry.locator('ul.evidence'), 'Note verbale 2026/17');
  // The standing follows: implemented, no longer late.
  await page.locator('#standing[data-status="implemented"]').waitFor();
  assert.equal(await page.getAttribute('#standing', 'data-late'), 'false');
  assert.equal(await page.locator('#mandate-late').count(), 0);
  assert.equal(await page.getAttribute('#mandate-progress', 'data-progress'), '100');
  assert.equal((await page.locator('#mandate-reports-count').textContent()).trim(), '1');
  await waitForText(page.locator('#reports-kept'), 'Reports are kept as filed');
  // Nothing on the timeline edits or deletes a report.
  assert.equal(await page.locator('#reports button').count(), 0);
  assert.equal(await page.locator('#reports a[href^="#/edit/"]').count(), 0);
  const filed = (await apiJson(`/api/v1/implementation-reports?mandate=${sauMandate}`)).items;
  assert.equal(filed.length, 1);
  assert.equal(filed[0].state, 'SAU');
  assert.equal(filed[0].progress, 100);
  assert.equal(filed[0].narrative_en, NARRATIVE);
  await shot(page, 'implementation-mandate-en.png');

  // The report's own page: kept as filed, no Edit or Delete, even for the state that filed it.
  await entry.getByRole('link', { name: 'Open' }).click();
  await page.locator('#append-only').waitFor();
  await waitForText(page.locator('#append-only'), 'Kept as filed');
  assert.equal(await page.locator('.page-head .actions').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
  await page.goto(`${base}/#/edit/implementation-reports/${filed[0].id}`);
  await waitForText(page.locator('#cannot-write'), 'keeps its records as filed');
  assert.equal(await page.locator('form.record-form').count(), 0);
  assertClean();
});

test('the resolution\'s progress and the gap view follow the report', async (t) => {
  await fixture();
  assert.ok(sauMandate, 'the mandates were made');
  const { page, assertClean } = await openPage(t);
  const now = await apiJson(`/api/v1/resolutions/${RES}/progress`);
  assert.ok(now.progress > before.progress, `the report raised the progress (${before.progress} -> ${now.progress})`);

  await page.goto(`${base}/#/resolutions/${RES}`);
  await page.locator('#resolution-progress[data-progress]').waitFor();
  assert.equal(Number(await page.getAttribute('#resolution-progress', 'data-progress')), now.progress);
  await waitForText(page.locator('#resolution-progress'), `${now.progress}%`);
  assert.equal(await shownCount(page.locator('#resolution-counts'), 'implemented'), before.counts.implemented + 1);
  assert.equal(await shownCount(page.locator('#resolution-counts'), 'late'), before.counts.late);
  const sauRow = page.locator(`tr[data-mandate="${sauMandate}"]`);
  await sauRow.waitFor();
  assert.equal(await sauRow.getAttribute('data-status'), 'implemented');
  assert.equal(await sauRow.getAttribute('data-late'), 'false');
  await waitForText(sauRow, 'Implemented');
  await waitForText(sauRow, '100%');

  // The gap: one more implemented, Saudi Arabia's row reported and not late.
  await page.goto(`${base}/#/gap`);
  await page.locator('#gap-groups tbody tr').first().waitFor();
  assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').textContent(), 'Implementation');
  assert.equal(await statValue(page, 'mandates'), before.gap.mandates + 2);
  assert.equal(await statValue(page, 'implemented'), before.gap.implemented + 1);
  assert.equal(await statValue(page, 'late'), before.gap.late);
  const row = page.locator('#gap-groups tr[data-key="state:SAU"]');
  await waitForText(row, 'Saudi Arabia');
  assert.equal((await row.locator('[data-count="implemented"]').textContent()).trim(), '1');
  assert.equal((await row.locator('[data-count="late"]').textContent()).trim(), '0');
  assert.equal((await row.locator('[data-count="silent"]').textContent()).trim(), '0');
  assert.equal(await row.locator('.meter-line').getAttribute('data-progress'), '100');
  assert.equal(await row.locator('a').getAttribute('href'), '#/states/SAU');

  // As of a day before the report, Saudi Arabia had not reported: it was late, and silent.
  await page.fill('#gap-on', day(-1));
  await page.locator('#gap-on').dispatchEvent('change');
  await page.waitForFunction((d) => location.hash.includes(`on=${d}`) && !document.querySelector('#gap-body[aria-busy]'), day(-1));
  assert.equal((await row.locator('[data-count="late"]').textContent()).trim(), '1');
  assert.equal((await row.locator('[data-count="silent"]').textContent()).trim(), '1');
  assert.equal(await statValue(page, 'implemented'), before.gap.implemented);
  await waitForText(page.locator('#gap-silent-list'), 'Saudi Arabia');
  await waitForText(page.locator('#gap-silent-list li[data-key="state:SAU"]'), '1 mandate due, of 1');
  assertClean();
});

test('the gap view: groups, the chart over the years, the addressees that never reported, the feeds', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/gap`);
  await page.locator('#gap-groups tbody tr').first().waitFor();
  const gap = await apiJson('/api/v1/gap');
  for (const g of gap.groups) {
    const r = page.locator(`#gap-groups tr[data-key="${g.key}"]`);
    assert.equal((await r.locator('[data-count="mandates"]').textContent()).trim(), String(g.counts.mandates), g.key);
    assert.equal((await r.locator('[data-count="late"]').textContent()).trim(), String(g.counts.late), g.key);
  }
  assert.equal(await page.locator('#gap-groups tbody tr').count(), gap.groups.length);

  // The chart: one stacked bar a year, whose parts add up to its mandates, and the late beside.
  const svg = page.locator('#gap-chart svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await svg.locator('title').first().textContent(), /Mandates by the year they were given/);
  for (const y of gap.years) {
    const g = svg.locator(`g[data-year="${y.year}"]`);
    const parts = await g.locator('rect.seg:not(.seg-late)').evaluateAll((rs) => rs.map((r) => Number(r.dataset.value)));
    assert.equal(parts.reduce((a, b) => a + b, 0), y.counts.mandates, `the bar of ${y.year} adds up to its mandates`);
    assert.equal(Number(await g.locator('rect.seg-implemented').getAttribute('data-value')), y.counts.implemented);
    assert.equal(Number(await g.locator('rect.seg-late').getAttribute('data-value')), y.counts.late);
    await waitForText(svg.locator('desc'), `${y.year}: ${y.counts.mandates} mandates — ${y.counts.implemented} implemented`);
  }
  assert.equal(await page.locator('#gap-chart-legend li').count(), 4);

  // The addressees that never reported on a mandate due, by name.
  if (gap.silent.length) {
    for (const s of gap.silent) await page.locator(`#gap-silent-list li[data-key="${s.key}"]`).waitFor();
  } else {
    await page.locator('#gap-no-silent').waitFor();
  }

  // Grouped by year, then by organ.
  await page.selectOption('#gap-by', 'year');
  await page.waitForFunction(() => location.hash.includes('by=year') && !document.querySelector('#gap-body[aria-busy]'));
  await waitForText(page.locator('#gap-groups-h'), 'By year given');
  await page.locator('#gap-groups tr[data-key="2018"]').waitFor();
  await page.selectOption('#gap-by', 'organ');
  await page.waitForFunction(() => location.hash.includes('by=organ') && !document.querySelector('#gap-body[aria-busy]'));
  await waitForText(page.locator('#gap-groups tr[data-key="cfm"]'), 'Council of Foreign Ministers');

  // One addressee: the feeds become that addressee's, and they answer.
  await page.selectOption('#gap-by', 'addressee');
  await page.locator('#gap-addressee option[value="state:SAU"]').waitFor({ state: 'attached' });
  await page.selectOption('#gap-addressee', 'state:SAU');
  await page.waitForFunction(() => location.hash.includes('addressee=state%3ASAU') && !document.querySelector('#gap-body[aria-busy]'));
  assert.equal(await page.locator('#gap-groups tbody tr').count(), 1);
  assert.equal(await statValue(page, 'mandates'), 1);
  const ics = await page.getAttribute('#feed-deadlines', 'href');
  const atom = await page.getAttribute('#feed-late', 'href');
  assert.equal(ics, '/api/v1/deadlines.ics?addressee=state%3ASAU');
  assert.equal(atom, '/api/v1/late.atom?addressee=state%3ASAU');
  await waitForText(page.locator('#feed-deadlines'), 'Deadlines of Saudi Arabia');
  const r1 = await api(ics);
  assert.equal(r1.status, 200);
  assert.match(r1.headers.get('content-type'), /text\/calendar/);
  assert.match(r1.body, /BEGIN:VCALENDAR/);
  const r2 = await api(atom);
  assert.equal(r2.status, 200);
  assert.match(r2.headers.get('content-type'), /atom\+xml/);
  const csv = await page.getAttribute('#feed-csv', 'href');
  const r3 = await api(csv);
  assert.equal(r3.status, 200);
  assert.match(r3.headers.get('content-type'), /text\/csv/);
  assert.ok(r3.body.includes(sauMandate ?? 'id,'), 'the mandates are in the progress report');

  // The resolution filter, from the resolution's page link, shown as a chip that removes it.
  await page.goto(`${base}/#/resolutions/${RES}`);
  await page.click('#resolution-gap-link');
  await page.locator('#gap-chip-resolution').waitFor();
  await waitForText(page.locator('#gap-chip-resolution'), '53/45-POL');
  const onlyRes = await apiJson(`/api/v1/gap?resolution=${RES}`);
  assert.equal(await statValue(page, 'mandates'), onlyRes.counts.mandates);
  await page.locator('#gap-chip-resolution button').click();
  await page.waitForFunction(() => !location.hash.includes('resolution=') && !document.querySelector('#gap-body[aria-busy]'));
  assert.equal(await statValue(page, 'mandates'), (await apiJson('/api/v1/gap')).counts.mandates);
  assertClean();
  assertServerAlive('after the gap view');
});

test('the gap view in Arabic: right to left, Arabic labels, the chart mirrored', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t, { locale: 'ar' });
  await page.goto(`${base}/#/gap`);
  await page.locator('#gap-groups tbody tr').first().waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal((await page.locator('h1').textContent()).trim(), 'تنفيذ القرارات');
  assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').textContent(), 'التنفيذ');
  await waitForText(page.locator('#gap-totals [data-stat="late"] .stat-label'), 'المتأخرة');
  assert.equal((await page.locator('#gap-groups thead th').first().textContent()).trim(), 'الجهة المكلفة');
  const sauAr = (await apiJson('/api/v1/states/SAU')).name_ar;
  await waitForText(page.locator('#gap-groups tr[data-key="state:SAU"]'), sauAr);
  await waitForText(page.locator('#gap-silent-h'), 'لم تقدّم أي تقرير');
  await waitForText(page.locator('#feed-deadlines'), 'المواعيد النهائية');
  // The layout mirrors: the heading and the scale of the chart sit at the right.
  const h1 = await page.locator('h1').boundingBox();
  const view = await page.locator('main .view').boundingBox();
  assert.ok(view.x + view.width - (h1.x + h1.width) < 60, 'the heading sits at the right edge');
  const tick = await page.locator('#gap-chart svg text.tick').first().boundingBox();
  const bar = await page.locator('#gap-chart svg rect.seg').first().boundingBox();
  assert.ok(tick.x > bar.x, 'the scale is on the right of the bars');
  await shot(page, 'implementation-gap-ar.png');
  assertClean();
});

test('a programme\'s page: the tree of its parts with the progress of each, and its own mandates', async (t) => {
  await fixture();
  const parts = [
    { id: 'oic-2025-e2e-peace', parent: 'oic-2025', kind: 'priority_area', code: 'PA-E2E', title_en: 'Peace and security (e2e)', title_ar: 'السلم والأمن', title_fr: 'Paix et sécurité' },
    { id: 'oic-2025-e2e-mediation', parent: 'oic-2025-e2e-peace', kind: 'goal', code: 'G-E2E', title_en: 'Mediation capacity (e2e)' },
  ];
  for (const p of parts) {
    const r = await adminApi('POST', '/api/v1/results', p);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const m1 = await adminApi('POST', '/api/v1/mandates', { result: 'oic-2025-e2e-mediation', addressee: 'organ', addressee_organ: 'secretariat', action_en: 'Train fifty mediators', due: day(-10) });
  assert.equal(m1.status, 201, JSON.stringify(m1.body));
  const m2 = await adminApi('POST', '/api/v1/mandates', { result: 'oic-2025', addressee: 'secretary_general', action_en: 'Report on the programme to the Summit' });
  assert.equal(m2.status, 201, JSON.stringify(m2.body));
  const rep = await adminApi('POST', '/api/v1/implementation-reports', { mandate: m2.body.id, status: 'in_progress', progress: 40 });
  assert.equal(rep.status, 201, JSON.stringify(rep.body));
  const tree = await apiJson('/api/v1/results/oic-2025/progress');

  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/results/oic-2025`);
  await page.locator('#result-tree li[data-result="oic-2025-e2e-mediation"]').waitFor();
  assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').textContent(), 'Implementation');
  assert.equal(Number(await page.getAttribute('#programme-progress', 'data-progress')), tree.progress);
  const peace = page.locator('#result-tree li[data-result="oic-2025-e2e-peace"]');
  await waitForText(peace.locator('> .tree-line'), 'Peace and security (e2e)');
  await waitForText(peace.locator('> .tree-line'), 'Priority area');
  const child = tree.children.find((c) => c.result === 'oic-2025-e2e-peace');
  assert.equal(Number(await peace.locator('> .tree-line .meter-line').getAttribute('data-progress')), child.progress);
  const goal = peace.locator('li[data-result="oic-2025-e2e-mediation"]');
  await waitForText(goal.locator('.tree-line'), 'Late: 1');
  assert.equal(await goal.locator('.tree-line a').getAttribute('href'), '#/results/oic-2025-e2e-mediation');
  // The programme's own mandate, with its standing.
  const own = page.locator(`#programme-mandates tr[data-mandate="${m2.body.id}"]`);
  await waitForText(own, 'the Secretary-General');
  await waitForText(own, '40%');
  // A part's page shows its own tree.
  await goal.locator('.tree-line a').click();
  await page.locator('#result-tree li.root[data-result="oic-2025-e2e-mediation"]').waitFor();
  await waitForText(page.locator('#programme-mandates'), 'Train fifty mediators');
  assertClean();
});
