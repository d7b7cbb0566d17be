// Meetings, resolutions and votes: a meeting's page (its quorum, agenda, attendance recorded
// by the secretariat, its votes and the form that opens one), a resolution's page (its code,
// paragraphs, sponsors and votes), the page of a vote (the live tally and roll call, the
// delegates' ballots, the chair's close, the recorded result in words), and the card of the
// organs' cycles on the home page.

import { h, append, route, textIn, uniqueId } from './dom.js';
import { t, tn, tParts, lang, fmtCount, fmtInt, fmtPdate, compare } from './i18n.js';
import {
  getRecord, listAll, createRecord, deleteRecord, currentUser, currentState, hasRole,
  getQuorum, getTally, getCycles, openVote, closeVote, castBallot,
  ApiError,
} from './api.js';
import { entity, field, displayName, localized } from './schema.js';
import { refLink, valueNode, timeNode, unknownNode, enumText } from './values.js';
import { dataTable, resolutionCode } from './lists.js';
import { errorBox, flash, confirmDialog } from './ui.js';
import { canWrite } from './rights.js';
import { profilePage, breadcrumb, notFoundRecord, relatedSection, fillRelated } from './profile.js';
import { resolutionImplementation } from './implementation.js';

const POLL_MS = 2000;

/* A name from a record with name_ar/en/fr, as a node in the interface language. */
function nameIn(rec, base = 'name') {
  const n = localized(rec, base) || { text: String(rec.id ?? rec.state ?? ''), lang: null };
  return textIn(n.text, n.lang, lang());
}

function nameText(rec, base = 'name') {
  const n = localized(rec, base);
  return n ? n.text : String(rec.id ?? rec.state ?? '');
}

function badge(cls, text, attrs = {}) {
  return h('span', { class: ['badge', cls], ...attrs }, text);
}

/* The reason of a refusal in the interface language when the problem's code is known; the
   server's own detail follows it. */
function refusalBox(e, heading, messages = {}) {
  const p = e instanceof ApiError ? e.problem || {} : {};
  const own = p.code && messages[p.code] ? messages[p.code](p) : null;
  if (!own) return errorBox(e, heading);
  return h('div', { class: 'alert error', role: 'alert', dataset: { code: p.code } },
    h('p', { class: 'alert-title' }, heading),
    h('p', { class: 'refusal-reason' }, own),
    p.detail ? h('p', { class: 'hint' }, p.detail) : null);
}

/* ---------- the quorum of a meeting ---------- */

function quorumBox(meeting) {
  const text = h('span', { class: 'quorum-text' }, t('app.loading'));
  const state = h('strong', { class: 'quorum-state' });
  const rule = h('p', { class: 'quorum-rule' });
  const line = h('p', { class: 'quorum-line', id: 'quorum-status', 'aria-live': 'polite', 'aria-atomic': 'true' }, text, state);
  const el = h('section', { class: 'quorum-box', id: 'quorum', 'aria-labelledby': 'quorum-h', dataset: { met: 'unknown' } },
    h('h2', { id: 'quorum-h' }, t('quorum.title')), line, rule);
  return {
    el,
    update(q) {
      rule.replaceChildren();
      if (!q || !q.rule) {
        el.dataset.met = 'none';
        text.textContent = t('quorum.noRule');
        state.textContent = '';
        return;
      }
      rule.append(t('quorum.rule'), ' ', h('a', { href: route('decision-rules', q.rule.id) }, nameIn(q.rule)));
      const nobody = !q.present && !(q.observers || []).length && !(q.organisations || []).length;
      if (nobody && (meeting.status === 'held' || meeting.status === 'cancelled')) {
        // A past meeting whose attendance was never recorded: nothing to say about its quorum.
        el.dataset.met = 'unknown';
        el.classList.remove('met', 'not-met');
        text.textContent = t('quorum.noAttendance', { quorum: fmtCount(q.quorum), members: fmtCount(q.members) });
        state.textContent = '';
        return;
      }
      const met = q.met === true;
      el.dataset.met = met ? 'true' : 'false';
      el.classList.toggle('met', met);
      el.classList.toggle('not-met', !met);
      text.textContent = t(q.rule.quorum_base === 'voting_members' ? 'quorum.lineVoting' : 'quorum.line', {
        quorum: fmtCount(q.quorum), members: fmtCount(q.members), present: fmtCount(q.present),
      }) + ' — ';
      state.textContent = met ? t('quorum.met') : t('quorum.notMet');
    },
    fail(e) {
      el.dataset.met = 'unknown';
      text.textContent = '';
      line.after(errorBox(e));
    },
  };
}

/* ---------- the meeting's page ---------- */

export function meetingPage(view, ctx, id) {
  let qbox = null;
  let quorumLoad = null;
  const listeners = [];
  const refresh = async () => {
    const q = await getQuorum(id);
    qbox.update(q);
    for (const fn of listeners) fn(q);
    return q;
  };
  return profilePage(view, ctx, 'meetings', id, {
    top: (rec) => {
      qbox = quorumBox(rec);
      quorumLoad = refresh().catch((e) => { qbox.fail(e); return null; });
      return qbox.el;
    },
    extend: (v, rec) => meetingSections(v, rec, { quorumLoad, refresh, onQuorum: (fn) => listeners.push(fn) }),
  });
}

