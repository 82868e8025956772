// Works with no signal: after one visit the app, the offer and deep links open offline,
// new content arrives on the next connection, and a new build offers a Refresh.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import {
  BROWSER_ARGS,
  expectHeading,
  launchBrowser,
  phoneContext,
  startServer,
  storedMessages,
  until,
  untilOfflineReady,
  writeFeedback,
} from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('offline first', () => {
  let server;
  let browser;
  let offer;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    offer = await (await fetch(`${server.url}/api/offer`)).json();
  });

  after(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  test('after one visit, every kind of page opens with no signal', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await expectHeading(page, 'Your local offer');
    await untilOfflineReady(page);

    await context.setOffline(true);
    await page.reload();
    await expectHeading(page, 'Your local offer');
    await page.getByText("You're offline").waitFor();

    const category = offer.categories[0];
    await page.goto(`${server.url}/offer/category/${category.id}`);
    await expectHeading(page, category.title);
    const entitlement = offer.entitlements[0];
    await page.goto(`${server.url}/offer/${entitlement.id}`);
    await expectHeading(page, entitlement.title);
    await page.goto(`${server.url}/hubs`);
    await expectHeading(page, 'Hubs');
    await page.getByText(offer.hubs[0].name).first().waitFor();
    await page.goto(`${server.url}/hubs/${offer.hubs[0].id}`);
    await expectHeading(page, offer.hubs[0].name);
    await page.getByText("You're offline").waitFor();
    await context.close();
  });

  test('a deep link never opened before still opens offline after one earlier visit', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await untilOfflineReady(page);
    await context.setOffline(true);
    // A full page load of an address this phone has never opened: only the service worker can answer.
    const last = offer.entitlements[offer.entitlements.length - 1];
    await page.goto(`${server.url}/offer/${last.id}`);
    await expectHeading(page, last.title);
    await context.close();
  });

  test('new content reaches the phone on its next online visit, and stays offline', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await untilOfflineReady(page);

    const path = join(server.contentDir, 'entitlements.toml');
    const source = offer.entitlements[0].source;
    writeFileSync(
      path,
      `${readFileSync(path, 'utf8')}
[[entitlements]]
id = "test-new-thing"
title = "A brand new thing for testing"
summary = "You can get a brand new thing."
details = "This was added while the app was open."
category = "${offer.entitlements[0].category}"
updated = "2030-01-01"
source = { title = "${source.title}", url = "${source.url}" }
last_checked = "2026-11-22"
`,
    );
    server.reloadContent();
    // Wait until the server itself serves the new item (asked from here, not through the page).
    for (let i = 0; i < 100; i++) {
      if ((await (await fetch(`${server.url}/api/offer`)).text()).includes('test-new-thing')) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    // The next visit shows the cached offer at once, then updates in place.
    await page.reload();
    await page.getByText('A brand new thing for testing').first().waitFor({ timeout: 20000 });
    await page.locator('#offer-updated').waitFor();

    await context.setOffline(true);
    await page.goto(`${server.url}/offer/test-new-thing`);
    await expectHeading(page, 'A brand new thing for testing');
    await context.close();
  });
});

describe('a new version of the app', () => {
  let server;
  let browser;
  let dist;

  before(async () => {
    // Serve a copy of the build we can redeploy under the running server.
    dist = join(mkdtempSync(join(tmpdir(), 'local-offer-dist-')), 'dist');
    cpSync(process.env.LOCAL_OFFER_DIST ?? join(root, 'dist'), dist, { recursive: true });
    server = await startServer({ dist });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.cleanup();
    // The copy of the build is ours to remove: runs on one machine must not fill its disk.
    if (dist) rmSync(dirname(dist), { recursive: true, force: true });
  });

  test('shows a Refresh prompt, and after Refresh the new version runs', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await untilOfflineReady(page);
    assert.equal(await page.locator('meta[name="build-mark"]').count(), 0);

    // Deploy: a changed index.html, and the service worker regenerated for it as Trunk's hook does.
    const indexPath = join(dist, 'index.html');
    writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace('<head>', '<head><meta name="build-mark" content="2">'));
    copyFileSync(join(root, 'public', 'sw.js'), join(dist, 'sw.js'));
    execFileSync('node', [join(root, 'scripts', 'precache.mjs')], { env: { ...process.env, TRUNK_STAGING_DIR: dist } });

    // Typing must never be lost to an automatic reload: type first, then look for the prompt.
    // Opening the app again makes the browser look for a new service worker.
    await page.reload();
    const prompt = page.locator('#update-prompt');
    await prompt.waitFor({ timeout: 20000 });
    await prompt.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('meta[name="build-mark"]').waitFor({ state: 'attached', timeout: 20000 });
    await expectHeading(page, 'Your local offer');
    await context.close();
  });
});

