// sla.js - the SLA page: compliance with each rule of the agreement week by week
// (GET /api/v1/reports/sla?from&to for each week: met / (met + breached) of the obligations due
// in it), the period's table per rule, and the list of breaches (GET /api/v1/sla?status=breached).
// A manager sees everyone's; a rep sees its own obligations (the API trims the report to its rows).
import { api, query } from './api.js';
import { isManager, serverNow } from './state.js';
import { el, clear, field, form, select, fmtNum, fmtPct, fmtTime, words, table, heading, addDays, isoDay, filterError, add } from './ui.js';
import { chart, color, destroyAll } from './charts.js';

const BREACHES_SHOWN = 50;

export async function render(main) {
  const charts = [];
  const weeks = select([[4, '4 weeks'], [8, '8 weeks'], [13, '13 weeks'], [26, '26 weeks']], 8);
  const out = el('div');

  const draw = async () => {
    destroyAll(charts);
    add(clear(out), el('p', { class: 'muted', text: 'Loading…' }));
    const n = Number(weeks.value);
    const today = isoDay(serverNow());
    const [y, m, d] = today.split('-').map(Number);
    const monday = addDays(today, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7));
    const end = addDays(monday, 7); // weeks run Monday to Monday; the last one is this week
    const starts = [];
    for (let i = n; i >= 1; i -= 1) starts.push(addDays(end, -7 * i));
    const [perWeek, whole, breaches] = await Promise.all([
      Promise.all(starts.map((s) => api('/reports/sla' + query({ from: s, to: addDays(s, 7) })))),
      api('/reports/sla' + query({ from: starts[0], to: end })),
      api('/sla' + query({ status: 'breached' })),
    ]);
    // "recycle" is nurture's timer, not a promise between the roles: in the table only
    const rules = [...new Set(perWeek.flatMap((r) => r.rows.map((x) => x.rule)))].filter((r) => r !== 'all' && r !== 'recycle').sort();
    if (perWeek.some((r) => r.rows.some((x) => x.rule === 'all'))) rules.push('all');
    const ruleRow = (rep, rule) => rep.rows.find((x) => x.rule === rule);
    const c = chart({
      type: 'line',
      data: {
        labels: starts.map((s) => 'week of ' + s),
        datasets: rules.map((rule, i) => ({
          label: rule === 'all' ? 'all rules' : words(rule),
          data: perWeek.map((rep) => {
            const r = ruleRow(rep, rule);
            return r && r.compliance !== null ? Math.round(r.compliance * 1000) / 10 : null;
          }),
          borderColor: rule === 'all' ? '#222' : color(i),
          backgroundColor: rule === 'all' ? '#222' : color(i),
          borderWidth: rule === 'all' ? 3 : 2,
          spanGaps: true,
        })),
      },
      options: {
        plugins: { title: { display: true, text: 'Compliance per rule, % of obligations due that week' } },
        scales: { y: { min: 0, max: 100, ticks: { callback: (v) => v + '%' } } },
      },
    }, 'Compliance per rule per week', 320);
    charts.push(c);
    const sorted = breaches.slice().sort((a, b) => Date.parse(b.due) - Date.parse(a.due));
    add(clear(out), 
      el('section', { class: 'card' },
        el('div', { class: 'kpis' }, whole.rows.filter((r) => r.rule !== 'recycle').map((r) => el('div', { class: 'kpi' },
          el('span', { class: 'kpi-value', dataset: { kpi: r.rule }, text: fmtPct(r.compliance) }),
          el('span', { class: 'kpi-label', text: (r.rule === 'all' ? 'all rules' : words(r.rule)) + ' · ' + fmtNum(r.met) + ' met, ' + fmtNum(r.breached) + ' breached' })))),
        c.box),
      el('section', { class: 'card' },
        el('h2', { text: 'Per rule, ' + starts[0] + ' to ' + addDays(end, -1) }),
        table([
          { label: 'Rule', value: (r) => (r.rule === 'all' ? 'all rules' : words(r.rule)) },
          !isManager() ? { label: 'Rep', value: (r) => r.key } : null,
          { label: 'Obligations', class: 'num', value: (r) => fmtNum(r.obligations) },
          { label: 'Open', class: 'num', value: (r) => fmtNum(r.open) },
          { label: 'Met', class: 'num', value: (r) => fmtNum(r.met) },
          { label: 'Breached', class: 'num', value: (r) => fmtNum(r.breached) },
          { label: 'Cancelled', class: 'num', value: (r) => fmtNum(r.cancelled) },
          { label: 'Compliance', class: 'num', value: (r) => fmtPct(r.compliance) },
        ].filter(Boolean), whole.rows)),
      el('section', { class: 'card' },
        el('h2', { text: 'Breaches' }),
        el('p', { class: 'muted', text: fmtNum(breaches.length) + ' breached obligations' + (isManager() ? ' of your team' : ' of yours') + (breaches.length > BREACHES_SHOWN ? ', the latest ' + BREACHES_SHOWN + ' shown' : '') }),
        table([
          { label: 'Due', class: 'when', value: (o) => fmtTime(o.due) },
          { label: 'Rule', value: (o) => words(o.rule) },
          { label: 'Owner', value: (o) => o.owner },
          { label: 'Lead', value: (o) => el('a', { href: '#/lead/' + o.lead, text: '#' + o.lead }) },
        ], sorted.slice(0, BREACHES_SHOWN))));
  };

  const f = form({ class: 'filters card', 'aria-label': 'SLA period' }, [
    field('Period', 'weeks', weeks),
    el('button', { type: 'submit', class: 'primary', text: 'Show' }),
  ], draw);
  weeks.addEventListener('change', () => f.requestSubmit());
  add(main, heading('SLA compliance', isManager() ? 'Every rule of the agreement, week by week: obligations met against breached'
    : 'Your obligations under the agreement, week by week'), f, out);
  try {
    await draw();
  } catch (e) {
    filterError(f, out, e);
  }
  return () => destroyAll(charts);
}
