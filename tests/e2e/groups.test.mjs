// Groups: a care leaver finds a group with its weekly meetings and who to ask, and asks to
// join it with the group already chosen. The shipped content publishes no meeting times, so
// the test adds a made-up group to the server's own copy of content/ and publishes it.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations, expectHeading, launchBrowser, phoneContext, startServer } from './harness.mjs';

const extraGroup = `
[[groups]]
id = "test-forum"
name = "Test care leaver forum"
summary = "Care leavers meet to talk about what needs to change."
for_whom = "Care leavers aged 16 to 25."
where = "The library, High Street."
when = "Every Tuesday evening."
how_to_join = "Just come along, or ask first."
contact = "leaving-care-team"
source = { title = "Test groups", url = "https://example.org/groups" }
last_checked = "2026-01-05"

[[groups.sessions]]
day = "tuesday"
start = "18:00"
end = "20:00"
what = "Forum meeting"
`;

describe('groups', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    appendFileSync(join(server.contentDir, 'groups.toml'), extraGroup);
    server.reloadContent();
    for (let i = 0; i < 100; i++) {
      const offer = await (await fetch(`${server.url}/api/offer`)).json();
      if (offer.groups.some((g) => g.id === 'test-forum')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  test('a group shows when it meets and who to ask, and joining starts with it chosen', async () => {
    const context = await phoneContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/have-your-say`);
    await page.getByRole('link', { name: 'See the groups you can join' }).click();
    await expectHeading(page, 'Groups you can join');
    const card = page.locator('.group-card', { hasText: 'Test care leaver forum' });
    const table = card.getByRole('table', { name: 'Every week: Test care leaver forum' });
    assert.match(await table.getByRole('row', { name: /Tuesday/ }).innerText(), /6pm to 8pm\s+Forum meeting/);
    assert.match(await card.innerText(), /Ask Cheshire East care leavers service/);
    assert.equal(await page.locator('.group-card').count(), 5, 'the four shipped groups and the test one');
    assert.deepEqual(await axeViolations(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the groups page fits 320 px (${overflow}px over)`);
    await card.getByRole('link', { name: 'Ask to join Test care leaver forum' }).click();
    await page.getByLabel('Which group?').waitFor();
    assert.equal(await page.getByLabel('Which group?').inputValue(), 'test-forum');
    await context.close();
  });
});
