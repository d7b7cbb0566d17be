// Browser tests of mediation (issue 7's "Done when", in the browser): the overview shows the code
// of conduct's gap, the Contact Group's co-chairs and the two conferences; the roster filters by
// language and expertise; the secretariat's officer approves a nomination (a decline without its
// reason refused by the field); opens a process from paragraph 53-45-pol-op-7; the matching screen
// ranks the candidates with their reasons and excludes a national of the state party by its rule;
// placing a candidate whom a hard rule now refuses shows the library's refusal; the top candidate
// is placed on the team as lead; the process moves on two stages, back without a reason is refused,
// back with one is drawn on the timeline; an agreement is recorded with provisions, grouped by
// category; the lead mediator, signed in as themself, finds the code of conduct not yet signable
// and writes in the journal; a mediator outside the team sees no journal on the process page and
// gets "not found" for the entry. A delegate nominates for their own state only. An alert's response
// names its mediation process from a list and links to it. In Arabic, the pages are laid out right
// to left.
//
// The accounts and the network are set up through the API as the administrator; what is under
// test happens in the browser. The tests run in order and share that fixture.
//
// Run: node --test tests/e2e/mediation.test.mjs   (TANSIQ_BIN=/path/to/tansiq for another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useServerAndBrowser, openPage, waitForText, signInUI, adminApi, api, makeUser as user, once, USER_PASSWORD, ARTIFACTS, base,
} from './browser.mjs';

useServerAndBrowser();

const PW = USER_PASSWORD;
const TITLE = 'Sudan: talks between the Sudanese Armed Forces and the Rapid Support Forces';
const REASON = 'The ceasefire was broken in El Fasher on the second day.';
const JOURNAL = 'Met the delegation of the Rapid Support Forces in Jeddah; they accept a second round.';
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

const ids = {}; // the members of the network, by who they are
let processId = null;
let entryId = null;

/* A member of the network, through the API; approved unless told otherwise. */
async function member(key, rec, { approve = true } = {}) {
  const r = await adminApi('POST', '/api/v1/mediators', { kind: 'mediator', nominated_by: 'state', ...rec });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  ids[key] = r.body.id;
  if (approve) {
    const a = await adminApi('POST', `/api/v1/mediators/${r.body.id}/approve`, {});
    assert.equal(a.status, 200, JSON.stringify(a.body));
  }
}

const fixture = once(async () => {
  await user('officer.med', ['secretariat']);
  await user('lead.med', ['mediator']);
  await user('outsider.med', ['mediator']);
  // The best fit: Arabic and English, ceasefire expertise, experience in Sudan.
  await member('lead', {
    name_en: 'Aminata Sow', name_ar: 'أميناتا سو', nominating_state: 'SEN', nationality: 'SEN', account: 'lead.med',
    languages: 'ar:fluent en:native fr:working', expertise: 'ceasefire-security process-design', regions: 'africa',
    countries: 'SDN TCD', experience_years: 22, max_load: 3,
  });
  await member('second', {
    name_en: 'Kemal Aydın', nominating_state: 'TUR', nationality: 'TUR', languages: 'en:working tr:native',
    expertise: 'power-sharing', regions: 'europe', experience_years: 8,
  });
  // A national of the state party: excluded whatever their fit.
  await member('national', {
    name_en: 'Omar Hassan', nominating_state: 'SDN', nationality: 'SDN', languages: 'ar:native en:fluent',
    expertise: 'ceasefire-security', regions: 'africa', countries: 'SDN', experience_years: 30,
  });
  // Nominations the secretariat decides in the browser.
  await member('nominee', { name_en: 'Fatima Zahra Benali', nominating_state: 'MAR', nationality: 'MAR', languages: 'fr:native ar:native' }, { approve: false });
  await member('declined', { name_en: 'Yusuf Karim', nominating_state: 'PAK', nationality: 'PAK', languages: 'ur:native en:fluent' }, { approve: false });
});

