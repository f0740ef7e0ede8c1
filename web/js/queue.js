// queue.js - the Queue page: the message of the action that brought the rep here (after.js); the
// signed-in rep's work list (GET /api/v1/queue?working=true: what it owes, breached first, then
// by due time), each obligation's time left counting down on the server's clock, then its
// working leads that owe nothing now; for a manager also its team's open obligations
// (GET /api/v1/sla?status=open); and the leads the token may see (GET /api/v1/leads), by stage.
// It draws itself again when the live stream (live.js) says something changed.
import { api, query } from './api.js';
import { onLive } from './live.js';
import { state, isManager } from './state.js';
import { el, clear, fmtTime, fmtAgo, timeLeft, words, table, heading, field, select, errorBox, add, zone } from './ui.js';
import { takeFlash } from './after.js';

const LEADS_LIMIT = 100;
let stageFilter = ''; // the leads' stage filter, kept when the page draws itself again

function leadLink(id, text) {
  return el('a', { href: '#/lead/' + id, text: text || '#' + id });
}

// A countdown cell, refreshed by the page's timer.
function countdown(due, breached) {
  const span = el('span', { class: 'countdown', dataset: { due, breached: breached ? '1' : '' } });
  paint(span);
  return span;
}

function paint(span) {
  const t = timeLeft(span.dataset.due);
  span.textContent = t.text;
  span.classList.toggle('overdue', t.overdue || span.dataset.breached === '1');
  span.classList.toggle('soon', !t.overdue && t.seconds < 3600);
}

// What the rep owes; the empty-state text only when it works no lead either.
function workList(items, working) {
  if (!items.length) return el('p', { class: 'empty', text: working ? 'No obligation or task is due: your working leads are below.' : 'Nothing owed: the queue is empty.' });
  const list = el('ol', { class: 'queue' });
  for (const it of items) {
    const who = [it.name, it.company].filter(Boolean).join(' · ') || it.email || '#' + it.lead;
    list.append(el('li', { class: 'queue-item' + (it.breached ? ' breached' : '') },
      el('div', { class: 'queue-when' },
        it.kind === 'task'
          ? el('span', { class: 'countdown task', text: 'task since ' + fmtTime(it.due) })
          : countdown(it.due, it.breached),
        it.breached ? el('span', { class: 'badge breach', text: 'BREACHED' }) : null),
      el('div', { class: 'queue-what' },
        el('a', { href: '#/lead/' + it.lead, class: 'queue-lead', text: who }),
        el('span', { class: 'queue-owed', text: it.owed || words(it.rule) })),
      el('div', { class: 'queue-meta' },
        it.grade ? el('span', { class: 'badge grade-' + it.grade, text: 'Grade ' + it.grade }) : null,
        el('span', { class: 'muted', text: words(it.rule) }),
        it.kind !== 'task' ? el('span', { class: 'muted', text: 'due ' + fmtTime(it.due) }) : null)));
  }
  return list;
}

// The leads the rep works that owe nothing now (lines of kind "working"), the longest unchanged first.
function workingLeads(items) {
  if (!items.length) return null;
  return el('section', { class: 'card working' },
    el('h2', { text: 'Working leads' }),
    el('p', { class: 'muted', text: items.length + ' lead' + (items.length === 1 ? '' : 's') + ' you work that owe nothing now, the longest unchanged first' }),
    el('ol', { class: 'queue working-list' }, items.map((it) => el('li', { class: 'queue-item' },
      el('div', { class: 'queue-when' },
        el('time', { class: 'when muted', datetime: it.updated_at, title: fmtTime(it.updated_at), text: 'changed ' + fmtAgo(it.updated_at) })),
      el('div', { class: 'queue-what' },
        el('a', { href: '#/lead/' + it.lead, class: 'queue-lead', text: [it.name, it.company].filter(Boolean).join(' · ') || it.email || '#' + it.lead }),
        el('span', { class: 'queue-owed', text: 'nothing due now' })),
      el('div', { class: 'queue-meta' },
        el('span', { class: 'stage stage-' + it.stage, text: (state.playbook.stages[it.stage] || {}).label || it.stage }),
        it.grade ? el('span', { class: 'badge grade-' + it.grade, text: 'Grade ' + it.grade }) : null)))));
}

