import { expect, html, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { cards, inner, loaded, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;
const OA = `${FIXTURES}/openactive/session-series`;

/** The form's "What do you need help with?" select, once the vocabulary has filled it. */
async function needSelect(el: ServiceFinder): Promise<HTMLSelectElement> {
  const search = inner(el, 'sf-search');
  await waitUntil(() => (search.shadowRoot?.querySelectorAll('#need option').length ?? 0) > 30, 'the needs were not offered', {
    timeout: 10000,
  });
  return inner<HTMLSelectElement>(search, '#need');
}

/** The "why this is listed" lines of the first `n` cards. */
async function whyLines(el: ServiceFinder, n = 5): Promise<string[]> {
  const list = await cards(inner(el, 'sf-results'));
  return list.slice(0, n).flatMap((c) => [...c.querySelectorAll('li')].map((li) => li.textContent!.trim()));
}

describe('finding by need', () => {
  afterEach(resetUrl);

  it('offers “What do you need help with?” in groups; choosing one finds what meets it and says why', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const select = await needSelect(el);
    const search = inner(el, 'sf-search');
    expect(search.shadowRoot!.querySelector('label[for="need"]')!.textContent).to.equal('What do you need help with?');
    expect(select.querySelectorAll('optgroup').length).to.be.greaterThan(3);
    const lonely = [...select.options].find((o) => o.value === 'lonely')!;
    expect(lonely.textContent).to.equal('Feeling lonely or isolated');
    expect((lonely.parentElement as HTMLOptGroupElement).label).to.equal('Health and wellbeing');
    await expect(el).to.be.accessible();

    select.value = 'lonely';
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitUntil(() => el.store!.query.needs?.[0] === 'lonely', 'the need was not searched for', { timeout: 5000 });
    await settle(el);
    const store = el.store!;
    expect(store.matched).to.be.greaterThan(0);
    expect(store.matched).to.be.lessThan(store.total);
    const lines = await whyLines(el);
    expect(
      lines.some((t) => /^Feeling lonely or isolated: (its directory calls it|its name mentions|its description mentions) “/.test(t)),
    ).to.equal(true, lines.join(' | '));
    await expect(el).to.be.accessible();
  });

  it('in Welsh: the question, the groups and the needs', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" lang="cy" endpoints=${V3}></service-finder>`);
    const select = await needSelect(el);
    expect(inner(el, 'sf-search').shadowRoot!.querySelector('label[for="need"]')!.textContent).to.equal(
      'Gyda beth mae angen help arnoch chi?',
    );
    expect([...select.options].find((o) => o.value === 'lonely')!.textContent).to.equal('Teimlo’n unig neu’n ynysig');
    expect(select.options[0].textContent).to.equal('Unrhyw beth');
    // Each result says why in Welsh too.
    await el.store!.setQuery({ needs: ['lonely'] });
    await settle(el);
    await waitUntil(
      async () => (await whyLines(el)).some((t) => t.startsWith('Teimlo’n unig neu’n ynysig: mae ei ')),
      'no Welsh explanation',
      {
        timeout: 10000,
      },
    );
    await expect(el).to.be.accessible();
  });

  it('the need attribute presets the search, shows in the form and goes into the address', async () => {
    const el = await loadedFixture(html`<service-finder endpoints=${V3} need="staying-active"></service-finder>`);
    expect(el.store!.query.needs).to.deep.equal(['staying-active']);
    expect(new URL(location.href).searchParams.get('need')).to.equal('staying-active');
    expect((await needSelect(el)).value).to.equal('staying-active');
    const store = el.store!;
    expect(store.matched).to.be.greaterThan(0);
    expect(store.results.every((r) => r.explanations.some((e) => e.field === 'need'))).to.equal(true);
  });

  it('category="Staying active" finds OpenActive sessions and ORUK clubs alike, each saying why', async () => {
    const el = await loadedFixture(
      html`<service-finder url-state="off" hide-search endpoints=${V3} openactive=${OA} category="Staying active"></service-finder>`,
    );
    const store = el.store!;
    const full = store.results.slice(0, store.matched);
    const from = new Set(full.flatMap((r) => r.service.sources.map((s) => s.directory.url)));
    expect([...from].sort()).to.deep.equal([V3, OA].sort());
    // Sessions from the feed alone (not blended with an ORUK record that says "Staying active" itself).
    const sessions = full.filter((r) => r.service.sources.every((s) => s.directory.url === OA));
    expect(sessions.length).to.be.greaterThan(0);
    const why = sessions[0].explanations.find((e) => e.field === 'category')!;
    expect(why.params?.need).to.equal('staying-active');
    await expect(el).to.be.accessible();
  });

  it('a vocabulary URL extends the choice; one that cannot be read leaves the shipped needs and says so in the console', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await loadedFixture(
        html`<service-finder url-state="off" endpoints=${V3} vocabulary=${`${FIXTURES}/needs/extend.json`}></service-finder>`,
      );
      const select = await needSelect(el);
      expect([...select.options].some((o) => o.value === 'warm-hubs' && o.textContent === 'Warm hubs')).to.equal(true);
      const broken = await loadedFixture(
        html`<service-finder url-state="off" endpoints=${V3} vocabulary=${`${FIXTURES}/broken/500`}></service-finder>`,
      );
      expect((await needSelect(broken)).querySelector('option[value="lonely"]')).to.exist;
      await waitUntil(() => warnings.some((w) => w.includes('could not be read')), 'no warning', { timeout: 5000 });
    } finally {
      console.warn = warn;
    }
  });
});

