// customers.js - the Customers page (SPEC 8.12, docs/customers.md): the live customers whose
// renewal date falls in the next 90 days, soonest first (GET /api/v1/leads?stage=live: a CSM's
// own, a manager's team's), and the health checks owed (GET /api/v1/sla?status=open, rule
// health_check); for a manager also the retention of the last 12 months, month by month (gross
// and net, GET /api/v1/reports/customers?by=month) and per CSM (by=rep), as a chart and tables.
import { api, query } from './api.js';
import { isManager, serverNow } from './state.js';
import { el, clear, fmtNum, fmtPct, fmtDay, fmtTime, fmtAgo, timeLeft, table, heading, errorBox, add } from './ui.js';
import { chart, color, destroyAll } from './charts.js';
import { csvButton } from './download.js';

const RENEWAL_DAYS = 90;
const LIMIT = 1000; // a page of live customers or obligations: a CSM's book fits in one

// The lead's name and company, linked to its page.
function customerLink(l) {
  const who = [l.name, l.company].filter(Boolean).join(', ') || l.email || '#' + l.id;
  return el('a', { href: '#/lead/' + l.id, text: who });
}

// The live customers renewing within RENEWAL_DAYS of now, soonest first.
async function renewalsCard() {
  const now = serverNow();
  const until = now + RENEWAL_DAYS * 86400 * 1000;
  const leads = await api('/leads' + query({ stage: 'live', limit: LIMIT }));
  const due = leads.filter((l) => l.renews_at && Date.parse(l.renews_at) <= until)
    .sort((a, b) => Date.parse(a.renews_at) - Date.parse(b.renews_at));
  const value = due.reduce((s, l) => s + (l.amount || 0), 0);
  return el('section', { class: 'card renewals' },
    el('h2', { text: 'Renewals due in the next ' + RENEWAL_DAYS + ' days' }),
    el('p', { class: 'muted', text: fmtNum(due.length) + ' of ' + fmtNum(leads.length) + ' live customers'
      + (isManager() ? ' of your team' : ' of yours') + ', ' + fmtNum(value) + ' a year between them' }),
    due.length ? table([
      { label: 'Renews', class: 'when', value: (l) => fmtDay(l.renews_at) },
      { label: 'In', class: 'when', value: (l) => fmtAgo(l.renews_at) },
      { label: 'Customer', value: customerLink },
      isManager() ? { label: 'CSM', value: (l) => l.owner || '—' } : null,
      { label: 'Annual value', class: 'num', value: (l) => fmtNum(l.amount) },
      { label: 'Term', class: 'num', value: (l) => (l.term_months ? l.term_months + ' mo' : '—') },
    ].filter(Boolean), due) : el('p', { text: 'No renewal comes up in the next ' + RENEWAL_DAYS + ' days.' }));
}

// The open health-check obligations, the most urgent first.
async function healthCard() {
  const owed = (await api('/sla' + query({ status: 'open', sort: 'due', limit: LIMIT })))
    .filter((o) => o.rule === 'health_check');
  return el('section', { class: 'card health' },
    el('h2', { text: 'Health checks owed' }),
    el('p', { class: 'muted', text: fmtNum(owed.length) + ' open: a touch on the customer before the end of its period meets one' }),
    owed.length ? table([
      { label: 'Due', class: 'when', value: (o) => fmtTime(o.due) },
      { label: 'Left', class: 'when', value: (o) => {
        const t = timeLeft(o.due);
        return el('span', { class: t.overdue ? 'countdown overdue' : 'countdown', text: t.text });
      } },
      { label: 'Customer', value: (o) => el('a', { href: '#/lead/' + o.lead, text: '#' + o.lead }) },
      isManager() ? { label: 'CSM', value: (o) => o.owner || '—' } : null,
    ].filter(Boolean), owed) : el('p', { text: 'No health check is owed.' }));
}

