// Talking to the Tansiq HTTP API: JSON requests with the session cookie, the CSRF
// header on writes, Accept-Language so error titles and hints come back in the
// interface language, and errors turned into ApiError carrying the problem document.

import { lang } from './i18n.js';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    const p = problem && typeof problem === 'object' ? problem : {};
    super(p.title || p.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = p;
  }
}

const session = { user: null, csrf: null, roles: [], state: null };
const listeners = new Set();

export function currentUser() { return session.user; }
/* The roles of the signed-in account (["delegate"], ["admin"], ...); none when signed out. */
export function currentRoles() { return session.roles.slice(); }
export function hasRole(role) { return session.roles.includes(role); }
export function hasAnyRole(...roles) { return roles.some((r) => session.roles.includes(r)); }
export function isAdmin() { return hasRole('admin'); }
/* The member state a delegate is bound to (ISO alpha-3), or null. */
export function currentState() { return session.state; }
export function onSessionChange(fn) { listeners.add(fn); }

function rolesOf(s) {
  if (Array.isArray(s.roles)) return s.roles.map(String);
  if (typeof s.role === 'string' && s.role) return s.role.split(',').map((r) => r.trim()).filter(Boolean);
  return [];
}

function setSession(s) {
  const before = `${session.user}|${session.roles.join(',')}|${session.state}`;
  if (s && typeof s === 'object' && s.username) {
    session.user = String(s.username);
    session.csrf = s.csrf ? String(s.csrf) : null;
    session.roles = rolesOf(s);
    session.state = s.state ? String(s.state) : null;
  } else {
    session.user = null;
    session.csrf = null;
    session.roles = [];
    session.state = null;
  }
  if (before !== `${session.user}|${session.roles.join(',')}|${session.state}`) {
    for (const fn of listeners) fn(session.user);
  }
}

/* Forgets the session locally (the server has ended it, e.g. after a password change). */
export function forgetSession() {
  setSession(null);
  clearCache();
}

/* body: a value sent as JSON, or a Blob (a File) sent as it is, typed contentType (a file's own
   type when not given). */
export async function request(method, path, body, contentType = null) {
  const headers = {
    'Accept': 'application/json, application/problem+json',
    'Accept-Language': lang(),
  };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? contentType || body.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) headers['X-Tansiq-CSRF'] = session.csrf;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined || raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { network: true });
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    // A write refused because the session has gone: forget it locally too. A wrong
    // password typed into a form (bad-credentials) does not end the session.
    const code = data && typeof data === 'object' ? data.code : null;
    if (res.status === 401 && method !== 'GET' && code !== 'bad-credentials' && !path.endsWith('/session')) setSession(null);
    throw new ApiError(res.status, data && typeof data === 'object' ? data : { detail: text.slice(0, 300) });
  }
  return data;
}

export const get = (path) => request('GET', path);

/* path?k=v&...: the parameters that are null, undefined or empty are left out. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/* ---- session ---- */

export async function loadSession() {
  try {
    setSession(await get(`${API}/session`));
  } catch {
    setSession(null);
  }
}

export async function signIn(username, password) {
  const s = await request('POST', `${API}/session`, { username, password });
  setSession(s);
  if (!session.user) setSession({ ...(s || {}), username });
  clearCache();
  return s;
}

export async function signOut() {
  try {
    await request('DELETE', `${API}/session`);
  } finally {
    setSession(null);
    clearCache();
  }
}

/* ---- my account, its API tokens; accounts and the audit log for administrators ---- */

export const getAccount = () => get(`${API}/account`);

/* Changes my password. The server ends every session of the account, this one too. */
export async function changePassword(currentPassword, newPassword) {
  const out = await request('PATCH', `${API}/account`, { current_password: currentPassword, new_password: newPassword });
  forgetSession();
  return out;
}

export const listTokens = () => get(`${API}/account/tokens`);
export const createToken = (name) => request('POST', `${API}/account/tokens`, { name });
export const revokeToken = (id) => request('DELETE', `${API}/account/tokens/${encodeURIComponent(id)}`);

export const listUsers = () => get(`${API}/users`);
export const getUser = (username) => get(`${API}/users/${encodeURIComponent(username)}`);
export const createUser = (body) => request('POST', `${API}/users`, body);
export async function updateUser(username, body) {
  const out = await request('PATCH', `${API}/users/${encodeURIComponent(username)}`, body);
  // Changing my own roles changes what I may see and do.
  if (username === session.user) await loadSession();
  return out;
}

/* One page of the audit log, newest first: {items, next_cursor}. */
export function auditPage(params = {}) {
  return get(withQuery(`${API}/audit`, params));
}

/* ---- records, with a small cache of records by collection and id ---- */

const cache = new Map(); // "coll/id" -> Promise<record|null>

export function clearCache() { cache.clear(); }

function remember(coll, rec) {
  if (rec && typeof rec === 'object' && rec.id !== undefined && rec.id !== null) {
    cache.set(`${coll}/${rec.id}`, Promise.resolve(rec));
  }
}

export function recordPath(coll, id) {
  return `${API}/${encodeURIComponent(coll)}/${encodeURIComponent(id)}`;
}

