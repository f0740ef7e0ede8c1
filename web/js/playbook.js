// playbook.js - the Playbook page: the shared vocabulary (each stage's label and definition),
// the qualification fields and handoff requirements, and the SLA rules, routing, rejection
// codes, tasks and credit rules in plain sentences, all read from the playbook in force
// (GET /api/v1/playbook), so both sides of every handoff read the same words.
import { api } from './api.js';
import { state } from './state.js';
import { el, clear, heading, table, words, add, fmtPlaybookDuration, businessHoursPerDay } from './ui.js';
import { editButton } from './playbook_edit.js';

// The lifecycle's order (SPEC section 3), to list the stages as a rep meets them.
const ORDER = ['inquiry', 'target', 'mql', 'working', 'handoff', 'sql', 'won', 'live', 'lost', 'filtered', 'nurture', 'disqualified'];

// "5m" -> "5 minutes", "1d" -> "1 day"; in business time (`business`: the playbook), "24 business
// hours (about 2⅔ working days at 9 h a day)" (ui.js).
function duration(s, business) {
  return fmtPlaybookDuration(s, !!business, business ? businessHoursPerDay(business) : null);
}

function list(xs) {
  const a = (xs || []).map(words);
  if (a.length < 2) return a.join('');
  return a.slice(0, -1).join(', ') + ' and ' + a[a.length - 1];
}

function pct(x) {
  return Math.round(x * 1000) / 10 + '%';
}

function breach(actions) {
  return actions && actions.length ? ' When it is missed: ' + list(actions) + '.' : '';
}

// The SLA rules of the playbook as sentences.
export function slaSentences(pb) {
  const sla = pb.sla || {};
  const out = [];
  const label = (st) => (pb.stages && pb.stages[st] ? pb.stages[st].label : st);
  if (sla.speed_to_lead) {
    const r = sla.speed_to_lead;
    const applies = r.applies || {};
    const who = [applies.channel ? applies.channel : 'every', 'lead'].join(' ') +
      (applies.source && applies.source.length ? ' from ' + list(applies.source) : '');
    out.push(['Speed to lead', 'Every ' + who + ' gets a first touch from its owner within ' + duration(r.first_touch_within, r.business_time && pb) +
      ' of becoming a ' + label('mql') + '.' + breach(r.on_breach)]);
  }
  if (sla.follow_up) {
    for (const [grade, r] of Object.entries(sla.follow_up)) {
      out.push(['Follow-up, grade ' + grade, 'A grade ' + grade + ' lead gets at least ' + r.touches + ' touches from its owner within ' +
        duration(r.within) + ' of becoming a ' + label('mql') + '.']);
    }
  }
  if (sla.handoff_response) {
    const r = sla.handoff_response;
    out.push(['Handoff response', 'The AE who receives a handoff accepts or rejects it within ' + duration(r.within, r.business_time && pb) +
      '.' + breach(r.on_breach)]);
  }
  if (sla.notes_review) {
    out.push(['Notes review', 'The AE marks the handoff notes reviewed ' + (sla.notes_review.before_meeting ? 'before the meeting starts' : 'promptly') +
      '.' + breach(sla.notes_review.on_breach)]);
  }
  if (sla.reschedule_notice) {
    out.push(['Reschedule notice', 'A seller who moves or cancels a meeting with less than ' + duration(sla.reschedule_notice) +
      ' notice leaves the rep who booked it the credit, and the new time is the seller\'s task.']);
  }
  if (sla.no_show) {
    const r = sla.no_show;
    out.push(['No-show', 'After a no-show the ' + r.first.toUpperCase() + ' makes ' + r.attempts + ' contact attempts within ' +
      duration(r.within) + ' of the meeting\'s start; then the task passes to the ' + r.then.toUpperCase() + '.']);
  }
  if (sla.tune_out) {
    out.push(['Tune-out', 'An AE who rejects ' + sla.tune_out.consecutive_rejections +
      ' handoffs in a row from one source raises an alert on that source.']);
  }
  if (sla.marketing) {
    const r = sla.marketing;
    out.push(['Marketing', 'Every ' + r.period + ', marketing keeps ' + label('mql') + ' to ' + label('sql') + ' at ' + pct(r.mql_to_sql_min) +
      ' or more, handoff acceptance at ' + pct(r.acceptance_min) + ' or more, and the inbound share of new pipeline at ' +
      pct(r.inbound_pipeline_share_min) + ' or more.']);
  }
  return out;
}

