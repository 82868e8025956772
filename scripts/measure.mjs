// What a visit to the app costs, measured in Debian's Chromium through Playwright and the
// DevTools protocol. Used by scripts/bench.mjs (figures) and tests/e2e/budget.test.mjs
// (budgets).
//
// Bytes, two ways. The total is counted on the wire: the browser talks to the server
// through a small TCP relay here that counts every byte the server sends (headers, bodies,
// chunk framing), whoever asked: the page, its service worker, or Chromium itself (the
// service worker's script, the icon). The breakdown by request comes from the DevTools
// protocol: Playwright reports the requests of the page *and of its service worker*
// (Chromium only), a finished request's headers plus body size being exactly
// `encodedDataLength`. Answers the service worker gave the page from its cache cost
// nothing and are left out, so nothing is counted twice. DevTools misses a little (it
// gives the service worker's own script no body), so its sum is a bit below the wire's.
//
// Times are milliseconds from the start of the navigation (performance.timeOrigin).

import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

/** The throttling of issue 13: a slow mobile network (1.6 Mbit/s, 150 ms) and 4x CPU. */
export const SLOW_PHONE = { latencyMs: 150, bytesPerSecond: 200_000, cpuSlowdown: 4 };

/** The home page's category links: "the categories are shown" once one is in the DOM. */
export const CATEGORY_LINKS = 'ul.category-grid a[href^="/offer/category/"]';

/** A phone-sized window, like the end-to-end tests'. */
export const PHONE = { viewport: { width: 360, height: 740 } };

/** Chromium's flags: no sandbox (root in CI), and nothing phoning home. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Debian's Chromium with a new, empty profile of its own, like a phone's browser: an
 * ordinary profile, not an incognito-like context, because only an ordinary one fires
 * `beforeinstallprompt` (and the app's install card then appears). Returns
 * `{ context, page, close() }`.
 */