async function meetingSections(view, rec, q) {
  const agenda = relatedSection(t('meeting.agenda'), canWrite('agenda-items') ? route('new', 'agenda-items', { meeting: rec.id }) : null);
  const att = relatedSection(t('meeting.attendance'), null);
  att.section.id = 'attendance';
  const votes = relatedSection(t('meeting.votes'), null);
  votes.section.id = 'meeting-votes';
  const res = relatedSection(t('meeting.resolutions'),
    canWrite('resolutions') ? route('new', 'resolutions', { meeting: rec.id, status: 'draft' }) : null);
  view.append(agenda.section, att.section, votes.section, res.section);
  // one list of the meeting's votes for both sections that need it
  const meetingVotes = listAll('votes', { meeting: rec.id, sort: '-opened_at' });
  meetingVotes.catch(() => {}); // each section reports a failure itself
  const jobs = [
    fillRelated(agenda.body, entity('agenda-items'),
      { by: 'meeting', sort: 'number', columns: ['number', '@name', 'resolution'], linkKey: '@name' }, rec.id),
    fillAttendance(att.body, rec, q, meetingVotes),
    fillMeetingVotes(votes.body, rec, q, meetingVotes),
    fillRelated(res.body, entity('resolutions'),
      { by: 'meeting', sort: 'code', columns: ['code', '@name', 'status'], linkKey: '@name' }, rec.id),
  ];
  await Promise.all(jobs);
}

/* Attendance: who is present, for everyone; for the secretariat, the checklist of member and
   observer states that records it (each change saved at once, the quorum following). */
async function fillAttendance(body, meeting, q, meetingVotes) {
  try {
    const editable = canWrite('attendance') && meeting.status !== 'cancelled';
    const [states, records, votes] = await Promise.all([
      listAll('states'),
      listAll('attendance', { meeting: meeting.id }),
      editable ? meetingVotes : Promise.resolve([]),
    ]);
    const open = votes.filter((v) => v.status === 'open');
    body.replaceChildren();
    const byState = new Map();
    const orgs = [];
    for (const r of records) {
      if (r.state) byState.set(r.state, r);
      else if (r.organisation) orgs.push(r);
    }
    const sorted = states.slice().sort((a, b) => compare(nameText(a), nameText(b)));
    const members = sorted.filter((s) => s.status === 'member' || s.status === 'suspended');
    const observers = sorted.filter((s) => s.status === 'observer');
    const suspendedMark = (s) => (s.status === 'suspended' ? [' ', badge('status-suspended', enumText('states', 'status', 'suspended'))] : null);

    if (!editable) {
      const group = (title, list, gid) => {
        const present = list.filter((s) => byState.has(s.id));
        return [h('h3', { id: gid }, t(title, { n: fmtCount(present.length) })),
          present.length
            ? h('ul', { class: 'name-list', 'aria-labelledby': gid },
              present.map((s) => h('li', { dataset: { state: s.id } }, h('a', { href: route('states', s.id) }, nameIn(s)), suspendedMark(s))))
            : h('p', { class: 'muted' }, t('profile.none'))];
      };
      body.append(...group('att.membersPresent', members, 'att-members-h'), ...group('att.observersPresent', observers, 'att-observers-h'));
    } else {
      const frozen = open.length > 0;
      const status = h('p', { class: 'att-status', id: 'attendance-status', role: 'status', 'aria-live': 'polite' });
      const errors = h('div', { class: 'att-errors', 'aria-live': 'assertive' });
      body.append(h('p', { class: 'hint' }, t('att.intro')));
      if (frozen) {
        body.append(h('div', { class: 'alert info', id: 'attendance-frozen' },
          h('p', null, t('att.frozen'), ' ', open.map((v, i) => [i ? ', ' : '', h('a', { href: route('votes', v.id) }, t('att.openVote'))]))));
      }
      const counts = {};
      const legendCount = (key, list) => {
        const n = list.filter((s) => byState.has(s.id)).length;
        counts[key].textContent = t('att.presentCount', { n: fmtCount(n) });
      };
      const checklist = (key, legend, list) => {
        counts[key] = h('span', { class: 'att-count' });
        const ul = h('ul', { class: 'checks att-checks' });
        for (const s of list) {
          const cid = `att-${s.id}`;
          const cb = h('input', { type: 'checkbox', id: cid, dataset: { state: s.id }, checked: byState.has(s.id), disabled: frozen });
          cb.addEventListener('change', () => toggle(cb, s, () => legendCount(key, list)));
          ul.append(h('li', null, cb, h('label', { for: cid }, nameIn(s), suspendedMark(s))));
        }
        const fs = h('fieldset', { class: 'att-group', id: `att-${key}` }, h('legend', null, legend, ' ', counts[key]), ul);
        legendCount(key, list);
        return fs;
      };
      body.append(checklist('members', t('att.memberStates'), members), checklist('observers', t('att.observerStates'), observers), status, errors);

      async function toggle(cb, s, recount) {
        const want = cb.checked;
        cb.disabled = true;
        errors.replaceChildren();
        try {
          if (want) {
            const rec = await createRecord('attendance', { meeting: meeting.id, state: s.id });
            byState.set(s.id, rec);
            status.textContent = t('att.added', { name: nameText(s) });
          } else {
            const rec = byState.get(s.id);
            if (rec) await deleteRecord('attendance', rec.id);
            byState.delete(s.id);
            status.textContent = t('att.removed', { name: nameText(s) });
          }
          recount();
          await q.refresh().catch(() => null);
        } catch (e) {
          cb.checked = !want;
          errors.append(refusalBox(e, t('att.failed', { name: nameText(s) }), {
            'wrong-stage': () => t('att.frozen'),
          }));
        } finally {
          cb.disabled = false;
        }
      }
    }

    // Organisations (observers and guests), recorded through the attendance form.
    const orgHead = h('h3', { id: 'att-orgs-h' }, t('att.organisations'));
    body.append(orgHead);
    if (orgs.length) {
      body.append(h('ul', { class: 'name-list', 'aria-labelledby': 'att-orgs-h' },
        orgs.map((r) => h('li', null, refLink('organisations', r.organisation),
          r.head_of_delegation ? [' — ', r.head_of_delegation] : null,
          ' ', h('a', { href: route('attendance', r.id), class: 'small-link' }, t('profile.open'))))));
    } else {
      body.append(h('p', { class: 'muted' }, t('profile.none')));
    }
    if (editable) {
      body.append(h('p', null, h('a', { class: 'button secondary small', href: route('new', 'attendance', { meeting: meeting.id }) }, t('att.addOther'))));
    }
  } catch (e) {
    body.replaceChildren(errorBox(e));
  } finally {
    body.removeAttribute('aria-busy');
  }
}

