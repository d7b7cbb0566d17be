// Record pages: every field of the record, then what is linked to it (a state's
// contact groups and offices, an organ's subordinate organs, an office's holders over
// time, a partner's partnerships with the timeline of each).

import { h, route, textIn, uniqueId } from './dom.js';
import { t, lang } from './i18n.js';
import { getRecord, listAll, deleteRecord } from './api.js';
import { entity, field, entityLabel, labelOf, enumLabel, nameBase, localized } from './schema.js';
import { valueNode, titleOf } from './values.js';
import { dataTable } from './lists.js';
import { errorBox, flash, confirmDialog } from './ui.js';
import { canWrite } from './rights.js';

const RELATED = {
  states: [
    { key: 'state.contactGroups', coll: 'contact-group-members', by: 'state', sort: 'group', columns: ['group', 'role', 'since'], link: false },
    { key: 'state.offices', coll: 'offices', by: 'state', columns: ['@name', 'kind', 'organ'] },
    { key: 'state.persons', coll: 'persons', by: 'nationality', columns: ['@name'] },
    { key: 'state.mandates', coll: 'mandates', by: 'addressee_state', sort: 'due', columns: ['@name', 'due', 'recurrence'] },
  ],
  organs: [
    { key: 'organ.children', coll: 'organs', by: 'parent', columns: ['@name', 'acronym', 'kind', 'cycle'] },
    { key: 'organ.offices', coll: 'offices', by: 'organ', columns: ['@name', 'kind', 'state'] },
    { key: 'organ.contactGroups', coll: 'contact-groups', by: 'organ', columns: ['@name', 'established'] },
    { key: 'organ.memberships', coll: 'contact-group-members', by: 'organ', columns: ['group', 'role', 'since'], link: false },
  ],
  'contact-groups': [
    { key: 'cg.members', coll: 'contact-group-members', by: 'group', sort: 'role', columns: ['@member', 'role', 'since'], link: false },
  ],
  persons: [
    { key: 'person.offices', coll: 'office-terms', by: 'person', sort: 'start', columns: ['office', 'start', 'end', 'notes'], link: false },
  ],
  paragraphs: [
    { key: 'para.mandates', coll: 'mandates', by: 'paragraph', sort: 'due', columns: ['@name', 'addressee', 'due', 'recurrence'] },
  ],
  offices: [
    { key: 'office.holders', coll: 'office-terms', by: 'office', sort: 'start', columns: ['person', 'start', 'end', 'notes'], link: false },
  ],
};

export function notFoundRecord(view, ctx) {
  ctx.setTitle(t('notFound.title'));
  view.replaceChildren(
    h('h1', { tabindex: '-1' }, t('notFound.title')),
    h('p', null, t('notFound.record')),
    h('p', null, h('a', { href: '#/' }, t('notFound.home'))));
}

export function breadcrumb(items) {
  return h('nav', { class: 'breadcrumb', 'aria-label': t('profile.breadcrumb') },
    h('ol', null, items.map((it, i) => h('li', null,
      i === items.length - 1 ? h('span', { 'aria-current': 'page' }, it.node || it.text) : h('a', { href: it.href }, it.text)))));
}

/* options: top(rec) -> a node shown under the title (a resolution's code, a meeting's quorum);
   extend(view, rec, ctx) -> more sections after the linked records (may be async). */
