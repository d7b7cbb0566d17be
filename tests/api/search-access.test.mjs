// Search and confidentiality (issue 8): "nobody finds, counts or sees a snippet of what they may
// not read". Documents with a word of their own at each level (public, members, secretariat,
// restricted to a team) and a restricted resolution and meeting; for each reader (anonymous,
// delegate, analyst, a mediator on the team, a mediator off it, the secretariat, an
// administrator) the hits, the total, every facet and every snippet hold exactly what the reader
// may read, and a word of what they may not read appears nowhere in the answer; the same
// through the type, kind, year, organ and lang filters. A document made secretariat is gone for
// the public at once (the anonymous answer cache serves nothing stale); one made restricted keeps
// out those off its team; a mediator who leaves the team no longer finds its records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call } from './server.mjs';

let srv;
const PW = 'a long enough password';
const READERS = ['anonymous', 'delegate', 'analyst', 'mediatorIn', 'mediatorOut', 'secretariat', 'admin'];
const accounts = {
  delegate: { username: 'sa-del', roles: ['delegate'], state: 'MAR' },
  analyst: { username: 'sa-ana', roles: ['analyst'] },
  mediatorIn: { username: 'sa-medin', roles: ['mediator'] },
  mediatorOut: { username: 'sa-medout', roles: ['mediator'] },
  secretariat: { username: 'sa-sec', roles: ['secretariat'] },
};
function headersOf(reader) {
  if (reader === 'anonymous') return {};
  if (reader === 'admin') return { authorization: srv.basic() };
  return { authorization: 'Basic ' + Buffer.from(`${accounts[reader].username}:${PW}`).toString('base64') };
}
// What each reader reads: the levels up to theirs, and the team's restricted records for its member.
const TOP = { anonymous: 0, delegate: 1, analyst: 1, mediatorIn: 1, mediatorOut: 1, secretariat: 2, admin: 3 };
const LEVELS = ['public', 'members', 'secretariat', 'restricted'];
const mayRead = (reader, level) => LEVELS.indexOf(level) <= TOP[reader] || (level === 'restricted' && reader === 'mediatorIn');

// Every record names the shared word and a word of its own, side by side, so that a snippet of
// the shared word would quote the other.
const SHARED = 'sharedmarker';
const records = [
  { key: 'pub', type: 'documents', level: 'public', word: 'plumbrake', kind: 'note', year: '2011', organ: null },
  { key: 'mem', type: 'documents', level: 'members', word: 'gorsewhip', kind: 'statement', year: '2012', organ: 'cfm' },
  { key: 'sec', type: 'documents', level: 'secretariat', word: 'tindlefrost', kind: 'communique', year: '2013', organ: 'summit' },
  { key: 'res', type: 'documents', level: 'restricted', word: 'quarrelmint', kind: 'press', year: '2014', organ: 'comcec' },
  { key: 'resolution', type: 'resolutions', level: 'restricted', word: 'velvetorch' },
  { key: 'meeting', type: 'meetings', level: 'restricted', word: 'cobaltwhisk' },
];
// an Arabic document for the secretariat: the Arabic search of الوساطة must not count or quote it
const AR_WORD = 'الزعفرانية';
const arDoc = { key: 'ar', type: 'documents', level: 'secretariat', kind: 'report', year: '2015' };
const ids = {}; // key -> id
const wasataBefore = {}; // reader -> total of الوساطة before the Arabic document

function search(reader, params) {
  return call(srv, 'GET', `/api/v1/search?${new URLSearchParams(params)}`, { headers: headersOf(reader) });
}
async function found(reader, params) {
  const r = await search(reader, params);
  assert.equal(r.status, 200, `${reader} ${JSON.stringify(params)}: ${r.text.slice(0, 300)}`);
  return r;
}
const facet = (b, name) => Object.fromEntries(b.facets[name].map((x) => [x.value, x.count]));
/** The answer without the query it echoes: where a word of the query may not appear. */
const answerText = (b) => JSON.stringify({ ...b, query: undefined });

