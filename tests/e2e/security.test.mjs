// The app under its own Content-Security-Policy: the main pages of the app and the staff
// side load and work, and the browser reports no policy violation on any of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectHeading, phoneContext, serverAndBrowser, untilOfflineReady } from './harness.mjs';

/** Collects every `securitypolicyviolation` the page sees, from before its first script. */
async function watchViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

describe('the content security policy', () => {
  const env = serverAndBrowser();

  test('the main pages of the app and the staff side run with no violation', async () => {
    const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
    const context = await phoneContext(env.browser);
    await watchViolations(context);
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) consoleErrors.push(m.text());
    });
    const response = await page.goto(env.server.url);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    await expectHeading(page, 'Your local offer');
    await untilOfflineReady(page);
    const pages = [
      '/offer',
      `/offer/${offer.entitlements[0].id}`,
      `/offer/category/${offer.categories[0].id}`,
      '/what-can-i-get',
      '/search?q=rent',
      '/my-list',
      '/hubs',
      `/hubs/${offer.hubs[0].id}`,
      '/contacts',
      '/help-now',
      '/have-your-say',
      '/have-your-say/feedback',
      '/meeting',
      '/staff/sign-in',
      '/staff/set-password?token=nothing',
    ];
    for (const path of pages) {
      await page.goto(`${env.server.url}${path}`);
      await page.locator('h1').first().waitFor({ timeout: 15000 });
      const violations = await page.evaluate(() => window.__violations);
      assert.deepEqual(violations, [], `${path}: ${violations.join('\n')}`);
    }
    // Clicks that make things at run time: the map, the calendar file, the install prompt.
    await page.goto(`${env.server.url}/hubs/${offer.hubs[0].id}`);
    await page.locator('h1').first().waitFor();
    await page.locator('svg').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});
