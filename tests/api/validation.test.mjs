// Bad input: validation errors name the field, referenced deletes, malformed and oversized bodies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, call, isProblem, namesField } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

const good = (id, extra = {}) => ({
  id, name_ar: 'دولة', name_en: 'Validland', name_fr: 'Validlande', status: 'observer', observer_since: 2030, ...extra,
});

// A validation error: a 4xx problem (400 or 422) that names the field, and nothing stored.
async function rejects(path, body, field, what) {
  const r = await call(srv, 'POST', path, { auth: true, body });
  assert.ok(r.status === 400 || r.status === 422, `${what}: status ${r.status} ${r.text}`);
  isProblem(assert, r, r.status, what);
  assert.ok(namesField(r.body, field), `${what}: the problem names "${field}": ${r.text}`);
  assert.equal(typeof r.body.hint, 'string', `${what}: hint`);
  if (body.id) {
    const g = await call(srv, 'GET', `${path}/${body.id}`);
    assert.equal(g.status, 404, `${what}: ${body.id} was not stored`);
  }
  return r;
}

test('the good record used below is accepted (control)', async () => {
  const r = await call(srv, 'POST', '/api/v1/states', { auth: true, body: good('XVA', { iso2: 'XV' }) });
  assert.equal(r.status, 201, r.text);
});

test('bad iso2 pattern names iso2', async () => {
  await rejects('/api/v1/states', good('XVB', { iso2: 'x1' }), 'iso2', 'iso2 x1');
  await rejects('/api/v1/states', good('XVB', { iso2: 'XYZ' }), 'iso2', 'iso2 XYZ');
});

test('a duplicate iso2 names iso2', async () => {
  const r = await call(srv, 'POST', '/api/v1/states', { auth: true, body: good('XVC', { iso2: 'SA' }) });
  assert.ok(r.status >= 400 && r.status < 500, `duplicate iso2 SA -> ${r.status}`);
  assert.ok(namesField(r.body, 'iso2'), r.text);
  assert.equal((await call(srv, 'GET', '/api/v1/states/XVC')).status, 404);
});

test('a bad id pattern names id', async () => {
  await rejects('/api/v1/states', good('xx1'), 'id', 'state id xx1');
  await rejects('/api/v1/persons', { id: 'Bad Id!', name_en: 'Someone' }, 'id', 'person id "Bad Id!"');
});

test('an unknown JSON field is rejected and named', async () => {
  await rejects('/api/v1/states', good('XVD', { colour: 'green' }), 'colour', 'unknown field colour');
});

test('a wrong type names the field', async () => {
  await rejects('/api/v1/states', good('XVE', { accession_year: '1999' }), 'accession_year', 'accession_year as string');
  await rejects('/api/v1/states', good('XVE', { name_en: 42 }), 'name_en', 'name_en as number');
  await rejects('/api/v1/organisations', { id: 'testorg', name_en: 'T', name_ar: 'ت', name_fr: 'T', partner: 'yes' }, 'partner', 'partner as string');
});

test('a missing required name_en is named', async () => {
  const { name_en, ...rest } = good('XVF');
  await rejects('/api/v1/states', rest, 'name_en', 'missing name_en');
  await rejects('/api/v1/states', good('XVF', { name_en: null }), 'name_en', 'null name_en');
});

test('an enum value not allowed is named', async () => {
  await rejects('/api/v1/states', good('XVG', { status: 'friend' }), 'status', 'status friend');
  await rejects('/api/v1/states', good('XVG', { group: 'european' }), 'group', 'group european');
});

test('an int outside its range is named', async () => {
  await rejects('/api/v1/states', good('XVH', { accession_year: 1900 }), 'accession_year', 'accession_year 1900');
});

test('a ref to a missing state is named', async () => {
  await rejects('/api/v1/persons', { id: 'test-person-x', name_en: 'Test Person', nationality: 'QQQ' }, 'nationality', 'nationality QQQ');
});

test('suspended without suspended_since is named', async () => {
  await rejects('/api/v1/states', good('XVI', { status: 'suspended' }), 'suspended_since', 'suspended without date');
  const ok = await call(srv, 'POST', '/api/v1/states', { auth: true, body: good('XVI', { status: 'suspended', suspended_since: '2012-08' }) });
  assert.equal(ok.status, 201, `with suspended_since it is accepted: ${ok.text}`);
});

test('an impossible partial date is named', async () => {
  await rejects('/api/v1/states', good('XVJ', { status: 'suspended', suspended_since: '2021-02-30' }), 'suspended_since', 'date 2021-02-30');
  await rejects('/api/v1/states', good('XVJ', { status: 'suspended', suspended_since: '2021-13' }), 'suspended_since', 'date 2021-13');
});

test('PATCH validation: a bad value is named and the record is unchanged', async () => {
  const before = await call(srv, 'GET', '/api/v1/states/SAU');
  const r = await call(srv, 'PATCH', '/api/v1/states/SAU', { auth: true, body: { status: 'friend' } });
  assert.ok(r.status === 400 || r.status === 422, `PATCH status friend -> ${r.status}`);
  assert.ok(namesField(r.body, 'status'), r.text);
  const r2 = await call(srv, 'PATCH', '/api/v1/states/SAU', { auth: true, body: { status: 'suspended' } });
  assert.ok(r2.status === 400 || r2.status === 422, `PATCH to suspended without a date -> ${r2.status}`);
  assert.ok(namesField(r2.body, 'suspended_since'), r2.text);
  const after = await call(srv, 'GET', '/api/v1/states/SAU');
  assert.deepEqual(after.body, before.body);
});

