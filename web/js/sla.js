// sla.js - the SLA page: compliance with each rule of the agreement week by week
// (GET /api/v1/reports/sla?from&to for each week: met / (met + breached) of the obligations due
// in it), the period's table per rule (and its CSV, download.js), and the breaches
// (GET /api/v1/sla?status=breached), newest first a page at a time, sortable (pager.js).
// A manager sees everyone's; a rep sees its own obligations (the API trims the report to its rows).
import { api, query } from './api.js';
import { isManager, serverNow } from './state.js';
import { el, clear, field, form, select, fmtNum, fmtPct, fmtTime, words, table, heading, addDays, isoDay, filterError, errorBox, add } from './ui.js';
import { chart, color, destroyAll } from './charts.js';
import { csvButton } from './download.js';
import { listState, pageQuery, pager, sortTable } from './pager.js';

const BREACHES_PAGE = 25;

// The breached obligations the token may see, newest first, a page at a time (sortable).
function breachesCard() {
  const st = listState(BREACHES_PAGE, '-due');
  const body = el('div');
  const draw = async () => {
    const meta = {};
    const rows = await api('/sla' + query({ status: 'breached', ...pageQuery(st) }), { meta });
    st.total = meta.total ?? rows.length;
    add(clear(body),
      el('p', { class: 'muted', text: fmtNum(st.total) + ' breached obligations' + (isManager() ? ' of your team' : ' of yours') }),
      rows.length ? [sortTable(st, [
        { label: 'Due', field: 'due', class: 'when', value: (o) => fmtTime(o.due) },
        { label: 'Rule', field: 'rule', value: (o) => words(o.rule) },
        { label: 'Owner', field: 'owner', value: (o) => o.owner || (o.pool ? 'waiting for a ' + o.pool.toUpperCase() : '—') },
        { label: 'Lead', field: 'lead', value: (o) => el('a', { href: '#/lead/' + o.lead, text: '#' + o.lead }) },
      ], rows, null, () => draw().catch((e) => add(clear(body), errorBox(e)))),
      pager(st, 'breaches', () => draw().catch((e) => add(clear(body), errorBox(e))))] : null);
  };
  return { card: el('section', { class: 'card breaches' }, el('h2', { text: 'Breaches' }), body), draw };
}

export async function render(main) {
  const charts = [];
  const weeks = select([[4, '4 weeks'], [8, '8 weeks'], [13, '13 weeks'], [26, '26 weeks']], 8);
  const out = el('div');
  let period = null; // the period drawn: the CSV download's

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
    const breaches = breachesCard();
    const [perWeek, whole] = await Promise.all([
      Promise.all(starts.map((s) => api('/reports/sla' + query({ from: s, to: addDays(s, 7) })))),
      api('/reports/sla' + query({ from: starts[0], to: end })),
      breaches.draw(),
    ]);
    period = { from: starts[0], to: end };
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
      breaches.card);
  };

  const f = form({ class: 'filters card', 'aria-label': 'SLA period' }, [
    field('Period', 'weeks', weeks),
    el('button', { type: 'submit', class: 'primary', text: 'Show' }),
    csvButton('sla', () => period || {}),
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
