// Summaries first, details as needed: a directory that lists summaries (Placecube) is shown from its list at
// once, marked partial, and filled in the background, records on screen and matching the query first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FinderStore } from '../../src/store/finder-store.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';
import type { DemoService } from '../fixtures/dialects.js';

let server: FixtureServer;
let demo: DemoService[];
before(async () => {
  server = await startFixtureServer();
  demo = (await (await fetch(`${server.url}/demo-data.json`)).json()) as DemoService[];
});
after(() => server.close());

const TOTAL = 40;
/** A directory of TOTAL Placecube summaries whose full records wait for `release(gate)`. */
const held = (gate: string) => `${server.url}/held/${gate}?total=${TOTAL}`;
const release = (gate: string) => fetch(`${server.url}/held/${gate}/release`).then((r) => r.json());
/** The record ids whose full records were asked for, in the order asked. */
const asked = async (gate: string) =>
  (await fixtureLog(server.url)).filter((l) => l.startsWith(`/held/${gate}/services/`)).map((l) => l.split('/').pop()!);

/** Resolves once the store has listed `count` services (the list read and blended). */
function listed(store: FinderStore, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (store.services.length < count || store.loading) return;
      store.removeEventListener('change', check);
      resolve();
    };
    store.addEventListener('change', check);
    check();
  });
}

/** Resolves once the fixture server has been asked for `count` full records of `gate`. */
async function requested(gate: string, count: number): Promise<void> {
  while ((await asked(gate)).length < count) await new Promise((r) => setTimeout(r, 20));
}

describe('summaries first, details as needed', () => {
  it('shows the summaries at once, marked partial, says which filtered fields are not yet read, then fills them', async () => {
    const store = new FinderStore({ endpoints: [held('fill')], query: { age: 30 } });
    const loaded = store.load();
    await listed(store, TOTAL);
    assert.equal(store.services.length, TOTAL, 'every summary shown before any full record is read');
    assert.ok(
      store.services.every((s) => s.summary && store.detailsPending(s) && !s.ages && !s.locations),
      'each is a summary, marked partial',
    );
    assert.equal(store.statuses[0].state, 'done', 'the list is read');
    assert.equal(store.statuses[0].summaries, TOTAL);
    assert.deepEqual(store.unread, { count: TOTAL, fields: ['age'] }, 'ages not yet read for 40 records');
    assert.equal(store.matched, 0);

    await release('fill');
    await loaded;
    assert.equal(store.statuses[0].summaries, 0);
    assert.equal(store.unread, undefined);
    assert.ok(store.services.every((s) => !s.summary && !store.detailsPending(s)));
    for (const [i, d] of demo.slice(0, TOTAL).entries()) {
      assert.equal(store.services[i].name, d.name, 'in list order');
      assert.deepEqual(store.services[i].ages, d.ages, `${d.name}: ages from the full record`);
    }
    const expected = demo.slice(0, TOTAL).filter((d) => d.ages && (d.ages.min ?? 0) <= 30 && (d.ages.max ?? 130) >= 30).length;
    assert.equal(store.matched, expected, 'the age filter now decides');
    assert.equal((await asked('fill')).length, TOTAL, 'each full record read once');
    store.dispose();
  });

  it('reads the list first, then the records the query lists, those on screen before any other', async () => {
    const wanted = demo[30]; // "Colcot Memory Café": the one result for "colcot memory"
    const store = new FinderStore({ endpoints: [held('order')], query: { text: 'colcot memory' } });
    const loaded = store.load();
    await listed(store, TOTAL);
    await requested('order', 4);
    const lines = (await fixtureLog(server.url)).filter((l) => l.startsWith('/held/order/'));
    assert.ok(
      lines.findIndex((l) => l.includes('/services/')) > lines.findLastIndex((l) => l.startsWith('/held/order/services?')),
      'no full record asked for before the list was read',
    );
    // On screen (the results list says so as it renders): read before anything else still waiting.
    const shown = store.services.filter((s) => s.name === demo[35].name || s.name === demo[36].name).map((s) => s.key);
    store.showing(shown);
    await release('order');
    await loaded;
    const ids = await asked('order');
    const idOf = (name: string) => store.services.find((s) => s.name === name)!.id;
    assert.deepEqual(
      ids.slice(0, 4),
      [idOf(wanted.name), ...demo.slice(0, 3).map((d) => idOf(d.name))],
      'the query’s one result, then list order',
    );
    assert.deepEqual(ids.slice(4, 6).sort(), [idOf(demo[35].name), idOf(demo[36].name)].sort(), 'then the two on screen');
    assert.equal(new Set(ids).size, TOTAL, 'then the rest, each once');
    assert.equal(ids.length, TOTAL);
    store.dispose();
  });

  it('reads full records while a list of several pages is still coming, once every page has been asked for', async () => {
    // Two list pages of 20, the second answered after 1.5 s; the full records are not held.
    await release('early');
    const store = new FinderStore({ endpoints: [`${held('early')}&cap=20&later=1500`] });
    const loaded = store.load();
    await requested('early', 4);
    assert.equal(store.statuses[0].state, 'loading', 'the list is still being read');
    const lines = (await fixtureLog(server.url)).filter((l) => l.includes('/held/early/'));
    const firstRecord = lines.findIndex((l) => l.startsWith('/held/early/services/'));
    const secondPage = lines.findIndex((l) => l.startsWith('/held/early/services?') && l.includes('page=2'));
    assert.ok(secondPage >= 0 && secondPage < firstRecord, 'the second list page asked for before any full record');
    assert.ok(!lines.some((l) => l.startsWith('sent ') && l.includes('page=2')), 'full records read before it came');
    await loaded;
    assert.equal(store.services.length, TOTAL);
    assert.equal(store.statuses[0].summaries, 0, 'every record filled');
    store.dispose();
  });

  it('stops reading details when the store is disposed', async () => {
    const store = new FinderStore({ endpoints: [held('stop')] });
    const loaded = store.load();
    await listed(store, TOTAL);
    await requested('stop', 4);
    store.dispose();
    await loaded;
    await release('stop');
    // The four under way were let go; a little later, still nothing more has been asked for.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await asked('stop')).length, 4);
  });
});
