// Meetings and votes over the API: a secretariat prepares a session and records attendance,
// the quorum follows the organ's rule, delegates of present member states vote for their own
// state only, the chair closes the vote and the outcome follows the rule (the OIC's, a simple
// majority, a rule where abstentions count), with every refusal changing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, isProblem } from './server.mjs';

let srv;
const basic = (u, p) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64') });
const PW = 'a long enough password';
const as = {};

async function user(username, roles, state) {
  const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, roles, state, password: PW } });
  assert.equal(r.status, 201, r.text);
  as[username] = basic(username, PW);
}

async function post(path, body, headers) {
  return call(srv, 'POST', path, { body, ...(headers ? { headers } : { auth: true }) });
}

// Member states in good standing of the default data, in id order.
let members = [];

before(async () => {
  srv = await startServer();
  const st = await call(srv, 'GET', '/api/v1/states?status=member&limit=1000&sort=id');
  members = st.body.items.map((s) => s.id);
  assert.ok(members.length >= 40, 'the default data has the member states');
  await user('chair', ['secretariat']);
  await user('del-sau', ['delegate'], 'SAU');
  await user('del-tur', ['delegate'], 'TUR');
  await user('del-syr', ['delegate'], 'SYR');
  for (const [id, rule] of Object.entries({
    'test-oic': { quorum_num: 2, quorum_den: 3, consensus: true, majority_num: 2, majority_den: 3, majority_compare: 'at_least', majority_base: 'present_and_voting', abstentions_count: false },
    'test-simple': { quorum_num: 1, quorum_den: 2, consensus: false, majority_num: 1, majority_den: 2, majority_compare: 'more_than', majority_base: 'present_and_voting', abstentions_count: false },
    'test-abstain': { quorum_num: 1, quorum_den: 2, consensus: false, majority_num: 1, majority_den: 2, majority_compare: 'more_than', majority_base: 'present_and_voting', abstentions_count: true },
  })) {
    const r = await post('/api/v1/decision-rules', { id, name_en: id, ...rule });
    assert.equal(r.status, 201, r.text);
  }
  const cat = await post('/api/v1/resolution-categories', { id: 'tst', code: 'TST', letter_ar: 'ت', name_en: 'Test' });
  assert.equal(cat.status, 201, cat.text);
});
after(async () => { if (srv) await srv.stop(); });

let n = 0;
/* A session of the CFM in session with `present` states recorded, and a draft. */
async function session(present, { rule = 'test-oic', status = 'in_session' } = {}) {
  n += 1;
  const id = `t-${n}`;
  const m = await call(srv, 'POST', '/api/v1/meetings', { headers: as.chair, body: {
    id, organ: 'cfm', kind: 'extraordinary', session_number: 100 + n, title_en: `Test session ${n}`,
    title_ar: `دورة اختبار ${n}`, title_fr: `Session d'essai ${n}`, start: '2031-01-10', status,
  } });
  assert.equal(m.status, 201, m.text);
  for (const s of present) {
    const a = await call(srv, 'POST', '/api/v1/attendance', { headers: as.chair, body: { meeting: id, state: s } });
    assert.equal(a.status, 201, a.text);
  }
  const d = await call(srv, 'POST', '/api/v1/resolutions', { headers: as.chair, body: {
    title_en: `Draft ${n}`, meeting: id, status: 'draft',
  } });
  assert.equal(d.status, 201, d.text);
  return { meeting: id, draft: d.body.id, rule };
}

async function openVote(s, extra = {}) {
  return post('/api/v1/votes', { meeting: s.meeting, resolution: s.draft, rule: s.rule, ...extra }, as.chair);
}

/* Casts ballots directly as each state's delegate (created on demand). */
async function castAll(voteId, ballots) {
  for (const [state, choice] of Object.entries(ballots)) {
    const u = `d-${state.toLowerCase()}`;
    if (!as[u]) await user(u, ['delegate'], state);
    const r = await call(srv, 'PUT', `/api/v1/votes/${voteId}/ballots/${state}`, { headers: as[u], body: { choice } });
    assert.equal(r.status, 200, `${state}: ${r.text}`);
  }
}

const pick = (k, from = 0) => members.slice(from, from + k);

