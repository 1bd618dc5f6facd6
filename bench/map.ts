/**
 * The map bench: in headless Chromium (playwright-core), the time to build the
 * cluster index for 10,000 points, and the time `<sf-map>` takes to redraw
 * after a pan or a zoom at three zoom levels (city, district, street). A
 * redraw is timed from the move to the end of style and layout (Leaflet's
 * moveend, the cluster query, markers added and removed, a forced layout);
 * painting is not included.
 * Prints a table. `benchMap()` is called by bench/run.ts; run alone with
 * `node --import tsx bench/map.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MapBenchResult } from './map-entry.js';
import { bundleForPage } from './bundle.js';
import { findChromium, launchChromium } from '../test/chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A redraw should fit in one frame at 60 Hz. */
const TARGET_REDRAW_MS = 16;

export interface MapBenchOptions {
  points?: number;
  zooms?: number[];
  /** Print the table (default true). */
  print?: boolean;
}

/** Runs the map bench; resolves with the figures, or a reason it was skipped. */
export async function benchMap({ points = 10_000, zooms = [10, 13, 16], print = true }: MapBenchOptions = {}): Promise<
  MapBenchResult | string
> {
  const exe = findChromium();
  if (!exe) return report('skipped: no /usr/bin/chromium', print);
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-map-'));
  try {
    const script = await bundleForPage(join(root, 'bench/map-entry.ts'), dir);
    const browser = await launchChromium([], exe);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent('<!doctype html><html lang="en"><title>map bench</title><body style="margin:0"></body></html>');
      await page.addScriptTag({ content: script });
      const result = await page.evaluate(([n, z]) => window.runMapBench(n, z), [points, zooms] as const);
      if (print) printTable(result, browser.version());
      return result;
    } finally {
      await browser.close();
    }
  } catch (error) {
    return report(`failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, print);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(reason: string, print: boolean): string {
  if (print) console.log(`\nMap (Chromium): ${reason}`);
  return reason;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const ok = (ms: number) => (ms < TARGET_REDRAW_MS ? `met (< ${TARGET_REDRAW_MS} ms)` : `NOT met (< ${TARGET_REDRAW_MS} ms)`);

function printTable(r: MapBenchResult, version: string): void {
  const n = r.points.toLocaleString('en-GB');
  const rows: string[][] = [
    [`group ${n} points by address (${r.groups.toLocaleString('en-GB')} addresses; first run)`, fmt(r.groupFirstMs), ''],
    [`group by address (median of 5)`, fmt(r.groupMedianMs), ''],
    [`build cluster index, ${r.groups.toLocaleString('en-GB')} addresses (first run)`, fmt(r.indexFirstMs), ''],
    [`build cluster index (median of 5)`, fmt(r.indexMedianMs), ''],
    [`first draw of ${n} results (index + fit + markers)`, fmt(r.firstDrawMs), ''],
  ];
  for (const l of r.levels) {
    const shown = `${l.markers} markers, ${l.clusters} clusters`;
    rows.push([`zoom ${l.zoom} (${shown}): redraw after a pan (median of 10)`, fmt(l.panMs), ok(l.panMs)]);
    rows.push([`zoom ${l.zoom}: redraw after zooming in from ${l.zoom - 1} (median of 5)`, fmt(l.zoomMs), ok(l.zoomMs)]);
  }
  const w = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(`\nMap, Chromium ${version}`);
  for (const row of rows) console.log(`  ${row[0].padEnd(w[0])}  ${row[1].padStart(w[1])}  ${row[2]}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchMap();
