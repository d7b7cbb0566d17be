// Browser tests of accounts in the web application: an administrator creates a delegate's
// account (its generated password shown once), the delegate signs in elsewhere, sees no
// write controls and no administration pages, creates and revokes an API token and changes
// the password; the administrator finds these changes in the audit log; five wrong
// passwords lock an account; the new pages are laid out right to left in Arabic.
//
// The tests run in order and share the accounts they create.
//
// Run: node --test tests/e2e/   (TANSIQ_BIN=/path/to/tansiq to test another binary)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useServerAndBrowser, openPage, waitForText, signInUI, adminApi, api, apiJson, assertServerAlive, sleep,
  ARTIFACTS, base, password,
} from './browser.mjs';

useServerAndBrowser();

const DELEGATE = 'amina.diallo';
const DELEGATE_STATE = 'MAR';
let delegatePassword = null;

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

/* The audit entries the API gives for a query (every page). */
async function auditItems(query) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 50; i += 1) {
    const r = await adminApi('GET', `/api/v1/audit?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.push(...r.body.items);
    cursor = r.body.next_cursor;
    if (!cursor) break;
  }
  return out;
}

test('an administrator creates a delegate account and sees its generated password once', async (t) => {
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'admin', password);
  // The administrator's navigation: My account, Users, Audit log.
  for (const nav of ['account', 'users', 'audit']) {
    assert.ok(await page.locator(`nav#site-nav a[data-nav="${nav}"]`).isVisible(), `the ${nav} link is shown`);
  }
  await page.click('nav#site-nav a[data-nav="users"]');
  await page.locator('h1').filter({ hasText: 'Users' }).waitFor();
  await page.locator('#users-table tr[data-user="admin"]').waitFor();
  assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').textContent(), 'Users');

  // The form opens on demand; the member-state select appears only for a delegate.
  await page.click('#new-user');
  await page.locator('#new-username').waitFor();
  assert.equal(await page.getAttribute('#new-user', 'aria-expanded'), 'true');
  assert.ok(!(await page.locator('#new-user-state').isVisible()), 'no member state without the delegate role');

  // Nothing filled in: the errors name the fields, beside them and in the summary.
  await page.click('#new-user-submit');
  await page.locator('#new-user-errors [role="alert"]').waitFor();
  assert.equal(await page.getAttribute('#new-username', 'aria-invalid'), 'true');
  assert.match(await page.locator('#new-username-error').textContent(), /user name/i);
  const summary = await page.locator('#new-user-errors').textContent();
  assert.ok(summary.includes('User name:'), summary);
  assert.ok(summary.includes('Roles:'), summary);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'new-user-errors');

  await page.fill('#new-username', DELEGATE);
  await page.check('#new-user-role-delegate');
  await page.locator('#new-user-state').waitFor();
  // The states offered are the member states (GET /api/v1/states?status=member).
  const members = await apiJson('/api/v1/states?status=member&limit=1');
  assert.equal(await page.locator('#new-user-state option:not([value=""])').count(), members.total);
  // A delegate without a state: refused before it reaches the server, naming the field.
  await page.click('#new-user-submit');
  await waitForText(page.locator('#new-user-state-error'), 'member state');
  await page.selectOption('#new-user-state', DELEGATE_STATE);
  await page.click('#new-user-submit');

  // Created: the generated password is shown once, with a Copy button and the warning.
  const secret = page.locator('#user-created .alert.secret');
  await secret.waitFor();
  await waitForText(page.locator('#user-created'), `Account “${DELEGATE}” created.`);
  assert.match(await secret.textContent(), /will not be shown again/);
  delegatePassword = await page.inputValue('#new-user-password');
  assert.ok(delegatePassword.length >= 12, `a generated password: "${delegatePassword}"`);
  assert.ok(await secret.locator('button.copy-button').isVisible());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'new-user-password', 'the password has the focus');
  await page.locator(`#users-table tr[data-user="${DELEGATE}"]`).waitFor();
  const row = await page.locator(`#users-table tr[data-user="${DELEGATE}"]`).textContent();
  assert.ok(row.includes('Member-state delegate'), row);
  await waitForText(page.locator(`#users-table tr[data-user="${DELEGATE}"]`), 'Morocco');
  assert.ok(row.includes('Never'), 'never signed in');
  await shot(page, 'users-en.png');

  const stored = await adminApi('GET', `/api/v1/users/${DELEGATE}`);
  assert.equal(stored.status, 200);
  assert.deepEqual(stored.body.roles, ['delegate']);
  assert.equal(stored.body.state, DELEGATE_STATE);

  // Once: after a reload the password is nowhere on the page.
  await page.reload();
  await page.locator(`#users-table tr[data-user="${DELEGATE}"]`).waitFor();
  assert.equal(await page.locator('#new-user-password').count(), 0);
  assert.ok(!(await page.content()).includes(delegatePassword), 'the password is not shown again');
  assertClean();
});

