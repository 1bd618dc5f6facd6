/**
 * The heavy-use bench: the built CDN bundle on a page, one `<service-finder>`
 * over 20 generated directories of 500 records each (10,000 records, about
 * 7,000 services once blended), in headless Chromium (playwright-core).
 *
 * Records, while loading: main-thread long tasks (PerformanceObserver
 * 'longtask': count, total, the longest and when it ran), the slowest input
 * (Event Timing) for a keyword typed while the directories are still being
 * read, the time to the first result and to everything loaded. Then 200
 * scripted searches (keyword and age through the store, as the form sets
 * them) and 50 mount/unmount cycles of the finder, with the JS heap
 * (`performance.memory.usedJSHeapSize`, precise, after a forced GC through
 * CDP) and DOM counters along the way.
 *
 * Prints a table; asserts nothing (test/e2e/heavy.test.ts asserts what can
 * be asserted without timing). `benchHeavy()` is called by bench/run.ts; run
 * alone with `node --import tsx bench/heavy.ts`.
 */
import { pathToFileURL } from 'node:url';
import { findChromium } from '../test/chromium.js';

/** Longer than any work an element queues (the needs vocabulary's idle fetch: 2 s). */
const PENDING_WORK_MS = 2500;

export interface HeavyOptions {
  directories?: number;
  size?: number;
  searches?: number;
  cycles?: number;
  /** Build the bundle first (default true; the e2e tests build it themselves). */
  build?: boolean;
  /** Print the table (default true). */
  print?: boolean;
  /** Chromium to use (default CHROMIUM_PATH or /usr/bin/chromium). */
  executablePath?: string;
}

export interface Task {
  start: number;
  duration: number;
  /** What ran, from the Long Animation Frame entry around it (the longest script's invoker and function). */
  cause?: string;
}

export interface HeapPoint {
  label: string;
  heapMB: number;
  nodes: number;
  listeners: number;
}

export interface HeavyResult {
  chromium: string;
  records: number;
  services: number;
  merged: number;
  firstResultMs: number;
  loadedMs: number;
  /** Long tasks from navigation to everything loaded. */
  loadTasks: Task[];
  /** Long tasks during the scripted searches. */
  searchTasks: Task[];
  /** Long tasks during the mount/unmount cycles. */
  cycleTasks: Task[];
  /** Keyword typed while loading: was the input seen by the form, still loading once it was, and the slowest Event Timing duration. */
  typedWhileLoading: { handled: boolean; stillLoading: boolean; maxEventMs: number; value: string };
  searchHeap: HeapPoint[];
  cycleHeap: HeapPoint[];
  failedDirectories: number;
}

interface PageState {
  tasks: Task[];
  frames: Array<{ start: number; end: number; scripts: Array<{ invoker: string; fn: string; duration: number }> }>;
  events: Array<{ name: string; duration: number; start: number }>;
  firstResultAt?: number;
  loadedAt?: number;
}

type W = Window & { __heavy: PageState };

