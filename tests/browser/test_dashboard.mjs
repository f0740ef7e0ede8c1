// test_dashboard.mjs - the dashboard in a real browser: playwright-core drives Debian's
// chromium (headless) against a `baton serve` that tests/e2e/test_dashboard.sh started on a demo
// store. An MRR signs in, sees its queue counting down, opens its new lead, logs a call,
// qualifies, finds the handoff form prefilled with the lead's phone, is refused a handoff
// without the playbook's notes (the error next to the form's field), hands off with a meeting in
// the AE's free slots and lands on its queue saying so; the lead's timeline shows every time in
// the rep's zone; the AE reviews and accepts; another AE rejects a handoff (refused without a
// reason in the API's words, then done: back on its queue with the message, no error); an SDR
// that owes nothing sees its working leads; the manager sees the funnel and SLA pages change,
// reads the SLA table and every page of the navigation on a phone, puts a rep of its team away
// (and cancels it) from the Team page, and assigns a second lead by hand from its lead page
// (SPEC 8.3); the playbook says its business-time windows in business hours. Screenshots of
// each page go to $BATON_SCREENSHOTS. Prints TAP lines ("ok - ..." / "not ok - ...") that
// tests/run.sh counts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watch } from './lib.mjs';
import { ok, step, tap } from './tap.mjs';

const BASE = process.env.BATON_URL;
const TOKENS = JSON.parse(process.env.BATON_TOKENS || '{}');
const LEAD = process.env.BATON_LEAD;
const LEAD2 = process.env.BATON_LEAD2; // a second new lead of the manager's team, untouched
const LEAD_NAME = process.env.BATON_LEAD_NAME;
const MRR = process.env.BATON_MRR;
const MANAGER = process.env.BATON_MANAGER;
const LEAD3 = process.env.BATON_LEAD3; // handed off by MRR3 to AE3 on the command line, for AE3 to reject
const MRR3 = process.env.BATON_MRR3;
const AE3 = process.env.BATON_AE3;
const SDR = process.env.BATON_SDR;     // an SDR that owes nothing now but works leads
const SHOTS = process.env.BATON_SCREENSHOTS;
const CHROMIUM = process.env.BATON_CHROMIUM || '/usr/bin/chromium';
const started = Date.now();

async function api(path, token) {
  const r = await fetch(BASE + '/api/v1' + path, { headers: { Authorization: 'Bearer ' + token } });
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return r.json();
}

mkdirSync(SHOTS, { recursive: true });
const unlabelled = [];  // form controls without a label, per page
const seen = [];        // the pages checked for them

// A screenshot of the top of the page, without the passing "done" messages; also notes the
// page's form controls that have no label.
async function shot(page, name) {
  const missing = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((c) => c.type !== 'hidden' && (!c.labels || c.labels.length === 0)).map((c) => c.outerHTML.slice(0, 80)));
  for (const m of missing) unlabelled.push(name + ': ' + m);
  seen.push(name);
  await page.evaluate(() => {
    document.querySelectorAll('.toast').forEach((t) => t.remove());
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: false });
}

const browser = await launch(CHROMIUM);
const problems = [];   // console errors, page errors, CSP reports
const outside = [];    // requests to any other origin
// the refusals this test provokes on purpose (a wrong token, a rep's funnel, a handoff without
// notes, a rejection without a reason) are logged by chromium as failed loads: expected
const noted = { problems, outside, origin: new URL(BASE).origin, expected: /^(400|401|403|409)$/ };

async function newPage(viewport) {
  const ctx = await browser.newContext({ viewport: viewport || { width: 1280, height: 900 }, timezoneId: 'UTC' });
  const page = await ctx.newPage();
  // BROWSER_TIMEOUT_MS: longer under `make test-valgrind`, where the server runs 20-50x slower
  page.setDefaultTimeout(Number(process.env.BROWSER_TIMEOUT_MS || 60000));
  watch(page, noted);
  return page;
}

