// Trust signals, referral and "what to expect" in the real elements (docs/trust.md), over the fixture server's
// /trust directories: a temporarily closed service said on its card and in its detail, a directory's notice,
// accreditations, each directory's check date, "suggest a change" per directory, the freshness window the page
// sets, a full session, pictures only once the detail shows them (none with `no-images`), and accessibility as
// a filter in the form and the address.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { TRUST } from '../fixtures/trust.js';
import { inner, loaded, resetUrl, settle } from './helpers.js';

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const pictures = async (pic: string) =>
  ((await (await fetch(`${FIXTURES}/trust/pictures?pic=${pic}`)).json()) as { fetched: number }).fetched;

const DIRECTORIES = [
  { url: `${FIXTURES}/trust/v3`, name: 'Trust v3', id: 'tv3', feedbackUrl: 'https://v3.example/feedback?service={id}' },
  { url: `${FIXTURES}/trust/v1`, name: 'Trust v1', id: 'tv1', feedbackUrl: 'https://v1.example/suggest/{id}' },
];
const OPENACTIVE = `${FIXTURES}/trust/openactive/session-series`;
const NOW = () => new Date('2026-12-01T12:00:00Z');

async function finder(attrs: { lang?: string; staleAfter?: string; noImages?: boolean; pic?: string } = {}) {
  const el = await fixture<ServiceFinder>(
    html`<service-finder
      url-state="off"
      lang=${attrs.lang ?? 'en'}
      openactive=${attrs.pic ? `${OPENACTIVE}?pic=${attrs.pic}` : OPENACTIVE}
      stale-after=${attrs.staleAfter ?? ''}
      ?no-images=${attrs.noImages}
      .directories=${DIRECTORIES}
    ></service-finder>`,
  );
  await loaded(el);
  return el;
}

/** The card of the service named `name`, after a keyword search for it. */
async function cardOf(el: ServiceFinder, name: string, words = name) {
  await el.store!.setQuery({ text: words });
  await settle(el);
  const results = inner(el, 'sf-results');
  const card = [...results.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]')].find((c) => c.textContent!.includes(name));
  expect(card, `${name} has a card`).to.exist;
  return { results, card: card! };
}

async function open(el: ServiceFinder, name: string) {
  const service = el.store!.services.find((s) => s.name === name)!;
  uiFor(el.store!).select(service.key);
  await settle(el);
  return inner(el, 'sf-service');
}