test('the quorum is computed from attendance under the organ rule and shown before any vote', async () => {
  const need = Math.ceil((members.length + 1) * 2 / 3); // the suspended member counts among the members
  const s = await session(pick(need - 1));
  const q = await call(srv, 'GET', `/api/v1/meetings/${s.meeting}/quorum?rule=test-oic`);
  assert.equal(q.status, 200, q.text);
  assert.equal(q.body.quorum, need);
  assert.equal(q.body.present, need - 1);
  assert.equal(q.body.met, false);
  const refused = await openVote(s);
  isProblem(assert, refused, 409, 'quorum missed by one');
  assert.equal(refused.body.code, 'quorum-not-met');
  assert.match(refused.body.detail, new RegExp(`${need - 1} member states .* needs ${need}`));
  assert.equal((await call(srv, 'GET', `/api/v1/votes?meeting=${s.meeting}`)).body.total, 0, 'no vote was opened');
  // one more state arrives: the quorum is just met
  const a = await call(srv, 'POST', '/api/v1/attendance', { headers: as.chair, body: { meeting: s.meeting, state: members[need - 1] } });
  assert.equal(a.status, 201, a.text);
  assert.equal((await call(srv, 'GET', `/api/v1/meetings/${s.meeting}/quorum?rule=test-oic`)).body.met, true);
  const v = await openVote(s);
  assert.equal(v.status, 201, v.text);
  assert.equal(v.body.status, 'open');
  assert.equal(v.body.quorum, need);
  // attendance is fixed while the vote is open
  const late = await call(srv, 'POST', '/api/v1/attendance', { headers: as.chair, body: { meeting: s.meeting, state: members[need] } });
  isProblem(assert, late, 409, 'attendance during an open vote');
  assert.equal(late.body.code, 'wrong-stage');
});

test('OIC rule: two-thirds of those present and voting adopts; abstentions do not count; the roll call is recorded', async () => {
  const present = pick(40);
  const s = await session(present);
  const v = await openVote(s);
  assert.equal(v.status, 201, v.text);
  // 20 yes, 10 no, 5 abstain, 5 do not vote: 20 of 30 voting is exactly two-thirds
  const ballots = {};
  present.forEach((st, i) => { if (i < 20) ballots[st] = 'yes'; else if (i < 30) ballots[st] = 'no'; else if (i < 35) ballots[st] = 'abstain'; });
  await castAll(v.body.id, ballots);
  const live = await call(srv, 'GET', `/api/v1/votes/${v.body.id}/tally`);
  assert.equal(live.status, 200, live.text);
  assert.deepEqual([live.body.tally.yes, live.body.tally.no, live.body.tally.abstain, live.body.tally.not_voting], [20, 10, 5, 5]);
  assert.equal(live.body.roll_call.length, 40, 'the live roll call lists every state present');
  const closed = await post(`/api/v1/votes/${v.body.id}/close`, undefined, as.chair);
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.outcome, 'adopted');
  assert.equal(closed.body.decided_by, 'majority');
  assert.equal(closed.body.base, 30);
  assert.equal(closed.body.required, 20);
  const res = await call(srv, 'GET', `/api/v1/resolutions/${s.draft}`);
  assert.equal(res.body.status, 'adopted');
  assert.equal(res.body.meeting, s.meeting);
  const tally = await call(srv, 'GET', `/api/v1/votes/${v.body.id}/tally`);
  const nv = tally.body.roll_call.filter((r) => r.choice === 'not_voting').map((r) => r.state).sort();
  assert.deepEqual(nv, present.slice(35).sort(), 'those present who did not vote are on the roll call as not voting');
  assert.equal(tally.body.roll_call.find((r) => r.state === present[0]).choice, 'yes');
});

test('OIC rule: one vote short of two-thirds is not adopted', async () => {
  const present = pick(40);
  const s = await session(present);
  const v = await openVote(s);
  const ballots = {};
  present.forEach((st, i) => { if (i < 19) ballots[st] = 'yes'; else if (i < 29) ballots[st] = 'no'; });
  await castAll(v.body.id, ballots);
  const closed = await post(`/api/v1/votes/${v.body.id}/close`, undefined, as.chair);
  assert.equal(closed.body.outcome, 'not_adopted');
  assert.equal(closed.body.decided_by, 'short_of_majority');
  assert.equal(closed.body.required, 20, 'two-thirds of 29, rounded up');
  assert.equal((await call(srv, 'GET', `/api/v1/resolutions/${s.draft}`)).body.status, 'not_adopted');
});

