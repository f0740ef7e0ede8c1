// download.js - a report as a CSV file: GET /api/v1/reports/{name}?format=csv with the page's
// period (the same rows as `baton report NAME --format csv`), saved under the name the server
// gives (Content-Disposition: baton-{name}-{from}-{to}.csv), and the "Download CSV" button each
// report page shows.
import { api, query } from './api.js';
import { el, toast } from './ui.js';

// Downloads report `name` for the query arguments `args` ({from, to, by}).
export async function downloadReport(name, args) {
  const meta = {};
  const text = await api('/reports/' + encodeURIComponent(name) + query({ ...args, format: 'csv' }), { raw: true, meta });
  const cd = (meta.headers && meta.headers.get('Content-Disposition')) || '';
  const m = /filename="([^"]+)"/.exec(cd);
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = el('a', { href: url, download: m ? m[1] : 'baton-' + name + '.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A "Download CSV" button for report `name`; args() gives the query arguments when clicked.
export function csvButton(name, args, label) {
  return el('button', {
    type: 'button', class: 'download', dataset: { report: name },
    text: label || 'Download CSV', 'aria-label': (label || 'Download CSV') + ': the ' + name + ' report',
    onclick: (ev) => {
      const b = ev.currentTarget;
      b.disabled = true;
      downloadReport(name, args()).catch((e) => toast(e.message)).finally(() => { b.disabled = false; });
    },
  });
}
