/**
 * `service-finder harvest URL… --index DIR`: reads directories into a static index (see
 * src/model/static-index.ts for its files) that any web host can serve, built in passes over a
 * record store on disk so that memory holds one region at a time, whatever the country holds.
 * `--refresh` reads only what changed since the last run and re-cuts only the regions it touches;
 * cells whose content is unchanged keep their names and are not written again.
 *
 * The passes: read the directories, spilling records to disk by region (`readAll`); merge them into the
 * store, dropping the earlier copies they replace (`merge`); cut the changed regions into cells (`cut`);
 * write the manifest and its parts, then remove what no manifest lists.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Service } from '../../model/index.js';
import {
  CELL_FORMAT,
  INDEX_FORMAT,
  INDEX_VERSION,
  indexFilePath,
  tileBounds,
  tileId,
  type CellEntry,
  type IndexDirectory,
  type IndexManifest,
  type UnlocatedEntry,
} from '../../model/static-index.js';
import { Vocabulary, writeUnlocated } from './categories.js';
import { IndexFiles, indexFileJson, type Compression } from './files.js';
import { groups, leafJson, partition } from './partition.js';
import { directoryOfKey, lines, parseKeyLine, RecordStore, Spill } from './records.js';
import { readSource, sourceFor, type ReadContext, type SourceState } from './read.js';
import { byId, layout } from './tree.js';

/** Most services in one cell by default: about 100 KB gzip of typical records, well inside a first read of 300 KB. */
export const DEFAULT_CELL_SIZE = 400;
/** Directories read at once: their servers answer while the builder files what the others sent. */
const READ_AT_ONCE = 4;
const STATE_FORMAT = 'service-finder-index-state';

export interface IndexBuildOptions {
  /** The index's folder: what a host publishes, with the builder's own store in `.harvest/`. */
  dir: string;
  /** Directories to read; on a refresh, those to refresh (default: every one the index has). */
  urls: string[];
  /** Read changes since the last run instead of everything. */
  refresh?: boolean;
  /** On a refresh, ask for changes since this time instead of each directory's last read. */
  since?: string;
  cellSize?: number;
  compress?: Compression[];
  read?: ReadContext['options'];
  /** The time of the reads (tests, SOURCE_DATE_EPOCH). */
  now?: Date;
  log?: (line: string) => void;
}

export interface IndexBuildResult {
  manifest: IndexManifest;
  /** Files written by this run, relative to the index's folder. */
  written: string[];
  /** Files no manifest lists any more, removed. */
  removed: number;
  /** Directories that could not be read at all. */
  failed: number;
}

/** The cells cut from one group of regions, kept between runs so that unchanged groups are not cut again. */
interface Group {
  id: string;
  regions: string[];
  cells: CellEntry[];
}

interface State {
  format: typeof STATE_FORMAT;
  version: 1;
  cellSize: number;
  directories: SourceState[];
  /** Records per region. */
  regions: Array<[string, number]>;
  groups: Group[];
  unlocated: UnlocatedEntry[];
  /** Files the manifest lists: kept through the next run for a page that read it just before. */
  listed: string[];
}

async function loadState(path: string): Promise<State | undefined> {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(await readFile(path, 'utf8')) as State;
  if (state.format !== STATE_FORMAT) throw new Error(`${path} is not an index builder's state file.`);
  return state;
}

