#!/usr/bin/env node
/**
 * service-finder: check, search and harvest ORUK directories from the command line.
 *
 *   service-finder check <url>
 *   service-finder search <url>… [--text T] [--age N] [--access A] [--day MO] [--time morning] …
 *   service-finder harvest <url>… --out snapshot.json
 *   service-finder harvest <url>… --index DIR [--refresh]
 *   service-finder needs [<url>…] [--json] [--full]
 *   service-finder compare <url>… [--json] [--html FILE] [--csv DIR]
 */
import { realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ACCESS_TYPES,
  AGE_BANDS,
  ATTENDANCE_MODES,
  PARTS_OF_DAY,
  SORTS,
  WEEKDAYS,
  type DirectoryRef,
  type Query,
  type Service,
  SourceError,
} from '../model/index.js';
import { directoryRef, readDirectory, type Snapshot } from '../sources/index.js';
import { postcodesIoGeocoder } from '../engine/index.js';
import { FinderStore } from '../store/finder-store.js';
import { checkReport, skippedRecords } from '../sources/check.js';
import { formatCheck } from './check.js';
import { countNeeds, formatNeeds, loadVocabulary, vocabularyFile, vocabularyOption } from './needs.js';
import { harvestIndex } from './harvest-index.js';
import { COMPRESSIONS, type Compression } from './index/files.js';
import { printable } from './terminal.js';
import { compareCommand } from './compare.js';
import { UsageError } from './usage.js';

const USAGE = `Usage:
  service-finder check <url> [--max-pages N] [--timeout S] [--json]
      Reads a whole directory and reports what a finder can use from it.
  service-finder search <url>… [--index MANIFEST-URL] [filters] [--json] [--limit N]
      Blends the directories (and the cells of an index near --near) and prints the services that match.
      Filters: --need ID[,ID]  --text WORDS  --age N | --age-band ${AGE_BANDS.join('|')}
               --access ${ACCESS_TYPES.join(',')}
               --attendance ${ATTENDANCE_MODES.join(',')}
               --day ${WEEKDAYS.join(',')}  --time ${PARTS_OF_DAY.join(',')}  --date YYYY-MM-DD  --open-now
               --near POSTCODE|PLACE|LAT,LNG  --radius KM  --geocoder URL  --full-postcode
               --category NAME  --eligibility NAME  --free  --strict  --hide-stale
               --sort ${SORTS.join('|')}
  service-finder harvest <url>… --out FILE [--details]
      Reads whole directories into one snapshot file that the elements can load from any web host.
  service-finder harvest <url>… --index DIR [--cell-size N] [--compress ${COMPRESSIONS.join(',')}|none] [--details]
      Writes a static index: services in map cells, read by the elements a few cells at a time (docs/static-index.md).
  service-finder harvest [<url>…] --index DIR --refresh [--since ISO-DATE-TIME]
      Reads what changed since the index was built and rewrites only the cells it changes.
  service-finder needs [<url>…] [--json] [--full]
      Lists the needs vocabulary (id, label, labelCy); with directories, how many services each need
      finds in each; --full writes the whole vocabulary as a file to start your own from.
  service-finder compare <url> <url>… [--json] [--html FILE] [--csv DIR] [--as-of YYYY-MM-DD]
      Which services the directories share, where their copies disagree, near misses, and each
      directory's stale, incomplete or personal-looking records (docs/compare.md).
Common: --max-pages N (default 200)  --timeout S (per request, default 20)
        --vocabulary URL|FILE (a needs vocabulary that extends or replaces the shipped one)`;

