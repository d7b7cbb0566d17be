// The meetings as an iCalendar feed: GET /api/v1/calendar.ics?lang=ar|en|fr, read the way a
// calendar application reads it (ical.js): all-day events with an exclusive end, texts in the
// requested language, meetings without a day left out, and only the meetings the caller may
// read (confidentiality levels, as for the JSON lists).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startServer, call } from './server.mjs';

let srv;

const titleAr = 'الدورة التاسعة والتسعون لمجلس وزراء خارجية منظمة التعاون الإسلامي، دورة الوحدة والتضامن من أجل السلام';
const meetings = [
  {
    id: 'cfm-99', kind: 'ordinary', organ: 'cfm', session_number: 99,
    title_en: '99th session of the CFM', title_ar: titleAr, title_fr: '99e session du CMAE',
    place_en: 'Dhaka', start: '2031-05-05', end: '2031-05-06', status: 'planned', level: 'public',
  },
  {
    // known only by its month: no event
    id: 'cfm-98', kind: 'ordinary', organ: 'cfm', session_number: 98,
    title_en: '98th session of the CFM', title_ar: 'الدورة الثامنة والتسعون', title_fr: '98e session du CMAE',
    start: '2031-06', status: 'planned', level: 'public',
  },
  {
    id: 'cfm-97', kind: 'ordinary', organ: 'cfm', session_number: 97,
    title_en: '97th session of the CFM (closed)', title_ar: 'الدورة السابعة والتسعون', title_fr: '97e session du CMAE',
    start: '2031-12-31', status: 'planned', level: 'secretariat',
  },
  {
    id: 'cfm-96', kind: 'ordinary', organ: 'cfm', session_number: 96,
    title_en: '96th session of the CFM (members)', title_ar: 'الدورة السادسة والتسعون', title_fr: '96e session du CMAE',
    start: '2032-02-28', end: '2032-02-29', status: 'cancelled', level: 'members',
  },
];

const basic = (u, p) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64') });
const secretariat = basic('cal-secretariat', 'secretariat password');
const delegate = basic('cal-delegate', 'delegate password');

before(async () => {
  srv = await startServer();
  for (const m of meetings) {
    const r = await call(srv, 'POST', '/api/v1/meetings', { auth: true, body: m });
    assert.equal(r.status, 201, `POST /api/v1/meetings ${m.id}: ${r.text}`);
  }
  for (const [username, body] of [
    ['cal-secretariat', { roles: ['secretariat'], password: 'secretariat password' }],
    ['cal-delegate', { roles: ['delegate'], state: 'MAR', password: 'delegate password' }],
  ]) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, ...body } });
    assert.equal(r.status, 201, `POST /api/v1/users ${username}: ${r.text}`);
  }
});
after(async () => { if (srv) await srv.stop(); });

/** GETs the feed, checks its form, parses it with ical.js: { text, events (by meeting id) }. */
async function feed(query = '', headers = {}) {
  const r = await call(srv, 'GET', `/api/v1/calendar.ics${query}`, { headers });
  assert.equal(r.status, 200, `calendar.ics${query}: ${r.text.slice(0, 300)}`);
  assert.match(r.headers.get('content-type') || '', /^text\/calendar; ?charset=utf-8$/i);
  const text = r.text;
  // RFC 5545 3.1: CRLF after every line, none longer than 75 octets
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  for (const l of lines) {
    assert.ok(!/[\r\n]/.test(l), `a bare CR or LF in ${JSON.stringify(l)}`);
    assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `line of ${Buffer.byteLength(l, 'utf8')} octets: ${l}`);
    assert.ok(!l.includes('\uFFFD'), `a replacement character (a split character?) in ${l}`);
  }
  let cal;
  assert.doesNotThrow(() => { cal = new ICAL.Component(ICAL.parse(text)); }, 'ical.js parses the feed');
  assert.equal(cal.name, 'vcalendar');
  assert.equal(cal.getFirstPropertyValue('version'), '2.0');
  const events = new Map();
  for (const v of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(v);
    assert.match(e.uid, /@tansiq$/, `UID ${e.uid}`);
    const id = e.uid.replace(/@tansiq$/, '');
    assert.ok(!events.has(id), `${id} appears once`);
    events.set(id, e);
  }
  return { text, lines, cal, events };
}

const day = (t) => t.toString();

