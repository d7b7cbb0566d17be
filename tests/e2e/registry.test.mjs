// Browser tests of the registry web application, in a real Chromium, against the real
// server: `tansiq init` makes a fresh data directory, `tansiq serve` serves it on a free
// port, and each test opens its own browser context (fresh storage and cookies).
//
// Run: node --test tests/e2e/   (TANSIQ_BIN=/path/to/tansiq to test another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useServerAndBrowser, openPage, waitForText, fieldLabel, findInList, rowCount, waitForRowCount,
  apiJson, assertServerAlive, sleep, ARTIFACTS, base, password,
} from './browser.mjs';

useServerAndBrowser();

test('home page in English shows the organisation at a glance', async (t) => {
  const summary = await apiJson('/api/v1/summary');
  const { member, suspended, observer } = summary.states;
  assert.equal(member + suspended, 57, 'the OIC has 57 member states (members and suspended)');

  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/`);
  await page.locator('h1').filter({ hasText: 'The organisation at a glance' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await waitForText(page.locator('[data-stat="members-total"]'), String(member + suspended));
  assert.equal((await page.locator('[data-stat="members-total"]').textContent()).trim(), '57');
  assert.equal((await page.locator('[data-stat="member"]').textContent()).trim(), String(member));
  assert.equal((await page.locator('[data-stat="suspended"]').textContent()).trim(), String(suspended));
  assert.equal((await page.locator('[data-stat="observer"]').textContent()).trim(), String(observer));
  for (const [g, n] of Object.entries(summary.states.by_group || {})) {
    assert.equal((await page.locator(`[data-stat="group-${g}"]`).textContent()).trim(), String(n), `group ${g}`);
  }
  assert.equal((await page.locator('[data-stat="organs"]').textContent()).trim(), String(summary.organs));
  assert.equal((await page.locator('[data-stat="contact-groups"]').textContent()).trim(), String(summary.contact_groups));
  if (summary.secretary_general && summary.secretary_general.person) {
    const sgName = summary.secretary_general.person.name_en;
    await waitForText(page.locator('[data-stat="sg"]'), sgName);
  }
  // The header: the application's name in both scripts, navigation and sign-in link.
  await waitForText(page.locator('.brand-name'), 'Tansiq');
  assert.ok((await page.locator('.brand-name').textContent()).includes('تنسيق'));
  assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').textContent(), 'Home');
  assert.ok(await page.locator('#sign-in-link').isVisible());
  assertClean();
});

test('states list in English lists Saudi Arabia; filters, search and sorting narrow and order it', async (t) => {
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/states`);
  await page.locator('table.data tbody tr').first().waitFor();
  assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').textContent(), 'States');
  const all = await apiJson('/api/v1/states?limit=1');
  const before = await rowCount(page);
  assert.ok(before >= Math.min(all.total, 50), `rows shown: ${before}, states: ${all.total}`);
  await findInList(page, 'Saudi Arabia');
  await page.screenshot({ path: path.join(ARTIFACTS, 'states-en.png'), fullPage: true });

  // Filter by the Arab group: fewer rows, Saudi Arabia still there, Indonesia gone.
  const arab = await apiJson('/api/v1/states?group=arab&limit=1');
  assert.ok(arab.total > 0 && arab.total < all.total);
  await page.selectOption('#filter-group', 'arab');
  await page.waitForFunction(() => /group=arab/.test(location.hash) && !document.querySelector('.list-body[aria-busy]'));
  await findInList(page, 'Saudi Arabia');
  assert.equal(await rowCount(page), arab.total, 'every Arab state is listed');
  assert.ok(await rowCount(page) < before);
  assert.ok(await page.getByRole('link', { name: 'Saudi Arabia', exact: true }).isVisible());
  assert.equal(await page.getByRole('link', { name: 'Indonesia', exact: true }).count(), 0);
  assert.match(page.url(), /group=arab/);

  // Sorting by name, descending then ascending: the header says which.
  const nameHeader = page.locator('table.data thead th').first();
  assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
  const firstAsc = await page.locator('table.data tbody tr th a').first().textContent();
  await nameHeader.locator('button').click();
  await page.waitForFunction(() => document.querySelector('table.data thead th')?.getAttribute('aria-sort') === 'descending');
  const firstDesc = await page.locator('table.data tbody tr th a').first().textContent();
  assert.notEqual(firstAsc, firstDesc);
  assert.ok(firstAsc.localeCompare(firstDesc) < 0, `${firstAsc} should sort before ${firstDesc}`);

  // Search box (q): only Saudi Arabia is left.
  await page.fill('#filter-q', 'Saudi');
  await page.press('#filter-q', 'Enter');
  await waitForRowCount(page, 1);
  assert.equal(await page.locator('table.data tbody tr th a').first().textContent(), 'Saudi Arabia');

  // Clearing the filters brings the whole list back.
  await page.click('text=Clear filters');
  await waitForRowCount(page, before);
  assert.doesNotMatch(page.url(), /group=|q=/);
  assertClean();
});

