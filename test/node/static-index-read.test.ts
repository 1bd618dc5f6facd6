// The finder's store reading a static index over real HTTP (the fixture server's demo index and its tampered and hostile copies).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FinderStore } from '../../src/store/finder-store.js';
import { main } from '../../src/cli/service-finder.js';
import { clearCache } from '../../src/sources/index.js';
import { distanceToBoxKm } from '../../src/engine/index.js';
import type { LatLng } from '../../src/model/index.js';
import { indexFilePath, type IndexManifest } from '../../src/model/static-index.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';
import { CARDIFF, nearestCell } from '../fixtures/static-index.js';

let server: FixtureServer;
let manifest: IndexManifest;
const PENARTH = { lat: 51.4386, lng: -3.1737 };

before(async () => {
  server = await startFixtureServer();
  // The first request builds the demo index (from this server's own directories).
  manifest = (await (await fetch(`${server.url}/index/demo/manifest.json`)).json()) as IndexManifest;
});
after(() => server.close());

const manifestUrl = (variant = 'demo') => `${server.url}/index/${variant}/manifest.json`;

/** The cells of the demo index that meet a circle, nearest first. */
const cellsMeeting = (near: LatLng, radiusKm: number) =>
  manifest.cells
    .filter((c) => distanceToBoxKm(near, c.bounds) <= radiusKm * 1.01)
    .sort((a, b) => distanceToBoxKm(near, a.bounds) - distanceToBoxKm(near, b.bounds))
    .map((c) => `/index/demo/${indexFilePath('cells', c.id, c.sha256)}`);

/** What the store asked the fixture server for since `start`, under `prefix`. */
async function asked(start: number, prefix: string): Promise<string[]> {
  return (await fixtureLog(server.url)).slice(start).filter((l) => l.startsWith(prefix));
}

/** Resolves once the store is reading nothing. */
function settled(store: FinderStore): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (store.loading) return;
      store.removeEventListener('change', check);
      resolve();
    };
    store.addEventListener('change', check);
    check();
  });
}

