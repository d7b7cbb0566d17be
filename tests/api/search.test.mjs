// GET /api/v1/search over the default data (issue 8's "Done when"): الوساطة finds the mediation
// documents, meetings and resolution 53/45-POL with its matched words marked, in any of its
// forms; English and French find the same resolution, shown in the reader's language; the query
// syntax (phrases, prefixes, OR, -word), the filters, facets that add up, pages without
// duplicates, parameters refused by name, and no query whatever its characters makes the server
// fail. The index follows every write (documents made, changed and deleted through the API, a
// resolution retitled), and a file imported through POST /api/v1/documents/import is found.
// Confidentiality: tests/api/search-access.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer, call, isProblem, namesField } from './server.mjs';

let srv;
const PW = 'a long enough password';
const sec = { authorization: 'Basic ' + Buffer.from(`se-sec:${PW}`).toString('base64') };

before(async () => {
  srv = await startServer();
  const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username: 'se-sec', roles: ['secretariat'], password: PW } });
  assert.equal(r.status, 201, r.text);
});
after(async () => { if (srv) await srv.stop(); });

/** GET /api/v1/search with these parameters (an object, or a query string), as headers say. */
function search(params, headers = {}) {
  const qs = typeof params === 'string' ? params : new URLSearchParams(params).toString();
  return call(srv, 'GET', `/api/v1/search?${qs}`, { headers });
}
/** The same, asserting 200: the body. */
async function found(params, headers = {}) {
  const r = await search(params, headers);
  assert.equal(r.status, 200, `search ${JSON.stringify(params)}: ${r.text.slice(0, 400)}`);
  return r.body;
}
const ids = (b) => b.items.map((h) => `${h.type}/${h.id}`);
const hitOf = (b, type, id) => b.items.find((h) => h.type === type && h.id === id);
const facet = (b, name) => Object.fromEntries(b.facets[name].map((x) => [x.value, x.count]));
const sum = (b, name) => b.facets[name].reduce((n, x) => n + x.count, 0);

// The Arabic a reader types and the index folds: diacritics and tatweel removed.
const fold = (s) => s.replace(/[\u064B-\u065F\u0670\u0640]/g, '');
const WASATA = /وساط/; // the stem of الوساطة, وساطة, بالوساطة, والوساطات, الوساطه

/** The snippets and marked titles alternate plain text and matches: the odd elements. */
function matches(hit) {
  const out = [];
  for (const arr of [hit.snippet, hit.title_marked]) {
    assert.ok(Array.isArray(arr), `${hit.type}/${hit.id}: snippet and title_marked are arrays: ${JSON.stringify(hit)}`);
    arr.forEach((s, i) => {
      assert.equal(typeof s, 'string', `${hit.type}/${hit.id}: segments are strings`);
      if (i % 2 === 1) out.push(s);
    });
  }
  return out;
}

test('الوساطة finds resolution 53/45-POL, the 2018 conference report and both conferences, the matched words marked', async () => {
  const b = await found({ q: 'الوساطة', limit: 100 });
  assert.equal(b.query, 'الوساطة');
  for (const want of ['resolutions/53-45-pol', 'documents/src-003-mediation-conference-2018',
    'meetings/mediation-conference-1', 'meetings/mediation-conference-2']) {
    assert.ok(ids(b).includes(want), `${want} among ${ids(b).join(', ')}`);
  }
  assert.equal(b.total, b.items.length, 'all on one page of 100');
  // the report's hit says what it is
  const report = hitOf(b, 'documents', 'src-003-mediation-conference-2018');
  assert.equal(report.kind, 'report');
  assert.equal(report.date, '2018-11-29');
  assert.equal(report.lang, 'ar');
  // every hit quotes at least one match, and every match is a form of وساطة
  for (const h of b.items) {
    const m = matches(h);
    assert.ok(m.length > 0, `${h.type}/${h.id} has a marked word: ${JSON.stringify(h.snippet)} ${JSON.stringify(h.title_marked)}`);
    for (const w of m) assert.match(fold(w), WASATA, `${h.type}/${h.id}: the marked "${w}" is a form of وساطة`);
    assert.equal(h.title_marked.join(''), h.title, `${h.type}/${h.id}: the marked title is the title`);
  }
  // ranked: scores do not increase down the list
  for (let i = 1; i < b.items.length; i++) assert.ok(b.items[i - 1].score >= b.items[i].score, 'ranked by score');
});

