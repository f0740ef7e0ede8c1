// funnel.js - the Funnel page (managers): how many leads reached each stage and the conversion
// from stage to stage (GET /api/v1/reports/funnel?from&to&by), as a chart, filterable by
// source, channel or segment (one group of the report) and by period; every group's row below;
// the report as a CSV file (download.js).
import { api, query } from './api.js';
import { state } from './state.js';
import { el, clear, field, form, select, fmtNum, fmtPct, words, table, heading, periodInputs, filterError, add } from './ui.js';
import { chart, color, destroyAll } from './charts.js';
import { csvButton } from './download.js';

// The main line of the lifecycle (SPEC section 3) and the conversions the report computes on it.
const MAIN = ['inquiry', 'mql', 'working', 'handoff', 'sql', 'won', 'live'];
const SIDE = ['target', 'filtered', 'nurture', 'disqualified', 'lost'];
const CONVERSIONS = [['inquiry_to_mql', 'inquiry', 'mql'], ['mql_to_working', 'mql', 'working'],
  ['working_to_handoff', 'working', 'handoff'], ['handoff_to_sql', 'handoff', 'sql'], ['sql_to_won', 'sql', 'won']];

function label(stage) {
  const s = state.playbook.stages && state.playbook.stages[stage];
  return s ? s.label : stage;
}

export async function render(main) {
  const charts = [];
  const period = periodInputs(90);
  const by = select([['', 'no grouping'], ['source', 'source'], ['channel', 'channel'], ['segment', 'segment']], '');
  const group = select([['', 'all']], '');
  group.disabled = true;
  const out = el('div');

  const draw = async () => {
    destroyAll(charts);
    add(clear(out), el('p', { class: 'muted', text: 'Loading…' }));
    const base = { from: period.from.value, to: period.to.value };
    const grouped = by.value ? await api('/reports/funnel' + query({ ...base, by: by.value })) : null;
    const keys = grouped ? grouped.rows.map((r) => r.key) : [];
    const keep = group.value;
    add(clear(group), el('option', { value: '', text: 'all' }), keys.map((k) => el('option', { value: k, text: k })));
    group.value = keys.includes(keep) ? keep : '';
    group.disabled = !grouped;
    const row = grouped && group.value
      ? grouped.rows.find((r) => r.key === group.value)
      : (await api('/reports/funnel' + query(base))).rows[0];
    clear(out);
    if (!row) {
      add(out, el('p', { class: 'empty', text: 'No leads in this period.' }));
      return;
    }
    const title = 'Leads reaching each stage' + (group.value ? ' · ' + by.value + ' ' + group.value : '');
    const c = chart({
      type: 'bar',
      data: {
        labels: MAIN.map(label),
        datasets: [{ label: 'leads', data: MAIN.map((s) => row[s]), backgroundColor: MAIN.map((s, i) => color(0, 1 - i * 0.1)) }],
      },
      options: {
        plugins: { legend: { display: false }, title: { display: true, text: title } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }, title + ': ' + MAIN.map((s) => label(s) + ' ' + row[s]).join(', '), 320);
    charts.push(c);
    add(out, 
      el('section', { class: 'card' },
        el('div', { class: 'kpis' },
          el('div', { class: 'kpi' }, el('span', { class: 'kpi-value', text: fmtNum(row.leads) }), el('span', { class: 'kpi-label', text: 'leads created' })),
          CONVERSIONS.map(([k, a, b]) => el('div', { class: 'kpi' },
            el('span', { class: 'kpi-value', dataset: { kpi: k }, text: fmtPct(row[k]) }),
            el('span', { class: 'kpi-label', text: label(a) + ' → ' + label(b) })))),
        c.box,
        table([{ label: 'Stage', value: (s) => label(s) }, { label: 'Leads', class: 'num', value: (s) => fmtNum(row[s]) }],
          [...MAIN, ...SIDE], 'Every stage, main line then the side stages')));
    if (grouped) {
      add(out, el('section', { class: 'card' },
        el('h2', { text: 'By ' + by.value }),
        table([
          { label: words(by.value), value: (r) => r.key },
          { label: 'Leads', class: 'num', value: (r) => fmtNum(r.leads) },
          ...MAIN.map((s) => ({ label: label(s), class: 'num', value: (r) => fmtNum(r[s]) })),
          ...CONVERSIONS.map(([k, a, b]) => ({ label: words(a) + '→' + words(b), class: 'num', value: (r) => fmtPct(r[k]) })),
        ], grouped.rows)));
    }
  };

  const f = form({ class: 'filters card', 'aria-label': 'Funnel filters' }, [
    period.fields, field('Group by', 'by', by), field('Group', 'group', group),
    el('button', { type: 'submit', class: 'primary', text: 'Show' }),
    csvButton('funnel', () => ({ from: period.from.value, to: period.to.value, by: by.value })),
  ], draw);
  by.addEventListener('change', () => { group.value = ''; f.requestSubmit(); });
  group.addEventListener('change', () => f.requestSubmit());
  add(main, heading('Funnel', 'Leads created in the period that ever reached each stage, and the share that went on to the next'), f, out);
  try {
    await draw();
  } catch (e) {
    filterError(f, out, e);
  }
  return () => destroyAll(charts);
}
