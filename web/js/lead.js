// lead.js - the Lead page (GET /api/v1/leads/{id}): the contact card, open obligations counting
// down, meetings (with their invitation, GET /api/v1/meetings/{id}.ics), the timeline of events,
// and one form per action the API says the token's rep may take now (the lead's "actions"):
// touch logging, the qualification form built from the playbook's fields, the handoff form with
// the playbook's required notes and a meeting picker over the AE's free slots
// (GET /api/v1/reps/{ae}/slots), the AE's review, accept and reject (the playbook's reason codes),
// the rest of the lifecycle, a manager's hand (assign.js) and the meetings' outcomes (meeting.js).
// Each form posts to POST /api/v1/leads/{id}/events (a meeting's outcome to
// POST /api/v1/meetings/{id}/outcome); an action that takes the lead out of the rep's hands ends
// on the queue, saying what happened (after.js). Every time is in the rep's zone, named once. It
// draws itself again when the live stream (live.js) tells of an event of the lead newer than the
// ones it shows (never for its own action, drawn already), unless the rep is filling in one of
// its forms.
import { api, query } from './api.js';
import { onLive } from './live.js';
import { state, serverNow } from './state.js';
import {
  el, clear, field, form, select, fmtTime, fmtDay, fmtClock, fmtNum, timeLeft, words, toast, errorBox, add, zone, detailWords } from './ui.js';
import { leftHands, leave, flash } from './after.js';
import { assignForm } from './assign.js';
import { meetingCards } from './meeting.js';

const TOUCH_KINDS = ['call', 'email', 'social'];
const TOUCH_OUTCOMES = ['connected', 'no_answer', 'voicemail', 'sent', 'replied', 'meeting'];
const MEETING_MINUTES = [30, 45, 60];
const SLOT_DAYS = 5;
const SLOT_LEAD_MINUTES = 60; // the first slot offered starts at least an hour from now

function stageLabel(stage) {
  const s = state.playbook.stages && state.playbook.stages[stage];
  return s ? s.label : stage;
}

let posted = null; // the last action posted and the lead it answered, for after.js

async function post(id, body) {
  const answer = await api('/leads/' + id + '/events', { method: 'POST', body });
  posted = { body, answer };
  return answer;
}

// ---------------------------------------------------------------- the lead's card

function contactCard(l) {
  const rows = [
    ['Email', l.email ? el('a', { href: 'mailto:' + l.email, text: l.email }) : null],
    ['Title', l.title],
    ['Company', l.company],
    ['Phone', l.phone ? el('a', { href: 'tel:' + l.phone, text: l.phone }) : null],
    ['Mobile', l.mobile ? el('a', { href: 'tel:' + l.mobile, text: l.mobile }) : null],
    ['Channel', l.channel],
    ['Source', l.source && words(l.source)],
    ['Segment', l.segment],
    ['Employees', l.employees !== null && l.employees !== undefined ? fmtNum(l.employees) : null],
    ['Country', l.country],
    ['Time zone', l.timezone ? l.timezone + ' (' + fmtClock(new Date(serverNow()).toISOString(), l.timezone) + ' there now)' : null],
    ['Territory', l.territory],
    ['Owner', l.owner],
    ['Handed off by', l.handed_by],
    ['AE', l.ae],
    ['Fit', l.grade ? 'grade ' + l.grade + ' (score ' + fmtNum(l.score, 2) + ')' : null],
    ['Touches', fmtNum(l.touches)],
    ['First touch', l.first_touch_at ? fmtTime(l.first_touch_at) : null],
    ['Opportunity', l.amount ? fmtNum(l.amount) : null],
    ['Nurture until', l.nurture_until ? fmtTime(l.nurture_until) : null],
    ['Created', fmtTime(l.created_at)],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return el('section', { class: 'card contact' },
    el('h2', { text: 'Contact' }),
    el('dl', { class: 'facts' }, rows.map(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)])));
}

function obligationsCard(obs) {
  if (!obs || !obs.length) return null;
  return el('section', { class: 'card' },
    el('h2', { text: 'Open obligations' }),
    el('ul', { class: 'plain' }, obs.map((o) => {
      const t = timeLeft(o.due);
      return el('li', {},
        el('span', { class: 'countdown' + (t.overdue ? ' overdue' : ''), dataset: { due: o.due }, text: t.text }), ' ',
        el('strong', { text: words(o.rule) }), ' owed by ', o.owner || 'nobody', ', due ', fmtTime(o.due));
    })));
}

