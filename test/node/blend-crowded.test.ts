// Blending stays linear whatever the names: directories that crowd the blocking keys (one place, one postcode,
// one phone, one page, one email, one organisation's every key; twins at one hall; a national chain) are
// blended, and the pairs the blender looked at are counted against the bound its blocks promise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBlender } from '../../src/engine/blend.js';
import { blendPages as timed } from '../../bench/measure.js';
import { blockKeys, Features } from '../../src/engine/dedup/features.js';
import { MAX_BLOCK } from '../../src/engine/dedup/thresholds.js';
import type { DirectoryRef, Service } from '../../src/model/index.js';
import { CROWDED_SHAPES, serviceOf, type CrowdedShape } from '../fixtures/crowded.js';

/** The blender after reading the directories page by page (bench/measure.ts; its time is not read here). */
const blendPages = (...args: Parameters<typeof timed>) => timed(...args).blender;

/** Twice the records: pairs looked at double when blending is linear, and quadruple when it compares all pairs. */
const SMALL = 4_000;
const LARGE = 8_000;
const LINEAR = 2.5;

/**
 * The most pairs the blender may look at for these records: each key it searches (id, url, every email,
 * phone and postcode, the nine grid cells around every point) gives at most MAX_BLOCK records, or, when
 * crowded, MAX_BLOCK for each of the name's block keys. Comparing all pairs under a shared key gives
 * half the records per record instead.
 */
function bound(records: Service[]): number {
  let total = 0;
  for (const s of records) {
    const f = new Features(s);
    const keys = (f.strongId ? 1 : 0) + (f.urlKey ? 1 : 0) + f.emails.length + f.numbers.length + f.postcodes.length + 9 * f.points.length;
    total += keys * blockKeys(f.words).length * MAX_BLOCK;
  }
  return total;
}

describe('blending crowded directories', () => {
  for (const shape of Object.keys(CROWDED_SHAPES) as CrowdedShape[]) {
    it(`${shape}: pairs looked at grow linearly and within the blocks' bound, every service found, none merged wrongly`, () => {
      const small = blendPages(CROWDED_SHAPES[shape](SMALL).byDirectory);
      const { byDirectory, services } = CROWDED_SHAPES[shape](LARGE);
      const records = byDirectory.flat();
      const blender = blendPages(byDirectory);
      assert.ok(
        blender.comparisons <= LINEAR * small.comparisons,
        `${small.comparisons} pairs looked at for ${SMALL} records, ${blender.comparisons} for ${LARGE}`,
      );
      const limit = bound(records);
      assert.ok(
        blender.comparisons <= limit,
        `${blender.comparisons} pairs looked at for ${records.length} records (at most ${limit}; all pairs would be ${(records.length * (records.length - 1)) / 2})`,
      );
      assert.ok(blender.judged <= blender.comparisons + records.length * byDirectory.length ** 2, `${blender.judged} pairs judged`);
      const blended = blender.services();
      const wrong = blended.filter((s) => new Set(s.sources.map((r) => serviceOf(r.key))).size > 1);
      assert.deepEqual(
        wrong.slice(0, 3).map((s) => s.sources.map((r) => r.key)),
        [],
        'no service holds records of two services',
      );
      assert.equal(blended.length, services, 'every twin found');
    });
  }

  it('a crowded page read again looks at no pair again and files nothing twice', () => {
    const { byDirectory } = CROWDED_SHAPES['twins at one hall, two directories'](2_000);
    const [first, second] = byDirectory;
    // A third directory's copies of the first directory's records, looked up after the others.
    const probe = first.map((s) => ({ ...s, key: `c:${s.id}`, directory: { id: 'c', name: 'c', url: 'https://c.example/api' } }));
    const once = blendPages([first, second]);
    const twice = blendPages([first, second]);
    const looked = twice.comparisons;
    blendPages([first.map((s) => structuredClone(s)), second.map((s) => structuredClone(s))], twice);
    assert.equal(twice.comparisons, looked, 'unchanged records are not matched again');
    const before = [once.comparisons, twice.comparisons];
    once.add(probe);
    twice.add(probe);
    assert.equal(twice.comparisons - before[1], once.comparisons - before[0], 'the blocks hold each record once');
    assert.equal(twice.services().length, once.services().length);
  });

  it('a record renamed on a second read is found under its new name by records arriving later, also in a crowd', () => {
    const hall = { lat: 51.4816, lng: -3.1791 };
    const dir = (id: string): DirectoryRef => ({ id, name: id, url: `https://${id}.example/api` });
    const a = dir('a');
    const b = dir('b');
    const crowd = Array.from({ length: MAX_BLOCK * 3 }, (_, i): Service => {
      const id = `a${i}`;
      return { key: `a:${id}`, id, directory: a, name: `Many Service ${String(i).padStart(5, '0')}`, locations: [{ ...hall }] };
    });
    const blender = createBlender();
    blender.add(crowd);
    blender.add([{ ...crowd[5], name: 'Zumba Gold' }]);
    blender.add([{ key: 'b:z', id: 'z', directory: b, name: 'Zumba gold', locations: [{ ...hall }] }]);
    const merged = blender.services().find((s) => s.sources.length > 1);
    assert.deepEqual(
      merged?.sources.map((s) => s.key),
      ['a:a5', 'b:z'],
    );
  });
});
