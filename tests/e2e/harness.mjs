// Shared set-up for the end-to-end tests: the real server on a free port with a fresh
// database and its own copy of content/, and Debian's Chromium driven by Playwright.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { BROWSER_ARGS, untilOfflineReady as measureUntilOfflineReady } from '../../scripts/measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBin = process.env.LOCAL_OFFER_SERVER ?? join(root, 'target', 'release', 'local-offer-server');
const defaultDist = process.env.LOCAL_OFFER_DIST ?? join(root, 'dist');

/** The app's English words by key, as `core/i18n/en/` holds them. */
export const english = {};
for (const name of readdirSync(join(root, 'core/i18n/en'))) {
  Object.assign(english, JSON.parse(readFileSync(join(root, 'core/i18n/en', name), 'utf8')));
}

/** The language file `public/lang/CODE.json`. */
export const language = (code) => JSON.parse(readFileSync(join(root, 'public/lang', `${code}.json`), 'utf8'));

/** The words for English catalogue key `key` in `lang` (English where it has none). */
export const say = (lang, key) => {
  assert.ok(key in english, `no English key ${key}`);
  return lang.messages[key] ?? english[key];
};

/** A port nobody is listening on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server. Returns { url, contentDir, dbPath, stop(), restart(), logs }.
 * Options: databaseUrl (defaults to a fresh SQLite file), env (extra variables).
 */
export async function startServer(options = {}) {
  const work = mkdtempSync(join(tmpdir(), 'local-offer-e2e-'));
  const contentDir = join(work, 'content');
  cpSync(join(root, 'content'), contentDir, { recursive: true });
  const dbPath = join(work, 'data', 'test.db');
  const databaseUrl = options.databaseUrl ?? `sqlite://${dbPath}`;
  const port = options.port ?? (await freePort());
  const logs = [];
  let child;

  async function launch() {
    const distDir = options.dist ?? defaultDist;
    child = spawn(serverBin, ['serve', '--port', String(port), '--dist', distDir, '--content', contentDir, '--national', join(contentDir, 'national')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'info', ...(options.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => logs.push(d.toString()));
    child.stderr.on('data', (d) => logs.push(d.toString()));
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('running'), 100))]);
      if (early !== 'running') throw new Error(`server exited with ${early}:\n${logs.join('')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
    }
    throw new Error(`server did not start:\n${logs.join('')}`);
  }

  async function stop() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  // Set-up on the database before the first start (for example `council add`).
  if (options.setup) options.setup({ databaseUrl, contentDir, work });
  await launch();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    work,
    contentDir,
    dbPath,
    logs,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    /**
     * Publishes the edited content folder as an officer would from version control
     * (`content import --publish`), then sends SIGHUP so the server serves it now. Throws,
     * with the checker's words, when the folder is not a valid offer.
     */
    reloadContent() {
      execFileSync(serverBin, ['content', 'import', contentDir, '--publish', '--replace-draft'], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.kill('SIGHUP');
    },
    async cleanup() {
      await stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Chromium's flags: no sandbox (root in CI), and nothing phoning home. */
// One list of Chromium's flags for the tests and the benchmark (scripts/measure.mjs).
export { BROWSER_ARGS };

/** Debian's Chromium, headless, with nothing phoning home. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: BROWSER_ARGS,
  });
}

/**
 * Starts the real server and Chromium before a describe's tests and stops both after them.
 * Returns `{ server, browser }`, filled in once the tests run.
 */
export function serverAndBrowser(options = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.cleanup();
  });
  return env;
}

/** A phone-sized browser context. */
export async function phoneContext(browser, options = {}) {
  return browser.newContext({ viewport: { width: 360, height: 740 }, ...options });
}

const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core on the page (WCAG 2.2 A and AA) and returns its violations. */
export async function axeViolations(page) {
  // Evaluated through DevTools rather than added as an inline <script>, which the app's
  // Content-Security-Policy rightly refuses.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
}

/**
 * The words on the page that a line break splits inside themselves ("Relationship s") although
 * they would fit whole on a line of their own. Words longer than 20 letters (web and email
 * addresses) may break anywhere. Parts of hyphenated words and paths count as words.
 */
export async function brokenWords(page) {
  return page.evaluate(() => {
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest('.visually-hidden, script, style, [hidden]')) continue;
      if (element.getClientRects().length === 0) continue;
      // A break after a hyphen ("long-" / "term") is where hyphenated words are meant to break.
      for (const match of node.textContent.matchAll(/[^\s\-\u2010/]+/g)) {
        if (match[0].length > 20) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        if (lines.size < 2) continue;
        // Broken only if it would have fitted whole on a line of its own block.
        let block = element;
        while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
        const style = getComputedStyle(block);
        const room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (width <= room) broken.push(`${match[0]} (${Math.round(width)} of ${Math.round(room)} px)`);
      }
    }
    return broken;
  });
}

/** Makes every page `page` opens from now on draw its text at 200% (WCAG 1.4.4). */
export async function doubleTextSize(page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      document.documentElement.style.fontSize = '200%';
    });
  });
}

/** Drags a finger (the mouse) sideways across `locator`, from `from` to `to` px from its left. */
export async function swipe(page, locator, from, to) {
  const box = await locator.boundingBox();
  const y = box.y + 80;
  await page.mouse.move(box.x + from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + to, y, { steps: 5 });
  await page.mouse.up();
}

/**
 * How the bottom bar sits: how many rows its four places take, whether it stays fixed to the
 * bottom of the screen (it scrolls with the page when it would cover too much), and how much
 * of the screen it covers (none when it scrolls with the page).
 */
export async function bottomBar(page) {
  return page.evaluate(() => {
    const nav = document.querySelector('.bottom-nav');
    const rows = new Set([...nav.querySelectorAll('li')].map((li) => Math.round(li.getBoundingClientRect().top)));
    const fixed = getComputedStyle(nav).position === 'fixed';
    const covers = fixed ? nav.getBoundingClientRect().height / window.innerHeight : 0;
    return { rows: rows.size, fixed, covers };
  });
}

/** Waits until the page's h1 says `text`. */
export async function expectHeading(page, text) {
  await page.locator('h1', { hasText: text }).first().waitFor({ timeout: 15000 });
}

/** Waits until the app has taken over the page the server sent (`src/shell.rs`): a page
 * drawn by the server in a link's language is already in it before the app has switched. */
export async function untilAppRuns(page) {
  await page.locator('#shell').waitFor({ state: 'detached', timeout: 15000 });
}

/** Waits until the service worker controls the page and has cached the app and the offer
 * (scripts/measure.mjs's check, with the tests' shorter limit). */
export async function untilOfflineReady(page) {
  await measureUntilOfflineReady(page, 20000);
}


/** Fails with axe's findings when the page has any (WCAG 2.2 A and AA). */
export async function expectAxeClean(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 2)}`);
}

