// The access matrix, generated from the route table: every operation the server declares in its
// OpenAPI document (x-tansiq-access, put there from the route table) × every role × every
// confidentiality level, checked against the policy written out below: allowed, refused
// (401/403) or invisible (404, or absent from the list and its total).
//
// An operation without a declared rule makes the document fail (500) and this test with it; an
// operation with a rule this test does not know fails here too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call } from './server.mjs';

const LEVELS = ['public', 'members', 'secretariat', 'restricted'];
const ROLES = ['anonymous', 'delegate', 'mediator', 'outsider', 'analyst', 'secretariat', 'admin'];
// outsider: a mediator who is on no team.

// ---- the policy, as the documentation states it ----
// What each role reads: levels up to its own; a team's members also its restricted records.
// A process's journal is always restricted to the process's team, whatever level it is given; the
// other records under a process are read by no more readers than the process (the matrix's
// process is at level members).
const UNDER_PROCESS = ['agreements', 'provisions', 'process-team', 'process-stages'];
const levelOf = (collection, level) => {
  if (collection === 'journal-entries') return 'restricted';
  if (UNDER_PROCESS.includes(collection) && level === 'public') return 'members';
  return level;
};
function reads(role, level, collection) {
  level = levelOf(collection, level);
  const top = { anonymous: 0, delegate: 1, mediator: 1, outsider: 1, analyst: 1, secretariat: 2, admin: 3 }[role];
  if (LEVELS.indexOf(level) <= top) return true;
  // the mediator is on team t1, the records' team, and on the team of the process the records
  // of mediation are under
  return level === 'restricted' && role === 'mediator';
}
const roleNames = { delegate: 'delegate', mediator: 'mediator', outsider: 'mediator', analyst: 'analyst', secretariat: 'secretariat', admin: 'admin' };
function writes(role, op, level, collection, method) {
  if (role === 'admin') return true;
  const w = op['x-tansiq-writers'];
  if (!w.roles.includes(roleNames[role])) return false;
  if (roleNames[role] === 'mediator') {
    // a member of the network keeps their own profile and declarations: the mediator's member
    // is the one the declarations name; the network's records are nobody's (no account), and
    // nominations come from delegates and the secretariat
    if (collection === 'mediators') return false;
    if (collection === 'interests' && role !== 'mediator') return false;
    // a mediator writes only the records of the teams they are on
    if (w.team && role !== 'mediator') return false;
    // a document names a team only when restricted here (its team is optional): the others are
    // no team's, and no mediator's to write
    if (collection === 'documents' && level !== 'restricted') return false;
  }
  return reads(role, level, collection);
}

let srv;
const tokens = {}; // role -> bearer token
let doc, schema;
const samples = {}; // collection -> a valid new record (without id for auto-id collections)
const fixtures = {}; // collection -> level -> id

function auth(role) {
  return role === 'anonymous' ? {} : { headers: { authorization: `Bearer ${tokens[role]}` } };
}
async function as(role, method, path, body) {
  return call(srv, method, path, { ...auth(role), body });
}