export async function profilePage(view, ctx, coll, id, options = {}) {
  const ent = entity(coll);
  let rec;
  try {
    rec = await getRecord(coll, id);
  } catch (e) {
    view.replaceChildren(h('h1', { tabindex: '-1' }, entityLabel(ent)), errorBox(e));
    return;
  }
  if (!rec) { notFoundRecord(view, ctx); return; }
  const title = await titleOf(coll, rec);
  ctx.setTitle(title.text);
  view.replaceChildren();

  view.append(breadcrumb([
    { href: '#/', text: t('nav.home') },
    { href: route(coll), text: entityLabel(ent) },
    { node: textIn(title.text, title.lang, lang()) },
  ]));

  const h1 = h('h1', { tabindex: '-1' }, textIn(title.text, title.lang, lang()));
  const head = h('div', { class: 'page-head' }, h('div', { class: 'title-block' }, h1));
  const statusField = field(ent, 'status');
  if (statusField && statusField.type === 'enum' && rec.status) {
    h1.append(' ', h('span', { class: `badge status-${String(rec.status).replace(/[^a-z0-9_-]/gi, '')}` }, enumLabel(statusField, rec.status)));
  }
  // A record that not everyone reads says so.
  const levelField = field(ent, 'level');
  if (levelField && rec.level && rec.level !== 'public') {
    h1.append(' ', h('span', { class: `badge level level-${String(rec.level).replace(/[^a-z0-9_-]/gi, '')}`, id: 'record-level' },
      t('level.badge', { level: enumLabel(levelField, rec.level) })));
  }
  // The name in the two other languages, under the title.
  const base = nameBase(ent);
  if (base) {
    const others = ['ar', 'en', 'fr'].filter((l) => l !== title.lang)
      .map((l) => rec[`${base}_${l}`]).filter((v, i, a) => v && a.indexOf(v) === i);
    const langsOf = ['ar', 'en', 'fr'].filter((l) => l !== title.lang && rec[`${base}_${l}`]);
    if (others.length) {
      head.firstChild.append(h('p', { class: 'other-names' },
        langsOf.map((l, i) => [i ? h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null,
          h('span', { lang: l, dir: l === 'ar' ? 'rtl' : 'ltr' }, rec[`${base}_${l}`])])));
    }
  }
  const live = h('div', { class: 'live', 'aria-live': 'assertive' });
  // A register kept as filed (implementation reports): never changed or deleted here.
  if (ent.append_only) {
    head.firstChild.append(h('p', { class: 'hint append-only', id: 'append-only' }, t('profile.appendOnly')));
  } else if (canWrite(coll, rec) && !ent.actions) {
    const del = h('button', { type: 'button', class: 'button danger' }, t('profile.delete'));
    del.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: t('delete.title'),
        text: t('delete.text', { name: title.text }),
        confirm: t('delete.confirm'),
        cancel: t('delete.cancel'),
      });
      if (!ok) { del.focus(); return; }
      live.replaceChildren();
      try {
        await deleteRecord(coll, rec.id);
        flash(t('form.deleted'));
        location.hash = route(coll);
      } catch (e) {
        live.append(errorBox(e, t('delete.failed')));
        del.focus();
      }
    });
    head.append(h('div', { class: 'actions' },
      h('a', { class: 'button', href: route('edit', coll, rec.id) }, t('profile.edit')), del));
  }
  view.append(head, live);
  if (options.top) {
    const top = options.top(rec);
    if (top) view.append(top);
  }

  // ---- every field ----
  const dl = h('dl', { class: 'fields' });
  for (const f of ent.fields) {
    const v = rec[f.name];
    // A text in a given language gets its own language and direction, so that an
    // Arabic paragraph keeps right alignment on an English page and vice versa.
    const m = /_(ar|en|fr)$/.exec(f.name);
    const own = m && f.type === 'text' && v !== null && v !== undefined && v !== ''
      ? { lang: m[1], dir: m[1] === 'ar' ? 'rtl' : 'ltr', class: 'in-lang' } : null;
    dl.append(h('div', { class: 'field-row' },
      h('dt', null, labelOf(f)),
      h('dd', own, f.name === 'id' ? h('span', { class: 'code' }, String(v)) : own ? String(v) : valueNode(ent, f, v))));
  }
  view.append(h('section', { class: 'details', 'aria-labelledby': 'details-h' },
    h('h2', { id: 'details-h' }, t('profile.details')), dl));

  // ---- what is linked to it ----
  const jobs = [];
  for (const rel of RELATED[coll] || []) {
    const relEnt = entity(rel.coll);
    if (!relEnt || !field(relEnt, rel.by)) continue;
    const sec = relatedSection(t(rel.key), canWrite(rel.coll) && !relEnt.actions ? route('new', rel.coll, { [rel.by]: rec.id }) : null);
    view.append(sec.section);
    jobs.push(fillRelated(sec.body, relEnt, rel, rec.id));
  }
  if (coll === 'organisations' && entity('partnerships')) {
    const sec = relatedSection(t('org.partnerships'), canWrite('partnerships') ? route('new', 'partnerships', { organisation: rec.id }) : null);
    view.append(sec.section);
    jobs.push(fillPartnerships(sec.body, rec.id));
  }
  if (coll === 'partnerships' && entity('partnership-events')) {
    const sec = relatedSection(t('org.timeline'), canWrite('partnership-events') ? route('new', 'partnership-events', { partnership: rec.id }) : null, t('org.addEvent'));
    view.append(sec.section);
    jobs.push(fillTimeline(sec.body, rec.id));
  }
  if (options.extend) jobs.push(options.extend(view, rec, ctx));
  await Promise.all(jobs);
}

