// Who may change what, as far as the interface needs to know: the write controls (New
// record, Edit, Delete, Add) are shown only to accounts whose roles may use them. The
// server decides in the end; this only spares the user buttons that would be refused.
//
// The writer roles of each collection come from the OpenAPI document the server serves
// (x-tansiq-writers on the POST, PATCH and DELETE operations: {roles, owner, team}); when
// it cannot be read, the secretariat and administrators write, as the server's default.

import { get, API, currentUser, currentRoles, currentState } from './api.js';

const DEFAULT = { roles: ['secretariat', 'admin'], owner: null, team: false };
const writers = new Map(); // collection -> {roles, owner, team}
let loading = null;

/* Reads the writer roles once (cached for the life of the page). */
export function loadRights() {
  if (!loading) {
    loading = get(`${API}/openapi.json`).then((doc) => {
      const paths = doc && typeof doc.paths === 'object' ? doc.paths : {};
      for (const [p, ops] of Object.entries(paths)) {
        const m = /^\/api\/v1\/([a-z0-9-]+)$/.exec(p);
        const w = m && ops && ops.post && ops.post['x-tansiq-writers'];
        if (!w) continue;
        if (Array.isArray(w)) writers.set(m[1], { roles: w.map(String), owner: null, team: false });
        else if (w && Array.isArray(w.roles)) {
          writers.set(m[1], { roles: w.roles.map(String), owner: w.owner || null, team: !!w.team });
        }
      }
    }).catch(() => { /* the default applies */ });
  }
  return loading;
}

export function writersOf(coll) { return writers.get(coll) || DEFAULT; }

/* May the signed-in account create records of coll, or change this record of it?
   Delegates and mediators are bound to their state and teams: a delegate is offered the
   buttons only on records of their own state; a mediator on records that name a team
   (the server checks that it is one of theirs). */
export function canWrite(coll, rec = null) {
  if (!currentUser()) return false;
  const roles = currentRoles();
  if (roles.includes('admin')) return true;
  const w = writersOf(coll);
  const mine = roles.filter((r) => w.roles.includes(r));
  if (!mine.length) return false;
  if (mine.some((r) => r !== 'delegate' && r !== 'mediator')) return true;
  if (!rec) return true;
  if (mine.includes('delegate') && (!w.owner || (currentState() && rec[w.owner] === currentState()))) return true;
  if (mine.includes('mediator') && w.team && rec.team) return true;
  return false;
}
