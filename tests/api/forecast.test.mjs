// The risk forecast over HTTP: fitting is for analysts, the secretariat and administrators
// (anonymous 401, a delegate 403), the forecast is 404 until a model is fitted, then its shape
// and figures on four years of field reports (Sudan and Somalia at war, Morocco and Senegal
// calm), a country alone, one without events, an unknown one; the backtest's shape and its
// parameter checked; every address documented in the OpenAPI document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, call, isProblem, namesField, tansiqBin } from './server.mjs';

let srv;
const PW = 'a long enough password';
const basic = (u) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${PW}`).toString('base64') });
const analyst = basic('fc-analyst');
const delegate = basic('fc-delegate');

/** 48 months x 4 countries of field reports, the same generator as tests/cli/t0210. */
function eventsCsv() {
  const lines = ['dataset,date,country,event_type,fatalities'];
  const c = ['SDN', 'SOM', 'MAR', 'SEN'];
  let s = 7;
  for (let m = 0; m < 48; m++) {
    for (let i = 0; i < 4; i++) {
      s = (s * 16807) % 2147483647; // Park-Miller: exact in doubles, as in awk
      const r = s % 100;
      const f = i < 2 ? (r < 10 ? 2 : 30 + r) : r % 6;
      lines.push(`field,${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-15,${c[i]},battles,${f}`);
    }
  }
  return lines.join('\n') + '\n';
}

before(async () => {
  srv = await startServer();
  for (const [username, roles, state] of [['fc-analyst', ['analyst']], ['fc-delegate', ['delegate'], 'SAU']]) {
    const r = await call(srv, 'POST', '/api/v1/users', { auth: true, body: { username, roles, state, password: PW } });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { if (srv) await srv.stop(); });

test('before any data: no model (404), fitting refused for lack of history (409) and for the wrong roles', async () => {
  const r = await call(srv, 'GET', '/api/v1/forecast');
  isProblem(assert, r, 404, 'forecast before fit');
  assert.match(r.body.detail, /forecast\/fit|forecast fit/);
  isProblem(assert, await call(srv, 'POST', '/api/v1/forecast/fit'), 401, 'anonymous fit');
  const d = await call(srv, 'POST', '/api/v1/forecast/fit', { headers: delegate });
  isProblem(assert, d, 403, 'a delegate fits');
  const a = await call(srv, 'POST', '/api/v1/forecast/fit', { headers: analyst });
  isProblem(assert, a, 409, 'an analyst fits on no data');
  assert.match(a.body.detail, /24 months/);
});

test('after four years of events: the fit, the forecast and the backtest', async () => {
  const file = path.join(srv.dataDir, 'events.csv');
  writeFileSync(file, eventsCsv());
  const imp = spawnSync(tansiqBin, ['import', 'events', file, '--data', srv.dataDir], { encoding: 'utf8' });
  assert.equal(imp.status, 0, imp.stderr);

  isProblem(assert, await call(srv, 'POST', '/api/v1/forecast/fit', { headers: delegate }), 403, 'a delegate still cannot');
  const fit = await call(srv, 'POST', '/api/v1/forecast/fit', { headers: analyst });
  assert.equal(fit.status, 200, fit.text);
  assert.equal(fit.body.through, '2023-12');
  assert.equal(fit.body.countries, 4);
  assert.deepEqual(fit.body.horizons.map((h) => h.h), [1, 2, 3, 4, 5, 6]);
  assert.equal(fit.body.horizons[0].rows, 144);
  assert.equal(typeof fit.body.horizons[0].coefficients.log_mean3, 'number');

  const fc = await call(srv, 'GET', '/api/v1/forecast');
  assert.equal(fc.status, 200, fc.text);
  assert.equal(fc.body.model.fitted_at, fit.body.fitted_at);
  assert.equal(fc.body.model.through, '2023-12');
  assert.equal(fc.body.through, '2023-12');
  assert.deepEqual(fc.body.items.map((i) => i.country), ['MAR', 'SDN', 'SEN', 'SOM']);
  for (const it of fc.body.items) {
    assert.deepEqual(it.horizons.map((h) => h.month), ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    for (const h of it.horizons) {
      assert.ok(h.p >= 0 && h.p <= 1, `${it.country} h=${h.h}: p ${h.p}`);
      assert.ok(h.expected >= 0, `${it.country} h=${h.h}: expected ${h.expected}`);
    }
  }
  const p1 = Object.fromEntries(fc.body.items.map((i) => [i.country, i.horizons[0].p]));
  assert.ok(p1.SDN > 0.5 && p1.SOM > 0.5, `at war: ${JSON.stringify(p1)}`);
  assert.ok(p1.MAR < 0.2 && p1.SEN < 0.2, `calm: ${JSON.stringify(p1)}`);
  assert.equal(fc.body.no_events.length, 6);

  const one = await call(srv, 'GET', '/api/v1/forecast?country=SOM');
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(one.body.items.map((i) => i.country), ['SOM']);
  assert.equal(one.body.items[0].horizons[0].p, p1.SOM);
  const none = await call(srv, 'GET', '/api/v1/forecast?country=FRA');
  assert.equal(none.status, 200, none.text);
  assert.equal(none.body.items[0].no_events, true);
  const unknown = await call(srv, 'GET', '/api/v1/forecast?country=XYZ');
  isProblem(assert, unknown, 404, 'an unknown country');
  assert.ok(namesField(unknown.body, 'country'), unknown.text);
  isProblem(assert, await call(srv, 'GET', '/api/v1/forecast?state=SDN'), 400, 'an unknown parameter');

  const bt = await call(srv, 'GET', '/api/v1/forecast/backtest?origins=12');
  assert.equal(bt.status, 200, bt.text);
  assert.equal(bt.body.origins, 12);
  assert.equal(bt.body.countries, 4);
  assert.equal(bt.body.horizons.length, 6);
  for (const h of bt.body.horizons) {
    assert.equal(h.n, 48);
    for (const who of ['model', 'persistence', 'historical']) {
      assert.equal(typeof h[who].brier, 'number', `h=${h.h} ${who}`);
      assert.equal(typeof h[who].auc, 'number', `h=${h.h} ${who}`);
    }
    assert.ok(h.model.auc > 0.8, `h=${h.h}: the model's AUC ${h.model.auc}`);
  }
  for (const bad of ['5', '121', 'ten', '']) {
    const r = await call(srv, 'GET', `/api/v1/forecast/backtest?origins=${bad}`);
    isProblem(assert, r, 400, `origins=${bad}`);
    assert.ok(namesField(r.body, 'origins'), r.text);
  }
  const long = await call(srv, 'GET', '/api/v1/forecast/backtest');
  isProblem(assert, long, 409, '24 origins on 48 months');
  assert.match(long.body.detail, /58 months/);
});

test('the addresses are in the OpenAPI document', async () => {
  const r = await call(srv, 'GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.ok(r.body.paths['/api/v1/forecast'].get);
  assert.ok(r.body.paths['/api/v1/forecast/fit'].post.responses['403']);
  assert.equal(r.body.paths['/api/v1/forecast/backtest'].get.parameters[0].name, 'origins');
});
