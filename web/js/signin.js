// signin.js - the sign-in page and the browser's session (SPEC 8.7). A rep types its email
// address and is sent a one-time link (POST /api/v1/session/link; the page says the same
// whatever the address); opening the link sets a session cookie the page cannot read, so
// bySession() asks GET /api/v1/me with no token to learn whether it is signed in. Programs and
// admins may still paste an API token (`baton token create --rep NAME`), kept in this browser
// until "Sign out"; signOut() ends either kind.
import { api, getToken, setToken } from './api.js';
import { el, field, form, heading, add } from './ui.js';

const SENT = 'If that address belongs to a rep, a link is on its way. It works once, within 15 minutes: open it on this device.';
const EXPIRED = 'That sign-in link was used or has expired. Ask for a new one below.';

let probeNotice = null; // why the last bySession() could not tell (the server unreachable, ...)

// The trimmed value of input; an empty one throws `message` for the field `name`.
function need(input, name, message) {
  const v = input.value.trim();
  if (!v) {
    const e = new Error(message);
    e.field = name;
    throw e;
  }
  return v;
}

// The form that asks for a link by email.
function linkForm() {
  const input = el('input', { type: 'email', autocomplete: 'email', inputmode: 'email', spellcheck: 'false', required: true, placeholder: 'you@company.com' });
  const sent = el('p', { class: 'notice', role: 'status', hidden: true });
  const f = form({ class: 'card signin signin-link', 'aria-label': 'Sign in by email' }, [
    field('Work email', 'email', input, 'We email you a link that signs you in: no password.'),
    el('button', { type: 'submit', class: 'primary', text: 'Email me a sign-in link' }),
    sent,
  ], async () => {
    const email = need(input, 'email', 'type the email address your manager gave baton');
    sent.hidden = true;
    await api('/session/link', { method: 'POST', body: { email } });
    sent.textContent = SENT;
    sent.hidden = false;
  });
  return { f, input };
}

// The fallback: an API token pasted by hand (the form "Sign in" of earlier versions).
function tokenForm(onSignedIn) {
  const input = el('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'bt_…' });
  return form({ class: 'signin-token', 'aria-label': 'Sign in' }, [
    field('API token', 'authorization', input, 'Your manager or admin creates it with: baton token create --rep YOUR-NAME'),
    el('button', { type: 'submit', text: 'Sign in' }),
  ], async () => {
    const token = need(input, 'authorization', 'paste your API token');
    setToken(token);
    try {
      await onSignedIn();
    } catch (e) {
      setToken(null);
      throw e;
    }
  });
}

// Renders the sign-in page; `link` is "expired" after a used or expired link, `notice` why the
// last session ended.
export function render(main, { notice, link, onSignedIn }) {
  const { f, input } = linkForm();
  const more = el('section', { class: 'card signin signin-more' },
    el('h2', { text: 'Or paste an API token' }),
    el('p', { class: 'hint', text: 'For programs, and for admins setting baton up.' }),
    tokenForm(onSignedIn));
  add(main, heading('Sign in', 'baton: the relay between the roles of the revenue team'), f, more);
  const why = link === 'expired' ? EXPIRED : notice || probeNotice;
  probeNotice = null;
  if (why) f.querySelector('.form-error').textContent = why;
  input.focus();
}

// Whether a session cookie signs this browser in: load() (GET /api/v1/me without a token)
// succeeds. Resolves true or false; an answer other than 401 is kept to show on the sign-in page.
export async function bySession(load) {
  try {
    await load();
    return true;
  } catch (e) {
    if (e.status !== 401) probeNotice = e.message;
    return false;
  }
}

// Signs out: the session cookie's session ends on the server (POST /api/v1/session/logout),
// or the pasted token is forgotten.
export async function signOut() {
  if (!getToken()) {
    try {
      await api('/session/logout', { method: 'POST' });
    } catch (e) {
      // already over: nothing to end
    }
  }
  setToken(null);
}