test('a delegate signs in elsewhere: no write controls, no administration, tokens made and revoked, password changed', async (t) => {
  assert.ok(delegatePassword, 'the previous test created the delegate');
  const { page, context, assertClean } = await openPage(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await signInUI(page, DELEGATE, delegatePassword);
  await waitForText(page.locator('#signed-in-as'), DELEGATE);

  // Navigation: My account, but neither Users nor the audit log.
  assert.ok(await page.locator('nav#site-nav a[data-nav="account"]').isVisible());
  assert.equal(await page.locator('nav#site-nav a[data-nav="users"]').count(), 0);
  assert.equal(await page.locator('nav#site-nav a[data-nav="audit"]').count(), 0);

  // The registry without edit, delete, add or new buttons.
  await page.goto(`${base}/#/states`);
  await page.locator('table.data tbody tr').first().waitFor();
  assert.equal(await page.getByRole('link', { name: 'New record' }).count(), 0);
  await page.goto(`${base}/#/states/${DELEGATE_STATE}`);
  await page.locator('h1').filter({ hasText: 'Morocco' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('section.related [aria-busy]'));
  assert.equal(await page.getByRole('link', { name: 'Edit', exact: true }).count(), 0, 'no Edit, even on their own state');
  assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
  assert.equal(await page.locator('section.related .section-head a.button').count(), 0, 'no Add buttons');
  await shot(page, 'state-delegate-en.png');
  // The edit form's address says why instead of offering a form the server would refuse.
  await page.goto(`${base}/#/edit/states/${DELEGATE_STATE}`);
  await waitForText(page.locator('#cannot-write'), 'Secretariat');
  assert.equal(await page.locator('form.record-form').count(), 0);
  // The administration pages say they are for administrators.
  for (const p of ['users', 'audit']) {
    await page.goto(`${base}/#/${p}`);
    await waitForText(page.locator('#access-needed'), 'for administrators');
  }

  // My account: roles, state, last sign-in.
  await page.click('nav#site-nav a[data-nav="account"]');
  await page.locator('h1').filter({ hasText: 'My account' }).waitFor();
  const details = page.locator('#my-account');
  await waitForText(details, 'Member-state delegate');
  await waitForText(details.locator('[data-key="state"]'), 'Morocco');
  assert.doesNotMatch(await details.locator('[data-key="last_login"]').textContent(), /Never/);
  assert.match(await page.locator('#my-rights').textContent(), /cannot change the registry/);
  await page.locator('#tokens-none').waitFor();

  // A token: its secret shown once, with a Copy button and the warning.
  await page.click('#token-create');
  await waitForText(page.locator('#token-name-error'), 'name');
  await page.fill('#token-name', 'nightly export');
  await page.click('#token-create');
  await page.locator('#token-value').waitFor();
  const token = await page.inputValue('#token-value');
  assert.ok(token.length >= 20, `a token: "${token}"`);
  assert.match(await page.locator('#token-secret').textContent(), /will not be shown again/);
  await page.click('#token-secret button.copy-button');
  await waitForText(page.locator('#token-secret .copy-status'), 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token, 'the token is on the clipboard');
  const tokRow = page.locator('#tokens-table tbody tr').filter({ hasText: 'nightly export' });
  await tokRow.waitFor();
  assert.match(await tokRow.textContent(), /Never/);
  await shot(page, 'account-en.png');

  // The token works, as the delegate.
  const bearer = { headers: { authorization: `Bearer ${token}` } };
  const viaToken = await api('/api/v1/account', bearer);
  assert.equal(viaToken.status, 200);
  assert.equal(viaToken.body.username, DELEGATE);

  // Shown once: not after a reload; the list now says when it was last used.
  await page.reload();
  await page.locator('#tokens-table').waitFor();
  assert.equal(await page.locator('#token-value').count(), 0);
  assert.ok(!(await page.content()).includes(token));
  assert.doesNotMatch(await tokRow.locator('td').nth(1).textContent(), /Never/);

  // Revoke, confirming in the dialog (Cancel first).
  await tokRow.getByRole('button', { name: 'Revoke the token nightly export' }).click();
  await page.locator('dialog[open]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel');
  await page.locator('dialog[open]').getByRole('button', { name: 'Revoke' }).click();
  await waitForText(page.locator('#token-live'), 'is revoked');
  await page.locator('#tokens-none').waitFor();
  assert.equal((await api('/api/v1/account', bearer)).status, 401, 'the revoked token no longer works');

  // Changing the password: the errors name the field; a wrong current password does not
  // sign the user out.
  const newPassword = 'a long new password for amina';
  await page.fill('#pw-current', 'not my password');
  await page.fill('#pw-new', 'short');
  await page.click('#pw-submit');
  await waitForText(page.locator('#pw-new-error'), 'at least 12 characters');
  await waitForText(page.locator('#pw-repeat-error'), 'exactly the same');
  await page.fill('#pw-new', newPassword);
  await page.fill('#pw-repeat', newPassword);
  await page.click('#pw-submit');
  await waitForText(page.locator('#pw-current-error'), 'not your current password');
  assert.equal(await page.getAttribute('#pw-current', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#pw-new-error').isVisible(), false);
  await page.locator('#signed-in-as').waitFor();
  await shot(page, 'password-error-en.png');

  await page.fill('#pw-current', delegatePassword);
  await page.click('#pw-submit');
  // Every session has ended: the sign-in page says so, and the header too.
  await page.waitForFunction(() => location.hash.startsWith('#/sign-in'));
  await waitForText(page.locator('#flash'), 'Sign in again with the new password');
  await page.locator('#sign-in-link').waitFor();
  await page.locator('#signin-username').waitFor();
  assert.equal((await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status))), 401);
  await page.fill('#signin-username', DELEGATE);
  await page.fill('#signin-password', newPassword);
  await page.click('#signin-submit');
  await page.locator('h1').filter({ hasText: 'My account' }).waitFor();
  delegatePassword = newPassword;
  assertClean();
});

test('the administrator finds these changes in the audit log with filters, and each shows what changed', async (t) => {
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'admin', password);

  // A change of roles through the user's page.
  await page.goto(`${base}/#/users/${DELEGATE}`);
  await page.locator('#user-roles-form').waitFor();
  assert.ok(await page.isChecked('#user-role-delegate'));
  await page.check('#user-role-analyst');
  await page.click('#user-roles-submit');
  await waitForText(page.locator('#flash'), 'Roles saved.');
  const after = await adminApi('GET', `/api/v1/users/${DELEGATE}`);
  assert.deepEqual(after.body.roles.slice().sort(), ['analyst', 'delegate']);

  // Filter by who made the changes: the delegate's token and password change.
  await page.goto(`${base}/#/audit`);
  await page.locator('#audit-list li').first().waitFor();
  await page.fill('#audit-actor', DELEGATE);
  await page.click('#audit-apply');
  await page.waitForFunction((a) => location.hash.includes(`actor=${a}`)
    && !document.querySelector('#audit-list[aria-busy]'), DELEGATE);
  const mine = await auditItems(`actor=${DELEGATE}`);
  assert.ok(mine.length >= 3, `the delegate made changes: ${mine.map((e) => e.action + ' ' + e.collection).join(', ')}`);
  assert.equal(await page.locator('#audit-list li').count(), mine.length);
  const entries = page.locator('#audit-list li');
  for (let i = 0; i < mine.length; i += 1) {
    assert.equal(await entries.nth(i).getAttribute('data-seq'), String(mine[i].seq), 'newest first, as the server gives them');
    assert.match(await entries.nth(i).locator('summary').textContent(), new RegExp(`by ${DELEGATE.replace('.', '\\.')}`));
  }
  assert.equal(await page.locator('#audit-list li[data-collection="api-tokens"][data-action="create"]').count(), 1);
  assert.equal(await page.locator('#audit-list li[data-collection="api-tokens"][data-action="delete"]').count(), 1);
  // The password change: the note is the changed field, the password itself is not logged.
  const pwEntry = page.locator(`#audit-list li[data-collection="accounts"][data-record="${DELEGATE}"]`).first();
  await pwEntry.locator('summary').click();
  await pwEntry.locator('table.diff').waitFor();
  assert.ok(!(await pwEntry.textContent()).includes(delegatePassword));

  // Filter by the record: the account's whole story, the newest (the roles) first.
  await page.click('#audit-clear');
  await page.selectOption('#audit-collection', 'accounts');
  await page.fill('#audit-record', DELEGATE);
  await page.click('#audit-apply');
  await page.waitForFunction((a) => location.hash.includes(`record=${a}`) && location.hash.includes('collection=accounts')
    && !document.querySelector('#audit-list[aria-busy]'), DELEGATE);
  const story = await auditItems(`collection=accounts&record=${DELEGATE}`);
  await page.waitForFunction((n) => document.querySelectorAll('#audit-list li').length === n, story.length);
  const first = page.locator('#audit-list li').first();
  assert.equal(await first.getAttribute('data-action'), 'update');
  assert.match(await first.locator('summary').textContent(), /by admin/);
  await first.locator('summary').click();
  const rolesRow = first.locator('table.diff tr[data-field="roles"]');
  await rolesRow.waitFor();
  assert.equal(await rolesRow.getAttribute('class'), 'changed', 'the roles are marked as changed');
  assert.match(await rolesRow.textContent(), /changed/);
  assert.match(await rolesRow.locator('td.col-after').textContent(), /analyst/);
  assert.notEqual(await first.locator('table.diff tr[data-field="state"]').getAttribute('class'), 'changed');
  assert.equal(await first.getAttribute('data-changed'), '1', 'only the roles changed');
  // The creation: only "after", by the administrator.
  const created = page.locator('#audit-list li[data-action="create"]');
  assert.equal(await created.count(), 1);
  await created.locator('summary').click();
  assert.deepEqual(await created.locator('table.diff thead th').allTextContents(), ['Field', 'After']);
  await shot(page, 'audit-en.png');

  // Dates: today (UTC) keeps them, a day that ended yesterday finds nothing.
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await page.fill('#audit-since', today);
  await page.fill('#audit-until', today);
  await page.click('#audit-apply');
  await page.waitForFunction((n) => !document.querySelector('#audit-list[aria-busy]')
    && document.querySelectorAll('#audit-list li').length === n && location.hash.includes('until='), story.length);
  await page.fill('#audit-since', '');
  await page.fill('#audit-until', yesterday);
  await page.click('#audit-apply');
  await waitForText(page.locator('#audit-status'), 'No change matches these filters.');
  assert.equal(await page.locator('#audit-list li').count(), 0);

  // Paging: the whole log, 50 at a time, older entries on demand.
  await page.click('#audit-clear');
  await page.waitForFunction(() => document.querySelectorAll('#audit-list li').length === 50);
  const firstSeq = Number(await page.locator('#audit-list li').first().getAttribute('data-seq'));
  await page.click('#audit-more');
  await page.waitForFunction(() => document.querySelectorAll('#audit-list li').length > 50);
  const seqs = (await page.locator('#audit-list li').evaluateAll((els) => els.map((e) => Number(e.dataset.seq))));
  assert.equal(new Set(seqs).size, seqs.length, 'no entry twice');
  assert.ok(seqs.every((s, i) => i === 0 || s < seqs[i - 1]), 'newest first across pages');
  assert.equal(seqs[0], firstSeq);
  await waitForText(page.locator('#audit-status'), `Changes shown: ${seqs.length}`);
  assertClean();
});

test('five wrong passwords lock the account, the sign-in says until when, and an administrator unlocks it', async (t) => {
  const user = 'locked.user';
  const userPassword = 'the right password 42';
  const made = await adminApi('POST', '/api/v1/users', { username: user, roles: ['analyst'], password: userPassword });
  assert.equal(made.status, 201, JSON.stringify(made.body));

  const { page, assertClean } = await openPage(t);
  await page.goto(`${base}/#/sign-in`);
  // Empty fields are caught before they reach the server.
  await page.click('#signin-submit');
  await waitForText(page.locator('.alert.error'), 'Enter your user name and your password.');
  await page.fill('#signin-username', user);
  for (let i = 1; i <= 5; i += 1) {
    await page.fill('#signin-password', `wrong password ${i}`);
    await page.click('#signin-submit');
    const code = i < 5 ? 'bad-credentials' : 'account-locked';
    await page.locator(`.alert.error[data-code="${code}"]`).waitFor();
    if (i < 5) await waitForText(page.locator('.alert.error'), 'The user name or the password is wrong.');
  }
  const locked = (await adminApi('GET', `/api/v1/users/${user}`)).body;
  assert.ok(locked.locked_until, 'the server locked the account');
  const when = await page.evaluate((iso) => new Intl.DateTimeFormat('en-GB-u-nu-latn', { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(iso)), locked.locked_until);
  const message = await page.locator('.alert.error .signin-reason').textContent();
  assert.ok(message.includes('This account is locked after too many wrong passwords'), message);
  assert.ok(message.includes(when), `the message says until when (${when}): ${message}`);
  assert.equal(await page.getAttribute('#signin-username', 'aria-invalid'), 'true');
  await shot(page, 'signin-locked-en.png');
  // Even the right password is refused while locked.
  await page.fill('#signin-password', userPassword);
  await page.click('#signin-submit');
  await sleep(300);
  await page.locator('.alert.error[data-code="account-locked"]').waitFor();

  // The administrator sees the lock in the list and lifts it.
  const admin = await openPage(t);
  await signInUI(admin.page, 'admin', password);
  await admin.page.goto(`${base}/#/users`);
  const row = admin.page.locator(`#users-table tr[data-user="${user}"]`);
  await row.waitFor();
  assert.notEqual((await row.locator('td.col-locked').textContent()).trim(), '', 'the list says until when');
  await row.getByRole('link', { name: user }).click();
  await admin.page.locator('#badge-locked').waitFor();
  await waitForText(admin.page.locator('#user-locked-text'), 'Locked after too many wrong passwords');
  await admin.page.click('#user-unlock');
  await waitForText(admin.page.locator('#flash'), 'Account unlocked.');
  assert.equal(await admin.page.locator('#badge-locked').count(), 0);

  // Disabled: the sign-in says so; enabled again, the user signs in.
  await admin.page.click('#user-disable');
  await admin.page.locator('dialog[open]').getByRole('button', { name: 'Disable the account' }).click();
  await waitForText(admin.page.locator('#flash'), 'Account disabled.');
  await admin.page.locator('#badge-disabled').waitFor();
  await page.fill('#signin-password', userPassword);
  await page.click('#signin-submit');
  await page.locator('.alert.error[data-code="account-disabled"]').waitFor();
  await waitForText(page.locator('.alert.error'), 'This account is disabled. Ask an administrator to enable it.');
  await admin.page.click('#user-enable');
  await waitForText(admin.page.locator('#flash'), 'Account enabled.');

  await page.fill('#signin-password', userPassword);
  await page.click('#signin-submit');
  await waitForText(page.locator('#signed-in-as'), user);
  assertServerAlive('after the sign-in attempts');
  assertClean();
  admin.assertClean();
});

test('an administrator sets a new password for a user', async (t) => {
  const { page, assertClean } = await openPage(t);
  await signInUI(page, 'admin', password);
  await page.goto(`${base}/#/users/${DELEGATE}`);
  await page.locator('#user-password-form').waitFor();
  await page.fill('#user-password', 'short');
  await page.click('#user-password-submit');
  await waitForText(page.locator('#user-password-error'), 'at least 12 characters; this one has 5');
  await page.click('#user-generate');
  const generated = await page.inputValue('#user-password');
  assert.ok(generated.length >= 12);
  await page.click('#user-password-submit');
  await waitForText(page.locator('#flash'), `New password set for “${DELEGATE}”.`);
  const s = await api('/api/v1/session', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: DELEGATE, password: generated }),
  });
  assert.equal(s.status, 200, 'the user signs in with the new password');
  delegatePassword = generated;
  assertClean();
});

