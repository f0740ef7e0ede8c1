// signin.js - the sign-in page: the rep pastes the API token `baton token create --rep NAME`
// printed for it; the token is checked against GET /api/v1/me before anything else loads.
import { setToken } from './api.js';
import { el, field, form, heading, add } from './ui.js';

export function render(main, { notice, onSignedIn }) {
  const input = el('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'bt_…' });
  const f = form({ class: 'card signin', 'aria-label': 'Sign in' }, [
    field('API token', 'authorization', input, 'Your manager or admin creates it with: baton token create --rep YOUR-NAME'),
    el('button', { type: 'submit', class: 'primary', text: 'Sign in' }),
  ], async () => {
    const token = input.value.trim();
    if (!token) {
      const e = new Error('paste your API token');
      e.field = 'authorization';
      throw e;
    }
    setToken(token);
    try {
      await onSignedIn();
    } catch (e) {
      setToken(null);
      throw e;
    }
  });
  add(main, heading('Sign in', 'baton: the relay between the roles of the revenue team'), f);
  if (notice) {
    const slot = f.querySelector('[data-error-for="authorization"]');
    slot.textContent = notice;
  }
  input.focus();
}
