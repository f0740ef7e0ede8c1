// team.js - the Team page: per rep, speed to lead (GET /api/v1/reports/speed?by=rep), acceptance
// both ways (reports/handoff: how the AEs rate what a rep handed off, how the SDRs rate an AE),
// follow-up completeness (reports/followup?by=rep) and credit (reports/credit), over a period.
// A manager sees every rep, filterable by team (GET /api/v1/reps), the rotation: leads given
// against each rep's weight, skips and moves (reports/routing, SPEC 8.5), and the absences of its
// team with a form to enter one (absences.js); a rep sees its own row ("My numbers"): the API
// trims each report to it. A manager also sees each rep's load against its capacity, the leads
// waiting for a rep (SPEC 8.1), and downloads each report as CSV (download.js).
import { api, query } from './api.js';
import { state, isManager } from './state.js';
import { el, clear, field, form, select, fmtNum, fmtPct, fmtTime, heading, periodInputs, table, filterError, errorBox, add } from './ui.js';
import { chart, color, destroyAll } from './charts.js';
import { absencesCard } from './absences.js';
import { csvButton } from './download.js';

export async function render(main) {
  const charts = [];
  const manager = isManager();
  const reps = await api('/reps');
  const teams = [...new Set(reps.map((r) => r.team).filter(Boolean))].sort();
  const period = periodInputs(90);
  const team = select([['', 'every team'], ...teams.map((t) => [t, t])], manager && state.me.team ? state.me.team : '');
  const out = el('div');

  const draw = async () => {
    destroyAll(charts);
    add(clear(out), el('p', { class: 'muted', text: 'Loading…' }));
    const p = { from: period.from.value, to: period.to.value };
    const [speed, handoff, followup, credit, routing] = await Promise.all([
      api('/reports/speed' + query({ ...p, by: 'rep' })),
      api('/reports/handoff' + query(p)),
      api('/reports/followup' + query({ ...p, by: 'rep' })),
      api('/reports/credit' + query(p)),
      manager ? api('/reports/routing' + query(p)) : null,
    ]);
    const dir = new Map(reps.map((r) => [r.name, r]));
    const names = new Set([
      ...speed.rows.map((r) => r.key), ...handoff.rows.map((r) => r.rep),
      ...followup.rows.map((r) => r.key), ...credit.rows.map((r) => r.rep),
      ...reps.filter((r) => r.open_leads > 0).map((r) => r.name), // a manager's: loaded, if idle in the period
    ].filter((n) => dir.has(n)));
    const rows = [...names]
      .map((name) => ({
        name,
        rep: dir.get(name),
        speed: speed.rows.find((r) => r.key === name),
        sdr: handoff.rows.find((r) => r.rep === name && r.side === 'sdr'),
        ae: handoff.rows.find((r) => r.rep === name && r.side === 'ae'),
        follow: followup.rows.find((r) => r.key === name && r.grade === 'all'),
        credit: credit.rows.find((r) => r.rep === name),
      }))
      .filter((r) => !team.value || r.rep.team === team.value)
      .sort((a, b) => a.rep.role.localeCompare(b.rep.role) || a.name.localeCompare(b.name));
    clear(out);
    const rotation = routing ? rotationCard(routing, dir, team.value) : null;
    if (!rows.length) {
      add(out, el('p', { class: 'empty', text: 'No activity in this period.' }), rotation);
      return;
    }
    const v = (o, k) => (o ? o[k] : null);
    const c = chart({
      type: 'bar',
      data: {
        labels: rows.map((r) => r.name),
        datasets: [
          { label: 'first touch within the SLA', data: rows.map((r) => pct(v(r.speed, 'share_within_sla'))), backgroundColor: color(0) },
          { label: 'handoffs accepted (as handed off)', data: rows.map((r) => pct(v(r.sdr, 'acceptance_rate'))), backgroundColor: color(2) },
          { label: 'handoffs accepted (as the AE)', data: rows.map((r) => pct(v(r.ae, 'acceptance_rate'))), backgroundColor: color(3) },
          { label: 'full follow-up cadence', data: rows.map((r) => pct(v(r.follow, 'share_full'))), backgroundColor: color(4) },
        ],
      },
      options: {
        plugins: { title: { display: true, text: 'Per rep, % (no bar: nothing to rate)' } },
        scales: { y: { min: 0, max: 100, ticks: { callback: (x) => x + '%' } } },
      },
    }, 'Per rep: speed, acceptance and follow-up rates', manager ? 360 : 240);
    charts.push(c);
    add(out, 
      el('section', { class: 'card' }, c.box),
      el('section', { class: 'card' },
        el('h2', { text: manager ? 'Reps' : 'My numbers' }),
        repsTable(rows, manager, v)),
      rotation,
      manager ? marketingCredit(credit) : null);
  };

  const f = form({ class: 'filters card', 'aria-label': 'Team filters' }, [
    period.fields, manager ? field('Team', 'team', team) : null,
    el('button', { type: 'submit', class: 'primary', text: 'Show' }),
    csvButtons(manager, () => ({ from: period.from.value, to: period.to.value })),
  ], draw);
  team.addEventListener('change', () => f.requestSubmit());
  add(main, heading(manager ? 'Team' : 'My numbers',
    manager ? 'Load, waiting leads and absences; speed to lead, acceptance both ways, follow-up, credit and the rotation, per rep' : 'Your speed to lead, acceptance, follow-up and credit'),
  manager ? waitingCard() : null, manager ? absencesCard(reps) : null, f, out);
  try {
    await draw();
  } catch (e) {
    filterError(f, out, e);
  }
  return () => destroyAll(charts);
}

