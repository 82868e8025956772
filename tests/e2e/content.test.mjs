// The offer on screen comes from content/: what officers write is what young people see.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { expectHeading, phoneContext, serverAndBrowser } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The titles of the entitlements in content/ that carry an `updated` date, newest first. */
function updatedTitles() {
  const text = readFileSync(join(root, 'content', 'entitlements.toml'), 'utf8');
  return text
    .split(/^\[\[entitlements\]\]$/m)
    .slice(1)
    .map((block) => ({
      title: block.match(/^title = "(.*)"$/m)?.[1],
      updated: block.match(/^updated = "(\d{4}-\d{2}-\d{2})"$/m)?.[1],
    }))
    .filter((e) => e.title && e.updated)
    .sort((a, b) => b.updated.localeCompare(a.updated));
}

describe('the offer from content/', () => {
  const env = serverAndBrowser();

  test('the newest change in content/ is listed on the home page', async () => {
    const [newest] = updatedTitles();
    assert.ok(newest, 'content/entitlements.toml has an item with an updated date');
    const page = await (await phoneContext(env.browser)).newPage();
    await page.goto(env.server.url);
    await expectHeading(page, 'Your local offer');
    await page.getByRole('link', { name: newest.title }).first().waitFor();
  });

  test('when the offer cannot be fetched the app says so kindly and can try again', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    let fail = true;
    await page.route('**/api/offer', (route) => (fail ? route.fulfill({ status: 503, body: 'down' }) : route.continue()));
    await page.goto(env.server.url);
    const alert = page.getByRole('alert');
    await alert.getByText("We couldn't load the offer").waitFor();
    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Browse the offer' }).waitFor();
    await context.close();
  });

  test('a broken content folder is refused at import and the last good offer stays', async () => {
    const before = await (await fetch(`${env.server.url}/api/offer`)).json();
    writeFileSync(join(env.server.contentDir, 'hubs.toml'), '[[hubs]]\nid = "Bad Id"\n');
    assert.throws(() => env.server.reloadContent(), (error) => {
      assert.match(String(error.stderr), /hubs\.toml/);
      assert.match(String(error.stderr), /nothing was imported/);
      return true;
    });
    await new Promise((r) => setTimeout(r, 500));
    const afterEdit = await (await fetch(`${env.server.url}/api/offer`)).json();
    assert.equal(afterEdit.version, before.version);
  });
});
