import { expect, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { inner, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

describe('<sf-service>', () => {
  afterEach(resetUrl);

  it('opens a service from the address (?service=) and shows its detail', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const key = el.store!.results[0].service.key;
    uiFor(el.store!).select(key);
    await settle(el);
    expect(el.hasAttribute('detail-open')).to.equal(true);
    const detail = inner(inner(el, 'sf-service'), '[part~="detail-title"]');
    expect(detail.textContent).to.equal(el.store!.results[0].service.name);
  });

  it('shows the selected service and, closed, fires sf-select with no key and shows nothing', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const service = inner(el, 'sf-service');
    expect(service.shadowRoot!.querySelector('article')).to.equal(null);
    const first = el.store!.results[0].service;
    uiFor(el.store!).select(first.key);
    await settle(el);
    expect(inner(service, '[part~="detail-title"]').textContent).to.equal(first.name);
    const closed = new Promise<string | undefined>((resolve) => el.addEventListener('sf-select', (e) => resolve(e.key), { once: true }));
    const close = [...service.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Close')!;
    close.click();
    expect(await closed).to.equal(undefined);
    await settle(el);
    expect(service.shadowRoot!.querySelector('article')).to.equal(null);
  });
});
