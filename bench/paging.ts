/**
 * `npm run bench -- paging`: reading real servers at the network's pace.
 *
 * 1. 10,000 services behind 100 ms of latency, read whole by `readDirectory` in Node: one page after
 *    another, then pages in parallel (the per-host limit), from a server that caps pages at 100 and from
 *    one that gives the 1,000 asked for.
 * 2. A directory that lists summaries (the 819 Bristol records as Placecube served them, captured), behind
 *    100 ms, in Chromium: the finder's first result against a bare page that fetches the same first list
 *    page and writes its names, both timed from navigation, interleaved, median of RUNS.
 * 3. The same finder reading all 819 full records in the background: time until every one is in, the long
 *    tasks meanwhile, and the slowest key or input event for a word typed while they are read.
 * 4. The JS heap with the 819 records loaded and filled, after forced garbage collections.
 *
 * Prints each figure beside its target; asserts nothing (the tests assert what can be asserted without
 * timing). Called by bench/run.ts; alone: `node --import tsx bench/paging.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { readDirectory, clearCache, LARGE_PAGE, PER_HOST } from '../src/sources/index.js';
import { fixtureLog } from '../test/fixtures/log.js';
import { findChromium, launchChromium } from '../test/chromium.js';
import { serve } from '../test/helpers.js';

const LATENCY_MS = 100;
const SERVICES = 10_000;
const RUNS = 5;
const CAPTURES = new URL('../../shared/reference/oruk/captured/', import.meta.url);
const BUNDLE = new URL('../dist/bundle/', import.meta.url);

// The targets: first result within 1.5× a bare fetch, all details of 819 records in 25 s.
const TARGET_FIRST_RATIO = 1.5;
const TARGET_DETAILS_MS = 25_000;
const TARGET_HEAP_MB = 9.6;
/** Pages in parallel: the round trips the per-host limit allows (page 1, page 2, then PER_HOST at a time), and a second. */
const targetParallelMs = (pages: number) => (2 + Math.ceil((pages - 2) / PER_HOST)) * LATENCY_MS + 1000;

type Row = [what: string, figure: string, target: string];

export async function benchPaging(): Promise<void> {
  console.log(`\nPaging and details, load average ${loadavg()[0].toFixed(2)}; wall-clock figures, inflated by other work on the machine`);
  // The directories are served by a process of their own, as real servers are elsewhere: serving them
  // takes no turns from the reader's event loop.
  const fixtures = await fixtureProcess();
  try {
    print('10,000 services behind 100 ms (Node, readDirectory)', await pagesInParallel(fixtures));
    print('Placecube: 819 Bristol summaries behind 100 ms (Chromium)', await summaries(fixtures));
  } finally {
    await fixtures.close();
  }
}

async function pagesInParallel(fixtures: FixtureServer): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, params, pages] of [
    ['100 a page (the server caps)', `cap=100`, SERVICES / 100],
    [`${LARGE_PAGE.toLocaleString('en-GB')} a page (as asked)`, ``, SERVICES / LARGE_PAGE],
  ] as const) {
    const times: number[] = [];
    for (const pagesAtOnce of [1, undefined]) {
      clearCache();
      const url = `${fixtures.url}/latency/${LATENCY_MS}/paging/services?total=${SERVICES}&${params}&run=${pagesAtOnce ?? 'parallel'}`;
      const started = performance.now();
      let read = 0;
      for await (const page of readDirectory(url, { pagesAtOnce, cacheMs: 0 })) read += page.services.length;
      times.push(performance.now() - started);
      if (read !== SERVICES) throw new Error(`read ${read} of ${SERVICES}`);
    }
    const [sequential, parallel] = times;
    const target = targetParallelMs(pages);
    rows.push([`${label}: one page after another`, seconds(sequential), `${pages} round trips`]);
    rows.push([`${label}: pages in parallel (${PER_HOST} at once)`, seconds(parallel), met(parallel <= target, `≤ ${seconds(target)}`)]);
  }
  return rows;
}

interface Probe {
  first?: number;
  details?: number;
  tasks: Array<[start: number, duration: number]>;
  events: Array<[name: string, duration: number]>;
  typedAt?: number;
}
type W = Window & { __bench: Probe };

