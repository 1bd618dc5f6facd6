/**
 * The first-result and keystroke bench (`npm run bench -- first`), in headless Chromium (playwright-core)
 * on the built CDN bundle, with the directories behind the fixture server's latency routes.
 *
 * First result: the one-tag finder over a directory answering in 100 ms beside one answering in 3 s,
 * against a bare page that fetches the fast directory's first page (the same address the finder asks
 * for) and writes its names: both measured in the same run, interleaved, each in a fresh browser
 * context, from navigation to the first frame that shows a name. Prints the medians and their ratio,
 * with where the finder's time goes (DOMContentLoaded → first directory request, response → names).
 *
 * Keystroke: the finder with about 10,000 services loaded (20 generated directories); keys typed into
 * the keyword box one at a time, each timed from the key's event to the first frame after the list
 * changed. Prints the median and the 95th percentile.
 *
 * Size: the first file's gzip size as Vite reports it, beside its budget (test/bundle-sizes.ts).
 *
 * Asserts nothing: the start-up order and the lazy parts are tested in test/e2e/lazy.test.ts.
 * `benchFirst()` is called by bench/run.ts; run alone with `node --import tsx bench/first-result.ts`.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { BUDGETS, MAIN_FILE, buildBundle } from '../test/bundle-sizes.js';
import { findChromium, launchChromium } from '../test/chromium.js';
import { serve } from '../test/helpers.js';
import { startFixtureServer } from '../test/fixtures/server.js';

const BUNDLE = new URL('../dist/bundle/', import.meta.url);
/** The two directories' latencies. */
const FAST_MS = 100;
const SLOW_MS = 3000;
/** The first result within this many times the bare page's. */
export const TARGET_RATIO = 1.5;
/** Keystroke → changed list, 95th percentile. */
export const TARGET_KEY_P95_MS = 50;
/** 20 generated directories of 715 records: about 10,000 distinct services once blended. */
const KEY_DIRECTORIES = 20;
const KEY_SIZE = 715;
/** Typed into the keyword box, a key at a time; each word is cleared before the next. */
const WORDS = ['counselling', 'walking', 'yoga', 'carers', 'food', 'youth', 'debt', 'memory'];
/** Time between keys: longer than any keystroke takes here, so each is measured alone. */
const KEY_GAP_MS = 250;

export interface FirstOptions {
  /** Pairs of runs (bare page, finder); default 7. */
  runs?: number;
  /** Build the bundle first (default true). */
  build?: boolean;
  /** Run the keystroke part (default true). */
  keystrokes?: boolean;
  print?: boolean;
  executablePath?: string;
}

interface Run {
  shown: number;
  dcl: number;
  requestStart?: number;
  responseEnd?: number;
}

export interface FirstResult {
  chromium: string;
  runs: number;
  bare: Run;
  finder: Run;
  ratio: number;
  /** The first file's gzip size as Vite reports it, when this bench built it. */
  firstFileKb?: number;
  keys?: { services: number; samples: number[]; unchanged: number; median: number; p95: number };
}

