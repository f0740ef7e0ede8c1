// simulation.js - the Simulation page (managers): the Monte Carlo model of the organisation
// (GET /api/v1/simulate?quarters&runs&seed&reps), lumped roles against specialized ones,
// revenue per quarter with the band between the 10th and 90th percentiles of the runs, today's
// split ("specialized") and the best split the search found ("best", SPEC 8.11), what each
// role's capacity carries, the verdict in words, and every parameter with where its value came
// from.
import { api, query } from './api.js';
import { el, clear, field, form, fmtNum, fmtPct, words, table, heading, filterError, add } from './ui.js';
import { chart, color, destroyAll } from './charts.js';

const splitText = (s) => ['mrr', 'sdr', 'ae', 'csm'].map((k) => s[k] + ' ' + k.toUpperCase()).join(', ');

export async function render(main) {
  const charts = [];
  const quarters = el('input', { type: 'number', min: 1, max: 12, value: 4, inputmode: 'numeric' });
  const runs = el('input', { type: 'number', min: 1, max: 2000, value: 500, inputmode: 'numeric' });
  const seed = el('input', { type: 'number', min: 0, value: 1, inputmode: 'numeric' });
  const reps = el('input', { type: 'number', min: 4, max: 1000, placeholder: 'the store\'s', inputmode: 'numeric' });
  const out = el('div');

  const draw = async () => {
    destroyAll(charts);
    add(clear(out), el('p', { class: 'muted', text: 'Simulating…' }));
    const r = await api('/simulate' + query({ quarters: quarters.value, runs: runs.value, seed: seed.value, reps: reps.value }));
    const models = [...new Set(r.rows.map((x) => x.model))];
    const labels = [...new Set(r.rows.map((x) => x.quarter))].map((q) => 'Q' + q);
    const series = (m, k) => r.rows.filter((x) => x.model === m).sort((a, b) => a.quarter - b.quarter).map((x) => x[k]);
    const datasets = [];
    models.forEach((m, i) => {
      datasets.push({ label: m + ' p10', data: series(m, 'revenue_p10'), borderColor: color(i, 0.3), borderWidth: 1, pointRadius: 0, fill: false });
      datasets.push({ label: m + ' p90', data: series(m, 'revenue_p90'), borderColor: color(i, 0.3), borderWidth: 1, pointRadius: 0,
        backgroundColor: color(i, 0.18), fill: '-1' });
      datasets.push({ label: m + ' mean', data: series(m, 'revenue_mean'), borderColor: color(i), backgroundColor: color(i), borderWidth: 3, fill: false });
    });
    const c = chart({
      type: 'line',
      data: { labels, datasets },
      options: {
        plugins: {
          title: { display: true, text: 'Revenue per quarter: mean, and the band from p10 to p90 of ' + fmtNum(r.runs) + ' runs' },
          legend: { labels: { filter: (item) => / mean$/.test(item.text) } },
        },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => fmtNum(v) } } },
      },
    }, 'Revenue per quarter, lumped against today\'s split and the best split, with the p10 to p90 band', 340);
    charts.push(c);
    const byQuarter = labels.map((label, qi) => ({ label, rows: models.map((m) => r.rows.find((x) => x.model === m && x.quarter === qi + 1)) }));
    add(clear(out), 
      el('section', { class: 'card' },
        el('p', { class: 'muted', text: fmtNum(r.reps) + ' reps; specialized (today\'s split): ' + splitText(r.current_split || r.split) +
          (r.best_split ? '; best: ' + splitText(r.best_split) + ' (' + r.search.evaluated + ' splits tried)' : '') +
          ' · seed ' + r.seed + ' · calibrated from ' + fmtNum(r.history.months, 1) + ' months of history' }),
        c.box,
        r.verdict ? el('p', { class: 'verdict', text: 'Verdict: ' + r.verdict + '.' }) : null),
      el('section', { class: 'card' },
        el('h2', { text: 'Per quarter' }),
        el('p', { class: 'muted', text: 'Swing: how much a quarter\'s revenue varies from run to run, its standard deviation over the ' +
          fmtNum(r.runs) + ' runs divided by its mean.' }),
        table([
          { label: 'Quarter', value: (q) => q.label },
          ...models.flatMap((m, i) => [
            { label: m + ' mean', class: 'num', value: (q) => fmtNum(q.rows[i].revenue_mean) },
            { label: m + ' p10–p90', class: 'num', value: (q) => fmtNum(q.rows[i].revenue_p10) + ' – ' + fmtNum(q.rows[i].revenue_p90) },
            { label: m + ' swing', class: 'num', value: (q) => fmtPct(q.rows[i].swing) },
          ]),
        ], byQuarter)),
      r.utilisation ? el('section', { class: 'card' },
        el('h2', { text: 'Utilisation' }),
        el('p', { class: 'muted', text: 'The share of each role\'s capacity its work takes (above 100% the work waits). ' +
          'SDRs prospect full time. Lumped: SDR is the share of the week the reps prospect, AE their open deals over their closing capacity.' }),
        table([
          { label: 'Model', value: (m) => m },
          ...['mrr', 'sdr', 'ae', 'csm'].map((k) => ({ label: k.toUpperCase(), class: 'num',
            value: (m) => (m === 'lumped' && (k === 'mrr' || k === 'csm') ? '—' : fmtPct(r.utilisation[m][k])) })),
          { label: 'Binds', value: (m) => (r.binds[m] || '—').toUpperCase() },
        ], ['lumped', 'specialized', 'best'])) : null,
      el('section', { class: 'card' },
        el('h2', { text: 'Parameters' }),
        table([
          { label: 'Parameter', value: (p) => words(p.name) },
          { label: 'Value', class: 'num', value: (p) => fmtNum(p.value, 4) },
          { label: 'Source', value: (p) => p.source },
        ], r.params)));
  };

  const f = form({ class: 'filters card', 'aria-label': 'Simulation settings' }, [
    field('Quarters', 'quarters', quarters), field('Runs', 'runs', runs), field('Seed', 'seed', seed), field('Reps', 'reps', reps),
    el('button', { type: 'submit', class: 'primary', text: 'Simulate' }),
  ], draw);
  add(main, heading('Simulation', 'Every rep prospects and closes (lumped) against MRR, SDR, AE and CSM (today\'s split, and the best split of the same headcount): revenue and its swing'), f, out);
  try {
    await draw();
  } catch (e) {
    filterError(f, out, e);
  }
  return () => destroyAll(charts);
}
