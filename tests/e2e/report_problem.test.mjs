// "Something wrong on this page?": a young person reports an item as wrong or out of date in
// two taps, and the server stores it about that item with that reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axeViolations, expectHeading, phoneContext, serverAndBrowser, storedMessages, until } from './harness.mjs';

/** Feedback the server stored, oldest first. */
function storedFeedback(dbPath) {
  return storedMessages(dbPath)
    .filter((r) => r.kind === 'feedback')
    .map((r) => r.body);
}

describe('something wrong on this page', () => {
  const env = serverAndBrowser();

  test('reported from an entitlement page in two taps, it is stored about that entitlement as wrong or out of date', async () => {
    const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
    const entitlement = offer.entitlements[0];
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/offer/${entitlement.id}`);
    await expectHeading(page, entitlement.title);

    // Tap one.
    await page.getByRole('link', { name: 'Something wrong on this page?' }).click();
    await expectHeading(page, 'Give feedback');
    assert.equal(await page.getByLabel('What is it about?').inputValue(), `entitlement:${entitlement.id}`);
    assert.ok(await page.getByLabel('This information is wrong or out of date').isChecked());
    assert.equal(await page.getByLabel(/^Something else/).isChecked(), false);
    assert.deepEqual(await axeViolations(page), []);

    // Tap two: nothing else is needed.
    await page.getByRole('button', { name: 'Send' }).click();
    await expectHeading(page, 'Have your say');
    await until(() => storedFeedback(env.server.dbPath).some((b) => b.about?.entitlement === entitlement.id), 'the report to be stored');
    const stored = storedFeedback(env.server.dbPath).filter((b) => b.about?.entitlement === entitlement.id);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].reason, 'wrong-or-out-of-date');
    assert.equal(stored[0].text, '');
    await page.getByText(/^Sent on /).first().waitFor({ timeout: 30000 });
    await context.close();
  });

  test('a contact can be reported too, with words, and ordinary feedback has no reason', async () => {
    const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
    const contact = offer.contacts.find((c) => c.kind === 'helpline') ?? offer.contacts[0];
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/contacts`);
    await expectHeading(page, 'Contacts');
    // Each contact's link is told apart by its name, for screen readers.
    await page.locator(`#contact-${contact.id}`).getByRole('link', { name: `Something wrong here? (${contact.name})` }).click();
    await expectHeading(page, 'Give feedback');
    assert.equal(await page.getByLabel('What is it about?').inputValue(), `contact:${contact.id}`);
    await page.getByLabel('Your feedback').fill('This number did not answer');
    await page.getByRole('button', { name: 'Send' }).click();
    await expectHeading(page, 'Have your say');

    // Choosing "Something else" sends feedback with no reason at all.
    await page.goto(`${env.server.url}/have-your-say/feedback`);
    await expectHeading(page, 'Give feedback');
    await page.getByLabel('This information is wrong or out of date').check();
    await page.getByLabel(/^Something else/).check();
    await page.getByLabel('Your feedback').fill('I like the map');
    await page.getByRole('button', { name: 'Send' }).click();
    await expectHeading(page, 'Have your say');

    await until(() => storedFeedback(env.server.dbPath).some((b) => b.text === 'I like the map'), 'both messages to be stored');
    const rows = storedFeedback(env.server.dbPath);
    const report = rows.find((b) => b.text === 'This number did not answer');
    assert.deepEqual(report.about, { contact: contact.id });
    assert.equal(report.reason, 'wrong-or-out-of-date');
    assert.equal('reason' in rows.find((b) => b.text === 'I like the map'), false);
    await context.close();
  });

  test('every hub page has the link, about that hub', async () => {
    const offer = await (await fetch(`${env.server.url}/api/offer`)).json();
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    for (const hub of offer.hubs) {
      await page.goto(`${env.server.url}/hubs/${hub.id}`);
      await expectHeading(page, hub.name);
      const link = page.getByRole('link', { name: 'Something wrong on this page?' });
      assert.equal(await link.getAttribute('href'), `/have-your-say/feedback?about=hub:${hub.id}&reason=wrong-or-out-of-date`);
    }
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
});
