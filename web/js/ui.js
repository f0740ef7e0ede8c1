// ui.js - small building blocks the pages share: an element builder (text is always set as
// text, never parsed as HTML), formatting of times in one zone (the signed-in rep's), countdowns,
// rates, amounts and business-time durations, an event's details in words, labelled form fields
// with an error slot each, and the placing of an API error next to the field it names.
import { state, serverNow } from './state.js';

// el('div', {class: 'x', onclick: fn}, child, ...): children are nodes, strings or arrays.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// Appends children (nodes, strings, arrays; null and false skipped) to node; returns node.
export function add(node, ...children) {
  append(node, children);
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

let uid = 0;
// A unique id for a control (labels point at it).
export function uniqueId(prefix) {
  uid += 1;
  return (prefix || 'f') + '-' + uid;
}

// ---------------------------------------------------------------- formatting

// The zone every time on the page is shown in: the signed-in rep's (GET /api/v1/me), else the
// browser's. Named once per page ("times in Europe/Paris").
export function zone() {
  if (state.me && state.me.timezone) return state.me.timezone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function tz() {
  return zone();
}

// The org's zone: the one the server reads a report's or a period's dates in.
function orgTz() {
  return state.me && state.me.org ? state.me.org.timezone : zone();
}

// "23 Nov 2026, 10:00" in the rep's time zone (zone()); "—" for null.
export function fmtTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz(), dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(iso));
}

// "Mon 23 Nov" in the rep's time zone, or in `in_` (an IANA name) when given.
export function fmtDay(iso, in_) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: in_ || tz(), weekday: 'short', day: 'numeric', month: 'short' })
    .format(new Date(iso));
}

// "10:30" in the rep's time zone, or in `in_` (an IANA name) when given.
export function fmtClock(iso, in_) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: in_ || tz(), timeStyle: 'short' }).format(new Date(iso));
}

// "2026-11-23" in the org's time zone (the server reads period dates in it), for date inputs
// and period bounds.
export function isoDay(ms) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: orgTz(), year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(ms));
  const get = (t) => parts.find((p) => p.type === t).value;
  return get('year') + '-' + get('month') + '-' + get('day');
}

// A duration in seconds as "2d 3h", "3h 05m", "4m 09s".
export function fmtDuration(sec) {
  const s = Math.floor(Math.abs(sec));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  if (d > 0) return d + 'd ' + h + 'h';
  if (h > 0) return h + 'h ' + pad(m) + 'm';
  return m + 'm ' + pad(s % 60) + 's';
}

// The time left until `due` on the server's clock: {text, overdue, seconds}.
export function timeLeft(due) {
  const sec = (Date.parse(due) - serverNow()) / 1000;
  if (sec < 0) return { text: 'overdue ' + fmtDuration(sec), overdue: true, seconds: sec };
  return { text: fmtDuration(sec) + ' left', overdue: false, seconds: sec };
}

// "3 days ago", "2 h ago", "5 min ago", "just now" (or "in ..." for a time to come) on the server's clock.
export function fmtAgo(iso) {
  const sec = (Date.parse(iso) - serverNow()) / 1000;
  const m = Math.floor(Math.abs(sec) / 60);
  if (m < 1) return 'just now';
  const span = m < 120 ? m + ' min' : m < 2880 ? Math.floor(m / 60) + ' h' : Math.floor(m / 1440) + ' days';
  return sec >= 0 ? 'in ' + span : span + ' ago';
}

