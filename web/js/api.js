// api.js - the one door to the server: every call goes to /api/v1 with the pasted bearer token
// when there is one, else signed in by the session cookie an emailed link set (sent by the
// browser itself, same origin only); an answer that is not 2xx becomes an ApiError carrying
// the API's error code, message and the field it names (docs/api.md, "Errors").
const KEY = 'baton.token';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || null;
  }
}

export function getToken() {
  return localStorage.getItem(KEY);
}

export function setToken(token) {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
}

// Builds "?a=1&b=2" from the defined, non-empty values of params.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

// Calls the API; resolves to the parsed JSON (or text when raw), rejects with ApiError. A body
// given as text goes as it is with its `type` (the playbook's YAML); `meta`, an object, gets the
// answer's headers (meta.headers) and X-Total-Count (meta.total) of a paged list; `headers` adds
// request headers (If-Match). Without a token the session cookie signs the call in.
export async function api(path, { method = 'GET', body, raw = false, type, meta, headers: more } = {}) {
  const headers = { ...more };
  const token = getToken();
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = type || 'application/json';
  let resp;
  try {
    resp = await fetch('/api/v1' + path, {
      method,
      headers,
      body: body === undefined || type ? body : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'the server cannot be reached: ' + e.message, null);
  }
  const text = await resp.text();
  if (meta) {
    meta.headers = resp.headers;
    meta.total = resp.headers.has('X-Total-Count') ? Number(resp.headers.get('X-Total-Count')) : null;
  }
  if (!resp.ok) {
    let err = null;
    try { err = JSON.parse(text).error; } catch (e) { err = null; }
    const ex = new ApiError(resp.status, err ? err.code : 'http_' + resp.status,
      err ? err.message : resp.status + ' ' + resp.statusText, err ? err.field : null);
    try { ex.body = JSON.parse(text); } catch (e) { ex.body = null; } // the playbook's error list
    if (resp.status === 401) window.dispatchEvent(new CustomEvent('baton:unauthorized', { detail: ex }));
    throw ex;
  }
  if (raw) return text;
  return text ? JSON.parse(text) : null;
}