/* The votes of a meeting, and for the secretariat the form that opens one. */
async function fillMeetingVotes(body, meeting, q, meetingVotes) {
  try {
    const vEnt = entity('votes');
    const votes = await meetingVotes;
    body.replaceChildren();
    if (votes.length) {
      body.append(dataTable(vEnt, votes, ['resolution', 'method', 'status', 'outcome', 'opened_at'], { caption: t('meeting.votes') }).wrap);
    } else {
      body.append(h('p', { class: 'muted', id: 'no-votes' }, t('meeting.noVotes')));
    }
    if (canWrite('votes')) {
      if (meeting.status === 'in_session') body.append(await openVoteForm(meeting, q));
      else body.append(h('p', { class: 'hint', id: 'open-vote-unavailable' }, t('vote.openOnlyInSession')));
    }
  } catch (e) {
    body.replaceChildren(errorBox(e));
  } finally {
    body.removeAttribute('aria-busy');
  }
}

async function openVoteForm(meeting, q) {
  const quorum = await q.quorumLoad;
  const rule = quorum && quorum.rule;
  const [drafts, rules] = await Promise.all([
    listAll('resolutions', { status: 'draft' }),
    rule ? Promise.resolve([]) : listAll('decision-rules'),
  ]);
  const wrap = h('section', { class: 'inline-form open-vote', 'aria-labelledby': 'open-vote-h' },
    h('h3', { id: 'open-vote-h' }, t('vote.open')));
  if (!drafts.length) {
    wrap.append(h('p', { id: 'open-vote-nodraft' }, t('vote.noDrafts'), ' ',
      h('a', { href: route('new', 'resolutions', { meeting: meeting.id, status: 'draft' }) }, t('vote.newDraft'))));
    return wrap;
  }
  const errors = h('div', { class: 'error-summary', id: 'open-vote-errors', tabindex: '-1', 'aria-live': 'assertive' });
  const label = (r) => {
    const title = nameText(r, 'title');
    const code = lang() === 'ar' && r.code_ar ? r.code_ar : r.code;
    return code ? `${code} — ${title}` : title;
  };
  const mine = drafts.filter((r) => r.meeting === meeting.id);
  const others = drafts.filter((r) => r.meeting !== meeting.id);
  const resSel = h('select', { id: 'open-vote-resolution', name: 'resolution', 'aria-required': 'true' },
    h('option', { value: '' }, t('form.choose')),
    mine.length ? h('optgroup', { label: t('vote.draftsHere') }, mine.map((r) => h('option', { value: r.id }, label(r)))) : null,
    others.length ? h('optgroup', { label: t('vote.draftsOther') }, others.map((r) => h('option', { value: r.id }, label(r)))) : null);
  if (mine.length === 1) resSel.value = mine[0].id;

  const consensusAllowed = rule ? !!rule.consensus : true;
  const methods = [['ballot', t('vote.methodBallot'), t('vote.methodBallotHint')]];
  if (consensusAllowed) methods.push(['consensus', t('vote.methodConsensus'), t('vote.methodConsensusHint')]);
  const radios = h('ul', { class: 'checks' }, methods.map(([value, text, hint], i) => {
    const rid = `open-vote-method-${value}`;
    return h('li', null,
      h('input', { type: 'radio', name: 'method', id: rid, value, checked: i === 0, 'aria-describedby': `${rid}-hint` }),
      h('label', { for: rid }, text),
      h('p', { class: 'hint', id: `${rid}-hint` }, hint));
  }));
  const form = h('form', { class: 'record-form', novalidate: true },
    h('div', { class: 'form-field' }, h('label', { for: 'open-vote-resolution' }, t('vote.draft'), h('span', { class: 'req' }, ` (${t('form.required')})`)), resSel),
    h('fieldset', { class: 'form-field' }, h('legend', null, t('vote.method')), radios,
      !consensusAllowed ? h('p', { class: 'hint', id: 'open-vote-no-consensus' }, t('vote.noConsensus')) : null));
  let ruleSel = null;
  if (!rule) {
    ruleSel = h('select', { id: 'open-vote-rule', name: 'rule', 'aria-required': 'true', 'aria-describedby': 'open-vote-rule-hint' },
      h('option', { value: '' }, t('form.choose')),
      rules.map((r) => h('option', { value: r.id }, nameText(r))));
    form.append(h('div', { class: 'form-field' },
      h('label', { for: 'open-vote-rule' }, t('vote.rule'), h('span', { class: 'req' }, ` (${t('form.required')})`)),
      h('p', { class: 'hint', id: 'open-vote-rule-hint' }, t('vote.ruleHint')), ruleSel));
  }
  const submit = h('button', { type: 'submit', class: 'button', id: 'open-vote-submit' }, t('vote.openSubmit'));
  form.append(h('div', { class: 'form-buttons' }, submit));
  wrap.append(errors, form);

  const fail = (node) => { errors.replaceChildren(node); errors.focus(); };
  // A refusal for want of a quorum is out of date once the quorum is met.
  q.onQuorum((now) => {
    if (now && now.met && errors.querySelector('[data-code="quorum-not-met"]')) errors.replaceChildren();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.replaceChildren();
    resSel.removeAttribute('aria-invalid');
    if (!resSel.value) {
      resSel.setAttribute('aria-invalid', 'true');
      fail(h('div', { class: 'alert error', role: 'alert' }, h('p', { class: 'alert-title' }, t('vote.openFailed')), h('p', null, t('vote.errNoDraft'))));
      resSel.focus();
      return;
    }
    if (ruleSel && !ruleSel.value) {
      ruleSel.setAttribute('aria-invalid', 'true');
      fail(h('div', { class: 'alert error', role: 'alert' }, h('p', { class: 'alert-title' }, t('vote.openFailed')), h('p', null, t('vote.errNoRule'))));
      ruleSel.focus();
      return;
    }
    const method = form.querySelector('input[name="method"]:checked')?.value || 'ballot';
    const payload = { meeting: meeting.id, resolution: resSel.value, method };
    if (ruleSel) payload.rule = ruleSel.value;
    submit.disabled = true;
    try {
      const vote = await openVote(payload);
      flash(vote.status === 'closed' ? t('vote.consensusDone') : t('vote.opened'));
      location.hash = route('votes', vote.id);
    } catch (e) {
      submit.disabled = false;
      const latest = await q.refresh().catch(() => null);
      fail(refusalBox(e, t('vote.openFailed'), {
        'quorum-not-met': () => (latest && latest.rule
          ? t('vote.errQuorumNums', { present: fmtCount(latest.present), quorum: fmtCount(latest.quorum) })
          : t('vote.errQuorum')),
        'wrong-stage': () => t('vote.errWrongStage'),
        forbidden: () => t('vote.errForbidden'),
      }));
    }
  });
  return wrap;
}

