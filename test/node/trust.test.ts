// Trust signals, referral and "what to expect" (docs/trust.md): the readers, the adapters over real HTTP, the
// blend's per-directory check dates, the freshness window, the accessibility filter and its address state.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { BlendedService, Service } from '../../src/model/index.js';
import { MAX_IMAGES, MAX_TEXT } from '../../src/model/index.js';
import { count, imageUrls, names } from '../../src/sources/normalise.js';
import { orukV1 } from '../../src/sources/oruk-v1.js';
import { outpost } from '../../src/sources/outpost.js';
import { createBlender, createIndex, freshness, search } from '../../src/engine/index.js';
import { accessibilityFeatures } from '../../src/engine/accessibility.js';
import { FinderStore } from '../../src/store/finder-store.js';
import { paramsToQuery, queryToParams } from '../../src/store/url-state.js';
import { feedbackHref } from '../../src/components/sf-service/feedback.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { TRUST } from '../fixtures/trust.js';

let server: FixtureServer;
before(async () => (server = await startFixtureServer()));
after(() => server.close());

const byName = (services: readonly Service[], name: string) => {
  const found = services.find((s) => s.name === name);
  assert.ok(found, `${name} is listed`);
  return found;
};

async function storeOf(options: Partial<ConstructorParameters<typeof FinderStore>[0]> = {}) {
  const store = new FinderStore({
    endpoints: [
      { url: `${server.url}/trust/v3`, name: 'Trust v3', id: 'tv3', feedbackUrl: 'https://v3.example/feedback?service={id}' },
      { url: `${server.url}/trust/v1`, name: 'Trust v1', id: 'tv1' },
    ],
    openactive: [`${server.url}/trust/openactive/session-series`],
    ...options,
  });
  await store.load();
  return store;
}

describe('readers of the new fields', () => {
  it('imageUrls keeps http(s) addresses only, without repeats, at most MAX_IMAGES', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ url: `https://img.example/${i}.jpg` }));
    assert.deepEqual(
      imageUrls([
        'javascript:alert(1)',
        'data:image/png;base64,AAAA',
        { contentUrl: 'http://img.example/a.png' },
        'http://img.example/a.png',
      ]),
      ['http://img.example/a.png'],
    );
    assert.equal(imageUrls(many)?.length, MAX_IMAGES);
    assert.equal(imageUrls('relative/picture.png'), undefined);
    assert.equal(imageUrls({ url: `https://img.example/${'x'.repeat(5_000)}` }), undefined, 'a longer address than MAX_URL is not read');
  });
  it('names reads strings, labels and people, without repeats; count reads places left', () => {
    assert.deepEqual(names(['Beginner', { prefLabel: 'beginner' }, { givenName: 'Nicole', familyName: 'Smith' }, { name: 42 }, null]), [
      'Beginner',
      'Nicole Smith',
      '42',
    ]);
    assert.equal(count(0), 0);
    assert.equal(count('3'), 3);
    assert.equal(count(-1), undefined);
    assert.equal(count('lots'), undefined);
  });
});

