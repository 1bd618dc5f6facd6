// The parts of deduplication on their own: the fixed-shape copy of a record, the match rules' verdicts as
// `explainMatch` names them, and the blender's account of its merges and near misses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBlender, explainBlend, explainMatch, isNearMiss, nameSimilarity } from '../../src/engine/index.js';
import { Fields } from '../../src/engine/dedup/fields.js';
import { Features } from '../../src/engine/dedup/features.js';
import { judge, sameService } from '../../src/engine/dedup/rules.js';
import type { DirectoryRef, Service } from '../../src/model/index.js';

const dir = (id: string): DirectoryRef => ({ id, name: `Directory ${id}`, url: `https://${id}.example/api` });
let counter = 0;
function svc(dirId: string, fields: Partial<Service> & { name: string }): Service {
  const id = fields.id ?? `r${++counter}`;
  return { key: `${dirId}:${id}`, id, directory: dir(dirId), ...fields };
}
const hall = { name: 'St Mary’s Hall', address: { postcode: 'CF10 1AB' }, lat: 51.4816, lng: -3.1791 };
const phones = [{ number: '029 2000 1234' }];

describe('Fields', () => {
  it('reads every field of a record, and nothing the model does not name', () => {
    // Required<Service>: a field added to the model must be added here, and Fields must then read it.
    const full: Required<Service> = {
      key: 'a:1',
      id: '1',
      directory: dir('a'),
      name: 'Lunch club',
      description: 'Soup and company.',
      descriptionHtml: '<p>Soup and company.</p>',
      url: 'https://example.org/lunch',
      email: 'lunch@example.org',
      phones,
      contacts: [{ name: 'Ann', phones }],
      organisation: { name: 'Age Cymru' },
      status: 'active',
      access: ['drop-in'],
      accessNote: 'Just turn up',
      applicationProcess: 'Ask your GP',
      alert: 'Closed in August',
      accreditations: 'Quality Mark',
      images: ['https://example.org/lunch.jpg'],
      levels: ['Beginner'],
      leaders: ['Ann Jones'],
      attendance: ['in-person'],
      ages: { min: 60 },
      eligibility: [{ name: 'Older people' }],
      categories: [{ name: 'Food' }],
      locations: [hall],
      schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TU' }], opensAt: '12:00' }],
      closures: [{ startDate: '2026-12-24', endDate: '2026-12-26', closed: true }],
      sessions: [{ start: '2026-05-05T12:00:00+01:00' }],
      cost: { free: false, text: '£3' },
      languages: ['Welsh'],
      serviceAreas: ['Cardiff'],
      assuredDate: '2026-01-10',
      lastModified: '2026-01-10T09:00:00Z',
      summary: true,
    };
    const fields = new Fields({ ...full, stray: 'not a field' } as Service);
    for (const k of Object.keys(full) as Array<keyof Service>) assert.equal(fields[k], full[k], k);
    assert.equal(fields.service.name, full.name);
    assert.ok(!('stray' in fields));
  });
});