/* ---------- a resolution's page ---------- */

export function resolutionPage(view, ctx, id) {
  let impl = null;
  return profilePage(view, ctx, 'resolutions', id, {
    top: (rec) => {
      impl = resolutionImplementation(rec);
      const summary = localized(rec, 'summary');
      const code = h('p', { class: 'res-code-line', id: 'resolution-code' }, h('span', { class: 'label' }, t('res.code')), ' ', resolutionCode(rec));
      if (lang() === 'ar' && rec.code_ar && rec.code) code.append(' ', h('span', { class: 'muted' }, '(', h('bdi', { dir: 'ltr', class: 'code' }, rec.code), ')'));
      return h('div', { class: 'record-top' },
        code,
        rec.meeting ? h('p', { id: 'resolution-meeting' }, h('span', { class: 'label' }, t('res.meeting')), ' ', refLink('meetings', rec.meeting)) : null,
        impl.headline,
        summary ? h('p', { class: 'lead summary', id: 'resolution-summary' }, textIn(summary.text, summary.lang, lang())) : null);
    },
    extend: (v, rec) => resolutionSections(v, rec, impl),
  });
}

async function resolutionSections(view, rec, impl) {
  const paras = relatedSection(t('res.paragraphs'), canWrite('paragraphs') ? route('new', 'paragraphs', { resolution: rec.id }) : null);
  paras.section.id = 'paragraphs';
  const sponsors = relatedSection(t('res.sponsors'), canWrite('resolution-sponsors') ? route('new', 'resolution-sponsors', { resolution: rec.id }) : null);
  sponsors.section.id = 'sponsors';
  const votes = relatedSection(t('res.votes'), null);
  votes.section.id = 'resolution-votes';
  // Its implementation: the counts first, each operative paragraph's mandates under it.
  view.append(impl.section, paras.section, sponsors.section, votes.section);
  await Promise.all([
    impl.load(),
    fillParagraphs(paras.body, rec, impl.decorate),
    fillRelated(sponsors.body, entity('resolution-sponsors'), { by: 'resolution', sort: 'state', columns: ['state'], link: false }, rec.id),
    fillRelated(votes.body, entity('votes'), { by: 'resolution', sort: '-opened_at', columns: ['opened_at', 'meeting', 'method', 'status', 'outcome'] }, rec.id),
  ]);
}

