// Every filter on the page: in the address (a person's details only when the page opts in), and through the
// store to the results, read from the fixture directory over HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { paramsToQuery, queryToParams } from '../../src/store/url-state.js';
import { FinderStore } from '../../src/store/finder-store.js';
import { states } from '../../src/engine/quality.js';
import type { Query } from '../../src/model/index.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

let server: FixtureServer;
before(async () => (server = await startFixtureServer()));
after(() => server.close());

const FILTERS: Query = {
  date: '2026-12-10',
  openNow: true,
  attendance: ['online', 'phone'],
  hideStale: true,
  require: ['description', 'contact', 'access'],
};

describe('the filters in the page address', () => {
  it('writes and reads back date, open now, attendance, hide-stale and require', () => {
    const params = queryToParams({ ...FILTERS, text: 'lunch' });
    assert.equal(
      params.toString(),
      'q=lunch&attendance=online%2Cphone&date=2026-12-10&open-now=1&hide-stale=1&require=description%2Ccontact%2Caccess',
    );
    assert.deepEqual(paramsToQuery(params).query, { ...FILTERS, text: 'lunch' });
  });

  it('keeps a person’s place and age out unless the page opts in, with the filters set', () => {
    const query = { ...FILTERS, place: 'CF10 1AA', age: 70 };
    const on = queryToParams(query, { mode: 'on' });
    assert.ok(!on.has('near') && !on.has('age'));
    assert.equal(on.get('require'), 'description,contact,access');
    const full = queryToParams(query, { mode: 'full' });
    assert.equal(full.get('near'), 'CF10 1AA');
    assert.equal(full.get('age'), '70');
  });

  it('ignores values it does not know', () => {
    const { query } = paramsToQuery(
      new URLSearchParams('date=10/12/2026&attendance=carrier-pigeon,online&require=__proto__,times&open-now=no&hide-stale=0'),
    );
    assert.deepEqual(query, { attendance: ['online'], require: ['times'] });
  });
});

describe('the filters through the store', () => {
  it('an address’s filters narrow the results of a real directory', async () => {
    const store = new FinderStore({ endpoints: [`${server.url}/dialects/oruk-v3`], now: () => new Date('2026-12-10T11:00:00Z') });
    await store.load();
    const all = store.count({});
    const { query } = paramsToQuery(new URLSearchParams('require=description,contact,access&strict=1'));
    await store.setQuery(query);
    assert.ok(store.results.length > 0 && store.results.length < all, `${store.results.length} of ${all}`);
    for (const r of store.results) for (const f of query.require!) assert.ok(states(r.service, f), `${r.service.name} states ${f}`);
    for (const [name, q] of Object.entries({
      attendance: { attendance: ['online' as const] },
      date: { date: '2026-12-10' },
      'open now': { openNow: true },
      'hide stale': { hideStale: true },
    })) {
      const { query: fromAddress } = paramsToQuery(queryToParams({ ...q, strict: true }));
      assert.ok(store.count(fromAddress) < all, `${name} narrows the results`);
    }
    store.dispose();
  });
});
