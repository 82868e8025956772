// With JavaScript turned off (or a phone that cannot run the app), the offer can still be
// read: the server draws its pages from the app's own components (server/src/drawn_pages.rs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectHeading, phoneContext, serverAndBrowser } from './harness.mjs';

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
      // The tab (and a texted link's preview) is named after the page, as the app names it.
      assert.equal(await page.title(), `${item.title} | Local Offer`);
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
