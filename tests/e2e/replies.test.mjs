// Young people hear back: a reply and "read by the team" reach the phone that sent the
// message (and stay there offline), "You said, we did" travels down with the offer, a
// 22-year-old asks for help again and is flagged and counted, and an idea for a group
// reaches the participation lead. Real server, real SQLite, real Chromium; axe on every
// new page, phone and staff.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { expectAxeClean, expectHeading, phoneContext, serverAndBrowser, signInStaff, staffCommand, untilOfflineReady } from './harness.mjs';

const PASSWORD = 'a long and private passphrase';
const ENTITLEMENT = 'setting-up-home-allowance';
const ENTITLEMENT_TITLE = 'Setting up home allowance';
const REPLY = 'Thanks. Your PA will ring you on Thursday after 2pm.';
const SAID = 'The list of what the allowance buys was hard to find.';
const DID = 'We put the list at the top of the page.';

async function signIn(page, url, email) {
  await signInStaff(page, url, email, PASSWORD);
}

/** What the browser does when the young person comes back to the app. */
async function comeBackIntoView(page) {
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
}

/** Opens a message in the staff inbox by words it contains. */
async function openMessage(staff, url, words, heading) {
  await staff.goto(`${url}/staff`);
  await staff.getByLabel('Words in the message').fill(words);
  await staff.getByRole('button', { name: 'Show messages' }).click();
  const row = staff.locator('tbody tr').first();
  await row.waitFor();
  await row.getByRole('link', { name: /^Message \d+$/ }).click();
  await expectHeading(staff, heading);
}

