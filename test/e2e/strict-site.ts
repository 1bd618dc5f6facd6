/**
 * For end-to-end tests: the built CDN bundle on plain pages served with a strict Content Security Policy,
 * a fixture server for the directories, and Chromium (playwright-core) with every request, page error and
 * CSP violation recorded; or, to measure frames, a Chromium with no automation attached.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from '../chromium.js';
import { serve } from '../helpers.js';

export const BUNDLE = new URL('../../dist/bundle/', import.meta.url);

export interface Visit {
  page: Page;
  context: BrowserContext;
  requests: string[];
  errors: string[];
  /** CSP violations so far. */
  violations(): Promise<string[]>;
  /** `sf-source-error` events so far, as "<directory url> <kind>". */
  sourceErrors(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A new Chromium page (Europe/London, en-GB) at `url`, recording requests, page errors, CSP violations and source
 * errors; `setup` may add listeners of its own before the page loads.
 */
export async function openRecorded(browser: Browser, url: string, setup?: (page: Page) => void): Promise<Visit> {
  const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
  const page = await context.newPage();
  setup?.(page);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __sourceErrors: string[] };
    w.__csp = [];
    w.__sourceErrors = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
    );
    document.addEventListener('sf-source-error', (e) => {
      const d = (e as Event & { detail: { directory: { url: string }; kind: string } }).detail;
      w.__sourceErrors.push(`${d.directory.url} ${d.kind}`);
    });
  });
  await page.goto(url);
  return {
    page,
    context,
    requests,
    errors,
    violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    sourceErrors: () => page.evaluate(() => (window as unknown as { __sourceErrors: string[] }).__sourceErrors),
    close: () => context.close(),
  };
}

/**
 * The strict Content Security Policy of these pages (and of bench/heavy.ts): scripts and styles from the
 * page's own origin only, data and images from the fixture server at `fixtures`, nothing else.
 */
function strictCsp(fixtures: string): string {
  return `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${fixtures}; img-src 'self' ${fixtures} data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}

/**
 * Waits until a results count on the page reads `pattern`, e.g. /\d+ services found/, and returns that count's
 * text. It can read so while directories are still loading (the count shows once the first has services).
 */
export async function resultsCount(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
  const count = page.locator('sf-results [part~="count"]');
  try {
    await count.filter({ hasText: pattern }).first().waitFor({ timeout });
  } catch (cause) {
    const says = await count
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => '(no count)');
    throw new Error(`the results count did not come to read ${pattern}; it says: ${says}`, { cause });
  }
  return (await count.filter({ hasText: pattern }).first().textContent()) ?? '';
}

/** Waits until the page's finder has read every directory (and, with `withResults`, has results). */
export async function finderLoaded(page: Page, withResults = false): Promise<void> {
  await page.waitForFunction((results) => {
    const el = document.querySelector('service-finder') as (HTMLElement & { store?: { loading: boolean; results: unknown[] } }) | null;
    return !!el?.store && !el.store.loading && (!results || el.store.results.length > 0);
  }, withResults);
}

/** Polls `check` (errors count as not yet) until it holds, failing with `what` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for: ${what}`);
}