test('the other forms of the word find the same resolution: clitics, plural, ه for ة, diacritics, tatweel', async () => {
  const base = await found({ q: 'الوساطة', limit: 100 });
  for (const q of ['وساطة', 'بالوساطة', 'والوساطات', 'الوساطه', 'الوَساطة', 'الوســاطة', 'الوِسَاطَةُ']) {
    const b = await found({ q, limit: 100 });
    assert.ok(ids(b).includes('resolutions/53-45-pol'), `${q} finds 53-45-pol: ${ids(b).join(', ')}`);
    assert.ok(ids(b).includes('documents/src-003-mediation-conference-2018'), `${q} finds the 2018 report`);
    assert.deepEqual(new Set(ids(b)), new Set(ids(base)), `${q} finds what الوساطة finds`);
    for (const h of b.items) for (const w of matches(h)) assert.match(fold(w), WASATA, `${q}: marked "${w}"`);
  }
});

test('English and French find the resolution, shown in the reader\'s language', async () => {
  const res = (await call(srv, 'GET', '/api/v1/resolutions/53-45-pol')).body;
  for (const [q, lang, title] of [
    ['mediation', 'en', res.title_en], ['mediators', 'en', res.title_en],
    ['médiation', 'fr', res.title_fr], ['mediation', 'fr', res.title_fr], ['MÉDIATIONS', 'fr', res.title_fr],
  ]) {
    const b = await found({ q }, { 'accept-language': lang });
    const h = hitOf(b, 'resolutions', '53-45-pol');
    assert.ok(h, `${q} (${lang}) finds 53-45-pol: ${ids(b).join(', ')}`);
    assert.equal(h.lang, lang, `${q}: shown in ${lang}`);
    assert.equal(h.title, title, `${q}: its ${lang} title`);
    for (const x of b.items) {
      const m = matches(x);
      assert.ok(m.length > 0, `${q}: ${x.type}/${x.id} has a marked word`);
      for (const w of m) assert.match(w, /^m[ée]diat/i, `${q} (${lang}): marked "${w}"`);
    }
  }
  // the same query, the same server, two readers: the anonymous answer cache keeps them apart
  const en = hitOf(await found({ q: 'mediation' }, { 'accept-language': 'en' }), 'resolutions', '53-45-pol');
  const fr = hitOf(await found({ q: 'mediation' }, { 'accept-language': 'fr' }), 'resolutions', '53-45-pol');
  const ar = hitOf(await found({ q: 'mediation' }, { 'accept-language': 'ar' }), 'resolutions', '53-45-pol');
  assert.deepEqual([en.lang, fr.lang], ['en', 'fr']);
  assert.ok(ar, 'an Arabic reader finds it by the English word too');
});

test('a phrase keeps its words together and in order', async () => {
  const phrase = await found({ q: '"groupe de contact"', limit: 100 }, { 'accept-language': 'fr' });
  assert.ok(ids(phrase).includes('resolutions/53-45-pol'), ids(phrase).join(', '));
  for (const h of phrase.items) {
    assert.ok(matches(h).some((w) => /^groupe de contact$/i.test(w)), `${h.type}/${h.id}: the phrase marked whole: ${JSON.stringify(h.snippet)}`);
  }
  // the words apart are found more often than the phrase; not adjacent, the phrase finds nothing
  const words = await found({ q: 'amis groupe', limit: 100 });
  assert.ok(words.total > 0, 'amis and groupe are found');
  assert.equal((await found({ q: '"amis groupe"' })).total, 0, '"amis groupe" is no phrase of the texts');
  assert.equal((await found({ q: '"contact de groupe"' })).total, 0, 'the phrase keeps its order');
});

