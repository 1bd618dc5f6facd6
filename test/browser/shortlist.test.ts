import { expect, fixture, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { Shortlist, SHORTLIST_KEY, sharedKeys } from '../../src/store/shortlist.js';
import { cards, inner, loaded, resetUrl, settle } from './helpers.js';

describe('shortlist', () => {
  beforeEach(() => localStorage.removeItem(SHORTLIST_KEY));
  afterEach(() => {
    localStorage.removeItem(SHORTLIST_KEY);
    resetUrl();
  });

  it('stores nothing on the device until the person adds something', async () => {
    const keysBefore = Object.keys(localStorage);
    const el = await fixture<ServiceFinder>(html`<service-finder url-state="off" endpoints="${FIXTURES}/dialects/oruk-v3"></service-finder>`);
    await loaded(el);
    const results = inner(el, 'sf-results');
    await cards(results);
    expect(Object.keys(localStorage)).to.deep.equal(keysBefore);
    expect(inner(el, 'sf-shortlist').shadowRoot!.querySelector('section')).to.equal(null);

    const card = (await cards(results))[0];
    card.querySelector<HTMLButtonElement>('[part~="shortlist-button"]')!.click();
    await settle(el);
    const stored = JSON.parse(localStorage.getItem(SHORTLIST_KEY)!);
    expect(stored).to.have.length(1);
    expect(stored[0].key).to.equal(card.dataset.key);
    const section = inner(inner(el, 'sf-shortlist'), '[part~="shortlist"]');
    expect(section.textContent).to.contain('1 service on your shortlist');

    // Removing the last one removes the stored entry.
    (await cards(results))[0].querySelector<HTMLButtonElement>('[part~="shortlist-button"]')!.click();
    await settle(el);
    expect(localStorage.getItem(SHORTLIST_KEY)).to.equal(null);
  });

  it('a shared list is shown but not stored until changed', () => {
    const list = new Shortlist({ shared: [{ key: 'a:1', name: 'One' }] });
    expect(list.shared).to.equal(true);
    expect(localStorage.getItem(SHORTLIST_KEY)).to.equal(null);
    list.add({ key: 'a:2', name: 'Two' });
    expect(JSON.parse(localStorage.getItem(SHORTLIST_KEY)!)).to.have.length(2);
    expect(sharedKeys(new URL(list.shareUrl('https://example.org/find?x=1')).search)).to.deep.equal(['a:1', 'a:2']);
  });

  it('works with storage blocked', () => {
    const list = new Shortlist({ storage: null });
    list.add({ key: 'a:1', name: 'One' });
    expect(list.has('a:1')).to.equal(true);
    expect(localStorage.getItem(SHORTLIST_KEY)).to.equal(null);
  });
});
