// replay.js - the "Try a change" panel of the playbook editor (playbook_edit.js), for managers:
// the draft in the editor is replayed over the store's history (POST /api/v1/replay, the same
// comparison as `baton replay --json`, SPEC 8.10) and the answer shown as a table of
// differences (report, row, current, proposed, delta: the changed rows, or every row) and as
// bars of current against proposed (SLA compliance per rule, the funnel's stages); then the
// editor's own Apply. The table walks whatever reports the answer holds, matching the rows of a
// report's tables by their text members as the command line does (io/json_delta.c). Changes to
// reps (replay_reps.js: weights, territories, capacity, active, new absences) go with the draft
// as `changes`, a refusal of one shown at its field, and the answer says those it replayed.
import { api, query } from './api.js';
import { el, clear, add, errorBox, fmtNum } from './ui.js';
import { repsChanges, changesSaid } from './replay_reps.js';

// ---------------------------------------------------------------- the differences

// The text members of a row (its rule, its group's key): how both sides' rows are matched.
function rowKey(row) {
  return Object.entries(row).filter(([k, v]) => typeof v === 'string' && k !== 'only').map(([, v]) => v).join('/');
}

function isRow(x) {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

// Every leaf of current c and proposed p under path, in current's order then proposed's extras:
// {path, current, proposed} (undefined for a side that lacks it); null and equal text skipped.
function leaves(c, p, path, out) {
  if (Array.isArray(c) || Array.isArray(p)) {
    const cs = Array.isArray(c) ? c : [];
    const ps = Array.isArray(p) ? p : [];
    const label = (row, i) => path + '[' + (isRow(row) && rowKey(row) ? rowKey(row) : i) + ']';
    const find = (rows, row) => rows.find((y) => isRow(row) && isRow(y) && rowKey(y) === rowKey(row));
    cs.forEach((row, i) => leaves(row, find(ps, row), label(row, i), out));
    ps.forEach((row, i) => { if (!find(cs, row)) leaves(undefined, row, label(row, i), out); });
  } else if (isRow(c) || isRow(p)) {
    const co = isRow(c) ? c : {};
    const po = isRow(p) ? p : {};
    const keys = [...Object.keys(co), ...Object.keys(po).filter((k) => !(k in co))];
    for (const k of keys) leaves(co[k], po[k], path ? path + '.' + k : k, out);
  } else if ((c === null || c === undefined) && (p === null || p === undefined)) {
    // nothing on either side (an open window's bound)
  } else if ((typeof c === 'string' || typeof p === 'string') && c === p) {
    // the same text on both sides: the row's name, not a figure
  } else {
    out.push({ path, current: c, proposed: p });
  }
  return out;
}

// The rows of the table: one per figure of every report of the answer r.
export function differences(r) {
  const rows = [];
  const names = [...Object.keys(r.current || {}), ...Object.keys(r.proposed || {}).filter((k) => !(k in (r.current || {})))];
  for (const name of names) {
    for (const x of leaves((r.current || {})[name], (r.proposed || {})[name], '', [])) {
      const num = typeof x.current === 'number' && typeof x.proposed === 'number';
      const delta = num ? x.proposed - x.current : (x.current === x.proposed ? 0 : null);
      rows.push({ report: name, row: x.path, current: x.current, proposed: x.proposed, delta, changed: delta !== 0 });
    }
  }
  return rows;
}

// A figure as it reads: counts whole, rates to four decimals, "—" for a side that lacks it.
function figure(x) {
  if (x === undefined || x === null) return '—';
  if (typeof x === 'number') return Number.isInteger(x) ? fmtNum(x) : fmtNum(x, 4);
  return String(x);
}

function signed(d) {
  if (d === null) return 'changed';
  if (d === 0) return '0';
  return (d > 0 ? '+' : '−') + figure(Math.abs(d));
}

// A row's path in words: "rows[speed_to_lead/all].breached" -> "speed to lead · breached" (the
// path itself is the cell's title, as `baton replay` prints it).
function rowWords(path) {
  return path.replace(/^rows\[([^\]]*)\]\.?/, '$1 · ').replace(/\/all\b/g, '').replace(/_/g, ' ');
}

// The table of differences: the changed rows, or every row when `all`.
function diffTable(rows, all) {
  const shown = all ? rows : rows.filter((x) => x.changed);
  if (!shown.length) return el('p', { class: 'empty replay-none', text: 'No difference: under the draft the history comes out the same.' });
  return el('div', { class: 'scroll' }, el('table', { class: 'replay-diff' },
    el('caption', { text: all ? 'Every figure of the compared reports' : shown.length + ' figure' + (shown.length === 1 ? '' : 's') + ' change under the draft' }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'Report' }), el('th', { scope: 'col', text: 'Row' }),
      el('th', { scope: 'col', class: 'num', text: 'Current' }), el('th', { scope: 'col', class: 'num', text: 'Proposed' }),
      el('th', { scope: 'col', class: 'num', text: 'Delta' }))),
    el('tbody', {}, shown.map((x) => el('tr', { class: x.changed ? 'changed' : null },
      el('td', { text: x.report }), el('td', { class: 'replay-row', title: x.row, 'data-path': x.row, text: rowWords(x.row) }),
      el('td', { class: 'num', text: figure(x.current) }), el('td', { class: 'num', text: figure(x.proposed) }),
      // no colour for a sign: more breaches are worse, more meetings better
      el('td', { class: 'num delta', text: signed(x.delta) }))))));
}

// ---------------------------------------------------------------- the chart

