// Browser tests of meetings and votes: a secretariat officer records the attendance of a
// session of the Council of Foreign Ministers until the quorum is met (the indicator flips),
// opens a vote on a draft (a first attempt is refused for want of a quorum, and says so),
// two delegates vote from their own browsers and one changes their vote while the chair's
// page follows the tally by itself; a delegate of a state that is not present is told why
// they cannot vote; the chair closes the vote and every page shows the recorded result; the
// resolution becomes adopted; the pages read right to left in Arabic. Also: the meetings
// list (its calendar feed), a resolution's paragraphs, and the organs' cycles on the home page.
//
// The accounts and the session are set up through the API as the administrator; what is
// under test happens in the browser. The tests run in order and share that fixture.
//
// Run: node --test tests/e2e/   (TANSIQ_BIN=/path/to/tansiq to test another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useServerAndBrowser, openPage, waitForText, signInUI, adminApi, api, apiJson, assertServerAlive, sleep,
  makeUser as user, once, USER_PASSWORD, ARTIFACTS, base,
} from './browser.mjs';

useServerAndBrowser();

const PW = USER_PASSWORD;
const MEETING = 'cfm-e2e-extraordinary';
const ABSENT = 'IDN';
const basic = (u) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${PW}`).toString('base64') });
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

let draft;           // the draft resolution's id
let present = [];    // the member states that will be present (38: the quorum of 57)
let voteId = null;   // set by the first test
let apiVoters = [];  // states whose delegates vote through the API

/* The fixture, made once through the API (called by each test: the server starts in the
   file's own before hook). */
const fixture = once(makeFixture);

async function makeFixture() {
  const members = (await apiJson('/api/v1/states?status=member&sort=id&limit=100')).items.map((s) => s.id);
  assert.ok(members.includes('SAU') && members.includes('TUR') && members.includes(ABSENT));
  const q = await apiJson('/api/v1/meetings/cfm-45/quorum');
  assert.equal(q.members, 57);
  assert.equal(q.quorum, 38, 'two-thirds of 57 member states');
  present = ['SAU', 'TUR', ...members.filter((s) => !['SAU', 'TUR', ABSENT].includes(s))].slice(0, 38);
  apiVoters = present.slice(2, 5);

  await user('chair.e2e', ['secretariat']);
  await user('delegate.sau', ['delegate'], 'SAU');
  await user('delegate.tur', ['delegate'], 'TUR');
  await user('delegate.idn', ['delegate'], ABSENT);
  for (const s of apiVoters) await user(`delegate.${s.toLowerCase()}`, ['delegate'], s);

  const m = await adminApi('POST', '/api/v1/meetings', {
    id: MEETING, organ: 'cfm', kind: 'extraordinary', session_number: 90, start: '2026-11-22', status: 'in_session',
    title_en: 'Extraordinary session on mediation', title_fr: 'Session extraordinaire sur la médiation',
    title_ar: 'الدورة الاستثنائية بشأن الوساطة', place_en: 'Jeddah',
  });
  assert.equal(m.status, 201, JSON.stringify(m.body));
  const item = await adminApi('POST', '/api/v1/agenda-items', { meeting: MEETING, number: 1, title_en: 'The network of mediators' });
  assert.equal(item.status, 201, JSON.stringify(item.body));
  const d = await adminApi('POST', '/api/v1/resolutions', {
    meeting: MEETING, status: 'draft', title_en: 'Draft resolution on the network of mediators',
    title_fr: 'Projet de résolution sur le réseau de médiateurs', title_ar: 'مشروع قرار بشأن شبكة الوسطاء',
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  draft = d.body.id;
  // All but the last three present states through the API; those three through the checklist.
  for (const s of present.slice(0, 35)) {
    const a = await adminApi('POST', '/api/v1/attendance', { meeting: MEETING, state: s });
    assert.equal(a.status, 201, JSON.stringify(a.body));
  }
}

async function quorumText(page) {
  return (await page.locator('#quorum-status').textContent()).replace(/\s+/g, ' ').trim();
}

test('the secretariat records attendance until the quorum is met, then opens a vote (refused before)', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'chair.e2e', PW);
  await page.goto(`${base}/#/meetings/${MEETING}`);
  await page.locator('#quorum[data-met="false"]').waitFor();
  assert.equal(await quorumText(page), 'Quorum: 38 of 57 member states required — 35 present — not met');
  assert.equal(await page.locator('#quorum-status').getAttribute('aria-live'), 'polite');
  assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').textContent(), 'Meetings');

  // The checklist: member and observer states, those recorded already ticked.
  await page.locator('#att-members input[type="checkbox"]').first().waitFor();
  assert.equal(await page.locator('#att-members input[type="checkbox"]').count(), 57);
  assert.ok(await page.locator('#att-observers input#att-BIH').count(), 'observer states are on the checklist');
  assert.ok(await page.isChecked('#att-SAU'));
  assert.ok(!(await page.isChecked(`#att-${ABSENT}`)));
  assert.match(await page.locator('label[for="att-SAU"]').textContent(), /Saudi Arabia/);
  // The agenda of the session.
  await waitForText(page.locator('.related').filter({ hasText: 'Agenda' }), 'The network of mediators');

  // Two more states through the checklist: 37 present, still not met.
  const [a, b, c] = present.slice(35);
  for (const s of [a, b]) {
    await page.check(`#att-${s}`);
    await waitForText(page.locator('#attendance-status'), 'is recorded as present');
    await page.locator(`#att-${s}:not([disabled])`).waitFor();
  }
  await waitForText(page.locator('#quorum-status'), '37 present — not met');

  // Opening a vote now is refused for want of a quorum, and the page says so plainly.
  assert.equal(await page.inputValue('#open-vote-resolution'), draft, 'the draft of this meeting is proposed');
  assert.ok(await page.locator('#open-vote-method-consensus').count(), 'the OIC rule provides for consensus');
  await page.click('#open-vote-submit');
  const refusal = page.locator('#open-vote-errors [data-code="quorum-not-met"]');
  await refusal.waitFor();
  await waitForText(refusal, 'The quorum is not met: 37 member states are present and 38 are needed.');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'open-vote-errors');
  assert.equal((await apiJson(`/api/v1/votes?meeting=${MEETING}`)).total, 0, 'no vote was opened');

  // The last state arrives: the quorum indicator flips to met.
  await page.check(`#att-${c}`);
  await page.locator('#quorum[data-met="true"]').waitFor();
  assert.equal(await quorumText(page), 'Quorum: 38 of 57 member states required — 38 present — met');
  await refusal.waitFor({ state: 'detached' });
  // Removing one state flips it back (DELETE of its attendance record); ticking it again restores it.
  await page.locator(`#att-${c}:not([disabled])`).waitFor();
  await page.uncheck(`#att-${c}`);
  await page.locator('#quorum[data-met="false"]').waitFor();
  await waitForText(page.locator('#attendance-status'), 'is no longer recorded as present');
  assert.equal((await apiJson(`/api/v1/attendance?meeting=${MEETING}&state=${c}`)).total, 0);
  await page.locator(`#att-${c}:not([disabled])`).waitFor();
  await page.check(`#att-${c}`);
  await page.locator('#quorum[data-met="true"]').waitFor();
  const q = await apiJson(`/api/v1/meetings/${MEETING}/quorum`);
  assert.equal(q.present, 38);
  assert.equal(q.met, true);
  await shot(page, 'meeting-attendance-en.png');

  await page.click('#open-vote-submit');
  await page.waitForFunction(() => /^#\/votes\/[^/]+$/.test(location.hash));
  voteId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  await waitForText(page.locator('#flash'), 'The vote is open.');
  await page.locator('#vote-status[data-status="open"]').waitFor();
  await waitForText(page.locator('h1'), 'Draft resolution on the network of mediators');
  assert.equal((await page.locator('[data-count="yes"]').textContent()).trim(), '0');
  assert.equal((await page.locator('[data-count="not_voting"]').textContent()).trim(), '38');
  assert.equal(await page.locator('#roll-call tbody tr').count(), 38, 'every state present is on the roll call');
  assert.ok(await page.locator('#close-vote').isVisible(), 'the chair closes the vote');
  assert.equal(await page.locator('#ballot-yes').count(), 0, 'the secretariat does not vote');

  // While the vote is open, the attendance is fixed and the meeting page says so.
  await page.goto(`${base}/#/meetings/${MEETING}`);
  await page.locator('#attendance-frozen').waitFor();
  assert.ok(await page.isDisabled(`#att-${ABSENT}`));
  await waitForText(page.locator('#meeting-votes'), 'Draft resolution on the network of mediators');
  assertClean();
});

