// Shared by the browser tests: `tansiq init` makes a fresh data directory, `tansiq serve`
// serves it on a free port, Debian's Chromium is launched once per test file, and each
// test opens its own browser context (fresh storage and cookies).
//
//   import { useServerAndBrowser, openPage, base, password } from './browser.mjs';
//   useServerAndBrowser();          // registers the before/after hooks of the file
//
// `base`, `password` and `browser` are live bindings, set once the hooks have run.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort } from '../api/server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.TANSIQ_BIN || path.join(ROOT, 'build', 'tansiq');
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const TIMEOUT = 15000;

export let dataDir;
let server;
let serverLog = '';
export let base;
export let password;
export let browser;


export function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 60000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function api(p, init) {
  const res = await fetch(base + p, init);
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  return { status: res.status, body, headers: res.headers };
}

export async function apiJson(p) {
  const r = await api(p);
  assert.equal(r.status, 200, `GET ${p} -> ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/* Starts `tansiq serve` on a free port and waits until the API answers. */
async function startServer() {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  serverLog = '';
  server = spawn(BIN, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  const deadline = Date.now() + 20000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`tansiq serve stopped (${server.exitCode ?? server.signalCode}):\n${serverLog}`);
    }
    try {
      const r = await fetch(`${base}/api/v1/summary`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`tansiq serve did not answer on ${base}:\n${serverLog}`);
    await sleep(150);
  }
}

export function serverDied() {
  return server && (server.exitCode !== null || server.signalCode !== null);
}

/* Fails with the server's own words when it has died (a crash must not pass unnoticed). */
export function assertServerAlive(what) {
  assert.ok(!serverDied(), `the server died (${server.exitCode ?? server.signalCode}) ${what}; its log ends with:\n${serverLog.slice(-1500)}`);
}

/* Registers the file's hooks: a fresh data directory and server, and the browser. */
export function useServerAndBrowser() {
  before(async () => {
    assert.ok(fs.existsSync(BIN), `the server binary ${BIN} does not exist: run make first (or set TANSIQ_BIN)`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-e2e-'));
    const out = await run(BIN, ['init', '--data', dataDir]);
    const m = /^\s*password:\s*(\S+)/m.exec(out);
    assert.ok(m, `no "password:" line in the output of tansiq init:\n${out}`);
    password = m[1];

    await startServer();

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
        '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server && !serverDied()) {
      server.kill('SIGTERM');
      const t0 = Date.now();
      while (server.exitCode === null && server.signalCode === null && Date.now() - t0 < 3000) await sleep(50);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
}

/* A fresh browser context and page; collects script errors and CSP refusals, which
   each test asserts are absent. */
export async function openPage(t, { locale = 'en-US' } = {}) {
  // A test that crashed the server fails by itself; the next tests get a new server on the
  // same data directory.
  if (serverDied()) await startServer();
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Refused to|Content Security Policy|SyntaxError|TypeError|ReferenceError/.test(msg.text())) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  t.after(async () => { await context.close().catch(() => {}); });
  return {
    page,
    context,
    assertClean() { assert.deepEqual(problems, [], 'the page logged errors'); },
  };
}

export async function waitForText(locator, expected, timeout = TIMEOUT) {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeout) {
    last = (await locator.textContent().catch(() => '')) || '';
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${expected} in "${last}"`);
}

/* The English label of a field, as the schema gives it (shape tolerant). */
export async function fieldLabel(coll, name, lang = 'en') {
  const raw = await apiJson('/api/v1/schema');
  let ents = Array.isArray(raw) ? raw : Array.isArray(raw.entities) ? raw.entities
    : Object.entries(raw.entities || raw).map(([k, v]) => ({ collection: k, ...v }));
  const ent = ents.find((e) => e.collection === coll || e.name === coll);
  assert.ok(ent, `schema has no ${coll}`);
  const fields = Array.isArray(ent.fields) ? ent.fields : Object.entries(ent.fields).map(([k, v]) => ({ name: k, ...v }));
  const f = fields.find((x) => x.name === name);
  assert.ok(f, `schema has no ${coll}.${name}`);
  return (f.labels && (f.labels[lang] || f.labels.en)) || name;
}

/* Waits for a link in the list, pressing "Load more" while it is not on the page yet. */
export async function findInList(page, name) {
  const link = page.getByRole('link', { name, exact: true });
  const t0 = Date.now();
  while (Date.now() - t0 < TIMEOUT) {
    if (await link.count()) { await link.first().waitFor(); return link.first(); }
    const more = page.locator('button.load-more:not([disabled])');
    if (await more.count()) await more.click();
    await sleep(150);
  }
  throw new Error(`"${name}" is not in the list`);
}

export async function rowCount(page) {
  return page.locator('table.data tbody tr').count();
}

export async function waitForRowCount(page, n) {
  await page.waitForFunction((want) => document.querySelectorAll('table.data tbody tr').length === want
    && !document.querySelector('.list-body[aria-busy]'), n, { timeout: TIMEOUT });
}

/* Signs in through the sign-in page and waits for the header to say so. */
export async function signInUI(page, username, pass, { returnTo = null } = {}) {
  await page.goto(`${base}/#/sign-in${returnTo ? `?return=${encodeURIComponent(returnTo)}` : ''}`);
  await page.fill('#signin-username', username);
  await page.fill('#signin-password', pass);
  await page.click('#signin-submit');
  await page.locator('#signed-in-as').waitFor();
}

/* An API call as the first administrator (HTTP Basic), with a JSON body, or with a text body
   sent as it is when its contentType is given (a CSV file to import). */
export async function adminApi(method, p, body, contentType = null) {
  const headers = { authorization: 'Basic ' + Buffer.from(`admin:${password}`).toString('base64') };
  if (body !== undefined) headers['content-type'] = contentType || 'application/json';
  return api(p, { method, headers, body: body === undefined || contentType ? body : JSON.stringify(body) });
}

/* The password of the accounts the tests make. */
export const USER_PASSWORD = 'a long enough password';

/* Makes an account through the API as the administrator: its roles and, for a delegate, its state. */
export async function makeUser(username, roles, state) {
  const r = await adminApi('POST', '/api/v1/users', { username, roles, state, password: USER_PASSWORD });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

/* make() called once, by whichever test asks first (the server starts in the file's own before
   hook, so a fixture is made from the tests, and the tests that follow share it). */
export function once(make) {
  let made = null;
  return () => {
    if (!made) made = make();
    return made;
  };
}
