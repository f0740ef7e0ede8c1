// leads.js - the Leads page: every lead the token may see (GET /api/v1/leads: a manager its
// team's and those nobody holds, a rep the ones it owns or handed off; core/visibility.c), found
// by email, name or company as one types (?q=, whatever the case or accents), filtered by stage
// and owner (a manager's team, or the leads waiting for a rep), sorted by a click on a column's
// header and paged (?limit=&offset=&sort=, the count in all from X-Total-Count).
import { api, query } from './api.js';
import { state, isManager } from './state.js';
import { el, clear, field, form, select, fmtTime, heading, add, errorBox } from './ui.js';
import { listState, pageQuery, pager, sortTable } from './pager.js';

const PAGE_SIZES = [25, 50, 100];
const TYPING_MS = 250; // the search runs this long after the last key

function wide(f) {
  f.classList.add('field-wide');
  return f;
}

export async function render(main) {
  const manager = isManager();
  const st = listState(PAGE_SIZES[0], '');
  const stages = Object.entries(state.playbook.stages || {});
  const reps = manager ? (await api('/reps')).filter((r) => r.manager === state.me.name && r.role !== 'manager') : [];
  const q = el('input', { type: 'search', autocomplete: 'off', placeholder: 'ada@, Lovelace, Analytical Engines', spellcheck: 'false' });
  const stage = select([['', 'any stage'], ...stages.map(([k, v]) => [k, v.label])], '');
  const owner = select([['', 'anyone'], ['-', 'nobody: waiting for a rep'], ...reps.map((r) => [r.name, r.name + ' (' + r.role + ')'])], '');
  const size = select(PAGE_SIZES.map((n) => [n, n + ' a page']), st.limit);
  const out = el('div', { class: 'leads-list', 'aria-live': 'polite' });
  let asked = 0;
  let typing = null;

  const draw = async () => {
    clearTimeout(typing); // this draw reads the search box as it is now
    const mine = ++asked;
    const meta = {};
    st.limit = Number(size.value);
    const args = { q: q.value.trim(), stage: stage.value, ...pageQuery(st) };
    if (owner.value === '-') args.waiting = 'true';
    else if (owner.value) args.owner = owner.value;
    let leads;
    try {
      leads = await api('/leads' + query(args), { meta });
    } catch (e) {
      if (mine === asked) add(clear(out), errorBox(e));
      return;
    }
    if (mine !== asked) return; // a newer search is on its way
    st.total = meta.total ?? leads.length;
    clear(out);
    if (!leads.length) {
      add(out, el('p', { class: 'empty', text: args.q ? 'No lead matches "' + args.q + '".' : 'No lead here.' }));
      return;
    }
    add(out,
      sortTable(st, [
        { label: 'Lead', field: 'name', value: (l) => el('a', { href: '#/lead/' + l.id, text: l.name || l.email }) },
        { label: 'Company', field: 'company', value: (l) => l.company || '—' },
        { label: 'Email', field: 'email', class: 'wrap', value: (l) => l.email },
        { label: 'Stage', field: 'stage', value: (l) => el('span', { class: 'stage stage-' + l.stage, text: l.stage_label || l.stage }) },
        { label: 'Owner', field: 'owner', value: (l) => l.owner || (l.stage === 'mql' || l.stage === 'target' ? 'waiting' : '—') },
        { label: 'Grade', field: 'grade', value: (l) => l.grade || '—' },
        { label: 'Created', field: 'created_at', value: (l) => fmtTime(l.created_at) },
      ], leads, (manager ? 'Leads of your team' : 'Your leads') + (args.q ? ' matching "' + args.q + '"' : ''), draw),
      pager(st, 'leads', draw));
  };

  const again = () => { st.offset = 0; draw(); };
  const f = form({ class: 'filters card', role: 'search', 'aria-label': 'Find leads' }, [
    wide(field('Search by email, name or company', 'q', q)),
    field('Stage', 'stage', stage),
    manager ? field('Owner', 'owner', owner) : null,
    field('Rows', 'limit', size),
    el('button', { type: 'submit', class: 'primary', text: 'Search' }),
  ], async () => { st.offset = 0; await draw(); });
  q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(again, TYPING_MS);
  });
  for (const s of [stage, owner, size]) s.addEventListener('change', again);
  add(main, heading('Leads', manager ? 'Every lead of your team and those nobody holds yet: search, sort, page'
    : 'The leads you own or handed off'), f, el('section', { class: 'card' }, out));
  await draw();
  q.focus();
  return () => clearTimeout(typing);
}
