// replay_reps.js - "Changes to reps" in the "Try a change" panel (replay.js), for managers (issue
// 18: "weight a senior MRR 2:1, move a territory, a new absence"): the reps (GET /api/v1/reps) in
// a compact table whose weight, capacity, territories and active the manager edits, each changed
// cell marked, and new absences (rep, first and last day, reason). changes() builds only what
// changed as the `changes` JSON the replay takes (docs/replay.md "Changes to reps"); showError()
// puts the API's refusal (`changes.reps.NAME.weight`, `changes.absences[1].from`) at its field;
// changesSaid() writes the changes an answer echoes. The store's reps are never changed.
import { api } from './api.js';
import { el, clear, add, errorBox, field, select, uniqueId } from './ui.js';

// A whole number as a number, any other text as it is (the API names the field it refuses).
function whole(s) {
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

// Territories typed "US-East, CA" as the list the API takes.
function territoryList(s) {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

// The settings a row edits: the member of changes.reps.NAME, its column, its input, the text
// it shows for a rep of GET /api/v1/reps, and the value sent for the input's text (or its box).
const SETTINGS = [
  { key: 'weight', label: 'Weight', attrs: { type: 'number', min: 1, max: 100, inputmode: 'numeric' }, shown: (r) => String(r.weight ?? ''), sent: whole },
  { key: 'capacity', label: 'Capacity', attrs: { type: 'number', min: 0, inputmode: 'numeric', placeholder: 'none' }, shown: (r) => (r.capacity === null || r.capacity === undefined ? '' : String(r.capacity)), sent: (s) => (s.trim() === '' ? 'none' : whole(s)) },
  { key: 'territories', label: 'Territories', attrs: { type: 'text', placeholder: 'none' }, shown: (r) => territoryList(String(r.territories || '')).join(', '), sent: territoryList },
  { key: 'active', label: 'Active', attrs: { type: 'checkbox' }, shown: (r) => String(r.active !== false), sent: (s) => s === 'true' },
];

// What an input holds, as text comparable with a setting's shown(): a box "true"/"false", a
// list of territories normalised.
function valueOf(s, input) {
  if (input.type === 'checkbox') return String(input.checked);
  if (s.key === 'territories') return territoryList(input.value).join(', ');
  return input.value.trim();
}

// One rep's row and the row of its error under it; cells[key] is each setting's input.
function repRows(rep, onEdit) {
  const path = 'changes.reps.' + rep.name;
  const err = el('p', { class: 'field-error', id: uniqueId('rep-error'), 'aria-live': 'polite', dataset: { errorFor: path } });
  const errRow = el('tr', { class: 'rep-error', hidden: true }, el('td', { colspan: SETTINGS.length + 1 }, err));
  const inputs = {};
  const tds = SETTINGS.map((s) => {
    const input = el('input', Object.assign({ id: uniqueId('rep-' + s.key), dataset: { path: path + '.' + s.key } }, s.attrs));
    const was = s.shown(rep);
    if (input.type === 'checkbox') input.checked = was === 'true';
    else input.value = was;
    input.setAttribute('aria-describedby', err.id);
    inputs[s.key] = input;
    const td = el('td', { class: 'rep-' + s.key },
      el('label', { class: 'sr-only', for: input.id, text: s.label + ' of ' + rep.name }), input);
    const mark = () => {
      td.classList.toggle('changed', valueOf(s, input) !== was);
      onEdit(errRow, err);
    };
    input.addEventListener('input', mark);
    input.addEventListener('change', mark);
    return td;
  });
  const row = el('tr', {}, el('th', { scope: 'row' }, rep.name, el('span', { class: 'rep-role', text: ' ' + (rep.role || '') })), tds);
  return { rep, row, errRow, err, inputs };
}

// An absence's fieldset: its rep, first and last day, reason, and Remove.
function absenceRow(names, onRemove) {
  const rep = select(names);
  const from = el('input', { type: 'date' });
  const to = el('input', { type: 'date' });
  const reason = el('input', { type: 'text', placeholder: 'vacation' });
  const legend = el('legend');
  const remove = el('button', { type: 'button', class: 'link', text: 'Remove' });
  const fields = { rep: field('Rep', 'rep', rep), from: field('First day away', 'from', from), to: field('Last day away (included)', 'to', to), reason: field('Reason', 'reason', reason) };
  const box = el('fieldset', { class: 'replay-absence' }, legend, el('div', { class: 'row' }, Object.values(fields)), remove);
  const a = { box, legend, remove, controls: { rep, from, to, reason } };
  remove.addEventListener('click', () => onRemove(a));
  return a;
}

// The section: `node` to place in the panel; changes() the JSON of what changed (null: nothing);
// clearErrors(); showError(e) shows an ApiError naming a member of `changes` at its field and
// returns the element holding the message.
export function repsChanges() {
  const errLine = el('p', { class: 'form-error', role: 'alert', dataset: { errorFor: 'changes' } });
  const count = el('span', { class: 'replay-reps-count' });
  const body = el('div', {}, el('p', { class: 'muted', text: 'Loading the reps…' }));
  const absList = el('div', { class: 'replay-absences' });
  let reps = [];
  const absences = [];

  const recount = () => {
    const n = body.querySelectorAll('td.changed').length + absences.length;
    count.textContent = n ? ' (' + n + ' changed)' : '';
  };
  const onEdit = (errRow, err) => {
    err.textContent = '';
    errRow.hidden = true;
    recount();
  };
  // an absence's fields are named by its place: changes.absences[i].from
  const renumber = () => absences.forEach((a, i) => {
    a.legend.textContent = 'New absence ' + (i + 1);
    a.remove.setAttribute('aria-label', 'Remove new absence ' + (i + 1));
    for (const [k, c] of Object.entries(a.controls)) {
      const slot = a.box.querySelector('#' + CSS.escape(c.id + '-error'));
      slot.dataset.errorFor = 'changes.absences[' + i + '].' + k;
      c.dataset.path = slot.dataset.errorFor;
    }
  });
  const addAbsence = el('button', { type: 'button', text: 'Add an absence', disabled: true });
  addAbsence.addEventListener('click', () => {
    const a = absenceRow(reps.map((r) => r.rep.name), (gone) => {
      absences.splice(absences.indexOf(gone), 1);
      gone.box.remove();
      renumber();
      recount();
      addAbsence.focus();
    });
    absences.push(a);
    absList.append(a.box);
    renumber();
    recount();
    a.controls.rep.focus();
  });

  api('/reps').then((list) => {
    reps = list.map((r) => repRows(r, onEdit));
    add(clear(body), el('table', { class: 'replay-reps-table' },
      el('caption', { class: 'sr-only', text: 'The reps\' settings to replay with' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Rep' }), SETTINGS.map((s) => el('th', { scope: 'col', class: 'rep-' + s.key, text: s.label })))),
      el('tbody', {}, reps.map((r) => [r.row, r.errRow]))));
    addAbsence.disabled = false;
  }).catch((e) => add(clear(body), errorBox(e)));

  const node = el('details', { class: 'replay-reps' },
    el('summary', {}, 'Changes to reps', count),
    el('p', { class: 'hint', text: 'Replay as if a rep\'s weight, capacity, territories or whether it takes leads were otherwise, or with a new absence, from the rep\'s start. The store\'s reps stay as they are.' }),
    errLine, body, absList, el('div', { class: 'buttons' }, addAbsence));

  const changes = () => {
    const out = {};
    for (const r of reps) {
      const set = {};
      for (const s of SETTINGS) {
        const v = valueOf(s, r.inputs[s.key]);
        if (v !== s.shown(r.rep)) set[s.key] = s.sent(v);
      }
      if (Object.keys(set).length) (out.reps = out.reps || {})[r.rep.name] = set;
    }
    if (absences.length) {
      out.absences = absences.map(({ controls: c }) => {
        const a = { rep: c.rep.value, from: c.from.value, to: c.to.value };
        if (c.reason.value.trim()) a.reason = c.reason.value.trim();
        return a;
      });
    }
    return Object.keys(out).length ? out : null;
  };

  const clearErrors = () => {
    errLine.textContent = '';
    for (const p of node.querySelectorAll('.field-error')) p.textContent = '';
    for (const r of reps) r.errRow.hidden = true;
    for (const c of node.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  };

  const showError = (e) => {
    clearErrors();
    const f = String(e.field || 'changes');
    node.open = true;
    let slot = node.querySelector(`.field-error[data-error-for="${CSS.escape(f)}"]`);
    const control = node.querySelector(`[data-path="${CSS.escape(f)}"]`);
    // a rep's member: the error under its row (a rep's name may hold dots)
    const r = reps.find((x) => f === 'changes.reps.' + x.rep.name || f.startsWith('changes.reps.' + x.rep.name + '.'));
    if (!slot && r) {
      slot = r.err;
      r.errRow.hidden = false;
    }
    if (!slot) slot = errLine;
    slot.textContent = e.message;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
    return slot;
  };

  return { node, changes, clearErrors, showError };
}

// The changes an answer echoes ("changes"), in words as `baton replay` says them first; null
// for none.
export function changesSaid(c) {
  if (!c || (!c.reps && !c.absences)) return null;
  const value = (v) => (Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v));
  const items = [
    ...Object.entries(c.reps || {}).map(([name, set]) => name + ': ' + Object.entries(set).map(([k, v]) => k + ' ' + value(v)).join(', ')),
    ...(c.absences || []).map((a) => a.rep + ' away from ' + a.from + ' to ' + a.to + (a.reason ? ' (' + a.reason + ')' : '')),
  ];
  return el('div', { class: 'replay-changes' },
    el('p', { text: 'Replayed with these changes to reps:' }),
    el('ul', {}, items.map((x) => el('li', { text: x }))));
}
