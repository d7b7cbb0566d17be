// Browser tests of search and documents (issue 8's "Done when", in the browser): on a server
// initialised with the default data, typing الوساطة in the header's box of the Arabic interface
// finds resolution 53/45-POL and the report of the 2nd conference on mediation
// (src-003-mediation-conference-2018) with the matched words marked, the page right to left; the
// same in English ("mediation") and French ("médiation") finds the resolution, and an Arabic
// document in the English page reads right to left; a facet filters and its chip removes the
// filter; a document of the secretariat's level is found by the secretariat and, for an anonymous
// visitor and a delegate, is in no hit, no total and no facet count, and its words are nowhere in
// the page; a secretariat officer uploads a .txt file through the form (a refusal shown beside the
// field it names first), finds it by another form of one of its Arabic words, and its page shows
// the text right to left.
//
// Run: node --test tests/e2e/search.test.mjs   (TANSIQ_BIN=/path/to/tansiq for another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useServerAndBrowser, openPage, waitForText, signInUI, api, adminApi, makeUser, once, USER_PASSWORD, ARTIFACTS, ROOT, base,
} from './browser.mjs';

useServerAndBrowser();

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
const RESOLUTION = 'hit[data-type="resolutions"][data-id="53-45-pol"]';
const REPORT_ID = 'src-003-mediation-conference-2018';
const REPORT = `hit[data-type="documents"][data-id="${REPORT_ID}"]`;
const UPLOAD = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'arbitration-minutes-ar.txt');

// The secretariat's document: a word found nowhere else, and الوساطة so that it would be among
// the hits of the story's search.
const SECRET_WORD = 'زربانيت';
const SECRET_TITLE = `مذكرة داخلية عن ملف ${SECRET_WORD}`;
let secretId = null;

const fixture = once(async () => {
  await makeUser('officer.docs', ['secretariat']);
  await makeUser('delegate.docs', ['delegate'], 'SAU');
  const r = await api('/api/v1/documents', {
    method: 'POST',
    headers: {
      authorization: 'Basic ' + Buffer.from(`officer.docs:${USER_PASSWORD}`).toString('base64'),
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      title: SECRET_TITLE, lang: 'ar', kind: 'note', level: 'secretariat',
      body: `مذكرة للأمانة العامة وحدها: خطة الوساطة في ملف ${SECRET_WORD} ومواعيد الاتصالات القادمة.`,
    }),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.level, 'secretariat');
  secretId = r.body.id;
});

/* Types words in the header's box from the keyboard ("/" moves the focus to it), then Enter or
   the box's button, and waits for the results page. */
async function search(page, words, { button = false } = {}) {
  await page.locator('#site-search-q').waitFor();
  await page.locator('main:not([aria-busy])').waitFor();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'site-search-q');
  await page.keyboard.type(words);
  if (button) await page.click('#site-search-submit');
  else await page.keyboard.press('Enter');
  await page.waitForFunction((w) => {
    const p = new URLSearchParams(location.hash.split('?')[1] || '');
    return location.hash.startsWith('#/search') && p.get('q') === w && document.querySelector('#search-total, #search-error')
      && !document.querySelector('main[aria-busy]');
  }, words);
}

const total = (page) => page.getAttribute('#search-total', 'data-total').then(Number);
const marks = (page, sel) => page.locator(`${sel} mark`).allTextContents();
/* A facet value's count; 0 when the facet does not list the value. */
async function facetCount(page, facet, value) {
  const li = page.locator(`#search-facets [data-facet="${facet}"] li[data-value="${value}"]`);
  return (await li.count()) ? Number(await li.getAttribute('data-count')) : 0;
}
/* The HTML of the whole page, the header's box and every attribute included. */
const html = (page) => page.evaluate(() => document.documentElement.outerHTML);