test('a prefix finds the words that begin so', async () => {
  const ar = await found({ q: 'وسا*', limit: 100 });
  assert.ok(ids(ar).includes('resolutions/53-45-pol'));
  for (const h of ar.items) for (const w of matches(h)) assert.match(fold(w), /وسا/, `وسا*: marked "${w}"`);
  const en = await found({ q: 'mediat*', limit: 100 }, { 'accept-language': 'en' });
  assert.equal(hitOf(en, 'resolutions', '53-45-pol')?.lang, 'en');
  assert.equal((await found({ q: 'mediat' })).total > 0, true);
  assert.equal((await found({ q: 'zzyzxq*' })).total, 0, 'a prefix of nothing finds nothing');
});

test('a prefix longer than the stem still finds the word (mediatio*, الوساط*)', {
  todo: 'lib/search: prefixes are matched against stems, so a prefix longer than the stem ("mediatio*" vs the stem "mediat") finds nothing',
}, async () => {
  const b = await found({ q: 'mediatio*' }, { 'accept-language': 'en' });
  assert.equal(hitOf(b, 'resolutions', '53-45-pol')?.lang, 'en', `mediatio* finds the resolution: ${ids(b).join(', ')}`);
  assert.ok(ids(await found({ q: 'الوساط*' })).includes('resolutions/53-45-pol'), 'الوساط* finds it');
});

async function all(q, extra = {}) {
  return found({ q, limit: 100, ...extra });
}

test('OR finds either, -word leaves out what has it', async () => {
  const a = await all('mediation');
  const b = await all('التعاون');
  const either = await all('mediation OR التعاون');
  const union = new Set([...ids(a), ...ids(b)]);
  assert.ok(either.total > a.total && either.total > b.total, 'more than either alone');
  assert.deepEqual(new Set(ids(either)), union, 'exactly the records of either');
  assert.equal(either.total, union.size);

  const wasata = await all('الوساطة');
  const both = await all('الوساطة الأوروبية');
  assert.ok(both.total > 0 && both.total < wasata.total, 'some texts have both words');
  const without = await all('الوساطة -الأوروبية');
  const want = ids(wasata).filter((x) => !ids(both).includes(x));
  assert.deepEqual(new Set(ids(without)), new Set(want), 'الوساطة without the texts that have الأوروبية');
  assert.equal(without.total, want.length);
  // words are all required
  for (const x of ids(both)) assert.ok(ids(wasata).includes(x), 'AND narrows');
});

test('filters: type, lang, kind, year and organ, each total as its facet counted', async () => {
  const b = await all('التعاون');
  assert.equal(sum(b, 'type'), b.total, 'the type facet adds up to the total');
  for (const name of ['type', 'lang', 'kind', 'year']) {
    assert.ok(b.facets[name].length > 0, `facet ${name} has values: ${JSON.stringify(b.facets)}`);
    for (const { value, count } of b.facets[name]) {
      const f = await all('التعاون', { [name]: value });
      assert.equal(f.total, count, `${name}=${value}: the total is the facet's count`);
      assert.equal(f.items.length, count);
      for (const h of f.items) {
        if (name === 'type') assert.equal(h.type, value);
        if (name === 'lang') assert.equal(h.lang, value);
        if (name === 'kind') assert.deepEqual([h.type, h.kind], ['documents', value]);
        if (name === 'year') assert.ok(h.type === 'documents' && h.date.startsWith(value), `year ${value}: ${h.date}`);
      }
      // a facet is counted under every filter but its own: its own values are still all there
      assert.deepEqual(f.facets[name], b.facets[name], `${name}=${value} keeps the ${name} facet`);
      if (name !== 'type') assert.equal(sum(f, 'type'), f.total, `${name}=${value}: the type facet adds up`);
    }
  }
  // the documents of the default data: five Arabic documents, kinds press, note, report
  const docs = await all('التعاون', { type: 'documents' });
  assert.equal(docs.total, 5);
  assert.deepEqual(facet(docs, 'kind'), { press: 3, note: 1, report: 1 });
  assert.equal((await all('التعاون', { lang: 'fr', type: 'documents' })).total, 0, 'no French document');
  assert.equal((await all('الوساطة', { kind: 'report', year: '2018' })).total, 1);
  assert.equal((await all('الوساطة', { kind: 'report', year: '2019' })).total, 0);
});

