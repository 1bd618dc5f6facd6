// End to end: the map in the built bundle. Leaflet is a separate file fetched only when a map is shown,
// and the map works under the same strict Content Security Policy as the rest, with tiles from the
// configured server only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BUNDLE = new URL('../../dist/bundle/', import.meta.url);

let fixtures: FixtureServer;
let site: Server;
let origin: string;
let browser: Browser;
const pages = new Map<string, string>();

before(async () => {
  await build({ configFile: new URL('../../vite.lib.config.ts', import.meta.url).pathname, logLevel: 'silent' });
  fixtures = await startFixtureServer();
  const f = fixtures.url;
  const shell = (body: string) =>
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>map</title><script type="module" src="/service-finder.js"></script></head><body><main><h1>Find services</h1>${body}</main></body></html>`;
  pages.set('/list.html', shell(`<service-finder endpoints="${f}/dialects/oruk-v3"></service-finder>`));
  pages.set('/map.html', shell(`<service-finder view="map list" map-tiles="${f}/tiles/{z}/{x}/{y}.png" endpoints="${f}/dialects/oruk-v3"></service-finder>`));
  site = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const csp = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${f}; img-src 'self' ${f} data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
    if (pages.has(path)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      return res.end(pages.get(path));
    }
    try {
      const body = await readFile(new URL(`.${path}`, BUNDLE));
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await fixtures?.close();
});

async function visit(name: string) {
  const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(`${origin}/${name}.html`);
  await page.waitForFunction(() => {
    const el = document.querySelector('service-finder') as (HTMLElement & { store?: { loading: boolean; results: unknown[] } }) | null;
    return !!el?.store && !el.store.loading && el.store.results.length > 0;
  });
  return { page, requests, errors, close: () => context.close(), violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
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
    assert.deepEqual(v.requests.filter((r) => /\/map-[\w-]+\.js|\/tiles\//.test(r)), []);
    assert.deepEqual(v.errors, []);
    await v.close();
  });

  it('a page with a map loads it, draws markers and tiles from the configured server, and breaks no CSP rule', async () => {
    const v = await visit('map');
    await v.page.waitForFunction(() => {
      const map = document.querySelector('service-finder')!.shadowRoot!.querySelector('sf-map')!;
      return (map.shadowRoot?.querySelectorAll('.sf-marker').length ?? 0) > 0 && (map.shadowRoot?.querySelectorAll('img.leaflet-tile-loaded').length ?? 0) > 0;
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
