// The project's own demo data (demo/data/generate.ts): shape, completeness rules and determinism.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ACCESS_TYPES, ATTENDANCE_MODES, WEEKDAYS } from '../../src/model/service.js';
import { BOUNDS, generate, type DemoData, type DemoService } from '../../demo/data/generate.js';

const data: DemoData = generate();
const { services, directories, places, postcodes } = data;
const byId = new Map(services.map((s) => [s.id, s]));

/** Every path in `value` holding an empty string, array or object, or a -1 placeholder. */
function emptyPaths(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [path] : [];
  // -1 is a real value only as a BYDAY ordinal ("last Friday").
  if (typeof value === 'number') return (value === -1 && !path.endsWith('.nth')) || !Number.isFinite(value) ? [path] : [];
  if (value === null) return [path];
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => emptyPaths(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [path];
    return entries.flatMap(([k, v]) => (v === undefined ? [`${path}.${k}`] : emptyPaths(v, `${path}.${k}`)));
  }
  return [];
}

const inBounds = (lat: number, lng: number) => lat >= BOUNDS.south && lat <= BOUNDS.north && lng >= BOUNDS.west && lng <= BOUNDS.east;

const share = (pred: (s: DemoService) => boolean) => services.filter(pred).length / services.length;

describe('demo data', () => {
  it('has about 400 services with unique demo ids', () => {
    assert.ok(services.length >= 380 && services.length <= 420, `${services.length} services`);
    assert.equal(new Set(services.map((s) => s.id)).size, services.length);
    for (const s of services) assert.match(s.id, /^demo-\d{4}$/);
  });

  it('never stores key, directory or raw', () => {
    for (const s of services) {
      for (const k of ['key', 'directory', 'raw']) assert.ok(!(k in s), `${s.id} has ${k}`);
    }
  });

  it('never writes empty strings, arrays, objects or -1 placeholders', () => {
    assert.deepEqual(emptyPaths(services, 'services'), []);
    assert.deepEqual(emptyPaths(directories, 'directories'), []);
    assert.deepEqual(emptyPaths(places, 'places'), []);
    assert.deepEqual(emptyPaths(postcodes, 'postcodes'), []);
  });

  it('uses only the model vocabularies', () => {
    for (const s of services) {
      for (const a of s.access ?? []) assert.ok((ACCESS_TYPES as readonly string[]).includes(a), `${s.id} access ${a}`);
      for (const a of s.attendance ?? []) assert.ok((ATTENDANCE_MODES as readonly string[]).includes(a), `${s.id} attendance ${a}`);
      for (const r of s.schedules ?? []) {
        for (const d of r.byday ?? []) assert.ok((WEEKDAYS as readonly string[]).includes(d.day));
        if (r.opensAt) assert.match(r.opensAt, /^\d\d:\d\d$/);
        if (r.closesAt) assert.match(r.closesAt, /^\d\d:\d\d$/);
      }
      for (const t of s.categories ?? []) assert.equal(t.vocabulary, 'categories');
      for (const t of s.eligibility ?? []) assert.equal(t.vocabulary, 'circumstances');
      if (s.url) assert.match(s.url, /^https:\/\//);
      for (const p of s.phones ?? []) assert.match(p.number, /^(029 2\d{3} \d{4}|07700 900\d{3})$/);
      if (s.ages?.min !== undefined) assert.ok(s.ages.min >= 0);
      if (s.ages?.min !== undefined && s.ages.max !== undefined) assert.ok(s.ages.min <= s.ages.max, `${s.id} ages`);
    }
  });

  it('has the deliberately incomplete records', () => {
    const noAccess = share((s) => !s.access);
    const noAges = share((s) => !s.ages);
    const noSchedules = share((s) => !s.schedules);
    const noLocation = share((s) => !s.locations);
    const addressOnly = share((s) => !!s.locations && s.locations.every((l) => l.lat === undefined && l.lng === undefined));
    assert.ok(noAccess > 0.2 && noAccess < 0.3, `no access ${noAccess}`);
    assert.ok(noAges > 0.2 && noAges < 0.3, `no ages ${noAges}`);
    assert.ok(noSchedules > 0.15 && noSchedules < 0.25, `no schedules ${noSchedules}`);
    assert.ok(noLocation > 0.03 && noLocation < 0.08, `no location ${noLocation}`);
    assert.ok(addressOnly > 0.07 && addressOnly < 0.13, `address only ${addressOnly}`);
    assert.ok(share((s) => !s.email) > 0.05, 'some without email');
    assert.ok(share((s) => !s.phones) > 0.05, 'some without phone');
    const html = share((s) => !!s.descriptionHtml);
    assert.ok(html > 0.06 && html < 0.15, `descriptionHtml ${html}`);
    assert.ok(
      services.some((s) => s.status === 'inactive'),
      'some inactive',
    );
  });

  it('spreads assured dates from two weeks to three years, about 15% over a year old', () => {
    const ref = Date.parse('2026-11-01T00:00:00Z');
    const ages = services.map((s) => (ref - Date.parse(`${s.assuredDate}T00:00:00Z`)) / 86_400_000);
    for (const a of ages) assert.ok(a >= 14 && a <= 3 * 366, `age ${a}`);
    const old = ages.filter((a) => a > 365).length / ages.length;
    assert.ok(old > 0.08 && old < 0.25, `older than a year ${old}`);
  });

  it('keeps sessions at one venue on different days as separate services', () => {
    const sessions = services.filter((s) => /\((Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\)$/.test(s.name));
    const groups = new Map<string, DemoService[]>();
    for (const s of sessions) {
      const k = `${s.name.replace(/ \(\w+\)$/, '')}|${s.locations?.[0]?.id}`;
      groups.set(k, [...(groups.get(k) ?? []), s]);
    }
    const multi = [...groups.values()].filter((g) => g.length > 1);
    assert.ok(multi.length >= 3, `${multi.length} session groups`);
    for (const g of multi) {
      assert.equal(new Set(g.map((s) => s.phones?.[0]?.number)).size, 1, 'same organisation phone');
      assert.equal(new Set(g.map((s) => s.schedules?.[0]?.byday?.[0]?.day)).size, g.length, 'different days');
    }
  });

  it('puts every coordinate inside Cardiff and the Vale', () => {
    for (const s of services) {
      for (const l of s.locations ?? []) {
        assert.equal(l.lat === undefined, l.lng === undefined, `${s.id} has half a coordinate`);
        if (l.lat !== undefined) assert.ok(inBounds(l.lat, l.lng!), `${s.id} at ${l.lat},${l.lng}`);
      }
    }
    for (const [name, p] of Object.entries(places)) assert.ok(inBounds(p.lat, p.lng), name);
    for (const [pc, p] of Object.entries(postcodes.postcodes)) assert.ok(inBounds(p.lat, p.lng), pc);
    for (const [oc, p] of Object.entries(postcodes.outcodes)) assert.ok(inBounds(p.lat, p.lng), oc);
  });

  it('knows every postcode and outcode it uses', () => {
    assert.ok(postcodes.postcodes['CF10 1EP']);
    for (const pc of Object.keys(postcodes.postcodes)) {
      assert.match(pc, /^CF\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/);
      assert.ok(postcodes.outcodes[pc.split(' ')[0]!], `outcode of ${pc}`);
    }
    for (const s of services) {
      for (const l of s.locations ?? []) {
        const pc = l.address?.postcode;
        if (!pc) continue;
        assert.ok(postcodes.postcodes[pc], `${s.id} postcode ${pc}`);
        assert.ok(postcodes.outcodes[pc.split(' ')[0]!], `${s.id} outcode ${pc}`);
      }
    }
    for (const p of ['Barry', 'Penarth', 'Cardiff Bay', 'Splott']) assert.ok(places[p], p);
  });

  it('publishes every service in at least one directory, and at least 10% in two or more', () => {
    assert.equal(directories.length, 4);
    assert.equal(new Set(directories.map((d) => d.id)).size, 4);
    const count = new Map<string, number>();
    for (const d of directories) {
      assert.equal(new Set(d.records.map((r) => r.id)).size, d.records.length, `${d.id} ids unique`);
      assert.equal(new Set(d.records.map((r) => r.of)).size, d.records.length, `${d.id} lists a service twice`);
      for (const r of d.records) {
        assert.ok(byId.has(r.of), `${d.id} record of unknown ${r.of}`);
        count.set(r.of, (count.get(r.of) ?? 0) + 1);
        for (const k of Object.keys(r.patch ?? {})) assert.ok(!['id', 'key', 'directory', 'raw'].includes(k), `patch of ${k}`);
        for (const k of r.omit ?? []) assert.ok(k in byId.get(r.of)!, `${d.id} omits ${k} that ${r.of} does not have`);
      }
    }
    for (const s of services) assert.ok(count.has(s.id), `${s.id} is in no directory`);
    const multi = [...count.values()].filter((c) => c > 1).length / services.length;
    assert.ok(multi >= 0.1, `only ${multi} in 2+ directories`);
  });

  it('uses each dialect’s id style', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const dialects = directories.map((d) => d.dialect).sort();
    assert.deepEqual(dialects, ['oruk-v1-zero', 'oruk-v3', 'outpost', 'placecube']);
    for (const d of directories) {
      if (d.idStyle === 'uuid') for (const r of d.records) assert.match(r.id, uuid);
      if (d.idStyle === 'numeric') for (const r of d.records) assert.match(r.id, /^[1-9]\d*$/);
      if (d.idStyle === 'zero-based') d.records.forEach((r, i) => assert.equal(r.id, String(i)));
      assert.match(d.feedbackUrl, /^https:\/\//);
    }
    assert.ok(directories.some((d) => d.idStyle === 'zero-based'));
  });

  it('makes copies in other directories differ a little', () => {
    const patched = directories.flatMap((d) => d.records).filter((r) => r.patch || r.omit);
    assert.ok(
      patched.some((r) => r.patch?.name && r.patch.name !== byId.get(r.of)!.name),
      'a name differs',
    );
    assert.ok(
      patched.some((r) => r.patch?.assuredDate && r.patch.assuredDate < byId.get(r.of)!.assuredDate!),
      'an older assuredDate',
    );
    assert.ok(
      patched.some((r) => r.omit?.includes('phones')),
      'a missing phone',
    );
  });

  it('is deterministic', () => {
    assert.deepEqual(generate(), data);
  });

  it('matches the files on disk (run `npm run demo:data` after changing the generator)', () => {
    const read = (f: string) => JSON.parse(readFileSync(new URL(`../../demo/data/${f}`, import.meta.url), 'utf8')) as unknown;
    assert.deepEqual(read('services.json'), services);
    assert.deepEqual(read('directories.json'), directories);
    assert.deepEqual(read('places.json'), places);
    assert.deepEqual(read('postcodes.json'), postcodes);
  });
});