test('pages: limit and offset cut the same ranking, without duplicates or gaps', async () => {
  const whole = await all('التعاون');
  assert.ok(whole.total > 12, `enough hits to page (${whole.total})`);
  const seen = [];
  for (let offset = 0; offset < whole.total + 5; offset += 5) {
    const p = await found({ q: 'التعاون', limit: 5, offset });
    assert.equal(p.total, whole.total, `offset ${offset}: the same total`);
    assert.deepEqual(p.facets, whole.facets, `offset ${offset}: the same facets`);
    assert.ok(p.items.length <= 5);
    seen.push(...ids(p));
  }
  assert.equal(new Set(seen).size, seen.length, `no hit twice: ${seen.join(', ')}`);
  assert.deepEqual(seen, ids(whole), 'the pages put together are the one page');
  // the default page is 20
  assert.equal((await found({ q: 'التعاون' })).items.length, Math.min(20, whole.total));
});

test('pages of records found in several languages: no duplicates, none missing, in the reader\'s language', async () => {
  // a record is found in Arabic, English and French; the page shows it once, in the reader's
  // language when found in it: the pages put together must still be the one page
  for (const [q, lang] of [['mediation', 'en'], ['mediation', 'fr'], ['islamic OR islamique OR الإسلامي', 'en'], ['conference OR conférence OR مؤتمر', 'fr']]) {
    const headers = { 'accept-language': lang };
    const whole = await found({ q, limit: 100 }, headers);
    assert.ok(whole.total > 5 && whole.total === whole.items.length, `${q}: ${whole.total} hits`);
    for (const size of [1, 3]) {
      const seen = [];
      for (let offset = 0; offset < whole.total; offset += size) {
        seen.push(...ids(await found({ q, limit: size, offset }, headers)));
      }
      const dups = seen.filter((x, i) => seen.indexOf(x) !== i);
      const missing = ids(whole).filter((x) => !seen.includes(x));
      assert.deepEqual([dups, missing], [[], []], `${q} (${lang}) in pages of ${size}: duplicated ${dups.join(', ')}; missing ${missing.join(', ')}`);
      assert.deepEqual(seen, ids(whole), `${q} (${lang}) in pages of ${size}: the same order`);
    }
  }
});

test('bad parameters are refused with 400, naming the parameter', async () => {
  const cases = [
    ['', 'q'], ['q=', 'q'], ['q=%20%20', 'q'], ['q=!!!%20...%20%3F%20%2C', 'q'], ['q=-%20*%20%22%22', 'q'],
    [`q=${'a'.repeat(501)}`, 'q'], [`q=${'و'.repeat(251)}`, 'q'],
    ['q=mediation&colour=red', 'colour'], ['q=mediation&cursor=x', 'cursor'],
    ['q=mediation&lang=de', 'lang'], ['q=mediation&kind=memo', 'kind'], ['q=mediation&type=users', 'type'],
    ['q=mediation&type=votes', 'type'], ['q=mediation&year=abc', 'year'], ['q=mediation&year=99', 'year'],
    ['q=mediation&year=2018.5', 'year'], ['q=mediation&limit=0', 'limit'], ['q=mediation&limit=101', 'limit'],
    ['q=mediation&limit=ten', 'limit'], ['q=mediation&offset=-1', 'offset'], ['q=mediation&offset=x', 'offset'],
    ['q=mediation&offset=100000', 'offset'],
  ];
  for (const [qs, field] of cases) {
    const r = await search(qs);
    isProblem(assert, r, 400, `GET /api/v1/search?${qs.slice(0, 60)}`);
    assert.ok(namesField(r.body, field), `${qs.slice(0, 60)}: names ${field}: ${r.text.slice(0, 300)}`);
  }
  // 500 bytes are accepted (250 Arabic letters are 500 bytes)
  assert.equal((await search({ q: 'و'.repeat(250) })).status, 200);
  assert.equal((await search({ q: 'a'.repeat(500) })).status, 200);
});

test('a query of Arabic and typographic punctuation only is refused like any query without a word', async () => {
  for (const q of ['،؟', '« — »', '؛ … ،']) {
    const r = await search({ q });
    isProblem(assert, r, 400, `q=${q}`);
    assert.ok(namesField(r.body, 'q'));
  }
});