// Bars of current against proposed, one pair per item {label, current, proposed}; `fmt` writes a
// value. Each bar's length is a share of its row (set through the CSSOM, as the page's policy
// allows), so the chart fits a phone.
function bars(title, items, fmt) {
  const max = Math.max(1e-9, ...items.flatMap((x) => [x.current || 0, x.proposed || 0]));
  const bar = (side, v) => {
    const fill = el('span', { class: 'fill' });
    fill.style.width = Math.max(0, ((v || 0) / max) * 80) + '%';
    return el('div', { class: 'replay-bar ' + side }, fill, el('span', { class: 'val', text: fmt(v) }));
  };
  return el('figure', { class: 'replay-chart' },
    el('figcaption', { text: title }),
    el('p', { class: 'replay-legend' }, el('span', { class: 'key current' }), ' current ', el('span', { class: 'key proposed' }), ' proposed'),
    items.map((x) => el('div', { class: 'replay-bars', role: 'img', 'aria-label': x.label + ': ' + fmt(x.current) + ' now, ' + fmt(x.proposed) + ' under the draft' },
      el('div', { class: 'replay-bar-label', text: x.label }), bar('current', x.current), bar('proposed', x.proposed))));
}

// The charts the answer allows: SLA compliance per rule, the funnel's stages (its first row).
function charts(r) {
  const out = [];
  const cur = r.current || {}, pro = r.proposed || {};
  const pct = (v) => (v === undefined || v === null ? '—' : Math.round(v * 1000) / 10 + '%');
  if (cur.sla && pro.sla && Array.isArray(cur.sla.rows)) {
    const items = cur.sla.rows.filter((x) => typeof x.compliance === 'number').map((x) => {
      const p = (pro.sla.rows || []).find((y) => rowKey(y) === rowKey(x));
      return { label: x.rule === 'all' ? 'all rules' : x.rule.replace(/_/g, ' '), current: x.compliance, proposed: p ? p.compliance : null };
    });
    if (items.length) out.push(bars('SLA compliance per rule', items, pct));
  }
  if (cur.funnel && pro.funnel && Array.isArray(cur.funnel.rows) && cur.funnel.rows[0]) {
    const c = cur.funnel.rows[0];
    const p = (pro.funnel.rows || []).find((y) => rowKey(y) === rowKey(c)) || {};
    const items = Object.entries(c).filter(([k, v]) => Number.isInteger(v) && k !== 'leads' && !k.includes('_to_'))
      .map(([k, v]) => ({ label: k.replace(/_/g, ' '), current: v, proposed: p[k] }));
    if (items.length) out.push(bars('Funnel: leads per stage', items, (v) => figure(v)));
  }
  return out;
}

// ---------------------------------------------------------------- the panel

// The panel: `draft()` gives the editor's text; `showErrors(list)` shows a 422's errors at their
// lines in the editor; `apply` is the editor's Apply button (clicked by "Apply this change").
export function replayPanel({ draft, showErrors, apply }) {
  const out = el('div', { class: 'replay-out', 'aria-live': 'polite' });
  const toggleId = 'replay-all';
  let last = null;
  const all = el('input', { type: 'checkbox', id: toggleId });
  const draw = () => {
    if (!last) return;
    const rows = differences(last);
    const n = rows.filter((x) => x.changed).length;
    const done = last.replayed || {};
    add(clear(out),
      el('p', { class: 'replay-summary' }, el('strong', { text: n ? n + ' figure' + (n === 1 ? '' : 's') + ' differ.' : 'No difference.' }),
        ' Replayed ' + fmtNum(done.replayed) + ' of ' + fmtNum(done.events) + ' recorded events' +
        (done.skipped ? ', ' + fmtNum(done.skipped) + ' refused under the draft (the lead had taken another path).' : '.')),
      el('p', { class: 'hint', text: 'Assumed: ' + last.assumption + '.' }),
      changesSaid(last.changes),
      el('div', { class: 'replay-toggle' }, all, el('label', { for: toggleId, text: 'Show every row, not only those that change' })),
      diffTable(rows, all.checked),
      el('div', { class: 'replay-charts' }, charts(last)),
      el('div', { class: 'buttons' }, el('button', { type: 'button', class: 'primary', text: 'Apply this change', onclick: () => apply.click() })));
  };
  all.addEventListener('change', draw);
  const reps = repsChanges();
  const run = el('button', { type: 'button', text: 'Replay the history' });
  run.addEventListener('click', async () => {
    run.disabled = true;
    last = null;
    add(clear(out), el('p', { class: 'muted', text: 'Replaying the history under the draft… (a few seconds)' }));
    reps.clearErrors();
    try {
      const changes = reps.changes();
      last = await api('/replay' + query({ changes: changes && JSON.stringify(changes) }), { method: 'POST', body: draft(), type: 'application/yaml' });
      draw();
    } catch (e) {
      clear(out);
      if (e.status === 422 && String(e.field || '').startsWith('changes')) {
        reps.showError(e);
        add(out, el('p', { class: 'form-error', role: 'alert', text: 'A change to reps was refused (shown at its field): fix it, then replay.' }));
      } else if (e.status === 422 && e.body && Array.isArray(e.body.errors)) {
        showErrors(e.body.errors);
        add(out, el('p', { class: 'form-error', role: 'alert', text: 'The draft has errors (shown at their lines): fix them, then replay.' }));
      } else {
        add(out, errorBox(e));
      }
    } finally {
      run.disabled = false;
    }
  });
  return el('section', { class: 'card replay' },
    el('h2', { text: 'Try a change' }),
    el('p', { class: 'hint', text: 'Check the draft, then replay the store\'s recorded history under it: what would have changed in the reports, before you apply it. The store is only read.' }),
    reps.node,
    el('div', { class: 'buttons' }, run),
    out);
}
