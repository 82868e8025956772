// Hubs: what is open now, the nearest hub, a hub's page and "Add to calendar", on a phone.
//
// The shipped content has one hub and no published times, so these tests add two made-up
// hubs to the server's own copy of content/: one open every day all day (so "Open now" holds
// whenever the test runs) and one whose only session is two days from today.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations, expectHeading, launchBrowser, phoneContext, startServer } from './harness.mjs';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const capitalised = (day) => day[0].toUpperCase() + day.slice(1);

/** The day two days from today: far enough to be named ("Next: Thursday 1pm"), not "tomorrow". */
const laterDay = DAYS[(new Date().getDay() + 2) % 7];

const source = 'source = { title = "Test hubs", url = "https://example.org/hubs" }\nlast_checked = "2026-01-05"';

const allDay = DAYS.map(
  (day) => `
[[hubs.sessions]]
day = "${day}"
start = "00:00"
end = "00:00"
overnight = true
what = "Open all day"`,
).join('\n');

const extraHubs = `

[[hubs]]
id = "macclesfield-test"
name = "Macclesfield test hub"
address = "1 Market Place"
town = "Macclesfield"
postcode = "SK10 1EA"
lat = 53.2587
lon = -2.1253
status = "interim"
services = ["Somewhere warm to sit"]
access = "Step-free from the street."
phone = "01625 123456"
${source}
${allDay}

[[hubs]]
id = "nantwich-test"
name = "Nantwich test hub"
address = "2 High Street"
town = "Nantwich"
postcode = "CW5 5AS"
lat = 53.0679
lon = -2.5218
status = "open"
${source}

[[hubs.sessions]]
day = "${laterDay}"
start = "13:00"
end = "16:00"
what = "Drop-in, with tea; and toast"
`;

/** The hub cards' names, in the order the list shows them. */
async function hubNames(page) {
  return page.locator('.hub-card h2').allInnerTexts();
}

