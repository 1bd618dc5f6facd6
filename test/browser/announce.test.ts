import { expect, html, waitUntil } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import { inner, resetUrl, type, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

describe('keystrokes and the count read to screen readers', () => {
  afterEach(resetUrl);

  it('the list changes on each key; the count is read out only once it stops changing', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const results = inner(el, 'sf-results');
    const count = () => inner(results, '[part~="count"]').textContent!.trim();
    const announced = () => inner(results, '[part~="announcement"]').textContent!.trim();
    // The count is not a live region itself: only the hidden announcement is.
    expect(inner(results, '[part~="count"]').hasAttribute('aria-live')).to.equal(false);
    expect(inner(results, '[part~="announcement"]').getAttribute('role')).to.equal('status');
    await waitUntil(() => announced() === count(), 'the first count read out');
    const before = count();

    const search = inner(el, 'sf-search');
    const input = inner<HTMLInputElement>(search, '#q');
    type(input, 'wal');
    // The list changes a task after the keys (no pause): long before the count is read out.
    await waitUntil(() => count() !== before, 'the list changed with the keys, with no pause first');
    const after = count();
    expect(announced()).to.equal(before, 'the new count is not read out while typing');
    await waitUntil(() => announced() === after, 'the settled count read out', { timeout: 5000 });
  });
});