async function endStream(out: ReturnType<typeof createWriteStream>): Promise<void> {
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

interface Run {
  options: IndexBuildOptions;
  harvest: string;
  store: RecordStore;
  files: IndexFiles;
  previous?: State;
  refresh: boolean;
  cellSize: number;
  now: Date;
  log: (line: string) => void;
}

/** What reading gave: each directory's state, and which earlier records go. */
interface Reads {
  spill: Spill;
  sources: SourceState[];
  /** Drops an earlier record (its directory was read whole, or it was read again). */
  drop: (key: string) => boolean;
  failed: number;
}

/** Reads the directories of this run, a few at once, spilling their records to disk as they arrive. */
async function readAll(run: Run): Promise<Reads> {
  const { options, previous, refresh } = run;
  const known = new Map((previous?.directories ?? []).map((d) => [d.id, d]));
  const named = new Map<string, SourceState>();
  for (const url of options.urls) {
    const fresh = sourceFor(url);
    if (!named.has(fresh.id)) named.set(fresh.id, refresh ? sourceFor(url, known.get(fresh.id)) : fresh);
  }
  const toRead = refresh && !options.urls.length ? previous!.directories : [...named.values()];
  const sources = refresh ? previous!.directories.filter((d) => !toRead.some((r) => r.id === d.id)) : [];

  const spill = new Spill(join(run.harvest, 'new'));
  await spill.open();
  const complete = new Set<string>();
  const changed = new Set<string>();
  let failed = 0;
  const readOne = async (source: SourceState) => {
    const resume = refresh && known.has(source.id);
    // Keys read from a directory that gives only changes: their earlier copies go, the rest stay.
    const keys: string[] = [];
    const outcome = await readSource(source, {
      resume,
      since: options.since,
      itemsPath: join(run.harvest, 'rpde', `${source.id}.ndjson`),
      now: run.now,
      options: options.read ?? {},
      take: (services: Service[]) => {
        for (const s of services) {
          const r = spill.add(s);
          if (resume) keys.push(r.key);
        }
      },
      log: run.log,
    });
    if (outcome.complete) complete.add(source.id);
    else for (const k of keys) changed.add(k);
    if (outcome.source.state === 'failed') failed++;
    sources.push(outcome.source);
  };
  const queue = [...toRead];
  const reader = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await readOne(next);
  };
  await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, queue.length) }, reader));
  spill.close();
  sources.sort(byId);
  return { spill, sources, drop: (key) => complete.has(directoryOfKey(key)) || changed.has(key), failed };
}

/** The store after merging: records per region, which regions changed, and the counts the manifest gives. */
interface Merged {
  counts: Map<string, number>;
  affected: Set<string>;
  unlocatedChanged: boolean;
  vocabulary: Vocabulary;
  perDirectory: Map<string, number>;
  total: number;
}

/** Merges this run's records into the store: earlier lines that stay, then the new ones, a region at a time. */
async function merge(run: Run, { spill, drop }: Reads): Promise<Merged> {
  const { store } = run;
  const merged: Merged = {
    counts: new Map(run.refresh ? run.previous!.regions : []),
    affected: new Set(spill.regions.keys()),
    unlocatedChanged: spill.unlocated > 0,
    vocabulary: new Vocabulary(),
    perDirectory: new Map(),
    total: 0,
  };
  const keysOut = createWriteStream(`${store.keysPath}.tmp`);
  const keep = async (line: string) => {
    const k = parseKeyLine(line);
    merged.vocabulary.add(k.categories);
    const dir = directoryOfKey(k.key);
    merged.perDirectory.set(dir, (merged.perDirectory.get(dir) ?? 0) + 1);
    merged.total++;
    if (!keysOut.write(`${line}\n`)) await new Promise<void>((r) => keysOut.once('drain', () => r()));
  };
  for await (const line of lines(store.keysPath)) {
    const k = parseKeyLine(line);
    if (!drop(k.key)) await keep(line);
    else {
      for (const r of k.regions) merged.affected.add(r);
      if (!k.regions.length) merged.unlocatedChanged = true;
    }
  }
  for await (const line of lines(join(spill.dir, 'keys.tsv'))) await keep(line);
  await endStream(keysOut);
  await rename(`${store.keysPath}.tmp`, store.keysPath);

  for (const region of [...merged.affected].sort()) {
    const added = { path: join(spill.dir, 'regions', `${region}.tsv`), count: spill.regions.get(region) ?? 0 };
    const n = await store.rewrite(store.regionPath(region), drop, added);
    if (n) merged.counts.set(region, n);
    else merged.counts.delete(region);
  }
  if (merged.unlocatedChanged)
    await store.rewrite(store.unlocatedPath, drop, { path: join(spill.dir, 'unlocated.tsv'), count: spill.unlocated });
  await rm(spill.dir, { recursive: true, force: true });
  return merged;
}

