/**
 * `npm run bench -- needs`: the needs vocabulary over 10,000 records (the engine bench's records). Compiling
 * the shipped vocabulary; the first search by need, which finds the needs of every service (cached per
 * service); a search by another need once they are known; a category preset resolved through the
 * vocabulary; and, over the real captures when ../shared/reference is present, matching per record.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createBlender, createIndex, search } from '../src/engine/index.js';
import { compileNeeds, loadShippedVocabulary, needMatches } from '../src/engine/needs/index.js';
import { buildRecords, synthesise } from './data.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

export async function benchNeeds(): Promise<void> {
  const file = new URL('../demo/data/services.json', import.meta.url);
  const bases = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : synthesise();
  const { byDirectory } = buildRecords(bases);
  const blender = createBlender();
  for (const d of byDirectory) blender.add(d);
  const services = blender.services();
  const index = createIndex(services);
  const vocabulary = await loadShippedVocabulary();
  const now = new Date('2026-04-15T10:30:00Z');

  const compileRuns: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t = performance.now();
    compileNeeds(vocabulary);
    compileRuns.push(performance.now() - t);
  }
  const coldRuns: number[] = [];
  const warmRuns: number[] = [];
  const categoryRuns: number[] = [];
  let found = 0;
  for (let i = 0; i < 5; i++) {
    const needs = compileNeeds(vocabulary); // a new vocabulary: every service's needs found again
    let t = performance.now();
    found = search(index, { needs: ['lonely'] }, { now, needs }).results.length;
    coldRuns.push(performance.now() - t);
    t = performance.now();
    search(index, { needs: ['staying-active'] }, { now, needs });
    warmRuns.push(performance.now() - t);
    t = performance.now();
    search(index, { categories: ['Staying active'] }, { now, needs });
    categoryRuns.push(performance.now() - t);
  }
  console.log(
    `\nNeeds vocabulary (load average ${loadavg()[0].toFixed(2)}; ${services.length} services, ${vocabulary.needs.length} needs)`,
  );
  const rows: Array<[string, string]> = [
    ['compile the shipped vocabulary (median of 11)', fmt(median(compileRuns))],
    [`first search by need: every service's needs found (median of 5; ${found} results)`, fmt(median(coldRuns))],
    ['another need, needs known (median of 5)', fmt(median(warmRuns))],
    ['category "Staying active" through the vocabulary (median of 5)', fmt(median(categoryRuns))],
  ];
  const captured = new URL('../../shared/reference/oruk/captured/placecube-2024-12/Bristol%20Council.json', import.meta.url);
  if (existsSync(captured)) {
    const { readDirectory } = await import('../src/sources/index.js');
    const { startFixtureServer } = await import('../test/fixtures/server.js');
    const server = await startFixtureServer();
    try {
      const real = [];
      for await (const page of readDirectory(`${server.url}/captured/bristol`)) real.push(...page.services);
      const needs = compileNeeds(vocabulary);
      const t = performance.now();
      for (const s of real) needMatches(needs, s);
      const ms = performance.now() - t;
      rows.push([`Bristol's ${real.length} real records, every need (${((ms / real.length) * 1000).toFixed(0)} µs a record)`, fmt(ms)]);
    } finally {
      await server.close();
    }
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(w)}  ${value.padStart(9)}`);
}
