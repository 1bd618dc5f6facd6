import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectoryRef, Query, Service } from '../../src/model/index.js';
import {
  completeness,
  createBlender,
  createIndex,
  facets,
  freshness,
  STALE_DAYS,
  nameSimilarity,
  normalisePhone,
  normalisePostcode,
  normaliseUrl,
  queryTerms,
  search,
} from '../../src/engine/index.js';

const dirs: Record<string, DirectoryRef> = {};
const dir = (id: string): DirectoryRef => (dirs[id] ??= { id, name: `Directory ${id}`, url: `https://${id}.example/api` });
let counter = 0;
function svc(dirId: string, fields: Partial<Service> & { name: string }): Service {
  const id = fields.id ?? `r${++counter}`;
  return { key: `${dirId}:${id}`, id, directory: dir(dirId), ...fields };
}
function blend(...services: Service[]) {
  const b = createBlender();
  b.add(services);
  return b;
}
const CF = { postcode: 'CF10 1AB' };
const venue = { name: 'St Mary’s Hall', address: CF, lat: 51.4816, lng: -3.1791 };

describe('blend and dedup', () => {
  it('a page read again many times files its records once, so later duplicates are still found', () => {
    const page = [0, 1, 2].map((i) =>
      svc('a', { id: `p${i}`, name: `Lunch club ${'ABC'[i]}`, phones: [{ number: '029 2000 0000' }], locations: [venue] }),
    );
    const b = createBlender();
    for (let i = 0; i < 40; i++) b.add(page.map((s) => ({ ...s })));
    b.add([svc('b', { name: 'Lunch club A', phones: [{ number: '029 2000 0000' }], locations: [venue] })]);
    assert.equal(b.merged, 1);
    assert.equal(b.services().length, 3);
  });

  it('normalises urls, phones and postcodes for matching', () => {
    assert.deepEqual(normaliseUrl('https://www.Example.org/Services/Lunch-Club/?utm_source=x&id=4#top'), {
      key: 'example.org/services/lunch-club?id=4',
      hasPath: true,
    });
    assert.deepEqual(normaliseUrl('http://example.org:8080/'), { key: 'example.org', hasPath: false });
    assert.deepEqual(normaliseUrl('https://example.org/index.html'), { key: 'example.org', hasPath: false });
    assert.equal(normaliseUrl('mailto:a@b.example'), undefined);
    assert.equal(normalisePhone('+44 (0)29 2000 1234'), '02920001234');
    assert.equal(normalisePhone('0044 29 2000 1234'), '02920001234');
    assert.equal(normalisePhone('111'), undefined);
    assert.equal(normalisePostcode('cf10 1ab'), 'CF101AB');
    assert.equal(normalisePostcode('not one'), undefined);
  });

  it('merges the same url (with a path) across two directories and names both', () => {
    const a = svc('a', { name: 'Carers café', url: 'https://www.example.org/services/carers-cafe/' });
    const b = svc('b', { name: 'Carers Cafe drop-in', url: 'http://example.org/services/carers-cafe?utm_source=x' });
    const b2 = blend(a, b);
    const list = b2.services();
    assert.equal(list.length, 1);
    assert.deepEqual(
      list[0].sources.map((s) => s.key),
      [a.key, b.key],
    );
    assert.equal(list[0].key, a.key);
    assert.equal(b2.merged, 1);
  });

  it('does not merge on a bare homepage shared by different services of one organisation', () => {
    const b = blend(
      svc('a', { name: 'Befriending', url: 'https://ageuk.example/' }),
      svc('b', { name: 'Handyperson service', url: 'https://ageuk.example' }),
    );
    assert.equal(b.services().length, 2);
    assert.equal(b.merged, 0);
  });

  it('merges on the same phone (any formatting) plus a similar name', () => {
    const b = blend(
      svc('a', { name: 'Barry Foodbank', phones: [{ number: '+44 (0)29 2000 1234' }] }),
      svc('b', { name: 'Barry Food Bank', phones: [{ number: '029 2000 1234' }] }),
    );
    assert.equal(b.services().length, 1);
  });

  it('does not merge on a shared phone when the names differ', () => {
    const b = blend(
      svc('a', { name: 'Barry Foodbank', phones: [{ number: '029 2000 1234' }] }),
      svc('b', { name: 'Debt advice clinic', phones: [{ number: '029 2000 1234' }] }),
    );
    assert.equal(b.services().length, 2);
  });

  it('merges a similar name at the same postcode, and within 100 m without a postcode', () => {
    const samePostcode = blend(
      svc('a', { name: 'Chair Yoga for Seniors', locations: [{ address: CF }] }),
      svc('b', { name: 'Chair yoga for the seniors', locations: [{ address: { postcode: 'cf101ab' } }] }),
    );
    assert.equal(samePostcode.services().length, 1);
    const near = blend(
      svc('a', { name: 'Walking football', locations: [{ lat: 51.4816, lng: -3.1791 }] }),
      svc('b', { name: 'Walking Football', locations: [{ lat: 51.4822, lng: -3.1795 }] }),
    );
    assert.equal(near.services().length, 1);
    const far = blend(
      svc('a', { name: 'Walking football', locations: [{ lat: 51.4816, lng: -3.1791 }] }),
      svc('b', { name: 'Walking Football', locations: [{ lat: 51.4916, lng: -3.1791 }] }),
    );
    assert.equal(far.services().length, 2, '1.1 km apart is two clubs');
  });

  it('finds twins by id or page however unlike their names, also among the records at their place', () => {
    // Records at a shared place are passed over when their names cannot be alike; evidence from an id or
    // a page must not be, whichever key finds the pair first.
    const place = { address: CF, lat: 51.4816, lng: -3.1791 };
    const id = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';
    const byId = blend(
      svc('a', { id, name: 'Talking therapies', locations: [place] }),
      svc('b', { id, name: 'Wellbeing hub Grangetown', locations: [place] }),
      svc('c', { name: 'Chess club', locations: [place] }),
    );
    assert.deepEqual(
      byId.services().map((s) => s.sources.map((x) => x.directory.id)),
      [['a', 'b'], ['c']],
    );
    const url = 'https://example.org/services/carers';
    const byPage = blend(
      svc('a', { name: 'Carers café Cathays', url, locations: [place] }),
      svc('b', { name: 'Carers support group', url, locations: [place] }),
    );
    assert.equal(byPage.services().length, 1);
  });

  it('merges names spelled one letter differently at one venue ("Macmillan"/"McMillan")', () => {
    const b = blend(
      svc('a', { name: 'Macmillan cancer support drop-in', locations: [{ address: CF }] }),
      svc('b', { name: 'McMillan Cancer Support Drop-in', locations: [{ address: CF }] }),
    );
    assert.equal(nameSimilarity('Macmillan cancer support drop-in', 'McMillan Cancer Support Drop-in'), 1);
    assert.deepEqual(
      b.services().map((s) => s.sources.map((x) => x.directory.id)),
      [['a', 'b']],
    );
  });

  it('never merges two sessions at the same venue that differ by day words or schedule', () => {
    const shared = { url: 'https://leisure.example/chair-yoga', phones: [{ number: '029 2000 9999' }], locations: [venue] };
    const byName = blend(svc('a', { name: 'Chair yoga (Monday)', ...shared }), svc('b', { name: 'Chair yoga (Thursday)', ...shared }));
    assert.equal(byName.services().length, 2);
    const bySchedule = blend(
      svc('a', { name: 'Chair yoga', ...shared, schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }], opensAt: '10:00' }] }),
      svc('b', { name: 'Chair yoga', ...shared, schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TH' }], opensAt: '10:00' }] }),
    );
    assert.equal(bySchedule.services().length, 2);
    const byHour = blend(
      svc('a', { name: 'Chair yoga', ...shared, schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }], opensAt: '10:00' }] }),
      svc('b', { name: 'Chair yoga', ...shared, schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }], opensAt: '18:00' }] }),
    );
    assert.equal(byHour.services().length, 2);
    const same = blend(svc('a', { name: 'Chair yoga (Monday)', ...shared }), svc('b', { name: 'Chair Yoga - Mondays', ...shared }));
    assert.equal(same.services().length, 1, 'the same day words in other spelling still merge');
  });

  it('never merges one activity run at two venues, even under one url and phone', () => {
    const shared = { url: 'https://learning.example/english-for-everyday-life', phones: [{ number: '029 2018 0991' }] };
    const b = blend(
      svc('a', { name: 'English for Everyday Life', ...shared, locations: [{ address: { postcode: 'CF63 9DY' } }] }),
      svc('b', { name: 'English for everyday life', ...shared, locations: [{ address: { postcode: 'CF23 6PB' } }] }),
      svc('c', { name: 'English for Everyday Life', ...shared, locations: [{ address: { postcode: 'CF63 9DY' } }] }),
    );
    assert.deepEqual(
      b.services().map((s) => s.sources.map((x) => x.directory.id)),
      [['a', 'c'], ['b']],
    );
  });

  it('does not merge names that each have a word of their own', () => {
    const where = { phones: [{ number: '029 2018 0318' }], locations: [{ address: { postcode: 'CF62 1FU' } }] };
    const b = blend(
      svc('a', { name: 'Barry Island Lunch Club', ...where }),
      svc('b', { name: 'Barry Island Youth Club', ...where }),
      svc('c', { name: 'Phone friends (Cadoxton)', phones: where.phones }),
      svc('d', { name: 'Phone friends (Rhoose)', phones: where.phones }),
    );
    assert.equal(b.services().length, 4);
    assert.ok(nameSimilarity('Barry Island Lunch Club', 'Barry Island Youth Club') < 0.8);
    assert.ok(nameSimilarity('Lunch club', 'Lunch Club (Penarth)') >= 0.8);
    assert.ok(nameSimilarity('Counseling service', 'Counselling') >= 0.8, 'one-letter spelling differences match');
  });

  it('a record that matches two others does not pull incompatible ones together', () => {
    const phones = [{ number: '029 2018 0113' }];
    const b = blend(
      svc('a', { name: 'Online carers chat', phones, schedules: [{ freq: 'WEEKLY', byday: [{ day: 'WE' }], opensAt: '11:00' }] }),
      svc('b', { name: 'Online carers chat', phones, schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TU' }], opensAt: '19:00' }] }),
      svc('c', { name: 'Online Carers Chat', phones }),
    );
    assert.deepEqual(
      b.services().map((s) => s.sources.map((x) => x.directory.id)),
      [['a', 'c'], ['b']],
    );
    assert.equal(b.merged, 1);
  });

  it('never merges two records of one directory, even identical ones', () => {
    const fields = { name: 'Men’s shed', url: 'https://sheds.example/barry', locations: [venue] };
    const b = blend(svc('a', fields), svc('a', fields));
    assert.equal(b.services().length, 2);
    // …nor pulls a second record of a directory into a cluster that already has one.
    const c = blend(svc('a', fields), svc('b', fields), svc('b', fields));
    assert.equal(c.services().length, 2);
    assert.deepEqual(
      c.services().map((s) => s.sources.length),
      [2, 1],
    );
  });

  it('merges on a distinctive id shared across directories', () => {
    const id = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';
    const b = blend(svc('a', { id, name: 'Talking therapies' }), svc('b', { id, name: 'NHS talking therapies service' }));
    assert.equal(b.services().length, 1);
    const short = blend(svc('a', { id: '12', name: 'Talking therapies' }), svc('b', { id: '12', name: 'Lunch club' }));
    assert.equal(short.services().length, 2, 'a short numeric id is not evidence');
  });

  it('keeps the richer field of each record and the newest assured date', () => {
    const url = 'https://example.org/memory-cafe';
    const a = svc('a', {
      name: 'Memory café',
      url,
      description: 'Short.',
      phones: [{ number: '029 2000 0001' }],
      categories: [{ name: 'Dementia' }],
      assuredDate: '2025-01-10',
      locations: [{ name: 'Church hall', address: { postcode: 'CF10 1AB' } }],
      cost: { free: true },
    });
    const b = svc('b', {
      name: 'Memory Cafe',
      url,
      description: 'A longer description of the memory café for people living with dementia.',
      phones: [{ number: '+44 29 2000 0001' }, { number: '07700 900123' }],
      categories: [{ name: 'dementia' }, { name: 'Social activities' }],
      ages: { min: 18 },
      access: ['drop-in'],
      assuredDate: '2025-06-01',
      locations: [{ name: 'Church Hall', address: { postcode: 'CF10 1AB' }, lat: 51.48, lng: -3.18 }],
    });
    const [s] = blend(a, b).services();
    assert.equal(s.description, b.description);
    assert.deepEqual(
      s.phones?.map((p) => p.number),
      ['029 2000 0001', '07700 900123'],
    );
    assert.deepEqual(
      s.categories?.map((c) => c.name),
      ['Dementia', 'Social activities'],
    );
    assert.deepEqual(s.ages, { min: 18 });
    assert.deepEqual(s.access, ['drop-in']);
    assert.deepEqual(s.cost, { free: true });
    assert.equal(s.assuredDate, '2025-06-01');
    assert.equal(s.locations?.length, 1);
    assert.equal(s.locations?.[0].lat, 51.48);
    assert.equal(s.name, 'Memory café', 'identity comes from the first record');
    assert.equal(s.eligibility, undefined, 'not stated stays absent');
  });

  it('blends three directories into one with three sources', () => {
    const url = 'https://example.org/lunch-club';
    const b = createBlender();
    b.add([svc('a', { name: 'Lunch club', url })]);
    b.add([svc('b', { name: 'Lunch Club', url })]);
    b.add([svc('c', { name: 'The lunch club', url }), svc('c', { name: 'Something else' })]);
    assert.equal(b.services().length, 2);
    assert.equal(b.services()[0].sources.length, 3);
    assert.equal(b.merged, 2);
  });

  it('removes a directory and unmerges what it contributed; services() is cached', () => {
    const url = 'https://example.org/lunch-club';
    const b = createBlender();
    b.add([svc('a', { name: 'Lunch club', url, description: 'a' })]);
    const first = b.services();
    assert.equal(b.services(), first, 'same array while nothing changed');
    b.add([svc('b', { name: 'Lunch club', url, description: 'longer b' })]);
    assert.notEqual(b.services(), first);
    assert.equal(b.services()[0].description, 'longer b');
    b.remove('b');
    assert.equal(b.merged, 0);
    assert.equal(b.services().length, 1);
    assert.equal(b.services()[0].description, 'a');
    assert.deepEqual(
      b.services()[0].sources.map((s) => s.directory.id),
      ['a'],
    );
  });

  it('removing a directory lets in what its record kept out, and leaves other merges alone', () => {
    const url = 'https://example.org/lunch';
    const b = createBlender();
    b.add([
      svc('a', { name: 'Lunch club', url, locations: [{ address: CF }] }),
      svc('a', { name: 'Choir', phones: [{ number: '029 2000 0001' }] }),
    ]);
    b.add([svc('b', { name: 'Lunch club', url }), svc('b', { name: 'Choir', phones: [{ number: '029 2000 0001' }] })]);
    // Same page as b's, but at another venue than a's: kept apart while a's record is there.
    b.add([svc('c', { name: 'Lunch club', url, locations: [{ address: { postcode: 'CF64 1AA' } }] })]);
    b.add([
      svc('d', { name: 'Walking group', phones: [{ number: '029 2000 0002' }] }),
      svc('e', { name: 'Walking Group', phones: [{ number: '029 2000 0002' }] }),
    ]);
    const dirs = () => b.services().map((s) => s.sources.map((x) => x.directory.id).join('+'));
    assert.deepEqual(dirs(), ['a+b', 'a+b', 'c', 'd+e']);
    assert.equal(b.merged, 3);
    const walking = b.services()[3];
    b.remove('a');
    assert.deepEqual(dirs(), ['b+c', 'b', 'd+e']);
    assert.equal(b.merged, 2);
    assert.equal(b.services()[2], walking, 'an untouched merge keeps its blended object');
    b.remove('nobody');
    assert.equal(b.merged, 2);
  });

  it('a record key seen again replaces the earlier copy', () => {
    const b = createBlender();
    b.add([svc('a', { id: 'x', name: 'Old name' })]);
    b.add([svc('a', { id: 'x', name: 'New name' })]);
    assert.equal(b.services().length, 1);
    assert.equal(b.services()[0].name, 'New name');
  });

  it('a record read again with new evidence is matched again: new twins found, old ones let go', () => {
    const phone = [{ number: '029 2000 0000' }];
    const b = createBlender();
    b.add([svc('a', { id: 'x', name: 'Lunch club', phones: [{ number: '029 2011 1111' }] })]);
    b.add([svc('b', { id: 'y', name: 'Lunch Club', phones: phone })]);
    assert.equal(b.services().length, 2, 'different phones: two services');
    b.add([svc('a', { id: 'x', name: 'Lunch club', phones: phone })]);
    assert.equal(b.services().length, 1, 'the corrected phone is now shared');
    assert.equal(b.merged, 1);
    // A hub: c matches a (phone) and d (url); read again without either, the three stand apart.
    const url = 'https://example.org/lunch';
    b.add([svc('c', { id: 'z', name: 'Lunch club', phones: phone, url }), svc('d', { id: 'w', name: 'Lunch club', url })]);
    assert.deepEqual(
      b.services().map((s) => s.sources.length),
      [4],
    );
    assert.equal(b.merged, 3);
    b.add([svc('c', { id: 'z', name: 'Lunch club', phones: [{ number: '029 2099 9999' }] })]);
    assert.deepEqual(
      b.services().map((s) => s.sources.map((x) => x.directory.id)),
      [['a', 'b'], ['c'], ['d']],
    );
    assert.equal(b.merged, 1);
  });
});