before(async () => {
  srv = await startServer();
  for (const spec of Object.values(accounts)) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { ...spec, password: PW } });
    assert.equal(r.status, 201, r.text);
  }
  assert.equal((await call(srv, 'POST', '/api/v1/teams', { auth: true, body: { id: 'sa-team', name_en: 'The team' } })).status, 201);
  const m = await call(srv, 'POST', '/api/v1/team-members', { auth: true, body: { team: 'sa-team', account: 'sa-medin', role: 'member' } });
  assert.equal(m.status, 201, m.text);
  for (const reader of READERS) wasataBefore[reader] = (await found(reader, { q: 'الوساطة', limit: 100 })).body.total;

  for (const x of records) {
    const team = x.level === 'restricted' ? { team: 'sa-team' } : {};
    const text = `The ${SHARED} and the ${x.word} were discussed together.`;
    let r;
    if (x.type === 'documents') {
      r = await call(srv, 'POST', '/api/v1/documents', {
        auth: true,
        body: { title: `Note on the ${x.word}`, lang: 'en', kind: x.kind, date: `${x.year}-06-01`, organ: x.organ, level: x.level, body: text, ...team },
      });
    } else if (x.type === 'resolutions') {
      r = await call(srv, 'POST', '/api/v1/resolutions', { auth: true, body: { title_en: `Resolution on the ${x.word}`, summary_en: text, level: x.level, ...team } });
    } else {
      r = await call(srv, 'POST', '/api/v1/meetings', {
        auth: true,
        body: { id: 'sa-meeting', kind: 'other', title_en: `Meeting on the ${x.word}`, outcome_en: text, start: '2030-05-05', level: x.level, ...team },
      });
    }
    assert.equal(r.status, 201, `${x.key}: ${r.text}`);
    ids[x.key] = r.body.id;
  }
  const a = await call(srv, 'POST', '/api/v1/documents', {
    auth: true,
    body: { title: 'مذكرة داخلية', lang: 'ar', kind: arDoc.kind, date: '2015-02-02', level: arDoc.level, body: `ناقشت الأمانة الوساطة ونبتة ${AR_WORD} في اجتماع مغلق.` },
  });
  assert.equal(a.status, 201, a.text);
  ids.ar = a.body.id;
});
after(async () => { if (srv) await srv.stop(); });

test('the records were made as the test means them', async () => {
  for (const x of records) {
    const r = await call(srv, 'GET', `/api/v1/${x.type}/${ids[x.key]}`, { auth: true });
    assert.equal(r.body.level, x.level, `${x.key} at ${x.level}`);
  }
  // and the shared word is in the text a snippet quotes: the administrator's snippets show each word
  const b = (await found('admin', { q: SHARED, limit: 100 })).body;
  assert.equal(b.total, records.length);
  for (const x of records) {
    const h = b.items.find((i) => i.id === ids[x.key]);
    assert.ok(h, `${x.key} found by the administrator`);
    assert.ok(h.snippet.join('').includes(x.word) || h.title.includes(x.word), `${x.key}: its word is quoted: ${JSON.stringify(h)}`);
  }
});