test('FTS5 syntax in the query never makes the server fail', async () => {
  const queries = [
    '"', '""', '"""', '*', '**', '(', ')', '()', ':', '^', 'NEAR', 'AND', 'OR', 'NOT', '-', '--', '+',
    'NEAR(mediation resolution)', 'NEAR(mediation resolution, 2)', 'title:mediation', '{title body}:mediation',
    '^mediation', 'mediation^', 'mediation AND', 'AND mediation', 'OR mediation', 'mediation OR', 'mediation NOT',
    'NOT mediation', '(mediation) AND (', 'mediation -', '- mediation', '-mediation', '-"مجلس" الوساطة',
    '* mediation', 'a*b', '"الوساطة', 'mediation"', '"mediation" : ^ NEAR AND - * ( )', 'mediation:*',
    '\\"; DROP TABLE search_items; --', "'", "mediation'", 'é*', '"*"', '"-"', '("', '")', '-(', 'OR OR OR',
    'mediation OR OR OR الوساطة', '-a -b -c', '"" -""', 'x'.repeat(129) + '*', 'ــــ', '\u200f\u200e',
    'm\u0000x', 'mediation\tresolution\nOR\rx', Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '),
    Array.from({ length: 40 }, () => '"a" OR').join(' '),
  ];
  for (const q of queries) {
    const r = await search({ q });
    assert.ok(r.status === 200 || r.status === 400, `q=${JSON.stringify(q)} -> ${r.status} ${r.text.slice(0, 300)}`);
    if (r.status === 400) {
      isProblem(assert, r, 400, `q=${JSON.stringify(q)}`);
      assert.ok(namesField(r.body, 'q'), `q=${JSON.stringify(q)}: names q`);
    } else {
      assert.equal(typeof r.body.total, 'number');
      assert.ok(Array.isArray(r.body.items));
      assert.equal(sum(r.body, 'type'), r.body.total, `q=${JSON.stringify(q)}: facets add up`);
    }
  }
  assert.ok(srv.alive(), 'the server still runs');
  // and the index is whole
  assert.ok((await found({ q: 'الوساطة' })).total > 0);
});

test('the answer is what the OpenAPI document describes', async () => {
  const doc = (await call(srv, 'GET', '/api/v1/openapi.json')).body;
  const schema = doc.paths['/api/v1/search'].get.responses['200'].content['application/json'].schema;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'https://tansiq.test/openapi.json', components: doc.components }, 'openapi');
  const validate = ajv.compile({ $id: 'https://tansiq.test/search.json', ...schema });
  for (const q of ['الوساطة', 'mediation', 'التعاون']) {
    const b = await found({ q, limit: 100 });
    assert.ok(validate(b), `${q}: ${JSON.stringify(validate.errors)}`);
  }
});

