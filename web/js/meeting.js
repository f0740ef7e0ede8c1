// meeting.js - the lead page's meeting outcomes (POST /api/v1/meetings/{id}/outcome, as
// `baton meeting held|no-show|reschedule|cancel`): for each booked meeting, "Held" and "No-show"
// once it has started (its AE or a manager), and before it "Reschedule" to one of the AE's free
// slots (GET /api/v1/reps/{ae}/slots) or to a time still to find (a follow-up task), and
// "Cancel", each naming who asked for it: the prospect or the seller (a seller's late move keeps
// the booking rep's credit; the playbook's reschedule_notice). The server decides who may.
import { api, query } from './api.js';
import { state, serverNow, isManager } from './state.js';
import { el, clear, field, form, select, fmtTime, fmtDay, fmtClock, add } from './ui.js';

const SLOT_DAYS = 10;
const SLOT_LEAD_MINUTES = 60;

function post(m, body) {
  return api('/meetings/' + m.id + '/outcome', { method: 'POST', body });
}

// The initiator select: who asked for the move.
function initiatorSelect() {
  return select([['prospect', 'the prospect'], ['seller', 'the seller (us)']], 'prospect');
}

// The AE's free slots of the meeting's length, by day, in the AE's time, into `slot`.
async function loadSlots(m, slot, info) {
  clear(slot);
  slot.append(el('option', { value: '', text: 'no new time yet: a task to find one' }));
  try {
    const from = new Date(serverNow() + SLOT_LEAD_MINUTES * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
    const r = await api('/reps/' + encodeURIComponent(m.ae) + '/slots' + query({ from, days: SLOT_DAYS, minutes: m.minutes }));
    const days = new Map();
    for (const s of r.slots) {
      const d = fmtDay(s, r.timezone);
      if (!days.has(d)) days.set(d, el('optgroup', { label: d }));
      days.get(d).append(el('option', { value: s, text: d + ', ' + fmtClock(s, r.timezone) }));
    }
    for (const g of days.values()) slot.append(g);
    info.textContent = r.slots.length + ' free slots of ' + m.minutes + ' minutes in ' + m.ae + '\'s time (' + r.timezone + ')';
  } catch (e) {
    info.textContent = e.message;
  }
}

// The reschedule form of meeting m.
function rescheduleForm(m, done) {
  const who = initiatorSelect();
  const slot = el('select');
  const info = el('p', { class: 'hint' });
  loadSlots(m, slot, info);
  return form({ 'aria-label': 'Reschedule meeting ' + m.id, class: 'form-reschedule', hidden: true }, [
    el('div', { class: 'row' }, field('Who asked', 'initiator', who), field('New time', 'at', slot)),
    info,
    el('button', { type: 'submit', class: 'primary', text: 'Reschedule' }),
  ], async () => {
    await post(m, { outcome: 'reschedule', initiator: who.value, at: slot.value || undefined });
    done(slot.value ? 'Meeting moved to ' + fmtTime(slot.value) : 'Meeting to reschedule: a task to find a new time');
  });
}

// The cancel form of meeting m.
function cancelForm(m, done) {
  const who = initiatorSelect();
  return form({ 'aria-label': 'Cancel meeting ' + m.id, class: 'form-cancel', hidden: true }, [
    field('Who asked', 'initiator', who),
    el('button', { type: 'submit', class: 'danger', text: 'Cancel the meeting' }),
  ], async () => {
    await post(m, { outcome: 'cancel', initiator: who.value });
    done('Meeting cancelled');
  });
}

// One booked meeting: its line, its buttons and the forms they open.
function meetingItem(m, done) {
  const started = Date.parse(m.start) <= serverNow();
  const mark = (outcome, text) => form({ 'aria-label': text + ': meeting ' + m.id, class: 'inline' }, [
    el('button', { type: 'submit', class: outcome === 'held' ? 'primary' : null, text }),
  ], async () => {
    await post(m, { outcome });
    done('Meeting marked ' + text.toLowerCase());
  });
  const moves = [rescheduleForm(m, done), cancelForm(m, done)];
  const open = (f) => () => {
    for (const x of moves) x.hidden = x !== f || !x.hidden;
  };
  return el('li', {},
    el('span', {}, el('strong', { text: fmtTime(m.start) }), ' · ' + m.minutes + ' min with ' + m.ae + ', booked by ' + m.booked_by),
    el('div', { class: 'buttons' },
      started ? [mark('held', 'Held'), mark('no_show', 'No-show')] : [
        el('button', { type: 'button', text: 'Reschedule…', 'aria-expanded': 'false', onclick: (ev) => { open(moves[0])(); ev.currentTarget.setAttribute('aria-expanded', String(!moves[0].hidden)); } }),
        el('button', { type: 'button', text: 'Cancel…', 'aria-expanded': 'false', onclick: (ev) => { open(moves[1])(); ev.currentTarget.setAttribute('aria-expanded', String(!moves[1].hidden)); } }),
      ]),
    started ? el('p', { class: 'hint', text: 'It has started: mark it held or a no-show.' })
      : el('p', { class: 'hint', text: 'Before it starts it can be moved or cancelled; held or no-show once it has started.' }),
    started ? null : moves);
}

// The lead page's card of outcomes for l's booked meetings that the signed-in rep may record
// (its AE, the rep who booked it, a manager); [] when there is none.
export function meetingCards(l, done) {
  const me = state.me.name;
  const mine = (l.meetings || []).filter((m) => m.status === 'booked' && (isManager() || m.ae === me || m.booked_by === me));
  if (!mine.length) return [];
  return [el('section', { class: 'card action meeting-outcomes' },
    el('h2', { text: mine.length > 1 ? 'Meeting outcomes' : 'Meeting outcome' }),
    el('ul', { class: 'plain' }, mine.map((m) => meetingItem(m, done))))];
}
