/**
 * The CDN bundle's sizes as Vite reports them when it builds (its "gzip:" column, in kB of 1,000 bytes): the
 * figures people see and quote. Enforced by test/node/size.test.ts; the first file's is printed by
 * `npm run bench -- first` beside the first result it holds up. Node only.
 */
import { build, createLogger } from 'vite';

/** The main file: what every page with a finder downloads first; everything else waits for it. */
export const MAIN_FILE = 'service-finder.js';

/** Budgets in kB of gzip. The main file is what every page with a finder downloads. */
export const BUDGETS = {
  main: 60,
  map: 55,
  sanitiser: 14,
  virtualizer: 10,
  openactive: 8,
  welsh: 6,
  calendar: 8,
  ics: 4,
  staticIndex: 5,
  jsonWorker: 2,
};

export interface BuiltBundle {
  /** Vite's gzip figure for each file it reported (it reports none for a worker's file). */
  sizes: Map<string, number>;
  /** The files each file imports statically, as the bundler wrote them. */
  staticImports: Map<string, string[]>;
}

/** Builds the CDN bundle (`vite.lib.config.ts`) into `outDir`, or its own folder, and reads Vite's report of it. */
export async function buildBundle(outDir?: string): Promise<BuiltBundle> {
  const reported: string[] = [];
  const logger = createLogger('info');
  logger.info = (message) => void reported.push(message);
  const output = await build({
    configFile: new URL('../vite.lib.config.ts', import.meta.url).pathname,
    logLevel: 'info',
    customLogger: logger,
    build: outDir ? { outDir } : {},
  });
  const staticImports = new Map<string, string[]>();
  for (const out of [output].flat()) {
    if (!('output' in out)) continue;
    for (const file of out.output) if (file.type === 'chunk') staticImports.set(file.fileName, file.imports);
  }
  const sizes = new Map<string, number>();
  // "…/service-finder.js   182.63 kB │ gzip: 59.30 kB"
  for (const line of reported.join('\n').split('\n')) {
    const match = /([^/\s]+\.js)\s+[\d.]+ kB\s+│ gzip:\s+([\d.]+) kB/.exec(line);
    if (match) sizes.set(match[1], Number(match[2]));
  }
  return { sizes, staticImports };
}