describe('ORUK: alert, accreditations, how to apply, temporarily closed', () => {
  it('reads them from a v3 directory, as text cut to its limit', async () => {
    const store = await storeOf();
    const lunch = byName(store.services, TRUST.lunch);
    assert.equal(lunch.alert, TRUST.alert, 'the notice of whichever directory states one, whichever was read first');
    assert.equal(lunch.accreditations, TRUST.accreditations);
    assert.equal(lunch.applicationProcess, TRUST.application);
    assert.equal(lunch.status, 'temporarily-closed', 'the directory checked most recently says it is closed');
    const hostile = byName(store.services, TRUST.hostile);
    assert.ok(hostile.alert && hostile.alert.length <= MAX_TEXT, 'the notice is cut to MAX_TEXT');
    assert.ok(hostile.alert.startsWith('<img'), 'kept as text: the elements render it as text');
    assert.equal(hostile.accreditations, '12345');
    assert.equal(hostile.applicationProcess, undefined, 'a list is not text');
    store.dispose();
  });
  it('lists a temporarily closed service (it is said, not hidden); an inactive one is not listed', async () => {
    const store = await storeOf();
    await store.setQuery({ text: 'lunch club' });
    assert.deepEqual(
      store.results.map((r) => [r.service.name, r.service.status]),
      [[TRUST.lunch, 'temporarily-closed']],
    );
    await store.setQuery({ text: 'inactive' });
    assert.equal(store.results.length, 0);
    store.dispose();
  });
  const captured = new URL('../../../shared/reference/oruk/captured/', import.meta.url);
  it(
    'real captures: Placecube’s empty accreditations are not stated; Buckinghamshire’s temporarily closed service is read as such',
    { skip: !existsSync(captured) && '../shared/reference is not present: real-capture checks skipped' },
    () => {
      const dir = { id: 'x', name: 'x', url: 'https://x.example' };
      const bristol = JSON.parse(readFileSync(new URL('placecube-2024-12/Bristol Council.json', captured), 'utf8')) as Array<
        Record<string, unknown>
      >;
      const read = bristol.slice(0, 50).map((r) => orukV1.toService(r, dir));
      assert.ok(
        bristol.slice(0, 50).every((r) => r.accreditations === ''),
        'the capture states accreditations as empty text',
      );
      assert.ok(read.every((s) => s.accreditations === undefined && s.alert === undefined));
      const bucks = JSON.parse(
        readFileSync(new URL('buckinghamshire-outpost/services_page_1.json', captured), 'utf8').replace(/^\uFEFF/, ''),
      ) as { content: Array<Record<string, unknown>> };
      const closed = bucks.content.filter((r) => r.status === 'temporarily closed');
      assert.equal(closed.length, 1);
      assert.equal(outpost.toService(closed[0], dir).status, 'temporarily-closed');
    },
  );
});

describe('a merged record keeps each directory’s own check date', () => {
  it('every source names the date its directory last checked it', async () => {
    const store = await storeOf();
    const lunch = byName(store.services, TRUST.lunch) as BlendedService;
    assert.deepEqual(lunch.sources.map((s) => [s.directory.id, s.checked]).sort(), [
      ['tv1', TRUST.v1Checked],
      ['tv3', TRUST.v3Checked],
    ]);
    assert.equal(lunch.assuredDate, TRUST.v3Checked, 'the record itself has the newest');
    store.dispose();
  });
});

describe('freshness: the window the page sets', () => {
  it('defaults to 180 days; the store option sets another, outside the address', async () => {
    const now = () => new Date('2026-12-01T12:00:00Z'); // the shed was checked 294 days before
    const byDefault = await storeOf({ now });
    const shed = byName(byDefault.services, TRUST.shed) as BlendedService;
    assert.equal(byDefault.freshness(shed).stale, true);
    await byDefault.setQuery({ hideStale: true, text: 'shed' });
    assert.equal(byDefault.results.length, 0);
    byDefault.dispose();
    const lenient = await storeOf({ now, staleAfterDays: 365 });
    assert.equal(lenient.freshness(byName(lenient.services, TRUST.shed) as BlendedService).stale, false);
    await lenient.setQuery({ hideStale: true, text: 'shed' });
    assert.deepEqual(
      lenient.results.map((r) => r.service.name),
      [TRUST.shed],
    );
    assert.equal(
      queryToParams(lenient.query).toString(),
      'q=shed&hide-stale=1',
      'the window is not in the address (hiding out-of-date listings is)',
    );
    lenient.dispose();
  });
  it('freshness and search take the window; nonsense falls back to the default', () => {
    const now = new Date('2026-04-15T10:30:00Z');
    const rec = (name: string, assuredDate: string): Service => ({
      key: `a:${name}`,
      id: name,
      name,
      directory: { id: 'a', name: 'A', url: 'https://a.example' },
      assuredDate,
    });
    const rows = [rec('104 days', '2026-01-01'), rec('226 days', '2025-09-01'), rec('500 days', '2024-12-01')];
    const b = createBlender();
    b.add(rows);
    const index = createIndex(b.services());
    const within = (staleAfterDays?: number) =>
      search(index, { hideStale: true }, { now, staleAfterDays }).results.map((r) => r.service.name);
    assert.deepEqual(within(90), []);
    assert.deepEqual(within(365), ['104 days', '226 days']);
    assert.deepEqual(within(), ['104 days']);
    assert.deepEqual(within(-5), ['104 days']);
    assert.equal(freshness(rows[1], now, 365).stale, false);
    assert.equal(freshness(rows[1], now).stale, true);
  });
});

