// team.js - the Team page: per rep, speed to lead (GET /api/v1/reports/speed?by=rep), acceptance
// both ways (reports/handoff: how the AEs rate what a rep handed off, how the SDRs rate an AE),
// follow-up completeness (reports/followup?by=rep) and credit (reports/credit), over a period.
// A manager sees every rep, filterable by team (GET /api/v1/reps), the rotation: leads given
// against each rep's weight, skips and moves (reports/routing, SPEC 8.5), and the absences of its
// team with a form to enter one (absences.js); a rep sees its own row ("My numbers"): the API
// trims each report to it.
import { api, query } from './api.js';
import { state, isManager } from './state.js';
import { el, clear, field, form, select, fmtNum, fmtPct, heading, periodInputs, table, filterError, add } from './ui.js';
import { chart, color, destroyAll } from './charts.js';
import { absencesCard } from './absences.js';

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
        table([
          { label: 'Rep', value: (r) => r.name },
          { label: 'Role', value: (r) => r.rep.role },
          { label: 'Team', value: (r) => r.rep.team || '—' },
          { label: 'Speed p50 (min)', class: 'num', value: (r) => fmtNum(v(r.speed, 'p50_minutes')) },
          { label: 'Speed p90 (min)', class: 'num', value: (r) => fmtNum(v(r.speed, 'p90_minutes')) },
          { label: 'Within SLA', class: 'num', value: (r) => fmtPct(v(r.speed, 'share_within_sla')) },
          { label: 'Handed off', class: 'num', value: (r) => fmtNum(v(r.sdr, 'handoffs')) },
          { label: 'Accepted by AEs', class: 'num', value: (r) => fmtPct(v(r.sdr, 'acceptance_rate')) },
          { label: 'Received', class: 'num', value: (r) => fmtNum(v(r.ae, 'handoffs')) },
          { label: 'AE accepts', class: 'num', value: (r) => fmtPct(v(r.ae, 'acceptance_rate')) },
          { label: 'Meeting → won', class: 'num', value: (r) => fmtPct(v(r.ae, 'meeting_to_won')) },
          { label: 'Full follow-up', class: 'num', value: (r) => fmtPct(v(r.follow, 'share_full')) },
          { label: 'Meetings held (credit)', class: 'num', value: (r) => fmtNum(v(r.credit, 'meeting_held')) },
          { label: 'SQLs accepted (credit)', class: 'num', value: (r) => fmtNum(v(r.credit, 'sql_accepted')) },
          { label: 'Late seller cancels (credit)', class: 'num', value: (r) => fmtNum(v(r.credit, 'seller_late_cancel')) },
          { label: 'Won (credit)', class: 'num', value: (r) => fmtNum(v(r.credit, 'won_amount')) },
        ], rows)),
      rotation,
      manager ? marketingCredit(credit) : null);
  };

  const f = form({ class: 'filters card', 'aria-label': 'Team filters' }, [
    period.fields, manager ? field('Team', 'team', team) : null,
    el('button', { type: 'submit', class: 'primary', text: 'Show' }),
  ], draw);
  team.addEventListener('change', () => f.requestSubmit());
  add(main, heading(manager ? 'Team' : 'My numbers',
    manager ? 'Speed to lead, acceptance both ways, follow-up, credit and the rotation, per rep' : 'Your speed to lead, acceptance, follow-up and credit'),
  manager ? absencesCard(reps) : null, f, out);
  try {
    await draw();
  } catch (e) {
    filterError(f, out, e);
  }
  return () => destroyAll(charts);
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
