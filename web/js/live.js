// live.js - the live dashboard (SPEC 8.7): one stream per tab (GET /api/v1/stream, Server-Sent
// Events read with fetch, so it carries the Authorization header every call sends and the
// session cookie), back after a drop with a growing delay and its Last-Event-ID (what it missed
// comes first); pages hear each line through onLive() and draw themselves again; the tab title
// counts what the rep owes ("(3) baton · Queue"); a new lead of the rep's is announced by a
// browser notification once the rep allowed it (asked from a button, never on load).
import { api, getToken } from './api.js';
import { state } from './state.js';
import { el } from './ui.js';

const RETRY_MIN = 1000;       // the first retry after a drop, ms
const RETRY_MAX = 30000;      // the longest wait between tries, ms
const DEBOUNCE = 250;         // lines closer than this make one redraw
const MINE = new Set(['assigned', 'reassigned', 'handoff']); // a lead given to someone

const listeners = new Set();
let controller = null;        // the open stream's, null when stopped
let lastId = null;            // the last SSE id heard: sent back as Last-Event-ID
let retry = RETRY_MIN;
let retryTimer = null;
let owed = null;              // items in the rep's work list, null before the first count
let titleBase = document.title;
let status = 'off';           // 'live', 'connecting', 'off'
const badges = new Set();     // status elements shown in the header
let countTimer = null;

// Calls fn(line) for each line of the stream (a parsed data object: {type, lead, ...}; type
// 'resync' when too much was missed: draw everything again), at most once per DEBOUNCE with
// the last line; returns the function that stops it.
export function onLive(fn) {
  let timer = null;
  let pending = null;
  const entry = (line) => {
    pending = line;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      fn(pending);
    }, DEBOUNCE);
  };
  listeners.add(entry);
  return () => {
    listeners.delete(entry);
    clearTimeout(timer);
  };
}

// Sets the tab's title; the count of what is owed goes in front of it.
export function setTitle(text) {
  titleBase = text;
  paintTitle();
}

function paintTitle() {
  document.title = (owed ? '(' + owed + ') ' : '') + titleBase;
}

// Counts the rep's work list again (GET /api/v1/queue) for the title.
async function recount() {
  clearTimeout(countTimer);
  countTimer = null;
  if (!state.me) return;
  try {
    const items = await api('/queue');
    owed = items.length;
  } catch (e) {
    return; // the title keeps its last count
  }
  paintTitle();
}

function scheduleRecount() {
  if (!countTimer) countTimer = setTimeout(recount, DEBOUNCE);
}

function setStatus(s) {
  status = s;
  for (const b of badges) paintBadge(b);
}

function paintBadge(b) {
  b.className = 'live-status live-' + status;
  b.textContent = status === 'live' ? '● live' : status === 'connecting' ? '○ reconnecting' : '○ offline';
  b.title = status === 'live' ? 'This page updates itself as leads come in' : 'Live updates are paused; retrying';
}

// The header's pieces: the stream's status, and the button that asks for notifications (shown
// while the browser has not been told yes or no).
export function headerItems() {
  for (const b of badges) if (!b.isConnected) badges.delete(b); // the header drawn before
  const badge = el('span', { role: 'status' });
  badges.add(badge);
  paintBadge(badge);
  const items = [badge];
  if ('Notification' in window && Notification.permission === 'default') {
    const btn = el('button', {
      type: 'button', class: 'link notify-ask', text: 'Notify me of new leads',
      onclick: async () => {
        try { await Notification.requestPermission(); } catch (e) { /* an old browser: no notifications */ }
        btn.remove();
      },
    });
    items.push(btn);
  }
  return items;
}

// Announces lead `line.lead`, just given to this rep, when the rep allowed notifications.
async function announce(line) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  let body = 'Lead #' + line.lead;
  try {
    const l = await api('/leads/' + line.lead);
    body = [l.name || l.email, l.company].filter(Boolean).join(' · ');
  } catch (e) { /* the number alone */ }
  const title = line.type === 'handoff' ? 'Handoff received' : line.type === 'reassigned' ? 'Lead reassigned to you' : 'New lead';
  try {
    const n = new Notification(title, { body, tag: 'baton-lead-' + line.lead });
    n.onclick = () => { window.focus(); location.hash = '#/lead/' + line.lead; n.close(); };
  } catch (e) { /* notifications need a service worker here (Android): the page shows it */ }
}

// One event of the stream (the text between two blank lines).
function handle(block) {
  let data = '';
  for (const raw of block.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('id:')) lastId = line.slice(3).trim();
    else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /, '');
  }
  if (!data) return; // a comment (": keepalive") or the retry delay
  let msg;
  try { msg = JSON.parse(data); } catch (e) { return; }
  if (state.me && MINE.has(msg.type) && (msg.owner === state.me.name || msg.ae === state.me.name)) announce(msg);
  scheduleRecount();
  for (const fn of listeners) fn(msg);
}

async function connect() {
  retryTimer = null;
  const mine = new AbortController();
  controller = mine;
  setStatus('connecting');
  const headers = { Accept: 'text/event-stream' };
  if (getToken()) headers.Authorization = 'Bearer ' + getToken();
  if (lastId) headers['Last-Event-ID'] = lastId;
  try {
    const resp = await fetch('/api/v1/stream', { headers, credentials: 'same-origin', cache: 'no-store', signal: mine.signal });
    if (resp.status === 401 || resp.status === 403) {
      stop();
      if (resp.status === 401) window.dispatchEvent(new CustomEvent('baton:unauthorized', { detail: new Error('signed out') }));
      return;
    }
    if (!resp.ok || !resp.body) throw new Error('HTTP ' + resp.status);
    setStatus('live');
    retry = RETRY_MIN;
    recount();
    const reader = resp.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let end;
      while ((end = buf.search(/\r?\n\r?\n/)) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end).replace(/^\r?\n\r?\n/, '');
        handle(block);
      }
    }
  } catch (e) {
    if (mine.signal.aborted) return; // stopped on purpose
  }
  if (controller !== mine) return;
  // dropped (the server restarted, the network went): again, a little later each time
  setStatus('connecting');
  retryTimer = setTimeout(connect, retry + Math.random() * retry / 2);
  retry = Math.min(retry * 2, RETRY_MAX);
}

// Opens the stream for the signed-in rep (again after stop()); nothing if it is open.
export function start() {
  if (controller) return;
  retry = RETRY_MIN;
  connect();
}

// Closes the stream (signing out): no more lines, no count in the title.
export function stop() {
  if (controller) controller.abort();
  controller = null;
  clearTimeout(retryTimer);
  retryTimer = null;
  lastId = null;
  owed = null;
  setStatus('off');
  paintTitle();
}