describe('hubs', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    appendFileSync(join(server.contentDir, 'hubs.toml'), extraHubs);
    server.reloadContent();
    const deadline = Date.now() + 15000;
    for (;;) {
      const offer = await (await fetch(`${server.url}/api/offer`)).json();
      if (offer.hubs.length === 3) break;
      if (Date.now() > deadline) {
        throw new Error(`the extra hubs did not load:\n${server.logs.join('')}\n${readFileSync(join(server.contentDir, 'hubs.toml'), 'utf8')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  test('the hub list shows each hub with what is happening now, in order of town', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/hubs`);
    await expectHeading(page, 'Hubs');
    await page.locator('.hub-card').nth(2).waitFor();
    assert.deepEqual(await hubNames(page), [
      'Delamere House (care leavers team)',
      'Macclesfield test hub',
      'Nantwich test hub',
    ]);
    const card = (name) => page.locator('.hub-card', { hasText: name });
    assert.match(await card('Macclesfield test hub').innerText(), /Open now until midnight/);
    assert.match(await card('Macclesfield test hub').innerText(), /Open for now in a temporary place/);
    assert.match(await card('Nantwich test hub').innerText(), new RegExp(`Next: ${capitalised(laterDay)} 1pm`));
    assert.match(await card('Delamere House').innerText(), /Ask for session times/);
    // The map places every hub as a link that goes to its page.
    const figure = page.locator('figure.hub-map');
    // Its outline, towns and caption come from the council's own offer.toml, not the code.
    assert.match(await figure.locator('figcaption').innerText(), /^Map of Cheshire East with 3 hubs\. .*The outline of the area is rough/);
    assert.equal(await figure.locator('polygon.hub-map-area').count(), 1);
    const { council } = await (await fetch(`${server.url}/api/offer`)).json();
    assert.equal(council.map_towns.length, 10);
    assert.equal(await figure.locator('text.hub-map-label').count(), council.map_towns.length);
    await figure.getByRole('link', { name: 'Nantwich test hub, Nantwich' }).click();
    await expectHeading(page, 'Nantwich test hub');
    await context.close();
  });

  test('a hub page shows its next session, its weekly table, and how to get there', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/hubs`);
    await page.getByRole('link', { name: 'Nantwich test hub', exact: true }).click();
    await expectHeading(page, 'Nantwich test hub');
    assert.equal(new URL(page.url()).pathname, '/hubs/nantwich-test');
    // The way back to every hub is a link, not "the current page" to a screen reader.
    assert.equal(await page.getByRole('link', { name: 'All hubs' }).getAttribute('aria-current'), null);
    await page.getByText(`Next: ${capitalised(laterDay)} 1pm`).waitFor();
    const table = page.getByRole('table', { name: 'Every week at Nantwich test hub' });
    const row = table.getByRole('row', { name: new RegExp(capitalised(laterDay)) });
    assert.match(await row.innerText(), /1pm to 4pm/);
    assert.match(await row.innerText(), /Drop-in, with tea; and toast/);
    assert.equal(await table.getByRole('columnheader').count(), 3);
    const geo = await page.getByRole('link', { name: 'Open in your maps app' }).getAttribute('href');
    assert.match(geo, /^geo:53\.0679,-2\.5218\?q=2%20High%20Street%2C%20Nantwich%2C%20CW5%205AS$/);
    const apple = await page.getByRole('link', { name: /Apple Maps/ }).getAttribute('href');
    assert.match(apple, /^https:\/\/maps\.apple\.com\/\?q=.*&ll=53\.0679,-2\.5218$/);
    assert.match(await page.locator('.source').innerText(), /Checked on 5 January 2026/);
    await context.close();
  });

  test('the real hub says its times are not published and offers a call', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/hubs/delamere-house`);
    await expectHeading(page, 'Delamere House');
    await page
      .getByText('Session times are not published yet. Ask your PA or the team when you can drop in.')
      .waitFor();
    assert.equal(await page.getByRole('table').count(), 0);
    await page.getByText('CW1 2JZ').waitFor();
    await page.goto(`${server.url}/hubs/macclesfield-test`);
    await expectHeading(page, 'Macclesfield test hub');
    assert.equal(await page.getByRole('link', { name: 'Call the hub on 01625 123456' }).getAttribute('href'), 'tel:01625123456');
    await context.close();
  });

  test('"Add to calendar" saves a calendar file made on the phone', async () => {
    const context = await phoneContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/hubs/nantwich-test`);
    await expectHeading(page, 'Nantwich test hub');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Add to calendar/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `nantwich-test-${laterDay}-1300.ics`);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), text);
    assert.match(text, /\r\nRRULE:FREQ=WEEKLY\r\n/);
    assert.match(text, /\r\nSUMMARY:Nantwich test hub: Drop-in\\, with tea\\; and toast\r\n/);
    assert.match(text, /\r\nDTSTART:\d{8}T130000\r\n/);
    await page.getByRole('status').getByText('We made a calendar file').waitFor();
    const offsite = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:'));
    assert.deepEqual(offsite, [], 'nothing is fetched from anywhere else');
    await context.close();
  });

  test('with location allowed, the hub nearest to a young person in Macclesfield comes first', async () => {
    const context = await phoneContext(browser, { geolocation: { latitude: 53.26, longitude: -2.13 } });
    await context.grantPermissions(['geolocation']);
    const page = await context.newPage();
    await page.goto(`${server.url}/hubs`);
    await expectHeading(page, 'Hubs');
    await page.getByText('Your location stays on your phone.').waitFor();
    await page.getByRole('button', { name: 'Sort by nearest to me' }).click();
    await page.getByRole('button', { name: 'Sort by town' }).waitFor();
    assert.deepEqual(await hubNames(page), [
      'Macclesfield test hub',
      'Delamere House (care leavers team)',
      'Nantwich test hub',
    ]);
    const first = page.locator('.hub-card').first();
    assert.match(await first.innerText(), /less than 1 km away/);
    assert.match(await page.locator('.hub-card').nth(1).innerText(), /about \d+ km \(\d+ miles\) away/);
    await page.getByRole('button', { name: 'Sort by town' }).click();
    await page.getByRole('button', { name: 'Sort by nearest to me' }).waitFor();
    assert.equal((await hubNames(page))[0], 'Delamere House (care leavers team)');
    await context.close();
  });

  test('when location is refused, the list stays in order of town and says so kindly', async () => {
    const context = await phoneContext(browser, { geolocation: { latitude: 53.26, longitude: -2.13 } });
    await context.clearPermissions();
    const page = await context.newPage();
    await page.goto(`${server.url}/hubs`);
    await expectHeading(page, 'Hubs');
    await page.getByRole('button', { name: 'Sort by nearest to me' }).click();
    await page.getByRole('status').getByText("That's fine: you chose not to share where you are.").waitFor();
    assert.equal((await hubNames(page))[0], 'Delamere House (care leavers team)');
    await context.close();
  });

  for (const path of ['/hubs', '/hubs/nantwich-test', '/hubs/delamere-house']) {
    test(`axe finds no problems on ${path}`, async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      await page.locator('h1').waitFor();
      await page.locator('.hub-now').first().waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }

  test('the hubs page works at 320 px wide without sideways scrolling', async () => {
    const context = await phoneContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/hubs', '/hubs/nantwich-test']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('.hub-now').first().waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 320, `${path} is ${wide}px wide`);
    }
    await context.close();
  });
});