async function summaries(fixtures: FixtureServer): Promise<Row[]> {
  if (!existsSync(CAPTURES)) return [['skipped', '../shared/reference is not present', '']];
  const exe = findChromium();
  if (!exe) return [['skipped', 'no Chromium', '']];
  await build({ configFile: new URL('../vite.lib.config.ts', import.meta.url).pathname, logLevel: 'silent' });
  const directory = `${fixtures.url}/latency/${LATENCY_MS}/captured/bristol`;
  const firstPage = `${directory}/services?per_page=${LARGE_PAGE}`;
  const pages = new Map([
    [
      '/finder.html',
      page(
        '<script type="module" src="/service-finder.js"></script>',
        `<service-finder url-state="off" endpoints="${directory}"></service-finder>`,
      ),
    ],
    ['/bare.html', page('', `<ul id="names"></ul><script>${bare(firstPage)}</script>`)],
  ]);
  const site = await serve(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html = pages.get(path);
    if (html) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    const script = await readFile(new URL(`.${path}`, BUNDLE)).catch(() => undefined);
    if (script) res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(404).end();
  });
  const browser = await launchChromium(['--enable-precise-memory-info'], exe);
  try {
    const open = async (path: string) => {
      const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
      const p = await context.newPage();
      await p.addInitScript({ content: 'window.__name = (f) => f;' });
      await p.addInitScript(probe);
      await p.goto(`${site.url}${path}`);
      return { page: p, close: () => context.close() };
    };
    const firstOf = async (p: Page) => {
      await until(p, () => (window as unknown as W).__bench.first !== undefined, 60_000);
      return p.evaluate(() => (window as unknown as W).__bench.first!);
    };

    // First result against the bare fetch, interleaved so that the machine's load falls on both alike.
    const finderTimes: number[] = [];
    const bareTimes: number[] = [];
    let asked: string | undefined;
    for (let run = 0; run < RUNS; run++) {
      const bareRun = await open('/bare.html');
      bareTimes.push(await firstOf(bareRun.page));
      await bareRun.close();
      const before = (await fixtureLog(fixtures.url)).length;
      const finderRun = await open('/finder.html');
      finderTimes.push(await firstOf(finderRun.page));
      asked ??= (await fixtureLog(fixtures.url)).slice(before).find((l) => l.includes('/captured/bristol/services?'));
      await finderRun.close();
    }
    const finderFirst = median(finderTimes);
    const bareFirst = median(bareTimes);
    const ratio = finderFirst / bareFirst;
    const sameUrl = asked === new URL(firstPage).pathname + new URL(firstPage).search;

    // One finder read to the end: every full record, the page's long tasks meanwhile, a word typed, the heap.
    const before = (await fixtureLog(fixtures.url)).length;
    const full = await open('/finder.html');
    await firstOf(full.page);
    await until(
      full.page,
      () => {
        const finder = document.querySelector('service-finder') as unknown as { store?: { statuses: Array<{ summaries?: number }> } };
        return (finder.store?.statuses[0]?.summaries ?? 0) > 100;
      },
      60_000,
    );
    // Typed as key events from the browser's input, not through a locator: a locator puts Playwright's
    // injected script into the page too (see `until`).
    await full.page.evaluate(() => {
      const finder = document.querySelector('service-finder');
      const search = finder?.shadowRoot?.querySelector('sf-search');
      search?.shadowRoot?.querySelector<HTMLInputElement>('input#q')?.focus();
      (window as unknown as W).__bench.typedAt = performance.now();
    });
    await full.page.keyboard.type('play', { delay: 30 });
    const typed = await full.page.evaluate(
      () => (document.querySelector('service-finder') as unknown as { store: { query: { text?: string } } }).store.query.text,
    );
    if (typed !== 'play') throw new Error(`the word typed did not reach the search (${typed})`);
    await until(full.page, () => (window as unknown as W).__bench.details !== undefined, 120_000, 100);
    const probed = await full.page.evaluate(() => (window as unknown as W).__bench);
    const requests = (await fixtureLog(fixtures.url)).slice(before).filter((l) => l.includes('/captured/bristol/')).length;
    const state = await full.page.evaluate(() => {
      const store = (
        document.querySelector('service-finder') as unknown as {
          store: { services: Array<{ summary?: boolean }>; statuses: Array<{ records: number; problems: unknown[] }> };
        }
      ).store;
      return {
        services: store.services.length,
        summaries: store.services.filter((s) => s.summary).length,
        records: store.statuses[0].records,
        problems: store.statuses[0].problems.length,
      };
    });
    const cdp = await full.page.context().newCDPSession(full.page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heapMB =
      (await full.page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)) / 1048576;
    await full.close();

    const reading = probed.tasks.filter(([start]) => start >= probed.first! && start <= probed.details!);
    const longest = Math.max(0, ...reading.map(([, d]) => d));
    const typing = probed.events.filter(([name]) => /key|input/.test(name));
    return [
      [
        `bare page: fetch the first list page and write its names (median of ${RUNS})`,
        ms(bareFirst),
        sameUrl ? 'the URL the finder asks first' : `NOT the finder's first URL (${asked})`,
      ],
      [`finder: first result (median of ${RUNS})`, ms(finderFirst), `runs: ${finderTimes.map((t) => t.toFixed(0)).join(', ')} ms`],
      ['first result ÷ bare fetch', `×${ratio.toFixed(2)}`, met(ratio <= TARGET_FIRST_RATIO, `≤ ×${TARGET_FIRST_RATIO}`)],
      [
        `all full records read (${state.records} records, ${requests} requests)`,
        seconds(probed.details!),
        met(probed.details! <= TARGET_DETAILS_MS, `≤ ${seconds(TARGET_DETAILS_MS)}`),
      ],
      [
        '  long tasks while reading them',
        reading.length ? `${reading.length}, longest ${ms(longest)}` : 'none',
        met(longest <= 50, 'none over 50 ms (responsive)'),
      ],
      [
        '  slowest key or input event, typing while reading',
        ms(Math.max(0, ...typing.map(([, d]) => d))),
        `(${typing.length} events over 16 ms)`,
      ],
      [
        `heap with the ${state.services} services loaded (${state.summaries} still summaries, ${state.problems} problems)`,
        `${heapMB.toFixed(2)} MB`,
        met(heapMB <= TARGET_HEAP_MB, `≤ ${TARGET_HEAP_MB} MB`),
      ],
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}

/**
 * Waits until `check` holds in the page, asking from here every `everyMs`. Playwright's `waitForFunction`
 * would put its injected script into the page (its source one string of some 320 kB in a heap snapshot; the
 * used heap 0.42–0.45 MB larger with it), which the heap figure would count as the finder's.
 */
async function until(p: Page, check: () => boolean, timeoutMs: number, everyMs = 20): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await p.evaluate(check))) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${check}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

