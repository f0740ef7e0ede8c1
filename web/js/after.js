// after.js - what the lead page does after an action that takes the lead out of the rep's hands
// (a rejection, a handoff, a nurture, a disqualification, a reassignment, a lost deal): it says
// what happened in words ("Ada Lovelace rejected (not qualified): back with the SDR maria") as a
// message on the queue page, and goes back to the queue -- it does not reload a lead the rep
// may no longer see, so a successful action never ends on a refusal.
import { api } from './api.js';
import { state, isManager } from './state.js';
import { el, fmtTime, words } from './ui.js';

// Stages in which a lead leaves its owner's work (the queue no longer lists it).
const ENDS = new Set(['nurture', 'disqualified', 'lost', 'filtered']);

let pending = null; // the message for the next queue page

// Keeps `text` for the queue page shown next (takeFlash).
export function flash(text) {
  pending = text;
}

// The kept message as a notice (role status), once; null when there is none.
export function takeFlash() {
  const text = pending;
  pending = null;
  return text ? el('p', { class: 'notice ok flash', role: 'status', text }) : null;
}

// 1 if the lead, as the action's answer shows it, has left the signed-in rep's hands: another
// rep owns it now, or it left the work (nurture, disqualified, lost). A manager keeps its
// team's leads in sight: its page stays.
export function leftHands(answer) {
  if (!answer || !state.me || isManager()) return false;
  return answer.owner !== state.me.name || ENDS.has(answer.stage);
}

// "the SDR maria" (the rep's role from GET /api/v1/reps), else "maria".
async function who(name) {
  if (!name) return 'nobody yet';
  try {
    const rep = (await api('/reps')).find((r) => r.name === name);
    return rep ? 'the ' + rep.role.toUpperCase() + ' ' + name : name;
  } catch (e) {
    return name;
  }
}

// Where the lead is now, in words: "back with the SDR maria", "nurtured until 1 Feb 2027".
async function whereNow(answer) {
  if (answer.stage === 'nurture') return 'nurtured' + (answer.nurture_until ? ' until ' + fmtTime(answer.nurture_until) : '');
  if (answer.stage === 'disqualified') return 'disqualified';
  if (answer.stage === 'lost') return 'closed lost';
  const owner = await who(answer.owner);
  return (answer.owner === answer.handed_by ? 'back with ' : 'now with ') + owner + ' (' + (answer.stage_label || answer.stage) + ')';
}

// What happened, in words, from the action posted (`body`), the lead's answer and the message
// the form gave (`said`: "Rejected").
export async function leftMessage(body, answer, said) {
  const name = answer.name || answer.email || 'lead #' + answer.id;
  const reason = body.reason ? ' (' + words(body.reason) + ')' : '';
  switch (body.type) {
    case 'reject':
      return name + ' rejected' + reason + ': ' + (await whereNow(answer));
    case 'handoff':
      return name + ' handed off to ' + (await who(answer.owner)) + (body.meeting ? ', meeting on ' + fmtTime(body.meeting) : '');
    case 'nurture':
    case 'disqualify':
      return name + ' ' + (await whereNow(answer)) + reason;
    case 'assign':
      return name + ' assigned to ' + (await who(answer.owner)) + reason;
    case 'close':
      return name + ' closed ' + body.outcome + reason;
    default:
      return said + ': ' + name + ' is ' + (await whereNow(answer));
  }
}

// Says what happened on the queue page and goes there.
export async function leave(body, answer, said) {
  flash(answer ? await leftMessage(body, answer, said) : said);
  location.hash = '#/queue';
}