const NOW = new Date('2026-04-15T10:30:00Z'); // Wednesday, 11:30 BST

function run(services: Service[], query: Query, synonyms?: Record<string, string[]>) {
  const b = createBlender();
  b.add(services);
  return search(createIndex(b.services()), query, { now: NOW, synonyms });
}
const names = (out: ReturnType<typeof run>) => out.results.map((r) => r.service.name);

describe('search: text', () => {
  const data = [
    svc('a', { name: 'Counselling for young people' }),
    svc('a', { name: 'Café Cymraeg', description: 'Welsh conversation' }),
    svc('a', { name: 'Memory café', description: 'For people living with dementia' }),
    svc('a', { name: 'Cardiff Foodbank' }),
    svc('a', { name: 'Penarth food bank' }),
    svc('a', { name: 'Doctor on call' }),
    svc('a', { name: 'Talking space', description: 'Free counselling sessions' }),
    svc('a', { name: 'Allotments', organisation: { name: 'Grow Together' } }),
    svc('a', { name: 'Wellbeing walk', categories: [{ name: 'Mental health' }] }),
  ];
  it('matches word prefixes, case- and accent-insensitively', () => {
    assert.deepEqual(names(run(data, { text: 'coun' })), ['Counselling for young people', 'Talking space']);
    assert.deepEqual(names(run(data, { text: 'CAFE' })), ['Café Cymraeg', 'Memory café']);
    assert.deepEqual(names(run(data, { text: 'cafe welsh' })), ['Café Cymraeg']);
    assert.deepEqual(names(run(data, { text: 'ounsel' })), [], 'prefix, not substring');
  });
  it('ranks a name hit above a description hit', () => {
    const out = run(data, { text: 'counselling' });
    assert.equal(out.results[0].service.name, 'Counselling for young people');
    assert.ok(out.results[0].score > out.results[1].score);
  });
  it('expands built-in and caller synonyms', () => {
    assert.deepEqual(names(run(data, { text: 'counseling' })), ['Counselling for young people', 'Talking space']);
    assert.deepEqual(names(run(data, { text: 'GP' })), ['Doctor on call']);
    assert.deepEqual(names(run(data, { text: 'alzheimers' })), ['Memory café']);
    assert.deepEqual(names(run(data, { text: 'food bank' })).sort(), ['Cardiff Foodbank', 'Penarth food bank']);
    assert.deepEqual(names(run(data, { text: 'foodbank' })).sort(), ['Cardiff Foodbank', 'Penarth food bank']);
    assert.deepEqual(names(run(data, { text: 'stress' }, { stress: ['mental health'] })), ['Wellbeing walk']);
    assert.deepEqual(names(run(data, { text: 'stress' })), []);
  });
  it('searches organisation names and terms, and explains the match', () => {
    const out = run(data, { text: 'grow' });
    assert.deepEqual(names(out), ['Allotments']);
    assert.deepEqual(out.results[0].explanations, [{ field: 'text', state: 'match', detail: 'matches “grow”', params: { text: 'grow' } }]);
    assert.deepEqual(names(run(data, { text: 'mental' })), ['Wellbeing walk']);
  });
  it('splits queries into synonym-aware terms', () => {
    assert.deepEqual(queryTerms('Food Bank near me'), [[['food', 'bank'], ['foodbank']], [['near']], [['me']]]);
    assert.ok(nameSimilarity('Barry Foodbank', 'Barry Food Bank') >= 0.8);
    assert.ok(nameSimilarity('Barry Foodbank', 'Debt advice') < 0.3);
  });
});