describe('a finder over a static index', () => {
  it('reads nothing from the index until there is a place, and says one is needed', async () => {
    clearCache();
    const start = (await fixtureLog(server.url)).length;
    const store = new FinderStore({ endpoints: [], index: [manifestUrl()] });
    await store.load();
    const status = store.statuses[0];
    assert.equal(status.waitingFor, 'place');
    assert.equal(status.state, 'idle');
    assert.deepEqual(await asked(start, '/index/'), []);
    await store.setQuery({ near: CARDIFF, radiusKm: 1 });
    await settled(store);
    assert.ok((await asked(start, '/index/demo/cells/')).length > 0, 'a place reads cells');
    assert.equal(store.statuses[0].waitingFor, undefined);
    store.dispose();
  });

  it('reads only the cells that meet the circle, the nearest first, and keys records under the index', async () => {
    clearCache();
    const start = (await fixtureLog(server.url)).length;
    const store = new FinderStore({ endpoints: [], index: [manifestUrl()] });
    await store.setQuery({ near: CARDIFF, radiusKm: 1.5 });
    await store.load();
    const expected = cellsMeeting(CARDIFF, 1.5);
    assert.ok(expected.length > 1 && expected.length < manifest.cells.length / 2, `${expected.length} of ${manifest.cells.length} cells`);
    const cells = await asked(start, '/index/demo/cells/');
    assert.deepEqual([...cells].sort(), [...expected].sort());
    assert.equal(cells[0], expected[0], 'the nearest cell is asked for first');
    assert.equal(store.statuses[0].state, 'done');
    assert.ok(store.results.length > 0);
    for (const r of store.results) for (const s of r.service.sources) assert.match(s.key, /^index-demo\/[a-z0-9-]+:/);
    const shown = new Set(store.results.flatMap((r) => r.service.sources.map((s) => s.directory.name)));
    assert.ok(
      [...shown].some((n) => n.includes('cardiff-council')),
      'named by the directories the index lists',
    );

    // Moving the place reads the cells that the new circle meets and the old did not, and no cell twice.
    const moved = (await fixtureLog(server.url)).length;
    await store.setQuery({ near: PENARTH, radiusKm: 1.5 });
    await settled(store);
    const more = await asked(moved, '/index/demo/cells/');
    assert.deepEqual(
      [...more].sort(),
      cellsMeeting(PENARTH, 1.5)
        .filter((c) => !expected.includes(c))
        .sort(),
    );
    assert.ok(more.length > 0);
    assert.deepEqual(await asked(moved, '/index/demo/manifest'), [], 'the manifest is read once');
    store.dispose();
  });

  it('without a radius, reads the nearest cells until they hold a few hundred services', async () => {
    clearCache();
    const start = (await fixtureLog(server.url)).length;
    const store = new FinderStore({ endpoints: [], index: [manifestUrl()] });
    await store.setQuery({ near: PENARTH });
    await store.load();
    const cells = await asked(start, '/index/demo/cells/');
    const counts = manifest.cells.filter((c) => cells.some((p) => p.includes(`/${c.id}.`))).reduce((n, c) => n + c.count, 0);
    assert.ok(counts >= 200, `${counts} services in the cells read`);
    assert.ok(cells.length < manifest.cells.length, `${cells.length} of ${manifest.cells.length} cells`);
    store.dispose();
  });

  it('reads the files of services without a place for the category asked for only', async () => {
    clearCache();
    const start = (await fixtureLog(server.url)).length;
    const store = new FinderStore({ endpoints: [], index: [manifestUrl()] });
    await store.setQuery({ near: CARDIFF, radiusKm: 1, categories: ['Mental health'] });
    await store.load();
    const files = await asked(start, '/index/demo/unlocated/');
    const expected = manifest.unlocated
      .filter((u) => u.category === 'mental health')
      .map((u) => `/index/demo/${indexFilePath('unlocated', u.id, u.sha256)}`);
    assert.ok(expected.length > 0 && manifest.unlocated.length > expected.length);
    assert.deepEqual(files.sort(), expected.sort());
    // They are listed after the services that say they are near: they do not say where.
    const placeless = store.results.filter((r) => !r.service.locations?.some((l) => l.lat !== undefined));
    assert.ok(placeless.length > 0 && placeless.every((r) => r.partial));
    store.dispose();
  });

  it('blends the index with live directories: a service in both is shown once, named by both', async () => {
    clearCache();
    const store = new FinderStore({ endpoints: [`${server.url}/dialects/oruk-v3`], index: [manifestUrl()] });
    await store.setQuery({ near: CARDIFF, radiusKm: 1.5 });
    await store.load();
    const both = store.results.filter(
      (r) =>
        r.service.sources.some((s) => s.directory.id === 'dialects-oruk-v3') &&
        r.service.sources.some((s) => s.key.startsWith('index-demo/')),
    );
    assert.ok(both.length > 0);
    store.dispose();
  });

  it('reports a cell that is not what the manifest lists, and reads the others', async () => {
    clearCache();
    const store = new FinderStore({ endpoints: [], index: [manifestUrl('tampered')] });
    await store.setQuery({ near: CARDIFF, radiusKm: 1.5 });
    await store.load();
    const status = store.statuses[0];
    assert.equal(status.state, 'done');
    assert.equal(status.error?.kind, 'invalid-json');
    assert.match(status.error!.message, /not the one its manifest lists/);
    const target = nearestCell(manifest);
    assert.ok(status.problems.some((p) => p.reason.includes(`cell ${target.id}`)));
    assert.ok(store.results.length > 0, 'the other cells are read');
    // Trying again asks for the cell that could not be read, and nothing else.
    const before = (await fixtureLog(server.url)).length;
    await store.retry('index-tampered');
    const again = await asked(before, '/index/tampered/');
    assert.deepEqual(again, [`/index/tampered/${indexFilePath('cells', target.id, target.sha256)}`]);
    store.dispose();
  });

  it('keeps records of a hostile index under its own key, in their cells, naming only directories it lists', async () => {
    clearCache();
    const start = (await fixtureLog(server.url)).length;
    const store = new FinderStore({ endpoints: [`${server.url}/dialects/oruk-v3`], index: [manifestUrl('hostile')] });
    await store.setQuery({ near: CARDIFF, radiusKm: 1.5 });
    await store.load();
    const status = store.statuses.find((s) => s.directory.id === 'index-hostile')!;
    assert.equal(status.state, 'done');
    const ids = new Set(store.services.flatMap((s) => s.sources.map((r) => r.key)));
    const impostor = [...ids].filter((k) => k.endsWith(':impostor'));
    assert.equal(impostor.length, 1);
    assert.match(impostor[0], /^index-hostile\/[a-z0-9-]+:impostor$/);
    assert.ok(![...ids].some((k) => k.endsWith(':far-away') || k.endsWith(':no-directory')));
    assert.ok(status.problems.some((p) => /outside its cell/.test(p.reason)));
    assert.ok(status.problems.some((p) => /names no directory/.test(p.reason)));
    assert.ok(
      status.problems.some((p) => /not what it says/.test(p.reason)),
      'the cell with bounds not its own',
    );
    assert.ok(![...ids].some((k) => k.includes('..')));
    const target = nearestCell(manifest);
    const cells = await asked(start, '/index/hostile/cells/');
    assert.equal(cells.filter((c) => c.includes(`/${target.id}.`)).length, 1, 'a cell listed twice is read once');
    const shifted = manifest.cells.find((c) => c.id !== target.id)!;
    assert.ok(!cells.some((c) => c.includes(`/${shifted.id}.`)), 'the cell with bounds not its own is not read');
    // The live directory's records are all there.
    assert.equal(store.statuses.find((s) => s.directory.id === 'dialects-oruk-v3')?.state, 'done');
    store.dispose();
  });

  it('is searched from the command line near a place', async () => {
    const out: string[] = [];
    const code = await main(
      ['search', '--index', manifestUrl(), '--near', `${CARDIFF.lat},${CARDIFF.lng}`, '--radius', '1', '--json'],
      (line) => out.push(line),
      () => {},
    );
    assert.equal(code, 0);
    const report = JSON.parse(out.join('\n')) as {
      results: Array<{ keys: string[]; distanceKm?: number }>;
      sources: Array<{ id: string; state: string }>;
    };
    assert.deepEqual(
      report.sources.map((s) => [s.id, s.state]),
      [['index-demo', 'done']],
    );
    assert.ok(report.results.length > 0);
    assert.ok(report.results.every((r) => r.keys.every((k) => k.startsWith('index-demo/'))));
  });

  it('an address that is not an index fails that source with a clear message', async () => {
    clearCache();
    const store = new FinderStore({ endpoints: [], index: [`${server.url}/dialects/oruk-v3/services`] });
    await store.setQuery({ near: CARDIFF, radiusKm: 1 });
    await store.load();
    assert.equal(store.statuses[0].state, 'failed');
    assert.match(store.statuses[0].error!.message, /not a service finder index manifest/);
    store.dispose();
  });
});
