/**
 * For end-to-end tests: the built CDN bundle on plain pages served with a strict Content Security Policy,
 * a fixture server for the directories, and Chromium (playwright-core) with every request, page error and
 * CSP violation recorded.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { build } from 'vite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { launchChromium } from '../chromium.js';
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
  visit(name: string): Promise<Visit>;
  close(): Promise<void>;
}

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
  const csp = strictCsp(f);
  const server = await serve(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (pages.has(path)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      return res.end(pages.get(path));
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
    visit: (name) => openRecorded(browser, `${origin}/${name}.html`),
    async close() {
      await browser.close();
      await server.close();
      await fixtures.close();
    },
  };
}
