// Confidentiality levels: a record above the caller's level is not listed, not counted, not
// found and not hinted at; the same requests signed in as an administrator see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, isProblem } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

const hidden = {
  id: 'XCF', name_en: 'Confidentia', name_ar: 'كونفيدنسيا', name_fr: 'Confidentie',
  status: 'observer', observer_since: 2024, level: 'secretariat',
};

async function allIds(path, opts = {}) {
  const ids = [];
  let url = `${path}${path.includes('?') ? '&' : '?'}limit=7`;
  for (let i = 0; i < 50 && url; i++) {
    const r = await call(srv, 'GET', url, opts);
    assert.equal(r.status, 200, r.text);
    ids.push(...r.body.items.map((x) => x.id));
    url = r.body.next_cursor ? `${path}${path.includes('?') ? '&' : '?'}limit=7&cursor=${r.body.next_cursor}` : null;
  }
  return ids;
}

test('records are public unless given a level', async () => {
  const r = await call(srv, 'GET', '/api/v1/states/SAU');
  assert.equal(r.body.level, 'public');
});

test('a secretariat-level record is invisible to the public and visible to an administrator', async () => {
  const publicBefore = await call(srv, 'GET', '/api/v1/states?status=observer');
  const summaryBefore = await call(srv, 'GET', '/api/v1/summary');
  const c = await call(srv, 'POST', '/api/v1/states', { auth: true, body: hidden });
  assert.equal(c.status, 201, c.text);

  // anonymous: not listed, not counted, not found, not searchable, not in any page
  const list = await call(srv, 'GET', '/api/v1/states?status=observer');
  assert.equal(list.body.total, publicBefore.body.total, 'the total does not count it');
  assert.ok(!list.body.items.some((x) => x.id === 'XCF'), 'not listed');
  assert.ok(!(await allIds('/api/v1/states?sort=-observer_since')).includes('XCF'), 'in no page of any order');
  assert.equal((await call(srv, 'GET', '/api/v1/states?q=confidentia')).body.total, 0, 'search does not find it');
  assert.equal((await call(srv, 'GET', '/api/v1/states?id=XCF')).body.total, 0, 'a filter on its id finds nothing');
  const get = await call(srv, 'GET', '/api/v1/states/XCF');
  const none = await call(srv, 'GET', '/api/v1/states/XQQ');
  isProblem(assert, get, 404, 'GET of the hidden record');
  assert.equal(get.body.code, none.body.code, 'the same answer as for a record that does not exist');
  const summary = await call(srv, 'GET', '/api/v1/summary');
  assert.deepEqual(summary.body.states, summaryBefore.body.states, 'the summary does not count it');

  // administrator: everything
  const adminList = await call(srv, 'GET', '/api/v1/states?status=observer', { auth: true });
  assert.equal(adminList.body.total, publicBefore.body.total + 1);
  assert.ok((await allIds('/api/v1/states?sort=-observer_since', { auth: true })).includes('XCF'));
  const adminGet = await call(srv, 'GET', '/api/v1/states/XCF', { auth: true });
  assert.equal(adminGet.status, 200);
  assert.equal(adminGet.body.level, 'secretariat');
  const adminSummary = await call(srv, 'GET', '/api/v1/summary', { auth: true });
  assert.equal(adminSummary.body.states.observer, summaryBefore.body.states.observer + 1);

  // and the public's cached answers did not leak into the administrator's, nor the reverse
  const again = await call(srv, 'GET', '/api/v1/states?status=observer');
  assert.equal(again.body.total, publicBefore.body.total);
});

test('wrong credentials on a read are refused, not read as the public', async () => {
  const r = await call(srv, 'GET', '/api/v1/states', { headers: { authorization: 'Basic ' + Buffer.from('admin:wrong-password').toString('base64') } });
  isProblem(assert, r, 401, 'GET with a wrong password');
});

test('an unknown level is refused, naming the field', async () => {
  const r = await call(srv, 'PATCH', '/api/v1/states/SAU', { auth: true, body: { level: 'top-secret' } });
  assert.equal(r.status, 422);
  assert.ok(r.body.errors.some((e) => e.field === 'level'), r.text);
});

test('a signed-in answer is never cached for the public, whatever the form of the Cookie header', async () => {
  const s = await call(srv, 'POST', '/api/v1/session', { body: { username: srv.username, password: srv.password } });
  assert.equal(s.status, 200, s.text);
  const token = (s.headers.get('set-cookie') || '').split(';')[0].split('=')[1];
  const hid = await call(srv, 'POST', '/api/v1/states', { auth: true, body: { ...hidden, id: 'XCG', name_en: 'Cachetia' } });
  assert.equal(hid.status, 201, hid.text);
  const url = '/api/v1/states?status=observer&sort=name_fr';
  const publicTotal = (await call(srv, 'GET', url)).body.total;
  for (const cookie of [`x=1;\ttansiq_session=${token}`, `tansiq_session="${token}"`, `a=b; tansiq_session=${token}`]) {
    const signed = await call(srv, 'GET', url, { headers: { cookie } });
    assert.equal(signed.status, 200, signed.text);
    assert.ok(signed.body.total > publicTotal, `the administrator sees more with '${cookie.slice(0, 12)}…'`);
    assert.equal((await call(srv, 'GET', url)).body.total, publicTotal, 'the public still sees its own answer');
  }
});