test('the overview shows the code of conduct as pending, the Contact Group with its co-chairs, the conferences and the network', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'officer.med', PW);
  await page.click('#nav-list a[data-nav="mediation"]');
  await page.locator('#med-network [data-status="approved"]').waitFor();
  assert.equal(await page.getAttribute('#med-network [data-status="approved"]', 'data-count'), '3');
  assert.equal(await page.getAttribute('#med-network [data-status="nominated"]', 'data-count'), '2');
  // The gap: no code adopted since resolution 53/45-POL asked for one.
  await waitForText(page.locator('#code-gap'), 'No code of conduct is adopted');
  await waitForText(page.locator('#codes [data-code="code-of-conduct-1"]'), 'Pending');
  // The Contact Group: co-chaired by Türkiye, Saudi Arabia, The Gambia and the Secretariat.
  const chairs = await page.locator('#friends-chairs li').evaluateAll((lis) => lis.map((li) => li.dataset.member).sort());
  assert.deepEqual(chairs, ['GMB', 'SAU', 'TUR', 'secretariat']);
  // The yearly conferences: 2017 and 2018.
  const conf = await page.locator('#conferences li').evaluateAll((lis) => lis.map((li) => li.dataset.meeting));
  assert.deepEqual(conf, ['mediation-conference-1', 'mediation-conference-2']);
  await waitForText(page.locator('#trainings'), 'Mediation simulation for young diplomats');
  await waitForText(page.locator('#missions'), 'Somalia');
  assert.equal(await page.getAttribute('#stage-counts [data-stage="exploration"]', 'data-count'), '0');
  await shot(page, 'mediation-overview-en.png');
  assertClean();
});

test('the roster filters by language and expertise; the secretariat approves a nomination and a decline without its reason is refused', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'officer.med', PW);
  await page.goto(`${base}/#/mediators`);
  await page.locator('#roster-table').waitFor();
  assert.equal(await page.locator('#roster-table tbody tr').count(), 5);
  // French speakers: the lead (working) and the nominee (native).
  await page.selectOption('#roster-language', 'fr');
  await page.waitForFunction(() => document.querySelectorAll('#roster-table tbody tr').length === 2);
  await page.waitForFunction(() => location.hash.includes('language=fr'));
  await page.selectOption('#roster-expertise', 'ceasefire-security');
  await page.waitForFunction(() => document.querySelectorAll('#roster-table tbody tr').length === 1);
  assert.equal(await page.getAttribute('#roster-table tbody tr', 'data-mediator'), ids.lead);
  await page.click('#roster-clear');
  await page.selectOption('#roster-status', 'nominated');
  await page.waitForFunction(() => document.querySelectorAll('#roster-table tbody tr').length === 2);

  // Declining needs the reason: refused by the field, nothing changed.
  await page.goto(`${base}/#/mediators/${ids.declined}`);
  await page.click('#decline-fold-toggle');
  await page.click('#decline-submit');
  await page.locator('#decline-reason-error:not([hidden])').waitFor();
  assert.equal((await adminApi('GET', `/api/v1/mediators/${ids.declined}`)).body.status, 'nominated');

  // Approving.
  await page.goto(`${base}/#/mediators/${ids.nominee}`);
  await waitForText(page.locator('#mediator-name'), 'Fatima Zahra Benali');
  await waitForText(page.locator('.med-head .mstat-nominated'), 'Nominated');
  await page.click('#mediator-approve');
  await waitForText(page.locator('#flash'), 'The nomination is approved');
  await waitForText(page.locator('.med-head .mstat-approved'), 'Approved');
  await waitForText(page.locator('#mediator-fields [data-key="decided"]'), 'officer.med');
  await waitForText(page.locator('#mediator-fields [data-key="code"]'), 'must sign');
  assert.equal((await adminApi('GET', `/api/v1/mediators/${ids.nominee}`)).body.status, 'approved');
  assertClean();
});

