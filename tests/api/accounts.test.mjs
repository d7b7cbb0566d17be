// Accounts over the API: administrators manage users; everyone their own password and API
// tokens; sign-in is throttled and a locked account says so; disabled accounts and revoked
// tokens stop working; every change is in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, call, tansiqBin } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

const basic = (u, p) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64') });
const bearer = (t) => ({ authorization: `Bearer ${t}` });

async function signIn(username, password) {
  const r = await call(srv, 'POST', '/api/v1/session', { body: { username, password } });
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
  return { r, cookie, csrf: r.body?.csrf };
}

test('an administrator creates a delegate; the generated password is returned once', async () => {
  const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username: 'amina', roles: ['delegate'], state: 'MAR' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('location'), '/api/v1/users/amina');
  assert.deepEqual(r.body.roles, ['delegate']);
  assert.equal(r.body.state, 'MAR');
  assert.equal(r.body.password.length, 20);
  const again = await call(srv, 'GET', '/api/v1/users/amina', { auth: true });
  assert.equal(again.status, 200);
  assert.equal(again.body.password, undefined, 'the password is never shown again');
  const list = await call(srv, 'GET', '/api/v1/users', { auth: true });
  assert.ok(list.body.some((a) => a.username === 'amina'));
  assert.ok(!list.text.includes('argon2'), 'no hash leaves the server');

  const s = await signIn('amina', r.body.password);
  assert.equal(s.r.status, 200, s.r.text);
  assert.deepEqual(s.r.body.roles, ['delegate']);
  assert.equal(s.r.body.state, 'MAR');
});

test('bad account input names the field and changes nothing', async () => {
  const before = (await call(srv, 'GET', '/api/v1/users', { auth: true })).body.length;
  const cases = [
    [{ username: 'x1', roles: ['delegate'] }, 'state'],
    [{ username: 'x1', roles: ['delegate'], state: 'RUS' }, 'state'],
    [{ username: 'x1', roles: ['emperor'] }, 'roles'],
    [{ username: 'X 1', roles: ['analyst'] }, 'username'],
    [{ username: 'x1' }, 'roles'],
    [{ username: 'x1', roles: ['analyst'], password: 'short' }, 'password'],
    [{ username: 'x1', roles: ['analyst'], colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of cases) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body });
    assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(body)}: ${r.status}`);
    assert.equal(r.body.field, field, `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  assert.equal((await call(srv, 'GET', '/api/v1/users', { auth: true })).body.length, before);
  const fr = await call(srv, 'POST', '/api/v1/users?lang=fr', { auth: true, body: { username: 'x1', roles: ['delegate'] } });
  assert.match(fr.body.title, /champ obligatoire/);
});

test('a delegate cannot change the registry, manage users or read the audit log', async () => {
  const u = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username: 'del2', roles: ['delegate'], state: 'DZA', password: 'delegate password' } });
  assert.equal(u.status, 201, u.text);
  const h = basic('del2', 'delegate password');
  assert.equal((await call(srv, 'PATCH', '/api/v1/states/DZA', { headers: h, body: { notes: 'mine?' } })).status, 403);
  assert.equal((await call(srv, 'GET', '/api/v1/users', { headers: h })).status, 403);
  assert.equal((await call(srv, 'GET', '/api/v1/audit', { headers: h })).status, 403);
  assert.equal((await call(srv, 'GET', '/api/v1/account', { headers: h })).body.state, 'DZA');
});

test('API tokens: created by their owner, shown once, used as Bearer, revoked', async () => {
  const u = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username: 'script', roles: ['secretariat'], password: 'script password' } });
  assert.equal(u.status, 201, u.text);
  const h = basic('script', 'script password');
  const t = await call(srv, 'POST', '/api/v1/account/tokens', { headers: h, body: { name: 'nightly export' } });
  assert.equal(t.status, 201, t.text);
  assert.match(t.body.token, /^tsq_[A-Za-z0-9_-]{43}$/);
  const list = await call(srv, 'GET', '/api/v1/account/tokens', { headers: h });
  assert.equal(list.body.length, 1);
  assert.equal(list.body[0].name, 'nightly export');
  assert.ok(!list.text.includes(t.body.token.slice(4)), 'the secret is not listed');

  const w = await call(srv, 'PATCH', '/api/v1/organs/cfm', { headers: bearer(t.body.token), body: { seat: 'Jeddah' } });
  assert.equal(w.status, 200, w.text);
  const audit = await call(srv, 'GET', '/api/v1/audit?record=cfm&actor=script', { auth: true });
  assert.equal(audit.body.items[0].actor, 'script', 'the change is signed with the token owner');

  // another account cannot revoke it; its owner can, and then it stops working
  assert.equal((await call(srv, 'DELETE', `/api/v1/account/tokens/${t.body.id}`, { auth: true })).status, 404);
  assert.equal((await call(srv, 'DELETE', `/api/v1/account/tokens/${t.body.id}`, { headers: h })).status, 204);
  const after = await call(srv, 'GET', '/api/v1/account', { headers: bearer(t.body.token) });
  assert.equal(after.status, 401);
  assert.equal((await call(srv, 'GET', '/api/v1/states', { headers: bearer('tsq_not-a-token') })).status, 401);
});

