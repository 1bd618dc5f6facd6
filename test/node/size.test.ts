// Size budgets for the CDN bundle (gzip). Figures are printed; the budgets fail the build when exceeded.
// Measured as Vite reports them (see test/bundle-sizes.ts). Node's own gzip of the same file is printed beside
// them. Vite gives no gzip figure for a worker's file (the JSON worker): Node's stands for it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUDGETS, MAIN_FILE, buildBundle } from '../bundle-sizes.js';

let dir: string;
/** Vite's figure for each file. */
let sizes: Map<string, number>;
/** Node's gzip of each file, in kB. */
const nodeSizes = new Map<string, number>();
/** The files each file imports statically, as the bundler wrote them. */
let staticImports: Map<string, string[]>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sf-size-'));
  ({ sizes, staticImports } = await buildBundle(dir));
  for (const file of await readdir(dir)) nodeSizes.set(file, gzipSync(await readFile(join(dir, file))).length / 1000);
  for (const [file, kB] of nodeSizes) if (file.startsWith('json-worker-') && !sizes.has(file)) sizes.set(file, kB);
  assert.deepEqual([...sizes.keys()].sort(), [...nodeSizes.keys()].sort(), 'Vite reported the size of every file it wrote');
});
after(() => rm(dir, { recursive: true, force: true }));

const size = (prefix: string) => {
  const entries = [...sizes].filter(([f]) => f.startsWith(prefix));
  assert.ok(entries.length > 0, `no ${prefix}* file in the bundle`);
  return entries.reduce((n, [, s]) => n + s, 0);
};

describe('bundle size budgets (kB gzip, as Vite reports them)', () => {
  it('prints every file', () => {
    console.log(
      [...sizes].map(([f, s]) => `# ${f.padEnd(32)} ${s.toFixed(2)} kB gzip (Node's gzip: ${nodeSizes.get(f)?.toFixed(2)} kB)`).join('\n'),
    );
    assert.ok(sizes.has(MAIN_FILE));
  });
  it(`the finder without the map is under ${BUDGETS.main} KB`, () =>
    assert.ok(size(MAIN_FILE) <= BUDGETS.main, `${size(MAIN_FILE).toFixed(1)} KB`));
  it(`the map chunk (Leaflet, its CSS, supercluster) is under ${BUDGETS.map} KB and separate`, () =>
    assert.ok(size('map-') <= BUDGETS.map, `${size('map-').toFixed(1)} KB`));
  it('the main file imports no other file statically: a page makes one request for the finder before it starts', async () => {
    assert.deepEqual(staticImports.get(MAIN_FILE), []);
    // And as written: no `import … from "./…"` (dynamic `import("./…")` is how the lazy parts load).
    const main = await readFile(join(dir, MAIN_FILE), 'utf8');
    assert.doesNotMatch(
      main,
      /(?:^|[;}\s])(?:import|export)\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*(?:\s*as\s*[\w$]+)?)?\s*(?:from\s*)?["'`]\.\//,
    );
  });
  it('the sanitiser, virtualizer, OpenActive and static index readers, Welsh words, calendar, calendar file writer and JSON worker load only when needed', () => {
    assert.ok(size('sanitise-') <= BUDGETS.sanitiser);
    assert.ok(size('virtualize-') + size('flow-') <= BUDGETS.virtualizer);
    assert.ok(size('openactive-') <= BUDGETS.openactive);
    assert.ok(size('cy-') <= BUDGETS.welsh);
    assert.ok(size('calendar-view-') <= BUDGETS.calendar);
    assert.ok(size('ics-') <= BUDGETS.ics);
    assert.ok(size('index-read-') <= BUDGETS.staticIndex);
    assert.ok(size('json-worker-') <= BUDGETS.jsonWorker);
  });
});
