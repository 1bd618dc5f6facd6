import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import type { SfSourceErrorEvent } from '../../src/components/events.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { cards, inner, loaded, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

describe('<service-finder>', () => {
  afterEach(resetUrl);

  it('renders results from the demo directory', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const store = el.store!;
    expect(store.services.length).to.be.greaterThan(100);
    const results = inner(el, 'sf-results');
    expect(inner(results, '[part~="count"]').textContent).to.match(/\d+ services found/);
    const first = (await cards(results))[0];
    expect(first.querySelector('[part~="card-title"] a')!.textContent!.trim()).to.equal(store.results[0].service.name);
    expect(first.textContent).to.match(/Checked|Not known when last checked/);
    expect(first.textContent).to.contain('From ');
    const place = store.results[0].service.locations?.[0];
    expect(place?.name, 'the first result states a place').to.be.a('string');
    expect(first.textContent).to.contain(`Where: ${place!.name}`);
    expect(inner(el, 'sf-search')).to.exist;
  });

  it('reads again with a new store when a setting is first given after set-up', async () => {
    // A directory of three pages (its server gives 100 a page).
    const paged = `${FIXTURES}/paging/services?total=250&cap=100`;
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${paged}></service-finder>`);
    const first = el.store!;
    expect(first.statuses[0].pagesRead, 'the directory has more than one page').to.be.greaterThan(1);
    el.maxPages = 1; // was not set: the store was made without a page cap
    await el.updateComplete;
    const second = await el.ready;
    expect(second).to.not.equal(first);
    await loaded(el);
    expect(second.statuses[0].pagesRead).to.equal(1);
  });

  it('shows a failed directory with its reason and a retry, while the others’ results stay', async () => {
    const el = await fixture<ServiceFinder>(
      html`<service-finder url-state="off" endpoints="${V3} ${FIXTURES}/broken/500"></service-finder>`,
    );
    const errorEvent = oneEvent(el, 'sf-source-error') as Promise<SfSourceErrorEvent>;
    await loaded(el);
    const e = await errorEvent;
    expect(e.kind).to.equal('http');
    expect(e.directory.url).to.equal(`${FIXTURES}/broken/500`);
    const results = inner(el, 'sf-results');
    const notice = inner(results, '[part~="notice-failed"]');
    expect(notice.textContent).to.contain('could not be read');
    expect(notice.textContent).to.contain('Its server reported a problem.');
    expect((await cards(results)).length).to.be.greaterThan(0);
    const before = el.store!.services.length;

    const retry = notice.querySelector('button')!;
    expect(retry.textContent).to.contain('Try');
    retry.click();
    await waitUntil(() => el.store!.statuses.find((s) => s.directory.url.endsWith('/broken/500'))?.state === 'failed', 'retried', {
      timeout: 10000,
    });
    await settle(el);
    expect(el.store!.services.length).to.equal(before);
    expect(results.shadowRoot!.querySelector('[part~="notice-failed"]')).to.exist;
  });

  it('names directories given as JSON in the directories attribute, and ignores bad JSON', async () => {
    const directories = JSON.stringify([
      { url: V3, name: 'Cardiff Council Community Directory', feedbackUrl: 'https://example.org/report' },
    ]);
    const el = await loadedFixture(html`<service-finder url-state="off" directories=${directories}></service-finder>`);
    expect(el.store!.statuses[0].directory.name).to.equal('Cardiff Council Community Directory');
    expect((await cards(inner(el, 'sf-results')))[0].textContent).to.contain('From Cardiff Council Community Directory');
    const bad = await fixture<ServiceFinder>(html`<service-finder url-state="off" directories="[{not json"></service-finder>`);
    expect(bad.directories).to.deep.equal([]);
  });

  it('explains an HTML page sent as data in plain words', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/broken/html200"></service-finder>`);
    const notice = inner(inner(el, 'sf-results'), '[part~="notice-failed"]');
    expect(notice.textContent).to.contain('It sent a web page instead of service data.');
  });

  it('applies presets from attributes', async () => {
    const el = await loadedFixture(
      html`<service-finder url-state="off" endpoints=${V3} free age="30" access="drop-in" radius="5"></service-finder>`,
    );
    const q = el.store!.query;
    expect(q.free).to.equal(true);
    expect(q.age).to.equal(30);
    expect(q.access).to.deep.equal(['drop-in']);
    expect(q.radiusKm).to.be.closeTo(8.05, 0.01);
  });

  it('hides the search form with hide-search', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" hide-search endpoints=${V3}></service-finder>`);
    expect(el.shadowRoot!.querySelector('sf-search')).to.equal(null);
  });

  it('shares its store with elements inside it and elements linked by finder="id"', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <sf-results finder="linked-finder"></sf-results>
        <service-finder id="linked-finder" url-state="off" endpoints=${V3}>
          <sf-search></sf-search>
          <sf-results></sf-results>
        </service-finder>
      </div>`,
    );
    const el = wrapper.querySelector<ServiceFinder>('service-finder')!;
    await loaded(el);
    const outside = wrapper.querySelector('sf-results')! as HTMLElement & { activeStore?: unknown };
    const inside = el.querySelector('sf-results')! as HTMLElement & { activeStore?: unknown };
    await waitUntil(() => outside.activeStore === el.store && inside.activeStore === el.store, 'linked');
    expect(el.shadowRoot!.querySelector('sf-search')).to.equal(null, 'no default layout when composed');
    await settle(el);
    expect((await cards(outside)).length).to.be.greaterThan(0);

    // New directories make a new store: the linked element follows it.
    const first = el.store;
    el.endpoints = `${FIXTURES}/dialects/outpost`;
    await waitUntil(() => el.store !== first && outside.activeStore === el.store, 'the linked element follows the new store');
  });

  it('an element moved to another finder, or left without a store, shows none of the old finder’s selection', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <service-finder url-state="off" endpoints=${V3}><sf-service></sf-service></service-finder>
      </div>`,
    );
    const a = wrapper.querySelector<ServiceFinder>('service-finder')!;
    await loaded(a);
    const detail = a.querySelector('sf-service')!;
    uiFor(a.store!).select(a.store!.results[0].service.key);
    await settle(a);
    expect(detail.hasAttribute('open')).to.equal(true);
    expect(inner(detail, '[part~="detail-title"]').textContent).to.equal(a.store!.results[0].service.name);

    // Into a second finder whose store is not made yet: nothing is open there.
    const b = document.createElement('service-finder') as ServiceFinder;
    b.setAttribute('url-state', 'off');
    b.endpoints = V3;
    b.append(detail);
    wrapper.append(b);
    await detail.updateComplete;
    expect(b.store).to.equal(undefined);
    expect(detail.hasAttribute('open')).to.equal(false, 'not open with the first finder’s selection');
    await loaded(b);
    expect(detail.activeStore === b.store).to.equal(true, 'the second finder’s store'); // booleans: see the next test
    expect(detail.hasAttribute('open')).to.equal(false);
    expect(detail.shadowRoot!.querySelector('[part~="detail"]')).to.equal(null);

    // Given a finder's store directly, then none: its selection goes with it.
    const loose = document.createElement('sf-service');
    loose.store = a.store;
    wrapper.append(loose);
    await loose.updateComplete;
    expect(loose.hasAttribute('open')).to.equal(true);
    loose.store = undefined;
    await loose.updateComplete;
    expect(loose.hasAttribute('open')).to.equal(false, 'not open once its store is gone');
  });

  it('an element moved out of its finder has no store; moved into another finder, it has that finder’s', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <service-finder url-state="off" endpoints=${V3}><sf-service></sf-service></service-finder>
        <service-finder url-state="off" view="none" endpoints=${V3}></service-finder>
        <section></section>
      </div>`,
    );
    const [a, b] = wrapper.querySelectorAll<ServiceFinder>('service-finder');
    await Promise.all([loaded(a), loaded(b)]);
    const detail = a.querySelector('sf-service')!;
    uiFor(a.store!).select(a.store!.results[0].service.key);
    await settle(a);
    expect(detail.hasAttribute('open')).to.equal(true);

    wrapper.querySelector('section')!.append(detail);
    await detail.updateComplete;
    // (Compared as booleans: a failure message printing a whole store would not finish.)
    expect(detail.activeStore === undefined).to.equal(true, 'no finder around it, no store');
    expect(detail.hasAttribute('open')).to.equal(false);

    b.append(detail);
    await detail.updateComplete;
    expect(detail.activeStore === b.store).to.equal(true, 'the second finder’s store');
    expect(detail.hasAttribute('open')).to.equal(false, 'nothing is selected in the second finder');
    uiFor(b.store!).select(b.store!.results[1].service.key);
    await settle(b);
    expect(inner(detail, '[part~="detail-title"]').textContent).to.equal(b.store!.results[1].service.name);
  });

  it('takes properties set right after it is added before reading or geocoding anything', async () => {
    const el = document.createElement('service-finder') as ServiceFinder;
    el.setAttribute('url-state', 'off');
    el.setAttribute('near', 'CF62');
    document.body.append(el);
    // Set in the same task, after the element upgraded: the default geocoder must never be used.
    el.endpoints = V3;
    el.geocoder = `${FIXTURES}/postcodes.io`;
    try {
      const first = await el.ready;
      await loaded(el);
      expect(el.store).to.equal(first, 'one store, made once the properties were in');
      expect(first.query.near).to.exist;
      expect(first.placeError).to.equal(undefined);
    } finally {
      el.remove();
    }
  });

  it('asks for its directory’s first page in the task it is added in; the store it makes a task later reads that answer', async () => {
    const directory = `${FIXTURES}/paging/services?total=30&asked=${Date.now()}`; // not in the page cache
    const el = document.createElement('service-finder') as ServiceFinder;
    const asked: Array<{ url: string; storeMade: boolean }> = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      asked.push({ url: input instanceof Request ? input.url : String(input), storeMade: !!el.store });
      return fetch(input, init);
    };
    try {
      el.setAttribute('url-state', 'off');
      el.setAttribute('endpoints', directory);
      document.body.append(el);
      await loaded(el);
      const pages = asked.filter((a) => a.url.startsWith(directory));
      expect(pages.length, 'the first page asked for once').to.equal(1);
      expect(pages[0].storeMade, 'asked for before the store was made').to.equal(false);
      expect(el.store!.statuses[0].records).to.equal(30);
      expect(el.store!.statuses[0].state).to.equal('done');
    } finally {
      window.fetch = fetch;
      el.remove();
    }
  });

  it('view="none" draws nothing itself: it holds the state for elements placed elsewhere', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" view="none" endpoints=${V3}></service-finder>`);
    expect(el.shadowRoot!.querySelector('sf-results, sf-search, sf-service')).to.equal(null);
    expect(el.store!.total).to.be.greaterThan(0);
  });

  it('a detail view placed above the list keeps the view when a card opens it (the list does not scroll to the card)', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <service-finder id="above" url-state="off" view="none" endpoints=${V3}></service-finder>
        <sf-service finder="above"></sf-service>
        <sf-results finder="above"></sf-results>
      </div>`,
    );
    const el = page.querySelector<ServiceFinder>('service-finder')!;
    await loaded(el);
    const results = page.querySelector('sf-results')!;
    const link = (await cards(results))[0].querySelector<HTMLAnchorElement>('h3 a')!;
    link.click();
    const detail = page.querySelector('sf-service')!;
    const title = () => detail.shadowRoot!.querySelector<HTMLElement>('[part~="detail-title"]');
    await waitUntil(() => title(), 'the detail opened');
    for (let i = 0; i < 6; i++) await new Promise((r) => requestAnimationFrame(r));
    const top = title()!.getBoundingClientRect().top;
    expect(top).to.be.within(0, innerHeight - 1);
    expect(detail.shadowRoot!.activeElement).to.equal(title());
  });

  it('view="none" takes no cell in the page\'s grid (the composed demo put its filters in the wrong column)', async () => {
    const grid = await fixture<HTMLDivElement>(
      html`<div style="display: grid; grid-template-columns: 100px 200px; width: 300px">
        <service-finder id="state" url-state="off" view="none" endpoints=${V3}></service-finder>
        <aside>filters</aside>
        <section>results</section>
      </div>`,
    );
    await loaded(grid.querySelector<ServiceFinder>('service-finder')!);
    const [aside, section] = [grid.querySelector('aside')!, grid.querySelector('section')!].map((x) => x.getBoundingClientRect());
    const left = grid.getBoundingClientRect().left;
    expect(aside.left - left).to.equal(0);
    expect(section.left - left).to.equal(100);
    expect(section.top).to.equal(aside.top);
  });
});