describe('search: filters, unknown is not no', () => {
  const data = [
    svc('a', { name: 'A adults', ages: { min: 18, max: 65 } }),
    svc('a', { name: 'B older people', ages: { min: 65 } }),
    svc('a', { name: 'C young people', ages: { min: 11, max: 25 } }),
    svc('a', { name: 'D no ages' }),
    svc('a', { name: 'E closed', ages: { min: 18 }, status: 'inactive' }),
    svc('a', { name: 'F defunct', status: 'defunct' }),
  ];
  it('age: keeps matches, then not stated, drops known mismatches; counts', () => {
    const out = run(data, { age: 30 });
    assert.deepEqual(names(out), ['A adults', 'D no ages']);
    assert.equal(out.total, 4, 'inactive and defunct services are not counted');
    assert.equal(out.matched, 1);
    assert.equal(out.partial, 1);
    assert.equal(out.results[0].partial, false);
    assert.deepEqual(out.results[0].explanations, [
      { field: 'age', state: 'match', detail: 'matches 18–65', params: { min: 18, max: 65 } },
    ]);
    assert.equal(out.results[1].partial, true);
    assert.deepEqual(out.results[1].explanations, [{ field: 'age', state: 'unknown', detail: 'not stated' }]);
  });
  it('strict drops records that do not state the field', () => {
    const out = run(data, { age: 30, strict: true });
    assert.deepEqual(names(out), ['A adults']);
    assert.equal(out.partial, 0);
  });
  it('age bands overlap the service range', () => {
    assert.deepEqual(names(run(data, { ageBand: '12-17' })), ['C young people', 'D no ages']);
    assert.deepEqual(names(run(data, { ageBand: '65+' })), ['A adults', 'B older people', 'D no ages']);
    assert.deepEqual(names(run(data, { ageBand: '0-4' })), ['D no ages']);
    const older = run(data, { ageBand: '65+' }).results.find((r) => r.service.name === 'B older people')!;
    assert.deepEqual(older.explanations[0], { field: 'age', state: 'match', detail: 'matches 65+', params: { min: 65 } });
  });
  it('a partial match never outranks a full match, whatever the sort', () => {
    const rows = [svc('a', { name: 'Aardvark club' }), svc('a', { name: 'Zebra club', access: ['drop-in'] })];
    for (const sort of ['name', 'relevance', 'checked', 'distance'] as const) {
      assert.deepEqual(names(run(rows, { access: ['drop-in'], sort })), ['Zebra club', 'Aardvark club'], sort);
    }
  });
  it('access, attendance, eligibility and categories match any of the asked values', () => {
    const rows = [
      svc('a', {
        name: 'Drop in',
        access: ['drop-in'],
        attendance: ['in-person'],
        eligibility: [{ name: 'Carers' }],
        categories: [{ name: 'Advice' }],
      }),
      svc('a', {
        name: 'Referral',
        access: ['professional-referral'],
        attendance: ['online'],
        eligibility: [{ name: 'Veterans' }],
        categories: [{ name: 'Housing' }],
      }),
      svc('a', { name: 'Unknown' }),
    ];
    const access = run(rows, { access: ['drop-in', 'self-referral'] });
    assert.deepEqual(names(access), ['Drop in', 'Unknown']);
    assert.deepEqual(access.results[0].explanations[0], {
      field: 'access',
      state: 'match',
      detail: 'drop-in',
      params: { access: 'drop-in' },
    });
    assert.deepEqual(names(run(rows, { attendance: ['online'] })), ['Referral', 'Unknown']);
    const elig = run(rows, { eligibility: ['carers'] });
    assert.deepEqual(names(elig), ['Drop in', 'Unknown']);
    assert.equal(elig.results[0].explanations[0].detail, 'carers');
    assert.deepEqual(names(run(rows, { categories: ['HOUSING', 'Benefits'] })), ['Referral', 'Unknown']);
    assert.deepEqual(
      run(rows, { categories: ['Housing'] }).results[0].explanations.map((e) => e.field),
      ['category'],
    );
  });
  it('every filter yields one explanation per result, in query order', () => {
    const rows = [svc('a', { name: 'X', ages: { min: 18 }, access: ['drop-in'], cost: { free: true } })];
    const out = run(rows, { text: 'x', age: 40, access: ['drop-in'], free: true, categories: ['Advice'] });
    assert.deepEqual(
      out.results[0].explanations.map((e) => [e.field, e.state]),
      [
        ['text', 'match'],
        ['age', 'match'],
        ['access', 'match'],
        ['category', 'unknown'],
        ['cost', 'match'],
      ],
    );
    assert.equal(out.results[0].partial, true);
  });
  it('free: stated cost drops, not stated is partial', () => {
    const rows = [
      svc('a', { name: 'Free', cost: { free: true } }),
      svc('a', { name: 'Paid', cost: { free: false, text: '£3' } }),
      svc('a', { name: 'Unsaid' }),
    ];
    const out = run(rows, { free: true });
    assert.deepEqual(names(out), ['Free', 'Unsaid']);
    assert.deepEqual(
      out.results.map((r) => r.partial),
      [false, true],
    );
  });
  it('hideStale drops records not checked within 180 days; undated ones are partial', () => {
    const rows = [
      svc('a', { name: 'Fresh', assuredDate: '2026-01-01' }),
      svc('a', { name: 'Stale', assuredDate: '2024-12-01' }),
      svc('a', { name: 'Checked 226 days ago', assuredDate: '2025-09-01' }),
      svc('a', { name: 'Fresh but modified', lastModified: '2025-12-01T10:00:00Z' }),
      svc('a', { name: 'Undated' }),
    ];
    const out = run(rows, { hideStale: true });
    assert.deepEqual(names(out), ['Fresh', 'Fresh but modified', 'Undated']);
    assert.equal(out.results[0].explanations[0].field, 'freshness');
    assert.equal(out.results[0].explanations[0].params?.within, STALE_DAYS);
  });
  it('require drops records lacking any required field', () => {
    const rows = [
      svc('a', {
        name: 'Complete',
        phones: [{ number: '029 2000 0000' }],
        locations: [{ address: { postcode: 'CF10 1AB' } }],
        schedules: [{ description: 'Tuesdays, term time' }],
      }),
      svc('a', {
        name: 'No contact',
        locations: [{ address: { postcode: 'CF10 1AB' } }],
        schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }] }],
      }),
      svc('a', { name: 'Nothing' }),
    ];
    assert.deepEqual(names(run(rows, { require: ['times', 'location', 'contact'] })), ['Complete']);
    assert.deepEqual(names(run(rows, { require: ['location'] })), ['Complete', 'No contact']);
  });
});

