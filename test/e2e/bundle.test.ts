// End to end: the built CDN bundle on a plain page under a strict Content Security Policy, driven in
// Chromium with playwright-core. Checks what a resident sees, and what the page sends and stores.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureLog } from '../fixtures/log.js';
import { eventually, finderLoaded, resultsCount, startStrictSite, type StrictSite } from './strict-site.js';

let site: StrictSite;
let fixtures: StrictSite['fixtures'];
let origin: string;

before(async () => {
  site = await startStrictSite();
  ({ fixtures, origin } = site);
  site.page(
    'one-tag',
    (f) =>
      `<service-finder endpoints="${f}/dialects/oruk-v3 ${f}/directories/bay-health ${f}/broken/500" geocoder="${f}/postcodes.io"></service-finder>`,
  );
  site.page('hostile', (f) => `<service-finder endpoints="${f}/broken/hostile ${f}/dialects/oruk-v1"></service-finder>`);
  site.page('twice', (f) => `<service-finder endpoints="${f}/dialects/oruk-v3"></service-finder>`, [
    '/service-finder.js',
    '/service-finder.js?again',
  ]);
});

after(() => site?.close());

const visit = (name: string) => site.visit(name);

const count = (p: Page) => p.locator('sf-results .count').first();

describe('the CDN bundle on a plain page with a strict CSP', () => {
  it('shows blended results, a notice for the directory that is down, and breaks no CSP rule', async () => {
    const { page: p, errors, violations, requests, close } = await visit('one-tag');
    await resultsCount(p, /\d+ services found/, 15_000);
    const notice = p.locator('sf-results .notice.failed').first();
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /could not be read.*server reported a problem/s);
    assert.ok(
      await p
        .locator('sf-results')
        .getByRole('button', { name: /^Try .* again$/ })
        .first()
        .isVisible(),
      'retry offered',
    );
    // The list is virtualised: cards exist only where they can be seen.
    await p.locator('sf-results ol.list').first().scrollIntoViewIfNeeded();
    await eventually(async () => (await p.locator('sf-results .card').count()) > 3, 'cards rendered once in view');
    const cards = await p.locator('sf-results .card').count();
    assert.ok(cards > 3, `cards rendered: ${cards}`);
    assert.deepEqual(await violations(), [], 'no Content Security Policy violations');
    assert.deepEqual(errors, []);
    const hosts = new Set(requests.map((u) => new URL(u).origin));
    assert.deepEqual([...hosts].sort(), [origin, fixtures.url].sort(), 'only the page and the configured directories are contacted');
    assert.deepEqual(await p.context().cookies(), [], 'no cookies');
    assert.equal(await p.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing stored on the device');
    await close();
  });

  it('searches by keyboard; typing sends no request once data is loaded; the postcode leaves the browser as its outward code only', async () => {
    const { page: p, requests, close } = await visit('one-tag');
    await resultsCount(p, /services found/, 15_000);
    await finderLoaded(p);
    const before = (await count(p).textContent()) ?? '';
    const directoryRequests = () => requests.filter((u) => u.includes('/services')).length;
    const read = directoryRequests();
    await p.getByLabel('What are you looking for?').focus();
    await p.keyboard.type('walk');
    await p.keyboard.press('Enter');
    await eventually(async () => ((await count(p).textContent()) ?? '') !== before, 'results refined');
    assert.equal(directoryRequests(), read, 'no directory request while typing');
    const logStart = (await fixtureLog(fixtures.url)).length;
    await p.getByLabel('Postcode or place').fill('CF10 1EP');
    await p.keyboard.press('Enter');
    const geocodingSince = async () => (await fixtureLog(fixtures.url)).slice(logStart).filter((l) => l.startsWith('/postcodes.io'));
    // The fixture server's log is the witness: the browser's own request list may already hold an earlier lookup.
    await eventually(async () => (await geocodingSince()).length > 0, 'geocoded');
    const geocoding = await geocodingSince();
    assert.deepEqual(geocoding, ['/postcodes.io/outcodes/CF10'], 'only the outward code is sent');
    assert.doesNotMatch(p.url(), /CF10|1EP/i, 'the postcode is not put in the page address');
    await close();
  });

  it('runs nothing from a hostile directory and keeps the other directory whole', async () => {
    const { page: p, errors, violations, close } = await visit('hostile');
    await resultsCount(p, /\d+ services found/, 15_000);
    await p.getByLabel('What are you looking for?').fill('safe');
    await p.keyboard.press('Enter');
    await p.locator('sf-results').getByText('Safe name', { exact: false }).first().click();
    await p.locator('sf-service').getByText('Hello').first().waitFor();
    assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no script ran');
    const hrefs = await p.locator('sf-service a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(hrefs.length > 0);
    for (const href of hrefs) assert.match(href, /^(https?:|mailto:|tel:|#)/, href);
    assert.deepEqual(errors, []);
    assert.deepEqual(await violations(), []);
    await close();
  });

  it('loading the bundle twice (two plugins on one page) does not throw', async () => {
    const { page: p, errors, close } = await visit('twice');
    await resultsCount(p, /services found/, 15_000);
    assert.deepEqual(errors, []);
    await close();
  });
});