test('the secretariat sees the write controls and the records of its level; an analyst neither', async (t) => {
  const pass = 'a password for the test accounts';
  for (const [username, roles] of [['sec.officer', ['secretariat']], ['an.analyst', ['analyst']]]) {
    const r = await adminApi('POST', '/api/v1/users', { username, roles, password: pass });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  // A person filed at the secretariat level.
  const persons = await apiJson('/api/v1/persons?limit=1');
  const person = persons.items[0];
  const r = await adminApi('PATCH', `/api/v1/persons/${encodeURIComponent(person.id)}`, { level: 'secretariat' });
  assert.equal(r.status, 200, JSON.stringify(r.body));

  const sec = await openPage(t);
  await signInUI(sec.page, 'sec.officer', pass);
  await sec.page.goto(`${base}/#/persons/${encodeURIComponent(person.id)}`);
  await sec.page.locator('h1').filter({ hasText: person.name_en }).waitFor();
  await waitForText(sec.page.locator('#record-level'), 'Confidentiality: Secretariat');
  assert.ok(await sec.page.getByRole('link', { name: 'Edit', exact: true }).isVisible());
  assert.ok(await sec.page.getByRole('button', { name: 'Delete' }).isVisible());
  assert.equal(await sec.page.locator('nav#site-nav a[data-nav="users"]').count(), 0);
  await sec.page.goto(`${base}/#/account`);
  await waitForText(sec.page.locator('#my-rights'), 'You can create, edit and delete records');
  await shot(sec.page, 'person-secretariat-en.png');

  const an = await openPage(t);
  await signInUI(an.page, 'an.analyst', pass);
  await an.page.goto(`${base}/#/persons/${encodeURIComponent(person.id)}`);
  await an.page.locator('h1').filter({ hasText: 'Page not found' }).waitFor();
  await an.page.goto(`${base}/#/states/SAU`);
  await an.page.locator('h1').filter({ hasText: 'Saudi Arabia' }).waitFor();
  assert.equal(await an.page.getByRole('link', { name: 'Edit', exact: true }).count(), 0);
  sec.assertClean();
  an.assertClean();
});

test('Arabic: the account, users and audit pages and the sign-in errors are right to left', async (t) => {
  const { page, assertClean } = await openPage(t, { locale: 'ar-SA' });
  // A refused sign-in, in Arabic.
  await page.goto(`${base}/#/sign-in`);
  await page.fill('#signin-username', 'admin');
  await page.fill('#signin-password', 'كلمة خاطئة');
  await page.click('#signin-submit');
  await waitForText(page.locator('.alert.error'), 'اسم المستخدم أو كلمة المرور غير صحيح');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

  await page.fill('#signin-password', password);
  await page.click('#signin-submit');
  await page.locator('#signed-in-as').waitFor();
  const pages = [
    ['account', 'حسابي', '#tokens'],
    ['users', 'المستخدمون', '#users-table'],
    [`users/${DELEGATE}`, DELEGATE, '#user-roles-form'],
    ['audit', 'سجل التدقيق', '#audit-list li'],
  ];
  for (const [p, h1, ready] of pages) {
    await page.goto(`${base}/#/${p}`);
    await page.locator('h1').filter({ hasText: h1 }).waitFor();
    await page.locator(ready).first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ar', p);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl', p);
    // Mirrored: the heading starts on the right, the navigation too.
    const h1Box = await page.locator('h1').boundingBox();
    const mainBox = await page.locator('main .view').boundingBox();
    assert.ok(h1Box.x + h1Box.width > mainBox.x + mainBox.width - 80, `${p}: the heading is on the right`);
    const home = await page.locator('nav#site-nav a[data-nav=""]').boundingBox();
    const audit = await page.locator('nav#site-nav a[data-nav="audit"]').boundingBox();
    assert.ok(home.x > audit.x, `${p}: the navigation starts on the right`);
  }
  // The audit log's entries in Arabic.
  await page.locator('#audit-list li summary').first().click();
  await page.locator('#audit-list li table.diff').first().waitFor();
  assert.deepEqual((await page.locator('#audit-list li table.diff thead th').first().textContent()), 'الحقل');
  await shot(page, 'audit-ar.png');
  await page.goto(`${base}/#/users`);
  await page.locator('#users-table').waitFor();
  await shot(page, 'users-ar.png');
  await page.goto(`${base}/#/account`);
  await page.locator('#tokens').waitFor();
  await waitForText(page.locator('#my-account'), 'مدير النظام');
  await shot(page, 'account-ar.png');
  assertClean();
});