async function downloadIcs(id) {
  const text = await api('/meetings/' + id + '.ics', { raw: true });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
  const a = el('a', { href: url, download: 'meeting-' + id + '.ics' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function meetingsCard(ms) {
  if (!ms || !ms.length) return null;
  return el('section', { class: 'card' },
    el('h2', { text: 'Meetings' }),
    el('ul', { class: 'plain' }, ms.map((m) => el('li', {},
      el('strong', { text: fmtTime(m.start) }), ' · ', m.minutes + ' min · ', words(m.status),
      ' · with ', m.ae, ', booked by ', m.booked_by, ' ',
      el('button', { type: 'button', class: 'link', onclick: () => downloadIcs(m.id).catch((e) => toast(e.message)), text: 'Invitation (.ics)' })))));
}

function answersCard(l) {
  const q = l.qualification || {};
  const notes = l.notes || {};
  if (!Object.keys(q).length && !Object.keys(notes).length) return null;
  const fields = (state.playbook.qualification && state.playbook.qualification.fields) || {};
  return el('section', { class: 'card' },
    el('h2', { text: 'Qualification and notes' }),
    Object.keys(q).length ? el('dl', { class: 'facts' }, Object.entries(q).map(([k, v]) => [
      el('dt', { text: (fields[k] && fields[k].question) || words(k) }), el('dd', { text: words(v) })])) : null,
    Object.keys(notes).length ? [
      el('h3', { text: 'Handoff notes' + (l.reviewed ? ' (reviewed by the AE)' : ' (not reviewed yet)') }),
      el('dl', { class: 'facts' }, Object.entries(notes).map(([k, v]) => [el('dt', { text: words(k) }), el('dd', { text: v })])),
    ] : null);
}

// What the lead's web form (or CSV file, with --keep) sent beyond baton's fields (SPEC 8.9):
// names as the form gave them, values as text (never HTML)
function formFieldsCard(l) {
  const attrs = Object.entries(l.attributes || {});
  if (!attrs.length) return null;
  return el('section', { class: 'card form-fields' },
    el('h2', { text: 'Form fields' }),
    el('dl', { class: 'facts' }, attrs.map(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })])));
}

// ---------------------------------------------------------------- the timeline

// (the created event's attributes are the Form fields card's, not a line of JSON text here)
const SKIP = new Set(['id', 'at', 'type', 'lead', 'actor', 'from', 'to', 'attributes']);

function timeline(events) {
  const items = events.slice().reverse().map((e) => el('li', { class: 'event event-' + e.type },
    el('div', { class: 'event-head' },
      el('time', { datetime: e.at, text: fmtTime(e.at) }), ' ',
      el('strong', { text: words(e.type) }), ' by ', e.actor || 'system',
      e.to ? el('span', { class: 'transition', text: ' · ' + (e.from ? stageLabel(e.from) + ' → ' : '') + stageLabel(e.to) }) : null),
    el('div', { class: 'event-detail muted', text: detailWords(e, SKIP) })));
  return el('section', { class: 'card timeline' },
    el('h2', { text: 'Timeline (' + events.length + ' events, newest first)' }),
    el('ol', { class: 'events' }, items));
}

// ---------------------------------------------------------------- the action forms

function actionCard(title, f, cls) {
  return el('section', { class: 'card action ' + (cls || '') }, el('h2', { text: title }), f);
}

function touchForm(l, done) {
  const kind = select(TOUCH_KINDS.map((k) => [k, k]), 'call');
  const outcome = select([['', '—'], ...TOUCH_OUTCOMES.map((o) => [o, words(o)])], '');
  const note = el('textarea', { rows: 2 });
  const f = form({ 'aria-label': 'Log a touch', class: 'form-touch' }, [
    el('div', { class: 'row' }, field('Kind', 'kind', kind), field('Outcome', 'outcome', outcome)),
    field('Note', 'note', note),
    el('button', { type: 'submit', class: 'primary', text: 'Log touch' }),
  ], async () => {
    await post(l.id, { type: 'touch', kind: kind.value, outcome: outcome.value || undefined, note: note.value || undefined });
    done('Touch logged');
  });
  return actionCard('Log a touch', f);
}