test('each reader finds, counts and is quoted exactly what they may read', async () => {
  for (const reader of READERS) {
    const visible = records.filter((x) => mayRead(reader, x.level));
    const hidden = records.filter((x) => !mayRead(reader, x.level));
    const r = await found(reader, { q: SHARED, limit: 100 });
    const b = r.body;
    const what = `${reader} searching ${SHARED}`;
    assert.deepEqual(b.items.map((h) => `${h.type}/${h.id}`).sort(), visible.map((x) => `${x.type}/${ids[x.key]}`).sort(), `${what}: the hits`);
    assert.equal(b.total, visible.length, `${what}: the total`);
    const types = {};
    for (const x of visible) types[x.type] = (types[x.type] || 0) + 1;
    assert.deepEqual(facet(b, 'type'), types, `${what}: the type facet`);
    assert.deepEqual(facet(b, 'lang'), visible.length ? { en: visible.length } : {}, `${what}: the lang facet`);
    const docs = visible.filter((x) => x.type === 'documents');
    assert.deepEqual(facet(b, 'kind'), Object.fromEntries(docs.map((x) => [x.kind, 1])), `${what}: the kind facet`);
    assert.deepEqual(facet(b, 'year'), Object.fromEntries(docs.map((x) => [x.year, 1])), `${what}: the year facet`);
    assert.deepEqual(facet(b, 'organ'), Object.fromEntries(docs.filter((x) => x.organ).map((x) => [x.organ, 1])), `${what}: the organ facet`);
    for (const x of visible) assert.ok(r.text.includes(x.word), `${what}: the snippet quotes ${x.word}`);
    for (const x of hidden) {
      assert.ok(!r.text.includes(x.word), `${what}: ${x.word} (${x.level}) appears nowhere in the answer`);
      assert.ok(!r.text.includes(ids[x.key]), `${what}: the id of ${x.key} appears nowhere`);
    }

    // each record's own word: found by its readers only, and not even counted by the others
    for (const x of records) {
      const w = (await found(reader, { q: x.word })).body;
      if (mayRead(reader, x.level)) {
        assert.deepEqual(w.items.map((h) => h.id), [ids[x.key]], `${reader} finds ${x.word}`);
      } else {
        assert.equal(w.total, 0, `${reader} does not count ${x.word}`);
        assert.deepEqual(w.items, []);
        for (const f of Object.keys(w.facets)) assert.deepEqual(w.facets[f], [], `${reader} ${x.word}: facet ${f} is empty`);
        assert.ok(!answerText(w).includes(x.word), `${reader}: ${x.word} appears nowhere`);
      }
      // a prefix of the word and the word in a phrase, an OR, an exclusion: the same
      const forms = [`${x.word.slice(0, 6)}*`, `"the ${x.word}"`, `${x.word} OR zzzqqq`, `${SHARED} -zzzqqq ${x.word}`];
      for (const q of forms) {
        const f = (await found(reader, { q, limit: 100 })).body;
        assert.equal(f.items.some((h) => h.id === ids[x.key]), mayRead(reader, x.level), `${reader} q=${q}`);
        if (!mayRead(reader, x.level)) assert.ok(!answerText(f).includes(x.word), `${reader} q=${q}: ${x.word} appears nowhere`);
      }
    }
    // excluding what one may not read changes nothing to the count: nothing tells it is there
    for (const x of hidden) {
      assert.equal((await found(reader, { q: `${SHARED} -${x.word}`, limit: 100 })).body.total, visible.length,
        `${reader}: excluding ${x.word} tells nothing`);
    }
  }
});

