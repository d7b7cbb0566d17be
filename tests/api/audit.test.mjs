// The audit log over HTTP: administrators read who changed what, from where, before and after;
// nobody else reads it, and nobody changes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, isProblem } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

test('anonymous visitors cannot read the audit log', async () => {
  const r = await call(srv, 'GET', '/api/v1/audit');
  isProblem(assert, r, 401, 'GET /api/v1/audit without sign-in');
});

test('a change through the API is recorded with its author, address, before and after', async () => {
  const p = await call(srv, 'PATCH', '/api/v1/states/KWT', { auth: true, body: { notes: 'audited over HTTP' } });
  assert.equal(p.status, 200, p.text);
  const r = await call(srv, 'GET', '/api/v1/audit?collection=states&record=KWT', { auth: true });
  assert.equal(r.status, 200, r.text);
  const [e] = r.body.items;
  assert.equal(e.action, 'update');
  assert.equal(e.actor, srv.username);
  assert.equal(e.address, '127.0.0.1');
  assert.equal(e.before.notes, null);
  assert.equal(e.after.notes, 'audited over HTTP');
  assert.match(e.hash, /^[0-9a-f]{64}$/);
  // the default data came in through init, and is recorded too
  assert.equal(r.body.items.at(-1).action, 'create');
  assert.equal(r.body.items.at(-1).actor, 'init');
});

test('a refused change leaves no entry', async () => {
  const before = await call(srv, 'GET', '/api/v1/audit?limit=1', { auth: true });
  const bad = await call(srv, 'PATCH', '/api/v1/states/KWT', { auth: true, body: { status: 'emperor' } });
  assert.equal(bad.status, 422);
  const afterList = await call(srv, 'GET', '/api/v1/audit?limit=1', { auth: true });
  assert.equal(afterList.body.items[0].seq, before.body.items[0].seq);
});

test('the audit log pages with its cursor, newest first', async () => {
  const seen = [];
  let url = '/api/v1/audit?limit=40';
  for (let i = 0; i < 20 && url; i++) {
    const r = await call(srv, 'GET', url, { auth: true });
    assert.equal(r.status, 200, r.text);
    seen.push(...r.body.items.map((e) => e.seq));
    url = r.body.next_cursor ? `/api/v1/audit?limit=40&cursor=${r.body.next_cursor}` : null;
  }
  assert.ok(seen.length > 100, `the default data gives over a hundred entries, got ${seen.length}`);
  for (let i = 1; i < seen.length; i++) assert.equal(seen[i], seen[i - 1] - 1, 'every entry once, in order');
});

test('the audit log refuses unknown parameters and bad values, and cannot be changed', async () => {
  isProblem(assert, await call(srv, 'GET', '/api/v1/audit?colour=red', { auth: true }), 400, 'unknown parameter');
  isProblem(assert, await call(srv, 'GET', '/api/v1/audit?since=yesterday', { auth: true }), 400, 'bad since');
  for (const m of ['POST', 'PATCH', 'DELETE']) {
    const r = await call(srv, m, '/api/v1/audit', { auth: true });
    isProblem(assert, r, 405, `${m} /api/v1/audit`);
  }
});