export async function launchPhone() {
  const profile = mkdtempSync(join(tmpdir(), 'local-offer-phone-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: BROWSER_ARGS,
    ...PHONE,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs before the page's own scripts in every document: records first contentful paint,
 * every layout shift, and when the first category link appeared.
 */
function instrument(selector) {
  const m = { fcp: null, categories: null, shifts: [] };
  Object.defineProperty(window, '__localOfferMetrics', { value: m });
  const describe = (node) => {
    if (!node || !node.nodeName) return '?';
    let text = node.nodeName.toLowerCase();
    if (node.id) text += `#${node.id}`;
    if (typeof node.className === 'string' && node.className.trim()) text += `.${node.className.trim().split(/\s+/).join('.')}`;
    const label = node.getAttribute && node.getAttribute('aria-labelledby');
    if (label) text += `[aria-labelledby=${label}]`;
    return text;
  };
  const rect = (r) => (r ? `${Math.round(r.width)}x${Math.round(r.height)}@${Math.round(r.x)},${Math.round(r.y)}` : '?');
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        m.shifts.push({
          value: e.value,
          at: e.startTime,
          hadRecentInput: e.hadRecentInput,
          // Where each moved thing was and went, so a failure says how it moved.
          sources: (e.sources ?? []).map((s) => `${describe(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    // Not a Chromium: no layout-shift entries.
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') m.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing.
  }
  const seen = () => {
    if (m.categories === null && document.querySelector(selector)) m.categories = performance.now();
    return m.categories !== null;
  };
  const observer = new MutationObserver(() => {
    if (seen()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Adds the recorder above to every document the context opens. */
export async function instrumentContext(context) {
  await context.addInitScript(instrument, CATEGORY_LINKS);
}

/**
 * Throttles the page's network and CPU through the DevTools protocol. (The service
 * worker's own requests are not throttled: Playwright gives no DevTools session for it.)
 */
export async function throttle(page, { network = true, cpuSlowdown = SLOW_PHONE.cpuSlowdown } = {}) {
  const cdp = await page.context().newCDPSession(page);
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_PHONE.latencyMs,
      downloadThroughput: SLOW_PHONE.bytesPerSecond,
      uploadThroughput: SLOW_PHONE.bytesPerSecond,
    });
  }
  if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  return cdp;
}

/**
 * Counts the bytes every network request of a context's pages and service workers
 * transfers. Call before the first navigation.
 */
export function countTransfers(context) {
  const records = [];
  const waiting = [];
  let inFlight = 0;
  let lastChange = performance.now();
  const started = () => {
    inFlight += 1;
    lastChange = performance.now();
  };
  const ended = () => {
    inFlight -= 1;
    lastChange = performance.now();
  };
  context.on('request', started);
  context.on('requestfailed', (request) => {
    ended();
    records.push({ url: request.url(), by: request.serviceWorker() ? 'service worker' : 'page', bytes: 0, failed: true });
  });
  context.on('requestfinished', (request) => {
    ended();
    waiting.push(
      (async () => {
        const response = await request.response();
        // The service worker answered from its cache: no network, nothing to count.
        if (!response || response.fromServiceWorker()) return;
        const sizes = await request.sizes();
        records.push({
          url: request.url(),
          by: request.serviceWorker() ? 'service worker' : 'page',
          status: response.status(),
          encoding: (await response.headerValue('content-encoding')) ?? '',
          bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        });
      })().catch(() => undefined),
    );
  });
  return {
    /** Resolves once no request has been in flight for `quietMs`. */
    async idle(quietMs = 1000, timeoutMs = 60000) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        if (inFlight <= 0 && performance.now() - lastChange >= quietMs) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the network never went quiet (${inFlight} requests in flight)`);
    },
    /** { total, requests: [{url, by, status, encoding, bytes}] } so far. */
    async summary() {
      await Promise.all(waiting);
      const requests = [...records].sort((a, b) => b.bytes - a.bytes);
      return { total: requests.reduce((sum, r) => sum + r.bytes, 0), requests };
    },
  };
}

/**
 * A TCP relay on a free loopback port to the server at `target` that counts the bytes each
 * way. Browse `relay.url` instead of the server; `relay.bytes()` is { down, up } so far.
 */
export async function wireMeter(target) {
  const { hostname, port } = new URL(target);
  let down = 0;
  let up = 0;
  const open = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('data', (chunk) => {
      up += chunk.length;
    });
    upstream.on('data', (chunk) => {
      down += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    bytes: () => ({ down, up }),
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until the service worker controls the page and has the app and the offer cached. */
export async function untilOfflineReady(page, timeoutMs = 60000) {
  // Poll with evaluate, which awaits the page's promises (waitForFunction would not).
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await page.evaluate(async () => {
      if (!navigator.serviceWorker.controller) return false;
      const keys = await caches.keys();
      const app = keys.find((k) => k.startsWith('local-offer-app-'));
      if (!app) return false;
      const shell = await (await caches.open(app)).match('/');
      const offer = keys.includes('local-offer-data-v1') && (await (await caches.open('local-offer-data-v1')).match('/api/offer'));
      return Boolean(shell && offer);
    });
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service worker never became ready for offline use');
}

/** Waits for the category links, then returns what the recorder saw in this document. */
export async function homeMetrics(page, { settleMs = 1000, timeoutMs = 60000 } = {}) {
  await page.locator(CATEGORY_LINKS).first().waitFor({ state: 'attached', timeout: timeoutMs });
  await page.waitForTimeout(settleMs);
  return recorded(page);
}

/** What the recorder saw in the page's document so far. */
export async function recorded(page) {
  const m = await page.evaluate(() => JSON.parse(JSON.stringify(window.__localOfferMetrics)));
  return { fcp: m.fcp, categories: m.categories, shifts: m.shifts, cls: layoutShift(m.shifts) };
}

/**
 * Layout shift both ways: `sum` adds every shift not caused by input (stricter, what the
 * budget test asserts), and `windowed` is the Core Web Vitals CLS (the largest session
 * window: shifts less than 1 s apart, at most 5 s long).
 */
export function layoutShift(shifts) {
  const counted = shifts.filter((s) => !s.hadRecentInput).sort((a, b) => a.at - b.at);
  const sum = counted.reduce((total, s) => total + s.value, 0);
  let windowed = 0;
  let current = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of counted) {
    if (s.at - last > 1000 || s.at - first > 5000) {
      current = 0;
      first = s.at;
    }
    current += s.value;
    last = s.at;
    windowed = Math.max(windowed, current);
  }
  return { sum, windowed };
}

/**
 * A first visit to the server at `url` on a new phone (see launchPhone), through a wire
 * meter: bytes (`wire` on the wire, `bytes` by request), paint and shift figures, counted
 * until the service worker is ready, the network is quiet and a second more has passed.
 * `throttled` (the default) is the slow phone of issue 13; `false` loads as fast as the
 * machine can.
 */
export async function firstVisit(url, { throttled = true } = {}) {
  const relay = await wireMeter(url);
  const phone = await launchPhone();
  try {
    await instrumentContext(phone.context);
    const transfers = countTransfers(phone.context);
    if (throttled) await throttle(phone.page);
    await phone.page.goto(`${relay.url}/`);
    await homeMetrics(phone.page);
    await untilOfflineReady(phone.page);
    await transfers.idle();
    const bytes = await transfers.summary();
    // Shifts count until everything has arrived (the install card, say, comes late).
    await phone.page.waitForTimeout(1000);
    const metrics = await recorded(phone.page);
    // Whether the browser's install offer reached the young person (it may come before
    // the app does; index.html keeps it for the app).
    const installOffered = (await phone.page.locator('#install-heading').count()) > 0;
    return { metrics, bytes, wire: relay.bytes(), installOffered };
  } finally {
    await phone.close();
    await relay.close();
  }
}

/** A table of what a visit transferred, largest first, for a failure message or a report. */
export function describeTransfers({ total, requests }, wire) {
  const lines = requests.map(
    (r) =>
      `${String(r.bytes).padStart(9)} B  ${(r.by === 'page' ? 'page' : 'sw').padEnd(4)}  ${String(r.status ?? 'failed').padEnd(4)} ${(r.encoding || '-').padEnd(5)} ${new URL(r.url).pathname}`,
  );
  lines.push(`${String(total).padStart(9)} B  total by request (DevTools, ${(total / 1024).toFixed(1)} KiB)`);
  if (wire) {
    lines.push(`${String(wire.down).padStart(9)} B  total on the wire, server to phone (${(wire.down / 1024).toFixed(1)} KiB; phone to server ${wire.up} B)`);
  }
  return lines.join('\n');
}

/** A file's size raw, at gzip 9 and at brotli 11: what the build's compressed copies weigh. */
export function sizes(bytes) {
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, br };
}