let seq = 0;
const isoSeq = {};
// A fresh id for a collection: ISO-like codes for states, slugs elsewhere.
function freshId(collection) {
  seq += 1;
  if (collection === 'states' || collection === 'countries') {
    // codes of ISO's user-assigned range (Q.. for states, X.. for countries), one series each
    const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let id;
    do {
      const n = (isoSeq[collection] = (isoSeq[collection] || 0) + 1);
      id = `${collection === 'states' ? 'Q' : 'X'}${a[Math.floor(n / 26) % 26]}${a[n % 26]}`;
    } while (id === 'XKX'); // Kosovo's, in the default data
    return id;
  }
  return `matrix-${seq}`;
}
const counters = {}; // collection -> records made so far
const pools = {}; // collection -> ids to give each new record its own (a pool of meetings...)
function record(collection, level) {
  const ent = schema.entities.find((e) => e.collection === collection);
  const r = { ...samples[collection], level };
  const k = (counters[collection] = (counters[collection] || 0) + 1);
  if (!ent.auto_id) r.id = freshId(collection);
  if (level === 'restricted') r.team = 't1';
  // a required unique text gets a fresh value
  for (const f of ent.fields) if (f.unique && f.required && f.type === 'text' && f.name !== 'id') r[f.name] = `U${k}X${seq++}`;
  // and a required unique number (a code of conduct's version) a fresh number
  for (const f of ent.fields) if (f.unique && f.required && f.type === 'integer') r[f.name] = 100 + (seq++ % 800);
  // values unique together: a fresh number or text, or a fresh record from a pool for the other field
  for (const [a, b] of ent.unique_together || []) {
    const fa = ent.fields.find((f) => f.name === a);
    if (fa.type === 'integer') r[a] = 100 + k;
    else if (fa.type === 'text') r[a] = `${k}.${seq++}`;
    else if (pools[collection]) r[b] = pools[collection][k];
  }
  // one member of the network per place on the process's team (each below their load)
  if (collection === 'process-team') r.mediator = network[k];
  if (collection === 'conflict-years') r.year = 1946 + k; // a fresh year of the one conflict
  return r;
}
// Collections whose records name a team can be restricted; the others refuse the level.
// A process is never restricted (its journal is): members or secretariat.
const restrictable = (collection) => collection !== 'processes' &&
  schema.entities.find((e) => e.collection === collection).fields.some((f) => f.name === 'team');

async function makeAsAdmin(collection, level) {
  const r = await as('admin', 'POST', `/api/v1/${collection}`, record(collection, level));
  assert.equal(r.status, 201, `admin creates ${collection} at ${level}: ${r.text}`);
  // a process has a team of its own: the matrix's mediator joins it, as it is on t1
  if (collection === 'processes') await joinTeam(r.body.team);
  return r.body.id;
}
async function joinTeam(team) {
  const j = await as('admin', 'POST', '/api/v1/team-members', { team, account: 'm-mediator', role: 'member' });
  assert.equal(j.status, 201, j.text);
}
const network = []; // approved members of the network, for places on a process's team

