// The OpenAPI document: valid OpenAPI 3.1, covers every collection, and describes the real records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer, call, fetchAllPages } from './server.mjs';

const COLLECTIONS = ['states', 'organisations', 'partnerships', 'partnership-events', 'organs',
  'persons', 'offices', 'office-terms', 'contact-groups', 'contact-group-members'];

let srv;
let doc;
before(async () => {
  srv = await startServer();
  const r = await call(srv, 'GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200, `GET /api/v1/openapi.json -> ${r.status}`);
  assert.match(r.headers.get('content-type') || '', /^application\/(vnd\.oai\.openapi\+)?json/);
  doc = r.body;
});
after(async () => { if (srv) await srv.stop(); });

test('the document is valid OpenAPI and declares 3.1.x', async () => {
  assert.ok(doc && typeof doc === 'object', 'JSON object');
  assert.match(String(doc.openapi), /^3\.1\.\d+$/);
  const v = new Validator();
  const res = await v.validate(structuredClone(doc));
  assert.ok(res.valid, JSON.stringify(res.errors, null, 1));
  assert.match(v.version, /^3\.1/);
});

// Paths may be written in full (/api/v1/states) or relative to a server URL ending in /api/v1.
function pathFor(collection, item) {
  const keys = Object.keys(doc.paths || {});
  const re = item
    ? new RegExp(`^(/api/v1)?/${collection}/\\{[^}]+\\}$`)
    : new RegExp(`^(/api/v1)?/${collection}$`);
  return keys.find((k) => re.test(k));
}

test('there is a path for every collection and for its records', () => {
  for (const c of COLLECTIONS) {
    const list = pathFor(c, false);
    assert.ok(list, `path for /${c}; paths are: ${Object.keys(doc.paths || {}).join(', ')}`);
    assert.ok(doc.paths[list].get, `GET /${c}`);
    assert.ok(doc.paths[list].post, `POST /${c}`);
    const item = pathFor(c, true);
    assert.ok(item, `path for /${c}/{id}`);
    for (const m of ['get', 'patch', 'delete']) assert.ok(doc.paths[item][m], `${m.toUpperCase()} /${c}/{id}`);
  }
  const keys = Object.keys(doc.paths);
  for (const p of ['session', 'summary', 'schema']) {
    assert.ok(keys.some((k) => new RegExp(`^(/api/v1)?/${p}$`).test(k)), `path for /${p}`);
  }
});

function ajvFor() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // Keep the document's JSON pointers (#/components/schemas/...) valid by giving the
  // components their original place under a base URI.
  ajv.addSchema({ $id: 'https://tansiq.test/openapi.json', components: doc.components }, 'openapi');
  return ajv;
}

test('every state returned by GET /api/v1/states validates against the State schema', async () => {
  assert.ok(doc.components?.schemas?.State, `components.schemas.State; schemas are: ${Object.keys(doc.components?.schemas || {}).join(', ')}`);
  const validate = ajvFor().getSchema('https://tansiq.test/openapi.json#/components/schemas/State');
  assert.ok(validate, 'State schema compiles');
  const { items } = await fetchAllPages(srv, '/api/v1/states');
  assert.ok(items.length >= 57);
  const failures = [];
  for (const s of items) {
    if (!validate(s)) failures.push(`${s.id}: ${JSON.stringify(validate.errors)}`);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the State schema is not vacuous: it declares the fields, the status enum and types', async () => {
  const validate = ajvFor().getSchema('https://tansiq.test/openapi.json#/components/schemas/State');
  const sau = (await call(srv, 'GET', '/api/v1/states/SAU')).body;
  assert.equal(validate(sau), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...sau, status: 'not-a-status' }), false, 'status enum declared');
  assert.equal(validate({ ...sau, accession_year: 'nineteen' }), false, 'accession_year type declared');
  const props = Object.keys(doc.components.schemas.State.properties || {});
  for (const f of Object.keys(sau)) assert.ok(props.includes(f), `State schema declares ${f}`);
});

test('the list response of states refers to the State schema', () => {
  const p = doc.paths[pathFor('states', false)];
  const s = JSON.stringify(p.get.responses?.['200'] ?? {});
  assert.ok(s.includes('State') || s.includes('#/components/'), `GET /states 200 response: ${s.slice(0, 400)}`);
});
