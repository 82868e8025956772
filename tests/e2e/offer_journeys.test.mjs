// Find what you can get, in three taps: the journeys of a care leaver and a PA.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { axeViolations, bottomBar, brokenWords, doubleTextSize, expectHeading, phoneContext, serverAndBrowser } from './harness.mjs';

describe('the offer, for a care leaver on a phone', () => {
  const env = serverAndBrowser();
  let offer;

  before(async () => {
    offer = await (await fetch(`${env.server.url}/api/offer`)).json();
  });

  async function answer(page, age, ticks = []) {
    await page.goto(`${env.server.url}/what-can-i-get`);
    await expectHeading(page, 'What can I get?');
    await page.getByRole('button', { name: 'Clear my answers' }).click();
    await page.getByLabel('How old are you?').fill(String(age));
    for (const label of ticks) await page.getByLabel(label).check();
  }

  test('a 22-year-old at university finds the higher education bursary', async () => {
    const page = await (await phoneContext(env.browser)).newPage();
    const bursary = offer.entitlements.find((e) => e.id === 'higher-education-bursary');
    await answer(page, 22, ["I'm at university"]);
    const now = page.locator('#results-now');
    await now.getByRole('link', { name: bursary.title }).waitFor();
    await now.getByRole('link', { name: bursary.title }).click();
    await expectHeading(page, bursary.title);
    await page.getByText('From your answers, you can get this now.').waitFor();
    await page.getByText(/^Checked on|Checked on/).first().waitFor();
  });

  test('a 17-year-old does not see 21+ items as available now, but sees them for later', async () => {
    const page = await (await phoneContext(env.browser)).newPage();
    const over21 = offer.entitlements.filter((e) => (e.eligibility.min_age ?? 0) >= 21 && !(e.eligibility.circumstances ?? []).length);
    assert.ok(over21.length > 0, 'the offer has a 21+ item');
    await answer(page, 17);
    await page.locator('#results-now li').first().waitFor();
    const nowText = await page.locator('#results-now').innerText();
    for (const e of over21) {
      assert.ok(!nowText.includes(e.title), `${e.title} is not offered to a 17-year-old now`);
      const later = page.locator('#results-later li', { hasText: e.title });
      await later.getByText(`From ${e.eligibility.min_age}`).waitFor();
    }
    // The answers stay on the phone and come back after a reload.
    await page.reload();
    assert.equal(await page.getByLabel('How old are you?').inputValue(), '17');
  });

  test('a search for "rent" finds help with housing', async () => {
    const page = await (await phoneContext(env.browser)).newPage();
    await page.goto(env.server.url);
    await page.getByLabel('Search the offer').fill('rent');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectHeading(page, 'Search the offer');
    await page.locator('#search-results li').first().waitFor();
    const titles = await page.locator('#search-results li h3').allInnerTexts();
    const found = titles.map((t) => offer.entitlements.find((e) => e.title === t));
    assert.match(`${found[0].title} ${found[0].summary}`, /rent|housing|home/i, `the best result is about rent: ${titles[0]}`);
    assert.ok(found.slice(0, 5).some((e) => e.category === 'home'), `housing help is in the top five: ${titles.slice(0, 5)}`);
    assert.match(page.url(), /\/search\?q=rent$/);
  });

  test('a search with no results offers people to ask', async () => {
    const page = await (await phoneContext(env.browser)).newPage();
    await page.goto(`${env.server.url}/search?q=xylophone`);
    await page.getByText('Nothing found for').waitFor();
    await page.getByText('Your PA knows the offer').waitFor();
  });

  test('a saved item is still saved after a reload', async () => {
    const page = await (await phoneContext(env.browser)).newPage();
    const item = offer.entitlements[1];
    await page.goto(`${env.server.url}/offer/${item.id}`);
    await expectHeading(page, item.title);
    await page.getByRole('button', { name: `Save to My list: ${item.title}` }).click();
    await page.reload();
    await page.getByRole('button', { name: `Saved to My list: ${item.title}` }).waitFor();
    await page.goto(`${env.server.url}/my-list`);
    await page.locator('#my-list').getByRole('link', { name: item.title }).waitFor();
  });

  test('My PA survives a reload, and can be changed and deleted', async () => {
    const page = await (await phoneContext(env.browser)).newPage();
    await page.goto(`${env.server.url}/contacts`);
    await expectHeading(page, 'Contacts');
    await page.getByRole('button', { name: 'Save my PA' }).click();
    await page.getByRole('alert').getByText("Enter your PA's name").waitFor();
    await page.getByLabel('Name').fill('Sam Jones');
    await page.getByLabel('Phone number').fill('07700 900123');
    await page.getByRole('button', { name: 'Save my PA' }).click();
    await page.reload();
    await page.getByText('Sam Jones').waitFor();
    const call = page.getByRole('link', { name: 'Call 07700 900123' });
    assert.equal(await call.getAttribute('href'), 'tel:07700900123');
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Save my PA' }).waitFor();
  });

  test('help is one tap away on every page', async () => {
    const page = await (await phoneContext(env.browser)).newPage();
    await page.goto(`${env.server.url}/offer`);
    await page.getByRole('link', { name: 'Help now' }).click();
    await expectHeading(page, 'I need help now');
    assert.equal(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
    await page.getByText('Samaritans').first().waitFor();
  });

  test('axe finds nothing on any page, at 320 px and in dark mode', async () => {
    const entitlement = offer.entitlements[0];
    const pages = [
      ['/', 'Your local offer'],
      ['/offer', 'The offer'],
      [`/offer/category/${offer.categories[0].id}`, offer.categories[0].title],
      [`/offer/${entitlement.id}`, entitlement.title],
      ['/what-can-i-get', 'What can I get?'],
      ['/search?q=money', 'Search the offer'],
      ['/search?q=xylophone', 'Search the offer'],
      ['/my-list', 'My list'],
      ['/hubs', 'Hubs'],
      [`/hubs/${offer.hubs[0].id}`, offer.hubs[0].name],
      ['/contacts', 'Contacts'],
      ['/groups', 'Groups you can join'],
      ['/help-now', 'I need help now'],
      ['/have-your-say', 'Have your say'],
      ['/not-a-page', 'Page not found'],
    ];
    for (const scheme of ['light', 'dark']) {
      const context = await phoneContext(env.browser, { viewport: { width: 320, height: 640 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const [path, heading] of pages) {
        await page.goto(`${env.server.url}${path}`);
        await expectHeading(page, heading);
        assert.equal(await page.locator('h1').count(), 1, `one h1 on ${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} fits 320 px without sideways scrolling (${overflow}px over)`);
        assert.deepEqual(await brokenWords(page), [], `${path} at 320 px breaks no word inside itself`);
        const { rows, fixed } = await bottomBar(page);
        assert.deepEqual({ rows, fixed }, { rows: 1, fixed: true }, `${path}: the bottom bar is one row at 320 px`);
        assert.deepEqual(await axeViolations(page), [], `axe on ${path} (${scheme})`);
      }
      await context.close();
    }
    // With text at 200% nothing needs sideways scrolling either (WCAG 1.4.4 and 1.4.10).
    const context = await phoneContext(env.browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await doubleTextSize(page);
    for (const [path, heading] of pages) {
      await page.goto(`${env.server.url}${path}`);
      await expectHeading(page, heading);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} at 200% text fits 320 px (${overflow}px over)`);
      assert.deepEqual(await brokenWords(page), [], `${path} at 200% text breaks no word inside itself`);
      const { covers } = await bottomBar(page);
      assert.ok(covers <= 0.2, `${path} at 200% text: the bottom bar covers ${Math.round(covers * 100)}% of the screen`);
    }
    await context.close();
  });
});
