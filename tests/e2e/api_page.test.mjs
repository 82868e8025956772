// The page that explains the API to a developer: readable without JavaScript, axe-clean
// at 1280 px and 360 px, fits a phone's width, and its links lead to the real feeds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectAxeClean, expectHeading, serverAndBrowser } from './harness.mjs';

describe('the API page', () => {
  const env = serverAndBrowser();

  test('reads without JavaScript, is axe-clean at two widths, and links to the feeds', async () => {
    const { server, browser } = env;
    // No JavaScript in the browser: the page still reads in full.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const bare = await plain.newPage();
    await bare.goto(`${server.url}/api/`);
    await expectHeading(bare, /local offer API$/);
    await bare.getByText('Open Government Licence v3.0').first().waitFor();
    await plain.close();
    for (const width of [1280, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const response = await page.goto(`${server.url}/api/`);
      assert.equal(response.status(), 200);
      await expectHeading(page, /local offer API$/);
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        `fits ${width} px`,
      );
      await expectAxeClean(page, `the API page at ${width} px`);
      await context.close();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/api/`);
    for (const name of ['/open-data/hsds/', '/open-data/hsds/offer.json', '/open-data/offer.csv', '/api/openapi.json']) {
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
      const res = await page.request.get(`${server.url}${href}`);
      assert.equal(res.status(), 200, name);
      assert.equal(res.headers()['access-control-allow-origin'], '*', name);
    }
    await context.close();
  });
});