test('the filters and the facets under them hide the same records', async () => {
  for (const reader of READERS) {
    for (const x of records.filter((d) => d.type === 'documents')) {
      const can = mayRead(reader, x.level);
      const filters = [{ type: 'documents' }, { kind: x.kind }, { year: x.year }, { lang: 'en' }, { kind: x.kind, year: x.year, type: 'documents' }];
      if (x.organ) filters.push({ organ: x.organ });
      for (const filter of filters) {
        const r = await found(reader, { q: SHARED, limit: 100, ...filter });
        const b = r.body;
        const what = `${reader} ${JSON.stringify(filter)} (${x.key})`;
        assert.equal(b.items.some((h) => h.id === ids[x.key]), can, `${what}: listed only when readable`);
        const expected = records.filter((d) => mayRead(reader, d.level) && (!filter.type || d.type === filter.type)
          && (!filter.kind || d.kind === filter.kind) && (!filter.year || d.year === filter.year)
          && (!filter.organ || d.organ === filter.organ));
        assert.equal(b.total, expected.length, `${what}: the total`);
        if (!can) {
          assert.ok(!r.text.includes(x.word), `${what}: ${x.word} appears nowhere`);
          assert.ok(!(x.kind in facet(b, 'kind')), `${what}: its kind is not counted`);
          assert.ok(!(x.year in facet(b, 'year')), `${what}: its year is not counted`);
          if (x.organ) assert.ok(!(x.organ in facet(b, 'organ')), `${what}: its organ is not counted`);
        } else {
          assert.ok(facet(b, 'kind')[x.kind] >= 1, `${what}: its kind is counted`);
        }
      }
    }
    // the restricted resolution and meeting through the type filter
    for (const x of records.filter((d) => d.type !== 'documents')) {
      const b = (await found(reader, { q: SHARED, type: x.type })).body;
      assert.equal(b.total, mayRead(reader, x.level) ? 1 : 0, `${reader} type=${x.type}`);
      const t = facet(b, 'type');
      assert.equal(t[x.type] || 0, mayRead(reader, x.level) ? 1 : 0, `${reader} type=${x.type}: the type facet`);
    }
  }
});

test('an Arabic search counts and quotes only the Arabic documents the reader may read', async () => {
  for (const reader of READERS) {
    const can = mayRead(reader, arDoc.level);
    const r = await found(reader, { q: 'الوساطة', limit: 100 });
    assert.equal(r.body.total, wasataBefore[reader] + (can ? 1 : 0), `${reader}: the total of الوساطة`);
    assert.equal(r.body.items.some((h) => h.id === ids.ar), can, `${reader}: listed`);
    assert.equal(r.text.includes(AR_WORD), can, `${reader}: ${AR_WORD} quoted only when readable`);
    const f = (await found(reader, { q: 'الوساطة', limit: 100, kind: 'report', year: '2015' })).body;
    assert.equal(f.total, can ? 1 : 0, `${reader}: kind=report year=2015`);
    const y = (await found(reader, { q: 'الوساطة', limit: 100 })).body;
    assert.equal('2015' in facet(y, 'year'), can, `${reader}: the year 2015 counted only when readable`);
    const w = (await found(reader, { q: 'زعفرانية' })).body;
    assert.equal(w.total, can ? 1 : 0, `${reader}: زعفرانية (another form) found only when readable`);
  }
});

test('a document made secretariat is gone for the public at once, cached answers included', async () => {
  const url = { q: 'plumbrake' };
  for (let i = 0; i < 2; i++) assert.equal((await found('anonymous', url)).body.total, 1, 'the public finds it (and the answer is cached)');
  const sharedBefore = (await found('anonymous', { q: SHARED })).body.total;
  const p = await call(srv, 'PATCH', `/api/v1/documents/${ids.pub}`, { auth: true, body: { level: 'secretariat' } });
  assert.equal(p.status, 200, p.text);
  const r = await found('anonymous', url);
  assert.equal(r.body.total, 0, 'the public no longer finds it');
  assert.ok(!answerText(r.body).includes('plumbrake'));
  const s = await found('anonymous', { q: SHARED });
  assert.equal(s.body.total, sharedBefore - 1, 'nor counts it');
  assert.ok(!s.text.includes('plumbrake'), 'nor quotes it');
  assert.equal((await call(srv, 'GET', `/api/v1/documents/${ids.pub}`)).status, 404, 'nor reads it');
  assert.equal((await found('delegate', url)).body.total, 0, 'a delegate neither');
  assert.equal((await found('secretariat', url)).body.total, 1, 'the secretariat does');

  // restricted to the team: only its member and the administrator
  const q = await call(srv, 'PATCH', `/api/v1/documents/${ids.pub}`, { auth: true, body: { level: 'restricted', team: 'sa-team' } });
  assert.equal(q.status, 200, q.text);
  for (const reader of READERS) {
    const can = reader === 'mediatorIn' || reader === 'admin';
    const b = await found(reader, url);
    assert.equal(b.body.total, can ? 1 : 0, `${reader} and the restricted document`);
    if (!can) assert.ok(!answerText(b.body).includes('plumbrake'), `${reader}: nowhere in the answer`);
    const t = (await found(reader, { q: SHARED, kind: 'note' })).body;
    assert.equal(t.total, can ? 1 : 0, `${reader}: kind=note`);
  }
  // back to public: the public finds it again
  assert.equal((await call(srv, 'PATCH', `/api/v1/documents/${ids.pub}`, { auth: true, body: { level: 'public', team: null } })).status, 200);
  assert.equal((await found('anonymous', url)).body.total, 1, 'public again');
});

