// The implementation of decisions over HTTP, as the "Done when" says: the secretariat turns
// an operative paragraph of 53/45-POL into mandates, a delegate files a report for their state, and
// the resolution's progress and the gap change accordingly; bad reports are refused with a
// problem+json naming the field; reports are kept as filed (PATCH and DELETE: 405, Allow: GET);
// the progress report CSV taken back unchanged changes nothing; the deadline feed reads in ical.js
// and the lateness feed is valid Atom (RFC 4287, Appendix B's schema, with xmllint) with one entry
// per late mandate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ICAL from 'ical.js';
import { startServer, call, isProblem, namesField, repoRoot } from './server.mjs';

let srv;
const PW = 'a long enough password';
const basic = (u) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${PW}`).toString('base64') });
const sec = basic('impl-sec');
const delSau = basic('impl-del-sau');
const delTur = basic('impl-del-tur');
const RES = '53-45-pol';
const YEARLY = '53-45-pol-op-yearly-conferences-m1';

const iso = (d) => d.toISOString().slice(0, 10);
const today = () => iso(new Date());
/** The day after YYYY-MM-DD. */
const dayAfter = (d) => iso(new Date(Date.parse(`${d}T00:00:00Z`) + 86400000));

before(async () => {
  srv = await startServer();
  for (const [username, roles, state] of [
    ['impl-sec', ['secretariat']], ['impl-del-sau', ['delegate'], 'SAU'], ['impl-del-tur', ['delegate'], 'TUR'],
  ]) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, roles, state, password: PW } });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { if (srv) await srv.stop(); });

async function get(urlPath, headers = {}) {
  const r = await call(srv, 'GET', urlPath, { headers });
  assert.equal(r.status, 200, `GET ${urlPath}: ${r.text.slice(0, 400)}`);
  return r;
}
const progressOf = async (headers) => (await get(`/api/v1/resolutions/${RES}/progress`, headers)).body;
const gapOf = async (query = '', headers) => (await get(`/api/v1/gap${query}`, headers)).body;
const paragraph = (p, id) => {
  const x = p.paragraphs.find((q) => q.paragraph === id);
  assert.ok(x, `paragraph ${id} is in the roll-up`);
  return x;
};
const standing = async (id, headers) => (await get(`/api/v1/mandates/${id}/progress`, headers)).body.standing;

async function fileReport(headers, body) {
  return call(srv, 'POST', '/api/v1/implementation-reports', { headers, body });
}

test('a paragraph becomes mandates, a delegate reports, the progress and the gap follow', async () => {
  const p0 = await progressOf();
  const g0 = await gapOf();
  assert.equal(p0.counts.mandates, 7, "53/45-POL's seven mandates");
  assert.equal(p0.counts.reported, 5);
  assert.equal(p0.counts.implemented, 2);
  // two of seven paragraphs fully implemented, the others at 0: 28.6
  assert.ok(Math.abs(p0.progress - 200 / 7) < 0.06, `progress ${p0.progress}`);
  assert.equal(paragraph(p0, '53-45-pol-op-7').mandates.length, 1);

  // the secretariat turns paragraph 7 into two more mandates
  const para = (await get('/api/v1/paragraphs/53-45-pol-op-7')).body;
  const made = await call(srv, 'POST', '/api/v1/paragraphs/53-45-pol-op-7/mandates', { headers: sec, body: { mandates: [
    { addressee: 'state', addressee_state: 'SAU', due: '2019-06' },
    { addressee: 'all_states', due: '2019-06' },
  ] } });
  assert.equal(made.status, 201, made.text);
  assert.deepEqual(made.body.mandates.map((m) => m.id), ['53-45-pol-op-7-m2', '53-45-pol-op-7-m3']);
  for (const m of made.body.mandates) {
    assert.equal(m.paragraph, '53-45-pol-op-7');
    assert.equal(m.action_en, para.text_en, 'the paragraph\'s text is the action');
    assert.equal(m.action_ar, para.text_ar);
    assert.equal((await get(`/api/v1/mandates/${m.id}`)).body.due, '2019-06', 'stored');
  }
  const p1 = await progressOf();
  assert.equal(p1.counts.mandates, 9);
  assert.equal(paragraph(p1, '53-45-pol-op-7').mandates.length, 3);
  assert.equal(p1.progress, p0.progress, 'two mandates not started: paragraph 7 stays at 0');

  // Saudi Arabia's delegate reports its mandate implemented
  const r = await fileReport(delSau, { mandate: '53-45-pol-op-7-m2', status: 'implemented', reported_on: '2019-05-15',
    narrative_en: 'National mediators named' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.state, 'SAU', 'filed for the delegate\'s state');
  assert.equal(r.body.progress, 100, 'implemented is 100%');
  assert.ok(r.body.filed_at, 'the moment it was filed is kept');
  const p2 = await progressOf();
  assert.equal(p2.counts.reported, p0.counts.reported + 1);
  assert.equal(p2.counts.implemented, p0.counts.implemented + 1);
  // paragraph 7: (0 + 100 + 0) / 3; the resolution: (100 + 100 + 33.3) / 7
  assert.ok(Math.abs(paragraph(p2, '53-45-pol-op-7').progress - 100 / 3) < 0.06, `paragraph 7 at ${paragraph(p2, '53-45-pol-op-7').progress}`);
  assert.ok(Math.abs(p2.progress - (200 + 100 / 3) / 7) < 0.06, `progress ${p2.progress}`);
  assert.ok(p2.progress > p0.progress, 'the resolution moved forward');
  const m2 = paragraph(p2, '53-45-pol-op-7').mandates.find((m) => m.id === '53-45-pol-op-7-m2');
  assert.equal(m2.standing.status, 'implemented');
  assert.equal(m2.standing.late, false, 'implemented before its deadline');
  assert.equal(m2.addressee.key, 'state:SAU');
  assert.equal(m2.addressee.name_en, 'Saudi Arabia');

  // the gap: two more mandates, one more reported and implemented; every member state owes the
  // report to all of them
  const g1 = await gapOf();
  assert.equal(g1.counts.mandates, g0.counts.mandates + 2);
  assert.equal(g1.counts.reported, g0.counts.reported + 1);
  assert.equal(g1.counts.implemented, g0.counts.implemented + 1);
  assert.equal(g1.counts.due, g0.counts.due + 2);
  const sau = g1.groups.find((x) => x.key === 'state:SAU');
  assert.ok(sau, 'Saudi Arabia is a group');
  assert.equal(sau.counts.implemented, 1);
  assert.equal(sau.progress, 100);
  const members = (await get('/api/v1/states?status=member&limit=1000')).body.items.map((s) => s.id);
  assert.deepEqual(g1.silent_states.map((s) => s.state).sort(), [...members].sort(), 'no member state reported yet');
  assert.ok(g1.silent.some((s) => s.key === 'all_states'), 'all member states named among the silent addressees');
  // Saudi Arabia reports on the mandate to all member states: no longer silent
  const r2 = await fileReport(delSau, { mandate: '53-45-pol-op-7-m3', status: 'in_progress', progress: 40, reported_on: '2019-05-20' });
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.body.state, 'SAU');
  const g2 = await gapOf();
  assert.equal(g2.silent_states.length, members.length - 1);
  assert.ok(!g2.silent_states.some((s) => s.state === 'SAU'), 'Saudi Arabia reported');
  assert.ok(g2.silent_states.some((s) => s.state === 'TUR'), 'Türkiye did not');
  assert.ok(!g2.silent.some((s) => s.key === 'all_states'));
  // grouped by year and by organ
  const byYear = await gapOf('?by=year');
  assert.equal(byYear.by, 'year');
  assert.equal(byYear.groups.reduce((n, x) => n + x.counts.mandates, 0), g2.counts.mandates);
  const byOrgan = await gapOf('?by=organ');
  assert.ok(byOrgan.groups.some((x) => x.key === 'cfm'), 'the CFM adopted 53/45-POL');
  // the gap on a past day: the reports of May 2019 were not there in April
  const april = await gapOf('?on=2019-04-30');
  assert.equal(april.on, '2019-04-30');
  assert.equal(april.counts.reported, g0.counts.reported);
  // a filter that matches no mandate: nothing counted, no group
  const none = await gapOf('?addressee=state:MAR');
  assert.equal(none.counts.mandates, 0);
  assert.deepEqual([none.groups, none.years, none.silent, none.silent_states], [[], [], [], []]);
  assert.equal((await gapOf('?by=organ&year=1999')).groups.length, 0);
  // the mandate's own page
  const own = (await get('/api/v1/mandates/53-45-pol-op-7-m3/progress')).body;
  assert.equal(own.reports.length, 1);
  assert.equal(own.standing.reports, 1);
  assert.equal(own.addressee.key, 'all_states');
});

test('bad reports are refused with a problem naming the field, and nothing is filed', async () => {
  const count = async () => (await get('/api/v1/implementation-reports?limit=1', sec)).body.total;
  const n = await count();

  const unknown = await fileReport(delSau, { mandate: 'no-such-mandate', status: 'in_progress' });
  isProblem(assert, unknown, 422, 'a report on no mandate');
  assert.equal(unknown.body.code, 'unknown-reference');
  assert.equal(unknown.body.field, 'mandate', unknown.text);
  const unknownSec = await fileReport(sec, { mandate: 'no-such-mandate', status: 'in_progress' });
  isProblem(assert, unknownSec, 422, 'the same from the secretariat');
  assert.equal(unknownSec.body.field, 'mandate');

  const other = await fileReport(delTur, { mandate: '53-45-pol-op-7-m2', status: 'in_progress' });
  isProblem(assert, other, 403, 'a report on another state\'s mandate');
  assert.equal(other.body.code, 'forbidden');
  assert.equal(other.body.field, 'mandate', other.text);
  assert.match(other.body.detail, /Saudi Arabia/);

  const sg = await fileReport(delSau, { mandate: '53-45-pol-op-7-m1', status: 'in_progress' });
  isProblem(assert, sg, 403, 'a delegate on the Secretary-General\'s mandate');
  assert.ok(namesField(sg.body, 'mandate'), sg.text);

  const big = await fileReport(delSau, { mandate: '53-45-pol-op-7-m2', status: 'in_progress', progress: 140 });
  isProblem(assert, big, 422, 'progress 140');
  assert.equal(big.body.code, 'invalid-value');
  assert.equal(big.body.field, 'progress', big.text);

  const sixty = await fileReport(sec, { mandate: '53-45-pol-op-7-m1', status: 'implemented', progress: 60 });
  isProblem(assert, sixty, 422, 'implemented at 60%');
  assert.equal(sixty.body.field, 'progress');

  const future = await fileReport(sec, { mandate: '53-45-pol-op-7-m1', status: 'in_progress', reported_on: dayAfter(dayAfter(today())) });
  isProblem(assert, future, 422, 'a report dated in the future');
  assert.equal(future.body.field, 'reported_on');

  const anon = await fileReport({}, { mandate: '53-45-pol-op-7-m1', status: 'in_progress' });
  isProblem(assert, anon, 401, 'the anonymous public');

  assert.equal(await count(), n, 'no report was filed');
});

test('reports are kept as filed: PATCH and DELETE answer 405 with Allow: GET', async () => {
  const list = (await get('/api/v1/implementation-reports?mandate=53-45-pol-op-7-m2', sec)).body.items;
  assert.equal(list.length, 1);
  const id = list[0].id;
  for (const method of ['PATCH', 'DELETE']) {
    const r = await call(srv, method, `/api/v1/implementation-reports/${id}`, { headers: sec, body: method === 'PATCH' ? { progress: 50 } : undefined });
    isProblem(assert, r, 405, `${method} a report`);
    assert.equal(r.headers.get('allow'), 'GET', `${method}: Allow`);
    assert.equal(r.body.code, 'method-not-allowed');
    assert.match(r.body.detail, /kept as filed/);
    const admin = await call(srv, method, `/api/v1/implementation-reports/${id}`, { auth: true, body: method === 'PATCH' ? {} : undefined });
    assert.equal(admin.status, 405, `${method} as an administrator: ${admin.text}`);
  }
  const after = (await get(`/api/v1/implementation-reports/${id}`, sec)).body;
  assert.deepEqual(after, list[0], 'unchanged');
});

test('unknown and malformed parameters are refused with 400 naming them', async () => {
  for (const url of [
    '/api/v1/gap?colour=blue', `/api/v1/resolutions/${RES}/progress?colour=blue`, '/api/v1/results/oic-2025/progress?colour=blue',
    `/api/v1/mandates/${YEARLY}/progress?colour=blue`, '/api/v1/deadlines.ics?colour=blue', '/api/v1/late.atom?colour=blue',
    '/api/v1/progress-report.csv?colour=blue',
  ]) {
    const r = await call(srv, 'GET', url);
    isProblem(assert, r, 400, url);
    assert.equal(r.body.code, 'unknown-parameter', url);
    assert.equal(r.body.field, 'colour', url);
  }
  for (const [url, field] of [
    ['/api/v1/gap?by=nonsense', 'by'], ['/api/v1/gap?on=2019-02-30', 'on'], ['/api/v1/gap?year=18', 'year'],
    ['/api/v1/gap?addressee=everyone', 'addressee'], ['/api/v1/gap?organ=no-such-organ', 'organ'],
    [`/api/v1/resolutions/${RES}/progress?on=yesterday`, 'on'], ['/api/v1/late.atom?addressee=everyone', 'addressee'],
    ['/api/v1/deadlines.ics?addressee=state:', 'addressee'],
  ]) {
    const r = await call(srv, 'GET', url);
    isProblem(assert, r, 400, url);
    assert.equal(r.body.field, field, `${url}: ${r.text}`);
  }
  isProblem(assert, await call(srv, 'GET', '/api/v1/resolutions/no-such/progress'), 404, 'an unknown resolution');
  isProblem(assert, await call(srv, 'GET', '/api/v1/mandates/no-such/progress'), 404, 'an unknown mandate');
});

test('the progress report CSV: the same bytes back change nothing; a new status files one report', async () => {
  const csvHeaders = { ...sec, 'content-type': 'text/csv' };
  const first = await get('/api/v1/progress-report.csv', sec);
  assert.match(first.headers.get('content-type') || '', /^text\/csv/);
  const text = first.text;
  const rows = text.split(/\r?\n/).filter((l) => /^[a-z0-9-]+-m\d+,/.test(l)).length;
  const mandates = (await get('/api/v1/mandates?limit=1', sec)).body.total;
  assert.equal(rows, mandates, 'one row per mandate');
  const reportsBefore = (await get('/api/v1/implementation-reports?limit=1', sec)).body.total;

  const same = await call(srv, 'POST', '/api/v1/progress-report.csv', { headers: csvHeaders, raw: text });
  assert.equal(same.status, 200, same.text);
  assert.deepEqual(same.body, { rows, created: 0, updated: 0, unchanged: rows, reports: 0 });
  assert.equal((await get('/api/v1/implementation-reports?limit=1', sec)).body.total, reportsBefore);
  assert.equal((await get('/api/v1/progress-report.csv', sec)).text, text, 'exported again: the same bytes');

  // paragraph 4's mandate has no report: give it a status
  const line = /^53-45-pol-op-4-m1,.*,,,,(\r?)$/m;
  assert.match(text, line, 'the row of 53-45-pol-op-4-m1 with its four report columns empty');
  const changed = text.replace(line, (l, cr) => `${l.slice(0, l.length - cr.length - 4)},in_progress,20,2019-02-01,Unit staffed${cr}`);
  const once = await call(srv, 'POST', '/api/v1/progress-report.csv', { headers: csvHeaders, raw: changed });
  assert.equal(once.status, 200, once.text);
  assert.equal(once.body.reports, 1);
  assert.equal(once.body.unchanged, rows);
  const s = await standing('53-45-pol-op-4-m1');
  assert.equal(s.status, 'in_progress');
  assert.equal(s.progress, 20);
  assert.equal(s.last_report, '2019-02-01');
  const twice = await call(srv, 'POST', '/api/v1/progress-report.csv', { headers: csvHeaders, raw: changed });
  assert.equal(twice.body.reports, 0, 'the same file again files nothing');
  assert.equal((await get('/api/v1/implementation-reports?limit=1', sec)).body.total, reportsBefore + 1);
  assert.equal((await get('/api/v1/progress-report.csv', sec)).text, changed, 'the export says what was taken back');

  // refusals: not CSV; a bad progress, naming its line and column, with nothing filed
  const json = await call(srv, 'POST', '/api/v1/progress-report.csv', { headers: sec, body: { rows: [] } });
  isProblem(assert, json, 415, 'JSON to the CSV address');
  const bad = changed.replace(',in_progress,20,2019-02-01,', ',in_progress,140,2019-02-01,');
  const r = await call(srv, 'POST', '/api/v1/progress-report.csv', { headers: csvHeaders, raw: bad });
  isProblem(assert, r, 422, 'progress 140 in the CSV');
  assert.equal(r.body.field, 'progress');
  assert.equal(r.body.line, bad.split(/\r?\n/).findIndex((l) => l.includes(',140,')) + 1);
  assert.equal((await get('/api/v1/implementation-reports?limit=1', sec)).body.total, reportsBefore + 1);
  const anon = await call(srv, 'POST', '/api/v1/progress-report.csv', { headers: { 'content-type': 'text/csv' }, raw: text });
  isProblem(assert, anon, 401, 'the anonymous public');
});

// ---- the feeds ----

/** GETs the deadline feed, checks its form and parses it with ical.js: events by UID. */
async function deadlines(query = '', headers = {}) {
  const r = await get(`/api/v1/deadlines.ics${query}`, headers);
  assert.match(r.headers.get('content-type') || '', /^text\/calendar; ?charset=utf-8$/i);
  const text = r.text;
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  for (const l of text.slice(0, -2).split('\r\n')) {
    assert.ok(!/[\r\n]/.test(l), `a bare CR or LF in ${JSON.stringify(l)}`);
    assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `line of ${Buffer.byteLength(l, 'utf8')} octets: ${l}`);
  }
  let cal;
  assert.doesNotThrow(() => { cal = new ICAL.Component(ICAL.parse(text)); }, 'ical.js parses the feed');
  assert.equal(cal.name, 'vcalendar');
  assert.equal(cal.getFirstPropertyValue('version'), '2.0');
  const events = new Map();
  for (const v of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(v);
    assert.ok(!events.has(e.uid), `${e.uid} appears once`);
    assert.ok(e.startDate.isDate && e.endDate.isDate, `${e.uid}: all-day`);
    assert.equal(e.endDate.toString(), dayAfter(e.startDate.toString()), `${e.uid}: one day`);
    events.set(e.uid, e);
  }
  return { text, events };
}

const eventsOf = (events, mandate) => [...events.values()].filter((e) => e.uid.startsWith(`mandate-${mandate}-`));

test('the deadline feed reads in a calendar: each deadline of the year back and ahead, once', async () => {
  const { events } = await deadlines('?lang=en');
  // the yearly conferences: the anniversary reached and the next one
  const s = await standing(YEARLY);
  assert.ok(s.deadline && s.next_deadline, JSON.stringify(s));
  const days = eventsOf(events, YEARLY).map((e) => e.startDate.toString()).sort();
  assert.ok(days.includes(s.deadline), `${s.deadline} in ${days}`);
  assert.ok(days.includes(s.next_deadline), `${s.next_deadline} in ${days}`);
  const now = Date.parse(`${today()}T00:00:00Z`), year = 366 * 86400000;
  for (const d of days) assert.ok(Math.abs(Date.parse(`${d}T00:00:00Z`) - now) <= year, `${d} is within a year`);
  const e = eventsOf(events, YEARLY)[0];
  assert.equal(e.summary, 'Due: Hold the conference of OIC member states on mediation every year.');
  assert.equal(e.location, 'the OIC as a whole');
  // a deadline of 2019 is outside the window
  assert.equal(eventsOf(events, '53-45-pol-op-7-m2').length, 0);

  // a mandate due next month: one event, on the month's last day
  const next = new Date(Date.now() + 40 * 86400000);
  const month = next.toISOString().slice(0, 7);
  const last = iso(new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)));
  const made = await call(srv, 'POST', '/api/v1/paragraphs/53-45-pol-op-8/mandates', { headers: sec, body: { mandates: [
    { addressee: 'state', addressee_state: 'TUR', due: month, action_en: 'Offer a mediation course', action_ar: 'تقديم دورة في الوساطة' },
  ] } });
  assert.equal(made.status, 201, made.text);
  const id = made.body.mandates[0].id;
  const tur = await deadlines('?addressee=state:TUR&lang=en');
  assert.deepEqual([...tur.events.keys()], [`mandate-${id}-${last.replaceAll('-', '')}@tansiq`], 'only Türkiye\'s deadline');
  const ev = tur.events.get(`mandate-${id}-${last.replaceAll('-', '')}@tansiq`);
  assert.equal(ev.startDate.toString(), last);
  assert.equal(ev.summary, 'Due: Offer a mediation course');
  assert.equal(ev.location, 'Türkiye');
  const ar = await deadlines('?addressee=state:TUR&lang=ar');
  assert.equal([...ar.events.values()][0].summary, 'موعد نهائي: تقديم دورة في الوساطة');
  assert.equal((await deadlines('?addressee=state:MAR')).events.size, 0, 'Morocco has no mandate');
});

/** Validates XML against Appendix B of RFC 4287 with xmllint. */
function validateAtom(xml) {
  const schema = path.join(repoRoot, 'tests', 'api', 'fixtures', 'atom.rng');
  const r = spawnSync('xmllint', ['--noout', '--relaxng', schema, '-'], { input: xml, encoding: 'utf8' });
  assert.ok(!r.error, `xmllint could not run (${r.error && r.error.code}): install Debian's libxml2-utils`);
  assert.equal(r.status, 0, `the feed is not valid Atom (RFC 4287):\n${r.stderr}\n${xml.slice(0, 2000)}`);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** GETs the lateness feed, validates it and reads its entries. */
