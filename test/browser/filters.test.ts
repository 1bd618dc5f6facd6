// Every filter on the page: the element's presets (attributes and properties), the form's controls, the
// "Filters (n)" disclosure of a narrow finder, and the detail view saying what a listing lacks.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { states } from '../../src/engine/quality.js';
import { inner, loaded, resetUrl, settle } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

const form = (el: ServiceFinder) => inner(el, 'sf-search');
const control = <T extends HTMLElement = HTMLInputElement>(el: ServiceFinder, selector: string) => inner<T>(form(el), selector);

/** Ticks or unticks a checkbox as a click does (the form listens for change). */
async function tick(el: ServiceFinder, selector: string): Promise<void> {
  control(el, selector).click();
  await settle(el);
}

describe('filters', () => {
  beforeEach(resetUrl);
  afterEach(resetUrl);

  it('the attributes preset date, open now, attendance, hide-stale and require, and the form shows them', async () => {
    const el = await fixture<ServiceFinder>(
      html`<service-finder
        endpoints=${V3}
        url-state="off"
        date="2026-12-10"
        open-now
        attendance="online, phone"
        hide-stale
        require="contact times"
      ></service-finder>`,
    );
    await loaded(el);
    expect(el.store!.query).to.include({ date: '2026-12-10', openNow: true, hideStale: true });
    expect(el.store!.query.attendance).to.deep.equal(['online', 'phone']);
    expect(el.store!.query.require).to.deep.equal(['contact', 'times']);
    expect(control(el, '#date').value).to.equal('2026-12-10');
    expect(control(el, '#openNow').checked).to.equal(true);
    expect(control(el, '#attendance-online').checked).to.equal(true);
    expect(control(el, '#attendance-in-person').checked).to.equal(false);
    expect(control(el, '#hideStale').checked).to.equal(true);
    expect(control(el, '#require').checked).to.equal(true);
    expect(control(el, '#require-hint').textContent).to.equal('Listings that say how to get in touch and when it runs');
    await expect(form(el)).to.be.accessible();
  });

  it('a bare require asks for enough detail to refer someone; properties of a framework’s types apply and bad values warn', async () => {
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warned.push(m);
    try {
      const el = await fixture<ServiceFinder>(
        html`<service-finder endpoints=${V3} url-state="off" require attendance="carrier-pigeon"></service-finder>`,
      );
      await loaded(el);
      expect(el.store!.query.require).to.deep.equal(['description', 'contact', 'access']);
      expect(el.store!.query.attendance).to.equal(undefined);
      expect(warned.some((w) => w.includes('attendance'))).to.equal(true);
      el.attendance = ['in-person'];
      el.openNow = true;
      el.date = 'next tuesday';
      await waitUntil(() => el.store!.query.openNow === true, 'open-now property did not apply');
      expect(el.store!.query.attendance).to.deep.equal(['in-person']);
      expect(el.store!.query.date).to.equal(undefined);
      expect(warned.some((w) => w.includes('date'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });

  it('the form sets each filter, and “enough detail to refer someone” keeps only listings that give it', async () => {
    const el = await fixture<ServiceFinder>(html`<service-finder endpoints=${V3} url-state="off"></service-finder>`);
    await loaded(el);
    const all = el.store!.results.length;
    // Its fields are built when "More filters" is first opened (their file loaded then, or when the form is first used).
    expect(form(el).shadowRoot!.querySelector('#require')).to.equal(null);
    control(el, 'summary').click();
    expect(control<HTMLDetailsElement>(el, 'details').open).to.equal(true);
    await waitUntil(() => form(el).shadowRoot!.querySelector('#require'), 'the panel built');
    expect(control(el, '#require').checkVisibility()).to.equal(true);
    expect(control(el, '#require-hint').textContent).to.equal('Listings that say what it is, how to get in touch and how to get in');
    await tick(el, '#require');
    expect(el.store!.query.require).to.deep.equal(['description', 'contact', 'access']);
    expect(el.store!.results.length).to.be.below(all);
    for (const r of el.store!.results.slice(0, el.store!.matched))
      for (const f of ['description', 'contact', 'access'] as const) expect(states(r.service, f)).to.equal(true);
    await tick(el, '#require');
    expect(el.store!.query.require).to.equal(undefined);
    await tick(el, '#openNow');
    await tick(el, '#hideStale');
    await tick(el, '#attendance-phone');
    const date = control(el, '#date');
    date.value = '2026-12-10';
    date.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle(el);
    expect(el.store!.query).to.include({ openNow: true, hideStale: true, date: '2026-12-10' });
    expect(el.store!.query.attendance).to.deep.equal(['phone']);
  });

  it('narrow: the keyword box, and the rest behind a “Filters (n)” button with aria-expanded; wide: all shown', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="width: 360px"><service-finder endpoints=${V3} url-state="off" free></service-finder></div>`,
    );
    const el = wrap.querySelector('service-finder')!;
    await loaded(el);
    const search = form(el);
    expect(search.hasAttribute('disclosure')).to.equal(true);
    const button = inner<HTMLButtonElement>(search, '[part~="filters-button"]');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.textContent!.trim()).to.equal('Filters (1)');
    expect(button.getAttribute('aria-controls')).to.equal('filters');
    expect(inner(search, '#filters').hidden).to.equal(true);
    expect(inner(search, '#q').checkVisibility()).to.equal(true);
    await expect(el).to.be.accessible();
    button.click();
    await settle(el);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(control(el, '#place').checkVisibility()).to.equal(true);
    await expect(el).to.be.accessible();

    wrap.style.width = '1100px';
    await waitUntil(() => !search.hasAttribute('disclosure'), 'a wide finder still hides its filters');
    await settle(el);
    expect(search.shadowRoot!.querySelector('[part~="filters-button"]')).to.equal(null);
    expect(control(el, '#place').checkVisibility()).to.equal(true);
    const results = inner(el, 'sf-results');
    expect(search.getBoundingClientRect().right).to.be.at.most(results.getBoundingClientRect().left);
    await expect(el).to.be.accessible();
  });

  it('with nothing found, offers to remove the filter that finds most', async () => {
    // A Sunday: nothing in the fixture runs on one.
    const el = await fixture<ServiceFinder>(
      html`<service-finder endpoints=${V3} url-state="off" date="2026-12-13" hide-stale strict></service-finder>`,
    );
    await loaded(el);
    expect(el.store!.results.length, 'the presets find nothing in the fixture').to.equal(0);
    const button = inner(el, 'sf-results').shadowRoot!.querySelector<HTMLButtonElement>('[part~="loosen-button"]')!;
    expect(button.textContent!.trim()).to.equal('Remove days and times');
    button.click();
    await settle(el);
    expect(el.store!.query.date).to.equal(undefined);
    expect(el.store!.results.length).to.be.above(0);
    expect(el.store!.results.length).to.equal(el.store!.count({ hideStale: true, strict: true }));
  });

  it('the detail view says what a listing lacks for a referral', async () => {
    const el = await fixture<ServiceFinder>(html`<service-finder endpoints=${V3} url-state="off"></service-finder>`);
    await loaded(el);
    const store = el.store!;
    const lacking = store.results.find((r) => !states(r.service, 'access') && states(r.service, 'contact'))!.service;
    const complete = store.results.find((r) =>
      ['description', 'contact', 'access'].every((f) => states(r.service, f as 'access')),
    )!.service;
    const detail = () => inner(el, 'sf-service').shadowRoot!.querySelector('.lacks');
    uiFor(store).select(lacking.key);
    await settle(el);
    expect(detail()?.textContent).to.match(/^This listing does not say .*how to get in\.$/);
    expect(detail()?.textContent).not.to.include('how to get in touch');
    uiFor(store).select(complete.key);
    await settle(el);
    expect(detail()).to.equal(null);
  });
});
