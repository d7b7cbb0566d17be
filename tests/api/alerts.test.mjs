// Alerts over HTTP, role by role: field reports make an escalation that the rules raise once; the
// anonymous and a delegate may neither run the rules nor acknowledge; an analyst acknowledges; the
// secretariat responds (a missing meeting refused, naming the field) and closes (not before the
// response: 409 with the fix); unknown steps are 404 naming the three; alerts are not patched;
// a secretariat-level alert is neither listed nor counted nor in the feed for a delegate; the feed
// is valid Atom (RFC 4287, with xmllint) in each language; the statistics answer and refuse bad
// parameters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer, call, isProblem, namesField, repoRoot } from './server.mjs';

let srv;
const PW = 'a long enough password';
const basic = (u) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${PW}`).toString('base64') });
const ana = basic('al-ana');
const sec = basic('al-sec');
const del = basic('al-del');

before(async () => {
  srv = await startServer();
  for (const [username, roles, state] of [
    ['al-ana', ['analyst']], ['al-sec', ['secretariat']], ['al-del', ['delegate'], 'SAU'],
  ]) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, roles, state, password: PW } });
    assert.equal(r.status, 201, r.text);
  }
  // six months of 10 fatalities in Sudan, then 40 in July 2023
  for (const [date, fatalities, id] of [['2023-01-15', 10], ['2023-02-15', 10], ['2023-03-15', 10], ['2023-04-15', 10],
    ['2023-05-15', 10], ['2023-06-15', 10], ['2023-07-02', 40, 'ev-july']]) {
    const r = await call(srv, 'POST', '/api/v1/events', { headers: ana, body: {
      id, date, country: 'SDN', event_type: 'battles', actor1_type: 'state_forces', actor2_type: 'rebel_group', fatalities,
    } });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { if (srv) await srv.stop(); });

function validateAtom(xml) {
  const schema = path.join(repoRoot, 'tests', 'api', 'fixtures', 'atom.rng');
  const r = spawnSync('xmllint', ['--noout', '--relaxng', schema, '-'], { input: xml, encoding: 'utf8' });
  assert.ok(!r.error, `xmllint could not run (${r.error && r.error.code}): install Debian's libxml2-utils`);
  assert.equal(r.status, 0, `the feed is not valid Atom (RFC 4287):\n${r.stderr}\n${xml.slice(0, 2000)}`);
}

async function feed(headers = {}, lang = 'en') {
  const r = await call(srv, 'GET', `/api/v1/alerts.atom?lang=${lang}`, { headers });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type') || '', /^application\/atom\+xml; ?charset=utf-8$/i);
  validateAtom(r.text);
  return r.text;
}

let alertId;

test('the rules run once: an escalation in Sudan, raised by an analyst, not by the anonymous or a delegate', async () => {
  isProblem(assert, await call(srv, 'POST', '/api/v1/alerts/run'), 401, 'anonymous');
  isProblem(assert, await call(srv, 'POST', '/api/v1/alerts/run', { headers: del }), 403, 'delegate');
  const r = await call(srv, 'POST', '/api/v1/alerts/run', { headers: ana });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.month, '2023-07');
  assert.equal(r.body.items.length, 1, r.text);
  const a = r.body.items[0];
  assert.equal(a.country, 'SDN');
  assert.equal(a.rule, 'escalation');
  assert.equal(a.status, 'open');
  assert.equal(a.title_en, 'Sudan: 40 fatalities in 2023-07, 4.0 times the mean of the 6 months before (10)');
  assert.match(a.title_ar, /السودان/);
  assert.deepEqual(JSON.parse(a.evidence).top_events, ['ev-july']);
  assert.ok(r.body.skipped.some((s) => s.rule === 'forecast-high'), 'the forecast rules say why they were skipped');
  alertId = a.id;
  const again = await call(srv, 'POST', '/api/v1/alerts/run', { headers: ana });
  assert.equal(again.body.items.length, 0, 'a second run raises nothing');
  // members-level: the anonymous reads none, a delegate reads it
  assert.equal((await call(srv, 'GET', '/api/v1/alerts')).body.total, 0);
  assert.equal((await call(srv, 'GET', '/api/v1/alerts', { headers: del })).body.total, 1);
});