describe('search: times', () => {
  const weekly = (day: 'MO' | 'WE' | 'TH', opensAt?: string, closesAt?: string) => ({
    freq: 'WEEKLY' as const,
    byday: [{ day }],
    opensAt,
    closesAt,
  });
  const rows = [
    svc('a', { name: 'Mon morning', schedules: [weekly('MO', '09:30', '11:30')] }),
    svc('a', { name: 'Mon evening', schedules: [weekly('MO', '18:00', '20:00')] }),
    svc('a', { name: 'Wed late morning', schedules: [weekly('WE', '11:00', '13:00')] }),
    svc('a', { name: 'Thu no times', schedules: [weekly('TH')] }),
    svc('a', { name: 'Words only', schedules: [{ description: 'Most Tuesdays' }] }),
    svc('a', { name: 'Closed now', schedules: [weekly('WE', '11:00', '13:00')], status: 'temporarily-closed' }),
  ];
  it('days and parts of day; a window overlapping the part matches', () => {
    assert.deepEqual(names(run(rows, { days: ['MO'] })), ['Mon evening', 'Mon morning', 'Words only']);
    assert.deepEqual(names(run(rows, { days: ['MO'], partsOfDay: ['morning'] })), ['Mon morning', 'Words only']);
    assert.deepEqual(names(run(rows, { partsOfDay: ['afternoon'] })), ['Closed now', 'Wed late morning', 'Thu no times', 'Words only']);
    const thu = run(rows, { days: ['TH'], partsOfDay: ['evening'] });
    assert.deepEqual(names(thu), ['Thu no times', 'Words only'], 'a day without times is unknown, not no');
    assert.equal(thu.matched, 0);
    const mon = run(rows, { days: ['MO', 'TU'], partsOfDay: ['evening'] });
    assert.deepEqual(mon.results[0].explanations, [
      { field: 'availability', state: 'match', detail: 'runs MO (evening)', params: { when: 'MO, TU evening' } },
    ]);
  });
  it('open now (Wednesday 11:30 BST), with temporarily closed services dropped', () => {
    const out = run(rows, { openNow: true });
    assert.deepEqual(names(out), ['Wed late morning', 'Words only']);
    assert.equal(out.matched, 1);
  });
  it('date: runs that day, honouring closures and validTo', () => {
    const dated = [
      svc('a', {
        name: 'Closed for Easter',
        schedules: [weekly('MO', '10:00', '12:00')],
        closures: [{ startDate: '2026-04-06', endDate: '2026-04-06', closed: true }],
      }),
      svc('a', { name: 'Ended', schedules: [{ ...weekly('MO', '10:00', '12:00'), validTo: '2026-03-31' }] }),
      svc('a', { name: 'Runs', schedules: [weekly('MO', '10:00', '12:00')] }),
      svc('a', { name: 'Session', sessions: [{ start: '2026-04-06T14:00:00+01:00', end: '2026-04-06T15:00:00+01:00' }] }),
      svc('a', { name: 'Unknown' }),
    ];
    assert.deepEqual(names(run(dated, { date: '2026-04-06' })), ['Runs', 'Session', 'Unknown']);
    assert.deepEqual(names(run(dated, { date: '2026-04-13' })), ['Closed for Easter', 'Runs', 'Unknown']);
    assert.deepEqual(names(run(dated, { date: '2026-03-30', strict: true })), ['Closed for Easter', 'Ended', 'Runs']);
  });
});