test('simple majority: a tie is not adopted; one more yes is', async () => {
  const half = Math.ceil((members.length + 1) / 2);
  const present = pick(half);
  const s1 = await session(present, { rule: 'test-simple' });
  const v1 = await openVote(s1);
  assert.equal(v1.status, 201, v1.text);
  await castAll(v1.body.id, { [present[0]]: 'yes', [present[1]]: 'yes', [present[2]]: 'no', [present[3]]: 'no', [present[4]]: 'abstain' });
  const c1 = await post(`/api/v1/votes/${v1.body.id}/close`, undefined, as.chair);
  assert.equal(c1.body.outcome, 'not_adopted', 'two against two');
  assert.equal(c1.body.required, 3);
  const s2 = await session(present, { rule: 'test-simple' });
  const v2 = await openVote(s2);
  await castAll(v2.body.id, { [present[0]]: 'yes', [present[1]]: 'yes', [present[2]]: 'no', [present[3]]: 'abstain', [present[4]]: 'abstain' });
  const c2 = await post(`/api/v1/votes/${v2.body.id}/close`, undefined, as.chair);
  assert.equal(c2.body.outcome, 'adopted', 'two against one, abstentions left out');
  // consensus is not provided for by this rule
  const s3 = await session(present, { rule: 'test-simple' });
  const c3 = await openVote(s3, { method: 'consensus' });
  isProblem(assert, c3, 422, 'consensus under a rule without it');
});

test('when abstentions count as votes cast, the same ballots are not enough', async () => {
  const present = pick(Math.ceil((members.length + 1) / 2));
  const s = await session(present, { rule: 'test-abstain' });
  const v = await openVote(s);
  await castAll(v.body.id, { [present[0]]: 'yes', [present[1]]: 'yes', [present[2]]: 'no', [present[3]]: 'abstain', [present[4]]: 'abstain' });
  const c = await post(`/api/v1/votes/${v.body.id}/close`, undefined, as.chair);
  assert.equal(c.body.base, 5);
  assert.equal(c.body.required, 3);
  assert.equal(c.body.outcome, 'not_adopted');
});

test('adoption by consensus is recorded as such', async () => {
  const s = await session(pick(40));
  const v = await openVote(s, { method: 'consensus' });
  assert.equal(v.status, 201, v.text);
  assert.equal(v.body.status, 'closed');
  assert.equal(v.body.decided_by, 'consensus');
  assert.equal(v.body.outcome, 'adopted');
  assert.equal((await call(srv, 'GET', `/api/v1/resolutions/${s.draft}`)).body.status, 'adopted');
});