before(async () => {
  srv = await startServer();
  // the administrator's token, then the accounts of the other roles and theirs
  const t = await call(srv, 'POST', '/api/v1/account/tokens', { auth: true, body: { name: 'matrix' } });
  assert.equal(t.status, 201, t.text);
  tokens.admin = t.body.token;
  const accounts = {
    delegate: { roles: ['delegate'], state: 'MAR' }, mediator: { roles: ['mediator'] },
    outsider: { roles: ['mediator'] }, analyst: { roles: ['analyst'] }, secretariat: { roles: ['secretariat'] },
  };
  for (const [role, spec] of Object.entries(accounts)) {
    const u = await as('admin', 'POST', '/api/v1/users', { username: `m-${role}`, ...spec });
    assert.equal(u.status, 201, u.text);
    const basic = 'Basic ' + Buffer.from(`m-${role}:${u.body.password}`).toString('base64');
    const k = await call(srv, 'POST', '/api/v1/account/tokens', { headers: { authorization: basic }, body: { name: 'matrix' } });
    assert.equal(k.status, 201, k.text);
    tokens[role] = k.body.token;
  }
  doc = (await call(srv, 'GET', '/api/v1/openapi.json')).body;
  schema = (await call(srv, 'GET', '/api/v1/schema')).body;
  assert.ok(doc && doc.paths, 'the OpenAPI document is served');

  // team t1 with the mediator on it
  assert.equal((await as('admin', 'POST', '/api/v1/teams', { id: 't1', name_en: 'Team one' })).status, 201);
  assert.equal((await as('admin', 'POST', '/api/v1/users', { username: 'm-extra', roles: ['analyst'] })).status, 201);
  assert.equal((await as('admin', 'POST', '/api/v1/team-members', { team: 't1', account: 'm-mediator', role: 'member' })).status, 201);

  // a valid new record of every collection: an existing one (or a written one) without its
  // unique values
  // pools: the records that attendance and sponsors are made unique by
  const poolOf = async (collection, body, n = 80) => {
    const ids = [];
    for (let i = 0; i <= n; i++) {
      const r = await as('admin', 'POST', `/api/v1/${collection}`, body(i));
      assert.equal(r.status, 201, r.text);
      ids.push(r.body.id);
    }
    return ids;
  };
  pools.attendance = await poolOf('meetings', (i) => ({ id: `pool-${i}`, kind: 'other', title_en: `Pool ${i}`, start: '2030-01-01' }));
  pools['resolution-sponsors'] = await poolOf('resolutions', (i) => ({ title_en: `Pool draft ${i}` }));

  // a mandate to all member states: a delegate files reports on it for their state, as the
  // secretariat does; the default data's mandates are the secretariat's and the OIC's, on which
  // no delegate reports (tests/api/implementation.test.mjs)
  const toAll = await as('admin', 'POST', '/api/v1/mandates', { paragraph: '53-45-pol-op-8', addressee: 'all_states', action_en: 'Report on training offered' });
  assert.equal(toAll.status, 201, toAll.text);

  // mediation: a member of the network whose account is the matrix's mediator (the member its
  // declarations name), approved members for the places on a team, and a process whose team the
  // mediator is on (the records under a process take its team)
  const own = await as('admin', 'POST', '/api/v1/mediators', { id: 'matrix-own', name_en: 'The matrix mediator', kind: 'mediator', nominated_by: 'state', nominating_state: 'MAR', nationality: 'MAR', account: 'm-mediator' });
  assert.equal(own.status, 201, own.text);
  for (let i = 0; i <= 80; i++) {
    const m = await as('admin', 'POST', '/api/v1/mediators', { name_en: `Member ${i}`, kind: 'expert', nominated_by: 'secretary_general', nationality: 'TUR', availability: 'available' });
    assert.equal(m.status, 201, m.text);
    assert.equal((await as('admin', 'POST', `/api/v1/mediators/${m.body.id}/approve`)).status, 200);
    network.push(m.body.id);
  }
  const proc = await as('admin', 'POST', '/api/v1/processes', { id: 'matrix-process', title_en: 'The matrix process', country: 'SDN', authority: 'resolution_paragraph', paragraph: '53-45-pol-op-7' });
  assert.equal(proc.status, 201, proc.text);
  await joinTeam(proc.body.team);
  const agreement = await as('admin', 'POST', '/api/v1/agreements', { process: proc.body.id, title_en: 'An agreement', kind: 'ceasefire', signed_on: '2025-01-01' });
  assert.equal(agreement.status, 201, agreement.text);
  const training = (await as('admin', 'GET', '/api/v1/trainings?limit=1')).body.items[0];
  const mediation = {
    mediators: { name_en: 'A nominee', kind: 'mediator', nominated_by: 'state', nominating_state: 'MAR', nationality: 'MAR' },
    interests: { mediator: own.body.id, kind: 'other', description: 'A tie to declare' },
    processes: { title_en: 'A process', country: 'SDN', authority: 'resolution_paragraph', paragraph: '53-45-pol-op-7' },
    'process-team': { process: proc.body.id, role: 'member' },
    'journal-entries': { process: proc.body.id, kind: 'note', text: 'An entry' },
    agreements: { process: proc.body.id, title_en: 'An agreement', kind: 'ceasefire', signed_on: '2025-01-01' },
    provisions: { agreement: agreement.body.id, category: 'ceasefire', text_en: 'A provision' },
    'training-participants': { training: training.id, name: 'A participant', result: 'attended' },
  };

  for (const ent of schema.entities) {
    if (ent.actions) continue; // votes and ballots: made by their operations, below
    const list = await as('admin', 'GET', `/api/v1/${ent.collection}?limit=1`);
    let base = list.body.items[0];
    if (ent.collection === 'implementation-reports') base = { mandate: toAll.body.id, status: 'in_progress', progress: 10, reported_on: '2019-01-01' };
    if (ent.collection === 'teams') base = { name_en: 'A team' };
    if (ent.collection === 'resolution-sponsors') base = { state: 'SAU' };
    if (ent.collection === 'attendance') base = { state: 'SAU' };
    if (ent.collection === 'agenda-items') base = { meeting: 'cfm-45', title_en: 'An item' };
    // memberships of an account outside the matrix: no role of the matrix joins a team by them
    if (ent.collection === 'team-members') base = { team: 't1', account: 'm-extra', role: 'member' };
    // conflicts start empty (imported); events are filed as field reports
    if (ent.collection === 'conflicts') base = { name_en: 'A conflict', type: 'intrastate', countries: 'SDN' };
    if (ent.collection === 'conflict-years') {
      const c = await as('admin', 'POST', '/api/v1/conflicts', { id: 'matrix-conflict', name_en: 'The conflict', type: 'intrastate' });
      assert.equal(c.status, 201, c.text);
      base = { conflict: 'matrix-conflict', intensity: 'minor' };
    }
    if (ent.collection === 'events') base = { date: '2023-04-15', country: 'SDN', event_type: 'battles', fatalities: 3 };
    if (ent.collection === 'alert-rules' && !base) base = { name_en: 'A rule', kind: 'escalation', window: 6, factor: 3, severity: 'high' };
    if (mediation[ent.collection]) base = mediation[ent.collection];
    if (ent.collection === 'match-weights') {
      // one weight per criterion, all in the default data: three of them put at each level
      fixtures[ent.collection] = {};
      for (const [level, id] of [['public', 'languages'], ['members', 'region'], ['secretariat', 'country']]) {
        const w = await as('admin', 'PATCH', `/api/v1/match-weights/${id}`, { level });
        assert.equal(w.status, 200, w.text);
        fixtures[ent.collection][level] = id;
      }
      continue;
    }
    assert.ok(base, `a sample of ${ent.collection}`);
    const s = {};
    for (const f of ent.fields) {
      if (f.name === 'id' || f.unique || f.name === 'level' || (f.name === 'team' && !f.required)) continue;
      if (base[f.name] !== undefined && base[f.name] !== null) s[f.name] = base[f.name];
    }
    for (const group of ent.unique_together || []) {
      const fa = ent.fields.find((f) => f.name === group[0]);
      if (!fa.required && fa.type === 'integer') delete s[group[0]]; // left out rather than repeated
    }
    samples[ent.collection] = s;
    fixtures[ent.collection] = {};
    for (const level of LEVELS) {
      if (level === 'restricted' && !restrictable(ent.collection)) continue;
      fixtures[ent.collection][level] = await makeAsAdmin(ent.collection, level);
    }
  }
});
after(async () => { if (srv) await srv.stop(); });