test('the secretariat opens a process from paragraph 53-45-pol-op-7', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'officer.med', PW);
  await page.goto(`${base}/#/processes`);
  await page.locator('#processes-empty').waitFor();
  await page.click('#open-process-toggle');
  await page.fill('#open-title_en', TITLE);
  await page.selectOption('#open-country', 'SDN');
  await page.selectOption('#open-authority', 'resolution_paragraph');
  await page.selectOption('#open-paragraph', '53-45-pol-op-7');
  await page.selectOption('#open-party_states', ['SDN']);
  await page.fill('#open-parties', 'Sudanese Armed Forces; Rapid Support Forces');
  await page.fill('#open-languages', 'ar en');
  await page.selectOption('#open-expertise', ['ceasefire-security']);
  await page.selectOption('#open-partners', ['un', 'au']);
  await page.fill('#open-opened_on', '2024-01-10');
  await page.click('#open-submit');
  await page.waitForFunction(() => /^#\/processes\/[^/]+$/.test(location.hash));
  processId = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
  await waitForText(page.locator('#process-title'), TITLE);
  await waitForText(page.locator('#flash'), 'The process is opened');
  assert.equal(await page.getAttribute('.process-head', 'data-stage'), 'exploration');
  assert.equal(await page.getAttribute('#mandate-paragraph', 'href'), '#/paragraphs/53-45-pol-op-7');
  await page.locator('#process-mandate a[href="#/resolutions/53-45-pol"]').waitFor();
  await waitForText(page.locator('#process-fields [data-key="party_states"]'), 'Sudan');
  await waitForText(page.locator('#stage-timeline li[data-kind="opened"]'), 'Exploration');
  const p = (await adminApi('GET', `/api/v1/processes/${processId}`)).body;
  assert.equal(p.paragraph, '53-45-pol-op-7');
  assert.equal(p.party_states, 'SDN');
  assert.deepEqual(p.partners.split(' ').sort(), ['au', 'un']);
  assertClean();
});

test('the matching ranks the candidates with their reasons, excludes the national of the state party, shows a refusal, and places the top candidate as lead', async (t) => {
  await fixture();
  assert.ok(processId, 'the process is opened by the test before');
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'officer.med', PW);
  await page.goto(`${base}/#/processes/${processId}`);
  await page.click('#to-match');
  await page.locator('#candidate-list').waitFor();
  // No code adopted: the rule is waived, and said so.
  await page.locator('#match-code-waived').waitFor();
  const ranked = await page.locator('#candidate-list > li').evaluateAll((lis) => lis.map((li) => [li.dataset.mediator, li.dataset.rank]));
  assert.ok(ranked.length >= 2, JSON.stringify(ranked));
  assert.deepEqual(ranked[0], [ids.lead, '1'], 'the best fit comes first');
  assert.ok(!ranked.some(([id]) => id === ids.national), 'the national of the state party is not a candidate');
  // Each candidate with the reasons of the score, and a bar.
  const top = page.locator(`#candidate-list > li[data-mediator="${ids.lead}"]`);
  assert.ok(await top.locator('table.reasons tbody tr').count() >= 3);
  await waitForText(top.locator('table.reasons tr[data-criterion="languages"]'), 'Languages of the parties');
  await waitForText(top.locator('table.reasons tr[data-criterion="country"]'), 'Experience in the country');
  const width = await top.locator('.meter-fill').evaluate((el) => el.style.inlineSize);
  assert.ok(parseFloat(width) > 0, `the top score's bar has a width: ${width}`);
  // The excluded, with the rule.
  const ex = page.locator(`#excluded-table tr[data-mediator="${ids.national}"]`);
  assert.equal(await ex.getAttribute('data-rule'), 'nationality');
  await waitForText(ex, 'National of a state party');
  await shot(page, 'mediation-match-en.png');

  // Meanwhile the second candidate becomes unavailable: placing them is refused, the library's words shown.
  const second = (await adminApi('PATCH', `/api/v1/mediators/${ids.second}`, { availability: 'unavailable' }));
  assert.equal(second.status, 200, JSON.stringify(second.body));
  await page.click(`#place-${ids.second}`);
  await page.locator('#place-refusal').waitFor();
  await waitForText(page.locator('#place-refusal'), /availab/i);
  assert.equal((await adminApi('GET', `/api/v1/process-team?process=${processId}`)).body.total, 0, 'nobody was placed');

  // The top candidate, as lead.
  assert.equal(await page.inputValue(`#role-${ids.lead}`), 'lead');
  await page.click(`#place-${ids.lead}`);
  await page.waitForFunction((id) => location.hash === `#/processes/${id}`, processId);
  await waitForText(page.locator('#flash'), 'Aminata Sow is placed on the team');
  const row = page.locator(`#team-table tr[data-mediator="${ids.lead}"]`);
  assert.equal(await row.getAttribute('data-role'), 'lead');
  await waitForText(row, 'Lead mediator');
  assert.equal((await adminApi('GET', `/api/v1/processes/${processId}`)).body.lead, ids.lead);
  assertClean();
});

