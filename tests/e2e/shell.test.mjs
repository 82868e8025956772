// What a phone shows before the WASM arrives (index.html's shell, src/shell.rs), and that
// the app takes it down cleanly: the council's name from the served offer, the home page's
// heading only on the home page, one h1 at a time, accessible on its own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectAxeClean, expectHeading, phoneContext, serverAndBrowser } from './harness.mjs';

/** A page whose WASM never arrives, so the shell stays as the first paint shows it. */
async function shellOnly(browser, url) {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(url);
  return { context, page };
}

describe('the page painted before the app', () => {
  const env = serverAndBrowser();

  test('the home page shows the header with the council, its heading and Loading, with no app', async () => {
    const { context, page } = await shellOnly(env.browser, `${env.server.url}/`);
    try {
      const council = (await page.locator('#shell .brand-council').textContent()).trim();
      const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
      assert.equal(council, offer.council.name);
      assert.equal(await page.locator('h1:visible').count(), 1);
      assert.equal((await page.locator('h1').textContent()).trim(), 'Your local offer');
      assert.ok(await page.getByRole('status').filter({ hasText: 'Loading the offer' }).isVisible());
      assert.ok(await page.getByRole('link', { name: 'Help now' }).isVisible());
      await expectAxeClean(page, 'the shell on the home page');
    } finally {
      await context.close();
    }
  });

  test('a deep link does not flash the home page heading', async () => {
    const { context, page } = await shellOnly(env.browser, `${env.server.url}/hubs`);
    try {
      assert.equal(await page.locator('h1:visible').count(), 0, 'the home heading must not show on /hubs');
      assert.ok(await page.getByRole('status').filter({ hasText: 'Loading the offer' }).isVisible());
    } finally {
      await context.close();
    }
  });

  test('the app replaces the shell: one h1, one main, one header', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    try {
      await page.goto(`${env.server.url}/hubs`);
      await expectHeading(page, 'Hubs');
      assert.equal(await page.locator('#shell').count(), 0);
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('main').count(), 1);
      assert.equal(await page.locator('header.site-header').count(), 1);
      const council = (await page.locator('.brand-council').textContent()).trim();
      assert.ok(council.length > 0, 'the app keeps showing the council name');
    } finally {
      await context.close();
    }
  });

  test('the app waits for the shell to be painted, so the largest paint is the shell', async () => {
    // Unthrottled, the WASM can be ready before the first frame. The app must not replace
    // the shell before it is seen: the home page's largest paint is then the shell's, before
    // the app takes it down, not a copy the app draws later. (The browser may paint the
    // shell itself in two frames as it parses; that is the page, not the app.)
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    try {
      await page.addInitScript(() => {
        window.paints = [];
        window.shellGone = null;
        const keep = (list) => {
          for (const e of list.getEntries()) {
            window.paints.push({
              type: e.entryType,
              name: e.name,
              time: e.startTime,
              fromShell: e.element ? Boolean(e.element.closest('#shell')) : null,
            });
          }
        };
        new PerformanceObserver(keep).observe({ type: 'paint', buffered: true });
        new PerformanceObserver(keep).observe({ type: 'largest-contentful-paint', buffered: true });
        // When the app takes the shell down: every paint of the shell comes before it.
        let seen = false;
        new MutationObserver(() => {
          const shell = document.getElementById('shell');
          if (shell) seen = true;
          else if (seen && window.shellGone === null) window.shellGone = performance.now();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${env.server.url}/`);
      await page.locator('ul.category-grid a').first().waitFor();
      await page.waitForTimeout(300);
      const { paints, shellGone } = await page.evaluate(() => ({ paints: window.paints, shellGone: window.shellGone }));
      const seen = JSON.stringify({ paints, shellGone });
      const fcp = paints.find((p) => p.name === 'first-contentful-paint');
      const largest = paints.filter((p) => p.type === 'largest-contentful-paint');
      assert.ok(fcp, `no first contentful paint in ${seen}`);
      assert.ok(largest.length > 0, `no largest contentful paint in ${seen}`);
      assert.ok(shellGone !== null, `the app never took the shell down: ${seen}`);
      assert.ok(fcp.time < shellGone, `the app took the shell down before it was painted: ${seen}`);
      const last = largest[largest.length - 1];
      assert.ok(last.time < shellGone, `the largest paint came after the app took the shell down: ${seen}`);
      // Read after the shell is gone, its element is null; the app's own never counts.
      assert.notEqual(last.fromShell, false, `the app's copy was the largest paint: ${seen}`);
    } finally {
      await context.close();
    }
  });
});
