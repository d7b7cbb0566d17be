// Reading states: the list, filters, sorting, cursor pagination, one record, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, fetchAllPages, isProblem, namesField } from './server.mjs';

let srv;
let all; // every state, read page by page with the default page size

before(async () => {
  srv = await startServer();
  all = (await fetchAllPages(srv, '/api/v1/states')).items;
});
after(async () => { if (srv) await srv.stop(); });

const ids = (items) => items.map((s) => s.id);

// Alphabetical order: accept code point order or a locale-aware English order,
// since the contract does not fix the collation; anything else is unsorted.
const collations = [
  (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  new Intl.Collator('en', { sensitivity: 'base' }).compare,
  (a, b) => { const x = a.toLowerCase(); const y = b.toLowerCase(); return x < y ? -1 : x > y ? 1 : 0; },
];
function sortedAlphabetically(values) {
  return collations.some((cmp) => values.every((v, i) => i === 0 || cmp(values[i - 1], v) <= 0));
}

test('GET /api/v1/states lists 57 members and suspended states, Syria suspended', () => {
  const seen = new Set(ids(all));
  assert.equal(seen.size, all.length, 'no id appears twice');
  const members = all.filter((s) => s.status === 'member' || s.status === 'suspended');
  assert.equal(members.length, 57, `members incl. suspended: ${members.length}`);
  const syr = all.find((s) => s.id === 'SYR');
  assert.ok(syr, 'SYR is listed');
  assert.equal(syr.status, 'suspended');
  assert.ok(syr.suspended_since, 'SYR has suspended_since');
  for (const id of ['SAU', 'PAK', 'IDN', 'TUR', 'EGY', 'NGA', 'MAR', 'MYS', 'BGD', 'PSE']) {
    assert.ok(seen.has(id), `${id} is a state`);
  }
  for (const s of all) {
    assert.match(s.id, /^[A-Z]{3}$/, `id ${s.id}`);
    assert.ok(['member', 'suspended', 'observer'].includes(s.status), `${s.id} status ${s.status}`);
    for (const f of ['name_ar', 'name_en', 'name_fr']) {
      assert.equal(typeof s[f], 'string', `${s.id}.${f}`);
      assert.ok(s[f].length > 0, `${s.id}.${f} not empty`);
    }
  }
});

test('the list has items, total and next_cursor; total counts every state', async () => {
  const r = await call(srv, 'GET', '/api/v1/states');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') || '', /^application\/json/);
  assert.ok(Array.isArray(r.body.items));
  assert.equal(r.body.total, all.length);
  assert.ok('next_cursor' in r.body, 'next_cursor present (null on the last page)');
});

test('filter by group=arab returns only Arab-group states, and all of them', async () => {
  const got = (await fetchAllPages(srv, '/api/v1/states?group=arab')).items;
  const expected = all.filter((s) => s.group === 'arab');
  assert.ok(expected.length > 0, 'some states are in the Arab group');
  assert.ok(got.every((s) => s.group === 'arab'), 'every returned state is arab');
  assert.deepEqual(ids(got).sort(), ids(expected).sort());
  assert.ok(ids(got).includes('SAU'));
  const r = await call(srv, 'GET', '/api/v1/states?group=arab&limit=5');
  assert.equal(r.body.total, expected.length, 'total is the filtered count');
  assert.ok(r.body.items.length <= 5);
});

test('filter by status=suspended returns Syria; status=observer excludes members', async () => {
  const sus = (await fetchAllPages(srv, '/api/v1/states?status=suspended')).items;
  assert.ok(ids(sus).includes('SYR'));
  assert.ok(sus.every((s) => s.status === 'suspended'));
  const obs = (await fetchAllPages(srv, '/api/v1/states?status=observer')).items;
  assert.ok(obs.every((s) => s.status === 'observer'));
  assert.equal(obs.length, all.filter((s) => s.status === 'observer').length);
  assert.ok(!ids(obs).includes('SAU'));
});

test('two filters combine (group=asian&status=member)', async () => {
  const got = (await fetchAllPages(srv, '/api/v1/states?group=asian&status=member')).items;
  const expected = all.filter((s) => s.group === 'asian' && s.status === 'member');
  assert.deepEqual(ids(got).sort(), ids(expected).sort());
});

test('sort=name_en gives alphabetical order over every page', async () => {
  const got = (await fetchAllPages(srv, '/api/v1/states?sort=name_en&limit=20')).items;
  assert.equal(got.length, all.length);
  const names = got.map((s) => s.name_en);
  assert.ok(sortedAlphabetically(names), `not alphabetical: ${names.join(' | ')}`);
});

test('sort=-accession_year gives newest first over every page', async () => {
  const got = (await fetchAllPages(srv, '/api/v1/states?sort=-accession_year&limit=20')).items;
  assert.equal(got.length, all.length);
  const years = got.map((s) => s.accession_year).filter((y) => y !== null && y !== undefined);
  assert.ok(years.length >= 50, 'accession years are known for the members');
  for (let i = 1; i < years.length; i++) {
    assert.ok(years[i - 1] >= years[i], `descending at ${i}: ${years[i - 1]} then ${years[i]}`);
  }
  // states without a year are grouped together at one end, not mixed in
  const nullAt = got.map((s, i) => (s.accession_year == null ? i : -1)).filter((i) => i >= 0);
  if (nullAt.length > 0) {
    const contiguous = nullAt.every((v, i) => i === 0 || v === nullAt[i - 1] + 1);
    const atEnd = nullAt[0] === 0 || nullAt[nullAt.length - 1] === got.length - 1;
    assert.ok(contiguous && atEnd, `unknown years at one end: positions ${nullAt}`);
  }
  const founders = got.filter((s) => s.accession_year === 1969).map((s) => s.id);
  assert.ok(founders.includes('SAU'), 'Saudi Arabia is a founding member (1969)');
});

test('cursor pagination with limit=10 visits every state exactly once', async () => {
  const { pages, items, totals } = await fetchAllPages(srv, '/api/v1/states?limit=10');
  assert.equal(pages.length, Math.ceil(all.length / 10), 'number of pages');
  for (const [i, p] of pages.entries()) {
    assert.ok(p.items.length <= 10, `page ${i} has ${p.items.length} items`);
    if (i < pages.length - 1) {
      assert.equal(p.items.length, 10, `page ${i} is full`);
      assert.equal(typeof p.next_cursor, 'string');
    }
  }
  assert.equal(pages[pages.length - 1].next_cursor, null, 'last page next_cursor is null');
  assert.ok(totals.every((t) => t === all.length), `total on every page = ${all.length}: ${totals}`);
  const seen = ids(items);
  assert.equal(new Set(seen).size, seen.length, 'no state twice');
  assert.deepEqual([...seen].sort(), ids(all).sort(), 'every state once');
});

test('a bad cursor is a 400 problem', async () => {
  const r = await call(srv, 'GET', '/api/v1/states?limit=10&cursor=zzzz-not-a-cursor');
  isProblem(assert, r, 400, 'bad cursor');
});

test('GET /api/v1/states/SAU returns the record', async () => {
  const r = await call(srv, 'GET', '/api/v1/states/SAU');
  assert.equal(r.status, 200);
  assert.equal(r.body.id, 'SAU');
  assert.equal(r.body.name_en, 'Saudi Arabia');
  assert.equal(r.body.iso2, 'SA');
  assert.equal(r.body.status, 'member');
  assert.equal(r.body.group, 'arab');
  assert.deepEqual(r.body, all.find((s) => s.id === 'SAU'), 'same record as in the list');
});

test('GET an unknown id is a 404 problem+json with every field', async () => {
  const r = await call(srv, 'GET', '/api/v1/states/QQQ');
  isProblem(assert, r, 404, 'GET /states/QQQ');
  assert.equal(r.body.type, `/problems/${r.body.code}`, 'type is /problems/<code>');
  assert.equal(typeof r.body.hint, 'string');
  assert.ok(r.body.hint.length > 0, 'hint is not empty');
  assert.ok(r.body.detail.includes('QQQ'), `detail names the id: ${r.body.detail}`);
});

test('an unknown collection is a 404 problem', async () => {
  const r = await call(srv, 'GET', '/api/v1/planets');
  isProblem(assert, r, 404, 'GET /planets');
});

test('an unknown query parameter is a 400 naming it', async () => {
  const r = await call(srv, 'GET', '/api/v1/states?colour=green');
  isProblem(assert, r, 400, '?colour=green');
  assert.ok(namesField(r.body, 'colour') || JSON.stringify(r.body).includes('colour'),
    `names the parameter: ${r.text}`);
});

test('bad limit values are 400', async () => {
  for (const v of ['abc', '0', '-5', '10x']) {
    const r = await call(srv, 'GET', `/api/v1/states?limit=${v}`);
    isProblem(assert, r, 400, `limit=${v}`);
    assert.ok(JSON.stringify(r.body).includes('limit'), `names limit (limit=${v}): ${r.text}`);
  }
});

test('sorting by an unknown field is a 400', async () => {
  const r = await call(srv, 'GET', '/api/v1/states?sort=colour');
  isProblem(assert, r, 400, 'sort=colour');
});

test('q searches the names', async () => {
  const got = (await fetchAllPages(srv, '/api/v1/states?q=Arabia')).items;
  assert.ok(ids(got).includes('SAU'), `q=Arabia finds SAU: ${ids(got)}`);
  assert.ok(!ids(got).includes('PAK'), 'q=Arabia does not find PAK');
});

test('problem titles follow Accept-Language and ?lang=', async () => {
  const ar = await call(srv, 'GET', '/api/v1/states/QQQ', { headers: { 'accept-language': 'ar' } });
  isProblem(assert, ar, 404, 'ar');
  assert.match(ar.body.title, /[\u0600-\u06FF]/, `Arabic title: ${ar.body.title}`);
  const en = await call(srv, 'GET', '/api/v1/states/QQQ', { headers: { 'accept-language': 'en' } });
  assert.doesNotMatch(en.body.title, /[\u0600-\u06FF]/, `English title: ${en.body.title}`);
  assert.match(en.body.title, /[A-Za-z]/);
  const q = await call(srv, 'GET', '/api/v1/states/QQQ?lang=ar');
  assert.match(q.body.title, /[\u0600-\u06FF]/, `?lang=ar title: ${q.body.title}`);
  const fr = await call(srv, 'GET', '/api/v1/states/QQQ', { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
  assert.doesNotMatch(fr.body.title, /[\u0600-\u06FF]/);
});

test('security headers are sent on records and on errors', async () => {
  for (const p of ['/api/v1/states', '/api/v1/states/SAU', '/api/v1/states/QQQ']) {
    const r = await call(srv, 'GET', p);
    assert.ok(r.headers.get('content-security-policy'), `${p}: Content-Security-Policy`);
    assert.equal((r.headers.get('x-content-type-options') || '').toLowerCase(), 'nosniff',
      `${p}: X-Content-Type-Options`);
  }
});

test('schema and summary answer with JSON', async () => {
  const s = await call(srv, 'GET', '/api/v1/schema');
  assert.equal(s.status, 200);
  assert.ok(s.body && typeof s.body === 'object');
  assert.ok(JSON.stringify(s.body).includes('accession_year'), 'schema describes the state fields');
  const m = await call(srv, 'GET', '/api/v1/summary');
  assert.equal(m.status, 200);
  assert.ok(m.body && typeof m.body === 'object');
});
