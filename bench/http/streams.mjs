// bench/http/streams.mjs - the client of bench/http/streams.sh (issue 16): opens STREAMS live
// streams (GET /api/v1/stream) spread over the reps of $BATON_REPS (a JSON file: [{rep, token,
// manager}]), each rep's as many times as it gets; then posts LEADS web-form leads at RATE a
// second with the intake token, and for every stream a lead concerns (its owner's and its
// owner's manager's) measures the delay from the POST's answer to the `assigned` line. Prints
// one line of JSON: {streams, connected, leads, expected, heard, missing, p50, p90, p99, max}
// (milliseconds). With $BATON_POST_URL the leads go to that server (another on the same store).
// Plain node `http`: one socket per stream.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const BASE = new URL(process.env.BATON_URL);
const POST_TO = new URL(process.env.BATON_POST_URL || process.env.BATON_URL); // another server on the store
const REPS = JSON.parse(readFileSync(process.env.BATON_REPS, 'utf8'));
const INTAKE = process.env.BATON_INTAKE;
const STREAMS = Number(process.env.STREAMS || 1000);
const LEADS = Number(process.env.LEADS || 1000);
const RATE = Number(process.env.RATE || 100);
const WAIT = 10000; // ms to wait for the last lines

const now = () => performance.now();
const byRep = new Map();   // rep -> its streams' indexes
const answered = new Map(); // lead -> when its POST was answered
const heard = new Map();    // lead -> Map(stream -> when its line came)
const owners = new Map();   // lead -> owner (from the lines)
let connected = 0;

function openStream(i, rep) {
  return new Promise((resolve) => {
    const req = http.get({
      host: BASE.hostname, port: BASE.port, path: '/api/v1/stream', agent: false,
      headers: { Authorization: 'Bearer ' + rep.token, Accept: 'text/event-stream' },
    }, (res) => {
      if (res.statusCode !== 200) { res.resume(); resolve(false); return; }
      res.setEncoding('utf8');
      let buf = '';
      let open = false;
      res.on('data', (chunk) => {
        const t = now();
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!open && block.includes(': connected')) { open = true; connected += 1; resolve(true); }
          const m = /^data: (.*)$/m.exec(block);
          if (!m) continue;
          const line = JSON.parse(m[1]);
          if (line.type !== 'assigned') continue;
          owners.set(line.lead, line.owner);
          if (!heard.has(line.lead)) heard.set(line.lead, new Map());
          heard.get(line.lead).set(i, t);
        }
      });
      res.on('error', () => {});
    });
    req.on('error', () => resolve(false));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function post(n) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ email: `s${n}-${process.pid}@stream${n % 97}.example`, name: 'Stream Bench', source: 'web_form' });
    const req = http.request({
      host: POST_TO.hostname, port: POST_TO.port, path: '/api/v1/leads', method: 'POST', agent,
      headers: { Authorization: 'Bearer ' + INTAKE, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        const t = now();
        try { answered.set(JSON.parse(text).id, t); } catch (e) { /* counted as not posted */ }
        resolve();
      });
    });
    req.on('error', () => resolve());
    req.end(body);
  });
}

// ---------------------------------------------------------------- streams
const opening = [];
for (let i = 0; i < STREAMS; i++) {
  const rep = REPS[i % REPS.length];
  if (!byRep.has(rep.rep)) byRep.set(rep.rep, []);
  byRep.get(rep.rep).push(i);
  opening.push(openStream(i, rep));
}
await Promise.race([Promise.all(opening), new Promise((r) => setTimeout(r, 30000))]);
process.stderr.write(`streams: ${connected} of ${STREAMS} open\n`);
if (process.env.BATON_PAUSE) await new Promise((r) => setTimeout(r, Number(process.env.BATON_PAUSE)));
process.stderr.write('posting\n');

// ---------------------------------------------------------------- leads, at RATE a second
const t0 = now();
const inflight = [];
for (let n = 0; n < LEADS; n++) {
  const due = t0 + (n * 1000) / RATE;
  const wait = due - now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  inflight.push(post(n));
}
await Promise.all(inflight);
const manager = new Map(REPS.map((r) => [r.rep, r.manager]));
const expectedOf = (lead) => {
  const o = owners.get(lead);
  return o ? [...(byRep.get(o) || []), ...(byRep.get(manager.get(o)) || [])] : [];
};
const complete = () => [...answered.keys()].every((l) => owners.has(l) && expectedOf(l).every((s) => heard.get(l).has(s)));
const until = now() + WAIT;
while (!complete() && now() < until) await new Promise((r) => setTimeout(r, 50));

// ---------------------------------------------------------------- the figures
const delays = [];
let expected = 0;
let missing = 0;
for (const [lead, at] of answered) {
  const streams = expectedOf(lead);
  if (!streams.length) { missing += 1; continue; } // nobody heard its owner
  for (const s of streams) {
    expected += 1;
    const t = heard.get(lead).get(s);
    if (t === undefined) missing += 1;
    else delays.push(Math.max(0, t - at)); // a line may beat the POST's own answer
  }
}
delays.sort((a, b) => a - b);
const pct = (p) => (delays.length ? delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))] : null);
console.log(JSON.stringify({
  streams: STREAMS, connected, leads: answered.size, expected, heard: delays.length, missing,
  p50: pct(50), p90: pct(90), p99: pct(99), max: delays.length ? delays[delays.length - 1] : null,
}));
process.exit(0);