/** tsx (esbuild keepNames) wraps named functions in __name(); the functions sent to the page need it too. */
const KEEP_NAMES = 'window.__name = (f) => f;';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Runs both parts; resolves with the figures, or a reason they were not measured. */
export async function benchFirst(options: FirstOptions = {}): Promise<FirstResult | string> {
  const { runs = 7, print = true } = options;
  const exe = findChromium(options.executablePath);
  if (!exe) return report('skipped: no /usr/bin/chromium', print);
  const firstFileKb = options.build !== false ? (await buildBundle()).sizes.get(MAIN_FILE) : undefined;
  const fixtures = await startFixtureServer();
  const f = fixtures.url;
  const fast = `${f}/latency/${FAST_MS}/dialects/oruk-v3`;
  const slow = `${f}/latency/${SLOW_MS}/dialects/oruk-v1`;
  const pages = new Map<string, string>();
  const site = await serve(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = pages.get(path);
    if (page) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    try {
      const body = await readFile(new URL(`.${path}`, BUNDLE));
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const html = (body: string, head = '<script type="module" src="/service-finder.js"></script>') =>
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>bench</title>${head}</head><body><main><h1>Find services</h1>${body}</main></body></html>`;
  pages.set('/finder.html', html(`<service-finder endpoints="${fast} ${slow}"></service-finder>`));
  const keyEndpoints = Array.from({ length: KEY_DIRECTORIES }, (_, i) => `${f}/generated/${i}?of=${KEY_DIRECTORIES}&size=${KEY_SIZE}`);
  pages.set('/keys.html', html(`<service-finder url-state="off" endpoints="${keyEndpoints.join(' ')}"></service-finder>`));
  const browser = await launchChromium([], exe);
  try {
    // The address the finder asks the fast directory for first: the bare page fetches the same.
    const firstUrl = await firstRequest(browser, `${site.url}/finder.html`, fast);
    pages.set('/bare.html', html('', bareScript(firstUrl)));
    const bare: Run[] = [];
    const finder: Run[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await measureFirst(browser, `${site.url}/bare.html`, firstUrl));
      finder.push(await measureFirst(browser, `${site.url}/finder.html`, firstUrl));
    }
    const mid = (list: Run[]): Run => ({
      shown: median(list.map((r) => r.shown)),
      dcl: median(list.map((r) => r.dcl)),
      requestStart: median(list.map((r) => r.requestStart ?? NaN)),
      responseEnd: median(list.map((r) => r.responseEnd ?? NaN)),
    });
    const result: FirstResult = {
      chromium: browser.version(),
      runs,
      bare: mid(bare),
      finder: mid(finder),
      ratio: median(finder.map((r) => r.shown)) / median(bare.map((r) => r.shown)),
      firstFileKb,
    };
    // Where the finder's time goes, run by run (medians of the differences).
    result.finder.requestStart = median(finder.map((r) => (r.requestStart ?? NaN) - r.dcl));
    result.finder.responseEnd = median(finder.map((r) => r.shown - (r.responseEnd ?? NaN)));
    if (options.keystrokes !== false) result.keys = await measureKeys(browser, `${site.url}/keys.html`);
    if (print) printResult(result);
    return result;
  } finally {
    await browser.close();
    await site.close();
    await fixtures.close();
  }
}

/** The bare page: fetch one address, write the names of its records. */
function bareScript(url: string): string {
  return `<script type="module">
    const response = await fetch(${JSON.stringify(url)}, { headers: { accept: 'application/json' }, credentials: 'omit' });
    const body = await response.json();
    const list = document.createElement('ul');
    for (const record of body.contents ?? body.content ?? []) {
      const item = document.createElement('li');
      item.textContent = record.name;
      list.append(item);
    }
    document.querySelector('main').append(list);
  </script>`;
}

async function firstRequest(browser: Browser, url: string, prefix: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const first = new Promise<string>((resolve) => page.on('request', (r) => r.url().startsWith(prefix) && resolve(r.url())));
    await page.goto(url);
    return await first;
  } finally {
    await context.close();
  }
}

/** One fresh page: navigation → the first frame with a name on it, DOMContentLoaded, and the first page's request. */
async function measureFirst(browser: Browser, url: string, resource: string): Promise<Run> {
  const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: KEEP_NAMES });
    await page.addInitScript(watchFirstName);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __first: { shown?: number } }).__first.shown !== undefined, undefined, {
      timeout: 30_000,
    });
    return await page.evaluate((resource) => {
      const state = (window as unknown as { __first: { shown: number; dcl: number } }).__first;
      const entry = performance.getEntriesByType('resource').find((e) => e.name === resource) as PerformanceResourceTiming | undefined;
      return { shown: state.shown, dcl: state.dcl, requestStart: entry?.startTime, responseEnd: entry?.responseEnd };
    }, resource);
  } finally {
    await context.close();
  }
}

/** Init script: the time of the first animation frame in which a service's name is on the page. */
function watchFirstName() {
  const state: { shown?: number; dcl?: number } = {};
  (window as unknown as { __first: typeof state }).__first = state;
  addEventListener('DOMContentLoaded', () => (state.dcl = performance.now()));
  const name = () => {
    const inFinder = document
      .querySelector('service-finder')
      ?.shadowRoot?.querySelector('sf-results')
      ?.shadowRoot?.querySelector('[part~="card-title"]');
    return (inFinder ?? document.querySelector('main li'))?.textContent?.trim();
  };
  const frame = () => {
    if (name()) state.shown = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function measureKeys(browser: Browser, url: string): Promise<FirstResult['keys']> {
  const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: KEEP_NAMES });
    await page.goto(url);
    const services = await page.evaluate(async () => {
      const el = document.querySelector('service-finder') as unknown as {
        ready: Promise<EventTarget & { loading: boolean; services: unknown[]; statuses: Array<{ state: string }> }>;
      };
      const store = await el.ready;
      await new Promise<void>((resolve) => {
        const check = () => {
          if (store.statuses.every((s) => s.state === 'done' || s.state === 'failed') && !store.loading) resolve();
          else setTimeout(check, 100);
        };
        check();
      });
      return store.services.length;
    });
    await page.waitForTimeout(500);
    await page.evaluate(watchList);
    const input = page.locator('sf-search #q');
    await input.focus();
    for (const word of WORDS) {
      for (const key of word) await typeKey(page, key);
      await typeKey(page, 'ControlOrMeta+a');
      await typeKey(page, 'Backspace');
    }
    const { samples, unchanged } = await page.evaluate(() => {
      const s = (window as unknown as { __keys: { samples: number[]; unchanged: number } }).__keys;
      return { samples: s.samples, unchanged: s.unchanged };
    });
    return { services, samples, unchanged, median: median(samples), p95: percentile(samples, 95) };
  } finally {
    await context.close();
  }
}

async function typeKey(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForTimeout(KEY_GAP_MS);
}

/** In the page: times each key from its event to the first frame after the results list changed (the hidden announcement aside). */
function watchList() {
  const state = { samples: [] as number[], unchanged: 0, pending: undefined as number | undefined };
  (window as unknown as { __keys: typeof state }).__keys = state;
  const results = document.querySelector('service-finder')!.shadowRoot!.querySelector('sf-results')!.shadowRoot!;
  addEventListener(
    'keydown',
    (event) => {
      if (state.pending !== undefined) state.unchanged++;
      state.pending = event.timeStamp;
    },
    true,
  );
  // The count read to screen readers changes a second after the list settles: not a change of the list.
  const announcement = (n: Node) => (n instanceof Element ? n : n.parentElement)?.closest('[part~="announcement"]');
  new MutationObserver((records) => {
    if (records.every((r) => announcement(r.target))) return;
    const start = state.pending;
    if (start === undefined) return;
    state.pending = undefined;
    requestAnimationFrame(() => state.samples.push(performance.now() - start));
  }).observe(results, { subtree: true, childList: true, characterData: true });
}

function report(reason: string, print: boolean): string {
  if (print) console.log(`\nFirst result and keystrokes (Chromium): ${reason}`);
  return reason;
}

const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : `${n.toFixed(0)} ms`);

function printResult(r: FirstResult): void {
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const rows: string[][] = [
    [`bare page: fetch the fast directory, write its names (median of ${r.runs})`, ms(r.bare.shown), ''],
    [
      `finder: first name shown (median of ${r.runs})`,
      ms(r.finder.shown),
      `×${r.ratio.toFixed(2)} the bare page; target ≤ ×${TARGET_RATIO}: ${met(r.ratio <= TARGET_RATIO)}`,
    ],
    [
      '  DOMContentLoaded → first directory request',
      ms(r.finder.requestStart),
      `bare page: ${ms((r.bare.requestStart ?? NaN) - r.bare.dcl)}`,
    ],
    ['  first page received → names on screen', ms(r.finder.responseEnd), `bare page: ${ms(r.bare.shown - (r.bare.responseEnd ?? NaN))}`],
  ];
  if (r.firstFileKb !== undefined) {
    rows.push([
      `the finder's first file (${MAIN_FILE}, gzip as Vite reports it)`,
      `${r.firstFileKb.toFixed(2)} kB`,
      `target ≤ ${BUDGETS.main} kB: ${met(r.firstFileKb <= BUDGETS.main)}`,
    ]);
  }
  if (r.keys) {
    const k = r.keys;
    rows.push([
      `keystroke → changed list, ${k.services.toLocaleString('en-GB')} services (${k.samples.length} keys; ${k.unchanged} left it unchanged)`,
      `median ${ms(k.median)}, p95 ${ms(k.p95)}`,
      `target p95 ≤ ${TARGET_KEY_P95_MS} ms: ${met(k.p95 <= TARGET_KEY_P95_MS)}`,
    ]);
  }
  const w = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(
    `\nFirst result and keystrokes, Chromium ${r.chromium}, directories at ${FAST_MS} ms and ${SLOW_MS} ms (load average ${loadavg()[0].toFixed(2)}; wall-clock, other work on the machine inflates timings)`,
  );
  for (const row of rows) console.log(`  ${row[0].padEnd(w[0])}  ${row[1].padStart(w[1])}  ${row[2]}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchFirst();
  if (typeof r === 'string') process.exitCode = 1;
}
