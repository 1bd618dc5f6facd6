// The configurator (demo/configurator/) in Chromium: accessible in every state (axe), usable by keyboard alone,
// its check results announced, and what it copies exactly what its preview shows. The whole page, from paste to a
// page made of the copied code, is test/e2e/configurator.test.ts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FIXTURES } from './fixtures.js';
import { defineConfigurator, type FinderConfigurator } from '../../demo/configurator/finder-configurator.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { deepActive, inner, loaded, settle, type } from './helpers.js';

defineConfigurator();

const CARDIFF = { url: `${FIXTURES}/directories/cardiff-council`, name: 'Cardiff Council Community Directory' };
const CWTCH = { url: `${FIXTURES}/directories/cwtch-map`, name: 'Cwtch Community Map' };
/** The demo's look-up services, so that nothing leaves the machine. */
const LOCAL = { geocoder: `${FIXTURES}/postcodes.io`, places: `${FIXTURES}/places.json` };

async function configurator(): Promise<FinderConfigurator> {
  const el = await fixture<FinderConfigurator>(
    html`<finder-configurator .examples=${[CARDIFF, CWTCH]} .initial=${LOCAL}></finder-configurator>`,
  );
  await el.updateComplete;
  return el;
}

const status = (el: FinderConfigurator) => inner(el, '.check-status').textContent?.trim() ?? '';

/** Pastes addresses into the box as a person would (one input event), and waits for every check to finish. */
async function paste(el: FinderConfigurator, text: string): Promise<void> {
  const box = inner<HTMLTextAreaElement>(el, '#directories');
  box.focus();
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  await waitUntil(() => /^Checked /.test(status(el)), `checks did not finish: "${status(el)}"`, { timeout: 15000 });
  await el.updateComplete;
}

/** The preview's finder once it shows what is chosen now. */
async function preview(el: FinderConfigurator, has: (f: ServiceFinder) => boolean = () => true): Promise<ServiceFinder> {
  await waitUntil(() => el.preview && has(el.preview), 'the preview did not update', { timeout: 5000 });
  await loaded(el.preview!);
  return el.preview!;
}