/* Preambular then operative paragraphs, each in number order, the unnumbered after them;
   decorate(li, paragraph) adds to each (its mandates). */
async function fillParagraphs(body, res, decorate = null) {
  try {
    const rows = await listAll('paragraphs', { resolution: res.id });
    body.replaceChildren();
    if (!rows.length) { body.append(h('p', { class: 'muted' }, t('profile.none'))); return; }
    const kinds = ['preambular', 'operative'];
    for (const k of [...new Set(rows.map((p) => p.kind))]) if (!kinds.includes(k)) kinds.push(k);
    for (const kind of kinds) {
      const list = rows.filter((p) => p.kind === kind);
      if (!list.length) continue;
      list.sort((a, b) => {
        const an = typeof a.number === 'number' ? a.number : Infinity;
        const bn = typeof b.number === 'number' ? b.number : Infinity;
        return an - bn || String(a.id).localeCompare(String(b.id));
      });
      const hid = uniqueId('pk');
      const kindLabel = kind === 'preambular' ? t('res.preambular') : kind === 'operative' ? t('res.operative') : enumText('paragraphs', 'kind', kind);
      body.append(h('h3', { id: hid }, kindLabel));
      body.append(h('ul', { class: 'paragraphs', 'aria-labelledby': hid, dataset: { kind } }, list.map((p) => {
        const text = localized(p, 'text');
        const numbered = typeof p.number === 'number';
        const li = h('li', { class: ['paragraph', numbered ? '' : 'unnumbered'], dataset: { id: p.id, number: numbered ? String(p.number) : '' } },
          h('a', { class: 'para-num', href: route('paragraphs', p.id), 'aria-label': numbered ? t('res.paragraphN', { n: p.number }) : t('res.unnumberedLabel') },
            numbered ? `${fmtInt(p.number)}.` : t('res.unnumbered')),
          h('div', { class: 'para-body' },
            text ? h('p', { class: 'para-text', lang: text.lang, dir: text.lang === 'ar' ? 'rtl' : 'ltr' }, text.text) : unknownNode(),
            p.verbatim === false ? h('p', { class: 'para-note reported' }, t('res.reported')) : null,
            p.addressee ? h('p', { class: 'para-note' }, t('res.addressee', { who: p.addressee })) : null));
        if (decorate) decorate(li, p);
        return li;
      })));
    }
  } catch (e) {
    body.replaceChildren(errorBox(e));
  } finally {
    body.removeAttribute('aria-busy');
  }
}

/* ---------- a vote ---------- */

function countsText(tl) {
  return [tn('count.yes', tl.yes ?? 0), tn('count.no', tl.no ?? 0), tn('count.abstain', tl.abstain ?? 0)].join(t('list.sep'));
}

/* The recorded result in words: "Adopted by the required majority: 20 in favour, ...". */
export function resultText(tally, rule) {
  const base = tn(`base.${rule && rule.majority_base ? rule.majority_base : 'present_and_voting'}`, tally.base ?? 0);
  switch (tally.decided_by) {
    case 'consensus': return t('result.consensus');
    case 'no_quorum': return t('result.noQuorum', { present: fmtCount(tally.present ?? 0), quorum: fmtCount(tally.quorum ?? 0) });
    case 'majority': return tn('result.majority', tally.required ?? 0, { counts: countsText(tally), required: fmtCount(tally.required ?? 0), base });
    case 'short_of_majority': return tn('result.short', tally.required ?? 0, { counts: countsText(tally), required: fmtCount(tally.required ?? 0), base });
    default: return tally.adopted ? t('result.adopted') : t('result.notAdopted');
  }
}