describe('installable', () => {
  let server;
  let browser;
  let profile;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.cleanup();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('Chromium finds nothing stopping the app being installed', async () => {
    // Installing needs a real profile: Playwright's ordinary contexts count as incognito.
    profile = mkdtempSync(join(tmpdir(), 'local-offer-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: BROWSER_ARGS,
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await untilOfflineReady(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
    await context.close();
  });
});

/**
 * Writes feedback on a phone that keeps nothing: the app says messages are sent only while it
 * stays open, shows this one as sent, the server has it once, and it is still listed after
 * going to another page and back.
 */
async function sendsWhatIsWritten(server, page, text) {
  await page.locator('#storage-notice', { hasText: 'keep the app open until each one says it was sent' }).waitFor();
  await writeFeedback(page, text);
  // Not "saved on this phone", which would not be true.
  await page.getByRole('status').filter({ hasText: 'This phone is not keeping it, so keep the app open' }).waitFor();
  const sent = page.locator('.message', { hasText: 'Give feedback' }).getByText('Sent on');
  await sent.waitFor();
  const stored = () => storedMessages(server.dbPath).filter((r) => r.body.text === text);
  await until(() => stored().length === 1, 'the message to be stored');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'The offer' }).click();
  await expectHeading(page, 'The offer');
  await nav.getByRole('link', { name: 'Have your say' }).click();
  await sent.waitFor();
  assert.equal(stored().length, 1);
}

describe('a phone that will not keep anything', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  test('with storage blocked the offer still works online and the app says what will not be kept', async () => {
    const context = await phoneContext(browser);
    // As in some private modes: every write to local storage throws.
    await context.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('#storage-notice').waitFor();
    await page.getByRole('heading', { name: 'Browse the offer' }).waitFor();
    // A message is not lost for not being kept: it is shown and sent while the app is open.
    await sendsWhatIsWritten(server, page, 'Written in private mode');
    await context.close();
  });

  test('with every site\'s data blocked in the browser\'s settings the app still opens and sends', async () => {
    // Chromium's own setting ("Block all cookies" blocks site data too), not a stand-in:
    // reading localStorage throws, which once stopped the app before its first page.
    const profile = mkdtempSync(join(tmpdir(), 'local-offer-blocked-'));
    mkdirSync(join(profile, 'Default'));
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
    );
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: BROWSER_ARGS,
      viewport: { width: 360, height: 740 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const crashes = [];
      page.on('pageerror', (e) => crashes.push(String(e)));
      await page.goto(server.url);
      const storage = await page.evaluate(() => {
        try {
          return typeof window.localStorage;
        } catch (e) {
          return e.name;
        }
      });
      assert.equal(storage, 'SecurityError', 'the setting blocks storage');
      await page.getByRole('heading', { name: 'Browse the offer' }).waitFor();
      await page.locator('#storage-notice').waitFor();
      await sendsWhatIsWritten(server, page, 'Written with site data blocked');
      assert.deepEqual(crashes, []);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('on an iPhone the app explains how to add it to the home screen', async () => {
    const context = await phoneContext(browser, {
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Keep the offer on your iPhone' }).waitFor();
    await page.getByRole('button', { name: 'Got it' }).click();
    assert.equal(await page.getByRole('heading', { name: 'Keep the offer on your iPhone' }).count(), 0);
    await context.close();
  });
});
