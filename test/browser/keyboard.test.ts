import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { cards, deepActive, inner, loaded, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

describe('keyboard paths', () => {
  afterEach(resetUrl);

  it('search: type a keyword, press Enter, the results change', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const before = el.store!.results.length;
    const search = inner(el, 'sf-search');
    const events: string[] = [];
    el.addEventListener('sf-search', (e) => events.push(e.query.text ?? ''));
    inner<HTMLInputElement>(search, '#q').focus();
    await sendKeys({ type: 'knit' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.store!.query.text === 'knit', 'query set');
    await settle(el);
    expect(el.store!.results.length).to.be.lessThan(before);
    expect(el.store!.results.length).to.be.greaterThan(0);
    expect(el.store!.results[0].service.name.toLowerCase()).to.contain('knit');
    expect(events).to.include('knit');
    const results = inner(el, 'sf-results');
    expect(inner(results, '[part~="count"]').textContent).to.match(/^\d+ services? found/);
    const first = (await cards(results))[0];
    expect(first.textContent).to.contain('Matches “knit”');
  });

  it('search: refines live once data has loaded, without Enter', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const search = inner(el, 'sf-search');
    inner<HTMLInputElement>(search, '#q').focus();
    await sendKeys({ type: 'lunch' });
    await waitUntil(() => el.store!.query.text === 'lunch', 'live refinement', { timeout: 3000 });
  });

  it('search: checkboxes by keyboard (Space) filter the results', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const search = inner(el, 'sf-search');
    const summary = inner(search, 'summary');
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    inner<HTMLInputElement>(search, '#free').focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => el.store!.query.free === true, 'free applied', { timeout: 3000 });
  });

  it('search: "Use my location" comes right after the postcode box, wide or narrow; wide, the two boxes line up', async () => {
    // Wide, the form takes a third of the finder, beside the results: 1600px gives it room for both boxes.
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 1600px"><service-finder url-state="off" endpoints=${V3}></service-finder></div>`,
    );
    const el = wrapper.querySelector<ServiceFinder>('service-finder')!;
    await loaded(el);
    const search = inner(el, 'sf-search');
    const box = (q: string) => inner(search, q).getBoundingClientRect();
    const tabOrder = () =>
      [...search.shadowRoot!.querySelectorAll<HTMLElement>('#place, [part~="location-button"], #radius')].map((x) => x.id || 'locate');
    expect(tabOrder()).to.deep.equal(['place', 'locate', 'radius']);
    expect(Math.abs(box('#radius').bottom - box('#place').bottom)).to.be.lessThan(1);
    expect(box('[part~="location-button"]').top).to.be.greaterThan(box('#place').bottom);
    wrapper.style.width = '340px';
    // Narrow, the place is behind the "Filters" button.
    await waitUntil(() => search.hasAttribute('disclosure'), 'the filters behind a button when narrow');
    await settle(el);
    inner<HTMLButtonElement>(search, '[part~="filters-button"]').click();
    await waitUntil(() => box('#radius').top > box('#place').bottom, 'the distance goes below when narrow');
    expect(box('[part~="location-button"]').top).to.be.greaterThan(box('#place').bottom);
    expect(box('[part~="location-button"]').bottom).to.be.lessThan(box('#radius').top);
  });

  it('search: an unknown postcode is reported in the error summary', async () => {
    const el = await loadedFixture(
      html`<service-finder url-state="off" geocoder="${FIXTURES}/postcodes.io" endpoints=${V3}></service-finder>`,
    );
    const search = inner(el, 'sf-search');
    inner<HTMLInputElement>(search, '#place').focus();
    await sendKeys({ type: 'ZZ9 9ZZ' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => search.shadowRoot!.querySelector('[part~="error-summary"]'), 'error summary', { timeout: 5000 });
    const summary = inner(search, '[part~="error-summary"]');
    expect(summary.textContent).to.contain('We could not find that postcode or place');
    await settle(el);
    expect(deepActive()).to.equal(summary);
    // The summary's link moves focus to the field (once the filters behind the disclosure are shown).
    summary.querySelector('a')!.click();
    await waitUntil(() => deepActive() === inner(search, '#place'), 'focus on the field');
  });

  it('search: a known postcode sorts by distance', async () => {
    const el = await loadedFixture(
      html`<service-finder url-state="off" geocoder="${FIXTURES}/postcodes.io" endpoints=${V3}></service-finder>`,
    );
    const search = inner(el, 'sf-search');
    inner<HTMLInputElement>(search, '#place').focus();
    await sendKeys({ type: 'CF10 1EP' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.store!.query.near, 'geocoded', { timeout: 5000 });
    await settle(el);
    expect(search.shadowRoot!.querySelector('[part~="error-summary"]')).to.equal(null);
    const withDistance = el.store!.results.filter((r) => r.distanceKm !== undefined);
    expect(withDistance.length).to.be.greaterThan(0);
    const first = (await cards(inner(el, 'sf-results')))[0];
    expect(first.textContent).to.match(/miles? away/);
  });

  it('detail: open from a card with Enter, Escape closes it and focus returns to the card', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const results = inner(el, 'sf-results');
    const card = (await cards(results, 3))[2];
    const link = card.querySelector<HTMLAnchorElement>('[part~="card-title"] a')!;
    const key = link.dataset.key!;
    const selected = new Promise<string | undefined>((resolve) => el.addEventListener('sf-select', (e) => resolve(e.key), { once: true }));
    link.focus();
    await sendKeys({ press: 'Enter' });
    expect(await selected).to.equal(key);
    await settle(el);
    const service = inner(el, 'sf-service');
    const title = inner(service, '[part~="detail-title"]');
    expect(title.textContent).to.equal(el.store!.get(key)!.name);
    expect(deepActive()).to.equal(title);
    expect(getComputedStyle(results).display).to.equal('none');

    await sendKeys({ press: 'Escape' });
    await settle(el);
    await waitUntil(() => deepActive()?.getAttribute('data-key') === key, 'focus back on the card', { timeout: 3000 });
    expect(service.shadowRoot!.querySelector('article')).to.equal(null);
  });

  it('detail: the Close button closes it too', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const link = (await cards(inner(el, 'sf-results')))[0].querySelector<HTMLAnchorElement>('a')!;
    link.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const service = inner(el, 'sf-service');
    const close = [...service.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Close')!;
    close.focus();
    await sendKeys({ press: 'Enter' });
    // The list may render the card afresh: the focused link is the one for the same service.
    await waitUntil(() => deepActive()?.getAttribute('data-key') === link.dataset.key, 'focus back', { timeout: 3000 });
  });

  it('retry is reachable and works by keyboard', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/broken/500"></service-finder>`);
    const store = el.store!;
    const first = store.statuses[0].startedAt;
    const retry = inner(inner(el, 'sf-results'), '[part~="retry-button"]');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.statuses[0].startedAt !== first && store.statuses[0].state === 'failed', 'read again');
  });
});
