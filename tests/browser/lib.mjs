// lib.mjs - what the browser tests share (tests/browser/test_*.mjs, each run by its
// tests/e2e/test_*.sh): Debian's chromium through playwright-core, pages that note console
// errors, page errors and requests to any other origin, and a session that signs in with a
// token, takes screenshots that note unlabelled form controls, and prints the hygiene lines and
// exits at the end. The TAP lines ("ok - ..." / "not ok - ...") are tap.mjs's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ok, step, tap } from './tap.mjs';

// Starts headless chromium (chromiumPath, else Debian's); returns playwright's Browser, which
// the caller closes.
export function launch(chromiumPath) {
  return chromium.launch({
    executablePath: chromiumPath || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Notes what goes wrong on page in the lists of `into`: console errors and page errors in
// into.problems, except chromium's failed loads whose status matches into.expected (the
// refusals a test provokes on purpose); when into has an `outside` list, requests to any
// origin but into.origin.
export function watch(page, into) {
  const expected = into.expected || /$^/;
  page.on('console', (m) => {
    const t = m.text();
    const load = /Failed to load resource: the server responded with a status of (\d+)/.exec(t);
    if (m.type() === 'error' && !(load && expected.test(load[1]))) into.problems.push('console: ' + t);
  });
  page.on('pageerror', (e) => into.problems.push('page error: ' + e.message));
  if (!into.outside) return;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(into.origin) && !u.startsWith('data:') && !u.startsWith('blob:')) into.outside.push(u);
  });
}

// A browser test against the server at base: its counters and findings.
export function session({ base, tokens, shots, chromiumPath, expectedErrors }) {
  const s = {
    base, tokens, shots, started: Date.now(), browser: null, ok, step,
    unlabelled: [], problems: [], outside: [], origin: new URL(base).origin,
    // failed loads that the test provokes on purpose (a refusal it checks), by status
    expected: expectedErrors || /$^/,
  };
  mkdirSync(shots, { recursive: true });

  s.launch = async () => {
    s.browser = await launch(chromiumPath);
  };

  // A page of a new browser context (its own storage) of the given viewport.
  s.newPage = async (viewport) => {
    const ctx = await s.browser.newContext({ viewport: viewport || { width: 1280, height: 900 }, timezoneId: 'UTC', acceptDownloads: true });
    const page = await ctx.newPage();
    // BROWSER_TIMEOUT_MS: how long a wait may last (60 s: a loaded 2-core machine running the
    // PostgreSQL pass four scripts at a time; longer under valgrind, 20-50x slower)
    page.setDefaultTimeout(Number(process.env.BROWSER_TIMEOUT_MS || 60000));
    watch(page, s);
    return page;
  };

  s.signIn = async (page, rep) => {
    await page.goto(s.base + '/#/signin');
    await page.getByLabel('API token').fill(s.tokens[rep]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.who-name');
    const who = await page.textContent('.who-name');
    if (who !== rep) throw new Error('signed in as ' + who + ', not ' + rep);
  };

  s.goto = async (page, hash, ready) => {
    await page.goto(s.base + '/' + hash);
    await page.waitForSelector(ready);
  };

  // Notes the page's form controls without a label, then a screenshot of what is on screen
  // (of `locator` alone when given), without the passing "done" messages.
  s.shot = async (page, name, locator) => {
    const missing = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((c) => c.type !== 'hidden' && (!c.labels || c.labels.length === 0)).map((c) => c.outerHTML.slice(0, 80)));
    for (const m of missing) s.unlabelled.push(name + ': ' + m);
    await page.evaluate(() => document.querySelectorAll('.toast').forEach((t) => t.remove()));
    if (locator) await locator.screenshot({ path: join(s.shots, name + '.png') });
    else await page.screenshot({ path: join(s.shots, name + '.png'), fullPage: false });
  };

  // The API's answer to GET path with a rep's token: {body, total (X-Total-Count)}.
  s.api = async (path, rep) => {
    const r = await fetch(s.base + '/api/v1' + path, { headers: { Authorization: 'Bearer ' + s.tokens[rep] } });
    if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
    return { body: await r.json(), total: r.headers.get('X-Total-Count') };
  };

  // The hygiene lines, then closes the browser and exits 1 if anything failed.
  s.finish = async () => {
    s.ok(s.unlabelled.length === 0, 'every form control has a label', s.unlabelled.join('\n'));
    s.ok(s.problems.length === 0, 'no console error, page error or Content-Security-Policy report', s.problems.join('\n'));
    s.ok(s.outside.length === 0, 'nothing is loaded from another origin', s.outside.join('\n'));
    await s.browser.close();
    console.log('# the browser test took ' + ((Date.now() - s.started) / 1000).toFixed(1) + ' s; screenshots in ' + s.shots);
    process.exit(tap.failed ? 1 : 0);
  };
  return s;
}