test('sign-in is throttled: five wrong passwords lock the account and say until when', async () => {
  assert.equal((await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username: 'locky', roles: ['analyst'], password: 'the right password' } })).status, 201);
  let last;
  for (let i = 0; i < 5; i++) last = await signIn('locky', 'a wrong password');
  assert.equal(last.r.status, 429, last.r.text);
  assert.equal(last.r.body.code, 'account-locked');
  assert.match(last.r.body.detail, /locked .* until \d{4}-\d\d-\d\dT/);
  const right = await signIn('locky', 'the right password');
  assert.equal(right.r.status, 429, 'even the right password waits');
  const ar = await call(srv, 'POST', '/api/v1/session?lang=ar', { body: { username: 'locky', password: 'the right password' } });
  assert.equal(ar.body.title, 'الحساب مقفل مؤقتًا');
  const log = await call(srv, 'GET', '/api/v1/audit?collection=accounts&record=locky', { auth: true });
  assert.equal(log.body.items[0].after.note, 'locked after repeated wrong passwords', 'the lock is audited');
  assert.equal((await call(srv, 'GET', '/api/v1/audit?collection=nope', { auth: true })).status, 400);
  const shown = await call(srv, 'GET', '/api/v1/users/locky', { auth: true });
  assert.ok(shown.body.locked_until, 'the administrator sees the lock');
  assert.equal((await call(srv, 'PATCH', '/api/v1/users/locky', { auth: true, body: { unlock: true } })).status, 200);
  assert.equal((await signIn('locky', 'the right password')).r.status, 200);
});

test('a changed password ends sessions; a disabled account is refused', async () => {
  assert.equal((await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username: 'pat', roles: ['analyst'], password: 'first password' } })).status, 201);
  const s = await signIn('pat', 'first password');
  const h = { cookie: s.cookie, 'x-tansiq-csrf': s.csrf };
  // without the CSRF header a change with the cookie is refused
  const noCsrf = await call(srv, 'PATCH', '/api/v1/account', { headers: { cookie: s.cookie }, body: { current_password: 'first password', new_password: 'second password' } });
  assert.equal(noCsrf.status, 403);
  const wrong = await call(srv, 'PATCH', '/api/v1/account', { headers: h, body: { current_password: 'not it at all', new_password: 'second password' } });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.field, 'current_password');
  assert.equal((await call(srv, 'GET', '/api/v1/session', { headers: { cookie: s.cookie } })).status, 200, 'still signed in');
  const ch = await call(srv, 'PATCH', '/api/v1/account', { headers: h, body: { current_password: 'first password', new_password: 'second password' } });
  assert.equal(ch.status, 200, ch.text);
  assert.equal((await call(srv, 'GET', '/api/v1/session', { headers: { cookie: s.cookie } })).status, 401, 'the session ended');
  // a browser still holding the ended session reads as the public and is told to drop the cookie
  const stale = await call(srv, 'GET', '/api/v1/states/SAU', { headers: { cookie: s.cookie } });
  assert.equal(stale.status, 200);
  assert.match(stale.headers.get('set-cookie') || '', /tansiq_session=;.*Max-Age=0/);
  // but a change with it is refused
  assert.equal((await call(srv, 'PATCH', '/api/v1/states/SAU', { headers: h, body: { notes: 'x' } })).status, 401);
  assert.equal((await signIn('pat', 'second password')).r.status, 200);

  assert.equal((await call(srv, 'PATCH', '/api/v1/users/pat', { auth: true, body: { disabled: true } })).status, 200);
  const d = await signIn('pat', 'second password');
  assert.equal(d.r.status, 403);
  assert.equal(d.r.body.code, 'account-disabled');
  // the last administrator stays one
  const last = await call(srv, 'PATCH', `/api/v1/users/${srv.username}`, { auth: true, body: { disabled: true } });
  assert.equal(last.status, 403, last.text);
  // accounts are never deleted: the audit log names them
  assert.equal((await call(srv, 'DELETE', '/api/v1/users/pat', { auth: true })).status, 405);
  const audit = await call(srv, 'GET', '/api/v1/audit?collection=accounts&record=pat', { auth: true });
  assert.deepEqual(audit.body.items.map((e) => e.action), ['update', 'update', 'create']);
  assert.ok(!audit.text.includes('second password'));
});

test('behind a trusted proxy the client address comes from X-Forwarded-For; otherwise it is ignored', async () => {
  const proxied = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });
  try {
    const change = async (s, xff) => {
      const r = await call(s, 'PATCH', '/api/v1/organs/cfm', { auth: true, headers: { 'x-forwarded-for': xff }, body: { seat: `Jeddah ${xff.length}` } });
      assert.equal(r.status, 200, r.text);
      const a = await call(s, 'GET', '/api/v1/audit?record=cfm&limit=1', { auth: true });
      return a.body.items[0].address;
    };
    assert.equal(await change(proxied, '198.51.100.1, 203.0.113.5'), '203.0.113.5', 'the address the proxy added');
    assert.equal(await change(proxied, 'not-an-address'), '127.0.0.1', 'a malformed header keeps the proxy address');
    assert.equal(await change(srv, '203.0.113.5'), '127.0.0.1', 'without --trusted-proxy the header is ignored');
  } finally {
    await proxied.stop();
  }
  const bad = spawnSync(tansiqBin, ['serve', '--trusted-proxy', 'proxy.example', '--data', '/nonexistent'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /trusted-proxy/);
});
