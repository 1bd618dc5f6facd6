// Hostile directories (test/fixtures/hostile.ts) beside a good one, in the real finder in Chromium: 200 KB of
// adversarial text in every field, prototype names in every enumeration and label, a snapshot impersonating
// the good directory, a record built to throw, a feed whose next page is on another website. Each directory
// ends as it should, with its notice in plain words, and the good directory's results stay whole.
import { expect, fixture, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import type { SfSourceErrorEvent } from '../../src/components/events.js';
import { en } from '../../src/i18n/en.js';
import { HOSTILE_DIALECTS, PROTOTYPE_NAMES, THROW_MARKER, hostileUrls } from '../fixtures/hostile.js';
import { inner, loaded } from './helpers.js';

const GOOD = `${FIXTURES}/dialects/oruk-v3`;

/** A finder over the good directory and `others`, loaded; the page's turns counted while it read. */
async function finder(others: string[], timeout = 20_000) {
  const el = await fixture<ServiceFinder>(
    html`<service-finder url-state="off" timeout="${timeout}" endpoints="${[GOOD, ...others].join(' ')}"></service-finder>`,
  );
  const errors: SfSourceErrorEvent[] = [];
  el.addEventListener('sf-source-error', (e) => errors.push(e));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 50);
  await loaded(el, 120_000);
  clearInterval(timer);
  const store = el.store!;
  const status = (url: string) => store.statuses.find((s) => s.directory.url === url)!;
  const from = (url: string) => store.services.filter((s) => s.sources.some((r) => r.directory.url === url));
  return { el, store, status, from, errors, ticks };
}

describe('hostile directories beside a good one', function () {
  this.timeout(300_000);
  let goodCount = 0;

  before(async () => {
    const { from } = await finder([]);
    goodCount = from(GOOD).length;
  });

  it('200 KB of every adversarial shape in the text fields of every dialect: read, the page kept responding', async () => {
    // A snapshot's first file: one record of the several the Node test reads.
    const urls = HOSTILE_DIALECTS.map((d) => hostileUrls(FIXTURES, 'text', d, 'mixed')[0]);
    const { status, from, ticks } = await finder(urls);
    for (const url of urls) expect(status(url).state, `${url}: ${status(url).error?.message}`).to.equal('done');
    expect(from(GOOD).length).to.equal(goodCount);
    expect(ticks, 'the page kept responding').to.be.greaterThan(0);
  });

  it('prototype names in every enumeration and label of every dialect: read, faceted, filtered, rendered as text', async () => {
    const urls = HOSTILE_DIALECTS.map((d) => hostileUrls(FIXTURES, 'proto', d)[0]);
    const { el, store, status, from } = await finder(urls);
    for (const url of urls) {
      expect(status(url).state, `${url}: ${status(url).error?.message}`).to.equal('done');
      expect(status(url).records).to.equal(PROTOTYPE_NAMES.length);
    }
    expect(from(GOOD).length).to.equal(goodCount);
    await store.setQuery({ categories: ['constructor'] });
    expect(store.results.filter((r) => !r.partial).length).to.be.greaterThan(HOSTILE_DIALECTS.length - 1);
    // Opening each dialect's record renders its access, attendance and times: no function's source reaches the page.
    const { uiFor } = await import('../../src/components/finder-ui.js');
    for (const url of urls) {
      const record = from(url).find((s) => s.id === 'constructor' || s.id.endsWith('constructor'))!;
      uiFor(store).select(record.key);
      await new Promise((r) => setTimeout(r, 100));
      const detail = inner(el, 'sf-service').shadowRoot!.textContent ?? '';
      expect(detail, url).to.not.match(/native code|function \w*\(/);
    }
  });

  it('a snapshot claiming the good directory’s id and a record id: the good record keeps its name and link', async () => {
    const impostor = `${FIXTURES}/hostile/impersonate/snapshot.json`;
    const { store, status, from } = await finder([impostor]);
    expect(status(impostor).state).to.equal('done');
    const own = status(GOOD).directory.id;
    const good = store.services.filter((s) => s.sources.some((r) => r.directory.id === own));
    expect(good.length).to.equal(goodCount);
    for (const s of from(impostor))
      for (const r of s.sources.filter((x) => x.directory.url === impostor)) expect(r.key).to.match(/^hostile-impersonate\//);
  });

  it('a record built to throw when indexed: its directory fails in plain words, fires sf-source-error, the good one stays whole', async () => {
    // Text with the marker throws where it is lower-cased (the engine does so to an organisation's name when
    // indexing): the platform is made to throw; the finder's code is unchanged.
    const lower = String.prototype.toLowerCase;
    String.prototype.toLowerCase = function (this: string) {
      if (this.includes(THROW_MARKER)) throw new Error('built to throw');
      return lower.call(this);
    };
    try {
      const bad = `${FIXTURES}/hostile/throw/organisation`;
      const { el, status, from, errors } = await finder([bad]);
      expect(status(bad).state).to.equal('failed');
      expect(status(bad).error?.kind).to.equal('unreadable');
      expect(from(bad).length).to.equal(0);
      expect(from(GOOD).length).to.equal(goodCount);
      expect(errors.map((e) => e.kind)).to.deep.equal(['unreadable']);
      const notice = inner(inner(el, 'sf-results'), '[part~="notice-failed"]');
      expect(notice.textContent).to.include(en.errors.unreadable);
    } finally {
      String.prototype.toLowerCase = lower;
    }
  });

  it('a feed whose next page is on another website: partly read, its notice says why', async () => {
    const feed = `${FIXTURES}/hostile/elsewhere/session-series`;
    const { el, status, from } = await finder([feed]);
    expect(status(feed).state).to.equal('done');
    expect(status(feed).error?.kind).to.equal('off-origin');
    expect(from(feed).length).to.equal(1);
    expect(from(GOOD).length).to.equal(goodCount);
    expect(inner(el, 'sf-results').shadowRoot!.textContent).to.include(en.errors['off-origin']);
  });
});