function qualifyForm(l, done) {
  const defs = (state.playbook.qualification && state.playbook.qualification.fields) || {};
  const answers = l.qualification || {};
  const controls = {};
  const fields = Object.entries(defs).map(([name, d]) => {
    const c = d.type === 'text' || !d.values
      ? el('textarea', { rows: 2 })
      : select([['', '—'], ...d.values.map((v) => [v, words(v)])], answers[name] || '');
    if (c.tagName === 'TEXTAREA') c.value = answers[name] || '';
    controls[name] = c;
    return field(d.question || words(name), name, c, words(name));
  });
  const req = state.playbook.qualification && state.playbook.qualification.handoff_requires;
  const rule = req ? [
    req.all && req.all.length ? 'must answer ' + req.all.map(words).join(', ') : null,
    req.at_least ? 'at least ' + req.at_least.count + ' of ' + req.at_least.of.map(words).join(', ') : null,
  ].filter(Boolean).join('; ') : '';
  const f = form({ 'aria-label': 'Qualification', class: 'form-qualify' }, [
    rule ? el('p', { class: 'hint', text: 'Before a handoff the playbook says: ' + rule + '.' }) : null,
    el('div', { class: 'grid2' }, fields),
    el('button', { type: 'submit', class: 'primary', text: 'Save answers' }),
  ], async () => {
    const set = {};
    for (const [name, c] of Object.entries(controls)) {
      const v = c.value.trim();
      if (v && v !== (answers[name] || '')) set[name] = v;
    }
    if (!Object.keys(set).length) {
      const e = new Error('change at least one answer');
      throw e;
    }
    await post(l.id, { type: 'qualify', set });
    done('Answers saved');
  });
  return actionCard('Qualify', f);
}

