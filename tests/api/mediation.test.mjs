// Mediation over HTTP, role by role (issue 7's "Done when"): a delegate of Saudi Arabia nominates
// for its own state only, and names the state; the secretariat approves (not a delegate, not
// twice); a mediator keeps their own profile, not another's, nor the nomination; the secretariat
// opens a process from paragraph 53-45-pol-op-7 (the Secretary-General's authority names the
// decision); the matching ranks the candidates with reasons and excludes a national of the state
// party naming the rule, for the secretariat only; the same rule refuses that member on the team,
// changing nothing, and the top candidate is placed as lead; the stages move on, and back only
// with a reason; the lead records an agreement with two provisions and writes in the journal,
// which outsiders (another mediator, a delegate, a secretariat account off the team) neither read
// nor count, and an administrator reads; an alert is answered by the process; the code of
// conduct, once adopted, is signed by a member for themselves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, isProblem, namesField } from './server.mjs';

let srv;
const PW = 'a long enough password';
const basic = (u) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${PW}`).toString('base64') });
const del = basic('md-del');     // a delegate of Saudi Arabia
const sec = basic('md-sec');     // the secretariat: opens the process, so works in its team
const sec2 = basic('md-sec2');   // the secretariat, off the team
const medA = basic('md-amina');  // the member placed as lead
const medB = basic('md-bakri');  // a member of the network, a national of the state party
let admin;

const as = (headers, method, path, body) => call(srv, method, path, { headers, body });
const ids = {}; // name -> id

before(async () => {
  srv = await startServer();
  admin = { authorization: srv.basic() };
  for (const [username, roles, state] of [
    ['md-del', ['delegate'], 'SAU'], ['md-sec', ['secretariat']], ['md-sec2', ['secretariat']],
    ['md-amina', ['mediator']], ['md-bakri', ['mediator']],
  ]) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, roles, state, password: PW } });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { if (srv) await srv.stop(); });

const amina = {
  name_en: 'Amina Al-Harbi', kind: 'mediator', nominated_by: 'state', nominating_state: 'SAU', nominated_on: '2024-05-01',
  nationality: 'SAU', account: 'md-amina', languages: 'ar:native en:fluent', expertise: 'ceasefire-security',
  regions: 'africa', countries: 'SDN', experience_years: 22, availability: 'available', max_load: 2,
};

test('a delegate nominates for their own state, naming it; others are refused and nothing is stored', async () => {
  let r = await as(del, 'POST', '/api/v1/mediators', { ...amina, nominating_state: 'TUR', account: undefined });
  isProblem(assert, r, 403, 'a nomination for another state');
  assert.ok(namesField(r.body, 'nominating_state'), r.text);
  const { nominating_state: _, ...nameless } = amina;
  r = await as(del, 'POST', '/api/v1/mediators', { ...nameless, account: undefined });
  isProblem(assert, r, 422, 'a nomination without its state');
  assert.ok(namesField(r.body, 'nominating_state'), r.text);
  isProblem(assert, await as(medB, 'POST', '/api/v1/mediators', { ...amina, account: 'md-bakri' }), 403, 'a mediator nominates');
  assert.equal((await as(admin, 'GET', '/api/v1/mediators')).body.total, 0, 'nothing stored');

  r = await as(del, 'POST', '/api/v1/mediators', amina);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'nominated');
  assert.equal(r.body.nominating_state, 'SAU');
  ids.amina = r.body.id;
  // the secretariat nominates for any state, and for the Secretary-General
  r = await as(sec, 'POST', '/api/v1/mediators', {
    name_en: 'Bakri Osman', kind: 'expert', nominated_by: 'secretary_general', nationality: 'SDN', account: 'md-bakri',
    languages: 'ar:native en:fluent', expertise: 'ceasefire-security', countries: 'SDN', experience_years: 30, availability: 'available',
  });
  assert.equal(r.status, 201, r.text);
  ids.bakri = r.body.id;
  r = await as(sec, 'POST', '/api/v1/mediators', {
    name_en: 'Cem Yilmaz', kind: 'special_envoy', nominated_by: 'state', nominating_state: 'TUR', nationality: 'TUR',
    languages: 'tr:native en:working', experience_years: 8, availability: 'available',
  });
  assert.equal(r.status, 201, r.text);
  ids.cem = r.body.id;
});

test('the secretariat approves a nomination: not a delegate, not twice; a decline gives reasons', async () => {
  const step = (headers, id, s, body) => as(headers, 'POST', `/api/v1/mediators/${id}/${s}`, body);
  isProblem(assert, await step({}, ids.amina, 'approve'), 401, 'anonymous');
  isProblem(assert, await step(del, ids.amina, 'approve'), 403, 'the nominating delegate approves');
  isProblem(assert, await step(medA, ids.amina, 'approve'), 403, 'the member approves themselves');
  const unknown = await step(sec, ids.amina, 'promote');
  isProblem(assert, unknown, 404, 'an unknown step');
  for (const s of ['approve', 'decline', 'withdraw', 'sign']) assert.match(unknown.body.detail, new RegExp(s));
  isProblem(assert, await step(sec, ids.amina, 'approve', { reason: 'no reason for an approval' }), 422, 'a body to approve');
  let r = await step(sec, ids.amina, 'approve');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'approved');
  assert.equal(r.body.decided_by, 'md-sec');
  assert.match(r.body.decided_at, /^\d{4}-\d\d-\d\dT/);
  r = await step(sec, ids.amina, 'approve', {});
  isProblem(assert, r, 409, 'approved twice');
  assert.ok(namesField(r.body, 'status'), r.text);
  r = await step(sec, ids.cem, 'decline', { reason: 'short' });
  isProblem(assert, r, 422, 'a decline with too short a reason');
  assert.ok(namesField(r.body, 'reason'), r.text);
  assert.equal((await as(sec, 'GET', `/api/v1/mediators/${ids.cem}`)).body.status, 'nominated', 'still nominated');
  for (const id of [ids.bakri, ids.cem]) assert.equal((await step(sec, id, 'approve')).status, 200);
  // a member's status is the decisions', not a change of record
  r = await as(sec, 'PATCH', `/api/v1/mediators/${ids.cem}`, { status: 'declined' });
  assert.equal((await as(sec, 'GET', `/api/v1/mediators/${ids.cem}`)).body.status, 'approved', r.text);
});

test('a mediator keeps their own profile, not another\'s, nor their nomination or status', async () => {
  let r = await as(medA, 'PATCH', `/api/v1/mediators/${ids.amina}`, { languages: 'ar:native en:fluent fr:working', biography_en: 'Twenty years of mediation.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.languages, 'ar:native en:fluent fr:working');
  r = await as(medA, 'PATCH', `/api/v1/mediators/${ids.bakri}`, { availability: 'unavailable' });
  isProblem(assert, r, 403, 'another member\'s profile');
  r = await as(medA, 'PATCH', `/api/v1/mediators/${ids.amina}`, { nominating_state: 'TUR' });
  isProblem(assert, r, 403, 'the nomination');
  assert.ok(namesField(r.body, 'nominating_state'), r.text);
  r = await as(medA, 'PATCH', `/api/v1/mediators/${ids.amina}`, { status: 'withdrawn' });
  const now = (await as(sec, 'GET', `/api/v1/mediators/${ids.amina}`)).body;
  assert.equal(now.status, 'approved', `a status patched stays as decided: ${r.text}`);
  assert.equal(now.nominating_state, 'SAU');
  assert.equal((await as(sec, 'GET', `/api/v1/mediators/${ids.bakri}`)).body.availability, 'available');
});

test('the secretariat opens a process from a resolution paragraph; the Secretary-General\'s names the decision', async () => {
  const process = {
    title_en: 'Mediation in Sudan', country: 'SDN', authority: 'resolution_paragraph', paragraph: '53-45-pol-op-7',
    party_states: 'SDN', parties: 'Sudanese Armed Forces; Rapid Support Forces', languages: 'ar en',
    expertise: 'ceasefire-security',
  };
  let r = await as(sec, 'POST', '/api/v1/processes', { ...process, authority: 'secretary_general', paragraph: undefined });
  isProblem(assert, r, 422, 'the Secretary-General\'s authority without the decision');
  assert.ok(namesField(r.body, 'sg_decision'), r.text);
  isProblem(assert, await as(del, 'POST', '/api/v1/processes', process), 403, 'a delegate opens a process');
  assert.equal((await as(sec, 'GET', '/api/v1/processes')).body.total, 0, 'nothing stored');
  r = await as(sec, 'POST', '/api/v1/processes', process);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.stage, 'exploration');
  assert.equal(r.body.paragraph, '53-45-pol-op-7');
  assert.equal(r.body.team, r.body.id, 'the process has a team of its own');
  ids.process = r.body.id;
});

test('matching: the secretariat\'s only; ranked candidates with reasons, the excluded with their rule', async () => {
  const url = `/api/v1/processes/${ids.process}/match?excluded=1`;
  isProblem(assert, await call(srv, 'GET', url), 401, 'anonymous');
  for (const [who, h] of [['a delegate', del], ['a mediator', medA]]) {
    isProblem(assert, await as(h, 'GET', url), 403, who);
    // the role is checked before the parameters: a bad one tells an outsider nothing
    isProblem(assert, await as(h, 'GET', `/api/v1/processes/${ids.process}/match?limit=zero`), 403, `${who}, bad limit`);
  }
  const bad = await as(sec, 'GET', `/api/v1/processes/${ids.process}/match?limit=zero`);
  isProblem(assert, bad, 400, 'limit=zero');
  assert.ok(namesField(bad.body, 'limit'), bad.text);
  isProblem(assert, await as(sec, 'GET', `/api/v1/processes/${ids.process}/match?order=name`), 400, 'an unknown parameter');
  isProblem(assert, await as(sec, 'GET', '/api/v1/processes/mp-none/match'), 404, 'an unknown process');

  const r = await as(sec, 'GET', url);
  assert.equal(r.status, 200, r.text);
  const m = r.body;
  assert.equal(m.process, ids.process);
  assert.deepEqual(m.candidates.map((c) => c.id), [ids.amina, ids.cem], r.text);
  assert.deepEqual(m.candidates.map((c) => c.rank), [1, 2]);
  assert.ok(m.candidates[0].score > m.candidates[1].score, r.text);
  const reasons = m.candidates[0].reasons.map((x) => x.criterion);
  for (const c of ['languages', 'country', 'expertise']) assert.ok(reasons.includes(c), `a reason by ${c}: ${r.text}`);
  assert.ok(m.candidates[0].reasons.every((x) => typeof x.points === 'number' && x.detail), r.text);
  const out = m.excluded.find((x) => x.id === ids.bakri);
  assert.ok(out, `the national of the state party is excluded: ${r.text}`);
  assert.equal(out.rule, 'nationality');
  assert.ok(out.detail, r.text);
  assert.equal(m.counts.roster, 3);
  assert.equal(m.counts.eligible, 2);
  assert.equal(m.counts.by_rule.nationality, 1);
  assert.equal(m.code, null, 'no code of conduct adopted: the rule is waived');
  // the ranking is deterministic, and limit shows fewer
  assert.deepEqual((await as(admin, 'GET', url)).body.candidates, m.candidates);
  const top = await as(sec, 'GET', `/api/v1/processes/${ids.process}/match?limit=1`);
  assert.equal(top.status, 200, top.text);
  assert.deepEqual(top.body.candidates.map((c) => c.id), [ids.amina]);
  assert.ok(!top.body.excluded || top.body.excluded.length === 0, 'the excluded are listed only when asked');
});

test('the team: a national of a state party is refused naming the rule, nothing changed; the top candidate leads', async () => {
  let r = await as(sec, 'POST', '/api/v1/process-team', { process: ids.process, mediator: ids.bakri, role: 'member' });
  isProblem(assert, r, 422, 'a national of the state party on the team');
  assert.ok(namesField(r.body, 'mediator'), r.text);
  assert.match(r.body.detail, /national|nationality/, r.text);
  assert.equal((await as(sec, 'GET', `/api/v1/process-team?process=${ids.process}`)).body.total, 0, 'nobody placed');
  const team = await as(admin, 'GET', `/api/v1/team-members?team=${ids.process}`);
  assert.deepEqual(team.body.items.map((x) => x.account), ['md-sec'], 'the team is who opened it');

  r = await as(sec, 'POST', '/api/v1/process-team', { process: ids.process, mediator: ids.amina, role: 'lead', since: '2025-01-05' });
  assert.equal(r.status, 201, r.text);
  const p = (await as(sec, 'GET', `/api/v1/processes/${ids.process}`)).body;
  assert.equal(p.lead, ids.amina);
  const members = (await as(admin, 'GET', `/api/v1/team-members?team=${ids.process}`)).body.items.map((x) => x.account);
  assert.deepEqual(members.sort(), ['md-amina', 'md-sec'], 'the lead\'s account joins the team');
  r = await as(sec, 'GET', `/api/v1/processes/${ids.process}/match?excluded=1`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.candidates.map((c) => c.id), [ids.cem], 'the lead is no candidate any more');
  assert.ok(r.body.excluded.find((x) => x.id === ids.amina)?.rule, r.text);
});

test('stages: forward by the secretariat or the lead; back only with a reason; written only by the action', async () => {
  const move = (h, body) => as(h, 'POST', `/api/v1/processes/${ids.process}/stage`, body);
  isProblem(assert, await move(del, { stage: 'pre_negotiation' }), 403, 'a delegate');
  isProblem(assert, await move(medB, { stage: 'pre_negotiation' }), 403, 'a mediator off the team');
  let r = await move(sec, { stage: 'negotiation' });
  isProblem(assert, r, 422, 'an unknown stage');
  assert.ok(namesField(r.body, 'stage'), r.text);
  isProblem(assert, await move(sec, { stage: 'ceasefire', by: 'me' }), 422, 'an unknown member');
  r = await move(sec, { stage: 'pre_negotiation' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.stage, 'pre_negotiation');
  r = await move(medA, { stage: 'ceasefire' });
  assert.equal(r.status, 200, `the lead moves it on: ${r.text}`);
  assert.equal(r.body.stage, 'ceasefire');
  r = await move(sec, { stage: 'pre_negotiation' });
  isProblem(assert, r, 422, 'back without a reason');
  assert.ok(namesField(r.body, 'reason'), r.text);
  assert.equal((await as(sec, 'GET', `/api/v1/processes/${ids.process}`)).body.stage, 'ceasefire', 'unchanged');
  r = await move(sec, { stage: 'pre_negotiation', reason: 'The ceasefire broke down in El Fasher.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.stage, 'pre_negotiation');
  r = await move(sec, { stage: 'framework' });
  assert.equal(r.status, 200, r.text);

  const stages = (await as(sec, 'GET', `/api/v1/process-stages?process=${ids.process}`)).body;
  assert.equal(stages.total, 4);
  const back = stages.items.find((s) => s.reason);
  assert.equal(back.from_stage, 'ceasefire');
  assert.equal(back.stage, 'pre_negotiation');
  assert.equal(back.recorded_by, 'md-sec');
  r = await as(sec, 'POST', '/api/v1/process-stages', { process: ids.process, stage: 'closed', on: '2025-01-01' });
  assert.equal(r.status, 405, r.text);
  assert.match(r.body.detail, /\/api\/v1\/processes\/\{id\}\/stage/);
});

test('the lead records an agreement with two provisions', async () => {
  let r = await as(medB, 'POST', '/api/v1/agreements', { process: ids.process, title_en: 'X', kind: 'ceasefire', signed_on: '2025-02-01' });
  isProblem(assert, r, 403, 'a mediator off the team');
  r = await as(medA, 'POST', '/api/v1/agreements', {
    process: ids.process, title_en: 'Jeddah Declaration of Commitment', kind: 'ceasefire', signed_on: '2025-02-01',
    place: 'Jeddah', parties: 'Sudanese Armed Forces; Rapid Support Forces',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.team, ids.process);
  ids.agreement = r.body.id;
  for (const [number, category, text_en] of [['1', 'ceasefire', 'The parties cease hostilities.'],
    ['2', 'humanitarian', 'The parties let humanitarian aid pass.']]) {
    r = await as(medA, 'POST', '/api/v1/provisions', { agreement: ids.agreement, number, category, text_en, status: 'in_progress' });
    assert.equal(r.status, 201, r.text);
  }
  r = await as(medA, 'POST', '/api/v1/provisions', { agreement: ids.agreement, number: '3', category: 'elections', text_en: 'x' });
  isProblem(assert, r, 422, 'an unknown category');
  assert.ok(namesField(r.body, 'category'), r.text);
  const d = (await as(del, 'GET', `/api/v1/processes/${ids.process}/dossier`)).body;
  assert.equal(d.agreements.length, 1);
  assert.deepEqual(d.agreements[0].provisions.map((p) => p.category), ['ceasefire', 'humanitarian']);
  // the four transitions, all of today (their order within a day is not asserted)
  assert.deepEqual(d.stages.map((s) => s.stage).sort(), ['ceasefire', 'framework', 'pre_negotiation', 'pre_negotiation']);
  assert.equal(d.team[0].mediator_record.name_en, 'Amina Al-Harbi');
});

test('the journal: the lead writes; outsiders neither read nor count it; the team and an administrator do', async () => {
  let r = await as(medB, 'POST', '/api/v1/journal-entries', { process: ids.process, kind: 'note', text: 'From outside the team.' });
  isProblem(assert, r, 403, 'a mediator off the team writes');
  r = await as(medA, 'POST', '/api/v1/journal-entries', {
    process: ids.process, kind: 'contact', text: 'Met both delegations separately; the RSF asks for guarantees.',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.level, 'restricted');
  assert.equal(r.body.author, 'md-amina');
  const entry = r.body.id;

  for (const [who, h] of [['another mediator', medB], ['a delegate', del], ['the secretariat off the team', sec2], ['the anonymous', {}]]) {
    isProblem(assert, await as(h, 'GET', `/api/v1/journal-entries/${entry}`), 404, who);
    const list = await as(h, 'GET', `/api/v1/journal-entries?process=${ids.process}`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.total, 0, `${who}: not counted`);
    assert.equal((await as(h, 'GET', '/api/v1/journal-entries')).body.total, 0, `${who}: not counted at all`);
    const d = await as(h, 'GET', `/api/v1/processes/${ids.process}/dossier`);
    if (h === medB || h === del || h === sec2) {
      assert.equal(d.status, 200, d.text);
      assert.equal(d.body.journal, null, `${who}: the dossier's journal is null`);
      assert.doesNotMatch(d.text, /RSF asks/);
    }
  }
  for (const [who, h] of [['the lead', medA], ['the secretariat on the team', sec], ['an administrator', admin]]) {
    r = await as(h, 'GET', `/api/v1/journal-entries/${entry}`);
    assert.equal(r.status, 200, `${who}: ${r.text}`);
    assert.equal((await as(h, 'GET', '/api/v1/journal-entries')).body.total, 1, who);
    const d = (await as(h, 'GET', `/api/v1/processes/${ids.process}/dossier`)).body;
    assert.deepEqual(d.journal.map((j) => j.id), [entry], who);
  }
  r = await as(medA, 'PATCH', `/api/v1/journal-entries/${entry}`, { text: 'Rewritten.' });
  assert.equal(r.status, 405, `kept as written: ${r.text}`);
});

