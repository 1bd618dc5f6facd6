// `npm pack` gives a package a new project can install and use: it ships the built code, types, CDN
// bundle and manifest (no sources or tests), and in Node its data layer reads directories and its
// CLI runs; its package.json declares the custom elements manifest and side effects.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const root = new URL('../../', import.meta.url).pathname;
let dir: string;
let fixtures: FixtureServer;
let files: string[];
// Async: the fixture server runs in this process and must keep answering while a child uses it.
const run = async (cmd: string, args: string[], cwd?: string) => (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8' })).stdout;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sf-consumer-'));
  // What `prepack` does (tsc and the CDN bundle), run first so that pack's JSON is all it prints.
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  files = packed.files.map((f: { path: string }) => f.path);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)], {
    cwd: dir,
    stdio: 'ignore',
  });
  fixtures = await startFixtureServer();
});
after(async () => {
  await fixtures?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships the built code, types, the CDN bundle and the manifest, and no sources or tests', () => {
    for (const f of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/define.js',
      'dist/data.js',
      'dist/data.d.ts',
      'dist/cli/service-finder.js',
      'dist/bundle/service-finder.js',
      'custom-elements.json',
      'README.md',
    ]) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('demo/')));
  });

  it('reads and searches directories from Node through service-finder-elements/data', async () => {
    const script = `
      import { FinderStore } from 'service-finder-elements/data';
      const store = new FinderStore({ endpoints: ['${fixtures.url}/dialects/oruk-v3', '${fixtures.url}/broken/500'] });
      await store.setQuery({ text: 'walk' });
      await store.load();
      console.log(JSON.stringify({ total: store.total, matched: store.matched, states: store.statuses.map((s) => s.state) }));`;
    await writeFile(join(dir, 'use.mjs'), script);
    const out = JSON.parse(await run(process.execPath, ['use.mjs'], dir));
    assert.ok(out.total > 300);
    assert.ok(out.matched > 0);
    assert.deepEqual(out.states, ['done', 'failed']);
  });

  it('installs the service-finder command', async () => {
    const out = await run(join(dir, 'node_modules/.bin/service-finder'), ['check', `${fixtures.url}/dialects/outpost`]);
    assert.match(out, /Dialect: +outpost/);
  });

  it('declares its custom elements manifest and side effects', async () => {
    const pkg = JSON.parse(await readFile(join(dir, 'node_modules/service-finder-elements/package.json'), 'utf8'));
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.sideEffects.includes('./dist/define.js'));
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules/service-finder-elements', pkg.customElements), 'utf8'));
    assert.ok(manifest.modules.length > 0);
  });
});
