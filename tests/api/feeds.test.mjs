// Importing a dataset's file over HTTP: POST /api/v1/imports/{acled|ucdp-ged|ucdp-acd} with a
// text/csv body. Writers only (anonymous 401, a delegate 403), an unknown dataset 404 naming the
// three, another Content-Type 415, a bad row 422 with its line and field and nothing written,
// skip_invalid with the rejects, dry_run, the same file twice, and the aggregates after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, call, isProblem, namesField, repoRoot } from './server.mjs';

let srv;
const PW = 'a long enough password';
const basic = (u) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${PW}`).toString('base64') });
const analyst = { ...basic('fd-analyst'), 'content-type': 'text/csv' };
const delegate = { ...basic('fd-delegate'), 'content-type': 'text/csv' };
const fixture = (name) => readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'feeds', name), 'utf8');

before(async () => {
  srv = await startServer();
  for (const [username, roles, state] of [['fd-analyst', ['analyst']], ['fd-delegate', ['delegate'], 'SAU']]) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, roles, state, password: PW } });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { if (srv) await srv.stop(); });

const events = async () => (await call(srv, 'GET', '/api/v1/events?limit=1000', { auth: true })).body.items;

test('who may import, which datasets, which media type', async () => {
  const acled = fixture('acled.csv');
  isProblem(assert, await call(srv, 'POST', '/api/v1/imports/acled', { raw: acled, headers: { 'content-type': 'text/csv' } }), 401, 'anonymous');
  isProblem(assert, await call(srv, 'POST', '/api/v1/imports/acled', { raw: acled, headers: delegate }), 403, 'a delegate');
  const nf = await call(srv, 'POST', '/api/v1/imports/gdelt', { raw: acled, headers: analyst });
  isProblem(assert, nf, 404, 'an unknown dataset');
  assert.match(nf.body.detail, /acled, ucdp-ged and ucdp-acd/);
  const ct = await call(srv, 'POST', '/api/v1/imports/acled', { raw: acled, headers: { ...basic('fd-analyst'), 'content-type': 'application/json' } });
  isProblem(assert, ct, 415, 'JSON instead of CSV');
  isProblem(assert, await call(srv, 'POST', '/api/v1/imports/acled?dry_run=maybe', { raw: acled, headers: analyst }), 400, 'a bad flag');
  isProblem(assert, await call(srv, 'POST', '/api/v1/imports/acled?force=1', { raw: acled, headers: analyst }), 400, 'an unknown parameter');
  assert.equal((await events()).length, 0, 'nothing written by refused requests');
});

test('a bad row: 422 with its line and field, nothing written', async () => {
  const r = await call(srv, 'POST', '/api/v1/imports/acled', { raw: fixture('acled-bad.csv'), headers: analyst });
  isProblem(assert, r, 422, 'bad row');
  assert.equal(r.body.line, 3);
  assert.ok(namesField(r.body, 'iso'), r.text);
  assert.match(r.body.detail, /999/);
  assert.equal((await events()).length, 0);
  const imports = await call(srv, 'GET', '/api/v1/event-imports', { auth: true });
  assert.equal(imports.body.items.length, 0, 'no import record');
});

test('skip_invalid, dry_run, the same file twice, and the aggregates', async () => {
  let r = await call(srv, 'POST', '/api/v1/imports/acled?skip_invalid=true&dry_run=true', { raw: fixture('acled-bad.csv'), headers: analyst });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.dry_run, true);
  assert.equal(r.body.import, undefined);
  assert.deepEqual([r.body.rows, r.body.added, r.body.rejected], [4, 2, 2]);
  assert.deepEqual(r.body.rejects.map((x) => [x.line, x.field, x.value]), [[3, 'iso', '999'], [4, 'event_date', '2023-13-02']]);
  assert.ok(r.body.rejects.every((x) => typeof x.reason === 'string' && x.reason.length > 0));
  assert.equal((await events()).length, 0, 'a dry run writes nothing');

  r = await call(srv, 'POST', '/api/v1/imports/acled', { raw: fixture('acled.csv'), headers: analyst });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.rows, r.body.events, r.body.added, r.body.updated, r.body.unchanged, r.body.merged, r.body.rejected],
    [4, 4, 4, 0, 0, 0, 0]);
  assert.equal(r.body.format, 'acled, 31 columns, dyadic');
  assert.match(r.body.import, /^i[0-9a-f]{16}$/);
  const imp = await call(srv, 'GET', `/api/v1/event-imports/${r.body.import}`, { auth: true });
  assert.equal(imp.status, 200);
  assert.equal(imp.body.imported_by, 'fd-analyst');

  r = await call(srv, 'POST', '/api/v1/imports/acled', { raw: fixture('acled.csv'), headers: analyst });
  assert.deepEqual([r.body.added, r.body.updated, r.body.unchanged], [0, 0, 4], 'the same file twice changes nothing');
  r = await call(srv, 'POST', '/api/v1/imports/acled', { raw: fixture('acled-revised.csv'), headers: analyst });
  assert.deepEqual([r.body.added, r.body.updated, r.body.unchanged], [0, 1, 3], 'revised fatalities update');

  const months = await call(srv, 'GET', '/api/v1/country-months?country=SDN');
  assert.equal(months.status, 200, months.text);
  const april = months.body.items.find((i) => i.month === '2023-04');
  assert.deepEqual([april.events, april.fatalities], [3, 56 + 8 + 9], 'Sudan in April 2023: three events, the revised fatalities');
});

test('UCDP: the ACD, then GED events linked to its conflicts', async () => {
  let r = await call(srv, 'POST', '/api/v1/imports/ucdp-acd', { raw: fixture('acd.csv'), headers: analyst });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.rows, r.body.events, r.body.added], [3, 3, 5]);
  r = await call(srv, 'POST', '/api/v1/imports/ucdp-ged', { raw: fixture('ged.csv'), headers: analyst });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.added, 2);
  const ev = await call(srv, 'GET', '/api/v1/events/ged-244657');
  assert.equal(ev.body.conflict, 'ucdp-309');
  r = await call(srv, 'POST', '/api/v1/imports/ucdp-ged', { raw: fixture('acled.csv'), headers: analyst });
  isProblem(assert, r, 422, 'an ACLED file as GED');
  assert.ok(namesField(r.body, 'id'), r.text);
});

test('documented', async () => {
  const doc = (await call(srv, 'GET', '/api/v1/openapi.json')).body;
  const op = doc.paths['/api/v1/imports/{dataset}'].post;
  assert.ok(op.parameters.some((p) => p.name === 'skip_invalid'));
  assert.ok(op.requestBody.content['text/csv']);
});
