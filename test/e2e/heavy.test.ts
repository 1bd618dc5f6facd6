// End to end, heavy use: the built bundle over 20 generated directories (10,000 records) in Chromium.
// Runs the heavy bench (bench/heavy.ts) and asserts what does not depend on the machine's speed:
// everything is read, the form handles typing while the directories are still loading, and memory
// and the DOM stay flat over 200 searches and repeated mount/unmount cycles. Timings are printed
// by `npm run bench`, never asserted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { benchHeavy, type HeapPoint, type HeavyResult } from '../../bench/heavy.js';

const at = (points: HeapPoint[], label: string) => {
  const p = points.find((x) => x.label === label);
  assert.ok(p, `heap measured ${label}`);
  return p;
};

describe('heavy use: 20 directories, 10,000 records', () => {
  it('reads everything, stays responsive while loading, and keeps memory flat', { timeout: 600_000 }, async () => {
    const result = await benchHeavy({ directories: 20, size: 500, searches: 200, cycles: 50, print: false });
    assert.notEqual(typeof result, 'string', String(result));
    const r = result as HeavyResult;

    assert.equal(r.failedDirectories, 0, 'every directory read');
    assert.equal(r.records, 10_000, 'every record read');
    assert.ok(r.services > 6_000 && r.services < 10_000, `overlapping records blended (${r.services} services)`);

    // Typed while the directories were still being read: the form's input handler ran.
    assert.ok(r.typedWhileLoading.stillLoading, 'the keyword was typed while loading');
    assert.ok(r.typedWhileLoading.handled, `the form saw the keyword while loading (it saw “${r.typedWhileLoading.value}”)`);

    // 200 searches: the heap after them is within 1.5× the heap after the first 20; the DOM does not grow.
    const s20 = at(r.searchHeap, 'after 20 searches');
    const s200 = at(r.searchHeap, 'after 200 searches');
    assert.ok(
      s200.heapMB < s20.heapMB * 1.5,
      `heap after 200 searches ${s200.heapMB.toFixed(1)} MB vs ${s20.heapMB.toFixed(1)} MB after 20`,
    );
    // Both end on the same query: the same results, so the same nodes and listeners (a leak of three comment
    // nodes a search, from the results list going long and short in one element, added 84 nodes and 12 listeners).
    assert.ok(s200.nodes <= s20.nodes + 20, `DOM nodes after 200 searches ${s200.nodes} vs ${s20.nodes}`);
    assert.ok(s200.listeners <= s20.listeners + 5, `event listeners after 200 searches ${s200.listeners} vs ${s20.listeners}`);

    // Mount/unmount: a removed finder leaves nothing behind (heap, nodes, listeners).
    const c5 = at(r.cycleHeap, 'after 5 cycles');
    const last = at(r.cycleHeap, 'after 50 cycles');
    assert.ok(last.heapMB < c5.heapMB * 1.5, `heap after ${last.label} ${last.heapMB.toFixed(1)} MB vs ${c5.heapMB.toFixed(1)} MB after 5`);
    assert.ok(last.nodes <= c5.nodes + 50, `DOM nodes ${last.nodes} vs ${c5.nodes}`);
    assert.ok(last.listeners <= c5.listeners + 10, `event listeners ${last.listeners} vs ${c5.listeners}`);
  });
});