async function lateFeed(query = '', headers = {}) {
  const r = await get(`/api/v1/late.atom${query}`, headers);
  assert.match(r.headers.get('content-type') || '', /^application\/atom\+xml; ?charset=utf-8$/i);
  const xml = r.text;
  validateAtom(xml);
  const feedHead = xml.split('<entry>')[0];
  const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => {
    const one = (tag) => { const x = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(m[1]); return x && unescape(x[1]); };
    return {
      id: one('id'), title: one('title'), updated: one('updated'), content: one('content'), xml: m[1],
      alternate: /<link rel="alternate"[^>]*href="([^"]*)"/.exec(m[1])?.[1],
    };
  });
  // what the RFC's schema says in Schematron, which xmllint does not run
  assert.ok(/<author>/.test(feedHead) || entries.every((e) => /<author>/.test(e.xml)), 'the feed or every entry has an author');
  for (const e of entries) assert.ok(e.alternate || e.content !== null, `${e.id}: an alternate link or a content`);
  const updated = /<updated>([^<]*)<\/updated>/.exec(feedHead)[1];
  return { xml, entries, updated, lang: /<feed [^>]*xml:lang="([^"]*)"/.exec(xml)?.[1] };
}

const mandateOf = (entryId) => /^tag:tansiq,2018:mandate\/(.+)\/late\/(\d{4}-\d{2}-\d{2})$/.exec(entryId);