test('refusals: another state, a suspended member, an absent state, a closed vote, an unopened vote; nothing changes', async () => {
  const present = [...pick(40).filter((x) => x !== 'TUR'), 'SAU', 'SYR'].filter((x, i, a) => a.indexOf(x) === i);
  const s = await session(present);
  const v = await openVote(s);
  assert.equal(v.status, 201, v.text);
  const id = v.body.id;
  const tallyBefore = (await call(srv, 'GET', `/api/v1/votes/${id}/tally`)).body.tally;

  const other = await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/TUR`, { headers: as['del-sau'], body: { choice: 'yes' } });
  isProblem(assert, other, 403, 'a delegate voting for another state');
  assert.match(other.body.detail, /SAU votes only for SAU/);

  const suspended = await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/SYR`, { headers: as['del-syr'], body: { choice: 'no' } });
  isProblem(assert, suspended, 403, 'a suspended member');
  assert.equal(suspended.body.code, 'not-entitled-to-vote');

  const absent = await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/TUR`, { headers: as['del-tur'], body: { choice: 'yes' } });
  isProblem(assert, absent, 403, 'a state not present');
  assert.match(absent.body.detail, /not recorded as present/);

  const chair = await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/SAU`, { headers: as.chair, body: { choice: 'yes' } });
  isProblem(assert, chair, 403, 'the secretariat does not vote');

  const bad = await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/SAU`, { headers: as['del-sau'], body: { choice: 'maybe' } });
  isProblem(assert, bad, 422, 'a choice that is not yes, no or abstain');

  assert.deepEqual((await call(srv, 'GET', `/api/v1/votes/${id}/tally`)).body.tally, tallyBefore, 'no refusal changed the tally');

  // a delegate changes their vote until the vote closes
  assert.equal((await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/SAU`, { headers: as['del-sau'], body: { choice: 'no' } })).status, 200);
  assert.equal((await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/SAU`, { headers: as['del-sau'], body: { choice: 'yes' } })).status, 200);
  const t = (await call(srv, 'GET', `/api/v1/votes/${id}/tally`)).body.tally;
  assert.deepEqual([t.yes, t.no], [1, 0], 'one state, one ballot');

  const delegateCloses = await post(`/api/v1/votes/${id}/close`, undefined, as['del-sau']);
  isProblem(assert, delegateCloses, 403, 'a delegate cannot close the vote');
  assert.equal((await post(`/api/v1/votes/${id}/close`, undefined, as.chair)).status, 200);

  const after = await call(srv, 'PUT', `/api/v1/votes/${id}/ballots/SAU`, { headers: as['del-sau'], body: { choice: 'no' } });
  isProblem(assert, after, 409, 'a vote after closing');
  assert.equal(after.body.code, 'vote-closed');
  const again = await post(`/api/v1/votes/${id}/close`, undefined, as.chair);
  isProblem(assert, again, 409, 'closing twice');

  const unopened = await call(srv, 'PUT', '/api/v1/votes/no-such-vote/ballots/SAU', { headers: as['del-sau'], body: { choice: 'yes' } });
  isProblem(assert, unopened, 404, 'a vote that was never opened');
  const reopen = await openVote(s);
  isProblem(assert, reopen, 409, 'a draft already decided');
  assert.equal(reopen.body.code, 'wrong-stage');
});

test('a vote needs a meeting in session; votes and ballots are not written through the generic collection', async () => {
  const s = await session(pick(40), { status: 'planned' });
  const r = await openVote(s);
  isProblem(assert, r, 409, 'a meeting not in session');
  assert.match(r.body.detail, /in_session/);
  const forged = await post('/api/v1/ballots', { vote: 'x', state: 'SAU', choice: 'yes' });
  isProblem(assert, forged, 405, 'POST /ballots');
  assert.equal(forged.headers.get('allow'), 'GET');
  const anon = await call(srv, 'POST', '/api/v1/votes', { body: { meeting: s.meeting, resolution: s.draft } });
  isProblem(assert, anon, 401, 'anonymous');
  const delegate = await post('/api/v1/votes', { meeting: s.meeting, resolution: s.draft }, as['del-sau']);
  isProblem(assert, delegate, 403, 'a delegate cannot open a vote');
  const unknown = await post('/api/v1/votes', { meeting: s.meeting, resolution: s.draft, extra: 1 }, as.chair);
  isProblem(assert, unknown, 422, 'an unknown field');
});

test('meetings: a duplicate session number and an invalid resolution code are refused', async () => {
  const body = { id: 'dup-a', organ: 'cfm', kind: 'ordinary', session_number: 45, title_en: 'x', start: '2018-05-05' };
  const dup = await call(srv, 'POST', '/api/v1/meetings', { auth: true, body });
  isProblem(assert, dup, 409, 'the 45th CFM exists in the default data');
  assert.equal(dup.body.field, 'session_number');
  assert.match(dup.body.detail, /cfm-45/);
  const bad = await call(srv, 'POST', '/api/v1/resolutions', { auth: true, body: { code: '53-45/POL', title_en: 'x' } });
  isProblem(assert, bad, 422, 'invalid code');
  assert.equal(bad.body.field, 'code');
  assert.match(bad.body.detail, /N\/SS-CAT/);
  const unknownCat = await call(srv, 'POST', '/api/v1/resolutions', { auth: true, body: { code: '1/45-ZZZ', title_en: 'x' } });
  isProblem(assert, unknownCat, 422, 'unknown category');
  const ar = await call(srv, 'POST', '/api/v1/resolutions', { auth: true, body: { code: '46/7-ت', title_en: 'Arabic order' } });
  assert.equal(ar.status, 201, ar.text);
  assert.equal(ar.body.code, '7/46-TST');
  assert.equal(ar.body.code_ar, '46/7-ت');
  assert.equal(ar.body.id, '7-46-tst');
});

test('the default record: the 45th CFM and resolution 53/45-POL with its operative paragraphs', async () => {
  const m = await call(srv, 'GET', '/api/v1/meetings/cfm-45');
  assert.equal(m.status, 200, m.text);
  assert.equal(m.body.start, '2018-05-05');
  const r = await call(srv, 'GET', '/api/v1/resolutions/53-45-pol');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.code_ar, '45/53-س');
  assert.equal(r.body.meeting, 'cfm-45');
  const p = await call(srv, 'GET', '/api/v1/paragraphs?resolution=53-45-pol&kind=operative&limit=100');
  const numbers = p.body.items.map((x) => x.number).filter((x) => x !== null).sort((a, b) => a - b);
  for (const k of [4, 5, 7, 8]) assert.ok(numbers.includes(k), `paragraph ${k}`);
});

test('the organs\' cycles: the next session due and an overdue organ', async () => {
  const c = await call(srv, 'GET', '/api/v1/cycles?on=2030-01-01');
  assert.equal(c.status, 200, c.text);
  const cfm = c.body.organs.find((o) => o.organ === 'cfm');
  assert.ok(cfm, 'the CFM has a cycle');
  assert.equal(cfm.cycle_months, 12);
  assert.ok(cfm.last && cfm.due, 'its last session and when the next was due');
  const bad = await call(srv, 'GET', '/api/v1/cycles?on=tomorrow');
  isProblem(assert, bad, 400, 'a bad date');
});

test('what would leave a vote stuck is refused before it opens, and nothing changes under an open vote', async () => {
  const s = await session(pick(40));
  // a draft numbered for another session cannot be adopted at this one
  const wrong = await call(srv, 'PATCH', `/api/v1/resolutions/${s.draft}`, { headers: as.chair, body: { code: '9/44-TST', meeting: null } });
  assert.equal(wrong.status, 200, wrong.text);
  const refused = await openVote(s);
  isProblem(assert, refused, 422, 'a draft of session 44 at another session');
  assert.match(refused.body.detail, /session 44/);
  assert.equal((await call(srv, 'PATCH', `/api/v1/resolutions/${s.draft}`, { headers: as.chair, body: { code: null } })).status, 200);
  const v = await openVote(s);
  assert.equal(v.status, 201, v.text);
  const status = await call(srv, 'PATCH', `/api/v1/resolutions/${s.draft}`, { headers: as.chair, body: { status: 'withdrawn' } });
  isProblem(assert, status, 409, 'the draft\'s status during its vote');
  const held = await call(srv, 'PATCH', `/api/v1/meetings/${s.meeting}`, { headers: as.chair, body: { status: 'held' } });
  isProblem(assert, held, 409, 'the meeting closed during a vote');
  const title = await call(srv, 'PATCH', `/api/v1/resolutions/${s.draft}`, { headers: as.chair, body: { title_fr: 'Projet' } });
  assert.equal(title.status, 200, 'other fields may still be corrected');
  assert.equal((await post(`/api/v1/votes/${v.body.id}/close`, undefined, as.chair)).status, 200);
  assert.equal((await call(srv, 'PATCH', `/api/v1/meetings/${s.meeting}`, { headers: as.chair, body: { status: 'held' } })).status, 200);
});

test('a rule whose fraction is more than a whole is refused; a Summit code only at a Summit', async () => {
  const r = await post('/api/v1/decision-rules', { id: 'too-much', name_en: 'x', quorum_num: 1, quorum_den: 2, majority_num: 3, majority_den: 2 });
  isProblem(assert, r, 422, 'majority 3/2');
  assert.equal(r.body.field, 'majority_num');
  const p = await post('/api/v1/resolution-categories', { id: 'p-test', code: 'PT', name_en: 'Summit test' });
  assert.equal(p.status, 201, p.text);
  const s = await post('/api/v1/resolutions', { code: '1/45-PT(IS)', title_en: 'x', meeting: 'cfm-45' });
  isProblem(assert, s, 422, 'a Summit code at the CFM');
  assert.match(s.body.detail, /not a Summit/);
});

test('the quorum counts every attendance but names only those the reader may see', async () => {
  const s = await session(pick(39));
  const hidden = await call(srv, 'POST', '/api/v1/attendance', { headers: as.chair, body: { meeting: s.meeting, state: members[39], level: 'secretariat' } });
  assert.equal(hidden.status, 201, hidden.text);
  const pub = (await call(srv, 'GET', `/api/v1/meetings/${s.meeting}/quorum?rule=test-oic`)).body;
  const sec = (await call(srv, 'GET', `/api/v1/meetings/${s.meeting}/quorum?rule=test-oic`, { headers: as.chair })).body;
  assert.equal(pub.present, 40);
  assert.equal(sec.present, 40);
  assert.ok(!pub.present_states.some((x) => x.state === members[39]), 'not named to the public');
  assert.ok(sec.present_states.some((x) => x.state === members[39]), 'named to the secretariat');
});

test('a planned session whose day has passed does not keep its organ from being overdue', async () => {
  const before = (await call(srv, 'GET', '/api/v1/cycles?on=2030-06-01')).body.organs.find((o) => o.organ === 'summit');
  assert.equal(before.overdue, true);
  const m = await call(srv, 'POST', '/api/v1/meetings', { auth: true, body: { id: 'summit-99', organ: 'summit', session_number: 99, title_en: 'A Summit never held', start: '2020-01-01', status: 'planned' } });
  assert.equal(m.status, 201, m.text);
  const after = (await call(srv, 'GET', '/api/v1/cycles?on=2030-06-01')).body.organs.find((o) => o.organ === 'summit');
  assert.equal(after.overdue, true);
  assert.equal(after.next, null);
  const ahead = (await call(srv, 'GET', '/api/v1/cycles?on=2019-06-01')).body.organs.find((o) => o.organ === 'summit');
  assert.equal(ahead.next.id, 'summit-99', 'before its day it is the next session');
});
