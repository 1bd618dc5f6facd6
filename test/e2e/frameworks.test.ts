// End to end: the elements in a React 19 app and a Vue 3 app, used as the README's "React and Vue" says, with
// no wrapper: arrays, numbers and booleans passed as props, the element's own event handled, a changed prop re-rendered.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { launchChromium } from '../chromium.js';
import { serve } from '../helpers.js';
import { eventually, finderLoaded, openRecorded, resultsCount, type Visit } from './strict-site.js';

const FRAMEWORKS = ['React', 'Vue'] as const;
let fixtures: FixtureServer;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

/**
 * The app and the elements in one file, as the app's bundler would make it: a development build, in which React
 * and Vue print their warnings, so that the test sees any.
 */
async function bundle(framework: (typeof FRAMEWORKS)[number]): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    // The app imports the package by name, as an app would; here its sources stand in for the installed
    // package (test/e2e/package.test.ts bundles the installed package itself).
    resolve: { alias: [{ find: /^service-finder-elements$/, replacement: fileURLToPath(new URL('../../src/index.ts', import.meta.url)) }] },
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL(`frameworks/${framework.toLowerCase()}.js`, import.meta.url)), formats: ['es'], fileName: 'app' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const result = (Array.isArray(out) ? out[0] : out) as { output: Array<{ type: string; code?: string }> };
  return result.output.find((o) => o.type === 'chunk')!.code!;
}

before(async () => {
  const apps = new Map<string, string>();
  for (const framework of FRAMEWORKS) apps.set(`/${framework.toLowerCase()}.js`, await bundle(framework));
  fixtures = await startFixtureServer();
  site = await serve((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const app = apps.get(path);
    if (app) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
    const script = path.replace(/\.html$/, '.js');
    if (!apps.has(script)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>App</title><link rel="icon" href="data:,"><script type="module" src="${script}"></script></head><body><div id="root"></div></body></html>`,
    );
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await fixtures?.close();
});

async function visit(framework: string): Promise<Visit & { warnings: string[] }> {
  const f = fixtures.url;
  const query = new URLSearchParams({ endpoint: `${f}/dialects/oruk-v3`, named: `${f}/dialects/outpost`, label: `Named in ${framework}` });
  const warnings: string[] = [];
  const v = await openRecorded(browser, `${site.url}/${framework.toLowerCase()}.html?${query}`, (page) =>
    page.on('console', (m) => {
      // Lit says once that it runs in development mode (the elements come from src/ here); anything else counts.
      if ((m.type() === 'warning' || m.type() === 'error') && !m.text().startsWith('Lit is in dev mode')) warnings.push(m.text());
    }),
  );
  await finderLoaded(v.page, true);
  return Object.assign(v, { warnings });
}

for (const framework of FRAMEWORKS) {
  describe(`in a ${framework} app`, () => {
    it('takes props of the types the framework passes: arrays, numbers and booleans, set as the element’s properties', async () => {
      const { page, errors, warnings, close } = await visit(framework);
      try {
        // Each sets the property the element has (an array could not be an attribute at all).
        const seen = await page.locator('service-finder').evaluate((el) => {
          const finder = el as unknown as {
            endpoints: unknown;
            age: unknown;
            free: unknown;
            hideSearch: unknown;
            store: { query: Record<string, unknown>; statuses: Array<{ directory: { name: string } }> };
          };
          return {
            endpoints: finder.endpoints,
            types: [typeof finder.age, typeof finder.free, typeof finder.hideSearch],
            query: finder.store.query,
            names: finder.store.statuses.map((s) => s.directory.name),
            form: !!el.shadowRoot?.querySelector('sf-search'),
          };
        });
        assert.deepEqual(seen.endpoints, [`${fixtures.url}/dialects/oruk-v3`]);
        assert.deepEqual(seen.types, ['number', 'boolean', 'boolean']);
        assert.equal(seen.query.age, 70);
        assert.equal(Math.round(seen.query.radiusKm as number), 16);
        assert.equal(seen.query.free, true);
        assert.deepEqual(seen.query.needs, ['staying-active', 'lonely']);
        assert.equal(seen.form, true, 'hideSearch false shows the form');
        assert.equal(seen.names.length, 2, seen.names.join(', '));
        assert.ok(seen.names.includes(`Named in ${framework}`), seen.names.join(', '));
        await resultsCount(page, /[1-9][\d,]* services? found/);
        assert.deepEqual(errors, []);
        assert.deepEqual(warnings, []);
      } finally {
        await close();
      }
    });

    it('handles sf-select when a service is opened, and re-renders the element with a changed prop', async () => {
      const { page, errors, warnings, close } = await visit(framework);
      try {
        assert.equal(await page.locator('#opened').textContent(), 'nothing');
        // The list is long enough to be virtualised, and below the form: its cards are made once it is in view.
        await page.locator('service-finder').evaluate((el) => el.shadowRoot?.querySelector('sf-results')?.scrollIntoView());
        const link = page.locator('service-finder [part="card-title"] a').first();
        const key = await link.getAttribute('data-key');
        await link.click();
        await page.waitForFunction((k) => document.getElementById('opened')?.textContent === k, key, { timeout: 10_000 });
        // The app changes the element's lang: the finder speaks Welsh (the count, behind the opened service).
        await page.click('#welsh');
        const count = page.locator('sf-results [part~="count"]');
        await eventually(async () => /gwasanaeth/.test((await count.textContent()) ?? ''), 'the count in Welsh');
        assert.deepEqual(errors, []);
        assert.deepEqual(warnings, []);
      } finally {
        await close();
      }
    });
  });
}