test('the life cycle: analyst acknowledges, secretariat responds and closes; wrong steps and roles refused', async () => {
  const step = (s, headers, body) => call(srv, 'POST', `/api/v1/alerts/${alertId}/${s}`, { headers, body });
  isProblem(assert, await step('acknowledge'), 401, 'anonymous');
  isProblem(assert, await step('acknowledge', del), 403, 'a delegate');
  const unknown = await step('escalate', sec);
  isProblem(assert, unknown, 404, 'unknown step');
  for (const s of ['acknowledge', 'respond', 'close']) assert.match(unknown.body.detail, new RegExp(s));
  const closing = await step('close', sec);
  isProblem(assert, closing, 409, 'close an open alert');
  assert.match(closing.body.detail, /record the response first/);

  let r = await step('acknowledge', ana);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'acknowledged');
  assert.equal(r.body.acknowledged_by, 'al-ana');
  isProblem(assert, await step('acknowledge', ana), 409, 'twice');

  const statement = { response_kind: 'statement', response_text: 'The Secretary-General calls for restraint.' };
  isProblem(assert, await step('respond', ana, statement), 403, 'an analyst responds');
  r = await step('respond', sec, { response_kind: 'meeting', response_meeting: 'cfm-99' });
  isProblem(assert, r, 422, 'a missing meeting');
  assert.ok(namesField(r.body, 'response_meeting'), r.text);
  r = await step('respond', sec, { response_kind: 'no_action', response_text: 'later' });
  isProblem(assert, r, 422, 'no action without reasons');
  assert.ok(namesField(r.body, 'response_text'), r.text);
  r = await step('respond', sec, { response_kind: 'statement', response_text: 'x', status: 'closed' });
  isProblem(assert, r, 422, 'an unknown member');
  r = await step('respond', sec, { response_kind: 'meeting', response_meeting: 'cfm-45', response_text: 'On the agenda' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'responded');
  assert.equal(r.body.response_meeting, 'cfm-45');
  assert.equal(r.body.hours_to_response, 0);
  isProblem(assert, await step('respond', sec, statement), 409, 'responded twice');

  isProblem(assert, await step('close', ana), 403, 'an analyst closes');
  r = await step('close', sec);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'closed');
  isProblem(assert, await step('close', sec), 409, 'closed twice');
  r = await call(srv, 'PATCH', `/api/v1/alerts/${alertId}`, { headers: sec, body: { status: 'open' } });
  assert.equal(r.status, 405, r.text);
  assert.equal((await call(srv, 'GET', `/api/v1/alerts/${alertId}`, { headers: del })).body.status, 'closed');
});

test('manual alerts by level, and each role\'s feed is what it reads', async () => {
  let r = await call(srv, 'POST', '/api/v1/alerts', { headers: del, body: { country: 'SDN', severity: 'high', title_en: 'x' } });
  isProblem(assert, r, 403, 'a delegate raises');
  r = await call(srv, 'POST', '/api/v1/alerts', { headers: ana, body: {
    event: 'ev-july', severity: 'critical', title_en: 'Attack on <Camp> & town', title_ar: 'هجوم على مخيم', title_fr: 'Attaque d\'un camp',
  } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('location'), `/api/v1/alerts/${r.body.id}`);
  assert.equal(r.body.kind, 'manual');
  assert.equal(r.body.country, 'SDN');
  assert.equal(r.body.month, '2023-07');
  r = await call(srv, 'POST', '/api/v1/alerts', { headers: sec, body: {
    country: 'AFG', severity: 'medium', title_en: 'For the secretariat only', level: 'secretariat',
  } });
  assert.equal(r.status, 201, r.text);
  const secret = r.body.id;

  assert.equal((await call(srv, 'GET', '/api/v1/alerts', { headers: sec })).body.total, 3);
  assert.equal((await call(srv, 'GET', '/api/v1/alerts', { headers: del })).body.total, 2, 'not counted for a delegate');
  isProblem(assert, await call(srv, 'GET', `/api/v1/alerts/${secret}`, { headers: del }), 404, 'nor read');
  isProblem(assert, await call(srv, 'POST', `/api/v1/alerts/${secret}/acknowledge`, { headers: ana }), 404, 'nor acknowledged by an analyst');

  const forSec = await feed(sec);
  assert.equal((forSec.match(/<entry>/g) || []).length, 3);
  assert.match(forSec, /For the secretariat only/);
  assert.match(forSec, /Attack on &lt;Camp&gt; &amp; town/);
  const forDel = await feed(del);
  assert.equal((forDel.match(/<entry>/g) || []).length, 2);
  assert.doesNotMatch(forDel, /For the secretariat only/);
  // newest first (raised in the same second, two alerts may come in either order)
  const published = [...forSec.matchAll(/<published>([^<]+)<\/published>/g)].map((m) => m[1]);
  assert.equal(published.length, 3);
  assert.deepEqual(published, [...published].sort().reverse());
  const ids = [...forDel.matchAll(/<id>tag:tansiq,2023:alert\/([^<]+)<\/id>/g)].map((m) => m[1]);
  assert.ok(ids.includes(alertId), 'the escalation is in the delegate\'s feed');
  const ar = await feed(del, 'ar');
  assert.match(ar, /xml:lang="ar"/);
  assert.match(ar, /هجوم على مخيم/);
  const anon = await feed({}, 'fr');
  assert.doesNotMatch(anon, /<entry>/, 'the public reads no alert');
});

test('statistics and common threads answer, and refuse bad parameters', async () => {
  let r = await call(srv, 'GET', '/api/v1/stats/states?from=2023-01&to=2023-07', { headers: del });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items[0].state, 'SDN');
  assert.equal(r.body.items[0].fatalities, 100);
  assert.ok(r.body.items.every((s) => s.state !== 'THA'), 'observers are not member states');
  r = await call(srv, 'GET', '/api/v1/stats/conflicts?year=2015');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.years, [{ year: 2015, world: 0, members: 0, share: null, conflicts: [] }]);
  r = await call(srv, 'GET', '/api/v1/threads?from=2015&to=2023');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.conflicts, 0);
  const bad = await call(srv, 'GET', '/api/v1/stats/conflicts?year=soon');
  isProblem(assert, bad, 400, 'year=soon');
  assert.ok(namesField(bad.body, 'year'));
  isProblem(assert, await call(srv, 'GET', '/api/v1/stats/states?from=2023-13'), 400, 'month 13');
  isProblem(assert, await call(srv, 'GET', '/api/v1/threads?from=2020&to=2010'), 400, 'to before from');
  isProblem(assert, await call(srv, 'GET', '/api/v1/threads?since=2020'), 400, 'unknown parameter');
});
