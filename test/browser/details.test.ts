// A directory that lists summaries (Placecube) in the real finder: its records are shown from the list at once,
// marked as summaries, the results say which filtered fields are not yet read, the cards on screen are read
// first, and everything is filled once the full records come (held by the fixture server until released).
import { expect, html, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import { fixtureLog } from '../fixtures/log.js';
import { cards, inner, settle, loadedFixture } from './helpers.js';

const release = (gate: string) => fetch(`${FIXTURES}/held/${gate}/release`);
const asked = async (gate: string) =>
  (await fixtureLog(FIXTURES)).filter((l) => l.startsWith(`/held/${gate}/services/`)).map((l) => l.split('/').pop()!);
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('summaries first, details as needed', function () {
  this.timeout(30_000);

  it('shows summaries at once, marked, says "ages not yet read", then fills them', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/held/b-fill?total=30"></service-finder>`);
    const store = el.store!;
    await store.setQuery({ age: 30 });
    await settle(el);
    const results = inner(el, 'sf-results');
    expect(store.services.length).to.equal(30);
    expect(results.shadowRoot!.querySelectorAll('[part~="card"]').length).to.equal(30);
    expect(results.shadowRoot!.querySelectorAll('[part~="card"] li.summary').length).to.equal(30, 'every card marked as a summary');
    expect(text(results)).to.include('Summary: the full details are still being read');
    expect(text(results)).to.match(/Reading the full details from .*: 30 records to go/);
    expect(text(results)).to.include('Ages not yet read for 30 records');
    await expect(results).to.be.accessible();

    await release('b-fill');
    await waitUntil(() => store.statuses[0].summaries === 0, 'details filled', { timeout: 20_000 });
    await settle(el);
    expect(results.shadowRoot!.querySelectorAll('[part~="card"] li.summary').length).to.equal(0);
    expect(text(results)).not.to.include('not yet read');
    expect(text(results)).not.to.include('Reading the full details');
    expect(store.matched, 'the age filter now decides').to.be.greaterThan(0);
    await expect(results).to.be.accessible();
  });

  it('in Welsh', async () => {
    const el = await loadedFixture(
      html`<service-finder lang="cy" url-state="off" endpoints="${FIXTURES}/held/b-cy?total=12"></service-finder>`,
    );
    await el.store!.setQuery({ age: 30 });
    await settle(el);
    const results = inner(el, 'sf-results');
    expect(text(results)).to.include('Heb ddarllen yr oedrannau eto ar gyfer 12 cofnod');
    expect(text(results)).to.include('Crynodeb: wrthi’n darllen y manylion llawn o hyd');
    expect(text(results)).to.match(/Wrthi’n darllen y manylion llawn o .*: 12 cofnod ar ôl/);
    await release('b-cy');
  });

  it('the cards on screen are read first', async () => {
    const gate = 'b-screen';
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/held/${gate}?total=200"></service-finder>`);
    await settle(el);
    await waitUntil(async () => (await asked(gate)).length >= 4, 'the first four asked for');
    const results = inner(el, 'sf-results');
    const rendered = () => [...results.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]')];
    // Scrolled to the middle of the list (virtualised: the cards rendered are those in view), so the cards on
    // screen are not the first results, which would be read next anyway.
    const top = (await cards(results))[0].dataset.key;
    const list = () => results.shadowRoot!.querySelector<HTMLElement>('ol.long');
    await waitUntil(() => (list()?.offsetHeight ?? 0) > 4 * innerHeight, 'the virtualizer laid the list out');
    await waitUntil(() => {
      const ol = list()!;
      window.scrollTo(0, ol.getBoundingClientRect().top + window.scrollY + ol.offsetHeight / 2);
      return rendered().length > 0 && !rendered().some((c) => c.dataset.key === top);
    }, 'the middle of the list in view');
    // The list tells the store at the frame after it renders cards (the virtualizer may render over two).
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    const onScreen = new Set(rendered().map((c) => c.dataset.key!));
    expect(onScreen.size).to.be.lessThan(200);
    await release(gate);
    await waitUntil(async () => (await asked(gate)).length >= 12, 'more asked for', { timeout: 20_000 });
    const next = (await asked(gate)).slice(4, 8);
    const prefix = el.store!.statuses[0].directory.id;
    for (const id of next) {
      expect(onScreen.has(`${prefix}:${id}`), `${id} is on screen`).to.equal(true);
    }
  });
});
