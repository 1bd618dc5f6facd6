/** The timed part of the bench; runs unchanged in Node and in Chromium. */
import type { Query, Service } from '../src/model/index.js';
import { createBlender, createIndex, search } from '../src/engine/index.js';

export interface Measures {
  records: number;
  services: number;
  merged: number;
  blendMs: number;
  blendMedianMs: number;
  /** Fastest of the 11: the least disturbed by other work on the machine. */
  blendFastestMs: number;
  indexMs: number;
  reindexMs: number;
  filterMedianMs: number;
  filterResults: number;
  keystrokeMedianMs: number;
  keystrokeResults: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const TYPICAL: Query = {
  text: 'support',
  age: 35,
  access: ['drop-in', 'self-referral'],
  days: ['TU'],
  near: { lat: 51.4816, lng: -3.1791 },
  radiusKm: 5,
};

/** Blends the directories' records as they would arrive: pages of 100, directories interleaved; timed. */
export function blendPages(byDirectory: Service[][], blender = createBlender()) {
  const t0 = performance.now();
  const pages = byDirectory.map((records) =>
    Array.from({ length: Math.ceil(records.length / 100) }, (_, i) => records.slice(i * 100, i * 100 + 100)),
  );
  for (let p = 0; pages.some((d) => p < d.length); p++) for (const d of pages) if (d[p]) blender.add(d[p]);
  const services = blender.services();
  return { ms: performance.now() - t0, blender, services };
}

/** Runs every measure; `keep` holds the blender and index so the caller can read the heap with them alive. */
export function measure(byDirectory: Service[][], now = new Date('2026-04-15T10:30:00Z')): Measures & { keep: unknown } {
  const blendOnce = () => blendPages(byDirectory);
  const first = blendOnce();
  const blendRuns = [first.ms];
  for (let i = 0; i < 10; i++) blendRuns.push(blendOnce().ms);
  const { blender, services } = first;

  const t1 = performance.now();
  const index = createIndex(services);
  const indexMs = performance.now() - t1;
  // As the store does after each page: one more page arrives, blend and index again.
  const extra = byDirectory[0].slice(0, 100).map((s) => ({ ...s, key: `${s.key}-again`, id: `${s.id}-again` }));
  const t2 = performance.now();
  blender.add(extra);
  createIndex(blender.services());
  const reindexMs = performance.now() - t2;

  const filterRuns: number[] = [];
  let filterResults = 0;
  for (let i = 0; i < 50; i++) {
    // Every one of the 50 searches scores the keywords itself: kept scores would turn all but the first into a lookup.
    index.textCache = undefined;
    const t = performance.now();
    filterResults = search(index, TYPICAL, { now }).results.length;
    filterRuns.push(performance.now() - t);
  }
  const keyRuns: number[] = [];
  let keystrokeResults = 0;
  for (let i = 0; i < 50; i++) {
    index.textCache = undefined;
    search(index, { ...TYPICAL, text: 'coun' }, { now });
    const t = performance.now();
    keystrokeResults = search(index, { ...TYPICAL, text: 'couns' }, { now }).results.length;
    keyRuns.push(performance.now() - t);
  }
  return {
    keep: [blender, index],
    records: byDirectory.reduce((n, d) => n + d.length, 0),
    services: services.length,
    merged: blender.merged,
    blendMs: first.ms,
    blendMedianMs: median(blendRuns),
    blendFastestMs: Math.min(...blendRuns),
    indexMs,
    reindexMs,
    filterMedianMs: median(filterRuns),
    filterResults,
    keystrokeMedianMs: median(keyRuns),
    keystrokeResults,
  };
}