/** Cuts the groups whose records changed into cells, and keeps the cells of the others. */
async function cut(run: Run, { counts, affected }: Merged, recut: boolean): Promise<Group[]> {
  const before = new Map((run.previous?.groups ?? []).map((g) => [g.id, g]));
  const out: Group[] = [];
  const plan = groups(counts, run.cellSize);
  for (const [i, g] of plan.entries()) {
    const id = tileId(g.tile);
    const old = before.get(id);
    if (!recut && old && old.regions.join() === g.regions.join() && !g.regions.some((r) => affected.has(r))) {
      out.push(old);
      continue;
    }
    const records = await run.store.load(g.regions.map(run.store.regionPath));
    const cells: CellEntry[] = [];
    for (const leaf of partition(g.tile, records, run.cellSize)) {
      const cellId = tileId(leaf.tile);
      const w = await run.files.put('cells', cellId, indexFileJson(CELL_FORMAT, cellId, leafJson(leaf)));
      cells.push({ id: cellId, bounds: tileBounds(leaf.tile), count: leaf.records.length, bytes: w.bytes, sha256: w.sha256 });
    }
    out.push({ id, regions: g.regions, cells });
    if ((i + 1) % 50 === 0) run.log(`cells: ${i + 1} of ${plan.length} regions cut`);
  }
  return out;
}

export async function buildIndex(options: IndexBuildOptions): Promise<IndexBuildResult> {
  const harvest = join(options.dir, '.harvest');
  const statePath = join(harvest, 'state.json');
  const previous = await loadState(statePath);
  if (options.refresh && !previous)
    throw new Error(`There is no index to refresh in ${options.dir}: build one first (harvest URL… --index ${options.dir}).`);
  const refresh = !!options.refresh;
  const cellSize = options.cellSize ?? previous?.cellSize ?? DEFAULT_CELL_SIZE;
  const run: Run = {
    options,
    harvest,
    store: new RecordStore(harvest),
    files: new IndexFiles(options.dir, options.compress ?? ['gzip', 'br']),
    previous,
    refresh,
    cellSize,
    now: options.now ?? new Date(),
    log: options.log ?? (() => {}),
  };
  await mkdir(join(harvest, 'rpde'), { recursive: true });
  await run.files.prepare();
  if (!refresh) await run.store.clear();

  const reads = await readAll(run);
  const merged = await merge(run, reads);
  // Cells are cut again everywhere on a full build or a new cell size; otherwise only where records changed.
  const recut = !refresh || previous!.cellSize !== cellSize;
  const cutGroups = await cut(run, merged, recut);
  const cells = cutGroups.flatMap((g) => g.cells);
  const unlocated =
    merged.unlocatedChanged || recut
      ? await writeUnlocated(await run.store.load([run.store.unlocatedPath]), cellSize, run.files)
      : previous!.unlocated;

  const entries = await layout(cells, run.files);
  const directories: IndexDirectory[] = reads.sources.map(({ refresh: _r, feeds: _f, ...d }) => ({
    ...d,
    records: merged.perDirectory.get(d.id) ?? 0,
  }));
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    generated: directories.reduce((latest, d) => (d.lastRead && d.lastRead > latest ? d.lastRead : latest), '') || run.now.toISOString(),
    cellSize,
    services: merged.total,
    directories,
    vocabulary: { categories: merged.vocabulary.list() },
    unlocated,
    cells: entries.cells,
    parts: entries.parts,
  };
  // Every file is written before the manifest that lists it.
  await run.files.settle();
  const listed = [
    ...unlocated.map((e) => indexFilePath('unlocated', e.id, e.sha256)),
    ...cells.map((e) => indexFilePath('cells', e.id, e.sha256)),
    ...entries.paths,
  ];
  await run.files.replace('manifest.json', JSON.stringify(manifest));
  const removed = await run.files.prune(new Set([...listed, ...(previous?.listed ?? [])]));

  const state: State = {
    format: STATE_FORMAT,
    version: 1,
    cellSize,
    directories: reads.sources.map((s) => ({ ...s, records: merged.perDirectory.get(s.id) ?? 0 })),
    regions: [...merged.counts].sort(([a], [b]) => (a < b ? -1 : 1)),
    groups: cutGroups,
    unlocated,
    listed,
  };
  await writeFile(`${statePath}.tmp`, JSON.stringify(state));
  await rename(`${statePath}.tmp`, statePath);
  return { manifest, written: run.files.written, removed, failed: reads.failed };
}