test('an alert is answered by the process, an unknown one refused naming response_process', async () => {
  let r = await as(sec, 'POST', '/api/v1/alerts', { country: 'SDN', severity: 'high', title_en: 'Fighting around El Fasher' });
  assert.equal(r.status, 201, r.text);
  const alert = r.body.id;
  r = await as(sec, 'POST', `/api/v1/alerts/${alert}/respond`, { response_kind: 'mediation_process', response_process: 'Jeddah talks' });
  isProblem(assert, r, 422, 'a process that is not one');
  assert.ok(namesField(r.body, 'response_process'), r.text);
  assert.equal((await as(sec, 'GET', `/api/v1/alerts/${alert}`)).body.status, 'open', 'unchanged');
  r = await as(sec, 'POST', `/api/v1/alerts/${alert}/respond`, { response_kind: 'mediation_process', response_process: ids.process });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.response_process, ids.process);
});

test('the code of conduct: pending, nothing to sign; once adopted, a member signs for themselves', async () => {
  let r = await call(srv, 'GET', '/api/v1/codes-of-conduct/current');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { current: null });
  r = await as(medA, 'POST', `/api/v1/mediators/${ids.amina}/sign`);
  isProblem(assert, r, 409, 'nothing adopted');
  assert.match(r.body.detail, /no code of conduct is adopted/);
  r = await as(sec, 'PATCH', '/api/v1/codes-of-conduct/code-of-conduct-1', {
    status: 'adopted', adopted_on: '2025-03-01', text_en: 'A mediator is impartial, discreet and respectful of the parties\' cultures.',
  });
  assert.equal(r.status, 200, r.text);
  r = await call(srv, 'GET', '/api/v1/codes-of-conduct/current');
  assert.equal(r.body.current.id, 'code-of-conduct-1', r.text);
  isProblem(assert, await as(medA, 'POST', `/api/v1/mediators/${ids.bakri}/sign`), 403, 'for another member');
  r = await as(medA, 'POST', `/api/v1/mediators/${ids.amina}/sign`, { code: 'code-of-conduct-9' });
  isProblem(assert, r, 422, 'not the code in force');
  assert.ok(namesField(r.body, 'code'), r.text);
  isProblem(assert, await as(medA, 'POST', `/api/v1/mediators/${ids.amina}/sign`, { reason: 'x' }), 422, 'an unknown member');
  r = await as(medA, 'POST', `/api/v1/mediators/${ids.amina}/sign`, { code: 'code-of-conduct-1' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.code_signed, 'code-of-conduct-1');
  isProblem(assert, await as(medA, 'POST', `/api/v1/mediators/${ids.amina}/sign`), 409, 'signed twice');
  r = await as(sec, 'POST', `/api/v1/mediators/${ids.cem}/sign`);
  assert.equal(r.status, 200, `the secretariat records a signature on paper: ${r.text}`);
});