test('Arabic: the switcher sets lang=ar and dir=rtl, names are Arabic, and the choice sticks', async (t) => {
  const { page, assertClean } = await openPage(t, { locale: 'en-US' });
  await page.goto(`${base}/#/states`);
  await findInList(page, 'Saudi Arabia');
  await page.click('#lang-switcher button[data-lang="ar"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('#lang-switcher button[data-lang="ar"]', 'aria-pressed'), 'true');
  await findInList(page, 'المملكة العربية السعودية');
  assert.equal(await page.locator('nav#site-nav a[data-nav="states"]').textContent(), 'الدول');
  // The layout mirrors: the navigation starts on the right.
  const nav = await page.locator('nav#site-nav a').first().boundingBox();
  const navLast = await page.locator('nav#site-nav a').last().boundingBox();
  assert.ok(nav.x > navLast.x, 'in Arabic the first navigation link is to the right of the last');
  await page.screenshot({ path: path.join(ARTIFACTS, 'states-ar.png'), fullPage: true });

  // The choice sticks after a reload, even though the browser prefers English.
  await page.reload();
  await findInList(page, 'المملكة العربية السعودية');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

  // Home page in Arabic.
  await page.goto(`${base}/#/`);
  await page.locator('h1').filter({ hasText: 'المنظمة في لمحة' }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'home-ar.png'), fullPage: true });
  assertClean();
});

test('a browser that prefers French gets French', async (t) => {
  const { page, assertClean } = await openPage(t, { locale: 'fr-FR' });
  await page.goto(`${base}/#/states`);
  await findInList(page, 'Arabie saoudite');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.locator('nav#site-nav a[data-nav="states"]').textContent(), 'États');
  assertClean();
});

test('state profile shows every field, its contact groups and offices', async (t) => {
  const rec = await apiJson('/api/v1/states/SAU');
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/states`);
  await (await findInList(page, 'Saudi Arabia')).click();
  await page.locator('h1').filter({ hasText: 'Saudi Arabia' }).waitFor();
  assert.match(page.url(), /#\/states\/SAU$/);
  const details = page.locator('dl.fields');
  const text = await details.textContent();
  assert.ok(text.includes('SAU'));
  if (rec.iso2) assert.ok(text.includes(rec.iso2), 'iso2 shown');
  assert.ok(text.includes(rec.name_ar), 'Arabic name shown');
  assert.ok(text.includes(rec.name_fr), 'French name shown');
  if (rec.accession_year) assert.ok(text.includes(String(rec.accession_year)), 'accession year shown');
  assert.ok(text.includes(await fieldLabel('states', 'iso2')), 'field labels come from the schema');
  // Related sections: contact groups (from contact-group-members?state=SAU) and offices.
  await page.locator('section.related h2').filter({ hasText: 'Contact groups' }).waitFor();
  await page.locator('section.related h2').filter({ hasText: 'Offices' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('section.related [aria-busy]'));
  const memberships = await apiJson('/api/v1/contact-group-members?state=SAU');
  const cgSection = page.locator('section.related').filter({ has: page.locator('h2', { hasText: 'Contact groups' }) });
  if (memberships.total > 0) {
    assert.equal(await cgSection.locator('tbody tr').count(), memberships.total);
    const group = await apiJson(`/api/v1/contact-groups/${encodeURIComponent(memberships.items[0].group)}`);
    await waitForText(cgSection.locator('tbody'), group.name_en);
  } else {
    await waitForText(cgSection, 'None recorded.');
  }
  // Not signed in: no edit button.
  assert.equal(await page.locator('a', { hasText: 'Edit' }).count(), 0);
  assertClean();
});

test('keyboard: the skip link is the first tab stop and moves focus to the main content', async (t) => {
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/`);
  await page.locator('[data-stat="members-total"]').waitFor();
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ id: document.activeElement.id, text: document.activeElement.textContent }));
  assert.equal(first.id, 'skip-link');
  assert.equal(first.text, 'Skip to main content');
  const box = await page.locator('#skip-link').boundingBox();
  assert.ok(box && box.y >= 0 && box.height > 0, 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal(page.url(), `${base}/`, 'the skip link does not disturb the route');
  // The next tab stop is inside the main content.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)));
  assertClean();
});

