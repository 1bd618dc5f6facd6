// `npm start` as a newcomer runs it: the demo server starts, and every demo page works in Chromium
// with no request beyond localhost.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium.js';
import { startDemo, type DemoServer } from './demo-server.js';
import { openRecorded, resultsCount } from './strict-site.js';

let server: DemoServer;
let demo: string;
let browser: Browser;

before(async () => {
  server = await startDemo();
  demo = server.url;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** A demo page in Chromium: the hosts it contacted, and its page errors and CSP violations (the demo pages carry a strict policy). */
async function open(path: string): Promise<{ page: Page; hosts(): string[]; errors(): Promise<string[]>; close(): Promise<void> }> {
  const v = await openRecorded(browser, new URL(path, demo).href);
  return {
    page: v.page,
    close: v.close,
    hosts: () => [...new Set(v.requests.map((u) => new URL(u).hostname))],
    errors: async () => [...v.errors, ...(await v.violations()).map((x) => `CSP: ${x}`)],
  };
}

describe('npm start: the demo', () => {
  it('the one-tag page blends four directories and says which one is down', async () => {
    const { page, hosts, errors, close } = await open('/');
    await resultsCount(page, /\d+ services found/);
    await page
      .locator('sf-results [part~="notice-failed"]')
      .filter({ hasText: 'Penarth Community Directory (old server) could not be read' })
      .waitFor();
    // The list is virtualised: cards are drawn where they can be seen.
    await page.locator('sf-results ol.list').first().scrollIntoViewIfNeeded();
    await page.locator('sf-results [part~="card"]').filter({ hasText: 'Cardiff Council Community Directory' }).first().waitFor();
    assert.deepEqual(hosts(), ['127.0.0.1'], 'nothing beyond localhost');
    assert.deepEqual(await errors(), []);
    await close();
  });

  it('the Welsh page speaks Welsh', async () => {
    const { page, errors, close } = await open('/cy.html');
    // Wait for the finished count (the loading line also says "gwasanaethau"); an English page times out here.
    const text = await resultsCount(page, /^Canfuwyd \d+ /);
    assert.doesNotMatch(text, /services|found|more|do not say/i, 'every part of the count in Welsh');
    // The form speaks Welsh too, not only the count.
    assert.equal((await page.locator('sf-search button[type="submit"]').first().textContent())?.trim(), 'Chwilio');
    assert.deepEqual(await errors(), []);
    await close();
  });

  it('the composed page links elements placed apart, and the GP page lists this week without a form', async () => {
    const composed = await open('/composed.html');
    await resultsCount(composed.page, /\d+ services found/);
    assert.ok(await composed.page.locator('sf-search form').first().isVisible());
    assert.equal(await composed.page.locator('sf-results').count(), 1, 'view="none": the finder draws no second list');
    assert.deepEqual(await composed.errors(), []);
    await composed.close();
    const gp = await open('/gp.html');
    await gp.page.locator('sf-calendar').first().waitFor();
    assert.equal(await gp.page.locator('sf-search').count(), 0, 'no search form on the preset page');
    assert.deepEqual(await gp.errors(), []);
    await gp.close();
  });

  it('the map page draws markers from local tiles only', async () => {
    const { page, hosts, errors, close } = await open('/map.html');
    await page.locator('sf-map .leaflet-marker-icon').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(hosts(), ['127.0.0.1']);
    assert.deepEqual(await errors(), []);
    await close();
  });
});
