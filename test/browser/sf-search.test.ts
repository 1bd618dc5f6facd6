import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import type { SfSearchEvent } from '../../src/components/events.js';
import { inner, loaded, loadedFixture, resetUrl, settle, type } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

describe('<sf-search>', () => {
  afterEach(resetUrl);

  it('submitting fires sf-search with the new query, which the finder searches', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const search = inner(el, 'sf-search');
    type(inner<HTMLInputElement>(search, '#q'), 'walk');
    const fired = oneEvent(el, 'sf-search') as Promise<SfSearchEvent>;
    inner<HTMLButtonElement>(search, '[part~="submit-button"]').click();
    const event = await fired;
    expect(event.query.text).to.equal('walk');
    expect(event.detail).to.equal(event.query);
    expect(el.store!.query.text).to.equal('walk');
  });

  it('placed elsewhere with finder="id", writes into that finder’s query', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <sf-search finder="far-finder"></sf-search>
        <service-finder id="far-finder" url-state="off" endpoints=${V3}></service-finder>
      </div>`,
    );
    const el = wrapper.querySelector<ServiceFinder>('service-finder')!;
    await loaded(el);
    const search = wrapper.querySelector('sf-search')!;
    await settle(search);
    type(inner<HTMLInputElement>(search, '#q'), 'walk');
    inner<HTMLButtonElement>(search, '[part~="submit-button"]').click();
    await settle(el);
    expect(el.store!.query.text).to.equal('walk');
  });
});