describe('explainMatch: which rule decided', () => {
  const cases: Array<[string, Service, Service, string, boolean]> = [
    [
      'the same distinctive id',
      svc('a', { id: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', name: 'Talking therapies' }),
      svc('b', { id: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', name: 'NHS wellbeing' }),
      'sameId',
      true,
    ],
    [
      'the same page',
      svc('a', { name: 'Carers café', url: 'https://example.org/carers-cafe' }),
      svc('b', { name: 'Carers Cafe drop-in', url: 'http://www.example.org/carers-cafe/' }),
      'samePage',
      true,
    ],
    ['the same phone', svc('a', { name: 'Barry Foodbank', phones }), svc('b', { name: 'Barry Food Bank', phones }), 'samePhone', true],
    [
      'the same email',
      svc('a', { name: 'Knit and natter', email: 'knit@example.org' }),
      svc('b', { name: 'Knit & Natter', email: 'KNIT@example.org ' }),
      'sameEmail',
      true,
    ],
    [
      'the same place',
      svc('a', { name: 'Chair yoga', locations: [hall] }),
      svc('b', { name: 'Chair Yoga', locations: [hall] }),
      'samePlace',
      true,
    ],
    ['one directory', svc('a', { name: 'Chair yoga', phones }), svc('a', { name: 'Chair yoga', phones }), 'sameDirectory', false],
    ['names unlike', svc('a', { name: 'Barry Foodbank', phones }), svc('b', { name: 'Debt advice', phones }), 'namesDiffer', false],
    [
      'two venues',
      svc('a', { name: 'Walking football', phones, locations: [{ lat: 51.4816, lng: -3.1791 }] }),
      svc('b', { name: 'Walking Football', phones, locations: [{ lat: 51.4916, lng: -3.1791 }] }),
      'differentPlaces',
      false,
    ],
    [
      'two sessions',
      svc('a', { name: 'Chair yoga (Monday)', url: 'https://leisure.example/chair-yoga', locations: [hall] }),
      svc('b', { name: 'Chair yoga (Thursday)', url: 'https://leisure.example/chair-yoga', locations: [hall] }),
      'differentSessions',
      false,
    ],
    [
      'different phones',
      svc('a', { name: 'Lunch club', phones, locations: [hall] }),
      svc('b', { name: 'Lunch club', phones: [{ number: '029 2099 9999' }], locations: [hall] }),
      'phonesDiffer',
      false,
    ],
    ['nothing shared', svc('a', { name: 'Lunch club' }), svc('b', { name: 'Lunch Club' }), 'noEvidence', false],
  ];
  for (const [what, a, b, rule, same] of cases) {
    it(`${what}: ${rule}, as the blender decides`, () => {
      const x = explainMatch(a, b);
      assert.equal(x.rule, rule);
      assert.equal(x.same, same);
      assert.equal(sameService(new Features(a), new Features(b)), same);
      assert.equal(explainMatch(new Features(a), new Features(b)).rule, rule, 'from features read already');
      const blender = createBlender();
      blender.add([a]);
      blender.add([b]);
      assert.equal(blender.merged, same ? 1 : 0);
    });
  }

  it('names its verdicts from the one judge', () => {
    const [a, b] = [svc('a', { name: 'Lunch club', locations: [hall] }), svc('b', { name: 'Lunch club', locations: [hall] })];
    assert.equal(judge(new Features(a), new Features(b)) > 0, explainMatch(a, b).same);
    assert.equal(explainMatch(a, b).nameSimilarity, 1);
  });

  it('near misses: alike names that a rule kept apart, not unlike names nor one directory', () => {
    const [, , , , , sameDir, unlike, places, sessions] = cases;
    assert.ok(isNearMiss(explainMatch(places[1], places[2])));
    assert.ok(isNearMiss(explainMatch(sessions[1], sessions[2])));
    assert.ok(!isNearMiss(explainMatch(unlike[1], unlike[2])));
    assert.ok(!isNearMiss(explainMatch(sameDir[1], sameDir[2])));
  });

  it('two numbered rooms are two services: a digit is never a typo', () => {
    assert.ok(nameSimilarity('Room 10001', 'Room 10002') < 0.8);
    assert.equal(nameSimilarity('Counselling 10001', 'Counseling 10001'), 1);
    const x = explainMatch(
      svc('a', { name: 'Many Service 00001', locations: [hall] }),
      svc('b', { name: 'Many Service 00002', locations: [hall] }),
    );
    assert.equal(x.rule, 'namesDiffer');
  });
});

describe('explainBlend', () => {
  it('gives each merged group its evidence, and the near misses among the candidates', () => {
    const walkA = svc('a', { name: 'Walking football', phones, locations: [{ lat: 51.4816, lng: -3.1791 }] });
    const walkB = svc('b', { name: 'Walking Football', phones, locations: [{ lat: 51.4916, lng: -3.1791 }] });
    const lunchA = svc('a', { name: 'Lunch club', url: 'https://example.org/lunch', locations: [hall] });
    const lunchB = svc('b', { name: 'Lunch Club', url: 'https://example.org/lunch', locations: [hall] });
    // Ties to a's lunch club as b's does, but b has one in the group already.
    const lunchB2 = svc('b', { name: 'Lunch club', url: 'https://example.org/lunch', locations: [hall] });
    const chess = svc('b', { name: 'Chess club', phones });
    const blender = createBlender();
    blender.add([walkA, lunchA]);
    blender.add([walkB, lunchB, lunchB2, chess]);
    const { groups, nearMisses } = explainBlend(blender);
    assert.deepEqual(groups, [
      { keys: [lunchA.key, lunchB.key], evidence: [{ a: lunchA.key, b: lunchB.key, same: true, rule: 'samePage', nameSimilarity: 1 }] },
    ]);
    assert.deepEqual(
      nearMisses.map((m) => [m.a, m.b, m.rule, m.same]),
      [
        [walkA.key, walkB.key, 'differentPlaces', false],
        [lunchA.key, lunchB2.key, 'samePage', true],
      ],
    );
    assert.equal(blender.merged, 1, 'explaining changes nothing');
    blender.add([svc('c', { name: 'Lunch club', url: 'https://example.org/lunch', locations: [hall] })]);
    assert.equal(blender.merged, 2, 'blending goes on after an explanation');
  });
});
