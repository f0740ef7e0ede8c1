// test_replay.mjs - "Try a change" on the Playbook page at phone width (375x812, issue 18.2):
// playwright-core drives Debian's chromium (headless) against the `baton serve` that
// tests/e2e/test_replay_browser.sh started on a demo store. The manager opens the playbook's
// editor, tightens speed to lead from 5 minutes to 2, checks the draft, replays the history under
// it and sees the differences (a row of the sla report whose delta is not zero, the bars of
// current against proposed), shows every row, and nothing on the page is wider than the phone;
// a draft with an error replayed shows the error at its line; then the change is applied. Then
// "Changes to reps": the manager weights the MRR 2 (the cell marked) and adds an absence,
// replays, and the routing and load rows of the MRR differ, the changes said with the answer; a
// weight of 0 shows the API's message at the field; nothing is wider than the phone. The MRR has
// no editor. Screenshots: replay-phone, replay-chart-phone, replay-all-phone, replay-reps-phone,
// replay-reps-error-phone. Prints TAP lines.
import { session } from './lib.mjs';

const MANAGER = process.env.BATON_MANAGER;
const MRR = process.env.BATON_MRR;
const PHONE = { width: 375, height: 812 };
// the refusals this test provokes on purpose (a draft with an error, a weight of 0: 422)
const t = session({
  base: process.env.BATON_URL, tokens: JSON.parse(process.env.BATON_TOKENS || '{}'), shots: process.env.BATON_SCREENSHOTS,
  chromiumPath: process.env.BATON_CHROMIUM, expectedErrors: /^422$/,
});
const { step, signIn, goto, shot } = t;
// a replay runs for seconds (longer under the sanitizer build)
const REPLAY_MS = Number(process.env.BROWSER_REPLAY_MS || 180000);

// How far anything is wider than its box: the page against the phone, every table's scrolling
// box, and the replay's charts, tables and fields against the panel.
async function sideways(page) {
  return page.evaluate(() => {
    const over = [document.documentElement.scrollWidth - window.innerWidth];
    for (const s of document.querySelectorAll('.scroll')) over.push(s.scrollWidth - s.clientWidth);
    const panel = document.querySelector('section.replay');
    if (panel) {
      const right = panel.getBoundingClientRect().right;
      for (const n of panel.querySelectorAll('.replay-bar, table, button, input, select')) over.push(n.getBoundingClientRect().right - right);
    }
    return Math.max(...over);
  });
}

// The rows of the table of differences: [report, row's path, current, proposed, delta].
async function diffRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('table.replay-diff tbody tr')]
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.dataset.path || td.textContent)));
}

await t.launch();
const page = await t.newPage(PHONE);
let yaml = '';

await step(`the manager (${MANAGER}) signs in at 375x812 and opens the playbook's editor`, async () => {
  await signIn(page, MANAGER);
  await goto(page, '#/playbook', 'dl.vocab');
  await page.getByRole('button', { name: 'Edit the playbook' }).click();
  const text = page.getByLabel('The playbook (YAML)');
  await text.waitFor();
  yaml = await text.inputValue();
  return yaml.includes('first_touch_within: 5m') && (await page.locator('section.replay h2', { hasText: 'Try a change' }).count()) === 1;
});
await step('a draft with an error replayed: the error is shown at its line', async () => {
  const text = page.getByLabel('The playbook (YAML)');
  const line = yaml.split('\n').findIndex((l) => l.includes('first_touch_within: 5m')) + 1;
  await text.fill(yaml.replace('first_touch_within: 5m', 'first_touch_within: 5 minutes'));
  await page.getByRole('button', { name: 'Replay the history' }).click();
  await page.waitForSelector('ol.pb-errors li');
  const err = await page.textContent('ol.pb-errors');
  const said = await page.textContent('section.replay .replay-out');
  if (!err.includes('Line ' + line)) throw new Error('errors: ' + err);
  return /errors/.test(said);
});
await step('the manager tightens speed to lead to 2 minutes and checks the draft', async () => {
  const text = page.getByLabel('The playbook (YAML)');
  await text.fill(yaml.replace('first_touch_within: 5m', 'first_touch_within: 2m'));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForSelector('.pb-ok');
  return true;
});
let shown = [];
await step('replays the history: a row of sla changes, with its delta', async () => {
  const began = Date.now();
  await page.getByRole('button', { name: 'Replay the history' }).click();
  await page.waitForSelector('table.replay-diff tbody tr', { timeout: REPLAY_MS });
  shown = await diffRows(page);
  const sla = shown.filter((r) => r[0] === 'sla' && r[4] !== '0');
  if (!sla.length) throw new Error('no sla row changes: ' + JSON.stringify(shown.slice(0, 3)));
  const breached = shown.find((r) => r[0] === 'sla' && r[1] === 'rows[speed_to_lead/all].breached');
  if (!breached) throw new Error('no row rows[speed_to_lead/all].breached among ' + shown.length);
  // the delta is proposed minus current
  const n = (s) => Number(s.replace(/[,\s]/g, '').replace('−', '-'));
  if (n(breached[3]) - n(breached[2]) !== n(breached[4]) || n(breached[4]) === 0) throw new Error('row ' + JSON.stringify(breached));
  await page.locator('section.replay').scrollIntoViewIfNeeded();
  await shot(page, 'replay-phone', page.locator('section.replay'));
  return 'breached ' + breached.slice(2).join(' / ') + ' in ' + ((Date.now() - began) / 1000).toFixed(1) + ' s';
});
await step('only the rows that change are listed, and the bars show current against proposed', async () => {
  if (shown.some((r) => r[4] === '0')) throw new Error('a row with no change is listed');
  const charts = await page.locator('section.replay figure.replay-chart .replay-bar .fill').count();
  const caps = await page.locator('section.replay figcaption').allTextContents();
  await shot(page, 'replay-chart-phone', page.locator('section.replay .replay-charts'));
  return charts > 4 && caps.includes('SLA compliance per rule') ? caps.join(', ') : false;
});
await step('at 375 pixels nothing is wider than the phone', async () => {
  const over = await sideways(page);
  if (over > 1) throw new Error('something is ' + over + 'px wider than its box at 375');
  return true;
});
await step('"Show every row" lists the unchanged rows too, still within the phone', async () => {
  await page.getByLabel('Show every row, not only those that change').check();
  const every = await diffRows(page);
  const over = await sideways(page);
  await shot(page, 'replay-all-phone');
  if (over > 1) throw new Error('something is ' + over + 'px wider than its box at 375');
  return every.length > shown.length && every.some((r) => r[4] === '0') ? every.length + ' rows' : false;
});
await step('"Apply this change" applies the draft as version 2', async () => {
  await page.getByRole('button', { name: 'Apply this change' }).click();
  await page.waitForSelector('.toast:has-text("Applied as playbook version 2")');
  await page.waitForSelector('dl.vocab');
  return /within 2 business minutes/.test(await page.textContent('main'));
});