test('Arabic: الوساطة from the header finds resolution 53/45-POL and the mediation report, marked, right to left; a facet filters', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t, { locale: 'ar' });
  await page.goto(`${base}/#/`);
  // The box is labelled in the interface's language.
  await page.getByRole('searchbox', { name: 'البحث في الوثائق والسجلات' }).waitFor();
  await search(page, 'الوساطة');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#search-hits')).direction), 'rtl');

  const resolution = page.locator(`#search-hits li.${RESOLUTION}`);
  const report = page.locator(`#search-hits li.${REPORT}`);
  await resolution.waitFor();
  await report.waitFor();
  assert.ok((await marks(page, `li.${RESOLUTION} .hit-title`)).includes('الوساطة'));
  assert.ok((await marks(page, `li.${RESOLUTION} .hit-snippet`)).includes('الوساطة'));
  assert.ok((await marks(page, `li.${REPORT} .hit-title`)).includes('الوساطة'));
  assert.ok((await marks(page, `li.${REPORT} .hit-snippet`)).length > 0);
  // Each hit links to its page; the type is named, a document says its kind and date.
  assert.equal(await resolution.locator('.hit-title a').getAttribute('href'), '#/resolutions/53-45-pol');
  assert.equal(await report.locator('.hit-title a').getAttribute('href'), `#/documents/${REPORT_ID}`);
  await waitForText(resolution.locator('.hit-type'), 'القرارات');
  await waitForText(report.locator('.hit-type'), 'الوثائق');
  await waitForText(report.locator('.hit-kind'), 'تقرير');
  assert.equal(await report.locator('.hit-date').getAttribute('datetime'), '2018-11-29');
  // Arabic in an Arabic page: no language of its own to mark.
  assert.equal(await report.locator('.hit-snippet').getAttribute('dir'), null);
  // The marks are elements, not markup typed into text.
  assert.ok(!(await page.locator('#search-hits').textContent()).includes('<mark>'));
  await waitForText(page.locator('#search-total'), 'نتيجة');
  await shot(page, 'search-ar.png');

  // A facet: the documents only, its chip removes it.
  const all = await total(page);
  const docs = await facetCount(page, 'type', 'documents');
  assert.ok(docs >= 2 && docs < all, `documents ${docs} of ${all}`);
  await page.click('#search-facets [data-facet="type"] li[data-value="documents"] a');
  await page.locator('#search-active [data-facet="type"][data-value="documents"]').waitFor();
  assert.ok((await page.evaluate(() => location.hash)).includes('type=documents'));
  assert.equal(await total(page), docs);
  const types = await page.locator('#search-hits li.hit').evaluateAll((lis) => lis.map((li) => li.dataset.type));
  assert.deepEqual([...new Set(types)], ['documents']);
  assert.equal(types.length, docs);
  assert.equal(await page.getAttribute('#search-facets [data-facet="type"] a[aria-current="true"]', 'href').then((h) => h.includes('type=')), false);
  await page.click('#search-remove-type');
  await page.waitForFunction(() => !location.hash.includes('type=') && document.querySelector('#search-total'));
  await page.locator('main:not([aria-busy])').waitFor();
  assert.equal(await total(page), all);
  assertClean();
});

test('English and French: mediation and médiation find the resolution; an Arabic document reads right to left in the English page', async (t) => {
  await fixture();
  for (const [locale, words, file] of [['en-GB', 'mediation', 'search-en.png'], ['fr-FR', 'médiation', 'search-fr.png']]) {
    const { page, assertClean } = await openPage(t, { locale });
    await page.goto(`${base}/#/`);
    await search(page, words, { button: locale === 'fr-FR' });
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    const resolution = page.locator(`#search-hits li.${RESOLUTION}`);
    await resolution.waitFor();
    const l = locale.slice(0, 2);
    assert.equal(await resolution.getAttribute('data-lang'), l, `the resolution is shown in the reader's language (${l})`);
    const titleMarks = (await marks(page, `li.${RESOLUTION} .hit-title`)).map((m) => m.toLowerCase());
    assert.ok(titleMarks.includes(words), `${titleMarks} has ${words}`);
    await waitForText(resolution.locator('.hit-type'), l === 'fr' ? 'Résolutions' : 'Resolutions');
    await shot(page, file);
    assertClean();
  }

  // الوساطة from the English page: the Arabic report's title and snippet read right to left.
  const { page, assertClean } = await openPage(t, { locale: 'en-GB' });
  await page.goto(`${base}/#/`);
  await page.getByRole('searchbox', { name: 'Search documents and records' }).waitFor();
  await search(page, 'الوساطة');
  const report = page.locator(`#search-hits li.${REPORT}`);
  await report.waitFor();
  for (const part of ['.hit-title-text', '.hit-snippet']) {
    assert.equal(await report.locator(part).getAttribute('lang'), 'ar');
    assert.equal(await report.locator(part).getAttribute('dir'), 'rtl');
    assert.equal(await report.locator(part).evaluate((el) => getComputedStyle(el).direction), 'rtl');
  }
  await waitForText(report.locator('.hit-lang'), 'Arabic');
  assertClean();
});

test('the query is checked by the server: an empty one is refused with its words, one without hits says so', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t, { locale: 'en-GB' });
  await page.goto(`${base}/#/search?q=`);
  await page.locator('#search-error .alert').waitFor();
  await waitForText(page.locator('#search-error'), "parameter 'q'");
  await page.goto(`${base}/#/search?q=mediation&year=nineteen`);
  await page.locator('#search-error .alert').waitFor();
  await waitForText(page.locator('#search-error'), 'year');
  await page.goto(`${base}/#/search?q=qwxzv`);
  await page.locator('#search-empty').waitFor();
  assert.equal(await total(page), 0);
  assert.equal(await page.locator('#search-hits').count(), 0);
  assertClean();
});

