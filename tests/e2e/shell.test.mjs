// What a phone shows before the WASM arrives (index.html's shell, src/shell.rs), and that
// the app takes it down cleanly: the council's name from the served offer, the home page's
// heading only on the home page, one h1 at a time, accessible on its own.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';
import { expectAxeClean, expectHeading, phoneContext, serverAndBrowser } from './harness.mjs';
import { instrumentContext, recorded } from '../../scripts/measure.mjs';

/**
 * A relay to `target` that sends the home page's HTML in pieces, pausing `pauseMs` after each
 * of `cuts` (strings in the page: the piece ends just after each), as a weak signal does;
 * everything else passes through untouched. Returns `{ url, close() }`.
 */
async function piecemeal(target, cuts, pauseMs) {
  const server = http.createServer((req, res) => {
    const home = req.method === 'GET' && new URL(req.url, target).pathname === '/';
    // The home page uncompressed, so it can be cut where the test says.
    const headers = { ...req.headers, host: new URL(target).host, ...(home ? { 'accept-encoding': 'identity' } : {}) };
    const upstream = http.request(new URL(req.url, target), { method: req.method, headers }, async (answer) => {
      if (!home) {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks = [];
      for await (const chunk of answer) chunks.push(chunk);
      const html = Buffer.concat(chunks).toString('utf8');
      const { 'content-length': _, ...rest } = answer.headers;
      res.writeHead(answer.statusCode, rest);
      let from = 0;
      for (const cut of cuts) {
        const at = html.indexOf(cut, from);
        assert.ok(at >= 0, `the home page has no ${cut} after character ${from}`);
        res.write(html.slice(from, at + cut.length));
        from = at + cut.length;
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
      res.end(html.slice(from));
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve) && server.closeAllConnections()),
  };
}

/**
 * A page whose WASM never arrives, so the shell stays as the first paint shows it.
 * `before(context, page)` runs before the page is opened (to keep a language, or to answer
 * the address as the service worker would).
 */
async function shellOnly(browser, url, before = async () => {}) {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.route(/\.wasm$/, (route) => route.abort());
  await before(context, page);
  await page.goto(url);
  return { context, page };
}

describe('the page painted before the app', () => {
  const env = serverAndBrowser();

  test('the home page is drawn by the server: the header with the council, the page, no Loading, with no app', async () => {
    const { context, page } = await shellOnly(env.browser, `${env.server.url}/`);
    try {
      const council = (await page.locator('#shell .brand-council').textContent()).trim();
      const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
      assert.equal(council, offer.council.name);
      assert.equal(await page.locator('h1:visible').count(), 1);
      assert.equal((await page.locator('h1:visible').textContent()).trim(), 'Your local offer');
      // The offer's own words are there before any WASM: every category, by its title.
      for (const category of offer.categories) {
        assert.ok(await page.locator('.category-grid').getByRole('link', { name: category.title }).isVisible(), category.id);
      }
      assert.equal(await page.getByRole('status').filter({ hasText: 'Loading the offer' }).isVisible(), false);
      assert.ok(await page.getByRole('link', { name: 'Help now' }).isVisible());
      await expectAxeClean(page, 'the home page drawn by the server');
    } finally {
      await context.close();
    }
  });

  test('a link to an item opens on that item, drawn by the server, before the app', async () => {
    const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
    const item = offer.entitlements.find((e) => e.summary);
    const { context, page } = await shellOnly(env.browser, `${env.server.url}/offer/${item.id}`);
    try {
      assert.equal(await page.locator('h1:visible').count(), 1);
      assert.equal((await page.locator('h1:visible').textContent()).trim(), item.title);
      assert.ok(await page.getByText(item.summary).first().isVisible());
      assert.equal(await page.getByRole('status').filter({ hasText: 'Loading the offer' }).isVisible(), false);
      await expectAxeClean(page, 'an item drawn by the server');
    } finally {
      await context.close();
    }
  });

  test("the service worker's copy of the home page shows only Loading at another address", async () => {
    // Offline, the service worker answers every address with the page it keeps as '/'.
    const home = await (await fetch(`${env.server.url}/`)).text();
    const { context, page } = await shellOnly(env.browser, `${env.server.url}/contacts`, async (_, page) => {
      await page.route('**/contacts', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: home }));
    });
    try {
      assert.equal(await page.locator('h1:visible').count(), 0, 'the home page must not show on /contacts');
      assert.ok(await page.getByRole('status').filter({ hasText: 'Loading the offer' }).isVisible());
    } finally {
      await context.close();
    }
  });

  test('a phone that keeps another language is not shown the English page first', async () => {
    const arabic = await (await fetch(`${env.server.url}/lang/ar.json`)).text();
    const words = JSON.parse(arabic).messages;
    const { context, page } = await shellOnly(env.browser, `${env.server.url}/`, async (context) => {
      await context.addInitScript((text) => {
        localStorage.setItem('local-offer-language', JSON.stringify({ text, draft: true }));
      }, arabic);
    });
    try {
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.equal((await page.locator('h1:visible').textContent()).trim(), words['home.title']);
      assert.ok(await page.getByRole('status').filter({ hasText: words['offer_gate.loading'] }).isVisible());
      assert.equal(await page.locator('.category-grid').isVisible(), false, 'no English page under an Arabic heading');
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

  test('a page that arrives in pieces is painted only once the shell is whole, so nothing moves', async () => {
    // On a weak signal the HTML comes in pieces. Painted half-read, the header would show
    // Language alone on its line, or the bottom bar three places wide, and then move them
    // when the rest came (CI once measured 0.0215 of layout shift so). index.html holds
    // the first paint until the shell's last element has been read.
    const relay = await piecemeal(env.server.url, ['class="language-link"', '</li>', '</li>', '</li>'], 400);
    const context = await phoneContext(env.browser, { serviceWorkers: 'block' });
    try {
      await instrumentContext(context);
      await context.addInitScript(() => {
        window.shellWhole = null;
        new MutationObserver((_, observer) => {
          if (document.getElementById('shell-end')) {
            window.shellWhole = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(`${relay.url}/`);
      await page.locator('ul.category-grid a').first().waitFor();
      await page.waitForTimeout(500);
      const metrics = await recorded(page);
      const shellWhole = await page.evaluate(() => window.shellWhole);
      const shifts = metrics.shifts.map((s) => `${s.value.toFixed(4)} at ${Math.round(s.at)} ms: ${s.sources.join(', ')}`);
      assert.ok(metrics.fcp !== null && shellWhole !== null, `no paint (${metrics.fcp}) or no whole shell (${shellWhole})`);
      assert.ok(metrics.fcp >= shellWhole, `painted at ${Math.round(metrics.fcp)} ms, before the shell was whole at ${Math.round(shellWhole)} ms`);
      assert.ok(metrics.cls.sum <= 0.001, `the page moved while it arrived:\n${shifts.join('\n')}`);
    } finally {
      await context.close();
      await relay.close();
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
