import { expect, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { sanitiseHtml } from '../../src/components/sf-service/sanitise.js';
import { inner, resetUrl, settle, loadedFixture } from './helpers.js';

declare global {
  interface Window {
    __pwned?: number;
  }
}

describe('hostile HTML', () => {
  afterEach(resetUrl);

  it('sanitiseHtml keeps text and http(s) links, drops scripts, handlers and javascript: links', () => {
    const out = sanitiseHtml(
      '<p onclick="x()">Hello</p><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><a href="javascript:window.__pwned=1">bad</a><a href="https://example.org/ok">ok</a><iframe src="https://evil"></iframe><style>*{}</style><a href="data:text/html,x">data</a>',
    );
    const div = document.createElement('div');
    div.innerHTML = out;
    expect(div.querySelector('script, img, iframe, style, [onclick]')).to.equal(null);
    expect(div.textContent).to.contain('Hello');
    const hrefs = [...div.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal([null, 'https://example.org/ok', null]);
    expect(div.querySelector('a[href^="https"]')!.getAttribute('rel')).to.contain('noopener');
  });

  it('the detail of a hostile record runs nothing and links nowhere unsafe', async () => {
    window.__pwned = undefined;
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints="${FIXTURES}/broken/hostile"></service-finder>`);
    const store = el.store!;
    expect(store.services.length).to.be.greaterThan(0);
    for (const s of store.services) {
      uiFor(store).select(s.key);
      await settle(el);
      const root = inner(el, 'sf-service').shadowRoot!;
      expect(root.querySelector('article')).to.exist;
      expect(root.querySelector('script, iframe, object, embed, [onerror], [onload], [onclick], [onmouseover]')).to.equal(null);
      for (const a of root.querySelectorAll('a[href]')) expect(a.getAttribute('href')).to.match(/^(https?:|mailto:|tel:)/);
      uiFor(store).select(undefined);
    }
    await settle(el);
    // Cards too.
    const results = inner(el, 'sf-results').shadowRoot!;
    expect(results.querySelector('script, img, svg, [onerror], [onload]')).to.equal(null);
    expect(window.__pwned).to.equal(undefined);
  });
});
