// Test helper: starts the real `tansiq serve` on a fresh data directory.
//
//   import { startServer } from './server.mjs';
//   const srv = await startServer();   // { base, username, password, dataDir, proc, stop() }
//   ...
//   await srv.stop();
//
// Options: { timeoutMs, args: [more serve options], tls: { cert, key } (PEM file paths: serves
// HTTPS, base is https://..., and the start is probed with node:https without checking the
// certificate) }.
//
// The binary is $TANSIQ_BIN or <repo>/build/tansiq.

import { spawn, spawnSync } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const tansiqBin = process.env.TANSIQ_BIN
  ? path.resolve(process.env.TANSIQ_BIN)
  : path.join(repoRoot, 'build', 'tansiq');

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** GET over HTTPS without checking the certificate (the test certificates are self-signed). */
function probeHttps(url) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

export async function startServer({ timeoutMs = 15000, args = [], tls = null } = {}) {
  if (!existsSync(tansiqBin)) {
    throw new Error(`tansiq binary not found at ${tansiqBin} (build it with make, or set TANSIQ_BIN)`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tansiq-api-'));
  const init = spawnSync(tansiqBin, ['init', '--data', dataDir], { encoding: 'utf8', timeout: 60000 });
  if (init.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`tansiq init failed (status ${init.status}):\n${init.stdout}\n${init.stderr}`);
  }
  const out = `${init.stdout}\n${init.stderr}`;
  const user = /^\s*username:\s*(\S+)\s*$/m.exec(out);
  const pass = /^\s*password:\s*(\S+)\s*$/m.exec(out);
  if (!user || !pass) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`tansiq init did not print "username:" and "password:" lines:\n${out}`);
  }

  const port = await freePort();
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const tlsArgs = tls ? ['--tls-cert', tls.cert, '--tls-key', tls.key] : [];
  const proc = spawn(tansiqBin, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`, ...tlsArgs, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    proc.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); });
  });

  const stop = async () => {
    if (!exited) {
      proc.kill('SIGTERM');
      const t = setTimeout(() => { if (!exited) proc.kill('SIGKILL'); }, 3000);
      await exitPromise;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`tansiq serve exited early (${JSON.stringify(exited)}):\n${log}`);
    }
    try {
      if (tls) {
        if (await probeHttps(`${base}/api/v1/summary`) === 200) break;
      } else {
        const r = await fetch(`${base}/api/v1/summary`);
        await r.arrayBuffer();
        if (r.status === 200) break;
      }
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`tansiq serve did not answer GET /api/v1/summary within ${timeoutMs} ms:\n${log}`);
    }
    await sleep(50);
  }

  return {
    base,
    port,
    dataDir,
    proc,
    username: user[1],
    password: pass[1],
    /** Is the server process still running? */
    alive: () => exited === null,
    /** How the server process ended ({code, signal}), or null while it runs. */
    exitInfo: () => exited,
    /** What the server printed so far (for failure messages). */
    log: () => log,
    /** Authorization header value for HTTP Basic with the admin account. */
    basic: () => 'Basic ' + Buffer.from(`${user[1]}:${pass[1]}`).toString('base64'),
    stop,
  };
}

/** fetch + parse: returns { status, headers, body (parsed JSON or null), text }. */
export async function call(srv, method, urlPath, { body, headers = {}, auth = false, raw } = {}) {
  const h = { ...headers };
  if (auth) h.authorization = srv.basic();
  let payload;
  if (raw !== undefined) {
    payload = raw;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
  }
  let r;
  try {
    r = await fetch(srv.base + urlPath, { method, headers: h, body: payload, redirect: 'manual' });
  } catch (e) {
    await new Promise((res) => setTimeout(res, 100)); // let an exit be noticed
    if (!srv.alive()) {
      const tail = srv.log().split('\n').slice(-6).join('\n');
      throw new Error(`${method} ${urlPath}: the server is not running (it ended with ${JSON.stringify(srv.exitInfo())}); its last output:\n${tail}`);
    }
    throw new Error(`${method} ${urlPath}: ${e.message}${e.cause ? ` (${e.cause.code || e.cause.message})` : ''}`);
  }
  const text = await r.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  return { status: r.status, headers: r.headers, body: parsed, text };
}

/** Follows next_cursor from `firstPath` and returns { pages, items, totals }. */
export async function fetchAllPages(srv, firstPath, { maxPages = 200 } = {}) {
  const pages = [];
  let url = firstPath;
  for (let i = 0; i < maxPages; i++) {
    const r = await call(srv, 'GET', url);
    if (r.status !== 200) throw new Error(`GET ${url} -> ${r.status}: ${r.text}`);
    pages.push(r.body);
    const next = r.body.next_cursor;
    if (next === null || next === undefined) {
      return { pages, items: pages.flatMap((p) => p.items), totals: pages.map((p) => p.total) };
    }
    const u = new URL(url, 'http://x');
    u.searchParams.set('cursor', next);
    url = u.pathname + u.search;
  }
  throw new Error(`more than ${maxPages} pages following ${firstPath}: the cursor does not end`);
}

/** Asserts the response is an RFC 9457 problem with the given status. */
export function isProblem(assert, r, status, what = '') {
  const ctx = `${what} -> ${r.status} ${r.text.slice(0, 500)}`;
  assert.equal(r.status, status, `status: ${ctx}`);
  const ct = r.headers.get('content-type') || '';
  assert.match(ct, /^application\/problem\+json/, `content-type "${ct}": ${ctx}`);
  assert.ok(r.body && typeof r.body === 'object', `body is a JSON object: ${ctx}`);
  assert.equal(r.body.status, status, `body.status: ${ctx}`);
  for (const k of ['type', 'title', 'detail', 'code']) {
    assert.equal(typeof r.body[k], 'string', `body.${k} is a string: ${ctx}`);
    assert.ok(r.body[k].length > 0, `body.${k} is not empty: ${ctx}`);
  }
}

/** Does the problem name `field` (in field, errors[].field, or the detail text)? */
export function namesField(problem, field) {
  if (!problem) return false;
  if (problem.field === field) return true;
  if (Array.isArray(problem.errors) && problem.errors.some((e) => e && e.field === field)) return true;
  return typeof problem.detail === 'string' && problem.detail.includes(field);
}
