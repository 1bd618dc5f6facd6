// End to end: the elements in a React 19 app, used as the README's "React and Vue" says: attributes, an
// array property and the element's own event as JSX props, with no wrapper.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { launchChromium } from '../chromium.js';
import { serve } from '../helpers.js';
import { eventually, finderLoaded, openRecorded, resultsCount, type Visit } from './strict-site.js';

let fixtures: FixtureServer;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

before(async () => {
  // The app and the elements in one file, as a React app's bundler would make it.
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL('react/app.js', import.meta.url)), formats: ['es'], fileName: 'app' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const chunk = (Array.isArray(out) ? out[0] : out) as { output: Array<{ type: string; code?: string }> };
  const app = chunk.output.find((o) => o.type === 'chunk')!.code!;
  fixtures = await startFixtureServer();
  site = await serve((req, res) => {
    if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>React</title><script type="module" src="/app.js"></script></head><body><div id="root"></div></body></html>');
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await fixtures?.close();
});

async function visit(): Promise<Visit> {
  const f = fixtures.url;
  const v = await openRecorded(browser, `${site.url}/?endpoint=${encodeURIComponent(`${f}/dialects/oruk-v3`)}&named=${encodeURIComponent(`${f}/dialects/outpost`)}`);
  await finderLoaded(v.page, true);
  return v;
}

describe('in a React 19 app', () => {
  it('takes JSX props: a string and an array, set as the element’s properties', async () => {
    const { page, errors, close } = await visit();
    try {
      // React 19 sets the properties an element has (the array could not be an attribute at all).
      const { endpoints, names } = await page.locator('service-finder').evaluate((el) => {
        const finder = el as unknown as { endpoints: string; store: { statuses: Array<{ directory: { name: string } }> } };
        return { endpoints: finder.endpoints, names: finder.store.statuses.map((s) => s.directory.name) };
      });
      assert.equal(endpoints, `${fixtures.url}/dialects/oruk-v3`);
      assert.equal(names.length, 2, names.join(', '));
      assert.ok(names.includes('Named in React'), names.join(', '));
      await resultsCount(page, /[1-9][\d,]* services? found/);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  it('calls an onsf-select prop when a service is opened, and re-renders the element with a changed prop', async () => {
    const { page, errors, close } = await visit();
    try {
      assert.equal(await page.locator('#opened').textContent(), 'nothing');
      const link = page.locator('service-finder [part="card-title"] a').first();
      const key = await link.getAttribute('data-key');
      await link.click();
      await page.waitForFunction((k) => document.getElementById('opened')?.textContent === k, key, { timeout: 10_000 });
      // React changes the element's lang: the finder speaks Welsh (the count, behind the opened service).
      await page.click('#welsh');
      const count = page.locator('sf-results [part~="count"]');
      await eventually(async () => /gwasanaeth/.test((await count.textContent()) ?? ''), 'the count in Welsh');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