export function relatedSection(title, addHref, addText) {
  const hid = uniqueId('sec');
  const body = h('div', { class: 'section-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  const head = h('div', { class: 'section-head' }, h('h2', { id: hid }, title));
  if (addHref) head.append(h('a', { class: 'button secondary small', href: addHref }, addText || t('profile.add')));
  return { section: h('section', { class: 'related', 'aria-labelledby': hid }, head, body), body };
}

export async function fillRelated(body, relEnt, rel, id) {
  try {
    const params = { [rel.by]: id };
    if (rel.sort && field(relEnt, rel.sort.replace(/^-/, ''))) params.sort = rel.sort;
    const rows = await listAll(relEnt.collection, params);
    body.replaceChildren();
    if (!rows.length) { body.append(h('p', { class: 'muted' }, t('profile.none'))); return; }
    const cols = rel.columns.filter((c) => c.startsWith('@') || field(relEnt, c));
    if (rel.link === false) {
      // A link entity: the cells link to the records it joins, and a last column
      // opens the link record itself (where it is edited or deleted).
      body.append(linkTable(relEnt, rows, cols));
    } else {
      body.append(dataTable(relEnt, rows, cols, { link: rel.linkKey }).wrap);
    }
  } catch (e) {
    body.replaceChildren(errorBox(e));
  } finally {
    body.removeAttribute('aria-busy');
  }
}

function linkTable(ent, rows, cols) {
  const { wrap, table } = dataTable(ent, [], cols);
  const headRow = table.tHead.rows[0];
  headRow.append(h('th', { scope: 'col' }, h('span', { class: 'vh' }, t('col.record'))));
  const tbody = table.tBodies[0];
  for (const rec of rows) {
    const tr = h('tr');
    let firstId = null;
    cols.forEach((key, i) => {
      let node;
      if (key === '@member') {
        const rc = rec.state ? 'states' : rec.organ ? 'organs' : null;
        const rid = rec.state || rec.organ;
        node = rc ? valueNode(ent, { type: 'ref', ref: rc, name: 'member' }, rid) : valueNode(ent, null, null);
      } else {
        node = valueNode(ent, field(ent, key), rec[key]);
      }
      if (i === 0) {
        firstId = uniqueId('row');
        tr.append(h('th', { scope: 'row', id: firstId }, node));
      } else {
        tr.append(h('td', null, node));
      }
    });
    tr.append(h('td', { class: 'open' }, h('a', { href: route(ent.collection, rec.id), 'aria-describedby': firstId }, t('profile.open'))));
    tbody.append(tr);
  }
  return wrap;
}

async function fillPartnerships(body, orgId) {
  try {
    const pEnt = entity('partnerships');
    const params = { organisation: orgId };
    if (field(pEnt, 'since')) params.sort = 'since';
    const ps = await listAll('partnerships', params);
    body.replaceChildren();
    if (!ps.length) { body.append(h('p', { class: 'muted' }, t('profile.none'))); return; }
    const jobs = [];
    for (const p of ps) {
      const title = localized(p, 'title') || { text: String(p.id), lang: null };
      const summary = localized(p, 'summary');
      const meta = h('p', { class: 'meta' });
      const sf = field(pEnt, 'status');
      if (p.status && sf) meta.append(h('span', { class: `badge status-${p.status}` }, enumLabel(sf, p.status)));
      if (p.since) meta.append(' ', labelOf(field(pEnt, 'since'), 'since'), ': ', valueNode(pEnt, field(pEnt, 'since'), p.since));
      const tl = h('div', { class: 'timeline-wrap', 'aria-busy': 'true' });
      const hid = uniqueId('p');
      const art = h('article', { class: 'partnership', 'aria-labelledby': hid },
        h('h3', { id: hid }, h('a', { href: route('partnerships', p.id) }, textIn(title.text, title.lang, lang()))),
        meta,
        summary ? h('p', { class: 'summary' }, textIn(summary.text, summary.lang, lang())) : null,
        h('h4', null, t('org.timeline')),
        tl);
      if (canWrite('partnership-events')) {
        art.append(h('p', null, h('a', { class: 'button secondary small', href: route('new', 'partnership-events', { partnership: p.id }) }, t('org.addEvent'))));
      }
      body.append(art);
      jobs.push(fillTimeline(tl, p.id));
    }
    await Promise.all(jobs);
  } catch (e) {
    body.replaceChildren(errorBox(e));
  } finally {
    body.removeAttribute('aria-busy');
  }
}

async function fillTimeline(body, partnershipId) {
  const eEnt = entity('partnership-events');
  try {
    const events = await listAll('partnership-events', { partnership: partnershipId, sort: 'date' });
    body.replaceChildren();
    if (!events.length) { body.append(h('p', { class: 'muted' }, t('org.noEvents'))); return; }
    const ol = h('ol', { class: 'timeline' });
    for (const ev of events) {
      const title = localized(ev, 'title') || { text: String(ev.id), lang: null };
      const kf = field(eEnt, 'kind');
      ol.append(h('li', null,
        h('div', { class: 'tl-date' }, valueNode(eEnt, field(eEnt, 'date'), ev.date)),
        h('div', { class: 'tl-body' },
          ev.kind && kf ? h('span', { class: 'badge kind' }, enumLabel(kf, ev.kind)) : null,
          ' ',
          h('a', { href: route('partnership-events', ev.id) }, textIn(title.text, title.lang, lang())),
          ev.source ? h('p', { class: 'source' }, labelOf(field(eEnt, 'source'), 'source'), ': ', ev.source) : null)));
    }
    body.append(ol);
  } catch (e) {
    body.replaceChildren(errorBox(e));
  } finally {
    body.removeAttribute('aria-busy');
  }
}