function routingSentences(pb) {
  const r = pb.routing || {};
  const out = [];
  if (r.inbound) out.push('Inbound leads go to the ' + r.inbound.role.toUpperCase() + 's by ' + words(r.inbound.strategy) +
    (r.inbound.respect_hours ? ', skipping reps outside their working hours' : '') + (r.inbound.respect_capacity ? ' or at capacity' : '') + '.');
  if (r.outbound) out.push('A lead at a target account goes to that account\'s SDR (by ' + words(r.outbound.by) + ').');
  if (r.existing_accounts) out.push('A lead whose account has an owner goes to that ' + words(r.existing_accounts) + '.');
  if (r.handoff) out.push('A handoff goes to the ' + words(r.handoff.to) + (r.handoff.fallback ? ', else by ' + words(r.handoff.fallback) : '') + '.');
  if (r.customers) out.push('After ' + r.customers.after + ', a customer goes to the ' + r.customers.role.toUpperCase() + 's by ' + words(r.customers.strategy) + '.');
  return out;
}

export async function render(main) {
  const pb = await api('/playbook');
  state.playbook = pb;
  const stages = Object.entries(pb.stages || {}).sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]));
  const q = pb.qualification || {};
  const org = pb.org || {};
  const hours = org.business_hours || {};
  // "mon, tue, wed, thu, fri, 09:00 to 18:00 (Europe/Paris), except 2026-12-25", or the hours of
  // each day when they differ ("mon 08:00-17:00, fri 08:00-13:00")
  const calendarWords = (zone, h, holidays) =>
    (h.days ? list(h.days) + ', ' + h.start + ' to ' + h.end : Object.entries(h).map(([d, span]) => d + ' ' + span).join(', ')) +
    ' (' + zone + ')' + (holidays && holidays.length ? ', except ' + holidays.join(', ') : '');
  add(main, 
    heading('Playbook', (org.name || '') + ' · version ' + state.me.playbook_version + ' · the written agreement between the roles'),
    editButton(main, () => render(clear(main))), // managers: edit mode (playbook_edit.js)
    el('section', { class: 'card' },
      el('h2', { text: 'The stages: one vocabulary for everyone' }),
      el('dl', { class: 'vocab' }, stages.map(([key, s]) => [
        el('dt', {}, el('span', { class: 'stage stage-' + key, text: s.label }), ' ', el('code', { text: key })),
        el('dd', {}, s.definition, s.requires && s.requires.length ? el('span', { class: 'muted', text: ' Requires: ' + list(s.requires) + '.' }) : null),
      ]))),
    el('section', { class: 'card' },
      el('h2', { text: 'Service levels' }),
      el('dl', { class: 'rules' }, slaSentences(pb).map(([k, s]) => [el('dt', { text: k }), el('dd', { text: s })])),
      el('p', { class: 'muted', text: 'Business time: ' + calendarWords(org.timezone, hours, org.holidays) + '.' }),
      Object.entries(pb.teams || {}).map(([name, t]) => el('p', { class: 'muted', text: 'Team ' + name + ': ' +
        calendarWords(t.timezone || org.timezone, t.business_hours || hours, t.holidays || org.holidays) + '.' }))),
    q.fields ? el('section', { class: 'card' },
      el('h2', { text: 'Qualification' }),
      table([
        { label: 'Field', value: ([k]) => el('code', { text: k }) },
        { label: 'Question', value: ([, f]) => f.question },
        { label: 'Answers', value: ([, f]) => (f.values ? f.values.map(words).join(' / ') : 'free text') },
      ], Object.entries(q.fields)),
      q.handoff_requires ? el('p', {}, 'Before a handoff: ' + [
        q.handoff_requires.all ? list(q.handoff_requires.all) + ' answered' : null,
        q.handoff_requires.at_least ? 'at least ' + q.handoff_requires.at_least.count + ' of ' + list(q.handoff_requires.at_least.of) + ' answered' : null,
      ].filter(Boolean).join('; ') + '.') : null,
      q.notes_require ? el('p', {}, 'Every handoff carries these notes: ' + list(q.notes_require) + '.') : null) : null,
    pb.rejections ? el('section', { class: 'card' },
      el('h2', { text: 'Rejection reasons' }),
      table([
        { label: 'Reason code', value: ([k]) => el('code', { text: k }) },
        { label: 'The lead goes to', value: ([, to]) => (pb.stages[to] ? pb.stages[to].label : to) },
      ], Object.entries(pb.rejections))) : null,
    el('section', { class: 'card' },
      el('h2', { text: 'Routing' }),
      el('ul', {}, routingSentences(pb).map((s) => el('li', { text: s })))),
    pb.tasks || pb.credit ? el('section', { class: 'card' },
      el('h2', { text: 'Tasks and credit' }),
      pb.tasks ? el('ul', {}, Object.entries(pb.tasks).map(([t, role]) => el('li', { text: words(t) + ': the ' + role.toUpperCase() + '\'s task' }))) : null,
      pb.credit ? el('ul', {}, Object.entries(pb.credit).map(([who, kinds]) => el('li', { text: (who === 'marketing' ? 'Marketing' : 'The ' + who.toUpperCase()) + ' is credited for ' + list(kinds) + '.' }))) : null) : null);
}
