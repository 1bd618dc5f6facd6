// The first screen: on a laptop (1280×800) and a phone (390×844), with one directory down and its notice shown,
// the results count and the first result's name are in view without scrolling. Positions are measured, not times.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launchChromium } from '../chromium.js';
import { startDemo, type DemoServer } from './demo-server.js';
import { box, openFirstScreen, SIZES } from './first-screen-measure.js';

let demo: DemoServer;
let browser: Browser;

before(async () => {
  demo = await startDemo();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  demo?.stop();
});

const COUNT = 'sf-results [part~="count"]';
const FIRST_NAME = 'sf-results [part~="card-title"]';
const NOTICE = 'sf-results [part~="notice-failed"]';

async function assertInView(page: Page, height: number): Promise<void> {
  const count = await box(page, COUNT);
  const name = await box(page, FIRST_NAME);
  const notice = await box(page, NOTICE);
  assert.ok(notice.top < name.top, 'the notice of the directory that is down is shown above the results');
  assert.ok(count.bottom <= height, `the count ends at y = ${count.bottom}, past the ${height}px screen`);
  assert.ok(name.bottom <= height, `the first result's name ends at y = ${name.bottom}, past the ${height}px screen`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'measured without scrolling');
}

describe('the first screen', () => {
  it('wide (1280×800): the filters beside the results, the count and the first result in view', async () => {
    const v = await openFirstScreen(browser, demo.url, 'wide');
    const { page } = v;
    await assertInView(page, SIZES.wide.height);
    const form = await box(page, 'sf-search [part~="form"]');
    const count = await box(page, COUNT);
    assert.ok(form.right <= count.left, `the form (right edge ${form.right}) beside the results (left edge ${count.left})`);
    assert.equal(await page.locator('sf-search [part~="filters-button"]').count(), 0, 'no disclosure on a wide screen');
    assert.ok(await page.locator('sf-search #place').isVisible(), 'every filter shown');
    assert.deepEqual(await axeViolations(page), []);
    await v.close();
  });

  it('narrow (390×844): the keyword box shown, the filters behind "Filters (n)", the count and the first result in view', async () => {
    const v = await openFirstScreen(browser, demo.url, 'narrow');
    const { page } = v;
    await assertInView(page, SIZES.narrow.height);
    assert.ok(await page.locator('sf-search #q').isVisible(), 'the keyword box is always shown');
    const button = page.locator('sf-search [part~="filters-button"]');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal((await button.textContent())?.trim(), 'Filters (0)');
    assert.equal(await page.locator('sf-search #place').isVisible(), false, 'the filters are behind the button');
    const target = await box(page, 'sf-search [part~="filters-button"]');
    assert.ok(target.bottom - target.top >= 24 && target.right - target.left >= 24, 'target size at least 24×24 px (WCAG 2.5.8)');
    assert.deepEqual(await axeViolations(page), [], 'closed');

    // Opened by keyboard: the filters show; a filter chosen is counted on the button.
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.ok(await page.locator('sf-search #place').isVisible());
    await page.locator('sf-search #band').selectOption('65+');
    await page.locator('sf-search [part~="filters-button"]').filter({ hasText: 'Filters (1)' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'open');
    await v.close();
  });
});

const AXE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 A and AA rules over the page, shadow roots included (evaluated by DevTools, past the page's CSP). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const { violations } = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => (n as { target: unknown }).target))}`);
  });
  return violations;
}
