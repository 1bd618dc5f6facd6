// Size budgets for the CDN bundle (gzip). Figures are printed; the budgets fail the build when exceeded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** Budgets in KB of gzip. The main file is what every page with a finder downloads. */
const BUDGETS = { main: 70, map: 55, sanitiser: 14, virtualizer: 10, openactive: 8 };

let dir: string;
const sizes = new Map<string, number>();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sf-size-'));
  await build({ configFile: new URL('../../vite.lib.config.ts', import.meta.url).pathname, logLevel: 'silent', build: { outDir: dir } });
  for (const file of await readdir(dir)) sizes.set(file, gzipSync(await readFile(join(dir, file))).length / 1024);
});
after(() => rm(dir, { recursive: true, force: true }));

const size = (prefix: string) => {
  const entries = [...sizes].filter(([f]) => f.startsWith(prefix));
  assert.ok(entries.length > 0, `no ${prefix}* file in the bundle`);
  return entries.reduce((n, [, s]) => n + s, 0);
};

describe('bundle size budgets (KB gzip)', () => {
  it('prints every file', () => {
    console.log([...sizes].map(([f, s]) => `# ${f.padEnd(32)} ${s.toFixed(1)} KB gzip`).join('\n'));
    assert.ok(sizes.has('service-finder.js'));
  });
  it(`the finder without the map is under ${BUDGETS.main} KB`, () =>
    assert.ok(size('service-finder.js') <= BUDGETS.main, `${size('service-finder.js').toFixed(1)} KB`));
  it(`the map chunk (Leaflet, its CSS, supercluster) is under ${BUDGETS.map} KB and separate`, () =>
    assert.ok(size('map-') <= BUDGETS.map, `${size('map-').toFixed(1)} KB`));
  it('the sanitiser, virtualizer and OpenActive reader load only when needed', () => {
    assert.ok(size('sanitise-') <= BUDGETS.sanitiser);
    assert.ok(size('virtualize-') + size('flow-') <= BUDGETS.virtualizer);
    assert.ok(size('openactive-') <= BUDGETS.openactive);
  });
});