async function signIn(page, rep) {
  await page.goto(BASE + '/#/signin');
  await page.getByLabel('API token').fill(TOKENS[rep]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('.who-name');
  const who = await page.textContent('.who-name');
  if (who !== rep) throw new Error('signed in as ' + who + ', not ' + rep);
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForSelector('text=API token');
}

// "23 Nov 2026, 10:00" in `zone`, as the page writes a time (ui.js fmtTime).
function inZone(iso, zone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

async function goto(page, hash, ready) {
  await page.goto(BASE + '/' + hash);
  await page.waitForSelector(ready);
}

// The number in the "Leads" column of the funnel's stage table for the stage labelled `label`.
async function funnelCount(page, label) {
  return page.evaluate((l) => {
    for (const tr of document.querySelectorAll('table tbody tr')) {
      const td = tr.querySelectorAll('td');
      if (td.length === 2 && td[0].textContent === l) return Number(td[1].textContent.replace(/[^0-9]/g, ''));
    }
    return null;
  }, label);
}

// The "N met" of an SLA rule's KPI on the SLA page.
async function slaMet(page, rule) {
  const text = await page.textContent(`.kpi:has([data-kpi="${rule}"]) .kpi-label`);
  const m = /([\d,]+) met/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

const pb = await api('/playbook', TOKENS[MANAGER]);
const label = (stage) => pb.stages[stage].label;
const page = await newPage();
let before = {};
let ae = null;

// ---------------------------------------------------------------- the manager, before
await step('the sign-in page asks for a token with a labelled field', async () => {
  await page.goto(BASE + '/');
  await page.waitForSelector('form[aria-label="Sign in"]');
  await shot(page, 'signin');
  return (await page.getByLabel('API token').count()) === 1;
});
await step('a wrong token is refused next to the token field', async () => {
  await page.getByLabel('API token').fill('bt_1_nope');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('[data-error-for="authorization"]:not(:empty)');
  return true;
});
await step('the manager signs in and sees the funnel before', async () => {
  await signIn(page, MANAGER);
  await goto(page, '#/funnel', '.chart[data-ready]');
  before.sql = await funnelCount(page, label('sql'));
  before.handoff = await funnelCount(page, label('handoff'));
  if (before.sql === null) throw new Error('no sql row in the funnel table');
  return true;
});
await step('the funnel shows the API\'s numbers', async () => {
  const from = await page.getByLabel('From').inputValue();
  const to = await page.getByLabel('To (not included)').inputValue();
  const r = await api(`/reports/funnel?from=${from}&to=${to}`, TOKENS[MANAGER]);
  const inquiry = await funnelCount(page, label('inquiry'));
  if (r.rows[0].sql !== before.sql || r.rows[0].inquiry !== inquiry) throw new Error(`page sql ${before.sql} inquiry ${inquiry}, API ${r.rows[0].sql} ${r.rows[0].inquiry}`);
  return true;
});
await step('the manager sees the SLA page before', async () => {
  await goto(page, '#/sla', '.chart[data-ready]');
  before.met = await slaMet(page, 'speed_to_lead');
  if (before.met === null) throw new Error('no speed_to_lead KPI');
  return true;
});
await step('the manager signs out', () => signOut(page));

// ---------------------------------------------------------------- the MRR
await step(`the MRR (${MRR}) signs in and sees its queue with the new lead`, async () => {
  await signIn(page, MRR);
  await page.waitForSelector(`ol.queue a[href="#/lead/${LEAD}"]`);
  return true;
});
await step('the queue counts the time left down', async () => {
  const item = page.locator('.queue-item', { has: page.locator(`a[href="#/lead/${LEAD}"]`) }).first();
  const t1 = await item.locator('.countdown').textContent();
  await page.waitForTimeout(1300);
  const t2 = await item.locator('.countdown').textContent();
  await shot(page, 'queue');
  if (!/left/.test(t1) || t1 === t2) throw new Error(`countdown "${t1}" then "${t2}"`);
  return true;
});
await step('an MRR has no Funnel in its navigation and the API refuses it the page', async () => {
  if (await page.locator('#nav a', { hasText: 'Funnel' }).count()) throw new Error('Funnel is in the navigation');
  await goto(page, '#/funnel', '.notice.error, .form-error:not(:empty)');
  const text = await page.textContent('main');
  return /for managers/.test(text);
});
await step('the queue works at phone width', async () => {
  const phone = await newPage({ width: 390, height: 844 });
  await signIn(phone, MRR);
  await phone.waitForSelector('ol.queue');
  await shot(phone, 'queue-phone');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await phone.context().close();
  if (overflow > 1) throw new Error('the page is ' + overflow + 'px wider than the phone');
  return true;
});
await step('the MRR opens the lead: contact card and timeline', async () => {
  await page.goto(BASE + '/#/queue');
  await page.click(`ol.queue a[href="#/lead/${LEAD}"]`);
  await page.waitForSelector('.lead-head h1');
  const h1 = await page.textContent('.lead-head h1');
  const events = await page.locator('ol.events li').count();
  if (!h1.includes(LEAD_NAME) || events < 1) throw new Error(`h1 "${h1}", ${events} events`);
  // SPEC 8.4: the lead's own zone (given: it wins over its country's) and its time there
  const zone = await page.textContent('section.contact');
  if (!/Time zone\s*America\/New_York \(\d\d:\d\d there now\)/.test(zone)) throw new Error('contact card: ' + zone);
  return true;
});
await step('the MRR logs a call', async () => {
  const f = page.getByRole('form', { name: 'Log a touch' });
  await f.getByLabel('Kind').selectOption('call');
  await f.getByLabel('Outcome').selectOption('connected');
  await f.getByLabel('Note').fill('Spoke with Ada: routing across three regions');
  await f.getByRole('button', { name: 'Log touch' }).click();
  await page.waitForSelector('.toast:has-text("Touch logged")');
  const stage = await page.textContent('.lead-head .stage');
  if (stage !== label('working')) throw new Error('stage ' + stage);
  return true;
});
await step('the MRR qualifies with the playbook\'s fields', async () => {
  const f = page.getByRole('form', { name: 'Qualification' });
  const fields = pb.qualification.fields;
  await f.getByLabel(fields.budget.question).selectOption('yes');
  await f.getByLabel(fields.authority.question).selectOption('decision_maker');
  await f.getByLabel(fields.need.question).fill('Route inbound leads to the right rep within minutes');
  await f.getByLabel(fields.timeline.question).selectOption('this_quarter');
  await f.getByRole('button', { name: 'Save answers' }).click();
  await page.waitForSelector('.toast:has-text("Answers saved")');
  return (await page.locator('ol.events li.event-qualify').count()) === 1;
});
await step('the handoff form is prefilled with the phone the lead already has', async () => {
  const f = page.getByRole('form', { name: 'Hand off to an AE' });
  const phone = await f.getByLabel('direct phone', { exact: true }).inputValue();
  const hint = await f.locator('.field', { has: page.getByLabel('direct phone', { exact: true }) }).textContent();
  if (phone !== '+33 1 23 45 67 89' || !/from the lead's card/.test(hint)) throw new Error(`direct phone "${phone}", field "${hint}"`);
  return true;
});
await step('a handoff without the required notes is refused, the error next to the form\'s field', async () => {
  const f = page.getByRole('form', { name: 'Hand off to an AE' });
  for (const k of pb.qualification.notes_require) await f.getByLabel(k.replace(/_/g, ' '), { exact: true }).fill('');
  await f.getByRole('button', { name: 'Hand off' }).click();
  const slot = f.locator('[data-error-for="qualification"]');
  await slot.filter({ hasText: 'missing' }).waitFor();
  return /note direct_phone is missing/.test(await slot.textContent());
});
await step('the MRR hands off with a meeting in the AE\'s free slots', async () => {
  const f = page.getByRole('form', { name: 'Hand off to an AE' });
  const aeSelect = f.getByLabel('AE', { exact: true });
  await aeSelect.selectOption({ index: 1 });
  ae = await aeSelect.inputValue();
  const slot = f.getByLabel('Meeting', { exact: true });
  await page.waitForFunction(() => {
    const s = document.querySelector('form[aria-label="Hand off to an AE"] select[name="meeting"]');
    return s && s.options.length > 1;
  });
  await slot.selectOption({ index: 1 });
  // SPEC 8.4: each slot in the AE's time, with the prospect's (New York) beside it
  const offered = await slot.locator('option').nth(1).textContent();
  if (!/^\w{3} \d+ \w{3}, \d\d:\d\d · \w{3} \d+ \w{3} \d\d:\d\d for the prospect$/.test(offered)) throw new Error('slot ' + offered);
  const hint = await f.locator('p.hint', { hasText: 'free' }).textContent();
  if (!/the prospect's time \(America\/New_York\)/.test(hint)) throw new Error('hint ' + hint);
  const notes = { direct_phone: '+33 1 23 45 67 89', mobile_phone: '+33 6 12 34 56 78', summary: 'Three regions, wants routing live this quarter',
    company_changes: 'New VP Sales in September', current_systems: 'HubSpot, Aircall' };
  for (const k of pb.qualification.notes_require) await f.getByLabel(k.replace(/_/g, ' '), { exact: true }).fill(notes[k] || 'noted');
  await page.locator('section.handoff').screenshot({ path: join(SHOTS, 'lead-handoff.png') });
  await f.getByRole('button', { name: 'Hand off' }).click();
  // the lead left the MRR's hands: its queue says what happened
  const flash = page.locator('main .flash');
  await flash.waitFor();
  const said = await flash.textContent();
  if (!new RegExp('^' + LEAD_NAME + ' handed off to the AE ' + ae + ', meeting on \\d+ \\w{3} \\d{4}, \\d\\d:\\d\\d$').test(said)) throw new Error('message: ' + said);
  if (await page.locator('main .notice.error').count()) throw new Error('an error is shown');
  await goto(page, '#/lead/' + LEAD, '.lead-head h1');
  const stage = await page.textContent('.lead-head .stage');
  const meetings = await page.locator('section:has(h2:text("Meetings")) li').count();
  await shot(page, 'lead');
  if (stage !== label('handoff') || meetings !== 1) throw new Error(`stage ${stage}, ${meetings} meetings`);
  return true;
});
await step('the lead page shows every time in the rep\'s zone, named once', async () => {
  const me = await api('/me', TOKENS[MRR]);
  const head = await page.textContent('.lead-head');
  const named = (await page.textContent('main')).split('times in ' + me.timezone).length - 1;
  const times = await page.$$eval('main time[datetime]', (ts) => ts.map((t) => [t.getAttribute('datetime'), t.textContent]));
  const wrong = times.filter(([iso, text]) => text !== inZone(iso, me.timezone));
  const details = await page.$$eval('ol.events .event-detail', (ds) => ds.map((d) => d.textContent));
  const iso = details.filter((d) => /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(d) || /[{}]/.test(d));
  const lead = await api('/leads/' + LEAD, TOKENS[MRR]);
  const start = lead.meetings[0].start;
  const handoff = details.find((d) => d.includes('meeting start: '));
  if (!head.includes('times in ' + me.timezone) || named !== 1) throw new Error(`zone named ${named} times: ${head}`);
  if (!times.length || wrong.length) throw new Error(times.length + ' times, in another zone: ' + JSON.stringify(wrong.slice(0, 3)));
  if (iso.length) throw new Error('raw times or JSON in the details: ' + iso.slice(0, 2).join(' | '));
  if (!handoff || !handoff.includes('meeting start: ' + inZone(start, me.timezone))) throw new Error('handoff detail: ' + handoff);
  return true;
});
await step('the MRR is offered no accept or reject (the AE\'s, as the API says)', async () => {
  return (await page.getByRole('form', { name: 'Accept the handoff' }).count()) === 0 &&
    (await page.getByRole('form', { name: 'Reject the handoff' }).count()) === 0;
});
await step('the MRR signs out', () => signOut(page));

// ---------------------------------------------------------------- the AE
await step('the AE signs in and finds the handoff in its queue', async () => {
  if (!ae || !TOKENS[ae]) throw new Error('no AE token for ' + ae);
  await signIn(page, ae);
  await page.waitForSelector(`ol.queue a[href="#/lead/${LEAD}"]`);
  return true;
});
await step('the AE reviews the notes', async () => {
  await page.click(`ol.queue a[href="#/lead/${LEAD}"]`);
  await page.getByRole('button', { name: 'Mark the notes reviewed' }).click();
  await page.waitForSelector('.toast:has-text("Notes reviewed")');
  return (await page.locator('ol.events li.event-review').count()) === 1;
});
await step('the AE sees the playbook\'s reason codes to reject with', async () => {
  const options = await page.getByRole('form', { name: 'Reject the handoff' }).getByLabel('Reason').locator('option').allTextContents();
  return Object.keys(pb.rejections).every((code) => options.some((o) => o.startsWith(code.replace(/_/g, ' '))));
});
await step('the AE accepts', async () => {
  const f = page.getByRole('form', { name: 'Accept the handoff' });
  await f.getByLabel('Estimated value (optional)').fill('24000');
  await f.getByRole('button', { name: 'Accept' }).click();
  await page.waitForSelector('.toast:has-text("Accepted")');
  const stage = await page.textContent('.lead-head .stage');
  await shot(page, 'lead-accepted');
  if (stage !== label('sql')) throw new Error('stage ' + stage);
  return true;
});
await step('the AE signs out', () => signOut(page));

// ---------------------------------------------------------------- a rejection, and an SDR's queue
await step(`an AE (${AE3}) rejecting without a reason is refused in the API's words, next to the field`, async () => {
  if (!LEAD3 || !TOKENS[AE3]) throw new Error('no third lead or no token for ' + AE3);
  await signIn(page, AE3);
  await goto(page, '#/lead/' + LEAD3, '.lead-head h1');
  const f = page.getByRole('form', { name: 'Reject the handoff' });
  await f.getByRole('button', { name: 'Reject' }).click();
  const slot = f.locator('[data-error-for="reason"]');
  await slot.filter({ hasText: 'required' }).waitFor();
  const said = await slot.textContent();
  if (!/^reason is required: one of not_qualified, /.test(said) || said.includes('--')) throw new Error('message: ' + said);
  return true;
});
await step('the AE rejects: back on its queue, saying where the lead went, no error', async () => {
  const f = page.getByRole('form', { name: 'Reject the handoff' });
  await f.getByLabel('Reason', { exact: true }).selectOption('not_qualified');
  await f.getByRole('button', { name: 'Reject' }).click();
  const flash = page.locator('main .flash');
  await flash.waitFor();
  const said = await flash.textContent();
  await shot(page, 'queue-after-reject');
  if (!/#\/queue$/.test(page.url())) throw new Error('on ' + page.url());
  if (said !== `Charles Babbage rejected (not qualified): back with the MRR ${MRR3} (${label('working')})`) throw new Error('message: ' + said);
  if (await page.locator('main .notice.error, main .form-error:not(:empty)').count()) throw new Error('an error is shown');
  if (await page.locator(`ol.queue a[href="#/lead/${LEAD3}"]`).count()) throw new Error('the rejected lead is still in the AE\'s queue');
  return true;
});
await step('the message belongs to that visit of the queue', async () => {
  await page.reload();
  await page.waitForSelector('.page-queue');
  return (await page.locator('main .flash').count()) === 0;
});
await step('the AE signs out', () => signOut(page));
await step(`an SDR that owes nothing (${SDR}) sees its working leads in their own section`, async () => {
  if (!SDR || !TOKENS[SDR]) throw new Error('no SDR token');
  await signIn(page, SDR);
  await page.waitForSelector('section.working');
  const want = (await api('/queue?working=true', TOKENS[SDR])).filter((i) => i.kind === 'working').map((i) => '#/lead/' + i.lead);
  const listed = await page.$$eval('section.working ol a', (as) => as.map((a) => a.getAttribute('href')));
  const text = await page.textContent('main');
  await shot(page, 'queue-working');
  if (!want.length || JSON.stringify(listed) !== JSON.stringify(want)) throw new Error(`listed ${listed}, the API ${want}`);
  if (/Nothing owed/.test(text)) throw new Error('the page says "Nothing owed" while it lists working leads');
  return true;
});
await step('the SDR nurtures one of them: back on its queue, saying until when, the lead gone from it', async () => {
  const href = await page.getAttribute('section.working ol a', 'href');
  const id = href.split('/').pop();
  const lead = await api('/leads/' + id, TOKENS[SDR]);
  await page.click(`section.working ol a[href="${href}"]`);
  await page.waitForSelector('.lead-head h1');
  await page.locator('details.more summary').click();
  const f = page.getByRole('form', { name: 'Nurture' });
  await f.getByLabel('Recycle on').fill('2027-03-01');
  await f.getByLabel('Reason').fill('Budget next year');
  await f.getByRole('button', { name: 'Nurture' }).click();
  const flash = page.locator('main .flash');
  await flash.waitFor();
  const said = await flash.textContent();
  const name = lead.name || lead.email;
  if (!said.startsWith(name + ' nurtured until 1 Mar 2027') || !said.endsWith('(Budget next year)')) throw new Error('message: ' + said);
  if (await page.locator(`section.working a[href="${href}"]`).count()) throw new Error('the nurtured lead is still listed');
  if (await page.locator('main .notice.error').count()) throw new Error('an error is shown');
  return true;
});
await step('the SDR signs out', () => signOut(page));

// ---------------------------------------------------------------- the manager, after
await step('the manager sees the funnel change', async () => {
  await signIn(page, MANAGER);
  await goto(page, '#/funnel', '.chart[data-ready]');
  const sql = await funnelCount(page, label('sql'));
  const handoff = await funnelCount(page, label('handoff'));
  await shot(page, 'funnel');
  if (sql !== before.sql + 1 || handoff !== before.handoff + 1) throw new Error(`sql ${before.sql} -> ${sql}, handoff ${before.handoff} -> ${handoff}`);
  return true;
});
await step('the funnel filters by source', async () => {
  await page.getByLabel('Group by').selectOption('source');
  await page.waitForSelector('h2:text("By source")');
  await page.getByLabel('Group', { exact: true }).selectOption('web_form');
  await page.waitForSelector('.chart[data-ready]');
  const what = await page.getAttribute('.chart canvas', 'aria-label');
  return what.includes('source web_form');
});
await step('the manager sees the SLA page change', async () => {
  await goto(page, '#/sla', '.chart[data-ready]');
  const met = await slaMet(page, 'speed_to_lead');
  await shot(page, 'sla');
  if (met !== before.met + 1) throw new Error(`speed_to_lead met ${before.met} -> ${met}`);
  return true;
});
await step('on a phone the SLA tables keep each time on one line and the navigation shows every page', async () => {
  const phone = await newPage({ width: 390, height: 844 });
  await signIn(phone, MANAGER);
  await goto(phone, '#/sla', '.chart[data-ready]');
  const cells = phone.locator('section:has(h2:text("Breaches")) td.when');
  await cells.first().waitFor();
  // the height of a cell's text (not of its row, which a wrapped neighbour may make taller)
  const textHeights = (tds) => tds.map((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return [td.textContent, range.getBoundingClientRect().height, parseFloat(getComputedStyle(td).lineHeight) || 20];
  }).filter(([, h, lh]) => h > lh * 1.5);
  const tall = await cells.evaluateAll(textHeights);
  await shot(phone, 'sla-phone');
  const box = await phone.locator('section:has(h2:text("Breaches"))').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: 0, y: r.top + window.scrollY, width: window.innerWidth, height: Math.min(r.height, 700) };
  });
  await phone.screenshot({ path: join(SHOTS, 'sla-phone-breaches.png'), clip: box, fullPage: true });
  await phone.evaluate(() => window.scrollTo(0, 0));
  const links = await phone.$$eval('#nav a', (as) => as.map((a) => {
    const r = a.getBoundingClientRect();
    return [a.textContent, r.left >= 0 && r.right <= window.innerWidth && r.width > 0 && r.height > 0];
  }));
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await goto(phone, '#/queue', 'section.card h2');
  const team = phone.locator('section:has(h2:text("open obligations")) td.when');
  const teamTall = (await team.count()) ? (await team.evaluateAll(textHeights)).length : 0;
  await phone.context().close();
  if (tall.length) throw new Error('time cells over one line: ' + JSON.stringify(tall.slice(0, 3)));
  if (teamTall) throw new Error(teamTall + ' time cells of the team\'s obligations over one line');
  const hidden = links.filter(([, seen]) => !seen).map(([t]) => t);
  if (links.length !== 8 || hidden.length) throw new Error(`${links.length} links, hidden: ${hidden}`);
  if (overflow > 1) throw new Error('the page is ' + overflow + 'px wider than the phone');
  return true;
});
await step('the team page shows speed, acceptance, follow-up and credit per rep', async () => {
  await goto(page, '#/team', '.chart[data-ready]');
  await shot(page, 'team');
  const rows = await page.locator('table tbody tr').count();
  const text = await page.textContent('main');
  return rows > 1 && text.includes(MRR);
});
await step('the team page shows the rotation: assignments against each rep\'s weight (SPEC 8.5)', async () => {
  const rotation = page.locator('table', { has: page.locator('caption', { hasText: 'The rotation in the period' }) });
  const rows = await rotation.locator('tbody tr').count();
  const head = await rotation.locator('thead').textContent();
  const text = await rotation.textContent();
  return rows >= 1 && head.includes('Weight share') && head.includes('Skipped: hours') && text.includes(MRR);
});
await step('the manager puts a rep of its team away from the Team page', async () => {
  const f = page.getByRole('form', { name: 'Put a rep away' });
  const rep = await f.getByLabel('Rep', { exact: true }).inputValue();
  await f.getByLabel('First day away').fill('2026-11-24');
  await f.getByLabel('Last day away (included)').fill('2026-11-25');
  await f.getByLabel('Reason (optional)').fill('Training in Lyon');
  await f.getByRole('button', { name: 'Put away' }).click();
  await page.waitForSelector('.toast:has-text("is away from")');
  const row = page.locator('section.absences tbody tr', { hasText: rep });
  await row.first().waitFor();
  const text = await row.first().textContent();
  await page.locator('section.absences').screenshot({ path: join(SHOTS, 'team-absences.png') });
  if (!/upcoming/.test(text) || !/Training in Lyon/.test(text)) throw new Error('row: ' + text);
  const list = await api('/reps/' + encodeURIComponent(rep) + '/absences', TOKENS[MANAGER]);
  const a = list.find((x) => x.reason === 'Training in Lyon');
  // two whole days in Paris, the last one included: Tuesday 00:00 to Thursday 00:00
  if (!a || a.from !== '2026-11-23T23:00:00Z' || a.to !== '2026-11-25T23:00:00Z') throw new Error(JSON.stringify(list));
  return true;
});
await step('and cancels it from the list', async () => {
  await page.locator('section.absences').getByRole('button', { name: /^Cancel absence/ }).first().click();
  await page.waitForSelector('.toast:has-text("cancelled")');
  await page.waitForSelector('section.absences .empty');
  return true;
});
await step('the manager assigns a lead of its team by hand from the lead page', async () => {
  if (!LEAD2) throw new Error('no second lead');
  await goto(page, '#/lead/' + LEAD2, '.lead-head h1');
  const before = await api('/leads/' + LEAD2, TOKENS[MANAGER]);
  const f = page.getByRole('form', { name: 'Assign by hand' });
  const to = f.getByLabel('Assign to');
  await to.selectOption({ index: 1 });
  const rep = await to.inputValue();
  await f.getByLabel('Why').fill('Speaks German');
  await page.locator('section.assign').screenshot({ path: join(SHOTS, 'lead-assign.png') });
  await f.getByRole('button', { name: 'Assign' }).click();
  await page.waitForSelector('.toast:has-text("Assigned to ' + rep + '")');
  const after = await api('/leads/' + LEAD2, TOKENS[MANAGER]);
  const ev = after.events.filter((e) => e.type === 'assigned').pop();
  const ob = (l) => l.obligations.find((o) => o.rule === 'speed_to_lead');
  if (after.owner !== rep || !ev.manual || ev.by !== MANAGER || ev.reason !== 'Speaks German') throw new Error(JSON.stringify(ev));
  if (ob(after).owner !== rep || ob(after).due !== ob(before).due) throw new Error('obligation ' + JSON.stringify(ob(after)));
  const owner = await page.textContent('dl.facts');
  return owner.includes(rep) && (await page.locator('ol.events li.event-assigned').count()) >= 2;
});
await step('the playbook page shows the stage vocabulary and the SLA in sentences', async () => {
  await goto(page, '#/playbook', 'dl.vocab');
  await shot(page, 'playbook');
  const text = await page.textContent('main');
  return text.includes(label('handoff')) && text.includes(pb.stages.handoff.definition) && /first touch from its owner within/.test(text);
});
await step('the playbook says business-time windows in business hours, with the working days they make', async () => {
  const text = await page.textContent('dl.rules');
  if (pb.sla.handoff_response.within !== '1d' || pb.org.business_hours.start !== '09:00' || pb.org.business_hours.end !== '18:00') throw new Error('not the default playbook');
  if (!text.includes('accepts or rejects it within 24 business hours (about 2⅔ working days at 9 h a day).')) throw new Error(text);
  if (!text.includes('within 5 business minutes of becoming') || /of business time/.test(text)) throw new Error(text);
  return true;
});
await step('the simulation page draws lumped, today\'s split and the best split with the p10-p90 band', async () => {
  await goto(page, '#/simulation', '.chart[data-ready]');
  await shot(page, 'simulation');
  const text = await page.textContent('main');
  return text.includes('lumped mean') && text.includes('specialized mean') && text.includes('best mean') &&
    /Verdict: (Specialise: |Stay lumped: |No clear winner: )/.test(text) && /Utilisation/.test(text) &&
    /Swing: how much a quarter's revenue varies/.test(text);
});

// ---------------------------------------------------------------- the page's hygiene
ok(unlabelled.length === 0 && seen.length >= 13, 'every form control has a label (' + seen.join(', ') + ')', unlabelled.join('\n'));
ok(problems.length === 0, 'no console error, page error or Content-Security-Policy report', problems.join('\n'));
ok(outside.length === 0, 'nothing is loaded from another origin', outside.join('\n'));
await browser.close();
console.log('# the browser test took ' + ((Date.now() - started) / 1000).toFixed(1) + ' s; screenshots in ' + SHOTS);
process.exit(tap.failed ? 1 : 0);
