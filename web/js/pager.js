// pager.js - paging and sorting of the API's lists (GET /api/v1/leads, /sla, /queue take
// ?limit=&offset=&sort= and answer X-Total-Count): a list's state {offset, limit, sort}, the
// "41–60 of 312" line with Previous and Next buttons, and tables whose column headers sort the
// list when clicked (again: the other way), saying so to screen readers (aria-sort).
import { el, fmtNum } from './ui.js';

// A list's paging state: `limit` items a page, sorted by `sort` ("-due", "" for the list's own order).
export function listState(limit, sort) {
  return { offset: 0, limit, sort: sort || '', total: null };
}

// The query arguments of the page the state asks for.
export function pageQuery(st) {
  return { limit: st.limit, offset: st.offset || undefined, sort: st.sort || undefined };
}

// "41–60 of 312" with Previous and Next; `go` is called after the state moves. `what` names the
// items ("leads") for the buttons' labels.
export function pager(st, what, go) {
  const total = st.total ?? 0;
  const first = total ? st.offset + 1 : 0;
  const last = Math.min(st.offset + st.limit, total);
  const move = (offset) => { st.offset = offset; go(); };
  return el('nav', { class: 'pager', 'aria-label': 'Pages of ' + what },
    el('button', {
      type: 'button', text: '← Previous', 'aria-label': 'Previous ' + st.limit + ' ' + what,
      disabled: st.offset <= 0, onclick: () => move(Math.max(0, st.offset - st.limit)),
    }),
    el('span', { class: 'pager-where', 'aria-live': 'polite', text: fmtNum(first) + '–' + fmtNum(last) + ' of ' + fmtNum(total) }),
    el('button', {
      type: 'button', text: 'Next →', 'aria-label': 'Next ' + st.limit + ' ' + what,
      disabled: last >= total, onclick: () => move(st.offset + st.limit),
    }));
}

// A table like ui.js table() whose columns with a `field` sort the list when their header is
// clicked (again: the other way), the header's aria-sort saying how it is sorted now.
export function sortTable(st, columns, rows, caption, go) {
  const head = (c) => {
    if (!c.field) return el('th', { scope: 'col', class: c.class, text: c.label });
    const dir = st.sort === c.field ? 'ascending' : st.sort === '-' + c.field ? 'descending' : null;
    return el('th', { scope: 'col', class: c.class, 'aria-sort': dir || 'none' },
      el('button', {
        type: 'button', class: 'sort', text: c.label + (dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''),
        onclick: () => {
          st.sort = dir === 'ascending' ? '-' + c.field : c.field;
          st.offset = 0;
          go();
        },
      }));
  };
  const t = el('table', {},
    caption ? el('caption', { text: caption }) : null,
    el('thead', {}, el('tr', {}, columns.map(head))),
    el('tbody', {}, rows.map((r) => el('tr', {}, columns.map((c) => el('td', { class: c.class }, c.value(r)))))));
  return el('div', { class: 'scroll' }, t);
}
