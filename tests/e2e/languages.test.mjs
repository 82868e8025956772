// The app in the young person's language: a link a PA can text (?lang=), right to left,
// offline, a message that tells staff which language it was written in, and an item whose
// English changed since it was translated.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { bottomBar, brokenWords, doubleTextSize, expectAxeClean, expectHeading, language, phoneContext, say, serverAndBrowser, signInStaff, staffCommand, swipe, untilAppRuns, untilOfflineReady } from './harness.mjs';

const PASSWORD = 'a long enough password for tests';

/** True when the page scrolls sideways at its current width. */
const scrollsSideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

/** A young person's every page, for the checks of fit. */
const everyPage = (offer) => ['/', '/offer', `/offer/category/${offer.categories[0].id}`, `/offer/${offer.entitlements[0].id}`,
  '/what-can-i-get', '/search?q=money', '/my-list', '/hubs', `/hubs/${offer.hubs[0].id}`, '/contacts', '/groups',
  '/have-your-say', '/have-your-say/feedback', '/help-now', '/meeting', '/language'];

describe('languages', () => {
  const env = serverAndBrowser();
  const ar = language('ar');
  const ps = language('ps');
  const ti = language('ti');

  test('?lang=ar opens the app in Arabic, right to left, kept offline', async () => {
    const { server, browser } = env;
    const context = await phoneContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=ar`);
    await untilAppRuns(page);
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    const nav = page.getByRole('navigation', { name: say(ar, 'app.nav_label') });
    await nav.getByRole('link', { name: say(ar, 'app.nav_offer') }).waitFor();
    await page.getByText(say(ar, 'app.draft_note')).waitFor();
    await expectHeading(page, say(ar, 'home.title'));
    assert.equal(await scrollsSideways(page), false, 'no sideways scroll at 320 px');
    await expectAxeClean(page, 'home page in Arabic');

    // Remembered, and with no signal still Arabic.
    await untilOfflineReady(page);
    await context.setOffline(true);
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await expectHeading(page, say(ar, 'home.title'));

    // Tigrinya has never been opened on this phone: a clear message, still Arabic.
    await page.getByRole('link', { name: new RegExp(say(ar, 'app.language')) }).click();
    await expectHeading(page, say(ar, 'language.title'));
    await page.getByRole('button', { name: new RegExp(ti.name) }).click();
    await page.getByText(say(ar, 'language.needs_signal')).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');

    // Opened once online, it works offline afterwards.
    await context.setOffline(false);
    await page.getByRole('button', { name: new RegExp(ti.name) }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ti');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    await page.getByRole('button', { name: new RegExp(ar.name) }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await context.setOffline(true);
    await page.getByRole('button', { name: new RegExp(ti.name) }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ti');
    await expectHeading(page, say(ti, 'language.title'));
    await context.close();
  });

  test('a phone set to Pashto is offered Pashto on its first visit, and nothing changes until it says yes', async () => {
    const { server, browser } = env;
    const context = await phoneContext(browser, { locale: 'ps-AF' });
    const page = await context.newPage();
    await page.goto(server.url);
    await expectHeading(page, 'Your local offer');
    const offer = page.getByRole('button', { name: ps.name });
    await offer.waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-GB');
    await offer.click();
    await page.waitForFunction(() => document.documentElement.lang === 'ps');
    await expectHeading(page, say(ps, 'home.title'));
    // Asked once: a reload neither asks again nor forgets.
    await page.reload();
    await expectHeading(page, say(ps, 'home.title'));
    assert.equal(await page.getByRole('button', { name: ps.name }).count(), 0);
    await context.close();
  });

  test('the page painted before the app is already in the chosen language, right to left', async () => {
    const { server, browser } = env;
    // No service worker, so the route below sees (and stops) the WASM.
    const context = await phoneContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=ar`);
    await untilAppRuns(page);
    await expectHeading(page, say(ar, 'home.title'));
    // Now the app never arrives: what shows is index.html's shell alone.
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.reload();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal((await page.locator('#shell h1:visible').textContent()).trim(), say(ar, 'home.title'));
    await page.locator('#shell nav').getByText(say(ar, 'app.nav_offer'), { exact: true }).waitFor();
    await context.close();
  });

  test("a PA's link in Arabic is drawn in Arabic by the server, and the app takes it over with no English in between", async () => {
    const { server, browser } = env;
    const offer = await (await fetch(`${server.url}/api/offer`)).json();
    const arabic = (await (await fetch(`${server.url}/api/translations/ar`)).json()).entitlements;
    const item = offer.entitlements.find((e) => arabic[e.id]);
    assert.ok(item, 'the shipped content has Arabic for some items');
    const context = await phoneContext(browser);
    // Every change to the page, from the first element parsed: the page's language and
    // direction, and the headings on screen.
    await context.addInitScript(() => {
      window.seen = [];
      new MutationObserver(() => {
        const root = document.documentElement;
        const headings = [...document.querySelectorAll('h1')]
          .filter((h) => h.checkVisibility())
          .map((h) => h.textContent.trim())
          .filter((text) => text);
        if (headings.length > 0) window.seen.push({ lang: root.lang, dir: root.dir, headings });
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const page = await context.newPage();
    const answer = await page.goto(`${server.url}/offer/${item.id}?lang=ar`);
    const sent = await answer.text();
    assert.match(sent, /<html lang="ar" dir="rtl">/);
    assert.ok(sent.includes(`<p class="draft-note" role="note">${say(ar, 'app.draft_note')}</p>`), 'the draft note, from the server');
    // The app has taken the page over, in Arabic, the item's words and all.
    await untilAppRuns(page);
    await page.getByText(say(ar, 'app.draft_note')).waitFor();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: arabic[item.id].title }).waitFor();
    await page.getByText(arabic[item.id].summary).first().waitFor();
    const heading = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
    const seen = await page.evaluate(() => window.seen);
    assert.ok(seen.length > 1, 'changes were seen');
    for (const moment of seen) {
      assert.deepEqual(moment, { lang: 'ar', dir: 'rtl', headings: [heading] }, JSON.stringify(seen.slice(0, 5)));
    }
    await expectAxeClean(page, 'an item in Arabic');
    await context.close();
  });

  test('a phone number inside Arabic text keeps its digits in order', async () => {
    const { server, browser } = env;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/contacts?lang=ar`);
    await untilAppRuns(page);
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    const link = page.locator('a[href^="tel:"]').first();
    await link.waitFor();
    // The first digit is drawn to the left of the last, as the number is written.
    const order = await link.evaluate((a) => {
      const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
      let node;
      const digits = [];
      while ((node = walker.nextNode())) {
        for (let i = 0; i < node.data.length; i++) {
          if (/[0-9]/.test(node.data[i])) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            digits.push(range.getBoundingClientRect().left);
          }
        }
      }
      return digits;
    });
    assert.ok(order.length >= 6, `a number in the link: ${order}`);
    const sorted = [...order].sort((a, b) => a - b);
    assert.deepEqual(order, sorted, 'digits run left to right');
    await context.close();
  });

  test('words shown in English on an Arabic page are marked English and run left to right', async () => {
    // A screen reader reads words in the language they are marked with: English read with
    // an Arabic voice is noise (WCAG 3.1.2). Left to right, a sentence's full stop and
    // brackets stay where English puts them.
    const { server, browser } = env;
    const offer = await (await fetch(`${server.url}/api/offer`)).json();
    const words = await (await fetch(`${server.url}/api/translations/ar`)).json();
    const untranslated = offer.entitlements.find((e) => !(e.id in words.entitlements) && e.steps.length > 0);
    const translated = offer.entitlements.find((e) => e.id in words.entitlements);
    assert.ok(untranslated && translated, 'the shipped offer has both');
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const langOf = (locator) => locator.evaluate((el) => [el.getAttribute('lang'), getComputedStyle(el).direction]);
    const firstParagraph = (e) => page.locator('main p', { hasText: e.details.split('\n\n')[0].trim().slice(0, 40) });

    await page.goto(`${server.url}/offer/${untranslated.id}?lang=ar`);
    await untilAppRuns(page);
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await expectHeading(page, untranslated.title);
    assert.deepEqual(await langOf(page.locator('h1')), ['en-GB', 'ltr'], 'an English title');
    assert.deepEqual(await langOf(page.locator('p.lead')), ['en-GB', 'ltr'], 'an English summary');
    assert.deepEqual(await langOf(firstParagraph(untranslated)), ['en-GB', 'ltr'], 'the details, never translated');
    assert.deepEqual(await langOf(page.locator('ol.steps')), ['en-GB', 'ltr'], 'English steps');
    const heading = page.getByRole('heading', { name: say(ar, 'entitlement.what_it_is') });
    assert.deepEqual(await langOf(heading), [null, 'rtl'], "the app's own words stay Arabic");
    await expectAxeClean(page, 'an untranslated item in Arabic');

    await page.goto(`${server.url}/offer/${translated.id}`);
    await expectHeading(page, words.entitlements[translated.id].title);
    assert.deepEqual(await langOf(page.locator('h1')), [null, 'rtl'], 'a translated title is Arabic');
    assert.deepEqual(await langOf(page.locator('p.lead')), [null, 'rtl']);
    assert.deepEqual(await langOf(firstParagraph(translated)), ['en-GB', 'ltr']);

    // A contact's name stays English; when to use it is our Arabic draft.
    const contact = offer.contacts.find((c) => c.id in words.contacts);
    await page.goto(`${server.url}/contacts`);
    const card = page.locator(`#contact-${contact.id}`);
    await card.waitFor();
    assert.deepEqual(await langOf(card.locator('h3')), ['en-GB', 'ltr']);
    const when = card.locator('p').filter({ hasText: words.contacts[contact.id].when.split(' ').slice(0, 2).join(' ') });
    assert.deepEqual(await langOf(when.first()), [null, 'rtl']);

    // A hub's name stays English; what you can get there is our Arabic draft, and the page
    // it came from, its source, is English.
    const hub = offer.hubs.find((h) => h.id in words.hubs);
    await page.goto(`${server.url}/hubs/${hub.id}`);
    await expectHeading(page, hub.name);
    assert.deepEqual(await langOf(page.locator('h1')), ['en-GB', 'ltr']);
    assert.deepEqual(await langOf(page.locator('main ul', { hasText: words.hubs[hub.id].services[0] })), [null, 'rtl']);
    assert.deepEqual(await langOf(page.locator('.source a')), ['en-GB', 'ltr']);
    await expectAxeClean(page, 'a hub in Arabic');

    // The hubs still planned: an English item named inside the Arabic "More about …".
    const planned = offer.entitlements.find((e) => e.id === 'care-leavers-hubs');
    assert.ok(planned && !(planned.id in words.entitlements), 'the planned hubs are not translated yet');
    await page.goto(`${server.url}/hubs`);
    const more = page.locator('.hubs-planned a');
    await more.waitFor();
    assert.deepEqual(await langOf(more), [null, 'rtl'], 'the link is in Arabic');
    assert.deepEqual(await langOf(more.locator('span')), ['en-GB', 'ltr'], 'the title in it is English');
    assert.equal(await more.locator('span').innerText(), planned.title.toLowerCase());

    // In English nothing needs marking.
    await page.goto(`${server.url}/offer/${untranslated.id}?lang=en`);
    await untilAppRuns(page);
    await page.waitForFunction(() => document.documentElement.lang === 'en-GB');
    await expectHeading(page, untranslated.title);
    assert.deepEqual(await langOf(page.locator('h1')), [null, 'ltr']);
    assert.equal(await page.locator('main [lang]').count(), 0, 'no lang marks on an English page');
    await context.close();
  });

  test('numbers of several parts inside Arabic words keep their order', async () => {
    // After Arabic letters, "0300 123 55 00" would be drawn "00 55 123 0300", and the app's
    // own "up to £1,200 a year" would put the pound sign after the number.
    const { server, browser } = env;
    const words = await (await fetch(`${server.url}/api/translations/ar`)).json();
    const [id, number] = Object.entries(words.contacts)
      .map(([id, t]) => [id, t.hours.match(/\d{3,}(?: \d+)+/)?.[0]])
      .find(([, number]) => number);
    // Wide, so each number is on one line.
    const context = await phoneContext(browser, { viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    /** Where each character of `text` (but spaces) is drawn, from the left, inside `locator`. */
    const lefts = (locator, text) => locator.evaluate((el, text) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        const lefts = [];
        for (let i = at; i < at + text.length; i++) {
          if (node.data[i] === ' ') continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          lefts.push(range.getBoundingClientRect().left);
        }
        return lefts;
      }
      return null;
    }, text);
    const inOrder = (xs) => xs && xs.every((x, i) => i === 0 || xs[i - 1] < x);

    await page.goto(`${server.url}/contacts?lang=ar`);
    await untilAppRuns(page);
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    const hours = page.locator(`#contact-${id} .hours`);
    await hours.waitFor();
    const phone = await lefts(hours, number);
    assert.ok(inOrder(phone), `${number} in the Arabic hours of ${id} reads left to right: ${phone}`);

    await page.goto(`${server.url}/offer/bursary-16-19`);
    const amount = page.locator('p.amount');
    await amount.waitFor();
    assert.match(await amount.innerText(), /£1,200/);
    const sum = await lefts(amount, '£1,200');
    assert.ok(inOrder(sum), `£1,200 reads left to right in "${await amount.innerText()}": ${sum}`);
    await context.close();
  });

  // Kurdish Sorani is the long-word language: its words are the longest of the six (about 5.4
  // letters on average, up to 16, against about 4 in Arabic).
  /**
   * Opens every page in `code` on a 320 px phone (with its text at 200% when `doubled`) and
   * runs `check(page, where)` on each.
   */
  async function onEveryPage(code, doubled, check) {
    const { server, browser } = env;
    const offer = await (await fetch(`${server.url}/api/offer`)).json();
    const context = await phoneContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    if (doubled) await doubleTextSize(page);
    await page.goto(`${server.url}/?lang=${code}`);
    // Kept by the app once it has switched (the server's page is in the language before).
    await untilAppRuns(page);
    await page.waitForFunction((c) => document.documentElement.lang === c, code);
    for (const path of everyPage(offer)) {
      await page.goto(`${server.url}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForFunction((c) => document.documentElement.lang === c, code);
      const where = `${path} in ${code}${doubled ? ' at 200% text' : ' at 320 px'}`;
      assert.equal(await scrollsSideways(page), false, `${where} scrolls sideways`);
      assert.deepEqual(await brokenWords(page), [], `${where} breaks no word inside itself`);
      await check(page, where);
    }
    await context.close();
  }

  test('every page fits 320 px in Arabic, in Kurdish Sorani and in the 40% longer pseudo-language', async () => {
    for (const code of ['ar', 'ckb', 'en-XA']) {
      await onEveryPage(code, false, async (page, where) => {
        // Axe in the two real languages: the pseudo-language pads every message on its own,
        // so a button's padded words are no longer part of its padded label.
        if (code !== 'en-XA') await expectAxeClean(page, where);
        // The bottom bar's four places fit one row, each word whole, so it stays on screen.
        const { rows, fixed } = await bottomBar(page);
        assert.deepEqual({ rows, fixed }, { rows: 1, fixed: true }, `the bottom bar on ${where}`);
      });
    }
  });

  test('at 200% text, in each right-to-left language and Tigrinya, no page scrolls sideways or breaks a word, and the bottom bar covers at most a fifth', async () => {
    for (const code of ['ar', 'ckb', 'ps', 'fa', 'fa-AF', 'ti']) {
      await onEveryPage(code, true, async (page, where) => {
        const { covers } = await bottomBar(page);
        assert.ok(covers <= 0.2, `${where}: the bottom bar covers ${Math.round(covers * 100)}%`);
      });
    }
  });

  test('in Arabic, meeting cards turn the way the page reads: the left arrow, or a swipe to the right', async () => {
    const { server, browser } = env;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/meeting?lang=ar`);
    await untilAppRuns(page);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByLabel(say(ar, 'what_can_i_get.age')).fill('19');
    await page.getByRole('button', { name: say(ar, 'meeting_start.go') }).click();
    await page.locator('#card-title').waitFor();
    const progress = page.locator('progress');
    const atCard = (n) => page.waitForFunction((n) => document.querySelector('progress')?.value === n, n);
    assert.equal(await progress.getAttribute('value'), '1');

    await page.keyboard.press('ArrowLeft');
    await atCard(2);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-title');
    await page.keyboard.press('ArrowRight');
    await atCard(1);

    const card = page.locator('.meeting-card');
    const { width } = await card.boundingBox();
    await swipe(page, card, 40, width - 20);
    await atCard(2);
    await swipe(page, card, width - 20, 40);
    await atCard(1);
    await context.close();
  });

  test('a message written in Pashto reaches staff marked so, its words exact in the export', async () => {
    const { server, browser } = env;
    staffCommand(server, ['add', 'mo.manager@example.gov.uk', '--name', 'Mo Manager', '--role', 'manager', '--password-stdin'], `${PASSWORD}\n`);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/have-your-say/feedback?lang=ps`);
    await untilAppRuns(page);
    await page.waitForFunction(() => document.documentElement.lang === 'ps');
    const words = 'مننه! د کور مرسته ډېره ښه وه، خو زه لا هم پوښتنې لرم 07700 900123.';
    await page.getByLabel(say(ps, 'form_page.feedback')).fill(words);
    await page.getByRole('button', { name: say(ps, 'form_page.send') }).click();
    await expectHeading(page, say(ps, 'have_your_say.title'));

    const staff = await browser.newContext();
    const desk = await staff.newPage();
    await signInStaff(desk, server.url, 'mo.manager@example.gov.uk', PASSWORD);
    await desk.getByText('Written in Pashto').first().waitFor();
    const csv = await desk.request.get(`${server.url}/staff/export.csv`);
    const bytes = Buffer.from(await csv.body());
    assert.ok(bytes.includes(Buffer.from(words, 'utf8')), 'the words, byte for byte');
    assert.ok(bytes.includes(Buffer.from('Pashto', 'utf8')));
    await staff.close();
    await context.close();
  });

  test('an item whose English changed shows the English with a note', async () => {
    const { server, browser } = env;
    const offer = await (await fetch(`${server.url}/api/offer`)).json();
    assert.ok(offer.entitlements.every((e) => !e.translations), 'the offer every phone gets carries no translations');
    const arabic = (await (await fetch(`${server.url}/api/translations/ar`)).json()).entitlements;
    const found = offer.entitlements.find((e) => arabic[e.id]);
    assert.ok(found, 'the shipped content has Arabic for some items');
    const item = { ...found, translations: { ar: arabic[found.id] } };
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/offer/${item.id}?lang=ar`);
    await untilAppRuns(page);
    await expectHeading(page, item.translations.ar.title);
    await page.getByText(item.translations.ar.summary).waitFor();
    // Search finds it by its Arabic title.
    await page.goto(`${server.url}/search?q=${encodeURIComponent(item.translations.ar.title)}`);
    await page.getByRole('link', { name: item.translations.ar.title }).first().waitFor();

    const path = join(server.contentDir, 'entitlements.toml');
    const before = readFileSync(path, 'utf8');
    const changed = `${item.summary} Ask your PA.`;
    assert.ok(before.includes(`summary = "${item.summary}"`));
    writeFileSync(path, before.replace(`summary = "${item.summary}"`, `summary = "${changed}"`));
    server.reloadContent();
    await new Promise((r) => setTimeout(r, 3000));
    await page.goto(`${server.url}/offer/${item.id}`);
    await page.getByText(changed).waitFor();
    await expectHeading(page, item.title);
    await page.getByText(say(ar, 'app.translation_out_of_date')).waitFor();
    writeFileSync(path, before);
    server.reloadContent();
    await context.close();
  });

  test("a PA finds the link that opens the app in Arabic, and it does on a young person's phone", async () => {
    const { server, browser } = env;
    staffCommand(server, ['add', 'pat.adviser@example.gov.uk', '--name', 'Pat Adviser', '--role', 'pa', '--password-stdin'], `${PASSWORD}\n`);
    const staff = await browser.newContext();
    const desk = await staff.newPage();
    await signInStaff(desk, server.url, 'pat.adviser@example.gov.uk', PASSWORD);
    await desk.getByRole('link', { name: 'Links in other languages' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Links in other languages' }).waitFor();
    const arabic = desk.locator('.language-links li', { hasText: 'Arabic' });
    const link = (await arabic.locator('code').innerText()).trim();
    assert.equal(link, `${server.url}/?lang=ar`);
    await expectAxeClean(desk, 'the links in other languages');
    await staff.close();

    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await expectHeading(page, say(ar, 'home.title'));
    await context.close();
  });

  // Last: it marks Arabic as checked for the rest of this server's life.
  test('a checked language still says so on an item whose words are our draft', async () => {
    const { server, browser } = env;
    staffCommand(server, ['add', 'ed.checker@example.gov.uk', '--name', 'Ed Checker', '--role', 'manager', '--password-stdin'], `${PASSWORD}\n`);
    const staff = await browser.newContext();
    const desk = await staff.newPage();
    await signInStaff(desk, server.url, 'ed.checker@example.gov.uk', PASSWORD);
    await desk.goto(`${server.url}/staff/languages`);
    await desk.getByRole('button', { name: 'I have checked the Arabic' }).click();
    await desk.getByText('Arabic is marked as checked').waitFor();
    await staff.close();

    const arabic = (await (await fetch(`${server.url}/api/translations/ar`)).json()).entitlements;
    const [id, words] = Object.entries(arabic).find(([, t]) => t.draft);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/offer/${id}?lang=ar`);
    await untilAppRuns(page);
    await expectHeading(page, words.title);
    await page.locator('.translation-note', { hasText: say(ar, 'app.draft_note') }).waitFor();
    assert.equal(await page.locator('.draft-note').count(), 0, 'Arabic itself is checked: no note on every page');
    await expectAxeClean(page, 'an item with draft words in a checked language');
    await context.close();
  });
});