test('the process moves on two stages; going back is refused without a reason and drawn on the timeline with one', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'officer.med', PW);
  const move = async (stage, on, reason = null) => {
    await page.click('#move-stage-toggle');
    await page.selectOption('#stage-stage', stage);
    await page.fill('#stage-on', on);
    if (reason !== null) await page.fill('#stage-reason', reason);
    await page.click('#stage-submit');
  };
  await page.goto(`${base}/#/processes/${processId}`);
  await move('pre_negotiation', '2024-02-01');
  await waitForText(page.locator('#flash'), 'The stage is recorded');
  await page.locator('.process-head[data-stage="pre_negotiation"]').waitFor();
  await move('ceasefire', '2024-03-15');
  await page.locator('.process-head[data-stage="ceasefire"]').waitFor();

  // Back without a reason: refused by the field, nothing changed.
  await move('pre_negotiation', '2024-04-02');
  await page.locator('#stage-reason-error:not([hidden])').waitFor();
  await waitForText(page.locator('#stage-errors'), 'The stage was not recorded');
  assert.equal((await adminApi('GET', `/api/v1/processes/${processId}`)).body.stage, 'ceasefire');

  await page.fill('#stage-reason', REASON);
  await page.click('#stage-submit');
  await page.locator('.process-head[data-stage="pre_negotiation"]').waitFor();
  const steps = await page.locator('#stage-timeline > li').evaluateAll((lis) => lis.map((li) => [li.dataset.stage, li.dataset.back || '']));
  assert.deepEqual(steps, [['exploration', ''], ['pre_negotiation', 'false'], ['ceasefire', 'false'], ['pre_negotiation', 'true']]);
  const back = page.locator('#stage-timeline > li[data-back="true"]');
  await waitForText(back, REASON);
  await waitForText(back, 'back from Ceasefire');
  await waitForText(back.locator('time'), '2 April 2024');
  assertClean();
});

test('an agreement is recorded with provisions, grouped by category with their implementation status', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'officer.med', PW);
  await page.goto(`${base}/#/processes/${processId}`);
  await page.locator('#agreements-none').waitFor();
  await page.click('#add-agreement-toggle');
  await page.fill('#agreement-title_en', 'Jeddah Declaration of Commitment to Protect the Civilians of Sudan');
  await page.selectOption('#agreement-kind', 'pre_negotiation');
  await page.fill('#agreement-signed_on', '2024-02-20');
  await page.fill('#agreement-place', 'Jeddah');
  await page.click('#agreement-submit');
  await waitForText(page.locator('#flash'), 'The agreement is recorded');
  const ag = page.locator('#agreements article.agreement');
  await waitForText(ag, 'Jeddah Declaration');
  const agId = await ag.getAttribute('data-agreement');

  const provision = async (number, category, text, status) => {
    await page.click(`#provision-${agId}-fold-toggle`);
    await page.fill(`#provision-${agId}-number`, number);
    await page.selectOption(`#provision-${agId}-category`, category);
    await page.fill(`#provision-${agId}-text_en`, text);
    await page.selectOption(`#provision-${agId}-status`, status);
    await page.click(`#provision-${agId}-submit`);
    await page.locator(`#agreements li[data-provision]`, { hasText: text }).waitFor();
  };
  await provision('1', 'humanitarian', 'The parties allow safe passage of humanitarian aid.', 'partial');
  await provision('2', 'ceasefire', 'The parties refrain from attacks on civilians.', 'stalled');
  await provision('3', 'humanitarian', 'The parties protect humanitarian workers.', 'not_started');
  const groups = await page.locator(`#agreement-${agId} .provision-group`).evaluateAll((gs) => gs.map((g) => [g.dataset.category, g.querySelectorAll('li').length]));
  assert.deepEqual(groups, [['ceasefire', 1], ['humanitarian', 2]]);
  await waitForText(page.locator(`#agreement-${agId} [data-category="ceasefire"] .pstatus-stalled`), 'Stalled');
  await waitForText(page.locator(`#agreement-${agId} [data-category="humanitarian"] .pstatus-partial`), 'Partly implemented');
  assertClean();
});

