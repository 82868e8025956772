// With JavaScript turned off (or a phone that cannot run the app), the offer can still be
// read: the server draws its pages from the app's own components (server/src/drawn_pages.rs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectAxeClean, expectHeading, language, phoneContext, say, serverAndBrowser } from './harness.mjs';

describe('the offer with no JavaScript', () => {
  const env = serverAndBrowser();

  test('from the home page to a category, an item and back, every page read from the server', async () => {
    const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
    const category = offer.categories.find((c) => offer.entitlements.some((e) => e.category === c.id));
    const item = offer.entitlements.find((e) => e.category === category.id);
    const context = await phoneContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(env.server.url);
      await expectHeading(page, 'Your local offer');
      await page.locator('.category-grid').getByRole('link', { name: category.title }).click();
      await expectHeading(page, category.title);
      assert.equal(new URL(page.url()).pathname, `/offer/category/${category.id}`);
      await page.getByRole('main').getByRole('link', { name: item.title }).first().click();
      await expectHeading(page, item.title);
      // The tab (and a texted link's preview) is named after the page, as the app names it,
      // and the preview's line under it is the item's summary.
      assert.equal(await page.title(), `${item.title} | Local Offer`);
      assert.equal(await page.locator('meta[name="description"]').getAttribute('content'), item.summary);
      await page.getByText(item.summary).first().waitFor();
      // Where the facts come from, and when they were checked, are part of the page.
      await page.locator('.source', { hasText: 'Where this comes from:' }).getByRole('link', { name: item.source.title }).first().waitFor();
      await page.locator('.source', { hasText: 'Checked on' }).first().waitFor();
      // The header and bottom bar are real links too.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
      await expectHeading(page, 'Contacts');
      await page.getByRole('link', { name: 'Help now' }).click();
      await expectHeading(page, 'I need help now');
      // Nothing that waits for the app.
      assert.equal(await page.getByRole('status').filter({ hasText: 'Loading the offer' }).isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('a search from the home page finds the offer', async () => {
    const context = await phoneContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(env.server.url);
      await page.getByLabel('Search the offer').fill('rent');
      await page.getByRole('button', { name: 'Search' }).click();
      await expectHeading(page, 'Search the offer');
      const url = new URL(page.url());
      assert.equal(url.pathname, '/search');
      assert.equal(url.searchParams.get('q'), 'rent');
      assert.equal(await page.getByLabel('What are you looking for?').inputValue(), 'rent');
      assert.ok((await page.getByRole('main').locator('a[href^="/offer/"]').count()) > 0, 'results link to the offer');
      // Asked again from the search page itself (Enter, with no button).
      await page.getByLabel('What are you looking for?').fill('dentist');
      await page.getByLabel('What are you looking for?').press('Enter');
      await page.waitForURL(/q=dentist/);
      assert.ok((await page.getByRole('main').locator('a[href^="/offer/"]').count()) > 0, 'results for a second search');
    } finally {
      await context.close();
    }
  });

  test("a PA's link in Arabic reads in Arabic, right to left, with the draft note, at 320 px", async () => {
    const ar = language('ar');
    const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
    const arabic = (await (await fetch(`${env.server.url}/api/translations/ar`)).json()).entitlements;
    const item = offer.entitlements.find((e) => arabic[e.id]);
    const context = await phoneContext(env.browser, { javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    try {
      await page.goto(`${env.server.url}/?lang=ar`);
      await expectHeading(page, say(ar, 'home.title'));
      assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
      await page.getByText(say(ar, 'app.draft_note')).waitFor();
      const nav = page.getByRole('navigation', { name: say(ar, 'app.nav_label') });
      await nav.getByRole('link', { name: say(ar, 'app.nav_offer') }).waitFor();
      await page.getByRole('link', { name: say(ar, 'app.help_now') }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1), true, 'no sideways scroll');
      // An item: its own words in Arabic, and the date it was checked with Arabic's month.
      await page.goto(`${env.server.url}/offer/${item.id}?lang=ar`);
      await expectHeading(page, arabic[item.id].title);
      await page.getByText(arabic[item.id].summary).first().waitFor();
      const month = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][Number(item.last_checked.slice(5, 7)) - 1];
      const checked = say(ar, 'entitlement.checked').replace('{date}', say(ar, 'dates.long_date')
        .replace('{day}', String(Number(item.last_checked.slice(8, 10))))
        .replace('{month}', say(ar, `dates.${month}`))
        .replace('{year}', item.last_checked.slice(0, 4)));
      await page.getByText(checked).first().waitFor();
      const heading = (await page.locator('h1:visible').textContent()).trim();
      assert.equal(await page.title(), say(ar, 'browser.title').replace('{page}', heading));
    } finally {
      await context.close();
    }
    // Axe needs JavaScript to run: the same pages with the app kept away instead.
    const withoutApp = await phoneContext(env.browser, { serviceWorkers: 'block', viewport: { width: 320, height: 640 } });
    const shown = await withoutApp.newPage();
    await shown.route(/\.wasm$/, (route) => route.abort());
    try {
      for (const path of ['/?lang=ar', `/offer/${item.id}?lang=ar`]) {
        await shown.goto(`${env.server.url}${path}`);
        await shown.getByText(say(ar, 'app.draft_note')).waitFor();
        await expectAxeClean(shown, `${path} as the server draws it`);
      }
    } finally {
      await withoutApp.close();
    }
  });

  test('an item that is not in the offer is "Page not found", sent as 404, with a way home', async () => {
    const context = await phoneContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const answer = await page.goto(`${env.server.url}/offer/no-such-item`);
      assert.equal(answer.status(), 404);
      await expectHeading(page, 'Page not found');
      await page.getByRole('main').getByRole('link', { name: 'Go to the home page' }).click();
      await expectHeading(page, 'Your local offer');
    } finally {
      await context.close();
    }
  });

  test('pages that live on the phone are not drawn, and the page says what needs JavaScript', async () => {
    const context = await phoneContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const answer = await page.goto(`${env.server.url}/have-your-say`);
      assert.equal(await page.getByRole('heading', { name: 'Have your say' }).count(), 0);
      // Chromium with scripts turned off by DevTools still parses as if they ran, so the
      // <noscript> line is read from what the server sent.
      assert.match(await answer.text(), /<noscript>\s*<p class="noscript">With JavaScript turned off you can read the offer/);
    } finally {
      await context.close();
    }
  });
});
