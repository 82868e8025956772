// An officer keeps the offer true: an editor made on the command line signs in, changes an
// entitlement's amount and a hub's session time, sees both in What changed and in the phone
// preview, and publishes. A phone that had the old offer cached shows the new amount on its
// next visit; a phone that never signed in cannot open the preview. Real server, real
// SQLite, real Chromium; axe on the new staff pages at 1280 px and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectAxeClean, expectHeading, phoneContext, serverAndBrowser, staffCommand, untilAppRuns, untilOfflineReady } from './harness.mjs';

const PASSWORD = 'a long and private passphrase';

async function signInEditor(page, url) {
  await page.goto(`${url}/staff/sign-in`);
  await page.getByLabel('Email address').fill('eddie.editor@example.gov.uk');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectHeading(page, 'The offer');
}

/** Axe at 1280 px and at 360 px, and no script on the page: staff pages work without one. */
async function checkPage(page, what) {
  assert.equal(await page.locator('script').count(), 0, `${what} has no script`);
  await expectAxeClean(page, `${what} at 1280 px`);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectAxeClean(page, `${what} at 360 px`);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  assert.ok(fits, `${what} fits 360 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('editing the offer in the staff side', () => {
  const env = serverAndBrowser();

  test('an editor changes an amount and a session time, previews and publishes them', async () => {
    const { server, browser } = env;
    const offer = await (await fetch(`${server.url}/api/offer`)).json();
    // The council's own money item (national items are edited in the national layer). Cheshire
    // East's own items have no amount, so the editor types in a whole one.
    const money = offer.entitlements.find((e) => e.category === 'money' && !e.national);
    const hub = offer.hubs[0];

    // A young person opened the app before: the old offer is in the phone's cache.
    const phone = await phoneContext(browser);
    const before = await phone.newPage();
    await before.goto(`${server.url}/offer/${money.id}`);
    await expectHeading(before, money.title);
    await untilOfflineReady(before);
    await before.close();

    staffCommand(server, ['add', 'eddie.editor@example.gov.uk', '--name', 'Eddie Editor', '--role', 'editor', '--password-stdin'], `${PASSWORD}\n`);
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const staff = await laptop.newPage();
    await signInEditor(staff, server.url);
    await checkPage(staff, 'the offer list');

    await staff.goto(`${server.url}/staff/offer/entitlement/${money.id}`);
    await expectHeading(staff, 'Edit an entitlement');
    await checkPage(staff, 'the entitlement form');
    await staff.getByLabel('Amount in pounds').fill('1,234.56');
    await staff.getByLabel('How often it is paid').selectOption('once');
    await staff.getByLabel('Amount applies since').fill('2023-04-01');
    await staff.getByRole('button', { name: 'Save to the draft' }).click();
    await staff.getByText('Saved to the draft').waitFor();

    await staff.goto(`${server.url}/staff/offer/hub/${hub.id}`);
    await staff.locator('#f-sessions-1--day').selectOption('wednesday');
    await staff.locator('#f-sessions-1--start').fill('13:00');
    await staff.locator('#f-sessions-1--end').fill('12:00');
    await staff.getByRole('button', { name: 'Save to the draft' }).click();
    // An end before the start is refused at its field, and nothing is saved.
    const summary = staff.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Ends: the session ends at 12:00/);
    await checkPage(staff, 'the hub form with an error');
    await staff.locator('#f-sessions-1--end').fill('16:30');
    await staff.getByRole('button', { name: 'Save to the draft' }).click();
    await staff.getByText('Saved to the draft').waitFor();

    await staff.goto(`${server.url}/staff/offer/changes`);
    await expectHeading(staff, 'What changed');
    const changes = await staff.locator('main').innerText();
    assert.match(changes, /£1,234\.56/);
    assert.match(changes, /sessions\[1\]\.end/);
    assert.match(changes, /16:30/);
    await checkPage(staff, 'What changed');

    // The preview is the real app on the draft, in the signed-in browser only.
    const preview = await laptop.newPage();
    await preview.goto(`${server.url}/staff/offer/preview?to=/offer/${money.id}`);
    await expectHeading(preview, money.title);
    await preview.getByText('Preview of the draft.').waitFor();
    await preview.getByText('£1,234.56').first().waitFor({ timeout: 20000 });
    await preview.goto(`${server.url}/hubs/${hub.id}`);
    await preview.getByText(/4:30pm|16:30/).first().waitFor({ timeout: 20000 });
    await preview.close();

    // A phone that never signed in cannot open the preview, and its offer is untouched.
    const stranger = await phone.newPage();
    await stranger.goto(`${server.url}/staff/offer/preview`);
    await expectHeading(stranger, 'Sign in to the staff pages');
    await stranger.goto(`${server.url}/offer/${money.id}?preview=draft`);
    await stranger.getByText('This preview is only for council staff who are signed in').waitFor({ timeout: 20000 });
    assert.equal(await stranger.getByText('£1,234.56').count(), 0);
    await stranger.close();

    await staff.getByRole('button', { name: 'Publish these changes' }).click();
    await expectHeading(staff, 'History of the offer');
    await staff.getByRole('link', { name: 'Version 2' }).waitFor();
    await checkPage(staff, 'the history');
    await staff.getByRole('link', { name: 'Version 1' }).click();
    await expectHeading(staff, 'Version 1 of the offer');
    await checkPage(staff, 'an old version');
    await staff.goto(`${server.url}/staff/offer/group/new`);
    await expectHeading(staff, 'Add a group');
    await checkPage(staff, 'a new group');
    await staff.goto(`${server.url}/staff/offer/category/${money.category}/remove`);
    await staff.getByRole('button', { name: 'Remove it from the draft' }).click();
    await staff.getByText('cannot be removed while other things point at it').first().waitFor();
    assert.match(await staff.locator('#pointers').innerText(), new RegExp(money.title.replace(/[()]/g, '.')));
    await checkPage(staff, 'a refused removal');

    // The phone with the old offer cached gets the new amount on its next visit.
    const after = await phone.newPage();
    await after.goto(`${server.url}/offer/${money.id}`);
    await expectHeading(after, money.title);
    await after.getByText('£1,234.56').first().waitFor({ timeout: 20000 });
    await phone.close();
    await laptop.close();
  });

  test('an editor translates the steps, a team\'s, a hub\'s and a category\'s words, and a phone in Arabic shows them', async () => {
    const { server, browser } = env;
    const offer = await (await fetch(`${server.url}/api/offer`)).json();
    const item = offer.entitlements.find((e) => !e.national && e.steps.length >= 2);
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const staff = await laptop.newPage();
    await signInEditor(staff, server.url);
    await staff.goto(`${server.url}/staff/offer/entitlement/${item.id}/translations`);
    await expectHeading(staff, `Translations: ${item.title}`);
    await checkPage(staff, 'the translations page');
    const arabic = item.steps.map((_, i) => `الخطوة رقم ${i + 1}`);
    const form = staff.locator('section', { has: staff.getByRole('heading', { name: /^Arabic/ }) });
    await form.getByLabel('Title in Arabic').fill('عنوان للتجربة');
    await form.getByLabel('Summary in Arabic').fill('ملخص للتجربة.');
    // One step short first: refused at the field, with what was typed kept.
    await form.getByLabel('Steps in Arabic').fill(arabic.slice(1).join('\n'));
    await form.getByRole('button', { name: 'Save the Arabic' }).click();
    await staff.getByText('translate every step, one a line').first().waitFor();
    await checkPage(staff, 'a refused translation');
    const again = staff.locator('section', { has: staff.getByRole('heading', { name: /^Arabic/ }) });
    await again.getByLabel('Steps in Arabic').fill(arabic.join('\n'));
    await again.getByRole('button', { name: 'Save the Arabic' }).click();
    await staff.getByText('The Arabic is saved in the draft').waitFor();
    // A team's "when to use it" and hours, on the contact's own translations page.
    const team = offer.contacts.find((c) => c.phone);
    await staff.goto(`${server.url}/staff/offer/contact/${team.id}`);
    await staff.getByRole('link', { name: 'When to use it and hours in other languages' }).click();
    await expectHeading(staff, `Translations: ${team.name}`);
    await checkPage(staff, 'a contact\'s translations page');
    const teamForm = staff.locator('section', { has: staff.getByRole('heading', { name: /^Arabic/ }) });
    await teamForm.getByLabel('When to use it in Arabic').fill('اتصل بهذا الفريق للتجربة.');
    await teamForm.getByLabel('When it answers in Arabic').fill('كل يوم للتجربة.');
    await teamForm.getByRole('button', { name: 'Save the Arabic' }).click();
    await staff.getByText('The Arabic is saved in the draft').waitFor();
    // A hub's way in, and a category's title and summary, each on its own page.
    const hub = offer.hubs.find((h) => h.access);
    await staff.goto(`${server.url}/staff/offer/hub/${hub.id}`);
    await staff.getByRole('link', { name: 'Services, getting in and sessions in other languages' }).click();
    await expectHeading(staff, `Translations: ${hub.name}`);
    await checkPage(staff, 'a hub\'s translations page');
    const hubForm = staff.locator('section', { has: staff.getByRole('heading', { name: /^Arabic/ }) });
    await hubForm.getByLabel('Getting there and getting in in Arabic').fill('اسأل مستشارك قبل أن تأتي للتجربة.');
    await hubForm.getByRole('button', { name: 'Save the Arabic' }).click();
    await staff.getByText('The Arabic is saved in the draft').waitFor();
    const category = offer.categories[1];
    await staff.goto(`${server.url}/staff/offer/category/${category.id}`);
    await staff.getByRole('link', { name: 'Title and summary in other languages' }).click();
    await expectHeading(staff, `Translations: ${category.title}`);
    const categoryForm = staff.locator('section', { has: staff.getByRole('heading', { name: /^Arabic/ }) });
    await categoryForm.getByLabel('Title in Arabic').fill('فئة للتجربة');
    await categoryForm.getByLabel('Summary in Arabic').fill('ملخص الفئة للتجربة.');
    await categoryForm.getByRole('button', { name: 'Save the Arabic' }).click();
    await staff.getByText('The Arabic is saved in the draft').waitFor();
    await staff.goto(`${server.url}/staff/offer/changes`);
    await staff.getByRole('button', { name: 'Publish these changes' }).click();
    await expectHeading(staff, 'History of the offer');
    await laptop.close();

    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    await page.goto(`${server.url}/offer/${item.id}?lang=ar`);
    await untilAppRuns(page);
    await expectHeading(page, 'عنوان للتجربة');
    const shown = await page.locator('ol.steps li').allTextContents();
    assert.deepEqual(shown, arabic);
    await expectAxeClean(page, 'an item with translated steps');
    await page.goto(`${server.url}/contacts`);
    const card = page.locator(`#contact-${team.id}`);
    await card.getByText('اتصل بهذا الفريق للتجربة.').waitFor();
    await card.getByText('كل يوم للتجربة.').waitFor();
    await page.goto(`${server.url}/hubs/${hub.id}`);
    await page.getByText('اسأل مستشارك قبل أن تأتي للتجربة.').waitFor();
    await expectAxeClean(page, 'a hub in Arabic');
    await page.goto(`${server.url}/`);
    await page.locator('.category-title', { hasText: 'فئة للتجربة' }).waitFor();
    await page.goto(`${server.url}/offer/category/${category.id}`);
    await expectHeading(page, 'فئة للتجربة');
    await page.getByText('ملخص الفئة للتجربة.').waitFor();
    await phone.close();
  });
});
