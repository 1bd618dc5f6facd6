/**
 * `npm run bench -- index`: a national static index. The fixture server (in a process of its own)
 * publishes 1,000,000 generated services and session series over the UK (test/fixtures/national.ts:
 * dense cities, sparse countryside); `service-finder harvest --index` reads them all over HTTP into an
 * index (in a process of its own, so its peak memory is its own). Then a 5 km search in a city (central
 * London) and in the countryside (mid Wales), each read twice: by the reader in Node, and by a finder
 * page in Chromium, which is served the index's precompressed files by a static server as a host would.
 *
 * Prints the build's time (wall clock and CPU), peak resident memory, the files written, and for each
 * search the bytes transferred and the time until the first results, against the goals.
 * `INDEX_BENCH_SERVICES=100000 npm run bench -- index` runs a smaller country.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { LatLng } from '../src/model/index.js';
import { distanceToBoxKm, normalise } from '../src/engine/index.js';
import { StaticIndexReader } from '../src/sources/static-index.js';
import { milesToKm } from '../src/i18n/index.js';
import { findChromium, launchChromium } from '../test/chromium.js';
import { serve } from '../test/helpers.js';
import { sendIndexFile } from '../test/fixtures/static-index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_FIRST_KB = 300;
const GOAL_BUILD_MIN = 10;
const GOAL_RSS_MB = 2048;
const RADIUS_KM = 5;
const SEARCHES: Array<{ name: string; near: LatLng }> = [
  { name: 'city (central London)', near: { lat: 51.5074, lng: -0.1278 } },
  { name: 'countryside (mid Wales)', near: { lat: 52.33, lng: -3.55 } },
];

interface BuildFigures {
  wallMs: number;
  cpuMs: number;
  maxRssMB: number;
  services: number;
  cells: number;
  parts: number;
  unlocated: number;
  failed: number;
  /** Directories read in part, with why. */
  partial: string[];
}

interface SearchFigures {
  firstMs: number;
  firstBytes: number;
  firstFiles: number;
  allMs: number;
  allBytes: number;
  allFiles: number;
  services: number;
}

/** Child mode: builds the index and prints its figures as the last line. */
async function buildChild(dir: string, sourcesUrl: string): Promise<void> {
  const { buildIndex } = await import('../src/cli/index/build.js');
  const urls = (await (await fetch(sourcesUrl)).json()) as string[];
  const cpu = process.cpuUsage();
  const start = performance.now();
  let lines = 0;
  const { manifest, failed } = await buildIndex({
    dir,
    urls,
    // A loaded machine answers slowly: a page timing out would leave the index short of a directory.
    read: { timeoutMs: 120_000 },
    log: (line) => {
      if (++lines % 500 === 0 || /regions cut/.test(line)) console.error(`  … ${line}`);
    },
  });
  const used = process.cpuUsage(cpu);
  const figures: BuildFigures = {
    wallMs: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    services: manifest.services,
    cells: manifest.cells.length,
    parts: manifest.parts.length,
    unlocated: manifest.unlocated.length,
    failed,
    partial: manifest.directories.filter((d) => d.state === 'partial').map((d) => `${d.id}: ${d.error ?? ''}`),
  };
  console.log(JSON.stringify(figures));
}

/** Runs a node child (tsx) and resolves with its stdout lines; `onLine` sees them as they come. */
function child(
  args: string[],
  onLine?: (line: string) => void,
  env: Record<string, string> = {},
): { done: Promise<string[]>; kill: () => void } {
  const p = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  let rest = '';
  p.stdout.setEncoding('utf8');
  p.stdout.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      onLine?.(l);
    }
  });
  const done = new Promise<string[]>((resolve, reject) =>
    p.on('exit', (code) => (code === 0 || code === null ? resolve(lines) : reject(new Error(`${args.join(' ')} exited with ${code}`)))),
  );
  return { done, kill: () => p.kill() };
}

async function filesOf(dir: string) {
  const out = { json: { files: 0, bytes: 0 }, gz: { files: 0, bytes: 0 }, br: { files: 0, bytes: 0 } };
  for (const kind of ['', 'cells', 'parts', 'unlocated']) {
    for (const name of await readdir(join(dir, kind))) {
      const info = await stat(join(dir, kind, name));
      const ext = /\.(json|gz|br)$/.exec(name)?.[1] as keyof typeof out | undefined;
      if (!info.isFile() || !ext) continue;
      out[ext].files++;
      out[ext].bytes += info.size;
    }
  }
  return out;
}

