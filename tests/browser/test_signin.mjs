// test_signin.mjs - sign-in by emailed link in a real browser on a phone (SPEC 8.7):
// playwright-core drives Debian's chromium (headless, 390x844, touch) against a `baton serve`
// that tests/e2e/test_signin_browser.sh started. The rep types its email address, is told a link
// is on its way (the same words whatever the address), opens the link the server emailed it
// (taken from the email's body by $BATON_LINK_CMD), lands on its queue signed in by an HttpOnly,
// SameSite=Strict cookie it cannot read, opens its lead, logs a call, qualifies it and hands it
// off to an AE (back on its queue, told so), signs out, and finds
// the used link signs nobody in. The email form at phone width goes to
// $BATON_SCREENSHOTS/signin-link.png. Prints TAP lines ("ok - ..." / "not ok - ...").
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watch } from './lib.mjs';
import { ok, step, tap } from './tap.mjs';

const BASE = process.env.BATON_URL;
const EMAIL = process.env.BATON_EMAIL;         // the rep's address
const REP = process.env.BATON_REP;             // its name
const LEAD = process.env.BATON_LEAD;           // a lead it owns, untouched
const LEAD_NAME = process.env.BATON_LEAD_NAME;
const LINK_CMD = process.env.BATON_LINK_CMD;   // prints the link in the rep's newest email
const SHOTS = process.env.BATON_SCREENSHOTS;
const CHROMIUM = process.env.BATON_CHROMIUM || '/usr/bin/chromium';

// The link in the rep's newest email, waiting up to 10 s for one other than `not`
// (the SMTP server writes each message it receives into a maildir); prints how long it took.
async function linkFromEmail(not) {
  const t0 = Date.now();
  while (Date.now() - t0 < 10000) {
    const link = execFileSync('sh', ['-c', LINK_CMD], { encoding: 'utf8' }).trim();
    if (link && link !== not) {
      console.log(`# the email came ${Date.now() - t0} ms after the answer`);
      return link;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no email with a new sign-in link within 10 s');
}

mkdirSync(SHOTS, { recursive: true });
const browser = await launch(CHROMIUM);
const problems = [];
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'UTC' });
const page = await ctx.newPage();
page.setDefaultTimeout(Number(process.env.BROWSER_TIMEOUT_MS || 60000));
// the page's first question, GET /api/v1/me without a session, is refused: expected
watch(page, { problems, expected: /^401$/ });