// The AEs a handoff may go to: same pod first, then same team, then the rest.
function sortAes(aes) {
  const me = state.me;
  const rank = (a) => (me.pod && a.pod === me.pod ? 0 : me.team && a.team === me.team ? 1 : 2);
  return aes.filter((a) => a.active).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

// What the lead's card already says for a handoff note: its phone for a phone note, its mobile
// for a mobile one; null otherwise.
function knownNote(l, key) {
  if (/mobile/.test(key)) return l.mobile || null;
  if (/phone/.test(key)) return l.phone || null;
  return null;
}

async function handoffForm(l, done) {
  const aes = sortAes(await api('/reps' + query({ role: 'ae' })));
  const pod = aes.find((a) => state.me.pod && a.pod === state.me.pod);
  const ae = select([['', 'let routing choose (no meeting)'],
    ...aes.map((a) => [a.name, a.name + ' (' + [a.team, a.pod].filter(Boolean).join(', ') + ')'])], pod ? pod.name : '');
  const minutes = select(MEETING_MINUTES.map((m) => [m, m + ' minutes']), 30);
  const slot = el('select');
  const slotInfo = el('p', { class: 'hint' });
  const notesReq = (state.playbook.qualification && state.playbook.qualification.notes_require) || [];
  const noteControls = {};
  const notes = notesReq.map((k) => {
    const c = /phone/.test(k) ? el('input', { type: 'tel', autocomplete: 'off' }) : el('textarea', { rows: 2 });
    const known = knownNote(l, k);
    c.value = (l.notes && l.notes[k]) || known || '';
    c.required = true;
    noteControls[k] = c;
    return field(words(k), k, c, known && !(l.notes && l.notes[k]) ? 'from the lead\'s card' : null);
  });
  const loadSlots = async () => {
    clear(slot);
    slot.append(el('option', { value: '', text: 'no meeting' }));
    if (!ae.value) {
      slot.disabled = true;
      slotInfo.textContent = 'Choose an AE to see its free slots.';
      return;
    }
    slot.disabled = false;
    slotInfo.textContent = 'Loading ' + ae.value + '\'s free slots…';
    try {
      const from = new Date(serverNow() + SLOT_LEAD_MINUTES * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
      const r = await api('/reps/' + encodeURIComponent(ae.value) + '/slots' + query({ from, days: SLOT_DAYS, minutes: minutes.value }));
      // the AE's local time, and the prospect's beside it when the lead's zone is known and differs
      // (SPEC 8.4)
      const theirs = l.timezone && l.timezone !== r.timezone ? l.timezone : null;
      const days = new Map();
      for (const s of r.slots) {
        const d = fmtDay(s, r.timezone);
        if (!days.has(d)) days.set(d, el('optgroup', { label: d }));
        days.get(d).append(el('option', { value: s, text: d + ', ' + fmtClock(s, r.timezone) +
          (theirs ? ' · ' + fmtDay(s, theirs) + ' ' + fmtClock(s, theirs) + ' for the prospect' : '') }));
      }
      for (const g of days.values()) slot.append(g);
      slotInfo.textContent = r.slots.length + ' free ' + r.minutes + '-minute slots in the next ' + SLOT_DAYS +
        ' days, in ' + ae.value + '\'s time (' + r.timezone + ')' +
        (theirs ? '; the prospect\'s time (' + theirs + ') beside each' : '');
    } catch (e) {
      slotInfo.textContent = e.message;
    }
  };
  ae.addEventListener('change', loadSlots);
  minutes.addEventListener('change', loadSlots);
  await loadSlots();
  const f = form({ 'aria-label': 'Hand off to an AE', class: 'form-handoff' }, [
    el('p', { class: 'field-error', dataset: { errorFor: 'qualification' }, 'aria-live': 'polite' }),
    field('AE', 'to', ae),
    el('div', { class: 'row' }, field('Meeting length', 'minutes', minutes), field('Meeting', 'meeting', slot)),
    slotInfo,
    el('fieldset', {}, el('legend', { text: 'Handoff notes the playbook requires' }), notes),
    el('button', { type: 'submit', class: 'primary', text: 'Hand off' }),
  ], async () => {
    const body = { type: 'handoff', notes: {} };
    for (const [k, c] of Object.entries(noteControls)) if (c.value.trim()) body.notes[k] = c.value.trim();
    if (ae.value) body.to = ae.value;
    if (slot.value) {
      body.meeting = slot.value;
      body.minutes = Number(minutes.value);
    }
    await post(l.id, body);
    done('Handed off' + (slot.value ? ' with a meeting' : ''));
  });
  return actionCard('Hand off', f, 'handoff');
}

function buttonForm(label, title, body, l, done, message, hint) {
  const f = form({ 'aria-label': title }, [
    hint ? el('p', { class: 'hint', text: hint }) : null,
    el('button', { type: 'submit', class: 'primary', text: label }),
  ], async () => {
    await post(l.id, body);
    done(message);
  });
  return actionCard(title, f);
}

function acceptForm(l, done) {
  const amount = el('input', { type: 'number', min: 0, step: 1, inputmode: 'numeric' });
  const f = form({ 'aria-label': 'Accept the handoff', class: 'form-accept' }, [
    field('Estimated value (optional)', 'amount', amount),
    el('button', { type: 'submit', class: 'primary', text: 'Accept' }),
  ], async () => {
    const body = { type: 'accept' };
    if (amount.value !== '') body.amount = Number(amount.value);
    await post(l.id, body);
    done('Accepted: the lead is an opportunity');
  });
  return actionCard('Accept', f);
}

function rejectForm(l, done) {
  const reasons = Object.entries(state.playbook.rejections || {});
  const reason = select([['', 'choose a reason'], ...reasons.map(([code, to]) => [code, words(code) + ' → ' + stageLabel(to)])], '');
  const until = el('input', { type: 'date' });
  const f = form({ 'aria-label': 'Reject the handoff', class: 'form-reject' }, [
    field('Reason', 'reason', reason),
    field('Recycle on (for a reason that nurtures; optional)', 'until', until),
    el('button', { type: 'submit', class: 'danger', text: 'Reject' }),
  ], async () => {
    await post(l.id, { type: 'reject', reason: reason.value || undefined, until: until.value || undefined });
    done('Rejected');
  });
  return actionCard('Reject', f);
}

function nurtureForm(l, done) {
  const until = el('input', { type: 'date', required: true });
  const reason = el('input', { type: 'text' });
  const f = form({ 'aria-label': 'Nurture' }, [
    el('div', { class: 'row' }, field('Recycle on', 'until', until), field('Reason', 'reason', reason)),
    el('button', { type: 'submit', text: 'Nurture' }),
  ], async () => {
    await post(l.id, { type: 'nurture', until: until.value || undefined, reason: reason.value || undefined });
    done('Nurtured');
  });
  return actionCard('Nurture', f);
}

function disqualifyForm(l, done) {
  const reason = el('input', { type: 'text', required: true });
  const f = form({ 'aria-label': 'Disqualify' }, [
    field('Reason', 'reason', reason),
    el('button', { type: 'submit', class: 'danger', text: 'Disqualify' }),
  ], async () => {
    await post(l.id, { type: 'disqualify', reason: reason.value || undefined });
    done('Disqualified');
  });
  return actionCard('Disqualify', f);
}

function closeForm(l, done) {
  const outcome = select([['won', 'won'], ['lost', 'lost']], 'won');
  const amount = el('input', { type: 'number', min: 0, step: 1, inputmode: 'numeric' });
  const reason = el('input', { type: 'text' });
  const f = form({ 'aria-label': 'Close' }, [
    el('div', { class: 'row' }, field('Outcome', 'outcome', outcome), field('Amount (won)', 'amount', amount)),
    field('Reason', 'reason', reason),
    el('button', { type: 'submit', text: 'Close' }),
  ], async () => {
    const body = { type: 'close', outcome: outcome.value, reason: reason.value || undefined };
    if (amount.value !== '') body.amount = Number(amount.value);
    await post(l.id, body);
    done('Closed ' + outcome.value);
  });
  return actionCard('Close', f);
}

async function actionCards(l, done) {
  const can = new Set(l.actions || []);
  const cards = [];
  if (can.has('review') && !l.reviewed) cards.push(buttonForm('Mark the notes reviewed', 'Review the handoff notes', { type: 'review' }, l, done, 'Notes reviewed', 'The playbook asks the AE to read the notes before the meeting.'));
  if (can.has('accept')) cards.push(acceptForm(l, done));
  if (can.has('reject')) cards.push(rejectForm(l, done));
  if (can.has('touch')) cards.push(touchForm(l, done));
  if (can.has('qualify')) cards.push(qualifyForm(l, done));
  if (can.has('handoff')) cards.push(await handoffForm(l, done));
  if (can.has('live')) cards.push(buttonForm('Mark live', 'Customer is live', { type: 'live' }, l, done, 'Live: customer success takes over'));
  if (can.has('restore')) cards.push(buttonForm('Restore', 'Restore the filtered lead', { type: 'restore' }, l, done, 'Restored'));
  if (can.has('assign')) cards.push(await assignForm(l, done, actionCard, post));
  const more = [];
  if (can.has('close')) more.push(closeForm(l, done));
  if (can.has('nurture')) more.push(nurtureForm(l, done));
  if (can.has('disqualify')) more.push(disqualifyForm(l, done));
  if (more.length) cards.push(el('details', { class: 'more' }, el('summary', { text: 'More actions' }), more));
  cards.push(...meetingCards(l, done));
  if (!cards.length) cards.push(el('p', { class: 'muted', text: 'Nothing you may do on this lead in its stage.' }));
  return cards;
}

// ---------------------------------------------------------------- the page

export async function render(main, { id }) {
  if (!/^\d+$/.test(id || '')) throw new Error('no such lead');
  let timer = null;
  let shown = 0; // the newest event the page shows: a line of the stream about it changes nothing
  const draw = async (message) => {
    const l = await api('/leads/' + id);
    shown = Math.max(shown, ...(l.events || []).map((e) => e.id || 0));
    // after an action: the queue when the lead left the rep's hands, or when the rep may no
    // longer see it (a refused reload is no error of the action); else the lead, redrawn
    const after = async (msg) => {
      const last = posted;
      posted = null;
      if (last && leftHands(last.answer)) return leave(last.body, last.answer, msg);
      try {
        await draw(msg);
      } catch (e) {
        if (e.status !== 403 && e.status !== 404) throw e;
        await leave(last ? last.body : {}, last ? last.answer : null, msg);
      }
    };
    const done = (msg) => after(msg).catch((e) => main.prepend(errorBox(e)));
    const actions = await actionCards(l, done);
    add(clear(main), 
      el('div', { class: 'page-head lead-head' },
        el('p', {}, el('a', { href: '#/queue', text: '← Queue' })),
        el('h1', {}, l.name || l.email, ' ', el('span', { class: 'stage stage-' + l.stage, text: l.stage_label || stageLabel(l.stage) })),
        el('p', { class: 'muted', text: [l.title, l.company, 'lead #' + l.id, 'times in ' + zone()].filter(Boolean).join(' · ') })),
      el('div', { class: 'lead-grid' },
        el('div', { class: 'lead-side' }, contactCard(l), obligationsCard(l.obligations), meetingsCard(l.meetings), answersCard(l), formFieldsCard(l)),
        el('div', { class: 'lead-main' }, el('div', { class: 'actions' }, actions), timeline(l.events || []))));
    if (message) toast(message);
  };
  await draw();
  const off = onLive((line) => {
    if (line.type !== 'resync' && (line.lead !== Number(id) || !line.id || line.id <= shown)) return;
    const f = document.activeElement;
    if (f && main.contains(f) && f.matches('input, textarea, select')) {
      toast('This lead just changed: the page shows it after your action'); // their typing stays
      return;
    }
    draw().catch((e) => {
      if (e.status !== 403 && e.status !== 404) return;
      flash('Lead #' + id + ' is no longer yours: ' + (line.owner ? 'it went to ' + line.owner : 'it left your hands') + '.');
      location.hash = '#/queue'; // taken from the rep meanwhile (another's hand, a breach)
    });
  });
  timer = setInterval(() => {
    for (const s of main.querySelectorAll('.countdown[data-due]')) {
      const t = timeLeft(s.dataset.due);
      s.textContent = t.text;
      s.classList.toggle('overdue', t.overdue);
    }
  }, 1000);
  return () => { clearInterval(timer); off(); };
}
