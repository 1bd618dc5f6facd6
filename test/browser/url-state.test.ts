import { expect, html, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { paramsToQuery, queryToParams, withParams } from '../../src/store/url-state.js';
import type { Query } from '../../src/model/index.js';
import { inner, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

/** Entries Chromium keeps in one tab's history. */
const MAX_HISTORY = 50;

describe('URL state', () => {
  beforeEach(resetUrl);
  afterEach(resetUrl);

  it('query → params → query round trip (full mode)', () => {
    const query: Query = {
      text: 'lunch club',
      age: 70,
      access: ['drop-in', 'self-referral'],
      days: ['TU', 'TH'],
      partsOfDay: ['morning'],
      categories: ['Food', 'Social'],
      eligibility: ['Older people'],
      place: 'CF10 1EP',
      radiusKm: 8.04672,
      free: true,
      strict: true,
      sort: 'distance',
    };
    const params = queryToParams(query, { mode: 'full', service: 'x:1' });
    expect(params.get('q')).to.equal('lunch club');
    expect(params.get('radius')).to.equal('5');
    const back = paramsToQuery(new URLSearchParams(params.toString()));
    expect(back.service).to.equal('x:1');
    expect(back.query).to.deep.equal({ ...query, radiusKm: back.query.radiusKm });
    expect(back.query.radiusKm).to.be.closeTo(8.04672, 1e-6);
  });

  it('keeps place and age out of the address unless the page opts in', () => {
    const params = queryToParams({ text: 'x', age: 9, ageBand: '5-11', place: 'CF10 1EP', free: true }, { mode: 'on' });
    expect([...params.keys()].sort()).to.deep.equal(['free', 'q']);
  });

  it('ignores values it does not know', () => {
    const { query } = paramsToQuery(new URLSearchParams('access=drop-in,teleport&day=mo,XX&sort=random&age=-3&time=noon'));
    expect(query).to.deep.equal({ access: ['drop-in'], days: ['MO'] });
  });

  it('the element restores a query from the address, pushes searches, and back restores', async () => {
    history.replaceState(null, '', withParams(location.href, new URLSearchParams('q=knit&free=1')));
    const el = await loadedFixture(html`<service-finder endpoints=${V3}></service-finder>`);
    expect(el.store!.query.text).to.equal('knit');
    expect(el.store!.query.free).to.equal(true);
    expect(inner<HTMLInputElement>(inner(el, 'sf-search'), '#q').value).to.equal('knit');
    const length = history.length;

    await new Promise((r) => setTimeout(r, 1100)); // past the coalescing window
    await el.store!.setQuery({ text: 'lunch', free: undefined });
    await settle(el);
    expect(new URL(location.href).searchParams.get('q')).to.equal('lunch');
    expect(new URL(location.href).searchParams.has('free')).to.equal(false);
    // Chromium keeps at most 50 entries (the runner's tab has seen many pages): back restoring the earlier
    // query below is what shows the search was pushed, not put in place of it.
    expect(history.length).to.equal(Math.min(length + 1, MAX_HISTORY));

    history.back();
    await waitUntil(() => el.store!.query.text === 'knit', 'restored by back', { timeout: 3000 });
    expect(el.store!.query.free).to.equal(true);
    await settle(el);
    expect(inner<HTMLInputElement>(inner(el, 'sf-search'), '#q').value).to.equal('knit');
  });

  it('the open service goes into the address and comes back from it', async () => {
    const el = await loadedFixture(html`<service-finder endpoints=${V3}></service-finder>`);
    const key = el.store!.results[0].service.key;
    await new Promise((r) => setTimeout(r, 1100));
    uiFor(el.store!).select(key);
    await settle(el);
    expect(new URL(location.href).searchParams.get('service')).to.equal(key);
    history.back();
    await waitUntil(() => uiFor(el.store!).selected === undefined, 'closed by back', { timeout: 3000 });
    history.forward();
    await waitUntil(() => uiFor(el.store!).selected === key, 'opened by forward', { timeout: 3000 });
  });

  it('near and age stay out of the address by default, and go in with url-state="full"', async () => {
    const el = await loadedFixture(html`<service-finder geocoder="${FIXTURES}/postcodes.io" endpoints=${V3}></service-finder>`);
    await el.store!.setQuery({ place: 'CF10 1EP', age: 30, text: 'club' });
    await settle(el);
    let params = new URL(location.href).searchParams;
    expect(params.get('q')).to.equal('club');
    expect(params.has('near')).to.equal(false);
    expect(params.has('age')).to.equal(false);
    el.remove();
    resetUrl();

    const full = await loadedFixture(
      html`<service-finder url-state="full" geocoder="${FIXTURES}/postcodes.io" endpoints=${V3}></service-finder>`,
    );
    await full.store!.setQuery({ place: 'CF10 1EP', age: 30 });
    await settle(full);
    params = new URL(location.href).searchParams;
    expect(params.get('near')).to.equal('CF10 1EP');
    expect(params.get('age')).to.equal('30');
  });

  it('url-state="off" leaves the address alone', async () => {
    const before = location.href;
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    await el.store!.setQuery({ text: 'club' });
    await settle(el);
    expect(location.href).to.equal(before);
  });
});