test('withdrawal: the nominating delegate withdraws their state\'s member, with reasons', async () => {
  let r = await as(del, 'POST', `/api/v1/mediators/${ids.bakri}/withdraw`, { reason: 'Not our nomination at all.' });
  isProblem(assert, r, 403, 'another nomination');
  r = await as(del, 'POST', `/api/v1/mediators/${ids.amina}/withdraw`, {});
  isProblem(assert, r, 422, 'without reasons');
  assert.ok(namesField(r.body, 'reason'), r.text);
  r = await as(del, 'POST', `/api/v1/mediators/${ids.amina}/withdraw`, { reason: 'Appointed ambassador; no longer available.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'withdrawn');
  isProblem(assert, await as(sec, 'DELETE', `/api/v1/mediators/${ids.amina}`), 422, 'a decided nomination is kept');
});

test('the OpenAPI document has every mediation collection, the operations, and no generic write of the stages', async () => {
  const doc = (await call(srv, 'GET', '/api/v1/openapi.json')).body;
  for (const c of ['mediators', 'interests', 'processes', 'process-team', 'journal-entries', 'agreements', 'provisions',
    'codes-of-conduct', 'expertise-areas', 'match-weights', 'trainings', 'training-participants', 'field-missions',
    'process-stages']) {
    assert.ok(doc.paths[`/api/v1/${c}`]?.get, `GET /api/v1/${c}`);
    assert.ok(doc.paths[`/api/v1/${c}/{id}`]?.get, `GET /api/v1/${c}/{id}`);
    assert.equal(Boolean(doc.paths[`/api/v1/${c}`].post), c !== 'process-stages', `POST /api/v1/${c}`);
  }
  assert.ok(!doc.paths['/api/v1/journal-entries/{id}'].patch, 'a journal entry is not changed');
  for (const [path, method, access] of [['/api/v1/mediators/{id}/{decision}', 'post', 'writers'],
    ['/api/v1/mediators/{id}/sign', 'post', 'writers'], ['/api/v1/processes/{id}/match', 'get', 'account'],
    ['/api/v1/processes/{id}/stage', 'post', 'writers'], ['/api/v1/processes/{id}/dossier', 'get', 'public'],
    ['/api/v1/codes-of-conduct/current', 'get', 'public']]) {
    assert.equal(doc.paths[path]?.[method]?.['x-tansiq-access'], access, `${method} ${path}`);
  }
  assert.deepEqual(doc.paths['/api/v1/processes/{id}/stage'].post.requestBody.content['application/json'].schema.properties.stage.enum,
    ['exploration', 'pre_negotiation', 'ceasefire', 'framework', 'comprehensive', 'implementation', 'closed']);
});
