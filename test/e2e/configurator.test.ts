// The configurator page as a web editor uses it, in Chromium: paste directory addresses, see each checked,
// choose presets, copy the HTML (read back from the clipboard), and put the copied code on a plain page served
// with the built bundle: that page shows the same results as the configurator's live preview.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { freePort } from '../helpers.js';
import { openRecorded, startStrictSite, type StrictSite, type Visit } from './strict-site.js';

let site: StrictSite;
let vite: ViteDevServer;
let demo: string;

before(async () => {
  site = await startStrictSite();
  // The demo pages (vite.config.ts) over this test's fixture server, as `npm start` runs them over its own.
  process.env.FIXTURES_URL = site.fixtures.url;
  process.env.DEMO_PORT = String(await freePort());
  vite = await createServer({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'silent' });
  await vite.listen();
  demo = vite.resolvedUrls!.local[0];
});

after(async () => {
  await vite?.close();
  await site?.close();
});

/**
 * What a finder on `page` found: its results in order, each as the records it blends (a service listed in two
 * directories takes its key from whichever was read first), its count as read, and the directories that failed.
 */
async function findings(page: Page, finder: string): Promise<{ keys: string[]; count: string; failed: string[] }> {
  const found = await page.evaluate((selector) => {
    const host = selector === 'preview' ? document.querySelector('finder-configurator') : document;
    const el = (
      selector === 'preview' ? (host as unknown as { preview: Element }).preview : document.querySelector('service-finder')
    ) as Element & {
      store: {
        results: Array<{ service: { sources: Array<{ key: string }> } }>;
        statuses: Array<{ state: string; directory: { name: string } }>;
      };
    };
    return {
      keys: el.store.results.map((r) =>
        r.service.sources
          .map((s) => s.key)
          .sort()
          .join(' + '),
      ),
      failed: el.store.statuses.filter((s) => s.state === 'failed').map((s) => s.directory.name),
    };
  }, finder);
  const scope = finder === 'preview' ? 'finder-configurator sf-results' : 'sf-results';
  const count = (await page.locator(`${scope} [part~="count"]`).first().textContent())?.trim() ?? '';
  return { ...found, count };
}

/** The finder on `page` (`preview`: the configurator's preview), once it is the finder for `attributes` and has read every directory. */
async function settled(page: Page, finder: 'preview' | 'page', attributes: Record<string, string> = {}): Promise<void> {
  await page.waitForFunction(
    ([which, wanted]) => {
      const el = (
        which === 'preview'
          ? (document.querySelector('finder-configurator') as unknown as { preview?: HTMLElement }).preview
          : document.querySelector('service-finder')
      ) as (HTMLElement & { store?: { statuses: Array<{ state: string }> } }) | undefined;
      const statuses = el?.store?.statuses ?? [];
      // A directory is marked read once the results include all it gave.
      return (
        statuses.length > 0 &&
        statuses.every((s) => s.state === 'done' || s.state === 'failed') &&
        Object.entries(wanted).every(([name, value]) => el!.getAttribute(name) === value)
      );
    },
    [finder, attributes] as const,
    { timeout: 30_000 },
  );
}

