// assign.js - a manager's hand on the lead page (SPEC 8.3, `lead assign`, the event
// {"type": "assign", "to", "reason"}): the lead to a rep of the manager's team, picked among
// those who may take it -- active, of a role that works leads (an AE for an opportunity),
// not away -- each shown with its load (open leads against its capacity, GET /api/v1/reps);
// the lead's open obligations move with it, due times unchanged.
import { api } from './api.js';
import { state } from './state.js';
import { el, field, form, select, fmtNum, fmtTime } from './ui.js';

// "sam (sdr, 7/10 open)", "erin (ae, 3 open)", with "away until …" for one away.
function repLabel(r) {
  const open = r.open_leads === undefined ? '' : ', ' + fmtNum(r.open_leads) + (r.capacity === null || r.capacity === undefined ? '' : '/' + fmtNum(r.capacity)) + ' open';
  return r.name + ' (' + r.role + open + ')' + (r.away_until ? ' · away until ' + fmtTime(r.away_until) : '');
}

// The card of lead l; `done` redraws the page with a message. The lead page's `card(title, form,
// class)` draws the card and its `post(id, body)` sends the event (after.js reads what it answered).
export async function assignForm(l, done, card, post) {
  const opp = l.stage === 'handoff' || l.stage === 'sql';
  const team = (await api('/reps')).filter((r) => r.manager === state.me.name && r.active && r.name !== l.owner &&
    (opp ? r.role === 'ae' : r.role !== 'manager' && r.role !== 'csm'));
  // the reps who may take it first, the least loaded first; those away last, not to be picked
  const load = (r) => (r.capacity ? r.open_leads / r.capacity : r.open_leads || 0);
  team.sort((a, b) => !!a.away_until - !!b.away_until || load(a) - load(b) || a.name.localeCompare(b.name));
  const to = select([['', 'choose a rep'], ...team.map((r) => [r.name, repLabel(r)])], '');
  for (const o of to.options) if (team.find((r) => r.name === o.value && r.away_until)) o.disabled = true;
  const reason = el('input', { type: 'text', required: true });
  const f = form({ 'aria-label': 'Assign by hand', class: 'form-assign' }, [
    el('p', { class: 'hint', text: 'Owned by ' + (l.owner || 'nobody yet') + '. Its open obligations move with it, due times unchanged.' }),
    el('div', { class: 'row' }, field('Assign to', 'to', to), field('Why', 'reason', reason)),
    el('button', { type: 'submit', class: 'primary', text: 'Assign' }),
  ], async () => {
    await post(l.id, { type: 'assign', to: to.value || undefined, reason: reason.value || undefined });
    done('Assigned to ' + to.value);
  });
  return card(l.owner ? 'Reassign by hand' : 'Assign by hand', f, 'assign');
}
