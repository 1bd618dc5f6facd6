import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
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

  it('while a directory is still read, refines a task after the change, with the last of the changes made meanwhile', async () => {
    const el = await fixture<ServiceFinder>(
      html`<service-finder url-state="off" endpoints="${V3} ${FIXTURES}/broken/slow?delay=4000"></service-finder>`,
    );
    await waitUntil(() => (el.store?.services.length ?? 0) > 0, 'the first directory read');
    const store = el.store!;
    expect(store.loading, 'the slow directory still read').to.equal(true);
    const asked: Array<string | undefined> = [];
    store.addEventListener('change', () => asked.push(store.query.text));
    const input = inner<HTMLInputElement>(inner(el, 'sf-search'), '#q');
    for (const text of ['lun', 'lunc', 'lunch']) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    expect(store.query.text, 'not while the key’s own task runs').to.equal(undefined);
    await waitUntil(() => store.query.text === 'lunch', 'refined');
    expect(asked.filter((t) => t !== undefined && t !== 'lunch')).to.deep.equal(
      [],
      'the words typed before it in the same task are not searched',
    );
  });

  it('once every directory is read, refines in the change’s own task', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const input = inner<HTMLInputElement>(inner(el, 'sf-search'), '#q');
    input.value = 'lunch';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(el.store!.query.text).to.equal('lunch');
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