test('a meeting with a full start date is an all-day event with an exclusive end', async () => {
  const { events, cal } = await feed('?lang=en');
  const e = events.get('cfm-99');
  assert.ok(e, `cfm-99 is in the feed: ${[...events.keys()]}`);
  assert.equal(e.summary, '99th session of the CFM');
  assert.equal(e.location, 'Dhaka');
  assert.ok(e.startDate.isDate, 'DTSTART is a DATE, not a time');
  assert.ok(e.endDate.isDate, 'DTEND is a DATE, not a time');
  assert.equal(day(e.startDate), '2031-05-05');
  assert.equal(day(e.endDate), '2031-05-07', 'the meeting ends on the 6th: DTEND is the 7th');
  assert.equal(e.component.getFirstPropertyValue('status'), 'TENTATIVE');
  assert.equal(e.component.getFirstPropertyValue('categories'), 'CFM');
  assert.ok(e.component.getFirstPropertyValue('dtstamp'), 'DTSTAMP is present');
  assert.equal(cal.getFirstPropertyValue('method'), 'PUBLISH');
});

test('the texts are in the requested language, with English when one is missing', async () => {
  const ar = (await feed('?lang=ar')).events.get('cfm-99');
  assert.equal(ar.summary, titleAr, 'the Arabic title, folded and unfolded intact');
  assert.equal(ar.location, 'Dhaka', 'no Arabic place: the English one');
  assert.equal(day(ar.startDate), '2031-05-05');
  assert.equal(day(ar.endDate), '2031-05-07');
  const fr = (await feed('?lang=fr')).events.get('cfm-99');
  assert.equal(fr.summary, '99e session du CMAE');
  const en = (await feed('?lang=en')).events.get('cfm-99');
  assert.equal(en.summary, '99th session of the CFM');
});

test('the Arabic title is long enough to be folded, and no fold splits a letter', async () => {
  const { text, lines } = await feed('?lang=ar');
  const at = lines.findIndex((l) => l.startsWith('SUMMARY:') && l.includes('الدورة التاسعة'));
  assert.ok(at >= 0, 'the SUMMARY line of cfm-99');
  assert.ok(lines[at + 1].startsWith(' '), 'it continues on a folded line');
  assert.ok(text.includes(`SUMMARY:${titleAr.slice(0, 10)}`));
});

test('a meeting known only by its month is not in the feed', async () => {
  for (const lang of ['ar', 'en', 'fr']) {
    const { events, text } = await feed(`?lang=${lang}`);
    assert.ok(events.has('cfm-99'), `${lang}: cfm-99 is`);
    assert.ok(!events.has('cfm-98'), `${lang}: cfm-98 is not`);
    assert.ok(!text.includes('cfm-98'), `${lang}: not even its id`);
  }
});

test('a secretariat meeting is in a secretariat account\'s feed, not in the public\'s', async () => {
  const anon = await feed('?lang=en');
  assert.ok(!anon.events.has('cfm-97'), 'anonymous: no secretariat meeting');
  assert.ok(!anon.text.includes('closed'), 'anonymous: not even its title');
  assert.ok(!anon.events.has('cfm-96'), 'anonymous: no members meeting');

  const sec = await feed('?lang=en', secretariat);
  const e = sec.events.get('cfm-97');
  assert.ok(e, `secretariat: cfm-97 is there: ${[...sec.events.keys()]}`);
  assert.equal(e.summary, '97th session of the CFM (closed)');
  assert.equal(day(e.startDate), '2031-12-31');
  assert.equal(day(e.endDate), '2032-01-01', 'no end: one day, ending at the next year');
  assert.ok(sec.events.has('cfm-99'), 'secretariat: the public meetings too');
  assert.ok(sec.events.has('cfm-96'), 'secretariat: the members meetings too');

  // a delegate reads the members level, not the secretariat's
  const del = await feed('?lang=en', delegate);
  assert.ok(del.events.has('cfm-96'), 'delegate: the members meeting');
  assert.ok(!del.events.has('cfm-97'), 'delegate: no secretariat meeting');
  const m = del.events.get('cfm-96');
  assert.equal(day(m.startDate), '2032-02-28');
  assert.equal(day(m.endDate), '2032-03-01', 'ends on the leap day: DTEND is 1 March');
  assert.equal(m.component.getFirstPropertyValue('status'), 'CANCELLED');

  // the signed-in answers did not leak into the public's (a cached feed)
  const again = await feed('?lang=en');
  assert.ok(!again.events.has('cfm-97') && !again.events.has('cfm-96'), 'anonymous again: still hidden');
});

test('wrong credentials are refused, not read as the public', async () => {
  const r = await call(srv, 'GET', '/api/v1/calendar.ics?lang=en', { headers: basic('cal-secretariat', 'wrong password') });
  assert.equal(r.status, 401, r.text.slice(0, 300));
});