export async function votePage(view, ctx, id) {
  let report;
  try {
    report = await getTally(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) { notFoundRecord(view, ctx); return; }
    throw e;
  }
  const vote = report.vote;
  const rule = report.rule && typeof report.rule === 'object' ? report.rule : null;
  const [res, meeting] = await Promise.all([
    getRecord('resolutions', vote.resolution).catch(() => null),
    getRecord('meetings', vote.meeting).catch(() => null),
  ]);
  const resTitle = res ? displayName('resolutions', res) : { text: String(vote.resolution), lang: null };
  const meetingTitle = meeting ? displayName('meetings', meeting) : { text: String(vote.meeting), lang: null };
  ctx.setTitle(t('vote.title', { title: resTitle.text }));
  view.replaceChildren();
  view.append(breadcrumb([
    { href: '#/', text: t('nav.home') },
    { href: route('meetings'), text: t('nav.meetings') },
    { href: route('meetings', vote.meeting), text: meetingTitle.text },
    { text: t('vote.crumb') },
  ]));
  const statusBadge = badge('', '', { id: 'vote-status' });
  view.append(h('div', { class: 'page-head' }, h('div', { class: 'title-block' },
    h('h1', { tabindex: '-1' }, tParts('vote.heading', { title: textIn(resTitle.text, resTitle.lang, lang()) }), ' ', statusBadge),
    res && res.code ? h('p', { class: 'res-code-line', id: 'vote-code' }, h('span', { class: 'label' }, t('res.code')), ' ', resolutionCode(res)) : null)));

  // ---- what is voted on, and under which rule ----
  const vEnt = entity('votes');
  const meta = h('dl', { class: 'fields vote-meta' });
  const row = (label, node) => meta.append(h('div', { class: 'field-row' }, h('dt', null, label), h('dd', null, node)));
  row(t('vote.draft'), h('a', { href: route('resolutions', vote.resolution), id: 'vote-resolution' }, textIn(resTitle.text, resTitle.lang, lang())));
  row(t('vote.meeting'), h('a', { href: route('meetings', vote.meeting) }, textIn(meetingTitle.text, meetingTitle.lang, lang())));
  row(t('vote.rule'), rule ? h('a', { href: route('decision-rules', rule.id), id: 'vote-rule' }, nameIn(rule)) : refLink('decision-rules', vote.rule));
  row(t('vote.method'), valueNode(vEnt, field(vEnt, 'method'), vote.method));
  row(t('vote.openedAt'), timeNode(vote.opened_at));
  const closedDd = h('dd', null);
  meta.append(h('div', { class: 'field-row' }, h('dt', null, t('vote.closedAt')), closedDd));
  view.append(h('section', { class: 'details', 'aria-labelledby': 'vote-details-h' }, h('h2', { id: 'vote-details-h' }, t('profile.details')), meta));

  // ---- the tally, live while open ----
  const outcome = h('p', { class: 'outcome', id: 'vote-outcome', tabindex: '-1', 'aria-live': 'polite' });
  const countEls = {};
  const tallyList = h('ul', { class: 'tally', id: 'tally' }, ['yes', 'no', 'abstain', 'not_voting'].map((k) => {
    countEls[k] = { value: h('span', { class: 'count-value', dataset: { count: k } }, '0'), label: h('span', { class: 'count-label' }) };
    return h('li', { class: `count-${k}` }, countEls[k].value, countEls[k].label);
  }));
  const liveSummary = h('p', { class: 'vh', id: 'tally-live', 'aria-live': 'polite' });
  const quorumLine = h('p', { id: 'vote-quorum' });
  const requiredLine = h('p', { id: 'vote-required' });
  const ifNow = h('p', { id: 'vote-if-now', class: 'muted' });
  const pollNote = h('p', { class: 'hint', id: 'vote-poll' });
  view.append(h('section', { class: 'vote-result', id: 'vote-result', 'aria-labelledby': 'vote-result-h' },
    h('h2', { id: 'vote-result-h' }, t('vote.tally')), outcome, tallyList, liveSummary, quorumLine, requiredLine, ifNow, pollNote));

  // ---- a delegate's ballot ----
  const me = currentState();
  const ballotSec = h('section', { class: 'ballot', id: 'ballot', 'aria-labelledby': 'ballot-h' }, h('h2', { id: 'ballot-h' }, t('ballot.title')));
  const ballotStatus = h('p', { class: 'ballot-status', id: 'ballot-status', role: 'status', 'aria-live': 'polite' });
  const ballotErrors = h('div', { 'aria-live': 'assertive' });
  const buttons = {};
  let myState = null;
  if (hasRole('delegate') && me) {
    view.append(ballotSec);
    getRecord('states', me).then((s) => { myState = s; render(report); }).catch(() => {});
  } else if (!currentUser() && vote.status === 'open') {
    view.append(h('p', { class: 'hint', id: 'ballot-sign-in' }, t('ballot.signIn'), ' ',
      h('a', { href: route('sign-in', { return: location.hash }) }, t('account.signIn'))));
  }

  // ---- the chair ----
  const chairSec = h('section', { class: 'chair', id: 'chair', 'aria-labelledby': 'chair-h' }, h('h2', { id: 'chair-h' }, t('chair.title')));
  const chairErrors = h('div', { 'aria-live': 'assertive' });
  const closeBtn = h('button', { type: 'button', class: 'button danger', id: 'close-vote' }, t('chair.close'));
  chairSec.append(h('p', { class: 'hint' }, t('chair.hint')), h('p', null, closeBtn), chairErrors);
  if (canWrite('votes') && vote.status === 'open') view.append(chairSec);

  // ---- the roll call ----
  const rollBody = h('div', { class: 'roll-call-body' });
  view.append(h('section', { class: 'related', id: 'roll-call-section', 'aria-labelledby': 'roll-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'roll-h' }, t('vote.rollCall'))), rollBody));

  let lastKey = null;
  let lastLive = null;

  function myEntry(r) {
    return me ? (r.roll_call || []).find((x) => x.state === me) : null;
  }

  function renderBallot(r) {
    if (!ballotSec.isConnected) return;
    const open = r.vote.status === 'open';
    const entry = myEntry(r);
    const stateName = myState ? nameText(myState) : me;
    ballotSec.querySelector('.ballot-body')?.remove();
    const box = h('div', { class: 'ballot-body' });
    if (!open) {
      box.append(h('p', { id: 'ballot-closed' }, entry && entry.choice
        ? t('ballot.closedWith', { state: stateName, choice: enumText('ballots', 'choice', entry.choice) })
        : t('ballot.closed')));
    } else if (!entry) {
      box.append(h('div', { class: 'alert info', id: 'ballot-not-entitled' }, h('p', null, t('ballot.notEntitled', { state: stateName }))));
    } else {
      box.append(h('p', null, t('ballot.intro', { state: stateName })));
      const group = h('div', { class: 'ballot-buttons', role: 'group', 'aria-labelledby': 'ballot-h' });
      for (const choice of ['yes', 'no', 'abstain']) {
        const b = buttons[choice] || h('button', { type: 'button', class: `button ballot-button choice-${choice}`, id: `ballot-${choice}`, dataset: { choice } }, t(`ballot.${choice}`));
        if (!buttons[choice]) { b.addEventListener('click', () => cast(choice)); buttons[choice] = b; }
        b.setAttribute('aria-pressed', entry.choice === choice ? 'true' : 'false');
        group.append(b);
      }
      box.append(group);
      box.append(h('p', { id: 'ballot-current' }, entry.choice
        ? t('ballot.current', { choice: enumText('ballots', 'choice', entry.choice) })
        : t('ballot.none')));
      box.append(h('p', { class: 'hint' }, t('ballot.changeable')));
    }
    box.append(ballotStatus, ballotErrors);
    ballotSec.append(box);
  }

  function render(r) {
    const tl = r.tally || {};
    const open = r.vote.status === 'open';
    statusBadge.className = `badge status-${open ? 'open' : 'closed'}`;
    statusBadge.textContent = enumText('votes', 'status', r.vote.status);
    statusBadge.dataset.status = r.vote.status;
    closedDd.replaceChildren();
    append(closedDd, [r.vote.closed_at ? timeNode(r.vote.closed_at) : unknownNode()]);
    for (const k of ['yes', 'no', 'abstain', 'not_voting']) {
      countEls[k].value.textContent = fmtCount(tl[k] ?? 0);
      countEls[k].label.textContent = t(k === 'not_voting' ? (open ? 'tally.notYet' : 'tally.notVoting') : `tally.${k}`);
    }
    outcome.dataset.outcome = open ? 'open' : r.vote.outcome || '';
    outcome.className = `outcome ${open ? 'open' : r.vote.outcome === 'adopted' ? 'adopted' : 'not-adopted'}`;
    outcome.textContent = open ? t('vote.isOpen') : resultText(tl, rule);
    const live = t('tally.live', { yes: fmtCount(tl.yes ?? 0), no: fmtCount(tl.no ?? 0), abstain: fmtCount(tl.abstain ?? 0) });
    if (live !== lastLive && lastLive !== null && open) liveSummary.textContent = live;
    lastLive = live;
    quorumLine.textContent = t('vote.quorumLine', { present: fmtCount(tl.present ?? 0), quorum: fmtCount(tl.quorum ?? 0) })
      + ' — ' + (tl.quorum_met ? t('quorum.met') : t('quorum.notMet'));
    if (tl.decided_by === 'consensus') {
      requiredLine.textContent = '';
    } else {
      const base = tn(`base.${rule && rule.majority_base ? rule.majority_base : 'present_and_voting'}`, tl.base ?? 0);
      requiredLine.textContent = t(open ? 'vote.requiredNow' : 'vote.required', { required: fmtCount(tl.required ?? 0), base });
    }
    ifNow.textContent = open ? (tl.adopted ? t('vote.ifNowAdopted') : t('vote.ifNowNot')) : '';
    ifNow.hidden = !open;
    pollNote.textContent = open ? t('vote.polling') : '';
    pollNote.hidden = !open;
    if (!open) chairSec.remove();
    renderRoll(r);
    renderBallot(r);
  }

  function renderRoll(r) {
    const open = r.vote.status === 'open';
    const rows = (r.roll_call || []).slice().sort((a, b) => compare(nameText(a), nameText(b)));
    rollBody.replaceChildren();
    if (!rows.length) { rollBody.append(h('p', { class: 'muted' }, t('vote.noRoll'))); return; }
    rollBody.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data roll-call', id: 'roll-call' },
      h('caption', { class: 'vh' }, t('vote.rollCall')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('roll.state')), h('th', { scope: 'col' }, t('roll.choice')), h('th', { scope: 'col' }, t('roll.time')))),
      h('tbody', null, rows.map((x) => h('tr', { dataset: { state: x.state, choice: x.choice || '' }, class: x.state === me ? 'mine' : null },
        h('th', { scope: 'row' }, h('a', { href: route('states', x.state) }, nameIn(x))),
        h('td', { class: `choice choice-${x.choice || 'none'}` }, x.choice ? enumText('ballots', 'choice', x.choice) : h('span', { class: 'muted' }, open ? t('tally.notYetOne') : t('value.unknown'))),
        h('td', null, x.cast_at && x.choice !== 'not_voting' ? timeNode(x.cast_at) : '')))))));
  }

  function apply(r) {
    const key = JSON.stringify([r.vote.status, r.tally, (r.roll_call || []).map((x) => [x.state, x.choice])]);
    report = r;
    if (key === lastKey) return;
    lastKey = key;
    render(r);
  }

  async function refresh() {
    const r = await getTally(id);
    if (view.isConnected) apply(r);
    return r;
  }

  async function cast(choice) {
    ballotErrors.replaceChildren();
    for (const b of Object.values(buttons)) b.disabled = true;
    try {
      await castBallot(id, me, choice);
      ballotStatus.textContent = t('ballot.recorded', { choice: enumText('ballots', 'choice', choice) });
      await refresh().catch(() => {});
    } catch (e) {
      ballotErrors.replaceChildren(refusalBox(e, t('ballot.failed'), {
        'vote-closed': () => t('ballot.errClosed'),
        'not-entitled-to-vote': () => t('ballot.errNotEntitled'),
        forbidden: () => t('ballot.errForbidden'),
      }));
      await refresh().catch(() => {});
    } finally {
      for (const b of Object.values(buttons)) b.disabled = false;
      if (buttons[choice] && buttons[choice].isConnected) buttons[choice].focus();
    }
  }

  closeBtn.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: t('chair.confirmTitle'),
      text: t('chair.confirmText'),
      confirm: t('chair.close'),
      cancel: t('delete.cancel'),
    });
    if (!ok) { closeBtn.focus(); return; }
    chairErrors.replaceChildren();
    closeBtn.disabled = true;
    try {
      await closeVote(id);
      await refresh();
      outcome.focus();
    } catch (e) {
      closeBtn.disabled = false;
      chairErrors.replaceChildren(refusalBox(e, t('chair.failed'), { 'vote-closed': () => t('chair.errClosed') }));
      refresh().catch(() => {});
    }
  });

  apply(report);

  // While the vote is open, the page follows it: the tally endpoint every two seconds, until
  // the vote closes or the reader leaves the page (the view is then no longer in the document).
  let timer = null;
  const stop = () => { clearTimeout(timer); timer = null; window.removeEventListener('hashchange', stop); };
  window.addEventListener('hashchange', stop);
  const tick = async () => {
    timer = null;
    if (!view.isConnected || report.vote.status !== 'open') { stop(); return; }
    try {
      await refresh();
      pollNote.classList.remove('stale');
    } catch {
      pollNote.textContent = t('vote.pollFailed');
      pollNote.classList.add('stale');
    }
    if (view.isConnected && report.vote.status === 'open') timer = setTimeout(tick, POLL_MS);
    else stop();
  };
  if (report.vote.status === 'open') timer = setTimeout(tick, POLL_MS);
}

