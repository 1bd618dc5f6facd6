/**
 * Reads directories one after another for test/node/hostile-reading.test.ts, in a worker thread: a read that
 * hangs (a pattern scanning a long field again and again) holds this thread only, and the test, whose thread
 * keeps its timers, ends it. Posts `{ start: url }` before each read and its outcome after.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readDirectory } from '../../src/sources/index.js';
import { SourceError } from '../../src/model/index.js';
import { readPages } from '../helpers.js';

export interface ReadOutcome {
  url: string;
  ms: number;
  services: number;
  skipped: number;
  error?: string;
}

for (const url of (workerData as { urls: string[] }).urls) {
  parentPort!.postMessage({ start: url });
  const started = performance.now();
  const { services, problems, error } = await readPages(readDirectory(url, { cacheMs: 0 }));
  const outcome: ReadOutcome = {
    url,
    ms: performance.now() - started,
    services: services.length,
    skipped: problems.filter((p) => p.skipped).reduce((n, p) => n + (p.count ?? 1), 0),
    error: error === undefined ? undefined : error instanceof SourceError ? `${error.kind}: ${error.message}` : String(error),
  };
  parentPort!.postMessage({ done: outcome });
}