export interface StrictSite {
  fixtures: FixtureServer;
  origin: string;
  browser: Browser;
  /** Adds a page at `/<name>.html` whose body is `body(fixturesUrl)`, loading the given scripts. */
  page(name: string, body: (fixtures: string) => string, scripts?: string[]): void;
  /** Serves `source` as a script at `path` (the policy allows the site's own scripts only). */
  script(path: string, source: string): void;
  visit(name: string): Promise<Visit>;
  /**
   * Opens page `name` in a Chromium with no automation attached and returns its long animation frames from
   * the first request for a directory until its finder has read every directory, longest first: "<ms> at
   * <start> ms: scripts <ms>, style, layout and paint <ms>, longest <script> (<ms>)".
   * A page driven by DevTools is not one a visitor sees: Playwright's network domain keeps every response
   * body and decodes it on the page's thread (30 to 115 ms for each of the hostile directories' bodies in a
   * trace), a frame no visitor's browser has. The page must load `FRAMES_SCRIPT` first.
   */
  framesUnobserved(name: string, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Where the site serves the script that records a page's long frames for `framesUnobserved`. */
export const FRAMES_SCRIPT = '/frames.js';
const FRAMES_REPORT = '/frames-report';

/**
 * Records each long animation frame and, once the finder is read (or after the time allowed), sends them
 * to FRAMES_REPORT as an image's address: the policy allows the site's images, not its addresses as data.
 */
const framesRecorder = (timeoutMs: number) => `
  const frames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const longest = [...(e.scripts || [])].sort((a, b) => b.duration - a.duration)[0];
      const scripts = [...(e.scripts || [])].reduce((sum, s) => sum + s.duration, 0);
      const layout = e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
      frames.push({
        end: e.startTime + e.duration,
        text: Math.round(e.duration) + ' at ' + Math.round(e.startTime) + ' ms: scripts ' + Math.round(scripts) + ', style, layout and paint ' +
          Math.round(layout) + (longest ? ', longest ' + longest.invoker + ' (' + Math.round(longest.duration) + ')' : ''),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const poll = setInterval(() => {
    const store = document.querySelector('service-finder')?.store;
    if ((store && !store.loading) || performance.now() > ${timeoutMs}) {
      clearInterval(poll);
      // A frame that ends as the last directory is read is reported when it ends; frames that ended before
      // the first directory was asked for are the page's own load, not reading.
      setTimeout(() => {
        const starts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'fetch').map((r) => r.startTime);
        const asked = starts.length ? Math.min(...starts) : 0;
        const reading = frames.filter((f) => f.end > asked).map((f) => f.text);
        new Image().src = '${FRAMES_REPORT}?' + encodeURIComponent(JSON.stringify(reading));
      }, 500);
    }
  }, 50);`;

/**
 * Builds the bundle (unless `build` is false), starts the fixture server, the page server and
 * Chromium (with `chromiumArgs` besides the project's flags).
 */
export async function startStrictSite(
  options: { build?: boolean; chromiumArgs?: string[]; executablePath?: string } = {},
): Promise<StrictSite> {
  if (options.build !== false)
    await build({ configFile: new URL('../../vite.lib.config.ts', import.meta.url).pathname, logLevel: 'silent' });
  const fixtures = await startFixtureServer();
  const f = fixtures.url;
  const pages = new Map<string, string>();
  const scripts = new Map<string, string>();
  const reports = new Set<(frames: string[]) => void>();
  const csp = strictCsp(f);
  const server = await serve(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (pages.has(path)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      return res.end(pages.get(path));
    }
    if (scripts.has(path)) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(scripts.get(path));
    }
    if (path === FRAMES_REPORT) {
      res.writeHead(204).end();
      for (const report of reports) report(JSON.parse(decodeURIComponent(url.search.slice(1))) as string[]);
      return;
    }
    try {
      const body = await readFile(new URL(`.${path}`, BUNDLE));
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const origin = server.url;
  const browser: Browser = await launchChromium(options.chromiumArgs, options.executablePath);

  return {
    fixtures,
    origin,
    browser,
    page(name, body, scripts = ['/service-finder.js']) {
      const tags = scripts.map((s) => `<script type="module" src="${s}"></script>`).join('');
      pages.set(
        `/${name}.html`,
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${name}</title>${tags}</head><body><main><h1>Find services</h1>${body(f)}</main></body></html>`,
      );
    },
    script(path, source) {
      scripts.set(path, source);
    },
    visit: (name) => openRecorded(browser, `${origin}/${name}.html`),
    async framesUnobserved(name, timeoutMs = 120_000) {
      scripts.set(FRAMES_SCRIPT, framesRecorder(timeoutMs));
      const profile = await mkdtemp(join(tmpdir(), 'sf-frames-'));
      let report!: (frames: string[]) => void;
      const reported = new Promise<string[]>((resolve) => (report = resolve));
      reports.add(report);
      const chromium = spawn(
        CHROMIUM_PATH,
        [...CHROMIUM_FLAGS, '--headless=new', '--window-size=1280,800', `--user-data-dir=${profile}`, `${origin}/${name}.html`],
        { stdio: 'ignore' },
      );
      // The page reports, or Chromium ends first, or the time allowed runs out: whichever comes first.
      let timer: NodeJS.Timeout | undefined;
      const failed = new Promise<never>((_, reject) => {
        chromium.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before page ${name} reported its frames`)));
        timer = setTimeout(() => reject(new Error(`page ${name} did not report its frames`)), timeoutMs + 30_000);
      });
      failed.catch(() => {}); // it rejects when Chromium is closed below, after the report
      try {
        return (await Promise.race([reported, failed])).sort((a, b) => parseInt(b) - parseInt(a));
      } finally {
        clearTimeout(timer);
        reports.delete(report);
        chromium.kill();
        if (chromium.exitCode === null && chromium.signalCode === null) await new Promise((resolve) => chromium.once('exit', resolve));
        await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      }
    },
    async close() {
      await browser.close();
      await server.close();
      await fixtures.close();
    },
  };
}
