import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import { uiFor } from '../../src/components/finder-ui.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import type { SfResultsEvent } from '../../src/components/events.js';
import { cards, inner, loaded, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

describe('<sf-results>', () => {
  afterEach(resetUrl);

  it('fires sf-results with the count', async () => {
    const el = await fixture<ServiceFinder>(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const ev = (await oneEvent(el, 'sf-results')) as unknown as SfResultsEvent;
    expect(ev.count).to.be.a('number');
    await loaded(el);
  });

  it('lists the full matches, then those that may match, as the store counts them', async () => {
    // Listened to from the start: the first results can be shown (and counted) before fixture() resolves.
    let last: SfResultsEvent | undefined;
    const el = await loadedFixture(
      html`<service-finder
        url-state="off"
        age="8"
        access="drop-in"
        endpoints=${V3}
        @sf-results=${(e: SfResultsEvent) => (last = e)}
      ></service-finder>`,
    );
    const store = el.store!;
    expect(store.matched).to.be.greaterThan(0);
    expect(store.partial).to.be.greaterThan(0);
    expect(store.matched, 'full matches are those before the first partial one').to.equal(store.results.findIndex((r) => r.partial));
    expect(store.partial).to.equal(store.results.length - store.matched);
    expect(last?.detail).to.deep.equal({ count: store.matched, partial: store.partial });
    const results = inner(el, 'sf-results');
    expect(inner(results, '[part~="count"]').textContent).to.equal(`${store.matched} services found, ${store.partial} more do not say`);
    expect(inner(results, 'ol.full [part~="card"]').dataset.key).to.equal(store.results[0].service.key);
    inner(results, 'ol.partial').scrollIntoView();
    // A long list draws its cards once the virtualizer has laid them out.
    await waitUntil(() => results.shadowRoot!.querySelector('ol.partial [part~="card"]'), 'a card in the partial list', { timeout: 5000 });
    expect(inner(results, 'ol.partial [part~="card"]').dataset.key).to.equal(store.results[store.matched].service.key);
  });

  it('searches that switch the list between long and short leave nothing behind in it', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const store = el.store!;
    const results = inner(el, 'sf-results');
    const nodes = () => {
      let n = 0;
      const it = document.createNodeIterator(results.shadowRoot!, NodeFilter.SHOW_ALL);
      while (it.nextNode()) n++;
      return n;
    };
    const both = async () => {
      await store.setQuery({ text: undefined }); // every service: a virtualised list (over VIRTUALISE_OVER, 40, in sf-results)
      await settle(el);
      expect(store.matched).to.be.greaterThan(40);
      await store.setQuery({ text: 'knit' }); // a few: a plain list
      await settle(el);
      expect(store.matched).to.be.within(1, 40);
    };
    for (let i = 0; i < 3; i++) await both(); // the virtualizer loaded and settled
    const before = nodes();
    for (let i = 0; i < 10; i++) await both();
    expect(nodes()).to.equal(before);
  });

  it('says a result is within the distance only when a distance was chosen', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3} near="51.40,-3.27"></service-finder>`);
    const results = el.shadowRoot!.querySelector('sf-results')!;
    const whys = async () => (await cards(results)).map((c) => c.querySelector('.why')?.textContent ?? '').join('\n');
    const facts = async () => (await cards(results)).map((c) => c.querySelector('.facts')!.textContent!).join('\n');
    expect(await facts()).to.match(/miles? away/);
    expect(await whys()).to.not.match(/Within the distance/);
    await el.store!.setQuery({ radiusKm: 50 });
    await settle(el);
    expect(await whys()).to.match(/Within the distance you chose/);
  });

  it('a plain click on a card opens its detail and fires sf-select; a Ctrl, ⌘ or Shift click, or another button, is left to the browser', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const results = inner(el, 'sf-results');
    const link = (await cards(results))[0].querySelector<HTMLAnchorElement>('a')!;
    const ui = uiFor(el.store!);
    const selected: Array<string | undefined> = [];
    el.addEventListener('sf-select', (e) => selected.push(e.key));
    /** Clicks the link; says whether the element took the click (the page would otherwise follow the link). */
    const click = (init: MouseEventInit) => {
      let taken = false;
      // After the link's own listener: note what it did, and keep the test page where it is.
      const after = (e: Event) => {
        taken = e.defaultPrevented;
        e.preventDefault();
      };
      results.shadowRoot!.addEventListener('click', after, { once: true });
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ...init }));
      return taken;
    };
    for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { button: 1 }]) {
      expect(click(init), JSON.stringify(init)).to.equal(false);
      expect(ui.selected, JSON.stringify(init)).to.equal(undefined);
    }
    expect(selected).to.deep.equal([]);
    expect(click({})).to.equal(true);
    expect(ui.selected).to.equal(link.dataset.key);
    expect(selected).to.deep.equal([link.dataset.key]);
  });
});
