// lib.mjs - what the browser tests share (tests/browser/test_*.mjs, each run by its
// tests/e2e/test_*.sh): TAP lines ("ok - ..." / "not ok - ..."), named steps, Debian's chromium
// through playwright-core with pages that note console errors, page errors and requests to any
// other origin, signing in with a token, screenshots that note unlabelled form controls, and the
// hygiene lines and exit at the end.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// A browser test against the server at base: its counters and findings.
export function session({ base, tokens, shots, chromiumPath, expectedErrors }) {
  const s = {
    base, tokens, shots, started: Date.now(), failed: 0, browser: null,
    unlabelled: [], problems: [], outside: [], origin: new URL(base).origin,
    // failed loads that the test provokes on purpose (a refusal it checks), by status
    expected: expectedErrors || /$^/,
  };
  mkdirSync(shots, { recursive: true });

  s.ok = (pass, name, detail) => {
    console.log((pass ? 'ok - ' : 'not ok - ') + name);
    if (!pass) {
      s.failed += 1;
      if (detail) for (const line of String(detail).split('\n').slice(0, 6)) console.log('#   ' + line);
    }
    return pass;
  };

  // Runs one named step; false or a throw is a failure (with the throw's message).
  s.step = async (name, fn) => {
    try {
      return s.ok((await fn()) !== false, name);
    } catch (e) {
      return s.ok(false, name, e && e.message);
    }
  };

  s.launch = async () => {
    s.browser = await chromium.launch({
      executablePath: chromiumPath || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  };

  // A page of a new browser context (its own storage) of the given viewport.
  s.newPage = async (viewport) => {
    const ctx = await s.browser.newContext({ viewport: viewport || { width: 1280, height: 900 }, timezoneId: 'UTC', acceptDownloads: true });
    const page = await ctx.newPage();
    // BROWSER_TIMEOUT_MS: longer under valgrind, where the server runs 20-50x slower
    page.setDefaultTimeout(Number(process.env.BROWSER_TIMEOUT_MS || 10000));
    page.on('console', (m) => {
      const t = m.text();
      const expected = /Failed to load resource: the server responded with a status of (\d+)/.exec(t);
      if (m.type() === 'error' && !(expected && s.expected.test(expected[1]))) s.problems.push('console: ' + t);
    });
    page.on('pageerror', (e) => s.problems.push('page error: ' + e.message));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(s.origin) && !u.startsWith('data:') && !u.startsWith('blob:')) s.outside.push(u);
    });
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
    process.exit(s.failed ? 1 : 0);
  };
  return s;
}