/** Runs the scenario; resolves with the figures, or a reason it was skipped. */
export async function benchHeavy(options: HeavyOptions = {}): Promise<HeavyResult | string> {
  const { directories = 20, size = 500, searches = 200, cycles = 50, print = true } = options;
  const exe = findChromium(options.executablePath);
  if (!exe) return report('skipped: no /usr/bin/chromium', print);
  const { startStrictSite } = await import('../test/e2e/strict-site.js');
  // The same strict policy as the other end-to-end pages (a worker would need a same-origin file).
  const site = await startStrictSite({ build: options.build, chromiumArgs: ['--enable-precise-memory-info'], executablePath: exe });
  const f = site.fixtures.url;
  const endpoints = Array.from({ length: directories }, (_, i) => `${f}/generated/${i}?of=${directories}&size=${size}`).join(' ');
  site.page('heavy', () => `<service-finder url-state="off" endpoints="${endpoints}"></service-finder>`);
  const browser = site.browser;
  try {
    const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // tsx (esbuild keepNames) wraps named functions in __name(); the functions sent to the page need it too.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(observe);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Runtime.enable');
    // The garbage collections the bench forces are long tasks of its own: they are left out of the lists.
    const forced: Array<[number, number]> = [];
    const now = () => page.evaluate(() => performance.now());
    const heap = async (label: string): Promise<HeapPoint> => {
      // Work a removed finder left queued (the search form's idle fetch of the needs vocabulary waits up to
      // 2 s, the count's announcement 1 s) holds it until it runs: what remains after that is what leaks.
      await page.waitForTimeout(PENDING_WORK_MS);
      const start = await now();
      // Twice: the first pass can leave garbage that only a second one frees (weak maps, finalisers).
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      forced.push([start, await now()]);
      const used = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
      const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
      return { label, heapMB: used / 1048576, nodes: dom.nodes, listeners: dom.jsEventListeners };
    };

    await page.goto(`${site.origin}/heavy.html`);
    // Type a keyword while the directories are still being read: the form must see it at once.
    const input = page.locator('sf-search input#q');
    await input.waitFor();
    await page.waitForFunction(
      () => ((document.querySelector('service-finder') as unknown as { store?: { services: unknown[] } })?.store?.services.length ?? 0) > 0,
      undefined,
      { polling: 10 },
    );
    await input.pressSequentially('wal', { delay: 20 });
    // Read in one go after the keys: if the form saw them and the store is still loading, they were handled while loading.
    const typed = await page.evaluate(() => {
      const finder = document.querySelector('service-finder') as unknown as HTMLElement & { store: { loading: boolean } };
      const search = finder.shadowRoot!.querySelector('sf-search')!;
      const field = search.shadowRoot!.querySelector<HTMLInputElement>('#q')!;
      return { value: field.value, draft: (search as unknown as { draft: { text: string } }).draft.text, loading: finder.store.loading };
    });
    const stillLoading = typed.loading;
    await input.fill('');
    await page.waitForFunction(() => (window as unknown as W).__heavy.loadedAt !== undefined, undefined, { timeout: 120_000, polling: 50 });
    const loaded = await page.evaluate(() => {
      const store = (
        document.querySelector('service-finder') as unknown as {
          store: { services: unknown[]; merged: number; statuses: Array<{ state: string; records: number }> };
        }
      ).store;
      const s = (window as unknown as W).__heavy;
      return {
        state: s,
        services: store.services.length,
        merged: store.merged,
        records: store.statuses.reduce((n, x) => n + x.records, 0),
        failed: store.statuses.filter((x) => x.state === 'failed').length,
      };
    });
    const loadTasks = explain(
      loaded.state.tasks.filter((t) => t.start <= loaded.state.loadedAt!),
      loaded.state.frames,
    );
    const typingEvents = loaded.state.events.filter((e) => /key|input/.test(e.name));

    // 200 searches, as the form sets them: a keyword and sometimes an age.
    const mark = async () => page.evaluate(() => (window as unknown as W).__heavy.tasks.length);
    const searchHeap: HeapPoint[] = [await heap('after loading (before searches)')];
    let from = await mark();
    for (let done = 0; done < searches;) {
      const batch = Math.min(done < 20 ? 20 - done : 20, searches - done);
      await page.evaluate(runSearches, { start: done, count: batch });
      done += batch;
      if (done === 20 || done === Math.floor(searches / 2) || done === searches) searchHeap.push(await heap(`after ${done} searches`));
    }
    const later = async (start: number) => {
      const s = await page.evaluate(() => (window as unknown as W).__heavy);
      const bench = (t: Task) => forced.some(([a, b]) => t.start < b && t.start + t.duration > a);
      return explain(
        s.tasks.slice(start).filter((t) => !bench(t)),
        s.frames,
      );
    };
    const searchTasks = await later(from);

    // 50 mount/unmount cycles: the element removed and a new one added, reading the (cached) directories again.
    from = await mark();
    const cycleHeap: HeapPoint[] = [await heap('before cycles')];
    for (let done = 0; done < cycles;) {
      const batch = Math.min(5, cycles - done);
      await page.evaluate(runCycles, batch);
      done += batch;
      if (done === 5 || done === Math.floor(cycles / 2) || done === cycles) cycleHeap.push(await heap(`after ${done} cycles`));
    }
    const cycleTasks = await later(from);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const result: HeavyResult = {
      chromium: browser.version(),
      records: loaded.records,
      services: loaded.services,
      merged: loaded.merged,
      firstResultMs: loaded.state.firstResultAt ?? NaN,
      loadedMs: loaded.state.loadedAt ?? NaN,
      loadTasks,
      searchTasks,
      cycleTasks,
      typedWhileLoading: {
        handled: typed.value === 'wal' && typed.draft === 'wal',
        stillLoading,
        maxEventMs: Math.max(0, ...typingEvents.map((e) => e.duration)),
        value: typed.draft,
      },
      searchHeap,
      cycleHeap,
      failedDirectories: loaded.failed,
    };
    if (print) printTable(result, directories, size);
    return result;
  } finally {
    await site.close();
  }
}