/** Runs `local-offer-server staff ...` on a test server's database; returns what it printed. */
export function staffCommand(server, args, input) {
  return execFileSync(serverBin, ['staff', ...args], {
    env: { ...process.env, DATABASE_URL: `sqlite://${server.dbPath}`, PUBLIC_URL: server.url },
    input,
  }).toString();
}

/** Signs in to the staff pages through the sign-in form and waits for the inbox. */
export async function signInStaff(page, url, email, password) {
  await page.goto(`${url}/staff`);
  await expectHeading(page, 'Sign in to the staff pages');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectHeading(page, 'Inbox');
}

/** Writes feedback by tapping through the app (works with no signal and no server). */
export async function writeFeedback(page, text) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Have your say' }).click();
  await expectHeading(page, 'Have your say');
  await page.getByRole('link', { name: 'Give feedback' }).click();
  await expectHeading(page, 'Give feedback');
  await page.getByLabel('Your feedback').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expectHeading(page, 'Have your say');
}

/** Rows of the server's messages table, read straight from its SQLite file. */
export function storedMessages(dbPath) {
  const out = execFileSync('python3', [
    '-c',
    'import json, sqlite3, sys\n' +
      'db = sqlite3.connect(sys.argv[1])\n' +
      'rows = db.execute("SELECT id, kind, body FROM messages ORDER BY received_at").fetchall()\n' +
      'print(json.dumps([{"id": r[0], "kind": r[1], "body": json.loads(r[2])} for r in rows]))',
    dbPath,
  ]);
  return JSON.parse(out.toString());
}

/** Waits until `check()` is true, checking every 200 ms; fails naming `what` after `timeout` ms. */
export async function until(check, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