describe('properties of the types frameworks pass', () => {
  afterEach(resetUrl);

  it('numbers for age and radius, booleans for free, strict and hideSearch, arrays for endpoints and needs', async () => {
    const el = document.createElement('service-finder') as ServiceFinder;
    Object.assign(el, {
      urlState: 'off',
      endpoints: [V3],
      openactive: [OA],
      age: 70,
      radius: 5,
      near: '51.48,-3.18',
      free: true,
      strict: false,
      hideSearch: true,
      need: ['staying-active', 'lonely'],
    });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      document.body.append(el);
      await loaded(el);
      const q = el.store!.query;
      expect(q.age).to.equal(70);
      expect(q.radiusKm).to.be.closeTo(8.05, 0.01);
      expect(q.free).to.equal(true);
      expect(q.strict).to.equal(undefined);
      expect(q.needs).to.deep.equal(['staying-active', 'lonely']);
      expect(el.store!.statuses.map((s) => s.directory.url)).to.deep.equal([V3, OA]);
      expect(el.shadowRoot!.querySelector('sf-search')).to.equal(null);
      expect(warnings).to.deep.equal([]);

      // A framework rendering again passes a new array with the same URLs: the directories are not read again.
      const store = el.store;
      el.endpoints = [V3];
      await el.updateComplete;
      expect(el.store).to.equal(store);
      // A changed number changes the query.
      el.age = 12;
      await el.updateComplete;
      await waitUntil(() => el.store!.query.age === 12, 'the new age was not used');
    } finally {
      console.warn = warn;
      el.remove();
    }
  });

  it('a wrong type warns once, naming the property and what it takes, and the finder still works', async () => {
    const el = document.createElement('service-finder') as ServiceFinder;
    Object.assign(el, { urlState: 'off', endpoints: V3, age: { years: 70 }, free: 1, need: [7, 'lonely'] });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      document.body.append(el);
      await loaded(el);
      el.requestUpdate();
      await settle(el);
      expect(el.store!.query.age).to.equal(undefined);
      expect(el.store!.query.needs).to.deep.equal(['lonely']);
      expect(el.store!.total).to.be.greaterThan(0);
      expect((await cards(inner(el, 'sf-results'))).length).to.be.greaterThan(0);
      const about = (p: string) => warnings.filter((w) => w.includes(`the ${p} property`));
      expect(about('age')).to.have.length(1);
      expect(about('age')[0]).to.contain('whole years (0 to 120) or an age band');
      expect(about('free')).to.have.length(1);
      expect(about('free')[0]).to.contain('true or false');
      expect(about('need')).to.have.length(1);
    } finally {
      console.warn = warn;
      el.remove();
    }
  });
});