test('deleting a referenced record is 409 and changes nothing', async () => {
  const s = await call(srv, 'POST', '/api/v1/states', { auth: true, body: good('XRF') });
  assert.equal(s.status, 201, s.text);
  const p = await call(srv, 'POST', '/api/v1/persons', { auth: true, body: { id: 'ref-test-person', name_en: 'Ref Test', nationality: 'XRF' } });
  assert.equal(p.status, 201, p.text);
  const total = (await call(srv, 'GET', '/api/v1/states?limit=1')).body.total;

  const d = await call(srv, 'DELETE', '/api/v1/states/XRF', { auth: true });
  isProblem(assert, d, 409, 'DELETE referenced state');
  assert.ok(d.body.detail.includes('ref-test-person') || /person/i.test(d.text), `409 says what refers to it: ${d.text}`);
  assert.equal((await call(srv, 'GET', '/api/v1/states/XRF')).status, 200, 'state still there');
  assert.equal((await call(srv, 'GET', '/api/v1/persons/ref-test-person')).body.nationality, 'XRF');
  assert.equal((await call(srv, 'GET', '/api/v1/states?limit=1')).body.total, total);

  // once the reference is gone, the delete works
  assert.equal((await call(srv, 'DELETE', '/api/v1/persons/ref-test-person', { auth: true })).status, 204);
  assert.equal((await call(srv, 'DELETE', '/api/v1/states/XRF', { auth: true })).status, 204);
});

test('deleting a state referenced by the default data is 409', async () => {
  const persons = await call(srv, 'GET', '/api/v1/persons?limit=200');
  const withNat = persons.body.items.find((x) => x.nationality);
  assert.ok(withNat, 'the default data has a person with a nationality');
  const before = await call(srv, 'GET', `/api/v1/states/${withNat.nationality}`);
  const d = await call(srv, 'DELETE', `/api/v1/states/${withNat.nationality}`, { auth: true });
  isProblem(assert, d, 409, `DELETE ${withNat.nationality}`);
  const after = await call(srv, 'GET', `/api/v1/states/${withNat.nationality}`);
  assert.deepEqual(after.body, before.body);
});

test('a malformed JSON body is 400', async () => {
  for (const raw of ['{"id": "XMA", "name_en": ', '{id: XMA}', 'not json at all', '[1,2,3]', '']) {
    const r = await call(srv, 'POST', '/api/v1/states', { auth: true, raw, headers: { 'content-type': 'application/json' } });
    isProblem(assert, r, 400, `body ${JSON.stringify(raw)}`);
  }
  const p = await call(srv, 'PATCH', '/api/v1/states/SAU', { auth: true, raw: '{"notes": "x"', headers: { 'content-type': 'application/json' } });
  isProblem(assert, p, 400, 'PATCH with truncated JSON');
});

// Uses node:http so that an early response (the server refusing before reading the whole
// body) is still seen, as a browser or curl would see it.
// Sends a body the way careful HTTP clients send large ones: with "Expect: 100-continue", the body
// goes out only if the server says 100 Continue. A server that refuses the size answers at once,
// before any of the body is sent. Never hangs: a connection error rejects.
function postExpect(path, buf, headers) {
  return new Promise((resolve, reject) => {
    const u = new URL(path, srv.base);
    let sent = 0;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
      headers: { 'content-length': buf.length, expect: '100-continue', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, sent }));
    });
    req.on('continue', () => { sent = buf.length; req.end(buf); });
    req.on('error', (e) => reject(new Error(`connection error before an answer: ${e.code || e.message}`)));
    req.setTimeout(15000, () => req.destroy(new Error('no answer in 15 s')));
  });
}

test('a 2 MB body is refused with 413 before it is sent, and the server keeps running', async () => {
  const big = Buffer.from(JSON.stringify(good('XBG', { notes: 'x'.repeat(2 * 1024 * 1024) })));
  const r = await postExpect('/api/v1/states', big, { 'content-type': 'application/json', authorization: srv.basic() });
  assert.equal(r.status, 413, `status ${r.status} ${r.text.slice(0, 300)}`);
  assert.equal(r.sent, 0, 'the server asked for the body it was going to refuse');
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  assert.ok(srv.alive(), 'server still running');
  const g = await call(srv, 'GET', '/api/v1/summary');
  assert.equal(g.status, 200, 'server still answers');
  assert.equal((await call(srv, 'GET', '/api/v1/states/XBG')).status, 404, 'not stored');
});

test('a text longer than its maximum is named', async () => {
  const r = await call(srv, 'POST', '/api/v1/states', { auth: true, body: good('XLT', { name_en: 'L'.repeat(5000) }) });
  assert.ok(r.status === 400 || r.status === 422, `5000-char name_en -> ${r.status}`);
  assert.ok(namesField(r.body, 'name_en'), r.text);
});

test('a method a resource does not support is a 405 problem', async () => {
  for (const [m, p] of [['POST', '/api/v1/states/SAU'], ['DELETE', '/api/v1/states'], ['DELETE', '/api/v1/summary'], ['POST', '/api/v1/openapi.json']]) {
    const r = await call(srv, m, p, { auth: true });
    isProblem(assert, r, 405, `${m} ${p}`);
    assert.ok(r.headers.get('allow'), `${m} ${p}: Allow header`);
  }
});