test('the lateness feed is valid Atom, with one entry per late mandate', async () => {
  // what the API says is late, mandate by mandate
  const all = (await get('/api/v1/mandates?limit=1000')).body.items;
  const late = new Map();
  for (const m of all) {
    const s = await standing(m.id);
    if (s.late) late.set(m.id, s.missed);
  }
  assert.ok(late.has(YEARLY), 'the yearly conferences: no report since the 2nd conference, years of anniversaries ago');
  assert.ok(late.has('53-45-pol-op-7-m3'), 'the mandate to all member states, due June 2019, only in progress');
  assert.equal(late.get('53-45-pol-op-7-m3'), '2019-06-30', 'due in June 2019: missed on its last day');
  assert.ok(!late.has('53-45-pol-op-7-m2'), 'implemented');

  const feed = await lateFeed('?lang=en');
  assert.equal(feed.lang, 'en');
  assert.equal(feed.entries.length, late.size, `one entry per late mandate: ${feed.entries.map((e) => e.id)}`);
  const ids = feed.entries.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, 'entry ids are unique');
  for (const e of feed.entries) {
    const m = mandateOf(e.id);
    assert.ok(m, `entry id ${e.id}`);
    assert.ok(late.has(m[1]), `${m[1]} is late`);
    assert.equal(m[2], late.get(m[1]), `${m[1]}: the deadline it missed`);
    assert.match(e.updated, RFC3339, `${e.id}: updated is RFC 3339`);
    assert.equal(new Date(e.updated).toISOString().replace('.000', ''), e.updated, `${e.id}: a real moment`);
    assert.equal(e.updated, `${dayAfter(m[2])}T00:00:00Z`, `${e.id}: late from the day after the deadline`);
    assert.equal(e.alternate, `/#/mandates/${m[1]}`);
    assert.ok(e.title.startsWith('Late: '), e.title);
  }
  const times = feed.entries.map((e) => Date.parse(e.updated));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  assert.match(feed.updated, RFC3339);
  assert.equal(feed.updated, feed.entries[0].updated, 'the feed was last updated by its newest entry');

  const yearly = feed.entries.find((e) => mandateOf(e.id)[1] === YEARLY);
  assert.equal(yearly.title, 'Late: Hold the conference of OIC member states on mediation every year.');
  assert.match(yearly.content, /the OIC as a whole — deadline \d{4}-\d{2}-\d{2} — last status: in progress/);
  const allStates = feed.entries.find((e) => mandateOf(e.id)[1] === '53-45-pol-op-7-m3');
  assert.equal(allStates.updated, '2019-07-01T00:00:00Z');

  // in Arabic and French: valid too
  const ar = await lateFeed('?lang=ar');
  assert.equal(ar.lang, 'ar');
  assert.equal(ar.entries.length, late.size);
  assert.ok(ar.entries.every((e) => e.title.startsWith('متأخر: ')), ar.entries.map((e) => e.title).join('\n'));
  assert.equal((await lateFeed('?lang=fr')).entries.length, late.size);
  // one addressee
  const oic = await lateFeed('?addressee=oic');
  assert.ok(oic.entries.length >= 1 && oic.entries.every((e) => /<category term="oic"\/>/.test(e.xml)));
  assert.equal((await lateFeed('?addressee=state:MAR')).entries.length, 0, 'an addressee without a mandate: an empty feed');

  // a late mandate the public may not read: only in the secretariat's feed
  const closed = await call(srv, 'POST', '/api/v1/mandates', { headers: sec, body: {
    paragraph: '53-45-pol-op-8', addressee: 'secretary_general', action_en: 'A confidential step', due: '2020', level: 'secretariat' } });
  assert.equal(closed.status, 201, closed.text);
  assert.ok(!(await lateFeed()).xml.includes(closed.body.id), 'not even its id for the public');
  const secFeed = await lateFeed('', sec);
  assert.ok(secFeed.entries.some((e) => mandateOf(e.id)[1] === closed.body.id), 'in the secretariat\'s feed');
  assert.equal(secFeed.entries.find((e) => mandateOf(e.id)[1] === closed.body.id).updated, '2021-01-01T00:00:00Z');

  // the 2026 conference is reported: the yearly mandate is no longer late
  const r = await fileReport(sec, { mandate: YEARLY, status: 'in_progress', reported_on: today(),
    narrative_en: 'The conference was held' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await standing(YEARLY)).late, false);
  const after = await lateFeed();
  assert.ok(!after.entries.some((e) => mandateOf(e.id)[1] === YEARLY), 'out of the feed once reported');
  assert.equal(after.entries.length, late.size - 1);
});