function operations() {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      ops.push({ path, method: method.toUpperCase(), op });
    }
  }
  return ops;
}

test('every operation of the API declares a known access rule', () => {
  const known = new Set(['public', 'anyone', 'account', 'writers', 'admin']);
  const ops = operations();
  assert.ok(ops.length >= 40, `the document lists the operations (${ops.length})`);
  for (const { path, method, op } of ops) {
    assert.ok(known.has(op['x-tansiq-access']), `${method} ${path} declares a known rule, not ${op['x-tansiq-access']}`);
    if (op['x-tansiq-access'] === 'writers') assert.ok(op['x-tansiq-writers']?.roles?.length, `${method} ${path} lists its writers`);
  }
});

// A vote and a ballot at every level: a meeting of that level in session with a quorum, a draft put
// to the vote and the vote closed (those present are on the roll call as not voting).
async function votesAtEveryLevel() {
  const states = (await as('admin', 'GET', '/api/v1/states?status=member&limit=1000')).body.items.map((x) => x.id);
  fixtures.votes = {};
  fixtures.ballots = {};
  for (const level of LEVELS) {
    const team = level === 'restricted' ? { team: 't1' } : {};
    const m = await as('admin', 'POST', '/api/v1/meetings', { id: `vote-${level}`, organ: 'cfm', kind: 'other', title_en: level, start: '2031-01-01', status: 'in_session', level, ...team });
    assert.equal(m.status, 201, m.text);
    for (const st of states) assert.equal((await as('admin', 'POST', '/api/v1/attendance', { meeting: `vote-${level}`, state: st, level: 'public' })).status, 201);
    const d = await as('admin', 'POST', '/api/v1/resolutions', { title_en: `Draft at ${level}`, level, ...team });
    const v = await as('admin', 'POST', '/api/v1/votes', { meeting: `vote-${level}`, resolution: d.body.id });
    assert.equal(v.status, 201, v.text);
    assert.equal((await as('admin', 'POST', `/api/v1/votes/${v.body.id}/close`)).status, 200);
    fixtures.votes[level] = v.body.id;
    fixtures.ballots[level] = (await as('admin', 'GET', `/api/v1/ballots?vote=${v.body.id}&limit=1`)).body.items[0].id;
  }
}

