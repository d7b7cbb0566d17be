// Writing: create, patch and delete with Basic auth and with a cookie session + CSRF header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, isProblem } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

const testland = (id, extra = {}) => ({
  id,
  name_ar: 'أرض الاختبار',
  name_en: 'Testland',
  name_fr: 'Testlande',
  status: 'observer',
  observer_since: 2030,
  ...extra,
});

async function exists(path) {
  const r = await call(srv, 'GET', path);
  assert.ok(r.status === 200 || r.status === 404, `GET ${path} -> ${r.status}`);
  return r.status === 200;
}

test('reads need no sign-in', async () => {
  const r = await call(srv, 'GET', '/api/v1/states/SAU');
  assert.equal(r.status, 200);
});

test('writes without credentials are 401 and change nothing', async () => {
  const c = await call(srv, 'POST', '/api/v1/states', { body: testland('XNA') });
  isProblem(assert, c, 401, 'POST without auth');
  assert.equal(await exists('/api/v1/states/XNA'), false, 'XNA was not created');

  const p = await call(srv, 'PATCH', '/api/v1/states/SAU', { body: { notes: 'hacked' } });
  isProblem(assert, p, 401, 'PATCH without auth');
  const d = await call(srv, 'DELETE', '/api/v1/states/PAK');
  isProblem(assert, d, 401, 'DELETE without auth');
  const sau = await call(srv, 'GET', '/api/v1/states/SAU');
  assert.notEqual(sau.body.notes, 'hacked');
  assert.equal(await exists('/api/v1/states/PAK'), true, 'PAK still there');
});

test('a wrong Basic password is 401', async () => {
  const bad = 'Basic ' + Buffer.from(`${srv.username}:${srv.password}x`).toString('base64');
  const r = await call(srv, 'POST', '/api/v1/states', { body: testland('XNB'), headers: { authorization: bad } });
  isProblem(assert, r, 401, 'wrong password');
  assert.equal(await exists('/api/v1/states/XNB'), false);
  const u = 'Basic ' + Buffer.from(`nobody:${srv.password}`).toString('base64');
  const r2 = await call(srv, 'POST', '/api/v1/states', { body: testland('XNB'), headers: { authorization: u } });
  isProblem(assert, r2, 401, 'unknown user');
});

test('with Basic auth: create (201 + Location), get, patch, delete', async () => {
  assert.equal(srv.username, 'admin');
  const c = await call(srv, 'POST', '/api/v1/states', { auth: true, body: testland('XTA', { iso2: 'XT', accession_year: 2030 }) });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.id, 'XTA');
  assert.equal(c.body.name_ar, 'أرض الاختبار', 'Arabic text kept');
  assert.equal(c.body.accession_year, 2030);
  const loc = c.headers.get('location');
  assert.ok(loc, 'Location header');
  assert.match(loc, /\/api\/v1\/states\/XTA$/);

  const g = await call(srv, 'GET', new URL(loc, srv.base).pathname);
  assert.equal(g.status, 200);
  assert.deepEqual(g.body, c.body, 'GET Location returns the created record');

  const p = await call(srv, 'PATCH', '/api/v1/states/XTA', { auth: true, body: { name_en: 'Testland Renamed', notes: 'a, "quoted" note' } });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.name_en, 'Testland Renamed');
  assert.equal(p.body.notes, 'a, "quoted" note');
  assert.equal(p.body.name_fr, 'Testlande', 'fields not in the patch are kept');
  assert.equal(p.body.iso2, 'XT');
  const g2 = await call(srv, 'GET', '/api/v1/states/XTA');
  assert.deepEqual(g2.body, p.body, 'the patch is stored');

  const pn = await call(srv, 'PATCH', '/api/v1/states/XTA', { auth: true, body: { accession_year: null } });
  assert.equal(pn.status, 200, pn.text);
  assert.ok(pn.body.accession_year === null || !('accession_year' in pn.body), 'null clears a field');

  const list = await call(srv, 'GET', '/api/v1/states?limit=1');
  const d = await call(srv, 'DELETE', '/api/v1/states/XTA', { auth: true });
  assert.equal(d.status, 204, d.text);
  assert.equal(d.text, '', '204 has no body');
  const g3 = await call(srv, 'GET', '/api/v1/states/XTA');
  isProblem(assert, g3, 404, 'GET after DELETE');
  const list2 = await call(srv, 'GET', '/api/v1/states?limit=1');
  assert.equal(list2.body.total, list.body.total - 1, 'total drops by one');
  const d2 = await call(srv, 'DELETE', '/api/v1/states/XTA', { auth: true });
  isProblem(assert, d2, 404, 'second DELETE');
  const p2 = await call(srv, 'PATCH', '/api/v1/states/XTA', { auth: true, body: { notes: 'x' } });
  isProblem(assert, p2, 404, 'PATCH of a deleted record');
});

test('creating an id that exists is refused and the existing record is unchanged', async () => {
  const before = await call(srv, 'GET', '/api/v1/states/SAU');
  const r = await call(srv, 'POST', '/api/v1/states', { auth: true, body: testland('SAU') });
  assert.ok(r.status === 409, `POST existing id -> ${r.status} ${r.text}`);
  isProblem(assert, r, r.status, 'POST existing id');
  const after = await call(srv, 'GET', '/api/v1/states/SAU');
  assert.deepEqual(after.body, before.body);
});

