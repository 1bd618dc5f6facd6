// The FinderStore over real HTTP: place names from a URL, and counts for other queries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FinderStore } from '../../src/store/finder-store.js';
import { clearCache, directoryRef } from '../../src/sources/index.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';

let server: FixtureServer;
before(async () => (server = await startFixtureServer()));
after(() => server.close());

describe('FinderStore', () => {
  it('reads the page’s place names from a URL, once, and uses them before any geocoder', async () => {
    const start = (await fixtureLog(server.url)).length;
    const places = (await (await fetch(`${server.url}/places.json`)).json()) as Record<string, { lat: number; lng: number }>;
    let geocoded = 0;
    const store = new FinderStore({
      endpoints: [],
      places: `${server.url}/places.json`,
      geocoder: async () => {
        geocoded++;
        return undefined;
      },
    });
    await store.setQuery({ place: 'barry' });
    assert.deepEqual(store.query.near, places.Barry);
    await store.setQuery({ place: 'Penarth' });
    assert.deepEqual(store.query.near, places.Penarth);
    assert.equal(geocoded, 0);
    const log = (await fixtureLog(server.url)).slice(start).filter((l) => l === '/places.json');
    assert.equal(log.length, 2, 'once by the test, once by the store');
    await store.setQuery({ place: 'Nowhere' });
    assert.equal(store.placeError, 'not-found');
    assert.equal(geocoded, 1);
  });

  it('a place list that cannot be read leaves postcodes and "lat,lng" working', async () => {
    const store = new FinderStore({
      endpoints: [],
      places: `${server.url}/broken/html200`,
      geocoder: async () => ({ lat: 51.5, lng: -3.2 }),
    });
    await store.setQuery({ place: 'CF10' });
    assert.deepEqual(store.query.near, { lat: 51.5, lng: -3.2 });
  });

  it('counts what another query would give without changing the results', async () => {
    const store = new FinderStore({ endpoints: [`${server.url}/dialects/oruk-v3`] });
    await store.setQuery({ age: 70, access: ['drop-in'], strict: true });
    await store.load();
    const shown = store.results.length;
    const loosened = store.count({ access: ['drop-in'], strict: true });
    assert.ok(loosened > shown, `${loosened} > ${shown}`);
    assert.equal(store.results.length, shown, 'current results unchanged');
    assert.equal(store.count(store.query), shown);
    store.dispose();
  });

  it('names a directory read through a relay, and keys its records, as when it is read directly', async () => {
    // The fixture server stands in for the relay: it serves the directory whose own address is `source`.
    const source = 'https://directory.cardiff.example/api';
    const relay = `${server.url}/directories/cardiff-council`;
    const own = directoryRef(source);
    const relayed = new FinderStore({ endpoints: [{ url: relay, source }] });
    const plain = new FinderStore({ endpoints: [relay] });
    await Promise.all([relayed.load(), plain.load()]);
    const d = relayed.statuses[0].directory;
    assert.deepEqual([d.id, d.name, d.url], [own.id, own.name, relay]);
    assert.notEqual(plain.statuses[0].directory.id, own.id, 'without `source` the relay address would name it');
    assert.ok(relayed.services.length > 0);
    for (const s of relayed.services) assert.ok(s.key.startsWith(`${own.id}:`), s.key);
    relayed.dispose();
    plain.dispose();
  });

  it('a store over the same directories takes over what the last one let go had read, without reading again', async () => {
    const url = `${server.url}/directories/vale-wellbeing`;
    const first = new FinderStore({ endpoints: [url] });
    await first.load();
    const services = first.services;
    first.dispose();
    // Without the page cache, nothing requested can only mean nothing was read again.
    clearCache();
    const before = (await fixtureLog(server.url)).length;
    const second = new FinderStore({ endpoints: [url] });
    await second.load();
    assert.ok(second.services.length > 0);
    assert.equal(second.services[0], services[0], 'the same blended records, not read and blended again');
    assert.deepEqual(
      second.statuses.map((s) => [s.state, s.records]),
      first.statuses.map((s) => ['done', s.records]),
    );
    const log = (await fixtureLog(server.url)).slice(before);
    assert.deepEqual(log, [], 'nothing requested');
    // Taken once: a third store, or one over other directories, reads for itself.
    second.dispose();
    const other = new FinderStore({ endpoints: [url, `${server.url}/broken/500`] });
    await other.load();
    assert.ok(other.services.length > 0);
    assert.notEqual(other.services[0], services[0]);
    assert.equal(other.statuses[1].state, 'failed');
    other.dispose(); // a store with a failed directory leaves nothing to take over
    const asked = async () => (await fixtureLog(server.url)).filter((l) => l.startsWith('/broken/500')).length;
    const failedBefore = await asked();
    const last = new FinderStore({ endpoints: [url, `${server.url}/broken/500`] });
    await last.load();
    assert.ok((await asked()) > failedBefore, 'the failed directory was asked again');
    last.dispose();
  });

  it('keeps a keyword typed while a place is looked up, and only the latest lookup answers', async () => {
    const answers: Array<(p: { lat: number; lng: number } | undefined) => void> = [];
    let aborted = 0;
    // Barry's lookup ignores being aborted and answers late, as a geocoder that does not honour the signal would.
    const geocoder = (place: string, signal?: AbortSignal) =>
      new Promise<{ lat: number; lng: number } | undefined>((resolve, reject) => {
        answers.push(resolve);
        if (place !== 'Barry') signal?.addEventListener('abort', () => (aborted++, reject(new Error('aborted'))));
      });
    const until = async (ok: () => boolean) => {
      for (let i = 0; !ok(); i++) {
        assert.ok(i < 1000, 'the geocoder was asked');
        await new Promise((r) => setTimeout(r, 1));
      }
    };
    const store = new FinderStore({ endpoints: [], geocoder });
    const first = store.setQuery({ place: 'CF10' });
    await until(() => answers.length === 1);
    // The same place: the keyword waits for the lookup under way instead of asking the geocoder again.
    const typed = store.setQuery({ text: 'yoga' });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(answers.length, 1, 'the geocoder was asked once');
    assert.equal(aborted, 0, 'the lookup under way was kept');
    answers[0]({ lat: 51.47, lng: -3.17 });
    await Promise.all([first, typed]);
    assert.equal(store.query.text, 'yoga', 'the keyword is kept');
    assert.deepEqual(store.query.near, { lat: 51.47, lng: -3.17 });
    assert.equal(store.placeError, undefined);

    // A second place asked for before the first answers: the first lookup is aborted, and its answer, arriving last, is not used.
    const a = store.setQuery({ place: 'Barry' });
    await until(() => answers.length === 2);
    const b = store.setQuery({ place: 'Penarth' });
    await until(() => answers.length === 3);
    answers[2]({ lat: 51.44, lng: -3.17 }); // Penarth
    await b;
    answers[1]({ lat: 51.4, lng: -3.27 }); // Barry, late
    await a;
    assert.deepEqual([store.query.place, store.query.near, store.placeError], ['Penarth', { lat: 51.44, lng: -3.17 }, undefined]);
    store.dispose();
  });

  it('reads the feeds given as `openactive`, as feeds', async () => {
    const store = new FinderStore({ endpoints: [], openactive: [`${server.url}/openactive/session-series`] });
    await store.load();
    assert.equal(store.statuses.length, 1);
    assert.equal(store.statuses[0].state, 'done', store.statuses[0].error?.message);
    assert.equal(store.statuses[0].dialect, 'openactive');
    assert.ok(store.services.length > 0);
    store.dispose();
  });
});
