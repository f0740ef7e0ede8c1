// playbook_edit.js - the Playbook page's edit mode, for managers: the playbook's YAML text
// (GET /api/v1/playbook?format=yaml, URL passwords masked) in an editor with line numbers;
// "Check" asks the server (POST /api/v1/playbook/check) and shows each error at its line, in the
// gutter and in a list whose entries jump to the line; "Apply" saves it as a new version
// (PUT /api/v1/playbook, If-Match: the version edited, exactly as `baton playbook apply`) and
// shows the page again at that version; "Try a change" below (replay.js) replays the history under
// the draft first. A rep has no edit control (and the API answers 403).
import { api } from './api.js';
import { state, isManager } from './state.js';
import { el, clear, add, heading, toast, errorBox } from './ui.js';
import { replayPanel } from './replay.js';

// The offsets [start, end) of line n (1-based) of text.
function lineSpan(text, n) {
  let start = 0;
  for (let i = 1; i < n; i += 1) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return [text.length, text.length];
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

// The editor in place of the page's content; `back` draws the page again.
async function editor(main, back) {
  const meta = {};
  const yaml = await api('/playbook?format=yaml', { raw: true, meta });
  const version = Number(meta.headers.get('X-Playbook-Version'));
  const text = el('textarea', { class: 'pb-text', wrap: 'off', spellcheck: 'false', autocapitalize: 'off', id: 'pb-text', 'aria-describedby': 'pb-status' });
  text.value = yaml;
  const gutter = el('pre', { class: 'pb-gutter', 'aria-hidden': 'true' });
  const status = el('div', { id: 'pb-status', class: 'pb-status', 'aria-live': 'polite' });
  let bad = new Set();

  const paintGutter = () => {
    const n = text.value.split('\n').length;
    clear(gutter);
    for (let i = 1; i <= n; i += 1) {
      gutter.append(bad.has(i) ? el('span', { class: 'bad', text: String(i) }) : String(i), i < n ? '\n' : '');
    }
    gutter.scrollTop = text.scrollTop;
  };
  const goToLine = (n) => {
    const [s, e] = lineSpan(text.value, n);
    text.focus({ preventScroll: true });
    text.setSelectionRange(s, e);
    text.scrollIntoView({ block: 'nearest' });
    const lh = parseFloat(getComputedStyle(text).lineHeight) || 19;
    text.scrollTop = Math.max(0, (n - 5) * lh);
    gutter.scrollTop = text.scrollTop;
  };
  const showErrors = (errors) => {
    bad = new Set(errors.filter((x) => x.line).map((x) => x.line));
    paintGutter();
    add(clear(status),
      el('p', { class: 'form-error', role: 'alert', text: errors.length === 1 ? 'The playbook has 1 error.' : 'The playbook has ' + errors.length + ' errors.' }),
      el('ol', { class: 'pb-errors' }, errors.map((x) => el('li', {},
        x.line ? el('button', { type: 'button', class: 'link', text: 'Line ' + x.line, onclick: () => goToLine(x.line) }) : null,
        x.line ? ': ' : '', x.field ? el('code', { text: x.field }) : null, x.field ? ' ' : '', x.message))));
    if (errors[0] && errors[0].line) goToLine(errors[0].line);
  };
  // Runs a request over the text: the server's error list, or its refusal, into the status.
  const send = async (button, fn) => {
    button.disabled = true;
    try {
      return await fn();
    } catch (e) {
      if (e.status === 422 && e.body && Array.isArray(e.body.errors)) showErrors(e.body.errors);
      else add(clear(status), errorBox(e));
      return null;
    } finally {
      button.disabled = false;
    }
  };
  const check = el('button', { type: 'button', text: 'Check' });
  const apply = el('button', { type: 'button', class: 'primary', text: 'Apply as version ' + (version + 1) });
  check.addEventListener('click', () => send(check, async () => {
    await api('/playbook/check', { method: 'POST', body: text.value, type: 'application/yaml' });
    bad = new Set();
    paintGutter();
    add(clear(status), el('p', { class: 'pb-ok', text: 'No error: the playbook can be applied.' }));
  }));
  apply.addEventListener('click', () => send(apply, async () => {
    const r = await api('/playbook', { method: 'PUT', body: text.value, type: 'application/yaml', headers: { 'If-Match': '"' + version + '"' } });
    state.me.playbook_version = r.version;
    state.playbook = await api('/playbook');
    await back();
    toast('Applied as playbook version ' + r.version);
  }));
  text.addEventListener('input', () => { if (bad.size) { bad = new Set(); } paintGutter(); });
  text.addEventListener('scroll', () => { gutter.scrollTop = text.scrollTop; });
  paintGutter();
  add(clear(main),
    heading('Edit the playbook', 'Version ' + version + ' in force · checked by the server, applied as a new version; every change is an event'),
    el('div', { class: 'pb-edit' },
      el('section', { class: 'card' },
        el('label', { for: 'pb-text', class: 'pb-label', text: 'The playbook (YAML)' }),
        el('div', { class: 'pb-editor' }, gutter, text)),
      el('aside', { class: 'card' },
        el('h2', { text: 'Check and apply' }),
        el('p', { class: 'hint', text: 'Check shows each error at its line; Apply checks again, then saves the text as the next version. Passwords in URLs stay masked (***): the one in force is kept.' }),
        el('div', { class: 'buttons' }, check, ' ', apply, ' ',
          el('button', { type: 'button', class: 'link', text: 'Back to the playbook', onclick: () => back() })),
        status)),
    replayPanel({ draft: () => text.value, showErrors, apply }));
  text.focus();
}

// The "Edit" button of the Playbook page (managers only: null for a rep); `back` draws the page.
export function editButton(main, back) {
  if (!isManager()) return null;
  return el('button', {
    type: 'button', class: 'primary pb-edit-button', text: 'Edit the playbook',
    onclick: () => editor(main, back).catch((e) => main.prepend(errorBox(e))),
  });
}
