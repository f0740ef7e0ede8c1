// app.js - the dashboard's shell: sign-in state, the navigation (which pages a role sees), and
// a hash router (#/queue, #/lead/42, #/funnel, ...) that renders one page module at a time into
// <main>. Every number on every page comes from the HTTP API (js/api.js); nothing is stored here
// but a pasted token, in this browser's localStorage, until "Sign out" (an emailed link's
// session is a cookie the page never sees: js/signin.js).
import { api, getToken, setToken } from './js/api.js';
import { state } from './js/state.js';
import { el, clear, errorBox, add } from './js/ui.js';
import * as signin from './js/signin.js';
import * as queue from './js/queue.js';
import * as leads from './js/leads.js';
import * as lead from './js/lead.js';
import * as funnel from './js/funnel.js';
import * as sla from './js/sla.js';
import * as team from './js/team.js';
import * as playbook from './js/playbook.js';
import * as simulation from './js/simulation.js';
import * as customers from './js/customers.js';
import * as live from './js/live.js';

// The pages; `managers`: shown in the navigation to managers only (the API refuses the others);
// `roles`: shown to those roles only (the others would find nothing there).
const PAGES = [
  { path: 'queue', label: 'Queue', page: queue },
  { path: 'leads', label: 'Leads', page: leads },
  { path: 'funnel', label: 'Funnel', page: funnel, managers: true },
  { path: 'sla', label: 'SLA', page: sla },
  { path: 'customers', label: 'Customers', page: customers, roles: ['manager', 'csm'] },
  { path: 'team', label: 'Team', repLabel: 'My numbers', page: team },
  { path: 'playbook', label: 'Playbook', page: playbook },
  { path: 'simulation', label: 'Simulation', page: simulation, managers: true },
];

const main = document.getElementById('main');
let cleanup = null;
let signinNotice = null;
let navigation = 0; // counts route() calls: a page that finishes loading after the next navigation is dropped

// Loads who the token speaks for and the playbook; false when the token is refused.
async function loadSession() {
  const me = await api('/me');
  state.me = me;
  state.offset = Date.parse(me.now) - Date.now();
  state.playbook = await api('/playbook');
  live.start();
  return true;
}

function renderNav(current) {
  const nav = clear(document.getElementById('nav'));
  const who = clear(document.getElementById('who'));
  if (!state.me) return;
  const manager = state.me.role === 'manager';
  const list = el('ul');
  for (const p of PAGES) {
    if ((p.managers && !manager) || (p.roles && !p.roles.includes(state.me.role))) continue;
    const a = el('a', { href: '#/' + p.path, text: !manager && p.repLabel ? p.repLabel : p.label });
    if (p.path === current) a.setAttribute('aria-current', 'page');
    list.append(el('li', {}, a));
  }
  nav.append(list);
  add(who, 
    el('span', { class: 'who-name', text: state.me.name }),
    el('span', { class: 'badge role-' + state.me.role, text: state.me.role.toUpperCase() }),
    state.me.team ? el('span', { class: 'muted', text: state.me.team }) : null,
    live.headerItems(),
    el('button', { type: 'button', class: 'link', onclick: signOut, text: 'Sign out' }));
}

async function signOut() {
  live.stop();
  await signin.signOut();
  state.me = null;
  state.playbook = null;
  location.hash = '#/signin';
}

async function route() {
  const mine = ++navigation;
  if (cleanup) {
    try { cleanup(); } catch (e) { /* a page's timers: nothing to keep */ }
    cleanup = null;
  }
  document.querySelectorAll('.toast').forEach((t) => t.remove()); // a message belongs to its page
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, ...rest] = hash.split('/');
  const signedIn = path !== 'signin' && (getToken() || state.me || await signin.bySession(loadSession));
  if (mine !== navigation) return;
  if (!signedIn) {
    if (getToken() && path === 'signin') setToken(null);
    state.me = null;
    renderNav(null);
    clear(main);
    signin.render(main, { notice: signinNotice, link: rest[0], onSignedIn });
    signinNotice = null;
    return;
  }
  if (!state.me) {
    try {
      await loadSession();
      if (mine !== navigation) return;
    } catch (e) {
      if (mine !== navigation) return;
      if (e.status === 401) {
        setToken(null);
        signinNotice = e.message;
        route();
      } else {
        add(clear(main), errorBox(e));
      }
      return;
    }
  }
  // #/lead/42, and #/leads/42 as the notifications' links say (SPEC 8.6: {link_base}/#/leads/{id})
  const isLead = path === 'lead' || (path === 'leads' && rest[0]);
  const entry = isLead ? { path: 'lead', page: lead } : PAGES.find((p) => p.path === path);
  if (!entry) {
    location.replace('#/queue');
    return;
  }
  renderNav(entry.path === 'lead' ? 'queue' : entry.path);
  clear(main);
  add(main, el('p', { class: 'muted loading', text: 'Loading…' }));
  const container = el('div', { class: 'page page-' + entry.path });
  try {
    const done = await entry.page.render(container, { id: rest[0] }) || null;
    if (mine !== navigation) {
      if (done) done(); // another page was asked for meanwhile: this one is not shown
      return;
    }
    cleanup = done;
    add(clear(main), container);
  } catch (e) {
    if (e.status === 401 || mine !== navigation) return;
    add(clear(main), container, errorBox(e));
  }
  live.setTitle('baton · ' + (entry.label || 'Lead'));
}

// After a successful sign-in: the page asked for, or the queue.
async function onSignedIn() {
  await loadSession();
  const hash = location.hash.replace(/^#\/?/, '');
  if (hash && !hash.startsWith('signin')) route();
  else location.hash = '#/queue';
}

// A token revoked while the page is open: back to the sign-in page, saying why.
window.addEventListener('baton:unauthorized', (ev) => {
  if (!state.me) return; // signing in: the sign-in form shows the error itself
  live.stop();
  setToken(null);
  state.me = null;
  signinNotice = ev.detail.message;
  if (location.hash !== '#/signin') location.hash = '#/signin';
  else route();
});
window.addEventListener('hashchange', route);
route();
