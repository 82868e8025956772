// The walking skeleton: the real server serves the app, and the app's four places work.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectHeading, phoneContext, serverAndBrowser } from './harness.mjs';

describe('the app shell', () => {
  const env = serverAndBrowser();

  test('the health check says ok', async () => {
    const res = await fetch(`${env.server.url}/api/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('an unknown API path is a JSON 404, not the app', async () => {
    const res = await fetch(`${env.server.url}/api/nothing-here`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type'), /application\/json/);
    assert.equal((await res.json()).error, 'not_found');
  });

  test('the app is served with the right types and cache headers', async () => {
    const index = await fetch(`${env.server.url}/`);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const html = await index.text();
    const wasm = html.match(/["']\/?([^"']+_bg\.wasm)["']/);
    assert.ok(wasm, 'index.html names the wasm file');
    const wasmRes = await fetch(`${env.server.url}/${wasm[1]}`);
    assert.equal(wasmRes.headers.get('content-type'), 'application/wasm');
    assert.equal(wasmRes.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  test('a care leaver opens the home page and visits each of the four places', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(env.server.url);
    await expectHeading(page, 'Your local offer');
    assert.equal(await page.locator('h1').count(), 1);
    const places = [
      ['The offer', 'The offer', '/offer'],
      ['Hubs', 'Hubs', '/hubs'],
      ['Contacts', 'Contacts', '/contacts'],
      ['Have your say', 'Have your say', '/have-your-say'],
    ];
    for (const [link, heading, path] of places) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await expectHeading(page, heading);
      assert.equal(new URL(page.url()).pathname, path);
      assert.equal(await page.locator('h1').count(), 1, `one h1 on ${path}`);
      assert.match(await page.title(), new RegExp(`^${heading}`));
    }
    await context.close();
  });

  test('Language and Help now stay side by side in the header, at 360 and 320 px, before and after the app starts', async () => {
    for (const width of [360, 320]) {
      for (const javaScriptEnabled of [false, true]) {
        const context = await phoneContext(env.browser, { viewport: { width, height: 740 }, javaScriptEnabled });
        const page = await context.newPage();
        await page.goto(env.server.url);
        await expectHeading(page, 'Your local offer');
        const box = async (selector) => page.locator(`.site-header ${selector}`).boundingBox();
        const [language, help] = [await box('.language-link'), await box('.help-now-link')];
        const middle = (b) => b.y + b.height / 2;
        const how = `${width} px, ${javaScriptEnabled ? 'the app' : 'the painted page'}`;
        assert.ok(Math.abs(middle(language) - middle(help)) < 2, `one row at ${how}: ${JSON.stringify({ language, help })}`);
        assert.ok(help.x + help.width <= width, `Help now fits at ${how}`);
        await context.close();
      }
    }
  });

  test('a keyboard user can skip to the content, and hears each new page', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(env.server.url);
    await expectHeading(page, 'Your local offer');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement.id === 'main');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hubs' }).click();
    await expectHeading(page, 'Hubs');
    // Focus moves to the new page's heading, so a screen reader announces it.
    await page.waitForFunction(() => document.activeElement.tagName === 'H1');
    await context.close();
  });

  test('a deep link opens its page directly', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/hubs`);
    await expectHeading(page, 'Hubs');
    await page.goto(`${env.server.url}/no/such/page`);
    await expectHeading(page, 'Page not found');
    await context.close();
  });
});