describe('answers flow back to the phone', () => {
  const env = serverAndBrowser();
  before(() => {
    staffCommand(env.server, ['add', 'mo.manager@example.gov.uk', '--name', 'Mo Manager', '--role', 'manager', '--password-stdin'], `${PASSWORD}\n`);
    staffCommand(env.server, ['add', 'pip.participation@example.gov.uk', '--name', 'Pip Participation', '--role', 'participation', '--password-stdin'], `${PASSWORD}\n`);
  });

  test('a reply and "You said, we did" reach the phone, and stay there offline', async () => {
    const { server, browser } = env;

    // The young person gives feedback about an entitlement.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await app.goto(server.url);
    await expectHeading(app, 'Your local offer');
    await untilOfflineReady(app);
    await app.goto(`${server.url}/have-your-say/feedback`);
    await expectHeading(app, 'Give feedback');
    await app.getByLabel('What is it about?').selectOption(`entitlement:${ENTITLEMENT}`);
    await app.getByLabel('How good is it?').selectOption('2');
    await app.getByLabel('Your feedback').fill('I could not find what the allowance pays for.');
    await app.getByRole('button', { name: 'Send' }).click();
    await expectHeading(app, 'Have your say');
    const card = app.locator('.message', { hasText: 'Give feedback' });
    await card.getByText(/^Sent on /).waitFor({ timeout: 30000 });

    // A manager reads it and replies.
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const manager = await laptop.newPage();
    await signIn(manager, server.url, 'mo.manager@example.gov.uk');
    await openMessage(manager, server.url, 'allowance pays for', 'Feedback');
    await manager.getByRole('textbox', { name: 'Reply to the young person' }).fill(REPLY);
    await manager.getByRole('button', { name: 'Send reply' }).click();
    await manager.getByText('Your reply is saved.').waitFor();
    await expectAxeClean(manager, 'staff message page with a reply');

    // The phone hears back when the young person comes back to the app.
    await comeBackIntoView(app);
    await card.locator('.reply-text', { hasText: REPLY }).waitFor({ timeout: 15000 });
    await card.getByText(/^Read by the team on /).waitFor();
    await app.getByRole('status').filter({ hasText: 'You have a new reply from the team.' }).waitFor();
    await expectAxeClean(app, 'Have your say with a reply');
    const kept = await app.evaluate(() => JSON.parse(localStorage.getItem('local-offer.v1.message-answers')));
    assert.equal(Object.values(kept.messages)[0].status.reply, REPLY);

    // No signal, and the app reloaded: the reply is still there.
    await phone.setOffline(true);
    await app.reload();
    await expectHeading(app, 'Have your say');
    await card.locator('.reply-text', { hasText: REPLY }).waitFor();
    await card.getByText(/^Read by the team on /).waitFor();
    await phone.setOffline(false);

    // The review of the offer shows the feedback's rating under that entitlement.
    await manager.goto(`${server.url}/staff/review`);
    await expectHeading(manager, 'Review of the offer with young people');
    const reviewRow = manager.locator('tbody tr', { hasText: ENTITLEMENT_TITLE }).first();
    const cells = (await reviewRow.locator('td').allTextContents()).map((c) => c.trim());
    assert.equal(cells[1], '1', `feedback messages: ${cells}`);
    assert.match(cells[2], /^2(\.0)?\b/, `average rating: ${cells}`);
    assert.match(cells[4], /could not find what the allowance pays for/);
    await expectAxeClean(manager, 'review of the offer');

    // The manager publishes what was done about it.
    await manager.goto(`${server.url}/staff/you-said-we-did/new`);
    await expectAxeClean(manager, 'new You said, we did');
    await manager.getByLabel('What young people said').fill(SAID);
    await manager.getByLabel('What we did').fill(DID);
    await manager.getByLabel('Date it was done').fill('2026-11-20');
    await manager.getByLabel('What it is about').selectOption(`entitlement:${ENTITLEMENT}`);
    await manager.getByRole('button', { name: 'Publish' }).click();
    await manager.getByText(DID).first().waitFor();

    // Online, the phone picks up the new offer; then offline it still shows it.
    await app.goto(`${server.url}/offer/${ENTITLEMENT}`);
    await expectHeading(app, ENTITLEMENT_TITLE);
    const said = app.locator('section', { has: app.getByRole('heading', { name: 'You said, we did' }) });
    await said.getByText(DID).waitFor({ timeout: 20000 });
    await phone.setOffline(true);
    await app.reload();
    await expectHeading(app, ENTITLEMENT_TITLE);
    await said.getByText(SAID).waitFor();
    await said.getByText(DID).waitFor();
    await expectAxeClean(app, 'entitlement page with You said, we did');
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Have your say' }).click();
    await expectHeading(app, 'Have your say');
    await said.getByText(DID).waitFor();
    await said.getByRole('link', { name: ENTITLEMENT_TITLE }).waitFor();
    await expectAxeClean(app, 'Have your say with You said, we did');
    await app.setViewportSize({ width: 320, height: 640 });
    assert.ok(
      await app.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      'Have your say, with a reply and You said, we did, fits 320 px',
    );
    await app.setViewportSize({ width: 360, height: 740 });

    // An old phone: the offer its earlier app kept has no "you_said_we_did" at all. After
    // the upgrade it still loads, offline.
    const oldOffer = await app.evaluate(async () => {
      const cache = await caches.open('local-offer-data-v1');
      const cached = await cache.match('/api/offer');
      const offer = await cached.json();
      delete offer.you_said_we_did;
      await cache.put(
        '/api/offer',
        new Response(JSON.stringify(offer), {
          headers: { 'Content-Type': 'application/json', ETag: '"kept-by-the-old-app"' },
        }),
      );
      return offer;
    });
    assert.equal(oldOffer.you_said_we_did, undefined);
    await app.goto(`${server.url}/offer/${ENTITLEMENT}`);
    await expectHeading(app, ENTITLEMENT_TITLE);
    await app.getByText('Where this comes from:').waitFor();
    assert.equal(await app.getByRole('heading', { name: 'You said, we did' }).count(), 0);
    await app.goto(`${server.url}/have-your-say`);
    await card.locator('.reply-text', { hasText: REPLY }).waitFor();
    await phone.close();
    await laptop.close();
  });

  test('a 22-year-old asks for help again: flagged in the inbox and counted in the month', async () => {
    const { server, browser } = env;
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await app.goto(server.url);
    await expectHeading(app, 'Your local offer');
    // The way back is on the home page, the 21+ page and Contacts.
    for (const path of [`/offer/offer-21-plus`, '/contacts', '/']) {
      await app.goto(`${server.url}${path}`);
      await app.getByRole('link', { name: '21 or over and want help again?' }).waitFor();
    }
    await expectAxeClean(app, 'home page');
    await app.getByRole('link', { name: '21 or over and want help again?' }).click();
    await expectHeading(app, 'Ask for help again');
    await app.getByRole('button', { name: 'Send' }).click();
    await app.locator('#error-summary').waitFor();
    await expectAxeClean(app, 'Ask for help again, with its errors');
    await app.getByLabel('Your name').fill('Sam Back');
    await app.getByLabel('Phone number').fill('07700 900222');
    await app.getByLabel('When is best to contact you?').fill('Weekday mornings');
    await app.getByLabel('What would you like help with?').fill('I am 22 and need help with money again.');
    await app.getByRole('button', { name: 'Send' }).click();
    await expectHeading(app, 'Have your say');
    await app.locator('.message', { hasText: 'Ask for help again' }).getByText(/^Sent on /).waitFor({ timeout: 30000 });
    await phone.close();

    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const manager = await laptop.newPage();
    await signIn(manager, server.url, 'mo.manager@example.gov.uk');
    const row = manager.locator('tbody tr', { hasText: 'Sam Back' });
    await row.waitFor();
    await row.getByText('Support back', { exact: true }).waitFor();
    await manager.goto(`${server.url}/staff/reports/support-back`);
    await expectHeading(manager, 'Support back after 21');
    const month = new Date().toLocaleString('en-GB', { month: 'long', timeZone: 'Europe/London' });
    const cells = await manager.locator('tbody tr', { hasText: month }).first().locator('td').allTextContents();
    assert.equal(cells[1].trim(), '1', `asked this month: ${cells}`);
    await expectAxeClean(manager, 'support back report');
    await laptop.close();
  });

  test('an idea for a new group reaches the participation lead', async () => {
    const { server, browser } = env;
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await app.goto(`${server.url}/have-your-say`);
    await expectHeading(app, 'Have your say');
    await app.getByRole('link', { name: "I'd like to start a group" }).click();
    await expectHeading(app, "I'd like to start a group");
    await app.getByRole('button', { name: 'Send' }).click();
    await app.locator('#error-summary').waitFor();
    await expectAxeClean(app, 'start a group, with its errors');
    await app.getByLabel('What would the group be about?').fill('Cooking on a budget');
    await app.getByLabel('Your name').fill('Kit Cook');
    await app.getByLabel('Email address').fill('kit@example.com');
    await app.getByRole('button', { name: 'Send' }).click();
    await expectHeading(app, 'Have your say');
    await app.locator('.message', { hasText: "I'd like to start a group" }).getByText(/^Sent on /).waitFor({ timeout: 30000 });
    await phone.close();

    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const lead = await laptop.newPage();
    await signIn(lead, server.url, 'pip.participation@example.gov.uk');
    await lead.locator('tbody tr', { hasText: 'Kit Cook' }).waitFor();
    await openMessage(lead, server.url, 'Cooking on a budget', "I'd like to start a group");
    await lead.getByText('kit@example.com').waitFor();
    await laptop.close();
  });
});