describe('the configurator, from paste to a page', () => {
  let visit: Visit;
  let page: Page;

  before(async () => {
    visit = await openRecorded(site.browser, new URL('/configurator.html', demo).href);
    page = visit.page;
    await visit.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(demo).origin });
  });
  after(() => visit?.close());

  it('paste, check, choose, copy; the copied code on a plain page shows what the preview showed', { timeout: 120_000 }, async () => {
    const f = site.fixtures.url;
    // Paste, from the clipboard, as an editor would.
    const pasted = [
      `${f}/directories/cardiff-council Cardiff Council Community Directory`,
      `${f}/directories/cwtch-map`,
      `${f}/broken/500`,
    ].join('\n');
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await page.locator('#directories').focus();
    await page.keyboard.press('Control+V');
    assert.equal(await page.locator('#directories').inputValue(), pasted);

    // Check: each address as `service-finder check` reports it, and the outcome announced.
    await page
      .locator('.check-status')
      .filter({ hasText: /^Checked / })
      .waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.check-status').textContent(), 'Checked 3 directories: 2 can be used, 1 cannot be read.');
    const checks = page.locator('.check');
    assert.match((await checks.nth(0).textContent()) ?? '', /Cardiff Council Community Directory[\s\S]*Can be used by the finder/);
    assert.match((await checks.nth(2).textContent()) ?? '', /Cannot be read[\s\S]*HTTP 500/);

    // Choose, by keyboard: a place from the page's place names, a distance, two types of service, free, Welsh, a calendar too.
    await page.locator('#preset-near').focus();
    await page.keyboard.type('Barry');
    await page.locator('#preset-radius').focus();
    await page.keyboard.type('4');
    const presets = page.locator('.presets');
    for (const name of ['Social groups', "Carers' support"]) {
      await presets.getByRole('checkbox', { name: new RegExp(`^${name} \\(\\d+\\)$`) }).focus();
      await page.keyboard.press('Space');
    }
    await page.locator('#preset-free').focus();
    await page.keyboard.press('Space');
    await presets.getByRole('checkbox', { name: 'Calendar', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.locator('#preset-lang').selectOption('cy');
    await page.locator('#script-src').fill(`${site.origin}/service-finder.js`);
    const chosen = { near: 'Barry', radius: '4', category: "Social groups,Carers' support", free: '', view: 'list calendar', lang: 'cy' };
    await settled(page, 'preview', chosen);
    const seen = await findings(page, 'preview');
    assert.ok(seen.keys.length > 0, 'the preview lists services');
    assert.match(seen.count, /^Canfuwyd \d+/, 'the preview speaks Welsh');
    assert.deepEqual(seen.failed, ['127.0.0.1/broken/500'], 'the directory that is down is named, the others listed');

    // Copy: the HTML from the clipboard, and the shortcode.
    await page.locator('#copy-html').focus();
    await page.keyboard.press('Enter');
    await page.locator('.copy-status').filter({ hasText: 'The HTML is copied' }).waitFor();
    const html = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(html, await page.locator('#html-code').textContent());
    assert.match(html, new RegExp(`^<script type="module" src="${site.origin}/service-finder.js"></script>\n<service-finder\n`));
    await page.locator('#copy-shortcode').click();
    await page.locator('.copy-status').filter({ hasText: 'The shortcode is copied' }).waitFor();
    const shortcode = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(
      shortcode,
      /^\[service_finder endpoints="[^"]+" near="Barry" radius="4" category="Social groups,Carers&#039; support" free="yes" view="list calendar" lang="cy" geocoder="[^"]+" places="[^"]+"\]$/,
    );
    assert.match((await page.locator('.left-out').textContent()) ?? '', /directories[\s\S]*map-tiles[\s\S]*map-attribution/);

    // The copied HTML, as it is, on a plain page with the built bundle, under a strict Content Security Policy.
    site.page('copied', () => html, []);
    const copied = await site.visit('copied');
    try {
      await settled(copied.page, 'page');
      assert.deepEqual(await findings(copied.page, 'page'), seen);
      assert.equal(await copied.page.locator('sf-search').count(), 1);
      assert.equal(await copied.page.locator('sf-calendar').count(), 1, 'the calendar chosen is there');
      assert.deepEqual(copied.errors, []);
      assert.deepEqual(await copied.violations(), []);
    } finally {
      await copied.close();
    }

    // Nothing left the machine: no tracking, no outside services.
    assert.deepEqual([...new Set(visit.requests.map((u) => new URL(u).hostname))], ['127.0.0.1']);
    assert.deepEqual(visit.errors, []);
    assert.deepEqual(await visit.violations(), []);
  });
});
