// A finder page over a static index, in Chromium with the built bundle: which files the page asks for, from its own request log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { distanceToBoxKm } from '../../src/engine/index.js';
import { indexFilePath, type IndexManifest } from '../../src/model/static-index.js';
import { milesToKm } from '../../src/i18n/index.js';
import { CARDIFF } from '../fixtures/static-index.js';
import { finderLoaded, resultsCount, startStrictSite, type StrictSite } from './strict-site.js';

let site: StrictSite;
let manifest: IndexManifest;
const RADIUS_MILES = 1;

before(async () => {
  site = await startStrictSite();
  const f = site.fixtures.url;
  manifest = (await (await fetch(`${f}/index/demo/manifest.json`)).json()) as IndexManifest;
  const index = `${f}/index/demo/manifest.json`;
  site.page(
    'index-near',
    () =>
      `<service-finder url-state="off" index="${index}" near="${CARDIFF.lat},${CARDIFF.lng}" radius="${RADIUS_MILES}"></service-finder>`,
  );
  site.page('index-no-place', () => `<service-finder url-state="off" index="${index}"></service-finder>`);
  site.page('no-index', (fx) => `<service-finder url-state="off" endpoints="${fx}/dialects/oruk-v3"></service-finder>`);
});
after(() => site?.close());

describe('a finder page over a static index', () => {
  it('fetches the manifest and only the cells that meet the circle around the place', async () => {
    const visit = await site.visit('index-near');
    try {
      await finderLoaded(visit.page, true);
      await resultsCount(visit.page, /\d+ services? found/);
      const radiusKm = milesToKm(RADIUS_MILES);
      const expected = manifest.cells
        .filter((c) => distanceToBoxKm(CARDIFF, c.bounds) <= radiusKm * 1.01)
        .map((c) => indexFilePath('cells', c.id, c.sha256));
      assert.ok(expected.length > 0 && expected.length < manifest.cells.length / 2, `${expected.length} of ${manifest.cells.length}`);
      const index = visit.requests.filter((r) => r.includes('/index/demo/'));
      const cells = index.filter((r) => r.includes('/cells/')).map((r) => r.replace(/^.*\/index\/demo\//, ''));
      assert.deepEqual(cells.sort(), expected.sort());
      assert.equal(index.filter((r) => r.endsWith('/manifest.json')).length, 1);
      assert.ok(
        visit.requests.some((r) => /\/index-read-[\w-]+\.js$/.test(r)),
        'the index reader is loaded',
      );
      assert.deepEqual(visit.errors, []);
      assert.deepEqual(await visit.violations(), []);
      // Records are keyed under the index and named by the directories it lists.
      const names = await visit.page.evaluate(() => {
        const store = (document.querySelector('service-finder') as unknown as { store: { results: Array<{ service: { key: string } }> } })
          .store;
        return store.results.map((r) => r.service.key);
      });
      assert.ok(names.every((k) => k.startsWith('index-demo/')));
    } finally {
      await visit.close();
    }
  });

  it('without a place, asks for one and fetches nothing from the index', async () => {
    const visit = await site.visit('index-no-place');
    try {
      await visit.page.locator('sf-results [part~="notice-place"]').waitFor();
      const notice = await visit.page.locator('sf-results [part~="notice-place"]').textContent();
      assert.match(notice ?? '', /Enter a postcode or place to see services from/);
      assert.deepEqual(
        visit.requests.filter((r) => r.includes('/index/')),
        [],
      );
      // A place typed into the form starts the reading.
      await visit.page.locator('sf-search #place').fill(`${CARDIFF.lat},${CARDIFF.lng}`);
      await visit.page.locator('sf-search [part~="submit-button"]').click();
      await finderLoaded(visit.page, true);
      assert.ok(visit.requests.some((r) => r.includes('/index/demo/cells/')));
    } finally {
      await visit.close();
    }
  });

  it('a page without an index never loads the index reader', async () => {
    const visit = await site.visit('no-index');
    try {
      await finderLoaded(visit.page, true);
      assert.ok(!visit.requests.some((r) => /index-read/.test(r)));
    } finally {
      await visit.close();
    }
  });
});