// The reps' table, narrow enough for a 1366-pixel screen: a rep's role and team under its name,
// each pair of figures in one cell, and for a manager each rep's load (open leads against its
// capacity, marked when over; away until when it is away).
function repsTable(rows, manager, v) {
  const pair = (a, b) => (a === '—' && b === '—' ? '—' : a + ' / ' + b);
  return table([
    { label: 'Rep', value: (r) => [el('strong', { text: r.name }), el('span', { class: 'muted sub', text: [r.rep.role, r.rep.team].filter(Boolean).join(' · ') })] },
    manager ? { label: 'Load: open / capacity', class: 'num load', value: (r) => load(r.rep) } : null,
    { label: 'Speed p50 / p90 (min)', class: 'num', value: (r) => pair(fmtNum(v(r.speed, 'p50_minutes')), fmtNum(v(r.speed, 'p90_minutes'))) },
    { label: 'Within SLA', class: 'num', value: (r) => fmtPct(v(r.speed, 'share_within_sla')) },
    { label: 'Handed off / accepted by AEs', class: 'num', value: (r) => pair(fmtNum(v(r.sdr, 'handoffs')), fmtPct(v(r.sdr, 'acceptance_rate'))) },
    { label: 'Received / AE accepts', class: 'num', value: (r) => pair(fmtNum(v(r.ae, 'handoffs')), fmtPct(v(r.ae, 'acceptance_rate'))) },
    { label: 'Meeting → won', class: 'num', value: (r) => fmtPct(v(r.ae, 'meeting_to_won')) },
    { label: 'Full follow-up', class: 'num', value: (r) => fmtPct(v(r.follow, 'share_full')) },
    { label: 'Credit: meetings held / SQLs accepted / late seller cancels', class: 'num', value: (r) => [fmtNum(v(r.credit, 'meeting_held')), fmtNum(v(r.credit, 'sql_accepted')), fmtNum(v(r.credit, 'seller_late_cancel'))].join(' / ') },
    { label: 'Won (credit)', class: 'num', value: (r) => fmtNum(v(r.credit, 'won_amount')) },
  ].filter(Boolean), rows);
}

// "7 / 10", marked over capacity ("12 / 10 over"); "3 / —" without a cap; "away until …".
function load(rep) {
  if (!rep || rep.open_leads === undefined) return '—';
  const over = rep.capacity !== null && rep.open_leads > rep.capacity;
  return [
    el('span', { class: over ? 'over' : null, text: fmtNum(rep.open_leads) + ' / ' + (rep.capacity === null ? '—' : fmtNum(rep.capacity)) + (over ? ' over' : '') }),
    rep.away_until ? el('span', { class: 'badge away', text: 'away until ' + fmtTime(rep.away_until) }) : null,
  ];
}

// The report CSVs of the page: each report of the period as a file (download.js).
function csvButtons(manager, args) {
  const names = ['speed', 'handoff', 'followup', 'credit', ...(manager ? ['routing'] : [])];
  return el('div', { class: 'downloads', role: 'group', 'aria-label': 'Download CSV' },
    el('span', { class: 'muted', text: 'Download CSV:' }),
    names.map((n) => csvButton(n, () => ({ ...args(), ...(n === 'speed' || n === 'followup' ? { by: 'rep' } : {}) }), n)));
}