/** `npm run fixtures` in a child process, on a free port. */
function fixtureProcess(): Promise<FixtureServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('../test/fixtures/server.ts', import.meta.url).pathname], {
    env: { ...process.env, FIXTURE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const close = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Fixture directories: (\S+)/.exec(out)?.[1];
      if (url) resolve({ url, close });
    });
    child.once('exit', (code) => reject(new Error(`the fixture server stopped (${code})`)));
  });
}

const page = (head: string, body: string) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>bench</title>${head}</head><body><main><h1>Find services</h1>${body}</main></body></html>`;

/** The bare page's script: one fetch, the names written, timed at the next frame. */
const bare = (url: string) =>
  `fetch(${JSON.stringify(url)}).then((r) => r.json()).then((body) => {
    const list = document.getElementById('names');
    for (const s of body.content) { const li = document.createElement('li'); li.textContent = s.name; list.append(li); }
    requestAnimationFrame(() => (window.__bench.first = performance.now()));
  });`;

/** Init script: long tasks and input timings from the start; the finder's first card and the time its summaries are all filled. */
function probe() {
  const state: Probe = { tasks: [], events: [] };
  (window as unknown as W).__bench = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.events.push([e.name, e.duration]);
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  const card = () =>
    document.querySelector('service-finder')?.shadowRoot?.querySelector('sf-results')?.shadowRoot?.querySelector('[part~="card"]');
  const poll = () => {
    // The bare page times itself; a frame may come before the page is parsed.
    if (!document.querySelector('service-finder')) {
      if (document.readyState === 'loading') requestAnimationFrame(poll);
      return;
    }
    if (card()) state.first = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  void customElements.whenDefined('service-finder').then(async () => {
    const finder = document.querySelector('service-finder') as unknown as {
      ready: Promise<EventTarget & { statuses: Array<{ state: string; summaries?: number }> }>;
    };
    const store = await finder.ready;
    const check = () => {
      if (state.details === undefined && store.statuses.every((s) => s.state === 'done' && s.summaries === 0))
        state.details = performance.now();
    };
    store.addEventListener('change', check);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(0)} ms`;
const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
const met = (ok: boolean, target: string) => `${ok ? 'met' : 'NOT met'} (target ${target})`;

function print(title: string, rows: Row[]): void {
  const w = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\n${title}`);
  for (const r of rows) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2]}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchPaging();
