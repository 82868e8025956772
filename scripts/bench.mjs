// The figures of issue 13 for a running release server; called by scripts/bench, which
// builds everything and starts the server. Prints one markdown table for the README, then
// the byte breakdown of a first visit.
//
//   node scripts/bench.mjs --url http://127.0.0.1:PORT --dist DIR [--runs 5]
//        [--lighthouse-runs 3] [--load-seconds 10] [--connections 32] [--lighthouse PATH] [--oha PATH]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  BROWSER_ARGS,
  PHONE,
  SLOW_PHONE,
  countTransfers,
  describeTransfers,
  homeMetrics,
  firstVisit,
  instrumentContext,
  launchPhone,
  recorded,
  throttle,
  untilOfflineReady,
  wireMeter,
  sizes,
} from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    dist: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'lighthouse-runs': { type: 'string', default: '3' },
    lighthouse: { type: 'string' },
    'load-seconds': { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    query: { type: 'string', default: 'money for driving lessons' },
    oha: { type: 'string' },
  },
});
const base = args.url;
const RUNS = Number(args.runs);
const say = (text) => process.stderr.write(`[bench] ${text}\n`);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const secs = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const millis = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a');
const verdict = (ok) => (ok ? 'met' : '**missed**');

// ---- Sizes of what was built, and of the offer ----
function builtFile(pattern) {
  const name = readdirSync(args.dist).find((n) => pattern.test(n));
  if (!name) throw new Error(`no file like ${pattern} in ${args.dist}`);
  return { name, ...sizes(readFileSync(join(args.dist, name))) };
}
const sizeRow = (s) => `${kib(s.raw)} / ${kib(s.gzip)} / ${kib(s.br)}`;

// ---- The browser runs ----
async function visitRuns() {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    say(`cold, repeat and offline visit ${i + 1} of ${RUNS}`);
    // A new phone (an empty, ordinary profile) through a new wire meter each run.
    const relay = await wireMeter(base);
    const phone = await launchPhone();
    const { context, page } = phone;
    await instrumentContext(context);
    const transfers = countTransfers(context);
    await throttle(page);
    await page.goto(`${relay.url}/`);
    await homeMetrics(page);
    await untilOfflineReady(page);
    await transfers.idle();
    const bytes = await transfers.summary();
    const wire = relay.bytes();
    // Shifts count until everything has arrived, the install card too.
    await page.waitForTimeout(1000);
    const cold = await recorded(page);

    await page.goto(`${relay.url}/`);
    const repeat = await homeMetrics(page, { settleMs: 300 });

    await context.setOffline(true);
    await page.goto(`${relay.url}/`);
    const offline = await homeMetrics(page, { settleMs: 300 });
    await phone.close();
    await relay.close();
    runs.push({ cold, repeat, offline, bytes, wire });
  }
  return runs;
}

/** Types `query` into the search page one key at a time at 4x CPU; ms from keydown to the
 * last DOM change that key caused (the results), for each key. */
