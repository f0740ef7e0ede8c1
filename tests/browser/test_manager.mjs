// test_manager.mjs - the manager's day in a real browser at 1366x768 (issue 16.4):
// playwright-core drives Debian's chromium (headless) against the `baton serve` that
// tests/e2e/test_manager_browser.sh started on a demo store. The manager finds a lead by its
// company (written in another case) on the Leads page, sorts and pages the list, reassigns the
// lead with the lead page's button, downloads the funnel as CSV (its header line checked),
// cancels a meeting at the prospect's request, edits the playbook with an error (shown at its
// line), fixes it and applies it as a new version; the Team page shows each rep's load and fits
// 1366 pixels without a horizontal scroll. The lead's MRR finds only its own leads and has no
// edit control. Screenshots: leads-search, lead-meeting, playbook-edit, team-load. Prints TAP
// lines.
import { readFileSync } from 'node:fs';
import { session } from './lib.mjs';

const LEAD = process.env.BATON_LEAD;
const MRR = process.env.BATON_MRR;
const MANAGER = process.env.BATON_MANAGER;
const MEETING = process.env.BATON_MEETING;
const MEETING_LEAD = process.env.BATON_MEETING_LEAD;
const VIEW = { width: 1366, height: 768 };
// the refusals this test provokes on purpose (the playbook with an error: 422)
const t = session({
  base: process.env.BATON_URL, tokens: JSON.parse(process.env.BATON_TOKENS || '{}'), shots: process.env.BATON_SCREENSHOTS,
  chromiumPath: process.env.BATON_CHROMIUM, expectedErrors: /^(403|422)$/,
});
const { step, signIn, goto, shot } = t;
const api = (path, rep) => t.api(path, rep);

// The lead ids the Leads page shows, in order.
async function shownLeads(page) {
  return page.evaluate(() => [...document.querySelectorAll('.leads-list tbody tr td:first-child a')]
    .map((a) => Number(a.getAttribute('href').replace('#/lead/', ''))));
}

// Waits until the Leads page's list has settled on `pred` of its ids (the search runs as one types).
async function waitLeads(page, pred, what) {
  for (let i = 0; i < 100; i += 1) {
    const ids = await shownLeads(page);
    if (pred(ids)) return ids;
    await page.waitForTimeout(100);
  }
  throw new Error(what + ': the list shows ' + JSON.stringify(await shownLeads(page)));
}

// 0 when nothing on the page scrolls sideways: the page, and every table's scrolling box.
async function sideways(page) {
  return page.evaluate(() => {
    const over = [document.documentElement.scrollWidth - window.innerWidth];
    for (const s of document.querySelectorAll('.scroll')) over.push(s.scrollWidth - s.clientWidth);
    return Math.max(...over);
  });
}

await t.launch();
const page = await t.newPage(VIEW);

