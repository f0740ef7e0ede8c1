// test_customers.mjs - the Customers page at phone width (375x812, issue 19): playwright-core
// drives Debian's chromium (headless) against the `baton serve` that
// tests/e2e/test_customers_browser.sh started on a demo store. The CSM sees its customers renewing
// in the next 90 days (the same ones the API lists, soonest first) and the health checks it owes,
// and no retention; the manager sees the retention chart, the months and the CSMs of
// `report customers` over the API, and its team's renewals with their CSM; nothing on the page is wider than the phone; the MRR has no
// Customers page in its navigation. Screenshots: customers-csm-phone, customers-manager-phone.
// Prints TAP lines.
import { session } from './lib.mjs';

const MANAGER = process.env.BATON_MANAGER;
const CSM = process.env.BATON_CSM;
const MRR = process.env.BATON_MRR;
const PHONE = { width: 375, height: 812 };
const t = session({
  base: process.env.BATON_URL, tokens: JSON.parse(process.env.BATON_TOKENS || '{}'), shots: process.env.BATON_SCREENSHOTS,
  chromiumPath: process.env.BATON_CHROMIUM,
});
const { step, signIn, goto, shot } = t;

// How far anything is wider than its box: the page against the phone, every table's scrolling box.
async function sideways(page) {
  return page.evaluate(() => {
    const over = [document.documentElement.scrollWidth - window.innerWidth];
    for (const s of document.querySelectorAll('.scroll')) over.push(s.getBoundingClientRect().right - window.innerWidth);
    return Math.max(...over);
  });
}

// The text of the cells of column `col` in the table of card `card`.
async function column(page, card, col) {
  return page.evaluate(([c, i]) => [...document.querySelectorAll('section.' + c + ' tbody tr')]
    .map((tr) => tr.querySelectorAll('td')[i].textContent), [card, col]);
}

// The API's own answer: the live customers renewing within 90 days of the server's now, soonest first.
async function renewalsByApi(rep) {
  const me = (await t.api('/me', rep)).body;
  const until = Date.parse(me.now) + 90 * 86400 * 1000;
  const leads = (await t.api('/leads?stage=live&limit=1000', rep)).body;
  return leads.filter((l) => l.renews_at && Date.parse(l.renews_at) <= until)
    .sort((a, b) => Date.parse(a.renews_at) - Date.parse(b.renews_at));
}

await t.launch();

await step(`the CSM (${CSM}) sees its renewals due in the next 90 days, soonest first`, async () => {
  const page = await t.newPage(PHONE);
  await signIn(page, CSM);
  await goto(page, '#/customers', 'section.health');
  const want = await renewalsByApi(CSM);
  const links = await page.evaluate(() => [...document.querySelectorAll('section.renewals tbody a')].map((a) => a.getAttribute('href')));
  t.csmPage = page;
  return want.length > 0 && links.join(',') === want.map((l) => '#/lead/' + l.id).join(',');
});
await step('the CSM sees the health checks it owes, as the API lists them', async () => {
  const page = t.csmPage;
  const owed = (await t.api('/sla?status=open&limit=1000', CSM)).body.filter((o) => o.rule === 'health_check');
  const rows = await column(page, 'health', 2);
  return owed.length > 0 && rows.length === owed.length && owed.every((o) => rows.includes('#' + o.lead));
});
await step('the CSM sees no retention (a manager\'s view), and nothing is wider than the phone', async () => {
  const page = t.csmPage;
  const over = await sideways(page);
  await shot(page, 'customers-csm-phone');
  return (await page.locator('section.retention').count()) === 0 && over <= 1;
});
await step(`the manager (${MANAGER}) sees retention by month: the chart and the months of report customers`, async () => {
  const page = await t.newPage(PHONE);
  await signIn(page, MANAGER);
  await goto(page, '#/customers', 'section.retention-csm');
  await page.waitForSelector('section.retention .chart[data-ready="1"]');
  const months = await column(page, 'retention', 0);
  const [y, m] = (await t.api('/me', MANAGER)).body.now.slice(0, 7).split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const rep = (await t.api(`/reports/customers?by=month&from=${from}&to=${to}`, MANAGER)).body;
  const want = rep.rows.map((r) => r.key).filter((k) => k >= from.slice(0, 7) && k < to.slice(0, 7));
  const gross = await column(page, 'retention', 7);
  t.managerPage = page;
  return months.length > 0 && months.join(',') === want.join(',') && gross.every((g) => g === '—' || /%$/.test(g));
});
await step('the manager sees its team\'s renewals, the CSM\'s among them, with their CSM', async () => {
  const page = t.managerPage;
  const want = await renewalsByApi(MANAGER);
  const links = await page.evaluate(() => [...document.querySelectorAll('section.renewals tbody a')].map((a) => a.getAttribute('href')));
  const csms = await column(page, 'renewals', 3);
  return links.join(',') === want.map((l) => '#/lead/' + l.id).join(',') && csms.includes(CSM);
});
await step('the manager sees retention per CSM, and nothing is wider than the phone', async () => {
  const page = t.managerPage;
  const csms = await column(page, 'retention-csm', 0);
  const over = await sideways(page);
  await shot(page, 'customers-manager-phone');
  return csms.includes(CSM) && over <= 1;
});
await step(`the MRR (${MRR}) has no Customers page in its navigation`, async () => {
  const page = await t.newPage(PHONE);
  await signIn(page, MRR);
  await goto(page, '#/queue', 'nav a');
  return (await page.locator('nav a', { hasText: 'Customers' }).count()) === 0;
});
await t.finish();
