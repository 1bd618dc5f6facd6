// `npm pack` gives a package a new project can install and use: it ships the built code, types, CDN
// bundle and manifest (no sources or tests), and in Node its data layer reads directories and its
// CLI runs; its package.json declares the custom elements manifest and side effects.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { launchChromium } from '../chromium.js';
import { serve } from '../helpers.js';

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
      'dist/classes.js',
      'dist/classes.d.ts',
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
    assert.ok(pkg.sideEffects.includes('./dist/index.js'));
    assert.ok(pkg.sideEffects.includes('./dist/define.js'));
    assert.ok(!pkg.sideEffects.includes('./dist/classes.js'));
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules/service-finder-elements', pkg.customElements), 'utf8'));
    assert.ok(manifest.modules.length > 0);
  });

  it('`import "service-finder-elements"` defines the elements in a production build; `/classes` defines none', async () => {
    // Each app bundled from the installed package as an app's bundler would, tree-shaken.
    const apps = new Map<string, string>();
    for (const [name, code] of [
      ['register', `import 'service-finder-elements';`],
      ['classes', `import { ServiceFinder } from 'service-finder-elements/classes';\nwindow.finderClass = ServiceFinder;`],
    ]) {
      await writeFile(join(dir, `${name}.js`), code);
      const out = await build({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        build: {
          write: false,
          lib: { entry: join(dir, `${name}.js`), formats: ['es'], fileName: name },
          rolldownOptions: { output: { codeSplitting: false } },
        },
      });
      const result = (Array.isArray(out) ? out[0] : out) as { output: Array<{ type: string; code?: string }> };
      apps.set(`/${name}.js`, result.output.find((o) => o.type === 'chunk')!.code!);
    }
    const bundle = join(dir, 'node_modules/service-finder-elements/dist/bundle');
    for (const file of await readdir(bundle)) apps.set(`/bundle/${file}`, await readFile(join(bundle, file), 'utf8'));
    const site = await serve((req, res) => {
      const app = apps.get(req.url ?? '');
      if (app) res.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
      else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>App</title>');
      else res.writeHead(404).end();
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${site.url}/`);
      const tags = ['service-finder', 'sf-search', 'sf-results', 'sf-service', 'sf-shortlist', 'sf-calendar', 'sf-map'];
      const defined = () => page.evaluate((t) => t.filter((tag) => customElements.get(tag)), tags);
      await page.addScriptTag({ url: '/classes.js', type: 'module' });
      assert.equal(await page.evaluate(() => typeof (window as { finderClass?: unknown }).finderClass), 'function');
      assert.deepEqual(await defined(), [], 'service-finder-elements/classes defines nothing');
      await page.addScriptTag({ url: '/register.js', type: 'module' });
      assert.deepEqual(await defined(), tags, 'importing the package defines every element');
      // A second copy (the CDN bundle, say from a WordPress plugin) beside the app's: nothing throws.
      await page.addScriptTag({ url: '/bundle/service-finder.js', type: 'module' });
      assert.deepEqual(await defined(), tags);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