/** A 5 km search by the reader in Node: bytes as sent (gzip), until the first file with services and in all. */
async function nodeSearch(manifest: string, near: LatLng): Promise<SearchFigures> {
  let bytes = 0;
  let files = 0;
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, { ...init, headers: { ...init?.headers, 'accept-encoding': 'gzip' } });
    bytes += Number(response.headers.get('content-length') ?? 0);
    files++;
    return response;
  };
  const reader = new StaticIndexReader({ id: 'national', name: 'National index', url: manifest }, { fetch: counting });
  const start = performance.now();
  const figures: SearchFigures = { firstMs: NaN, firstBytes: 0, firstFiles: 0, allMs: 0, allBytes: 0, allFiles: 0, services: 0 };
  for await (const page of reader.read({
    distanceKm: (b) => distanceToBoxKm(near, b),
    radiusKm: RADIUS_KM,
    normalise: (n) => normalise(n),
  })) {
    figures.services += page.services.length;
    if (page.services.length && Number.isNaN(figures.firstMs)) {
      figures.firstMs = performance.now() - start;
      figures.firstBytes = bytes;
      figures.firstFiles = files;
    }
  }
  return { ...figures, allMs: performance.now() - start, allBytes: bytes, allFiles: files };
}

/** The same search on a finder page in Chromium, from the page's resource timings. */
async function browserSearches(dir: string): Promise<Array<SearchFigures & { name: string }> | string> {
  const exe = findChromium();
  if (!exe) return 'skipped: no /usr/bin/chromium';
  const bundle = await mkdtemp(join(tmpdir(), 'sf-index-bundle-'));
  await build({ configFile: join(root, 'vite.lib.config.ts'), logLevel: 'silent', build: { outDir: bundle } });
  const radiusMiles = RADIUS_KM / milesToKm(1);
  const server = await serve(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const search = SEARCHES.findIndex((_, i) => path === `/search-${i}.html`);
    if (search >= 0) {
      const { lat, lng } = SEARCHES[search].near;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>index</title><script type="module" src="/service-finder.js"></script></head>` +
          `<body><service-finder url-state="off" index="/index/manifest.json" near="${lat},${lng}" radius="${radiusMiles}"></service-finder></body></html>`,
      );
    }
    if (path.startsWith('/index/') && (await sendIndexFile(req, res, dir, path.slice('/index/'.length))) !== undefined) return;
    try {
      const body = await readFile(join(bundle, path));
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const browser = await launchChromium([], exe);
  try {
    const out: Array<SearchFigures & { name: string }> = [];
    for (const [i, s] of SEARCHES.entries()) {
      const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
      const page = await context.newPage();
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      await page.addInitScript(() => {
        const w = window as unknown as { __first?: number; __all?: number };
        void customElements.whenDefined('service-finder').then(async () => {
          const el = document.querySelector('service-finder') as unknown as {
            ready: Promise<EventTarget & { results: unknown[]; loading: boolean; statuses: Array<{ state: string }> }>;
          };
          const store = await el.ready;
          const check = () => {
            if (store.results.length && w.__first === undefined) w.__first = performance.now();
            if (!store.loading && store.statuses.every((x) => x.state !== 'idle')) w.__all ??= performance.now();
          };
          store.addEventListener('change', check);
          check();
        });
      });
      await page.goto(`${server.url}/search-${i}.html`);
      await page.waitForFunction(() => (window as unknown as { __all?: number }).__all !== undefined, undefined, { timeout: 300_000 });
      const figures = await page.evaluate(() => {
        const w = window as unknown as { __first: number; __all: number };
        const index = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/index/'));
        const manifest = index.find((e) => e.name.endsWith('/manifest.json'));
        const upTo = (t: number) => index.filter((e) => e.responseEnd <= t);
        const sum = (list: PerformanceResourceTiming[]) => list.reduce((n, e) => n + e.transferSize, 0);
        const store = (document.querySelector('service-finder') as unknown as { store: { services: unknown[] } }).store;
        return {
          firstMs: w.__first - (manifest?.startTime ?? 0),
          firstBytes: sum(upTo(w.__first)),
          firstFiles: upTo(w.__first).length,
          allMs: w.__all - (manifest?.startTime ?? 0),
          allBytes: sum(index),
          allFiles: index.length,
          services: store.services.length,
          navigationToFirstMs: w.__first,
        };
      });
      out.push({ name: s.name, ...figures });
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
    await rm(bundle, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function print(title: string, rows: string[][]): void {
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  console.log(`\n${title}`);
  for (const r of rows) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2] ?? ''}`);
}

export async function benchIndex(): Promise<void> {
  const n = Number(process.env.INDEX_BENCH_SERVICES) || 1_000_000;
  console.log(
    `\nStatic index: ${n.toLocaleString('en-GB')} generated services and session series. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(2)} at the start (timings are wall-clock and CPU; other work on the machine inflates the wall clock).`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'sf-national-index-'));
  let fixtures: ReturnType<typeof child> | undefined;
  try {
    let url = '';
    const ready = new Promise<void>((resolve) => {
      fixtures = child(
        ['test/fixtures/server.ts'],
        (line) => {
          const m = /Fixture directories: (\S+)/.exec(line);
          if (!m) return;
          url = m[1];
          resolve();
        },
        { FIXTURE_PORT: '0' },
      );
    });
    await ready;
    const lines = await child(['bench/index.ts', '--build', dir, `${url}/national/sources?n=${n}`]).done;
    const b = JSON.parse(lines[lines.length - 1]) as BuildFigures;
    const files = await filesOf(dir);
    print(
      `Build (service-finder harvest --index, ${b.services.toLocaleString('en-GB')} services read over HTTP, load average now ${loadavg()[0].toFixed(2)})`,
      [
        [
          'wall clock',
          s(b.wallMs),
          b.wallMs <= GOAL_BUILD_MIN * 60_000 ? `met (≤ ${GOAL_BUILD_MIN} min)` : `NOT met (≤ ${GOAL_BUILD_MIN} min)`,
        ],
        ['CPU (user + system, the builder alone)', s(b.cpuMs), ''],
        ['peak resident memory', `${b.maxRssMB.toFixed(0)} MB`, b.maxRssMB <= GOAL_RSS_MB ? 'met (≤ 2 GB)' : 'NOT met (≤ 2 GB)'],
        [
          'cells / parts / files of services without a place',
          `${b.cells} / ${b.parts} / ${b.unlocated}`,
          '(cells and parts listed in the manifest)',
        ],
        ['JSON files written', `${files.json.files}`, mb(files.json.bytes)],
        ['gzip copies', `${files.gz.files}`, mb(files.gz.bytes)],
        ['brotli copies', `${files.br.files}`, mb(files.br.bytes)],
        ['directories that failed / were read in part', `${b.failed} / ${b.partial.length}`, b.partial.slice(0, 3).join('; ')],
      ],
    );

    const index = await serve(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\//, '');
      if ((await sendIndexFile(req, res, dir, path)) === undefined) res.writeHead(404).end();
    });
    try {
      for (const search of SEARCHES) {
        const f = await nodeSearch(`${index.url}/manifest.json`, search.near);
        print(`5 km search, ${search.name}, read in Node (gzip)`, searchRows(f));
      }
    } finally {
      await index.close();
    }
    const browser = await browserSearches(dir);
    if (typeof browser === 'string') console.log(`\nChromium: ${browser}`);
    else
      for (const f of browser)
        print(`5 km search, ${f.name}, a finder page in Chromium (times from the manifest's request)`, searchRows(f));
  } finally {
    fixtures?.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

function searchRows(f: SearchFigures): string[][] {
  return [
    [
      'first results: bytes transferred',
      kb(f.firstBytes),
      f.firstBytes <= GOAL_FIRST_KB * 1024 ? `met (≤ ${GOAL_FIRST_KB} KB)` : `NOT met (≤ ${GOAL_FIRST_KB} KB)`,
    ],
    ['first results: files read', `${f.firstFiles}`, ''],
    ['first results: time', `${f.firstMs.toFixed(0)} ms`, ''],
    ['whole search: bytes, files, time', kb(f.allBytes), `${f.allFiles} files, ${f.allMs.toFixed(0)} ms`],
    ['services read', `${f.services}`, ''],
  ];
}

// Child mode (see buildChild); otherwise run on its own: `node --import tsx bench/index.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--build');
  if (at > 0) await buildChild(process.argv[at + 1], process.argv[at + 2]);
  else await benchIndex();
}