let link = null;
try {
  await step('the sign-in page asks for an email address first, at phone width', async () => {
    await page.goto(BASE + '/');
    await page.waitForSelector('form[aria-label="Sign in by email"]');
    const email = page.getByLabel('Work email');
    if ((await email.getAttribute('type')) !== 'email') throw new Error('the field is not type=email');
    const token = await page.getByLabel('API token').count();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) throw new Error('the page is ' + overflow + 'px wider than the phone');
    return token === 1; // the token stays, for programs and admins
  });
  await step('an unknown address is told the same as a rep\'s', async () => {
    await page.getByLabel('Work email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.waitForSelector('.signin-link [role=status]:not([hidden])');
    return /If that address belongs to a rep, a link is on its way/.test(await page.textContent('.signin-link [role=status]'));
  });
  await step('the rep asks for a link by email and is told it is on its way', async () => {
    await page.getByLabel('Work email').fill(EMAIL);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.waitForFunction(() => !document.querySelector('.signin-link button').disabled);
    await page.waitForSelector('.signin-link [role=status]:not([hidden])');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'signin-link.png'), fullPage: false });
    return /a link is on its way/.test(await page.textContent('.signin-link [role=status]'));
  });
  await step('the link comes by email to the rep', async () => {
    link = await linkFromEmail(null);
    // on this server's URL: the playbook's notify.link_base
    return link.startsWith(BASE + '/') && /\/api\/v1\/session\/link\/[A-Za-z0-9_-]{43}$/.test(link);
  });
  await step('opening the link lands on the rep\'s queue, signed in', async () => {
    await page.goto(link);
    await page.waitForSelector(`ol.queue a[href="#/lead/${LEAD}"]`);
    const who = await page.textContent('.who-name');
    if (who !== REP) throw new Error('signed in as ' + who);
    return new URL(page.url()).hash === '#/queue';
  });
  await step('by a cookie the page cannot read: HttpOnly, SameSite=Strict, no token stored', async () => {
    const cookies = await ctx.cookies();
    const c = cookies.find((x) => x.name === 'baton_session');
    if (!c) throw new Error('no baton_session cookie');
    if (!c.httpOnly || c.sameSite !== 'Strict' || c.secure) throw new Error(JSON.stringify(c));
    const seen = await page.evaluate(() => ({ cookie: document.cookie, token: localStorage.getItem('baton.token') }));
    if (seen.cookie.includes('baton_session') || seen.token) throw new Error(JSON.stringify(seen));
    return true;
  });
  await step('the rep opens its lead', async () => {
    await page.click(`ol.queue a[href="#/lead/${LEAD}"]`);
    await page.waitForSelector('.lead-head h1');
    return (await page.textContent('.lead-head h1')).includes(LEAD_NAME);
  });
  await step('and logs a call: a change made by the cookie, from the server\'s own page', async () => {
    const f = page.getByRole('form', { name: 'Log a touch' });
    await f.getByLabel('Kind').selectOption('call');
    await f.getByLabel('Outcome').selectOption('connected');
    await f.getByLabel('Note').fill('Signed in from the emailed link on a phone');
    await f.getByRole('button', { name: 'Log touch' }).click();
    await page.waitForSelector('.toast:has-text("Touch logged")');
    return true;
  });
  await step('qualifies it with the playbook\'s fields, at phone width', async () => {
    const pb = await page.evaluate(async () => (await fetch('/api/v1/playbook', { credentials: 'same-origin' })).json());
    const f = page.getByRole('form', { name: 'Qualification' });
    const fields = pb.qualification.fields;
    await f.getByLabel(fields.budget.question).selectOption('yes');
    await f.getByLabel(fields.authority.question).selectOption('decision_maker');
    await f.getByLabel(fields.need.question).fill('Route inbound leads within minutes');
    await f.getByLabel(fields.timeline.question).selectOption('this_quarter');
    await f.getByRole('button', { name: 'Save answers' }).click();
    await page.waitForSelector('.toast:has-text("Answers saved")');
    return (await page.locator('ol.events li.event-qualify').count()) === 1;
  });
  await step('and hands it off to an AE: the queue says so, the lead gone from it', async () => {
    const pb = await page.evaluate(async () => (await fetch('/api/v1/playbook', { credentials: 'same-origin' })).json());
    const f = page.getByRole('form', { name: 'Hand off to an AE' });
    const aeSelect = f.getByLabel('AE', { exact: true });
    await aeSelect.selectOption({ index: 1 });
    const ae = await aeSelect.inputValue();
    for (const k of pb.qualification.notes_require) {
      const input = f.getByLabel(k.replace(/_/g, ' '), { exact: true });
      if (!(await input.inputValue())) await input.fill(k === 'direct_phone' ? '+33 1 23 45 67 89' : 'noted on a phone');
    }
    await f.getByRole('button', { name: 'Hand off' }).click();
    const flash = page.locator('main .flash');
    await flash.waitFor();
    const said = await flash.textContent();
    if (!said.includes('handed off to the AE ' + ae)) throw new Error('message: ' + said);
    if (await page.locator('main .notice.error').count()) throw new Error('an error is shown');
    return true;
  });
  await step('a reload keeps the rep signed in', async () => {
    await page.reload();
    await page.waitForSelector('.who-name');
    return (await page.textContent('.who-name')) === REP;
  });
  await step('the rep signs out: back to the sign-in page, the session over', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('form[aria-label="Sign in by email"]');
    const status = await page.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status);
    if (status !== 401) throw new Error('GET /api/v1/me after signing out: ' + status);
    return true;
  });
  await step('the used link signs nobody in and says so', async () => {
    await page.goto(link);
    await page.waitForSelector('form[aria-label="Sign in by email"] .form-error:not(:empty)');
    const text = await page.textContent('form[aria-label="Sign in by email"] .form-error');
    if (await page.locator('.who-name').count()) throw new Error('someone is signed in');
    return /used or has expired/.test(text);
  });
} finally {
  await browser.close();
}
ok(problems.length === 0, 'no console error, page error or CSP report', problems.join('\n'));
process.exit(tap.failed ? 1 : 0);
