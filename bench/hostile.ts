/**
 * `npm run bench -- hostile`: every adversarial shape (test/fixtures/hostile.ts) in every text field of every
 * dialect, 200 KB a field, read over HTTP from the fixture server, one directory at a time in a worker thread
 * (the server answers from this one). Prints, per dialect, the slowest shape and the median read, and the worst
 * case of all. Reads about 2.5 GB of JSON: it runs only when named.
 */
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { startFixtureServer } from '../test/fixtures/server.js';
import { HOSTILE_DIALECTS, HOSTILE_SHAPES, hostileUrls } from '../test/fixtures/hostile.js';
import type { ReadOutcome } from '../test/node/hostile-read-worker.js';

const WORKER = new URL('../test/node/hostile-read-worker.ts', import.meta.url).href;

/** Reads `urls` one by one in a worker; a read's time includes receiving and parsing its pages. */
function readAll(urls: string[]): Promise<ReadOutcome[]> {
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`, {
    eval: true,
    workerData: { urls },
  });
  return new Promise((resolve, reject) => {
    const outcomes: ReadOutcome[] = [];
    worker.on('message', (m: { done?: ReadOutcome }) => {
      if (m.done) outcomes.push(m.done);
      if (outcomes.length === urls.length) void worker.terminate().then(() => resolve(outcomes));
    });
    worker.on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchHostile(): Promise<void> {
  const server = await startFixtureServer();
  const shapes = [...HOSTILE_SHAPES.keys(), 'mixed'];
  console.log(`\nHostile directories: ${shapes.length} shapes in every text field of ${HOSTILE_DIALECTS.length} dialects, 200 KB a field`);
  console.log(
    `  load average ${loadavg()[0].toFixed(2)} at the start (timings are wall-clock and include receiving and parsing the pages)`,
  );
  try {
    const [normal] = await readAll([`${server.url}/dialects/oruk-v3`]);
    console.log(`  for scale: the 400-record demo directory (ORUK v3) read in ${Math.round(normal.ms)} ms`);
    let worst: { dialect: string; shape: string; ms: number } | undefined;
    for (const dialect of HOSTILE_DIALECTS) {
      const reads: Array<{ shape: string; ms: number; error?: string }> = [];
      for (const shape of shapes) {
        const outcomes = await readAll(hostileUrls(server.url, 'text', dialect, shape));
        const ms = outcomes.reduce((n, o) => n + o.ms, 0);
        reads.push({ shape, ms, error: outcomes.find((o) => o.error)?.error });
      }
      const slowest = reads.reduce((a, b) => (b.ms > a.ms ? b : a));
      if (!worst || slowest.ms > worst.ms) worst = { dialect, ...slowest };
      const failed = reads.filter((r) => r.error);
      console.log(
        `  ${dialect.padEnd(11)} median ${String(Math.round(median(reads.map((r) => r.ms)))).padStart(6)} ms, slowest ${String(Math.round(slowest.ms)).padStart(6)} ms (${slowest.shape})${failed.length ? `; ${failed.length} failed: ${failed[0].shape}: ${failed[0].error}` : ''}`,
      );
    }
    console.log(
      `  worst case: ${worst!.dialect} / ${worst!.shape}, ${Math.round(worst!.ms)} ms; load average ${loadavg()[0].toFixed(2)} at the end`,
    );
  } finally {
    await server.close();
  }
}