const collectionOf = (path) => /^\/api\/v1\/([a-z-]+)(\/\{id\})?$/.exec(path);

test('records: every role × every level × list, read, create, change and delete', async () => {
  let checked = 0;
  await votesAtEveryLevel();
  for (const { path, method, op } of operations()) {
    const m = collectionOf(path);
    if (!m || !fixtures[m[1]] || !['public', 'writers'].includes(op['x-tansiq-access'])) continue;
    const collection = m[1], item = Boolean(m[2]);
    if (method === 'POST' && schema.entities.find((e) => e.collection === collection).actions) continue; // a probe below
    // the matching's weights are one per criterion, all in the default data: changed, never made or removed here
    if (collection === 'match-weights' && method !== 'GET' && method !== 'PATCH') continue;
    for (const level of Object.keys(fixtures[collection])) {
      const id = fixtures[collection][level];
      for (const role of ROLES) {
        const what = `${role} ${method} ${path} on a ${level} record`;
        const visible = reads(role, level, collection);
        if (method === 'GET' && !item) {
          const r = await as(role, 'GET', `/api/v1/${collection}?id=${encodeURIComponent(id)}`);
          assert.equal(r.status, 200, `${what}: ${r.text}`);
          assert.equal(r.body.total, visible ? 1 : 0, `${what}: counted only when readable`);
          assert.equal(r.body.items.length, visible ? 1 : 0, `${what}: listed only when readable`);
        } else if (method === 'GET') {
          const r = await as(role, 'GET', `/api/v1/${collection}/${id}`);
          assert.equal(r.status, visible ? 200 : 404, `${what}: ${r.text}`);
        } else if (method === 'POST') {
          const r = await as(role, 'POST', `/api/v1/${collection}`, record(collection, level));
          const expect = role === 'anonymous' ? 401 : writes(role, op, level, collection, method) ? 201 : 403;
          assert.equal(r.status, expect, `${what}: ${r.text}`);
        } else if (method === 'PATCH') {
          const r = await as(role, 'PATCH', `/api/v1/${collection}/${id}`, {});
          const expect = role === 'anonymous' ? 401 : !visible ? 404 : writes(role, op, level, collection, method) ? 200 : 403;
          assert.equal(r.status, expect, `${what}: ${r.text}`);
        } else if (method === 'DELETE') {
          // a record of its own for each attempt, so that an allowed delete spoils nothing
          const victim = await makeAsAdmin(collection, level);
          const r = await as(role, 'DELETE', `/api/v1/${collection}/${victim}`);
          const expect = role === 'anonymous' ? 401 : !visible ? 404 : writes(role, op, level, collection, method) ? 204 : 403;
          assert.equal(r.status, expect, `${what}: ${r.text}`);
          if (r.status === 204) {
            assert.equal((await as('admin', 'GET', `/api/v1/${collection}/${victim}`)).status, 404, `${what}: gone`);
          } else {
            assert.equal((await as('admin', 'GET', `/api/v1/${collection}/${victim}`)).status, 200, `${what}: still there`);
          }
        } else {
          assert.fail(`${method} ${path}: no case for this method`);
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 1000, `checked ${checked} cases`);
});

// Operations that are not records: allowed means neither 401 nor 403; the body sent is one a
// permitted caller gets a validation answer for, so nothing changes.
// Each with the rule the documentation gives it: a declaration changed in the route table without
// the documentation (and this table) fails here.
const probes = {
  'GET /api/v1/schema': { rule: 'public' }, 'GET /api/v1/summary': { rule: 'public' },
  'GET /api/v1/openapi.json': { rule: 'public' },
  'GET /api/v1/audit': { rule: 'admin' },
  'GET /api/v1/account': { rule: 'account' }, 'PATCH /api/v1/account': { rule: 'account', body: {} },
  'GET /api/v1/account/tokens': { rule: 'account' }, 'POST /api/v1/account/tokens': { rule: 'account', body: {} },
  'DELETE /api/v1/account/tokens/{id}': { rule: 'account', url: '/api/v1/account/tokens/none' },
  'GET /api/v1/users': { rule: 'admin' }, 'POST /api/v1/users': { rule: 'admin', body: {} },
  'GET /api/v1/users/{username}': { rule: 'admin', url: '/api/v1/users/m-analyst' },
  'PATCH /api/v1/users/{username}': { rule: 'admin', url: '/api/v1/users/nobody', body: {} },
  'GET /api/v1/session': { rule: 'anyone' },
  'POST /api/v1/session': { rule: 'anyone', body: { username: 'nobody', password: 'not the password' } },
  'DELETE /api/v1/session': { rule: 'anyone' },
  'GET /api/v1/meetings/{id}/quorum': { rule: 'public', url: '/api/v1/meetings/cfm-45/quorum' },
  'GET /api/v1/cycles': { rule: 'public' },
  'GET /api/v1/calendar.ics': { rule: 'public' },
  // the vote's operations: the router lets any account through, the operation decides who may
  // (the chair opens and closes, a state's delegate casts its ballot: tests/api/votes.test.mjs)
  'POST /api/v1/votes': { rule: 'writers', body: {} },
  'GET /api/v1/votes/{id}/tally': { rule: 'public', url: '/api/v1/votes/none/tally' },
  'PUT /api/v1/votes/{id}/ballots/{state}': { rule: 'writers', url: '/api/v1/votes/none/ballots/MAR', body: { choice: 'yes' } },
  'POST /api/v1/votes/{id}/close': { rule: 'writers', url: '/api/v1/votes/none/close' },
  // the implementation of decisions: views and feeds for everyone (each counting only what its
  // reader may read), mandates from a paragraph and the progress report taken back by the writers
  // of mandates (an empty list and a JSON body get a validation answer: nothing changes)
  'GET /api/v1/gap': { rule: 'public' },
  'GET /api/v1/deadlines.ics': { rule: 'public' },
  'GET /api/v1/late.atom': { rule: 'public' },
  'GET /api/v1/progress-report.csv': { rule: 'public' },
  'POST /api/v1/progress-report.csv': { rule: 'writers', body: {} },
  'POST /api/v1/paragraphs/{id}/mandates': { rule: 'writers', url: '/api/v1/paragraphs/53-45-pol-op-8/mandates', body: { mandates: [] } },
  'GET /api/v1/resolutions/{id}/progress': { rule: 'public', url: '/api/v1/resolutions/53-45-pol/progress' },
  'GET /api/v1/results/{id}/progress': { rule: 'public', url: '/api/v1/results/oic-2025/progress' },
  'GET /api/v1/mandates/{id}/progress': { rule: 'public', url: '/api/v1/mandates/53-45-pol-op-8-m1/progress' },
  // conflicts and early warning: aggregates, statistics, the forecast, the backtest and the feed
  // for everyone (each counting what its reader may read); imports, fitting, running the rules and
  // the alerts' life cycle decided by role in the operation (roles: who passes; a body that gets a
  // validation answer, so nothing changes)
  'GET /api/v1/country-months': { rule: 'public' },
  'GET /api/v1/admin1-months': { rule: 'public' },
  'POST /api/v1/imports/{dataset}': { rule: 'writers', url: '/api/v1/imports/acled', body: {}, roles: ['admin', 'analyst', 'secretariat'] },
  'GET /api/v1/forecast': { rule: 'public' },
  'POST /api/v1/forecast/fit': { rule: 'writers', roles: ['admin', 'analyst', 'secretariat'] },
  'GET /api/v1/forecast/backtest': { rule: 'public' },
  'GET /api/v1/stats/conflicts': { rule: 'public' },
  'GET /api/v1/stats/states': { rule: 'public' },
  'GET /api/v1/threads': { rule: 'public' },
  'GET /api/v1/alerts.atom': { rule: 'public' },
  // written only by their operations (imports, the alerts' life cycle): read like any record
  'GET /api/v1/event-imports': { rule: 'public' },
  'GET /api/v1/event-imports/{id}': { rule: 'public', url: '/api/v1/event-imports/none' },
  'GET /api/v1/alerts': { rule: 'public' },
  'GET /api/v1/alerts/{id}': { rule: 'public', url: '/api/v1/alerts/none' },
  'POST /api/v1/alerts': { rule: 'writers', body: {}, roles: ['admin', 'analyst', 'secretariat'] },
  'POST /api/v1/alerts/run': { rule: 'writers', roles: ['admin', 'analyst', 'secretariat'] },
  'POST /api/v1/alerts/{id}/{step}': { rule: 'writers', url: '/api/v1/alerts/none/acknowledge', body: {}, roles: ['admin', 'analyst', 'secretariat'] },
  // mediation: the stages are written by their action, read like any record; the code in force and a
  // process's dossier for everyone (the journal in it for its team); the decisions on the network,
  // signatures, stages and the matching decided by role in the operation, on the matrix's member
  // (nominated, the mediator's own) and process (the mediator on its team, not its lead), with
  // bodies that get a validation answer (no code adopted to sign: 409), so nothing changes
  'GET /api/v1/process-stages': { rule: 'public' },
  'GET /api/v1/process-stages/{id}': { rule: 'public', url: '/api/v1/process-stages/none' },
  'GET /api/v1/codes-of-conduct/current': { rule: 'public' },
  'GET /api/v1/processes/{id}/dossier': { rule: 'public', url: '/api/v1/processes/matrix-process/dossier' },
  'POST /api/v1/mediators/{id}/{decision}': { rule: 'writers', url: '/api/v1/mediators/matrix-own/decline', body: { reason: 'short' }, roles: ['admin', 'secretariat'] },
  'POST /api/v1/mediators/{id}/sign': { rule: 'writers', url: '/api/v1/mediators/matrix-own/sign', body: {}, roles: ['admin', 'secretariat', 'mediator'] },
  'POST /api/v1/processes/{id}/stage': { rule: 'writers', url: '/api/v1/processes/matrix-process/stage', body: { stage: 'nowhere' }, roles: ['admin', 'secretariat'] },
  // the matching reads the whole roster's declared interests: the secretariat's, asked of any account
  'GET /api/v1/processes/{id}/match': { rule: 'account', url: '/api/v1/processes/none/match', roles: ['admin', 'secretariat'] },
  // documents and search: the search for everyone (each finding only what they may read:
  // tests/api/search-access.test.mjs); a file imported by the writers of documents, with no
  // filename, which gets a validation answer, so nothing is stored
  'GET /api/v1/search': { rule: 'public', url: '/api/v1/search?q=mediation' },
  'POST /api/v1/documents/import': { rule: 'writers', url: '/api/v1/documents/import?kind=report', roles: ['admin', 'analyst', 'secretariat', 'mediator', 'outsider'] },
};

test('every other operation: allowed or refused by role', async () => {
  for (const { path, method, op } of operations()) {
    const m = collectionOf(path);
    if (m && fixtures[m[1]] && !(method === 'POST' && schema.entities.find((e) => e.collection === m[1]).actions)) continue; // records: the test above
    const key = `${method} ${path}`;
    const probe = probes[key];
    assert.ok(probe, `${key} has a probe in this test: add one for a new operation`);
    assert.equal(op['x-tansiq-access'], probe.rule, `${key} declares the documented rule`);
    for (const role of ROLES) {
      const r = await as(role, method, probe.url || path, probe.body);
      const rule = op['x-tansiq-access'];
      const refused = r.status === 401 || r.status === 403;
      let allowed;
      if (rule === 'public' || rule === 'anyone') allowed = true;
      else if (rule === 'account') allowed = role !== 'anonymous' && (!probe.roles || probe.roles.includes(role));
      else if (rule === 'admin') allowed = role === 'admin';
      else if (rule === 'writers') allowed = probe.roles ? probe.roles.includes(role) : role !== 'anonymous';
      else assert.fail(`${key}: rule ${rule} in a non-record operation`);
      if (rule === 'anyone') {
        // signing in and out take no credentials; a wrong password is refused for everyone alike
        if (method === 'POST') assert.equal(r.body?.code, 'bad-credentials', `${role} ${key}: ${r.text}`);
        continue;
      }
      assert.equal(!refused, allowed, `${role} ${key}: status ${r.status} ${r.text}`);
      if (refused) assert.equal(r.status, role === 'anonymous' ? 401 : 403, `${role} ${key}: 401 when anonymous, 403 otherwise`);
    }
  }
});