// The leads waiting for a rep (SPEC 8.1: nobody eligible yet; their speed-to-lead obligation
// owned by the pool): GET /api/v1/sla?waiting=true for the clock, /leads?waiting=true for who.
function waitingCard() {
  const body = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  Promise.all([api('/sla' + query({ waiting: 'true', sort: 'due' })), api('/leads' + query({ waiting: 'true' }))])
    .then(([obs, leads]) => {
      const who = new Map(leads.map((l) => [l.id, l]));
      const rows = obs.filter((o) => (o.status === 'open' || o.status === 'breached') && who.has(o.lead));
      clear(body);
      if (!rows.length) {
        add(body, el('p', { class: 'empty', text: 'No lead is waiting for a rep.' }));
        return;
      }
      add(body, table([
        { label: 'Lead', value: (o) => el('a', { href: '#/lead/' + o.lead, text: who.get(o.lead).name || who.get(o.lead).email }) },
        { label: 'Company', value: (o) => who.get(o.lead).company || '—' },
        { label: 'Waiting for', value: (o) => 'a ' + String(o.pool || '').toUpperCase() },
        { label: 'Since', value: (o) => fmtTime(who.get(o.lead).created_at) },
        { label: 'First touch due', value: (o) => [fmtTime(o.due), o.status === 'breached' ? el('span', { class: 'badge breach', text: 'BREACHED' }) : null] },
      ], rows, rows.length + ' waiting, the most urgent first'));
    })
    .catch((e) => add(clear(body), errorBox(e)));
  return el('section', { class: 'card waiting' },
    el('h2', { text: 'Waiting for a rep' }),
    el('p', { class: 'hint', text: 'Leads nobody can take yet (outside hours, at capacity, away): each is routed the moment a rep is eligible; its clock runs meanwhile.' }),
    body);
}

function pct(x) {
  return x === null || x === undefined ? null : Math.round(x * 1000) / 10;
}

// The rotation (reports/routing): per rep of a routed role, the leads its rotation gave it and
// their share against its weight's, the decisions that skipped it and the leads moved by hand
// or after a breach. Reps the period never routed to or from are left out.
function rotationCard(routing, dir, team) {
  const moved = (r) => r.assignments + r.skipped_hours + r.skipped_capacity + r.skipped_away +
    r.manual_in + r.manual_out + r.sla_in + r.sla_out;
  const rows = routing.rows.filter((r) => dir.has(r.rep) && (!team || dir.get(r.rep).team === team) && moved(r) > 0);
  return el('section', { class: 'card' },
    el('h2', { text: 'Rotation' }),
    el('p', { class: 'muted', text: 'Leads the rotation gave each rep in the period, against the share its weight asks for (rep set --weight); the routing decisions that skipped it; leads moved by a manager or after a breach.' }),
    rows.length ? table([
      { label: 'Rep', value: (r) => r.rep },
      { label: 'Role', value: (r) => dir.get(r.rep).role },
      { label: 'Weight', class: 'num', value: (r) => fmtNum(r.weight) },
      { label: 'Assigned', class: 'num', value: (r) => fmtNum(r.assignments) },
      { label: 'Share', class: 'num', value: (r) => fmtPct(r.share) },
      { label: 'Weight share', class: 'num', value: (r) => fmtPct(r.weight_share) },
      { label: 'Skipped: hours', class: 'num', value: (r) => fmtNum(r.skipped_hours) },
      { label: 'Skipped: capacity', class: 'num', value: (r) => fmtNum(r.skipped_capacity) },
      { label: 'Skipped: away', class: 'num', value: (r) => fmtNum(r.skipped_away) },
      { label: 'By hand in / out', class: 'num', value: (r) => `${fmtNum(r.manual_in)} / ${fmtNum(r.manual_out)}` },
      { label: 'After a breach in / out', class: 'num', value: (r) => `${fmtNum(r.sla_in)} / ${fmtNum(r.sla_out)}` },
    ], rows, 'The rotation in the period') : el('p', { class: 'empty', text: 'The rotation routed no lead in this period.' }));
}

function marketingCredit(credit) {
  const m = credit.rows.find((r) => r.rep === 'marketing');
  if (!m) return null;
  return el('section', { class: 'card' }, el('h2', { text: 'Marketing credit' }),
    el('p', {}, el('strong', { text: fmtNum(m.mql_to_sql) }), ' marketing qualified leads became sales qualified opportunities in the period.'));
}
