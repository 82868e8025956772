// Meeting mode: a PA goes through the offer with a 19-year-old apprentice, and the young
// person leaves with the summary on their own phone, from a QR code, with no server involved.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { axeViolations, expectHeading, phoneContext, serverAndBrowser, swipe, untilOfflineReady } from './harness.mjs';

const NEXT_STEP = 'PA sends the form by Friday';
const PROFILE_KEY = 'local-offer.v1.profile';
const MEETING_KEY = 'local-offer.v1.meeting';

/** Everything in local and session storage, as { local: {key: value}, session: {...} }. */
async function storage(page) {
  return page.evaluate(() => {
    const all = (store) => Object.fromEntries(Object.keys(store).map((k) => [k, store.getItem(k)]));
    return { local: all(localStorage), session: all(sessionStorage) };
  });
}

/** Waits until the cards say "n of total". */
async function atCard(page, n, total) {
  await page.getByRole('status').filter({ hasText: new RegExp(`^${n} of ${total}$`) }).waitFor();
}

/** Decodes the QR code drawn in `locator` from a screenshot of it. */
async function decodeQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'the QR code can be read from its picture');
  return code.data;
}

describe('meeting mode, with a PA and a young person at a table', () => {
  const env = serverAndBrowser();
  let offer;

  before(async () => {
    offer = await (await fetch(`${env.server.url}/api/offer`)).json();
  });

  test('a 19-year-old apprentice goes through the offer and takes the summary away by QR code', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    const title = (id) => offer.entitlements.find((e) => e.id === id).title;

    // The PA's own "What can I get?" answers are on this device; the meeting must not touch them.
    await page.goto(`${env.server.url}/what-can-i-get`);
    await expectHeading(page, 'What can I get?');
    await page.getByLabel('How old are you?').fill('24');
    await page.getByLabel("I'm at university").check();
    await page.waitForFunction((key) => (localStorage.getItem(key) ?? '').includes('university'), PROFILE_KEY);
    const paProfile = (await storage(page)).local[PROFILE_KEY];

    // One tap from the home page.
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Meeting mode: go through the offer together' }).click();
    await expectHeading(page, 'Meeting mode');
    await page.getByLabel('How old are you?').fill('19');
    await page.getByLabel("I'm doing an apprenticeship").check();
    await page.getByRole('button', { name: 'Go through the offer' }).click();

    // The cards: large, one at a time, with the category named and a progress bar.
    const heading = page.locator('#card-title');
    await heading.waitFor();
    const progress = page.getByRole('progressbar', { name: 'Progress through the offer' });
    const total = Number(await progress.getAttribute('max'));
    assert.ok(total > 10, `a 19-year-old apprentice has plenty to talk about (${total} cards)`);
    await atCard(page, 1, total);
    const firstCategory = offer.categories.find((c) => offer.entitlements.some((e) => e.category === c.id));
    assert.equal(
      (await page.locator('.meeting-category').innerText()).toLowerCase(),
      firstCategory.title.toLowerCase(),
      'the first card is in the first category',
    );
    // The header and the bottom navigation make way for the card.
    assert.equal(await page.locator('.bottom-nav').isVisible(), false);

    // Axe finds nothing on a card.
    assert.deepEqual(await axeViolations(page), []);

    // Step through every card with the arrow keys; focus follows the card's title.
    const titles = [await heading.innerText()];
    for (let n = 2; n <= total; n += 1) {
      await page.keyboard.press('ArrowRight');
      await atCard(page, n, total);
      titles.push(await heading.innerText());
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-title');
    }
    assert.equal(new Set(titles).size, total, 'each card is a different item');
    assert.equal(await progress.getAttribute('value'), String(total));
    assert.ok(titles.includes(title('apprenticeship-bursary')), 'the apprenticeship bursary is there for an apprentice');
    assert.ok(!titles.includes(title('higher-education-bursary')), 'the university bursary is not');
    // Back to the start, still with the keys.
    for (let n = total - 1; n >= 1; n -= 1) await page.keyboard.press('ArrowLeft');
    await atCard(page, 1, total);
    assert.equal(await heading.innerText(), titles[0]);

    // Three items, marked three different ways; the first with a next step.
    const decide = async (mark, nextStep) => {
      await page.getByRole('button', { name: mark, exact: true }).click();
      assert.equal(await page.getByRole('button', { name: mark, exact: true }).getAttribute('aria-pressed'), 'true');
      if (nextStep) {
        await page.getByLabel('Next step (you can leave this empty)').fill(nextStep);
        await page.keyboard.press('Tab');
      }
      await page.locator('h1').click(); // off the buttons and fields, so the arrow keys move cards
      await page.keyboard.press('ArrowRight');
    };
    await decide('Wants to apply', NEXT_STEP);
    await atCard(page, 2, total);
    await decide('Talked about');
    await atCard(page, 3, total);
    await decide('Not for me now');
    await atCard(page, 4, total);
    const [wanted, talked, notNow] = titles;

    // The summary, grouped.
    await page.getByRole('link', { name: 'See what we talked about' }).click();
    await expectHeading(page, 'What we talked about');
    const wants = page.locator('#summary-wants-to-apply');
    await wants.getByText(wanted).waitFor();
    await wants.getByText(`Next step: ${NEXT_STEP}`).waitFor();
    await wants.getByText('Who to ask:').waitFor();
    assert.equal((await page.locator('#summary-wants-to-apply > li').count()), 1);
    assert.deepEqual(await page.locator('#summary-talked-about li').allInnerTexts(), [talked]);
    assert.deepEqual(await page.locator('#summary-not-for-me-now li').allInnerTexts(), [notNow]);
    await page.getByRole('heading', { name: 'Wants to apply (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Talked about (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Not for me now (1)' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const summaryText = await page.locator('#meeting-summary').innerText();

    // The QR code holds a link to this app with the summary after the #.
    const link = await decodeQr(page.getByRole('img', { name: 'QR code: this summary, to open in Local Offer' }));
    const url = new URL(link);
    assert.equal(url.origin, env.server.url);
    assert.equal(url.pathname, '/summary');
    assert.match(url.hash, /^#1\.\d{8}\/A/);
    assert.equal(url.search, '', 'nothing of the summary is in the part a server sees');
    // "Get the app" is a second code, to the app itself.
    assert.equal(await decodeQr(page.getByRole('img', { name: 'QR code: get the Local Offer app' })), `${env.server.url}/`);

    // On the young person's own phone (a fresh browser), the link shows the same summary.
    const theirs = await phoneContext(env.browser);
    const phone = await theirs.newPage();
    await phone.goto(link);
    await expectHeading(phone, 'What we talked about');
    await phone.locator('#summary-wants-to-apply').getByText(wanted).waitFor();
    assert.equal(await phone.locator('#meeting-summary').innerText(), summaryText);
    await phone.getByRole('button', { name: 'Save these to My list' }).click();
    await phone.getByRole('status').filter({ hasText: 'Saved 2 things to My list' }).waitFor();
    await phone.getByRole('link', { name: 'My list' }).last().click();
    await expectHeading(phone, 'My list');
    const saved = await phone.locator('#my-list h3').allInnerTexts();
    assert.deepEqual(saved.sort(), [wanted, talked].sort());
    await theirs.close();

    // A meeting held in Arabic: both codes open the young person's phone in Arabic, and
    // the summary there names the items in Arabic where they are translated.
    await page.goto(`${env.server.url}/meeting/summary?lang=ar`);
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    const codes = page.locator('svg.qr-code');
    const arabicLink = await decodeQr(codes.first());
    assert.equal(arabicLink, link.replace('/summary#', '/summary?lang=ar#'));
    assert.equal(await decodeQr(codes.last()), `${env.server.url}/?lang=ar`);
    const arabic = (await (await fetch(`${env.server.url}/api/translations/ar`)).json()).entitlements;
    const translated = offer.entitlements.filter((e) => [wanted, talked, notNow].includes(e.title) && arabic[e.id]);
    assert.ok(translated.length > 0, 'one of the three has an Arabic title');
    const inArabic = await phoneContext(env.browser);
    const arabicPhone = await inArabic.newPage();
    await arabicPhone.goto(arabicLink);
    await arabicPhone.waitForFunction(() => document.documentElement.lang === 'ar');
    for (const e of translated) await arabicPhone.locator('#meeting-summary').getByText(arabic[e.id].title).waitFor();
    await inArabic.close();
    // Back to English on the PA's phone (the link a PA texts can say English too).
    await page.goto(`${env.server.url}/meeting/summary?lang=en`);
    await page.waitForFunction(() => document.documentElement.lang === 'en-GB');
    await expectHeading(page, 'What we talked about');

    // Without a share sheet (desktop Chromium has none), the button copies the same link.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    await page.getByRole('button', { name: 'Copy the link' }).click();
    await page.getByText('Link copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

    // Print: no navigation, no header, no buttons; black on white.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header').isVisible(), false);
    assert.equal(await page.locator('.bottom-nav').isVisible(), false);
    assert.equal(await page.locator('button:visible, nav:visible, .button:visible').count(), 0);
    assert.equal(await page.locator('#meeting-summary').isVisible(), true);
    const ink = await page.locator('#meeting-summary h2').first().evaluate((el) => getComputedStyle(el).color);
    assert.equal(ink, 'rgb(0, 0, 0)');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    const pdfPath = join(tmpdir(), 'local-offer-meeting-summary.pdf');
    writeFileSync(pdfPath, pdf);
    console.log(`the printed summary: ${pdfPath}`);
    await page.emulateMedia({ media: 'screen' });

    // End meeting: nothing of it is left in local or session storage.
    const markedIds = offer.entitlements.filter((e) => [wanted, talked, notNow].includes(e.title)).map((e) => e.id);
    assert.equal(markedIds.length, 3);
    assert.ok((await storage(page)).local[MEETING_KEY], 'the meeting was kept while it ran');
    await page.getByRole('button', { name: 'End meeting' }).click();
    await page.getByText('Meeting ended. Nothing about it is left on this device.').waitFor();
    for (const [where, store] of Object.entries(await storage(page))) {
      for (const [key, value] of Object.entries(store)) {
        assert.ok(!key.includes('meeting'), `${where} storage has no meeting key (${key})`);
        assert.ok(!value.includes(NEXT_STEP), `${where} storage ${key} has no next step`);
        // The offer's words in Arabic, kept since the PA chose it, name every translated
        // item: the offer, not what was talked about.
        if (key === 'local-offer-item-translations') continue;
        for (const id of markedIds) assert.ok(!value.includes(id), `${where} storage ${key} does not mention ${id}`);
      }
    }
    // The PA's own answers are as they were.
    assert.equal((await storage(page)).local[PROFILE_KEY], paProfile);
    await context.close();
  });

  test('a meeting left open is wiped after a few hours, and meeting mode works offline', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(env.server.url);
    await untilOfflineReady(page);
    const fiveHoursAgo = new Date(Date.now() - 5 * 3600 * 1000).toISOString();
    await page.evaluate(
      ([key, startedAt]) => localStorage.setItem(key, JSON.stringify({
        started_at: startedAt, profile: { age: 19 }, notes: { 'bank-account': { mark: 'talked-about' } }, at: 0,
      })),
      [MEETING_KEY, fiveHoursAgo],
    );
    await context.setOffline(true);
    await page.goto(`${env.server.url}/meeting/summary`);
    await expectHeading(page, 'What we talked about');
    await page.getByText('There is no meeting open on this device.').waitFor();
    assert.equal((await storage(page)).local[MEETING_KEY], undefined);
    // A new meeting starts and shows its cards with no signal.
    await page.getByRole('link', { name: 'Start a meeting' }).click();
    await expectHeading(page, 'Meeting mode');
    await page.getByLabel('How old are you?').fill('19');
    await page.getByRole('button', { name: 'Go through the offer' }).click();
    await page.locator('#card-title').waitFor();
    const total = Number(await page.getByRole('progressbar').getAttribute('max'));
    await atCard(page, 1, total);
    // A swipe to the left shows the next card, and one to the right goes back.
    const card = page.locator('.meeting-card');
    const { width } = await card.boundingBox();
    await swipe(page, card, width - 20, 40);
    await atCard(page, 2, total);
    await swipe(page, card, 40, width - 20);
    await atCard(page, 1, total);
    // Back at the start, the PA can end an open meeting and start again with nothing kept.
    await page.getByRole('button', { name: 'Talked about', exact: true }).click();
    await page.goto(`${env.server.url}/meeting`);
    await page.getByText('A meeting is still open on this device.').waitFor();
    await page.getByRole('button', { name: 'End it and start again' }).click();
    await page.getByText('A meeting is still open on this device.').waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('How old are you?').inputValue(), '');
    await page.waitForTimeout(200); // any write the page might still make would land by now
    assert.equal((await storage(page)).local[MEETING_KEY], undefined);
    await context.close();
  });

  test('a damaged or old summary link says what is wrong, or marks what has left the offer', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/summary#1.20261122/QBANK`);
    await expectHeading(page, 'What we talked about');
    await page.getByRole('alert').getByText('Item 1 in this link is damaged.').waitFor();
    const kept = offer.entitlements[0];
    await page.goto(`${env.server.url}/summary#1.20250301/A${kept.id.toUpperCase()}/AHOUSE-OF-LORDS-GRANT~Ask+about+it`);
    await page.reload();
    const wants = page.locator('#summary-wants-to-apply');
    await wants.getByText(kept.title).waitFor();
    await wants.getByText('House of lords grant').waitFor();
    await wants.getByText('(no longer in the offer: ask your PA what can help instead)').waitFor();
    await wants.getByText('Next step: Ask about it').waitFor();
    await context.close();
  });
});