const options = {
  json: { type: 'boolean' },
  limit: { type: 'string' },
  'max-pages': { type: 'string' },
  timeout: { type: 'string' },
  text: { type: 'string' },
  need: { type: 'string', multiple: true },
  vocabulary: { type: 'string' },
  full: { type: 'boolean' },
  age: { type: 'string' },
  'age-band': { type: 'string' },
  access: { type: 'string' },
  attendance: { type: 'string' },
  day: { type: 'string' },
  time: { type: 'string' },
  date: { type: 'string' },
  'open-now': { type: 'boolean' },
  near: { type: 'string' },
  radius: { type: 'string' },
  geocoder: { type: 'string' },
  'full-postcode': { type: 'boolean' },
  category: { type: 'string', multiple: true },
  eligibility: { type: 'string', multiple: true },
  free: { type: 'boolean' },
  strict: { type: 'boolean' },
  'hide-stale': { type: 'boolean' },
  sort: { type: 'string' },
  out: { type: 'string' },
  details: { type: 'boolean' },
  index: { type: 'string' },
  refresh: { type: 'boolean' },
  since: { type: 'string' },
  'cell-size': { type: 'string' },
  compress: { type: 'string' },
  html: { type: 'string' },
  csv: { type: 'string' },
  'as-of': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

/** Splits "a,b" and checks each item against the allowed values. */
function list<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new UsageError(`--${flag}: "${item}" is not one of ${allowed.join(', ')}`);
  }
  return items as T[];
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} needs a number, not "${value}"`);
  return n;
}

/** Builds a Query from the command-line flags. */
export function queryFromFlags(v: Values): Query {
  const needs = v.need
    ?.flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  const query: Query = {
    text: v.text,
    needs: needs?.length ? needs : undefined,
    age: number(v.age, 'age'),
    ageBand: list(v['age-band'], AGE_BANDS, 'age-band')?.[0],
    access: list(v.access, ACCESS_TYPES, 'access'),
    attendance: list(v.attendance, ATTENDANCE_MODES, 'attendance'),
    days: list(v.day?.toUpperCase(), WEEKDAYS, 'day'),
    partsOfDay: list(v.time, PARTS_OF_DAY, 'time'),
    date: v.date,
    openNow: v['open-now'],
    place: v.near,
    radiusKm: number(v.radius, 'radius') ?? (v.near ? 5 : undefined),
    categories: v.category,
    eligibility: v.eligibility,
    free: v.free,
    strict: v.strict,
    hideStale: v['hide-stale'],
    sort: list(v.sort, SORTS, 'sort')?.[0],
  };
  if (query.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(query.date)) {
    throw new UsageError(`--date needs YYYY-MM-DD, not "${query.date}"`);
  }
  return query;
}

function readOptions(v: Values) {
  return {
    maxPages: number(v['max-pages'], 'max-pages'),
    timeoutMs: v.timeout === undefined ? undefined : number(v.timeout, 'timeout')! * 1000,
  };
}

async function check(urls: string[], v: Values, out: (s: string) => void): Promise<number> {
  if (urls.length !== 1) throw new UsageError('check takes exactly one URL');
  const report = await checkReport(urls[0], readOptions(v));
  out(v.json ? JSON.stringify(report, null, 2) : formatCheck(report));
  return report.readable ? 0 : 1;
}

async function searchCommand(urls: string[], v: Values, out: (s: string) => void): Promise<number> {
  if (urls.length === 0 && !v.index) throw new UsageError('search needs at least one directory URL or --index MANIFEST-URL');
  const query = queryFromFlags(v);
  const store = new FinderStore({
    endpoints: urls,
    index: v.index ? [v.index] : undefined,
    ...readOptions(v),
    geocoder: postcodesIoGeocoder({ baseUrl: v.geocoder, fullPostcode: v['full-postcode'] }),
    vocabulary: await vocabularyOption(v.vocabulary),
  });
  if (query.needs) {
    await store.loadNeeds();
    const known = new Set(store.vocabulary?.needs.map((n) => n.id));
    const unknown = query.needs.find((id) => !known.has(id));
    if (unknown) throw new UsageError(`--need: "${unknown}" is not a need in the vocabulary (service-finder needs lists them)`);
  }
  await store.setQuery(query, { replace: true });
  await store.load();
  const limit = number(v.limit, 'limit') ?? (v.json ? Infinity : 20);
  const results = store.results.slice(0, limit);
  const sources = store.statuses.map((s) => ({
    url: s.directory.url,
    id: s.directory.id,
    dialect: s.dialect,
    state: s.state,
    pages: s.pagesRead,
    count: s.records,
    skipped: skippedRecords(s.problems),
    error: s.error?.message,
  }));
  if (v.json) {
    out(
      JSON.stringify(
        {
          query: store.query,
          placeError: store.placeError,
          total: store.total,
          matched: store.matched,
          partial: store.partial,
          merged: store.merged,
          results: results.map((r) => ({
            key: r.service.key,
            name: r.service.name,
            directory: r.service.directory.name,
            directories: r.service.sources.map((s) => s.directory.name),
            keys: r.service.sources.map((s) => s.key),
            organisation: r.service.organisation?.name,
            distanceKm: r.distanceKm === undefined ? undefined : Math.round(r.distanceKm * 100) / 100,
            partial: r.partial,
            explanations: r.explanations.map((e) => `${e.field}: ${e.detail}`),
            assuredDate: r.service.assuredDate,
            url: r.service.url,
          })),
          sources,
        },
        null,
        2,
      ),
    );
  } else {
    const line = (s: string) => out(printable(s));
    for (const s of sources) {
      line(`# ${s.id}: ${s.state}, ${s.count} records in ${s.pages} pages${s.error ? ` — ${s.error}` : ''}`);
    }
    if (store.placeError) line(`# The place "${query.place}" could not be found, so distance is not used.`);
    line(
      `# ${store.matched} match, ${store.partial} more do not say, of ${store.total} services (${store.merged} duplicate records merged)`,
    );
    for (const r of results) {
      const where = r.distanceKm === undefined ? '' : ` (${r.distanceKm.toFixed(1)} km)`;
      line(`${r.partial ? '?' : '*'} ${r.service.name}${where} — ${r.service.sources.map((s) => s.directory.name).join(', ')}`);
      for (const e of r.explanations) line(`    ${e.field}: ${e.detail}`);
    }
  }
  return store.statuses.every((s) => s.state === 'failed') ? 1 : 0;
}