test("a document of the secretariat's level: found by the secretariat; for a visitor and a delegate in no hit, total or facet, its words nowhere", async (t) => {
  await fixture();
  // The secretariat finds it, by its own word and among الوساطة's hits.
  const sec = await openPage(t, { locale: 'ar' });
  await signInUI(sec.page, 'officer.docs', USER_PASSWORD);
  await search(sec.page, SECRET_WORD);
  await sec.page.locator(`#search-hits li.hit[data-id="${secretId}"]`).waitFor();
  assert.deepEqual(await marks(sec.page, `li.hit[data-id="${secretId}"] .hit-title`), [SECRET_WORD]);
  await search(sec.page, 'الوساطة');
  await sec.page.locator(`#search-hits li.hit[data-id="${secretId}"]`).waitFor();
  const secTotal = await total(sec.page);
  const secDocs = await facetCount(sec.page, 'type', 'documents');
  const secNotes = await facetCount(sec.page, 'kind', 'note');
  assert.ok(secNotes >= 1);
  sec.assertClean();

  for (const who of [null, 'delegate.docs']) {
    const { page, assertClean } = await openPage(t, { locale: 'ar' });
    if (who) await signInUI(page, who, USER_PASSWORD);
    else await page.goto(`${base}/#/`);
    await search(page, 'الوساطة');
    await page.locator(`#search-hits li.${RESOLUTION}`).waitFor();
    const label = who || 'a visitor';
    assert.equal(await page.locator(`li.hit[data-id="${secretId}"]`).count(), 0, `${label}: not in the hits`);
    assert.equal(await total(page), secTotal - 1, `${label}: not in the total`);
    assert.equal(await facetCount(page, 'type', 'documents'), secDocs - 1, `${label}: not in the type facet`);
    assert.equal(await facetCount(page, 'kind', 'note'), secNotes - 1, `${label}: not in the kind facet`);
    const all = await html(page);
    assert.ok(!all.includes(SECRET_WORD) && !all.includes(SECRET_TITLE) && !all.includes(secretId), `${label}: its words are nowhere in the page`);

    // Asked for by its own word: nothing, counted nowhere.
    await search(page, SECRET_WORD);
    await page.locator('#search-empty').waitFor();
    assert.equal(await total(page), 0);
    assert.equal(await page.locator('#search-facets li').count(), 0);
    assert.equal(await page.locator('li.hit').count(), 0);
    // Its page: not found, as for a document that does not exist.
    await page.goto(`${base}/#/documents/${secretId}`);
    await waitForText(page.locator('main h1'), 'غير موجودة');
    assert.ok(!(await html(page)).includes(SECRET_TITLE));
    assertClean();
  }
});

test('the secretariat uploads a .txt file through the form, finds it by another form of an Arabic word, and reads it right to left', async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t, { locale: 'en-GB' });
  await signInUI(page, 'officer.docs', USER_PASSWORD);
  await page.click('#nav-list a[data-nav="documents"]');
  await page.locator('#doc-table').waitFor();
  await page.click('#doc-upload-link');
  await page.locator('#upload-form').waitFor();

  // Without a file, then with a date the server refuses: each refusal beside its field.
  await page.click('#upload-submit');
  await page.locator('#upload-file-error:not([hidden])').waitFor();
  await page.setInputFiles('#upload-file', UPLOAD);
  await page.selectOption('#upload-kind', 'report');
  await page.fill('#upload-date', '2024-13-40');
  // The team is asked for only for a restricted document.
  assert.equal(await page.locator('[data-field="team"]').isHidden(), true);
  await page.selectOption('#upload-level', 'restricted');
  assert.equal(await page.locator('[data-field="team"]').isHidden(), false);
  await page.selectOption('#upload-level', 'members');
  await page.click('#upload-submit');
  await page.locator('#upload-date-error:not([hidden])').waitFor();
  assert.equal(await page.getAttribute('#upload-date', 'aria-invalid'), 'true');
  await waitForText(page.locator('#upload-errors'), 'Date');
  await page.fill('#upload-date', '2024-03-12');
  await shot(page, 'upload-en.png');
  await page.click('#upload-submit');

  // The document's page: the title from the file's first line, the language guessed.
  await page.waitForFunction(() => /^#\/documents\/[^/]+$/.test(location.hash) && document.querySelector('#doc-body'));
  const id = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
  await waitForText(page.locator('#doc-title'), 'محضر لجنة التحكيم البحري');
  await waitForText(page.locator('[data-key="lang"] dd'), 'Arabic');
  await waitForText(page.locator('[data-key="kind"] dd'), 'Report');
  await waitForText(page.locator('#doc-level'), 'Members');
  assertClean();

  // Another form of the word: the file has التحكيم and بالتحكيمات, the query والتحكيمات.
  const ar = await openPage(t, { locale: 'ar' });
  await signInUI(ar.page, 'officer.docs', USER_PASSWORD);
  await search(ar.page, 'والتحكيمات');
  const hit = ar.page.locator(`#search-hits li.hit[data-type="documents"][data-id="${id}"]`);
  await hit.waitFor();
  const found = await marks(ar.page, `li.hit[data-id="${id}"]`);
  assert.ok(found.includes('التحكيم') && found.includes('بالتحكيمات'), `marks: ${found}`);
  assert.ok(!found.includes('والتحكيمات'));

  // Its page, in Arabic: the text right to left, its lines kept.
  await hit.locator('.hit-title a').click();
  await ar.page.locator('#doc-body').waitFor();
  assert.equal(await ar.page.getAttribute('#doc-body', 'dir'), 'rtl');
  assert.equal(await ar.page.getAttribute('#doc-body', 'lang'), 'ar');
  const style = await ar.page.locator('#doc-body').evaluate((el) => ({ d: getComputedStyle(el).direction, ws: getComputedStyle(el).whiteSpace }));
  assert.deepEqual(style, { d: 'rtl', ws: 'pre-wrap' });
  assert.ok((await ar.page.locator('#doc-body').textContent()).includes('\nوتعقد اللجنة'));
  await shot(ar.page, 'document-ar.png');
  ar.assertClean();
});