await step('"Changes to reps": the manager weights the MRR 2 and adds an absence, each change marked', async () => {
  await page.getByRole('button', { name: 'Edit the playbook' }).click();
  await page.locator('section.replay details.replay-reps summary').click();
  const weight = page.getByLabel('Weight of ' + MRR, { exact: true });
  await weight.waitFor();
  if ((await weight.inputValue()) !== '1') throw new Error('weight shown: ' + (await weight.inputValue()));
  await weight.fill('2');
  await page.getByRole('button', { name: 'Add an absence' }).click();
  const box = page.locator('fieldset.replay-absence');
  await box.getByLabel('Rep').selectOption(MRR);
  await box.getByLabel('First day away').fill('2026-11-02');
  await box.getByLabel('Last day away (included)').fill('2026-11-06');
  await box.getByLabel('Reason').fill('vacation');
  const marked = await page.locator('table.replay-reps-table td.changed').count();
  const count = await page.textContent('.replay-reps-count');
  return marked === 1 && count.includes('2 changed') ? count.trim() : false;
});
await step('replays with them: the MRR\'s routing and load rows differ, and the answer says the changes', async () => {
  await page.getByRole('button', { name: 'Replay the history' }).click();
  await page.waitForSelector('.replay-changes li', { timeout: REPLAY_MS });
  const said = await page.locator('.replay-changes li').allTextContents();
  if (!said.includes(MRR + ': weight 2') || !said.includes(MRR + ' away from 2026-11-02 to 2026-11-06 (vacation)')) throw new Error('said: ' + JSON.stringify(said));
  shown = await diffRows(page);
  const routing = shown.filter((r) => r[0] === 'routing' && r[1].startsWith('rows[' + MRR + ']') && r[4] !== '0');
  const load = shown.filter((r) => r[0] === 'load' && r[4] !== '0');
  if (!routing.some((r) => r[1] === 'rows[' + MRR + '].weight')) throw new Error('routing rows: ' + JSON.stringify(routing));
  if (!load.length) throw new Error('no load row differs');
  await shot(page, 'replay-reps-phone', page.locator('section.replay'));
  return routing.map((r) => r[1].replace('rows[' + MRR + '].', '') + ' ' + r[4]).join(', ') + '; ' + load.length + ' load rows';
});
await step('at 375 pixels the reps\' table and the answer are no wider than the phone', async () => {
  const over = await sideways(page);
  if (over > 1) throw new Error('something is ' + over + 'px wider than its box at 375');
  return true;
});
await step('a weight of 0 replayed: the API\'s message is shown at the field', async () => {
  const weight = page.getByLabel('Weight of ' + MRR, { exact: true });
  await weight.fill('0');
  await page.getByRole('button', { name: 'Replay the history' }).click();
  await page.waitForSelector('table.replay-reps-table tr.rep-error:not([hidden]) .field-error:not(:empty)');
  const invalid = await weight.getAttribute('aria-invalid');
  const at = await weight.getAttribute('aria-describedby');
  const msg = await page.textContent('#' + at);
  const said = await page.textContent('section.replay .replay-out');
  const over = await sideways(page);
  await shot(page, 'replay-reps-error-phone', page.locator('section.replay details.replay-reps'));
  if (over > 1) throw new Error('something is ' + over + 'px wider than its box at 375');
  if (!msg.includes('changes.reps.' + MRR + '.weight') || !/1 to 100/.test(msg)) throw new Error('message: ' + msg);
  return invalid === 'true' && /refused/.test(said) ? msg : false;
});

const rep = await t.newPage(PHONE);
await step(`the MRR (${MRR}) has no editor, so no replay`, async () => {
  await signIn(rep, MRR);
  await goto(rep, '#/playbook', 'dl.vocab');
  return (await rep.getByRole('button', { name: 'Edit the playbook' }).count()) === 0;
});

await t.finish();
