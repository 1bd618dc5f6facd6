import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { cards, inner, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

describe('accessibility (axe) in every state', () => {
  afterEach(resetUrl);

  it('loading', async () => {
    const el = await fixture<ServiceFinder>(
      html`<service-finder url-state="off" timeout="30000" endpoints="${FIXTURES}/broken/timeout"></service-finder>`,
    );
    const store = await el.ready;
    await waitUntil(() => store.loading, 'loading');
    await settle(el);
    const results = inner(el, 'sf-results');
    expect(inner(results, '[part~="count"]').textContent).to.contain('Loading services');
    expect(inner(results, '[part~="notice-loading"]').textContent).to.contain('Reading');
    await expect(el).to.be.accessible();
  });

  it('an index waiting for a place', async () => {
    const el = await fixture<ServiceFinder>(
      html`<service-finder url-state="off" index="${FIXTURES}/index/demo/manifest.json"></service-finder>`,
    );
    const store = await el.ready;
    await waitUntil(() => store.statuses[0]?.waitingFor === 'place', 'asks for a place');
    await settle(el);
    expect(inner(inner(el, 'sf-results'), '[part~="notice-place"]').textContent).to.contain('Enter a postcode or place');
    await expect(el).to.be.accessible();
  });

  it('results', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    await cards(inner(el, 'sf-results'));
    await expect(el).to.be.accessible();
  });

  it('results with partial matches', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" age="8" access="drop-in" endpoints=${V3}></service-finder>`);
    const results = inner(el, 'sf-results');
    expect(el.store!.partial).to.be.greaterThan(0);
    expect(inner(results, 'h2.partial').textContent).to.match(/These may also match: they do not say/);
    await expect(el).to.be.accessible();
  });

  it('empty, suggesting a filter to loosen', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    await el.store!.setQuery({ free: true, text: 'zzqxxj' });
    await settle(el);
    const empty = inner(inner(el, 'sf-results'), '[part~="empty"]');
    expect(empty.textContent).to.contain('No services found');
    expect(empty.textContent).to.match(/Remove the keyword filter to see \d+ services/);
    await expect(el).to.be.accessible();
    empty.querySelector<HTMLButtonElement>('button')!.click();
    await settle(el);
    expect(el.store!.query.text).to.equal(undefined);
    expect(el.store!.results.length).to.be.greaterThan(0);
  });

  it('error', async () => {
    const el = await loadedFixture(
      html`<service-finder url-state="off" endpoints="${FIXTURES}/broken/500 ${FIXTURES}/broken/html200"></service-finder>`,
    );
    const results = inner(el, 'sf-results');
    expect(results.shadowRoot!.querySelectorAll('[part~="notice-failed"]').length).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('search form with an error summary', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const search = inner(el, 'sf-search');
    const age = inner<HTMLInputElement>(search, '#age');
    age.value = 'two hundred';
    age.dispatchEvent(new Event('input', { bubbles: true }));
    inner<HTMLFormElement>(search, 'form').requestSubmit();
    await settle(el);
    const summary = inner(search, '[part~="error-summary"]');
    expect(summary.textContent).to.contain('There is a problem');
    expect(summary.textContent).to.contain('Age must be a whole number');
    expect(search.shadowRoot!.activeElement).to.equal(summary);
    expect(age.getAttribute('aria-invalid')).to.equal('true');
    // The error is also said beside the field, and the field is described by it.
    expect(inner(search, '#age-error').textContent).to.match(/^Error:\s+Age must be a whole number/);
    expect(age.getAttribute('aria-describedby')).to.equal('age-hint age-error');
    await expect(el).to.be.accessible();
  });

  it('detail', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    uiFor(el.store!).select(el.store!.results[3].service.key);
    await settle(el);
    expect(inner(el, 'sf-service').shadowRoot!.querySelector('article')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shortlist', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const s = el.store!.results[0].service;
    const ui = uiFor(el.store!);
    ui.shortlist.add({ key: s.key, name: s.name });
    await settle(el);
    expect(inner(inner(el, 'sf-shortlist'), '[part~="shortlist"]').textContent).to.contain(s.name);
    await expect(el).to.be.accessible();
    ui.shortlist.clear();
  });

  it('Welsh', async () => {
    const el = await loadedFixture(html`<service-finder lang="cy" url-state="off" endpoints=${V3}></service-finder>`);
    await expect(el).to.be.accessible();
  });
});