test('the lead mediator, signed in as themself, edits their profile, cannot sign a code not yet adopted, and writes in the journal', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'lead.med', PW);
  await page.goto(`${base}/#/mediators/${ids.lead}`);
  await page.locator('#this-is-you').waitFor();
  assert.equal(await page.isDisabled('#mediator-sign'), true);
  await waitForText(page.locator('#sign-why'), 'no code of conduct is adopted');
  // They keep their own profile: availability now limited.
  await page.click('#mediator-edit');
  await page.selectOption('#f-availability', 'limited');
  await page.click('form.record-form button[type="submit"]');
  await page.waitForFunction((id) => location.hash === `#/mediators/${id}`, ids.lead);
  await waitForText(page.locator('#mediator-fields [data-key="availability"]'), 'Partly available');
  await waitForText(page.locator(`#team-places li[data-process="${processId}"]`), 'Lead mediator');

  await page.click(`#team-places a[href="#/processes/${processId}"]`);
  await page.locator('#journal').waitFor();
  await page.locator('#journal-none').waitFor();
  await page.selectOption('#journal-kind', 'contact');
  await page.fill('#journal-text', JOURNAL);
  await page.click('#journal-submit');
  await waitForText(page.locator('#flash'), 'The entry is written');
  const entry = page.locator('#journal-entries > li').first();
  await waitForText(entry, JOURNAL);
  await waitForText(entry, 'lead.med');
  entryId = await entry.getAttribute('data-entry');
  assert.ok(entryId);
  assertClean();
});

test('a mediator outside the team sees the process without its journal, and the entry is not found', async (t) => {
  await fixture();
  assert.ok(entryId, 'the entry is written by the test before');
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'outsider.med', PW);
  await page.goto(`${base}/#/processes/${processId}`);
  await waitForText(page.locator('#process-title'), TITLE);
  await page.locator('#team-table').waitFor();
  assert.equal(await page.locator('#journal').count(), 0, 'no journal section');
  assert.equal(await page.locator('#add-agreement').count(), 0, 'no agreement form for a mediator outside the team');
  assert.ok(!(await page.textContent('main')).includes('Rapid Support Forces in Jeddah'));
  await page.goto(`${base}/#/journal-entries/${entryId}`);
  await waitForText(page.locator('main h1'), 'Page not found');
  // The API says the same to the outsider's session: not found.
  const cookies = await page.context().cookies();
  const r = await api(`/api/v1/journal-entries/${entryId}`, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
  assert.equal(r.status, 404);
  assertClean();
});