// A playbook duration ("5m", "24h", "1d") in words: "5 minutes", "1 day"; in business time
// (`business`) in business hours, with the working days they make at `hoursPerDay` hours a day:
// "24 business hours (about 2⅔ working days at 9 h a day)". A business day of the playbook
// ("1d") is 24 business hours, as the server counts it.
export function fmtPlaybookDuration(s, business, hoursPerDay) {
  const m = /^(\d+)([mhd])$/.exec(String(s));
  if (!m) return String(s);
  const n = Number(m[1]);
  const plural = (k, unit) => k + ' ' + unit + (k === 1 ? '' : 's');
  if (!business) return plural(n, { m: 'minute', h: 'hour', d: 'day' }[m[2]]);
  const minutes = n * { m: 1, h: 60, d: 1440 }[m[2]];
  if (minutes < 60 || minutes % 60) return plural(minutes, 'business minute');
  const hours = minutes / 60;
  const text = plural(hours, 'business hour');
  if (!hoursPerDay || hours < hoursPerDay) return text;
  return text + ' (about ' + fmtFraction(hours / hoursPerDay) + ' working day' + (hours === hoursPerDay ? '' : 's') +
    ' at ' + fmtNum(hoursPerDay, 1) + ' h a day)';
}

// 2.667 -> "2⅔", 1.5 -> "1½", 3 -> "3"; else one decimal ("2.3").
function fmtFraction(x) {
  const whole = Math.floor(x + 1e-9);
  const part = x - whole;
  const marks = [[0, ''], [1 / 4, '¼'], [1 / 3, '⅓'], [1 / 2, '½'], [2 / 3, '⅔'], [3 / 4, '¾'], [1, '']];
  for (const [f, mark] of marks) {
    if (Math.abs(part - f) < 0.02) return f === 1 ? String(whole + 1) : (whole || !mark ? String(whole) : '') + mark;
  }
  return x.toFixed(1);
}

// The business hours of an ordinary working day of the playbook's org calendar: end - start of
// {days, start, end}, or the mean over the days of a per-day map ({mon: "08:00-17:00"}).
export function businessHoursPerDay(pb) {
  const h = (pb && pb.org && pb.org.business_hours) || {};
  const mins = (t) => {
    const x = /^(\d\d):(\d\d)$/.exec(String(t));
    return x ? Number(x[1]) * 60 + Number(x[2]) : null;
  };
  const spans = h.days ? [[h.start, h.end]] : Object.values(h).map((v) => String(v).split('-'));
  const hours = spans.map(([a, b]) => (mins(b) - mins(a)) / 60).filter((x) => x > 0);
  return hours.length ? hours.reduce((a, b) => a + b, 0) / hours.length : null;
}

// An event's details in words, the keys of `skip` left out: "recipients: maria, boss2 · meeting
// start: 24 Nov 2026, 10:00 · amount: 24,000.00" -- times in the page's zone, lists joined by
// commas, objects as "name: value; name: value", amounts in cents in currency units, booleans
// yes or no.
export function detailWords(e, skip) {
  const time = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  const value = (v, k) => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (typeof v === 'number' && /_cents$/.test(k)) return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v / 100);
    if (typeof v === 'string' && time.test(v)) return fmtTime(v);
    if (Array.isArray(v)) return v.map((x) => value(x, '')).join(', ');
    if (typeof v === 'object') return Object.entries(v).map(([s, x]) => words(s) + ': ' + value(x, s)).join('; ');
    return String(v);
  };
  return Object.entries(e).filter(([k, v]) => !skip.has(k) && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => words(k.replace(/_cents$/, '')) + ': ' + value(v, k)).join(' · ');
}

// A rate from 0 to 1 as "42.1%"; "—" when there is no denominator (null).
export function fmtPct(x) {
  return x === null || x === undefined ? '—' : (x * 100).toFixed(1) + '%';
}

// A count or amount with thousands separators; "—" for null.
export function fmtNum(x, digits) {
  if (x === null || x === undefined) return '—';
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits === undefined ? 0 : digits }).format(x);
}

// A snake_case key as words: "speed_to_lead" -> "speed to lead".
export function words(key) {
  return String(key).replace(/_/g, ' ');
}

// ---------------------------------------------------------------- forms