describe('OpenActive: what to expect, and full sessions', () => {
  it('reads pictures (http(s) only), level, leader, the venue’s amenities and places left', async () => {
    const store = await storeOf();
    const swim = byName(store.services, TRUST.swim);
    assert.deepEqual(swim.images, [`${server.url}/trust/picture.png?pic=`]);
    assert.deepEqual(swim.levels, [TRUST.level]);
    assert.deepEqual(swim.leaders, [TRUST.leader]);
    assert.deepEqual(
      swim.locations?.[0].amenities,
      ['Hearing loop', 'Step-free access', 'Changing Facilities'],
      'those stated absent are left out',
    );
    assert.deepEqual(swim.locations?.[0].accessibility, ['Pool hoist available']);
    assert.deepEqual(
      swim.sessions?.map((s) => s.remaining),
      [0, 3],
    );
    assert.equal(store.nextOpening(swim as BlendedService)?.remaining, 0, 'the next session is full');
    store.dispose();
  });
});

describe('accessibility as a filter', () => {
  it('reads features from venue notes, amenities and accessibilitySupport; says nothing when none is stated', () => {
    const svc = (fields: Partial<Service>): Service => ({
      key: 'a:1',
      id: '1',
      name: 'x',
      directory: { id: 'a', name: 'A', url: 'https://a.example' },
      ...fields,
    });
    assert.deepEqual(
      [
        ...accessibilityFeatures(
          svc({ locations: [{ accessibility: ['Wheelchair accessible entrance'], amenities: ['Induction loop'] }] }),
        )!,
      ].sort(),
      ['hearing-loop', 'step-free'],
    );
    assert.deepEqual(
      [...accessibilityFeatures(svc({ eligibility: [{ name: 'Visual impairment', vocabulary: 'openactive-accessibility-support' }] }))!],
      ['visual-impairment'],
    );
    assert.equal(
      accessibilityFeatures(svc({ eligibility: [{ name: 'Visual impairment' }] })),
      undefined,
      'only OpenActive’s support terms count',
    );
    assert.equal(accessibilityFeatures(svc({})), undefined);
    assert.deepEqual([...accessibilityFeatures(svc({ locations: [{ amenities: ['Showers'] }] }))!], [], 'stated, none asked for');
  });
  it('lists what states a feature first, what does not say after it; strict keeps only the matches', async () => {
    const store = await storeOf();
    await store.setQuery({ accessibility: ['hearing-loop'], text: 'swim yoga' });
    await store.setQuery({ text: undefined });
    const listed = store.results.filter((r) => r.service.name === TRUST.swim || r.service.name === TRUST.yoga);
    assert.deepEqual(
      listed.map((r) => [r.service.name, r.partial]),
      [
        [TRUST.swim, false],
        [TRUST.yoga, true],
      ],
    );
    assert.deepEqual(listed[0].explanations.find((e) => e.field === 'accessibility')?.params, { accessibility: 'hearing-loop' });
    await store.setQuery({ accessibility: ['visual-impairment'], strict: true });
    assert.deepEqual(
      store.results.map((r) => r.service.name),
      [TRUST.swim],
    );
    store.dispose();
  });
  it('is kept in the address, unknown features ignored', () => {
    const params = queryToParams({ accessibility: ['step-free', 'hearing-loop'] });
    assert.equal(params.get('accessibility'), 'step-free,hearing-loop');
    assert.deepEqual(paramsToQuery(new URLSearchParams('accessibility=hearing-loop,constructor,step-free,hearing-loop')).query, {
      accessibility: ['hearing-loop', 'step-free'],
    });
  });
});

describe('suggest a change: the per-directory template', () => {
  it('puts the record’s id, URL-encoded, into the path, query or fragment; never the host', () => {
    assert.equal(
      feedbackHref('https://dir.example/feedback?service={id}', 'rl 9/&?'),
      'https://dir.example/feedback?service=rl%209%2F%26%3F',
    );
    assert.equal(feedbackHref('https://dir.example/services/{id}/report', 'a/b'), 'https://dir.example/services/a%2Fb/report');
    assert.equal(feedbackHref('https://dir.example/report', '1'), 'https://dir.example/report', 'no {id}: the one address');
    assert.equal(feedbackHref('https://{id}.example/x', 'evil.example#'), 'https://{id}.example/x', 'the host is left as written');
    assert.equal(feedbackHref('javascript:alert(1)//{id}', '1'), undefined);
    assert.equal(feedbackHref('https://user:pw@dir.example/{id}', '1'), undefined);
    assert.equal(feedbackHref(undefined, '1'), undefined);
  });
});
