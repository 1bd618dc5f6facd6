import { expect, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { SfShortlist } from '../../src/components/sf-shortlist/sf-shortlist.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { Shortlist, SHORTLIST_KEY, sharedKeys } from '../../src/store/shortlist.js';
import { cards, inner, resetUrl, settle, loadedFixture } from './helpers.js';

describe('<sf-shortlist>', () => {
  beforeEach(() => localStorage.removeItem(SHORTLIST_KEY));
  afterEach(() => {
    localStorage.removeItem(SHORTLIST_KEY);
    resetUrl();
  });

  it('stores nothing on the device until the person adds something', async () => {
    const keysBefore = Object.keys(localStorage);
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/dialects/oruk-v3"></service-finder>`);
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

  it('opening a service on the list shows its detail and fires sf-select with its key', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/dialects/oruk-v3"></service-finder>`);
    const first = el.store!.results[0].service;
    uiFor(el.store!).shortlist.add({ key: first.key, name: first.name });
    await settle(el);
    const shortlist = inner(el, 'sf-shortlist');
    const open = [...shortlist.shadowRoot!.querySelectorAll<HTMLButtonElement>('li button')].find(
      (b) => b.textContent!.trim() === first.name,
    )!;
    const selected = new Promise<string | undefined>((resolve) => el.addEventListener('sf-select', (e) => resolve(e.key), { once: true }));
    open.click();
    expect(await selected).to.equal(first.key);
    await settle(el);
    expect(inner(inner(el, 'sf-service'), '[part~="detail-title"]').textContent).to.equal(first.name);
  });

  it('copies each service’s address in the same words as the detail view', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/dialects/oruk-v3"></service-finder>`);
    const store = el.store!;
    // A place with a name as well as a street: the name is part of the address.
    const s = store.results
      .map((r) => r.service)
      .find((x) => {
        const loc = x.locations?.[0];
        return loc?.name && loc.address?.street && loc.address.town && loc.address.postcode && loc.name !== loc.address.street;
      })!;
    expect(s, 'a service whose place has a name').to.exist;
    const ui = uiFor(store);
    ui.shortlist.add({ key: s.key, name: s.name });
    ui.select(s.key);
    await settle(el);
    // The detail's "Where": the first place's address (its accessibility notes follow a line break).
    const heading = [...inner(el, 'sf-service').shadowRoot!.querySelectorAll('h3')].find((h) => h.textContent === 'Where')!;
    const item = heading.nextElementSibling!.querySelector('li')!;
    const shown = [...item.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
    expect(shown).to.contain(s.locations![0].name!);
    const copied = inner<SfShortlist>(el, 'sf-shortlist').text.split('\n');
    expect(copied[0]).to.equal(s.name);
    expect(copied[1]).to.equal(shown);
    const { name, address } = s.locations![0];
    expect(copied[1]).to.equal(`${name}, ${address!.street}, ${address!.town}, ${address!.postcode}`);
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