test("the documents' list filters by kind and language and links to the mediation report, whose page links its meeting and resolution", async (t) => {
  await fixture();
  const { page, assertClean } = await openPage(t, { locale: 'fr-FR' });
  await page.goto(`${base}/#/documents`);
  await page.locator('#doc-table').waitFor();
  // A visitor is not offered the upload.
  assert.equal(await page.locator('#doc-upload-link').count(), 0);
  const rowsOf = () => page.locator('#doc-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset));
  assert.ok((await rowsOf()).some((r) => r.kind !== 'report'), 'the list starts unfiltered');
  await page.selectOption('#doc-filter-kind', 'report');
  await page.waitForFunction(() => location.hash.includes('kind=report') && !document.querySelector('main[aria-busy]')
    && [...document.querySelectorAll('#doc-table tbody tr')].every((tr) => tr.dataset.kind === 'report'));
  assert.ok((await rowsOf()).some((r) => r.document === REPORT_ID));
  // In English: no report is (the five source documents are Arabic).
  await page.selectOption('#doc-filter-lang', 'en');
  await page.locator('#doc-empty').waitFor();
  assert.ok((await page.evaluate(() => location.hash)).includes('lang=en'));
  assert.equal(await page.locator('#doc-table').count(), 0);
  await page.goto(`${base}/#/documents/${REPORT_ID}`);
  await page.locator('#doc-body').waitFor();
  assert.equal(await page.getAttribute('#doc-meeting a', 'href'), '#/meetings/mediation-conference-2');
  assert.equal(await page.getAttribute('#doc-resolution a', 'href'), '#/resolutions/53-45-pol');
  assert.equal(await page.getAttribute('#doc-title', 'dir'), 'rtl');
  await waitForText(page.locator('#doc-level'), 'Public');
  assertClean();
});

test('pages of 20: the next page holds the rest, numbered on, and leads back', async (t) => {
  await fixture();
  // 23 public notes sharing a word found nowhere else.
  for (let i = 1; i <= 23; i += 1) {
    const r = await adminApi('POST', '/api/v1/documents', {
      title: `Quarterly tidewater note ${i}`, lang: 'en', kind: 'note', level: 'public', date: `2020-01-${String(i).padStart(2, '0')}`,
      body: `Tidewater logistics, note number ${i}.`,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const { page, assertClean } = await openPage(t, { locale: 'en-GB' });
  await page.goto(`${base}/#/`);
  await search(page, 'tidewater');
  assert.equal(await total(page), 23);
  assert.equal(await page.locator('#search-hits li.hit').count(), 20);
  await waitForText(page.locator('#search-pager'), 'Results 1 to 20 of 23');
  assert.equal(await page.locator('#search-prev').count(), 0);
  await page.click('#search-next');
  await page.waitForFunction(() => location.hash.includes('offset=20') && document.querySelectorAll('#search-hits li.hit').length === 3);
  assert.equal(await page.getAttribute('#search-hits', 'start'), '21');
  await waitForText(page.locator('#search-pager'), 'Results 21 to 23 of 23');
  assert.equal(await page.locator('#search-next').count(), 0);
  // The year facet counts the whole result, not the page.
  assert.equal(await facetCount(page, 'year', '2020'), 23);
  await page.click('#search-prev');
  await page.waitForFunction(() => !location.hash.includes('offset=') && document.querySelectorAll('#search-hits li.hit').length === 20);
  assertClean();
});
