// End to end: the map in the built bundle. Leaflet is a separate file fetched only when a map is shown,
// and the map works under the same strict Content Security Policy as the rest, with tiles from the
// configured server only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { BUNDLE, finderLoaded, startStrictSite, type StrictSite } from './strict-site.js';

let site: StrictSite;
let fixtures: StrictSite['fixtures'];

before(async () => {
  site = await startStrictSite();
  fixtures = site.fixtures;
  site.page('list', (f) => `<service-finder endpoints="${f}/dialects/oruk-v3"></service-finder>`);
  site.page(
    'map',
    (f) => `<service-finder view="map list" map-tiles="${f}/tiles/{z}/{x}/{y}.png" endpoints="${f}/dialects/oruk-v3"></service-finder>`,
  );
});

after(() => site?.close());

/** Opens a page and waits until its finder has results. */
async function visit(name: string) {
  const v = await site.visit(name);
  await finderLoaded(v.page, true);
  return v;
}

describe('the map in the built bundle', () => {
  it('is a separate file next to service-finder.js', async () => {
    const files = await readdir(BUNDLE);
    assert.ok(files.includes('service-finder.js'));
    const maps = files.filter((f) => /^map-[\w-]+\.js$/.test(f));
    assert.equal(maps.length, 1, files.join(', '));
    const main = await readFile(new URL('service-finder.js', BUNDLE), 'utf8');
    assert.ok(!main.includes('Map container not found'), 'Leaflet is not in service-finder.js');
    assert.ok((await readFile(new URL(maps[0], BUNDLE), 'utf8')).includes('Map container not found'), 'Leaflet is in the map file');
    assert.ok(main.includes(maps[0]), 'service-finder.js imports the map file');
  });

  it('a page with only the list does not download the map file', async () => {
    const v = await visit('list');
    await v.page.waitForTimeout(300);
    assert.deepEqual(
      v.requests.filter((r) => /\/map-[\w-]+\.js|\/tiles\//.test(r)),
      [],
    );
    assert.deepEqual(v.errors, []);
    await v.close();
  });

  it('a page with a map loads it, draws markers and tiles from the configured server, and breaks no CSP rule', async () => {
    const v = await visit('map');
    await v.page.waitForFunction(() => {
      const map = document.querySelector('service-finder')!.shadowRoot!.querySelector('sf-map')!;
      return (
        (map.shadowRoot?.querySelectorAll('.sf-marker').length ?? 0) > 0 &&
        (map.shadowRoot?.querySelectorAll('img.leaflet-tile-loaded').length ?? 0) > 0
      );
    });
    assert.equal(v.requests.filter((r) => /\/map-[\w-]+\.js$/.test(r)).length, 1);
    const tiles = v.requests.filter((r) => r.endsWith('.png'));
    assert.ok(tiles.length > 0);
    for (const t of tiles) assert.ok(t.startsWith(`${fixtures.url}/tiles/`), t);
    assert.ok(!v.requests.some((r) => r.includes('openstreetmap')));
    // Leaflet's CSS is in the shadow root: the map pane is positioned, tiles are laid out.
    const positioned = await v.page.evaluate(() => {
      const map = document.querySelector('service-finder')!.shadowRoot!.querySelector('sf-map')!;
      const pane = map.shadowRoot!.querySelector('.leaflet-tile-pane') as HTMLElement;
      return getComputedStyle(pane).position;
    });
    assert.equal(positioned, 'absolute');
    assert.deepEqual(await v.violations(), []);
    assert.deepEqual(v.errors, []);
    await v.close();
  });
});