/* One record, or null when it does not exist. */
export function getRecord(coll, id) {
  const key = `${coll}/${id}`;
  if (!cache.has(key)) {
    const p = get(recordPath(coll, id)).catch((e) => {
      if (e instanceof ApiError && e.status === 404) return null;
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return cache.get(key);
}

/* The page size: 100 rows; if the server refuses that many, 50. */
let pageSize = 100;

function listUrl(coll, params) {
  return withQuery(`${API}/${encodeURIComponent(coll)}`, params);
}

/* One page of a collection: {items, total, next_cursor}. */
export async function list(coll, params = {}) {
  const p = { limit: pageSize, ...params };
  let data;
  try {
    data = await get(listUrl(coll, p));
  } catch (e) {
    const pr = e instanceof ApiError ? e.problem : {};
    const aboutLimit = pr.field === 'limit' || /limit/i.test(`${pr.detail || ''} ${pr.title || ''}`);
    if (e.status === 400 && aboutLimit && p.limit > 50 && !params.limit) {
      pageSize = 50;
      p.limit = 50;
      data = await get(listUrl(coll, p));
    } else {
      throw e;
    }
  }
  const items = Array.isArray(data) ? data : Array.isArray(data && data.items) ? data.items : [];
  for (const r of items) remember(coll, r);
  return {
    items,
    total: data && typeof data.total === 'number' ? data.total : items.length,
    next_cursor: (data && data.next_cursor) || null,
  };
}

/* Every record matching params, following next_cursor (capped for safety). */
export async function listAll(coll, params = {}, maxPages = 50) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < maxPages; i += 1) {
    const page = await list(coll, cursor ? { ...params, cursor } : params);
    out.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return out;
}

export async function createRecord(coll, body) {
  const rec = await request('POST', `${API}/${encodeURIComponent(coll)}`, body);
  clearCache();
  return rec;
}

export async function updateRecord(coll, id, body) {
  const rec = await request('PATCH', recordPath(coll, id), body);
  clearCache();
  return rec;
}

export async function deleteRecord(coll, id) {
  await request('DELETE', recordPath(coll, id));
  clearCache();
}

/* ---- meetings and votes: the operations beside the records ---- */

export function getQuorum(meeting) { return get(`${recordPath('meetings', meeting)}/quorum`); }
export function getTally(vote) { return get(`${recordPath('votes', vote)}/tally`); }
export function getCycles() { return get(`${API}/cycles`); }

/* Opening (consensus adopts at once) and closing change the draft too: the cache goes. */
export async function openVote(body) {
  const vote = await request('POST', `${API}/votes`, body);
  clearCache();
  return vote;
}

export async function closeVote(vote) {
  const closed = await request('POST', `${recordPath('votes', vote)}/close`);
  clearCache();
  return closed;
}

export function castBallot(vote, state, choice) {
  return request('PUT', `${recordPath('votes', vote)}/ballots/${encodeURIComponent(state)}`, { choice });
}

/* ---- implementation of decisions: roll-ups, the gap, mandates from a paragraph, reports ---- */

/* {on, resolution, progress, counts, paragraphs: [{paragraph, ..., mandates: [{..., standing}]}]} */
export function getResolutionProgress(id, on) { return get(withQuery(`${recordPath('resolutions', id)}/progress`, { on })); }
/* {on, mandate, addressee, standing, reports: [oldest first]} */
export function getMandateProgress(id, on) { return get(withQuery(`${recordPath('mandates', id)}/progress`, { on })); }
/* {result, kind, code, title_*, progress, counts, children: [...], mandates: [...]} */
export function getResultProgress(id, on) { return get(withQuery(`${recordPath('results', id)}/progress`, { on })); }
/* The commitment-implementation gap: params by, on, organ, category, addressee, resolution, year. */
export function getGap(params = {}) { return get(withQuery(`${API}/gap`, params)); }

/* The feeds and the yearly report, for links: deadlines (iCalendar) and late mandates (Atom), of
   one addressee (a key such as state:SAU) or of all; the progress report as CSV. */
export function feedUrl(kind, addressee) {
  if (kind === 'deadlines') return withQuery(`${API}/deadlines.ics`, { addressee });
  if (kind === 'late') return withQuery(`${API}/late.atom`, { addressee });
  return `${API}/progress-report.csv`;
}

/* Turns an operative paragraph into mandates, all or none: {mandates: [...]}. */
export async function mandatesFromParagraph(paragraph, mandates) {
  const out = await request('POST', `${recordPath('paragraphs', paragraph)}/mandates`, { mandates });
  clearCache();
  return out;
}

/* Files an implementation report (kept as filed: there is no update or delete). */
export async function fileReport(body) {
  const rec = await request('POST', `${API}/implementation-reports`, body);
  clearCache();
  return rec;
}

/* ---- conflicts: importing a dataset's file ---- */

/* Sends a CSV file as it is to POST /api/v1/imports/{dataset} (acled, ucdp-ged, ucdp-acd): the
   run's summary. */
export async function importFile(dataset, file, { skipInvalid = false } = {}) {
  const out = await request('POST', withQuery(`${API}/imports/${encodeURIComponent(dataset)}`, { skip_invalid: skipInvalid ? 'true' : null }), file, 'text/csv');
  clearCache();
  return out;
}