describe('search: distance and sorting', () => {
  const cardiff = { lat: 51.4816, lng: -3.1791 };
  const rows = [
    svc('a', { name: 'Penarth', locations: [{ lat: 51.4386, lng: -3.1737 }], assuredDate: '2025-01-01' }), // ~4.8 km
    svc('a', { name: 'Barry', locations: [{ lat: 51.3998, lng: -3.2834 }], assuredDate: '2026-03-01' }), // ~11.6 km
    svc('a', {
      name: 'City centre',
      locations: [
        { lat: 51.4826, lng: -3.1781 },
        { lat: 51.6, lng: -3.3 },
      ],
    }),
    svc('a', { name: 'No location' }),
    svc('a', { name: 'Helpline', attendance: ['phone', 'online'] }),
  ];
  it('filters by radius, sorts by distance, unknown location after', () => {
    const out = run(rows, { near: cardiff, radiusKm: 5 });
    assert.deepEqual(names(out), ['City centre', 'Penarth', 'Helpline', 'No location']);
    assert.ok(out.results[0].distanceKm! < 0.2);
    assert.ok(Math.abs(out.results[1].distanceKm! - 4.8) < 0.2);
    assert.deepEqual(
      out.results.map((r) => r.partial),
      [false, false, true, true],
      'no coordinates: distance unknown, listed after the matches',
    );
    assert.equal(out.results[2].distanceKm, undefined);
    assert.deepEqual(out.results[2].explanations, [{ field: 'distance', state: 'unknown', detail: 'not stated' }]);
    assert.deepEqual(out.results[1].explanations[0], {
      field: 'distance',
      state: 'match',
      detail: '4.8 km away',
      params: { km: 4.8, radiusKm: 5 },
    });
    assert.equal(run(rows, { near: cardiff, radiusKm: 5, strict: true }).results.length, 2);
  });
  it('without a radius, near only orders', () => {
    assert.deepEqual(names(run(rows, { near: cardiff })).slice(0, 3), ['City centre', 'Penarth', 'Barry']);
  });
  it('name, checked and relevance sorts', () => {
    assert.deepEqual(names(run(rows, {})), ['Barry', 'City centre', 'Helpline', 'No location', 'Penarth']);
    assert.deepEqual(names(run(rows, { sort: 'checked' })).slice(0, 2), ['Barry', 'Penarth']);
    assert.deepEqual(names(run(rows, { near: cardiff, sort: 'name' })).slice(0, 2), ['Barry', 'City centre']);
  });
  it('relevance boosts fresher and more complete records among equal text hits', () => {
    const r = [
      svc('a', { name: 'Art club' }),
      svc('a', { name: 'Art group', assuredDate: '2026-03-01', description: 'Painting', cost: { free: true } }),
    ];
    assert.deepEqual(names(run(r, { text: 'art' })), ['Art group', 'Art club']);
  });
  it('relevance with a place puts the nearer of equal text hits first, not a better-kept one far away', () => {
    const r = [
      svc('a', { name: 'Memory café Barry', locations: [{ lat: 51.4, lng: -3.27 }] }),
      svc('a', {
        name: 'Memory café Llandaff',
        assuredDate: '2026-03-01',
        description: 'Tea and talk',
        cost: { free: true },
        locations: [{ lat: 51.5, lng: -3.22 }],
      }),
      svc('a', { name: 'Tea afternoon', description: 'Memory games and tea', locations: [{ lat: 51.4, lng: -3.27 }] }),
    ];
    const barry = { lat: 51.401, lng: -3.271 };
    assert.deepEqual(names(run(r, { text: 'memory cafe' })), ['Memory café Llandaff', 'Memory café Barry']);
    assert.deepEqual(names(run(r, { text: 'memory cafe', near: barry })), ['Memory café Barry', 'Memory café Llandaff']);
    // Nearness orders among alike matches; it does not lift a word in a description over a name far away.
    assert.deepEqual(names(run(r, { text: 'memory', near: barry })), ['Memory café Barry', 'Memory café Llandaff', 'Tea afternoon']);
  });
});

