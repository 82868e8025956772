// Two councils on one server, each on its own host name, used from one browser: each
// installs as its own app, and a message written offline in each reaches its own
// council's inbox and no other. Chromium treats *.localhost as this machine.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  expectAxeClean,
  expectHeading,
  freePort,
  launchBrowser,
  phoneContext,
  serverBin,
  signInStaff,
  startServer,
  untilOfflineReady,
  writeFeedback,
} from './harness.mjs';

const PASSWORD = 'correct horse battery staple';

/** Each stored message's words and the council it belongs to, read from the database. */
function messagesByCouncil(dbPath) {
  const out = execFileSync('python3', [
    '-c',
    'import json, sqlite3, sys\n' +
      'db = sqlite3.connect(sys.argv[1])\n' +
      'rows = db.execute("SELECT c.slug, m.body FROM messages m JOIN councils c ON c.id = m.council_id").fetchall()\n' +
      'print(json.dumps([{"council": r[0], "body": json.loads(r[1])} for r in rows]))',
    dbPath,
  ]);
  return JSON.parse(out.toString());
}

describe('two councils on one server', () => {
  const env = {};
  const run = (databaseUrl, args, input) =>
    execFileSync(serverBin, args, { env: { ...process.env, DATABASE_URL: databaseUrl }, input }).toString();
  before(async () => {
    const port = await freePort();
    env.server = await startServer({
      port,
      // The deployment's own address: its front door lists the councils.
      env: { PUBLIC_URL: `http://offer.localhost:${port}` },
      setup: ({ databaseUrl, contentDir }) => {
        run(databaseUrl, ['council', 'add', 'cheshire-east', '--name', 'Cheshire East Council',
          '--host', 'cheshire-east.localhost', '--content', contentDir]);
        run(databaseUrl, ['council', 'add', 'lancashire', '--name', 'Lancashire County Council',
          '--short-name', 'Lancashire', '--accent', '#6a1b4d',
          '--host', 'lancashire.localhost', '--content', join(contentDir, 'lancashire')]);
        for (const council of ['cheshire-east', 'lancashire']) {
          run(databaseUrl, ['staff', '--council', council, 'add', `lead@${council}.gov.uk`,
            '--name', 'Lead', '--role', 'manager', '--password-stdin'], PASSWORD);
        }
      },
    });
    env.browser = await launchBrowser();
    env.at = (host) => `http://${host}:${env.server.port}`;
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.cleanup();
  });

  test('each host is its own council, and an unknown host is none', async () => {
    // Node cannot look up *.localhost; the browser can, so it asks.
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    const json = (path) => page.evaluate((p) => fetch(p).then((r) => r.json()), path);
    await page.goto(env.at('cheshire-east.localhost'));
    await expectHeading(page, 'Your local offer');
    assert.equal((await json('/api/offer')).council.name, 'Cheshire East Council');
    await page.goto(env.at('lancashire.localhost'));
    await expectHeading(page, 'Your local offer');
    await page.locator('.brand-council', { hasText: 'Lancashire County Council' }).waitFor();
    // Its colour in the header, light theme; the dark theme keeps its readable light header.
    const header = () => page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
    assert.equal(await header(), 'rgb(106, 27, 77)');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await header(), 'rgb(156, 201, 240)');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal((await json('/api/offer')).council.name, 'Lancashire County Council');
    const manifest = await json('/manifest.webmanifest');
    assert.equal(manifest.name, 'Lancashire County Council Local Offer');
    assert.equal(manifest.short_name, 'Lancashire');
    const unknown = await page.goto(env.at('elsewhere.localhost'));
    assert.equal(unknown.status(), 404);
    assert.doesNotMatch(await page.content(), /Cheshire|Lancashire/);
    await context.close();
  });

  test("a national item shows the council's own words, and several amounts show as a list", async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.at('lancashire.localhost')}/offer/bursary-16-19`);
    await expectHeading(page, '16 to 19 bursary');
    await page.getByText('This is the same for care leavers in every council in England.').waitFor();
    const local = page.locator('section.local-detail');
    await local.getByRole('heading', { name: 'What Lancashire adds' }).waitFor();
    await local.getByRole('link', { name: /Money \(Lancashire County Council\)/ }).waitFor();
    await expectAxeClean(page, 'a national item with local words');
    await page.goto(`${env.at('lancashire.localhost')}/offer/birthday-payments`);
    await expectHeading(page, 'Birthday money at 19, 20 and 21');
    await page.getByRole('heading', { name: 'How much you get' }).waitFor();
    const rows = await page.locator('ul.amounts li').allTextContents();
    assert.equal(rows.length, 3);
    assert.match(rows[2], /£50.*on your 21st birthday/);
    await expectAxeClean(page, 'an item with several amounts');
    // Cheshire East has no words of its own on the bursary.
    await page.goto(`${env.at('cheshire-east.localhost')}/offer/bursary-16-19`);
    await expectHeading(page, '16 to 19 bursary');
    assert.equal(await page.locator('section.local-detail').count(), 0);
    await context.close();
  });

  test('in a two-tier county the app asks which district, and shows that district its own teams', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    const lancashire = env.at('lancashire.localhost');
    await page.goto(`${lancashire}/contacts`);
    await expectHeading(page, 'Contacts');
    // Not said yet: every district's team shows, each saying where it is for.
    const pendle = page.locator('#contact-housing-pendle-out-of-hours');
    await pendle.getByText('Only for young people who live in Pendle.').waitFor();
    await page.getByLabel('Which part of Lancashire do you live in?').selectOption({ label: 'Preston' });
    const others = page.locator('details.other-districts');
    await others.getByText('Teams for other parts of Lancashire').waitFor();
    assert.equal(await others.locator('#contact-housing-pendle-out-of-hours').count(), 1);
    assert.equal(await others.locator('#contact-housing-preston').count(), 0);
    assert.ok(await page.locator('#contact-housing-preston').isVisible());
    assert.equal(await pendle.isVisible(), false, 'another district\'s team waits in the closed list');
    await expectAxeClean(page, 'contacts with a district chosen');

    // Urgent help leaves out another district's out-of-hours line; an item's "Who to ask"
    // keeps only this district's housing team.
    await page.goto(`${lancashire}/help-now`);
    await page.locator('#contact-out-of-hours').waitFor();
    assert.equal(await page.locator('#contact-housing-pendle-out-of-hours').count(), 0);
    await page.goto(`${lancashire}/offer/social-housing`);
    await page.getByRole('heading', { name: 'Who to ask' }).waitFor();
    await page.getByRole('heading', { name: 'Preston City Council Housing Advisory Service' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: /Ribble Valley Borough Council/ }).count(), 0);

    // The answer is kept on the phone and shared with What can I get?.
    await page.goto(`${lancashire}/what-can-i-get`);
    await page.reload();
    const choice = page.getByLabel('Which part of Lancashire do you live in?');
    await choice.waitFor();
    assert.equal(await choice.inputValue(), 'preston');
    await expectAxeClean(page, 'What can I get? with districts');
    await context.close();

    // A council that runs everything itself asks nothing about districts.
    const east = await (await phoneContext(env.browser)).newPage();
    await east.goto(`${env.at('cheshire-east.localhost')}/contacts`);
    await expectHeading(east, 'Contacts');
    await east.locator('#contact-out-of-hours').waitFor();
    assert.equal(await east.locator('#district').count(), 0);
    await east.context().close();
  });

  test('the front door lists the councils, finds one by name without JavaScript, and leads to it', async () => {
    const context = await phoneContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.at('offer.localhost'));
    await expectHeading(page, "Find your council's local offer");
    await page.getByLabel('Council name').fill('lanc');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Lancashire County Council' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Cheshire East Council' }).count(), 0);
    assert.equal(page.url(), `${env.at('offer.localhost')}/?q=lanc`);
    await context.close();
    const withScript = await phoneContext(env.browser);
    const door = await withScript.newPage();
    await door.goto(env.at('offer.localhost'));
    await expectAxeClean(door, 'the front door');
    await door.getByRole('link', { name: 'Lancashire County Council' }).click();
    await expectHeading(door, 'Your local offer');
    assert.equal(new URL(door.url()).host, `lancashire.localhost:${env.server.port}`);
    await withScript.close();
  });

  test('a message written offline for each council reaches only its own inbox', async () => {
    // One browser, one profile: both councils' apps installed side by side.
    const context = await phoneContext(env.browser);
    const pages = {};
    for (const host of ['cheshire-east.localhost', 'lancashire.localhost']) {
      const page = await context.newPage();
      await page.goto(env.at(host));
      await expectHeading(page, 'Your local offer');
      await untilOfflineReady(page);
      pages[host] = page;
    }
    await context.setOffline(true);
    await writeFeedback(pages['cheshire-east.localhost'], 'Written offline for Cheshire East');
    await writeFeedback(pages['lancashire.localhost'], 'Written offline for Lancashire');
    for (const page of Object.values(pages)) {
      await page.getByText('Waiting for signal').first().waitFor();
    }
    await context.setOffline(false);
    for (const page of Object.values(pages)) {
      await page.reload();
      await page.getByText(/^Sent on /).first().waitFor({ timeout: 30000 });
    }
    const rows = messagesByCouncil(env.server.dbPath);
    const of = (text) => rows.filter((r) => r.body.text === text).map((r) => r.council);
    assert.deepEqual(of('Written offline for Cheshire East'), ['cheshire-east']);
    assert.deepEqual(of('Written offline for Lancashire'), ['lancashire']);
    await context.close();

    // And each council's staff see their own message and not the other's.
    const staff = await env.browser.newContext();
    const inbox = await staff.newPage();
    await signInStaff(inbox, env.at('lancashire.localhost'), 'lead@lancashire.gov.uk', PASSWORD);
    await inbox.getByText('Written offline for Lancashire').first().waitFor();
    assert.equal(await inbox.getByText('Written offline for Cheshire East').count(), 0);
    await signInStaff(inbox, env.at('cheshire-east.localhost'), 'lead@cheshire-east.gov.uk', PASSWORD);
    await inbox.getByText('Written offline for Cheshire East').first().waitFor();
    assert.equal(await inbox.getByText('Written offline for Lancashire').count(), 0);
    await staff.close();
  });
});
