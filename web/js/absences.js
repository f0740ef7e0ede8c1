// absences.js - the Team page's absences card, for managers (SPEC 8.3): a form that puts a rep
// of the manager's team away for whole days (POST /api/v1/reps/{name}/absences, the dates read
// in the rep's zone, the last day included), and the team's absences (GET .../absences) with a
// Cancel button for those not over (DELETE .../absences/{id}). While away a rep gets no leads
// and no meetings; its untouched leads go back to the rotation when the absence starts.
import { api } from './api.js';
import { state, serverNow } from './state.js';
import { el, clear, field, form, select, fmtTime, isoDay, addDays, table, toast, errorBox, add } from './ui.js';

const path = (rep) => '/reps/' + encodeURIComponent(rep) + '/absences';

// The card: `reps` is the rep directory (GET /api/v1/reps); the manager's team are those it manages.
export function absencesCard(reps) {
  const team = reps.filter((r) => r.manager === state.me.name && r.role !== 'manager').map((r) => r.name).sort();
  const list = el('div');
  if (!team.length) return null;
  const today = isoDay(serverNow());
  const rep = select(team.map((n) => [n, n]), team[0]);
  const from = el('input', { type: 'date', value: addDays(today, 1), required: true });
  const to = el('input', { type: 'date', value: addDays(today, 1), required: true });
  const reason = el('input', { type: 'text', placeholder: 'holiday' });

  const draw = async () => {
    clear(list);
    // what is still to come or going on: cancelled and past absences are history
    const all = (await Promise.all(team.map((n) => api(path(n))))).flat()
      .filter((a) => a.status !== 'cancelled' && a.status !== 'over')
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    if (!all.length) {
      add(list, el('p', { class: 'empty', text: 'Nobody in your team is away or will be.' }));
      return;
    }
    add(list, table([
      { label: 'Rep', value: (a) => a.rep },
      { label: 'Away from', class: 'when', value: (a) => fmtTime(a.from) },
      { label: 'Back', class: 'when', value: (a) => fmtTime(a.to) },
      { label: 'Status', value: (a) => a.status },
      { label: 'Reason', value: (a) => a.reason || '—' },
      { label: 'From', value: (a) => (a.source === 'ics' ? 'calendar' : 'by hand') },
      {
        label: '', value: (a) => el('button', {
          type: 'button', class: 'link', 'aria-label': 'Cancel absence ' + a.id + ' of ' + a.rep,
          text: a.status === 'away' ? 'End now' : 'Cancel',
          onclick: () => api(path(a.rep) + '/' + a.id, { method: 'DELETE' })
            .then(() => { toast('Absence of ' + a.rep + ' cancelled'); return draw(); })
            .catch((e) => list.prepend(errorBox(e))),
        }),
      },
    ], all, 'Absences of your team'));
  };

  const f = form({ 'aria-label': 'Put a rep away', class: 'form-absence' }, [
    el('div', { class: 'row' },
      field('Rep', 'rep', rep),
      field('First day away', 'from', from),
      field('Last day away (included)', 'to', to),
      field('Reason (optional)', 'reason', reason)),
    el('button', { type: 'submit', class: 'primary', text: 'Put away' }),
  ], async () => {
    const a = await api(path(rep.value), {
      method: 'POST', body: { from: from.value, to: to.value, reason: reason.value || undefined },
    });
    toast(a.rep + ' is away from ' + fmtTime(a.from) + ' to ' + fmtTime(a.to));
    reason.value = '';
    await draw();
  });
  draw().catch((e) => add(clear(list), errorBox(e)));
  return el('section', { class: 'card absences' },
    el('h2', { text: 'Absences' }),
    el('p', { class: 'hint', text: 'While away a rep gets no leads and no meetings; when the absence starts, its untouched leads go back to the rotation and you are told.' }),
    f, list);
}