test('a delegate nominates for their own state only, and the nomination waits for the secretariat', async (t) => {
  await fixture();
  await user('delegate.mar', ['delegate'], 'MAR');
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'delegate.mar', PW);
  await page.goto(`${base}/#/mediators`);
  await page.click('#nominate-toggle');
  await waitForText(page.locator('#nominate-form'), 'A nomination by your state (MAR)');
  assert.equal(await page.locator('#nominate-nominated_by').count(), 0, 'a delegate does not choose who nominates');
  assert.equal(await page.locator('#nominate-nominating_state').count(), 0);
  // Without a nationality: refused by the field, nothing recorded.
  await page.fill('#nominate-name_en', 'Youssef El Amrani');
  await page.selectOption('#nominate-kind', 'expert');
  await page.click('#nominate-submit');
  await page.locator('#nominate-nationality-error:not([hidden])').waitFor();
  assert.equal((await adminApi('GET', '/api/v1/mediators?nominating_state=MAR')).body.total, 1);
  await page.selectOption('#nominate-nationality', 'MAR');
  await page.fill('#nominate-languages', 'ar:native fr:fluent en:working');
  await page.selectOption('#nominate-expertise', ['constitutions']);
  await page.click('#nominate-submit');
  await page.waitForFunction(() => /^#\/mediators\/[^/]+$/.test(location.hash));
  await waitForText(page.locator('#mediator-name'), 'Youssef El Amrani');
  await waitForText(page.locator('.med-head .mstat-nominated'), 'Nominated');
  await waitForText(page.locator('#mediator-fields [data-key="languages"]'), 'French (fluent)');
  // A delegate decides nothing.
  assert.equal(await page.locator('#mediator-approve').count(), 0);
  await page.locator('#mediator-no-action').waitFor();
  const id = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
  const m = (await adminApi('GET', `/api/v1/mediators/${id}`)).body;
  assert.equal(m.nominated_by, 'state');
  assert.equal(m.nominating_state, 'MAR');
  assert.equal(m.status, 'nominated');
  assertClean();
});

test('the response to an alert by a mediation process names it from the list, and the alert links to the process', async (t) => {
  await fixture();
  const raised = await adminApi('POST', '/api/v1/alerts', { country: 'SDN', severity: 'high', title_en: 'Fighting in El Fasher' });
  assert.equal(raised.status, 201, JSON.stringify(raised.body));
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'officer.med', PW);
  await page.goto(`${base}/#/alerts/${raised.body.id}`);
  await page.selectOption('#respond-response_kind', 'mediation_process');
  await page.locator(`#respond-response_process option[value="${processId}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#respond-response_process', processId);
  await page.click('#respond-submit');
  await waitForText(page.locator('#flash'), 'response');
  const link = page.locator('#alert-response a.response-link');
  assert.equal(await link.getAttribute('href'), `#/processes/${processId}`);
  await waitForText(link, TITLE);
  assert.equal((await adminApi('GET', `/api/v1/alerts/${raised.body.id}`)).body.response_process, processId);
  assertClean();
});

test('in Arabic the overview, the roster, the process and its matching are laid out right to left', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t, { locale: 'ar' });
  await signInUI(page, 'officer.med', PW);
  await page.goto(`${base}/#/mediation`);
  await page.locator('#code-gap').waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  await waitForText(page.locator('main h1'), 'الوساطة');
  await waitForText(page.locator('#code-gap'), 'لم تُعتمد');
  await shot(page, 'mediation-overview-ar.png');
  await page.goto(`${base}/#/mediators`);
  await page.locator('#roster-table').waitFor();
  await waitForText(page.locator(`#roster-table tr[data-mediator="${ids.lead}"]`), 'أميناتا سو');
  await shot(page, 'mediation-roster-ar.png');
  await page.goto(`${base}/#/processes/${processId}`);
  await page.locator('#stage-timeline').waitFor();
  await waitForText(page.locator('#stages-h'), 'المراحل');
  await waitForText(page.locator('#journal-h'), 'السجل');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  // The timeline's line stands on the right in Arabic.
  const side = await page.locator('#stage-timeline').evaluate((el) => getComputedStyle(el).borderRightWidth);
  assert.equal(side, '3px');
  await shot(page, 'mediation-process-ar.png');
  await page.goto(`${base}/#/processes/${processId}/match`);
  await page.locator('#excluded-table').waitFor();
  await waitForText(page.locator(`#excluded-table tr[data-mediator="${ids.national}"]`), 'من مواطني دولة طرف');
  await shot(page, 'mediation-match-ar.png');
  assertClean();
});