describe('search: a word typed a letter at a time', () => {
  const WORDS = ['counselling', 'council', 'count', 'cafe', 'carers', 'care', 'walk', 'walking', 'wellbeing', 'youth', 'yoga', 'food'];
  const many = Array.from({ length: 300 }, (_, i) =>
    svc(i % 2 ? 'a' : 'b', {
      name: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i}`,
      description: i % 3 ? `${WORDS[(i * 5) % WORDS.length]} group` : undefined,
      categories: i % 4 ? undefined : [{ name: WORDS[(i * 3) % WORDS.length] }],
      ages: i % 5 ? undefined : { min: 18 },
    }),
  );
  const b = createBlender();
  b.add(many);
  const services = b.services();
  const view = (out: ReturnType<typeof search>) => ({
    matched: out.matched,
    results: out.results.map((r) => [r.service.key, r.score, r.partial, r.explanations]),
  });
  it('finds, letter by letter and back, what a fresh index finds for each text', () => {
    // One index for the whole typing, as the store keeps it: each letter looks among the last word's matches.
    const typing = createIndex(services);
    const texts: string[] = [];
    for (const word of ['counselling', 'care walk', 'youth']) {
      for (let i = 1; i <= word.length; i++) texts.push(word.slice(0, i));
      for (let i = word.length - 1; i >= 1; i--) texts.push(word.slice(0, i));
      texts.push('');
    }
    for (const text of texts) {
      for (const query of [{ text }, { text, age: 30 }, { text, sort: 'name' as const }]) {
        assert.deepEqual(
          view(search(typing, query, { now: NOW })),
          view(search(createIndex(services), query, { now: NOW })),
          JSON.stringify(query),
        );
      }
    }
    assert.ok(search(typing, { text: 'cou' }, { now: NOW }).results.length > 0, 'the words are found');
  });
});

describe('index after more records arrive', () => {
  it('re-indexing picks up new and re-blended services', () => {
    const b = createBlender();
    b.add([svc('a', { name: 'Lunch club', url: 'https://x.example/lunch', description: 'Hot meals' }), svc('a', { name: 'Choir' })]);
    const before = createIndex(b.services());
    assert.deepEqual(names(search(before, { text: 'zumba' }, { now: NOW })), []);
    b.add([svc('b', { name: 'Lunch Club', url: 'https://x.example/lunch', description: 'Hot meals, then chair zumba for all' })]);
    b.add([svc('b', { name: 'Zumba gold' })]);
    const after = createIndex(b.services());
    const out = search(after, { text: 'zumba' }, { now: NOW });
    assert.deepEqual(
      out.results.map((r) => r.service.name),
      ['Zumba gold', 'Lunch club'],
    );
    assert.equal(out.total, 3);
    assert.deepEqual(
      search(after, { text: 'choir' }, { now: NOW }).results.map((r) => r.service.name),
      ['Choir'],
    );
  });
});

describe('facets, freshness, completeness', () => {
  it('facets count terms across services, most common first', () => {
    const f = facets([
      svc('a', { name: '1', categories: [{ name: 'Advice' }, { name: 'Housing' }], eligibility: [{ name: 'Carers' }] }),
      svc('a', { name: '2', categories: [{ name: 'housing' }, { name: 'Housing' }] }),
      svc('a', { name: '3', categories: [{ name: 'Benefits' }] }),
      svc('a', { name: '4', status: 'defunct', categories: [{ name: 'Closed club' }, { name: 'Advice' }] }),
    ]);
    assert.deepEqual(f.categories, [
      { name: 'Housing', count: 2 },
      { name: 'Advice', count: 1 },
      { name: 'Benefits', count: 1 },
    ]);
    assert.deepEqual(f.eligibility, [{ name: 'Carers', count: 1 }]);
    // Ties in alphabetical order, whatever the capitals and accents.
    const ties = facets(['Zumba', 'Éducation', 'art', 'Bowls'].map((name, i) => svc('a', { name: String(i), categories: [{ name }] })));
    assert.deepEqual(
      ties.categories.map((c) => c.name),
      ['art', 'Bowls', 'Éducation', 'Zumba'],
    );
  });
  it('freshness from assuredDate, else lastModified', () => {
    assert.deepEqual(freshness(svc('a', { name: 'x', assuredDate: '2026-01-15', lastModified: '2020-01-01' }), NOW), {
      date: '2026-01-15',
      days: 90,
      months: 3,
      stale: false,
    });
    const old = freshness(svc('a', { name: 'x', lastModified: '2025-04-01T09:00:00Z' }), NOW);
    assert.equal(old.date, '2025-04-01');
    assert.equal(old.stale, true);
    assert.deepEqual(freshness(svc('a', { name: 'x' }), NOW), { stale: false });
  });
  it('completeness scores the fields a social prescriber needs', () => {
    assert.deepEqual(completeness(svc('a', { name: 'x' })), {
      score: 0,
      missing: ['times', 'location', 'contact', 'ages', 'access', 'cost', 'description'],
    });
    const c = completeness(svc('a', { name: 'x', email: 'a@b.example', ages: { max: 18 }, description: 'd', access: ['drop-in'] }));
    assert.deepEqual(c.missing, ['times', 'location', 'cost']);
    assert.ok(Math.abs(c.score - 4 / 7) < 1e-9);
  });
});
