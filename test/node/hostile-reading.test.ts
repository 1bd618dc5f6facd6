// Linear-time reading: every text field of every dialect, 200 KB of adversarial shapes, read over real HTTP. The
// reads run in a worker thread; a read still going after HANG_MS is ended and fails the test. A hang detector,
// not a speed target: a read of these directories takes well under a second on a quiet machine and a few on a
// busy one, while a pattern that scans a 200 KB field again from every position takes minutes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { HOSTILE_DIALECTS, HOSTILE_SHAPES, hostileRecords, hostileUrls, type HostileDialect } from '../fixtures/hostile.js';
import type { ReadOutcome } from './hostile-read-worker.js';

/** Longest a read of one hostile directory may take before it counts as hung. */
const HANG_MS = 30_000;

/**
 * The shapes every field of every dialect gets, each aimed at a kind of pattern: tags and hidden elements never
 * closed, runs of digits, times, slashes, hashes, commas, spaces and dots, character references never ended.
 * Every other shape (`HOSTILE_SHAPES`) reaches every dialect in its `mixed` directory, one shape per field.
 */
const EVERY_FIELD = ['scripts', 'digits', 'times', 'slashes', 'hashes', 'commas', 'spaces', 'references', 'dots'];

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server?.close());

/** Reads `urls` in a worker; rejects naming the read that was still going after HANG_MS. */
function readInWorker(urls: string[]): Promise<ReadOutcome[]> {
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./hostile-read-worker.ts', import.meta.url).href)}); })`,
    { eval: true, workerData: { urls } },
  );
  return new Promise((resolve, reject) => {
    const outcomes: ReadOutcome[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fail = (error: Error) => {
      clearTimeout(timer);
      void worker.terminate();
      reject(error);
    };
    worker.on('message', (m: { start?: string; done?: ReadOutcome }) => {
      clearTimeout(timer);
      if (m.start) timer = setTimeout(() => fail(new Error(`reading ${m.start} took over ${HANG_MS / 1000} s: it hangs`)), HANG_MS);
      if (m.done) outcomes.push(m.done);
      if (outcomes.length === urls.length) {
        void worker.terminate();
        resolve(outcomes);
      }
    });
    worker.on('error', fail);
  });
}

/** How many records a hostile directory (one address of it) holds. */
const recordsAt = (dialect: HostileDialect) => (dialect === 'snapshot' ? 1 : hostileRecords(dialect, () => '').length);

describe('linear-time reading: every text field of every dialect, 200 KB of adversarial shapes', () => {
  it('has shapes of at least 200 KB each', () => {
    for (const [name, text] of HOSTILE_SHAPES) assert.ok(text.length >= 204_800, `${name}: ${text.length}`);
  });

  for (const dialect of HOSTILE_DIALECTS) {
    // Placecube is read by the ORUK v1 reader (its full records through /services/{id}): its mixed directory shows the detail path.
    const shapes = dialect === 'placecube' ? ['mixed'] : [...EVERY_FIELD, 'mixed'];
    it(
      `${dialect}: ${shapes.length} directories read without hanging, every record read or reported`,
      { timeout: 20 * 60_000 },
      async () => {
        const urls = shapes.flatMap((shape) => hostileUrls(server.url, 'text', dialect, shape));
        const outcomes = await readInWorker(urls);
        for (const o of outcomes) {
          assert.equal(o.error, undefined, `${o.url}: ${o.error}`);
          // An OpenActive record is a series and a session, joined into one service (or left out with a reason).
          if (dialect !== 'openactive') assert.equal(o.services + o.skipped, recordsAt(dialect), `${o.url}: every record read or reported`);
          else assert.ok(o.services > 0, `${o.url}: series read`);
        }
        const worst = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
        console.log(`# ${dialect}: ${outcomes.length} reads, slowest ${Math.round(worst.ms)} ms (${worst.url.replace(server.url, '')})`);
      },
    );
  }
});
