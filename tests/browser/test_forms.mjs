// test_forms.mjs - the lead page's "Form fields" card (SPEC 8.9) in a real browser, against the
// `baton serve` that tests/e2e/test_forms.sh started: the rep who owns the lead a web form sent
// opens it and finds the fields baton does not know, each value as text (a value holding HTML
// is shown as those characters, never as markup). Prints TAP lines for tests/run.sh.
import { session } from './lib.mjs';

const t = session({
  base: process.env.BATON_URL,
  tokens: { [process.env.BATON_REP]: process.env.BATON_TOKEN },
  shots: process.env.BATON_SCREENSHOTS,
  chromiumPath: process.env.BATON_CHROMIUM,
});
const LEAD = process.env.BATON_LEAD;
await t.launch();
const page = await t.newPage();

await t.step('the rep signs in', () => t.signIn(page, process.env.BATON_REP));
await t.step('the lead page shows a Form fields card with what the form sent', async () => {
  await t.goto(page, '#/lead/' + LEAD, '.lead-head h1');
  await page.waitForSelector('.form-fields');
  const text = await page.textContent('.form-fields');
  if (!text.includes('Form fields') || !text.includes('gclid') || !text.includes('abc123') || !text.includes('25000'))
    throw new Error('the card says: ' + text);
});
await t.step('a value is shown as text, never as HTML', async () => {
  const tags = await page.$$eval('.form-fields dd b', (n) => n.length);
  const text = await page.textContent('.form-fields');
  if (tags !== 0 || !text.includes('<b>a friend</b>')) throw new Error(tags + ' <b> elements; the card says: ' + text);
});
await t.step('the timeline does not repeat them as JSON text', async () => {
  const text = await page.textContent('.timeline');
  if (text.includes('gclid')) throw new Error('the timeline says: ' + text.slice(0, 300));
});
await t.shot(page, 'lead-form-fields', page.locator('.form-fields'));
await t.finish();