test('auto ids: a partnership created without id gets 16 hex characters', async () => {
  const orgs = await call(srv, 'GET', '/api/v1/organisations?limit=1');
  assert.equal(orgs.status, 200);
  assert.ok(orgs.body.items.length > 0, 'default data has organisations');
  const org = orgs.body.items[0].id;
  const c = await call(srv, 'POST', '/api/v1/partnerships', { auth: true, body: { organisation: org, title_en: 'Test partnership', status: 'active', since: '2024-05' } });
  assert.equal(c.status, 201, c.text);
  assert.match(c.body.id, /^[0-9a-f]{16}$/);
  assert.equal(c.body.since, '2024-05', 'partial date kept as given');
  const d = await call(srv, 'DELETE', `/api/v1/partnerships/${c.body.id}`, { auth: true });
  assert.equal(d.status, 204);
});

function cookieFrom(res) {
  const all = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')];
  return all.filter(Boolean);
}
function csrfFrom(body) {
  if (!body || typeof body !== 'object') return null;
  for (const [k, v] of Object.entries(body)) {
    if (/csrf/i.test(k) && typeof v === 'string' && v.length > 0) return v;
  }
  return null;
}

test('cookie session: sign in, CSRF header required on writes, sign out', async () => {
  const bad = await call(srv, 'POST', '/api/v1/session', { body: { username: 'admin', password: srv.password + 'x' } });
  isProblem(assert, bad, 401, 'sign-in with a wrong password');
  assert.equal(cookieFrom(bad).length, 0, 'no cookie for a failed sign-in');

  const s = await call(srv, 'POST', '/api/v1/session', { body: { username: srv.username, password: srv.password } });
  assert.ok(s.status === 200 || s.status === 201, `sign-in -> ${s.status} ${s.text}`);
  const cookies = cookieFrom(s);
  assert.equal(cookies.length >= 1, true, 'Set-Cookie sent');
  assert.match(cookies[0], /;\s*HttpOnly/i, `HttpOnly: ${cookies[0]}`);
  assert.match(cookies[0], /;\s*SameSite=Strict/i, `SameSite=Strict: ${cookies[0]}`);
  const cookie = cookies[0].split(';')[0];
  const csrf = csrfFrom(s.body);
  assert.ok(csrf, `the sign-in returns a CSRF token: ${s.text}`);
  assert.ok(!s.text.includes(srv.password), 'the password is not echoed');

  const who = await call(srv, 'GET', '/api/v1/session', { headers: { cookie } });
  assert.equal(who.status, 200);
  assert.ok(JSON.stringify(who.body).includes('admin'), `GET /session names the user: ${who.text}`);

  const noCsrf = await call(srv, 'POST', '/api/v1/states', { body: testland('XSA'), headers: { cookie } });
  isProblem(assert, noCsrf, 403, 'cookie without CSRF header');
  assert.equal(await exists('/api/v1/states/XSA'), false, 'not created without CSRF');

  const wrongCsrf = await call(srv, 'POST', '/api/v1/states', { body: testland('XSA'), headers: { cookie, 'x-tansiq-csrf': csrf + 'x' } });
  isProblem(assert, wrongCsrf, 403, 'cookie with a wrong CSRF token');
  assert.equal(await exists('/api/v1/states/XSA'), false, 'not created with a wrong CSRF token');

  const ok = await call(srv, 'POST', '/api/v1/states', { body: testland('XSA'), headers: { cookie, 'x-tansiq-csrf': csrf } });
  assert.equal(ok.status, 201, ok.text);

  const p = await call(srv, 'PATCH', '/api/v1/states/XSA', { body: { notes: 'via session' }, headers: { cookie } });
  isProblem(assert, p, 403, 'PATCH without CSRF');
  const p2 = await call(srv, 'PATCH', '/api/v1/states/XSA', { body: { notes: 'via session' }, headers: { cookie, 'x-tansiq-csrf': csrf } });
  assert.equal(p2.status, 200, p2.text);
  assert.equal(p2.body.notes, 'via session');

  const d = await call(srv, 'DELETE', '/api/v1/states/XSA', { headers: { cookie } });
  isProblem(assert, d, 403, 'DELETE without CSRF');
  assert.equal(await exists('/api/v1/states/XSA'), true, 'still there after a refused DELETE');
  const d2 = await call(srv, 'DELETE', '/api/v1/states/XSA', { headers: { cookie, 'x-tansiq-csrf': csrf } });
  assert.equal(d2.status, 204, d2.text);

  const out = await call(srv, 'DELETE', '/api/v1/session', { headers: { cookie, 'x-tansiq-csrf': csrf } });
  assert.ok(out.status === 200 || out.status === 204, `sign-out -> ${out.status} ${out.text}`);
  const after = await call(srv, 'POST', '/api/v1/states', { body: testland('XSB'), headers: { cookie, 'x-tansiq-csrf': csrf } });
  isProblem(assert, after, 401, 'write with the cookie after sign-out');
  assert.equal(await exists('/api/v1/states/XSB'), false);
});

test('a forged cookie is not a session', async () => {
  const r = await call(srv, 'POST', '/api/v1/states', { body: testland('XSC'), headers: { cookie: 'tansiq_session=0123456789abcdef', 'x-tansiq-csrf': 'abc' } });
  assert.ok(r.status === 401 || r.status === 403, `forged cookie -> ${r.status}`);
  assert.equal(await exists('/api/v1/states/XSC'), false);
});