describe('the configurator', () => {
  it('is accessible before anything is added', async () => {
    const el = await configurator();
    expect(inner(el, '.check-status').getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('checks each pasted address as the CLI does, announces the outcome, and stays accessible', async () => {
    const el = await configurator();
    const box = inner<HTMLTextAreaElement>(el, '#directories');
    box.value = `${CARDIFF.url} ${CARDIFF.name}\n${FIXTURES}/broken/html200\nnot-an-address`;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => status(el) === 'Checking 2 directories…', `not checking: "${status(el)}"`);
    await waitUntil(() => /^Checked /.test(status(el)), 'checks did not finish', { timeout: 15000 });
    expect(status(el)).to.equal('Checked 2 directories: 1 can be used, 1 cannot be read.');
    await el.updateComplete;
    const [usable, unreadable] = el.shadowRoot!.querySelectorAll('.check');
    expect(usable.querySelector('h3')!.textContent).to.equal(CARDIFF.name);
    expect(usable.textContent).to.contain('Can be used by the finder');
    expect(usable.textContent).to.contain('Open Referral UK, version 3');
    expect(usable.textContent).to.match(/Read \d+ services in \d+ pages? \(the directory says \d+\), 0 skipped/);
    expect(unreadable.textContent).to.contain('Cannot be read');
    expect(unreadable.querySelector('details.problems')!.hasAttribute('open')).to.equal(true, 'an unreadable directory shows why');
    expect(unreadable.textContent).to.contain('web page instead of data');
    // The line that is not an address is an error on the box, linked to it.
    expect(inner(el, '#directories-error').textContent).to.contain('“not-an-address”: this is not a web address');
    expect(box.getAttribute('aria-describedby')).to.contain('directories-error');
    for (const d of el.shadowRoot!.querySelectorAll('details')) d.open = true;
    await expect(el).to.be.accessible();
  });

  it('shows a value it cannot use as an error on its field, and leaves it out of the code', async () => {
    const el = await configurator();
    await paste(el, CWTCH.url);
    type(inner<HTMLInputElement>(el, '#preset-radius'), 'five');
    await el.updateComplete;
    const radius = inner<HTMLInputElement>(el, '#preset-radius');
    expect(radius.getAttribute('aria-invalid')).to.equal('true');
    expect(radius.getAttribute('aria-describedby')).to.contain('preset-radius-error');
    expect(inner(el, '#preset-radius-error').textContent).to.contain('Enter a number of miles');
    expect(el.html).not.to.contain('radius');
    inner<HTMLInputElement>(el, '#script-src').value = '';
    type(inner<HTMLInputElement>(el, '#script-src'), 'javascript:alert(1)//');
    await el.updateComplete;
    expect(inner(el, '#script-src-error').textContent).to.contain('starts with https://');
    expect(el.html).to.contain(`src="${el.scriptSrc}"`);
    await expect(el).to.be.accessible();
  });

  it('updates the live finder as presets are chosen, and offers the directories’ types of service', async () => {
    const el = await configurator();
    await paste(el, CARDIFF.url);
    await preview(el);
    await waitUntil(() => el.shadowRoot!.querySelector('#preset-category-0'), 'no types of service offered');
    const label = el.shadowRoot!.querySelector('label[for="preset-category-0"]')!.textContent!;
    const category = label.replace(/ \(\d+\)$/, '');
    inner<HTMLInputElement>(el, '#preset-category-0').click();
    type(inner<HTMLInputElement>(el, '#preset-near'), 'Barry');
    const finder = await preview(el, (f) => f.getAttribute('near') === 'Barry' && f.getAttribute('category') === category);
    expect(finder.store!.query.place).to.equal('Barry');
    expect(finder.store!.query.categories).to.deep.equal([category]);
    expect(finder.store!.query.near, 'the place is found with the page’s own place names').to.not.equal(undefined);
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('copies exactly what the preview shows: the HTML, parsed, is the preview’s element', async () => {
    const el = await configurator();
    await paste(el, `${CARDIFF.url} Council's "directory" <b>&</b>\n${CWTCH.url}`);
    type(inner<HTMLInputElement>(el, '#preset-near'), `"><img src=x onerror="window.__xss=1"> CF62`);
    inner<HTMLInputElement>(el, '#preset-hide-search').click();
    const finder = await preview(el, (f) => f.hasAttribute('near') && f.hasAttribute('hide-search'));
    const copied = new DOMParser().parseFromString(el.html, 'text/html');
    expect(copied.querySelectorAll('img, body > :not(service-finder)').length).to.equal(0, 'nothing but the element');
    const element = copied.querySelector('service-finder')!;
    const attributes = (e: Element) =>
      Object.fromEntries([...e.attributes].filter((a) => a.name !== 'url-state').map((a) => [a.name, a.value]));
    expect(attributes(element)).to.deep.equal(attributes(finder));
    expect(JSON.parse(element.getAttribute('directories')!)[0].name).to.equal(`Council's "directory" <b>&</b>`);
    expect(copied.querySelector('script')!.getAttribute('src')).to.equal(el.scriptSrc);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('works by keyboard alone: every control in reading order, Space ticks, Enter copies', async () => {
    const el = await configurator();
    await paste(el, CWTCH.url);
    inner<HTMLTextAreaElement>(el, '#directories').focus();
    const order: string[] = [];
    for (let i = 0; i < 400 && !order.includes('copy-shortcode'); i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      if (active?.id && el.shadowRoot!.contains(active)) order.push(active.id);
    }
    const wanted = [
      'preset-near',
      'preset-radius',
      'preset-age',
      'preset-access-0',
      'preset-free',
      'preset-view-0',
      'preset-lang',
      'script-src',
      'copy-html',
      'copy-shortcode',
    ];
    expect(order.filter((id) => wanted.includes(id))).to.deep.equal(wanted);

    inner<HTMLInputElement>(el, '#preset-free').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.shortcode.text).to.contain(' free="yes"');

    inner<HTMLButtonElement>(el, '#copy-html').focus();
    await sendKeys({ press: 'Enter' });
    const said = () => inner(el, '.copy-status').textContent ?? '';
    await waitUntil(() => said() !== '', 'nothing said after copying');
    // Either the clipboard took it, or (where the browser refuses) the code is selected for Ctrl+C.
    if (/is selected/.test(said())) expect(getSelection()!.toString()).to.equal(el.html);
    else expect(said()).to.equal('The HTML is copied. Paste it into your page’s HTML.');
    expect(inner(el, '.copy-status').getAttribute('role')).to.equal('status');
  });
});