test('a mediator who leaves the team no longer finds its records', async () => {
  assert.equal((await found('mediatorIn', { q: 'quarrelmint' })).body.total, 1);
  const list = await call(srv, 'GET', '/api/v1/team-members?team=sa-team&account=sa-medin', { auth: true });
  assert.equal(list.body.items.length, 1, list.text);
  const d = await call(srv, 'DELETE', `/api/v1/team-members/${list.body.items[0].id}`, { auth: true });
  assert.equal(d.status, 204, d.text);
  for (const word of ['quarrelmint', 'velvetorch', 'cobaltwhisk']) {
    const r = await found('mediatorIn', { q: word });
    assert.equal(r.body.total, 0, `${word} is gone for the former member`);
    assert.ok(!answerText(r.body).includes(word));
  }
  const back = await call(srv, 'POST', '/api/v1/team-members', { auth: true, body: { team: 'sa-team', account: 'sa-medin', role: 'member' } });
  assert.equal(back.status, 201, back.text);
  assert.equal((await found('mediatorIn', { q: 'quarrelmint' })).body.total, 1, 'and back on it, found again');
});

test('the paragraphs of a restricted resolution are read by no more readers than it', async () => {
  const p = await call(srv, 'POST', '/api/v1/paragraphs', { auth: true, body: { resolution: ids.resolution, number: 1, text_en: 'Calls for the zinnoberquartz' } });
  assert.equal(p.status, 201, p.text);
  for (const reader of READERS) {
    const r = await found(reader, { q: 'zinnoberquartz' });
    const can = reader === 'mediatorIn' || reader === 'admin';
    assert.equal(r.body.total, can ? 1 : 0, `${reader} and the restricted resolution's paragraph`);
    if (!can) assert.ok(!answerText(r.body).includes('zinnoberquartz'), `${reader}: nowhere in the answer`);
  }
  // a public resolution's paragraph follows the resolution when it is made secretariat-only
  const res = await call(srv, 'POST', '/api/v1/resolutions', { auth: true, body: { title_en: 'A resolution soon confidential', status: 'draft', level: 'public' } });
  assert.equal(res.status, 201, res.text);
  const q = await call(srv, 'POST', '/api/v1/paragraphs', { auth: true, body: { resolution: res.body.id, number: 1, text_en: 'Asks for the quillfeather' } });
  assert.equal(q.status, 201, q.text);
  assert.equal((await found('anonymous', { q: 'quillfeather' })).body.total, 1, 'public: found by anyone');
  const up = await call(srv, 'PATCH', `/api/v1/resolutions/${res.body.id}`, { auth: true, body: { level: 'secretariat' } });
  assert.equal(up.status, 200, up.text);
  const anon = await found('anonymous', { q: 'quillfeather' });
  assert.equal(anon.body.total, 0, 'the paragraph went with its resolution');
  assert.ok(!answerText(anon.body).includes('quillfeather'));
  assert.equal((await found('secretariat', { q: 'quillfeather' })).body.total, 1, 'the secretariat still finds it');
});
