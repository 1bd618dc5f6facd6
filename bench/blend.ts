/**
 * `npm run bench -- blend`: blending directories that crowd the blocking keys
 * (test/fixtures/crowded.ts): similarly named services of one organisation,
 * many records at one point, postcode, phone, page or email, twins at one
 * hall in two directories, a national chain in five (500 branches each, and
 * 12,000 each). For each: services made (and how many a perfect blend
 * makes), records merged with a record of another service (wrong merges),
 * pairs looked at (`comparisons`, and per record), pairs the rules judged,
 * and the median time, beside the target of 60,000 records in 2 s. The count
 * of pairs is what a quadratic blend would show first; the time is
 * wall-clock, inflated by other work on the machine.
 */
import { cpus, loadavg } from 'node:os';
import { CROWDED_SHAPES, serviceOf, type CrowdedShape } from '../test/fixtures/crowded.js';
import { blendPages } from './measure.js';

const TARGET_MS = 2000;
const TARGET_RECORDS = 60_000;

interface Row {
  shape: CrowdedShape;
  records: number;
  services: number;
  expected: number;
  wrong: number;
  comparisons: number;
  judged: number;
  medianMs: number;
}

function measureShape(shape: CrowdedShape, records: number, runs: number): Row {
  const { byDirectory, services: expected } = CROWDED_SHAPES[shape](records);
  const times: number[] = [];
  let last = blendPages(byDirectory);
  times.push(last.ms);
  for (let i = 1; i < runs; i++) {
    last = blendPages(byDirectory);
    times.push(last.ms);
  }
  // A record merged into a service it is not part of is a wrong merge.
  let wrong = 0;
  for (const s of last.services) {
    const truth = new Map<string, number>();
    for (const r of s.sources) truth.set(serviceOf(r.key), (truth.get(serviceOf(r.key)) ?? 0) + 1);
    wrong += s.sources.length - Math.max(...truth.values());
  }
  times.sort((a, b) => a - b);
  return {
    shape,
    records: byDirectory.flat().length,
    services: last.services.length,
    expected,
    wrong,
    comparisons: last.blender.comparisons,
    judged: last.blender.judged,
    medianMs: times[Math.floor(times.length / 2)],
  };
}

const n = (x: number) => x.toLocaleString('en-GB');

export async function benchBlend(): Promise<void> {
  console.log(
    `\nBlending crowded directories (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores; times are wall-clock, medians of 3 at 60,000 and of 5 below)`,
  );
  const rows: Row[] = [];
  for (const records of [2_000, 8_000, 60_000])
    rows.push(measureShape('similar names, one organisation', records, records > 10_000 ? 3 : 5));
  for (const shape of Object.keys(CROWDED_SHAPES) as CrowdedShape[]) {
    if (shape !== 'similar names, one organisation') rows.push(measureShape(shape, TARGET_RECORDS, 3));
  }
  // The chain as a real one is: 500 branches in each of five directories.
  rows.push(measureShape('national chain, five directories', 2_500, 5));
  const table = [
    ['shape', 'records', 'services (of)', 'wrong', 'pairs looked at', 'per record', 'judged', 'time', 'target'],
    ...rows.map((r) => [
      r.shape,
      n(r.records),
      `${n(r.services)} (${n(r.expected)})`,
      n(r.wrong),
      n(r.comparisons),
      (r.comparisons / r.records).toFixed(1),
      n(r.judged),
      `${r.medianMs.toFixed(0)} ms`,
      r.records < TARGET_RECORDS ? '' : r.medianMs <= TARGET_MS ? `met (≤ ${n(TARGET_MS)} ms)` : `NOT met (≤ ${n(TARGET_MS)} ms)`,
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table)
    console.log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
  const big = rows.filter((r) => r.records >= TARGET_RECORDS);
  const met = big.every((r) => r.medianMs <= TARGET_MS && r.wrong === 0 && r.services === r.expected);
  console.log(
    `\nTarget (${n(TARGET_RECORDS)} records blended in ≤ ${n(TARGET_MS)} ms, every service found, no wrong merge): ${met ? 'met' : 'NOT met'}`,
  );
}
