// End to end: the parts of the CDN bundle loaded on first need (the Welsh words, the calendar, the detail view, the
// calendar file writer) are requested when a page needs them and not before, from the page's request log; one
// that cannot load is asked for again by "Try again"; and the finder asks for its directory before it resolves a
// place.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, finderLoaded, openRecorded, resultsCount, startStrictSite, type StrictSite } from './strict-site.js';

let site: StrictSite;

before(async () => {
  site = await startStrictSite();
  site.page('list', (f) => `<service-finder endpoints="${f}/dialects/oruk-v3"></service-finder>`);
  site.page('welsh', (f) => `<div lang="cy"><service-finder endpoints="${f}/dialects/oruk-v3"></service-finder></div>`);
  site.page('calendar', (f) => `<service-finder view="calendar" endpoints="${f}/dialects/oruk-v3"></service-finder>`);
  // A directory that answers late, and a place to look up: the directory is asked for first all the same.
  site.page(
    'near',
    (f) =>
      `<service-finder url-state="off" near="CF10" geocoder="${f}/postcodes.io" places="${f}/places.json" endpoints="${f}/latency/300/dialects/oruk-v3"></service-finder>`,
  );
});

after(() => site?.close());

const chunk = (requests: string[], name: string) => requests.filter((u) => new RegExp(`/${name}-[\\w-]+\\.js$`).test(new URL(u).pathname));

describe('parts loaded on first need', () => {
  it('a list in English loads neither the Welsh words, the calendar, the detail view nor the calendar file writer', async () => {
    const { page, requests, errors, close } = await site.visit('list');
    await resultsCount(page, /\d+ services found/);
    await finderLoaded(page, true);
    assert.deepEqual(chunk(requests, 'cy'), [], 'no Welsh words');
    assert.deepEqual(chunk(requests, 'calendar-view'), [], 'no calendar');
    assert.deepEqual(chunk(requests, 'ics'), [], 'no calendar file writer');
    assert.deepEqual(chunk(requests, 'sf-service'), [], 'no detail view');
    // Opening a service with dated sessions shows "Add to calendar": the writer comes then.
    // Walking groups meet weekly: opening one shows "Add to calendar".
    await page.getByLabel('What are you looking for?').fill('walking');
    await page.keyboard.press('Enter');
    await page.locator('sf-results [part~="card-title"] a', { hasText: /walk/i }).first().click();
    await page.locator('sf-service [part~="detail-title"]').waitFor();
    assert.equal(chunk(requests, 'sf-service').length, 1, 'the detail view, once opened');
    await eventually(async () => chunk(requests, 'ics').length === 1, 'the calendar file writer loaded with the detail');
    assert.deepEqual(errors, []);
    await close();
  });

  it('a Welsh page loads the Welsh words, and shows no English first', async () => {
    const { page, requests, errors, close } = await site.visit('welsh');
    const submit = page.locator('sf-search button[type="submit"]');
    await submit.waitFor();
    assert.equal((await submit.textContent())?.trim(), 'Chwilio');
    await resultsCount(page, /Canfuwyd \d+ gwasanaeth/);
    assert.equal(chunk(requests, 'cy').length, 1, 'the Welsh words, once');
    assert.deepEqual(chunk(requests, 'calendar-view'), []);
    assert.deepEqual(errors, []);
    await close();
  });

  it('a calendar view loads the calendar', async () => {
    const { page, requests, errors, violations, close } = await site.visit('calendar');
    await page.locator('sf-calendar [part~="calendar"] [part~="range"]').waitFor();
    assert.equal(chunk(requests, 'calendar-view').length, 1, 'the calendar, once');
    assert.deepEqual(chunk(requests, 'cy'), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(await violations(), [], 'no Content Security Policy violations');
    await close();
  });

  it('a calendar or a detail whose code cannot load says so, and loads it on "Try again"', async () => {
    const blocked = /\/(calendar-view|sf-service)-[\w-]+\.js$/;
    const { page, requests, errors, close } = await openRecorded(
      site.browser,
      `${site.origin}/calendar.html`,
      (p) => void p.route(blocked, (route) => route.abort()),
    );
    /** `element` says its code did not load; with the code let through, "Try again" shows `shown`, asking for it a second time. */
    const loadsOnRetry = async (element: string, name: string, shown: string) => {
      await page.locator(element).getByRole('alert').waitFor();
      await page.unroute(blocked);
      await page.locator(`${element} [part~="retry-button"]`).click();
      await page.locator(`${element} ${shown}`).waitFor();
      assert.equal(chunk(requests, name).length, 2, `${name} asked for again`);
    };
    await loadsOnRetry('sf-calendar', 'calendar-view', '[part~="calendar"] [part~="range"]');
    await page.route(blocked, (route) => route.abort());
    await page.locator('sf-calendar [part~="occurrence"] a, sf-calendar [part~="occurrence"] button').first().click();
    await loadsOnRetry('sf-service', 'sf-service', '[part~="detail-title"]');
    assert.deepEqual(errors, []);
    await close();
  });

  it('asks for the directory before the place list and the geocoder', async () => {
    const { page, requests, close } = await site.visit('near');
    await finderLoaded(page, true);
    const directory = requests.findIndex((u) => u.includes('/latency/300/dialects/oruk-v3/services'));
    const places = requests.findIndex((u) => u.includes('/places.json'));
    const geocoder = requests.findIndex((u) => u.includes('/postcodes.io/'));
    assert.ok(directory >= 0, 'the directory was read');
    assert.ok(places >= 0 && geocoder >= 0, 'the place was looked up');
    assert.ok(directory < places && directory < geocoder, `the directory first: ${requests.map((u) => new URL(u).pathname).join(', ')}`);
    assert.ok(
      await page.evaluate(
        () => !!(document.querySelector('service-finder') as unknown as { store: { query: { near?: unknown } } }).store.query.near,
      ),
      'the place was resolved',
    );
    await close();
  });
});