async function searchKeystrokes(browser, query) {
  say(`search keystrokes ("${query}", 4x CPU)`);
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  // The offer is loaded and indexed once a search shows results.
  await page.goto(`${base}/search?q=rent`);
  await page.locator('#search-results').waitFor({ timeout: 60000 });
  await untilOfflineReady(page);
  await throttle(page, { network: false });
  await page.evaluate(() => {
    const k = { down: null, last: null };
    Object.defineProperty(window, '__keys', { value: k });
    window.addEventListener('keydown', (e) => { k.down = e.timeStamp; k.last = null; }, true);
    new MutationObserver(() => { k.last = performance.now(); }).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
  });
  const input = page.locator('#search-input');
  await input.fill('');
  await page.waitForTimeout(500);
  await input.focus();
  const times = [];
  for (const ch of query) {
    await page.keyboard.type(ch);
    const ms = await page.evaluate(async () => {
      const k = window.__keys;
      // Quiet for 300 ms: that key's work is done.
      const start = performance.now();
      while (performance.now() - start < 5000) {
        const lastActivity = k.last ?? k.down ?? start;
        if (performance.now() - lastActivity > 300) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return k.last === null ? 0 : k.last - k.down;
    });
    times.push(ms);
  }
  await context.close();
  return { first: times[0], worstAfterFirst: Math.max(...times.slice(1)), times };
}

/** Lighthouse mobile, as scripts/lighthouse.sh runs it; median score per category. */
function lighthouse(bin, runs) {
  const work = mkdtempSync(join(os.tmpdir(), 'bench-lighthouse-'));
  const results = [];
  try {
    let failures = 0;
    for (let i = 0; i < runs; i += 1) {
      say(`Lighthouse run ${i + 1} of ${runs}`);
      const out = join(work, `report-${i}.json`);
      rmSync(out, { force: true });
      try {
        execFileSync(
          bin,
          [
            `${base}/`,
            '--quiet',
            `--chrome-flags=--headless=new ${BROWSER_ARGS.join(' ')}`,
            '--only-categories=performance,accessibility,best-practices,seo',
            '--form-factor=mobile',
            '--output=json',
            `--output-path=${out}`,
          ],
          { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] },
        );
      } catch (error) {
        // Lighthouse exits non-zero when it could not measure; its report then says why.
        if (!existsSync(out)) throw error;
      }
      const report = JSON.parse(readFileSync(out, 'utf8'));
      // Lighthouse sometimes loses its own trace (NO_NAVSTART) and scores the page 0: that
      // run measured nothing, so it is run again (twice at most) rather than counted.
      if (report.runtimeError) {
        failures += 1;
        say(`Lighthouse could not measure run ${i + 1} (${report.runtimeError.code}); running it again`);
        if (failures > 2) throw new Error(`Lighthouse failed: ${report.runtimeError.message}`);
        i -= 1;
        continue;
      }
      const score = (c) => Math.round(report.categories[c].score * 100);
      results.push({
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        lcp: report.audits['largest-contentful-paint'].numericValue,
        tbt: report.audits['total-blocking-time'].numericValue,
        cls: report.audits['cumulative-layout-shift'].numericValue,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const m = (k) => median(results.map((r) => r[k]));
  return {
    performance: m('performance'),
    accessibility: m('accessibility'),
    bestPractices: m('bestPractices'),
    seo: m('seo'),
    lcp: m('lcp'),
    tbt: m('tbt'),
    cls: m('cls'),
    all: results,
  };
}

/** scripts/loadgen.mjs: a new message body each request, which oha cannot send. */
function loadgen(name, extra) {
  say(`load: ${name} for ${args['load-seconds']} s on ${args.connections} connections (scripts/loadgen.mjs)`);
  const out = execFileSync(
    process.execPath,
    [join(root, 'scripts', 'loadgen.mjs'), '--seconds', args['load-seconds'], '--connections', args.connections, ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const r = JSON.parse(out.toString().trim().split('\n').at(-1));
  return { ...r, tool: 'scripts/loadgen.mjs' };
}

/** oha (a Rust load generator, far faster than a Node client) for the GETs, when it is
 * installed; otherwise scripts/loadgen.mjs. */
function getLoad(name, url, headers, expect) {
  if (!args.oha) {
    return loadgen(name, ['--url', url, ...headers.flatMap((h) => ['--header', h]), '--expect', String(expect)]);
  }
  say(`load: ${name} for ${args['load-seconds']} s on ${args.connections} connections (oha)`);
  const out = execFileSync(
    args.oha,
    ['-z', `${args['load-seconds']}s`, '-c', args.connections, '--no-tui', '--output-format', 'json', ...headers.flatMap((h) => ['-H', h]), url],
    { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  const r = JSON.parse(out.toString());
  const statuses = r.statusCodeDistribution;
  // Requests cut short by the end of the run are not errors.
  const errors = Object.entries(r.errorDistribution ?? {}).filter(([what]) => !what.includes('deadline'));
  if (Object.keys(statuses).some((s) => s !== String(expect)) || errors.length) {
    throw new Error(`${name}: expected only ${expect}, oha saw ${JSON.stringify(statuses)} and ${JSON.stringify(errors)}`);
  }
  const ms = (seconds) => Number((seconds * 1000).toFixed(2));
  return {
    rps: Math.round(r.summary.requestsPerSec),
    p50_ms: ms(r.latencyPercentiles.p50),
    p99_ms: ms(r.latencyPercentiles.p99),
    requests: Object.values(statuses).reduce((a, b) => a + b, 0),
    tool: 'oha',
  };
}

// ---- Run it all ----
const loadBefore = os.loadavg();
const wasm = builtFile(/_bg\.wasm$/);
const js = builtFile(/^local-offer-[0-9a-f]+\.js$/);
// The stylesheet is inlined into index.html (no request of its own), so the page is measured.
const html = builtFile(/^index\.html$/);
const languageFiles = existsSync(join(args.dist, 'lang'))
  ? readdirSync(join(args.dist, 'lang'))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((name) => ({ name, ...sizes(readFileSync(join(args.dist, 'lang', name))) }))
  : [];
const offerPlain = await fetch(`${base}/api/offer`, { headers: { 'accept-encoding': 'identity' } });
const etag = offerPlain.headers.get('etag');
const offer = sizes(Buffer.from(await offerPlain.arrayBuffer()));
// What the server itself sends a browser for the offer (its cached brotli body).
const served = await new Promise((resolve, reject) => {
  http
    .get(`${base}/api/offer`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      let n = 0;
      res.on('data', (d) => {
        n += d.length;
      });
      res.on('end', () => resolve({ bytes: n, encoding: res.headers['content-encoding'] }));
    })
    .on('error', reject);
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: BROWSER_ARGS });
const chromiumVersion = browser.version();
const runs = await visitRuns();
// And once as fast as the machine goes, where things arrive in another order.
say('a first visit unthrottled, for layout shift');
const fast = await firstVisit(base, { throttled: false });
const search = await searchKeystrokes(browser, args.query);
await browser.close();
const lh = args.lighthouse ? lighthouse(args.lighthouse, Number(args['lighthouse-runs'])) : null;
const accept = 'Accept-Encoding: gzip, deflate, br';
const offer200 = getLoad('GET /api/offer 200', `${base}/api/offer`, [accept], 200);
const offer304 = getLoad('GET /api/offer 304', `${base}/api/offer`, [`If-None-Match: ${etag}`, accept], 304);
const messages = loadgen('POST /api/messages', ['--url', `${base}/api/messages`, '--method', 'POST', '--body', 'message', '--expect', '201']);

// ---- Print ----
const loadRow = (r) => `${r.rps.toLocaleString('en-GB')} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms (${r.tool})`;
const bytes = median(runs.map((r) => r.wire.down));
const med = (pick) => median(runs.map(pick));
const cls = { sum: med((r) => r.cold.cls.sum), windowed: med((r) => r.cold.cls.windowed) };
const git = (a) => {
  try {
    return execFileSync('git', a, { cwd: root }).toString().trim();
  } catch {
    return '';
  }
};
const commit = `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--untracked-files=no']) ? ' + local changes' : ''}`;
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const now = new Date();

const rows = [
  ['WASM: raw / gzip 9 / brotli 11', sizeRow(wasm), ''],
  ['JS glue: raw / gzip / brotli', sizeRow(js), ''],
  ['index.html with its inlined CSS: raw / gzip / brotli', sizeRow(html), ''],
  ['offer JSON: raw / gzip / brotli', `${sizeRow(offer)} (served: ${kib(served.bytes)} ${served.encoding ?? 'identity'})`, ''],
  // Each language is fetched only by a phone that chooses it (never on a first visit).
  ...languageFiles.map((f) => [`language file \`lang/${f.name}\`${f.name === 'en-XA.json' ? ' (pseudo, tests only)' : ''}: raw / gzip / brotli`, sizeRow(f), '']),
  ['first visit to `/`, bytes the server sent (page and service worker, headers included)', kib(bytes), `≤ 200 KiB: ${verdict(bytes <= 200 * 1024)}`],
  ['first contentful paint: cold / repeat online / repeat offline', `${secs(med((r) => r.cold.fcp))} / ${secs(med((r) => r.repeat.fcp))} / ${secs(med((r) => r.offline.fcp))}`, ''],
  ['categories shown: cold / repeat online / repeat offline', `${secs(med((r) => r.cold.categories))} / ${secs(med((r) => r.repeat.categories))} / ${secs(med((r) => r.offline.categories))}`, ''],
  ['layout shift, home page cold, sum of all shifts (largest session window): slow phone / unthrottled', `${cls.sum.toFixed(3)} (${cls.windowed.toFixed(3)}) / ${fast.metrics.cls.sum.toFixed(3)} (${fast.metrics.cls.windowed.toFixed(3)})`, `≤ 0.02: ${verdict(cls.sum <= 0.02 && fast.metrics.cls.sum <= 0.02)}`],
  [`search at 4x CPU, keydown to results ("${args.query}"): first key / worst after it`, `${millis(search.first)} / ${millis(search.worstAfterFirst)}`, ''],
];
if (lh) {
  rows.push(
    ['Lighthouse mobile (median of ' + lh.all.length + '): performance / accessibility / best practices / SEO', `${lh.performance} / ${lh.accessibility} / ${lh.bestPractices} / ${lh.seo}`, `95 / 100 / 100 / 100: ${verdict(lh.performance >= 95 && lh.accessibility === 100 && lh.bestPractices === 100 && lh.seo === 100)}`],
    ['Lighthouse (median): largest contentful paint / total blocking time / CLS', `${secs(lh.lcp)} / ${Math.round(lh.tbt)} ms / ${lh.cls.toFixed(3)}`, ''],
  );
}
rows.push(
  [`\`GET /api/offer\` 200, brotli (${args.connections} connections, ${args['load-seconds']} s)`, loadRow(offer200), ''],
  ['`GET /api/offer` 304 (`If-None-Match`)', loadRow(offer304), ''],
  ['`POST /api/messages`, a new message each (SQLite)', loadRow(messages), ''],
);

const out = [];
out.push(`**scripts/bench**, ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}: ${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Chromium ${chromiumVersion}, Linux ${os.release()}, load average ${loadBefore[0].toFixed(1)} at the start. Browser figures: median of ${RUNS} runs, a new browser profile each, page throttled through DevTools to ${SLOW_PHONE.latencyMs} ms round trip, ${(SLOW_PHONE.bytesPerSecond * 8) / 1e6} Mbit/s each way and ${SLOW_PHONE.cpuSlowdown}x CPU; server on SQLite, each load generator on loopback, sharing the machine's cores with the server.`);
out.push('');
out.push('| what | measured | budget |');
out.push('| --- | --- | --- |');
for (const [what, figure, budget] of rows) out.push(`| ${what} | ${figure} | ${budget} |`);
console.log(out.join('\n'));
console.log('');
console.log('First visit, run 1, by request (DevTools encodedDataLength: headers and compressed body), largest first:');
console.log('```');
console.log(describeTransfers(runs[0].bytes, runs[0].wire));
console.log('```');
console.log(`Runs: bytes on the wire ${runs.map((r) => r.wire.down).join(', ')}; cold categories ms ${runs.map((r) => Math.round(r.cold.categories)).join(', ')}; search keys ms ${search.times.map((t) => Math.round(t)).join(', ')}${lh ? `; Lighthouse performance ${lh.all.map((r) => r.performance).join(', ')}` : ''}.`);
