// Issue 13's budgets on the home page, cold: a first visit transfers at most 200 KB in total
// (the page and its service worker, compressed, headers included), and the page shifts by
// at most 0.02 while it loads, on a slow phone and on a fast connection alike. Bytes and
// layout shift are stable on a noisy machine; times are reported by scripts/bench, not
// asserted here. Each visit is a new browser profile (see launchPhone in
// scripts/measure.mjs: an ordinary profile, so the browser's install offer comes too).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './harness.mjs';
import { describeTransfers, firstVisit } from '../../scripts/measure.mjs';

const BYTES_BUDGET = 200 * 1024;
const SHIFT_BUDGET = 0.02;
// 395 KB measured on 23 November 2026 (after the stylesheet was inlined and the install-only
// icons left out of the precache); 433 KiB on 6 December 2026, when every word of the app
// moved into a catalogue for its six other languages (the WASM grew by 31 KiB brotli: the
// English text as data, about 500 keys, and the language machinery; the README's "Measured"
// says where). 442.4 KiB later the same day, with districts in two-tier counties (the WASM
// grew by 3.7 KiB: the "which part of the county" question and the district teams on
// Contacts) and five more national items with each council's own words (/api/offer, 19.7
// KiB). A little room for content edits.
const GUARD_KB = 450;

function describeShifts({ cls, shifts }) {
  return `shifted by ${cls.sum.toFixed(4)} in all (largest window ${cls.windowed.toFixed(4)}):\n${shifts
    .map((s) => `  ${s.value.toFixed(4)} at ${Math.round(s.at)} ms: ${s.sources.join(', ')}`)
    .join('\n')}`;
}

describe('performance budgets', () => {
  let server;
  let slow;
  let fast;

  before(async () => {
    server = await startServer();
    // Throttled (150 ms, 1.6 Mbit/s, 4x CPU) so the page arrives in stages, as on a phone
    // with weak signal, and a late arrival that moves things shows up as a shift.
    slow = await firstVisit(server.url);
    // As fast as this machine goes: things arrive in another order.
    fast = await firstVisit(server.url, { throttled: false });
    const { wire, bytes } = slow;
    console.log(
      `first visit: ${wire.down} B (${(wire.down / 1024).toFixed(1)} KiB) on the wire, ${bytes.total} B by request in ${bytes.requests.length} requests`,
    );
    console.log(`layout shift, slow phone: sum ${slow.metrics.cls.sum.toFixed(4)}, largest window ${slow.metrics.cls.windowed.toFixed(4)}`);
    console.log(`layout shift, fast: sum ${fast.metrics.cls.sum.toFixed(4)}, largest window ${fast.metrics.cls.windowed.toFixed(4)}`);
  });

  after(async () => {
    await server?.cleanup();
  });

  // Issue 13's budget is not met yet: the WASM alone is about 350 KB brotli (see the README's
  // "Measured" and scripts/wasm-breakdown). This runs every time and shows as TODO with its
  // figure until the WASM is split or shrunk; the guard below keeps it from growing.
  test('a first visit transfers at most 200 KB, page and service worker together', { todo: 'issue 13: the WASM is over the budget on its own' }, () => {
    // Counted on the wire (every byte the server sent), so nothing the browser fetched
    // by itself escapes; the breakdown by request is DevTools'.
    assert.ok(
      slow.wire.down <= BYTES_BUDGET,
      `a first visit transferred ${slow.wire.down} B, over the budget of ${BYTES_BUDGET} B:\n${describeTransfers(slow.bytes, slow.wire)}`,
    );
  });

  test(`a first visit transfers no more than today's ${GUARD_KB} KB (a guard until the 200 KB budget is met)`, () => {
    assert.ok(
      slow.wire.down <= GUARD_KB * 1024,
      `a first visit transferred ${slow.wire.down} B, more than the ${GUARD_KB} KB guard (442.4 KiB on 6 December 2026):\n${describeTransfers(slow.bytes, slow.wire)}`,
    );
  });

  test('a slow phone is still offered the install, though the browser offers it before the app arrives', () => {
    assert.ok(slow.installOffered, 'the install card did not show after a throttled first visit');
    assert.ok(fast.installOffered, 'the install card did not show after an unthrottled first visit');
  });

  test('the home page does not move while it loads on a slow phone (layout shift at most 0.02)', () => {
    assert.ok(slow.metrics.cls.sum <= SHIFT_BUDGET, `on a slow phone the home page ${describeShifts(slow.metrics)}`);
  });

  test('the home page does not move while it loads on a fast connection (layout shift at most 0.02)', () => {
    assert.ok(fast.metrics.cls.sum <= SHIFT_BUDGET, `on a fast connection the home page ${describeShifts(fast.metrics)}`);
  });
});