describe('trust signals on the card and in the detail', function () {
  this.timeout(30_000);
  afterEach(resetUrl);

  it('says a service is temporarily closed, with its directory’s notice, on its card and in its detail', async () => {
    const el = await finder();
    const { results, card } = await cardOf(el, TRUST.lunch);
    expect(card.querySelector('.closed-tag')?.textContent).to.equal('Temporarily closed');
    expect(card.textContent!.replace(/\s+/g, ' ')).to.include(`Notice: ${TRUST.alert}`);
    await expect(results).to.be.accessible();

    const detail = await open(el, TRUST.lunch);
    const words = text(detail);
    expect(words).to.include('Temporarily closed. Its directory says this service is temporarily closed.');
    expect(words).to.include(`Notice: ${TRUST.alert}`);
    expect(words).to.include(`Accreditations ${TRUST.accreditations}`);
    await expect(detail).to.be.accessible();
  });

  it('"How to get referred" from how to apply and the access notes', async () => {
    const el = await finder();
    const detail = await open(el, TRUST.lunch);
    const heading = [...detail.shadowRoot!.querySelectorAll('h3')].find((h) => h.textContent === 'How to get referred');
    expect(heading, 'the heading').to.exist;
    const words = text(detail);
    expect(words).to.include(TRUST.application);
    expect(words).to.include('Referrals by phone on weekday mornings.');
  });

  it('names each directory’s own check date, and a "suggest a change" link per directory with the record’s id', async () => {
    const el = await finder();
    const detail = await open(el, TRUST.lunch);
    const checks = [...detail.shadowRoot!.querySelectorAll('.checks li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(checks.sort()).to.deep.equal(['Trust v1: last checked on 2 June 2026', 'Trust v3: last checked on 20 November 2026']);
    const links = [...detail.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a.suggest')].map((a) => [a.textContent!.trim(), a.href]);
    expect(links.sort()).to.deep.equal([
      ['Suggest a change to this listing (Trust v1)', 'https://v1.example/suggest/rl%209%2F%26%3F'],
      ['Suggest a change to this listing (Trust v3)', 'https://v3.example/feedback?service=lunch-1'],
    ]);
  });

  it('a directory’s notice stays text', async () => {
    const el = await finder();
    const { card } = await cardOf(el, TRUST.hostile);
    expect(card.querySelectorAll('img').length).to.equal(0);
    expect(card.querySelector('.alert')!.textContent).to.include('<img src=x onerror=');
    const detail = await open(el, TRUST.hostile);
    expect(detail.shadowRoot!.querySelectorAll('.notices img').length).to.equal(0);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });

  it('marks a listing out of date by the window the page sets (stale-after), 180 days unless it says', async () => {
    for (const [staleAfter, stale] of [
      ['', true],
      ['365', false],
    ] as const) {
      const el = await fixture<ServiceFinder>(
        html`<service-finder url-state="off" stale-after=${staleAfter} .now=${NOW} .directories=${DIRECTORIES}></service-finder>`,
      );
      await loaded(el);
      const { card } = await cardOf(el, TRUST.shed, 'shed');
      expect(!!card.querySelector('.stale-tag'), `stale-after="${staleAfter}"`).to.equal(stale);
    }
  });

  it('in Welsh', async () => {
    const el = await finder({ lang: 'cy' });
    const { card } = await cardOf(el, TRUST.lunch);
    expect(card.querySelector('.closed-tag')?.textContent).to.equal('Ar gau dros dro');
    const detail = await open(el, TRUST.lunch);
    const words = text(detail);
    expect(words).to.include('Sut i gael eich atgyfeirio');
    expect(words).to.include('Awgrymu newid i’r rhestriad hwn');
    expect(words).to.include('Trust v1: gwiriwyd ddiwethaf ar');
  });
});

describe('what to expect at an OpenActive session', function () {
  this.timeout(30_000);

  it('says the next session is full, on the card and in the detail', async () => {
    const el = await finder();
    const { card } = await cardOf(el, TRUST.swim);
    expect(card.querySelector('.full-tag')?.textContent).to.equal('Full');
    const detail = await open(el, TRUST.swim);
    expect(text(detail)).to.include('Full: no places left');
  });

  it('shows pictures (lazy, named) only once the detail shows them; level, leader and the venue’s facilities', async () => {
    const el = await finder({ pic: 'shown' });
    await cardOf(el, TRUST.swim);
    expect(await pictures('shown'), 'no picture is fetched for a list').to.equal(0);
    const detail = await open(el, TRUST.swim);
    const images = [...detail.shadowRoot!.querySelectorAll<HTMLImageElement>('img')];
    expect(images.map((i) => [i.getAttribute('src'), i.alt, i.loading])).to.deep.equal([
      [`${FIXTURES}/trust/picture.png?pic=shown`, `Picture: ${TRUST.swim}`, 'lazy'],
    ]);
    const words = text(detail);
    expect(words).to.include(`Level: ${TRUST.level}`);
    expect(words).to.include(`Led by ${TRUST.leader}`);
    expect(words).to.include('Facilities: Hearing loop, Step-free access and Changing Facilities');
    await waitUntil(async () => (await pictures('shown')) > 0, 'the picture shown is fetched');
    await expect(detail).to.be.accessible();
  });

  it('no-images: no picture is shown or fetched', async () => {
    const el = await finder({ noImages: true, pic: 'none' });
    const detail = await open(el, TRUST.swim);
    expect(text(detail)).to.include(`Led by ${TRUST.leader}`);
    expect(detail.shadowRoot!.querySelectorAll('img').length, 'pictures shown').to.equal(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(await pictures('none')).to.equal(0);
  });
});

describe('accessibility as a filter', function () {
  this.timeout(30_000);
  afterEach(resetUrl);

  it('a fieldset in the form; ticking a feature filters, explains and is kept in the address', async () => {
    const el = await fixture<ServiceFinder>(html`<service-finder openactive=${OPENACTIVE} .directories=${DIRECTORIES}></service-finder>`);
    await loaded(el);
    const search = inner(el, 'sf-search');
    // Behind "More filters", as a person finds it.
    search.shadowRoot!.querySelector('summary')!.click();
    const fieldset = () => [...search.shadowRoot!.querySelectorAll('legend')].find((l) => l.textContent === 'Accessibility and support');
    await waitUntil(fieldset, 'the panel built');
    const legend = fieldset();
    expect(legend, 'the fieldset').to.exist;
    const loop = search.shadowRoot!.querySelector<HTMLInputElement>('input[name="accessibility"][value="hearing-loop"]')!;
    expect(search.shadowRoot!.querySelector(`label[for="${loop.id}"]`)?.textContent).to.equal('Hearing loop');
    loop.click();
    await waitUntil(() => el.store!.query.accessibility?.includes('hearing-loop'), 'the query has it');
    await settle(el);
    expect(new URL(location.href).searchParams.get('accessibility')).to.equal('hearing-loop');
    const first = el.store!.results[0];
    expect([first.service.name, first.partial]).to.deep.equal([TRUST.swim, false]);
    const results = inner(el, 'sf-results');
    const card = results.shadowRoot!.querySelector<HTMLElement>('[part~="card"]')!;
    expect(card.querySelector('.why')!.textContent).to.include('Accessibility: Hearing loop');
    await expect(search).to.be.accessible();
    await expect(results).to.be.accessible();
  });
});
