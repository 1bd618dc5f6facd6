// End to end: the built CDN bundle on a page with a strict Content Security Policy, beside hostile directories
// (test/fixtures/hostile.ts) and a good one, in Chromium. While they are read the page stays responsive (no
// animation frame over 200 ms, as a PerformanceObserver in the page sees them in a Chromium with no automation
// attached: printed), their large bodies are parsed in the JSON worker, each hostile directory ends as it
// should, and the good directory is whole.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FRAMES_SCRIPT, finderLoaded, startStrictSite, type StrictSite } from './strict-site.js';
import { HOSTILE_DIALECTS, THROW_MARKER, hostileUrls } from '../fixtures/hostile.js';

/** The longest animation frame allowed while the directories are read. */
// Frames are measured and printed, not asserted (speed belongs to `npm run bench`); a read that hangs fails on
// the test's own time limit, and the Node test of every field finds a pattern that backtracks.
const LONG_FRAME_MS = 200;

let site: StrictSite;
let hostile: Map<string, { url: string; state: string; kind?: string }>;

before(async () => {
  site = await startStrictSite();
  const f = site.fixtures.url;
  const expect = (url: string, state: string, kind?: string) => [url, { url, state, kind }] as const;
  hostile = new Map([
    ...HOSTILE_DIALECTS.map((d) => expect(hostileUrls(f, 'text', d, 'mixed')[0], 'done')),
    ...HOSTILE_DIALECTS.map((d) => expect(hostileUrls(f, 'proto', d)[0], 'done')),
    expect(`${f}/hostile/impersonate/snapshot.json`, 'done'),
    expect(`${f}/hostile/elsewhere/session-series`, 'done', 'off-origin'),
    expect(`${f}/hostile/throw/organisation`, 'failed', 'unreadable'),
  ]);
  const pages = new Map([
    ['hostile', `<service-finder url-state="off" endpoints="${[`${f}/dialects/oruk-v3`, ...hostile.keys()].join(' ')}"></service-finder>`],
    ['good', `<service-finder url-state="off" endpoints="${f}/dialects/oruk-v3"></service-finder>`],
  ]);
  site.script(THROWER_SCRIPT, THROWER);
  for (const [name, body] of pages) {
    site.page(name, () => body, [THROWER_SCRIPT, '/service-finder.js']);
    site.page(`${name}-unobserved`, () => body, [FRAMES_SCRIPT, THROWER_SCRIPT, '/service-finder.js']);
  }
});
after(() => site?.close());

/**
 * A record built to throw: text with the marker throws where it is lower-cased (the platform is made to throw,
 * the bundle is unchanged).
 */
const THROWER = `
  const lower = String.prototype.toLowerCase;
  String.prototype.toLowerCase = function () {
    if (this.includes(${JSON.stringify(THROW_MARKER)})) throw new Error('built to throw');
    return lower.call(this);
  };`;
const THROWER_SCRIPT = '/thrower.js';

/** The long animation frames, longest first, while the page's finder reads its directories, with no automation attached. */
async function framesWhileReading(name: string) {
  // Some 60 MB of hostile text to read: more than the default wait on a busy machine.
  const frames = await site.framesUnobserved(`${name}-unobserved`, 180_000);
  return { frames, longest: frames.length ? parseInt(frames[0]) : 0 };
}

describe('the CDN bundle on a strict-CSP page beside hostile directories', () => {
  it('reads them beside a good directory, ends each as it should, and keeps the good directory whole', async () => {
    const f = site.fixtures.url;
    const demo = ((await (await fetch(`${f}/demo-data.json`)).json()) as unknown[]).length;
    // For scale (printed only): the same page with the good directory alone.
    const alone = await framesWhileReading('good');
    const { frames, longest } = await framesWhileReading('hostile');
    const { page, errors, violations, sourceErrors, close } = await site.visit('hostile');
    page.setDefaultTimeout(180_000);
    try {
      await finderLoaded(page);
      console.log(
        `# longest frame while reading: ${longest} ms beside the hostile directories, ${alone.longest} ms with the good one alone; over ${LONG_FRAME_MS} ms: ${frames.filter((x) => parseInt(x) > LONG_FRAME_MS).join('; ') || 'none'}`,
      );
      const statuses = await page.evaluate(() => {
        const store = (
          document.querySelector('service-finder') as HTMLElement & { store: import('../../src/store/finder-store.js').FinderStore }
        ).store;
        return {
          statuses: store.statuses.map((s) => ({ url: s.directory.url, state: s.state, kind: s.error?.kind })),
          good: store.services.filter((s) => s.sources.some((r) => r.directory.url.endsWith('/dialects/oruk-v3'))).length,
          // Bodies of 2 MB and more are parsed off the page's thread, within the page's policy.
          worker: performance.getEntriesByType('resource').some((e) => /\/json-worker-[\w-]+\.js$/.test(e.name)),
        };
      });
      for (const s of statuses.statuses.filter((x) => hostile.has(x.url))) {
        const want = hostile.get(s.url)!;
        assert.equal(s.state, want.state, s.url);
        assert.equal(s.kind, want.kind, s.url);
      }
      assert.equal(statuses.good, demo, 'every record of the good directory');
      assert.ok(statuses.worker, 'the large bodies were parsed in the JSON worker');
      assert.deepEqual(await sourceErrors(), [`${f}/hostile/throw/organisation unreadable`]);
      assert.deepEqual(errors, [], 'no page error');
      assert.deepEqual(await violations(), [], 'no Content Security Policy violation');
    } finally {
      await close();
    }
  });
});
