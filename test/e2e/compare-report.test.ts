// End to end: the HTML report of `service-finder compare`, written from the fixture directories (a hostile one
// among them) and opened from disk in Chromium as a council officer would: nothing runs, nothing is fetched,
// the hostile text shows as text, every link goes to a record over http(s), and it prints.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { runCli } from '../helpers.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { HOSTILE } from '../fixtures/compare.js';
import { launchChromium } from '../chromium.js';

let server: FixtureServer;
let browser: Browser;
let folder: string;
let report: string;

before(async () => {
  server = await startFixtureServer();
  browser = await launchChromium();
  folder = await mkdtemp(join(tmpdir(), 'sf-compare-report-'));
  report = join(folder, 'report.html');
  const dirs = ['north', 'south', 'west', 'hostile'].map((n) => `${server.url}/compare/${n}`);
  const { code } = await runCli('compare', ...dirs, '--as-of', '2026-12-01', '--html', report);
  assert.equal(code, 0);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the compare HTML report in Chromium', () => {
  it('runs nothing, fetches nothing, and shows hostile text as text', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(report).href);
    assert.deepEqual(requests, [pathToFileURL(report).href], 'only the file itself');
    assert.deepEqual(problems, [], 'no script ran, none was refused');
    assert.equal(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined);
    assert.equal(await page.evaluate(() => document.scripts.length + document.images.length), 0);
    const names = await page.locator('h3').allTextContents();
    assert.ok(names.some((n) => n.includes('Wellbeing Link Workers')));
    const cells = await page.locator('td').allTextContents();
    assert.ok(
      cells.some((t) => t.includes(HOSTILE.name.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim())),
      'the hostile name, as the directory wrote it',
    );
    assert.ok(
      cells.some((t) => t.includes(HOSTILE.street)),
      'the hostile street, as text',
    );
    const hrefs = await page.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).protocol));
    assert.ok(hrefs.length > 10);
    assert.deepEqual([...new Set(hrefs)], ['http:']);
    await page.close();
  });

  it('has tables with captions and headers, and prints', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(report).href);
    const captions = await page.locator('caption').allTextContents();
    for (const c of [
      'Records in each directory',
      'Services each pair of directories both list',
      'Records kept apart that a person should judge',
      'Problems with records',
    ])
      assert.ok(captions.includes(c), c);
    assert.equal(await page.locator('table:not(:has(thead th))').count(), 0, 'every table has column headers');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-');
    await page.close();
  });
});