/* ---------- the organs' cycles, for the home page ---------- */

export function cyclesCard() {
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('app.loading')));
  const sec = h('section', { class: 'card cycles', id: 'cycles', 'aria-labelledby': 'cycles-h' },
    h('h2', { id: 'cycles-h' }, t('cycles.title')), h('p', { class: 'hint' }, t('cycles.intro')), body);
  fillCycles(body);
  return sec;
}

async function fillCycles(body) {
  try {
    const c = await getCycles();
    const organs = (c && Array.isArray(c.organs) ? c.organs : [])
      .slice().sort((a, b) => (b.overdue ? 1 : 0) - (a.overdue ? 1 : 0) || compare(nameText(a), nameText(b)));
    body.replaceChildren();
    if (!organs.length) { body.append(h('p', { class: 'muted' }, t('profile.none'))); return; }
    const session = (s) => (s ? h('a', { href: route('meetings', s.id) },
      s.session_number ? t('cycles.session', { n: s.session_number, date: fmtPdate(s.start) }) : fmtPdate(s.start)) : null);
    body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data cycles-table', id: 'cycles-table' },
      h('caption', { class: 'vh' }, t('cycles.title')),
      h('thead', null, h('tr', null, ['cycles.organ', 'cycles.every', 'cycles.last', 'cycles.next', 'cycles.due'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, organs.map((o) => h('tr', { dataset: { organ: o.organ, overdue: o.overdue ? 'true' : 'false' }, class: o.overdue ? 'overdue' : null },
        h('th', { scope: 'row' }, h('a', { href: route('organs', o.organ) }, nameIn(o))),
        h('td', null, o.cycle_months ? tn('cycles.months', o.cycle_months) : unknownNode()),
        h('td', null, session(o.last) || h('span', { class: 'muted' }, t('cycles.noneHeld'))),
        h('td', null, session(o.next) || h('span', { class: 'muted' }, t('cycles.nonePlanned'))),
        h('td', null, o.due ? h('time', { datetime: o.due }, fmtPdate(o.due)) : h('span', { class: 'muted' }, '—'),
          o.overdue ? [' ', h('strong', { class: 'badge overdue-flag' }, t('cycles.overdue'))] : null)))))));
  } catch (e) {
    body.replaceChildren(errorBox(e));
  } finally {
    body.removeAttribute('aria-busy');
  }
}
