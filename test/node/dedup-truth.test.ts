// Deduplication measured against the demo data's ground truth: four directories publish overlapping,
// slightly different copies of the same services; the truth says which records are one service.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDirectory } from '../../src/sources/index.js';
import { createBlender, explainBlend, type BlendExplanation } from '../../src/engine/index.js';
import { Features, memo } from '../../src/engine/dedup/features.js';
import type { BlendedService, Service } from '../../src/model/index.js';
import { startFixtureServer } from '../fixtures/server.js';

let server: { url: string; close(): Promise<void> };
let blended: BlendedService[];
let merged: number;
let explained: BlendExplanation;
const records: Service[] = [];
let truth: Array<{ service: string; records: string[] }>;

const DIRECTORIES = ['cardiff-council', 'vale-wellbeing', 'bay-health', 'cwtch-map'];

before(async () => {
  server = await startFixtureServer();
  truth = await (await fetch(`${server.url}/demo-truth.json`)).json();
  const blender = createBlender();
  for (const id of DIRECTORIES) {
    // The truth names records `<directory id>:<record id>`: read each directory under that id.
    for await (const page of readDirectory(`${server.url}/directories/${id}`, { id })) {
      blender.add(page.services);
      records.push(...page.services);
    }
  }
  blended = blender.services();
  merged = blender.merged;
  explained = explainBlend(blender);
});
after(() => server.close());

describe('deduplication against the demo ground truth', () => {
  it('never merges records of different services (precision 100%)', () => {
    const serviceOf = new Map(truth.flatMap((t) => t.records.map((r) => [r, t.service])));
    const wrong = blended.filter((b) => new Set(b.sources.map((s) => serviceOf.get(s.key))).size > 1);
    assert.deepEqual(
      wrong.map((b) => b.sources.map((s) => `${s.key} (${serviceOf.get(s.key)})`)),
      [],
      'every blended service holds records of one real service only',
    );
  });

  it('finds at least 90% of the true duplicates, and reports the merged count', () => {
    const expected = truth.reduce((n, t) => n + Math.max(0, t.records.length - 1), 0);
    const recordCount = truth.reduce((n, t) => n + t.records.length, 0);
    assert.equal(merged, recordCount - blended.length, 'merged = records in − services out');
    assert.ok(merged >= expected * 0.9, `found ${merged} of ${expected} duplicates`);
    console.log(`# dedup: ${merged} of ${expected} true duplicates merged; ${blended.length} services from ${recordCount} records`);
  });

  it('reads the same features with the memo a blender shares across records as without', () => {
    const seen = memo();
    const shared = records.map((s) => new Features(s, seen));
    assert.ok(seen.names.size < records.length, 'some names repeat across directories');
    records.forEach((s, i) => assert.deepEqual(shared[i], new Features(s), s.key));
  });

  it('names every directory a merged service came from', () => {
    const multi = blended.filter((b) => b.sources.length > 1);
    assert.ok(multi.length > 0);
    for (const b of multi) assert.equal(new Set(b.sources.map((s) => s.directory.id)).size, b.sources.length, 'one record per directory');
  });

  it('explains every merge by evidence that links all its records, and names near misses across groups only', () => {
    const groupOf = new Map(blended.flatMap((b, i) => b.sources.map((s) => [s.key, i])));
    assert.equal(explained.groups.length, blended.filter((b) => b.sources.length > 1).length);
    for (const g of explained.groups) {
      // The records are linked when evidence joins them all into one.
      const linked = new Set([g.keys[0]]);
      for (let grew = true; grew;) {
        grew = false;
        for (const e of g.evidence) {
          if (linked.has(e.a) !== linked.has(e.b)) {
            linked.add(e.a).add(e.b);
            grew = true;
          }
        }
      }
      assert.equal(linked.size, g.keys.length, `evidence links ${g.keys.join(', ')}`);
    }
    const serviceOf = new Map(truth.flatMap((t) => t.records.map((r) => [r, t.service])));
    for (const m of explained.nearMisses) {
      assert.notEqual(groupOf.get(m.a), groupOf.get(m.b), `${m.a} and ${m.b} are not merged`);
      assert.notEqual(m.a.split(':')[0], m.b.split(':')[0], 'of two directories');
    }
    const missed = explained.nearMisses.filter((m) => serviceOf.get(m.a) === serviceOf.get(m.b)).length;
    console.log(`# dedup: ${explained.nearMisses.length} near misses, ${missed} of them one service by the truth`);
  });
});