// ---------------------------------------------------------------- the manager
await step(`the manager (${MANAGER}) signs in at 1366x768 and finds Leads in its navigation`, async () => {
  await signIn(page, MANAGER);
  return (await page.locator('#nav a', { hasText: 'Leads' }).count()) === 1;
});
await step('the Leads page finds the lead by its company, written in another case', async () => {
  await page.click('#nav a:text("Leads")');
  await page.waitForSelector('.leads-list table, .leads-list .empty');
  const search = page.getByLabel('Search by email, name or company');
  await search.fill('ANALYTICAL engINES');
  const ids = await waitLeads(page, (x) => x.length >= 1 && x.includes(Number(LEAD)), 'search by company');
  const { body, total } = await api('/leads?q=analytical%20engines', MANAGER);
  if (ids.length !== body.length || Number(total) !== body.length) throw new Error(`page ${ids.length}, API ${body.length} (total ${total})`);
  await shot(page, 'leads-search');
  const where = await page.textContent('.pager-where');
  return where.includes('of ' + body.length);
});
await step('the search also finds by name and by email, accents and case aside', async () => {
  const search = page.getByLabel('Search by email, name or company');
  await search.fill('lövelace');
  await waitLeads(page, (x) => x.includes(Number(LEAD)), 'by name');
  await search.fill('ADA.LOVELACE@');
  await waitLeads(page, (x) => x.length === 1 && x[0] === Number(LEAD), 'by email');
  return true;
});
await step('the list sorts by a column and pages with X-Total-Count', async () => {
  const search = page.getByLabel('Search by email, name or company');
  await search.fill('');
  await page.getByLabel('Rows').selectOption('25');
  await waitLeads(page, (x) => x.length === 25, 'the first page');
  const total = Number((await page.textContent('.pager-where')).replace(/^.* of /, '').replace(/[^0-9]/g, ''));
  await page.getByRole('button', { name: 'Company' }).click();
  await page.waitForSelector('th[aria-sort="ascending"]');
  const first = await waitLeads(page, (x) => x.length === 25, 'sorted by company');
  const sorted = (await api('/leads?sort=company&limit=25', MANAGER)).body.map((l) => l.id);
  if (JSON.stringify(first) !== JSON.stringify(sorted)) throw new Error('page ' + first + ' API ' + sorted);
  await page.getByRole('button', { name: 'Next 25 leads' }).click();
  await page.waitForSelector('.pager-where:text-matches("^26")');
  const second = await shownLeads(page);
  const api2 = (await api('/leads?sort=company&limit=25&offset=25', MANAGER)).body.map((l) => l.id);
  if (JSON.stringify(second) !== JSON.stringify(api2)) throw new Error('page 2 ' + second + ' API ' + api2);
  return total > 25;
});
let assignedTo = null;
await step('the manager opens the lead and reassigns it with the button', async () => {
  await goto(page, '#/lead/' + LEAD, '.lead-head h1');
  const f = page.getByRole('form', { name: 'Assign by hand' });
  const to = f.getByLabel('Assign to');
  await to.selectOption({ index: 1 });
  assignedTo = await to.inputValue();
  const option = await to.locator('option:checked').textContent();
  await f.getByLabel('Why').fill('Knows the account');
  await f.getByRole('button', { name: 'Assign' }).click();
  await page.waitForSelector('.toast:has-text("Assigned to ' + assignedTo + '")');
  const { body } = await api('/leads/' + LEAD, MANAGER);
  if (body.owner !== assignedTo) throw new Error('owner ' + body.owner);
  return /open\)/.test(option); // the picker shows each rep's load
});
await step('the funnel downloads as CSV with the report\'s header line', async () => {
  await goto(page, '#/funnel', '.chart[data-ready]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Download CSV/ }).click(),
  ]);
  const name = download.suggestedFilename();
  const file = await download.path();
  const text = readFileSync(file, 'utf8');
  const [head, row] = text.split('\r\n');
  if (!/^baton-funnel-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/.test(name)) throw new Error('file name ' + name);
  if (!head.startsWith('key,leads,inquiry,target,mql,working,handoff,sql,won')) throw new Error('header ' + head);
  return row.startsWith('all,');
});
await step('the manager cancels a meeting at the prospect\'s request from its lead page', async () => {
  if (!MEETING) throw new Error('no meeting to cancel');
  await goto(page, '#/lead/' + MEETING_LEAD, '.lead-head h1');
  const card = page.locator('section.meeting-outcomes');
  await card.getByRole('button', { name: 'Cancel…' }).first().click();
  const f = page.getByRole('form', { name: 'Cancel meeting ' + MEETING });
  await f.getByLabel('Who asked').selectOption('prospect');
  await shot(page, 'lead-meeting', card);
  await f.getByRole('button', { name: 'Cancel the meeting' }).click();
  await page.waitForSelector('.toast:has-text("Meeting cancelled")');
  const { body } = await api('/leads/' + MEETING_LEAD, MANAGER);
  const m = body.meetings.find((x) => String(x.id) === MEETING);
  return m && m.status === 'cancelled';
});
await step('the manager edits the playbook: an error is shown at its line', async () => {
  await goto(page, '#/playbook', 'dl.vocab');
  await page.getByRole('button', { name: 'Edit the playbook' }).click();
  const text = page.getByLabel('The playbook (YAML)');
  await text.waitFor();
  const yaml = await text.inputValue();
  const line = yaml.split('\n').findIndex((l) => l.includes('first_touch_within: 5m')) + 1;
  if (line < 1) throw new Error('no first_touch_within: 5m in the playbook');
  await text.fill(yaml.replace('first_touch_within: 5m', 'first_touch_within: 5 minutes'));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForSelector('ol.pb-errors li');
  const err = await page.textContent('ol.pb-errors');
  const marked = await page.textContent('.pb-gutter .bad');
  await shot(page, 'playbook-edit');
  if (!err.includes('Line ' + line) || !err.includes('sla.speed_to_lead.first_touch_within')) throw new Error('errors: ' + err);
  if (marked !== String(line)) throw new Error('gutter marks line ' + marked + ', not ' + line);
  // the line's entry selects the line in the editor
  await page.getByRole('button', { name: 'Line ' + line }).click();
  const picked = await text.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  return picked.includes('5 minutes');
});
await step('then fixes it and applies it as version 2', async () => {
  const text = page.getByLabel('The playbook (YAML)');
  const yaml = await text.inputValue();
  await text.fill(yaml.replace('first_touch_within: 5 minutes', 'first_touch_within: 10m'));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForSelector('.pb-ok');
  await page.getByRole('button', { name: 'Apply as version 2' }).click();
  await page.waitForSelector('.toast:has-text("Applied as playbook version 2")');
  await page.waitForSelector('dl.vocab');
  const head = await page.textContent('.page-head');
  const body = await page.textContent('main');
  return head.includes('version 2') && /first touch from its owner within 10 business minutes/.test(body);
});
await step('the Team page shows each rep\'s load and fits 1366 pixels without a sideways scroll', async () => {
  await goto(page, '#/team', '.chart[data-ready]');
  await page.waitForSelector('section.waiting p, section.waiting table');
  const over = await sideways(page);
  const reps = page.locator('section.card', { has: page.locator('h2', { hasText: 'Reps' }) });
  const head = await reps.locator('thead').textContent();
  const load = await reps.locator('tbody td.load').first().textContent();
  await reps.scrollIntoViewIfNeeded();
  await shot(page, 'team-load');
  if (over > 1) throw new Error('something is ' + over + 'px wider than its box at 1366');
  if (!head.includes('Load') || !/\d+ \/ /.test(load)) throw new Error('load column: ' + head + ' / ' + load);
  return true;
});
await step('the Team page downloads the credit report as CSV', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^credit/ }).click(),
  ]);
  const text = readFileSync(await download.path(), 'utf8');
  return text.startsWith('rep,role,meeting_held,seller_late_cancel,sql_accepted,won_amount,mql_to_sql');
});

// ---------------------------------------------------------------- the MRR
const rep = await t.newPage(VIEW);
await step(`the MRR (${MRR}) finds only its own leads in the search`, async () => {
  await signIn(rep, MRR);
  await goto(rep, '#/leads', '.leads-list table, .leads-list .empty');
  await rep.getByLabel('Search by email, name or company').fill('a');
  const { body } = await api('/leads?q=a&limit=25', MRR);
  const ids = await waitLeads(rep, (x) => x.length === body.length && x.every((id, i) => id === body[i].id), 'the MRR\'s search');
  const mine = body.every((l) => l.owner === MRR || l.handed_by === MRR);
  if (!ids.length || !mine) throw new Error(ids.length + ' leads, all its own: ' + mine);
  // the lead reassigned by the manager is another rep's now: not found by its company
  await rep.getByLabel('Search by email, name or company').fill('analytical');
  await rep.waitForSelector('.leads-list .empty');
  return (await api('/leads?q=analytical', MRR)).total === '0';
});
await step('the MRR has no edit control on the Playbook page', async () => {
  await goto(rep, '#/playbook', 'dl.vocab');
  return (await rep.getByRole('button', { name: 'Edit the playbook' }).count()) === 0;
});

await t.finish();
