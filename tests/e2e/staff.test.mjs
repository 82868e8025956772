// The staff side end to end: a young person asks to be contacted from the app; a manager
// made on the command line signs in, finds it and assigns it to a PA; the PA signs in, sees
// it and marks it done with "phoned"; the manager exports the list. Real server, real
// SQLite, real Chromium; axe on the staff pages at 1280 px, 360 px and 320 px, and every kind
// of staff page at 320 px and at 200% text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { brokenWords, doubleTextSize, expectAxeClean, expectHeading, phoneContext, serverAndBrowser, signInStaff, staffCommand } from './harness.mjs';

const PASSWORD = 'a long and private passphrase';

async function signIn(page, url, email) {
  await signInStaff(page, url, email, PASSWORD);
}

/** True when nothing on the page is wider than the window. */
async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe('the staff inbox', () => {
  const env = serverAndBrowser();

  test('a contact request goes from the phone to a PA, is done, and is in the export', async () => {
    const { server, browser } = env;
    assert.match(
      staffCommand(server, ['add', 'mo.manager@example.gov.uk', '--name', 'Mo Manager', '--role', 'manager', '--password-stdin'], `${PASSWORD}\n`),
      /The password is set/,
    );
    staffCommand(server, ['add', 'pat.adviser@example.gov.uk', '--name', 'Pat Adviser', '--role', 'pa', '--password-stdin'], `${PASSWORD}\n`);
    assert.match(staffCommand(server, ['list']), /pat\.adviser@example\.gov\.uk\tPat Adviser\tpa\tpassword set/);

    // A young person asks to be contacted, from the app on their phone.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await app.goto(`${server.url}/have-your-say/contact-me`);
    await expectHeading(app, 'Please contact me');
    await app.getByLabel('Your name').fill('Robin Care');
    await app.getByLabel('Phone number').fill('07700 900777');
    await app.getByLabel('What is it about?').fill('Help with my first flat');
    await app.getByRole('button', { name: 'Send' }).click();
    await expectHeading(app, 'Have your say');
    await app.getByText(/^Sent on /).first().waitFor({ timeout: 30000 });
    await phone.close();

    // The manager signs in on a council laptop, finds it and assigns it to the PA.
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const manager = await laptop.newPage();
    await manager.goto(`${server.url}/staff`);
    await expectHeading(manager, 'Sign in to the staff pages');
    await expectAxeClean(manager, 'sign-in page');
    await signIn(manager, server.url, 'mo.manager@example.gov.uk');
    await expectAxeClean(manager, 'inbox');
    assert.ok(await fitsWidth(manager), 'the inbox fits 1280 px');
    await manager.getByLabel('Words in the message').fill('first flat');
    await manager.getByRole('button', { name: 'Show messages' }).click();
    const row = manager.locator('tbody tr', { hasText: 'Robin Care' });
    await row.waitFor();
    await row.getByRole('link', { name: /^Message \d+$/ }).click();
    await expectHeading(manager, 'Please contact me');
    await manager.getByText('07700 900777').waitFor();
    await expectAxeClean(manager, 'message page');
    await manager.getByLabel('Assign to').selectOption({ label: 'Pat Adviser (Personal adviser)' });
    await manager.getByRole('button', { name: 'Save', exact: true }).click();
    await manager.getByText('Saved who is dealing with it.').waitFor();
    const messageUrl = manager.url().split('?')[0];

    // The PA signs in on a phone-sized screen, sees it, and marks it done: phoned.
    const pasPhone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const pa = await pasPhone.newPage();
    await signIn(pa, server.url, 'pat.adviser@example.gov.uk');
    assert.ok(await fitsWidth(pa), 'the inbox fits 360 px');
    await expectAxeClean(pa, 'inbox at 360 px');
    await pa.getByRole('link', { name: /^Message \d+$/ }).first().click();
    await expectHeading(pa, 'Please contact me');
    assert.equal(pa.url(), messageUrl);
    assert.ok(await fitsWidth(pa), 'the message page fits 360 px');
    await pa.getByLabel('Done').check();
    await pa.getByLabel('Phoned').check();
    await pa.getByRole('button', { name: 'Save status' }).click();
    await pa.getByText('The status is saved.').waitFor();
    await pa.getByText('Status: Done (Phoned)').waitFor();
    await expectAxeClean(pa, 'message page at 360 px');
    await pasPhone.close();

    // The manager exports the list, and the CSV holds the row.
    await manager.goto(`${server.url}/staff?status=done`);
    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('link', { name: /spreadsheet \(CSV\)/ }).click(),
    ]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path, 'utf8');
    assert.ok(csv.startsWith('\uFEFFNumber,Received,Written,Kind,Status'), csv.slice(0, 80));
    assert.match(csv, /Please contact me,Done,,Pat Adviser,,Phoned,/);
    assert.match(csv, /Robin Care/);

    // What in the offer is due for a check, for the officers who keep it true.
    await manager.goto(`${server.url}/staff/offer?show=due`);
    await expectHeading(manager, 'The offer');
    await expectAxeClean(manager, 'the offer check list');

    // The audit log saw it all; signing out ends the session.
    await manager.goto(`${server.url}/staff/audit`);
    await expectHeading(manager, 'Audit log');
    for (const action of ['sign-in', 'message opened', 'assigned', 'status changed', 'export']) {
      await manager.locator('td', { hasText: action }).first().waitFor();
    }
    await manager.getByRole('button', { name: 'Sign out' }).click();
    await manager.getByText('You have signed out.').waitFor();
    await manager.goto(messageUrl);
    await expectHeading(manager, 'Sign in to the staff pages');
    await laptop.close();
  });

  test('every staff page a manager can reach fits 320 px and 200% text, words whole, and is axe-clean', async () => {
    // Staff read the inbox on their phones between visits too. Runs after the first test,
    // so the inbox has a message and its page is reached as well.
    const { server, browser } = env;
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'mo.manager@example.gov.uk');
    // Every kind of page linked from a staff page, one level at a time (only pages: no
    // exports, nothing that signs out): one item of each kind, not the whole offer.
    const kind = (path) => path
      .replace(/\?.*/, '')
      .replace(/\/(entitlement|category|contact|hub|group|messages|accounts|history|council)\/(?!new\b)[^/]+/, '/$1/*');
    const seen = new Set([kind('/staff')]);
    const pages = [];
    for (let next = ['/staff']; next.length > 0 && pages.length < 80;) {
      const path = next.shift();
      await page.goto(`${server.url}${path}`);
      pages.push(path);
      const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')]
        .map((a) => new URL(a.href, location.href))
        .filter((u) => u.origin === location.origin && u.pathname.startsWith('/staff') && !u.pathname.endsWith('.csv'))
        .map((u) => u.pathname + u.search));
      for (const link of links) {
        if (!seen.has(kind(link))) {
          seen.add(kind(link));
          next.push(link);
        }
      }
    }
    for (const expected of ['/staff/offer', '/staff/accounts', '/staff/audit', '/staff/languages', '/staff/review']) {
      assert.ok(pages.some((p) => p.startsWith(expected)), `${expected} is reached from the inbox: ${pages}`);
    }
    assert.ok(pages.some((p) => p.startsWith('/staff/messages/')), `a message page is reached: ${pages}`);
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      assert.ok(await fitsWidth(page), `${path} fits 320 px`);
      assert.deepEqual(await brokenWords(page), [], `${path} at 320 px breaks no word inside itself`);
      await expectAxeClean(page, `${path} at 320 px`);
    }
    await doubleTextSize(page);
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      assert.ok(await fitsWidth(page), `${path} at 200% text fits 320 px`);
      assert.deepEqual(await brokenWords(page), [], `${path} at 200% text breaks no word inside itself`);
    }
    await context.close();
  });

  test('the service worker never answers for /staff, even offline', async () => {
    const { server, browser } = env;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await expectHeading(page, 'Your local offer');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const response = await page.goto(`${server.url}/staff/sign-in`);
    assert.equal(response.headers()['cache-control'], 'no-store');
    assert.equal(response.fromServiceWorker(), false);
    await context.setOffline(true);
    // Offline, /staff is not the young person's app: the browser's own error page.
    await assert.rejects(page.goto(`${server.url}/staff`));
    await context.close();
  });
});
