// Being kind to directories: requests counted at the fixture server for a scripted session.
import { expect, fixture, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { clearCache } from '../../src/sources/index.js';
import { fixtureLog } from '../fixtures/log.js';
import { loaded, type, loadedFixture } from './helpers.js';

// The server's request log, less the requests for the log itself.
const log = () => fixtureLog(FIXTURES);
const pagesOf = (entries: string[], path: string) => entries.filter((l) => l.startsWith(`${path}/services`));
const revalidated = (entries: string[], path: string) => entries.filter((l) => l.startsWith(`304 ${path}/services`));

describe('kind to directories', () => {
  it('two finders on a page read each page once; typing a keyword sends nothing', async () => {
    const path = '/dialects/oruk-v1-zero';
    const start = (await log()).length;
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <service-finder url-state="off" endpoints=${FIXTURES + path}></service-finder>
        <service-finder url-state="off" endpoints=${FIXTURES + path}></service-finder>
      </div>`,
    );
    const [a, b] = wrapper.querySelectorAll<ServiceFinder>('service-finder');
    await Promise.all([loaded(a), loaded(b)]);
    const read = pagesOf((await log()).slice(start), path).length;
    expect(read).to.equal(a.store!.statuses[0].pagesRead, 'each page once for both finders');

    const before = (await log()).length;
    const input = a.shadowRoot!.querySelector('sf-search')!.shadowRoot!.querySelector<HTMLInputElement>('#q')!;
    type(input, 'walking group');
    await new Promise((r) => setTimeout(r, 500));
    expect(a.store!.query.text).to.equal('walking group');
    expect((await log()).slice(before)).to.deep.equal([], 'no request while typing');
  });

  it('reading a directory again revalidates its pages (ETag → 304) instead of downloading them', async () => {
    const path = '/dialects/oruk-v3';
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${FIXTURES + path}></service-finder>`);
    const pages = el.store!.statuses[0].pagesRead;
    expect(pages).to.be.greaterThan(0);
    clearCache(); // past the in-memory lifetime: the browser's own cache asks the directory if pages changed
    const start = (await log()).length;
    await el.store!.retry(el.store!.statuses[0].directory.id);
    expect(revalidated((await log()).slice(start), path).length).to.equal(pages, 'every page answered 304');
    expect(el.store!.statuses[0].state).to.equal('done');
    expect(el.store!.services.length).to.be.greaterThan(300);
  });

  it('an abandoned finder stops reading', async () => {
    const start = (await log()).length;
    const el = await fixture<ServiceFinder>(
      html`<service-finder url-state="off" endpoints="${FIXTURES}/broken/slow?delay=3000"></service-finder>`,
    );
    await el.ready;
    const store = el.store!;
    el.remove();
    await new Promise((r) => setTimeout(r, 100));
    expect(store.loading, 'reads aborted on disconnect').to.equal(false);
    const asked = (await log()).slice(start).filter((l) => l.startsWith('/broken/slow')).length;
    expect(asked).to.be.within(1, 2);
  });
});
