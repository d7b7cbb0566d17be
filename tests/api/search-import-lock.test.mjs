// POST /api/v1/documents/import converts the file before it takes the database's write lock: a
// PDF that pdftotext reads slowly (here a pdftotext of our own that waits 6 seconds, longer than a
// writer waits for the lock) keeps no other write waiting. The server is started with that
// pdftotext first on its PATH.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tansiqBin, freePort } from './server.mjs';

let dir;
let proc;
let base;
let auth;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tansiq-api-lock-'));
  const bin = path.join(dir, 'bin');
  spawnSync('mkdir', [bin]);
  writeFileSync(path.join(bin, 'pdftotext'), '#!/bin/sh\nsleep 6\necho "Slowpdf report of the Okapi mediation"\n');
  chmodSync(path.join(bin, 'pdftotext'), 0o755);
  const data = path.join(dir, 'data');
  const init = spawnSync(tansiqBin, ['init', '--data', data], { encoding: 'utf8', timeout: 60000 });
  assert.equal(init.status, 0, init.stderr);
  const user = /^\s*username:\s*(\S+)\s*$/m.exec(init.stdout)[1];
  const pass = /^\s*password:\s*(\S+)\s*$/m.exec(init.stdout)[1];
  auth = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  proc = spawn(tansiqBin, ['serve', '--data', data, '--listen', `127.0.0.1:${port}`], {
    stdio: 'ignore', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  for (let i = 0; i < 150; i++) {
    try {
      const r = await fetch(`${base}/api/v1/summary`);
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tansiq serve did not start');
});

after(async () => {
  if (proc) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.on('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

/* A PATCH on a new connection, closed after it: {status, body}. */
function patchAlone(urlPath, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, {
      method: 'PATCH', agent: false,
      headers: { authorization: auth, 'content-type': 'application/json', connection: 'close' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('a slow PDF import keeps no other write waiting for the database', async () => {
  const importing = fetch(`${base}/api/v1/documents/import?filename=slow.pdf&level=public`, {
    method: 'POST', headers: { authorization: auth, 'content-type': 'application/pdf' }, body: '%PDF-1.4\n%%EOF\n',
  });
  await new Promise((r) => setTimeout(r, 500)); // pdftotext is running
  // on a connection of its own (a kept-alive one may belong to the server's thread that is busy
  // with the import, and wait for it whatever the database does)
  const started = Date.now();
  const edit = await patchAlone('/api/v1/states/SAU', { notes: 'written while a PDF was read' });
  assert.equal(edit.status, 200, edit.body);
  assert.ok(Date.now() - started < 3000, `the write waited ${Date.now() - started} ms`);
  const imported = await importing;
  const doc = await imported.json();
  assert.equal(imported.status, 201, JSON.stringify(doc));
  assert.equal(doc.format, 'pdf');
  const found = await (await fetch(`${base}/api/v1/search?q=slowpdf`)).json();
  assert.deepEqual(found.items.map((h) => h.id), [doc.id]);
});