function teamObligations(obs) {
  const open = obs.slice().sort((a, b) => Date.parse(a.due) - Date.parse(b.due)).slice(0, 50);
  return el('section', { class: 'card' },
    el('h2', { text: 'My team\'s open obligations' }),
    el('p', { class: 'muted', text: open.length + ' most urgent of ' + obs.length + ' open' }),
    table([
      { label: 'Time left', class: 'when', value: (o) => countdown(o.due, false) },
      { label: 'Rule', value: (o) => words(o.rule) },
      // an obligation nobody owes yet: its lead waits for its pool's next rep (SPEC 8.1)
      { label: 'Owner', value: (o) => o.owner || el('span', { class: 'muted', text: 'waiting for a rep' }) },
      { label: 'Lead', value: (o) => leadLink(o.lead) },
      { label: 'Due', class: 'when', value: (o) => fmtTime(o.due) },
    ], open));
}

async function leadsSection() {
  const stages = Object.entries(state.playbook.stages || {});
  const sel = select([['', 'any stage'], ...stages.map(([k, v]) => [k, v.label])], stageFilter);
  const body = el('div');
  const load = async () => {
    add(clear(body), el('p', { class: 'muted', text: 'Loading…' }));
    try {
      const leads = await api('/leads' + query({ stage: sel.value, limit: LEADS_LIMIT }));
      add(clear(body), 
        el('p', { class: 'muted', text: leads.length >= LEADS_LIMIT ? 'the first ' + LEADS_LIMIT + ' leads' : leads.length + ' leads' }),
        table([
          { label: 'Lead', value: (l) => leadLink(l.id, l.name || l.email) },
          { label: 'Company', value: (l) => l.company || '—' },
          { label: 'Stage', value: (l) => el('span', { class: 'stage stage-' + l.stage, text: l.stage_label || l.stage }) },
          { label: 'Grade', value: (l) => l.grade || '—' },
          { label: 'Owner', value: (l) => l.owner || '—' },
          { label: 'Source', value: (l) => words(l.source || '—') },
        ], leads));
    } catch (e) {
      add(clear(body), errorBox(e));
    }
  };
  sel.addEventListener('change', () => { stageFilter = sel.value; load(); });
  await load();
  return el('section', { class: 'card' },
    el('h2', { text: isManager() ? 'Leads of my team' : 'My leads' }),
    el('div', { class: 'filters' }, field('Stage', 'stage', sel)),
    body);
}

async function draw(main, flash) {
  const [all, obs] = await Promise.all([
    api('/queue' + query({ working: 'true' })),
    isManager() ? api('/sla' + query({ status: 'open' })) : Promise.resolve(null),
  ]);
  const items = all.filter((i) => i.kind !== 'working');
  const working = all.filter((i) => i.kind === 'working');
  const owed = items.filter((i) => i.kind !== 'task').length;
  add(main, 
    flash,
    heading('My queue', (items.length ? owed + ' obligations and ' + (items.length - owed) + ' tasks, most urgent first' : 'Nothing due now') +
      (working.length ? '; ' + working.length + ' working lead' + (working.length === 1 ? '' : 's') : '') + ' · times in ' + zone()),
    el('section', { class: 'card' }, el('h2', { class: 'sr-only', text: 'Work list' }), workList(items, working.length)),
    workingLeads(working),
    obs ? teamObligations(obs) : null,
    await leadsSection());
}

export async function render(main) {
  const flash = takeFlash(); // the message of the action that brought the rep here stays
  await draw(main, flash);
  // a line of the stream: the page again, in one step once its data is in (no flicker)
  const off = onLive(async () => {
    const next = el('div');
    try { await draw(next, flash); } catch (e) { return; }
    const shown = new Set([...main.querySelectorAll('.queue-item .queue-lead')].map((a) => a.getAttribute('href')));
    for (const a of next.querySelectorAll('.queue-item .queue-lead')) {
      if (!shown.has(a.getAttribute('href'))) a.closest('.queue-item').classList.add('fresh'); // new since
    }
    main.replaceChildren(...next.childNodes);
  });
  const timer = setInterval(() => {
    for (const span of main.querySelectorAll('.countdown[data-due]')) paint(span);
  }, 1000);
  return () => { clearInterval(timer); off(); };
}