test('the index follows writes through the API: a document made, changed and deleted; a resolution retitled', async () => {
  const before = await found({ q: 'quillonwhistle' });
  assert.equal(before.total, 0);
  const c = await call(srv, 'POST', '/api/v1/documents', {
    headers: sec,
    body: { title: 'A note on the quillonwhistle', lang: 'en', kind: 'statement', date: '2021-03-04', organ: 'cfm', level: 'public', body: 'The delegates discussed the quillonwhistle at length, and brambleduck too.' },
  });
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  let b = await found({ q: 'quillonwhistle' });
  assert.deepEqual(ids(b), [`documents/${id}`]);
  assert.deepEqual([b.items[0].kind, b.items[0].date, b.items[0].organ, b.items[0].lang], ['statement', '2021-03-04', 'cfm', 'en']);
  assert.deepEqual(b.facets.organ, [{ value: 'cfm', count: 1 }]);
  assert.deepEqual(b.facets.year, [{ value: '2021', count: 1 }]);
  assert.equal((await found({ q: 'quillonwhistle', organ: 'cfm' })).total, 1, 'organ=cfm');
  assert.equal((await found({ q: 'quillonwhistle', organ: 'summit' })).total, 0, 'organ=summit');
  assert.equal((await found({ q: 'quillonwhistle', year: '2021', kind: 'statement', type: 'documents', lang: 'en' })).total, 1);
  assert.equal((await found({ q: 'brambleduck' })).total, 1, 'found by a word of its body');
  assert.ok(matches((await found({ q: 'brambleducks' })).items[0]).includes('brambleduck'), 'the plural finds it, the word marked');

  // its body changed: the old word is gone, the new one found
  const p = await call(srv, 'PATCH', `/api/v1/documents/${id}`, { headers: sec, body: { body: 'Now only the marmalotter is discussed.' } });
  assert.equal(p.status, 200, p.text);
  assert.equal((await found({ q: 'brambleduck' })).total, 0, 'the old word of the body is gone');
  assert.deepEqual(ids(await found({ q: 'marmalotter' })), [`documents/${id}`], 'the new word is found');
  assert.equal((await found({ q: 'quillonwhistle' })).total, 1, 'the title is still found');
  // its kind and date changed: the facets follow
  assert.equal((await call(srv, 'PATCH', `/api/v1/documents/${id}`, { headers: sec, body: { kind: 'note', date: '2019' } })).status, 200);
  b = await found({ q: 'marmalotter' });
  assert.deepEqual([facet(b, 'kind'), facet(b, 'year')], [{ note: 1 }, { 2019: 1 }]);
  assert.equal((await found({ q: 'marmalotter', kind: 'statement' })).total, 0);

  // deleted: gone
  const d = await call(srv, 'DELETE', `/api/v1/documents/${id}`, { headers: sec });
  assert.equal(d.status, 204, d.text);
  for (const q of ['marmalotter', 'quillonwhistle']) {
    const g = await found({ q });
    assert.equal(g.total, 0, `${q} is gone`);
    assert.deepEqual(g.facets.type, []);
  }

  // a resolution's English title changed: found by the new word, no more by the old one
  const res = (await call(srv, 'GET', '/api/v1/resolutions/53-45-pol')).body;
  const t = await call(srv, 'PATCH', '/api/v1/resolutions/53-45-pol', { auth: true, body: { title_en: `${res.title_en} and the zanderbloom` } });
  assert.equal(t.status, 200, t.text);
  const z = await found({ q: 'zanderbloom' }, { 'accept-language': 'en' });
  assert.deepEqual(ids(z), ['resolutions/53-45-pol']);
  assert.equal(z.items[0].lang, 'en');
  assert.deepEqual(z.items[0].title_marked.filter((_, i) => i % 2), ['zanderbloom']);
  assert.equal((await call(srv, 'PATCH', '/api/v1/resolutions/53-45-pol', { auth: true, body: { title_en: res.title_en } })).status, 200);
  assert.equal((await found({ q: 'zanderbloom' })).total, 0, 'and gone with the title put back');
  assert.ok(hitOf(await found({ q: 'mediation' }), 'resolutions', '53-45-pol'), 'the resolution is still found by its words');
});

// ---- POST /api/v1/documents/import ----

const ARABIC_TXT = 'تقرير عن مؤتمر الوساطة الثالث\n\nناقش المشاركون دور الوساطة في حل النزاعات، وأوصوا بإنشاء شبكة للوسطاء '
  + 'وبرنامج تدريب. وقد عرض الخبراء تجارب بلدانهم في الوساطة والمصالحة الوطنية، وأكدوا على أهمية الزنجبيلية في بناء السلام.\n';

async function docCount() {
  const r = await call(srv, 'GET', '/api/v1/documents?limit=1', { auth: true });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}
function importFile(params, raw, headers = sec) {
  const qs = new URLSearchParams(params).toString();
  return call(srv, 'POST', `/api/v1/documents/import?${qs}`, { headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, raw });
}