test('signed in, an administrator edits a state and sees the server\'s errors', async (t) => {
  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/sign-in`);
  await page.fill('#signin-username', 'admin');
  await page.fill('#signin-password', 'wrong-password');
  await page.click('#signin-submit');
  await page.locator('.alert.error').waitFor();
  await page.fill('#signin-password', password);
  await page.click('#signin-submit');
  await waitForText(page.locator('#signed-in-as'), 'admin');

  // Edit the notes through the form.
  await page.goto(`${base}/#/states/SAU`);
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.locator('#f-notes').waitFor();
  assert.equal(await page.inputValue('#f-id'), 'SAU');
  const note = `Edited by the browser test ${Date.now()}`;
  await page.fill('#f-notes', note);
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => /#\/states\/SAU$/.test(location.hash));
  await waitForText(page.locator('#flash'), 'Saved.');
  await waitForText(page.locator('dl.fields'), note);
  const saved = await apiJson('/api/v1/states/SAU');
  assert.equal(saved.notes, note, 'the note is stored');

  // An invalid value: the server's error is shown next to the field it names.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.locator('#f-iso2').waitFor();
  await page.fill('#f-iso2', 'toolong');
  await page.click('button[type="submit"]');
  await page.locator('#form-errors [role="alert"]').waitFor();
  assert.equal(await page.getAttribute('#f-iso2', 'aria-invalid'), 'true');
  const fieldError = (await page.locator('#err-iso2').textContent()).trim();
  assert.ok(fieldError.length > 0, 'an error is shown next to iso2');
  assert.ok(await page.locator('#err-iso2').isVisible());
  const summaryText = await page.locator('#form-errors').textContent();
  assert.ok(summaryText.includes(await fieldLabel('states', 'iso2')), `the summary names the field: ${summaryText}`);
  // The error summary takes the focus, and its link takes the user to the field.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'form-errors');
  await page.locator('#form-errors button.link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-iso2');
  const after = await apiJson('/api/v1/states/SAU');
  assert.equal(after.iso2, saved.iso2, 'the invalid edit changed nothing');
  assert.equal(after.notes, note);
  await page.screenshot({ path: path.join(ARTIFACTS, 'edit-error-en.png'), fullPage: true });

  // Sign out.
  await page.click('#sign-out');
  await page.locator('#sign-in-link').waitFor();
  await sleep(300);
  assertServerAlive('after DELETE /api/v1/session (sign-out)');
  assert.equal(await page.evaluate(() => fetch('/api/v1/session', { credentials: 'same-origin' }).then((r) => r.status)), 401);
  assertClean();
});

test('an administrator adds a member to a contact group, then deletes it', async (t) => {
  const { page, assertClean } = await openPage(t);
  const groups = await apiJson('/api/v1/contact-groups?limit=1');
  assert.ok(groups.total > 0, 'the default data has a contact group');
  const group = groups.items[0];
  const before = await apiJson(`/api/v1/contact-group-members?group=${encodeURIComponent(group.id)}`);
  // A member state that is not yet in the group.
  const states = await apiJson('/api/v1/states?status=member&limit=100');
  const inGroup = new Set(before.items.map((m) => m.state));
  const state = states.items.find((s) => !inGroup.has(s.id));
  assert.ok(state, 'some member state is not in the group');

  await page.goto(`${base}/#/sign-in?return=${encodeURIComponent(`#/contact-groups/${group.id}`)}`);
  await page.fill('#signin-username', 'admin');
  await page.fill('#signin-password', password);
  await page.click('#signin-submit');
  await page.locator('h1').filter({ hasText: group.name_en }).waitFor();

  // "Add" in the members section opens a form already linked to the group.
  const members = page.locator('section.related').filter({ has: page.locator('h2', { hasText: 'Members' }) });
  await members.getByRole('link', { name: 'Add' }).click();
  await page.locator('#f-state').waitFor();
  assert.equal(await page.inputValue('#f-group'), group.id);
  await page.selectOption('#f-state', state.id);
  await page.selectOption('#f-role', 'member');
  await page.fill('#f-since', '2024');
  await page.click('button[type="submit"]');
  await page.locator('h1').filter({ hasText: group.name_en }).waitFor();
  await waitForText(page.locator('#flash'), 'Created.');
  await waitForText(members.locator('tbody'), state.name_en);
  const after = await apiJson(`/api/v1/contact-group-members?group=${encodeURIComponent(group.id)}&state=${state.id}`);
  assert.equal(after.total, 1, 'the membership is stored');
  assert.equal(after.items[0].role, 'member');
  assert.equal(after.items[0].since, '2024');

  // Open the membership and delete it, confirming in the dialog.
  const row = members.locator('tbody tr').filter({ hasText: state.name_en });
  await row.getByRole('link', { name: 'Open' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel', 'the dialog offers Cancel first');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await waitForText(page.locator('#flash'), 'Deleted.');
  await sleep(300);
  assertServerAlive('after DELETE /api/v1/contact-group-members/{id}');
  const gone = await apiJson(`/api/v1/contact-group-members?group=${encodeURIComponent(group.id)}&state=${state.id}`);
  assert.equal(gone.total, 0, 'the membership is deleted');
  assertClean();
});