// The columns of report customers' rows (by month or by CSM).
function retentionColumns(keyLabel) {
  return [
    { label: keyLabel, value: (r) => r.key },
    { label: 'Live', class: 'num', value: (r) => fmtNum(r.live) },
    { label: 'Went live', class: 'num', value: (r) => fmtNum(r.went_live) },
    { label: 'Renewals due', class: 'num', value: (r) => fmtNum(r.renewals_due) },
    { label: 'Renewed', class: 'num', value: (r) => fmtNum(r.renewed) },
    { label: 'Churned', class: 'num', value: (r) => fmtNum(r.churned) },
    { label: 'Pending', class: 'num', value: (r) => fmtNum(r.pending) },
    { label: 'Gross retention', class: 'num', value: (r) => fmtPct(r.gross_revenue_retention) },
    { label: 'Net retention', class: 'num', value: (r) => fmtPct(r.net_revenue_retention) },
  ];
}

// The last 12 months (this one included), as report dates: [from, to).
function lastYear() {
  const [y, m] = new Date(serverNow()).toISOString().slice(0, 7).split('-').map(Number);
  const day = (yy, mm) => {
    const d = new Date(Date.UTC(yy, mm - 1, 1));
    return d.toISOString().slice(0, 10);
  };
  return { from: day(y, m - 11), to: day(y, m + 1) };
}

// For a manager: gross and net retention month by month, and per CSM.
async function retentionCards(charts) {
  const period = lastYear();
  const [byMonth, byRep] = await Promise.all([
    api('/reports/customers' + query({ by: 'month', ...period })),
    api('/reports/customers' + query({ by: 'rep', ...period })),
  ]);
  const months = byMonth.rows.filter((r) => r.key >= period.from.slice(0, 7) && r.key < period.to.slice(0, 7));
  const pct = (x) => (x === null ? null : Math.round(x * 1000) / 10);
  const c = chart({
    type: 'line',
    data: {
      labels: months.map((r) => r.key),
      datasets: [
        { label: 'gross retention', data: months.map((r) => pct(r.gross_revenue_retention)), borderColor: color(0), backgroundColor: color(0), spanGaps: true },
        { label: 'net retention', data: months.map((r) => pct(r.net_revenue_retention)), borderColor: color(2), backgroundColor: color(2), spanGaps: true },
      ],
    },
    options: {
      plugins: { title: { display: true, text: 'Revenue retention of the contracts up for renewal each month, %' } },
      scales: { y: { min: 0, ticks: { callback: (v) => v + '%' } } },
    },
  }, 'Gross and net revenue retention by month', 280);
  charts.push(c);
  const reps = byRep.rows.filter((r) => r.key !== '(none)');
  return [
    el('section', { class: 'card retention' },
      el('h2', { text: 'Retention by month, ' + months[0]?.key + ' to ' + months[months.length - 1]?.key }),
      months.length ? [c.box, table(retentionColumns('Month'), months)] : el('p', { text: 'No customer in the last 12 months.' }),
      csvButton('customers', () => ({ by: 'month', ...period }))),
    el('section', { class: 'card retention-csm' },
      el('h2', { text: 'Retention per CSM, the last 12 months' }),
      reps.length ? table(retentionColumns('CSM'), reps) : el('p', { text: 'No CSM has customers yet.' }),
      csvButton('customers', () => ({ by: 'rep', ...period }))),
  ];
}

export async function render(main) {
  const charts = [];
  const out = el('div', { class: 'customers' });
  add(main, heading('Customers', isManager()
    ? 'Your team\'s renewals and health checks, and how much revenue the contracts keep'
    : 'Your customers: the renewals coming up and the health checks you owe'), out);
  try {
    const cards = await Promise.all([renewalsCard(), healthCard(), isManager() ? retentionCards(charts) : []]);
    add(clear(out), cards.flat());
  } catch (e) {
    add(clear(out), errorBox(e));
  }
  return () => destroyAll(charts);
}