test('delegates vote from their browsers, one changes their vote; the chair\'s page follows live; the chair closes', async (t) => {
  await fixture();
  assert.ok(voteId, 'the previous test opened the vote');
  const chair = await openPage(t);
  await signInUI(chair.page, 'chair.e2e', PW);
  await chair.page.goto(`${base}/#/votes/${voteId}`);
  await chair.page.locator('#vote-status[data-status="open"]').waitFor();
  await chair.page.evaluate(() => { window.tansiqSamePage = 'not reloaded'; });
  const count = (p, k) => p.locator(`[data-count="${k}"]`);

  // Three delegates vote through the API: the chair's page shows it by itself.
  for (const s of apiVoters) {
    const r = await api(`/api/v1/votes/${voteId}/ballots/${s}`, {
      method: 'PUT', headers: { ...basic(`delegate.${s.toLowerCase()}`), 'content-type': 'application/json' }, body: JSON.stringify({ choice: 'yes' }),
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  await waitForText(count(chair.page, 'yes'), '3');

  // Saudi Arabia's delegate votes no from their browser.
  const sau = await openPage(t);
  await signInUI(sau.page, 'delegate.sau', PW);
  await sau.page.goto(`${base}/#/votes/${voteId}`);
  await sau.page.locator('#ballot-yes').waitFor();
  await waitForText(sau.page.locator('#ballot'), 'You vote for Saudi Arabia.');
  assert.equal(await sau.page.locator('#close-vote').count(), 0, 'a delegate does not close the vote');
  assert.equal(await sau.page.getAttribute('#ballot-no', 'aria-pressed'), 'false');
  await sau.page.click('#ballot-no');
  await waitForText(sau.page.locator('#ballot-status'), 'Ballot recorded: No.');
  await sau.page.locator('#ballot-no[aria-pressed="true"]').waitFor();
  await waitForText(sau.page.locator('#ballot-current'), 'Your ballot: No.');
  await waitForText(count(chair.page, 'no'), '1');

  // Türkiye's delegate votes no.
  const tur = await openPage(t);
  await signInUI(tur.page, 'delegate.tur', PW);
  await tur.page.goto(`${base}/#/votes/${voteId}`);
  await tur.page.locator('#ballot-no').waitFor();
  await tur.page.click('#ballot-no');
  await tur.page.locator('#ballot-no[aria-pressed="true"]').waitFor();
  await waitForText(count(chair.page, 'no'), '2');
  assert.equal((await count(chair.page, 'not_voting').textContent()).trim(), '33');
  await chair.page.locator('#roll-call tr[data-state="TUR"][data-choice="no"]').waitFor();

  // Saudi Arabia changes its vote to yes: one state, one ballot.
  await sau.page.click('#ballot-yes');
  await sau.page.locator('#ballot-yes[aria-pressed="true"]').waitFor();
  assert.equal(await sau.page.getAttribute('#ballot-no', 'aria-pressed'), 'false');
  await waitForText(count(chair.page, 'yes'), '4');
  await waitForText(count(chair.page, 'no'), '1');
  await chair.page.locator('#roll-call tr[data-state="SAU"][data-choice="yes"]').waitFor();
  // Every change reached the chair's page without a reload.
  assert.equal(await chair.page.evaluate(() => window.tansiqSamePage), 'not reloaded');
  await waitForText(chair.page.locator('#vote-required'), 'Yes votes required as the ballots stand: 4 of 5 present and voting.');
  await waitForText(chair.page.locator('#vote-if-now'), 'would be adopted');
  await shot(chair.page, 'vote-open-en.png');

  // A delegate of a state not recorded as present: no buttons, and the reason.
  const idn = await openPage(t);
  await signInUI(idn.page, 'delegate.idn', PW);
  await idn.page.goto(`${base}/#/votes/${voteId}`);
  await idn.page.locator('#ballot-not-entitled').waitFor();
  await waitForText(idn.page.locator('#ballot-not-entitled'), 'Indonesia is not on the roll call of this vote');
  assert.equal(await idn.page.locator('.ballot-button').count(), 0);
  // Leaving the page stops its polling.
  const polls = [];
  idn.page.on('request', (r) => { if (r.url().includes('/tally')) polls.push(r.url()); });
  await idn.page.goto(`${base}/#/`);
  await idn.page.locator('#cycles').waitFor();
  await sleep(2600);
  assert.deepEqual(polls, [], 'no tally requests once the vote page is left');

  // The chair closes the vote, after a confirmation.
  await chair.page.click('#close-vote');
  const dialog = chair.page.locator('dialog.confirm');
  await dialog.waitFor();
  await waitForText(dialog, 'Close the vote?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await chair.page.locator('#vote-status').getAttribute('data-status'), 'open', 'cancelled: still open');
  await chair.page.click('#close-vote');
  await dialog.getByRole('button', { name: 'Close the vote' }).click();
  await chair.page.locator('#vote-status[data-status="closed"]').waitFor();
  const result = 'Adopted by the required majority: 4 in favour, 1 against, 0 abstentions; 4 of 5 present and voting were required.';
  await waitForText(chair.page.locator('#vote-outcome'), result);
  assert.equal(await chair.page.locator('#vote-outcome').getAttribute('data-outcome'), 'adopted');
  assert.equal(await chair.page.locator('#close-vote').count(), 0, 'nothing left to close');
  await chair.page.locator('#roll-call tr[data-choice="not_voting"]').first().waitFor();
  assert.equal(await chair.page.locator('#roll-call tr[data-choice="not_voting"]').count(), 33);
  assert.equal(await chair.page.evaluate(() => window.tansiqSamePage), 'not reloaded');
  assert.equal(await chair.page.locator('.vote-meta time').count(), 2, 'opened and closed, with their times');
  assert.ok(!(await chair.page.locator('main').textContent()).includes('[object'), 'every value is written out');
  await shot(chair.page, 'vote-closed-en.png');

  // The delegates' pages learn it by themselves: no buttons, the recorded result.
  for (const [p, name] of [[sau.page, 'Saudi Arabia'], [tur.page, 'Türkiye']]) {
    await p.locator('#vote-status[data-status="closed"]').waitFor();
    await waitForText(p.locator('#vote-outcome'), result);
    await waitForText(p.locator('#ballot-closed'), `The vote is closed. The ballot of ${name}:`);
    assert.equal(await p.locator('.ballot-button').count(), 0);
  }
  // Polling stopped with the close.
  const late = [];
  chair.page.on('request', (r) => { if (r.url().includes('/tally')) late.push(r.url()); });
  await sleep(2600);
  assert.deepEqual(late, [], 'no tally requests once the vote is closed');

  const v = await apiJson(`/api/v1/votes/${voteId}`);
  assert.equal(v.outcome, 'adopted');
  assert.deepEqual([v.yes, v.no, v.abstain, v.not_voting], [4, 1, 0, 33]);
  for (const p of [chair, sau, tur, idn]) p.assertClean();
  assertServerAlive('after the vote');
});

test('after the vote: the resolution is adopted, the meeting lists the vote, a fresh page shows the result', async (t) => {
  await fixture();
  assert.ok(voteId, 'the vote was held');
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/resolutions/${draft}`);
  await page.locator('h1 .badge').waitFor();
  assert.equal((await page.locator('h1 .badge').textContent()).trim(), 'Adopted');
  assert.equal((await apiJson(`/api/v1/resolutions/${draft}`)).status, 'adopted');
  await waitForText(page.locator('#resolution-meeting'), 'Extraordinary session on mediation');
  await page.locator(`#resolution-votes a[href="#/votes/${voteId}"]`).waitFor();
  await waitForText(page.locator('#resolution-votes'), 'Adopted');

  await page.goto(`${base}/#/meetings/${MEETING}`);
  await page.locator(`#meeting-votes a[href="#/votes/${voteId}"]`).waitFor();
  await page.locator('#quorum[data-met="true"]').waitFor();
  assert.equal(await page.locator('#att-SAU').count(), 0, 'no checklist for the public');
  await waitForText(page.locator('#attendance'), 'Member states present: 38');
  await page.click(`#meeting-votes a[href="#/votes/${voteId}"]`);
  await waitForText(page.locator('#vote-outcome'), 'Adopted by the required majority');
  assert.equal(await page.locator('#roll-call tbody tr').count(), 38);
  await waitForText(page.locator('#roll-call tr[data-state="SAU"]'), 'Yes');
  assert.equal(await page.locator('.ballot-button').count(), 0, 'nobody votes in a closed vote');
  assertClean();
});

test('the vote and meeting pages in Arabic: right to left, Arabic labels and result', async (t) => {
  await fixture();
  assert.ok(voteId, 'the vote was held');
  const { page, assertClean } = await openPage(t, { locale: 'ar' });
  await page.goto(`${base}/#/votes/${voteId}`);
  await page.locator('#vote-status[data-status="closed"]').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await waitForText(page.locator('h1'), 'التصويت على: مشروع قرار بشأن شبكة الوسطاء');
  await waitForText(page.locator('#vote-outcome'), 'اعتُمد بالأغلبية المطلوبة: المؤيدون 4، المعارضون 1، الممتنعون 0');
  assert.equal((await page.locator('#tally .count-yes .count-label').textContent()).trim(), 'المؤيدون');
  assert.equal((await page.locator('#roll-call thead th').first().textContent()).trim(), 'الدولة');
  const sauAr = (await apiJson('/api/v1/states/SAU')).name_ar;
  await waitForText(page.locator('#roll-call tr[data-state="SAU"]'), sauAr);
  await waitForText(page.locator('#roll-call tr[data-state="SAU"]'), 'نعم');
  assert.equal(await page.locator('nav#site-nav a[data-nav="meetings"]').textContent(), 'الاجتماعات');
  // The layout mirrors: the heading starts at the right.
  const box = await page.locator('h1').boundingBox();
  const viewBox = await page.locator('main .view').boundingBox();
  assert.ok(viewBox.x + viewBox.width - (box.x + box.width) < 60, 'the heading sits at the right edge');
  await shot(page, 'vote-ar.png');

  await page.goto(`${base}/#/meetings/${MEETING}`);
  await page.locator('#quorum[data-met="true"]').waitFor();
  assert.equal(await quorumText(page), 'النصاب: يلزم حضور 38 من أصل 57 دولة عضوًا — الحاضرون 38 — مكتمل');
  await waitForText(page.locator('#attendance h2'), 'الحضور');
  assertClean();
});

test('the meetings list: newest first, filters, and the calendar feed in the interface language', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/meetings`);
  await page.locator('table.data tbody tr').first().waitFor();
  assert.equal(await page.locator('table.data tbody tr').first().getAttribute('data-id'), MEETING, 'the newest meeting first');
  assert.equal(await page.locator('table.data thead th[aria-sort="descending"]').count(), 1);
  await page.selectOption('#filter-status', 'in_session');
  await page.waitForFunction(() => /status=in_session/.test(location.hash) && !document.querySelector('.list-body[aria-busy]'));
  assert.equal(await page.locator('table.data tbody tr').count(), 1);
  // The organ filter offers the organs by name.
  await page.locator('#filter-organ option[value="cfm"]').waitFor({ state: 'attached' });
  assert.match(await page.locator('#filter-organ option[value="cfm"]').textContent(), /Council of Foreign Ministers/);

  const feed = page.locator('#calendar-feed');
  assert.equal(await feed.getAttribute('href'), '/api/v1/calendar.ics?lang=en');
  const ics = await fetch(base + (await feed.getAttribute('href')));
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /text\/calendar/);
  assert.match(await ics.text(), /BEGIN:VCALENDAR/);
  await page.click('button.lang-button[data-lang="fr"]');
  await page.waitForFunction(() => document.getElementById('calendar-feed')?.getAttribute('href').endsWith('lang=fr'));
  assert.match(await page.locator('#calendar-feed').textContent(), /S’abonner au calendrier/);

  // Votes are written only by their operations: no "New record" on their list.
  await page.goto(`${base}/#/votes`);
  await page.locator('table.data tbody tr').first().waitFor();
  assert.equal(await page.locator('.page-head a.button').count(), 0);
  assertClean();
});

test('a resolution\'s page: code, paragraphs in order, the source\'s paraphrase marked; the organs\' cycles on the home page', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/resolutions/53-45-pol`);
  await waitForText(page.locator('#resolution-code'), '53/45-POL');
  await waitForText(page.locator('#resolution-meeting'), '45th session of the Council of Foreign Ministers');
  await page.locator('#paragraphs .paragraph').first().waitFor();
  const numbers = await page.locator('#paragraphs ul[data-kind="operative"] .paragraph').evaluateAll((els) => els.map((e) => e.dataset.number));
  const numbered = numbers.filter(Boolean).map(Number);
  assert.deepEqual(numbered, [...numbered].sort((a, b) => a - b), 'in number order');
  assert.ok(numbered.includes(7));
  const firstUnnumbered = numbers.indexOf('');
  if (firstUnnumbered >= 0) {
    assert.ok(numbers.slice(firstUnnumbered).every((n) => n === ''), 'the unnumbered after the numbered');
    await waitForText(page.locator('#paragraphs .paragraph.unnumbered').first(), 'unnumbered');
  }
  await waitForText(page.locator('#paragraphs'), 'As reported by the source');

  // In Arabic, the Arabic form of the code.
  await page.click('button.lang-button[data-lang="ar"]');
  await waitForText(page.locator('#resolution-code'), '45/53-س');
  assert.equal(await page.locator('#resolution-code bdi[lang="ar"]').getAttribute('dir'), 'rtl');
  await page.click('button.lang-button[data-lang="en"]');

  await page.goto(`${base}/`);
  const cfm = page.locator('#cycles tr[data-organ="cfm"]');
  await cfm.waitFor();
  await waitForText(cfm, 'Session 45');
  assert.equal(await cfm.getAttribute('data-overdue'), 'true', 'no ordinary session of the CFM since 2018');
  await waitForText(cfm, 'Overdue');
  assertClean();
});