test('an Arabic text file imported is a document in Arabic, found by search', async () => {
  const n = await docCount();
  const r = await importFile({ filename: 'wasata-3.txt', kind: 'report', level: 'public' }, Buffer.from(ARABIC_TXT, 'utf8'));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.lang, 'ar', 'the language guessed from the text');
  assert.equal(r.body.format, 'text');
  assert.equal(r.body.kind, 'report');
  assert.equal(r.body.level, 'public');
  assert.equal(r.body.title, 'تقرير عن مؤتمر الوساطة الثالث', 'the title is the first line');
  assert.ok(r.body.body.includes('الزنجبيلية'), 'the body is the text');
  assert.equal(r.headers.get('location'), `/api/v1/documents/${r.body.id}`);
  assert.equal(await docCount(), n + 1);
  const got = await call(srv, 'GET', `/api/v1/documents/${r.body.id}`);
  assert.equal(got.status, 200, 'readable by the public, as its level says');
  for (const q of ['الزنجبيلية', 'زنجبيلية', 'والزنجبيلية']) {
    const b = await found({ q });
    assert.deepEqual(ids(b), [`documents/${r.body.id}`], `${q} finds the imported document`);
    assert.equal(b.items[0].lang, 'ar');
  }
  assert.ok(ids(await found({ q: 'الوساطة', limit: 100, type: 'documents' })).includes(`documents/${r.body.id}`));
  // the fields given as parameters win over the file's
  const t = await importFile({ filename: 'note.txt', title: 'عنوان آخر', kind: 'note' }, Buffer.from(ARABIC_TXT, 'utf8'));
  assert.equal(t.status, 201, t.text);
  assert.equal(t.body.title, 'عنوان آخر');
  assert.equal(t.body.level, 'members', 'the default level of a document');
});

test('an import without filename, with an empty body or a bad kind is refused, naming it, and stores nothing', async () => {
  const n = await docCount();
  const body = Buffer.from(ARABIC_TXT, 'utf8');
  const cases = [
    [{ kind: 'report' }, body, 'filename', [400]],
    [{ filename: '', kind: 'report' }, body, 'filename', [400]],
    [{ filename: 'empty.txt', kind: 'report' }, Buffer.alloc(0), 'body', [400, 422]],
    [{ filename: 'a.txt', kind: 'memo' }, body, 'kind', [400, 422]],
    [{ filename: 'a.txt', kind: 'report', level: 'top-secret' }, body, 'level', [400, 422]],
    [{ filename: 'a.txt', kind: 'report', colour: 'red' }, body, 'colour', [400]],
  ];
  for (const [params, raw, field, statuses] of cases) {
    const r = await importFile(params, raw);
    assert.ok(statuses.includes(r.status), `${JSON.stringify(params)} -> ${r.status} ${r.text.slice(0, 300)}`);
    isProblem(assert, r, r.status, JSON.stringify(params));
    assert.ok(namesField(r.body, field), `${JSON.stringify(params)}: names ${field}: ${r.text.slice(0, 300)}`);
  }
  assert.equal(await docCount(), n, 'nothing stored');
});

test('a file of blanks has no text to store, and stores nothing', async () => {
  const n = await docCount();
  const r = await importFile({ filename: 'blank.txt', kind: 'report' }, Buffer.from(' \n\n \t \n'));
  assert.ok([400, 422].includes(r.status), `${r.status} ${r.text.slice(0, 300)}`);
  assert.equal(await docCount(), n, 'nothing stored');
});

test('HTML, English and French files: the format and language told, the markup gone, found in their language', async () => {
  const html = '<!doctype html><html><head><title>La m&eacute;diation et le groupe de contact</title><style>p{color:red}</style>'
    + '<script>var hidden = "scriptword";</script></head><body><h1>Rapport</h1><p>Les États membres de l\'organisation ont discuté '
    + 'de la médiation, des médiateurs et de la fourmilière diplomatique.</p></body></html>';
  const h = await importFile({ filename: 'rapport.html', kind: 'report', level: 'public' }, Buffer.from(html, 'utf8'));
  assert.equal(h.status, 201, h.text);
  assert.deepEqual([h.body.format, h.body.lang, h.body.title], ['html', 'fr', 'La médiation et le groupe de contact']);
  assert.ok(!/[<>]|scriptword|color:red/.test(h.body.body), `no markup, script or style in the text: ${h.body.body}`);
  const fr = await found({ q: 'fourmilières' }, { 'accept-language': 'fr' });
  assert.deepEqual(ids(fr), [`documents/${h.body.id}`]);
  assert.equal((await found({ q: 'scriptword' })).total, 0, 'a script is not text');

  const en = 'Minutes of the contact group\n\nThe members of the organisation discussed the mediation process and the '
    + 'training of the mediators, with the help of the lanternfish programme.';
  const e = await importFile({ filename: 'minutes.md', kind: 'note', level: 'public' }, Buffer.from(en, 'utf8'));
  assert.equal(e.status, 201, e.text);
  assert.deepEqual([e.body.format, e.body.lang, e.body.title], ['text', 'en', 'Minutes of the contact group']);
  assert.deepEqual(ids(await found({ q: 'lanternfishes' })), [`documents/${e.body.id}`]);
});