// A labelled control with its error slot: field('Budget', 'budget', control, hint).
export function field(label, name, control, hint) {
  if (!control.id) control.id = uniqueId(name);
  const err = el('p', { class: 'field-error', id: control.id + '-error', 'aria-live': 'polite', dataset: { errorFor: name } });
  control.setAttribute('aria-describedby', err.id);
  if (!control.name) control.name = name;
  return el('div', { class: 'field' },
    el('label', { for: control.id, text: label }),
    hint ? el('p', { class: 'hint', text: hint }) : null,
    control, err);
}

// A <select> of [value, label] pairs (or plain values); `selected` preselects one.
export function select(options, selected) {
  const s = el('select');
  for (const o of options) {
    const [value, label] = Array.isArray(o) ? o : [o, o];
    const opt = el('option', { value, text: label });
    if (String(value) === String(selected ?? '')) opt.selected = true;
    s.append(opt);
  }
  return s;
}

// Clears the error slots of a form.
export function clearErrors(form) {
  for (const e of form.querySelectorAll('.field-error, .form-error')) e.textContent = '';
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
}

// Shows an API error next to the field it names (its error slot in this form), else at the
// form's own error line; returns the element that holds the message.
export function showError(form, err) {
  clearErrors(form);
  let slot = null;
  if (err.field) {
    const f = String(err.field);
    slot = form.querySelector(`[data-error-for="${CSS.escape(f)}"]`) ||
      form.querySelector(`[data-error-for="${CSS.escape(f.split('.').pop())}"]`);
  }
  if (!slot) slot = form.querySelector('.form-error');
  if (!slot) {
    slot = el('p', { class: 'form-error', role: 'alert' });
    form.prepend(slot);
  }
  slot.textContent = err.message;
  const control = slot.id ? form.querySelector(`[aria-describedby="${CSS.escape(slot.id)}"]`) : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
  return slot;
}

// A form whose submit runs `onsubmit(form)`; the submit button is disabled while it runs, and
// an ApiError it throws is shown next to its field.
export function form(attrs, children, onsubmit) {
  const f = el('form', Object.assign({ novalidate: true }, attrs), el('p', { class: 'form-error', role: 'alert' }), children);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(f);
    const buttons = f.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await onsubmit(f, ev.submitter);
    } catch (e) {
      showError(f, e);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return f;
}

// ---------------------------------------------------------------- tables and notices

// A table: columns [{label, value: (row) => node|string, class}], in a scrolling wrapper.
export function table(columns, rows, caption) {
  const t = el('table', {},
    caption ? el('caption', { text: caption }) : null,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.class, text: c.label })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, columns.map((c) => el('td', { class: c.class }, c.value(r)))))));
  return el('div', { class: 'scroll' }, t);
}

// A notice for an error that belongs to the whole page (an API refusal, the network).
export function errorBox(e) {
  return el('p', { class: 'notice error', role: 'alert', text: e.message });
}

// A short message that fades out: "Touch logged".
export function toast(text) {
  const t = el('div', { class: 'toast', role: 'status', text });
  document.body.append(t);
  setTimeout(() => t.remove(), 4000);
}

// The page's heading and an optional line under it.
export function heading(title, sub) {
  return el('div', { class: 'page-head' }, el('h1', { text: title }), sub ? el('p', { class: 'muted', text: sub }) : null);
}

// ---------------------------------------------------------------- periods

// The day `n` days after the date "YYYY-MM-DD" (calendar arithmetic, no time zone involved).
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

// From and To date inputs (labelled) for a report period [from, to), `days` long by default
// and ending with today (on the server's clock, in the org's time zone).
export function periodInputs(days) {
  const today = isoDay(serverNow());
  const from = el('input', { type: 'date', value: addDays(today, -days + 1) });
  const to = el('input', { type: 'date', value: addDays(today, 1) });
  return {
    from, to,
    fields: [field('From', 'from', from), field('To (not included)', 'to', to)],
  };
}

// Shows an error of a filtered view: next to the filter it names, else in place of the view.
export function filterError(f, out, e) {
  clear(out);
  if (e.field && f.querySelector(`[data-error-for="${CSS.escape(String(e.field))}"]`)) showError(f, e);
  else out.append(errorBox(e));
}