/** Names what ran in each long task, from the long animation frames that overlap it. */
function explain(tasks: Task[], frames: PageState['frames']): Task[] {
  return tasks.map((t) => {
    const scripts = frames.filter((f) => f.start <= t.start + t.duration && f.end >= t.start).flatMap((f) => f.scripts);
    const top = scripts.reduce<(typeof scripts)[number] | undefined>((a, b) => (!a || b.duration > a.duration ? b : a), undefined);
    return top ? { ...t, cause: `${top.invoker}${top.fn ? ` ${top.fn}` : ''}`.trim() } : t;
  });
}

/** Init script: long tasks and input timings from the start; first result and all-loaded times from the store. */
function observe() {
  const state: PageState = { tasks: [], frames: [], events: [] };
  (window as unknown as W).__heavy = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as Array<
        PerformanceEntry & { scripts: Array<{ invoker: string; sourceFunctionName: string; duration: number }> }
      >) {
        if (e.duration < 50) continue;
        state.frames.push({
          start: e.startTime,
          end: e.startTime + e.duration,
          scripts: e.scripts.map((x) => ({ invoker: x.invoker, fn: x.sourceFunctionName, duration: x.duration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames: long tasks are listed without a cause.
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.events.push({ name: e.name, duration: e.duration, start: e.startTime });
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  } catch {
    // No Event Timing: input delay is not reported.
  }
  void customElements.whenDefined('service-finder').then(async () => {
    const el = document.querySelector('service-finder') as unknown as {
      ready: Promise<EventTarget & { total: number; loading: boolean; statuses: Array<{ state: string }> }>;
    };
    const store = await el.ready;
    const check = () => {
      if (state.firstResultAt === undefined && store.total > 0) state.firstResultAt = performance.now();
      if (state.loadedAt === undefined && store.statuses.every((s) => s.state === 'done' || s.state === 'failed')) {
        state.loadedAt = performance.now();
        store.removeEventListener('change', check);
      }
    };
    store.addEventListener('change', check);
    check();
  });
}

type StoreLike = EventTarget & {
  setQuery(q: Record<string, unknown>): Promise<void>;
  total: number;
  loading: boolean;
  statuses: Array<{ state: string }>;
};

/** In the page: `count` searches from number `start`, each rendered before the next. */
async function runSearches({ start, count }: { start: number; count: number }) {
  const WORDS = [
    'support',
    'walk',
    'counselling',
    'play',
    'advice',
    'yoga',
    'carers',
    'food',
    'youth',
    'art',
    'memory',
    'debt',
    'choir',
    'garden',
    'parent',
    'bereavement',
    'digital',
    'lunch',
    'men',
    'knit',
  ];
  const finder = document.querySelector('service-finder') as unknown as HTMLElement & { store: StoreLike };
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  for (let i = start; i < start + count; i++) {
    const word = WORDS[i % WORDS.length];
    // Typed a letter at a time, as the live form refines; an age on every third search.
    await finder.store.setQuery({ text: word.slice(0, 3), age: i % 3 === 0 ? 20 + (i % 60) : undefined });
    await finder.store.setQuery({ text: word });
    await frame();
  }
  await frame();
}

/** In the page: `count` cycles of removing the finder and adding a new one, each read to the end. */
async function runCycles(count: number) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  for (let i = 0; i < count; i++) {
    const old = document.querySelector('service-finder')!;
    const parent = old.parentElement!;
    const copy = document.createElement('service-finder');
    for (const a of old.getAttributeNames()) copy.setAttribute(a, old.getAttribute(a)!);
    old.remove();
    await frame();
    parent.append(copy);
    const store = await (copy as unknown as { ready: Promise<StoreLike> }).ready;
    await new Promise<void>((resolve) => {
      const check = () => {
        if (store.statuses.every((s) => s.state === 'done' || s.state === 'failed') && !store.loading) {
          store.removeEventListener('change', check);
          resolve();
        }
      };
      store.addEventListener('change', check);
      check();
    });
    await frame();
  }
}

function report(reason: string, print: boolean): string {
  if (print) console.log(`\nHeavy use (Chromium): ${reason}`);
  return reason;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (n: number) => `${n.toFixed(1)} MB`;

function tasks(list: Task[]): string {
  if (!list.length) return 'none over 50 ms';
  const longest = list.reduce((a, b) => (b.duration > a.duration ? b : a));
  const total = list.reduce((n, t) => n + t.duration, 0);
  return `${list.length} over 50 ms, ${ms(total)} in all; longest ${ms(longest.duration)} at ${ms(longest.start)}${longest.cause ? ` (${longest.cause})` : ''}`;
}

function printTable(r: HeavyResult, directories: number, size: number): void {
  const rows: string[][] = [
    [
      `records read (${directories} directories × ${size}, pages of 100)`,
      r.records.toLocaleString('en-GB'),
      `${r.services.toLocaleString('en-GB')} services, ${r.merged.toLocaleString('en-GB')} merged; ${r.failedDirectories} failed`,
    ],
    ['first result shown (from navigation)', ms(r.firstResultMs), ''],
    ['all directories read and blended', ms(r.loadedMs), ''],
    ['long tasks while loading', tasks(r.loadTasks), 'target: none over 50 ms'],
    [
      'keyword typed while loading',
      r.typedWhileLoading.handled ? `seen (“${r.typedWhileLoading.value}”)` : `NOT seen (“${r.typedWhileLoading.value}”)`,
      `slowest key/input event ${ms(r.typedWhileLoading.maxEventMs)}${r.typedWhileLoading.stillLoading ? '' : ' (loading had finished)'}`,
    ],
    ['long tasks during searches', tasks(r.searchTasks), ''],
    ...r.searchHeap.map((h) => [`heap ${h.label}`, mb(h.heapMB), `${h.nodes} DOM nodes, ${h.listeners} listeners`]),
    ['long tasks during mount/unmount cycles', tasks(r.cycleTasks), ''],
    ...r.cycleHeap.map((h) => [`heap ${h.label}`, mb(h.heapMB), `${h.nodes} DOM nodes, ${h.listeners} listeners`]),
  ];
  const growth = (xs: HeapPoint[]) => (xs.length > 1 ? `${((xs[xs.length - 1].heapMB / xs[1].heapMB - 1) * 100).toFixed(1)}%` : 'n/a');
  rows.push(['heap growth: searches (200 vs 20) / cycles (50 vs 5)', `${growth(r.searchHeap)} / ${growth(r.cycleHeap)}`, 'target: flat']);
  const w = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(`\nHeavy use, Chromium ${r.chromium} (wall-clock; other work on the machine inflates timings)`);
  for (const row of rows) console.log(`  ${row[0].padEnd(w[0])}  ${row[1].padStart(w[1])}  ${row[2]}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchHeavy();
  if (typeof r === 'string') process.exitCode = 1;
}