test('an import is the writers\' of documents: a mediator imports for their team only, a delegate not at all', async () => {
  for (const [username, roles] of [['se-del', ['delegate']], ['se-med', ['mediator']]]) {
    const u = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, roles, password: PW, ...(roles[0] === 'delegate' ? { state: 'MAR' } : {}) } });
    assert.equal(u.status, 201, u.text);
  }
  assert.equal((await call(srv, 'POST', '/api/v1/teams', { auth: true, body: { id: 'se-team', name_en: 'Import team' } })).status, 201);
  assert.equal((await call(srv, 'POST', '/api/v1/team-members', { auth: true, body: { team: 'se-team', account: 'se-med', role: 'member' } })).status, 201);
  const as = (u) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${PW}`).toString('base64') });
  const file = Buffer.from('Notes of the team on the pepperwort question.', 'utf8');
  const n = await docCount();
  isProblem(assert, await importFile({ filename: 'a.txt', kind: 'note' }, file, {}), 401, 'anonymous');
  isProblem(assert, await importFile({ filename: 'a.txt', kind: 'note' }, file, as('se-del')), 403, 'a delegate');
  isProblem(assert, await importFile({ filename: 'a.txt', kind: 'note', level: 'members' }, file, as('se-med')), 403, 'a mediator, for no team');
  assert.equal(await docCount(), n, 'nothing stored');
  const ok = await importFile({ filename: 'a.txt', kind: 'note', level: 'restricted', team: 'se-team' }, file, as('se-med'));
  assert.equal(ok.status, 201, ok.text);
  assert.equal((await found({ q: 'pepperwort' }, as('se-med'))).total, 1, 'the team finds it');
  assert.equal((await found({ q: 'pepperwort' }, sec)).total, 0, 'the secretariat, off the team, does not');
  assert.equal((await found({ q: 'pepperwort' })).total, 0, 'nor the public');
});

test('a file that is not UTF-8 text is refused, naming the file, and stores nothing', async () => {
  const n = await docCount();
  const r = await importFile({ filename: 'latin1.txt', kind: 'note' }, Buffer.from([0x4d, 0xe9, 0x64, 0x69, 0x61, 0x74, 0x69, 0x6f, 0x6e, 0xff, 0xfe, 0x0a]));
  assert.ok([400, 422].includes(r.status), `${r.status} ${r.text.slice(0, 300)}`);
  isProblem(assert, r, r.status, 'a Latin-1 file');
  assert.equal(await docCount(), n, 'nothing stored');
});

test('a query of many words requires every one of them, the last too', async () => {
  const q = `${Array(32).fill('the').join(' ')} zzzzqqqword`;
  const r = await search({ q });
  if (r.status === 400) {
    assert.ok(namesField(r.body, 'q'), r.text);
  } else {
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.total, 0, 'no text has zzzzqqqword');
  }
});

test('the documents\' list filters on the language of the documents', async () => {
  const en = await call(srv, 'POST', '/api/v1/documents', { headers: sec, body: { title: 'An English note', lang: 'en', kind: 'note', level: 'public', body: 'Some text.' } });
  assert.equal(en.status, 201, en.text);
  const r = await call(srv, 'GET', '/api/v1/documents?lang=en&limit=100');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.length > 0 && r.body.items.every((d) => d.lang === 'en'), `only English documents: ${r.body.items.map((d) => d.lang).join(',')}`);
  const doc = (await call(srv, 'GET', '/api/v1/openapi.json')).body;
  const names = doc.paths['/api/v1/documents'].get.parameters.map((p) => `${p.in}:${p.name}`);
  assert.deepEqual(names.filter((x, i) => names.indexOf(x) !== i), [], 'no parameter declared twice');
});