async function harvest(urls: string[], v: Values, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (v.index) return harvestIndexCommand(urls, v, out, err);
  if (urls.length === 0) throw new UsageError('harvest needs at least one directory URL');
  if (!v.out) throw new UsageError('harvest needs --out FILE or --index DIR');
  const services: Service[] = [];
  const directories: DirectoryRef[] = [];
  let failed = 0;
  for (const url of urls) {
    // Named as the reader names it (several OpenActive feeds are one directory, named by the first).
    let directory: DirectoryRef | undefined;
    let count = 0;
    try {
      for await (const page of readDirectory(url, { ...readOptions(v), details: v.details })) {
        directory = page.directory;
        for (const service of page.services) services.push(service); // one call per page could overflow the stack
        count += page.services.length;
        err(printable(`${directory.id}: page ${page.page}${page.totalPages ? ` of ${page.totalPages}` : ''}, ${count} records`));
      }
      if (directory) directories.push(directory);
    } catch (e) {
      failed++;
      err(printable(`${(directory ?? directoryRef(url)).id}: ${e instanceof SourceError ? e.message : String(e)}`));
      if (directory && count > 0) directories.push(directory);
    }
  }
  const snapshot: Snapshot = {
    format: 'service-finder-snapshot',
    version: 1,
    generated: new Date().toISOString(),
    directories,
    services,
  };
  await writeFile(v.out, JSON.stringify(snapshot));
  out(`Wrote ${services.length} services from ${directories.length} directories to ${v.out}`);
  return failed === urls.length ? 1 : 0;
}

async function needsCommand(urls: string[], v: Values, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const options = readOptions(v);
  const { compiled, error, problems } = await loadVocabulary(await vocabularyOption(v.vocabulary), options.timeoutMs);
  for (const p of problems) err(`vocabulary: ${p}`);
  if (error) err(error);
  if (v.full) {
    out(JSON.stringify(vocabularyFile(compiled), null, 2));
    return error ? 1 : 0;
  }
  const { directories, needs } = urls.length
    ? await countNeeds(compiled, urls, options, err)
    : { directories: [], needs: compiled.needs.map((n) => ({ id: n.id, label: n.label, labelCy: n.labelCy, counts: {} })) };
  if (v.json) {
    const list = needs.map(({ counts, ...n }) => (urls.length ? { ...n, counts } : n));
    out(JSON.stringify(urls.length ? { directories, needs: list } : list, null, 2));
  } else out(formatNeeds(needs, directories));
  return error || (directories.length && directories.every((d) => d.error)) ? 1 : 0;
}

function harvestIndexCommand(urls: string[], v: Values, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (urls.length === 0 && !v.refresh) throw new UsageError('harvest --index needs at least one directory URL (or --refresh)');
  if (v.since !== undefined && (!v.refresh || !Number.isFinite(Date.parse(v.since))))
    throw new UsageError(`--since needs --refresh and a date-time (2026-05-01T00:00:00Z), not "${v.since}"`);
  const cellSize = number(v['cell-size'], 'cell-size');
  if (cellSize !== undefined && (!Number.isInteger(cellSize) || cellSize < 1)) throw new UsageError('--cell-size needs a whole number');
  const compress = v.compress === 'none' ? [] : list(v.compress, COMPRESSIONS, 'compress');
  return harvestIndex(
    urls,
    {
      dir: v.index!,
      refresh: v.refresh,
      since: v.since,
      cellSize,
      compress: compress as Compression[] | undefined,
      read: { ...readOptions(v), details: v.details },
    },
    out,
    err,
  );
}

/** Runs the CLI; returns the exit status. Exported for tests. */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => console.log(s),
  err: (s: string) => void = (s) => console.error(s),
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
    const [command, ...urls] = positionals;
    if (values.help || !command) {
      out(USAGE);
      return values.help ? 0 : 2;
    }
    if (command === 'check') return await check(urls, values, out);
    if (command === 'search') return await searchCommand(urls, values, out);
    if (command === 'harvest') return await harvest(urls, values, out, err);
    if (command === 'needs') return await needsCommand(urls, values, out, err);
    if (command === 'compare') return await compareCommand(urls, { ...values, ...readOptions(values) }, out, err);
    throw new UsageError(`Unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e)) {
      err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
