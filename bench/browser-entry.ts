/** Bundled by bench/run.ts and loaded into Chromium: the same measure() as in Node. */
import { buildRecords } from './data.js';
import { measure } from './measure.js';

declare global {
  interface Window {
    runBench(bases: Parameters<typeof buildRecords>[0]): { measures: Omit<ReturnType<typeof measure>, 'keep'>; heapMB?: number };
  }
}

window.runBench = (bases) => {
  const { byDirectory } = buildRecords(bases);
  const { keep, ...measures } = measure(byDirectory);
  (globalThis as { gc?: () => void }).gc?.();
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  const heapMB = memory ? memory.usedJSHeapSize / 1048576 : undefined;
  void keep; // alive until the heap was read
  return { measures, heapMB };
};
